//! One file per subcommand. Each defines its clap arguments (whose doc
//! comment is the subcommand's `--help`) and a `run` function.

pub mod samples;
