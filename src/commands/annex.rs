//! `tonghop annex`: the programme of key tasks. Every department's task
//! table in a folder in; the annex `phu-luc.xlsx`, print-ready, and the
//! error list out.

use crate::annex::workbook::{write_annex, AnnexTitle};
use crate::annex::{build_annex, read_file, Annex, AnnexContext, FileTasks};
use crate::consolidation::load_template;
use crate::diagnostic::{Finding, Lang, Tally};
use crate::error::{Fatal, Outcome};
use crate::ingest::discover;
use crate::model::Period;
use crate::report::atomic::{check_folders, prepare_out_dir};
use crate::report::errors::write_error_lists;
use crate::template::Template;
use rayon::prelude::*;
use std::path::PathBuf;

/// Consolidate the departments' task tables in DIR into the annex
/// OUT/phu-luc.xlsx (the programme of key tasks, print-ready) and the error
/// list OUT/errors.csv, OUT/errors.json.
///
/// Exit status: 0 when no finding is an error, 1 when some is, 2 when the
/// run could not proceed.
#[derive(clap::Args, Debug)]
pub struct AnnexArgs {
    /// Folder of task workbooks (read recursively; nothing is written
    /// there).
    pub dir: PathBuf,
    /// The programme's period: 2020-Q2, 2020-H1, 2020-9M or 2020.
    /// Deadlines are checked against it.
    #[arg(long, value_parser = super::period_arg)]
    pub period: Period,
    /// Output folder.
    #[arg(long)]
    pub out: PathBuf,
    /// The annex title (default from the template: "CHƯƠNG TRÌNH CÔNG TÁC
    /// TRỌNG TÂM QUÝ II NĂM 2020").
    #[arg(long)]
    pub title: Option<String>,
    /// The document the annex is attached to, for the line "(Ban hành kèm
    /// theo …)", e.g. "Báo cáo số 120/BC-UBND ngày 10/4/2020 của Ủy ban
    /// nhân dân quận".
    #[arg(long)]
    pub attached_to: Option<String>,
    /// Template folder; the built-in template when absent.
    #[arg(long)]
    pub template: Option<PathBuf>,
    /// Language of messages and sheet names: vi or en (default:
    /// TONGHOP_LANG, else the machine's language, else vi).
    #[arg(long, value_enum, default_value_t = Lang::from_env(), hide_default_value = true)]
    pub lang: Lang,
    /// Replace existing outputs in OUT.
    #[arg(long)]
    pub force: bool,
}

pub use crate::outputs::{ANNEX_WORKBOOK as WORKBOOK, ERRORS_CSV, ERRORS_JSON};

pub use crate::model::period_words;

/// What a run produced.
pub struct AnnexRun {
    pub files: Vec<FileTasks>,
    pub annex: Annex,
    pub findings: Vec<Finding>,
}

/// Reads and checks every file of a folder. Writes nothing.
///
/// # Errors
/// When the folder cannot be listed or the template has no valid `[annex]`
/// table.
pub fn run_annex(
    template: &Template,
    dir: &std::path::Path,
    period: Period,
    lang: Lang,
) -> Result<AnnexRun, Fatal> {
    let ctx = AnnexContext::new(template, period, lang)?;
    let inputs = crate::ingest::archive::expand(discover(dir)?, &template.settings.limits);
    // A panic of the tool's own on one file makes that file unreadable.
    let files: Vec<FileTasks> = inputs
        .par_iter()
        .map(|f| {
            crate::ingest::guarded("reading its tasks", || Ok(read_file(f, &ctx))).unwrap_or_else(
                |reason| FileTasks::Rejected {
                    file: f.rel.clone(),
                    reason,
                },
            )
        })
        .collect();
    let (annex, findings) = build_annex(&files, &ctx);
    Ok(AnnexRun {
        files,
        annex,
        findings,
    })
}

/// Runs the command.
///
/// # Errors
/// Fatal errors only (exit 2): unreadable template, missing input folder
/// or one with no spreadsheet, output inside the input folder, outputs
/// that exist without `--force`, outputs that cannot be written.
pub fn run(args: AnnexArgs) -> Result<Outcome, Fatal> {
    let template = load_template(args.template.as_deref())?;
    check_folders(&args.dir, &args.out, args.lang)?;
    // Check the template before touching the output folder.
    let settings = crate::annex::settings::AnnexSettings::from_template(&template)?;
    prepare_out_dir(&args.out, &[WORKBOOK, ERRORS_CSV, ERRORS_JSON], args.force)?;
    let run = run_annex(&template, &args.dir, args.period, args.lang)?;
    let title = AnnexTitle {
        title: args.title.clone().unwrap_or_else(|| {
            settings
                .title
                .replace("{period}", &period_words(args.period))
        }),
        attached_to: args.attached_to.clone(),
    };
    write_annex(
        &args.out.join(WORKBOOK),
        &run.annex,
        &title,
        &run.findings,
        args.lang,
    )?;
    write_error_lists(&args.out, &run.findings, args.lang)?;
    print_summary(&args, &run);
    Ok(Outcome::from_errors(Tally::of(&run.findings).errors))
}

