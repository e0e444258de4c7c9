//! Reconcile: the tidy table of every included submission goes into
//! polars a chunk of units at a time; totals per indicator and column come
//! out of a group-by per chunk, and the template's relations are evaluated
//! over each chunk's units at once.
//!
//! Who counts towards a total:
//!
//! ```text
//! level     rows summed
//! ward      every ward's figure
//! both      every ward's figure (the department's district figure is
//!           compared with that sum, never added to it)
//! district  the responsible department's figure
//! rate      never summed: recomputed from its formula over the totals;
//!           its KH is the target the responsible department states
//! %KH, %CK  never summed: recomputed from LK, KH and CK of the totals
//!           (a rate's too)
//! ```
//!
//! A figure recomputed from totals is only made when every unit that gives
//! one of its operands gives them all: a %CK from the LK of 15 wards and
//! the CK of 14 mixes two different areas and is not the area's growth. It
//! is left empty, and [`uncomputed`] says which units lacked what.

pub mod checks;
pub mod copies;
pub mod cumulative;
pub mod intake;
pub mod months;
pub mod outliers;
pub mod parts;
pub mod percentages;
pub mod relations;
pub mod scale;
pub mod signs;
pub mod totals_check;
pub mod uncomputed;

use crate::error::Fatal;
use crate::model::ValueColumn;
use crate::normalize::store::Figures;
use crate::normalize::submission::Submission;
use crate::rules::expr::{parse, Rule};
use crate::template::{AgencyKind, CkConvention, Kind, Level, Template};
use polars::prelude::*;
use std::collections::BTreeMap;

/// Polars column names of the tidy table, in one place.
pub mod cols {
    pub const UNIT: &str = "unit";
    pub const INDICATOR: &str = "indicator";
    pub const COLUMN: &str = "column";
    pub const VALUE: &str = "value";
    pub const TOLERANCE: &str = "tolerance";
    pub const TOTAL: &str = "total";
    pub const TOTAL_TOLERANCE: &str = "total_tolerance";
    pub const CONTRIBUTORS: &str = "contributors";
    // The linear relation check's frames (relation terms × figures).
    pub const RELATION: &str = "relation";
    pub const COEFFICIENT: &str = "coefficient";
    pub const SUBJECT: &str = "subject";
    pub const DIFFERENCE: &str = "difference";
    pub const FIGURES: &str = "figures";
}

/// The consolidated figures per indicator, in catalog order.
#[derive(Clone, Debug, Default)]
pub struct Totals {
    /// `values[indicator][column_index]`.
    pub values: Vec<[Option<f64>; 6]>,
    /// Half a unit in the last place, summed over the contributing figures.
    pub tolerance: Vec<[f64; 6]>,
    /// How many units contributed to each quantity total.
    pub contributors: Vec<[u32; 6]>,
    /// Units that gave every operand of a figure recomputed from the
    /// totals: for %KH (column %KH) LK and KH, for %CK LK and CK, for a
    /// rate in a quantity column every indicator of its formula.
    pub together: Vec<[u32; 6]>,
    /// For each such figure (indicator, column index) that some unit gave
    /// only part of the operands of: those units.
    pub partial: BTreeMap<(usize, usize), Partial>,
    /// For each quantity total (indicator, column index): the units that
    /// reported the indicator but sent no figure at all in that column (a
    /// half-year file with "6 tháng" and no quarter column). Their sum is
    /// not the area's: Tổng hợp leaves it empty
    /// ([`Totals::shown`]), and `total-uncomputed` says why. The sum is
    /// kept for the department's check, which weighs missing wards itself.
    pub without_column: BTreeMap<(usize, usize), Partial>,
    /// For each total (indicator, column index): the units that sent the
    /// column but left this cell of it empty, or left blank or deleted the
    /// row of an indicator they must report. Their figure is unknown, not
    /// zero: the total is the others' sum, and Tổng hợp's note on it names
    /// them. A rate, %KH or %CK recomputed from such totals lacks their
    /// units too.
    pub blank_cells: BTreeMap<(usize, usize), Partial>,
    /// Units (agency indices) whose figures are only part of their area's
    /// (one file per former commune, only one of them used): the totals
    /// they enter are in [`Totals::blank_cells`] too, and Tổng hợp's
    /// footnote and notes say why ([`short_of_parts`]).
    pub parts_only: Vec<u32>,
    /// The former units of each of [`Totals::parts_only`] that sent
    /// nothing, when the files of the others were summed (none: one file
    /// used of several).
    pub parts_missing: BTreeMap<u32, Vec<String>>,
    /// Units none of whose files is in the totals, but one of which was
    /// read and set aside (another period's report sent again, say): the
    /// totals of the figures that file gives are in
    /// [`Totals::blank_cells`] too, and Tổng hợp's footnote and notes say
    /// why ([`short_of_set_aside`]).
    pub set_aside: Vec<SetAside>,
    /// The most decimals any figure that counts towards each indicator's
    /// totals was typed with: what the rounding intervals of the totals'
    /// percents take ([`crate::reconcile::percentages`]).
    pub typed: Vec<u8>,
    /// For each indicator, how many units wrote its figures with 0, 1, …
    /// [`WRITTEN_DECIMALS`] decimals in the catalog's unit (a unit counts
    /// once, with the most its figures of the indicator need:
    /// [`TidyRow::written_decimals`]): what the consolidated workbook's
    /// formats show ([`Totals::written_by_most`]).
    ///
    /// [`TidyRow::written_decimals`]: crate::normalize::submission::TidyRow::written_decimals
    pub written: Vec<[u32; WRITTEN_DECIMALS as usize + 1]>,
    /// The KH of a rate as the department that reports it for the whole
    /// area states it (the area's target), by indicator: shown in the
    /// totals instead of a rate recomputed from the wards' plans.
    pub targets: BTreeMap<usize, Target>,
    /// The KH a rate only the wards report (`level` `ward`) was typed
    /// with by the wards themselves (their target, the form's KH cell of
    /// the rate), by indicator: the one value they all typed, or `None`
    /// when two typed different targets. A typed target is the rate's KH
    /// in the totals, never the ratio of the summed plans of its
    /// operands; differing targets make none.
    pub ward_targets: BTreeMap<usize, Option<f64>>,
    /// Each ward's typed target of such a rate (agency index, value), by
    /// indicator, in the order read: who typed what when the targets
    /// differ and the KH is left empty ([`uncomputed::targets_differ`]).
    pub ward_target_list: BTreeMap<usize, Vec<(u32, f64)>>,
    /// The figures of a rate that cannot be recomputed (no formula: an
    /// index, a growth, a price) as the one unit its `reported_by` names
    /// states them, by (indicator, column index): the area's figure,
    /// since nothing can be summed or worked out from the others'.
    pub taken: BTreeMap<(usize, usize), Target>,
    /// Cells of such a rate its unit stated twice, differently: none
    /// taken.
    pub untaken: std::collections::BTreeSet<(usize, usize)>,
    /// The stocks whose LK total takes a unit's TH for its LK, the LK it
    /// stated being unlike its TH ([`stock_lk_as_th`]).
    pub lk_from_th: Vec<LkFromTh>,
    /// The stocks whose TH total takes the LK of a unit that sent no TH
    /// column ([`stock_th_as_lk`]).
    pub th_from_lk: Vec<ThFromLk>,
    /// The totals (indicator, column index) worked from a stock's figure
    /// taken from its other column where the unit wrote both and they
    /// differ: an LK taken as TH (the LK, its %KH and %CK, and the rates
    /// it is an operand of). Printed `(*)`. (A TH taken as the LK of a
    /// unit that sent no TH column is the same level: not marked.)
    pub taken_cells: std::collections::BTreeSet<(usize, usize)>,
    /// The figures a unit marked (*) with a note saying they are
    /// incomplete (its `indicator-missing` warning at the cell): the
    /// totals they enter are printed (*), the footnote naming the unit
    /// ([`stated_incomplete`]).
    pub incomplete: Vec<Incomplete>,
    /// The figures summed into the totals that an `outlier` warning
    /// disputes (LK 380 where the unit's own KH and CK say about 38):
    /// the totals they enter are printed (*), the footnote naming the
    /// unit, the cell and the likely figure ([`outliers_disputed`]).
    pub disputed: Vec<Disputed>,
}

/// A unit's figure in the totals that an `outlier` warning calls
/// probably wrong, and the totals cells it enters.
#[derive(Clone, Debug, PartialEq)]
pub struct Disputed {
    pub indicator: usize,
    pub column: ValueColumn,
    /// Agency index.
    pub unit: usize,
    /// Where the figure is: `file › sheet › cell`.
    pub at: String,
    /// The figure as written, and the likely one (empty when none).
    pub stated: String,
    pub likely: String,
    /// (indicator, column index) of the totals it enters.
    pub cells: Vec<(usize, usize)>,
}

