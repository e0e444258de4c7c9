//! `tonghop check`: the checks of a consolidation on one workbook, for the
//! ward clerk before sending it. Prints one line per finding and a verdict:
//!
//! ```text
//! Lỗi       Biểu 1!D8   HC02 Hồ sơ thủ tục hành chính đã giải quyết (cột TH) = 1.290 nhưng … = 1.281 …  [sum-mismatch]
//! Kết quả: 1 lỗi, 0 cảnh báo, 0 thông tin. Hãy sửa các lỗi trước khi gửi.
//! ```
//!
//! or, with `--json`, the findings as the JSON of errors.json. No totals
//! and no missing units: there is only one submission; its own missing
//! rows (`indicator-missing`) are said as `consolidate` says them.

use crate::consolidation::load_template;
use crate::diagnostic::{sort_findings, Finding, Lang, Severity, Tally};
use crate::error::{Arg, Fatal, Outcome, Problem};
use crate::ingest::{discover::classify_file, InputFile};
use crate::messages::Said;
use crate::model::{Period, ValueColumn};
use crate::normalize::submission::{read_submission, FileOutcome, ReadContext};
use crate::number::NumberLocale;
use crate::reconcile::checks::{check_single, unit_of};
use crate::template::Template;
use std::path::PathBuf;

/// Check one submission workbook before sending it: sums, relations,
/// percents, rates, signs, units and (in a first quarter) LK = TH.
///
/// Exit status: 0 when no finding is an error, 1 when some is, 2 when the
/// file or the template cannot be used at all.
#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// The workbook to check (.xlsx, .xls, .ods, …).
    pub file: PathBuf,
    /// Reporting period (2020-Q1, …, or a month, 2020-03); the period in
    /// the title when absent.
    #[arg(long, value_parser = super::check_period_arg)]
    pub period: Option<Period>,
    /// Template folder; the built-in template when absent.
    #[arg(long)]
    pub template: Option<PathBuf>,
    /// Language of the messages: vi or en (default: TONGHOP_LANG, else the
    /// machine's language, else vi).
    #[arg(long, value_enum, default_value_t = Lang::from_env(), hide_default_value = true)]
    pub lang: Lang,
    /// How to read numbers that both styles could read differently.
    #[arg(long, value_enum, default_value_t = NumberLocale::Vi)]
    pub locale: NumberLocale,
    /// Print the findings as JSON (the fields of errors.json) instead.
    #[arg(long)]
    pub json: bool,
}

/// What a check produced: the findings, sorted, and what was read.
pub struct CheckReport {
    /// The file checked, as the user named it; a file inside a zip
    /// archive as `ARCHIVE.zip/its name`.
    pub file: String,
    pub findings: Vec<Finding>,
    /// The unit's name in words, or what the title says of a sender the
    /// registry does not know, or the file name: what the messages open
    /// with.
    pub unit_name: String,
    /// The registry knows the sender: the header line names it (else
    /// «đơn vị không rõ»).
    pub unit_known: bool,
    pub period: Option<Period>,
    /// Not read, as `consolidate` would not read it (an Excel lock file,
    /// a document): what it is, in the user's words.
    pub skipped: Option<String>,
    /// Read, but not one figure of the period (TH or LK) in it: the
    /// table's columns are the plan's or last year's only, or empty. No
    /// file to send, whatever its findings say.
    pub no_figures: bool,
    /// Checked without `--period` as the period its title says, while
    /// its file name names this other one: the verdict says both.
    pub name_period: Option<Period>,
}

