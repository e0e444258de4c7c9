//! The programme of key tasks (phụ lục "CHƯƠNG TRÌNH CÔNG TÁC TRỌNG TÂM"):
//! the departments' task tables read, checked and grouped into the
//! annex's sections.
//!
//! ```text
//! workbooks ──table──▶ tasks (content, deadline, agencies, field, cell)
//!           ──check──▶ findings: deadline-out-of-period, deadline-invalid,
//!                      status-contradiction, task-duplicate, agency-unknown,
//!                      agency-missing; submission-missing for a reporting
//!                      agency that sent nothing (and «Tình trạng nộp»)
//!           ──group──▶ Annex: sections I…V (template order), sub-sections,
//!                      rows numbered within each section
//! ```
//!
//! A task's section comes from its table's "Lĩnh vực" column, else from
//! the section row above it, else from the default field of the department
//! that sent it, else from the default field of its lead agency; a task
//! with none of these goes to a last section "Nhiệm vụ khác".

pub mod agency;
pub mod deadline;
pub mod duplicate;
pub mod settings;
pub mod table;
pub mod workbook;

use crate::diagnostic::{a1, Code, Finding, Lang, Location, Severity};
use crate::ingest::styles::SheetStyles;
use crate::ingest::{open_input, InputFile, Opened};
use crate::messages::{Annexed, Read, ReadAs};
use crate::model::{roman, Period};
use crate::normalize::title::AgencyMatcher;
use crate::reconcile::intake::{skipped_finding, unreadable_finding};
use crate::template::{Template, TemplateError};
use agency::{AgencyRef, AgencyResolver, Role};
use deadline::{days_in_month, deadline_of_serial, read_deadline, Refusal, Timing};
use duplicate::{alike, content_key, differ_by_own_units, Reading, Similarity};
use settings::AnnexSettings;
use std::collections::{BTreeSet, HashMap};
use table::{find_task_table, read_tasks, sender_of_sheet, RawTask, TaskHeaderWords};

/// Everything reading and checking tasks needs, built once per run.
pub struct AnnexContext<'a> {
    pub template: &'a Template,
    pub settings: AnnexSettings,
    pub words: TaskHeaderWords,
    pub matcher: AgencyMatcher,
    pub period: Period,
    pub lang: Lang,
}

impl<'a> AnnexContext<'a> {
    /// # Errors
    /// When the template's `[annex]` table is missing or invalid.
    pub fn new(template: &'a Template, period: Period, lang: Lang) -> Result<Self, TemplateError> {
        let settings = AnnexSettings::from_template(template)?;
        Ok(AnnexContext {
            template,
            words: TaskHeaderWords::new(&settings.columns),
            settings,
            matcher: AgencyMatcher::new(template),
            period,
            lang,
        })
    }
}

/// A task with the place it came from.
#[derive(Clone, Debug)]
pub struct Task {
    pub file: String,
    pub sheet: String,
    /// The department that sent it (agency index), if known.
    pub sender: Option<usize>,
    pub raw: RawTask,
}

/// The period a task table's title names ("CHƯƠNG TRÌNH CÔNG TÁC QUÝ I
/// NĂM 2026"), and where.
#[derive(Clone, Debug)]
pub struct TableTitle {
    pub place: Location,
    pub period: Period,
}

/// The period the title rows above a task table name: the programme's
/// period, the one after a word of plan ("nhiệm vụ", "chương trình", "kế
/// hoạch" …) when the title names a report's period before it ("KẾT QUẢ
/// QUÝ I VÀ NHIỆM VỤ QUÝ II NĂM 2020"); the first row naming one.
fn titled_period(grid: &crate::ingest::SheetGrid, header: u32) -> Option<(u32, u32, Period)> {
    let plan = [
        "nhiem vu",
        "chuong trinh",
        "ke hoach",
        "phuong huong",
        "dang ky",
    ];
    (grid.rows().start..header).find_map(|r| {
        grid.row_texts(r)
            .into_iter()
            // A period names its year: four digits at least.
            .filter(|(_, t)| t.bytes().filter(u8::is_ascii_digit).count() >= 4)
            .find_map(|(c, t)| {
                let f = crate::text::fold(&t);
                let after = plan
                    .iter()
                    .filter_map(|w| f.rfind(w).map(|i| i + w.len()))
                    .max();
                let p = match after {
                    Some(i) => crate::normalize::title::period_in(&f[i..]),
                    None => crate::normalize::title::period_in(&f),
                };
                p.map(|p| (r, c, p))
            })
    })
}

/// What became of a file.
#[derive(Clone, Debug)]
pub enum FileTasks {
    Read {
        file: String,
        tasks: Vec<Task>,
        findings: Vec<Finding>,
        /// The periods its task tables' titles name.
        titles: Vec<TableTitle>,
        /// When the file was last saved, if known: which of two copies a
        /// department sent is the later.
        modified: Option<std::time::SystemTime>,
        /// A letterhead naming a sender the registry lacks, when nothing
        /// in the file names a registered one.
        unknown_sender: Option<UnknownSender>,
    },
    /// Could not be read: the reason in plain words.
    Rejected { file: String, reason: String },
    /// Not a spreadsheet: the reason.
    Skipped { file: String, reason: String },
    /// Read, but no sheet holds a task table.
    NoTable { file: String, sheets: Vec<String> },
}

/// A letterhead naming a unit of the registry's kind that the registry
/// lacks ("UBND PHƯỜNG 17"), and where.
#[derive(Clone, Debug)]
pub struct UnknownSender {
    pub place: Location,
    pub named: String,
}

/// The rows of a sheet a letterhead is looked for in: its first six, and
/// only those above a task table's header.
const LETTERHEAD_ROWS: u32 = 6;

/// The first letterhead in the top rows of a sheet (any sheet: a ward's
/// task sheet often has none, its figures' sheet does) that names a
/// commune or ward the registry lacks: the shape of the registry's
/// letterheads ([`Template::letterhead_of_ward_kind`]), no registered
/// agency in it.
fn unregistered_letterhead(
    grid: &crate::ingest::SheetGrid,
    header: Option<u32>,
    file: &str,
    ctx: &AnnexContext,
) -> Option<UnknownSender> {
    let start = grid.rows().start;
    let end = (start + LETTERHEAD_ROWS).min(header.unwrap_or(u32::MAX));
    (start..end).find_map(|r| {
        grid.row_texts(r).into_iter().find_map(|(c, t)| {
            (ctx.template.letterhead_of_ward_kind(&t) && ctx.matcher.find_in(&t).is_none()).then(
                || UnknownSender {
                    place: Location::cell(file.to_string(), grid.name.clone(), r, c),
                    named: crate::text::quotation(t.trim(), 200),
                },
            )
        })
    })
}

