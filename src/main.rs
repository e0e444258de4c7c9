//! The `tonghop` command line: parses arguments, calls the library, maps the
//! outcome to an exit status (0 clean, 1 errors found, 2 could not proceed).

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Consolidate and check the quarterly Excel submissions of wards and
/// departments (tổng hợp số liệu).
#[derive(Parser, Debug)]
#[command(name = "tonghop", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of messages and help: vi or en (default: TONGHOP_LANG, else
    /// the machine's language, else vi); before the command as after it.
    // Read through each command's own `--lang`, which clap fills from this
    // one when it is written before the command (`tonghop --lang en
    // consolidate …`); written after, the command's own wins.
    #[allow(dead_code)]
    #[arg(long, value_enum, global = true)]
    lang: Option<tonghop::diagnostic::Lang>,
}

#[derive(Subcommand, Debug)]
enum Command {
    Consolidate(tonghop::commands::consolidate::ConsolidateArgs),
    Annex(tonghop::commands::annex::AnnexArgs),
    Check(tonghop::commands::check::CheckArgs),
    #[command(name = "check-text")]
    CheckText(tonghop::commands::check_text::CheckTextArgs),
    Samples(tonghop::commands::samples::SamplesArgs),
    Codes(tonghop::commands::codes::CodesArgs),
    Template(tonghop::commands::template::TemplateArgs),
}

