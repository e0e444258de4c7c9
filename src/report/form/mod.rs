//! The blank form a unit fills each period (`tonghop template`): one
//! workbook per reporting unit of the registry, made from the template, so
//! that what comes back is read exactly and half the mistakes cannot be
//! typed at all.
//!
//! ```text
//! Biểu số liệu   protected without a password: only the white cells take input
//!   1  UBND PHƯỜNG 5                      a department: UBND QUẬN / PHÒNG TÀI CHÍNH - KẾ HOẠCH
//!   3  BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ I/2020
//!   4  (Ô nền trắng: … ; ô nền xám: …)
//!   6  Mã số | Chỉ tiêu | ĐVT | Kế hoạch năm 2020 | Thực hiện quý I/2020 | Lũy kế từ đầu năm
//!        | Cùng kỳ năm 2019 | % so với KH | Tăng, giảm so với cùng kỳ (%) | Ghi chú
//!        | I. KINH TẾ                                          a section of groups.csv
//!   KT03 | Doanh nghiệp … | doanh nghiệp | ▢ | ▢ | ▢=TH | ▢ | ░=LK/KH | ░=LK/CK | ▢
//!   HC05 | Tỷ lệ hồ sơ … | %            | ░ | ░=HC03/HC02 | ░ | ░ | ░ | ░ | ▢
//!                                               ……, ngày … tháng … năm 2020
//!        NGƯỜI LẬP BIỂU                         THỦ TRƯỞNG ĐƠN VỊ
//!        (Ký, ghi rõ họ tên)                    (Ký tên, đóng dấu)
//! Nhiệm vụ       departments: TT | Nội dung | Tiến độ | Cơ quan chủ trì | Cơ quan phối hợp | Lĩnh vực
//! Hướng dẫn      how to fill the form, in the registry's own words
//! tonghop        hidden, protected: the stamp (normalize::stamp), the drop-down lists
//! ```
//!
//! ▢ an input cell (unlocked, validated: a number, not below zero unless the
//! template lets the indicator be negative, whole for the indicators the
//! consolidated workbook shows without decimals), with an input message;
//! ░ a computed or not applicable cell (grey, locked). In a first quarter
//! LK is `=TH` but unlocked, so that a unit whose cumulative figure differs
//! types over it. %KH, %CK and every rate whose operands are on the form
//! are formulas, rounded to the two decimals they show. Which indicators
//! a unit gets is [`Template::must_report`], the rule that decides what a
//! consolidation misses (`indicator-missing`).
//!
//! The sheets print as the consolidated workbook's do: A4 landscape (the
//! instructions portrait) at the scale that fits the page width, never
//! below a readable one ([`crate::report::pages`]), the title and header
//! repeated on every page and the sheet's own "Trang n" at the foot, in
//! Times New Roman with every row as tall as its wrapped text
//! ([`crate::report::fit`]). A section's heading never ends a page, and
//! the signature block prints with the last two indicators.

mod instructions;
mod tasks;

use crate::annex::settings::AnnexSettings;
use crate::annex::workbook::{DEFAULT_COLUMN_PX, DEFAULT_ROW_PX};
use crate::diagnostic::{a1, column_letters, Lang};
use crate::error::Fatal;
use crate::model::{roman, Period, PeriodSpan, ValueColumn};
use crate::normalize::stamp::{self, FormStamp};
use crate::report::atomic::write_atomic;
use crate::report::fit::{Columns, Font};
use crate::report::layout::FONT;
use crate::report::pages::{lay_out, PrintedRows};
use crate::report::workbook::{print_setup, quantity_format, SUMMARY_PAPER};
use crate::rules::expr::{parse, Rule};
use crate::template::{AgencyKind, CkConvention, Kind, Template, TemplateError};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Formula,
    ProtectionOptions, Worksheet, XlsxError,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// Times New Roman throughout ([`FONT`]); 13 is the workbook's own
/// ("Normal") font, as the annex's ([`DEFAULT_ROW_PX`],
/// [`DEFAULT_COLUMN_PX`]), so that column widths measure alike in Excel
/// and LibreOffice; the cells are 12.
const DEFAULT_SIZE: f64 = 13.0;
const SIZE: f64 = 12.0;
const COLUMNS: Columns = Columns::TIMES_NEW_ROMAN_13;
/// The fill of a cell the unit does not type into.
const GREY: u32 = 0xE7E6E6;

/// The figures sheet's columns: code, name, unit, KH … %CK, note.
const CODE_COL: u16 = 0;
const NAME_COL: u16 = 1;
const UNIT_COL: u16 = 2;
const NOTE_COL: u16 = 9;
const LAST_COL: u16 = NOTE_COL;
/// Widths in digits of the default font: 139 of them, printed at about
/// 85 % on an A4 landscape page.
const WIDTHS: [f64; 10] = [9.0, 42.0, 11.0, 12.0, 12.0, 12.0, 12.0, 9.0, 10.0, 16.0];

