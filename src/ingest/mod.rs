//! Ingest: find the submissions in a folder and open them as sheets of
//! cells, each cell keeping its origin (file, sheet, absolute row and
//! column).
//!
//! Nothing here decides what the cells mean; that is `normalize`. What
//! cannot be opened becomes a plain-words reason that the caller turns into
//! a `file-unreadable` finding.
//!
//! A file is judged by its content, never by its name:
//!
//! ```text
//! first bytes        pre-check (ours)                      reader
//! PK\x03\x04         zip directory: sizes, ratio, kind     calamine xlsx/xlsb/ods
//! D0 CF 11 E0 (OLE)  sector chains, FILEPASS, cell bounds  calamine xls
//! 09 02 / 09 04 ..   BIFF2-4, Lotus, PDF, RTF              (refused with a reason)
//! text               HTML / XML 2003 / SYLK / CSV / TSV    text::read_text
//! ```
//!
//! calamine is not safe on every file (see `docs/reading.md`): every call
//! into it runs under `catch_unwind` with a quiet panic hook, and the
//! pre-checks refuse, before calamine sees them, the files that would make
//! it loop or allocate without bound, which no `catch_unwind` can stop.
//!
//! Why pre-checks rather than a worker process per file (measured on this
//! 2-core machine, debug build, others building alongside):
//!
//! - worker process: 200 spawns of `tonghop --version` took 1.98 s, about
//!   10 ms a file before any reading or sending cells back (`/bin/true`:
//!   3 ms). 10,000 files would spend 50 s of CPU spawning alone; even per
//!   `.xls` only it doubles the time of a batch of small `.xls`. A memory
//!   cap (RLIMIT_AS) must also leave room for the address space every
//!   thread reserves, so it cannot be tight.
//! - pre-checks: 4.1 ms per file on average over the corpus's 77 OLE files
//!   (130 KB on average; an unoptimized test build, `cargo test --lib
//!   ingest::cost -- --ignored --nocapture`), proportional to size; the
//!   zip check reads only the archive's directory (microseconds).
//!
//! So: pre-checks, which mirror exactly the allocations calamine 0.38 makes
//! from a file's claims (sector chains, DIMENSIONS reservations, dense cell
//! grids). A new calamine version must be checked against them; the corpus
//! test (`tests/cli/corpus.rs`) runs every known hazard.

pub mod archive;
pub mod biff;
pub mod discover;
pub mod hidden;
pub mod merges;
pub mod ods;
pub mod ole;
pub mod reasons;
pub mod sheet;
pub mod styles;
pub mod text;
pub mod zipped;

pub use discover::{classify, discover, InputFile, InputKind};
pub use sheet::{CellRef, SheetGrid};

use crate::template::Limits;
use calamine::{
    Cell, Data, Dimensions, Ods, Range, Reader, SheetType, SheetVisible, Sheets, Xls, Xlsb, Xlsx,
};
use std::cell::Cell as StdCell;
use std::fs::File;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;
use text::TextSheet;
use zipped::ZipKind;

/// A file read into memory once (at most `limits.max_file_mb`, for as
/// long as it is open): calamine, the pre-checks and the reads of the
/// parts calamine does not expose all work on the same bytes instead of
/// opening and seeking the file again and again.
pub type FileBytes = std::io::Cursor<SharedBytes>;

/// The bytes of a file, shared by its readers without being copied.
#[derive(Clone)]
pub struct SharedBytes(std::sync::Arc<Vec<u8>>);

impl SharedBytes {
    pub fn new(bytes: Vec<u8>) -> SharedBytes {
        SharedBytes(std::sync::Arc::new(bytes))
    }
}

impl AsRef<[u8]> for SharedBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

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
///
/// # Errors
/// When the file cannot be opened or read.
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
    let kind = container_of(&head);
    Ok((kind, head))
}

/// What container the first bytes of a file are.
fn container_of(head: &[u8]) -> Container {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Container::Zip
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Container::Ole
    } else {
        Container::Other
    }
}

/// An opened workbook: a binary one read by calamine, or a text one
/// (HTML, CSV, XML 2003, SYLK) already read into grids. Both look the same
/// to the caller: sheet names, then one sheet at a time.
pub enum OpenWorkbook {
    /// Sheets are read one at a time, on demand, so that a workbook never
    /// sits in memory whole longer than needed (only its file's bytes,
    /// compressed, while it is open).
    Calamine {
        sheets: Box<Sheets<FileBytes>>,
        max_cells: u64,
        /// What calamine does not expose (fonts and number formats,
        /// whether a sheet has formulas), from the pre-check's handle on
        /// the zip: `.xlsx` only.
        parts: Option<Box<styles::XlsxParts>>,
        /// The merges and percentage cells of an `.ods`, which calamine
        /// does not give.
        ods: Option<Box<ods::OdsParts>>,
        /// The fonts and number formats of an `.xls`, which calamine does
        /// not give.
        xls: Option<Box<biff::XlsStyles>>,
    },
    Text(Vec<TextSheet>),
}

