//! The bare read in Rust, as a bound for `bench/run.sh`: calamine opens
//! every `.xlsx` under a folder and reads every cell of every sheet
//! (values with their style ids, as tonghop asks calamine), summing the
//! numbers, on as many threads as tonghop reads with. No header search,
//! matching, checks or outputs: what is left of tonghop's time above this
//! is tonghop's own.
//!
//! usage: cargo run --release --example calamine_read_all -- DIR [--merges]
//!
//! With `--merges`, each sheet's merged ranges are asked of calamine too
//! (`merge_cells_by_sheet_name`, a second pass over the sheet's part),
//! which is what tonghop's own merge read replaces.

use calamine::{open_workbook, Data, Reader, Xlsx};
use rayon::prelude::*;
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .expect("usage: calamine_read_all DIR [--merges]"),
    );
    let merges = args.next().as_deref() == Some("--merges");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
        })
        .collect();
    files.sort();
    let (numbers, total, merged) = files
        .par_iter()
        .map(|path| {
            let Ok(mut wb) = open_workbook::<Xlsx<_>, _>(path) else {
                return (0usize, 0.0f64, 0usize);
            };
            let (mut n, mut sum, mut m) = (0, 0.0, 0);
            for name in wb.sheet_names() {
                let Ok(mut cells) = wb.worksheet_cells_reader(&name) else {
                    continue;
                };
                // Each cell owned, as a reader that keeps the sheet holds
                // it (python-calamine's `to_python()` makes every cell a
                // Python object).
                while let Ok(Some((cell, _style))) = cells.next_cell_with_style_id() {
                    match Data::from(cell.get_value().clone()) {
                        Data::Float(f) => {
                            n += 1;
                            sum += f;
                        }
                        Data::Int(i) => {
                            n += 1;
                            sum += i as f64;
                        }
                        _ => {}
                    }
                }
                drop(cells);
                if merges {
                    m += wb.merge_cells_by_sheet_name(&name).map_or(0, |v| v.len());
                }
            }
            (n, sum, m)
        })
        .reduce(|| (0, 0.0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
    println!(
        "{} workbooks, {numbers} numbers, sum {total:.6e}, {merged} merged ranges",
        files.len()
    );
}