/// Whether a file is a Word document of its own (not inside an archive).
fn is_word_document(file: &InputFile) -> bool {
    let name = std::path::Path::new(&file.rel)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    file.member.is_empty()
        && !name.starts_with("~$")
        && matches!(file.kind, crate::ingest::InputKind::Skipped(_))
        && std::path::Path::new(&file.rel)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

/// Reads the task tables of a Word document: each table of the document
/// is read like a sheet named "Bảng 1", "Bảng 2", …, its first row row 1,
/// its first column A. A document with no task table (a cover letter), or
/// one that cannot be opened, is skipped as before.
fn read_word_file(file: &InputFile, ctx: &AnnexContext, file_sender: Option<usize>) -> FileTasks {
    let word_tables = match crate::textcheck::docx::read_docx_tables(&file.path) {
        Ok(t) => t,
        // Not read as before: a Word document was never a submission;
        // said as consolidate says it (the reading library's detail,
        // "invalid Zip archive", told the clerk nothing).
        Err(_) => {
            return FileTasks::Skipped {
                file: file.rel.clone(),
                reason: crate::ingest::discover::WORD_DOCUMENT.to_string(),
            }
        }
    };
    let mut read: Vec<SheetTasks> = Vec::new();
    let mut titles = Vec::new();
    for (k, word_table) in word_tables.into_iter().enumerate() {
        let name = format!("Bảng {}", k + 1);
        let rows = word_table
            .rows
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .map(|t| {
                        if t.is_empty() {
                            calamine::Data::Empty
                        } else {
                            calamine::Data::String(t)
                        }
                    })
                    .collect()
            })
            .collect();
        let grid = crate::ingest::SheetGrid::from_rows(&name, rows);
        let Some(layout) = find_task_table(&grid, &ctx.words) else {
            continue;
        };
        // The department: the rows above the header, else the paragraphs
        // above the table ("PHÒNG TƯ PHÁP"), else the file name.
        let sender = sender_of_sheet(&grid, &layout, &ctx.matcher)
            .or_else(|| table::sender_of_lines(&word_table.above, &ctx.matcher))
            .or(file_sender);
        let table = TableRead {
            file,
            name: &name,
            grid: &grid,
            layout: &layout,
            sender,
        };
        table.take(None, ctx, &mut titles, &mut read);
    }
    if read.is_empty() {
        return FileTasks::Skipped {
            file: file.rel.clone(),
            reason: "the file is a Word document (.docx) with no task table, not a spreadsheet"
                .into(),
        };
    }
    let mut findings = Vec::new();
    set_aside_off_programme(&file.rel, &mut read, ctx, &mut findings);
    blank_form(&file.rel, &read, file_sender, ctx, &mut findings);
    FileTasks::Read {
        file: file.rel.clone(),
        tasks: read.into_iter().flat_map(|(_, _, t, _)| t).collect(),
        findings,
        titles,
        modified: file.modified,
        unknown_sender: None,
    }
}

/// The department a file's name names, if any.
fn sender_of_file(file: &InputFile, ctx: &AnnexContext) -> Option<usize> {
    sender_of_name(&file.rel, ctx)
}

/// The department a file name (relative path) names, if any.
fn sender_of_name(rel: &str, ctx: &AnnexContext) -> Option<usize> {
    let stem = std::path::Path::new(rel)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // As a ward's file is named: "Cong van gui kem - TNMT.docx" names
    // Phòng TNMT by its alias's name without "P.".
    ctx.matcher.find_in_name(&stem).map(|(i, ..)| i)
}

/// Reads the task tables of one file. Never panics on the file's content.
pub fn read_file(file: &InputFile, ctx: &AnnexContext) -> FileTasks {
    let file_sender = sender_of_file(file, ctx);
    if is_word_document(file) {
        return read_word_file(file, ctx, file_sender);
    }
    let mut wb = match open_input(file, &ctx.template.settings.limits) {
        Opened::Workbook(wb, _) => wb,
        Opened::Skipped(reason) => {
            return FileTasks::Skipped {
                file: file.rel.clone(),
                reason,
            }
        }
        Opened::Rejected(reason) => {
            return FileTasks::Rejected {
                file: file.rel.clone(),
                reason,
            }
        }
    };
    let mut tasks = Vec::new();
    let mut findings = Vec::new();
    let mut seen = Vec::new();
    let mut tables = 0;
    let mut titles = Vec::new();
    let mut style_table = None;
    let mut letterhead = None;
    // Each table's sheet, sender, tasks and whether it is no programme of
    // the period (a results report, another period's table).
    let mut read: Vec<SheetTasks> = Vec::new();
    for name in wb.sheet_names() {
        // A form's stamp sheet holds its drop-down lists (agencies,
        // fields), never tasks.
        if crate::normalize::stamp::is_stamp_sheet(&name) {
            continue;
        }
        let mut grid = match wb.sheet(&name) {
            Ok(g) => g,
            Err(reason) => {
                let what = crate::ingest::reasons::reason_words(&reason, ctx.lang).0;
                findings.push(
                    Finding::said(
                        Severity::Warning,
                        &Read::SheetUnreadable { what: &what },
                        ctx.lang,
                    )
                    .at(&Location::file(file.rel.clone()))
                    .actual(crate::ingest::reasons::reason_actual(&reason, ctx.lang)),
                );
                continue;
            }
        };
        seen.push(name.clone());
        let layout = find_task_table(&grid, &ctx.words);
        if letterhead.is_none() {
            let header = layout.as_ref().map(|l| l.header_first);
            letterhead = unregistered_letterhead(&grid, header, &file.rel, ctx);
        }
        let Some(layout) = layout else {
            continue;
        };
        tables += 1;
        let sender = sender_of_sheet(&grid, &layout, &ctx.matcher).or(file_sender);
        // A date cell's number format tells a month ("Dec-25") from a day;
        // the workbook's formats are read once, for a table with a date.
        let styles = if has_date_deadline(&grid, &layout) {
            let table = style_table.get_or_insert_with(|| wb.style_table().ok());
            table
                .as_ref()
                .map(|t| SheetStyles::new(std::sync::Arc::clone(t), grid.take_style_ids()))
        } else {
            None
        };
        let table = TableRead {
            file,
            name: &name,
            grid: &grid,
            layout: &layout,
            sender,
        };
        table.take(styles.as_ref(), ctx, &mut titles, &mut read);
    }
    if tables == 0 {
        return FileTasks::NoTable {
            file: file.rel.clone(),
            sheets: seen,
        };
    }
    // A sender is unknown when no table names a registered one and a
    // letterhead names one the registry lacks; a file naming nobody keeps
    // its tasks (their lead agencies say whose they are).
    let unknown_sender = letterhead.filter(|_| read.iter().all(|(_, s, _, _)| s.is_none()));
    set_aside_off_programme(&file.rel, &mut read, ctx, &mut findings);
    // Only a file that is nothing but its task table: a report whose task
    // sheet is left empty beside its figures is no blank form.
    if unknown_sender.is_none() && tables == seen.len() {
        blank_form(&file.rel, &read, file_sender, ctx, &mut findings);
    }
    for (_, _, sheet_tasks, _) in read {
        tasks.extend(sheet_tasks);
    }
    FileTasks::Read {
        file: file.rel.clone(),
        tasks,
        findings,
        titles,
        modified: file.modified,
        unknown_sender,
    }
}

/// A sheet's table as read: its name, sender, tasks, and why it is no
/// programme of the period, if it is not.
/// A task table found in a file (a sheet, or a Word document's table),
/// with the department that sent it.
struct TableRead<'a> {
    file: &'a InputFile,
    name: &'a str,
    grid: &'a crate::ingest::SheetGrid,
    layout: &'a table::TaskLayout,
    sender: Option<usize>,
}