/// The sheet column of a figure column.
pub fn value_col(c: ValueColumn) -> u16 {
    3 + c.index() as u16
}

/// Sheet names in the language of the forms.
pub fn sheet_names(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Vi => ["Biểu số liệu", "Nhiệm vụ", "Hướng dẫn"],
        Lang::En => ["Figures", "Tasks", "Instructions"],
    }
}

/// Everything the forms of one run share: the template, the period, the
/// checks' settings and the drop-down lists.
pub struct FormContext<'a> {
    pub template: &'a Template,
    pub period: Period,
    pub lang: Lang,
    /// The template's `[annex]` table, when it has one: departments then
    /// get the task sheet.
    pub annex: Option<AnnexSettings>,
    may_be_negative: HashSet<String>,
}

impl<'a> FormContext<'a> {
    /// # Errors
    /// When the template has an `[annex]` table that is not valid.
    pub fn new(
        template: &'a Template,
        period: Period,
        lang: Lang,
    ) -> Result<FormContext<'a>, TemplateError> {
        let annex = match template.settings.extra.get("annex") {
            Some(_) => Some(AnnexSettings::from_template(template)?),
            None => None,
        };
        Ok(FormContext {
            template,
            period,
            lang,
            annex,
            may_be_negative: crate::reconcile::checks::CheckSettings::of(template).may_be_negative,
        })
    }

    /// The units forms are made for: every agency with `reports=yes`, in
    /// registry order.
    pub fn reporting_units(&self) -> Vec<usize> {
        (0..self.template.agencies.len())
            .filter(|&a| self.template.agencies[a].reports)
            .collect()
    }

    /// The file name of a unit's form (`P05-phuong-5-2020-Q1.xlsx`).
    pub fn file_name(&self, unit: usize) -> String {
        let a = &self.template.agencies[unit];
        stamp::form_file_name(&a.code, &a.name, Some(self.period))
    }

    /// The stamp of a unit's form.
    pub fn stamp(&self, unit: usize) -> FormStamp {
        let a = &self.template.agencies[unit];
        FormStamp {
            version: self.template.settings.version.clone(),
            unit: a.code.clone(),
            unit_name: a.name.clone(),
            period: Some(self.period),
            office: self.template.settings.office.clone(),
            title: self
                .template
                .settings
                .form_title
                .clone()
                .unwrap_or_else(|| self.template.settings.title.clone()),
        }
    }

    /// Whether a unit's form has the task sheet: every unit but the wards,
    /// communes and special zones, when the template has an `[annex]`.
    pub fn has_tasks(&self, unit: usize) -> bool {
        self.annex.is_some()
            && self
                .template
                .agencies
                .get(unit)
                .is_some_and(|a| a.kind != AgencyKind::Ward)
    }
}

/// One line of the figures sheet under its header.
#[derive(Clone, Debug, PartialEq)]
pub enum FormRow {
    /// A section of groups.csv: "I. KINH TẾ".
    Section(String),
    /// An indicator (index into the catalog).
    Indicator(usize),
}

/// The lines of a unit's form: each section with the indicators the unit
/// must report, in catalog order; sections numbered I, II, … as they
/// appear.
pub fn form_rows(t: &Template, unit: usize) -> Vec<FormRow> {
    let mut out = Vec::new();
    let mut n = 0;
    for g in &t.groups {
        let members: Vec<usize> = (0..t.indicators.len())
            .filter(|&i| t.indicators[i].group == g.code && t.must_report(unit, i))
            .collect();
        if members.is_empty() {
            continue;
        }
        n += 1;
        out.push(FormRow::Section(format!(
            "{}. {}",
            roman(n),
            g.name.to_uppercase()
        )));
        out.extend(members.into_iter().map(FormRow::Indicator));
    }
    out
}

/// What a figure cell of the form holds.
#[derive(Clone, Debug, PartialEq)]
pub enum FormCell {
    /// The unit types the figure.
    Input,
    /// A formula (without `=`); `overridable` ones are unlocked input
    /// cells that start with a formula (LK = TH in a first quarter).
    Formula { formula: String, overridable: bool },
    /// Not applicable (a rate's yearly plan, a rate's %KH and %CK).
    NotApplicable,
}

/// `IF(COUNT(refs)<n,"",IFERROR(ROUND(expr,2),""))`: empty until every
/// operand is given, and empty rather than an error.
fn guarded(refs: &[String], expr: &str) -> String {
    format!(
        "IF(COUNT({})<{},\"\",IFERROR(ROUND({expr},2),\"\"))",
        refs.join(","),
        refs.len()
    )
}

