//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tonghop` as a command ready for arguments.
pub fn tonghop() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("tonghop").expect("the tonghop binary is built")
}

/// `tonghop consolidate DIR --period PERIOD --out OUT [EXTRA…]`, run to its
/// end: its status, stdout and stderr.
pub fn run_consolidate(
    dir: &Path,
    period: &str,
    out: &Path,
    extra: &[&std::ffi::OsStr],
) -> std::process::Output {
    tonghop()
        .arg("consolidate")
        .arg(dir)
        .args(["--period", period, "--out"])
        .arg(out)
        .args(extra)
        .output()
        .expect("tonghop runs")
}

/// The folder `../shared` beside the repository, if present.
pub fn shared() -> Option<PathBuf> {
    let p = repo().join("..").join("shared");
    p.is_dir().then_some(p)
}

/// Reads a sheet of a workbook we wrote back with calamine, as strings
/// (numbers in Rust's plain `Display` form; empty cells as "").
pub fn read_sheet(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    use calamine::{open_workbook_auto, Data, Reader};
    let mut wb = open_workbook_auto(path).expect("workbook opens");
    let range = wb.worksheet_range(sheet).expect("sheet exists");
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    Data::Float(f) => f.to_string(),
                    Data::Int(i) => i.to_string(),
                    Data::Bool(b) => b.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// The findings of an `errors.json`.
pub fn read_findings(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).expect("errors.json exists");
    serde_json::from_str(&text).expect("errors.json is JSON")
}

/// The text of one member of a zip file we wrote (an `.xlsx` part), or
/// `None` when the member is absent.
pub fn zip_part(path: &Path, part: &str) -> Option<String> {
    use std::io::Read;
    let file = std::fs::File::open(path).expect("zip file exists");
    let mut zip = zip::ZipArchive::new(file).expect("a zip file");
    let mut member = zip.by_name(part).ok()?;
    let mut text = String::new();
    member.read_to_string(&mut text).expect("UTF-8 member");
    Some(text)
}

/// Figures summed per (indicator code, column position in
/// `ValueColumn::ALL`).
pub type Sums = std::collections::BTreeMap<(String, usize), f64>;

/// Compares every total of KH, TH, LK and CK in Tổng hợp (`summary`, as
/// [`read_sheet`] reads it) with the sum of the wards' figures (indicators
/// of level `ward` and `both`) or the departments' (`district`): a total
/// where no figure was summed must be empty. Returns how many totals were
/// compared.
pub fn compare_totals(
    summary: &[Vec<String>],
    t: &tonghop::template::Template,
    wards: &Sums,
    departments: &Sums,
) -> usize {
    use tonghop::model::ValueColumn;
    use tonghop::template::{Kind, Level};
    let mut compared = 0;
    for ind in t.indicators.iter().filter(|i| i.kind != Kind::Rate) {
        let row = summary
            .iter()
            .find(|r| r[0] == ind.code)
            .unwrap_or_else(|| panic!("{} in Tổng hợp", ind.code));
        for col in ValueColumn::QUANTITIES {
            let k = col.index();
            let want = match ind.level {
                Level::Ward | Level::Both => wards.get(&(ind.code.clone(), k)),
                Level::District => departments.get(&(ind.code.clone(), k)),
            };
            let got = row[3 + k].parse::<f64>().ok();
            match (want, got) {
                (Some(w), Some(g)) => {
                    assert!(
                        (w - g).abs() <= 1e-6 * w.abs().max(1.0),
                        "{} {col}: want {w}, got {g}",
                        ind.code
                    );
                    compared += 1;
                }
                (None, None) => {}
                (w, g) => panic!("{} {col}: want {w:?}, got {g:?}", ind.code),
            }
        }
    }
    compared
}

