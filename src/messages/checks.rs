//! The words of the checks' findings: sums and relations, a department's
//! figure against its units', stated percents and rates, LK across
//! quarters, signs and outliers. Figures come formatted (Vietnamese or
//! English number style, as the check wrote them); `unit` is the unit's
//! name, `what` the indicator in words ("HC02 Hồ sơ … đã giải quyết").

use super::Words;
use crate::diagnostic::{Code, Lang};
use crate::model::ValueColumn;
use crate::outputs::Sheet;
use crate::rules::expr::RuleProblem;
use crate::template::LevelWords;

/// Which stated percentage a `pct-mismatch` or `pct-rounding` is about,
/// and the figures it is computed from.
pub enum Percent<'a> {
    /// A rate in `column`, computed as `shown` ("đúng hạn 1.204 / đã giải
    /// quyết 1.290 × 100").
    /// `unit` is the rate's unit as written after a figure: "%", or " tạ/ha"
    /// for a rate that is no percent (yield, pupils per class).
    Rate {
        column: ValueColumn,
        shown: &'a str,
        unit: &'a str,
        /// The stated rate is the right one times ten to this power (1:
        /// ten times it, −1: a tenth), as one computed in another unit
        /// (% for ‰, per 1.000 for per vạn) is; 0 when it is not.
        power_off: i32,
        /// The rate is an area's, stated by the agency that consolidates
        /// it (a department's district rate): it may have averaged the
        /// units' rates. A unit's own rate cell averaged nothing.
        of_area: bool,
    },
    /// A rate off its formula (`shown`, as in `Rate`) whose operand
    /// `operand` `value` equals the figure of the row above it in the
    /// sheet (`above`, that row's indicator in words), while the stated
    /// rate is near the unit's own last year's (a count copied from the
    /// row above, not a rate typed wrong): at the stated rate, the
    /// operand would be about `likely` (with its `counted` unit, "hộ").
    RateOperandCopied {
        column: ValueColumn,
        shown: &'a str,
        unit: &'a str,
        operand: &'a str,
        value: &'a str,
        above: &'a str,
        likely: &'a str,
        counted: &'a str,
    },
    /// %KH: lũy kế `lk` / kế hoạch `kh` × 100.
    OfPlan { lk: &'a str, kh: &'a str },
    /// %CK: the `formula` of LK and CK ("145 / 120 × 100 − 100").
    AgainstLastYear { formula: &'a str },
    /// %KH or %CK (`column`) of a rate, right neither as `formula`
    /// ("75 / 95 × 100") nor as the difference in points `points`
    /// ("75 − 95 = −20").
    RateChange {
        column: ValueColumn,
        formula: &'a str,
        points: &'a str,
        per: Points<'a>,
    },
}

/// What the difference of a rate (LK − KH, LK − CK) is counted in, as the
/// template's rate says: its unit's sign or its formula's factor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Points<'a> {
    /// Percentage points (a rate in %, or `… * 100`).
    Percent,
    /// Per-mille points (a rate in ‰, or `… * 1000`).
    PerMille,
    /// The rate's own unit, as the template writes it ("bác sĩ/vạn dân").
    Own(&'a str),
}

impl Points<'_> {
    /// "theo điểm phần trăm" / "in percentage points": how a difference
    /// is counted, after "mức chênh lệch" / "the difference".
    pub fn words(self, lang: Lang) -> String {
        match (self, lang) {
            (Points::Percent, Lang::Vi) => "theo điểm phần trăm".into(),
            (Points::Percent, Lang::En) => "in percentage points".into(),
            (Points::PerMille, Lang::Vi) => "theo điểm phần nghìn".into(),
            (Points::PerMille, Lang::En) => "in per-mille points".into(),
            (Points::Own(u), Lang::Vi) => format!("theo đơn vị {u}"),
            (Points::Own(u), Lang::En) => format!("in {u}"),
        }
    }

    /// What follows a difference's figure: " điểm %", " per-mille
    /// points", " bác sĩ/vạn dân".
    pub fn after_figure(self, lang: Lang) -> String {
        match (self, lang) {
            (Points::Percent, Lang::Vi) => " điểm %".into(),
            (Points::Percent, Lang::En) => " percentage points".into(),
            (Points::PerMille, Lang::Vi) => " điểm ‰".into(),
            (Points::PerMille, Lang::En) => " per-mille points".into(),
            (Points::Own(u), _) => format!(" {u}"),
        }
    }
}

/// What an outlier's figure is compared by.
pub enum Compared<'a> {
    /// Per 1,000 people of the unit's `size` (its population): its
    /// `ratio` (in the indicator's `unit`, may be empty) where the units'
    /// usual (`median`) is another, `off` times.
    Size {
        size: &'a str,
        ratio: &'a str,
        median: &'a str,
        unit: &'a str,
        off: Off<'a>,
    },
    /// Against its own figure `own` of column `column` (CK, KH): `off`
    /// times what the units usually have for it, whose figure is usually
    /// `median` times their own in that column.
    Column {
        column: ValueColumn,
        own: &'a str,
        median: &'a str,
        off: Off<'a>,
    },
    /// As it is, `off` times the units' usual figure (the outlier's
    /// `usual`).
    Peers { off: Off<'a> },
    /// Far off its peers (`off` times their usual figure, `peers_usual`
    /// for its size), and in line with the unit's own other figures of
    /// the indicator (`others`: "KH 4.845,2; LK 3.729,8") once divided
    /// (`below`: multiplied) by `times` (100, 1.000; 10.000 for m² under
    /// «ha»: `measure`, the unit of the family of `catalog_unit` it reads
    /// right in): a slip that the unit's own row shows, and the figure
    /// it suggests. `zeros`: ten to a thousand times, as likely zeros or
    /// the decimal mark typed wrong as another unit (kg under «tấn»).
    OwnPower {
        others: &'a str,
        times: &'a str,
        below: bool,
        off: Off<'a>,
        peers_usual: &'a str,
        measure: Option<&'a str>,
        zeros: bool,
        catalog_unit: &'a str,
    },
    /// Against the unit's own other figures of the indicator (`others`:
    /// "KH 140; CK 183"), which are in line with each other while this
    /// one is `times` off the proportion usual among the units.
    Own { others: &'a str, times: &'a str },
    /// `times` (10, 100, 1.000) the unit's own plan and last year's
    /// figure alike (`others`: "KH 1.000; CK 900"), with or without peers.
    PlanAndLastYear { others: &'a str, times: &'a str },
    /// A stock (a level at the period's end) `times` (10, 100, 1.000)
    /// above, or `below` it, the unit's own last year's figure (`last`:
    /// "CK 99"): a level has no plan to agree with, its CK alone is the
    /// evidence.
    LastYearStock {
        last: &'a str,
        times: &'a str,
        below: bool,
    },
    /// A flow (TH or LK) `times` (a hundred thousand or more) the unit's
    /// own last year's figure (`last`: "CK 5"; with the plan when there
    /// is one): no quarter grows so, a figure in another unit (đồng under
    /// "triệu đồng") does.
    LastYearFlow { last: &'a str, times: &'a str },
    /// A cumulative figure (LK) `times` (1.000 or more) the unit's own
    /// last year's and as many times its own quarter's (`others`: "TH
    /// 12,5; CK 40"): «37.500» typed for 37,5, or the wrong unit.
    QuarterAndLastYear { others: &'a str, times: &'a str },
    /// `times` the largest figure (`largest`) of the other units, half of
    /// which or more state zero, and as far above the unit's own last
    /// year's figure (`last`: "CK 0"): figures typed into another row, or
    /// a digit too many.
    AboveMostlyZero {
        largest: &'a str,
        last: &'a str,
        times: &'a str,
    },
}

/// How far a figure is off the usual one among its peers, in words a
/// clerk reads: "about 880 times", "about 1/12 of".
#[derive(Clone, Copy)]
pub struct Off<'a> {
    /// "880", "2,7": the larger over the smaller, two significant digits.
    pub times: &'a str,
    /// The figure is below the usual one.
    pub below: bool,
}

impl Off<'_> {
    /// "gấp khoảng 880 lần" / "chỉ bằng khoảng 1/12".
    fn said(&self, lang: Lang) -> String {
        let t = self.times;
        match (lang, self.below) {
            (Lang::Vi, false) => format!("gấp khoảng {t} lần"),
            (Lang::Vi, true) => format!("chỉ bằng khoảng 1/{t}"),
            (Lang::En, false) => format!("about {t} times"),
            (Lang::En, true) => format!("about 1/{t} of"),
        }
    }
}

