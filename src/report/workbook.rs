//! The consolidated workbook `tong-hop.xlsx`, laid out to be printed and
//! signed:
//!
//! ```text
//! Tổng hợp              office, title, what it covers, the legend of the marks
//!                       Mã | Chỉ tiêu | ĐVT | KH | TH | LK | CK | %KH | %CK
//!                       (one row per indicator under section rows)
//! Chi tiết theo đơn vị  Mã | Chỉ tiêu | ĐVT | Cột | Tổng cộng | ward… | department…
//!                       (TH and LK rows; Tổng cộng a live SUM with its value;
//!                       title and legend in the page header, the first row
//!                       stays the header that `--previous` reads)
//! Tình trạng nộp        each expected unit and every other file, with status,
//!                       the row filled by the unit's worst finding
//! Lỗi                   the error list, coloured by severity, wrapped
//! ```
//!
//! Every figure the error list disputes is filled by severity and carries
//! a note with the findings' messages (see [`crate::report::marks`]).
//! Every sheet prints on A4 with its header rows repeated and its own
//! page numbers ("Trang 1", "Trang 2", … from 1 on every sheet) at the
//! foot; Chi tiết also repeats its indicator columns. The text is
//! Times New Roman throughout, and row heights and column widths come from
//! its widths (see [`crate::report::layout`]): nothing prints cut, over
//! another row, or as `###`.
//!
//! Number formats are written in Excel's invariant form (`#,##0.00`), which
//! Excel shows as `#.##0,00` under the Vietnamese locale.

use crate::diagnostic::{column_letters, Code, Finding, Lang, Severity, Tally};
use crate::error::Fatal;
use crate::model::{Period, ValueColumn};
use crate::normalize::store::Figures;
use crate::outputs::Sheet;
use crate::reconcile::{SetAside, Totals};
use crate::report::atomic::write_atomic_with;
use crate::report::detail::DetailCells;
use crate::report::layout::{
    number_units, printed_width_pt, row_height, text_px, width_for_lines, width_for_px,
    width_for_units, wrapped_lines, FONT, FONT_SIZE,
};
use crate::report::limits;
use crate::report::marks::{Mark, Marks, Place};
use crate::report::pages::{signed_breaks, Paper, PrintedRows};
use crate::template::{AgencyKind, CkConvention, Indicator, Kind, Level, Template, MAX_DECIMALS};
use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, Formula, Note, Worksheet, XlsxError,
};
use std::collections::HashMap;
use std::path::Path;

pub use crate::model::{Status, StatusLine};

/// A unit of the detail sheet: its agency index and its position in
/// [`ReportData::figures`].
pub type UnitFigures = (usize, usize);

/// Everything the workbook shows.
pub struct ReportData<'a> {
    pub template: &'a Template,
    pub period: Period,
    pub lang: Lang,
    pub totals: &'a Totals,
    /// Units in the detail sheet, in registry order.
    pub units: Vec<UnitFigures>,
    /// The included units' figures.
    pub figures: &'a Figures<'a>,
    pub status: Vec<StatusLine>,
    pub findings: &'a [Finding],
}

/// Sheet names in the language of the run.
pub fn sheet_names(lang: Lang) -> [&'static str; 4] {
    [
        Sheet::Summary,
        Sheet::Detail,
        Sheet::Status,
        Sheet::Findings,
    ]
    .map(|s| s.name(lang))
}

fn xerr(path: &Path) -> impl Fn(XlsxError) -> Fatal + '_ {
    move |e| Fatal::output(path, e)
}

/// The number formats of 0 to [`MAX_DECIMALS`] decimals.
pub(crate) const NUMBER_FORMATS: [&str; MAX_DECIMALS as usize + 1] =
    ["#,##0", "#,##0.0", "#,##0.00", "#,##0.000", "#,##0.0000"];

/// The number format of `decimals` decimals (at most [`MAX_DECIMALS`]).
pub(crate) fn number_format(decimals: u8) -> &'static str {
    NUMBER_FORMATS[usize::from(decimals.min(MAX_DECIMALS))]
}

/// The decimals of an indicator's quantities on the forms: the template's
/// `decimals` when it says, else 2 for a rate or money in nghìn, triệu or
/// tỷ đồng, else none.
pub(crate) fn quantity_decimals(ind: &Indicator) -> u8 {
    if let Some(d) = ind.decimals {
        return d.min(MAX_DECIMALS);
    }
    let u = crate::text::fold(&ind.unit);
    if ind.kind == Kind::Rate || (u.contains("dong") && u != "dong") {
        2
    } else {
        0
    }
}

/// The number format of an indicator's quantities on the forms.
pub(crate) fn quantity_format(ind: &Indicator) -> &'static str {
    number_format(quantity_decimals(ind))
}

/// The most decimals typed figures add to the consolidated workbook's
/// format of an indicator whose template does not say.
const TYPED_DECIMALS: u8 = crate::reconcile::WRITTEN_DECIMALS;

/// The number format of an indicator's figures in the consolidated
/// workbook: the template's `decimals` when it says; else at least as many
/// decimals as its figures were typed with (`typed`, up to
/// [`TYPED_DECIMALS`]), so that 42.969,9 ha stays 42.969,9 and is not
/// shown as 42.970.
pub(crate) fn shown_format(ind: &Indicator, typed: u8) -> &'static str {
    match ind.decimals {
        Some(d) => number_format(d),
        None => number_format(quantity_decimals(ind).max(typed.min(TYPED_DECIMALS))),
    }
}

/// The number format of an indicator's totals in Tổng hợp: the
/// template's `decimals` when it says; else, for a quantity, the decimals
/// most units wrote its figures with in the template's unit (`by_most`,
/// [`Totals::written_by_most`]; up to [`TYPED_DECIMALS`]), so that whole
/// millions print whole although one commune wrote đồng or one decimal
/// (a format pads zeros, it adds no precision); a rate as in
/// [`shown_format`].
pub(crate) fn summary_format(ind: &Indicator, typed: u8, by_most: Option<u8>) -> &'static str {
    match (ind.decimals, by_most) {
        (None, Some(d)) if ind.kind != Kind::Rate => number_format(d.min(TYPED_DECIMALS)),
        _ => shown_format(ind, typed),
    }
}

/// The decimals a number format shows (`#,##0.00` → 2).
fn format_decimals(format: &str) -> u8 {
    format.rsplit_once('.').map_or(0, |(_, d)| d.len() as u8)
}

/// The fill of a finding's severity, the same for a disputed figure, a
/// unit's line in "Tình trạng nộp" and a row of "Lỗi".
pub fn severity_fill(severity: Severity) -> Color {
    match severity {
        Severity::Error => Color::RGB(0xF8CBAD),
        Severity::Warning => Color::RGB(0xFFF2CC),
        Severity::Info => Color::RGB(0xDDEBF7),
    }
}

/// The border of a marked cell: a sign that prints in black and white,
/// where the fills print as greys hard to tell from a section row's or
/// from white. Medium for an error (its figure bold too), medium dashed
/// for a warning, dotted for information: the legends say the same.
pub fn severity_border(severity: Severity) -> FormatBorder {
    match severity {
        Severity::Error => FormatBorder::Medium,
        Severity::Warning => FormatBorder::MediumDashed,
        Severity::Info => FormatBorder::Dotted,
    }
}

/// Times New Roman 11, the font of every cell.
pub(crate) fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(FONT_SIZE)
}

/// The heading of a figure column of «Tổng hợp»: its short name, the one
/// messages use ("TH"), over the span it holds in the run's period, so
/// that the printed sheet says which year's plan and which quarter it is
/// ("TH\nquý III/2025", "CK\ncùng kỳ 2024"), in two short lines that
/// keep the heading repeated on every page low. In a run of several
/// quarters (6 tháng, 9 tháng, a year) TH is the last quarter's.
fn column_heading(c: ValueColumn, period: Period, ck: CkConvention, lang: Lang) -> String {
    let (year, months) = (period.year, period.last_month());
    let quarter = months.div_ceil(3);
    let held = match (c, lang) {
        (ValueColumn::Kh, Lang::Vi) => format!("năm {year}"),
        // A month's run: TH is the month («tháng 10/2026»).
        (ValueColumn::Th, Lang::Vi) if period.is_month() => format!("tháng {months}/{year}"),
        (ValueColumn::Th, Lang::Vi) => {
            format!("quý {}/{year}", crate::model::roman(u32::from(quarter)))
        }
        (ValueColumn::Lk, Lang::Vi) if months == 12 => format!("cả năm {year}"),
        (ValueColumn::Lk, Lang::Vi) => format!("{months} tháng {year}"),
        (ValueColumn::Ck, Lang::Vi) => format!("cùng kỳ {}", year - 1),
        (ValueColumn::PctKh, Lang::Vi) => "LK/KH".to_string(),
        (ValueColumn::PctCk, Lang::Vi) => match ck {
            CkConvention::Growth => "tăng/giảm".to_string(),
            CkConvention::Ratio => "LK/CK".to_string(),
        },
        (ValueColumn::Kh, Lang::En) => format!("plan {year}"),
        (ValueColumn::Th, Lang::En) if period.is_month() => period.title_en(),
        (ValueColumn::Th, Lang::En) => format!("Q{quarter} {year}"),
        (ValueColumn::Lk, Lang::En) if months == 12 => format!("year {year}"),
        (ValueColumn::Lk, Lang::En) => format!("{months} months {year}"),
        (ValueColumn::Ck, Lang::En) => format!("{}", year - 1),
        (ValueColumn::PctKh, Lang::En) => "LK/KH".to_string(),
        (ValueColumn::PctCk, Lang::En) => match ck {
            CkConvention::Growth => "change".to_string(),
            CkConvention::Ratio => "LK/CK".to_string(),
        },
    };
    crate::outputs::summary_heading(c, &held)
}

fn header_format() -> Format {
    base()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xDDEBF7))
}

fn cell_format() -> Format {
    base().set_border(FormatBorder::Thin)
}

/// A printed sheet's heading on every page, above the table: which
/// office's report and for which period (a sheet without a title block
/// of its own, as the status and findings lists, is otherwise anonymous
/// once printed). At most 200 characters; `&` is written `&&`.
pub(crate) fn print_heading(ws: &mut Worksheet, text: &str) {
    ws.set_header(heading_code(text));
}

/// The page header code of [`print_heading`] (the feedback's findings
/// sheet, written as XML, takes it too).
pub(crate) fn heading_code(text: &str) -> String {
    let text: String = text.replace('&', "&&").chars().take(200).collect();
    format!("&C&\"{FONT},Bold\"&10{text}")
}

/// The page footer code of every sheet of `tong-hop.xlsx`, of the
/// feedback workbooks and of the forms (and of the annex's,
/// [`page_number_footer`] with its font): the sheet's name on
/// the left, "Trang n" in the middle, the sheet's own page number. The
/// total (`&N`) is left out: Excel and LibreOffice count it over every
/// sheet printed together ("Trang 1/29" on a list of 2 pages).
pub(crate) fn sheet_footer_code(lang: Lang) -> String {
    format!(
        "&L&\"{FONT},Regular\"&9&A&C{}",
        page_number_footer(10, lang)
    )
}

/// "Trang n" in Times New Roman of `size` points, as a page footer's
/// code (a sheet that numbers its own pages also starts them at 1: see
/// [`print_setup`]).
pub(crate) fn page_number_footer(size: u8, lang: Lang) -> String {
    format!(
        "&\"{FONT},Regular\"&{size}{} &P",
        lang.pick("Trang", "Page")
    )
}

/// A4 landscape (every sheet is wider than tall), narrow margins, the
/// sheet's name and its own page numbers at the foot of every page.
pub(crate) fn print_setup(ws: &mut Worksheet, lang: Lang) {
    ws.set_paper_size(9);
    ws.set_landscape();
    let (left, right, top, bottom) = SUMMARY_PAPER.margins_in;
    ws.set_margins(left, right, top, bottom, 0.3, 0.3);
    ws.set_footer(sheet_footer_code(lang));
    // Each sheet's pages from 1: LibreOffice numbers a sheet that says
    // nothing on from the sheets before it ("Trang 37" on the first page
    // of Chi tiết), and so does Excel when the workbook prints whole.
    ws.set_print_first_page_number(1);
}

/// The note of an undisputed total (whose target, whose cell was left
/// empty): by `tonghop` like every other note, with no bold "Author:" line.
fn figure_note(text: &str) -> Note {
    Note::new(limits::note(text))
        .set_author("tonghop")
        .add_author_prefix(false)
}

/// The note of a disputed figure: the findings' messages.
fn note_of(mark: &Mark, lang: Lang) -> Note {
    sized_note(&mark.note(lang))
}

/// A note sized to its text (findings' messages are long).
fn sized_note(text: &str) -> Note {
    // The note's font (Tahoma 8) puts about 64 characters on a line of a
    // 400-pixel box, 13 pixels a line.
    let lines: usize = text
        .split('\n')
        .map(|l| l.chars().count().div_ceil(64).max(1))
        .sum();
    Note::new(crate::report::limits::note(text))
        .set_author("tonghop")
        .add_author_prefix(false)
        .set_width(400)
        .set_height((lines * 13 + 16).min(640) as u32)
}

/// The units a total leaves out (they left its cell empty), by name: the
/// first `named`, then how many more; none when every unit it lacks is
/// one of `parts` (said apart, [`parts_words`]).
/// The units a total lacks for a reason said in their own words: those
/// of `parts` and those whose file was set aside.
fn explained(parts: &[u32], aside: &[SetAside]) -> Vec<u32> {
    parts
        .iter()
        .copied()
        .chain(aside.iter().map(|a| a.unit))
        .collect()
}