thread_local! {
    /// Set while calamine runs under [`guarded`]: its panics are expected
    /// and reported as reasons, so the panic hook stays quiet.
    static GUARDED: StdCell<bool> = const { StdCell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// Installs (once) a panic hook that keeps quiet about panics inside
/// [`guarded`] calls and hands every other panic to the previous hook, so
/// that a bug of ours still prints its message and backtrace.
fn install_quiet_hook() {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(StdCell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs a closure that calls into calamine (or the formula engine),
/// turning a panic inside the crate into an error with a plain reason.
pub(crate) fn guarded<T>(what: &str, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    install_quiet_hook();
    let was = GUARDED.with(|g| g.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    match result {
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
        biff::ENCRYPTED.into()
    } else if lower.contains("could not find eocd")
        || lower.contains("invalid zip")
        || lower.contains("zip error")
    {
        format!(
            "the file is damaged: it is not a complete zip archive, as an .xlsx must be ({raw})"
        )
    } else if lower.contains("larger than its declared") {
        format!("the file is damaged: a part of it is larger than the archive declares ({raw})")
    } else if lower.contains("codepage") {
        format!("the old .xls file uses a character set (code page) that cannot be read ({raw})")
    } else if lower.contains("cell limit") {
        format!("the file declares more cells than can safely be read ({raw})")
    } else if lower.contains("unrecognized sheet:type") || lower.contains("boundsheet8:dt") {
        format!("the workbook holds an Excel 4.0 macro sheet, which the reader cannot open; the macro sheet must be deleted first ({raw})")
    } else if lower.contains("unexpected end of xml")
        || lower.contains("xml error")
        || lower.contains("end of stream")
        || lower.contains("file not found")
    {
        format!("the file is damaged or incomplete: a part of the workbook cannot be read ({raw})")
    } else if lower.contains("cfb") || lower.contains("ole") {
        format!("the file is damaged or is not an Excel 97-2003 workbook ({raw})")
    } else {
        format!("the file cannot be read as a spreadsheet ({raw})")
    }
}

fn mb(bytes: u64) -> u64 {
    bytes.saturating_mul(1_000_000)
}

/// A file's size against `limits.max_file_mb`; an empty file is no
/// workbook either.
fn within_size(len: u64, limits: &Limits) -> Result<(), String> {
    if len == 0 {
        return Err("the file is empty (0 bytes)".into());
    }
    if len > mb(limits.max_file_mb) {
        return Err(format!(
            "the file is {} MB, more than the limit of {} MB (limits.max_file_mb in the template)",
            len / 1_000_000,
            limits.max_file_mb
        ));
    }
    Ok(())
}

/// A file's bytes, refused before a huge file is read into memory.
fn read_within(path: &Path, limits: &Limits) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("the file cannot be opened: {e}"))?;
    if meta.is_dir() {
        return Err("this is a folder, not a file".into());
    }
    within_size(meta.len(), limits)?;
    std::fs::read(path).map_err(|e| format!("the file cannot be opened: {e}"))
}

/// What a file holds, for telling two files of the same bytes (one
/// attachment saved twice) from two versions: its length and two 64-bit
/// hashes of its bytes, worked out as it is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Content {
    len: u64,
    hash: [u64; 2],
}

impl Content {
    pub fn of(bytes: &[u8]) -> Content {
        use std::hash::BuildHasher;
        let hash = |seed: u64| foldhash::quality::FixedState::with_seed(seed).hash_one(bytes);
        Content {
            len: bytes.len() as u64,
            hash: [hash(0x746f_6e67_686f_7031), hash(0x746f_6e67_686f_7032)],
        }
    }
}

/// Opens a workbook the user named on the command line (`--previous`,
/// `--against`) with the same pre-checks and panic guard as a
/// submission; what cannot be opened is a fatal error naming the option.
///
/// # Errors
/// The file is missing, not a file, or cannot be read as a workbook.
pub fn open_named(
    path: &Path,
    arg: crate::error::Arg,
    limits: &Limits,
) -> Result<OpenWorkbook, crate::error::Fatal> {
    use crate::error::{Fatal, Problem};
    if !path.exists() {
        return Err(Fatal::input(path, arg, Problem::Missing));
    }
    if !path.is_file() {
        return Err(Fatal::input(path, arg, Problem::NotAFile));
    }
    OpenWorkbook::open(path, limits).map_err(|reason| {
        let (vi, _) = reasons::reason_words(&reason, crate::diagnostic::Lang::Vi);
        Fatal::input(path, arg, Problem::Content(vi, reason))
    })
}

impl OpenWorkbook {
    /// Opens a workbook found by its content.
    ///
    /// # Errors
    /// A plain-words reason when the file is empty, not a spreadsheet,
    /// damaged, encrypted, or too large for the limits.
    pub fn open(path: &Path, limits: &Limits) -> Result<OpenWorkbook, String> {
        let wb = OpenWorkbook::from_bytes(read_within(path, limits)?, limits)?;
        Ok(wb.named_after(&path.to_string_lossy()))
    }

    /// A text table's lone sheet (CSV, TSV, SYLK: `Sheet1` as read) named
    /// as Excel names it on opening the file `file`: its name without the
    /// extension, cut to Excel's 31 characters (`phuong-10_export.csv` →
    /// `phuong-10_export`), so a finding's place is the one the clerk
    /// sees.
    pub fn named_after(mut self, file: &str) -> OpenWorkbook {
        let OpenWorkbook::Text(sheets) = &mut self else {
            return self;
        };
        let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
        let stem = Path::new(name)
            .file_stem()
            .map(|s| s.to_string_lossy().trim().to_string())
            .unwrap_or_default();
        let stem: String = stem.chars().take(31).collect();
        if let [(grid, _)] = sheets.as_mut_slice() {
            if grid.name == text::DELIMITED_SHEET && !stem.is_empty() {
                grid.name = stem;
            }
        }
        self
    }

    /// Opens a workbook already in memory (a file inside a zip archive),
    /// found by its content exactly as [`OpenWorkbook::open`] does.
    ///
    /// # Errors
    /// As [`OpenWorkbook::open`].
    pub fn from_bytes(bytes: Vec<u8>, limits: &Limits) -> Result<OpenWorkbook, String> {
        within_size(bytes.len() as u64, limits)?;
        let bytes = SharedBytes::new(bytes);
        let head = bytes.as_ref().get(..512).unwrap_or(bytes.as_ref());
        let max_cells = limits.max_cells;
        match container_of(head) {
            Container::Zip => {
                let (kind, zip) = zipped::precheck(
                    FileBytes::new(bytes.clone()),
                    mb(limits.max_unzipped_mb),
                    max_cells,
                )?;
                let sheets = guarded("opening it", || {
                    open_zip(&bytes, kind).map_err(|e| plain_reason(&e))
                })?;
                let max_part = mb(limits.max_file_mb);
                let (parts, ods) = match sheets {
                    Sheets::Xlsx(_) => {
                        (Some(Box::new(styles::XlsxParts::new(zip, max_part))), None)
                    }
                    Sheets::Ods(_) => (None, Some(Box::new(ods::OdsParts::new(zip, max_part)))),
                    _ => (None, None),
                };
                Ok(OpenWorkbook::Calamine {
                    sheets: Box::new(sheets),
                    max_cells,
                    parts,
                    ods,
                    xls: None,
                })
            }
            Container::Ole => {
                let xls = precheck_ole(bytes.as_ref(), max_cells)?;
                let sheets = guarded("opening it", || {
                    Xls::new(FileBytes::new(bytes.clone()))
                        .map(Sheets::Xls)
                        .map_err(|e| plain_reason(&calamine::Error::Xls(e)))
                })?;
                Ok(OpenWorkbook::Calamine {
                    sheets: Box::new(sheets),
                    max_cells,
                    parts: None,
                    ods: None,
                    xls: Some(Box::new(xls)),
                })
            }
            Container::Other => {
                if let Some(reason) = describe_binary(head) {
                    return Err(reason);
                }
                let decoded = text::decode(bytes.as_ref());
                match text::kind_of(&decoded) {
                    Some(kind) => Ok(OpenWorkbook::Text(text::read_text(
                        kind, &decoded, max_cells,
                    )?)),
                    None => Err(describe_non_spreadsheet(head)),
                }
            }
        }
    }

    /// Names of the worksheets (chart, dialog and macro sheets left out),
    /// in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        match self {
            OpenWorkbook::Calamine { sheets, .. } => sheets
                .sheets_metadata()
                .iter()
                .filter(|s| s.typ == SheetType::WorkSheet)
                .map(|s| s.name.clone())
                .collect(),
            OpenWorkbook::Text(sheets) => sheets.iter().map(|(g, _)| g.name.clone()).collect(),
        }
    }

    /// Names of the chart sheets (a chart on a sheet of its own), in
    /// workbook order; none for the text formats.
    pub fn chart_sheets(&self) -> Vec<String> {
        match self {
            OpenWorkbook::Calamine { sheets, .. } => sheets
                .sheets_metadata()
                .iter()
                .filter(|s| s.typ == SheetType::ChartSheet)
                .map(|s| s.name.clone())
                .collect(),
            OpenWorkbook::Text(_) => Vec::new(),
        }
    }

    /// Names of the worksheets hidden in the workbook (hidden or "very
    /// hidden"); none for the text formats, which have no such state.
    pub fn hidden_sheets(&self) -> Vec<String> {
        match self {
            OpenWorkbook::Calamine { sheets, .. } => sheets
                .sheets_metadata()
                .iter()
                .filter(|s| s.typ == SheetType::WorkSheet && s.visible != SheetVisible::Visible)
                .map(|s| s.name.clone())
                .collect(),
            OpenWorkbook::Text(_) => Vec::new(),
        }
    }

    /// The workbook's defined names (`DungHan_TH` → `'Số liệu'!$E$75`),
    /// as calamine gives them, Excel's own (`_xlnm.Print_Area`) left out;
    /// none for the text formats.
    pub fn defined_names(&self) -> Vec<(String, String)> {
        match self {
            OpenWorkbook::Calamine { sheets, .. } => sheets
                .defined_names()
                .iter()
                .filter(|(n, _)| !n.starts_with("_xlnm."))
                .cloned()
                .collect(),
            OpenWorkbook::Text(_) => Vec::new(),
        }
    }

    /// Reads one sheet with its merged ranges.
    ///
    /// # Errors
    /// A plain reason when the sheet is damaged or too large.
    pub fn sheet(&mut self, name: &str) -> Result<SheetGrid, String> {
        let (sheets, max_cells) = match self {
            // A copy: a sheet may be read again (one titled for another
            // period, read after all when no sheet is of the run's).
            OpenWorkbook::Text(sheets) => {
                return sheets
                    .iter()
                    .find(|(g, _)| g.name == name)
                    .map(|(g, _)| g.clone())
                    .ok_or_else(|| format!("no sheet '{name}'"));
            }
            OpenWorkbook::Calamine {
                sheets, max_cells, ..
            } => (&mut **sheets, *max_cells),
        };
        let (mut range, style_ids) = guarded(&format!("reading sheet '{name}'"), || {
            read_range(sheets, name, max_cells)
        })?;
        // An .xlsx sheet's part is read once more for its merges (and
        // whether it has formulas), without calamine's full second pass.
        let extras = match self {
            OpenWorkbook::Calamine {
                parts: Some(parts), ..
            } => guarded(
                &format!("reading the merged cells of sheet '{name}'"),
                || Ok(parts.sheet_extras(name)),
            )
            .unwrap_or_default(),
            _ => None,
        };
        // Its hidden rows and columns, read in the same pass.
        let (merges, mut hidden) = match extras {
            Some(x) => (x.merges, x.hidden),
            None => (None, sheet::Hidden::default()),
        };
        if let Some(merges) = merges {
            return Ok(SheetGrid::new(name.to_string(), range, merges)
                .with_style_ids(style_ids)
                .with_hidden(hidden));
        }
        // An .ods: its merges and percentage cells from content.xml, the
        // percentages as cells of style 1 of [`styles::StyleTable::percents`].
        if let OpenWorkbook::Calamine { ods: Some(ods), .. } = self {
            if let Some(sheet) = ods.sheet(name) {
                let ids = sheet.percents.iter().map(|&(r, c)| (r, c, 1)).collect();
                return Ok(SheetGrid::new(name.to_string(), range, sheet.merges)
                    .with_style_ids(ids)
                    .with_hidden(sheet.hidden));
            }
        }
        // An .xls: the cells' formats from the BIFF records, and the
        // formulas whose cached 0 may stand for a text LibreOffice did not
        // store: their 0 is set aside (the cell reads as a formula without
        // a value) and kept only if the formula cannot be evaluated.
        let mut zero_formulas = Vec::new();
        let style_ids = match self {
            OpenWorkbook::Calamine {
                sheets,
                xls: Some(xls),
                ..
            } => {
                let at = sheets.sheets_metadata().iter().position(|s| s.name == name);
                if let Some(h) = at.and_then(|i| xls.hidden.get(i)) {
                    hidden = h.clone();
                }
                // A shared formula's 0 (calamine gives no formula to
                // evaluate), before the other formulas' 0 is set aside: it
                // stands when every cell or block the formula reads holds
                // a number (`=E14` over a typed 0 is 0), or when what it
                // reads is not known; over a blank cell or a text it is
                // most likely the empty text of `=IF(E6="","",E6)` or
                // `=IF(COUNT(F8,G8)<2,"",…)`: left blank.
                if let Some(shared) = at.and_then(|i| xls.shared_zeros.get(i)) {
                    for z in shared {
                        let blank_reads = z.reads.as_ref().is_some_and(|reads| {
                            !reads
                                .iter()
                                .all(|&block| reads_numbers(&range, block, z.at))
                        });
                        if blank_reads
                            && matches!(
                                range.get_value(z.at),
                                Some(Data::Float(0.0) | Data::Int(0))
                            )
                        {
                            range.set_value(z.at, Data::Empty);
                        }
                    }
                }
                if let Some(zeros) = at.and_then(|i| xls.zero_formulas.get(i)) {
                    for &pos in zeros {
                        if matches!(range.get_value(pos), Some(Data::Float(0.0) | Data::Int(0))) {
                            range.set_value(pos, Data::Empty);
                            zero_formulas.push(pos);
                        }
                    }
                }
                at.and_then(|i| xls.sheets.get(i).cloned())
                    .unwrap_or_default()
            }
            _ => style_ids,
        };
        let sheets = match self {
            OpenWorkbook::Calamine { sheets, .. } => &mut **sheets,
            OpenWorkbook::Text(_) => return Err(format!("no sheet '{name}'")),
        };
        let merges = guarded(
            &format!("reading the merged cells of sheet '{name}'"),
            || {
                Ok(match sheets {
                    Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
                    Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
                    // xlsb (and an ods whose content.xml could not be read):
                    // calamine gives no merge ranges; a value merged down
                    // several rows then belongs to its first row only.
                    Sheets::Xlsb(_) | Sheets::Ods(_) => Vec::new(),
                })
            },
        )
        .unwrap_or_default();
        Ok(SheetGrid::new(name.to_string(), range, merges)
            .with_style_ids(style_ids)
            .with_hidden(hidden)
            .with_zero_formulas(zero_formulas))
    }

    /// Whether the style part of an `.xlsx` (or the fonts of an `.xls`)
    /// names a legacy Vietnamese font (see
    /// [`styles::XlsxParts::mentions_legacy_font`]); `false` for other
    /// formats.
    pub fn mentions_legacy_font(&mut self) -> bool {
        match self {
            OpenWorkbook::Calamine {
                parts: Some(parts), ..
            } => parts.mentions_legacy_font(),
            OpenWorkbook::Calamine { xls: Some(xls), .. } => xls.table.names_legacy_font(),
            _ => false,
        }
    }

    /// The fonts and number formats of an `.xlsx` or `.xls`, to be read with the
    /// style indices of a sheet's cells ([`SheetGrid::take_style_ids`]).
    ///
    /// # Errors
    /// A plain reason when the workbook is not an `.xlsx` or its style
    /// part cannot be read.
    pub fn style_table(&mut self) -> Result<std::sync::Arc<styles::StyleTable>, String> {
        match self {
            OpenWorkbook::Calamine {
                parts: Some(parts), ..
            } => parts.style_table(),
            OpenWorkbook::Calamine { ods: Some(_), .. } => Ok(styles::StyleTable::percents()),
            OpenWorkbook::Calamine { xls: Some(xls), .. } => Ok(std::sync::Arc::clone(&xls.table)),
            _ => Err("the workbook is not an .xlsx file".into()),
        }
    }

    /// The formulas of a sheet (absolute positions), to tell a formula
    /// without a cached value from a blank cell. `None` when the format
    /// keeps no formulas or they cannot be read.
    pub fn formulas(&mut self, name: &str) -> Option<Range<String>> {
        match self {
            OpenWorkbook::Text(sheets) => sheets
                .iter_mut()
                .find(|(g, _)| g.name == name)
                .and_then(|(_, f)| f.take()),
            OpenWorkbook::Calamine {
                sheets,
                max_cells,
                parts,
                ..
            } => {
                // A sheet without a formula element gives no formulas: its
                // XML is not parsed again for them.
                if parts.as_mut().is_some_and(|p| !p.may_have_formulas(name)) {
                    return None;
                }
                let max_cells = *max_cells;
                guarded("reading formulas", || {
                    read_formulas(sheets, name, max_cells)
                })
                .ok()
            }
        }
    }
}