/// A unit's figure its own note calls incomplete («chưa gồm số của Xã
/// Kim Lợi» under a province's tong-hop.xlsx), and the totals cells it
/// leaves short: its own, the %KH and %CK worked from it, the rates it
/// is an operand of.
#[derive(Clone, Debug, PartialEq)]
pub struct Incomplete {
    pub indicator: usize,
    pub column: ValueColumn,
    /// Agency index.
    pub unit: usize,
    /// (indicator, column index) of the totals it leaves short.
    pub cells: Vec<(usize, usize)>,
}

impl Totals {
    /// Does a total `rel` names in `column` lack a unit's figure: a cell
    /// left empty or a column not sent (printed `(*)`, its note naming
    /// them), or a unit that must report it and is in no total (its
    /// report missing, blank or set aside: the footnote names it).
    pub fn short(
        &self,
        rel: &relations::Relation,
        column: ValueColumn,
        template: &Template,
    ) -> bool {
        rel.operands_in(column).iter().any(|&(c, at)| {
            let ci = at.index();
            template.indicator_index(c).is_none_or(|i| {
                let owed = (0..template.agencies.len())
                    .filter(|&u| {
                        template.agencies[u].reports
                            && template.counts_towards_total(u, i)
                            && template.must_report(u, i)
                    })
                    .count();
                self.blank_cells.contains_key(&(i, ci))
                    || self.without_column.contains_key(&(i, ci))
                    || (self.contributors[i][ci] as usize) < owed
            })
        })
    }
}

/// A unit that sent no TH column (a half-year form with its six months
/// only) and a stock it stated the LK of: both are the stock's level at
/// the period's end, so the TH total takes that LK.
#[derive(Clone, Debug, PartialEq)]
pub struct ThFromLk {
    pub indicator: usize,
    /// Agency index.
    pub unit: usize,
    pub lk: f64,
}

/// A unit's stock whose stated LK is not its TH (a `cumulative-mismatch`
/// warning: both are its level at the period's end): the LK total takes
/// its TH instead.
#[derive(Clone, Debug, PartialEq)]
pub struct LkFromTh {
    pub indicator: usize,
    /// Agency index.
    pub unit: usize,
    pub th: f64,
    pub lk: f64,
    /// The decimals the two were typed with (at least).
    pub decimals: u8,
    /// What the LK cell held when it was no number («đang tổng hợp»):
    /// its TH was taken for it as the file was read (`lk` is then the TH).
    pub written: Option<String>,
}

/// A unit whose file was read but set aside, none of its files in the
/// totals.
#[derive(Clone, Debug, PartialEq)]
pub struct SetAside {
    /// Agency index.
    pub unit: u32,
    pub file: String,
    /// The period the file's title names, when it is not the run's.
    pub period: Option<crate::model::Period>,
    /// The file was read and taken, but it is a blank form (or every
    /// figure in it unreadable): it adds nothing to any total.
    pub blank: bool,
}

/// Where the area's target of a rate was stated.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// Agency index of the department.
    pub unit: usize,
    pub file: String,
    pub cell: String,
    pub value: f64,
}

impl Totals {
    /// No figure yet for any of `indicators` indicators.
    pub fn empty(indicators: usize) -> Totals {
        Totals {
            values: vec![[None; 6]; indicators],
            tolerance: vec![[0.0; 6]; indicators],
            contributors: vec![[0; 6]; indicators],
            together: vec![[0; 6]; indicators],
            partial: BTreeMap::new(),
            without_column: BTreeMap::new(),
            blank_cells: BTreeMap::new(),
            parts_only: Vec::new(),
            parts_missing: BTreeMap::new(),
            set_aside: Vec::new(),
            typed: vec![0; indicators],
            written: vec![[0; WRITTEN_DECIMALS as usize + 1]; indicators],
            targets: BTreeMap::new(),
            ward_targets: BTreeMap::new(),
            ward_target_list: BTreeMap::new(),
            taken: BTreeMap::new(),
            untaken: std::collections::BTreeSet::new(),
            lk_from_th: Vec::new(),
            th_from_lk: Vec::new(),
            taken_cells: std::collections::BTreeSet::new(),
            incomplete: Vec::new(),
            disputed: Vec::new(),
        }
    }

    /// The most decimals the figures of `indicator` were typed with.
    pub fn typed(&self, indicator: usize) -> u8 {
        self.typed.get(indicator).copied().unwrap_or(0)
    }

    /// The decimals most units wrote the figures of `indicator` with in
    /// the catalog's unit (the more of two as common); none when no unit
    /// gave one.
    pub fn written_by_most(&self, indicator: usize) -> Option<u8> {
        let counts = self.written.get(indicator)?;
        let (d, n) = counts.iter().enumerate().max_by_key(|&(d, &n)| (n, d))?;
        (*n > 0).then_some(d as u8)
    }

    pub fn get(&self, indicator: usize, column: ValueColumn) -> Option<f64> {
        self.values.get(indicator).and_then(|v| v[column.index()])
    }

    /// The total as the consolidated workbook shows it: none where some
    /// units that reported the indicator sent no such column, since the
    /// others' sum is not the area's figure; and no %KH or %CK beside an
    /// LK, KH or CK left empty so (it would be the others' percent, with
    /// nothing on the sheet it is worked from).
    pub fn shown(&self, indicator: usize, column: ValueColumn) -> Option<f64> {
        let operands: &[ValueColumn] = match column {
            ValueColumn::PctKh => &[ValueColumn::Lk, ValueColumn::Kh],
            ValueColumn::PctCk => &[ValueColumn::Lk, ValueColumn::Ck],
            _ => &[],
        };
        if std::iter::once(&column)
            .chain(operands)
            .any(|c| self.without_column.contains_key(&(indicator, c.index())))
        {
            return None;
        }
        self.get(indicator, column)
    }
}

pub use crate::rules::rounding::half_unit;

/// The most decimals the consolidated workbook shows typed figures with,
/// when the template does not say ([`Totals::written`]).
pub const WRITTEN_DECIMALS: u8 = 3;

/// The half-unit a figure of `indicator` written with `decimals` stands
/// within, in sums and totals: none for a whole figure of an indicator
/// counted exactly ([`Template::counted_exactly`]: 237 letters are 237,
/// not 236,5 to 237,5), half a unit in its last place otherwise.
pub fn half_of(template: &Template, indicator: usize, decimals: i8) -> f64 {
    if decimals == 0 && template.counted_exactly(indicator) {
        0.0
    } else {
        half_unit(decimals)
    }
}