fn left_out_names(
    units: &crate::reconcile::Partial,
    parts: &[u32],
    t: &Template,
    lang: Lang,
    named: usize,
) -> Option<(u32, String)> {
    let blank: Vec<u32> = units
        .first
        .iter()
        .copied()
        .filter(|u| !parts.contains(u))
        .collect();
    // The units kept by name are the first few: one of `parts` beyond
    // them is counted as blank (a batch of more than 20 such units).
    let count = units.count - (units.first.len() - blank.len()) as u32;
    if count == 0 {
        return None;
    }
    let mut names: Vec<String> = blank
        .iter()
        .take(named)
        .filter_map(|&u| t.agencies.get(u as usize))
        .map(|a| a.shown().into_owned())
        .collect();
    let more = (count as usize).saturating_sub(names.len());
    if more > 0 {
        names.push(match lang {
            Lang::Vi => format!("và {more} đơn vị khác"),
            Lang::En => format!("and {more} more"),
        });
    }
    Some((count, names.join(", ")))
}

/// What a total short of a unit whose figures are only part of its own
/// (`Totals::parts_only`: one file per former commune, only one used)
/// lacks, by the unit's name.
fn parts_words(unit: &str, missing: Option<&Vec<String>>, lang: Lang) -> String {
    let findings = crate::outputs::Sheet::Findings.name(lang);
    if let Some(missing) = missing.filter(|m| !m.is_empty()) {
        let missing = missing.join(", ");
        return match lang {
            Lang::Vi => format!("{unit} gửi mỗi đơn vị cũ hợp thành một tệp nhưng {missing} chưa gửi (xem trang «{findings}»): số có dấu (*) gồm số các tệp đã gửi cộng lại, chưa gồm phần của {missing}. Hãy đề nghị {unit} gửi phần còn thiếu (hoặc một biểu chung cho cả đơn vị mới) trước khi trình ký."),
            Lang::En => format!("{unit} sent one file per former unit it was formed from, but {missing} sent none (see the sheet «{findings}»): a figure marked (*) holds the files sent, added together, and lacks {missing}'s part. Ask {unit} for the missing part (or one form for the whole new unit) before signing."),
        };
    }
    match lang {
        Lang::Vi => format!("{unit} gửi mỗi đơn vị cũ hợp thành một tệp và chỉ một tệp được tổng hợp (xem trang «{findings}»): số có dấu (*) chưa gồm phần của các đơn vị cũ khác của {unit}. Hãy đề nghị {unit} gửi một biểu chung cho cả đơn vị mới trước khi trình ký."),
        Lang::En => format!("{unit} sent one file per former unit it was formed from and only one is consolidated (see the sheet «{findings}»): a figure marked (*) lacks the other former units' part of {unit}. Ask {unit} for one form for the whole new unit before signing."),
    }
}

/// The note on a total that leaves out units: who left its cell empty
/// (the first few, then how many more), and which units it holds only
/// part of.
fn left_out(
    units: &crate::reconcile::Partial,
    (parts, missing): (&[u32], &std::collections::BTreeMap<u32, Vec<String>>),
    aside: &[SetAside],
    t: &Template,
    lang: Lang,
) -> String {
    let mut lines: Vec<String> = Vec::new();
    if let Some((_, names)) = left_out_names(units, &explained(parts, aside), t, lang, 5) {
        lines.push(match lang {
            Lang::Vi => format!("Tổng chưa gồm số của {names}: ô này (hoặc cả dòng chỉ tiêu) để trống hay thiếu trong biểu của đơn vị (ô trống không được coi là 0). Hãy xin đơn vị bổ sung trước khi trình ký."),
            Lang::En => format!("The total leaves out {names}: this cell (or the indicator's whole row) was left empty or left out of their form (an empty cell is not taken as 0). Ask for the figure before it is signed."),
        });
    }
    for (u, a) in units
        .first
        .iter()
        .filter(|u| parts.contains(u))
        .filter_map(|&u| Some((u, t.agencies.get(u as usize)?)))
    {
        lines.push(parts_words(&a.shown(), missing.get(&u), lang));
    }
    for a in aside.iter().filter(|a| units.first.contains(&a.unit)) {
        lines.extend(aside_words(a, t, lang));
    }
    lines.join("\n\n")
}

/// What a total short of a unit whose file was set aside
/// (`Totals::set_aside`) lacks, by the unit's name and the file's.
fn aside_words(a: &SetAside, t: &Template, lang: Lang) -> Option<String> {
    let unit = t.agencies.get(a.unit as usize)?.shown();
    let file = &a.file;
    let findings = crate::outputs::Sheet::Findings.name(lang);
    if a.blank {
        return Some(match lang {
            Lang::Vi => format!("{unit} gửi tệp {file} nhưng biểu còn trống, không có số liệu nào đọc được (xem trang «{findings}»): các số tổng hợp chưa gồm số liệu của {unit}. Hãy đề nghị {unit} gửi số liệu trước khi trình ký."),
            Lang::En => format!("{unit} sent {file}, but the form is blank, with no figure that could be read (see the sheet «{findings}»): the totals lack {unit}'s figures. Ask {unit} for its figures before signing."),
        });
    }
    Some(match (lang, a.period) {
        (Lang::Vi, Some(p)) => format!("Tệp {file} của {unit} ghi kỳ báo cáo {} nên không được tổng hợp (xem trang «{findings}»): số có dấu (*) chưa gồm số của {unit}. Hãy đề nghị {unit} gửi báo cáo đúng kỳ trước khi trình ký.", p.title(lang)),
        (Lang::Vi, None) => format!("Tệp {file} của {unit} không được tổng hợp (xem trang «{findings}»): số có dấu (*) chưa gồm số của {unit}. Hãy đề nghị {unit} gửi lại báo cáo trước khi trình ký."),
        (Lang::En, Some(p)) => format!("{unit}'s file {file} is titled for {} and is not consolidated (see the sheet «{findings}»): a figure marked (*) lacks {unit}'s. Ask {unit} for the report of this period before signing.", p.title(lang)),
        (Lang::En, None) => format!("{unit}'s file {file} is not consolidated (see the sheet «{findings}»): a figure marked (*) lacks {unit}'s. Ask {unit} to send its report again before signing."),
    })
}

/// What a total that leaves out units prints after its figure, as the
/// number format's literal: the cell stays a number, the sign prints,
/// and the footnote under the table ([`partial_footnote`]) says whose.
const PARTIAL_SIGN: &str = " (*)";

/// The number format `num` with [`PARTIAL_SIGN`] after the figure.
fn with_partial_sign(num: &str) -> String {
    format!("{num}\"{PARTIAL_SIGN}\"")
}

/// The printed footnote of the totals that leave out units: a heading
/// line, then one line per indicator (or run of indicators in table
/// order) whose totals leave out the same units: the indicators, the
/// columns, how many units left their cells empty and the first few by
/// name; then one line per unit of
/// `parts` (its figures only part of its own), which every total it
/// enters lacks the rest of.
fn partial_footnote(
    partial: &[(usize, ValueColumn, &crate::reconcile::Partial)],
    (parts, missing, aside): (
        &[u32],
        &std::collections::BTreeMap<u32, Vec<String>>,
        &[SetAside],
    ),
    crossed: bool,
    t: &Template,
    lang: Lang,
) -> Vec<String> {
    let mut lines = Vec::new();
    let explained = explained(parts, aside);
    // One line per run of indicators (in table order) whose totals leave
    // out the same units in the same columns: (indicators, columns,
    // how many units, their names).
    let mut runs: Vec<(Vec<usize>, Vec<ValueColumn>, u32, String)> = Vec::new();
    for &(i, c, units) in partial {
        if t.indicators.get(i).is_none() {
            continue;
        }
        let Some((count, names)) = left_out_names(units, &explained, t, lang, 3) else {
            continue;
        };
        match runs.last_mut() {
            // Another column of the same indicator, the same units.
            Some((inds, cols, n, w)) if inds == &[i] && *n == count && *w == names => cols.push(c),
            _ => runs.push((vec![i], vec![c], count, names)),
        }
    }
    // Indicators in a row whose lines say the same: one line.
    let mut merged: Vec<(Vec<usize>, Vec<ValueColumn>, u32, String)> = Vec::new();
    for run in runs {
        match merged.last_mut() {
            Some(m) if m.1 == run.1 && m.2 == run.2 && m.3 == run.3 => m.0.extend(run.0),
            _ => merged.push(run),
        }
    }
    for (inds, cols, count, names) in merged {
        let what = inds
            .iter()
            .filter_map(|&i| t.indicators.get(i))
            .map(|ind| format!("{} {}", ind.code, ind.name))
            .collect::<Vec<_>>()
            .join(", ");
        let cols = cols
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        lines.push(match lang {
            Lang::Vi => format!("- {what} (cột {cols}): chưa gồm số của {count} đơn vị: {names}."),
            Lang::En => format!(
                "- {what} (column{} {cols}): leaves out {}: {names}.",
                if cols.contains(',') { "s" } else { "" },
                lang.count(count as usize, ("", "unit", "units"))
            ),
        });
    }
    if !lines.is_empty() {
        // «x» written for 0 is read as blank: said so when a unit did.
        let heading = match crossed {
            true => lang.pick(
                "(*) Tổng chưa đủ: số có dấu (*) chưa gồm số của các đơn vị dưới đây, vì ô đó (hoặc cả dòng chỉ tiêu) trong biểu của đơn vị để trống hoặc ghi «x», bị bỏ hoặc không đọc được (không được coi là 0). Hãy xin đơn vị bổ sung trước khi trình ký.",
                "(*) Incomplete totals: a figure marked (*) leaves out the units below, whose cell (or the indicator's whole row) was empty or held «x», left out or could not be read (not taken as 0). Ask for their figures before signing.",
            ),
            false => lang.pick(
                "(*) Tổng chưa đủ: số có dấu (*) chưa gồm số của các đơn vị dưới đây, vì ô đó (hoặc cả dòng chỉ tiêu) trong biểu của đơn vị để trống, bị bỏ hoặc không đọc được (không được coi là 0). Hãy xin đơn vị bổ sung trước khi trình ký.",
                "(*) Incomplete totals: a figure marked (*) leaves out the units below, whose cell (or the indicator's whole row) was empty, left out or could not be read (not taken as 0). Ask for their figures before signing.",
            ),
        };
        lines.insert(0, heading.to_string());
    }
    for (u, a) in parts
        .iter()
        .filter_map(|&u| Some((u, t.agencies.get(u as usize)?)))
    {
        lines.push(format!(
            "(*) {}",
            parts_words(&a.shown(), missing.get(&u), lang)
        ));
    }
    for a in aside {
        lines.extend(aside_words(a, t, lang).map(|w| format!("(*) {w}")));
    }
    lines
}

/// The footnote lines of the figures a unit's own note calls incomplete
/// ([`crate::reconcile::stated_incomplete`]): one per unit and
/// indicator, its columns together.
fn incomplete_footnote(
    incomplete: &[crate::reconcile::Incomplete],
    t: &Template,
    lang: Lang,
) -> Vec<String> {
    let findings = crate::outputs::Sheet::Findings.name(lang);
    let mut lines: Vec<((usize, usize), Vec<&str>)> = Vec::new();
    for e in incomplete {
        match lines.iter_mut().find(|(k, _)| *k == (e.unit, e.indicator)) {
            Some((_, cols)) => cols.push(e.column.as_str()),
            None => lines.push(((e.unit, e.indicator), vec![e.column.as_str()])),
        }
    }
    lines
        .into_iter()
        .filter_map(|((u, i), cols)| {
            let ind = t.indicators.get(i)?;
            let unit = t.agencies.get(u)?.shown();
            let cols = cols.join(", ");
            Some(match lang {
                Lang::Vi => format!(
                    "(*) {} {} (cột {cols}): số của {unit} chưa đầy đủ (theo ghi chú của đơn vị, xem trang «{findings}»); số có dấu (*) chưa gồm phần còn thiếu. Hãy xin {unit} số đầy đủ trước khi trình ký.",
                    ind.code, ind.name
                ),
                Lang::En => format!(
                    "(*) {} {} (column {cols}): {unit}'s figure is incomplete (by the unit's own note, see the sheet «{findings}»); figures marked (*) lack the rest. Ask {unit} for the whole figure before signing.",
                    ind.code, ind.name
                ),
            })
        })
        .collect()
}

/// The footnote lines of the totals that carry the money of a file
/// written in another money unit than the catalog's (a `unit-mismatch`
/// error told once for the file, see
/// [`crate::reconcile::scale::money_rows_of`]): its figures stay in the
/// totals (the tool cannot know for sure which unit they are in, and a
/// total without them would look right), so the red totals are said
/// wrong on paper too, where the cells' notes do not print.
fn money_scale_footnote(findings: &[Finding], t: &Template, lang: Lang) -> Vec<String> {
    let sheet = crate::outputs::Sheet::Findings.name(lang);
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter_map(|f| {
            let rows = crate::reconcile::scale::money_rows_of(f);
            let u = t.agency_index(&f.unit)?;
            let counted: Vec<&str> = rows
                .into_iter()
                .filter(|c| t.indicator_index(c).is_some_and(|i| t.counts_towards_total(u, i)))
                .collect();
            let first = counted.first()?;
            let codes = match counted.len() {
                1 => (*first).to_string(),
                n => format!("{first} … {} ({n} chỉ tiêu)", counted[n - 1]),
            };
            let unit = t.agencies.get(u)?.shown();
            let (said, likely) = (&f.expected, &f.actual);
            Some(match lang {
                Lang::Vi => format!("Tổng sai do đơn vị tính: các tổng tô đỏ của {codes} gồm số tiền của {unit}, mà cả biểu nhiều khả năng ghi bằng {likely} chứ không phải {said} (xem trang «{sheet}»), nên sai theo và chưa dùng được. Hãy hỏi lại {unit}, nhận biểu đã sửa và tổng hợp lại trước khi trình ký."),
                Lang::En => format!("Totals off by a money unit: the red totals of {} include the money of {unit}, whose whole form is probably in {likely}, not in {said} (see the sheet «{sheet}»), so they are off with it and cannot be used. Ask {unit}, take its corrected form and consolidate again before sign-off.", codes.replace(" chỉ tiêu)", " indicators)")),
            })
        })
        .collect()
}