impl TableRead<'_> {
    /// Reads the table's tasks into `read` (with whether it is no
    /// programme of the period) and the period its title names into
    /// `titles`; `styles` tell a date cell's month from its day.
    fn take(
        &self,
        styles: Option<&SheetStyles>,
        ctx: &AnnexContext,
        titles: &mut Vec<TableTitle>,
        read: &mut Vec<SheetTasks>,
    ) {
        let (file, name) = (&self.file.rel, self.name);
        if let Some((row, col, period)) = titled_period(self.grid, self.layout.header_first) {
            titles.push(TableTitle {
                place: Location::cell(file.clone(), name.to_string(), row, col),
                period,
            });
        }
        let tasks = read_tasks(self.grid, self.layout, &ctx.settings, styles)
            .into_iter()
            .map(|raw| Task {
                file: file.clone(),
                sheet: name.to_string(),
                sender: self.sender,
                raw,
            })
            .collect();
        let off = table::off_programme(self.grid, self.layout, ctx.period);
        read.push((name.to_string(), self.sender, tasks, off));
    }
}

type SheetTasks = (
    String,
    Option<usize>,
    Vec<Task>,
    Option<table::OffProgramme>,
);

/// Sets aside, with one info each, the tables of a workbook that are no
/// programme of the period (a results report, another period's table)
/// when the workbook holds a table that is: a department's report of last
/// quarter sent with this quarter's programme is not read as part of it.
/// When no table is a plain programme, the title wins over a results
/// column: a table titled for the period (or for none) that only has a
/// «Tình hình thực hiện» column is kept, and the tables whose own titles
/// name another period are set aside. A workbook whose every table is
/// off so keeps them all: its tasks are read and their deadlines say what
/// is wrong, never a programme lost in silence.
fn set_aside_off_programme(
    file: &str,
    read: &mut Vec<SheetTasks>,
    ctx: &AnnexContext,
    findings: &mut Vec<Finding>,
) {
    let names = |keep: &dyn Fn(&Option<table::OffProgramme>) -> bool| -> Vec<String> {
        read.iter()
            .filter(|(_, _, _, off)| keep(off))
            .map(|(name, _, _, _)| name.clone())
            .collect()
    };
    let mut kept = names(&|off| off.is_none());
    if kept.is_empty() {
        kept = names(&|off| off.as_ref().is_some_and(|o| o.period.is_none()));
    }
    if kept.is_empty() {
        return;
    }
    read.retain(|(name, sender, _, off)| {
        let Some(off) = off else { return true };
        if kept.contains(name) {
            return true;
        }
        let said = Annexed::SheetNotProgramme {
            sheet: name,
            results: off.results,
            named: off.period,
            period: ctx.period,
            kept: &kept,
        };
        let unit = sender
            .and_then(|i| ctx.template.agencies.get(i))
            .map(|a| a.code.clone())
            .unwrap_or_default();
        findings.push(
            Finding::said(Severity::Info, &said, ctx.lang)
                .at(&Location::cell(file, name.clone(), off.row, off.col))
                .unit(unit)
                .expected(ctx.period.title(ctx.lang))
                .actual(off.text.clone()),
        );
        false
    });
}

/// One `submission-missing` warning for a file whose task tables hold
/// no task (a department that sent the blank form: the header and its
/// numbered rows, nothing in them; not a figures report whose task sheet
/// is left empty): it is counted among the files read,
/// and without this the office would not hear that the department
/// registered nothing. A warning: no task printed is wrong, the annex
/// lacks the department's. Named by the tables' sender, else the file's.
fn blank_form(
    file: &str,
    read: &[SheetTasks],
    file_sender: Option<usize>,
    ctx: &AnnexContext,
    findings: &mut Vec<Finding>,
) {
    if read.iter().any(|(_, _, tasks, _)| !tasks.is_empty()) {
        return;
    }
    let sender = read
        .iter()
        .find_map(|(_, s, _, _)| *s)
        .or(file_sender)
        .and_then(|i| ctx.template.agencies.get(i));
    let name = sender.map_or_else(
        || match ctx.lang {
            Lang::Vi => "Đơn vị".to_string(),
            Lang::En => "The unit".to_string(),
        },
        |a| a.name.clone(),
    );
    let said = Annexed::NoTasks { unit: &name, file };
    findings.push(
        Finding::said(Severity::Warning, &said, ctx.lang)
            .at(&Location::file(file.to_string()))
            .unit(sender.map(|a| a.code.clone()).unwrap_or_default()),
    );
}

/// Whether the deadline column of a table holds a date cell.
fn has_date_deadline(grid: &crate::ingest::SheetGrid, layout: &table::TaskLayout) -> bool {
    layout.deadline.is_some_and(|c| {
        (layout.data_start..grid.rows().end)
            .any(|r| matches!(grid.raw(r, c), calamine::Data::DateTime(_)))
    })
}

/// One row of the annex.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnexRow {
    pub content: String,
    pub deadline: String,
    pub lead: String,
    pub coord: String,
    /// Where the task was read (its content cell).
    pub source: Location,
    /// The findings about this task, on the cells they concern.
    pub marks: Vec<Mark>,
}

/// A column of a task in the annex.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AnnexColumn {
    Content,
    Deadline,
    Lead,
    Coord,
}

impl AnnexColumn {
    /// The column a finding about a task concerns: its deadline, its lead
    /// (an unknown lead is an error), its coordinators (an unknown one is a
    /// warning) or its content (a duplicate). None for findings about
    /// files.
    pub fn of(f: &Finding) -> Option<AnnexColumn> {
        match f.code {
            // A status is not printed: its contradiction marks the deadline.
            Code::DeadlineOutOfPeriod | Code::DeadlineInvalid | Code::StatusContradiction => {
                Some(AnnexColumn::Deadline)
            }
            Code::AgencyMissing => Some(AnnexColumn::Lead),
            Code::AgencyUnknown if f.severity == Severity::Error => Some(AnnexColumn::Lead),
            Code::AgencyUnknown => Some(AnnexColumn::Coord),
            Code::TaskDuplicate => Some(AnnexColumn::Content),
            _ => None,
        }
    }
}

/// A finding shown on the annex row of its task.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub column: AnnexColumn,
    pub severity: Severity,
    pub message: String,
}

/// Tasks under one sub-section heading (`None`: directly under the
/// section).
#[derive(Clone, Debug, PartialEq)]
pub struct AnnexGroup {
    pub subsection: Option<String>,
    pub rows: Vec<AnnexRow>,
}

/// One section of the annex.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnexSection {
    pub numeral: String,
    pub title: String,
    pub groups: Vec<AnnexGroup>,
}

/// The annex, sections in print order (empty sections left out).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Annex {
    pub sections: Vec<AnnexSection>,
    /// Files left out as another period's task table (each one
    /// `period-mismatch` error): the summary line says how many.
    pub other_period: usize,
    /// Every file of the folder and what became of it, then every
    /// reporting agency that sent nothing: the sheet «Tình trạng nộp».
    pub intake: Vec<IntakeLine>,
}

/// What became of a file, or that an agency sent none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntakeStatus {
    /// Read, its tasks in the annex.
    Read,
    /// Read, its tables list no task (a blank form).
    Blank,
    /// Read, left out of the annex: a copy sent again, another period's
    /// table, a sender the registry lacks (the reason is in «Lỗi»).
    LeftOut,
    /// A workbook with no task table.
    NoTable,
    /// Could not be opened.
    Unreadable,
    /// No spreadsheet (a cover letter, a picture).
    Skipped,
    /// A reporting agency (`reports = yes`) that sent no file.
    NothingSent,
}

/// A line of «Tình trạng nộp».
#[derive(Clone, Debug, PartialEq)]
pub struct IntakeLine {
    /// The file (its path under the folder); empty when nothing was sent.
    pub file: String,
    /// The agencies (registry indexes) it comes from, as far as known.
    pub units: Vec<usize>,
    /// Their codes and names, as the registry writes them.
    pub named: Vec<(String, String)>,
    pub status: IntakeStatus,
    /// The tasks read from it.
    pub tasks: usize,
    /// Why it was not read, in the reader's words.
    pub reason: String,
}

