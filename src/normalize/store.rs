//! The tidy table of a consolidation, kept on disk while the run lasts.
//!
//! A consolidation reads every file before it can sum or check across
//! units, so every submission's figures would otherwise stay in memory
//! until the end: memory would grow with the number of files. Instead,
//! each submission's figures are written to one anonymous temporary file
//! (in the output folder, removed by the system when the run ends, even
//! when it is killed) as soon as its own checks have run, and the
//! cross-unit stages read them back a chunk of units at a time
//! ([`Figures`]). What stays in memory per file is its name, its unit and
//! its findings.
//!
//! A figure on disk is 24 bytes, little-endian:
//!
//! ```text
//! value f64 · indicator u32 · row u32 · col u32 · sheet u16 · column u8 · decimals u8
//! ```

use crate::error::Fatal;
use crate::model::ValueColumn;
use crate::normalize::submission::{Submission, TidyRow};
use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Bytes of one figure on disk.
const RECORD: usize = 24;

/// Where a submission's figures are in the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stored {
    pub offset: u64,
    pub count: u32,
    /// Which indicators the figures are of, as [`indicator_bits`] says.
    pub indicators: u128,
}

/// The indicators of some figures as bits (an indicator's index modulo
/// 128): two sets of figures whose bits do not meet share no indicator
/// (two parts of a report sent as two files, not two versions of one).
pub fn indicator_bits(rows: &[TidyRow]) -> u128 {
    rows.iter()
        .fold(0, |bits, r| bits | 1u128 << (r.ind() % 128))
}

/// The temporary file that holds the figures of every submission read.
/// Submissions are written from the reading threads (appends under a
/// lock) and read back a chunk at a time, the next chunk while a stage
/// works on one.
pub struct FigureStore {
    file: File,
    /// Where the next submission's figures go; held while they are written.
    end: Mutex<u64>,
    /// Where it is, for the other temporary files of the run.
    dir: Option<PathBuf>,
}

impl FigureStore {
    /// A store in `dir` (the output folder), or in the system's temporary
    /// folder when `dir` does not exist yet.
    ///
    /// # Errors
    /// When no temporary file can be made there.
    pub fn in_dir(dir: &Path) -> Result<FigureStore, Fatal> {
        let dir = dir.is_dir().then(|| dir.to_path_buf());
        Ok(FigureStore {
            file: scratch_file(dir.as_deref())?,
            end: Mutex::new(0),
            dir,
        })
    }

    /// Writes the submission's figures to the store and frees them in
    /// memory; [`Figures`] reads them back.
    ///
    /// # Errors
    /// When the temporary file cannot be written (a full disk).
    pub fn put(&self, sub: &mut Submission) -> Result<(), Fatal> {
        let rows = std::mem::take(&mut sub.rows);
        let indicators = indicator_bits(&rows);
        let mut bytes = Vec::with_capacity(rows.len() * RECORD);
        for r in &rows {
            encode(r, &mut bytes);
        }
        drop(rows);
        let mut end = self.end.lock().unwrap_or_else(|p| p.into_inner());
        let offset = *end;
        let mut file = &self.file;
        file.seek(SeekFrom::Start(offset))
            .and_then(|_| file.write_all(&bytes))
            .map_err(|e| temporary_error(self.dir.as_deref(), &e))?;
        *end += bytes.len() as u64;
        sub.stored = Some(Stored {
            offset,
            count: (bytes.len() / RECORD) as u32,
            indicators,
        });
        Ok(())
    }

    /// The figures of a submission written with [`FigureStore::put`].
    ///
    /// # Errors
    /// When the temporary file cannot be read back.
    pub fn load(&self, at: Stored) -> Result<Vec<TidyRow>, Fatal> {
        let mut bytes = vec![0u8; at.count as usize * RECORD];
        self.read_at(&mut bytes, at.offset)
            .map_err(|e| temporary_error(self.dir.as_deref(), &e))?;
        let mut rows = Vec::with_capacity(at.count as usize);
        for record in bytes.chunks_exact(RECORD) {
            rows.push(decode(record)?);
        }
        Ok(rows)
    }

