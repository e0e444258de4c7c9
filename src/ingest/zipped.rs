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

use std::fs::File;
use std::path::Path;

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

/// Checks the archive's directory.
///
/// # Errors
/// A plain reason when the archive is damaged or cut short, is not a
/// workbook, or would inflate beyond the limit.
pub fn precheck(path: &Path, max_unzipped: u64) -> Result<ZipKind, String> {
    let f = File::open(path).map_err(|e| format!("the file cannot be opened: {e}"))?;
    let mut zip = zip::ZipArchive::new(f).map_err(|e| {
        format!(
            "the file is damaged: it is not a complete zip archive, as an .xlsx or .ods must be (it may have been cut short while copying or downloading; {e})"
        )
    })?;
    let mut total: u64 = 0;
    let mut names = Vec::new();
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|e| {
            format!("the file is damaged: a part of the zip archive cannot be read ({e})")
        })?;
        let name = part
            .name()
            .map(|n| n.replace('\\', "/"))
            .unwrap_or_else(|_| String::from("?"));
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
        names.push(name.to_lowercase());
    }
    if total > max_unzipped {
        return Err(format!(
            "the file would expand to {} MB once uncompressed, more than the limit of {} MB (limits.max_unzipped_mb in the template)",
            total / 1_000_000,
            max_unzipped / 1_000_000
        ));
    }
    let has = |n: &str| names.iter().any(|x| x.trim_start_matches('/') == n);
    if has("xl/workbook.bin") {
        Ok(ZipKind::Xlsb)
    } else if has("content.xml") || has("mimetype") {
        Ok(ZipKind::Ods)
    } else if has("[content_types].xml") || names.iter().any(|n| n.ends_with("workbook.xml")) {
        Ok(ZipKind::Xlsx)
    } else if has("word/document.xml") {
        Err("the file is a Word document (.docx), not a spreadsheet".into())
    } else if has("ppt/presentation.xml") {
        Err("the file is a PowerPoint presentation (.pptx), not a spreadsheet".into())
    } else {
        Err(format!(
            "the file is a zip archive but holds no workbook (it contains: {})",
            names.iter().take(5).cloned().collect::<Vec<_>>().join(", ")
        ))
    }
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

    #[test]
    fn a_workbook_is_recognised_by_its_parts() {
        let f = archive(&[
            ("[Content_Types].xml", b"<x/>"),
            ("xl/workbook.xml", b"<w/>"),
        ]);
        assert_eq!(precheck(f.path(), 1_000_000).unwrap(), ZipKind::Xlsx);
        let f = archive(&[(
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        )]);
        assert_eq!(precheck(f.path(), 1_000_000).unwrap(), ZipKind::Ods);
        let f = archive(&[("word/document.xml", b"<w/>")]);
        assert!(precheck(f.path(), 1_000_000).unwrap_err().contains("Word"));
    }

    #[test]
    fn a_zip_bomb_is_refused_before_inflating() {
        let zeros = vec![0u8; 30_000_000];
        let f = archive(&[
            ("xl/workbook.xml", b"<w/>"),
            ("xl/worksheets/sheet1.xml", &zeros),
        ]);
        let err = precheck(f.path(), 1_000_000_000).unwrap_err();
        assert!(err.contains("zip bomb"), "{err}");
        let f = archive(&[("xl/workbook.xml", &zeros[..2_000_000])]);
        assert!(precheck(f.path(), 1_000_000)
            .unwrap_err()
            .contains("max_unzipped_mb"));
    }

    #[test]
    fn a_cut_archive_is_damaged() {
        let f = archive(&[("xl/workbook.xml", b"<workbook/>")]);
        let bytes = std::fs::read(f.path()).unwrap();
        std::fs::write(f.path(), &bytes[..bytes.len() / 2]).unwrap();
        assert!(precheck(f.path(), 1_000_000)
            .unwrap_err()
            .contains("not a complete zip"));
    }
}
