//! The fonts and number formats of the cells of an `.xlsx`/`.xlsm` file,
//! which calamine does not expose.
//!
//! Two things in a submission depend on them: text typed in a legacy
//! Vietnamese font (`.VnTime`, `VNI-Times`) must be decoded by that font,
//! and a number shown as `23,2%` or `1.234,50` carries its percent sign and
//! its decimals in the number format, not in the stored value.
//!
//! The parts are read straight from the zip, streamed through quick-xml,
//! each bounded in uncompressed size:
//!
//! ```text
//! _rels/.rels                 → the workbook part (xl/workbook.xml)
//! xl/workbook.xml             → sheet names and their relationship ids
//! xl/_rels/workbook.xml.rels  → relationship id → sheet part, styles part
//! xl/styles.xml               → <fonts>, <numFmts>, <fills>, <cellXfs> (fontId, numFmtId, fillId)
//! ```
//!
//! The style index of each cell (`<c r="B7" s="3">`) comes from calamine's
//! own pass over the sheet ([`crate::ingest::SheetGrid::take_style_ids`]);
//! [`SheetStyles`] puts the two together.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, BufReader, Read, Seek};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use crate::ingest::FileBytes;
use crate::memo::{self, BytesMemo};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use zip::ZipArchive;

/// What one cell format (`<xf>` of `<cellXfs>`) says.
#[derive(Clone, Debug, Default)]
pub(crate) struct CellFormat {
    font: Option<usize>,
    percent: bool,
    decimals: Option<u8>,
    /// A date format that shows no day (`mmm-yy`, `mm/yyyy`, `yyyy`).
    no_day: Option<DateWithoutDay>,
    /// The format prints a footnote mark after the figure (`#,##0" (*)"`,
    /// as tonghop marks a total that leaves out units).
    marked: bool,
    /// The colour (0xRRGGBB) of a solid fill: how tonghop marks a
    /// disputed figure of its own workbook.
    fill: Option<u32>,
}

/// What a date format without a day shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateWithoutDay {
    /// A month and its year: "12/2025" typed, shown "Dec-25".
    Month,
    /// A year alone.
    Year,
}

/// The style part of a workbook (fonts and cell formats), shared by its
/// sheets.
#[derive(Debug, Default)]
pub struct StyleTable {
    /// Font names by `fontId` (empty when the font names none).
    fonts: Vec<String>,
    /// Cell formats by style index (`s` of a cell).
    formats: Vec<CellFormat>,
}

impl StyleTable {
    /// The table of an `.ods`, whose cells calamine gives without their
    /// styles: style 0 the default, style 1 a percentage (its decimals as
    /// typed). See [`crate::ingest::ods`].
    pub fn percents() -> Arc<StyleTable> {
        static TABLE: std::sync::OnceLock<Arc<StyleTable>> = std::sync::OnceLock::new();
        Arc::clone(TABLE.get_or_init(|| {
            Arc::new(StyleTable {
                fonts: Vec::new(),
                formats: vec![
                    CellFormat::default(),
                    CellFormat {
                        percent: true,
                        ..CellFormat::default()
                    },
                ],
            })
        }))
    }
}

/// A cell's position and style index: (row, column, style).
pub type StyledCell = (u32, u32, u32);

/// The styles of the cells of one sheet. Rows and columns are 0-based
/// absolute positions, as calamine gives them; a cell the sheet does not
/// list has the workbook's default style (index 0).
#[derive(Clone, Debug)]
pub struct SheetStyles {
    table: Arc<StyleTable>,
    /// (row, column, style index), sorted by position; index 0 left out.
    cells: Vec<StyledCell>,
}

impl SheetStyles {
    /// The styles of a sheet from the workbook's style table and the style
    /// indices of the sheet's cells (sorted by position, as calamine's value
    /// pass gives them with [`crate::ingest::SheetGrid::take_style_ids`]).
    pub fn new(table: Arc<StyleTable>, cells: Vec<StyledCell>) -> SheetStyles {
        SheetStyles { table, cells }
    }

    fn format(&self, row: u32, col: u32) -> Option<&CellFormat> {
        let index = match self
            .cells
            .binary_search_by(|&(r, c, _)| (r, c).cmp(&(row, col)))
        {
            Ok(i) => self.cells.get(i).map_or(0, |&(_, _, s)| s),
            Err(_) => 0,
        };
        self.table.formats.get(index as usize)
    }

    /// The name of the font of a cell (`.VnTime`, `Times New Roman`), when
    /// the style part names one.
    pub fn font(&self, row: u32, col: u32) -> Option<&str> {
        let font = self.format(row, col)?.font?;
        self.table
            .fonts
            .get(font)
            .map(String::as_str)
            .filter(|name| !name.is_empty())
    }

    /// True when the cell's number format shows a percent (`0%`, `0.00%`,
    /// `0.0%`, built-in formats 9 and 10).
    pub fn is_percent(&self, row: u32, col: u32) -> bool {
        self.format(row, col).is_some_and(|f| f.percent)
    }

    /// The decimals the cell's number format shows: `#,##0.00` → 2,
    /// `0.0%` → 1, `#,##0` → 0. `None` for General, text, dates and
    /// fractions, whose decimals the format does not fix.
    pub fn decimals(&self, row: u32, col: u32) -> Option<u8> {
        self.format(row, col)?.decimals
    }

    /// Whether the cell's number format prints a footnote mark after the
    /// figure (`#,##0" (*)"`): the figure itself is a plain number.
    pub fn footnote_marked(&self, row: u32, col: u32) -> bool {
        self.format(row, col).is_some_and(|f| f.marked)
    }

    /// Whether the cell's number format is a date that shows no day
    /// (`mmm-yy`, built-in format 17, shows "Dec-25": "12/2025" typed),
    /// and what it shows instead.
    pub fn date_without_day(&self, row: u32, col: u32) -> Option<DateWithoutDay> {
        self.format(row, col)?.no_day
    }

    /// The colour (0xRRGGBB) of the cell's solid fill, if any: what
    /// `check-text --against` reads of the figures tonghop's workbook
    /// marks as disputed.
    pub fn fill(&self, row: u32, col: u32) -> Option<u32> {
        self.format(row, col)?.fill
    }
}

