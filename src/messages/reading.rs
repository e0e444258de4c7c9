//! The words of reading a submission's tables: units of measure, cells
//! that are not numbers, columns and rows left unread, legacy encodings,
//! formulas without values, and the form's stamp. `cell` is an A1
//! reference; `code` and `name` name the indicator as the catalog does.

use super::Words;
use crate::diagnostic::{Code, Lang};
use crate::model::ValueColumn;

/// The facts of a finding made while reading a submission.
pub enum Read<'a> {
    /// `legacy-encoding`: `file`'s text was in `encoding` (TCVN3, VNI)
    /// and was converted to Unicode.
    LegacyEncoding { file: &'a str, encoding: &'a str },
    /// `file-unreadable` (a warning): one sheet could not be read; `what`
    /// it is, in the user's words.
    SheetUnreadable { what: &'a str },
    /// `unit-mismatch` (a warning): indicator `code` «`name`» written in
    /// the unit `written` where the catalog has `catalog`, converted by
    /// `factor` ("÷1.000").
    UnitConverted {
        unit: &'a str,
        code: &'a str,
        name: &'a str,
        written: &'a str,
        catalog: &'a str,
        factor: &'a str,
    },
    /// `unit-mismatch` (a warning): a rate labelled `written` ("%") whose
    /// figures are already in the catalog's `catalog` ("‰"): `figure` in
    /// `column` is what its formula gives (`worked`, "41 / 12.100 ×
    /// 1.000"), its figures converted would not be. Kept as written.
    UnitLabelOnly {
        unit: &'a str,
        code: &'a str,
        name: &'a str,
        written: &'a str,
        catalog: &'a str,
        column: ValueColumn,
        figure: &'a str,
        worked: &'a str,
    },
    /// `unit-mismatch` (an error): written in `written`, which cannot be
    /// converted to the catalog's `catalog`.
    UnitUnconvertible {
        unit: &'a str,
        code: &'a str,
        name: &'a str,
        written: &'a str,
        catalog: &'a str,
    },
    /// `unit-mismatch` (an error): labelled `written`, but its figures
    /// (the largest `value`) converted by `factor` come to `converted` in
    /// the catalog's `catalog`, below what its decimals show: most
    /// probably written in `catalog` under a wrong label.
    UnitLabelDoubtful {
        unit: &'a str,
        code: &'a str,
        name: &'a str,
        written: &'a str,
        catalog: &'a str,
        factor: &'a str,
        value: &'a str,
        converted: &'a str,
        /// The smallest figure the catalog's decimals show ("0,1").
        smallest: &'a str,
    },
    /// `value-invalid` (info): `count` figure cells of `file` (the first
    /// `cell`, holding `example`) were typed with the row's own unit
    /// ("75,9 ha"); their number was read.
    FiguresWithUnit {
        file: &'a str,
        count: usize,
        example: &'a str,
        cell: &'a str,
    },
    /// `value-invalid` (a warning): `unit`'s file holds «`mark`» («x»,
    /// a cell of the form not to be filled) in `count` figure cells of
    /// its TH, LK or CK (`cells`, the first few): read as blank, no
    /// figure, where the unit likely meant 0; the totals lack them.
    CrossedCells {
        unit: &'a str,
        mark: &'a str,
        count: usize,
        cells: &'a str,
    },
    /// `value-invalid` (a warning): `unit`'s file holds words meaning none
    /// (`words`: «không», «không có», «không phát sinh») in `count` figure
    /// cells (`cells`, the first few), which the template's `dash =
    /// "empty"` reads as no figure: the totals and the checks lack them.
    NoneInWords {
        unit: &'a str,
        words: &'a str,
        count: usize,
        cells: &'a str,
    },
    /// `column-missing` (a warning): `unit`'s file is a form made from the
    /// template, and its table lacks `columns` («CK (cùng kỳ năm
    /// trước)»), which the form has: deleted. The totals of those columns
    /// (and the percents worked from them) lack the unit.
    ///
    /// When `form` is false the file is not a stamped form: its table
    /// lacks columns the template asks for (an LK in a second or third
    /// quarter, whose LK is the half-year's or nine months' figure; a KH
    /// or CK other units of the batch gave), not said to be deleted.
    ColumnsDeleted {
        unit: &'a str,
        columns: &'a [ValueColumn],
        form: bool,
    },
    /// `value-invalid` (an error; info for a percent or a rate): `cell` of
    /// `code` holds the formula `formula`, whose result is the text
    /// `shown`, not a number (it takes it from a cell that holds that text).
    FormulaGivesText {
        unit: &'a str,
        cell: &'a str,
        code: &'a str,
        name: &'a str,
        column: ValueColumn,
        formula: &'a str,
        shown: &'a str,
        derived: bool,
    },
    /// `unit-mismatch` (a warning): `cell` of `code` «`name`», `column`,
    /// holds `shown`, whose sign (% or ‰) or unit ("1,5 tấn" in a row in
    /// tạ) is not the row's unit `row_unit`:
    /// read as `read` in `row_unit`, converted by `factor`.
    FigureSignConverted {
        unit: &'a str,
        cell: &'a str,
        code: &'a str,
        name: &'a str,
        column: ValueColumn,
        shown: &'a str,
        row_unit: &'a str,
        read: &'a str,
        factor: &'a str,
    },
    /// `value-uncomputed` (info): percent or rate cell `cell` of `code`
    /// shows Excel's error `shown` (#DIV/0!, #VALUE!).
    PercentError {
        cell: &'a str,
        code: &'a str,
        name: &'a str,
        column: ValueColumn,
        shown: &'a str,
    },
    /// `unit-mismatch` (a warning): what is counted is named `written`,
    /// the catalog's `catalog`; the figures are kept as the catalog's.
    UnitOtherName {
        unit: &'a str,
        code: &'a str,
        name: &'a str,
        written: &'a str,
        catalog: &'a str,
    },
    /// `value-invalid`: `cell` of indicator `code` «`name`», `column`,
    /// holds `shown`, not a number.
    ValueInvalid {
        unit: &'a str,
        cell: &'a str,
        code: &'a str,
        name: &'a str,
        column: ValueColumn,
        shown: &'a str,
    },
    /// `value-invalid`: `cell` of indicator `code` «`name`», `column`,
    /// holds the number `value` under a date format, so it shows and
    /// prints as the date `shown`: its format must be Number.
    NumberAsDate {
        unit: &'a str,
        cell: &'a str,
        code: &'a str,
        name: &'a str,
        column: ValueColumn,
        shown: &'a str,
        value: &'a str,
    },
    /// `number-ambiguous` (an error): `cell` of indicator `code`
    /// «`name`», `column`, a count of whole `counted`, holds `text` («1,180»:
    /// a comma then exactly three digits), read the Vietnamese way as
    /// `read` (1,18), which no count can be: most likely `meant` (1.180),
    /// the comma an English thousands separator. The figure is not used.
    CountWithComma {
        unit: &'a str,
        cell: &'a str,
        code: &'a str,
        name: &'a str,
        column: ValueColumn,
        counted: &'a str,
        text: &'a str,
        read: &'a str,
        meant: &'a str,
    },
    /// `number-ambiguous`: the text `text` in `cell` read as `read`,
    /// where the other style reads `other`.
    NumberAmbiguous {
        text: &'a str,
        cell: &'a str,
        read: &'a str,
        other: &'a str,
    },
    /// `unit-mismatch` (a warning): the indicators `codes` of `unit`'s
    /// file written in `written` where the catalog says `catalog`,
    /// converted by `factor`; the unit is written at `cells` (one cell
    /// when the title or header states it).
    UnitsConverted {
        unit: &'a str,
        codes: &'a [String],
        written: &'a str,
        catalog: &'a str,
        factor: &'a str,
        cells: &'a [String],
    },
    /// `unit-mismatch` (a warning): the indicators `codes` counted in
    /// `written`, another name than the catalog's `catalog`; kept.
    UnitsOtherName {
        unit: &'a str,
        codes: &'a [String],
        written: &'a str,
        catalog: &'a str,
        cells: &'a [String],
    },
    /// `value-invalid` (an info): the KH of `code` «`name`» in `cell` is
    /// a target written as a change, `text` ("Giảm 0,2‰", "Tăng 5%"),
    /// not a level: left out of %KH and of the plan total.
    TargetAsChange {
        unit: &'a str,
        cell: &'a str,
        code: &'a str,
        name: &'a str,
        text: &'a str,
    },
    /// `value-invalid` (a warning): the KH of `code` «`name`» in `cell` is
    /// a word of assessment, `text` ("Đạt"), not a figure: left out of
    /// %KH and of the plan total.
    TargetInWords {
        unit: &'a str,
        cell: &'a str,
        code: &'a str,
        name: &'a str,
        text: &'a str,
    },
    /// `value-invalid` (an info): a %KH or %CK cell (`column`) holds a
    /// word of assessment, `text` ("Đạt", "Không đạt"), which the tool's
    /// own percent replaces.
    PercentInWords {
        unit: &'a str,
        cell: &'a str,
        code: &'a str,
        name: &'a str,
        column: ValueColumn,
        text: &'a str,
    },
    /// `value-invalid` (an info): a %KH or %CK cell (`column`) holds a
    /// change said as a count, `text` ("tăng 2 vụ"), where last year's
    /// figure is usually 0 and no percent exists; the tool's own percent
    /// replaces it.
    ChangeInCount {
        unit: &'a str,
        cell: &'a str,
        code: &'a str,
        name: &'a str,
        column: ValueColumn,
        text: &'a str,
    },
    /// `value-invalid` (a warning): a figure cell (`column`) holds a
    /// number and a note in brackets, `text` ("3 (tăng 1 vụ)"): read as
    /// the number `read`, the `note` left out.
    FigureWithNote {
        unit: &'a str,
        cell: &'a str,
        code: &'a str,
        name: &'a str,
        column: ValueColumn,
        text: &'a str,
        read: &'a str,
        note: &'a str,
    },
    /// `number-ambiguous`: `count` percent rates of the file (at `cells`)
    /// were typed as fractions in cells of General format (`written`,
    /// the first of them) and were read ×100 (`read`).
    RatesAsFractions {
        count: usize,
        cells: &'a str,
        written: &'a str,
        read: &'a str,
    },
    /// `number-ambiguous`: the target `text` in `cell` (KH of rate `code`
    /// «`name`») is a bound ("≥ 95%", "Dưới 1,5%"), read as `read`.
    TargetBound {
        cell: &'a str,
        code: &'a str,
        name: &'a str,
        text: &'a str,
        read: &'a str,
    },
    /// `column-ignored`: the header `label` (in `cell`) names no column
    /// the tool reads.
    ColumnIgnored { label: &'a str, cell: &'a str },
    /// `column-ignored`: `count` header cells of one table (three or
    /// more, from `cell` to `last_cell`) that name no column the tool
    /// reads, told at once; `labels` the first few and the last.
    ColumnsIgnored {
        labels: &'a [String],
        count: usize,
        cell: &'a str,
        last_cell: &'a str,
    },
    /// `column-ignored` (a warning): the header `label` (in `cell`) would
    /// be the table's `column` but names another period than the report's
    /// (`period`), and the table has no other `column`: all its figures of
    /// that column are lost unless the header is wrong.
    ColumnOtherPeriod {
        label: &'a str,
        cell: &'a str,
        column: crate::model::ValueColumn,
        period: &'a str,
    },
    /// `period-mismatch` (an error): the title (in `cell`) names `stated`
    /// but the headers `labels` of the table's `columns` (TH, LK) name
    /// `headers`, and the table has no such column of `stated`: every
    /// figure of them is lost unless the title is put right.
    TitleOtherThanHeaders {
        cell: &'a str,
        stated: crate::model::Period,
        headers: crate::model::Period,
        columns: &'a str,
        labels: &'a [String],
    },
    /// `period-mismatch` (an error, the unit's file set aside as of
    /// another period): the title (in `cell`) names `stated`, the run's
    /// period, but the headers `labels` of every one of the table's
    /// `columns` (TH, LK) name `headers`: another period's report
    /// re-titled, none of whose figures is the run's.
    ColumnsOfOtherPeriod {
        cell: &'a str,
        stated: crate::model::Period,
        headers: crate::model::Period,
        columns: &'a str,
        labels: &'a [String],
    },
    /// `period-mismatch` (an error, the unit's file set aside as of
    /// another period): the title names no period, but the headers
    /// `labels` (from `cell`) of every one of the table's `columns` (TH,
    /// LK) name `headers`, not the run's `period`: another period's table
    /// sent for this one.
    ColumnsOfOtherPeriodUntitled {
        cell: &'a str,
        period: crate::model::Period,
        headers: crate::model::Period,
        columns: &'a str,
        labels: &'a [String],
    },
    /// `period-missing` (an info, `check` without --period): the title
    /// (in `cell`) names a crop season of `period`'s year, which is no
    /// period, and no figure column names one: the file is checked as
    /// `period`'s report, the year's.
    SeasonPeriodAssumed {
        cell: &'a str,
        period: crate::model::Period,
    },
    /// `column-ignored`: the header `label` (in `cell`) names next year's
    /// plan (figures of `year`, after the report's `period`), which is
    /// left out on purpose.
    ColumnNextYear {
        label: &'a str,
        cell: &'a str,
        year: i32,
        period: &'a str,
    },
    /// `column-ignored`: the header `label` (in `cell`) names figures of
    /// another period than the report's `period` ("Thực hiện 9 tháng" in a
    /// fourth quarter), beside the table's own columns.
    ColumnOtherFigures {
        label: &'a str,
        cell: &'a str,
        period: &'a str,
    },
    /// `column-ignored`: the header `label` (in `cell`) is the year's
    /// original plan; the adjusted plan `other` (in `other_cell`) is read
    /// as KH, but on the rows `kept` (`9 (GN.02), 12 (XD.01)`; empty:
    /// none), whose adjusted plan is blank (not adjusted), the original.
    ColumnOriginalPlan {
        label: &'a str,
        cell: &'a str,
        other: &'a str,
        other_cell: &'a str,
        kept: &'a str,
    },
    /// `column-ignored`: the header `label` (in `cell`) and `other` (in
    /// `other_cell`) both name the year's plan; the stated %KH (column
    /// `pct_cell`'s) are LK over `other`'s figures on `agree` rows of
    /// the `differ` where they are not LK over `label`'s: `other` is read
    /// as KH.
    ColumnPlanByPercents {
        label: &'a str,
        cell: &'a str,
        other: &'a str,
        other_cell: &'a str,
        pct_cell: &'a str,
        agree: usize,
        differ: usize,
    },
    /// `period-mismatch` (an error, the figures counted): the title (in
    /// `cell`) names `stated` but the headers `labels` of figure columns
    /// name `period`, the run's, and none the title's: the figures are
    /// read as `period`'s, and the title is to correct and the quarter to
    /// confirm before the report is signed.
    TitleBehindHeaders {
        cell: &'a str,
        stated: crate::model::Period,
        period: crate::model::Period,
        labels: &'a [String],
        /// The title names last year, which the CK column names too.
        past: bool,
    },
    /// `period-mismatch` (an error, the figures counted): the title (in
    /// `cell`) of a form made by `tonghop template` for `period` names
    /// `stated`: the figures are read as the form's period's, and the
    /// title is to correct and the quarter to confirm before signing.
    TitleBehindStamp {
        cell: &'a str,
        stated: crate::model::Period,
        period: crate::model::Period,
    },
    /// `column-ignored`: the header `label` (in `cell`) names what the
    /// column `other` (in `other_cell`) left of it already is (`column`,
    /// a figure column, or `None` for the name, code, unit…).
    ColumnTaken {
        label: &'a str,
        cell: &'a str,
        other: &'a str,
        other_cell: &'a str,
        column: Option<crate::model::ValueColumn>,
    },
    /// `column-ignored`: the hidden column `label` (in `cell`) names what
    /// the visible column `other` (in `other_cell`) is, which is read.
    ColumnHidden {
        label: &'a str,
        cell: &'a str,
        other: &'a str,
        other_cell: &'a str,
        column: Option<crate::model::ValueColumn>,
    },
    /// `column-missing`: a first-quarter file without LK; LK taken as TH.
    LkTakenAsTh,
    /// `column-missing`: after the first quarter, a file whose only figure
    /// column is from January (`label`, header cell `cell`, read as LK):
    /// TH worked out for `flows` flows as LK less last quarter's LK (from
    /// `source`, `--previous`; `None` without it) and for `stocks` stocks
    /// as LK (their level at the period's end); `left` indicators stay
    /// without TH, `below` (codes) among them a flow whose LK is below
    /// last quarter's.
    ThFromLk {
        label: &'a str,
        cell: &'a str,
        source: Option<&'a str>,
        flows: usize,
        stocks: usize,
        left: usize,
        below: &'a str,
        /// The period last cumulative figures are of (`None`: unknown,
        /// said "last quarter's"): a year-end run after the nine months
        /// says «lũy kế 9 tháng», not «lũy kế quý trước».
        since: Option<crate::model::Period>,
    },
    /// `period-mismatch` (a warning, the figures read as KH): the only
    /// plan column is headed for next year (`label`, in `cell`), but
    /// `agree` of the `compared` stated %KH are LK over its figures.
    PlanNamedNextYear {
        label: &'a str,
        cell: &'a str,
        year: i32,
        period: crate::model::Period,
        agree: usize,
        compared: usize,
    },
    /// `column-missing` (an error): a report for the year (or its fourth
    /// quarter), the half-year or the nine months has no LK column, only
    /// `label` (in `cell`).
    LkMissingAtYearEnd {
        cell: &'a str,
        label: &'a str,
        period: crate::model::Period,
        /// Every indicator with a figure is a stock (or a rate): their
        /// level at the period's end is their TH, so `stocks` LK were
        /// taken from it and nothing the run needs is missing (an info,
        /// a school-year office's «Đầu năm học 2026-2027» at Q4).
        stocks: usize,
    },
    /// `column-missing` (info): a year's report without the year's column
    /// but with the eleven months' (`eleven`, in `eleven_cell`) and
    /// December's estimate (`december`, in `december_cell`): the year's
    /// figure of `flows` flows was worked out as their sum, of `stocks`
    /// stocks taken as December's; `left` rows (rates, a part blank) are
    /// left without it.
    YearFromMonths {
        eleven: &'a str,
        eleven_cell: &'a str,
        december: &'a str,
        december_cell: &'a str,
        flows: usize,
        stocks: usize,
        left: usize,
    },
    /// `sum-mismatch` (an error): the year's figure `year` in `cell` of
    /// indicator `code` «`name`» is not its eleven months' `eleven` (in
    /// `eleven_cell`) plus December's estimate `december` (in
    /// `december_cell`), whose sum is `sum`, beyond the rounding rule.
    YearNotMonthsSum {
        cell: &'a str,
        code: &'a str,
        name: &'a str,
        year: &'a str,
        eleven: &'a str,
        eleven_cell: &'a str,
        december: &'a str,
        december_cell: &'a str,
        sum: &'a str,
    },
    /// `period-mismatch` (info): the sheet `sheet`, titled (or, with
    /// `by_name`, named) for `stated`, beside the sheet of `period` in one
    /// workbook, is not read.
    SheetOtherPeriod {
        sheet: &'a str,
        stated: crate::model::Period,
        period: crate::model::Period,
        by_name: bool,
    },
    /// `period-mismatch` (an error): the sheet `sheet`, titled (in
    /// `cell`) for `stated`, holds `count` indicators no sheet of `period`
    /// holds: not an older copy but a group sheet whose title is stale.
    /// With `counted`, its figures are read as `period`'s; without (its
    /// headers name `stated` too), they are left out.
    SheetTitleStale {
        sheet: &'a str,
        cell: &'a str,
        stated: crate::model::Period,
        period: crate::model::Period,
        count: usize,
        counted: bool,
    },
    /// `column-ignored` (info): the sheet `sheet` is the year's plan, by
    /// its title `title` in `cell` (both empty when told by its name):
    /// only its plan column `kh` is read (none when empty); its columns
    /// `others` (the plan split by quarter, last year's figures) are not
    /// figures of the period and are not read.
    PlanSheet {
        sheet: &'a str,
        title: &'a str,
        cell: &'a str,
        kh: &'a str,
        others: &'a [String],
    },
    /// `indicator-repeated` (a sheet's): sheet `sheet` gives figures of
    /// the period that sheet `kept` gives too; `how` says whether they
    /// agree and what became of them.
    SheetRepeated {
        sheet: &'a str,
        kept: &'a str,
        how: SheetRepeat<'a>,
    },
    /// `indicator-repeated` (a sheet's): sheet `sheet` is a pivot table
    /// (its header `header` in `cell`, «Sum of …»), a summary of the
    /// report's figures: set aside, the figures taken from sheet `kept`.
    PivotSheet {
        sheet: &'a str,
        header: &'a str,
        cell: &'a str,
        kept: &'a str,
    },
    /// Not a finding: a line under the feedback's findings sheet. The
    /// chart sheet `sheet` of the unit's file (a chart on a sheet of its
    /// own) is not in its feedback, whose sheets are re-rendered from
    /// what was read (worksheets only). Its code, `file-skipped`, is the
    /// nearest: a part of the file left out.
    ChartSheetLeftOut { sheet: &'a str },
    /// `rows-ignored`: the table stops at row `stop` (1-based) but `rows`
    /// ("31, 32") below it hold indicators with figures.
    RowsIgnored { stop: u32, rows: &'a str },
    /// `formula-evaluated`: `file` has `count` formulas without a value,
    /// computed by the tool.
    FormulaEvaluated { file: &'a str, count: usize },
    /// `value-invalid` (a warning): the number `value` in `cell` (a
    /// range, "D18:D19") of `column` is merged down over the indicator
    /// rows of `indicators` (each by code and name: «DO03a «…», DO03b
    /// «…»»): one figure for them together, read for none of them.
    FigureMergedOverRows {
        cell: &'a str,
        column: ValueColumn,
        value: &'a str,
        indicators: &'a str,
    },
    /// `formula-evaluated` (a warning): `cell` of `code` «`name`»,
    /// `column`, holds the formula `formula` (quoted short), evaluated by
    /// the tool, that takes a number typed as text: read as the tool reads
    /// such a number it gives `read`; with the text as typed, as Excel
    /// takes it, `excel` (a number, an error value, or empty for blank).
    FormulaTextOperand {
        cell: &'a str,
        code: &'a str,
        name: &'a str,
        column: ValueColumn,
        formula: &'a str,
        read: &'a str,
        excel: &'a str,
    },
    /// `value-uncomputed`: `cell` of `code` «`name`», `column`, holds the
    /// formula `formula` (quoted short) with no value, which the tool
    /// could not compute either, for the reason `why` (Vietnamese,
    /// English; empty when unknown). `derived`: a percent or a rate
    /// (info: recomputed anyway), else a quantity (an error).
    ValueUncomputed {
        cell: &'a str,
        code: &'a str,
        name: &'a str,
        column: ValueColumn,
        formula: &'a str,
        why: (&'a str, &'a str),
        derived: bool,
    },
    /// `value-uncomputed` (warning): `cell` of `code`, `column`, holds the
    /// formula `formula` (quoted short), a link the tool could not compute
    /// (to the sheet `missing`, not in the workbook, when not empty),
    /// while the sheet `used_sheet` gives the same figure, `used_value` in
    /// `used_cell`: that figure is the one counted.
    LinkBroken {
        cell: &'a str,
        code: &'a str,
        column: ValueColumn,
        formula: &'a str,
        missing: &'a str,
        used_sheet: &'a str,
        used_cell: &'a str,
        used_value: &'a str,
    },
    /// `template-outdated`: `file` is a form of template version `was`
    /// where `now` is in use (either empty when not stated).
    TemplateOutdated {
        file: &'a str,
        was: &'a str,
        now: &'a str,
    },
    /// `template-outdated` (error): `file` is a form made from the
    /// template of another office (`office`, its form titled `title`,
    /// version `version`) than the one in use (`now_office`'s): not read.
    FormOfOtherTemplate {
        file: &'a str,
        office: &'a str,
        title: &'a str,
        version: &'a str,
        now_office: &'a str,
    },
    /// `file-unknown-unit`: `file` is the form made for `form` (code
    /// `form_code`) but its title (`by_title`) or its file name names
    /// `other` (`other_code`), whose own form is `proper`.
    FormOfAnother {
        file: &'a str,
        form: &'a str,
        form_code: &'a str,
        other: &'a str,
        other_code: &'a str,
        by_title: bool,
        proper: &'a str,
    },
}

/// What two sheets of one period that give the same figures come to.
pub enum SheetRepeat<'a> {
    /// `count` figures, equal on both sheets: read once, from `kept`.
    Same { count: usize },
    /// They differ and `sheet` is hidden (`hidden`) or named as a draft
    /// ("Nháp", "Bản cũ"): a draft, set aside whole.
    Draft { d: SheetDiffer<'a>, hidden: bool },
    /// They differ and neither is hidden: only `kept`'s are counted.
    Conflict(SheetDiffer<'a>),
    /// `sheet` is the year's plan and its KH differs from the report's:
    /// the report's are counted.
    Plan(SheetDiffer<'a>),
}

/// How two sheets differ: `count` figures, the first of them `code`'s in
/// `column`, `kept` on the sheet read and `other` on the sheet set aside
/// (as the figures are shown).
pub struct SheetDiffer<'a> {
    pub count: usize,
    pub code: &'a str,
    pub column: ValueColumn,
    pub kept: &'a str,
    pub other: &'a str,
}

/// A template version as a message shows it: "(không ghi)" / "(none)"
/// when the form states none.
pub fn version_shown(v: &str, lang: Lang) -> String {
    if v.is_empty() {
        lang.pick("(không ghi)", "(none)").to_string()
    } else {
        v.to_string()
    }
}

impl Words for Read<'_> {
    fn code(&self) -> Code {
        match self {
            Read::LegacyEncoding { .. } => Code::LegacyEncoding,
            Read::SheetUnreadable { .. } => Code::FileUnreadable,
            Read::UnitConverted { .. }
            | Read::UnitLabelOnly { .. }
            | Read::UnitUnconvertible { .. }
            | Read::UnitLabelDoubtful { .. }
            | Read::FigureSignConverted { .. }
            | Read::UnitOtherName { .. }
            | Read::UnitsConverted { .. }
            | Read::UnitsOtherName { .. } => Code::UnitMismatch,
            Read::ValueInvalid { .. }
            | Read::NumberAsDate { .. }
            | Read::FigureMergedOverRows { .. }
            | Read::TargetAsChange { .. }
            | Read::TargetInWords { .. }
            | Read::PercentInWords { .. }
            | Read::ChangeInCount { .. }
            | Read::FigureWithNote { .. }
            | Read::FiguresWithUnit { .. }
            | Read::CrossedCells { .. }
            | Read::NoneInWords { .. }
            | Read::FormulaGivesText { .. } => Code::ValueInvalid,
            Read::NumberAmbiguous { .. }
            | Read::CountWithComma { .. }
            | Read::RatesAsFractions { .. }
            | Read::TargetBound { .. } => Code::NumberAmbiguous,
            Read::ColumnIgnored { .. }
            | Read::ColumnsIgnored { .. }
            | Read::ColumnOtherPeriod { .. }
            | Read::ColumnNextYear { .. }
            | Read::ColumnOtherFigures { .. }
            | Read::ColumnOriginalPlan { .. }
            | Read::ColumnPlanByPercents { .. }
            | Read::ColumnTaken { .. }
            | Read::ColumnHidden { .. }
            | Read::PlanSheet { .. } => Code::ColumnIgnored,
            Read::LkTakenAsTh
            | Read::ThFromLk { .. }
            | Read::LkMissingAtYearEnd { .. }
            | Read::YearFromMonths { .. }
            | Read::ColumnsDeleted { .. } => Code::ColumnMissing,
            Read::YearNotMonthsSum { .. } => Code::SumMismatch,
            Read::SheetOtherPeriod { .. }
            | Read::SheetTitleStale { .. }
            | Read::TitleOtherThanHeaders { .. }
            | Read::ColumnsOfOtherPeriod { .. }
            | Read::ColumnsOfOtherPeriodUntitled { .. }
            | Read::TitleBehindHeaders { .. }
            | Read::TitleBehindStamp { .. }
            | Read::PlanNamedNextYear { .. } => Code::PeriodMismatch,
            Read::SeasonPeriodAssumed { .. } => Code::PeriodMissing,
            Read::RowsIgnored { .. } => Code::RowsIgnored,
            Read::SheetRepeated { .. } | Read::PivotSheet { .. } => Code::IndicatorRepeated,
            Read::FormulaEvaluated { .. } | Read::FormulaTextOperand { .. } => {
                Code::FormulaEvaluated
            }
            Read::ValueUncomputed { .. } | Read::PercentError { .. } | Read::LinkBroken { .. } => {
                Code::ValueUncomputed
            }
            Read::TemplateOutdated { .. } | Read::FormOfOtherTemplate { .. } => {
                Code::TemplateOutdated
            }
            Read::FormOfAnother { .. } => Code::FileUnknownUnit,
            Read::ChartSheetLeftOut { .. } => Code::FileSkipped,
        }
    }

    fn words(&self, lang: Lang) -> String {
        match self {
            Read::ValueUncomputed { .. } => uncomputed(self, lang),
            Read::LinkBroken { .. } => link_broken(self, lang),
            Read::TemplateOutdated { .. }
            | Read::FormOfOtherTemplate { .. }
            | Read::FormOfAnother { .. } => stamp(self, lang),
            Read::SheetRepeated { sheet, kept, how } => repeated(sheet, kept, how, lang),
            Read::PlanSheet { .. } => plan_sheet(self, lang),
            Read::PivotSheet {
                sheet,
                header,
                cell,
                kept,
            } => match lang {
                Lang::Vi => format!("Trang «{sheet}» là bảng tổng hợp PivotTable (tiêu đề «{header}» ở ô {cell}), không phải báo cáo: không được đọc; số liệu lấy ở trang «{kept}». Trang này không cần sửa."),
                Lang::En => format!("Sheet «{sheet}» is a pivot table (header «{header}» in {cell}), a summary, not the report: it is not read; the figures are taken from sheet «{kept}». Nothing on this sheet needs changing."),
            },
            Read::ChartSheetLeftOut { sheet } => match lang {
                Lang::Vi => format!("Biểu đồ «{sheet}» không được chép vào bản phản hồi (bản này chỉ chép lại các trang số liệu); biểu đồ vẫn nguyên trong tệp gốc của đơn vị."),
                Lang::En => format!("The chart «{sheet}» is not copied into this feedback (it copies the worksheets only); the chart is still in the unit's own file."),
            },
            _ => table(self, lang),
        }
    }
}

/// The words of a sheet that repeats another's figures.
fn repeated(sheet: &str, kept: &str, how: &SheetRepeat, lang: Lang) -> String {
    match (how, lang) {
        (SheetRepeat::Same { count }, Lang::Vi) => format!("Trang «{sheet}» ghi lại {count} số liệu đã có ở trang «{kept}», cùng giá trị: mỗi số liệu chỉ được tính một lần, lấy ở trang «{kept}»."),
        (SheetRepeat::Same { count }, Lang::En) => {
            let n = lang.count(*count, ("", "figure", "figures"));
            format!("Sheet «{sheet}» repeats {n} of sheet «{kept}», with the same values: each figure is counted once, from «{kept}».")
        }
        (SheetRepeat::Draft { d, hidden: true }, Lang::Vi) => format!("Trang ẩn «{sheet}» có số liệu cùng kỳ báo cáo nhưng khác trang «{kept}» ở {} số liệu (ví dụ {} cột {}: {} ở trang ẩn, {} ở trang «{kept}»): trang ẩn được coi là bản nháp và không được đọc; số liệu lấy từ trang «{kept}».", d.count, d.code, d.column, d.other, d.kept),
        (SheetRepeat::Draft { d, hidden: true }, Lang::En) => {
            let n = lang.count(d.count, ("", "figure", "figures"));
            format!("Hidden sheet «{sheet}» holds figures of the period that differ from sheet «{kept}» in {n} (e.g. {} {}: {} on the hidden sheet, {} on «{kept}»): a hidden sheet is taken for a draft and is not read; the figures are taken from «{kept}».", d.code, d.column, d.other, d.kept)
        }
        (SheetRepeat::Draft { d, hidden: false }, Lang::Vi) => format!("Trang «{sheet}» có số liệu cùng kỳ báo cáo nhưng khác trang «{kept}» ở {} số liệu (ví dụ {} cột {}: {} ở trang «{sheet}», {} ở trang «{kept}»): tên trang cho thấy đây là bản nháp hoặc bản cũ nên không được đọc; số liệu lấy từ trang «{kept}». Nếu trang «{sheet}» mới là báo cáo, hãy đổi tên hoặc xóa trang kia rồi gửi lại.", d.count, d.code, d.column, d.other, d.kept),
        (SheetRepeat::Draft { d, hidden: false }, Lang::En) => {
            let n = lang.count(d.count, ("", "figure", "figures"));
            format!("Sheet «{sheet}» holds figures of the period that differ from sheet «{kept}» in {n} (e.g. {} {}: {} on «{sheet}», {} on «{kept}»): its name says it is a draft or an old copy, so it is not read; the figures are taken from «{kept}». If «{sheet}» is the report, rename it or delete the other sheet and send the file again.", d.code, d.column, d.other, d.kept)
        }
        (SheetRepeat::Conflict(d), Lang::Vi) => format!("Hai trang «{kept}» và «{sheet}» cùng ghi số liệu của kỳ báo cáo nhưng khác nhau ở {} số liệu (ví dụ {} cột {}: {} ở trang «{kept}», {} ở trang «{sheet}»); chỉ tính số liệu của trang «{kept}», không cộng hai trang. Hãy xóa trang không phải là báo cáo (hoặc sửa cho khớp) rồi gửi lại.", d.count, d.code, d.column, d.kept, d.other),
        (SheetRepeat::Plan(d), Lang::Vi) => format!("Trang kế hoạch «{sheet}» ghi kế hoạch khác trang báo cáo «{kept}» ở {} số liệu (ví dụ {} cột {}: {} ở trang «{sheet}», {} ở trang «{kept}»); số liệu lấy ở trang báo cáo «{kept}». Nếu kế hoạch đã được điều chỉnh thì không cần sửa; nếu không, hãy sửa cho hai trang khớp nhau.", d.count, d.code, d.column, d.other, d.kept),
        (SheetRepeat::Plan(d), Lang::En) => {
            let n = lang.count(d.count, ("", "figure", "figures"));
            format!("Plan sheet «{sheet}» gives a plan that differs from report sheet «{kept}» in {n} (e.g. {} {}: {} on «{sheet}», {} on «{kept}»); the figures are taken from the report sheet «{kept}». If the plan was adjusted, nothing needs changing; if not, make the two sheets agree.", d.code, d.column, d.other, d.kept)
        }
        (SheetRepeat::Conflict(d), Lang::En) => {
            let n = lang.count(d.count, ("", "figure", "figures"));
            format!("Sheets «{kept}» and «{sheet}» both give the period's figures but differ in {n} (e.g. {} {}: {} on «{kept}», {} on «{sheet}»); only «{kept}»'s figures are counted, never the sum of both. Delete the sheet that is not the report (or make them agree) and send the file again.", d.code, d.column, d.kept, d.other)
        }
    }
}

/// The words of a plan sheet kept beside the report.
fn plan_sheet(r: &Read, lang: Lang) -> String {
    let Read::PlanSheet {
        sheet,
        title,
        cell,
        kh,
        others,
    } = r
    else {
        return String::new();
    };
    let by = match (title.is_empty(), lang) {
        (false, Lang::Vi) => format!("theo tiêu đề «{title}» ở ô {cell}"),
        (false, Lang::En) => format!("by its title «{title}» in {cell}"),
        (true, Lang::Vi) => "theo tên trang".to_string(),
        (true, Lang::En) => "by its name".to_string(),
    };
    let read = match (kh.is_empty(), lang) {
        (false, Lang::Vi) => format!("chỉ đọc cột kế hoạch «{kh}»"),
        (false, Lang::En) => format!("only its plan column «{kh}» is read"),
        (true, Lang::Vi) => "không đọc cột nào".to_string(),
        (true, Lang::En) => "none of its columns is read".to_string(),
    };
    let others = quoted(others);
    match lang {
        Lang::Vi => format!("Trang «{sheet}» là kế hoạch năm ({by}): {read}; các cột {others} là chỉ tiêu kế hoạch (chia theo quý) hoặc số liệu năm trước, không phải số thực hiện của kỳ báo cáo, nên không được đọc. Số liệu của kỳ báo cáo lấy ở trang báo cáo. Trang này không cần sửa."),
        Lang::En => format!("Sheet «{sheet}» is the year's plan ({by}): {read}; its columns {others} are plan targets (split by quarter) or last year's figures, not figures of the reporting period, and are not read. The period's figures are taken from the report sheet. Nothing on this sheet needs changing."),
    }
}

/// "Xã Tân Lập: " before the words of a finding about a unit's file, as
/// the checks' findings begin; nothing when the sender is not known.
/// What a quantity column holds, in words ("cùng kỳ năm trước").
fn column_meaning(c: ValueColumn, lang: Lang) -> &'static str {
    match (c, lang) {
        (ValueColumn::Kh, Lang::Vi) => "kế hoạch năm",
        (ValueColumn::Th, Lang::Vi) => "thực hiện trong kỳ",
        (ValueColumn::Lk, Lang::Vi) => "lũy kế từ đầu năm",
        (ValueColumn::Ck, Lang::Vi) => "cùng kỳ năm trước",
        (ValueColumn::PctKh, Lang::Vi) => "% so với kế hoạch",
        (ValueColumn::PctCk, Lang::Vi) => "% so với cùng kỳ",
        (ValueColumn::Kh, Lang::En) => "the year's plan",
        (ValueColumn::Th, Lang::En) => "done in the period",
        (ValueColumn::Lk, Lang::En) => "cumulative since January",
        (ValueColumn::Ck, Lang::En) => "the same period last year",
        (ValueColumn::PctKh, Lang::En) => "% of the plan",
        (ValueColumn::PctCk, Lang::En) => "% against last year",
    }
}

fn of(unit: &str) -> String {
    if unit.is_empty() {
        String::new()
    } else {
        format!("{unit}: ")
    }
}

/// "19 chỉ tiêu", "TH.01, …, TH.05 và 14 chỉ tiêu khác", "ô G5" / "các ô
/// C8, …": the indicators and cells of a unit told once for many rows.
fn many(codes: &[String], cells: &[String], lang: Lang) -> (String, String, String) {
    let n = lang.count(codes.len(), ("chỉ tiêu", "indicator", "indicators"));
    let codes = lang.some_of(codes, 5, ("chỉ tiêu", "indicators"));
    let shown = lang.some_of(cells, 5, ("ô", "cells"));
    let cells = match (cells.len(), lang) {
        (1, Lang::Vi) => format!("ô {shown}"),
        (1, Lang::En) => format!("cell {shown}"),
        (_, Lang::Vi) => format!("các ô {shown}"),
        (_, Lang::En) => format!("cells {shown}"),
    };
    (n, codes, cells)
}

/// The words of what a table holds.
fn table(r: &Read, lang: Lang) -> String {
    match (r, lang) {
        (Read::LegacyEncoding { file, encoding }, Lang::Vi) => format!("Tệp {file} dùng bảng mã cũ {encoding} (phông chữ .Vn…/VNI…); chữ đã được chuyển sang Unicode. Nên chuyển tệp sang Unicode (Unikey: công cụ chuyển mã) trước khi gửi."),
        (Read::LegacyEncoding { file, encoding }, Lang::En) => format!("File {file} uses the legacy encoding {encoding} (.Vn…/VNI… fonts); its text was converted to Unicode. Convert the file to Unicode before sending."),
        (Read::SheetUnreadable { what }, Lang::Vi) => format!("Một trang tính không đọc được: {what}"),
        (Read::SheetUnreadable { what }, Lang::En) => format!("A sheet could not be read: {what}"),
        (Read::UnitConverted { unit, code, name, written, catalog, factor }, Lang::Vi) => format!("{}Chỉ tiêu {code} «{name}» ghi đơn vị «{written}» trong khi danh mục dùng «{catalog}»; số liệu đã được quy đổi ({factor}). Hãy dùng đúng đơn vị của danh mục.", of(unit)),
        (Read::UnitConverted { unit, code, name, written, catalog, factor }, Lang::En) => format!("{}Indicator {code} «{name}» is written in «{written}» while the catalog uses «{catalog}»; its figures were converted ({factor}). Use the catalog's unit.", of(unit)),
        (Read::UnitUnconvertible { unit, code, name, written, catalog }, Lang::Vi) => format!("{}Chỉ tiêu {code} «{name}» ghi đơn vị «{written}», không quy đổi được sang «{catalog}» của danh mục; số liệu của dòng không được tổng hợp. Hãy ghi số liệu theo đơn vị «{catalog}».", of(unit)),
        (Read::UnitUnconvertible { unit, code, name, written, catalog }, Lang::En) => format!("{}Indicator {code} «{name}» is written in «{written}», which cannot be converted to the catalog's «{catalog}»; its figures are not consolidated. Report it in «{catalog}».", of(unit)),
        (Read::UnitLabelOnly { unit, code, name, written, catalog, column, figure, worked }, Lang::Vi) => format!("{}Chỉ tiêu {code} «{name}» ghi đơn vị «{written}», nhưng số liệu đã tính theo «{catalog}» của danh mục (cột {column}: {figure} = {worked}): chỉ có nhãn đơn vị ghi sai, số liệu được giữ nguyên, không quy đổi. Hãy sửa đơn vị tính thành «{catalog}».", of(unit)),
        (Read::UnitLabelOnly { unit, code, name, written, catalog, column, figure, worked }, Lang::En) => format!("{}Indicator {code} «{name}» is labelled «{written}», but its figures are already in the catalog's «{catalog}» (column {column}: {figure} = {worked}): only the label is wrong, so the figures are kept as written, not converted. Write «{catalog}» as its unit.", of(unit)),
        (Read::UnitLabelDoubtful { unit, code, name, written, catalog, factor, value, converted, smallest }, Lang::Vi) => format!("{}Chỉ tiêu {code} «{name}» ghi đơn vị «{written}», nhưng số liệu (lớn nhất {value}) quy đổi ({factor}) sang «{catalog}» của danh mục chỉ còn {converted} {catalog}, dưới {smallest} {catalog}, số nhỏ nhất danh mục ghi được: nhiều khả năng số liệu đã ghi theo «{catalog}», chỉ có đơn vị tính ghi sai. Số liệu của dòng không được tổng hợp. Hãy sửa đơn vị tính (hoặc số liệu) rồi gửi lại.", of(unit)),
        (Read::UnitLabelDoubtful { unit, code, name, written, catalog, factor, value, converted, smallest }, Lang::En) => format!("{}Indicator {code} «{name}» is labelled «{written}», but its figures (the largest {value}) converted ({factor}) to the catalog's «{catalog}» come to {converted} {catalog}, below {smallest} {catalog}, the smallest figure the catalog's decimals show: they are most probably in «{catalog}» already, under a wrong label. Its figures are not consolidated. Correct the unit (or the figures) and send it again.", of(unit)),
        (Read::FigureSignConverted { unit, cell, code, name, column, shown, row_unit, read, factor }, Lang::Vi) => format!("{}Ô {cell} (chỉ tiêu {code} «{name}», cột {column}) ghi «{shown}», khác đơn vị «{row_unit}» của dòng; số đã được quy đổi ({factor}) thành {read} {row_unit}. Hãy kiểm tra và chỉ ghi số theo «{row_unit}», không kèm dấu hay đơn vị.", of(unit)),
        (Read::FigureSignConverted { unit, cell, code, name, column, shown, row_unit, read, factor }, Lang::En) => format!("{}Cell {cell} (indicator {code} «{name}», column {column}) holds «{shown}», not in the row's unit «{row_unit}»; it was converted ({factor}) to {read} {row_unit}. Check it, and write only the figure in «{row_unit}», without a sign or unit.", of(unit)),
        (Read::UnitOtherName { unit, code, name, written, catalog }, Lang::Vi) => format!("{}Chỉ tiêu {code} «{name}» ghi đơn vị «{written}», khác «{catalog}» của danh mục; số liệu vẫn được tổng hợp như số {catalog}. Hãy kiểm tra và ghi đơn vị «{catalog}».", of(unit)),
        (Read::UnitOtherName { unit, code, name, written, catalog }, Lang::En) => format!("{}Indicator {code} «{name}» is counted in «{written}», not the catalog's «{catalog}»; its figures are consolidated as {catalog}. Check them and write the unit «{catalog}».", of(unit)),
        (Read::UnitsConverted { unit, codes, written, catalog, factor, cells }, _) => {
            let (n, codes, cells) = many(codes, cells, lang);
            lang.text(
                format!("{}{n} ({codes}) ghi đơn vị «{written}» ({cells}) trong khi danh mục dùng «{catalog}»; số liệu của các chỉ tiêu này đã được quy đổi ({factor}). Hãy dùng đúng đơn vị của danh mục.", of(unit)),
                format!("{}{n} ({codes}) are written in «{written}» ({cells}) while the catalog uses «{catalog}»; their figures were converted ({factor}). Use the catalog's unit.", of(unit)),
            )
        }
        (Read::UnitsOtherName { unit, codes, written, catalog, cells }, _) => {
            let (n, codes, cells) = many(codes, cells, lang);
            lang.text(
                format!("{}{n} ({codes}) ghi đơn vị «{written}» ({cells}), khác «{catalog}» của danh mục; số liệu vẫn được tổng hợp như số {catalog}. Hãy kiểm tra và ghi đơn vị «{catalog}».", of(unit)),
                format!("{}{n} ({codes}) are counted in «{written}» ({cells}), not the catalog's «{catalog}»; their figures are consolidated as {catalog}. Check them and write the unit «{catalog}».", of(unit)),
            )
        }
        (Read::CrossedCells { unit, mark, count, cells }, Lang::Vi) => format!("{}ghi «{mark}» ở {count} ô số liệu ({cells}): «{mark}» được đọc là ô trống (chưa có số liệu), không phải số 0, nên các tổng chưa gồm số của đơn vị ở các ô này. Hãy ghi số liệu vào các ô đó (ghi 0 nếu không phát sinh).", of(unit)),
        (Read::CrossedCells { unit, mark, count, cells }, Lang::En) => {
            let n = lang.count(*count, ("", "figure cell", "figure cells"));
            format!("{}«{mark}» in {n} ({cells}): «{mark}» is read as blank (no figure), not as 0, so the totals lack the unit's figures there. Write the figures in those cells (0 where nothing happened).", of(unit))
        }
        (Read::NoneInWords { unit, words, count: 1, cells }, Lang::Vi) => format!("{}ghi {words} ở ô số liệu {cells}: theo mẫu biểu, chữ trong ô số liệu được đọc là ô trống (chưa có số liệu), không phải số 0, nên các tổng và các phép kiểm tra chưa gồm số của đơn vị ở ô này. Hãy ghi số vào ô đó (ghi 0 nếu không phát sinh).", of(unit)),
        (Read::NoneInWords { unit, words, count, cells }, Lang::Vi) => format!("{}ghi {words} ở {count} ô số liệu ({cells}): theo mẫu biểu, chữ trong ô số liệu được đọc là ô trống (chưa có số liệu), không phải số 0, nên các tổng và các phép kiểm tra chưa gồm số của đơn vị ở các ô này. Hãy ghi số vào các ô đó (ghi 0 nếu không phát sinh).", of(unit)),
        (Read::NoneInWords { unit, words, count, cells }, Lang::En) => {
            let n = lang.count(*count, ("", "figure cell", "figure cells"));
            let those = if *count == 1 { "that cell" } else { "those cells" };
            format!("{}{words} in {n} ({cells}): the template reads words in a figure cell as blank (no figure), not as 0, so the totals and the checks lack the unit's figures there. Write a number in {those} (0 where nothing happened).", of(unit))
        }
        (Read::ColumnsDeleted { unit, columns, form }, _) => {
            let named: Vec<String> = columns
                .iter()
                .map(|c| format!("{} ({})", c.as_str(), column_meaning(*c, lang)))
                .collect();
            let named = named.join(", ");
            match (lang, form) {
                (Lang::Vi, true) => {
                    let n = if columns.len() > 1 { "các cột" } else { "cột" };
                    format!("{}biểu không có {n} {named} của mẫu biểu (đã bị xóa): thiếu số liệu của đơn vị ở {n} này, nên tổng toàn địa bàn của {n} này (và tỷ lệ tính từ đó) phải để trống. Hãy bổ sung {n} {named} với số liệu của từng chỉ tiêu rồi gửi lại.", of(unit))
                }
                (Lang::Vi, false) => {
                    let n = if columns.len() > 1 { "các cột" } else { "cột" };
                    format!("{}biểu thiếu {n} {named} mà mẫu biểu yêu cầu cho kỳ báo cáo này: thiếu số liệu của đơn vị ở {n} này, nên tổng toàn địa bàn của {n} này (và tỷ lệ tính từ đó) phải để trống. Hãy bổ sung {n} {named} theo mẫu biểu với số liệu của từng chỉ tiêu rồi gửi lại.", of(unit))
                }
                (Lang::En, true) => {
                    let (n, that) = if columns.len() > 1 { ("columns", "those") } else { ("column", "that") };
                    format!("{}the form has no {n} {named}, which the template's form has (deleted): the unit's figures there are missing, so the area's totals of {that} {n} (and the percents worked from them) are left empty. Add the {n} {named} with each indicator's figures and send it again.", of(unit))
                }
                (Lang::En, false) => {
                    let (n, that) = if columns.len() > 1 { ("columns", "those") } else { ("column", "that") };
                    format!("{}the table lacks the {n} {named}, which the template asks for in this period: the unit's figures there are missing, so the area's totals of {that} {n} (and the percents worked from them) are left empty. Add the {n} {named} as in the template's form, with each indicator's figures, and send it again.", of(unit))
                }
            }
        }
        (Read::FiguresWithUnit { file, count, example, cell }, Lang::Vi) => format!("Tệp {file} ghi số kèm đơn vị ở {count} ô (ví dụ ô {cell}: «{example}»); đơn vị ghi kèm đúng là đơn vị tính của dòng, nên đã đọc phần số. Lần sau chỉ cần ghi số vào ô."),
        (Read::FiguresWithUnit { file, count, example, cell }, Lang::En) => {
            let n = lang.count(*count, ("", "figure cell", "figure cells"));
            format!("File {file} writes the unit beside the number in {n} (e.g. cell {cell}: «{example}»); the unit is the row's own, so the number was read. Next time, type only the number in the cell.")
        }
        (Read::FormulaGivesText { unit, cell, code, name, column, formula, shown, derived }, Lang::Vi) => {
            let then = if *derived { "Tỷ lệ này không được kiểm tra; khi tổng hợp, công cụ tự tính lại từ số liệu gốc." } else { "Hãy sửa ô mà công thức lấy số thành một con số; ô này sẽ tự đúng." };
            format!("{}Ô {cell} (chỉ tiêu {code} «{name}», cột {column}) có công thức ={formula}, cho kết quả «{shown}» lấy từ ô khác, không phải là số. {then}", of(unit))
        }
        (Read::FormulaGivesText { unit, cell, code, name, column, formula, shown, derived }, Lang::En) => {
            let then = if *derived { "This percent is not checked; the consolidation recomputes it from its operands." } else { "Correct the cell the formula takes it from to a number; this one follows." };
            format!("{}Cell {cell} (indicator {code} «{name}», column {column}) holds the formula ={formula}, which gives «{shown}» from another cell, not a number. {then}", of(unit))
        }
        (Read::ValueInvalid { unit, cell, code, name, column, shown }, Lang::Vi) => format!("{}Ô {cell} (chỉ tiêu {code} «{name}», cột {column}) ghi «{shown}», không phải là số. Hãy ghi một con số, hoặc để trống nếu không có số liệu.", of(unit)),
        (Read::ValueInvalid { unit, cell, code, name, column, shown }, Lang::En) => format!("{}Cell {cell} (indicator {code} «{name}», column {column}) holds «{shown}», which is not a number. Write a number, or leave it blank when there is no figure.", of(unit)),
        (Read::NumberAsDate { unit, cell, code, name, column, shown, value }, Lang::Vi) => format!("{}Ô {cell} (chỉ tiêu {code} «{name}», cột {column}) chứa số {value} nhưng được định dạng kiểu ngày tháng, nên hiện và in ra «{shown}». Hãy đổi định dạng ô sang Số (chuột phải > Định dạng ô > Số); nếu đây đúng là ngày tháng, hãy ghi số liệu của chỉ tiêu thay vào.", of(unit)),
        (Read::NumberAsDate { unit, cell, code, name, column, shown, value }, Lang::En) => format!("{}Cell {cell} (indicator {code} «{name}», column {column}) holds the number {value} but is formatted as a date, so it shows and prints as «{shown}». Change the cell's format to Number (right-click > Format Cells > Number); if it really is a date, write the indicator's figure instead.", of(unit)),
        (Read::TargetAsChange { unit, cell, code, name, text }, Lang::Vi) => format!("{}Ô {cell} (chỉ tiêu {code} «{name}», cột KH) ghi «{text}»: chỉ tiêu ghi dạng mức giảm/tăng, không phải mức cần đạt, nên không dùng để tính %KH và không cộng vào tổng kế hoạch.", of(unit)),
        (Read::TargetAsChange { unit, cell, code, name, text }, Lang::En) => format!("{}Cell {cell} (indicator {code} «{name}», column KH) holds «{text}»: a target written as a change, not a level, so it is not used for %KH nor added to the plan total.", of(unit)),
        (Read::TargetInWords { unit, cell, code, name, text }, Lang::Vi) => format!("{}Ô {cell} (chỉ tiêu {code} «{name}», cột KH) ghi «{text}», một lời đánh giá, không phải chỉ tiêu bằng số: kế hoạch của đơn vị không được cộng vào tổng kế hoạch và %KH của đơn vị không được tính. Nếu chỉ tiêu là một con số, hãy ghi số đó vào ô này.", of(unit)),
        (Read::TargetInWords { unit, cell, code, name, text }, Lang::En) => format!("{}Cell {cell} (indicator {code} «{name}», column KH) holds «{text}», an assessment, not a target in figures: the unit's plan is not added to the plan total and its %KH is not computed. If the target is a number, write that number in this cell.", of(unit)),
        (Read::PercentInWords { unit, cell, code, name, column, text }, Lang::Vi) => format!("{}Ô {cell} (chỉ tiêu {code} «{name}», cột {column}) ghi lời đánh giá «{text}» thay cho tỷ lệ: ô này không được kiểm tra; khi tổng hợp, công cụ tự tính lại tỷ lệ từ số liệu gốc.", of(unit)),
        (Read::PercentInWords { unit, cell, code, name, column, text }, Lang::En) => format!("{}Cell {cell} (indicator {code} «{name}», column {column}) holds the assessment «{text}» instead of a percent: the cell is not checked; the consolidation computes the percent from its operands.", of(unit)),
        (Read::ChangeInCount { unit, cell, code, name, column, text }, Lang::Vi) => format!("{}Ô {cell} (chỉ tiêu {code} «{name}», cột {column}) ghi mức tăng, giảm bằng số lượng «{text}» thay cho phần trăm (so với 0 thì không có phần trăm): ô này không được kiểm tra; khi tổng hợp, công cụ tự tính phần trăm từ số liệu gốc.", of(unit)),
        (Read::ChangeInCount { unit, cell, code, name, column, text }, Lang::En) => format!("{}Cell {cell} (indicator {code} «{name}», column {column}) states the change as a count, «{text}», instead of a percent (there is no percent of 0): the cell is not checked; the consolidation computes the percent from its operands.", of(unit)),
        (Read::FigureWithNote { unit, cell, code, name, column, text, read, note }, Lang::Vi) => format!("{}Ô {cell} (chỉ tiêu {code} «{name}», cột {column}) ghi «{text}»: đã đọc số {read}; phần trong ngoặc «{note}» là lời ghi chú, không được tính. Hãy kiểm tra số {read} và ghi lời ghi chú vào cột Ghi chú, chỉ để số trong ô.", of(unit)),
        (Read::FigureWithNote { unit, cell, code, name, column, text, read, note }, Lang::En) => format!("{}Cell {cell} (indicator {code} «{name}», column {column}) holds «{text}»: read as {read}; the words in brackets, «{note}», are a note and are not counted. Check {read}, and write notes in the Ghi chú column with only the figure in the cell.", of(unit)),
        (Read::CountWithComma { unit, cell, code, name, column, counted, text, read, meant }, Lang::Vi) => format!("{}Ô {cell} (chỉ tiêu {code} «{name}», cột {column}) ghi «{text}», đọc theo cách viết số của Việt Nam là {read}, nhưng số {counted} không thể có phần lẻ: có lẽ là {meant} (dấu phẩy phân cách hàng nghìn theo kiểu tiếng Anh). Số này không được dùng để kiểm tra và tổng hợp; hãy sửa thành {meant} (dấu chấm phân cách hàng nghìn, hoặc ghi số không có dấu) hoặc số đúng rồi gửi lại.", of(unit)),
        (Read::CountWithComma { unit, cell, code, name, column, counted, text, read, meant }, Lang::En) => format!("{}Cell {cell} (indicator {code} «{name}», column {column}) holds «{text}», which the Vietnamese way of writing numbers reads as {read}, but a number of {counted} cannot have a fraction: it is probably {meant} (a comma separating the thousands the English way). The figure is not used in checks and totals; correct it to {meant} (a dot separating the thousands, or no separator) or to the right figure and send the file again.", of(unit)),
        (Read::NumberAmbiguous { text, cell, read, other }, Lang::Vi) => format!("Số «{text}» ở ô {cell} có thể hiểu theo hai cách: đã đọc là {read}, không phải {other}. Hãy kiểm tra."),
        (Read::NumberAmbiguous { text, cell, read, other }, Lang::En) => format!("The number «{text}» in cell {cell} can be read two ways: it was read as {read}, not {other}. Please check."),
        (Read::PercentError { cell, code, name, column, shown }, Lang::Vi) => format!("Ô {cell} (chỉ tiêu {code} «{name}», cột {column}) báo lỗi {shown} của Excel: công thức không tính được (thường vì số chia trống hoặc bằng 0). Tỷ lệ này không được kiểm tra; khi tổng hợp, công cụ tự tính lại từ số liệu gốc. Có thể để trống ô này."),
        (Read::PercentError { cell, code, name, column, shown }, Lang::En) => format!("Cell {cell} (indicator {code} «{name}», column {column}) shows Excel's error {shown}: its formula cannot be computed (usually a divisor that is empty or zero). This percent is not checked; the consolidation recomputes it from its operands. The cell may be left blank."),
        (Read::RatesAsFractions { count, cells, written, read }, Lang::Vi) => format!("{count} ô tỷ lệ (%) ghi dạng số thập phân trong ô định dạng General ({cells}): {written} được hiểu là {read}%, theo các số liệu của công thức, và được tổng hợp theo %. Nên ghi tỷ lệ bằng số phần trăm (ví dụ {read}) hoặc định dạng ô là %."),
        (Read::RatesAsFractions { count, cells, written, read }, Lang::En) => {
            let n = lang.count(*count, ("", "percent rate cell", "percent rate cells"));
            format!("{n} typed as fractions in General-format cells ({cells}): {written} was read as {read}%, as the formula's figures give, and is consolidated as a percent. Write rates as percents (e.g. {read}) or format the cells as percent.")
        }
        (Read::TargetBound { cell, code, name, text, read }, Lang::Vi) => format!("Ô {cell} (chỉ tiêu {code} «{name}», cột KH) ghi chỉ tiêu dạng ngưỡng «{text}»; đã đọc chỉ tiêu kế hoạch là {read}."),
        (Read::TargetBound { cell, code, name, text, read }, Lang::En) => format!("Cell {cell} (indicator {code} «{name}», column KH) states the target as a bound «{text}»; the target was read as {read}."),
        (Read::ColumnIgnored { label, cell }, Lang::Vi) => format!("Cột «{label}» (ô {cell}) không được đọc: tiêu đề không cho biết đây là cột số liệu nào của kỳ báo cáo (KH, TH, LK, CK, %KH, %CK). Nếu đây là cột số liệu, hãy đặt tiêu đề theo mẫu biểu."),
        (Read::ColumnOtherPeriod { label, cell, column, period }, Lang::Vi) => format!("Cột «{label}» (ô {cell}) không được đọc: tiêu đề ghi một kỳ khác kỳ báo cáo ({period}), và bảng không có cột {column} nào khác, nên mọi số {column} của tệp này không được tổng hợp. Nếu đây là số liệu của {period}, hãy sửa tiêu đề cột cho đúng kỳ rồi gửi lại."),
        (Read::ColumnOtherPeriod { label, cell, column, period }, Lang::En) => format!("Column «{label}» (cell {cell}) is not read: its header names another period than the report's ({period}), and the table has no other {column} column, so none of this file's {column} figures are consolidated. If they are {period}'s, correct the column's header and send it again."),
        (Read::ColumnsIgnored { labels, count, cell, last_cell }, Lang::Vi) => format!("Các cột {} ({} cột, ô {cell} đến ô {last_cell}) không được đọc: tiêu đề không cho biết đây là cột số liệu nào của kỳ báo cáo (KH, TH, LK, CK, %KH, %CK). Nếu đây là các cột số liệu, hãy đặt tiêu đề theo mẫu biểu.", some_labels(labels, *count), crate::number::format_vi(*count as f64, 0)),
        (Read::ColumnsIgnored { labels, count, cell, last_cell }, Lang::En) => format!("Columns {} ({} columns, cells {cell} to {last_cell}) are not read: their headers do not say which figure of the period they hold (KH, TH, LK, CK, %KH, %CK). If they hold figures, title them as the form does.", some_labels(labels, *count), crate::number::format_en(*count as f64, 0)),
        (Read::ColumnIgnored { label, cell }, Lang::En) => format!("Column «{label}» (cell {cell}) is not read: its header does not say which figure of the period it holds (KH, TH, LK, CK, %KH, %CK). If it holds figures, title it as the form does."),
        (Read::ColumnNextYear { label, cell, year, period }, Lang::Vi) => format!("Cột «{label}» (ô {cell}) không được đọc: đây là số liệu năm {year} (kế hoạch, dự kiến của năm sau), không phải của kỳ báo cáo {period}. Cột này không cần sửa."),
        (Read::ColumnNextYear { label, cell, year, period }, Lang::En) => format!("Column «{label}» (cell {cell}) is not read: it holds figures for {year} (next year's plan or estimate), not for the reporting period {period}. Nothing needs changing."),
        (Read::ColumnOtherFigures { label, cell, period }, Lang::Vi) => format!("Cột «{label}» (ô {cell}) không được đọc: đây là số liệu của một kỳ khác, không phải của kỳ báo cáo {period}; số liệu của kỳ báo cáo được đọc ở các cột khác của bảng. Cột này không cần sửa."),
        (Read::ColumnOtherFigures { label, cell, period }, Lang::En) => format!("Column «{label}» (cell {cell}) is not read: it holds figures of another period, not of the reporting period {period}, whose figures are read from the table's other columns. Nothing needs changing."),
        (Read::ColumnPlanByPercents { label, cell, other, other_cell, pct_cell, agree, differ }, Lang::Vi) => format!("Cột «{label}» (ô {cell}) không được đọc: bảng có hai cột kế hoạch (dự toán) của năm, và tỷ lệ % so kế hoạch (cột {}) tính theo cột {} «{other}» (ô {other_cell}): ở {agree}/{differ} dòng tỷ lệ không khớp với cột {}, tỷ lệ khớp với cột {}. Vì vậy cột {} được đọc làm cột KH của năm và % so với KH được kiểm tra theo cột đó. Nếu cột «{label}» mới là kế hoạch của năm, hãy tính lại tỷ lệ % so kế hoạch theo cột đó.", letters(pct_cell), letters(other_cell), letters(cell), letters(other_cell), letters(other_cell)),
        (Read::ColumnPlanByPercents { label, cell, other, other_cell, pct_cell, agree, differ }, Lang::En) => format!("Column «{label}» (cell {cell}) is not read: the table has two columns of the year's plan (budget estimate), and the percent of plan (column {}) is worked against column {} «{other}» (cell {other_cell}): on {agree} of the {differ} rows where it does not fit column {}, it fits column {}. So column {} is read as the year's KH column and %KH is checked against it. If «{label}» is the year's plan, work the percent of plan out against it.", letters(pct_cell), letters(other_cell), letters(cell), letters(other_cell), letters(other_cell)),
        (Read::ColumnOriginalPlan { label, cell, other, other_cell, kept: "" }, Lang::Vi) => format!("Cột «{label}» (ô {cell}) không được đọc: đây là kế hoạch (dự toán) giao ban đầu; cột «{other}» (ô {other_cell}) là kế hoạch đã điều chỉnh, được đọc làm cột KH của năm, và % so với KH được kiểm tra theo cột đó. Không cần sửa gì."),
        (Read::ColumnOriginalPlan { label, cell, other, other_cell, kept: "" }, Lang::En) => format!("Column «{label}» (cell {cell}) is not read: it is the plan (budget estimate) as first set; column «{other}» (cell {other_cell}) is the adjusted plan, read as the year's KH column, and %KH is checked against it. Nothing needs changing."),
        (Read::ColumnOriginalPlan { label, cell, other, other_cell, kept }, Lang::Vi) => format!("Cột «{label}» (ô {cell}) là kế hoạch (dự toán) giao ban đầu; cột «{other}» (ô {other_cell}) là kế hoạch đã điều chỉnh, được đọc làm cột KH của năm, và % so với KH được kiểm tra theo cột đó. Các dòng để trống ô của cột «{other}» là kế hoạch không điều chỉnh: KH của các dòng này (dòng {kept}) là số của cột «{label}». Không cần sửa gì."),
        (Read::ColumnOriginalPlan { label, cell, other, other_cell, kept }, Lang::En) => format!("Column «{label}» (cell {cell}) is the plan (budget estimate) as first set; column «{other}» (cell {other_cell}) is the adjusted plan, read as the year's KH column, and %KH is checked against it. Rows whose cell in «{other}» is blank kept their plan unadjusted: their KH (rows {kept}) is the figure of «{label}». Nothing needs changing."),
        (Read::ColumnTaken { label, cell, other, other_cell, column: Some(v) }, Lang::Vi) => format!("Cột «{label}» (ô {cell}) không được đọc: cột «{other}» (ô {other_cell}) đứng trước đã là cột {v} của bảng, mỗi loại số liệu chỉ đọc ở một cột. Nếu cột này mới đúng, hãy xóa hoặc đổi tiêu đề cột kia."),
        (Read::ColumnTaken { label, cell, other, other_cell, column: Some(v) }, Lang::En) => format!("Column «{label}» (cell {cell}) is not read: column «{other}» (cell {other_cell}) before it already is the table's {v} column, and each figure is read from one column only. If this one is right, delete or retitle the other."),
        (Read::ColumnTaken { label, cell, other, other_cell, column: None }, Lang::Vi) => format!("Cột «{label}» (ô {cell}) không được đọc: cột «{other}» (ô {other_cell}) đứng trước đã được đọc cho cùng nội dung này. Nếu cột này mới đúng, hãy xóa hoặc đổi tiêu đề cột kia."),
        (Read::ColumnTaken { label, cell, other, other_cell, column: None }, Lang::En) => format!("Column «{label}» (cell {cell}) is not read: column «{other}» (cell {other_cell}) before it is already read for the same thing. If this one is right, delete or retitle the other."),
        (Read::ColumnHidden { label, cell, other, other_cell, column: Some(v) }, Lang::Vi) => format!("Cột «{label}» (ô {cell}) đang bị ẩn nên không được đọc: cột đang hiện «{other}» (ô {other_cell}) cũng là cột {v}, số liệu lấy từ cột đó. Nếu cột ẩn là số cũ, hãy xóa cột đó."),
        (Read::ColumnHidden { label, cell, other, other_cell, column: Some(v) }, Lang::En) => format!("Column «{label}» (cell {cell}) is hidden and is not read: the visible column «{other}» (cell {other_cell}) is also the {v} column, and its figures are used. If the hidden column holds old figures, delete it."),
        (Read::ColumnHidden { label, cell, other, other_cell, column: None }, Lang::Vi) => format!("Cột «{label}» (ô {cell}) đang bị ẩn nên không được đọc: cột đang hiện «{other}» (ô {other_cell}) có cùng nội dung và được đọc. Nếu cột ẩn là số cũ, hãy xóa cột đó."),
        (Read::ColumnHidden { label, cell, other, other_cell, column: None }, Lang::En) => format!("Column «{label}» (cell {cell}) is hidden and is not read: the visible column «{other}» (cell {other_cell}) holds the same and is read. If the hidden column holds old figures, delete it."),
        (Read::SheetOtherPeriod { sheet, stated, period, by_name }, Lang::Vi) => format!("Trang «{sheet}» là số liệu {} ({}), không phải {}: trang này không được đọc; số liệu lấy từ trang của {}.", stated.title_vi(), if *by_name { "theo tên trang" } else { "theo tiêu đề" }, period.title_vi(), period.title_vi()),
        (Read::SheetOtherPeriod { sheet, stated, period, by_name }, Lang::En) => format!("Sheet «{sheet}» holds the figures of {} ({}), not {}: it is not read; the figures are taken from the sheet of {}.", stated.title_en(), if *by_name { "by its name" } else { "by its title" }, period.title_en(), period.title_en()),
        (Read::SheetTitleStale { sheet, cell, stated, period, count, counted: true }, Lang::Vi) => format!("Trang «{sheet}» có tiêu đề (ô {cell}) ghi {} nhưng {count} chỉ tiêu của trang không có ở trang nào của {}: đây không phải bản cũ, số liệu của trang được đọc là của {} và được tổng hợp. Cần sửa tiêu đề ở ô {cell} thành {} trước khi trình ký; nếu đúng là số liệu {}, hãy gửi lại trang với số liệu {}.", stated.title_vi(), period.title_vi(), period.title_vi(), period.title_vi(), stated.title_vi(), period.title_vi()),
        (Read::SheetTitleStale { sheet, cell, stated, period, count, counted: true }, Lang::En) => format!("Sheet «{sheet}» is titled (cell {cell}) for {} but its {count} indicators are on no sheet of {}: it is no older copy, its figures are read as those of {} and consolidated. Correct the title in cell {cell} to {} before signing; if these really are the figures of {}, send the sheet again with the figures of {}.", stated.title_en(), period.title_en(), period.title_en(), period.title_en(), stated.title_en(), period.title_en()),
        (Read::SheetTitleStale { sheet, cell, stated, period, count, counted: false }, Lang::Vi) => format!("Trang «{sheet}» có tiêu đề (ô {cell}) và tiêu đề cột ghi {}, không phải {}, và {count} chỉ tiêu của trang không có ở trang nào của {}: số liệu của {count} chỉ tiêu này không được tổng hợp. Hãy gửi lại trang với số liệu {}.", stated.title_vi(), period.title_vi(), period.title_vi(), period.title_vi()),
        (Read::SheetTitleStale { sheet, cell, stated, period, count, counted: false }, Lang::En) => format!("Sheet «{sheet}» is titled (cell {cell}) and headed for {}, not {}, and its {count} indicators are on no sheet of {}: the figures of these {count} indicators are not consolidated. Send the sheet again with the figures of {}.", stated.title_en(), period.title_en(), period.title_en(), period.title_en()),
        (Read::TitleOtherThanHeaders { cell, stated, headers, columns, labels }, Lang::Vi) => {
            let (stated, headers) = (stated.title_vi(), headers.title_vi());
            let labels = quoted(labels);
            format!("Tiêu đề biểu (ô {cell}) ghi {stated} nhưng tiêu đề cột số liệu ghi {headers} ({labels}): hai chỗ ghi hai kỳ khác nhau, và theo kỳ {stated} thì các cột này không được đọc, nên mọi số {columns} của tệp sẽ không được tổng hợp. Nếu đây là báo cáo {headers}, hãy sửa tiêu đề ở ô {cell} thành {headers}; nếu đúng là báo cáo {stated}, hãy kiểm tra lại số liệu các cột đó.")
        }
        (Read::TitleOtherThanHeaders { cell, stated, headers, columns, labels }, Lang::En) => {
            let (stated, headers) = (stated.title_en(), headers.title_en());
            let labels = quoted(labels);
            format!("The title (cell {cell}) says {stated} but the figure columns' headers say {headers} ({labels}): the two name different periods, and for {stated} these columns are not read, so none of this file's {columns} figures would be consolidated. If this is the report of {headers}, correct the title in cell {cell} to {headers}; if it is indeed {stated}'s, check the figures of those columns.")
        }
        (Read::ColumnsOfOtherPeriod { cell, stated, headers, columns, labels }, Lang::Vi) => {
            let (stated, headers) = (stated.title_vi(), headers.title_vi());
            let labels = quoted(labels);
            format!("Tiêu đề biểu (ô {cell}) ghi {stated} nhưng mọi cột số liệu {columns} đều ghi {headers} ({labels}): đây là báo cáo {headers} đổi tiêu đề, không phải số liệu của kỳ {stated}, nên tệp được coi là gửi sai kỳ và không số nào của đơn vị được tổng hợp. Hãy gửi báo cáo {stated}; nếu số liệu này đúng là của {stated}, hãy sửa tiêu đề các cột đó cho đúng kỳ rồi gửi lại.")
        }
        (Read::ColumnsOfOtherPeriod { cell, stated, headers, columns, labels }, Lang::En) => {
            let (stated, headers) = (stated.title_en(), headers.title_en());
            let labels = quoted(labels);
            format!("The title (cell {cell}) says {stated} but every {columns} figure column's header says {headers} ({labels}): this is the report of {headers} re-titled, not {stated}'s figures, so the file is taken as sent for another period and none of the unit's figures is consolidated. Send the report of {stated}; if these figures truly are {stated}'s, correct those columns' headers to the period and send the file again.")
        }
        (Read::ColumnsOfOtherPeriodUntitled { cell, period, headers, columns, labels }, Lang::Vi) => {
            let (period, headers) = (period.title_vi(), headers.title_vi());
            let labels = quoted(labels);
            format!("Tiêu đề biểu không ghi kỳ báo cáo và mọi cột số liệu {columns} đều ghi {headers} (từ ô {cell}: {labels}): đây là báo cáo {headers}, không phải số liệu của kỳ {period}, nên tệp được coi là gửi sai kỳ và không số nào của đơn vị được tổng hợp. Hãy gửi báo cáo {period}; nếu số liệu này đúng là của {period}, hãy sửa tiêu đề các cột đó cho đúng kỳ và ghi kỳ báo cáo ở dòng tiêu đề rồi gửi lại.")
        }
        (Read::ColumnsOfOtherPeriodUntitled { cell, period, headers, columns, labels }, Lang::En) => {
            let (period, headers) = (period.title_en(), headers.title_en());
            let labels = quoted(labels);
            format!("The title names no period and every {columns} figure column's header says {headers} (from cell {cell}: {labels}): this is the report of {headers}, not {period}'s figures, so the file is taken as sent for another period and none of the unit's figures is consolidated. Send the report of {period}; if these figures truly are {period}'s, correct those columns' headers to the period, write the period in the title and send the file again.")
        }
        (Read::SeasonPeriodAssumed { cell, period }, Lang::Vi) => {
            let (year, shown) = (period.year, period.title_vi());
            format!("Tiêu đề biểu (ô {cell}) ghi một vụ sản xuất của năm {year}, không ghi kỳ báo cáo, và tiêu đề các cột số liệu cũng không ghi kỳ nào: không xác định được kỳ báo cáo, nên tệp được kiểm tra như báo cáo {shown}. Nếu đây là báo cáo kỳ khác, hãy kiểm tra lại với --period (ví dụ --period {year}-H1) và ghi kỳ báo cáo ở dòng tiêu đề.")
        }
        (Read::SeasonPeriodAssumed { cell, period }, Lang::En) => {
            let (year, shown) = (period.year, period.title_en());
            format!("The title (cell {cell}) names a crop season of {year}, not a reporting period, and no figure column's header names one: the period could not be told, so the file is checked as the report of {shown}. If it is another period's report, check it again with --period (for example --period {year}-H1) and write the period in the title.")
        }
        (Read::TitleBehindHeaders { cell, stated, period, labels, past }, Lang::Vi) => {
            let (stated, period) = (stated.title_vi(), period.title_vi());
            let labels = quoted(labels);
            let but = if *past { " ngoài cột cùng kỳ năm trước" } else { "" };
            format!("Tiêu đề biểu (ô {cell}) ghi {stated}, không phải kỳ báo cáo {period}. Số liệu vẫn được đọc và tổng hợp là của {period} vì tiêu đề cột số liệu ghi {period} ({labels}) và không cột nào ghi {stated}{but}. Hãy sửa tiêu đề ở ô {cell} thành {period} và xác nhận số liệu đúng là của {period} trước khi trình ký.")
        }
        (Read::TitleBehindHeaders { cell, stated, period, labels, past }, Lang::En) => {
            let (stated, period) = (stated.title_en(), period.title_en());
            let labels = quoted(labels);
            let but = if *past { " but the same period of last year's" } else { "" };
            format!("The title (cell {cell}) says {stated}, not the reporting period {period}. The figures are still read and consolidated as {period}'s because the figure columns' headers say {period} ({labels}) and none{but} says {stated}. Correct the title in cell {cell} to {period} and confirm that the figures are {period}'s before the report is signed.")
        }
        (Read::TitleBehindStamp { cell, stated, period }, Lang::Vi) => {
            let (stated, period) = (stated.title_vi(), period.title_vi());
            format!("Tiêu đề biểu (ô {cell}) ghi {stated}, không phải kỳ báo cáo {period}. Số liệu vẫn được đọc và tổng hợp là của {period} vì đây là biểu mẫu phát cho {period} (ghi trong biểu). Hãy sửa tiêu đề ở ô {cell} thành {period} và xác nhận số liệu đúng là của {period} trước khi trình ký.")
        }
        (Read::TitleBehindStamp { cell, stated, period }, Lang::En) => {
            let (stated, period) = (stated.title_en(), period.title_en());
            format!("The title (cell {cell}) says {stated}, not the reporting period {period}. The figures are still read and consolidated as {period}'s because this is the form issued for {period} (as the form records). Correct the title in cell {cell} to {period} and confirm that the figures are {period}'s before the report is signed.")
        }
        (Read::LkTakenAsTh, Lang::Vi) => "Tệp không có cột lũy kế (LK); trong quý I lũy kế là chính số thực hiện trong quý, nên LK được lấy bằng TH.".to_string(),
        (Read::LkMissingAtYearEnd { cell, label, period, stocks }, Lang::Vi) if *stocks > 0 => {
            let (months, _) = months_from_january(*period, Lang::Vi);
            let period = period.title_vi();
            format!("Tệp không có cột lũy kế từ đầu năm (LK) của báo cáo {period}, nhưng mọi chỉ tiêu có số liệu đều là chỉ tiêu thời điểm (hoặc tỷ lệ): số {months} của chỉ tiêu thời điểm là số có đến cuối kỳ, nên lũy kế của {stocks} chỉ tiêu được lấy bằng số ở cột «{label}» (ô {cell}). Không cần sửa.")
        }
        (Read::LkMissingAtYearEnd { cell, label, period, stocks }, Lang::En) if *stocks > 0 => {
            let (months, _) = months_from_january(*period, Lang::En);
            let period = period.title_en();
            format!("The file has no cumulative (LK) column for the report for {period}, but every indicator with figures is a stock (or a rate): a stock's figure for {months} is its level at the period's end, so the cumulative figure of {stocks} indicators was taken from column «{label}» (cell {cell}). Nothing needs correcting.")
        }
        (Read::LkMissingAtYearEnd { cell, label, period, .. }, Lang::Vi) => {
            let (months, column) = months_from_january(*period, Lang::Vi);
            let period = period.title_vi();
            format!("Tệp không có cột lũy kế từ đầu năm (LK), tức số liệu {months} mà báo cáo {period} phải có: bảng chỉ có «{label}» (ô {cell}) và các cột khác. Số liệu {months} của đơn vị không được tổng hợp và % kế hoạch năm không kiểm tra được. Hãy bổ sung cột {column} theo mẫu biểu rồi gửi lại.")
        }
        (Read::LkMissingAtYearEnd { cell, label, period, .. }, Lang::En) => {
            let (months, column) = months_from_january(*period, Lang::En);
            let period = period.title_en();
            format!("The file has no cumulative (LK) column, the figures for {months} the report for {period} must give: its table has «{label}» (cell {cell}) and other columns only. The unit's figures for {months} are not consolidated and its % of the year's plan cannot be checked. Add the {column} column as in the form and send the file again.")
        }
        (Read::YearFromMonths { eleven, eleven_cell, december, december_cell, flows, stocks, left }, Lang::Vi) => {
            let rest = if *left > 0 { format!("; {left} dòng còn lại (tỷ lệ, hoặc thiếu một trong hai số) để trống số cả năm") } else { String::new() };
            format!("Tệp không có cột số cả năm («Ước thực hiện cả năm»), nhưng có «{eleven}» (ô {eleven_cell}) và «{december}» (ô {december_cell}): số cả năm (LK) được tính bằng 11 tháng cộng ước tháng 12 cho {flows} chỉ tiêu cộng dồn và bằng số có đến cuối năm (số ước tháng 12; số tồn đầu kỳ: số 11 tháng) cho {stocks} chỉ tiêu thời điểm{rest}. Lần sau hãy ghi cả cột «Ước thực hiện cả năm» theo mẫu biểu.")
        }
        (Read::YearFromMonths { eleven, eleven_cell, december, december_cell, flows, stocks, left }, Lang::En) => {
            let rest = if *left > 0 { format!("; the other {left} rows (rates, or one of the two figures blank) are left without the year's figure") } else { String::new() };
            format!("The file has no column of the year's figures («Ước thực hiện cả năm»), but it has «{eleven}» (cell {eleven_cell}) and «{december}» (cell {december_cell}): the year's figure (LK) was worked out as the eleven months plus December's estimate for {flows} flow indicators and as their level at the year's end (December's estimate; an opening level: the eleven months' figure) for {stocks} stocks{rest}. Next time add the «Ước thực hiện cả năm» column as in the form.")
        }
        (Read::YearNotMonthsSum { cell, code, name, year, eleven, eleven_cell, december, december_cell, sum }, Lang::Vi) => format!("Chỉ tiêu {code} «{name}»: số cả năm {year} (ô {cell}) khác số 11 tháng {eleven} (ô {eleven_cell}) cộng ước tháng 12 {december} (ô {december_cell}) = {sum}. Hãy kiểm tra lại số cả năm và hai số này, sửa số sai rồi gửi lại."),
        (Read::YearNotMonthsSum { cell, code, name, year, eleven, eleven_cell, december, december_cell, sum }, Lang::En) => format!("Indicator {code} «{name}»: the year's figure {year} (cell {cell}) is not the eleven months' {eleven} (cell {eleven_cell}) plus December's estimate {december} (cell {december_cell}) = {sum}. Check the year's figure and these two, correct the wrong one and send the file again."),
        (Read::PlanNamedNextYear { label, cell, year, period, agree, compared }, Lang::Vi) => {
            let (this, period) = (period.year, period.title_vi());
            format!("Cột «{label}» (ô {cell}) ghi kế hoạch năm {year}, nhưng {agree}/{compared} số «% kế hoạch» của bảng đúng bằng lũy kế chia cho số của cột này, và bảng không có cột kế hoạch năm {this}: nhiều khả năng tiêu đề ghi nhầm năm. Số liệu của cột được đọc là kế hoạch năm {this} (KH) của báo cáo {period}. Hãy sửa tiêu đề thành «Kế hoạch năm {this}», hoặc, nếu đây đúng là kế hoạch năm {year}, bổ sung cột kế hoạch năm {this} và tính lại % kế hoạch.")
        }
        (Read::PlanNamedNextYear { label, cell, year, period, agree, compared }, Lang::En) => {
            let (this, period) = (period.year, period.title_en());
            format!("Column «{label}» (cell {cell}) says it holds the plan for {year}, but {agree} of the table's {compared} stated «% of plan» figures are exactly the cumulative over this column's, and the table has no plan column for {this}: the header probably names the wrong year. The column is read as the {this} plan (KH) of the report for {period}. Correct the header to «Kế hoạch năm {this}», or, if these truly are the {year} plan, add the {this} plan column and recompute the % of plan.")
        }
        (Read::ThFromLk { label, cell, source, flows, stocks, left, below, since }, Lang::Vi) => {
            let last = since_words(*since, Lang::Vi);
            let worked = match source {
                Some(source) => format!("thực hiện quý (TH) được tính bằng lũy kế trừ {last} (theo {source}) cho {flows} chỉ tiêu cộng dồn và bằng lũy kế cho {stocks} chỉ tiêu thời điểm (số có đến cuối kỳ)"),
                None => format!("thực hiện quý (TH) được lấy bằng lũy kế cho {stocks} chỉ tiêu thời điểm (số có đến cuối kỳ); TH của các chỉ tiêu cộng dồn không tính được vì không có {last} (chạy với --previous và thư mục kết quả quý trước để tính)"),
            };
            let rest = if *left > 0 { format!("; {left} chỉ tiêu còn lại (tỷ lệ, số tồn đầu kỳ, chỉ tiêu không có {last}…) để trống ở cột TH") } else { String::new() };
            let below = if below.is_empty() { String::new() } else { format!(" Lũy kế của {below} nhỏ hơn {last} nên không tính được TH: một trong hai số sai, hãy kiểm tra.") };
            format!("Tệp không có cột thực hiện quý, chỉ có số từ đầu năm «{label}» (ô {cell}, đọc là lũy kế): {worked}{rest}.{below} Lần sau hãy báo cáo theo mẫu biểu, có cả cột thực hiện quý.")
        }
        (Read::ThFromLk { label, cell, source, flows, stocks, left, below, since }, Lang::En) => {
            let last = since_words(*since, Lang::En);
            let worked = match source {
                Some(source) => format!("the quarter's figure (TH) was worked out as the cumulative one less the {last} figures (from {source}) for {flows} flow indicators and as the cumulative one for {stocks} stocks (their level at the period's end)"),
                None => format!("the quarter's figure (TH) was taken as the cumulative one for {stocks} stocks (their level at the period's end); the flows' TH cannot be worked out without the {last} figures (run with --previous and last quarter's output folder)"),
            };
            let rest = if *left > 0 { format!("; the other {left} indicators (rates, opening levels, indicators without a {last} figure…) are left without TH") } else { String::new() };
            let below = if below.is_empty() { String::new() } else { format!(" The cumulative figure of {below} is below its {last} figure, so no TH was worked out: one of them is wrong, check it.") };
            format!("The file has no column for the quarter, only the figures from January «{label}» (cell {cell}, read as cumulative): {worked}{rest}.{below} Next time report on the form, with the quarter's column.")
        }
        (Read::LkTakenAsTh, Lang::En) => "The file has no cumulative (LK) column; in a first quarter LK is the quarter's own figure, so LK was taken as TH.".to_string(),
        (Read::RowsIgnored { stop, rows }, Lang::Vi) => format!("Bảng dừng ở dòng {stop} (phần chữ ký hoặc ngày tháng), nhưng các dòng {rows} bên dưới có chỉ tiêu và số liệu; các dòng này không được đọc. Hãy đưa chúng lên trên phần chữ ký."),
        (Read::RowsIgnored { stop, rows }, Lang::En) => format!("The table stops at row {stop} (the signature block or a date line), but rows {rows} below it hold indicators with figures; they are not read. Move them above the signature block."),
        (Read::FormulaEvaluated { file, count }, Lang::Vi) => format!("Tệp {file} có {count} công thức chưa có giá trị đã tính (tệp được tạo bằng phần mềm không tính công thức); công cụ đã tự tính như Excel khi mở tệp."),
        (Read::FormulaEvaluated { file, count }, Lang::En) => {
            let n = lang.count(*count, ("", "formula", "formulas"));
            format!("File {file} has {n} without a computed value (it was written by a program that does not calculate); the tool computed them as Excel does on opening.")
        }
        (Read::FigureMergedOverRows { cell, column, value, indicators }, Lang::Vi) => format!("Ô gộp {cell} (cột {column}) ghi một số {value} chung cho các chỉ tiêu {indicators}: không rõ mỗi dòng bao nhiêu, nên số này không được lấy cho dòng nào (coi như ô trống). Hãy bỏ gộp ô và ghi mỗi dòng một số."),
        (Read::FigureMergedOverRows { cell, column, value, indicators }, Lang::En) => format!("Merged cell {cell} (column {column}) holds one number {value} for the indicators {indicators} together: how much each row has is not known, so it is read for none of them (as a blank cell). Unmerge the cells and write one figure per row."),
        (Read::FormulaTextOperand { cell, code, name, column, formula, read, excel }, Lang::Vi) => {
            let excel = if excel.is_empty() { "ô trống" } else { excel };
            format!("Ô {cell} (chỉ tiêu {code} «{name}», cột {column}) có công thức ={formula} lấy số ghi dạng chữ (văn bản) ở ô khác. Công cụ đọc số đó như mọi số dạng chữ của biểu và tính ra {read}; Excel không đọc số dạng chữ như vậy (tùy máy, cộng sai hoặc bỏ qua ô đó) và có thể hiện {excel}. Số liệu được lấy là {read}; hãy ghi các số đó dưới dạng số để Excel tính đúng.")
        }
        (Read::FormulaTextOperand { cell, code, name, column, formula, read, excel }, Lang::En) => {
            let excel = if excel.is_empty() { "an empty cell" } else { excel };
            format!("Cell {cell} (indicator {code} «{name}», column {column}) holds the formula ={formula}, which takes a number typed as text in another cell. The tool reads that number as it reads every text number of the form and gets {read}; Excel does not read text numbers that way (depending on the computer it adds them wrongly or skips them) and may show {excel}. The figure taken is {read}; type those numbers as numbers so that Excel computes them right.")
        }
        _ => String::new(),
    }
}

/// «a», «b»: header labels as the messages quote them.
fn quoted(labels: &[String]) -> String {
    labels
        .iter()
        .map(|l| format!("«{l}»"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// «a», «b», «c» … «z»: the first labels of `count` columns and the
/// last, `labels` holding them all when there are no more, else the
/// first few and the last.
fn some_labels(labels: &[String], count: usize) -> String {
    match labels.split_last() {
        Some((last, first)) if count > labels.len() => {
            format!("{} … «{last}»", quoted(first))
        }
        _ => quoted(labels),
    }
}

fn uncomputed(r: &Read, lang: Lang) -> String {
    let Read::ValueUncomputed {
        cell,
        code,
        name,
        column,
        formula: quoted,
        why,
        derived,
    } = r
    else {
        return String::new();
    };
    let why = lang.pick(why.0, why.1);
    let why = if why.is_empty() {
        String::new()
    } else {
        format!(" ({why})")
    };
    match (lang, derived) {
        (Lang::Vi, _) => {
            let then = if *derived {
                "Tỷ lệ này không được kiểm tra; khi tổng hợp, công cụ tự tính lại từ số liệu gốc."
            } else {
                "Hãy mở tệp bằng Excel, lưu lại rồi gửi lại."
            };
            format!("Ô {cell} (chỉ tiêu {code} «{name}», cột {column}) có công thức ={quoted} nhưng không có giá trị đã tính (tệp được tạo bằng phần mềm không tính công thức), và công cụ không tính được{why}. {then}")
        }
        (Lang::En, _) => {
            let then = if *derived {
                "This percent is not checked; the consolidation recomputes it from its operands."
            } else {
                "Open it in Excel, save and send it again."
            };
            format!("Cell {cell} (indicator {code} «{name}», column {column}) holds the formula ={quoted} but no computed value (the file was written by a program that does not calculate), and the tool could not compute it{why}. {then}")
        }
    }
}

fn link_broken(r: &Read, lang: Lang) -> String {
    let Read::LinkBroken {
        cell,
        code,
        column,
        formula,
        missing,
        used_sheet,
        used_cell,
        used_value,
    } = r
    else {
        return String::new();
    };
    match lang {
        Lang::Vi => {
            let what = if missing.is_empty() {
                "một liên kết công cụ không tính được".to_string()
            } else {
                format!("liên kết hỏng: trỏ tới trang «{missing}» không có trong tệp (trang đã đổi tên hoặc bị xóa)")
            };
            format!("Ô {cell} (chỉ tiêu {code}, cột {column}) có công thức ={formula}, {what}. Số liệu {code} cột {column} lấy ở trang «{used_sheet}» ô {used_cell}: {used_value}. Hãy sửa công thức cho trỏ đúng trang «{used_sheet}».")
        }
        Lang::En => {
            let what = if missing.is_empty() {
                "a link the tool could not compute".to_string()
            } else {
                format!("a broken link: it points at the sheet «{missing}», which is not in the workbook (renamed or deleted)")
            };
            format!("Cell {cell} (indicator {code}, column {column}) holds the formula ={formula}, {what}. The figure of {code} column {column} is taken from sheet «{used_sheet}» cell {used_cell}: {used_value}. Correct the formula to point at sheet «{used_sheet}».")
        }
    }
}

/// The words of what a form's stamp says.
fn stamp(r: &Read, lang: Lang) -> String {
    match r {
        Read::TemplateOutdated { file, was, now } => {
            let (was, now) = (version_shown(was, lang), version_shown(now, lang));
            match lang {
                Lang::Vi => format!("Tệp {file} là biểu mẫu phiên bản {was}, nhưng mẫu biểu đang dùng là phiên bản {now}: biểu có thể thiếu hoặc thừa chỉ tiêu, cột. Số liệu vẫn được đọc theo nội dung; hãy gửi cho đơn vị biểu mẫu mới (tonghop template) để điền từ kỳ sau."),
                Lang::En => format!("File {file} is a form of template version {was}, but the template in use is version {now}: it may lack or add indicators or columns. Its figures are still read by their content; send the unit its new form (tonghop template) for the next period."),
            }
        }
        Read::FormOfOtherTemplate {
            file,
            office,
            title,
            version,
            now_office,
        } => {
            let version = version_shown(version, lang);
            let title = match title.trim() {
                "" => String::new(),
                t => format!(" «{t}»"),
            };
            match lang {
                Lang::Vi => format!("Tệp {file} là biểu mẫu{title} của {office} (mẫu biểu phiên bản {version}), không phải biểu mẫu của {now_office} đang dùng để kiểm tra: mã và tên chỉ tiêu của hai mẫu biểu khác nhau, nên số liệu của tệp không được đọc, không được kiểm tra và không được tổng hợp theo mẫu biểu này. Hãy kiểm tra tệp bằng mẫu biểu của {office}: tonghop check {file} --template ‹thư mục mẫu biểu của {office}›; đơn vị không có thư mục đó thì gửi tệp về {office} để kiểm tra."),
                Lang::En => format!("File {file} is a form{title} of «{office}» (template version {version}), not a form of «{now_office}», whose template is in use: the two templates' indicator codes and names differ, so the file's figures are not read, checked or consolidated with this template. Check the file with the template of «{office}»: tonghop check {file} --template ‹the folder of that template›; a unit without that folder sends the file to «{office}» to be checked."),
            }
        }
        Read::FormOfAnother {
            file,
            form,
            form_code,
            other,
            other_code,
            by_title,
            proper,
        } => match lang {
            Lang::Vi => {
                let said = if *by_title {
                    "tiêu đề của biểu ghi"
                } else {
                    "tên tệp chỉ"
                };
                format!("Tệp {file} là biểu mẫu tạo cho {form} (mã {form_code}, ghi trong biểu), nhưng {said} {other} ({other_code}): không rõ số liệu là của đơn vị nào nên không được tổng hợp. Hãy hỏi lại đơn vị đã gửi; mỗi đơn vị điền biểu mẫu mang tên mình (biểu của {other} là {proper}).")
            }
            Lang::En => {
                let said = if *by_title {
                    "its title says"
                } else {
                    "its file name names"
                };
                format!("File {file} is the form made for {form} (code {form_code}, stamped in the form), but {said} {other} ({other_code}): whose figures these are cannot be told, so they are not consolidated. Ask the unit that sent it; each unit fills the form made for it ({other}'s is {proper}).")
            }
        },
        _ => String::new(),
    }
}

/// The months from January a report for `period` covers, in words, and
/// the header of the LK column that holds them ("6 tháng", «Lũy kế 6
/// tháng» (hoặc «6 tháng»)): the column a half-year's, nine months' or
/// year's report must have.
fn months_from_january(period: crate::model::Period, lang: Lang) -> (&'static str, &'static str) {
    use crate::model::PeriodSpan;
    match (period.span, lang) {
        (PeriodSpan::FirstHalf, Lang::Vi) => ("6 tháng", "«Lũy kế 6 tháng» (hoặc «6 tháng»)"),
        (PeriodSpan::FirstHalf, Lang::En) => ("the six months", "«Lũy kế 6 tháng» (or «6 tháng»)"),
        (PeriodSpan::NineMonths, Lang::Vi) => ("9 tháng", "«Lũy kế 9 tháng» (hoặc «9 tháng»)"),
        (PeriodSpan::NineMonths, Lang::En) => {
            ("the nine months", "«Lũy kế 9 tháng» (or «9 tháng»)")
        }
        (_, Lang::Vi) => ("cả năm", "«Lũy kế năm» (hoặc «Cả năm»)"),
        (_, Lang::En) => ("the whole year", "«Lũy kế năm» (or «Cả năm»)"),
    }
}

/// The column letters of a cell ("I7" → "I").
fn letters(cell: &str) -> &str {
    cell.trim_end_matches(|c: char| c.is_ascii_digit())
}

/// The cumulative figures a TH was worked out against, by their months
/// («lũy kế 9 tháng», "9-month cumulative"); «lũy kế quý trước» when the
/// previous run named no period.
fn since_words(since: Option<crate::model::Period>, lang: Lang) -> String {
    match (since.map(|p| p.last_month()), lang) {
        (Some(3), Lang::Vi) => "lũy kế quý I".to_string(),
        (Some(3), Lang::En) => "first quarter's cumulative".to_string(),
        (Some(m), Lang::Vi) => format!("lũy kế {m} tháng"),
        (Some(m), Lang::En) => format!("{m}-month cumulative"),
        (None, Lang::Vi) => "lũy kế quý trước".to_string(),
        (None, Lang::En) => "last quarter's cumulative".to_string(),
    }
}