/// The facts of a check's finding.
pub enum Checked<'a> {
    /// `sum-mismatch`: `unit`'s (`None`: the consolidated total's) `whole`
    /// «`name`» in `column` states `stated`, but its `parts` ("đúng hạn
    /// 1.204 + trễ hạn 77") add up to `sum`.
    SumMismatch {
        unit: Option<&'a str>,
        whole: &'a str,
        name: &'a str,
        column: ValueColumn,
        stated: &'a str,
        parts: &'a str,
        sum: &'a str,
    },
    /// `sum-mismatch` (warning) of the consolidated totals: `whole`
    /// «`name`» in `column` states `stated`, its `parts` add up to `sum`,
    /// because units gave some of the figures and not all (each told by
    /// `relation-skipped`): `no_whole` gave parts without the whole (the
    /// whole's total lacks their figures), `short` the whole without
    /// every part (the parts' totals lack theirs); each the first few
    /// names and how many in all.
    SumPartsMissing {
        whole: &'a str,
        name: &'a str,
        column: ValueColumn,
        stated: &'a str,
        parts: &'a str,
        sum: &'a str,
        no_whole: (&'a [&'a str], usize),
        short: (&'a [&'a str], usize),
    },
    /// `relation-violated`: `unit`'s (`None`: the total's) figures break
    /// the rule `formula` in `column`: `left` against `right`.
    RelationViolated {
        unit: Option<&'a str>,
        formula: &'a str,
        column: ValueColumn,
        left: &'a str,
        right: &'a str,
        /// The comparison that must hold: `==`, `<=` or `>=`.
        cmp: &'a str,
        /// Of the totals (`unit` `None`): who stated each figure (empty
        /// for a unit's own figures).
        stated_by: &'a [StatedBy<'a>],
    },
    /// `relation-violated`, said of the figure to blame: `unit`'s `what`
    /// in `column` is `stated`, the figure of its month sheet `sheet`,
    /// where the month sheets add up to `sum` for the `period`, with
    /// which the rules `rules` (in signs) broken by `stated` hold.
    MonthCopied {
        unit: &'a str,
        what: &'a str,
        column: ValueColumn,
        stated: &'a str,
        sheet: &'a str,
        sum: &'a str,
        period: &'a str,
        rules: &'a str,
    },
    /// `relation-skipped`: the rule `formula` in `column` could not be
    /// checked in `places` places for want of a figure; `named` are those
    /// places when they are few (empty otherwise).
    RelationSkipped {
        formula: &'a str,
        column: ValueColumn,
        places: usize,
        named: &'a [SkipPlace],
    },
    /// `rule-invalid`: indicator `code`'s `formula` (indicators.csv,
    /// `line`) names the indicator codes `unknown`, not in the catalog;
    /// `suggestion`: the formula in brackets that would be usable.
    RuleUnknownCodes {
        formula: &'a str,
        code: &'a str,
        line: u64,
        unknown: &'a str,
        suggestion: Option<&'a str>,
    },
    /// `rule-invalid`: indicator `code`'s `formula` (indicators.csv,
    /// `line`) does not parse: `problem` at character `at` (1-based).
    RuleUnparsed {
        formula: &'a str,
        code: &'a str,
        line: u64,
        at: usize,
        problem: &'a RuleProblem,
        suggestion: Option<&'a str>,
    },
    /// `rule-invalid`: indicator `code`'s `formula` names no indicator
    /// code (`5.2 / 5.1 * 100` reads as numbers).
    RuleNoCode {
        formula: &'a str,
        code: &'a str,
        line: u64,
        suggestion: Option<&'a str>,
    },
    /// `rule-invalid`: indicator `code`, no rate, has an expression with
    /// no comparison for its formula: neither a relation nor a definition
    /// the tool uses.
    RuleNotRelation {
        formula: &'a str,
        code: &'a str,
        line: u64,
    },
    /// `total-uncomputed`: indicator `code` («`what`», line `line` of
    /// indicators.csv) is in a rate's `unit` but declared `declared`
    /// (flow, stock): taken as a rate, never summed; its total is worked
    /// from its formula when it has one (`computed`), else left empty.
    RateDeclaredAsCount {
        code: &'a str,
        what: &'a str,
        unit: &'a str,
        declared: &'a str,
        line: u64,
        computed: bool,
    },
    /// `total-mismatch`: department `unit` states `stated` for the whole
    /// area (`level`) where its `contributors` units (of `expected`) add
    /// up to `sum`; `listed` names the first few ("Phường 1: 120; …"),
    /// `code` is the indicator's code (the Chi tiết row).
    TotalMismatch {
        unit: &'a str,
        what: &'a str,
        code: &'a str,
        column: ValueColumn,
        level: &'a LevelWords,
        stated: &'a str,
        sum: &'a str,
        contributors: u32,
        expected: usize,
        listed: &'a str,
        /// How many units state the figure beyond those `listed` (the
        /// detail sheet shows them all).
        more: usize,
        /// Most of the department's other figures are above the reported
        /// units' sums too: it evidently counts the units that have not
        /// reported.
        counts_missing: bool,
        /// Units are missing, but the department's other figures equal
        /// the reported units' sums: it counts those only, and the gap is
        /// not the missing units'.
        tallies: bool,
        /// The department's figure is below the reported units' sum,
        /// which the units still to report can only raise.
        below: bool,
        /// Units whose TH and LK columns look swapped, whose figures the
        /// sum reads the other way round (empty: none), and the sum read
        /// as their columns are headed.
        turned: &'a str,
        written: &'a str,
    },
    /// Department `unit`'s figure for the whole area (`stated`) that its
    /// own note marks partial ((*), «chưa đủ»), against the sum of all
    /// `count` units (`sum`, which the consolidated figure takes).
    /// `named`: the units the note says it leaves out, how many others
    /// there are and their sum, when the figure equals that sum — the
    /// office's info (`total-unchecked`). Otherwise (`named` `None`: the
    /// note names no unit, or the figure is not the others' sum either) a
    /// warning (`total-mismatch`) saying it differs by `diff`.
    TotalPartial {
        unit: &'a str,
        what: &'a str,
        code: &'a str,
        column: ValueColumn,
        level: &'a LevelWords,
        stated: &'a str,
        sum: &'a str,
        count: usize,
        named: Option<(&'a str, usize, &'a str)>,
        diff: &'a str,
    },
    /// `count` of department `unit`'s figures for the whole area
    /// (indicators `codes`, columns `columns`) are above the sum of the
    /// units that reported, as most of its figures are: it evidently
    /// counts `missing`, the units that have not reported. One finding for
    /// them all, not one per figure. `total-unchecked` (the office's info)
    /// when their share can make up the gap (`explained`); else
    /// `total-mismatch` (a warning): their figures known (a file set
    /// aside, the previous quarter's LK) do not.
    TotalsCountMissing {
        unit: &'a str,
        count: usize,
        codes: &'a str,
        columns: &'a str,
        level: &'a LevelWords,
        missing: &'a str,
        explained: bool,
    },
    /// `total-mismatch`: `count` of department `unit`'s figures for the
    /// whole area (indicators `codes`, columns `columns`) each equal the
    /// units' sum less the figure of one unit, `omitted`: the department
    /// compiled its totals without that unit. One finding for them all,
    /// not one per figure.
    TotalsOmitUnit {
        unit: &'a str,
        omitted: &'a str,
        count: usize,
        codes: &'a str,
        columns: &'a str,
        level: &'a LevelWords,
    },
    /// `total-mismatch` (an error) at unit `unit`'s own figure `stated`
    /// of `what` in `column`: department `dept`'s figure for the whole
    /// area (`dept_stated`) equals the units' sum with this figure as
    /// `right`, `times` times smaller (`larger`) or larger: the unit typed
    /// it off by that power of ten, and the department is right.
    TotalUnitSlip {
        unit: &'a str,
        dept: &'a str,
        what: &'a str,
        code: &'a str,
        column: ValueColumn,
        level: &'a LevelWords,
        stated: &'a str,
        right: &'a str,
        times: &'a str,
        larger: bool,
        dept_stated: &'a str,
    },
    /// `total-mismatch`: department `unit` states `stated` for the whole
    /// area, below `known`, the sum of the units whose figures are known;
    /// `unknown` names the others.
    TotalBelowKnown {
        unit: &'a str,
        what: &'a str,
        code: &'a str,
        column: ValueColumn,
        level: &'a LevelWords,
        stated: &'a str,
        known: &'a str,
        unknown: &'a str,
        /// Units whose TH and LK columns look swapped, whose figures
        /// `known` reads the other way round (empty: none).
        turned: &'a str,
        /// The unit the department's totals leave out (its other figures
        /// equal the sum less that unit's), with its figure here and the
        /// known sum less it, when that is no longer above `stated`.
        omitted: Option<(&'a str, &'a str, &'a str)>,
    },
    /// `total-unchecked`: department `unit`'s `count` indicators `codes`
    /// in `column` not compared with the units' sum, for want of the
    /// figures of `units`.
    TotalUnchecked {
        unit: &'a str,
        count: usize,
        codes: &'a str,
        column: ValueColumn,
        level: &'a LevelWords,
        units: &'a str,
        /// The units that must report and have no report in the totals
        /// (none sent, or its file set aside): their figures are missing
        /// from the sum too. Empty when none.
        silent: &'a str,
    },
    /// `figures-copied`: unit `unit`'s file `file` holds, figure for
    /// figure, the figures of `others` ("Phường 15 (phuong-15.xlsx)").
    Copied {
        unit: &'a str,
        file: &'a str,
        others: &'a str,
    },
    /// `total-uncomputed`: the figure in `column` (%KH, %CK, or a rate's
    /// quantity column) of `count` indicators `codes` not computed for the
    /// whole area, because `units` gave only part of `needs` (the columns
    /// it is computed from; `None` for rates, whose codes name their
    /// operands).
    TotalUncomputed {
        column: ValueColumn,
        count: usize,
        codes: &'a str,
        needs: Option<&'a str>,
        level: &'a LevelWords,
        units: &'a str,
        /// Some of `units` wrote «x» in cells, read as blank.
        crossed: bool,
    },
    /// `total-uncomputed`: every figure of `count` indicators (`codes`)
    /// left empty on Tổng hợp because no unit that reports them is in the
    /// totals: `reporters` (their departments' codes, or the registry's
    /// unit words) are not in the registry, or (`in_registry`) are and
    /// sent no report that was consolidated.
    TotalUnreported {
        count: usize,
        codes: &'a str,
        reporters: &'a str,
        in_registry: bool,
    },
    /// `total-uncomputed` (an info for the office): every figure of
    /// `count` indicators (`codes`) left empty on Tổng hợp because the
    /// registry has no unit at all of the level that states them: no
    /// department (`reporters`: their `reported_by` codes), or no ward
    /// (`wards`; `level` names them). A configuration, not a missing
    /// report.
    TotalLevelNotInRegistry {
        count: usize,
        codes: &'a str,
        reporters: &'a str,
        wards: bool,
        level: &'a LevelWords,
    },
    /// `total-uncomputed`: Tổng hợp's `column` of `count` indicators
    /// (`codes`) is left empty because `units` (named) reported them but
    /// sent no figure in that column: the others' sum is not the area's.
    TotalWithoutColumn {
        column: ValueColumn,
        count: usize,
        codes: &'a str,
        level: &'a LevelWords,
        units: &'a str,
    },
    /// `total-uncomputed`: Tổng hợp's KH (and %KH) of the rate `code`,
    /// whose target the units type themselves, is left empty because they
    /// typed different targets (`targets`: «Phường A: 95; Phường B: 96»).
    TargetsDiffer {
        code: &'a str,
        level: &'a LevelWords,
        targets: &'a str,
    },
    /// `pct-mismatch` (or `pct-rounding` when `unrounded` is given: the
    /// exact value, which rounds to `right`): `unit`'s `what` states
    /// `stated` where its figures give `right`.
    PctOff {
        unit: &'a str,
        what: &'a str,
        percent: Percent<'a>,
        stated: &'a str,
        right: &'a str,
        unrounded: Option<&'a str>,
    },
    /// `pct-mismatch` at an LK: `unit`'s `what` states LK `lk`, while
    /// its stated %KH (`pct_kh`) and %CK (`pct_ck`) are both right from
    /// `right`, the LK with a digit fewer or more: the LK is the slip.
    LkSlipped {
        unit: &'a str,
        what: &'a str,
        lk: &'a str,
        right: &'a str,
        pct_kh: &'a str,
        pct_ck: &'a str,
        /// The unit is known: its figure goes into the totals (a file
        /// whose sender is unknown is left out, which its own finding
        /// says).
        counted: bool,
    },
    /// `pct-mismatch` at an LK: `unit`'s `what` states LK `lk`, `times`
    /// off its `base_column` `base`, while its one stated percent
    /// `pct_column` `pct` is right from `right`, the LK brought back by
    /// that power: written in the money unit of `written_in` đồng (`per`:
    /// the rest of the unit, "/lít") instead of `catalog_unit` (`None`:
    /// digits too many or too few); the percent is right.
    LkScaled {
        unit: &'a str,
        what: &'a str,
        lk: &'a str,
        right: &'a str,
        base_column: ValueColumn,
        base: &'a str,
        pct_column: ValueColumn,
        pct: &'a str,
        times: &'a str,
        written_in: Option<f64>,
        per: &'a str,
        catalog_unit: &'a str,
        /// As [`Checked::LkSlipped`]'s.
        counted: bool,
    },
    /// `pct-mismatch` at a TH beside an LK told as [`Checked::LkScaled`]
    /// in another money unit (`written_in` đồng, `per` the rest of the
    /// unit): `unit`'s `what` states TH `th`, which is in line with the
    /// LK `lk_right` only brought back by the same factor: `right`.
    ThScaled {
        unit: &'a str,
        what: &'a str,
        th: &'a str,
        right: &'a str,
        lk: &'a str,
        lk_right: &'a str,
        written_in: f64,
        per: &'a str,
        catalog_unit: &'a str,
        /// As [`Checked::LkSlipped`]'s.
        counted: bool,
    },
    /// `pct-mismatch` at an LK (`from_th`: the TH of a first quarter's
    /// file without LK, which is its LK): `unit`'s `what` states `lk`,
    /// while its stated %KH (`pct_kh`) and %CK (`pct_ck`), both or the one
    /// it states, point to about `right`, another amount (one percent
    /// alone only where the amount also breaks a relation or a sign that
    /// `right` keeps): the amount is the mistake, not the percents.
    LkPointed {
        unit: &'a str,
        what: &'a str,
        lk: &'a str,
        right: &'a str,
        pct_kh: Option<&'a str>,
        pct_ck: Option<&'a str>,
        from_th: bool,
        /// The amount equals last year's figure to the digit: copied
        /// from the CK column, likely.
        same_as_ck: bool,
        /// As [`Checked::LkSlipped`]'s.
        counted: bool,
    },
    /// `pct-mismatch` at a rate (`column`) whose numerator and denominator
    /// break their relation (`numerator` ≤ `denominator`, a
    /// `relation-violated` error): `stated` (with its `sign`, "%", " ‰")
    /// is above `bound`, what the rate can be once they agree, however
    /// they are corrected. No right value: the one the figures as written
    /// give comes from a disputed figure.
    RateOverBound {
        unit: &'a str,
        what: &'a str,
        column: ValueColumn,
        stated: &'a str,
        sign: &'a str,
        numerator: &'a str,
        denominator: &'a str,
        bound: &'a str,
    },
    /// `pct-kind`: `unit`'s %CK of `what` states `stated`, the other kind
    /// than the template's (growth when `wants_growth`, else ratio):
    /// `formula` = `right`.
    PctKind {
        unit: &'a str,
        what: &'a str,
        stated: &'a str,
        wants_growth: bool,
        formula: &'a str,
        right: &'a str,
    },
    /// `pct-kind` (a warning): `unit`'s %CK column says in `words` that it
    /// holds the growth (`growth`) where the template wants the ratio, or
    /// the ratio where it wants the growth; its `count` figures were read
    /// as the words say (the first, `stated`, is `converted` in the
    /// template's convention).
    PctConverted {
        unit: &'a str,
        words: &'a str,
        growth: bool,
        count: usize,
        stated: &'a str,
        converted: &'a str,
    },
    /// `pct-kind` (a warning): `unit`'s %CK column `column` (words
    /// `words`, which say neither convention) holds the other convention
    /// than the template's in every figure that fits one (the growth when
    /// `growth`): its `count` figures were read so (the first, `stated`,
    /// is `converted` in the template's convention).
    PctReadByFigures {
        unit: &'a str,
        column: &'a str,
        words: &'a str,
        growth: bool,
        count: usize,
        stated: &'a str,
        converted: &'a str,
    },
    /// `rate-averaged`: department `unit` states `stated` for the whole
    /// area, the mean (`mean`) of its `units` units' rates, where
    /// `numerator` `num` / `denominator` `den` × 100 = `right`.
    RateAveraged {
        unit: &'a str,
        what: &'a str,
        column: ValueColumn,
        level: &'a LevelWords,
        stated: &'a str,
        units: usize,
        mean: &'a str,
        numerator: &'a str,
        num: &'a str,
        denominator: &'a str,
        den: &'a str,
        right: &'a str,
    },
    /// `total-mismatch`: department `unit` states `stated` (in `sign`,
    /// the rate's unit) for the whole area where `formula` over the
    /// summed figures of its `units` units gives `right`; `how` says what
    /// the stated figure evidently is.
    RateTotalOff {
        unit: &'a str,
        what: &'a str,
        column: ValueColumn,
        level: &'a LevelWords,
        stated: &'a str,
        sign: &'a str,
        units: usize,
        formula: &'a str,
        right: &'a str,
        how: RateOff<'a>,
    },
    /// `cumulative-mismatch`: in a first quarter `unit`'s `what` states
    /// TH `th` and LK `lk`, which must be equal.
    FirstQuarter {
        unit: &'a str,
        what: &'a str,
        th: &'a str,
        lk: &'a str,
    },
    /// `cumulative-mismatch` in a first quarter where `unit`'s `what`
    /// states TH `th` and LK `lk`, and its parts (`parts`: each sum the
    /// catalog breaks it into, "Nam 22 + Nữ 24", joined by "; ") add up
    /// to the TH: the LK is the one figure off, and the sums it breaks
    /// are this finding's.
    FirstQuarterPartsAgree {
        unit: &'a str,
        what: &'a str,
        th: &'a str,
        lk: &'a str,
        parts: &'a str,
    },
    /// `cumulative-mismatch` in a first quarter at the figure of `wrong`
    /// (TH or LK), `stated`, a power of ten (`factor`, "1.000") off the
    /// other column's `right`, which the unit's other figures back: its
    /// stated %KH (`pct_kh`), %CK (`pct_ck`), its CK (`ck`, near enough
    /// in size), those that do. `larger`: `stated` is the larger.
    FirstQuarterScaled {
        unit: &'a str,
        what: &'a str,
        wrong: ValueColumn,
        stated: &'a str,
        right: &'a str,
        factor: &'a str,
        larger: bool,
        pct_kh: bool,
        pct_ck: bool,
        ck: bool,
    },
    /// `cumulative-mismatch`: LK `lk` where last quarter's `previous` +
    /// this quarter's `th` = `want`; `last`, the previous period in words
    /// when it is no quarter (a year run after the nine months': «9 tháng
    /// đầu năm 2026»), none for «quý trước».
    AfterPrevious {
        unit: &'a str,
        what: &'a str,
        last: Option<&'a str>,
        previous: &'a str,
        th: &'a str,
        want: &'a str,
        lk: &'a str,
        /// The previous consolidation found that LK in error.
        disputed: bool,
    },
    /// `cumulative-mismatch`: LK `lk` where last quarter's `previous` +
    /// this quarter's `th` = `want`, and the row's note names a correction
    /// of last quarter's figures (`note`): `corrected`, the figure of the
    /// note with which LK adds up (a warning), or none (an error).
    NoteCorrection {
        unit: &'a str,
        what: &'a str,
        previous: &'a str,
        th: &'a str,
        want: &'a str,
        lk: &'a str,
        note: &'a str,
        corrected: Option<&'a str>,
    },
    /// `cumulative-mismatch`: a flow's LK `lk` below this quarter's TH `th`
    /// after the first quarter.
    BelowQuarter {
        unit: &'a str,
        what: &'a str,
        th: &'a str,
        lk: &'a str,
    },
    /// `cumulative-mismatch` at a TH after the first quarter: TH `th`
    /// above the LK `lk` that includes it, `factor` times the figure
    /// `right` that fits under the LK, which the unit's own %KH, %CK or CK
    /// back (`pct_kh`, `pct_ck`, `ck`); `breaks`: the relations the TH
    /// breaks and `right` keeps, in words.
    ThAboveLk {
        unit: &'a str,
        what: &'a str,
        th: &'a str,
        lk: &'a str,
        right: &'a str,
        factor: &'a str,
        pct_kh: bool,
        pct_ck: bool,
        ck: bool,
        breaks: Option<&'a str>,
    },
    /// `cumulative-mismatch`, once per file: `unit`'s column read as LK
    /// (header cell `lk`, words `lk_words`) is below the one read as TH
    /// (`th`, `th_words`) for `below` of its `flows` flows: the two look
    /// typed into each other's column. `previous`: how many of the flows
    /// last quarter's LK checks add up when the two are read the other
    /// way round (with `--previous`).
    ColumnsSwapped {
        unit: &'a str,
        th: &'a str,
        th_words: &'a str,
        lk: &'a str,
        lk_words: &'a str,
        below: usize,
        flows: usize,
        previous: Option<usize>,
    },
    /// `cumulative-mismatch`, once per file: `unit`'s TH column (header
    /// cell `th`, words `th_words`) equals its LK column (`lk`,
    /// `lk_words`) for `same` of the `flows` flows whose last LK (from
    /// `source`) is above zero: either the TH holds the months from
    /// January, or the LK was never accumulated; the figures cannot tell
    /// which. `example`: one of them, whose last LK `previous` and the
    /// figure both columns state `lk_figure` make the quarter `quarter`
    /// (TH from January) or the LK `accumulated` (LK not accumulated).
    ThHoldsLk {
        unit: &'a str,
        th: &'a str,
        th_words: &'a str,
        lk: &'a str,
        lk_words: &'a str,
        same: usize,
        flows: usize,
        example: &'a str,
        previous: &'a str,
        lk_figure: &'a str,
        quarter: &'a str,
        accumulated: &'a str,
        source: &'a str,
    },
    /// `cumulative-mismatch` (a warning), once per file, after the first
    /// quarter without last quarter's figures: `unit`'s LK column (header
    /// cell `lk`, words `lk_words`) repeats its TH column (`th`,
    /// `th_words`) on every one of its `same` flows with figures
    /// (`examples`: a few of their codes): most likely the quarters
    /// before were never added.
    LkRepeatsTh {
        unit: &'a str,
        th: &'a str,
        th_words: &'a str,
        lk: &'a str,
        lk_words: &'a str,
        same: usize,
        examples: &'a str,
        /// A month's report: its TH is the month's, its LK should add the
        /// months before.
        month: bool,
    },
    /// `cumulative-mismatch`, once per file: `unit`'s LK column (header
    /// cell `lk`, words `lk_words`) equals its TH column (`th`,
    /// `th_words`) for `same` of the `flows` flows whose last LK (from
    /// `source`) is above zero, and `below` of them fall below that last
    /// LK: the LK was never accumulated, it repeats the quarter.
    /// `example`: one of them, whose last LK `previous` and TH `th_figure`
    /// make the LK `want`.
    LkNotAccumulated {
        unit: &'a str,
        th: &'a str,
        th_words: &'a str,
        lk: &'a str,
        lk_words: &'a str,
        same: usize,
        below: usize,
        flows: usize,
        example: &'a str,
        previous: &'a str,
        th_figure: &'a str,
        want: &'a str,
        source: &'a str,
    },
    /// `cumulative-mismatch`, once per file: `unit`'s LK column (header
    /// cell `lk`, words `lk_words`) still holds the last period's LK (from
    /// `source`, the period `last` in words: «9 tháng đầu năm 2026») for
    /// `same` of the `flows` flows whose last LK is above zero and whose
    /// TH (column `th`, `th_words`) is not 0: never updated. `example`:
    /// one of them, whose last LK `previous` and TH `th_figure` make the
    /// LK `want`.
    LkNotUpdated {
        unit: &'a str,
        th: &'a str,
        th_words: &'a str,
        lk: &'a str,
        lk_words: &'a str,
        last: &'a str,
        same: usize,
        flows: usize,
        example: &'a str,
        previous: &'a str,
        th_figure: &'a str,
        want: &'a str,
        source: &'a str,
    },
    /// `cumulative-mismatch` (a warning), once per run: the previous
    /// consolidation (`workbook`, `--previous`) came without its error
    /// list `file`.
    PreviousWithoutErrors { file: &'a str, workbook: &'a str },
    /// `cumulative-mismatch` (a warning): after the first quarter,
    /// `unit`'s stock `what` states TH `th` and LK `lk`, both its level at
    /// the period's end. `breaks` (an error then): the relations the LK
    /// breaks and the TH keeps, with the other figures ("DD.04 ≤ DD.03
    /// (DD.03 Diện tích đất tự nhiên 13.250,60)"): the LK is the wrong one.
    StockLevel {
        unit: &'a str,
        what: &'a str,
        th: &'a str,
        lk: &'a str,
        breaks: Option<&'a str>,
    },
    /// `value-negative`: `unit`'s `what` in `column` is `value`, below 0.
    Negative {
        unit: &'a str,
        what: &'a str,
        column: ValueColumn,
        value: &'a str,
        /// An amount of money: a negative adjustment may be real (an
        /// advance returned); the office may allow it in the template.
        money: bool,
        /// Said to the unit (its feedback), not to the office.
        to_unit: bool,
    },
    /// `outlier`: `unit`'s `what` in `column` is `value`, `compared` to
    /// the units (`level`); about `usual` would be usual for its size.
    /// `note`: the unit's own note on the row (its «Ghi chú» cell: "Lễ
    /// hội … thu hút khoảng 28.000 lượt khách"), quoted, when it has one.
    Outlier {
        unit: &'a str,
        what: &'a str,
        column: ValueColumn,
        value: &'a str,
        compared: Compared<'a>,
        level: &'a LevelWords,
        usual: &'a str,
        note: Option<&'a str>,
    },
    /// `outlier` about a whole row: `unit`'s `figures` of `what` ("KH
    /// 3.905.000; TH 974.100; …") are all about `times` times `larger`
    /// (or smaller) than the other units' (`level`), and agree with each
    /// other: typed in the money unit of `written_in` đồng instead of
    /// `catalog_unit` (`None`: zeros too many or too few), its `column`
    /// then `right`. `per_head`: compared per head of population.
    RowScaled {
        unit: &'a str,
        what: &'a str,
        figures: &'a str,
        times: &'a str,
        larger: bool,
        per_head: bool,
        level: &'a LevelWords,
        written_in: Option<f64>,
        /// Another unit of the family of `catalog_unit` the figures read
        /// right in (m² under «ha»), when they are no money.
        measure: Option<&'a str>,
        catalog_unit: &'a str,
        column: ValueColumn,
        right: &'a str,
    },
    /// `unit-mismatch` (an error): unit `unit`'s money figure `value` of
    /// `what` in `column` is `times` times `larger` (or smaller) than the
    /// other units' usual `usual` (in `catalog_unit`), as `off` of its
    /// `compared` money figures are: written in the money unit of `guess`
    /// đồng, probably (`None`: one with no name).
    MoneyScale {
        unit: &'a str,
        what: &'a str,
        column: ValueColumn,
        value: &'a str,
        usual: &'a str,
        catalog_unit: &'a str,
        times: &'a str,
        larger: bool,
        off: usize,
        compared: usize,
        /// How many of the unit's money figures in other money units are
        /// near the usual, when only those in `catalog_unit` are off (0:
        /// `off` and `compared` count all its money figures).
        rest: usize,
        guess: Option<f64>,
        level: &'a LevelWords,
        /// The row's cumulative relation read in the money unit of
        /// `guess`, when it fails as written and holds so: (last
        /// quarter's LK, this quarter's TH, the LK), each as read.
        lk_agrees: Option<(&'a str, &'a str, &'a str)>,
        /// The money unit the file's header or unit column wrote (`None`:
        /// the catalog's) and the cell that wrote it, when the tool
        /// converted the figures from it: the file's own unit is then the
        /// one said wrong, not the catalog's.
        written: Option<(&'a str, &'a str)>,
        /// Told once for the whole file, not for one row: the cells of its
        /// money figures off ("E7:H16") and how many of its rows' LK add
        /// up with last quarter's once read in the money unit of `guess`.
        /// `what`, `column`, `value` and `usual` are then not said: the
        /// finding speaks for every cell of the range, not for one.
        file: Option<(&'a str, usize)>,
    },
}

/// The `unit-mismatch` error told once for a file whose money figures
/// are all off by one power of a thousand: the cells, the factor, the
/// money unit they are likely in, and what to do.
fn money_scale_file(
    (unit, cells, lk_rows): (&str, &str, usize),
    (catalog_unit, times, larger): (&str, &str, bool),
    (off, compared): (usize, usize),
    (guess, written): (Option<f64>, Option<(&str, &str)>),
    units: &str,
    lang: Lang,
) -> String {
    match lang {
        Lang::Vi => {
            let how = if larger {
                format!("gấp khoảng {times} lần")
            } else {
                format!("chỉ bằng khoảng một phần {times}")
            };
            let back = if larger { "chia cho" } else { "nhân với" };
            let guess = guess
                .and_then(|g| money_words(g, lang))
                .unwrap_or("một đơn vị tiền khác");
            let likely = match written {
                Some((said, cell)) => format!("tiêu đề (ô {cell}) ghi đơn vị «{said}» và số liệu đã được quy đổi theo đó, nhưng cả biểu nhiều khả năng tính bằng {guess}, không phải «{said}»"),
                None => format!("nhiều khả năng cả biểu ghi số tiền bằng {guess} chứ không phải {catalog_unit}"),
            };
            let agrees = if lk_rows > 0 {
                format!(" Quy về {catalog_unit} ({back} {times}) thì lũy kế của {lk_rows} dòng khớp với lũy kế quý trước cộng thực hiện quý này.")
            } else {
                String::new()
            };
            format!("{unit}: {off}/{compared} số tiền của {unit} (các ô {cells}) đều {how} mức thường thấy ở các {units} khác: {likely}.{agrees} Một lỗi cho cả biểu; các số này vẫn được cộng vào tổng nên mọi tổng tiền có số của {unit} cũng sai theo (ô tổng được tô đỏ). Hãy hỏi lại {unit} đơn vị tính và xin biểu đã sửa (mọi số tiền {back} {times}) trước khi trình ký.")
        }
        Lang::En => {
            let how = if larger {
                format!("about {times} times")
            } else {
                format!("about a {times}th of")
            };
            let back = if larger {
                "divided by"
            } else {
                "multiplied by"
            };
            let guess = guess
                .and_then(|g| money_words(g, lang))
                .unwrap_or("another money unit");
            let likely = match written {
                Some((said, cell)) => format!("the header (cell {cell}) says «{said}» and the figures were converted accordingly, but the whole form is probably in {guess}, not in «{said}»"),
                None => format!("the whole form is probably in {guess}, not in «{catalog_unit}»"),
            };
            let agrees = if lk_rows > 0 {
                format!(" Brought back to «{catalog_unit}» ({back} {times}), the LK of {lk_rows} rows adds up with last quarter's LK plus this quarter's TH.")
            } else {
                String::new()
            };
            format!("{unit}: {off} of {compared} of {unit}'s money figures (cells {cells}) are {how} the usual figures of the other {units}: {likely}.{agrees} One error for the whole form; the figures still enter the totals, so every money total with {unit}'s figures is off with them (its cell is marked red). Ask {unit} for its money unit and a corrected form (every money figure {back} {times}) before sign-off.")
        }
    }
}

/// The name of a money unit by its factor in đồng ("nghìn đồng" for
/// 1.000), or `None` for a factor with no name.
pub fn money_words(factor: f64, lang: Lang) -> Option<&'static str> {
    let name = match factor {
        f if (f - 1.0).abs() < 1e-9 => ("đồng", "VND"),
        f if (f - 1e3).abs() < 1e-6 => ("nghìn đồng", "thousand VND"),
        f if (f - 1e6).abs() < 1e-3 => ("triệu đồng", "million VND"),
        f if (f - 1e9).abs() < 1.0 => ("tỷ đồng", "billion VND"),
        _ => return None,
    };
    Some(lang.pick(name.0, name.1))
}

impl Words for Checked<'_> {
    fn code(&self) -> Code {
        match self {
            Checked::SumMismatch { .. } | Checked::SumPartsMissing { .. } => Code::SumMismatch,
            Checked::RelationViolated { .. } | Checked::MonthCopied { .. } => {
                Code::RelationViolated
            }
            Checked::RelationSkipped { .. } => Code::RelationSkipped,
            Checked::RuleUnknownCodes { .. }
            | Checked::RuleUnparsed { .. }
            | Checked::RuleNoCode { .. }
            | Checked::RuleNotRelation { .. } => Code::RuleInvalid,
            Checked::RateDeclaredAsCount { .. } => Code::TotalUncomputed,
            Checked::TotalsCountMissing {
                explained: true, ..
            }
            | Checked::TotalPartial { named: Some(_), .. }
            | Checked::TotalUnchecked { .. } => Code::TotalUnchecked,
            Checked::TotalMismatch { .. }
            | Checked::TotalsCountMissing { .. }
            | Checked::TotalsOmitUnit { .. }
            | Checked::TotalPartial { .. }
            | Checked::TotalUnitSlip { .. }
            | Checked::TotalBelowKnown { .. } => Code::TotalMismatch,
            Checked::TotalUncomputed { .. }
            | Checked::TotalWithoutColumn { .. }
            | Checked::TargetsDiffer { .. }
            | Checked::TotalUnreported { .. }
            | Checked::TotalLevelNotInRegistry { .. } => Code::TotalUncomputed,
            Checked::Copied { .. } => Code::FiguresCopied,
            Checked::PctOff { unrounded, .. } => match unrounded {
                Some(_) => Code::PctRounding,
                None => Code::PctMismatch,
            },
            Checked::LkSlipped { .. }
            | Checked::LkScaled { .. }
            | Checked::ThScaled { .. }
            | Checked::LkPointed { .. }
            | Checked::RateOverBound { .. } => Code::PctMismatch,
            Checked::PctKind { .. }
            | Checked::PctConverted { .. }
            | Checked::PctReadByFigures { .. } => Code::PctKind,
            Checked::RateAveraged { .. } => Code::RateAveraged,
            Checked::RateTotalOff { .. } => Code::TotalMismatch,
            Checked::FirstQuarter { .. }
            | Checked::FirstQuarterPartsAgree { .. }
            | Checked::FirstQuarterScaled { .. }
            | Checked::ThAboveLk { .. }
            | Checked::AfterPrevious { .. }
            | Checked::BelowQuarter { .. }
            | Checked::ColumnsSwapped { .. }
            | Checked::ThHoldsLk { .. }
            | Checked::LkRepeatsTh { .. }
            | Checked::LkNotAccumulated { .. }
            | Checked::LkNotUpdated { .. }
            | Checked::PreviousWithoutErrors { .. }
            | Checked::NoteCorrection { .. }
            | Checked::StockLevel { .. } => Code::CumulativeMismatch,
            Checked::Negative { .. } => Code::ValueNegative,
            Checked::Outlier { .. } | Checked::RowScaled { .. } => Code::Outlier,
            Checked::MoneyScale { .. } => Code::UnitMismatch,
        }
    }

    fn words(&self, lang: Lang) -> String {
        match self {
            Checked::SumMismatch { .. }
            | Checked::SumPartsMissing { .. }
            | Checked::RelationViolated { .. } => relation(self, lang),
            Checked::RelationSkipped { .. }
            | Checked::RuleUnknownCodes { .. }
            | Checked::RuleUnparsed { .. }
            | Checked::RuleNoCode { .. }
            | Checked::RuleNotRelation { .. }
            | Checked::RateDeclaredAsCount { .. } => rule(self, lang),
            Checked::TotalMismatch { .. }
            | Checked::TotalsCountMissing { .. }
            | Checked::TotalsOmitUnit { .. }
            | Checked::TotalPartial { .. }
            | Checked::TotalUnitSlip { .. }
            | Checked::TotalBelowKnown { .. }
            | Checked::TotalUnchecked { .. }
            | Checked::TotalUncomputed { .. }
            | Checked::TotalUnreported { .. }
            | Checked::TotalLevelNotInRegistry { .. }
            | Checked::TotalWithoutColumn { .. }
            | Checked::TargetsDiffer { .. } => total(self, lang),
            Checked::PctOff {
                unit,
                what,
                percent,
                stated,
                right,
                unrounded,
            } => pct_off(unit, what, percent, stated, right, *unrounded, lang),
            Checked::LkSlipped {
                unit,
                what,
                lk,
                right,
                pct_kh,
                pct_ck,
                counted,
            } => {
                let added = match (counted, lang) {
                    (true, Lang::Vi) => format!("; số {lk} đang được cộng vào tổng hợp"),
                    (true, Lang::En) => format!("; {lk} is what the consolidation adds up"),
                    (false, _) => String::new(),
                };
                match lang {
                    Lang::Vi => format!("{unit}: {what} ghi lũy kế {lk}, nhưng cả % so với kế hoạch ({pct_kh}) và % so với cùng kỳ ({pct_ck}) đã ghi đều đúng với lũy kế {right}: có lẽ lũy kế gõ thừa hoặc thiếu chữ số, các tỷ lệ thì đúng. Hãy kiểm tra lại lũy kế{added}."),
                    Lang::En => format!("{unit}: {what} states LK {lk}, but both its stated % of plan ({pct_kh}) and % against last year ({pct_ck}) are right from an LK of {right}: the LK was probably typed with a digit too many or too few, and the percents are right. Check the LK{added}."),
                }
            }
            Checked::LkScaled {
                unit,
                what,
                lk,
                right,
                base_column,
                base,
                pct_column,
                pct,
                times,
                written_in,
                per,
                catalog_unit,
                counted,
            } => {
                let named = written_in.and_then(|f| money_words(f, lang));
                let added = match (counted, lang) {
                    (true, Lang::Vi) => format!("; số {lk} đang được cộng vào tổng hợp"),
                    (true, Lang::En) => format!("; {lk} is what the consolidation adds up"),
                    (false, _) => String::new(),
                };
                let of_plan = *base_column == ValueColumn::Kh;
                let (bw, pw) = match (lang, of_plan) {
                    (Lang::Vi, true) => ("kế hoạch", "% so với kế hoạch"),
                    (Lang::Vi, false) => ("cùng kỳ", "% so với cùng kỳ"),
                    (Lang::En, true) => ("plan", "% of plan"),
                    (Lang::En, false) => ("last year's figure", "% against last year"),
                };
                let _ = pct_column;
                match (lang, named) {
                    (Lang::Vi, Some(w)) => format!("{unit}: {what} ghi lũy kế {lk}, lệch khoảng {times} lần so với {bw} {base}, nhưng {pw} đã ghi ({pct}) đúng với lũy kế {right}: {lk} có lẽ ghi theo {w}{per} thay cho {catalog_unit}, lũy kế đúng là {right}; tỷ lệ thì đúng. Hãy kiểm tra lại lũy kế (và {bw}){added}."),
                    (Lang::Vi, None) => format!("{unit}: {what} ghi lũy kế {lk}, lệch khoảng {times} lần so với {bw} {base}, nhưng {pw} đã ghi ({pct}) đúng với lũy kế {right}: có lẽ lũy kế gõ thừa hoặc thiếu chữ số, tỷ lệ thì đúng. Hãy kiểm tra lại lũy kế (và {bw}){added}."),
                    (Lang::En, Some(w)) => format!("{unit}: {what} states LK {lk}, about {times} times off its {bw} {base}, but its stated {pw} ({pct}) is right from an LK of {right}: {lk} was probably written in {w}{per} instead of {catalog_unit}, the LK being {right}; the percent is right. Check the LK (and the {bw}){added}."),
                    (Lang::En, None) => format!("{unit}: {what} states LK {lk}, about {times} times off its {bw} {base}, but its stated {pw} ({pct}) is right from an LK of {right}: the LK was probably typed with digits too many or too few, and the percent is right. Check the LK (and the {bw}){added}."),
                }
            }
            Checked::ThScaled {
                unit,
                what,
                th,
                right,
                lk,
                lk_right,
                written_in,
                per,
                catalog_unit,
                counted,
            } => {
                let w = money_words(*written_in, lang).unwrap_or_default();
                let added = match (counted, lang) {
                    (true, Lang::Vi) => format!("; số {th} đang được cộng vào tổng hợp"),
                    (true, Lang::En) => format!("; {th} is what the consolidation adds up"),
                    (false, _) => String::new(),
                };
                match lang {
                    Lang::Vi => format!("{unit}: {what} ghi thực hiện {th}, cùng cách ghi với lũy kế {lk} (có lẽ ghi theo {w}{per}, lũy kế đúng là {lk_right}): thực hiện cũng có lẽ ghi theo {w}{per} thay cho {catalog_unit}, đúng là {right}. Hãy kiểm tra lại thực hiện{added}."),
                    Lang::En => format!("{unit}: {what} states TH {th}, written as its LK {lk} (probably in {w}{per}, the LK being {lk_right}): the TH was probably written in {w}{per} too instead of {catalog_unit}, being {right}. Check the TH{added}."),
                }
            }
            Checked::LkPointed {
                unit,
                what,
                lk,
                right,
                pct_kh,
                pct_ck,
                from_th,
                same_as_ck,
                counted,
            } => match lang {
                Lang::Vi => {
                    let figure = if *from_th { "số thực hiện" } else { "lũy kế" };
                    let notes = aside(&[
                        (*from_th, "cũng là lũy kế quý I"),
                        (*same_as_ck, "bằng đúng số cùng kỳ: có lẽ chép nhầm từ cột cùng kỳ"),
                    ]);
                    let percents = match (pct_kh, pct_ck) {
                        (Some(kh), Some(ck)) => format!("cả % so với kế hoạch ({kh}) và % so với cùng kỳ ({ck}) đã ghi đều chỉ ra"),
                        (Some(kh), None) => format!("% so với kế hoạch đã ghi ({kh}) chỉ ra"),
                        (None, Some(ck)) => format!("% so với cùng kỳ đã ghi ({ck}) chỉ ra"),
                        (None, None) => "các tỷ lệ đã ghi chỉ ra".to_string(),
                    };
                    format!("{unit}: {what} ghi {figure} {lk}{notes}, nhưng {percents} số khoảng {right}: có lẽ {figure} sai chứ không phải tỷ lệ. Hãy kiểm tra lại {figure} (đừng sửa tỷ lệ theo số {lk}){}.", if *counted { format!("; số {lk} đang được cộng vào tổng hợp") } else { String::new() })
                }
                Lang::En => {
                    let figure = if *from_th { "TH" } else { "LK" };
                    let notes = aside(&[
                        (*from_th, "the first quarter's LK"),
                        (*same_as_ck, "last year's figure to the digit: copied from the CK column, likely"),
                    ]);
                    let percents = match (pct_kh, pct_ck) {
                        (Some(kh), Some(ck)) => format!("both its stated % of plan ({kh}) and % against last year ({ck}) point to"),
                        (Some(kh), None) => format!("its stated % of plan ({kh}) points to"),
                        (None, Some(ck)) => format!("its stated % against last year ({ck}) points to"),
                        (None, None) => "its stated percents point to".to_string(),
                    };
                    format!("{unit}: {what} states {figure} {lk}{notes}, but {percents} about {right}: the {figure} is probably wrong, not the percents. Check the {figure} (do not change the percents to fit {lk}){}.", if *counted { format!("; {lk} is what the consolidation adds up") } else { String::new() })
                }
            },
            Checked::RateOverBound {
                unit,
                what,
                column,
                stated: s,
                sign: u,
                numerator: n,
                denominator: d,
                bound,
            } => match lang {
                Lang::Vi => format!("{unit}: {what} (cột {column}) ghi {s}{u}, nhưng {n} không thể lớn hơn {d} nên chỉ số này không thể vượt {bound}{u}: số này sai dù sửa {n} hay {d}. Hãy sửa {n}, {d} cho đúng rồi tính lại chỉ số từ các số đã sửa."),
                Lang::En => format!("{unit}: {what} (column {column}) says {s}{u}, but {n} cannot exceed {d}, so the rate cannot exceed {bound}{u}: it is wrong whichever of them is corrected. Correct {n} and {d}, then recompute the rate from the corrected figures."),
            },
            Checked::PctKind { .. }
            | Checked::PctConverted { .. }
            | Checked::PctReadByFigures { .. }
            | Checked::RateAveraged { .. }
            | Checked::RateTotalOff { .. } => pct_other(self, lang),
            Checked::FirstQuarter { .. }
            | Checked::FirstQuarterPartsAgree { .. }
            | Checked::AfterPrevious { .. }
            | Checked::BelowQuarter { .. }
            | Checked::ColumnsSwapped { .. }
            | Checked::ThHoldsLk { .. }
            | Checked::LkRepeatsTh { .. }
            | Checked::LkNotAccumulated { .. }
            | Checked::LkNotUpdated { .. }
            | Checked::PreviousWithoutErrors { .. }
            | Checked::NoteCorrection { .. }
            | Checked::StockLevel { .. } => cumulative(self, lang),
            Checked::FirstQuarterScaled { .. } => scaled(self, lang),
            Checked::ThAboveLk { .. } => th_above_lk(self, lang),
            Checked::Negative {
                unit,
                what,
                column,
                value: v,
                money,
                to_unit,
            } => match (lang, money, to_unit) {
                (Lang::Vi, false, _) => format!("{unit}: {what} (cột {column}) ghi số âm {v}, nhưng chỉ tiêu này không thể nhỏ hơn 0. Hãy kiểm tra dấu trừ hoặc dấu ngoặc; một mức giảm so với cùng kỳ chỉ ghi ở cột %CK."),
                (Lang::En, false, _) => format!("{unit}: {what} (column {column}) is negative ({v}), but this indicator cannot be below 0. Check the minus sign or brackets; a fall against last year belongs in the %CK column only."),
                (Lang::Vi, true, false) => format!("{unit}: {what} (cột {column}) ghi số âm {v}, trong khi danh mục không cho chỉ tiêu này nhỏ hơn 0. Nếu đây là một khoản điều chỉnh giảm có thật (thu hồi tạm ứng, giảm trừ), hãy khai chỉ tiêu trong [checks] may_be_negative của mẫu (template.toml); nếu không, đơn vị cần sửa dấu trừ hoặc dấu ngoặc."),
                (Lang::En, true, false) => format!("{unit}: {what} (column {column}) is negative ({v}), while the catalog does not allow this indicator below 0. If it is a real negative adjustment (an advance returned, a deduction), list the indicator in [checks] may_be_negative of the template (template.toml); if not, the unit must correct the minus sign or brackets."),
                (Lang::Vi, true, true) => format!("{unit}: {what} (cột {column}) ghi số âm {v}. Nếu đây là khoản điều chỉnh giảm có thật (thu hồi tạm ứng, giảm trừ), hãy xác nhận và ghi rõ lý do ở cột ghi chú; nếu không, hãy sửa dấu trừ hoặc dấu ngoặc."),
                (Lang::En, true, true) => format!("{unit}: {what} (column {column}) is negative ({v}). If it is a real negative adjustment (an advance returned, a deduction), confirm it and give the reason in the note column; if not, correct the minus sign or brackets."),
            },
            Checked::Outlier { .. } => outlier(self, lang),
            Checked::RowScaled { .. } => row_scaled(self, lang),
            Checked::MonthCopied {
                unit,
                what,
                column,
                stated,
                sheet,
                sum,
                period,
                rules,
            } => match lang {
                Lang::Vi => format!("{unit}: {what} ghi {stated} ở cột {column}, bằng số của trang «{sheet}» (một tháng), không phải của cả {period}: các trang tháng cộng lại được {sum}, và với số đó điều kiện {rules} đúng. Có lẽ số của một tháng đã được chép vào; hãy ghi số của cả kỳ."),
                Lang::En => format!("{unit}: {what} states {stated} in column {column}, the figure of the sheet «{sheet}» (one month), not of {period}: the month sheets add up to {sum}, with which the rule {rules} holds. A month's figure was probably copied; write the period's figure."),
            },
            Checked::MoneyScale {
                unit,
                what,
                column,
                value,
                usual,
                catalog_unit,
                times,
                larger,
                off,
                compared,
                rest,
                guess,
                level,
                lk_agrees,
                written,
                file,
            } => {
                let units = level.units(lang);
                if let Some((cells, lk_rows)) = file {
                    return money_scale_file(
                        (unit, cells, *lk_rows),
                        (catalog_unit, times, *larger),
                        (*off, *compared),
                        (*guess, *written),
                        units,
                        lang,
                    );
                }
                match lang {
                    Lang::Vi => {
                        let how = if *larger { format!("gấp khoảng {times} lần") } else { format!("chỉ bằng khoảng một phần {times}") };
                        let guess = guess.and_then(|g| money_words(g, lang)).unwrap_or("một đơn vị tiền khác");
                        let which = if let (Some((said, cell)), 0) = (written, *rest) {
                            format!("{off}/{compared} số tiền của {unit} đều lệch như vậy: tiêu đề (ô {cell}) ghi đơn vị «{said}» và số liệu đã được quy đổi theo đó, nhưng số liệu nhiều khả năng tính bằng {guess}, không phải «{said}»")
                        } else if *rest > 0 {
                            format!("{off}/{compared} số tiền tính bằng {catalog_unit} của {unit} đều lệch như vậy, còn {rest} số tiền tính bằng đơn vị khác thì không: nhiều khả năng {unit} ghi các dòng {catalog_unit} bằng {guess}")
                        } else {
                            format!("{off}/{compared} số tiền của {unit} đều lệch như vậy: nhiều khả năng {unit} ghi số tiền bằng {guess}")
                        };
                        let agrees = lk_agrees.map_or(String::new(), |(p, th, lk)| format!(" Quy các số của dòng này về {catalog_unit} ({back} {times}) thì lũy kế khớp: lũy kế quý trước {p} cộng thực hiện quý này {th} = {lk}; chỉ có đơn vị tính sai, lũy kế không sai.", back = if *larger { "chia cho" } else { "nhân với" }));
                        let not_catalog = if written.is_some() && *rest == 0 { String::new() } else { format!(" chứ không phải {catalog_unit}") };
                        format!("{unit}: {what} (cột {column}) ghi {value} {catalog_unit}, {how} mức thường thấy ở các {units} khác (khoảng {usual}), và {which}{not_catalog}.{agrees} Số này vẫn được cộng vào tổng nên tổng cũng sai theo; hãy hỏi lại {unit} và sửa cả dòng trước khi trình ký.")
                    }
                    Lang::En => {
                        let how = if *larger { format!("about {times} times") } else { format!("about a {times}th of") };
                        let guess = guess.and_then(|g| money_words(g, lang)).unwrap_or("another money unit");
                        let which = if let (Some((said, cell)), 0) = (written, *rest) {
                            format!("{off} of {compared} of {unit}'s money figures are off alike: the header (cell {cell}) says «{said}» and the figures were converted accordingly, but they are probably in {guess}, not in «{said}»")
                        } else if *rest > 0 {
                            format!("{off} of {compared} of {unit}'s money figures in «{catalog_unit}» are off alike, while its {rest} in other money units are not: {unit} probably wrote those rows in {guess}")
                        } else {
                            format!("{off} of {compared} of {unit}'s money figures are off alike: {unit} probably wrote its money in {guess}")
                        };
                        let agrees = lk_agrees.map_or(String::new(), |(p, th, lk)| format!(" Brought back to «{catalog_unit}» ({back} {times}), the row's LK adds up: last quarter's LK {p} plus this quarter's TH {th} = {lk}; only the unit is wrong, not the LK.", back = if *larger { "divided by" } else { "multiplied by" }));
                        let not_catalog = if written.is_some() && *rest == 0 { String::new() } else { format!(", not in the catalog's «{catalog_unit}»") };
                        format!("{unit}: {what} (column {column}) states {value}, {how} the usual figure of the other {units} (about {usual}), and {which}{not_catalog}.{agrees} The figure still enters the total, which is off with it; ask {unit} and correct the whole row before sign-off.")
                    }
                }
            }
            Checked::Copied { unit, file, others } => match lang {
                Lang::Vi => format!("{unit}: mọi số liệu của tệp {file} giống hệt số liệu của {others}, từng số một. Có thể đây là tệp của đơn vị khác được sửa tiêu đề; hãy hỏi lại đơn vị và xin tệp đúng."),
                Lang::En => format!("{unit}: every figure of {file} is the same as those of {others}, figure for figure. It may be another unit's file with its title changed; ask the unit for its own."),
            },
        }
    }
}

