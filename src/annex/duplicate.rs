//! Duplicate tasks: the same content twice (after normalisation: accents,
//! case, spacing, punctuation and leading numbering ignored), and
//! near-duplicates by token similarity.
//!
//! Similarity is a weighted Jaccard index over the words of two contents.
//! Words that say nothing about the task (the template's `boilerplate`:
//! "tổ chức", "triển khai", "trên địa bàn", …), numbers (years) and agency
//! names weigh a tenth of a meaningful word, so two tasks that share only
//! boilerplate are not alike, and two that differ only in a year or an
//! agency are — unless each names its own unit: "UBND phường 5 tổ chức …"
//! sent by Phường 5 and "UBND phường 6 tổ chức …" sent by Phường 6 are
//! the same routine of two units, not one task sent twice.

use crate::template::Template;
use crate::text::fold;
use std::collections::{BTreeSet, HashMap};

/// How much a boilerplate word, a number or an agency name weighs against
/// a meaningful word.
const LIGHT: f64 = 0.1;
/// The least weight of meaningful words two contents must share to be
/// near-duplicates.
const MIN_SHARED: f64 = 2.0;
/// The token that stands for any agency name.
const AGENCY: &str = "\u{1}agency";

/// The comparison key of a content: folded, without leading numbering or
/// bullets.
pub fn content_key(content: &str) -> String {
    let f = fold(content);
    let mut words: Vec<&str> = f.split(' ').filter(|w| !w.is_empty()).collect();
    // "1", "1 2", "a" before the text.
    while let (Some(&w), true) = (words.first(), words.len() > 1) {
        let numbering = w.bytes().all(|b| b.is_ascii_digit())
            || (w.len() == 1 && w.bytes().all(|b| b.is_ascii_lowercase()));
        if numbering {
            words.remove(0);
        } else {
            break;
        }
    }
    words.join(" ")
}

/// A content read for comparison: its weighted words (agency names
/// replaced by one token) and the registry agencies it names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reading {
    pub words: HashMap<String, f64>,
    pub named: BTreeSet<usize>,
}

impl Reading {
    /// The words that carry meaning (full weight).
    fn meaningful(&self) -> impl Iterator<Item = &str> {
        self.words
            .iter()
            .filter(|(_, w)| **w >= 1.0)
            .map(|(k, _)| k.as_str())
    }
}

/// Phrases (folded words) looked up by their first word, longest first.
#[derive(Default)]
struct Phrases<T> {
    by_first: HashMap<String, Vec<(Vec<String>, T)>>,
}

impl<T: Clone + PartialEq> Phrases<T> {
    fn new(list: impl IntoIterator<Item = (Vec<String>, T)>) -> Phrases<T> {
        let mut by_first: HashMap<String, Vec<(Vec<String>, T)>> = HashMap::new();
        for (words, value) in list {
            let Some(first) = words.first().cloned() else {
                continue;
            };
            let bucket = by_first.entry(first).or_default();
            if !bucket.iter().any(|(w, v)| *w == words && *v == value) {
                bucket.push((words, value));
            }
        }
        for bucket in by_first.values_mut() {
            // Stable: of two phrases of one length, the first listed wins.
            bucket.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        Phrases { by_first }
    }

    /// The longest phrase that starts at `words[i]`.
    fn at(&self, words: &[&str], i: usize) -> Option<&(Vec<String>, T)> {
        let first = words.get(i)?;
        self.by_first.get(*first)?.iter().find(|(phrase, _)| {
            words
                .get(i..i + phrase.len())
                .is_some_and(|w| w.iter().zip(phrase.iter()).all(|(x, y)| x == y))
        })
    }
}

/// Compares task contents.
pub struct Similarity {
    boilerplate: Phrases<()>,
    /// Agency names and aliases (two words or more) with their agency.
    agencies: Phrases<usize>,
}

impl Similarity {
    pub fn new(template: &Template, boilerplate: &[String]) -> Similarity {
        let folded = |s: &str| {
            fold(s)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        };
        let boilerplate = Phrases::new(boilerplate.iter().map(|b| (folded(b), ())));
        let agencies = Phrases::new(
            template
                .agencies
                .iter()
                .enumerate()
                .flat_map(|(i, a)| {
                    [a.name.as_str()]
                        .into_iter()
                        .chain(a.aliases.iter().map(String::as_str))
                        .map(move |n| (folded(n), i))
                })
                // One-word aliases ("P1", "CCT") are too easily a real word.
                .filter(|(w, _)| w.len() >= 2),
        );
        Similarity {
            boilerplate,
            agencies,
        }
    }

    /// The weighted words of a content (agency names replaced by one
    /// token).
    pub fn weighted_words(&self, content: &str) -> HashMap<String, f64> {
        self.read(content).words
    }

    /// The registry agencies a content names.
    pub fn agencies_named(&self, content: &str) -> BTreeSet<usize> {
        self.read(content).named
    }