/// The OLE pre-check: sound chains, not an encrypted xlsx or a Word file,
/// a workbook stream without FILEPASS and within the cell limit.
/// Whether the cells of `block` (first row, last row, first column, last
/// column, absolute) in `range` hold numbers only, at least one, the
/// formula's own cell `own` and blank cells left out: a text (a number
/// typed as text, which `COUNT` skips), an error or a boolean says no.
fn reads_numbers(range: &Range<Data>, block: (u32, u32, u32, u32), own: (u32, u32)) -> bool {
    let (r0, r1, c0, c1) = block;
    let Some((end_r, end_c)) = range.end() else {
        return false;
    };
    let mut numbers = 0usize;
    for r in r0..=r1.min(end_r) {
        for c in c0..=c1.min(end_c) {
            match range.get_value((r, c)) {
                _ if (r, c) == own => {}
                Some(Data::Float(_) | Data::Int(_) | Data::DateTime(_)) => numbers += 1,
                None | Some(Data::Empty) => {}
                Some(Data::String(t)) if crate::text::clean(t).is_empty() => {}
                Some(_) => return false,
            }
        }
    }
    numbers > 0
}

fn precheck_ole(bytes: &[u8], max_cells: u64) -> Result<biff::XlsStyles, String> {
    let cfb = ole::Compound::parse(bytes)?;
    if cfb.has("EncryptedPackage") || cfb.has("EncryptionInfo") {
        return Err(biff::ENCRYPTED.into());
    }
    let stream = match cfb.stream("Workbook").or_else(|_| cfb.stream("Book")) {
        Ok(s) => s,
        Err(e) if e.starts_with("no ") => {
            return Err(if cfb.has("WordDocument") {
                "the file is a Word document (.doc) saved with a spreadsheet name, not an Excel workbook".into()
            } else if cfb.has("PowerPoint Document") {
                "the file is a PowerPoint presentation, not an Excel workbook".into()
            } else {
                "the file is an OLE compound file without a workbook inside: not an Excel workbook"
                    .into()
            });
        }
        Err(e) => return Err(e),
    };
    Ok(biff::precheck(&stream, max_cells)?.styles)
}

