//! The departments' district figures against the wards'. For an indicator
//! of level `both`, the responsible department (`reported_by`) states the
//! district figure and every ward states its own; the district figure must
//! equal the sum of the wards' within the half-units of every figure
//! (`total-mismatch`). The finding lists the wards' figures and points at
//! the row of the "Chi tiết theo đơn vị" sheet that shows them side by
//! side.
//!
//! Missing is not zero. When a ward that sent its workbook and must report
//! the indicator has no figure in that column (it sent no such column, left
//! the cell empty, wrote something that is not a number) or its figure is
//! itself an error (its parts do not add up, it is negative…), the sum of
//! the wards is not the district's: the comparison is not made, and one
//! `total-unchecked` info per department, column and set of such wards
//! names them and the indicators left unchecked. Only a district figure
//! below what the known wards already add up to (for figures that cannot
//! be negative) is still a `total-mismatch`: no unknown figure can mend it.
//! A unit whose submission an error disputes as a whole (one file per
//! former commune, only one used: its figures are not the unit's whole)
//! is unknown in every figure, as such a ward is.
//! A ward whose TH and LK columns look swapped is the one exception: its
//! figures are read the other way round, as its error says they were
//! meant, and a district figure wrong that way and as headed is an error.
//!
//! Wards that sent nothing at all are `submission-missing`; the sum of the
//! others is compared and the message says how many reported. Whether the
//! department's figures count those wards too, the department's own
//! figures tell: when most of them equal the sum of the wards that
//! reported, it totals those wards, and a figure above their sum is an
//! error; when most of its figures above that sum outnumber those equal
//! to it, it evidently counts the wards that have not reported, and such
//! a figure is not compared until they have: the office's
//! `total-unchecked` info, the department having nothing to fix. Only
//! where what is known of the silent wards' figures ([`AbsentFigures`])
//! does not make up the gap is it a warning. A figure below the sum of
//! the wards that reported is an error either way.
//!
//! A figure equal to the reported wards' sum shows that the department
//! left a silent ward out only where that ward's own figure would not be
//! zero: a village that had no fire adds nothing to the fires, counted or
//! not. What is known of a silent ward's figures ([`AbsentFigures`]: its
//! file set aside, say for the wrong period, and its LK of the previous
//! quarter) decides; a ward of which nothing is known counts as non-zero
//! only where every ward that reported states a figure other than zero.
//! Figures that show nothing either way are no evidence.

use super::checks::{at_row, indicator_words, CheckSettings};
use super::{half_of, Totals};
use crate::diagnostic::{Code, Finding, Lang, Severity};
use crate::error::Fatal;
use crate::messages::Checked;
use crate::model::ValueColumn;
use crate::normalize::store::Figures;
use crate::normalize::submission::{figure_in, Submission, TidyRow};
use crate::number::format_num;
use crate::template::{AgencyKind, Kind, Level, LevelWords, Template};
use std::collections::{BTreeMap, HashMap, HashSet};

/// How many wards a message lists before it points to the detail sheet
/// only.
const LISTED_WARDS: usize = 20;

/// A department's figure that differs from the wards' sum, and the wards'
/// figures gathered for its message.
struct Mismatch {
    /// Index of the department in [`Figures::subs`].
    dept: usize,
    row: TidyRow,
    sum: f64,
    contributors: u32,
    /// The first [`LISTED_WARDS`] wards' names and figures.
    listed: Vec<(String, f64)>,
    /// How many wards state the figure; the most decimals they need ([`needed_decimals`]).
    wards: usize,
    decimals: u8,
    /// Wards that must state the figure whose figure is unknown or already
    /// an error, by name.
    unknown: Vec<String>,
    /// The sum of the wards' figures that are known and not in error, and
    /// their half-units.
    clean_sum: f64,
    clean_half: f64,
    /// Some ward that must state the figure sent nothing at all.
    wards_missing: bool,
    /// What the department's figure exceeds the sum by can be the silent
    /// wards' share: some silent ward's figure is unknown, or their
    /// figures known ([`AbsentFigures`]) make up the gap.
    gap_explained: bool,
    /// The department's figure equals the sum of the figures known (it is
    /// read only because some ward's figure is unknown or in error).
    equal: bool,
    /// How far the department's figure may be from the sum: the
    /// half-units of its own figure and of the wards'.
    tol: f64,
    /// The wards' sum as their columns are headed, and the wards whose
    /// figures `sum` reads the other way round ([`Swapped`]).
    written: f64,
    turned: Vec<String>,
    /// The wards whose figure, a power of ten off ([`SLIPS`]), makes up
    /// the gap: (position in the figures, the figure, the factor).
    slips: Vec<(usize, TidyRow, f64)>,
    /// The department marked the figure partial ((*) and a note): what
    /// its note names as left out ([`Partial`]).
    partial: Option<Partial>,
}

/// A department's figure its own note marks partial («(*) … chưa gồm số
/// của Phường 14, 15, 16»): the units the note names, and the known
/// wards' figures split between them and the others.
#[derive(Default)]
struct Partial {
    /// The units the note names (agency indices, [`units_named`]) and
    /// their names.
    units: Vec<usize>,
    names: Vec<String>,
    /// The sum and half-units of the named units' known figures.
    sum: f64,
    half: f64,
    /// How many of the named units' and of the other wards' known
    /// figures the sums count.
    seen: usize,
    others: usize,
}

/// The units of the registry (wards: `AgencyKind::Ward`) that `note`
/// names, by name or alias, whole words, in the note's order; a name
/// ending in a number followed by more numbers («Phường 14, 15 và 16»)
/// names the units whose name has those numbers instead («Phường 15»,
/// «Phường 16»).
fn units_named(template: &Template, note: &str) -> Vec<usize> {
    let words: Vec<String> = crate::text::fold(note)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    // Each ward's names as folded words.
    let names: Vec<(usize, Vec<String>)> = (0..template.agencies.len())
        .filter(|&u| template.agencies[u].kind == AgencyKind::Ward)
        .flat_map(|u| {
            let a = &template.agencies[u];
            std::iter::once(&a.name)
                .chain(a.aliases.iter())
                .map(move |n| {
                    (
                        u,
                        crate::text::fold(n)
                            .split(' ')
                            .map(str::to_string)
                            .collect(),
                    )
                })
        })
        .filter(|(_, n): &(usize, Vec<String>)| !n.is_empty() && n.iter().all(|w| !w.is_empty()))
        .collect();
    let mut out: Vec<usize> = Vec::new();
    let mut at = 0;
    while at < words.len() {
        // The longest name starting here.
        let found = names
            .iter()
            .filter(|(_, n)| {
                words
                    .get(at..at + n.len())
                    .is_some_and(|w| w == n.as_slice())
            })
            .max_by_key(|(_, n)| n.len());
        let Some((u, name)) = found else {
            at += 1;
            continue;
        };
        if !out.contains(u) {
            out.push(*u);
        }
        at += name.len();
        // «Phường 14, 15, 16»: the numbers after a name ending in one.
        let Some((last, stem)) = name.split_last() else {
            continue;
        };
        if !last.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        while let Some(w) = words.get(at) {
            if w == "va" {
                at += 1;
                continue;
            }
            if !w.chars().all(|c| c.is_ascii_digit()) {
                break;
            }
            let mut wanted = stem.to_vec();
            wanted.push(w.clone());
            match names.iter().find(|(_, n)| *n == wanted) {
                Some((v, _)) => {
                    if !out.contains(v) {
                        out.push(*v);
                    }
                    at += 1;
                }
                None => break,
            }
        }
    }
    out
}

/// Whether a ward's figure that a power of ten would bring into line
/// (`slip`: its position, the figure, the factor) is the odd one among
/// the wards: brought back, it is nearer the other wards' mean than as
/// typed (Phường 3's 20.000 among wards of about 20). A figure already
/// like the others' (a ward's 20 among wards of about 100, which a
/// department's 1.602 for the wards' 1.620 would make «2») is no slip:
/// the department's figure is the one in question.
fn stands_out(m: &Mismatch, (_, x, k): &(usize, TidyRow, f64)) -> bool {
    let others = m.sum - x.value;
    if m.wards < 2 || others <= 0.0 || x.value <= 0.0 {
        return true;
    }
    let mean = others / (m.wards - 1) as f64;
    ((x.value / k) / mean).ln().abs() < (x.value / mean).ln().abs()
}

/// The powers of ten a ward's figure may be typed off by (nghìn đồng
/// under «triệu đồng», a digit too many): a department's figure equal
/// to the wards' sum with that figure divided by one of them is right,
/// and the ward's figure is the one to fix.
const SLIPS: [f64; 6] = [10.0, 100.0, 1000.0, 0.1, 0.01, 0.001];

/// The wards whose TH and LK columns look typed into each other's (the
/// one `cumulative-mismatch` that says so,
/// [`super::cumulative::disputes_th_and_lk_columns`]). Their error says
/// the figures were meant the other way round: a department's total is
/// compared with them read so (the ward's TH column as its LK and its LK
/// column as its TH), which leaves a department that is right once the
/// ward's columns are put back unblamed, and still finds a total wrong
/// either way. A figure that has no counterpart in the other column is
/// unknown in that reading.
#[derive(Default)]
struct Swapped {
    /// The wards, by agency.
    units: HashSet<usize>,
    /// (indicator, column) → what reading the swapped wards the other way
    /// round changes in the sum.
    turned: HashMap<(usize, ValueColumn), Turned>,
}

/// What reading some wards' TH and LK the other way round changes in the
/// sum of one figure.
#[derive(Default)]
struct Turned {
    /// Their figures read the other way round less as headed.
    change: f64,
    /// The half-units of the figures read the other way round.
    half: f64,
    /// Their names, for the message.
    wards: Vec<String>,
}

impl Swapped {
    /// The wards `known` says are swapped, and what reading them the other
    /// way round changes; a figure that has no counterpart in the other
    /// column goes into `wrong`, as unknown.
    ///
    /// # Errors
    /// When the stored figures cannot be read back.
    fn of<'t>(
        figures: &Figures,
        template: &'t Template,
        known: &'t [Finding],
        wrong: &mut HashSet<(&'t str, &'t str, &'t str)>,
    ) -> Result<Swapped, Fatal> {
        let mut out = Swapped::default();
        let codes: HashSet<&str> = known
            .iter()
            .filter(|f| super::cumulative::disputes_th_and_lk_columns(f))
            .map(|f| f.unit.as_str())
            .collect();
        if codes.is_empty() {
            return Ok(out);
        }
        for (k, sub) in figures.subs().iter().enumerate() {
            let Some((u, a)) = sub
                .unit
                .and_then(|u| template.agencies.get(u).map(|a| (u, a)))
                .filter(|(_, a)| a.kind == AgencyKind::Ward && codes.contains(a.code.as_str()))
            else {
                continue;
            };
            out.units.insert(u);
            let ward = figures.unit(k)?;
            for (i, ind) in template.indicators.iter().enumerate() {
                for c in [ValueColumn::Th, ValueColumn::Lk] {
                    let headed = figure_in(&ward.rows, i, c);
                    match (headed, figure_in(&ward.rows, i, read_as(c, true))) {
                        (_, Some(y)) => {
                            let t = out.turned.entry((i, c)).or_default();
                            t.change += y.value - headed.map_or(0.0, |x| x.value);
                            t.half += half_of(template, i, y.decimals);
                            t.wards.push(a.shown().into_owned());
                        }
                        (Some(_), None) => {
                            wrong.insert((a.code.as_str(), ind.code.as_str(), c.as_str()));
                        }
                        (None, None) => {}
                    }
                }
            }
        }
        Ok(out)
    }
}