/// The cell of a figure column in every indicator row of a form, with
/// the sheet rows (0-based) of the indicators on it.
pub fn form_cell(
    t: &Template,
    period: Period,
    rows: &HashMap<usize, u32>,
    indicator: usize,
    column: ValueColumn,
) -> FormCell {
    let Some(ind) = t.indicators.get(indicator) else {
        return FormCell::NotApplicable;
    };
    let Some(&row) = rows.get(&indicator) else {
        return FormCell::NotApplicable;
    };
    let at = |c: ValueColumn| a1(row, u32::from(value_col(c)));
    if ind.kind == Kind::Rate {
        // A rate's KH is a target the office sets for the year (tiêm
        // chủng ≥ 95 %, bao phủ BHYT 93 %), typed, not worked out from
        // the plans of its operands; %KH and %CK of a rate say nothing.
        match column {
            ValueColumn::Kh => return FormCell::Input,
            ValueColumn::PctKh | ValueColumn::PctCk => return FormCell::NotApplicable,
            _ => {}
        }
        let Ok(Rule::Definition(expr)) = parse(&ind.formula) else {
            return FormCell::Input;
        };
        if expr.reaches_across_years(column) {
            // Last year's rate over last year's plan: typed, not computed.
            return FormCell::Input;
        }
        // An operand's cell in the rate's own column, or in the one its
        // marker names (`DT.01[KH]`: the plan's cell in every column).
        let cell = |code: &str, pin: Option<ValueColumn>| {
            let r = *rows.get(&t.indicator_index(code)?)?;
            Some(a1(r, u32::from(value_col(pin.unwrap_or(column)))))
        };
        let refs: Option<Vec<String>> = expr
            .operands()
            .into_iter()
            .map(|(code, pin)| cell(code, pin))
            .collect();
        return match (refs, expr.to_spreadsheet(&cell)) {
            (Some(refs), Some(e)) if !refs.is_empty() => FormCell::Formula {
                formula: guarded(&refs, &e),
                overridable: false,
            },
            _ => FormCell::Input,
        };
    }
    let (lk, kh, ck) = (
        at(ValueColumn::Lk),
        at(ValueColumn::Kh),
        at(ValueColumn::Ck),
    );
    match column {
        // A stock's LK is its level at the end of the period, the TH the
        // unit types: computed and locked, so that the two cannot differ.
        ValueColumn::Lk if ind.kind == Kind::Stock => {
            let th = at(ValueColumn::Th);
            FormCell::Formula {
                formula: format!("IF({th}=\"\",\"\",{th})"),
                overridable: false,
            }
        }
        ValueColumn::Lk if period.span == PeriodSpan::Quarter(1) => {
            let th = at(ValueColumn::Th);
            FormCell::Formula {
                formula: format!("IF({th}=\"\",\"\",{th})"),
                overridable: true,
            }
        }
        ValueColumn::PctKh => FormCell::Formula {
            formula: guarded(&[lk.clone(), kh.clone()], &format!("{lk}/{kh}*100")),
            overridable: false,
        },
        ValueColumn::PctCk => {
            let growth = match t.settings.ck_convention {
                CkConvention::Growth => "-100",
                CkConvention::Ratio => "",
            };
            FormCell::Formula {
                formula: guarded(&[lk.clone(), ck.clone()], &format!("{lk}/{ck}*100{growth}")),
                overridable: false,
            }
        }
        _ => FormCell::Input,
    }
}

/// What a figure typed into an input cell may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Allowed {
    /// A whole number ≥ 0 (the consolidated workbook shows it without
    /// decimals).
    Whole,
    /// A whole number of either sign (`[checks] may_be_negative`).
    WholeSigned,
    /// A number ≥ 0.
    Decimal,
    /// A number of either sign.
    DecimalSigned,
}

impl Allowed {
    fn of(ctx: &FormContext, indicator: usize, column: ValueColumn) -> Allowed {
        let Some(ind) = ctx.template.indicators.get(indicator) else {
            return Allowed::Decimal;
        };
        let whole = ind.kind != Kind::Rate && quantity_format(ind) == "#,##0";
        let signed = ctx.may_be_negative.contains(&ind.code)
            || (column == ValueColumn::PctCk
                && ctx.template.settings.ck_convention == CkConvention::Growth);
        match (whole, signed) {
            (true, false) => Allowed::Whole,
            (true, true) => Allowed::WholeSigned,
            (false, false) => Allowed::Decimal,
            (false, true) => Allowed::DecimalSigned,
        }
    }