    /// Fills `buf` from `offset`: where the system reads at a position,
    /// without the lock.
    #[cfg(unix)]
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(&self.file, buf, offset)
    }

    /// Fills `buf` from `offset`, the file's position moved under the lock
    /// that writes take too.
    #[cfg(not(unix))]
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        use std::io::Read;
        let _end = self.end.lock().unwrap_or_else(|p| p.into_inner());
        let mut file = &self.file;
        file.seek(SeekFrom::Start(offset))
            .and_then(|_| file.read_exact(buf))
    }
}

/// An anonymous temporary file in `dir`, or in the system's temporary
/// folder.
///
/// # Errors
/// When none can be made.
fn scratch_file(dir: Option<&Path>) -> Result<File, Fatal> {
    match dir {
        Some(d) => tempfile::tempfile_in(d),
        None => tempfile::tempfile(),
    }
    .map_err(|e| temporary_error(dir, &e))
}

/// A temporary file in `dir` (else the system's temporary folder) could not
/// be made, written or read: said as the folder that cannot be written, in
/// the system's words for why (a full disk, mostly).
pub fn temporary_error(dir: Option<&Path>, e: &io::Error) -> Fatal {
    Fatal::output_io(
        dir.map(Path::to_path_buf)
            .unwrap_or_else(std::env::temp_dir),
        e,
    )
}

fn encode(r: &TidyRow, out: &mut Vec<u8>) {
    out.extend_from_slice(&r.value.to_le_bytes());
    out.extend_from_slice(&r.indicator.to_le_bytes());
    out.extend_from_slice(&r.row.to_le_bytes());
    out.extend_from_slice(&r.col.to_le_bytes());
    out.extend_from_slice(&r.sheet.to_le_bytes());
    out.push(r.column.index() as u8);
    out.push(r.decimals as u8);
}

fn decode(record: &[u8]) -> Result<TidyRow, Fatal> {
    let damaged = || Fatal::Other("temporary file of figures: damaged record".into());
    let b: &[u8; RECORD] = record.try_into().map_err(|_| damaged())?;
    let u32_at = |k: usize| u32::from_le_bytes([b[k], b[k + 1], b[k + 2], b[k + 3]]);
    let column = ValueColumn::ALL
        .get(b[22] as usize)
        .copied()
        .ok_or_else(damaged)?;
    Ok(TidyRow {
        value: f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
        indicator: u32_at(8),
        row: u32_at(12),
        col: u32_at(16),
        sheet: u16::from_le_bytes([b[20], b[21]]),
        column,
        decimals: b[23] as i8,
    })
}

/// At most this many figures are read back at once: a chunk of units
/// closes when its figures reach this count (or [`UNITS_PER_CHUNK`]
/// units), so what a cross-unit stage holds (the chunk it works on and
/// the next, read beside it) is the same for 1,000 units as for 100,000.
/// 65,536 figures take 1.5 MB.
pub const FIGURES_PER_CHUNK: usize = 65_536;

/// The most units in one chunk, however few figures they have.
pub const UNITS_PER_CHUNK: usize = 1024;

/// The included submissions of a consolidation and their figures, in
/// chunks of units: in memory (a lone submission, the unit tests) or in a
/// [`FigureStore`].
///
/// The submissions in [`Figures::subs`] have no rows when their figures
/// are stored; the submissions a chunk hands out have them.
pub struct Figures<'a> {
    subs: Vec<&'a Submission>,
    store: Option<&'a FigureStore>,
    chunks: Vec<Range<usize>>,
}

