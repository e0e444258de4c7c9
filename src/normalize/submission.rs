//! One submission file → who sent it, for which period, and its figures as
//! tidy rows (indicator, column, value, precision, source cell), plus the
//! findings about its cells. The workbook is dropped when this returns.

use crate::diagnostic::{a1, Finding, Lang, Location, Severity};
use crate::ingest::{open_input, InputFile, Opened, SheetGrid};
use crate::messages::{Clue, Read, Said};
use crate::model::{Period, PeriodSpan, ValueColumn};
use crate::normalize::formula::{round_decimals, Figure, SheetFormulas};
use crate::normalize::header::{
    find_table, HeaderWords, IgnoredColumn, NotRead, OtherColumn, OtherFigures, Role, TableLayout,
};
use crate::normalize::indicator::{IndicatorMatcher, Placed, RowMatch};
use crate::normalize::sheets::{one_figure_each, SheetRead};
use crate::normalize::stamp::{self, FormStamp};
use crate::normalize::store::Stored;
use crate::normalize::title::{first_semester_in, period_in, AgencyMatcher};
use crate::number::{decimals_of, format_auto, parse_text, NumberLocale, NumberText};
use crate::template::{Agency, AgencyKind, CkConvention, DashMeans, Template};
use crate::text::fold;
use calamine::{Data, Dimensions};
use std::time::SystemTime;

/// Everything reading a submission needs, built once per run.
pub struct ReadContext<'a> {
    pub template: &'a Template,
    pub words: HeaderWords,
    pub agencies: AgencyMatcher,
    pub indicators: IndicatorMatcher,
    pub locale: NumberLocale,
    pub lang: Lang,
    /// The period being consolidated or checked, when the user gave one.
    pub period: Option<Period>,
}

impl<'a> ReadContext<'a> {
    pub fn new(template: &'a Template, locale: NumberLocale, lang: Lang) -> Self {
        ReadContext {
            template,
            words: HeaderWords::new(template),
            agencies: AgencyMatcher::new(template),
            indicators: IndicatorMatcher::new(template),
            locale,
            lang,
            period: None,
        }
    }

    /// The same, for a run over `period`.
    pub fn for_period(mut self, period: Option<Period>) -> Self {
        self.period = period;
        self
    }
}

/// One figure of a submission: 24 bytes in memory and in the run's
/// [`FigureStore`](crate::normalize::store::FigureStore) (an index into
/// the catalog as `u32`, a sheet index as `u16`).
#[derive(Clone, Debug, PartialEq)]
pub struct TidyRow {
    /// In the catalog unit (converted when the row wrote another money
    /// unit).
    pub value: f64,
    /// Index into the template's indicators (see [`TidyRow::ind`]).
    pub indicator: u32,
    /// Absolute 0-based position of the source cell.
    pub row: u32,
    pub col: u32,
    /// Index into [`Submission::sheets`].
    pub sheet: u16,
    pub column: ValueColumn,
    /// Decimals as written, in the catalog's unit: a figure converted
    /// from a larger money unit keeps its precision and has fewer (162,82
    /// tỷ đồng is 162.820 triệu đồng with −1: ±5 triệu), one from a
    /// smaller unit more. See [`TidyRow::shown_decimals`].
    pub decimals: i8,
}

impl TidyRow {
    /// The indicator as an index into the template's indicators.
    pub fn ind(&self) -> usize {
        self.indicator as usize
    }

    /// The decimals to show the figure with (never fewer than none).
    pub fn shown_decimals(&self) -> u8 {
        self.decimals.max(0) as u8
    }

    /// The decimals to quote a quantity with in a message: as typed, but
    /// no more than its value needs, so that one converted from a smaller
    /// money unit ("-307.000.000" đồng, −307 triệu đồng kept to the đồng's
    /// precision: six decimals) is quoted "-307", not "-307,000000". A
    /// percent is quoted as written ("15,20").
    pub fn quoted_decimals(&self) -> u8 {
        if self.column.is_percent() {
            self.shown_decimals()
        } else {
            self.shown_decimals()
                .min(crate::number::decimals_of(self.value))
        }
    }

    /// The decimals the figure needs as written in the catalog's unit,
    /// at most `cap`: as typed, but a figure converted from a smaller
    /// money unit counts with those its value needs there
    /// (2.537.499.999 đồng is 2.537,5 triệu đồng to three decimals: one;
    /// 307.000.000 đồng is 307: none). What the consolidated workbook's
    /// formats count ([`crate::reconcile::Totals::written`]).
    pub fn written_decimals(&self, cap: u8) -> u8 {
        let d = self.shown_decimals().min(cap);
        let scale = 10f64.powi(i32::from(d));
        d.min(crate::number::decimals_of(
            (self.value * scale).round() / scale,
        ))
    }
}

/// The first figure of an indicator in a column among rows sorted by
/// indicator and column (as [`Submission::sort_rows`] leaves them).
pub fn figure_in(rows: &[TidyRow], indicator: usize, column: ValueColumn) -> Option<&TidyRow> {
    let key = (indicator, column);
    let at = rows.partition_point(|r| (r.ind(), r.column) < key);
    rows.get(at)
        .filter(|r| r.ind() == indicator && r.column == column)
}

/// A cell of the title rows, on the sheet of the first table
/// (`sheets[0]`): where the sender or the period was read. See
/// [`Submission::title_location`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TitleCell {
    pub row: u32,
    pub col: u32,
}

/// Where an indicator table is: its header rows and the columns from its
/// first to the indicator's name (or code), 0-based.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TableBox {
    pub header_first: u32,
    pub header_last: u32,
    pub first_col: u32,
    pub label_col: Option<u32>,
}

impl TableBox {
    pub fn of(layout: &crate::normalize::header::TableLayout) -> TableBox {
        use crate::normalize::header::Role;
        TableBox {
            header_first: layout.header_first,
            header_last: layout.header_last,
            first_col: layout.columns.iter().map(|(c, _)| *c).min().unwrap_or(0),
            label_col: layout.col(Role::Name).or(layout.col(Role::Code)),
        }
    }
}

/// How the sender was recognised.
#[derive(Clone, Debug, PartialEq)]
pub enum UnitSource {
    /// From a title cell.
    Title(TitleCell),
    /// From the file name.
    FileName,
    /// From the stamp of a form made by `tonghop template`, the title
    /// naming no unit (see [`crate::normalize::stamp`]).
    Form,
    /// A form made for one unit (`form`) whose title or file name names
    /// another (`named`): nobody's, reported as `file-unknown-unit` when
    /// read.
    Disputed { form: usize, named: usize },
    /// A letterhead naming a body of another kind than the commune (or
    /// ward) `named` its file name or folder (`by_folder`) points to
    /// ("UBND HUYỆN LONG THÀNH" over "PHÒNG KINH TẾ" in `Phong Kinh te
    /// huyen Long Thanh.xlsx`, Xã Long Thành bearing the former district's
    /// name): nobody's, reported as `file-unknown-unit` when read. The
    /// sender's line.
    OtherBody {
        named: usize,
        cell: TitleCell,
        by_folder: bool,
    },
    /// From the folder (or zip file) the file came in, the title and the
    /// file name naming no unit.
    Folder,
    /// From the signature block under the table ("TM. ỦY BAN NHÂN DÂN XÃ
    /// ĐÔNG HÒA"), the title and the file name naming no unit.
    Signature(TitleCell),
    /// A form made from another office's template (its stamp says so):
    /// nobody's here, its figures not read, reported as
    /// `template-outdated` (see [`crate::normalize::stamp`]).
    OtherTemplate,
    /// Not recognised.
    Unknown,
}

/// A doubt about the sender, settled at intake where every file is known.
#[derive(Clone, Debug, PartialEq)]
pub enum UnitDoubt {
    /// The title names `unit` (the submission's), the file name `named`,
    /// another unit of the same kind (Ea Knốp's copy of Ea Kar's workbook,
    /// its title left as it was). The title's cell. `by_code`: the file
    /// name names `named` by its code of digits alone («04_bao cao»), a
    /// clue the title always beats.
    Conflict {
        named: usize,
        cell: TitleCell,
        by_code: bool,
    },
    /// The title (or file name) fits several units as well, names told
    /// apart only by tones it was typed without ("UBND XA TAN PHU"): the
    /// unit is unknown until another file settles it. Where it was read
    /// (`None`: the file name).
    Ambiguous {
        candidates: Vec<usize>,
        cell: Option<TitleCell>,
        /// The former unit's name every candidate was formed from (a
        /// commune split between them in the 2025 reform): its file is
        /// none of theirs alone, so no elimination settles it.
        former: Option<String>,
        /// The code of digits the file name opens with, as written, and
        /// its unit, where the rest of the name names another unit in
        /// full («04_Lai Chau»): the two disagree, and no elimination
        /// picks one.
        code: Option<(String, usize)>,
    },
}

/// A submission as read.
#[derive(Clone, Debug)]
pub struct Submission {
    pub file: String,
    /// What the file's bytes are (`None` for a submission not read from
    /// a file): two files of the same content are one report saved twice.
    pub content: Option<crate::ingest::Content>,
    pub modified: Option<SystemTime>,
    /// Index into the template's agencies.
    pub unit: Option<usize>,
    pub unit_source: UnitSource,
    /// A doubt about the sender for intake to settle.
    pub unit_doubt: Option<UnitDoubt>,
    /// What the title says of the sender, for the messages about a sender
    /// the registry does not know (empty once the unit is known).
    pub unit_text: String,
    /// The title cell of `unit_text` when a title line says it (none when
    /// it is the file's name): where a sender the registry does not know
    /// is told.
    pub unit_text_at: Option<TitleCell>,
    /// The former unit (as the registry's `former` column writes it) that
    /// alone names the sender: its title (or file name) names a commune
    /// merged into the unit, and nothing names the unit as it is now. Its
    /// figures may be those of that commune only.
    pub unit_former: Option<String>,
    /// The report's title line above the table ("BÁO CÁO THỐNG KÊ GIÁO
    /// DỤC NĂM HỌC 2025 - 2026"), where its period is written or should
    /// be: where a title naming no period is told.
    pub title_at: Option<TitleCell>,
    /// The unit of the registry the zip file (`true`) or folder (`false`)
    /// the file came in names, not taken for its sender because its
    /// title names a commune or ward the registry lacks ("UBND XÃ MINH
    /// SƠN" in «Quang Ngai - BC Q3 2026.zip»): a commune's own report
    /// sent in place of that unit's, for the unknown-unit message.
    pub unit_enclosed: Option<(usize, bool)>,
    /// The units of the registry a sender's line unknown to it comes
    /// nearest ("THÔN BẢY" fitting Thôn 7 and Bản 7 once read as a
    /// number, or a name a letter off), for the unknown-unit message.
    pub unit_nearest: Vec<usize>,
    /// Whether the sender was read loosely: a file name giving a
    /// village's name without its level word ("bac son.xlsx"), a title's
    /// line with its number in words or "số" left out ("THÔN BA"). Such a
    /// file never replaces one that names the unit as the registry does.
    pub unit_loose: bool,
    pub period: Option<(Period, TitleCell)>,
    /// The run's period when the headers of figure columns name it but the
    /// title names another (its columns are not read for the title's
    /// period): the title is the likelier mistake, for `check` to say.
    pub headers_period: Option<Period>,
    /// The period every TH and LK column's header names when the title
    /// names the run's and none of them is read (last quarter's report
    /// re-titled, «Thực hiện quý II/2020» under «… QUÝ III/2020»): the
    /// file is that period's, set aside by intake as another period's.
    pub columns_period: Option<Period>,
    /// The period a title left from another report names when the
    /// figure columns' headers or the form's stamp say the figures are
    /// `period`'s (read and counted as such): the title is to correct
    /// before the report is signed, which a `period-mismatch` error says.
    pub title_stale: Option<Period>,
    pub sheets: Vec<String>,
    /// Where the table of each of `sheets` is (same order), for the
    /// print titles of the unit's feedback workbook.
    pub tables: Vec<TableBox>,
    /// The figures, sorted by indicator and column; a repeated figure
    /// (the same indicator in two tables) keeps its reading order, so the
    /// first one read comes first. See [`Submission::figure`].
    pub rows: Vec<TidyRow>,
    /// Where the figures went when they were written to the run's
    /// [`FigureStore`](crate::normalize::store::FigureStore) (`rows` is
    /// then empty).
    pub stored: Option<Stored>,
    /// Indicators its unit must report whose row is not in the table
    /// (worked out once the unit is known; empty when it is not).
    pub missing: Vec<u32>,
    /// Indicators a row matching none was offered as («Nếu đây là chỉ
    /// tiêu …»): the row is there, unrecognised, and its `indicator-unknown`
    /// says so; `indicator-missing` does not ask to add it.
    pub offered: Vec<u32>,
    pub findings: Vec<Finding>,
    /// The other cells of a `unit-mismatch` warning told once for many
    /// rows (see [`one_unit_finding_each`]), for the feedback workbook's
    /// marks.
    pub unit_cells: Vec<UnitCells>,
    /// The %CK columns whose words say how their figures are written:
    /// the growth ("Tăng, giảm cùng kỳ" over the column, "tăng 13,26%" in
    /// a cell) or the ratio ("Ước TH/CK" over it).
    pub ck_said: Vec<CkSaid>,
    /// The headers of the figure columns read, for findings that name a
    /// column rather than a figure (TH and LK typed into each other's
    /// columns).
    pub headers: Vec<ColumnHeader>,
    /// The tables by unit (one row per ward, one column per indicator)
    /// left unread in the sheets of the file, for the error a file with
    /// nothing else is given.
    pub by_unit: Vec<ByUnit>,
    /// The figure cells holding a lone "-" read as no figure (the
    /// template's `dash = "empty"`), for the findings that miss their
    /// figure to say what the cell holds rather than call it empty.
    pub dashes: Vec<DashCell>,
    /// The TH, LK and CK cells holding «x» (a cell of the form not to be
    /// filled), read as blank: one warning per file asks for the figures
    /// ([`crate::reconcile::checks::check_submission`]).
    pub crossed: Vec<DashCell>,
    /// The quantity columns a form made from this template has and the
    /// file's table lacks (the clerk deleted them; `true`,
    /// [`crate::normalize::stamp::apply`]), or that the period asks of
    /// any file (an LK in a second or third quarter; `false`,
    /// [`quarter_without_lk`]), with the table's header row: one warning
    /// asks for them ([`crate::reconcile::checks::check_submission`]).
    pub columns_deleted: Vec<(ValueColumn, Location, bool)>,
    /// Where a column the first table lacks would be: its header row's
    /// cell after its last header (never another column's header).
    pub column_gap: Option<Location>,
    /// The rows' notes (their «Ghi chú» cells) that say something: one
    /// naming a correction of earlier figures ([`names_correction`]:
    /// "Điều chỉnh số liệu quý I: 1235 lượt") for the cumulative check,
    /// any other for an outlier's warning to quote ("Lễ hội … thu hút
    /// khoảng 28.000 lượt khách").
    pub notes: Vec<RowNote>,
    /// For a file whose sender is in doubt ([`Submission::unit_doubt`]):
    /// what reading saw that the unit decides, to work out again for the
    /// unit intake settles on ([`Submission::settled_as`]).
    pub unsettled: Option<Box<Unsettled>>,
    /// The sheets of single months inside the period's report ("Tháng
    /// 1" … "Tháng 3" beside "Quý I"), set aside as another period's:
    /// their TH figures, for telling a month's figure copied as the
    /// period's ([`crate::reconcile::months`]).
    pub months: Vec<MonthSheet>,
}

/// A sheet of one month of the reporting period, set aside, and the
/// figure of each indicator its TH column ("Thực hiện tháng 3/2026")
/// holds.
#[derive(Clone, Debug, Default)]
pub struct MonthSheet {
    pub sheet: String,
    /// The month, 1 … 12.
    pub month: u8,
    /// (indicator, figure), the first row of each indicator.
    pub figures: Vec<(usize, f64)>,
}

/// What the tables of a file whose sender is in doubt showed that only
/// the unit gives a meaning: the rows absent and the rows left blank are
/// missing or not by what the unit must report.
#[derive(Clone, Debug, Default)]
pub struct Unsettled {
    /// Indicators no table of the file has a row for.
    pub absent: Vec<u32>,
    /// Rows kept with every figure cell blank (indicator, where).
    pub blank: Vec<(usize, Location)>,
}

/// A row's note (its «Ghi chú» cell), for the cumulative check (one
/// that names a correction of earlier figures) and the outliers to quote.
#[derive(Clone, Debug)]
pub struct RowNote {
    /// Index into the template's indicators.
    pub indicator: u32,
    pub text: String,
    /// It names a correction of figures already reported
    /// ([`names_correction`]).
    pub correction: bool,
}

impl RowNote {
    /// The indicator as an index into the template's indicators.
    pub fn ind(&self) -> usize {
        self.indicator as usize
    }
}

/// Whether a note names a correction of figures already reported
/// ("Điều chỉnh số liệu quý I", "đính chính", "sửa số liệu quý trước").
pub fn names_correction(note: &str) -> bool {
    let f = crate::text::fold(note);
    ["dieu chinh", "dinh chinh", "sua so lieu", "sua lai so lieu"]
        .iter()
        .any(|w| f.contains(w))
}

/// A figure cell holding a lone "-" (or "không phát sinh", read as a
/// dash is) read as no figure: what it holds, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DashCell {
    pub indicator: u32,
    pub column: ValueColumn,
    pub sheet: u16,
    pub row: u32,
    pub col: u32,
    pub shown: String,
}

/// A table whose rows are units (wards, communes, neighbourhoods) and
/// whose columns are indicators: what the tool does not consolidate.
#[derive(Clone, Debug)]
pub struct ByUnit {
    /// At its first unit's label.
    pub at: Location,
    /// How many of its row labels name a unit, and the first of them.
    pub count: usize,
    pub example: String,
    /// Laid sideways: one column per unit under the period's header, one
    /// row per indicator ([`by_unit_across`]).
    pub across: bool,
}

/// The cells of the rows a `unit-mismatch` warning at `sheet`!`anchor`
/// speaks for besides its own: (sheet, A1 cell); and the indicators it
/// speaks for, by code, its own first (what Chi tiết marks).
#[derive(Clone, Debug, Default)]
pub struct UnitCells {
    pub sheet: String,
    pub anchor: String,
    pub cells: Vec<(String, String)>,
    pub indicators: Vec<String>,
}

/// A %CK column of a submission whose words say how it is written (the
/// growth or the ratio): on sheet `sheet` (index into
/// [`Submission::sheets`]), column `col` (0-based), said by `words` (its
/// header, or the first cell that says "tăng" or "giảm").
#[derive(Clone, Debug, PartialEq)]
pub struct CkSaid {
    pub sheet: u16,
    pub col: u32,
    pub words: String,
    /// The convention the words say: growth or ratio.
    pub convention: CkConvention,
}

/// The header of a figure column: on sheet `sheet` (index into
/// [`Submission::sheets`]), column `col` and row `row` (0-based, the
/// lowest header cell with words of its own), read as `column`; its words
/// as the sheet writes them (both rows of a two-row header).
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnHeader {
    pub sheet: u16,
    pub col: u32,
    pub row: u32,
    pub column: ValueColumn,
    pub label: String,
}

impl Submission {
    /// Where a title cell is.
    pub fn title_location(&self, c: TitleCell) -> Location {
        Location::cell(
            self.file.clone(),
            self.sheets.first().cloned().unwrap_or_default(),
            c.row,
            c.col,
        )
    }

    pub fn location(&self, row: &TidyRow) -> Location {
        self.cell_at(usize::from(row.sheet), row.row, row.col)
    }

    /// Where cell (`row`, `col`) of sheet `sheet` (an index into
    /// [`Submission::sheets`]) is.
    pub fn cell_at(&self, sheet: usize, row: u32, col: u32) -> Location {
        Location::cell(
            self.file.clone(),
            self.sheets.get(sheet).cloned().unwrap_or_default(),
            row,
            col,
        )
    }

    /// The figure of an indicator in a column: the first one read when the
    /// indicator was repeated. A binary search over the sorted rows.
    pub fn figure(&self, indicator: usize, column: ValueColumn) -> Option<&TidyRow> {
        debug_assert!(
            self.stored.is_none(),
            "{}: figures are in the store; read them through Figures",
            self.file
        );
        figure_in(&self.rows, indicator, column)
    }

    /// How many figures it has, in memory or stored.
    pub fn row_count(&self) -> usize {
        match self.stored {
            Some(at) => at.count as usize,
            None => self.rows.len(),
        }
    }

    /// The file taken for `unit` once intake settled a doubt about its
    /// sender: the rows missing and the rows left blank worked out again
    /// for what that unit must report (reading weighed the unit its title
    /// named, or the first it fits). Nothing changes for a file read
    /// without doubt.
    pub fn settled_as(&mut self, unit: usize, template: &Template, lang: Lang) {
        let Some(seen) = self.unsettled.take() else {
            return;
        };
        self.missing = if self.rows.is_empty() && !self.by_unit.is_empty() {
            Vec::new()
        } else {
            seen.absent
                .iter()
                .copied()
                .filter(|&i| template.must_report(unit, i as usize))
                .collect()
        };
        let said_blank = |f: &Finding| {
            f.code == crate::diagnostic::Code::IndicatorMissing && !f.indicator.is_empty()
        };
        self.findings.retain(|f| !said_blank(f));
        let blank = blank_rows(&seen.blank, self, unit, template, lang);
        self.findings.extend(blank);
    }

    /// A copy with these figures in memory, for the cross-unit stages:
    /// who sent it and where, without its findings and missing rows (those
    /// are read from the submission itself).
    pub fn with_figures(&self, rows: Vec<TidyRow>) -> Submission {
        Submission {
            file: self.file.clone(),
            content: self.content,
            modified: self.modified,
            unit: self.unit,
            unit_source: self.unit_source.clone(),
            unit_doubt: self.unit_doubt.clone(),
            unit_text: self.unit_text.clone(),
            unit_text_at: self.unit_text_at,
            title_at: self.title_at,
            unit_former: self.unit_former.clone(),
            unit_enclosed: self.unit_enclosed,
            unit_nearest: self.unit_nearest.clone(),
            unit_loose: self.unit_loose,
            period: self.period,
            headers_period: self.headers_period,
            columns_period: self.columns_period,
            title_stale: self.title_stale,
            sheets: self.sheets.clone(),
            tables: self.tables.clone(),
            rows,
            stored: None,
            missing: Vec::new(),
            offered: self.offered.clone(),
            findings: Vec::new(),
            unit_cells: Vec::new(),
            ck_said: self.ck_said.clone(),
            headers: self.headers.clone(),
            by_unit: Vec::new(),
            dashes: self.dashes.clone(),
            crossed: self.crossed.clone(),
            columns_deleted: self.columns_deleted.clone(),
            column_gap: self.column_gap.clone(),
            notes: self.notes.clone(),
            unsettled: None,
            months: self.months.clone(),
        }
    }

    /// Where indicator `i`'s figure in `column` is a lone "-" read as no
    /// figure, when it is, and what the cell holds.
    /// The error already told of indicator `code`'s cell in `column`
    /// (a number refused, «4,105» in a count): its figure was not read
    /// because of it, the cell is not blank.
    pub fn refused_at(&self, code: &str, column: ValueColumn) -> Option<&Finding> {
        self.findings.iter().find(|f| {
            f.severity == Severity::Error
                && f.indicator == code
                && f.column == column.as_str()
                && !f.cell.is_empty()
        })
    }

    pub fn dash_at(&self, i: usize, column: ValueColumn) -> Option<(Location, &str)> {
        let d = self
            .dashes
            .iter()
            .find(|d| d.indicator as usize == i && d.column == column)?;
        Some((self.cell_at(usize::from(d.sheet), d.row, d.col), &d.shown))
    }

    /// The header of column `col` of sheet `sheet`, when it is a figure
    /// column read.
    pub fn header_of(&self, sheet: u16, col: u32) -> Option<&ColumnHeader> {
        self.headers
            .iter()
            .find(|h| h.sheet == sheet && h.col == col)
    }

    /// What the words of `row`'s column say of how it is written, if
    /// anything.
    pub fn ck_said(&self, row: &TidyRow) -> Option<&CkSaid> {
        self.ck_said
            .iter()
            .find(|g| g.sheet == row.sheet && g.col == row.col)
    }

    /// Do the words of `row`'s column say it holds the growth?
    pub fn says_growth(&self, row: &TidyRow) -> bool {
        self.ck_said(row)
            .is_some_and(|g| g.convention == CkConvention::Growth)
    }

    /// Notes that column `col` of sheet `sheet` says in `words` that it
    /// is written in `convention` (the first words that say so are kept).
    fn ck_said_in(&mut self, sheet: u16, col: u32, words: &str, convention: CkConvention) {
        if !self
            .ck_said
            .iter()
            .any(|g| g.sheet == sheet && g.col == col)
        {
            self.ck_said.push(CkSaid {
                sheet,
                col,
                words: words.to_string(),
                convention,
            });
        }
    }

    /// Puts the rows in the order [`Submission::figure`] relies on.
    pub fn sort_rows(&mut self) {
        self.rows.sort_by_key(|r| (r.indicator, r.column));
    }
}

/// What became of a file.
#[derive(Clone, Debug)]
pub enum FileOutcome {
    Read(Box<Submission>),
    /// Could not be read: the reason in plain words.
    Rejected {
        file: String,
        reason: String,
    },
    /// Not a submission (lock file, document): the reason.
    Skipped {
        file: String,
        reason: String,
    },
}

impl FileOutcome {
    /// The submission read, when the file was read.
    pub fn submission(&self) -> Option<&Submission> {
        match self {
            FileOutcome::Read(s) => Some(s),
            _ => None,
        }
    }

    pub fn file(&self) -> &str {
        match self {
            FileOutcome::Read(s) => &s.file,
            FileOutcome::Rejected { file, .. } | FileOutcome::Skipped { file, .. } => file,
        }
    }
}

/// Words that open the signature block under a table: reading stops there.
const SIGNATURE_WORDS: [&str; 12] = [
    "nguoi lap bieu",
    "nguoi lap",
    "lap bieu",
    "tm uy ban",
    "tm ubnd",
    "chu tich",
    "noi nhan",
    "thu truong don vi",
    "thu truong co quan",
    "truong phong",
    "giam doc",
    "ky ten",
];

/// Does a row open the signature block under the table? Only a row with
/// no figure in the value columns does ("Người lập biểu", "TM. ỦY BAN NHÂN
/// DÂN", "Phường 5, ngày 10 tháng 4 năm 2020"): a data row whose note says
/// "số liệu đến ngày 31 tháng 3 năm 2020" is read.
fn is_signature_row(
    grid: &SheetGrid,
    row: u32,
    value_cols: &[(u32, ValueColumn)],
    locale: NumberLocale,
) -> bool {
    !has_figure(grid, row, value_cols, locale) && names_a_signature(grid, row)
}

/// Does a row hold a number (or a number written as text) in a value
/// column?
fn has_figure(
    grid: &SheetGrid,
    row: u32,
    value_cols: &[(u32, ValueColumn)],
    locale: NumberLocale,
) -> bool {
    value_cols.iter().any(|(c, _)| match grid.raw(row, *c) {
        Data::Float(_) | Data::Int(_) => true,
        Data::String(s) => matches!(parse_text(s, locale), NumberText::Number(_)),
        _ => false,
    })
}

fn names_a_signature(grid: &SheetGrid, row: u32) -> bool {
    grid.cols().any(|c| {
        let data = grid.raw(row, c);
        // A number's text is digits (or NaN, inf): never a signature word
        // nor a date line, so it is not worth folding.
        if matches!(data, Data::Empty | Data::Float(_) | Data::Int(_)) {
            return false;
        }
        let t = crate::ingest::sheet::data_text(data);
        if t.is_empty() {
            return false;
        }
        let f = fold(&t);
        SIGNATURE_WORDS.iter().any(|w| {
            f.strip_prefix(w)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        }) || (f.contains("ngay ") && f.contains(" thang ") && f.contains(" nam "))
    })
}

/// The words of a row that adds up the rows above it ("Cộng", "Tổng cộng",
/// "Tổng số", "Cộng (I + II)"), folded.
const TOTAL_ROW_WORDS: &[&str] = &["tong cong", "cong chung", "tong so", "cong", "tong"];

/// True when a row's name is a total line's: one of [`TOTAL_ROW_WORDS`],
/// followed by nothing but numbering, brackets and signs.
fn is_total_row(name: &str) -> bool {
    // "Cộng (a+b)", "Cộng giải ngân (1+2+3+4)", "Tổng cộng (3.1 + 3.2)": a
    // line that says "cộng" and ends in the sum of the rows it adds.
    if let Some((head, tail)) = name.trim().trim_end_matches(')').rsplit_once('(') {
        let formula = tail.contains('+')
            && tail
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || " .+-".contains(c));
        // "Cộng", not "Công an": the tone tells them apart.
        let words = crate::text::tone_words(head);
        let adds = match words.as_slice() {
            [first, ..] if first == "công5" => true,
            [first, second, ..] => first == "tông3" && second == "công5",
            _ => false,
        };
        if formula && adds {
            return true;
        }
    }
    let folded = fold(name);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    TOTAL_ROW_WORDS.iter().any(|t| {
        joined.strip_prefix(t).is_some_and(|rest| {
            rest.split(' ')
                .filter(|w| !w.is_empty())
                .all(|w| w.chars().all(|c| c.is_ascii_digit() || "ivxlc".contains(c)))
        })
    })
}

/// True when a row is a section's («I | TRỒNG TRỌT», «II. CHĂN NUÔI»,
/// «III - DỊCH VỤ»): an upper-case Roman numeral alone in its code or STT
/// column (I to XXX), or opening its name followed by «.», «-», «)» or «:»
/// and words.
fn is_section_row(numbering: &[&str], name: &str) -> bool {
    let roman = |s: &str| {
        let s = s.trim().trim_end_matches(['.', ')', ':']);
        s.chars().all(|c| c.is_ascii_uppercase())
            && crate::model::parse_roman(s).is_some_and(|n| n <= 30)
    };
    if numbering.iter().any(|s| roman(s)) {
        return true;
    }
    let name = name.trim();
    let head_len = name
        .char_indices()
        .find(|(_, c)| !c.is_ascii_alphabetic())
        .map_or(name.len(), |(k, _)| k);
    let (head, rest) = name.split_at(head_len);
    let rest = rest.trim_start();
    roman(head)
        && rest.starts_with(['.', '-', '–', ')', ':'])
        && rest.chars().any(char::is_alphabetic)
}

