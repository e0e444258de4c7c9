//! The feedback workbooks that go back to the units: for every unit with
//! findings, `OUT/phan-hoi/<unit code>.xlsx` holds its own table re-written
//! (the sheets of its submission, values as read), each offending cell
//! filled by severity with a note saying what was found, what was expected
//! and how to fix it, and a last sheet listing the unit's findings.
//!
//! ```text
//! phan-hoi/P05.xlsx    Biểu 1   the ward's sheet, cells coloured + notes
//!                      Lỗi      its findings (the columns of errors.csv)
//! ```
//!
//! Cells keep their absolute positions, so a finding's `D17` is `D17` here
//! too. A unit whose file cannot be read again (or that sent nothing) gets
//! the findings sheet only.

use crate::diagnostic::{Finding, Lang, Severity};
use crate::error::Fatal;
use crate::ingest::{OpenWorkbook, SheetGrid};
use crate::memory::release_free_memory;
use crate::normalize::submission::{FileOutcome, Submission};
use crate::report::atomic::write_atomic;
use crate::report::workbook::findings_sheet;
use crate::template::Template;
use calamine::Data;
use rayon::prelude::*;
use rust_xlsxwriter::{Color, Format, FormatBorder, Note, Workbook, Worksheet, XlsxError};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The folder of the feedback workbooks inside the output folder.
pub const FEEDBACK_DIR: &str = "phan-hoi";

/// A file name for a unit code: letters, digits, `.`, `-` and `_` are
/// kept; anything else (`/`, `\`, `:`, spaces…) becomes `_`. `P.TCKH` →
/// `P.TCKH.xlsx`.
pub fn feedback_file_name(unit: &str) -> String {
    let mut s: String = unit
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    // No hidden files and no "." or "..".
    if s.starts_with('.') || s.is_empty() {
        s.insert(0, '_');
    }
    format!("{s}.xlsx")
}

/// 0-based (row, column) of an A1 reference, or `None` for anything else.
pub fn parse_a1(cell: &str) -> Option<(u32, u16)> {
    let letters: String = cell
        .chars()
        .take_while(|c| c.is_ascii_uppercase())
        .collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let row: u32 = cell.get(letters.len()..)?.parse().ok()?;
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1));
    if row == 0 || col == 0 || col > 16_384 || row > 1_048_576 {
        return None;
    }
    Some((row - 1, (col - 1) as u16))
}

fn fill(severity: Severity) -> Color {
    match severity {
        Severity::Error => Color::RGB(0xF8CBAD),
        Severity::Warning => Color::RGB(0xFFE699),
        Severity::Info => Color::RGB(0xDDEBF7),
    }
}

