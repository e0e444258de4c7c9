//! Writing outputs atomically: a temporary file in the same folder, then a
//! rename, so that a reader never sees half a workbook.

use crate::diagnostic::Lang;
use crate::error::Fatal;
use crate::ingest::{discover, InputKind};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` through a temporary file and a rename.
///
/// # Errors
/// When the folder is not writable or the rename fails.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Fatal> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// Like [`write_atomic`], for a writer that streams into the file (a
/// large workbook is then never held in memory as bytes).
///
/// # Errors
/// When `write` fails, the folder is not writable or the rename fails.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<&mut std::fs::File>) -> std::io::Result<()>,
) -> Result<(), Fatal> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".tonghop-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Fatal::output_io(path, &e))?;
    {
        let mut buffered = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut buffered).map_err(|e| Fatal::output_io(path, &e))?;
        buffered.flush().map_err(|e| Fatal::output_io(path, &e))?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| Fatal::output_io(path, &e))?;
    // A temporary file is private (0600); an output is an ordinary file
    // that the office's other users can read.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(|e| Fatal::output_io(path, &e))?;
    }
    tmp.persist(path)
        .map_err(|e| Fatal::output_io(path, &e.error))?;
    Ok(())
}

pub use crate::text::safe_stem;

/// Checks the input and output folders of a run: the input must be a
/// folder holding at least one spreadsheet (anywhere below it), and the
/// output must not lie inside it (nothing is ever written into the input
/// folder). Both `consolidate` and `annex` start here, before anything is
/// written.
///
/// # Errors
/// `Input` when the input folder is missing; `Usage` when the output is
/// inside it; `NoSpreadsheet` when no file under it is a spreadsheet (an
/// empty folder, or only a .docx and a .pdf), in the language of the run.
pub fn check_folders(dir: &Path, out: &Path, lang: Lang) -> Result<(), Fatal> {
    use crate::error::{Arg, Problem};
    if !dir.exists() {
        return Err(Fatal::input(dir, Arg::InputFolder, Problem::Missing));
    }
    if !dir.is_dir() {
        return Err(Fatal::input(dir, Arg::InputFolder, Problem::NotAFolder));
    }
    let dir_abs = dir
        .canonicalize()
        .map_err(|e| Fatal::input(dir, Arg::InputFolder, Problem::Io(e)))?;
    if absolute_lenient(out).starts_with(&dir_abs) {
        return Err(Fatal::OutputInsideInput {
            out: out.to_path_buf(),
            dir: dir.to_path_buf(),
        });
    }
    let files = discover(dir)?;
    if !files
        .iter()
        .any(|f| matches!(f.kind, InputKind::Spreadsheet | InputKind::Archive))
    {
        return Err(Fatal::NoSpreadsheet {
            path: dir.to_path_buf(),
            found: files.into_iter().map(|f| f.rel).collect(),
            lang,
        });
    }
    Ok(())
}

/// The absolute form of a path that may not exist yet.
fn absolute_lenient(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let base = std::env::current_dir().unwrap_or_default();
    let joined = base.join(p);
    // Canonicalize the longest existing ancestor.
    let mut existing = joined.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => return joined,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for r in rest.into_iter().rev() {
        out.push(r);
    }
    out
}

/// Makes sure `out` can take our outputs: creates it if missing, refuses
/// to replace any of `names` that exist unless `force`.
///
/// # Errors
/// `OutputExists` without `--force`; `Output` when the folder cannot be
/// made.
pub fn prepare_out_dir(out: &Path, names: &[&str], force: bool) -> Result<(), Fatal> {
    if out.exists() && !out.is_dir() {
        return Err(Fatal::OutputNotFolder {
            path: out.to_path_buf(),
        });
    }
    std::fs::create_dir_all(out).map_err(|e| Fatal::output_io(out, &e))?;
    if !force {
        for name in names {
            let p = out.join(name);
            if p.exists() {
                return Err(Fatal::OutputExists { path: p });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_are_replaced_whole_and_readable_by_others() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("errors.csv");
        write_atomic(&p, b"first").unwrap();
        write_atomic(&p, b"second").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"second");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o644
            );
        }
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_folder_without_a_spreadsheet_is_said_in_the_language_of_the_run() {
        let dir = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let said = |lang| match check_folders(dir.path(), out.path(), lang) {
            Err(e @ Fatal::NoSpreadsheet { .. }) => e.to_string(),
            other => panic!("{other:?}"),
        };
        let d = dir.path().display();
        assert_eq!(
            said(Lang::Vi),
            format!("không có bảng tính nào trong {d} (thư mục trống)")
        );
        assert_eq!(
            said(Lang::En),
            format!("no spreadsheet in {d} (the folder is empty)")
        );
        // Non-spreadsheets and an Excel lock file are not spreadsheets.
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        for name in [
            "ghi-chu.docx",
            "scan.pdf",
            "~$p-05.xlsx",
            "sub/a.txt",
            "sub/b.txt",
            "sub/c.txt",
        ] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        assert_eq!(
            said(Lang::En),
            format!("no spreadsheet in {d} (only ghi-chu.docx, scan.pdf, sub/a.txt, sub/b.txt, sub/c.txt and 1 more)")
        );
        assert!(said(Lang::Vi).contains(
            "(chỉ có ghi-chu.docx, scan.pdf, sub/a.txt, sub/b.txt, sub/c.txt và 1 tệp khác)"
        ));
        // Near miss: one spreadsheet, however deep (even a broken one, which
        // the run reports as a finding), is enough.
        std::fs::create_dir_all(dir.path().join("sub/deeper")).unwrap();
        std::fs::write(dir.path().join("sub/deeper/p-05.xlsx"), b"not a zip").unwrap();
        assert!(check_folders(dir.path(), out.path(), Lang::Vi).is_ok());
    }
}