/// The footnote lines of the figures in the totals an `outlier` warning
/// disputes ([`crate::reconcile::outliers_disputed`]): one per unit,
/// indicator and column, naming the cell, the figure and the likely one.
fn disputed_footnote(
    disputed: &[crate::reconcile::Disputed],
    t: &Template,
    lang: Lang,
) -> Vec<String> {
    let findings = crate::outputs::Sheet::Findings.name(lang);
    disputed
        .iter()
        .filter_map(|e| {
            let ind = t.indicators.get(e.indicator)?;
            let unit = t.agencies.get(e.unit)?.shown();
            let (at, stated) = (&e.at, &e.stated);
            // A TH disputed is carried by the unit's LK: both signed.
            let col = match (e.column, lang) {
                (ValueColumn::Th, Lang::Vi) => "TH (và LK cộng từ đó)",
                (ValueColumn::Th, Lang::En) => "TH (and the LK it enters)",
                (c, _) => c.as_str(),
            };
            let likely = match (lang, e.likely.is_empty()) {
                (_, true) => String::new(),
                (Lang::Vi, false) => format!("; con số đúng có lẽ là khoảng {}", e.likely),
                (Lang::En, false) => format!("; the right figure is probably about {}", e.likely),
            };
            Some(match lang {
                Lang::Vi => format!(
                    "(*) {} {}, cột {col}: số có dấu (*) gồm số {stated} của {unit} (ô {at}), bị nghi sai (xem trang «{findings}»){likely}. Hãy xác nhận với {unit} trước khi trình ký.",
                    ind.code, ind.name
                ),
                Lang::En => format!(
                    "(*) {} {}, column {col}: figures marked (*) include {unit}'s {stated} (cell {at}), probably wrong (see the sheet «{findings}»){likely}. Confirm with {unit} before signing.",
                    ind.code, ind.name
                ),
            })
        })
        .collect()
}

/// The footnote lines of the stocks whose LK total takes a unit's TH
/// for the LK it stated ([`crate::reconcile::stock_lk_as_th`]): one per
/// unit and indicator, saying whose TH was taken, what LK it wrote, and
/// to confirm it before signing.
fn lk_from_th_footnote(
    taken: &[crate::reconcile::LkFromTh],
    t: &Template,
    lang: Lang,
) -> Vec<String> {
    let findings = crate::outputs::Sheet::Findings.name(lang);
    taken
        .iter()
        .filter_map(|e| {
            let ind = t.indicators.get(e.indicator)?;
            let unit = t.agencies.get(e.unit)?.shown();
            let th = crate::number::format_num(e.th, e.decimals, lang);
            let lk = crate::number::format_num(e.lk, e.decimals, lang);
            if let Some(written) = &e.written {
                return Some(match lang {
                    Lang::Vi => format!(
                        "(*) {} {}, cột LK: số của {unit} được lấy bằng thực hiện {th}, vì ô lũy kế đơn vị ghi «{written}», không phải là số: chỉ tiêu thời điểm có lũy kế là số có đến cuối kỳ, bằng thực hiện (xem trang «{findings}»); số có dấu (*) tính từ đó. Hãy xác nhận với {unit} trước khi trình ký.",
                        ind.code, ind.name
                    ),
                    Lang::En => format!(
                        "(*) {} {}, column LK: {unit}'s figure is taken as its TH {th}, since its LK cell holds «{written}», no number: a stock's LK is its level at the period's end, as its TH (see the sheet «{findings}»); figures marked (*) are worked from it. Confirm with {unit} before signing.",
                        ind.code, ind.name
                    ),
                });
            }
            Some(match lang {
                Lang::Vi => format!(
                    "(*) {} {}, cột LK: số của {unit} được lấy bằng thực hiện {th}, không lấy lũy kế {lk} đơn vị ghi: chỉ tiêu thời điểm có lũy kế là số có đến cuối kỳ, bằng thực hiện (xem trang «{findings}»); số có dấu (*) tính từ đó. Hãy xác nhận với {unit} trước khi trình ký.",
                    ind.code, ind.name
                ),
                Lang::En => format!(
                    "(*) {} {}, column LK: {unit}'s figure is taken as its TH {th}, not the LK {lk} it wrote: a stock's LK is its level at the period's end, as its TH (see the sheet «{findings}»); figures marked (*) are worked from it. Confirm with {unit} before signing.",
                    ind.code, ind.name
                ),
            })
        })
        .collect()
}

/// The footnote lines of the rows left blank because no unit in the
/// totals reports them ([`crate::reconcile::uncomputed::unreported`]):
/// one line for those no unit of the registry reports, one for those
/// whose units sent nothing consolidated.
fn unreported_footnote(
    u: &crate::reconcile::uncomputed::Unreported,
    t: &Template,
    lang: Lang,
) -> Vec<String> {
    use crate::reconcile::uncomputed::{codes_of, reporters_of};
    let status = crate::outputs::Sheet::Status.name(lang);
    let mut lines = Vec::new();
    if !u.absent.is_empty() {
        let codes = codes_of(&u.absent, usize::MAX, t, lang);
        let who = reporters_of(u, true, t, lang);
        lines.push(match (lang, u.absent_from.is_empty()) {
            (Lang::Vi, false) => format!("Dòng để trống: các chỉ tiêu {codes} do {who} báo cáo, nhưng danh sách đơn vị không có đơn vị nào như vậy: chưa có số liệu (không phải bằng 0)."),
            (Lang::Vi, true) => format!("Dòng để trống: các chỉ tiêu {codes} do các {who} báo cáo, nhưng danh sách đơn vị không có {who} nào: chưa có số liệu (không phải bằng 0)."),
            (Lang::En, false) => format!("Rows left empty: {codes} are reported by {who}, which the registry of units lacks: no figures (not zero)."),
            (Lang::En, true) => format!("Rows left empty: {codes} are reported by the {who}, of which the registry of units has none: no figures (not zero)."),
        });
    }
    if !u.silent.is_empty() {
        let codes = codes_of(&u.silent, usize::MAX, t, lang);
        let who = reporters_of(u, false, t, lang);
        lines.push(match lang {
            Lang::Vi => format!("Dòng để trống: các chỉ tiêu {codes} do {who} báo cáo, nhưng chưa có báo cáo nào của đơn vị này được tổng hợp (xem trang «{status}»): chưa có số liệu (không phải bằng 0)."),
            Lang::En => format!("Rows left empty: {codes} are reported by {who}, no report of whom was consolidated (see the sheet «{status}»): no figures (not zero)."),
        });
    }
    lines
}

/// The reporting units none of whose figures is in the totals: how many,
/// and the first `shown` by name (then how many more).
fn missing_units(
    in_totals: &std::collections::HashSet<usize>,
    t: &Template,
    lang: Lang,
    shown: usize,
) -> Option<(usize, String)> {
    let missing: Vec<&crate::template::Agency> = t
        .agencies
        .iter()
        .enumerate()
        .filter(|(u, a)| a.reports && !in_totals.contains(u))
        .map(|(_, a)| a)
        .collect();
    if missing.is_empty() {
        return None;
    }
    let mut names: Vec<String> = missing
        .iter()
        .take(shown)
        .map(|a| a.shown().into_owned())
        .collect();
    if missing.len() > shown {
        let more = missing.len() - shown;
        names.push(match lang {
            Lang::Vi => format!("và {more} đơn vị khác"),
            Lang::En => format!("and {more} more"),
        });
    }
    Some((missing.len(), names.join(", ")))
}

/// The footnote line naming the registry's reporting units whose figures
/// are not in the totals (nothing sent, or nothing that could be used),
/// the first 20 then how many more: the count under the title says how
/// many, this says which.
fn not_consolidated_footnote(
    in_totals: &std::collections::HashSet<usize>,
    t: &Template,
    lang: Lang,
) -> Option<String> {
    let (count, names) = missing_units(in_totals, t, lang, 20)?;
    let status = crate::outputs::Sheet::Status.name(lang);
    Some(match lang {
        Lang::Vi => format!("Chưa có số liệu của {} đơn vị: {names} (chưa gửi báo cáo, hoặc báo cáo không được tổng hợp: xem trang «{status}»).", count),
        Lang::En => format!("No figures from {}: {names} (no report, or a report not consolidated: see the sheet «{status}»).", lang.count(count, ("", "unit", "units"))),
    })
}

/// What the fills mean: the word in the fill, then what to do.
fn legend(lang: Lang) -> [(Severity, &'static str, &'static str); 2] {
    [
        (
            Severity::Error,
            Severity::Error.label(lang),
            lang.pick(
                "Số liệu có lỗi (nền đỏ, chữ đậm, viền đậm; xem ghi chú của ô và trang «Lỗi»): phải làm rõ trước khi trình ký.",
                "A figure in error (red, bold, thick border; see the cell's note and the sheet «Findings»): resolve it before signing.",
            ),
        ),
        (
            Severity::Warning,
            Severity::Warning.label(lang),
            lang.pick(
                "Số liệu có thể sai, hoặc đã được quy đổi đơn vị (nền vàng, viền nét đứt): cần xem lại.",
                "A figure probably wrong, or converted (yellow, dashed border): check it.",
            ),
        ),
    ]
}

/// The formats of figures (number format × bold × mark × partial sign),
/// each built once.
struct FigureFormats {
    border: bool,
    formats: foldhash::HashMap<(&'static str, bool, Option<Severity>, bool), Format>,
}

impl FigureFormats {
    fn new(border: bool) -> Self {
        FigureFormats {
            border,
            formats: foldhash::HashMap::default(),
        }
    }

    /// The format of a figure shown as `num`, in bold or not, marked by a
    /// finding of `mark`'s severity, and with [`PARTIAL_SIGN`] after it
    /// when `partial`.
    fn get(
        &mut self,
        num: &'static str,
        bold: bool,
        mark: Option<Severity>,
        partial: bool,
    ) -> &Format {
        let border = self.border;
        self.formats
            .entry((num, bold, mark, partial))
            .or_insert_with(|| {
                let mut f = base().set_align(FormatAlign::VerticalCenter);
                f = match partial {
                    true => f.set_num_format(with_partial_sign(num)),
                    false => f.set_num_format(num),
                };
                if bold {
                    f = f.set_bold();
                }
                if border {
                    f = f.set_border(FormatBorder::Thin);
                }
                if let Some(s) = mark {
                    f = f
                        .set_background_color(severity_fill(s))
                        .set_border(severity_border(s));
                    if s == Severity::Error {
                        f = f.set_bold();
                    }
                }
                f
            })
    }
}

/// Writes a figure (or, with none, an empty cell that still shows its
/// mark) and the mark's note.
fn write_figure(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
    format: &Format,
    mark: Option<&Mark>,
    lang: Lang,
) -> Result<(), XlsxError> {
    match value {
        Some(v) if v.is_finite() => {
            ws.write_number_with_format(row, col, v, format)?;
        }
        _ => {
            ws.write_blank(row, col, format)?;
        }
    }
    if let Some(m) = mark {
        ws.insert_note(row, col, &note_of(m, lang))?;
    }
    Ok(())
}

/// The widest word of `text` in bold, as a column width, so that a
/// wrapped header never breaks inside a word.
fn widest_word(text: &str) -> f64 {
    text.split_whitespace()
        .map(|w| width_for_px(text_px(w, true, FONT_SIZE)))
        .fold(0.0, f64::max)
}

/// Column widths, each widened to the longest word of its header.
fn fit_headers<const N: usize>(widths: [f64; N], headers: &[&str; N]) -> [f64; N] {
    let mut out = widths;
    for (w, h) in out.iter_mut().zip(headers) {
        *w = w.max(widest_word(h));
    }
    out
}

/// Writes `tong-hop.xlsx`.
///
/// # Errors
/// When the workbook cannot be built or written.
pub fn write_workbook(path: &Path, data: &ReportData) -> Result<(), Fatal> {
    write_workbook_split(path, data, limits::COLUMNS)
}

/// [`write_workbook`] with the detail sheet split into sheets of at most
/// `max_columns` columns (Excel's 16,384; fewer in the tests).
///
/// # Errors
/// When the workbook cannot be built or written.
pub fn write_workbook_split(path: &Path, data: &ReportData, max_columns: u32) -> Result<(), Fatal> {
    let mut wb = super::new_workbook();
    let names = sheet_names(data.lang);
    let e = xerr(path);
    // Times New Roman 11 is the default font too: empty cells, default
    // row heights and the unit of column widths (a 7-pixel digit).
    wb.set_default_format(&base(), 20, 64).map_err(&e)?;
    // The constant-memory sheets' temporary files go beside the output,
    // not to a temporary folder that may be held in memory (tmpfs).
    if let Some(dir) = path.parent().filter(|d| d.is_dir()) {
        wb.set_tempdir(dir).map_err(&e)?;
    }
    let included: Vec<(usize, &str)> = data
        .units
        .iter()
        .filter_map(|&(u, k)| data.figures.subs().get(k).map(|s| (u, s.file.as_str())))
        .collect();
    // The rows a unit-mismatch warning told once speaks for.
    let told: std::collections::HashMap<(&str, &str, &str), &Finding> = data
        .findings
        .iter()
        .filter(|f| f.code == crate::diagnostic::Code::UnitMismatch && f.indicator.is_empty())
        .map(|f| ((f.file.as_str(), f.sheet.as_str(), f.cell.as_str()), f))
        .collect();
    let mut spread = Vec::new();
    for &(u, k) in &data.units {
        let Some(sub) = data.figures.subs().get(k) else {
            continue;
        };
        for uc in &sub.unit_cells {
            let key = (sub.file.as_str(), uc.sheet.as_str(), uc.anchor.as_str());
            if let Some(&f) = told.get(&key) {
                let indicators = uc
                    .indicators
                    .iter()
                    .filter_map(|c| data.template.indicator_index(c))
                    .collect();
                spread.push((u, f, indicators));
            }
        }
    }
    let marks = Marks::new(data.findings, data.template, &included, &spread);
    // The sheets are added first and then written side by side: the
    // summary (held in memory, its formats numbered on its own) on one
    // thread, the rest in order on another. The detail sheet
    // (indicators × units) is written row by row to a temporary file
    // instead of being held in memory, its notes (one per disputed
    // figure, as many as the findings) kept until the end; so are the
    // status sheet (a line per unit of the registry) and the findings.
    // Those share the workbook's format numbers, which one thread hands
    // out in the same order in every run.
    wb.add_worksheet().set_name(names[0]).map_err(&e)?;
    let parts = detail_parts(data.units.len(), max_columns);
    for k in 0..parts.len() {
        let name = match k {
            0 => names[1].to_string(),
            _ => format!("{} ({})", names[1], k + 1),
        };
        wb.add_worksheet_with_constant_memory()
            .map_err(&e)?
            .set_name(name)
            .map_err(&e)?;
    }
    for name in [names[2], names[3]] {
        wb.add_worksheet_with_constant_memory()
            .map_err(&e)?
            .set_name(name)
            .map_err(&e)?;
    }
    let sheets = wb.worksheets_mut();
    let (summary, rest) = sheets
        .split_first_mut()
        .ok_or_else(|| e(XlsxError::ParameterError("no sheet".into())))?;
    let (details, rest) = rest.split_at_mut(parts.len());
    let [status, findings] = rest else {
        return Err(e(XlsxError::ParameterError("sheets missing".into())));
    };
    let (written_summary, written_rest) = std::thread::scope(|scope| {
        let summary = scope.spawn(|| summary_sheet(summary, data, &marks));
        let rest = (|| {
            for (ws, part) in details.iter_mut().zip(parts) {
                detail_sheet(ws, data, &marks, part)?;
            }
            status_sheet(status, data)?;
            findings_sheet(findings, data.findings, None, data.lang, Reader::Office)?;
            let t = &data.template.settings;
            let period = data.period.title(data.lang);
            let heading = [t.office.trim(), t.title.trim(), period.as_str()]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" — ");
            print_heading(status, &heading);
            print_heading(findings, &heading);
            Ok(())
        })();
        (summary.join(), rest)
    });
    written_summary
        .map_err(|_| Fatal::Other("the thread writing the summary sheet failed".into()))?
        .map_err(&e)?;
    written_rest.map_err(&e)?;
    let props = rust_xlsxwriter::DocProperties::new()
        .set_title(data.template.settings.title.as_str())
        .set_author("tonghop");
    wb.set_properties(&props);
    crate::report::notes_by_tonghop(&mut wb);
    write_atomic_with(path, |w| {
        wb.save_to_writer(w).map_err(std::io::Error::other)
    })
}

