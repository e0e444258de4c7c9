//! One file per subcommand. Each defines its clap arguments (whose doc
//! comment is the subcommand's `--help`) and a `run` function.

pub mod annex;
pub mod check;
pub mod check_text;
pub mod codes;
pub mod consolidate;
pub mod samples;
pub mod template;
