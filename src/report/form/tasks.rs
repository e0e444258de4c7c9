//! The task sheet of a department's form: the tasks it will lead in the
//! next programme of key tasks, in the columns `tonghop annex` reads.
//!
//! ```text
//!   1  UBND QUẬN
//!   2  PHÒNG TÀI CHÍNH - KẾ HOẠCH                       who sent it (the annex reads it)
//!   4  ĐĂNG KÝ NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2020
//!   5  (Mỗi dòng một nhiệm vụ …)
//!   7  TT | Nội dung | Tiến độ | Cơ quan chủ trì | Cơ quan phối hợp | Lĩnh vực
//!   8  =1 | ▢        | ▢ ▾     | ▢ ▾             | ▢ ▾              | ▢ ▾
//!      … 25 rows (a printed page); rows may be inserted and deleted
//! ```
//!
//! The drop-downs read the lists of the hidden stamp sheet: every agency
//! of the registry in the short form the annex prints it in, then the
//! template's groups ("UBND 16 phường"); the annex's sections; the months
//! and the quarter of the programme. Only the field must come from its
//! list; an agency or a deadline may be typed (several agencies, comma
//! separated).

use super::{finish_table, title_rows, FormContext, Formats, COLUMNS, SIZE};
use crate::annex::settings::AnnexSettings;
use crate::diagnostic::a1;
use crate::model::period_words;
use crate::model::roman;
use crate::report::fit::Font;
use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, Formula, Worksheet, XlsxError};

/// The columns and their widths (digits of Times New Roman 13).
const HEADERS: [&str; 6] = [
    "TT",
    "Nội dung",
    "Tiến độ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Lĩnh vực",
];
const WIDTHS: [f64; 6] = [5.0, 52.0, 14.0, 22.0, 26.0, 22.0];
/// Rows ready for tasks (more may be inserted).
pub const TASK_ROWS: u32 = 25;

/// The drop-down lists of a department's task sheet: agencies (short
/// forms, then groups), fields (the annex's sections), deadlines.
pub fn lists(ctx: &FormContext, annex: &AnnexSettings) -> Vec<Vec<String>> {
    let t = ctx.template;
    let mut agencies: Vec<String> = Vec::new();
    for a in 0..t.agencies.len() {
        let s = annex.short_form(t, a);
        if !s.is_empty() && !agencies.contains(&s) {
            agencies.push(s);
        }
    }
    for g in &annex.groups {
        if !agencies.contains(&g.short) {
            agencies.push(g.short.clone());
        }
    }
    let fields = annex.sections.iter().map(|s| s.title.clone()).collect();
    let next = ctx.period.next_programme();
    let mut deadlines: Vec<String> = (next.first_month()..=next.last_month())
        .map(|m| format!("Tháng {m}/{}", next.year))
        .collect();
    deadlines.push(format!(
        "Quý {}/{}",
        roman(u32::from(next.last_month().div_ceil(3))),
        next.year
    ));
    deadlines.push("Thường xuyên".to_string());
    vec![agencies, fields, deadlines]
}