    /// The validation of cells of one column whose first is `top` (A1).
    fn validation(self, top: &str) -> DataValidation {
        match self {
            Allowed::Whole => DataValidation::new().allow_custom(Formula::new(format!(
                "=AND(ISNUMBER({top}),{top}>=0,{top}=INT({top}))"
            ))),
            Allowed::WholeSigned => DataValidation::new().allow_custom(Formula::new(format!(
                "=AND(ISNUMBER({top}),{top}=INT({top}))"
            ))),
            Allowed::Decimal => DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
            Allowed::DecimalSigned => {
                DataValidation::new().allow_decimal_number(DataValidationRule::Between(-1e15, 1e15))
            }
        }
    }

    /// What the input message says of the number, and what the error
    /// says.
    fn words(self, lang: Lang) -> (&'static str, &'static str) {
        match (self, lang) {
            (Allowed::Whole, Lang::Vi) => {
                ("Số nguyên, không âm.", "Ô này chỉ nhận số nguyên không âm")
            }
            (Allowed::WholeSigned, Lang::Vi) => {
                ("Số nguyên (có thể âm).", "Ô này chỉ nhận số nguyên")
            }
            (Allowed::Decimal, Lang::Vi) => (
                "Số không âm, có thể có phần thập phân.",
                "Ô này chỉ nhận số không âm",
            ),
            (Allowed::DecimalSigned, Lang::Vi) => {
                ("Số, có thể âm và có phần thập phân.", "Ô này chỉ nhận số")
            }
            (Allowed::Whole, Lang::En) => (
                "A whole number, not negative.",
                "This cell takes a whole number, not negative",
            ),
            (Allowed::WholeSigned, Lang::En) => (
                "A whole number (may be negative).",
                "This cell takes a whole number",
            ),
            (Allowed::Decimal, Lang::En) => (
                "A number, not negative; decimals allowed.",
                "This cell takes a number, not negative",
            ),
            (Allowed::DecimalSigned, Lang::En) => (
                "A number; may be negative, decimals allowed.",
                "This cell takes a number",
            ),
        }
    }
}

/// The header of a figure column, in the words the consolidation reads
/// (checked against the template's `[columns]` by the tests).
pub fn column_header(t: &Template, period: Period, c: ValueColumn) -> String {
    let quarter = match period.span {
        PeriodSpan::Quarter(q) => q,
        _ => period.last_month().div_ceil(3),
    };
    match c {
        ValueColumn::Kh => format!("Kế hoạch năm {}", period.year),
        ValueColumn::Th => format!(
            "Thực hiện quý {}/{}",
            roman(u32::from(quarter)),
            period.year
        ),
        ValueColumn::Lk => "Lũy kế từ đầu năm".to_string(),
        ValueColumn::Ck => format!("Cùng kỳ năm {}", period.year - 1),
        ValueColumn::PctKh => "% so với KH".to_string(),
        ValueColumn::PctCk => match t.settings.ck_convention {
            CkConvention::Growth => "Tăng, giảm so với cùng kỳ (%)".to_string(),
            CkConvention::Ratio => "% so với cùng kỳ".to_string(),
        },
    }
}

/// The title of a unit's form: "BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ I/2020".
pub fn form_title(t: &Template, period: Period) -> String {
    format!("{} {}", t.form_title(), period.title_vi().to_uppercase())
}

