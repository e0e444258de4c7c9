//! The feedback workbooks that go back to the units: for every unit with
//! findings (but those said to the office alone),
//! `OUT/phan-hoi/<unit code>.xlsx` is what the unit sent with the
//! findings marked on it, each offending cell filled by severity with a
//! note saying what was found, what was expected and how to fix it, and a
//! first sheet listing the unit's findings.
//!
//! ```text
//! phan-hoi/P05.xlsx    Lỗi        its findings (the columns of errors.csv)
//!                      Biểu 1     the ward's sheet as it made it, cells filled + notes
//!                      Nhiệm vụ   every other sheet of its file, as it made it
//! ```
//!
//! An `.xlsx` is copied and annotated part by part
//! ([`crate::report::annotate`]): its own formats, page setup and notes are
//! kept. Any other file (`.xls`, `.ods`, a web page), and an `.xlsx` the
//! copy cannot take, is re-rendered from what was read, with a print setup
//! of its own. Cells keep their absolute positions, so a finding's `D17` is
//! `D17` here too. A unit whose file cannot be read again (or that sent
//! nothing) gets the findings sheet only; a feedback workbook is never
//! missing because of what a file holds.

use crate::annex::settings::AnnexSettings;
use crate::annex::table::{find_task_table, TaskHeaderWords};
use crate::diagnostic::{Code, Finding, Lang, Severity};
use crate::error::Fatal;
use crate::ingest::{sniff, Container, OpenWorkbook, SheetGrid};
use crate::memory::release_free_memory;
use crate::messages::Words;
use crate::model::Period;
use crate::normalize::header::{find_table, HeaderWords, Role};
use crate::normalize::store::FigureStore;
use crate::normalize::submission::{FileOutcome, Submission, TableBox};
use crate::number::{NumberLocale, NumberText};
use crate::outputs::Sheet;
use crate::reconcile::totals_check::figures_left_out;
use crate::report::annotate::{
    annotate, annotate_bytes, free_name, ListSheet, Mark, PrintTitles, SheetPlan,
};
use crate::report::atomic::write_atomic;
use crate::report::layout::printed_width_pt;
use crate::report::pages::{lay_out, Paper, PrintedRows};
use crate::report::workbook::SUMMARY_PAPER;
use crate::template::Template;
use calamine::Data;
use rayon::prelude::*;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Note, Worksheet, XlsxError};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The folder of the feedback workbooks inside the output folder.
pub use crate::outputs::FEEDBACK_DIR;

/// A file name for a unit code: letters, digits, `.`, `-` and `_` are
/// kept; anything else (`/`, `\`, `:`, spaces…) becomes `_`. `P.TCKH` →
/// `P.TCKH.xlsx`.
pub fn feedback_file_name(unit: &str) -> String {
    format!("{}.xlsx", crate::report::atomic::safe_stem(unit))
}

fn fill(severity: Severity) -> Color {
    match severity {
        Severity::Error => Color::RGB(0xF8CBAD),
        Severity::Warning => Color::RGB(0xFFE699),
        Severity::Info => Color::RGB(0xDDEBF7),
    }
}

