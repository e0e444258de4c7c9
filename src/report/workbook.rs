//! The consolidated workbook `tong-hop.xlsx`:
//!
//! ```text
//! Tổng hợp              Mã | Chỉ tiêu | ĐVT | KH | TH | LK | CK | %KH | %CK
//!                       (one row per indicator under section rows)
//! Chi tiết theo đơn vị  Mã | Chỉ tiêu | ĐVT | Cột | ward… | Tổng cộng | department…
//!                       (TH and LK rows; Tổng cộng a live SUM with its value)
//! Tình trạng nộp        each expected unit and every other file, with status
//! Lỗi                   the error list, coloured by severity
//! ```
//!
//! Number formats are written in Excel's invariant form (`#,##0.00`), which
//! Excel shows as `#.##0,00` under the Vietnamese locale.

use crate::diagnostic::{column_letters, Finding, Lang, Severity, Tally};
use crate::error::Fatal;
use crate::model::{Period, ValueColumn};
use crate::normalize::store::Figures;
use crate::reconcile::{column_index, Totals};
use crate::report::atomic::write_atomic_with;
use crate::report::detail::DetailCells;
use crate::template::{Indicator, Kind, Level, Template};
use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};
use std::collections::HashMap;
use std::path::Path;

/// The status of a unit or file in "Tình trạng nộp".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Submitted,
    Missing,
    Duplicate,
    Unreadable,
    WrongPeriod,
    UnknownUnit,
    Skipped,
}

impl Status {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Submitted, Lang::Vi) => "đã nộp",
            (Status::Missing, Lang::Vi) => "chưa nộp",
            (Status::Duplicate, Lang::Vi) => "trùng",
            (Status::Unreadable, Lang::Vi) => "không đọc được",
            (Status::WrongPeriod, Lang::Vi) => "sai kỳ",
            (Status::UnknownUnit, Lang::Vi) => "không rõ đơn vị",
            (Status::Skipped, Lang::Vi) => "bỏ qua",
            (Status::Submitted, Lang::En) => "submitted",
            (Status::Missing, Lang::En) => "missing",
            (Status::Duplicate, Lang::En) => "duplicate",
            (Status::Unreadable, Lang::En) => "unreadable",
            (Status::WrongPeriod, Lang::En) => "wrong period",
            (Status::UnknownUnit, Lang::En) => "unknown unit",
            (Status::Skipped, Lang::En) => "skipped",
        }
    }
}

/// One line of "Tình trạng nộp".
#[derive(Clone, Debug)]
pub struct StatusLine {
    /// Agency code, or empty for a file of no known unit.
    pub unit: String,
    pub unit_name: String,
    /// Files, `; `-separated.
    pub files: String,
    pub status: Status,
    pub note: String,
}

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
    match lang {
        Lang::Vi => ["Tổng hợp", "Chi tiết theo đơn vị", "Tình trạng nộp", "Lỗi"],
        Lang::En => ["Summary", "Detail by unit", "Submission status", "Findings"],
    }
}

fn xerr(path: &Path) -> impl Fn(XlsxError) -> Fatal + '_ {
    move |e| Fatal::output(path, e)
}

/// The number format of an indicator's quantities.
fn quantity_format(ind: &Indicator) -> &'static str {
    let u = crate::normalize::text::fold(&ind.unit);
    if ind.kind == Kind::Rate || (u.contains("dong") && u != "dong") {
        "#,##0.00"
    } else {
        "#,##0"
    }
}

/// Writes `tong-hop.xlsx`.
///
/// # Errors
/// When the workbook cannot be built or written.
pub fn write_workbook(path: &Path, data: &ReportData) -> Result<(), Fatal> {
    let mut wb = Workbook::new();
    let names = sheet_names(data.lang);
    let e = xerr(path);
    // The constant-memory sheets' temporary files go beside the output,
    // not to a temporary folder that may be held in memory (tmpfs).
    if let Some(dir) = path.parent().filter(|d| d.is_dir()) {
        wb.set_tempdir(dir).map_err(&e)?;
    }
    summary_sheet(wb.add_worksheet().set_name(names[0]).map_err(&e)?, data).map_err(&e)?;
    // The detail sheet (indicators × units) is written row by row to a
    // temporary file instead of being held in memory.
    let detail = wb.add_worksheet_with_constant_memory().map_err(&e)?;
    detail_sheet(detail.set_name(names[1]).map_err(&e)?, data).map_err(&e)?;
    // So are the status sheet (a line per unit of the registry) and the
    // findings.
    let status = wb.add_worksheet_with_constant_memory().map_err(&e)?;
    status_sheet(status.set_name(names[2]).map_err(&e)?, data).map_err(&e)?;
    findings_sheet(
        wb.add_worksheet_with_constant_memory()
            .map_err(&e)?
            .set_name(names[3])
            .map_err(&e)?,
        data.findings,
        data.lang,
    )
    .map_err(&e)?;
    let props = rust_xlsxwriter::DocProperties::new()
        .set_title(data.template.settings.title.as_str())
        .set_author("tonghop");
    wb.set_properties(&props);
    write_atomic_with(path, |w| {
        wb.save_to_writer(w).map_err(std::io::Error::other)
    })
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xDDEBF7))
}

