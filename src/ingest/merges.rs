//! The merged ranges of an `.xlsx` sheet from the bytes of its part,
//! giving what calamine 0.38's `Xlsx::merge_cells_by_sheet_name` gives
//! without a second inflate and a copy of every XML event.
//!
//! The part is read as calamine reads it — the same quick-xml tokenizer
//! with the same settings, the first `<mergeCells>` element, each
//! `<mergeCell ref>` parsed by the same rules — and whatever calamine
//! reports as an error counts as "no merges", as `ingest::OpenWorkbook::sheet`
//! has always taken it. The one case left to calamine itself is a range
//! written backwards (`B2:A1`): calamine's arithmetic on it differs
//! between debug and release builds, so the caller asks calamine.
//!
//! `A1` parsing and the attribute scan follow calamine's
//! `get_row_and_optional_column` and `RawAttrIter` (MIT, Johann Tuffe).

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// The merged ranges of a sheet part, or `None` when calamine must be
/// asked (a range written backwards).
pub fn merges_of_part(xml: &[u8]) -> Option<Vec<Dimensions>> {
    // Without the word, calamine's reader reaches the end (or an error)
    // with no `<mergeCells>`: no merges. With it, the reader starts at the
    // element's tag when nothing before it could hide or change where a
    // tag starts (comments, CDATA, processing instructions): the events
    // before it are skipped by the loop below anyway. Otherwise it reads
    // the part from its start, as calamine does.
    let Some(at) = memchr::memmem::find(xml, b"mergeCells") else {
        return Some(Vec::new());
    };
    let xml = xml.get(tag_start(xml, at).unwrap_or(0)..)?;
    let mut reader = Reader::from_reader(xml);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "mergeCells" => {
                return read_merge_cells(&mut reader);
            }
            // calamine's errors are read as no merges.
            Ok(Event::Eof) | Err(_) => return Some(Vec::new()),
            Ok(_) => {}
        }
    }
}

/// Where the tag opens whose name (with or without a namespace prefix)
/// is the `mergeCells` found at `at`, when it is one and nothing before it
/// but the XML declaration is markup other than elements.
fn tag_start(xml: &[u8], at: usize) -> Option<usize> {
    let after = xml.get(at + b"mergeCells".len()).copied();
    if !matches!(after, Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')) {
        return None;
    }
    let head = xml.get(..at)?;
    let name = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.');
    let lt = match head.last() {
        Some(b'<') => at - 1,
        Some(b':') => {
            let prefix = head.len() - 1;
            let n = head
                .get(..prefix)?
                .iter()
                .rev()
                .take_while(|b| name(b))
                .count();
            (n > 0 && head.get(prefix - n - 1) == Some(&b'<')).then(|| prefix - n - 1)?
        }
        _ => return None,
    };
    let before = xml.get(..lt)?;
    let declaration = if before.starts_with(b"<?xml") {
        memchr::memmem::find(before, b"?>").map_or(before.len(), |e| e + 2)
    } else {
        0
    };
    let rest = before.get(declaration..)?;
    let plain =
        memchr::memmem::find(rest, b"<!").is_none() && memchr::memmem::find(rest, b"<?").is_none();
    plain.then_some(lt)
}

/// The `<mergeCell>` elements up to `</mergeCells>`.
fn read_merge_cells(reader: &mut Reader<&[u8]>) -> Option<Vec<Dimensions>> {
    let mut merges = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "mergeCell" => match ref_attr(&e) {
                Ok(Some(value)) => match dimension(value) {
                    Ok(d) => merges.push(d),
                    Err(NotRead::AskCalamine) => return None,
                    Err(NotRead::Refused) => return Some(Vec::new()),
                },
                Ok(None) => {}
                Err(()) => return Some(Vec::new()),
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "mergeCells" => {
                return Some(merges);
            }
            Ok(Event::Eof) | Err(_) => return Some(Vec::new()),
            Ok(_) => {}
        }
    }
}

