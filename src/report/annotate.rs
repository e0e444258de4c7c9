//! A copy of a unit's own `.xlsx` with the findings marked on it: the
//! feedback workbook of a unit that sent an `.xlsx` (see
//! [`crate::report::feedback`]).
//!
//! The package is copied part by part. Every part not listed below is
//! copied raw (its compressed bytes as they are: fonts, borders, number
//! formats, merges, widths, heights, drawings and page setup cannot change
//! because they are never parsed); the few that are rewritten are streamed
//! through quick-xml, unknown elements passed on as read:
//!
//! ```text
//! [Content_Types].xml          + the new parts; − calcChain
//! xl/workbook.xml              + <sheet> Lỗi first; localSheetId + 1; activeTab + 1;
//!                              + print titles of the sheets that have none
//! xl/_rels/workbook.xml.rels   + the Lỗi sheet; − calcChain (Excel rebuilds it)
//! xl/styles.xml                + 2 fonts, 4 fills, 4 borders; + the Lỗi styles;
//!                              + one cell format per (original format, severity) marked
//! xl/worksheets/sheetN.xml     marked cells: s="…" → that format (a missing cell is
//!                              added); + <legacyDrawing>; a sheet without a print setup
//!                              of its own: + A4, fit to the page width, page numbers
//! …/_rels/sheetN.xml.rels      + comments and VML drawing (created when absent)
//! xl/commentsN.xml             the notes (merged into the sheet's own when it has some)
//! xl/drawings/vmlDrawingN.vml  the note boxes (appended to the sheet's own)
//! xl/worksheets/tonghop-loi.xml  the Lỗi sheet, inline strings
//! ```
//!
//! Any surprise (a part missing or damaged, a macro-enabled or strict
//! workbook, an unknown layout) is an `Err` with a reason: the caller then
//! re-renders the table instead (a feedback workbook is never missing).

use crate::diagnostic::Severity;
use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer, XmlVersion};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Cursor, Read, Write};
use std::path::Path;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

const NS_MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_OFFICE_DOCUMENT: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const REL_WORKSHEET: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const REL_STYLES: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
const REL_CALC_CHAIN: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain";
const REL_COMMENTS: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const REL_VML: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing";
const CT_WORKBOOK: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
const CT_WORKSHEET: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const CT_COMMENTS: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
const CT_VML: &str = "application/vnd.openxmlformats-officedocument.vmlDrawing";
/// The author of the notes.
const AUTHOR: &str = "tonghop";

/// One marked cell: 0-based position, the worst severity of its findings
/// and the text of its note.
#[derive(Clone, Debug)]
pub struct Mark {
    pub row: u32,
    pub col: u32,
    pub severity: Severity,
    pub note: String,
}

/// Rows and columns to repeat on every printed page (0-based, inclusive).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PrintTitles {
    pub rows: Option<(u32, u32)>,
    pub cols: Option<(u32, u32)>,
}

/// What to do to one sheet of the copy.
#[derive(Clone, Debug)]
pub struct SheetPlan {
    pub name: String,
    pub marks: Vec<Mark>,
    /// Repeated when printing, unless the sheet has print titles already.
    pub titles: PrintTitles,
}

/// The findings sheet put first: a header row and one row per finding,
/// coloured by severity.
#[derive(Clone, Debug)]
pub struct ListSheet {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<(Severity, Vec<String>)>,
    /// Column widths in 7-pixel digits (Times New Roman 11's and Calibri
    /// 11's): written in the digits of the workbook's own default font,
    /// so that the sheet prints as wide whatever that font is.
    pub widths: Vec<f64>,
    /// The height in points of the header row and of each row after it,
    /// when taller than a line.
    pub heights: Vec<Option<f64>>,
    /// The page header and footer, as codes (`&C&P`); the footer is also
    /// that of every sheet given a print setup.
    pub page_header: String,
    pub page_footer: String,
}

/// Copies the `.xlsx` at `source` with the marks of `plans` and `list` as
/// its first sheet; every part is read through a limit of `max_part`
/// bytes once uncompressed.
///
/// # Errors
/// A plain reason when the package cannot be annotated safely (then the
/// caller re-renders the table). Panics inside are caught and reported the
/// same way.
pub fn annotate(
    source: &Path,
    plans: &[SheetPlan],
    list: &ListSheet,
    max_part: u64,
) -> Result<Vec<u8>, String> {
    crate::ingest::guarded("annotating a copy of the workbook", || {
        let file = File::open(source).map_err(|e| format!("cannot open the file: {e}"))?;
        Package::open(Box::new(BufReader::new(file)), max_part)?.annotate(plans, list)
    })
}

/// [`annotate`] for an `.xlsx` already in memory (one read from inside a
/// zip archive).
///
/// # Errors
/// As [`annotate`].
pub fn annotate_bytes(
    source: Vec<u8>,
    plans: &[SheetPlan],
    list: &ListSheet,
    max_part: u64,
) -> Result<Vec<u8>, String> {
    crate::ingest::guarded("annotating a copy of the workbook", || {
        Package::open(Box::new(Cursor::new(source)), max_part)?.annotate(plans, list)
    })
}

/// Where a package is read from: its file, or its bytes.
trait ReadSeek: Read + std::io::Seek {}
impl<T: Read + std::io::Seek> ReadSeek for T {}

/// The source package: its zip, its part names in order, and a bound.
struct Package {
    zip: ZipArchive<Box<dyn ReadSeek>>,
    names: Vec<String>,
    /// Part name without a leading `/` → archive name, exactly and in
    /// lower case (a workbook may list thousands of sheets).
    exact: HashMap<String, String>,
    folded: HashMap<String, String>,
    /// Names given to new parts, in lower case, and the next number to try
    /// for each stem.
    taken: HashSet<String>,
    next: HashMap<String, u32>,
    max_part: u64,
}

/// One relationship of a `.rels` part.
#[derive(Clone, Debug)]
struct Rel {
    id: String,
    kind: String,
    target: String,
    external: bool,
}

/// A sheet of the workbook as `workbook.xml` lists it.
#[derive(Clone, Debug)]
struct SheetEntry {
    name: String,
    part: String,
    /// A worksheet (not a chart, dialog or macro sheet).
    worksheet: bool,
}

/// What a sheet part says, read before it is rewritten.
#[derive(Debug, Default)]
struct SheetFacts {
    /// A print setup of its own: landscape, a scale other than 100 % or
    /// fit to pages. Portrait at 100 % on any paper is what LibreOffice
    /// writes in every sheet it saves, and Excel prints by default: no
    /// choice of the unit's, so such a sheet is fit to the page width.
    own_setup: bool,
    /// Fit to pages (`fitToPage`): its print titles cost no page.
    fits: bool,
    /// Column widths by 0-based column (from `<cols>`).
    widths: BTreeMap<u32, f64>,
    default_width: Option<f64>,
    last_col: u32,
    /// The relationship id of its `<legacyDrawing>`, when it has one.
    legacy_drawing: Option<String>,
    /// The last row and column (0-based) holding a value or a merged
    /// cell: the used range.
    used: Option<(u32, u32)>,
    /// The last row and column of any `<row>` or `<c>` element, valued or
    /// only formatted, and of the `<dimension>` it states.
    formatted: Option<(u32, u32)>,
}

/// How far formats may reach beyond the used range before the copy is
/// cut to it: a form's few blank bordered lines stay as they were; a
/// sheet formatted down to row 1,048,576 (whole columns selected and
/// bordered) is copied to its used range only.
const FAR_ROWS: u32 = 100;
const FAR_COLS: u32 = 26;

/// Grows an optional last (row, column) to take in another.
fn reach(at: &mut Option<(u32, u32)>, row: u32, col: u32) {
    *at = Some(at.map_or((row, col), |(r, c)| (r.max(row), c.max(col))));
}

impl Package {
    fn open(source: Box<dyn ReadSeek>, max_part: u64) -> Result<Package, String> {
        let mut zip =
            ZipArchive::new(source).map_err(|e| format!("not a readable zip archive: {e}"))?;
        let mut names = Vec::with_capacity(zip.len());
        for i in 0..zip.len() {
            let entry = zip
                .by_index_raw(i)
                .map_err(|e| format!("a part of the archive cannot be read: {e}"))?;
            names.push(entry.name().map_err(|e| e.to_string())?.to_string());
        }
        let mut exact = HashMap::new();
        let mut folded = HashMap::new();
        for n in &names {
            let key = n.trim_start_matches('/');
            exact.entry(key.to_string()).or_insert_with(|| n.clone());
            folded
                .entry(key.to_ascii_lowercase())
                .or_insert_with(|| n.clone());
        }
        Ok(Package {
            zip,
            names,
            exact,
            folded,
            taken: HashSet::new(),
            next: HashMap::new(),
            max_part,
        })
    }

    /// The archive name of a part (`xl/workbook.xml`), matched exactly,
    /// then without regard to case (as Excel does).
    fn find(&self, part: &str) -> Option<&str> {
        let part = part.trim_start_matches('/');
        self.exact
            .get(part)
            .or_else(|| self.folded.get(&part.to_ascii_lowercase()))
            .map(String::as_str)
    }

