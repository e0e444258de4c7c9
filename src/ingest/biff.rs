//! A pre-scan of the `Workbook` stream of an `.xls` (BIFF5/BIFF8 records)
//! before calamine parses it.
//!
//! calamine's `.xls` reader builds every sheet when the file is opened: it
//! reserves room for as many cells as a sheet's DIMENSIONS record claims,
//! then allocates a dense grid over the bounding box of the cells it found.
//! A 41 KB file (`poi/spreadsheet/51535.xls`) thus becomes 16.7 million
//! cells (about 1 GB), and a dimension record with its last row before its
//! first asks for terabytes. This scan walks the same records calamine
//! walks, with the same rules (nested chart substreams skipped, the same
//! cell records counted), and refuses the file when a sheet would exceed
//! `limits.max_cells`. It also recognises a FILEPASS record: calamine
//! reports XOR-obfuscated files as an unknown code page, but they are
//! password-protected workbooks.
//!
//! Cost: one pass over the records, no allocation per record; well under a
//! millisecond for the files of the corpus.

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const ROW: u16 = 0x0208;
const COLINFO: u16 = 0x007D;
const MULRK: u16 = 0x00BD;
/// Records calamine turns into one cell each (row and column in their
/// first four bytes): NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST,
/// FORMULA.
const CELL_RECORDS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

/// What the scan learnt about a workbook it did not refuse.
#[derive(Debug, Default)]
pub struct BiffFacts {
    /// BIFF5 (Excel 5.0/95) rather than BIFF8 (97-2003).
    pub biff5: bool,
    /// The CODEPAGE record, when present.
    pub codepage: Option<u16>,
    /// Sheets found.
    pub sheets: usize,
    /// The fonts and number formats, and each cell's format.
    pub styles: XlsStyles,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Record type and data, from `at`; `None` at the end or on a cut record
/// (calamine then reports the cut itself).
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        let typ = u16_at(rest, 0)?;
        let len = u16_at(rest, 2)? as usize;
        let data = rest.get(4..4 + len)?;
        rest = rest.get(4 + len..).unwrap_or_default();
        Some((typ, data))
    })
}

/// The reason given for a password-protected `.xls`.
pub const ENCRYPTED: &str =
    "the workbook is protected by a password (encrypted); the password must be removed first (File › Info › Protect Workbook)";

/// Scans the workbook stream.
///
/// # Errors
/// A plain reason when the workbook is encrypted or a sheet would exceed
/// `max_cells`.
pub fn precheck(stream: &[u8], max_cells: u64) -> Result<BiffFacts, String> {
    let mut facts = BiffFacts::default();
    let mut sheets: Vec<(usize, String)> = Vec::new();
    let mut fonts: Vec<String> = Vec::new();
    let mut custom: std::collections::HashMap<u32, String> = std::collections::HashMap::new();
    let mut xfs: Vec<(Option<usize>, u32)> = Vec::new();
    for (i, (typ, data)) in records(stream).enumerate() {
        let biff5 = facts.biff5;
        match typ {
            BOF if i == 0 => facts.biff5 = u16_at(data, 0) == Some(0x0500),
            FILEPASS => {
                let how = if facts.biff5 || u16_at(data, 0) == Some(0) {
                    " with the old XOR obfuscation"
                } else {
                    ""
                };
                return Err(format!(
                    "the workbook is protected by a password (encrypted{how}); the password must be removed first (File › Info › Protect Workbook)"
                ));
            }
            0x0042 => facts.codepage = u16_at(data, 0),
            BOUNDSHEET => {
                if let Some(pos) = u32_at(data, 0) {
                    sheets.push((pos as usize, sheet_name(data, biff5)));
                }
            }
            // Damaged style records are passed over: a cell whose format is
            // unknown reads as General.
            FONT => fonts.push(biff_string(data, 14, true, biff5).unwrap_or_default()),
            FORMAT => {
                if let (Some(id), Some(code)) =
                    (u16_at(data, 0), biff_string(data, 2, biff5, biff5))
                {
                    custom.insert(id as u32, code);
                }
            }
            XF => {
                if let (Some(font), Some(fmt)) = (u16_at(data, 0), u16_at(data, 2)) {
                    // Font index 4 is never written: 5 is the fifth record.
                    let font = match font {
                        4 => None,
                        f if f > 4 => Some(f as usize - 1),
                        f => Some(f as usize),
                    };
                    xfs.push((font, fmt as u32));
                }
            }
            EOF => break,
            _ => {}
        }
    }
    facts.sheets = sheets.len();
    // Which cell formats are not General, by XF index.
    let formatted: Vec<bool> = xfs.iter().map(|&(_, fmt)| fmt != 0).collect();
    for (pos, name) in sheets {
        let sheet = match stream.get(pos..) {
            Some(sub) => check_sheet(sub, &name, max_cells, &formatted, facts.biff5)?,
            None => Default::default(),
        };
        facts.styles.sheets.push(sheet.styled);
        facts.styles.hidden.push(sheet.hidden);
        facts.styles.zero_formulas.push(sheet.zero_formulas);
        facts.styles.shared_zeros.push(sheet.shared_zeros);
    }
    facts.styles.table = std::sync::Arc::new(crate::ingest::styles::StyleTable::numbered(
        fonts, xfs, &custom,
    ));
    Ok(facts)
}