impl Annex {
    pub fn task_count(&self) -> usize {
        self.sections
            .iter()
            .flat_map(|s| &s.groups)
            .map(|g| g.rows.len())
            .sum()
    }
}

/// Findings about the files themselves: skipped, unreadable, no table.
fn file_findings(files: &[&FileTasks], ctx: &AnnexContext, out: &mut Vec<Finding>) {
    let lang = ctx.lang;
    // The department the file's name names, so that a file not read still
    // says whose tasks are missing.
    let unit = |file: &str| {
        sender_of_name(file, ctx)
            .and_then(|i| ctx.template.agencies.get(i))
            .map(|a| a.code.clone())
            .unwrap_or_default()
    };
    // A blank form beside another file of the same department that lists
    // its tasks (the blank sent first, the filled one after) leaves
    // nothing missing.
    let has_tasks = |code: &str| {
        !code.is_empty()
            && files.iter().any(|f| match f {
                FileTasks::Read { tasks, .. } => tasks.iter().any(|t| {
                    t.sender
                        .and_then(|i| ctx.template.agencies.get(i))
                        .is_some_and(|a| a.code == code)
                }),
                _ => false,
            })
    };
    for f in files {
        match f {
            FileTasks::Skipped { file, reason } => {
                out.push(skipped_finding(file, reason, lang).unit(unit(file)))
            }
            FileTasks::Rejected { file, reason } => {
                out.push(unreadable_finding(file, reason, lang).unit(unit(file)))
            }
            FileTasks::NoTable { file, sheets } => {
                let said = Annexed::TableNotFound { file, sheets };
                out.push(
                    Finding::said(Severity::Error, &said, lang)
                        .at(&Location::file(file.clone()))
                        .unit(unit(file)),
                );
            }
            FileTasks::Read { findings, .. } => out.extend(
                findings
                    .iter()
                    .filter(|f| !(f.code == Code::SubmissionMissing && has_tasks(&f.unit)))
                    .cloned(),
            ),
        }
    }
    titled_other_period(files, ctx, out);
}

/// One `period-mismatch` warning when every task table's title that names
/// a period names the same one, and it is not the period asked for: a
/// first quarter's programme made with `--period 2025-Q4` (the report's
/// quarter) would have every deadline "after the period".
fn titled_other_period(files: &[&FileTasks], ctx: &AnnexContext, out: &mut Vec<Finding>) {
    let titles: Vec<&TableTitle> = files
        .iter()
        .flat_map(|f| match f {
            FileTasks::Read { titles, .. } => titles.iter().collect::<Vec<_>>(),
            _ => Vec::new(),
        })
        .collect();
    let Some(first) = titles.first() else {
        return;
    };
    if first.period == ctx.period || titles.iter().any(|t| t.period != first.period) {
        return;
    }
    let example = first.place.to_string();
    let said = Annexed::TitledOtherPeriod {
        titled: first.period,
        period: ctx.period,
        tables: titles.len(),
        example: &example,
    };
    out.push(
        Finding::said(Severity::Warning, &said, ctx.lang)
            .at(&first.place)
            .expected(first.period.title(ctx.lang))
            .actual(ctx.period.title(ctx.lang)),
    );
}

/// A short quotation of a task's content for messages.
fn quote(content: &str) -> String {
    crate::text::quotation(content, 81)
}

/// Whether two files' tasks (their content keys) are two copies of one
/// table: they share at least half of the smaller one's tasks. Two
/// tables sharing a task or two are two parts, each kept (and the tasks
/// they share told as `task-duplicate`).
fn copies_of_one_table(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let shared = a.intersection(b).count();
    shared > 0 && shared * 2 >= a.len().min(b.len())
}

/// A department's task table sent again ("p09-phuong-9 (gui lai).xlsx"
/// beside "p09-phuong-9.xlsx"): among the files whose every task one
/// department sent, two of one department that are copies of one table
/// ([`copies_of_one_table`]) are one programme. The annex takes one
/// copy, chosen as `consolidate` chooses among a unit's reports
/// ([`crate::reconcile::intake::choose_copy`]: the title's period, a
/// date or revision words in the name, the later saved), and says so
/// once for each file left out (`submission-duplicate`, a warning), in
/// place of one `task-duplicate` error for every task of the copy.
/// Returns the files left out.
fn resent_tables(
    files: &[FileTasks],
    ctx: &AnnexContext,
    findings: &mut Vec<Finding>,
) -> BTreeSet<usize> {
    use crate::reconcile::intake::{choose_copy, ReportCopy};
    let mut by_sender: std::collections::BTreeMap<usize, Vec<(usize, BTreeSet<String>)>> =
        Default::default();
    for (i, f) in files.iter().enumerate() {
        let FileTasks::Read { tasks, .. } = f else {
            continue;
        };
        let senders: BTreeSet<Option<usize>> = tasks.iter().map(|t| t.sender).collect();
        let mut only = senders.iter();
        let (Some(Some(sender)), None) = (only.next(), only.next()) else {
            continue;
        };
        let keys: BTreeSet<String> = tasks
            .iter()
            .map(|t| content_key(&t.raw.content.text))
            .filter(|k| !k.is_empty())
            .collect();
        if !keys.is_empty() {
            by_sender.entry(*sender).or_default().push((i, keys));
        }
    }
    let mut left_out = BTreeSet::new();
    for (sender, list) in by_sender {
        // Each group: copies of one table, as positions in `list`.
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (k, (_, keys)) in list.iter().enumerate() {
            let copy_of = |o: &usize| {
                list.get(*o)
                    .is_some_and(|(_, ok)| copies_of_one_table(ok, keys))
            };
            match groups.iter_mut().find(|g| g.iter().any(copy_of)) {
                Some(g) => g.push(k),
                None => groups.push(vec![k]),
            }
        }
        let unit = ctx.template.agencies.get(sender);
        let unit_code = unit.map(|a| a.code.clone()).unwrap_or_default();
        let unit_name = unit.map(|a| a.shown().into_owned()).unwrap_or_default();
        for group in groups.iter().filter(|g| g.len() > 1) {
            let members: Vec<(usize, &BTreeSet<String>)> = group
                .iter()
                .filter_map(|&k| list.get(k).map(|(fi, keys)| (*fi, keys)))
                .collect();
            let copies: Vec<ReportCopy> = members
                .iter()
                .filter_map(|&(fi, _)| match files.get(fi) {
                    Some(FileTasks::Read {
                        file,
                        titles,
                        modified,
                        ..
                    }) => {
                        // The period its tables' titles name, when they
                        // agree.
                        let mut periods = titles.iter().map(|t| t.period);
                        let first = periods.next();
                        let period = first.filter(|p| periods.all(|q| q == *p));
                        Some(ReportCopy {
                            file,
                            period,
                            indicators: 0,
                            modified: *modified,
                            lacks_lk: false,
                        })
                    }
                    _ => None,
                })
                .collect();
            if copies.len() != members.len() {
                continue;
            }
            let (chosen, why) = choose_copy(&copies);
            let (Some(used), Some(&(_, used_keys))) = (copies.get(chosen), members.get(chosen))
            else {
                continue;
            };
            for (k, &(fi, keys)) in members.iter().enumerate() {
                if k == chosen {
                    continue;
                }
                let file = copies.get(k).map(|c| c.file).unwrap_or_default();
                let said = Annexed::ProgrammeResent {
                    unit: &unit_name,
                    file,
                    used: used.file,
                    why: (&why.0, &why.1),
                    shared: keys.intersection(used_keys).count(),
                    only_here: keys.difference(used_keys).count(),
                };
                findings.push(
                    Finding::said(Severity::Warning, &said, ctx.lang)
                        .at(&Location::file(file))
                        .unit(unit_code.clone())
                        .expected(used.file.to_string())
                        .actual(file.to_string()),
                );
                left_out.insert(fi);
            }
        }
    }
    left_out
}

