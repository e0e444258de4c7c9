//! Excel's limits on what a workbook holds, respected by every workbook
//! we write: a limit of the output format is ours to keep, never a reason
//! for a run to end without its outputs.
//!
//! | limit                         | at it                                          |
//! |-------------------------------|------------------------------------------------|
//! | 32,767 characters in a cell   | the text is cut and ends with "…" (the error    |
//! |                               | lists, errors.csv and errors.json, keep it all) |
//! | a note: 32,767 less its frame | the same                                       |
//! | sheet names: 31 characters,   | the characters removed, the name cut; a name   |
//! | none of `[]:*?/\`, unique     | taken already gets " (2)", " (3)"…             |
//! | 16,384 columns                | the detail sheet is split into several sheets  |
//! | 1,048,576 rows                | the findings sheet stops one row short and     |
//! |                               | says how many more the error lists hold        |

use std::borrow::Cow;

/// Characters (UTF-16 units, as Excel counts) in one cell.
pub const CELL_CHARS: usize = 32_767;
/// Characters of a note's text (the library keeps 54 for its frame).
pub const NOTE_CHARS: usize = CELL_CHARS - 54;
/// Columns of a sheet.
pub const COLUMNS: u32 = 16_384;
/// Rows of a sheet.
pub const ROWS: u32 = 1_048_576;
/// Characters of a sheet name.
pub const SHEET_NAME_CHARS: usize = 31;

/// A cell's text within [`CELL_CHARS`].
pub fn cell(s: &str) -> Cow<'_, str> {
    crate::text::shorten_utf16(s, CELL_CHARS)
}

/// A note's text within [`NOTE_CHARS`].
pub fn note(s: &str) -> Cow<'_, str> {
    crate::text::shorten_utf16(s, NOTE_CHARS)
}

/// A valid sheet name made of `wanted`, unlike every name of `taken`
/// (Excel compares them without case): the characters `[]:*?/\` removed,
/// no apostrophe at either end, at most 31 characters; `fallback` when
/// nothing is left.
pub fn sheet_name(wanted: &str, taken: &[String], fallback: &str) -> String {
    let cleaned: String = wanted
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') && !c.is_control())
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim();
    let base = if cleaned.is_empty() || cleaned.eq_ignore_ascii_case("history") {
        fallback
    } else {
        cleaned
    };
    let free = |n: &str| !taken.iter().any(|t| t.to_lowercase() == n.to_lowercase());
    for k in 1.. {
        let suffix = if k == 1 {
            String::new()
        } else {
            format!(" ({k})")
        };
        let room = SHEET_NAME_CHARS - suffix.chars().count();
        let head: String = base.chars().take(room).collect();
        let name = format!("{}{suffix}", head.trim_end());
        if free(&name) {
            return name;
        }
    }
    unreachable!("a free name is found among the first names tried")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_made_valid_and_unique() {
        let taken = vec!["Lỗi".to_string(), "Biểu 1".to_string()];
        assert_eq!(sheet_name("Biểu 2", &taken, "Biểu"), "Biểu 2");
        assert_eq!(sheet_name("biểu 1", &taken, "Biểu"), "biểu 1 (2)");
        assert_eq!(
            sheet_name("Q1/2020: [số liệu]*?", &taken, "Biểu"),
            "Q12020 số liệu"
        );
        assert_eq!(sheet_name("'''", &taken, "Biểu"), "Biểu");
        let long = "Báo cáo tình hình kinh tế xã hội quý một năm hai nghìn";
        let name = sheet_name(long, &taken, "Biểu");
        assert_eq!(name.chars().count(), 31);
        let again = sheet_name(long, std::slice::from_ref(&name), "Biểu");
        assert!(
            again.ends_with(" (2)") && again.chars().count() <= 31,
            "{again}"
        );
        let names = [name, again];
        assert!(names.iter().all(|n| rust_xlsxwriter::Workbook::new()
            .add_worksheet()
            .set_name(n)
            .is_ok()));
    }

    #[test]
    fn cells_and_notes_hold_what_excel_holds() {
        let long = "ồ".repeat(40_000);
        assert_eq!(cell(&long).encode_utf16().count(), CELL_CHARS);
        assert_eq!(note(&long).encode_utf16().count(), NOTE_CHARS);
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        assert!(ws.write_string(0, 0, &long).is_err());
        assert!(ws.write_string(0, 0, cell(&long)).is_ok());
        assert!(ws
            .insert_note(0, 0, &rust_xlsxwriter::Note::new(note(&long)))
            .is_ok());
    }
}
