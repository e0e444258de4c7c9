//! The annex workbook `phu-luc.xlsx`, print-ready as the office prints it:
//!
//! ```text
//! Phụ lục
//! row 1   CHƯƠNG TRÌNH CÔNG TÁC TRỌNG TÂM QUÝ II NĂM 2020      (merged A:E, bold)
//! row 2   (Ban hành kèm theo Báo cáo số … của Ủy ban nhân dân quận)   (italic)
//! row 3   Ô được tô màu: … (the legend, when a task is marked)     (italic, 11)
//! row 4   TT | Nội dung | Tiến độ | Cơ quan chủ trì | Cơ quan phối hợp   (repeated on every page)
//!         I  | KINH TẾ - TÀI CHÍNH - NGÂN SÁCH                           (bold, merged B:E)
//!            | Đầu tư xây dựng cơ bản                                   (sub-section, bold italic)
//!         1  | …        | Tháng 5/2020 | Phòng TC-KH | UBND 16 phường
//!                         ^ a cell a finding concerns: filled by severity, with a note
//! Lỗi     Mức độ | Mã lỗi | Đơn vị | Tệp | Trang tính | Ô | Phải là | Giá trị ghi | Nội dung
//! Tình trạng nộp   STT | Mã đơn vị | Đơn vị | Tệp | Trạng thái | Số nhiệm vụ | Ghi chú
//!         (every file, read or not and why; every reporting agency that sent nothing)
//! ```
//!
//! Times New Roman 13, thin borders, wrapped text, A4 landscape at the
//! scale that fills the page width, each sheet's own page numbers in the
//! footer, a section's heading on the page of its first task. Every row is as tall as its
//! wrapped text (see [`crate::report::fit`]): a spreadsheet keeps the
//! height a file states, and a wrapped cell taller than its row prints cut.

use crate::annex::{Annex, AnnexColumn, AnnexRow, IntakeLine, IntakeStatus, Mark};
use crate::diagnostic::{Finding, Lang, Severity};
use crate::error::Fatal;
use crate::report::atomic::write_atomic;
use crate::report::fit::{Columns, Font};
use crate::report::limits;
use crate::report::pages::{keep_breaks, Paper, PrintedRow};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Note, Worksheet, XlsxError};
use std::path::Path;

/// The annex sheet's name.
pub const SHEET: &str = "Phụ lục";
/// Its name in an English run.
pub const SHEET_EN: &str = "Annex";
/// The 0-based row of the table header.
pub const HEADER_ROW: u32 = 3;
/// The column titles.
pub const HEADERS: [&str; 5] = [
    "TT",
    "Nội dung",
    "Tiến độ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
];
/// The column titles in an English run.
pub const HEADERS_EN: [&str; 5] = [
    "No.",
    "Task",
    "Deadline",
    "Lead agency",
    "Coordinating agencies",
];

/// The sheet's name and column titles in `lang`.
pub fn sheet_and_headers(lang: Lang) -> (&'static str, [&'static str; 5]) {
    match lang {
        Lang::Vi => (SHEET, HEADERS),
        Lang::En => (SHEET_EN, HEADERS_EN),
    }
}

/// Column widths (digits of Times New Roman 13, the workbook's default
/// font) that fill an A4 landscape page.
const WIDTHS: [f64; 5] = [5.0, 50.0, 13.0, 18.0, 24.0];
/// How the columns measure (see [`crate::report::fit`]).
const COLUMNS: Columns = Columns::TIMES_NEW_ROMAN_13;
/// Times New Roman 13's default row (pixels) and column (pixels, 8.43
/// digits) in Excel.
pub(crate) const DEFAULT_ROW_PX: u32 = 23;
pub(crate) const DEFAULT_COLUMN_PX: u32 = 80;
const FONT: &str = "Times New Roman";
const SIZE: f64 = 13.0;
/// The legend's and the finding list's font size.
const SMALL: f64 = 11.0;
/// A4 in Excel's paper size numbers.
const A4: u8 = 9;
/// The title row is at least this tall (points), as the office sets it.
const TITLE_PT: f64 = 36.0;
/// The annex's page: A4 landscape, margins left, right, top and bottom
/// (inches).
const PAPER: Paper = Paper::a4_landscape(0.5, 0.5, 0.6, 0.7);
/// Excel's digit of Times New Roman 13 (pixels): LibreOffice's is
/// narrower (8,67), so the table is as wide as Excel prints it.
const EXCEL_DIGIT_PX: f64 = 9.0;

