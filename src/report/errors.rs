//! The error list as files: `errors.csv` (UTF-8 with BOM, so that Excel
//! opens it right) and `errors.json`. Both carry exactly the fields of
//! [`Finding`], in the same order, sorted the same way.

use crate::diagnostic::{Code, Finding, Lang};
use crate::error::Fatal;
use crate::report::atomic::write_atomic;
use std::borrow::Cow;
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

/// Figures written English style, alone or in a relation between
/// figures (`27,858`, `-5.23`, `≈ 1,290.5`, `46.96%`, `1,290 ≠ 1,270`,
/// `410 = 35 + 290 + 81`), in the Vietnamese number format the error
/// lists document (`27.858`, `-5,23`, `1.290 ≠ 1.270`); `None` for any
/// other text. A figure's integer part is grouped by threes, as
/// `format_en` writes it, so that a version (`2019.1`) or a date is not
/// taken for one.
fn figure_in_vi(value: &str) -> Option<String> {
    const SIGNS: [&str; 12] = ["=", "≠", "+", "-", "−", "×", "/", "<", ">", "≤", "≥", "≈"];
    let mut changed = false;
    let mut out = Vec::new();
    for token in value.split(' ') {
        if SIGNS.contains(&token) {
            out.push(token.to_string());
        } else if let Some(vi) = one_figure_in_vi(token) {
            changed |= vi != token;
            out.push(vi);
        } else {
            return None;
        }
    }
    changed.then(|| out.join(" "))
}

/// One figure of [`figure_in_vi`]: `1,290.5` → `1.290,5`; a whole number
/// of three digits or fewer is itself.
fn one_figure_in_vi(rest: &str) -> Option<String> {
    let body = rest.strip_prefix('-').unwrap_or(rest);
    let body = body.strip_suffix('%').unwrap_or(body);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let mut groups = int.split(',');
    let first = groups.next()?;
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let grouped = digits(first)
        && first.len() <= 3
        && groups.all(|g| g.len() == 3 && digits(g))
        && frac.is_none_or(digits);
    if !grouped {
        return None;
    }
    Some(
        rest.chars()
            .map(|c| match c {
                ',' => '.',
                '.' => ',',
                c => c,
            })
            .collect(),
    )
}

/// The findings as the error lists write them: `expected` and `actual`
/// hold figures in the Vietnamese number format whatever `--lang` the
/// messages were written in (an English run wrote `27,858` where a
/// Vietnamese one wrote `27.858`: one field, two meanings). The messages
/// keep the reader's language and format. A template version is not a
/// figure.
pub fn for_the_record(findings: &[Finding], lang: Lang) -> Cow<'_, [Finding]> {
    if lang == Lang::Vi {
        return Cow::Borrowed(findings);
    }
    Cow::Owned(
        findings
            .iter()
            .map(|f| {
                let mut f = f.clone();
                if f.code != Code::TemplateOutdated {
                    for field in [&mut f.expected, &mut f.actual] {
                        if let Some(vi) = figure_in_vi(field) {
                            *field = vi;
                        }
                    }
                }
                f
            })
            .collect(),
    )
}

/// Writes `errors.csv` and `errors.json` into `out_dir`, their figures in
/// the Vietnamese number format (see [`for_the_record`]).
///
/// # Errors
/// When a file cannot be written (fatal: exit 2).
pub fn write_error_lists(out_dir: &Path, findings: &[Finding], lang: Lang) -> Result<(), Fatal> {
    let findings = for_the_record(findings, lang);
    let csv = to_csv(&findings)?;
    write_atomic(&out_dir.join(crate::outputs::ERRORS_CSV), &csv)?;
    let json = serde_json::to_vec_pretty(&*findings).map_err(|e| Fatal::Other(e.to_string()))?;
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

    /// An English run wrote `expected` `27,858` where a Vietnamese one
    /// wrote `27.858`: the error lists keep one format.
    #[test]
    fn english_figures_are_written_vietnamese_style() {
        assert_eq!(figure_in_vi("27,858").as_deref(), Some("27.858"));
        assert_eq!(figure_in_vi("-5.23").as_deref(), Some("-5,23"));
        assert_eq!(figure_in_vi("1,290.5").as_deref(), Some("1.290,5"));
        assert_eq!(figure_in_vi("≈ 12,480.25").as_deref(), Some("≈ 12.480,25"));
        assert_eq!(figure_in_vi("46.96%").as_deref(), Some("46,96%"));
        // Not figures: left as they are.
        assert_eq!(
            figure_in_vi("1,290 ≠ 1,270").as_deref(),
            Some("1.290 ≠ 1.270")
        );
        assert_eq!(
            figure_in_vi("1,290 = 68 + 1,222").as_deref(),
            Some("1.290 = 68 + 1.222")
        );
        for text in [
            "13",
            "410 = 35 + 290 + 81",
            "51 > 49",
            "2019.1",
            "1234.5",
            "HC02 == HC03 + HC04",
            "Phường 7, Phường 10",
            "p09.xlsx › B9",
            "1,23",
            "",
        ] {
            assert_eq!(figure_in_vi(text), None, "{text}");
        }
        let f = Finding::error(Code::TotalMismatch, "27,858 is not 20,486")
            .expected("27,858")
            .actual("20,486");
        let kept = for_the_record(std::slice::from_ref(&f), Lang::En);
        assert_eq!(
            (kept[0].expected.as_str(), kept[0].actual.as_str()),
            ("27.858", "20.486")
        );
        assert_eq!(kept[0].message, "27,858 is not 20,486");
        let v = Finding::warning(Code::TemplateOutdated, "m")
            .expected("2020.1")
            .actual("1.5");
        assert_eq!(
            for_the_record(std::slice::from_ref(&v), Lang::En)[0].actual,
            "1.5"
        );
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