/// The column a figure of `column` is read from: the other of TH and LK
/// for a ward whose two columns are swapped (`turn`).
fn read_as(column: ValueColumn, turn: bool) -> ValueColumn {
    match column {
        ValueColumn::Th if turn => ValueColumn::Lk,
        ValueColumn::Lk if turn => ValueColumn::Th,
        c => c,
    }
}

impl Mismatch {
    /// A ward whose figure is unknown or in error: named while a message
    /// can list it ([`LISTED_WARDS`], and one more to say there are more),
    /// so that what is kept does not grow with the number of wards.
    fn unknown_ward(&mut self, name: &str) {
        if self.unknown.len() <= LISTED_WARDS {
            self.unknown.push(name.to_string());
        }
    }
}

/// A department's figures compared while some wards had sent nothing:
/// how many equal the sum of the wards that did where a silent ward's
/// share would not be zero (the others show nothing), how many are
/// above it.
#[derive(Clone, Copy, Default)]
struct Record {
    equal: usize,
    above: usize,
}

impl Record {
    /// The department evidently counts wards that have not reported: more
    /// of its figures are above the reported wards' sum than equal to it.
    fn counts_missing_wards(self) -> bool {
        self.above > self.equal
    }
}

/// What is known of the figures of the wards whose file is not in the
/// totals: a file of theirs set aside (another period's report sent
/// again, say) and their LK of the previous quarter (`--previous`). They
/// tell only whether a ward's share of a figure would be zero, when the
/// department's figure equal to the other wards' sum is weighed
/// ([`Record`]).
#[derive(Default)]
pub struct AbsentFigures {
    /// (agency, indicator, column) → the figure.
    figures: HashMap<(usize, usize, ValueColumn), f64>,
}

impl AbsentFigures {
    /// The figures of the wards' files read but not included (`read`,
    /// their units not among `included`), and the previous quarter's LK
    /// of the wards none of whose files is included.
    ///
    /// # Errors
    /// When the stored figures cannot be read back.
    pub fn of(
        read: &Figures,
        included: &HashSet<usize>,
        template: &Template,
        previous: Option<&super::cumulative::PreviousFigures>,
    ) -> Result<AbsentFigures, Fatal> {
        let mut out = AbsentFigures::default();
        let ward = |u: usize| {
            !included.contains(&u)
                && template
                    .agencies
                    .get(u)
                    .is_some_and(|a| a.kind == AgencyKind::Ward)
        };
        for (k, sub) in read.subs().iter().enumerate() {
            let Some(u) = sub.unit.filter(|&u| ward(u)) else {
                continue;
            };
            let sub = read.unit(k)?;
            for r in sub.rows.iter().filter(|r| !r.column.is_percent()) {
                out.figures.entry((u, r.ind(), r.column)).or_insert(r.value);
            }
        }
        for (&(u, i), &(value, _)) in previous.map(|p| &p.lk).into_iter().flatten() {
            if ward(u) {
                out.figures.entry((u, i, ValueColumn::Lk)).or_insert(value);
            }
        }
        Ok(out)
    }

    /// The figure known for ward `u` in (indicator, column), if any.
    fn figure(&self, u: usize, ind: usize, column: ValueColumn) -> Option<f64> {
        self.figures.get(&(u, ind, column)).copied()
    }
}

/// Whether `f` is an `outlier` about a unit's whole row (no column:
/// every figure of it off its peers by one unit's factor), which a
/// department's comparison is held back for.
pub fn disputes_whole_row(f: &Finding) -> bool {
    f.code == Code::Outlier && f.column.is_empty() && !f.unit.is_empty() && !f.indicator.is_empty()
}

/// `total-mismatch` for every level-`both` figure of a responsible
/// department that differs from the sum of the wards, or
/// `total-unchecked` when some ward's figure is unknown.
///
/// `known` are the findings already made: a ward's error on a figure
/// (unit, indicator, column) that enters the sum makes that figure
/// unusable. `absent` is what is known of the silent wards' figures. The departments' figures are compared with the totals first;
/// only when some differ, or some ward's figure is unknown or in error
/// (a sum that equals the department's figure without it proves
/// nothing), are the wards' figures read, one pass over the chunks.
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn check_department_totals(
    figures: &Figures,
    totals: &Totals,
    template: &Template,
    known: &[Finding],
    absent: &AbsentFigures,
    lang: Lang,
) -> Result<Vec<Finding>, Fatal> {
    // The figures a department marked partial itself ((*) and a note:
    // its `indicator-missing` warning at the cell), by (unit, indicator,
    // column) → the note.
    let partial_notes: HashMap<(&str, &str, &str), &str> = known
        .iter()
        .filter(|f| {
            f.code == Code::IndicatorMissing
                && f.severity == Severity::Warning
                && !f.column.is_empty()
                && !f.cell.is_empty()
        })
        .map(|f| {
            (
                (f.unit.as_str(), f.indicator.as_str(), f.column.as_str()),
                f.actual.as_str(),
            )
        })
        .collect();
    let mut wrong: HashSet<(&str, &str, &str)> = known
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| (f.unit.as_str(), f.indicator.as_str(), f.column.as_str()))
        .collect();
    // A unit's LK doubted by a `cumulative-mismatch` warning (a stock
    // summed over the quarters: its LK should be its TH) is no figure a
    // department can be blamed against either.
    for f in known.iter().filter(|f| {
        f.severity == Severity::Warning
            && f.code == Code::CumulativeMismatch
            && f.column == ValueColumn::Lk.as_str()
            && !f.unit.is_empty()
    }) {
        wrong.insert((f.unit.as_str(), f.indicator.as_str(), f.column.as_str()));
    }
    // A unit's broken relation (its total against its parts) does not say
    // which of its figures is wrong: every figure the relation names is
    // doubtful, not only the total the finding is filed under.
    for f in known.iter().filter(|f| {
        f.severity == Severity::Error
            && matches!(f.code, Code::SumMismatch | Code::RelationViolated)
            && !f.unit.is_empty()
    }) {
        let Some(i) = template.indicator_index(&f.indicator) else {
            continue;
        };
        for j in template.relation_indicators(i) {
            let code = template.indicators[j].code.as_str();
            wrong.insert((f.unit.as_str(), code, f.column.as_str()));
        }
    }
    // A unit's LK that does not agree with its TH (`cumulative-mismatch`,
    // filed at the LK) says one of the two is wrong, not which: its TH is
    // as doubtful as its LK and blames no department either.
    for f in known.iter().filter(|f| {
        f.severity == Severity::Error && f.code == Code::CumulativeMismatch && !f.unit.is_empty()
    }) {
        for c in [ValueColumn::Th, ValueColumn::Lk] {
            wrong.insert((f.unit.as_str(), f.indicator.as_str(), c.as_str()));
        }
        // Its TH column holding the months from January: all its TH; its
        // LK column repeating the TH: all its LK.
        if super::cumulative::disputes_th_column(f) {
            for ind in &template.indicators {
                wrong.insert((f.unit.as_str(), ind.code.as_str(), ValueColumn::Th.as_str()));
            }
        }
        if super::cumulative::disputes_lk_column(f) {
            for ind in &template.indicators {
                wrong.insert((f.unit.as_str(), ind.code.as_str(), ValueColumn::Lk.as_str()));
            }
        }
    }
    // A unit's money row written in another money unit (`unit-mismatch`
    // for the whole row, no column): every figure of the row.
    for f in known.iter().filter(|f| {
        f.severity == Severity::Error
            && f.code == Code::UnitMismatch
            && f.column.is_empty()
            && !f.unit.is_empty()
            && !f.indicator.is_empty()
    }) {
        for c in ValueColumn::QUANTITIES {
            wrong.insert((f.unit.as_str(), f.indicator.as_str(), c.as_str()));
        }
    }
    // A unit's whole row off its peers by a unit's factor (an `outlier`
    // with no column: m² under «ha», triệu đồng under «tỷ đồng»): every
    // figure of the row is doubtful, and the department, right about
    // the area, would be blamed for the row's zeros.
    for f in known.iter().filter(|f| disputes_whole_row(f)) {
        for c in ValueColumn::QUANTITIES {
            wrong.insert((f.unit.as_str(), f.indicator.as_str(), c.as_str()));
        }
    }
    // A unit whose submission an error disputes as a whole (one file per
    // former commune, the others' figures not added): none of its figures
    // is the unit's, and a department right about the whole area would
    // be blamed for the rest of it.
    for f in known
        .iter()
        .filter(|f| super::intake::disputes_whole_submission(f))
    {
        for ind in &template.indicators {
            for c in ValueColumn::QUANTITIES {
                wrong.insert((f.unit.as_str(), ind.code.as_str(), c.as_str()));
            }
        }
    }
    // Wards whose TH and LK columns look typed into each other's: their
    // figures are read the other way round, as their own error says they
    // were meant ([`Swapped`]).
    let swapped = Swapped::of(figures, template, known, &mut wrong)?;
    // (indicator, column) of the figures some ward has an error on.
    let wrong_in_wards: HashSet<(&str, &str)> = wrong
        .iter()
        .filter(|(u, _, _)| {
            template
                .agency_index(u)
                .is_some_and(|a| template.agencies[a].kind == AgencyKind::Ward)
        })
        .map(|&(_, i, c)| (i, c))
        .collect();
    let agency = |s: &Submission| s.unit.and_then(|u| template.agencies.get(u));
    let sent: HashSet<usize> = figures.subs().iter().filter_map(|s| s.unit).collect();
    // Wards that must report and sent nothing at all.
    let silent: Vec<usize> = (0..template.agencies.len())
        .filter(|&u| {
            let a = &template.agencies[u];
            a.kind == AgencyKind::Ward && a.reports && !sent.contains(&u)
        })
        .collect();
    let wards_missing = |ind: usize| silent.iter().any(|&u| template.must_report(u, ind));
    // Wards that sent their file and must state each indicator.
    let sent_wards: Vec<usize> = sent
        .iter()
        .copied()
        .filter(|&u| template.agencies[u].kind == AgencyKind::Ward)
        .collect();
    let senders: Vec<usize> = (0..template.indicators.len())
        .map(|i| {
            sent_wards
                .iter()
                .filter(|&&u| template.must_report(u, i))
                .count()
        })
        .collect();
    let mut records: BTreeMap<usize, Record> = BTreeMap::new();
    // (department, indicator, column) of the figures equal to the sum of
    // the wards that reported while some ward is silent.
    let mut equals: Vec<(usize, usize, ValueColumn)> = Vec::new();
    let mut found: Vec<Mismatch> = Vec::new();
    for (k, sub) in figures.subs().iter().enumerate() {
        let Some(dept) = agency(sub) else { continue };
        if dept.kind == AgencyKind::Ward {
            continue;
        }
        let sub = figures.unit(k)?;
        for r in &sub.rows {
            let Some(ind) = template.indicators.get(r.ind()) else {
                continue;
            };
            if ind.level != Level::Both
                || ind.kind == Kind::Rate
                || ind.reported_by != dept.code
                || r.column.is_percent()
            {
                continue;
            }
            let ci = r.column.index();
            let contributors = totals.contributors.get(r.ind()).map(|c| c[ci]).unwrap_or(0);
            let Some(written) = totals.get(r.ind(), r.column) else {
                continue;
            };
            if contributors == 0 {
                continue;
            }
            let turned = swapped.turned.get(&(r.ind(), r.column));
            let sum = written + turned.map_or(0.0, |t| t.change);
            let tol = half_of(template, r.ind(), r.decimals)
                + totals.tolerance.get(r.ind()).map(|t| t[ci]).unwrap_or(0.0)
                + turned.map_or(0.0, |t| t.half)
                + 1e-9;
            let missing = wards_missing(r.ind());
            let gap_explained = missing && {
                let mut known = Some((0.0, 0.0));
                for &u in silent.iter().filter(|&&u| template.must_report(u, r.ind())) {
                    known =
                        known
                            .zip(absent.figure(u, r.ind(), r.column))
                            .map(|((sum, half), x)| {
                                (sum + x, half + half_of(template, r.ind(), r.decimals))
                            });
                }
                known.is_none_or(|(x, half)| (r.value - sum - x).abs() <= tol + half)
            };
            // Every ward that sent its file states the figure, and none of
            // those figures is in error: the sum is the sending wards'.
            let complete = contributors as usize == senders[r.ind()]
                && !wrong_in_wards.contains(&(ind.code.as_str(), r.column.as_str()));
            // Marked partial by the department itself: told as such,
            // never weighed as its record.
            let partial = partial_notes
                .get(&(dept.code.as_str(), ind.code.as_str(), r.column.as_str()))
                .map(|note| {
                    let units = units_named(template, note);
                    let names = units
                        .iter()
                        .map(|&u| template.agencies[u].shown().into_owned())
                        .collect();
                    Partial {
                        units,
                        names,
                        ..Partial::default()
                    }
                });
            // The department's record counts those figures only.
            let tally = missing && complete && partial.is_none();
            let equal = (r.value - sum).abs() <= tol;
            if equal && tally {
                // Evidence only where a silent ward's share is not zero:
                // weighed once the wards' figures are read.
                equals.push((k, r.ind(), r.column));
            }
            if equal && complete {
                continue;
            }
            if tally && !equal && r.value > sum {
                records.entry(k).or_default().above += 1;
            }
            found.push(Mismatch {
                dept: k,
                row: r.clone(),
                sum,
                contributors,
                listed: Vec::new(),
                wards: 0,
                decimals: needed_decimals(r),
                unknown: Vec::new(),
                clean_sum: 0.0,
                clean_half: 0.0,
                wards_missing: missing,
                gap_explained,
                equal,
                tol,
                written,
                turned: turned.map(|t| t.wards.clone()).unwrap_or_default(),
                slips: Vec::new(),
                partial,
            });
        }
    }
    if found.is_empty() {
        return Ok(Vec::new());
    }
    // (department, ward's position in the figures) → how many of the
    // department's figures equal the wards' sum less that ward's figure.
    let mut less_one: HashMap<(usize, usize), usize> = HashMap::new();
    // (indicator, column) of those equal figures, and whether some ward
    // that reported states zero there.
    let mut zero_stated: BTreeMap<(usize, ValueColumn), bool> =
        equals.iter().map(|&(_, i, c)| ((i, c), false)).collect();
    figures.each_chunk_at(|start, chunk| {
        for (at, w) in chunk.iter().enumerate() {
            let Some((u, a)) = w
                .unit
                .and_then(|u| template.agencies.get(u).map(|a| (u, a)))
                .filter(|(_, a)| a.kind == AgencyKind::Ward)
            else {
                continue;
            };
            let turn = swapped.units.contains(&u);
            for (&(i, c), zero) in zero_stated.iter_mut() {
                *zero |= w
                    .figure(i, read_as(c, turn))
                    .is_some_and(|x| x.value == 0.0);
            }
            for m in &mut found {
                let Some(x) = w.figure(m.row.ind(), read_as(m.row.column, turn)) else {
                    if template.must_report(u, m.row.ind()) {
                        m.unknown_ward(&a.shown());
                    }
                    continue;
                };
                let code = template.indicators[m.row.ind()].code.as_str();
                if wrong.contains(&(a.code.as_str(), code, m.row.column.as_str())) {
                    m.unknown_ward(&a.shown());
                } else {
                    if let Some(p) = &mut m.partial {
                        if p.units.contains(&u) {
                            p.sum += x.value;
                            p.half += half_of(template, m.row.ind(), x.decimals);
                            p.seen += 1;
                        } else {
                            p.others += 1;
                        }
                    }
                    if !m.equal && m.partial.is_none() && leaves_out(m, x.value) {
                        *less_one.entry((m.dept, start + at)).or_default() += 1;
                    }
                    // Above the sum while some ward sent nothing: the gap
                    // may be the silent wards' share, no ward's slip.
                    let silent_gap = m.wards_missing && m.row.value > m.sum;
                    if !m.equal && m.partial.is_none() && !silent_gap && x.value != 0.0 {
                        if let Some(k) = SLIPS
                            .iter()
                            .copied()
                            .find(|k| (m.sum - x.value + x.value / k - m.row.value).abs() <= m.tol)
                        {
                            m.slips.push((start + at, x.clone(), k));
                        }
                    }
                    m.clean_sum += x.value;
                    m.clean_half += half_of(template, m.row.ind(), x.decimals);
                }
                if m.listed.len() < LISTED_WARDS {
                    m.listed.push((a.shown().into_owned(), x.value));
                }
                m.wards += 1;
                m.decimals = m.decimals.max(needed_decimals(x));
            }
        }
        Ok(())
    })?;
    for (k, i, c) in equals {
        // A silent ward's share: its own figure when one is known, else
        // not zero only when no ward that reported states zero.
        let share = |u: usize| {
            absent
                .figure(u, i, c)
                .map_or(!zero_stated.get(&(i, c)).copied().unwrap_or(true), |v| {
                    v != 0.0
                })
        };
        if silent
            .iter()
            .any(|&u| template.must_report(u, i) && share(u))
        {
            records.entry(k).or_default().equal += 1;
        }
    }
    let omitted = omitted_wards(figures, template, &found, &less_one, &swapped.units)?;
    Ok(Report::new(figures, template, &silent, lang).findings(&found, &records, &omitted))
}

