//! Zip archives in the input folder. Clerks forward a ward's workbooks
//! zipped ("Bao cao Phuong 7 va Phuong 8.zip"): each spreadsheet inside is
//! a submission of its own, named by the archive's path and its own name
//! in every output, and read from memory (nothing is extracted):
//!
//! ```text
//! input folder                         listed as
//! Bao cao P7 va P8.zip                 (the archive itself is not a row)
//!   ├─ P07.xlsx                        Bao cao P7 va P8.zip/P07.xlsx   read
//!   ├─ P08.xlsx                        Bao cao P7 va P8.zip/P08.xlsx   read
//!   ├─ cong van.pdf                    Bao cao P7 va P8.zip/cong van.pdf  skipped
//!   └─ cu.zip                          opened too: one level of nesting
//!        └─ P09.xlsx                   Bao cao P7 va P8.zip/cu.zip/P09.xlsx  read
//! ```
//!
//! The archive's directory is checked like a workbook's before anything is
//! inflated ([`super::zipped::entries`]: zip-bomb ratio and
//! `limits.max_unzipped_mb`); each member is read whole into memory, at
//! most `limits.max_file_mb` as any file. A damaged or password-protected
//! archive is one unreadable file with its reason. A file named `.zip`
//! whose parts are a workbook's (an `.xlsx` renamed) is read as that
//! workbook: what a file is comes from its content.
//!
//! An e-mail saved as a file (`.eml`, the way a web mail or Thunderbird
//! saves one) is opened the same way: its attachments are its files
//! (`Thu P15.eml/Bao cao Q3.xlsx`), a zip among them opened too, so a
//! ward whose only copy came inside a saved e-mail is not "missing".

use super::discover::{classify, InputFile, InputKind};
use super::zipped;
use crate::template::Limits;
use std::io::{Read, Seek};

/// How many archives deep a member may lie: a zip inside the archive is
/// opened, a zip inside that one is listed as skipped.
const MAX_DEPTH: usize = 2;

fn mb(n: u64) -> u64 {
    n.saturating_mul(1_000_000)
}

/// Replaces each zip archive of `files` by the files inside it (sorted by
/// name, after any other file of the same name), or by itself as
/// unreadable with the reason. Other files pass unchanged.
pub fn expand(files: Vec<InputFile>, limits: &Limits) -> Vec<InputFile> {
    let mut out = Vec::with_capacity(files.len());
    for file in files {
        if file.kind == InputKind::Archive {
            out.extend(members(file, limits));
        } else {
            out.push(file);
        }
    }
    out
}

/// Is the file a saved e-mail (by its name: `.eml`)?
fn is_mail(path: &std::path::Path) -> bool {
    super::discover::extension(path) == "eml"
}

/// The attachments of a saved e-mail, each with the name it is listed
/// under (its own, or "tệp đính kèm N" when it has none; a name met twice
/// gets " (2)").
fn attachments(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    use mail_parser::MimeHeaders;
    let message = mail_parser::MessageParser::default()
        .parse(bytes)
        .ok_or("the e-mail file is damaged: its parts cannot be read")?;
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    for (k, part) in message.attachments().enumerate() {
        let base = part
            .attachment_name()
            .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).trim().to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("tệp đính kèm {}", k + 1));
        let mut name = base.clone();
        let mut n = 1;
        while out.iter().any(|(m, _)| *m == name) {
            n += 1;
            name = match base.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem} ({n}).{ext}"),
                None => format!("{base} ({n})"),
            };
        }
        out.push((name, part.contents().to_vec()));
    }
    Ok(out)
}

/// The bytes of a saved e-mail on disk, at most twice `limits.max_file_mb`
/// (attachments are written in base64, a third larger).
fn read_mail(path: &std::path::Path, limits: &Limits) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("the file cannot be opened: {e}"))?
        .len();
    if size > mb(limits.max_file_mb).saturating_mul(2) {
        return Err(format!(
            "the file is {} MB, more than the limit of {} MB (limits.max_file_mb in the template)",
            size / 1_000_000,
            limits.max_file_mb
        ));
    }
    std::fs::read(path).map_err(|e| format!("the file cannot be opened: {e}"))
}

