//! The three layouts a sample submission is written in, as clerks lay out
//! the form. The reader must cope with all three; the header words and the
//! positions below are what it is tested against.
//!
//! ```text
//! Layout A "Biểu 1": title rows, code column, one header row (row 7)
//!   A1 UBND PHƯỜNG 5              E1 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
//!   A2 (department name)          E2 Độc lập - Tự do - Hạnh phúc
//!   A4:K4 BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ I/2020
//!   A5:K5 (Kèm theo Báo cáo số 25/BC-UBND ngày 05/4/2020)
//!   7: STT | Mã số | Chỉ tiêu | ĐVT | KH | TH | LK | CK | %KH | %CK | Ghi chú
//!   8…: sections "I", "", "KINH TẾ" and indicator rows; then 2 blank rows,
//!       the place and date, the signature block
//!
//! Layout B "Biểu 1": title rows, two-row header (rows 6-7), no code column
//!   A4:J4 BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI Quý 1 năm 2020
//!   6: STT | Nội dung chỉ tiêu | Đơn vị tính | Quý I/2020 ·       | Kế hoạch năm
//!   7:     |                   |             | Thực hiện | Lũy kế |
//!   6: (cont.) Cùng kỳ | So sánh (%) ·               | Ghi chú
//!   7: (cont.)         | So với KH | So với cùng kỳ |
//!
//! Layout C "Sheet1": numbers as Vietnamese text, names retyped
//!   A1 PHƯỜNG 12
//!   A3 BÁO CÁO SỐ LIỆU 3 tháng đầu năm 2020
//!   5: TT | Chỉ tiêu | ĐVT | KH năm | TH quý | Lũy kế | Cùng kỳ | %KH | %CK
//! ```
//!
//! Every workbook also has a sheet "Nhiệm vụ" (the unit's tasks for the
//! next quarter), as the real submissions do.

use crate::model::{roman, Period, PeriodSpan, ValueColumn};
use crate::number::format_vi;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// How a submission is laid out (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    A,
    B,
    C,
}

/// One value cell as the clerk filled it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Blank,
    /// `scaled / 10^decimals`, written as a number (as text in layout C).
    Num {
        scaled: i64,
        decimals: u8,
    },
    /// Free text where a number belongs ("khoảng 20").
    Text(String),
}

impl Cell {
    pub fn num(scaled: Option<i64>, decimals: u8) -> Cell {
        match scaled {
            Some(scaled) => Cell::Num { scaled, decimals },
            None => Cell::Blank,
        }
    }

    /// The value as a float, if a number.
    pub fn value(&self) -> Option<f64> {
        match self {
            Cell::Num { scaled, decimals } => Some(*scaled as f64 / 10f64.powi(*decimals as i32)),
            _ => None,
        }
    }
}

/// An indicator row (or a row the catalog does not know).
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Catalog code ("" for a row not in the catalog).
    pub code: String,
    pub name: String,
    pub unit: String,
    /// In the order of [`ValueColumn::ALL`]: KH, TH, LK, CK, %KH, %CK.
    pub values: [Cell; 6],
    pub note: String,
}

impl Line {
    pub fn value_mut(&mut self, col: ValueColumn) -> Option<&mut Cell> {
        self.values.get_mut(col.index())
    }

    pub fn value(&self, col: ValueColumn) -> Option<&Cell> {
        self.values.get(col.index())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    /// "I", "KINH TẾ": no figures.
    Section {
        number: String,
        title: String,
    },
    Line(Line),
}

impl Row {
    /// The one line of a department's table with nothing to report this
    /// period.
    pub fn nothing_to_report() -> Row {
        Row::Line(Line {
            code: String::new(),
            name: "Không có chỉ tiêu phát sinh trong kỳ".into(),
            unit: String::new(),
            values: std::array::from_fn(|_| Cell::Blank),
            note: String::new(),
        })
    }
}

/// A task of the programme for the next quarter.
#[derive(Clone, Debug, PartialEq)]
pub struct Task {
    pub content: String,
    pub deadline: String,
    pub lead: String,
    pub partners: String,
}

/// Everything a submission shows.
#[derive(Clone, Debug)]
pub struct Doc {
    pub layout: Layout,
    /// A1 (and A2): the unit as its letterhead writes it.
    pub letterhead: Vec<String>,
    /// The period as the title writes it ("QUÝ I/2020"); see [`period_words`].
    pub title_period: String,
    pub period: Period,
    /// "(Kèm theo Báo cáo số 25/BC-UBND ngày 05/4/2020)".
    pub attachment: String,
    /// "Phường 5, ngày 05 tháng 4 năm 2020".
    pub place_date: String,
    /// The signer's titles ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH").
    pub signer_titles: Vec<String>,
    pub signer: String,
    pub clerk: String,
    pub rows: Vec<Row>,
    pub task_title: String,
    pub tasks: Vec<Task>,
}

/// A field of an indicator row, for locating cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The code column (layout A only).
    Code,
    Name,
    Unit,
    Value(ValueColumn),
    /// The Ghi chú column (layouts A and B).
    Note,
}

