//! Finding the submissions: every file under the input folder, recursively,
//! in a stable order, each either a spreadsheet to read or a file skipped
//! with its reason. Nothing is ignored silently.

use crate::error::Fatal;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Extensions read as spreadsheets (compared in lower case): workbooks,
/// and the text tables web systems export (`.csv`, `.tsv`), read as one
/// sheet. What a file is comes from its content; these only decide which
/// files are opened.
pub const SPREADSHEET_EXTENSIONS: [&str; 10] = [
    "xlsx", "xlsm", "xlsb", "xls", "ods", "xltx", "xltm", "et", "csv", "tsv",
];

/// Extensions of archives whose spreadsheets are read as submissions of
/// their own ([`super::archive`]).
pub const ARCHIVE_EXTENSIONS: [&str; 2] = ["zip", "eml"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// To be read.
    Spreadsheet,
    /// A zip archive, to be opened and its spreadsheets listed in its
    /// place ([`super::archive::expand`]).
    Archive,
    /// Not read, with the reason in plain words.
    Skipped(String),
    /// Could not even be looked at (a folder that cannot be listed, a file
    /// whose metadata cannot be read).
    Unreadable(String),
}

/// One file found under the input folder.
#[derive(Clone, Debug)]
pub struct InputFile {
    /// Full path.
    pub path: PathBuf,
    /// Path relative to the input folder, with forward slashes.
    pub rel: String,
    pub kind: InputKind,
    pub modified: Option<SystemTime>,
    /// For a file inside a zip archive (`path` is then the archive's):
    /// its name in the archive, then, for one in a zip inside it, its name
    /// in that one. Empty for a file of its own.
    pub member: Vec<String>,
}

impl InputFile {
    /// A file of its own (not inside an archive).
    pub fn new(
        path: PathBuf,
        rel: String,
        kind: InputKind,
        modified: Option<SystemTime>,
    ) -> InputFile {
        InputFile {
            path,
            rel,
            kind,
            modified,
            member: Vec::new(),
        }
    }
}

/// What a file is by its name alone, as the input folder's files are
/// sorted before any is opened: an Excel lock file, a spreadsheet to read,
/// a zip archive to open, or another file skipped with its reason. `check`
/// sorts the file it is given the same way.
/// The reason a Mac's own files are skipped when a clerk unzipped an
/// archive made on a Mac (`__MACOSX/`, `._Phuong 04.xlsx`).
const MAC_FILES: &str =
    "macOS file information left by a Mac (__MACOSX, ._ files); not a submission";

pub fn classify(name: &str) -> InputKind {
    let ext = extension(Path::new(name));
    if name.starts_with("._") {
        InputKind::Skipped(MAC_FILES.into())
    } else if name.starts_with("~$") {
        InputKind::Skipped(
            "Excel lock file (~$…), left behind while a workbook is open; not a submission".into(),
        )
    } else if SPREADSHEET_EXTENSIONS.contains(&ext.as_str()) {
        InputKind::Spreadsheet
    } else if ARCHIVE_EXTENSIONS.contains(&ext.as_str()) {
        InputKind::Archive
    } else if ext == "rar" || ext == "7z" {
        InputKind::Skipped(format!(
            "{OTHER_ARCHIVE} (.{ext}), which the tool does not open"
        ))
    } else if ext.is_empty() {
        InputKind::Skipped(NO_EXTENSION.into())
    } else if ext == "txt" {
        // Read when its content is a table ([`classify_file`]).
        InputKind::Skipped(TEXT_NOT_TABLE.into())
    } else if ext == "docx" || ext == "doc" {
        // One reason for a Word document wherever it is left aside
        // (consolidate, annex, check) and in either language.
        InputKind::Skipped(WORD_DOCUMENT.into())
    } else {
        InputKind::Skipped(format!("not a spreadsheet (.{ext} file)"))
    }
}

/// Why a Word document is not read as a submission, in the words
/// [`crate::ingest::reasons`] puts in Vietnamese ("tệp là văn bản Word,
/// không phải bảng tính Excel").
pub const WORD_DOCUMENT: &str = "the file is a Word document, not a spreadsheet";

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The reason a link to a file that is gone is unreadable: the office's
/// own copy gone astray, which intake charges to no unit.
pub const DANGLING_LINK: &str = "a link (shortcut) to a file that no longer exists";