/// The indicator name column is as wide as the longest name, within
/// these bounds (Tổng hợp, Chi tiết); longer names wrap onto further lines.
const SUMMARY_NAME_WIDTH: (f64, f64) = (30.0, 52.0);
const DETAIL_NAME_WIDTH: (f64, f64) = (24.0, 36.0);

/// The width of the name column: the longest name, within `bounds`.
fn name_width(t: &Template, bounds: (f64, f64)) -> f64 {
    t.indicators
        .iter()
        .map(|i| width_for_px(text_px(&i.name, false, FONT_SIZE)))
        .fold(bounds.0, f64::max)
        .min(bounds.1)
}

fn summary_sheet(ws: &mut Worksheet, d: &ReportData, marks: &Marks) -> Result<(), XlsxError> {
    let t = d.template;
    let lang = d.lang;
    let last: u16 = 8;
    let (code_w, unit_w) = (9.0, 12.0);
    // Each figure column as wide as its widest total.
    let name_w = name_width(t, SUMMARY_NAME_WIDTH);
    let mut widths = [code_w, name_w, unit_w, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
    // The totals that leave out units which left their cell empty, in the
    // table's order: each prints with the sign, and the footnote says
    // whose figures it lacks.
    let partial: Vec<(usize, ValueColumn, &crate::reconcile::Partial)> = t
        .groups
        .iter()
        .flat_map(|g| {
            t.indicators
                .iter()
                .enumerate()
                .filter(move |(_, ind)| ind.group == g.code)
        })
        .flat_map(|(i, _)| ValueColumn::ALL.iter().map(move |c| (i, *c)))
        .filter(|&(i, c)| d.totals.shown(i, c).is_some())
        .filter_map(|(i, c)| Some((i, c, d.totals.blank_cells.get(&(i, c.index()))?)))
        .collect();
    let is_partial = |i: usize, c: ValueColumn| {
        (d.totals.blank_cells.contains_key(&(i, c.index()))
            || d.totals.taken_cells.contains(&(i, c.index()))
            || d.totals
                .incomplete
                .iter()
                .any(|e| e.cells.contains(&(i, c.index())))
            || d.totals
                .disputed
                .iter()
                .any(|e| e.cells.contains(&(i, c.index()))))
            && d.totals.shown(i, c).is_some()
    };
    let sign_units: u32 = PARTIAL_SIGN
        .chars()
        .map(|ch| u32::from(crate::report::fit::advance(ch, false)) * 2048 / 1000)
        .sum();
    for (k, c) in ValueColumn::ALL.iter().enumerate() {
        let widest = t
            .indicators
            .iter()
            .enumerate()
            .filter_map(|(i, ind)| {
                let v = d.totals.shown(i, *c)?;
                let num = if c.is_percent() {
                    "#,##0.00"
                } else {
                    summary_format(ind, d.totals.typed(i), d.totals.written_by_most(i))
                };
                let sign = if is_partial(i, *c) { sign_units } else { 0 };
                Some(number_units(v, format_decimals(num)) + sign)
            })
            .max()
            .unwrap_or(0);
        widths[3 + k] = width_for_units(widest, FONT_SIZE).max(10.0);
    }
    let full_width: f64 = widths.iter().sum();
    let mut printed = PrintedRows::new(row_height(1, FONT_SIZE));
    let title = base()
        .set_bold()
        .set_font_size(14)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    // The national heading every form has: the office on the left (code,
    // name and unit columns), the country and its motto on the right. One
    // row, so the table's header stays on row 5 where `check --against`
    // looks for it.
    let bold = base()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::Top);
    let office = t.settings.office.trim();
    let country = lang.pick(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        "SOCIALIST REPUBLIC OF VIET NAM\nIndependence - Freedom - Happiness",
    );
    let left_w: f64 = widths[..3].iter().sum();
    let right_w: f64 = widths[3..].iter().sum();
    printed.set(
        ws,
        0,
        row_height(
            wrapped_lines(office, left_w, true, FONT_SIZE)
                .max(wrapped_lines(country, right_w, true, FONT_SIZE)),
            FONT_SIZE,
        ),
    )?;
    ws.merge_range(0, 0, 0, 2, office, &bold)?;
    ws.merge_range(0, 3, 0, last, country, &bold)?;
    let heading = crate::outputs::summary_title(&t.settings.title, d.period, lang);
    printed.set(
        ws,
        1,
        row_height(wrapped_lines(&heading, full_width, true, 14.0), 14.0),
    )?;
    ws.merge_range(1, 0, 1, last, &heading, &title)?;
    let wards_total = t
        .agencies
        .iter()
        .filter(|a| a.kind == AgencyKind::Ward && a.reports)
        .count();
    // A unit whose report adds nothing (a blank form, every figure
    // unreadable) is in no total: not counted as consolidated.
    let adds: Vec<usize> = d
        .units
        .iter()
        .filter(|(_, k)| {
            d.figures
                .subs()
                .get(*k)
                .is_none_or(|s| !t.blank_report(s.unit, s.row_count()))
        })
        .map(|(u, _)| *u)
        .collect();
    let wards_in = adds
        .iter()
        .filter(|u| {
            t.agencies
                .get(**u)
                .is_some_and(|a| a.kind == AgencyKind::Ward)
        })
        .count();
    // The registry's own words: "phường", "xã, phường, đặc khu"…
    let words = t.count_words();
    // A registry of communes alone (a province's department collecting
    // from its communes) names no departments.
    let departments = t
        .agencies
        .iter()
        .any(|a| a.kind != AgencyKind::Ward && a.reports);
    let others = adds.len() - wards_in;
    let note = match (lang, departments) {
        (Lang::Vi, true) => format!(
            "(Tổng hợp từ {wards_in}/{wards_total} {} và {others} {})",
            words.units_vi, words.others_vi,
        ),
        (Lang::Vi, false) => format!("(Tổng hợp từ {wards_in}/{wards_total} {})", words.units_vi,),
        (Lang::En, true) => format!(
            "(Consolidated from {wards_in}/{wards_total} {} and {})",
            words.units_en,
            lang.count(others, ("", "department", "departments")),
        ),
        (Lang::En, false) => format!(
            "(Consolidated from {wards_in}/{wards_total} {})",
            words.units_en,
        ),
    };
    ws.merge_range(
        2,
        0,
        2,
        last,
        &note,
        &base().set_italic().set_align(FormatAlign::Center),
    )?;
    // Notes do not print: what the signs (*) mean, why a row is blank and
    // whose figures are missing is written under the table, above the
    // signatures.
    // A unit told that its «x» cells were read as blank
    // (`value-invalid`, [`crate::messages::Read::CrossedCells`]).
    let crossed = d.findings.iter().any(|f| {
        f.code == Code::ValueInvalid
            && !f.unit.is_empty()
            && f.indicator.is_empty()
            && !f.actual.is_empty()
            && f.actual.chars().all(|c| matches!(c, 'x' | 'X' | '×'))
    });
    let mut footnote = partial_footnote(
        &partial,
        (
            &d.totals.parts_only,
            &d.totals.parts_missing,
            &d.totals.set_aside,
        ),
        crossed,
        t,
        lang,
    );
    let heading_lines = usize::from(!footnote.is_empty() && !partial.is_empty());
    footnote.extend(lk_from_th_footnote(&d.totals.lk_from_th, t, lang));
    footnote.extend(incomplete_footnote(&d.totals.incomplete, t, lang));
    footnote.extend(money_scale_footnote(d.findings, t, lang));
    footnote.extend(disputed_footnote(&d.totals.disputed, t, lang));
    // The units whose figures are in the totals: the count under the
    // title's (a blank form adds nothing).
    let in_totals: std::collections::HashSet<usize> = adds.iter().copied().collect();
    let unreported =
        crate::reconcile::uncomputed::unreported(d.totals, t, |u| in_totals.contains(&u));
    footnote.extend(unreported_footnote(&unreported, t, lang));
    footnote.extend(crate::reconcile::uncomputed::blank_footnote(
        d.totals, t, lang,
    ));
    footnote.extend(not_consolidated_footnote(&in_totals, t, lang));
    // Every page repeats the legend: it points at the footnote, which
    // only the last page prints.
    let signed =
        (0..t.indicators.len()).any(|i| ValueColumn::ALL.iter().any(|&c| is_partial(i, c)));
    let pointer = match (signed, footnote.is_empty()) {
        (true, _) => lang.pick(
            " (*): xem ghi chú cuối bảng.",
            " (*): see the notes under the table.",
        ),
        (false, false) => lang.pick(" Xem ghi chú cuối bảng.", " See the notes under the table."),
        (false, true) => "",
    };
    // The legend, right under the title: each fill with its meaning
    // beside it, in one row.
    let legend_cols = [(0u16, 1u16, 2u16), (3, 4, last)];
    let meaning = base()
        .set_italic()
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    let mut lines = 1;
    // A summary with no total marked says so, instead of a legend that
    // speaks of errors to resolve on a page the leaders sign as it is.
    let marked = marks.cells().iter().any(|(p, ..)| *p == Place::Total);
    let legend: Vec<(Severity, &str, String)> = if marked {
        let [error, warning] = legend(lang);
        vec![
            (error.0, error.1, error.2.to_string()),
            (warning.0, warning.1, format!("{}{pointer}", warning.2)),
        ]
    } else {
        Vec::new()
    };
    if !marked {
        // Units with no figures in the totals (none sent, or a file set
        // aside): every total lacks them, said here above the table
        // rather than by a sign on every figure.
        let none = match missing_units(&in_totals, t, lang, 5) {
            Some((count, names)) => match lang {
                Lang::Vi => format!("Không có số liệu tổng hợp nào có lỗi, nhưng số tổng hợp chưa gồm số của {count} đơn vị chưa có báo cáo được tổng hợp: {names}. Hãy xin các đơn vị này gửi báo cáo trước khi trình ký."),
                Lang::En => format!("No total is in error, but the totals lack {} with no report consolidated: {names}. Ask them for their reports before signing.", lang.count(count, ("", "unit", "units"))),
            },
            None if signed => lang
                .pick(
                    "Không có số liệu tổng hợp nào có lỗi, nhưng số có dấu (*) là tổng chưa đủ, cần xem lại.",
                    "No total is in error, but a figure marked (*) is an incomplete total, to be checked.",
                )
                .to_string(),
            None => lang
                .pick(
                    "Không có số liệu tổng hợp nào có lỗi hay cần xem lại.",
                    "No total is in error or to be checked.",
                )
                .to_string(),
        };
        let none = format!("{none}{pointer}");
        lines = wrapped_lines(&none, full_width, false, FONT_SIZE);
        ws.merge_range(3, 0, 3, last, &none, &meaning)?;
    }
    for ((severity, word, text), (swatch, from, to)) in legend.into_iter().zip(legend_cols) {
        let w: f64 = widths[from as usize..=to as usize].iter().sum();
        lines = lines.max(wrapped_lines(&text, w, false, FONT_SIZE));
        // The swatch as a marked figure looks: its fill and its border.
        let swatch_format = base()
            .set_font_size(9)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_border(severity_border(severity))
            .set_background_color(severity_fill(severity));
        let swatch_format = match severity {
            Severity::Error => swatch_format.set_bold(),
            _ => swatch_format,
        };
        ws.write_string_with_format(3, swatch, word, &swatch_format)?;
        ws.merge_range(3, from, 3, to, &text, &meaning)?;
    }
    printed.set(ws, 3, row_height(lines, FONT_SIZE))?;
    let header_row = 4;
    let mut headers: Vec<String> = crate::outputs::summary_leading_headings(lang)
        .map(String::from)
        .to_vec();
    headers.extend(
        ValueColumn::ALL
            .iter()
            .map(|&c| column_heading(c, d.period, t.settings.ck_convention, lang)),
    );
    let hf = header_format();
    let header_lines = headers
        .iter()
        .zip(widths)
        .map(|(h, w)| wrapped_lines(h, w, true, FONT_SIZE))
        .max()
        .unwrap_or(1);
    printed.set(ws, header_row, row_height(header_lines, FONT_SIZE))?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(header_row, c as u16, h, &hf)?;
    }
    let cf = cell_format().set_align(FormatAlign::VerticalCenter);
    let wrapped = cf.clone().set_text_wrap();
    let section = base()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xF2F2F2));
    let mut figures = FigureFormats::new(true);
    let mut row = header_row + 1;
    // The rows of the last two indicators, which print with the block the
    // summary is signed in.
    let mut last_two = [row; 2];
    for (gi, g) in t.groups.iter().enumerate() {
        let members: Vec<(usize, &Indicator)> = t
            .indicators
            .iter()
            .enumerate()
            .filter(|(_, i)| i.group == g.code)
            .collect();
        if members.is_empty() {
            continue;
        }
        ws.write_blank(row, 0, &section)?;
        let name = format!(
            "{}. {}",
            crate::model::roman(gi as u32 + 1),
            g.name.to_uppercase()
        );
        let lines = wrapped_lines(&name, widths[1], true, FONT_SIZE);
        printed.set(ws, row, row_height(lines, FONT_SIZE))?;
        // A section's heading prints on the page of its first indicator.
        printed.at(row).keep_with_next = true;
        ws.write_string_with_format(row, 1, name, &section.clone().set_text_wrap())?;
        for c in 2..=last {
            ws.write_blank(row, c, &section)?;
        }
        row += 1;
        for (i, ind) in members {
            // Long names wrap: the row is as tall as they need.
            let lines = wrapped_lines(&ind.name, widths[1], false, FONT_SIZE)
                .max(wrapped_lines(&ind.unit, widths[2], false, FONT_SIZE));
            printed.set(ws, row, row_height(lines, FONT_SIZE))?;
            last_two = [last_two[1], row];
            ws.write_string_with_format(row, 0, &ind.code, &cf)?;
            ws.write_string_with_format(row, 1, &ind.name, &wrapped)?;
            ws.write_string_with_format(row, 2, &ind.unit, &wrapped)?;
            for (k, c) in ValueColumn::ALL.iter().enumerate() {
                let num = if c.is_percent() {
                    "#,##0.00"
                } else {
                    summary_format(ind, d.totals.typed(i), d.totals.written_by_most(i))
                };
                let value = d.totals.shown(i, *c);
                // A percent or a rate not computed has no figure to doubt.
                let computed = value.is_some() || !(c.is_percent() || ind.kind == Kind::Rate);
                let mark = marks.get(Place::Total, i, *c).filter(|_| computed);
                let format = figures.get(num, false, mark.map(Mark::severity), is_partial(i, *c));
                // A total some units left a cell of empty: the note names
                // them (their figure is unknown, not zero), after the
                // findings of a disputed one: the (*) it prints is said
                // whatever else is.
                let blank = d.totals.blank_cells.get(&(i, c.index()));
                let short = match (blank, value) {
                    (Some(units), Some(_)) => Some(left_out(
                        units,
                        (&d.totals.parts_only, &d.totals.parts_missing),
                        &d.totals.set_aside,
                        t,
                        lang,
                    )),
                    _ => None,
                };
                let col = 3 + k as u16;
                match (mark, short) {
                    (Some(m), Some(text)) if !text.is_empty() => {
                        write_figure(ws, row, col, value, format, None, lang)?;
                        let both = format!("{}\n\n{text}", m.note(lang));
                        ws.insert_note(row, col, &sized_note(&both))?;
                    }
                    (None, Some(text)) => {
                        write_figure(ws, row, col, value, format, None, lang)?;
                        ws.insert_note(row, col, &figure_note(&text))?;
                    }
                    (mark, _) => write_figure(ws, row, col, value, format, mark, lang)?,
                }
                // A rate nothing recomputes (an index, a price) is the
                // figure its unit stated: the cell says whose it is.
                if let (None, Some(taken), Some(_)) =
                    (mark, d.totals.taken.get(&(i, c.index())), value)
                {
                    let who = t
                        .agencies
                        .get(taken.unit)
                        .map_or_else(Default::default, |a| a.shown());
                    let text = match lang {
                        Lang::Vi => format!(
                            "Số liệu của {who} ({}, ô {}): chỉ tiêu không cộng, không tính lại được từ số của các {}.",
                            taken.file,
                            taken.cell,
                            t.level_words().units_vi
                        ),
                        Lang::En => format!(
                            "The figure stated by {who} ({}, cell {}): the indicator can be neither summed nor recomputed from the {}' figures.",
                            taken.file,
                            taken.cell,
                            t.level_words().units_en
                        ),
                    };
                    ws.insert_note(row, 3 + k as u16, &figure_note(&text))?;
                }
                // A rate's KH is the target its department stated: the
                // cell says whose it is.
                if let (ValueColumn::Kh, None, Some(target)) = (c, mark, d.totals.targets.get(&i)) {
                    let who = t
                        .agencies
                        .get(target.unit)
                        .map_or_else(Default::default, |a| a.shown());
                    let text = match lang {
                        Lang::Vi => format!(
                            "Chỉ tiêu kế hoạch của {who} ({}, ô {}), không tính từ các {}.",
                            target.file,
                            target.cell,
                            t.level_words().units_vi
                        ),
                        Lang::En => format!(
                            "The target stated by {who} ({}, cell {}), not computed from the {}.",
                            target.file,
                            target.cell,
                            t.level_words().units_en
                        ),
                    };
                    ws.insert_note(row, 3 + k as u16, &figure_note(&text))?;
                }
            }
            row += 1;
        }
    }
    // The rows the footnote's lines start, each a place the block it is
    // signed in may be kept from.
    let mut noted = Vec::new();
    if !footnote.is_empty() {
        row += 1;
        noted = (row..row + footnote.len() as u32).collect();
        let text = base().set_text_wrap().set_align(FormatAlign::Top);
        let heading = text.clone().set_italic();
        for (k, line) in footnote.iter().enumerate() {
            let lines = wrapped_lines(line, full_width, false, FONT_SIZE);
            printed.set(ws, row, row_height(lines, FONT_SIZE))?;
            let f = if k < heading_lines { &heading } else { &text };
            ws.merge_range(row, 0, row, last, line, f)?;
            row += 1;
        }
    }
    let end = signature_block(
        ws,
        &mut printed,
        row + 1,
        last,
        &t.settings.signer,
        d.period.year,
        lang,
    )?;
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    print_setup(ws, lang);
    // The title, the legend and the header repeat on every printed page.
    ws.set_repeat_rows(0, header_row)?;
    // Printed at the scale that fits the page width, and not "fitted to
    // the width": Excel ignores the manual breaks of a sheet fitted to
    // pages, and these keep the signatures with the table.
    let scale = SUMMARY_PAPER.scale_to_width(printed_width_pt(&widths));
    ws.set_print_scale(scale);
    let room = SUMMARY_PAPER.room_pt(scale);
    let repeated: f64 = printed.rows[..=header_row as usize]
        .iter()
        .map(|r| r.height_pt)
        .sum();
    // The date line, the signer and the room to sign stay on one page
    // with the table's last two indicators (and a section heading between
    // them); when that would leave the page before nearly blank (a long
    // footnote under them), with its last indicator, or with the
    // footnote's last lines; never alone. A break the program makes
    // itself is left to it.
    let chain_fits = |first: u32| {
        let rows = &printed.rows[first as usize..=end as usize];
        repeated + rows.iter().map(|r| r.height_pt).sum::<f64>() <= room
    };
    let mut starts: Vec<u32> = [last_two[0], last_two[1]]
        .into_iter()
        .chain(noted)
        .filter(|&f| f > header_row && chain_fits(f))
        .collect();
    starts.dedup();
    if starts.is_empty() {
        starts.push(row.saturating_sub(1).max(header_row + 1));
    }
    // The rows left to sign in print too, though no cell is written there.
    ws.set_print_area(0, 0, end, last)?;
    let breaks = signed_breaks(
        &printed.rows,
        &starts,
        end,
        header_row as usize + 1,
        repeated,
        room,
    );
    ws.set_page_breaks(&breaks)?;
    ws.set_print_center_horizontally(true);
    Ok(())
}

