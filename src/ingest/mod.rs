//! Ingest: find the submissions in a folder and open them as sheets of
//! cells, each cell keeping its origin (file, sheet, absolute row and
//! column).
//!
//! Nothing here decides what the cells mean; that is `normalize`. What
//! cannot be opened becomes a plain-words reason that the caller turns into
//! a `file-unreadable` finding.

pub mod discover;
pub mod sheet;

pub use discover::{discover, InputFile, InputKind};
pub use sheet::{CellRef, SheetGrid};

use calamine::{open_workbook, Data, Dimensions, Ods, Reader, SheetType, Sheets, Xls, Xlsb, Xlsx};
use std::fs::File;
use std::io::{BufReader, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// What a file is, judged by its first bytes rather than its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// A zip archive: xlsx, xlsm, xlsb or ods.
    Zip,
    /// An OLE compound file: xls (or an encrypted xlsx, or a Word file).
    Ole,
    /// Anything else: HTML, CSV, text, or garbage.
    Other,
}

/// Reads the first bytes of a file and says what container it is.
pub fn sniff(path: &Path) -> std::io::Result<(Container, Vec<u8>)> {
    let mut f = File::open(path)?;
    let mut head = vec![0u8; 512];
    let mut n = 0;
    while n < head.len() {
        let k = f.read(&mut head[n..])?;
        if k == 0 {
            break;
        }
        n += k;
    }
    head.truncate(n);
    let kind = if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Container::Zip
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Container::Ole
    } else {
        Container::Other
    };
    Ok((kind, head))
}

/// An opened workbook. Sheets are read one at a time, on demand, so that a
/// workbook never sits in memory whole longer than needed.
pub struct OpenWorkbook {
    sheets: Sheets<BufReader<File>>,
    max_cells: u64,
}

/// Runs a closure that calls into calamine, turning a panic inside the
/// crate into an error with a plain reason.
fn guarded<T>(what: &str, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(format!(
                "the spreadsheet reader failed on this file while {what} (the file is probably damaged){}",
                if detail.is_empty() { String::new() } else { format!(": {detail}") }
            ))
        }
    }
}

/// Plain words for calamine's errors.
pub fn plain_reason(err: &calamine::Error) -> String {
    let raw = err.to_string();
    let lower = raw.to_lowercase();
    if lower.contains("password") || lower.contains("encrypt") {
        "the workbook is protected by a password (encrypted); save it without a password and send it again".into()
    } else if lower.contains("could not find eocd")
        || lower.contains("invalid zip")
        || lower.contains("zip error")
    {
        format!(
            "the file is damaged: it is not a complete zip archive, as an .xlsx must be ({raw})"
        )
    } else if lower.contains("codepage") {
        format!("the old .xls file uses a character set (code page) that cannot be read, or is protected by a password ({raw})")
    } else if lower.contains("cell limit") {
        format!("the file declares more cells than can safely be read ({raw})")
    } else if lower.contains("cfb") || lower.contains("ole") {
        format!("the file is damaged or is not an Excel 97-2003 workbook ({raw})")
    } else {
        format!("the file cannot be read as a spreadsheet ({raw})")
    }
}

impl OpenWorkbook {
    /// Opens a workbook found by its content.
    ///
    /// # Errors
    /// A plain-words reason when the file is empty, not a spreadsheet,
    /// damaged, encrypted, or too large for the limits.
    pub fn open(path: &Path, max_bytes: u64, max_cells: u64) -> Result<OpenWorkbook, String> {
        let meta =
            std::fs::metadata(path).map_err(|e| format!("the file cannot be opened: {e}"))?;
        if meta.is_dir() {
            return Err("this is a folder, not a file".into());
        }
        if meta.len() == 0 {
            return Err("the file is empty (0 bytes)".into());
        }
        if meta.len() > max_bytes {
            return Err(format!(
                "the file is {} MB, more than the limit of {} MB set in the template",
                meta.len() / 1_000_000,
                max_bytes / 1_000_000
            ));
        }
        let (container, head) =
            sniff(path).map_err(|e| format!("the file cannot be opened: {e}"))?;
        if container == Container::Other {
            return Err(describe_non_spreadsheet(&head));
        }
        if container == Container::Ole && is_encrypted_ooxml(path) {
            return Err("the workbook is protected by a password (encrypted); save it without a password and send it again".into());
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let sheets = guarded("opening it", || {
            open_by_content(path, container, &ext).map_err(|e| plain_reason(&e))
        })?;
        Ok(OpenWorkbook { sheets, max_cells })
    }

    /// Names of the worksheets (chart, dialog and macro sheets left out),
    /// in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets
            .sheets_metadata()
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .collect()
    }

