//! What a reading thread remembers of a text it has met: the same headers,
//! indicator names and units come back in every workbook of a batch, so
//! their folds, roles and matches are worked out once per thread. Each
//! memo is bounded: texts longer than [`MAX_LEN`] bytes are not kept, and
//! a memo that reaches [`MAX_ENTRIES`] starts afresh.

use std::sync::atomic::{AtomicU64, Ordering};

/// Texts longer than this (in bytes) are not remembered: a task or a note
/// differs in every workbook.
pub const MAX_LEN: usize = 256;
/// Entries a memo holds before it starts afresh.
pub const MAX_ENTRIES: usize = 4096;

/// Results remembered by the text they were worked out from.
pub struct TextMemo<V> {
    map: foldhash::HashMap<Box<str>, V>,
}

impl<V> Default for TextMemo<V> {
    fn default() -> Self {
        TextMemo {
            map: foldhash::HashMap::default(),
        }
    }
}

impl<V> TextMemo<V> {
    pub fn get(&self, text: &str) -> Option<&V> {
        self.map.get(text)
    }

    /// Remembers `value` for `text`, unless the text is too long to keep.
    pub fn insert(&mut self, text: &str, value: V) {
        if text.len() > MAX_LEN {
            return;
        }
        if self.map.len() >= MAX_ENTRIES {
            self.map.clear();
        }
        self.map.insert(text.into(), value);
    }

    pub fn clear(&mut self) {
        self.map.clear();
    }
}

/// A new id for an owner of remembered results (a set of header words, an
/// indicator matcher), so that no owner reads another's.
pub fn owner_id() -> u64 {
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
        assert_ne!(owner_id(), owner_id());
    }
}