/// Restores the default handling of SIGPIPE, which Rust's runtime sets to
/// "ignore": a reader that stops early (`tonghop check F | head -3`) then
/// ends the process quietly, as it does any Unix tool, instead of every
/// `println!` after it panicking on a broken pipe.
#[cfg(unix)]
fn quiet_on_closed_pipe() {
    // SAFETY: called first thing in main, before any other thread exists;
    // SIG_DFL is a valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn quiet_on_closed_pipe() {}

/// The language the command line asks for (`--lang en`, `--lang=en`; the
/// last one written, as the command's own outranks one before the
/// command), else the environment's: for words said before the arguments
/// parse.
fn asked_lang() -> tonghop::diagnostic::Lang {
    use tonghop::diagnostic::Lang;
    let args: Vec<String> = std::env::args().collect();
    let value = args
        .iter()
        .enumerate()
        .filter_map(|(k, a)| match a.as_str() {
            "--lang" => args.get(k + 1).map(String::as_str),
            _ => a.strip_prefix("--lang="),
        })
        .next_back();
    match value {
        Some("en") => Lang::En,
        Some("vi") => Lang::Vi,
        _ => Lang::from_env(),
    }
}

/// A command-line mistake in the language asked for, said alike in both:
/// what was wrong, with the argument and value clap names, an option or
/// command of a near spelling, and the usage line the command's help
/// prints (for a mistaken value too, which clap gives none).
fn mistake(e: &clap::Error, lang: tonghop::diagnostic::Lang, cmd: &mut clap::Command) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let ctx = |k: ContextKind| -> String {
        match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(", "),
            _ => String::new(),
        }
    };
    let pick = |vi: String, en: String| lang.pick(&vi, &en).to_string();
    // "--period <PERIOD>": the option as typed, without clap's placeholder.
    let arg = ctx(ContextKind::InvalidArg)
        .split(", ")
        .map(|a| a.split(' ').next().unwrap_or(a))
        .collect::<Vec<_>>()
        .join(", ");
    let value = ctx(ContextKind::InvalidValue);
    let commands = "consolidate, annex, check, check-text, template, samples, codes";
    let said = match e.kind() {
        // A month is a period `check` takes, not one this command does:
        // say how to check a month's report instead.
        ErrorKind::InvalidValue | ErrorKind::ValueValidation if arg.starts_with("--period") => {
            match tonghop::commands::check_period_arg(&value).ok().filter(|p| p.is_month()) {
                Some(p) => {
                    let cmd = arguments()
                        .into_iter()
                        .skip(1)
                        .find(|a| commands.split(", ").any(|c| c == a))
                        .unwrap_or_else(|| "annex".into());
                    pick(
                        format!("«{value}» là một tháng ({}): lệnh {cmd} nhận quý, 6 tháng, 9 tháng hoặc cả năm (2020-Q1, 2020-H1, 2020-9M, 2020); báo cáo tháng được tổng hợp bằng tonghop consolidate THƯ_MỤC --period {p}. Để kiểm tra báo cáo tháng của từng đơn vị: tonghop check --period {p} TỆP", p.title_vi()),
                        format!("«{value}» is a month ({}): {cmd} takes a quarter, six or nine months or a year (2020-Q1, 2020-H1, 2020-9M, 2020); months are consolidated by tonghop consolidate DIR --period {p}. To check a unit's monthly report: tonghop check --period {p} FILE", p.title_en()),
                    )
                }
                None => pick(
                    format!("«{value}» không phải là kỳ báo cáo: hãy ghi 2020-Q1 (quý I), 2020-H1 (6 tháng), 2020-9M (9 tháng) hoặc 2020 (cả năm)"),
                    format!("«{value}» is not a period: write 2020-Q1 (first quarter), 2020-H1 (six months), 2020-9M (nine months) or 2020 (the year)"),
                ),
            }
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = ctx(ContextKind::ValidValue);
            if valid.is_empty() {
                pick(
                    format!("giá trị «{value}» không hợp lệ cho {arg}"),
                    format!("«{value}» is not a valid value for {arg}"),
                )
            } else {
                pick(
                    format!("giá trị «{value}» không hợp lệ cho {arg}; các giá trị được dùng: {valid}"),
                    format!("«{value}» is not a valid value for {arg}; the values it takes: {valid}"),
                )
            }
        }
        ErrorKind::MissingRequiredArgument => pick(
            format!("thiếu tham số bắt buộc: {arg}"),
            format!("a required argument is missing: {arg}"),
        ),
        ErrorKind::UnknownArgument => pick(
            format!("không có tùy chọn «{arg}»"),
            format!("there is no option «{arg}»"),
        ),
        ErrorKind::InvalidSubcommand => {
            let typed = ctx(ContextKind::InvalidSubcommand);
            pick(
                format!("không có lệnh «{typed}»; các lệnh: {commands}"),
                format!("there is no command «{typed}»; the commands: {commands}"),
            )
        }
        ErrorKind::MissingSubcommand => pick(
            format!("hãy chọn một lệnh: {commands}"),
            format!("choose a command: {commands}"),
        ),
        ErrorKind::ArgumentConflict => pick(
            format!("không dùng được cùng lúc: {arg}"),
            format!("cannot be used together: {arg}"),
        ),
        ErrorKind::TooManyValues => pick(
            format!("thừa giá trị «{value}» cho {arg}"),
            format!("one value too many for {arg}: «{value}»"),
        ),
        _ => e
            .render()
            .to_string()
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or_default()
            .trim_start_matches("error: ")
            .to_string(),
    };
    // clap's "did you mean": an option or a command of that spelling.
    let tip = match (
        ctx(ContextKind::SuggestedArg),
        ctx(ContextKind::SuggestedSubcommand),
    ) {
        (a, _) if !a.is_empty() => pick(
            format!("\n  gợi ý: có tùy chọn gần giống: «{a}»"),
            format!("\n  tip: an option of a near spelling: «{a}»"),
        ),
        (_, c) if !c.is_empty() => pick(
            format!("\n  gợi ý: có lệnh gần giống: «{c}»"),
            format!("\n  tip: a command of a near spelling: «{c}»"),
        ),
        _ => String::new(),
    };
    // The usage line of the command typed (the tool's when none is).
    let usage = match e.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(u)) => {
            let u = u.to_string();
            let u = u.trim().trim_start_matches("Usage:").trim();
            u.trim_start_matches("Cách dùng:").trim().to_string()
        }
        _ => {
            let args: Vec<String> = std::env::args().skip(1).collect();
            let typed = args
                .iter()
                .find(|a| cmd.find_subcommand(a.as_str()).is_some())
                .cloned();
            tonghop::commands::help_vi::usage_of(cmd, typed.as_deref())
        }
    };
    let label = lang.pick("cách dùng", "usage");
    format!("tonghop: {said}{tip}\n  {label}: {usage}")
}

