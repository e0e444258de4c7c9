//! One sheet's cells with their merged ranges, addressed by absolute
//! 0-based row and column (as Excel numbers them, minus one).

use calamine::{Data, Dimensions, Range};
use foldhash::{HashMap, HashMapExt};

/// An absolute cell position: 0-based row and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    pub row: u32,
    pub col: u32,
}

/// A sheet as read: its cells and merged ranges.
#[derive(Clone)]
pub struct SheetGrid {
    pub name: String,
    range: Range<Data>,
    merges: Vec<Dimensions>,
    /// Covered cell → the top-left cell of its merge (looked up for every
    /// cell read, hence the fast hasher).
    covered: HashMap<(u32, u32), (u32, u32)>,
    /// (row, column, style index) of the cells of an .xlsx sheet whose
    /// style is not the default, sorted by position; read in the same pass
    /// as the values. Empty for other formats.
    style_ids: Vec<(u32, u32, u32)>,
    /// The first row [`SheetGrid::rows`] gives: 0, or the header of a
    /// second table stacked under the first ([`SheetGrid::start_at`]).
    from_row: u32,
    /// The rows and columns hidden in Excel (or LibreOffice).
    hidden: Hidden,
    /// The formula cells of an `.xls` whose cached 0 was set aside, sorted
    /// (see [`crate::ingest::biff::XlsStyles::zero_formulas`]).
    zero_formulas: Vec<(u32, u32)>,
}

/// The rows and columns a sheet hides (hidden by hand, filtered out or
/// folded in a collapsed outline: the file says only that they are
/// hidden), as inclusive ranges of 0-based positions, sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hidden {
    pub rows: Vec<(u32, u32)>,
    pub cols: Vec<(u32, u32)>,
}

/// The most ranges kept per sheet: a hostile file cannot make them a
/// burden, and a real sheet hides a few.
pub const MAX_HIDDEN_RANGES: usize = 100_000;

impl Hidden {
    /// Is `at` in one of `ranges` (sorted, inclusive)?
    fn within(ranges: &[(u32, u32)], at: u32) -> bool {
        let i = ranges.partition_point(|&(first, _)| first <= at);
        i > 0 && ranges.get(i - 1).is_some_and(|&(_, last)| at <= last)
    }

    /// Sorts and merges the ranges (a reader may find them out of order
    /// or overlapping).
    pub fn normalized(mut self) -> Hidden {
        for ranges in [&mut self.rows, &mut self.cols] {
            ranges.retain(|(a, b)| a <= b);
            ranges.sort_unstable();
            let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
            for &(a, b) in ranges.iter() {
                match merged.last_mut() {
                    Some((_, last)) if a <= last.saturating_add(1) => *last = (*last).max(b),
                    _ => merged.push((a, b)),
                }
            }
            *ranges = merged;
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.cols.is_empty()
    }
}

static EMPTY: Data = Data::Empty;

/// The number of cells a merge range covers; `None` when it ends before it
/// starts. Not calamine's `Dimensions::len`, whose subtraction overflows
/// on such a range (found by fuzzing: `tests/fixtures/fuzz/`).
fn merge_area(m: &Dimensions) -> Option<u64> {
    let rows = m.end.0.checked_sub(m.start.0)?;
    let cols = m.end.1.checked_sub(m.start.1)?;
    Some((u64::from(rows) + 1) * (u64::from(cols) + 1))
}

impl SheetGrid {
    /// The cells as calamine gives them.
    pub fn range(&self) -> &Range<Data> {
        &self.range
    }

    /// A merge range that ends before it starts (a damaged `.xls` can say
    /// so) is no merge and is dropped.
    pub fn new(name: String, range: Range<Data>, mut merges: Vec<Dimensions>) -> SheetGrid {
        merges.retain(|m| merge_area(m).is_some());
        let mut covered = HashMap::new();
        for m in &merges {
            // Guard against absurd merge ranges in hostile files.
            if merge_area(m).is_none_or(|cells| cells > 100_000) {
                continue;
            }
            for r in m.start.0..=m.end.0 {
                for c in m.start.1..=m.end.1 {
                    if (r, c) != m.start {
                        covered.insert((r, c), m.start);
                    }
                }
            }
        }
        SheetGrid {
            name,
            range,
            merges,
            covered,
            style_ids: Vec::new(),
            from_row: 0,
            hidden: Hidden::default(),
            zero_formulas: Vec::new(),
        }
    }

    /// The grid with the rows and columns its sheet hides.
    pub fn with_hidden(mut self, hidden: Hidden) -> SheetGrid {
        self.hidden = hidden.normalized();
        self
    }

    /// The grid with the `.xls` formula cells whose cached 0 was set aside
    /// (sorted).
    pub fn with_zero_formulas(mut self, cells: Vec<(u32, u32)>) -> SheetGrid {
        self.zero_formulas = cells;
        self
    }