/// The page setup of «Tổng hợp» (and of every sheet of the workbook):
/// A4 landscape, margins left, right, top and bottom in inches.
pub(crate) const SUMMARY_PAPER: Paper = Paper::a4_landscape(0.5, 0.5, 0.6, 0.6);

/// Row `row` of «Tổng hợp» is `height` points tall: recorded for its
/// page breaks, and stated in the sheet when it is not a line's.
trait StatedRows {
    fn set(&mut self, ws: &mut Worksheet, row: u32, height: f64) -> Result<(), XlsxError>;
}

impl StatedRows for PrintedRows {
    fn set(&mut self, ws: &mut Worksheet, row: u32, height: f64) -> Result<(), XlsxError> {
        self.set_height(row, height);
        if height != row_height(1, FONT_SIZE) {
            ws.set_row_height(row, height)?;
        }
        Ok(())
    }
}

/// The block a printed summary is signed in, from row `top`: the one who
/// made it on the left, the place and date and the template's `signer`
/// on the right, each with room to sign. Columns 0–2 and 5–`last`.
/// Returns the block's last row (the end of the room to sign).
fn signature_block(
    ws: &mut Worksheet,
    printed: &mut PrintedRows,
    top: u32,
    last: u16,
    signer: &str,
    year: i32,
    lang: Lang,
) -> Result<u32, XlsxError> {
    let bold = base().set_bold().set_align(FormatAlign::Center);
    let italic = base().set_italic().set_align(FormatAlign::Center);
    let signer = match signer.trim() {
        "" => lang
            .pick("THỦ TRƯỞNG ĐƠN VỊ", "HEAD OF THE OFFICE")
            .to_string(),
        s => s.to_string(),
    };
    // The year is the period's, as the forms print it.
    let (maker, date, sign_left, sign_right) = match lang {
        Lang::Vi => (
            "NGƯỜI LẬP BIỂU",
            format!("……………, ngày …… tháng …… năm {year}"),
            "(Ký, ghi rõ họ tên)",
            "(Ký tên, đóng dấu)",
        ),
        Lang::En => (
            "PREPARED BY",
            format!("……………, date …… / …… / {year}"),
            "(Signature, full name)",
            "(Signature, seal)",
        ),
    };
    ws.merge_range(top, 5, top, last, &date, &italic)?;
    ws.merge_range(top + 1, 0, top + 1, 2, maker, &bold)?;
    // A signer of several lines ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ
    // CHỦ TỊCH"): a row as tall as they are, each line printed whole.
    let lines = signer.lines().count();
    printed.set(ws, top + 1, row_height(lines, FONT_SIZE))?;
    let wrapped = bold.clone().set_text_wrap();
    ws.merge_range(top + 1, 5, top + 1, last, &signer, &wrapped)?;
    ws.merge_range(top + 2, 0, top + 2, 2, sign_left, &italic)?;
    ws.merge_range(top + 2, 5, top + 2, last, sign_right, &italic)?;
    // Room for the signatures and the seal.
    for r in top + 3..top + 7 {
        printed.set(ws, r, 18.0)?;
    }
    Ok(top + 6)
}

/// Chi tiết's columns of code, unit of measure and TH/LK.
const DETAIL_CODE_WIDTH: f64 = 8.0;
const DETAIL_UNIT_WIDTH: f64 = 12.0;
const DETAIL_COLUMN_WIDTH: f64 = 5.0;

/// A unit's column is never narrower than this, and widens (up to
/// [`DETAIL_MAX_UNIT_WIDTH`]) until its name takes at most
/// [`DETAIL_HEADER_LINES`] lines.
const DETAIL_MIN_UNIT_WIDTH: f64 = 8.0;
const DETAIL_MAX_UNIT_WIDTH: f64 = 24.0;
const DETAIL_HEADER_LINES: usize = 3;

/// Chi tiết prints at this scale (percent): a dozen units a page.
const DETAIL_PRINT_SCALE: u16 = 75;

/// The units of the detail sheet in column order, the wards first: the
/// units' positions in `d.units` and how many of them are wards.
fn detail_order(d: &ReportData) -> (Vec<usize>, usize) {
    let is_ward = |u: usize| {
        d.template
            .agencies
            .get(u)
            .is_some_and(|a| a.kind == AgencyKind::Ward)
    };
    let wards = (0..d.units.len()).filter(|&k| is_ward(d.units[k].0));
    let others = (0..d.units.len()).filter(|&k| !is_ward(d.units[k].0));
    let order: Vec<usize> = wards.chain(others).collect();
    let ward_count = order.iter().filter(|&&k| is_ward(d.units[k].0)).count();
    (order, ward_count)
}

/// The columns of a detail sheet besides the units': code, name, unit,
/// column, and the total.
const DETAIL_FIXED_COLUMNS: u32 = 5;

/// Chi tiết's Tổng cộng column (E), right after the labels.
const DETAIL_TOTAL_COL: u16 = 4;

/// The parts of the detail sheet, each as many units as a sheet's
/// `columns` hold beside the fixed ones (one part unless a registry has
/// more than 16,379 units).
fn detail_parts(units: usize, columns: u32) -> Vec<std::ops::Range<usize>> {
    let per = (columns.saturating_sub(DETAIL_FIXED_COLUMNS) as usize).max(1);
    if units == 0 {
        return std::iter::once(0..0).collect();
    }
    (0..units)
        .step_by(per)
        .map(|s| s..(s + per).min(units))
        .collect()
}

