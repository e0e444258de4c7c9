//! `tonghop consolidate`: the main job. Every submission in a folder in,
//! one consolidated workbook, one error list and a feedback workbook per
//! unit with findings out.

use crate::consolidation::consolidate_folder;
pub use crate::consolidation::{Config, Consolidation};
use crate::diagnostic::{Lang, Tally};
use crate::error::{Arg, Fatal, Outcome, Problem};
use crate::model::Period;
use crate::normalize::submission::FileOutcome;
use crate::number::NumberLocale;
use crate::reconcile::cumulative::{previous_fits, read_previous};
use crate::report::atomic::check_folders;

use std::path::PathBuf;

pub use crate::consolidation::{load_template, run_consolidation, write_consolidated_workbook};

/// Consolidate every submission in DIR into OUT/tong-hop.xlsx and the error
/// list OUT/errors.csv, OUT/errors.json; each unit with findings gets its
/// table back with the cells marked in OUT/phan-hoi/<unit>.xlsx.
///
/// Exit status: 0 when no finding is an error, 1 when some is, 2 when the
/// run could not proceed.
#[derive(clap::Args, Debug)]
pub struct ConsolidateArgs {
    /// Folder of submissions (read recursively; nothing is written there).
    pub dir: PathBuf,
    /// Reporting period: 2020-Q1, 2020-H1, 2020-9M, 2020, or a month
    /// (2026-10, T10/2026, «Tháng 10/2026»).
    #[arg(long, value_parser = super::check_period_arg)]
    pub period: Period,
    /// Output folder.
    #[arg(long)]
    pub out: PathBuf,
    /// Template folder (indicators.csv, groups.csv, agencies.csv,
    /// template.toml); the built-in template when absent.
    #[arg(long)]
    pub template: Option<PathBuf>,
    /// Language of messages and sheet names: vi or en (default:
    /// TONGHOP_LANG, else the machine's language, else vi).
    #[arg(long, value_enum, default_value_t = Lang::from_env(), hide_default_value = true)]
    pub lang: Lang,
    /// How to read numbers that both styles could read differently
    /// (`1,345`).
    #[arg(long, value_enum, default_value_t = NumberLocale::Vi)]
    pub locale: NumberLocale,
    /// Replace existing outputs in OUT.
    #[arg(long)]
    pub force: bool,
    /// The previous quarter's output folder (its tong-hop.xlsx, or that
    /// file itself; its errors.json beside it): from the second quarter
    /// on, LK must equal the previous LK plus TH.
    #[arg(long, value_name = "PREV")]
    pub previous: Option<PathBuf>,
}

pub use crate::outputs::{ERRORS_CSV, ERRORS_JSON, FEEDBACK_DIR, WORKBOOK};

impl Config {
    /// # Errors
    /// Unreadable template, missing input folder or one with no
    /// spreadsheet, or an output folder inside the input folder.
    pub fn resolve(args: ConsolidateArgs) -> Result<Config, Fatal> {
        let template = load_template(args.template.as_deref())?;
        check_folders(&args.dir, &args.out, args.lang)?;
        let previous = match &args.previous {
            Some(p) => {
                let prev = read_previous(p, &template)?;
                previous_fits(prev.period, args.period).map_err(|(vi, en)| {
                    Fatal::input(
                        crate::reconcile::cumulative::previous_paths(p).0,
                        Arg::Previous,
                        Problem::Content(vi, en),
                    )
                })?;
                Some(prev)
            }
            None => None,
        };
        Ok(Config {
            previous,
            template,
            period: args.period,
            lang: args.lang,
            locale: args.locale,
            dir: args.dir,
            out: args.out,
            force: args.force,
        })
    }
}

/// Runs the command.
///
/// # Errors
/// Fatal errors only (exit 2): see [`Config::resolve`] and the writers.
pub fn run(args: ConsolidateArgs) -> Result<Outcome, Fatal> {
    let config = Config::resolve(args)?;
    let c = consolidate_folder(&config)?;
    print_summary(&config, &c);
    Ok(Outcome::from_errors(Tally::of(&c.findings).errors))
}

