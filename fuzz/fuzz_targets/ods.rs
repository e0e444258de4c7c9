//! Fuzz target: bytes seeded from an OpenDocument spreadsheet (zip with
//! content.xml), written as `s.ods` and read as `tonghop check` reads
//! it (see `fuzz/src/lib.rs`). The file is judged by its content, so a
//! mutation into another format is read as that format, as in a real run.
//!
//! `cargo +nightly fuzz run --dev -s none ods -- -max_total_time=600`
//! (README, "Fuzzing"; seeds from `fuzz/seeds.sh`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tonghop_fuzz::check_bytes("ods", data));
