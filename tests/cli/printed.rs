//! The outputs as a clerk gets them from a spreadsheet program: every
//! workbook of the sample runs opened in LibreOffice, recalculated and
//! printed to PDF (see `office.rs`).

use crate::common::consolidate_samples;
use crate::office;

/// Every formula of tong-hop.xlsx computes in LibreOffice to the value
/// the tool cached with it.
#[test]
fn every_formula_recalculates_to_its_cached_value() {
    if office::skip() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    consolidate_samples(&out);
    let diff =
        office::recalculation_differences(&out.join("tong-hop.xlsx"), &tmp.path().join("lo"));
    assert!(diff.is_empty(), "{diff:#?}");
}