/// The text of a cell's note, read by the unit's clerk: each finding on
/// the cell in words (its severity, its message to the unit; no code),
/// with what was expected (a rule in `=`, `≤`, `≥`) and what was written.
fn note_text(findings: &[&Finding], lang: Lang) -> String {
    findings
        .iter()
        .map(|f| {
            let mut s = format!("[{}] {}", f.severity.label(lang), f.unit_message());
            if !f.expected.is_empty() {
                s.push_str(&format!(
                    "\n{}: {}",
                    lang.pick("Phải là", "Expected"),
                    crate::messages::shown_value(f, &f.expected, lang)
                ));
            }
            if !f.actual.is_empty() {
                s.push_str(&format!(
                    "\n{}: {}",
                    lang.pick("Giá trị ghi", "Actual"),
                    crate::messages::shown_value(f, &f.actual, lang)
                ));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// What every unit's feedback needs from the run, prepared once: the
/// header words that find a table's header rows and name column (repeated
/// on printed pages), and the limits that bound the reading of a file.
pub struct FeedbackContext<'a> {
    template: &'a Template,
    lang: Lang,
    /// The run's number style, for the figures of a text table (CSV)
    /// whose own numbers do not settle it.
    locale: NumberLocale,
    /// The run's period: the page header of a unit that sent nothing
    /// names it as the others' do.
    period: Period,
    words: HeaderWords,
    task_words: Option<TaskHeaderWords>,
}

impl<'a> FeedbackContext<'a> {
    pub fn new(
        template: &'a Template,
        lang: Lang,
        locale: NumberLocale,
        period: Period,
    ) -> FeedbackContext<'a> {
        let task_words = AnnexSettings::from_template(template)
            .ok()
            .map(|s| TaskHeaderWords::new(&s.columns));
        FeedbackContext {
            template,
            lang,
            locale,
            period,
            words: HeaderWords::new(template),
            task_words,
        }
    }

    /// The rows (header) and columns (up to the indicator's name) to
    /// repeat on every printed page of a sheet, and its table's extent.
    fn layout(&self, grid: &SheetGrid, period: Option<Period>) -> SheetLayout {
        if let Some(t) = find_table(grid, &self.words, period) {
            let first = t.columns.iter().map(|(c, _)| *c).min();
            let last = t.columns.iter().map(|(c, _)| *c).max();
            let b = TableBox::of(&t);
            let key = b.label_col.or(first).unwrap_or(0);
            let end = last_row_with(grid, t.header_last + 1, key);
            return SheetLayout {
                titles: titles_of(&b),
                table: first
                    .zip(last)
                    .map(|(f, l)| (t.header_first, t.header_last, end, f, l)),
                roles: t.columns.clone(),
            };
        }
        if let Some(t) = self
            .task_words
            .as_ref()
            .and_then(|w| find_task_table(grid, w))
        {
            let cols = [
                t.stt,
                t.content.first().copied(),
                t.deadline,
                t.lead,
                t.coord,
                t.field,
            ];
            let present: Vec<u32> = cols
                .iter()
                .flatten()
                .copied()
                .chain(t.content.iter().copied())
                .collect();
            let last_header = t.data_start.saturating_sub(1).max(t.header_first);
            let key = t.content.first().copied().unwrap_or(0);
            let end = last_row_with(grid, t.data_start, key);
            return SheetLayout {
                titles: PrintTitles {
                    rows: Some((t.header_first, last_header)),
                    cols: None,
                },
                table: present
                    .iter()
                    .min()
                    .zip(present.iter().max())
                    .map(|(f, l)| (t.header_first, last_header, end, *f, *l)),
                roles: t.stt.map(|c| (c, Role::Stt)).into_iter().collect(),
            };
        }
        SheetLayout::default()
    }
}

/// The rows and columns to repeat on the printed pages of a table: its
/// header, and its columns up to the indicator's name when they are few.
fn titles_of(b: &TableBox) -> PrintTitles {
    PrintTitles {
        rows: Some((b.header_first, b.header_last)),
        cols: b
            .label_col
            .filter(|&l| l >= b.first_col && l - b.first_col < 4)
            .map(|l| (b.first_col, l)),
    }
}

/// Where a sheet's table is, as far as the tool can tell.
#[derive(Clone, Debug, Default)]
struct SheetLayout {
    titles: PrintTitles,
    /// What each column of the table holds, as its header says.
    roles: Vec<(u32, Role)>,
    /// First and last header row, last row, first and last column.
    table: Option<(u32, u32, u32, u32, u32)>,
}

/// The last row from `from` on whose column `col` is not empty, before
/// two empty rows in a row (the signature block starts after those).
fn last_row_with(grid: &SheetGrid, from: u32, col: u32) -> u32 {
    let mut last = from.saturating_sub(1);
    let mut blanks = 0;
    for r in from..grid.rows().end {
        if !matches!(grid.shown(r, col), Data::Empty) {
            last = r;
            blanks = 0;
        } else if grid.row_texts(r).is_empty() {
            blanks += 1;
            if blanks >= 2 {
                break;
            }
        }
    }
    last
}

/// Writes a feedback workbook for every unit with findings. `dir` is the
/// input folder (the submissions are read again from there).
///
/// # Errors
/// When a workbook cannot be built or written (fatal).
#[allow(clippy::too_many_arguments)]
pub fn write_feedback(
    out: &Path,
    dir: &Path,
    outcomes: &[FileOutcome],
    included: &[usize],
    parts: &[Vec<usize>],
    findings: &[Finding],
    store: Option<&FigureStore>,
    template: &Template,
    period: Period,
    lang: Lang,
    locale: NumberLocale,
) -> Result<Vec<PathBuf>, Fatal> {
    let folder = out.join(FEEDBACK_DIR);
    // Every file whose figures are counted: a unit's report in several
    // files (a section each, a supplement) is no file set aside.
    let counted: Vec<usize> = included
        .iter()
        .copied()
        .chain(parts.iter().flatten().copied())
        .collect();
    let aside = set_aside_files(outcomes, &counted);
    let mut by_unit: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        if !f.unit.is_empty() && !f.office_only && !about_set_aside_content(f, &aside) {
            by_unit.entry(f.unit.as_str()).or_default().push(f);
        }
    }
    if by_unit.is_empty() {
        return Ok(Vec::new());
    }
    std::fs::create_dir_all(&folder).map_err(|e| Fatal::output(&folder, e))?;
    // The submission each unit's table comes from: its included one, else
    // the first file read from it (a duplicate or a wrong period).
    let mut source: HashMap<usize, usize> = HashMap::new();
    for k in included.iter().copied().chain(0..outcomes.len()) {
        if let Some(FileOutcome::Read(s)) = outcomes.get(k) {
            if let Some(u) = s.unit {
                source.entry(u).or_insert(k);
            }
        }
    }
    // A report in several files: every part with findings at its cells
    // is in the feedback, each part's sheets named after its file; a
    // single such part is copied and marked as a lone file is. The
    // findings sheet lists every part's, each naming its file, sheet and
    // cell.
    let mut others: HashMap<usize, Vec<usize>> = HashMap::new();
    for files in parts.iter().filter(|p| p.len() > 1) {
        let at_cells = |k: &usize| match outcomes.get(*k) {
            Some(FileOutcome::Read(s)) => findings
                .iter()
                .filter(|f| f.file == s.file && !f.cell.is_empty() && !f.office_only)
                .count(),
            _ => 0,
        };
        let marked: Vec<usize> = files.iter().copied().filter(|k| at_cells(k) > 0).collect();
        let Some((&first, rest)) = marked.split_first() else {
            continue;
        };
        if let Some(FileOutcome::Read(s)) = outcomes.get(first) {
            if let Some(u) = s.unit {
                source.insert(u, first);
                others.insert(u, rest.to_vec());
            }
        }
    }
    let ctx = FeedbackContext::new(template, lang, locale, period);
    // Each unit's workbook is built (its file read again) and written on
    // the reading threads: with thousands of units, the writes' waits for
    // the disk overlap.
    let units: Vec<(&str, Vec<&Finding>)> = by_unit.into_iter().collect();
    let done = AtomicUsize::new(0);
    let written = units
        .into_par_iter()
        .map(|(unit, mine)| {
            let sub = template
                .agency_index(unit)
                .and_then(|u| source.get(&u))
                .and_then(|&k| match &outcomes[k] {
                    FileOutcome::Read(s) => Some(&**s),
                    _ => None,
                });
            let more: Vec<&Submission> = template
                .agency_index(unit)
                .and_then(|u| others.get(&u))
                .into_iter()
                .flatten()
                .filter_map(|&k| match &outcomes[k] {
                    FileOutcome::Read(s) => Some(&**s),
                    _ => None,
                })
                .collect();
            let path = folder.join(feedback_file_name(unit));
            let mut related = Vec::new();
            for part in sub.into_iter().chain(more.iter().copied()) {
                related.extend(related_cells(part, &mine, store, template)?);
            }
            let bytes = feedback_workbook(sub, &more, dir, Some(&folder), &mine, &related, &ctx)
                .map_err(|e| Fatal::output(&path, e))?;
            write_atomic(&path, &bytes)?;
            if done.fetch_add(1, Ordering::Relaxed) % RELEASE_EVERY == RELEASE_EVERY - 1 {
                release_free_memory();
            }
            Ok(path)
        })
        .collect();
    release_free_memory();
    written
}

/// The files read from a unit whose figures are not consolidated
/// because another file of the same unit is (an older duplicate, a file
/// of another period beside the right one).
fn set_aside_files<'a>(outcomes: &'a [FileOutcome], included: &[usize]) -> HashSet<&'a str> {
    let taken: HashSet<usize> = included.iter().copied().collect();
    let used: HashSet<usize> = included
        .iter()
        .filter_map(|&k| match outcomes.get(k) {
            Some(FileOutcome::Read(s)) => s.unit,
            _ => None,
        })
        .collect();
    outcomes
        .iter()
        .enumerate()
        .filter(|(k, _)| !taken.contains(k))
        .filter_map(|(_, o)| match o {
            FileOutcome::Read(s) if s.unit.is_some_and(|u| used.contains(&u)) => {
                Some(s.file.as_str())
            }
            _ => None,
        })
        .collect()
}

/// Whether `f` is about the contents of a file set aside beside the
/// unit's file used (its missing LK, a stale title): its figures are in
/// no total, so the unit has nothing to fix there. A
/// `submission-duplicate`, which says which file was set aside and why,
/// is about the two files, not one's contents, and still reaches it; so
/// does a `period-mismatch` error, said of a part of the unit's report
/// (a section) sent for another period, which no file used replaces:
/// the unit must send that part again.
fn about_set_aside_content(f: &Finding, aside: &HashSet<&str>) -> bool {
    let resend = f.code == Code::PeriodMismatch && f.severity == Severity::Error;
    f.code != Code::SubmissionDuplicate && !resend && aside.contains(f.file.as_str())
}

