//! A careful reader of OLE compound files (the container of `.xls`), run
//! before calamine sees the file.
//!
//! calamine 0.38 follows sector chains without checking for loops: a 1 KB
//! file whose directory chain points back at itself
//! (`phpspreadsheet/XLS/oleloop.xls`) makes it allocate until the process is
//! killed, which `catch_unwind` cannot stop. This module walks every chain
//! calamine would walk (DIFAT, FAT, directory, mini-FAT, mini stream and each
//! the workbook stream), each with a visited set, and refuses the file with a plain
//! reason when a chain loops, points outside the file or outside its table.
//! It also hands out streams (the `Workbook` stream for the BIFF pre-scan in
//! [`super::biff`]) and the directory names (to recognise an encrypted
//! `.xlsx`, which is an OLE file holding `EncryptedPackage`).
//!
//! ```text
//! file = header (512 B, padded to one sector) | sector 0 | sector 1 | ...
//! FAT[i]      = next sector after sector i (0xFFFFFFFE ends the chain)
//! miniFAT[i]  = next 64-byte mini sector inside the mini stream
//! ```
//!
//! Cost: one pass over the file in memory (files are capped by
//! `limits.max_file_mb`); with the BIFF scan, 4 ms per file on average over
//! the corpus's `.xls` files in an unoptimized build (see `ingest::cost`).

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const DIFSECT: u32 = 0xFFFF_FFFC;
const RESERVED: u32 = 0xFFFF_FFFA;
const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// One directory entry: a stream or storage.
#[derive(Clone, Debug)]
pub struct Entry {
    pub name: String,
    start: u32,
    len: u64,
}

/// A compound file whose chains have all been checked.
pub struct Compound<'a> {
    data: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
    minifat: Vec<u32>,
    ministream: Vec<u8>,
    pub entries: Vec<Entry>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

const DAMAGED: &str = "the file is damaged: its internal structure (OLE compound file)";