/// Reads and checks one workbook, or each spreadsheet in a zip archive
/// (one report each, in the archive's order). The file is sorted by its
/// name as `consolidate` sorts the input folder's files
/// ([`crate::ingest::discover::classify_file`]): a lock file or a document is reported
/// skipped, with the same words. Writes nothing.
///
/// # Errors
/// When the file does not exist, or polars fails internally.
pub fn check_file(args: &CheckArgs, template: &Template) -> Result<Vec<CheckReport>, Fatal> {
    let meta = std::fs::metadata(&args.file).map_err(|e| {
        // ELOOP: links pointing at each other, said as `consolidate`
        // says it, in the user's language.
        let problem = match e.raw_os_error() {
            Some(40) => {
                let reason = crate::ingest::discover::LINK_LOOP;
                let (vi, _) = crate::ingest::reasons::reason_words(reason, Lang::Vi);
                Problem::Content(vi, reason.to_string())
            }
            _ => Problem::of_io(e),
        };
        Fatal::input(&args.file, Arg::Workbook, problem)
    })?;
    if !meta.is_file() {
        return Err(Fatal::input(&args.file, Arg::Workbook, Problem::NotAFile));
    }
    let rel = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| args.file.display().to_string());
    let input = InputFile::new(
        args.file.clone(),
        rel.clone(),
        classify_file(&args.file, &rel),
        meta.modified().ok(),
    );
    let inputs = crate::ingest::archive::expand(vec![input], &template.settings.limits);
    inputs
        .iter()
        .map(|input| {
            // The user's path, and a file inside an archive after it.
            let file = match input.member.is_empty() {
                true => args.file.display().to_string(),
                false => format!("{}/{}", args.file.display(), input.member.join("/")),
            };
            check_input(input, file, args, template)
        })
        .collect()
}

