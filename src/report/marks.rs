//! Which figures of `tong-hop.xlsx` the error list disputes: the cells
//! the workbook fills (by the worst severity) and annotates with the
//! findings' messages, so that nobody signs a total the tool knows to be
//! doubtful.
//!
//! ```text
//! finding (error or warning) about            marks
//! a unit's figure (unit, indicator, column)   that unit's cell in Chi tiết
//!   … on a figure that enters the total (a    + the total: Tổng hợp and the
//!     ward's figure of a ward-level             Tổng cộng column of Chi tiết,
//!     indicator, wrong, unusable or doubtful)   by the finding's severity
//!   … total-mismatch (the department's        + the total
//!     district figure against the wards' sum)
//!   … cumulative-mismatch (LK against TH:     + its TH too, the unit's and
//!     which of the two is wrong is not known)   the total, as its LK
//!     (not when TH and the breakdowns agree:
//!     the LK alone is wrong)
//!   … outlier on its TH (told once for the    + its LK too, the unit's and
//!     TH and the LK that carries it)            the total, as its TH
//!   … pct-mismatch on its %KH (%CK): which    + its LK and KH (CK), a warning;
//!     of %KH, LK, KH is wrong is not known      the totals' LK and KH (CK) when
//!                                               its figure is the total (a
//!                                               district-level indicator),
//!                                               else the total's %KH (%CK)
//! a department's totals that leave out a      each figure it lists, as its
//!   ward (total-mismatch told once, the         own total-mismatch would be
//!   figures in `expected`); a unit's copies
//!   that differ (submission-duplicate error)
//! the totals (no unit, no file: a relation    the total
//!   the totals break)
//! a unit's indicator, no column               that unit's TH and LK cells
//!   … an error, on figures that enter the      + the totals of every quantity
//!     total (a unit that cannot be converted)    column
//! a unit's TH and LK columns that look       every TH and LK cell of the
//!   swapped (cumulative-mismatch, no           unit, and the totals they
//!   indicator)                                 enter
//! a marked total (LK, KH, CK)                 the %KH (%CK) computed from it,
//!                                               and the rates computed from it
//! ```
//!
//! Nothing else is marked: a finding with no indicator (a file, a whole
//! submission) has no cell; an `info` marks nothing. A unit's finding
//! counts only when it is about the file that was consolidated for the
//! unit (a duplicate that was set aside has its own findings, about
//! figures nobody sees here).

use crate::diagnostic::{Code, Finding, Lang, Severity};
use crate::model::ValueColumn;
use crate::outputs::Sheet;
use crate::reconcile::totals_check::figures_left_out;
use crate::template::{Kind, Template};
use std::collections::{HashMap, HashSet};

/// Where a disputed figure is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    /// A unit's own figure (agency index).
    Unit(usize),
    /// The consolidated total.
    Total,
}

/// The findings about one cell.
#[derive(Clone, Debug, Default)]
pub struct Mark<'a> {
    pub findings: Vec<&'a Finding>,
    /// Findings that make the figure doubtful only (a warning at most,
    /// whatever their own severity): a percent found off, on its operand.
    pub doubts: Vec<&'a Finding>,
}

impl Mark<'_> {
    /// The worst severity among the findings (a doubt counts as a
    /// warning).
    pub fn severity(&self) -> Severity {
        let doubt = (!self.doubts.is_empty()).then_some(Severity::Warning);
        self.findings
            .iter()
            .map(|f| f.severity)
            .chain(doubt)
            .min()
            .unwrap_or(Severity::Info)
    }

    /// The note of the cell: each finding's severity and message, the
    /// worst first, at most [`NOTE_FINDINGS`] of them.
    pub fn note(&self, lang: Lang) -> String {
        let mut findings: Vec<(std::borrow::Cow<'_, str>, &Finding)> = self
            .findings
            .iter()
            .map(|f| (format!("{}: ", f.severity.label(lang)).into(), *f))
            .collect();
        findings.sort_by_key(|(_, f)| f.severity);
        // A doubt is said as what it is, not by its finding's severity: the
        // figure is marked as one to look at (a warning's mark) because an
        // error was found on a figure worked from it, not in it.
        let doubt = lang.pick(
            "Cần xem lại (liên quan đến một tỷ lệ % không khớp): ",
            "Check this figure (related to a percent that does not agree): ",
        );
        findings.extend(
            self.doubts
                .iter()
                .filter(|d| !self.findings.iter().any(|f| std::ptr::eq(*f, **d)))
                .map(|d| {
                    let label = match d.severity {
                        Severity::Error => doubt.into(),
                        s => format!("{}: ", s.label(lang)).into(),
                    };
                    (label, *d)
                }),
        );
        let mut parts: Vec<String> = findings
            .iter()
            .take(NOTE_FINDINGS)
            .map(|(label, f)| format!("{label}{}", f.message))
            .collect();
        let more = findings.len().saturating_sub(NOTE_FINDINGS);
        let findings_sheet = Sheet::Findings.name(lang);
        if more > 0 {
            parts.push(match lang {
                Lang::Vi => format!("… và {more} nội dung khác: xem trang «{findings_sheet}»."),
                Lang::En => format!("… and {more} more: see the sheet «{findings_sheet}»."),
            });
        }
        parts.join("\n\n")
    }
}