/// What a RAR or 7-Zip archive is skipped as; intake mentions it on the
/// lines of the units its name names.
pub const OTHER_ARCHIVE: &str = "a RAR or 7-Zip archive";

/// The reason links pointing at each other are skipped.
pub const LINK_LOOP: &str = "a link that loops back on itself; it leads to no file";

/// How deep folders are followed under the input folder.
const MAX_DEPTH: usize = 32;

/// Lists every file under `dir`, sorted by relative path. Links to files
/// and folders are followed, a linked folder once: a link back to a folder
/// above it (a loop) is listed as skipped, never walked again. Anything
/// that is not a regular file (a named pipe, a device, a socket) is
/// skipped without being opened: opening a pipe can block forever.
///
/// # Errors
/// When `dir` itself does not exist or is not a folder (fatal).
pub fn discover(dir: &Path) -> Result<Vec<InputFile>, Fatal> {
    use crate::error::{Arg, Problem};
    let meta = std::fs::metadata(dir)
        .map_err(|e| Fatal::input(dir, Arg::InputFolder, Problem::of_io(e)))?;
    if !meta.is_dir() {
        return Err(Fatal::input(dir, Arg::InputFolder, Problem::NotAFolder));
    }
    let mut out = Vec::new();
    let mut walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .min_depth(1)
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                let rel = relative(dir, &path);
                let kind = match e.loop_ancestor() {
                    Some(above) => {
                        let above = match relative(dir, above) {
                            r if r.is_empty() => "the input folder".to_string(),
                            r => format!("the folder «{r}»"),
                        };
                        InputKind::Skipped(format!(
                            "a link back to {above} above it; that folder is read once, not again through the link"
                        ))
                    }
                    None => match e.io_error() {
                        // ELOOP: links pointing at each other.
                        Some(io) if io.raw_os_error() == Some(40) => {
                            InputKind::Skipped(LINK_LOOP.into())
                        }
                        Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
                            InputKind::Unreadable(DANGLING_LINK.into())
                        }
                        Some(io) => InputKind::Unreadable(format!("it cannot be opened: {io}")),
                        None => InputKind::Unreadable(format!("it cannot be opened: {e}")),
                    },
                };
                out.push(InputFile {
                    path,
                    rel,
                    kind,
                    modified: None,
                    member: Vec::new(),
                });
                continue;
            }
        };
        let path = entry.path().to_path_buf();
        let rel = relative(dir, &path);
        let file_type = entry.file_type();
        if file_type.is_dir() {
            let ext = extension(&path);
            if SPREADSHEET_EXTENSIONS.contains(&ext.as_str()) {
                // Listed, so that a submission that arrived as a folder is
                // not lost without a word; its files are read as well.
                out.push(InputFile {
                    path: path.clone(),
                    rel: rel.clone(),
                    kind: InputKind::Skipped(format!(
                        "this is a folder named like a spreadsheet (.{ext}), not a file; the files inside it are read on their own"
                    )),
                    modified: None,
                    member: Vec::new(),
                });
            }
            if entry.depth() >= MAX_DEPTH {
                walk.skip_current_dir();
                out.push(InputFile {
                    path,
                    rel,
                    kind: InputKind::Skipped(format!(
                        "a folder nested more than {MAX_DEPTH} deep; its files are not read"
                    )),
                    modified: None,
                    member: Vec::new(),
                });
            }
            continue;
        }
        if !file_type.is_file() {
            out.push(InputFile {
                path,
                rel,
                kind: InputKind::Skipped(format!(
                    "not a regular file ({}); not opened",
                    special_kind(&file_type)
                )),
                modified: None,
                member: Vec::new(),
            });
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let modified = entry.metadata().ok().and_then(|m| m.modified().ok());
        let kind = if rel.split('/').any(|part| part == "__MACOSX") {
            InputKind::Skipped(MAC_FILES.into())
        } else {
            classify_file(&path, &name)
        };
        out.push(InputFile::new(path, rel, kind, modified));
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(out)
}