/// A cell of a unit's table a finding puts in doubt besides its own: a
/// part of a broken sum, a term of a broken relation, the TH of an LK
/// that does not follow from it.
#[derive(Clone, Debug)]
pub struct RelatedCell<'a> {
    pub sheet: String,
    pub row: u32,
    pub col: u32,
    pub finding: &'a Finding,
}

/// The cells of `sub`'s table that its broken sums and relations name
/// besides the cell each finding points at: a broken sum does not say
/// which of its figures is wrong, so the unit sees them all marked, as
/// Tổng hợp marks them (see [`crate::report::marks`]); so does a
/// department's one `total-mismatch` for the ward its totals leave out,
/// every figure it lists, and an LK found against its TH its TH. The
/// figures' cells come from the submission's
/// rows, read back from `store` when kept there.
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn related_cells<'a>(
    sub: &Submission,
    findings: &[&'a Finding],
    store: Option<&FigureStore>,
    template: &Template,
) -> Result<Vec<RelatedCell<'a>>, Fatal> {
    use crate::diagnostic::Code;
    let mut out = Vec::new();
    // The other rows of a unit written the same wrong way on many rows,
    // told once (see `Submission::unit_cells`).
    for f in findings
        .iter()
        .filter(|f| f.code == Code::UnitMismatch && f.file == sub.file)
    {
        for u in sub
            .unit_cells
            .iter()
            .filter(|u| u.sheet == f.sheet && u.anchor == f.cell)
        {
            for (sheet, cell) in &u.cells {
                if let Some((row, col)) = crate::diagnostic::parse_a1(cell) {
                    out.push(RelatedCell {
                        sheet: sheet.clone(),
                        row,
                        col,
                        finding: f,
                    });
                }
            }
        }
    }
    let relations: Vec<&&Finding> = findings
        .iter()
        .filter(|f| matches!(f.code, Code::SumMismatch | Code::RelationViolated))
        .filter(|f| f.file == sub.file && f.severity != Severity::Info)
        .collect();
    // LK against TH at a row's LK (LK = TH in a first quarter, LK ≥ TH,
    // LK = last LK + TH) does not say which of the two is wrong: the TH
    // is marked too, as Chi tiết marks it; not when the TH and the
    // indicator's breakdowns agree (the LK alone is wrong).
    let cumulative: Vec<&&Finding> = findings
        .iter()
        .filter(|f| f.code == Code::CumulativeMismatch && f.column == "LK" && f.covers.is_empty())
        .filter(|f| f.file == sub.file && f.severity != Severity::Info)
        .collect();
    // An outlier told at a row's TH makes the LK that carries it as
    // doubtful (told once for both in a first quarter, where LK repeats
    // TH): marked too, as Chi tiết marks it.
    let outliers: Vec<&&Finding> = findings
        .iter()
        .filter(|f| f.code == Code::Outlier && f.column == "TH")
        .filter(|f| f.file == sub.file && f.severity != Severity::Info)
        .collect();
    // A department's totals that leave out a ward, told once: every
    // figure it lists.
    let left_out: Vec<(&Finding, Vec<(usize, crate::model::ValueColumn)>)> = findings
        .iter()
        .filter(|f| f.file == sub.file && f.severity != Severity::Info)
        .map(|f| (*f, figures_left_out(f, template)))
        .filter(|(_, figures)| !figures.is_empty())
        .collect();
    if relations.is_empty() && left_out.is_empty() && cumulative.is_empty() && outliers.is_empty() {
        return Ok(out);
    }
    let loaded;
    let rows = match (sub.rows.is_empty(), sub.stored, store) {
        (true, Some(at), Some(store)) => {
            loaded = store.load(at)?;
            &loaded
        }
        _ => &sub.rows,
    };
    // The cell of a figure `r`, marked for the finding `f`.
    let mut mark = |r: &crate::normalize::submission::TidyRow, f| {
        if let Some(sheet) = sub.sheets.get(usize::from(r.sheet)) {
            out.push(RelatedCell {
                sheet: sheet.clone(),
                row: r.row,
                col: r.col,
                finding: f,
            });
        }
    };
    for (f, figures) in left_out {
        for (j, column) in figures {
            if let Some(r) = crate::normalize::submission::figure_in(rows, j, column) {
                mark(r, f);
            }
        }
    }
    for f in cumulative {
        let Some(i) = template.indicator_index(&f.indicator) else {
            continue;
        };
        if let Some(r) =
            crate::normalize::submission::figure_in(rows, i, crate::model::ValueColumn::Th)
        {
            mark(r, f);
        }
    }
    for f in outliers {
        let Some(i) = template.indicator_index(&f.indicator) else {
            continue;
        };
        if let Some(r) =
            crate::normalize::submission::figure_in(rows, i, crate::model::ValueColumn::Lk)
        {
            mark(r, f);
        }
    }
    for f in relations {
        let (Some(i), Some(column)) = (
            template.indicator_index(&f.indicator),
            crate::model::ValueColumn::parse(&f.column),
        ) else {
            continue;
        };
        for j in template.rule_indicators(&f.expected, i) {
            if let Some(r) = crate::normalize::submission::figure_in(rows, j, column) {
                mark(r, f);
            }
        }
    }
    Ok(out)
}

/// The allocator's free pages go back to the system after every this many
/// feedback workbooks (see [`crate::memory`]).
const RELEASE_EVERY: usize = 256;