/// The decimals a figure is shown with in a message: as typed, but no
/// more than its value needs, so that one converted from a smaller
/// money unit (9.790.000 nghìn đồng, 9.790 triệu đồng kept to the
/// đồng's precision: three decimals) is not listed as "9.790,000".
fn needed_decimals(r: &TidyRow) -> u8 {
    r.quoted_decimals()
}

/// Whether the department's figure of `m` is the wards' sum less a
/// ward's figure `x`, within the half-units of the figures.
fn leaves_out(m: &Mismatch, x: f64) -> bool {
    (m.sum - x - m.row.value).abs() <= m.tol
}

/// A ward a department's totals leave out, and the department's figures
/// (positions in the mismatches) that it explains.
struct Omitted {
    ward: String,
    mismatches: Vec<usize>,
    /// The department's figures compared with the known wards only (some
    /// ward's figure unknown or in error) whose sum counts this ward:
    /// (position in the mismatches, the ward's figure). A figure below
    /// that sum only by the ward's figure is below it for the same cause.
    partial: Vec<(usize, f64)>,
}

/// The mismatches a department would get one by one.
fn compared(m: &Mismatch) -> bool {
    m.unknown.is_empty() && !m.equal && m.partial.is_none()
}

/// For each department, the one ward its totals leave out: the ward
/// whose figure is, for the most of the department's mismatched figures,
/// exactly the gap to the wards' sum (`less_one`), when it explains at
/// least two of them and more than half. A tie between wards names
/// nobody. The ward's figures are read again, once per such department,
/// to tell which mismatches it explains.
///
/// # Errors
/// When the stored figures cannot be read back.
fn omitted_wards(
    figures: &Figures,
    template: &Template,
    found: &[Mismatch],
    less_one: &HashMap<(usize, usize), usize>,
    swapped: &HashSet<usize>,
) -> Result<BTreeMap<usize, Omitted>, Fatal> {
    // department → the wards' counts.
    let mut counts: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    for (&(dept, k), &n) in less_one {
        counts.entry(dept).or_default().push((n, k));
    }
    let mut out = BTreeMap::new();
    for (dept, mut wards) in counts {
        wards.sort_by_key(|&(n, k)| (std::cmp::Reverse(n), k));
        let Some(&(n, k)) = wards.first() else {
            continue;
        };
        let tie = wards.get(1).is_some_and(|&(m, _)| m == n);
        if n < 2 || tie {
            continue;
        }
        let mine: Vec<usize> = (0..found.len())
            .filter(|&j| found[j].dept == dept && compared(&found[j]))
            .collect();
        let all = mine.len();
        let ward = figures.unit(k)?;
        let turn = ward.unit.is_some_and(|u| swapped.contains(&u));
        let explained: Vec<usize> = mine
            .into_iter()
            .filter(|&j| {
                let m = &found[j];
                figure_in(&ward.rows, m.row.ind(), read_as(m.row.column, turn))
                    .is_some_and(|x| leaves_out(m, x.value))
            })
            .collect();
        let Some(a) = ward.unit.and_then(|u| template.agencies.get(u)) else {
            continue;
        };
        let name = a.shown().into_owned();
        let partial: Vec<(usize, f64)> = (0..found.len())
            .filter(|&j| {
                let m = &found[j];
                m.dept == dept
                    && m.partial.is_none()
                    && !m.unknown.is_empty()
                    && !m.unknown.contains(&name)
            })
            .filter_map(|j| {
                let m = &found[j];
                figure_in(&ward.rows, m.row.ind(), read_as(m.row.column, turn))
                    .map(|x| (j, x.value))
            })
            .collect();
        if explained.len() >= 2 && explained.len() * 2 > all {
            out.insert(
                dept,
                Omitted {
                    ward: name,
                    mismatches: explained,
                    partial,
                },
            );
        }
    }
    Ok(out)
}

/// What the findings of [`check_department_totals`] need to say.
struct Report<'a> {
    figures: &'a Figures<'a>,
    template: &'a Template,
    level: LevelWords,
    may_be_negative: HashSet<String>,
    /// Wards that must report and sent nothing at all.
    silent: &'a [usize],
    lang: Lang,
}

impl<'a> Report<'a> {
    fn new(figures: &'a Figures, template: &'a Template, silent: &'a [usize], lang: Lang) -> Self {
        Report {
            figures,
            template,
            level: template.level_words(),
            may_be_negative: CheckSettings::of(template).may_be_negative,
            silent,
            lang,
        }
    }