/// A path's extension in lower case ("" when it has none), read past the
/// spaces and dots a phone or Zalo leaves after it ("BC quy 1.xlsx ",
/// "BC quy 1.xlsx."): Windows drops them, so Excel opens such a file.
pub fn extension(path: &Path) -> String {
    let Some(name) = path.file_name() else {
        return String::new();
    };
    let name = name.to_string_lossy();
    let name = name.trim_end_matches([' ', '.']);
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// What a file is by its name ([`classify`]), and, for a file without an
/// extension, by its first bytes: one that begins as a workbook does (a
/// zip archive, an Excel 97-2003 compound file) is read as one, as
/// anything named like a workbook is judged by its content.
///
/// A `.txt` file is read as a `.tsv` is when it holds a table whose columns
/// are separated by tabs: what Excel writes for «Văn bản Unicode (*.txt)»
/// (UTF-16 with a byte order mark) and «Văn bản (phân tách bằng tab)»
/// ([`is_tab_table`]). Other text (a note, a letter) stays skipped.
pub fn classify_file(path: &Path, name: &str) -> InputKind {
    let kind = classify(name);
    if kind == InputKind::Skipped(TEXT_NOT_TABLE.into()) {
        return match text_head(path) {
            Ok(head) if is_tab_table(&head) => InputKind::Spreadsheet,
            _ => kind,
        };
    }
    if kind != InputKind::Skipped(NO_EXTENSION.into()) {
        return kind;
    }
    match super::sniff(path) {
        Ok((super::Container::Zip | super::Container::Ole, _)) => InputKind::Spreadsheet,
        _ => kind,
    }
}

/// The first 8 KiB of a file: enough lines of a text table to see its
/// shape.
fn text_head(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut head = Vec::with_capacity(8192);
    std::fs::File::open(path)?
        .take(8192)
        .read_to_end(&mut head)?;
    Ok(head)
}

/// Whether the first bytes of a text file are a table with columns
/// separated by tabs: UTF-16 with a byte order mark (Excel's «Unicode
/// Text») and tabs on its first line, or two lines of the same number of
/// tabs (two or more), as Excel pads every row of a sheet saved as text to
/// the same width. A line of prose with a tab or two in it is no table.
pub fn is_tab_table(head: &[u8]) -> bool {
    let utf16 = matches!(head, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]);
    let text = super::text::decode(head);
    let text = text.trim_start_matches('\u{feff}');
    if text
        .chars()
        .take(4096)
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return false;
    }
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    if utf16 && lines.first().is_some_and(|l| l.contains('\t')) && lines.len() >= 2 {
        return true;
    }
    let mut tabs: Vec<usize> = lines
        .iter()
        .map(|l| l.matches('\t').count())
        .filter(|&n| n >= 2)
        .collect();
    tabs.sort_unstable();
    tabs.windows(2).any(|w| w[0] == w[1])
}

/// The reason a file without an extension that does not begin as a
/// workbook is skipped.
const NO_EXTENSION: &str = "file without an extension; not a spreadsheet";

/// The reason a `.txt` file that holds no table is skipped
/// ([`classify_file`]).
pub const TEXT_NOT_TABLE: &str =
    "a text file (.txt) without a table (no columns separated by tabs); not a spreadsheet";