/// Builds one unit's feedback workbook in memory: a copy of its `.xlsx`
/// annotated (see [`crate::report::annotate`]), else its sheets
/// re-rendered; the findings sheet first. The temporary file of a
/// re-rendered findings sheet goes to `temp` (the system's temporary
/// folder when `None`).
///
/// # Errors
/// Only when rust_xlsxwriter refuses what it is given.
pub fn feedback_workbook(
    sub: Option<&Submission>,
    more: &[&Submission],
    dir: &Path,
    temp: Option<&Path>,
    findings: &[&Finding],
    related: &[RelatedCell<'_>],
    ctx: &FeedbackContext<'_>,
) -> Result<Vec<u8>, XlsxError> {
    let limits = &ctx.template.settings.limits;
    let Some(sub) = sub else {
        return rendered(Vec::new(), temp, findings, related, ctx);
    };
    if !more.is_empty() {
        // Parts of one report, each with findings: every part's sheets,
        // re-rendered into one workbook, named after their files.
        let parts: Vec<&Submission> = std::iter::once(sub).chain(more.iter().copied()).collect();
        let files: Vec<&str> = parts.iter().map(|s| s.file.as_str()).collect();
        let labels = part_labels(&files, ctx.lang);
        let sources: Vec<Source<'_>> = parts
            .iter()
            .zip(labels)
            .filter_map(|(part, label)| {
                let book = reopen(part, dir, limits)?;
                Some(Source {
                    sub: part,
                    book,
                    period: part.period.map(|(p, _)| p),
                    label: Some(label),
                })
            })
            .collect();
        return rendered(sources, temp, findings, related, ctx)
            .or_else(|_| rendered(Vec::new(), temp, findings, related, ctx));
    }
    let path = dir.join(&sub.file);
    // A file inside a zip archive: its bytes, from the archive again.
    let inside = match path.is_file() {
        true => None,
        false => crate::ingest::archive::source_bytes(dir, &sub.file, limits),
    };
    let is_zip = match &inside {
        Some(bytes) => bytes.starts_with(b"PK\x03\x04"),
        None => matches!(sniff(&path), Ok((Container::Zip, _))),
    };
    if is_zip {
        // An .xlsx is annotated without being read again: its tables'
        // places were kept from the first reading. Another zip (.ods,
        // .xlsb) is refused by the annotation and re-rendered below.
        let plans = plans_of(sub, findings, related, ctx.lang);
        let list = list_sheet(
            findings,
            &heading_of(Some(sub), findings, ctx),
            ctx.template,
            ctx.lang,
        );
        let max = limits.max_unzipped_mb.saturating_mul(1_000_000);
        let annotated = match &inside {
            Some(bytes) => annotate_bytes(bytes.clone(), &plans, &list, max),
            None => annotate(&path, &plans, &list, max),
        };
        if let Ok(bytes) = annotated {
            return Ok(bytes);
        }
    }
    // Anything the copy could not take: the table re-rendered instead.
    let Some(book) = reopen(sub, dir, limits) else {
        return rendered(Vec::new(), temp, findings, related, ctx);
    };
    let source = Source {
        sub,
        book,
        period: sub.period.map(|(p, _)| p),
        label: None,
    };
    // Should even the re-rendering fail, the findings alone.
    rendered(vec![source], temp, findings, related, ctx)
        .or_else(|_| rendered(Vec::new(), temp, findings, related, ctx))
}

/// A unit's file opened again to be re-rendered (from its archive when it
/// came in one); `None` when it can no longer be read.
fn reopen(sub: &Submission, dir: &Path, limits: &crate::template::Limits) -> Option<OpenWorkbook> {
    let path = dir.join(&sub.file);
    let inside = match path.is_file() {
        true => None,
        false => crate::ingest::archive::source_bytes(dir, &sub.file, limits),
    };
    let opened = match inside {
        Some(bytes) => OpenWorkbook::from_bytes(bytes, limits).map(|wb| wb.named_after(&sub.file)),
        None => OpenWorkbook::open(&path, limits),
    };
    opened.ok()
}

/// A file re-rendered into a feedback workbook: its submission, the
/// workbook opened again, the period it was read for, and, for a part of
/// a report in several files, the words its sheets are named with.
struct Source<'a> {
    sub: &'a Submission,
    book: OpenWorkbook,
    period: Option<Period>,
    label: Option<String>,
}

/// The words telling apart the files of one report in parts: what their
/// names (without folder or extension) do not share, «Kinh te» and «Van
/// hoa xa hoi» of «Xa A - Kinh te - Q1.xlsx» and «Xa A - Van hoa xa hoi -
/// Q1.xlsx»; «Phần 1», «Phần 2»… when that leaves names empty or alike.
fn part_labels(files: &[&str], lang: Lang) -> Vec<String> {
    let stems: Vec<Vec<char>> = files
        .iter()
        .map(|f| {
            let name = f.rsplit(['/', '\\']).next().unwrap_or(f);
            let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
            stem.chars().collect()
        })
        .collect();
    let shortest = stems.iter().map(Vec::len).min().unwrap_or(0);
    let same_at = |at: &dyn Fn(&Vec<char>) -> Option<char>| {
        let first = stems.first().and_then(at);
        first.is_some() && stems.iter().all(|s| at(s) == first)
    };
    let head = (0..shortest)
        .take_while(|&i| same_at(&|s: &Vec<char>| s.get(i).copied()))
        .count();
    let tail = (0..shortest - head)
        .take_while(|&i| {
            same_at(&|s: &Vec<char>| s.len().checked_sub(i + 1).and_then(|j| s.get(j).copied()))
        })
        .count();
    let cut = |c: char| c.is_whitespace() || matches!(c, '-' | '_' | '.' | '(' | ')' | ',');
    // Whole words only: «Hanh chinh» and «Ngan sach» share their last
    // letter, which stays theirs.
    let first = stems.first().cloned().unwrap_or_default();
    let mut head = head;
    while head > 0 && !first.get(head - 1).is_some_and(|&c| cut(c)) {
        head -= 1;
    }
    let mut tail = tail;
    while tail > 0 && !first.get(first.len() - tail).is_some_and(|&c| cut(c)) {
        tail -= 1;
    }
    let labels: Vec<String> = stems
        .iter()
        .map(|s| {
            let middle: String = s[head..s.len() - tail].iter().collect();
            middle.trim_matches(cut).to_string()
        })
        .collect();
    let distinct: HashSet<String> = labels.iter().map(|l| l.to_lowercase()).collect();
    if labels.iter().any(String::is_empty) || distinct.len() < labels.len() {
        return (1..=labels.len())
            .map(|k| format!("{} {k}", lang.pick("Phần", "Part")))
            .collect();
    }
    labels
}