/// `file-unknown-unit` (an error), once for each file whose letterhead
/// names a sender the registry lacks ("UBND PHƯỜNG 17" holding a copy of
/// Phường 16's table): as `consolidate` leaves its figures out, the annex
/// leaves its tasks out, and no task of a registered unit is called its
/// duplicate. Returns the files left out.
fn unknown_senders(
    files: &[FileTasks],
    ctx: &AnnexContext,
    findings: &mut Vec<Finding>,
) -> BTreeSet<usize> {
    let t = ctx.template;
    // An example from the office's own registry, as consolidate gives.
    let example = t
        .agencies
        .iter()
        .position(|a| a.kind == crate::template::AgencyKind::Ward)
        .map_or_else(String::new, |a| t.letterhead(a).join(" / "));
    let mut out = BTreeSet::new();
    for (i, f) in files.iter().enumerate() {
        let FileTasks::Read {
            file,
            tasks,
            unknown_sender: Some(sender),
            ..
        } = f
        else {
            continue;
        };
        let said = Annexed::SenderUnknown {
            file,
            named: &sender.named,
            tasks: tasks.len(),
            example: &example,
        };
        findings.push(
            Finding::said(Severity::Error, &said, ctx.lang)
                .at(&sender.place)
                .actual(sender.named.clone()),
        );
        out.insert(i);
    }
    out
}

/// How a task's deadline reads against `period`, if it reads.
fn timing_of(task: &Task, period: Period) -> Option<Timing> {
    let cell = &task.raw.deadline;
    if cell.text.trim().is_empty() {
        return None;
    }
    let deadline = match cell.serial {
        Some(s) => deadline_of_serial(s)?,
        None => read_deadline(&cell.text, period).ok()?.deadline,
    };
    Some(deadline.timing(period))
}

/// `period-mismatch` (an error), once for each file that is another
/// period's task table: an earlier one sent again (Sở Nội vụ's "ĐĂNG KÝ
/// NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2020" in the Q3 batch) or a later one
/// sent early ("… QUÝ IV NĂM 2020"): every table's title names one period
/// that shares no month with the one asked for, and most of its dated
/// tasks fall due in that period, not in the one asked for. A title
/// naming a period that holds the one asked for (the year, nine months)
/// is no other period's. Its tasks are left out of the annex (the Q2 or
/// Q4 programme has no place in the Q3 one the leaders sign), in place of
/// one `deadline-out-of-period` finding for each. A title alone naming another
/// period (its deadlines in the run's) is a slip of the title, no
/// finding; when every table of the batch names one other period,
/// `--period` is what is wrong ([`titled_other_period`]), not the files.
/// Returns the files left out.
fn tables_of_other_period(
    files: &[FileTasks],
    skip: &BTreeSet<usize>,
    ctx: &AnnexContext,
    findings: &mut Vec<Finding>,
) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    let all: Vec<&TableTitle> = files
        .iter()
        .enumerate()
        .filter(|(i, _)| !skip.contains(i))
        .flat_map(|(_, f)| match f {
            FileTasks::Read { titles, .. } => titles.iter().collect::<Vec<_>>(),
            _ => Vec::new(),
        })
        .collect();
    let batch_titled_other = all.first().is_some_and(|first| {
        first.period != ctx.period && all.iter().all(|t| t.period == first.period)
    });
    if batch_titled_other {
        return out;
    }
    for (i, f) in files.iter().enumerate() {
        let FileTasks::Read {
            file,
            tasks,
            titles,
            ..
        } = f
        else {
            continue;
        };
        let Some(first) = titles.first() else {
            continue;
        };
        let titled = first.period;
        if skip.contains(&i)
            || tasks.is_empty()
            || table::overlap(titled, ctx.period)
            || titles.iter().any(|t| t.period != titled)
        {
            continue;
        }
        let mut dated = 0;
        let mut within = 0;
        for t in tasks {
            let (Some(there), Some(here)) = (timing_of(t, titled), timing_of(t, ctx.period)) else {
                continue;
            };
            dated += 1;
            if there == Timing::Within && here != Timing::Within {
                within += 1;
            }
        }
        if within * 2 <= dated {
            continue;
        }
        let sender = tasks
            .iter()
            .find_map(|t| t.sender)
            .and_then(|s| ctx.template.agencies.get(s));
        let unit = sender.map_or_else(
            || match ctx.lang {
                Lang::Vi => "Đơn vị".to_string(),
                Lang::En => "The unit".to_string(),
            },
            |a| a.shown().into_owned(),
        );
        let example = first.place.to_string();
        let said = Annexed::TableOfOtherPeriod {
            unit: &unit,
            file,
            titled,
            period: ctx.period,
            example: &example,
            within,
            dated,
            tasks: tasks.len(),
        };
        findings.push(
            Finding::said(Severity::Error, &said, ctx.lang)
                .at(&first.place)
                .unit(sender.map(|a| a.code.clone()).unwrap_or_default())
                .expected(ctx.period.title(ctx.lang))
                .actual(titled.title(ctx.lang)),
        );
        out.insert(i);
    }
    out
}