    /// A finding for each mismatch, but one `total-unchecked` for every
    /// department, column and set of wards whose figures are unknown, and
    /// one warning for every department that evidently counts the silent
    /// wards (a ward's file set aside would otherwise bring one warning
    /// for each of the department's figures).
    /// A department whose totals leave out one ward (`omitted`) gets one
    /// finding for the figures that ward explains.
    fn findings(
        &self,
        found: &[Mismatch],
        records: &BTreeMap<usize, Record>,
        omitted: &BTreeMap<usize, Omitted>,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        let left_out: HashSet<usize> = omitted
            .values()
            .flat_map(|o| o.mismatches.iter().copied())
            .collect();
        // (department, column, unknown wards, wards with no report in the
        // totals) → the indicators left unchecked.
        type Unknown = (usize, ValueColumn, Vec<String>, Vec<String>);
        let mut unchecked: BTreeMap<Unknown, Vec<&Mismatch>> = BTreeMap::new();
        // department → its figures above the reported wards' sum while it
        // counts the silent wards.
        let mut counting: BTreeMap<usize, Vec<&Mismatch>> = BTreeMap::new();
        for (j, m) in found.iter().enumerate() {
            let Some(ind) = self.template.indicators.get(m.row.ind()) else {
                continue;
            };
            if left_out.contains(&j) {
                continue;
            }
            // Marked partial by the department: one finding, never the
            // error of a figure it did not claim whole.
            if let Some(p) = &m.partial {
                out.extend(self.partial(m, p));
                continue;
            }
            if m.unknown.is_empty() {
                if m.equal {
                    continue;
                }
                // One ward's figure a power of ten off makes up the gap:
                // the department is right, the ward's figure is wrong.
                if let [slip] = m.slips.as_slice() {
                    if stands_out(m, slip) {
                        out.extend(self.ward_slip(m, slip));
                        continue;
                    }
                }
                // Right as the swapped wards' columns are headed, wrong as
                // their error says they were meant: which is right waits
                // for those wards.
                if !m.turned.is_empty() && (m.row.value - m.written).abs() <= m.tol {
                    unchecked
                        .entry((m.dept, m.row.column, m.turned.clone(), Vec::new()))
                        .or_default()
                        .push(m);
                    continue;
                }
                let counts_missing = m.wards_missing
                    && m.row.value > m.sum
                    && records
                        .get(&m.dept)
                        .is_some_and(|r| r.counts_missing_wards());
                if counts_missing {
                    counting.entry(m.dept).or_default().push(m);
                } else {
                    // Its other figures equal the reported wards' sums:
                    // the gap is not the silent wards'.
                    let tallies = m.wards_missing
                        && records
                            .get(&m.dept)
                            .is_some_and(|r| r.equal > 0 && !r.counts_missing_wards());
                    out.extend(self.mismatch(m, false, tallies));
                }
                continue;
            }
            let tol = half_of(self.template, m.row.ind(), m.row.decimals) + m.clean_half + 1e-9;
            let below_known =
                !self.may_be_negative.contains(&ind.code) && m.row.value + tol < m.clean_sum;
            if below_known {
                // Below only by the ward the department's totals leave
                // out: that is the cause to tell.
                let cause = omitted.get(&m.dept).and_then(|o| {
                    o.partial
                        .iter()
                        .find(|&&(at, x)| at == j && m.row.value + tol >= m.clean_sum - x)
                        .map(|&(_, x)| (o.ward.as_str(), x))
                });
                out.extend(self.below_known(m, cause));
            } else {
                // The wards with no report in the totals lack from the sum
                // as well: the list names every unit whose figure it lacks.
                let silent: Vec<String> = self
                    .silent
                    .iter()
                    .filter(|&&u| self.template.must_report(u, m.row.ind()))
                    .filter_map(|&u| self.template.agencies.get(u))
                    .map(|a| a.shown().into_owned())
                    .filter(|n| !m.unknown.contains(n))
                    .collect();
                unchecked
                    .entry((m.dept, m.row.column, m.unknown.clone(), silent))
                    .or_default()
                    .push(m);
            }
        }
        for ((_, column, wards, silent), ms) in unchecked {
            out.extend(self.unchecked(column, &wards, &silent, &ms));
        }
        for ms in counting.values() {
            // The gap the silent wards can make up is no fault of the
            // department's until they report: the office's info. A gap
            // their known figures do not make up stays a warning.
            let (explained, not): (Vec<&Mismatch>, Vec<&Mismatch>) =
                ms.iter().partition(|m| m.gap_explained);
            for (ms, explained) in [(explained, true), (not, false)] {
                match ms.as_slice() {
                    [] => {}
                    [m] if !explained => out.extend(self.mismatch(m, true, false)),
                    _ => out.extend(self.counting_missing(&ms, explained)),
                }
            }
        }
        for o in omitted.values() {
            let ms: Vec<&Mismatch> = o.mismatches.iter().filter_map(|&j| found.get(j)).collect();
            out.extend(self.leaving_out(&o.ward, &ms));
        }
        out
    }

    /// The indicators' codes of the figures `ms`, each once in their
    /// order, and their columns in the table's order.
    fn codes_and_columns(&self, ms: &[&Mismatch]) -> Option<(Vec<&str>, Vec<&'static str>)> {
        let mut codes: Vec<&str> = Vec::new();
        let mut columns: Vec<ValueColumn> = Vec::new();
        for m in ms {
            let code = self.template.indicators.get(m.row.ind())?.code.as_str();
            if !codes.contains(&code) {
                codes.push(code);
            }
            if !columns.contains(&m.row.column) {
                columns.push(m.row.column);
            }
        }
        columns.sort_by_key(|c| c.index());
        Some((codes, columns.iter().map(|c| c.as_str()).collect()))
    }

    /// One error for a department's figures `ms` that each equal the
    /// wards' sum less `ward`'s figure: its totals leave that ward out.
    /// `expected` lists the figures (`QS01 KH; QS01 LK; …`), which the
    /// workbooks mark as they mark a figure's own `total-mismatch`.
    fn leaving_out(&self, ward: &str, ms: &[&Mismatch]) -> Option<Finding> {
        let first = ms.first()?;
        let (sub, unit, _) = self.dept_of(first)?;
        let (codes, columns) = self.codes_and_columns(ms)?;
        let mut named: Vec<String> = Vec::new();
        for m in ms {
            let code = &self.template.indicators.get(m.row.ind())?.code;
            named.push(format!("{code} {}", m.row.column.as_str()));
        }
        let said = Checked::TotalsOmitUnit {
            unit,
            omitted: ward,
            count: ms.len(),
            codes: &ward_list(&codes),
            columns: &columns.join(", "),
            level: &self.level,
        };
        let f = Finding::said(Severity::Error, &said, self.lang);
        let mut f = at_row(f, self.template, sub, &first.row);
        f.indicator = String::new();
        f.column = String::new();
        Some(f.expected(named.join(FIGURES_SEPARATOR)).actual(ward))
    }

    /// One finding for a department's figures `ms` above the reported
    /// wards' sums while it evidently counts the silent wards: the
    /// indicators and columns, and the silent wards that must state them.
    /// The office's `total-unchecked` info when the silent wards' share
    /// can make up the gaps (`explained`: the department has nothing to
    /// fix until they report), else a warning.
    fn counting_missing(&self, ms: &[&Mismatch], explained: bool) -> Option<Finding> {
        let first = ms.first()?;
        let (sub, unit, _) = self.dept_of(first)?;
        let (codes, columns) = self.codes_and_columns(ms)?;
        let silent: Vec<String> = self
            .silent
            .iter()
            .filter(|&&u| ms.iter().any(|m| self.template.must_report(u, m.row.ind())))
            .map(|&u| self.template.agencies[u].shown().into_owned())
            .collect();
        let missing = ward_list(&silent);
        let said = Checked::TotalsCountMissing {
            unit,
            count: ms.len(),
            codes: &ward_list(&codes),
            columns: &columns.join(", "),
            level: &self.level,
            missing: &missing,
            explained,
        };
        let f = match explained {
            true => Finding::said(Severity::Info, &said, self.lang).for_office(),
            false => Finding::said(Severity::Warning, &said, self.lang),
        };
        let mut f = at_row(f, self.template, sub, &first.row);
        if ms.len() > 1 {
            f.indicator = String::new();
            f.column = String::new();
        }
        Some(f.actual(missing))
    }

    /// The error at a ward's figure `slip` (its position in the figures,
    /// the figure, the factor it is off by) that alone makes the
    /// department's figure of `m` differ from the wards' sum.
    fn ward_slip(&self, m: &Mismatch, (at, x, k): &(usize, TidyRow, f64)) -> Option<Finding> {
        let (_, dept, code) = self.dept_of(m)?;
        let sub = *self.figures.subs().get(*at)?;
        let ward = sub.unit.and_then(|u| self.template.agencies.get(u))?;
        let right = x.value / k;
        let larger = *k > 1.0;
        let times = if larger { *k } else { 1.0 / k };
        let d = self
            .template
            .indicators
            .get(m.row.ind())
            .and_then(|i| i.decimals);
        let stated = format_num(x.value, x.shown_decimals().min(4), self.lang);
        // As few decimals as the figure brought back needs (20.000 / 1.000
        // is 20, not 20,000), no more than its own and the factor's.
        let right_decimals = d.unwrap_or_else(|| {
            let most = x.shown_decimals().saturating_add(match larger {
                true => 3,
                false => 0,
            });
            (0..most)
                .find(|&d| (crate::rules::rounding::round_to(right, d) - right).abs() < 1e-9)
                .unwrap_or(most)
        });
        let right = format_num(right, right_decimals.min(4), self.lang);
        let dept_stated = format_num(m.row.value, m.row.shown_decimals().min(4), self.lang);
        let said = Checked::TotalUnitSlip {
            unit: &ward.shown(),
            dept,
            what: &indicator_words(self.template, m.row.ind()),
            code,
            column: m.row.column,
            level: &self.level,
            stated: &stated,
            right: &right,
            times: &format_num(times, 0, self.lang),
            larger,
            dept_stated: &dept_stated,
        };
        let f = Finding::said(Severity::Error, &said, self.lang);
        Some(
            at_row(f, self.template, sub, x)
                .expected(right)
                .actual(stated),
        )
    }

    /// The department's figure of `m` that its own note marks partial
    /// (`p`): the office's info when the note names the units left out
    /// and the figure is the other wards' sum (within the half-units of
    /// the figures), else a warning saying by how much it differs from
    /// the wards' sum. The consolidated figure takes the wards' sum
    /// either way; no error: the department never claimed it whole.
    fn partial(&self, m: &Mismatch, p: &Partial) -> Option<Finding> {
        let (sub, unit, code) = self.dept_of(m)?;
        let r = &m.row;
        let stated = format_num(r.value, r.shown_decimals().min(4), self.lang);
        let rest = m.clean_sum - p.sum;
        // Every ward left out of the comparison is one the note names.
        let known = m.unknown.iter().all(|w| p.names.contains(w));
        let tol = m.tol + p.half;
        let matches = !p.units.is_empty() && known && (r.value - rest).abs() <= tol;
        let (sum, rest_shown, diff) = (
            self.num(m, m.clean_sum),
            self.num(m, rest),
            self.num(m, (r.value - m.clean_sum).abs()),
        );
        let names = ward_list(&p.names);
        let count = p.seen + p.others;
        let said = Checked::TotalPartial {
            unit,
            what: &indicator_words(self.template, r.ind()),
            code,
            column: r.column,
            level: &self.level,
            stated: &stated,
            sum: &sum,
            count,
            named: matches.then_some((names.as_str(), p.others, rest_shown.as_str())),
            diff: &diff,
        };
        let f = match matches {
            true => Finding::said(Severity::Info, &said, self.lang).for_office(),
            false => Finding::said(Severity::Warning, &said, self.lang),
        };
        Some(
            at_row(f, self.template, sub, r)
                .expected(sum)
                .actual(stated),
        )
    }

    /// The department's submission, its name, and the indicator's code.
    fn dept_of(&self, m: &Mismatch) -> Option<(&'a Submission, &'a str, &'a str)> {
        let sub = self.figures.subs()[m.dept];
        let dept = sub.unit.and_then(|u| self.template.agencies.get(u))?;
        let ind = self.template.indicators.get(m.row.ind())?;
        Some((sub, &dept.name, &ind.code))
    }

    /// A figure in the indicator's decimals: the template's `decimals`,
    /// else the most the figures need ([`needed_decimals`]).
    fn num(&self, m: &Mismatch, v: f64) -> String {
        let d = self
            .template
            .indicators
            .get(m.row.ind())
            .and_then(|i| i.decimals)
            .unwrap_or(m.decimals);
        format_num(v, d.min(4), self.lang)
    }

    /// The department's figure below what the known wards add up to;
    /// `cause`: the ward its totals leave out, with its figure, when the
    /// known wards less it are no longer above.
    fn below_known(&self, m: &Mismatch, cause: Option<(&str, f64)>) -> Option<Finding> {
        let (sub, unit, code) = self.dept_of(m)?;
        let r = &m.row;
        let (v, k) = (self.num(m, r.value), self.num(m, m.clean_sum));
        let cause = cause.map(|(ward, x)| (ward, self.num(m, x), self.num(m, m.clean_sum - x)));
        let said = Checked::TotalBelowKnown {
            unit,
            what: &indicator_words(self.template, r.ind()),
            code,
            column: r.column,
            level: &self.level,
            stated: &v,
            known: &k,
            unknown: &ward_list(&m.unknown),
            turned: &ward_list(&m.turned),
            omitted: cause
                .as_ref()
                .map(|(w, x, rest)| (*w, x.as_str(), rest.as_str())),
        };
        let f = Finding::said(Severity::Error, &said, self.lang);
        Some(
            at_row(f, self.template, sub, r)
                .expected(format!("≥ {k}"))
                .actual(v),
        )
    }

