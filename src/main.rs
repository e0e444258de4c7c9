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

/// A command-line mistake in Vietnamese: what was wrong, with the
/// argument and value clap names.
fn in_vietnamese(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let ctx = |k: ContextKind| -> String {
        match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(", "),
            _ => String::new(),
        }
    };
    // "--period <PERIOD>": the option as typed, without clap's placeholder.
    let arg = ctx(ContextKind::InvalidArg)
        .split(", ")
        .map(|a| a.split(' ').next().unwrap_or(a))
        .collect::<Vec<_>>()
        .join(", ");
    let value = ctx(ContextKind::InvalidValue);
    let said = match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation if arg.starts_with("--period") => {
            format!("«{value}» không phải là kỳ báo cáo: hãy ghi 2020-Q1 (quý I), 2020-H1 (6 tháng), 2020-9M (9 tháng) hoặc 2020 (cả năm)")
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = ctx(ContextKind::ValidValue);
            if valid.is_empty() {
                format!("giá trị «{value}» không hợp lệ cho {arg}")
            } else {
                format!("giá trị «{value}» không hợp lệ cho {arg}; các giá trị được dùng: {valid}")
            }
        }
        ErrorKind::MissingRequiredArgument => format!("thiếu tham số bắt buộc: {arg}"),
        ErrorKind::UnknownArgument => format!("không có tùy chọn «{arg}»"),
        ErrorKind::InvalidSubcommand => format!(
            "không có lệnh «{}»; các lệnh: consolidate, annex, check, check-text, template, samples, codes",
            ctx(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingSubcommand => {
            "hãy chọn một lệnh: consolidate, annex, check, check-text, template, samples, codes".into()
        }
        ErrorKind::ArgumentConflict => format!("không dùng được cùng lúc: {arg}"),
        ErrorKind::TooManyValues => format!("thừa giá trị «{value}» cho {arg}"),
        _ => e.render().to_string().trim().to_string(),
    };
    // clap's "did you mean": an option or a command of that spelling.
    let tip = match (
        ctx(ContextKind::SuggestedArg),
        ctx(ContextKind::SuggestedSubcommand),
    ) {
        (a, _) if !a.is_empty() => format!("\n  gợi ý: có tùy chọn gần giống: «{a}»"),
        (_, c) if !c.is_empty() => format!("\n  gợi ý: có lệnh gần giống: «{c}»"),
        _ => String::new(),
    };
    let usage = match e.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(u)) => {
            let u = u.to_string();
            let u = u.trim().trim_start_matches("Usage:").trim();
            format!("\n  cách dùng: {u}")
        }
        _ => String::new(),
    };
    format!("{said}{tip}{usage}")
}

/// A command-line mistake in English: clap's words (the mistake, its tip,
/// the usage), with the same line on what to do as in Vietnamese in place
/// of clap's "For more information, try '--help'.".
fn in_english(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let lines: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("For more information"))
        .map(
            |l| match (l.strip_prefix("error: "), l.strip_prefix("Usage: ")) {
                (Some(said), _) => format!("tonghop: {said}"),
                (_, Some(usage)) => format!("  usage: {usage}"),
                _ => l.to_string(),
            },
        )
        .collect();
    lines.join("\n")
}

/// The arguments as typed, save a `--lang` written after `help` (`tonghop
/// help consolidate --lang en`), which clap's help command would take for
/// a command's name: [`asked_lang`] has read it.
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
            _ if a.starts_with("--lang=") => {}
            _ => kept.push(a),
        }
    }
    kept
}

/// The command line parsed, its help in the language asked for.
fn parse() -> Result<Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let cmd = Cli::command();
    let cmd = match asked_lang() {
        tonghop::diagnostic::Lang::Vi => tonghop::commands::help_vi::localize(cmd),
        tonghop::diagnostic::Lang::En => cmd,
    };
    Cli::from_arg_matches(&cmd.try_get_matches_from(arguments())?)
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
            match lang {
                tonghop::diagnostic::Lang::Vi => eprintln!("tonghop: {}", in_vietnamese(&e)),
                tonghop::diagnostic::Lang::En => eprintln!("{}", in_english(&e)),
            }
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
