//! The layout of what the tool writes, in one place: the output files'
//! names and the consolidated workbook's sheet names in each language.
//! Writers use them, and so do the readers of an earlier output
//! (`--previous`, `check-text --against`).

use crate::diagnostic::Lang;
use crate::model::{Period, PeriodSpan, ValueColumn};

/// The consolidated workbook.
pub const WORKBOOK: &str = "tong-hop.xlsx";
/// The annex workbook.
pub const ANNEX_WORKBOOK: &str = "phu-luc.xlsx";
/// The error lists.
pub const ERRORS_CSV: &str = "errors.csv";
pub const ERRORS_JSON: &str = "errors.json";
/// The folder of feedback workbooks, one per unit.
pub const FEEDBACK_DIR: &str = "phan-hoi";

/// The sheets of the consolidated workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sheet {
    Summary,
    Detail,
    Status,
    Findings,
}

impl Sheet {
    /// The sheet's name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        let (vi, en) = self.names();
        lang.pick(vi, en)
    }

    /// The sheet's name in both languages (a reader takes either).
    pub const fn names(self) -> (&'static str, &'static str) {
        match self {
            Sheet::Summary => ("Tổng hợp", "Summary"),
            Sheet::Detail => ("Chi tiết theo đơn vị", "Detail by unit"),
            Sheet::Status => ("Tình trạng nộp", "Submission status"),
            Sheet::Findings => ("Lỗi", "Findings"),
        }
    }
}

/// The first three headings of «Tổng hợp», before its figure columns.
pub fn summary_leading_headings(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Vi => ["Mã", "Chỉ tiêu", "ĐVT"],
        Lang::En => ["Code", "Indicator", "Unit"],
    }
}

/// The heading of a figure column of «Tổng hợp»: the column's short name
/// ("LK") on its first line, over what it holds in the run's period
/// (`held`: "6 tháng 2020", "6 months 2020").
pub fn summary_heading(column: ValueColumn, held: &str) -> String {
    format!("{}\n{held}", column.as_str())
}

/// The figure column a heading of «Tổng hợp» names: the short name on its
/// first line, as [`summary_heading`] writes it in every period and
/// language (a heading of one line, "LK", as earlier versions wrote, too).
pub fn summary_column(heading: &str) -> Option<ValueColumn> {
    let first = heading.lines().next().unwrap_or_default().trim();
    ValueColumn::parse(first)
        .or_else(|| ValueColumn::parse(first.split_whitespace().next().unwrap_or_default()))
}

/// The title of «Tổng hợp»: the template's title and the period, upper
/// case ("BÁO CÁO … — QUÝ II/2020", "… — FIRST HALF OF 2020").
pub fn summary_title(title: &str, period: Period, lang: Lang) -> String {
    format!("{title} — {}", period.title(lang).to_uppercase())
}

/// The period an English title of «Tổng hợp» names at its end, as
/// [`summary_title`] writes it ("… — Q1 2025", "… — FIRST HALF OF 2025");
/// a Vietnamese one is read by `normalize::title::summary_title_period`.
pub fn summary_title_period_en(text: &str) -> Option<Period> {
    let year: i32 = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .find(|y| (1990..2200).contains(y))?;
    let text = text.to_uppercase();
    [
        PeriodSpan::Quarter(1),
        PeriodSpan::Quarter(2),
        PeriodSpan::Quarter(3),
        PeriodSpan::Quarter(4),
        PeriodSpan::FirstHalf,
        PeriodSpan::NineMonths,
        PeriodSpan::Year,
    ]
    .into_iter()
    .map(|span| Period { year, span })
    .find(|p| text.ends_with(&p.title_en().to_uppercase()))
}

/// The headers of a findings sheet: the columns of `errors.csv` (severity,
/// code, unit, file, sheet, cell, indicator, column, expected, actual,
/// message), in `lang`. Every Lỗi sheet uses them.
pub fn finding_headers(lang: Lang) -> [&'static str; 11] {
    match lang {
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
    }
}