    /// Reads a content once for any number of comparisons.
    pub fn read(&self, content: &str) -> Reading {
        let key = content_key(content);
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        let mut out = HashMap::new();
        let mut named = BTreeSet::new();
        let mut i = 0;
        while let Some(&w) = words.get(i) {
            if let Some((a, k)) = self.agencies.at(&words, i) {
                out.insert(AGENCY.to_string(), LIGHT);
                named.insert(*k);
                i += a.len();
                continue;
            }
            if let Some((b, ())) = self.boilerplate.at(&words, i) {
                for w in b {
                    out.entry(w.clone()).or_insert(LIGHT);
                }
                i += b.len();
                continue;
            }
            let weight = if w.bytes().all(|b| b.is_ascii_digit()) {
                LIGHT
            } else {
                1.0
            };
            let e = out.entry(w.to_string()).or_insert(weight);
            *e = e.max(weight);
            i += 1;
        }
        Reading { words: out, named }
    }

    /// The similarity of two contents (0 to 1), or 0 when they share too
    /// few meaningful words to be compared.
    pub fn similarity(&self, a: &str, b: &str) -> f64 {
        alike(&self.read(a), &self.read(b))
    }
}

/// The similarity of two readings (0 to 1), or 0 when they share too few
/// meaningful words to be compared.
pub fn alike(a: &Reading, b: &Reading) -> f64 {
    let (wa, wb) = (&a.words, &b.words);
    let mut shared = 0.0;
    let mut shared_meaningful = 0.0;
    let mut union = 0.0;
    for (w, x) in wa {
        match wb.get(w) {
            Some(_) => {
                shared += x;
                union += x;
                if *x >= 1.0 {
                    shared_meaningful += x;
                }
            }
            None => union += x,
        }
    }
    for (w, y) in wb {
        if !wa.contains_key(w) {
            union += y;
        }
    }
    if union == 0.0 || shared_meaningful < MIN_SHARED {
        return 0.0;
    }
    shared / union
}

/// The words two contents differ in, as each writes them: what is left
/// of each between the words they open with and the words they end with
/// alike (accents, case and punctuation aside). "… tại Phòng Tài nguyên
/// và Môi trường" and "… tại Phòng Tư pháp" differ in "Phòng Tài nguyên
/// và Môi trường" and "Phòng Tư pháp". At most [`DIFFER_WORDS`] words of
/// each, "…" after.
pub fn differing_words(a: &str, b: &str) -> (String, String) {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    let same = |x: &str, y: &str| {
        let clean = |w: &str| fold(w.trim_matches(|c: char| !c.is_alphanumeric()));
        clean(x) == clean(y)
    };
    let head = wa.iter().zip(&wb).take_while(|(x, y)| same(x, y)).count();
    let room = wa.len().min(wb.len()) - head;
    let tail = wa
        .iter()
        .rev()
        .zip(wb.iter().rev())
        .take(room)
        .take_while(|(x, y)| same(x, y))
        .count();
    let middle = |w: &[&str]| {
        let part = w.get(head..w.len() - tail).unwrap_or_default();
        let mut text = part
            .iter()
            .take(DIFFER_WORDS)
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        text = text
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.'))
            .to_string();
        if part.len() > DIFFER_WORDS {
            text.push('…');
        }
        text
    };
    (middle(&wa), middle(&wb))
}

/// The most words [`differing_words`] quotes of each content.
const DIFFER_WORDS: usize = 12;

/// For each reading, the earlier ones it may be alike to: those sharing
/// at least [`MIN_SHARED`] meaningful words (every other pair scores 0),
/// found through an index of words, so that a batch of thousands of tasks
/// is not compared pair by pair. In increasing order.
pub fn candidates(readings: &[Reading]) -> Vec<Vec<usize>> {
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut out = Vec::with_capacity(readings.len());
    let mut shared: HashMap<usize, f64> = HashMap::new();
    for (k, r) in readings.iter().enumerate() {
        shared.clear();
        for w in r.meaningful() {
            for &j in postings.get(w).map(Vec::as_slice).unwrap_or_default() {
                *shared.entry(j).or_default() += 1.0;
            }
        }
        let mut earlier: Vec<usize> = shared
            .iter()
            .filter(|(_, n)| **n >= MIN_SHARED)
            .map(|(j, _)| *j)
            .collect();
        earlier.sort_unstable();
        out.push(earlier);
        for w in r.meaningful() {
            postings.entry(w).or_default().push(k);
        }
    }
    out
}

/// Whether two tasks differ only by naming each its own unit: every agency
/// one names and the other does not is one of its own units (its sender or
/// lead), on both sides ("UBND phường 5 tổ chức …" from Phường 5, "UBND
/// phường 6 tổ chức …" from Phường 6). Such tasks are the same routine of
/// two units, not one task sent twice.
pub fn differ_by_own_units(
    named: (&BTreeSet<usize>, &BTreeSet<usize>),
    own: (&BTreeSet<usize>, &BTreeSet<usize>),
) -> bool {
    let only_a: BTreeSet<usize> = named.0.difference(named.1).copied().collect();
    let only_b: BTreeSet<usize> = named.1.difference(named.0).copied().collect();
    !only_a.is_empty() && !only_b.is_empty() && only_a.is_subset(own.0) && only_b.is_subset(own.1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_words_two_tasks_differ_in_are_between_their_shared_ends() {
        let (a, b) = differing_words(
            "Kiểm tra công tác cải cách hành chính tại Phòng Tài nguyên và Môi trường",
            "Kiểm tra công tác cải cách hành chính tại Phòng Tư pháp",
        );
        assert_eq!(
            (a.as_str(), b.as_str()),
            ("Tài nguyên và Môi trường", "Tư pháp")
        );
        // One adds words the other lacks: the other differs in none.
        let (a, b) = differing_words(
            "Kiểm tra quảng cáo trên địa bàn quận năm 2020",
            "kiểm tra quảng cáo năm 2020.",
        );
        assert_eq!((a.as_str(), b.as_str()), ("trên địa bàn quận", ""));
    }

    use super::*;

    fn sim() -> Similarity {
        let t = Template::builtin().unwrap();
        let s = crate::annex::settings::AnnexSettings::from_template(&t).unwrap();
        Similarity::new(&t, &s.boilerplate)
    }

    #[test]
    fn exact_duplicates_ignore_accents_case_spacing_and_numbering() {
        assert_eq!(
            content_key("1. Rà soát, cập nhật  danh mục dự án."),
            content_key("rà soát cập nhật DANH MỤC DỰ ÁN")
        );
        assert_eq!(content_key("- Ra soat danh muc"), "ra soat danh muc");
        assert_ne!(
            content_key("Rà soát danh mục dự án năm 2020"),
            content_key("Rà soát danh mục dự án năm 2021")
        );
    }

    #[test]
    fn a_task_differing_only_in_a_year_or_an_agency_is_a_near_duplicate() {
        let s = sim();
        let a = "Kiểm tra, xử lý vi phạm trật tự lòng lề đường năm 2020";
        let b = "Kiểm tra xử lý vi phạm trật tự lòng lề đường trên địa bàn quận năm 2021";
        assert!(s.similarity(a, b) >= 0.8, "{}", s.similarity(a, b));
        let c = "Phối hợp Phòng Kinh tế kiểm tra an toàn thực phẩm tại các chợ";
        let d = "Phối hợp Phòng Y tế kiểm tra an toàn thực phẩm tại các chợ";
        assert!(s.similarity(c, d) >= 0.8, "{}", s.similarity(c, d));
    }

    #[test]
    fn tasks_alike_only_in_boilerplate_are_not_near_duplicates() {
        let s = sim();
        let a = "Tổ chức triển khai thực hiện công tác kiểm tra trên địa bàn quận năm 2020";
        let b = "Tổ chức triển khai thực hiện công tác tuyên truyền trên địa bàn quận năm 2020";
        assert!(s.similarity(a, b) < 0.5, "{}", s.similarity(a, b));
        let c = "Tiếp tục triển khai kế hoạch phòng chống dịch COVID-19";
        let d = "Tiếp tục triển khai kế hoạch cải cách hành chính năm 2020";
        assert!(s.similarity(c, d) < 0.5, "{}", s.similarity(c, d));
        // Different tasks that share a few real words are not alike either.
        let e = "Thu ngân sách nhà nước quý II";
        let f = "Chi ngân sách nhà nước quý II";
        assert!(s.similarity(e, f) < 0.8, "{}", s.similarity(e, f));
    }

    #[test]
    fn tasks_that_differ_only_by_their_own_unit_are_not_duplicates() {
        let t = Template::builtin().unwrap();
        let s = sim();
        let idx = |c: &str| t.agency_index(c).unwrap();
        let set = |codes: &[&str]| codes.iter().map(|c| idx(c)).collect::<BTreeSet<_>>();
        let a = "UBND phường 5 tổ chức ra quân tổng vệ sinh môi trường khu dân cư";
        let b = "UBND phường 6 tổ chức ra quân tổng vệ sinh môi trường khu dân cư";
        assert!(s.similarity(a, b) >= 0.8);
        let (na, nb) = (s.agencies_named(a), s.agencies_named(b));
        assert_eq!((na.clone(), nb.clone()), (set(&["P05"]), set(&["P06"])));
        // Each sent by its own ward: two units' routine, no duplicate.
        assert!(differ_by_own_units(
            (&na, &nb),
            (&set(&["P05"]), &set(&["P06"]))
        ));
        // Near miss: one department names two other units — the same task
        // twice, still reported.
        assert!(!differ_by_own_units(
            (&na, &nb),
            (&set(&["P.TNMT"]), &set(&["P.TNMT"]))
        ));
        // Near miss: the same unit named in both is no difference at all.
        assert!(!differ_by_own_units(
            (&na, &na),
            (&set(&["P05"]), &set(&["P05"]))
        ));
    }
}
