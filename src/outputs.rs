//! The layout of what the tool writes, in one place: the output files'
//! names and the consolidated workbook's sheet names in each language.
//! Writers use them, and so do the readers of an earlier output
//! (`--previous`, `check-text --against`).

use crate::diagnostic::Lang;

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
