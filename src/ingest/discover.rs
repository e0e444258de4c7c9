//! Finding the submissions: every file under the input folder, recursively,
//! in a stable order, each either a spreadsheet to read or a file skipped
//! with its reason. Nothing is ignored silently.

use crate::error::Fatal;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Extensions read as spreadsheets (compared in lower case).
pub const SPREADSHEET_EXTENSIONS: [&str; 8] =
    ["xlsx", "xlsm", "xlsb", "xls", "ods", "xltx", "xltm", "et"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// To be read.
    Spreadsheet,
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
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Lists every file under `dir`, sorted by relative path.
///
/// # Errors
/// When `dir` itself does not exist or is not a folder (fatal).
pub fn discover(dir: &Path) -> Result<Vec<InputFile>, Fatal> {
    let meta = std::fs::metadata(dir).map_err(|e| Fatal::Input {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    })?;
    if !meta.is_dir() {
        return Err(Fatal::Input {
            path: dir.to_path_buf(),
            reason: "it is not a folder".into(),
        });
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out, 0);
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<InputFile>, depth: usize) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.push(InputFile {
                path: dir.to_path_buf(),
                rel: relative(root, dir),
                kind: InputKind::Unreadable(format!("the folder cannot be listed: {e}")),
                modified: None,
            });
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                out.push(InputFile {
                    path: dir.to_path_buf(),
                    rel: relative(root, dir),
                    kind: InputKind::Unreadable(format!(
                        "an entry of the folder cannot be read: {e}"
                    )),
                    modified: None,
                });
                continue;
            }
        };
        let path = entry.path();
        let rel = relative(root, &path);
        // Follow links to files and folders, but never deeper than a sane
        // depth (a link loop would otherwise never end).
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                out.push(InputFile {
                    path,
                    rel,
                    kind: InputKind::Unreadable(format!("the file cannot be opened: {e}")),
                    modified: None,
                });
                continue;
            }
        };
        if meta.is_dir() {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
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
                });
            }
            if depth < 32 {
                walk(root, &path, out, depth + 1);
            } else {
                out.push(InputFile {
                    path,
                    rel,
                    kind: InputKind::Skipped("folder nested too deeply (a link loop?)".into()),
                    modified: None,
                });
            }
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let ext = Path::new(&name)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let kind = if name.starts_with("~$") {
            InputKind::Skipped(
                "Excel lock file (~$…), left behind while a workbook is open; not a submission"
                    .into(),
            )
        } else if SPREADSHEET_EXTENSIONS.contains(&ext.as_str()) {
            InputKind::Spreadsheet
        } else if ext.is_empty() {
            InputKind::Skipped("file without an extension; not a spreadsheet".into())
        } else {
            InputKind::Skipped(format!("not a spreadsheet (.{ext} file)"))
        };
        out.push(InputFile {
            path,
            rel,
            kind,
            modified: meta.modified().ok(),
        });
    }
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
        assert!(matches!(&files[3].kind, InputKind::Skipped(r) if r.contains(".docx")));
        assert!(matches!(&files[5].kind, InputKind::Skipped(r) if r.contains("lock")));
    }

    #[test]
    fn a_missing_folder_is_fatal() {
        assert!(discover(Path::new("/nonexistent/folder/x")).is_err());
    }
}