/// The rows of a submission that count towards the totals: no percents,
/// no rates, no department's own figure of a ward indicator.
pub(super) fn counted_rows<'a>(
    s: &'a Submission,
    template: &'a Template,
) -> impl Iterator<Item = (usize, &'a crate::normalize::submission::TidyRow)> + 'a {
    s.unit.into_iter().flat_map(move |u| {
        s.rows
            .iter()
            .filter(move |r| !r.column.is_percent() && template.counts_towards_total(u, r.ind()))
            .map(move |r| (u, r))
    })
}

/// Sums the included submissions into totals with polars, then recomputes
/// rates and percentages from the totals.
///
/// The tidy rows go into polars a chunk of units at a time (see
/// [`Figures`]); each chunk's group-by (sum, summed half-units, count) is
/// added into the totals, which is the same as one group-by over all rows
/// since sums and counts add up. What the sums take does not grow with the
/// number of units.
///
/// # Errors
/// Only if polars itself fails (an internal error, fatal), or the stored
/// figures cannot be read back.
pub fn consolidate(figures: &Figures, template: &Template) -> Result<Totals, Fatal> {
    let mut totals = Totals::empty(template.indicators.len());
    let derived = Derived::of(template);
    figures.each_chunk(|chunk| {
        derived.count(chunk, template, &mut totals);
        rate_targets(chunk, template, &mut totals);
        add_chunk(chunk, template, &mut totals)
    })?;
    recompute_rates(&mut totals, template);
    // A rate recomputed from a total the workbook leaves empty is left
    // empty with it, for the same units.
    for (rate, ops) in &derived.rates {
        for c in ValueColumn::QUANTITIES {
            // A rate's KH stated by its department is the area's target.
            if c == ValueColumn::Kh
                && (totals.targets.contains_key(rate) || totals.ward_targets.contains_key(rate))
            {
                continue;
            }
            let mut short = Partial::default();
            for &(o, pin) in ops {
                if let Some(p) = totals.without_column.get(&(o, pin.unwrap_or(c).index())) {
                    for &u in &p.first {
                        if !short.first.contains(&u) {
                            short.add(u);
                        }
                    }
                    short.count = short.count.max(p.count);
                }
            }
            if short.count > 0 {
                totals.without_column.insert((*rate, c.index()), short);
            }
        }
    }
    let kh = ValueColumn::Kh.index();
    for (&i, t) in &totals.targets {
        totals.values[i][kh] = Some(t.value);
    }
    let targets: Vec<usize> = totals.targets.keys().copied().collect();
    for i in targets {
        totals.partial.remove(&(i, kh));
        totals.partial.remove(&(i, ValueColumn::PctKh.index()));
    }
    take_stated(&mut totals, false);
    recompute_percentages(&mut totals, template);
    take_stated(&mut totals, true);
    short_as_operands(&mut totals, &derived);
    Ok(totals)
}

/// Whether indicator `i` is a rate with no formula to recompute it by
/// (an index, a growth, a price): its figures are taken as the unit its
/// `reported_by` names states them.
pub(crate) fn taken_as_stated(template: &Template, i: usize) -> bool {
    template.indicators.get(i).is_some_and(|ind| {
        ind.kind == Kind::Rate
            && !ind.reported_by.is_empty()
            && !matches!(parse(&ind.formula), Ok(Rule::Definition(_)))
    })
}

/// A rate with no formula takes, in each column, the one figure its
/// responsible unit stated (TH, LK, CK before the percents are worked
/// out, `percents` its %KH and %CK after, over those worked from the
/// figures taken; its KH is the target, [`rate_targets`]); two differing
/// figures for one cell take none.
fn take_stated(totals: &mut Totals, percents: bool) {
    let taken: Vec<((usize, usize), f64)> = totals
        .taken
        .iter()
        .filter(|(&(_, c), _)| {
            (c == ValueColumn::PctKh.index() || c == ValueColumn::PctCk.index()) == percents
        })
        .map(|(&k, t)| (k, t.value))
        .collect();
    for ((i, c), v) in taken {
        totals.values[i][c] = Some(v);
        totals.partial.remove(&(i, c));
        totals.without_column.remove(&(i, c));
        totals.blank_cells.remove(&(i, c));
    }
}

/// Marks the totals that `units` (agency indices) enter short of them,
/// as a blank cell's are: each unit's submission holds only part of its
/// area's figures (one file per former commune, the others' figures not
/// added; [`intake::disputes_whole_submission`]), so every total its
/// figures enter lacks the rest of the unit, and the rates, %KH and %CK
/// worked from those totals lack it too. The unit's figures stay in the
/// sums: they are its part, and the error on its file says what is
/// missing.
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn short_of_parts(
    figures: &Figures,
    template: &Template,
    units: &[usize],
    totals: &mut Totals,
) -> Result<(), Fatal> {
    for (k, s) in figures.subs().iter().enumerate() {
        let Some(u) = s.unit.filter(|u| units.contains(u)) else {
            continue;
        };
        let u = u as u32;
        mark_short(&*figures.unit(k)?, template, u, totals);
        if !totals.parts_only.contains(&u) {
            totals.parts_only.push(u);
        }
    }
    if !totals.parts_only.is_empty() {
        short_as_operands(totals, &Derived::of(template));
    }
    Ok(())
}

/// Marks every total `sub`'s counted figures enter (rates aside: they
/// are worked again from their operands) as lacking `unit`, as a blank
/// cell of its would.
fn mark_short(sub: &Submission, template: &Template, unit: u32, totals: &mut Totals) {
    let cells: std::collections::BTreeSet<(usize, usize)> = counted_rows(sub, template)
        .filter(|(_, r)| {
            template
                .indicators
                .get(r.ind())
                .is_some_and(|d| d.kind != Kind::Rate)
        })
        .map(|(_, r)| (r.ind(), r.column.index()))
        .collect();
    for key in cells {
        let short = totals.blank_cells.entry(key).or_default();
        if !short.first.contains(&unit) {
            short.add(unit);
        }
    }
}

/// Marks the totals short of the units whose file was read but set
/// aside (`aside`: the files read and not included) and none of whose
/// files is in them (`in_totals`): a total of a figure such a file gives
/// lacks that unit as it lacks one that left the cell blank, and says
/// why. A unit's first such file counts; `period` is the run's.
///
/// Not a file of another period: its unit sent no report of the run,
/// as one that sent nothing, and is told as it is (the count of units
/// the totals cover, the line naming the units without figures). Marked
/// `(*)` by the rows of its old file, every total lacked it, and at a
/// province's scale (30 such communes of 3.321) every figure of the
/// signed page was `(*)` with a footnote line per commune.
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn short_of_set_aside(
    aside: &Figures,
    template: &Template,
    in_totals: &std::collections::HashSet<usize>,
    period: crate::model::Period,
    totals: &mut Totals,
) -> Result<(), Fatal> {
    for (k, s) in aside.subs().iter().enumerate() {
        let Some(u) = s.unit.filter(|u| {
            !in_totals.contains(u)
                && template
                    .agencies
                    .get(*u)
                    .is_some_and(|a| a.kind == AgencyKind::Ward && a.reports)
        }) else {
            continue;
        };
        if s.period.is_some_and(|(p, _)| !p.same_report_as(&period)) {
            continue;
        }
        let unit = u as u32;
        if totals.set_aside.iter().any(|a| a.unit == unit) {
            continue;
        }
        mark_short(&*aside.unit(k)?, template, unit, totals);
        totals.set_aside.push(SetAside {
            unit,
            file: s.file.clone(),
            period: s
                .period
                .map(|(p, _)| p)
                .filter(|p| !p.same_report_as(&period)),
            blank: false,
        });
    }
    if !totals.set_aside.is_empty() {
        short_as_operands(totals, &Derived::of(template));
    }
    Ok(())
}

/// The parts of indicator `i` when its relation is a plain sum of them
/// (`[03] == [3.1] + [3.2] + [3.3]`), else `None`.
fn sum_parts_of(template: &Template, i: usize) -> Option<Vec<usize>> {
    use crate::rules::expr::{parse, Cmp, Expr, Rule};
    let ind = template.indicators.get(i)?;
    let Ok(Rule::Relation(left, Cmp::Eq, right)) = parse(&ind.formula) else {
        return None;
    };
    let own = |e: &Expr| matches!(e, Expr::Code(c) if template.indicator_index(c) == Some(i));
    let sum = if own(&left) {
        right
    } else if own(&right) {
        left
    } else {
        return None;
    };
    sum.sum_terms()?
        .into_iter()
        .map(|c| template.indicator_index(c))
        .collect()
}

/// A stock's LK total with each unit's TH for its LK where the unit
/// stated an LK unlike its TH (`known`: its `cumulative-mismatch`
/// warning, `expected` `LK = TH`), unless the stock's sum relation
/// disputes that TH (03 TH 6.894 where its parts 3.1 + 3.2 + 3.3 add to
/// 7.194, as its LK says: `sum-mismatch` at the TH): the LK then stands
/// as stated, and the unit's cells under Chi tiết add to the total. Both are the stock's level at the
/// period's end, so its LK can only be the level its TH states; the LK
/// it wrote (most often the quarters summed: a population of 2.105
/// written 8.408) would swell the area's level and the growth worked
/// from it. The warning still stands, the total is marked by it, and
/// [`Totals::lk_from_th`] says whose TH was taken (Tổng hợp prints the
/// figures so worked out with `(*)` and a footnote line). The %KH, %CK
/// and rates worked from that LK total are worked again.
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn stock_lk_as_th(
    figures: &Figures,
    template: &Template,
    known: &[crate::diagnostic::Finding],
    totals: &mut Totals,
) -> Result<(), Fatal> {
    use crate::diagnostic::{Code, Severity};
    let (th_c, lk_c) = (ValueColumn::Th, ValueColumn::Lk);
    let doubted: std::collections::BTreeSet<(usize, usize)> = known
        .iter()
        .filter(|f| {
            // A warning (which of the two is wrong is not known) or an
            // error (a relation its TH keeps proves the LK wrong): the
            // total takes the TH either way.
            f.severity != Severity::Info
                && f.code == Code::CumulativeMismatch
                && f.column == lk_c.as_str()
                && f.expected == "LK = TH"
        })
        .filter_map(|f| {
            Some((
                template.agency_index(&f.unit)?,
                template.indicator_index(&f.indicator)?,
            ))
        })
        .filter(|&(_, i)| {
            template
                .indicators
                .get(i)
                .is_some_and(|d| d.kind == Kind::Stock)
        })
        .collect();
    if doubted.is_empty() {
        return Ok(());
    }
    for (k, s) in figures.subs().iter().enumerate() {
        let Some(u) = s.unit.filter(|u| doubted.iter().any(|(d, _)| d == u)) else {
            continue;
        };
        let sub = figures.unit(k)?;
        for &(_, i) in doubted.iter().filter(|(d, _)| *d == u) {
            let of = |c: ValueColumn| {
                counted_rows(&sub, template)
                    .map(|(_, r)| r)
                    .find(|r| r.ind() == i && r.column == c)
                    .map(|r| (r.value, r.decimals.max(0) as u8))
            };
            let (Some((th, dt)), Some((lk, dl))) = (of(th_c), of(lk_c)) else {
                continue;
            };
            let parts_th = sum_parts_of(template, i).and_then(|parts| {
                parts.iter().try_fold(0.0, |acc, &p| {
                    counted_rows(&sub, template)
                        .map(|(_, r)| r)
                        .find(|r| r.ind() == p && r.column == th_c)
                        .map(|r| acc + r.value)
                })
            });
            // Half a unit in the last decimal place written: a rounding
            // is no dispute.
            let half = 0.5 * 10f64.powi(-i32::from(dt.max(dl))) + 1e-9;
            if parts_th.is_some_and(|sum| (sum - th).abs() > half && (sum - lk).abs() <= half) {
                continue;
            }
            let Some(total) = totals
                .values
                .get_mut(i)
                .and_then(|v| v[lk_c.index()].as_mut())
            else {
                continue;
            };
            *total += th - lk;
            totals.lk_from_th.push(LkFromTh {
                indicator: i,
                unit: u,
                th,
                lk,
                decimals: dt.max(dl),
                written: None,
            });
        }
    }
    if totals.lk_from_th.is_empty() {
        return Ok(());
    }
    recompute_rates(totals, template);
    let kh = ValueColumn::Kh.index();
    for (&i, t) in &totals.targets {
        totals.values[i][kh] = Some(t.value);
    }
    recompute_percentages(totals, template);
    mark_lk_from_th(totals, template);
    Ok(())
}

/// A stock whose LK cell held no number («đang tổng hợp», a
/// `value-invalid` error among `read`: each unit in the totals with a
/// finding its file was read with) takes its TH for LK as the file is
/// read, as a blank one does. Unlike a blank, the unit wrote something
/// else there: the LK total it enters is marked `(*)` and
/// [`Totals::lk_from_th`] says whose TH was taken and what the cell held,
/// as for an LK summed over the quarters ([`stock_lk_as_th`]).
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn stock_lk_unreadable<'a>(
    figures: &Figures,
    template: &Template,
    read: impl Iterator<Item = (usize, &'a crate::diagnostic::Finding)>,
    totals: &mut Totals,
) -> Result<(), Fatal> {
    use crate::diagnostic::{Code, Severity};
    let (th_c, lk_c) = (ValueColumn::Th, ValueColumn::Lk);
    // (unit, indicator) → what the LK cell held.
    let held: std::collections::BTreeMap<(usize, usize), String> = read
        .filter(|(_, f)| {
            f.code == Code::ValueInvalid
                && f.severity == Severity::Error
                && f.column == lk_c.as_str()
        })
        .filter_map(|(u, f)| {
            Some((
                (u, template.indicator_index(&f.indicator)?),
                f.actual.clone(),
            ))
        })
        .filter(|&((_, i), _)| {
            template
                .indicators
                .get(i)
                .is_some_and(|d| d.kind == Kind::Stock && !d.opening_level())
        })
        .collect();
    if held.is_empty() {
        return Ok(());
    }
    let before = totals.lk_from_th.len();
    for (k, s) in figures.subs().iter().enumerate() {
        let Some(u) = s.unit.filter(|u| held.keys().any(|(h, _)| h == u)) else {
            continue;
        };
        let sub = figures.unit(k)?;
        for ((_, i), written) in held.range((u, 0)..(u + 1, 0)) {
            let of = |c: ValueColumn| {
                counted_rows(&sub, template)
                    .map(|(_, r)| r)
                    .find(|r| r.ind() == *i && r.column == c)
            };
            // The LK taken is the TH's own cell, copied.
            let (Some(th), Some(lk)) = (of(th_c), of(lk_c)) else {
                continue;
            };
            if (th.sheet, th.row, th.col) != (lk.sheet, lk.row, lk.col) {
                continue;
            }
            totals.lk_from_th.push(LkFromTh {
                indicator: *i,
                unit: u,
                th: th.value,
                lk: lk.value,
                decimals: th.decimals.max(0) as u8,
                written: Some(written.clone()),
            });
        }
    }
    if totals.lk_from_th.len() > before {
        mark_lk_from_th(totals, template);
    }
    Ok(())
}

/// Marks `(*)` the LK totals [`Totals::lk_from_th`] takes a TH into, and
/// the rates and percents worked from them.
fn mark_lk_from_th(totals: &mut Totals, template: &Template) {
    let lk_c = ValueColumn::Lk;
    let derived = Derived::of(template);
    let mut cells = std::collections::BTreeSet::new();
    for e in &totals.lk_from_th {
        cells.insert((e.indicator, lk_c.index()));
        for (rate, ops) in &derived.rates {
            let in_lk = |&(o, pin): &Operand| o == e.indicator && pin.is_none_or(|p| p == lk_c);
            if ops.iter().any(in_lk) {
                cells.insert((*rate, lk_c.index()));
            }
        }
    }
    let worked: Vec<usize> = cells.iter().map(|&(i, _)| i).collect();
    for i in worked {
        for p in [ValueColumn::PctKh, ValueColumn::PctCk] {
            cells.insert((i, p.index()));
        }
    }
    cells.retain(|&(i, c)| totals.values.get(i).is_some_and(|v| v[c].is_some()));
    totals.taken_cells.extend(cells);
}

/// The figures of the units in the totals that their own note calls
/// incomplete (`read`: each unit in the totals with the findings its
/// file was read with, among them the `indicator-missing` warning at a
/// figure cell marked (*), its column named): the totals they enter are
/// short by the unit's own word, and [`Totals::incomplete`] says whose
/// (Tổng hợp prints them with `(*)` and a footnote line).
pub fn stated_incomplete<'a>(
    template: &Template,
    read: impl Iterator<Item = (usize, &'a crate::diagnostic::Finding)>,
    totals: &mut Totals,
) {
    use crate::diagnostic::{Code, Severity};
    let derived = Derived::of(template);
    for (unit, f) in read.filter(|(_, f)| {
        f.code == Code::IndicatorMissing && f.severity == Severity::Warning && !f.column.is_empty()
    }) {
        let (Some(unit), Some(i), Some(column)) = (
            Some(unit),
            template.indicator_index(&f.indicator),
            ValueColumn::parse(&f.column),
        ) else {
            continue;
        };
        // A department's figure of an indicator its wards report is
        // compared with their sum, never added: the total lacks nothing.
        let rate = template
            .indicators
            .get(i)
            .is_some_and(|d| d.kind == Kind::Rate);
        if !rate && !template.counts_towards_total(unit, i) {
            continue;
        }
        if totals
            .incomplete
            .iter()
            .any(|e| e.unit == unit && e.indicator == i && e.column == column)
        {
            continue;
        }
        let cells = entered_cells(&derived, totals, i, column);
        totals.incomplete.push(Incomplete {
            indicator: i,
            column,
            unit,
            cells,
        });
    }
}

/// The totals cells (indicator, column index) a unit's figure of
/// indicator `i` in `column` enters: its own, the rates it is an operand
/// of, and the %KH and %CK worked from them (those the totals hold).
fn entered_cells(
    derived: &Derived,
    totals: &Totals,
    i: usize,
    column: ValueColumn,
) -> Vec<(usize, usize)> {
    let mut cells = vec![(i, column.index())];
    for (rate, ops) in &derived.rates {
        for &(o, pin) in ops {
            match pin {
                _ if o != i => {}
                None => cells.push((*rate, column.index())),
                // `DT.01[KH]`: the rate in every column takes it.
                Some(p) if p == column => {
                    cells.extend(ValueColumn::QUANTITIES.iter().map(|q| (*rate, q.index())))
                }
                Some(_) => {}
            }
        }
    }
    let worked: Vec<(usize, usize)> = cells.clone();
    for (k, c) in worked {
        let pct: &[ValueColumn] = match ValueColumn::ALL.get(c) {
            Some(ValueColumn::Kh) => &[ValueColumn::PctKh],
            Some(ValueColumn::Ck) => &[ValueColumn::PctCk],
            Some(ValueColumn::Lk) => &[ValueColumn::PctKh, ValueColumn::PctCk],
            _ => &[],
        };
        cells.extend(pct.iter().map(|p| (k, p.index())));
    }
    cells.retain(|&(k, c)| totals.values.get(k).is_some_and(|v| v[c].is_some()));
    cells.sort_unstable();
    cells.dedup();
    cells
}

/// The figures summed into the totals that an `outlier` warning of the
/// final findings disputes (`used`: the file each unit in the totals was
/// consolidated from, by agency index): the totals they enter are
/// printed (*) and [`Totals::disputed`] names the unit, the cell and the
/// likely figure, so that no total is signed with it unseen. An error
/// is marked in red already; a rate's figure (not summed) is left out.
pub fn outliers_disputed(
    template: &Template,
    findings: &[crate::diagnostic::Finding],
    used: &std::collections::HashMap<usize, &str>,
    totals: &mut Totals,
) {
    use crate::diagnostic::{Code, Severity};
    let derived = Derived::of(template);
    for f in findings
        .iter()
        .filter(|f| f.code == Code::Outlier && f.severity == Severity::Warning)
    {
        let (Some(unit), Some(i), Some(column)) = (
            template.agency_index(&f.unit),
            template.indicator_index(&f.indicator),
            ValueColumn::parse(&f.column),
        ) else {
            continue;
        };
        if f.cell.is_empty()
            || column.is_percent()
            || used.get(&unit).is_none_or(|file| *file != f.file)
            || !template.counts_towards_total(unit, i)
            || template
                .indicators
                .get(i)
                .is_none_or(|d| d.kind == Kind::Rate)
            || totals
                .disputed
                .iter()
                .any(|e| e.unit == unit && e.indicator == i && e.column == column)
        {
            continue;
        }
        // A TH disputed is carried by the unit's LK (marked with it).
        let mut cells = entered_cells(&derived, totals, i, column);
        if column == ValueColumn::Th {
            cells.extend(entered_cells(&derived, totals, i, ValueColumn::Lk));
            cells.sort_unstable();
            cells.dedup();
        }
        if cells.is_empty() {
            continue;
        }
        let at = [f.file.as_str(), f.sheet.as_str(), f.cell.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" › ");
        let likely = f.expected.trim_start_matches('≈').trim().to_string();
        totals.disputed.push(Disputed {
            indicator: i,
            column,
            unit,
            at,
            stated: f.actual.clone(),
            likely,
            cells,
        });
    }
}

/// A stock's TH total with the LK of each unit that sent no TH column
/// at all (a half-year form with "6 tháng" and no quarter column): a
/// stock's TH and LK are both its level at the period's end, so its LK
/// is the TH it left out, and the area's TH of its stocks (and of the
/// rates worked from stocks only) need not be left empty for it. A
/// flow's quarter cannot be told from its LK: its TH total stays empty
/// ([`Totals::without_column`]), as does a stock stated at the period's
/// start («tồn đầu kỳ»), whose TH and LK differ. [`Totals::th_from_lk`]
/// says whose LK was taken. Nothing is inferred that the report could
/// doubt (the level at the half-year's end is the level at its last
/// quarter's end), so the totals are not marked `(*)` and need no
/// footnote: there is nothing for the units to confirm. A unit that sent the TH column but left a stock's
/// cell empty is not filled: its figure is unknown.
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn stock_th_as_lk(
    figures: &Figures,
    template: &Template,
    totals: &mut Totals,
) -> Result<(), Fatal> {
    use std::collections::BTreeSet;
    let (th_c, lk_c) = (ValueColumn::Th, ValueColumn::Lk);
    let th = th_c.index();
    let stocks: BTreeSet<usize> = totals
        .without_column
        .keys()
        .filter(|&&(i, c)| {
            c == th
                && template
                    .indicators
                    .get(i)
                    .is_some_and(|d| d.kind == Kind::Stock && !cumulative::opening_level(d))
        })
        .map(|&(i, _)| i)
        .collect();
    if stocks.is_empty() {
        return Ok(());
    }
    // The units to read: those named, unless some list is cut short.
    let named: Option<BTreeSet<u32>> = stocks
        .iter()
        .filter_map(|&i| totals.without_column.get(&(i, th)))
        .try_fold(BTreeSet::new(), |mut all, p| {
            (p.count as usize == p.first.len()).then(|| {
                all.extend(p.first.iter().copied());
                all
            })
        });
    for (k, s) in figures.subs().iter().enumerate() {
        let Some(u) = s.unit else { continue };
        if named.as_ref().is_some_and(|n| !n.contains(&(u as u32))) {
            continue;
        }
        let sub = figures.unit(k)?;
        let rows: Vec<&crate::normalize::submission::TidyRow> =
            counted_rows(&sub, template).map(|(_, r)| r).collect();
        if rows.iter().any(|r| r.column == th_c) {
            continue;
        }
        let mut seen = BTreeSet::new();
        for r in rows
            .iter()
            .filter(|r| r.column == lk_c && stocks.contains(&r.ind()) && seen.insert(r.ind()))
        {
            let i = r.ind();
            let Some(p) = totals.without_column.get_mut(&(i, th)) else {
                continue;
            };
            p.first.retain(|&x| x != u as u32);
            p.count = p.count.saturating_sub(1);
            if p.count == 0 {
                totals.without_column.remove(&(i, th));
            }
            let total = &mut totals.values[i][th];
            *total = Some(total.unwrap_or(0.0) + r.value);
            totals.tolerance[i][th] += half_of(template, i, r.decimals);
            totals.contributors[i][th] += 1;
            totals.th_from_lk.push(ThFromLk {
                indicator: i,
                unit: u,
                lk: r.value,
            });
        }
    }
    if totals.th_from_lk.is_empty() {
        return Ok(());
    }
    // A rate is left empty with its operands, for the same units: no
    // more than they are now.
    let derived = Derived::of(template);
    for (rate, ops) in &derived.rates {
        if !totals.without_column.contains_key(&(*rate, th)) {
            continue;
        }
        let mut short = Partial::default();
        for &(o, pin) in ops {
            if let Some(p) = totals
                .without_column
                .get(&(o, pin.map_or(th, ValueColumn::index)))
            {
                for &u in &p.first {
                    if !short.first.contains(&u) {
                        short.add(u);
                    }
                }
                short.count = short.count.max(p.count);
            }
        }
        if short.count > 0 {
            totals.without_column.insert((*rate, th), short);
        } else {
            totals.without_column.remove(&(*rate, th));
        }
    }
    recompute_rates(totals, template);
    let kh = ValueColumn::Kh.index();
    for (&i, t) in &totals.targets {
        totals.values[i][kh] = Some(t.value);
    }
    recompute_percentages(totals, template);
    Ok(())
}

/// The units a figure recomputed from the totals leaves out: a rate of
/// the totals (TC03 = TC02 / TC01 × 100) lacks the units its operands'
/// totals lack, a %KH (%CK) those its LK and KH (CK) lack. It is then
/// the others' rate, not the area's, and is signed as its operands are.
fn short_as_operands(totals: &mut Totals, derived: &Derived) {
    let union = |totals: &Totals, cells: &[(usize, usize)]| {
        let mut short = Partial::default();
        for key in cells {
            if let Some(p) = totals.blank_cells.get(key) {
                for &u in &p.first {
                    if !short.first.contains(&u) {
                        short.add(u);
                    }
                }
                short.count = short.count.max(p.count);
            }
        }
        short
    };
    for (rate, ops) in &derived.rates {
        for c in ValueColumn::QUANTITIES {
            // A rate's KH stated by its department, or typed by the wards,
            // is a target: its operands' plans are no part of it.
            let stated = c == ValueColumn::Kh
                && (totals.targets.contains_key(rate) || totals.ward_targets.contains_key(rate));
            if stated || totals.get(*rate, c).is_none() {
                continue;
            }
            let cells: Vec<(usize, usize)> = ops
                .iter()
                .map(|&(o, pin)| (o, pin.unwrap_or(c).index()))
                .collect();
            let short = union(totals, &cells);
            if short.count > 0 {
                totals.blank_cells.insert((*rate, c.index()), short);
            }
        }
    }
    for i in 0..totals.values.len() {
        for (p, other) in [
            (ValueColumn::PctKh, ValueColumn::Kh),
            (ValueColumn::PctCk, ValueColumn::Ck),
        ] {
            if totals.get(i, p).is_none() {
                continue;
            }
            let short = union(totals, &[(i, ValueColumn::Lk.index()), (i, other.index())]);
            if short.count > 0 {
                totals.blank_cells.insert((i, p.index()), short);
            }
        }
    }
}

/// The figures recomputed from totals whose operands are summed over
/// units: each indicator's %KH and %CK, and each rate whose formula's
/// indicators are all summed over the wards (a rate over department
/// figures has one unit per operand and nothing to mix).
struct Derived {
    /// (rate, its formula's operands).
    rates: Vec<(usize, Vec<Operand>)>,
}

/// A rate's operand: its indicator and the column its marker names
/// (`DT.01[KH]`); `None`, the rate's own column.
type Operand = (usize, Option<ValueColumn>);

/// The units that gave only part of a figure's operands: how many, and
/// the first [`Partial::KEPT`] of them by registry index (what a message
/// names), so that what is kept does not grow with the number of units.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Partial {
    pub first: Vec<u32>,
    pub count: u32,
}