    /// The department's figure against the wards' sum, their figures
    /// listed: an error, or a warning when the department evidently
    /// counts the wards that have not reported (`counts_missing`).
    fn mismatch(&self, m: &Mismatch, counts_missing: bool, tallies: bool) -> Option<Finding> {
        let (sub, unit, code) = self.dept_of(m)?;
        let r = &m.row;
        let listed: Vec<String> = m
            .listed
            .iter()
            // "Phường 1: 11", not "Phường 1 11": a name ending in a
            // number does not run into its figure.
            .map(|(n, v)| match n.ends_with(|c: char| c.is_ascii_digit()) {
                true => format!("{n}: {}", self.num(m, *v)),
                false => format!("{n} {}", self.num(m, *v)),
            })
            .collect();
        // The department's figure as it wrote it; the sum in the most
        // decimals of the figures added.
        let stated = format_num(r.value, r.shown_decimals().min(4), self.lang);
        let sum = self.num(m, m.sum);
        let written = self.num(m, m.written);
        let said = Checked::TotalMismatch {
            unit,
            what: &indicator_words(self.template, r.ind()),
            code,
            column: r.column,
            level: &self.level,
            stated: &stated,
            sum: &sum,
            contributors: m.contributors,
            expected: self.expected_wards(r.ind()),
            listed: &listed.join("; "),
            more: m.wards.saturating_sub(m.listed.len()),
            counts_missing,
            tallies,
            below: r.value < m.sum,
            turned: &ward_list(&m.turned),
            written: &written,
        };
        let severity = if counts_missing {
            Severity::Warning
        } else {
            Severity::Error
        };
        let f = Finding::said(severity, &said, self.lang);
        Some(
            at_row(f, self.template, sub, r)
                .expected(sum)
                .actual(stated),
        )
    }

    /// The wards that must report indicator `ind`: those of the registry
    /// that report, less those exempt from it (`exempt` in agencies.csv),
    /// which leave no total short.
    fn expected_wards(&self, ind: usize) -> usize {
        let agencies = &self.template.agencies;
        (0..agencies.len())
            .filter(|&u| {
                agencies[u].kind == AgencyKind::Ward
                    && agencies[u].reports
                    && self.template.must_report(u, ind)
            })
            .count()
    }

    /// One `total-unchecked` for a department's indicators `ms` in
    /// `column`, for want of the figures of `wards` (sent, unusable) and
    /// of `silent` (no report in the totals); `actual` names them all.
    fn unchecked(
        &self,
        column: ValueColumn,
        wards: &[String],
        silent: &[String],
        ms: &[&Mismatch],
    ) -> Option<Finding> {
        let first = ms.first()?;
        let (sub, unit, _) = self.dept_of(first)?;
        let codes: Vec<&str> = ms
            .iter()
            .filter_map(|m| self.template.indicators.get(m.row.ind()))
            .map(|i| i.code.as_str())
            .collect();
        let all: Vec<&String> = wards.iter().chain(silent).collect();
        let (wards, silent, all) = (ward_list(wards), ward_list(silent), ward_list(&all));
        let said = Checked::TotalUnchecked {
            unit,
            count: codes.len(),
            codes: &codes.join(", "),
            column,
            level: &self.level,
            units: &wards,
            silent: &silent,
        };
        // The office's to know: the department has nothing to fix until
        // the wards' figures come (it gets no feedback workbook for it).
        let f = Finding::said(Severity::Info, &said, self.lang).for_office();
        let mut f = at_row(f, self.template, sub, &first.row);
        if codes.len() > 1 {
            f.indicator = String::new();
        }
        Some(f.actual(all))
    }
}

/// A department's figure marked partial is told by its one finding at
/// the cell (`total-unchecked` or `total-mismatch`, [`Report::partial`]):
/// the `indicator-missing` warning its (*) and note brought at the same
/// cell would say it twice.
pub fn drop_partial_told(findings: &mut Vec<Finding>) {
    type Key = (String, String, String, String, String, String);
    let key = |f: &Finding| -> Key {
        (
            f.unit.clone(),
            f.file.clone(),
            f.sheet.clone(),
            f.cell.clone(),
            f.indicator.clone(),
            f.column.clone(),
        )
    };
    let told: HashSet<Key> = findings
        .iter()
        .filter(|f| {
            matches!(f.code, Code::TotalUnchecked | Code::TotalMismatch)
                && !f.cell.is_empty()
                && !f.indicator.is_empty()
                && !f.column.is_empty()
        })
        .map(key)
        .collect();
    if told.is_empty() {
        return;
    }
    findings.retain(|f| {
        !(f.code == Code::IndicatorMissing
            && f.severity == Severity::Warning
            && told.contains(&key(f)))
    });
}

/// Between the figures a department's one `total-mismatch` for a ward
/// its totals leave out lists in `expected`.
const FIGURES_SEPARATOR: &str = "; ";

/// The figures (indicator, column) a `total-mismatch` told once for a
/// department whose totals leave out a ward speaks for, from its
/// `expected` (`QS01 KH; QS01 LK`); none for any other finding. The
/// workbooks mark each as the figure's own `total-mismatch`.
pub fn figures_left_out(f: &Finding, template: &Template) -> Vec<(usize, ValueColumn)> {
    // Also the figures two copies of a unit's report differ in (a
    // `submission-duplicate` error, the same `expected`): each disputed.
    let listed = f.code == Code::TotalMismatch
        || (f.code == Code::SubmissionDuplicate && f.severity != crate::diagnostic::Severity::Info);
    if !listed || !f.indicator.is_empty() || f.unit.is_empty() {
        return Vec::new();
    }
    f.expected
        .split(FIGURES_SEPARATOR)
        .filter_map(|item| {
            let (code, column) = item.trim().rsplit_once(' ')?;
            Some((template.indicator_index(code)?, ValueColumn::parse(column)?))
        })
        .collect()
}