/// The parts of an `.xlsx` that calamine does not expose, read through the
/// pre-check's handle on the zip, kept for the workbook: the legacy-font
/// probe, the style table, and whether a sheet holds formulas. Every read
/// runs under `catch_unwind`; after a panic the handle is dropped and
/// every later question gets its "don't know" answer.
pub struct XlsxParts {
    max_bytes: u64,
    zip: Result<ZipArchive<FileBytes>, String>,
    layout: Option<Result<Layout, String>>,
    /// Sheets whose part was read, and whether it may hold formulas.
    formulas_seen: Vec<(String, bool)>,
}

/// What the part of a sheet says besides its values.
pub struct SheetExtras {
    /// The merged ranges as calamine would give them; `None` when calamine
    /// must be asked (see [`crate::ingest::merges`]).
    pub merges: Option<Vec<calamine::Dimensions>>,
    /// The rows and columns it hides ([`crate::ingest::hidden`]).
    pub hidden: crate::ingest::sheet::Hidden,
}

impl XlsxParts {
    /// The parts of the workbook `zip` has open (its directory read
    /// already, by the pre-check). Every part is read through a counter of
    /// at most `max_bytes`.
    pub fn new(zip: ZipArchive<FileBytes>, max_bytes: u64) -> XlsxParts {
        XlsxParts {
            max_bytes,
            zip: Ok(zip),
            layout: None,
            formulas_seen: Vec::new(),
        }
    }

    /// Runs `f` on the archive, catching panics.
    fn with_zip<T>(
        &mut self,
        f: impl FnOnce(
            &mut ZipArchive<FileBytes>,
            &mut Option<Result<Layout, String>>,
            u64,
        ) -> Result<T, String>,
    ) -> Result<T, String> {
        let zip = match &mut self.zip {
            Ok(zip) => zip,
            Err(e) => return Err(e.clone()),
        };
        let (layout, max_bytes) = (&mut self.layout, self.max_bytes);
        match catch_unwind(AssertUnwindSafe(|| f(zip, layout, max_bytes))) {
            Ok(result) => result,
            Err(_) => {
                let reason =
                    "a part of the workbook could not be read (the file is probably damaged)"
                        .to_string();
                self.zip = Err(reason.clone());
                Err(reason)
            }
        }
    }

    /// A cheap probe: does the workbook's style part name a legacy
    /// Vietnamese font (`.VnTime`, `VNI-Times`, …)? Only then are the
    /// per-cell fonts worth reading. Any failure answers `false` (the
    /// content detection still runs).
    pub fn mentions_legacy_font(&mut self) -> bool {
        self.with_zip(|zip, _, max_bytes| {
            let name = zip
                .file_names()
                .filter_map(|n| n.ok())
                .find(|n| n.eq_ignore_ascii_case("xl/styles.xml"))
                .map(|n| n.to_string());
            let Some(name) = name else {
                return Ok(false);
            };
            let probe = |zip: &mut ZipArchive<FileBytes>| -> Result<bool, String> {
                let mut read = || -> Option<bool> {
                    let entry = zip.by_name(&name).ok()?;
                    let mut buf = Vec::new();
                    entry.take(max_bytes).read_to_end(&mut buf).ok()?;
                    // The names are ASCII: lower-casing the ASCII letters
                    // alone finds them wherever a full lower-casing of the
                    // text would.
                    buf.make_ascii_lowercase();
                    let has = |name: &[u8]| memchr::memmem::find(&buf, name).is_some();
                    Some(has(b"\".vn") || has(b"vni-") || has(b"vni "))
                };
                Ok(read().unwrap_or(false))
            };
            remembered(&LEGACY_PROBES, zip, &name, max_bytes, probe).map(|found| *found)
        })
        .unwrap_or(false)
    }

    /// The fonts and number formats of the workbook.
    ///
    /// # Errors
    /// A reason in plain words when the file cannot be opened, is not a
    /// zip archive, or its package relationships, workbook part or style
    /// part are not well-formed XML or larger than the limit.
    pub fn style_table(&mut self) -> Result<Arc<StyleTable>, String> {
        self.with_zip(|zip, layout, max_bytes| {
            let layout = Layout::cached(layout, zip, max_bytes)?;
            let path = layout.styles_path();
            remembered(&STYLE_TABLES, zip, &path, max_bytes, |zip| {
                style_table(zip, &path, max_bytes)
            })
        })
    }

    /// Reads the part of a sheet once for what calamine would need more
    /// passes for: its merged ranges, and whether it holds formulas at all
    /// (remembered for [`XlsxParts::may_have_formulas`]). `None` when the
    /// part cannot be found or read (see [`Layout::sheet_part`]).
    pub fn sheet_extras(&mut self, sheet: &str) -> Option<SheetExtras> {
        let read = self.with_zip(|zip, layout, max_bytes| {
            let layout = Layout::cached(layout, zip, max_bytes)?;
            let part = layout
                .sheet_part(sheet)
                .ok_or_else(|| format!("no part for sheet '{sheet}'"))?;
            let xml = read_part(zip, &part, max_bytes)?;
            Ok((
                has_formula_tag(&xml),
                crate::ingest::merges::merges_of_part(&xml),
                crate::ingest::hidden::hidden_of_part(&xml),
            ))
        });
        let (formulas, merges, hidden) = read.ok()?;
        self.formulas_seen.push((sheet.to_string(), formulas));
        Some(SheetExtras { merges, hidden })
    }

    /// `false` only when the sheet's part is known to hold no formula
    /// element (`<f>`); `true` when it may, or when that cannot be told
    /// (the sheet's part not found or not readable, or its location
    /// resolved in a way calamine might not).
    pub fn may_have_formulas(&mut self, sheet: &str) -> bool {
        if let Some((_, seen)) = self.formulas_seen.iter().find(|(s, _)| s == sheet) {
            return *seen;
        }
        self.sheet_extras(sheet).is_none()
            || self
                .formulas_seen
                .iter()
                .find(|(s, _)| s == sheet)
                .is_none_or(|(_, seen)| *seen)
    }
}

/// Where the parts of a workbook are, from its relationships.
struct Layout {
    /// The folder of the workbook part (`xl`).
    dir: String,
    rels: Arc<HashMap<String, Relationship>>,
    /// Sheet names and relationship ids, in workbook order.
    sheets: Arc<Vec<(String, String)>>,
}