impl Partial {
    pub const KEPT: usize = 20;

    fn add(&mut self, unit: u32) {
        if self.first.len() < Self::KEPT {
            self.first.push(unit);
        }
        self.count += 1;
    }
}

/// Bits of a unit's quantity columns for one indicator.
fn bit(c: ValueColumn) -> u8 {
    1 << c.index()
}

impl Derived {
    fn of(template: &Template) -> Derived {
        let summed = |i: usize| {
            template
                .indicators
                .get(i)
                .is_some_and(|d| d.kind != Kind::Rate && d.level != Level::District)
        };
        let rates = template
            .indicators
            .iter()
            .enumerate()
            .filter(|(_, ind)| ind.kind == Kind::Rate)
            .filter_map(|(r, ind)| {
                let Ok(Rule::Definition(expr)) = parse(&ind.formula) else {
                    return None;
                };
                let ops: Option<Vec<Operand>> = expr
                    .operands()
                    .iter()
                    .map(|&(c, pin)| Some((template.indicator_index(c)?, pin)))
                    .collect();
                let ops = ops.filter(|o| !o.is_empty() && o.iter().all(|&(i, _)| summed(i)))?;
                Some((r, ops))
            })
            .collect();
        Derived { rates }
    }

    /// Counts, for a chunk's units, who gave all the operands of each
    /// recomputed figure and who gave only part of them.
    fn count(&self, subs: &[&Submission], template: &Template, totals: &mut Totals) {
        let mut masks: Vec<u8> = vec![0; template.indicators.len()];
        // The most decimals the unit's figures of each indicator need.
        let mut written: Vec<u8> = vec![0; template.indicators.len()];
        let mut touched: Vec<usize> = Vec::new();
        for s in subs {
            let Some(u) = s.unit else { continue };
            for (_, r) in counted_rows(s, template) {
                let Some(m) = masks.get_mut(r.ind()) else {
                    continue;
                };
                let typed = &mut totals.typed[r.ind()];
                *typed = (*typed).max(r.shown_decimals());
                if let Some(w) = written.get_mut(r.ind()) {
                    *w = (*w).max(r.written_decimals(WRITTEN_DECIMALS));
                }
                if *m == 0 {
                    touched.push(r.ind());
                }
                *m |= bit(r.column);
            }
            let mut tally = |i: usize, slot: usize, have: usize, need: usize| {
                if have == need {
                    totals.together[i][slot] += 1;
                } else if have > 0 {
                    totals.partial.entry((i, slot)).or_default().add(u as u32);
                }
            };
            // The quantity columns the unit sent at all: a column it gave
            // no figure in, for an indicator it reported, leaves that
            // indicator's total in the column short of the unit.
            let quantities: u8 = ValueColumn::QUANTITIES.iter().map(|&c| bit(c)).sum();
            let sent = touched.iter().fold(0u8, |m, &i| m | masks[i]) & quantities;
            for &i in &touched {
                let summed = template
                    .indicators
                    .get(i)
                    .is_some_and(|d| d.kind != Kind::Rate);
                if summed && masks[i] & quantities != 0 {
                    for c in ValueColumn::QUANTITIES {
                        let left = if sent & bit(c) == 0 {
                            &mut totals.without_column
                        } else if masks[i] & bit(c) == 0 {
                            &mut totals.blank_cells
                        } else {
                            continue;
                        };
                        left.entry((i, c.index())).or_default().add(u as u32);
                    }
                }
            }
            // An indicator the unit must report (the template's level and
            // the registry's `exempt` say so) whose row it left blank or
            // deleted: its figure is unknown in every column, as
            // a blank cell's is, and the totals it enters lack it, in the
            // columns it sent and in those it did not.
            if sent != 0 {
                for (i, &m) in masks.iter().enumerate() {
                    if m & quantities != 0
                        || !template.must_report(u, i)
                        || !template.counts_towards_total(u, i)
                    {
                        continue;
                    }
                    // Every column: one the unit sent no figure in at
                    // all leaves this total short of it too (the totals
                    // of the indicators it did report are left empty,
                    // `without_column`; this one prints, marked).
                    for c in ValueColumn::QUANTITIES {
                        totals
                            .blank_cells
                            .entry((i, c.index()))
                            .or_default()
                            .add(u as u32);
                    }
                }
            }
            for &i in &touched {
                let m = masks[i];
                let lk = usize::from(m & bit(ValueColumn::Lk) != 0);
                for (other, slot) in [
                    (ValueColumn::Kh, ValueColumn::PctKh),
                    (ValueColumn::Ck, ValueColumn::PctCk),
                ] {
                    tally(i, slot.index(), lk + usize::from(m & bit(other) != 0), 2);
                }
            }
            // An operand the unit is exempt from (the registry's `exempt`)
            // and left out is absent by right: it adds nothing to the
            // summed operands, and leaves no total short (Xã Đông Sơn,
            // with no lower secondary school, in a dropout rate over
            // primary and lower secondary pupils), once the unit gave
            // any other operand.
            let exempt = template
                .agencies
                .get(u)
                .map_or(&[][..], |a| a.exempt.as_slice());
            let with_excused = |given: usize, excused: usize| match given {
                0 => 0,
                _ => given + excused,
            };
            for (rate, ops) in &self.rates {
                for c in ValueColumn::QUANTITIES {
                    // An operand's own column, or its marker's.
                    let has =
                        |o: usize, pin: Option<ValueColumn>| masks[o] & bit(pin.unwrap_or(c)) != 0;
                    let given = ops.iter().filter(|&&(o, pin)| has(o, pin)).count();
                    let excused = ops
                        .iter()
                        .filter(|&&(o, pin)| !has(o, pin) && exempt.contains(&o))
                        .count();
                    tally(*rate, c.index(), with_excused(given, excused), ops.len());
                }
                // A rate's %KH and %CK: its LK and its KH or CK from the
                // same units.
                for (other, slot) in [
                    (ValueColumn::Kh, ValueColumn::PctKh),
                    (ValueColumn::Ck, ValueColumn::PctCk),
                ] {
                    // An operand with a marker is its one column twice.
                    let both = |pin: Option<ValueColumn>| match pin {
                        Some(p) => bit(p),
                        None => bit(ValueColumn::Lk) | bit(other),
                    };
                    let given: usize = ops
                        .iter()
                        .map(|&(o, pin)| match pin {
                            Some(_) => 2 * usize::from(masks[o] & both(pin) != 0),
                            None => (masks[o] & both(pin)).count_ones() as usize,
                        })
                        .sum();
                    let excused = 2 * ops
                        .iter()
                        .filter(|&&(o, pin)| masks[o] & both(pin) == 0 && exempt.contains(&o))
                        .count();
                    tally(
                        *rate,
                        slot.index(),
                        with_excused(given, excused),
                        2 * ops.len(),
                    );
                }
            }
            for i in touched.drain(..) {
                if let Some(n) = totals
                    .written
                    .get_mut(i)
                    .and_then(|w| w.get_mut(usize::from(written[i])))
                {
                    *n += 1;
                }
                masks[i] = 0;
                written[i] = 0;
            }
        }
    }
}