fn print_summary(config: &Config, c: &Consolidation) {
    let read = c
        .outcomes
        .iter()
        .filter(|o| matches!(o, FileOutcome::Read(_)))
        .count();
    let rejected = c
        .outcomes
        .iter()
        .filter(|o| matches!(o, FileOutcome::Rejected { .. }))
        .count();
    let skipped = c
        .outcomes
        .iter()
        .filter(|o| matches!(o, FileOutcome::Skipped { .. }))
        .count();
    use crate::report::workbook::Status;
    // Units (not files) in each state: a unit whose only file is of
    // another period, or unreadable, has not reported either.
    let units_in = |state: Status| {
        c.status
            .iter()
            .filter(|s| s.status == state && !s.unit.is_empty())
            .count()
    };
    let missing = units_in(Status::Missing);
    // A blank form adds nothing: its unit is not counted as consolidated.
    let consolidated = c.included.len() - units_in(Status::SubmittedBlank).min(c.included.len());
    let blank = units_in(Status::SubmittedBlank);
    let (wrong, unreadable) = (units_in(Status::WrongPeriod), units_in(Status::Unreadable));
    let partial = units_in(Status::PartWrongPeriod);
    let also = match config.lang {
        Lang::Vi => [
            (blank, "gửi biểu trống"),
            (wrong, "gửi sai kỳ"),
            (partial, "gửi một phần báo cáo sai kỳ"),
            (unreadable, "có tệp không đọc được"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!(", {n} đơn vị {w}"))
        .collect::<String>(),
        Lang::En => [
            (blank, "blank"),
            (wrong, "of another period"),
            (partial, "with a part of another period"),
            (unreadable, "unreadable"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| {
            format!(
                ", {} {w}",
                Lang::En.count(*n, ("", "unit's file", "units' files"))
            )
        })
        .collect::<String>(),
    };
    // Files read whose sender stays unknown: those a missing unit's
    // finding names may be its report; a file whose letterhead names a
    // body outside the registry (a former district's Phòng) is no missing
    // commune's.
    let u = c.unplaced;
    // Whose they may be: the missing units', not the last units named.
    let missing_units = match missing {
        1 => "of unknown sender may be the missing unit's",
        _ => "of unknown sender may be the missing units'",
    };
    let said: Vec<String> = match config.lang {
        Lang::Vi => [
            (
                u.offered,
                "chưa rõ đơn vị gửi, có thể là của đơn vị chưa nộp",
            ),
            (
                u.other_body,
                "của cơ quan không có trong danh mục đơn vị, không được tổng hợp",
            ),
            (u.unclear, "chưa rõ đơn vị gửi, không được tổng hợp"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("có {n} tệp {w}"))
        .collect(),
        Lang::En => [
            (u.offered, missing_units),
            (
                u.other_body,
                "from a body outside the registry, not consolidated",
            ),
            (u.unclear, "of unknown sender, not consolidated"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{} {w}", Lang::En.count(*n, ("", "file", "files"))))
        .collect(),
    };
    let also = match said.is_empty() {
        true => also,
        false => format!("{also} ({})", said.join("; ")),
    };
    let tally = Tally::of(&c.findings);
    let out = config.out.display();
    match config.lang {
        Lang::Vi => {
            println!("Tổng hợp {}: {read} tệp đã đọc, {rejected} tệp không đọc được, {skipped} tệp bỏ qua; {} đơn vị được tổng hợp, {missing} đơn vị chưa nộp{also}.", config.period.title_vi(), consolidated);
            println!("Phát hiện: {}.", tally.words(Lang::Vi));
            println!("Kết quả: {out}/{WORKBOOK}, {out}/{ERRORS_CSV}, {out}/{ERRORS_JSON}, phản hồi cho từng đơn vị trong {out}/{FEEDBACK_DIR}/");
        }
        Lang::En => {
            let en = |n: usize, one: &str, many: &str| Lang::En.count(n, ("", one, many));
            println!(
                "Consolidated {}: {} read, {rejected} rejected, {skipped} skipped; {} consolidated, {} missing{also}.",
                config.period.title_en(),
                en(read, "file", "files"),
                en(consolidated, "unit", "units"),
                en(missing, "unit", "units"),
            );
            println!("Findings: {}.", tally.words(Lang::En));
            println!("Outputs: {out}/{WORKBOOK}, {out}/{ERRORS_CSV}, {out}/{ERRORS_JSON}, feedback per unit in {out}/{FEEDBACK_DIR}/");
        }
    }
}