/// The sheet name of a BOUNDSHEET record, for messages only.
fn sheet_name(data: &[u8], biff5: bool) -> String {
    biff_string(data, 6, true, biff5).unwrap_or_default()
}

const FONT: u16 = 0x0031;
const FORMAT: u16 = 0x041E;
const XF: u16 = 0x00E0;
const MULBLANK: u16 = 0x00BE;
const BLANK: u16 = 0x0201;
const SHRFMLA: u16 = 0x04BC;

/// The fonts and number formats of an `.xls`, which calamine reads only to
/// tell dates: the style table and, by sheet (in BOUNDSHEET order, as
/// calamine lists them), each cell's format index (its XF record), so that
/// a percent cell (0,95 shown as 95%) and the decimals a format shows are
/// read as in an `.xlsx`.
#[derive(Debug, Default)]
pub struct XlsStyles {
    /// The style table: fonts, and formats by XF index.
    pub table: std::sync::Arc<crate::ingest::styles::StyleTable>,
    /// Per sheet: (row, column, XF index), sorted by position.
    pub sheets: Vec<Vec<crate::ingest::styles::StyledCell>>,
    /// Per sheet: the rows and columns it hides (ROW records with
    /// fDyZero, COLINFO records with fHidden), which calamine does not
    /// give.
    pub hidden: Vec<crate::ingest::sheet::Hidden>,
    /// Per sheet: the formula cells of a number format other than General
    /// whose cached result is the number 0, sorted by position.
    /// LibreOffice writes the result of such a cell by its format, not by
    /// what the formula gave: a text result, the empty text of
    /// `=IF(…;"";…)` included, is stored as the number 0 (a General cell's
    /// is stored as the text or empty text it is). Their 0 is therefore
    /// not trusted: the formula is evaluated, and the 0 kept only when it
    /// cannot be.
    pub zero_formulas: Vec<Vec<(u32, u32)>>,
    /// Per sheet: the cells of a shared formula (one typed down a column
    /// and saved by LibreOffice or Excel as a SHRFMLA record, which
    /// calamine does not read: it gives such a cell no formula) whose
    /// cached result is a 0 under a number format, sorted by position.
    /// Their 0 may stand for an empty text too, and the formula cannot be
    /// evaluated: see [`SharedZero`].
    pub shared_zeros: Vec<Vec<SharedZero>>,
}

/// A shared formula's cell with a cached 0 (see
/// [`XlsStyles::shared_zeros`]), and the cells its formula reads.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedZero {
    /// The cell (row, column), 0-based.
    pub at: (u32, u32),
    /// The blocks of cells of its own sheet the formula reads (first row,
    /// last row, first column, last column, inclusive), or `None` when
    /// it reads something else (another sheet, a name) or its tokens
    /// cannot be followed: its 0 then stands.
    pub reads: Option<Vec<(u32, u32, u32, u32)>>,
}

