//! The cells of the detail sheet (indicators × units), a band of
//! indicators at a time.
//!
//! The sheet is written row by row (one row per indicator and column), but
//! the figures are kept unit by unit: a row needs one figure of every unit.
//! Holding the whole sheet would grow with the number of units, and reading
//! every unit again for each band would grow with its square. So when the
//! sheet does not fit one band of [`CELLS_PER_BAND`] cells, the figures are
//! turned around on disk first: one pass counts each band's figures, a
//! second writes every figure into its band's region of a temporary file,
//! and each band is then one read of its region. Memory stays at one band
//! whatever the number of units, and the work stays linear.
//!
//! The first pass also measures each column's widest figure: the header
//! row, written first, is as tall as the unit names need in columns as
//! wide as their figures.

use crate::error::Fatal;
use crate::model::ValueColumn;
use crate::normalize::store::{temporary_error, Figures};
use crate::report::layout::number_units;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::ops::Range;

/// At most this many cells are gathered at once (2 MB).
pub const CELLS_PER_BAND: usize = 1 << 17;

/// Bytes of one figure in the turned-around file: the cell within its band
/// (u32) and the value (f64).
const RECORD: usize = 12;

/// Write buffers of all bands together take at most this much.
const BUFFERS: usize = 1 << 20;

/// The detail sheet's cells, band by band.
pub struct DetailCells<'a> {
    figures: &'a Figures<'a>,
    /// Column position of each submission of `figures` (`None`: not shown).
    position: Vec<Option<u32>>,
    units: usize,
    columns: &'a [ValueColumn],
    indicators: usize,
    band_len: usize,
    /// The turned-around figures when there is more than one band: the
    /// file, and each band's region as (first record, records).
    spilled: Option<(File, Vec<(u64, u64)>)>,
    /// Per column, the width of its widest figure (see [`number_units`]).
    widest: Vec<u32>,
}