/// The input message of a figure column: a title of at most 32
/// characters and a message of at most 255.
fn input_message(ctx: &FormContext, c: ValueColumn, allowed: Allowed) -> (String, String) {
    let p = ctx.period;
    let lang = ctx.lang;
    let (number, _) = allowed.words(lang);
    let first_quarter = p.span == PeriodSpan::Quarter(1);
    let blank = lang.pick(
        "Không có số liệu thì để trống (trống khác số 0); không ghi chữ.",
        "Leave it blank when there is no figure (blank is not 0); no words.",
    );
    let (title, what) = match (c, lang) {
        (ValueColumn::Kh, Lang::Vi) => (
            format!("Kế hoạch năm {}", p.year),
            "Kế hoạch (chỉ tiêu, dự toán) cả năm, theo ĐVT của dòng.".to_string(),
        ),
        (ValueColumn::Th, Lang::Vi) => (
            "Thực hiện trong kỳ".to_string(),
            format!("Số thực hiện {}, theo ĐVT của dòng.", column_header(ctx.template, p, c).trim_start_matches("Thực hiện ")),
        ),
        (ValueColumn::Lk, Lang::Vi) if first_quarter => (
            "Lũy kế từ đầu năm".to_string(),
            "Quý I: lũy kế bằng số thực hiện, ô đã có công thức =TH. Chỉ gõ đè khi số lũy kế khác.".to_string(),
        ),
        (ValueColumn::Lk, Lang::Vi) => (
            "Lũy kế từ đầu năm".to_string(),
            format!("Lũy kế từ 01/01 đến hết {}: lũy kế kỳ trước cộng thực hiện kỳ này (chỉ tiêu thời điểm: số cuối kỳ).", p.in_sentence_vi()),
        ),
        (ValueColumn::Ck, Lang::Vi) => (
            format!("Cùng kỳ năm {}", p.year - 1),
            format!("Số lũy kế cùng kỳ năm {} (đến hết tháng {}/{}), theo ĐVT của dòng.", p.year - 1, p.last_month(), p.year - 1),
        ),
        (ValueColumn::Kh, Lang::En) => (
            format!("Plan for {}", p.year),
            "The year's plan (target, budget estimate), in the row's unit.".to_string(),
        ),
        (ValueColumn::Th, Lang::En) => (
            "Done in the period".to_string(),
            format!("The figure for {}, in the row's unit.", p.title_en()),
        ),
        (ValueColumn::Lk, Lang::En) if first_quarter => (
            "Cumulative since January".to_string(),
            "Q1: the cumulative figure is the quarter's; the cell holds =TH. Type over it only if yours differs.".to_string(),
        ),
        (ValueColumn::Lk, Lang::En) => (
            "Cumulative since January".to_string(),
            format!("From 1 January to the end of {}: last period's cumulative plus this one (a stock: its level at the end).", p.title_en()),
        ),
        (ValueColumn::Ck, Lang::En) => (
            format!("Same period of {}", p.year - 1),
            // "to the end of June 2019", not "of month 6".
            format!("The cumulative figure of the same period of {} (to the end of {}), in the row's unit.", p.year - 1, Period { year: p.year - 1, span: PeriodSpan::Month(p.last_month()) }.title_en()),
        ),
        (_, _) => (String::new(), String::new()),
    };
    (title, format!("{what} {number} {blank}"))
}

/// Row runs of one column as a multi-range: `D8:D12 D14`.
fn ranges(col: u16, rows: &[u32]) -> String {
    let letters = column_letters(u32::from(col));
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(&start) = rows.get(i) {
        let mut end = start;
        while rows.get(i + 1) == Some(&(end + 1)) {
            end += 1;
            i += 1;
        }
        i += 1;
        out.push(if end == start {
            format!("{letters}{}", start + 1)
        } else {
            format!("{letters}{}:{letters}{}", start + 1, end + 1)
        });
    }
    out.join(" ")
}

fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(SIZE)
}

/// The formats of the sheets.
struct Formats {
    letterhead: Format,
    letterhead_bold: Format,
    title: Format,
    note: Format,
    header: Format,
    section: Format,
    label: Format,
    label_wrap: Format,
    grey: Format,
    input_text: Format,
    sign: Format,
    /// By number format: input (unlocked) and computed (grey, locked).
    input: HashMap<&'static str, Format>,
    computed: HashMap<&'static str, Format>,
}

impl Formats {
    fn new() -> Formats {
        let centred = base()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        let bordered = base()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        let grey = bordered.clone().set_background_color(Color::RGB(GREY));
        let mut input = HashMap::new();
        let mut computed = HashMap::new();
        // Every format an indicator's decimals may ask for (0 to 4).
        for num in crate::report::workbook::NUMBER_FORMATS {
            input.insert(num, bordered.clone().set_num_format(num).set_unlocked());
            computed.insert(num, grey.clone().set_num_format(num));
        }
        Formats {
            letterhead: centred.clone(),
            letterhead_bold: centred.clone().set_bold(),
            title: centred.clone().set_bold().set_font_size(14),
            note: centred.clone().set_italic().set_font_size(11),
            header: centred
                .clone()
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_background_color(Color::RGB(0xDDEBF7)),
            section: bordered.clone().set_bold().set_text_wrap(),
            label: bordered.clone(),
            label_wrap: bordered.clone().set_text_wrap(),
            grey,
            input_text: bordered
                .clone()
                .set_text_wrap()
                .set_unlocked()
                .set_align(FormatAlign::Top),
            sign: centred.set_bold(),
            input,
            computed,
        }
    }
}

/// The sum of the widths of columns `from..=to`.
fn span(widths: &[f64], from: u16, to: u16) -> f64 {
    widths
        .iter()
        .skip(usize::from(from))
        .take(usize::from(to - from) + 1)
        .sum()
}