impl Layout {
    fn read<R: Read + Seek>(zip: &mut ZipArchive<R>, max_bytes: u64) -> Result<Layout, String> {
        let workbook_path =
            office_document(zip, max_bytes)?.unwrap_or_else(|| "xl/workbook.xml".to_string());
        let (dir, file_name) = match workbook_path.rsplit_once('/') {
            Some((dir, name)) => (dir.to_string(), name.to_string()),
            None => (String::new(), workbook_path.clone()),
        };
        let rels_path = if dir.is_empty() {
            format!("_rels/{file_name}.rels")
        } else {
            format!("{dir}/_rels/{file_name}.rels")
        };
        let rels = relationships(zip, &rels_path, max_bytes)?;
        let sheets = remembered(&SHEET_LISTS, zip, &workbook_path, max_bytes, |zip| {
            sheet_list(zip, &workbook_path, max_bytes)
        })?;
        Ok(Layout { dir, rels, sheets })
    }

    /// The layout read once and kept.
    fn cached<'a, R: Read + Seek>(
        slot: &'a mut Option<Result<Layout, String>>,
        zip: &mut ZipArchive<R>,
        max_bytes: u64,
    ) -> Result<&'a Layout, String> {
        slot.get_or_insert_with(|| Layout::read(zip, max_bytes))
            .as_ref()
            .map_err(Clone::clone)
    }

    fn styles_path(&self) -> String {
        self.rels
            .values()
            .find(|r| r.kind.ends_with("/styles"))
            .map(|r| resolve(&self.dir, &r.target))
            .unwrap_or_else(|| resolve(&self.dir, "styles.xml"))
    }

    /// The part of a worksheet, when it is found where calamine looks for
    /// it too: calamine joins the target to the workbook's folder as
    /// written, without resolving `..` or backslashes.
    fn sheet_part(&self, sheet: &str) -> Option<String> {
        let (_, rid) = self.sheets.iter().find(|(name, _)| name == sheet)?;
        let rel = self.rels.get(rid)?;
        if !rel.kind.ends_with("/worksheet") {
            return None;
        }
        let resolved = resolve(&self.dir, &rel.target);
        let as_calamine = match rel.target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None if self.dir.is_empty() => rel.target.clone(),
            None => format!("{}/{}", self.dir, rel.target),
        };
        (resolved == as_calamine).then_some(resolved)
    }
}

/// The bytes of a part, through the size counter.
///
/// # Errors
/// When the part is missing, cannot be inflated or is over the limit.
pub(crate) fn read_part<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    name: &str,
    max_bytes: u64,
) -> Result<Vec<u8>, String> {
    let index = find_entry(zip, name).ok_or_else(|| format!("{name} is missing"))?;
    let entry = zip
        .by_index(index)
        .map_err(|e| format!("cannot read {name} inside the workbook: {e}"))?;
    let capacity = usize::try_from(entry.size().min(max_bytes).min(1 << 24)).unwrap_or(0);
    let mut bounded = Bounded {
        inner: entry,
        left: max_bytes,
        exceeded: false,
    };
    let mut bytes = Vec::with_capacity(capacity);
    bounded
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {name} inside the workbook: {e}"))?;
    Ok(bytes)
}

/// Whether a part may hold a formula element: `<f` or `:f` (as in `<x:f`)
/// followed by `>`, `/` or XML white space, anywhere in the bytes. Read
/// without parsing: an occurrence inside a comment or CDATA answers
/// `true`, which only costs calamine's formula pass.
fn has_formula_tag(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'f', bytes).any(|i| {
        let before = i.checked_sub(1).and_then(|j| bytes.get(j));
        let after = bytes.get(i + 1);
        matches!(before, Some(b'<' | b':'))
            && after.is_none_or(|b| matches!(b, b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n'))
    })
}

/// A reader that fails once more than its limit has been read, whatever
/// the zip entry claims its size is.
struct Bounded<R> {
    inner: R,
    left: u64,
    exceeded: bool,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.left == 0 {
            let mut probe = [0u8; 1];
            if self.inner.read(&mut probe)? == 0 {
                return Ok(0);
            }
            self.exceeded = true;
            return Err(io::Error::other("size limit exceeded"));
        }
        let want = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(buf.get_mut(..want).unwrap_or_default())?;
        self.left = self.left.saturating_sub(n as u64);
        Ok(n)
    }
}

/// Whether a visitor wants the rest of a part.
#[derive(PartialEq, Eq)]
enum Flow {
    More,
    Done,
}

/// The index of a zip entry: exact name first, then ignoring case and
/// backslashes (some writers produce `xl\worksheets\sheet1.xml`).
fn find_entry<R: Read + Seek>(zip: &ZipArchive<R>, name: &str) -> Option<usize> {
    if let Some(i) = zip.index_for_name(name) {
        return Some(i);
    }
    let want = name.to_ascii_lowercase();
    zip.file_names().position(|n| {
        n.is_ok_and(|n| {
            n.replace('\\', "/")
                .trim_start_matches('/')
                .to_ascii_lowercase()
                == want
        })
    })
}

/// Streams the XML events of a part to `visit`. `Ok(false)` when the part
/// does not exist.
fn stream_part<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    name: &str,
    max_bytes: u64,
    mut visit: impl FnMut(&Event<'_>) -> Flow,
) -> Result<bool, String> {
    let Some(index) = find_entry(zip, name) else {
        return Ok(false);
    };
    let entry = zip
        .by_index(index)
        .map_err(|e| format!("cannot read {name} inside the workbook: {e}"))?;
    let bounded = Bounded {
        inner: entry,
        left: max_bytes,
        exceeded: false,
    };
    let mut reader = Reader::from_reader(BufReader::new(bounded));
    let mut buf = Vec::new();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(e) => {
                if reader.get_ref().get_ref().exceeded {
                    return Err(format!(
                        "{name} inside the workbook is larger than the limit of {max_bytes} bytes once uncompressed"
                    ));
                }
                return Err(format!("{name} inside the workbook is damaged: {e}"));
            }
        };
        if matches!(event, Event::Eof) || visit(&event) == Flow::Done {
            break;
        }
        buf.clear();
    }
    Ok(true)
}

/// Parts read before, by the key of [`stored_key`], on each reading thread.
type Remembered<T> = RefCell<BytesMemo<Result<Arc<T>, String>>>;