/// Where a written document put things (0-based rows and columns).
#[derive(Clone, Debug)]
pub struct Placed {
    pub sheet: &'static str,
    /// The title cell that states the period.
    pub title_cell: String,
    /// The letterhead's cell that names the sender (its last line).
    pub unit_cell: String,
    /// The sheet row of each element of `Doc::rows`.
    pub rows: Vec<u32>,
    pub layout: Layout,
}

impl Placed {
    /// A1 reference of a field of `Doc::rows[row]`.
    pub fn cell(&self, row: usize, field: Field) -> Option<String> {
        let r = *self.rows.get(row)?;
        let c = column_of(self.layout, field)?;
        Some(crate::diagnostic::a1(r, c as u32))
    }
}

/// The sheet name of the figures in a layout.
pub fn sheet_name(layout: Layout) -> &'static str {
    match layout {
        Layout::A | Layout::B => "Biểu 1",
        Layout::C => "Sheet1",
    }
}

/// The 0-based column of a field in a layout (`None`: not in it).
pub fn column_of(layout: Layout, field: Field) -> Option<u16> {
    use ValueColumn::*;
    let c = match (layout, field) {
        (Layout::A, Field::Code) => 1,
        (_, Field::Code) => return None,
        (Layout::A, Field::Note) => 10,
        (Layout::B, Field::Note) => 9,
        (Layout::C, Field::Note) => return None,
        (Layout::A, Field::Name) => 2,
        (Layout::A, Field::Unit) => 3,
        (Layout::A, Field::Value(v)) => match v {
            Kh => 4,
            Th => 5,
            Lk => 6,
            Ck => 7,
            PctKh => 8,
            PctCk => 9,
        },
        (_, Field::Name) => 1,
        (_, Field::Unit) => 2,
        (Layout::B, Field::Value(v)) => match v {
            Th => 3,
            Lk => 4,
            Kh => 5,
            Ck => 6,
            PctKh => 7,
            PctCk => 8,
        },
        (Layout::C, Field::Value(v)) => match v {
            Kh => 3,
            Th => 4,
            Lk => 5,
            Ck => 6,
            PctKh => 7,
            PctCk => 8,
        },
    };
    Some(c)
}

/// The period as each layout's title writes it: A "QUÝ I/2020", B "Quý 1
/// năm 2020", C "3 tháng đầu năm 2020" (a first quarter) or "quý II năm
/// 2020".
pub fn period_words(layout: Layout, p: Period) -> String {
    match (layout, p.span) {
        (Layout::A, _) => p.title_vi().to_uppercase(),
        (Layout::B, PeriodSpan::Quarter(q)) => format!("Quý {q} năm {}", p.year),
        (Layout::C, PeriodSpan::Quarter(1)) => format!("3 tháng đầu năm {}", p.year),
        (Layout::C, PeriodSpan::Quarter(q)) => format!("quý {} năm {}", roman(q as u32), p.year),
        _ => p.title_vi(),
    }
}

/// The fixed date stamped into every workbook's properties, so that the
/// same seed gives the same bytes.
fn properties() -> Result<DocProperties, XlsxError> {
    Ok(DocProperties::new()
        .set_author("tonghop samples")
        .set_creation_datetime(&ExcelDateTime::from_ymd(2020, 4, 5)?))
}