/// A BIFF string at `at`: BIFF8 a 16-bit (or 8-bit, `short`) length, a
/// flags byte and Latin-1 or UTF-16 characters; BIFF5 an 8-bit (or
/// 16-bit) length and bytes, read as Latin-1 (font and format names are
/// ASCII in practice).
fn biff_string(data: &[u8], at: usize, short: bool, biff5: bool) -> Option<String> {
    let (cch, at) = if short {
        (*data.get(at)? as usize, at + 1)
    } else {
        (u16_at(data, at)? as usize, at + 2)
    };
    if biff5 {
        let bytes = data.get(at..(at + cch).min(data.len()))?;
        return Some(bytes.iter().map(|&b| b as char).collect());
    }
    let wide = data.get(at)? & 1 == 1;
    let at = at + 1;
    Some(if wide {
        let end = (at + 2 * cch).min(data.len());
        let units: Vec<u16> = data
            .get(at..end)?
            .chunks_exact(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        let bytes = data.get(at..(at + cch).min(data.len()))?;
        bytes.iter().map(|&b| b as char).collect()
    })
}

/// The records of one sheet substream, from its BOF to its EOF, as
/// calamine walks them: the substreams nested in it (charts) left out.
fn sheet_records(sub: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut seen_bof = false;
    let mut depth = 0usize;
    records(sub)
        .filter(move |&(typ, _)| {
            if depth > 0 {
                match typ {
                    BOF => depth += 1,
                    EOF => depth -= 1,
                    _ => {}
                }
                return false;
            }
            if typ == BOF {
                if seen_bof {
                    depth += 1;
                    return false;
                }
                seen_bof = true;
            }
            true
        })
        .take_while(|&(typ, _)| typ != EOF)
}

/// A bounding box of cell positions.
#[derive(Default)]
struct Bounds(Option<(u32, u32, u32, u32)>);

impl Bounds {
    fn add(&mut self, row: u32, col: u32) {
        self.0 = Some(match self.0 {
            None => (row, row, col, col),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
        });
    }
    fn cells(&self) -> u64 {
        self.0.map_or(0, |(r0, r1, c0, c1)| {
            (r1 - r0 + 1) as u64 * (c1 - c0 + 1) as u64
        })
    }
    fn describe(&self) -> String {
        match self.0 {
            Some((r0, r1, c0, c1)) => format!("{} rows × {} columns", r1 - r0 + 1, c1 - c0 + 1),
            None => String::new(),
        }
    }
}

/// What [`check_sheet`] learnt about one sheet.
#[derive(Default)]
struct SheetFacts {
    /// Each cell's XF index (0 left out), sorted by position.
    styled: Vec<crate::ingest::styles::StyledCell>,
    hidden: crate::ingest::sheet::Hidden,
    /// See [`XlsStyles::zero_formulas`].
    zero_formulas: Vec<(u32, u32)>,
    /// See [`XlsStyles::shared_zeros`].
    shared_zeros: Vec<SharedZero>,
}

/// Walks one sheet substream as calamine does: refuses a sheet that would
/// exceed `max_cells`, and gives the XF index of each cell (0 left out),
/// sorted by position, the last record of a cell winning as in calamine;
/// `formatted` says which XF indices have a number format other than
/// General.
fn check_sheet(
    sub: &[u8],
    name: &str,
    max_cells: u64,
    formatted: &[bool],
    biff5: bool,
) -> Result<SheetFacts, String> {
    let too_big = |what: String, cells: u64| {
        format!(
            "sheet '{name}' {what} ({cells} cells), more than the limit of {max_cells} cells per sheet (limits.max_cells in the template); a submission is never that large, the file is probably damaged or not a submission"
        )
    };
    let mut cells = Bounds::default();
    let mut formulas = Bounds::default();
    let mut styled = Vec::new();
    let mut hidden = crate::ingest::sheet::Hidden::default();
    let mut zero_formulas = Vec::new();
    // Cells whose formula is a PtgExp (a pointer to a shared or array
    // formula) with a cached 0, and the SHRFMLA records: (first row, last
    // row, first column, last column, tokens).
    let mut exp_zeros: Vec<(u32, u32)> = Vec::new();
    let mut shared: Vec<(u32, u32, u32, u32, &[u8])> = Vec::new();
    let room = |h: &crate::ingest::sheet::Hidden| {
        h.rows.len() + h.cols.len() < crate::ingest::sheet::MAX_HIDDEN_RANGES
    };
    for (typ, data) in sheet_records(sub) {
        match typ {
            // ROW: its grbit's fDyZero (0x20) hides it.
            ROW => {
                if let (Some(row), Some(flags)) = (u16_at(data, 0), u16_at(data, 12)) {
                    if flags & 0x20 != 0 && room(&hidden) {
                        hidden.rows.push((row as u32, row as u32));
                    }
                }
            }
            // COLINFO: first and last column; its options' fHidden (1).
            COLINFO => {
                if let (Some(first), Some(last), Some(flags)) =
                    (u16_at(data, 0), u16_at(data, 2), u16_at(data, 8))
                {
                    if flags & 1 != 0 && room(&hidden) {
                        hidden.cols.push((first as u32, last.max(first) as u32));
                    }
                }
            }
            // SHRFMLA: the cells sharing it (rows as u16, columns as u8),
            // two bytes, cce and the tokens.
            SHRFMLA if !biff5 => {
                if let (Some(r0), Some(r1), Some(&c0), Some(&c1), Some(cce)) = (
                    u16_at(data, 0),
                    u16_at(data, 2),
                    data.get(4),
                    data.get(5),
                    u16_at(data, 8),
                ) {
                    if let Some(tokens) = data.get(10..10 + cce as usize) {
                        shared.push((r0 as u32, r1 as u32, c0 as u32, c1 as u32, tokens));
                    }
                }
            }
            DIMENSIONS => {
                let claimed = claimed_cells(data);
                if claimed > max_cells {
                    return Err(too_big("claims a size".to_string(), claimed));
                }
            }
            MULRK | MULBLANK => {
                let (Some(row), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) else {
                    continue;
                };
                if typ == MULRK {
                    if let Some(last) = data.len().checked_sub(2).and_then(|at| u16_at(data, at)) {
                        cells.add(row as u32, first as u32);
                        cells.add(row as u32, last.max(first) as u32);
                    }
                }
                let step = if typ == MULRK { 6 } else { 2 };
                let body = data
                    .get(4..data.len().saturating_sub(2))
                    .unwrap_or_default();
                for (k, cell) in body.chunks_exact(step).enumerate() {
                    if let Some(xf @ 1..) = u16_at(cell, 0) {
                        styled.push((row as u32, first as u32 + k as u32, xf as u32));
                    }
                }
            }
            t if CELL_RECORDS.contains(&t) || t == BLANK => {
                let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) else {
                    continue;
                };
                if t != BLANK {
                    cells.add(row as u32, col as u32);
                    if t == 0x0006 {
                        formulas.add(row as u32, col as u32);
                        // FORMULA: its cached result in bytes 6..14, here
                        // the number 0 (a text, boolean, error or empty
                        // text would end in 0xFFFF), under a cell format
                        // that is not General.
                        let xf = u16_at(data, 4).unwrap_or(0) as usize;
                        if data.get(6..14) == Some(&[0u8; 8][..])
                            && formatted.get(xf).copied().unwrap_or(false)
                        {
                            // Its tokens (after cce at 20) are one PtgExp.
                            if data.get(22) == Some(&0x01) && u16_at(data, 20) == Some(5) {
                                exp_zeros.push((row as u32, col as u32));
                            } else {
                                zero_formulas.push((row as u32, col as u32));
                            }
                        }
                    }
                }
                if let Some(xf @ 1..) = u16_at(data, 4) {
                    styled.push((row as u32, col as u32, xf as u32));
                }
            }
            _ => {}
        }
    }
    for b in [&cells, &formulas] {
        if b.cells() > max_cells {
            return Err(too_big(format!("spans {}", b.describe()), b.cells()));
        }
    }
    styled.sort_by_key(|&(r, c, _)| (r, c));
    // The last record of a position is the one that stands.
    styled.reverse();
    styled.dedup_by_key(|&mut (r, c, _)| (r, c));
    styled.reverse();
    zero_formulas.sort_unstable();
    zero_formulas.dedup();
    exp_zeros.sort_unstable();
    exp_zeros.dedup();
    // An array formula's cells have no SHRFMLA: nothing they read is known.
    let shared_zeros = exp_zeros
        .into_iter()
        .map(|at| SharedZero {
            at,
            reads: shared
                .iter()
                .rev()
                .find(|&&(r0, r1, c0, c1, _)| {
                    (r0..=r1).contains(&at.0) && (c0..=c1).contains(&at.1)
                })
                .and_then(|&(.., tokens)| cells_read(tokens, at)),
        })
        .collect();
    Ok(SheetFacts {
        styled,
        hidden,
        zero_formulas,
        shared_zeros,
    })
}