thread_local! {
    static RELATIONSHIPS: Remembered<HashMap<String, Relationship>> = RefCell::default();
    static SHEET_LISTS: Remembered<Vec<(String, String)>> = RefCell::default();
    static STYLE_TABLES: Remembered<StyleTable> = RefCell::default();
    static LEGACY_PROBES: Remembered<bool> = RefCell::default();
}

/// What `read` makes of the part `name`, remembered by the part's stored
/// bytes: the wards of a batch fill in copies of one form, whose
/// relationships, sheet list and style part are the same bytes in every
/// workbook. A part not found, too large to remember or not readable raw
/// is read each time.
fn remembered<R: Read + Seek, T>(
    parts: &'static std::thread::LocalKey<Remembered<T>>,
    zip: &mut ZipArchive<R>,
    name: &str,
    max_bytes: u64,
    read: impl FnOnce(&mut ZipArchive<R>) -> Result<T, String>,
) -> Result<Arc<T>, String> {
    match find_entry(zip, name).and_then(|i| stored_key(zip, i, name, max_bytes)) {
        Some(key) => memo::remembered(parts, &key, || read(zip).map(Arc::new)),
        None => read(zip).map(Arc::new),
    }
}

/// The key a part is remembered by: its name and the size limit (both
/// appear in what reading it may answer), then the entry as it is stored
/// in the archive: method, sizes, checksum, encryption and the stored
/// (compressed) bytes. The same stored bytes inflate to the same part, so
/// the same key always reads the same; a part stored differently is
/// merely read again. `None` when the entry is too large to remember or
/// cannot be read raw.
fn stored_key<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    index: usize,
    name: &str,
    max_bytes: u64,
) -> Option<Vec<u8>> {
    let entry = zip.by_index_raw(index).ok()?;
    let stored = usize::try_from(entry.compressed_size()).ok()?;
    let mut key = Vec::with_capacity(name.len() + 32 + stored);
    key.extend_from_slice(name.as_bytes());
    key.push(0);
    key.extend_from_slice(&max_bytes.to_le_bytes());
    key.extend_from_slice(format!("{:?}", entry.compression()).as_bytes());
    key.push(0);
    key.extend_from_slice(&entry.size().to_le_bytes());
    key.extend_from_slice(&entry.compressed_size().to_le_bytes());
    key.extend_from_slice(&entry.crc32().to_le_bytes());
    key.push(u8::from(entry.encrypted()));
    if !BytesMemo::<()>::keeps(key.len() + stored) {
        return None;
    }
    let head = key.len();
    entry.take(stored as u64).read_to_end(&mut key).ok()?;
    (key.len() - head == stored).then_some(key)
}

/// The value of an attribute by local name (`r:id` is found as `id`).
pub(crate) fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(Cow::into_owned)
        })
}

fn attr_u32(e: &BytesStart<'_>, local: &str) -> Option<u32> {
    attr(e, local)?.trim().parse().ok()
}

/// Start or empty element: its local name and the element.
fn element<'a>(event: &'a Event<'_>) -> Option<(&'a str, &'a BytesStart<'a>)> {
    match event {
        Event::Start(e) | Event::Empty(e) => Some((e.local_name().into_inner(), e)),
        _ => None,
    }
}

/// One relationship of a `.rels` part.
struct Relationship {
    kind: String,
    target: String,
}

fn relationships<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    part: &str,
    max_bytes: u64,
) -> Result<Arc<HashMap<String, Relationship>>, String> {
    remembered(&RELATIONSHIPS, zip, part, max_bytes, |zip| {
        read_relationships(zip, part, max_bytes)
    })
}

fn read_relationships<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    part: &str,
    max_bytes: u64,
) -> Result<HashMap<String, Relationship>, String> {
    let mut rels = HashMap::new();
    stream_part(zip, part, max_bytes, |event| {
        if let Some(("Relationship", e)) = element(event) {
            if let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target")) {
                let kind = attr(e, "Type").unwrap_or_default();
                rels.insert(id, Relationship { kind, target });
            }
        }
        Flow::More
    })?;
    Ok(rels)
}

/// The workbook part named by the package relationships.
fn office_document<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    max_bytes: u64,
) -> Result<Option<String>, String> {
    let rels = relationships(zip, "_rels/.rels", max_bytes)?;
    Ok(rels
        .values()
        .find(|r| r.kind.ends_with("/officeDocument"))
        .map(|r| resolve("", &r.target)))
}

/// Sheet names and relationship ids, in workbook order.
fn sheet_list<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    part: &str,
    max_bytes: u64,
) -> Result<Vec<(String, String)>, String> {
    let mut sheets = Vec::new();
    let found = stream_part(zip, part, max_bytes, |event| {
        if let Some(("sheet", e)) = element(event) {
            if let (Some(name), Some(rid)) = (attr(e, "name"), attr(e, "id")) {
                sheets.push((name, rid));
            }
        }
        if matches!(event, Event::End(e) if e.local_name().as_ref() == "sheets") {
            return Flow::Done;
        }
        Flow::More
    })?;
    if !found {
        return Err(format!("the workbook part {part} is missing"));
    }
    Ok(sheets)
}

