//! A pre-check of zip-based workbooks (xlsx, xlsm, xlsb, ods) before
//! calamine opens them: the archive's directory is read (not its data),
//! the declared uncompressed sizes are summed against
//! `limits.max_unzipped_mb` and each part's compression ratio is checked, so
//! that a zip bomb is refused before a byte is inflated. The `zip` crate
//! then refuses, while inflating, any part larger than it declared (calamine
//! reports "File is larger than its declared uncompressed size"), so the
//! declared sizes bound what is read.
//!
//! It also says which kind of workbook the archive holds, so that the right
//! reader is tried first whatever the file's extension.
//!
//! Cost: reading the central directory, a few microseconds per part.

/// The workbook kind a zip archive holds, from its part names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZipKind {
    Xlsx,
    Xlsb,
    Ods,
}

/// Compression ratio above which a large part is a zip bomb: XML of a
/// real sheet compresses 5–20 times, a sheet of repeated blanks up to a
/// few hundred.
const MAX_RATIO: u64 = 1000;
/// Parts smaller than this are never judged by their ratio.
const RATIO_FLOOR: u64 = 10_000_000;

/// One file of a zip archive, as its directory declares it.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Its name in the archive, with forward slashes.
    pub name: String,
    /// Its declared uncompressed size.
    pub size: u64,
    /// Protected by a password.
    pub encrypted: bool,
}

/// An entry's name as a clerk wrote it, with forward slashes: UTF-8 when
/// its bytes are (flagged or not), else the Vietnamese Windows code page
/// (1258), in which Windows' own "compressed folder" writes names, its
/// tone marks composed (not the DOS code page 437 the zip format falls
/// back on, which turns "Phường 16" into "Ph²⌡╠ng 16").
pub fn entry_name(raw: &[u8]) -> String {
    use unicode_normalization::UnicodeNormalization;
    let name = match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1258
            .decode_without_bom_handling(raw)
            .0
            .nfc()
            .collect(),
    };
    name.replace('\\', "/")
}

/// The archive's directory, checked against zip bombs: no part over
/// [`RATIO_FLOOR`] compressed more than [`MAX_RATIO`]:1, and at most
/// `max_unzipped` bytes in all once inflated. Nothing is inflated.
///
/// # Errors
/// A plain reason when an entry cannot be read or the limits are passed.
pub fn entries<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    max_unzipped: u64,
) -> Result<Vec<Entry>, String> {
    let mut total: u64 = 0;
    let mut out = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|e| {
            format!("the file is damaged: a part of the zip archive cannot be read ({e})")
        })?;
        let name = entry_name(part.name_raw());
        let size = part.size();
        let packed = part.compressed_size().max(1);
        if size > RATIO_FLOOR && size / packed > MAX_RATIO {
            return Err(format!(
                "the file is a \"zip bomb\": its part '{}' would expand from {} KB to {} MB; it is not a genuine workbook",
                name,
                packed / 1000,
                size / 1_000_000
            ));
        }
        total = total.saturating_add(size);
        out.push(Entry {
            name,
            size,
            encrypted: part.encrypted(),
        });
    }
    if total > max_unzipped {
        return Err(format!(
            "the file would expand to {} MB once uncompressed, more than the limit of {} MB (limits.max_unzipped_mb in the template)",
            total / 1_000_000,
            max_unzipped / 1_000_000
        ));
    }
    Ok(out)
}

/// How many pictures (`xl/media/` parts a drawing of a sheet shows) an
/// `.xlsx` holds: a photo or scan of the form pasted into a workbook
/// whose cells hold nothing. 0 when the file is no zip or has none.
pub fn picture_count(path: &std::path::Path) -> usize {
    let Ok(file) = std::fs::File::open(path) else {
        return 0;
    };
    let Ok(zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return 0;
    };
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.to_lowercase()))
        .collect();
    if !names.iter().any(|n| n.starts_with("xl/drawings/")) {
        return 0;
    }
    names
        .iter()
        .filter(|n| n.starts_with("xl/media/") && !n.ends_with('/'))
        .count()
}

/// True when an archive's part names (in lower case) are an office
/// document's (a workbook, or a Word or PowerPoint file), false for an
/// archive of files zipped by hand or by a mail program.
pub fn is_document(names: &[String]) -> bool {
    let has = |n: &str| names.iter().any(|x| x.trim_start_matches('/') == n);
    has("[content_types].xml")
        || has("mimetype")
        || has("content.xml")
        || has("xl/workbook.bin")
        || names.iter().any(|n| n.ends_with("workbook.xml"))
}

