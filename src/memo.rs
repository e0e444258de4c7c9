//! What a reading thread remembers of a text it has met: the same headers,
//! indicator names and units come back in every workbook of a batch, so
//! their folds, roles and matches are worked out once per thread. Each
//! memo is bounded: texts longer than [`MAX_LEN`] bytes are not kept, and
//! a memo that reaches [`MAX_ENTRIES`] starts afresh. The small parts of
//! a workbook are remembered the same way by their bytes
//! ([`BytesMemo`]).

use std::borrow::Borrow;
use std::cell::RefCell;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::LocalKey;

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

/// A memo of results by the key they were worked out from
/// ([`TextMemo`], [`BytesMemo`]), for [`remembered`].
pub trait Memo: Default {
    type Key: ?Sized;
    type Value: Clone;
    /// Whether a result for `key` would be kept at all.
    fn keeps(key: &Self::Key) -> bool;
    fn get(&self, key: &Self::Key) -> Option<&Self::Value>;
    fn insert(&mut self, key: &Self::Key, value: Self::Value);
}

impl<V: Clone> Memo for TextMemo<V> {
    type Key = str;
    type Value = V;
    fn keeps(key: &str) -> bool {
        TextMemo::<V>::keeps(key)
    }
    fn get(&self, key: &str) -> Option<&V> {
        TextMemo::get(self, key)
    }
    fn insert(&mut self, key: &str, value: V) {
        TextMemo::insert(self, key, value);
    }
}

impl<V: Clone> Memo for BytesMemo<V> {
    type Key = [u8];
    type Value = V;
    fn keeps(key: &[u8]) -> bool {
        BytesMemo::<V>::keeps(key.len())
    }
    fn get(&self, key: &[u8]) -> Option<&V> {
        BytesMemo::get(self, key)
    }
    fn insert(&mut self, key: &[u8], value: V) {
        BytesMemo::insert(self, key, value);
    }
}

/// `work()`, remembered under `key` in a thread's `memo`: a result met
/// before is handed out again, a new one is worked out and kept. A key too
/// long to keep is neither looked up nor copied: its work simply runs. The
/// memo is not held while `work` runs, so work that reaches the same memo
/// merely goes without it.
pub fn remembered<M: Memo>(
    memo: &'static LocalKey<RefCell<M>>,
    key: &M::Key,
    work: impl FnOnce() -> M::Value,
) -> M::Value {
    if !M::keeps(key) {
        return work();
    }
    let known = memo.with(|m| m.try_borrow().ok()?.get(key).cloned());
    if let Some(known) = known {
        return known;
    }
    let value = work();
    memo.with(|m| {
        if let Ok(mut m) = m.try_borrow_mut() {
            m.insert(key, value.clone());
        }
    });
    value
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
    fn remembered_work_runs_once_per_key_and_may_reach_its_own_memo() {
        thread_local! {
            static SEEN: RefCell<TextMemo<usize>> = RefCell::default();
        }
        let mut runs = 0;
        let mut len = |t: &str| {
            remembered(&SEEN, t, || {
                runs += 1;
                t.len()
            })
        };
        assert_eq!((len("ab"), len("ab"), len("abc")), (2, 2, 3));
        assert_eq!(runs, 2);
        // Work that asks the same memo for another key is answered.
        let outer = remembered(&SEEN, "outer", || remembered(&SEEN, "inner", || 5) + 1);
        assert_eq!(outer, 6);
        assert_eq!(remembered(&SEEN, "inner", || 0), 5);
        // A text too long to keep is worked out every time.
        let long = "x".repeat(MAX_LEN + 1);
        assert_eq!(remembered(&SEEN, &long, || 1), 1);
        assert_eq!(remembered(&SEEN, &long, || 2), 2);
        assert!(SEEN.with(|m| m.borrow().get(&long).is_none()));
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