impl RuleProblem {
    /// What is wrong in a formula, in `lang`.
    pub fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (RuleProblem::NotANumber(t), Lang::Vi) => format!("«{t}» không phải là số"),
            (RuleProblem::NotANumber(t), Lang::En) => format!("'{t}' is not a number"),
            (RuleProblem::Unclosed, Lang::Vi) => {
                "dấu '[' mở một mã nhưng không có ']' đóng lại".into()
            }
            (RuleProblem::Unclosed, Lang::En) => "'[' opens a code that no ']' closes".into(),
            (RuleProblem::EmptyCode, Lang::Vi) => "trong '[]' không có mã nào".into(),
            (RuleProblem::EmptyCode, Lang::En) => "'[]' names no code".into(),
            (RuleProblem::Comparison, Lang::Vi) => "cần '==', '<=' hoặc '>='".into(),
            (RuleProblem::Comparison, Lang::En) => "expected '==', '<=' or '>='".into(),
            (RuleProblem::Character(c), Lang::Vi) => {
                format!("ký tự '{c}' không dùng được trong công thức")
            }
            (RuleProblem::Character(c), Lang::En) => format!("unexpected character '{c}'"),
            (RuleProblem::Paren, Lang::Vi) => "thiếu ')'".into(),
            (RuleProblem::Paren, Lang::En) => "expected ')'".into(),
            (RuleProblem::Operand, Lang::Vi) => "cần một mã chỉ tiêu, một số hoặc '('".into(),
            (RuleProblem::Operand, Lang::En) => {
                "expected an indicator code, a number or '('".into()
            }
            (RuleProblem::EndsEarly, Lang::Vi) => {
                "công thức dừng quá sớm: cần một mã chỉ tiêu, một số hoặc '('".into()
            }
            (RuleProblem::EndsEarly, Lang::En) => {
                "the formula ends too early: expected an indicator code, a number or '('".into()
            }
            (RuleProblem::Operator, Lang::Vi) => {
                "cần một phép tính (+ - * /) hoặc một phép so sánh (== <= >=)".into()
            }
            (RuleProblem::Operator, Lang::En) => {
                "expected an operator (+ - * /) or a comparison (== <= >=)".into()
            }
            (RuleProblem::Column(t), Lang::Vi) => format!(
                "«{t}» không phải là cột số liệu: ngay sau mã chỉ tiêu, trong '[ ]' chỉ ghi KH, TH, LK hoặc CK (DT.01[KH] là số kế hoạch của DT.01)"
            ),
            (RuleProblem::Column(t), Lang::En) => format!(
                "'{t}' names no column of figures: right after an indicator code, '[ ]' holds KH, TH, LK or CK (DT.01[KH] is DT.01's plan figure)"
            ),
        }
    }
}

