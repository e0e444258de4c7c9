//! The instructions sheet of a form: how to fill it, which cells, in which
//! units, and how it will be checked, in Vietnamese (English with `--lang
//! en`), in the words of the registry ("UBND phường 5", "các xã, phường,
//! đặc khu", "toàn tỉnh") and the unit's own figures.
//!
//! ```text
//! A (one wide column, wrapped, protected)
//!   HƯỚNG DẪN ĐIỀN BIỂU MẪU
//!   Biểu số liệu … của UBND phường 5 (mã P05; mẫu phiên bản 2020.1)
//!   1. Biểu mẫu của đơn vị        paragraphs, one a row, each as tall as its text
//!   …
//! ```

use super::{column_header, form_rows, protect, FormContext, FormRow, Formats, COLUMNS, SIZE};
use crate::diagnostic::Lang;
use crate::model::{PeriodSpan, ValueColumn};
use crate::report::fit::Font;
use crate::report::pages::Paper;
use crate::report::workbook::{print_setup, SUMMARY_PAPER};
use crate::template::{AgencyKind, CkConvention, Kind};
use rust_xlsxwriter::{Worksheet, XlsxError};

/// The width of the one column, in digits of Times New Roman 13: a
/// portrait A4 page between its margins.
const WIDTH: f64 = 78.0;

/// A line of the instructions.
#[derive(Clone, Debug, PartialEq)]
pub enum Line {
    Title(String),
    Subtitle(String),
    Heading(String),
    Text(String),
    /// A command to type, as it is typed.
    Command(String),
}

/// How the instructions name a unit in a sentence: "UBND phường 5" for a
/// unit of local government, the name itself for any other.
fn unit_words(ctx: &FormContext, unit: usize) -> String {
    let t = ctx.template;
    let Some(a) = t.agencies.get(unit) else {
        return String::new();
    };
    // "UBND xã Thuận Xuân": the level word in lower case after UBND, as
    // a sentence writes it.
    match t.unit_level(unit) {
        Some((vi, _)) => {
            let level = vi.split_whitespace().count();
            let words: Vec<&str> = a.name.split_whitespace().collect();
            let place = words.get(level..).unwrap_or_default().join(" ");
            format!("UBND {vi} {place}").trim_end().to_string()
        }
        None => a.name.clone(),
    }
}