/// Reads one file. Never panics on the file's content; whatever goes
/// wrong becomes a rejection reason or a finding.
pub fn read_submission(file: &InputFile, ctx: &ReadContext) -> FileOutcome {
    let limits = &ctx.template.settings.limits;
    let (mut wb, content) = match open_input(file, limits) {
        Opened::Workbook(wb, content) => (wb, content),
        Opened::Skipped(reason) => {
            return FileOutcome::Skipped {
                file: file.rel.clone(),
                reason,
            }
        }
        Opened::Rejected(reason) => {
            return FileOutcome::Rejected {
                file: file.rel.clone(),
                reason,
            }
        }
    };
    let mut sub = Submission {
        file: file.rel.clone(),
        content: Some(content),
        modified: file.modified,
        unit: None,
        unit_source: UnitSource::Unknown,
        unit_doubt: None,
        unit_text: String::new(),
        unit_text_at: None,
        unit_former: None,
        title_at: None,
        unit_enclosed: None,
        unit_nearest: Vec::new(),
        unit_loose: false,
        period: None,
        headers_period: None,
        columns_period: None,
        title_stale: None,
        sheets: Vec::new(),
        tables: Vec::new(),
        rows: Vec::new(),
        stored: None,
        missing: Vec::new(),
        offered: Vec::new(),
        findings: Vec::new(),
        unit_cells: Vec::new(),
        ck_said: Vec::new(),
        headers: Vec::new(),
        by_unit: Vec::new(),
        dashes: Vec::new(),
        crossed: Vec::new(),
        columns_deleted: Vec::new(),
        column_gap: None,
        notes: Vec::new(),
        unsettled: None,
        months: Vec::new(),
    };
    let names = wb.sheet_names();
    let hidden = wb.hidden_sheets();
    // What each sheet read (as `sub.sheets`) told about itself: whether
    // it is hidden, which sheets feed its formulas.
    let mut sheet_reads: Vec<SheetRead> = Vec::new();
    // A form made by `tonghop template` says what it is on a hidden sheet,
    // read first so that the title can be weighed against it.
    let stamp = names
        .iter()
        .find(|n| stamp::is_stamp_sheet(n))
        .and_then(|n| wb.sheet(n).ok())
        .and_then(|g| FormStamp::read(&g));
    // Cell styles (fonts, number formats) of an .xlsx, an .ods's
    // percentages, are read at most once, and only when needed: for legacy
    // fonts (an .xlsx whose style part names one), or for the precision and
    // percent format of a percentage or rate figure.
    let mut styles = StyleCache::new();
    if wb.mentions_legacy_font() {
        styles.load(&mut wb);
    }
    let mut legacy_found = std::collections::BTreeSet::new();
    // Which figure columns some table has; the header labels not read.
    let mut columns_seen = [false; 6];
    // The first table's TH (else first figure) header and its label.
    let mut first_figures: Option<(Location, Location, String)> = None;
    let mut ignored_seen = std::collections::BTreeSet::new();
    let mut sheet_errors = Vec::new();
    let mut seen_sheets = Vec::new();
    // Whether any sheet gave a cell: a workbook whose every sheet reads
    // empty is blank, or written in a way the reader cannot follow.
    let mut any_cells = false;
    // Indicators whose row is in some table (with or without figures).
    let mut seen = RowsSeen {
        present: vec![false; ctx.template.indicators.len()],
        blank: Vec::new(),
        parts: Vec::new(),
        with_unit: Vec::new(),
    };
    // Formulas without a cached value that the tool computed.
    let mut evaluated = 0;
    // Sheets titled for another period than the run's (or the first
    // table's), beside one of that period: last quarter's sheet kept in
    // this quarter's workbook. Read only when no sheet of the period is.
    let mut other_period: Vec<OtherPeriodSheet> = Vec::new();
    // Sheets whose title names another period but whose indicators no
    // sheet of the period holds: read for the period, the title an error.
    let mut stale_titled: Vec<OtherPeriodSheet> = Vec::new();
    // Without a run's period (`check` without --period), a workbook with
    // sheets of several periods is read for its latest: last quarter's
    // sheet kept beside this quarter's is not the report being sent.
    // A month is no report's period: a quarter's sheet beside its last
    // month's working sheet ("Quý III" and "Tháng 9") is read for the
    // quarter, however the two end on the same day.
    // A sheet named as the year's plan ("KH 2026", "Kế hoạch") is read
    // after the others: the report's title names the unit and the
    // period. Whether it is a plan its title tells once it is read
    // ([`plan_sheet`]); sheets are read once each (an .ods sheet's
    // hidden rows are taken by the reading).
    let is_plan = |n: &str| ctx.words.names_plan_sheet(n);
    let latest = match ctx.period {
        None if names.len() > 1 => names
            .iter()
            .filter(|n| !stamp::is_stamp_sheet(n) && !is_plan(n))
            .filter_map(|n| wb.sheet(n).ok())
            .filter_map(|g| titled_period(&g, None))
            .max_by_key(|p| (!p.is_month(), p.year, p.last_month())),
        _ => None,
    };
    // Sheets named by their period ("Quý II" and "Quý III", "T7", "T8",
    // "T9"), several in one workbook: a sheet whose title names no period
    // is of the period its name says, in the run's year.
    let named: Vec<(&String, Period)> = ctx
        .period
        .map(|run| {
            names
                .iter()
                .filter_map(|n| sheet_name_period(n, run.year).map(|p| (n, p)))
                .collect()
        })
        .unwrap_or_default();
    // A lone sheet named for another period ("Q2", "T6/2025") beside
    // sheets titled for the run's is last quarter's too, whatever the
    // order of the sheets; alone, or beside sheets that name no period,
    // it is read for the run as before.
    let lone_other = match (ctx.period, named.as_slice()) {
        (Some(run), [(lone, p)]) if !run.same_report_as(p) => names
            .iter()
            .filter(|n| *n != *lone && !stamp::is_stamp_sheet(n))
            .filter_map(|n| wb.sheet(n).ok())
            .filter_map(|g| titled_period(&g, Some(run)))
            .any(|p| run.same_report_as(&p)),
        _ => false,
    };
    let by_name = |n: &str| {
        (named.len() > 1 || lone_other)
            .then(|| named.iter().find(|(m, _)| *m == n).map(|(_, p)| *p))
            .flatten()
    };
    let mut queue: std::collections::VecDeque<String> = names
        .iter()
        .filter(|n| !is_plan(n))
        .chain(names.iter().filter(|n| is_plan(n)))
        .cloned()
        .collect();
    let mut any_period = false;
    // A crop season's title read without a run's period: the period the
    // columns decided, the title's, whether the columns named it, and
    // the title's cell.
    let mut season: Option<(Period, Period, bool, TitleCell)> = None;
    // Sheets of a pivot table (a summary of the report, «Sum of …»): read
    // after the others, and only when none of them is a report.
    let mut pivots: Vec<(String, SheetGrid, (u32, u32, String))> = Vec::new();
    let mut held: Option<SheetGrid> = None;
    loop {
        let Some(owned) = queue.pop_front() else {
            if sub.sheets.is_empty() && !pivots.is_empty() {
                let (sheet, grid, _) = pivots.remove(0);
                held = Some(grid);
                queue.push_back(sheet);
                continue;
            }
            if sub.sheets.is_empty() && !any_period && !other_period.is_empty() {
                // No sheet of the period: the first of another period is
                // read after all, and the file is judged by its title.
                any_period = true;
                queue.push_back(other_period.remove(0).sheet);
                continue;
            }
            // A sheet titled for another period whose indicators no sheet
            // of the period has is no older copy: a group sheet whose
            // title was left from last quarter. Its figures are the
            // period's (unless its headers name the old period too).
            if !sub.sheets.is_empty() && !any_period {
                let (stale, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut other_period)
                    .into_iter()
                    .partition(|o| {
                        !o.by_name
                            && !o.held.is_empty()
                            && o.held
                                .iter()
                                .all(|&i| !seen.present.get(i).copied().unwrap_or(true))
                    });
                other_period = kept;
                for o in stale {
                    if !o.headed_stated {
                        queue.push_back(o.sheet.clone());
                    }
                    stale_titled.push(o);
                }
                if !queue.is_empty() {
                    continue;
                }
            }
            break;
        };
        let name = &owned;
        if stamp.is_some() && stamp::is_stamp_sheet(name) {
            continue;
        }
        let pivot_read = held.is_some();
        let mut grid = match held.take() {
            Some(g) => g,
            None => match wb.sheet(name) {
                Ok(g) => g,
                Err(reason) => {
                    sheet_errors.push(reason);
                    continue;
                }
            },
        };
        if !pivot_read {
            if let Some(header) = pivot_header(&grid) {
                pivots.push((name.clone(), grid, header));
                continue;
            }
        }
        if !seen_sheets.contains(name) {
            seen_sheets.push(name.clone());
        }
        any_cells |= !grid.is_empty();
        styles.start_sheet(grid.take_style_ids());
        decode_legacy(&mut grid, styles.loaded_sheet(), &mut legacy_found);
        // tonghop's own list of findings (the «Lỗi» sheet of a
        // tong-hop.xlsx sent up as a report): no table of figures.
        if is_findings_sheet(&grid) {
            continue;
        }
        // The file's own period, else the run's, tells which columns are
        // this period's ("Quý III", "9 tháng") and which are not.
        // A form's stamp of the run's period knows it better than a title
        // copied from last quarter's report ("QUÝ III/2025" left in a Q4
        // form); a stamp of another period sets the file aside anyway.
        let stamped = stamp
            .as_ref()
            .and_then(|s| s.period)
            .filter(|p| ctx.period.is_none_or(|run| run.same_report_as(p)));
        let titled_at = titled_period_at(&grid, ctx.period);
        // `check` without --period: a crop season's title («… VỤ ĐÔNG
        // XUÂN NĂM 2026») names no period, the columns decide («Thực hiện
        // 6 tháng» is the half-year's); the title's year when none does.
        let titled_at = match (ctx.period, titled_at) {
            (None, Some((p, r, c))) if season_titled(&grid, r, c, p) => {
                let (decided, by_columns) = season_columns_period(&grid, &ctx.words, p.year);
                if sub.sheets.is_empty() && season.is_none() {
                    season = Some((decided, p, by_columns, TitleCell { row: r, col: c }));
                }
                Some((decided, r, c))
            }
            (_, t) => t,
        };
        let titled = titled_at.map(|(p, _, _)| p);
        let stale = stale_titled
            .iter()
            .find(|o| o.sheet == *name)
            .map(|o| o.wanted);
        let own = stale.or(stamped).or(titled).or_else(|| by_name(name));
        // A title left from another period ("QUÝ III/2025" in the fourth
        // quarter's report, "NĂM 2025" over "Thực hiện quý III/2025") over
        // headers that name the run's quarter and none the title's: the
        // headers say what the figures are, the title is to correct. A
        // form's stamp of another period is not overruled.
        let overruled = match (ctx.period, own, stamp.as_ref().and_then(|s| s.period)) {
            (Some(run), Some(o), None) if !run.same_report_as(&o) => {
                headers_overrule(&grid, &ctx.words, run, o)
                    .map(|(layout, labels, past)| (o, layout, (labels, past)))
            }
            _ => None,
        };
        let own = if overruled.is_some() { ctx.period } else { own };
        let period = own.or(ctx.period);
        let (layout, overruled) = match overruled {
            Some((o, layout, labels)) => (layout, Some((o, labels))),
            None => match find_table(&grid, &ctx.words, period) {
                Some(layout) => (layout, None),
                None => {
                    // Its header names no indicator column: a table by
                    // unit ("Phường" over the rows, indicators over the
                    // columns) is told, not dropped silently.
                    if let Some(found) = by_unit_column(&grid, &ctx.agencies, &file.rel) {
                        sub.by_unit.push(found);
                        continue;
                    }
                    // Last quarter's TH and LK alone, under a title of
                    // the run's period or of none: a table all the same,
                    // told below as that quarter's.
                    let run = ctx
                        .period
                        .filter(|run| own.is_none_or(|o| run.same_report_as(&o)));
                    match run.and_then(|run| other_quarters_table(&grid, &ctx.words, run)) {
                        Some(layout) => (layout, None),
                        None => continue,
                    }
                }
            },
        };
        // A detail table by unit laid sideways (a province's «Chi tiết
        // theo xã»: a column per commune under «Thực hiện quý III/2026»)
        // is no unit's own figures: told, not read as its TH.
        if let Some(found) = by_unit_across(&grid, &layout, ctx, &file.rel) {
            sub.by_unit.push(found);
            continue;
        }
        // The year's plan kept beside the report: only its KH is read.
        let plan = plan_sheet(&grid, name, &ctx.words, &layout);
        let plan = plan.as_ref();
        let wanted = ctx.period.or(latest).or(sub.period.map(|(p, _)| p));
        if let (Some(w), Some(o), false) = (wanted, own, any_period) {
            if !w.same_report_as(&o) {
                let by_name = stamped.or(titled).is_none();
                // Only a sheet titled for another period may turn out to
                // be a group sheet of its own (`stale_titled`): what it
                // holds and how its headers read are looked at here.
                let (held, headed_stated) = if by_name {
                    (Vec::new(), false)
                } else {
                    let held = indicators_held(&grid, &layout, ctx);
                    let figures = |l: &TableLayout| {
                        l.value_columns()
                            .filter(|(_, v)| matches!(v, ValueColumn::Th | ValueColumn::Lk))
                            .count()
                    };
                    let as_wanted = find_table(&grid, &ctx.words, Some(w));
                    (
                        held,
                        as_wanted.is_none_or(|l| figures(&l) < figures(&layout)),
                    )
                };
                // A month of the period asked: its figures stay at hand.
                if let PeriodSpan::Month(m) = o.span {
                    if o.year == w.year && (w.first_month()..=w.last_month()).contains(&m) {
                        sub.months.push(MonthSheet {
                            sheet: name.clone(),
                            month: m,
                            figures: month_figures(&grid, &layout, ctx),
                        });
                    }
                }
                other_period.push(OtherPeriodSheet {
                    sheet: name.clone(),
                    stated: o,
                    wanted: w,
                    by_name,
                    cell: titled_at.filter(|_| !by_name).map(|(_, r, c)| (r, c)),
                    held,
                    headed_stated,
                });
                continue;
            }
        }
        if sub.sheets.is_empty() {
            read_title(&grid, &layout, file, ctx, &mut sub);
            if let Some((decided, stated, by_columns, cell)) = season {
                if sub.period == Some((stated, cell)) {
                    sub.period = Some((decided, cell));
                    if !by_columns {
                        // The sheet is not yet in `sub.sheets`.
                        let here =
                            Location::cell(file.rel.clone(), name.clone(), cell.row, cell.col);
                        let said = Read::SeasonPeriodAssumed {
                            cell: &here.cell,
                            period: decided,
                        };
                        sub.findings.push(
                            Finding::said(Severity::Info, &said, ctx.lang)
                                .at(&here)
                                .actual(decided.to_string()),
                        );
                    }
                }
            }
            note_former(&grid, &layout, file, ctx, &mut sub);
            if let Some(stamp) = &stamp {
                stamp::apply(stamp, &grid, &layout, ctx, &mut sub);
            }
            if let (Some((stated, (labels, past))), Some(run), Some((p, cell))) =
                (&overruled, ctx.period, sub.period)
            {
                if p == *stated {
                    sub.period = Some((run, cell));
                    // A title naming the run's whole year is vaguer, not
                    // another period: a warning, the report not held back.
                    let loose = stated.holds_loosely(&run);
                    if !loose {
                        sub.title_stale = Some(*stated);
                    }
                    // The sheet is not yet in `sub.sheets`.
                    let here = Location::cell(file.rel.clone(), name.clone(), cell.row, cell.col);
                    let said = Read::TitleBehindHeaders {
                        cell: &here.cell,
                        stated: *stated,
                        period: run,
                        labels,
                        past: *past,
                    };
                    // The figures are counted, but a report whose title
                    // names another period is not one to sign as it is.
                    let severity = if loose {
                        Severity::Warning
                    } else {
                        Severity::Error
                    };
                    sub.findings.push(
                        Finding::said(severity, &said, ctx.lang)
                            .at(&here)
                            .expected(run.to_string())
                            .actual(stated.to_string()),
                    );
                }
            }
        }
        let layout = match ctx.period.or(period) {
            Some(p) => plan_named_next_year(&grid, layout, p, ctx, &mut sub, || {
                (file.rel.clone(), name.clone())
            }),
            None => layout,
        };
        let layout = plan_by_percents(&grid, layout);
        let layout = match plan {
            Some(sign) => {
                let here = |r: u32, c: u32| Location::cell(file.rel.clone(), name.clone(), r, c);
                let (layout, finding) = plan_columns(&grid, layout, name, sign, &here, ctx.lang);
                sub.findings.extend(finding);
                layout
            }
            None => layout,
        };
        let layout = crate::normalize::year_months::year_from_months(
            &mut grid,
            layout,
            ctx.period.or(period),
            ctx,
            &file.rel,
            name,
            &mut sub,
        );
        sub.sheets.push(name.clone());
        // Every TH and LK header names one other period and the title the
        // run's or none ("Thực hiện quý II/2020", "Lũy kế 6 tháng đầu năm
        // 2020" in a 2020-Q3 run): that period's report, set aside by
        // intake as of another period.
        let titled_run = |run: Period| sub.period.is_none_or(|(p, _)| run.same_report_as(&p));
        if let (Some(run), 1, None, None) = (ctx.period, sub.sheets.len(), plan, sub.columns_period)
        {
            let other = titled_run(run)
                .then(|| columns_of_one_other_period(&grid, &layout, &ctx.words, run))
                .flatten();
            if let Some((headers, named)) = other {
                sub.columns_period = Some(headers);
                let labels: Vec<String> = named.iter().map(|(l, _, _)| l.clone()).collect();
                let mut columns: Vec<&str> = named.iter().map(|(_, v, _)| v.as_str()).collect();
                columns.dedup();
                let columns = columns.join(", ");
                let finding = match sub.period {
                    Some((stated, cell)) => {
                        let here = sub.title_location(cell);
                        let said = Read::ColumnsOfOtherPeriod {
                            cell: &here.cell,
                            stated,
                            headers,
                            columns: &columns,
                            labels: &labels,
                        };
                        Finding::said(Severity::Error, &said, ctx.lang).at(&here)
                    }
                    None => {
                        let col = named.first().map_or(0, |(_, _, c)| *c);
                        let here = Location::cell(
                            file.rel.clone(),
                            name.clone(),
                            layout.header_first,
                            col,
                        );
                        let said = Read::ColumnsOfOtherPeriodUntitled {
                            cell: &here.cell,
                            period: run,
                            headers,
                            columns: &columns,
                            labels: &labels,
                        };
                        Finding::said(Severity::Error, &said, ctx.lang).at(&here)
                    }
                };
                sub.findings.push(
                    finding
                        .expected(run.to_string())
                        .actual(headers.to_string()),
                );
            }
        }
        sub.tables.push(TableBox::of(&layout));
        sheet_reads.push(SheetRead {
            hidden: hidden.contains(name),
            sources: Vec::new(),
            plan: plan.is_some(),
        });
        for (_, v) in layout.value_columns() {
            columns_seen[v.index()] = true;
        }
        if first_figures.is_none() {
            // The TH column's header (else the first figure column's):
            // what a year-end report without its LK has instead; the
            // missing column is told where it would be, after the last
            // header of the row.
            let col = layout
                .col(Role::Value(ValueColumn::Th))
                .or_else(|| layout.value_columns().next().map(|(c, _)| c));
            let last = layout
                .columns
                .iter()
                .map(|(c, _)| *c)
                .chain(layout.ignored.iter().map(|i| i.col))
                .max();
            let gap = last.map(|c| {
                Location::cell(file.rel.clone(), name.clone(), layout.header_first, c + 1)
            });
            sub.column_gap = gap.clone();
            first_figures = col.zip(gap).map(|(c, gap)| {
                let label = (layout.header_first..=layout.header_last)
                    .map(|r| grid.text(r, c))
                    .filter(|t| !t.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                let here = Location::cell(file.rel.clone(), name.clone(), layout.header_first, c);
                (gap, here, label)
            });
        }
        let (rows_before, findings_before) = (sub.rows.len(), sub.findings.len());
        // Figure columns whose headers name one other period than the
        // title's (`check` without a run's period): the title and the
        // headers disagree, one error says so at the title. With a run's
        // period the title names, only when no TH or LK column is left to
        // read (last quarter's report re-titled): else each column is
        // told as before, `held_back` keeping it until that is known.
        let mut disagree: Vec<(String, ValueColumn)> = Vec::new();
        let mut held_back: Vec<(IgnoredColumn, ValueColumn, Period)> = Vec::new();
        let mut headers_named: Option<Period> = None;
        // The headers that say nothing the tool reads, told together.
        let mut unread: Vec<(String, Location)> = Vec::new();
        // A plan's columns not read are told together, by its finding.
        for ignored in layout.ignored.iter().filter(|_| plan.is_none()) {
            if who_supplied(&grid, &layout, ignored, ctx.template) {
                continue;
            }
            if ignored_seen.insert(fold(&ignored.label)) {
                let at =
                    |c: u32| Location::cell(file.rel.clone(), name.clone(), layout.header_first, c);
                // Only in a sheet read for the run's period: a file of
                // another period is set aside whatever its columns.
                let lost = match (ctx.period, period) {
                    (Some(run), Some(p)) if !run.same_report_as(&p) => {
                        // A header that names the run's period does say
                        // which figure it holds: the title is of another
                        // period, which the period-mismatch says.
                        let names_run = matches!(
                            ctx.words.classify(&ignored.label, Some(run)),
                            Some(Role::Value(_))
                        );
                        if names_run && ignored.why == NotRead::Unnamed {
                            sub.headers_period.get_or_insert(run);
                            continue;
                        }
                        None
                    }
                    (run, p) => run
                        .or(p)
                        .and_then(|p| lost_column(&layout, ignored, &ctx.words, p)),
                };
                let titled = sub.sheets.len() == 1 && sub.period.map(|(p, _)| p) == period;
                if let (Some((column, p)), true) = (lost, titled) {
                    let named = period_named(&ctx.words, &ignored.label, column, p);
                    if let Some(h) = named.filter(|h| headers_named.is_none_or(|k| k == *h)) {
                        headers_named = Some(h);
                        disagree.push((ignored.label.clone(), column));
                        held_back.push((ignored.clone(), column, p));
                        continue;
                    }
                }
                let told = match lost {
                    Some((column, p)) => Some(column_other_period(ignored, &at, column, p, ctx)),
                    None => column_ignored(ignored, &at, ctx, period),
                };
                match told {
                    Some(f) => sub.findings.push(f),
                    None => unread.push((ignored.label.clone(), at(ignored.col))),
                }
            }
        }
        // With a run's period, a table that still has its TH or LK is the
        // period's: the columns held back are told one by one.
        let figures_left = [ValueColumn::Th, ValueColumn::Lk]
            .iter()
            .any(|&v| layout.col(Role::Value(v)).is_some());
        if ctx.period.is_some() && figures_left {
            let at =
                |c: u32| Location::cell(file.rel.clone(), name.clone(), layout.header_first, c);
            for (ignored, column, p) in held_back.drain(..) {
                sub.findings
                    .push(column_other_period(&ignored, &at, column, p, ctx));
            }
            headers_named = None;
        }
        sub.findings.extend(columns_unread(&unread, ctx.lang));
        if let (Some(headers), Some((stated, cell))) = (headers_named, sub.period) {
            let labels: Vec<String> = disagree.iter().map(|(l, _)| l.clone()).collect();
            let columns: Vec<&str> = disagree.iter().map(|(_, c)| c.as_str()).collect();
            let here = sub.title_location(cell);
            let finding = match ctx.period {
                // The run's period in the title, another in every TH and
                // LK header: last quarter's report re-titled, of the
                // headers' period, set aside as such by intake.
                Some(run) => {
                    sub.columns_period = Some(headers);
                    let said = Read::ColumnsOfOtherPeriod {
                        cell: &here.cell,
                        stated,
                        headers,
                        columns: &columns.join(", "),
                        labels: &labels,
                    };
                    Finding::said(Severity::Error, &said, ctx.lang)
                        .at(&here)
                        .expected(run.to_string())
                        .actual(headers.to_string())
                }
                None => {
                    let said = Read::TitleOtherThanHeaders {
                        cell: &here.cell,
                        stated,
                        headers,
                        columns: &columns.join(", "),
                        labels: &labels,
                    };
                    Finding::said(Severity::Error, &said, ctx.lang)
                        .at(&here)
                        .expected(headers.to_string())
                        .actual(stated.to_string())
                }
            };
            sub.findings.push(finding);
        }
        let mut layout = layout;
        loop {
            let value_cols: Vec<(u32, ValueColumn)> = layout.value_columns().collect();
            let (locale, _) = sheet_locale(&grid, &layout, &value_cols, ctx.locale);
            // Words after a number that are the row's unit as its ĐVT
            // cell states it ("75,9 ha" in a row in ha).
            let unit_col = layout.col(Role::Unit);
            let row_unit = |r: u32, words: &str| {
                unit_col.is_some_and(|c| {
                    let stated = grid.text(r, c);
                    !stated.is_empty()
                        && is_unit_of_row(words, &stated, &ctx.template.settings.abbreviations)
                })
            };
            let formulas = SheetFormulas::read(&mut wb, name, &grid, &layout, locale, &row_unit);
            evaluated += formulas.as_ref().map_or(0, SheetFormulas::evaluated);
            if let (Some(f), Some(this), true) =
                (formulas.as_ref(), sheet_reads.last_mut(), names.len() > 1)
            {
                for other in f.sheets_referenced(&names) {
                    if other != *name && !this.sources.contains(&other) {
                        this.sources.push(other);
                    }
                }
            }
            let rows_at = sub.rows.len();
            let next = read_rows(
                &grid,
                &layout,
                formulas.as_ref(),
                &mut CellStyles {
                    cache: &mut styles,
                    wb: &mut wb,
                },
                ctx,
                &mut sub,
                &mut seen,
            );
            tell_plans_kept(&layout, rows_at..sub.rows.len(), name, ctx, &mut sub);
            // Another table stacked under this one, with its own header
            // (its columns perhaps in another order): read by that header.
            let Some(at) = next else { break };
            grid.start_at(at);
            let Some(below) =
                find_table(&grid, &ctx.words, period).filter(|l| l.header_first >= at)
            else {
                break;
            };
            sub.tables.push(TableBox::of(&below));
            for (_, v) in below.value_columns() {
                columns_seen[v.index()] = true;
            }
            let mut unread: Vec<(String, Location)> = Vec::new();
            for ignored in &below.ignored {
                if ignored_seen.insert(fold(&ignored.label)) {
                    let at = |c: u32| {
                        Location::cell(file.rel.clone(), name.clone(), below.header_first, c)
                    };
                    match column_ignored(ignored, &at, ctx, period) {
                        Some(f) => sub.findings.push(f),
                        None => unread.push((ignored.label.clone(), at(ignored.col))),
                    }
                }
            }
            sub.findings.extend(columns_unread(&unread, ctx.lang));
            layout = below;
        }
        // Figures marked (*) whose note under the table says they leave
        // out part (a province's tong-hop.xlsx: «chưa gồm số của Xã Kim
        // Lợi»): counted, each told, the totals marked.
        if let Some(read) = sub.rows.get(rows_before..) {
            let mut cells = CellStyles {
                cache: &mut styles,
                wb: &mut wb,
            };
            let marked = incomplete_figures(&grid, read, &mut cells, ctx.template);
            let unit = sub
                .unit
                .and_then(|u| ctx.template.agencies.get(u))
                .map_or_else(
                    || ctx.lang.pick("Đơn vị", "The unit").to_string(),
                    |a| a.shown().into_owned(),
                );
            for (row, note) in marked {
                let Some(ind) = ctx.template.indicators.get(row.ind()) else {
                    continue;
                };
                let here = Location::cell(file.rel.clone(), name.clone(), row.row, row.col);
                // A department's figure of an indicator its wards report:
                // compared with their sum, never added into it.
                let counted = ind.kind == crate::template::Kind::Rate
                    || sub
                        .unit
                        .is_none_or(|u| ctx.template.counts_towards_total(u, row.ind()));
                let said = Said::FigureIncomplete {
                    unit: &unit,
                    code: &ind.code,
                    name: &ind.name,
                    column: row.column.as_str(),
                    cell: &here.cell,
                    note: &note,
                    counted,
                };
                sub.findings.push(
                    Finding::said(Severity::Warning, &said, ctx.lang)
                        .at(&here)
                        .indicator(ind.code.clone())
                        .column(row.column.as_str())
                        .actual(note),
                );
            }
        }
        // A sheet beside the report whose table holds not one indicator:
        // the clerk's own working table, one info rather than an error per
        // row.
        if sub.rows.len() == rows_before {
            if let Some(found) = by_unit_rows(&mut sub, findings_before, &ctx.agencies) {
                sub.by_unit.push(found);
                continue;
            }
        }
        if sub.sheets.len() > 1 && sub.rows.len() == rows_before {
            unrelated_sheet(&mut sub, findings_before, name, ctx.lang);
        }
    }
    // A pivot table beside the report: its figures are the report's,
    // summed; it is set aside, and said so.
    if let Some(kept) = sub.sheets.first().cloned() {
        for (sheet, _, (r, c, header)) in pivots {
            let here = Location::cell(file.rel.clone(), sheet.clone(), r, c);
            let said = Read::PivotSheet {
                sheet: &sheet,
                header: &header,
                cell: &here.cell,
                kept: &kept,
            };
            sub.findings.push(
                Finding::said(Severity::Info, &said, ctx.lang)
                    .at(&here)
                    .expected(kept.clone())
                    .actual(sheet.clone()),
            );
        }
    }
    if sub.sheets.is_empty() {
        let reason = if let Some(found) = sub.by_unit.first().filter(|f| f.across) {
            format!(
                "a detail table by unit: the table of sheet '{}' has one column per unit ({} columns, such as '{}') under the period's header, not the sender's own figures, which is not consolidated",
                found.at.sheet, found.count, found.example
            )
        } else if let Some(found) = sub.by_unit.first() {
            format!(
                "a table by unit: the table of sheet '{}' has one row per unit ({} rows, such as '{}') and one column per indicator, which is not consolidated",
                found.at.sheet, found.count, found.example
            )
        } else if !sheet_errors.is_empty() && seen_sheets.is_empty() {
            Lang::En.some_of(&sheet_errors, 5, ("lỗi", "errors"))
        } else if names.is_empty() {
            "the workbook has no worksheets".to_string()
        } else if !any_cells
            && file.member.is_empty()
            && crate::ingest::zipped::picture_count(&file.path) > 0
        {
            format!(
                "the workbook holds only pictures: {} image(s) and no figure in its cells; sheets read: {}",
                crate::ingest::zipped::picture_count(&file.path),
                Lang::En.some_of(&seen_sheets, 20, ("trang", "sheets"))
            )
        } else if !any_cells {
            format!(
                "every sheet came out empty: no cell could be read; sheets read: {}",
                Lang::En.some_of(&seen_sheets, 20, ("trang", "sheets"))
            )
        } else {
            format!(
                "no indicator table found: no sheet has a header naming the indicators (Chỉ tiêu or Mã số) and a figures column (KH, TH, LK, CK, %KH or %CK) in its first 30 rows; sheets read: {}",
                Lang::En.some_of(&seen_sheets, 20, ("trang", "sheets"))
            )
        };
        return FileOutcome::Rejected {
            file: file.rel.clone(),
            reason,
        };
    }
    // A table by unit beside figures read elsewhere: one info at it (a
    // file with no other figure is an error, see
    // `reconcile::checks::check_submission`).
    if !sub.rows.is_empty() {
        for found in &sub.by_unit {
            let said = Said::SheetByUnit {
                sheet: &found.at.sheet,
                count: found.count,
                example: &found.example,
                across: found.across,
            };
            // How the file was read, asking nothing of the unit: the
            // office's (no feedback workbook for it alone).
            sub.findings.push(
                Finding::said(Severity::Info, &said, ctx.lang)
                    .at(&found.at)
                    .actual(found.example.clone())
                    .for_office(),
            );
        }
    }
    // Sheets of the period that give the same figures: each figure once.
    one_figure_each(&mut sub, &sheet_reads, &names, ctx.template, ctx.lang);
    // A rate labelled "%" whose figures are in ‰ already: kept as
    // written, its own warning (never merged with conversions).
    let label_only =
        crate::normalize::rate_label::rate_labels_only(&mut sub, ctx.template, ctx.lang);
    // A unit written the same wrong way on many rows: one finding.
    one_unit_finding_each(&mut sub, ctx.template, ctx.lang, &label_only);
    if !any_period {
        let period = ctx.period.or(latest).or(sub.period.map(|(p, _)| p));
        for o in other_period {
            let Some(period) = period else { break };
            // At the cell that names the other period (the sheet's first
            // cell when only its name does).
            let (r, c) = o.cell.unwrap_or((0, 0));
            sub.findings.push(
                Finding::said(
                    Severity::Info,
                    &Read::SheetOtherPeriod {
                        sheet: &o.sheet,
                        stated: o.stated,
                        period,
                        by_name: o.by_name,
                    },
                    ctx.lang,
                )
                .at(&Location::cell(file.rel.clone(), o.sheet.clone(), r, c))
                .expected(period.to_string())
                .actual(o.stated.to_string()),
            );
        }
        for o in stale_titled {
            let (r, c) = o.cell.unwrap_or((0, 0));
            let here = Location::cell(file.rel.clone(), o.sheet.clone(), r, c);
            let said = Read::SheetTitleStale {
                sheet: &o.sheet,
                cell: &here.cell,
                stated: o.stated,
                period: o.wanted,
                count: o.held.len(),
                counted: !o.headed_stated,
            };
            sub.findings.push(
                Finding::said(Severity::Error, &said, ctx.lang)
                    .at(&here)
                    .expected(o.wanted.to_string())
                    .actual(o.stated.to_string()),
            );
        }
    }
    for enc in legacy_found {
        sub.findings.push(
            Finding::said(
                Severity::Info,
                &Read::LegacyEncoding {
                    file: &file.rel,
                    encoding: enc.name(),
                },
                ctx.lang,
            )
            .at(&Location::file(file.rel.clone()))
            .actual(enc.name()),
        );
    }
    sub.findings
        .extend(parts_note(&seen.parts, ctx.template, ctx.lang));
    if let Some((first, shown)) = seen.with_unit.first() {
        let said = Read::FiguresWithUnit {
            file: &file.rel,
            count: seen.with_unit.len(),
            example: shown,
            cell: &first.cell,
        };
        sub.findings.push(
            Finding::said(Severity::Info, &said, ctx.lang)
                .at(&Location::file(file.rel.clone()))
                .actual(seen.with_unit.len().to_string()),
        );
    }
    sub.findings
        .extend(crate::normalize::formula::evaluated_note(
            &file.rel, evaluated, ctx.lang,
        ));
    for reason in sheet_errors {
        sub.findings.push(
            Finding::said(
                Severity::Warning,
                &Read::SheetUnreadable {
                    what: &crate::ingest::reasons::reason_words(&reason, ctx.lang).0,
                },
                ctx.lang,
            )
            .at(&Location::file(file.rel.clone()))
            .actual(crate::ingest::reasons::reason_actual(&reason, ctx.lang)),
        );
    }
    let period = sub.period.map(|(p, _)| p).or(ctx.period);
    infer_first_quarter_lk(&columns_seen, period, ctx.lang, &mut sub);
    stock_lk_from_th(&columns_seen, ctx.template, &mut sub);
    quarter_without_lk(
        &columns_seen,
        ctx.period.or(period),
        first_figures.as_ref(),
        ctx.template,
        &mut sub,
    );
    year_end_without_lk(
        &columns_seen,
        ctx.period.or(period),
        first_figures,
        ctx,
        &mut sub,
    );
    // A file whose sender is in doubt among units of one kind is weighed
    // as the first's: intake may settle it as any of them.
    let doubted = match &sub.unit_doubt {
        Some(UnitDoubt::Ambiguous { candidates, .. }) => candidates.first().copied(),
        _ => None,
    };
    if let Some(u) = sub.unit.or(doubted) {
        sub.missing = (0..seen.present.len())
            .filter(|&i| !seen.present[i] && ctx.template.must_report(u, i))
            .map(|i| i as u32)
            .collect();
        if sub.unit.is_some() {
            let blank = blank_rows(&seen.blank, &sub, u, ctx.template, ctx.lang);
            sub.findings.extend(blank);
        }
    }
    // A file whose only table is by unit lacks no row: it lacks the form.
    if sub.rows.is_empty() && !sub.by_unit.is_empty() {
        sub.missing.clear();
    }
    // Its sender in doubt: intake may settle it as another unit, which
    // must report other rows.
    if sub.unit_doubt.is_some() {
        sub.unsettled = Some(Box::new(Unsettled {
            absent: (0..seen.present.len())
                .filter(|&i| !seen.present[i])
                .map(|i| i as u32)
                .collect(),
            blank: seen.blank.clone(),
        }));
    }
    if let Some(u) = sub.unit {
        let code = ctx.template.agencies[u].code.clone();
        for f in &mut sub.findings {
            if f.unit.is_empty() {
                f.unit = code.clone();
            }
        }
    }
    // Thousands of submissions stay in memory until the end of the run
    // (without their figures in a consolidation): no spare capacity.
    sub.sort_rows();
    // A figure read twice (an indicator repeated in a table stacked under
    // another): the first one read, as the detail sheet shows it, is the
    // only one the totals add.
    sub.rows.dedup_by_key(|r| (r.indicator, r.column));
    crate::normalize::fraction::rates_typed_as_fractions(&mut sub, ctx.template, ctx.lang);
    stamp::set_aside_foreign(&mut sub);
    sub.rows.shrink_to_fit();
    sub.findings.shrink_to_fit();
    sub.dashes.shrink_to_fit();
    sub.crossed.shrink_to_fit();
    FileOutcome::Read(Box::new(sub))
}

/// The styles of an .xlsx workbook: its style table, read on first use,
/// and the style indices of the sheet being read (from calamine's value
/// pass).
struct StyleCache {
    table: Option<std::sync::Arc<crate::ingest::styles::StyleTable>>,
    tried: bool,
    /// The style indices of the current sheet, until its styles are made.
    cells: Vec<crate::ingest::styles::StyledCell>,
    current: Option<crate::ingest::styles::SheetStyles>,
}

impl StyleCache {
    fn new() -> Self {
        StyleCache {
            table: None,
            tried: false,
            cells: Vec::new(),
            current: None,
        }
    }

    /// The workbook's style table, asked once: an `.xlsx`'s, an `.ods`'s
    /// percentages, none for other formats.
    fn load(&mut self, wb: &mut crate::ingest::OpenWorkbook) {
        if !self.tried {
            self.tried = true;
            self.table = wb.style_table().ok();
        }
    }

    /// A new sheet is being read, with these style indices.
    fn start_sheet(&mut self, cells: Vec<crate::ingest::styles::StyledCell>) {
        self.cells = cells;
        self.current = None;
    }

    /// The styles of the current sheet if the style table was loaded
    /// already.
    fn loaded_sheet(&mut self) -> Option<&crate::ingest::styles::SheetStyles> {
        let table = self.table.as_ref()?;
        if self.current.is_none() {
            let cells = std::mem::take(&mut self.cells);
            self.current = Some(crate::ingest::styles::SheetStyles::new(
                std::sync::Arc::clone(table),
                cells,
            ));
        }
        self.current.as_ref()
    }

    /// The styles of the current sheet, loading the style table if needed.
    fn sheet(
        &mut self,
        wb: &mut crate::ingest::OpenWorkbook,
    ) -> Option<&crate::ingest::styles::SheetStyles> {
        self.load(wb);
        self.loaded_sheet()
    }
}

/// The styles of the sheet being read, with the workbook to load them
/// from on first use.
struct CellStyles<'a> {
    cache: &'a mut StyleCache,
    wb: &'a mut crate::ingest::OpenWorkbook,
}

impl CellStyles<'_> {
    fn sheet(&mut self) -> Option<&crate::ingest::styles::SheetStyles> {
        self.cache.sheet(self.wb)
    }
}

/// Converts every text cell written in a legacy Vietnamese encoding (by
/// its font when known, else by its content) to Unicode, noting which
/// encodings were met.
///
/// Content alone cannot decide short or ambiguous texts ("hé" is a word as
/// written, "hộ" in TCVN3). Where the file gives no font (`.xls`, `.ods`,
/// `.xlsb`, cells without a style), a sheet whose decided texts are all in
/// one encoding, in [`SHEET_EVIDENCE`] cells or more, and that holds no
/// Unicode Vietnamese, is taken to be typed in that encoding: its
/// undecided cells are read in it too when they read as Vietnamese
/// syllables there ([`legacy::read_in`](crate::normalize::legacy::read_in)),
/// and on a TCVN3 sheet also when they hold a letter only TCVN3 writes that
/// way, as the abbreviation `®vt` (đvt) of the unit column header
/// ([`legacy::read_in_tcvn3_sheet`](crate::normalize::legacy::read_in_tcvn3_sheet)).
fn decode_legacy(
    grid: &mut SheetGrid,
    styles: Option<&crate::ingest::styles::SheetStyles>,
    found: &mut std::collections::BTreeSet<crate::normalize::legacy::LegacyEncoding>,
) {
    use crate::normalize::legacy;
    let mut decided: std::collections::BTreeMap<legacy::LegacyEncoding, usize> =
        std::collections::BTreeMap::new();
    let mut unicode = false;
    let mut undecided = Vec::new();
    for (r, c) in grid.text_cells() {
        let Data::String(raw) = grid.raw(r, c) else {
            continue;
        };
        // Plain ASCII and Unicode Vietnamese are never legacy text: skip
        // the work (and the copy of the text).
        if raw.is_ascii() {
            continue;
        }
        if legacy::has_unicode_vietnamese(raw) {
            unicode = true;
            continue;
        }
        let font = styles.and_then(|s| s.font(r, c));
        let (text, enc) = legacy::decode_cell(raw, font);
        match enc {
            Some(enc) => {
                found.insert(enc);
                *decided.entry(enc).or_default() += 1;
                grid.set_text(r, c, text);
            }
            None if font.is_none() => undecided.push((r, c)),
            None => {}
        }
    }
    let sheet_encoding = match decided.iter().collect::<Vec<_>>()[..] {
        [(&enc, &n)] if n >= SHEET_EVIDENCE && !unicode => enc,
        _ => return,
    };
    for (r, c) in undecided {
        let Data::String(raw) = grid.raw(r, c) else {
            continue;
        };
        let text = match sheet_encoding {
            legacy::LegacyEncoding::Tcvn3 => legacy::read_in_tcvn3_sheet(raw),
            legacy::LegacyEncoding::Vni => legacy::read_in(raw, sheet_encoding),
        };
        if let Some(text) = text {
            grid.set_text(r, c, text);
        }
    }
}

/// Cells decided in one legacy encoding that make a sheet without fonts
/// count as typed in it ([`decode_legacy`]).
const SHEET_EVIDENCE: usize = 2;