/// "Số tổng hợp" / "The consolidated total" where no unit is named.
fn unit_or_total(unit: Option<&str>, lang: Lang) -> &str {
    unit.unwrap_or(lang.pick("Số tổng hợp", "The consolidated total"))
}

fn relation(c: &Checked, lang: Lang) -> String {
    match c {
        Checked::SumMismatch {
            unit,
            whole,
            name,
            column,
            stated,
            parts,
            sum,
        } => {
            let unit = unit_or_total(*unit, lang);
            match lang {
                Lang::Vi => format!("{unit}: {whole} {name} (cột {column}) = {stated} nhưng tổng các phần {parts} = {sum}; số tổng phải bằng tổng các phần, một trong các số này sai. Hãy kiểm tra số tổng và từng phần."),
                Lang::En => format!("{unit}: {whole} {name} (column {column}) = {stated} but its parts {parts} add up to {sum}; the whole must equal its parts, so one of these figures is wrong. Check the whole and each part."),
            }
        }
        Checked::SumPartsMissing {
            whole,
            name,
            column,
            stated,
            parts,
            sum,
            no_whole,
            short,
        } => {
            let named = |(names, count): (&[&str], usize)| -> String {
                let shown = names.join(", ");
                match (count.saturating_sub(names.len()), lang) {
                    (0, _) => shown,
                    (more, Lang::Vi) => format!("{shown} và {more} đơn vị khác"),
                    (more, Lang::En) => format!("{shown} and {more} more units"),
                }
            };
            let (mut why, mut ask) = (Vec::new(), Vec::new());
            if no_whole.1 > 0 {
                let who = named(*no_whole);
                match lang {
                    Lang::Vi => {
                        let them = if no_whole.1 == 1 {
                            "đơn vị này"
                        } else {
                            "các đơn vị này"
                        };
                        why.push(format!("{who} báo các phần nhưng không có số tổng {whole} dùng được (không có, hoặc không phải là số), nên số tổng hợp của {whole} thiếu số liệu của {them}"));
                        ask.push(format!("{who} báo hoặc sửa số {whole}"));
                    }
                    Lang::En => {
                        why.push(format!("{who} gave the parts but no usable whole {whole} (none, or not a number), so the total of {whole} lacks their figures"));
                        ask.push(format!("{who} report or correct {whole}"));
                    }
                }
            }
            if short.1 > 0 {
                let who = named(*short);
                match lang {
                    Lang::Vi => {
                        let them = if short.1 == 1 {
                            "đơn vị này"
                        } else {
                            "các đơn vị này"
                        };
                        why.push(format!("{who} báo số tổng {whole} nhưng không có đủ số liệu các phần dùng được, nên số tổng hợp của các phần thiếu số liệu của {them}"));
                        ask.push(format!("{who} báo hoặc sửa đủ các phần"));
                    }
                    Lang::En => {
                        why.push(format!("{who} gave the whole {whole} without a usable figure for every part, so the parts' totals lack their figures"));
                        ask.push(format!("{who} report or correct every part"));
                    }
                }
            }
            match lang {
                Lang::Vi => format!("Số tổng hợp: {whole} {name} (cột {column}) = {stated} nhưng tổng các phần {parts} = {sum}, vì {} (xem relation-skipped). Hãy yêu cầu {} trước khi trình ký.", why.join("; "), ask.join(" và ")),
                Lang::En => format!("The consolidated total: {whole} {name} (column {column}) = {stated} but its parts {parts} add up to {sum}, because {} (see relation-skipped). Have {} before sign-off.", why.join("; "), ask.join(" and ")),
            }
        }
        Checked::RelationViolated {
            unit,
            formula,
            column,
            left,
            right,
            cmp,
            stated_by,
        } => {
            let unit = unit_or_total(*unit, lang);
            let must = match (*cmp, lang) {
                ("<=", Lang::Vi) => "không được lớn hơn",
                (">=", Lang::Vi) => "không được nhỏ hơn",
                (_, Lang::Vi) => "phải bằng",
                ("<=", Lang::En) => "cannot be above",
                (">=", Lang::En) => "cannot be below",
                (_, Lang::En) => "must equal",
            };
            let formula = super::rule_in_signs(formula);
            let whose = stated_by
                .iter()
                .map(|s| match (s.units, lang) {
                    (1, Lang::Vi) => format!("{} của {}", s.code, s.first),
                    (1, Lang::En) => format!("{} from {}", s.code, s.first),
                    (n, Lang::Vi) => format!("{} cộng từ {n} đơn vị", s.code),
                    (n, Lang::En) => format!("{} the sum of {n} units", s.code),
                })
                .collect::<Vec<_>>()
                .join("; ");
            let whose = match (whose.is_empty(), lang) {
                (true, _) => String::new(),
                (false, Lang::Vi) => format!(" Số liệu: {whose}."),
                (false, Lang::En) => format!(" Figures: {whose}."),
            };
            match lang {
                Lang::Vi => format!("{unit}: {left} {must} {right} ở cột {column} (điều kiện {formula}).{whose} Một trong các số này sai; hãy kiểm tra lại."),
                Lang::En => format!("{unit}: {left} {must} {right} in column {column} (rule {formula}).{whose} One of these figures is wrong; check them."),
            }
        }
        _ => String::new(),
    }
}

/// A formula of the catalog that cannot be used, and why.
fn invalid(
    formula: &str,
    code: &str,
    line: u64,
    what: &str,
    suggestion: Option<&str>,
    lang: Lang,
) -> String {
    let fix = match (suggestion, lang) {
        (Some(s), Lang::Vi) => {
            format!("hãy sửa mẫu biểu, chẳng hạn viết mã trong ngoặc vuông: «{s}»")
        }
        (Some(s), Lang::En) => {
            format!("correct the template, for instance with the codes in square brackets: «{s}»")
        }
        (None, Lang::Vi) => "hãy sửa mẫu biểu".to_string(),
        (None, Lang::En) => "correct the template".to_string(),
    };
    match lang {
        Lang::Vi => format!("Công thức «{formula}» của chỉ tiêu {code} (indicators.csv, dòng {line}) không hợp lệ: {what}. Công thức bị bỏ qua, chỉ tiêu này không được kiểm tra theo công thức; {fix}."),
        Lang::En => format!("The formula «{formula}» of indicator {code} (indicators.csv, line {line}) is invalid: {what}. It is ignored, and the indicator is not checked against it; {fix}."),
    }
}

/// Who stated a figure of a total a rule compares: its code, the first
/// unit that gave it, and how many units did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatedBy<'a> {
    pub code: &'a str,
    pub first: &'a str,
    pub units: usize,
}

/// A place where a rule could not be checked: the unit's name, its file,
/// and the codes of the rule without a figure there.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SkipPlace {
    pub unit: String,
    pub file: String,
    pub lacking: Vec<String>,
    /// Of `lacking`, those whose cell holds a lone "-" (or "không phát
    /// sinh") read as no figure (the template's `dash = "empty"`): the
    /// code, the cell and what it holds.
    pub dashed: Vec<(String, String, String)>,
    /// Of `lacking`, those whose cell holds a number refused by an error
    /// told at it («4,105» in a count): the code, the cell and what it
    /// holds. Not read, not blank.
    pub refused: Vec<(String, String, String)>,
}

fn rule(c: &Checked, lang: Lang) -> String {
    match c {
        Checked::RelationSkipped {
            formula,
            column,
            places,
            named,
        } => {
            let n = lang.count(*places, ("nơi", "place", "places"));
            let dashes = named.iter().any(|p| !p.dashed.is_empty());
            // Every figure lacking was written and refused by an error
            // told at its cell: nothing was left blank.
            let all_refused = !named.is_empty()
                && named.iter().all(|p| {
                    p.lacking
                        .iter()
                        .all(|code| p.refused.iter().any(|(c, ..)| c == code))
                });
            let named: Vec<String> = named
                .iter()
                .map(|p| {
                    let lacking: Vec<String> = p
                        .lacking
                        .iter()
                        .map(|code| match (
                            p.dashed.iter().find(|(c, ..)| c == code),
                            p.refused.iter().find(|(c, ..)| c == code),
                        ) {
                            (Some((_, cell, shown)), _) => match lang {
                                Lang::Vi => format!("{code}: ô {cell} ghi «{shown}»"),
                                Lang::En => format!("{code}: cell {cell} holds «{shown}»"),
                            },
                            (None, Some((_, cell, shown))) => match lang {
                                Lang::Vi => format!("{code}: số «{shown}» ở ô {cell} không được đọc vì lỗi đã báo tại ô đó"),
                                Lang::En => format!("{code}: «{shown}» in cell {cell} was not read because of the error told at that cell"),
                            },
                            (None, None) => code.clone(),
                        })
                        .collect();
                    let lacking = lacking.join(", ");
                    match lang {
                        Lang::Vi => format!("{} ({}, thiếu {lacking})", p.unit, p.file),
                        Lang::En => format!("{} ({}, no {lacking})", p.unit, p.file),
                    }
                })
                .collect();
            let named = if named.is_empty() {
                String::new()
            } else {
                format!(": {}", named.join("; "))
            };
            match (lang, dashes) {
                (Lang::Vi, false) if all_refused => format!("Điều kiện {formula} (cột {column}) không kiểm tra được ở {n} vì thiếu số liệu của một chỉ tiêu trong điều kiện{named}. Hãy sửa lỗi đó; điều kiện sẽ được kiểm tra khi số được đọc."),
                (Lang::En, false) if all_refused => format!("The rule {formula} (column {column}) could not be checked in {n} because an indicator in it has no figure{named}. Correct that error; the rule is checked once the figure is read."),
                (Lang::Vi, false) => format!("Điều kiện {formula} (cột {column}) không kiểm tra được ở {n} vì thiếu số liệu của một chỉ tiêu trong điều kiện{named}; ô trống không được coi là 0."),
                (Lang::En, false) => format!("The rule {formula} (column {column}) could not be checked in {n} because an indicator in it has no figure{named}; a blank is never read as 0."),
                (Lang::Vi, true) => format!("Điều kiện {formula} (cột {column}) không kiểm tra được ở {n} vì thiếu số liệu của một chỉ tiêu trong điều kiện{named}; theo mẫu biểu, ô ghi «-» (hay «không», «không phát sinh») được đọc là không có số liệu, không phải số 0, như ô trống. Nếu ô đó nghĩa là 0, hãy ghi 0."),
                (Lang::En, true) => format!("The rule {formula} (column {column}) could not be checked in {n} because an indicator in it has no figure{named}; the template reads a cell holding «-» (or «không», «không phát sinh») as no figure, not as 0, as a blank is. If it means 0, write 0."),
            }
        }
        Checked::RuleUnknownCodes {
            formula,
            code,
            line,
            unknown,
            suggestion,
        } => {
            let what = match lang {
                Lang::Vi => format!("mã chỉ tiêu {unknown} không có trong danh mục"),
                Lang::En => format!("unknown indicator code {unknown}"),
            };
            invalid(formula, code, *line, &what, *suggestion, lang)
        }
        Checked::RuleUnparsed {
            formula,
            code,
            line,
            at,
            problem,
            suggestion,
        } => {
            let what = problem.words(lang);
            let what = match lang {
                Lang::Vi => format!("ở ký tự {at}: {what}"),
                Lang::En => format!("at character {at}: {what}"),
            };
            invalid(formula, code, *line, &what, *suggestion, lang)
        }
        Checked::RuleNoCode {
            formula,
            code,
            line,
            suggestion,
        } => {
            let what = match lang {
                Lang::Vi => "công thức không có mã chỉ tiêu nào, chỉ có số (mã bắt đầu bằng chữ số phải viết trong ngoặc vuông)",
                Lang::En => "it names no indicator code, only numbers (a code that starts with a digit is written in square brackets)",
            };
            invalid(formula, code, *line, what, *suggestion, lang)
        }
        Checked::RuleNotRelation {
            formula,
            code,
            line,
        } => {
            let what = match lang {
                Lang::Vi => "chỉ tiêu không phải tỷ lệ (rate) nên công thức phải là một quan hệ có ==, <= hoặc >=",
                Lang::En => "the indicator is no rate, so its formula must be a relation with ==, <= or >=",
            };
            invalid(formula, code, *line, what, None, lang)
        }
        Checked::RateDeclaredAsCount {
            code,
            what,
            unit,
            declared,
            line,
            computed,
        } => {
            let summary = crate::outputs::Sheet::Summary.name(lang);
            match (computed, lang) {
                (false, Lang::Vi) => format!("Mẫu biểu (indicators.csv, dòng {line}): {code} «{what}» có đơn vị «{unit}» là một tỷ lệ nhưng khai báo kind = {declared}: tỷ lệ của các đơn vị không cộng được, cũng không cộng dồn qua các quý. Chỉ tiêu được coi là tỷ lệ: không cộng, không kiểm tra lũy kế; «{summary}» để trống dòng này. Hãy khai báo kind = rate với công thức của nó (số của tử số / số của mẫu số * 100, các chỉ tiêu thành phần cũng có trong danh mục) thì tổng toàn địa bàn được tính."),
                (false, Lang::En) => format!("Template (indicators.csv, line {line}): {code} «{what}» is in «{unit}», a rate, but declared kind = {declared}: the units' rates cannot be added up, nor accumulated over quarters. It is taken as a rate: not summed, its LK not checked as a sum; «{summary}» leaves its row empty. Declare it kind = rate with its formula (numerator / denominator * 100, both in the catalog) and its total is worked out."),
                (true, Lang::Vi) => format!("Mẫu biểu (indicators.csv, dòng {line}): {code} «{what}» có đơn vị «{unit}» là một tỷ lệ nhưng khai báo kind = {declared}: tỷ lệ của các đơn vị không cộng được, cũng không cộng dồn qua các quý. Chỉ tiêu được coi là tỷ lệ, tính từ công thức của nó; hãy sửa kind thành rate."),
                (true, Lang::En) => format!("Template (indicators.csv, line {line}): {code} «{what}» is in «{unit}», a rate, but declared kind = {declared}: the units' rates cannot be added up, nor accumulated over quarters. It is taken as a rate, worked out from its formula; change its kind to rate."),
            }
        }
        _ => String::new(),
    }
}

