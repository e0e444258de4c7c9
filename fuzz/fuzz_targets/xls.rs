//! Fuzz target: bytes seeded from an Excel 97-2003 workbook (OLE compound
//! file, BIFF records), written as `s.xls` and read as `tonghop check`
//! reads it (see `fuzz/src/lib.rs`). The file is judged by its content,
//! so a mutation into another format is read as that format, as in a
//! real run.
//!
//! `cargo +nightly fuzz run --dev -s none xls -- -max_total_time=600`
//! (README, "Fuzzing"; seeds from `fuzz/seeds.sh`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tonghop_fuzz::check_bytes("xls", data));