/// The files attached to a saved e-mail found in the input folder.
fn mail_members(mail: InputFile, limits: &Limits) -> Vec<InputFile> {
    let listed = read_mail(&mail.path, limits).and_then(|bytes| attachments(&bytes));
    let attached = match listed {
        Ok(a) if a.is_empty() => {
            return vec![InputFile {
                kind: InputKind::Skipped(
                    "an e-mail saved as a file (.eml) with no attachment; not a submission".into(),
                ),
                ..mail
            }]
        }
        Ok(a) => a,
        Err(reason) => {
            return vec![InputFile {
                kind: InputKind::Unreadable(reason),
                ..mail
            }]
        }
    };
    let mut out = Vec::new();
    for (name, bytes) in attached {
        // The attachment saved beside the e-mail as well: one file, read
        // once (else the unit would seem to have sent it twice).
        let beside = mail.path.with_file_name(&name);
        let saved = beside.is_file()
            && std::fs::metadata(&beside).is_ok_and(|m| m.len() == bytes.len() as u64)
            && std::fs::read(&beside).is_ok_and(|b| b == bytes);
        let kind = if saved {
            InputKind::Skipped(format!(
                "the same file as «{name}» saved beside the e-mail (.eml), which is read"
            ))
        } else {
            classify(&name)
        };
        let file = InputFile {
            path: mail.path.clone(),
            rel: format!("{}/{name}", mail.rel),
            kind,
            modified: mail.modified,
            member: vec![name],
        };
        if file.kind != InputKind::Archive {
            out.push(file);
            continue;
        }
        let listed = list_bytes(&file, bytes, limits);
        out.extend(listed_in(file, listed));
    }
    out
}

/// The files inside one archive found in the input folder.
fn members(archive: InputFile, limits: &Limits) -> Vec<InputFile> {
    if is_mail(&archive.path) {
        return mail_members(archive, limits);
    }
    let opened = std::fs::File::open(&archive.path)
        .map_err(|e| format!("the file cannot be opened: {e}"))
        .map(std::io::BufReader::new);
    let listed = opened.and_then(|f| list(&archive, f, limits));
    match listed {
        Ok(Listed::Files(files)) => files,
        Ok(Listed::Workbook) => vec![InputFile {
            kind: InputKind::Spreadsheet,
            ..archive
        }],
        Err(reason) => vec![InputFile {
            kind: InputKind::Unreadable(reason),
            ..archive
        }],
    }
}

/// What an archive turned out to hold.
enum Listed {
    /// Files, each a submission, a skip or a reason.
    Files(Vec<InputFile>),
    /// The parts of a workbook (or another office document): the archive
    /// is read as one file.
    Workbook,
}

