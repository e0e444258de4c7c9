//! Fuzz target: arbitrary bytes through the whole reading path, once under
//! each name a submission may carry. Opening must return a workbook or a
//! reason; reading its sheets must return grids or reasons. A crash, an
//! abort, a leak past libFuzzer's `-rss_limit_mb` or a timeout is a bug
//! (in our pre-checks, or a calamine hazard they do not yet cover).
//!
//! Run (nightly): `cargo +nightly fuzz run ingest -- -max_total_time=600`
//! from the repository root; seeds: `fuzz/corpus/ingest/` (copy a few small
//! files from tests/fixtures and ../shared/corpus/real-world there).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tonghop::ingest::OpenWorkbook;
use tonghop::template::Limits;

const NAMES: [&str; 6] = ["s.xlsx", "s.xls", "s.ods", "s.xlsb", "s.csv", "s.html"];

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else { return };
    // A tighter cell limit than the default keeps each run fast; the
    // bounds are what is being tested, not their value.
    let limits = Limits {
        max_cells: 200_000,
        ..Limits::default()
    };
    // The first byte picks the name, so every input is also tried where
    // its content and its extension disagree.
    let name = NAMES[data.first().map_or(0, |b| *b as usize % NAMES.len())];
    let path = dir.path().join(name);
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let Ok(mut wb) = OpenWorkbook::open(&path, &limits) else {
        return;
    };
    for sheet in wb.sheet_names() {
        if let Ok(grid) = wb.sheet(&sheet) {
            for r in grid.rows().take(50) {
                let _ = grid.row_texts(r);
            }
        }
        let _ = wb.formulas(&sheet);
    }
});