    fn read(&mut self, part: &str) -> Result<Vec<u8>, String> {
        let name = self
            .find(part)
            .ok_or_else(|| format!("the workbook has no part {part}"))?
            .to_string();
        let entry = self
            .zip
            .by_name(&name)
            .map_err(|e| format!("cannot read {name}: {e}"))?;
        let mut buf = Vec::new();
        entry
            .take(self.max_part.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read {name}: {e}"))?;
        if buf.len() as u64 > self.max_part {
            return Err(format!("{name} is larger than the limit once uncompressed"));
        }
        Ok(buf)
    }

    fn rels(&mut self, part: &str) -> Result<Vec<Rel>, String> {
        match self.find(&rels_of(part)) {
            Some(_) => parse_rels(&self.read(&rels_of(part))?),
            None => Ok(Vec::new()),
        }
    }

    /// A part name not in the package nor given before: `stem{n}.ext`
    /// with the smallest such n.
    fn fresh(&mut self, stem: &str, ext: &str) -> String {
        let mut n = self.next.get(stem).copied().unwrap_or(1);
        loop {
            let p = format!("{stem}{n}.{ext}");
            n += 1;
            if self.find(&p).is_none() && self.taken.insert(p.to_ascii_lowercase()) {
                self.next.insert(stem.to_string(), n);
                return p;
            }
        }
    }

    fn annotate(mut self, plans: &[SheetPlan], list: &ListSheet) -> Result<Vec<u8>, String> {
        let root = parse_rels(&self.read("_rels/.rels")?)?;
        let workbook = root
            .iter()
            .find(|r| r.kind == REL_OFFICE_DOCUMENT)
            .map(|r| resolve("", &r.target))
            .ok_or("the package names no workbook part")?;
        let types = self.read("[Content_Types].xml")?;
        check_workbook_type(&types, &workbook)?;
        let wb_dir = parent(&workbook).to_string();
        let wb_rels = self.rels(&workbook)?;
        let wb_xml = self.read(&workbook)?;
        let book = read_workbook(&wb_xml)?;
        let mut sheets = Vec::new();
        for (name, rid) in &book.sheets {
            let rel = wb_rels
                .iter()
                .find(|r| &r.id == rid && !r.external)
                .ok_or_else(|| format!("sheet '{name}' has no part"))?;
            sheets.push(SheetEntry {
                name: name.clone(),
                part: resolve(&wb_dir, &rel.target),
                worksheet: rel.kind == REL_WORKSHEET,
            });
        }
        let styles_part = wb_rels
            .iter()
            .find(|r| r.kind == REL_STYLES)
            .map(|r| resolve(&wb_dir, &r.target))
            .ok_or("the workbook has no style part")?;
        let mut styles = StyleBook::read(&self.read(&styles_part)?)?;
        let calc_chain: Vec<String> = wb_rels
            .iter()
            .filter(|r| r.kind == REL_CALC_CHAIN)
            .map(|r| resolve(&wb_dir, &r.target))
            .collect();

        // The rewritten and new parts, by archive name.
        let mut replaced: HashMap<String, Vec<u8>> = HashMap::new();
        let mut added: Vec<(String, Vec<u8>)> = Vec::new();
        let mut new_types: Vec<(String, &str)> = Vec::new();
        let mut titles: Vec<(usize, String)> = Vec::new();
        let by_name: HashMap<&str, &SheetPlan> =
            plans.iter().map(|p| (p.name.as_str(), p)).collect();
        let none = SheetPlan {
            name: String::new(),
            marks: Vec::new(),
            titles: PrintTitles::default(),
        };
        for (pos, sheet) in sheets.iter().enumerate() {
            // Every worksheet, marked or not, gets a print setup if it has
            // none.
            if !sheet.worksheet {
                continue;
            }
            let plan = by_name.get(sheet.name.as_str()).copied().unwrap_or(&none);
            let xml = self.read(&sheet.part)?;
            let facts = sheet_facts(&xml)?;
            // A setup of the unit's own that does not fit to pages prints
            // as it did: repeated name columns would push each figure
            // column onto pages of its own.
            if !book.has_print_titles(pos) && (!facts.own_setup || facts.fits) {
                if let Some(t) = print_titles_ref(&sheet.name, plan.titles) {
                    titles.push((pos, t));
                }
            }
            let mut marks: BTreeMap<(u32, u32), &Mark> = BTreeMap::new();
            for m in &plan.marks {
                marks.entry((m.row, m.col)).or_insert(m);
            }
            if marks.is_empty() && facts.own_setup && facts.trim(&marks).is_none() {
                continue;
            }
            let mut sheet_rels = self.rels(&sheet.part)?;
            let sheet_dir = parent(&sheet.part).to_string();
            let mut new_rels: Vec<Rel> = Vec::new();
            let mut legacy_rid = None;
            if !marks.is_empty() {
                // Notes: into the sheet's own comments part, else a new one.
                let comments = match sheet_rels.iter().find(|r| r.kind == REL_COMMENTS) {
                    Some(r) => {
                        let part = resolve(&sheet_dir, &r.target);
                        let merged = merge_comments(&self.read(&part)?, &marks)?;
                        replaced.insert(self.find(&part).unwrap_or(&part).to_string(), merged);
                        None
                    }
                    None => {
                        let part = self.fresh(&format!("{wb_dir}comments"), "xml");
                        added.push((part.clone(), new_comments(&marks)));
                        new_types.push((part.clone(), CT_COMMENTS));
                        Some(part)
                    }
                };
                // Note boxes: appended to the sheet's own VML drawing.
                let existing_vml = facts.legacy_drawing.as_ref().and_then(|rid| {
                    sheet_rels
                        .iter()
                        .find(|r| &r.id == rid && r.kind == REL_VML && !r.external)
                        .map(|r| resolve(&sheet_dir, &r.target))
                });
                let shapes = vml_shapes(&marks, &facts, pos);
                match existing_vml {
                    Some(part) => {
                        let vml = self.read(&part)?;
                        let name = self.find(&part).unwrap_or(&part).to_string();
                        replaced.insert(name, append_vml(vml, &shapes)?);
                    }
                    None => {
                        if facts.legacy_drawing.is_some() {
                            return Err("the sheet's drawing of notes cannot be found".into());
                        }
                        let part = self.fresh(&format!("{wb_dir}drawings/vmlDrawing"), "vml");
                        added.push((part.clone(), new_vml(&shapes, pos)));
                        let rid = fresh_id(&sheet_rels, &new_rels);
                        new_rels.push(Rel {
                            id: rid.clone(),
                            kind: REL_VML.into(),
                            target: relative(&sheet_dir, &part),
                            external: false,
                        });
                        legacy_rid = Some(rid);
                    }
                }
                if let Some(part) = comments {
                    let rid = fresh_id(&sheet_rels, &new_rels);
                    new_rels.push(Rel {
                        id: rid,
                        kind: REL_COMMENTS.into(),
                        target: relative(&sheet_dir, &part),
                        external: false,
                    });
                }
            }
            let fit = !facts.own_setup;
            let footer = fit.then_some(list.page_footer.as_str());
            let rewritten = rewrite_sheet(&xml, &marks, &mut styles, &facts, footer, legacy_rid)?;
            let name = self.find(&sheet.part).unwrap_or(&sheet.part).to_string();
            replaced.insert(name, rewritten);
            if !new_rels.is_empty() {
                let rels_part = rels_of(&sheet.part);
                match self.find(&rels_part).map(str::to_string) {
                    Some(name) => {
                        let xml = self.read(&name)?;
                        replaced.insert(name, append_rels(&xml, &new_rels)?);
                    }
                    None => {
                        sheet_rels.clear();
                        added.push((rels_part, write_rels(&new_rels)));
                    }
                }
            }
        }

        // The findings sheet, first.
        let list_part = self.fresh(&format!("{wb_dir}worksheets/tonghop-loi"), "xml");
        let list_rid = fresh_id(&wb_rels, &[]);
        let taken: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
        let list_name = free_name(&list.name, &taken);
        added.push((list_part.clone(), list_sheet_xml(list, &styles)));
        new_types.push((list_part.clone(), CT_WORKSHEET));
        titles.push((
            usize::MAX,
            print_titles_ref(&list_name, list_titles()).unwrap_or_default(),
        ));
        let wb_new = write_workbook(&wb_xml, &book, &list_name, &list_rid, &titles)?;
        replaced.insert(
            self.find(&workbook).unwrap_or(&workbook).to_string(),
            wb_new,
        );
        let wb_rels_part = rels_of(&workbook);
        let wb_rels_xml = self.read(&wb_rels_part)?;
        let list_rel = Rel {
            id: list_rid,
            kind: REL_WORKSHEET.into(),
            target: relative(&wb_dir, &list_part),
            external: false,
        };
        let wb_rels_new = edit_rels(&wb_rels_xml, &[list_rel], &[REL_CALC_CHAIN])?;
        replaced.insert(
            self.find(&wb_rels_part)
                .unwrap_or(&wb_rels_part)
                .to_string(),
            wb_rels_new,
        );
        replaced.insert(
            self.find(&styles_part).unwrap_or(&styles_part).to_string(),
            styles.write()?,
        );
        let types_new = write_types(&types, &new_types, &calc_chain)?;
        replaced.insert(
            self.find("[Content_Types].xml")
                .unwrap_or("[Content_Types].xml")
                .to_string(),
            types_new,
        );
        let dropped: Vec<String> = calc_chain
            .iter()
            .filter_map(|p| self.find(p).map(str::to_string))
            .collect();
        self.write(replaced, added, &dropped)
    }

    /// The new package: parts in their order (rewritten ones in place of
    /// the old, the others copied raw), then the new parts.
    fn write(
        mut self,
        mut replaced: HashMap<String, Vec<u8>>,
        added: Vec<(String, Vec<u8>)>,
        dropped: &[String],
    ) -> Result<Vec<u8>, String> {
        let mut out = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(i64::from(super::ZIP_LEVEL)));
        let err = |e: zip::result::ZipError| format!("cannot write the copy: {e}");
        let names = std::mem::take(&mut self.names);
        for (i, name) in names.iter().enumerate() {
            if dropped.contains(name) {
                continue;
            }
            if let Some(bytes) = replaced.remove(name) {
                out.start_file(name.as_str(), options).map_err(err)?;
                out.write_all(&bytes).map_err(|e| e.to_string())?;
            } else {
                let entry = self.zip.by_index_raw(i).map_err(err)?;
                out.raw_copy_file(entry).map_err(err)?;
            }
        }
        for (name, bytes) in added {
            out.start_file(name.as_str(), options).map_err(err)?;
            out.write_all(&bytes).map_err(|e| e.to_string())?;
        }
        Ok(out.finish().map_err(err)?.into_inner())
    }
}

/// `name`, or `name (tonghop)` when a sheet has that name (sheet names
/// are compared without regard to case, as Excel does).
pub fn free_name(name: &str, taken: &[&str]) -> String {
    let folded = name.to_lowercase();
    let taken: Vec<String> = taken.iter().map(|n| n.to_string()).collect();
    let wanted = if taken.iter().any(|n| n.to_lowercase() == folded) {
        format!("{name} (tonghop)")
    } else {
        name.to_string()
    };
    crate::report::limits::sheet_name(&wanted, &taken, name)
}

/// The rows repeated on the findings sheet: its header.
fn list_titles() -> PrintTitles {
    PrintTitles {
        rows: Some((0, 0)),
        cols: None,
    }
}

/// A macro-enabled workbook or a template saved as `.xlsx` would not
/// open under that name; a strict one is not edited.
fn check_workbook_type(types: &[u8], workbook: &str) -> Result<(), String> {
    let mut found = None;
    visit(types, |e, _| {
        if e.local_name().as_ref() == "Override"
            && attr(e, "PartName")
                .is_some_and(|p| p.trim_start_matches('/').eq_ignore_ascii_case(workbook))
        {
            found = attr(e, "ContentType");
        }
    })?;
    match found.as_deref() {
        Some(CT_WORKBOOK) => Ok(()),
        Some(other) => Err(format!(
            "the workbook is of another kind ({other}); the table is re-rendered"
        )),
        None => Err("the package does not say what its workbook is".into()),
    }
}

/// Calls `f` on every start or empty element, with its depth.
fn visit(xml: &[u8], mut f: impl FnMut(&BytesStart<'_>, usize)) -> Result<(), String> {
    let mut reader = Reader::from_reader(xml);
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                f(&e, depth);
                depth += 1;
            }
            Ok(Event::Empty(e)) => f(&e, depth),
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(format!("a part is damaged: {e}")),
        }
    }
}

/// The value of an attribute by its full name (`r:id`) or local name.
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name || a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(Cow::into_owned)
        })
}

/// The relationship id of an element (`r:id` under whatever prefix).
fn rel_id(e: &BytesStart<'_>) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "id" && a.key.prefix().is_some())
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(Cow::into_owned)
        })
}

/// The prefix of an element's name with its colon (`x:`), or "".
fn prefix_of(e: &BytesStart<'_>) -> String {
    e.name()
        .prefix()
        .map(|p| format!("{}:", p.as_ref()))
        .unwrap_or_default()
}