    /// Was the cell an `.xls` formula whose cached 0 was set aside (it
    /// reads blank; its formula is evaluated, the 0 kept if it cannot be)?
    pub fn zero_formula(&self, row: u32, col: u32) -> bool {
        self.zero_formulas.binary_search(&(row, col)).is_ok()
    }

    /// Is the row hidden in the sheet (by hand, by a filter or in a
    /// collapsed outline)?
    pub fn row_hidden(&self, row: u32) -> bool {
        Hidden::within(&self.hidden.rows, row)
    }

    /// Is the column hidden in the sheet?
    pub fn col_hidden(&self, col: u32) -> bool {
        Hidden::within(&self.hidden.cols, col)
    }

    /// Does the sheet hide any row or column?
    pub fn hides_any(&self) -> bool {
        !self.hidden.is_empty()
    }

    /// Reads on from row `row`: [`SheetGrid::rows`] starts there, so that a
    /// table stacked under another on the sheet is found as the first.
    pub fn start_at(&mut self, row: u32) {
        self.from_row = row;
    }

    /// The grid with the style indices of its cells (see
    /// [`SheetGrid::take_style_ids`]).
    pub fn with_style_ids(mut self, style_ids: Vec<(u32, u32, u32)>) -> SheetGrid {
        self.style_ids = style_ids;
        self
    }

    /// Hands over the style indices of the cells of an .xlsx sheet:
    /// (row, column, style index), sorted by position, default style (0)
    /// left out. Empty for other formats, and once taken.
    pub fn take_style_ids(&mut self) -> Vec<(u32, u32, u32)> {
        std::mem::take(&mut self.style_ids)
    }

    /// Builds a grid from rows of values starting at A1 (for tables read
    /// from HTML or CSV, and for tests).
    pub fn from_rows(name: &str, rows: Vec<Vec<Data>>) -> SheetGrid {
        let height = rows.len() as u32;
        let width = rows.iter().map(|r| r.len()).max().unwrap_or(0) as u32;
        if height == 0 || width == 0 {
            return SheetGrid::new(name.to_string(), Range::empty(), Vec::new());
        }
        let mut range = Range::new((0, 0), (height - 1, width - 1));
        for (r, row) in rows.into_iter().enumerate() {
            for (c, v) in row.into_iter().enumerate() {
                range.set_value((r as u32, c as u32), v);
            }
        }
        SheetGrid::new(name.to_string(), range, Vec::new())
    }

    /// First and one-past-last row with cells.
    pub fn rows(&self) -> std::ops::Range<u32> {
        match (self.range.start(), self.range.end()) {
            (Some(s), Some(e)) => s.0.max(self.from_row).min(e.0 + 1)..e.0 + 1,
            _ => 0..0,
        }
    }

    /// First and one-past-last column with cells.
    pub fn cols(&self) -> std::ops::Range<u32> {
        match (self.range.start(), self.range.end()) {
            (Some(s), Some(e)) => s.1..e.1 + 1,
            _ => 0..0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.range.is_empty()
    }

    /// The value stored in a cell (no merge resolution).
    pub fn raw(&self, row: u32, col: u32) -> &Data {
        self.range.get_value((row, col)).unwrap_or(&EMPTY)
    }

    /// The top-left cell of the merge covering a cell, if it is covered.
    pub fn merge_origin(&self, row: u32, col: u32) -> Option<(u32, u32)> {
        self.covered.get(&(row, col)).copied()
    }

    /// The merge range that starts at a cell, if any.
    pub fn merge_at(&self, row: u32, col: u32) -> Option<&Dimensions> {
        self.merges.iter().find(|m| m.start == (row, col))
    }

    /// Does some merge cover more than one row? Without one, no value is
    /// merged down over rows.
    pub fn merges_rows(&self) -> bool {
        self.merges.iter().any(|m| m.end.0 > m.start.0)
    }

    /// The value shown in a cell: a covered cell shows its merge's value.
    pub fn shown(&self, row: u32, col: u32) -> &Data {
        match self.merge_origin(row, col) {
            Some((r, c)) => self.raw(r, c),
            None => self.raw(row, col),
        }
    }

    /// The cleaned text of a cell (numbers in plain form), no merge
    /// resolution; empty for empty cells.
    pub fn text(&self, row: u32, col: u32) -> String {
        data_text(self.raw(row, col))
    }

    /// The cleaned text shown in a cell, merges resolved.
    pub fn shown_text(&self, row: u32, col: u32) -> String {
        data_text(self.shown(row, col))
    }

    /// All non-empty texts of a row, left to right, merges not repeated.
    pub fn row_texts(&self, row: u32) -> Vec<(u32, String)> {
        self.cols()
            .filter_map(|c| {
                let t = self.text(row, c);
                (!t.is_empty()).then_some((c, t))
            })
            .collect()
    }

    /// Replaces a cell's value (a figure worked out of others).
    pub fn set_value(&mut self, row: u32, col: u32, value: Data) {
        self.range.set_value((row, col), value);
    }

    /// Replaces the text of cells (after a legacy-encoding conversion).
    pub fn set_text(&mut self, row: u32, col: u32, text: String) {
        self.range.set_value((row, col), Data::String(text));
    }

    /// Every non-empty cell with its absolute position (no merge
    /// resolution).
    pub fn cells(&self) -> impl Iterator<Item = (u32, u32, &Data)> + '_ {
        let (r0, c0) = self.range.start().unwrap_or((0, 0));
        self.range
            .used_cells()
            .map(move |(r, c, d)| (r0 + r as u32, c0 + c as u32, d))
    }