fn cell_format() -> Format {
    Format::new().set_border(FormatBorder::Thin)
}

fn summary_sheet(ws: &mut Worksheet, d: &ReportData) -> Result<(), XlsxError> {
    let t = d.template;
    let lang = d.lang;
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center);
    let bold = Format::new().set_bold();
    ws.merge_range(
        0,
        0,
        0,
        8,
        &t.settings.office,
        &bold.clone().set_align(FormatAlign::Center),
    )?;
    let heading = format!(
        "{} — {}",
        t.settings.title,
        d.period.title(lang).to_uppercase()
    );
    ws.merge_range(1, 0, 1, 8, &heading, &title)?;
    let wards_total = t
        .agencies
        .iter()
        .filter(|a| a.kind == crate::template::AgencyKind::Ward && a.reports)
        .count();
    let wards_in = d
        .units
        .iter()
        .filter(|(u, _)| {
            t.agencies
                .get(*u)
                .is_some_and(|a| a.kind == crate::template::AgencyKind::Ward)
        })
        .count();
    let note = match lang {
        Lang::Vi => format!(
            "(Tổng hợp từ {wards_in}/{wards_total} phường, xã và {} phòng ban, đơn vị)",
            d.units.len() - wards_in
        ),
        Lang::En => format!(
            "(Consolidated from {wards_in}/{wards_total} wards and {} departments)",
            d.units.len() - wards_in
        ),
    };
    ws.merge_range(
        2,
        0,
        2,
        8,
        &note,
        &Format::new().set_italic().set_align(FormatAlign::Center),
    )?;
    let header_row = 4;
    let headers = [
        lang.pick("Mã", "Code"),
        lang.pick("Chỉ tiêu", "Indicator"),
        lang.pick("ĐVT", "Unit"),
        "KH",
        "TH",
        "LK",
        "CK",
        "%KH",
        "%CK",
    ];
    let hf = header_format();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(header_row, c as u16, *h, &hf)?;
    }
    let cf = cell_format();
    let section = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xF2F2F2));
    let pct = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0.00");
    let mut row = header_row + 1;
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
        ws.write_string_with_format(
            row,
            1,
            format!(
                "{}. {}",
                crate::model::roman(gi as u32 + 1),
                g.name.to_uppercase()
            ),
            &section,
        )?;
        for c in 2..9u16 {
            ws.write_blank(row, c, &section)?;
        }
        row += 1;
        for (i, ind) in members {
            ws.write_string_with_format(row, 0, &ind.code, &cf)?;
            ws.write_string_with_format(row, 1, &ind.name, &cf.clone().set_text_wrap())?;
            ws.write_string_with_format(row, 2, &ind.unit, &cf)?;
            let qf = Format::new()
                .set_border(FormatBorder::Thin)
                .set_num_format(quantity_format(ind));
            for (k, c) in ValueColumn::ALL.iter().enumerate() {
                let col = 3 + k as u16;
                match d.totals.values[i][column_index(*c)] {
                    Some(v) if v.is_finite() => {
                        ws.write_number_with_format(
                            row,
                            col,
                            v,
                            if c.is_percent() { &pct } else { &qf },
                        )?;
                    }
                    _ => {
                        ws.write_blank(row, col, &cf)?;
                    }
                }
            }
            row += 1;
        }
    }
    ws.set_column_width(0, 8)?;
    ws.set_column_width(1, 58)?;
    ws.set_column_width(2, 13)?;
    for c in 3..9u16 {
        ws.set_column_width(c, 13)?;
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    // The title and the header repeat on every printed page.
    ws.set_repeat_rows(0, header_row)?;
    ws.set_print_fit_to_pages(1, 0);
    ws.set_footer("&C&P/&N");
    Ok(())
}