impl<'a> DetailCells<'a> {
    /// The cells of `indicators` indicators × `columns` for `units`
    /// (positions in `figures`, in the order of the sheet's columns);
    /// `decimals` are the decimals each indicator's figures are shown
    /// with, for [`DetailCells::widest`].
    ///
    /// # Errors
    /// When the figures cannot be read back or turned around on disk.
    pub fn new(
        figures: &'a Figures<'a>,
        units: &[usize],
        columns: &'a [ValueColumn],
        indicators: usize,
        decimals: &[u8],
    ) -> Result<DetailCells<'a>, Fatal> {
        let mut position = vec![None; figures.len()];
        for (pos, &k) in units.iter().enumerate() {
            if let Some(p) = position.get_mut(k) {
                *p = Some(pos as u32);
            }
        }
        let band_len = (CELLS_PER_BAND / (columns.len() * units.len()).max(1)).max(1);
        let mut cells = DetailCells {
            figures,
            position,
            units: units.len(),
            columns,
            indicators,
            band_len,
            spilled: None,
            widest: vec![0; units.len()],
        };
        let counted = cells.measure(decimals)?;
        if cells.band_count() > 1 {
            cells.spilled = Some(cells.turn_around(counted)?);
        }
        Ok(cells)
    }

    /// Per column of the sheet (the units in the order given), the width
    /// of its widest figure in 1/2048 em (see [`number_units`]); 0 for a
    /// unit with no figure shown.
    pub fn widest(&self) -> &[u32] {
        &self.widest
    }

    /// One pass over the figures: each column's widest figure, and how
    /// many figures each band holds.
    fn measure(&mut self, decimals: &[u8]) -> Result<Vec<u64>, Fatal> {
        let mut count = vec![0u64; self.band_count()];
        let mut widest = std::mem::take(&mut self.widest);
        self.figures.each_chunk_at(|start, subs| {
            for (k, s) in subs.iter().enumerate() {
                let Some(pos) = self.position.get(start + k).copied().flatten() else {
                    continue;
                };
                for r in &s.rows {
                    if self.cell(start + k, r.ind(), r.column).is_none() {
                        continue;
                    }
                    count[r.ind() / self.band_len] += 1;
                    let d = decimals.get(r.ind()).copied().unwrap_or(2);
                    if let Some(w) = widest.get_mut(pos as usize) {
                        *w = (*w).max(number_units(r.value, d));
                    }
                }
            }
            Ok(())
        })?;
        self.widest = widest;
        Ok(count)
    }

    /// How many bands the indicators come in.
    pub fn band_count(&self) -> usize {
        self.indicators.div_ceil(self.band_len)
    }

    /// The indicators of band `b`.
    pub fn band(&self, b: usize) -> Range<usize> {
        let start = b * self.band_len;
        start..(start + self.band_len).min(self.indicators)
    }

    /// The cells of band `b`: for each of its indicators, each column,
    /// each unit, that unit's figure (the first one read when repeated),
    /// at `((indicator − band start) × columns + column) × units + unit`.
    ///
    /// # Errors
    /// When the figures cannot be read back.
    pub fn cells(&mut self, b: usize) -> Result<Vec<Option<f64>>, Fatal> {
        let band = self.band(b);
        let mut cells = vec![None; band.len() * self.columns.len() * self.units];
        match &mut self.spilled {
            None => {
                let figures = self.figures;
                figures.each_chunk_at(|start, subs| {
                    for (k, s) in subs.iter().enumerate() {
                        for r in &s.rows {
                            if let Some(c) = self.cell(start + k, r.ind(), r.column) {
                                set_first(&mut cells, c, r.value);
                            }
                        }
                    }
                    Ok(())
                })?;
            }
            Some((file, regions)) => {
                let (first, n) = regions[b];
                let mut bytes = vec![0u8; n as usize * RECORD];
                file.seek(SeekFrom::Start(first * RECORD as u64))
                    .and_then(|_| file.read_exact(&mut bytes))
                    .map_err(|e| temporary_error(self.figures.scratch_dir(), &e))?;
                for rec in bytes.chunks_exact(RECORD) {
                    let c = u32::from_le_bytes([rec[0], rec[1], rec[2], rec[3]]) as usize;
                    let mut v = [0u8; 8];
                    v.copy_from_slice(&rec[4..]);
                    set_first(&mut cells, c, f64::from_le_bytes(v));
                }
            }
        }
        Ok(cells)
    }

    /// The cell (within its band) of submission `k`'s figure, if shown.
    fn cell(&self, k: usize, indicator: usize, column: ValueColumn) -> Option<usize> {
        let pos = self.position.get(k).copied().flatten()? as usize;
        let q = self.columns.iter().position(|c| *c == column)?;
        if indicator >= self.indicators {
            return None;
        }
        let within = indicator % self.band_len;
        Some((within * self.columns.len() + q) * self.units + pos)
    }

    /// Writes every shown figure into its band's region of a temporary
    /// file (`count`: how many each band holds), keeping each unit's
    /// figures in their order.
    fn turn_around(&self, count: Vec<u64>) -> Result<(File, Vec<(u64, u64)>), Fatal> {
        let bands = self.band_count();
        let mut regions = Vec::with_capacity(bands);
        let mut at = 0;
        for &n in &count {
            regions.push((at, n));
            at += n;
        }
        let mut file = self.figures.scratch_file()?;
        let flush_at = (BUFFERS / bands).clamp(1 << 10, 1 << 16) / RECORD * RECORD;
        let mut buffers: Vec<Vec<u8>> = vec![Vec::new(); bands];
        // Records written so far per band.
        let mut written = vec![0u64; bands];
        let mut flush = |file: &mut File, b: usize, buf: &mut Vec<u8>| -> Result<(), Fatal> {
            let offset = (regions[b].0 + written[b]) * RECORD as u64;
            file.seek(SeekFrom::Start(offset))
                .and_then(|_| file.write_all(buf))
                .map_err(|e| temporary_error(self.figures.scratch_dir(), &e))?;
            written[b] += (buf.len() / RECORD) as u64;
            buf.clear();
            Ok(())
        };
        self.figures.each_chunk_at(|start, subs| {
            for (k, s) in subs.iter().enumerate() {
                for r in &s.rows {
                    let Some(c) = self.cell(start + k, r.ind(), r.column) else {
                        continue;
                    };
                    let b = r.ind() / self.band_len;
                    let buf = &mut buffers[b];
                    buf.extend_from_slice(&(c as u32).to_le_bytes());
                    buf.extend_from_slice(&r.value.to_le_bytes());
                    if buf.len() >= flush_at {
                        flush(&mut file, b, buf)?;
                    }
                }
            }
            Ok(())
        })?;
        for (b, buf) in buffers.iter_mut().enumerate() {
            if !buf.is_empty() {
                flush(&mut file, b, buf)?;
            }
        }
        Ok((file, regions))
    }
}