/// Opens a zip-based workbook with the reader its parts call for, then
/// the others (a workbook's part names are not always the usual ones); the
/// error reported is the first reader's.
fn open_zip(bytes: &SharedBytes, kind: ZipKind) -> Result<Sheets<FileBytes>, calamine::Error> {
    let open = |k: ZipKind| {
        let reader = FileBytes::new(bytes.clone());
        match k {
            ZipKind::Xlsx => Xlsx::new(reader)
                .map(Sheets::Xlsx)
                .map_err(calamine::Error::Xlsx),
            ZipKind::Xlsb => Xlsb::new(reader)
                .map(Sheets::Xlsb)
                .map_err(calamine::Error::Xlsb),
            ZipKind::Ods => Ods::new(reader)
                .map(Sheets::Ods)
                .map_err(calamine::Error::Ods),
        }
    };
    let first = match open(kind) {
        Ok(s) => return Ok(s),
        Err(e) => e,
    };
    // A password or a damaged archive will not open with another reader.
    let lower = first.to_string().to_lowercase();
    if lower.contains("password") || lower.contains("zip error") {
        return Err(first);
    }
    [ZipKind::Xlsx, ZipKind::Xlsb, ZipKind::Ods]
        .into_iter()
        .filter(|&k| k != kind)
        .find_map(|k| open(k).ok())
        .ok_or(first)
}