    /// Every cell holding text, with its position.
    pub fn text_cells(&self) -> Vec<(u32, u32)> {
        self.range
            .used_cells()
            .filter(|(_, _, v)| matches!(v, Data::String(_)))
            .filter_map(|(r, c, _)| {
                let (r0, c0) = self.range.start()?;
                Some((r0 + r as u32, c0 + c as u32))
            })
            .collect()
    }
}

/// The serial day of a date cell in the 1900 date system, whatever the
/// workbook's: a workbook saved with `date1904` (Mac Excel) counts its days
/// from 1904-01-01, 1462 days later, so its raw serial read as a 1900 one
/// falls four years and a day early (30/11/2026 would become 29/11/2022).
/// calamine keeps the workbook's system inside the value without a getter:
/// the value equals its 1904 twin exactly when it is one.
pub fn serial_1900(dt: &calamine::ExcelDateTime) -> f64 {
    let kind = if dt.is_duration() {
        calamine::ExcelDateTimeType::TimeDelta
    } else {
        calamine::ExcelDateTimeType::DateTime
    };
    let raw = dt.as_f64();
    if !dt.is_duration() && *dt == calamine::ExcelDateTime::new(raw, kind, true) {
        raw + 1462.0
    } else {
        raw
    }
}

/// A date cell as a clerk sees it: "12/05/2024", with the time when it
/// has one ("12/05/2024 08:30"); a duration as its serial.
pub fn date_text(dt: &calamine::ExcelDateTime) -> String {
    if dt.is_duration() {
        return dt.as_f64().to_string();
    }
    let (y, mo, d, h, mi, ..) = dt.to_ymd_hms_milli();
    if (h, mi) == (0, 0) {
        format!("{d:02}/{mo:02}/{y}")
    } else {
        format!("{d:02}/{mo:02}/{y} {h:02}:{mi:02}")
    }
}

/// The text of a value, cleaned; numbers in their plain form.
pub fn data_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => crate::text::clean(s),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_1904_date_is_moved_to_the_1900_serial_it_shows() {
        use calamine::{ExcelDateTime, ExcelDateTimeType::*};
        // 30/11/2026: 46356 in the 1900 system, 44894 in the 1904 one.
        let mac = ExcelDateTime::new(44894.0, DateTime, true);
        assert_eq!(serial_1900(&mac), 46356.0);
        assert_eq!(date_text(&mac), "30/11/2026");
        let pc = ExcelDateTime::new(46356.0, DateTime, false);
        assert_eq!(serial_1900(&pc), 46356.0);
        // A duration is a length of time, not a day: never moved.
        let span = ExcelDateTime::new(1.5, TimeDelta, true);
        assert_eq!(serial_1900(&span), 1.5);
    }

    #[test]
    fn merged_cells_show_their_origin() {
        let mut range = Range::new((0, 0), (2, 2));
        range.set_value((0, 0), Data::String("Quý I".into()));
        let grid = SheetGrid::new("S".into(), range, vec![Dimensions::new((0, 0), (0, 1))]);
        assert_eq!(grid.shown_text(0, 1), "Quý I");
        assert_eq!(grid.text(0, 1), "");
        assert_eq!(grid.merge_origin(0, 1), Some((0, 0)));
        assert_eq!(grid.rows(), 0..3);
    }

    #[test]
    fn a_merge_range_that_ends_before_it_starts_is_dropped() {
        let mut range = Range::new((0, 0), (2, 2));
        range.set_value((0, 0), Data::String("Quý I".into()));
        let backwards = Dimensions::new((0, 4101), (0, 5));
        let upwards = Dimensions::new((2, 0), (1, 0));
        let kept = Dimensions::new((0, 0), (0, 1));
        let grid = SheetGrid::new("S".into(), range, vec![backwards, upwards, kept]);
        assert_eq!(grid.merge_at(0, 4101), None);
        assert_eq!(grid.merge_at(2, 0), None);
        assert_eq!(grid.merge_at(0, 0), Some(&kept));
        assert_eq!(grid.shown_text(0, 1), "Quý I");
    }
}
