//! The words of the annex's findings: task tables, deadlines, agencies and
//! tasks written twice. `task` is a short quotation of a task's content;
//! `here` and `there` are places (`file › sheet › cell`).

use super::Words;
use crate::diagnostic::{Code, Lang};
use crate::model::{roman, Period};

/// Which Tết a deadline names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feast {
    /// Tết Nguyên đán, the lunar new year.
    LunarNewYear,
    /// Tết Dương lịch, 1 January.
    NewYear,
    /// Tết Trung thu, the 15th day of the 8th lunar month.
    MidAutumn,
}

impl Feast {
    /// Whether its day is a day of the lunar calendar (its year may be
    /// named by can-chi).
    pub fn is_lunar(self) -> bool {
        !matches!(self, Feast::NewYear)
    }
}

/// A Tết a deadline names, read as its date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holiday {
    pub feast: Feast,
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// The heavenly stems by `year % 10` and the earthly branches by `year %
/// 12`, as written.
const STEMS_VI: [&str; 10] = [
    "Canh", "Tân", "Nhâm", "Quý", "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ",
];
const BRANCHES_VI: [&str; 12] = [
    "Thân", "Dậu", "Tuất", "Hợi", "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi",
];

/// The can-chi name of a lunar year: 2026 is "Bính Ngọ".
pub fn can_chi(year: i32) -> String {
    let s = STEMS_VI[year.rem_euclid(10) as usize];
    let b = BRANCHES_VI[year.rem_euclid(12) as usize];
    format!("{s} {b}")
}

/// What a deadline's text left unsaid, as it was read: the year taken
/// for a form without one, the date of the Tết it names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadAs {
    pub assumed_year: Option<i32>,
    pub holiday: Option<Holiday>,
}

impl ReadAs {
    /// The note said after the deadline, with its leading space; empty
    /// when the text said everything.
    fn note(&self, period: Period, lang: Lang) -> String {
        let date = |h: &Holiday| format!("{:02}/{:02}/{}", h.day, h.month, h.year);
        let tet = |h: &Holiday| match h.feast {
            Feast::LunarNewYear => format!("Tết Nguyên đán {} {}", can_chi(h.year), h.year),
            Feast::NewYear => format!("Tết Dương lịch {}", h.year),
            Feast::MidAutumn => format!("Tết Trung thu {}", h.year),
        };
        match (self.holiday, self.assumed_year, lang) {
            (Some(h), Some(_), Lang::Vi) => format!(
                " (không ghi năm; hiểu là {}, ngày {}, gần {} nhất)",
                tet(&h),
                date(&h),
                period.in_sentence_vi()
            ),
            (Some(h), Some(_), Lang::En) => format!(
                " (no year written; read as «{}», {}, the nearest {})",
                tet(&h),
                date(&h),
                period.title_en()
            ),
            (Some(h), None, Lang::Vi) => format!(" ({} là ngày {})", tet(&h), date(&h)),
            (Some(h), None, Lang::En) => format!(" («{}» falls on {})", tet(&h), date(&h)),
            (None, Some(y), Lang::Vi) => format!(
                " (không ghi năm; hiểu là năm {y}, năm đặt thời hạn gần {} nhất)",
                period.in_sentence_vi()
            ),
            (None, Some(y), Lang::En) => format!(
                " (no year written; read as {y}, the year that puts it nearest {})",
                period.title_en()
            ),
            (None, None, _) => String::new(),
        }
    }
}

/// Deadlines inside `period` to show as examples: a month, its quarter,
/// its half-year, the year, the period's last day (a period ends with
/// March, June, September or December).
fn examples(period: Period) -> [String; 5] {
    let y = period.year;
    let (first, last) = (
        u32::from(period.first_month()),
        u32::from(period.last_month()),
    );
    let half = if last <= 6 { "đầu" } else { "cuối" };
    [
        format!("Tháng {first}/{y}"),
        format!("Quý {}/{y}", roman(last.div_ceil(3))),
        format!("6 tháng {half} năm {y}"),
        format!("Cả năm {y}"),
        format!("{}/{last}/{y}", if matches!(last, 6 | 9) { 30 } else { 31 }),
    ]
}

