//! Fuzz target: bytes seeded from a web page with a table (the 'Excel'
//! files that are HTML), written as `s.html` and read as `tonghop check`
//! reads it (see `fuzz/src/lib.rs`). The file is judged by its content,
//! so a mutation into another format is read as that format, as in a
//! real run.
//!
//! `cargo +nightly fuzz run --dev -s none html -- -max_total_time=600`
//! (README, "Fuzzing"; seeds from `fuzz/seeds.sh`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tonghop_fuzz::check_bytes("html", data));