/// The findings of `errors.json` against the rows of an expected TSV:
/// the same (severity, code, unit, file, sheet, cell, indicator, column)
/// and nothing else; `expected` and `actual` equal where the TSV gives
/// them (numbers compared as numbers).
pub fn assert_findings_are(errors_json: &Path, tsv: &Path) {
    let text = std::fs::read_to_string(tsv).unwrap();
    let mut want: Vec<Vec<String>> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(String::from).collect())
        .collect();
    // The error list's columns but the message.
    let keys = &tonghop::report::errors::FIELDS[..10];
    let mut got: Vec<Vec<String>> = read_findings(errors_json)
        .iter()
        .map(|f| {
            keys.iter()
                .map(|k| f[*k].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .collect();
    let key = |r: &Vec<String>| r[..8].join("|");
    want.sort_by_key(key);
    got.sort_by_key(key);
    assert_eq!(
        got.iter().map(key).collect::<Vec<_>>(),
        want.iter().map(key).collect::<Vec<_>>()
    );
    let vi = |s: &str| {
        tonghop::number::parse_number(s, tonghop::number::NumberLocale::Vi).map(|p| p.value)
    };
    for (w, g) in want.iter().zip(&got) {
        for k in [8, 9] {
            if w[k].is_empty() {
                continue;
            }
            match (w[k].parse::<f64>().ok(), vi(&g[k])) {
                (Some(a), Some(b)) => {
                    assert!((a - b).abs() < 1e-9, "{}: {} vs {}", key(w), w[k], g[k])
                }
                _ => assert_eq!(w[k], g[k], "{}", key(w)),
            }
        }
    }
}

/// Consolidates the shipped sample district into `out`; it has planted
/// mistakes, so the run ends with exit 1.
pub fn consolidate_samples(out: &Path) {
    let status = tonghop()
        .arg("consolidate")
        .arg(repo().join("samples/2020-Q1"))
        .args(["--period", "2020-Q1", "--out"])
        .arg(out)
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(1));
}

/// How a cell of a workbook we wrote is formatted, as `xl/styles.xml`
/// says: its number format's code, its font (`<font>…</font>`) and its
/// border (`<border>…</border>`), with `&quot;` written `"`.
#[derive(Debug, Default)]
pub struct CellStyle {
    pub num_format: String,
    pub font: String,
    pub border: String,
}

/// The [`CellStyle`] of cell `a1` of the sheet part `sheet_part`
/// (`xl/worksheets/sheet1.xml`); the default style for a cell not written.
pub fn cell_style(book: &Path, sheet_part: &str, a1: &str) -> CellStyle {
    let sheet = zip_part(book, sheet_part).expect("the sheet part");
    let styles = zip_part(book, "xl/styles.xml").expect("styles.xml");
    let xf = regex::Regex::new(&format!(r#"<c r="{a1}" s="(\d+)""#))
        .unwrap()
        .captures(&sheet)
        .map_or(0, |c| c[1].parse::<usize>().unwrap());
    let inside = |tag: &str| -> String {
        styles
            .split(&format!("<{tag}"))
            .nth(1)
            .and_then(|s| s.split(&format!("</{tag}>")).next())
            .unwrap_or_default()
            .to_string()
    };
    let attr = |el: &str, name: &str| -> usize {
        regex::Regex::new(&format!(r#"\b{name}="(\d+)""#))
            .unwrap()
            .captures(el)
            .map_or(0, |c| c[1].parse().unwrap())
    };
    let xfs = inside("cellXfs");
    let el = regex::Regex::new(r"<xf [^>]*>")
        .unwrap()
        .find_iter(&xfs)
        .nth(xf)
        .map(|m| m.as_str().to_string())
        .unwrap_or_default();
    let id = attr(&el, "numFmtId");
    let num_format = match id {
        0 => "General".to_string(),
        3 => "#,##0".to_string(),
        4 => "#,##0.00".to_string(),
        _ => regex::Regex::new(&format!(r#"<numFmt numFmtId="{id}" formatCode="([^"]*)""#))
            .unwrap()
            .captures(&styles)
            .map(|c| c[1].replace("&quot;", "\""))
            .unwrap_or_default(),
    };
    let nth = |list: &str, tag: &str, n: usize| -> String {
        regex::Regex::new(&format!(r"(?s)<{tag}(?: [^>]*)?(?:/>|>.*?</{tag}>)"))
            .unwrap()
            .find_iter(list)
            .nth(n)
            .map(|m| m.as_str().to_string())
            .unwrap_or_default()
    };
    CellStyle {
        num_format,
        font: nth(&inside("fonts"), "font", attr(&el, "fontId")),
        border: nth(&inside("borders"), "border", attr(&el, "borderId")),
    }
}
