//! Writing outputs atomically: a temporary file in the same folder, then a
//! rename, so that a reader never sees half a workbook.

use crate::error::Fatal;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` through a temporary file and a rename.
///
/// # Errors
/// When the folder is not writable or the rename fails.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Fatal> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".tonghop-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Fatal::output(path, e))?;
    tmp.write_all(bytes).map_err(|e| Fatal::output(path, e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Fatal::output(path, e))?;
    // A temporary file is private (0600); an output is an ordinary file
    // that the office's other users can read.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(|e| Fatal::output(path, e))?;
    }
    tmp.persist(path)
        .map_err(|e| Fatal::output(path, e.error))?;
    Ok(())
}

/// Makes sure `out` can take our outputs: creates it if missing, refuses
/// to replace any of `names` that exist unless `force`.
///
/// # Errors
/// `OutputExists` without `--force`; `Output` when the folder cannot be
/// made.
pub fn prepare_out_dir(out: &Path, names: &[&str], force: bool) -> Result<(), Fatal> {
    std::fs::create_dir_all(out).map_err(|e| Fatal::output(out, e))?;
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
}