/// The fill of a cell or finding of each severity: the colours of the
/// "Lỗi" sheet of every workbook of tonghop.
pub fn severity_fill(s: Severity) -> Color {
    match s {
        Severity::Error => Color::RGB(0xF8CBAD),
        Severity::Warning => Color::RGB(0xFFF2CC),
        Severity::Info => Color::RGB(0xDDEBF7),
    }
}

/// The name of the finding list's sheet.
pub fn findings_sheet_name(lang: Lang) -> &'static str {
    lang.pick("Lỗi", "Findings")
}

/// The annex's title line and the "(Ban hành kèm theo …)" line.
pub struct AnnexTitle {
    pub title: String,
    pub attached_to: Option<String>,
}

fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(SIZE)
}

fn cell() -> Format {
    base()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
}

/// Builds the workbook in memory: the annex, then the findings.
///
/// # Errors
/// Only on an internal error of the writer.
pub fn annex_workbook(
    annex: &Annex,
    title: &AnnexTitle,
    findings: &[Finding],
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = crate::report::new_workbook();
    // Times New Roman as the "Normal" font: column widths then measure
    // the same in Excel and LibreOffice (which lacks Calibri on many
    // systems and measures with a wider font).
    wb.set_default_format(&base(), DEFAULT_ROW_PX, DEFAULT_COLUMN_PX)?;
    annex_sheet(wb.add_worksheet(), annex, title, lang)?;
    let list = wb.add_worksheet();
    findings_sheet(list, findings, lang)?;
    crate::report::workbook::print_heading(list, &title.title);
    let status = wb.add_worksheet();
    intake_sheet(status, &annex.intake, lang)?;
    crate::report::workbook::print_heading(status, &title.title);
    crate::report::notes_by_tonghop(&mut wb);
    wb.save_to_buffer()
}

/// The widths of the columns from `first` to the last, added up (a merged
/// cell's width).
fn span(first: usize) -> f64 {
    WIDTHS.iter().skip(first).sum()
}

fn width(col: usize) -> f64 {
    WIDTHS.get(col).copied().unwrap_or_default()
}