/// Checks the archive's directory.
///
/// # Errors
/// A plain reason when the archive is damaged or cut short, is not a
/// workbook, or would inflate beyond the limit.
pub fn precheck<R: std::io::Read + std::io::Seek>(
    file: R,
    max_unzipped: u64,
    max_cells: u64,
) -> Result<(ZipKind, zip::ZipArchive<R>), String> {
    let mut zip = zip::ZipArchive::new(file).map_err(|e| {
        format!(
            "the file is damaged: it is not a complete zip archive, as an .xlsx or .ods must be (it may have been cut short while copying or downloading; {e})"
        )
    })?;
    let names: Vec<String> = entries(&mut zip, max_unzipped)?
        .into_iter()
        .map(|e| e.name.to_lowercase())
        .collect();
    let has = |n: &str| names.iter().any(|x| x.trim_start_matches('/') == n);
    if has("xl/workbook.bin") {
        Ok((ZipKind::Xlsb, zip))
    } else if has("content.xml") || has("mimetype") {
        if let Ok(content) = zip.by_name("content.xml") {
            ods_precheck(std::io::BufReader::new(content), max_cells)?;
        }
        Ok((ZipKind::Ods, zip))
    } else if has("word/document.xml") && !names.iter().any(|n| n.ends_with("workbook.xml")) {
        // A Word document has a [Content_Types].xml too: told apart
        // before the Office packages in general.
        Err("the file is a Word document (.docx), not a spreadsheet".into())
    } else if has("ppt/presentation.xml") && !names.iter().any(|n| n.ends_with("workbook.xml")) {
        Err("the file is a PowerPoint presentation (.pptx), not a spreadsheet".into())
    } else if has("[content_types].xml") || names.iter().any(|n| n.ends_with("workbook.xml")) {
        if let Some(i) = names
            .iter()
            .position(|n| n.ends_with("xl/sharedstrings.xml"))
        {
            sst_precheck(&mut zip, i)?;
        }
        Ok((ZipKind::Xlsx, zip))
    } else if names.iter().any(|n| {
        let ext = n.rsplit('.').next().unwrap_or_default();
        n.contains('.') && super::discover::SPREADSHEET_EXTENSIONS.contains(&ext)
    }) {
        // Workbooks zipped together, the archive then saved under a
        // workbook's name: a zip archive of files, read when named .zip.
        Err(format!(
            "the file is a zip archive of files named like a workbook, not a workbook itself (it contains: {})",
            names.iter().take(5).cloned().collect::<Vec<_>>().join(", ")
        ))
    } else {
        Err(format!(
            "the file is a zip archive but holds no workbook (it contains: {})",
            names.iter().take(5).cloned().collect::<Vec<_>>().join(", ")
        ))
    }
}

/// calamine reserves room for as many shared strings as the
/// `uniqueCount` of `xl/sharedStrings.xml` declares, before reading any:
/// `uniqueCount="100000000000"` asks for terabytes and aborts the process.
/// Each string takes several bytes of XML (`<si/>` at the least), so a count
/// above a quarter of the part's size is a lie.
///
/// # Errors
/// A plain reason when the declared count cannot fit in the part.
fn sst_precheck<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    index: usize,
) -> Result<(), String> {
    use std::io::Read;
    let Ok(part) = zip.by_index(index) else {
        return Ok(());
    };
    let size = part.size();
    // Looked for in the bytes: the head is mostly text, and the count
    // (after its opening quote, one ASCII byte) is digits.
    const ATTR: &[u8] = b"uniqueCount=";
    let count_in = |head: &[u8]| -> Option<(usize, usize)> {
        let at = memchr::memmem::find(head, ATTR)? + ATTR.len() + 1;
        let rest = head.get(at..)?;
        Some((at, rest.iter().take_while(|b| b.is_ascii_digit()).count()))
    };
    // The first 4 KB at most, inflated a piece at a time: the count opens
    // the part, and the rest of the 4 KB is not inflated once it is read.
    let mut part = part.take(4096);
    let mut head = Vec::with_capacity(4096);
    let mut piece = [0u8; 512];
    loop {
        match part.read(&mut piece) {
            Ok(0) => break,
            Ok(n) => head.extend_from_slice(piece.get(..n).unwrap_or_default()),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return Ok(()),
        }
        // Read on while the count may go on past what is read.
        if count_in(&head).is_some_and(|(at, len)| at + len < head.len()) {
            break;
        }
    }
    let digits: Option<&[u8]> = memchr::memmem::find(&head, ATTR)
        .and_then(|at| head.get(at + ATTR.len()..))
        .and_then(|rest| rest.split_first())
        .filter(|(quote, _)| quote.is_ascii())
        .and_then(|(_, rest)| rest.get(..rest.iter().take_while(|b| b.is_ascii_digit()).count()));
    let declared = match digits {
        Some(d) if !d.is_empty() => std::str::from_utf8(d)
            .ok()
            .and_then(|d| d.parse::<u64>().ok())
            .unwrap_or(u64::MAX),
        _ => return Ok(()),
    };
    if declared > size / 4 + 16 {
        return Err(format!(
            "the file is damaged: it declares {declared} different texts in a part of {size} bytes"
        ));
    }
    Ok(())
}