/// Who sent it and for which period, from the rows above the header (or
/// the file name; failing both, the folder or zip file it came in, then
/// the signature block). A title fitting several units alike (typed
/// without the tones that tell them apart) is settled by the next clue
/// that names one of them; a file name naming another unit of the same
/// kind than the title is a doubt intake settles.
fn read_title(
    grid: &SheetGrid,
    layout: &TableLayout,
    file: &InputFile,
    ctx: &ReadContext,
    sub: &mut Submission,
) {
    let mut named: Vec<(usize, usize, TitleCell, Vec<usize>)> = Vec::new();
    // Lines naming a village whose name they go on past, with the units
    // they may name ([`AgencyMatcher::continued_in`]).
    let mut unsure: Vec<(TitleCell, String, Vec<usize>)> = Vec::new();
    let mut first_text: Option<(String, TitleCell)> = None;
    let addressees = addressee_lines(grid, grid.rows().start..layout.header_first);
    for r in grid.rows().start..layout.header_first {
        for (c, text) in grid.row_texts(r) {
            if sub.period.is_none() {
                if let Some(p) = title_period(&text, ctx.period) {
                    sub.period = Some((p, TitleCell { row: r, col: c }));
                }
            }
            // The national motto names nobody.
            if is_motto(&text) {
                continue;
            }
            if sub.title_at.is_none() && crate::normalize::title::is_report_title(&text) {
                sub.title_at = Some(TitleCell { row: r, col: c });
            }
            if first_text.is_none() {
                first_text = Some((text.clone(), TitleCell { row: r, col: c }));
            }
            // "UBND LAI CHÂU": a province's name without its "Tỉnh".
            let found = ctx
                .agencies
                .find_with_ties(&text)
                .or_else(|| ctx.agencies.province_in(&text));
            if let Some((idx, len, ties)) = found {
                // "Kính gửi: Sở Y tế", and the list under a "Kính gửi:"
                // ("- Phòng Tài chính - Kế hoạch quận."): the addressees,
                // not the sender; "(Ban hành kèm theo Công văn số … của Sở
                // …)": the author of the document cited, not the sender.
                if !fold(&text).contains("kinh gui")
                    && !addressees.contains(&(r, c))
                    && !cites_document(&text)
                {
                    // A village's name the line goes on past ("THÔN ĐÔNG
                    // SƠN" past Thôn Đông) may be another village's.
                    match ctx.agencies.continued_in(&text) {
                        Some(units) => unsure.push((TitleCell { row: r, col: c }, text, units)),
                        None => named.push((idx, len, TitleCell { row: r, col: c }, ties)),
                    }
                }
            }
        }
    }
    // A body under a commune's People's Committee names its parent and
    // then itself without a place ("UBND XÃ MỸ LỢI" over "TRẠM Y TẾ"): the
    // two lines together are its name, when the registry knows it.
    for (idx, len, cell, ties) in body_under_commune(grid, layout, ctx) {
        if !named.iter().any(|(_, _, c, _)| *c == cell) {
            named.push((idx, len, cell, ties));
        }
    }
    let stem = std::path::Path::new(&file.rel)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let by_name = ctx.agencies.find_in_name(&stem);
    further_down_than_commune(grid, &mut named, by_name.as_ref(), ctx);
    // A letterhead names the superior body over the sender ("SỞ Y TẾ TỈNH
    // …" over "TRẠM Y TẾ XÃ TÂN PHÚ", "UBND QUẬN 1" over "PHÒNG TÀI CHÍNH
    // - KẾ HOẠCH"): a name with another right under it, in the same block
    // of columns, is the superior's. Of the others the longest wins.
    let best = named
        .iter()
        .filter(|(_, _, a, _)| {
            !named
                .iter()
                .any(|(_, _, b, _)| b.row == a.row + 1 && b.col.abs_diff(a.col) <= 2)
        })
        .max_by_key(|(_, len, cell, _)| (*len, std::cmp::Reverse((cell.row, cell.col))))
        .cloned();
    // A letterhead naming an office above the communes and no unit of the
    // registry ("UBND HUYỆN LONG THÀNH" over "PHÒNG KINH TẾ"): the commune
    // its file name or folder points to (Xã Long Thành, bearing the former
    // district's name) did not send it, and neither clue overrides it.
    if best.is_none() {
        if let Some((r, c, titled)) = office_above_communes(&letterhead_lines(grid, layout)) {
            let folders = file.rel.split('/').rev().skip(1).map(|part| {
                let path = std::path::Path::new(part);
                path.file_stem()
                    .map_or_else(|| part.to_string(), |s| s.to_string_lossy().into_owned())
            });
            let named = by_name.as_ref().map(|(u, ..)| (*u, false)).or_else(|| {
                folders
                    .filter_map(|f| ctx.agencies.find_in_name(&f))
                    .map(|(u, ..)| (u, true))
                    .next()
            });
            let is_commune = |u: usize| {
                ctx.template
                    .agencies
                    .get(u)
                    .is_some_and(|a| a.kind == AgencyKind::Ward)
            };
            if let Some((named, by_folder)) = named.filter(|(u, _)| is_commune(*u)) {
                sub.unit_source = UnitSource::OtherBody {
                    named,
                    cell: TitleCell { row: r, col: c },
                    by_folder,
                };
                sub.unit_text = titled;
                return;
            }
        }
    }
    // The units a clue fits.
    let fits = |(u, _, ties): (usize, usize, Vec<usize>)| -> Vec<usize> {
        std::iter::once(u).chain(ties).collect()
    };
    let (candidates, cell, text) = match (best, by_name.clone()) {
        (Some((idx, _, cell, ties)), _) if ties.is_empty() => {
            sub.unit = Some(idx);
            sub.unit_source = UnitSource::Title(cell);
            if let Some(other) = name_conflict(idx, &stem, by_name, ctx) {
                sub.unit_doubt = Some(UnitDoubt::Conflict {
                    named: other,
                    cell,
                    by_code: ctx.agencies.named_by_code_alone(&stem),
                });
            }
            return;
        }
        (Some((idx, len, cell, ties)), _) => {
            let text = grid
                .row_texts(cell.row)
                .into_iter()
                .find(|(c, _)| *c == cell.col)
                .map(|(_, t)| t)
                .unwrap_or_default();
            (fits((idx, len, ties)), Some(cell), text)
        }
        (None, Some((idx, _, ties))) if ties.is_empty() => {
            sub.unit = Some(idx);
            sub.unit_source = UnitSource::FileName;
            sub.unit_loose = ctx.agencies.names_loosely(&stem);
            // A title naming this unit's village name and going on past
            // it ("THÔN ĐÔNG SƠN", `thon dong.xlsx`), no other unit read
            // in it: the file name settles it, said.
            if let Some((cell, line, _)) = unsure.iter().find(|(.., units)| units[..] == [idx]) {
                let said = Said::UnitTitleGoesOn {
                    file: &file.rel,
                    unit: &ctx.template.agencies[idx].shown(),
                    line,
                };
                sub.findings.push(
                    Finding::said(Severity::Info, &said, ctx.lang)
                        .at(&Location::cell(
                            file.rel.clone(),
                            grid.name.clone(),
                            cell.row,
                            cell.col,
                        ))
                        .expected(ctx.template.agencies[idx].code.clone())
                        .actual(line.clone()),
                );
                return;
            }
            // A commune's People's Committee heading the letterhead of a
            // body of that commune ("UBND XÃ MỸ LỢI" over "TRẠM Y TẾ" in
            // the file of Trạm Y tế xã Mỹ Lợi) is its parent, not another
            // sender.
            let parent = |&(r, c, ref titled): &(u32, u32, String)| {
                parent_of(grid, r, c, titled, &ctx.template.agencies[idx])
            };
            if let Some((r, c, titled)) =
                commune_in_title(grid, layout, &ctx.template.settings.office).filter(|t| !parent(t))
            {
                let unit = &ctx.template.agencies[idx].shown();
                let said = Said::TitleNamesAnother {
                    file: &file.rel,
                    titled: &titled,
                    unit,
                };
                sub.findings.push(
                    Finding::said(Severity::Warning, &said, ctx.lang)
                        .at(&Location::cell(file.rel.clone(), grid.name.clone(), r, c))
                        .expected(unit.clone())
                        .actual(titled),
                );
            }
            return;
        }
        (None, Some(found)) => (fits(found), None, stem.clone()),
        (None, None) => (Vec::new(), None, String::new()),
    };
    // Further clues, in order: the file name (when the title fitted several
    // units), the folders it is in (innermost first), the signature block.
    let mut clues: Vec<(Clue, Option<TitleCell>, String)> = Vec::new();
    if cell.is_some() {
        clues.push((Clue::FileName(&stem), None, stem.clone()));
    }
    // The letterhead's other lines ("UBND TỈNH ĐỒNG NAI" over "UBND XÃ
    // TÂN PHÚ") and the title line itself ("UBND XÃ TÂN PHÚ - TỈNH ĐỒNG
    // NAI") may name the body one of the namesakes belongs to.
    let letterhead: Vec<String> = if candidates.len() > 1 {
        (grid.rows().start..layout.header_first)
            .flat_map(|r| grid.row_texts(r).into_iter().map(move |(c, t)| (r, c, t)))
            .filter(|(r, c, t)| {
                !is_motto(t)
                    && !cites_document(t)
                    && !addressees.contains(&(*r, *c))
                    && !fold(t).contains("kinh gui")
            })
            .map(|(.., t)| t)
            .collect()
    } else {
        Vec::new()
    };
    for line in &letterhead {
        clues.push((Clue::Letterhead(line), None, line.clone()));
    }
    let parts: Vec<&str> = file.rel.split('/').collect();
    for part in parts.iter().rev().skip(1) {
        let path = std::path::Path::new(part);
        let archive = path.extension().is_some_and(|e| {
            ["zip", "eml", "rar", "7z"].contains(&e.to_string_lossy().to_lowercase().as_str())
        });
        if archive {
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
            let stem = stem.unwrap_or_default();
            clues.push((Clue::Archive(part), None, stem));
        } else {
            clues.push((Clue::Folder(part), None, part.to_string()));
        }
    }
    let signature = signature_line(grid, layout, ctx);
    if let Some((r, c, t)) = &signature {
        clues.push((
            Clue::Signature(t),
            Some(TitleCell { row: *r, col: *c }),
            t.clone(),
        ));
    }
    // A title naming a commune or ward the registry lacks ("UBND XÃ MINH
    // SƠN") names its sender, if not one the registry knows: the folder
    // or zip file it came in ("Quang Ngai - BC Q3 2026.zip") names where
    // it was sent from, a commune's report sent in place of that unit's
    // own, not that unit's report. Not when the commune is one the
    // registry's units were formed from (its `former`).
    let titled_commune = if candidates.is_empty() {
        commune_in_title(grid, layout, &ctx.template.settings.office)
            .filter(|(_, _, t)| ctx.agencies.former_in(t).is_none())
    } else {
        None
    };
    let mut candidates = candidates;
    for (clue, at, clue_text) in &clues {
        if let (Some(_), Clue::Folder(_) | Clue::Archive(_)) = (&titled_commune, clue) {
            if sub.unit_enclosed.is_none() {
                sub.unit_enclosed = ctx
                    .agencies
                    .find_in_name(clue_text)
                    .filter(|(_, _, ties)| ties.is_empty())
                    .map(|(u, ..)| (u, matches!(clue, Clue::Archive(_))));
            }
            continue;
        }
        // The clue names one of the units the title fits by its code or a
        // name no other unit bears, anywhere in it ("24996_LongHai", "80324
        // - Bao cao quy III - Xa Tan Phu", where the longer "Xa Tan Phu"
        // fits them all; "Xã Long Hải - Bắc Ninh"), or by the body it
        // belongs to (the province's folder "Tỉnh Tây Ninh", the
        // letterhead's "UBND TỈNH ĐỒNG NAI"): as sure as a form's stamp,
        // nothing to say.
        let own = if candidates.len() > 1 {
            own_namesake(ctx.template, &ctx.agencies, clue_text, &candidates)
        } else {
            None
        };
        let (left, alone) = match own {
            Some(unit) => (vec![unit], true),
            // A letterhead's line settles namesakes or says nothing: the
            // title's own names were read above.
            None if matches!(clue, Clue::Letterhead(_)) => continue,
            None => {
                let found = match clue {
                    Clue::Signature(_) => ctx.agencies.find_with_ties(clue_text),
                    _ => ctx.agencies.find_in_name(clue_text),
                };
                let Some(found) = found else {
                    continue;
                };
                let here = fits(found);
                let alone = match here[..] {
                    [u] => !candidates.is_empty() && ctx.agencies.names_alone(clue_text, u),
                    _ => false,
                };
                let left: Vec<usize> = if candidates.is_empty() {
                    here
                } else {
                    candidates
                        .iter()
                        .copied()
                        .filter(|u| here.contains(u))
                        .collect()
                };
                (left, alone)
            }
        };
        match left[..] {
            [unit] => {
                sub.unit = Some(unit);
                sub.unit_source = match (cell, clue, at) {
                    (Some(c), ..) => UnitSource::Title(c),
                    (None, Clue::Signature(_), Some(at)) => UnitSource::Signature(*at),
                    (None, Clue::FileName(_) | Clue::Letterhead(_), _) => UnitSource::FileName,
                    _ => UnitSource::Folder,
                };
                sub.unit_loose = cell.is_none()
                    && matches!(clue, Clue::FileName(_))
                    && ctx.agencies.names_loosely(clue_text);
                if alone {
                    return;
                }
                let names: Vec<String> = candidates
                    .iter()
                    .map(|&u| ctx.template.agencies[u].shown().into_owned())
                    .collect();
                let said = Said::UnitFromClue {
                    file: &file.rel,
                    unit: &ctx.template.agencies[unit].shown(),
                    clue: *clue,
                    fits: &names,
                    namesakes: ctx.template.namesakes(&candidates),
                };
                let loc = match at.or(cell) {
                    Some(c) => Location::cell(file.rel.clone(), grid.name.clone(), c.row, c.col),
                    None => Location::file(file.rel.clone()),
                };
                sub.findings.push(
                    Finding::said(Severity::Info, &said, ctx.lang)
                        .at(&loc)
                        .expected(ctx.template.agencies[unit].code.clone())
                        .actual(clue_text.clone()),
                );
                return;
            }
            [] => {}
            _ => candidates = left,
        }
    }
    if candidates.len() > 1 {
        sub.unit_source = cell.map_or(UnitSource::FileName, UnitSource::Title);
        let former = match cell {
            Some(_) => ctx.agencies.former_in(&text),
            None => ctx.agencies.former_in_name(&text),
        };
        let former = former.map(str::to_string);
        // «04_Lai Chau»: the code at the head of the file name is one
        // unit's, the name in it another's.
        let code = match cell {
            Some(_) => None,
            None => ctx.agencies.code_in_name(&text).and_then(|(units, len)| {
                let unit = units.into_iter().find(|u| candidates.contains(u))?;
                Some((text.trim_start().get(..len)?.to_string(), unit))
            }),
        };
        sub.unit_doubt = Some(UnitDoubt::Ambiguous {
            candidates,
            cell,
            former,
            code,
        });
        sub.unit_text = text;
        return;
    }
    // A title's line naming a unit once its number written in words is
    // read ("THÔN BA" for Thôn 3) or "số" is left out before its number
    // ("TDP 5" for "TDP số 5"): that unit's, said, when it fits one alone.
    let mut loose: Vec<(TitleCell, String, crate::normalize::title::LooseMatch)> = Vec::new();
    if candidates.is_empty() && titled_commune.is_none() {
        for r in grid.rows().start..layout.header_first {
            for (c, text) in grid.row_texts(r) {
                if is_motto(&text)
                    || cites_document(&text)
                    || addressees.contains(&(r, c))
                    || fold(&text).contains("kinh gui")
                {
                    continue;
                }
                if let Some(m) = ctx.agencies.loose_in(&text) {
                    loose.push((TitleCell { row: r, col: c }, text, m));
                }
            }
        }
        let mut units: Vec<usize> = loose.iter().flat_map(|(.., m)| m.units.clone()).collect();
        units.sort_unstable();
        units.dedup();
        if let ([unit], Some((cell, line, m))) = (&units[..], loose.first()) {
            let said = Said::UnitLooselyNamed {
                file: &file.rel,
                unit: &ctx.template.agencies[*unit].shown(),
                line,
                words: &m.number_words,
            };
            sub.findings.push(
                Finding::said(Severity::Info, &said, ctx.lang)
                    .at(&Location::cell(
                        file.rel.clone(),
                        grid.name.clone(),
                        cell.row,
                        cell.col,
                    ))
                    .expected(ctx.template.agencies[*unit].code.clone())
                    .actual(line.clone()),
            );
            sub.unit = Some(*unit);
            sub.unit_source = UnitSource::Title(*cell);
            sub.unit_loose = true;
            return;
        }
        sub.unit_nearest = units;
    }
    // A village's name the title goes on past: the units it may name.
    if sub.unit_nearest.is_empty() {
        if let Some((.., units)) = unsure.first() {
            sub.unit_nearest = units.clone();
        }
    }
    // Name what the title said, for the message: the sender's line, not
    // the superior body's over it in a letterhead ("UBND HUYỆN BẾN CÁT"
    // over "UBND XÃ AN ĐIỀN"), nor the office's own name over a
    // village's line ("UBND XÃ TÂN THỊNH" over "THÔN BẢY").
    let mut chain = letterhead_lines(grid, layout);
    if let Some((row, col, t)) = chain.last().cloned() {
        if ctx.template.names_office(&t) {
            let under = grid.row_texts(row + 1).into_iter().find(|(c, text)| {
                c.abs_diff(col) <= 2
                    && !is_motto(text)
                    && period_in(text).is_none()
                    && !crate::normalize::title::is_report_title(text)
            });
            if let Some((c, text)) = under {
                chain.push((row + 1, c, text));
            }
        }
    }
    let (said, at) = chain
        .pop()
        .map(|(row, col, t)| (t, Some(TitleCell { row, col })))
        .or(first_text.map(|(t, at)| (t, Some(at))))
        .unwrap_or((stem, None));
    if sub.unit_nearest.is_empty() && at.is_some() {
        sub.unit_nearest = nearest_units(ctx.template, &said);
    }
    sub.unit_text = said;
    sub.unit_text_at = at;
}

/// The units of kind `ward` whose name comes nearest `line` (a sender's
/// line the registry does not know: "THÔN ĐOÀl" for Thôn Đoài), by the
/// similarity of their folded words: those within a letter or two of it
/// (Jaro-Winkler 0,9 at least), the best first; none when nothing is so
/// near. A suggestion for the message, never a placement.
fn nearest_units(template: &Template, line: &str) -> Vec<usize> {
    let line = fold(line);
    if line.len() < 4 {
        return Vec::new();
    }
    let mut best: Vec<(f64, usize)> = template
        .agencies
        .iter()
        .enumerate()
        .filter(|(_, a)| a.kind == AgencyKind::Ward)
        .filter_map(|(u, a)| {
            std::iter::once(&a.name)
                .chain(&a.aliases)
                .flat_map(|n| with_short_level(n))
                .filter(|n| own_words_near(&line, n))
                .map(|n| strsim::jaro_winkler(&line, &n))
                .max_by(f64::total_cmp)
                .filter(|&s| s >= 0.9)
                .map(|s| (s, u))
        })
        .collect();
    best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    best.truncate(3);
    best.into_iter().map(|(_, u)| u).collect()
}

/// Whether two folded names are near past the words they open with
/// alike ("ubnd xa"): «UBND XÃ MINH SƠN» shares them with «UBND xã Vĩnh
/// Lộc», which makes the whole lines alike, though "minh son" is no slip
/// of "vinh loc" (Jaro-Winkler 0,8 at least for the rest).
fn own_words_near(a: &str, b: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let shared = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let rest = |w: &[&str]| w.get(shared..).unwrap_or_default().join(" ");
    let (ra, rb) = (rest(&a), rest(&b));
    ra.is_empty() || rb.is_empty() || strsim::jaro_winkler(&ra, &rb) >= 0.8
}

/// A unit's name folded, and, when it opens with a level word of
/// several ("Tổ dân phố số 5", "Khu phố Trung Tâm"), as people shorten
/// it: the level's first word alone, with and without "số" ("to so 5",
/// "to 5"), so that «TỔ 5» comes nearest Tổ dân phố số 5.
fn with_short_level(name: &str) -> Vec<String> {
    let folded = fold(name);
    let mut out = vec![folded.clone()];
    let Some(level) = crate::template::settlement_word_of(name).map(fold) else {
        return out;
    };
    let Some((first, _)) = level.split_once(' ') else {
        return out;
    };
    let Some(rest) = folded
        .strip_prefix(level.as_str())
        .map(str::trim)
        .filter(|r| !r.is_empty())
    else {
        return out;
    };
    out.push(format!("{first} {rest}"));
    if let Some(number) = rest.strip_prefix("so ") {
        out.push(format!("{first} {number}"));
    }
    out
}

/// The letterhead's lines naming bodies, top down, each right under the
/// one before in the same block of columns, the sender's last ("UBND
/// HUYỆN BẾN CÁT" over "UBND XÃ AN ĐIỀN"; "UBND HUYỆN LONG THÀNH" over
/// "PHÒNG KINH TẾ"). Not the report's title under them ("BÁO CÁO … KINH
/// TẾ - XÃ HỘI QUÝ III/2025" names a period, not a body), a line citing a
/// document, nor the national motto.
fn letterhead_lines(grid: &SheetGrid, layout: &TableLayout) -> Vec<(u32, u32, String)> {
    let names_a_body = |t: &str| {
        let f = fold(t);
        !is_motto(t)
            && !cites_document(t)
            && period_in(t).is_none()
            && !f.starts_with("bao cao")
            && !f.starts_with("bieu")
            && [
                "ubnd",
                "uy ban",
                "phuong",
                "xa ",
                "phong",
                "ban ",
                "trung tam",
                "cong an",
                "thanh tra",
            ]
            .iter()
            .any(|w| f.contains(w))
    };
    let lines: Vec<(u32, u32, String)> = (grid.rows().start..layout.header_first)
        .flat_map(|r| grid.row_texts(r).into_iter().map(move |(c, t)| (r, c, t)))
        .filter(|(_, _, t)| names_a_body(t))
        .collect();
    let mut chain: Vec<(u32, u32, String)> = lines.first().cloned().into_iter().collect();
    while let Some((r, c, _)) = chain.last() {
        let under = lines
            .iter()
            .find(|(r2, c2, _)| *r2 == r + 1 && c2.abs_diff(*c) <= 2)
            .cloned();
        match under {
            Some(u) => chain.push(u),
            None => break,
        }
    }
    chain
}

/// The sender's line of a letterhead naming an office above the communes
/// ([`letterhead_lines`]): a department, board, centre, inspectorate or
/// police ("PHÒNG KINH TẾ", "BAN QUẢN LÝ …", "CÔNG AN HUYỆN …") under a
/// district's or a province's People's Committee ("UBND HUYỆN LONG
/// THÀNH" over "PHÒNG KINH TẾ") or naming the district itself ("PHÒNG
/// KINH TẾ HUYỆN LONG THÀNH"), no line of it naming a commune or ward.
/// Such a body is no commune, whatever the file is named: a former
/// district's office files the sum of its communes. A commune's own body
/// ("UBND XÃ MỸ LỢI" over "TRẠM Y TẾ", "CÔNG AN XÃ …") and an office
/// written alone ("PHÒNG KINH TẾ", a commune's department as well) are
/// not.
fn office_above_communes(chain: &[(u32, u32, String)]) -> Option<(u32, u32, String)> {
    const OFFICES: [&str; 7] = [
        "phong ",
        "ban ",
        "van phong ",
        "trung tam ",
        "thanh tra",
        "cong an ",
        "chi cuc ",
    ];
    let (_, _, sender) = chain.last()?;
    let f = fold(sender);
    if !OFFICES.iter().any(|o| f.starts_with(o)) {
        return None;
    }
    let words = |t: &str| -> Vec<String> {
        fold(t)
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    // "xã" (not "xã hội", nor "thị xã", a town above the communes),
    // "phường", "thị trấn", "đặc khu".
    let names_commune = |t: &str| {
        let w = words(t);
        w.iter().enumerate().any(|(i, x)| {
            let next = w.get(i + 1).map(String::as_str);
            let before = i.checked_sub(1).and_then(|j| w.get(j)).map(String::as_str);
            match x.as_str() {
                "xa" => next != Some("hoi") && before != Some("thi"),
                "phuong" => true,
                "tran" => before == Some("thi"),
                "khu" => before == Some("dac"),
                _ => false,
            }
        })
    };
    if chain.iter().any(|(.., t)| names_commune(t)) {
        return None;
    }
    // The office names a place above the communes, or a superior body
    // heads it.
    let w = words(sender);
    let above = w.iter().enumerate().any(|(i, x)| {
        let next = w.get(i + 1).map(String::as_str);
        let before = i.checked_sub(1).and_then(|j| w.get(j)).map(String::as_str);
        match x.as_str() {
            "huyen" | "tinh" => true,
            "quan" => next.is_some() && next != Some("ly"),
            "xa" => before == Some("thi"),
            "pho" => before == Some("thanh"),
            _ => false,
        }
    });
    (above || chain.len() >= 2)
        .then(|| chain.last().cloned())
        .flatten()
}

/// Notes the former unit that alone names a file's sender
/// ([`Submission::unit_former`]): the title cell (or file name, or
/// signature line) the unit was read from names one of the communes the
/// registry's `former` column says it was formed from, and no title cell,
/// the file name nor a folder names the unit as it is now ("UBND XÃ AN
/// ĐIỀN" for Xã Hòa Lợi, formed from An Điền and two others; not "UBND
/// PHƯỜNG 3 (NAY LÀ PHƯỜNG TÂN AN)").
fn note_former(
    grid: &SheetGrid,
    layout: &TableLayout,
    file: &InputFile,
    ctx: &ReadContext,
    sub: &mut Submission,
) {
    let Some(unit) = sub.unit else {
        return;
    };
    if ctx.template.agencies[unit].former.is_empty() {
        return;
    }
    let cell_text = |c: TitleCell| {
        grid.row_texts(c.row)
            .into_iter()
            .find(|(col, _)| *col == c.col)
            .map(|(_, t)| t)
            .unwrap_or_default()
    };
    let stem = std::path::Path::new(&file.rel)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let agency = &ctx.template.agencies[unit];
    // A name the unit shares with one of the communes it was formed from,
    // said to be the old one ("UBND XÃ MỸ PHƯỚC (CŨ)", "My Phuoc cu.xlsx"
    // for Xã Mỹ Phước, formed from Xã Mỹ Phước and Xã Phước Thạnh).
    let old_namesake = |t: &str| -> Option<String> {
        if !says_former(t) && !old_after_name(t, &agency.former) {
            return None;
        }
        let folded = format!(" {} ", fold(t));
        agency
            .former
            .iter()
            .find(|f| folded.contains(&format!(" {} ", fold(f))))
            .cloned()
    };
    let read_from = |t: &str, in_name: bool| -> Option<String> {
        let found = match in_name {
            true => ctx.agencies.former_in_name(t),
            false => ctx.agencies.former_in(t),
        };
        found.map(str::to_string).or_else(|| old_namesake(t))
    };
    let former = match sub.unit_source {
        UnitSource::Title(c) | UnitSource::Signature(c) => read_from(&cell_text(c), false),
        UnitSource::FileName => read_from(&stem, true),
        _ => None,
    };
    let Some(former) = former else {
        return;
    };
    // A title that says "(CŨ)" after the name the unit shares with a
    // former commune ("UBND XÃ HÒA LỢI (CŨ)") is explicit: a file or folder
    // name that writes the shared name ("Hoa Loi - BC GD.xlsx") cannot
    // tell the new commune from the old one, and does not outweigh it.
    let old_in_title = matches!(
        sub.unit_source,
        UnitSource::Title(c) if old_namesake(&cell_text(c)).is_some()
    );
    // Anything else naming the unit as it is now, not as the old one.
    let now = |t: &str, in_name: bool| match in_name {
        true => {
            !old_in_title
                && !says_former(t)
                && !old_after_name(t, &agency.former)
                && ctx.agencies.names_current_in_name(t, unit)
        }
        false => !says_former(t) && ctx.agencies.names_current(t, unit),
    };
    let titled = (grid.rows().start..layout.header_first)
        .flat_map(|r| grid.row_texts(r))
        .any(|(_, t)| now(&t, false));
    let mut folders = file.rel.split('/').rev().skip(1);
    let named = now(&stem, true) || folders.any(|part| now(part, true));
    if !titled && !named {
        sub.unit_former = Some(former);
    }
}

/// Whether `text` names the body `unit` belongs to (the registry's
/// `parent`: "Tỉnh Tây Ninh", "Huyện Bến Cát") as whole words.
fn names_parent(template: &Template, text: &str, unit: usize) -> bool {
    let parent = fold(&template.agencies[unit].parent);
    !parent.is_empty() && format!(" {} ", fold(text)).contains(&format!(" {parent} "))
}

/// The one of the namesakes `candidates` that a clue (a file or folder
/// name, a letterhead's line) names by its code or a name no other unit
/// bears ([`AgencyMatcher::names_alone`]), or by the body it belongs to
/// ([`names_parent`]); none when it names none or several of them.
pub(crate) fn own_namesake(
    template: &Template,
    agencies: &AgencyMatcher,
    text: &str,
    candidates: &[usize],
) -> Option<usize> {
    let mut own = candidates
        .iter()
        .copied()
        .filter(|&u| agencies.names_alone(text, u) || names_parent(template, text, u));
    match (own.next(), own.next()) {
        (Some(u), None) => Some(u),
        _ => None,
    }
}

/// True when a file or folder name writes "cu" (or "cũ") right after one
/// of the `former` communes' names, "xã" optional, anywhere in it ("Hoa
/// Loi cu - BC GD 6 thang 2026", "BC xa Hoa Loi cu Q2"): that commune is
/// the old one, whatever follows.
fn old_after_name(name: &str, former: &[String]) -> bool {
    let folded = format!(" {} ", fold(&crate::normalize::title::parted(name)));
    former.iter().any(|f| {
        let words: Vec<String> = fold(f).split(' ').map(str::to_string).collect();
        // The name without the words saying what kind of commune it is.
        let kind = |w: &str| ["xa", "phuong", "thi", "tran", "dac", "khu"].contains(&w);
        let own = words.iter().position(|w| !kind(w)).unwrap_or(words.len());
        let bare = words.get(own..).unwrap_or_default().join(" ");
        !bare.is_empty() && folded.contains(&format!(" {bare} cu "))
    })
}

/// True when `text` says a name in it is the old one: the word "cũ"
/// ("UBND XÃ TÂN AN (CŨ)", "Mỹ Phước cũ.xlsx"), or a file name's last
/// word "cu" typed without its tone ("xa phuoc thanh cu").
fn says_former(text: &str) -> bool {
    let words = crate::text::tone_words(text);
    words.iter().any(|w| w == "cu4") || fold(text).rsplit(' ').next() == Some("cu")
}

/// Drops from `named` (the title cells naming a unit) the offices a
/// commune's report names further down its title, when its letterhead and
/// its file name both name that commune ("UBND XÃ BÌNH MINH" heading `BC Xa
/// Binh Minh Q3.xlsx`, "Biểu mẫu của Sở Nông nghiệp và Môi trường" under
/// the title): the office is one the report speaks of, not its sender. A
/// name right under the commune's line (a body of the commune writing its
/// parent over itself) and an office whose name holds the commune's
/// ("Trạm Y tế xã Bình Minh") stay.
fn further_down_than_commune(
    grid: &SheetGrid,
    named: &mut Vec<(usize, usize, TitleCell, Vec<usize>)>,
    by_name: Option<&(usize, usize, Vec<usize>)>,
    ctx: &ReadContext,
) {
    let agencies = &ctx.template.agencies;
    let is_commune = |u: usize| agencies.get(u).is_some_and(|a| a.kind == AgencyKind::Ward);
    let Some(&(commune, _, ref ties)) = by_name else {
        return;
    };
    if !ties.is_empty() || !is_commune(commune) {
        return;
    }
    let Some(top) = named
        .iter()
        .filter(|(u, _, _, t)| *u == commune && t.is_empty())
        .map(|(_, _, cell, _)| *cell)
        .min_by_key(|cell| (cell.row, cell.col))
    else {
        return;
    };
    let name = grid
        .row_texts(top.row)
        .into_iter()
        .find(|(c, _)| *c == top.col)
        .and_then(|(_, t)| commune_committee(&t))
        .map(|(_, name)| name);
    named.retain(|(u, _, cell, _)| {
        is_commune(*u)
            || cell.row <= top.row + 1
            || name
                .as_deref()
                .zip(agencies.get(*u))
                .is_some_and(|(name, unit)| names_commune(unit, name))
    });
}

/// True when a title line cites a document ("(Ban hành kèm theo Công văn
/// số 1234/SNNMT-KHTC … của Sở Nông nghiệp và Môi trường)", "Kèm theo
/// Quyết định …", "Theo hướng dẫn tại Công văn số … của Chi cục …",
/// "Thực hiện Kế hoạch số … của …", "Căn cứ …"): the body it names wrote
/// that document; it is never the sender.
fn cites_document(text: &str) -> bool {
    const DOCUMENTS: [&str; 14] = [
        "cong van",
        "van ban",
        "quyet dinh",
        "ke hoach",
        "thong tu",
        "nghi dinh",
        "nghi quyet",
        "chi thi",
        "thong bao",
        "huong dan",
        "yeu cau",
        "chi dao",
        "de nghi",
        "bieu mau",
    ];
    let f = fold(text);
    let cites = |rest: &str| {
        let rest = rest.strip_prefix("tai ").unwrap_or(rest);
        DOCUMENTS.iter().any(|d| rest.starts_with(d))
    };
    // A document cited by its number anywhere in the line ("Phúc đáp
    // Công văn số 56/CCCNTY-DT của Chi cục …", "Báo cáo theo Kế hoạch số
    // 45/KH-SNNMT của Sở …"): its body wrote it.
    let numbered = DOCUMENTS.iter().any(|d| {
        let at_word = format!("{d} so ");
        f.match_indices(&at_word).any(|(at, _)| {
            (at == 0 || f.as_bytes()[at - 1] == b' ')
                && f[at + at_word.len()..].starts_with(|c: char| c.is_ascii_digit())
        })
    });
    // A line the report is sent by ("Số liệu gửi Sở … tổng hợp", "Báo cáo
    // gửi Chi cục …"): the body after "gửi" receives it. Not a committee's
    // own line, nor "Kính gửi", which the addressee rule reads.
    let sent_to = (f.starts_with("gui ") || f.contains(" gui "))
        && !f.starts_with("kinh gui")
        && !f.starts_with("ubnd")
        && !f.starts_with("uy ban");
    numbered
        || sent_to
        || f.starts_with("ban hanh kem theo")
        || f.starts_with("kem theo ")
        || f.starts_with("can cu ")
        || [
            "theo ",
            "thuc hien theo ",
            "thuc hien ",
            "phuc dap ",
            "trien khai ",
            "bao cao theo ",
        ]
        .iter()
        .any(|p| f.strip_prefix(p).is_some_and(cites))
}

/// The national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập -
/// Tự do - Hạnh phúc"): on every report, naming no sender.
fn is_motto(text: &str) -> bool {
    let f = fold(text);
    f.contains("cong hoa xa hoi chu nghia") || f.contains("doc lap tu do hanh phuc")
}

/// The unit a file name names when it is not the title's (`titled`) and
/// of the same kind (a commune's file named after another commune, not a
/// department's named after its district): a doubt for intake to settle.
/// A name that names the title's unit too ("Krong Nang - Phu Loc") or
/// fits it as well (toneless) says nothing against it.
fn name_conflict(
    titled: usize,
    stem: &str,
    by_name: Option<(usize, usize, Vec<usize>)>,
    ctx: &ReadContext,
) -> Option<usize> {
    let (other, _, ties) = by_name?;
    // A village's name without its level word ("Tran Van Trung.xlsx",
    // "hoa binh.xlsx") is too loose to doubt a title naming a unit.
    if ctx.agencies.names_loosely(stem) {
        return None;
    }
    let agencies = &ctx.template.agencies;
    (other != titled
        && !ties.contains(&titled)
        && agencies.get(other)?.kind == agencies.get(titled)?.kind
        && !ctx.agencies.all_in_name(stem).contains(&titled))
    .then_some(other)
}

/// The cells of `rows` that list the addressees under a "Kính gửi:" line:
/// the lines right under it, in its block of columns, that open with a
/// list mark ("- Văn phòng HĐND và UBND quận;", "+ Phòng Tài chính - Kế
/// hoạch"), and the first line under a "Kính gửi:" that names no one
/// itself, marked or not.
fn addressee_lines(grid: &SheetGrid, rows: std::ops::Range<u32>) -> Vec<(u32, u32)> {
    let marked = |t: &str| t.trim_start().starts_with(['-', '+', '–', '•', '*']);
    let mut found = Vec::new();
    for r in rows.clone() {
        for (c, text) in grid.row_texts(r) {
            let f = fold(&text);
            let Some(at) = f.find("kinh gui") else {
                continue;
            };
            let bare = f[at + "kinh gui".len()..].trim().is_empty();
            let mut below = r + 1;
            while below < rows.end {
                let line = grid
                    .row_texts(below)
                    .into_iter()
                    .find(|(c2, t)| c2.abs_diff(c) <= 2 && !t.trim().is_empty());
                match line {
                    Some((c2, t)) if marked(&t) || (bare && below == r + 1) => {
                        found.push((below, c2));
                        below += 1;
                    }
                    _ => break,
                }
            }
        }
    }
    found
}

/// The line of the signature block that names the sender ("TM. ỦY BAN
/// NHÂN DÂN XÃ ĐÔNG HÒA"), among the last rows under the table: its
/// cell and text. "Nơi nhận", "Kính gửi" lines name others.
fn signature_line(
    grid: &SheetGrid,
    layout: &TableLayout,
    ctx: &ReadContext,
) -> Option<(u32, u32, String)> {
    let rows = grid.rows();
    let from = rows
        .end
        .saturating_sub(SIGNATURE_ROWS)
        .max(layout.header_last + 1);
    (from..rows.end)
        .flat_map(|r| grid.row_texts(r).into_iter().map(move |(c, t)| (r, c, t)))
        .find(|(_, _, t)| {
            let f = fold(t);
            (f.starts_with("tm ") || f.starts_with("kt ") || f.contains("uy ban nhan dan"))
                && !f.contains("noi nhan")
                && !f.contains("kinh gui")
                && ctx.agencies.find_in(t).is_some()
        })
}

/// How many rows at the foot of a sheet are searched for its signature.
const SIGNATURE_ROWS: u32 = 15;

/// A header row inside a table (another table stacked under it): a
/// label naming the indicators' column and two naming figure columns,
/// and no figure.
fn is_header_row(grid: &SheetGrid, r: u32, ctx: &ReadContext) -> bool {
    let (mut names, mut values) = (0, 0);
    for (_, text) in grid.row_texts(r) {
        match ctx.words.classify(&text, ctx.period) {
            Some(Role::Name) => names += 1,
            Some(Role::Value(_)) => values += 1,
            _ => {}
        }
    }
    names > 0
        && values >= 2
        && !grid.cols().any(|c| {
            matches!(grid.raw(r, c), Data::Float(_) | Data::Int(_))
                && !is_column_number(grid.raw(r, c))
        })
}

/// The number style of a sheet's figures and whether its own numbers
/// settled it: the style of the text numbers that only one style writes
/// when they are all of one style, else the run's (unsettled).
fn sheet_locale(
    grid: &SheetGrid,
    layout: &TableLayout,
    value_cols: &[(u32, ValueColumn)],
    run: NumberLocale,
) -> (NumberLocale, bool) {
    let (mut en, mut vi) = (0usize, 0usize);
    'rows: for r in layout.header_last + 1..grid.rows().end {
        for (c, _) in value_cols {
            if let Data::String(t) = grid.raw(r, *c) {
                match crate::number::decisive_style(t) {
                    Some(NumberLocale::En) => en += 1,
                    Some(NumberLocale::Vi) => vi += 1,
                    None => {}
                }
                // Numbers of both styles: nothing more to learn.
                if vi > 0 && en > 0 {
                    break 'rows;
                }
            }
        }
    }
    match (en > 0, vi > 0) {
        (true, false) => (NumberLocale::En, true),
        (false, true) => (NumberLocale::Vi, true),
        _ => (run, false),
    }
}