fn annex_sheet(
    ws: &mut Worksheet,
    annex: &Annex,
    title: &AnnexTitle,
    lang: Lang,
) -> Result<(), XlsxError> {
    let (sheet, headers) = sheet_and_headers(lang);
    ws.set_name(sheet)?;
    let (regular, bold) = (Font::regular(SIZE), Font::bold(SIZE));
    let title_fmt = base()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let italic = base()
        .set_italic()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let header = cell()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let section_num = cell().set_bold().set_align(FormatAlign::Center);
    let section = cell().set_bold();
    let subsection = cell().set_bold().set_italic();
    let number = cell().set_align(FormatAlign::Center);
    let text = cell();
    let centred = cell().set_align(FormatAlign::Center);

    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    // Each row as it prints, for the page breaks: a row states its height
    // (or has the default).
    let mut printed: Vec<PrintedRow> = Vec::new();
    let mut height = |ws: &mut Worksheet, r: u32, pt: f64, keep: bool| {
        let k = r as usize;
        if printed.len() <= k {
            printed.resize(k + 1, PrintedRow::new(f64::from(DEFAULT_ROW_PX) * 0.75));
        }
        printed[k] = PrintedRow {
            height_pt: pt,
            keep_with_next: keep,
        };
        ws.set_row_height(r, pt).map(|_| ())
    };
    ws.merge_range(0, 0, 0, 4, &title.title, &title_fmt)?;
    height(
        ws,
        0,
        COLUMNS
            .row_height_for(&[(&title.title, span(0), bold)])
            .max(TITLE_PT),
        false,
    )?;
    if let Some(a) = &title.attached_to {
        let line = format!("(Ban hành kèm theo {a})");
        ws.merge_range(1, 0, 1, 4, &line, &italic)?;
        height(
            ws,
            1,
            COLUMNS.row_height_for(&[(&line, span(0), regular)]),
            false,
        )?;
    }
    let marked = annex
        .sections
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.rows)
        .any(|r| !r.marks.is_empty());
    if marked {
        let legend = lang.pick(
            "Ô được tô màu là ô có lỗi (đỏ, viền đậm) hoặc cảnh báo (vàng, viền nét đứt): xem ghi chú của ô và trang «Lỗi». Sửa xong, chạy lại trước khi in.",
            "A filled cell has an error (red, thick border) or a warning (yellow, dashed border): see the cell's note and the «Findings» sheet. Correct them and run again before printing.",
        );
        let legend_fmt = Format::new()
            .set_font_name(FONT)
            .set_font_size(SMALL)
            .set_italic()
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        ws.merge_range(2, 0, 2, 4, legend, &legend_fmt)?;
        height(
            ws,
            2,
            COLUMNS.row_height_for(&[(legend, span(0), Font::regular(SMALL))]),
            false,
        )?;
    }
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *h, &header)?;
    }
    let header_cells: Vec<(&str, f64, Font)> = headers
        .iter()
        .enumerate()
        .map(|(c, h)| (*h, width(c), bold))
        .collect();
    height(ws, HEADER_ROW, COLUMNS.row_height_for(&header_cells), false)?;
    let mut r = HEADER_ROW + 1;
    for s in &annex.sections {
        let heading = s.title.to_uppercase();
        ws.write_string_with_format(r, 0, &s.numeral, &section_num)?;
        ws.merge_range(r, 1, r, 4, &limits::cell(&heading), &section)?;
        // A heading prints on the page of its first task (a tester's
        // "III VĂN HÓA - XÃ HỘI" ended a page, its tasks on the next).
        height(
            ws,
            r,
            COLUMNS.row_height_for(&[(&s.numeral, width(0), bold), (&heading, span(1), bold)]),
            true,
        )?;
        r += 1;
        let mut n = 0u32;
        for g in &s.groups {
            if let Some(sub) = &g.subsection {
                ws.write_blank(r, 0, &text)?;
                ws.merge_range(r, 1, r, 4, &limits::cell(sub), &subsection)?;
                height(ws, r, COLUMNS.row_height_for(&[(sub, span(1), bold)]), true)?;
                r += 1;
            }
            for row in &g.rows {
                n += 1;
                ws.write_number_with_format(r, 0, f64::from(n), &number)?;
                let cells = [
                    (AnnexColumn::Content, &row.content, &text),
                    (AnnexColumn::Deadline, &row.deadline, &centred),
                    (AnnexColumn::Lead, &row.lead, &text),
                    (AnnexColumn::Coord, &row.coord, &text),
                ];
                for (c, (column, value, format)) in cells.iter().enumerate() {
                    let col = c as u16 + 1;
                    match marks_of(row, *column) {
                        Some((severity, note)) => {
                            let filled = (*format)
                                .clone()
                                .set_background_color(severity_fill(severity))
                                .set_border(crate::report::workbook::severity_border(severity));
                            ws.write_string_with_format(r, col, limits::cell(value), &filled)?;
                            ws.insert_note(r, col, &note)?;
                        }
                        None => {
                            ws.write_string_with_format(r, col, limits::cell(value), format)?;
                        }
                    }
                }
                let number_text = n.to_string();
                height(
                    ws,
                    r,
                    COLUMNS.row_height_for(&[
                        (&number_text, width(0), regular),
                        (&row.content, width(1), regular),
                        (&row.deadline, width(2), regular),
                        (&row.lead, width(3), regular),
                        (&row.coord, width(4), regular),
                    ]),
                    false,
                )?;
                r += 1;
            }
        }
    }
    ws.set_landscape();
    ws.set_paper_size(A4);
    // The scale that fits the page width, not "fit to width", whose
    // manual breaks Excel ignores (the widths fill the page at 100 %).
    let table_pt: f64 = WIDTHS
        .iter()
        .map(|w| (w * EXCEL_DIGIT_PX + COLUMNS.padding_px).floor() * 0.75)
        .sum();
    let scale = PAPER.scale_to_width(table_pt);
    ws.set_print_scale(scale);
    ws.set_print_center_horizontally(true);
    let (left, right, top, bottom) = PAPER.margins_in;
    ws.set_margins(left, right, top, bottom, 0.3, 0.3);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    let repeated = printed
        .get(HEADER_ROW as usize)
        .map_or(0.0, |row| row.height_pt);
    let breaks = keep_breaks(
        &printed,
        HEADER_ROW as usize + 1,
        repeated,
        PAPER.room_pt(scale),
    );
    ws.set_page_breaks(&breaks)?;
    // Its own page numbers from 1 (see `page_number_footer`).
    ws.set_footer(format!(
        "&C{}",
        crate::report::workbook::page_number_footer(11, lang)
    ));
    ws.set_print_first_page_number(1);
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    Ok(())
}