/// The detail sheet of the units at `part` of the column order (all of
/// them unless the sheet is split, see [`detail_parts`]).
fn detail_sheet(
    ws: &mut Worksheet,
    d: &ReportData,
    marks: &Marks,
    part: std::ops::Range<usize>,
) -> Result<(), XlsxError> {
    let t = d.template;
    let lang = d.lang;
    let hf = header_format();
    let (order, ward_count) = detail_order(d);
    let here = &order[part.clone()];
    // Wards of this part; the total is a sum of the sheet's own cells
    // only when it holds every ward.
    let wards_here = part.clone().filter(|&p| p < ward_count).count();
    let all_wards_here = wards_here == ward_count;
    // Units in column order: the wards, then the others.
    let in_order: Vec<usize> = here.iter().map(|&k| d.units[k].1).collect();
    // The agency shown at each position of `in_order`.
    let agency_at: Vec<usize> = here.iter().map(|&k| d.units[k].0).collect();
    // The total right after the labels, printed with them on every page
    // (a clerk reads the total first, whichever wards a page shows); the
    // wards after it, then the other units.
    let total_col: u16 = DETAIL_TOTAL_COL;
    let first_unit_col: u16 = total_col + 1;
    let col_of = |pos: usize| -> u16 { first_unit_col + pos as u16 };
    let columns = [ValueColumn::Th, ValueColumn::Lk];
    let decimals: Vec<u8> = t
        .indicators
        .iter()
        .enumerate()
        .map(|(k, i)| format_decimals(shown_format(i, d.totals.typed(k))))
        .collect();
    // The cells come a band of indicators at a time (see DetailCells).
    let io = |e: Fatal| XlsxError::IoError(std::io::Error::other(e.to_string()));
    let mut bands = DetailCells::new(
        d.figures,
        &in_order,
        &columns,
        t.indicators.len(),
        &decimals,
    )
    .map_err(io)?;
    // Headers and widths: every column as wide as its widest figure and
    // the longest word of its header, the header row as tall as the
    // names need.
    let total_word = lang.pick("Tổng cộng", "Total");
    let name_w = name_width(t, DETAIL_NAME_WIDTH);
    // A unit's name with what tells it from its namesakes.
    let shown: Vec<std::borrow::Cow<str>> =
        agency_at.iter().map(|&u| t.agencies[u].shown()).collect();
    let mut header: Vec<(u16, &str, f64)> = vec![
        (0, lang.pick("Mã", "Code"), DETAIL_CODE_WIDTH),
        (1, lang.pick("Chỉ tiêu", "Indicator"), name_w),
        (2, lang.pick("ĐVT", "Unit"), DETAIL_UNIT_WIDTH),
        (3, lang.pick("Cột", "Column"), DETAIL_COLUMN_WIDTH),
    ];
    for (_, h, w) in &mut header {
        *w = w.max(widest_word(h));
    }
    let unit_width = |widest: u32, name: &str| {
        let least = width_for_units(widest, FONT_SIZE)
            .max(widest_word(name))
            .max(DETAIL_MIN_UNIT_WIDTH);
        width_for_lines(
            name,
            DETAIL_HEADER_LINES,
            true,
            least,
            DETAIL_MAX_UNIT_WIDTH.max(least),
        )
    };
    for (pos, name) in shown.iter().enumerate() {
        let name = name.as_ref();
        let widest = bands.widest().get(pos).copied().unwrap_or(0);
        header.push((col_of(pos), name, unit_width(widest, name)));
    }
    let widest_total = t
        .indicators
        .iter()
        .enumerate()
        .flat_map(|(i, _)| columns.iter().map(move |c| (i, *c)))
        .filter_map(|(i, c)| Some(number_units(d.totals.shown(i, c)?, decimals[i])))
        .max()
        .unwrap_or(0);
    header.push((total_col, total_word, unit_width(widest_total, total_word)));
    header.sort_by_key(|(c, _, _)| *c);
    let header_lines = header
        .iter()
        .map(|(_, h, w)| wrapped_lines(h, *w, true, FONT_SIZE))
        .max()
        .unwrap_or(1);
    for (c, _, w) in &header {
        ws.set_column_width(*c, *w)?;
    }
    ws.set_row_height(0, row_height(header_lines, FONT_SIZE))?;
    for (c, h, _) in &header {
        ws.write_string_with_format(0, *c, *h, &hf)?;
    }
    let text = base().set_align(FormatAlign::VerticalCenter);
    let wrapped = text.clone().set_text_wrap();
    let mut figures = FigureFormats::new(false);
    let mut row: u32 = 1;
    // Whether a unit's column holds a figure or a mark on a row that
    // prints: a department that reports only indicators whose rows are
    // hidden would print an empty column on every page of its strip.
    let mut visible = vec![false; agency_at.len()];
    let mut rows_hidden = false;
    // A stock's TH of a unit that sent no TH column is its LK (both its
    // level at the period's end), as in the totals: shown so, the row's
    // sum is the total.
    let th_of_stock: HashMap<(usize, usize), f64> = d
        .totals
        .th_from_lk
        .iter()
        .map(|e| ((e.indicator, e.unit), e.lk))
        .collect();
    for b in 0..bands.band_count() {
        let band = bands.band(b);
        let cells = bands.cells(b).map_err(io)?;
        for i in band.clone() {
            let ind = &t.indicators[i];
            let num = shown_format(ind, d.totals.typed(i));
            let lines = wrapped_lines(&ind.name, name_w, false, FONT_SIZE);
            let marked = marks.any(i);
            // An indicator only its department reports prints nothing in
            // a ward's column: on a sheet of wards its rows, empty on
            // every page of wards (114 of a 150-ward city's 124 pages),
            // are hidden (still in the sheet, for `--previous` and for
            // whoever unhides them); its figure is the department's, the
            // total in Tổng hợp.
            let hidden = ind.level == Level::District && wards_here > 0;
            for (q, column) in columns.into_iter().enumerate() {
                // One line too (see [`wrapped_row_height`]).
                ws.set_row_height(row, row_height(lines, FONT_SIZE))?;
                if hidden {
                    ws.set_row_hidden(row)?;
                    rows_hidden = true;
                }
                ws.write_string_with_format(row, 0, &ind.code, &text)?;
                ws.write_string_with_format(row, 1, &ind.name, &wrapped)?;
                ws.write_string_with_format(row, 2, &ind.unit, &text)?;
                ws.write_string_with_format(row, 3, column.as_str(), &text)?;
                let line = ((i - band.start) * columns.len() + q) * in_order.len();
                let value = |pos: usize| cells[line + pos];
                // The format of an unmarked figure, looked up once per row.
                let plain = figures.get(num, false, None, false).clone();
                let mut dept_col = None;
                for (pos, &u) in agency_at.iter().enumerate() {
                    let col = col_of(pos);
                    let mark = if marked {
                        marks.get(Place::Unit(u), i, column)
                    } else {
                        None
                    };
                    let v = value(pos).or_else(|| match column {
                        ValueColumn::Th => th_of_stock.get(&(i, u)).copied(),
                        _ => None,
                    });
                    if !hidden && (v.is_some() || mark.is_some()) {
                        visible[pos] = true;
                    }
                    match mark {
                        Some(m) => {
                            let format = figures.get(num, false, Some(m.severity()), false);
                            write_figure(ws, row, col, v, format, mark, lang)?;
                        }
                        None if v.is_some() => write_figure(ws, row, col, v, &plain, None, lang)?,
                        None => {}
                    }
                    if pos >= wards_here && t.agencies[u].code == ind.reported_by {
                        dept_col = Some(col);
                    }
                }
                let total = d.totals.shown(i, column);
                let mark = if marked && (total.is_some() || ind.kind != Kind::Rate) {
                    marks.get(Place::Total, i, column)
                } else {
                    None
                };
                // A stock's LK total that took a unit's TH for the LK it
                // wrote is no sum of the row: its figure, signed as in
                // Tổng hợp, whose footnote says whose.
                let th_for_lk = d.totals.taken_cells.contains(&(i, column.index()));
                let total_fmt = figures
                    .get(num, true, mark.map(Mark::severity), th_for_lk)
                    .clone();
                match (ind.kind, ind.level, total) {
                    (_, _, None) => {
                        if mark.is_some() {
                            write_figure(ws, row, total_col, None, &total_fmt, mark, lang)?;
                        }
                    }
                    (Kind::Rate, _, Some(v)) => {
                        write_figure(ws, row, total_col, Some(v), &total_fmt, mark, lang)?;
                    }
                    (_, Level::District, Some(v)) => match dept_col {
                        Some(c) => {
                            let f =
                                Formula::new(format!("={}{}", column_letters(c as u32), row + 1))
                                    .set_result(v.to_string());
                            ws.write_formula_with_format(row, total_col, f, &total_fmt)?;
                            if let Some(m) = mark {
                                ws.insert_note(row, total_col, &note_of(m, lang))?;
                            }
                        }
                        None => {
                            write_figure(ws, row, total_col, Some(v), &total_fmt, mark, lang)?;
                        }
                    },
                    (_, _, Some(v)) if wards_here > 0 && all_wards_here && !th_for_lk => {
                        let f = Formula::new(format!(
                            "=SUM({}{}:{}{})",
                            column_letters(first_unit_col as u32),
                            row + 1,
                            column_letters(u32::from(first_unit_col) + wards_here as u32 - 1),
                            row + 1
                        ))
                        .set_result(v.to_string());
                        ws.write_formula_with_format(row, total_col, f, &total_fmt)?;
                        if let Some(m) = mark {
                            ws.insert_note(row, total_col, &note_of(m, lang))?;
                        }
                    }
                    (_, _, Some(v)) => {
                        write_figure(ws, row, total_col, Some(v), &total_fmt, mark, lang)?;
                    }
                }
                row += 1;
            }
        }
    }
    // A department's column with nothing on the rows that print is
    // hidden: not printed (its figures, on hidden rows, are Tổng hợp's
    // totals); unhiding it shows them.
    for (pos, shows) in visible.iter().enumerate() {
        if pos >= wards_here && !shows {
            ws.set_column_hidden(col_of(pos))?;
        }
    }
    ws.set_freeze_panes(1, total_col + 1)?;
    print_setup(ws, lang);
    // Every page says that rows are hidden, and where their figures are.
    if rows_hidden {
        let others = t.count_words().others_vi;
        let summary = crate::outputs::Sheet::Summary.name(lang);
        let said = match lang {
            Lang::Vi => format!("Dòng ẩn: chỉ tiêu chỉ {others} báo cáo; số của {others} là số tổng ở trang «{summary}»."),
            Lang::En => format!("Hidden rows: indicators only departments report; their figure is the total on the sheet «{summary}»."),
        };
        // The right section first: the code still ends with the page
        // number, as every sheet's.
        ws.set_footer(format!(
            "&L&\"{FONT},Regular\"&9&A&R&\"{FONT},Italic\"&8{}&C{}",
            said.replace('&', "&&"),
            page_number_footer(10, lang)
        ));
    }
    ws.set_margins(0.4, 0.4, 1.0, 0.6, 0.3, 0.3);
    ws.set_header(detail_heading(&d.template.settings.office, d.period, lang));
    // Code, name, unit, column and the total, and the header row, on
    // every page.
    ws.set_repeat_rows(0, 0)?;
    ws.set_repeat_columns(0, total_col)?;
    ws.set_print_gridlines(true);
    ws.set_print_scale(DETAIL_PRINT_SCALE);
    Ok(())
}

/// The page header of Chi tiết: the office (as the other sheets' headings
/// name it), the title and period, the legend of the fills; within
/// Excel's 255 characters (the legend, then the office, left out when
/// they do not fit). The sheet's first row stays its header, the one the
/// next quarter's `--previous` reads.
fn detail_heading(office: &str, period: Period, lang: Lang) -> String {
    let title = format!(
        "{} — {}",
        lang.pick("CHI TIẾT SỐ LIỆU THEO ĐƠN VỊ", "DETAIL BY UNIT"),
        period.title(lang).to_uppercase()
    );
    let key = lang.pick(
        "Lỗi: nền đỏ, chữ đậm, viền đậm; cảnh báo: nền vàng, viền nét đứt (xem ghi chú của ô, trang «Lỗi»)",
        "Error: red, bold, thick border; warning: yellow, dashed border (see the cell's note and the sheet «Findings»)",
    );
    let office = office.trim().replace('&', "&&");
    let office = match office.is_empty() {
        true => String::new(),
        false => format!("&\"{FONT},Bold\"&10{office}\n"),
    };
    let title = format!("&\"{FONT},Bold\"&12{title}");
    let key = format!("\n&\"{FONT},Italic\"&9{key}");
    [
        format!("&C{office}{title}{key}"),
        format!("&C{office}{title}"),
        format!("&C{title}"),
    ]
    .into_iter()
    .find(|h| h.encode_utf16().count() <= 255)
    .unwrap_or_default()
}

/// The fill of a line with these findings: its worst severity, none for
/// information only.
fn worst(tally: Tally) -> Option<Severity> {
    if tally.errors > 0 {
        Some(Severity::Error)
    } else if tally.warnings > 0 {
        Some(Severity::Warning)
    } else {
        None
    }
}

/// The height of a row whose wrapped cells are `(text, width)`.
///
/// Written for a row of one line too: LibreOffice fits the height of a
/// row that states none itself, and gave some one-line rows of file names
/// (`phuong-nam-truong_q3_2025.xlsx`) two lines.
fn wrapped_row_height(cells: &[(&str, f64)]) -> f64 {
    let lines = cells
        .iter()
        .map(|(t, w)| wrapped_lines(t, *w, false, FONT_SIZE))
        .max()
        .unwrap_or(1);
    row_height(lines, FONT_SIZE)
}

/// Where a line of Tình trạng nộp stands: the units needing action come
/// first (with errors, then sent nothing usable, then with warnings), then
/// those with nothing to do.
fn action_group(status: Status, tally: Tally) -> u8 {
    if tally.errors > 0 {
        0
    } else if matches!(
        status,
        Status::Missing | Status::Unreadable | Status::WrongPeriod | Status::UnknownUnit
    ) {
        1
    } else if tally.warnings > 0 {
        2
    } else {
        3
    }
}