/// The sentence a total's message adds when the sum reads some units'
/// TH and LK the other way round (`turned`, empty: none), with the sum
/// as their columns are headed (`written`) when there is one.
fn turned_words(turned: &str, written: Option<&str>, lang: Lang) -> String {
    match (lang, written) {
        _ if turned.is_empty() => String::new(),
        (Lang::Vi, Some(w)) => format!(" Hai cột thực hiện quý và lũy kế của {turned} có vẻ bị ghi đổi chỗ (xem lỗi của đơn vị này): tổng trên đọc số của {turned} theo đúng nghĩa (cột lũy kế là thực hiện quý và ngược lại); đọc theo tiêu đề cột thì tổng là {w}, cũng khác số đã ghi."),
        (Lang::En, Some(w)) => format!(" The quarter's and the cumulative columns of {turned} look swapped (see its error): the sum above reads its figures as meant (the cumulative column as the quarter's and the other way round); read as the columns are headed the sum is {w}, which differs too."),
        (Lang::Vi, None) => format!(" Hai cột thực hiện quý và lũy kế của {turned} có vẻ bị ghi đổi chỗ (xem lỗi của đơn vị này): số của {turned} được đọc theo đúng nghĩa (cột lũy kế là thực hiện quý và ngược lại)."),
        (Lang::En, None) => format!(" The quarter's and the cumulative columns of {turned} look swapped (see its error): its figures are read as meant (the cumulative column as the quarter's and the other way round)."),
    }
}

fn total(c: &Checked, lang: Lang) -> String {
    let detail = Sheet::Detail.name(lang);
    match c {
        Checked::TotalMismatch {
            unit,
            what,
            code,
            column,
            level,
            stated,
            sum,
            contributors,
            expected,
            listed,
            more,
            counts_missing,
            tallies,
            below,
            turned,
            written,
        } => {
            let (whole, units) = (level.whole(lang), level.units(lang));
            let complete = *contributors as usize >= *expected;
            let listed = match lang {
                _ if *more == 0 => listed.to_string(),
                Lang::Vi => format!("{listed}; và {more} {units} khác"),
                Lang::En => format!("{listed}; and {more} more {units}"),
            };
            let turned = turned_words(turned, Some(written), lang);
            let partial = match lang {
                _ if complete => String::new(),
                Lang::Vi if *below => format!(" Mới có {contributors}/{expected} {units} báo cáo chỉ tiêu này; các {units} còn lại chỉ có thể làm tổng lớn thêm, nên số {whole} nhỏ hơn tổng là sai."),
                Lang::En if *below => format!(" Only {contributors} of {expected} {units} reported it; the others can only raise the sum, so a figure for {whole} below it is wrong."),
                Lang::Vi if *counts_missing => format!(" Mới có {contributors}/{expected} {units} báo cáo chỉ tiêu này, và không số {whole} nào khác của {unit} cho thấy {unit} chỉ tính các {units} đã báo cáo: nhiều khả năng {unit} đã tính cả các {units} chưa có trong bản tổng hợp này (chưa gửi báo cáo, hoặc báo cáo chưa dùng được)."),
                Lang::En if *counts_missing => format!(" Only {contributors} of {expected} {units} reported it, and none of {unit}'s other figures for {whole} shows that it counts only those: it probably counts the {units} that have not reported (no report sent, or the report could not be used)."),
                Lang::Vi if *tallies => format!(" Mới có {contributors}/{expected} {units} báo cáo chỉ tiêu này, nhưng các số {whole} khác của {unit} đều bằng tổng các {units} đã báo cáo: {unit} chỉ tính các {units} đã báo cáo, nên chênh lệch này không do các {units} chưa báo cáo."),
                Lang::En if *tallies => format!(" Only {contributors} of {expected} {units} reported it, but {unit}'s other figures for {whole} equal the reported {units}' sums: it counts only the {units} that reported, so the {units} that have not reported do not explain this difference."),
                Lang::Vi => format!(" Mới có {contributors}/{expected} {units} báo cáo chỉ tiêu này, nên chênh lệch có thể do số liệu chưa đủ."),
                Lang::En => format!(" Only {contributors} of {expected} {units} reported it, so the sum may be incomplete."),
            };
            match lang {
                Lang::Vi => format!("{unit}: {what} (cột {column}) {whole} ghi {stated} nhưng tổng của {contributors} {units} là {sum} ({listed}; xem trang «{detail}», dòng {code} {column}).{turned}{partial} Hãy đối chiếu số liệu với các {units}."),
                Lang::En => format!("{unit}: {what} (column {column}) states {stated} for {whole} but its {contributors} {units} add up to {sum} ({listed}; see sheet «{detail}», row {code} {column}).{turned}{partial} Reconcile the figures with the {units}."),
            }
        }
        Checked::TotalBelowKnown {
            unit,
            what,
            code,
            column,
            level,
            stated: v,
            known: k,
            unknown,
            turned,
            omitted,
        } => {
            let (whole, units) = (level.whole(lang), level.units(lang));
            let turned = turned_words(turned, None, lang);
            let todo = match (omitted, lang) {
                (Some((ward, x, rest)), Lang::Vi) => format!("Phần vượt là do {unit} không tính {ward}, như ở các số khác của {unit} (xem lỗi «không tính {ward}»): trừ số của {ward} ({x}), các {units} đã biết còn {rest}, không vượt số {whole}. Hãy đề nghị {unit} cộng thêm số của {ward}."),
                (Some((ward, x, rest)), Lang::En) => format!("The excess is {ward}, which {unit}'s totals leave out, as in its other figures (see the error saying so): less {ward}'s figure ({x}), the known {units} add up to {rest}, not above the figure for {whole}. Ask {unit} to add {ward}'s figure."),
                (None, Lang::Vi) => format!("Số {whole} không thể nhỏ hơn tổng các {units}; hãy đối chiếu với các {units}."),
                (None, Lang::En) => format!("The figure for {whole} cannot be below the sum of its {units}; reconcile it with them."),
            };
            match lang {
                Lang::Vi => format!("{unit}: {what} (cột {column}) {whole} ghi {v} nhưng riêng các {units} đã có số liệu cộng lại đã là {k}, lớn hơn số {whole} (chưa kể {unknown}, chưa có số liệu dùng được: không có, không phải là số, hoặc đang có lỗi; xem trang «{detail}», dòng {code} {column}).{turned} {todo}"),
                Lang::En => format!("{unit}: {what} (column {column}) states {v} for {whole} but the {units} whose figures are known already add up to {k}, more than that (not counting {unknown}, whose figures are unknown, not numbers or in error; see sheet «{detail}», row {code} {column}).{turned} {todo}"),
            }
        }
        Checked::TotalsCountMissing {
            unit,
            count,
            codes,
            columns,
            level,
            missing,
            explained,
        } => {
            let (whole, units) = (level.whole(lang), level.units(lang));
            match lang {
                Lang::Vi if *explained => format!("{unit}: {count} số {whole} ({codes}; cột {columns}) lớn hơn tổng của các {units} đã báo cáo, vì nhiều khả năng {unit} đã tính cả {missing}, mà số liệu chưa có trong bản tổng hợp này (chưa gửi báo cáo, hoặc báo cáo chưa dùng được). Chưa đối chiếu được các số này, {unit} chưa phải sửa gì; khi đủ báo cáo, hãy chạy lại (xem trang «{detail}»)."),
                Lang::En if *explained => format!("{unit}: {count} of its figures for {whole} ({codes}; columns {columns}) exceed the sum of the {units} that reported, as it probably counts {missing}, whose figures are not in this consolidation (no report sent, or the report could not be used). They are not compared yet and {unit} has nothing to fix; run again once every report is in (see sheet «{detail}»)."),
                Lang::Vi => format!("{unit}: {count} số {whole} ({codes}; cột {columns}) lớn hơn tổng của các {units} đã báo cáo; {unit} có thể đã tính cả {missing}, nhưng số đã biết của các {units} này (tệp không được tổng hợp, hoặc lũy kế quý trước) không bù đúng phần chênh lệch. Hãy đối chiếu các số này với {unit} (xem trang «{detail}»)."),
                Lang::En => format!("{unit}: {count} of its figures for {whole} ({codes}; columns {columns}) exceed the sum of the {units} that reported; it may count {missing}, but what is known of their figures (a file set aside, or the previous quarter's cumulative figure) does not make up the difference. Reconcile these figures with {unit} (see sheet «{detail}»)."),
            }
        }
        Checked::TotalPartial {
            unit,
            what,
            code,
            column,
            level,
            stated,
            sum,
            count,
            named,
            diff,
        } => {
            let (whole, units) = (level.whole(lang), level.units(lang));
            match (named, lang) {
                (Some((names, others, rest)), Lang::Vi) => format!("{unit}: {what} (cột {column}) {whole} ghi {stated}, theo ghi chú của {unit} là số chưa đủ, chưa gồm {names}: số này đúng bằng tổng của {others} {units} còn lại ({rest}). Số {whole} trong bản tổng hợp là tổng của cả {count} {units} ({sum}; xem trang «{detail}», dòng {code} {column}), nên không thiếu phần đó; {unit} chưa phải sửa gì cho bản tổng hợp này."),
                (Some((names, others, rest)), Lang::En) => format!("{unit}: {what} (column {column}) states {stated} for {whole}, which its note marks partial, leaving out {names}: it equals the sum of the other {others} {units} ({rest}). The consolidated figure for {whole} is the sum of all {count} {units} ({sum}; see sheet «{detail}», row {code} {column}), so it lacks nothing; {unit} has nothing to fix for this consolidation."),
                (None, Lang::Vi) => format!("{unit}: {what} (cột {column}) {whole} ghi {stated}, theo ghi chú của {unit} là số chưa đủ, nhưng số này khác tổng của {count} {units} ({sum}) {diff}, và không khớp với tổng các {units} trừ những {units} mà ghi chú nói là chưa gồm. Số {whole} trong bản tổng hợp lấy tổng của các {units} ({sum}; xem trang «{detail}», dòng {code} {column}). Hãy đối chiếu số này với {unit}."),
                (None, Lang::En) => format!("{unit}: {what} (column {column}) states {stated} for {whole}, which its note marks partial, but it differs from the sum of the {count} {units} ({sum}) by {diff}, and does not match the sum of the {units} less those the note says it leaves out. The consolidated figure for {whole} takes the {units}' sum ({sum}; see sheet «{detail}», row {code} {column}). Reconcile this figure with {unit}."),
            }
        }
        Checked::TotalsOmitUnit {
            unit,
            omitted,
            count,
            codes,
            columns,
            level,
        } => {
            let (whole, units) = (level.whole(lang), level.units(lang));
            match lang {
                Lang::Vi => format!("Tổng {whole} của {unit} không tính {omitted}: ở {count} số ({codes}; cột {columns}), số của {unit} đúng bằng tổng các {units} trừ số của {omitted} (xem trang «{detail}»). Số {whole} phải gồm mọi {units} đã báo cáo: hãy đề nghị {unit} cộng thêm số của {omitted}; nếu {unit} bỏ {omitted} vì báo cáo đến muộn hoặc sai kỳ, hãy kiểm tra báo cáo và kỳ báo cáo của {omitted} trước khi trình ký."),
                Lang::En => format!("{unit}'s totals for {whole} leave out {omitted}: {count} of its figures ({codes}; columns {columns}) each equal the sum of the {units} less {omitted}'s figure (see sheet «{detail}»). The figure for {whole} must count all the {units} that reported: ask {unit} to add {omitted}'s figures; if it left {omitted} out because its report came late or is for another period, check that report and its period before sign-off."),
            }
        }
        Checked::TotalUnitSlip {
            unit,
            dept,
            what,
            code,
            column,
            level,
            stated,
            right,
            times,
            larger,
            dept_stated,
        } => {
            let (whole, units) = (level.whole(lang), level.units(lang));
            let off = match (larger, lang) {
                (true, Lang::Vi) => format!("lớn gấp {times} lần"),
                (false, Lang::Vi) => format!("nhỏ đi {times} lần"),
                (true, Lang::En) => format!("{times} times too large"),
                (false, Lang::En) => format!("{times} times too small"),
            };
            match lang {
                Lang::Vi => format!("{unit}: {what} (cột {column}) ghi {stated}, nhưng số {whole} của {dept} ({dept_stated}) đúng bằng tổng các {units} khi số này là {right}: có lẽ số {stated} bị gõ {off}. Phải là {right}: hãy kiểm tra và sửa thành {right}; số {stated} đang được cộng vào tổng hợp (xem trang «{detail}», dòng {code} {column})."),
                Lang::En => format!("{unit}: {what} (column {column}) is {stated}, but {dept}'s figure for {whole} ({dept_stated}) equals the sum of the {units} with this figure as {right}: {stated} was probably typed {off}. It should be {right}: check it and correct it; {stated} is what the consolidation adds up (see sheet «{detail}», row {code} {column})."),
            }
        }
        Checked::TotalUnchecked {
            unit,
            count,
            codes,
            column,
            level,
            units: wards,
            silent,
        } => {
            let units = level.units(lang);
            let n = lang.count(*count, ("chỉ tiêu", "indicator", "indicators"));
            let were = if *count == 1 { "was" } else { "were" };
            let also = match (silent.is_empty(), lang) {
                (true, _) => String::new(),
                (false, Lang::Vi) => format!("; tổng cũng chưa gồm số của {silent}, chưa có báo cáo được tổng hợp (chưa gửi, hoặc tệp không được tổng hợp)"),
                (false, Lang::En) => format!("; the sum also lacks {silent}, with no report in the consolidation (none sent, or its file set aside)"),
            };
            match lang {
                Lang::Vi => format!("{unit}: chưa đối chiếu được {n} ở cột {column} ({codes}) với tổng các {units}, vì số liệu cột {column} của {wards} chưa dùng để đối chiếu được (không có cột này, ô trống, không phải là số, hoặc đang bị nghi sai, cần kiểm tra trước){also}. Khi đủ số liệu, hãy chạy lại để đối chiếu."),
                Lang::En => format!("{unit}: {n} in column {column} ({codes}) {were} not compared with the sum of the {units}, because the {column} figure of {wards} cannot be used for the comparison yet (no such column, an empty cell, not a number, or a figure in doubt to be checked first){also}. Run again once they are complete."),
            }
        }
        Checked::TotalUncomputed {
            column,
            count,
            codes,
            needs,
            level,
            units: which,
            crossed,
        } => {
            let (whole, units) = (level.whole(lang), level.units(lang));
            let summary = Sheet::Summary.name(lang);
            let n = lang.count(*count, ("chỉ tiêu", "indicator", "indicators"));
            let (empty_vi, empty_en) = match crossed {
                true => (
                    "thiếu cột, để trống ô hoặc ghi «x»",
                    "a column or a cell left out, or «x» written",
                ),
                false => ("thiếu cột hoặc để trống ô", "a column or a cell left out"),
            };
            match (needs, lang) {
                (Some(needs), Lang::Vi) => format!("«{summary}»: không tính {column} {whole} của {n} ({codes}), vì {which} chỉ có một trong hai số liệu {needs} ({empty_vi}): tính từ các tổng sẽ lấy hai nhóm {units} khác nhau, không phải {column} của {whole}. Ô để trống; khi các {units} này bổ sung số liệu, hãy chạy lại."),
                (Some(needs), Lang::En) => format!("«{summary}»: {column} for {whole} of {n} ({codes}) not computed, because {which} gave only one of {needs} ({empty_en}): from the totals it would divide two different sets of {units}, not {whole}'s {column}. The cell is left empty; run again once these {units} have sent the missing figures."),
                (None, Lang::Vi) => format!("«{summary}»: không tính tỷ lệ {whole} ở cột {column} của {n} ({codes}), vì {which} chỉ có một phần các số liệu của công thức{}: tính từ các tổng sẽ lấy các nhóm {units} khác nhau. Ô để trống; khi các {units} này bổ sung số liệu, hãy chạy lại.", if *crossed { " (để trống ô hoặc ghi «x»)" } else { "" }),
                (None, Lang::En) => format!("«{summary}»: the rate for {whole} in column {column} of {n} ({codes}) not computed, because {which} gave only part of the figures of its formula{}: from the totals it would mix different sets of {units}. The cell is left empty; run again once these {units} have sent the missing figures.", if *crossed { " (a cell left out or «x» written)" } else { "" }),
            }
        }
        Checked::TotalUnreported {
            count,
            codes,
            reporters,
            in_registry,
        } => {
            let summary = Sheet::Summary.name(lang);
            let n = lang.count(*count, ("chỉ tiêu", "indicator", "indicators"));
            match (in_registry, lang) {
                (false, Lang::Vi) => format!("«{summary}»: {n} ({codes}) để trống cả dòng, vì các chỉ tiêu này do {reporters} báo cáo mà danh sách đơn vị (agencies.csv) không có đơn vị nào như vậy: thiếu số liệu, không phải bằng 0. Hãy bổ sung đơn vị báo cáo vào danh sách (hoặc bỏ các chỉ tiêu này khỏi danh mục) rồi chạy lại; bảng tổng hợp ghi rõ điều này ở cuối bảng."),
                (false, Lang::En) => format!("«{summary}»: {n} ({codes}) left empty on the whole row, because they are reported by {reporters} and the registry (agencies.csv) has no such unit: the figures are missing, not zero. Add the reporting units to the registry (or drop these indicators from the catalog) and run again; the summary says so under its table."),
                (true, Lang::Vi) => format!("«{summary}»: {n} ({codes}) để trống cả dòng, vì chưa có báo cáo của {reporters} (đơn vị báo cáo các chỉ tiêu này) được tổng hợp: thiếu số liệu, không phải bằng 0. Khi có báo cáo, hãy chạy lại; bảng tổng hợp ghi rõ điều này ở cuối bảng."),
                (true, Lang::En) => format!("«{summary}»: {n} ({codes}) left empty on the whole row, because no report of {reporters} (who report them) was consolidated: the figures are missing, not zero. Run again once it is in; the summary says so under its table."),
            }
        }
        Checked::TotalLevelNotInRegistry {
            count,
            codes,
            reporters,
            wards,
            level,
        } => {
            let summary = Sheet::Summary.name(lang);
            let units = level.units(lang);
            let n = lang.count(*count, ("chỉ tiêu", "indicator", "indicators"));
            match (wards, lang) {
                (false, Lang::Vi) => format!("«{summary}»: {n} ({codes}) để trống cả dòng, vì đây là chỉ tiêu do phòng ban báo cáo ({reporters}) mà danh sách đơn vị (agencies.csv) không có phòng ban nào, chỉ có các {units}: do cách cấu hình danh sách, không phải đơn vị nào chưa nộp báo cáo; các số này không có trong tổng hợp (thiếu, không phải bằng 0) và bảng tổng hợp ghi rõ điều này ở cuối bảng. Không cần làm gì; nếu cần tổng hợp các chỉ tiêu này, hãy bổ sung phòng ban vào danh sách."),
                (false, Lang::En) => format!("«{summary}»: {n} ({codes}) left empty on the whole row, because departments report them ({reporters}) and the registry (agencies.csv) has no department at all, only {units}: this is how the registry is set up, not a report that is missing; these figures are not in the consolidation (missing, not zero) and the summary says so under its table. Nothing to do; to consolidate them, add the departments to the registry."),
                (true, Lang::Vi) => format!("«{summary}»: {n} ({codes}) để trống cả dòng, vì đây là chỉ tiêu do các {units} báo cáo mà danh sách đơn vị (agencies.csv) không có {units} nào: do cách cấu hình danh sách, không phải đơn vị nào chưa nộp báo cáo; các số này không có trong tổng hợp (thiếu, không phải bằng 0) và bảng tổng hợp ghi rõ điều này ở cuối bảng. Không cần làm gì; nếu cần tổng hợp các chỉ tiêu này, hãy bổ sung các {units} vào danh sách."),
                (true, Lang::En) => format!("«{summary}»: {n} ({codes}) left empty on the whole row, because the {units} report them and the registry (agencies.csv) has none: this is how the registry is set up, not a report that is missing; these figures are not in the consolidation (missing, not zero) and the summary says so under its table. Nothing to do; to consolidate them, add the {units} to the registry."),
            }
        }
        Checked::TotalWithoutColumn {
            column,
            count,
            codes,
            level,
            units: which,
        } => {
            let (whole, units) = (level.whole(lang), level.units(lang));
            let summary = Sheet::Summary.name(lang);
            let detail = Sheet::Detail.name(lang);
            let n = lang.count(*count, ("chỉ tiêu", "indicator", "indicators"));
            match lang {
                Lang::Vi => format!("«{summary}»: không cộng cột {column} {whole} của {n} ({codes}), vì {which} báo các chỉ tiêu này nhưng không có số liệu cột {column}: tổng của các {units} còn lại không phải số của {whole}. Ô để trống (số của từng đơn vị vẫn ở trang «{detail}»); khi các {units} này bổ sung cột {column}, hãy chạy lại."),
                Lang::En => format!("«{summary}»: column {column} for {whole} of {n} ({codes}) not added up, because {which} reported these indicators but sent no {column} figures: the other {units}' sum is not {whole}'s figure. The cell is left empty (each unit's figure is on the sheet «{detail}»); run again once these {units} have sent column {column}."),
            }
        }
        Checked::TargetsDiffer {
            code,
            level,
            targets,
        } => {
            let (whole, units) = (level.whole(lang), level.units(lang));
            let summary = Sheet::Summary.name(lang);
            match lang {
                Lang::Vi => format!("«{summary}»: cột KH và %KH {whole} của {code} để trống, vì các {units} ghi chỉ tiêu kế hoạch khác nhau ({targets}): không có một chỉ tiêu chung nào để ghi. Nếu {whole} có chỉ tiêu được giao, hãy ghi vào bảng tổng hợp trước khi trình ký."),
                Lang::En => format!("«{summary}»: columns KH and %KH for {whole} of {code} left empty, because the {units} typed different targets ({targets}): there is no one target to show. If {whole} was set a target, write it in the summary before signing."),
            }
        }
        _ => String::new(),
    }
}

