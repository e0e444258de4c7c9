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