/// True when the figure of `indicator` in `slot` (%KH, %CK, or a rate's
/// quantity column) may be recomputed from the totals: no unit gave only
/// part of its operands.
fn computable(totals: &Totals, indicator: usize, slot: usize) -> bool {
    !totals.partial.contains_key(&(indicator, slot))
}

/// The KH of each rate stated by the department that reports it (not a
/// ward): the area's target.
fn rate_targets(subs: &[&Submission], template: &Template, totals: &mut Totals) {
    for s in subs {
        let Some(a) = s
            .unit
            .and_then(|u| template.agencies.get(u).map(|a| (u, a)))
        else {
            continue;
        };
        if a.1.kind == AgencyKind::Ward {
            // A ward's own target of a rate only the wards report.
            for r in s.rows.iter().filter(|r| r.column == ValueColumn::Kh) {
                let Some(ind) = template.indicators.get(r.ind()) else {
                    continue;
                };
                if ind.kind != Kind::Rate || ind.level != Level::Ward {
                    continue;
                }
                totals
                    .ward_targets
                    .entry(r.ind())
                    .and_modify(|t| {
                        if t.is_some_and(|v| (v - r.value).abs() > 1e-9) {
                            *t = None;
                        }
                    })
                    .or_insert(Some(r.value));
                let typed = totals.ward_target_list.entry(r.ind()).or_default();
                if !typed.iter().any(|&(u, _)| u as usize == a.0) {
                    typed.push((a.0 as u32, r.value));
                }
            }
            continue;
        }
        for r in s.rows.iter().filter(|r| r.column == ValueColumn::Kh) {
            let Some(ind) = template.indicators.get(r.ind()) else {
                continue;
            };
            if ind.kind != Kind::Rate || ind.reported_by != a.1.code {
                continue;
            }
            totals.targets.entry(r.ind()).or_insert_with(|| Target {
                unit: a.0,
                file: s.file.clone(),
                cell: s.location(r).cell,
                value: r.value,
            });
        }
        // The other figures of a rate nothing recomputes, as its unit
        // states them; two files that differ on one cell leave it empty.
        for r in s.rows.iter().filter(|r| r.column != ValueColumn::Kh) {
            let i = r.ind();
            if !taken_as_stated(template, i)
                || template
                    .indicators
                    .get(i)
                    .is_none_or(|ind| ind.reported_by != a.1.code)
            {
                continue;
            }
            let key = (i, r.column.index());
            if totals.untaken.contains(&key) {
                continue;
            }
            match totals.taken.get(&key) {
                Some(t) if t.value != r.value => {
                    totals.taken.remove(&key);
                    totals.untaken.insert(key);
                }
                Some(_) => {}
                None => {
                    totals.taken.insert(
                        key,
                        Target {
                            unit: a.0,
                            file: s.file.clone(),
                            cell: s.location(r).cell,
                            value: r.value,
                        },
                    );
                }
            }
        }
    }
}