/// A commune or ward named in the title rows as a sender ("UBND XÃ THANH
/// LƯƠNG", "PHƯỜNG 3"), where the registry has none by that name: its
/// cell and text. A superior body ("UBND HUYỆN …", "UBND TỈNH …"), the
/// consolidating office itself (`office`: "UBND XÃ TÂN THỊNH" over its
/// villages' reports, the letterhead of the body they answer to) and the
/// national motto ("CỘNG HÒA XÃ HỘI …") are no sender.
fn commune_in_title(
    grid: &SheetGrid,
    layout: &TableLayout,
    office: &str,
) -> Option<(u32, u32, String)> {
    let bare = |f: &str| -> String {
        let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
        ["ubnd ", "uy ban nhan dan "]
            .iter()
            .find_map(|p| f.strip_prefix(p))
            .map_or_else(|| f.clone(), str::to_string)
    };
    let office = bare(&fold(office));
    (grid.rows().start..layout.header_first)
        .flat_map(|r| grid.row_texts(r).into_iter().map(move |(c, t)| (r, c, t)))
        .find(|(_, _, t)| {
            let f = bare(&fold(t));
            ["xa ", "phuong ", "thi tran "]
                .iter()
                .find_map(|p| f.strip_prefix(p))
                .is_some_and(|name| !name.is_empty() && !name.starts_with("hoi"))
                && !f.contains(" ngay ")
                && f != office
        })
}

/// A title line naming a commune's People's Committee ("UBND XÃ MỸ
/// LỢI", "ỦY BAN NHÂN DÂN PHƯỜNG 3"): the commune's kind and name as
/// written ("XÃ", "MỸ LỢI").
fn commune_committee(text: &str) -> Option<(String, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let skip = match folded.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["ubnd", ..] => 1,
        ["uy", "ban", "nhan", "dan", ..] => 4,
        _ => return None,
    };
    let kind = match folded.get(skip..skip + 2) {
        Some([a, b]) if a == "thi" && (b == "tran" || b == "xa") => 2,
        _ => match folded.get(skip).map(String::as_str) {
            Some("xa" | "phuong") => 1,
            _ => return None,
        },
    };
    let name = words.get(skip + kind..)?.join(" ");
    (!name.is_empty()).then(|| (words[skip..skip + kind].join(" "), name))
}

/// The line right under a title cell, in the same block of columns, that
/// may name a body ("TRẠM Y TẾ", "CÔNG AN XÃ", "TRƯỜNG THCS"): not the
/// national motto, a title naming a period, nor the document's number
/// ("Số: 45/BC-UBND").
fn line_under(grid: &SheetGrid, r: u32, c: u32) -> Option<(u32, String)> {
    let numbered = |t: &str| {
        let f = fold(t);
        f.strip_prefix("so")
            .map(str::trim_start)
            .is_some_and(|rest| rest.starts_with(|ch: char| ch == ':' || ch.is_ascii_digit()))
    };
    // An addressee ("Kính gửi: Chi cục Thống kê") is no body of the
    // sender's.
    let addressee = |t: &str| fold(t).starts_with("kinh gui");
    grid.row_texts(r + 1).into_iter().find(|(c2, t)| {
        c2.abs_diff(c) <= 2
            && !is_motto(t)
            && !numbered(t)
            && !addressee(t)
            && period_in(t).is_none()
    })
}

/// The units the registry knows by a body's line read with the commune
/// whose People's Committee heads it ("TRẠM Y TẾ" under "UBND XÃ MỸ
/// LỢI" is «Trạm Y tế xã Mỹ Lợi», or «Trạm Y tế Mỹ Lợi»; "CÔNG AN XÃ"
/// under it «Công an xã Mỹ Lợi»), at the body's cell: what
/// [`AgencyMatcher::find_with_ties`] finds in the two together and not
/// in the commune's line alone.
fn body_under_commune(
    grid: &SheetGrid,
    layout: &TableLayout,
    ctx: &ReadContext,
) -> Vec<(usize, usize, TitleCell, Vec<usize>)> {
    let agencies = &ctx.agencies;
    let mut found = Vec::new();
    for r in grid.rows().start..layout.header_first.saturating_sub(1) {
        for (c, text) in grid.row_texts(r) {
            let Some((kind, name)) = commune_committee(&text) else {
                continue;
            };
            let Some((c2, body)) = line_under(grid, r, c) else {
                continue;
            };
            let alone = agencies.find_with_ties(&text).map(|(u, ..)| u);
            let folded = fold(&body);
            let ends_with_kind = folded.ends_with(&format!(" {}", fold(&kind)));
            let together = if ends_with_kind {
                vec![format!("{body} {name}")]
            } else {
                vec![format!("{body} {kind} {name}"), format!("{body} {name}")]
            };
            // The body found must be that commune's: its name or an alias
            // holds the commune's name ("Kính gửi: Chi cục Thống kê" under
            // the letterhead names the addressee, no body of the commune).
            let hit = together
                .iter()
                .filter_map(|t| agencies.find_with_ties(t))
                .find(|(u, ..)| {
                    Some(*u) != alone
                        && ctx
                            .template
                            .agencies
                            .get(*u)
                            .is_some_and(|unit| names_commune(unit, &name))
                });
            if let Some((u, len, ties)) = hit {
                found.push((
                    u,
                    len,
                    TitleCell {
                        row: r + 1,
                        col: c2,
                    },
                    ties,
                ));
            }
        }
    }
    found
}

/// Is the commune line `titled` (at `r`, `c`) the parent heading the
/// letterhead of `unit`, a body of that commune: a line under it names
/// the body, and the unit's name or an alias names the commune ("UBND
/// XÃ MỸ LỢI" over "TRẠM Y TẾ" for Trạm Y tế xã Mỹ Lợi)?
fn parent_of(grid: &SheetGrid, r: u32, c: u32, titled: &str, unit: &Agency) -> bool {
    let Some((_, name)) = commune_committee(titled) else {
        return false;
    };
    if line_under(grid, r, c).is_none() {
        return false;
    }
    names_commune(unit, &name)
}

/// Does the name or an alias of `unit` hold the commune's `name` ("Mỹ
/// Lợi" in «Trạm Y tế xã Mỹ Lợi»), as whole words?
fn names_commune(unit: &Agency, name: &str) -> bool {
    let name = format!(" {} ", fold(name));
    std::iter::once(&unit.name)
        .chain(&unit.aliases)
        .any(|n| format!(" {} ", fold(n)).contains(&name))
}

/// The table of a sheet titled for `stated` read for the run's `run`
/// instead, with the headers of its figure columns that name `run`, when
/// the headers say the title is the mistake: some column is TH only for
/// `run` (it names the run's quarter: "Thực hiện quý IV/2025") and none
/// is read for `stated` alone ("Lũy kế 6 tháng" under a "6 THÁNG" title
/// in a third quarter is the title's own period). A column of months
/// from January alone ("Lũy kế 9 tháng") is no sign enough.
fn headers_overrule(
    grid: &SheetGrid,
    words: &HeaderWords,
    run: Period,
    stated: Period,
) -> Option<(TableLayout, Vec<String>, bool)> {
    let for_run = find_table(grid, words, Some(run))?;
    let read: Vec<(u32, ValueColumn)> = for_run.value_columns().collect();
    // A column the run reads as CK (the same period of the year before:
    // "Năm 2024 / Thực hiện", "Cùng kỳ 2024" in a 2025 report) names last
    // year in every year-end report: it never makes the headers the
    // title's when the title names that year.
    let last_year = |col: u32| read.contains(&(col, ValueColumn::Ck));
    let for_stated: Vec<(u32, ValueColumn)> = find_table(grid, words, Some(stated))
        .map(|l| l.value_columns().filter(|(c, _)| !last_year(*c)).collect())
        .unwrap_or_default();
    if for_stated.iter().any(|c| !read.contains(c)) {
        return None;
    }
    let gained: Vec<u32> = read
        .iter()
        .filter(|(c, _)| !last_year(*c) && !for_stated.iter().any(|(s, _)| s == c))
        .map(|(col, _)| *col)
        .collect();
    let label = |col: u32| {
        (for_run.header_first..=for_run.header_last)
            .filter_map(|r| {
                grid.row_texts(r)
                    .into_iter()
                    .find(|(c, _)| *c == col)
                    .map(|(_, t)| t)
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    // A header of the run's year when the title names an earlier one
    // ("Thực hiện quý IV/2025" under "… NĂM 2024"), read for either.
    let of_run_year = |col: u32| {
        let years = years_in(&label(col));
        stated.year < run.year && !years.is_empty() && years.iter().all(|y| *y == run.year)
    };
    // The headers say which period the figures are when a TH column is
    // the run's alone ("Thực hiện quý IV/2025"), or, in a run whose LK is
    // the report's own figure (the year, or its fourth quarter), an LK
    // column is ("Cả năm 2025", "Năm 2025 / Ước TH").
    // Under a title naming the run's whole year, an LK column read for
    // the run alone names the run's months too ("Ước TH 6 tháng năm
    // 2026" under "… NĂM 2026" in a half-year's run).
    let year_end = matches!(run.span, PeriodSpan::Year | PeriodSpan::Quarter(4))
        || (stated.span == PeriodSpan::Year && stated.year == run.year);
    let naming: Vec<u32> = read
        .iter()
        .filter(|(col, v)| {
            (gained.contains(col) || of_run_year(*col))
                && (*v == ValueColumn::Th || (year_end && *v == ValueColumn::Lk))
        })
        .map(|(col, _)| *col)
        .collect();
    if naming.is_empty() {
        return None;
    }
    let labels = read
        .iter()
        .filter(|(col, _)| gained.contains(col) || naming.contains(col))
        .map(|(col, _)| label(*col))
        .collect();
    // The CK column names the title's year when the title is last year's:
    // the message says that column is no exception.
    let past = stated.year < run.year && read.iter().any(|(_, v)| *v == ValueColumn::Ck);
    Some((for_run, labels, past))
}

/// The years (1900-2099) a text names as words of four digits.
fn years_in(text: &str) -> Vec<i32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
        .filter_map(|w| w.parse().ok())
        .collect()
}

/// The period a sheet's name says, in `year` unless it names its own:
/// "Quý II", "Q3", "Quý IV/2025", "Tháng 7", "T7", "T 12".
fn sheet_name_period(name: &str, year: i32) -> Option<Period> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        #[allow(clippy::expect_used)]
        regex::Regex::new(
            r"^(?:(?:quy|q) ?(iv|i{1,3}|[1-4])|(?:thang|t) ?(\d{1,2}))(?: (?:nam )?((?:19|20)\d{2}))?$",
        )
        .expect("invariant: the sheet name pattern is valid")
    });
    let f = fold(name);
    let c = re.captures(&f)?;
    let year = match c.get(3) {
        Some(y) => y.as_str().parse().ok()?,
        None => year,
    };
    let span = match (c.get(1), c.get(2)) {
        (Some(q), _) => PeriodSpan::Quarter(crate::model::quarter_number(q.as_str())?),
        (None, Some(m)) => {
            let m: u8 = m.as_str().parse().ok()?;
            if !(1..=12).contains(&m) {
                return None;
            }
            PeriodSpan::Month(m)
        }
        _ => return None,
    };
    Some(Period { year, span })
}

/// The first period named in the top rows of a sheet (its title), if any,
/// in a run of `run` (see [`title_period`]).
fn titled_period(grid: &SheetGrid, run: Option<Period>) -> Option<Period> {
    titled_period_at(grid, run).map(|(p, _, _)| p)
}

/// The period a title line names in a run of `run`: a quarter, months, a
/// year, a month, or (in a half-year run) a school year's first semester.
/// A crop season of the run's year («BÁO CÁO KẾT QUẢ SẢN XUẤT VỤ ĐÔNG
/// XUÂN NĂM 2026» in a 2026-H1 run) names no period: its «năm 2026» is
/// the season's year, not the whole year's report, and the columns say
/// which months the figures are. A season of another year («VỤ MÙA NĂM
/// 2025») is that year's report, another period.
fn title_period(text: &str, run: Option<Period>) -> Option<Period> {
    let named = period_in(text);
    let season_of_run = |r: Period| {
        named.is_some_and(|p| p.span == PeriodSpan::Year)
            && crate::normalize::title::season_year_in(text) == Some(r.year)
    };
    if run.is_some_and(season_of_run) {
        return None;
    }
    named.or_else(|| run.and_then(|r| first_semester_in(text, r)))
}

/// Does the title line at (`r`, `c`), read as the year `p`, name a crop
/// season of that year («BÁO CÁO KẾT QUẢ SẢN XUẤT VỤ ĐÔNG XUÂN NĂM 2026»,
/// «vụ Đông Xuân 2025-2026»)?
fn season_titled(grid: &SheetGrid, r: u32, c: u32, p: Period) -> bool {
    p.span == PeriodSpan::Year
        && crate::normalize::title::season_year_in(&grid.text(r, c)) == Some(p.year)
}

/// The period a crop season's table of `year` reports, by its columns:
/// the half-year, nine months or a quarter for which more of its headers
/// read as TH or LK than for the year («Thực hiện 6 tháng», «Ước TH 6 tháng năm
/// 2026»: the half-year), the first such on a tie; else the year, with
/// `false`: nothing but the title's year names a period.
fn season_columns_period(grid: &SheetGrid, words: &HeaderWords, year: i32) -> (Period, bool) {
    // The TH and LK headers read for a period, those left unread because
    // another column took the role too («Thực hiện 6 tháng» beside «Lũy
    // kế từ đầu năm») among them.
    let th_or_lk =
        |r: Option<Role>| matches!(r, Some(Role::Value(ValueColumn::Th | ValueColumn::Lk)));
    let figures = |span: PeriodSpan| {
        let p = Period { year, span };
        find_table(grid, words, Some(p)).map_or(0, |l| {
            let read = l
                .value_columns()
                .filter(|(_, v)| th_or_lk(Some(Role::Value(*v))));
            let taken = l
                .ignored
                .iter()
                .filter(|i| th_or_lk(words.classify(&i.label, Some(p))));
            read.count() + taken.count()
        })
    };
    let whole = figures(PeriodSpan::Year);
    let mut best: Option<(PeriodSpan, usize)> = None;
    for span in [
        PeriodSpan::FirstHalf,
        PeriodSpan::NineMonths,
        PeriodSpan::Quarter(1),
        PeriodSpan::Quarter(2),
        PeriodSpan::Quarter(3),
        PeriodSpan::Quarter(4),
    ] {
        let n = figures(span);
        if n > whole && best.is_none_or(|(_, b)| n > b) {
            best = Some((span, n));
        }
    }
    match best {
        Some((span, _)) => (Period { year, span }, true),
        None => (
            Period {
                year,
                span: PeriodSpan::Year,
            },
            false,
        ),
    }
}

/// The first period named in the top rows of a sheet and the cell (row,
/// column) that names it, in a run of `run`.
fn titled_period_at(grid: &SheetGrid, run: Option<Period>) -> Option<(Period, u32, u32)> {
    let rows = grid.rows();
    let last = rows
        .start
        .saturating_add(crate::normalize::header::HEADER_SEARCH_ROWS)
        .min(rows.end);
    (rows.start..last).find_map(|r| {
        grid.row_texts(r)
            .into_iter()
            // A period names its year: four digits at least.
            .filter(|(_, t)| t.bytes().filter(u8::is_ascii_digit).count() >= 4)
            .find_map(|(c, t)| title_period(&t, run).map(|p| (p, r, c)))
    })
}

/// How a sheet says it is the year's plan: its title line (row, column,
/// text), or `None` when only its name says so.
type PlanSign = Option<(u32, u32, String)>;

/// Is the sheet the year's plan kept beside the report: a title line
/// above its table that opens with a plan word and names no period but
/// a year ("KẾ HOẠCH CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2026"), or a plan's
/// name ("KH 2026", "Kế hoạch") over a title that names no period but a
/// year? A report titled for its quarter ("BÁO CÁO … QUÝ I NĂM 2026") is
/// never one, whatever its name.
fn plan_sheet(
    grid: &SheetGrid,
    name: &str,
    words: &HeaderWords,
    layout: &TableLayout,
) -> Option<PlanSign> {
    let lines: Vec<(u32, u32, String)> = (grid.rows().start..layout.header_first)
        .flat_map(|r| grid.row_texts(r).into_iter().map(move |(c, t)| (r, c, t)))
        .collect();
    let reports = lines
        .iter()
        .filter_map(|(_, _, t)| period_in(t))
        .any(|p| p.span != PeriodSpan::Year);
    if reports {
        return None;
    }
    match lines.into_iter().find(|(_, _, t)| words.titles_plan(t)) {
        Some(title) => Some(Some(title)),
        None => words.names_plan_sheet(name).then_some(None),
    }
}

/// A plan sheet's table with only its KH read: its other figure columns
/// (the plan split by quarter, last year's figures) are no figures of
/// the period. The finding says which columns are read and which not
/// (none when the plan has only its KH).
fn plan_columns(
    grid: &SheetGrid,
    mut layout: TableLayout,
    sheet: &str,
    sign: &PlanSign,
    here: &dyn Fn(u32, u32) -> Location,
    lang: Lang,
) -> (TableLayout, Option<Finding>) {
    let label = |c: u32| {
        (layout.header_first..=layout.header_last)
            .map(|r| grid.text(r, c).trim().to_string())
            .filter(|t| !t.is_empty())
            .fold(Vec::<String>::new(), |mut v, t| {
                if !v.contains(&t) {
                    v.push(t);
                }
                v
            })
            .join(" ")
    };
    let kh = layout.col(Role::Value(ValueColumn::Kh));
    let mut others: Vec<(u32, String)> = layout
        .value_columns()
        .filter(|(_, v)| *v != ValueColumn::Kh)
        .map(|(c, _)| (c, label(c)))
        .chain(layout.ignored.iter().map(|i| (i.col, i.label.clone())))
        .collect();
    others.sort();
    others.dedup();
    layout
        .columns
        .retain(|(_, r)| !matches!(r, Role::Value(v) if *v != ValueColumn::Kh));
    layout.ignored.clear();
    let others: Vec<String> = others.into_iter().map(|(_, l)| l).collect();
    if others.is_empty() {
        return (layout, None);
    }
    let kh_label = kh.map(label).unwrap_or_default();
    let (at, title) = match sign {
        Some((r, c, t)) => (here(*r, *c), t.trim().to_string()),
        None => (here(layout.header_first, kh.unwrap_or(0)), String::new()),
    };
    let cell = if title.is_empty() {
        ""
    } else {
        at.cell.as_str()
    };
    let said = Read::PlanSheet {
        sheet,
        title: &title,
        cell,
        kh: &kh_label,
        others: &others,
    };
    let finding = Finding::said(Severity::Info, &said, lang)
        .at(&at)
        .actual(others.join("; "));
    (layout, Some(finding))
}

/// A sheet set aside as another period's: last quarter's sheet kept in
/// this quarter's workbook, or a group sheet whose title was left from
/// last quarter (told apart by `held`, once every sheet is read).
struct OtherPeriodSheet {
    sheet: String,
    /// The period its title (or name) says.
    stated: Period,
    /// The period it was set aside from.
    wanted: Period,
    /// Said by its name rather than its title.
    by_name: bool,
    /// The cell (row, column) whose text names `stated`.
    cell: Option<(u32, u32)>,
    /// The indicators its table has a row of.
    held: Vec<usize>,
    /// Its figure headers name `stated` too: read for `wanted`, its TH
    /// or LK would be lost.
    headed_stated: bool,
}

/// The indicators a table has a row of, by code or name: only for a sheet
/// set aside, to tell an older copy from a group sheet of its own.
fn indicators_held(grid: &SheetGrid, layout: &TableLayout, ctx: &ReadContext) -> Vec<usize> {
    let mut held = Vec::new();
    for r in layout.header_last.saturating_add(1)..grid.rows().end {
        if let RowMatch::Exact(i) | RowMatch::Approximate(i, _) | RowMatch::LooseCode(i) =
            row_indicator(grid, layout, r, ctx)
        {
            if !held.contains(&i) {
                held.push(i);
            }
        }
    }
    held
}

/// The TH figure of each indicator a month's table has a row of (the
/// first row of each), as typed: a number, or a text read in the
/// sheet's locale. No TH column, no figures.
fn month_figures(grid: &SheetGrid, layout: &TableLayout, ctx: &ReadContext) -> Vec<(usize, f64)> {
    let Some(th) = layout
        .value_columns()
        .find(|(_, v)| *v == ValueColumn::Th)
        .map(|(c, _)| c)
    else {
        return Vec::new();
    };
    let mut figures: Vec<(usize, f64)> = Vec::new();
    for r in layout.header_last.saturating_add(1)..grid.rows().end {
        let RowMatch::Exact(i) = row_indicator(grid, layout, r, ctx) else {
            continue;
        };
        let value = match grid.shown(r, th) {
            Data::Float(f) => Some(*f),
            Data::Int(n) => Some(*n as f64),
            Data::String(t) => crate::number::parse_number(t, ctx.locale).map(|p| p.value),
            _ => None,
        };
        if let Some(v) = value.filter(|v| v.is_finite()) {
            if !figures.iter().any(|(j, _)| *j == i) {
                figures.push((i, v));
            }
        }
    }
    figures
}

/// `indicator-missing`, one warning per row: the rows of indicators the
/// unit must report, and whose figure enters the totals, that it kept
/// with every figure cell blank, and no other row of the indicator gave a
/// figure (a department's figure compared with the wards' sum leaves no
/// total short). Their figure is unknown, not
/// zero (a blank cell is not 0), so the totals they enter lack the unit:
/// the clerk is asked for the figures, 0 where nothing happened. A row
/// whose cells hold a dash or "không phát sinh", or a figure that could
/// not be read (its own finding), is none of these; nor is any row of a
/// table without a single figure (the blank form's `submission-missing`).
fn blank_rows(
    blank: &[(usize, Location)],
    sub: &Submission,
    unit: usize,
    template: &Template,
    lang: Lang,
) -> Vec<Finding> {
    let Some(a) = template.agencies.get(unit) else {
        return Vec::new();
    };
    // Not one figure in the whole table: a blank form, the unit's one
    // `submission-missing`, not a warning for each of its rows.
    if sub.row_count() == 0 {
        return Vec::new();
    }
    blank
        .iter()
        .filter_map(|(i, at)| Some((template.indicators.get(*i)?, *i, at)))
        .filter(|(ind, i, _)| {
            ind.kind != crate::template::Kind::Rate
                && template.must_report(unit, *i)
                && template.counts_towards_total(unit, *i)
                && !sub.rows.iter().any(|r| r.ind() == *i)
                && !sub
                    .findings
                    .iter()
                    .any(|f| f.indicator == ind.code && f.severity != Severity::Info)
        })
        .map(|(ind, _, at)| {
            let said = Said::RowBlank {
                unit: &a.shown(),
                code: &ind.code,
                name: &ind.name,
            };
            Finding::said(Severity::Warning, &said, lang)
                .at(at)
                .unit(a.code.clone())
                .indicator(ind.code.clone())
        })
        .collect()
}

/// What the tables of a workbook have shown so far, across its sheets.
struct RowsSeen {
    /// Per indicator: some table has its row.
    present: Vec<bool>,
    /// Rows of an indicator whose figure cells are all blank (no dash,
    /// no text): the indicator and the row's first figure cell.
    blank: Vec<(usize, Location)>,
    /// Rows read as a part of the indicator above them, by the words they
    /// add ("- Mầm non" under "Tổng số trường học"): where, the name, the
    /// indicator.
    parts: Vec<(Location, String, usize)>,
    /// Figure cells typed with the row's own unit ("75,9 ha"), read as
    /// their number: where, and what they hold.
    with_unit: Vec<(Location, String)>,
}