/// The raw value of the `ref` attribute, scanned as calamine's
/// `RawAttrIter` scans: `Err` where it reports an error.
fn ref_attr<'a>(e: &'a BytesStart<'_>) -> Result<Option<&'a str>, ()> {
    let raw = e.attributes_raw();
    let bytes = raw.as_bytes();
    let len = bytes.len();
    let mut pos = 0;
    loop {
        while pos < len && bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        if pos >= len {
            return Ok(None);
        }
        let key_start = pos;
        while pos < len && bytes.get(pos) != Some(&b'=') {
            pos += 1;
        }
        if pos >= len {
            return Err(());
        }
        let key = raw.get(key_start..pos).ok_or(())?.trim_ascii_end();
        pos += 1;
        while pos < len && bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        let quote = match bytes.get(pos) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return Err(()),
        };
        pos += 1;
        let value_start = pos;
        while pos < len && bytes.get(pos) != Some(&quote) {
            pos += 1;
        }
        let value = raw.get(value_start..pos).ok_or(())?;
        if pos < len {
            pos += 1;
        }
        if key == "ref" {
            return Ok(Some(value));
        }
    }
}

/// Why a merge list is not given.
enum NotRead {
    /// calamine reports an error: no merges.
    Refused,
    /// calamine's arithmetic depends on the build (overflow, a backwards
    /// range): calamine must be asked.
    AskCalamine,
}

/// `A1` or `A1:C3` as calamine's `get_dimension` reads it.
fn dimension(text: &str) -> Result<Dimensions, NotRead> {
    // calamine reads every part before counting them.
    let parts = text
        .split(':')
        .map(row_column)
        .collect::<Result<Vec<_>, NotRead>>()?;
    match parts.as_slice() {
        [one] => Ok(Dimensions::new(*one, *one)),
        [first, second] if second.0 < first.0 || second.1 < first.1 => Err(NotRead::AskCalamine),
        [first, second] => Ok(Dimensions::new(*first, *second)),
        _ => Err(NotRead::Refused),
    }
}