/// The text of a cell's note: each finding on the cell with what was
/// expected and what was written.
fn note_text(findings: &[&Finding], lang: Lang) -> String {
    findings
        .iter()
        .map(|f| {
            let mut s = format!("[{}] {}\n{}", f.severity.label(lang), f.code, f.message);
            if !f.expected.is_empty() {
                s.push_str(&format!(
                    "\n{}: {}",
                    lang.pick("Phải là", "Expected"),
                    f.expected
                ));
            }
            if !f.actual.is_empty() {
                s.push_str(&format!(
                    "\n{}: {}",
                    lang.pick("Giá trị ghi", "Written"),
                    f.actual
                ));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Writes a feedback workbook for every unit with findings. `dir` is the
/// input folder (the submissions are read again from there).
///
/// # Errors
/// When a workbook cannot be built or written (fatal).
pub fn write_feedback(
    out: &Path,
    dir: &Path,
    outcomes: &[FileOutcome],
    included: &[usize],
    findings: &[Finding],
    template: &Template,
    lang: Lang,
) -> Result<Vec<PathBuf>, Fatal> {
    let folder = out.join(FEEDBACK_DIR);
    let mut by_unit: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        if !f.unit.is_empty() {
            by_unit.entry(f.unit.as_str()).or_default().push(f);
        }
    }
    if by_unit.is_empty() {
        return Ok(Vec::new());
    }
    std::fs::create_dir_all(&folder).map_err(|e| Fatal::output(&folder, e))?;
    // The submission each unit's table comes from: its included one, else
    // the first file read from it (a duplicate or a wrong period).
    let mut source: HashMap<usize, usize> = HashMap::new();
    for k in included.iter().copied().chain(0..outcomes.len()) {
        if let Some(FileOutcome::Read(s)) = outcomes.get(k) {
            if let Some(u) = s.unit {
                source.entry(u).or_insert(k);
            }
        }
    }
    // Each unit's workbook is built (its file read again) and written on
    // the reading threads: with thousands of units, the writes' waits for
    // the disk overlap.
    let units: Vec<(&str, Vec<&Finding>)> = by_unit.into_iter().collect();
    let done = AtomicUsize::new(0);
    let written = units
        .into_par_iter()
        .map(|(unit, mine)| {
            let sub = template
                .agency_index(unit)
                .and_then(|u| source.get(&u))
                .and_then(|&k| match &outcomes[k] {
                    FileOutcome::Read(s) => Some(&**s),
                    _ => None,
                });
            let path = folder.join(feedback_file_name(unit));
            let owned: Vec<Finding> = mine.iter().map(|f| (*f).clone()).collect();
            let bytes = feedback_workbook(sub, dir, Some(&folder), &owned, template, lang)
                .map_err(|e| Fatal::output(&path, e))?;
            write_atomic(&path, &bytes)?;
            if done.fetch_add(1, Ordering::Relaxed) % RELEASE_EVERY == RELEASE_EVERY - 1 {
                release_free_memory();
            }
            Ok(path)
        })
        .collect();
    release_free_memory();
    written
}

/// The allocator's free pages go back to the system after every this many
/// feedback workbooks (see [`crate::memory`]).
const RELEASE_EVERY: usize = 256;

/// Builds one unit's feedback workbook in memory; the temporary file of
/// its findings sheet goes to `temp` (the system's temporary folder when
/// `None`).
///
/// # Errors
/// Only when rust_xlsxwriter refuses what it is given.
pub fn feedback_workbook(
    sub: Option<&Submission>,
    dir: &Path,
    temp: Option<&Path>,
    findings: &[Finding],
    template: &Template,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let mut used_names: Vec<String> = Vec::new();
    if let Some(sub) = sub {
        let limits = &template.settings.limits;
        let opened = OpenWorkbook::open(&dir.join(&sub.file), limits);
        if let Ok(mut source) = opened {
            for (k, name) in sub.sheets.iter().enumerate() {
                let Ok(grid) = source.sheet(name) else {
                    continue;
                };
                let ws = wb.add_worksheet();
                if ws.set_name(name).is_err() {
                    ws.set_name(format!("{} {}", lang.pick("Biểu", "Sheet"), k + 1))?;
                }
                used_names.push(name.clone());
                let here: Vec<&Finding> = findings
                    .iter()
                    .filter(|f| f.file == sub.file && f.sheet == *name)
                    .collect();
                copy_sheet(ws, &grid, &here, lang)?;
            }
        }
    }
    let list_name = lang.pick("Lỗi", "Findings");
    let list_name = if used_names.iter().any(|n| n == list_name) {
        format!("{list_name} (tonghop)")
    } else {
        list_name.to_string()
    };
    // Written row by row to a temporary file (beside the outputs when
    // `temp` says where): with no sheet held in memory, saving needs no
    // thread of its own either.
    if let Some(dir) = temp {
        wb.set_tempdir(dir)?;
    }
    let ws = wb
        .add_worksheet_with_constant_memory()?
        .set_name(list_name)?;
    findings_sheet(ws, findings, lang)?;
    wb.save_to_buffer()
}

/// Writes a sheet's cells as read, merges included, and marks the cells
/// with findings.
fn copy_sheet(
    ws: &mut Worksheet,
    grid: &SheetGrid,
    findings: &[&Finding],
    lang: Lang,
) -> Result<(), XlsxError> {
    let mut marked: HashMap<(u32, u16), Vec<&Finding>> = HashMap::new();
    for f in findings {
        if let Some(rc) = parse_a1(&f.cell) {
            marked.entry(rc).or_default().push(f);
        }
    }
    let formats: HashMap<Severity, Format> = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|s| {
            (
                s,
                Format::new()
                    .set_background_color(fill(s))
                    .set_border(FormatBorder::Thin)
                    .set_border_color(Color::RGB(0xC00000)),
            )
        })
        .collect();
    let plain = Format::new();
    let mut widths: HashMap<u16, usize> = HashMap::new();
    for r in grid.rows() {
        for c in grid.cols() {
            let Ok(col) = u16::try_from(c) else { continue };
            if grid.merge_origin(r, c).is_some() {
                continue;
            }
            let here = marked.get(&(r, col));
            let format = here
                .and_then(|v| v.iter().map(|f| f.severity).min())
                .and_then(|s| formats.get(&s))
                .unwrap_or(&plain);
            let data = grid.raw(r, c);
            if let Some(m) = grid.merge_at(r, c) {
                let (r1, c1) = m.end;
                if let Ok(c1) = u16::try_from(c1) {
                    if (r1, c1) != (r, col) {
                        let text = crate::ingest::sheet::data_text(data);
                        ws.merge_range(r, col, r1, c1, &text, format)?;
                    }
                }
            }
            write_data(ws, r, col, data, format, here.is_some())?;
            let len = crate::ingest::sheet::data_text(data).chars().count();
            let w = widths.entry(col).or_default();
            *w = (*w).max(len);
        }
    }
    for (col, w) in widths {
        ws.set_column_width(col, (w.clamp(6, 60) + 2) as f64)?;
    }
    for ((r, c), here) in &marked {
        let note = Note::new(note_text(here, lang))
            .set_author("tonghop")
            .set_width(420)
            .set_height(160);
        ws.insert_note(*r, *c, &note)?;
    }
    Ok(())
}

/// Writes one value as calamine read it.
fn write_data(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    data: &Data,
    format: &Format,
    marked: bool,
) -> Result<(), XlsxError> {
    match data {
        Data::Empty => {
            if marked {
                ws.write_blank(r, c, format)?;
            }
        }
        Data::Float(f) if f.is_finite() => {
            ws.write_number_with_format(r, c, *f, format)?;
        }
        Data::Int(i) => {
            ws.write_number_with_format(r, c, *i as f64, format)?;
        }
        Data::Bool(b) => {
            ws.write_boolean_with_format(r, c, *b, format)?;
        }
        Data::DateTime(d) => {
            ws.write_number_with_format(r, c, d.as_f64(), format)?;
        }
        Data::String(s) => {
            ws.write_string_with_format(r, c, s, format)?;
        }
        Data::Float(_) | Data::Error(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            ws.write_string_with_format(r, c, crate::ingest::sheet::data_text(data), format)?;
        }
    }
    Ok(())
}

/// Removes feedback workbooks of earlier runs (`--force`): only files
/// named after a registry unit, so that nothing else in the folder goes.
pub fn remove_stale(out: &Path, template: &Template) {
    let folder = out.join(FEEDBACK_DIR);
    for a in &template.agencies {
        let p = folder.join(feedback_file_name(&a.code));
        if p.is_file() {
            let _ = std::fs::remove_file(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(feedback_file_name("P.TCKH"), "P.TCKH.xlsx");
        assert_eq!(feedback_file_name("P05"), "P05.xlsx");
        assert_eq!(feedback_file_name("A/B\\C:D"), "A_B_C_D.xlsx");
        assert_eq!(feedback_file_name(".."), "_...xlsx");
        assert_eq!(feedback_file_name(""), "_.xlsx");
    }

    #[test]
    fn a1_references_parse_back() {
        assert_eq!(parse_a1("A1"), Some((0, 0)));
        assert_eq!(parse_a1("D17"), Some((16, 3)));
        assert_eq!(parse_a1("AA3"), Some((2, 26)));
        assert_eq!(parse_a1("L3x"), None);
        assert_eq!(parse_a1(""), None);
        assert_eq!(parse_a1("A0"), None);
    }
}