/// One chunk of submissions: its figures that count, grouped by indicator
/// and column in polars, added into `totals`.
fn add_chunk(subs: &[&Submission], template: &Template, totals: &mut Totals) -> Result<(), Fatal> {
    let mut unit = Vec::new();
    let mut indicator = Vec::new();
    let mut column = Vec::new();
    let mut value = Vec::new();
    let mut tolerance = Vec::new();
    for s in subs {
        // Only the figures that count go into the frame: percentages,
        // rates and a department's own figure of a ward indicator never do.
        for (u, r) in counted_rows(s, template) {
            unit.push(u as u32);
            indicator.push(r.indicator);
            column.push(r.column.index() as u32);
            value.push(r.value);
            tolerance.push(half_of(template, r.ind(), r.decimals));
        }
    }
    if unit.is_empty() {
        return Ok(());
    }
    let df = frame(vec![
        Column::new(cols::UNIT.into(), unit),
        Column::new(cols::INDICATOR.into(), indicator),
        Column::new(cols::COLUMN.into(), column),
        Column::new(cols::VALUE.into(), value),
        Column::new(cols::TOLERANCE.into(), tolerance),
    ])?;
    let grouped = df
        .lazy()
        .group_by([col(cols::INDICATOR), col(cols::COLUMN)])
        .agg([
            col(cols::VALUE).sum().alias(cols::TOTAL),
            col(cols::TOLERANCE).sum().alias(cols::TOTAL_TOLERANCE),
            col(cols::UNIT).count().alias(cols::CONTRIBUTORS),
        ])
        .collect()
        .map_err(polars_fatal)?;
    let k = totals.values.len();
    let (ind_col, col_col) = (
        u32s(&grouped, cols::INDICATOR)?,
        u32s(&grouped, cols::COLUMN)?,
    );
    let (tot_col, tol_col) = (
        f64s(&grouped, cols::TOTAL)?,
        f64s(&grouped, cols::TOTAL_TOLERANCE)?,
    );
    let cnt = counts(&grouped, cols::CONTRIBUTORS)?;
    let cnt_col = cnt.u32().map_err(polars_fatal)?;
    for i in 0..grouped.height() {
        let (Some(ind), Some(c)) = (ind_col.get(i), col_col.get(i)) else {
            continue;
        };
        let (ind, c) = (ind as usize, c as usize);
        if ind >= k || c >= 6 {
            continue;
        }
        if let Some(v) = tot_col.get(i) {
            let sum = totals.values[ind][c].get_or_insert(0.0);
            *sum += v;
        }
        totals.tolerance[ind][c] += tol_col.get(i).unwrap_or(0.0);
        totals.contributors[ind][c] += cnt_col.get(i).unwrap_or(0);
    }
    Ok(())
}