/// What to do to each sheet of a unit's `.xlsx`: the sheets with a table
/// (their header and name columns repeated when printed) and those with
/// marks.
fn plans_of(
    sub: &Submission,
    findings: &[&Finding],
    related: &[RelatedCell<'_>],
    lang: Lang,
) -> Vec<SheetPlan> {
    let mut names: Vec<&str> = sub.sheets.iter().map(String::as_str).collect();
    for f in findings {
        if f.file == sub.file && !f.sheet.is_empty() && !names.contains(&f.sheet.as_str()) {
            names.push(&f.sheet);
        }
    }
    names
        .into_iter()
        .map(|name| SheetPlan {
            name: name.to_string(),
            marks: marks_of(findings, related, &sub.file, name, lang),
            titles: sub
                .sheets
                .iter()
                .position(|s| s == name)
                .and_then(|k| sub.tables.get(k))
                .map(titles_of)
                .unwrap_or_default(),
        })
        .collect()
}

/// The marks of one sheet: each cell with findings, its worst severity
/// and its note.
fn marks_of(
    findings: &[&Finding],
    related: &[RelatedCell<'_>],
    file: &str,
    sheet: &str,
    lang: Lang,
) -> Vec<Mark> {
    let mut by_cell: BTreeMap<(u32, u16), Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        if f.file == file && f.sheet == sheet {
            if let Some((r, c)) = crate::diagnostic::parse_a1(&f.cell) {
                if let Ok(c) = u16::try_from(c) {
                    by_cell.entry((r, c)).or_default().push(f);
                }
            }
        }
    }
    // The other cells of a broken sum or relation, each finding once.
    for rc in related
        .iter()
        .filter(|rc| rc.sheet == sheet && rc.finding.file == file)
    {
        if let Ok(c) = u16::try_from(rc.col) {
            let here = by_cell.entry((rc.row, c)).or_default();
            if !here.iter().any(|f| std::ptr::eq(*f, rc.finding)) {
                here.push(rc.finding);
            }
        }
    }
    by_cell
        .into_iter()
        .filter_map(|((row, col), here)| {
            let severity = here.iter().map(|f| f.severity).min()?;
            Some(Mark {
                row,
                col: u32::from(col),
                severity,
                note: note_text(&here, lang),
            })
        })
        .collect()
}

/// The findings sheet of an annotated copy (named anew by the caller
/// when a sheet of the unit's has its name): the columns, widths, row
/// heights, page header and footer of `tong-hop.xlsx`'s error list.
fn list_sheet(findings: &[&Finding], heading: &str, template: &Template, lang: Lang) -> ListSheet {
    use crate::report::layout::{row_height, wrapped_lines, FONT_SIZE};
    use crate::report::workbook::{
        finding_values, findings_headers, findings_row_height, findings_widths, heading_code,
        sheet_footer_code, Reader,
    };
    let header: Vec<String> = findings_headers(lang, Reader::Unit)
        .iter()
        .map(|h| h.to_string())
        .collect();
    let widths = findings_widths(lang, Reader::Unit);
    let rows: Vec<(Severity, Vec<String>)> = findings
        .iter()
        .map(|f| {
            let values = finding_values(f, Some(template), lang, Reader::Unit);
            (
                f.severity,
                values.into_iter().map(|v| v.into_owned()).collect(),
            )
        })
        .collect();
    let header_lines = header
        .iter()
        .zip(widths)
        .map(|(h, w)| wrapped_lines(h, w, true, FONT_SIZE))
        .max()
        .unwrap_or(1);
    let heights = std::iter::once((header_lines > 1).then(|| row_height(header_lines, FONT_SIZE)))
        .chain(
            rows.iter()
                .map(|(_, v)| Some(findings_row_height(v, &widths, Reader::Unit))),
        )
        .collect();
    ListSheet {
        name: Sheet::Findings.name(lang).to_string(),
        header,
        rows,
        widths: widths.to_vec(),
        heights,
        page_header: if heading.is_empty() {
            String::new()
        } else {
            heading_code(heading)
        },
        page_footer: sheet_footer_code(lang),
    }
}

/// Whose findings, for which period, printed at the head of every page
/// of the findings sheet: the office, the unit's name (its file's when
/// the unit is not known), the run's period.
fn heading_of(
    sub: Option<&Submission>,
    findings: &[&Finding],
    ctx: &FeedbackContext<'_>,
) -> String {
    let t = ctx.template;
    let unit = sub
        .and_then(|s| s.unit)
        .or_else(|| findings.first().and_then(|f| t.agency_index(&f.unit)))
        .and_then(|u| t.agencies.get(u))
        .map(|a| a.shown().into_owned())
        .or_else(|| sub.map(|s| s.file.clone()))
        .unwrap_or_default();
    // The run's period, the report the office asks for: a unit that sent
    // last quarter's report is told of this quarter's (its
    // `period-mismatch` names the period its file states).
    let period = ctx.period.title(ctx.lang);
    [t.settings.office.trim().to_string(), unit, period]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" — ")
}

/// `Lỗi`, or `Lỗi (tonghop)` when the unit has a sheet of that name.
fn list_name(lang: Lang, taken: &[&str]) -> String {
    free_name(Sheet::Findings.name(lang), taken)
}

