//! Matching a table row to a catalog indicator: by code when the table has
//! a code column, otherwise by name — folded (accents, case, punctuation,
//! spacing), with numbering, leading dashes and "Trong đó:", "Chia ra:"… stripped and
//! the template's abbreviations expanded — and then approximately above the
//! template's threshold. A row named by its words is then placed
//! ([`IndicatorMatcher::place`]): the indicators above it decide between
//! two that bear its name, and a row marked as a part is first a part of
//! them.
//!
//! A code is an identifier, never folded like a name: `AN.01.1` and
//! `AN.11` are two indicators. It matches exactly (spaces around it and
//! letter case aside), or through an alias the template lists for the
//! indicator; a code written with other separators (`KT 01`, `KT-01` for
//! `KT.01`) matches when its letters and digits name exactly one catalog
//! code, and is reported as an approximate match.

use crate::memo::TextMemo;
use crate::template::Template;
use crate::text::{fold, indicator_key};
use rapidfuzz::distance::levenshtein::{self, BatchComparator};
use rayon::prelude::*;
use std::cell::RefCell;

/// How a row matched.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RowMatch {
    /// By code, or by a name equal to a catalog name or alias.
    Exact(usize),
    /// By a name close to a catalog name (similarity 0..1).
    Approximate(usize, f64),
    /// By a code written with other separators or spacing ("KT 01" for
    /// "KT.01"), naming exactly one catalog code that way.
    LooseCode(usize),
    None,
}

/// What the place of a row named by its words says about the indicator it
/// is: the indicators above it (the wholes it may be a part of) decide
/// between a name several indicators bear, and a row marked as a part ("-
/// Hộ nghèo", "Trong đó: nữ") is first a part of those wholes.
#[derive(Clone, Debug, PartialEq)]
pub enum Placed {
    /// The match by name stands.
    Kept,
    /// One of the parts of an indicator above, by the words the row says
    /// ("+ Hộ nghèo" under "Số hộ được hỗ trợ nhà ở" is «Hộ nghèo được hỗ
    /// trợ nhà ở», not «Số hộ nghèo»).
    Part(usize),
    /// The one of the indicators bearing the row's name that is a part of
    /// an indicator above ("Trong đó: Nữ" under LD.02 is LD.02.1, not
    /// LD.01.3 of the same name).
    Shared(usize),
    /// Several indicators bear the row's name and none is a part of the
    /// indicators above it: the catalog order cannot decide.
    Ambiguous(Vec<usize>),
    /// An indicator whose relation takes an indicator above it away (the
    /// balance `D == B - C` under the spending C), by the words the row
    /// does not share with that one, and how alike the names are: read as
    /// an approximate name, not as a part ("KẾT DƯ (+), BỘI CHI (-) NGÂN
    /// SÁCH PHƯỜNG" under «Tổng chi ngân sách phường»).
    Beside(usize, f64),
}

/// How far below the matching threshold a name still comes near a
/// catalog name ([`IndicatorMatcher::resembles`]).
const NEAR_MISS: f64 = 0.16;

/// Words that say nothing of which part a row is ("- Các đối tượng khác"
/// for «Đối tượng khác»).
const FILLER_WORDS: [&str; 2] = ["cac", "nhung"];

/// Words (folded) that name the opposite of each other: two names that
/// differ by one of these are two indicators however few letters differ —
/// «Thu ngân sách xã» is not «Chi ngân sách quận», «Số lao động nữ» is not
/// «Số lao động nam». A phrase holding the other («ngoai cong lap» and
/// «cong lap») is told by the longer one.
const OPPOSITES: [(&str, &str); 13] = [
    ("thu", "chi"),
    ("tang", "giam"),
    ("nam", "nu"),
    ("xuat khau", "nhap khau"),
    ("xuat canh", "nhap canh"),
    ("di", "den"),
    ("mua", "ban"),
    ("trong nuoc", "ngoai nuoc"),
    ("trong nuoc", "nuoc ngoai"),
    ("trong tinh", "ngoai tinh"),
    ("trong gio", "ngoai gio"),
    ("cong lap", "ngoai cong lap"),
    ("nong thon", "thanh thi"),
];

/// Whether the folded keys `a` and `b` differ by an opposite word
/// ([`OPPOSITES`]): one says a word and not its opposite, the other the
/// opposite and not the word. Such names are never matched approximately
/// nor offered for each other.
fn cross_opposites(a: &str, b: &str) -> bool {
    // Whether `key` says `word` (a whole word or phrase), apart from where
    // it is inside `other` (the longer phrase of the pair).
    let says = |key: &str, word: &str, other: &str| {
        let padded = format!(" {key} ");
        let padded = if other.contains(word) {
            padded.replace(&format!(" {other} "), "  ")
        } else {
            padded
        };
        padded.contains(&format!(" {word} "))
    };
    OPPOSITES.iter().any(|&(x, y)| {
        let (ax, ay) = (says(a, x, y), says(a, y, x));
        let (bx, by) = (says(b, x, y), says(b, y, x));
        (ax && !ay && by && !bx) || (ay && !ax && bx && !by)
    })
}

pub struct IndicatorMatcher {
    /// Per indicator, its parts: the indicators after it that its own
    /// relation names (the parts of a sum, "LD.01 == LD.01.1 + LD.01.2"),
    /// and those among the next 20 of the catalog whose relation names it
    /// ("LD.01.3 <= LD.01").
    parts: Vec<Vec<usize>>,
    /// Per indicator, the indicators after it whose relation takes it
    /// away (`D == B - C`: D of C): related, no part.
    takers: Vec<Vec<usize>>,
    /// The keys two indicators or more bear (as a name or an alias): the
    /// indicators, in catalog order.
    shared: foldhash::HashMap<String, Vec<usize>>,
    /// Exact code keys ([`code_key`]) of codes and aliases.
    by_code: foldhash::HashMap<String, usize>,
    /// Loose code keys ([`loose_code_key`]); `None` when two codes share
    /// one.
    by_loose_code: foldhash::HashMap<String, Option<usize>>,
    by_key: foldhash::HashMap<String, usize>,
    keys: Vec<(String, usize)>,
    /// The characters of each of `keys`, for the edit distance.
    key_chars: Vec<Vec<char>>,
    abbreviations: foldhash::HashMap<String, String>,
    threshold: f64,
    /// Tells this matcher's remembered names from another's.
    id: u64,
}

/// The id of a matcher and the matches of the names met with it.
type NameMemo = (u64, TextMemo<RowMatch>);

