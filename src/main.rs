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

/// The language the command line asks for (`--lang en`, `--lang=en`),
/// else the environment's: for words said before the arguments parse.
fn asked_lang() -> tonghop::diagnostic::Lang {
    use tonghop::diagnostic::Lang;
    let args: Vec<String> = std::env::args().collect();
    let value = args.iter().enumerate().find_map(|(k, a)| match a.as_str() {
        "--lang" => args.get(k + 1).map(String::as_str),
        _ => a.strip_prefix("--lang="),
    });
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
    match e.kind() {
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
    }
}

/// The command line parsed, its help in the language asked for.
fn parse() -> Result<Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let cmd = Cli::command();
    let cmd = match asked_lang() {
        tonghop::diagnostic::Lang::Vi => tonghop::commands::help_vi::localize(cmd),
        tonghop::diagnostic::Lang::En => cmd,
    };
    Cli::from_arg_matches(&cmd.try_get_matches()?)
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
        Err(e) if e.use_stderr() && asked_lang() == tonghop::diagnostic::Lang::Vi => {
            eprintln!("tonghop: {}", in_vietnamese(&e));
            eprintln!(
                "  cách xử lý: xem cách dùng với «tonghop --help» hoặc «tonghop <lệnh> --help»."
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