impl<'a> Figures<'a> {
    /// Submissions whose figures are in memory.
    pub fn in_memory(subs: &[&'a Submission]) -> Figures<'a> {
        Figures::new(subs.to_vec(), None)
    }

    /// Submissions whose figures may be in `store`.
    pub fn new(subs: Vec<&'a Submission>, store: Option<&'a FigureStore>) -> Figures<'a> {
        let mut chunks = Vec::new();
        let (mut start, mut figures) = (0, 0);
        for (k, s) in subs.iter().enumerate() {
            let n = s.row_count();
            if k > start && (figures + n > FIGURES_PER_CHUNK || k - start >= UNITS_PER_CHUNK) {
                chunks.push(start..k);
                (start, figures) = (k, 0);
            }
            figures += n;
        }
        if start < subs.len() {
            chunks.push(start..subs.len());
        }
        Figures {
            subs,
            store,
            chunks,
        }
    }

    /// The submissions, in the order they were given. Their rows are empty
    /// when stored: read figures through [`Figures::each_chunk`] (and its
    /// kin) or [`Figures::unit`].
    pub fn subs(&self) -> &[&'a Submission] {
        &self.subs
    }

    pub fn len(&self) -> usize {
        self.subs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.subs.is_empty()
    }

    /// How many chunks the units come in (none without units).
    pub fn chunk_count(&self) -> usize {
        self.chunks.len()
    }

    /// The submissions of chunk `c` read back with their figures; `None`
    /// when their figures are in memory.
    fn load_chunk(&self, c: usize) -> Result<Option<Vec<Submission>>, Fatal> {
        if !self.is_stored(c) {
            return Ok(None);
        }
        self.chunk_subs(c)
            .iter()
            .map(|s| self.with_rows(s))
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// Whether some figures of chunk `c` are in the store.
    fn is_stored(&self, c: usize) -> bool {
        self.chunk_subs(c).iter().any(|s| s.stored.is_some())
    }

    fn chunk_subs(&self, c: usize) -> &[&'a Submission] {
        let range = self.chunks.get(c).cloned().unwrap_or(0..0);
        &self.subs[range]
    }

    /// `f` over chunk `c`: the submissions `load_chunk` read back, else
    /// those in memory.
    fn hand_out<R>(
        &self,
        c: usize,
        loaded: Option<&[Submission]>,
        f: impl FnOnce(&[&Submission]) -> R,
    ) -> R {
        match loaded {
            Some(loaded) => {
                let refs: Vec<&Submission> = loaded.iter().collect();
                f(&refs)
            }
            None => f(self.chunk_subs(c)),
        }
    }

    /// Every chunk in turn; stops at the first error `f` returns.
    ///
    /// # Errors
    /// When the store cannot be read back, or `f` fails.
    pub fn each_chunk(
        &self,
        mut f: impl FnMut(&[&Submission]) -> Result<(), Fatal>,
    ) -> Result<(), Fatal> {
        self.each_chunk_indexed(|_, _, subs| f(subs))
    }

    /// Every chunk in turn with the position (in [`Figures::subs`]) of its
    /// first submission.
    ///
    /// # Errors
    /// When the store cannot be read back, or `f` fails.
    pub fn each_chunk_at(
        &self,
        mut f: impl FnMut(usize, &[&Submission]) -> Result<(), Fatal>,
    ) -> Result<(), Fatal> {
        self.each_chunk_indexed(|_, start, subs| f(start, subs))
    }

    /// Every chunk in turn with its number and the position of its first
    /// submission. While `f` works on one chunk, the next is read back
    /// beside it when it is stored: a stage waits for the disk and the
    /// decoding only once.
    ///
    /// # Errors
    /// When the store cannot be read back, or `f` fails (the first error,
    /// in chunk order).
    pub fn each_chunk_indexed(
        &self,
        mut f: impl FnMut(usize, usize, &[&Submission]) -> Result<(), Fatal>,
    ) -> Result<(), Fatal> {
        let count = self.chunk_count();
        let mut loaded = self.load_chunk(0)?;
        for c in 0..count {
            let start = self.chunks[c].start;
            let (done, next) = std::thread::scope(|scope| {
                let ahead = c + 1 < count && self.is_stored(c + 1);
                let next = ahead.then(|| scope.spawn(|| self.load_chunk(c + 1)));
                let done = self.hand_out(c, loaded.as_deref(), |subs| f(c, start, subs));
                let next = next.map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
                (done, next)
            });
            done?;
            loaded = next.transpose()?.flatten();
        }
        Ok(())
    }

    /// A temporary file beside the store (for a stage that rearranges the
    /// figures on disk), or in the system's temporary folder.
    ///
    /// # Errors
    /// When none can be made.
    pub fn scratch_file(&self) -> Result<File, Fatal> {
        scratch_file(self.scratch_dir())
    }

    /// Where [`Figures::scratch_file`] makes its files (`None`: the
    /// system's temporary folder).
    pub fn scratch_dir(&self) -> Option<&Path> {
        self.store.and_then(|s| s.dir.as_deref())
    }

    /// The `k`-th submission with its figures (a copy when stored).
    ///
    /// # Errors
    /// When the store cannot be read back.
    pub fn unit(&self, k: usize) -> Result<Cow<'a, Submission>, Fatal> {
        let s = self.subs[k];
        if s.stored.is_none() {
            return Ok(Cow::Borrowed(s));
        }
        Ok(Cow::Owned(self.with_rows(s)?))
    }

    fn with_rows(&self, s: &Submission) -> Result<Submission, Fatal> {
        let rows = match (s.stored, self.store) {
            (Some(at), Some(store)) => store.load(at)?,
            _ => s.rows.clone(),
        };
        Ok(s.with_figures(rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_file_that_cannot_be_written_is_said_in_the_users_words() {
        use crate::diagnostic::Lang;
        let full = io::Error::from(io::ErrorKind::StorageFull);
        let f = temporary_error(Some(Path::new("out")), &full);
        assert_eq!(f.message(Lang::Vi), "không ghi được out: ổ đĩa đã đầy");
        assert_eq!(f.message(Lang::En), "cannot write out: the disk is full");
    }
    use crate::reconcile::checks::testutil::{at, ind, row, sub_with};
    use crate::template::Template;

    #[test]
    fn figures_come_back_as_they_went_in() {
        let t = Template::builtin().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let store = FigureStore::in_dir(dir.path()).unwrap();
        let rows = vec![
            at(row(ind(&t, "HC02"), ValueColumn::Th, 1234.5, 1), 9, 4),
            at(row(ind(&t, "HC02"), ValueColumn::PctCk, -0.25, 2), 9, 8),
            at(
                row(ind(&t, "HC03"), ValueColumn::Kh, f64::MAX, 0),
                70_000,
                16_383,
            ),
        ];
        let mut a = sub_with(&t, "P01", rows.clone());
        let mut b = sub_with(&t, "P02", rows[..1].to_vec());
        a.sheets = vec!["Biểu 1".into(), "Biểu 2".into()];
        store.put(&mut a).unwrap();
        store.put(&mut b).unwrap();
        assert!(a.rows.is_empty() && b.rows.is_empty());
        assert_eq!(
            a.stored,
            Some(Stored {
                offset: 0,
                count: 3,
                indicators: indicator_bits(&rows),
            })
        );
        assert_eq!(
            b.stored,
            Some(Stored {
                offset: 72,
                count: 1,
                indicators: indicator_bits(&rows[..1]),
            })
        );
        assert_eq!(store.load(a.stored.unwrap()).unwrap(), rows);
        assert_eq!(store.load(b.stored.unwrap()).unwrap(), rows[..1]);
        let figures = Figures::new(vec![&a, &b], Some(&store));
        assert_eq!(figures.chunk_count(), 1);
        let mut seen = Vec::new();
        figures
            .each_chunk(|subs| {
                seen.extend(
                    subs.iter()
                        .map(|s| (s.file.clone(), s.rows.len(), s.sheets.len())),
                );
                Ok(())
            })
            .unwrap();
        assert_eq!(seen, vec![(a.file.clone(), 3, 2), (b.file.clone(), 1, 1)]);
        assert_eq!(figures.unit(1).unwrap().rows, rows[..1]);
    }

    #[test]
    fn stored_chunks_come_in_order_each_with_its_own_figures() {
        // Each chunk is read back while the one before is worked on: every
        // chunk still comes once, in order, with its number, its first
        // position and its own figures, and the first error stops the walk.
        let t = Template::builtin().unwrap();
        let i = ind(&t, "HC02");
        let dir = tempfile::tempdir().unwrap();
        let store = FigureStore::in_dir(dir.path()).unwrap();
        let mut subs: Vec<Submission> = (0..5)
            .map(|k| {
                let rows = (0..FIGURES_PER_CHUNK / 2 + 1)
                    .map(|n| row(i, ValueColumn::Th, (k * 1_000_000 + n) as f64, 0))
                    .collect();
                let mut s = sub_with(&t, "P01", rows);
                s.file = format!("{k}.xlsx");
                s
            })
            .collect();
        for s in &mut subs {
            store.put(s).unwrap();
        }
        let refs: Vec<&Submission> = subs.iter().collect();
        let figures = Figures::new(refs, Some(&store));
        assert_eq!(figures.chunk_count(), 5);
        let mut seen = Vec::new();
        figures
            .each_chunk_indexed(|c, start, chunk| {
                for s in chunk {
                    let last = s.rows.last().map(|r| r.value);
                    seen.push((c, start, s.file.clone(), s.rows.len(), last));
                }
                Ok(())
            })
            .unwrap();
        let want: Vec<_> = (0..5)
            .map(|k| {
                let n = FIGURES_PER_CHUNK / 2 + 1;
                let last = (k * 1_000_000 + n - 1) as f64;
                (k, k, format!("{k}.xlsx"), n, Some(last))
            })
            .collect();
        assert_eq!(seen, want);
        let mut visited = Vec::new();
        let stopped = figures.each_chunk_indexed(|c, _, _| {
            visited.push(c);
            if c == 1 {
                return Err(Fatal::Other("stop".into()));
            }
            Ok(())
        });
        assert!(matches!(stopped, Err(Fatal::Other(m)) if m == "stop"));
        assert_eq!(visited, vec![0, 1]);
    }

    #[test]
    fn chunks_close_at_the_figure_count_or_the_unit_count() {
        let t = Template::builtin().unwrap();
        let i = ind(&t, "HC02");
        let big: Vec<TidyRow> = (0..FIGURES_PER_CHUNK / 2 + 1)
            .map(|_| row(i, ValueColumn::Th, 1.0, 0))
            .collect();
        let subs: Vec<Submission> = (0..5).map(|_| sub_with(&t, "P01", big.clone())).collect();
        let refs: Vec<&Submission> = subs.iter().collect();
        // Two of these would pass the figure count: one per chunk.
        assert_eq!(Figures::in_memory(&refs).chunk_count(), 5);
        let small: Vec<Submission> = (0..UNITS_PER_CHUNK * 2 + 1)
            .map(|_| sub_with(&t, "P01", vec![row(i, ValueColumn::Th, 1.0, 0)]))
            .collect();
        let refs: Vec<&Submission> = small.iter().collect();
        let figures = Figures::in_memory(&refs);
        assert_eq!(figures.chunk_count(), 3);
        let mut sizes = Vec::new();
        figures
            .each_chunk(|s| {
                sizes.push(s.len());
                Ok(())
            })
            .unwrap();
        assert_eq!(sizes, vec![UNITS_PER_CHUNK, UNITS_PER_CHUNK, 1]);
        assert_eq!(Figures::in_memory(&[]).chunk_count(), 0);
    }
}