/// `B7` → (6, 1), as calamine's `get_row_column` reads it (letters of any
/// case, then digits; a missing row or column is an error; no bound).
fn row_column(text: &str) -> Result<(u32, u32), NotRead> {
    let bytes = text.as_bytes();
    let step = |acc: u32, base: u32, digit: u8| {
        acc.checked_mul(base)
            .and_then(|a| a.checked_add(u32::from(digit)))
            .ok_or(NotRead::AskCalamine)
    };
    let mut i = 0;
    let mut col: u32 = 0;
    let mut row: u32 = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'A'..=b'Z' => col = step(col, 26, b - b'A' + 1)?,
            b'a'..=b'z' => col = step(col, 26, b - b'a' + 1)?,
            b'0'..=b'9' => {
                row = u32::from(b - b'0');
                i += 1;
                break;
            }
            _ => return Err(NotRead::Refused),
        }
        i += 1;
    }
    while let Some(&b) = bytes.get(i) {
        match b {
            b'0'..=b'9' => row = step(row, 10, b - b'0')?,
            _ => return Err(NotRead::Refused),
        }
        i += 1;
    }
    let row = row.checked_sub(1).ok_or(NotRead::Refused)?;
    let col = col.checked_sub(1).ok_or(NotRead::Refused)?;
    Ok((row, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Corners = ((u32, u32), (u32, u32));

    fn dims(list: &[Corners]) -> Vec<Dimensions> {
        list.iter().map(|&(s, e)| Dimensions::new(s, e)).collect()
    }

    #[test]
    fn merges_are_read_after_the_cells() {
        let xml = br#"<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData><mergeCells count="3"><mergeCell ref="A1:K1"/><mergeCell ref="F6:F7"></mergeCell><mergeCell ref="d5"/></mergeCells></worksheet>"#;
        assert_eq!(
            merges_of_part(xml),
            Some(dims(&[
                ((0, 0), (0, 10)),
                ((5, 5), (6, 5)),
                ((4, 3), (4, 3))
            ]))
        );
        let none = br#"<worksheet><sheetData/></worksheet>"#;
        assert_eq!(merges_of_part(none), Some(Vec::new()));
    }

    #[test]
    fn what_calamine_refuses_is_no_merges() {
        for xml in [
            // cut short inside the list
            &br#"<worksheet><mergeCells><mergeCell ref="A1:B1"/>"#[..],
            // a reference calamine cannot read
            br#"<worksheet><mergeCells><mergeCell ref="A1:B"/></mergeCells></worksheet>"#,
            br#"<worksheet><mergeCells><mergeCell ref="A1:B2:C3"/></mergeCells></worksheet>"#,
            br#"<worksheet><mergeCells><mergeCell ref="A0"/></mergeCells></worksheet>"#,
            br#"<worksheet><mergeCells><mergeCell ref="1A"/></mergeCells></worksheet>"#,
            // an attribute without a quoted value
            br#"<worksheet><mergeCells><mergeCell ref=A1/></mergeCells></worksheet>"#,
        ] {
            assert_eq!(
                merges_of_part(xml),
                Some(Vec::new()),
                "{}",
                String::from_utf8_lossy(xml)
            );
        }
        // Without a ref the element is passed over; a backwards range is
        // left to calamine.
        let xml = br#"<x:worksheet><x:mergeCells><x:mergeCell/><x:mergeCell ref = 'B2:C3'/></x:mergeCells></x:worksheet>"#;
        assert_eq!(merges_of_part(xml), Some(dims(&[((1, 1), (2, 2))])));
        let xml = br#"<worksheet><mergeCells><mergeCell ref="C3:B2"/></mergeCells></worksheet>"#;
        assert_eq!(merges_of_part(xml), None);
        let xml =
            br#"<worksheet><mergeCells><mergeCell ref="ZZZZZZZZ1"/></mergeCells></worksheet>"#;
        assert_eq!(merges_of_part(xml), None);
    }

    #[test]
    fn the_reader_starts_at_the_element_only_when_that_is_safe() {
        let xml = br#"<?xml version="1.0"?><worksheet><sheetData/><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>"#;
        let at = memchr::memmem::find(xml, b"mergeCells").unwrap();
        assert_eq!(tag_start(xml, at), Some(at - 1));
        let xml = br#"<x:worksheet><x:mergeCells><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>"#;
        let at = memchr::memmem::find(xml, b"mergeCells").unwrap();
        assert_eq!(tag_start(xml, at), Some(at - 3));
        // A comment, CDATA or an instruction before it, or the word in a
        // cell's text or another element's name: from the start.
        for xml in [
            &br#"<worksheet><!-- <mergeCells><mergeCell ref="A1:B1"/></mergeCells> --><sheetData/></worksheet>"#[..],
            br#"<worksheet><sheetData><row><c t="inlineStr"><is><t><![CDATA[<mergeCells><mergeCell ref="A1:B1"/></mergeCells>]]></t></is></c></row></sheetData></worksheet>"#,
            br#"<worksheet><?pi x?><mergeCells><mergeCell ref="A1:B1"/></mergeCells></worksheet>"#,
            br#"<worksheet><sheetData><row><c t="inlineStr"><is><t>mergeCells</t></is></c></row></sheetData></worksheet>"#,
            br#"<worksheet><mergeCellsX/></worksheet>"#,
        ] {
            let at = memchr::memmem::find(xml, b"mergeCells").unwrap();
            assert_eq!(tag_start(xml, at), None, "{}", String::from_utf8_lossy(xml));
        }
        // And the merges are those calamine's reader finds from the start.
        let commented = br#"<worksheet><!-- <mergeCells><mergeCell ref="A1:B1"/></mergeCells> --><mergeCells><mergeCell ref="C3:D3"/></mergeCells></worksheet>"#;
        assert_eq!(merges_of_part(commented), Some(dims(&[((2, 2), (2, 3))])));
        let cdata = br#"<worksheet><sheetData><row><c><is><t><![CDATA[<mergeCells><mergeCell ref="A1:B1"/></mergeCells>]]></t></is></c></row></sheetData></worksheet>"#;
        assert_eq!(merges_of_part(cdata), Some(Vec::new()));
    }

    /// The same answers as calamine on workbooks written by
    /// rust_xlsxwriter.
    #[test]
    fn agrees_with_calamine() {
        use calamine::{open_workbook, Xlsx};
        use rust_xlsxwriter::Workbook;
        use std::io::Read;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("merged.xlsx");
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet().set_name("Biểu").expect("name");
        ws.merge_range(0, 0, 0, 10, "Báo cáo", &Default::default())
            .expect("merge");
        ws.merge_range(5, 3, 6, 3, "TH", &Default::default())
            .expect("merge");
        ws.merge_range(5, 7, 5, 8, "So sánh", &Default::default())
            .expect("merge");
        ws.write_string(20, 2, "x").expect("write");
        wb.add_worksheet().set_name("Trống").expect("name");
        wb.save(&path).expect("save");
        let mut calamine: Xlsx<_> = open_workbook(&path).expect("open");
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("file")).expect("zip");
        for (name, part) in [
            ("Biểu", "xl/worksheets/sheet1.xml"),
            ("Trống", "xl/worksheets/sheet2.xml"),
        ] {
            let mut xml = Vec::new();
            zip.by_name(part)
                .expect("part")
                .read_to_end(&mut xml)
                .expect("read");
            let want = calamine.merge_cells_by_sheet_name(name).expect("merges");
            assert_eq!(merges_of_part(&xml), Some(want), "{name}");
        }
    }

    /// The fast path against calamine on every `.xlsx` sheet of the corpus
    /// (`cargo test --lib ingest::merges -- --ignored`).
    #[test]
    #[ignore = "needs ../shared/corpus/real-world"]
    fn agrees_with_calamine_over_the_corpus() {
        use crate::ingest::styles::XlsxParts;
        use calamine::{open_workbook, Reader, Xlsx};
        use std::panic::{catch_unwind, AssertUnwindSafe};
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real-world");
        let mut stack = vec![root];
        let (mut compared, mut asked) = (0, 0);
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                // The files calamine cannot open safely are refused first.
                let limits = crate::template::Limits::default();
                let Ok(bytes) = std::fs::read(&p) else {
                    continue;
                };
                let bytes = crate::ingest::FileBytes::new(crate::ingest::SharedBytes::new(bytes));
                let Ok((crate::ingest::zipped::ZipKind::Xlsx, zip)) =
                    crate::ingest::zipped::precheck(
                        bytes,
                        limits.max_unzipped_mb.saturating_mul(1_000_000),
                        limits.max_cells,
                    )
                else {
                    continue;
                };
                let Ok(mut xlsx) = catch_unwind(|| open_workbook::<Xlsx<_>, _>(&p)) else {
                    continue;
                };
                let Ok(xlsx) = xlsx.as_mut() else { continue };
                let mut parts = XlsxParts::new(zip, 100_000_000);
                for name in xlsx.sheet_names() {
                    let Some(extras) = parts.sheet_extras(&name) else {
                        continue;
                    };
                    let Some(ours) = extras.merges else {
                        asked += 1;
                        continue;
                    };
                    let theirs = catch_unwind(AssertUnwindSafe(|| {
                        xlsx.merge_cells_by_sheet_name(&name).unwrap_or_default()
                    }))
                    .unwrap_or_default();
                    assert_eq!(ours, theirs, "{} › {name}", p.display());
                    compared += 1;
                }
            }
        }
        println!("{compared} sheets agree, {asked} left to calamine");
    }
}