/// Collects cells one at a time, refusing before the dense grid calamine
/// would allocate over their bounding box exceeds the limit (a cell at A1
/// and one at XFD1048576 would ask for 17 billion cells).
struct Bounded<T: calamine::CellType> {
    cells: Vec<Cell<T>>,
    bounds: Option<(u32, u32, u32, u32)>,
    max_cells: u64,
}

impl<T: calamine::CellType> Bounded<T> {
    fn new(max_cells: u64) -> Self {
        Bounded {
            cells: Vec::new(),
            bounds: None,
            max_cells,
        }
    }

    /// Keeps a cell with a value; a cell without one (formatted, left
    /// blank: a whole column's border, a row formatted at 1,048,576) adds
    /// nothing, so the limit is on the area from the first to the last
    /// filled cell.
    fn push(&mut self, cell: Cell<T>, name: &str) -> Result<(), String> {
        if cell.get_value() == &T::default() {
            return Ok(());
        }
        let (r, c) = cell.get_position();
        let (r0, r1, c0, c1) = match self.bounds {
            None => (r, r, c, c),
            Some((r0, r1, c0, c1)) => (r0.min(r), r1.max(r), c0.min(c), c1.max(c)),
        };
        self.bounds = Some((r0, r1, c0, c1));
        let area = (r1 - r0 + 1) as u64 * (c1 - c0 + 1) as u64;
        if area > self.max_cells || self.cells.len() as u64 >= self.max_cells {
            return Err(format!(
                "sheet '{name}' spans {} rows × {} columns ({area} cells), more than the limit of {} cells per sheet (limits.max_cells in the template)",
                r1 - r0 + 1,
                c1 - c0 + 1,
                self.max_cells
            ));
        }
        self.cells.push(cell);
        Ok(())
    }

