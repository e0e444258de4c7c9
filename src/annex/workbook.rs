//! The annex workbook `phu-luc.xlsx`, print-ready as the office prints it:
//!
//! ```text
//! row 1   CHƯƠNG TRÌNH CÔNG TÁC TRỌNG TÂM QUÝ II NĂM 2020      (merged A:E, bold)
//! row 2   (Ban hành kèm theo Báo cáo số … của Ủy ban nhân dân quận)   (italic)
//! row 4   TT | Nội dung | Tiến độ | Cơ quan chủ trì | Cơ quan phối hợp   (repeated on every page)
//!         I  | KINH TẾ - TÀI CHÍNH - NGÂN SÁCH                           (bold, merged B:E)
//!            | Đầu tư xây dựng cơ bản                                   (sub-section, bold italic)
//!         1  | …        | Tháng 5/2020 | Phòng TC-KH | UBND 16 phường
//! ```
//!
//! Times New Roman 13, thin borders, wrapped text, A4 landscape fitted to
//! the page width, page numbers in the footer. Row heights are left to the
//! spreadsheet, which fits wrapped text when it opens the file.

use crate::annex::Annex;
use crate::error::Fatal;
use crate::report::atomic::write_atomic;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use std::path::Path;

/// The annex sheet's name.
pub const SHEET: &str = "Phụ lục";
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
/// Column widths (characters) that fill an A4 landscape page.
const WIDTHS: [f64; 5] = [6.0, 62.0, 16.0, 22.0, 30.0];
const FONT: &str = "Times New Roman";
const SIZE: f64 = 13.0;
/// A4 in Excel's paper size numbers.
const A4: u8 = 9;

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

/// Builds the workbook in memory.
///
/// # Errors
/// Only on an internal error of the writer.
pub fn annex_workbook(annex: &Annex, title: &AnnexTitle) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let title_fmt = base()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let italic = base()
        .set_italic()
        .set_align(FormatAlign::Center)
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
    ws.merge_range(0, 0, 0, 4, &title.title, &title_fmt)?;
    ws.set_row_height(0, 36)?;
    if let Some(a) = &title.attached_to {
        ws.merge_range(1, 0, 1, 4, &format!("(Ban hành kèm theo {a})"), &italic)?;
    }
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *h, &header)?;
    }
    let mut r = HEADER_ROW + 1;
    for s in &annex.sections {
        ws.write_string_with_format(r, 0, &s.numeral, &section_num)?;
        ws.merge_range(r, 1, r, 4, &s.title.to_uppercase(), &section)?;
        r += 1;
        let mut n = 0u32;
        for g in &s.groups {
            if let Some(sub) = &g.subsection {
                ws.write_blank(r, 0, &text)?;
                ws.merge_range(r, 1, r, 4, sub, &subsection)?;
                r += 1;
            }
            for row in &g.rows {
                n += 1;
                ws.write_number_with_format(r, 0, f64::from(n), &number)?;
                ws.write_string_with_format(r, 1, &row.content, &text)?;
                ws.write_string_with_format(r, 2, &row.deadline, &centred)?;
                ws.write_string_with_format(r, 3, &row.lead, &text)?;
                ws.write_string_with_format(r, 4, &row.coord, &text)?;
                r += 1;
            }
        }
    }
    ws.set_landscape();
    ws.set_paper_size(A4);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.6, 0.7, 0.3, 0.3);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_footer("&C&\"Times New Roman,Regular\"&11Trang &P/&N");
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    wb.save_to_buffer()
}

/// Writes the annex workbook atomically.
///
/// # Errors
/// When the file cannot be written.
pub fn write_annex(path: &Path, annex: &Annex, title: &AnnexTitle) -> Result<(), Fatal> {
    let bytes = annex_workbook(annex, title).map_err(|e| Fatal::output(path, e))?;
    write_atomic(path, &bytes)
}