/// A copy of an element without some attributes and with others added.
fn with_attrs(e: &BytesStart<'_>, drop: &[&str], add: &[(&str, &str)]) -> BytesStart<'static> {
    let mut out = BytesStart::new(e.name().as_ref().to_string());
    for a in e.attributes().flatten() {
        if !drop.contains(&a.key.as_ref()) {
            out.push_attribute(a);
        }
    }
    for (k, v) in add {
        out.push_attribute((*k, *v));
    }
    out
}

fn parse_rels(xml: &[u8]) -> Result<Vec<Rel>, String> {
    let mut rels = Vec::new();
    visit(xml, |e, _| {
        if e.local_name().as_ref() == "Relationship" {
            rels.push(Rel {
                id: attr(e, "Id").unwrap_or_default(),
                kind: attr(e, "Type").unwrap_or_default(),
                target: attr(e, "Target").unwrap_or_default(),
                external: attr(e, "TargetMode").is_some_and(|m| m == "External"),
            });
        }
    })?;
    Ok(rels)
}

fn rel_xml(r: &Rel) -> String {
    format!(
        r#"<Relationship Id="{}" Type="{}" Target="{}"/>"#,
        escape(r.id.as_str()),
        escape(r.kind.as_str()),
        escape(r.target.as_str())
    )
}

fn write_rels(rels: &[Rel]) -> Vec<u8> {
    let mut s = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{NS_PKG_REL}">"#
    );
    for r in rels {
        s.push_str(&rel_xml(r));
    }
    s.push_str("</Relationships>");
    s.into_bytes()
}

fn append_rels(xml: &[u8], add: &[Rel]) -> Result<Vec<u8>, String> {
    edit_rels(xml, add, &[])
}

/// A `.rels` part with relationships added and those of some types
/// removed.
fn edit_rels(xml: &[u8], add: &[Rel], drop_kinds: &[&str]) -> Result<Vec<u8>, String> {
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(Vec::with_capacity(xml.len() + 512));
    let mut done = false;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("a .rels part is damaged: {e}"))?;
        match &ev {
            Event::Empty(e) | Event::Start(e)
                if e.local_name().as_ref() == "Relationship"
                    && attr(e, "Type").is_some_and(|t| drop_kinds.contains(&t.as_str())) =>
            {
                if matches!(ev, Event::Start(_)) {
                    reader
                        .read_to_end(e.name())
                        .map_err(|e| format!("a .rels part is damaged: {e}"))?;
                }
                continue;
            }
            Event::Empty(e) if e.local_name().as_ref() == "Relationships" => {
                let p = prefix_of(e);
                w.write_event(Event::Start(e.borrow())).map_err(io)?;
                raw(&mut w, &relationships(add, &p));
                raw(&mut w, &format!("</{p}Relationships>"));
                done = true;
                continue;
            }
            Event::End(e) if e.local_name().as_ref() == "Relationships" => {
                let p = e
                    .name()
                    .prefix()
                    .map(|p| format!("{}:", p.as_ref()))
                    .unwrap_or_default();
                raw(&mut w, &relationships(add, &p));
                done = true;
            }
            Event::Eof => break,
            _ => {}
        }
        w.write_event(ev).map_err(io)?;
    }
    if !done {
        return Err("a .rels part has no <Relationships>".into());
    }
    Ok(w.into_inner())
}

fn relationships(add: &[Rel], prefix: &str) -> String {
    add.iter()
        .map(|r| rel_xml(r).replacen("<Relationship", &format!("<{prefix}Relationship"), 1))
        .collect()
}

fn fresh_id(a: &[Rel], b: &[Rel]) -> String {
    (1..)
        .map(|n| format!("rIdTonghop{n}"))
        .find(|id| !a.iter().chain(b).any(|r| &r.id == id))
        .unwrap_or_else(|| "rIdTonghop".into())
}

fn io(e: std::io::Error) -> String {
    format!("cannot write a part: {e}")
}

fn raw(w: &mut Writer<Vec<u8>>, s: &str) {
    w.get_mut().extend_from_slice(s.as_bytes());
}