/// The facts of a finding about the programme of key tasks.
pub enum Annexed<'a> {
    /// `table-not-found`: `file` has no task table; `sheets` were read.
    TableNotFound { file: &'a str, sheets: &'a [String] },
    /// `deadline-invalid`: the Tiến độ cell `deadline` of `task` is no
    /// deadline; examples are given inside `period`.
    DeadlineInvalid {
        deadline: &'a str,
        task: &'a str,
        period: Period,
    },
    /// `deadline-invalid`: the Tiến độ cell `deadline` of `task` holds a
    /// status ("Đang thực hiện", "Đã hoàn thành", "HT"), not a deadline;
    /// examples are given inside `period`.
    DeadlineIsStatus {
        deadline: &'a str,
        task: &'a str,
        period: Period,
    },
    /// `deadline-invalid`: the Tiến độ cell `deadline` of `task` names a
    /// day its month lacks: `month`/`year` has only `days` days.
    DeadlineNoSuchDay {
        deadline: &'a str,
        task: &'a str,
        month: u32,
        year: i32,
        days: u32,
    },
    /// `deadline-out-of-period` (an error): `deadline` is over before
    /// `period`; `read` says what the text left unsaid.
    DeadlineBefore {
        deadline: &'a str,
        task: &'a str,
        period: Period,
        read: ReadAs,
    },
    /// `deadline-out-of-period` (a warning): `deadline` falls due after
    /// `period` ("Trước ngày 15/10/2020" in a Q3 programme), or, when it
    /// runs on `from` a start ("Từ tháng 10/2020"), starts after it;
    /// `read` says what the text left unsaid.
    DeadlineAfter {
        deadline: &'a str,
        task: &'a str,
        period: Period,
        from: bool,
        read: ReadAs,
    },
    /// `period-mismatch` (a warning, once): the titles of `tables` task
    /// tables all name `titled`, not the `period` asked for; `example` is
    /// one title's place.
    TitledOtherPeriod {
        titled: Period,
        period: Period,
        tables: usize,
        example: &'a str,
    },
    /// `period-mismatch` (an error, once for the file): `unit` sent in
    /// `file` the task table of `titled` (its title at `example`), not of
    /// `period`: `within` of its `dated` tasks with a deadline fall due
    /// in `titled`, not in `period`. Its `tasks` are left out of the
    /// annex.
    TableOfOtherPeriod {
        unit: &'a str,
        file: &'a str,
        titled: Period,
        period: Period,
        example: &'a str,
        within: usize,
        dated: usize,
        tasks: usize,
    },
    /// `agency-missing`: `task` names no lead agency.
    LeadMissing { task: &'a str },
    /// `agency-unknown`: the `lead` (else coordinating) agency `written`
    /// is not in the registry; `closest` is the one it surely means, if
    /// any is alike enough to suggest.
    AgencyUnknown {
        lead: bool,
        written: &'a str,
        closest: Option<&'a str>,
    },
    /// `period-mismatch` (an info): the task table of `sheet` is no
    /// programme of `period`: a results report (`results`), or a table of
    /// the period `named`; set aside, the tasks taken from `kept`.
    SheetNotProgramme {
        sheet: &'a str,
        results: bool,
        named: Option<Period>,
        period: Period,
        kept: &'a [String],
    },
    /// `task-duplicate` (an error): `task` at `here` repeats the one at
    /// `there`, which the annex keeps; `same_table` when both are rows of
    /// one department's table (written twice, not led by two).
    TaskRepeated {
        task: &'a str,
        here: &'a str,
        there: &'a str,
        same_table: bool,
    },
    /// `task-duplicate`: `task` is listed by its lead `lead` (at `kept`,
    /// the row the annex keeps) and again by `other`, an agency
    /// co-operating on it (at `here`), both naming the same lead; an info
    /// when they agree, an error when `statuses` (the lead's, the
    /// other's) differ.
    TaskOfLeadAndCoordinator {
        task: &'a str,
        kept: &'a str,
        here: &'a str,
        lead: &'a str,
        other: &'a str,
        statuses: Option<(&'a str, &'a str)>,
    },
    /// `task-duplicate` (a warning): `task` at `here` is `alike` (0…1)
    /// like `other` at `there`.
    TaskAlike {
        task: &'a str,
        here: &'a str,
        other: &'a str,
        there: &'a str,
        alike: f64,
        /// The words `task` and `other` differ in, each as written
        /// (empty: none of its own).
        differ: (&'a str, &'a str),
    },
    /// `submission-duplicate` (a warning): `unit` sent its task table
    /// again: `file` and `used` hold `shared` tasks alike; the annex takes
    /// `used` (chosen as `consolidate` chooses a report, `why` in both
    /// languages) and leaves `file` out, with the `only_here` tasks
    /// written in `file` alone (0: the same tasks).
    ProgrammeResent {
        unit: &'a str,
        file: &'a str,
        used: &'a str,
        why: (&'a str, &'a str),
        shared: usize,
        only_here: usize,
    },
    /// `submission-missing` (a warning): `unit` sent `file`, whose task
    /// tables hold no task (the blank form): the annex has none of its
    /// tasks.
    NoTasks { unit: &'a str, file: &'a str },
    /// `submission-missing` (a warning): `unit`, which the registry says
    /// reports (`reports = yes`), sent no file for `period`: the annex
    /// has none of its tasks.
    NothingSent { unit: &'a str, period: Period },
    /// `status-contradiction` (a warning): `task` is marked done
    /// (`status`) while its `deadline` falls after `period` and its `note`
    /// says it goes on.
    StatusContradicted {
        task: &'a str,
        status: &'a str,
        deadline: &'a str,
        note: &'a str,
        period: Period,
    },
    /// `file-unknown-unit` (an error): the letterhead of `file` names its
    /// sender `named` ("UBND PHƯỜNG 17"), a unit of the registry's kind
    /// the registry lacks; its `tasks` are left out of the annex.
    /// `example`: a letterhead as the registry writes it.
    SenderUnknown {
        file: &'a str,
        named: &'a str,
        tasks: usize,
        example: &'a str,
    },
}

impl Words for Annexed<'_> {
    fn code(&self) -> Code {
        match self {
            Annexed::TableNotFound { .. } => Code::TableNotFound,
            Annexed::SheetNotProgramme { .. } => Code::PeriodMismatch,
            Annexed::DeadlineInvalid { .. }
            | Annexed::DeadlineIsStatus { .. }
            | Annexed::DeadlineNoSuchDay { .. } => Code::DeadlineInvalid,
            Annexed::DeadlineBefore { .. } | Annexed::DeadlineAfter { .. } => {
                Code::DeadlineOutOfPeriod
            }
            Annexed::TitledOtherPeriod { .. } | Annexed::TableOfOtherPeriod { .. } => {
                Code::PeriodMismatch
            }
            Annexed::LeadMissing { .. } => Code::AgencyMissing,
            Annexed::AgencyUnknown { .. } => Code::AgencyUnknown,
            Annexed::TaskRepeated { .. }
            | Annexed::TaskAlike { .. }
            | Annexed::TaskOfLeadAndCoordinator { .. } => Code::TaskDuplicate,
            Annexed::ProgrammeResent { .. } => Code::SubmissionDuplicate,
            Annexed::SenderUnknown { .. } => Code::FileUnknownUnit,
            Annexed::NoTasks { .. } | Annexed::NothingSent { .. } => Code::SubmissionMissing,
            Annexed::StatusContradicted { .. } => Code::StatusContradiction,
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
            Annexed::SheetNotProgramme {
                sheet,
                results,
                named,
                period,
                kept,
            } => {
                let quoted = |k: &[String]| {
                    k.iter()
                        .map(|s| format!("«{s}»"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let kept = quoted(kept);
                match lang {
                    Lang::Vi => {
                        let what = match (results, named) {
                            (true, Some(p)) => format!("báo cáo kết quả thực hiện {}", p.title_vi()),
                            (true, None) => "báo cáo kết quả thực hiện".to_string(),
                            (false, Some(p)) => format!("bảng nhiệm vụ của {}", p.title_vi()),
                            (false, None) => "bảng của kỳ khác".to_string(),
                        };
                        format!("Trang «{sheet}» là {what}, không phải chương trình công tác {}: không đưa vào phụ lục; nhiệm vụ lấy từ trang {kept}. Nếu trang «{sheet}» cũng thuộc chương trình {}, hãy sửa tiêu đề trang rồi chạy lại.", period.title_vi(), period.title_vi())
                    }
                    Lang::En => {
                        let what = match (results, named) {
                            (true, Some(p)) => format!("a report of results for {}", p.title_en()),
                            (true, None) => "a report of results".to_string(),
                            (false, Some(p)) => format!("a task table for {}", p.title_en()),
                            (false, None) => "a table of another period".to_string(),
                        };
                        format!("Sheet «{sheet}» is {what}, not the programme for {}: it is left out of the annex; the tasks are taken from sheet {kept}. If «{sheet}» belongs to the programme for {} too, correct its title and run again.", period.title_en(), period.title_en())
                    }
                }
            }
            Annexed::DeadlineInvalid { .. }
            | Annexed::DeadlineIsStatus { .. }
            | Annexed::DeadlineNoSuchDay { .. }
            | Annexed::DeadlineBefore { .. }
            | Annexed::DeadlineAfter { .. } => deadline(self, lang),
            Annexed::TitledOtherPeriod {
                titled,
                period,
                tables,
                example,
            } => {
                let (tv, pv, te, pe) = (titled.title_vi(), period.title_vi(), titled.title_en(), period.title_en());
                match (lang, *tables) {
                    (Lang::Vi, 1) => format!("Tiêu đề bảng nhiệm vụ ghi {tv} (tại {example}), nhưng phụ lục đang lập cho {pv} (--period {period}): có lẽ --period chưa đúng, và các thời hạn đang được so với {pv}. Nếu đây là chương trình {tv}, hãy chạy lại với --period {titled}."),
                    (Lang::Vi, n) => format!("Tiêu đề của cả {n} bảng nhiệm vụ đều ghi {tv} (như tại {example}), nhưng phụ lục đang lập cho {pv} (--period {period}): có lẽ --period chưa đúng, và các thời hạn đang được so với {pv}. Nếu đây là chương trình {tv}, hãy chạy lại với --period {titled}."),
                    (Lang::En, 1) => format!("The task table's title names {te} (at {example}), but the annex is made for {pe} (--period {period}): --period is probably wrong, and the deadlines are being compared with {pe}. If this is the programme for {te}, run again with --period {titled}."),
                    (Lang::En, n) => format!("The titles of all {n} task tables name {te} (as at {example}), but the annex is made for {pe} (--period {period}): --period is probably wrong, and the deadlines are being compared with {pe}. If this is the programme for {te}, run again with --period {titled}."),
                }
            }
            Annexed::TableOfOtherPeriod {
                unit,
                file,
                titled,
                period,
                example,
                within,
                dated,
                tasks,
            } => {
                let (tv, pv, te, pe) = (titled.title_vi(), period.title_vi(), titled.title_en(), period.title_en());
                match lang {
                    Lang::Vi => format!("{unit} gửi bảng nhiệm vụ {tv}, không phải {pv}: tiêu đề ghi {tv} (tại {example}) và {within}/{dated} nhiệm vụ có thời hạn đến hạn trong {tv}, không thuộc {pv}. {tasks} nhiệm vụ của tệp {file} không được đưa vào phụ lục. Hãy đề nghị {unit} gửi bảng nhiệm vụ {pv}."),
                    Lang::En => format!("{unit} sent the task table for {te}, not {pe}: its title names {te} (at {example}) and {within} of its {dated} dated tasks fall due in {te}, not in {pe}. {} of file {file} {} left out of the annex. Ask {unit} to send the task table for {pe}.", if *tasks == 1 { "The task".to_string() } else { format!("All {tasks} tasks") }, if *tasks == 1 { "is" } else { "are" }),
                }
            }
            Annexed::LeadMissing { task } => match lang {
                Lang::Vi => format!("Nhiệm vụ «{task}» không ghi cơ quan chủ trì. Hãy ghi cơ quan chủ trì thực hiện."),
                Lang::En => format!("Task «{task}» names no lead agency. Write the agency that leads it."),
            },
            Annexed::AgencyUnknown {
                lead,
                written: text,
                closest,
            } => match (lang, closest) {
                (Lang::Vi, Some(closest)) => {
                    let role = if *lead { "chủ trì" } else { "phối hợp" };
                    format!("Cơ quan {role} «{text}» không có trong danh sách cơ quan; có phải «{closest}»? Hãy ghi đúng tên cơ quan hoặc bổ sung vào danh sách (agencies.csv).")
                }
                (Lang::Vi, None) => {
                    let role = if *lead { "chủ trì" } else { "phối hợp" };
                    format!("Cơ quan {role} «{text}» không có trong danh sách cơ quan và không gần giống cơ quan nào trong danh sách. Nếu đây là một cơ quan, hãy bổ sung vào danh sách cơ quan (agencies.csv); nếu ghi nhầm tên, hãy ghi đúng tên cơ quan.")
                }
                (Lang::En, Some(closest)) => {
                    let role = if *lead { "lead" } else { "coordinating" };
                    format!("The {role} agency «{text}» is not in the agency registry; did you mean «{closest}»? Write the agency's name as registered or add it to agencies.csv.")
                }
                (Lang::En, None) => {
                    let role = if *lead { "lead" } else { "coordinating" };
                    format!("The {role} agency «{text}» is not in the agency registry and is like none of its agencies. If it is an agency, add it to the registry (agencies.csv); if its name was mistyped, write it as registered.")
                }
            },
            Annexed::TaskRepeated {
                task,
                here,
                there,
                same_table: true,
            } => match lang {
                Lang::Vi => format!("Nhiệm vụ «{task}» được ghi hai lần trong cùng một bảng, tại {there} và tại {here}; phụ lục chỉ giữ dòng tại {there}. Hãy giữ một dòng và xóa dòng ghi lặp."),
                Lang::En => format!("Task «{task}» is written twice in the same table, at {there} and at {here}; the annex keeps only the row at {there}. Keep one row and delete the repeated one."),
            },
            Annexed::TaskRepeated {
                task,
                here,
                there,
                same_table: false,
            } => match lang {
                Lang::Vi => format!("Nhiệm vụ «{task}» tại {here} trùng với nhiệm vụ tại {there}; phụ lục chỉ giữ nhiệm vụ tại {there}. Hãy thống nhất một cơ quan chủ trì."),
                Lang::En => format!("Task «{task}» at {here} repeats the task at {there}; the annex keeps only the one at {there}. Agree on one lead agency."),
            },
            Annexed::TaskOfLeadAndCoordinator {
                task,
                kept,
                here,
                lead,
                other,
                statuses,
            } => match (lang, statuses) {
                (Lang::Vi, None) => format!("Nhiệm vụ «{task}» được ghi ở bảng của cơ quan chủ trì {lead} ({kept}) và ở bảng của {other}, cơ quan phối hợp ({here}); hai dòng cùng ghi {lead} chủ trì. Phụ lục giữ dòng của {lead}."),
                (Lang::Vi, Some((a, b))) => format!("Nhiệm vụ «{task}» được ghi ở bảng của cơ quan chủ trì {lead} ({kept}) và ở bảng của {other}, cơ quan phối hợp ({here}), nhưng tình trạng khác nhau: {lead} ghi «{a}», {other} ghi «{b}». Phụ lục giữ dòng của {lead}; hãy đề nghị {lead} và {other} thống nhất tình trạng thực hiện."),
                (Lang::En, None) => format!("Task «{task}» is listed by its lead agency {lead} ({kept}) and by {other}, a co-operating agency ({here}); both rows name {lead} as lead. The annex keeps {lead}'s row."),
                (Lang::En, Some((a, b))) => format!("Task «{task}» is listed by its lead agency {lead} ({kept}) and by {other}, a co-operating agency ({here}), but their statuses differ: {lead} writes «{a}», {other} writes «{b}». The annex keeps {lead}'s row; ask {lead} and {other} to agree on the task's status."),
            },
            Annexed::TaskAlike {
                task,
                here,
                other,
                there,
                alike,
                differ,
            } => {
                // Never 100 % for two tasks that differ: the share is
                // rounded down, to 99 % at most.
                let alike = (alike * 100.0).floor().clamp(0.0, 99.0);
                let words: Vec<String> = [differ.0, differ.1]
                    .iter()
                    .filter(|w| !w.is_empty())
                    .map(|w| format!("«{w}»"))
                    .collect();
                let words = words.join(" / ");
                let differ = match (words.is_empty(), lang) {
                    (true, _) => String::new(),
                    (false, Lang::Vi) => format!("; khác ở {words}"),
                    (false, Lang::En) => format!("; differing in {words}"),
                };
                match lang {
                    Lang::Vi => format!("Nhiệm vụ «{task}» tại {here} gần giống nhiệm vụ «{other}» tại {there} (giống {alike:.0}%{differ}). Hãy xem có phải một nhiệm vụ được gửi hai lần không."),
                    Lang::En => format!("Task «{task}» at {here} is nearly the same as task «{other}» at {there} ({alike:.0}% alike{differ}). Check whether one task was sent twice."),
                }
            }
            Annexed::ProgrammeResent {
                unit,
                file,
                used,
                why,
                shared,
                only_here,
            } => match (lang, only_here) {
                (Lang::Vi, 0) => format!("{unit} gửi lại bảng nhiệm vụ: {file} và {used} có cùng {shared} nhiệm vụ. Phụ lục dùng tệp {used} ({}), không lấy {file}; các nhiệm vụ không bị tính là trùng.", why.0),
                (Lang::Vi, n) => format!("{unit} gửi lại bảng nhiệm vụ: {file} và {used} có {shared} nhiệm vụ chung. Phụ lục dùng tệp {used} ({}), không lấy {file}: {n} nhiệm vụ chỉ có trong {file} không được đưa vào phụ lục. Hãy hỏi lại {unit} nếu cần giữ các nhiệm vụ đó.", why.0),
                (Lang::En, 0) => format!("{unit} sent its task table again: {file} and {used} hold the same {}. The annex uses {used} ({}), not {file}; the tasks are not counted as repeated.", lang.count(*shared, ("", "task", "tasks")), why.1),
                (Lang::En, n) => format!("{unit} sent its task table again: {file} and {used} share {}. The annex uses {used} ({}), not {file}: {} only in {file} {} left out of the annex. Ask {unit} whether to keep them.", lang.count(*shared, ("", "task", "tasks")), why.1, lang.count(*n, ("", "task", "tasks")), if *n == 1 { "is" } else { "are" }),
            },
            Annexed::NoTasks { unit, file } => match lang {
                Lang::Vi => format!("{unit} gửi tệp {file} nhưng bảng nhiệm vụ chưa ghi nhiệm vụ nào (biểu mẫu còn trống): phụ lục không có nhiệm vụ nào của {unit}. Hãy đề nghị {unit} ghi các nhiệm vụ trọng tâm rồi gửi lại."),
                Lang::En => format!("{unit} sent {file}, but its task table lists no task (the form is blank): the annex has none of {unit}'s tasks. Ask {unit} to list its key tasks and send the table again."),
            },
            Annexed::StatusContradicted { task, status, deadline, note, period } => match lang {
                Lang::Vi => format!("Nhiệm vụ «{task}» ghi tình trạng «{status}» nhưng thời hạn «{deadline}» sau {} và ghi chú «{note}» cho biết còn tiếp tục: hai điều trái nhau. Hãy hỏi lại đơn vị nhiệm vụ đã hoàn thành chưa.", period.title_vi()),
                Lang::En => format!("Task «{task}» is marked «{status}» but its deadline «{deadline}» falls after {} and its note «{note}» says it goes on: the two disagree. Ask the department whether the task is done.", period.title_en()),
            },
            Annexed::NothingSent { unit, period } => match lang {
                Lang::Vi => format!("{unit} chưa gửi bảng nhiệm vụ {}: phụ lục không có nhiệm vụ nào của {unit}. Hãy đề nghị {unit} gửi bảng nhiệm vụ trọng tâm.", period.title_vi()),
                Lang::En => format!("{unit} has sent no task table for {}: the annex has none of {unit}'s tasks. Ask {unit} to send its key tasks.", period.title_en()),
            },
            Annexed::SenderUnknown {
                file,
                named,
                tasks,
                example,
            } => match lang {
                Lang::Vi => format!("Tệp {file} ghi đơn vị gửi là «{named}», không có trong danh sách đơn vị: {tasks} nhiệm vụ của tệp không được đưa vào phụ lục, cũng không được so trùng với nhiệm vụ của đơn vị khác. Hãy hỏi ai đã gửi tệp; nếu là đơn vị mới, hãy bổ sung vào danh sách (tiêu đề như «{example}»)."),
                Lang::En => format!("File {file} names its sender «{named}», a unit not in the registry: its {} left out of the annex and not compared with other units' tasks. Ask who sent the file; if the unit is new, add it to the registry (titled as «{example}»).", if *tasks == 1 { "task is".to_string() } else { format!("{tasks} tasks are") }),
            },
        }
    }
}

fn deadline(a: &Annexed, lang: Lang) -> String {
    match (a, lang) {
        (Annexed::DeadlineInvalid { deadline: text, task: content, period }, Lang::Vi) => {
            let [m, q, h, y, d] = examples(*period);
            format!("Tiến độ «{text}» của nhiệm vụ «{content}» không phải là thời hạn. Hãy ghi như «{m}», «{q}», «{h}», «{y}» hoặc «{d}».")
        }
        (Annexed::DeadlineInvalid { deadline: text, task: content, period }, Lang::En) => {
            let [m, q, h, y, d] = examples(*period);
            format!("The deadline «{text}» of task «{content}» is not a deadline. Write it as «{m}», «{q}», «{h}», «{y}» or «{d}».")
        }
        (Annexed::DeadlineIsStatus { deadline: text, task: content, period }, Lang::Vi) => {
            let [m, q, _, _, d] = examples(*period);
            format!("Nhiệm vụ «{content}» ghi tình trạng «{text}» ở cột thời hạn: hãy ghi thời hạn hoàn thành (tháng/quý/ngày), như «{m}», «{q}» hoặc «{d}»; tình trạng thực hiện ghi ở cột ghi chú.")
        }
        (Annexed::DeadlineIsStatus { deadline: text, task: content, period }, Lang::En) => {
            let [m, q, _, _, d] = examples(*period);
            format!("Task «{content}» has the status «{text}» in the deadline column: write when it is due (month/quarter/day), as «{m}», «{q}» or «{d}»; a status goes in the notes column.")
        }
        (Annexed::DeadlineNoSuchDay { deadline: text, task: content, month, year, days }, Lang::Vi) => format!("Tiến độ «{text}» của nhiệm vụ «{content}» ghi một ngày không có: tháng {month}/{year} chỉ có {days} ngày. Hãy sửa lại ngày."),
        (Annexed::DeadlineNoSuchDay { deadline: text, task: content, month, year, days }, Lang::En) => format!("The deadline «{text}» of task «{content}» names a day that does not exist: month {month}/{year} has only {days} days. Correct the date."),
        (Annexed::DeadlineBefore { deadline: text, task: content, period, read }, Lang::Vi) => {
            let pv = period.title_vi();
            let note = read.note(*period, lang);
            format!("Tiến độ «{text}»{note} của nhiệm vụ «{content}» đã qua trước {pv}; chương trình {pv} chỉ gồm việc làm trong kỳ. Hãy sửa tiến độ hoặc bỏ nhiệm vụ.")
        }
        (Annexed::DeadlineBefore { deadline: text, task: content, period, read }, Lang::En) => {
            let pe = period.title_en();
            let note = read.note(*period, lang);
            format!("The deadline «{text}»{note} of task «{content}» is over before {pe}; the programme for {pe} holds only work of that period. Correct the deadline or drop the task.")
        }
        // A task due before 15/10 does not start after Q3: only a deadline
        // that runs on from a start says when the work starts.
        (Annexed::DeadlineAfter { deadline: text, task: content, period, from, read }, Lang::Vi) => {
            let note = read.note(*period, lang);
            let when = if *from { "bắt đầu sau" } else { "đến hạn sau" };
            format!("Tiến độ «{text}»{note} của nhiệm vụ «{content}» {when} {}. Hãy xem nhiệm vụ có thuộc chương trình kỳ này không.", period.title_vi())
        }
        (Annexed::DeadlineAfter { deadline: text, task: content, period, from, read }, Lang::En) => {
            let note = read.note(*period, lang);
            let when = if *from { "starts after" } else { "falls due after" };
            format!("The deadline «{text}»{note} of task «{content}» {when} {}. Check that the task belongs in this period's programme.", period.title_en())
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_written_twice_in_one_table_is_not_a_matter_of_two_leads() {
        let said = |same_table| {
            Annexed::TaskRepeated {
                task: "Rà soát thủ tục hành chính",
                here: "a.xlsx › Sheet1 › B9",
                there: "a.xlsx › Sheet1 › B7",
                same_table,
            }
            .words(Lang::Vi)
        };
        let own = said(true);
        assert!(
            own.contains("được ghi hai lần trong cùng một bảng"),
            "{own}"
        );
        assert!(!own.contains("thống nhất một cơ quan chủ trì"), "{own}");
        // Near miss: two departments' tables still agree on one lead.
        assert!(said(false).contains("Hãy thống nhất một cơ quan chủ trì"));
    }

    #[test]
    fn a_day_its_month_lacks_is_said_so() {
        let said = Annexed::DeadlineNoSuchDay {
            deadline: "31/11/2025",
            task: "Sơ kết an toàn giao thông",
            month: 11,
            year: 2025,
            days: 30,
        };
        assert_eq!(said.code(), Code::DeadlineInvalid);
        let vi = said.words(Lang::Vi);
        assert!(vi.contains("tháng 11/2025 chỉ có 30 ngày"), "{vi}");
        assert!(!vi.contains("không phải là thời hạn"), "{vi}");
        assert!(said.words(Lang::En).contains("11/2025 has only 30 days"));
    }
}