/// Writes the letterhead and the title rows of a sheet whose columns are
/// `widths`; returns the next free row.
fn title_rows(
    ws: &mut Worksheet,
    printed: &mut PrintedRows,
    f: &Formats,
    widths: &[f64],
    letterhead: &[String],
    title: &str,
    note: &str,
) -> Result<u32, XlsxError> {
    let last = (widths.len() - 1) as u16;
    // The letterhead over the first columns, as on a Vietnamese document.
    let head_to = (1..=last)
        .find(|&c| span(widths, 0, c) >= 40.0)
        .unwrap_or(last);
    let mut row = 0;
    for (k, line) in letterhead.iter().enumerate() {
        let bold = k + 1 == letterhead.len();
        let format = if bold {
            &f.letterhead_bold
        } else {
            &f.letterhead
        };
        ws.merge_range(row, 0, row, head_to, line, format)?;
        row += 1;
    }
    row += 1;
    let (big, small) = (Font::bold(14.0), Font::regular(11.0));
    let height = COLUMNS.row_height_for(&[(title, span(widths, 0, last), big)]);
    row_height(ws, printed, row, height)?;
    ws.merge_range(row, 0, row, last, title, &f.title)?;
    row += 1;
    let height = COLUMNS.row_height_for(&[(note, span(widths, 0, last), small)]);
    row_height(ws, printed, row, height)?;
    ws.merge_range(row, 0, row, last, note, &f.note)?;
    Ok(row + 2)
}

/// The rows of a form's sheet as they print: a line of the default font
/// unless set.
fn printed_rows() -> PrintedRows {
    PrintedRows::new(f64::from(DEFAULT_ROW_PX) * 0.75)
}

/// Row `row` is `height` points tall, in the sheet and as it prints.
fn row_height(
    ws: &mut Worksheet,
    printed: &mut PrintedRows,
    row: u32,
    height: f64,
) -> Result<(), XlsxError> {
    printed.set_height(row, height);
    ws.set_row_height(row, height)?;
    Ok(())
}

/// Protection without a password: the structure cannot be broken by
/// accident, and columns and rows can still be widened.
fn protect(ws: &mut Worksheet, rows_editable: bool) {
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        insert_rows: rows_editable,
        delete_rows: rows_editable,
        ..ProtectionOptions::default()
    });
}

