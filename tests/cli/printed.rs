//! The outputs as a clerk gets them from a spreadsheet program: every
//! workbook of the sample runs opened in LibreOffice, recalculated and
//! printed to PDF (see `office.rs`).

use crate::common::{repo, tonghop};
use crate::office;

/// Consolidates the shipped sample district into `out`.
fn sample_run(out: &std::path::Path) {
    let status = tonghop()
        .arg("consolidate")
        .arg(repo().join("samples/2020-Q1"))
        .args(["--period", "2020-Q1", "--out"])
        .arg(out)
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(1));
}

/// Every formula of tong-hop.xlsx computes in LibreOffice to the value
/// the tool cached with it.
#[test]
fn every_formula_recalculates_to_its_cached_value() {
    if office::skip() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    sample_run(&out);
    let diff =
        office::recalculation_differences(&out.join("tong-hop.xlsx"), &tmp.path().join("lo"));
    assert!(diff.is_empty(), "{diff:#?}");
}