/// The counts above Tình trạng nộp's table: the registry's units by
/// state, and the files of no known unit.
fn status_counts(lines: &[StatusLine], lang: Lang) -> String {
    let mut units: Vec<&str> = lines
        .iter()
        .filter(|l| !l.unit.is_empty())
        .map(|l| l.unit.as_str())
        .collect();
    units.sort_unstable();
    units.dedup();
    let of = |states: &[Status]| {
        lines
            .iter()
            .filter(|l| !l.unit.is_empty() && states.contains(&l.status))
            .count()
    };
    let used = of(&[
        Status::Submitted,
        Status::Duplicate,
        Status::PartWrongPeriod,
    ]);
    let partial = of(&[Status::PartWrongPeriod]);
    let blank = of(&[Status::SubmittedBlank]);
    let missing = of(&[Status::Missing]);
    let unreadable = of(&[Status::Unreadable]);
    let wrong = of(&[Status::WrongPeriod]);
    let duplicate = of(&[Status::Duplicate]);
    let others = lines.iter().filter(|l| l.unit.is_empty()).count();
    match lang {
        Lang::Vi => {
            let mut text = format!(
                "Danh mục có {} đơn vị: {used} đã nộp và được tổng hợp (trong đó {duplicate} gửi trùng tệp)",
                units.len()
            );
            if blank > 0 {
                text.push_str(&format!(", {blank} gửi biểu trống"));
            }
            text.push_str(&format!(
                ", {missing} chưa nộp, {unreadable} không đọc được, {wrong} gửi sai kỳ"
            ));
            if partial > 0 {
                text.push_str(&format!(
                    " cả báo cáo, {partial} gửi một phần báo cáo sai kỳ (phần đó chưa được tổng hợp)"
                ));
            }
            if others > 0 {
                text.push_str(&format!(
                    "; {others} tệp khác (không rõ đơn vị, không đọc được, bỏ qua)"
                ));
            }
            text.push('.');
            text
        }
        Lang::En => {
            let mut text = format!(
                "{} in the registry: {used} sent and consolidated ({duplicate} with duplicate files)",
                Lang::En.count(units.len(), ("", "unit", "units"))
            );
            if blank > 0 {
                text.push_str(&format!(", {blank} blank"));
            }
            text.push_str(&format!(
                ", {missing} missing, {unreadable} unreadable, {wrong} of the wrong period"
            ));
            if partial > 0 {
                text.push_str(&format!(
                    " as a whole, {partial} with a part of the wrong period (that part not consolidated)"
                ));
            }
            if others > 0 {
                text.push_str(&format!(
                    "; {} (unknown unit, unreadable, skipped)",
                    Lang::En.count(others, ("", "other file", "other files"))
                ));
            }
            text.push('.');
            text
        }
    }
}

/// Writes a line of text above a table, merged across its `columns`
/// (widths), wrapped and as tall as it needs.
fn line_above(
    ws: &mut Worksheet,
    row: u32,
    text: &str,
    widths: &[f64],
    bold: bool,
) -> Result<(), XlsxError> {
    let width: f64 = widths.iter().sum();
    let mut f = base().set_text_wrap().set_align(FormatAlign::Top);
    if bold {
        f = f.set_bold();
    }
    let lines = wrapped_lines(text, width, bold, FONT_SIZE);
    ws.set_row_height(row, row_height(lines, FONT_SIZE))?;
    ws.merge_range(
        row,
        0,
        row,
        widths.len() as u16 - 1,
        &limits::cell(text),
        &f,
    )?;
    Ok(())
}

/// Tình trạng nộp:
///
/// ```text
/// row 1   Danh mục có N đơn vị: … đã nộp …, … chưa nộp, …   (counts)
/// row 2   Xếp trước các đơn vị cần xử lý: …                  (the order)
/// row 3   STT | Mã đơn vị | Đơn vị | Tệp | Trạng thái | … (header, repeated
///         on every printed page, autofilter)
/// row 4…  one line per unit, then every other file
/// ```
fn status_sheet(ws: &mut Worksheet, d: &ReportData) -> Result<(), XlsxError> {
    const HEADER: u32 = 2;
    let lang = d.lang;
    let hf = header_format();
    let headers = [
        lang.pick("STT", "No."),
        lang.pick("Mã đơn vị", "Unit code"),
        lang.pick("Đơn vị", "Unit"),
        lang.pick("Tệp", "File"),
        lang.pick("Trạng thái", "Status"),
        lang.pick("Lỗi", "Errors"),
        lang.pick("Cảnh báo", "Warnings"),
        lang.pick("Thông tin", "Info"),
        lang.pick("Ghi chú", "Note"),
    ];
    let widths = fit_headers([5.0, 10.0, 26.0, 34.0, 14.0, 6.0, 9.0, 9.0, 48.0], &headers);
    line_above(ws, 0, &status_counts(&d.status, lang), &widths, true)?;
    line_above(
        ws,
        1,
        lang.pick(
            "Xếp trước các đơn vị cần xử lý: có lỗi, rồi chưa nộp, không đọc được hoặc sai kỳ, rồi có cảnh báo; sau đó các đơn vị không cần làm gì (trong mỗi nhóm theo thứ tự danh mục).",
            "Units needing action come first: with errors, then missing, unreadable or of the wrong period, then with warnings; then those with nothing to do (each group in registry order).",
        ),
        &widths,
        false,
    )?;
    let header_lines = headers
        .iter()
        .zip(widths)
        .map(|(h, w)| wrapped_lines(h, w, true, FONT_SIZE))
        .max()
        .unwrap_or(1);
    ws.set_row_height(HEADER, row_height(header_lines, FONT_SIZE))?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(HEADER, c as u16, *h, &hf)?;
    }
    // A line's format: filled by its worst finding; text wraps.
    let line_format = |fill: Option<Severity>, wrap: bool| {
        let mut f = cell_format().set_align(FormatAlign::Top);
        if wrap {
            f = f.set_text_wrap();
        }
        match fill {
            Some(s) => f.set_background_color(severity_fill(s)),
            None => f,
        }
    };
    let formats: Vec<(Format, Format)> = [None, Some(Severity::Error), Some(Severity::Warning)]
        .into_iter()
        .map(|s| (line_format(s, false), line_format(s, true)))
        .collect();
    // Findings of a line: by unit for known units, else by file. Counted
    // once, not once per line: a registry of thousands of units with
    // thousands of findings.
    let mut by_unit: HashMap<&str, Tally> = HashMap::new();
    let mut by_file: HashMap<&str, Tally> = HashMap::new();
    for f in d.findings {
        by_unit.entry(f.unit.as_str()).or_default().count(f);
        by_file.entry(f.file.as_str()).or_default().count(f);
    }
    let mut lines: Vec<(&StatusLine, Tally)> = d
        .status
        .iter()
        .map(|line| {
            let tally = if line.unit.is_empty() {
                let mut files: Vec<&str> =
                    line.files.split("; ").filter(|x| !x.is_empty()).collect();
                files.sort_unstable();
                files.dedup();
                let mut t = Tally::default();
                for file in files {
                    t.add(by_file.get(file).copied().unwrap_or_default());
                }
                t
            } else {
                by_unit.get(line.unit.as_str()).copied().unwrap_or_default()
            };
            (line, tally)
        })
        .collect();
    // Stable: each group keeps the registry's order.
    lines.sort_by_key(|(line, tally)| action_group(line.status, *tally));
    for (k, (line, tally)) in lines.into_iter().enumerate() {
        let row = k as u32 + HEADER + 1;
        let (plain, wrap) = match worst(tally) {
            None => &formats[0],
            Some(Severity::Error) => &formats[1],
            Some(_) => &formats[2],
        };
        let h = wrapped_row_height(&[
            (&line.unit_name, widths[2]),
            (&line.files, widths[3]),
            (line.status.label(lang), widths[4]),
            (&line.note, widths[8]),
        ]);
        ws.set_row_height(row, h)?;
        ws.write_number_with_format(row, 0, (k + 1) as f64, plain)?;
        ws.write_string_with_format(row, 1, &line.unit, plain)?;
        ws.write_string_with_format(row, 2, limits::cell(&line.unit_name), wrap)?;
        ws.write_string_with_format(row, 3, limits::cell(&line.files), wrap)?;
        ws.write_string_with_format(row, 4, line.status.label(lang), wrap)?;
        ws.write_number_with_format(row, 5, tally.errors as f64, plain)?;
        ws.write_number_with_format(row, 6, tally.warnings as f64, plain)?;
        ws.write_number_with_format(row, 7, tally.infos as f64, plain)?;
        ws.write_string_with_format(row, 8, limits::cell(&line.note), wrap)?;
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(HEADER + 1, 0)?;
    if !d.status.is_empty() {
        ws.autofilter(HEADER, 0, HEADER + d.status.len() as u32, 8)?;
    }
    print_setup(ws, lang);
    ws.set_repeat_rows(HEADER, HEADER)?;
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The counts above the office's error list: findings by severity, and
/// how many units the errors and the warnings are about.
fn findings_counts<F: std::borrow::Borrow<Finding>>(findings: &[F], lang: Lang) -> String {
    let tally = Tally::of(findings.iter().map(|f| f.borrow()));
    let units = |severity: Severity| {
        let mut u: Vec<&str> = findings
            .iter()
            .map(|f| f.borrow())
            .filter(|f| f.severity == severity && !f.unit.is_empty())
            .map(|f| f.unit.as_str())
            .collect();
        u.sort_unstable();
        u.dedup();
        u.len()
    };
    let (eu, wu) = (units(Severity::Error), units(Severity::Warning));
    match lang {
        Lang::Vi => format!(
            "{} lỗi (ở {eu} đơn vị), {} cảnh báo (ở {wu} đơn vị), {} thông tin.",
            tally.errors, tally.warnings, tally.infos
        ),
        Lang::En => format!(
            "{} (in {}), {} (in {}), {}.",
            Lang::En.count(tally.errors, ("", "error", "errors")),
            Lang::En.count(eu, ("", "unit", "units")),
            Lang::En.count(tally.warnings, ("", "warning", "warnings")),
            Lang::En.count(wu, ("", "unit", "units")),
            Lang::En.count(tally.infos, ("", "info item", "info items")),
        ),
    }
}

/// Who reads an error list. The office reads `tong-hop.xlsx`'s Lỗi sheet
/// as `errors.csv` writes it (codes, rules in the catalog's notation); a
/// ward clerk reads its feedback workbook: what was found in words where
/// the code was, a rule with `=`, `≤`, `≥`, and the message addressed to
/// the unit (a ward that sent nothing is not told to look at the office's
/// files).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    Office,
    Unit,
}

/// The columns of the error list's sheet whose text wraps; the others
/// are short codes (the unit's finding in words wraps).
pub(crate) fn findings_wrap(reader: Reader) -> [bool; 11] {
    [
        false,
        reader == Reader::Unit,
        true,
        true,
        true,
        false,
        false,
        false,
        true,
        true,
        true,
    ]
}

/// The error list's column names for `reader`: a unit's second column
/// says what was found, not its code.
pub(crate) fn findings_headers(lang: Lang, reader: Reader) -> [&'static str; 11] {
    let mut headers = crate::outputs::finding_headers(lang);
    if reader == Reader::Unit {
        headers[1] = lang.pick("Loại lỗi", "Finding");
    }
    headers
}

/// A finding's row of the error list as `reader` reads it (see
/// [`Reader`]).
pub(crate) fn finding_values<'a>(
    f: &'a Finding,
    template: Option<&Template>,
    lang: Lang,
    reader: Reader,
) -> [std::borrow::Cow<'a, str>; 11] {
    use std::borrow::Cow;
    let (code, expected, message) = match reader {
        // The office reads the code, but a rule as the page prints it:
        // `HC02 = HC03 + HC04`, not the machine's `==` (errors.csv keeps it).
        // A period in words (`Quý III/2026`), not its code.
        Reader::Office => (
            Cow::Borrowed(f.code.as_str()),
            crate::messages::shown_value(f, &f.expected, lang),
            f.message.as_str(),
        ),
        Reader::Unit => (
            Cow::Borrowed(crate::messages::unit_label(f, template, lang)),
            crate::messages::shown_value(f, &f.expected, lang),
            f.unit_message(),
        ),
    };
    [
        Cow::Borrowed(f.severity.label(lang)),
        code,
        Cow::Borrowed(f.unit.as_str()),
        Cow::Borrowed(f.file.as_str()),
        Cow::Borrowed(f.sheet.as_str()),
        Cow::Borrowed(f.cell.as_str()),
        Cow::Borrowed(f.indicator.as_str()),
        Cow::Borrowed(f.column.as_str()),
        expected,
        crate::messages::shown_value(f, &f.actual, lang),
        Cow::Borrowed(message),
    ]
}

/// The widths of the error list's columns (in 7-pixel digits), each at
/// least the longest word of its header.
pub(crate) fn findings_widths(lang: Lang, reader: Reader) -> [f64; 11] {
    fit_headers(
        [9.0, 20.0, 9.0, 20.0, 10.0, 6.0, 8.0, 6.0, 14.0, 14.0, 62.0],
        &findings_headers(lang, reader),
    )
}

/// The height of a row of the error list with these values in columns
/// `widths` wide, when its wrapped text takes more than a line.
pub(crate) fn findings_row_height<S: AsRef<str>>(
    values: &[S],
    widths: &[f64],
    reader: Reader,
) -> f64 {
    let wrapped: Vec<(&str, f64)> = values
        .iter()
        .zip(widths)
        .zip(findings_wrap(reader))
        .filter(|(_, wrap)| *wrap)
        .map(|((v, w), _)| (v.as_ref(), *w))
        .collect();
    wrapped_row_height(&wrapped)
}

/// From how many infos of one code the office's printed list folds them
/// into one line (one `formula-evaluated` per file buried a province's
/// 30 errors and warnings under 104 lines of the same info).
const FOLDED_INFOS: usize = 10;

/// How many files the folded line names before it says how many more.
const FOLDED_FILES: usize = 20;