/// Lists the files of the archive `archive` (at `archive.member` inside
/// the input file, when it is itself inside one), read from `reader`.
fn list<R: Read + Seek>(archive: &InputFile, reader: R, limits: &Limits) -> Result<Listed, String> {
    let mut zip = open_zip(reader)?;
    let entries = zipped::entries(&mut zip, mb(limits.max_unzipped_mb))?;
    let lower: Vec<String> = entries.iter().map(|e| e.name.to_lowercase()).collect();
    if zipped::is_document(&lower) {
        return Ok(Listed::Workbook);
    }
    if entries.iter().any(|e| e.encrypted) {
        return Err(
            "the zip archive is protected by a password (encrypted); the files inside cannot be read"
                .into(),
        );
    }
    let mut entries: Vec<&zipped::Entry> =
        entries.iter().filter(|e| !e.name.ends_with('/')).collect();
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    if entries.is_empty() {
        return Err("the zip archive is empty: it holds no file".into());
    }
    let mut out = Vec::new();
    for entry in entries {
        let mut member = archive.member.clone();
        member.push(entry.name.clone());
        let base = entry.name.rsplit('/').next().unwrap_or(&entry.name);
        let kind = if entry.name.starts_with("__MACOSX/") || base.starts_with("._") {
            InputKind::Skipped(
                "macOS file information (__MACOSX) stored in the zip archive; not a submission"
                    .into(),
            )
        } else {
            classify(base)
        };
        let kind = if kind == InputKind::Archive && is_mail(std::path::Path::new(base)) {
            InputKind::Skipped(
                "an e-mail saved as a file (.eml) inside a zip archive: its attachments are not opened; save them beside the archive"
                    .into(),
            )
        } else {
            kind
        };
        let file = InputFile {
            path: archive.path.clone(),
            rel: format!("{}/{}", archive.rel, entry.name),
            kind,
            modified: archive.modified,
            member,
        };
        if file.kind != InputKind::Archive {
            out.push(file);
            continue;
        }
        if file.member.len() >= MAX_DEPTH {
            out.push(InputFile {
                kind: InputKind::Skipped(
                    "a zip archive inside a zip archive inside another: archives are opened one level deep, so its files are not read"
                        .into(),
                ),
                ..file
            });
            continue;
        }
        let inner =
            take(&mut zip, &entry.name, limits).and_then(|bytes| list_bytes(&file, bytes, limits));
        out.extend(listed_in(file, inner));
    }
    Ok(Listed::Files(out))
}

/// [`list`] of an archive held in memory.
fn list_bytes(archive: &InputFile, bytes: Vec<u8>, limits: &Limits) -> Result<Listed, String> {
    list(archive, std::io::Cursor::new(bytes), limits)
}

/// The files an archive inside another (or attached to an e-mail) stands
/// for: its own files, itself read as a workbook, or itself unreadable.
fn listed_in(file: InputFile, listed: Result<Listed, String>) -> Vec<InputFile> {
    match listed {
        Ok(Listed::Files(files)) => files,
        Ok(Listed::Workbook) => vec![InputFile {
            kind: InputKind::Spreadsheet,
            ..file
        }],
        Err(reason) => vec![InputFile {
            kind: InputKind::Unreadable(reason),
            ..file
        }],
    }
}

fn open_zip<R: Read + Seek>(reader: R) -> Result<zip::ZipArchive<R>, String> {
    zip::ZipArchive::new(reader).map_err(|e| {
        format!(
            "the zip archive is damaged: it is not a complete zip archive (it may have been cut short while copying or downloading; {e})"
        )
    })
}