/// The figures sheet. Returns the 0-based row of its header.
fn figures_sheet(
    ws: &mut Worksheet,
    ctx: &FormContext,
    unit: usize,
    f: &Formats,
) -> Result<u32, XlsxError> {
    let t = ctx.template;
    let lang = ctx.lang;
    ws.set_name(sheet_names(lang)[0])?;
    ws.set_formula_result_default("");
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let note = lang.pick(
        "(Ô nền trắng: đơn vị nhập số liệu theo đơn vị tính ở cột ĐVT; ô nền xám: tính tự động. Xem trang «Hướng dẫn».)",
        "(White cells: the unit types its figures, in the unit of the ĐVT column; grey cells are computed. See the sheet «Instructions».)",
    );
    let mut printed = printed_rows();
    let header_row = title_rows(
        ws,
        &mut printed,
        f,
        &WIDTHS,
        &t.letterhead(unit),
        &form_title(t, ctx.period),
        note,
    )?;
    let mut headers = vec!["Mã số".to_string(), "Chỉ tiêu".into(), "ĐVT".into()];
    headers.extend(
        ValueColumn::ALL
            .iter()
            .map(|&c| column_header(t, ctx.period, c)),
    );
    headers.push("Ghi chú".into());
    let bold = Font::bold(SIZE);
    let cells: Vec<(&str, f64, Font)> = headers
        .iter()
        .zip(WIDTHS)
        .map(|(h, w)| (h.as_str(), w, bold))
        .collect();
    row_height(ws, &mut printed, header_row, COLUMNS.row_height_for(&cells))?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(header_row, c as u16, h, &f.header)?;
    }
    let lines = form_rows(t, unit);
    let first = header_row + 1;
    let rows: HashMap<usize, u32> = lines
        .iter()
        .enumerate()
        .filter_map(|(k, l)| match l {
            FormRow::Indicator(i) => Some((*i, first + k as u32)),
            FormRow::Section(_) => None,
        })
        .collect();
    // (column, allowed) → the rows of its input cells.
    let mut inputs: BTreeMap<(ValueColumn, Allowed), Vec<u32>> = BTreeMap::new();
    let regular = Font::regular(SIZE);
    for (k, line) in lines.iter().enumerate() {
        let row = first + k as u32;
        match line {
            FormRow::Section(title) => {
                // Printed on the page of its first indicator.
                printed.at(row).keep_with_next = true;
                ws.write_blank(row, CODE_COL, &f.section)?;
                ws.merge_range(row, NAME_COL, row, LAST_COL, title, &f.section)?;
            }
            FormRow::Indicator(i) => {
                let ind = &t.indicators[*i];
                let height = COLUMNS.row_height_for(&[
                    (&ind.name, WIDTHS[1], regular),
                    (&ind.unit, WIDTHS[2], regular),
                ]);
                row_height(ws, &mut printed, row, height)?;
                ws.write_string_with_format(row, CODE_COL, &ind.code, &f.label)?;
                ws.write_string_with_format(row, NAME_COL, &ind.name, &f.label_wrap)?;
                ws.write_string_with_format(row, UNIT_COL, &ind.unit, &f.label_wrap)?;
                for c in ValueColumn::ALL {
                    let num = if c.is_percent() || ind.kind == Kind::Rate {
                        "#,##0.00"
                    } else {
                        quantity_format(ind)
                    };
                    let col = value_col(c);
                    match form_cell(t, ctx.period, &rows, *i, c) {
                        FormCell::Input => {
                            ws.write_blank(row, col, &f.input[num])?;
                            inputs
                                .entry((c, Allowed::of(ctx, *i, c)))
                                .or_default()
                                .push(row);
                        }
                        FormCell::Formula {
                            formula,
                            overridable: true,
                        } => {
                            ws.write_formula_with_format(
                                row,
                                col,
                                Formula::new(format!("={formula}")),
                                &f.input[num],
                            )?;
                            inputs
                                .entry((c, Allowed::of(ctx, *i, c)))
                                .or_default()
                                .push(row);
                        }
                        FormCell::Formula { formula, .. } => {
                            ws.write_formula_with_format(
                                row,
                                col,
                                Formula::new(format!("={formula}")),
                                &f.computed[num],
                            )?;
                        }
                        FormCell::NotApplicable => {
                            ws.write_blank(row, col, &f.grey)?;
                        }
                    }
                }
                ws.write_blank(row, NOTE_COL, &f.input_text)?;
            }
        }
    }
    let mut end = first + lines.len() as u32;
    if lines.is_empty() {
        ws.merge_range(
            end,
            NAME_COL,
            end,
            LAST_COL,
            lang.pick(
                "(Đơn vị không có chỉ tiêu nào phải báo cáo trong biểu này.)",
                "(The unit reports no indicator on this form.)",
            ),
            &f.label,
        )?;
        end += 1;
    }
    for ((c, allowed), rows) in &inputs {
        let col = value_col(*c);
        let top = a1(rows[0], u32::from(col));
        let (title, message) = input_message(ctx, *c, *allowed);
        let (_, refused) = allowed.words(lang);
        let v = allowed
            .validation(&top)
            .set_input_title(title)?
            .set_input_message(message)?
            .set_error_title(lang.pick("Số liệu không hợp lệ", "Not a valid figure"))?
            .set_error_message(format!(
                "{refused}. {}",
                lang.pick(
                    "Gõ một con số (không gõ chữ, không gõ đơn vị); để trống nếu không có số liệu.",
                    "Type a number (no words, no unit); leave it blank when there is no figure."
                )
            ))?
            .set_multi_range(ranges(col, rows));
        ws.add_data_validation(rows[0], col, rows[0], col, &v)?;
    }
    // The signature block, which the consolidation stops reading at: the
    // place and date, who made the form and the head of the unit, each
    // with what the signature takes.
    let sign = end + 1;
    ws.merge_range(
        sign,
        6,
        sign,
        LAST_COL,
        // The year is the period's: the form is filled for it.
        &match lang {
            Lang::Vi => format!("……………, ngày …… tháng …… năm {}", ctx.period.year),
            Lang::En => format!(
                "……………, ngày …… tháng …… năm {} (place, date)",
                ctx.period.year
            ),
        },
        &f.note,
    )?;
    ws.merge_range(
        sign + 1,
        0,
        sign + 1,
        2,
        lang.pick("NGƯỜI LẬP BIỂU", "NGƯỜI LẬP BIỂU (prepared by)"),
        &f.sign,
    )?;
    ws.merge_range(
        sign + 1,
        6,
        sign + 1,
        LAST_COL,
        lang.pick("THỦ TRƯỞNG ĐƠN VỊ", "THỦ TRƯỞNG ĐƠN VỊ (head of unit)"),
        &f.sign,
    )?;
    ws.merge_range(
        sign + 2,
        0,
        sign + 2,
        2,
        lang.pick(
            "(Ký, ghi rõ họ tên)",
            "(Ký, ghi rõ họ tên: signature, full name)",
        ),
        &f.note,
    )?;
    ws.merge_range(
        sign + 2,
        6,
        sign + 2,
        LAST_COL,
        lang.pick("(Ký tên, đóng dấu)", "(Ký tên, đóng dấu: signature, seal)"),
        &f.note,
    )?;
    // The place and date, the signers and what their signatures take
    // print on one page with the last two indicators (and a heading
    // between them).
    let last_two = lines
        .iter()
        .rposition(|l| matches!(l, FormRow::Indicator(_)))
        .map(|k| {
            lines[..k]
                .iter()
                .rposition(|l| matches!(l, FormRow::Indicator(_)))
                .unwrap_or(k)
        })
        .map_or(end.saturating_sub(1).max(first), |k| first + k as u32);
    printed.keep_together(last_two, sign + 2);
    finish_table(ws, &printed, &WIDTHS, header_row, 3, lang, false)?;
    Ok(header_row)
}