/// Checks every task and groups them into the annex.
pub fn build_annex(files: &[FileTasks], ctx: &AnnexContext) -> (Annex, Vec<Finding>) {
    let all = files;
    let mut findings = Vec::new();
    let mut left_out = resent_tables(files, ctx, &mut findings);
    left_out.extend(unknown_senders(files, ctx, &mut findings));
    let other = tables_of_other_period(files, &left_out, ctx, &mut findings);
    let other_period = other.len();
    left_out.extend(other);
    // A copy left out is not read further: what is wrong in it is wrong
    // in the copy used, and told there; a file of a sender the registry
    // lacks is told once, its tasks neither printed nor compared.
    let files: Vec<&FileTasks> = files
        .iter()
        .enumerate()
        .filter(|(i, _)| !left_out.contains(i))
        .map(|(_, f)| f)
        .collect();
    file_findings(&files, ctx, &mut findings);
    let tasks: Vec<&Task> = files
        .iter()
        .flat_map(|f| match f {
            FileTasks::Read { tasks, .. } => tasks.iter().collect::<Vec<_>>(),
            _ => Vec::new(),
        })
        .collect();
    let resolver = AgencyResolver::new(ctx.template, &ctx.settings);
    let t = ctx.template;
    let unit_of = |task: &Task| {
        task.sender
            .and_then(|i| t.agencies.get(i))
            .map(|a| a.code.clone())
            .unwrap_or_default()
    };
    let mut rows: Vec<(usize, Option<String>, AnnexRow)> = Vec::new();
    // Each task's own units: its sender and its lead agencies.
    let mut own: Vec<BTreeSet<usize>> = Vec::new();
    // Each task's lead agencies alone.
    let mut leads: Vec<BTreeSet<usize>> = Vec::new();
    for task in &tasks {
        let raw = &task.raw;
        let unit = unit_of(task);
        let at = |cell: &table::SourceCell| {
            Location::cell(task.file.clone(), task.sheet.clone(), cell.row, cell.col)
        };
        let content_loc = at(&raw.content);
        check_deadline(task, &unit, ctx, &mut findings);
        check_status(task, &unit, ctx, &mut findings);
        let lead = resolver.resolve_cell(&raw.lead.text, Role::Lead);
        let coord = resolver.resolve_cell(&raw.coord.text, Role::Coord);
        own.push(
            lead.iter()
                .filter_map(AgencyRef::agency)
                .chain(task.sender)
                .collect(),
        );
        leads.push(lead.iter().filter_map(AgencyRef::agency).collect());
        check_agencies(task, &unit, (&lead, &coord), ctx, &mut findings);
        let section = raw
            .section
            .or_else(|| task.sender.and_then(|s| ctx.settings.default_section(t, s)))
            .or_else(|| {
                lead.iter()
                    .find_map(|r| ctx.settings.default_section(t, r.agency()?))
            })
            .unwrap_or(ctx.settings.sections.len());
        let written = |list: &[AgencyRef]| {
            list.iter()
                .map(|r| resolver.written(r))
                .collect::<Vec<_>>()
                .join(", ")
        };
        rows.push((
            section,
            raw.subsection.clone(),
            AnnexRow {
                content: raw.content.text.clone(),
                deadline: raw.deadline.text.clone(),
                lead: written(&lead),
                coord: written(&coord),
                source: content_loc,
                marks: Vec::new(),
            },
        ));
    }
    let dropped = check_duplicates(&tasks, (&own, &leads), ctx, &mut findings);
    mark_rows(&tasks, &dropped, &findings, &mut rows);
    let mut annex = group_rows(
        rows.into_iter()
            .enumerate()
            .filter(|(k, _)| !dropped.contains_key(k))
            .map(|(_, r)| r)
            .collect(),
        ctx,
    );
    annex.other_period = other_period;
    annex.intake = intake(all, &left_out, ctx, &mut findings);
    crate::diagnostic::sort_findings(&mut findings);
    (annex, findings)
}

/// The agencies a file comes from: the senders of its tasks, else the
/// department its tables or its name name (a blank form, a file not
/// read).
fn units_of_file(f: &FileTasks, ctx: &AnnexContext) -> Vec<usize> {
    let mut units: Vec<usize> = Vec::new();
    let (file, tasks, findings) = match f {
        FileTasks::Read {
            file,
            tasks,
            findings,
            ..
        } => (file, tasks.as_slice(), findings.as_slice()),
        FileTasks::Rejected { file, .. }
        | FileTasks::Skipped { file, .. }
        | FileTasks::NoTable { file, .. } => (file, &[][..], &[][..]),
    };
    for i in tasks.iter().filter_map(|t| t.sender) {
        if !units.contains(&i) {
            units.push(i);
        }
    }
    if units.is_empty() {
        // A blank form names its sender in its finding.
        let blank = findings
            .iter()
            .filter(|f| f.code == Code::SubmissionMissing && !f.unit.is_empty())
            .find_map(|f| ctx.template.agencies.iter().position(|a| a.code == f.unit));
        units.extend(blank.or_else(|| sender_of_name(file, ctx)));
    }
    units
}

/// Every file and what became of it, then one `submission-missing`
/// warning and one line for each reporting agency (`reports = yes`) that
/// sent no file at all. Expected are the reporting agencies of the kinds
/// that sent (the departments when a department's file came, the wards
/// when a ward's did): a departments' programme does not wait for the
/// wards. A warning, as a blank form is: nothing printed is wrong, the
/// annex lacks the agency's tasks.
fn intake(
    files: &[FileTasks],
    left_out: &BTreeSet<usize>,
    ctx: &AnnexContext,
    findings: &mut Vec<Finding>,
) -> Vec<IntakeLine> {
    let agencies = &ctx.template.agencies;
    // The reader's reason in the user's words (its advice is in «Lỗi»).
    let said = |reason: &str| crate::ingest::reasons::reason_words(reason, ctx.lang).0;
    let mut lines: Vec<IntakeLine> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let units = units_of_file(f, ctx);
            let (file, status, tasks, reason) = match f {
                FileTasks::Read { file, tasks, .. } => {
                    let status = if left_out.contains(&i) {
                        IntakeStatus::LeftOut
                    } else if tasks.is_empty() {
                        IntakeStatus::Blank
                    } else {
                        IntakeStatus::Read
                    };
                    (file, status, tasks.len(), String::new())
                }
                FileTasks::Rejected { file, reason } => {
                    (file, IntakeStatus::Unreadable, 0, said(reason))
                }
                FileTasks::Skipped { file, reason } => {
                    (file, IntakeStatus::Skipped, 0, said(reason))
                }
                FileTasks::NoTable { file, .. } => (file, IntakeStatus::NoTable, 0, String::new()),
            };
            IntakeLine {
                file: file.clone(),
                units,
                named: Vec::new(),
                status,
                tasks,
                reason,
            }
        })
        .collect();
    lines.sort_by(|a, b| a.file.cmp(&b.file));
    let named = |units: &[usize]| {
        units
            .iter()
            .filter_map(|&i| agencies.get(i))
            .map(|a| (a.code.clone(), a.name.clone()))
            .collect::<Vec<_>>()
    };
    for l in &mut lines {
        l.named = named(&l.units);
    }
    let sent: BTreeSet<usize> = lines.iter().flat_map(|l| l.units.iter().copied()).collect();
    let kinds: Vec<crate::template::AgencyKind> = sent
        .iter()
        .filter_map(|&i| agencies.get(i))
        .map(|a| a.kind)
        .collect();
    for (i, a) in agencies.iter().enumerate() {
        if !a.reports || sent.contains(&i) || !kinds.contains(&a.kind) {
            continue;
        }
        let said = Annexed::NothingSent {
            unit: &a.name,
            period: ctx.period,
        };
        findings.push(Finding::said(Severity::Warning, &said, ctx.lang).unit(a.code.clone()));
        lines.push(IntakeLine {
            file: String::new(),
            units: vec![i],
            named: named(&[i]),
            status: IntakeStatus::NothingSent,
            tasks: 0,
            reason: String::new(),
        });
    }
    lines
}

/// Puts each finding about a task on the annex row of that task, on the
/// cell it concerns. Findings point at the source workbook's cells; a
/// duplicate left out of the annex marks the content of the task kept in
/// its place.
fn mark_rows(
    tasks: &[&Task],
    dropped: &HashMap<usize, usize>,
    findings: &[Finding],
    rows: &mut [(usize, Option<String>, AnnexRow)],
) {
    let mut at: HashMap<(&str, &str, String, AnnexColumn), usize> = HashMap::new();
    for (k, t) in tasks.iter().enumerate() {
        let raw = &t.raw;
        for (cell, column) in [
            (&raw.content, AnnexColumn::Content),
            (&raw.deadline, AnnexColumn::Deadline),
            (&raw.lead, AnnexColumn::Lead),
            (&raw.coord, AnnexColumn::Coord),
        ] {
            let key = (
                t.file.as_str(),
                t.sheet.as_str(),
                a1(cell.row, cell.col),
                column,
            );
            at.entry(key).or_insert(k);
        }
    }
    for f in findings {
        let Some(column) = AnnexColumn::of(f) else {
            continue;
        };
        let key = (f.file.as_str(), f.sheet.as_str(), f.cell.clone(), column);
        let Some(&k) = at.get(&key) else { continue };
        // A copy left out is not printed: its duplicate finding marks the
        // task kept in its place; what else is wrong with it (its own
        // deadline, its own agencies) is no mark on another task's cells.
        let k = match dropped.get(&k) {
            Some(&kept) if f.code == Code::TaskDuplicate => kept,
            Some(_) => continue,
            None => k,
        };
        if let Some((_, _, row)) = rows.get_mut(k) {
            row.marks.push(Mark {
                column,
                severity: f.severity,
                message: f.message.clone(),
            });
        }
    }
    for (_, _, row) in rows.iter_mut() {
        row.marks.sort_by_key(|m| (m.column, m.severity));
    }
}

