//! Matching a table row to a catalog indicator: by code when the table has
//! a code column, otherwise by name — folded (accents, case, punctuation,
//! spacing), with numbering, leading dashes and "Trong đó:" stripped and
//! the template's abbreviations expanded — and then approximately above the
//! template's threshold.

use crate::normalize::text::{fold, indicator_key};
use crate::template::Template;
use std::collections::HashMap;

/// How a row matched.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RowMatch {
    /// By code, or by a name equal to a catalog name or alias.
    Exact(usize),
    /// By a name close to a catalog name (similarity 0..1).
    Approximate(usize, f64),
    None,
}

pub struct IndicatorMatcher {
    by_code: HashMap<String, usize>,
    by_key: HashMap<String, usize>,
    keys: Vec<(String, usize)>,
    /// Length in characters of each of `keys`.
    key_chars: Vec<usize>,
    abbreviations: HashMap<String, String>,
    threshold: f64,
}

impl IndicatorMatcher {
    pub fn new(template: &Template) -> IndicatorMatcher {
        let abbreviations: HashMap<String, String> = template
            .settings
            .abbreviations
            .iter()
            .map(|(k, v)| (fold(k), fold(v)))
            .collect();
        let mut m = IndicatorMatcher {
            by_code: HashMap::new(),
            by_key: HashMap::new(),
            keys: Vec::new(),
            key_chars: Vec::new(),
            abbreviations,
            threshold: template.settings.name_match_threshold,
        };
        for (i, ind) in template.indicators.iter().enumerate() {
            m.by_code.insert(fold(&ind.code).replace(' ', ""), i);
            let mut names = vec![ind.name.clone()];
            names.extend(ind.aliases.iter().cloned());
            for n in names {
                let key = m.key(&n);
                if key.is_empty() {
                    continue;
                }
                m.by_key.entry(key.clone()).or_insert(i);
                m.key_chars.push(key.chars().count());
                m.keys.push((key, i));
            }
        }
        m
    }