fn print_summary(args: &AnnexArgs, run: &AnnexRun) {
    let count = |f: fn(&FileTasks) -> bool| run.files.iter().filter(|x| f(x)).count();
    let read = count(|f| matches!(f, FileTasks::Read { .. }));
    let rejected = count(|f| matches!(f, FileTasks::Rejected { .. } | FileTasks::NoTable { .. }));
    let skipped = count(|f| matches!(f, FileTasks::Skipped { .. }));
    // Files read whose tables list no task (a blank form): said beside
    // the files read, each also a `submission-missing` warning.
    let blank = run
        .findings
        .iter()
        .filter(|f| f.code == crate::diagnostic::Code::SubmissionMissing && !f.file.is_empty())
        .count();
    // Reporting agencies that sent no file (each a `submission-missing`
    // warning, without a file).
    let missing: Vec<&str> = run
        .annex
        .intake
        .iter()
        .filter(|l| l.status == crate::annex::IntakeStatus::NothingSent)
        .flat_map(|l| l.named.iter().map(|(code, _)| code.as_str()))
        .collect();
    let missing = missing.join(", ");
    // Files left out as another period's task table: read, but none of
    // their tasks is in the annex (each a `period-mismatch` error).
    let other = run.annex.other_period;
    let tasks = run.annex.task_count();
    let sections = run.annex.sections.len();
    let tally = Tally::of(&run.findings);
    let out = args.out.display();
    match args.lang {
        Lang::Vi => {
            let mut notes = Vec::new();
            if blank > 0 {
                notes.push(format!("{blank} đơn vị chưa ghi nhiệm vụ nào"));
            }
            if other > 0 {
                notes.push(format!("{other} biểu của kỳ khác không đưa vào phụ lục"));
            }
            let noted = if notes.is_empty() {
                String::new()
            } else {
                format!(" ({})", notes.join("; "))
            };
            println!("Phụ lục {}: {read} tệp đã đọc{noted}, {rejected} tệp không đọc được, {skipped} tệp bỏ qua; {tasks} nhiệm vụ trong {sections} phần.", args.period.title_vi());
            if !missing.is_empty() {
                println!("Chưa gửi bảng nhiệm vụ: {missing} (trang Tình trạng nộp).");
            }
            println!("Phát hiện: {}.", tally.words(Lang::Vi));
            println!("Kết quả: {out}/{WORKBOOK}, {out}/{ERRORS_CSV}, {out}/{ERRORS_JSON}");
        }
        Lang::En => {
            let en = |n: usize, one: &str, many: &str| Lang::En.count(n, ("", one, many));
            let mut notes = Vec::new();
            if blank > 0 {
                notes.push(format!(
                    "{blank} {} no task",
                    if blank == 1 {
                        "sender with"
                    } else {
                        "senders with"
                    }
                ));
            }
            if other > 0 {
                notes.push(format!(
                    "{} of another period left out of the annex",
                    en(other, "table", "tables")
                ));
            }
            let noted = if notes.is_empty() {
                String::new()
            } else {
                format!(" ({})", notes.join("; "))
            };
            println!(
                "Annex for {}: {} read{noted}, {rejected} unreadable, {skipped} skipped; {} in {}.",
                args.period.title_en(),
                en(read, "file", "files"),
                en(tasks, "task", "tasks"),
                en(sections, "section", "sections"),
            );
            if !missing.is_empty() {
                println!("No task table from: {missing} (sheet Submission status).");
            }
            println!("Findings: {}.", tally.words(Lang::En));
            println!("Outputs: {out}/{WORKBOOK}, {out}/{ERRORS_CSV}, {out}/{ERRORS_JSON}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_names_the_period() {
        assert_eq!(period_words(Period::quarter(2020, 2)), "QUÝ II NĂM 2020");
        assert_eq!(
            period_words("2020-H1".parse().unwrap()),
            "6 THÁNG ĐẦU NĂM 2020"
        );
    }
}