/// The worst severity of the findings on one cell of a task, and the note
/// that carries their messages.
fn marks_of(row: &AnnexRow, column: AnnexColumn) -> Option<(Severity, Note)> {
    let here: Vec<&Mark> = row.marks.iter().filter(|m| m.column == column).collect();
    let worst = here.iter().map(|m| m.severity).min()?;
    let text = here
        .iter()
        .map(|m| m.message.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    // About 45 characters a line in a note 320 pixels wide.
    let lines = here
        .iter()
        .map(|m| m.message.chars().count() / 45 + 2)
        .sum::<usize>();
    let note = Note::new(limits::note(&text))
        .set_author("tonghop")
        .add_author_prefix(false)
        .set_width(320)
        .set_height((lines as u32 * 16).clamp(74, 400));
    Some((worst, note))
}

/// The finding list's columns: those of the error list, less the indicator
/// and column (a task has neither).
const FINDING_WIDTHS: [f64; 9] = [7.0, 17.0, 7.0, 13.0, 8.0, 4.0, 11.0, 11.0, 32.0];

/// [`FINDING_WIDTHS`] with the unit column as wide as its longest code
/// (at 8 characters "P.LDTBXH" printed broken mid-word), the width taken
/// from the message column, so that the page keeps its width.
fn finding_widths(findings: &[Finding]) -> [f64; 9] {
    let mut widths = FINDING_WIDTHS;
    let widest = findings
        .iter()
        .map(|f| crate::report::fit::text_width_pt(&f.unit, Font::regular(SMALL)))
        .fold(0.0, f64::max);
    // A code longer than a third of the message column is no code: it
    // wraps (at spaces) as it did.
    let need = COLUMNS.width_for_pt(widest).min(widths[8] / 3.0);
    if need > widths[2] {
        widths[8] -= need - widths[2];
        widths[2] = need;
    }
    widths
}

/// The findings as a printable sheet: one finding per row, wrapped, the
/// header repeated, fitted to the width of an A4 landscape page.
fn findings_sheet(ws: &mut Worksheet, findings: &[Finding], lang: Lang) -> Result<(), XlsxError> {
    ws.set_name(findings_sheet_name(lang))?;
    // The error list's columns less the indicator and column, which a
    // task has none of.
    let all = crate::outputs::finding_headers(lang);
    let headers = [
        all[0], all[1], all[2], all[3], all[4], all[5], all[8], all[9], all[10],
    ];
    let small = list_cell;
    let (regular, bold) = (Font::regular(SMALL), Font::bold(SMALL));
    let header = small()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xD9D9D9));
    let widths = finding_widths(findings);
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &header)?;
    }
    let fit = |texts: &[&str], font: Font| {
        let cells: Vec<(&str, f64, Font)> = texts
            .iter()
            .zip(widths)
            .map(|(t, w)| (*t, w, font))
            .collect();
        COLUMNS.row_height_for(&cells)
    };
    ws.set_row_height(0, fit(&headers, bold))?;
    for (k, f) in findings.iter().enumerate() {
        let row = k as u32 + 1;
        let fmt = small().set_background_color(severity_fill(f.severity));
        let values = [
            f.severity.label(lang),
            f.code.as_str(),
            &f.unit,
            &f.file,
            &f.sheet,
            &f.cell,
            &f.expected,
            &f.actual,
            &f.message,
        ];
        for (c, v) in values.iter().enumerate() {
            ws.write_string_with_format(row, c as u16, limits::cell(v), &fmt)?;
        }
        ws.set_row_height(row, fit(&values, regular))?;
    }
    if findings.is_empty() {
        let none = lang.pick("Không có phát hiện nào.", "No findings.");
        ws.merge_range(1, 0, 1, 8, none, &small())?;
    }
    list_page(ws, findings.len().max(1) as u32, 8, lang)
}