/// At most this many findings are written out in one note; the others
/// are counted (a total may be disputed by hundreds of wards).
pub const NOTE_FINDINGS: usize = 5;

/// The disputed cells of the workbook.
#[derive(Debug, Default)]
pub struct Marks<'a> {
    cells: HashMap<(Place, usize, ValueColumn), Mark<'a>>,
    /// Indicators with some mark, to pass over the others quickly.
    indicators: HashSet<usize>,
}

impl<'a> Marks<'a> {
    /// The marks of `findings` for the units consolidated, given as
    /// (agency index, the file consolidated for it).
    ///
    /// `spread`: a warning told once for many rows of a unit (a unit
    /// written the same wrong way on each: `unit-mismatch`), with the
    /// unit and the indicators it speaks for; each is marked as a finding
    /// about that indicator with no column would be.
    pub fn new(
        findings: &'a [Finding],
        template: &Template,
        included: &[(usize, &str)],
        spread: &[(usize, &'a Finding, Vec<usize>)],
    ) -> Self {
        let file_of: HashMap<usize, &str> = included.iter().copied().collect();
        let mut marks = Marks::default();
        for (u, f, indicators) in spread {
            for &i in indicators {
                for c in [ValueColumn::Th, ValueColumn::Lk] {
                    marks.add(Place::Unit(*u), i, c, f);
                }
            }
        }
        for f in findings {
            if f.severity == Severity::Info {
                continue;
            }
            let left_out = figures_left_out(f, template);
            if !left_out.is_empty() {
                let Some(u) = template.agency_index(&f.unit) else {
                    continue;
                };
                if file_of.get(&u).is_some_and(|file| *file == f.file) {
                    for (i, c) in left_out {
                        marks.add(Place::Unit(u), i, c, f);
                        if f.severity == Severity::Error {
                            marks.add(Place::Total, i, c, f);
                        }
                    }
                }
                continue;
            }
            // TH and LK typed into each other's columns: every TH and LK
            // of the unit is doubtful, and so are the totals they enter.
            if crate::reconcile::cumulative::disputes_th_and_lk_columns(f) {
                let Some(u) = template.agency_index(&f.unit) else {
                    continue;
                };
                if file_of.get(&u).is_some_and(|file| *file == f.file) {
                    for i in 0..template.indicators.len() {
                        for c in [ValueColumn::Th, ValueColumn::Lk] {
                            marks.add(Place::Unit(u), i, c, f);
                            if template.counts_towards_total(u, i) {
                                marks.add(Place::Total, i, c, f);
                            }
                        }
                    }
                }
                continue;
            }
            // The months from January typed into the TH column, or an LK
            // column that repeats the TH, never accumulated: every figure
            // of that column of the unit is doubtful, and so are the
            // totals they enter; the other column is not.
            let whole_column = if crate::reconcile::cumulative::disputes_th_column(f) {
                Some(ValueColumn::Th)
            } else if crate::reconcile::cumulative::disputes_lk_column(f) {
                Some(ValueColumn::Lk)
            } else {
                None
            };
            if let Some(c) = whole_column {
                let Some(u) = template.agency_index(&f.unit) else {
                    continue;
                };
                if file_of.get(&u).is_some_and(|file| *file == f.file) {
                    for i in 0..template.indicators.len() {
                        marks.add(Place::Unit(u), i, c, f);
                        if template.counts_towards_total(u, i) {
                            marks.add(Place::Total, i, c, f);
                        }
                    }
                }
                continue;
            }
            // A whole file's money in another money unit, told once: each
            // money row it speaks for is marked as the row's own error
            // would be, the totals it enters too.
            let rows = crate::reconcile::scale::money_rows_of(f);
            if !rows.is_empty() {
                let Some(u) = template.agency_index(&f.unit) else {
                    continue;
                };
                if file_of.get(&u).is_some_and(|file| *file == f.file) {
                    for i in rows.iter().filter_map(|c| template.indicator_index(c)) {
                        marks.add_row(template, u, i, f);
                    }
                }
                continue;
            }
            let Some(i) = template.indicator_index(&f.indicator) else {
                continue;
            };
            let column = ValueColumn::parse(&f.column);
            if f.unit.is_empty() {
                // About the totals: a relation the totals break.
                if let (true, Some(c)) = (f.file.is_empty(), column) {
                    marks.add(Place::Total, i, c, f);
                }
                continue;
            }
            let Some(u) = template.agency_index(&f.unit) else {
                continue;
            };
            let Some(file) = file_of.get(&u) else {
                continue;
            };
            if !f.file.is_empty() && f.file != *file {
                continue;
            }
            let Some(c) = column else {
                // A whole row off its peers by a power of ten (an outlier
                // with no column): every figure of it is doubtful, and so
                // is every total it enters, which it swells as much.
                if f.code == Code::Outlier {
                    for c in ValueColumn::QUANTITIES {
                        marks.add(Place::Unit(u), i, c, f);
                        if template.counts_towards_total(u, i) {
                            marks.add(Place::Total, i, c, f);
                        }
                    }
                    continue;
                }
                marks.add_row(template, u, i, f);
                continue;
            };
            // A broken sum or relation does not say which of its figures
            // is wrong: every figure it names is doubtful, in the unit's
            // row and in the totals it enters.
            let named: Vec<(usize, ValueColumn)> = match f.code {
                Code::SumMismatch | Code::RelationViolated => template
                    .rule_indicators(&f.expected, i)
                    .into_iter()
                    .map(|j| (j, c))
                    .collect(),
                // LK against TH (LK = TH in a first quarter, LK ≥ TH, LK =
                // last quarter's LK + TH) does not say which of the two is
                // wrong: both are disputed (a ward's TH typed in nghìn
                // đồng under "triệu đồng" shows as its LK's error).
                // Unless its TH and every breakdown of the indicator
                // agree: the LK alone is then wrong.
                Code::CumulativeMismatch if c == ValueColumn::Lk && f.covers.is_empty() => {
                    vec![(i, ValueColumn::Th), (i, ValueColumn::Lk)]
                }
                // An outlier is told once per unit and indicator, at its
                // strongest column (TH where LK repeats it in a first
                // quarter): a doubtful TH makes the LK that carries it
                // (the sum of the quarters, or a stock's level) as
                // doubtful, and the totals and rates worked from it.
                Code::Outlier if c == ValueColumn::Th => {
                    vec![(i, ValueColumn::Th), (i, ValueColumn::Lk)]
                }
                _ => vec![(i, c)],
            };
            for (j, c) in named {
                marks.add(Place::Unit(u), j, c, f);
                // Wrong, unusable or doubtful (a warning: an outlier, a
                // stock summed over the quarters), the figure is in the
                // total: the total is as doubtful.
                let in_total = !c.is_percent()
                    && (f.code == Code::TotalMismatch || template.counts_towards_total(u, j));
                if in_total {
                    marks.add(Place::Total, j, c, f);
                }
            }
            // A %KH (%CK) found off does not say which of it, LK and KH
            // (CK) is wrong: its operands are doubtful, in the unit's row
            // and in the total (P.TCKH's LK typed ten times too large shows
            // as its %KH's error).
            if f.code == Code::PctMismatch && template.indicators[i].kind != Kind::Rate {
                let other = match c {
                    ValueColumn::PctKh => Some(ValueColumn::Kh),
                    ValueColumn::PctCk => Some(ValueColumn::Ck),
                    _ => None,
                };
                // The unit's figure is the total itself (a district-level
                // indicator its department states): the total's LK and KH
                // (CK) are as doubtful. A ward's among others marks nothing
                // of the totals: they are sums of the figures as written
                // (tester CQ: a commune's wrong %KH marked the province's
                // KH «Cần xem lại»), and the district's %KH (%CK) is
                // recomputed from those sums, never from the ward's stated
                // percent (tester DS: Phường 8's TP02 %KH 121,97 flagged
                // the district's right 72,51).
                let own_total = template.counts_towards_total(u, i)
                    && template.indicators[i].level == crate::template::Level::District;
                for o in other.into_iter().chain(other.map(|_| ValueColumn::Lk)) {
                    marks.doubt(Place::Unit(u), i, o, f);
                    if own_total {
                        marks.doubt(Place::Total, i, o, f);
                    }
                }
            }
        }
        marks.computed_from_marked_totals(template);
        marks
    }

    /// A total's %KH and %CK, and a rate, are computed from the totals:
    /// one computed from a marked total is marked with the total's
    /// findings.
    fn computed_from_marked_totals(&mut self, template: &Template) {
        use crate::rules::expr::{parse, Rule};
        let mut marked: Vec<(usize, ValueColumn)> = self
            .cells
            .keys()
            .filter(|(p, _, c)| *p == Place::Total && !c.is_percent())
            .map(|(_, i, c)| (*i, *c))
            .collect();
        marked.sort();
        if marked.is_empty() {
            return;
        }
        // Rates first: their own %KH and %CK follow from them.
        for (r, ind) in template.indicators.iter().enumerate() {
            if ind.kind != Kind::Rate {
                continue;
            }
            let Ok(Rule::Definition(e)) = parse(&ind.formula) else {
                continue;
            };
            let ops: Vec<(usize, Option<ValueColumn>)> = e
                .operands()
                .into_iter()
                .filter_map(|(c, pin)| Some((template.indicator_index(c)?, pin)))
                .collect();
            // (the operand's marked total, the rate's total it makes): in
            // its own column, or in every one for an operand whose marker
            // names the marked column (`DT.01[KH]`).
            let hits: Vec<((usize, ValueColumn), ValueColumn)> = marked
                .iter()
                .flat_map(|&(i, c)| {
                    ops.iter()
                        .filter(move |&&(o, _)| o == i)
                        .flat_map(move |&(_, pin)| match pin {
                            None => vec![((i, c), c)],
                            Some(p) if p == c => ValueColumn::QUANTITIES
                                .into_iter()
                                .map(|q| ((i, c), q))
                                .collect(),
                            Some(_) => Vec::new(),
                        })
                })
                .collect();
            for ((i, c), rc) in hits {
                self.inherit((Place::Total, i, c), (Place::Total, r, rc));
                if !marked.contains(&(r, rc)) {
                    marked.push((r, rc));
                }
            }
        }
        for (i, c) in marked {
            let percents: &[ValueColumn] = match c {
                ValueColumn::Lk => &[ValueColumn::PctKh, ValueColumn::PctCk],
                ValueColumn::Kh => &[ValueColumn::PctKh],
                ValueColumn::Ck => &[ValueColumn::PctCk],
                _ => &[],
            };
            for &p in percents {
                self.inherit((Place::Total, i, c), (Place::Total, i, p));
            }
        }
    }

    /// Copies the findings and doubts of cell `from` to cell `to`, once.
    fn inherit(&mut self, from: (Place, usize, ValueColumn), to: (Place, usize, ValueColumn)) {
        let Some(source) = self.cells.get(&from).cloned() else {
            return;
        };
        self.indicators.insert(to.1);
        let mark = self.cells.entry(to).or_default();
        for f in source.findings {
            if !mark.findings.iter().any(|g| std::ptr::eq(*g, f)) {
                mark.findings.push(f);
            }
        }
        for f in source.doubts {
            if !mark.doubts.iter().any(|g| std::ptr::eq(*g, f)) {
                mark.doubts.push(f);
            }
        }
    }

    /// Marks a unit's row (its TH and LK) for a finding about the whole
    /// row; an error (a unit that cannot be converted, a whole file in
    /// another money unit) marks every total the row enters too.
    fn add_row(&mut self, template: &Template, u: usize, i: usize, f: &'a Finding) {
        for c in [ValueColumn::Th, ValueColumn::Lk] {
            self.add(Place::Unit(u), i, c, f);
        }
        if f.severity == Severity::Error && template.counts_towards_total(u, i) {
            for c in ValueColumn::QUANTITIES {
                self.add(Place::Total, i, c, f);
            }
        }
    }

    fn add(&mut self, place: Place, indicator: usize, column: ValueColumn, f: &'a Finding) {
        self.indicators.insert(indicator);
        self.cells
            .entry((place, indicator, column))
            .or_default()
            .findings
            .push(f);
    }

    /// Marks a figure doubtful (a warning at most) because of `f`.
    fn doubt(&mut self, place: Place, indicator: usize, column: ValueColumn, f: &'a Finding) {
        self.indicators.insert(indicator);
        self.cells
            .entry((place, indicator, column))
            .or_default()
            .doubts
            .push(f);
    }

    /// The mark of a cell, if its figure is disputed.
    pub fn get(&self, place: Place, indicator: usize, column: ValueColumn) -> Option<&Mark<'a>> {
        if !self.indicators.contains(&indicator) {
            return None;
        }
        self.cells.get(&(place, indicator, column))
    }

    /// Whether some cell of the indicator is marked.
    pub fn any(&self, indicator: usize) -> bool {
        self.indicators.contains(&indicator)
    }

    /// Every marked cell, in order (for tests and counts).
    pub fn cells(&self) -> Vec<(Place, usize, ValueColumn, Severity)> {
        let mut v: Vec<_> = self
            .cells
            .iter()
            .map(|((p, i, c), m)| (*p, *i, *c, m.severity()))
            .collect();
        v.sort();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    fn on(unit: &str, file: &str, ind: &str, column: &str, f: Finding) -> Finding {
        let mut f = f.unit(unit).indicator(ind).column(column);
        f.file = file.into();
        f
    }

    fn cells(t: &Template, findings: &[Finding]) -> Vec<(String, String, &'static str, Severity)> {
        let ix = |c: &str| t.agency_index(c).unwrap();
        let included = [
            (ix("P03"), "phuong-03.xlsx"),
            (ix("P05"), "phuong-05.xlsx"),
            (ix("P09"), "phuong-09 (bản sửa).xlsx"),
            (ix("TTRA"), "thanh-tra-quan.xlsx"),
            (ix("P.LDTBXH"), "phong-ldtbxh.xlsx"),
            (ix("P.TCKH"), "p-tckh.xlsx"),
        ];
        Marks::new(findings, t, &included, &[])
            .cells()
            .into_iter()
            .map(|(p, i, c, s)| {
                let place = match p {
                    Place::Unit(u) => t.agencies[u].code.clone(),
                    Place::Total => "Σ".into(),
                };
                (place, t.indicators[i].code.clone(), c.as_str(), s)
            })
            .collect()
    }

    fn cell(
        place: &str,
        ind: &str,
        c: &'static str,
        s: Severity,
    ) -> (String, String, &'static str, Severity) {
        (place.into(), ind.into(), c, s)
    }

    #[test]
    fn a_wards_error_marks_its_cell_and_the_total() {
        let t = Template::builtin().unwrap();
        // HC02 == HC03 + HC04 broken: which of the three is wrong is not
        // known, so each is marked, in the ward's row and in the totals.
        let e = || Finding::error(Code::SumMismatch, "x");
        let got = cells(&t, &[on("P05", "phuong-05.xlsx", "HC02", "TH", e())]);
        assert_eq!(
            got,
            [
                cell("P05", "HC02", "TH", Severity::Error),
                cell("P05", "HC03", "TH", Severity::Error),
                cell("P05", "HC04", "TH", Severity::Error),
                cell("Σ", "HC02", "TH", Severity::Error),
                cell("Σ", "HC03", "TH", Severity::Error),
                cell("Σ", "HC04", "TH", Severity::Error),
                // The rate HC05 = HC03 / HC02 × 100 of the totals.
                cell("Σ", "HC05", "TH", Severity::Error)
            ]
        );
        // Any other error on a figure marks that figure alone.
        let negative = || Finding::error(Code::ValueNegative, "x");
        let got = cells(&t, &[on("P05", "phuong-05.xlsx", "HC02", "TH", negative())]);
        assert_eq!(
            got,
            [
                cell("P05", "HC02", "TH", Severity::Error),
                cell("Σ", "HC02", "TH", Severity::Error),
                cell("Σ", "HC05", "TH", Severity::Error)
            ]
        );
        // An unusable figure leaves the total short: marked all the same.
        let invalid = on(
            "P03",
            "phuong-03.xlsx",
            "TT01",
            "TH",
            Finding::error(Code::ValueInvalid, "x"),
        );
        assert_eq!(cells(&t, &[invalid]).len(), 2); // TT01 TH: no rate over it
    }

    #[test]
    fn a_departments_own_figure_marks_only_its_cell() {
        let t = Template::builtin().unwrap();
        // TT01 is level both: the department's figure is compared with the
        // wards' sum, never added to it.
        let f = on(
            "TTRA",
            "thanh-tra-quan.xlsx",
            "TT01",
            "LK",
            Finding::error(Code::CumulativeMismatch, "x"),
        );
        // Its LK against its TH: which is wrong is not known, both are
        // disputed.
        assert_eq!(
            cells(&t, &[f]),
            [
                cell("TTRA", "TT01", "TH", Severity::Error),
                cell("TTRA", "TT01", "LK", Severity::Error)
            ]
        );
        // Its total-mismatch makes the total doubtful.
        let f = on(
            "P.LDTBXH",
            "phong-ldtbxh.xlsx",
            "LD01",
            "TH",
            Finding::error(Code::TotalMismatch, "x"),
        );
        assert_eq!(
            cells(&t, &[f]),
            [
                cell("P.LDTBXH", "LD01", "TH", Severity::Error),
                cell("Σ", "LD01", "TH", Severity::Error)
            ]
        );
        // A district-level figure is the total itself, and the total's
        // %KH and %CK are computed from it.
        let f = on(
            "P.TCKH",
            "p-tckh.xlsx",
            "NS01",
            "LK",
            Finding::error(Code::CumulativeMismatch, "x"),
        );
        // Its TH and LK, their totals, and LK's %KH and %CK.
        assert_eq!(cells(&t, &[f]).len(), 6);
    }

    #[test]
    fn findings_about_the_totals_mark_the_total() {
        let t = Template::builtin().unwrap();
        let f = Finding::error(Code::RelationViolated, "x")
            .indicator("YT24")
            .column("TH");
        assert_eq!(cells(&t, &[f]), [cell("Σ", "YT24", "TH", Severity::Error)]);
        // A formula of the template is about no figure.
        let f = Finding::error(Code::RuleInvalid, "x").indicator("HC02");
        assert!(cells(&t, &[f]).is_empty());
    }

    #[test]
    fn near_misses_mark_nothing() {
        let t = Template::builtin().unwrap();
        let findings = [
            // An info.
            on(
                "P05",
                "phuong-05.xlsx",
                "HC02",
                "TH",
                Finding::info(Code::TotalUnchecked, "x"),
            ),
            // The duplicate set aside.
            on(
                "P09",
                "phuong-09.xlsx",
                "HC02",
                "TH",
                Finding::error(Code::SumMismatch, "x"),
            ),
            // A unit not consolidated (sent another period).
            on(
                "P14",
                "phuong-14.xlsx",
                "HC02",
                "TH",
                Finding::error(Code::SumMismatch, "x"),
            ),
            // No indicator: a whole file.
            on(
                "P05",
                "phuong-05.xlsx",
                "",
                "",
                Finding::error(Code::IndicatorUnknown, "x"),
            ),
        ];
        assert!(cells(&t, &findings).is_empty());
    }

    /// A warning on a figure that enters the total (an outlier, a stock
    /// summed over the quarters) makes the total doubtful too, and the
    /// rate computed from it (HC05 = HC03 / HC02 × 100); an outlier told
    /// at the TH marks the LK that carries it too, the unit's, the total
    /// and the rate (tester CD: GN.02 TH 2.204 yellow, its LK and GN.04's
    /// LK total not); a unit converted
    /// (no column: repaired, its figures as good as the others') marks
    /// the unit's cells only.
    #[test]
    fn warnings_mark_the_totals_their_figures_enter() {
        let t = Template::builtin().unwrap();
        let outlier = on(
            "P05",
            "phuong-05.xlsx",
            "HC02",
            "TH",
            Finding::warning(Code::Outlier, "x"),
        );
        // No column: the unit's row of the indicator.
        let unit = on(
            "P03",
            "phuong-03.xlsx",
            "VH03",
            "",
            Finding::warning(Code::UnitMismatch, "x"),
        );
        assert_eq!(
            cells(&t, &[outlier, unit]),
            [
                cell("P03", "VH03", "TH", Severity::Warning),
                cell("P03", "VH03", "LK", Severity::Warning),
                cell("P05", "HC02", "TH", Severity::Warning),
                cell("P05", "HC02", "LK", Severity::Warning),
                cell("Σ", "HC02", "TH", Severity::Warning),
                cell("Σ", "HC02", "LK", Severity::Warning),
                cell("Σ", "HC02", "%KH", Severity::Warning),
                cell("Σ", "HC02", "%CK", Severity::Warning),
                cell("Σ", "HC05", "TH", Severity::Warning),
                cell("Σ", "HC05", "LK", Severity::Warning),
                cell("Σ", "HC05", "%KH", Severity::Warning),
                cell("Σ", "HC05", "%CK", Severity::Warning),
            ]
        );
        // Told at the LK, an outlier does not make the TH doubtful.
        let lk = on(
            "P05",
            "phuong-05.xlsx",
            "HC02",
            "LK",
            Finding::warning(Code::Outlier, "x"),
        );
        assert!(!cells(&t, &[lk]).iter().any(|(_, _, c, _)| *c == "TH"));
    }

    /// P.TCKH's NS01 LK typed ten times too large shows as errors on its
    /// %KH and %CK: which of %KH, LK and KH is wrong is not known, so its
    /// LK, KH and CK are doubtful (a warning, whatever the percent's
    /// severity), and so are the totals they are (a district figure is
    /// the total) and the total's %KH and %CK computed from them.
    #[test]
    fn a_percent_found_off_makes_its_operands_and_their_totals_doubtful() {
        let t = Template::builtin().unwrap();
        let kh = on(
            "P.TCKH",
            "p-tckh.xlsx",
            "NS01",
            "%KH",
            Finding::error(Code::PctMismatch, "x"),
        );
        let ck = on(
            "P.TCKH",
            "p-tckh.xlsx",
            "NS01",
            "%CK",
            Finding::error(Code::PctMismatch, "y"),
        );
        let w = Severity::Warning;
        assert_eq!(
            cells(&t, &[kh, ck]),
            [
                cell("P.TCKH", "NS01", "KH", w),
                cell("P.TCKH", "NS01", "LK", w),
                cell("P.TCKH", "NS01", "CK", w),
                cell("P.TCKH", "NS01", "%KH", Severity::Error),
                cell("P.TCKH", "NS01", "%CK", Severity::Error),
                cell("Σ", "NS01", "KH", w),
                cell("Σ", "NS01", "LK", w),
                cell("Σ", "NS01", "CK", w),
                cell("Σ", "NS01", "%KH", w),
                cell("Σ", "NS01", "%CK", w),
            ]
        );
        // The doubted LK's note says why it is to be checked, not "Lỗi":
        // the error is on the percent worked from it.
        let found = [on(
            "P.TCKH",
            "p-tckh.xlsx",
            "NS01",
            "%KH",
            Finding::error(Code::PctMismatch, "x"),
        )];
        let ix = t.agency_index("P.TCKH").unwrap();
        let marks = Marks::new(&found, &t, &[(ix, "p-tckh.xlsx")], &[]);
        let lk = marks
            .get(
                Place::Unit(ix),
                t.indicator_index("NS01").unwrap(),
                ValueColumn::Lk,
            )
            .unwrap();
        assert_eq!(
            lk.note(Lang::Vi),
            "Cần xem lại (liên quan đến một tỷ lệ % không khớp): x"
        );
        // pct-kind (a ratio written for the growth) doubts no figure.
        let kind = on(
            "P.TCKH",
            "p-tckh.xlsx",
            "NS01",
            "%CK",
            Finding::error(Code::PctKind, "z"),
        );
        assert_eq!(
            cells(&t, &[kind]),
            [cell("P.TCKH", "NS01", "%CK", Severity::Error)]
        );
    }

    /// A ward's %KH found off (tester CQ's Xã Bình Minh) makes its own LK
    /// and KH doubtful, not the province's KH and LK totals, which are
    /// sums of many wards' figures shown as they are, nor the total's %KH,
    /// recomputed from those sums and never from the ward's stated percent
    /// (tester DS: Phường 8's wrong 121,97 flagged the district's 72,51).
    #[test]
    fn a_wards_percent_found_off_marks_no_total() {
        let t = Template::builtin().unwrap();
        let kh = on(
            "P05",
            "phuong-05.xlsx",
            "HC02",
            "%KH",
            Finding::error(Code::PctMismatch, "x"),
        );
        let w = Severity::Warning;
        assert_eq!(
            cells(&t, &[kh]),
            [
                cell("P05", "HC02", "KH", w),
                cell("P05", "HC02", "LK", w),
                cell("P05", "HC02", "%KH", Severity::Error),
            ]
        );
    }

    /// A ward's row in a unit that cannot be converted stays out of every
    /// total: its TH and LK cells and the totals of every quantity column
    /// are marked.
    #[test]
    fn an_error_about_a_whole_row_marks_every_total_it_leaves_out() {
        let t = Template::builtin().unwrap();
        let unit = on(
            "P03",
            "phuong-03.xlsx",
            "VH03",
            "",
            Finding::error(Code::UnitMismatch, "x"),
        );
        assert_eq!(
            cells(&t, &[unit]),
            [
                cell("P03", "VH03", "TH", Severity::Error),
                cell("P03", "VH03", "LK", Severity::Error),
                cell("Σ", "VH03", "KH", Severity::Error),
                cell("Σ", "VH03", "TH", Severity::Error),
                cell("Σ", "VH03", "LK", Severity::Error),
                cell("Σ", "VH03", "CK", Severity::Error),
                cell("Σ", "VH03", "%KH", Severity::Error),
                cell("Σ", "VH03", "%CK", Severity::Error),
            ]
        );
    }

    /// "HC02 <= HC01" is written on HC01's row, but broken at HC02: the
    /// figures it names are HC02 and HC01, not the parts of HC02's own
    /// rule (HC03, HC04).
    #[test]
    fn a_broken_relation_marks_the_figures_of_its_own_rule() {
        let t = Template::builtin().unwrap();
        let mut f = on(
            "P05",
            "phuong-05.xlsx",
            "HC02",
            "LK",
            Finding::error(Code::RelationViolated, "x"),
        );
        f.expected = "HC02 <= HC01".into();
        assert_eq!(
            cells(&t, &[f]),
            [
                cell("P05", "HC01", "LK", Severity::Error),
                cell("P05", "HC02", "LK", Severity::Error),
                cell("Σ", "HC01", "LK", Severity::Error),
                cell("Σ", "HC01", "%KH", Severity::Error),
                cell("Σ", "HC01", "%CK", Severity::Error),
                cell("Σ", "HC02", "LK", Severity::Error),
                cell("Σ", "HC02", "%KH", Severity::Error),
                cell("Σ", "HC02", "%CK", Severity::Error),
                // HC05 = HC03 / HC02 × 100, and its own %KH and %CK.
                cell("Σ", "HC05", "LK", Severity::Error),
                cell("Σ", "HC05", "%KH", Severity::Error),
                cell("Σ", "HC05", "%CK", Severity::Error),
            ]
        );
    }

    #[test]
    fn a_note_lists_the_worst_first_and_counts_the_rest() {
        let t = Template::builtin().unwrap();
        let mut findings = vec![on(
            "P05",
            "phuong-05.xlsx",
            "HC02",
            "TH",
            Finding::warning(Code::Outlier, "far from its peers"),
        )];
        for k in 0..7 {
            findings.push(on(
                "P05",
                "phuong-05.xlsx",
                "HC02",
                "TH",
                Finding::error(Code::SumMismatch, format!("parts {k}")),
            ));
        }
        let ix = t.agency_index("P05").unwrap();
        let marks = Marks::new(&findings, &t, &[(ix, "phuong-05.xlsx")], &[]);
        let m = marks
            .get(
                Place::Unit(ix),
                t.indicator_index("HC02").unwrap(),
                ValueColumn::Th,
            )
            .unwrap();
        assert_eq!(m.severity(), Severity::Error);
        let note = m.note(Lang::Vi);
        assert!(note.starts_with("Lỗi: parts 0\n\nLỗi: parts 1"), "{note}");
        assert!(
            note.ends_with("… và 3 nội dung khác: xem trang «Lỗi»."),
            "{note}"
        );
        assert!(!note.contains("far from"), "{note}");
    }
}