/// A target of a relationship as a zip entry name: relative to the
/// directory of the part that points at it, or absolute from the root.
fn resolve(dir: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None if dir.is_empty() => target,
        None => format!("{dir}/{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn style_table<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    part: &str,
    max_bytes: u64,
) -> Result<StyleTable, String> {
    let mut fonts: Vec<String> = Vec::new();
    let mut custom: HashMap<u32, String> = HashMap::new();
    let mut xfs: Vec<(Option<usize>, u32)> = Vec::new();
    // Each fill's solid colour, and each cell format's fill.
    let mut fills: Vec<Option<u32>> = Vec::new();
    let mut xf_fills: Vec<Option<usize>> = Vec::new();
    let (mut in_fonts, mut in_num_fmts, mut in_cell_xfs) = (false, false, false);
    let (mut in_fills, mut solid) = (false, false);
    let mut font: Option<String> = None;
    stream_part(zip, part, max_bytes, |event| {
        if let Some((name, e)) = element(event) {
            let empty = matches!(event, Event::Empty(_));
            match name {
                "fonts" => in_fonts = !empty,
                "numFmts" => in_num_fmts = !empty,
                "cellXfs" => in_cell_xfs = !empty,
                "fills" => in_fills = !empty,
                "fill" if in_fills => fills.push(None),
                "patternFill" if in_fills => {
                    solid = attr(e, "patternType").as_deref() == Some("solid");
                }
                "fgColor" if in_fills && solid => {
                    let rgb = attr(e, "rgb").and_then(|v| {
                        let hex = v.trim();
                        let hex = hex.get(hex.len().saturating_sub(6)..)?;
                        u32::from_str_radix(hex, 16).ok()
                    });
                    if let Some(last) = fills.last_mut() {
                        *last = rgb;
                    }
                }
                "font" if in_fonts => {
                    if empty {
                        fonts.push(String::new());
                    } else {
                        font = Some(String::new());
                    }
                }
                "name" if font.is_some() => font = attr(e, "val").or(font.take()),
                "numFmt" if in_num_fmts => {
                    if let (Some(id), Some(code)) = (attr_u32(e, "numFmtId"), attr(e, "formatCode"))
                    {
                        custom.insert(id, code);
                    }
                }
                "xf" if in_cell_xfs => {
                    let font = attr(e, "fontId").and_then(|v| v.trim().parse::<usize>().ok());
                    xfs.push((font, attr_u32(e, "numFmtId").unwrap_or(0)));
                    xf_fills.push(attr(e, "fillId").and_then(|v| v.trim().parse().ok()));
                }
                _ => {}
            }
        } else if let Event::End(e) = event {
            match e.local_name().as_ref() {
                "fonts" => in_fonts = false,
                "numFmts" => in_num_fmts = false,
                "fills" => in_fills = false,
                "cellXfs" => return Flow::Done,
                "font" if in_fonts => fonts.push(font.take().unwrap_or_default()),
                _ => {}
            }
        }
        Flow::More
    })?;
    let mut table = StyleTable::numbered(fonts, xfs, &custom);
    for (format, fill) in table.formats.iter_mut().zip(xf_fills) {
        format.fill = fill.and_then(|k| fills.get(k).copied().flatten());
    }
    Ok(table)
}

/// Whether a number format prints a footnote mark: a quoted literal
/// holding `*` (`#,##0" (*)"`, `0"*"`) or an escaped `\*` after an
/// escaped `\(`. An unquoted `*` repeats the next character to fill the
/// cell (`_(* #,##0_)`, the accounting format): no mark.
fn prints_footnote_mark(code: &str) -> bool {
    code.split('"')
        .skip(1)
        .step_by(2)
        .any(|quoted| quoted.contains('*'))
        || code.contains("\\(\\*")
}

impl StyleTable {
    /// A style table from font names, cell formats as (font index, number
    /// format id) and the workbook's own number formats by id; ids not
    /// among them are the built-in ones (ECMA-376 18.8.30, the same in an
    /// `.xls`).
    pub(crate) fn numbered<S: std::hash::BuildHasher>(
        fonts: Vec<String>,
        xfs: Vec<(Option<usize>, u32)>,
        custom: &HashMap<u32, String, S>,
    ) -> StyleTable {
        let formats = xfs
            .into_iter()
            .map(|(font, num_fmt)| {
                let code = custom
                    .get(&num_fmt)
                    .map(String::as_str)
                    .or_else(|| builtin_format(num_fmt));
                let (percent, decimals) = code.map_or((false, None), analyze_format);
                CellFormat {
                    font,
                    percent,
                    decimals,
                    no_day: code.and_then(date_without_day),
                    marked: code.is_some_and(prints_footnote_mark),
                    fill: None,
                }
            })
            .collect();
        StyleTable { fonts, formats }
    }

    /// Whether some font is a legacy Vietnamese one (`.VnTime`,
    /// `VNI-Times`): only then are the cells' fonts worth reading.
    pub(crate) fn names_legacy_font(&self) -> bool {
        self.fonts.iter().any(|f| {
            let f = f.to_ascii_lowercase();
            f.starts_with(".vn") || f.starts_with("vni-") || f.starts_with("vni ")
        })
    }
}

/// The built-in number formats of ECMA-376 (18.8.30) that fix a percent or
/// a number of decimals; the others read as General.
fn builtin_format(id: u32) -> Option<&'static str> {
    Some(match id {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        5 | 6 | 37 | 38 => "#,##0 ;(#,##0)",
        7 | 8 | 39 | 40 => "#,##0.00;(#,##0.00)",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        12 => "# ?/?",
        13 => "# ??/??",
        17 => "mmm-yy",
        14..=22 | 45..=47 => "d/m/yyyy h:mm",
        48 => "##0.0E+0",
        49 => "@",
        _ => return None,
    })
}

/// A format code read once: whether any section shows a percent (an
/// unquoted `%`), and its first section, lower case, without its quoted
/// text, escaped characters and bracketed parts (`[$-42A]`, `[Red]`).
fn scan_format(code: &str) -> (bool, String) {
    let mut percent = false;
    let mut section = 0;
    let mut first = String::new();
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            ';' => section += 1,
            '%' => percent = true,
            c if section == 0 => first.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    (percent, first)
}

/// A date format that shows a year but no day: `mmm-yy`, `mm/yyyy`,
/// `[$-42A]mmmm yyyy` show a month, `yyyy` a year.
fn date_without_day(code: &str) -> Option<DateWithoutDay> {
    let (_, first) = scan_format(code);
    if !first.contains('y') || first.contains('d') || first.contains("general") {
        return None;
    }
    Some(if first.contains('m') {
        DateWithoutDay::Month
    } else {
        DateWithoutDay::Year
    })
}

/// Whether a number format code shows a percent (an unquoted `%` in any
/// section), and how many decimals its first section shows.
fn analyze_format(code: &str) -> (bool, Option<u8>) {
    let (percent, first) = scan_format(code);
    let is_number = !first.contains("general")
        && first.contains(['0', '#', '?'])
        && !first.contains(['y', 'm', 'd', 'h', 's', '/', '@']);
    if !is_number {
        return (percent, None);
    }
    let decimals = match first.split_once('.') {
        Some((_, after)) => after
            .chars()
            .take_while(|c| matches!(c, '0' | '#' | '?'))
            .count(),
        None => 0,
    };
    (percent, Some(decimals.min(u8::MAX as usize) as u8))
}

