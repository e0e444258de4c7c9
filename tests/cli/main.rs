//! Integration tests: the real `tonghop` binary on real files in a temp
//! folder. One test binary; one module per subcommand.

mod common;
mod samples;