fn pct_off(
    unit: &str,
    what: &str,
    percent: &Percent,
    s: &str,
    e: &str,
    unrounded: Option<&str>,
    lang: Lang,
) -> String {
    match (percent, unrounded, lang) {
        (Percent::RateOperandCopied { column, shown, unit: u, operand, value, above, likely, counted }, _, Lang::Vi) => format!("{unit}: {what} (cột {column}) ghi {s}{u} nhưng {shown} = {e}{u}: tỷ lệ hoặc một số liệu của nó sai. {operand} {value} bằng đúng số của dòng trên ({above}): có thể chép nhầm; tỷ lệ {s}{u} ứng với khoảng {likely} {counted} ({operand}), gần với tỷ lệ cùng kỳ của đơn vị. Hãy kiểm tra lại {operand} trước khi sửa tỷ lệ."),
        (Percent::RateOperandCopied { column, shown, unit: u, operand, value, above, likely, counted }, _, Lang::En) => format!("{unit}: {what} (column {column}) says {s}{u} but {shown} = {e}{u}: the rate or one of its figures is wrong. {operand} {value} is exactly the figure of the row above ({above}): copied by mistake, it seems; a rate of {s}{u} means about {likely} {counted} ({operand}), close to the unit's own rate last year. Check {operand} before changing the rate."),
        (Percent::Rate { column, shown, unit: u, .. }, Some(x), Lang::Vi) => format!("{unit}: {what} (cột {column}) ghi {s}{u} trong khi {shown} = {x}{u}; làm tròn đúng là {e}{u}. Chỉ lệch do làm tròn; hãy sửa thành {e}."),
        (Percent::Rate { column, shown, unit: u, .. }, Some(x), Lang::En) => format!("{unit}: {what} (column {column}) says {s}{u} while {shown} = {x}{u}, which rounds to {e}{u}. Off by rounding only; write {e}."),
        (Percent::Rate { column, shown, unit: u, power_off, .. }, None, _) if *power_off != 0 => {
            let n = crate::number::format_num(10f64.powi(power_off.abs()), 0, lang);
            match (*power_off > 0, lang) {
                (true, Lang::Vi) => format!("{unit}: {what} (cột {column}) ghi {s}{u} nhưng {shown} = {e}{u}: gấp {n} lần số đúng, có lẽ đã tính theo đơn vị khác (phần trăm, phần nghìn, trên 1.000 hay trên vạn dân) hoặc đặt sai dấu phẩy. Hãy tính lại từ các số liệu theo đơn vị của danh mục."),
                (false, Lang::Vi) => format!("{unit}: {what} (cột {column}) ghi {s}{u} nhưng {shown} = {e}{u}: chỉ bằng 1/{n} số đúng, có lẽ đã tính theo đơn vị khác (phần trăm, phần nghìn, trên 1.000 hay trên vạn dân) hoặc đặt sai dấu phẩy. Hãy tính lại từ các số liệu theo đơn vị của danh mục."),
                (true, Lang::En) => format!("{unit}: {what} (column {column}) says {s}{u} but {shown} = {e}{u}: {n} times the right figure, probably computed in another unit (percent, per mille, per 1,000 or per 10,000 people) or with the decimal mark misplaced. Recompute it from the figures in the catalog's unit."),
                (false, Lang::En) => format!("{unit}: {what} (column {column}) says {s}{u} but {shown} = {e}{u}: 1/{n} of the right figure, probably computed in another unit (percent, per mille, per 1,000 or per 10,000 people) or with the decimal mark misplaced. Recompute it from the figures in the catalog's unit."),
            }
        }
        (Percent::Rate { column, shown, unit: u, of_area: true, .. }, None, Lang::Vi) => format!("{unit}: {what} (cột {column}) ghi {s}{u} nhưng {shown} = {e}{u}. Hãy tính lại {} từ các số liệu (không lấy trung bình, không gõ tay).", if *u == "%" { "tỷ lệ" } else { "chỉ số" }),
        (Percent::Rate { column, shown, unit: u, of_area: false, .. }, None, Lang::Vi) => format!("{unit}: {what} (cột {column}) ghi {s}{u} nhưng {shown} = {e}{u}. Hãy tính lại {} từ các số liệu này.", if *u == "%" { "tỷ lệ" } else { "chỉ số" }),
        (Percent::Rate { column, shown, unit: u, of_area: true, .. }, None, Lang::En) => format!("{unit}: {what} (column {column}) says {s}{u} but {shown} = {e}{u}. Recompute it from the figures (not as a mean of the units' rates, not by hand)."),
        (Percent::Rate { column, shown, unit: u, of_area: false, .. }, None, Lang::En) => format!("{unit}: {what} (column {column}) says {s}{u} but {shown} = {e}{u}. Recompute it from these figures."),
        (Percent::OfPlan { lk: l, kh: k }, Some(x), Lang::Vi) => format!("{unit}: {what}: % so với kế hoạch ghi {s}% trong khi lũy kế {l} / kế hoạch {k} × 100 = {x}%; làm tròn đúng là {e}%. Chỉ lệch do làm tròn; hãy sửa thành {e}."),
        (Percent::OfPlan { lk: l, kh: k }, Some(x), Lang::En) => format!("{unit}: {what}: % of plan says {s}% while cumulative {l} / plan {k} × 100 = {x}%, which rounds to {e}%. Off by rounding only; write {e}."),
        (Percent::OfPlan { lk: l, kh: k }, None, Lang::Vi) => format!("{unit}: {what}: % so với kế hoạch ghi {s}% nhưng lũy kế {l} / kế hoạch {k} × 100 = {e}%. Hãy sửa thành {e} (hoặc sửa lũy kế, kế hoạch nếu chúng sai)."),
        (Percent::OfPlan { lk: l, kh: k }, None, Lang::En) => format!("{unit}: {what}: % of plan says {s}% but cumulative {l} / plan {k} × 100 = {e}%. Write {e} (or correct LK or KH if they are wrong)."),
        (Percent::RateChange { column, formula, points, per }, _, Lang::Vi) => {
            let words = if *column == ValueColumn::PctKh { "% so với kế hoạch" } else { "% so với cùng kỳ" };
            let by = per.words(lang);
            format!("{unit}: {what}: {words} ghi {s} nhưng {formula} = {e}%, và cũng không phải mức chênh lệch {by} ({points}). Hãy sửa thành {e} (hoặc ghi mức chênh lệch {by} nếu đó là cách báo cáo của đơn vị).")
        }
        (Percent::RateChange { column, formula, points, per }, _, Lang::En) => {
            let words = if *column == ValueColumn::PctKh { "% of plan" } else { "% against last year" };
            let by = per.words(lang);
            format!("{unit}: {what}: {words} says {s} but {formula} = {e}%, nor is it the difference {by} ({points}). Write {e} (or the difference {by}, if that is how the unit reports).")
        }
        (Percent::AgainstLastYear { formula }, Some(x), Lang::Vi) => format!("{unit}: {what}: % so với cùng kỳ ghi {s}% trong khi {formula} = {x}%; làm tròn đúng là {e}%. Chỉ lệch do làm tròn; hãy sửa thành {e}."),
        (Percent::AgainstLastYear { formula }, Some(x), Lang::En) => format!("{unit}: {what}: % against last year says {s}% while {formula} = {x}%, which rounds to {e}%. Off by rounding only; write {e}."),
        // The reminder that a fall is written negative only where the
        // right figure is one: "write 14,29 (a fall is negative)" misleads.
        (Percent::AgainstLastYear { formula }, None, Lang::Vi) if e.starts_with('-') => format!("{unit}: {what}: % so với cùng kỳ ghi {s}% nhưng {formula} = {e}%. Hãy sửa thành {e} (một mức giảm ghi số âm)."),
        (Percent::AgainstLastYear { formula }, None, Lang::En) if e.starts_with('-') => format!("{unit}: {what}: % against last year says {s}% but {formula} = {e}%. Write {e} (a fall is negative)."),
        (Percent::AgainstLastYear { formula }, None, Lang::Vi) => format!("{unit}: {what}: % so với cùng kỳ ghi {s}% nhưng {formula} = {e}%. Hãy sửa thành {e}."),
        (Percent::AgainstLastYear { formula }, None, Lang::En) => format!("{unit}: {what}: % against last year says {s}% but {formula} = {e}%. Write {e}."),
    }
}

fn pct_other(c: &Checked, lang: Lang) -> String {
    match c {
        Checked::PctKind {
            unit,
            what,
            stated: s,
            wants_growth,
            formula,
            right: e,
        } => match (wants_growth, lang) {
            (true, Lang::Vi) => format!("{unit}: {what}: cột %CK ghi {s}, là tỷ lệ lũy kế / cùng kỳ × 100, nhưng mẫu biểu ghi mức tăng, giảm so với cùng kỳ: {formula} = {e}. Hãy ghi {e}."),
            (true, Lang::En) => format!("{unit}: {what}: %CK says {s}, the ratio cumulative / last year × 100, but the template wants the growth: {formula} = {e}. Write {e}."),
            (false, Lang::Vi) => format!("{unit}: {what}: cột %CK ghi {s}, là mức tăng, giảm so với cùng kỳ, nhưng mẫu biểu ghi tỷ lệ lũy kế / cùng kỳ × 100: {formula} = {e}. Hãy ghi {e}."),
            (false, Lang::En) => format!("{unit}: {what}: %CK says {s}, the growth, but the template wants the ratio cumulative / last year × 100: {formula} = {e}. Write {e}."),
        },
        Checked::PctConverted {
            unit,
            words,
            growth,
            count,
            stated: s,
            converted: e,
        } => {
            let (pre, post) = match lang {
                Lang::Vi => (String::new(), format!(" («{words}»)")),
                Lang::En => (String::new(), format!(" (\"{words}\")")),
            };
            read_other_way(unit, (&pre, &post), *growth, *count, (s, e), lang)
        }
        Checked::PctReadByFigures {
            unit,
            column,
            words,
            growth,
            count,
            stated: s,
            converted: e,
        } => {
            let (pre, post) = match lang {
                Lang::Vi => (
                    format!(" (cột {column}, «{words}»)"),
                    " ở mọi số khớp với một cách ghi".to_string(),
                ),
                Lang::En => (
                    format!(" (column {column}, \"{words}\")"),
                    " in every figure that fits either way,".to_string(),
                ),
            };
            read_other_way(unit, (&pre, &post), *growth, *count, (s, e), lang)
        }
        Checked::RateAveraged {
            unit,
            what,
            column,
            level,
            stated: s,
            units: nd,
            mean,
            numerator,
            num,
            denominator,
            den,
            right: e,
        } => {
            let (whole, units) = (level.whole(lang), level.units(lang));
            match lang {
                Lang::Vi => format!("{unit}: {what} (cột {column}) {whole} ghi {s}%, bằng trung bình cộng tỷ lệ của {nd} {units} ({mean}%), nhưng tỷ lệ phải tính từ tổng số: {numerator} {num} / {denominator} {den} × 100 = {e}%. Không lấy trung bình các tỷ lệ; hãy sửa thành {e}."),
                Lang::En => format!("{unit}: {what} (column {column}) states {s}% for {whole}, the plain mean of {nd} {units}' rates ({mean}%), but the rate comes from the totals: {numerator} {num} / {denominator} {den} × 100 = {e}%. Never average rates; write {e}."),
            }
        }
        Checked::RateTotalOff {
            unit,
            what,
            column,
            level,
            stated: s,
            sign: u,
            units: nd,
            formula,
            right: e,
            how,
        } => {
            let (whole, units) = (level.whole(lang), level.units(lang));
            let head = match lang {
                Lang::Vi => format!("{unit}: {what} (cột {column}) {whole} ghi {s}{u}, nhưng tính lại từ tổng số liệu của {nd} {units} ({formula}) là {e}{u}"),
                Lang::En => format!("{unit}: {what} (column {column}) states {s}{u} for {whole}, but recomputed from the totals of {nd} {units} ({formula}) it is {e}{u}"),
            };
            let tail = match (how, lang) {
                (RateOff::Power(p), Lang::Vi) if *p < 0 => format!(", số ghi chỉ bằng 1/{} số đúng: có lẽ nhầm ‰ với % hoặc đặt sai dấu thập phân. Hãy sửa thành {e}.", power_words(*p, lang)),
                (RateOff::Power(p), Lang::Vi) => format!(", số ghi gấp {} lần số đúng: có lẽ nhầm đơn vị hoặc đặt sai dấu thập phân. Hãy sửa thành {e}.", power_words(*p, lang)),
                (RateOff::Power(p), Lang::En) if *p < 0 => format!("; the figure is 1/{} of the right one: per mille taken for percent, or a misplaced decimal mark. Write {e}.", power_words(*p, lang)),
                (RateOff::Power(p), Lang::En) => format!("; the figure is {} times the right one: a wrong unit or a misplaced decimal mark. Write {e}.", power_words(*p, lang)),
                (RateOff::Summed(sum), Lang::Vi) => format!(", số ghi bằng tổng tỷ lệ của các {units} ({sum}{u}). Không cộng các tỷ lệ; hãy sửa thành {e}."),
                (RateOff::Summed(sum), Lang::En) => format!("; the figure is the sum of the {units}' rates ({sum}{u}). Never add rates up; write {e}."),
                (RateOff::Clearly, Lang::Vi) => format!(": số ghi là một số khác hẳn. Hãy đề nghị {unit} tính lại tỷ lệ từ tổng số liệu (sửa thành {e}) trước khi trình ký."),
                (RateOff::Clearly, Lang::En) => format!(": the figure is another one altogether. Ask {unit} to recompute the rate from the totals (write {e}) before sign-off."),
                (RateOff::Moderately(off), Lang::Vi) => format!(", lệch {off}%: có thể {unit} tính từ số liệu khác với số của các {units}. Hãy kiểm tra với {unit} trước khi trình ký."),
                (RateOff::Moderately(off), Lang::En) => format!(", {off}% off: {unit} may have worked from other figures than the {units}'. Check with {unit} before sign-off."),
            };
            head + &tail
        }
        _ => String::new(),
    }
}