    fn range(self) -> Range<T> {
        Range::from_sparse(self.cells)
    }
}

/// One sheet's values, through calamine's cell readers where it has them
/// (xlsx, xlsb), so that the cell limit is checked before the grid is
/// allocated; for an xlsx, with the style index of every cell from the same
/// pass (sorted by position, the default style 0 left out). Runs inside
/// [`guarded`].
fn read_range(
    sheets: &mut Sheets<FileBytes>,
    name: &str,
    max_cells: u64,
) -> Result<(Range<Data>, Vec<styles::StyledCell>), String> {
    let mut out = Bounded::new(max_cells);
    let mut style_ids = Vec::new();
    let err = |e: String| format!("sheet '{name}' cannot be read: {e}");
    match sheets {
        Sheets::Xlsx(x) => {
            let mut rd = x
                .worksheet_cells_reader(name)
                .map_err(|e| plain_reason(&calamine::Error::Xlsx(e)))?;
            while let Some((c, style)) = rd
                .next_cell_with_style_id()
                .map_err(|e| err(e.to_string()))?
            {
                let pos = c.get_position();
                let value = Data::from(c.get_value().clone());
                // A cell with a format and no value (a formula without a
                // cached value too) keeps its style, a percent format for
                // the value the tool computes, up to as many as the limit.
                let empty = value == Data::Empty;
                if let Ok(style @ 1..) = u32::try_from(style) {
                    if !empty || (style_ids.len() as u64) < max_cells {
                        style_ids.push((pos.0, pos.1, style));
                    }
                }
                out.push(Cell::new(pos, value), name)?;
            }
            style_ids.sort_unstable_by_key(|&(r, c, _)| (r, c));
            style_ids.dedup_by_key(|&mut (r, c, _)| (r, c));
        }
        Sheets::Xlsb(x) => {
            let mut rd = x
                .worksheet_cells_reader(name)
                .map_err(|e| plain_reason(&calamine::Error::Xlsb(e)))?;
            while let Some(c) = rd.next_cell().map_err(|e| err(e.to_string()))? {
                let pos = c.get_position();
                out.push(Cell::new(pos, Data::from(c.get_value().clone())), name)?;
            }
        }
        // xls: bounded by the BIFF pre-check; ods: calamine checks repeated
        // cells itself, and the result is checked here.
        Sheets::Xls(_) | Sheets::Ods(_) => {
            let range = sheets.worksheet_range(name).map_err(|e| plain_reason(&e))?;
            let (h, w) = range.get_size();
            let cells = h as u64 * w as u64;
            if cells > max_cells {
                return Err(format!(
                    "sheet '{name}' spans {h} rows × {w} columns ({cells} cells), more than the limit of {max_cells} cells per sheet (limits.max_cells in the template)"
                ));
            }
            return Ok((range, style_ids));
        }
    }
    Ok((out.range(), style_ids))
}

