//! The words of the annex's findings: task tables, deadlines, agencies and
//! tasks written twice. `task` is a short quotation of a task's content;
//! `here` and `there` are places (`file › sheet › cell`).

use super::Words;
use crate::diagnostic::{Code, Lang};
use crate::model::Period;

/// The facts of a finding about the programme of key tasks.
pub enum Annexed<'a> {
    /// `table-not-found`: `file` has no task table; `sheets` were read.
    TableNotFound { file: &'a str, sheets: &'a [String] },
    /// `deadline-invalid`: the Tiến độ cell `deadline` of `task` is no
    /// deadline; examples are given for `year`.
    DeadlineInvalid {
        deadline: &'a str,
        task: &'a str,
        year: i32,
    },
    /// `deadline-out-of-period` (an error): `deadline` is over before
    /// `period`.
    DeadlineBefore {
        deadline: &'a str,
        task: &'a str,
        period: Period,
    },
    /// `deadline-out-of-period` (a warning): `deadline` starts after
    /// `period`.
    DeadlineAfter {
        deadline: &'a str,
        task: &'a str,
        period: Period,
    },
    /// `agency-missing`: `task` names no lead agency.
    LeadMissing { task: &'a str },
    /// `agency-unknown`: the `lead` (else coordinating) agency `written`
    /// is not in the registry; `closest` is the nearest one.
    AgencyUnknown {
        lead: bool,
        written: &'a str,
        closest: &'a str,
    },
    /// `task-duplicate` (an error): `task` at `here` repeats the one at
    /// `there`, which the annex keeps.
    TaskRepeated {
        task: &'a str,
        here: &'a str,
        there: &'a str,
    },
    /// `task-duplicate` (a warning): `task` at `here` is `alike` (0…1)
    /// like `other` at `there`.
    TaskAlike {
        task: &'a str,
        here: &'a str,
        other: &'a str,
        there: &'a str,
        alike: f64,
    },
}

impl Words for Annexed<'_> {
    fn code(&self) -> Code {
        match self {
            Annexed::TableNotFound { .. } => Code::TableNotFound,
            Annexed::DeadlineInvalid { .. } => Code::DeadlineInvalid,
            Annexed::DeadlineBefore { .. } | Annexed::DeadlineAfter { .. } => {
                Code::DeadlineOutOfPeriod
            }
            Annexed::LeadMissing { .. } => Code::AgencyMissing,
            Annexed::AgencyUnknown { .. } => Code::AgencyUnknown,
            Annexed::TaskRepeated { .. } | Annexed::TaskAlike { .. } => Code::TaskDuplicate,
        }
    }

    fn words(&self, lang: Lang) -> String {
        match self {
            Annexed::TableNotFound { file, sheets } => {
                let sheets = lang.some_of(sheets, 20, ("trang", "sheets"));
                match lang {
                    Lang::Vi => format!("Tệp {file} không có bảng nhiệm vụ: không trang tính nào có dòng tiêu đề gồm «Nội dung» và «Tiến độ» hoặc «Cơ quan chủ trì» trong 30 dòng đầu; các trang đã đọc: {sheets}."),
                    Lang::En => format!("File {file} holds no task table: no sheet has a header with «Nội dung» and «Tiến độ» or «Cơ quan chủ trì» in its first 30 rows; sheets read: {sheets}."),
                }
            }
            Annexed::DeadlineInvalid { .. }
            | Annexed::DeadlineBefore { .. }
            | Annexed::DeadlineAfter { .. } => deadline(self, lang),
            Annexed::LeadMissing { task } => match lang {
                Lang::Vi => format!("Nhiệm vụ «{task}» không ghi cơ quan chủ trì. Hãy ghi cơ quan chủ trì thực hiện."),
                Lang::En => format!("Task «{task}» names no lead agency. Write the agency that leads it."),
            },
            Annexed::AgencyUnknown {
                lead,
                written: text,
                closest,
            } => match lang {
                Lang::Vi => {
                    let role = if *lead { "chủ trì" } else { "phối hợp" };
                    format!("Cơ quan {role} «{text}» không có trong danh sách cơ quan; có phải «{closest}»? Hãy ghi đúng tên cơ quan hoặc bổ sung vào danh sách (agencies.csv).")
                }
                Lang::En => {
                    let role = if *lead { "lead" } else { "coordinating" };
                    format!("The {role} agency «{text}» is not in the agency registry; did you mean «{closest}»? Write the agency's name as registered or add it to agencies.csv.")
                }
            },
            Annexed::TaskRepeated { task, here, there } => match lang {
                Lang::Vi => format!("Nhiệm vụ «{task}» tại {here} trùng với nhiệm vụ tại {there}; phụ lục chỉ giữ nhiệm vụ tại {there}. Hãy thống nhất một cơ quan chủ trì."),
                Lang::En => format!("Task «{task}» at {here} repeats the task at {there}; the annex keeps only the one at {there}. Agree on one lead agency."),
            },
            Annexed::TaskAlike {
                task,
                here,
                other,
                there,
                alike,
            } => {
                let alike = alike * 100.0;
                match lang {
                    Lang::Vi => format!("Nhiệm vụ «{task}» tại {here} gần giống nhiệm vụ «{other}» tại {there} (giống {alike:.0}%). Hãy xem có phải một nhiệm vụ được gửi hai lần không."),
                    Lang::En => format!("Task «{task}» at {here} is nearly the same as task «{other}» at {there} ({alike:.0}% alike). Check whether one task was sent twice."),
                }
            }
        }
    }
}

fn deadline(a: &Annexed, lang: Lang) -> String {
    match (a, lang) {
        (Annexed::DeadlineInvalid { deadline: text, task: content, year: y }, Lang::Vi) => format!("Tiến độ «{text}» của nhiệm vụ «{content}» không phải là thời hạn. Hãy ghi như «Tháng 5/{y}», «Quý II/{y}», «6 tháng đầu năm {y}», «Cả năm {y}» hoặc «30/4/{y}»."),
        (Annexed::DeadlineInvalid { deadline: text, task: content, year: y }, Lang::En) => format!("The deadline «{text}» of task «{content}» is not a deadline. Write it as «Tháng 5/{y}», «Quý II/{y}», «6 tháng đầu năm {y}», «Cả năm {y}» or «30/4/{y}»."),
        (Annexed::DeadlineBefore { deadline: text, task: content, period }, Lang::Vi) => {
            let pv = period.title_vi();
            format!("Tiến độ «{text}» của nhiệm vụ «{content}» đã qua trước {pv}; chương trình {pv} chỉ gồm việc làm trong kỳ. Hãy sửa tiến độ hoặc bỏ nhiệm vụ.")
        }
        (Annexed::DeadlineBefore { deadline: text, task: content, period }, Lang::En) => {
            let pe = period.title_en();
            format!("The deadline «{text}» of task «{content}» is over before {pe}; the programme for {pe} holds only work of that period. Correct the deadline or drop the task.")
        }
        (Annexed::DeadlineAfter { deadline: text, task: content, period }, Lang::Vi) => format!("Tiến độ «{text}» của nhiệm vụ «{content}» bắt đầu sau {}. Hãy xem nhiệm vụ có thuộc chương trình kỳ này không.", period.title_vi()),
        (Annexed::DeadlineAfter { deadline: text, task: content, period }, Lang::En) => format!("The deadline «{text}» of task «{content}» starts after {}. Check that the task belongs in this period's programme.", period.title_en()),
        _ => String::new(),
    }
}