/// A cell of a list sheet (Lỗi, Tình trạng nộp): small, bordered,
/// wrapped, at the top.
fn list_cell() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(SMALL)
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
}

/// The page of a list sheet (Lỗi, Tình trạng nộp): its heading row frozen,
/// filtered and repeated on every page, A4 landscape as wide as one page,
/// its pages numbered from 1, not on from the annex's.
fn list_page(
    ws: &mut Worksheet,
    last_row: u32,
    last_col: u16,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last_row, last_col)?;
    ws.set_landscape();
    ws.set_paper_size(A4);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.6, 0.7, 0.3, 0.3);
    ws.set_repeat_rows(0, 0)?;
    ws.set_footer(format!(
        "&C{}",
        crate::report::workbook::page_number_footer(10, lang)
    ));
    ws.set_print_first_page_number(1);
    Ok(())
}

/// The status of a line of «Tình trạng nộp» in words.
fn intake_status(status: IntakeStatus, lang: Lang) -> &'static str {
    match status {
        IntakeStatus::Read => lang.pick("Đã đọc", "Read"),
        IntakeStatus::Blank => lang.pick("Đã đọc, chưa ghi nhiệm vụ nào", "Read, no task listed"),
        IntakeStatus::LeftOut => lang.pick(
            "Đã đọc, không đưa vào phụ lục (xem Lỗi)",
            "Read, left out of the annex (see Findings)",
        ),
        IntakeStatus::NoTable => lang.pick("Không có bảng nhiệm vụ", "No task table"),
        IntakeStatus::Unreadable => lang.pick("Không đọc được", "Unreadable"),
        IntakeStatus::Skipped => lang.pick("Bỏ qua", "Skipped"),
        IntakeStatus::NothingSent => lang.pick("Chưa gửi", "Nothing sent"),
    }
}

/// Its column widths (digits of Times New Roman 11): an A4 landscape page.
const INTAKE_WIDTHS: [f64; 7] = [5.0, 10.0, 28.0, 40.0, 20.0, 10.0, 40.0];