/// The blocks of cells (first row, last row, first column, last column)
/// that the tokens of a BIFF8 shared formula read when it stands in the
/// cell `at`: its PtgRefN and PtgAreaN are relative to the cell (a row
/// offset of 16 bits, a column offset of 8, each relative or absolute by
/// its flag). `None` when a token reaches beyond the sheet (another
/// sheet, a name, a table) or is not known: what the formula gives is
/// then unknown.
fn cells_read(mut tokens: &[u8], at: (u32, u32)) -> Option<Vec<(u32, u32, u32, u32)>> {
    // A row (16 bits) and a column field (14 bits, then the column's and
    // the row's relative flags); relative parts are signed offsets from
    // `at`. PtgRef and PtgArea (absolute positions) in a shared formula
    // have the same fields without offsets.
    let place = |row: u16, field: u16, offsets: bool| -> Option<(u32, u32)> {
        let (row_rel, col_rel) = (field & 0x8000 != 0, field & 0x4000 != 0);
        let r = if offsets && row_rel {
            at.0 as i64 + row as i16 as i64
        } else {
            row as i64
        };
        let c = if offsets && col_rel {
            at.1 as i64 + (field & 0xFF) as u8 as i8 as i64
        } else {
            (field & 0x3FFF) as i64
        };
        Some((u32::try_from(r).ok()?, u32::try_from(c).ok()?))
    };
    let mut reads = Vec::new();
    // A function newer than the format (`IFERROR`) is called as a name
    // (PtgName or PtgNameX `_xlfn.IFERROR`) closed by a PtgFuncVar of the
    // user-defined function 255: such names read nothing.
    let (mut names, mut user_calls) = (0usize, 0usize);
    while let Some((&ptg, rest)) = tokens.split_first() {
        let base = if ptg >= 0x20 {
            (ptg & 0x1F) | 0x20
        } else {
            ptg
        };
        let size = match base {
            0x03..=0x16 => 0,
            // PtgStr: cch, flags (bit 0: UTF-16), characters.
            0x17 => {
                let (&cch, &flags) = (rest.first()?, rest.get(1)?);
                2 + cch as usize * if flags & 1 == 1 { 2 } else { 1 }
            }
            // PtgAttr: a Choose carries its jump table.
            0x19 => {
                let (&kind, w) = (rest.first()?, u16_at(rest, 1)?);
                3 + if kind & 0x04 != 0 {
                    (w as usize + 1) * 2
                } else {
                    0
                }
            }
            0x1C | 0x1D => 1,
            0x1E => 2,
            0x1F => 8,
            0x21 => 2,
            0x22 => {
                if u16_at(rest, 1)? & 0x7FFF == 0xFF {
                    user_calls += 1;
                }
                3
            }
            0x23 => {
                names += 1;
                4
            }
            0x39 => {
                names += 1;
                6
            }
            0x24 | 0x2C => {
                let p = place(u16_at(rest, 0)?, u16_at(rest, 2)?, base == 0x2C)?;
                reads.push((p.0, p.0, p.1, p.1));
                4
            }
            0x25 | 0x2D => {
                let n = base == 0x2D;
                let a = place(u16_at(rest, 0)?, u16_at(rest, 4)?, n)?;
                let b = place(u16_at(rest, 2)?, u16_at(rest, 6)?, n)?;
                reads.push((a.0.min(b.0), a.0.max(b.0), a.1.min(b.1), a.1.max(b.1)));
                8
            }
            // #REF! within the sheet: nothing read.
            0x2A => 4,
            0x2B => 8,
            // Arrays, names, other sheets, memory areas, anything else.
            _ => return None,
        };
        tokens = rest.get(size..)?;
    }
    (names <= user_calls).then_some(reads)
}