impl<'a> Compound<'a> {
    /// Checks the container and reads its directory.
    ///
    /// # Errors
    /// A plain reason when the header is invalid or a chain loops or points
    /// outside the file.
    pub fn parse(data: &'a [u8]) -> Result<Compound<'a>, String> {
        if data.len() < 512 || data.get(..8) != Some(&SIGNATURE[..]) {
            return Err(format!(
                "{DAMAGED} is incomplete ({} bytes; the file was probably cut short)",
                data.len()
            ));
        }
        let sector = match u16_at(data, 30) {
            Some(9) => 512usize,
            Some(12) => 4096,
            _ => return Err(format!("{DAMAGED} has an invalid sector size")),
        };
        if u16_at(data, 32) != Some(6) {
            return Err(format!("{DAMAGED} has an invalid mini sector size"));
        }
        let version = u16_at(data, 26).unwrap_or(3);
        let field = |at| u32_at(data, at).unwrap_or(ENDOFCHAIN);
        let (dir_start, minifat_start, minifat_len, difat_start) =
            (field(48), field(60), field(64) as usize, field(68));
        // Sector ids calamine accepts: up to the file length / sector size.
        let max_id = (data.len() / sector) as u32;
        let mut c = Compound {
            data,
            sector,
            fat: Vec::new(),
            minifat: Vec::new(),
            ministream: Vec::new(),
            entries: Vec::new(),
        };
        // DIFAT: 109 entries in the header, then a chain of DIFAT sectors
        // whose last word points to the next one.
        let mut difat: Vec<u32> = (0..109).filter_map(|i| u32_at(data, 76 + 4 * i)).collect();
        let mut id = difat_start;
        let mut seen = vec![false; max_id as usize + 1];
        while id < RESERVED {
            let slot = seen
                .get_mut(id as usize)
                .ok_or_else(|| format!("{DAMAGED} points past the end of the file"))?;
            if *slot {
                return Err(format!(
                    "{DAMAGED} loops back on itself (a sector chain never ends)"
                ));
            }
            *slot = true;
            let words = c.sector_words(id);
            let Some((&next, rest)) = words.split_last() else {
                break;
            };
            difat.extend_from_slice(rest);
            id = next;
        }
        for id in difat.into_iter().filter(|&id| id < DIFSECT) {
            if id > max_id {
                return Err(format!("{DAMAGED} points past the end of the file"));
            }
            let words = c.sector_words(id);
            c.fat.extend(words);
        }
        let dir = c.chain(dir_start, &c.fat, c.sector, u64::MAX, "directory")?;
        let dir = c.gather(&dir, u64::MAX);
        for e in dir.chunks_exact(128) {
            let name_len = (u16_at(e, 64).unwrap_or(0) as usize).min(64);
            let units: Vec<u16> = e
                .get(..name_len)
                .unwrap_or_default()
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .take_while(|&u| u != 0)
                .collect();
            let len = if sector == 512 {
                u32_at(e, 120).unwrap_or(0) as u64
            } else {
                u64_at(e, 120).unwrap_or(0)
            };
            c.entries.push(Entry {
                name: String::from_utf16_lossy(&units),
                start: u32_at(e, 116).unwrap_or(ENDOFCHAIN),
                len,
            });
        }
        let Some(root) = c.entries.first().cloned() else {
            return Err(format!("{DAMAGED} has an empty directory"));
        };
        if version != 3 && root.start == ENDOFCHAIN {
            return Err(format!("{DAMAGED} has an empty directory"));
        }
        if minifat_len > 0 {
            let ids = c.chain(root.start, &c.fat, c.sector, root.len, "mini stream")?;
            c.ministream = c.gather(&ids, root.len);
            let bytes = (minifat_len as u64).saturating_mul(sector as u64);
            let ids = c.chain(minifat_start, &c.fat, c.sector, bytes, "mini table")?;
            c.minifat = c
                .gather(&ids, bytes)
                .chunks_exact(4)
                .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
                .collect();
        }
        // The streams calamine reads (`Workbook` or `Book`) are checked
        // when [`Compound::stream`] takes them out; other streams are never
        // followed by calamine, so a broken one does not matter.
        Ok(c)
    }

    /// The words of one sector (short at the end of an unpadded file).
    fn sector_words(&self, id: u32) -> Vec<u32> {
        self.sector_bytes(id)
            .chunks_exact(4)
            .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
            .collect()
    }

    fn sector_bytes(&self, id: u32) -> &'a [u8] {
        let start = (id as usize + 1).saturating_mul(self.sector);
        let end = start.saturating_add(self.sector).min(self.data.len());
        self.data.get(start..end).unwrap_or_default()
    }

    /// The sector ids of a chain, stopping (as calamine does) once `len`
    /// bytes are covered.
    ///
    /// # Errors
    /// When the chain loops or leaves its table.
    fn chain(
        &self,
        start: u32,
        table: &[u32],
        unit: usize,
        len: u64,
        what: &str,
    ) -> Result<Vec<u32>, String> {
        let mut ids = Vec::new();
        let mut seen = vec![false; table.len()];
        let mut id = start;
        while id != ENDOFCHAIN {
            let Some(slot) = seen.get_mut(id as usize) else {
                return Err(format!(
                    "{DAMAGED} is broken: the chain of '{what}' points past the end of the file"
                ));
            };
            if *slot {
                return Err(format!(
                    "{DAMAGED} loops back on itself: the chain of '{what}' never ends"
                ));
            }
            *slot = true;
            ids.push(id);
            if (ids.len() as u64).saturating_mul(unit as u64) >= len {
                break;
            }
            id = table.get(id as usize).copied().unwrap_or(ENDOFCHAIN);
        }
        Ok(ids)
    }