/// «Tình trạng nộp» ("Submission status"): every file of the folder, read
/// (its agency and how many tasks) or not (why), then every reporting
/// agency that sent nothing, filled as a warning.
///
/// ```text
/// STT | Mã đơn vị | Đơn vị | Tệp | Trạng thái | Số nhiệm vụ | Ghi chú
/// ```
fn intake_sheet(ws: &mut Worksheet, lines: &[IntakeLine], lang: Lang) -> Result<(), XlsxError> {
    ws.set_name(crate::outputs::Sheet::Status.name(lang))?;
    let headers = [
        lang.pick("STT", "No."),
        lang.pick("Mã đơn vị", "Unit code"),
        lang.pick("Đơn vị", "Unit"),
        lang.pick("Tệp", "File"),
        lang.pick("Trạng thái", "Status"),
        lang.pick("Số nhiệm vụ", "Tasks"),
        lang.pick("Ghi chú", "Note"),
    ];
    let small = list_cell;
    let header = small()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xD9D9D9));
    for (c, w) in INTAKE_WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let fit = |texts: &[&str], font: Font| {
        let cells: Vec<(&str, f64, Font)> = texts
            .iter()
            .zip(INTAKE_WIDTHS)
            .map(|(t, w)| (*t, w, font))
            .collect();
        COLUMNS.row_height_for(&cells)
    };
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &header)?;
    }
    ws.set_row_height(0, fit(&headers, Font::bold(SMALL)))?;
    for (k, line) in lines.iter().enumerate() {
        let row = k as u32 + 1;
        let fill = match line.status {
            IntakeStatus::Read => None,
            IntakeStatus::Skipped => Some(Severity::Info),
            IntakeStatus::Blank | IntakeStatus::NothingSent => Some(Severity::Warning),
            IntakeStatus::LeftOut | IntakeStatus::NoTable | IntakeStatus::Unreadable => {
                Some(Severity::Error)
            }
        };
        let fmt = fill.map_or_else(small, |s| small().set_background_color(severity_fill(s)));
        let codes: Vec<&str> = line.named.iter().map(|(c, _)| c.as_str()).collect();
        let names: Vec<&str> = line.named.iter().map(|(_, n)| n.as_str()).collect();
        let (codes, names) = (codes.join(", "), names.join(", "));
        let number = (k + 1).to_string();
        let tasks = match line.status {
            IntakeStatus::NothingSent
            | IntakeStatus::Skipped
            | IntakeStatus::Unreadable
            | IntakeStatus::NoTable => String::new(),
            _ => line.tasks.to_string(),
        };
        let values = [
            number.as_str(),
            &codes,
            &names,
            &line.file,
            intake_status(line.status, lang),
            &tasks,
            &line.reason,
        ];
        for (c, v) in values.iter().enumerate() {
            ws.write_string_with_format(row, c as u16, limits::cell(v), &fmt)?;
        }
        ws.set_row_height(row, fit(&values, Font::regular(SMALL)))?;
    }
    list_page(ws, lines.len().max(1) as u32, 6, lang)
}

/// Writes the annex workbook atomically.
///
/// # Errors
/// When the file cannot be written.
pub fn write_annex(
    path: &Path,
    annex: &Annex,
    title: &AnnexTitle,
    findings: &[Finding],
    lang: Lang,
) -> Result<(), Fatal> {
    let bytes = annex_workbook(annex, title, findings, lang).map_err(|e| Fatal::output(path, e))?;
    write_atomic(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    /// "P.LDTBXH" printed broken mid-word in the Lỗi sheet's 7-character
    /// unit column: the column is as wide as the longest code, the page as
    /// wide as before; short codes leave the widths as they are.
    #[test]
    fn the_unit_column_holds_the_longest_code_on_one_line() {
        let found = |unit: &str| Finding::error(Code::AgencyUnknown, "m").unit(unit);
        let short = [found("VP"), found("P01")];
        assert_eq!(finding_widths(&short), FINDING_WIDTHS);
        let long = [found("VP"), found("P.LDTBXH")];
        let widths = finding_widths(&long);
        assert!(widths[2] > FINDING_WIDTHS[2], "{widths:?}");
        assert_eq!(
            COLUMNS.wrapped_lines("P.LDTBXH", widths[2], Font::regular(SMALL)),
            1
        );
        assert!(COLUMNS.wrapped_lines("P.LDTBXH", FINDING_WIDTHS[2], Font::regular(SMALL)) > 1);
        let total = |w: [f64; 9]| w.iter().sum::<f64>();
        assert!((total(widths) - total(FINDING_WIDTHS)).abs() < 1e-9);
    }
}