/// Reads the rows under the header until the signature block, from the
/// sheet last pushed to `sub.sheets`; the row where another table's
/// header starts, when one is stacked under this table.
fn read_rows(
    grid: &SheetGrid,
    layout: &TableLayout,
    formulas: Option<&SheetFormulas>,
    styles: &mut CellStyles,
    ctx: &ReadContext,
    sub: &mut Submission,
    so_far: &mut RowsSeen,
) -> Option<u32> {
    let t = ctx.template;
    let lang = ctx.lang;
    let sheet_idx = sub.sheets.len().saturating_sub(1);
    let name_col = layout.col(Role::Name);
    let code_col = layout.col(Role::Code);
    let unit_col = layout.col(Role::Unit);
    let value_cols: Vec<(u32, ValueColumn)> = layout.value_columns().collect();
    // The year's original plan beside the adjusted one read as KH ("KH
    // năm 2025" | "KH điều chỉnh năm 2025"): their columns.
    let plan_kept = original_plan(layout);
    // The row each indicator was first read from in this table.
    let mut read_from: Vec<Option<u32>> = vec![None; t.indicators.len()];
    // Hidden rows read first (a draft hidden above the row the sheet
    // shows): what each gave, set aside when a visible row of its
    // indicator follows. The one being read is closed when the next row
    // starts.
    let mut hidden_reads: Vec<HiddenRead> = Vec::new();
    let mut reading_hidden: Option<HiddenRead> = None;
    let file = sub.file.clone();
    let sheet = grid.name.clone();
    let loc = |r: u32, c: u32| Location::cell(file.clone(), sheet.clone(), r, c);
    let header_unit = header_unit(grid, layout).map(|(r, c, u)| (u, loc(r, c)));
    // The sender as the findings about its rows name it.
    let who = sender_shown(sub, t);
    let sheet_no = u16::try_from(sheet_idx).unwrap_or(u16::MAX);
    if let (Some((label, said)), Some(c)) =
        (&layout.ck_said, layout.col(Role::Value(ValueColumn::PctCk)))
    {
        sub.ck_said_in(sheet_no, c, label, *said);
    }
    for (c, column) in layout.value_columns() {
        let mut words: Vec<String> = Vec::new();
        let mut row = layout.header_first;
        for r in layout.header_first..=layout.header_last {
            if !grid.text(r, c).is_empty() {
                row = r;
            }
            let t = grid.shown_text(r, c);
            if !t.is_empty() && !words.contains(&t) {
                words.push(t);
            }
        }
        sub.headers.push(ColumnHeader {
            sheet: sheet_no,
            col: c,
            row,
            column,
            label: words.join(" "),
        });
    }
    // The style of the sheet's text numbers: a sheet typed on an English
    // PC ("5,857.0") reads its "5,000" as five thousand, whatever the run's
    // locale says; only numbers that one style alone writes decide.
    // Its own numbers settled the style: "24,070" on an English sheet, or
    // "304,941" beside "18.560,118" on a Vietnamese one, is no longer in
    // doubt.
    let (locale, style_settled) = sheet_locale(grid, layout, &value_cols, ctx.locale);
    // The indicators a row may be a part of, innermost last: the wholes of
    // a "Trong đó: nữ" under them, or of a "- Nữ" after its siblings "-
    // Thành thị", "- Nông thôn".
    let mut wholes: Vec<usize> = Vec::new();
    // The indicator of the last row read, while only rows marked as its
    // breakdown ("- Cơ sở sản xuất, chế biến") follow it.
    let mut above: Option<usize> = None;
    // The heading row, without figures, that introduces a list of details
    // («II. CHI TIẾT GIẢI NGÂN CÁC DỰ ÁN», «DANH MỤC CÔNG TRÌNH»), while
    // no indicator's row follows it: the rows under it are its items.
    let mut details: Option<String> = None;
    // Most sheets merge no cell down over rows: no figure of theirs is
    // merged over indicator rows, and their cells are not looked at for
    // one.
    let merges_rows = grid.merges_rows();
    // Rows without figures whose name was understood as an indicator's
    // only approximately (a section heading): what `indicator-approximate`
    // would say of each, said once the table is read if no row of it gave
    // the indicator figures.
    let mut headings: Vec<(usize, Finding)> = Vec::new();
    let mut stacked = None;
    // The rows named exactly as an indicator: a code naming another
    // row's indicator yields to its name.
    let named_rows: Vec<(u32, usize)> = name_col
        .map(|c| {
            (layout.header_last + 1..grid.rows().end)
                .filter_map(|r| Some((r, ctx.indicators.named(&grid.text(r, c))?)))
                .collect()
        })
        .unwrap_or_default();
    for r in layout.header_last + 1..grid.rows().end {
        let (rows_at, findings_at) = (sub.rows.len(), sub.findings.len());
        if let Some(mut read) = reading_hidden.take() {
            read.rows.end = rows_at;
            read.findings.end = findings_at;
            hidden_reads.push(read);
        }
        if is_signature_row(grid, r, &value_cols, ctx.locale) {
            rows_left_below(grid, r, layout, &value_cols, ctx, sub);
            break;
        }
        let name = name_col.map(|c| grid.text(r, c)).unwrap_or_default();
        let mut code = code_col.map(|c| grid.text(r, c)).unwrap_or_default();
        // Cells that carry something in the figure columns. A value merged
        // across columns from elsewhere (a section title) is not a figure;
        // one merged across figure columns (one number over TH and LK, "Không
        // phát sinh" over the whole block) is each column's.
        // A number merged down over two or more indicator rows (one plan
        // of 18 over DO03a and DO03b) is one figure for them together, not
        // each one's: read for none of them, told once at the merge.
        let labelled = |row: u32| {
            [name_col, code_col]
                .into_iter()
                .flatten()
                .any(|c| !grid.text(row, c).is_empty())
        };
        let over_rows = |c: u32| -> Option<Dimensions> {
            if !merges_rows {
                return None;
            }
            // A merge's first cell is no covered cell of it.
            let (or, oc) = grid.merge_origin(r, c).unwrap_or((r, c));
            let m = grid.merge_at(or, oc)?;
            let number = match grid.raw(or, oc) {
                Data::Float(_) | Data::Int(_) => true,
                Data::String(t) => matches!(parse_text(t, ctx.locale), NumberText::Number(_)),
                _ => false,
            };
            (number
                && m.end.0 > m.start.0
                && (m.start.0..=m.end.0).filter(|&x| labelled(x)).count() > 1)
                .then_some(*m)
        };
        for (c, column) in &value_cols {
            let Some(m) = over_rows(*c) else { continue };
            if m.start.0 != r || m.start.1 != *c {
                continue;
            }
            let range = format!("{}:{}", a1(m.start.0, m.start.1), a1(m.end.0, m.end.1));
            // Each row's indicator by code and name, as the catalog
            // says it (tester ED: «dòng chỉ tiêu 11, 12» were the
            // sheet's rows); a row the catalog does not know, as written.
            let indicators = (m.start.0..=m.end.0)
                .filter(|&x| labelled(x))
                .map(|x| {
                    let code = code_col.map(|c| grid.text(x, c)).unwrap_or_default();
                    let name = name_col.map(|c| grid.text(x, c)).unwrap_or_default();
                    let known = ctx
                        .indicators
                        .by_code(&code)
                        .or_else(|| ctx.indicators.named(&name))
                        .and_then(|i| ctx.template.indicators.get(i));
                    match known {
                        Some(ind) => format!("{} «{}»", ind.code, ind.name),
                        None if code.is_empty() => format!("«{}»", name.trim()),
                        None if name.is_empty() => code.trim().to_string(),
                        None => format!("{} «{}»", code.trim(), name.trim()),
                    }
                })
                .collect::<Vec<_>>()
                .join(", ");
            let value = grid.shown_text(r, *c);
            let said = Read::FigureMergedOverRows {
                cell: &range,
                column: *column,
                value: &value,
                indicators: &indicators,
            };
            sub.findings.push(
                Finding::said(Severity::Warning, &said, ctx.lang)
                    .at(&loc(r, *c))
                    .column(column.as_str())
                    .actual(value.clone()),
            );
        }
        let written =
            |c: u32| !is_blank(grid.shown(r, c)) || formulas.and_then(|f| f.at(r, c)).is_some();
        let mut figures: Vec<(u32, ValueColumn, &Data)> = value_cols
            .iter()
            .filter(|(c, _)| {
                grid.merge_origin(r, *c)
                    .is_none_or(|(_, oc)| oc == *c || value_cols.iter().any(|(vc, _)| *vc == oc))
            })
            .filter(|(c, _)| over_rows(*c).is_none())
            .map(|(c, v)| (*c, *v, grid.shown(r, *c)))
            .filter(|(c, _, _)| written(*c))
            .collect();
        // A row whose only contents are formulas stating nothing (the
        // form's LK `=IF(E12="","",E12)` and %KH, %CK over cells the
        // clerk left blank; `=E12` giving 0): left blank, as Excel shows
        // it, and told as a blank row.
        if let Some(f) = formulas {
            if figures
                .iter()
                .all(|(c, _, _)| f.states_nothing(r, *c, grid))
            {
                figures.clear();
            }
        }
        // The adjusted plan's cell left blank: the plan was not adjusted,
        // and the year's plan beside it is the row's KH.
        if let Some((original, adjusted)) = plan_kept {
            let alone = |c: u32| grid.merge_origin(r, c).is_none() && over_rows(c).is_none();
            if !written(adjusted) && alone(adjusted) && alone(original) && written(original) {
                figures.push((original, ValueColumn::Kh, grid.shown(r, original)));
            }
        }
        // A header row of a table stacked under this one holds words, no
        // number, in the figure columns (most rows have numbers: the
        // header words are looked for in the few others).
        if r > layout.header_last + 1
            && !figures
                .iter()
                .any(|(_, _, d)| matches!(d, Data::Float(_) | Data::Int(_)))
            && ctx.words.classify(&name, ctx.period) == Some(Role::Name)
            && is_header_row(grid, r, ctx)
        {
            stacked = Some(r);
            break;
        }
        let column_numbers = figures.iter().all(|(_, _, d)| is_column_number(d));
        if name.is_empty() && code.is_empty() {
            continue;
        }
        let mut matched = ctx
            .indicators
            .match_row((!code.is_empty()).then_some(code.as_str()), &name);
        // A code Excel stored as a number: «1.10» typed into a General
        // cell is the number 1.1, the code of another indicator. The
        // number a format with decimals shows («1.10» under `0.00`) is
        // the code the report states; otherwise a row named exactly as
        // the indicator whose code reads as that number is that one.
        let mut recoded = false;
        if let Some((cc, stored)) = code_col.and_then(|c| match grid.raw(r, c) {
            Data::Float(f) => Some((c, *f)),
            Data::Int(n) => Some((c, *n as f64)),
            _ => None,
        }) {
            let as_shown = styles
                .sheet()
                .and_then(|s| s.decimals(r, cc))
                .filter(|&d| d > 0)
                .map(|d| format!("{stored:.*}", usize::from(d)))
                .filter(|shown| *shown != code)
                .and_then(|shown| ctx.indicators.by_code(&shown).map(|j| (shown, j)));
            if let Some((shown, j)) = as_shown {
                code = shown;
                matched = RowMatch::Exact(j);
                recoded = true;
            } else if let RowMatch::Exact(i) | RowMatch::LooseCode(i) = matched {
                let collides = ctx
                    .indicators
                    .named_other(&name, i)
                    .and_then(|j| t.indicators.get(j).map(|ind| (j, ind)))
                    .filter(|(_, ind)| ind.code.trim().parse::<f64>() == Ok(stored));
                if let Some((j, ind)) = collides {
                    let said = Said::CodeStoredAsNumber {
                        stored: &code,
                        code: &ind.code,
                        name: name.trim(),
                    };
                    sub.findings.push(
                        Finding::said(Severity::Info, &said, lang)
                            .at(&loc(r, cc))
                            .indicator(ind.code.clone())
                            .expected(ind.code.clone())
                            .actual(code.clone()),
                    );
                    code = ind.code.clone();
                    matched = RowMatch::Exact(j);
                    recoded = true;
                }
            }
        }
        let written_unit = unit_col.map(|c| grid.text(r, c)).unwrap_or_default();
        let (by_row, disowned) = weigh_code(ctx, &code, &name, &written_unit, matched);
        let mut by_name_instead = None;
        // A code whose row bears another indicator's name, exactly: read
        // by the code, as a code is, but never silently.
        if let (false, None, RowMatch::Exact(i) | RowMatch::LooseCode(i), Some(cc)) =
            (recoded, &disowned, matched, code_col)
        {
            let by_code = matches!(matched, RowMatch::LooseCode(_))
                || ctx.indicators.by_code(&code) == Some(i);
            let other_at = ctx.indicators.named_other(&name, i);
            let other = other_at.and_then(|j| t.indicators.get(j));
            // The code's own indicator named on a row of its own in this
            // table (the code column numbering the rows, «3 | Số hồ sơ
            // tiếp nhận» above «4 | Số hồ sơ giải quyết»): the name
            // decides, said once here; read by the code, the code's
            // indicator would be repeated there and the name's missing.
            let own_row = named_rows
                .iter()
                .find(|(rr, k)| *k == i && *rr != r)
                .map(|(rr, _)| *rr);
            if let (true, Some(other), Some(ind), Some(row), Some(j)) =
                (by_code, other, t.indicators.get(i), own_row, other_at)
            {
                let said = Said::CodeNameByName {
                    written: &code,
                    name: name.trim(),
                    code: &ind.code,
                    catalog: &ind.name,
                    other: &other.code,
                    row: row + 1,
                };
                sub.findings.push(
                    Finding::said(Severity::Info, &said, lang)
                        .at(&loc(r, cc))
                        .indicator(other.code.clone())
                        .expected(other.code.clone())
                        .actual(code.clone()),
                );
                by_name_instead = Some(j);
            } else if let (true, Some(other), Some(ind)) = (by_code, other, t.indicators.get(i)) {
                let said = Said::CodeNameDisagree {
                    written: &code,
                    name: name.trim(),
                    code: &ind.code,
                    catalog: &ind.name,
                    other: &other.code,
                };
                sub.findings.push(
                    Finding::said(Severity::Warning, &said, lang)
                        .at(&loc(r, cc))
                        .indicator(ind.code.clone())
                        .expected(ind.name.clone())
                        .actual(name.trim().to_string()),
                );
            }
        }
        matched = by_name_instead.map_or(by_row, RowMatch::Exact);
        // "Trong đó: nữ" under "Tổng số học sinh": a part named by the
        // words it adds to the indicators above, one of their parts; a
        // name two indicators bear is the one that is a part of them.
        let mut by_context = false;
        // A row matched by its code is that indicator wherever it stands;
        // one named by words that match nothing is placed only when it has
        // figures (it would be unknown).
        let by_its_code =
            disowned.is_none() && !code.is_empty() && ctx.indicators.by_code(&code).is_some();
        if !by_its_code && (matched != RowMatch::None || (code.is_empty() && !figures.is_empty())) {
            let repeated = match matched {
                RowMatch::Exact(i) | RowMatch::Approximate(i, _) => {
                    read_from.get(i).is_some_and(Option::is_some)
                }
                _ => false,
            };
            match ctx.indicators.place(&name, matched, &wholes, repeated) {
                Placed::Kept => {}
                Placed::Part(i) => {
                    matched = RowMatch::Exact(i);
                    by_context = true;
                }
                Placed::Shared(i) => matched = RowMatch::Exact(i),
                Placed::Beside(i, alike) => matched = RowMatch::Approximate(i, alike),
                Placed::Ambiguous(bearers) => {
                    if !figures.is_empty() {
                        let codes = bearers
                            .iter()
                            .filter_map(|&i| t.indicators.get(i))
                            .map(|ind| ind.code.as_str())
                            .collect::<Vec<_>>()
                            .join(", ");
                        let said = Said::IndicatorAmbiguous {
                            shown: &name,
                            codes: &codes,
                        };
                        sub.findings.push(
                            Finding::said(Severity::Error, &said, lang)
                                .at(&loc(r, name_col.unwrap_or(0)))
                                .expected(codes.clone())
                                .actual(name.clone()),
                        );
                    }
                    continue;
                }
            }
        }
        if matched == RowMatch::None && code.is_empty() && !figures.is_empty() {
            if let Some(i) = ctx.indicators.match_suffix(&name) {
                // The name without the words its heading says once for its
                // rows ("Giải ngân"): approximate, and said so.
                matched = RowMatch::Approximate(i, 0.99);
            }
        }
        if matched == RowMatch::None && code.is_empty() && !figures.is_empty() {
            // "Số hộ nghèo (theo chuẩn mới)": the name without what its
            // brackets qualify it with, when that is a catalog name;
            // approximate, and said so.
            let bare = IndicatorMatcher::without_brackets(&name)
                .map(|bare| ctx.indicators.match_name(&bare));
            if let Some(RowMatch::Exact(i) | RowMatch::Approximate(i, _)) = bare {
                matched = RowMatch::Approximate(i, 0.99);
            }
        }
        if let RowMatch::Exact(i) | RowMatch::Approximate(i, _) | RowMatch::LooseCode(i) = matched {
            ctx.indicators.nest(&mut wholes, i);
        }
        if by_context {
            if let RowMatch::Exact(i) = matched {
                so_far
                    .parts
                    .push((loc(r, name_col.unwrap_or(0)), name.clone(), i));
            }
        }
        let idx = match matched {
            RowMatch::Exact(i) => i,
            RowMatch::Approximate(i, sim) => {
                let ind = &t.indicators[i];
                let said = Said::NameApproximate {
                    name: &name,
                    code: &ind.code,
                    catalog: &ind.name,
                    alike: sim * 100.0,
                };
                let finding = Finding::said(Severity::Info, &said, lang)
                    .at(&loc(r, name_col.unwrap_or(0)))
                    .indicator(ind.code.clone())
                    .expected(ind.name.clone())
                    .actual(name.clone());
                // Without figures or the indicator's code, the row is a
                // section heading ("II | CÁN BỘ, CÔNG CHỨC CẤP XÃ" over
                // «Số cán bộ, công chức cấp xã») or the row left blank:
                // how its name was understood matters only when no row of
                // the table gives the indicator its figures.
                if figures.is_empty() && !code.eq_ignore_ascii_case(&ind.code) {
                    headings.push((i, finding));
                } else {
                    sub.findings.push(finding);
                }
                i
            }
            RowMatch::LooseCode(i) => {
                let ind = &t.indicators[i];
                let said = Said::CodeApproximate {
                    written: &code,
                    code: &ind.code,
                    catalog: &ind.name,
                };
                sub.findings.push(
                    Finding::said(Severity::Info, &said, lang)
                        .at(&loc(r, code_col.unwrap_or(0)))
                        .indicator(ind.code.clone())
                        .expected(ind.code.clone())
                        .actual(code.clone()),
                );
                i
            }
            RowMatch::None => {
                let breakdown = code.is_empty() && crate::text::names_a_part(&name);
                if !breakdown {
                    above = None;
                }
                // The column numbering under the header numbers its name
                // column too ("B", "(2)") or leaves it blank; a row named
                // in words ("Khu phố 1") with small counts is a row.
                let numbering = column_numbers
                    && r <= layout.header_last + 2
                    && (name.trim().is_empty() || is_column_number(&Data::String(name.clone())));
                if figures.is_empty() || numbering {
                    // A section heading, a blank row or the column
                    // numbering under the header.
                    if !name.trim().is_empty() && !numbering {
                        details = crate::text::introduces_details(&name).then(|| name.clone());
                    }
                    continue;
                }
                if code.is_empty() && is_total_row(&name) {
                    // "Cộng", "Tổng cộng": a line that adds up the rows
                    // above it, no indicator of its own.
                    continue;
                }
                // «I | TRỒNG TRỌT», «II. CHĂN NUÔI» with the section's
                // total: a section row, no indicator of its own, as a
                // "Cộng" is (a template whose code is «I» matched it).
                let stt = layout
                    .col(Role::Stt)
                    .map(|c| grid.text(r, c))
                    .unwrap_or_default();
                if is_section_row(&[&code, &stt], &name) {
                    continue;
                }
                let shown = if name.is_empty() {
                    code.clone()
                } else {
                    name.clone()
                };
                // A hidden row is no part of the report the sheet shows
                // (a note kept for the clerk's own use): said, not an
                // error.
                // A row marked as a breakdown of the indicator above it
                // that the catalog does not list ("- Cơ sở sản xuất, chế
                // biến" under YT23): its figures are not consolidated,
                // the indicator's are; nothing is wrong. Not when its name
                // comes near a catalog name: a mistyped indicator.
                // The nearest indicator above that can have parts: "-
                // Chia theo độ tuổi" after "- Nữ" (no parts of its own) is
                // a breakdown of their whole «Số lao động …», not of «Nữ».
                // An indicator above with no parts and no whole is still
                // the one the row details.
                // A catalog name is near only when the row's unit may be
                // its indicator's: «- Trong đó: trẻ em dưới 15 tuổi» in
                // «ca» under the dengue cases is no mistyped «Trẻ dưới 1
                // tuổi» counted in «trẻ» (its numbers differ too).
                let row_unit = unit_col.map(|c| grid.text(r, c)).unwrap_or_default();
                let fits = |i: usize| {
                    t.indicators.get(i).is_some_and(|ind| {
                        may_be_unit_of(&row_unit, ind, &t.settings.abbreviations)
                    })
                };
                let parent = above
                    .filter(|_| breakdown && !ctx.indicators.resembles(&name, fits))
                    .map(|a| {
                        let chain = wholes.last() == Some(&a);
                        wholes
                            .iter()
                            .rev()
                            .copied()
                            .find(|&w| chain && ctx.indicators.has_parts(w))
                            .unwrap_or(a)
                    })
                    .and_then(|i| t.indicators.get(i));
                // An item of a list of details (a project, a work) under
                // its heading: no indicator, nothing to correct. Not when
                // its name comes near a catalog name: a mistyped
                // indicator.
                let item_of = details
                    .as_deref()
                    .filter(|_| code.is_empty() && !ctx.indicators.resembles(&name, fits));
                let finding = if grid.row_hidden(r) {
                    Finding::said(
                        Severity::Info,
                        &Said::IndicatorUnknownHidden { shown: &shown },
                        lang,
                    )
                } else if let Some(heading) = item_of {
                    Finding::said(
                        Severity::Info,
                        &Said::IndicatorDetailItem {
                            shown: &shown,
                            heading: heading.trim(),
                        },
                        lang,
                    )
                    .for_office()
                } else if let Some(parent) = parent {
                    Finding::said(
                        Severity::Info,
                        &Said::IndicatorBreakdown {
                            shown: &shown,
                            code: &parent.code,
                            name: &parent.name,
                        },
                        lang,
                    )
                    .indicator(parent.code.clone())
                    // Asks nothing of the unit: the office's alone.
                    .for_office()
                } else if let Some(ind) = disowned.as_ref().and_then(|(i, _)| t.indicators.get(*i))
                {
                    let said = Said::CodeOfAnother {
                        written: &code,
                        name: &name,
                        unit: disowned.as_ref().map_or("", |(_, u)| u.as_str()),
                        code: &ind.code,
                        catalog: &ind.name,
                        catalog_unit: &ind.unit,
                    };
                    Finding::said(Severity::Error, &said, lang)
                        .expected(format!("{} {} ({})", ind.code, ind.name, ind.unit))
                } else {
                    // The indicator whose whole name the row's opens with,
                    // offered, not taken.
                    let offered = ctx
                        .indicators
                        .opening_of(&name)
                        .or_else(|| ctx.indicators.nearest(&name, fits));
                    if let Some(i) = offered.filter(|&i| i < t.indicators.len()) {
                        if !sub.offered.contains(&(i as u32)) {
                            sub.offered.push(i as u32);
                        }
                    }
                    let nearest = offered
                        .and_then(|i| t.indicators.get(i))
                        .map(|ind| format!("{} «{}»", ind.code, ind.name));
                    Finding::said(
                        Severity::Error,
                        &Said::IndicatorUnknown {
                            shown: &shown,
                            nearest: nearest.as_deref(),
                        },
                        lang,
                    )
                };
                sub.findings.push(
                    finding
                        .at(&loc(r, name_col.or(code_col).unwrap_or(0)))
                        .actual(shown),
                );
                continue;
            }
        };
        let ind = &t.indicators[idx];
        above = Some(idx);
        details = None;
        let by_code =
            matches!(matched, RowMatch::LooseCode(_)) || code.eq_ignore_ascii_case(&ind.code);
        // The indicator's row with every figure cell blank: told once the
        // unit is known, if no other row gives the indicator a figure.
        // Its note saying nothing happened («Không phát sinh»): the row
        // is read as 0 in every quantity column, said in an info.
        let none_noted = layout
            .col(Role::Note)
            .filter(|_| {
                figures.is_empty()
                    && read_from[idx].is_none()
                    && ind.kind != crate::template::Kind::Rate
            })
            .map(|c| grid.shown_text(r, c))
            .filter(|n| crate::number::says_none(n));
        if let Some(note) = &none_noted {
            static ZERO: Data = Data::Float(0.0);
            figures = value_cols
                .iter()
                .filter(|(_, v)| !v.is_percent())
                .map(|(c, v)| (*c, *v, &ZERO))
                .collect();
            if let Some(a) = sub.unit.and_then(|u| t.agencies.get(u)) {
                let said = Said::RowNoneNoted {
                    unit: &a.shown(),
                    code: &ind.code,
                    name: &ind.name,
                    note: note.trim(),
                };
                let col = value_cols.first().map_or(0, |(c, _)| *c);
                sub.findings.push(
                    Finding::said(Severity::Info, &said, lang)
                        .at(&loc(r, col))
                        .unit(a.code.clone())
                        .indicator(ind.code.clone()),
                );
            }
        }
        if figures.is_empty()
            && read_from[idx].is_none()
            && !so_far.blank.iter().any(|(i, _)| *i == idx)
        {
            let col = value_cols.first().map_or(0, |(c, _)| *c);
            so_far.blank.push((idx, loc(r, col)));
        }
        if figures.is_empty() && !by_code {
            // A row named like an indicator, without figures or its code
            // (a heading's "I" in the code column is none): a section
            // heading ("I. DÂN SỐ" over DS.01 «Dân số», "I. THU NGÂN SÁCH
            // NHÀ NƯỚC TRÊN ĐỊA BÀN" over TN01), or the indicator's row
            // left blank. The form holds the indicator, but the row claims
            // nothing: the indicator's row with figures below it is read,
            // never set aside as a repetition.
            so_far.present[idx] = true;
            continue;
        }
        let hidden = grid.row_hidden(r);
        if let Some(first) = read_from[idx] {
            if figures.is_empty() {
                continue;
            }
            let at_label = |row: u32| loc(row, name_col.or(code_col).unwrap_or(0));
            let hidden_said = |hidden: u32, used: u32| {
                let said = Said::IndicatorRepeatedHidden {
                    code: &ind.code,
                    name: &ind.name,
                    hidden: hidden + 1,
                    used: used + 1,
                };
                Finding::said(Severity::Info, &said, lang)
                    .at(&at_label(hidden))
                    .indicator(ind.code.clone())
            };
            let set_aside = hidden_reads.iter().position(|h| h.indicator == idx);
            match (grid.row_hidden(first), hidden, set_aside) {
                // The visible row is the unit's figure: what the hidden
                // row gave is set aside, and this row is read.
                (true, false, Some(k)) => {
                    let read = hidden_reads.remove(k);
                    set_aside_hidden(sub, &read, &mut hidden_reads[k..]);
                    sub.findings.push(hidden_said(first, r));
                }
                (false, true, _) => {
                    sub.findings.push(hidden_said(r, first));
                    continue;
                }
                _ => {
                    // The second row's own name, when it is not the
                    // catalog's: the clerk looks for the row by it.
                    let written = if name.trim().is_empty()
                        || ctx.indicators.key(&name) == ctx.indicators.key(&ind.name)
                    {
                        ""
                    } else {
                        name.trim()
                    };
                    let said = Said::IndicatorRepeated {
                        code: &ind.code,
                        name: &ind.name,
                        written,
                    };
                    sub.findings.push(
                        Finding::said(Severity::Warning, &said, lang)
                            .at(&at_label(r))
                            .indicator(ind.code.clone()),
                    );
                    continue;
                }
            }
        } else if hidden && grid.hides_any() {
            reading_hidden = Some(HiddenRead {
                indicator: idx,
                rows: rows_at..rows_at,
                findings: findings_at..findings_at,
            });
        }
        read_from[idx] = Some(r);
        so_far.present[idx] = true;
        if let Some(c) = layout.col(Role::Note) {
            let text = grid.shown_text(r, c);
            // Most notes are empty: nothing to fold.
            if !text.trim().is_empty() {
                sub.notes.push(RowNote {
                    indicator: u32::try_from(idx).unwrap_or(u32::MAX),
                    text: text.trim().to_string(),
                    correction: names_correction(&text),
                });
            }
        }
        // The unit the row is written in, against the catalog's. A row
        // without a unit cell takes the unit the title or header states
        // ("ĐVT: triệu đồng") when both are money units; otherwise a
        // header unit says nothing about this indicator.
        let mut row_unit = unit_col.map(|c| grid.text(r, c)).unwrap_or_default();
        let mut unit_stated_at = None;
        if row_unit.is_empty() {
            if let Some((u, at)) = &header_unit {
                if crate::number::money_factor(u).is_some()
                    && crate::number::money_factor(&ind.unit).is_some()
                {
                    row_unit = u.clone();
                    unit_stated_at = Some(at);
                }
            }
        }
        // Where the unit is written: made only for a finding.
        let unit_at = || {
            unit_stated_at
                .cloned()
                .unwrap_or_else(|| loc(r, unit_col.unwrap_or(0)))
        };
        let mut factor = 1.0;
        // Fold leaves signs out ("‰" folds to nothing): rate units are
        // told apart by their scale. A unit written as the catalog
        // writes it is the catalog's, without either.
        if !row_unit.is_empty()
            && row_unit != ind.unit
            && (fold(&row_unit) != fold(&ind.unit)
                || crate::number::rate_base(&row_unit) != crate::number::rate_base(&ind.unit))
        {
            // The two units' scales when they are one unit in different
            // multiples: money ("Tr.đ" against "tỷ đồng"), a mass or an
            // area ("tạ" against "tấn", "héc-ta" against "ha"), or a count
            // or measure in thousands ("nghìn con" against "con").
            match unit_scales(&row_unit, &ind.unit, &t.settings.abbreviations) {
                // The catalog's money unit written short ("Tr.đồng" for
                // "triệu đồng"): nothing to convert, nothing to say.
                Some((from, to)) if from == to => {}
                Some((from, to)) => {
                    factor = from / to;
                    let fac = factor_words(factor, lang);
                    // Hectares under an "m2" label: converted, every
                    // figure would vanish from the consolidated table.
                    // Not converted silently: an error, the row left out.
                    if let Some((largest, converted)) =
                        label_doubtful(&figures, factor, ind.decimals, locale)
                    {
                        let said = Read::UnitLabelDoubtful {
                            unit: &who,
                            code: &ind.code,
                            name: &ind.name,
                            written: &row_unit,
                            catalog: &ind.unit,
                            factor: &fac,
                            value: &format_auto(largest, 6, lang),
                            converted: &format_auto(converted, 6, lang),
                            smallest: &format_auto(smallest_shown(ind.decimals), 6, lang),
                        };
                        sub.findings.push(
                            Finding::said(Severity::Error, &said, lang)
                                .at(&unit_at())
                                .indicator(ind.code.clone())
                                .expected(ind.unit.clone())
                                .actual(row_unit.clone()),
                        );
                        continue;
                    }
                    sub.findings.push(
                        Finding::said(
                            Severity::Warning,
                            &Read::UnitConverted {
                                unit: &who,
                                code: &ind.code,
                                name: &ind.name,
                                written: &row_unit,
                                catalog: &ind.unit,
                                factor: &fac,
                            },
                            lang,
                        )
                        .at(&unit_at())
                        .indicator(ind.code.clone())
                        .expected(ind.unit.clone())
                        .actual(row_unit.clone()),
                    );
                }
                _ if is_same_unit(&row_unit, &ind.unit, &t.settings.abbreviations) => {}
                // "Nhóm, lớp" for "lớp": the catalog's unit among the
                // names the clerk's form gives what is counted (a nursery
                // counts its groups and classes as one): the catalog's
                // unit, nothing to check.
                _ if ind.kind != crate::template::Kind::Rate
                    && lists_the_unit(
                        &row_unit,
                        &ind.unit,
                        &ind.name,
                        &t.settings.abbreviations,
                    ) => {}
                // Two names for what is counted ("chiếc" for "xe", "Đơn
                // thư" for "đơn"): a count is a count, so the figures are
                // kept, with a warning to check the unit.
                _ if !is_measure(&row_unit) && !is_measure(&ind.unit) => {
                    sub.findings.push(
                        Finding::said(
                            Severity::Warning,
                            &Read::UnitOtherName {
                                unit: &who,
                                code: &ind.code,
                                name: &ind.name,
                                written: &row_unit,
                                catalog: &ind.unit,
                            },
                            lang,
                        )
                        .at(&unit_at())
                        .indicator(ind.code.clone())
                        .expected(ind.unit.clone())
                        .actual(row_unit.clone()),
                    );
                }
                _ => {
                    sub.findings.push(
                        Finding::said(
                            Severity::Error,
                            &Read::UnitUnconvertible {
                                unit: &who,
                                code: &ind.code,
                                name: &ind.name,
                                written: &row_unit,
                                catalog: &ind.unit,
                            },
                            lang,
                        )
                        .at(&unit_at())
                        .indicator(ind.code.clone())
                        .expected(ind.unit.clone())
                        .actual(row_unit.clone()),
                    );
                    continue;
                }
            }
        }
        // The unit a figure of the row is in before converting, and what
        // it is per when it is a rate's: a figure's own % or ‰ sign against it.
        let figure_unit = if row_unit.is_empty() {
            ind.unit.as_str()
        } else {
            row_unit.as_str()
        };
        let figure_base = crate::number::rate_base(figure_unit);
        for (c, column, data) in figures {
            // The figure's cell: made only for a finding.
            let here = || loc(r, c);
            let invalid = |shown: String| {
                let here = here();
                let said = Read::ValueInvalid {
                    unit: &who,
                    cell: &here.cell,
                    code: &ind.code,
                    name: &ind.name,
                    column,
                    shown: &shown,
                };
                Finding::said(Severity::Error, &said, lang)
                    .at(&here)
                    .indicator(ind.code.clone())
                    .column(column.as_str())
                    .actual(shown)
            };
            // A text a formula gives that is no number: told as the
            // formula's result, not as something typed in its cell.
            let not_a_number = |shown: String, formula: Option<&str>| match formula {
                None => invalid(shown),
                Some(formula) => {
                    let here = here();
                    let derived = column.is_percent() || ind.kind == crate::template::Kind::Rate;
                    let said = Read::FormulaGivesText {
                        unit: &who,
                        cell: &here.cell,
                        code: &ind.code,
                        name: &ind.name,
                        column,
                        formula: &crate::text::quotation(formula, 200),
                        shown: &shown,
                        derived,
                    };
                    let severity = if derived {
                        Severity::Info
                    } else {
                        Severity::Error
                    };
                    Finding::said(severity, &said, lang)
                        .at(&here)
                        .indicator(ind.code.clone())
                        .column(column.as_str())
                        .actual(shown)
                }
            };
            // A formula whose value was never computed (blank, or an empty
            // string as some writers store it, `<v></v>`): the value the
            // tool computed, read as a computed cached value would be.
            let computed;
            let mut round = None;
            // The text a formula gives, not typed in its cell.
            let mut formula_text = None;
            let data = match formulas.filter(|_| is_blank(data)) {
                Some(f) => match f.figure(r, c, &here(), ind, column, lang) {
                    Figure::Number(v, n, note) => {
                        if let Some(note) = note {
                            sub.findings.push(*note);
                        }
                        computed = Data::Float(v);
                        round = n;
                        &computed
                    }
                    Figure::Blank => continue,
                    Figure::Text(text) => {
                        formula_text = f.at(r, c);
                        computed = Data::String(text);
                        &computed
                    }
                    Figure::Uncomputed(finding) => {
                        sub.findings.push(*finding);
                        continue;
                    }
                },
                None if is_blank(data) => continue,
                None => data,
            };
            // An .xls stores whole numbers as integers (RK records): a
            // percent cell's 15 is 1.500% like an .xlsx's 15.0.
            let number = match data {
                Data::Float(f) => Some(*f),
                Data::Int(i) => Some(*i as f64),
                _ => None,
            };
            let (value, decimals) = match data {
                Data::Float(_) | Data::Int(_) if number.is_some_and(f64::is_finite) => {
                    let f = &number.unwrap_or_default();
                    // Percentages and rates need the decimals as shown by the
                    // cell's number format, and a percent-formatted cell
                    // stores a fraction (0,2315 shown as 23,15%). Any other
                    // figure with decimals states what its format shows
                    // (a formula's 5,7346… is 5,73 under `#,##0.00`; money
                    // stored as 1.137,380532 under `#,##0` is the 1.137
                    // the report prints, whatever its size); a whole
                    // figure needs no look (nor the workbook's styles read
                    // for it).
                    let needs_format = column.is_percent()
                        || ind.kind == crate::template::Kind::Rate
                        || decimals_of(*f) > 0;
                    match needs_format.then(|| styles.sheet()).flatten() {
                        Some(st) if st.is_percent(r, c) => {
                            stated_figure(*f * 100.0, st.decimals(r, c))
                        }
                        Some(st) => stated_figure(*f, st.decimals(r, c)),
                        None => (*f, decimals_of(*f)),
                    }
                }
                Data::Float(_) | Data::Int(_) => {
                    sub.findings.push(invalid("NaN".into()));
                    continue;
                }
                Data::String(s) => match parse_text(s, locale) {
                    // A target set as a change ("Giảm 0,2‰" for a birth
                    // rate, "Tăng 5%"): no level to reach, so no %KH and
                    // nothing for the plan total, which says it lacks the
                    // unit as for any unreadable KH. Nothing wrong in it:
                    // the office's to know, nothing to ask of the unit.
                    NumberText::Number(_)
                        if column == ValueColumn::Kh && crate::number::is_change_in_words(s) =>
                    {
                        let here = here();
                        let text = crate::text::clean(s);
                        let said = Read::TargetAsChange {
                            unit: &who,
                            cell: &here.cell,
                            code: &ind.code,
                            name: &ind.name,
                            text: &text,
                        };
                        sub.findings.push(
                            Finding::said(Severity::Info, &said, lang)
                                .at(&here)
                                .indicator(ind.code.clone())
                                .column(column.as_str())
                                .actual(text.clone())
                                .for_office(),
                        );
                        continue;
                    }
                    NumberText::Number(p) => {
                        // "tăng 13,26%", "giảm 2,35%": the growth, said.
                        if column == ValueColumn::PctCk
                            && matches!(s.trim_start().chars().next(), Some('t' | 'T' | 'g' | 'G'))
                        {
                            sub.ck_said_in(sheet_no, c, s.trim(), CkConvention::Growth);
                        }
                        // The reading of the other style, not taken: when
                        // it reads the same number ("907.36" is 907,36
                        // either way) there is nothing to check.
                        let other_style = match locale {
                            NumberLocale::Vi => NumberLocale::En,
                            NumberLocale::En => NumberLocale::Vi,
                        };
                        let other_reading = || match parse_text(s, other_style) {
                            NumberText::Number(q) => Some(q.value),
                            _ => None,
                        };
                        // «1,180» hồ sơ: a count cannot be 1,18; the comma
                        // is an English thousands separator. One error at
                        // the cell, and the figure is not used (no
                        // relation blames the cells beside it).
                        if locale == NumberLocale::Vi
                            && !style_settled
                            && !column.is_percent()
                            && counts_whole(t, idx)
                            && p.value.fract() != 0.0
                            && comma_thousands(s)
                        {
                            if let Some(meant) = other_reading() {
                                let here = here();
                                let (read, meant) =
                                    (format_auto(p.value, 6, lang), format_auto(meant, 0, lang));
                                let text = crate::text::clean(s);
                                let said = Read::CountWithComma {
                                    unit: &who,
                                    cell: &here.cell,
                                    code: &ind.code,
                                    name: &ind.name,
                                    column,
                                    counted: &ind.unit,
                                    text: &text,
                                    read: &read,
                                    meant: &meant,
                                };
                                sub.findings.push(
                                    Finding::said(Severity::Error, &said, lang)
                                        .at(&here)
                                        .indicator(ind.code.clone())
                                        .column(column.as_str())
                                        .actual(text.clone())
                                        .expected(meant.clone()),
                                );
                                continue;
                            }
                        }
                        if p.ambiguous && !style_settled && other_reading() != Some(p.value) {
                            let here = here();
                            let read = format_auto(p.value, 6, lang);
                            let other = match other_reading() {
                                Some(q) => format_auto(q, 6, lang),
                                None => s.clone(),
                            };
                            let said = Read::NumberAmbiguous {
                                text: s,
                                cell: &here.cell,
                                read: &read,
                                other: &other,
                            };
                            sub.findings.push(
                                Finding::said(Severity::Info, &said, lang)
                                    .at(&here)
                                    .indicator(ind.code.clone())
                                    .column(column.as_str())
                                    .actual(s.clone())
                                    .expected(read),
                            );
                        }
                        // "3,39%" in a row in ‰: the sign states the
                        // figure's unit, converted to the row's with a
                        // warning. (A percent column's sign is its own.)
                        let sign = match (p.per_mille, p.percent) {
                            (true, _) => Some(1e3),
                            (_, true) => Some(1e2),
                            _ => None,
                        };
                        match (sign, figure_base) {
                            (Some(sign), Some(row)) if sign != row && !column.is_percent() => {
                                let (read, said) = converted(
                                    (p.value, p.decimals),
                                    row / sign,
                                    (&here(), s),
                                    (&who, ind, column),
                                    figure_unit,
                                    lang,
                                );
                                sub.findings.push(said);
                                read
                            }
                            _ => (p.value, p.decimals),
                        }
                    }
                    NumberText::Blank => {
                        // «x» where a figure of the quarter is asked for:
                        // read as blank, and told once per file.
                        let mark = s.trim();
                        if !mark.is_empty()
                            && mark.chars().all(|c| matches!(c, 'x' | 'X' | '×'))
                            && matches!(column, ValueColumn::Th | ValueColumn::Lk | ValueColumn::Ck)
                        {
                            sub.crossed.push(DashCell {
                                indicator: idx as u32,
                                column,
                                sheet: sheet_no,
                                row: r,
                                col: c,
                                shown: mark.to_string(),
                            });
                        }
                        continue;
                    }
                    NumberText::Dash => match t.settings.dash {
                        // A "-" where a percent or a rate belongs is "not
                        // compared" (0/0, or nothing last year), never a
                        // 0 %: no figure, whatever `dash` says of counts.
                        DashMeans::Zero
                            if column.is_percent() || ind.kind == crate::template::Kind::Rate =>
                        {
                            continue
                        }
                        DashMeans::Empty => {
                            sub.dashes.push(DashCell {
                                indicator: idx as u32,
                                column,
                                sheet: sheet_no,
                                row: r,
                                col: c,
                                shown: s.trim().to_string(),
                            });
                            continue;
                        }
                        DashMeans::Zero => (0.0, 0),
                    },
                    // No change: a growth of 0 or a ratio of 100.
                    NumberText::Unchanged if column == ValueColumn::PctCk => {
                        match t.settings.ck_convention {
                            crate::template::CkConvention::Growth => (0.0, 0),
                            crate::template::CkConvention::Ratio => (100.0, 0),
                        }
                    }
                    // "Đạt", "Không đạt" where a %KH or %CK belongs: an
                    // assessment, not a wrong figure; the tool computes the
                    // percent itself, so nothing to ask of the unit.
                    NumberText::NotANumber
                        if column.is_percent()
                            && (crate::number::is_assessment(s)
                                || crate::number::change_in_count(s, locale).is_some()) =>
                    {
                        let here = here();
                        let text = crate::text::clean(s);
                        let (unit, cell, code, name, text_ref) =
                            (&who, &here.cell, &ind.code, &ind.name, &text);
                        let said = match crate::number::is_assessment(s) {
                            true => Read::PercentInWords {
                                unit,
                                cell,
                                code,
                                name,
                                column,
                                text: text_ref,
                            },
                            false => Read::ChangeInCount {
                                unit,
                                cell,
                                code,
                                name,
                                column,
                                text: text_ref,
                            },
                        };
                        sub.findings.push(
                            Finding::said(Severity::Info, &said, lang)
                                .at(&here)
                                .indicator(ind.code.clone())
                                .column(column.as_str())
                                .actual(text.clone())
                                .for_office(),
                        );
                        continue;
                    }
                    // "Đạt" as the KH (a station to meet the national
                    // standard): a target in words, not a figure. The
                    // plan total lacks the unit (said at the total); a
                    // warning, since no stated figure is wrong.
                    NumberText::NotANumber
                        if column == ValueColumn::Kh && crate::number::is_assessment(s) =>
                    {
                        let here = here();
                        let text = crate::text::clean(s);
                        let said = Read::TargetInWords {
                            unit: &who,
                            cell: &here.cell,
                            code: &ind.code,
                            name: &ind.name,
                            text: &text,
                        };
                        sub.findings.push(
                            Finding::said(Severity::Warning, &said, lang)
                                .at(&here)
                                .indicator(ind.code.clone())
                                .column(column.as_str())
                                .actual(text.clone()),
                        );
                        continue;
                    }
                    // Excel's error typed or exported as text (a web
                    // system's export writes "#DIV/0!") in a percent or a
                    // rate: as Excel's own error value there, below.
                    NumberText::NotANumber
                        if (column.is_percent() || ind.kind == crate::template::Kind::Rate)
                            && is_excel_error_text(s) =>
                    {
                        sub.findings
                            .push(percent_error(&here(), ind, column, s.trim(), lang));
                        continue;
                    }
                    // A rate's target written as a bound ("≥ 95%",
                    // "Dưới 1,5%"): the number it bounds is the target.
                    // Anything else is read as any figure is (a price's
                    // plan "24.630đ").
                    NumberText::NotANumber
                        if column == ValueColumn::Kh
                            && ind.kind == crate::template::Kind::Rate
                            && crate::number::target_bound(s, locale).is_some() =>
                    {
                        let Some(p) = crate::number::target_bound(s, locale) else {
                            sub.findings.push(invalid(crate::text::clean(s)));
                            continue;
                        };
                        let here = here();
                        let text = crate::text::clean(s);
                        let read = format_auto(p.value, 6, lang);
                        let said = Read::TargetBound {
                            cell: &here.cell,
                            code: &ind.code,
                            name: &ind.name,
                            text: &text,
                            read: &read,
                        };
                        // How the target was read, for the office: the
                        // unit wrote it right and is asked nothing.
                        sub.findings.push(
                            Finding::said(Severity::Info, &said, lang)
                                .at(&here)
                                .indicator(ind.code.clone())
                                .column(column.as_str())
                                .actual(text.clone())
                                .expected(read)
                                .for_office(),
                        );
                        (p.value, p.decimals)
                    }
                    // "75,9 ha", "575 con": a number typed with the row's
                    // own unit is that number; in another unit of the
                    // same kind ("1,5 tấn" in a row in tạ), converted
                    // with a warning, as a row's unit is.
                    NumberText::NotANumber if !column.is_percent() => {
                        match crate::number::number_with_unit(s, locale).and_then(|(p, words)| {
                            let abbr = &t.settings.abbreviations;
                            match unit_scales(words, figure_unit, abbr) {
                                Some((from, to)) if from != to => Some((p, Some(from / to))),
                                _ if is_unit_of_row(words, figure_unit, abbr) => Some((p, None)),
                                // "0 vụ" in a row counted in "trường hợp":
                                // none of anything is none (tester DC).
                                _ if p.value == 0.0 => Some((p, None)),
                                _ => None,
                            }
                        }) {
                            Some((p, None)) => {
                                if formula_text.is_none() {
                                    so_far.with_unit.push((here(), crate::text::clean(s)));
                                }
                                (p.value, p.decimals)
                            }
                            Some((p, Some(by))) => {
                                let (read, said) = converted(
                                    (p.value, p.decimals),
                                    by,
                                    (&here(), s),
                                    (&who, ind, column),
                                    figure_unit,
                                    lang,
                                );
                                sub.findings.push(said);
                                read
                            }
                            // "3 (tăng 1 vụ)": the figure, with a note
                            // that belongs in the Ghi chú column.
                            None => match crate::number::number_with_note(s, locale) {
                                Some((p, note)) if formula_text.is_none() => {
                                    let here = here();
                                    let text = crate::text::clean(s);
                                    let read = format_auto(p.value, 6, lang);
                                    let said = Read::FigureWithNote {
                                        unit: &who,
                                        cell: &here.cell,
                                        code: &ind.code,
                                        name: &ind.name,
                                        column,
                                        text: &text,
                                        read: &read,
                                        note: &crate::text::clean(note),
                                    };
                                    sub.findings.push(
                                        Finding::said(Severity::Warning, &said, lang)
                                            .at(&here)
                                            .indicator(ind.code.clone())
                                            .column(column.as_str())
                                            .expected(read.clone())
                                            .actual(text.clone()),
                                    );
                                    (p.value, p.decimals)
                                }
                                _ => {
                                    sub.findings
                                        .push(not_a_number(crate::text::clean(s), formula_text));
                                    continue;
                                }
                            },
                        }
                    }
                    NumberText::NotANumber | NumberText::Unchanged => {
                        sub.findings
                            .push(not_a_number(crate::text::clean(s), formula_text));
                        continue;
                    }
                },
                // A percent or rate that Excel could not compute (#DIV/0!
                // where CK is 0 or empty, #VALUE! beside an empty cell):
                // nothing to fix by hand, since the checks and the totals
                // recompute it from its operands.
                Data::Error(e)
                    if column.is_percent() || ind.kind == crate::template::Kind::Rate =>
                {
                    sub.findings
                        .push(percent_error(&here(), ind, column, &e.to_string(), lang));
                    continue;
                }
                Data::Error(e) => {
                    sub.findings.push(invalid(e.to_string()));
                    continue;
                }
                Data::Bool(b) => {
                    sub.findings.push(invalid(b.to_string()));
                    continue;
                }
                // A number under a date format (2 shown «02/01/1900»):
                // the printout shows the date, so the leaders cannot sign
                // it; the clerk is told the number the cell holds and to
                // format it as a number. Quoted as the clerk sees it.
                Data::DateTime(dt) if !dt.is_duration() => {
                    let here = here();
                    let shown = crate::ingest::sheet::date_text(dt);
                    let value = crate::number::format_auto(dt.as_f64(), 6, lang);
                    let said = Read::NumberAsDate {
                        unit: &who,
                        cell: &here.cell,
                        code: &ind.code,
                        name: &ind.name,
                        column,
                        shown: &shown,
                        value: &value,
                    };
                    sub.findings.push(
                        Finding::said(Severity::Error, &said, lang)
                            .at(&here)
                            .indicator(ind.code.clone())
                            .column(column.as_str())
                            .expected(value.clone())
                            .actual(shown),
                    );
                    continue;
                }
                Data::DateTime(dt) => {
                    sub.findings
                        .push(invalid(crate::ingest::sheet::date_text(dt)));
                    continue;
                }
                Data::DateTimeIso(_) | Data::DurationIso(_) => {
                    sub.findings
                        .push(invalid(crate::ingest::sheet::data_text(data)));
                    continue;
                }
                // Blank cells were handled above.
                Data::Empty => continue,
            };
            // A computed ROUND(x, n) stands for n decimals, fewer when its
            // format shows fewer.
            let decimals = match round {
                Some(n) => round_decimals(
                    n,
                    (column.is_percent() || ind.kind == crate::template::Kind::Rate)
                        .then(|| styles.sheet())
                        .flatten()
                        .map(|st| (st.is_percent(r, c), st.decimals(r, c))),
                ),
                None => decimals,
            };
            // A converted figure keeps its precision: ×1.000 (tỷ to triệu
            // đồng) takes three decimals off, ÷1.000 adds three.
            let (value, decimals) = if column.is_percent() {
                (value, decimals_i8(decimals))
            } else {
                (
                    crate::number::scaled(value, factor),
                    decimals_i8(decimals).saturating_sub(factor.log10().round() as i8),
                )
            };
            sub.rows.push(TidyRow {
                indicator: idx as u32,
                column,
                value,
                decimals,
                sheet: sheet_no,
                row: r,
                col: c,
            });
        }
    }
    sub.findings.extend(
        headings
            .into_iter()
            .filter(|(i, _)| read_from.get(*i).is_some_and(Option::is_none))
            .map(|(_, finding)| finding),
    );
    stacked
}