/// Names (of wards, or codes) for a message, the first [`LISTED_WARDS`]
/// of them.
fn ward_list<S: AsRef<str>>(names: &[S]) -> String {
    let mut list: Vec<&str> = names.iter().take(LISTED_WARDS).map(AsRef::as_ref).collect();
    if names.len() > LISTED_WARDS {
        list.push("…");
    }
    list.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::model::ValueColumn;
    use crate::normalize::store::Figures;
    use crate::reconcile::checks::testutil::{ind, row, sub_with};
    use crate::reconcile::consolidate;

    /// What a `total-unchecked` of the tests below names: Phường 2, whose
    /// figure is unknown, and the 13 wards of the built-in registry with
    /// no report at all, whose figures the sum lacks too.
    const UNKNOWN_AND_SILENT: &str = "Phường 2, Phường 4, Phường 5, Phường 6, Phường 7, Phường 8, Phường 9, Phường 10, Phường 11, Phường 12, Phường 13, Phường 14, Phường 15, Phường 16";

    #[test]
    fn a_note_names_its_units_by_registry_name_alias_and_shorthand() {
        let t = Template::builtin().unwrap();
        let named = |note: &str| -> Vec<String> {
            units_named(&t, note)
                .into_iter()
                .map(|u| t.agencies[u].code.clone())
                .collect()
        };
        assert_eq!(
            named("(*) Chỉ tiêu LD05: số liệu chưa đủ, chưa gồm số của Phường 14, 15, 16"),
            ["P14", "P15", "P16"]
        );
        assert_eq!(
            named("chưa gồm P.1 và Phường 12, 13"),
            ["P01", "P12", "P13"]
        );
        // «Phường 1» is no part of «Phường 14»; a number that names no
        // ward ends the list.
        assert_eq!(named("chưa gồm phường 14, 99"), ["P14"]);
        assert!(named("(*) số liệu chưa đủ").is_empty());
    }

    #[test]
    fn a_department_total_is_compared_with_the_wards_sum() {
        let t = Template::builtin().unwrap();
        let hc02 = ind(&t, "HC02");
        let wards: Vec<Submission> = (1..=16)
            .map(|k| {
                sub_with(
                    &t,
                    &format!("P{k:02}"),
                    vec![row(hc02, ValueColumn::Th, 100.0 + k as f64, 0)],
                )
            })
            .collect();
        // 16 × 100 + (1 + … + 16) = 1.736
        let vp_wrong = sub_with(&t, "VP", vec![row(hc02, ValueColumn::Th, 1763.0, 0)]);
        let vp_right = sub_with(&t, "VP", vec![row(hc02, ValueColumn::Th, 1736.0, 0)]);
        let mut subs: Vec<&Submission> = wards.iter().collect();
        subs.push(&vp_wrong);
        let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
        let f = check_department_totals(
            &Figures::in_memory(&subs),
            &totals,
            &t,
            &[],
            &AbsentFigures::default(),
            Lang::Vi,
        )
        .unwrap();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].code, Code::TotalMismatch);
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(
            (
                f[0].unit.as_str(),
                f[0].expected.as_str(),
                f[0].actual.as_str()
            ),
            ("VP", "1.736", "1.763")
        );
        assert!(f[0].message.contains("Phường 16: 116"), "{}", f[0].message);
        assert!(f[0].message.contains("Chi tiết theo đơn vị"));
        subs.pop();
        subs.push(&vp_right);
        assert!(check_department_totals(
            &Figures::in_memory(&subs),
            &totals,
            &t,
            &[],
            &AbsentFigures::default(),
            Lang::Vi
        )
        .unwrap()
        .is_empty());
        // With wards missing the department's one figure is above the
        // sum of those that reported, so it evidently counts the 13 wards
        // that sent nothing, whose share can make up the gap: the
        // office's info, nothing for the department to fix yet.
        let few: Vec<&Submission> = wards.iter().take(3).chain([&vp_wrong]).collect();
        let totals = consolidate(&Figures::in_memory(&few), &t).unwrap();
        let f = check_department_totals(
            &Figures::in_memory(&few),
            &totals,
            &t,
            &[],
            &AbsentFigures::default(),
            Lang::En,
        )
        .unwrap();
        assert_eq!(
            (f[0].code, f[0].severity, f[0].office_only),
            (Code::TotalUnchecked, Severity::Info, true)
        );
        assert!(
            f[0].message
                .contains("1 of its figures for the district (HC02; columns TH)")
                && f[0].message.contains("it probably counts Phường 4,")
                && f[0].message.contains("has nothing to fix"),
            "{}",
            f[0].message
        );
        // A ward's figure already in error holds the comparison back, and
        // one info says which ward it waits for.
        let known = [Finding::error(Code::SumMismatch, "x")
            .unit("P02")
            .indicator("HC02")
            .column("TH")];
        let f = check_department_totals(
            &Figures::in_memory(&few),
            &totals,
            &t,
            &known,
            &AbsentFigures::default(),
            Lang::En,
        )
        .unwrap();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].code, f[0].severity),
            (Code::TotalUnchecked, Severity::Info)
        );
        assert_eq!(f[0].actual, UNKNOWN_AND_SILENT);
    }

    /// Counted files add up exactly: a department 5 files above the 16
    /// wards' 1.736 is wrong, although sixteen half-units (8,5) would
    /// cover it were the figures rounded.
    #[test]
    fn a_count_total_must_match_to_the_unit() {
        let t = Template::builtin().unwrap();
        let hc02 = ind(&t, "HC02");
        let wards: Vec<Submission> = (1..=16)
            .map(|k| {
                sub_with(
                    &t,
                    &format!("P{k:02}"),
                    vec![row(hc02, ValueColumn::Th, 100.0 + k as f64, 0)],
                )
            })
            .collect();
        let vp = sub_with(&t, "VP", vec![row(hc02, ValueColumn::Th, 1741.0, 0)]);
        let subs: Vec<&Submission> = wards.iter().chain([&vp]).collect();
        let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
        let f = check_department_totals(
            &Figures::in_memory(&subs),
            &totals,
            &t,
            &[],
            &AbsentFigures::default(),
            Lang::Vi,
        )
        .unwrap();
        let got: Vec<(Code, Severity, &str, &str)> = f
            .iter()
            .map(|x| (x.code, x.severity, x.expected.as_str(), x.actual.as_str()))
            .collect();
        assert_eq!(
            got,
            [(Code::TotalMismatch, Severity::Error, "1.736", "1.741")]
        );
    }

    /// A ward whose parts do not add up to its total (a sum-mismatch filed
    /// under HC02): which of HC02, HC03, HC04 is wrong is not known, so the
    /// department's HC04, off by that ward's slip, is not compared either.
    #[test]
    fn a_wards_broken_sum_holds_back_every_figure_it_names() {
        let t = Template::builtin().unwrap();
        let (hc02, hc04) = (ind(&t, "HC02"), ind(&t, "HC04"));
        let wards: Vec<Submission> = (1..=3)
            .map(|k| {
                // Phường 2 typed HC04 6 too many.
                let late = if k == 2 { 16.0 } else { 10.0 };
                sub_with(
                    &t,
                    &format!("P{k:02}"),
                    vec![
                        row(hc02, ValueColumn::Th, 100.0, 0),
                        row(hc04, ValueColumn::Th, late, 0),
                    ],
                )
            })
            .collect();
        let vp = sub_with(
            &t,
            "VP",
            vec![
                row(hc02, ValueColumn::Th, 300.0, 0),
                row(hc04, ValueColumn::Th, 30.0, 0),
            ],
        );
        let subs: Vec<&Submission> = wards.iter().chain([&vp]).collect();
        let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
        let known = [Finding::error(Code::SumMismatch, "x")
            .unit("P02")
            .indicator("HC02")
            .column("TH")];
        let f = check_department_totals(
            &Figures::in_memory(&subs),
            &totals,
            &t,
            &known,
            &AbsentFigures::default(),
            Lang::Vi,
        )
        .unwrap();
        let got: Vec<(Code, &str)> = f.iter().map(|x| (x.code, x.actual.as_str())).collect();
        assert_eq!(got, [(Code::TotalUnchecked, UNKNOWN_AND_SILENT)], "{f:?}");
        assert!(f[0].message.contains("(HC02, HC04)"), "{}", f[0].message);
    }

    /// A ward's LK below its TH (a `cumulative-mismatch` filed at the LK)
    /// says one of the two is wrong, not which: the department's TH, off by
    /// that ward's TH, is not blamed for it, any more than its LK (tester:
    /// Công an xã Ea Tam's AN_01 TH 50 called wrong for Thôn 10's doubtful
    /// 14). A department's TH below what the other wards already add up to
    /// is still wrong.
    #[test]
    fn a_wards_disputed_th_does_not_blame_the_department() {
        let t = Template::builtin().unwrap();
        let hc02 = ind(&t, "HC02");
        let wards: Vec<Submission> = (1..=3)
            .map(|k| {
                // Phường 2: TH 14 above its LK 11, one of the two wrong.
                let (th, lk) = if k == 2 { (14.0, 11.0) } else { (10.0, 30.0) };
                sub_with(
                    &t,
                    &format!("P{k:02}"),
                    vec![
                        row(hc02, ValueColumn::Th, th, 0),
                        row(hc02, ValueColumn::Lk, lk, 0),
                    ],
                )
            })
            .collect();
        let known = [Finding::error(Code::CumulativeMismatch, "x")
            .unit("P02")
            .indicator("HC02")
            .column("LK")];
        let run = |th: f64, lk: f64| {
            let vp = sub_with(
                &t,
                "VP",
                vec![
                    row(hc02, ValueColumn::Th, th, 0),
                    row(hc02, ValueColumn::Lk, lk, 0),
                ],
            );
            let subs: Vec<&Submission> = wards.iter().chain([&vp]).collect();
            let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
            check_department_totals(
                &Figures::in_memory(&subs),
                &totals,
                &t,
                &known,
                &AbsentFigures::default(),
                Lang::Vi,
            )
            .unwrap()
            .into_iter()
            .map(|x| (x.code, x.column, x.actual))
            .collect::<Vec<_>>()
        };
        // TH 30 against the wards' 34 (with Phường 2's 14): not compared.
        let unchecked = |c: &str| {
            (
                Code::TotalUnchecked,
                c.to_string(),
                UNKNOWN_AND_SILENT.to_string(),
            )
        };
        assert_eq!(run(30.0, 71.0), [unchecked("TH"), unchecked("LK")]);
        // Without the error the same TH is a mismatch.
        let vp = sub_with(&t, "VP", vec![row(hc02, ValueColumn::Th, 30.0, 0)]);
        let subs: Vec<&Submission> = wards.iter().chain([&vp]).collect();
        let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
        let f = check_department_totals(
            &Figures::in_memory(&subs),
            &totals,
            &t,
            &[],
            &AbsentFigures::default(),
            Lang::Vi,
        )
        .unwrap();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].code, Code::TotalMismatch);
        // A TH below the other wards' 20 is wrong whatever Phường 2's.
        let got = run(18.0, 71.0);
        assert_eq!(
            got.iter().map(|g| (g.0, g.1.as_str())).collect::<Vec<_>>(),
            [(Code::TotalMismatch, "TH"), (Code::TotalUnchecked, "LK")],
            "{got:?}"
        );
    }

    /// A ward that sent one file per former commune (a
    /// `submission-duplicate` error, at the file: only one is used) has
    /// no figure of the whole ward: the department, right for the whole
    /// (Sở Y tế blamed for the other former communes' part), is not
    /// compared, except below the other wards' sum. A duplicate warning
    /// (two versions, one used) disputes nothing.
    #[test]
    fn a_ward_sent_as_one_former_communes_file_does_not_blame_the_department() {
        let t = Template::builtin().unwrap();
        let hc02 = ind(&t, "HC02");
        let wards: Vec<Submission> = (1..=3)
            .map(|k| {
                sub_with(
                    &t,
                    &format!("P{k:02}"),
                    vec![row(hc02, ValueColumn::Th, 10.0, 0)],
                )
            })
            .collect();
        let parts = Finding::error(Code::SubmissionDuplicate, "x")
            .unit("P02")
            .expected("Phường 2".to_string());
        let versions = Finding::warning(Code::SubmissionDuplicate, "x").unit("P02");
        let run = |th: f64, known: &[Finding]| {
            let vp = sub_with(&t, "VP", vec![row(hc02, ValueColumn::Th, th, 0)]);
            let subs: Vec<&Submission> = wards.iter().chain([&vp]).collect();
            let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
            check_department_totals(
                &Figures::in_memory(&subs),
                &totals,
                &t,
                known,
                &AbsentFigures::default(),
                Lang::Vi,
            )
            .unwrap()
            .into_iter()
            .map(|x| (x.code, x.column, x.expected, x.actual))
            .collect::<Vec<_>>()
        };
        let s = |x: &str| x.to_string();
        // 37: Phường 2's whole is 17, not the 10 of its one former commune.
        assert_eq!(
            run(37.0, std::slice::from_ref(&parts)),
            [(Code::TotalUnchecked, s("TH"), s(""), s(UNKNOWN_AND_SILENT))]
        );
        let silent: Vec<String> = (4..=16).map(|k| format!("Phường {k}")).collect();
        // Below the other wards' 20: wrong whatever Phường 2's whole.
        assert_eq!(
            run(15.0, std::slice::from_ref(&parts)),
            [(Code::TotalMismatch, s("TH"), s("≥ 20"), s("15"))]
        );
        // Near miss: two versions of one report, one used: compared
        // with the three wards' 30, the 7 above is the silent wards'.
        assert_eq!(
            run(37.0, std::slice::from_ref(&versions)),
            [(Code::TotalUnchecked, s("TH"), s(""), silent.join(", "))]
        );
    }

    /// A ward's stock summed over the quarters (a `cumulative-mismatch`
    /// warning at its LK: its LK should be its TH) made the department's
    /// right LK, which counts the ward's level, an error asking for the
    /// wards' sum with the summed figure in it (tester: Phòng Y tế's YT21
    /// 1.220 against 1.452). The ward's LK is held back as under an error:
    /// the department's LK is not compared (`total-unchecked`), its TH
    /// still is; an `outlier` warning on the same figure holds nothing
    /// back.
    #[test]
    fn a_wards_doubted_lk_does_not_blame_the_department() {
        let t = Template::builtin().unwrap();
        let hc02 = ind(&t, "HC02");
        let wards: Vec<Submission> = (1..=3)
            .map(|k| {
                // Phường 2's LK 40 is its level summed over the quarters.
                let lk = if k == 2 { 40.0 } else { 10.0 };
                sub_with(
                    &t,
                    &format!("P{k:02}"),
                    vec![
                        row(hc02, ValueColumn::Th, 10.0, 0),
                        row(hc02, ValueColumn::Lk, lk, 0),
                    ],
                )
            })
            .collect();
        let vp = sub_with(
            &t,
            "VP",
            vec![
                row(hc02, ValueColumn::Th, 30.0, 0),
                row(hc02, ValueColumn::Lk, 30.0, 0),
            ],
        );
        let subs: Vec<&Submission> = wards.iter().chain([&vp]).collect();
        let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
        let run = |code: Code| {
            let known = [Finding::warning(code, "x")
                .unit("P02")
                .indicator("HC02")
                .column("LK")];
            check_department_totals(
                &Figures::in_memory(&subs),
                &totals,
                &t,
                &known,
                &AbsentFigures::default(),
                Lang::Vi,
            )
            .unwrap()
            .into_iter()
            .map(|x| (x.code, x.column, x.actual))
            .collect::<Vec<_>>()
        };
        assert_eq!(
            run(Code::CumulativeMismatch),
            [(
                Code::TotalUnchecked,
                "LK".to_string(),
                UNKNOWN_AND_SILENT.to_string()
            )]
        );
        assert_eq!(
            run(Code::Outlier),
            [(Code::TotalMismatch, "LK".to_string(), "30".to_string())]
        );
    }

    /// A ward exempt from an indicator (`exempt` in agencies.csv) leaves no
    /// total short: "Mới có 3/16 phường" counted it among those expected,
    /// and the office looked for wards that owe nothing (tester: 48/58
    /// where 8 wards are exempt, 48/50).
    #[test]
    fn the_wards_expected_leave_out_those_exempt() {
        let mut t = Template::builtin().unwrap();
        let hc02 = ind(&t, "HC02");
        for k in 4..=16 {
            let u = t.agency_index(&format!("P{k:02}")).unwrap();
            t.agencies[u].exempt.push(hc02);
        }
        let wards: Vec<Submission> = (1..=2)
            .map(|k| {
                sub_with(
                    &t,
                    &format!("P{k:02}"),
                    vec![row(hc02, ValueColumn::Th, 10.0, 0)],
                )
            })
            .collect();
        let vp = sub_with(&t, "VP", vec![row(hc02, ValueColumn::Th, 15.0, 0)]);
        let subs: Vec<&Submission> = wards.iter().chain([&vp]).collect();
        let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
        let f = check_department_totals(
            &Figures::in_memory(&subs),
            &totals,
            &t,
            &[],
            &AbsentFigures::default(),
            Lang::Vi,
        )
        .unwrap();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].code, Code::TotalMismatch);
        assert!(
            f[0].message
                .contains("Mới có 2/3 phường báo cáo chỉ tiêu này"),
            "{}",
            f[0].message
        );
    }

    /// Some wards sent nothing: a department whose other figures equal the
    /// sum of the wards that reported totals those wards, and a figure
    /// above their sum is an error; one whose figures are mostly above it
    /// evidently counts the silent wards too, and gets warnings. Below the
    /// sum is an error either way.
    #[test]
    fn the_department_tells_whether_it_counts_the_wards_that_sent_nothing() {
        let t = Template::builtin().unwrap();
        let (hc01, hc02, hc06) = (ind(&t, "HC01"), ind(&t, "HC02"), ind(&t, "HC06"));
        // Three of the 16 wards report: HC01 10, HC02 8, HC06 5 each.
        let wards: Vec<Submission> = (1..=3)
            .map(|k| {
                sub_with(
                    &t,
                    &format!("P{k:02}"),
                    vec![
                        row(hc01, ValueColumn::Th, 10.0, 0),
                        row(hc02, ValueColumn::Th, 8.0, 0),
                        row(hc06, ValueColumn::Th, 5.0, 0),
                    ],
                )
            })
            .collect();
        let run = |vp: [f64; 3]| {
            let dept = sub_with(
                &t,
                "VP",
                vec![
                    row(hc01, ValueColumn::Th, vp[0], 0),
                    row(hc02, ValueColumn::Th, vp[1], 0),
                    row(hc06, ValueColumn::Th, vp[2], 0),
                ],
            );
            let subs: Vec<&Submission> = wards.iter().chain([&dept]).collect();
            let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
            check_department_totals(
                &Figures::in_memory(&subs),
                &totals,
                &t,
                &[],
                &AbsentFigures::default(),
                Lang::Vi,
            )
            .unwrap()
            .into_iter()
            .map(|f| (f.indicator, f.severity, f.actual))
            .collect::<Vec<_>>()
        };
        // HC01 and HC06 equal the three wards' sums: HC02 above is wrong.
        assert_eq!(
            run([30.0, 40.0, 15.0]),
            [("HC02".to_string(), Severity::Error, "40".to_string())]
        );
        // One equal, one above (and one below): no evidence of the silent
        // wards.
        assert_eq!(
            run([30.0, 40.0, 10.0])
                .iter()
                .map(|(_, s, _)| *s)
                .collect::<Vec<_>>(),
            [Severity::Error, Severity::Error]
        );
        // Every figure above: the department counts the silent wards. One
        // info names its figures and the silent wards, not one each.
        let silent: Vec<String> = (4..=16).map(|k| format!("Phường {k}")).collect();
        assert_eq!(
            run([160.0, 128.0, 80.0]),
            [(String::new(), Severity::Info, silent.join(", "))]
        );
        // Below what the reporting wards already add up to: an error
        // whatever the others say; the two above, one warning.
        assert_eq!(
            run([160.0, 20.0, 80.0]),
            [
                ("HC02".to_string(), Severity::Error, "20".to_string()),
                (String::new(), Severity::Info, silent.join(", ")),
            ]
        );
    }

    /// A figure of the department equal to the reported wards' sum shows
    /// it left the silent ward out only where that ward's share is not
    /// zero: its file set aside (another period's) says so, or, with
    /// nothing known of it, every ward that reported states a figure
    /// other than zero.
    #[test]
    fn an_equal_figure_where_the_silent_ward_has_zero_is_no_evidence() {
        let t = Template::builtin().unwrap();
        let (hc01, hc02) = (ind(&t, "HC01"), ind(&t, "HC02"));
        // Phường 1 … 15 report; HC01 is 0 in Phường 1 unless `peers_zero`.
        let wards = |peers_zero: bool| -> Vec<Submission> {
            (1..=15)
                .map(|k| {
                    let hc = if k == 1 && peers_zero { 0.0 } else { 10.0 };
                    sub_with(
                        &t,
                        &format!("P{k:02}"),
                        vec![
                            row(hc01, ValueColumn::Th, hc, 0),
                            row(hc02, ValueColumn::Th, 8.0, 0),
                        ],
                    )
                })
                .collect()
        };
        // Phường 16's file, set aside: its HC01 and HC02.
        let aside_with = |hc01_of_16: f64, hc02_of_16: f64| {
            let p16 = sub_with(
                &t,
                "P16",
                vec![
                    row(hc01, ValueColumn::Th, hc01_of_16, 0),
                    row(hc02, ValueColumn::Th, hc02_of_16, 0),
                ],
            );
            let used: HashSet<usize> = (1..=15)
                .filter_map(|k| t.agency_index(&format!("P{k:02}")))
                .collect();
            AbsentFigures::of(&Figures::in_memory(&[&p16]), &used, &t, None).unwrap()
        };
        let aside = |hc01_of_16: f64| aside_with(hc01_of_16, 3.0);
        let run = |wards: &[Submission], absent: &AbsentFigures| {
            let hc01_sum: f64 = wards.iter().map(|w| w.rows[0].value).sum();
            // HC01 equal to the reported wards' sum, HC02 3 above it.
            let dept = sub_with(
                &t,
                "VP",
                vec![
                    row(hc01, ValueColumn::Th, hc01_sum, 0),
                    row(hc02, ValueColumn::Th, 123.0, 0),
                ],
            );
            let subs: Vec<&Submission> = wards.iter().chain([&dept]).collect();
            let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
            check_department_totals(
                &Figures::in_memory(&subs),
                &totals,
                &t,
                &[],
                absent,
                Lang::Vi,
            )
            .unwrap()
            .into_iter()
            .map(|f| (f.code, f.severity, f.indicator, f.expected, f.actual))
            .collect::<Vec<_>>()
        };
        let error = vec![(
            Code::TotalMismatch,
            Severity::Error,
            "HC02".to_string(),
            "120".to_string(),
            "123".to_string(),
        )];
        let warning = vec![(
            Code::TotalMismatch,
            Severity::Warning,
            "HC02".to_string(),
            "120".to_string(),
            "123".to_string(),
        )];
        let info = vec![(
            Code::TotalUnchecked,
            Severity::Info,
            "HC02".to_string(),
            String::new(),
            "Phường 16".to_string(),
        )];
        // Phường 16's set-aside file has HC01 0: equal or not, HC01 says
        // nothing; HC02 above the sum by Phường 16's 3 is the office's
        // info: nothing for the department to fix.
        assert_eq!(run(&wards(false), &aside(0.0)), info);
        // Near miss: Phường 16's known HC02 (1) does not make up the 3
        // above: a warning.
        assert_eq!(run(&wards(false), &aside_with(0.0, 1.0)), warning);
        // Its HC01 is 7: the department's HC01 leaves it out, so its
        // HC02 counts the reported wards only and is wrong.
        assert_eq!(run(&wards(false), &aside(7.0)), error);
        // Nothing known of Phường 16: every ward that reported has HC01,
        // so it would have too: an error, as before.
        assert_eq!(run(&wards(false), &AbsentFigures::default()), error);
        // …but where a ward that reported states 0, Phường 16 may too.
        assert_eq!(run(&wards(true), &AbsentFigures::default()), info);
        // The warning's message (Phường 16's known 1 does not make up the
        // 3) claims no other figure of the department.
        let p = wards(false);
        let dept = sub_with(
            &t,
            "VP",
            vec![
                row(hc01, ValueColumn::Th, 150.0, 0),
                row(hc02, ValueColumn::Th, 123.0, 0),
            ],
        );
        let subs: Vec<&Submission> = p.iter().chain([&dept]).collect();
        let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
        let f = check_department_totals(
            &Figures::in_memory(&subs),
            &totals,
            &t,
            &[],
            &aside_with(0.0, 1.0),
            Lang::Vi,
        )
        .unwrap();
        assert!(
            f[0].message
                .contains("không số toàn quận nào khác của Văn phòng HĐND và UBND quận cho thấy"),
            "{}",
            f[0].message
        );
    }

    /// The one info for a department that counts the silent wards says
    /// how many of its figures, which indicators and columns, and names
    /// the wards, a single figure too (its indicator and column kept).
    #[test]
    fn a_department_counting_the_silent_wards_gets_one_info() {
        let t = Template::builtin().unwrap();
        let (hc01, hc02) = (ind(&t, "HC01"), ind(&t, "HC02"));
        let ward = |k: usize| {
            sub_with(
                &t,
                &format!("P{k:02}"),
                vec![
                    row(hc01, ValueColumn::Th, 10.0, 0),
                    row(hc01, ValueColumn::Lk, 20.0, 0),
                    row(hc02, ValueColumn::Th, 8.0, 0),
                ],
            )
        };
        // Every ward but Phường 16 reports.
        let wards: Vec<Submission> = (1..=15).map(ward).collect();
        let run = |rows: Vec<TidyRow>| {
            let dept = sub_with(&t, "VP", rows);
            let subs: Vec<&Submission> = wards.iter().chain([&dept]).collect();
            let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
            check_department_totals(
                &Figures::in_memory(&subs),
                &totals,
                &t,
                &[],
                &AbsentFigures::default(),
                Lang::Vi,
            )
            .unwrap()
        };
        let f = run(vec![
            row(hc01, ValueColumn::Th, 160.0, 0),
            row(hc01, ValueColumn::Lk, 320.0, 0),
            row(hc02, ValueColumn::Th, 128.0, 0),
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].code, f[0].severity, f[0].actual.as_str()),
            (Code::TotalUnchecked, Severity::Info, "Phường 16")
        );
        assert!(
            f[0].message
                .contains("3 số toàn quận (HC01, HC02; cột TH, LK)")
                && f[0].message.contains("đã tính cả Phường 16"),
            "{}",
            f[0].message
        );
        let f = run(vec![row(hc01, ValueColumn::Th, 160.0, 0)]);
        assert_eq!(
            f.iter()
                .map(|f| (f.indicator.as_str(), f.severity, f.actual.as_str()))
                .collect::<Vec<_>>(),
            [("HC01", Severity::Info, "Phường 16")]
        );
        assert!(
            f[0].message.contains("1 số toàn quận (HC01; cột TH)"),
            "{}",
            f[0].message
        );
    }

    /// Wards that sent their workbook without the LK column: their LK is
    /// unknown, so the district's LK is not compared (one info), while TH
    /// still is; a district figure below what the known wards add up to is
    /// wrong whatever the unknown figures.
    #[test]
    fn an_unknown_ward_figure_is_not_zero() {
        let t = Template::builtin().unwrap();
        let hc02 = ind(&t, "HC02");
        let hc03 = ind(&t, "HC03");
        let wards: Vec<Submission> = (1..=16)
            .map(|k| {
                let mut rows = vec![
                    row(hc02, ValueColumn::Th, 10.0, 0),
                    row(hc03, ValueColumn::Th, 5.0, 0),
                ];
                // Phường 10 sent no LK column.
                if k != 10 {
                    rows.push(row(hc02, ValueColumn::Lk, 30.0, 0));
                    rows.push(row(hc03, ValueColumn::Lk, 15.0, 0));
                }
                sub_with(&t, &format!("P{k:02}"), rows)
            })
            .collect();
        // The true district LK counts Phường 10 too: 16 × 30, 16 × 15.
        let vp = sub_with(
            &t,
            "VP",
            vec![
                row(hc02, ValueColumn::Th, 170.0, 0),
                row(hc03, ValueColumn::Th, 80.0, 0),
                row(hc02, ValueColumn::Lk, 480.0, 0),
                row(hc03, ValueColumn::Lk, 240.0, 0),
            ],
        );
        let mut subs: Vec<&Submission> = wards.iter().collect();
        subs.push(&vp);
        let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
        let f = check_department_totals(
            &Figures::in_memory(&subs),
            &totals,
            &t,
            &[],
            &AbsentFigures::default(),
            Lang::Vi,
        )
        .unwrap();
        let got: Vec<(Code, &str, &str)> = f
            .iter()
            .map(|x| (x.code, x.column.as_str(), x.indicator.as_str()))
            .collect();
        // TH 170 against 160: a mismatch; both LK not compared, one info.
        assert_eq!(
            got,
            [
                (Code::TotalMismatch, "TH", "HC02"),
                (Code::TotalUnchecked, "LK", ""),
            ],
            "{f:?}"
        );
        assert_eq!(f[1].severity, Severity::Info);
        assert!(f[1].message.contains("(HC02, HC03)"), "{}", f[1].message);
        assert!(f[1].message.contains("Phường 10"), "{}", f[1].message);
        // A district LK equal to the 15 known wards' sum proves nothing
        // either: Phường 10's LK is unknown, and the LK stays unchecked.
        let vp_equal = sub_with(
            &t,
            "VP",
            vec![
                row(hc02, ValueColumn::Lk, 450.0, 0),
                row(hc03, ValueColumn::Lk, 240.0, 0),
            ],
        );
        subs.pop();
        subs.push(&vp_equal);
        let f = check_department_totals(
            &Figures::in_memory(&subs),
            &totals,
            &t,
            &[],
            &AbsentFigures::default(),
            Lang::Vi,
        )
        .unwrap();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].code, f[0].column.as_str(), f[0].indicator.as_str()),
            (Code::TotalUnchecked, "LK", "")
        );
        assert!(f[0].message.contains("(HC02, HC03)"), "{}", f[0].message);
        // A district LK below the 15 known wards' 450 is wrong anyway.
        let vp_low = sub_with(&t, "VP", vec![row(hc02, ValueColumn::Lk, 400.0, 0)]);
        subs.pop();
        subs.push(&vp_low);
        let f = check_department_totals(
            &Figures::in_memory(&subs),
            &totals,
            &t,
            &[],
            &AbsentFigures::default(),
            Lang::Vi,
        )
        .unwrap();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].code, f[0].severity),
            (Code::TotalMismatch, Severity::Error)
        );
        assert_eq!(
            (f[0].expected.as_str(), f[0].actual.as_str()),
            ("≥ 450", "400")
        );
    }

    /// A department's figures each the wards' sum less Phường 5's are one
    /// error naming Phường 5, the figures listed in `expected`; its other
    /// mismatch keeps its own. Near misses, each one finding per figure:
    /// Phường 5 explains one figure only, or fewer than half of them, or
    /// two wards give the same figures and either could be the one.
    #[test]
    fn a_department_leaving_out_one_ward_is_told_once() {
        let t = Template::builtin().unwrap();
        let codes = ["HC01", "HC02", "HC03", "HC04", "HC06", "HC07"];
        let inds: Vec<usize> = codes.iter().map(|c| ind(&t, c)).collect();
        // Ward k states 10·k + j for the j-th indicator; Phường 6 twins
        // Phường 5 when `twin`.
        let wards = |twin: bool| -> Vec<Submission> {
            (1..=16)
                .map(|k| {
                    let k2 = if twin && k == 6 { 5 } else { k };
                    let rows = inds
                        .iter()
                        .enumerate()
                        .map(|(j, &i)| row(i, ValueColumn::Th, (10 * k2 + j) as f64, 0))
                        .collect();
                    sub_with(&t, &format!("P{k:02}"), rows)
                })
                .collect()
        };
        let run = |wards: &[Submission], left_out: usize, others: usize| {
            let sums: Vec<f64> = (0..inds.len())
                .map(|j| wards.iter().map(|w| w.rows[j].value).sum())
                .collect();
            // The first `left_out` figures leave out Phường 5; the next
            // `others` are 1 off; the rest right.
            let rows = inds
                .iter()
                .enumerate()
                .map(|(j, &i)| {
                    let v = match j {
                        _ if j < left_out => sums[j] - (50 + j) as f64,
                        _ if j < left_out + others => sums[j] - 1.0,
                        _ => sums[j],
                    };
                    row(i, ValueColumn::Th, v, 0)
                })
                .collect();
            let vp = sub_with(&t, "VP", rows);
            let subs: Vec<&Submission> = wards.iter().chain([&vp]).collect();
            let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
            check_department_totals(
                &Figures::in_memory(&subs),
                &totals,
                &t,
                &[],
                &AbsentFigures::default(),
                Lang::Vi,
            )
            .unwrap()
            .into_iter()
            .map(|f| {
                assert_eq!((f.code, f.severity), (Code::TotalMismatch, Severity::Error));
                (f.indicator, f.expected, f.actual)
            })
            .collect::<Vec<_>>()
        };
        let one = |i: &str, e: &str, a: &str| (i.to_string(), e.to_string(), a.to_string());
        let plain = wards(false);
        // HC01–HC04 leave out Phường 5 (its 50…53), HC06 is 1 off.
        let f = run(&plain, 4, 1);
        assert_eq!(
            f,
            [
                one("HC06", "1.424", "1.423"),
                one("", "HC01 TH; HC02 TH; HC03 TH; HC04 TH", "Phường 5"),
            ]
        );
        // One figure alone is a mismatch like any other.
        assert_eq!(
            run(&plain, 1, 1)
                .iter()
                .map(|x| x.0.as_str())
                .collect::<Vec<_>>(),
            ["HC01", "HC02"]
        );
        // Two explained of five mismatches: not the department's way.
        assert_eq!(run(&plain, 2, 3).len(), 5);
        // Phường 6 gives Phường 5's figures: which one was left out is
        // not known.
        assert_eq!(run(&wards(true), 4, 0).len(), 4);
    }

    /// A department's figure compared with the known wards only (a ward's
    /// figure in error), below their sum by no more than the ward its
    /// totals leave out (tester BM, Phòng Tư pháp TP01 TH: 2.135 where the
    /// known wards, Phường Phú Lâm's in error, add up to 2.139, and
    /// Phường Tân Sơn Nhì's 14 is left out of every total): its error
    /// names that ward as the cause. Near miss: a figure below them even
    /// without it keeps the plain words.
    #[test]
    fn a_total_below_the_known_wards_by_the_ward_left_out_says_so() {
        let t = Template::builtin().unwrap();
        let codes = ["HC01", "HC02", "HC03", "HC04", "HC06", "HC07"];
        let inds: Vec<usize> = codes.iter().map(|c| ind(&t, c)).collect();
        let wards: Vec<Submission> = (1..=16)
            .map(|k| {
                let rows = inds
                    .iter()
                    .enumerate()
                    .map(|(j, &i)| row(i, ValueColumn::Th, (10 * k + j) as f64, 0))
                    .collect();
                sub_with(&t, &format!("P{k:02}"), rows)
            })
            .collect();
        // HC01–HC04 and HC06 leave out Phường 5 (50 + j); HC07 is 45
        // short more. Phường 3's HC06 and HC07 are in error.
        let rows = inds
            .iter()
            .enumerate()
            .map(|(j, &i)| {
                let sum: f64 = wards.iter().map(|w| w.rows[j].value).sum();
                let short = if j == 5 { 100.0 } else { (50 + j) as f64 };
                row(i, ValueColumn::Th, sum - short, 0)
            })
            .collect();
        let vp = sub_with(&t, "VP", rows);
        let known: Vec<Finding> = ["HC06", "HC07"]
            .iter()
            .map(|c| {
                Finding::error(Code::SumMismatch, "x")
                    .unit("P03")
                    .indicator(*c)
                    .column("TH")
            })
            .collect();
        let subs: Vec<&Submission> = wards.iter().chain([&vp]).collect();
        let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
        let f = check_department_totals(
            &Figures::in_memory(&subs),
            &totals,
            &t,
            &known,
            &AbsentFigures::default(),
            Lang::Vi,
        )
        .unwrap();
        let got: Vec<(&str, &str, &str)> = f
            .iter()
            .map(|f| (f.indicator.as_str(), f.expected.as_str(), f.actual.as_str()))
            .collect();
        // The wards' HC06: 16·(10·8,5 + 4) = 1.424; less Phường 3's 34.
        assert_eq!(
            got,
            [
                ("HC06", "≥ 1.390", "1.370"),
                ("HC07", "≥ 1.405", "1.340"),
                ("", "HC01 TH; HC02 TH; HC03 TH; HC04 TH", "Phường 5"),
            ]
        );
        assert!(
            f[0].message.contains(
                "Phần vượt là do Văn phòng HĐND và UBND quận không tính Phường 5, như ở các số khác"
            ) && f[0]
                .message
                .contains("trừ số của Phường 5 (54), các phường đã biết còn 1.336"),
            "{}",
            f[0].message
        );
        assert!(!f[1].message.contains("Phần vượt"), "{}", f[1].message);
    }

    /// The figures a department's one finding lists are read back from
    /// its `expected`; any other finding lists none.
    #[test]
    fn the_figures_left_out_are_read_from_expected() {
        let t = Template::builtin().unwrap();
        let f = Finding::error(Code::TotalMismatch, "x")
            .unit("VP")
            .expected("HC02 TH; HC03 LK; XX99 TH");
        assert_eq!(
            figures_left_out(&f, &t),
            [
                (ind(&t, "HC02"), ValueColumn::Th),
                (ind(&t, "HC03"), ValueColumn::Lk)
            ]
        );
        let own = f.clone().indicator("HC02").column("TH");
        assert!(figures_left_out(&own, &t).is_empty());
        let sum = Finding::error(Code::SumMismatch, "x")
            .unit("VP")
            .expected("HC02 TH");
        assert!(figures_left_out(&sum, &t).is_empty());
    }

    /// A department total left unchecked for a ward's unknown figure names
    /// every unit its sum lacks: the ward that sent no LK column and the
    /// ward with no report in the totals (none sent, or its file set
    /// aside: tester CB, Thôn Nà Pồng's last quarter's form was left out
    /// of the list). A figure compared while a ward is silent and no
    /// figure is unknown says nothing of it (TH: equal to the sum).
    #[test]
    fn an_unchecked_total_names_the_silent_wards_too() {
        let t = Template::builtin().unwrap();
        let hc02 = ind(&t, "HC02");
        let wards: Vec<Submission> = (1..=16)
            .filter(|&k| k != 7)
            .map(|k| {
                let mut rows = vec![row(hc02, ValueColumn::Th, 10.0, 0)];
                if k != 10 {
                    rows.push(row(hc02, ValueColumn::Lk, 30.0, 0));
                }
                sub_with(&t, &format!("P{k:02}"), rows)
            })
            .collect();
        let vp = sub_with(
            &t,
            "VP",
            vec![
                row(hc02, ValueColumn::Th, 150.0, 0),
                row(hc02, ValueColumn::Lk, 420.0, 0),
            ],
        );
        let mut subs: Vec<&Submission> = wards.iter().collect();
        subs.push(&vp);
        let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
        let f = check_department_totals(
            &Figures::in_memory(&subs),
            &totals,
            &t,
            &[],
            &AbsentFigures::default(),
            Lang::Vi,
        )
        .unwrap();
        let got: Vec<(Code, &str, &str)> = f
            .iter()
            .map(|x| (x.code, x.column.as_str(), x.actual.as_str()))
            .collect();
        assert_eq!(
            got,
            [(Code::TotalUnchecked, "LK", "Phường 10, Phường 7")],
            "{f:?}"
        );
        assert!(
            f[0].message
                .contains("cột LK của Phường 10 chưa dùng để đối chiếu được")
                && f[0].message.contains(
                    "; tổng cũng chưa gồm số của Phường 7, chưa có báo cáo được tổng hợp"
                ),
            "{}",
            f[0].message
        );
    }
}