/// The `tonghop` command with its help in `lang` and every usage line as
/// its help prints it.
fn command(lang: tonghop::diagnostic::Lang) -> clap::Command {
    use clap::CommandFactory;
    match lang {
        tonghop::diagnostic::Lang::Vi => tonghop::commands::help_vi::localize(Cli::command()),
        tonghop::diagnostic::Lang::En => {
            tonghop::commands::help_vi::fixed_usage(Cli::command(), "[OPTIONS]")
        }
    }
}

/// The arguments as typed, save a `--lang` written after `help` (`tonghop
/// help consolidate --lang en`), which clap's help command would take for
/// a command's name: [`asked_lang`] has read it; and save a `--help` after
/// `help`, which clap would take for a command named «--help».
fn arguments() -> Vec<String> {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) != Some("help") {
        return args;
    }
    let mut kept = Vec::with_capacity(args.len());
    let mut skip = false;
    for a in args {
        if std::mem::take(&mut skip) {
            continue;
        }
        match a.as_str() {
            "--lang" => skip = true,
            // `tonghop help --help` asks for help on help: the list of
            // commands, as `tonghop help` gives it.
            "--help" | "-h" => {}
            _ if a.starts_with("--lang=") => {}
            _ => kept.push(a),
        }
    }
    kept
}

/// The command line parsed, its help in the language asked for.
fn parse() -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    Cli::from_arg_matches(&command(asked_lang()).try_get_matches_from(arguments())?)
}

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = match parse() {
        Ok(cli) => cli,
        // No command at all: the help itself, already in the language
        // asked for.
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        Err(e) if e.use_stderr() => {
            let lang = asked_lang();
            eprintln!("{}", mistake(&e, lang, &mut command(lang)));
            eprintln!(
                "  {}",
                lang.pick(
                    "cách xử lý: xem cách dùng với «tonghop --help» hoặc «tonghop <lệnh> --help».",
                    "help: see the usage with «tonghop --help» or «tonghop <command> --help»."
                )
            );
            return ExitCode::from(2);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let lang = match &cli.command {
        Command::Consolidate(a) => a.lang,
        Command::Annex(a) => a.lang,
        Command::Check(a) => a.lang,
        Command::CheckText(a) => a.lang,
        Command::Codes(a) => a.lang,
        Command::Template(a) => a.lang,
        Command::Samples(a) => a.lang,
    };
    let result = match cli.command {
        Command::Consolidate(a) => tonghop::commands::consolidate::run(a),
        Command::Annex(a) => tonghop::commands::annex::run(a),
        Command::Check(a) => tonghop::commands::check::run(a),
        Command::CheckText(a) => tonghop::commands::check_text::run(a),
        Command::Samples(a) => tonghop::commands::samples::run(a),
        Command::Codes(a) => tonghop::commands::codes::run(a),
        Command::Template(a) => tonghop::commands::template::run(a),
    };
    match result {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(e) => {
            eprintln!("tonghop: {}", e.message(lang));
            let label = lang.pick("cách xử lý", "help");
            eprintln!("  {label}: {}", e.help(lang));
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
        let vi = tonghop::commands::help_vi::localize(Cli::command());
        vi.clone().debug_assert();
        let wrong = tonghop::commands::help_vi::missing_words(&Cli::command());
        assert!(wrong.is_empty(), "{wrong:?}");
    }
}