/// `agency-missing` for a task without a lead agency; `agency-unknown`
/// for each lead (an error) or coordinating (a warning) agency not in the
/// registry.
fn check_agencies(
    task: &Task,
    unit: &str,
    (lead, coord): (&[AgencyRef], &[AgencyRef]),
    ctx: &AnnexContext,
    findings: &mut Vec<Finding>,
) {
    let raw = &task.raw;
    let at = |cell: &table::SourceCell| {
        Location::cell(task.file.clone(), task.sheet.clone(), cell.row, cell.col)
    };
    if lead.is_empty() {
        let said = Annexed::LeadMissing {
            task: &quote(&raw.content.text),
        };
        findings.push(
            Finding::said(Severity::Error, &said, ctx.lang)
                .at(&at(&raw.lead))
                .unit(unit.to_string()),
        );
    }
    for (list, cell, is_lead) in [(lead, &raw.lead, true), (coord, &raw.coord, false)] {
        for r in list {
            let AgencyRef::Unknown { text, closest } = r else {
                continue;
            };
            let said = Annexed::AgencyUnknown {
                lead: is_lead,
                written: text,
                closest: closest.as_deref(),
            };
            let severity = if is_lead {
                Severity::Error
            } else {
                Severity::Warning
            };
            findings.push(
                Finding::said(severity, &said, ctx.lang)
                    .at(&at(cell))
                    .unit(unit.to_string())
                    .expected(closest.clone().unwrap_or_default())
                    .actual(text.clone()),
            );
        }
    }
}

/// Notes that say a task goes on, compared without accents or case.
const GOING_ON: [&str; 3] = ["dang tiep tuc", "tiep tuc trien khai", "chua xong"];

/// Whether a status says the task is done («Hoàn thành», «Đã hoàn
/// thành», «Hoàn thành trước hạn», «HT»), not that it is not («Chưa
/// hoàn thành»).
fn says_done(status: &str) -> bool {
    let s = crate::text::fold(status);
    let s = s.trim();
    !s.contains("chua")
        && (s == "ht"
            || s.starts_with("hoan thanh")
            || s.starts_with("da hoan thanh")
            || s.starts_with("xong")
            || s.starts_with("da xong"))
}

/// `status-contradiction` (a warning) on the status cell: a task marked
/// done whose deadline falls after the period and whose note says it goes
/// on («đang tiếp tục triển khai», «chưa xong»). Done with a later
/// deadline alone is done early: no finding; the leaders ask only when the
/// row says both.
fn check_status(task: &Task, unit: &str, ctx: &AnnexContext, findings: &mut Vec<Finding>) {
    let raw = &task.raw;
    let note = crate::text::fold(&raw.note);
    if !says_done(&raw.status) || !GOING_ON.iter().any(|w| note.contains(w)) {
        return;
    }
    if timing_of(task, ctx.period) != Some(Timing::After) {
        return;
    }
    let col = raw.status_col.unwrap_or(raw.deadline.col);
    let said = Annexed::StatusContradicted {
        task: &quote(&raw.content.text),
        status: raw.status.trim(),
        deadline: raw.deadline.text.trim(),
        note: raw.note.trim(),
        period: ctx.period,
    };
    findings.push(
        Finding::said(Severity::Warning, &said, ctx.lang)
            .at(&Location::cell(
                task.file.clone(),
                task.sheet.clone(),
                raw.row,
                col,
            ))
            .unit(unit)
            .expected(ctx.period.title(ctx.lang))
            .actual(format!("{} — {}", raw.status.trim(), raw.note.trim())),
    );
}

fn check_deadline(task: &Task, unit: &str, ctx: &AnnexContext, findings: &mut Vec<Finding>) {
    let cell = &task.raw.deadline;
    if cell.text.is_empty() {
        return;
    }
    let loc = Location::cell(task.file.clone(), task.sheet.clone(), cell.row, cell.col);
    let parsed = match cell.serial {
        Some(s) => deadline_of_serial(s)
            .map(deadline::Reading::from)
            .ok_or(Refusal::NotADeadline),
        None => read_deadline(&cell.text, ctx.period),
    };
    let content = quote(&task.raw.content.text);
    let text = cell.text.replace('\n', " ");
    let d = match parsed {
        Ok(d) => d,
        Err(refusal) => {
            let said = match refusal {
                Refusal::NoSuchDay { month, year, .. } => Annexed::DeadlineNoSuchDay {
                    deadline: &text,
                    task: &content,
                    month,
                    year,
                    days: days_in_month(year, month),
                },
                Refusal::NotADeadline if deadline::is_status(&text) => Annexed::DeadlineIsStatus {
                    deadline: &text,
                    task: &content,
                    period: ctx.period,
                },
                Refusal::NotADeadline => Annexed::DeadlineInvalid {
                    deadline: &text,
                    task: &content,
                    period: ctx.period,
                },
            };
            findings.push(
                Finding::said(Severity::Error, &said, ctx.lang)
                    .at(&loc)
                    .unit(unit.to_string())
                    .actual(text.clone()),
            );
            return;
        }
    };
    let (deadline, task, period) = (text.as_str(), content.as_str(), ctx.period);
    let read = ReadAs {
        assumed_year: d.assumed_year,
        holiday: d.holiday,
    };
    let finding = match d.deadline.timing(ctx.period) {
        Timing::Within => return,
        Timing::Before => Finding::said(
            Severity::Error,
            &Annexed::DeadlineBefore {
                deadline,
                task,
                period,
                read,
            },
            ctx.lang,
        ),
        Timing::After => Finding::said(
            Severity::Warning,
            &Annexed::DeadlineAfter {
                deadline,
                task,
                period,
                from: matches!(d.deadline, deadline::Deadline::From { .. }),
                read,
            },
            ctx.lang,
        ),
    };
    findings.push(
        finding
            .at(&loc)
            .unit(unit.to_string())
            .expected(ctx.period.title(ctx.lang))
            .actual(text),
    );
}

/// Two tables listing one task (`j` first, `k` later), both naming the
/// same lead agencies and the same deadline, one sent by a lead and the other by an agency that
/// is no lead of it: (the lead's task, the other's, the lead, the other
/// sender).
fn lead_and_coordinator(
    tasks: &[&Task],
    leads: &[BTreeSet<usize>],
    j: usize,
    k: usize,
    ctx: &AnnexContext,
) -> Option<(usize, usize, usize, usize)> {
    let (tj, tk) = (tasks.get(j)?, tasks.get(k)?);
    let (lj, lk) = (leads.get(j)?, leads.get(k)?);
    // Two deadlines are two plans: agreeing on one lead is still asked.
    let deadline = |t: &Task| crate::text::fold(&t.raw.deadline.text);
    if lj.is_empty()
        || lj != lk
        || (tj.file == tk.file && tj.sheet == tk.sheet)
        || deadline(tj) != deadline(tk)
    {
        return None;
    }
    let (sj, sk) = (tj.sender?, tk.sender?);
    if sj == sk || ctx.template.agencies.get(sj).is_none() {
        return None;
    }
    match (lj.contains(&sj), lk.contains(&sk)) {
        (true, false) => Some((j, k, sj, sk)),
        (false, true) => Some((k, j, sk, sj)),
        _ => None,
    }
}