thread_local! {
    /// The matches of the names one reading thread has met, for one
    /// matcher: a batch's workbooks write the same names (and the same
    /// misspellings of them) again and again.
    static NAME_MATCHES: RefCell<NameMemo> = RefCell::new((u64::MAX, TextMemo::default()));
}

impl IndicatorMatcher {
    pub fn new(template: &Template) -> IndicatorMatcher {
        let abbreviations: foldhash::HashMap<String, String> = template
            .settings
            .abbreviations
            .iter()
            .map(|(k, v)| (fold(k), fold(v)))
            .collect();
        let (parts, takers) = parts(template);
        let mut m = IndicatorMatcher {
            parts,
            takers,
            shared: foldhash::HashMap::default(),
            by_code: foldhash::HashMap::default(),
            by_loose_code: foldhash::HashMap::default(),
            by_key: foldhash::HashMap::default(),
            keys: Vec::new(),
            key_chars: Vec::new(),
            abbreviations,
            threshold: template.settings.name_match_threshold,
            id: crate::memo::new_id(),
        };
        // The keys are worked out on every core (a catalog may hold tens
        // of thousands of indicators), then put in order.
        let (loose_keys, name_keys): (Vec<String>, Vec<Vec<String>>) = template
            .indicators
            .par_iter()
            .map(|ind| {
                let names = std::iter::once(&ind.name).chain(&ind.aliases);
                (loose_code_key(&ind.code), names.map(|n| m.key(n)).collect())
            })
            .unzip();
        for ((i, ind), loose) in template.indicators.iter().enumerate().zip(loose_keys) {
            m.by_code.insert(code_key(&ind.code), i);
            if !loose.is_empty() {
                m.by_loose_code
                    .entry(loose)
                    .and_modify(|e| *e = None)
                    .or_insert(Some(i));
            }
        }
        // An alias written where the code goes names its indicator too
        // (another office's code for it), unless it is a catalog code.
        for (i, ind) in template.indicators.iter().enumerate() {
            for a in &ind.aliases {
                m.by_code.entry(code_key(a)).or_insert(i);
            }
        }
        for (i, keys) in name_keys.into_iter().enumerate() {
            for key in keys {
                if key.is_empty() {
                    continue;
                }
                match m.by_key.get(&key) {
                    None => {
                        m.by_key.insert(key.clone(), i);
                    }
                    Some(&first) if first != i => {
                        let bearers = m.shared.entry(key.clone()).or_insert_with(|| vec![first]);
                        if !bearers.contains(&i) {
                            bearers.push(i);
                        }
                    }
                    Some(_) => {}
                }
                m.key_chars.push(key.chars().collect());
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
        let mut key = String::with_capacity(base.len());
        for (k, w) in base.split(' ').enumerate() {
            if k > 0 {
                key.push(' ');
            }
            key.push_str(self.abbreviations.get(w).map_or(w, String::as_str));
        }
        key
    }

    /// The one of `candidates` (the parts of the row above) whose name or
    /// an alias holds every word `name` says: "Trong đó: nữ" under "Số học
    /// sinh" is "Trong đó: học sinh nữ" and not "… học sinh dân tộc thiểu
    /// số", "- Có vốn đầu tư nước ngoài" under "Doanh nghiệp thành lập mới"
    /// is "Trong đó: doanh nghiệp có vốn đầu tư nước ngoài". At most eight
    /// words; `None` when no candidate or more than one holds them.
    pub fn match_part(&self, name: &str, candidates: &[usize]) -> Option<usize> {
        self.match_part_under(name, candidates, None)
    }

    /// [`IndicatorMatcher::match_part`] among the parts of `whole`: filler
    /// words aside ("- Các đối tượng khác" is «Đối tượng khác»); of two
    /// parts that hold the words, the one that holds them in a row ("+ Hộ
    /// nghèo" is «Hộ nghèo được hỗ trợ nhà ở», not «Hộ cận nghèo …»); and
    /// when no part holds them all, words of the whole's own name may be
    /// repeated ("Trong đó: LĐ nữ" under «Số lao động được giải quyết việc
    /// làm» is its part «Nữ»), as long as the row says a word of its own.
    fn match_part_under(
        &self,
        name: &str,
        candidates: &[usize],
        whole: Option<usize>,
    ) -> Option<usize> {
        let key = self.key(name);
        let mut words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        if words.iter().any(|w| !FILLER_WORDS.contains(w)) {
            words.retain(|w| !FILLER_WORDS.contains(w));
        }
        if words.is_empty() || words.len() > 8 || candidates.is_empty() {
            return None;
        }
        let holding = |words: &[&str]| -> Vec<usize> {
            let mut hits: Vec<usize> = self
                .keys
                .iter()
                .filter(|(k, i)| {
                    candidates.contains(i) && {
                        let kw: Vec<&str> = k.split(' ').collect();
                        words.iter().all(|w| kw.contains(w))
                    }
                })
                .map(|&(_, i)| i)
                .collect();
            hits.sort_unstable();
            hits.dedup();
            hits
        };
        match holding(&words).as_slice() {
            [one] => return Some(*one),
            [] => {}
            several => {
                let phrase = format!(" {} ", words.join(" "));
                let mut in_a_row: Vec<usize> = self
                    .keys
                    .iter()
                    .filter(|(k, i)| several.contains(i) && format!(" {k} ").contains(&phrase))
                    .map(|&(_, i)| i)
                    .collect();
                in_a_row.sort_unstable();
                in_a_row.dedup();
                return match in_a_row.as_slice() {
                    [one] => Some(*one),
                    _ => None,
                };
            }
        }
        let whole = whole?;
        let whole_words: Vec<&str> = self
            .keys
            .iter()
            .filter(|(_, i)| *i == whole)
            .flat_map(|(k, _)| k.split(' '))
            .collect();
        let own: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| !whole_words.contains(w))
            .collect();
        if own.is_empty() {
            return None;
        }
        match holding(&own).as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Does the catalog give indicator `i` parts (see `parts`)? «Nữ» of
    /// «Số lao động được giải quyết việc làm» has none: a breakdown row
    /// under it belongs to the whole above it.
    pub fn has_parts(&self, i: usize) -> bool {
        self.parts.get(i).is_some_and(|p| !p.is_empty())
    }

    /// The indicators whose parts a row may be, innermost last: after each
    /// row read as indicator `i`, the wholes above it that `i` is a part
    /// of, then `i` itself.
    pub fn nest(&self, wholes: &mut Vec<usize>, i: usize) {
        let parts = &self.parts;
        match wholes
            .iter()
            .rposition(|&a| parts.get(a).is_some_and(|p| p.contains(&i)))
        {
            Some(at) => wholes.truncate(at + 1),
            None => wholes.clear(),
        }
        wholes.push(i);
    }

    /// What the place of a row named `name` says of the indicator it is,
    /// under `wholes` ([`IndicatorMatcher::nest`]), when it matched
    /// `matched` by name. `repeated`: the match's indicator already has a
    /// row in the table (a row that would be dropped as a repetition is
    /// first tried as a part of the indicators above).
    pub fn place(&self, name: &str, matched: RowMatch, wholes: &[usize], repeated: bool) -> Placed {
        let parts_of = |a: usize| -> Vec<usize> {
            self.parts
                .get(a)
                .map(|p| p.iter().copied().filter(|k| !wholes.contains(k)).collect())
                .unwrap_or_default()
        };
        // Innermost whole first.
        let part_by_words = || {
            wholes
                .iter()
                .rev()
                .find_map(|&a| self.match_part_under(name, &parts_of(a), Some(a)))
        };
        // Else an indicator that takes a whole above away, by the words
        // the row does not share with it.
        let beside_by_words = || {
            wholes.iter().rev().find_map(|&a| {
                let takers = self.takers.get(a)?;
                let i = self.match_part_under(name, takers, Some(a))?;
                Some(Placed::Beside(i, self.alike(name, i)))
            })
        };
        let i = match matched {
            RowMatch::None => {
                return part_by_words()
                    .map(Placed::Part)
                    .or_else(beside_by_words)
                    .unwrap_or(Placed::Kept)
            }
            RowMatch::Exact(i) | RowMatch::Approximate(i, _) => i,
            RowMatch::LooseCode(_) => return Placed::Kept,
        };
        // Most catalogs give no two indicators one name: no key to work
        // out then.
        let bearers = (matches!(matched, RowMatch::Exact(_)) && !self.shared.is_empty())
            .then(|| self.shared.get(&self.key(name)))
            .flatten();
        if let Some(bearers) = bearers {
            for &a in wholes.iter().rev() {
                let parts = parts_of(a);
                let here: Vec<usize> = bearers
                    .iter()
                    .copied()
                    .filter(|b| parts.contains(b))
                    .collect();
                if let [one] = here.as_slice() {
                    return Placed::Shared(*one);
                }
            }
        }
        if crate::text::names_a_part(name) || repeated {
            for &a in wholes.iter().rev() {
                let parts = parts_of(a);
                if parts.contains(&i) {
                    break;
                }
                if let Some(p) = self.match_part_under(name, &parts, Some(a)) {
                    return Placed::Part(p);
                }
            }
        }
        match bearers {
            Some(b) => Placed::Ambiguous(b.clone()),
            None => Placed::Kept,
        }
    }

    /// The one indicator some name or alias of which `fits`, if exactly
    /// one does.
    fn only_one(&self, fits: impl Fn(&str, usize) -> bool) -> Option<usize> {
        let mut hits: Vec<usize> = self
            .keys
            .iter()
            .filter(|(k, i)| fits(k, *i))
            .map(|&(_, i)| i)
            .collect();
        hits.sort_unstable();
        hits.dedup();
        match hits.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// The one indicator whose name ends with the row's words, three at
    /// least ("Nguồn vốn ngân sách tập trung" of DT01 «Giải ngân nguồn vốn
    /// ngân sách tập trung», under a heading that says "Giải ngân" once
    /// for its rows).
    pub fn match_suffix(&self, name: &str) -> Option<usize> {
        let key = self.key(name);
        if key.split(' ').filter(|w| !w.is_empty()).count() < 3 {
            return None;
        }
        let tail = format!(" {key}");
        self.only_one(|k, _| k.ends_with(&tail))
    }

    /// The name without what it says in brackets ("Số hộ nghèo (theo
    /// chuẩn mới)" → "Số hộ nghèo"), when it has a bracket and something
    /// outside it; none when a bracket opens a breakdown ("(trong đó: …)",
    /// "(gồm …)"), whose words name parts, not a qualifier.
    pub fn without_brackets(name: &str) -> Option<String> {
        if !name.contains(['(', '[']) {
            return None;
        }
        let (mut out, mut depth, mut inner) = (String::new(), 0usize, String::new());
        let mut brackets = Vec::new();
        for c in name.chars() {
            match c {
                '(' | '[' => {
                    depth += 1;
                    inner.clear();
                }
                ')' | ']' if depth > 0 => {
                    depth -= 1;
                    brackets.push(std::mem::take(&mut inner));
                    out.push(' ');
                }
                _ if depth > 0 => inner.push(c),
                _ => out.push(c),
            }
        }
        let opens_breakdown = |b: &String| {
            let f = crate::text::fold(b);
            [
                "trong do", "trong so", "gom", "bao gom", "chia ra", "cu the",
            ]
            .iter()
            .any(|w| f == *w || f.starts_with(&format!("{w} ")))
        };
        let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
        (depth == 0 && !out.is_empty() && !brackets.iter().any(opens_breakdown)).then_some(out)
    }

    /// The indicator whose whole name (or an alias), two words at least,
    /// the row's name opens with, the longest such name when one
    /// indicator alone bears it ("Số hộ nghèo đa chiều" opens with «Số hộ
    /// nghèo», and with «Số hộ» too): a suggestion for a row that matched
    /// nothing, never a match (its further words may name another measure).
    pub fn opening_of(&self, name: &str) -> Option<usize> {
        let key = self.key(name);
        let opens = |k: &str| {
            k.split(' ').count() >= 2 && key.len() > k.len() && key.starts_with(&format!("{k} "))
        };
        let longest = self
            .keys
            .iter()
            .filter(|(k, _)| opens(k))
            .map(|(k, _)| k.len())
            .max()?;
        self.only_one(|k, _| k.len() == longest && opens(k))
    }

    /// The indicator a code names exactly, if any.
    pub fn by_code(&self, code: &str) -> Option<usize> {
        let k = code_key(code);
        if k.is_empty() {
            return None;
        }
        self.by_code.get(&k).copied()
    }

    /// The indicator other than `i` whose catalog name or alias `name` is
    /// exactly (folded), when `i` does not bear that name too: a row
    /// whose code says `i` and whose name says another indicator.
    pub fn named_other(&self, name: &str, i: usize) -> Option<usize> {
        let key = self.key(name);
        if key.is_empty() {
            return None;
        }
        let j = *self.by_key.get(&key)?;
        let i_bears = self.shared.get(&key).is_some_and(|all| all.contains(&i));
        (j != i && !i_bears).then_some(j)
    }

    /// The indicator whose catalog name or alias `name` is exactly
    /// (folded).
    pub fn named(&self, name: &str) -> Option<usize> {
        let key = self.key(name);
        if key.is_empty() {
            return None;
        }
        self.by_key.get(&key).copied()
    }

    /// Matches a row by its code (when given and known) or its name. A
    /// code that matches only loosely yields to an exact match by name.
    pub fn match_row(&self, code: Option<&str>, name: &str) -> RowMatch {
        if let Some(i) = code.and_then(|c| self.by_code(c)) {
            return RowMatch::Exact(i);
        }
        let loose = code
            .map(loose_code_key)
            .filter(|k| !k.is_empty())
            .and_then(|k| self.by_loose_code.get(&k).copied().flatten());
        match (self.match_name(name), loose) {
            (RowMatch::Exact(i), _) => RowMatch::Exact(i),
            (_, Some(i)) => RowMatch::LooseCode(i),
            (by_name, None) => by_name,
        }
    }

    /// Matches a name exactly or approximately (remembered per thread).
    pub fn match_name(&self, name: &str) -> RowMatch {
        NAME_MATCHES.with(|memo| {
            let Ok(mut memo) = memo.try_borrow_mut() else {
                return self.match_name_new(name);
            };
            let (id, names) = &mut *memo;
            if *id != self.id {
                *id = self.id;
                names.clear();
            }
            if let Some(found) = names.get(name) {
                return *found;
            }
            let found = self.match_name_new(name);
            names.insert(name, found);
            found
        })
    }

    /// Does `name`, which matched nothing, come near some catalog name or
    /// alias (at least [`NEAR_MISS`] below the matching threshold alike)
    /// of an indicator `fits` keeps? Such a row may be an indicator's name
    /// mistyped, not a breakdown the catalog does not list. A name whose
    /// numbers differ («trẻ em dưới 15 tuổi» against «Trẻ dưới 1 tuổi») is
    /// not near, however few letters differ: another measure, as an
    /// approximate match would not take it either.
    pub fn resembles(&self, name: &str, fits: impl Fn(usize) -> bool) -> bool {
        !self.near(name, fits).is_empty()
    }

    /// The names and aliases `name` comes near ([`IndicatorMatcher::resembles`]):
    /// per name, its indicator and how alike.
    fn near(&self, name: &str, fits: impl Fn(usize) -> bool) -> Vec<(usize, f64)> {
        let key = self.key(name);
        let numbers = number_words(&key);
        let query: Vec<char> = key.chars().collect();
        if query.is_empty() {
            return Vec::new();
        }
        let floor = self.threshold - NEAR_MISS;
        let distance = BatchComparator::new(query.iter().copied());
        let mut out = Vec::new();
        for (k, (candidate, i)) in self.key_chars.iter().zip(&self.keys) {
            let longer = query.len().max(k.len());
            if longer == 0
                || (query.len().min(k.len()) as f64) / (longer as f64) < floor
                || !fits(*i)
                || number_words(candidate) != numbers
            {
                continue;
            }
            let most = ((1.0 - floor) * longer as f64).floor() as usize;
            let Some(edits) = distance.distance_with_args(
                k.iter().copied(),
                &levenshtein::Args::default().score_cutoff(most),
            ) else {
                continue;
            };
            let score = 1.0 - edits as f64 / longer as f64;
            if score >= floor && !cross_opposites(&key, candidate) {
                out.push((*i, score));
            }
        }
        out
    }

    /// The indicator whose name or alias comes nearest `name` (the
    /// template's abbreviations expanded), among those `fits` keeps, when
    /// one comes within [`NEAR_MISS`] below the matching threshold, its
    /// numbers the same ([`IndicatorMatcher::resembles`]): offered in the
    /// message of a row that matches nothing ("Số hồ sơ TTHC tiếp nhận" is
    /// near «Hồ sơ thủ tục hành chính đã tiếp nhận»), never taken. `None`
    /// when two indicators come equally near.
    pub fn nearest(&self, name: &str, fits: impl Fn(usize) -> bool) -> Option<usize> {
        let key = self.key(name);
        let mut best: Option<(f64, usize, bool)> = None;
        for (i, score) in self.near(name, fits) {
            if self.names_another(&key, i) {
                continue;
            }
            match best {
                Some((b, _, _)) if score < b - 1e-9 => {}
                Some((b, j, tied)) if score <= b + 1e-9 => best = Some((b, j, tied || j != i)),
                _ => best = Some((score, i, false)),
            }
        }
        best.filter(|b| !b.2).map(|b| b.1)
    }

    /// Whether the row's key carries a word that tells another indicator
    /// from `i`, a word `i`'s names lack: the initials of words of another
    /// indicator's name, without a vowel («ĐTNN» for «đầu tư nước
    /// ngoài»), or a word of four
    /// letters or more of a sibling's name (one opening with the same three
    /// words: «nước ngoài» where `i` says «trong nước»). Such a row is not
    /// offered `i` however near its letters come: «Trong đó: DN có vốn
    /// ĐTNN» is not «Trong đó: doanh nghiệp có vốn trong nước».
    fn names_another(&self, key: &str, i: usize) -> bool {
        let own: Vec<&str> = self
            .keys
            .iter()
            .filter(|(_, j)| *j == i)
            .flat_map(|(k, _)| k.split(' '))
            .collect();
        let own_initials: Vec<String> = self
            .keys
            .iter()
            .filter(|(_, j)| *j == i)
            .flat_map(|(k, _)| initials_of_runs(k))
            .collect();
        let opening = |k: &str| k.split(' ').take(3).collect::<Vec<_>>().join(" ");
        let own_openings: Vec<String> = self
            .keys
            .iter()
            .filter(|(_, j)| *j == i)
            .map(|(k, _)| opening(k))
            .collect();
        key.split(' ').filter(|w| !own.contains(w)).any(|w| {
            self.keys.iter().filter(|(_, j)| *j != i).any(|(k, _)| {
                // No Vietnamese syllable lacks a vowel; an acronym
                // («dtnn», «bhyt») mostly does.
                let acronym = w.chars().count() >= 2
                    && !w.chars().any(|c| "aeiou".contains(c))
                    && !own_initials.iter().any(|a| a == w)
                    && initials_of_runs(k).iter().any(|a| a == w);
                let sibling = w.chars().count() >= 4
                    && own_openings.contains(&opening(k))
                    && k.split(' ').any(|x| x == w);
                acronym || sibling
            })
        })
    }

    /// Whether `name` has nothing of indicator `i`'s name or aliases:
    /// less alike than a near miss ([`NEAR_MISS`] below the matching
    /// threshold) and not one word of four letters or more (the template's
    /// abbreviations expanded) in common with any of them. A row whose
    /// code is `i`'s but whose name is another indicator's of another
    /// office («Trẻ em dưới 1 tuổi thuộc diện tiêm chủng» under YT.02
    /// where YT02 is «Lượt khám bảo hiểm y tế …»); a re-worded name
    /// («Số lượt khám bệnh tại trạm y tế» for «Lượt khám chữa bệnh»)
    /// shares words and is not far.
    pub fn far_from(&self, name: &str, i: usize) -> bool {
        if self.alike(name, i) >= self.threshold - NEAR_MISS {
            return false;
        }
        let words = |k: &str| -> Vec<String> {
            k.split(' ')
                .filter(|w| w.chars().count() >= 4)
                .map(str::to_string)
                .collect()
        };
        let own = words(&self.key(name));
        !self
            .keys
            .iter()
            .filter(|(_, j)| *j == i)
            .any(|(k, _)| words(k).iter().any(|w| own.contains(w)))
    }

    /// How alike `name` is to the nearest name or alias of indicator `i`
    /// (1: the same key), by the edit distance of the folded keys.
    fn alike(&self, name: &str, i: usize) -> f64 {
        let query: Vec<char> = self.key(name).chars().collect();
        let distance = BatchComparator::new(query.iter().copied());
        self.key_chars
            .iter()
            .zip(&self.keys)
            .filter(|(_, (_, j))| *j == i)
            .map(|(k, _)| {
                let longer = query.len().max(k.len()).max(1);
                let edits = distance.distance(k.iter().copied());
                1.0 - edits as f64 / longer as f64
            })
            .fold(0.0, f64::max)
    }

    /// [`IndicatorMatcher::match_name`] of a name not met before.
    fn match_name_new(&self, name: &str) -> RowMatch {
        let key = self.key(name);
        if key.is_empty() {
            return RowMatch::None;
        }
        if let Some(&i) = self.by_key.get(&key) {
            return RowMatch::Exact(i);
        }
        let key_digits = number_words(&key);
        let query: Vec<char> = key.chars().collect();
        let key_chars = query.len();
        let distance = BatchComparator::new(query.iter().copied());
        // Only a candidate at least `floor` alike can be the match or the
        // runner-up that vetoes it (it must be within 0.03 of a match at
        // or above the threshold; a thousandth more of margin keeps
        // rounding out of it). So each edit distance is computed only up
        // to the most edits that keep a candidate that alike; a candidate
        // needing more is passed over, which never changes the result.
        // The similarity is then `1 - edits / longer length`, as
        // `strsim::normalized_levenshtein` gives it.
        let floor = self.threshold - 0.031;
        let mut best: Option<(f64, usize)> = None;
        let mut second = 0.0f64;
        for ((candidate, i), k) in self.keys.iter().zip(&self.key_chars) {
            let longer = key_chars.max(k.len());
            // The edit distance is at least the difference in length, so
            // the similarity is at most shorter / longer.
            if longer == 0 || (key_chars.min(k.len()) as f64) / (longer as f64) < floor {
                continue;
            }
            let most = ((1.0 - floor) * longer as f64).ceil() as usize + 1;
            let Some(edits) = distance.distance_with_args(
                k.iter().copied(),
                &levenshtein::Args::default().score_cutoff(most),
            ) else {
                continue;
            };
            let sim = 1.0 - edits as f64 / longer as f64;
            // A name of the opposite is another indicator, never the match
            // nor the runner-up that vetoes one.
            if cross_opposites(&key, candidate) {
                continue;
            }
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
                    .map(|(k, _)| number_words(k))
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

/// Per indicator, its parts ([`IndicatorMatcher::parts`]): a part comes
/// after its whole in the catalog.
///
/// An indicator a relation subtracts is no part: `D == B - C` (a balance,
/// revenue less spending) makes the balance D no part of the spending C
/// above it, nor C a part of D (a ward's "KẾT DƯ (+), BỘI CHI (-)" row
/// under its spending was said to be "phần của chỉ tiêu ở dòng trên").
/// Also, per indicator, the indicators after it whose relation takes it
/// away ([`IndicatorMatcher::takers`]).
#[allow(clippy::type_complexity)]
fn parts(t: &Template) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let relations: Vec<(Vec<usize>, Vec<usize>)> = (0..t.indicators.len())
        .into_par_iter()
        .map(|i| (t.relation_indicators(i), t.relation_subtracts(i)))
        .collect();
    (0..relations.len())
        .map(|p| {
            let (named, minus) = &relations[p];
            let mut out: Vec<usize> = named
                .iter()
                .copied()
                .filter(|&i| i > p && !minus.contains(&i))
                .collect();
            let mut takers: Vec<usize> = Vec::new();
            for (c, (rel, minus)) in relations.iter().enumerate().skip(p + 1).take(20) {
                if out.contains(&c) || !rel.contains(&p) {
                    continue;
                }
                if minus.contains(&p) {
                    takers.push(c);
                } else {
                    out.push(c);
                }
            }
            (out, takers)
        })
        .unzip()
}

/// The words of a folded name that hold digits ("1", "2010", "15"): a name
/// that differs in them names another measure.
fn number_words(key: &str) -> Vec<&str> {
    key.split(' ')
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
        .collect()
}

/// A code as an identifier: Unicode-composed, without the spaces around
/// it, in capitals.
pub fn code_key(code: &str) -> String {
    // A code of printable ASCII without spaces (most): cleaning and
    // trimming leave it as it is, and its capitals are ASCII's.
    if code.bytes().all(|b| b.is_ascii_graphic()) {
        return code.to_ascii_uppercase();
    }
    crate::text::clean(code).trim().to_uppercase()
}

/// A code's runs of letters and of digits, in capitals, digits without
/// leading zeros, whatever separates them: "KT-01", "KT 01", "kt.1" and
/// "KT01" are all `KT.1`; `AN.01.1` (`AN.1.1`) and `AN.11` (`AN.11`) stay
/// apart.
pub fn loose_code_key(code: &str) -> String {
    let mut runs: Vec<String> = Vec::new();
    let mut last: Option<bool> = None;
    for c in code_key(code).chars() {
        let kind = if c.is_ascii_digit() {
            Some(true)
        } else if c.is_alphanumeric() {
            Some(false)
        } else {
            None
        };
        match kind {
            Some(k) if last == Some(k) => {
                if let Some(r) = runs.last_mut() {
                    r.push(c);
                }
            }
            Some(_) => runs.push(c.to_string()),
            None => {}
        }
        last = kind;
    }
    runs.iter()
        .map(|r| {
            if r.bytes().all(|b| b.is_ascii_digit()) {
                let t = r.trim_start_matches('0');
                if t.is_empty() {
                    "0"
                } else {
                    t
                }
            } else {
                r.as_str()
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The initials of every run of two words or more of a key («dau tu nuoc
/// ngoai» gives «dt», «dtn», «dtnn», «tn», …): the acronyms a clerk may
/// write for them.
fn initials_of_runs(key: &str) -> Vec<String> {
    let firsts: Vec<char> = key.split(' ').filter_map(|w| w.chars().next()).collect();
    let mut out = Vec::new();
    for a in 0..firsts.len() {
        for b in a + 2..=firsts.len() {
            out.extend(firsts.get(a..b).map(|run| run.iter().collect::<String>()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A code of printable ASCII takes a short way to its key: the key is
    /// the one cleaning, trimming and upper-casing give, for it and for
    /// codes that need the long way (spaces, a no-break space, accents).
    #[test]
    fn a_codes_key_is_the_same_by_the_short_way() {
        let long_way = |c: &str| crate::text::clean(c).trim().to_uppercase();
        for code in [
            "KT.01",
            "kt.01",
            "hc06",
            "MT-02.1",
            "3.2a",
            "[x]",
            "",
            " KT.01 ",
            "KT 01",
            "KT\u{a0}01",
            "\u{a0}kt.01",
            "đt.01",
            "ĐT\u{200b}01",
            "kt\t01\n",
        ] {
            assert_eq!(code_key(code), long_way(code), "{code:?}");
        }
        assert_eq!(code_key("kt.01"), "KT.01");
        assert_eq!(code_key(" kt 01 "), "KT 01");
    }

    /// A row named without the words its heading says once ("Giải ngân")
    /// is the one indicator whose name ends with it; a tail that several
    /// names share, or of two words, is none.
    #[test]
    fn a_name_without_its_headings_words_ends_one_indicator() {
        let t = Template::builtin().unwrap();
        let m = IndicatorMatcher::new(&t);
        let code = |name: &str| m.match_suffix(name).map(|i| t.indicators[i].code.clone());
        assert_eq!(
            code("Nguồn vốn ngân sách tập trung").as_deref(),
            Some("DT01")
        );
        assert_eq!(code("Nguồn vốn phân cấp").as_deref(), Some("DT02"));
        assert_eq!(code("đã giải quyết"), None);
        assert_eq!(code("tập trung"), None);
    }

    /// The default template's abbreviations spell out «KD» and «TTXD»
    /// (tester DF, P12: «Hộ KD giải thể», «Công trình vi phạm TTXD đã xử
    /// lý» lost as unknown rows). Near miss: «HKD» still reads as «hộ
    /// kinh doanh», not «h» + «kinh doanh».
    #[test]
    fn the_default_abbreviations_spell_out_kd_and_ttxd() {
        let t = Template::builtin().unwrap();
        let m = IndicatorMatcher::new(&t);
        let code = |name: &str| match m.match_name(name) {
            RowMatch::Exact(i) => t.indicators[i].code.clone(),
            other => format!("{other:?}"),
        };
        assert_eq!(code("Hộ KD giải thể"), "KT07");
        assert_eq!(code("HKD giải thể"), "KT07");
        assert_eq!(code("Công trình vi phạm TTXD đã xử lý"), "DO03");
    }

    /// A catalog of dotted codes such as another office writes.
    fn dotted() -> Template {
        let toml = crate::template::DEFAULT_TOML;
        let indicators = "code,group,name,unit,kind,level,reported_by,formula,aliases\n\
            AN.01,AN,Vụ việc an ninh trật tự,vụ,flow,ward,,,\n\
            AN.01.1,AN,Trong đó: vụ việc đã xử lý,vụ,flow,ward,,,\n\
            AN.11,AN,Người được giáo dục tại cộng đồng,người,flow,ward,,,\n\
            KT.01,KT,Doanh nghiệp thành lập mới,doanh nghiệp,flow,ward,,,DN-01\n";
        Template::from_texts(
            "t",
            toml,
            indicators,
            "group,name\nAN,An ninh\nKT,Kinh tế\n",
            crate::template::DEFAULT_AGENCIES,
        )
        .unwrap()
    }

    #[test]
    fn codes_are_identifiers_not_names() {
        assert_eq!(loose_code_key("KT-01"), "KT.1");
        assert_eq!(loose_code_key("kt01"), "KT.1");
        assert_eq!(loose_code_key("3.2a"), "3.2.A");
        assert_ne!(loose_code_key("AN.01.1"), loose_code_key("AN.11"));
        let t = dotted();
        let m = IndicatorMatcher::new(&t);
        let idx = |c: &str| t.indicator_index(c).unwrap();
        let by = |code: &str| m.match_row(Some(code), "");
        // Exact, whatever the case and the spaces around.
        assert_eq!(by("AN.01.1"), RowMatch::Exact(idx("AN.01.1")));
        assert_eq!(by(" an.11 "), RowMatch::Exact(idx("AN.11")));
        // Two codes that folding would merge stay two.
        assert_ne!(by("AN.01.1"), by("AN.11"));
        // Another office's code listed as an alias.
        assert_eq!(by("DN-01"), RowMatch::Exact(idx("KT.01")));
        // Other separators: one catalog code reads that way, reported.
        assert_eq!(by("KT 01"), RowMatch::LooseCode(idx("KT.01")));
        assert_eq!(by("KT-01"), RowMatch::LooseCode(idx("KT.01")));
        assert_eq!(by("AN.1.1"), RowMatch::LooseCode(idx("AN.01.1")));
        assert_eq!(by("AN.02"), RowMatch::None);
        // A name that matches exactly wins over a loose code.
        assert_eq!(
            m.match_row(Some("KT 01"), "Vụ việc an ninh trật tự"),
            RowMatch::Exact(idx("AN.01"))
        );
    }

    fn code_of(m: &IndicatorMatcher, t: &Template, name: &str) -> Option<String> {
        match m.match_name(name) {
            RowMatch::Exact(i) | RowMatch::Approximate(i, _) | RowMatch::LooseCode(i) => {
                Some(t.indicators[i].code.clone())
            }
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
    fn each_matcher_remembers_its_own_matches() {
        // The same retyped name, asked in turn of a matcher that takes it
        // and of a stricter one that does not, gets each one's answer.
        let t = Template::builtin().unwrap();
        let mut strict = t.clone();
        strict.settings.name_match_threshold = 0.995;
        let (loose, strict) = (IndicatorMatcher::new(&t), IndicatorMatcher::new(&strict));
        let name = "Hồ sơ thủ tục hành chánh đã tiếp nhận";
        for _ in 0..3 {
            assert!(matches!(loose.match_name(name), RowMatch::Approximate(..)));
            assert_eq!(strict.match_name(name), RowMatch::None);
            assert_eq!(loose.match_name(name), loose.match_name_new(name));
        }
    }

    #[test]
    fn a_qualifier_in_brackets_is_set_aside_but_a_breakdown_is_not() {
        let bare = IndicatorMatcher::without_brackets;
        assert_eq!(
            bare("Số hộ nghèo (theo chuẩn 2022-2025)").as_deref(),
            Some("Số hộ nghèo")
        );
        assert_eq!(bare("Dân số [người] (*)").as_deref(), Some("Dân số"));
        assert_eq!(bare("Số hộ nghèo"), None);
        assert_eq!(bare("(1)"), None);
        assert_eq!(bare("Thu ngân sách (trong đó: thuế)"), None);
        assert_eq!(bare("Lao động (gồm nam, nữ)"), None);
        assert_eq!(bare("Hộ nghèo (chưa đóng"), None);
    }

    #[test]
    fn a_name_near_a_catalog_name_offers_it() {
        let t = Template::builtin().unwrap();
        let m = IndicatorMatcher::new(&t);
        let hc01 = t.indicator_index("HC01").unwrap();
        // "TTHC" spelled out: 84% like «Hồ sơ thủ tục hành chính đã tiếp
        // nhận», below the threshold, offered.
        assert_eq!(m.match_name("Số hồ sơ TTHC tiếp nhận"), RowMatch::None);
        assert_eq!(m.nearest("Số hồ sơ TTHC tiếp nhận", |_| true), Some(hc01));
        assert!(m.resembles("Số hồ sơ TTHC tiếp nhận", |_| true));
        // Unless the caller rules the indicator out (its unit differs).
        assert_eq!(m.nearest("Số hồ sơ TTHC tiếp nhận", |i| i != hc01), None);
        // Near miss: a name like none.
        assert_eq!(
            m.nearest("Số cây xanh được trồng mới trên vỉa hè", |_| true),
            None
        );
    }

    #[test]
    fn a_name_whose_numbers_differ_is_not_near() {
        let indicators = "code,group,name,unit,kind,level,reported_by,formula,aliases\n\
            YT.02,TC,Trẻ em dưới 1 tuổi thuộc diện tiêm chủng,trẻ,flow,ward,,,Trẻ dưới 1 tuổi\n";
        let t = Template::from_texts(
            "t",
            crate::template::DEFAULT_TOML,
            indicators,
            "group,name\nTC,Tiêm chủng\n",
            crate::template::DEFAULT_AGENCIES,
        )
        .unwrap();
        let m = IndicatorMatcher::new(&t);
        // «dưới 15 tuổi» against «dưới 1 tuổi»: a letter apart, another
        // age group.
        assert!(!m.resembles("- Trong đó: trẻ em dưới 15 tuổi", |_| true));
        assert_eq!(m.nearest("- Trong đó: trẻ em dưới 15 tuổi", |_| true), None);
        // Near miss: the same numbers, a letter mistyped.
        assert!(m.resembles("Tre em duoi 1 tuoi thuoc dien tiem chungg", |_| true));
        assert_eq!(m.nearest("Trẻ dưới 1 tuổii", |_| true), Some(0));
    }

    #[test]
    fn a_name_naming_the_sibling_is_not_offered_the_opposite() {
        let indicators = "code,group,name,unit,kind,level,reported_by,formula,aliases\n\
            KT.01,KT,Doanh nghiệp thành lập mới,doanh nghiệp,flow,both,,KT.01 == KT.01.1 + KT.01.2,\n\
            KT.01.1,KT,Trong đó: doanh nghiệp có vốn đầu tư nước ngoài,doanh nghiệp,flow,both,,,\n\
            KT.01.2,KT,Trong đó: doanh nghiệp có vốn trong nước,doanh nghiệp,flow,both,,,\n";
        let t = Template::from_texts(
            "t",
            crate::template::DEFAULT_TOML,
            indicators,
            "group,name\nKT,Kinh tế\n",
            crate::template::DEFAULT_AGENCIES,
        )
        .unwrap();
        let m = IndicatorMatcher::new(&t);
        // «ĐTNN» is «đầu tư nước ngoài», the initials of KT.01.1's words:
        // never «vốn trong nước», however near the letters.
        assert_ne!(m.nearest("- Trong đó: DN có vốn ĐTNN", |_| true), Some(2));
        assert_ne!(
            m.nearest("Trong đó: doanh nghiệp có vốn nước ngoài", |_| true),
            Some(2)
        );
        // Near miss: a slip of the letters in the sibling's own words.
        assert_eq!(
            m.nearest("Trong đó: doanh nghiệp có vốn trong nươc ạ", |_| true),
            Some(2)
        );
    }

    #[test]
    fn the_indicator_a_name_opens_with_is_the_longest_one() {
        let t = Template::builtin().unwrap();
        let m = IndicatorMatcher::new(&t);
        let code = |name: &str| m.opening_of(name).map(|i| t.indicators[i].code.clone());
        assert_eq!(
            code("Hồ sơ thủ tục hành chính đã giải quyết trong kỳ").as_deref(),
            Some("HC02")
        );
        assert_eq!(code("Hồ sơ thủ tục hành chính đã giải quyết"), None);
        assert_eq!(code("Số liệu khác"), None);
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
            if cross_opposites(&key, k) {
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
    fn names_differing_by_an_opposite_word_neither_match_nor_are_offered() {
        let t = Template::builtin().unwrap();
        let m = IndicatorMatcher::new(&t);
        let spending = t
            .indicators
            .iter()
            .position(|i| fold(&i.name) == "chi ngan sach quan")
            .unwrap();
        // Revenue is never offered spending, however near the letters.
        assert_eq!(m.nearest("Thu ngân sách xã", |_| true), None);
        assert_eq!(m.nearest("Chi ngân sách xã", |_| true), Some(spending));
        assert_eq!(m.match_name("Thu ngan sach quan"), RowMatch::None);
        // A name said exactly is untouched.
        assert_eq!(
            m.match_name("Chi ngân sách quận"),
            RowMatch::Exact(spending)
        );
        assert!(cross_opposites("so lao dong nu", "so lao dong nam"));
        assert!(cross_opposites("tang truong", "giam truong"));
        assert!(cross_opposites(
            "kim ngach xuat khau",
            "kim ngach nhap khau"
        ));
        assert!(cross_opposites("truong cong lap", "truong ngoai cong lap"));
        assert!(cross_opposites(
            "von dau tu nuoc ngoai",
            "von dau tu trong nuoc"
        ));
        // Both words on one side, or the same word on both, is no cross.
        assert!(!cross_opposites("thu chi ngan sach", "chi ngan sach"));
        assert!(!cross_opposites(
            "truong ngoai cong lap",
            "truong ngoai cong lap xa"
        ));
        assert!(!cross_opposites("thu ngan sach xa", "thu ngan sach quan"));
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

    /// A part named by the words it adds to its total, as long as eight
    /// words, is the one part that holds them.
    #[test]
    fn a_part_is_found_among_its_totals_parts_by_its_own_words() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/province");
        let t = Template::load(&dir).unwrap();
        let m = IndicatorMatcher::new(&t);
        let i = |c: &str| t.indicator_index(c).unwrap();
        let kt = [i("KT.01.1"), i("KT.01.2")];
        assert_eq!(m.match_part("- Có vốn đầu tư nước ngoài", &kt), Some(kt[0]));
        assert_eq!(
            m.match_part("Trong đó: có vốn trong nước", &kt),
            Some(kt[1])
        );
        // Both hold "có vốn": not one part.
        assert_eq!(m.match_part("- Có vốn", &kt), None);
        let an = [i("AN.01.1")];
        assert_eq!(m.match_part("- Đã điều tra làm rõ", &an), Some(an[0]));
        assert_eq!(m.match_part("- Đã khởi tố", &an), None);
    }

    /// A catalog where two parts bear one name and parts' short names are
    /// other indicators' aliases.
    fn breakdowns() -> Template {
        let indicators = "code,group,name,unit,kind,level,reported_by,formula,aliases\n\
            LD.01,LD,Số lao động được giải quyết việc làm mới,người,flow,ward,,LD.01 == LD.01.1 + LD.01.2,\n\
            LD.01.1,LD,Thành thị,người,flow,ward,,,\n\
            LD.01.2,LD,Nông thôn,người,flow,ward,,,\n\
            LD.01.3,LD,Trong đó: Nữ,người,flow,ward,,LD.01.3 <= LD.01,\n\
            LD.02,LD,Số người đi làm việc ở nước ngoài,người,flow,ward,,,\n\
            LD.02.1,LD,Trong đó: Nữ,người,flow,ward,,LD.02.1 <= LD.02,\n\
            GN.01,GN,Tổng số hộ dân cư,hộ,stock,ward,,,\n\
            GN.02,GN,Số hộ nghèo,hộ,stock,ward,,GN.02 <= GN.01,Hộ nghèo\n\
            GN.03,GN,Số hộ cận nghèo,hộ,stock,ward,,GN.03 <= GN.01,Hộ cận nghèo\n\
            GN.06,GN,Số hộ được hỗ trợ nhà ở,hộ,flow,ward,,GN.06 == GN.06.1 + GN.06.2,\n\
            GN.06.1,GN,Hộ nghèo được hỗ trợ nhà ở,hộ,flow,ward,,,\n\
            GN.06.2,GN,Hộ cận nghèo được hỗ trợ nhà ở,hộ,flow,ward,,,\n";
        Template::from_texts(
            "t",
            crate::template::DEFAULT_TOML,
            indicators,
            "group,name\nLD,Lao động\nGN,Giảm nghèo\n",
            crate::template::DEFAULT_AGENCIES,
        )
        .unwrap()
    }

    /// The indicators above a row decide between two that bear its name,
    /// and a row marked as a part is first a part of them; a row not so
    /// marked, or one that is a part of a whole further up, keeps its
    /// match.
    #[test]
    fn a_rows_place_decides_which_indicator_it_is() {
        let t = breakdowns();
        let m = IndicatorMatcher::new(&t);
        let i = |c: &str| t.indicator_index(c).unwrap();
        let mut wholes = Vec::new();
        let mut read = |code: &str| {
            m.nest(&mut wholes, i(code));
            wholes.clone()
        };
        let under_ld02 = read("LD.02");
        let place = |name: &str, wholes: &[usize], repeated: bool| {
            m.place(name, m.match_name(name), wholes, repeated)
        };
        assert_eq!(
            place("Trong đó: Nữ", &under_ld02, false),
            Placed::Shared(i("LD.02.1"))
        );
        // After the siblings "Thành thị", "Nông thôn": still LD.01's part.
        read("LD.01");
        read("LD.01.1");
        let after_siblings = read("LD.01.2");
        assert_eq!(after_siblings, [i("LD.01"), i("LD.01.2")]);
        assert_eq!(
            place("Trong đó: nữ", &after_siblings, false),
            Placed::Shared(i("LD.01.3"))
        );
        // Under a total it is no part of: ambiguous.
        let under_gn01 = read("GN.01");
        assert_eq!(
            place("Trong đó: Nữ", &under_gn01, false),
            Placed::Ambiguous(vec![i("LD.01.3"), i("LD.02.1")])
        );
        // "+ Hộ nghèo" under GN.06 is its part, not GN.02 (its alias); the
        // part that says "hộ nghèo" in a row, not "hộ cận nghèo".
        let under_gn06 = read("GN.06");
        assert_eq!(
            place("Chia ra: + Hộ nghèo", &under_gn06, false),
            Placed::Part(i("GN.06.1"))
        );
        assert_eq!(
            place("- Hộ cận nghèo", &under_gn06, false),
            Placed::Part(i("GN.06.2"))
        );
        // Unmarked and not read yet: the name's own indicator.
        assert_eq!(place("Hộ nghèo", &under_gn06, false), Placed::Kept);
        assert_eq!(
            place("Hộ nghèo", &under_gn06, true),
            Placed::Part(i("GN.06.1"))
        );
        // Marked, but a part of a whole further up: kept.
        read("GN.01");
        let under_gn02 = read("GN.02");
        assert_eq!(under_gn02, [i("GN.01"), i("GN.02")]);
        assert_eq!(place("- Số hộ cận nghèo", &under_gn02, false), Placed::Kept);
    }
}