/// calamine parses every sheet of an `.ods` when it opens it, expanding
/// `number-rows-repeated` and `number-columns-repeated` up to 100 million
/// cells (3 GB). This streams `content.xml` once and refuses a table whose
/// filled area (up to its last non-empty row and column, repeats counted)
/// exceeds `max_cells`. Trailing empty repeats, which LibreOffice writes to
/// the sheet's end, do not count.
///
/// # Errors
/// A plain reason naming the table and its size.
fn ods_precheck(content: impl std::io::BufRead, max_cells: u64) -> Result<(), String> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let (mut table, mut row, mut col) = (String::new(), 0u64, 0u64);
    let (mut last_row, mut last_col) = (None::<u64>, 0u64);
    let mut row_repeat = 1u64;
    let mut row_filled = false;
    let repeat = |e: &quick_xml::events::BytesStart, name: &str| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| a.value.trim().parse::<u64>().ok())
            .unwrap_or(1)
            .max(1)
    };
    let check = |table: &str, last_row: Option<u64>, last_col: u64| {
        match last_row {
        Some(r) if (r + 1).saturating_mul(last_col + 1) > max_cells => Err(format!(
            "sheet '{table}' spans {} rows × {} columns ({} cells), more than the limit of {max_cells} cells per sheet (limits.max_cells in the template)",
            r + 1,
            last_col + 1,
            (r + 1).saturating_mul(last_col + 1)
        )),
        _ => Ok(()),
    }
    };
    loop {
        buf.clear();
        let ev = match xml.read_event_into(&mut buf) {
            Ok(ev) => ev,
            // A damaged content.xml is calamine's to report.
            Err(_) => return Ok(()),
        };
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                match e.name().as_ref() {
                    "table:table" => {
                        check(&table, last_row, last_col)?;
                        table = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == "table:name")
                            .map(|a| a.value.to_string())
                            .unwrap_or_default();
                        (row, last_row, last_col) = (0, None, 0);
                    }
                    "table:table-row" => {
                        row_repeat = repeat(e, "table:number-rows-repeated");
                        (col, row_filled) = (0, false);
                        if empty {
                            row = row.saturating_add(row_repeat);
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" => {
                        let n = repeat(e, "table:number-columns-repeated");
                        let filled = !empty
                            || e.attributes()
                                .flatten()
                                .any(|a| a.key.as_ref() == "office:value-type");
                        col = col.saturating_add(n);
                        if filled {
                            last_col = last_col.max(col - 1);
                            row_filled = true;
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if row_filled {
                    last_row = Some(row.saturating_add(row_repeat - 1));
                }
                row = row.saturating_add(row_repeat);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    check(&table, last_row, last_col)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn archive(parts: &[(&str, &[u8])]) -> tempfile::NamedTempFile {
        let f = tempfile::NamedTempFile::new().unwrap();
        let mut z = zip::ZipWriter::new(f.reopen().unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in parts {
            z.start_file(*name, opts).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap();
        f
    }

    /// [`precheck`] of the file at `path`: its kind.
    fn kind_of(
        path: &std::path::Path,
        max_unzipped: u64,
        max_cells: u64,
    ) -> Result<ZipKind, String> {
        let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
        precheck(file, max_unzipped, max_cells).map(|(kind, _)| kind)
    }

    #[test]
    fn a_workbook_is_recognised_by_its_parts() {
        let f = archive(&[
            ("[Content_Types].xml", b"<x/>"),
            ("xl/workbook.xml", b"<w/>"),
        ]);
        assert_eq!(kind_of(f.path(), 1_000_000, 1000).unwrap(), ZipKind::Xlsx);
        let f = archive(&[(
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        )]);
        assert_eq!(kind_of(f.path(), 1_000_000, 1000).unwrap(), ZipKind::Ods);
        let f = archive(&[("word/document.xml", b"<w/>")]);
        assert!(kind_of(f.path(), 1_000_000, 1000)
            .unwrap_err()
            .contains("Word"));
    }

    #[test]
    fn a_zip_bomb_is_refused_before_inflating() {
        let zeros = vec![0u8; 30_000_000];
        let f = archive(&[
            ("xl/workbook.xml", b"<w/>"),
            ("xl/worksheets/sheet1.xml", &zeros),
        ]);
        let err = kind_of(f.path(), 1_000_000_000, 1000).unwrap_err();
        assert!(err.contains("zip bomb"), "{err}");
        let f = archive(&[("xl/workbook.xml", &zeros[..2_000_000])]);
        assert!(kind_of(f.path(), 1_000_000, 1000)
            .unwrap_err()
            .contains("max_unzipped_mb"));
    }

    #[test]
    fn ods_repeats_are_counted_but_trailing_empty_rows_are_not() {
        let content = |rows: &str| {
            format!(
                r#"<office:document-content><office:body><office:spreadsheet><table:table table:name="S">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
            )
        };
        // A filled cell repeated 10,000 columns, in a row repeated 1,000
        // times: 10 million cells.
        let bomb = content(
            r#"<table:table-row table:number-rows-repeated="1000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="10000"/></table:table-row>"#,
        );
        let err = ods_precheck(bomb.as_bytes(), 2_000_000).unwrap_err();
        assert!(err.contains("1000 rows × 10000 columns"), "{err}");
        // As LibreOffice writes a small sheet: empty repeats to the end.
        let normal = content(
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#,
        );
        assert!(ods_precheck(normal.as_bytes(), 2_000_000).is_ok());
    }

    #[test]
    fn a_lying_shared_string_count_is_refused() {
        let sst = br#"<?xml version="1.0"?><sst xmlns="x" count="1" uniqueCount="100000000000"><si><t>a</t></si></sst>"#;
        let f = archive(&[
            ("[Content_Types].xml", b"<x/>"),
            ("xl/sharedStrings.xml", sst),
        ]);
        let err = kind_of(f.path(), 1_000_000, 1000).unwrap_err();
        assert!(err.contains("100000000000 different texts"), "{err}");
        let sst = br#"<sst xmlns="x" count="1" uniqueCount="1"><si><t>a</t></si></sst>"#;
        let f = archive(&[
            ("[Content_Types].xml", b"<x/>"),
            ("xl/sharedStrings.xml", sst),
        ]);
        assert!(kind_of(f.path(), 1_000_000, 1000).is_ok());
    }

    /// The shared-string count is read a piece at a time: a count whose
    /// digits run across the end of a piece is read whole, lying or not,
    /// and one past the first 4 KB is not looked at, as before.
    #[test]
    fn a_shared_string_count_across_a_pieces_end_is_read_whole() {
        let sst = |pad: usize, count: &str| {
            format!(
                r#"<?xml version="1.0"?><!--{}--><sst xmlns="x" count="1" uniqueCount="{count}"><si><t>a</t></si></sst>"#,
                "x".repeat(pad)
            )
        };
        let kind = |xml: String| {
            let f = archive(&[
                ("[Content_Types].xml", b"<x/>"),
                ("xl/sharedStrings.xml", xml.as_bytes()),
            ]);
            kind_of(f.path(), 1_000_000, 1000)
        };
        // "uniqueCount=\"" ends 6 bytes before the first piece's end, and
        // 12 digits run 6 bytes into the next: the whole count is judged.
        let prefix = sst(0, "").find("uniqueCount=").unwrap() + "uniqueCount=\"".len();
        let pad = 512 - 6 - prefix;
        let err = kind(sst(pad, "100000000000")).unwrap_err();
        assert!(err.contains("100000000000 different texts"), "{err}");
        // The near miss: an honest count at the same place.
        assert!(kind(sst(pad, "1")).is_ok());
        assert!(kind(sst(pad - 1, "100000000000")).is_err());
        // A count after the first 4 KB is not read.
        assert!(kind(sst(4096, "100000000000")).is_ok());
    }

    #[test]
    fn a_cut_archive_is_damaged() {
        let f = archive(&[("xl/workbook.xml", b"<workbook/>")]);
        let bytes = std::fs::read(f.path()).unwrap();
        std::fs::write(f.path(), &bytes[..bytes.len() / 2]).unwrap();
        assert!(kind_of(f.path(), 1_000_000, 1000)
            .unwrap_err()
            .contains("not a complete zip"));
    }
}