/// Reports exact and near duplicates; returns the exact duplicates left
/// out of the annex (every later copy of a content), each with the task
/// the annex keeps in its place.
/// `own` holds each task's own units (sender and leads): tasks that differ
/// only by naming each its own unit are not duplicates.
/// `leads` holds each task's lead agencies: one task listed by its lead
/// and by a co-operating agency, both naming that lead, is the lead's
/// (see [`lead_and_coordinator`]).
fn check_duplicates(
    tasks: &[&Task],
    (own, leads): (&[BTreeSet<usize>], &[BTreeSet<usize>]),
    ctx: &AnnexContext,
    findings: &mut Vec<Finding>,
) -> HashMap<usize, usize> {
    let sim = Similarity::new(ctx.template, &ctx.settings.boilerplate);
    let loc = |t: &Task| {
        Location::cell(
            t.file.clone(),
            t.sheet.clone(),
            t.raw.content.row,
            t.raw.content.col,
        )
    };
    let unit = |t: &Task| {
        t.sender
            .and_then(|i| ctx.template.agencies.get(i))
            .map(|a| a.code.clone())
            .unwrap_or_default()
    };
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut dropped = HashMap::new();
    for (k, t) in tasks.iter().enumerate() {
        let key = content_key(&t.raw.content.text);
        if key.is_empty() {
            continue;
        }
        match first.get(&key).copied() {
            Some(j) if lead_and_coordinator(tasks, leads, j, k, ctx).is_some() => {
                let Some((kept, other, lead_i, other_i)) =
                    lead_and_coordinator(tasks, leads, j, k, ctx)
                else {
                    continue;
                };
                let name = |i: usize| {
                    ctx.template
                        .agencies
                        .get(i)
                        .map(|a| a.name.clone())
                        .unwrap_or_default()
                };
                let (kept_t, other_t) = (tasks[kept], tasks[other]);
                let status = |t: &Task| t.raw.status.trim().to_string();
                let (a, b) = (status(kept_t), status(other_t));
                let differ = !a.is_empty()
                    && !b.is_empty()
                    && crate::text::fold(&a) != crate::text::fold(&b);
                let (kept_loc, here) = (loc(kept_t), loc(other_t));
                let said = Annexed::TaskOfLeadAndCoordinator {
                    task: &quote(&other_t.raw.content.text),
                    kept: &kept_loc.to_string(),
                    here: &here.to_string(),
                    lead: &name(lead_i),
                    other: &name(other_i),
                    statuses: differ.then_some((a.as_str(), b.as_str())),
                };
                let severity = if differ {
                    Severity::Error
                } else {
                    Severity::Info
                };
                findings.push(
                    Finding::said(severity, &said, ctx.lang)
                        .at(&here)
                        .unit(unit(other_t))
                        .expected(kept_loc.to_string())
                        .actual(here.to_string()),
                );
                dropped.insert(other, kept);
                first.insert(key, kept);
            }
            Some(j) => {
                let (here, there) = (loc(t), tasks.get(j).map(|o| loc(o)).unwrap_or_default());
                let same_table = tasks
                    .get(j)
                    .is_some_and(|o| o.file == t.file && o.sheet == t.sheet);
                let said = Annexed::TaskRepeated {
                    task: &quote(&t.raw.content.text),
                    here: &here.to_string(),
                    there: &there.to_string(),
                    same_table,
                };
                findings.push(
                    Finding::said(Severity::Error, &said, ctx.lang)
                        .at(&here)
                        .unit(unit(t))
                        .expected(there.to_string())
                        .actual(here.to_string()),
                );
                dropped.insert(k, j);
            }
            None => {
                first.insert(key, k);
            }
        }
    }
    let threshold = ctx.settings.near_duplicate;
    // Each content read once; only pairs that share enough meaningful
    // words are compared (a batch of wards sends thousands of tasks).
    let readings: Vec<Reading> = tasks
        .iter()
        .map(|t| sim.read(&t.raw.content.text))
        .collect();
    let candidates = duplicate::candidates(&readings);
    let none = BTreeSet::new();
    let nothing = Reading::default();
    for (k, t) in tasks.iter().enumerate() {
        if dropped.contains_key(&k) {
            continue;
        }
        for &j in candidates.get(k).map(Vec::as_slice).unwrap_or_default() {
            let Some(o) = tasks.get(j) else { continue };
            if dropped.contains_key(&j) {
                continue;
            }
            let side = |x: usize| {
                (
                    readings.get(x).unwrap_or(&nothing),
                    own.get(x).unwrap_or(&none),
                )
            };
            let ((read_o, own_o), (read_t, own_t)) = (side(j), side(k));
            let s = alike(read_o, read_t);
            if s < threshold {
                continue;
            }
            if differ_by_own_units((&read_o.named, &read_t.named), (own_o, own_t)) {
                continue;
            }
            let (here, there) = (loc(t), loc(o));
            let (mine, theirs) =
                duplicate::differing_words(&t.raw.content.text, &o.raw.content.text);
            let said = Annexed::TaskAlike {
                task: &quote(&t.raw.content.text),
                here: &here.to_string(),
                other: &quote(&o.raw.content.text),
                there: &there.to_string(),
                alike: s,
                differ: (&mine, &theirs),
            };
            findings.push(
                Finding::said(Severity::Warning, &said, ctx.lang)
                    .at(&here)
                    .unit(unit(t))
                    .expected(there.to_string())
                    .actual(here.to_string()),
            );
        }
    }
    dropped
}

/// Groups rows into sections (template order) and sub-sections (first
/// appearance; rows without one first).
fn group_rows(rows: Vec<(usize, Option<String>, AnnexRow)>, ctx: &AnnexContext) -> Annex {
    let n = ctx.settings.sections.len();
    let mut annex = Annex::default();
    for s in 0..=n {
        let mut groups: Vec<AnnexGroup> = Vec::new();
        let mut direct = AnnexGroup {
            subsection: None,
            rows: Vec::new(),
        };
        for (_, sub, row) in rows.iter().filter(|(sec, _, _)| *sec == s) {
            match sub {
                None => direct.rows.push(row.clone()),
                Some(title) => {
                    let key = crate::text::fold(title);
                    match groups.iter_mut().find(|g| {
                        g.subsection
                            .as_deref()
                            .is_some_and(|t| crate::text::fold(t) == key)
                    }) {
                        Some(g) => g.rows.push(row.clone()),
                        None => groups.push(AnnexGroup {
                            subsection: Some(title.clone()),
                            rows: vec![row.clone()],
                        }),
                    }
                }
            }
        }
        if !direct.rows.is_empty() {
            groups.insert(0, direct);
        }
        if groups.is_empty() {
            continue;
        }
        let title = match ctx.settings.sections.get(s) {
            Some(def) => def.title.clone(),
            None => "Nhiệm vụ khác".to_string(),
        };
        annex.sections.push(AnnexSection {
            numeral: roman(annex.sections.len() as u32 + 1),
            title,
            groups,
        });
    }
    annex
}