/// One sheet's formulas, bounded like [`read_range`].
fn read_formulas(
    sheets: &mut Sheets<FileBytes>,
    name: &str,
    max_cells: u64,
) -> Result<Range<String>, String> {
    let mut out = Bounded::new(max_cells);
    match sheets {
        Sheets::Xlsx(x) => {
            let mut rd = x.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
            while let Some(c) = rd.next_formula().map_err(|e| e.to_string())? {
                if !c.get_value().is_empty() {
                    out.push(c, name)?;
                }
            }
        }
        Sheets::Xlsb(x) => {
            let mut rd = x.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
            while let Some(c) = rd.next_formula().map_err(|e| e.to_string())? {
                if !c.get_value().is_empty() {
                    out.push(c, name)?;
                }
            }
        }
        Sheets::Xls(_) | Sheets::Ods(_) => {
            return sheets.worksheet_formula(name).map_err(|e| e.to_string());
        }
    }
    Ok(out.range())
}

/// Binary files that are not workbooks we read, from their first bytes.
fn describe_binary(head: &[u8]) -> Option<String> {
    let too_old = |v: &str| {
        Some(format!(
            "the file is an {v} workbook, a format too old to read"
        ))
    };
    match head {
        [0x09, 0x00, ..] => too_old("Excel 2.x (BIFF2)"),
        [0x09, 0x02, ..] => too_old("Excel 3.0 (BIFF3)"),
        [0x09, 0x04, ..] => too_old("Excel 4.0 (BIFF4)"),
        [0x00, 0x00, 0x02, 0x00, 0x04..=0x06, 0x04, ..] => Some(
            "the file is a Lotus 1-2-3 worksheet, not an Excel workbook (LibreOffice can convert it)".into(),
        ),
        _ if head.starts_with(b"%PDF") => {
            Some("the file is a PDF document, not an Excel workbook".into())
        }
        _ if head.starts_with(b"{\\rtf") => {
            Some("the file is a Word (RTF) document, not an Excel workbook".into())
        }
        _ => None,
    }
}