/// What a department's rate off the one recomputed from the totals
/// evidently is ([`Checked::RateTotalOff`]).
#[derive(Debug, Clone, Copy)]
pub enum RateOff<'a> {
    /// A power of ten off the right one (−1: ‰ written as %).
    Power(i32),
    /// The sum of the units' rates, given.
    Summed(&'a str),
    /// Another figure altogether: far off, no known slip.
    Clearly,
    /// Moderately off, by the given percent: perhaps other figures.
    Moderately(&'a str),
}

/// 10, 100, 1.000 for a power of ten of either sign.
fn power_words(p: i32, lang: Lang) -> String {
    crate::number::format_num(10f64.powi(p.abs()), 0, lang)
}

/// The one `pct-kind` note of a %CK column read in the other convention
/// than the template's (`growth`: the column holds the growth), whether
/// its words or its figures said so: `pre` and `post` are what names the
/// column and how it was told, around what it writes.
fn read_other_way(
    unit: &str,
    (pre, post): (&str, &str),
    growth: bool,
    count: usize,
    (s, e): (&str, &str),
    lang: Lang,
) -> String {
    match (growth, lang) {
        (false, Lang::Vi) => format!("{unit}: cột %CK{pre} ghi tỷ lệ lũy kế / cùng kỳ × 100{post}, còn mẫu biểu ghi mức tăng, giảm so với cùng kỳ: {count} số của cột được đọc là tỷ lệ (trừ 100 là mức tăng, giảm: {s} là {e}) và kiểm tra như vậy. Lần sau hãy ghi mức tăng, giảm theo mẫu biểu."),
        (false, Lang::En) => format!("{unit}: the %CK column{pre} writes the ratio cumulative / last year × 100{post} where the template wants the growth over last year: its {count} figures were read as the ratio (minus 100 is the growth: {s} is {e}) and checked so. Write the growth, as the template does, next time."),
        (true, Lang::Vi) => format!("{unit}: cột %CK{pre} ghi mức tăng, giảm so với cùng kỳ{post}, còn mẫu biểu ghi tỷ lệ lũy kế / cùng kỳ × 100: {count} số của cột được đọc là mức tăng, giảm (cộng 100 là tỷ lệ: {s} là {e}) và kiểm tra như vậy. Lần sau hãy ghi tỷ lệ theo mẫu biểu."),
        (true, Lang::En) => format!("{unit}: the %CK column{pre} writes the growth over last year{post} where the template wants the ratio cumulative / last year × 100: its {count} figures were read as the growth (plus 100 is the ratio: {s} is {e}) and checked so. Write the ratio, as the template does, next time."),
    }
}

/// A first quarter's TH or LK a power of ten off the other.
fn th_above_lk(c: &Checked, lang: Lang) -> String {
    let Checked::ThAboveLk {
        unit,
        what,
        th,
        lk,
        right,
        factor,
        pct_kh,
        pct_ck,
        ck,
        breaks,
    } = c
    else {
        return String::new();
    };
    let backing = |words: [&str; 3]| {
        [*pct_kh, *pct_ck, *ck]
            .iter()
            .zip(words)
            .filter(|(on, _)| **on)
            .map(|(_, w)| w)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match lang {
        Lang::Vi => {
            let backing = backing([
                "% so với kế hoạch đã ghi",
                "% so với cùng kỳ đã ghi",
                "số cùng kỳ",
            ]);
            let breaks = breaks
                .map(|b| {
                    format!(
                        " Số TH này cũng làm sai điều kiện {b}; với {right} thì điều kiện đúng."
                    )
                })
                .unwrap_or_default();
            format!("{unit}: {what}: TH {th} lớn hơn cả lũy kế từ đầu năm {lk}, vốn đã gồm quý này; chia cho {factor} thì được {right}, vừa với lũy kế, và {backing} khớp với lũy kế {lk}: có lẽ TH gõ thừa chữ số hoặc ghi theo đơn vị nhỏ hơn (×{factor}).{breaks} Hãy sửa TH thành {right}.")
        }
        Lang::En => {
            let backing = backing([
                "the stated % of plan",
                "the stated % of last year",
                "last year's figure",
            ]);
            let breaks = breaks
                .map(|b| format!(" This TH also breaks {b}, which holds with {right}."))
                .unwrap_or_default();
            format!("{unit}: {what}: TH {th} is above the cumulative figure {lk}, which includes this quarter; divided by {factor} it is {right}, which fits under it, and the cumulative {lk} is borne out by {backing}: the TH probably has digits too many or is in a smaller unit (×{factor}).{breaks} Correct the TH to {right}.")
        }
    }
}

fn scaled(c: &Checked, lang: Lang) -> String {
    let Checked::FirstQuarterScaled {
        unit,
        what,
        wrong,
        stated,
        right,
        factor,
        larger,
        pct_kh,
        pct_ck,
        ck,
    } = c
    else {
        return String::new();
    };
    let other = match wrong {
        ValueColumn::Th => ValueColumn::Lk,
        _ => ValueColumn::Th,
    };
    let backing = |words: [&str; 3]| {
        [*pct_kh, *pct_ck, *ck]
            .iter()
            .zip(words)
            .filter(|(on, _)| **on)
            .map(|(_, w)| w)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match lang {
        Lang::Vi => {
            let how = if *larger {
                format!("gấp {factor} lần")
            } else {
                format!("chỉ bằng 1/{factor}")
            };
            let slip = if *larger { "thừa" } else { "thiếu" };
            let backing = backing([
                "% so với kế hoạch đã ghi",
                "% so với cùng kỳ đã ghi",
                "số cùng kỳ",
            ]);
            format!("{unit}: {what}: {wrong} {stated} {how} {other} {right}, trong khi quý I thì TH và LK phải bằng nhau (lũy kế từ đầu năm là chính quý I); {backing} khớp với {right}: có lẽ {wrong} gõ {slip} chữ số (×{factor}). Hãy sửa {wrong} thành {right}.")
        }
        Lang::En => {
            let how = if *larger {
                format!("{factor} times")
            } else {
                format!("1/{factor} of")
            };
            let slip = if *larger { "too many" } else { "too few" };
            let backing = backing([
                "its stated % of plan",
                "its stated % against last year",
                "its same period last year",
            ]);
            format!("{unit}: {what}: {wrong} {stated} is {how} {other} {right}, although TH and LK must be equal in the first quarter (the cumulative figure is the quarter itself); {backing} fit {right}: the {wrong} was probably typed with {slip} digits (×{factor}). Correct {wrong} to {right}.")
        }
    }
}

fn cumulative(c: &Checked, lang: Lang) -> String {
    match (c, lang) {
        (Checked::FirstQuarter { unit, what, th: e, lk: a }, Lang::Vi) => format!("{unit}: {what}: TH {e} và LK {a} phải bằng nhau trong quý I (lũy kế từ đầu năm là chính quý I); một trong hai số sai. Hãy kiểm tra cả hai cột."),
        (Checked::FirstQuarter { unit, what, th: e, lk: a }, Lang::En) => format!("{unit}: {what}: TH {e} and LK {a} must be equal in the first quarter (the cumulative figure is the quarter itself); one of them is wrong. Check both columns."),
        (Checked::FirstQuarterPartsAgree { unit, what, th: e, lk: a, parts }, Lang::Vi) => format!("{unit}: {what}: LK {a} phải bằng TH {e} trong quý I (lũy kế từ đầu năm là chính quý I), và các phần của chỉ tiêu cũng cộng lại bằng {e} ({parts}): số LK {a} sai. Hãy sửa LK thành {e}."),
        (Checked::FirstQuarterPartsAgree { unit, what, th: e, lk: a, parts }, Lang::En) => format!("{unit}: {what}: LK {a} must equal TH {e} in the first quarter (the cumulative figure is the quarter itself), and the indicator's parts add up to {e} too ({parts}): the LK {a} is wrong. Correct the LK to {e}."),
        (Checked::AfterPrevious { unit, what, last, previous, th, want, lk, disputed: false }, Lang::Vi) => format!("{unit}: {what}: lũy kế phải bằng lũy kế {} cộng thực hiện quý này {th} = {want}, nhưng cột LK ghi {lk}; một trong các số này sai. Hãy kiểm tra lũy kế và thực hiện quý.", last.map_or(format!("quý trước {previous}"), |p| format!("{p} ({previous})"))),
        (Checked::AfterPrevious { unit, what, last, previous, th, want, lk, disputed: false }, Lang::En) => format!("{unit}: {what}: the cumulative figure must be {} plus this quarter's {th} = {want}, but LK says {lk}; one of these figures is wrong. Check LK and the quarter's figure.", last.map_or(format!("last quarter's {previous}"), |p| format!("the cumulative figure of {p} ({previous})"))),
        (Checked::AfterPrevious { unit, what, last, previous, th, want, lk, disputed: true }, Lang::Vi) => format!("{unit}: {what}: lũy kế {} cộng thực hiện quý này {th} = {want}, nhưng cột LK ghi {lk}. Lũy kế quý trước {previous} đã bị báo lỗi ở lần tổng hợp trước: nếu đơn vị đã sửa lại lũy kế cho đúng thì số quý này có thể đúng. Hãy hỏi lại đơn vị lũy kế đúng của quý trước.", last.map_or(format!("quý trước {previous}"), |p| format!("{p} ({previous})"))),
        (Checked::AfterPrevious { unit, what, last, previous, th, want, lk, disputed: true }, Lang::En) => format!("{unit}: {what}: {} plus this quarter's {th} = {want}, but LK says {lk}. Last quarter's {previous} was found in error by the previous consolidation: if the unit has corrected its cumulative figure since, this quarter's may be right. Ask the unit for last quarter's right figure.", last.map_or(format!("last quarter's cumulative figure {previous}"), |p| format!("the cumulative figure of {p} ({previous})"))),
        (Checked::BelowQuarter { unit, what, th, lk }, Lang::Vi) => format!("{unit}: {what}: lũy kế từ đầu năm {lk} nhỏ hơn thực hiện quý này {th}, nhưng lũy kế đã gồm cả quý này; một trong hai số sai. Hãy kiểm tra cả hai cột."),
        (Checked::BelowQuarter { unit, what, th, lk }, Lang::En) => format!("{unit}: {what}: the cumulative figure {lk} is below this quarter's {th}, although it includes this quarter; one of them is wrong. Check both columns."),
        (Checked::ColumnsSwapped { unit, th, th_words, lk, lk_words, below, flows, previous }, Lang::Vi) => {
            let fit = previous.map(|n| format!(" Đọc đổi chỗ hai cột thì {n} chỉ tiêu khớp với lũy kế quý trước cộng thực hiện quý này.")).unwrap_or_default();
            format!("{unit}: hai cột thực hiện quý và lũy kế có vẻ bị ghi đổi chỗ: ở {below} trong {flows} chỉ tiêu cộng dồn, số ở cột lũy kế (ô {lk} «{lk_words}») nhỏ hơn số ở cột thực hiện quý (ô {th} «{th_words}»), trong khi lũy kế từ đầu năm đã gồm cả quý này.{fit} Hãy chuyển số cho đúng cột (hoặc sửa tiêu đề hai cột) rồi gửi lại; các tỷ lệ % đúng theo số đã ghi đổi chỗ không bị báo lỗi riêng, nhưng tổng hợp đang cộng số của hai cột như tiêu đề ghi.")
        }
        (Checked::ColumnsSwapped { unit, th, th_words, lk, lk_words, below, flows, previous }, Lang::En) => {
            let fit = previous.map(|n| format!(" Read the other way round, {n} of them add up with last quarter's cumulative figure plus this quarter's.")).unwrap_or_default();
            format!("{unit}: the quarter's and the cumulative columns look swapped: for {below} of {flows} flow indicators the cumulative column (cell {lk} \"{lk_words}\") is below the quarter's (cell {th} \"{th_words}\"), although the cumulative figure includes this quarter.{fit} Move the figures into the right columns (or correct the two headers) and send the file again; percents right from the swapped figures are not reported one by one, but the consolidation adds up the two columns as their headers say.")
        }
        (Checked::LkNotAccumulated { unit, th, th_words, lk, lk_words, same, below, flows, example, previous, th_figure, want, source }, Lang::Vi) => format!("{unit}: cột lũy kế (ô {lk} «{lk_words}») chưa cộng dồn: ghi bằng số thực hiện quý (ô {th} «{th_words}») ở {same} trong {flows} chỉ tiêu cộng dồn có lũy kế quý trước lớn hơn 0 (theo {source}), và ở {below} chỉ tiêu trong số đó thấp hơn cả lũy kế quý trước, điều không thể có với số từ đầu năm. Lũy kế phải là lũy kế quý trước cộng thực hiện quý (ví dụ {example}: {previous} + {th_figure} = {want}). Hãy sửa cột lũy kế rồi gửi lại; số thực hiện quý không bị nghi ngờ, các dòng này không bị báo lỗi riêng, các tổng, tỷ lệ tính từ cột lũy kế của đơn vị không đáng tin, nhưng tổng hợp đang cộng số ở cột này như đơn vị đã ghi."),
        (Checked::LkNotAccumulated { unit, th, th_words, lk, lk_words, same, below, flows, example, previous, th_figure, want, source }, Lang::En) => format!("{unit}: the cumulative column (cell {lk} «{lk_words}») was not accumulated: it repeats the quarter's figure (cell {th} «{th_words}») for {same} of {flows} flow indicators whose last quarter's cumulative figure is above 0 (from {source}), and for {below} of them it is below last quarter's cumulative figure, which a figure from January cannot be. The cumulative figure is last quarter's plus the quarter's (for {example}: {previous} + {th_figure} = {want}). Correct the cumulative column and send the file again; the quarter's figures are not in doubt, these rows are not reported one by one, totals and rates from the unit's cumulative column are not to be trusted, but the consolidation adds up that column as the unit wrote it."),
        (Checked::LkNotUpdated { unit, th, th_words, lk, lk_words, last, same, flows, example, previous, th_figure, want, source }, Lang::Vi) => format!("{unit}: cột lũy kế (ô {lk} «{lk_words}») vẫn ghi số lũy kế {last} (bằng số đã tổng hợp kỳ trước ở {same}/{flows} dòng chỉ tiêu cộng dồn có thực hiện kỳ này khác 0, theo {source}): chưa cập nhật. Lũy kế phải là lũy kế {last} cộng thực hiện (ô {th} «{th_words}»), ví dụ {example}: {previous} + {th_figure} = {want}. Hãy cập nhật cột lũy kế rồi gửi lại; số thực hiện không bị nghi ngờ, các dòng này không bị báo lỗi riêng, các tổng, tỷ lệ tính từ cột lũy kế của đơn vị không đáng tin, nhưng tổng hợp đang cộng số ở cột này như đơn vị đã ghi."),
        (Checked::LkNotUpdated { unit, th, th_words, lk, lk_words, last, same, flows, example, previous, th_figure, want, source }, Lang::En) => format!("{unit}: the cumulative column (cell {lk} «{lk_words}») still holds the cumulative figures of {last} (equal to the last consolidated figures on {same} of {flows} rows of flow indicators whose figure for this period is not 0, from {source}): it was not updated. The cumulative figure is that of {last} plus the period's (cell {th} «{th_words}»), for {example}: {previous} + {th_figure} = {want}. Update the cumulative column and send the file again; the period's figures are not in doubt, these rows are not reported one by one, totals and rates from the unit's cumulative column are not to be trusted, but the consolidation adds up that column as the unit wrote it."),
        (Checked::ThHoldsLk { unit, th, th_words, lk, lk_words, same, flows, example, previous, lk_figure, quarter, accumulated, source }, Lang::Vi) => format!("{unit}: cột thực hiện quý (ô {th} «{th_words}») và cột lũy kế (ô {lk} «{lk_words}») ghi cùng một số ở {same} trong {flows} chỉ tiêu cộng dồn có lũy kế quý trước lớn hơn 0 (theo {source}), nhưng lũy kế phải bằng lũy kế quý trước cộng thực hiện quý. Có hai khả năng: lũy kế chưa cộng dồn các quý trước (ví dụ {example}: lũy kế phải là {previous} + {lk_figure} = {accumulated}), hoặc cột thực hiện quý ghi số từ đầu năm (ví dụ {example}: thực hiện quý phải là {lk_figure} − {previous} = {quarter}). Hãy xem lại và sửa cột sai rồi gửi lại; các dòng này không bị báo lỗi riêng, các tổng, tỷ lệ tính từ hai cột này của đơn vị không đáng tin, nhưng tổng hợp đang cộng số như đơn vị đã ghi."),
        (Checked::ThHoldsLk { unit, th, th_words, lk, lk_words, same, flows, example, previous, lk_figure, quarter, accumulated, source }, Lang::En) => format!("{unit}: the quarter's column (cell {th} «{th_words}») and the cumulative column (cell {lk} «{lk_words}») state the same figure for {same} of {flows} flow indicators whose last quarter's cumulative figure is above 0 (from {source}), but the cumulative figure is last quarter's plus the quarter's. Either the cumulative column was not accumulated over the quarters before (for {example}: it should be {previous} + {lk_figure} = {accumulated}), or the quarter's column holds the figures from January (for {example}: the quarter's should be {lk_figure} − {previous} = {quarter}). Check which column is wrong, correct it and send the file again; these rows are not reported one by one, totals and rates from these two columns of the unit are not to be trusted, but the consolidation adds up the figures as the unit wrote them."),
        (Checked::LkRepeatsTh { unit, th, th_words, lk, lk_words, same, examples, month: true }, Lang::Vi) => format!("{unit}: lũy kế bằng thực hiện tháng ở mọi dòng: có lẽ chưa cộng dồn các tháng trước. Cột lũy kế (ô {lk} «{lk_words}») ghi đúng số của cột thực hiện tháng (ô {th} «{th_words}») ở cả {same} chỉ tiêu cộng dồn có số liệu ({examples}), trong khi lũy kế từ đầu năm phải là lũy kế tháng trước cộng thực hiện tháng này. Hãy kiểm tra cột lũy kế; nếu các tháng trước thật sự không phát sinh số nào thì không cần sửa."),
        (Checked::LkRepeatsTh { unit, th, th_words, lk, lk_words, same, examples, month: true }, Lang::En) => format!("{unit}: the cumulative figure equals the month's on every row: the months before were probably not added. The cumulative column (cell {lk} «{lk_words}») repeats the month's column (cell {th} «{th_words}») for all {same} flow indicators with figures ({examples}), while the figure from January is last month's cumulative figure plus this month's. Check the cumulative column; if nothing at all happened in the months before, nothing needs correcting."),
        (Checked::LkRepeatsTh { unit, th, th_words, lk, lk_words, same, examples, month: false }, Lang::Vi) => format!("{unit}: lũy kế bằng thực hiện quý ở mọi dòng: có lẽ chưa cộng dồn các quý trước. Cột lũy kế (ô {lk} «{lk_words}») ghi đúng số của cột thực hiện quý (ô {th} «{th_words}») ở cả {same} chỉ tiêu cộng dồn có số liệu ({examples}), trong khi lũy kế từ đầu năm phải là lũy kế quý trước cộng thực hiện quý này. Hãy kiểm tra cột lũy kế; nếu các quý trước thật sự không phát sinh số nào thì không cần sửa."),
        (Checked::LkRepeatsTh { unit, th, th_words, lk, lk_words, same, examples, month: false }, Lang::En) => format!("{unit}: the cumulative figure equals the quarter's on every row: the quarters before were probably not added. The cumulative column (cell {lk} «{lk_words}») repeats the quarter's column (cell {th} «{th_words}») for all {same} flow indicators with figures ({examples}), while the figure from January is last quarter's cumulative figure plus this quarter's. Check the cumulative column; if nothing at all happened in the quarters before, nothing needs correcting."),
        (Checked::PreviousWithoutErrors { file, workbook }, Lang::Vi) => format!("Không có danh sách lỗi {file} của lần tổng hợp trước bên cạnh {workbook} (bảng tổng hợp được chép hoặc lưu lại riêng): không biết lũy kế quý trước nào đã bị báo lỗi. Vì vậy lũy kế quý này không khớp với một lũy kế quý trước đã bị báo lỗi (mà đơn vị nay đã sửa lại) vẫn bị báo là lỗi, chứ không phải cảnh báo. Hãy chỉ --previous vào thư mục kết quả do tonghop ghi (có cả errors.json), hoặc đối chiếu các lỗi lũy kế với danh sách lỗi quý trước."),
        (Checked::PreviousWithoutErrors { file, workbook }, Lang::En) => format!("The previous consolidation's error list {file} is not beside {workbook} (the workbook was copied or resaved alone): which of last quarter's cumulative figures were found in error is unknown. So an LK that does not add up with a last LK found in error (and corrected since by the unit) is still an error here, not a warning. Give --previous the output folder tonghop wrote (errors.json included), or compare the cumulative errors with last quarter's error list."),
        (Checked::NoteCorrection { unit, what, previous, th, lk, note, corrected: Some(c), .. }, Lang::Vi) => format!("{unit}: {what}: lũy kế {lk} bằng số quý trước đã điều chỉnh {c} cộng thực hiện quý này {th}, như ghi chú của đơn vị: «{note}»; bản tổng hợp quý trước ghi lũy kế {previous}. Số quý trước của quận đã thay đổi: hãy xác nhận việc điều chỉnh với đơn vị và nêu khi trình ký."),
        (Checked::NoteCorrection { unit, what, previous, th, lk, note, corrected: Some(c), .. }, Lang::En) => format!("{unit}: {what}: LK {lk} is last quarter's corrected figure {c} plus this quarter's {th}, as the unit's note says: «{note}»; last quarter's consolidation has {previous}. The district's figure for last quarter has changed: confirm the correction with the unit and say so when the report is signed."),
        (Checked::NoteCorrection { unit, what, previous, th, want, lk, note, corrected: None }, Lang::Vi) => format!("{unit}: {what}: lũy kế phải bằng lũy kế quý trước {previous} cộng thực hiện quý này {th} = {want}, nhưng cột LK ghi {lk}. Ghi chú của đơn vị nói có điều chỉnh số liệu («{note}»), nhưng không số nào trong ghi chú cộng với thực hiện quý này bằng lũy kế. Hãy hỏi lại đơn vị số quý trước đã điều chỉnh và kiểm tra lũy kế."),
        (Checked::NoteCorrection { unit, what, previous, th, want, lk, note, corrected: None }, Lang::En) => format!("{unit}: {what}: the cumulative figure must be last quarter's {previous} plus this quarter's {th} = {want}, but LK says {lk}. The unit's note names a correction («{note}»), but no figure in it plus this quarter's makes the cumulative one. Ask the unit for last quarter's corrected figure and check LK."),
        (Checked::StockLevel { unit, what, th, lk, breaks: Some(rules) }, Lang::Vi) => format!("{unit}: {what} là chỉ tiêu thời điểm: thực hiện {th} và lũy kế {lk} đều là số có đến cuối kỳ báo cáo, nên phải bằng nhau (lũy kế của chỉ tiêu thời điểm không cộng dồn các quý). Lũy kế {lk} còn làm sai điều kiện {rules}, còn thực hiện {th} thì thỏa: số sai là lũy kế (có lẽ đã cộng dồn các quý). Hãy sửa lũy kế thành số có đến cuối kỳ."),
        (Checked::StockLevel { unit, what, th, lk, breaks: Some(rules) }, Lang::En) => format!("{unit}: {what} is a stock: TH {th} and LK {lk} are both its level at the end of the period, so they must be equal (a stock's LK is not summed over the quarters). LK {lk} also breaks {rules}, which TH {th} keeps: the LK is the wrong figure (summed over the quarters, it seems). Correct the LK to the level at the period's end."),
        (Checked::StockLevel { unit, what, th, lk, breaks: None }, Lang::Vi) => format!("{unit}: {what} là chỉ tiêu thời điểm: thực hiện {th} và lũy kế {lk} đều là số có đến cuối kỳ báo cáo, nên phải bằng nhau (lũy kế của chỉ tiêu thời điểm không cộng dồn các quý); một trong hai số sai. Hãy kiểm tra cả hai cột."),
        (Checked::StockLevel { unit, what, th, lk, breaks: None }, Lang::En) => format!("{unit}: {what} is a stock: TH {th} and LK {lk} are both its level at the end of the period, so they must be equal (a stock's LK is not summed over the quarters); one of them is wrong. Check both columns."),
        _ => String::new(),
    }
}

/// The office's closing advice to check a figure with the unit, and the
/// words the unit's own clerk reads instead (`tonghop check`: the clerk
/// is the unit, so «Hãy kiểm tra lại số này trước khi gửi», not «Hãy
/// kiểm tra lại với đơn vị»). Each pair: the office's, the sender's.
const TO_SENDER: &[(&str, &str)] = &[
    (
        "Hãy kiểm tra lại với đơn vị.",
        "Hãy kiểm tra lại số này trước khi gửi.",
    ),
    (
        "hãy kiểm tra lại với đơn vị.",
        "hãy kiểm tra lại số này trước khi gửi.",
    ),
    (
        "hãy kiểm tra lại cả dòng với đơn vị.",
        "hãy kiểm tra lại cả dòng trước khi gửi.",
    ),
    (
        "Check it with the unit.",
        "Check the figure before sending.",
    ),
    (
        "check the whole row with the unit.",
        "check the whole row before sending.",
    ),
    (
        "check it with the unit.",
        "check the figure before sending.",
    ),
];

/// A finding's words as the sender's own clerk reads them
/// ([`TO_SENDER`]): the office's advice to check with the unit becomes
/// advice to check the figure before sending; all else as it is.
pub fn to_sender(message: &str) -> String {
    TO_SENDER
        .iter()
        .fold(message.to_string(), |text, (office, sender)| {
            text.replace(office, sender)
        })
}

fn outlier(c: &Checked, lang: Lang) -> String {
    let Checked::Outlier {
        unit,
        what,
        column,
        value: v,
        compared,
        level,
        usual: typical,
        note,
    } = c
    else {
        return String::new();
    };
    let units = level.units(lang);
    // The unit's own word on the row (a festival that drew the
    // visitors): the office weighs the figure with it.
    let note = match (note, lang) {
        (Some(n), Lang::Vi) => format!(" Ghi chú của đơn vị: «{n}»."),
        (Some(n), Lang::En) => format!(" The unit's note: «{n}»."),
        (None, _) => String::new(),
    };
    format!(
        "{}{note}",
        outlier_said(unit, what, *column, v, compared, units, typical, lang)
    )
}

/// [`outlier`] without the unit's note.
#[allow(clippy::too_many_arguments)]
fn outlier_said(
    unit: &str,
    what: &str,
    column: ValueColumn,
    v: &str,
    compared: &Compared,
    units: &str,
    typical: &str,
    lang: Lang,
) -> String {
    if let Compared::PlanAndLastYear { others, times } = compared {
        return match lang {
            Lang::Vi => format!("{unit}: {what} (cột {column}) ghi {v}, gấp khoảng {times} lần cả kế hoạch và cùng kỳ của chính đơn vị ({others}), hai số này lại khớp nhau: có thể thừa chữ số 0 hoặc ghi nhầm đơn vị; theo các số đó, con số đúng có lẽ là khoảng {typical}. Hãy kiểm tra lại với đơn vị."),
            Lang::En => format!("{unit}: {what} (column {column}) is {v}, about {times} times both the unit's own plan and last year's figure ({others}), which agree with each other: a zero too many or the wrong unit, it seems; by them the figure is probably about {typical}. Check it with the unit."),
        };
    }
    if let Compared::LastYearStock { last, times, below } = compared {
        return match (lang, below) {
            (Lang::Vi, false) => format!("{unit}: {what} (cột {column}) ghi {v}, gấp khoảng {times} lần số cùng kỳ của chính đơn vị ({last}), trong khi đây là số hiện có cuối kỳ, không cộng dồn: có thể thừa chữ số 0 hoặc ghi nhầm đơn vị; theo số cùng kỳ, con số đúng có lẽ là khoảng {typical}. Hãy kiểm tra lại với đơn vị."),
            (Lang::Vi, true) => format!("{unit}: {what} (cột {column}) ghi {v}, chỉ bằng khoảng 1/{times} số cùng kỳ của chính đơn vị ({last}), trong khi đây là số hiện có cuối kỳ, hiếm khi giảm mạnh như vậy: có thể thiếu chữ số hoặc ghi nhầm đơn vị; theo số cùng kỳ, con số đúng có lẽ là khoảng {typical}. Hãy kiểm tra lại với đơn vị."),
            (Lang::En, false) => format!("{unit}: {what} (column {column}) is {v}, about {times} times the unit's own figure of last year ({last}), for a level held at the period's end, not summed: a zero too many or the wrong unit, it seems; by last year's figure it is probably about {typical}. Check it with the unit."),
            (Lang::En, true) => format!("{unit}: {what} (column {column}) is {v}, about 1/{times} of the unit's own figure of last year ({last}), for a level held at the period's end, which seldom falls so far: a digit dropped or the wrong unit, it seems; by last year's figure it is probably about {typical}. Check it with the unit."),
        };
    }
    if let Compared::QuarterAndLastYear { others, times } = compared {
        return match lang {
            Lang::Vi => format!("{unit}: {what} (cột {column}) ghi {v}, gấp khoảng {times} lần cả số cùng kỳ và số thực hiện trong kỳ của chính đơn vị ({others}), trong khi lũy kế chỉ gồm các quý từ đầu năm; chia cho {times} thì được {typical}, khớp với các số đó: có lẽ đặt nhầm dấu thập phân (dấu chấm thay cho dấu phẩy), thừa chữ số 0 hoặc ghi nhầm đơn vị. Con số đúng có lẽ là {typical}; hãy kiểm tra lại với đơn vị."),
            Lang::En => format!("{unit}: {what} (column {column}) is {v}, about {times} times both the unit's own last year's figure and this period's ({others}), while the cumulative figure holds only the quarters since January; divided by {times} it is {typical}, in line with them: probably a misplaced decimal mark (a dot for the comma), zeros too many or the wrong unit. The figure is probably {typical}; check it with the unit."),
        };
    }
    if let Compared::LastYearFlow { last, times } = compared {
        return match lang {
            Lang::Vi => format!("{unit}: {what} (cột {column}) ghi {v}, gấp khoảng {times} lần số của chính đơn vị ({last}): không số phát sinh nào tăng nhiều như vậy trong một năm; có thể ghi nhầm đơn vị (ghi bằng đồng thay cho đơn vị của dòng) hoặc thừa chữ số 0; con số đúng có lẽ là khoảng {typical}. Hãy kiểm tra lại với đơn vị."),
            Lang::En => format!("{unit}: {what} (column {column}) is {v}, about {times} times the unit's own figures ({last}): nothing that happens in a period grows so much in a year; the wrong unit (đồng instead of the row's unit) or zeros too many, it seems; the figure is probably about {typical}. Check it with the unit."),
        };
    }
    if let Compared::AboveMostlyZero {
        largest,
        last,
        times,
    } = compared
    {
        return match lang {
            Lang::Vi => format!("{unit}: {what} (cột {column}) ghi {v}, gấp {times} lần trở lên cả số lớn nhất của các {units} khác ({largest}; phần lớn ghi 0) và số của chính đơn vị ({last}): có thể số của dòng khác ghi nhầm vào dòng này, thừa chữ số hoặc ghi nhầm đơn vị. Hãy kiểm tra lại với đơn vị."),
            Lang::En => format!("{unit}: {what} (column {column}) is {v}, {times} times or more both the largest figure of the other {units} ({largest}; most state 0) and the unit's own ({last}): another row's figure typed into this one, a digit too many or the wrong unit, it seems. Check it with the unit."),
        };
    }
    if let Compared::OwnPower {
        others,
        times,
        below,
        off,
        peers_usual,
        measure,
        zeros,
        catalog_unit,
    } = compared
    {
        let far = off.said(lang);
        return match lang {
            Lang::Vi => {
                let op = if *below { "nhân với" } else { "chia cho" };
                let slip = match below {
                    false => "thừa chữ số 0 hoặc đặt nhầm dấu thập phân",
                    true => "thiếu chữ số 0 hoặc đặt nhầm dấu thập phân",
                };
                let why = match (*zeros, measure) {
                    (true, Some(m)) => format!("{slip}, hoặc ghi theo {m} thay cho {catalog_unit}"),
                    (true, None) => slip.to_string(),
                    (false, Some(m)) => format!("ghi theo {m} thay cho {catalog_unit}"),
                    (false, None) => "ghi nhầm đơn vị".to_string(),
                };
                format!("{unit}: {what} (cột {column}) ghi {v}, {far} mức thường gặp của các {units} (khoảng {peers_usual}); {op} {times} thì được {typical}, khớp với các số khác của chính đơn vị ({others}): có lẽ {why}. Con số đúng có lẽ là {typical}; hãy kiểm tra lại với đơn vị.")
            }
            Lang::En => {
                let op = if *below {
                    "multiplied by"
                } else {
                    "divided by"
                };
                let slip = match below {
                    false => "zeros too many or a misplaced decimal mark",
                    true => "zeros too few or a misplaced decimal mark",
                };
                let why = match (*zeros, measure) {
                    (true, Some(m)) => {
                        format!("{slip}, or written in {m} instead of {catalog_unit}")
                    }
                    (true, None) => slip.to_string(),
                    (false, Some(m)) => format!("written in {m} instead of {catalog_unit}"),
                    (false, None) => "the wrong unit".to_string(),
                };
                format!("{unit}: {what} (column {column}) is {v}, {far} what the {units} usually have (about {peers_usual}); {op} {times} it is {typical}, in line with the unit's own other figures ({others}): probably {why}. The figure is probably {typical}; check it with the unit.")
            }
        };
    }
    if let Compared::Own { others, times } = compared {
        return match lang {
            Lang::Vi => format!("{unit}: {what} (cột {column}) ghi {v}, lệch khoảng {times} lần so với các số khác của chính đơn vị ({others}), trong khi các số đó khớp nhau theo tỷ lệ thường gặp ở các {units}; theo các số đó, con số thường gặp là khoảng {typical}. Hãy kiểm tra lại: có thể thừa, thiếu chữ số hoặc ghi nhầm đơn vị."),
            Lang::En => format!("{unit}: {what} (column {column}) is {v}, about {times} times off the unit's own other figures ({others}), which agree with each other in the proportion usual among the {units}; by them about {typical} would be usual. Check it: a digit too many or too few, or the wrong unit."),
        };
    }
    let (compared, usual_for) = match (compared, lang) {
        (Compared::Size { size, ratio, median: m, unit: u, off }, Lang::Vi) => {
            let u = if u.is_empty() { String::new() } else { format!(" {u}") };
            (format!("tức {ratio}{u} trên 1.000 dân (dân số {size}), {} mức thường gặp của các {units} ({m}{u} trên 1.000 dân)", off.said(lang)), "với dân số của đơn vị, con số thường gặp là khoảng".to_string())
        }
        (Compared::Size { size, ratio, median: m, unit: u, off }, Lang::En) => {
            let u = if u.is_empty() { String::new() } else { format!(" {u}") };
            (format!("that is {ratio}{u} per 1,000 people (population {size}), {} what the {units} usually have ({m}{u} per 1,000 people)", off.said(lang)), "for its population about".to_string())
        }
        (Compared::Column { column: c, own, median: m, off }, Lang::Vi) => (format!("{} mức thường gặp của các {units}: ở các {units}, số cột {column} thường bằng khoảng {m} lần số cột {c}, mà số {c} của chính đơn vị là {own}", off.said(lang)), format!("so với số {c} của đơn vị, con số thường gặp là khoảng")),
        (Compared::Column { column: c, own, median: m, off }, Lang::En) => (format!("{} what the {units} usually have: among the {units}, {column} is usually about {m} times {c}, and the unit's own {c} is {own}", off.said(lang)), format!("against its own {c} about")),
        // As written, the peers' usual is the figure expected.
        (Compared::Peers { off, .. }, Lang::Vi) => (format!("{} mức thường gặp của các {units} (khoảng {typical})", off.said(lang)), String::new()),
        (Compared::Peers { off, .. }, Lang::En) => (format!("{} what the {units} usually have (about {typical})", off.said(lang)), String::new()),
        (
            Compared::Own { .. }
            | Compared::OwnPower { .. }
            | Compared::PlanAndLastYear { .. }
            | Compared::LastYearStock { .. }
            | Compared::LastYearFlow { .. }
            | Compared::QuarterAndLastYear { .. }
            | Compared::AboveMostlyZero { .. },
            _,
        ) => (String::new(), String::new()),
    };
    let usual = match (usual_for.is_empty(), lang) {
        (true, _) => String::new(),
        (false, Lang::Vi) => format!("; {usual_for} {typical}"),
        (false, Lang::En) => format!("; {usual_for} {typical} would be usual"),
    };
    match lang {
        Lang::Vi => format!("{unit}: {what} (cột {column}) ghi {v}, {compared}{usual}. Hãy kiểm tra lại: có thể thừa, thiếu chữ số hoặc ghi nhầm đơn vị."),
        Lang::En => format!("{unit}: {what} (column {column}) is {v}, {compared}{usual}. Check it: a digit too many or too few, or the wrong unit."),
    }
}

fn row_scaled(c: &Checked, lang: Lang) -> String {
    let Checked::RowScaled {
        unit,
        what,
        figures,
        times,
        larger,
        per_head,
        level,
        written_in,
        measure,
        catalog_unit,
        column,
        right,
    } = c
    else {
        return String::new();
    };
    let units = level.units(lang);
    let named = written_in.and_then(|f| money_words(f, lang)).or(*measure);
    match lang {
        Lang::Vi => {
            let off = match larger {
                true => format!("gấp khoảng {times} lần"),
                false => format!("chỉ bằng khoảng một phần {times}"),
            };
            let basis = if *per_head {
                " (tính theo dân số)"
            } else {
                ""
            };
            let why = match named {
                Some(w) => format!("có lẽ ghi theo {w} thay cho {catalog_unit}"),
                None => match larger {
                    true => "có lẽ thừa chữ số 0 ở cả dòng".to_string(),
                    false => "có lẽ thiếu chữ số 0 ở cả dòng".to_string(),
                },
            };
            format!("{unit}: {what}: cả dòng ({figures}) đều {off} mức thường thấy ở các {units} khác{basis}, còn các số trong dòng thì khớp nhau: {why}: cột {column} là {right}. Các số này đang được cộng vào tổng hợp; hãy kiểm tra lại cả dòng với đơn vị.")
        }
        Lang::En => {
            let off = match larger {
                true => format!("about {times} times"),
                false => format!("about a {times}th of"),
            };
            let basis = if *per_head {
                " (per head of population)"
            } else {
                ""
            };
            let why = match named {
                Some(w) => format!("probably written in {w} instead of {catalog_unit}"),
                None => match larger {
                    true => "probably zeros too many across the row".to_string(),
                    false => "probably zeros too few across the row".to_string(),
                },
            };
            format!("{unit}: {what}: the whole row ({figures}) is {off} what is usual among the other {units}{basis}, and its figures agree with each other: {why}: its {column} would be {right}. These figures go into the totals; check the whole row with the unit.")
        }
    }
}

/// " (a; b)" of the notes that apply, or nothing.
fn aside(notes: &[(bool, &str)]) -> String {
    let said: Vec<&str> = notes
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, n)| *n)
        .collect();
    match said.is_empty() {
        true => String::new(),
        false => format!(" ({})", said.join("; ")),
    }
}

/// The sentence added to a sum's or relation's finding on a TH the tool
/// worked out of the LK (the file has no TH column): the figure is the
/// tool's, and `cell` is the LK the unit wrote.
pub fn th_worked_out_note(cell: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(" Biểu không có cột TH: số TH này do công cụ tính (TH = LK − LK kỳ trước), ô {cell} là ô lũy kế đơn vị ghi; hãy kiểm tra số lũy kế ở ô này."),
        Lang::En => format!(" The form has no TH column: this TH was worked out by the tool (TH = LK − previous LK), and cell {cell} holds the cumulative figure the unit wrote; check that figure."),
    }
}