/// The cells calamine reserves for a DIMENSIONS record: (last row − first
/// row + 1) × (last column − first column + 1), with calamine's own
/// reading of odd records. A last row before the first is an absurd claim
/// (calamine's arithmetic would wrap around), counted as `u64::MAX`.
fn claimed_cells(r: &[u8]) -> u64 {
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (
            u16_at(r, 0).unwrap_or(0) as u64,
            u16_at(r, 2).unwrap_or(0) as u64,
            u16_at(r, 4).unwrap_or(0) as u64,
            u16_at(r, 6).unwrap_or(0) as u64,
        ),
        14 | 16 => (
            u32_at(r, 0).unwrap_or(0) as u64,
            u32_at(r, 4).unwrap_or(0) as u64,
            u16_at(r, 8).unwrap_or(0) as u64,
            u16_at(r, 10).unwrap_or(0) as u64,
        ),
        _ => return 0,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    if rl < 1 || cl < 1 {
        return 1;
    }
    let (re, ce) = (rl - 1, cl - 1);
    if re < rf || ce < cf {
        return u64::MAX;
    }
    (re - rf + 1).saturating_mul(ce - cf + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut v = typ.to_le_bytes().to_vec();
        v.extend((data.len() as u16).to_le_bytes());
        v.extend_from_slice(data);
        v
    }

    /// Globals (BOF, optional extra records, BOUNDSHEET, EOF) then one
    /// sheet substream with the given records.
    fn workbook(globals: &[Vec<u8>], sheet: &[Vec<u8>]) -> Vec<u8> {
        let bof = rec(BOF, &[0x00, 0x06, 0x05, 0x00]);
        let mut g: Vec<u8> = bof.clone();
        for r in globals {
            g.extend(r);
        }
        // BOUNDSHEET: position filled in below, name "S" (8-bit).
        let bs_len = 4 + 9;
        let eof_len = 4;
        let pos = (g.len() + bs_len + eof_len) as u32;
        let mut bs = pos.to_le_bytes().to_vec();
        bs.extend([0, 0, 1, 0, b'S']);
        g.extend(rec(BOUNDSHEET, &bs));
        g.extend(rec(EOF, &[]));
        g.extend(rec(BOF, &[0x00, 0x06, 0x10, 0x00]));
        for r in sheet {
            g.extend(r);
        }
        g.extend(rec(EOF, &[]));
        g
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0u8; 10]);
        rec(0x0203, &d)
    }

    #[test]
    fn a_small_sheet_passes() {
        let wb = workbook(&[], &[number(0, 0), number(20, 5)]);
        let facts = precheck(&wb, 1000).unwrap();
        assert_eq!(facts.sheets, 1);
        assert!(!facts.biff5);
    }

    #[test]
    fn cells_far_apart_are_refused() {
        // A1 and IV65536: 16.7 million cells, as in poi's 51535.xls.
        let wb = workbook(&[], &[number(0, 0), number(65535, 255)]);
        let err = precheck(&wb, 2_000_000).unwrap_err();
        assert!(err.contains("65536 rows × 256 columns"), "{err}");
        assert!(precheck(&wb, 20_000_000).is_ok());
    }

    #[test]
    fn a_huge_dimension_claim_is_refused() {
        let mut d = 0u32.to_le_bytes().to_vec();
        d.extend(1_048_576u32.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        d.extend(256u16.to_le_bytes());
        d.extend([0, 0]);
        let wb = workbook(&[], &[rec(DIMENSIONS, &d), number(0, 0)]);
        assert!(precheck(&wb, 2_000_000)
            .unwrap_err()
            .contains("claims a size"));
    }

    #[test]
    fn a_backwards_dimension_is_refused() {
        let mut d = 10u32.to_le_bytes().to_vec();
        d.extend(2u32.to_le_bytes());
        d.extend([0, 0, 3, 0, 0, 0]);
        assert_eq!(claimed_cells(&d), u64::MAX);
    }

    #[test]
    fn a_filepass_record_means_encrypted() {
        let wb = workbook(&[rec(FILEPASS, &[0, 0, 1, 2, 3, 4])], &[number(0, 0)]);
        let err = precheck(&wb, 1000).unwrap_err();
        assert!(err.contains("password") && err.contains("XOR"), "{err}");
    }

    #[test]
    fn chart_substreams_are_not_counted() {
        let chart = [
            rec(BOF, &[0, 6, 0x20, 0]),
            number(60000, 200),
            rec(EOF, &[]),
        ];
        let mut sheet = vec![number(0, 0)];
        sheet.extend(chart);
        let wb = workbook(&[], &sheet);
        assert!(precheck(&wb, 100).is_ok());
    }

    fn font(name: &str) -> Vec<u8> {
        let mut d = vec![0u8; 14];
        d.push(name.len() as u8);
        d.push(0);
        d.extend(name.bytes());
        rec(FONT, &d)
    }

    fn xf(font: u16, fmt: u16) -> Vec<u8> {
        let mut d = font.to_le_bytes().to_vec();
        d.extend(fmt.to_le_bytes());
        d.extend([0u8; 16]);
        rec(XF, &d)
    }

    fn styled_number(row: u16, col: u16, xf: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend(xf.to_le_bytes());
        d.extend([0u8; 8]);
        rec(0x0203, &d)
    }

    #[test]
    fn fonts_formats_and_cell_formats_are_read() {
        let mut format = 166u16.to_le_bytes().to_vec();
        format.extend(5u16.to_le_bytes());
        format.push(0);
        format.extend(b"0.00%");
        let globals = [
            font("Arial"),
            font("Arial"),
            font("Arial"),
            font("Arial"),
            // Font index 4 is skipped: this record is font 5.
            font(".VnTime"),
            rec(FORMAT, &format),
            xf(0, 0),
            xf(5, 3),
            xf(0, 166),
        ];
        // MULRK: row 2, columns 0 and 1 with XF 2 and 0.
        let mut mulrk = 2u16.to_le_bytes().to_vec();
        mulrk.extend(0u16.to_le_bytes());
        for x in [2u16, 0] {
            mulrk.extend(x.to_le_bytes());
            mulrk.extend([0u8; 4]);
        }
        mulrk.extend(1u16.to_le_bytes());
        let chart = [
            rec(BOF, &[0, 6, 0x20, 0]),
            styled_number(9, 9, 2),
            rec(EOF, &[]),
        ];
        let mut sheet = vec![
            styled_number(1, 1, 2),
            rec(MULRK, &mulrk),
            styled_number(3, 0, 1),
        ];
        sheet.extend(chart);
        let wb = workbook(&globals, &sheet);
        let st = precheck(&wb, 1_000_000).unwrap().styles;
        assert_eq!(st.sheets, vec![vec![(1, 1, 2), (2, 0, 2), (3, 0, 1)]]);
        assert!(st.table.names_legacy_font());
        let cells = crate::ingest::styles::SheetStyles::new(
            std::sync::Arc::clone(&st.table),
            st.sheets[0].clone(),
        );
        assert!(cells.is_percent(1, 1) && cells.is_percent(2, 0));
        assert_eq!(cells.decimals(1, 1), Some(2));
        assert!(!cells.is_percent(2, 1) && !cells.is_percent(3, 0));
        // Built-in format 3 is #,##0.
        assert_eq!(cells.decimals(3, 0), Some(0));
        assert_eq!(cells.font(3, 0), Some(".VnTime"));
        assert_eq!(cells.font(1, 1), Some("Arial"));
    }

    fn formula(row: u16, col: u16, xf: u16, result: [u8; 8]) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend(xf.to_le_bytes());
        d.extend(result);
        // grbit, chn, cce 0: no formula tokens.
        d.extend([0u8; 8]);
        rec(0x0006, &d)
    }

    #[test]
    fn formulas_stored_as_zero_under_a_number_format_are_noted() {
        // XF 0 General, XF 1 `#,##0.00` (built-in 4).
        let globals = [xf(0, 0), xf(0, 4)];
        let empty_text = [3, 0, 0, 0, 0, 0, 0xFF, 0xFF];
        let sheet = [
            formula(7, 8, 1, [0; 8]),
            formula(7, 7, 1, [0; 8]),
            // General: LibreOffice stores its text as a text.
            formula(8, 8, 0, [0; 8]),
            // An empty text stored as one; a non-zero number.
            formula(9, 8, 1, empty_text),
            formula(10, 8, 1, 85.37f64.to_le_bytes()),
            // An XF the file does not have.
            formula(11, 8, 9, [0; 8]),
        ];
        let st = precheck(&workbook(&globals, &sheet), 1_000_000)
            .unwrap()
            .styles;
        assert_eq!(st.zero_formulas, vec![vec![(7, 7), (7, 8)]]);
    }

    #[test]
    fn a_shared_formula_reads_the_cells_relative_to_its_own() {
        // LibreOffice's `=IF(E8="","",E8)` copied down F8:F9: PtgRefN
        // (row offset 0, column offset -1), "", =, PtgAttr if, "", PtgAttr
        // goto, PtgRefN, PtgAttr goto, IF.
        let tokens = hex("4c0000ffc01700000b1902070017000019080c002c0000ffc01908030042030100");
        assert_eq!(
            cells_read(&tokens, (8, 5)),
            Some(vec![(8, 8, 4, 4), (8, 8, 4, 4)])
        );
        // `=SUM(E$5:E7)` at F7: an absolute row, relative ones.
        let mut area = vec![0x2Du8];
        for v in [4u16, 0, 0x40FF, 0xC0FF] {
            area.extend(v.to_le_bytes());
        }
        assert_eq!(cells_read(&area, (6, 5)), Some(vec![(4, 6, 4, 4)]));
        // Another sheet (PtgRef3d), a name, a cut token: unknown.
        assert_eq!(cells_read(&hex("3a0000040000c0"), (1, 1)), None);
        assert_eq!(cells_read(&hex("2301000000"), (1, 1)), None);
        // The form's %CK `=IF(COUNT(F8,G8)<2,"",IFERROR(ROUND(…),""))`
        // at I8 as LibreOffice shares it: IFERROR is the name 1, called
        // as function 255; it reads F8 and G8 (twice).
        let ck = hex("2c0000fdc02c0000fec0420200001e0200091902070017000019082c0023010000004c0000fdc04c0000fec0061e6400051e6400041e0200411b001700004203ff001908030042030100");
        assert_eq!(
            cells_read(&ck, (7, 8)),
            Some(vec![(7, 7, 5, 5), (7, 7, 6, 6), (7, 7, 5, 5), (7, 7, 6, 6)])
        );
        assert_eq!(cells_read(&hex("2c00"), (1, 1)), None);
        // Above the sheet's first row.
        assert_eq!(cells_read(&hex("2cffff00c0"), (0, 1)), None);
    }

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn shared_formulas_stored_as_zero_are_told_apart() {
        let globals = [xf(0, 0), xf(0, 4)];
        let exp = |row: u16, col: u16, base: u16| {
            let mut d = row.to_le_bytes().to_vec();
            d.extend(col.to_le_bytes());
            d.extend(1u16.to_le_bytes());
            d.extend([0u8; 8]);
            d.extend([0u8; 6]);
            d.extend(5u16.to_le_bytes());
            d.push(0x01);
            d.extend(base.to_le_bytes());
            d.extend(col.to_le_bytes());
            rec(0x0006, &d)
        };
        // F5:F6 share `=E5`; F7 is a PtgExp with no SHRFMLA (an array).
        let mut shr = vec![4u8, 0, 5, 0, 5, 5, 0, 2];
        shr.extend(5u16.to_le_bytes());
        shr.extend(hex("2c0000ffc0"));
        let sheet = [exp(4, 5, 4), rec(SHRFMLA, &shr), exp(5, 5, 4), exp(6, 5, 6)];
        let st = precheck(&workbook(&globals, &sheet), 1_000_000)
            .unwrap()
            .styles;
        assert_eq!(st.zero_formulas, vec![Vec::<(u32, u32)>::new()]);
        let reads: Vec<_> = st.shared_zeros[0]
            .iter()
            .map(|z| (z.at, z.reads.clone()))
            .collect();
        assert_eq!(
            reads,
            [
                ((4, 5), Some(vec![(4, 4, 4, 4)])),
                ((5, 5), Some(vec![(5, 5, 4, 4)])),
                ((6, 5), None),
            ]
        );
    }

    #[test]
    fn damaged_style_records_read_as_general() {
        let wb = workbook(
            &[rec(XF, &[1]), rec(FORMAT, &[166, 0, 200])],
            &[number(0, 0)],
        );
        let st = precheck(&wb, 1_000_000).unwrap().styles;
        assert_eq!(
            st.sheets,
            vec![Vec::<crate::ingest::styles::StyledCell>::new()]
        );
        assert!(!st.table.names_legacy_font());
    }
}