struct Formats {
    bold: Format,
    title: Format,
    italic: Format,
    header: Format,
    section: Format,
    text: Format,
    center: Format,
    numbers: [Format; 3],
    text_number: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(12);
        let cell = base.clone().set_border(FormatBorder::Thin);
        Formats {
            bold: base.clone().set_bold(),
            title: base.clone().set_bold().set_align(FormatAlign::Center),
            italic: base.clone().set_italic().set_align(FormatAlign::Center),
            header: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            section: cell.clone().set_bold(),
            text: cell.clone().set_text_wrap(),
            center: cell.clone().set_align(FormatAlign::Center),
            numbers: [
                cell.clone().set_num_format("#,##0"),
                cell.clone().set_num_format("#,##0.0"),
                cell.clone().set_num_format("#,##0.00"),
            ],
            text_number: cell.set_align(FormatAlign::Right),
        }
    }

    fn number(&self, decimals: u8) -> &Format {
        let i = (decimals as usize).min(2);
        &self.numbers[i]
    }
}

/// Writes a document as an xlsx workbook in memory.
///
/// # Errors
/// Only what rust_xlsxwriter reports (a sheet name or range it refuses),
/// which the fixed layouts do not trigger.
pub fn render(doc: &Doc) -> Result<(Vec<u8>, Placed), XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&properties()?);
    let f = Formats::new();
    let placed = {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(doc.layout))?;
        match doc.layout {
            Layout::A => write_a(ws, doc, &f)?,
            Layout::B => write_b(ws, doc, &f)?,
            Layout::C => write_c(ws, doc, &f)?,
        }
    };
    let ws = wb.add_worksheet();
    ws.set_name("Nhiệm vụ")?;
    write_tasks(ws, doc, &f)?;
    Ok((wb.save_to_buffer()?, placed))
}

/// The height of a row holding `lines` lines of 12-point Times New Roman,
/// so that wrapped header text is not cut (the default row is one line of
/// 11-point text).
fn lines_tall(lines: u8) -> f64 {
    f64::from(lines) * 15.75 + 1.5
}

fn widths(ws: &mut Worksheet, w: &[f64]) -> Result<(), XlsxError> {
    for (i, &width) in w.iter().enumerate() {
        ws.set_column_width(i as u16, width)?;
    }
    Ok(())
}

fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    as_text: bool,
    f: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Blank => {
            ws.write_blank(row, col, &f.text)?;
        }
        Cell::Num { scaled, decimals } => {
            let v = *scaled as f64 / 10f64.powi(*decimals as i32);
            if as_text {
                ws.write_string_with_format(row, col, format_vi(v, *decimals), &f.text_number)?;
            } else {
                ws.write_number_with_format(row, col, v, f.number(*decimals))?;
            }
        }
        Cell::Text(t) => {
            ws.write_string_with_format(row, col, t, &f.text_number)?;
        }
    }
    Ok(())
}

/// Writes the indicator rows from sheet row `first`; returns each row's
/// position and the row after the table.
fn write_rows(
    ws: &mut Worksheet,
    doc: &Doc,
    f: &Formats,
    first: u32,
) -> Result<(Vec<u32>, u32), XlsxError> {
    let layout = doc.layout;
    let last_col: u16 = match layout {
        Layout::A => 10,
        Layout::B => 9,
        Layout::C => 8,
    };
    let name_col = column_of(layout, Field::Name).unwrap_or(1);
    let unit_col = column_of(layout, Field::Unit).unwrap_or(2);
    let mut positions = Vec::with_capacity(doc.rows.len());
    let mut row = first;
    let mut stt = 0;
    for r in &doc.rows {
        positions.push(row);
        match r {
            Row::Section { number, title } => {
                stt = 0;
                ws.write_string_with_format(row, 0, number, &f.section)?;
                for c in 1..=last_col {
                    if c == name_col {
                        ws.write_string_with_format(row, c, title, &f.section)?;
                    } else {
                        ws.write_blank(row, c, &f.section)?;
                    }
                }
            }
            Row::Line(line) => {
                // Sub-items ("- …", "Trong đó: …") carry no number.
                let sub = line.code.ends_with(|c: char| c.is_ascii_lowercase())
                    || line.name.trim_start().starts_with('-')
                    || line.name.starts_with("Trong đó");
                if sub {
                    ws.write_blank(row, 0, &f.center)?;
                } else {
                    stt += 1;
                    ws.write_number_with_format(row, 0, stt as f64, &f.center)?;
                }
                if layout == Layout::A {
                    ws.write_string_with_format(row, 1, &line.code, &f.center)?;
                }
                ws.write_string_with_format(row, name_col, &line.name, &f.text)?;
                ws.write_string_with_format(row, unit_col, &line.unit, &f.center)?;
                for (col, cell) in ValueColumn::ALL.iter().zip(&line.values) {
                    if let Some(c) = column_of(layout, Field::Value(*col)) {
                        write_value(ws, row, c, cell, layout == Layout::C, f)?;
                    }
                }
                if layout != Layout::C {
                    ws.write_string_with_format(row, last_col, &line.note, &f.text)?;
                }
            }
        }
        row += 1;
    }
    Ok((positions, row))
}

