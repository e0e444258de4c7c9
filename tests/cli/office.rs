//! LibreOffice as the user's spreadsheet program, for the tests of what
//! the outputs look like printed: a workbook converted to PDF headlessly
//! and its text read back with `pdftotext`, and a workbook recalculated
//! with every formula computed again. `.ci/run` installs both programs
//! (Debian's `libreoffice-calc-nogui` and `poppler-utils`); where they
//! cannot be found the tests that need them print why and pass.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `soffice` and `pdftotext` programs, when both are installed.
pub fn available() -> bool {
    let runs = |p: &str, arg: &str| Command::new(p).arg(arg).output().is_ok();
    runs("soffice", "--version") && runs("pdftotext", "-v")
}

/// Says why a test is skipped and returns true when LibreOffice or
/// poppler is missing.
pub fn skip() -> bool {
    if available() {
        return false;
    }
    eprintln!(
        "skipped: LibreOffice (soffice) or pdftotext is not installed; .ci/run installs them"
    );
    true
}

/// A LibreOffice user profile of its own (concurrent conversions with one
/// profile fail on its lock), set to recalculate every formula of an
/// Excel file when it is loaded.
fn profile(dir: &Path) -> String {
    let user = dir.join("lo-profile").join("user");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(
        user.join("registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    format!(
        "-env:UserInstallation=file://{}",
        dir.join("lo-profile").display()
    )
}

/// Converts `file` with LibreOffice headless into `outdir` (`to`: `pdf`,
/// `ods`, `xlsx`…); the path of the result.
pub fn convert(file: &Path, to: &str, outdir: &Path) -> PathBuf {
    convert_all(&[file.to_path_buf()], to, outdir).remove(0)
}

/// Converts many files with one LibreOffice run (its start-up, a second
/// or two, is paid once) into `outdir`; the paths of the results, in the
/// order of `files`. Their names must differ.
pub fn convert_all(files: &[PathBuf], to: &str, outdir: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(outdir).unwrap();
    let work = tempfile::tempdir().unwrap();
    let out = Command::new("soffice")
        .arg(profile(work.path()))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(outdir)
        .args(files)
        .output()
        .expect("soffice runs");
    let ext = to.split(':').next().unwrap_or(to);
    files
        .iter()
        .map(|file| {
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            let result = outdir.join(format!("{stem}.{ext}"));
            assert!(
                result.is_file(),
                "LibreOffice did not convert {}: {}{}",
                file.display(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            result
        })
        .collect()
}

/// The text of each page of a PDF, laid out as printed.
pub fn pdf_pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(String::from).collect();
    // pdftotext ends the last page with a form feed too.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// `file` printed to PDF by LibreOffice: the text of each page.
pub fn printed(file: &Path, outdir: &Path) -> Vec<String> {
    pdf_pages(&convert(file, "pdf", outdir))
}

/// Every formula of `file` against its value once LibreOffice has
/// computed it again: the cells (sheet, A1, cached, recomputed) that
/// differ. Formulas are read with calamine from the original, values from
/// the original and from LibreOffice's recalculated copy.
pub fn recalculation_differences(
    file: &Path,
    outdir: &Path,
) -> Vec<(String, String, String, String)> {
    use calamine::{open_workbook_auto, Data, Reader};
    let recalculated = convert(file, "ods", outdir);
    let mut before = open_workbook_auto(file).unwrap();
    let mut after = open_workbook_auto(&recalculated).unwrap();
    let mut out = Vec::new();
    for sheet in before.sheet_names() {
        let formulas = before.worksheet_formula(&sheet).unwrap();
        let values = before.worksheet_range(&sheet).unwrap();
        let again = after.worksheet_range(&sheet).unwrap();
        for (r, c, f) in formulas.used_cells() {
            if f.is_empty() {
                continue;
            }
            let (fr, fc) = formulas.start().unwrap();
            let (row, col) = (fr + r as u32, fc + c as u32);
            let cached = values.get_value((row, col)).cloned().unwrap_or(Data::Empty);
            let computed = again.get_value((row, col)).cloned().unwrap_or(Data::Empty);
            let same = match (&cached, &computed) {
                (Data::Float(a), Data::Float(b)) => (a - b).abs() <= 1e-9 * a.abs().max(1.0),
                (Data::Int(a), Data::Float(b)) | (Data::Float(b), Data::Int(a)) => {
                    (*a as f64 - b).abs() <= 1e-9
                }
                (a, b) => a.to_string() == b.to_string(),
            };
            if !same {
                out.push((
                    sheet.clone(),
                    tonghop::diagnostic::a1(row, col),
                    cached.to_string(),
                    computed.to_string(),
                ));
            }
        }
    }
    out
}
