//! What a reading thread remembers of a text it has met: the same headers,
//! indicator names and units come back in every workbook of a batch, so
//! their folds, roles and matches are worked out once per thread. Each
//! memo is bounded: texts longer than [`MAX_LEN`] bytes are not kept, and
//! a memo that reaches [`MAX_ENTRIES`] starts afresh. The small parts of
//! a workbook are remembered the same way by their bytes
//! ([`BytesMemo`]).

use std::borrow::Borrow;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};

/// Texts longer than this (in bytes) are not remembered: a task or a note
/// differs in every workbook.
pub const MAX_LEN: usize = 256;
/// Entries a memo holds before it starts afresh.
pub const MAX_ENTRIES: usize = 4096;

/// A map of remembered results that starts afresh when it holds `CAP`
/// entries: the ground the memos below stand on, and the memo of results
/// keyed by ids (pairs of header cells).
pub struct Bounded<K, V, const CAP: usize = MAX_ENTRIES> {
    map: foldhash::HashMap<K, V>,
}

impl<K, V, const CAP: usize> Default for Bounded<K, V, CAP> {
    fn default() -> Self {
        Bounded {
            map: foldhash::HashMap::default(),
        }
    }
}

impl<K: Hash + Eq, V, const CAP: usize> Bounded<K, V, CAP> {
    pub fn get<Q: Hash + Eq + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.map.get(key)
    }

    pub fn insert(&mut self, key: K, value: V) {
        if self.map.len() >= CAP {
            self.map.clear();
        }
        self.map.insert(key, value);
    }

    pub fn clear(&mut self) {
        self.map.clear();
    }
}

/// Results remembered by the text they were worked out from.
pub struct TextMemo<V> {
    map: Bounded<Box<str>, V>,
}

impl<V> Default for TextMemo<V> {
    fn default() -> Self {
        TextMemo {
            map: Bounded::default(),
        }
    }
}

impl<V> TextMemo<V> {
    /// Whether a text is short enough to be remembered.
    pub fn keeps(text: &str) -> bool {
        text.len() <= MAX_LEN
    }

    pub fn get(&self, text: &str) -> Option<&V> {
        self.map.get(text)
    }

    /// Remembers `value` for `text`, unless the text is too long to keep.
    pub fn insert(&mut self, text: &str, value: V) {
        if Self::keeps(text) {
            self.map.insert(text.into(), value);
        }
    }

    pub fn clear(&mut self) {
        self.map.clear();
    }
}

/// Parts (in bytes) longer than this are not remembered by
/// [`BytesMemo`]: stored, a style or relationship part takes a few
/// kilobytes (at most 8.9 KB over the real-world corpus, 0.7 KB for the
/// median style part).
pub const MAX_BYTES_LEN: usize = 16 * 1024;
/// Entries a [`BytesMemo`] holds before it starts afresh: a batch holds
/// copies of a few forms, and at most 512 KB of keys are kept.
pub const MAX_BYTES_ENTRIES: usize = 32;

/// Results remembered by the bytes they were worked out from: the small
/// parts of a workbook (relationships, the sheet list, the style part)
/// that every ward's copy of the same form repeats byte for byte. Bounded
/// like [`TextMemo`]: keys longer than [`MAX_BYTES_LEN`] are not kept and
/// the memo starts afresh at [`MAX_BYTES_ENTRIES`].
pub struct BytesMemo<V> {
    map: Bounded<Box<[u8]>, V, MAX_BYTES_ENTRIES>,
}

impl<V> Default for BytesMemo<V> {
    fn default() -> Self {
        BytesMemo {
            map: Bounded::default(),
        }
    }
}

impl<V> BytesMemo<V> {
    /// Whether a key of `len` bytes is short enough to be remembered
    /// (asked before a key is gathered at all).
    pub fn keeps(len: usize) -> bool {
        len <= MAX_BYTES_LEN
    }

    pub fn get(&self, key: &[u8]) -> Option<&V> {
        self.map.get(key)
    }

    /// Remembers `value` for `key`, unless the key is too long to keep.
    pub fn insert(&mut self, key: &[u8], value: V) {
        if Self::keeps(key.len()) {
            self.map.insert(key.into(), value);
        }
    }
}

/// A new id, unique in the process: for an owner of remembered results (a
/// set of header words, an indicator matcher), so that no owner reads
/// another's, or for a remembered value that other results are keyed by
/// (a header cell's words, whose pairs are remembered by their ids).
pub fn new_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memo_keeps_short_texts_and_starts_afresh_when_full() {
        let mut m = TextMemo::default();
        m.insert("a", 1);
        assert_eq!(m.get("a"), Some(&1));
        let long = "x".repeat(MAX_LEN + 1);
        m.insert(&long, 2);
        assert_eq!(m.get(&long), None);
        for k in 1..MAX_ENTRIES {
            m.insert(&k.to_string(), 0);
        }
        assert_eq!(m.get("a"), Some(&1));
        m.insert("b", 3);
        assert_eq!((m.get("a"), m.get("b")), (None, Some(&3)));
        assert_ne!(new_id(), new_id());
    }

    #[test]
    fn a_bytes_memo_keeps_short_keys_and_starts_afresh_when_full() {
        let mut m = BytesMemo::default();
        m.insert(b"a", 1);
        assert_eq!(m.get(b"a"), Some(&1));
        let long = vec![b'x'; MAX_BYTES_LEN + 1];
        m.insert(&long, 2);
        assert_eq!(m.get(&long), None);
        for k in 1..MAX_BYTES_ENTRIES {
            m.insert(k.to_string().as_bytes(), 0);
        }
        assert_eq!(m.get(b"a"), Some(&1));
        m.insert(b"b", 3);
        assert_eq!((m.get(b"a"), m.get(b"b")), (None, Some(&3)));
    }
}