/// The feedback workbook written anew: the findings sheet, then every
/// sheet of the unit's file re-rendered from what was read.
fn rendered(
    mut sources: Vec<Source<'_>>,
    temp: Option<&Path>,
    findings: &[&Finding],
    related: &[RelatedCell<'_>],
    ctx: &FeedbackContext<'_>,
) -> Result<Vec<u8>, XlsxError> {
    let lang = ctx.lang;
    let mut wb = super::new_workbook();
    // Times New Roman 11 as the "Normal" font, as in tong-hop.xlsx: column
    // widths then measure the same in LibreOffice, which lacks Calibri on
    // many systems and would print the list shrunk to 60 %.
    wb.set_default_format(
        &rust_xlsxwriter::Format::new()
            .set_font_name(super::layout::FONT)
            .set_font_size(super::layout::FONT_SIZE),
        20,
        64,
    )?;
    // Written row by row to a temporary file (beside the outputs when
    // `temp` says where): with no sheet held in memory, saving needs no
    // thread of its own either.
    if let Some(dir) = temp {
        wb.set_tempdir(dir)?;
    }
    // Each source's sheets, under the names they are written with (a
    // part's after its file: «Kinh te - Biểu 1»).
    let names: Vec<Vec<(String, String)>> = sources
        .iter()
        .map(|s| {
            s.book
                .sheet_names()
                .into_iter()
                .map(|n| match &s.label {
                    Some(label) => (format!("{label} - {n}"), n),
                    None => (n.clone(), n),
                })
                .collect()
        })
        .collect();
    let taken: Vec<&str> = names
        .iter()
        .flatten()
        .map(|(shown, _)| shown.as_str())
        .collect();
    let list_title = list_name(lang, &taken);
    let ws = wb
        .add_worksheet_with_constant_memory()?
        .set_name(&list_title)?;
    // The error list as tong-hop.xlsx prints it, with whose findings for
    // which period on every page.
    super::workbook::findings_sheet(
        ws,
        findings,
        Some(ctx.template),
        lang,
        super::workbook::Reader::Unit,
    )?;
    let heading = heading_of(sources.first().map(|s| s.sub), findings, ctx);
    if !heading.is_empty() {
        super::workbook::print_heading(ws, &heading);
    }
    // The chart sheets, which are not re-rendered, said under the list
    // (a blank row between) rather than missing without a word.
    let charts: Vec<String> = sources
        .iter()
        .flat_map(|s| {
            s.book.chart_sheets().into_iter().map(|n| match &s.label {
                Some(label) => format!("{label} - {n}"),
                None => n,
            })
        })
        .collect();
    let below = findings.len().max(1) as u32 + 2;
    for (k, chart) in charts.iter().enumerate() {
        let line = crate::messages::Read::ChartSheetLeftOut { sheet: chart }.words(lang);
        ws.write_string_with_format(
            below + k as u32,
            0,
            line,
            &super::workbook::base().set_italic(),
        )?;
    }
    // The unit's own names, made valid where a file holds one Excel
    // would refuse (too long, `[]:*?/\\`).
    let mut used = vec![list_title];
    let mut shown_first = None;
    for (source, names) in sources.iter_mut().zip(&names) {
        let (sub, period) = (source.sub, source.period);
        // The sheets the unit hid (a scratch sheet, last quarter's copy)
        // stay hidden, as in its file.
        let hidden = source.book.hidden_sheets();
        let text_table = matches!(source.book, OpenWorkbook::Text(_));
        for (k, (shown, name)) in names.iter().enumerate() {
            let Ok(mut grid) = source.book.sheet(name) else {
                continue;
            };
            let fallback = format!("{} {}", lang.pick("Biểu", "Sheet"), k + 1);
            let valid = crate::report::limits::sheet_name(shown, &used, &fallback);
            let ws = wb.add_worksheet().set_name(&valid)?;
            used.push(valid);
            let layout = ctx.layout(&grid, period);
            if text_table {
                figures_as_numbers(&mut grid, &layout, ctx.locale);
            }
            let marks = marks_of(findings, related, &sub.file, name, lang);
            copy_sheet(ws, &grid, &layout, &marks, lang)?;
            if hidden.contains(name) {
                ws.set_hidden(true);
            } else if shown_first.is_none() {
                shown_first = Some(used.len() - 1);
            }
        }
    }
    // Opened on the unit's own (first shown) sheet, as its annotated
    // copy is.
    if let Some(ws) = shown_first.and_then(|i| wb.worksheets_mut().get_mut(i)) {
        ws.set_active(true);
    }
    crate::report::notes_by_tonghop(&mut wb);
    wb.save_to_buffer()
}

/// The figures of a text table (CSV, TSV, a web page), which hold text
/// only, made the numbers the reader took them for, so that the copy
/// shows and sums them as a workbook's: each text of a figure column of
/// the table's body that reads as a number in the sheet's style (the
/// one its numbers alone could be written in, else the run's). A text
/// that is not a plain number («khoảng 20», «-», «7,6‰», a percent
/// outside a percent column) stays as written.
fn figures_as_numbers(grid: &mut SheetGrid, layout: &SheetLayout, run: NumberLocale) {
    let Some((_, h1, end, _, _)) = layout.table else {
        return;
    };
    let figure_cols: Vec<(u32, bool)> = layout
        .roles
        .iter()
        .filter_map(|(c, role)| match role {
            Role::Value(v) => Some((*c, v.is_percent())),
            _ => None,
        })
        .collect();
    let texts: Vec<(u32, u32, bool, String)> = (h1 + 1..=end)
        .flat_map(|r| figure_cols.iter().map(move |&(c, p)| (r, c, p)))
        .filter_map(|(r, c, percent)| match grid.raw(r, c) {
            Data::String(t) => Some((r, c, percent, t.clone())),
            _ => None,
        })
        .collect();
    let mut styles = texts
        .iter()
        .filter_map(|(_, _, _, t)| crate::number::decisive_style(t));
    let first = styles.next();
    let locale = match first {
        Some(style) if styles.all(|s| s == style) => style,
        _ => run,
    };
    for (r, c, percent_col, text) in texts {
        if let NumberText::Number(p) = crate::number::parse_text(&text, locale) {
            if !p.per_mille && (!p.percent || percent_col) && p.value.is_finite() {
                grid.set_value(r, c, Data::Float(p.value));
            }
        }
    }
}

/// Writes a sheet's cells as read, merges included, with borders and a
/// bold header on its table, number formats for its figures, column
/// widths from its text, a print setup (that of `tong-hop.xlsx`: A4 at
/// the scale that fits the page width, never below a readable one, header
/// rows and name column repeated, what is under the table on one page
/// with its last two rows, the sheet's own "Trang n"), and the marks.
fn copy_sheet(
    ws: &mut Worksheet,
    grid: &SheetGrid,
    layout: &SheetLayout,
    marks: &[Mark],
    lang: Lang,
) -> Result<(), XlsxError> {
    let marked: HashMap<(u32, u32), &Mark> = marks.iter().map(|m| ((m.row, m.col), m)).collect();
    let in_table = |r: u32, c: u32| {
        layout
            .table
            .is_some_and(|(h0, _, end, c0, c1)| (h0..=end).contains(&r) && (c0..=c1).contains(&c))
    };
    let is_header = |r: u32, c: u32| {
        layout
            .table
            .is_some_and(|(h0, h1, _, c0, c1)| (h0..=h1).contains(&r) && (c0..=c1).contains(&c))
    };
    let looks = TableLooks::of(grid, layout);
    // The decimals a figure prints with: its column's in the table, its
    // own elsewhere.
    let decimals_of = |r: u32, c: u32, data: &Data| {
        let in_body = in_table(r, c) && !is_header(r, c);
        in_body
            .then(|| looks.decimals(r, c))
            .flatten()
            .unwrap_or_else(|| figure_decimals(data))
    };
    let format_of = |r: u32, c: u32, data: &Data| {
        let mut f = Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(12);
        let in_body = in_table(r, c) && !is_header(r, c);
        match data {
            Data::Float(_) | Data::Int(_) => {
                let decimals = decimals_of(r, c, data);
                f = f.set_num_format(crate::report::workbook::number_format(decimals));
            }
            Data::DateTime(_) => f = f.set_num_format("dd/mm/yyyy"),
            _ => {}
        }
        if in_table(r, c) {
            f = f
                .set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter);
        }
        if in_body && looks.centered.contains(&c) {
            f = f.set_align(FormatAlign::Center);
        }
        if in_body && looks.sections.contains(&r) {
            f = f.set_bold();
        }
        if is_header(r, c) {
            f = f.set_bold().set_align(FormatAlign::Center);
        }
        if let Some(m) = marked.get(&(r, c)) {
            f = f
                .set_background_color(fill(m.severity))
                .set_border(crate::report::workbook::severity_border(m.severity))
                .set_border_color(Color::RGB(0xC00000));
            if m.severity == Severity::Error {
                f = f.set_bold();
            }
        }
        f
    };
    let mut widths: HashMap<u16, usize> = HashMap::new();
    // The wrapped texts of the table (row, first and last column, text,
    // bold): their rows are given the height they need once the columns'
    // widths are known. The texts are the grid's own, not copied.
    let mut wrapped: Vec<(u32, u16, u16, &str, bool)> = Vec::new();
    for r in grid.rows() {
        for c in grid.cols() {
            let Ok(col) = u16::try_from(c) else { continue };
            if grid.merge_origin(r, c).is_some() {
                continue;
            }
            let data = grid.raw(r, c);
            let format = format_of(r, c, data);
            if let Some(m) = grid.merge_at(r, c) {
                // A merge is written cell by cell: one reaching past the
                // cells the sheet holds (a whole-sheet merge, 17 billion
                // cells) is cut to them.
                let r1 = m.end.0.min(grid.rows().end.saturating_sub(1)).max(r);
                let c1 = m.end.1.min(grid.cols().end.saturating_sub(1)).max(c);
                if let Ok(c1) = u16::try_from(c1) {
                    // A header merged down one column («Kế hoạch năm» over
                    // both header rows) is that column's heading.
                    if c1 == col && is_header(r, c) {
                        let len = header_chars(&crate::ingest::sheet::data_text(data));
                        let w = widths.entry(col).or_default();
                        *w = (*w).max(len);
                    }
                    // A merge of one row wraps in its columns together.
                    if let (true, Data::String(text)) = (r1 == r && in_table(r, c), data) {
                        wrapped.push((r, col, c1, text.as_str(), is_header(r, c)));
                    }
                    if (r1, c1) != (r, col) {
                        let text = crate::ingest::sheet::data_text(data);
                        let text = crate::report::limits::cell(&text);
                        // An overlapping or oversized merge of a damaged
                        // file: the value alone.
                        let _ = ws.merge_range(r, col, r1, c1, &text, &format);
                    }
                }
            } else {
                // Not widened by a merged title; a header wraps at its
                // words, a figure is as wide as it prints.
                let len = if is_header(r, c) {
                    header_chars(&crate::ingest::sheet::data_text(data))
                } else {
                    shown_chars(data, decimals_of(r, c, data))
                };
                let w = widths.entry(col).or_default();
                // A title or signature line over a table's column spills
                // into its empty neighbours as printed: it widens none.
                let over_table = layout
                    .table
                    .is_some_and(|(_, _, _, c0, c1)| (c0..=c1).contains(&c));
                *w = (*w).max(if in_table(r, c) || layout.table.is_none() {
                    len
                } else if over_table {
                    0
                } else {
                    len.min(12)
                });
                if let (true, Data::String(text)) = (in_table(r, c), data) {
                    wrapped.push((r, col, col, text.as_str(), is_header(r, c)));
                }
            }
            write_data(
                ws,
                r,
                col,
                data,
                &format,
                marked.contains_key(&(r, c)) || in_table(r, c),
            )?;
        }
    }
    let width_of = |col: u16| widths.get(&col).map_or(DEFAULT_WIDTH, |&w| column_width(w));
    for &col in widths.keys() {
        ws.set_column_width(col, width_of(col))?;
    }
    let mut printed = PrintedRows::new(DEFAULT_ROW_PT);
    for (row, height) in wrapped_heights(&wrapped, width_of) {
        ws.set_row_height(row, height)?;
        printed.set_height(row, height);
    }
    // The rows and columns the unit hid (last year's rows kept below the
    // table) stay hidden, and take no room on the printed page.
    if grid.hides_any() {
        for r in grid.rows().filter(|&r| grid.row_hidden(r)) {
            ws.set_row_hidden(r)?;
            printed.set_height(r, 0.0);
        }
        for c in grid.cols().filter(|&c| grid.col_hidden(c)) {
            if let Ok(col) = u16::try_from(c) {
                ws.set_column_hidden(col)?;
            }
        }
    }
    for m in marks {
        let Ok(col) = u16::try_from(m.col) else {
            continue;
        };
        let note = Note::new(crate::report::limits::note(&m.note))
            .set_author("tonghop")
            .set_width(420)
            .set_height(160);
        let _ = ws.insert_note(m.row, col, &note);
    }
    crate::report::workbook::print_setup(ws, lang);
    let cols: Vec<f64> = (0..=widths.keys().copied().max().unwrap_or(0))
        .map(|c| {
            if grid.col_hidden(u32::from(c)) {
                0.0
            } else {
                width_of(c)
            }
        })
        .collect();
    let width_pt = printed_width_pt(&cols);
    let (left, right, top, bottom) = SUMMARY_PAPER.margins_in;
    let paper = Paper::a4_for(width_pt, left, right, top, bottom);
    if !paper.is_landscape() {
        ws.set_portrait();
    }
    // What is under the table (the block it is signed in, notes) prints
    // with its last two rows.
    let last = grid.rows().end.saturating_sub(1);
    if let Some((_, h1, end, _, _)) = layout.table.filter(|t| t.2 < last) {
        printed.keep_together(end.saturating_sub(1).max(h1 + 1).min(end), last);
    }
    printed.at(last);
    let pages = lay_out(&paper, width_pt, &printed.rows, layout.titles.rows);
    // At the readable scale when the table fits the page width there (its
    // breaks kept: Excel ignores breaks on a fitted sheet); fitted to the
    // width when even that scale would leave columns on pages of their
    // own (a wide table of a .xls or .ods).
    if paper.scale_to_width(width_pt) < pages.scale {
        ws.set_print_fit_to_pages(1, 0);
    } else {
        ws.set_print_scale(pages.scale);
    }
    ws.set_page_breaks(&pages.breaks)?;
    if let Some((r0, r1)) = layout.titles.rows {
        ws.set_repeat_rows(r0, r1)?;
    }
    if let Some((c0, c1)) = layout.titles.cols {
        if let (Ok(c0), Ok(c1)) = (u16::try_from(c0), u16::try_from(c1)) {
            ws.set_repeat_columns(c0, c1)?;
        }
    }
    Ok(())
}

