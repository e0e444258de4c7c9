//! Report: the workbooks and error lists the users open.

pub mod annotate;
pub mod atomic;
pub mod detail;
pub mod errors;
pub mod feedback;
pub mod fit;
pub mod form;
pub mod layout;
pub mod limits;
pub mod marks;
pub mod pages;
pub mod workbook;

/// The deflate level of every workbook we write. zlib-rs's level 5 makes
/// the same size as the default 6 (7.27 MB both for the consolidated
/// workbook of 4 × 50,000 rows) in two thirds of the time; lower levels
/// cost size (8.0 MB at 4, 12.5 MB at 1). See BENCHMARKS.md.
pub const ZIP_LEVEL: u8 = 5;

/// A new workbook, compressed at [`ZIP_LEVEL`].
pub fn new_workbook() -> rust_xlsxwriter::Workbook {
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.set_zip_compression_level(ZIP_LEVEL);
    wb
}

/// The author of every note we write, which Excel shows when the note is
/// opened.
pub const NOTE_AUTHOR: &str = "tonghop";

/// Makes [`NOTE_AUTHOR`] the author of every note of `wb` that names none
/// and drops rust_xlsxwriter's default "Author" from the notes' author
/// list. Call it when the sheets are all added, before saving.
pub fn notes_by_tonghop(wb: &mut rust_xlsxwriter::Workbook) {
    for ws in wb.worksheets_mut() {
        ws.set_default_note_author(NOTE_AUTHOR);
    }
}
