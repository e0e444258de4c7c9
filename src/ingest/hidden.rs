//! The hidden rows and columns of an `.xlsx` sheet, from the bytes of its
//! part as read for its merges ([`crate::ingest::merges`]): calamine does
//! not give them.
//!
//! ```text
//! <cols><col min="7" max="7" hidden="1" width="13"/></cols>   column G
//! <row r="73" hidden="1">…</row>                              row 73
//! ```
//!
//! Most sheets hide nothing, and their part holds no `hidden=`: one
//! `memmem` finds that. Otherwise only the tags holding the attribute are
//! looked at, each from its `<`: a `<row>` by its `r`, a `<col>` by its
//! `min` and `max`. A row written without `r` (no writer we know omits it
//! on a hidden row) is not known as hidden: it is read as a visible one,
//! as before.

use super::sheet::{Hidden, MAX_HIDDEN_RANGES};

/// The rows and columns a sheet part hides.
pub fn hidden_of_part(xml: &[u8]) -> Hidden {
    let mut hidden = Hidden::default();
    for at in memchr::memmem::find_iter(xml, b"hidden=") {
        if hidden.rows.len() + hidden.cols.len() >= MAX_HIDDEN_RANGES {
            break;
        }
        // The attribute stands after a space inside a tag.
        if !xml
            .get(at.wrapping_sub(1))
            .is_some_and(u8::is_ascii_whitespace)
        {
            continue;
        }
        let Some(tag) = tag_around(xml, at) else {
            continue;
        };
        let Some(value) = attribute(tag, b"hidden") else {
            continue;
        };
        if !matches!(value, b"1" | b"true") {
            continue;
        }
        match name_of(tag) {
            b"row" => {
                if let Some(r) = attribute(tag, b"r").and_then(number) {
                    hidden.rows.push((r - 1, r - 1));
                }
            }
            b"col" => {
                let min = attribute(tag, b"min").and_then(number);
                let max = attribute(tag, b"max").and_then(number);
                if let (Some(min), Some(max)) = (min, max) {
                    hidden.cols.push((min - 1, max.max(min) - 1));
                }
            }
            _ => {}
        }
    }
    hidden
}

/// The tag (from after its `<` to before its `>`) that holds the byte at
/// `at`, if `at` is inside one.
fn tag_around(xml: &[u8], at: usize) -> Option<&[u8]> {
    let head = xml.get(..at)?;
    let lt = memchr::memrchr2(b'<', b'>', head)?;
    if head.get(lt) != Some(&b'<') {
        return None;
    }
    let end = at + memchr::memchr(b'>', xml.get(at..)?)?;
    xml.get(lt + 1..end)
}

/// The tag's local name (`x:row` is `row`).
fn name_of(tag: &[u8]) -> &[u8] {
    let end = tag
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/')
        .unwrap_or(tag.len());
    let name = tag.get(..end).unwrap_or_default();
    match memchr::memrchr(b':', name) {
        Some(colon) => name.get(colon + 1..).unwrap_or_default(),
        None => name,
    }
}

/// The raw value of attribute `key` of a tag, quoted with `"` or `'`.
fn attribute<'a>(tag: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(tag.get(from..)?, key) {
        let start = from + i;
        from = start + key.len();
        // A whole name: a space before it, `=` (spaces allowed) after.
        if !tag
            .get(start.wrapping_sub(1))
            .is_some_and(u8::is_ascii_whitespace)
        {
            continue;
        }
        let rest = tag.get(from..)?;
        let rest = rest.get(rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..)?;
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = rest.get(rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..)?;
        let quote = *rest.first().filter(|q| matches!(q, b'"' | b'\''))?;
        let value = rest.get(1..)?;
        let end = memchr::memchr(quote, value)?;
        return value.get(..end);
    }
    None
}

/// A 1-based row or column number (at most Excel's 1,048,576 rows).
fn number(text: &[u8]) -> Option<u32> {
    let n: u32 = std::str::from_utf8(text).ok()?.trim().parse().ok()?;
    (1..=1_048_576).contains(&n).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_rows_and_columns_are_found_by_their_tags() {
        let xml = br#"<worksheet><cols><col min="2" max="2" width="48"/><col hidden="1" width="13" customWidth="1" min="7" max="9"/></cols><sheetData><row r="4"><c r="A4" t="inlineStr"><is><t>hidden="1"</t></is></c></row><row r="73" hidden="1" outlineLevel="1"><c r="B73"/></row><x:row r='80' hidden='true'/><row r="81" hidden="0"/><row hidden="1"/></sheetData><autoFilter><filterColumn colId="0" hiddenButton="1"/></autoFilter></worksheet>"#;
        let h = hidden_of_part(xml);
        assert_eq!(h.rows, vec![(72, 72), (79, 79)]);
        assert_eq!(h.cols, vec![(6, 8)]);
        assert!(hidden_of_part(br#"<worksheet><sheetData/></worksheet>"#).is_empty());
    }

    /// As rust_xlsxwriter writes them.
    #[test]
    fn agrees_with_a_writer() {
        use rust_xlsxwriter::Workbook;
        use std::io::Read;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("hidden.xlsx");
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "a").expect("write");
        ws.set_row_hidden(5).expect("row");
        ws.set_column_hidden(6).expect("col");
        wb.save(&path).expect("save");
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("file")).expect("zip");
        let mut xml = Vec::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .expect("part")
            .read_to_end(&mut xml)
            .expect("read");
        let h = hidden_of_part(&xml);
        assert_eq!(h.rows, vec![(5, 5)]);
        assert_eq!(h.cols, vec![(6, 6)]);
    }
}