/// Writes the task sheet; `refs` are the ranges of [`lists`] on the stamp
/// sheet.
pub fn task_sheet(
    ws: &mut Worksheet,
    ctx: &FormContext,
    unit: usize,
    refs: &[String],
    f: &Formats,
) -> Result<(), XlsxError> {
    let t = ctx.template;
    let lang = ctx.lang;
    let next = ctx.period.next_programme();
    ws.set_name(super::sheet_names(lang)[1])?;
    ws.set_formula_result_default("");
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let title = format!("ĐĂNG KÝ NHIỆM VỤ TRỌNG TÂM {}", period_words(next));
    let note = lang.pick(
        "(Mỗi dòng một nhiệm vụ; cơ quan và lĩnh vực chọn trong danh sách, hoặc gõ nhiều cơ quan cách nhau bằng dấu phẩy. Xem trang «Hướng dẫn».)",
        "(One task a row; pick the agencies and the field from the lists, or type several agencies separated by commas. See the sheet «Instructions».)",
    );
    let mut printed = super::printed_rows();
    let header = title_rows(
        ws,
        &mut printed,
        f,
        &WIDTHS,
        &t.letterhead(unit),
        &title,
        note,
    )?;
    let bold = Font::bold(SIZE);
    let cells: Vec<(&str, f64, Font)> = HEADERS
        .iter()
        .zip(WIDTHS)
        .map(|(h, w)| (*h, w, bold))
        .collect();
    super::row_height(ws, &mut printed, header, COLUMNS.row_height_for(&cells))?;
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(header, c as u16, *h, &f.header)?;
    }
    let (first, last) = (header + 1, header + TASK_ROWS);
    for r in first..=last {
        // TT numbers the rows that have content, and may be typed over.
        let content = a1(r, 1);
        let top = a1(first, 1).replace(|c: char| c.is_ascii_digit(), "");
        ws.write_formula_with_format(
            r,
            0,
            Formula::new(format!(
                "=IF({content}=\"\",\"\",COUNTA({top}${}:{content}))",
                first + 1
            )),
            &f.input_text,
        )?;
        for c in 1..HEADERS.len() as u16 {
            ws.write_blank(r, c, &f.input_text)?;
        }
    }
    let default_field = ctx
        .annex
        .as_ref()
        .and_then(|a| a.default_section(t, unit).and_then(|s| a.sections.get(s)))
        .map(|s| s.title.clone());
    let (agencies, fields, deadlines) = match refs {
        [a, b, c] => (a, b, c),
        _ => return Err(XlsxError::ParameterError("three lists expected".into())),
    };
    let lead_vi = "Cơ quan chủ trì: chọn trong danh sách (tên viết tắt như trong phụ lục), hoặc gõ; hai cơ quan cùng chủ trì thì cách nhau bằng dấu phẩy.";
    let lead_en = "Lead agency: pick it from the list (the short form the annex prints), or type it; two leads separated by a comma.";
    let coord_vi = "Cơ quan phối hợp: chọn một cơ quan trong danh sách, hoặc gõ nhiều cơ quan cách nhau bằng dấu phẩy.";
    let coord_en =
        "Coordinating agencies: pick one from the list, or type several separated by commas.";
    let deadline_vi = format!("Thời hạn: «Tháng 5/{0}», «Quý II/{0}», «Thường xuyên»…; chọn trong danh sách hoặc gõ. Phải thuộc {1}.", next.year, next.title_vi());
    let deadline_en = format!(
        "Deadline: «Tháng 5/{0}», «Quý II/{0}», «Thường xuyên»…; pick one or type it. Within {1}.",
        next.year,
        next.title_en()
    );
    let field_vi = match &default_field {
        Some(d) => format!("Lĩnh vực của nhiệm vụ trong phụ lục: chọn trong danh sách. Để trống: «{d}», lĩnh vực của đơn vị."),
        None => "Lĩnh vực của nhiệm vụ trong phụ lục: chọn trong danh sách.".to_string(),
    };
    let field_en = match &default_field {
        Some(d) => format!(
            "The task's field in the annex: pick it from the list. Blank: «{d}», the unit's field."
        ),
        None => "The task's field in the annex: pick it from the list.".to_string(),
    };
    // (list, column, what typing outside the list does, title, message)
    let drops = [
        (
            deadlines,
            2,
            DataValidationErrorStyle::Information,
            lang.pick("Tiến độ", "Deadline"),
            lang.pick(&deadline_vi, &deadline_en),
        ),
        (
            agencies,
            3,
            DataValidationErrorStyle::Warning,
            lang.pick("Cơ quan chủ trì", "Lead agency"),
            lang.pick(lead_vi, lead_en),
        ),
        (
            agencies,
            4,
            DataValidationErrorStyle::Information,
            lang.pick("Cơ quan phối hợp", "Coordinating agencies"),
            lang.pick(coord_vi, coord_en),
        ),
        (
            fields,
            5,
            DataValidationErrorStyle::Stop,
            lang.pick("Lĩnh vực", "Field"),
            lang.pick(&field_vi, &field_en),
        ),
    ];
    for (list, col, style, title, message) in drops {
        let v = DataValidation::new()
            .allow_list_formula(Formula::new(list))
            .set_input_title(title)?
            .set_input_message(message)?
            .set_error_title(lang.pick("Không có trong danh sách", "Not in the list"))?
            .set_error_message(lang.pick(
                "Giá trị này không có trong danh sách. Hãy chọn trong danh sách (hoặc bấm «Có»/«Yes» để giữ giá trị đã gõ, nếu được phép).",
                "This value is not in the list. Pick one from the list (or choose «Yes» to keep what you typed, where allowed).",
            ))?
            .set_error_style(style);
        ws.add_data_validation(first, col, last, col, &v)?;
    }
    finish_table(ws, &printed, &WIDTHS, header, 0, lang, true)
}