/// What a hidden row read first gave: its figures and findings, by their
/// places in the submission's lists.
struct HiddenRead {
    indicator: usize,
    rows: std::ops::Range<usize>,
    findings: std::ops::Range<usize>,
}

/// Takes out what a hidden row gave (a visible row of its indicator
/// follows), moving the places of the hidden rows read after it.
fn set_aside_hidden(sub: &mut Submission, read: &HiddenRead, later: &mut [HiddenRead]) {
    let rows = read.rows.start.min(sub.rows.len())..read.rows.end.min(sub.rows.len());
    let findings =
        read.findings.start.min(sub.findings.len())..read.findings.end.min(sub.findings.len());
    let (row_count, finding_count) = (rows.len(), findings.len());
    sub.rows.drain(rows);
    sub.findings.drain(findings);
    for h in later {
        h.rows = h.rows.start.saturating_sub(row_count)..h.rows.end.saturating_sub(row_count);
        h.findings = h.findings.start.saturating_sub(finding_count)
            ..h.findings.end.saturating_sub(finding_count);
    }
}

/// `column-ignored`: a header cell of the table that names no column the
/// tool reads, so that a figure column it failed to recognise is seen; or
/// one that names what another column is (`at` says where a column's
/// header is). A header naming another period than `period` (the one the
/// table was read for) or next year's plan says what it holds.
/// The columns of the year's original plan and of the adjusted plan
/// read as KH, when a table has both ([`NotRead::Original`]).
fn original_plan(layout: &TableLayout) -> Option<(u32, u32)> {
    let adjusted = layout.col(Role::Value(ValueColumn::Kh))?;
    layout.ignored.iter().find_map(|i| match &i.why {
        NotRead::Original(other) if other.col == adjusted => Some((i.col, adjusted)),
        _ => None,
    })
}

/// The rows of a table (`rows`, those it read) whose KH came from the
/// original plan, their adjusted plan's cell blank: said in the info
/// about the original plan's column, when the file has it.
fn tell_plans_kept(
    layout: &TableLayout,
    rows: std::ops::Range<usize>,
    sheet: &str,
    ctx: &ReadContext,
    sub: &mut Submission,
) {
    let Some((original, adjusted)) = original_plan(layout) else {
        return;
    };
    let sheet_no = sub.sheets.len().saturating_sub(1);
    let kept: Vec<String> = sub
        .rows
        .get(rows)
        .unwrap_or_default()
        .iter()
        .filter(|r| {
            r.column == ValueColumn::Kh && r.col == original && usize::from(r.sheet) == sheet_no
        })
        .filter_map(|r| {
            Some(format!(
                "{} ({})",
                r.row + 1,
                ctx.template.indicators.get(r.ind())?.code
            ))
        })
        .collect();
    let Some(ignored) = layout.ignored.iter().find(|i| i.col == original) else {
        return;
    };
    if kept.is_empty() {
        return;
    }
    let here = Location::cell(
        sub.file.clone(),
        sheet.to_string(),
        layout.header_first,
        original,
    );
    let other_cell = Location::cell(
        sub.file.clone(),
        sheet.to_string(),
        layout.header_first,
        adjusted,
    )
    .cell;
    let NotRead::Original(other) = &ignored.why else {
        return;
    };
    let said = Read::ColumnOriginalPlan {
        label: &ignored.label,
        cell: &here.cell,
        other: &other.label,
        other_cell: &other_cell,
        kept: &kept.join(", "),
    };
    let told = sub.findings.iter_mut().find(|f| {
        f.code == crate::messages::Words::code(&said)
            && f.sheet == here.sheet
            && f.cell == here.cell
    });
    match told {
        Some(f) => f.message = crate::messages::Words::words(&said, ctx.lang),
        None => sub.findings.push(
            Finding::said(Severity::Info, &said, ctx.lang)
                .at(&here)
                .actual(ignored.label.clone()),
        ),
    }
}

/// The most headers that say nothing the tool reads told one by one for
/// a table; more are told in one info ([`columns_unread`]).
const UNREAD_ONE_BY_ONE: usize = 2;

/// The headers of one table that name no column the tool reads
/// (`column-ignored`, in reading order): one info each for one or two;
/// for more (a sheet of "Tổ 1" … "Tổ 1989" beside the form), one info at
/// the first naming the first three, the last and how many, so that the
/// error list stays readable.
fn columns_unread(unread: &[(String, Location)], lang: Lang) -> Vec<Finding> {
    let said_one = |(label, here): &(String, Location)| {
        Finding::said(
            Severity::Info,
            &Read::ColumnIgnored {
                label,
                cell: &here.cell,
            },
            lang,
        )
        .at(here)
        .actual(label.clone())
    };
    let (Some(first), Some(last)) = (unread.first(), unread.last()) else {
        return Vec::new();
    };
    if unread.len() <= UNREAD_ONE_BY_ONE {
        return unread.iter().map(said_one).collect();
    }
    // The first three, then the last: all four when there are four.
    let shown: Vec<String> = unread
        .iter()
        .take(3)
        .chain((unread.len() > 3).then_some(last))
        .map(|(label, _)| label.clone())
        .collect();
    let said = Read::ColumnsIgnored {
        labels: &shown,
        count: unread.len(),
        cell: &first.1.cell,
        last_cell: &last.1.cell,
    };
    vec![Finding::said(Severity::Info, &said, lang)
        .at(&first.1)
        .actual(shown.join("; "))]
}

/// `column-ignored` for a header the tool does not read as the table's
/// figures: what it is when it says (another period's figures, next
/// year's plan, the original plan, a column another repeats or a hidden
/// one); `None` for a header that says nothing the tool reads, told with
/// the table's others of its kind by [`columns_unread`].
/// `column-ignored`: a column that would be the table's only TH or LK
/// names another period than `period`, so none of its figures is read.
fn column_other_period(
    ignored: &IgnoredColumn,
    at: &dyn Fn(u32) -> Location,
    column: ValueColumn,
    period: Period,
    ctx: &ReadContext,
) -> Finding {
    let here = at(ignored.col);
    let said = Read::ColumnOtherPeriod {
        label: &ignored.label,
        cell: &here.cell,
        column,
        period: &period.title(ctx.lang),
    };
    Finding::said(Severity::Warning, &said, ctx.lang)
        .at(&here)
        .column(column.as_str())
        .actual(ignored.label.clone())
}

fn column_ignored(
    ignored: &IgnoredColumn,
    at: &dyn Fn(u32) -> Location,
    ctx: &ReadContext,
    period: Option<Period>,
) -> Option<Finding> {
    let lang = ctx.lang;
    let here = at(ignored.col);
    let label = ignored.label.as_str();
    let figure = |role: Role| match role {
        Role::Value(v) => Some(v),
        _ => None,
    };
    let finding = |said: &Read| Finding::said(Severity::Info, said, lang);
    let said = match &ignored.why {
        NotRead::Unnamed => {
            // Told by the file's period, said of the run's: a Q4 file in a
            // year run is the year's report ("kỳ báo cáo năm 2025").
            let other = period
                .and_then(|p| Some((ctx.words.other_figures(label, p)?, ctx.period.unwrap_or(p))));
            // Nothing for the unit to fix («Cột này không cần sửa»): the
            // office's to know, not a line of the unit's feedback.
            match other {
                Some((OtherFigures::NextYear(year), p)) => finding(&Read::ColumnNextYear {
                    label,
                    cell: &here.cell,
                    year,
                    period: &p.in_sentence(lang),
                })
                .for_office(),
                Some((OtherFigures::OtherPeriod, p)) => finding(&Read::ColumnOtherFigures {
                    label,
                    cell: &here.cell,
                    period: &p.in_sentence(lang),
                })
                .for_office(),
                None => return None,
            }
        }
        NotRead::Original(other) => finding(&Read::ColumnOriginalPlan {
            label,
            cell: &here.cell,
            other: &other.label,
            other_cell: &at(other.col).cell,
            kept: "",
        }),
        NotRead::PlanByPercents {
            other,
            pct,
            agree,
            differ,
        } => finding(&Read::ColumnPlanByPercents {
            label,
            cell: &here.cell,
            other: &other.label,
            other_cell: &at(other.col).cell,
            pct_cell: &at(*pct).cell,
            agree: *agree,
            differ: *differ,
        }),
        NotRead::Taken(other) => finding(&Read::ColumnTaken {
            label,
            cell: &here.cell,
            other: &other.label,
            other_cell: &at(other.col).cell,
            column: figure(other.role),
        }),
        NotRead::Hidden(other) => finding(&Read::ColumnHidden {
            label,
            cell: &here.cell,
            other: &other.label,
            other_cell: &at(other.col).cell,
            column: figure(other.role),
        }),
    };
    Some(said.at(&here).actual(label))
}

/// Whether a row's label names a unit rather than an indicator: a unit
/// of the registry by its name, code or an alias ("Phường 1", "P.1"), or
/// a neighbourhood, hamlet or village and its number ("Khu phố 3", "Tổ
/// dân phố 12", "Ấp 2", "Thôn 5").
fn names_a_place(label: &str, agencies: &AgencyMatcher) -> bool {
    if agencies.exact(label).is_some() {
        return true;
    }
    const PLACES: [&str; 13] = [
        "khu pho",
        "to dan pho",
        "tdp",
        "kp",
        "to",
        "thon",
        "ap",
        "xom",
        "khom",
        "buon",
        "phuong",
        "xa",
        "thi tran",
    ];
    let folded = fold(label);
    PLACES.iter().any(|p| {
        folded
            .strip_prefix(p)
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|n| {
                n.len() <= 4
                    && n.starts_with(|c: char| c.is_ascii_digit())
                    && n.bytes().all(|b| b.is_ascii_alphanumeric())
            })
    })
}

/// Whether row labels are those of a table by unit: three at least name
/// a place, and two in three of them do (a total row, "Tổng cộng", "Toàn
/// quận", is the third). The count and the first place.
fn places_among<'a>(
    labels: impl Iterator<Item = &'a str>,
    agencies: &AgencyMatcher,
) -> Option<(usize, usize)> {
    let (mut count, mut places, mut first) = (0usize, 0usize, None);
    for (k, label) in labels.enumerate() {
        count += 1;
        if names_a_place(label, agencies) {
            places += 1;
            first.get_or_insert(k);
        }
    }
    (places >= 3 && places * 3 >= count * 2).then_some((places, first?))
}

/// A sheet whose table was read and gave no figure because its rows are
/// units, not indicators (a "Chỉ tiêu" corner over the wards): its
/// `indicator-unknown` errors found from `from` on, and its headers'
/// `column-ignored` infos, make way for the table by unit they are.
fn by_unit_rows(sub: &mut Submission, from: usize, agencies: &AgencyMatcher) -> Option<ByUnit> {
    use crate::diagnostic::Code;
    let unknown = |f: &Finding| f.code == Code::IndicatorUnknown && f.severity == Severity::Error;
    let rows: Vec<&Finding> = sub
        .findings
        .get(from..)?
        .iter()
        .filter(|f| unknown(f))
        .collect();
    let (count, first) = places_among(rows.iter().map(|f| f.actual.as_str()), agencies)?;
    let first = rows.get(first)?;
    let found = ByUnit {
        at: Location {
            file: first.file.clone(),
            sheet: first.sheet.clone(),
            cell: first.cell.clone(),
        },
        count,
        example: first.actual.clone(),
        across: false,
    };
    drop_row_findings(sub, from);
    Some(found)
}

/// Drops, from `from` on, a sheet's `indicator-unknown` errors and its
/// headers' `column-ignored` infos, once one finding for the whole sheet
/// says what it is (a table by unit, a table of no indicator).
fn drop_row_findings(sub: &mut Submission, from: usize) {
    use crate::diagnostic::Code;
    let noise = |f: &Finding| {
        matches!(
            (f.code, f.severity),
            (Code::IndicatorUnknown, Severity::Error) | (Code::ColumnIgnored, Severity::Info)
        )
    };
    let from = from.min(sub.findings.len());
    let tail = sub.findings.split_off(from);
    sub.findings.extend(tail.into_iter().filter(|f| !noise(f)));
}

/// A table by unit in a sheet where no indicator table was found: a
/// column among the first four whose labels, on rows with a figure,
/// name places (see [`places_among`]). Only sheets without a table are
/// looked at, each once.
fn by_unit_column(grid: &SheetGrid, agencies: &AgencyMatcher, file: &str) -> Option<ByUnit> {
    let rows = grid.rows();
    let cols = grid.cols();
    let figure = |r: u32, c: u32| {
        (c + 1..cols.end).any(|k| matches!(grid.raw(r, k), Data::Float(_) | Data::Int(_)))
    };
    for c in cols.start..cols.end.min(cols.start + 4) {
        let labels: Vec<(u32, String)> = rows
            .clone()
            .filter_map(|r| {
                // A label (not a number) with figures right of it; its
                // text is written out only then.
                if matches!(grid.raw(r, c), Data::Float(_) | Data::Int(_)) || !figure(r, c) {
                    return None;
                }
                let t = grid.text(r, c);
                (!t.is_empty()).then_some((r, t))
            })
            .collect();
        if let Some((count, first)) = places_among(labels.iter().map(|(_, t)| t.as_str()), agencies)
        {
            let (row, example) = labels.get(first)?.clone();
            return Some(ByUnit {
                at: Location::cell(file.to_string(), grid.name.clone(), row, c),
                count,
                example,
                across: false,
            });
        }
    }
    None
}

/// A table by unit laid sideways: its header has a row whose cells,
/// from the first that names a unit on, name units (two in three of
/// them, three at least), with a figure under one of them at least.
///
/// ```text
///  STT | Chỉ tiêu | ĐVT | Thực hiện quý III/2026 (merged)      | Tổng cộng
///      |          |     | Phường Phố Hiến | Xã Văn Giang | …  |
///   1  | DN mới   | DN  | 138             | 140          | …  | =SUM(…)
/// ```
///
/// Each column is one unit's figure, none the sender's own: a unit of
/// the registry that is no department (a department's column, "Sở Y
/// tế", is its share of a report, not another unit's report), a place
/// with its number ([`names_a_place`]), or a place named with its kind
/// ([`names_a_place_by_kind`]). Only the header rows of a table found
/// are looked at: tonghop's own «Chi tiết theo đơn vị», whose header
/// names no period, is no table and stays unread.
fn by_unit_across(
    grid: &SheetGrid,
    layout: &TableLayout,
    ctx: &ReadContext,
    file: &str,
) -> Option<ByUnit> {
    let names_unit_in_words = |label: &str| match ctx.agencies.exact(label) {
        Some(u) => ctx
            .template
            .agencies
            .get(u)
            .is_some_and(|a| a.kind != AgencyKind::Department),
        None => {
            names_a_place(label, &ctx.agencies)
                || (names_a_place_by_kind(label) && ctx.words.classify(label, None).is_none())
        }
    };
    // A unit is named in words: the columns' numbers under a header
    // ("(1)", "(2)", … "(10)") are no codes of units.
    let names_unit =
        |label: &str| label.chars().any(char::is_alphabetic) && names_unit_in_words(label);
    let cols = grid.cols();
    let last_row = grid.rows().end;
    // The units may be the header's last row or the row right under it
    // (the period's header merged over them is read as the header).
    for r in layout.header_first..=layout.header_last + 1 {
        let cells: Vec<(u32, String)> = cols
            .clone()
            .map(|c| (c, grid.text(r, c)))
            .filter(|(_, t)| !t.trim().is_empty())
            .collect();
        let Some(start) = cells.iter().position(|(_, t)| names_unit(t)) else {
            continue;
        };
        let tail = cells.get(start..).unwrap_or_default();
        let units: Vec<&(u32, String)> = tail.iter().filter(|(_, t)| names_unit(t)).collect();
        let figures = units.iter().any(|(c, _)| {
            (r + 1..last_row)
                .any(|below| matches!(grid.raw(below, *c), Data::Float(_) | Data::Int(_)))
        });
        // A figure column the tool would read is a unit's: columns of
        // neighbourhoods right of the form's own («Tổ 1» … beside KH, TH,
        // LK, CK) are the form's extra columns, not a table by unit.
        let read_as_unit = layout
            .value_columns()
            .any(|(c, _)| units.iter().any(|(u, _)| *u == c));
        if units.len() >= 3 && units.len() * 3 >= tail.len() * 2 && figures && read_as_unit {
            let (col, example) = units.first().map(|(c, t)| (*c, t.clone()))?;
            return Some(ByUnit {
                at: Location::cell(file.to_string(), grid.name.clone(), r, col),
                count: units.len(),
                example,
                across: true,
            });
        }
    }
    None
}

/// Whether a label names a place by its kind and its proper name
/// ("Phường Phố Hiến", "Xã Văn Giang", "Thị trấn Như Quỳnh", "Huyện Ân
/// Thi"): a kind word, then a name that opens with a capital letter or
/// a digit ("Xã hội" is no commune).
fn names_a_place_by_kind(label: &str) -> bool {
    const KINDS: [&[&str]; 10] = [
        &["phuong"],
        &["xa"],
        &["thi", "tran"],
        &["thi", "xa"],
        &["huyen"],
        &["quan"],
        &["thanh", "pho"],
        &["tinh"],
        &["dac", "khu"],
        &["tp"],
    ];
    let words: Vec<&str> = label.split_whitespace().collect();
    KINDS.iter().any(|kind| {
        let opens = words.len() > kind.len()
            && words
                .iter()
                .zip(kind.iter())
                .all(|(w, k)| fold(w).trim_end_matches('.') == *k);
        opens
            && words.get(kind.len()).is_some_and(|name| {
                name.starts_with(|ch: char| ch.is_uppercase() || ch.is_ascii_digit())
                    && fold(name) != "hoi"
            })
    })
}

/// The figures read (`rows`) that carry a footnote mark, a text "509
/// (*)" or a number format printing one (`#,##0" (*)"`, as tonghop's
/// Tổng hợp marks a total that leaves out units), whose note under the
/// table says they are incomplete, with that note: the line naming the
/// row's indicator code ("- XH.01 … (cột TH): chưa gồm số của 1 đơn vị:
/// Xã Kim Lợi.") when there is one, else the note's first line ("(*)
/// Tổng chưa đủ: …"). A mark whose note says something else (an
/// estimate, who supplied the figure) or that has no note is a figure
/// like any other.
fn incomplete_figures(
    grid: &SheetGrid,
    rows: &[TidyRow],
    styles: &mut CellStyles,
    template: &Template,
) -> Vec<(TidyRow, String)> {
    let sheet = styles.sheet();
    let marked: Vec<&TidyRow> = rows
        .iter()
        .filter(|r| match grid.raw(r.row, r.col) {
            Data::String(t) => crate::number::footnote_marked(t),
            Data::Float(_) | Data::Int(_) => sheet.is_some_and(|s| s.footnote_marked(r.row, r.col)),
            _ => false,
        })
        .collect();
    let Some(last) = rows.iter().map(|r| r.row).max() else {
        return Vec::new();
    };
    if marked.is_empty() {
        return Vec::new();
    }
    // The lines under the table.
    let lines: Vec<String> = (last + 1..grid.rows().end)
        .flat_map(|r| grid.row_texts(r).into_iter().map(|(_, t)| t))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let heading = lines
        .iter()
        .find(|t| t.starts_with("(*)") || t.starts_with('*'));
    let incomplete = |t: &str| {
        let f = fold(t);
        [
            "chua gom",
            "chua bao gom",
            "chua du",
            "chua day du",
            "con thieu",
            "thieu so lieu",
        ]
        .iter()
        .any(|w| f.contains(w))
    };
    marked
        .into_iter()
        .filter_map(|r| {
            let code = template.indicators.get(r.ind())?.code.as_str();
            let own = lines.iter().find(|t| {
                let bare = t.trim_start_matches(['-', '+', '•', ' ']);
                bare.strip_prefix(code).is_some_and(|rest| {
                    rest.starts_with(|ch: char| !ch.is_alphanumeric() && ch != '.')
                })
            });
            let note = own.or(heading)?;
            let said = format!("{} {note}", heading.map_or("", String::as_str));
            incomplete(&said).then(|| {
                let note = note.trim_start_matches(['-', '+', '•', ' ']);
                (r.clone(), note.to_string())
            })
        })
        .collect()
}

/// The words that open a pivot table's value headers («Sum of Thực hiện
/// quý III/2026», «Tổng của …») and that name its row and column fields
/// («Row Labels», «Nhãn Hàng»), in Excel's English and Vietnamese, folded.
const PIVOT_PREFIXES: [&str; 6] = [
    "sum of ",
    "count of ",
    "average of ",
    "tong cua ",
    "dem cua ",
    "trung binh cua ",
];
const PIVOT_LABELS: [&str; 4] = ["row labels", "column labels", "nhan hang", "nhan cot"];

/// The first cell (row, column, text) of a pivot table's header in the
/// first rows of a sheet: such a sheet is a summary of the report's
/// figures, not the report.
fn pivot_header(grid: &SheetGrid) -> Option<(u32, u32, String)> {
    grid.rows()
        .map(|r| (r, grid.row_texts(r)))
        .filter(|(_, t)| !t.is_empty())
        .take(10)
        .find_map(|(r, row)| {
            row.into_iter().find_map(|(c, t)| {
                let f = crate::text::fold(&t);
                let pivot = PIVOT_PREFIXES.iter().any(|p| f.starts_with(p))
                    || PIVOT_LABELS.contains(&f.as_str());
                pivot.then(|| (r, c, t.trim().to_string()))
            })
        })
}

/// Whether a sheet is tonghop's own list of findings: its first or
/// second row with words is the error list's header, in either language
/// ([`crate::outputs::finding_headers`]), whatever the sheet is named.
fn is_findings_sheet(grid: &SheetGrid) -> bool {
    // The header is the first row of a unit's list, the second of the
    // office's (under its line of counts).
    grid.rows()
        .map(|r| grid.row_texts(r))
        .filter(|t| !t.is_empty())
        .take(2)
        .any(|row| {
            let texts: Vec<String> = row.into_iter().map(|(_, t)| t.trim().to_string()).collect();
            [Lang::Vi, Lang::En].iter().any(|&lang| {
                let headers = crate::outputs::finding_headers(lang);
                texts.len() == headers.len() && texts.iter().zip(headers).all(|(t, h)| t == h)
            })
        })
}

/// Whether a column left unread because the unit column was read before
/// it is a column of words saying who supplied each row ("Đơn vị cung
/// cấp", "Đơn vị thực hiện" beside "ĐVT"): its header opens with a unit
/// phrase of the template but is none ("đơn vị" and more words), and not
/// one cell under it holds a number. Nothing to fix, nothing to say: a
/// clerk told to delete the ĐVT column would delete the wrong one.
fn who_supplied(
    grid: &SheetGrid,
    layout: &TableLayout,
    ignored: &IgnoredColumn,
    template: &Template,
) -> bool {
    let NotRead::Taken(other) = &ignored.why else {
        return false;
    };
    let label = fold(&ignored.label);
    let phrases: Vec<String> = template
        .column_words("unit")
        .iter()
        .map(|w| fold(w))
        .collect();
    let longer = phrases.iter().any(|p| {
        label
            .strip_prefix(p.as_str())
            .is_some_and(|rest| rest.starts_with(' '))
    }) && !phrases.contains(&label);
    longer
        && other.role == Role::Unit
        && (layout.header_last + 1..grid.rows().end)
            .all(|r| !matches!(grid.raw(r, ignored.col), Data::Float(_) | Data::Int(_)))
}

/// Replaces the `indicator-unknown` errors found from `from` on in the
/// findings of `sheet`, which gave no figure, by one info for the sheet
/// (its headers' `column-ignored` infos go with them).
fn unrelated_sheet(sub: &mut Submission, from: usize, sheet: &str, lang: Lang) {
    use crate::diagnostic::Code;
    let unknown = |f: &Finding| f.code == Code::IndicatorUnknown && f.severity == Severity::Error;
    let rows: Vec<Finding> = sub.findings[from..]
        .iter()
        .filter(|f| unknown(f))
        .cloned()
        .collect();
    let Some(first) = rows.first() else { return };
    let said = Said::SheetUnrelated {
        sheet,
        count: rows.len(),
        example: &first.actual,
    };
    // A working table beside the report asks nothing of the unit: the
    // office's (no feedback workbook for it alone).
    let mut info = Finding::said(Severity::Info, &said, lang)
        .actual(rows.len().to_string())
        .for_office();
    // At the first such row.
    (info.file, info.sheet, info.cell) =
        (first.file.clone(), first.sheet.clone(), first.cell.clone());
    drop_row_findings(sub, from);
    sub.findings.push(info);
}

/// The figure column an ignored header would be if it named no period
/// ("Thực hiện quý III/2025" is TH), when it is not read only because it
/// names another period than `period` and the table has no such column
/// of its own: the figures of that column are all lost, the header left
/// from last quarter's report the likeliest reason.
fn lost_column(
    layout: &TableLayout,
    ignored: &IgnoredColumn,
    words: &HeaderWords,
    period: Period,
) -> Option<(ValueColumn, Period)> {
    if ignored.why != NotRead::Unnamed {
        return None;
    }
    let Some(Role::Value(column)) = words.classify(&ignored.label, None) else {
        return None;
    };
    // What was done in a semester is a TH of another period (read as a
    // year's figure without a period, it is none).
    let column = match words.names_semester_done(&ignored.label) {
        true => ValueColumn::Th,
        false => column,
    };
    let read_so = words.classify(&ignored.label, Some(period)) == Some(Role::Value(column));
    let has = layout.value_columns().any(|(_, v)| v == column);
    (matches!(column, ValueColumn::Th | ValueColumn::Lk) && !read_so && !has)
        .then_some((column, period))
}

/// A figure header: its label, the column it names, its sheet column.
type NamedHeader = (String, ValueColumn, u32);