/// A rate's definition or a relation as a clerk reads it: each code by
/// its indicator's name, a column an operand is taken from in words, the
/// signs of arithmetic («DT.02 / DT.01[KH] * 100» → «Vốn đầu tư công đã
/// giải ngân» / «Kế hoạch vốn đầu tư công được giao» (cột KH) × 100).
pub fn formula_in_words(t: &crate::template::Template, formula: &str, lang: Lang) -> String {
    let rule = crate::messages::rule_in_signs(formula);
    let named = |code: &str| t.indicator(code).map(|i| format!("«{}»", i.name));
    let is_code_char = |c: char| c.is_alphanumeric() || c == '.' || c == '_';
    let chars: Vec<char> = rule.chars().collect();
    let mut out = String::new();
    let mut k = 0;
    while let Some(&c) = chars.get(k) {
        if c == '[' {
            if let Some(close) = chars[k..].iter().position(|&x| x == ']') {
                let inner: String = chars[k + 1..k + close].iter().collect();
                let inner = inner.trim();
                match named(inner) {
                    Some(name) => out.push_str(&name),
                    None => {
                        out.push_str(&format!(" ({} {inner})", lang.pick("cột", "column")));
                    }
                }
                k += close + 1;
                continue;
            }
        }
        if is_code_char(c) {
            let start = k;
            while chars.get(k).is_some_and(|&x| is_code_char(x)) {
                k += 1;
            }
            let token: String = chars[start..k].iter().collect();
            out.push_str(&named(&token).unwrap_or(token));
            continue;
        }
        out.push(if c == '*' { '×' } else { c });
        k += 1;
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The instructions of a unit's form.
pub fn lines(ctx: &FormContext, unit: usize) -> Vec<Line> {
    let t = ctx.template;
    let p = ctx.period;
    let lang = ctx.lang;
    let Some(a) = t.agencies.get(unit) else {
        return Vec::new();
    };
    let who = unit_words(ctx, unit);
    // Mid-sentence: "UBND quận", not the letterhead's "UBND QUẬN".
    let office = t.office_in_sentence();
    let words = t.level_words();
    let is_ward = a.kind == AgencyKind::Ward;
    // Peers: "phường" for a ward of a registry of wards, the registry's
    // word for its units otherwise; "đơn vị" for a department.
    let peers = match (is_ward, lang) {
        (true, Lang::Vi) => words.units_vi.clone(),
        (true, Lang::En) => words.units_en.clone(),
        (false, Lang::Vi) => "đơn vị".to_string(),
        (false, Lang::En) => "units".to_string(),
    };
    let inds: Vec<usize> = form_rows(t, unit)
        .into_iter()
        .filter_map(|r| match r {
            FormRow::Indicator(i) => Some(i),
            FormRow::Section(_) => None,
        })
        .collect();
    let version = if t.settings.version.is_empty() {
        String::new()
    } else {
        format!(
            "; {} {}",
            lang.pick("mẫu phiên bản", "template version"),
            t.settings.version
        )
    };
    let file = ctx.file_name(unit);
    let form = super::form_title(t, p);
    // "Biểu số liệu kinh tế - xã hội quý I/2020".
    let title_case = {
        let lower = t.form_title().to_lowercase();
        let mut c = lower.chars();
        let first: String = c
            .next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default();
        format!("{first} {}", p.in_sentence_vi())
    };
    let h = |c: ValueColumn| column_header(t, p, c);
    let rate = inds
        .iter()
        .find(|&&i| t.indicators[i].kind == Kind::Rate)
        .map(|&i| {
            let ind = &t.indicators[i];
            format!(
                "«{}» = {}",
                ind.name,
                formula_in_words(t, &ind.formula, lang)
            )
        });
    let relation = inds
        .iter()
        .map(|&i| &t.indicators[i])
        .find(|ind| ind.kind != Kind::Rate && ind.formula.contains("=="))
        .map(|ind| formula_in_words(t, &ind.formula, lang));
    let example_units: Vec<String> = {
        let mut u: Vec<String> = Vec::new();
        for &i in &inds {
            let unit = &t.indicators[i].unit;
            if !unit.is_empty() && unit != "%" && !u.contains(unit) && u.len() < 3 {
                u.push(unit.clone());
            }
        }
        u
    };
    let units = example_units
        .iter()
        .map(|u| format!("«{u}»"))
        .collect::<Vec<_>>()
        .join(", ");
    let tasks = ctx.has_tasks(unit);
    let next = p.next_programme();
    let default_field = ctx
        .annex
        .as_ref()
        .and_then(|s| s.default_section(t, unit).and_then(|k| s.sections.get(k)))
        .map(|s| s.title.clone());
    let mut check = format!("tonghop check {file} --period {p}");
    // An office's own template: the clerk needs its folder to check the
    // form, which a commune does not have unless the office sends it.
    let own_template = t.source != "(built-in)";
    if own_template {
        check.push_str(lang.pick(
            " --template ‹thư mục mẫu biểu›",
            " --template ‹template folder›",
        ));
    }
    // The clerk who reads the English form reads `check` in English too.
    if lang == Lang::En {
        check.push_str(" --lang en");
    }
    let mut out = Vec::new();
    match lang {
        Lang::Vi => {
            out.push(Line::Title("HƯỚNG DẪN ĐIỀN BIỂU MẪU".into()));
            out.push(Line::Subtitle(format!(
                "{title_case} của {who} (mã {}{version})",
                a.code
            )));
            out.push(Line::Heading("1. Biểu mẫu của đơn vị".into()));
            out.push(Line::Text(format!("Biểu này do {office} tạo riêng cho {who} (mã {}) để báo cáo {}. Trong biểu có ghi mã đơn vị, kỳ báo cáo và phiên bản mẫu; khi tổng hợp, biểu được nhận diện theo các thông tin này. Không dùng biểu của {peers} khác hay của kỳ khác, không chép số liệu sang biểu tự lập: biểu của đơn vị khác gửi dưới tên {who} không được tổng hợp, biểu theo mẫu cũ sẽ bị nhắc.", a.code, p.in_sentence_vi())));
            out.push(Line::Heading("2. Nhập số liệu vào đâu".into()));
            let ck = match t.settings.ck_convention {
                CkConvention::Growth => {
                    "«Tăng, giảm so với cùng kỳ (%)» = LK / CK × 100 − 100 (số âm là giảm)"
                }
                CkConvention::Ratio => "«% so với cùng kỳ» = LK / CK × 100",
            };
            let rate = rate
                .map(|r| format!("; các tỷ lệ tính từ các chỉ tiêu của tỷ lệ (ví dụ {r})"))
                .unwrap_or_default();
            out.push(Line::Text(format!("Trang «Biểu số liệu» liệt kê {} chỉ tiêu {who} phải báo cáo theo danh mục của {office}. Chỉ nhập vào các ô nền trắng: «{}» (KH), «{}» (TH), «{}» (LK), «{}» (CK) và «Ghi chú». Các ô nền xám được tính tự động: «% so với KH» = LK / KH × 100; {ck}{rate}; LK của chỉ tiêu thời điểm = TH (số cuối kỳ). Ô KH của tỷ lệ ghi tỷ lệ phải đạt (ví dụ 95). Đưa chuột vào một ô để xem cần ghi gì.", inds.len(), h(ValueColumn::Kh), h(ValueColumn::Th), h(ValueColumn::Lk), h(ValueColumn::Ck))));
            out.push(Line::Text("Trang tính được khóa (không đặt mật khẩu) để tiêu đề, mã chỉ tiêu và công thức không bị sửa nhầm; có thể nới rộng cột, dòng. Không gỡ khóa để gõ đè ô tính tự động: số gõ tay ở đó sẽ bị kiểm tra lại và báo lỗi nếu lệch.".into()));
            out.push(Line::Heading("3. Lũy kế".into()));
            out.push(Line::Text(if p.span == PeriodSpan::Quarter(1) {
                "Trong quý I, lũy kế từ đầu năm chính là số thực hiện trong quý: ô LK đã có công thức bằng ô TH, nên chỉ cần nhập TH. Nếu số lũy kế của đơn vị khác số thực hiện (có điều chỉnh), gõ đè số đúng vào ô LK.".to_string()
            } else {
                format!("Lũy kế từ đầu năm đến hết {} = lũy kế đến hết kỳ trước + thực hiện kỳ này, với chỉ tiêu cộng dồn (số hồ sơ, số vụ, số tiền…); với chỉ tiêu thời điểm (số đang hoạt động, đang điều trị…) ô LK tự lấy số thực hiện (số tại cuối kỳ). Khi tổng hợp, lũy kế được đối chiếu với lũy kế kỳ trước.", p.in_sentence_vi())
            }));
            out.push(Line::Heading("4. Đơn vị tính và cách ghi số".into()));
            let eg = if units.is_empty() {
                String::new()
            } else {
                format!(" (ví dụ {units})")
            };
            out.push(Line::Text(format!("Ghi số theo đúng đơn vị tính ở cột ĐVT của từng dòng{eg}; không tự đổi sang đơn vị khác (triệu đồng sang tỷ đồng…). Số lượng (người, hồ sơ, vụ…) là số nguyên; số tiền tính bằng triệu, tỷ đồng có thể có phần thập phân. Gõ số như bình thường, Excel tự hiển thị dấu phân cách hàng nghìn; không gõ chữ («khoảng 20», «không có») hay đơn vị vào ô số: ô sẽ báo và không nhận. Ô số không nhận số âm, trừ chỉ tiêu được phép âm.")));
            out.push(Line::Text("Không có số liệu thì để trống: ô trống là chưa có số liệu, khác với số 0, và được ghi nhận như vậy khi tổng hợp.".into()));
            let mut n = 5;
            if tasks {
                let field = default_field
                    .as_ref()
                    .map(|d| format!("; để trống thì lấy lĩnh vực «{d}» của đơn vị"))
                    .unwrap_or_default();
                out.push(Line::Heading(format!(
                    "{n}. Nhiệm vụ trọng tâm {}",
                    next.in_sentence_vi()
                )));
                out.push(Line::Text(format!("Trang «Nhiệm vụ» ghi các nhiệm vụ trọng tâm {} do {who} chủ trì hoặc đề xuất, mỗi dòng một nhiệm vụ: Nội dung; Tiến độ (thời hạn hoàn thành, ví dụ «Tháng {}/{}», «{}», «Thường xuyên»; phải thuộc {}); Cơ quan chủ trì và Cơ quan phối hợp (chọn trong danh sách, là tên các cơ quan như phụ lục ghi; nhiều cơ quan thì gõ, cách nhau bằng dấu phẩy); Lĩnh vực (chọn trong danh sách{field}). Cột TT tự đánh số; có thể chèn thêm dòng. Các nhiệm vụ được đưa vào phụ lục «Chương trình công tác trọng tâm {}».", next.in_sentence_vi(), next.first_month() + 1, next.year, next.title_vi(), next.in_sentence_vi(), next.in_sentence_vi())));
                n += 1;
            }
            out.push(Line::Heading(format!("{n}. Biểu được kiểm tra thế nào")));
            let cross = if is_ward {
                format!(
                    "tổng các {} được đối chiếu với số {} của cơ quan phụ trách",
                    words.units_vi,
                    words.whole(Lang::Vi)
                )
            } else {
                format!(
                    "số {} của đơn vị được đối chiếu với tổng các {}",
                    words.whole(Lang::Vi),
                    words.units_vi
                )
            };
            let rel = relation
                .map(|r| format!(" (ví dụ {r})"))
                .unwrap_or_default();
            out.push(Line::Text(format!("{office} tổng hợp các biểu bằng công cụ tonghop: kiểm tra tổng và các phần{rel}, tỷ lệ và phần trăm, dấu, đơn vị tính, lũy kế; {cross}. Mỗi lỗi được ghi rõ ô và gửi lại cho đơn vị trong tệp phản hồi để sửa. Nếu có công cụ tonghop, đơn vị tự kiểm tra biểu trước khi gửi bằng lệnh:")));
            out.push(Line::Command(check.clone()));
            if own_template {
                out.push(Line::Text(format!("‹thư mục mẫu biểu› là thư mục mẫu biểu của {office} (tệp template.toml và các danh mục .csv), không phải biểu này: đơn vị chưa có thì xin {office} gửi kèm biểu mẫu. Không có thư mục đó (hay công cụ tonghop) thì cứ gửi biểu: {office} kiểm tra khi tổng hợp và gửi lại các lỗi, nếu có, trong tệp phản hồi. Kiểm tra thiếu --template (theo mẫu biểu có sẵn của công cụ) chỉ báo biểu là biểu mẫu của {office}, không kiểm tra số liệu.")));
            }
            out.push(Line::Heading(format!("{}. Gửi biểu", n + 1)));
            out.push(Line::Text(format!("Lưu tệp dạng Excel (.xlsx), giữ tên tệp {file} và gửi về {office} đúng hạn. Có thể đổi tên tệp, nhưng không đặt tên của đơn vị khác.")));
        }
        Lang::En => {
            out.push(Line::Title("HOW TO FILL IN THIS FORM".into()));
            out.push(Line::Subtitle(format!(
                "{form} — {who} (code {}{version})",
                a.code
            )));
            out.push(Line::Heading("1. The unit's own form".into()));
            out.push(Line::Text(format!("{office} made this form for {who} (code {}) to report {}. The form records the unit's code, the period and the template version, and the consolidation recognises it by them. Do not use the form of other {peers} or of another period, and do not copy the figures into a form of your own: another unit's form sent as {who}'s is not consolidated, and a form of an old template is flagged.", a.code, p.title_en())));
            out.push(Line::Heading("2. Where to type".into()));
            let ck = match t.settings.ck_convention {
                CkConvention::Growth => {
                    "«Tăng, giảm so với cùng kỳ (%)» = LK / CK × 100 − 100 (negative: a fall)"
                }
                CkConvention::Ratio => "«% so với cùng kỳ» = LK / CK × 100",
            };
            let rate = rate
                .map(|r| format!("; rates are computed from their operands (e.g. {r})"))
                .unwrap_or_default();
            out.push(Line::Text(format!("The sheet «{}» lists the {} indicators {who} reports under the catalog of {office}. Type only into the white cells: «{}» (KH, the year's plan), «{}» (TH, done in the quarter), «{}» (LK, cumulative since January), «{}» (CK, the same period last year) and «Ghi chú» (note). The grey cells are computed: «% so với KH» = LK / KH × 100; {ck}{rate}; a stock's LK = TH (the level at the end). A rate's KH takes its target (e.g. 95). Point at a cell to see what it takes.", super::sheet_names(lang)[0], inds.len(), h(ValueColumn::Kh), h(ValueColumn::Th), h(ValueColumn::Lk), h(ValueColumn::Ck))));
            out.push(Line::Text("The sheet is protected without a password so that titles, codes and formulas are not changed by accident; columns and rows can still be widened. Do not unprotect it to type over a computed cell: a figure typed there is checked again and flagged when it is off.".into()));
            out.push(Line::Heading("3. Cumulative figures (LK)".into()));
            out.push(Line::Text(if p.span == PeriodSpan::Quarter(1) {
                "In the first quarter the cumulative figure is the quarter's own: the LK cell holds a formula equal to TH, so type TH only. If your cumulative figure differs (an adjustment), type the right one over the LK cell.".to_string()
            } else {
                format!("Cumulative to the end of {} = cumulative to the end of the previous period + this period's figure, for flows (applications, cases, money…); for stocks (in operation, under treatment…) the LK cell takes the TH itself (the level at the end of the period). The consolidation compares LK with the previous period's.", p.title_en())
            }));
            out.push(Line::Heading("4. Units and numbers".into()));
            let eg = if units.is_empty() {
                String::new()
            } else {
                format!(" (e.g. {units})")
            };
            out.push(Line::Text(format!("Write each figure in the unit of its row's ĐVT column{eg}; do not convert it (triệu đồng to tỷ đồng…). Counts (people, applications, cases…) are whole numbers; money in millions or billions of đồng may have decimals. Type numbers as usual, the thousands separators show by themselves; no words («khoảng 20», «không có») and no units in a number cell: the cell refuses them. Number cells refuse negative figures, except for indicators that may be negative.")));
            out.push(Line::Text("When there is no figure leave the cell blank: blank means not known, which is not 0, and the consolidation keeps it so.".into()));
            let mut n = 5;
            if tasks {
                let field = default_field
                    .as_ref()
                    .map(|d| format!("; blank: the unit's field «{d}»"))
                    .unwrap_or_default();
                out.push(Line::Heading(format!(
                    "{n}. Key tasks for {}",
                    next.title_en()
                )));
                out.push(Line::Text(format!("The sheet «{}» takes the key tasks for {} that {who} leads or proposes, one a row: Nội dung (content); Tiến độ (deadline, e.g. «Tháng {}/{}», «{}», «Thường xuyên»; within {}); Cơ quan chủ trì and Cơ quan phối hợp (lead and coordinating agencies: pick them from the list, which writes them as the annex does; several are typed, comma separated); Lĩnh vực (field: pick it from the list{field}). TT numbers itself; rows may be inserted. The tasks go into the annex «Chương trình công tác trọng tâm».", super::sheet_names(lang)[1], next.title_en(), next.first_month() + 1, next.year, next.title_vi(), next.title_en())));
                n += 1;
            }
            out.push(Line::Heading(format!("{n}. How the form is checked")));
            let cross = if is_ward {
                format!("the {}' sum is compared with the figure the responsible department states for {}", words.units_en, words.whole(Lang::En))
            } else {
                format!(
                    "the unit's figure for {} is compared with the sum of the {}",
                    words.whole(Lang::En),
                    words.units_en
                )
            };
            let rel = relation.map(|r| format!(" (e.g. {r})")).unwrap_or_default();
            out.push(Line::Text(format!("{office} consolidates the forms with the tool tonghop: wholes against their parts{rel}, rates and percentages, signs, units, cumulative figures; {cross}. Every finding names its cell and comes back to the unit in a feedback workbook. With tonghop at hand, check the form before sending it:")));
            out.push(Line::Command(check.clone()));
            if own_template {
                out.push(Line::Text(format!("‹template folder› is the folder of {office}'s template (template.toml and its .csv lists), not this form: a unit without it asks {office} to send it with the forms. Without that folder (or tonghop) just send the form: {office} checks it when consolidating and sends any findings back in a feedback workbook. Checked without --template (the tool's built-in template), the form is only said to be a form of {office}, its figures unchecked.")));
            }
            out.push(Line::Heading(format!("{}. Sending it", n + 1)));
            out.push(Line::Text(format!("Save it as an Excel workbook (.xlsx), keep the name {file} and send it to {office} on time. The file may be renamed, but never after another unit.")));
        }
    }
    out
}

/// Writes the instructions sheet.
pub fn instructions_sheet(
    ws: &mut Worksheet,
    ctx: &FormContext,
    unit: usize,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(super::sheet_names(ctx.lang)[2])?;
    ws.set_column_width(0, WIDTH)?;
    let title = f.title.clone();
    let subtitle = f.note.clone().set_font_size(SIZE);
    let heading = super::base().set_bold().set_text_wrap();
    let text = super::base()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    // A command is typed as it is written: on one line, in a font small
    // enough for the column (a tester's «--template ‹thư mục mẫu biểu›»
    // broke after «--»); wrapped only when even 8 pt is too wide, so that
    // a long file name does not widen the printed page (fit to width then
    // shrank the whole sheet to 9 pt).
    let command = |size: f64, wrap: bool| {
        let f = super::base()
            .set_font_name("Courier New")
            .set_font_size(size)
            .set_indent(2);
        if wrap {
            f.set_text_wrap()
        } else {
            f
        }
    };
    for (r, line) in lines(ctx, unit).iter().enumerate() {
        let r = r as u32;
        let (s, format, font) = match line {
            Line::Title(s) => (s, title.clone(), Font::bold(14.0)),
            Line::Subtitle(s) => (s, subtitle.clone(), Font::regular(SIZE)),
            Line::Heading(s) => (s, heading.clone(), Font::bold(SIZE)),
            Line::Text(s) => (s, text.clone(), Font::regular(SIZE)),
            Line::Command(s) => {
                let size = command_size(s);
                let wrap = size <= COMMAND_MIN_SIZE && !fits_one_line(s, size);
                (s, command(size, wrap), Font::regular(size))
            }
        };
        let height = match line {
            Line::Command(s) => {
                let per_line = command_chars_per_line(font.size_pt);
                let lines = s.chars().count().div_ceil(per_line).max(1);
                crate::report::fit::row_height_pt(lines, font)
            }
            _ => COLUMNS.row_height_for(&[(s, WIDTH, font)]),
        };
        ws.set_row_height(r, height)?;
        ws.write_string_with_format(r, 0, s, &format)?;
    }
    print_setup(ws, ctx.lang);
    ws.set_portrait();
    // The page width's scale, never below a readable one (a text column
    // that fits prints at 100 %).
    let (left, right, top, bottom) = SUMMARY_PAPER.margins_in;
    let paper = Paper::a4_portrait(left, right, top, bottom);
    ws.set_print_scale(paper.readable_scale(COLUMNS.printed_pt(&[WIDTH])));
    protect(ws, false);
    Ok(())
}

/// The smallest font a command is printed in to keep it on one line.
const COMMAND_MIN_SIZE: f64 = 8.0;

/// The characters of Courier New at `size` points (every one 0,6 em
/// wide) a line of the column holds, after the indent of 3.
fn command_chars_per_line(size: f64) -> usize {
    ((COLUMNS.text_pt(WIDTH) / (0.6 * size)) as usize)
        .saturating_sub(3)
        .max(10)
}

fn fits_one_line(command: &str, size: f64) -> bool {
    command.chars().count() <= command_chars_per_line(size)
}

/// The font size (points, in half points) a command prints on one line
/// in: the sheet's own when it fits, smaller down to
/// [`COMMAND_MIN_SIZE`].
pub fn command_size(command: &str) -> f64 {
    let mut size = SIZE;
    while size > COMMAND_MIN_SIZE && !fits_one_line(command, size) {
        size -= 0.5;
    }
    size
}