/// The end of a sheet with a table whose header is `header`: frozen under
/// it (and right of `columns` columns), printed as every output is (A4
/// landscape at the scale that fits columns `widths` wide on the page,
/// never below a readable one, title and header on every page, the rows
/// `printed` keeps together on one page, page numbers) and protected;
/// `rows_editable` lets rows be inserted and deleted.
fn finish_table(
    ws: &mut Worksheet,
    printed: &PrintedRows,
    widths: &[f64],
    header: u32,
    columns: u16,
    lang: Lang,
    rows_editable: bool,
) -> Result<(), XlsxError> {
    ws.set_freeze_panes(header + 1, columns)?;
    print_setup(ws, lang);
    ws.set_repeat_rows(0, header)?;
    let pages = lay_out(
        &SUMMARY_PAPER,
        COLUMNS.printed_pt(widths),
        &printed.rows,
        Some((0, header)),
    );
    ws.set_print_scale(pages.scale);
    ws.set_page_breaks(&pages.breaks)?;
    ws.set_print_center_horizontally(true);
    protect(ws, rows_editable);
    Ok(())
}

/// The range of the k-th drop-down list on the stamp sheet (columns D
/// onwards), as a list validation reads it: `=tonghop!$D$1:$D$46`.
fn list_range(k: usize, len: usize) -> String {
    let letters = column_letters(3 + k as u32);
    format!("={}!${letters}$1:${letters}${}", stamp::SHEET, len.max(1))
}

/// The hidden, protected stamp sheet: the stamp in A:B, the drop-down
/// lists from column D.
fn stamp_sheet(
    ws: &mut Worksheet,
    ctx: &FormContext,
    unit: usize,
    lists: &[Vec<String>],
) -> Result<(), XlsxError> {
    ws.set_name(stamp::SHEET)?;
    for (r, (key, value)) in ctx.stamp(unit).rows().iter().enumerate() {
        ws.write_string(r as u32, 0, *key)?;
        ws.write_string(r as u32, 1, value)?;
    }
    for (k, list) in lists.iter().enumerate() {
        for (r, item) in list.iter().enumerate() {
            ws.write_string(r as u32, 3 + k as u16, item)?;
        }
    }
    ws.set_hidden(true);
    ws.protect();
    Ok(())
}

/// A unit's form in memory.
///
/// # Errors
/// Only on an internal error of the writer (a text over one of Excel's
/// limits).
pub fn form_workbook(ctx: &FormContext, unit: usize) -> Result<Vec<u8>, XlsxError> {
    let mut wb = crate::report::new_workbook();
    wb.set_default_format(
        &Format::new()
            .set_font_name(FONT)
            .set_font_size(DEFAULT_SIZE),
        DEFAULT_ROW_PX,
        DEFAULT_COLUMN_PX,
    )?;
    let f = Formats::new();
    figures_sheet(wb.add_worksheet(), ctx, unit, &f)?;
    // The task sheet's drop-downs read lists the stamp sheet holds.
    let lists = match (&ctx.annex, ctx.has_tasks(unit)) {
        (Some(annex), true) => tasks::lists(ctx, annex),
        _ => Vec::new(),
    };
    if !lists.is_empty() {
        let refs: Vec<String> = lists
            .iter()
            .enumerate()
            .map(|(k, l)| list_range(k, l.len()))
            .collect();
        tasks::task_sheet(wb.add_worksheet(), ctx, unit, &refs, &f)?;
    }
    instructions::instructions_sheet(wb.add_worksheet(), ctx, unit, &f)?;
    stamp_sheet(wb.add_worksheet(), ctx, unit, &lists)?;
    let props = rust_xlsxwriter::DocProperties::new()
        .set_title(form_title(ctx.template, ctx.period))
        .set_author("tonghop");
    wb.set_properties(&props);
    wb.save_to_buffer()
}

/// Writes a unit's form into `dir`, atomically; returns its path.
///
/// # Errors
/// When the workbook cannot be built or written.
pub fn write_form(dir: &Path, ctx: &FormContext, unit: usize) -> Result<std::path::PathBuf, Fatal> {
    let path = dir.join(ctx.file_name(unit));
    let bytes = form_workbook(ctx, unit).map_err(|e| Fatal::output(&path, e))?;
    write_atomic(&path, &bytes)?;
    Ok(path)
}

#[cfg(test)]
mod tests;