    /// The comparison key of a name as a row writes it.
    pub fn key(&self, name: &str) -> String {
        let base = indicator_key(name);
        if self.abbreviations.is_empty() {
            return base;
        }
        base.split(' ')
            .map(|w| self.abbreviations.get(w).map(String::as_str).unwrap_or(w))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The indicator a code names, if any.
    pub fn by_code(&self, code: &str) -> Option<usize> {
        let k = fold(code).replace(' ', "");
        if k.is_empty() {
            return None;
        }
        self.by_code.get(&k).copied()
    }

    /// Matches a row by its code (when given and known) or its name.
    pub fn match_row(&self, code: Option<&str>, name: &str) -> RowMatch {
        if let Some(i) = code.and_then(|c| self.by_code(c)) {
            return RowMatch::Exact(i);
        }
        self.match_name(name)
    }

    /// Matches a name exactly or approximately.
    pub fn match_name(&self, name: &str) -> RowMatch {
        let key = self.key(name);
        if key.is_empty() {
            return RowMatch::None;
        }
        if let Some(&i) = self.by_key.get(&key) {
            return RowMatch::Exact(i);
        }
        let digits = |s: &str| {
            s.split(' ')
                .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
                .map(String::from)
                .collect::<Vec<_>>()
        };
        let key_digits = digits(&key);
        let key_chars = key.chars().count();
        // A key whose length alone keeps it below the threshold less the
        // margin can be neither the match nor the runner-up that vetoes
        // it: the edit distance is at least the difference in length, so
        // the similarity is at most shorter / longer.
        // (A thousandth more of margin keeps rounding out of it.)
        let floor = self.threshold - 0.031;
        let mut best: Option<(f64, usize)> = None;
        let mut second = 0.0f64;
        for ((k, i), &k_chars) in self.keys.iter().zip(&self.key_chars) {
            let (lo, hi) = (key_chars.min(k_chars), key_chars.max(k_chars));
            if hi > 0 && (lo as f64) / (hi as f64) < floor {
                continue;
            }
            let sim = strsim::normalized_levenshtein(&key, k);
            if best.is_none_or(|(s, _)| sim > s) {
                if let Some((s, j)) = best {
                    if j != *i {
                        second = second.max(s);
                    }
                }
                best = Some((sim, *i));
            } else if best.is_some_and(|(_, j)| j != *i) {
                second = second.max(sim);
            }
        }
        match best {
            // Numbers in a name (years, "2010") must agree, and the best
            // candidate must stand clear of the next one.
            Some((sim, i)) if sim >= self.threshold && sim - second >= 0.03 => {
                let cand = self
                    .keys
                    .iter()
                    .find(|(_, j)| *j == i)
                    .map(|(k, _)| digits(k))
                    .unwrap_or_default();
                if cand == key_digits {
                    RowMatch::Approximate(i, sim)
                } else {
                    RowMatch::None
                }
            }
            _ => RowMatch::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(m: &IndicatorMatcher, t: &Template, name: &str) -> Option<String> {
        match m.match_name(name) {
            RowMatch::Exact(i) | RowMatch::Approximate(i, _) => Some(t.indicators[i].code.clone()),
            RowMatch::None => None,
        }
    }

    #[test]
    fn names_match_without_accents_case_or_prefixes() {
        let t = Template::builtin().unwrap();
        let m = IndicatorMatcher::new(&t);
        assert_eq!(
            m.match_name("Ho so thu tuc hanh chinh da tiep nhan"),
            RowMatch::Exact(t.indicator_index("HC01").unwrap())
        );
        assert_eq!(
            code_of(&m, &t, "HỒ SƠ THỦ TỤC HÀNH CHÍNH ĐÃ GIẢI QUYẾT").as_deref(),
            Some("HC02")
        );
        assert_eq!(
            code_of(&m, &t, "Hồ sơ TTHC đã giải quyết").as_deref(),
            Some("HC02")
        );
        assert_eq!(
            code_of(&m, &t, "- đang cách ly tập trung").as_deref(),
            Some("YT11a")
        );
        assert_eq!(
            code_of(&m, &t, "giải quyết đúng hạn").as_deref(),
            Some("HC03")
        );
        assert_eq!(
            code_of(&m, &t, "1. Lượt  tiếp   công dân").as_deref(),
            Some("TT01")
        );
    }

    #[test]
    fn retyped_names_match_approximately() {
        let t = Template::builtin().unwrap();
        let m = IndicatorMatcher::new(&t);
        // A typo: "tiep nhạn" and a missing word.
        match m.match_name("Hồ sơ thủ tục hành chánh đã tiếp nhận") {
            RowMatch::Approximate(i, s) => {
                assert_eq!(t.indicators[i].code, "HC01");
                assert!(s < 1.0);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn names_that_must_not_match() {
        let t = Template::builtin().unwrap();
        let m = IndicatorMatcher::new(&t);
        assert_eq!(m.match_name("Số hộ gia đình văn hóa"), RowMatch::None);
        assert_eq!(m.match_name("KINH TẾ"), RowMatch::None);
        assert_eq!(
            m.match_name("Giá trị sản xuất công nghiệp (giá so sánh 1994)"),
            RowMatch::None
        );
        assert_eq!(m.match_name(""), RowMatch::None);
        // Close to two catalog names at once: not matched.
        assert_eq!(code_of(&m, &t, "Cách ly").as_deref(), None);
    }

    /// `match_name` as it was before keys were skipped by length: every
    /// key compared.
    fn match_name_exhaustive(m: &IndicatorMatcher, name: &str) -> RowMatch {
        let key = m.key(name);
        if key.is_empty() {
            return RowMatch::None;
        }
        if let Some(&i) = m.by_key.get(&key) {
            return RowMatch::Exact(i);
        }
        let digits = |s: &str| {
            s.split(' ')
                .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
                .map(String::from)
                .collect::<Vec<_>>()
        };
        let mut best: Option<(f64, usize)> = None;
        let mut second = 0.0f64;
        for (k, i) in &m.keys {
            let sim = strsim::normalized_levenshtein(&key, k);
            if best.is_none_or(|(s, _)| sim > s) {
                if let Some((s, j)) = best {
                    if j != *i {
                        second = second.max(s);
                    }
                }
                best = Some((sim, *i));
            } else if best.is_some_and(|(_, j)| j != *i) {
                second = second.max(sim);
            }
        }
        match best {
            Some((sim, i)) if sim >= m.threshold && sim - second >= 0.03 => {
                let cand = m
                    .keys
                    .iter()
                    .find(|(_, j)| *j == i)
                    .map(|(k, _)| digits(k))
                    .unwrap_or_default();
                if cand == digits(&key) {
                    RowMatch::Approximate(i, sim)
                } else {
                    RowMatch::None
                }
            }
            _ => RowMatch::None,
        }
    }

    #[test]
    fn skipping_keys_by_length_changes_no_match() {
        let t = Template::builtin().unwrap();
        let m = IndicatorMatcher::new(&t);
        let mut names: Vec<String> = vec![
            "KINH TẾ".into(),
            "I".into(),
            "Cách ly".into(),
            "Số hộ gia đình văn hóa".into(),
            "Hồ sơ thủ tục hành chánh đã tiếp nhận".into(),
        ];
        // Every catalog name retyped: letters dropped, doubled, swapped,
        // words cut and added.
        for ind in &t.indicators {
            let chars: Vec<char> = ind.name.chars().collect();
            for k in 0..chars.len() {
                let mut dropped = chars.clone();
                dropped.remove(k);
                names.push(dropped.into_iter().collect());
                let mut doubled = chars.clone();
                doubled.insert(k, chars[k]);
                names.push(doubled.into_iter().collect());
                if k + 1 < chars.len() {
                    let mut swapped = chars.clone();
                    swapped.swap(k, k + 1);
                    names.push(swapped.into_iter().collect());
                }
            }
            let words: Vec<&str> = ind.name.split(' ').collect();
            for k in 1..words.len() {
                names.push(words[..k].join(" "));
                names.push(words[k..].join(" "));
            }
            names.push(format!("{} khác", ind.name));
            names.push(format!("{} trên địa bàn phường", ind.name));
        }
        let mut approximate = 0;
        for n in &names {
            let got = m.match_name(n);
            assert_eq!(got, match_name_exhaustive(&m, n), "{n:?}");
            approximate += usize::from(matches!(got, RowMatch::Approximate(..)));
        }
        // The retyped names do reach the approximate branch.
        assert!(approximate > 100, "{approximate}");
    }

    #[test]
    fn codes_match_case_insensitively() {
        let t = Template::builtin().unwrap();
        let m = IndicatorMatcher::new(&t);
        assert_eq!(
            m.match_row(Some("hc02"), "whatever"),
            RowMatch::Exact(t.indicator_index("HC02").unwrap())
        );
        assert_eq!(
            m.match_row(Some("ZZ99"), "Lượt tiếp công dân"),
            RowMatch::Exact(t.indicator_index("TT01").unwrap())
        );
    }
}