/// The TH and LK headers of `layout` ((label, column, sheet column), left
/// to right) and the one period they all name instead of `run`: another
/// quarter's table ("Thực hiện quý II/2020", "Lũy kế 6 tháng đầu năm 2020"
/// in a 2020-Q3 run) with nothing of the run's to read. `None` when a TH
/// or LK header reads for `run`, when the sheet read for `run` has a TH or
/// LK column, or when the headers name different periods.
fn columns_of_one_other_period(
    grid: &SheetGrid,
    layout: &TableLayout,
    words: &HeaderWords,
    run: Period,
) -> Option<(Period, Vec<NamedHeader>)> {
    let figures = |l: &TableLayout| {
        l.value_columns()
            .any(|(_, v)| matches!(v, ValueColumn::Th | ValueColumn::Lk))
    };
    let mut named: Option<Period> = None;
    let mut labels = Vec::new();
    for (c, v) in layout
        .value_columns()
        .filter(|(_, v)| matches!(v, ValueColumn::Th | ValueColumn::Lk))
    {
        let label = (layout.header_first..=layout.header_last)
            .map(|r| grid.text(r, c))
            .filter(|t| !t.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        // The cheap test first: nearly every table's TH reads for the run.
        if words.classify(&label, Some(run)) == Some(Role::Value(v)) {
            return None;
        }
        let p = period_named(words, &label, v, run)?;
        if named.is_some_and(|n| n != p) {
            return None;
        }
        named = Some(p);
        labels.push((label, v, c));
    }
    labels.sort_by_key(|(_, _, c)| *c);
    match named {
        Some(p) if !find_table(grid, words, Some(run)).is_some_and(|l| figures(&l)) => {
            Some((p, labels))
        }
        _ => None,
    }
}

/// A sheet with no table of `run`'s whose header is another quarter's
/// table (of `run`'s year or the year before): its layout, for the
/// quarter every TH and LK header names (see
/// [`columns_of_one_other_period`]).
fn other_quarters_table(grid: &SheetGrid, words: &HeaderWords, run: Period) -> Option<TableLayout> {
    [run.year, run.year - 1]
        .into_iter()
        .flat_map(|y| (1..=4).rev().map(move |q| Period::quarter(y, q)))
        .filter(|c| !c.same_report_as(&run))
        .find_map(|c| {
            let layout = find_table(grid, words, Some(c))?;
            columns_of_one_other_period(grid, &layout, words, run)
                .filter(|(p, _)| *p == c)
                .map(|_| layout)
        })
}

/// The period the header `label` of an ignored `column` names instead of
/// `period`: the quarter (of `period`'s year, else the one after or the
/// one before) for which the header reads as that column ("Thực hiện quý
/// III/2020" under a title of Quý II/2020 names Quý III/2020).
fn period_named(
    words: &HeaderWords,
    label: &str,
    column: ValueColumn,
    period: Period,
) -> Option<Period> {
    // The title's year first: a header's year may not be weighed.
    [period.year, period.year + 1, period.year - 1]
        .into_iter()
        .flat_map(|y| (1..=4).map(move |q| Period::quarter(y, q)))
        .filter(|c| !c.same_report_as(&period))
        .find(|c| words.classify(label, Some(*c)) == Some(Role::Value(column)))
}

/// In a first quarter LK is the quarter itself: a file whose tables have
/// no LK column gets LK = TH, figure by figure, and one `column-missing`
/// info says so. In a later quarter a column a unit did not send stays
/// unknown (never zero); the checks that need it say whose figure they
/// lacked.
fn infer_first_quarter_lk(
    seen: &[bool; 6],
    period: Option<Period>,
    lang: Lang,
    sub: &mut Submission,
) {
    let has = |c: ValueColumn| seen[c.index()];
    let first_quarter = period.is_some_and(|p| p.span == PeriodSpan::Quarter(1));
    if !first_quarter || has(ValueColumn::Lk) || !has(ValueColumn::Th) {
        return;
    }
    let lk: Vec<TidyRow> = sub
        .rows
        .iter()
        .filter(|r| r.column == ValueColumn::Th)
        .map(|r| TidyRow {
            column: ValueColumn::Lk,
            ..r.clone()
        })
        .collect();
    sub.rows.extend(lk);
    sub.findings.push(
        Finding::said(Severity::Info, &Read::LkTakenAsTh, lang)
            .at(&Location::file(sub.file.clone()))
            .column(ValueColumn::Lk.as_str())
            .expected("LK = TH"),
    );
}

/// A stock whose LK cell is left blank where its TH is given (the herds
/// typed in «Thực hiện quý II/2026» only, «Lũy kế 6 tháng» empty): a
/// stock's TH and LK are both its level at the period's end, so its LK
/// is its TH, taken figure by figure as the unit's LK. Nothing is guessed
/// (the level at the half-year's end is the level at its last quarter's
/// end), so nothing is said. A flow's blank LK stays unknown, as does a
/// stock stated at the period's start («tồn đầu kỳ»), whose TH and LK
/// differ, and a file with no LK column at all (the run's column is
/// missing: `column-missing` says so).
fn stock_lk_from_th(seen: &[bool; 6], template: &Template, sub: &mut Submission) {
    if !seen[ValueColumn::Lk.index()] {
        return;
    }
    let stated: std::collections::BTreeSet<u32> = sub
        .rows
        .iter()
        .filter(|r| r.column == ValueColumn::Lk)
        .map(|r| r.indicator)
        .collect();
    let mut taken = std::collections::BTreeSet::new();
    let lk: Vec<TidyRow> = sub
        .rows
        .iter()
        .filter(|r| r.column == ValueColumn::Th && !stated.contains(&r.indicator))
        .filter(|r| {
            template
                .indicators
                .get(r.ind())
                .is_some_and(|d| d.kind == crate::template::Kind::Stock && !d.opening_level())
        })
        .filter(|r| taken.insert(r.indicator))
        .map(|r| TidyRow {
            column: ValueColumn::Lk,
            ..r.clone()
        })
        .collect();
    sub.rows.extend(lk);
}

/// The only plan column headed for next year ("Kế hoạch năm 2026" in a
/// 2025 report) when the table's stated %KH are LK over its figures: the
/// header names the wrong year, the figures are this year's plan. They
/// are read as KH (a `period-mismatch` warning at the header asks for it
/// to be corrected), where leaving them out would leave the unit's plan
/// out of the totals and its %KH unchecked. Four stated %KH in five at
/// least, and two at least, must agree within one unit in their last
/// place; else the column stays next year's, not read. Only the three
/// columns' cells are looked at, and only in such a table.
fn plan_named_next_year(
    grid: &SheetGrid,
    mut layout: TableLayout,
    period: Period,
    ctx: &ReadContext,
    sub: &mut Submission,
    sheet: impl Fn() -> (String, String),
) -> TableLayout {
    let figure = |v: ValueColumn| layout.col(Role::Value(v));
    let (None, Some(lk), Some(pct)) = (
        figure(ValueColumn::Kh),
        figure(ValueColumn::Lk),
        figure(ValueColumn::PctKh),
    ) else {
        return layout;
    };
    let next: Vec<(usize, i32)> = layout
        .ignored
        .iter()
        .enumerate()
        .filter(|(_, c)| c.why == NotRead::Unnamed)
        .filter_map(|(k, c)| match ctx.words.other_figures(&c.label, period) {
            Some(OtherFigures::NextYear(y)) if ctx.words.names_plan(&c.label) => Some((k, y)),
            _ => None,
        })
        .collect();
    let [(k, year)] = next[..] else {
        return layout;
    };
    let col = layout.ignored[k].col;
    let number = |r: u32, c: u32| match grid.shown(r, c) {
        Data::Float(f) if f.is_finite() => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    };
    let (mut compared, mut agree) = (0usize, 0usize);
    for r in layout.header_last.saturating_add(1)..grid.rows().end {
        let (Some(plan), Some(done), Some(stated)) =
            (number(r, col), number(r, lk), number(r, pct))
        else {
            continue;
        };
        if plan <= 0.0 {
            continue;
        }
        compared += 1;
        let unit = 10f64.powi(-i32::from(decimals_of(stated).min(6)));
        if (done / plan * 100.0 - stated).abs() <= unit * 1.000_001 {
            agree += 1;
        }
    }
    if agree < 2 || agree * 5 < compared * 4 {
        return layout;
    }
    let ignored = layout.ignored.remove(k);
    let at = layout.columns.partition_point(|(c, _)| *c < col);
    layout
        .columns
        .insert(at, (col, Role::Value(ValueColumn::Kh)));
    let (file, name) = sheet();
    let here = Location::cell(file, name, layout.header_first, col);
    let said = Read::PlanNamedNextYear {
        label: &ignored.label,
        cell: &here.cell,
        year,
        period,
        agree,
        compared,
    };
    sub.findings.push(
        Finding::said(Severity::Warning, &said, ctx.lang)
            .at(&here)
            .column(ValueColumn::Kh.as_str())
            .expected(period.year.to_string())
            .actual(ignored.label.clone()),
    );
    layout
}

/// Two columns of the year's plan that no word tells apart («Dự toán
/// tỉnh giao năm 2026» and «Dự toán HĐND xã giao năm 2026»; the first is
/// read, the second `column-ignored`): the table's stated %KH say which
/// plan the unit worked them against. When they agree (within one unit
/// in their last place) with LK over the second plan on two rows at
/// least, and on most of the rows where they disagree with LK over the
/// first, and on more rows than the first, the second is the KH and the
/// first is told as not read because of it. Rows where the two plans give
/// the same percent say nothing. A %KH that agrees with neither, or no
/// %KH or LK column, leaves today's reading (the first plan), whose
/// `pct-mismatch` errors stand. An original plan beside an adjusted one
/// ([`NotRead::Original`]) is not weighed so: the adjusted plan is the
/// year's KH whatever the percents.
fn plan_by_percents(grid: &SheetGrid, mut layout: TableLayout) -> TableLayout {
    let figure = |v: ValueColumn| layout.col(Role::Value(v));
    let (Some(first), Some(lk), Some(pct)) = (
        figure(ValueColumn::Kh),
        figure(ValueColumn::Lk),
        figure(ValueColumn::PctKh),
    ) else {
        return layout;
    };
    let kh = Role::Value(ValueColumn::Kh);
    let Some(k) = layout
        .ignored
        .iter()
        .position(|i| matches!(&i.why, NotRead::Taken(o) if o.col == first && o.role == kh))
    else {
        return layout;
    };
    let second = layout.ignored[k].col;
    let number = |r: u32, c: u32| match grid.shown(r, c) {
        Data::Float(f) if f.is_finite() => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    };
    // Within one unit in the stated percent's last place.
    let agrees = |done: f64, plan: f64, stated: f64| {
        let unit = 10f64.powi(-i32::from(decimals_of(stated).min(6)));
        plan > 0.0 && (done / plan * 100.0 - stated).abs() <= unit * 1.000_001
    };
    // Rows whose %KH agrees with the first plan only, with the second
    // only, and with not the first.
    let (mut first_only, mut second_only, mut not_first) = (0usize, 0usize, 0usize);
    for r in layout.header_last.saturating_add(1)..grid.rows().end {
        let (Some(a), Some(b), Some(done), Some(stated)) = (
            number(r, first),
            number(r, second),
            number(r, lk),
            number(r, pct),
        ) else {
            continue;
        };
        let (with_a, with_b) = (agrees(done, a, stated), agrees(done, b, stated));
        if !with_a {
            not_first += 1;
        }
        match (with_a, with_b) {
            (true, false) => first_only += 1,
            (false, true) => second_only += 1,
            _ => {}
        }
    }
    if second_only < 2 || second_only <= first_only || second_only * 2 <= not_first {
        return layout;
    }
    let taken = layout.ignored.remove(k);
    let NotRead::Taken(read_first) = taken.why else {
        return layout;
    };
    for (c, role) in layout.columns.iter_mut() {
        if *c == first && *role == kh {
            *c = second;
        }
    }
    layout.columns.sort_by_key(|(c, _)| *c);
    layout.ignored.push(IgnoredColumn {
        col: first,
        label: read_first.label,
        why: NotRead::PlanByPercents {
            other: OtherColumn {
                col: second,
                label: taken.label,
                role: kh,
            },
            pct,
            agree: second_only,
            differ: not_first,
        },
    });
    layout.ignored.sort_by_key(|i| i.col);
    layout
}

/// A second or third quarter's report without an LK column («Thực hiện
/// quý III/2020» alone, tester CN's Phường 9) while the template has
/// header words for one: the quarter's LK is the half-year's or the nine
/// months' figure, and the area's LK (with its %KH and %CK) is left blank
/// for want of the unit's. Noted as a column the table lacks (one
/// `column-missing` warning, [`crate::reconcile::checks::check_submission`]),
/// at the header of its first figures: not an error, the quarter's TH is
/// there. A first quarter's LK is its TH ([`infer_first_quarter_lk`]); a
/// fourth quarter's is the year's (an error, [`year_end_without_lk`]).
fn quarter_without_lk(
    seen: &[bool; 6],
    period: Option<Period>,
    first_figures: Option<&(Location, Location, String)>,
    template: &Template,
    sub: &mut Submission,
) {
    let quarter = period.is_some_and(|p| matches!(p.span, PeriodSpan::Quarter(2 | 3)));
    let Some((here, _, _)) = first_figures else {
        return;
    };
    if !quarter
        || seen[ValueColumn::Lk.index()]
        || sub.rows.is_empty()
        || template.column_words(ValueColumn::Lk.as_str()).is_empty()
        || sub
            .columns_deleted
            .iter()
            .any(|(c, _, _)| *c == ValueColumn::Lk)
    {
        return;
    }
    sub.columns_deleted
        .push((ValueColumn::Lk, here.clone(), false));
}

/// A report for the year (or its fourth quarter, whose LK is the year's)
/// without an LK column ("Thực hiện quý IV/2025" alone) is not the year's
/// report: the year's figures, which the report is about, are not in it,
/// and its %KH is not LK/KH. An error at the TH header: the district's
/// year figures would lack the unit, and the file is no file to send.
/// Likewise a second quarter's report in a half-year run, a third
/// quarter's in a nine months' run: their LK is what the run is about.
fn year_end_without_lk(
    seen: &[bool; 6],
    period: Option<Period>,
    first_figures: Option<(Location, Location, String)>,
    ctx: &ReadContext,
    sub: &mut Submission,
) {
    let lang = ctx.lang;
    let Some(p) = period.filter(|p| {
        matches!(
            p.span,
            PeriodSpan::Year
                | PeriodSpan::Quarter(4)
                | PeriodSpan::FirstHalf
                | PeriodSpan::NineMonths
        )
    }) else {
        return;
    };
    let Some((gap, here, label)) = first_figures else {
        return;
    };
    if seen[ValueColumn::Lk.index()] || sub.rows.is_empty() {
        return;
    }
    // A table of stocks only (a school-year office's pupils, classes and
    // schools «Đầu năm học 2026-2027» at Q4): a stock's LK is its level at
    // the period's end, its TH, so the run lacks nothing: the LK is taken
    // from the TH and said in an info. One flow with a figure (a count
    // that adds up over the months) keeps the error: its year is unknown.
    let kind_of = |r: &TidyRow| ctx.template.indicators.get(r.ind()).map(|d| d.kind);
    let figures: Vec<&TidyRow> = sub
        .rows
        .iter()
        .filter(|r| r.column == ValueColumn::Th)
        .collect();
    let levels = |r: &&TidyRow| {
        ctx.template
            .indicators
            .get(r.ind())
            .is_some_and(|d| d.kind == crate::template::Kind::Stock && !d.opening_level())
    };
    let all_levels = !figures.is_empty()
        && figures
            .iter()
            .all(|r| levels(r) || kind_of(r) == Some(crate::template::Kind::Rate));
    let mut taken = std::collections::BTreeSet::new();
    let lk: Vec<TidyRow> = if all_levels {
        figures
            .into_iter()
            .filter(levels)
            .filter(|r| taken.insert(r.indicator))
            .map(|r| TidyRow {
                column: ValueColumn::Lk,
                ..r.clone()
            })
            .collect()
    } else {
        Vec::new()
    };
    let stocks = lk.len();
    let severity = if stocks > 0 {
        Severity::Info
    } else {
        Severity::Error
    };
    sub.rows.extend(lk);
    let said = Read::LkMissingAtYearEnd {
        cell: &here.cell,
        label: &label,
        period: p,
        stocks,
    };
    // The stocks' LK is the TH column's figures: told there; a column
    // missing, where it would be.
    let finding = Finding::said(severity, &said, lang)
        .at(if stocks > 0 { &here } else { &gap })
        .column(ValueColumn::Lk.as_str())
        .actual(label.clone());
    sub.findings.push(if stocks > 0 {
        finding.expected(lang.pick("LK = TH (chỉ tiêu thời điểm)", "LK = TH (stocks)"))
    } else {
        finding
    });
}

fn decimals_i8(d: u8) -> i8 {
    i8::try_from(d).unwrap_or(i8::MAX)
}

/// The figure a number cell states, and its decimals: the decimals it was
/// typed with, since a number format's padding zeros add no precision
/// (15,2 under `#,##0.00` states 15,2), unless the format shows fewer (15,1776
/// shown as 15,18 states 15,18: what is printed is what the report says).
fn stated_figure(value: f64, format_decimals: Option<u8>) -> (f64, u8) {
    let typed = decimals_of(value);
    match format_decimals {
        Some(shown) if shown < typed => (crate::rules::rounding::round_to(value, shown), shown),
        _ => (value, typed),
    }
}

/// Rows under the signature block that look like the table's own (they
/// match an indicator and carry figures) are not read: one `rows-ignored`
/// warning names them, so that a table cut short is seen.
fn rows_left_below(
    grid: &SheetGrid,
    signature: u32,
    layout: &TableLayout,
    value_cols: &[(u32, ValueColumn)],
    ctx: &ReadContext,
    sub: &mut Submission,
) {
    let lost: Vec<u32> = (signature + 1..grid.rows().end)
        .filter(|&r| has_figure(grid, r, value_cols, ctx.locale))
        .filter(|&r| !matches!(row_indicator(grid, layout, r, ctx), RowMatch::None))
        .collect();
    if lost.is_empty() {
        return;
    }
    let rows = lost
        .iter()
        .map(|r| (r + 1).to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let at = Location::cell(sub.file.clone(), grid.name.clone(), signature, 0);
    let said = Read::RowsIgnored {
        stop: signature + 1,
        rows: &rows,
    };
    sub.findings.push(
        Finding::said(Severity::Warning, &said, ctx.lang)
            .at(&at)
            .actual(rows),
    );
}

/// The unit stated for the whole table in a title or header cell:
/// "ĐVT: triệu đồng", "(Đơn vị tính: người)". A bare "ĐVT" is the unit
/// column's header, not a unit. Returns the cell and the unit as written.
fn header_unit(grid: &SheetGrid, layout: &TableLayout) -> Option<(u32, u32, String)> {
    for r in grid.rows().start..=layout.header_last {
        for (c, text) in grid.row_texts(r) {
            if let Some(unit) = stated_unit(&text) {
                return Some((r, c, unit));
            }
        }
    }
    figure_header_unit(grid, layout)
}

/// A money unit in brackets in the figure columns' headers ("Dự toán năm
/// 2024 (triệu đồng)", "Thực hiện (Tr.đ)"), when every figure column that
/// names one names the same: the unit of the money rows without a unit
/// of their own.
fn figure_header_unit(grid: &SheetGrid, layout: &TableLayout) -> Option<(u32, u32, String)> {
    let mut found: Option<(u32, u32, String)> = None;
    for (c, column) in layout.value_columns() {
        if column.is_percent() {
            continue;
        }
        for r in layout.header_first..=layout.header_last {
            let text = grid.text(r, c);
            let units = text
                .split('(')
                .skip(1)
                .filter_map(|s| s.split_once(')'))
                .map(|(inner, _)| inner.trim())
                .filter(|u| crate::number::money_factor(u).is_some());
            for unit in units {
                match &found {
                    None => found = Some((r, c, unit.to_string())),
                    Some((.., u)) => {
                        if crate::number::money_factor(u) != crate::number::money_factor(unit) {
                            // Columns in different units: none is the rows'.
                            return None;
                        }
                    }
                }
            }
        }
    }
    found
}

/// The unit in "ĐVT: triệu đồng" or "Đơn vị tính: người" (any case, with
/// or without accents, in brackets or not), alone in its cell or ending
/// a title or a header ("BÁO CÁO … QUÝ II/2026 (Đơn vị tính: tỷ đồng)",
/// the title's second line "ĐVT: tỷ đồng", "Nội dung (ĐVT: tỷ đồng)"):
/// the label is the last words before a colon, the unit runs to the
/// closing bracket, a semicolon or the end.
fn stated_unit(text: &str) -> Option<String> {
    for (i, _) in text.match_indices(':') {
        let (before, after) = (&text[..i], &text[i + 1..]);
        // The label's words: after the last bracket or dash before the
        // colon ("… QUÝ II/2026 (ĐVT", "Nội dung - ĐVT").
        let label = before.rsplit(['(', '[', '–', '—']).next().unwrap_or(before);
        let label = label.rsplit(" - ").next().unwrap_or(label);
        let words: Vec<String> = fold(label)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        // A bare "Đơn vị" ends other labels ("Tên đơn vị: Phường 5"): it
        // states a unit only as the whole label.
        let labelled = (1..=words.len().min(5)).any(|k| {
            let last = &words[words.len() - k..];
            is_unit_label(last)
                && (k == words.len()
                    || !matches!(last, [a, b] if a == "don" && b == "vi") && last != ["dv"])
        });
        if !labelled {
            continue;
        }
        let unit = after
            .split([')', ']', ';', '\n'])
            .next()
            .unwrap_or(after)
            .trim()
            .trim_end_matches(['.', ','])
            .trim();
        if !unit.is_empty() {
            return Some(unit.to_string());
        }
    }
    None
}

/// "dvt", "don vi tinh", "dvt tien", "don vi tien te": the label of a
/// stated unit, as folded words. "ĐVT tiền: nghìn đồng", "Đơn vị tiền
/// tệ: …" state the unit of the money rows, which are the only rows a
/// stated unit applies to.
fn is_unit_label(words: &[String]) -> bool {
    let label = words.join(" ");
    let label = ["tien te", "tien", "gia tri"]
        .iter()
        .find_map(|w| label.strip_suffix(w))
        .unwrap_or(&label)
        .trim();
    ["dvt", "don vi tinh", "don vi", "dv tinh", "dv"].contains(&label)
}

pub(crate) fn is_blank(d: &Data) -> bool {
    match d {
        Data::Empty => true,
        Data::String(s) => crate::text::clean(s).is_empty(),
        _ => false,
    }
}

/// "(1)", "(2)", "3": the column numbering row under a header.
fn is_column_number(d: &Data) -> bool {
    match d {
        Data::Int(i) => (0..=30).contains(i),
        Data::Float(f) => f.fract() == 0.0 && (0.0..=30.0).contains(f),
        Data::String(s) => {
            let t = s.trim().trim_start_matches('(').trim_end_matches(')');
            t.parse::<u32>().is_ok_and(|n| n <= 30)
                || is_column_formula(s)
                || (t.len() <= 3
                    && t.chars().all(|c| {
                        c.is_ascii_alphabetic()
                            || c == '='
                            || c == '+'
                            || c == '/'
                            || c.is_ascii_digit()
                    }))
        }
        _ => false,
    }
}

/// "(5)=(3)/(1)", "(6)=(3)/(4)-100", "7=5x100": a numbering cell that
/// says how its column is computed from others.
fn is_column_formula(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if !t.contains('=') || t.chars().count() > 30 {
        return false;
    }
    let mut letters = 0;
    t.chars().all(|c| {
        letters = if c.is_ascii_alphabetic() {
            letters + 1
        } else {
            0
        };
        letters <= 1 && (c.is_ascii_alphanumeric() || "()=+-/*×:.,%".contains(c))
    })
}

/// Whether `words` typed after a number ("75,9 ha", "24,77 Tr.đ") are the
/// row's unit `unit`: the same unit spelt the same or short, as units are
/// matched ([`is_same_unit`]), the same money unit, or the money of a
/// price per something ("24.630đ" in a row in "đồng/lít").
fn is_unit_of_row(
    words: &str,
    unit: &str,
    abbreviations: &std::collections::BTreeMap<String, String>,
) -> bool {
    matches!(unit_scales(words, unit, abbreviations), Some((a, b)) if a == b)
        || is_same_unit(words, unit, abbreviations)
        || is_money_of_price(words, unit, abbreviations)
}

/// Whether `words` are the money a price unit is counted in: "đ", "đồng",
/// "VNĐ" (or "đ/lít") for "đồng/lít"; "nghìn đ" is not "đồng/lít"'s money
/// (another scale), nor "kg" (no money at all).
fn is_money_of_price(
    words: &str,
    unit: &str,
    abbreviations: &std::collections::BTreeMap<String, String>,
) -> bool {
    let Some((money, per)) = unit.split_once('/') else {
        return false;
    };
    let Some(factor) = crate::number::money_factor(money.trim()) else {
        return false;
    };
    match words.split_once('/') {
        Some((written, written_per)) => {
            crate::number::money_factor(written.trim()) == Some(factor)
                && is_same_unit(written_per.trim(), per.trim(), abbreviations)
        }
        None => crate::number::money_factor(words.trim()) == Some(factor),
    }
}

/// Whether a row in unit `written` (blank: not said) may be a row of
/// indicator `ind`: its unit spelt another way or short, the same unit in
/// another multiple, or listed among alternatives, as the unit of a
/// matched row is read. A row in «ca» is no row of an indicator counted in
/// «trẻ», however near their names.
fn may_be_unit_of(
    written: &str,
    ind: &crate::template::Indicator,
    abbreviations: &std::collections::BTreeMap<String, String>,
) -> bool {
    let written = written.trim();
    written.is_empty()
        || fold(written) == fold(&ind.unit)
        || unit_scales(written, &ind.unit, abbreviations).is_some()
        || is_same_unit(written, &ind.unit, abbreviations)
        || lists_the_unit(written, &ind.unit, &ind.name, abbreviations)
}

/// Units that differ only in spelling ("lượt người" and "lượt", "%" and
/// "tỷ lệ %") are not worth a finding.
/// The template's abbreviations count as their words ("DN" is
/// "doanh nghiệp").
fn is_same_unit(
    a: &str,
    b: &str,
    abbreviations: &std::collections::BTreeMap<String, String>,
) -> bool {
    let a = whole_abbreviation(a, abbreviations).unwrap_or(a);
    let b = whole_abbreviation(b, abbreviations).unwrap_or(b);
    let (fa, fb) = (fold(a), fold(b));
    let expand = |f: &str| -> Vec<String> {
        f.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .flat_map(|w| {
                abbreviations.get(w).map_or_else(
                    || vec![w.to_string()],
                    |v| {
                        fold(v)
                            .split(|c: char| !c.is_alphanumeric())
                            .filter(|w| !w.is_empty())
                            .map(str::to_string)
                            .collect()
                    },
                )
            })
            .collect()
    };
    let (wa, wb) = (expand(&fa), expand(&fb));
    // "HS" for "hồ sơ", "GP" for "giấy phép": the initials of the other.
    let initials = |w: &[String]| -> String { w.iter().filter_map(|w| w.chars().next()).collect() };
    let is_initials = |short: &[String], long: &[String]| {
        long.len() >= 2 && short.len() == 1 && short[0] == initials(long)
    };
    // "lượt" for "lượt người", "hộ KD" for "hộ": the one's words begin
    // the other's.
    let begins = |short: &[String], long: &[String]| !short.is_empty() && long.starts_with(short);
    fa == fb
        || fa.replace(' ', "") == fb.replace(' ', "")
        || (fa.contains('%') && fb.contains('%'))
        || per_base(a).is_some_and(|pa| per_base(b) == Some(pa))
        || same_base(a, b)
        || same_base(b, a)
        || wa == wb
        || is_initials(&wa, &wb)
        || is_initials(&wb, &wa)
        || begins(&wa, &wb)
        || begins(&wb, &wa)
}

/// Which indicator a table's row is, by its code, name and unit: the one
/// decision every reader of a row makes (the figures read, a sheet's
/// indicators, a month's figures, the rows below a signature). A code of
/// the catalog on a row whose name and unit are another indicator's
/// altogether — an office's own numbers («1», «2», «01») or a row number
/// (STT) in the code column, «2 | Số hộ nghèo | hộ» where 2 is «Tổng vốn
/// đầu tư», triệu đồng; a form of another office whose codes look like
/// this catalog's (YT.02 «Trẻ em dưới 1 tuổi thuộc diện tiêm chủng», ĐVT
/// trẻ, against YT02 «Lượt khám bảo hiểm y tế …», lượt người) — is not
/// taken as that indicator: its figures would be counted as another's;
/// the row is matched by its name. A re-worded name or a unit of the same
/// kind keeps the code's match. Returns the match, and the indicator the
/// code was refused (with the unit written), if it was.
fn weigh_code(
    ctx: &ReadContext,
    code: &str,
    name: &str,
    written_unit: &str,
    matched: RowMatch,
) -> (RowMatch, Option<(usize, String)>) {
    let disowned = match matched {
        RowMatch::Exact(i) | RowMatch::LooseCode(i)
            if !code.is_empty()
                && !name.trim().is_empty()
                && (matches!(matched, RowMatch::LooseCode(_))
                    || ctx.indicators.by_code(code) == Some(i)) =>
        {
            ctx.template
                .indicators
                .get(i)
                .filter(|ind| {
                    units_unrelated(
                        written_unit,
                        &ind.unit,
                        &ind.name,
                        &ctx.template.settings.abbreviations,
                    ) && ctx.indicators.far_from(name, i)
                })
                .map(|_| (i, written_unit.to_string()))
        }
        _ => None,
    };
    match disowned {
        Some(d) => {
            let by_name = match ctx.indicators.match_name(name) {
                RowMatch::LooseCode(_) => RowMatch::None,
                by_name => by_name,
            };
            (by_name, Some(d))
        }
        None => (matched, None),
    }
}

/// The indicator a row of a table is, as the rows read are
/// ([`weigh_code`]): by the code in `code_col` and the name in
/// `name_col`, weighed against the unit in `unit_col`.
pub(crate) fn row_indicator(
    grid: &SheetGrid,
    layout: &TableLayout,
    r: u32,
    ctx: &ReadContext,
) -> RowMatch {
    let text = |role: Role| {
        layout
            .col(role)
            .map(|c| grid.text(r, c))
            .unwrap_or_default()
    };
    let (code, name, unit) = (text(Role::Code), text(Role::Name), text(Role::Unit));
    let (code, name) = (code.trim(), name.trim());
    if code.is_empty() && name.is_empty() {
        return RowMatch::None;
    }
    let code = (!code.is_empty()).then_some(code);
    let matched = ctx.indicators.match_row(code, name);
    weigh_code(ctx, code.unwrap_or_default(), name, &unit, matched).0
}

/// Whether a row's `written` unit has nothing to do with the catalog's
/// («trẻ» against «lượt người»): both given, neither the same unit spelt
/// otherwise, nor one in multiples of the other, nor a list holding it,
/// and no word in common. Two counts of different things, or a count
/// against a measure or a rate.
fn units_unrelated(
    written: &str,
    catalog: &str,
    name: &str,
    abbreviations: &std::collections::BTreeMap<String, String>,
) -> bool {
    if written.trim().is_empty() || catalog.trim().is_empty() {
        return false;
    }
    // The catalog's own unit (nearly every row): the same unit, without
    // the abbreviations' search (13 % of a batch's work when every row
    // went through it).
    if fold(written).trim() == fold(catalog).trim() {
        return false;
    }
    let words = |u: &str| -> Vec<String> {
        fold(u)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (ws, wc) = (words(written), words(catalog));
    !(is_same_unit(written, catalog, abbreviations)
        || unit_scales(written, catalog, abbreviations).is_some()
        || lists_the_unit(written, catalog, name, abbreviations)
        || ws.iter().any(|w| wc.contains(w)))
}

/// Whether a written unit lists the catalog's among alternatives of one
/// count, split by commas, semicolons or slashes ("Nhóm, lớp", "nhóm/lớp"
/// for "lớp"). Not when a part is a measure, money, a rate or a multiple
/// ("nghìn lớp"), nor when a slash may say "per": a slashed list counts
/// only when the indicator's name names every part ("Số nhóm, lớp mầm
/// non"), so "học sinh/lớp" (pupils per class) under "Số lớp" is not
/// the catalog's unit.
fn lists_the_unit(
    written: &str,
    catalog: &str,
    name: &str,
    abbreviations: &std::collections::BTreeMap<String, String>,
) -> bool {
    const SPLIT: [char; 3] = [',', ';', '/'];
    if !written.contains(SPLIT) || catalog.contains(SPLIT) || is_measure(catalog) {
        return false;
    }
    let parts: Vec<&str> = written.split(SPLIT).map(str::trim).collect();
    let odd = |p: &&str| {
        p.is_empty()
            || p.contains(|c: char| c.is_ascii_digit())
            || is_measure(p)
            || scaled_count(p, catalog, abbreviations).is_some()
    };
    if parts.len() < 2 || parts.iter().any(odd) || per_base(written).is_some() {
        return false;
    }
    if written.contains('/') {
        let name = fold(name);
        if !parts.iter().all(|p| name.contains(fold(p).as_str())) {
            return false;
        }
    }
    parts
        .iter()
        .any(|p| is_same_unit(p, catalog, abbreviations))
}

/// Whether `bare` names a base only («‱», «/vạn», «/10.000», «trên
/// 10.000»; «‰», «/nghìn», «/1.000») and `other` has the same base,
/// alone or per something («vụ/vạn lao động»): the rate's unit written
/// short, not another unit.
fn same_base(bare: &str, other: &str) -> bool {
    base_alone(bare).is_some_and(|n| {
        base_alone(other).or_else(|| per_base(other).map(|(_, b, _)| b)) == Some(n)
    })
}

/// The base of a unit that names nothing else: «‱» 10.000, «‰» 1.000,
/// «%» 100, «/vạn», «/10.000», «trên 10.000», «/nghìn»; `None` for any
/// other unit.
fn base_alone(unit: &str) -> Option<u64> {
    if let Some(b) = crate::number::rate_base(unit) {
        return Some(b.round() as u64);
    }
    let lower = crate::text::strip_accents(unit.trim()).to_lowercase();
    let rest = lower
        .strip_prefix('/')
        .or_else(|| lower.strip_prefix("tren "))?
        .replace(['.', ',', '\u{a0}'], "");
    let mut base: u64 = 1;
    let mut any = false;
    for w in rest.split_whitespace() {
        let factor = match w {
            "tram" => 100,
            "nghin" | "ngan" => 1_000,
            "van" => 10_000,
            "trieu" => 1_000_000,
            _ => w.parse().ok()?,
        };
        base = base.checked_mul(factor)?;
        any = true;
    }
    (any && base >= 10).then_some(base)
}

/// A unit per a number of something, its base said in digits or in words
/// ("giường/10.000 dân", "bác sĩ/1 vạn dân", "giường/vạn dân", "ca/100.000
/// dân", "/nghìn dân"): what is counted (folded), the base as a number
/// and what the base counts (folded), so that one base written two ways
/// is one unit; `None` for a unit with no such base.
fn per_base(unit: &str) -> Option<(String, u64, String)> {
    let (counted, per) = unit.rsplit_once('/')?;
    let per = per.trim();
    // The digits of the base, grouped or not ("10.000", "10 000", "1").
    let digits_end = per
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}')))
        .unwrap_or(per.len());
    let digits: String = per[..digits_end]
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let mut base: u64 = if digits.is_empty() {
        1
    } else {
        digits.parse().ok()?
    };
    let mut words: Vec<String> = fold(&per[digits_end..])
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    // The words of a multiple, first to last: "trăm nghìn", "vạn".
    let mut taken = 0;
    for w in &words {
        let factor = match w.as_str() {
            "tram" => 100,
            "nghin" | "ngan" => 1_000,
            "van" => 10_000,
            "trieu" => 1_000_000,
            _ => break,
        };
        base = base.checked_mul(factor)?;
        taken += 1;
    }
    words.drain(..taken);
    // A base is a number of something: at least a digit or a word of it,
    // and what it counts.
    if (digits.is_empty() && taken == 0) || words.is_empty() || base < 10 {
        return None;
    }
    Some((fold(counted), base, words.join(" ")))
}

/// The two units' scales when they are one unit in different multiples:
/// a rate ("%" against "‰"), money ("Tr.đ" against "tỷ đồng"), a mass or an area ("tạ" against
/// "tấn", "héc-ta" against "ha"), or a count or measure in thousands
/// ("nghìn con" against "con"); `None` when they are not.
pub(super) fn unit_scales(
    written: &str,
    catalog: &str,
    abbreviations: &std::collections::BTreeMap<String, String>,
) -> Option<(f64, f64)> {
    // A percent against a per mille ("%" on a "‰" row: ×10), or one
    // rate unit spelt two ways ("%o" and "‰"): a rate per 100 is ten of
    // one per 1.000, so the scales are the bases crossed.
    if let (Some(written), Some(catalog)) = (
        crate::number::rate_base(written),
        crate::number::rate_base(catalog),
    ) {
        return Some((catalog, written));
    }
    match (
        crate::number::money_factor(written),
        crate::number::money_factor(catalog),
    ) {
        (Some(from), Some(to)) => Some((from, to)),
        _ => measure_scales(written, catalog, abbreviations)
            .or_else(|| measure_ratio_scales(written, catalog, abbreviations))
            .or_else(|| scaled_count(written, catalog, abbreviations)),
    }
}

/// The scales of two rates of one mass over one area ("tấn/ha" and
/// "tạ/ha": 0,1 and 0,01 kg/m², so a yield in tấn/ha is ten times one in
/// tạ/ha; "kg/m²" 1), when each side of both is a unit of
/// [`MEASURES`] and the two sides measure the same things; `None` for a
/// rate of anything else ("con/hộ", "tạ/sào").
fn measure_ratio_scales(
    written: &str,
    catalog: &str,
    abbreviations: &std::collections::BTreeMap<String, String>,
) -> Option<(f64, f64)> {
    let per = |unit: &str| {
        let (top, bottom) = unit.split_once('/')?;
        let (what_top, f_top) = measure_factor(top.trim(), abbreviations)?;
        let (what_bottom, f_bottom) = measure_factor(bottom.trim(), abbreviations)?;
        Some(((what_top, what_bottom), f_top / f_bottom))
    };
    let (a, fa) = per(written)?;
    let (b, fb) = per(catalog)?;
    (a == b).then_some((fa, fb))
}

/// "×1.000", "÷1.000.000": what a converted figure was multiplied by.
/// The decimals an indicator's figures are taken to show when the
/// template gives none: as many as the consolidated workbook shows of
/// typed figures at most.
const LABEL_DECIMALS: i32 = 3;

/// The smallest figure an indicator's `decimals` show (0,1 at one
/// decimal; [`LABEL_DECIMALS`] when the template gives none).
fn smallest_shown(decimals: Option<u8>) -> f64 {
    10f64.powi(-decimals.map_or(LABEL_DECIMALS, i32::from))
}

/// Is a row's unit label doubtful? When converting by it (`factor`
/// below 1) would bring every figure of the row below half a unit of the
/// catalog's last decimal (`decimals`, [`LABEL_DECIMALS`] when the
/// template gives none) while the figures as written show in it: 146,3
/// "m2" is 0,01463 ha, shown 0,0 at one decimal; nobody reports a
/// commune's fruit area so. The largest figure and what it converts to.
fn label_doubtful(
    figures: &[(u32, ValueColumn, &Data)],
    factor: f64,
    decimals: Option<u8>,
    locale: NumberLocale,
) -> Option<(f64, f64)> {
    if factor >= 1.0 || factor <= 0.0 {
        return None;
    }
    let half = 0.5 * smallest_shown(decimals);
    let largest = figures
        .iter()
        .filter(|(_, column, _)| !column.is_percent())
        .filter_map(|(_, _, data)| match data {
            Data::Float(f) => Some(*f),
            Data::Int(i) => Some(*i as f64),
            Data::String(s) => match parse_text(s, locale) {
                NumberText::Number(p) => Some(p.value),
                _ => None,
            },
            _ => None,
        })
        .filter(|v| v.is_finite())
        .map(f64::abs)
        .reduce(f64::max)?;
    (largest >= half && largest * factor < half).then_some((largest, largest * factor))
}

/// A figure typed in another unit than its row's (`by`: what multiplies
/// it into the row's unit: "3,39%" in a row in ‰, "1,5 tấn" in a row in
/// tạ): its value and decimals in the row's unit, and the warning that
/// says so at `here`, quoting `typed`.
fn converted(
    (value, decimals): (f64, u8),
    by: f64,
    (here, typed): (&Location, &str),
    (who, ind, column): (&str, &crate::template::Indicator, ValueColumn),
    figure_unit: &str,
    lang: Lang,
) -> ((f64, u8), Finding) {
    let value = crate::number::scaled(value, by);
    let decimals =
        (i32::from(decimals) - by.log10().round() as i32).clamp(0, i32::from(u8::MAX)) as u8;
    let read = format_auto(value, 6, lang);
    let said = Read::FigureSignConverted {
        unit: who,
        cell: &here.cell,
        code: &ind.code,
        name: &ind.name,
        column,
        shown: typed.trim(),
        row_unit: figure_unit,
        read: &read,
        factor: &factor_words(by, lang),
    };
    let finding = Finding::said(Severity::Warning, &said, lang)
        .at(here)
        .indicator(ind.code.clone())
        .column(column.as_str())
        .actual(typed.trim().to_string())
        .expected(format!("{read} {figure_unit}"));
    ((value, decimals), finding)
}

fn factor_words(factor: f64, lang: Lang) -> String {
    // 1 / 1e-9 is 999.999.999,9999999 in floating point: a factor within
    // a billionth of a whole number is that number («÷1.000.000.000», not
    // «÷1.000.000.000,000000»).
    let shown = |v: f64| {
        let whole = v.round();
        let v = if (v - whole).abs() <= 1e-9 * v.abs().max(1.0) {
            whole
        } else {
            v
        };
        format_auto(v, 6, lang)
    };
    if factor >= 1.0 {
        format!("×{}", shown(factor))
    } else {
        format!("÷{}", shown(1.0 / factor))
    }
}

/// The sender as the findings of reading name it: the registry's name of
/// the unit the title names, else what the title says (intake renames it
/// when it settles another sender).
pub(super) fn sender_shown(sub: &Submission, t: &Template) -> String {
    sub.unit
        .and_then(|u| t.agencies.get(u))
        .map_or_else(|| sub.unit_text.clone(), |a| a.shown().into_owned())
}

/// The `unit-mismatch` warnings of a file's rows, one per written unit
/// and catalog unit: a form that states "ĐVT: nghìn đồng" once, or a unit
/// column that writes "ng" on every row, gets one finding naming the
/// indicators and the cells, at the first of them, not one per row. The
/// other cells are kept in `sub.unit_cells`, so that the unit's feedback
/// workbook still marks every row. An error (a row that stays out of the
/// totals) is told row by row.
fn one_unit_finding_each(sub: &mut Submission, t: &Template, lang: Lang, apart: &[usize]) {
    use crate::diagnostic::Code;
    use crate::messages::Words;
    let mut groups: Vec<((String, String), Vec<usize>)> = Vec::new();
    for (i, f) in sub.findings.iter().enumerate() {
        // A figure's own sign ("0,39%" on a row in ‰) is told at its cell
        // (it has a column); a row's unit label, once per file.
        if f.code != Code::UnitMismatch
            || f.severity != Severity::Warning
            || f.indicator.is_empty()
            || !f.column.is_empty()
            || apart.contains(&i)
        {
            continue;
        }
        let key = (fold(&f.actual), f.expected.clone());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, at)) => at.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    let who = sender_shown(sub, t);
    let mut gone = vec![false; sub.findings.len()];
    for (_, at) in groups.iter().filter(|(_, at)| at.len() > 1) {
        let first = &sub.findings[at[0]];
        let mut codes: Vec<String> = Vec::new();
        let mut cells: Vec<(String, String)> = Vec::new();
        for &i in at {
            let f = &sub.findings[i];
            if !codes.contains(&f.indicator) {
                codes.push(f.indicator.clone());
            }
            let cell = (f.sheet.clone(), f.cell.clone());
            if !cells.contains(&cell) {
                cells.push(cell);
            }
        }
        let sheets_apart = cells.iter().any(|(s, _)| *s != first.sheet);
        let names: Vec<String> = cells
            .iter()
            .map(|(s, c)| {
                if sheets_apart {
                    format!("{s}!{c}")
                } else {
                    c.clone()
                }
            })
            .collect();
        let (written, catalog) = (first.actual.as_str(), first.expected.as_str());
        let message = match unit_scales(written, catalog, &t.settings.abbreviations) {
            Some((from, to)) if from != to => Read::UnitsConverted {
                unit: &who,
                codes: &codes,
                written,
                catalog,
                factor: &factor_words(from / to, lang),
                cells: &names,
            }
            .words(lang),
            _ => Read::UnitsOtherName {
                unit: &who,
                codes: &codes,
                written,
                catalog,
                cells: &names,
            }
            .words(lang),
        };
        sub.unit_cells.push(UnitCells {
            sheet: first.sheet.clone(),
            anchor: first.cell.clone(),
            cells: cells[1..].to_vec(),
            indicators: codes.clone(),
        });
        let merged = &mut sub.findings[at[0]];
        merged.message = message;
        merged.indicator.clear();
        for &i in &at[1..] {
            gone[i] = true;
        }
    }
    let mut k = 0;
    sub.findings.retain(|_| {
        k += 1;
        !gone[k - 1]
    });
}

/// What a unit of mass or area measures and how many of its smallest
/// unit it is: "tạ" is (mass, 100) in kg, "nghìn tấn" (mass, 10⁶), "héc-ta"
/// and "ha" (area, 10⁴) in m². Only units whose factor is fixed by law
/// (Vietnamese "sào", "mẫu" differ by region and are not here); a whole
/// unit the template's `[abbreviations]` spell out ("héc-ta" = "ha") is
/// read as what it stands for.
fn measure_factor(
    unit: &str,
    abbreviations: &std::collections::BTreeMap<String, String>,
) -> Option<(&'static str, f64)> {
    let unit = whole_abbreviation(unit, abbreviations).unwrap_or(unit);
    let lower = crate::text::clean(unit).to_lowercase();
    let (scale, rest) = match lower.split_once(' ') {
        Some((first, rest)) => match fold(first).as_str() {
            "nghin" | "ngan" => (1e3, rest),
            "trieu" => (1e6, rest),
            _ => (1.0, lower.as_str()),
        },
        None => (1.0, lower.as_str()),
    };
    let compact: String = rest
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '‐' | '–'))
        .collect();
    // Accents kept: "tạ" is 100 kg, "tá" a dozen.
    let &(what, factor, _) = MEASURES
        .iter()
        .find(|(_, _, spelt)| spelt.contains(&compact.as_str()))?;
    Some((what, factor * scale))
}