/// What became of opening an input file.
pub enum Opened {
    /// A workbook, with what its bytes are.
    Workbook(OpenWorkbook, Content),
    /// Not a submission (a lock file, a document): the reason.
    Skipped(String),
    /// Cannot be read: the reason in plain words.
    Rejected(String),
}

/// Opens an input file found by [`discover`], or says why not.
pub fn open_input(file: &InputFile, limits: &Limits) -> Opened {
    match &file.kind {
        InputKind::Skipped(reason) => Opened::Skipped(reason.clone()),
        InputKind::Unreadable(reason) => Opened::Rejected(reason.clone()),
        InputKind::Archive => {
            Opened::Skipped("a zip archive; the files inside it are read on their own".into())
        }
        InputKind::Spreadsheet => {
            let read = if file.member.is_empty() {
                read_within(&file.path, limits)
            } else {
                archive::read_member(file, limits)
            };
            let opened = read.and_then(|bytes| {
                let content = Content::of(&bytes);
                let name = file
                    .member
                    .last()
                    .map_or_else(|| file.path.to_string_lossy().into_owned(), |m| m.clone());
                let wb = OpenWorkbook::from_bytes(bytes, limits)?.named_after(&name);
                Ok((wb, content))
            });
            match opened {
                Ok((wb, content)) => Opened::Workbook(wb, content),
                Err(reason) => Opened::Rejected(reason),
            }
        }
    }
}

/// A reason for a file that is neither zip nor OLE nor a table we read,
/// from its first bytes.
fn describe_non_spreadsheet(head: &[u8]) -> String {
    let text = String::from_utf8_lossy(head).to_lowercase();
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("<!doctype html") || t.starts_with("<html") {
        "the file is a web page (HTML) without any table, not an Excel workbook".into()
    } else if t.starts_with("<?xml") {
        "the file is an XML document that is not an Excel 'XML Spreadsheet 2003', not an Excel workbook".into()
    } else if head
        .iter()
        .take(256)
        .all(|&b| b == b'\t' || b == b'\n' || b == b'\r' || (0x20..0x7f).contains(&b) || b >= 0x80)
    {
        "the file is plain text without a table (no commas, semicolons or tabs separating columns), not an Excel workbook"
            .into()
    } else {
        "the file is not a spreadsheet this tool can read (neither an Excel nor an OpenDocument workbook, nor a web or text table)".into()
    }
}

/// True when a value is a real number (not text, not an error).
pub fn is_numeric(d: &Data) -> bool {
    matches!(d, Data::Float(_) | Data::Int(_))
}

/// A merged range in absolute 0-based positions.
pub type Merge = Dimensions;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_the_guard_is_a_reason_and_outside_stays_a_panic() {
        let r: Result<(), String> = guarded("testing", || panic!("boom"));
        let reason = r.unwrap_err();
        assert!(
            reason.contains("while testing") && reason.contains("boom"),
            "{reason}"
        );
        // The flag is reset: a panic outside the guard is caught by the
        // normal machinery (here: catch_unwind of the test itself).
        assert!(!GUARDED.with(StdCell::get));
        assert!(std::panic::catch_unwind(|| panic!("loud")).is_err());
    }

    #[test]
    fn old_binary_formats_have_names() {
        assert!(describe_binary(&[0x09, 0x04, 0x06, 0x00])
            .unwrap()
            .contains("BIFF4"));
        assert!(describe_binary(&[0, 0, 2, 0, 6, 4, 6, 0])
            .unwrap()
            .contains("Lotus"));
        assert!(describe_binary(b"%PDF-1.4").unwrap().contains("PDF"));
        assert!(describe_binary(b"Chi tieu,TH").is_none());
    }
}

#[cfg(test)]
mod cost {
    use super::*;

    /// The cost of the `.xls` pre-check over the corpus's OLE files
    /// (`cargo test --lib ingest::cost -- --ignored --nocapture`).
    #[test]
    #[ignore = "measurement; needs ../shared/corpus/real-world"]
    fn ole_precheck_cost_over_the_corpus() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real-world");
        let mut stack = vec![root];
        let mut files = Vec::new();
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if matches!(sniff(&p), Ok((Container::Ole, _))) {
                    files.push(std::fs::read(&p).unwrap_or_default());
                }
            }
        }
        let bytes: usize = files.iter().map(Vec::len).sum();
        let t = std::time::Instant::now();
        let rounds = 20;
        for _ in 0..rounds {
            for f in &files {
                let _ = precheck_ole(f, 2_000_000);
            }
        }
        let per = t.elapsed() / (rounds * files.len().max(1) as u32);
        println!("{} OLE files, {bytes} bytes: {per:?} per file", files.len());
    }
}