fn detail_sheet(ws: &mut Worksheet, d: &ReportData) -> Result<(), XlsxError> {
    let t = d.template;
    let lang = d.lang;
    let hf = header_format();
    let is_ward = |u: usize| {
        t.agencies
            .get(u)
            .is_some_and(|a| a.kind == crate::template::AgencyKind::Ward)
    };
    let wards: Vec<&UnitFigures> = d.units.iter().filter(|(u, _)| is_ward(*u)).collect();
    let others: Vec<&UnitFigures> = d.units.iter().filter(|(u, _)| !is_ward(*u)).collect();
    // Units in column order: the wards, then the others.
    let in_order: Vec<usize> = wards.iter().chain(&others).map(|(_, k)| *k).collect();
    let first_unit_col: u16 = 4;
    let total_col: u16 = first_unit_col + wards.len() as u16;
    let first_other_col = total_col + 1;
    let headers = [
        lang.pick("Mã", "Code"),
        lang.pick("Chỉ tiêu", "Indicator"),
        lang.pick("ĐVT", "Unit"),
        lang.pick("Cột", "Column"),
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &hf)?;
    }
    for (k, (u, _)) in wards.iter().enumerate() {
        ws.write_string_with_format(0, first_unit_col + k as u16, &t.agencies[*u].name, &hf)?;
    }
    ws.write_string_with_format(0, total_col, lang.pick("Tổng cộng", "Total"), &hf)?;
    for (k, (u, _)) in others.iter().enumerate() {
        ws.write_string_with_format(0, first_other_col + k as u16, &t.agencies[*u].name, &hf)?;
    }
    let bold_num = |f: &str| Format::new().set_bold().set_num_format(f);
    let columns = [ValueColumn::Th, ValueColumn::Lk];
    // The cells come a band of indicators at a time (see DetailCells).
    let io = |e: Fatal| XlsxError::IoError(std::io::Error::other(e.to_string()));
    let mut bands =
        DetailCells::new(d.figures, &in_order, &columns, t.indicators.len()).map_err(io)?;
    let mut row: u32 = 1;
    for b in 0..bands.band_count() {
        let band = bands.band(b);
        let cells = bands.cells(b).map_err(io)?;
        for i in band.clone() {
            let ind = &t.indicators[i];
            let qf = Format::new().set_num_format(quantity_format(ind));
            for (q, column) in columns.into_iter().enumerate() {
                ws.write_string(row, 0, &ind.code)?;
                ws.write_string(row, 1, &ind.name)?;
                ws.write_string(row, 2, &ind.unit)?;
                ws.write_string(row, 3, column.as_str())?;
                let line = ((i - band.start) * columns.len() + q) * in_order.len();
                let value = |pos: usize| cells[line + pos];
                for k in 0..wards.len() {
                    if let Some(v) = value(k) {
                        ws.write_number_with_format(row, first_unit_col + k as u16, v, &qf)?;
                    }
                }
                let mut dept_col = None;
                for (k, (u, _)) in others.iter().enumerate() {
                    if let Some(v) = value(wards.len() + k) {
                        ws.write_number_with_format(row, first_other_col + k as u16, v, &qf)?;
                    }
                    if t.agencies[*u].code == ind.reported_by {
                        dept_col = Some(first_other_col + k as u16);
                    }
                }
                let total = d.totals.values[i][column_index(column)];
                let total_fmt = bold_num(quantity_format(ind));
                match (ind.kind, ind.level, total) {
                    (_, _, None) => {}
                    (Kind::Rate, _, Some(v)) => {
                        ws.write_number_with_format(row, total_col, v, &total_fmt)?;
                    }
                    (_, Level::District, Some(v)) => match dept_col {
                        Some(c) => {
                            let f =
                                Formula::new(format!("={}{}", column_letters(c as u32), row + 1))
                                    .set_result(v.to_string());
                            ws.write_formula_with_format(row, total_col, f, &total_fmt)?;
                        }
                        None => {
                            ws.write_number_with_format(row, total_col, v, &total_fmt)?;
                        }
                    },
                    (_, _, Some(v)) if !wards.is_empty() => {
                        let f = Formula::new(format!(
                            "=SUM({}{}:{}{})",
                            column_letters(first_unit_col as u32),
                            row + 1,
                            column_letters(total_col as u32 - 1),
                            row + 1
                        ))
                        .set_result(v.to_string());
                        ws.write_formula_with_format(row, total_col, f, &total_fmt)?;
                    }
                    (_, _, Some(v)) => {
                        ws.write_number_with_format(row, total_col, v, &total_fmt)?;
                    }
                }
                row += 1;
            }
        }
    }
    ws.set_column_width(0, 8)?;
    ws.set_column_width(1, 45)?;
    ws.set_column_width(2, 12)?;
    ws.set_column_width(3, 6)?;
    ws.set_freeze_panes(1, 4)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