/// How a re-rendered table shows, from what its header and rows say
/// (a `.xls` or `.ods` as read keeps no formats): the decimals of each
/// percent column and of each row's quantities (an indicator's figures
/// are written alike, a rate among counts is not), the columns printed
/// centred (STT, code, unit), and the section rows printed bold.
#[derive(Debug, Default)]
struct TableLooks {
    percent_decimals: HashMap<u32, u8>,
    quantity_cols: HashSet<u32>,
    row_decimals: HashMap<u32, u8>,
    centered: HashSet<u32>,
    sections: HashSet<u32>,
}

/// The decimals a percent column prints with at least: the catalog's
/// percents are written with two.
const PERCENT_DECIMALS: u8 = 2;

impl TableLooks {
    fn of(grid: &SheetGrid, layout: &SheetLayout) -> TableLooks {
        let mut looks = TableLooks::default();
        let Some((_, h1, end, _, _)) = layout.table else {
            return looks;
        };
        let body = h1 + 1..=end;
        let figure_cols: Vec<u32> = layout
            .roles
            .iter()
            .filter(|(_, role)| matches!(role, Role::Value(_)))
            .map(|(c, _)| *c)
            .collect();
        for &(c, role) in &layout.roles {
            match role {
                Role::Stt | Role::Code | Role::Unit => {
                    looks.centered.insert(c);
                }
                Role::Value(v) if v.is_percent() => {
                    // As many decimals as the column's figures are
                    // written with, at least two.
                    let written = body
                        .clone()
                        .map(|r| figure_decimals(grid.raw(r, c)))
                        .max()
                        .unwrap_or(0);
                    looks
                        .percent_decimals
                        .insert(c, written.max(PERCENT_DECIMALS));
                }
                Role::Value(_) => {
                    looks.quantity_cols.insert(c);
                }
                Role::Name | Role::Note => {}
            }
        }
        // A section row ("I", "KINH TẾ"): a Roman numeral or a letter in
        // the STT column, or a name in capitals, and no figure.
        let stt = layout
            .roles
            .iter()
            .find(|(_, r)| *r == Role::Stt)
            .map(|x| x.0);
        let name = layout
            .roles
            .iter()
            .find(|(_, r)| *r == Role::Name)
            .map(|x| x.0);
        for r in body.clone() {
            let written = looks
                .quantity_cols
                .iter()
                .map(|&c| figure_decimals(grid.raw(r, c)))
                .max()
                .unwrap_or(0);
            looks.row_decimals.insert(r, written);
        }
        for r in body {
            let no_figure = figure_cols
                .iter()
                .all(|&c| matches!(grid.raw(r, c), Data::Empty));
            if !no_figure {
                continue;
            }
            let numbered = stt.is_some_and(|c| {
                let t = grid.text(r, c);
                let t = t.trim().trim_end_matches('.');
                !t.is_empty()
                    && t.chars()
                        .all(|ch| "IVXLA".contains(ch) || ch.is_ascii_uppercase())
            });
            let capitals = name.is_some_and(|c| {
                let t = grid.text(r, c);
                t.chars().any(char::is_alphabetic)
                    && t.chars()
                        .filter(|ch| ch.is_alphabetic())
                        .all(char::is_uppercase)
            });
            if numbered || capitals {
                looks.sections.insert(r);
            }
        }
        looks
    }