#[cfg(test)]
mod tests {
    use super::prints_footnote_mark;

    /// tonghop's own mark of an incomplete total is a footnote mark; the
    /// accounting format's fill `*` is none.
    #[test]
    fn footnote_mark_in_a_format() {
        assert!(prints_footnote_mark("#,##0\" (*)\""));
        assert!(prints_footnote_mark("#,##0.00\" (*)\""));
        assert!(!prints_footnote_mark("_(* #,##0_);_(* (#,##0);_(* \"-\"_)"));
        assert!(!prints_footnote_mark("#,##0"));
    }

    use super::*;
    use crate::ingest::SharedBytes;
    use crate::normalize::legacy::LegacyEncoding;
    use rust_xlsxwriter::{Format, Workbook};
    use std::io::{Cursor, Write};
    use std::path::Path;

    #[test]
    fn format_codes() {
        assert_eq!(analyze_format("General"), (false, None));
        assert_eq!(analyze_format("#,##0.00"), (false, Some(2)));
        assert_eq!(analyze_format("0.0%"), (true, Some(1)));
        assert_eq!(analyze_format("0%"), (true, Some(0)));
        assert_eq!(analyze_format("#,##0"), (false, Some(0)));
        assert_eq!(
            analyze_format("#,##0.000_);[Red](#,##0.000)"),
            (false, Some(3))
        );
        assert_eq!(analyze_format(r#"#,##0.0 "triệu""#), (false, Some(1)));
        assert_eq!(analyze_format(r#"0.00 "%""#), (false, Some(2)));
        assert_eq!(analyze_format("0.00\\%"), (false, Some(2)));
        assert_eq!(analyze_format("[Red]0.0"), (false, Some(1)));
        assert_eq!(analyze_format("dd/mm/yyyy"), (false, None));
        assert_eq!(analyze_format("[$-42A]d mmmm yyyy"), (false, None));
        assert_eq!(analyze_format("@"), (false, None));
        assert_eq!(analyze_format("# ?/?"), (false, None));
        assert_eq!(analyze_format("0.00E+00"), (false, Some(2)));
        for (id, want) in [
            (2, Some(2)),
            (4, Some(2)),
            (10, Some(2)),
            (9, Some(0)),
            (3, Some(0)),
            (0, None),
            (14, None),
        ] {
            assert_eq!(
                builtin_format(id).and_then(|c| analyze_format(c).1),
                want,
                "built-in {id}"
            );
        }
        assert!(builtin_format(9).is_some_and(|c| analyze_format(c).0));
        assert!(builtin_format(10).is_some_and(|c| analyze_format(c).0));
    }

    #[test]
    fn date_formats_without_a_day_are_told() {
        for (code, want) in [
            ("mmm-yy", Some(DateWithoutDay::Month)),
            ("mm/yyyy", Some(DateWithoutDay::Month)),
            ("[$-42A]mmmm yyyy", Some(DateWithoutDay::Month)),
            ("yyyy", Some(DateWithoutDay::Year)),
            // Near misses: dates with a day, numbers, text with a quoted y.
            ("dd/mm/yyyy", None),
            ("d-mmm-yy", None),
            ("d/m/yyyy h:mm", None),
            ("General", None),
            ("#,##0.00", None),
            (r#"0 "ymd""#, None),
        ] {
            assert_eq!(date_without_day(code), want, "{code}");
        }
        assert_eq!(
            builtin_format(17).and_then(date_without_day),
            Some(DateWithoutDay::Month)
        );
        assert_eq!(builtin_format(14).and_then(date_without_day), None);
    }

    #[test]
    fn targets_resolve_against_the_workbook_folder() {
        assert_eq!(
            resolve("xl", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl", "/xl/worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(resolve("xl", "../xl/styles.xml"), "xl/styles.xml");
        assert_eq!(resolve("", "xl/workbook.xml"), "xl/workbook.xml");
    }

    /// A workbook with legacy fonts and percent formats, written by
    /// rust_xlsxwriter the way an office template would hold them.
    fn styled_workbook(path: &Path) {
        let mut wb = Workbook::new();
        let vni = Format::new().set_font_name("VNI-Times");
        let tcvn = Format::new().set_font_name(".VnTime");
        let tcvn_caps = Format::new().set_font_name(".VnTimeH");
        let pct1 = Format::new().set_num_format("0.0%");
        let pct_builtin = Format::new().set_num_format_index(10);
        let two = Format::new().set_num_format("#,##0.00");
        let sheet = wb
            .add_worksheet()
            .set_name("Biểu 1 & 2")
            .expect("sheet name");
        sheet
            .write_string_with_format(0, 0, "Phöôøng 5", &vni)
            .expect("write");
        sheet
            .write_string_with_format(1, 0, "Ph\u{ad}êng 5", &tcvn)
            .expect("write");
        sheet
            .write_string_with_format(2, 0, "ph\u{ad}êng 5", &tcvn_caps)
            .expect("write");
        sheet.write_string(3, 0, "Tổng số").expect("write");
        sheet
            .write_number_with_format(6, 1, 0.232, &pct1)
            .expect("write");
        sheet
            .write_number_with_format(6, 2, 0.5, &pct_builtin)
            .expect("write");
        sheet
            .write_number_with_format(6, 3, 1234.5, &two)
            .expect("write");
        sheet.write_number(6, 4, 17.0).expect("write");
        let other = wb.add_worksheet().set_name("Nhiệm vụ").expect("sheet name");
        other
            .write_string_with_format(4, 27, "Hå s¬", &tcvn)
            .expect("write");
        wb.save(path).expect("save");
    }

    /// A sheet's styles as reading a submission sees them: the style table
    /// from [`XlsxParts`], the cells' style indices from calamine's value
    /// pass ([`crate::ingest::SheetGrid::take_style_ids`]).
    fn sheet_styles(path: &Path, sheet: &str) -> SheetStyles {
        let limits = crate::template::Limits::default();
        let mut wb = crate::ingest::OpenWorkbook::open(path, &limits).expect("open");
        let mut grid = wb.sheet(sheet).expect("sheet");
        let cells = grid.take_style_ids();
        SheetStyles::new(wb.style_table().expect("style table"), cells)
    }

    #[test]
    fn reads_fonts_and_formats_of_a_written_workbook() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("styled.xlsx");
        styled_workbook(&path);
        let s = &sheet_styles(&path, "Biểu 1 & 2");
        assert_eq!(s.font(0, 0), Some("VNI-Times"));
        assert_eq!(s.font(1, 0), Some(".VnTime"));
        assert_eq!(s.font(2, 0), Some(".VnTimeH"));
        assert_eq!(s.font(3, 0), Some("Calibri"));
        // A cell the sheet does not hold has the default style.
        assert_eq!(s.font(500, 9), Some("Calibri"));
        assert!(s.is_percent(6, 1));
        assert_eq!(s.decimals(6, 1), Some(1));
        assert!(s.is_percent(6, 2));
        assert_eq!(s.decimals(6, 2), Some(2));
        assert!(!s.is_percent(6, 3));
        assert_eq!(s.decimals(6, 3), Some(2));
        assert!(!s.is_percent(6, 4));
        assert_eq!(s.decimals(6, 4), None);
        let t = &sheet_styles(&path, "Nhiệm vụ");
        assert_eq!(t.font(4, 27), Some(".VnTime"));
        assert_eq!(t.font(4, 26), Some("Calibri"));
    }

    #[test]
    fn a_part_over_the_limit_is_refused_with_a_reason() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("styled.xlsx");
        styled_workbook(&path);
        let err = table_of(std::fs::read(&path).expect("read"), 200).expect_err("over the limit");
        assert!(err.contains("larger than the limit of 200 bytes"), "{err}");
    }

    /// Writes a zip with the given entries (stored or deflated).
    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut out);
            let options = zip::write::SimpleFileOptions::default();
            for (name, data) in entries {
                w.start_file(*name, options).expect("start");
                w.write_all(data).expect("write");
            }
            w.finish().expect("finish");
        }
        out.into_inner()
    }

    const WORKBOOK: &[u8] = br#"<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    const RELS: &[u8] = br#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    const STYLES: &[u8] = br#"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="0.000"/></numFmts><fonts><font><name val="Arial"/></font><font><b/><name val=".VnTimeH"/></font></fonts><dxfs><dxf><font><name val="Wingdings"/></font></dxf></dxfs><cellXfs><xf fontId="0" numFmtId="0"/><xf fontId="1" numFmtId="164"/><xf fontId="9" numFmtId="9"/></cellXfs></styleSheet>"#;

    /// The style table of a zip of these bytes, as [`XlsxParts`] reads
    /// it.
    fn table_of(bytes: Vec<u8>, max: u64) -> Result<Arc<StyleTable>, String> {
        parts_of(bytes, max)?.style_table()
    }

    /// The parts of a workbook of these bytes; the zip's reason when they
    /// are no zip (the pre-check's, in a run).
    fn parts_of(bytes: Vec<u8>, max: u64) -> Result<XlsxParts, String> {
        let zip = ZipArchive::new(FileBytes::new(SharedBytes::new(bytes)));
        Ok(XlsxParts::new(zip.map_err(|e| e.to_string())?, max))
    }

    #[test]
    fn cells_take_the_font_and_format_of_their_style() {
        let bytes = zip_of(&[
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", RELS),
            ("xl/styles.xml", STYLES),
        ]);
        let table = table_of(bytes, 1 << 20).expect("styles");
        // Style indices by cell, as the value pass gives them (style 0
        // left out); a cell with none has the default style.
        let s = SheetStyles::new(table, vec![(0, 0, 1), (0, 2, 2), (4, 2, 1), (4, 3, 2)]);
        assert_eq!(s.font(0, 0), Some(".VnTimeH"));
        assert_eq!(s.decimals(0, 0), Some(3));
        assert_eq!(s.font(0, 1), Some("Arial"));
        assert_eq!(s.decimals(0, 1), None);
        // fontId 9 does not exist: no font, but the percent stays.
        assert_eq!(s.font(0, 2), None);
        assert!(s.is_percent(0, 2));
        assert_eq!(s.font(4, 2), Some(".VnTimeH"));
        assert!(s.is_percent(4, 3));
        // A style index past the table is no style at all.
        let s = SheetStyles::new(Arc::clone(&s.table), vec![(1, 1, u32::MAX)]);
        assert_eq!(s.font(1, 1), None);
        assert!(!s.is_percent(1, 1));
    }

    #[test]
    fn parts_read_before_are_remembered_by_their_stored_bytes() {
        let zip_with = |styles: &[u8]| {
            zip_of(&[
                ("xl/workbook.xml", WORKBOOK),
                ("xl/_rels/workbook.xml.rels", RELS),
                ("xl/styles.xml", styles),
            ])
        };
        let bytes = zip_with(STYLES);
        let first = table_of(bytes.clone(), 1 << 20).expect("styles");
        let again = table_of(bytes.clone(), 1 << 20).expect("styles");
        assert!(Arc::ptr_eq(&first, &again), "the same part is read once");
        // Another style part is read afresh: three decimals become one.
        let other = String::from_utf8_lossy(STYLES).replace("0.000", "0.0");
        let other = table_of(zip_with(other.as_bytes()), 1 << 20).expect("styles");
        assert!(!Arc::ptr_eq(&first, &other));
        let decimals =
            |t: &Arc<StyleTable>| SheetStyles::new(Arc::clone(t), vec![(0, 0, 1)]).decimals(0, 0);
        assert_eq!((decimals(&first), decimals(&other)), (Some(3), Some(1)));
        // The same bytes under a lower limit are refused as a fresh read
        // refuses them, and the table read under the first limit stays.
        let err = table_of(bytes.clone(), 200).expect_err("over the limit");
        assert!(err.contains("larger than the limit of 200 bytes"), "{err}");
        let after = table_of(bytes.clone(), 1 << 20).expect("styles");
        assert!(Arc::ptr_eq(&first, &after));
        // The legacy-font probe is remembered with its answer.
        let probe = |b: Vec<u8>| parts_of(b, 1 << 20).expect("zip").mentions_legacy_font();
        assert!(probe(bytes.clone()) && probe(bytes));
        let plain = String::from_utf8_lossy(STYLES).replace(".VnTimeH", "Times New Roman");
        assert!(!probe(zip_with(plain.as_bytes())));
        assert!(!probe(zip_with(plain.as_bytes())));
    }

    #[test]
    fn hostile_parts_give_reasons_not_panics() {
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("not a zip", b"PK\x03\x04 garbage".to_vec()),
            ("no workbook", zip_of(&[("xl/styles.xml", STYLES)])),
            (
                "broken xml",
                zip_of(&[
                    (
                        "xl/workbook.xml",
                        b"<workbook><sheets><sheet name=\"S\" r:id=\"rId1\"></sheets",
                    ),
                    ("xl/_rels/workbook.xml.rels", RELS),
                ]),
            ),
            (
                "a bomb",
                zip_of(&[
                    ("xl/workbook.xml", WORKBOOK),
                    ("xl/_rels/workbook.xml.rels", RELS),
                    ("xl/styles.xml", &vec![b' '; 5_000_000]),
                ]),
            ),
        ];
        for (what, bytes) in cases {
            let err = table_of(bytes, 1_000_000).expect_err(what);
            assert!(!err.is_empty(), "{what}");
        }
    }

    #[test]
    fn a_workbook_without_styles_has_no_fonts() {
        let bytes = zip_of(&[
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", RELS),
        ]);
        let s = SheetStyles::new(table_of(bytes, 1 << 20).expect("styles"), vec![(0, 0, 1)]);
        assert_eq!(s.font(0, 0), None);
        assert_eq!(s.decimals(0, 0), None);
    }

    /// (row, column, text as stored, font, Unicode, encoding)
    type FixtureCell = (
        u32,
        u16,
        &'static str,
        &'static str,
        &'static str,
        Option<LegacyEncoding>,
    );

    /// The committed fixture `tests/fixtures/legacy-fonts.xlsx`: cells
    /// holding TCVN3 and VNI bytes as Excel stores them, each in the font
    /// that shows it, with the Unicode text it must read as.
    const LEGACY_CELLS: [FixtureCell; 12] = [
        (
            0,
            0,
            "b¸o c¸o t×nh h×nh",
            ".VnTimeH",
            "BÁO CÁO TÌNH HÌNH",
            Some(LegacyEncoding::Tcvn3),
        ),
        (1, 0, "STT", ".VnTime", "STT", None),
        (
            1,
            1,
            "ChØ tiªu",
            ".VnTime",
            "Chỉ tiêu",
            Some(LegacyEncoding::Tcvn3),
        ),
        (
            1,
            2,
            "§¬n vÞ",
            ".VnTime",
            "Đơn vị",
            Some(LegacyEncoding::Tcvn3),
        ),
        (
            2,
            1,
            "Hå s¬ thñ tôc hµnh chÝnh ®· gi¶i quyÕt",
            ".VnTime",
            "Hồ sơ thủ tục hành chính đã giải quyết",
            Some(LegacyEncoding::Tcvn3),
        ),
        (
            2,
            2,
            "Phöôøng 5",
            "VNI-Times",
            "Phường 5",
            Some(LegacyEncoding::Vni),
        ),
        (
            3,
            1,
            "Ng\u{ad}êi ®\u{ad}îc c¸ch ly, theo dâi søc kháe",
            ".VnTime",
            "Người được cách ly, theo dõi sức khỏe",
            Some(LegacyEncoding::Tcvn3),
        ),
        (
            3,
            2,
            "Quaän Bình Thaïnh",
            "VNI-Times",
            "Quận Bình Thạnh",
            Some(LegacyEncoding::Vni),
        ),
        (
            4,
            1,
            "Hoà sô thuû tuïc haønh chính ñaõ giaûi quyeát",
            "VNI-Times",
            "Hồ sơ thủ tục hành chính đã giải quyết",
            Some(LegacyEncoding::Vni),
        ),
        // No legacy font: the content decides.
        (
            4,
            2,
            "Ph\u{ad}êng 5",
            "Arial",
            "Phường 5",
            Some(LegacyEncoding::Tcvn3),
        ),
        (5, 1, "Tổng số", "Times New Roman", "Tổng số", None),
        (5, 2, "café", "Arial", "café", None),
    ];

    fn legacy_fixture() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/legacy-fonts.xlsx")
    }

