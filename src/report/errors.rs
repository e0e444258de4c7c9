//! The error list as files: `errors.csv` (UTF-8 with BOM, so that Excel
//! opens it right) and `errors.json`. Both carry exactly the fields of
//! [`Finding`], in the same order, sorted the same way.

use crate::diagnostic::Finding;
use crate::error::Fatal;
use crate::report::atomic::write_atomic;
use std::path::Path;

/// The columns of the error list, in order.
pub const FIELDS: [&str; 11] = [
    "severity",
    "code",
    "unit",
    "file",
    "sheet",
    "cell",
    "indicator",
    "column",
    "expected",
    "actual",
    "message",
];

/// Text that a spreadsheet would run as a formula (`= + - @`, and the tab
/// and carriage return tricks) is prefixed with an apostrophe-free single
/// quote so that it stays text. Numbers like `-0,73` are left alone.
pub fn defuse(value: &str) -> String {
    let starts_risky = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if starts_risky && crate::number::parse_number(value, Default::default()).is_none() {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// The error list as CSV text (with BOM).
pub fn to_csv(findings: &[Finding]) -> Result<Vec<u8>, Fatal> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(FIELDS)
            .map_err(|e| Fatal::Other(e.to_string()))?;
        for f in findings {
            let record = [
                f.severity.as_str().to_string(),
                f.code.as_str().to_string(),
                defuse(&f.unit),
                defuse(&f.file),
                defuse(&f.sheet),
                defuse(&f.cell),
                defuse(&f.indicator),
                defuse(&f.column),
                defuse(&f.expected),
                defuse(&f.actual),
                defuse(&f.message),
            ];
            w.write_record(&record)
                .map_err(|e| Fatal::Other(e.to_string()))?;
        }
        w.flush().map_err(|e| Fatal::Other(e.to_string()))?;
    }
    Ok(out)
}

/// Writes `errors.csv` and `errors.json` into `out_dir`.
///
/// # Errors
/// When a file cannot be written (fatal: exit 2).
pub fn write_error_lists(out_dir: &Path, findings: &[Finding]) -> Result<(), Fatal> {
    let csv = to_csv(findings)?;
    write_atomic(&out_dir.join(crate::outputs::ERRORS_CSV), &csv)?;
    let json = serde_json::to_vec_pretty(findings).map_err(|e| Fatal::Other(e.to_string()))?;
    write_atomic(&out_dir.join(crate::outputs::ERRORS_JSON), &json)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Finding};

    #[test]
    fn formulas_are_defused_but_negative_numbers_are_not() {
        assert_eq!(defuse("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(defuse("@cmd"), "'@cmd");
        assert_eq!(defuse("-0,73"), "-0,73");
        assert_eq!(defuse("- đang cách ly"), "'- đang cách ly");
        assert_eq!(defuse("Phường 5"), "Phường 5");
    }

    #[test]
    fn csv_has_bom_and_header() {
        let f = Finding::error(Code::ValueInvalid, "=1+1");
        let bytes = to_csv(&[f]).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("\u{feff}severity,code,unit,file"));
        assert!(text.contains("'=1+1"));
    }
}