fn set_first(cells: &mut [Option<f64>], c: usize, v: f64) {
    if let Some(cell) = cells.get_mut(c) {
        if cell.is_none() {
            *cell = Some(v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::submission::{Submission, TidyRow};
    use crate::reconcile::checks::testutil::{row, store_all, sub_with};
    use crate::template::Template;

    /// Every unit's figure of every indicator, by band, against a plain
    /// lookup, for units stored or in memory, one band or many.
    fn same_as_lookup(n_units: usize, stored: bool) -> usize {
        let t = Template::builtin().unwrap();
        let k = t.indicators.len();
        let columns = [ValueColumn::Th, ValueColumn::Lk];
        let value = |u: usize, i: usize, q: usize| (u * 1000 + i * 2 + q) as f64;
        let mut subs: Vec<Submission> = (0..n_units)
            .map(|u| {
                let mut rows: Vec<TidyRow> = Vec::new();
                for i in (0..k).filter(|i| (i + u) % 3 != 0) {
                    rows.push(row(i, ValueColumn::Kh, -1.0, 0));
                    rows.push(row(i, ValueColumn::Th, value(u, i, 0), 0));
                    // A repeated figure: the first one read counts.
                    rows.push(row(i, ValueColumn::Th, -2.0, 0));
                    rows.push(row(i, ValueColumn::Lk, value(u, i, 1), 0));
                }
                sub_with(&t, "P01", rows)
            })
            .collect();
        // In memory, the store is there all the same: the turned-around
        // sheet goes beside it.
        let (_dir, store) = store_all(if stored { &mut subs } else { &mut [] });
        let figures = Figures::new(subs.iter().collect(), Some(&store));
        // Columns in reverse order, the first unit left out.
        let shown: Vec<usize> = (1..n_units).rev().collect();
        let decimals: Vec<u8> = (0..k).map(|i| (i % 3) as u8).collect();
        let mut cells = DetailCells::new(&figures, &shown, &columns, k, &decimals).unwrap();
        // Each column's widest figure, shown with its indicator's decimals.
        for (pos, &u) in shown.iter().enumerate() {
            let want = (0..k)
                .filter(|i| (i + u) % 3 != 0)
                .flat_map(|i| (0..2).map(move |q| (i, q)))
                .map(|(i, q)| number_units(value(u, i, q), decimals[i]))
                .max()
                .unwrap_or(0);
            assert_eq!(cells.widest()[pos], want, "unit {u}");
        }
        for b in 0..cells.band_count() {
            let band = cells.band(b);
            let got = cells.cells(b).unwrap();
            for i in band.clone() {
                for q in 0..2 {
                    for (pos, &u) in shown.iter().enumerate() {
                        let want = ((i + u) % 3 != 0).then(|| value(u, i, q));
                        let at = ((i - band.start) * 2 + q) * shown.len() + pos;
                        assert_eq!(got[at], want, "unit {u}, indicator {i}, column {q}");
                    }
                }
            }
        }
        cells.band_count()
    }

    #[test]
    fn one_band_is_read_straight_from_the_figures() {
        assert_eq!(same_as_lookup(17, true), 1);
        assert_eq!(same_as_lookup(17, false), 1);
    }

    #[test]
    fn many_bands_are_turned_around_on_disk() {
        let t = Template::builtin().unwrap();
        // Enough units for several bands of the built-in catalog.
        let units = 2 * CELLS_PER_BAND / (2 * t.indicators.len()) + 3;
        assert!(same_as_lookup(units, true) > 1);
        assert!(same_as_lookup(units, false) > 1);
    }
}