    /// Regenerates the fixture: `cargo test --lib
    /// ingest::styles::tests::write_legacy_fixture -- --ignored`.
    #[test]
    #[ignore = "writes tests/fixtures/legacy-fonts.xlsx"]
    fn write_legacy_fixture() {
        let mut wb = Workbook::new();
        let sheet = wb.add_worksheet().set_name("Biểu 1").expect("sheet name");
        for (row, col, text, font, _, _) in LEGACY_CELLS {
            let format = Format::new().set_font_name(font);
            sheet
                .write_string_with_format(row, col, text, &format)
                .expect("write");
        }
        let pct = Format::new()
            .set_num_format("0.0%")
            .set_font_name(".VnTime");
        sheet
            .write_number_with_format(6, 1, 0.232, &pct)
            .expect("write");
        wb.save(legacy_fixture()).expect("save");
    }

    #[test]
    fn legacy_fixture_reads_back_as_unicode() {
        use crate::normalize::legacy::decode_cell;
        use calamine::{open_workbook, Data, Reader, Xlsx};
        let path = legacy_fixture();
        let sheet_styles = &sheet_styles(&path, "Biểu 1");
        let mut workbook: Xlsx<_> = open_workbook(&path).expect("open fixture");
        let range = workbook.worksheet_range("Biểu 1").expect("sheet");
        let (top, left) = range.start().expect("cells");
        let mut decoded = Vec::new();
        for (r, c, value) in range.used_cells() {
            let (row, col) = (top + r as u32, left + c as u32);
            match value {
                Data::String(text) => {
                    let (unicode, enc) = decode_cell(text, sheet_styles.font(row, col));
                    decoded.push((row, col, unicode, enc));
                }
                Data::Float(v) => {
                    assert_eq!((row, col, *v), (6, 1, 0.232));
                    assert!(sheet_styles.is_percent(row, col));
                    assert_eq!(sheet_styles.decimals(row, col), Some(1));
                }
                other => panic!("unexpected cell {other:?}"),
            }
        }
        let want: Vec<(u32, u32, String, Option<LegacyEncoding>)> = LEGACY_CELLS
            .iter()
            .map(|&(row, col, _, _, unicode, enc)| (row, u32::from(col), unicode.to_string(), enc))
            .collect();
        assert_eq!(decoded, want);
    }
}