/// The `.rels` part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
fn rels_of(part: &str) -> String {
    let part = part.trim_start_matches('/');
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// The folder of a part with its trailing slash (`xl/`), or "".
fn parent(part: &str) -> &str {
    match part.rfind('/') {
        Some(i) => part.get(..=i).unwrap_or(""),
        None => "",
    }
}

/// A relationship target resolved against the folder of its source.
fn resolve(dir: &str, target: &str) -> String {
    let joined = if let Some(abs) = target.strip_prefix('/') {
        abs.to_string()
    } else {
        format!("{dir}{target}")
    };
    let mut out: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    out.join("/")
}

/// A target for `part` relative to the folder `dir` (both from the root).
fn relative(dir: &str, part: &str) -> String {
    let from: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = part.split('/').filter(|s| !s.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut s = "../".repeat(from.len() - common);
    s.push_str(&to.get(common..).unwrap_or_default().join("/"));
    s
}

/// What `workbook.xml` says: its sheets (name, relationship id), the
/// sheets (by position) with print titles, the highest sheetId.
struct Book {
    sheets: Vec<(String, String)>,
    titled: Vec<usize>,
    max_sheet_id: u64,
    has_book_views: bool,
}

impl Book {
    fn has_print_titles(&self, pos: usize) -> bool {
        self.titled.contains(&pos)
    }
}

fn read_workbook(xml: &[u8]) -> Result<Book, String> {
    let mut book = Book {
        sheets: Vec::new(),
        titled: Vec::new(),
        max_sheet_id: 0,
        has_book_views: false,
    };
    let mut reader = Reader::from_reader(xml);
    let mut strict = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "workbook" => {
                    strict = !e
                        .attributes()
                        .flatten()
                        .any(|a| a.value.as_ref() == NS_MAIN);
                }
                "sheet" => {
                    let name = attr(&e, "name").ok_or("a sheet without a name")?;
                    let rid = rel_id(&e).ok_or("a sheet without a relationship")?;
                    let id = attr(&e, "sheetId")
                        .and_then(|s| s.parse().ok())
                        .unwrap_or(0);
                    book.max_sheet_id = book.max_sheet_id.max(id);
                    book.sheets.push((name, rid));
                }
                "bookViews" => book.has_book_views = true,
                "definedName" => {
                    let name = attr(&e, "name").unwrap_or_default();
                    if name.eq_ignore_ascii_case("_xlnm.Print_Titles") {
                        if let Some(p) = attr(&e, "localSheetId").and_then(|s| s.parse().ok()) {
                            book.titled.push(p);
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(format!("workbook.xml is damaged: {e}")),
        }
    }
    if strict {
        return Err("the workbook is not in the transitional OOXML namespace".into());
    }
    if book.sheets.is_empty() {
        return Err("the workbook lists no sheet".into());
    }
    Ok(book)
}

/// `'Biểu 1'!$A:$C,'Biểu 1'!$7:$7` for the rows and columns to repeat.
fn print_titles_ref(sheet: &str, t: PrintTitles) -> Option<String> {
    let quoted = format!("'{}'", sheet.replace('\'', "''"));
    let mut parts = Vec::new();
    if let Some((c0, c1)) = t.cols {
        parts.push(format!(
            "{quoted}!${}:${}",
            crate::diagnostic::column_letters(c0),
            crate::diagnostic::column_letters(c1)
        ));
    }
    if let Some((r0, r1)) = t.rows {
        parts.push(format!("{quoted}!${}:${}", r0 + 1, r1 + 1));
    }
    (!parts.is_empty()).then(|| parts.join(","))
}

/// `workbook.xml` with the findings sheet first: every sheet position
/// moves up by one (`localSheetId`, `activeTab`, `firstSheet`), print
/// titles are added (`usize::MAX` stands for the findings sheet).
fn write_workbook(
    xml: &[u8],
    book: &Book,
    list_name: &str,
    list_rid: &str,
    titles: &[(usize, String)],
) -> Result<Vec<u8>, String> {
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(Vec::with_capacity(xml.len() + 1024));
    let names_xml = |p: &str| -> String {
        titles
            .iter()
            .filter(|(_, r)| !r.is_empty())
            .map(|(pos, r)| {
                let local = if *pos == usize::MAX { 0 } else { pos + 1 };
                format!(
                    r#"<{p}definedName name="_xlnm.Print_Titles" localSheetId="{local}">{}</{p}definedName>"#,
                    escape(r.as_str())
                )
            })
            .collect()
    };
    let mut names_done = false;
    let mut sheets_done = false;
    let mut depth = 0usize;
    // Elements of <workbook> that come after <definedNames>.
    const AFTER_NAMES: [&str; 10] = [
        "calcPr",
        "oleSize",
        "customWorkbookViews",
        "pivotCaches",
        "smartTagPr",
        "smartTagTypes",
        "webPublishing",
        "fileRecoveryPr",
        "webPublishObjects",
        "extLst",
    ];
    let mut prefix = String::new();
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("workbook.xml is damaged: {e}"))?;
        match &ev {
            Event::Start(e) | Event::Empty(e) => {
                let local = e.local_name().as_ref().to_string();
                if depth == 0 && local == "workbook" {
                    prefix = prefix_of(e);
                }
                if depth == 1 && sheets_done && !names_done && AFTER_NAMES.contains(&local.as_str())
                {
                    raw(
                        &mut w,
                        &format!(
                            "<{prefix}definedNames>{}</{prefix}definedNames>",
                            names_xml(&prefix)
                        ),
                    );
                    names_done = true;
                }
                if depth == 1 && local == "sheets" && !book.has_book_views {
                    raw(
                        &mut w,
                        &format!(
                            r#"<{prefix}bookViews><{prefix}workbookView activeTab="1"/></{prefix}bookViews>"#
                        ),
                    );
                }
                match local.as_str() {
                    "sheets" if matches!(ev, Event::Start(_)) => {
                        w.write_event(ev.borrow()).map_err(io)?;
                        let p = prefix_of(e);
                        raw(
                            &mut w,
                            &format!(
                                r#"<{p}sheet name="{}" sheetId="{}" xmlns:r="{NS_REL}" r:id="{}"/>"#,
                                escape(list_name),
                                book.max_sheet_id + 1,
                                escape(list_rid)
                            ),
                        );
                        depth += 1;
                        continue;
                    }
                    "workbookView" => {
                        let shift = |k: &str| {
                            attr(e, k)
                                .and_then(|v| v.parse::<u64>().ok())
                                .map(|v| (v + 1).to_string())
                        };
                        let active = shift("activeTab").unwrap_or_else(|| "1".into());
                        let mut add = vec![("activeTab", active.as_str())];
                        let first = shift("firstSheet");
                        if let Some(f) = &first {
                            add.push(("firstSheet", f.as_str()));
                        }
                        let edited = with_attrs(e, &["activeTab", "firstSheet"], &add);
                        let out = if matches!(ev, Event::Start(_)) {
                            Event::Start(edited)
                        } else {
                            Event::Empty(edited)
                        };
                        w.write_event(out).map_err(io)?;
                        if matches!(ev, Event::Start(_)) {
                            depth += 1;
                        }
                        continue;
                    }
                    "definedName" => {
                        let shifted = attr(e, "localSheetId")
                            .and_then(|v| v.parse::<u64>().ok())
                            .map(|v| (v + 1).to_string());
                        if let Some(s) = shifted {
                            let edited = with_attrs(e, &["localSheetId"], &[("localSheetId", &s)]);
                            let out = if matches!(ev, Event::Start(_)) {
                                Event::Start(edited)
                            } else {
                                Event::Empty(edited)
                            };
                            w.write_event(out).map_err(io)?;
                            if matches!(ev, Event::Start(_)) {
                                depth += 1;
                            }
                            continue;
                        }
                    }
                    "definedNames" if matches!(ev, Event::Empty(_)) => {
                        let p = prefix_of(e);
                        raw(
                            &mut w,
                            &format!("<{p}definedNames>{}</{p}definedNames>", names_xml(&p)),
                        );
                        names_done = true;
                        continue;
                    }
                    _ => {}
                }
                if matches!(ev, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                let local = e.local_name().as_ref().to_string();
                if local == "definedNames" && depth == 1 {
                    let p = e
                        .name()
                        .prefix()
                        .map(|p| format!("{}:", p.as_ref()))
                        .unwrap_or_default();
                    raw(&mut w, &names_xml(&p));
                    names_done = true;
                }
                if local == "sheets" && depth == 1 {
                    sheets_done = true;
                }
                if local == "workbook" && depth == 0 && !names_done {
                    raw(
                        &mut w,
                        &format!(
                            "<{prefix}definedNames>{}</{prefix}definedNames>",
                            names_xml(&prefix)
                        ),
                    );
                    names_done = true;
                }
            }
            Event::Eof => break,
            _ => {}
        }
        w.write_event(ev).map_err(io)?;
    }
    if !sheets_done {
        return Err("workbook.xml has no list of sheets".into());
    }
    Ok(w.into_inner())
}

/// `[Content_Types].xml` with the new parts and without the removed ones.
fn write_types(xml: &[u8], add: &[(String, &str)], drop: &[String]) -> Result<Vec<u8>, String> {
    let mut has_vml = false;
    visit(xml, |e, _| {
        if e.local_name().as_ref() == "Default"
            && attr(e, "Extension").is_some_and(|x| x.eq_ignore_ascii_case("vml"))
        {
            has_vml = true;
        }
    })?;
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(Vec::with_capacity(xml.len() + 512));
    let mut done = false;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("[Content_Types].xml is damaged: {e}"))?;
        match &ev {
            Event::Empty(e)
                if e.local_name().as_ref() == "Override"
                    && attr(e, "PartName").is_some_and(|p| {
                        drop.iter()
                            .any(|d| p.trim_start_matches('/').eq_ignore_ascii_case(d))
                    }) =>
            {
                continue;
            }
            Event::End(e) if e.local_name().as_ref() == "Types" => {
                let p = e
                    .name()
                    .prefix()
                    .map(|p| format!("{}:", p.as_ref()))
                    .unwrap_or_default();
                if !has_vml {
                    raw(
                        &mut w,
                        &format!(r#"<{p}Default Extension="vml" ContentType="{CT_VML}"/>"#),
                    );
                }
                for (part, ct) in add {
                    raw(
                        &mut w,
                        &format!(
                            r#"<{p}Override PartName="/{}" ContentType="{ct}"/>"#,
                            escape(part.as_str())
                        ),
                    );
                }
                done = true;
            }
            Event::Eof => break,
            _ => {}
        }
        w.write_event(ev).map_err(io)?;
    }
    if !done {
        return Err("[Content_Types].xml has no <Types>".into());
    }
    Ok(w.into_inner())
}

/// The style part: its cell formats kept as read (to be cloned with a
/// fill), the counts of its fonts, fills and borders, and the formats the
/// marks ask for.
struct StyleBook {
    xml: Vec<u8>,
    /// Each `<xf>` of `<cellXfs>` as its events.
    xfs: Vec<Vec<Event<'static>>>,
    fonts: usize,
    fills: usize,
    borders: usize,
    /// The width of a digit of the workbook's default font (its first),
    /// in pixels: the unit of its column widths.
    digit_px: f64,
    /// (original format, severity) → new format, in the order asked.
    marks: Vec<(u32, Severity)>,
}

/// The width in pixels of a digit of a font of `size` points named
/// `name`, as a spreadsheet counts column widths: 7 for Calibri 11 and
/// Arial 10, 8,67 for Times New Roman 13.
fn digit_px(name: &str, size: f64) -> f64 {
    let name = name.to_ascii_lowercase();
    // A digit's advance in ems.
    let em = if name.contains("times") || name.contains("liberation serif") {
        0.5
    } else if name.contains("arial") || name.contains("liberation sans") {
        0.556
    } else {
        0.507
    };
    let size = if size.is_finite() && (4.0..=72.0).contains(&size) {
        size
    } else {
        11.0
    };
    let px = size * 96.0 / 72.0 * em;
    // Excel rounds a digit to whole pixels (Calibri 11's 7,4 to 7);
    // LibreOffice, which prints Times New Roman as Liberation Serif, does
    // not: the narrower is taken, as in [`crate::report::fit`].
    if em == 0.5 { px } else { px.round() }.max(5.0)
}

/// The formats of the findings sheet, after the workbook's own: header,
/// then a row for each severity.
const LIST_XFS: u32 = 4;

impl StyleBook {
    fn read(xml: &[u8]) -> Result<StyleBook, String> {
        let mut reader = Reader::from_reader(xml);
        let mut stack: Vec<String> = Vec::new();
        let (mut fonts, mut fills, mut borders) = (None, None, None);
        let mut xfs: Vec<Vec<Event<'static>>> = Vec::new();
        let mut current: Option<Vec<Event<'static>>> = None;
        let mut in_cell_xfs = false;
        let (mut font_name, mut font_size) = (String::from("Calibri"), 11.0);
        loop {
            let ev = reader
                .read_event()
                .map_err(|e| format!("styles.xml is damaged: {e}"))?;
            if let Some(cur) = current.as_mut() {
                cur.push(ev.clone().into_owned());
            }
            match &ev {
                Event::Start(e) | Event::Empty(e) => {
                    let local = e.local_name().as_ref().to_string();
                    let parent = stack.last().map(String::as_str);
                    if matches!(ev, Event::Empty(_))
                        && parent == Some("styleSheet")
                        && matches!(local.as_str(), "fonts" | "fills" | "borders" | "cellXfs")
                    {
                        return Err(format!("styles.xml has an empty <{local}>"));
                    }
                    match (parent, local.as_str()) {
                        (Some("styleSheet"), "fonts") => fonts = Some(0),
                        (Some("styleSheet"), "fills") => fills = Some(0),
                        (Some("styleSheet"), "borders") => borders = Some(0),
                        (Some("styleSheet"), "cellXfs") => in_cell_xfs = true,
                        (Some("fonts"), "font") => fonts = fonts.map(|n| n + 1),
                        (Some("fills"), "fill") => fills = fills.map(|n| n + 1),
                        (Some("borders"), "border") => borders = borders.map(|n| n + 1),
                        (Some("font"), "sz") if fonts == Some(1) => {
                            if let Some(v) = attr(e, "val").and_then(|v| v.parse().ok()) {
                                font_size = v;
                            }
                        }
                        (Some("font"), "name") if fonts == Some(1) => {
                            if let Some(v) = attr(e, "val") {
                                font_name = v;
                            }
                        }
                        (Some("cellXfs"), "xf") if in_cell_xfs => {
                            let first = ev.clone().into_owned();
                            if matches!(ev, Event::Empty(_)) {
                                xfs.push(vec![first]);
                            } else {
                                current = Some(vec![first]);
                            }
                        }
                        _ => {}
                    }
                    if matches!(ev, Event::Start(_)) {
                        stack.push(local);
                    }
                }
                Event::End(e) => {
                    let local = e.local_name().as_ref().to_string();
                    stack.pop();
                    if local == "xf" && stack.last().is_some_and(|p| p == "cellXfs") {
                        if let Some(done) = current.take() {
                            xfs.push(done);
                        }
                    }
                    if local == "cellXfs" {
                        in_cell_xfs = false;
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        let (Some(fonts), Some(fills), Some(borders)) = (fonts, fills, borders) else {
            return Err("styles.xml lacks its fonts, fills or borders".into());
        };
        if xfs.is_empty() {
            return Err("styles.xml has no cell formats".into());
        }
        Ok(StyleBook {
            xml: xml.to_vec(),
            xfs,
            fonts,
            fills,
            borders,
            digit_px: digit_px(&font_name, font_size),
            marks: Vec::new(),
        })
    }

    /// The format of the findings sheet's header (`0`) or of a row of a
    /// severity (`1 + severity`).
    fn list_xf(&self, k: u32) -> u32 {
        self.xfs.len() as u32 + k
    }

    /// The format of a marked cell: its own, filled by severity.
    fn mark(&mut self, original: u32, severity: Severity) -> u32 {
        let original = if (original as usize) < self.xfs.len() {
            original
        } else {
            0
        };
        let key = (original, severity);
        let k = match self.marks.iter().position(|m| *m == key) {
            Some(k) => k,
            None => {
                self.marks.push(key);
                self.marks.len() - 1
            }
        };
        self.xfs.len() as u32 + LIST_XFS + k as u32
    }

    fn fill_of(&self, severity: Severity) -> usize {
        self.fills + severity as usize
    }

    /// The border of a marked cell, a sign that prints in black and white
    /// (as [`crate::report::workbook::severity_border`]): medium for an
    /// error, medium dashed for a warning, dotted for information.
    fn border_of(&self, severity: Severity) -> usize {
        self.borders + 1 + severity as usize
    }

    fn write(&self) -> Result<Vec<u8>, String> {
        let (f0, l0, b0) = (self.fonts, self.fills, self.borders);
        let added_xfs = LIST_XFS as usize + self.marks.len();
        let mut reader = Reader::from_reader(self.xml.as_slice());
        let mut w = Writer::new(Vec::with_capacity(self.xml.len() + 2048));
        let mut depth = 0usize;
        let count = |e: &BytesStart<'_>, n: usize| {
            let edited = with_attrs(e, &["count"], &[("count", &n.to_string())]);
            Event::Start(edited)
        };
        loop {
            let ev = reader
                .read_event()
                .map_err(|e| format!("styles.xml is damaged: {e}"))?;
            match &ev {
                Event::Start(e) if depth == 1 => {
                    depth += 1;
                    let out = match e.local_name().as_ref() {
                        "fonts" => count(e, f0 + 2),
                        "fills" => count(e, l0 + 4),
                        "borders" => count(e, b0 + 4),
                        "cellXfs" => count(e, self.xfs.len() + added_xfs),
                        _ => ev.clone(),
                    };
                    w.write_event(out).map_err(io)?;
                    continue;
                }
                Event::Start(_) => depth += 1,
                Event::End(e) => {
                    depth = depth.saturating_sub(1);
                    if depth == 1 {
                        let p = e
                            .name()
                            .prefix()
                            .map(|p| format!("{}:", p.as_ref()))
                            .unwrap_or_default();
                        match e.local_name().as_ref() {
                            "fonts" => raw(
                                &mut w,
                                &format!(
                                    r#"<{p}font><{p}sz val="11"/><{p}name val="Times New Roman"/></{p}font><{p}font><{p}b/><{p}sz val="11"/><{p}name val="Times New Roman"/></{p}font>"#
                                ),
                            ),
                            "fills" => {
                                for rgb in ["FFF8CBAD", "FFFFE699", "FFDDEBF7", "FFD9D9D9"] {
                                    raw(
                                        &mut w,
                                        &format!(
                                            r#"<{p}fill><{p}patternFill patternType="solid"><{p}fgColor rgb="{rgb}"/><{p}bgColor indexed="64"/></{p}patternFill></{p}fill>"#
                                        ),
                                    );
                                }
                            }
                            "borders" => {
                                // The Lỗi sheet's thin border, then a marked
                                // cell's of each severity (see `border_of`).
                                for style in ["thin", "medium", "mediumDashed", "dotted"] {
                                    let side = |s: &str| {
                                        format!(
                                            r#"<{p}{s} style="{style}"><{p}color auto="1"/></{p}{s}>"#
                                        )
                                    };
                                    raw(
                                        &mut w,
                                        &format!(
                                            "<{p}border>{}{}{}{}<{p}diagonal/></{p}border>",
                                            side("left"),
                                            side("right"),
                                            side("top"),
                                            side("bottom")
                                        ),
                                    );
                                }
                            }
                            "cellXfs" => {
                                raw(
                                    &mut w,
                                    &format!(
                                        r#"<{p}xf numFmtId="0" fontId="{}" fillId="{}" borderId="{b0}" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><{p}alignment horizontal="center" vertical="center" wrapText="1"/></{p}xf>"#,
                                        f0 + 1,
                                        l0 + 3
                                    ),
                                );
                                for sev in [Severity::Error, Severity::Warning, Severity::Info] {
                                    raw(
                                        &mut w,
                                        &format!(
                                            r#"<{p}xf numFmtId="49" fontId="{f0}" fillId="{}" borderId="{b0}" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><{p}alignment vertical="top" wrapText="1"/></{p}xf>"#,
                                            self.fill_of(sev)
                                        ),
                                    );
                                }
                                for &(original, sev) in &self.marks {
                                    self.write_marked_xf(&mut w, original, sev)?;
                                }
                            }
                            _ => {}
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            w.write_event(ev).map_err(io)?;
        }
        Ok(w.into_inner())
    }

    /// A copy of a cell format with the fill and the border of a severity.
    fn write_marked_xf(
        &self,
        w: &mut Writer<Vec<u8>>,
        original: u32,
        severity: Severity,
    ) -> Result<(), String> {
        let events = self
            .xfs
            .get(original as usize)
            .ok_or("a cell format is missing")?;
        let fill = self.fill_of(severity).to_string();
        let border = self.border_of(severity).to_string();
        let names = ["fillId", "applyFill", "borderId", "applyBorder"];
        let values = [
            ("fillId", fill.as_str()),
            ("applyFill", "1"),
            ("borderId", border.as_str()),
            ("applyBorder", "1"),
        ];
        for (k, ev) in events.iter().enumerate() {
            let out = match ev {
                Event::Start(e) if k == 0 => Event::Start(with_attrs(e, &names, &values)),
                Event::Empty(e) if k == 0 => Event::Empty(with_attrs(e, &names, &values)),
                other => other.borrow(),
            };
            w.write_event(out).map_err(io)?;
        }
        Ok(())
    }
}

/// The name of an element kept on the stack of open elements: only the
/// few whose children matter, so that the cells of a large sheet cost no
/// allocation.
fn keep(local: &str) -> String {
    match local {
        "sheetData" | "row" | "sheetPr" | "worksheet" => local.to_string(),
        _ => String::new(),
    }
}

/// Reads what a sheet part says before it is rewritten.
fn sheet_facts(xml: &[u8]) -> Result<SheetFacts, String> {
    let mut facts = SheetFacts::default();
    let mut stack: Vec<String> = Vec::new();
    let mut reader = Reader::from_reader(xml);
    let (mut row, mut col) = (0u32, 0u32);
    let mut in_cell = false;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("a sheet is damaged: {e}"))?;
        match &ev {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                let local: &str = name.as_ref();
                match local {
                    "pageSetUpPr"
                        if attr(e, "fitToPage").is_some_and(|v| v == "1" || v == "true") =>
                    {
                        facts.own_setup = true;
                        facts.fits = true;
                    }
                    "pageSetup"
                        if attr(e, "orientation").is_some_and(|o| o == "landscape")
                            || attr(e, "scale").is_some_and(|s| s != "100") =>
                    {
                        facts.own_setup = true;
                    }
                    "sheetFormatPr" => {
                        facts.default_width = attr(e, "defaultColWidth")
                            .or_else(|| attr(e, "baseColWidth"))
                            .and_then(|v| v.parse().ok());
                    }
                    "col" => {
                        let min: u32 = attr(e, "min").and_then(|v| v.parse().ok()).unwrap_or(1);
                        let max: u32 = attr(e, "max").and_then(|v| v.parse().ok()).unwrap_or(min);
                        let width: f64 = attr(e, "width")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(9.14);
                        let hidden = attr(e, "hidden").is_some_and(|v| v == "1" || v == "true");
                        for c in min.max(1)..=max.min(min.saturating_add(256)).min(16_384) {
                            facts.widths.insert(c - 1, if hidden { 0.0 } else { width });
                        }
                    }
                    "row" if stack.last().is_some_and(|p| p == "sheetData") => {
                        row = attr(e, "r")
                            .and_then(|v| v.parse::<u32>().ok())
                            .map_or(row + 1, |r| r);
                        col = 0;
                        reach(&mut facts.formatted, row.saturating_sub(1), 0);
                    }
                    "c" if stack.last().is_some_and(|p| p == "row") => {
                        col = attr(e, "r")
                            .and_then(|r| crate::diagnostic::parse_a1(&r))
                            .map_or(col + 1, |(_, c)| c + 1);
                        let has_value = matches!(ev, Event::Start(_));
                        if has_value {
                            facts.last_col = facts.last_col.max(col.saturating_sub(1));
                        }
                        in_cell = has_value;
                        reach(
                            &mut facts.formatted,
                            row.saturating_sub(1),
                            col.saturating_sub(1),
                        );
                    }
                    "v" | "f" | "is" if in_cell => {
                        reach(
                            &mut facts.used,
                            row.saturating_sub(1),
                            col.saturating_sub(1),
                        );
                    }
                    "mergeCell" => {
                        let range = attr(e, "ref").unwrap_or_default();
                        for end in range.split(':') {
                            if let Some((r, c)) = crate::diagnostic::parse_a1(end) {
                                reach(&mut facts.used, r, c);
                            }
                        }
                    }
                    "dimension" => {
                        let range = attr(e, "ref").unwrap_or_default();
                        if let Some((r, c)) = range
                            .rsplit(':')
                            .next()
                            .and_then(crate::diagnostic::parse_a1)
                        {
                            reach(&mut facts.formatted, r, c);
                        }
                    }
                    "legacyDrawing" => facts.legacy_drawing = rel_id(e),
                    _ => {}
                }
                if matches!(ev, Event::Start(_)) {
                    stack.push(keep(local));
                }
            }
            Event::End(e) => {
                if e.local_name().as_ref() == "c" {
                    in_cell = false;
                }
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(facts)
}

/// What a sheet formatted far beyond its used range keeps: rows and
/// columns up to the last value, merged or marked cell, and the row and
/// column next to them (a table's bottom or side border drawn on the cell
/// beyond). `None`: the sheet is copied whole, as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Trim {
    /// The last row and column kept, 0-based.
    last_row: u32,
    last_col: u32,
}

impl SheetFacts {
    /// The cut of a sheet whose formats reach far beyond its used range
    /// and marks.
    fn trim(&self, marks: &BTreeMap<(u32, u32), &Mark>) -> Option<Trim> {
        let (fr, fc) = self.formatted?;
        let mut used = self.used;
        for &(r, c) in marks.keys() {
            reach(&mut used, r, c);
        }
        let (ur, uc) = used.unwrap_or((0, 0));
        if fr <= ur.saturating_add(FAR_ROWS) && fc <= uc.saturating_add(FAR_COLS) {
            return None;
        }
        Some(Trim {
            last_row: ur.saturating_add(1),
            last_col: uc.saturating_add(1),
        })
    }
}

/// The last row and column of the cells a cut sheet keeps (for its
/// `<dimension>`).
fn kept_extent(xml: &[u8], trim: Trim, used: Option<(u32, u32)>) -> Result<(u32, u32), String> {
    let mut last = used;
    let mut reader = Reader::from_reader(xml);
    let (mut row, mut col) = (0u32, 0u32);
    loop {
        match reader
            .read_event()
            .map_err(|e| format!("a sheet is damaged: {e}"))?
        {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "row" => {
                    row = attr(&e, "r")
                        .and_then(|v| v.parse::<u32>().ok())
                        .and_then(|r| r.checked_sub(1))
                        .unwrap_or(row + 1);
                    col = 0;
                }
                "c" => {
                    col = attr(&e, "r")
                        .and_then(|r| crate::diagnostic::parse_a1(&r))
                        .map_or(col, |(_, c)| c);
                    if row <= trim.last_row && col <= trim.last_col {
                        reach(&mut last, row, col);
                    }
                    col += 1;
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(last.unwrap_or((0, 0)))
}

impl SheetFacts {
    /// The width of a column in characters.
    fn width(&self, col: u32) -> f64 {
        self.widths
            .get(&col)
            .copied()
            .unwrap_or(self.default_width.unwrap_or(8.43) + 0.71)
    }

    /// The width of the used columns in characters.
    fn table_width(&self) -> f64 {
        (0..=self.last_col.min(200)).map(|c| self.width(c)).sum()
    }
}

/// The worksheet children that come after `<sheetPr>`… in the order of
/// the schema, for inserting the elements a sheet lacks.
const AFTER_MARGINS: [&str; 18] = [
    "pageSetup",
    "headerFooter",
    "rowBreaks",
    "colBreaks",
    "customProperties",
    "cellWatches",
    "ignoredErrors",
    "smartTags",
    "drawing",
    "legacyDrawing",
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
];

/// A sheet part with its marked cells given their filled formats (cells
/// that do not exist are added), a `<legacyDrawing>` for the notes, and,
/// when given a `footer`, a print setup: A4, fit to the page width, the
/// sheet's own page numbers from 1 in that footer (unless it has one).
/// A sheet formatted far beyond its used range (see [`SheetFacts::trim`])
/// loses its rows and cells beyond the cut, and its `<dimension>` says so.
fn rewrite_sheet(
    xml: &[u8],
    marks: &BTreeMap<(u32, u32), &Mark>,
    styles: &mut StyleBook,
    facts: &SheetFacts,
    footer: Option<&str>,
    legacy_rid: Option<String>,
) -> Result<Vec<u8>, String> {
    let trim = facts.trim(marks);
    let dimension = match trim {
        Some(t) => {
            let (r, c) = kept_extent(xml, t, facts.used)?;
            Some(format!("A1:{}", crate::diagnostic::a1(r, c)))
        }
        None => None,
    };
    let fit = footer.is_some();
    let mut pending: BTreeMap<u32, BTreeMap<u32, Severity>> = BTreeMap::new();
    for (&(r, c), m) in marks {
        pending.entry(r).or_default().insert(c, m.severity);
    }
    let landscape = facts.table_width() > 100.0;
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(Vec::with_capacity(xml.len() + 4096));
    let mut stack: Vec<String> = Vec::new();
    let mut p = String::new();
    let (mut row, mut col) = (0u32, 0u32);
    let mut row_style = 0u32;
    let mut in_row = false;
    // What is still to insert.
    let mut need_sheet_pr = fit;
    let mut need_margins = fit;
    let mut need_setup = fit;
    let mut need_footer = footer;
    let mut legacy = legacy_rid;
    let mut skip_depth: Option<usize> = None;
    let (mut in_sheet_pr, mut sheet_pr_setup) = (false, false);
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("a sheet is damaged: {e}"))?;
        if let Some(d) = skip_depth {
            match &ev {
                Event::Start(_) => stack.push(String::new()),
                Event::End(_) => {
                    stack.pop();
                    if stack.len() == d {
                        skip_depth = None;
                    }
                }
                Event::Eof => return Err("a sheet ends inside an element".into()),
                _ => {}
            }
            continue;
        }
        match &ev {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                let local: &str = name.as_ref();
                let depth = stack.len();
                let is_start = matches!(ev, Event::Start(_));
                if depth == 0 {
                    p = prefix_of(e);
                    w.write_event(ev.borrow()).map_err(io)?;
                    if is_start {
                        stack.push(keep(local));
                    }
                    continue;
                }
                if depth == 1 {
                    // Elements a sheet lacks go before the first child that
                    // must follow them.
                    if need_sheet_pr && local != "sheetPr" {
                        raw(
                            &mut w,
                            &format!(r#"<{p}sheetPr><{p}pageSetUpPr fitToPage="1"/></{p}sheetPr>"#),
                        );
                        need_sheet_pr = false;
                    }
                    insert_before(
                        &mut w,
                        &p,
                        local,
                        &mut need_margins,
                        &mut need_setup,
                        &mut need_footer,
                        &mut legacy,
                        landscape,
                    );
                    match local {
                        "sheetPr" if need_sheet_pr => {
                            need_sheet_pr = false;
                            if is_start {
                                w.write_event(ev.borrow()).map_err(io)?;
                                stack.push(keep(local));
                                // pageSetUpPr is added or edited inside.
                                in_sheet_pr = true;
                                continue;
                            }
                            w.write_event(Event::Start(e.borrow())).map_err(io)?;
                            raw(
                                &mut w,
                                &format!(r#"<{p}pageSetUpPr fitToPage="1"/></{p}sheetPr>"#),
                            );
                            continue;
                        }
                        "pageMargins" => need_margins = false,
                        "pageSetup" if need_setup => {
                            raw(&mut w, &page_setup(&p, landscape));
                            need_setup = false;
                            if is_start {
                                skip_depth = Some(depth);
                                stack.push(keep(local));
                            }
                            continue;
                        }
                        "headerFooter" => need_footer = None,
                        "dimension" if dimension.is_some() => {
                            let r = dimension.as_deref().unwrap_or_default();
                            let cut = with_attrs(e, &["ref"], &[("ref", r)]);
                            w.write_event(if is_start {
                                Event::Start(cut)
                            } else {
                                Event::Empty(cut)
                            })
                            .map_err(io)?;
                            if is_start {
                                stack.push(keep(local));
                            }
                            continue;
                        }
                        "sheetData" if !is_start => {
                            w.write_event(Event::Start(e.borrow())).map_err(io)?;
                            flush_rows(&mut w, &p, &mut pending, u32::MAX, styles);
                            raw(&mut w, &format!("</{p}sheetData>"));
                            continue;
                        }
                        _ => {}
                    }
                }
                if depth == 2 && in_sheet_pr && local == "pageSetUpPr" {
                    let edited = with_attrs(e, &["fitToPage"], &[("fitToPage", "1")]);
                    if is_start {
                        w.write_event(Event::Start(edited)).map_err(io)?;
                        stack.push(keep(local));
                    } else {
                        w.write_event(Event::Empty(edited)).map_err(io)?;
                    }
                    sheet_pr_setup = true;
                    continue;
                }
                if depth == 2 && stack.last().is_some_and(|s| s == "sheetData") && local == "row" {
                    row = attr(e, "r")
                        .and_then(|v| v.parse::<u32>().ok())
                        .and_then(|r| r.checked_sub(1))
                        .unwrap_or(if in_row { row + 1 } else { row });
                    flush_rows(&mut w, &p, &mut pending, row, styles);
                    col = 0;
                    if trim.is_some_and(|t| row > t.last_row) {
                        // Formats only, below the cut: dropped.
                        in_row = true;
                        if is_start {
                            skip_depth = Some(depth);
                            stack.push(keep(local));
                        }
                        continue;
                    }
                    let custom = attr(e, "customFormat").is_some_and(|v| v == "1" || v == "true");
                    row_style = if custom {
                        attr(e, "s").and_then(|v| v.parse().ok()).unwrap_or(0)
                    } else {
                        0
                    };
                    in_row = true;
                    let marked_row = pending.contains_key(&row);
                    let start = if marked_row || trim.is_some() {
                        with_attrs(e, &["spans"], &[])
                    } else {
                        e.to_owned()
                    };
                    if is_start {
                        w.write_event(Event::Start(start)).map_err(io)?;
                        stack.push(keep(local));
                    } else if marked_row {
                        w.write_event(Event::Start(start)).map_err(io)?;
                        flush_cells(&mut w, &p, &mut pending, row, u32::MAX, row_style, styles);
                        raw(&mut w, &format!("</{p}row>"));
                    } else {
                        w.write_event(Event::Empty(start)).map_err(io)?;
                    }
                    continue;
                }
                if depth == 3 && stack.last().is_some_and(|s| s == "row") && local == "c" {
                    let at = attr(e, "r").and_then(|r| crate::diagnostic::parse_a1(&r));
                    col = match at {
                        Some((_, c)) => c,
                        None => col,
                    };
                    flush_cells(&mut w, &p, &mut pending, row, col, row_style, styles);
                    if trim.is_some_and(|t| col > t.last_col) {
                        // A formatted blank cell right of the cut.
                        col += 1;
                        if is_start {
                            skip_depth = Some(depth);
                            stack.push(keep(local));
                        }
                        continue;
                    }
                    let severity = pending.get_mut(&row).and_then(|cells| cells.remove(&col));
                    let out = match severity {
                        Some(sev) => {
                            let own = attr(e, "s")
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(row_style);
                            let s = styles.mark(own, sev).to_string();
                            Some(with_attrs(e, &["s"], &[("s", &s)]))
                        }
                        None => None,
                    };
                    if pending.get(&row).is_some_and(BTreeMap::is_empty) {
                        pending.remove(&row);
                    }
                    col += 1;
                    match out {
                        Some(out) if is_start => w.write_event(Event::Start(out)),
                        Some(out) => w.write_event(Event::Empty(out)),
                        None => w.write_event(ev.borrow()),
                    }
                    .map_err(io)?;
                    if is_start {
                        stack.push(keep(local));
                    }
                    continue;
                }
                w.write_event(ev.borrow()).map_err(io)?;
                if is_start {
                    stack.push(keep(local));
                }
                continue;
            }
            Event::End(e) => {
                let name = e.local_name();
                let local: &str = name.as_ref();
                let depth = stack.len().saturating_sub(1);
                match (depth, local) {
                    (2, "row") => {
                        flush_cells(&mut w, &p, &mut pending, row, u32::MAX, row_style, styles);
                        pending.remove(&row);
                    }
                    (1, "sheetData") => flush_rows(&mut w, &p, &mut pending, u32::MAX, styles),
                    (1, "sheetPr") if in_sheet_pr => {
                        // Added unless the sheet had one (then edited above).
                        if !sheet_pr_setup {
                            raw(&mut w, &format!(r#"<{p}pageSetUpPr fitToPage="1"/>"#));
                        }
                        in_sheet_pr = false;
                    }
                    (0, _) => {
                        if need_sheet_pr {
                            // A worksheet with no child at all.
                            return Err("the sheet has no content".into());
                        }
                        insert_before(
                            &mut w,
                            &p,
                            "",
                            &mut need_margins,
                            &mut need_setup,
                            &mut need_footer,
                            &mut legacy,
                            landscape,
                        );
                    }
                    _ => {}
                }
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
        w.write_event(ev).map_err(io)?;
    }
    if legacy.is_some() || !pending.is_empty() {
        return Err("the sheet could not take its marks".into());
    }
    Ok(w.into_inner())
}

fn page_setup(p: &str, landscape: bool) -> String {
    format!(
        r#"<{p}pageSetup paperSize="9" fitToWidth="1" fitToHeight="0" firstPageNumber="1" orientation="{}" useFirstPageNumber="1"/>"#,
        if landscape { "landscape" } else { "portrait" }
    )
}

/// Writes what must come before the worksheet child `next` (`""`: the
/// end of the worksheet) and is still missing.
#[allow(clippy::too_many_arguments)]
fn insert_before(
    w: &mut Writer<Vec<u8>>,
    p: &str,
    next: &str,
    margins: &mut bool,
    setup: &mut bool,
    footer: &mut Option<&str>,
    legacy: &mut Option<String>,
    landscape: bool,
) {
    let at = |list: &[&str]| next.is_empty() || list.contains(&next);
    let after_margins = AFTER_MARGINS;
    if *margins && at(&after_margins) {
        raw(
            w,
            &format!(
                r#"<{p}pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>"#
            ),
        );
        *margins = false;
    }
    if *setup && at(after_margins.get(1..).unwrap_or_default()) {
        raw(w, &page_setup(p, landscape));
        *setup = false;
    }
    if at(after_margins.get(2..).unwrap_or_default()) {
        if let Some(footer) = footer.take() {
            raw(
                w,
                &format!(
                    "<{p}headerFooter><{p}oddFooter>{}</{p}oddFooter></{p}headerFooter>",
                    xml_text(footer)
                ),
            );
        }
    }
    if legacy.is_some() && at(after_margins.get(10..).unwrap_or_default()) {
        if let Some(rid) = legacy.take() {
            raw(
                w,
                &format!(
                    r#"<{p}legacyDrawing xmlns:r="{NS_REL}" r:id="{}"/>"#,
                    escape(rid.as_str())
                ),
            );
        }
    }
}

/// Writes the marked cells of rows before `until` that the sheet lacks.
fn flush_rows(
    w: &mut Writer<Vec<u8>>,
    p: &str,
    pending: &mut BTreeMap<u32, BTreeMap<u32, Severity>>,
    until: u32,
    styles: &mut StyleBook,
) {
    let rows: Vec<u32> = pending.range(..until).map(|(r, _)| *r).collect();
    for r in rows {
        if let Some(cells) = pending.remove(&r) {
            if cells.is_empty() {
                continue;
            }
            raw(w, &format!(r#"<{p}row r="{}">"#, r + 1));
            for (c, sev) in cells {
                let s = styles.mark(0, sev);
                raw(
                    w,
                    &format!(r#"<{p}c r="{}" s="{s}"/>"#, crate::diagnostic::a1(r, c)),
                );
            }
            raw(w, &format!("</{p}row>"));
        }
    }
}

/// Writes the marked cells of `row` before column `until` that the sheet
/// lacks.
#[allow(clippy::too_many_arguments)]
fn flush_cells(
    w: &mut Writer<Vec<u8>>,
    p: &str,
    pending: &mut BTreeMap<u32, BTreeMap<u32, Severity>>,
    row: u32,
    until: u32,
    row_style: u32,
    styles: &mut StyleBook,
) {
    let Some(cells) = pending.get_mut(&row) else {
        return;
    };
    let cols: Vec<u32> = cells.range(..until).map(|(c, _)| *c).collect();
    for c in cols {
        if let Some(sev) = cells.remove(&c) {
            let s = styles.mark(row_style, sev);
            raw(
                w,
                &format!(r#"<{p}c r="{}" s="{s}"/>"#, crate::diagnostic::a1(row, c)),
            );
        }
    }
}

/// Text safe in XML: control characters other than tab and line breaks
/// dropped, the rest escaped.
fn xml_text(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|&c| c == '\t' || c == '\n' || c == '\r' || c >= ' ')
        .filter(|&c| c != '\u{FFFE}' && c != '\u{FFFF}')
        .collect();
    escape(clean.as_str()).into_owned()
}

fn comment_xml(m: &Mark, author: usize) -> String {
    format!(
        r#"<comment ref="{}" authorId="{author}"><text><r><rPr><b/><sz val="9"/><rFont val="Tahoma"/></rPr><t>{AUTHOR}:</t></r><r><rPr><sz val="9"/><rFont val="Tahoma"/></rPr><t xml:space="preserve">
{}</t></r></text></comment>"#,
        crate::diagnostic::a1(m.row, m.col),
        xml_text(&m.note)
    )
}

fn new_comments(marks: &BTreeMap<(u32, u32), &Mark>) -> Vec<u8> {
    let mut s = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<comments xmlns="{NS_MAIN}"><authors><author>{AUTHOR}</author></authors><commentList>"#
    );
    for m in marks.values() {
        s.push_str(&comment_xml(m, 0));
    }
    s.push_str("</commentList></comments>");
    s.into_bytes()
}

/// The sheet's own comments with ours: a cell that has a comment gets our
/// text appended to it; the others a comment of their own.
fn merge_comments(xml: &[u8], marks: &BTreeMap<(u32, u32), &Mark>) -> Result<Vec<u8>, String> {
    let mut authors = 0usize;
    let mut commented: Vec<(u32, u32)> = Vec::new();
    visit(xml, |e, _| match e.local_name().as_ref() {
        "author" => authors += 1,
        "comment" => {
            if let Some(rc) = attr(e, "ref").and_then(|r| crate::diagnostic::parse_a1(&r)) {
                commented.push(rc);
            }
        }
        _ => {}
    })?;
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(Vec::with_capacity(xml.len() + 4096));
    let mut current: Option<(u32, u32)> = None;
    let mut authors_done = false;
    let mut list_done = false;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("the sheet's comments are damaged: {e}"))?;
        let pre = |e: &quick_xml::events::BytesEnd<'_>| {
            e.name()
                .prefix()
                .map(|p| format!("{}:", p.as_ref()))
                .unwrap_or_default()
        };
        match &ev {
            Event::Start(e) if e.local_name().as_ref() == "comment" => {
                current = attr(e, "ref").and_then(|r| crate::diagnostic::parse_a1(&r));
            }
            Event::End(e) if e.local_name().as_ref() == "text" => {
                if let Some(m) = current.and_then(|rc| marks.get(&rc)) {
                    let p = pre(e);
                    raw(
                        &mut w,
                        &format!(
                            r#"<{p}r><{p}rPr><{p}b/><{p}sz val="9"/><{p}rFont val="Tahoma"/></{p}rPr><{p}t xml:space="preserve">

{AUTHOR}:</{p}t></{p}r><{p}r><{p}rPr><{p}sz val="9"/><{p}rFont val="Tahoma"/></{p}rPr><{p}t xml:space="preserve">
{}</{p}t></{p}r>"#,
                            xml_text(&m.note)
                        ),
                    );
                }
            }
            Event::End(e) if e.local_name().as_ref() == "authors" => {
                let p = pre(e);
                raw(&mut w, &format!("<{p}author>{AUTHOR}</{p}author>"));
                authors_done = true;
            }
            Event::End(e) if e.local_name().as_ref() == "commentList" => {
                let p = pre(e);
                for (rc, m) in marks {
                    if !commented.contains(rc) {
                        let c = comment_xml(m, authors);
                        raw(&mut w, &if p.is_empty() { c } else { prefixed(&c, &p) });
                    }
                }
                list_done = true;
            }
            Event::Eof => break,
            _ => {}
        }
        w.write_event(ev).map_err(io)?;
    }
    if !authors_done || !list_done {
        return Err("the sheet's comments have no list of authors or comments".into());
    }
    Ok(w.into_inner())
}

/// Our comment XML with every element under a prefix.
fn prefixed(xml: &str, p: &str) -> String {
    xml.replace("</", "\u{0}")
        .replace('<', &format!("<{p}"))
        .replace('\u{0}', &format!("</{p}"))
}

/// The VML note boxes of the marks (hidden until the cell is pointed at).
fn vml_shapes(marks: &BTreeMap<(u32, u32), &Mark>, facts: &SheetFacts, sheet: usize) -> String {
    let base = 1024 * (sheet + 1) + 1;
    let mut s = String::new();
    for (k, (&(r, c), _)) in marks.iter().enumerate() {
        let left: f64 = (0..=c).map(|x| facts.width(x)).sum::<f64>() * 5.25 + 11.0;
        let top = f64::from(r.saturating_sub(1)) * 15.0 + 1.5;
        s.push_str(&format!(
            r##"<v:shape id="_x0000_s{}" type="#_x0000_t202" style="position:absolute;margin-left:{left:.1}pt;margin-top:{top:.1}pt;width:315pt;height:120pt;z-index:{};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{}, 15, {}, 10, {}, 15, {}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{r}</x:Row><x:Column>{c}</x:Column></x:ClientData></v:shape>"##,
            base + k,
            k + 1,
            c + 1,
            r.saturating_sub(1),
            c + 4,
            r + 8,
        ));
    }
    s
}

const VML_SHAPETYPE: &str = r#"<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>"#;

fn new_vml(shapes: &str, sheet: usize) -> Vec<u8> {
    format!(
        r#"<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{}"/></o:shapelayout>{VML_SHAPETYPE}{shapes}</xml>"#,
        sheet + 1
    )
    .into_bytes()
}

/// The sheet's own VML drawing with our note boxes before its end (VML
/// from Excel is not always well-formed XML, so it is not parsed).
fn append_vml(mut vml: Vec<u8>, shapes: &str) -> Result<Vec<u8>, String> {
    let text = String::from_utf8_lossy(&vml);
    let end = text
        .rfind("</xml>")
        .ok_or("the sheet's drawing of notes has no end")?;
    let mut insert = String::new();
    if !text.contains("\"_x0000_t202\"") {
        insert.push_str(VML_SHAPETYPE);
    }
    insert.push_str(shapes);
    let tail = vml.split_off(end);
    vml.extend_from_slice(insert.as_bytes());
    vml.extend_from_slice(&tail);
    Ok(vml)
}

/// The findings sheet: frozen header, autofilter, A4 landscape fit to the
/// page width, the page header and footer of `tong-hop.xlsx`'s error
/// list; inline strings so that the shared strings of the workbook are
/// left alone.
fn list_sheet_xml(list: &ListSheet, styles: &StyleBook) -> Vec<u8> {
    let header = styles.list_xf(0);
    let mut s = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_REL}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>"#
    );
    // The widths are in 7-pixel digits; the workbook counts in digits of
    // its own default font (8,67 pixels for Times New Roman 13).
    let scale = 7.0 / styles.digit_px;
    for (k, w) in list.widths.iter().enumerate() {
        let w = (w * scale * 100.0).round() / 100.0;
        s.push_str(&format!(
            r#"<col min="{0}" max="{0}" width="{w}" customWidth="1"/>"#,
            k + 1
        ));
    }
    s.push_str("</cols><sheetData>");
    let cell = |s: &mut String, r: usize, c: usize, text: &str, xf: u32| {
        s.push_str(&format!(
            r#"<c r="{}" s="{xf}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
            crate::diagnostic::a1(r as u32, c as u32),
            xml_text(text)
        ));
    };
    // Wrapped text needs its height written: neither Excel nor
    // LibreOffice grows a row on opening.
    let row_start = |s: &mut String, k: usize| match list.heights.get(k).copied().flatten() {
        Some(ht) => s.push_str(&format!(
            r#"<row r="{}" ht="{ht}" customHeight="1">"#,
            k + 1
        )),
        None => s.push_str(&format!(r#"<row r="{}">"#, k + 1)),
    };
    row_start(&mut s, 0);
    for (c, h) in list.header.iter().enumerate() {
        cell(&mut s, 0, c, h, header);
    }
    s.push_str("</row>");
    for (k, (sev, values)) in list.rows.iter().enumerate() {
        row_start(&mut s, k + 1);
        let xf = styles.list_xf(1 + *sev as u32);
        for (c, v) in values.iter().enumerate() {
            cell(&mut s, k + 1, c, v, xf);
        }
        s.push_str("</row>");
    }
    let last = crate::diagnostic::a1(
        list.rows.len() as u32,
        list.header.len().saturating_sub(1) as u32,
    );
    s.push_str(&format!(
        r#"</sheetData><autoFilter ref="A1:{last}"/><pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/><pageSetup paperSize="9" fitToWidth="1" fitToHeight="0" firstPageNumber="1" orientation="landscape" useFirstPageNumber="1"/><headerFooter>"#
    ));
    if !list.page_header.is_empty() {
        s.push_str(&format!(
            "<oddHeader>{}</oddHeader>",
            xml_text(&list.page_header)
        ));
    }
    s.push_str(&format!(
        "<oddFooter>{}</oddFooter></headerFooter></worksheet>",
        xml_text(&list.page_footer)
    ));
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_and_relate() {
        assert_eq!(
            resolve("xl/", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/worksheets/", "../comments1.xml"),
            "xl/comments1.xml"
        );
        assert_eq!(resolve("xl/", "/xl/styles.xml"), "xl/styles.xml");
        assert_eq!(
            relative("xl/worksheets/", "xl/comments1.xml"),
            "../comments1.xml"
        );
        assert_eq!(
            relative("xl/worksheets/", "xl/drawings/vmlDrawing1.vml"),
            "../drawings/vmlDrawing1.vml"
        );
        assert_eq!(
            relative("xl/", "xl/worksheets/tonghop-loi1.xml"),
            "worksheets/tonghop-loi1.xml"
        );
        assert_eq!(
            rels_of("xl/worksheets/sheet1.xml"),
            "xl/worksheets/_rels/sheet1.xml.rels"
        );
    }

    #[test]
    fn the_findings_list_is_as_wide_in_a_workbook_of_another_default_font() {
        assert_eq!(digit_px("Calibri", 11.0), 7.0);
        assert_eq!(digit_px("Arial", 10.0), 7.0);
        assert!((digit_px("Times New Roman", 13.0) - 8.667).abs() < 0.01);
        let styles = StyleBook::read(
            br#"<styleSheet><fonts count="1"><font><sz val="13"/><name val="Times New Roman"/></font></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="1"><xf/></cellXfs></styleSheet>"#,
        )
        .unwrap();
        let list = ListSheet {
            name: "Lỗi".into(),
            header: vec!["a".into()],
            rows: vec![(Severity::Error, vec!["x".into()])],
            widths: vec![62.0],
            heights: vec![None, Some(30.0)],
            page_header: "&C&\"Times New Roman,Bold\"&10UBND — Phường 1".into(),
            page_footer: "&C&P".into(),
        };
        let xml = String::from_utf8(list_sheet_xml(&list, &styles)).unwrap();
        // 62 digits of 7 pixels are 50,08 of 8,67.
        assert!(xml.contains(r#"width="50.08""#), "{xml}");
        assert!(
            xml.contains(r#"<row r="1">"#)
                && xml.contains(r#"<row r="2" ht="30" customHeight="1">"#)
        );
        assert!(xml.contains("<oddHeader>&amp;C&amp;&quot;Times New Roman,Bold&quot;&amp;10UBND — Phường 1</oddHeader><oddFooter>&amp;C&amp;P</oddFooter>"), "{xml}");
    }

    #[test]
    fn print_titles_quote_the_sheet_name() {
        let t = PrintTitles {
            rows: Some((6, 7)),
            cols: Some((0, 2)),
        };
        assert_eq!(
            print_titles_ref("Biểu 1", t).as_deref(),
            Some("'Biểu 1'!$A:$C,'Biểu 1'!$7:$8")
        );
        assert_eq!(
            print_titles_ref(
                "O'Brien",
                PrintTitles {
                    rows: Some((0, 0)),
                    cols: None
                }
            )
            .as_deref(),
            Some("'O''Brien'!$1:$1")
        );
        assert_eq!(print_titles_ref("x", PrintTitles::default()), None);
    }

    #[test]
    fn a_missing_marked_cell_is_added_in_order() {
        let sheet = br#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2" spans="1:3"><c r="A2" s="1"><v>1</v></c><c r="C2"><v>3</v></c></row><row r="5"><c r="B5"/></row></sheetData><pageMargins left="1" right="1" top="1" bottom="1" header="0" footer="0"/></worksheet>"#;
        let styles = br#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="2"><fill/><fill/></fills><borders count="1"><border/></borders><cellXfs count="2"><xf fontId="0"/><xf numFmtId="3" fontId="0"><alignment horizontal="right"/></xf></cellXfs></styleSheet>"#;
        let mut book = StyleBook::read(styles).unwrap();
        let m = |row, col| Mark {
            row,
            col,
            severity: Severity::Error,
            note: "x".into(),
        };
        let (a, b, c) = (m(1, 1), m(1, 0), m(3, 4));
        let marks: BTreeMap<(u32, u32), &Mark> = [((1, 1), &a), ((1, 0), &b), ((3, 4), &c)]
            .into_iter()
            .collect();
        let facts = sheet_facts(sheet).unwrap();
        let out = rewrite_sheet(
            sheet,
            &marks,
            &mut book,
            &facts,
            Some("&C&P"),
            Some("rIdX".into()),
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains(r#"<row r="2"><c r="A2" s="6"><v>1</v></c><c r="B2" s="7"/><c r="C2"><v>3</v></c></row><row r="4"><c r="E4" s="7"/></row><row r="5">"#), "{out}");
        assert!(out.starts_with(r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetData>"#), "{out}");
        assert!(out.contains(r#"<pageMargins left="1" right="1" top="1" bottom="1" header="0" footer="0"/><pageSetup paperSize="9" fitToWidth="1" fitToHeight="0" firstPageNumber="1" orientation="portrait" useFirstPageNumber="1"/><headerFooter><oddFooter>&amp;C&amp;P</oddFooter></headerFooter>"#), "{out}");
        assert!(out.ends_with(r#"r:id="rIdX"/></worksheet>"#), "{out}");
        let styles = String::from_utf8(book.write().unwrap()).unwrap();
        assert!(styles.contains(r#"<cellXfs count="8">"#), "{styles}");
        // Filled and bordered: the border is the sign that prints in
        // black and white (the error's, medium, the second added).
        assert!(styles.contains(r#"<xf numFmtId="3" fontId="0" fillId="2" applyFill="1" borderId="2" applyBorder="1"><alignment horizontal="right"/></xf>"#), "{styles}");
        assert!(styles.contains(r#"<fills count="6">"#), "{styles}");
        assert!(styles.contains(r#"<borders count="5">"#), "{styles}");
        let borders: Vec<&str> = styles.split("<border>").skip(1).collect();
        for (b, style) in borders
            .iter()
            .zip(["thin", "medium", "mediumDashed", "dotted"])
        {
            assert!(b.starts_with(&format!(r#"<left style="{style}">"#)), "{b}");
        }
    }

    /// LibreOffice writes a portrait, 100 % page setup in every sheet it
    /// saves: no setup of the unit's, so the feedback fits the sheet to
    /// the page width. Landscape, another scale or fit to pages is the
    /// unit's own, kept.
    #[test]
    fn libreoffices_default_page_setup_is_no_setup_of_the_units() {
        let sheet = |pr: &str, setup: &str| {
            format!(
                r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{pr}<sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>{setup}</worksheet>"#
            )
        };
        let libre_pr = r#"<sheetPr filterMode="false"><pageSetUpPr fitToPage="false"/></sheetPr>"#;
        let libre = r#"<pageSetup paperSize="9" scale="100" fitToWidth="1" fitToHeight="1" pageOrder="downThenOver" orientation="portrait" blackAndWhite="false" draft="false" cellComments="none" horizontalDpi="300" verticalDpi="300" copies="1"/>"#;
        let facts = |pr: &str, setup: &str| {
            let f = sheet_facts(sheet(pr, setup).as_bytes()).unwrap();
            (f.own_setup, f.fits)
        };
        assert_eq!(facts(libre_pr, libre), (false, false));
        assert_eq!(facts("", r#"<pageSetup paperSize="1"/>"#), (false, false));
        let landscape = libre.replace("portrait", "landscape");
        assert_eq!(facts(libre_pr, &landscape), (true, false));
        let scaled = libre.replace(r#"scale="100""#, r#"scale="75""#);
        assert_eq!(facts(libre_pr, &scaled), (true, false));
        let fitted = libre_pr.replace("false\"/>", "true\"/>");
        assert_eq!(facts(&fitted, libre), (true, true));
        // Fitted, LibreOffice's setup gives way to the tool's.
        let xml = sheet(libre_pr, libre);
        let f = sheet_facts(xml.as_bytes()).unwrap();
        let styles = br#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="2"><fill/><fill/></fills><borders count="1"><border/></borders><cellXfs count="1"><xf fontId="0"/></cellXfs></styleSheet>"#;
        let mut book = StyleBook::read(styles).unwrap();
        let out = rewrite_sheet(
            xml.as_bytes(),
            &BTreeMap::new(),
            &mut book,
            &f,
            Some("&C&P"),
            None,
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{out}");
        assert!(out.contains(r#"<pageSetup paperSize="9" fitToWidth="1" fitToHeight="0" firstPageNumber="1" orientation="portrait" useFirstPageNumber="1"/>"#), "{out}");
        assert!(!out.contains(r#"scale="100""#), "{out}");
    }

    #[test]
    fn garbage_is_a_reason_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.xlsx");
        std::fs::write(&p, b"PK\x03\x04 not really a zip").unwrap();
        let list = ListSheet {
            name: "Lỗi".into(),
            header: vec!["a".into()],
            rows: Vec::new(),
            widths: vec![10.0],
            heights: Vec::new(),
            page_header: String::new(),
            page_footer: "&C&P".into(),
        };
        assert!(annotate(&p, &[], &list, 1_000_000).is_err());
    }
}

#[cfg(test)]
mod cost {
    use super::*;
    use calamine::{open_workbook_auto, Reader};

    /// Annotates every `.xlsx` of the samples, the practice batch and the
    /// real-world corpus (a mark on B2 of every sheet): how many copies are
    /// made, how long each takes, and whether every value of every sheet
    /// reads back the same (`cargo test --lib annotate::cost -- --ignored
    /// --nocapture`).
    #[test]
    #[ignore = "measurement; needs ../shared"]
    fn annotating_the_corpora() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut stack = vec![
            root.join("samples/2020-Q1"),
            root.join("../shared/practice/batch-2020-Q3"),
            root.join("../shared/corpus/real-world"),
        ];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("xlsx"))
                {
                    files.push(p);
                }
            }
        }
        files.sort();
        let list = ListSheet {
            name: "Lỗi".into(),
            header: vec!["a".into(), "b".into()],
            rows: vec![(Severity::Error, vec!["x".into(), "y".into()])],
            widths: vec![10.0, 20.0],
            heights: Vec::new(),
            page_header: String::new(),
            page_footer: "&C&P".into(),
        };
        let (mut ok, mut refused, mut differ) = (0, 0, 0);
        let mut total = std::time::Duration::ZERO;
        for p in &files {
            let names = open_workbook_auto(p)
                .map(|wb| wb.sheet_names())
                .unwrap_or_default();
            let plans: Vec<SheetPlan> = names
                .iter()
                .map(|n| SheetPlan {
                    name: n.clone(),
                    marks: vec![Mark {
                        row: 1,
                        col: 1,
                        severity: Severity::Warning,
                        note: "note".into(),
                    }],
                    titles: PrintTitles {
                        rows: Some((0, 0)),
                        cols: Some((0, 0)),
                    },
                })
                .collect();
            let t = std::time::Instant::now();
            let result = annotate(p, &plans, &list, 200_000_000);
            total += t.elapsed();
            if t.elapsed().as_millis() > 100 {
                println!("slow ({:?}): {}", t.elapsed(), p.display());
            }
            match result {
                Ok(bytes) => {
                    ok += 1;
                    let copy = std::env::temp_dir().join("tonghop-annotate-cost.xlsx");
                    std::fs::write(&copy, bytes).unwrap();
                    let same = (|| {
                        let mut a = open_workbook_auto(p).ok()?;
                        let mut b = open_workbook_auto(&copy).ok()?;
                        let mut b_names = b.sheet_names();
                        if b_names.first().map(String::as_str) != Some("Lỗi") {
                            return Some(false);
                        }
                        b_names.remove(0);
                        if b_names != a.sheet_names() {
                            return Some(false);
                        }
                        for n in &names {
                            let (x, y) = (a.worksheet_range(n).ok()?, b.worksheet_range(n).ok()?);
                            let cells = |r: &calamine::Range<calamine::Data>| {
                                r.used_cells()
                                    .filter(|(_, _, v)| !matches!(v, calamine::Data::Empty))
                                    .map(|(i, j, v)| {
                                        let (r0, c0) = r.start().unwrap_or((0, 0));
                                        (r0 as usize + i, c0 as usize + j, v.to_string())
                                    })
                                    .collect::<Vec<_>>()
                            };
                            if cells(&x) != cells(&y) {
                                return Some(false);
                            }
                        }
                        Some(true)
                    })();
                    if same != Some(true) {
                        differ += 1;
                        println!("differs ({same:?}): {}", p.display());
                    }
                }
                Err(e) => {
                    refused += 1;
                    println!("refused: {}: {e}", p.display());
                }
            }
        }
        println!(
            "{} files: {ok} annotated ({differ} read back differently), {refused} refused; {:?} per file",
            files.len(),
            total / files.len().max(1) as u32
        );
    }
}