/// The bytes of one file of an archive, at most `limits.max_file_mb` (the
/// zip reader refuses a file longer than its directory declares).
fn take<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    limits: &Limits,
) -> Result<Vec<u8>, String> {
    // Entries are listed with forward slashes; an archive written with
    // backslashes (Windows' own zip tools) keeps them in its directory.
    // Entries are listed by `zipped::entry_name`: forward slashes, and a
    // name in the Windows code page decoded as such.
    let index = zip.index_for_name(name).or_else(|| {
        (0..zip.len()).find(|&i| {
            zip.by_index_raw(i)
                .is_ok_and(|e| zipped::entry_name(e.name_raw()) == name)
        })
    });
    let found = match index {
        Some(i) => zip.by_index(i),
        None => zip.by_name(name),
    };
    let entry = found.map_err(|e| {
        if matches!(e, zip::result::ZipError::UnsupportedArchive(m) if m.contains("assword")) {
            "the zip archive is protected by a password (encrypted); the files inside cannot be read".to_string()
        } else {
            format!("the file is damaged: a part of the zip archive cannot be read ({e})")
        }
    })?;
    if entry.size() > mb(limits.max_file_mb) {
        return Err(format!(
            "the file is {} MB, more than the limit of {} MB (limits.max_file_mb in the template)",
            entry.size() / 1_000_000,
            limits.max_file_mb
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0));
    entry
        .take(mb(limits.max_file_mb).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| {
            format!(
                "the file is damaged: a part of the zip archive cannot be read (a part of it is larger than the archive declares, or {e})"
            )
        })?;
    Ok(bytes)
}

/// The bytes of a file inside an archive ([`InputFile::member`]), read
/// into memory from the archive on disk.
///
/// # Errors
/// A plain reason when the archive, or the archive inside it, cannot be
/// read again, or the file is larger than the limits.
pub fn read_member(file: &InputFile, limits: &Limits) -> Result<Vec<u8>, String> {
    let Some((first, rest)) = file.member.split_first() else {
        return Err("not a file inside a zip archive".into());
    };
    let mut bytes = if is_mail(&file.path) {
        attachments(&read_mail(&file.path, limits)?)?
            .into_iter()
            .find(|(name, _)| name == first)
            .map(|(_, b)| b)
            .ok_or("the attachment is no longer in the e-mail file")?
    } else {
        let reader = std::fs::File::open(&file.path)
            .map_err(|e| format!("the file cannot be opened: {e}"))
            .map(std::io::BufReader::new)?;
        take(&mut open_zip(reader)?, first, limits)?
    };
    for name in rest {
        bytes = take(&mut open_zip(std::io::Cursor::new(bytes))?, name, limits)?;
    }
    Ok(bytes)
}

/// The bytes of the file a submission was read from, given its name
/// relative to the input folder ([`InputFile::rel`]): a file of its own,
/// or one inside an archive (`a.zip/P07.xlsx`, `a.zip/cu.zip/P09.xlsx`).
/// `None` when it cannot be found or read again.
pub fn source_bytes(dir: &std::path::Path, rel: &str, limits: &Limits) -> Option<Vec<u8>> {
    let parts: Vec<&str> = rel.split('/').collect();
    // The longest leading path that is a file on disk is the archive.
    let at = (1..=parts.len()).find(|&k| dir.join(parts[..k].join("/")).is_file())?;
    let path = dir.join(parts[..at].join("/"));
    if at == parts.len() {
        let size = std::fs::metadata(&path).ok()?.len();
        return (size <= mb(limits.max_file_mb))
            .then(|| std::fs::read(&path).ok())
            .flatten();
    }
    // Inside: the member names, split where a name of the archive ends
    // with ".zip" and more follows.
    let inner = parts[at..].join("/");
    let mut member = Vec::new();
    let mut rest = inner.as_str();
    while let Some(k) = (0..rest.len()).find(|&i| {
        rest.get(i..i + 5)
            .is_some_and(|s| s.eq_ignore_ascii_case(".zip/"))
    }) {
        member.push(rest[..k + 4].to_string());
        rest = &rest[k + 5..];
    }
    member.push(rest.to_string());
    let file = InputFile {
        member,
        ..InputFile::new(path, rel.to_string(), InputKind::Spreadsheet, None)
    };
    read_member(&file, limits).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in parts {
            if name.ends_with('/') {
                z.add_directory(*name, opts).unwrap();
            } else {
                z.start_file(*name, opts).unwrap();
                z.write_all(data).unwrap();
            }
        }
        z.finish().unwrap().into_inner()
    }

    fn expand_one(dir: &std::path::Path, name: &str, bytes: &[u8]) -> Vec<InputFile> {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let file = InputFile::new(path, name.to_string(), InputKind::Archive, None);
        expand(vec![file], &Limits::default())
    }

    /// A zip holding one stored file under the raw name `name` (any
    /// bytes, as old Windows tools write them), built by hand.
    fn zip_raw(name: &[u8], data: &[u8]) -> Vec<u8> {
        let crc = {
            let mut c = 0xFFFF_FFFFu32;
            for &b in data {
                c ^= u32::from(b);
                for _ in 0..8 {
                    c = if c & 1 == 1 {
                        (c >> 1) ^ 0xEDB8_8320
                    } else {
                        c >> 1
                    };
                }
            }
            !c
        };
        let (n, d) = (name.len() as u16, data.len() as u32);
        let mut out = Vec::new();
        out.extend(0x0403_4b50u32.to_le_bytes());
        out.extend([20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        out.extend(crc.to_le_bytes());
        out.extend(d.to_le_bytes());
        out.extend(d.to_le_bytes());
        out.extend(n.to_le_bytes());
        out.extend(0u16.to_le_bytes());
        out.extend(name);
        out.extend(data);
        let central = out.len() as u32;
        out.extend(0x0201_4b50u32.to_le_bytes());
        out.extend([20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        out.extend(crc.to_le_bytes());
        out.extend(d.to_le_bytes());
        out.extend(d.to_le_bytes());
        out.extend(n.to_le_bytes());
        out.extend([0u8; 12]);
        out.extend(0u32.to_le_bytes());
        out.extend(name);
        let size = out.len() as u32 - central;
        out.extend(0x0605_4b50u32.to_le_bytes());
        out.extend([0, 0, 0, 0, 1, 0, 1, 0]);
        out.extend(size.to_le_bytes());
        out.extend(central.to_le_bytes());
        out.extend(0u16.to_le_bytes());
        out
    }

    /// A name written in the Vietnamese Windows code page without the
    /// UTF-8 flag ("Phường 16.xlsx" as bytes of code page 1258, its tone a
    /// combining mark) is listed as the clerk wrote it, not as code page
    /// 437's "Ph²⌡╠ng", and read back under that name.
    #[test]
    fn a_name_in_the_windows_code_page_is_read_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let raw = [
            80, 104, 253, 245, 204, 110, 103, 32, 49, 54, 46, 120, 108, 115, 120,
        ];
        let files = expand_one(dir.path(), "Gui VP.zip", &zip_raw(&raw, b"sixteen"));
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].rel, "Gui VP.zip/Phường 16.xlsx");
        assert_eq!(files[0].kind, InputKind::Spreadsheet);
        assert_eq!(
            read_member(&files[0], &Limits::default()).unwrap(),
            b"sixteen"
        );
        // A UTF-8 name without the flag stays UTF-8.
        let files = expand_one(
            dir.path(),
            "b.zip",
            &zip_raw("Phường 2.xlsx".as_bytes(), b"two"),
        );
        assert_eq!(files[0].rel, "b.zip/Phường 2.xlsx");
        assert_eq!(read_member(&files[0], &Limits::default()).unwrap(), b"two");
    }

    /// Windows' own zip tools (PowerShell 5's Compress-Archive) write
    /// folders with backslashes: the file is listed with forward slashes
    /// and read back all the same, not called damaged.
    #[test]
    fn a_file_named_with_backslashes_in_its_archive_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let outer = zip_of(&[("Bao cao quy 3\\Phuong 15\\BC quy 3.xlsx", b"fifteen")]);
        // The archive's directory keeps the backslashes.
        assert!(outer.windows(10).any(|w| w == b"3\\Phuong 1"));
        let files = expand_one(dir.path(), "P15.zip", &outer);
        assert_eq!(files.len(), 1);
        assert_eq!(
            files[0].rel,
            "P15.zip/Bao cao quy 3/Phuong 15/BC quy 3.xlsx"
        );
        assert_eq!(files[0].kind, InputKind::Spreadsheet);
        assert_eq!(
            read_member(&files[0], &Limits::default()).unwrap(),
            b"fifteen"
        );
        assert_eq!(
            source_bytes(
                dir.path(),
                "P15.zip/Bao cao quy 3/Phuong 15/BC quy 3.xlsx",
                &Limits::default()
            )
            .unwrap(),
            b"fifteen"
        );
    }

    #[test]
    fn the_files_of_an_archive_are_listed_one_level_deep() {
        let dir = tempfile::tempdir().unwrap();
        let deepest = zip_of(&[("P10.xlsx", b"x")]);
        let inner = zip_of(&[("P09.xlsx", b"nine"), ("sau.zip", &deepest)]);
        let outer = zip_of(&[
            ("P07.xlsx", b"seven"),
            ("con/", b""),
            ("con/P08.csv", b"a,b"),
            ("cong van.pdf", b"%PDF"),
            ("__MACOSX/._P07.xlsx", b"x"),
            ("cu.zip", &inner),
        ]);
        let files = expand_one(dir.path(), "a.zip", &outer);
        let got: Vec<(&str, &InputKind)> =
            files.iter().map(|f| (f.rel.as_str(), &f.kind)).collect();
        let rels: Vec<&str> = got.iter().map(|(r, _)| *r).collect();
        assert_eq!(
            rels,
            [
                "a.zip/P07.xlsx",
                "a.zip/__MACOSX/._P07.xlsx",
                "a.zip/con/P08.csv",
                "a.zip/cong van.pdf",
                "a.zip/cu.zip/P09.xlsx",
                "a.zip/cu.zip/sau.zip",
            ]
        );
        let kinds: Vec<bool> = got
            .iter()
            .map(|(_, k)| **k == InputKind::Spreadsheet)
            .collect();
        assert_eq!(kinds, [true, false, true, false, true, false]);
        assert!(matches!(&files[5].kind, InputKind::Skipped(r) if r.contains("one level deep")));
        assert!(matches!(&files[3].kind, InputKind::Skipped(r) if r.contains(".pdf")));
        // Each is read back from the archive, nested or not.
        assert_eq!(
            read_member(&files[0], &Limits::default()).unwrap(),
            b"seven"
        );
        assert_eq!(read_member(&files[4], &Limits::default()).unwrap(), b"nine");
        assert_eq!(files[4].member, ["cu.zip", "P09.xlsx"]);
        // And found again from its name alone.
        let lim = Limits::default();
        assert_eq!(
            source_bytes(dir.path(), "a.zip/cu.zip/P09.xlsx", &lim).unwrap(),
            b"nine"
        );
        assert_eq!(
            source_bytes(dir.path(), "a.zip/con/P08.csv", &lim).unwrap(),
            b"a,b"
        );
    }

    #[test]
    fn a_workbook_named_zip_is_read_as_a_workbook_and_a_damaged_archive_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let xlsx = zip_of(&[
            ("[Content_Types].xml", b"<x/>"),
            ("xl/workbook.xml", b"<w/>"),
        ]);
        let files = expand_one(dir.path(), "book.zip", &xlsx);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].kind, InputKind::Spreadsheet);
        assert!(files[0].member.is_empty());
        let outer = zip_of(&[("P07.xlsx", b"seven")]);
        let files = expand_one(dir.path(), "cut.zip", &outer[..outer.len() / 2]);
        assert!(
            matches!(&files[0].kind, InputKind::Unreadable(r) if r.contains("not a complete zip archive")),
            "{:?}",
            files[0].kind
        );
    }

    #[test]
    fn an_archive_past_the_limits_is_refused_before_inflating() {
        let dir = tempfile::tempdir().unwrap();
        let zeros = vec![0u8; 2_000_000];
        let outer = zip_of(&[("P07.xlsx", &zeros)]);
        let path = dir.path().join("big.zip");
        std::fs::write(&path, &outer).unwrap();
        let file = InputFile::new(path, "big.zip".into(), InputKind::Archive, None);
        let limits = Limits {
            max_unzipped_mb: 1,
            ..Limits::default()
        };
        let files = expand(vec![file.clone()], &limits);
        assert!(
            matches!(&files[0].kind, InputKind::Unreadable(r) if r.contains("max_unzipped_mb")),
            "{:?}",
            files[0].kind
        );
        // Within the total, a member over max_file_mb is refused unread.
        let limits = Limits {
            max_file_mb: 1,
            ..Limits::default()
        };
        let files = expand(vec![file], &limits);
        assert_eq!(files[0].kind, InputKind::Spreadsheet);
        assert!(read_member(&files[0], &limits)
            .unwrap_err()
            .contains("max_file_mb"));
    }
}