/// Place and date, then the signature block, from sheet row `row`.
fn write_signature(
    ws: &mut Worksheet,
    doc: &Doc,
    f: &Formats,
    row: u32,
    right: u16,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, right, &doc.place_date, &f.italic)?;
    ws.write_string_with_format(row + 1, 1, "NGƯỜI LẬP BIỂU", &f.title)?;
    for (i, t) in doc.signer_titles.iter().enumerate() {
        ws.write_string_with_format(row + 1 + i as u32, right, t, &f.title)?;
    }
    ws.write_string_with_format(row + 6, 1, &doc.clerk, &f.title)?;
    ws.write_string_with_format(row + 6, right, &doc.signer, &f.title)?;
    Ok(())
}

fn letterhead(ws: &mut Worksheet, doc: &Doc, f: &Formats, right: u16) -> Result<(), XlsxError> {
    for (i, l) in doc.letterhead.iter().take(2).enumerate() {
        ws.write_string_with_format(i as u32, 0, l, &f.bold)?;
    }
    ws.write_string_with_format(0, right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", &f.title)?;
    ws.write_string_with_format(1, right, "Độc lập - Tự do - Hạnh phúc", &f.title)?;
    Ok(())
}

fn write_a(ws: &mut Worksheet, doc: &Doc, f: &Formats) -> Result<Placed, XlsxError> {
    widths(
        ws,
        &[
            5.0, 8.0, 52.0, 12.0, 12.0, 12.0, 12.0, 12.0, 10.0, 10.0, 12.0,
        ],
    )?;
    letterhead(ws, doc, f, 4)?;
    let title = format!("BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI {}", doc.title_period);
    ws.merge_range(3, 0, 3, 10, &title, &f.title)?;
    ws.merge_range(4, 0, 4, 10, &doc.attachment, &f.italic)?;
    let p = doc.period;
    let th = match p.span {
        PeriodSpan::Quarter(_) => format!("Thực hiện {}", p.in_sentence_vi()),
        _ => format!("Thực hiện {}", p.title_vi()),
    };
    let headers = [
        "STT".to_string(),
        "Mã số".into(),
        "Chỉ tiêu".into(),
        "ĐVT".into(),
        format!("Kế hoạch năm {}", p.year),
        th,
        "Lũy kế từ đầu năm".into(),
        format!("Cùng kỳ năm {}", p.year - 1),
        "% so với KH".into(),
        "% so với cùng kỳ".into(),
        "Ghi chú".into(),
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(6, c as u16, h, &f.header)?;
    }
    // «Thực hiện quý III năm 2026» wraps to three lines in its 12 characters.
    ws.set_row_height(6, lines_tall(3))?;
    let (rows, end) = write_rows(ws, doc, f, 7)?;
    write_signature(ws, doc, f, end + 2, 6)?;
    Ok(Placed {
        sheet: sheet_name(Layout::A),
        title_cell: "A4".into(),
        unit_cell: format!("A{}", doc.letterhead.len().clamp(1, 2)),
        rows,
        layout: Layout::A,
    })
}

fn write_b(ws: &mut Worksheet, doc: &Doc, f: &Formats) -> Result<Placed, XlsxError> {
    widths(
        ws,
        &[5.0, 52.0, 12.0, 12.0, 12.0, 12.0, 12.0, 10.0, 10.0, 12.0],
    )?;
    letterhead(ws, doc, f, 4)?;
    let title = format!("BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI {}", doc.title_period);
    ws.merge_range(3, 0, 3, 9, &title, &f.title)?;
    ws.merge_range(4, 0, 4, 9, &doc.attachment, &f.italic)?;
    for (c, h) in [
        (0u16, "STT"),
        (1, "Nội dung chỉ tiêu"),
        (2, "Đơn vị tính"),
        (5, "Kế hoạch năm"),
        (6, "Cùng kỳ"),
        (9, "Ghi chú"),
    ] {
        ws.merge_range(5, c, 6, c, h, &f.header)?;
    }
    ws.merge_range(5, 3, 5, 4, &doc.period.title_vi(), &f.header)?;
    ws.write_string_with_format(6, 3, "Thực hiện", &f.header)?;
    ws.write_string_with_format(6, 4, "Lũy kế", &f.header)?;
    ws.merge_range(5, 7, 5, 8, "So sánh (%)", &f.header)?;
    ws.write_string_with_format(6, 7, "So với KH", &f.header)?;
    ws.write_string_with_format(6, 8, "So với cùng kỳ", &f.header)?;
    // «6 tháng đầu năm 2026» over two columns and «So với cùng kỳ» wrap to
    // two lines each.
    ws.set_row_height(5, lines_tall(2))?;
    ws.set_row_height(6, lines_tall(2))?;
    let (rows, end) = write_rows(ws, doc, f, 7)?;
    write_signature(ws, doc, f, end + 2, 6)?;
    Ok(Placed {
        sheet: sheet_name(Layout::B),
        title_cell: "A4".into(),
        unit_cell: format!("A{}", doc.letterhead.len().clamp(1, 2)),
        rows,
        layout: Layout::B,
    })
}

fn write_c(ws: &mut Worksheet, doc: &Doc, f: &Formats) -> Result<Placed, XlsxError> {
    widths(ws, &[5.0, 52.0, 12.0, 14.0, 14.0, 14.0, 14.0, 10.0, 10.0])?;
    if let Some(unit) = doc.letterhead.last() {
        ws.write_string(0, 0, unit.trim_start_matches("UBND ").trim())?;
    }
    ws.write_string(2, 0, format!("BÁO CÁO SỐ LIỆU {}", doc.title_period))?;
    for (c, h) in [
        "TT",
        "Chỉ tiêu",
        "ĐVT",
        "KH năm",
        "TH quý",
        "Lũy kế",
        "Cùng kỳ",
        "%KH",
        "%CK",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(4, c as u16, *h, &f.header)?;
    }
    ws.set_row_height(4, lines_tall(1))?;
    let (rows, end) = write_rows(ws, doc, f, 5)?;
    ws.write_string(end + 1, 1, "Người lập")?;
    ws.write_string(end + 4, 1, &doc.clerk)?;
    Ok(Placed {
        sheet: sheet_name(Layout::C),
        title_cell: "A3".into(),
        unit_cell: "A1".into(),
        rows,
        layout: Layout::C,
    })
}

fn write_tasks(ws: &mut Worksheet, doc: &Doc, f: &Formats) -> Result<(), XlsxError> {
    widths(ws, &[5.0, 60.0, 16.0, 22.0, 30.0])?;
    ws.merge_range(0, 0, 0, 4, &doc.task_title, &f.title)?;
    for (c, h) in [
        "TT",
        "Nội dung",
        "Tiến độ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(2, c as u16, *h, &f.header)?;
    }
    ws.set_row_height(2, lines_tall(1))?;
    for (i, t) in doc.tasks.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &f.center)?;
        ws.write_string_with_format(r, 1, &t.content, &f.text)?;
        ws.write_string_with_format(r, 2, &t.deadline, &f.center)?;
        ws.write_string_with_format(r, 3, &t.lead, &f.text)?;
        ws.write_string_with_format(r, 4, &t.partners, &f.text)?;
    }
    Ok(())
}