/// The path the user gave, folders and all, with forward slashes: the
/// folders it is in may name the unit of a file that cannot be read.
fn folder_path(path: &std::path::Path) -> String {
    path.components()
        .filter_map(|c| match c {
            std::path::Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads and checks one file found by [`check_file`].
fn check_input(
    input: &InputFile,
    file: String,
    args: &CheckArgs,
    template: &Template,
) -> Result<CheckReport, Fatal> {
    let lang = args.lang;
    let rel = input.rel.clone();
    let ctx = ReadContext::new(template, args.locale, lang).for_period(args.period);
    // A panic of the tool's own on the file makes it unreadable.
    let read = crate::ingest::guarded("reading it", || Ok(read_submission(input, &ctx)))
        .unwrap_or_else(|reason| FileOutcome::Rejected {
            file: rel.clone(),
            reason,
        });
    let not_read = |findings, skipped| CheckReport {
        file: file.clone(),
        findings,
        unit_name: rel.clone(),
        unit_known: true,
        period: args.period,
        skipped,
        no_figures: false,
        name_period: None,
    };
    let sub = match read {
        FileOutcome::Read(s) => s,
        FileOutcome::Skipped { reason, .. } => {
            let f = crate::reconcile::intake::skipped_finding_to_sender(&rel, &reason, lang);
            let (what, _) = crate::ingest::reasons::reason_words(&reason, lang);
            return Ok(not_read(vec![f], Some(what)));
        }
        FileOutcome::Rejected { reason, .. } => {
            // The unit its name or folder names, as `consolidate` counts
            // it: the file's name is no unit.
            let named = match input.member.is_empty() {
                true => folder_path(&args.file),
                false => rel.clone(),
            };
            let unit =
                crate::reconcile::intake::unit_of_unreadable(&named, template, &ctx.agencies)
                    .and_then(|u| template.agencies.get(u));
            let mut f = crate::reconcile::intake::unreadable_finding_to_sender(&rel, &reason, lang);
            let unit_name = match unit {
                Some(a) => {
                    f = f.unit(a.code.clone());
                    a.shown().into_owned()
                }
                None => lang.pick("đơn vị không rõ", "unit unknown").to_string(),
            };
            return Ok(CheckReport {
                unit_name,
                ..not_read(vec![f], None)
            });
        }
    };
    let (unit_code, unit_name) = unit_of(template, &sub);
    let stated = sub.period.as_ref().map(|(p, _)| *p);
    let mut findings = Vec::new();
    // The period the figures are checked for: the one asked, unless the
    // file is another period's report (its title or stamp says so and its
    // figure columns' headers do not name the one asked). Then its checks
    // are that period's, as `tonghop check FILE` would run them: a
    // period's checks (a first quarter's LK = TH) are no checks of
    // another's figures, and told per row they buried the one finding
    // that matters. The file is read as for the period asked, as
    // `consolidate` reads it.
    let mut period = args.period.or(stated);
    if let (Some(want), Some((got, cell))) = (args.period, sub.period) {
        if !want.same_report_as(&got) {
            let here = sub.title_location(cell);
            // The figure columns' headers name the period checked: the
            // title is the one to put right.
            let said = match sub.headers_period {
                Some(h) if h.same_report_as(&want) => Said::PeriodCheckedHeaders {
                    unit: &unit_name,
                    stated: got,
                    period: want,
                    cell: &here.cell,
                },
                // A semester's report: no `--period` checks it.
                _ if got.span == crate::model::PeriodSpan::FirstSemester => Said::PeriodSemester {
                    unit: &unit_name,
                    stated: got,
                    period: want,
                },
                _ => Said::PeriodChecked {
                    unit: &unit_name,
                    stated: got,
                    period: want,
                },
            };
            let own_period = !matches!(said, Said::PeriodCheckedHeaders { .. });
            findings.push(
                Finding::said(Severity::Error, &said, lang)
                    .at(&here)
                    .unit(unit_code.clone())
                    .expected(want.to_string())
                    .actual(got.to_string()),
            );
            if own_period {
                period = Some(got);
            }
        }
    }
    // No `--period`: the title's period is checked. A file name naming
    // another one («…-2026-Q3.xlsx» over «Quý II/2026») is a slip in one
    // of the two; the office, running the name's period, would set the
    // figures aside, so the clerk is told which period was checked.
    let mut name_period = None;
    if let (None, Some((got, cell))) = (args.period, sub.period) {
        if let Some(named) = period_in_file_name(&rel).filter(|n| !n.same_report_as(&got)) {
            let here = sub.title_location(cell);
            let said = Said::PeriodTitleAndName {
                unit: &unit_name,
                file: &rel,
                stated: got,
                named,
                cell: &here.cell,
            };
            findings.push(
                Finding::said(Severity::Warning, &said, lang)
                    .at(&here)
                    .unit(unit_code.clone())
                    .expected(named.to_string())
                    .actual(got.to_string()),
            );
            name_period = Some(named);
        }
    }
    findings.extend(check_single(&sub, template, period, lang)?);
    // A sender the registry does not know: `consolidate` keeps the file
    // out of the totals, so it is no file to send as it is.
    findings.extend(crate::reconcile::intake::unknown_sender(
        &sub, template, lang,
    ));
    // A title and a name naming two units: the title's is taken, as
    // `consolidate` takes it when nothing else tells.
    findings.extend(crate::reconcile::intake::sender_conflict(
        &sub, template, lang,
    ));
    // Rows the unit must report and left out: what `consolidate` says of
    // the file, and the clerk can add before sending.
    if let Some(unit) = sub.unit {
        findings.extend(crate::reconcile::intake::indicator_missing(
            &sub, unit, template, lang,
        ));
        // A title naming only one of the unit's former communes: what
        // `consolidate` warns of, said before the file is sent.
        if let Some(a) = template.agencies.get(unit) {
            findings.extend(crate::reconcile::intake::former_only(&sub, a, true, lang));
        }
    }
    sort_findings(&mut findings);
    Ok(CheckReport {
        file,
        findings,
        unit_name,
        unit_known: sub.unit.is_some()
            || sub.unit_source == crate::normalize::submission::UnitSource::OtherTemplate,
        period,
        skipped: None,
        no_figures: !sub
            .rows
            .iter()
            .any(|r| matches!(r.column, ValueColumn::Th | ValueColumn::Lk)),
        name_period,
    })
}

/// The period a file's name names, read as the period's own readers read
/// it: the tail tonghop's forms are named with
/// ([`crate::normalize::stamp::form_file_name`], `…-2026-Q3.xlsx`, read as
/// `--period` reads it), else the words of a title («quy 3-2026»,
/// [`crate::normalize::title::period_in`]). A year alone or a month
/// (a date in the name) is no claim about a quarter's report.
fn period_in_file_name(name: &str) -> Option<Period> {
    let stem = std::path::Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let words: Vec<&str> = stem
        .split(|c: char| c == '-' || c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let coded = words
        .windows(2)
        .rev()
        .filter(|w| w[0].len() == 4 && !w[1].bytes().all(|b| b.is_ascii_digit()))
        .find_map(|w| format!("{}-{}", w[0], w[1]).parse::<Period>().ok());
    coded
        .or_else(|| crate::normalize::title::period_in(&words.join(" ")))
        .filter(|p| !p.is_month() && p.span != crate::model::PeriodSpan::Year)
}

/// One line of the terminal list: severity, `Sheet!Cell` and the message
/// (without the unit's name, which the header line says once). The
/// finding's code is for the office's tools (`--json`, errors.csv), not
/// for the clerk reading the screen.
pub fn terminal_line(f: &Finding, unit_name: &str, lang: Lang) -> String {
    let place = match (f.sheet.is_empty(), f.cell.is_empty()) {
        (false, false) => format!("{}!{}", f.sheet, f.cell),
        (false, true) => f.sheet.clone(),
        _ => f.file.clone(),
    };
    // The clerk reads what the unit is told (the office's own advice,
    // such as a line of the template to change, is not theirs to act on).
    // The office's «hãy kiểm tra lại với đơn vị» is said to the unit
    // itself: check the figure before sending it.
    let message = crate::messages::to_sender(f.unit_message());
    let prefix = format!("{unit_name}: ");
    let text = if unit_name.is_empty() {
        message.as_str()
    } else {
        message.strip_prefix(&prefix).unwrap_or(&message)
    };
    // "Phường 7: the file is …" without its unit starts a sentence.
    let mut chars = text.chars();
    let text: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    format!("{:<9} {place}  {text}", f.severity.label(lang))
}

/// The one-line verdict. `unit_doubt`: a `file-unknown-unit` warning
/// stands (the title names another unit than the file's name, or one
/// the registry does not know): the office would count the figures for
/// the unit it guesses, so the file is not ready to send, errors or not.
///
/// `unread`: a `column-ignored` warning stands (the table's only TH or LK
/// column names another period, «Thực hiện học kỳ I năm học 2026-2027»
/// in a Q4 run): none of that column's figures is consolidated, so the
/// file is not ready to send either, though nothing in it is wrong.
///
/// `blank`: how many rows of indicators the unit reports it left blank
/// (the `indicator-missing` warnings at a row): a half-filled form is not
/// complete, so not ready to send, though nothing in it is wrong (tester
/// ED: 31 of 65 rows blank was «Có thể gửi»).
pub fn verdict(tally: Tally, unit_doubt: bool, unread: bool, blank: usize, lang: Lang) -> String {
    let counts = tally.words(lang);
    let others = format!(
        "{}, {}",
        lang.count(tally.warnings, ("cảnh báo", "warning", "warnings")),
        lang.count(tally.infos, ("thông tin", "info item", "info items"))
    );
    match (lang, tally.errors > 0, tally.warnings > 0) {
        (Lang::Vi, false, true) if unit_doubt => format!(
            "Kết quả: không có lỗi ({others}), nhưng chưa gửi được: hãy sửa tiêu đề (hoặc tên tệp) để cùng chỉ đơn vị gửi báo cáo, như cảnh báo trên, rồi kiểm tra lại."
        ),
        (Lang::En, false, true) if unit_doubt => format!(
            "Result: no errors ({others}), but not ready to send: correct the title (or the file name) so that both name the unit sending the report, as the warning above says, then check again."
        ),
        (Lang::Vi, false, true) if unread => format!(
            "Kết quả: không có lỗi ({others}), nhưng chưa gửi được: số liệu của cột ghi kỳ khác không được tổng hợp; hãy sửa tiêu đề cột cho đúng kỳ báo cáo, như cảnh báo trên, rồi kiểm tra lại."
        ),
        (Lang::En, false, true) if unread => format!(
            "Result: no errors ({others}), but not ready to send: the figures of the column headed for another period are not consolidated; correct its header to the report's period, as the warning above says, then check again."
        ),
        (Lang::Vi, false, true) if blank > 0 => format!(
            "Kết quả: không có lỗi ({others}), nhưng chưa gửi được: biểu chưa đủ, còn {blank} dòng chỉ tiêu để trống; hãy ghi số liệu vào các dòng đó (ghi 0 nếu không phát sinh), như các cảnh báo trên, rồi kiểm tra lại."
        ),
        (Lang::En, false, true) if blank > 0 => format!(
            "Result: no errors ({others}), but not ready to send: the form is not complete, {} left blank; fill in those rows (0 where nothing happened), as the warnings above say, then check again.",
            lang.count(blank, ("", "indicator row", "indicator rows"))
        ),
        (Lang::Vi, true, _) => format!("Kết quả: {counts}. Hãy sửa các lỗi trước khi gửi."),
        (Lang::Vi, false, true) => {
            format!("Kết quả: không có lỗi ({others}). Có thể gửi; hãy xem lại các cảnh báo.")
        }
        (Lang::Vi, false, false) => format!("Kết quả: không có lỗi ({others}). Có thể gửi."),
        (Lang::En, true, _) => format!("Result: {counts}. Correct the errors before sending."),
        (Lang::En, false, true) => {
            format!("Result: no errors ({others}). Ready to send; review the warnings.")
        }
        (Lang::En, false, false) => format!("Result: no errors ({others}). Ready to send."),
    }
}

/// The verdict of a file without errors checked as the period its title
/// says (`checked`) while its name names `named`: not ready to send until
/// the two agree (nor, with errors, once they are corrected).
fn name_verdict(tally: Tally, checked: Period, named: Period, lang: Lang) -> String {
    let others = format!(
        "{}, {}",
        lang.count(tally.warnings, ("cảnh báo", "warning", "warnings")),
        lang.count(tally.infos, ("thông tin", "info item", "info items"))
    );
    let counts = tally.words(lang);
    match (lang, tally.errors > 0) {
        (Lang::Vi, true) => format!(
            "Kết quả: {counts} khi kiểm tra như báo cáo {} theo tiêu đề, nhưng tên tệp ghi {}. Hãy sửa các lỗi, và sửa tiêu đề (hoặc tên tệp) cho cùng một kỳ, trước khi gửi.",
            checked.title_vi(),
            named.title_vi()
        ),
        (Lang::En, true) => format!(
            "Result: {counts} when checked as the report of {}, as its title says, but the file name says {}. Correct the errors, and the title (or the file name) so that both name one period, before sending.",
            checked.title_en(),
            named.title_en()
        ),
        (Lang::Vi, false) => format!(
            "Kết quả: không có lỗi ({others}) khi kiểm tra như báo cáo {} theo tiêu đề, nhưng tên tệp ghi {}: chưa gửi được; hãy sửa tiêu đề (hoặc tên tệp) cho cùng một kỳ, như cảnh báo trên, rồi kiểm tra lại.",
            checked.title_vi(),
            named.title_vi()
        ),
        (Lang::En, false) => format!(
            "Result: no errors ({others}) when checked as the report of {}, as its title says, but the file name says {}: not ready to send; correct the title (or the file name) so that both name one period, as the warning above says, then check again.",
            checked.title_en(),
            named.title_en()
        ),
    }
}

/// Runs the command.
///
/// # Errors
/// Fatal errors only (exit 2): an unreadable template or a missing file.
pub fn run(args: CheckArgs) -> Result<Outcome, Fatal> {
    let template = load_template(args.template.as_deref())?;
    let reports = check_file(&args, &template)?;
    let all: Vec<&Finding> = reports.iter().flat_map(|r| &r.findings).collect();
    let errors = all.iter().filter(|f| f.severity == Severity::Error).count();
    // Exit 0 says the file is ready to send: a file not checked at all (a
    // Word document, nothing else beside it) is not, and exits 1 as a
    // file with errors does.
    // Nor is a file of which no figure of the period was read.
    let unchecked =
        !reports.is_empty() && reports.iter().all(|r| r.skipped.is_some() || r.no_figures);
    let errors = errors + usize::from(unchecked);
    if args.json {
        let all: Vec<Finding> = all.into_iter().cloned().collect();
        let all = crate::report::errors::for_the_record(&all, args.lang);
        let json = serde_json::to_string_pretty(&*all).map_err(|e| Fatal::Other(e.to_string()))?;
        println!("{json}");
        return Ok(Outcome::from_errors(errors));
    }
    let lang = args.lang;
    // A zip archive: what it holds, then each file as a file of its own.
    let inside: Vec<&str> = reports
        .iter()
        .filter_map(|r| r.file.strip_prefix(&format!("{}/", args.file.display())))
        .collect();
    if !inside.is_empty() {
        let n = inside.len();
        let list = inside.join(", ");
        let mail = args
            .file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("eml"));
        match (lang, mail) {
            (Lang::Vi, false) => {
                println!("{} — tệp nén zip chứa {n} tệp: {list}", args.file.display())
            }
            (Lang::Vi, true) => println!(
                "{} — thư điện tử có {n} tệp đính kèm: {list}",
                args.file.display()
            ),
            (Lang::En, false) => println!(
                "{} — zip archive holding {}: {list}",
                args.file.display(),
                lang.count(n, ("file", "file", "files"))
            ),
            (Lang::En, true) => println!(
                "{} — e-mail with {}: {list}",
                args.file.display(),
                lang.count(n, ("", "attachment", "attachments"))
            ),
        }
    }
    for report in &reports {
        // A file that is no workbook (a Word document): said so, not its
        // own name in the sender's place with "kỳ không rõ".
        if report.skipped.is_some() {
            println!(
                "{} — {}",
                report.file,
                lang.pick(
                    "không phải bảng tính, không kiểm tra được",
                    "not a workbook, cannot be checked"
                )
            );
        } else {
            let period = report
                .period
                .map(|p| p.title(lang))
                .unwrap_or_else(|| lang.pick("kỳ không rõ", "period unknown").to_string());
            let unit = match report.unit_known {
                true => report.unit_name.as_str(),
                false => lang.pick("đơn vị không rõ", "unit unknown"),
            };
            println!("{} — {unit} — {period}", report.file);
        }
        for f in &report.findings {
            println!("{}", terminal_line(f, &report.unit_name, lang));
        }
        match &report.skipped {
            Some(what) => println!(
                "{}",
                match lang {
                    Lang::Vi => format!("Kết quả: tệp không được kiểm tra ({what})."),
                    Lang::En => format!("Result: the file was not checked ({what})."),
                }
            ),
            // Another office's form: nothing of it was checked; the one
            // finding says with which template to check it.
            None if report.findings.iter().any(|f| {
                f.code == crate::diagnostic::Code::TemplateOutdated && f.severity == Severity::Error
            }) =>
            {
                println!(
                    "{}",
                    lang.pick(
                        "Kết quả: tệp chưa được kiểm tra (biểu mẫu của mẫu biểu khác). Hãy kiểm tra bằng mẫu biểu của cơ quan đã tạo biểu, như trên.",
                        "Result: the file was not checked (a form of another template). Check it with the template of the office that made the form, as above."
                    )
                );
            }
            // Not one figure of the period read (the plan's or last
            // year's column only, or none filled in): nothing to send yet,
            // even when nothing was found wrong.
            None if report.no_figures && Tally::of(&report.findings).errors == 0 => {
                println!(
                    "{}",
                    lang.pick(
                        "Kết quả: chưa gửi được: không đọc được số liệu nào của kỳ báo cáo (cột thực hiện hoặc lũy kế) trong tệp. Hãy ghi số liệu thực hiện, lũy kế của kỳ vào biểu (tiêu đề cột như «Thực hiện», «Lũy kế») rồi kiểm tra lại.",
                        "Result: not ready to send: no figure of the period (the done or cumulative column) was read from the file. Fill in the period's done and cumulative figures (columns titled such as «Thực hiện», «Lũy kế») and check again."
                    )
                );
            }
            None => {
                let unit_doubt = report.findings.iter().any(|f| {
                    f.code == crate::diagnostic::Code::FileUnknownUnit
                        && f.severity == Severity::Warning
                });
                let unread = report.findings.iter().any(|f| {
                    f.code == crate::diagnostic::Code::ColumnIgnored
                        && f.severity == Severity::Warning
                });
                // Rows left blank, each told at its row (the list of
                // rows absent altogether is one finding without one).
                let blank = report
                    .findings
                    .iter()
                    .filter(|f| {
                        f.code == crate::diagnostic::Code::IndicatorMissing
                            && f.severity == Severity::Warning
                            && !f.cell.is_empty()
                            && !f.indicator.is_empty()
                    })
                    .count();
                let tally = Tally::of(&report.findings);
                match (report.name_period, report.period) {
                    // The title's period checked, the name's another:
                    // the office, running the name's, would not count it.
                    (Some(named), Some(checked)) => {
                        println!("{}", name_verdict(tally, checked, named, lang))
                    }
                    _ => println!("{}", verdict(tally, unit_doubt, unread, blank, lang)),
                }
            }
        }
    }
    Ok(Outcome::from_errors(errors))
}