    /// Reads one sheet with its merged ranges.
    ///
    /// # Errors
    /// A plain reason when the sheet is damaged or too large.
    pub fn sheet(&mut self, name: &str) -> Result<SheetGrid, String> {
        let max_cells = self.max_cells;
        let sheets = &mut self.sheets;
        let range = guarded(&format!("reading sheet '{name}'"), || {
            sheets.worksheet_range(name).map_err(|e| plain_reason(&e))
        })?;
        let cells = range.get_size().0 as u64 * range.get_size().1 as u64;
        if cells > max_cells {
            return Err(format!(
                "sheet '{name}' spans {cells} cells, more than the limit of {max_cells} set in the template"
            ));
        }
        let merges = guarded(
            &format!("reading the merged cells of sheet '{name}'"),
            || {
                Ok(match sheets {
                    Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
                    Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
                    // xlsb and ods: calamine gives no merge ranges; a value
                    // merged down several rows then belongs to its first row
                    // only (documented in the README).
                    Sheets::Xlsb(_) | Sheets::Ods(_) => Vec::new(),
                })
            },
        )
        .unwrap_or_default();
        Ok(SheetGrid::new(name.to_string(), range, merges))
    }

    /// The formulas of a sheet (absolute positions), to tell a formula
    /// without a cached value from a blank cell. `None` when the format
    /// keeps no formulas or they cannot be read.
    pub fn formulas(&mut self, name: &str) -> Option<calamine::Range<String>> {
        let sheets = &mut self.sheets;
        guarded("reading formulas", || {
            sheets.worksheet_formula(name).map_err(|e| e.to_string())
        })
        .ok()
    }
}

/// A reason for a file that is neither zip nor OLE, from its first bytes.
fn describe_non_spreadsheet(head: &[u8]) -> String {
    let text = String::from_utf8_lossy(head).to_lowercase();
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("<!doctype html") || t.starts_with("<html") || t.contains("<table") {
        "the file is a web page (HTML) saved with a spreadsheet name, not an Excel workbook".into()
    } else if t.starts_with("<?xml") {
        "the file is an XML document (perhaps 'XML Spreadsheet 2003'), not an Excel workbook".into()
    } else if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        "the file is Unicode text (UTF-16) saved with a spreadsheet name, not an Excel workbook"
            .into()
    } else if t.starts_with("id;") {
        "the file is a SYLK text file saved with a spreadsheet name, not an Excel workbook".into()
    } else if head.starts_with(b"{\\rtf") {
        "the file is a Word (RTF) document, not an Excel workbook".into()
    } else if head.starts_with(b"%PDF") {
        "the file is a PDF document, not an Excel workbook".into()
    } else if head
        .iter()
        .take(256)
        .all(|&b| b == b'\t' || b == b'\n' || b == b'\r' || (0x20..0x7f).contains(&b) || b >= 0x80)
    {
        "the file is plain text (perhaps CSV) saved with a spreadsheet name, not an Excel workbook"
            .into()
    } else {
        "the file is not a spreadsheet this tool can read (neither an Excel nor an OpenDocument workbook)".into()
    }
}

/// True when a value is a real number (not text, not an error).
pub fn is_numeric(d: &Data) -> bool {
    matches!(d, Data::Float(_) | Data::Int(_))
}

/// A merged range in absolute 0-based positions.
pub type Merge = Dimensions;

/// Opens a zip or OLE container with the reader its content calls for,
/// trying the one the extension suggests first.
fn open_by_content(
    path: &Path,
    container: Container,
    ext: &str,
) -> Result<Sheets<BufReader<File>>, calamine::Error> {
    let xlsx = || {
        open_workbook::<Xlsx<_>, _>(path)
            .map(Sheets::Xlsx)
            .map_err(calamine::Error::Xlsx)
    };
    let xlsb = || {
        open_workbook::<Xlsb<_>, _>(path)
            .map(Sheets::Xlsb)
            .map_err(calamine::Error::Xlsb)
    };
    let ods = || {
        open_workbook::<Ods<_>, _>(path)
            .map(Sheets::Ods)
            .map_err(calamine::Error::Ods)
    };
    let xls = || {
        open_workbook::<Xls<_>, _>(path)
            .map(Sheets::Xls)
            .map_err(calamine::Error::Xls)
    };
    match container {
        Container::Ole => xls(),
        _ => {
            let order: [&dyn Fn() -> Result<Sheets<BufReader<File>>, calamine::Error>; 3] =
                match ext {
                    "xlsb" => [&xlsb, &xlsx, &ods],
                    "ods" => [&ods, &xlsx, &xlsb],
                    _ => [&xlsx, &xlsb, &ods],
                };
            let mut first_err = None;
            for open in order {
                match open() {
                    Ok(s) => return Ok(s),
                    Err(e) => {
                        first_err.get_or_insert(e);
                    }
                }
            }
            Err(first_err.unwrap_or(calamine::Error::Msg("no reader could open the file")))
        }
    }
}

/// An encrypted .xlsx is an OLE file holding an `EncryptedPackage` stream
/// (its directory entry name is UTF-16).
fn is_encrypted_ooxml(path: &Path) -> bool {
    let Ok(f) = File::open(path) else {
        return false;
    };
    let mut buf = Vec::new();
    if f.take(1 << 20).read_to_end(&mut buf).is_err() {
        return false;
    }
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    buf.windows(needle.len()).any(|w| w == needle.as_slice())
}

pub mod styles;