/// The codes of the infos the office's list folds into one line each:
/// one per file (the same thing said of each file), in
/// [`FOLDED_INFOS`] files or more, in their first finding's order. Infos
/// that say different things of one file (a department's
/// `total-unchecked` per column) stay one a line.
fn folded_codes<F: std::borrow::Borrow<Finding>>(findings: &[F]) -> Vec<Code> {
    let mut files: Vec<(Code, Vec<&str>)> = Vec::new();
    for f in findings.iter().map(|f| f.borrow()) {
        if f.severity != Severity::Info {
            continue;
        }
        match files.iter_mut().find(|(c, _)| *c == f.code) {
            Some((_, v)) => v.push(f.file.as_str()),
            None => files.push((f.code, vec![f.file.as_str()])),
        }
    }
    files
        .into_iter()
        .filter(|(_, v)| {
            let mut distinct = v.clone();
            distinct.sort_unstable();
            distinct.dedup();
            v.len() >= FOLDED_INFOS && distinct.len() == v.len() && !v.contains(&"")
        })
        .map(|(c, _)| c)
        .collect()
}

/// The one line of the office's list for the infos `folded` of one code:
/// how many, the files they are in, and the first one's message as an
/// example; errors.csv and errors.json keep every one.
fn folded_values(folded: &[&Finding], lang: Lang) -> Option<[String; 11]> {
    let first = folded.first()?;
    let n = folded.len();
    let mut files: Vec<&str> = folded
        .iter()
        .take(FOLDED_FILES)
        .map(|f| f.file.as_str())
        .collect();
    let more = n.saturating_sub(FOLDED_FILES);
    if more > 0 {
        files.push("…");
    }
    let files = files.join("; ");
    let message = match lang {
        Lang::Vi => format!(
            "Cùng một thông tin ở {n} tệp, gộp thành một dòng (errors.csv và errors.json có đủ từng tệp): {files}{}. Ví dụ: {}",
            if more > 0 { format!(" (và {more} tệp khác)") } else { String::new() },
            first.message
        ),
        Lang::En => format!(
            "The same info in {n} files, folded into one line (errors.csv and errors.json list each): {files}{}. For example: {}",
            if more > 0 { format!(" (and {more} more files)") } else { String::new() },
            first.message
        ),
    };
    let files = match lang {
        Lang::Vi => format!("{n} tệp"),
        Lang::En => format!("{n} files"),
    };
    Some([
        first.severity.label(lang).to_string(),
        first.code.as_str().to_string(),
        String::new(),
        files,
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        message,
    ])
}

/// Writes the error list as a sheet: the same columns as errors.csv, one
/// finding a row, filled by severity, the long columns wrapped and each
/// row as tall as its message; printed one page wide. The office's list
/// opens with a line of its counts above the header; the same info found
/// in many files is one line there, at the end ([`FOLDED_INFOS`]).
///
/// The sheet may be in constant-memory mode: rows are written in order.
pub fn findings_sheet<F: std::borrow::Borrow<Finding>>(
    ws: &mut Worksheet,
    findings: &[F],
    template: Option<&Template>,
    lang: Lang,
    reader: Reader,
) -> Result<(), XlsxError> {
    let hf = header_format();
    let headers = findings_headers(lang, reader);
    let widths = findings_widths(lang, reader);
    let wraps = findings_wrap(reader);
    let header_lines = headers
        .iter()
        .zip(widths)
        .map(|(h, w)| wrapped_lines(h, w, true, FONT_SIZE))
        .max()
        .unwrap_or(1);
    // The office's list opens with its counts (a province's list runs
    // to thousands of rows); a unit's is short and has its own heading.
    let header = u32::from(reader == Reader::Office);
    if header > 0 {
        line_above(ws, 0, &findings_counts(findings, lang), &widths, true)?;
    }
    ws.set_row_height(header, row_height(header_lines, FONT_SIZE))?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(header, c as u16, *h, &hf)?;
    }
    let format = |s: Severity, wrap: bool| {
        let f = base()
            .set_background_color(severity_fill(s))
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xBFBFBF))
            .set_align(FormatAlign::Top);
        if wrap {
            f.set_text_wrap()
        } else {
            f
        }
    };
    let formats: Vec<[Format; 2]> = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|s| [format(s, false), format(s, true)])
        .collect();
    // The office's list: the infos of a code found many times, one line
    // each after the other findings.
    let folded = match reader {
        Reader::Office => folded_codes(findings),
        Reader::Unit => Vec::new(),
    };
    let listed: Vec<&Finding> = findings
        .iter()
        .map(|f| f.borrow())
        .filter(|f| !(f.severity == Severity::Info && folded.contains(&f.code)))
        .collect();
    let folded: Vec<[String; 11]> = folded
        .iter()
        .filter_map(|&code| {
            let these: Vec<&Finding> = findings
                .iter()
                .map(|f| f.borrow())
                .filter(|f| f.severity == Severity::Info && f.code == code)
                .collect();
            folded_values(&these, lang)
        })
        .collect();
    let lines = listed.len() + folded.len();
    // A sheet holds 1,048,576 rows: past them the last row says how many
    // more findings the error lists hold.
    let room = (limits::ROWS - 2 - header) as usize;
    let rows = listed
        .iter()
        .map(|f| (f.severity, finding_values(f, template, lang, reader)))
        .chain(folded.iter().map(|v| {
            let values: [std::borrow::Cow<'_, str>; 11] =
                std::array::from_fn(|c| std::borrow::Cow::Borrowed(v[c].as_str()));
            (Severity::Info, values)
        }));
    for (k, (severity, values)) in rows.enumerate().take(room) {
        let row = k as u32 + header + 1;
        ws.set_row_height(row, findings_row_height(&values, &widths, reader))?;
        let pair = &formats[severity as usize];
        for (c, v) in values.iter().enumerate() {
            let fmt = &pair[usize::from(wraps[c])];
            ws.write_string_with_format(row, c as u16, limits::cell(v), fmt)?;
        }
    }
    if findings.is_empty() {
        let none = lang.pick("Không có phát hiện nào.", "No findings.");
        ws.merge_range(header + 1, 0, header + 1, 10, none, &base().set_italic())?;
    }
    if lines > room {
        let more = lines - room;
        let text = match lang {
            Lang::Vi => {
                format!("… và {more} phát hiện nữa: xem đủ trong errors.csv và errors.json.")
            }
            Lang::En => {
                format!("… and {more} more findings: see them all in errors.csv and errors.json.")
            }
        };
        ws.write_string(room as u32 + header + 1, 10, text)?;
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(header + 1, 0)?;
    ws.autofilter(header, 0, header + lines.clamp(1, room + 1) as u32, 10)?;
    print_setup(ws, lang);
    ws.set_repeat_rows(header, header)?;
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// «Tổng hợp» heads each figure column with what it holds in the
    /// run's period: in a year's run TH is the fourth quarter and LK the
    /// whole year; %CK as the template writes it.
    #[test]
    fn the_summarys_columns_say_their_period() {
        let heads = |p: &str, ck, lang| -> Vec<String> {
            let p: Period = p.parse().unwrap();
            ValueColumn::ALL
                .iter()
                .map(|&c| column_heading(c, p, ck, lang))
                .collect()
        };
        assert_eq!(
            heads("2025", CkConvention::Growth, Lang::Vi),
            [
                "KH\nnăm 2025",
                "TH\nquý IV/2025",
                "LK\ncả năm 2025",
                "CK\ncùng kỳ 2024",
                "%KH\nLK/KH",
                "%CK\ntăng/giảm"
            ]
        );
        assert_eq!(
            heads("2025-9M", CkConvention::Ratio, Lang::Vi)[1..],
            [
                "TH\nquý III/2025",
                "LK\n9 tháng 2025",
                "CK\ncùng kỳ 2024",
                "%KH\nLK/KH",
                "%CK\nLK/CK"
            ]
        );
        assert_eq!(
            heads("2025-H1", CkConvention::Growth, Lang::En)[..3],
            ["KH\nplan 2025", "TH\nQ2 2025", "LK\n6 months 2025"]
        );
    }

    /// What «Tổng hợp» writes, `check-text --against` and `--previous`
    /// read back: each figure column by its heading and the period by the
    /// title, in every period and both languages (the two-line headings
    /// were read as no LK column at all).
    #[test]
    fn the_summarys_headings_and_title_read_back_in_every_period_and_language() {
        for p in [
            "2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4", "2020-H1", "2020-9M", "2020",
        ] {
            let period: Period = p.parse().unwrap();
            for lang in [Lang::Vi, Lang::En] {
                for ck in [CkConvention::Growth, CkConvention::Ratio] {
                    for c in ValueColumn::ALL {
                        let heading = column_heading(c, period, ck, lang);
                        assert_eq!(
                            crate::outputs::summary_column(&heading),
                            Some(c),
                            "{heading}"
                        );
                    }
                }
                let title = crate::outputs::summary_title("BÁO CÁO SỐ LIỆU", period, lang);
                assert_eq!(
                    crate::normalize::title::summary_title_period(&title),
                    Some(period),
                    "{title}"
                );
            }
        }
        for other in ["Mã", "Chỉ tiêu", "ĐVT", "Unit", "Ghi chú", ""] {
            assert_eq!(crate::outputs::summary_column(other), None, "{other}");
        }
    }

    #[test]
    fn a_column_is_never_narrower_than_the_words_of_its_header() {
        // "Column" (English Chi tiết) broke in two in a 5-character column.
        let [code, column] = fit_headers([8.0, 5.0], &["Code", "Column"]);
        assert_eq!(code, 8.0);
        assert!(wrapped_lines("Column", column, true, FONT_SIZE) == 1);
        assert!(wrapped_lines("Column", 5.0, true, FONT_SIZE) > 1);
    }

    #[test]
    fn the_detail_heading_names_the_office_within_excels_limit() {
        let q3 = Period::quarter(2025, 3);
        let h = detail_heading("UBND THÀNH PHỐ A & B", q3, Lang::Vi);
        assert!(
            h.starts_with("&C&\"Times New Roman,Bold\"&10UBND THÀNH PHỐ A && B\n"),
            "{h}"
        );
        assert!(h.contains("CHI TIẾT SỐ LIỆU THEO ĐƠN VỊ — QUÝ III/2025"));
        assert!(h.contains("Lỗi: nền đỏ, chữ đậm, viền đậm; cảnh báo: nền vàng, viền nét đứt"));
        // A long office name: the legend gives way first, then the office.
        let long = detail_heading(&"Ủy ban ".repeat(20), q3, Lang::Vi);
        assert!(long.encode_utf16().count() <= 255 && !long.contains("nền đỏ"));
        assert!(long.contains("Ủy ban"));
        let longer = detail_heading(&"Ủy ban ".repeat(40), q3, Lang::Vi);
        assert_eq!(
            longer,
            "&C&\"Times New Roman,Bold\"&12CHI TIẾT SỐ LIỆU THEO ĐƠN VỊ — QUÝ III/2025"
        );
        assert!(!detail_heading("", q3, Lang::En).contains("&10"));
    }

    #[test]
    fn a_number_format_says_its_decimals() {
        assert_eq!(format_decimals("#,##0"), 0);
        assert_eq!(format_decimals("#,##0.00"), 2);
    }

    /// Another office's catalog: hectares said to take one decimal, tonnes
    /// not said, money in triệu đồng, a count said to be whole.
    #[test]
    fn the_template_or_the_figures_decide_the_decimals_shown() {
        let t = Template::from_texts(
            "t",
            "title = \"t\"",
            "code,group,name,unit,kind,level,reported_by,formula,aliases,decimals\n\
             A1,A,Diện tích gieo trồng,ha,flow,ward,,,,1\n\
             A2,A,Sản lượng lúa,tấn,flow,ward,,,,\n\
             A3,A,Thu ngân sách,triệu đồng,flow,ward,,,,\n\
             A4,A,Hộ dùng nước sạch,hộ,flow,ward,,,,0\n",
            "group,name\nA,Nông nghiệp\n",
            "code,kind,name,aliases,reports\nX01,ward,Xã Tân Phú,,yes\n",
        )
        .unwrap();
        let ind = |k: usize| &t.indicators[k];
        assert_eq!(ind(0).decimals, Some(1));
        assert_eq!(ind(1).decimals, None);
        // The forms.
        let forms: Vec<&str> = (0..4).map(|k| quantity_format(ind(k))).collect();
        assert_eq!(forms, ["#,##0.0", "#,##0", "#,##0.00", "#,##0"]);
        // The consolidated workbook, figures typed with 2 decimals: the
        // template's word where it says, the figures' where it does not.
        let shown: Vec<&str> = (0..4).map(|k| shown_format(ind(k), 2)).collect();
        assert_eq!(shown, ["#,##0.0", "#,##0.00", "#,##0.00", "#,##0"]);
        assert_eq!(shown_format(ind(1), 1), "#,##0.0");
        assert_eq!(shown_format(ind(1), 0), "#,##0");
        assert_eq!(shown_format(ind(1), 9), "#,##0.000");
        // Tổng hợp: the decimals most units wrote, where the template does
        // not say; money whole when they wrote it whole (no ",00" pad),
        // and no more than three however many a converted figure holds.
        let summary: Vec<&str> = (0..4).map(|k| summary_format(ind(k), 6, Some(0))).collect();
        assert_eq!(summary, ["#,##0.0", "#,##0", "#,##0", "#,##0"]);
        assert_eq!(summary_format(ind(2), 0, Some(1)), "#,##0.0");
        assert_eq!(summary_format(ind(2), 6, Some(6)), "#,##0.000");
        // No unit's figure: as before.
        assert_eq!(summary_format(ind(2), 0, None), "#,##0.00");
        // More decimals than the formats have is a template error.
        let five = Template::from_texts(
            "t",
            "title = \"t\"",
            "code,group,name,unit,kind,level,reported_by,formula,aliases,decimals\n\
             A1,A,Diện tích,ha,flow,ward,,,,5\n",
            "group,name\nA,Nông nghiệp\n",
            "code,kind,name,aliases,reports\nX01,ward,Xã Tân Phú,,yes\n",
        );
        assert!(five.is_err());
    }
}