/// The units of mass and area whose factor is fixed by law: what each
/// measures, its factor in the smallest unit of that (kg, m²), and how
/// clerks spell it (spaces, hyphens and dots left out, accents kept),
/// the first spelling the unit's name in messages.
const MEASURES: &[(&str, f64, &[&str])] = &[
    ("mass", 1.0, &["kg", "kilôgam", "kilogam", "kilogram"]),
    ("mass", 10.0, &["yến"]),
    ("mass", 100.0, &["tạ"]),
    ("mass", 1e3, &["tấn", "tan"]),
    ("area", 1.0, &["m²", "m2"]),
    ("area", 1e4, &["ha", "hécta", "hecta", "héctare", "hectare"]),
    ("area", 1e6, &["km²", "km2"]),
];

/// The other units of the family of the catalog's unit `catalog` a clerk
/// may type a whole row in, each with how many times the figures then
/// read too large: m² under «ha» 10.000, km² 0,01; under «tấn», kg
/// 1.000; under «tỷ đồng», triệu đồng 1.000 and đồng 10⁹. Empty for a
/// unit of no known family (a count: «hồ sơ», «vụ»). Derived from the
/// same tables the units' conversions are ([`unit_scales`]), so a row
/// typed in a unit the tool converts when it is written is recognised
/// when it is not.
pub fn kindred_units(
    catalog: &str,
    abbreviations: &std::collections::BTreeMap<String, String>,
) -> Vec<(&'static str, f64)> {
    if let Some(own) = crate::number::money_factor(catalog) {
        return [
            ("đồng", 1.0),
            ("nghìn đồng", 1e3),
            ("triệu đồng", 1e6),
            ("tỷ đồng", 1e9),
        ]
        .into_iter()
        .filter(|(_, f)| (f / own - 1.0).abs() > 1e-9)
        .map(|(name, f)| (name, own / f))
        .collect();
    }
    let Some((what, own)) = measure_factor(catalog, abbreviations) else {
        return Vec::new();
    };
    MEASURES
        .iter()
        .filter(|(w, f, _)| *w == what && (f / own - 1.0).abs() > 1e-9)
        .filter_map(|(_, f, spelt)| Some((*spelt.first()?, own / f)))
        .collect()
}

/// The scales of two units of one mass or area ("tạ" and "tấn": 100 and
/// 1.000 kg), when both are known.
fn measure_scales(
    written: &str,
    catalog: &str,
    abbreviations: &std::collections::BTreeMap<String, String>,
) -> Option<(f64, f64)> {
    let (a, fa) = measure_factor(written, abbreviations)?;
    let (b, fb) = measure_factor(catalog, abbreviations)?;
    (a == b).then_some((fa, fb))
}

/// What the template's `[abbreviations]` say a whole unit stands for:
/// "héc-ta" = "ha" (a key of several words or with a hyphen is compared
/// whole, accents, case and punctuation aside).
fn whole_abbreviation<'a>(
    unit: &str,
    abbreviations: &'a std::collections::BTreeMap<String, String>,
) -> Option<&'a str> {
    let compact = |s: &str| -> String { fold(s).chars().filter(|c| c.is_alphanumeric()).collect() };
    let unit = compact(unit);
    if unit.is_empty() {
        return None;
    }
    abbreviations
        .iter()
        .find(|(k, _)| compact(k) == unit)
        .map(|(_, v)| v.as_str())
}

/// The scales of two units of the same thing in different thousands
/// ("nghìn con" and "con": 1.000 and 1; "nghìn tấn" and "tấn"), when they
/// differ. (Money has its own scales, [`crate::number::money_factor`].)
fn scaled_count(
    written: &str,
    catalog: &str,
    abbreviations: &std::collections::BTreeMap<String, String>,
) -> Option<(f64, f64)> {
    let scale = |u: &str| -> (f64, String) {
        let f = fold(u);
        [
            ("nghin ", 1e3),
            ("ngan ", 1e3),
            ("trieu ", 1e6),
            ("ty ", 1e9),
        ]
        .iter()
        .find_map(|(w, k)| f.strip_prefix(w).map(|rest| (*k, rest.to_string())))
        .unwrap_or((1.0, f))
    };
    let ((a, wa), (b, wb)) = (scale(written), scale(catalog));
    (a != b && !wa.is_empty() && is_same_unit(&wa, &wb, abbreviations)).then_some((a, b))
}

/// Whether indicator `i` counts things in whole units: indicators.csv
/// says `decimals` 0, or says nothing and its unit names what is counted
/// («hồ sơ», «người», «vụ»), no measure ([`is_measure`]).
fn counts_whole(t: &Template, i: usize) -> bool {
    t.counted_exactly(i)
        || t.indicators.get(i).is_some_and(|ind| {
            ind.decimals.is_none()
                && ind.kind != crate::template::Kind::Rate
                && !ind.unit.trim().is_empty()
                && !is_measure(&ind.unit)
        })
}

/// Whether `text` is a whole number with a comma then exactly three digits
/// («1,180», «12,500»): an English thousands separator.
fn comma_thousands(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_prefix('-').unwrap_or(t);
    match t.split_once(',') {
        Some((head, tail)) => {
            !head.is_empty()
                && head.len() <= 3
                && head.chars().all(|c| c.is_ascii_digit())
                && tail.len() == 3
                && tail.chars().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// A unit of measure (money, a percent, area, length, mass, volume,
/// energy, time), as opposed to the name of what is counted ("hồ sơ",
/// "xe", "lượt người"): figures in another measure are not the catalog's.
fn is_measure(unit: &str) -> bool {
    if crate::number::money_factor(unit).is_some()
        || crate::number::rate_base(unit).is_some()
        || unit.contains('%')
        || unit.contains('‰')
    {
        return true;
    }
    let compact: String = fold(unit)
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '²' || *c == '³')
        .collect();
    [
        "ha", "m", "m2", "m²", "m3", "m³", "km", "km2", "km²", "kg", "g", "tan", "ta", "yen",
        "lit", "l", "kwh", "kw", "mw", "mwh", "usd", "trieuusd", "gio", "phut", "ngay", "thang",
        "nam", "sao", "mau",
    ]
    .contains(&compact.as_str())
}

/// The info about rows read as parts of the indicator above them: one per
/// row while they are few, else one for the file naming the first few (a
/// form writing every level's row as "- Mầm non", "- Tiểu học" under each
/// total gave 13 infos a file).
fn parts_note(parts: &[(Location, String, usize)], t: &Template, lang: Lang) -> Vec<Finding> {
    /// At most this many are told one by one.
    const ONE_BY_ONE: usize = 3;
    if parts.len() <= ONE_BY_ONE {
        return parts
            .iter()
            .map(|(at, name, i)| {
                let ind = &t.indicators[*i];
                let said = Said::NamePart {
                    name,
                    code: &ind.code,
                    catalog: &ind.name,
                };
                Finding::said(Severity::Info, &said, lang)
                    .at(at)
                    .indicator(ind.code.clone())
                    .expected(ind.name.clone())
                    .actual(name.clone())
            })
            .collect();
    }
    let mut examples: Vec<String> = parts
        .iter()
        .take(ONE_BY_ONE)
        .map(|(_, name, i)| {
            let ind = &t.indicators[*i];
            format!("«{name}» → {} «{}»", ind.code, ind.name)
        })
        .collect();
    examples.push("…".into());
    let examples = examples.join("; ");
    let said = Said::NameParts {
        count: parts.len(),
        examples: &examples,
    };
    vec![Finding::said(Severity::Info, &said, lang)
        .at(&parts[0].0)
        .actual(parts.len().to_string())]
}

/// The info for a percent or rate cell showing Excel's error `shown`
/// (its own error value, or the same typed as text): nothing to fix, the
/// checks and totals recompute it.
fn percent_error(
    here: &Location,
    ind: &crate::template::Indicator,
    column: ValueColumn,
    shown: &str,
    lang: Lang,
) -> Finding {
    let said = Read::PercentError {
        cell: &here.cell,
        code: &ind.code,
        name: &ind.name,
        column,
        shown,
    };
    Finding::said(Severity::Info, &said, lang)
        .at(here)
        .indicator(ind.code.clone())
        .column(column.as_str())
        .actual(shown)
}

/// Excel's error values as the text a cell shows ("#DIV/0!", "#VALUE!",
/// "#N/A"…), as an export from another program writes them.
fn is_excel_error_text(s: &str) -> bool {
    matches!(
        s.trim().to_ascii_uppercase().as_str(),
        "#DIV/0!" | "#DIV/0" | "#VALUE!" | "#N/A" | "#REF!" | "#NAME?" | "#NUM!" | "#NULL!"
    )
}

#[cfg(test)]
mod tests {
    /// A suggestion is near in the name's own words, not in the "ubnd
    /// xa" every line of a commune opens with: «UBND XÃ MINH SƠN» is no
    /// slip of «UBND xã Vĩnh Lộc»; «THÔN BẮC SƠM» is one of Thôn Bắc Sơn.
    #[test]
    fn a_suggested_name_is_near_in_its_own_words() {
        assert!(!super::own_words_near(
            "ubnd xa minh son",
            "ubnd xa vinh loc"
        ));
        assert!(!super::own_words_near(
            "ubnd xa minh son",
            "ubnd xa binh minh"
        ));
        assert!(super::own_words_near("thon bac som", "thon bac son"));
        assert!(super::own_words_near("thon trung tam", "thon trung"));
    }

    /// A place named with its kind heads a unit's column; social words
    /// and figure columns do not.
    #[test]
    fn place_named_by_kind() {
        for yes in [
            "Phường Phố Hiến",
            "Xã Văn Giang",
            "Thị trấn Như Quỳnh",
            "Huyện Ân Thi",
            "XÃ ÂN THI",
        ] {
            assert!(names_a_place_by_kind(yes), "{yes}");
        }
        for no in [
            "Xã hội",
            "Xã Hội",
            "xã văn giang",
            "Phường",
            "Sở Y tế",
            "Thực hiện quý III",
        ] {
            assert!(!names_a_place_by_kind(no), "{no}");
        }
    }

    use super::*;

    #[test]
    fn a_converted_figure_is_written_with_the_decimals_it_needs() {
        let row = |value: f64, decimals: i8| TidyRow {
            value,
            indicator: 0,
            row: 0,
            col: 0,
            sheet: 0,
            column: ValueColumn::Lk,
            decimals,
        };
        // 2.537.499.999 đồng in triệu đồng: 2.537,5 to three decimals.
        assert_eq!(row(2537.499999, 6).written_decimals(3), 1);
        // 307.000.000 đồng: 307.
        assert_eq!(row(-307.0, 6).written_decimals(3), 0);
        // 1.234,56 typed: two; 162,82 tỷ đồng (162.820 triệu, −1): none.
        assert_eq!(row(1234.56, 2).written_decimals(3), 2);
        assert_eq!(row(162820.0, -1).written_decimals(3), 0);
        // Many decimals shown rounded count as shown.
        assert_eq!(row(15.1776, 2).written_decimals(3), 2);
        assert_eq!(row(0.123456, 6).written_decimals(3), 3);
    }

    /// Lines citing a document name its author; titles, letterheads and
    /// a "Thực hiện" column label do not cite one.
    #[test]
    fn a_line_citing_a_document_is_told_from_a_title() {
        for cited in [
            "(Ban hành kèm theo Công văn số 1234/SNNMT-KHTC ngày 05/9/2025 của Sở Nông nghiệp và Môi trường tỉnh Bình Sơn)",
            "Kèm theo Quyết định số 12/QĐ-UBND của UBND tỉnh",
            "(Theo hướng dẫn tại Công văn số 56/CCCNTY-DT ngày 02/9/2025 của Chi cục Chăn nuôi và Thú y)",
            "Theo Công văn số 56 của Chi cục Thống kê",
            "Thực hiện Kế hoạch số 45/KH-SNNMT của Sở Nông nghiệp và Môi trường",
            "Căn cứ Thông tư số 01/2025/TT-BNNMT",
            "Báo cáo theo Công văn số 1234/SNNMT-KHTC của Sở Nông nghiệp và Môi trường",
            "Phúc đáp Công văn số 56/CCCNTY-DT ngày 02/9/2025 của Chi cục Chăn nuôi và Thú y",
            "Triển khai Kế hoạch số 45/KH-SNNMT của Sở Nông nghiệp và Môi trường",
            "(Số liệu gửi Sở Nông nghiệp và Môi trường tổng hợp)",
            "Báo cáo gửi Chi cục Chăn nuôi và Thú y",
            "Phúc đáp hướng dẫn của Sở",
        ] {
            assert!(cites_document(cited), "{cited}");
        }
        for title in [
            "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
            "CHI CỤC CHĂN NUÔI VÀ THÚ Y",
            "UBND XÃ BÌNH MINH",
            "BIỂU SỐ LIỆU NÔNG NGHIỆP VÀ MÔI TRƯỜNG QUÝ III/2025",
            "Thực hiện quý III",
            "Kính gửi: Sở Nông nghiệp và Môi trường",
            "UBND XÃ BÌNH MINH GỬI BÁO CÁO",
            "Số: 123/BC-UBND",
            "TRƯỜNG TIỂU HỌC SỐ 2",
        ] {
            assert!(!cites_document(title), "{title}");
        }
    }

    #[test]
    fn a_sheet_name_says_its_period_however_written() {
        let q2 = Some(Period::quarter(2025, 2));
        for name in ["Q2", "Quý 2", "QII", "Quý II", "Q2-2025", "Quý 2.2025"] {
            assert_eq!(sheet_name_period(name, 2025), q2, "{name}");
        }
        let june = Some(Period {
            year: 2025,
            span: PeriodSpan::Month(6),
        });
        assert_eq!(sheet_name_period("T6/2025", 2025), june);
        assert_eq!(sheet_name_period("Tháng 6", 2025), june);
        for name in ["Biểu 01 - Kinh tế", "Q2 (cũ)", "TH", "Sheet1"] {
            assert_eq!(sheet_name_period(name, 2025), None, "{name}");
        }
    }

    #[test]
    fn section_rows_are_told_from_indicators() {
        for (numbering, name) in [
            ("I", "TRỒNG TRỌT"),
            ("II.", "Chăn nuôi"),
            ("", "I. TRỒNG TRỌT"),
            ("", "II - CHĂN NUÔI"),
            ("", "IV) Dịch vụ"),
        ] {
            assert!(is_section_row(&[numbering], name), "{numbering} {name}");
        }
        for (numbering, name) in [
            ("", "TRỒNG TRỌT"),
            ("", "Lúa"),
            ("", "VI khuẩn"),
            ("", "I"),
            ("i", "Diện tích lúa"),
            ("1.1", "Diện tích lúa"),
            ("", "L. Diện tích lúa"),
        ] {
            assert!(!is_section_row(&[numbering], name), "{numbering} {name}");
        }
    }

    #[test]
    fn total_lines_are_told_from_indicators() {
        for name in [
            "Cộng",
            "Tổng cộng",
            "TỔNG CỘNG (I + II)",
            "Cộng (a+b)",
            "Cộng giải ngân (1+2+3+4)",
            "Tổng cộng (3.1 + 3.2 + 3.3)",
            "Tổng số",
            "Cộng:",
            "Tổng",
        ] {
            assert!(is_total_row(name), "{name}");
        }
        for name in [
            "Tổng số hộ gia đình",
            "Cộng tác viên",
            "Công trình",
            "Tổng thu ngân sách",
            "Tổng thu ngân sách (1+2+3)",
            "Cộng tác viên (nam)",
            "Công an phường (1+2)",
            "",
        ] {
            assert!(!is_total_row(name), "{name}");
        }
    }

    /// One column of texts, decoded as a sheet without fonts would be.
    fn decoded(texts: &[&str]) -> (Vec<String>, usize) {
        let rows = texts
            .iter()
            .map(|t| vec![Data::String((*t).to_string())])
            .collect();
        let mut grid = SheetGrid::from_rows("S", rows);
        let mut found = std::collections::BTreeSet::new();
        decode_legacy(&mut grid, None, &mut found);
        let texts = (0..texts.len() as u32).map(|r| grid.text(r, 0)).collect();
        (texts, found.len())
    }

    #[test]
    fn a_sheet_typed_in_tcvn3_decodes_the_cells_its_content_cannot() {
        // "hé" and "cuéc" are syllables as written and in TCVN3 alike;
        // "Tæng sè" reads as Vietnamese in TCVN3 and in VNI. The sheet's
        // other cells are TCVN3 beyond doubt.
        let sheet = [
            "Sè hé gia ®×nh nghÌo",
            "Sè ng\u{ad}êi ®\u{ad}îc c¸ch ly",
            "hé",
            "cuéc",
            "Tæng sè",
            "café",
            "m²",
        ];
        let (texts, found) = decoded(&sheet);
        assert_eq!(found, 1);
        assert_eq!(
            texts,
            [
                "Số hộ gia đình nghèo",
                "Số người được cách ly",
                "hộ",
                "cuộc",
                "Tổng số",
                "café",
                "m²"
            ]
        );
    }

    /// Regression (tester CJ): a TCVN3 CSV's unit header «®vt» (đvt) and
    /// «§VT» (ĐVT) are no syllables, so they stayed raw, the unit column
    /// was not found and 8.000.000 đồng was added as triệu đồng. On a
    /// sheet decided TCVN3, a letter only TCVN3 writes that way decides.
    #[test]
    fn a_tcvn3_sheet_decodes_its_abbreviations() {
        let sheet = [
            "Sè hé gia ®×nh nghÌo",
            "Sè ng\u{ad}êi ®\u{ad}îc c¸ch ly",
            "®vt",
            "§VT",
            "§VT: triÖu ®ång",
            // Near misses: symbols of Unicode text, Latin-1 words.
            "m²",
            "25 °C",
            "2×3",
            "café",
            "© 2020",
        ];
        let (texts, found) = decoded(&sheet);
        assert_eq!(found, 1);
        assert_eq!(
            texts[2..],
            [
                "đvt",
                "ĐVT",
                "ĐVT: triệu đồng",
                "m²",
                "25 °C",
                "2×3",
                "café",
                "© 2020"
            ]
        );
        // A word that may be Unicode as written leaves its cell.
        let (texts, _) = decoded(&[
            "Sè hé gia ®×nh nghÌo",
            "Sè ng\u{ad}êi ®\u{ad}îc c¸ch ly",
            "Công ty ABC®",
        ]);
        assert_eq!(texts[2], "Công ty ABC®");
        // Not on a sheet with Unicode Vietnamese, nor on one that is not
        // decided TCVN3.
        let (texts, _) = decoded(&["Phường 5", "Số hộ", "Công ty ABC®", "ABC®", "®vt"]);
        assert_eq!(texts[2..], ["Công ty ABC®", "ABC®", "®vt"]);
        let (texts, found) = decoded(&["ABC®", "®vt", "§VT"]);
        assert_eq!(
            (&texts[..], found),
            (&["ABC®", "®vt", "§VT"].map(String::from)[..], 0)
        );
    }

    #[test]
    fn without_enough_evidence_the_undecided_cells_stay_as_written() {
        // One decided cell only.
        let (texts, _) = decoded(&["Sè hé gia ®×nh nghÌo", "hé"]);
        assert_eq!(texts[1], "hé");
        // Unicode Vietnamese on the sheet: a mixed sheet, where "hé" may be
        // typed in Unicode.
        let (texts, _) = decoded(&[
            "Sè hé gia ®×nh nghÌo",
            "Sè ng\u{ad}êi ®\u{ad}îc c¸ch ly",
            "Phường 5",
            "hé",
        ]);
        assert_eq!(texts[3], "hé");
        // No legacy text at all.
        let (texts, found) = decoded(&["Số hộ", "café", "hé"]);
        assert_eq!((texts[2].as_str(), found), ("hé", 0));
    }

    #[test]
    fn a_figure_states_the_decimals_it_was_typed_with() {
        // Padding zeros of the format add no precision.
        assert_eq!(stated_figure(15.2, Some(2)), (15.2, 1));
        assert_eq!(stated_figure(61.0, Some(2)), (61.0, 0));
        // A format showing fewer decimals states the rounded figure.
        assert_eq!(stated_figure(15.1776, Some(2)), (15.18, 2));
        assert_eq!(stated_figure(68.217054263, Some(0)), (68.0, 0));
        // General format: as typed.
        assert_eq!(stated_figure(17.29, None), (17.29, 2));
    }

    #[test]
    fn a_base_in_digits_or_in_words_is_one_unit() {
        let t = crate::template::Template::builtin().unwrap();
        let abbr = &t.settings.abbreviations;
        for (a, b) in [
            ("giường/10.000 dân", "giường/vạn dân"),
            ("bác sĩ/1 vạn dân", "bác sĩ/vạn dân"),
            ("Bác sĩ / 10000 dân", "bác sĩ/vạn dân"),
            ("ca/1.000 dân", "ca/nghìn dân"),
            ("ca/1000 dân", "ca/ngàn dân"),
            ("ca/100.000 dân", "ca/trăm nghìn dân"),
            ("ca/100.000 dân", "ca/10 vạn dân"),
        ] {
            assert!(is_same_unit(a, b, abbr), "{a} = {b}");
            assert_eq!(unit_scales(a, b, abbr), None, "{a} = {b}");
        }
        // Near misses: another base, another thing counted or per.
        for (a, b) in [
            ("giường/1.000 dân", "giường/vạn dân"),
            ("bác sĩ/nghìn dân", "bác sĩ/vạn dân"),
            ("giường/vạn dân", "bác sĩ/vạn dân"),
            ("giường/10.000 hộ", "giường/vạn dân"),
            ("người/km2", "người/ha"),
        ] {
            assert!(!is_same_unit(a, b, abbr), "{a} ≠ {b}");
        }
    }

    #[test]
    fn a_unit_listing_the_catalogs_among_alternatives_is_the_catalogs() {
        let t = crate::template::Template::builtin().unwrap();
        let abbr = &t.settings.abbreviations;
        let name = "Số nhóm, lớp mầm non";
        assert!(lists_the_unit("Nhóm, lớp", "lớp", name, abbr));
        assert!(lists_the_unit("nhóm; lớp", "lớp", "Số lớp", abbr));
        assert!(lists_the_unit("Nhóm/lớp", "lớp", name, abbr));
        // Near misses: one other name, the catalog's unit absent, a slash
        // that may say "per", a multiple, a measure.
        assert!(!lists_the_unit("nhóm", "lớp", name, abbr));
        assert!(!lists_the_unit("Nhóm, trẻ", "lớp", name, abbr));
        assert!(!lists_the_unit("học sinh/lớp", "lớp", "Số lớp", abbr));
        assert!(!lists_the_unit(
            "học sinh/lớp",
            "học sinh",
            "Số học sinh",
            abbr
        ));
        assert!(!lists_the_unit("nghìn lớp, nhóm", "lớp", name, abbr));
        assert!(!lists_the_unit("lớp, ha", "lớp", name, abbr));
        assert!(!lists_the_unit(
            "giường/vạn dân",
            "giường",
            "Số giường bệnh",
            abbr
        ));
    }

    #[test]
    fn units_written_short_are_the_same_unit() {
        let t = crate::template::Template::builtin().unwrap();
        let abbr = &t.settings.abbreviations;
        assert!(is_same_unit("DN", "doanh nghiệp", abbr));
        assert!(is_same_unit("HKD", "hộ kinh doanh", abbr));
        assert!(is_same_unit("lượt  người", "lượt người", abbr));
        assert!(!is_same_unit("DN", "hộ", abbr));
        assert!(!is_same_unit("USD", "triệu đồng", abbr));
        // Initials, and words that begin the other's.
        assert!(is_same_unit("HS", "hồ sơ", abbr));
        assert!(is_same_unit("GP", "giấy phép", abbr));
        assert!(is_same_unit("lượt", "lượt người", abbr));
        assert!(is_same_unit("hộ KD", "hộ", abbr));
        assert!(!is_same_unit("người", "lượt người", abbr));
        assert!(!is_same_unit("chiếc", "xe", abbr));
        assert!(!is_same_unit("H", "hồ sơ", abbr));
        // What is counted, against a measure.
        assert!(!is_measure("chiếc") && !is_measure("Đơn thư") && !is_measure("lượt người"));
        assert!(is_measure("ha") && is_measure("m²") && is_measure("Tr.đ") && is_measure("%"));
        assert!(is_measure("Tấn") && is_measure("kWh"));
        // A count in thousands.
        assert_eq!(scaled_count("nghìn con", "con", abbr), Some((1e3, 1.0)));
        assert_eq!(scaled_count("con", "nghìn con", abbr), Some((1.0, 1e3)));
        assert_eq!(
            scaled_count("Ngàn lượt", "lượt người", abbr),
            Some((1e3, 1.0))
        );
        assert_eq!(scaled_count("con", "con", abbr), None);
        assert_eq!(scaled_count("nghìn tấn", "tấn", abbr), Some((1e3, 1.0)));
        assert_eq!(scaled_count("nghìn tấn", "ha", abbr), None);
        assert_eq!(scaled_count("nghìn con", "hộ", abbr), None);
    }

    /// Masses and areas convert within their family by the legal factor;
    /// "tá" (a dozen) is not "tạ", and a mass is never an area.
    #[test]
    fn a_mass_or_an_area_converts_within_its_family() {
        let none = std::collections::BTreeMap::new();
        assert_eq!(measure_scales("tạ", "tấn", &none), Some((100.0, 1e3)));
        assert_eq!(measure_scales("Yến", "tạ", &none), Some((10.0, 100.0)));
        assert_eq!(measure_scales("kg", "tấn", &none), Some((1.0, 1e3)));
        assert_eq!(measure_scales("nghìn tấn", "tạ", &none), Some((1e6, 100.0)));
        assert_eq!(measure_scales("héc-ta", "ha", &none), Some((1e4, 1e4)));
        assert_eq!(
            kindred_units("ha", &none),
            [("m²", 1e4), ("km²", 1e-2)].to_vec()
        );
        assert_eq!(
            kindred_units("tỷ đồng", &none),
            [("đồng", 1e9), ("nghìn đồng", 1e6), ("triệu đồng", 1e3)].to_vec()
        );
        assert!(kindred_units("hồ sơ", &none).is_empty());
        assert_eq!(measure_scales("Hecta", "ha", &none), Some((1e4, 1e4)));
        assert_eq!(measure_scales("m²", "ha", &none), Some((1.0, 1e4)));
        assert_eq!(measure_scales("km2", "ha", &none), Some((1e6, 1e4)));
        assert_eq!(measure_scales("tá", "tấn", &none), None);
        assert_eq!(measure_scales("tấn", "ha", &none), None);
        assert_eq!(measure_scales("sào", "ha", &none), None);
        assert_eq!(measure_scales("tạ/ha", "tấn/ha", &none), None);
    }

    /// A percent against a per mille is ×10 (the factor is written over
    /// catalog); two spellings of one rate unit are one scale (nothing to
    /// convert, nothing to say); a rate whose base is in words is no
    /// rate unit, and "%" against it is not converted.
    #[test]
    fn rate_units_convert_by_their_scale() {
        let none = std::collections::BTreeMap::new();
        let factor = |a: &str, b: &str| unit_scales(a, b, &none).map(|(f, t)| f / t);
        assert_eq!(factor("%", "‰"), Some(10.0));
        assert_eq!(factor("‰", "%"), Some(0.1));
        assert_eq!(factor("%o", "‰"), Some(1.0));
        assert_eq!(factor("o/oo", "‰"), Some(1.0));
        assert_eq!(factor("phần nghìn", "‰"), Some(1.0));
        assert_eq!(factor("phần trăm", "%"), Some(1.0));
        assert_eq!(factor("%", "bác sĩ/vạn dân"), None);
        // A yield of a mass over an area, in other multiples of either.
        let near =
            |a: &str, b: &str, x: f64| factor(a, b).is_some_and(|f| (f / x - 1.0).abs() < 1e-9);
        assert!(near("tấn/ha", "tạ/ha", 10.0));
        assert!(near("Tấn / ha", "tạ/ha", 10.0));
        assert!(near("kg/ha", "tạ/ha", 0.01));
        assert!(near("kg/m2", "tạ/ha", 100.0));
        assert!(near("tạ/héc-ta", "tạ/ha", 1.0));
        // Near misses: a side the tool cannot convert, or measuring
        // another thing.
        assert_eq!(factor("tạ/sào", "tạ/ha"), None);
        assert_eq!(factor("tấn/tấn", "tạ/ha"), None);
        assert_eq!(factor("con/ha", "tạ/ha"), None);
        assert_eq!(factor("tấn", "tạ/ha"), None);
        assert!(!is_same_unit("%", "bác sĩ/vạn dân", &none));
        // A base written alone is the rate's unit written short (tester
        // CU: «‱» on a «vụ/vạn lao động» row was an error, the row
        // dropped); another base is not.
        for short in ["‱", "/vạn", "/10.000", "trên 10.000", "phần vạn"] {
            assert!(is_same_unit(short, "vụ/vạn lao động", &none), "{short}");
            assert!(is_same_unit("vụ/10.000 lao động", short, &none), "{short}");
        }
        for short in ["/nghìn", "/1.000", "trên 1.000"] {
            assert!(is_same_unit(short, "‰", &none), "{short}");
        }
        assert!(!is_same_unit("‰", "vụ/vạn lao động", &none));
        assert!(!is_same_unit("/nghìn", "vụ/vạn lao động", &none));
        assert!(is_measure("%o") && is_measure("phần nghìn") && is_measure("‱"));
    }

    /// A price typed with its money ("24.630đ", "24.160 đ", "24.630
    /// đ/lít") in a row in đồng/lít is the row's unit; another scale of
    /// money, or no money, is not.
    #[test]
    fn a_price_typed_with_its_money_is_the_rows_unit() {
        let none = std::collections::BTreeMap::new();
        for words in ["đ", "đồng", "VNĐ", "vnd", "đ/lít", "đồng/lít"] {
            assert!(is_unit_of_row(words, "đồng/lít", &none), "{words}");
        }
        assert!(is_unit_of_row("đ", "Đồng/kg", &none));
        assert!(is_unit_of_row("nghìn đ", "nghìn đồng/kg", &none));
        for words in ["kg", "nghìn đ", "triệu đồng", "đ/kg", "lít"] {
            assert!(!is_unit_of_row(words, "đồng/lít", &none), "{words}");
        }
        assert!(!is_unit_of_row("đ", "người", &none));
    }

    /// `[abbreviations] "héc-ta" = "ha"`: a key with a hyphen or several
    /// words is compared whole.
    #[test]
    fn an_abbreviation_of_several_words_names_a_whole_unit() {
        let abbr: std::collections::BTreeMap<String, String> = [
            ("héc-ta".to_string(), "ha".to_string()),
            ("ng".to_string(), "người".to_string()),
            ("lượt ng".to_string(), "lượt người".to_string()),
        ]
        .into();
        assert!(is_same_unit("Héc-ta", "ha", &abbr));
        assert!(is_same_unit("Héc ta", "ha", &abbr));
        assert!(is_same_unit("ng", "người", &abbr));
        assert!(is_same_unit("lượt ng", "lượt người", &abbr));
        assert!(!is_same_unit(
            "héc-ta",
            "ha",
            &std::collections::BTreeMap::new()
        ));
        assert_eq!(whole_abbreviation("HÉC-TA", &abbr), Some("ha"));
        assert_eq!(whole_abbreviation("héc", &abbr), None);
    }

    #[test]
    fn numbering_cells_with_their_formula_are_column_numbers() {
        for t in [
            "(5)=(3)/(1)",
            "(6)=(3)/(4)-100",
            "7 = 5 x 100",
            "(4)=(2)+(3)",
            "C",
            "(12)",
        ] {
            assert!(is_column_number(&Data::String(t.into())), "{t}");
        }
        for t in [
            "Tăng = 5",
            "x=khoảng 20",
            "12.480",
            "(5)=(3)/(1) theo hướng dẫn của sở",
        ] {
            assert!(!is_column_number(&Data::String(t.into())), "{t}");
        }
    }

    #[test]
    fn a_unit_stated_for_the_table_is_found() {
        assert_eq!(
            stated_unit("ĐVT: triệu đồng").as_deref(),
            Some("triệu đồng")
        );
        assert_eq!(
            stated_unit("(Đơn vị tính: người)").as_deref(),
            Some("người")
        );
        assert_eq!(stated_unit("dvt : Tỷ đồng.").as_deref(), Some("Tỷ đồng"));
        // The unit column's header and other colons are not units.
        assert_eq!(
            stated_unit("ĐVT tiền: nghìn đồng").as_deref(),
            Some("nghìn đồng")
        );
        assert_eq!(
            stated_unit("Đơn vị tiền tệ: triệu đồng").as_deref(),
            Some("triệu đồng")
        );
        assert_eq!(stated_unit("Tiền: nghìn đồng"), None);
        assert_eq!(stated_unit("ĐVT"), None);
        assert_eq!(stated_unit("Ghi chú: số liệu ước"), None);
        assert_eq!(stated_unit("ĐVT:"), None);
        // In a title or a header cell, after its words.
        assert_eq!(
            stated_unit("BÁO CÁO THU, CHI NGÂN SÁCH QUÝ II/2026 (Đơn vị tính: tỷ đồng)").as_deref(),
            Some("tỷ đồng")
        );
        assert_eq!(
            stated_unit("BÁO CÁO THU, CHI NGÂN SÁCH QUÝ II/2026 ĐVT: tỷ đồng").as_deref(),
            Some("tỷ đồng")
        );
        assert_eq!(
            stated_unit("Nội dung (ĐVT: tỷ đồng)").as_deref(),
            Some("tỷ đồng")
        );
        assert_eq!(
            stated_unit("Biểu số 01 - Đơn vị tính: triệu đồng; kỳ: quý II").as_deref(),
            Some("triệu đồng")
        );
        // A label in the words is not a unit stated: "đơn vị" before the
        // colon is another phrase's end.
        assert_eq!(stated_unit("Tên đơn vị báo cáo: UBND xã"), None);
        assert_eq!(stated_unit("Tên đơn vị: Phường 5"), None);
        assert_eq!(stated_unit("Đơn vị: tỷ đồng").as_deref(), Some("tỷ đồng"));
        assert_eq!(stated_unit("Ghi chú (số liệu ước): tạm tính"), None);
    }

    /// The factor of đồng to tỷ đồng was printed «÷1.000.000.000,000000»
    /// (1 / 1e-9 in floating point); a factor with a real fraction keeps it.
    #[test]
    fn conversion_factors_print_without_trailing_zeros() {
        assert_eq!(factor_words(1e-9, Lang::Vi), "÷1.000.000.000");
        assert_eq!(factor_words(1e-6, Lang::Vi), "÷1.000.000");
        assert_eq!(factor_words(1e-3, Lang::En), "÷1,000");
        assert_eq!(factor_words(1000.0, Lang::Vi), "×1.000");
        assert_eq!(factor_words(1e9, Lang::Vi), "×1.000.000.000");
        assert_eq!(factor_words(2.5, Lang::Vi), "×2,5");
    }
}