fn status_sheet(ws: &mut Worksheet, d: &ReportData) -> Result<(), XlsxError> {
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
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &hf)?;
    }
    let bad = Format::new().set_background_color(Color::RGB(0xF8CBAD));
    let warn = Format::new().set_background_color(Color::RGB(0xFFF2CC));
    let ok = Format::new().set_background_color(Color::RGB(0xE2EFDA));
    let plain = Format::new();
    // Findings of a line: by unit for known units, else by file. Counted
    // once, not once per line: a registry of thousands of units with
    // thousands of findings.
    let mut by_unit: HashMap<&str, Tally> = HashMap::new();
    let mut by_file: HashMap<&str, Tally> = HashMap::new();
    for f in d.findings {
        by_unit.entry(f.unit.as_str()).or_default().count(f);
        by_file.entry(f.file.as_str()).or_default().count(f);
    }
    for (k, line) in d.status.iter().enumerate() {
        let row = k as u32 + 1;
        let tally = if line.unit.is_empty() {
            let mut files: Vec<&str> = line.files.split("; ").filter(|x| !x.is_empty()).collect();
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
        ws.write_number(row, 0, (k + 1) as f64)?;
        ws.write_string(row, 1, &line.unit)?;
        ws.write_string(row, 2, &line.unit_name)?;
        ws.write_string(row, 3, &line.files)?;
        let fmt = match line.status {
            Status::Submitted => &ok,
            Status::Duplicate | Status::Skipped => &warn,
            Status::Missing | Status::Unreadable | Status::WrongPeriod | Status::UnknownUnit => {
                &bad
            }
        };
        ws.write_string_with_format(
            row,
            4,
            line.status.label(lang),
            if line.status == Status::Submitted && tally.errors == 0 {
                fmt
            } else if line.status == Status::Submitted {
                &plain
            } else {
                fmt
            },
        )?;
        ws.write_number(row, 5, tally.errors as f64)?;
        ws.write_number(row, 6, tally.warnings as f64)?;
        ws.write_number(row, 7, tally.infos as f64)?;
        ws.write_string(row, 8, &line.note)?;
    }
    ws.set_column_width(0, 5)?;
    ws.set_column_width(1, 10)?;
    ws.set_column_width(2, 32)?;
    ws.set_column_width(3, 40)?;
    ws.set_column_width(4, 16)?;
    for c in 5..8u16 {
        ws.set_column_width(c, 10)?;
    }
    ws.set_column_width(8, 70)?;
    ws.set_freeze_panes(1, 0)?;
    if !d.status.is_empty() {
        ws.autofilter(0, 0, d.status.len() as u32, 8)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    Ok(())
}

/// Writes the error list as a sheet: the same columns as errors.csv.
pub fn findings_sheet(
    ws: &mut Worksheet,
    findings: &[Finding],
    lang: Lang,
) -> Result<(), XlsxError> {
    let hf = header_format();
    let headers = match lang {
        Lang::Vi => [
            "Mức độ",
            "Mã lỗi",
            "Đơn vị",
            "Tệp",
            "Trang tính",
            "Ô",
            "Chỉ tiêu",
            "Cột",
            "Phải là",
            "Giá trị ghi",
            "Nội dung",
        ],
        Lang::En => [
            "Severity",
            "Code",
            "Unit",
            "File",
            "Sheet",
            "Cell",
            "Indicator",
            "Column",
            "Expected",
            "Actual",
            "Message",
        ],
    };
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &hf)?;
    }
    let fill = |s: Severity| match s {
        Severity::Error => Format::new().set_background_color(Color::RGB(0xF8CBAD)),
        Severity::Warning => Format::new().set_background_color(Color::RGB(0xFFF2CC)),
        Severity::Info => Format::new().set_background_color(Color::RGB(0xDDEBF7)),
    };
    let formats = [
        fill(Severity::Error),
        fill(Severity::Warning),
        fill(Severity::Info),
    ];
    for (k, f) in findings.iter().enumerate() {
        let row = k as u32 + 1;
        let fmt = &formats[f.severity as usize];
        let values = [
            f.severity.label(lang),
            f.code.as_str(),
            &f.unit,
            &f.file,
            &f.sheet,
            &f.cell,
            &f.indicator,
            &f.column,
            &f.expected,
            &f.actual,
            &f.message,
        ];
        for (c, v) in values.iter().enumerate() {
            ws.write_string_with_format(row, c as u16, *v, fmt)?;
        }
    }
    let widths = [10.0, 22.0, 9.0, 30.0, 14.0, 7.0, 9.0, 7.0, 14.0, 14.0, 90.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, findings.len().max(1) as u32, 10)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    Ok(())
}