    /// The bytes of a checked chain of big sectors, at most `len` bytes.
    fn gather(&self, ids: &[u32], len: u64) -> Vec<u8> {
        let mut out = Vec::new();
        for &id in ids {
            out.extend_from_slice(self.sector_bytes(id));
            if out.len() as u64 >= len {
                out.truncate(len as usize);
                break;
            }
        }
        out
    }

    /// True when a stream or storage of that name exists (ASCII case
    /// ignored, as calamine does).
    pub fn has(&self, name: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.name.eq_ignore_ascii_case(name))
    }

    /// The bytes of a stream.
    ///
    /// # Errors
    /// When the stream is absent or its chain is broken.
    pub fn stream(&self, name: &str) -> Result<Vec<u8>, String> {
        let e = self
            .entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name))
            .ok_or_else(|| format!("no '{name}' stream"))?;
        if e.len >= 4096 {
            let ids = self.chain(e.start, &self.fat, self.sector, e.len, name)?;
            Ok(self.gather(&ids, e.len))
        } else {
            let ids = self.chain(e.start, &self.minifat, 64, e.len, name)?;
            let mut out = Vec::new();
            for id in ids {
                let s = (id as usize).saturating_mul(64);
                let end = s.saturating_add(64).min(self.ministream.len());
                out.extend_from_slice(self.ministream.get(s..end).unwrap_or_default());
            }
            out.truncate(e.len as usize);
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal compound file: header, one FAT sector (sector 0), one
    /// directory sector (sector 1) holding the root entry.
    fn tiny(dir_next: u32) -> Vec<u8> {
        let mut f = vec![0u8; 512 * 3];
        f[..8].copy_from_slice(&SIGNATURE);
        f[26..28].copy_from_slice(&3u16.to_le_bytes());
        f[30..32].copy_from_slice(&9u16.to_le_bytes());
        f[32..34].copy_from_slice(&6u16.to_le_bytes());
        f[44..48].copy_from_slice(&1u32.to_le_bytes());
        f[48..52].copy_from_slice(&1u32.to_le_bytes()); // directory at sector 1
        f[60..64].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        f[68..72].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        for i in 0..109 {
            let v = if i == 0 { 0u32 } else { 0xFFFF_FFFF };
            f[76 + 4 * i..80 + 4 * i].copy_from_slice(&v.to_le_bytes());
        }
        // FAT: sector 0 is the FAT itself, sector 1 the directory.
        let fat = 512;
        f[fat..fat + 4].copy_from_slice(&0xFFFF_FFFDu32.to_le_bytes());
        f[fat + 4..fat + 8].copy_from_slice(&dir_next.to_le_bytes());
        for i in 2..128 {
            f[fat + 4 * i..fat + 4 * i + 4].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        }
        let dir = 1024;
        for (i, u) in "Root Entry".encode_utf16().enumerate() {
            f[dir + 2 * i..dir + 2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        f[dir + 64..dir + 66].copy_from_slice(&22u16.to_le_bytes());
        f[dir + 116..dir + 120].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        f
    }

    #[test]
    fn a_sound_container_is_read() {
        let f = tiny(ENDOFCHAIN);
        let c = Compound::parse(&f).unwrap();
        assert!(c.has("root entry"));
        assert!(c.stream("Workbook").is_err());
    }

    #[test]
    fn a_looping_directory_chain_is_refused() {
        // The directory sector names itself as its successor.
        let f = tiny(1);
        let Err(err) = Compound::parse(&f) else {
            panic!("accepted")
        };
        assert!(err.contains("loops"), "{err}");
    }

    #[test]
    fn a_chain_past_the_table_is_refused() {
        let f = tiny(5000);
        let Err(err) = Compound::parse(&f) else {
            panic!("accepted")
        };
        assert!(err.contains("past the end"), "{err}");
    }

    #[test]
    fn a_cut_file_is_refused() {
        let f = tiny(ENDOFCHAIN);
        let Err(err) = Compound::parse(&f[..300]) else {
            panic!("accepted")
        };
        assert!(err.contains("incomplete"));
    }
}