/// What a file that is neither a regular file nor a folder is.
fn special_kind(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    let _ = t;
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_listed_sorted_with_skips() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        for name in [
            "b.xlsx",
            "a.XLS",
            "~$b.xlsx",
            "note.docx",
            "sub/c.ods",
            "README",
        ] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        let files = discover(dir.path()).unwrap();
        let rels: Vec<_> = files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(
            rels,
            [
                "README",
                "a.XLS",
                "b.xlsx",
                "note.docx",
                "sub/c.ods",
                "~$b.xlsx"
            ]
        );
        assert_eq!(files[1].kind, InputKind::Spreadsheet);
        assert!(matches!(&files[3].kind, InputKind::Skipped(r) if r == WORD_DOCUMENT));
        assert!(matches!(&files[5].kind, InputKind::Skipped(r) if r.contains("lock")));
    }

    /// A workbook named "….xlsx " (a phone's or Zalo's trailing space),
    /// "….xlsx." or with no extension at all is judged by its content,
    /// not skipped as "not a spreadsheet"; a file without an extension
    /// that does not begin as a workbook is still skipped.
    #[test]
    fn a_workbook_with_a_trailing_space_or_no_extension_is_read() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["Xa Bao Phu quy 1.xlsx ", "Phuong 3.xls.", "BC Phuong 5"] {
            std::fs::write(dir.path().join(name), b"PK\x03\x04rest").unwrap();
        }
        std::fs::write(dir.path().join("ghi chu"), b"plain words").unwrap();
        std::fs::write(dir.path().join("BC.docx "), b"PK\x03\x04rest").unwrap();
        let files = discover(dir.path()).unwrap();
        let got: Vec<(&str, bool)> = files
            .iter()
            .map(|f| (f.rel.as_str(), f.kind == InputKind::Spreadsheet))
            .collect();
        assert_eq!(
            got,
            [
                ("BC Phuong 5", true),
                ("BC.docx ", false),
                ("Phuong 3.xls.", true),
                ("Xa Bao Phu quy 1.xlsx ", true),
                ("ghi chu", false),
            ]
        );
        assert_eq!(files[4].kind, InputKind::Skipped(NO_EXTENSION.into()));
        assert_eq!(files[1].kind, InputKind::Skipped(WORD_DOCUMENT.into()));
    }

    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[test]
    fn a_link_loop_is_followed_once_and_a_pipe_is_not_opened() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(sub.join("a.xlsx"), b"x").unwrap();
        std::os::unix::fs::symlink("..", sub.join("up")).unwrap();
        let fifo =
            std::ffi::CString::new(dir.path().join("pipe.xlsx").to_string_lossy().as_bytes())
                .unwrap();
        // SAFETY: mkfifo reads a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
        let files = discover(dir.path()).unwrap();
        let got: Vec<(&str, bool)> = files
            .iter()
            .map(|f| (f.rel.as_str(), f.kind == InputKind::Spreadsheet))
            .collect();
        assert_eq!(
            got,
            [
                ("pipe.xlsx", false),
                ("sub/a.xlsx", true),
                ("sub/up", false)
            ]
        );
        assert!(matches!(&files[0].kind, InputKind::Skipped(r) if r.contains("named pipe")));
        assert!(matches!(&files[2].kind, InputKind::Skipped(r) if r.contains("link back")));
    }

    /// What a Mac leaves in an unzipped archive is skipped, not an
    /// unreadable file of the ward it is named after; a link to a file
    /// that is gone, or links pointing at each other, say so rather than
    /// "no permission to read".
    #[cfg(target_os = "linux")]
    #[test]
    fn mac_leftovers_and_broken_links_are_named_for_what_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let mac = dir.path().join("__MACOSX");
        std::fs::create_dir(&mac).unwrap();
        std::fs::write(mac.join("._Phuong 04.xlsx"), b"x").unwrap();
        std::fs::write(dir.path().join("._Phuong 05.xlsx"), b"x").unwrap();
        std::fs::write(dir.path().join("Phuong 04.xlsx"), b"x").unwrap();
        std::os::unix::fs::symlink("gone.xlsx", dir.path().join("Phuong 99.xlsx")).unwrap();
        std::os::unix::fs::symlink("b_loop", dir.path().join("a_loop")).unwrap();
        std::os::unix::fs::symlink("a_loop", dir.path().join("b_loop")).unwrap();
        let files = discover(dir.path()).unwrap();
        let got: Vec<(&str, String)> = files
            .iter()
            .map(|f| {
                let kind = match &f.kind {
                    InputKind::Skipped(r) => format!("skipped: {r}"),
                    InputKind::Unreadable(r) => format!("unreadable: {r}"),
                    k => format!("{k:?}"),
                };
                (f.rel.as_str(), kind)
            })
            .collect();
        let mac_files = format!("skipped: {MAC_FILES}");
        let looped = "skipped: a link that loops back on itself; it leads to no file";
        assert_eq!(
            got,
            [
                ("._Phuong 05.xlsx", mac_files.clone()),
                ("Phuong 04.xlsx", "Spreadsheet".to_string()),
                (
                    "Phuong 99.xlsx",
                    "unreadable: a link (shortcut) to a file that no longer exists".to_string()
                ),
                ("__MACOSX/._Phuong 04.xlsx", mac_files),
                ("a_loop", looped.to_string()),
                ("b_loop", looped.to_string()),
            ]
        );
        let (vi, _) = crate::ingest::reasons::reason_words(MAC_FILES, crate::diagnostic::Lang::Vi);
        assert!(
            vi.starts_with("dữ liệu phụ của máy Mac (thư mục __MACOSX"),
            "{vi}"
        );
    }

    #[test]
    fn a_missing_folder_is_fatal() {
        assert!(discover(Path::new("/nonexistent/folder/x")).is_err());
    }
}