/// Rates come from their formula over the totals, never from summing.
fn recompute_rates(totals: &mut Totals, template: &Template) {
    for (i, ind) in template.indicators.iter().enumerate() {
        if ind.kind != Kind::Rate {
            continue;
        }
        let Ok(Rule::Definition(expr)) = parse(&ind.formula) else {
            continue;
        };
        // A rate a department reports for the whole area has for KH the
        // target it states ([`Totals::targets`]), set after: worked from
        // the plans of its operands it is no target anyone set (the
        // disbursement plan over the capital plan: 100,00, or 8.455,58
        // with a commune's slip in one of them).
        let target_only = ind.level != Level::Ward && !ind.reported_by.is_empty();
        for c in ValueColumn::QUANTITIES {
            let ci = c.index();
            if c == ValueColumn::Kh && target_only {
                totals.values[i][ci] = None;
                continue;
            }
            // Targets the wards typed: the one they share, else none.
            if c == ValueColumn::Kh {
                if let Some(typed) = totals.ward_targets.get(&i) {
                    totals.values[i][ci] = *typed;
                    totals.partial.remove(&(i, ci));
                    totals.partial.remove(&(i, ValueColumn::PctKh.index()));
                    continue;
                }
            }
            // Each operand's total in `c`, or in its marker's column: the
            // disbursement rate's LK is the LK total of what was disbursed
            // over the KH total of the plans (`DT.02 / DT.01[KH] * 100`).
            let lookup = |code: &str, column: ValueColumn| {
                template
                    .indicator_index(code)
                    .and_then(|j| totals.values[j][column.index()])
            };
            totals.values[i][ci] = if computable(totals, i, ci) {
                expr.eval_in(c, &lookup)
            } else {
                None
            };
        }
    }
}

/// %KH = LK / KH × 100; %CK = LK / CK × 100 (− 100 for growth).
fn recompute_percentages(totals: &mut Totals, template: &Template) {
    let (lk, kh, ck) = (
        ValueColumn::Lk.index(),
        ValueColumn::Kh.index(),
        ValueColumn::Ck.index(),
    );
    let (pkh, pck) = (ValueColumn::PctKh.index(), ValueColumn::PctCk.index());
    // A rate's too: its LK against the area's target and last year's.
    for i in 0..template.indicators.len() {
        let v = totals.values[i];
        totals.values[i][pkh] = match (v[lk], v[kh]) {
            (Some(l), Some(k)) if k != 0.0 && computable(totals, i, pkh) => Some(l / k * 100.0),
            _ => None,
        };
        // No %CK across a change of sign (a balance: kết dư this year,
        // bội chi last year): the ratio means nothing, the cell is blank.
        totals.values[i][pck] = match (v[lk], v[ck]) {
            (Some(l), Some(c)) if c != 0.0 && l * c >= 0.0 && computable(totals, i, pck) => {
                Some(match template.settings.ck_convention {
                    CkConvention::Growth => l / c * 100.0 - 100.0,
                    CkConvention::Ratio => l / c * 100.0,
                })
            }
            _ => None,
        };
    }
}

/// A polars failure is an internal error: fatal, with its text.
pub fn polars_fatal(e: PolarsError) -> Fatal {
    Fatal::Other(format!("internal error in the consolidation (polars): {e}"))
}

/// A frame of columns of one length (the first column's).
pub(crate) fn frame(columns: Vec<Column>) -> Result<DataFrame, Fatal> {
    let height = columns.first().map_or(0, Column::len);
    DataFrame::new(height, columns).map_err(polars_fatal)
}