    /// The decimals of a figure in the table's body (`None`: not in a
    /// figure column).
    fn decimals(&self, row: u32, col: u32) -> Option<u8> {
        if let Some(&d) = self.percent_decimals.get(&col) {
            return Some(d);
        }
        if self.quantity_cols.contains(&col) {
            return self.row_decimals.get(&row).copied();
        }
        None
    }
}

/// The decimals a figure is written with (at most four): 76.6 has one,
/// 80 none; a text or an empty cell none.
fn figure_decimals(data: &Data) -> u8 {
    let Data::Float(x) = data else {
        return 0;
    };
    (0..4u8)
        .find(|&d| {
            let scaled = x * 10f64.powi(i32::from(d));
            (scaled - scaled.round()).abs() < 1e-6 * scaled.abs().max(1.0)
        })
        .unwrap_or(4)
}

/// The characters a header's text needs across: its longest word, and
/// no more than a short line's (it wraps).
fn header_chars(text: &str) -> usize {
    let longest = text
        .split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0);
    longest.max(text.chars().count().min(HEADER_LINE_CHARS))
}

/// The characters of a header line that wraps (the width of a figure
/// column of the sample forms).
const HEADER_LINE_CHARS: usize = 10;

/// The characters a cell prints: a figure as its format shows it
/// (thousands grouped, its decimals), anything else as read.
fn shown_chars(data: &Data, decimals: u8) -> usize {
    match data {
        Data::Float(x) => crate::number::format_vi(*x, decimals).chars().count(),
        Data::Int(i) => crate::number::format_vi(*i as f64, decimals)
            .chars()
            .count(),
        _ => crate::ingest::sheet::data_text(data).chars().count(),
    }
}

/// The width (in characters) of a column whose longest text is `chars`
/// long.
fn column_width(chars: usize) -> f64 {
    (chars.clamp(5, 50) + 2) as f64
}

/// The width of a column with nothing written (rust_xlsxwriter's 64
/// pixels, in the 7-pixel digits of Times New Roman 11).
const DEFAULT_WIDTH: f64 = 8.43;

/// The height of a row that states none (rust_xlsxwriter's 20 pixels).
const DEFAULT_ROW_PT: f64 = 15.0;

/// The size of the re-rendered cells' font, Times New Roman.
const COPY_FONT_PT: f64 = 12.0;

/// The rows of a re-rendered table that need more than one line, with the
/// height their wrapped texts `(row, first column, last column, text,
/// bold)` need in columns `width_of` wide. A spreadsheet keeps a row's
/// height as written (LibreOffice and Excel alike do not grow it on
/// opening), so without this a long indicator name printed over the rows
/// below it.
fn wrapped_heights(
    wrapped: &[(u32, u16, u16, &str, bool)],
    width_of: impl Fn(u16) -> f64,
) -> Vec<(u32, f64)> {
    use crate::report::fit::{row_height_pt, Columns, Font};
    // The workbook's default font is Times New Roman 11: a 7-pixel digit,
    // as Calibri 11's.
    let cols = Columns::CALIBRI_11;
    let mut tallest: BTreeMap<u32, (usize, Font)> = BTreeMap::new();
    for &(row, c0, c1, text, bold) in wrapped {
        // Merged columns add their pixels (a digit's less each, the
        // padding counted once).
        let width: f64 = (c0..=c1).map(&width_of).sum::<f64>()
            + f64::from(c1 - c0) * cols.padding_px / cols.digit_px;
        let font = if bold {
            Font::bold(COPY_FONT_PT)
        } else {
            Font::regular(COPY_FONT_PT)
        };
        let lines = cols.wrapped_lines(text, width, font);
        let t = tallest.entry(row).or_insert((1, font));
        if lines > t.0 {
            *t = (lines, font);
        }
    }
    tallest
        .into_iter()
        .filter(|(_, (lines, _))| *lines > 1)
        .map(|(row, (lines, font))| (row, row_height_pt(lines, font)))
        .collect()
}

/// Writes one value as read; an empty cell only when it has a format to
/// show (a border, a mark).
fn write_data(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    data: &Data,
    format: &Format,
    formatted: bool,
) -> Result<(), XlsxError> {
    match data {
        Data::Empty => {
            if formatted {
                ws.write_blank(r, c, format)?;
            }
        }
        Data::Float(f) if f.is_finite() => {
            ws.write_number_with_format(r, c, *f, format)?;
        }
        Data::Int(i) => {
            ws.write_number_with_format(r, c, *i as f64, format)?;
        }
        Data::Bool(b) => {
            ws.write_boolean_with_format(r, c, *b, format)?;
        }
        Data::DateTime(d) => {
            // The copy is written in the 1900 date system.
            let serial = crate::ingest::sheet::serial_1900(d);
            ws.write_number_with_format(r, c, serial, format)?;
        }
        Data::String(s) => {
            ws.write_string_with_format(r, c, crate::report::limits::cell(s), format)?;
        }
        Data::Float(_) | Data::Error(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            ws.write_string_with_format(r, c, crate::ingest::sheet::data_text(data), format)?;
        }
    }
    Ok(())
}

/// Removes feedback workbooks of earlier runs (`--force`): only files
/// named after a registry unit, so that nothing else in the folder goes.
pub fn remove_stale(out: &Path, template: &Template) {
    let folder = out.join(FEEDBACK_DIR);
    for a in &template.agencies {
        let p = folder.join(feedback_file_name(&a.code));
        if p.is_file() {
            let _ = std::fs::remove_file(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::workbook::Reader;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(feedback_file_name("P.TCKH"), "P.TCKH.xlsx");
        assert_eq!(feedback_file_name("P05"), "P05.xlsx");
        assert_eq!(feedback_file_name("A/B\\C:D"), "A_B_C_D.xlsx");
        assert_eq!(feedback_file_name(".."), "_...xlsx");
        assert_eq!(feedback_file_name(""), "_.xlsx");
    }

    /// A note says what was expected and what was written with the words
    /// of the Lỗi sheet's columns (in English it said "Written" beside the
    /// sheet's "Actual").
    #[test]
    fn a_notes_labels_are_the_findings_sheets_columns() {
        use crate::diagnostic::{Code, Finding};
        let f = Finding::error(Code::PctMismatch, "m")
            .expected("17,29")
            .actual("21,35");
        for lang in [Lang::Vi, Lang::En] {
            let h = crate::report::workbook::findings_headers(lang, Reader::Unit);
            let text = note_text(&[&f], lang);
            assert!(
                text.ends_with(&format!("\n{}: 17,29\n{}: 21,35", h[8], h[9])),
                "{text}"
            );
        }
    }
}