/// The sentence added to a department's LK `total-mismatch` when its
/// stated percent in `column` (`stated`, as written) is right from the
/// wards' sum: the percent was worked from the right LK, as a ward's LK
/// slip whose percent is right says «tỷ lệ thì đúng».
pub fn percent_right_from_sum_note(column: ValueColumn, stated: &str, lang: Lang) -> String {
    let words = match (column, lang) {
        (ValueColumn::PctKh, Lang::Vi) => "% so với kế hoạch",
        (_, Lang::Vi) => "% so với cùng kỳ",
        (ValueColumn::PctKh, Lang::En) => "% of plan",
        (_, Lang::En) => "% against last year",
    };
    match lang {
        Lang::Vi => format!(" Số {words} đã ghi ({stated}%) đúng với tổng này, tức tỷ lệ thì đúng: chỉ cần sửa lũy kế."),
        Lang::En => format!(" The {words} stated ({stated}%) is right from this sum: the percent is right, only the cumulative figure needs correcting."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reminder that a fall is written negative comes with a right
    /// figure below zero only: "write 14,29 (a fall is negative)" misleads.
    #[test]
    fn a_growth_off_reminds_of_the_minus_only_for_a_fall() {
        let growth = |stated, right| Checked::PctOff {
            unit: "Phường 3",
            what: "TT02 Đơn đã nhận",
            percent: Percent::AgainstLastYear {
                formula: "8 / 7 × 100 − 100",
            },
            stated,
            right,
            unrounded: None,
        };
        let rise = growth("35,29", "14,29");
        assert_eq!(
            rise.words(Lang::Vi),
            "Phường 3: TT02 Đơn đã nhận: % so với cùng kỳ ghi 35,29% nhưng 8 / 7 × 100 − 100 = 14,29%. Hãy sửa thành 14,29."
        );
        assert!(!rise.words(Lang::En).contains("negative"));
        let fall = growth("9,52", "-9,52");
        assert!(fall
            .words(Lang::Vi)
            .ends_with("Hãy sửa thành -9,52 (một mức giảm ghi số âm)."));
        assert!(fall
            .words(Lang::En)
            .ends_with("Write -9,52 (a fall is negative)."));
    }
}