/// A `u32` column of a polars result.
pub(crate) fn u32s<'a>(df: &'a DataFrame, name: &str) -> Result<&'a UInt32Chunked, Fatal> {
    df.column(name).and_then(|c| c.u32()).map_err(polars_fatal)
}

/// An `f64` column of a polars result.
pub(crate) fn f64s<'a>(df: &'a DataFrame, name: &str) -> Result<&'a Float64Chunked, Fatal> {
    df.column(name).and_then(|c| c.f64()).map_err(polars_fatal)
}

/// A boolean column of a polars result.
pub(crate) fn bools<'a>(df: &'a DataFrame, name: &str) -> Result<&'a BooleanChunked, Fatal> {
    df.column(name).and_then(|c| c.bool()).map_err(polars_fatal)
}

/// A count column of a polars result (polars' index type) as `u32`.
pub(crate) fn counts(df: &DataFrame, name: &str) -> Result<Column, Fatal> {
    df.column(name)
        .map_err(polars_fatal)?
        .cast(&DataType::UInt32)
        .map_err(polars_fatal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Lang;
    use crate::normalize::store::UNITS_PER_CHUNK;
    use crate::reconcile::checks::testutil::{ind, row, store_all, sub_with};

    /// What most units wrote decides; a tie the more decimals (rounding
    /// away what half the units wrote would hide it); no unit, nothing.
    #[test]
    fn the_decimals_written_by_most_units() {
        let mut totals = Totals::empty(3);
        totals.written[0] = [3, 1, 0, 1];
        totals.written[1] = [2, 2, 0, 0];
        assert_eq!(totals.written_by_most(0), Some(0));
        assert_eq!(totals.written_by_most(1), Some(1));
        assert_eq!(totals.written_by_most(2), None);
        assert_eq!(totals.written_by_most(7), None);
    }

    /// More units than one chunk takes, their figures in the store: the
    /// totals added up chunk by chunk equal the plain sums, counts and
    /// half-units.
    #[test]
    fn totals_over_several_chunks_equal_the_plain_sums() {
        let t = Template::builtin().unwrap();
        let hc02 = ind(&t, "HC02");
        let n = 2 * UNITS_PER_CHUNK + 37;
        let mut subs: Vec<Submission> = (0..n)
            .map(|k| {
                let mut rows = vec![row(hc02, ValueColumn::Th, (k % 97) as f64, 0)];
                if k % 3 == 0 {
                    rows.push(row(hc02, ValueColumn::Lk, 1.5, 1));
                }
                sub_with(&t, &format!("P{:02}", k % 16 + 1), rows)
            })
            .collect();
        let (_dir, store) = store_all(&mut subs);
        let figures = Figures::new(subs.iter().collect(), Some(&store));
        assert_eq!(figures.chunk_count(), 3);
        let totals = consolidate(&figures, &t).unwrap();
        let th: f64 = (0..n).map(|k| (k % 97) as f64).sum();
        let lk_count = (0..n).filter(|k| k % 3 == 0).count();
        assert_eq!(totals.get(hc02, ValueColumn::Th), Some(th));
        assert_eq!(
            totals.get(hc02, ValueColumn::Lk),
            Some(1.5 * lk_count as f64)
        );
        let (th_i, lk_i) = (ValueColumn::Th.index(), ValueColumn::Lk.index());
        assert_eq!(totals.contributors[hc02][th_i], n as u32);
        assert_eq!(totals.contributors[hc02][lk_i], lk_count as u32);
        // HC02 counts files: its whole figures are exact (no half-unit),
        // its figures with a decimal stand for their half-unit.
        assert_eq!(totals.tolerance[hc02][th_i], 0.0);
        assert!((totals.tolerance[hc02][lk_i] - 0.05 * lk_count as f64).abs() < 1e-6);
        // Nothing stated, nothing summed.
        assert_eq!(totals.get(hc02, ValueColumn::Kh), None);
        assert_eq!(totals.get(ind(&t, "HC03"), ValueColumn::Th), None);
    }

    /// A %CK, %KH or rate of the whole area is computed only from the
    /// same units' figures: a ward that gave LK without CK leaves the %CK
    /// empty (the LK of three wards against the CK of two is no growth),
    /// and `uncomputed` names it once for every indicator so left.
    #[test]
    fn figures_from_totals_need_the_same_units_behind_every_operand() {
        let t = Template::builtin().unwrap();
        let (hc01, hc02, hc03) = (ind(&t, "HC01"), ind(&t, "HC02"), ind(&t, "HC03"));
        let hc05 = ind(&t, "HC05");
        let ward = |k: usize, ck: bool, hc03_th: bool| {
            let mut rows = vec![
                row(hc01, ValueColumn::Lk, 110.0, 0),
                row(hc02, ValueColumn::Th, 40.0, 0),
                row(hc02, ValueColumn::Lk, 100.0, 0),
                row(hc02, ValueColumn::Kh, 200.0, 0),
            ];
            if ck {
                rows.push(row(hc01, ValueColumn::Ck, 100.0, 0));
                rows.push(row(hc02, ValueColumn::Ck, 80.0, 0));
            }
            if hc03_th {
                rows.push(row(hc03, ValueColumn::Th, 30.0, 0));
            }
            sub_with(&t, &format!("P{k:02}"), rows)
        };
        // Everyone gives every figure: computed as before.
        let all: Vec<Submission> = (1..=3).map(|k| ward(k, true, true)).collect();
        let totals = consolidate(&Figures::in_memory(&all.iter().collect::<Vec<_>>()), &t).unwrap();
        assert_eq!(totals.get(hc02, ValueColumn::PctKh), Some(50.0));
        assert_eq!(totals.get(hc02, ValueColumn::PctCk), Some(25.0));
        assert_eq!(totals.get(hc05, ValueColumn::Th), Some(75.0));
        // HC01 has no KH and HC03 no LK at all: nothing mixed, nothing said.
        assert_eq!(totals.get(hc01, ValueColumn::PctKh), None);
        assert!(uncomputed::uncomputed(&totals, &t, &Default::default(), Lang::Vi).is_empty());

        // Phường 3 sent no CK and no HC03 TH.
        let some: Vec<Submission> = vec![
            ward(1, true, true),
            ward(2, true, true),
            ward(3, false, false),
        ];
        let totals =
            consolidate(&Figures::in_memory(&some.iter().collect::<Vec<_>>()), &t).unwrap();
        assert_eq!(totals.get(hc02, ValueColumn::Lk), Some(300.0));
        assert_eq!(totals.get(hc02, ValueColumn::Ck), Some(160.0));
        assert_eq!(
            totals.get(hc02, ValueColumn::PctCk),
            None,
            "300 / 160 mixes wards"
        );
        assert_eq!(totals.get(hc01, ValueColumn::PctCk), None);
        assert_eq!(totals.get(hc02, ValueColumn::PctKh), Some(50.0));
        assert_eq!(
            totals.get(hc05, ValueColumn::Th),
            None,
            "60 / 120 mixes wards"
        );
        let f = uncomputed::uncomputed(&totals, &t, &Default::default(), Lang::Vi);
        let got: Vec<(&str, &str, &str)> = f
            .iter()
            .map(|x| (x.column.as_str(), x.indicator.as_str(), x.actual.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("TH", "HC05", "Phường 3"),
                ("%CK", "", "Phường 3"),
                ("CK", "", "Phường 3")
            ],
            "{f:?}"
        );
        // Phường 3 sent no CK column at all: the others' CK is not the
        // district's, and the workbook shows none (the department's check
        // still has the sum). A figure it left out in a column it sent
        // (HC03 TH) is an unknown figure: the others' sum is shown.
        assert_eq!(totals.shown(hc02, ValueColumn::Ck), None);
        assert_eq!(totals.shown(hc01, ValueColumn::Ck), None);
        assert_eq!(totals.shown(hc02, ValueColumn::Lk), Some(300.0));
        assert_eq!(totals.shown(hc03, ValueColumn::Th), Some(60.0));
        assert!(f[2].message.contains("không cộng cột CK toàn quận của 2 chỉ tiêu (HC01, HC02), vì Phường 3 báo các chỉ tiêu này nhưng không có số liệu cột CK"), "{}", f[2].message);
        assert!(f
            .iter()
            .all(|x| x.severity == crate::diagnostic::Severity::Info));
        assert!(f[1].message.contains("(HC01, HC02)"), "{}", f[1].message);
        assert!(
            f[0].message.contains("HC05 (HC03 / HC02 * 100)"),
            "{}",
            f[0].message
        );
    }
}
