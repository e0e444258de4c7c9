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
    Template(tonghop::commands::template::TemplateArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Consolidate(a) => tonghop::commands::consolidate::run(a),
        Command::Annex(a) => tonghop::commands::annex::run(a),
        Command::Check(a) => tonghop::commands::check::run(a),
        Command::CheckText(a) => tonghop::commands::check_text::run(a),
        Command::Samples(a) => tonghop::commands::samples::run(a),
        Command::Template(a) => tonghop::commands::template::run(a),
    };
    match result {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(e) => {
            eprintln!("tonghop: {e}");
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
    }
}
