//! Reading the title rows of a submission: who sent it ("UBND PHƯỜNG 5",
//! "PHÒNG TÀI CHÍNH - KẾ HOẠCH", or the file name) and for which period
//! ("QUÝ I/2020", "Quý 1 năm 2020", "3 tháng đầu năm 2020").

use crate::memo::{remembered, TextMemo};
use crate::model::{quarter_number, Period, PeriodSpan};
use crate::template::Template;
use crate::text::fold;
use regex::Regex;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Whether a title line is the report's own title ("BÁO CÁO SỐ LIỆU …",
/// "BIỂU THỐNG KÊ …", "SỐ LIỆU GIÁO DỤC …"), the line a period belongs on.
pub fn is_report_title(text: &str) -> bool {
    const OPENINGS: [&str; 7] = [
        "bao cao", "bieu", "so lieu", "thong ke", "tong hop", "ket qua", "danh gia",
    ];
    let f = fold(text);
    OPENINGS.iter().any(|o| f.starts_with(o))
}

/// Whether a line of text reads as a title rather than a column's
/// label: a report's title ("BÁO CÁO KẾT QUẢ … QUÝ III/2020"), or a line
/// of five words or more naming a period. A header's group label ("Năm
/// 2020", "Thực hiện quý III") is shorter or opens with a figure word.
pub fn is_title_text(text: &str) -> bool {
    let f = fold(text);
    let words = f.split_whitespace().count();
    words >= 4 && (is_report_title(text) || (words >= 5 && period_in(text).is_some()))
}

/// Matches agency names and aliases inside free text, by whole folded
/// words, without regard to accents, case, spacing or punctuation.
pub struct AgencyMatcher {
    /// The agency of every entry (a folded name or alias), in registry
    /// order.
    entries: Vec<u32>,
    /// An entry's folded words joined by single spaces → its first
    /// position in `entries`: a registry of thousands of units is not
    /// scanned whole for every title (looked up for every run of a
    /// title's words, hence the fast hasher).
    by_words: foldhash::HashMap<Box<str>, u32>,
    /// The word counts of the entries, ascending.
    lengths: Vec<usize>,
    /// Per entry, the length of its words that few agencies share
    /// ("phu hoa dong" of "xa phu hoa dong"; "xa", "ubnd", "phuong" are in
    /// the names of many): what tells a title's unit when two entries
    /// match as long a run of words.
    distinct: Vec<u32>,
    /// Per entry, its words as written with their tones told apart
    /// ([`crate::text::tone_words`]): "UBND xã Đông Tâm" is not what
    /// "UBND XÃ ĐỒNG TÂM" says, though both fold to "ubnd xa dong tam".
    tones: Vec<Box<[Box<str>]>>,
    /// Folded entries that several entries share ("xa dong tam" of Xã Đông
    /// Tâm and Xã Đồng Tâm): their positions in `entries`, in order.
    homonyms: HashMap<Box<str>, Vec<u32>>,
    /// A name's own words without those that say its kind before it
    /// ("ea knop" of "UBND xã Ea Knốp") → its agencies, for file names
    /// (`BC_EaKnop_Q3.xlsx`) that leave "xã" out. Names of one short word
    /// or of digits ("1" of "Phường 1") are left out: too weak alone.
    bare: HashMap<Box<str>, Vec<u32>>,
    /// The keys of `bare` that are a unit's name, code or alias as it is
    /// now, not a former name → those units: "tan lap" of Xã Tân Lập
    /// formed from Xã Tân Lập and Xã Tân Tiến, not "tan tien".
    bare_now: HashMap<Box<str>, Vec<u32>>,
    /// The word counts of `bare`'s keys, ascending.
    bare_lengths: Vec<usize>,
    /// `bare`'s keys of two words or more written together ("phuocphu"
    /// of "phuoc phu") → their agencies, for the e-mail addresses Outlook
    /// names its folders by ("ubnd.xaphuocphu@gmail.com").
    glued: HashMap<Box<str>, Vec<u32>>,
    /// The entries that are a unit's former name (the registry's `former`
    /// column) → that name as the registry writes it.
    former: HashMap<u32, Box<str>>,
    /// The entries holding a number, their words with "số" left out
    /// before it ("to dan pho 5" of "Tổ dân phố số 5", "tdp 5" of "TDP số
    /// 5") → their agency: what [`loose_in`](Self::loose_in) reads a
    /// title's line against.
    numbered: Vec<(Box<[Box<str>]>, u32)>,
    /// The keys of `bare` that are a village's name without its level
    /// word ("bac son" of "Thôn Bắc Sơn"): a loose reading of a file name,
    /// taken only where no word of a longer name stands right before it
    /// ([`loose_blocked`]), and never outweighing a name written whole.
    settlement_keys: std::collections::HashSet<Box<str>>,
    /// Per entry, whether it opens with its unit's level word ("Thôn
    /// Đông", "Khu phố Trung Tâm"): a village's name, which a title may
    /// write longer ("THÔN ĐÔNG SƠN" is no Thôn Đông).
    leveled: Vec<bool>,
    /// The keys of `bare` that are a province's or a city's name without
    /// "Tỉnh", "Thành phố" ("lai chau" of "Tỉnh Lai Châu", "ho chi minh"
    /// of "Thành phố Hồ Chí Minh") or the initials of such a name of three
    /// words or more ("hcm"): what a title's line may write after "UBND"
    /// alone ([`AgencyMatcher::province_in`]).
    province_keys: std::collections::HashSet<Box<str>>,
    /// A province's or city's name of one word without its level word
    /// ("hue" of "Thành phố Huế") → that unit, when no other unit's name
    /// or alias holds the word ("Phường Huế", "Tỉnh Thừa Thiên Huế"): read
    /// only from a file name that says nothing else ("Hue.xlsx", "BC Huế
    /// Q3.xlsx"), never from a title's line, and never outweighing a name
    /// written whole.
    single: HashMap<Box<str>, u32>,
    /// A code or alias of digits alone («04», «12», «80324», «01.02») as
    /// the registry writes it, zeros kept → its agencies: kept out of
    /// the words a title or a file name is read by, where a bare number
    /// is a version, a quarter, a sequence («bao cao 4», «(2)»), and read
    /// only at the head of a file name ([`AgencyMatcher::code_in_name`]).
    numeric: HashMap<Box<str>, Vec<u32>>,
    /// The same codes folded («4» of «04») → their agency, for a cell that
    /// is a code and nothing else ([`AgencyMatcher::exact`]).
    numeric_folded: HashMap<Box<str>, u32>,
}

/// The level words of a province or a centrally-run city, folded, as a
/// registry name opens with them ("Tỉnh Lai Châu", "Thành phố Hà Nội", "TP
/// Đà Nẵng"): a file name or a title may leave them out, as it leaves out
/// "xã".
const PROVINCE_LEVELS: [&[&str]; 3] = [&["thanh", "pho"], &["tinh"], &["tp"]];

/// The folded letterhead words a name may open with ("UBND", "Ủy ban nhân
/// dân").
const LETTERHEAD: [&str; 5] = ["ubnd", "uy", "ban", "nhan", "dan"];

/// The words of a folded name after its letterhead and its province
/// level word ("ubnd tinh lai chau" → "lai chau"); none when it opens
/// with no such level word.
fn past_province_level<'w>(words: &[&'w str]) -> Option<Vec<&'w str>> {
    let from = words.iter().take_while(|w| LETTERHEAD.contains(w)).count();
    let rest = words.get(from..)?;
    PROVINCE_LEVELS.iter().find_map(|level| {
        (rest.len() > level.len() && rest.iter().zip(level.iter()).all(|(w, l)| w == l))
            .then(|| rest[level.len()..].to_vec())
    })
}

/// The initials of a name of three words or more ("ho chi minh" →
/// "hcm"), as clerks shorten a city's name; none for a shorter name, a
/// name with a number, or initials that are a word of reports or places.
fn initials(words: &[&str]) -> Option<String> {
    if words.len() < 3
        || words
            .iter()
            .any(|w| !w.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        return None;
    }
    let short: String = words.iter().filter_map(|w| w.chars().next()).collect();
    (!REPORT_WORDS.contains(&short.as_str()) && !NOT_A_NAME.contains(&short.as_str()))
        .then_some(short)
}

/// `name` written with the initials of its place ("Thành phố Hồ Chí
/// Minh" → "Thành phố HCM", "TP HCM", "TPHCM"), when it is a province's or
/// city's name of three words or more after its level word.
fn province_initialed(name: &str) -> Vec<String> {
    let folded = fold(name);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let Some(rest) = past_province_level(&words) else {
        return Vec::new();
    };
    let Some(short) = initials(&rest) else {
        return Vec::new();
    };
    let level_len = words.len() - rest.len();
    let level = words[..level_len].join(" ");
    let mut out = vec![format!("{level} {short}")];
    if level.ends_with("thanh pho") || level.ends_with("tp") {
        out.push(format!("tp {short}"));
        out.push(format!("tp{short}"));
    }
    out
}

/// What [`AgencyMatcher::find_in_name`] finds: the agency, the length
/// matched, the others it fits as well.
type NameMatch = (usize, usize, Vec<usize>);

/// Words a file name carries around a sender's name that are no part of
/// a name ("bao cao", "bc", "quy", "gui lai"), folded.
const REPORT_WORDS: [&str; 22] = [
    "bc", "bao", "cao", "baocao", "quy", "q", "thang", "nam", "dau", "gui", "lai", "sua", "file",
    "tep", "ubnd", "ket", "qua", "so", "lieu", "tong", "hop", "ve",
];

/// Folded words that, after a village's name in a title's line, go on
/// with no proper name: the level and kind words of a place ("THÔN ĐÔNG
/// XÃ TÂN THỊNH"), a former name's mark ("CŨ", "NAY LÀ") and the like.
const NOT_A_NAME: [&str; 23] = [
    "xa", "phuong", "huyen", "quan", "tinh", "thi", "tran", "thon", "ban", "ap", "buon", "to",
    "khu", "cu", "nay", "la", "bieu", "dot", "kem", "theo", "cua", "tai", "va",
];

/// Whether the words right before `first` in a file name's `words` make
/// the run of words at `first` part of a longer name: a word of letters
/// no report carries ("nguyen van dong", "le hoa binh", "dong bac son"),
/// read back to the first number or report word. A village's name
/// without its level word is taken from a file name only where nothing
/// so stands before it.
fn loose_blocked(words: &[&str], first: usize) -> bool {
    words
        .get(..first)
        .and_then(|before| before.last())
        .is_some_and(|w| w.bytes().all(|b| b.is_ascii_alphabetic()) && !REPORT_WORDS.contains(w))
}

/// `name` with the level word it opens with abbreviated ("Thành phố Hà
/// Nội" → "TP Hà Nội") by [`LEVEL_ABBREVIATIONS`]; none when it opens
/// with none. (A settlement's words and the template's abbreviations of
/// them, "TDP 5", are read by [`AgencyMatcher::loose_in`].)
///
/// [`LEVEL_ABBREVIATIONS`]: crate::template::LEVEL_ABBREVIATIONS
fn level_abbreviated(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let mut out: Vec<String> = Vec::new();
    for &(short, long) in &crate::template::LEVEL_ABBREVIATIONS {
        let long: Vec<String> = fold(long).split(' ').map(str::to_string).collect();
        let opens = long.len() >= 2
            && words.len() > long.len()
            && folded.iter().zip(&long).all(|(w, l)| w == l);
        if !opens || fold(short).contains(' ') {
            continue;
        }
        let rest = words.get(long.len()..).unwrap_or_default().join(" ");
        let form = format!("{short} {rest}");
        if !out.contains(&form) {
            out.push(form);
        }
    }
    out
}

/// Number words, as written with their marks, and their value: a unit's
/// name may write its number so ("THÔN BA" for Thôn 3).
const NUMBER_WORDS: [(&str, u32); 12] = [
    ("một", 1),
    ("hai", 2),
    ("ba", 3),
    ("bốn", 4),
    ("tư", 4),
    ("năm", 5),
    ("sáu", 6),
    ("bảy", 7),
    ("bẩy", 7),
    ("tám", 8),
    ("chín", 9),
    ("mười", 10),
];

/// A word's value as a number word ("ba" → 3): by its marks as written,
/// or, in a word typed without any, by its letters ("BAY").
fn number_word(word: &str) -> Option<u32> {
    let lower = crate::text::clean(word).to_lowercase();
    NUMBER_WORDS
        .iter()
        .find_map(|&(w, n)| (lower == w || (lower.is_ascii() && lower == fold(w))).then_some(n))
}

/// Folded words with "so" left out between a word and a number ("to dan
/// pho so 5" → "to dan pho 5").
fn without_so(words: &[String]) -> Vec<String> {
    let digits = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let next_number = words.get(i + 1).is_some_and(|n| digits(n));
        let after_word = i > 0 && !digits(&words[i - 1]);
        if w == "so" && next_number && after_word {
            continue;
        }
        out.push(w.clone());
    }
    out
}

/// How a title's line was loosely read as a unit's name
/// ([`AgencyMatcher::loose_in`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LooseMatch {
    /// The agencies it fits, in the registry's order.
    pub units: Vec<usize>,
    /// The line's words read as a number ("ba" → 3), as written.
    pub number_words: Vec<String>,
}

impl AgencyMatcher {
    pub fn new(template: &Template) -> AgencyMatcher {
        let mut entries: Vec<u32> = Vec::new();
        let mut by_words: foldhash::HashMap<Box<str>, u32> = foldhash::HashMap::default();
        let mut lengths: Vec<usize> = Vec::new();
        // Every entry: (folded words joined, agency, as written).
        let mut written: Vec<(String, u32, std::borrow::Cow<str>)> = Vec::new();
        // How many agencies name each word.
        let mut agencies_of: HashMap<String, u32> = HashMap::new();
        let mut former: HashMap<u32, Box<str>> = HashMap::new();
        let mut numeric: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        let mut numeric_folded: HashMap<Box<str>, u32> = HashMap::new();
        for (i, a) in template.agencies.iter().enumerate() {
            // An agency's own entries: a name written twice (as its name
            // and an alias) is one entry; a former name written as an
            // alias too is an alias.
            let mut own: Vec<String> = Vec::new();
            // A name that opens with a level word of two ("Thành phố Hà
            // Nội") is also written with its abbreviation ("TP Hà Nội",
            // "UBND TP. HÀ NỘI").
            let names = [&a.name, &a.code]
                .into_iter()
                .chain(&a.aliases)
                .map(|n| (std::borrow::Cow::Borrowed(n.as_str()), false))
                .chain(a.former.iter().map(|n| (n.as_str().into(), true)));
            let is_unit = a.kind == crate::template::AgencyKind::Ward;
            let names: Vec<(std::borrow::Cow<str>, bool)> = names
                .flat_map(|(n, was)| {
                    // "Thành phố Hồ Chí Minh" is also "TP HCM", "TPHCM".
                    let initialed = if is_unit {
                        province_initialed(&n)
                    } else {
                        Vec::new()
                    };
                    let short: Vec<_> = level_abbreviated(&n)
                        .into_iter()
                        .chain(initialed)
                        .map(|s| (std::borrow::Cow::Owned(s), was))
                        .collect();
                    std::iter::once((n, was)).chain(short)
                })
                .collect();
            for (n, was) in names {
                let folded = fold(&n);
                let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
                let joined = words.join(" ");
                if words.is_empty() || own.contains(&joined) {
                    continue;
                }
                if words.iter().all(|w| w.bytes().all(|b| b.is_ascii_digit())) {
                    if !was {
                        let units = numeric.entry(n.trim().into()).or_default();
                        if !units.contains(&(i as u32)) {
                            units.push(i as u32);
                        }
                        numeric_folded.entry(joined.into()).or_insert(i as u32);
                    }
                    continue;
                }
                lengths.push(words.len());
                by_words
                    .entry(joined.as_str().into())
                    .or_insert(entries.len() as u32);
                if was {
                    former.insert(entries.len() as u32, (*n).into());
                }
                entries.push(i as u32);
                written.push((joined.clone(), i as u32, n));
                own.push(joined);
            }
            let mut words: Vec<&str> = own.iter().flat_map(|e| e.split(' ')).collect();
            words.sort_unstable();
            words.dedup();
            for w in words {
                *agencies_of.entry(w.to_string()).or_default() += 1;
            }
        }
        // A word in the names of a quarter of the agencies (three at
        // least) tells none of them apart.
        let common = |w: &str| {
            agencies_of
                .get(w)
                .is_some_and(|&n| n >= 3 && n as usize * 4 >= template.agencies.len())
        };
        let distinct = written
            .iter()
            .map(|(joined, ..)| {
                joined
                    .split(' ')
                    .filter(|w| !common(w))
                    .map(|w| w.len() + 1)
                    .sum::<usize>() as u32
            })
            .collect();
        let mut bare: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        let mut bare_now: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        let mut settlement_keys: std::collections::HashSet<Box<str>> =
            std::collections::HashSet::new();
        // Per agency, the level words its registry name opens with
        // ("thon" of "Thôn Bắc Sơn", "to dan pho" of "Tổ dân phố số 5"),
        // and the template's abbreviations of them ("tdp"): a file name
        // may leave them out as it leaves out "xã" ("bac son.xlsx").
        let settlement: Vec<Vec<Vec<String>>> = template
            .agencies
            .iter()
            .map(|a| {
                let Some(word) = crate::template::settlement_word_of(&a.name) else {
                    return Vec::new();
                };
                let word = fold(word);
                let mut forms: Vec<Vec<String>> =
                    vec![word.split(' ').map(str::to_string).collect()];
                for (short, long) in &template.settings.abbreviations {
                    if fold(long) == word {
                        forms.push(fold(short).split(' ').map(str::to_string).collect());
                    }
                }
                forms
            })
            .collect();
        let mut leveled = vec![false; written.len()];
        let mut province_keys: std::collections::HashSet<Box<str>> =
            std::collections::HashSet::new();
        let mut single: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        for (pos, (joined, agency, _)) in written.iter().enumerate() {
            let words: Vec<&str> = joined.split(' ').collect();
            // A province or a city ("Tỉnh Lai Châu", "Thành phố Hồ Chí
            // Minh"): its name without the level word, and its initials,
            // as a file name or a letterhead may write them ("Lai Chau",
            // "UBND HCM"), by the rules of a commune's name without "xã".
            let unit = template
                .agencies
                .get(*agency as usize)
                .is_some_and(|a| a.kind == crate::template::AgencyKind::Ward);
            if let Some(rest) = past_province_level(&words).filter(|_| unit) {
                let current = !former.contains_key(&(pos as u32));
                match rest[..] {
                    [one]
                        if current
                            && one.len() >= 3
                            && one.bytes().all(|b| b.is_ascii_alphabetic()) =>
                    {
                        let v = single.entry(one.into()).or_default();
                        if !v.contains(agency) {
                            v.push(*agency);
                        }
                    }
                    [_] => {}
                    _ if rest
                        .iter()
                        .any(|w| w.bytes().any(|b| b.is_ascii_alphabetic())) =>
                    {
                        let key: Box<str> = rest.join(" ").into();
                        province_keys.insert(key.clone());
                        add_bare((&mut bare, &mut bare_now), key, *agency, current);
                        if let Some(short) = initials(&rest) {
                            let key: Box<str> = short.into();
                            province_keys.insert(key.clone());
                            add_bare((&mut bare, &mut bare_now), key, *agency, current);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            // "Thôn Bắc Sơn" → "bac son"; "Tổ dân phố số 5" → "5" (too
            // weak alone, left out below).
            let level = settlement
                .get(*agency as usize)
                .and_then(|forms| {
                    forms.iter().find_map(|form| {
                        let n = form.len();
                        (words.len() > n && words.iter().zip(form).all(|(w, f)| w == f))
                            .then_some(n)
                    })
                })
                .map(|n| match words.get(n) {
                    Some(&"so") if words.len() > n + 1 => n + 1,
                    _ => n,
                });
            if let Some(n) = level {
                if let Some(l) = leveled.get_mut(pos) {
                    *l = true;
                }
                // Two words at least ("Bắc Sơn", "Trung Tâm"): a name of
                // one ("Đông", "Trung", "5") is a person's or a number as
                // often, and needs its level word ("thon dong", "tdp 5").
                let rest = &words[n..];
                let strong = rest.len() >= 2
                    && rest
                        .iter()
                        .any(|w| w.bytes().any(|b| b.is_ascii_alphabetic()));
                if strong {
                    let key: Box<str> = rest.join(" ").into();
                    settlement_keys.insert(key.clone());
                    let current = !former.contains_key(&(pos as u32));
                    add_bare((&mut bare, &mut bare_now), key, *agency, current);
                }
                // Never read as a commune's name without its "xã" below
                // ("ban" of "Bản Đông" is the "ban" of "ủy ban" there).
                continue;
            }
            // The words before a name that say what kind of unit it is.
            let kind = |w: &str| {
                [
                    "ubnd", "uy", "ban", "nhan", "dan", "xa", "phuong", "thi", "tran", "p", "x",
                    "tt",
                ]
                .contains(&w)
            };
            let own = words.iter().position(|w| !kind(w)).unwrap_or(words.len());
            let rest = &words[own..];
            let strong = match rest {
                [] => false,
                [one] => one.len() >= 4 && one.bytes().all(|b| b.is_ascii_alphabetic()),
                _ => rest
                    .iter()
                    .any(|w| w.bytes().any(|b| b.is_ascii_alphabetic())),
            };
            if strong && own > 0 {
                let key: Box<str> = rest.join(" ").into();
                let current = !former.contains_key(&(pos as u32));
                add_bare((&mut bare, &mut bare_now), key, *agency, current);
            }
        }
        // A one-word name is read alone only when no other unit's name
        // holds the word ("hue" of Phường Huế or Tỉnh Thừa Thiên Huế).
        let single: HashMap<Box<str>, u32> = single
            .into_iter()
            .filter_map(|(word, units)| match units[..] {
                [unit] if agencies_of.get(&*word).is_some_and(|&n| n == 1) => Some((word, unit)),
                _ => None,
            })
            .collect();
        let numbered = written
            .iter()
            .filter_map(|(joined, agency, _)| {
                let words: Vec<String> = joined.split(' ').map(str::to_string).collect();
                let words = without_so(&words);
                // A name of a word and a number at least, opening with a
                // word ("thon 3", not a code "05").
                let first_word = words
                    .first()
                    .is_some_and(|w| w.bytes().any(|b| b.is_ascii_alphabetic()));
                let number = words.iter().any(|w| w.bytes().all(|b| b.is_ascii_digit()));
                (words.len() >= 2 && first_word && number).then(|| {
                    (
                        words.into_iter().map(String::into_boxed_str).collect(),
                        *agency,
                    )
                })
            })
            .collect();
        let glued = bare
            .iter()
            .filter(|(k, _)| k.contains(' '))
            .map(|(k, v)| (k.replace(' ', "").into_boxed_str(), v.clone()))
            .collect();
        let mut bare_lengths: Vec<usize> = bare.keys().map(|k| k.split(' ').count()).collect();
        bare_lengths.sort_unstable();
        bare_lengths.dedup();
        let tones = written
            .iter()
            .map(|(.., name)| {
                crate::text::tone_words(name)
                    .into_iter()
                    .map(String::into_boxed_str)
                    .collect()
            })
            .collect();
        let mut homonyms: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        for (pos, (joined, ..)) in written.iter().enumerate() {
            homonyms
                .entry(joined.as_str().into())
                .or_default()
                .push(pos as u32);
        }
        homonyms.retain(|_, v| v.len() > 1);
        lengths.sort_unstable();
        lengths.dedup();
        entries.shrink_to_fit();
        by_words.shrink_to_fit();
        AgencyMatcher {
            entries,
            by_words,
            lengths,
            distinct,
            tones,
            homonyms,
            bare,
            bare_now,
            bare_lengths,
            glued,
            former,
            numbered,
            settlement_keys,
            leveled,
            province_keys,
            single,
            numeric,
            numeric_folded,
        }
    }

    /// The agencies a file or folder name names by a code of digits alone
    /// (a ministry's province codes, a statistics office's commune codes),
    /// with the length matched: only when the name opens with the code as
    /// the registry writes it, its leading zeros kept, set apart from what
    /// follows («04_Cao Bang», «04 - Bao cao quy 3», «80324-TanPhu»,
    /// «12»). A number elsewhere («bao cao 4», «Bao cao 12», «(2)», «Q3
    /// 2026») or written otherwise («4» for «04») is a version, a quarter,
    /// a sequence, never a unit. None when the name opens with no code.
    pub fn code_in_name(&self, name: &str) -> Option<(Vec<usize>, usize)> {
        if self.numeric.is_empty() {
            return None;
        }
        let name = name.trim_start();
        let chars: Vec<(usize, char)> = name.char_indices().collect();
        let mut best: Option<(Vec<usize>, usize)> = None;
        for (k, &(_, c)) in chars.iter().enumerate() {
            if !(c.is_ascii_digit() || (k > 0 && matches!(c, '.' | '-' | '/'))) {
                break;
            }
            let next = chars.get(k + 1).map(|&(_, n)| n);
            if !c.is_ascii_digit() || next.is_some_and(char::is_alphanumeric) {
                continue;
            }
            let end = chars.get(k + 1).map_or(name.len(), |&(at, _)| at);
            if let Some(units) = name.get(..end).and_then(|code| self.numeric.get(code)) {
                best = Some((units.iter().map(|&u| u as usize).collect(), end));
            }
        }
        best
    }

    /// The unit a title's line names by a province's or a city's name
    /// without its level word ("UBND LAI CHÂU", "ỦY BAN NHÂN DÂN HỒ CHÍ
    /// MINH", "UBND HCM"), with the length matched and the other units it
    /// fits as well (two units of one name: "Tỉnh Lai Châu", "Thành phố
    /// Lai Châu"): the line is that name alone, after "UBND" if any, so
    /// that a longer name ("UBND THỪA THIÊN HUẾ") or a body's ("SỞ Y TẾ
    /// LAI CHÂU") is not read so. A name of one word is never read from a
    /// title. None when the line is no such name.
    pub fn province_in(&self, line: &str) -> Option<(usize, usize, Vec<usize>)> {
        let folded = fold(line);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let from = words.iter().take_while(|w| LETTERHEAD.contains(w)).count();
        let key = words.get(from..)?.join(" ");
        if !self.province_keys.contains(key.as_str()) {
            return None;
        }
        let units = self.bare.get(key.as_str())?;
        let (&first, rest) = units.split_first()?;
        Some((
            first as usize,
            key.len(),
            rest.iter().map(|&u| u as usize).collect(),
        ))
    }

    /// The agencies a title's line names once a number written in words
    /// is read as its digits ("THÔN BA" → Thôn 3) and "số" is left out
    /// before a number ("TDP 5" → alias "TDP số 5"), with the words read
    /// as numbers; none when the line names nobody so. Called only when
    /// the line names no unit as written: a registry that has "Thôn Ba"
    /// reads "THÔN BA" as that unit's. "Số" alone decides first; a
    /// reading that needs the number words is tried only when that finds
    /// nobody, and only when the name so read ends the line: the number
    /// in words is the whole rest of the name after its level word
    /// ("THÔN BA", never "THÔN BA LÀNG", "THÔN BA HAI").
    pub fn loose_in(&self, line: &str) -> Option<LooseMatch> {
        let raw: Vec<&str> = line
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let folded: Vec<String> = raw.iter().map(|w| fold(w)).collect();
        let plain = without_so(&folded);
        let mut read: Vec<String> = Vec::new();
        let mut as_numbers: Vec<String> = Vec::new();
        for (i, (w, f)) in raw.iter().zip(&folded).enumerate() {
            match number_word(w).filter(|_| i > 0) {
                Some(n) => {
                    read.push(n.to_string());
                    as_numbers.push((*w).to_string());
                }
                None => read.push(f.clone()),
            }
        }
        let worded = without_so(&read);
        // `whole`: the name ends the line, or a report's word follows it
        // ("THÔN BA", "THÔN BA QUÝ II"; not "THÔN BA LÀNG" nor "THÔN BA
        // HAI", a longer name read a word short).
        let fits = |words: &[String], whole: bool| -> Vec<usize> {
            let mut units: Vec<usize> = self
                .numbered
                .iter()
                .filter(|(entry, _)| {
                    let n = entry.len();
                    words.windows(n).enumerate().any(|(at, run)| {
                        (!whole
                            || words
                                .get(at + n)
                                .is_none_or(|next| REPORT_WORDS.contains(&next.as_str())))
                            && run.iter().zip(entry.iter()).all(|(a, b)| a == &**b)
                    })
                })
                .map(|&(_, u)| u as usize)
                .collect();
            units.sort_unstable();
            units.dedup();
            units
        };
        let units = fits(&plain, false);
        if !units.is_empty() {
            return Some(LooseMatch {
                units,
                number_words: Vec::new(),
            });
        }
        if as_numbers.is_empty() {
            return None;
        }
        let units = fits(&worded, true);
        (!units.is_empty()).then_some(LooseMatch {
            units,
            number_words: as_numbers,
        })
    }

    /// The agency a file or folder name names, with the others it fits
    /// as well: as [`find_with_ties`](Self::find_with_ties) over the name
    /// with its run-together words parted ("EaKnop" is "Ea Knop"), else
    /// the longest run of words that is a name without its "xã",
    /// "phường" ("BC_EaKnop_Q3", "X.TanPhu": Ea Knốp; Tân Phú and Tân
    /// Phù).
    pub fn find_in_name(&self, name: &str) -> Option<(usize, usize, Vec<usize>)> {
        self.find_in_name_how(name).map(|(found, _)| found)
    }

    /// Whether a file or folder name names its unit only loosely: by a
    /// village's name without its level word ("bac son.xlsx" for Thôn
    /// Bắc Sơn), as [`find_in_name`](Self::find_in_name) reads it. Such a
    /// name never outweighs a title, nor a file that names the unit whole.
    pub fn names_loosely(&self, name: &str) -> bool {
        self.find_in_name_how(name).is_some_and(|(_, loose)| loose)
    }

    /// [`find_in_name`](Self::find_in_name), and whether it read a
    /// village's name without its level word.
    ///
    /// A code at the head of the name ([`code_in_name`](Self::code_in_name))
    /// names its unit when the rest names no unit in full or names the
    /// same one (and settles its namesakes: «08001_TanPhu»); where the
    /// rest names another unit in full («04_Lai Chau» for Cao Bằng's
    /// code) the two are not weighed: the file fits both, not sure.
    fn find_in_name_how(&self, name: &str) -> Option<(NameMatch, bool)> {
        let by_words = self.named_in_name(name);
        let Some((coded, len)) = self.code_in_name(name) else {
            return by_words;
        };
        let Some(((unit, _, ties), _)) = by_words.filter(|(_, loose)| !loose) else {
            let (&first, rest) = coded.split_first()?;
            return Some(((first, len, rest.to_vec()), false));
        };
        let fits: Vec<usize> = std::iter::once(unit).chain(ties).collect();
        let both: Vec<usize> = coded.iter().copied().filter(|u| fits.contains(u)).collect();
        if let [one] = both[..] {
            return Some(((one, len, Vec::new()), false));
        }
        let mut all = coded;
        for u in fits {
            if !all.contains(&u) {
                all.push(u);
            }
        }
        let (&first, rest) = all.split_first()?;
        Some(((first, len, rest.to_vec()), false))
    }

    /// Whether a file name names its unit by a code at its head alone
    /// ([`code_in_name`](Self::code_in_name)), no unit's name in full in
    /// it: a clue a title naming another unit always beats.
    pub fn named_by_code_alone(&self, name: &str) -> bool {
        self.code_in_name(name).is_some() && self.named_in_name(name).is_none_or(|(_, loose)| loose)
    }

    /// [`find_in_name_how`](Self::find_in_name_how) by the names' words,
    /// without the codes of digits.
    fn named_in_name(&self, name: &str) -> Option<(NameMatch, bool)> {
        let parted = parted(name);
        if let Some(found) = self.find_with_ties(&parted) {
            return Some((found, false));
        }
        let folded = fold(&parted);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let mut best: Option<(usize, &Vec<u32>, bool)> = None;
        for first in 0..words.len() {
            for &n in &self.bare_lengths {
                let Some(run) = words.get(first..first + n) else {
                    break;
                };
                let key = run.join(" ");
                let loose = self.settlement_keys.contains(key.as_str());
                if loose && loose_blocked(&words, first) {
                    continue;
                }
                if let Some(units) = self.bare.get(key.as_str()) {
                    if best.is_none_or(|(len, ..)| key.len() > len) {
                        best = Some((key.len(), units, loose));
                    }
                }
            }
        }
        if best.is_none() {
            if let Some(found) = self.single_in(&words) {
                return Some(found);
            }
        }
        let (len, units, loose) = match best {
            Some(found) => found,
            None => {
                let (len, units) = self.in_address(name)?;
                (len, units, false)
            }
        };
        let (&first, rest) = units.split_first()?;
        Some((
            (
                first as usize,
                len,
                rest.iter().map(|&u| u as usize).collect(),
            ),
            loose,
        ))
    }

    /// The unit a file name's `words` name by a province's or city's name
    /// of one word without its level word ("Hue.xlsx", "BC Huế Q3.xlsx"
    /// for Thành phố Huế): the file name says nothing else but report
    /// words, periods and numbers ("Thua Thien Hue", "Phuong Hue" say
    /// more). A loose reading.
    fn single_in(&self, words: &[&str]) -> Option<(NameMatch, bool)> {
        const ROMAN: [&str; 4] = ["i", "ii", "iii", "iv"];
        let period = |w: &str| {
            ROMAN.contains(&w)
                || w.strip_prefix('q')
                    .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        };
        let mut named = words.iter().filter(|w| {
            w.bytes().any(|b| b.is_ascii_alphabetic()) && !REPORT_WORDS.contains(w) && !period(w)
        });
        let (Some(word), None) = (named.next(), named.next()) else {
            return None;
        };
        let &unit = self.single.get(*word)?;
        Some(((unit as usize, word.len(), Vec::new()), true))
    }

    /// Whether the run of `n` words at `first` of a file name's `words`
    /// is a village's name without its level word that the word before it
    /// makes part of a longer name ([`loose_blocked`]).
    fn blocked_at(&self, words: &[&str], first: usize, n: usize) -> bool {
        words.get(first..first + n).is_some_and(|run| {
            self.settlement_keys.contains(run.join(" ").as_str()) && loose_blocked(words, first)
        })
    }

    /// The agencies an e-mail address in `name` names by its user part,
    /// the words written together ("ubnd.xaphuocphu@gmail.com": Xã Phước
    /// Phú), with the length matched; none when `name` holds no address
    /// or its user part names nobody.
    fn in_address(&self, name: &str) -> Option<(usize, &Vec<u32>)> {
        const KINDS: [&str; 6] = ["ubnd", "xa", "phuong", "thitran", "tt", "x"];
        let (before, _) = name.split_once('@')?;
        let user = before.rsplit(char::is_whitespace).next()?;
        user.split(['.', '_', '-', '+']).find_map(|piece| {
            let piece = fold(piece).replace(' ', "");
            let mut rest = piece.as_str();
            loop {
                if let Some(units) = self.glued.get(rest) {
                    return Some((rest.len(), units));
                }
                rest = KINDS.iter().find_map(|k| rest.strip_prefix(k))?;
            }
        })
    }

    /// The agency whose longest name or alias appears in `text` as whole
    /// words, with the length of what matched. Of two as long, the one
    /// with more words of its own wins ("UBND XÃ PHÚ HÒA ĐÔNG": "xã Phú
    /// Hòa Đông" over "UBND xã Phú Hòa"), then the earlier agency in the
    /// registry. Agencies whose names differ only by their tones (Xã Đông
    /// Tâm, Xã Đồng Tâm) are told apart by the text's tones.
    pub fn find_in(&self, text: &str) -> Option<(usize, usize)> {
        self.find_with_ties(text).map(|(u, len, _)| (u, len))
    }

    /// [`find_in`](Self::find_in), with the other agencies the text fits
    /// as well: names that differ only by their tones, read from a text
    /// typed without them ("UBND XA TAN PHU": Xã Tân Phú and Xã Tân Phù).
    /// Of the names whose tones the text does not contradict, the one
    /// whose marked words it repeats the most wins ("XÃ TÂN PHÙ" is Tân
    /// Phù's, not the toneless alias "Xa Tan Phu" of Tân Phú); the others
    /// as good are the ties.
    pub fn find_with_ties(&self, text: &str) -> Option<(usize, usize, Vec<usize>)> {
        let (pos, len, ties, _) = self.best_entry(text)?;
        self.entries.get(pos).map(|&idx| (idx as usize, len, ties))
    }

    /// The units a title's line may name when its best match is a
    /// village's name (one opening with its level word) that the line
    /// goes on past: its next word, with no mark between, continues a
    /// proper name ("THÔN ĐÔNG SƠN" past Thôn Đông, "THÔN TRUNG TÂM" past
    /// Thôn Trung), not a report's word ("QUÝ", "NĂM", "BÁO CÁO"), a
    /// number or a level word ("XÃ"). Such a match is no sure one: the
    /// line may name a village the registry lacks. The matched unit
    /// comes first, then those the line's words name without their level
    /// word ("Trung Tâm" of Khu phố Trung Tâm); none when the match is
    /// sure or there is none.
    pub fn continued_in(&self, text: &str) -> Option<Vec<usize>> {
        let (pos, _, ties, end) = self.best_entry(text)?;
        if !self.leveled.get(pos).copied().unwrap_or(false) {
            return None;
        }
        // The line's words with whether only spaces stand before each:
        // a mark ("THÔN ĐÔNG - SƠN LA") ends the name.
        let mut words: Vec<(String, bool)> = Vec::new();
        let mut spaced = true;
        let mut word = String::new();
        for c in text.chars().chain(std::iter::once('.')) {
            if c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) {
                word.push(c);
                continue;
            }
            if !word.is_empty() {
                for w in fold(&word).split(' ').filter(|w| !w.is_empty()) {
                    words.push((w.to_string(), spaced));
                    spaced = true;
                }
                word.clear();
                spaced = true;
            }
            if !c.is_whitespace() {
                spaced = false;
            }
        }
        let folded = fold(text);
        let aligned = folded.split(' ').filter(|w| !w.is_empty()).count() == words.len();
        let (next, spaced) = match (
            aligned,
            folded.split(' ').filter(|w| !w.is_empty()).nth(end),
        ) {
            (true, _) => words.get(end).map(|(w, s)| (w.clone(), *s))?,
            (false, Some(w)) => (w.to_string(), true),
            (false, None) => return None,
        };
        let continues = spaced
            && next.bytes().all(|b| b.is_ascii_alphabetic())
            && !NOT_A_NAME.contains(&next.as_str())
            && !REPORT_WORDS.contains(&next.as_str());
        if !continues {
            return None;
        }
        let mut units: Vec<usize> = self
            .entries
            .get(pos)
            .map(|&u| u as usize)
            .into_iter()
            .collect();
        units.extend(ties);
        let plain: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        for first in 0..plain.len() {
            for &n in &self.bare_lengths {
                let Some(run) = plain.get(first..first + n) else {
                    break;
                };
                for &u in self.bare.get(run.join(" ").as_str()).into_iter().flatten() {
                    if !units.contains(&(u as usize)) {
                        units.push(u as usize);
                    }
                }
            }
        }
        Some(units)
    }

    /// The former unit `text` names, as the registry's `former` column
    /// writes it, when what [`find_with_ties`](Self::find_with_ties) reads
    /// in `text` is a unit's former name ("UBND XÃ AN ĐIỀN (CŨ)": «Xã An
    /// Điền» of Xã Hòa Lợi), not its name, code or an alias.
    pub fn former_in(&self, text: &str) -> Option<&str> {
        let (pos, ..) = self.best_entry(text)?;
        self.former.get(&(pos as u32)).map(|s| &**s)
    }

    /// [`former_in`](Self::former_in) for a file or folder name, its
    /// run-together words parted as [`find_in_name`](Self::find_in_name)
    /// parts them.
    pub fn former_in_name(&self, name: &str) -> Option<&str> {
        self.former_in(&parted(name))
    }

    /// True when `text` names `unit` by its name, its code or an alias
    /// (not a former name), as whole words: "UBND PHƯỜNG 3 (NAY LÀ
    /// PHƯỜNG TÂN AN)" names Phường Tân An as it is now.
    pub fn names_current(&self, text: &str, unit: usize) -> bool {
        let folded = fold(text);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let runs: Vec<(usize, usize, &[u32])> = self.entry_runs(&words).collect();
        let of_unit = |p: &u32| self.entries.get(*p as usize) == Some(&(unit as u32));
        // A run of the unit's present name inside a longer run of one of
        // its former names is that former name's ("UBND XÃ VĨNH LỘC A" for
        // Xã Vĩnh Lộc, formed from Xã Vĩnh Lộc A and Xã Vĩnh Lộc B).
        let letterhead = |w: &str| ["ubnd", "uy", "ban", "nhan", "dan"].contains(&w);
        let in_former = |first: usize, n: usize| {
            // The run's own words, past the "UBND" an alias opens with.
            let core = first
                + words
                    .get(first..first + n)
                    .map_or(0, |run| run.iter().take_while(|w| letterhead(w)).count());
            runs.iter().any(|&(f, m, positions)| {
                f + m > first + n
                    && f <= core
                    && positions
                        .iter()
                        .any(|p| of_unit(p) && self.former.contains_key(p))
            })
        };
        runs.iter().any(|&(first, n, positions)| {
            positions
                .iter()
                .any(|p| of_unit(p) && !self.former.contains_key(p))
                && !in_former(first, n)
        })
    }

    /// Every run of `words` that is an entry: its first word, its word
    /// count, and the positions in `entries` of the entries it spells
    /// (several for homonyms), shortest runs first at each word.
    fn entry_runs<'s: 'w, 'w>(
        &'s self,
        words: &'w [&'w str],
    ) -> impl Iterator<Item = (usize, usize, &'s [u32])> + 'w {
        (0..words.len()).flat_map(move |first| {
            self.lengths
                .iter()
                .map_while(move |&n| words.get(first..first + n).map(|run| (n, run.join(" "))))
                .filter_map(move |(n, key)| {
                    let (key, first_pos) = self.by_words.get_key_value(key.as_str())?;
                    let positions = self
                        .homonyms
                        .get(key)
                        .map_or(std::slice::from_ref(first_pos), Vec::as_slice);
                    Some((first, n, positions))
                })
        })
    }

    /// [`names_current`](Self::names_current) for a file or folder name,
    /// its run-together words parted and "xã", "phường" optional, as
    /// [`find_in_name`](Self::find_in_name) reads it: `Tan Lap Q3.xlsx`
    /// names Xã Tân Lập as it is now, even when one of the communes it was
    /// formed from bore that name too.
    pub fn names_current_in_name(&self, name: &str, unit: usize) -> bool {
        if self
            .code_in_name(name)
            .is_some_and(|(units, _)| units.contains(&unit))
        {
            return true;
        }
        let parted = parted(name);
        if self.names_current(&parted, unit) {
            return true;
        }
        let folded = fold(&parted);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let has = |map: &HashMap<Box<str>, Vec<u32>>, first: usize, n: usize| {
            words.get(first..first + n).is_some_and(|run| {
                map.get(run.join(" ").as_str())
                    .is_some_and(|units| units.contains(&(unit as u32)))
            })
        };
        // Inside a longer run that only one of the unit's former names
        // spells ("Vinh Loc A" past "Vinh Loc"): that former name's.
        let in_former = |first: usize, n: usize| {
            (0..=first).any(|f| {
                self.bare_lengths.iter().any(|&m| {
                    m > n
                        && f + m >= first + n
                        && has(&self.bare, f, m)
                        && !has(&self.bare_now, f, m)
                })
            })
        };
        (0..words.len()).any(|first| {
            self.bare_lengths.iter().any(|&n| {
                !self.blocked_at(&words, first, n)
                    && has(&self.bare_now, first, n)
                    && !in_former(first, n)
            })
        })
    }

    /// The entry `text` names best (its position in `entries`), the
    /// length matched and the other agencies it fits as well: the work of
    /// [`find_with_ties`](Self::find_with_ties). A unit's name, code or
    /// alias wins over another's former name that the text fits as well
    /// (a new Xã Tân An over Phường Tân An's former Xã Tân An).
    fn best_entry(&self, text: &str) -> Option<(usize, usize, Vec<usize>, usize)> {
        let folded = fold(text);
        // Folded text is words joined by single spaces: every run of
        // whole words is a slice of it. (start, end) of each word:
        let mut bounds: Vec<(usize, usize)> = Vec::new();
        let mut at = 0;
        for w in folded.split(' ') {
            if !w.is_empty() {
                bounds.push((at, at + w.len()));
            }
            at += w.len() + 1;
        }
        // The text's words with their tones, when they stand word for word
        // beside the folded ones.
        // Made at the first match (most title cells match no agency).
        let text_tones: std::cell::OnceCell<Option<Vec<String>>> = std::cell::OnceCell::new();
        let tones_of_text = || {
            text_tones
                .get_or_init(|| {
                    let t = crate::text::tone_words(text);
                    (t.len() == bounds.len()).then_some(t)
                })
                .as_deref()
        };
        // (tones agree, length matched, not a former name, distinct
        // length, position in `entries`): an entry whose tones the text
        // contradicts loses to any that agrees, then the longest wins,
        // then a unit's present name, then the most distinct, then the
        // earliest entry.
        let mut best: Option<(bool, usize, bool, u32, usize, usize)> = None;
        let mut best_ties: Vec<usize> = Vec::new();
        // The index of the word after the best match.
        let mut best_end = 0;
        for (first, &(start, _)) in bounds.iter().enumerate() {
            for &n in &self.lengths {
                let Some(&(_, end)) = bounds.get(first + n - 1) else {
                    break;
                };
                let Some(key) = folded.get(start..end) else {
                    continue;
                };
                let Some(&first_pos) = self.by_words.get(key) else {
                    continue;
                };
                let window = tones_of_text().and_then(|t| t.get(first..first + n));
                let positions = self
                    .homonyms
                    .get(key)
                    .map_or(std::slice::from_ref(&first_pos), Vec::as_slice);
                // The agreeing entries with how many marked words they
                // share with the text.
                let mut agreeing: Vec<(usize, isize)> = positions
                    .iter()
                    .map(|&p| p as usize)
                    .filter(|&p| !self.contradicts(p, window))
                    .map(|p| (p, self.agreement(p, window)))
                    .collect();
                let is_former = |p: usize| self.former.contains_key(&(p as u32));
                if agreeing.iter().any(|&(p, _)| !is_former(p)) {
                    agreeing.retain(|&(p, _)| !is_former(p));
                }
                let top = agreeing.iter().map(|&(_, a)| a).max();
                let (agree, pos) = match agreeing.iter().find(|&&(_, a)| Some(a) == top) {
                    Some(&(p, _)) => (true, p),
                    None => (false, first_pos as usize),
                };
                let len = end - start + 1;
                // Weighed without the "UBND" an alias opens with: «UBND XÃ
                // VĨNH LỘC A» is Xã Vĩnh Lộc A's (a former commune), not
                // the alias "UBND xã Vĩnh Lộc" of the unit it formed.
                let core = (first..first + n)
                    .find(|&w| {
                        bounds
                            .get(w)
                            .and_then(|&(s, e)| folded.get(s..e))
                            .is_none_or(|word| {
                                !["ubnd", "uy", "ban", "nhan", "dan"].contains(&word)
                            })
                    })
                    .and_then(|w| bounds.get(w))
                    .map_or(len, |&(s, _)| end - s + 1);
                let distinct = self.distinct.get(pos).copied().unwrap_or_default();
                let current = !is_former(pos);
                let better = best.is_none_or(|(a, l, c, d, p, whole)| {
                    (agree, core, current, distinct, len, std::cmp::Reverse(pos))
                        > (a, l, c, d, whole, std::cmp::Reverse(p))
                });
                if better {
                    best = Some((agree, core, current, distinct, pos, len));
                    best_end = first + n;
                    let unit = self.entries.get(pos).copied();
                    best_ties = agreeing
                        .iter()
                        .filter(|&&(_, a)| Some(a) == top)
                        .filter_map(|&(p, _)| self.entries.get(p).copied())
                        .filter(|&u| Some(u) != unit)
                        .map(|u| u as usize)
                        .collect();
                    best_ties.dedup();
                }
            }
        }
        let (_, _, _, _, pos, len) = best?;
        Some((pos, len, best_ties, best_end))
    }

    /// How many words of entry `pos` the text's words (`window`) repeat
    /// with the same marks, both marked; less, when both are written with
    /// tones, the words one marks and the other does not: in "UBND XÃ
    /// THANH ĐÔNG" the unmarked "THANH" is the level tone, Thanh Đông's
    /// and not Thạnh Đông's, though a toneless alias ("Xa Thanh Dong")
    /// says nothing either way.
    fn agreement(&self, pos: usize, window: Option<&[String]>) -> isize {
        let (Some(window), Some(own)) = (window, self.tones.get(pos)) else {
            return 0;
        };
        if own.len() != window.len() {
            return 0;
        }
        let toned = own.iter().any(|w| marked(w)) && window.iter().any(|w| marked(w));
        own.iter()
            .zip(window)
            .map(|(a, b)| match (marked(a), marked(b)) {
                (true, true) if **a == **b => 1,
                (true, false) | (false, true) if toned => -1,
                _ => 0,
            })
            .sum()
    }

    /// Every agency a file or folder name names in any of the ways
    /// [`find_in_name`](Self::find_in_name) reads ("Krong Nang - Phu Loc"
    /// names both).
    pub fn all_in_name(&self, name: &str) -> Vec<usize> {
        let parted = parted(name);
        let mut out = self.all_in(&parted);
        for u in self.code_in_name(name).map(|(u, _)| u).unwrap_or_default() {
            if !out.contains(&u) {
                out.push(u);
            }
        }
        let folded = fold(&parted);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        for first in 0..words.len() {
            for &n in &self.bare_lengths {
                let Some(run) = words.get(first..first + n) else {
                    break;
                };
                if self.blocked_at(&words, first, n) {
                    continue;
                }
                for &u in self.bare.get(run.join(" ").as_str()).into_iter().flatten() {
                    if !out.contains(&(u as usize)) {
                        out.push(u as usize);
                    }
                }
            }
        }
        out
    }

    /// Whether the text's words (`window`, with their tones) say another
    /// name than entry `pos` as written: a word marked in both (a tone, or
    /// a letter such as "ô", "đ") and marked differently.
    fn contradicts(&self, pos: usize, window: Option<&[String]>) -> bool {
        let (Some(window), Some(own)) = (window, self.tones.get(pos)) else {
            return false;
        };
        own.len() == window.len()
            && own
                .iter()
                .zip(window)
                .any(|(a, b)| marked(a) && marked(b) && **a != **b)
    }

    /// Every agency whose name or alias appears in `text` as whole words,
    /// in the order they first appear: a title or file name that names two
    /// units ("P05-phuong-5", "UBND Phường 7") names both.
    pub fn all_in(&self, text: &str) -> Vec<usize> {
        let folded = fold(text);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let mut out = Vec::new();
        for first in 0..words.len() {
            for &n in &self.lengths {
                let Some(run) = words.get(first..first + n) else {
                    break;
                };
                let found = self
                    .by_words
                    .get(run.join(" ").as_str())
                    .and_then(|&p| self.entries.get(p as usize))
                    .map(|&i| i as usize);
                if let Some(i) = found.filter(|i| !out.contains(i)) {
                    out.push(i);
                }
            }
        }
        out
    }

    /// [`all_in`](Self::all_in) with namesakes: every agency one of whose
    /// names or aliases is in `text` as whole words and whose tones the
    /// text does not contradict, namesakes included ("UBND XÃ TÂN PHÚ" fits
    /// every Xã Tân Phú of the registry, not Xã Tân Phù, whose toneless
    /// alias it fits less well than their names). What a form's
    /// stamp weighs a title against.
    pub fn all_fitting(&self, text: &str) -> Vec<usize> {
        let folded = fold(text);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let tones = crate::text::tone_words(text);
        let tones = (tones.len() == words.len()).then_some(tones);
        let mut out = Vec::new();
        for (first, n, positions) in self.entry_runs(&words) {
            let window = tones.as_deref().and_then(|t| t.get(first..first + n));
            // As in `find_with_ties`: of the entries the tones do not
            // contradict, those that agree the most with them.
            let agreeing: Vec<(usize, isize)> = positions
                .iter()
                .map(|&p| p as usize)
                .filter(|&p| !self.contradicts(p, window))
                .map(|p| (p, self.agreement(p, window)))
                .collect();
            let top = agreeing.iter().map(|&(_, a)| a).max();
            for &(p, a) in &agreeing {
                let Some(&u) = self.entries.get(p) else {
                    continue;
                };
                if Some(a) == top && !out.contains(&(u as usize)) {
                    out.push(u as usize);
                }
            }
        }
        out
    }

    /// Whether `text` (a file or folder name, a signature) names `unit` by
    /// something no other agency of the registry is called: its code, or a
    /// name or alias of its own ("Xã Long Hải - Bắc Ninh"), as whole words,
    /// also without its "xã", "phường". Such a clue settles a title that
    /// fits namesakes as surely as a form's stamp.
    pub fn names_alone(&self, text: &str, unit: usize) -> bool {
        if self
            .code_in_name(text)
            .is_some_and(|(units, _)| units == [unit])
        {
            return true;
        }
        let parted = parted(text);
        let folded = fold(&parted);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        for first in 0..words.len() {
            for &n in &self.lengths {
                let Some(run) = words.get(first..first + n) else {
                    break;
                };
                let key = run.join(" ");
                let own = self
                    .by_words
                    .get(key.as_str())
                    .and_then(|&p| self.entries.get(p as usize))
                    .is_some_and(|&u| u as usize == unit);
                if own && !self.homonyms.contains_key(key.as_str()) {
                    return true;
                }
            }
            for &n in &self.bare_lengths {
                let Some(run) = words.get(first..first + n) else {
                    break;
                };
                if !self.blocked_at(&words, first, n)
                    && self.bare.get(run.join(" ").as_str()).map(Vec::as_slice)
                        == Some(&[unit as u32][..])
                {
                    return true;
                }
            }
        }
        false
    }

    /// The agency that a whole text names exactly (all its words), for
    /// agency columns of task tables.
    pub fn exact(&self, text: &str) -> Option<usize> {
        let folded = fold(text);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let key = words.join(" ");
        if let Some(&unit) = self.numeric_folded.get(key.as_str()) {
            return Some(unit as usize);
        }
        let pos = *self.by_words.get(key.as_str())?;
        self.entries.get(pos as usize).map(|&i| i as usize)
    }
}

/// Whether a word as [`crate::text::tone_words`] gives it carries a mark:
/// a tone, or a letter such as "ô", "đ".
fn marked(w: &str) -> bool {
    !w.is_ascii() || !w.ends_with('0')
}

/// A name with its run-together words parted: "BC_EaKnop_Q3" → "BC Ea
/// Knop Q3"; a word glued to a number ("Phuong13_quy3", "Xa5") → "Phuong
/// 13 quy 3", "Xa 5". A single letter keeps its number ("P13", "Q3",
/// "v2": a code, a quarter, a version), and so do two or three capitals
/// ("PX12", "TT05"), which read as a code.
pub(crate) fn parted(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 8);
    // The letters in a row just before position i, and whether one of
    // them is lowercase.
    let (mut letters, mut lower) = (0usize, false);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p));
        let next = chars.get(i + 1);
        if prev.is_some_and(|p| p.is_lowercase()) && c.is_uppercase() {
            out.push(' ');
        }
        // A word, then digits: "Phuong13", "quy3".
        if c.is_ascii_digit() && letters >= 2 && (lower || letters >= 4) {
            out.push(' ');
        }
        // Digits, then a word: "13quy".
        if prev.is_some_and(|p| p.is_ascii_digit())
            && c.is_alphabetic()
            && next.is_some_and(|n| n.is_alphabetic())
        {
            out.push(' ');
        }
        // A unit's number, then a quarter glued on: "Phuong13Q3", "p3q3".
        // A year keeps its quarter ("2025Q3").
        if quarter_glued(&chars, i) {
            out.push(' ');
        }
        if c.is_alphabetic() {
            letters += 1;
            lower |= c.is_lowercase();
        } else {
            (letters, lower) = (0, false);
        }
        // "X.TanPhu": a dot between a letter and a capital parts words
        // ("P.11" keeps its own).
        let dot = c == '.'
            && prev.is_some_and(|p| p.is_alphabetic())
            && next.is_some_and(|n| n.is_uppercase());
        out.push(if c == '_' || dot { ' ' } else { c });
    }
    out
}

/// Whether `chars[i]` starts a quarter code ("Q3", "q4", a lone digit 1-4
/// after it and nothing alphanumeric) glued after a unit's number of one
/// to three digits, which itself follows a letter: the "Q3" of
/// "Phuong13Q3" or "p3q3", not of "2025Q3" nor of "Q3" alone.
fn quarter_glued(chars: &[char], i: usize) -> bool {
    let at = |k: usize| chars.get(k).copied();
    if !matches!(at(i), Some('q' | 'Q')) || !matches!(at(i + 1), Some('1'..='4')) {
        return false;
    }
    if at(i + 2).is_some_and(char::is_alphanumeric) {
        return false;
    }
    let digits = chars[..i]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    (1..=3).contains(&digits)
        && i.checked_sub(digits + 1)
            .and_then(at)
            .is_some_and(char::is_alphabetic)
}

fn period_regexes() -> &'static [(Regex, &'static str)] {
    static RES: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    RES.get_or_init(|| {
        #[allow(clippy::expect_used)]
        let mk = |p: &str| Regex::new(p).expect("invariant: the period patterns are valid");
        vec![
            // quy i 2020, quy 1 nam 2020, quy iv nam 2019
            (mk(r"\bquy (iv|i{1,3}|[1-4]) (?:nam )?(\d{4})\b"), "quarter"),
            // quy iv va nam 2024, quy iv va ca nam 2024: the last quarter's
            // report with the year's
            (
                mk(r"\bquy (iv|i{1,3}|[1-4]) va (?:ca )?nam (\d{4})\b"),
                "quarter",
            ),
            // quy iii va 9 thang dau nam 2020: a quarter's report with its
            // months from January
            (
                mk(r"\bquy (iv|i{1,3}|[1-4]) va (?:3|6|9|12) thang (?:dau )?(?:nam )?(\d{4})\b"),
                "quarter",
            ),
            // 3 thang dau nam 2020, 6 thang nam 2020, 9 thang dau nam 2020
            (
                mk(r"\b(3|6|9|12) thang (?:dau )?(?:nam )?(\d{4})\b"),
                "months",
            ),
            // bao cao ... nam 2020 (a yearly report)
            (
                mk(r"\b(?:bao cao|bieu|so lieu|tong hop)\b.*\bnam (\d{4})\b"),
                "year",
            ),
        ]
    })
}

/// "… quý III và phương hướng nhiệm vụ quý IV năm 2021": a report's
/// title names the period it reports, then the one it plans, and the year
/// once at the end. The period reported is the first one named when a
/// plan ("phương hướng", "nhiệm vụ", "kế hoạch", "dự kiến") or an
/// estimate ("ước thực hiện", "ước tính", "ước đạt") and another period
/// follow it ("… 9 tháng đầu năm và ước thực hiện 6 tháng cuối năm 2025",
/// "… và ước thực hiện cả năm 2025"); its year is the first year written
/// after it.
fn reported_before_plan(f: &str) -> Option<Period> {
    static RES: OnceLock<(Regex, Regex, Regex)> = OnceLock::new();
    let (named, plan, year) = RES.get_or_init(|| {
        #[allow(clippy::expect_used)]
        let mk = |p: &str| Regex::new(p).expect("invariant: the period patterns are valid");
        (
            mk(r"\b(?:quy (iv|i{1,3}|[1-4])|(3|6|9|12) thang)\b"),
            mk(r"\b(?:phuong huong|nhiem vu|ke hoach|du kien|uoc (?:thuc hien|tinh|dat))\b"),
            mk(r"\b((?:19|20)\d{2})\b"),
        )
    });
    let first = named.captures(f)?;
    // "ngày 6 tháng 9 năm 2021" is a date.
    if first.get(2).is_some() && f.contains("ngay ") {
        return None;
    }
    let end = first.get(0)?.end();
    let plan_at = end + plan.find(&f[end..])?.end();
    // The span planned or estimated: another span, or the whole year
    // ("ước thực hiện cả năm 2025").
    if named.find(&f[plan_at..]).is_none() && !f[plan_at..].contains("ca nam") {
        return None;
    }
    let year: i32 = year.captures(&f[end..])?.get(1)?.as_str().parse().ok()?;
    let span = match (first.get(1), first.get(2).map(|m| m.as_str())) {
        (Some(q), _) => PeriodSpan::Quarter(quarter_number(q.as_str())?),
        (None, Some("3")) => PeriodSpan::Quarter(1),
        (None, Some("6")) => PeriodSpan::FirstHalf,
        (None, Some("9")) => PeriodSpan::NineMonths,
        (None, _) => PeriodSpan::Year,
    };
    Some(Period { year, span })
}

/// "… năm 2025 và phương hướng nhiệm vụ năm 2026": a year's report that
/// names the next year's plan after it reports the first year.
fn year_before_plan(f: &str) -> Option<Period> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        #[allow(clippy::expect_used)]
        Regex::new(
            r"\bnam ((?:19|20)\d{2})\b.*?\b(?:phuong huong|nhiem vu|ke hoach|du kien)\b.*?\bnam (?:19|20)\d{2}\b",
        )
        .expect("invariant: the period pattern is valid")
    });
    // "ngày 6 tháng 9 năm 2021" is a date.
    if f.contains("ngay ") && f.contains(" thang ") {
        return None;
    }
    let c = re.captures(f)?;
    // "… tháng 7 năm 2025 và nhiệm vụ tháng 8 năm 2025" is a month's.
    if month_before(&f[..c.get(0)?.start()]) {
        return None;
    }
    let year: i32 = c.get(1)?.as_str().parse().ok()?;
    Some(Period {
        year,
        span: PeriodSpan::Year,
    })
}

/// Does `before` (folded text) end with "tháng N", a month without its
/// year?
fn month_before(before: &str) -> bool {
    let mut words = before.split(' ').rev().filter(|w| !w.is_empty());
    let n = words.next().and_then(|w| w.parse::<u8>().ok());
    n.is_some_and(|n| (1..=12).contains(&n)) && words.next() == Some("thang")
}

/// "tháng 7/2025", "tháng 9 năm 2025", "T10/2026": one month (a monthly
/// report's title), not a date ("ngày 05 tháng 7 năm 2025", "05 tháng 7") nor a
/// span of months ("đến tháng 9/2025", "từ tháng 1", "hết tháng 9":
/// months from January, which a title says otherwise).
pub fn month_in(f: &str) -> Option<Period> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        #[allow(clippy::expect_used)]
        Regex::new(r"\b(?:thang (\d{1,2})|t(\d{1,2})) (?:nam )?((?:19|20)\d{2})\b")
            .expect("invariant: the month pattern is valid")
    });
    re.captures_iter(f).find_map(|c| {
        let before = f.get(..c.get(0)?.start())?;
        let word = before.split(' ').rev().find(|w| !w.is_empty());
        let spanned = word.is_some_and(|w| {
            matches!(w, "den" | "het" | "tu" | "toi" | "ngay" | "so")
                || w.bytes().all(|b| b.is_ascii_digit())
        });
        let m: u8 = c.get(1).or_else(|| c.get(2))?.as_str().parse().ok()?;
        let year: i32 = c.get(3)?.as_str().parse().ok()?;
        (!spanned && (1..=12).contains(&m)).then_some(Period {
            year,
            span: PeriodSpan::Month(m),
        })
    })
}

/// "KỲ BÁO CÁO 10/2026", "BÁO CÁO 10/2026", a line "10/2026" alone: one
/// month written as a title writes its period, month/year with a slash
/// after nothing or a title's words ("kỳ", "báo cáo", "số liệu", "biểu").
/// Not a date ("ngày 15/10/2026": the month follows a day and a slash),
/// nor a document's number ("Quyết định số 10/2026/QĐ-UBND": a slash goes
/// on, and "số" is no title word).
fn slashed_month_in(text: &str) -> Option<Period> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        #[allow(clippy::expect_used)]
        Regex::new(r"(?:^|[^\d/])(\d{1,2})\s*/\s*((?:19|20)\d{2})(?:$|[^\d/])")
            .expect("invariant: the month pattern is valid")
    });
    re.captures_iter(text).find_map(|c| {
        let at = c.get(1)?;
        let before = fold(text.get(..at.start())?);
        let words: Vec<&str> = before.split(' ').filter(|w| !w.is_empty()).collect();
        let titled = matches!(
            words.as_slice(),
            [] | [.., "bao", "cao"] | [.., "so", "lieu"] | [.., "ky"] | [.., "bieu"]
        );
        let m: u8 = at.as_str().parse().ok()?;
        let year: i32 = c.get(2)?.as_str().parse().ok()?;
        (titled && (1..=12).contains(&m)).then_some(Period {
            year,
            span: PeriodSpan::Month(m),
        })
    })
}

/// The first semester of a school year a title line names in a
/// half-year run (`run`): «BÁO CÁO SƠ KẾT HỌC KỲ I NĂM HỌC 2025 - 2026»
/// reports September 2025 to January 2026, another period than «6 THÁNG
/// ĐẦU NĂM 2026» (`None` for any other run: a school year is read in a
/// half-year's report only). The line opens as a report's title does
/// ("báo cáo", "biểu", "số liệu", "thống kê", "sơ kết", "tổng kết") and
/// names the school year: a header «Thực hiện học kỳ I» is a column, and
/// a title naming the second semester or the school year alone is the
/// half-year's report.
pub fn first_semester_in(text: &str, run: Period) -> Option<Period> {
    const OPENINGS: [&str; 6] = [
        "bao cao", "bieu", "so lieu", "thong ke", "so ket", "tong ket",
    ];
    if run.span != PeriodSpan::FirstHalf {
        return None;
    }
    let f = fold(text);
    if !OPENINGS.iter().any(|o| f.starts_with(o)) {
        return None;
    }
    let tokens: Vec<&str> = f.split(' ').filter(|w| !w.is_empty()).collect();
    let year = crate::normalize::header::school_year(&tokens)?;
    (year.semester == Some(1) && year.ends != 0).then_some(Period {
        year: year.ends,
        span: PeriodSpan::FirstSemester,
    })
}

/// The year of the crop season a title line names: «VỤ ĐÔNG XUÂN NĂM
/// 2026», «vụ Đông Xuân 2025-2026» (the season ending in 2026), «vụ Hè
/// Thu 2026», «vụ Mùa năm 2026». A season is not a period: its year is
/// not the whole year's report («NĂM 2026»), and the columns say which
/// months the figures are.
pub fn season_year_in(text: &str) -> Option<i32> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        #[allow(clippy::expect_used)]
        Regex::new(
            r"\bvu (?:dong xuan|he thu|thu dong|xuan he|he|mua|chiem|xuan|dong)(?: nam)? ((?:19|20)\d{2})(?: ((?:19|20)\d{2}))?\b",
        )
        .expect("invariant: the season pattern is valid")
    });
    let f = fold(text);
    let c = re.captures(&f)?;
    c.get(2).or_else(|| c.get(1))?.as_str().parse().ok()
}

/// The period a title of «Tổng hợp» names, as
/// [`crate::outputs::summary_title`] writes it in either language (the
/// English words first: a Vietnamese reading of "… — Q2 2020" could take
/// the bare year for the period).
pub fn summary_title_period(text: &str) -> Option<Period> {
    crate::outputs::summary_title_period_en(text).or_else(|| period_in(text))
}

thread_local! {
    /// The periods of title texts already read on this thread: a batch's
    /// workbooks repeat their titles ("BIỂU SỐ LIỆU QUÝ I NĂM 2020"), and
    /// each is looked at several times (the title, the stale-title rule).
    static PERIODS_IN: RefCell<TextMemo<Option<Period>>> = RefCell::default();
}

/// The period a title text names, if any (remembered per thread).
pub fn period_in(text: &str) -> Option<Period> {
    remembered(&PERIODS_IN, text, || period_in_uncached(text))
}

fn period_in_uncached(text: &str) -> Option<Period> {
    let f = fold(text);
    if let Some(p) = reported_before_plan(&f) {
        return Some(p);
    }
    if let Some(p) = year_before_plan(&f) {
        return Some(p);
    }
    for (re, kind) in period_regexes() {
        let Some(c) = re.captures(&f) else { continue };
        match *kind {
            "quarter" => {
                let q = quarter_number(c.get(1)?.as_str())?;
                let year: i32 = c.get(2)?.as_str().parse().ok()?;
                return Some(Period {
                    year,
                    span: PeriodSpan::Quarter(q),
                });
            }
            "months" => {
                let months = c.get(1)?.as_str();
                let year: i32 = c.get(2)?.as_str().parse().ok()?;
                let span = match months {
                    "3" => PeriodSpan::Quarter(1),
                    "6" => PeriodSpan::FirstHalf,
                    "9" => PeriodSpan::NineMonths,
                    _ => PeriodSpan::Year,
                };
                return Some(Period { year, span });
            }
            _ => {
                // "BÁO CÁO SỐ LIỆU THÁNG 7 NĂM 2025": a month's report,
                // not the year's.
                if let Some(month) = month_in(&f).or_else(|| slashed_month_in(text)) {
                    return Some(month);
                }
                // "ngày 05 tháng 4 năm 2020" is a date, not a period.
                if f.contains("ngay ") && f.contains(" thang ") {
                    continue;
                }
                let year: i32 = c.get(1)?.as_str().parse().ok()?;
                return Some(Period {
                    year,
                    span: PeriodSpan::Year,
                });
            }
        }
    }
    month_in(&f).or_else(|| slashed_month_in(text))
}

/// Units by their names without a kind or level word.
type BareNames = HashMap<Box<str>, Vec<u32>>;

/// A unit's name without its kind or level word ("bac son"), for the
/// bare-name maps: among every name, and among the current ones when the
/// name is not a former one.
fn add_bare(
    (bare, bare_now): (&mut BareNames, &mut BareNames),
    key: Box<str>,
    agency: u32,
    current: bool,
) {
    let add = |map: &mut BareNames, key: Box<str>| {
        let v = map.entry(key).or_default();
        if !v.contains(&agency) {
            v.push(agency);
        }
    };
    if current {
        add(bare_now, key.clone());
    }
    add(bare, key);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A title read again on the same thread names the period it named
    /// the first time, and another title its own.
    #[test]
    fn a_title_read_again_names_the_same_period() {
        let titles = [
            "BIỂU SỐ LIỆU QUÝ I/2020",
            "CHƯƠNG TRÌNH CÔNG TÁC TRỌNG TÂM QUÝ II/2020",
            "Phường 5, ngày 05 tháng 4 năm 2020",
            "6 tháng đầu năm 2020",
        ];
        for _ in 0..2 {
            for t in titles {
                assert_eq!(period_in(t), period_in_uncached(t), "{t}");
            }
        }
        assert_eq!(period_in(titles[0]), Some(Period::quarter(2020, 1)));
        assert_eq!(period_in(titles[1]), Some(Period::quarter(2020, 2)));
        assert_eq!(period_in(titles[2]), None);
    }

    /// The built-in catalog with `agencies` for its registry.
    fn registry(agencies: &str) -> Template {
        use crate::samples::batch;
        Template::from_texts(
            "t",
            batch::BUILTIN_TOML,
            batch::BUILTIN_INDICATORS,
            batch::BUILTIN_GROUPS,
            agencies,
        )
        .unwrap()
    }

    /// Every name, code and alias of the registry as folded words, with
    /// its agency, in registry order: what a full scan looks through.
    fn needles(t: &Template) -> Vec<(Vec<String>, usize)> {
        let mut out = Vec::new();
        for (i, a) in t.agencies.iter().enumerate() {
            for n in [&a.name, &a.code].into_iter().chain(&a.aliases) {
                let words: Vec<String> = fold(n)
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(String::from)
                    .collect();
                if !words.is_empty() {
                    out.push((words, i));
                }
            }
        }
        out
    }

    /// `find_in` and `exact` as they were: every entry scanned.
    fn find_in_scan(
        needles: &[(Vec<String>, usize)],
        common: &[&str],
        text: &str,
    ) -> Option<(usize, usize)> {
        let folded = fold(text);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let mut best: Option<(usize, usize, usize)> = None;
        for (needle, idx) in needles {
            if needle.len() > words.len() {
                continue;
            }
            let found = words
                .windows(needle.len())
                .any(|w| w.iter().zip(needle).all(|(a, b)| a == b));
            if found {
                let len: usize = needle.iter().map(|w| w.len() + 1).sum();
                let distinct: usize = needle
                    .iter()
                    .filter(|w| !common.contains(&w.as_str()))
                    .map(|w| w.len() + 1)
                    .sum();
                if best.is_none_or(|(_, l, d)| (len, distinct) > (l, d)) {
                    best = Some((*idx, len, distinct));
                }
            }
        }
        best.map(|(idx, len, _)| (idx, len))
    }

    fn exact_scan(needles: &[(Vec<String>, usize)], text: &str) -> Option<usize> {
        let folded = fold(text);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        needles
            .iter()
            .find(|(needle, _)| {
                needle.len() == words.len() && needle.iter().zip(&words).all(|(a, b)| a == b)
            })
            .map(|(_, i)| *i)
    }

    /// Outlook names a sender's folder by the address: the user part,
    /// its words written together, names the commune ("ubnd.xaphuocphu"),
    /// of namesakes typed without tones all of them; an address naming
    /// nobody, or a folder without one, names nobody.
    #[test]
    fn an_e_mail_address_names_the_commune_by_its_user_part() {
        let t = registry(
            "code,kind,name,aliases,reports\n\
             X14,ward,Xã Phước Phú,,yes\n\
             X02,ward,Xã Tân Phú,,yes\n\
             X03,ward,Xã Tân Phù,,yes\n\
             P07,ward,Phường 7,,yes\n",
        );
        let m = AgencyMatcher::new(&t);
        let found = |name: &str| {
            m.find_in_name(name).map(|(u, _, ties)| {
                std::iter::once(u)
                    .chain(ties)
                    .map(|u| t.agencies[u].code.as_str())
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(found("014 - ubnd.xaphuocphu@gmail.com"), Some(vec!["X14"]));
        assert_eq!(found("phuocphu.ubnd@gmail.com"), Some(vec!["X14"]));
        assert_eq!(found("013 - ubnd.phuong7@gmail.com"), Some(vec!["P07"]));
        let mut both = found("xa_tanphu@yahoo.com").unwrap();
        both.sort_unstable();
        assert_eq!(both, ["X02", "X03"]);
        assert_eq!(found("vanthu.ubnd@gmail.com"), None);
        assert_eq!(found("xaphuocphu"), None);
        assert_eq!(found("Attachments Q1-2026"), None);
    }

    #[test]
    fn every_unit_a_text_names_is_found_in_order() {
        let t = Template::builtin().unwrap();
        let m = AgencyMatcher::new(&t);
        let codes = |text: &str| -> Vec<String> {
            m.all_in(text)
                .into_iter()
                .map(|i| t.agencies[i].code.clone())
                .collect()
        };
        assert_eq!(codes("P07-phuong-7-2020-Q1"), ["P07"]);
        assert_eq!(codes("phuong 5 gui thay phuong 7"), ["P05", "P07"]);
        assert_eq!(codes("P.TCKH-phong-tai-chinh-ke-hoach-2020-Q1"), ["P.TCKH"]);
        assert!(codes("bao cao quy 1").is_empty());
        // Whole words: Phường 1 is not in "Phường 17".
        assert!(codes("UBND PHƯỜNG 17").is_empty());
    }

    #[test]
    fn indexed_agency_lookup_agrees_with_a_full_scan() {
        use crate::samples::batch;
        let units = batch::units(3_000);
        let t = registry(&batch::registry_csv(&units).unwrap());
        let builtin = Template::builtin().unwrap();
        let mut texts: Vec<String> = vec![
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
            "BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ I/2020".into(),
            "UBND PHƯỜNG".into(),
            "".into(),
        ];
        for u in units.iter().step_by(7) {
            texts.push(format!("UBND {}", u.name.to_uppercase()));
            texts.push(format!("{} báo cáo", u.name));
            texts.push(u.name.clone());
            texts.push(u.code.clone());
        }
        for a in &builtin.agencies {
            texts.push(a.name.clone());
            texts.extend(a.aliases.iter().cloned());
            texts.push(format!("Kính gửi: {} và {}", a.name, a.code));
        }
        for t in [&t, &builtin] {
            let m = AgencyMatcher::new(t);
            let all = needles(t);
            // The words in the names of a quarter of the agencies.
            let mut agencies_of: HashMap<&str, usize> = HashMap::new();
            for i in 0..t.agencies.len() {
                let mut own: Vec<&str> = all
                    .iter()
                    .filter(|(_, a)| *a == i)
                    .flat_map(|(w, _)| w.iter().map(String::as_str))
                    .collect();
                own.sort_unstable();
                own.dedup();
                for w in own {
                    *agencies_of.entry(w).or_default() += 1;
                }
            }
            let common: Vec<&str> = agencies_of
                .iter()
                .filter(|(_, &n)| n >= 3 && n * 4 >= t.agencies.len())
                .map(|(w, _)| *w)
                .collect();
            // Two agencies whose names fold alike: the index tells them
            // apart by tones, the scan takes the first.
            let homonyms = |a: usize, b: usize| {
                fold(&t.agencies[a].name)
                    .split_once(' ')
                    .map(|(_, x)| x.to_string())
                    == fold(&t.agencies[b].name)
                        .split_once(' ')
                        .map(|(_, x)| x.to_string())
            };
            let mut found = 0;
            for text in &texts {
                let (got, want) = (m.find_in(text), find_in_scan(&all, &common, text));
                match (got, want) {
                    (Some((a, _)), Some((b, _))) if a != b => {
                        assert!(homonyms(a, b), "{text:?}: {got:?} {want:?}");
                    }
                    _ => assert_eq!(got, want, "{text:?}"),
                }
                assert_eq!(m.exact(text), exact_scan(&all, text), "{text:?}");
                found += usize::from(m.find_in(text).is_some());
            }
            assert!(found > 50, "{found}");
        }
    }

    #[test]
    fn a_first_semesters_title_is_its_own_period_in_a_half_year_run() {
        let h1: Period = "2026-H1".parse().unwrap();
        let semester = Period {
            year: 2026,
            span: PeriodSpan::FirstSemester,
        };
        for (text, want) in [
            (
                "BÁO CÁO SƠ KẾT HỌC KỲ I NĂM HỌC 2025 - 2026",
                Some(semester),
            ),
            ("Sơ kết học kỳ I năm học 2025-2026", Some(semester)),
            ("BÁO CÁO SƠ KẾT HK I NĂM HỌC 2025-2026", Some(semester)),
            // The second semester, the school year alone: the half-year's.
            ("BÁO CÁO SƠ KẾT HỌC KỲ II NĂM HỌC 2025-2026", None),
            ("BÁO CÁO THỐNG KÊ GIÁO DỤC NĂM HỌC 2025 - 2026", None),
            // A column's header, a semester without its school year.
            ("Thực hiện học kỳ I năm học 2025-2026", None),
            ("BÁO CÁO SƠ KẾT HỌC KỲ I", None),
        ] {
            assert_eq!(first_semester_in(text, h1), want, "{text}");
        }
        assert_eq!(
            period_in("BÁO CÁO SƠ KẾT HỌC KỲ I NĂM HỌC 2025 - 2026"),
            None
        );
        let q1: Period = "2026-Q1".parse().unwrap();
        assert_eq!(
            first_semester_in("BÁO CÁO SƠ KẾT HỌC KỲ I NĂM HỌC 2025 - 2026", q1),
            None
        );
        assert_eq!(semester.to_string(), "2025-2026-HK1");
        assert_eq!(
            semester.title_vi(),
            "Học kỳ I năm học 2025-2026 (tháng 9/2025 – 1/2026)"
        );
        assert!(!h1.same_report_as(&semester));
    }

    #[test]
    fn a_crop_season_names_its_year_not_a_period() {
        for (text, want) in [
            ("BÁO CÁO KẾT QUẢ SẢN XUẤT VỤ ĐÔNG XUÂN NĂM 2026", Some(2026)),
            ("Báo cáo vụ Đông Xuân 2025-2026", Some(2026)),
            ("BÁO CÁO VỤ ĐÔNG XUÂN NĂM 2025 - 2026", Some(2026)),
            ("Kết quả sản xuất vụ Hè Thu 2026", Some(2026)),
            ("BÁO CÁO SẢN XUẤT NÔNG NGHIỆP VỤ MÙA NĂM 2025", Some(2025)),
            ("BÁO CÁO KẾT QUẢ SẢN XUẤT NÔNG NGHIỆP NĂM 2026", None),
            ("Diện tích gieo trồng lúa vụ Đông Xuân", None),
        ] {
            assert_eq!(season_year_in(text), want, "{text}");
        }
    }

    #[test]
    fn periods_in_titles() {
        assert_eq!(
            period_in("BIỂU SỐ LIỆU QUÝ I/2020"),
            Some(Period::quarter(2020, 1))
        );
        assert_eq!(
            period_in("Báo cáo Quý 1 năm 2020"),
            Some(Period::quarter(2020, 1))
        );
        assert_eq!(period_in("QUÝ IV/2019"), Some(Period::quarter(2019, 4)));
        assert_eq!(
            period_in("3 tháng đầu năm 2020"),
            Some(Period::quarter(2020, 1))
        );
        assert_eq!(
            period_in("6 tháng đầu năm 2020").map(|p| p.to_string()),
            Some("2020-H1".into())
        );
        assert_eq!(
            period_in("BÁO CÁO KINH TẾ - XÃ HỘI NĂM 2020").map(|p| p.to_string()),
            Some("2020".into())
        );
        assert_eq!(period_in("Phường 5, ngày 05 tháng 4 năm 2020"), None);
        assert_eq!(period_in("UBND PHƯỜNG 5"), None);
        // The usual title of a third quarter's report.
        assert_eq!(
            period_in("BÁO CÁO SỐ LIỆU QUÝ III VÀ 9 THÁNG ĐẦU NĂM 2020"),
            Some(Period::quarter(2020, 3))
        );
        assert_eq!(
            period_in("9 THÁNG ĐẦU NĂM 2020 (QUÝ III/2020)").map(|p| p.to_string()),
            Some("2020-Q3".into())
        );
        // The period reported, then the one planned, the year once.
        for title in [
            "BÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI QUÝ III VÀ PHƯƠNG HƯỚNG NHIỆM VỤ QUÝ IV NĂM 2021",
            "Kết quả thực hiện nhiệm vụ quý III, nhiệm vụ trọng tâm quý IV năm 2021",
            "BÁO CÁO QUÝ III/2021 VÀ KẾ HOẠCH QUÝ IV/2021",
        ] {
            assert_eq!(period_in(title), Some(Period::quarter(2021, 3)), "{title}");
        }
        assert_eq!(
            period_in("BÁO CÁO 9 THÁNG ĐẦU NĂM VÀ PHƯƠNG HƯỚNG NHIỆM VỤ QUÝ IV NĂM 2021")
                .map(|p| p.to_string()),
            Some("2021-9M".into())
        );
        assert_eq!(
            period_in("Báo cáo 6 tháng đầu năm và nhiệm vụ 6 tháng cuối năm 2021")
                .map(|p| p.to_string()),
            Some("2021-H1".into())
        );
        // The period reported, then an estimate of the rest or the year.
        for title in [
            "BÁO CÁO KẾT QUẢ THỰC HIỆN 9 THÁNG ĐẦU NĂM VÀ ƯỚC THỰC HIỆN 6 THÁNG CUỐI NĂM 2025",
            "BÁO CÁO KẾT QUẢ 9 THÁNG ĐẦU NĂM 2025 VÀ ƯỚC THỰC HIỆN 6 THÁNG CUỐI NĂM 2025",
            "Báo cáo 9 tháng đầu năm và ước thực hiện cả năm 2025",
            "BÁO CÁO 9 THÁNG ĐẦU NĂM, ƯỚC TÍNH QUÝ IV NĂM 2025",
        ] {
            assert_eq!(
                period_in(title).map(|p| p.to_string()),
                Some("2025-9M".into()),
                "{title}"
            );
        }
        assert_eq!(
            period_in("BÁO CÁO QUÝ III VÀ ƯỚC ĐẠT CẢ NĂM 2025"),
            Some(Period::quarter(2025, 3))
        );
        // A year reported, then the next year's plan.
        for title in [
            "BÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI NĂM 2025 VÀ PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2026",
            "Báo cáo kết quả năm 2025, kế hoạch năm 2026",
        ] {
            assert_eq!(
                period_in(title).map(|p| p.to_string()),
                Some("2025".into()),
                "{title}"
            );
        }
        // The last quarter with its year.
        for title in [
            "ƯỚC THỰC HIỆN CÁC CHỈ TIÊU QUÝ IV VÀ NĂM 2024",
            "BÁO CÁO QUÝ IV VÀ CẢ NĂM 2024",
        ] {
            assert_eq!(period_in(title), Some(Period::quarter(2024, 4)), "{title}");
        }
        // A month's report is the month's: not the quarter it ends, not
        // the year its "năm" names; a date or months from January are no
        // month.
        for (title, want) in [
            ("BÁO CÁO SỐ LIỆU THÁNG 7/2025", "2025-07"),
            ("BÁO CÁO SỐ LIỆU THÁNG 9 NĂM 2025", "2025-09"),
            ("BÁO CÁO SỐ LIỆU THÁNG 12 NĂM 2025", "2025-12"),
            ("Báo cáo tháng 07/2025", "2025-07"),
            (
                "BÁO CÁO THÁNG 7 NĂM 2025 VÀ NHIỆM VỤ THÁNG 8 NĂM 2025",
                "2025-07",
            ),
            (
                "BÁO CÁO QUÝ IV NĂM 2025 VÀ KẾ HOẠCH THÁNG 1/2026",
                "2025-Q4",
            ),
            ("BÁO CÁO SỐ LIỆU QUÝ III/2025 (THÁNG 9/2025)", "2025-Q3"),
            ("BÁO CÁO SỐ LIỆU ĐẾN THÁNG 9/2025", ""),
            ("Hà Nội, 05 tháng 7 năm 2025", ""),
            // A month written short: "T10/2026", "KỲ BÁO CÁO 10/2026",
            // "10/2026" alone; not a date, nor a document's number.
            ("BÁO CÁO SỐ LIỆU T11/2026", "2026-11"),
            ("BÁO CÁO T10/2026", "2026-10"),
            ("Báo cáo t10 năm 2026", "2026-10"),
            ("BIỂU SỐ LIỆU KỲ BÁO CÁO 10/2026", "2026-10"),
            ("10/2026", "2026-10"),
            ("BÁO CÁO 10/2026", "2026-10"),
            ("Hà Lam, ngày 15/10/2026", ""),
            ("ngày 15/10/2026", ""),
            ("Thực hiện Quyết định số 10/2026/QĐ-UBND", ""),
            ("Quyết định số 10/2026/QĐ-UBND ngày 02/01/2026", ""),
            ("BÁO CÁO SỐ LIỆU ĐẾN T10/2026", ""),
            ("Văn bản số T10/2026/UBND", ""),
        ] {
            assert_eq!(
                period_in(title).map(|p| p.to_string()).unwrap_or_default(),
                want,
                "{title}"
            );
        }
        assert_eq!(
            period_in("THÁNG 9/2025").map(|p| p.title_vi()).as_deref(),
            Some("Tháng 9/2025")
        );
        // A plan alone is the period it names.
        assert_eq!(
            period_in("PHƯƠNG HƯỚNG NHIỆM VỤ QUÝ IV NĂM 2021"),
            Some(Period::quarter(2021, 4))
        );
    }

    /// A numeric code names its unit only at the head of a file name,
    /// written as the registry writes it and set apart; a bare number
    /// elsewhere, or without its zeros, is a version, a quarter, a
    /// sequence; and no title reads a number as a unit («BIỂU SỐ 01»).
    #[test]
    fn a_numeric_code_names_a_unit_only_at_the_head_of_a_file_name() {
        let t = registry(
            "code,kind,name,aliases,reports\n\
             01,ward,Thành phố Hà Nội,,yes\n\
             04,ward,Tỉnh Cao Bằng,,yes\n\
             12,ward,Tỉnh Lai Châu,,yes\n\
             80324,ward,Xã Tân Phú,,yes\n",
        );
        let m = AgencyMatcher::new(&t);
        let code = |s: &str| {
            m.find_in_name(s)
                .filter(|(_, _, ties)| ties.is_empty())
                .map(|(i, ..)| t.agencies[i].code.clone())
        };
        assert_eq!(code("04_bao cao").as_deref(), Some("04"));
        assert_eq!(code("04 - Bao cao quy 3").as_deref(), Some("04"));
        assert_eq!(code("  04-BC").as_deref(), Some("04"));
        assert_eq!(code("12").as_deref(), Some("12"));
        assert_eq!(code("80324_TanPhu").as_deref(), Some("80324"));
        assert_eq!(code("04_Cao Bang").as_deref(), Some("04"));
        for bare in [
            "bao cao 4",
            "Bao cao 12",
            "bao cao (12)",
            "4",
            "4_bao cao",
            "041_bao cao",
            "04a",
            "Q3 2026",
            "BC 04",
        ] {
            assert_eq!(code(bare), None, "{bare}");
        }
        // The code and a name in full of another unit: both, not sure.
        let (u, _, ties) = m.find_in_name("04_Lai Chau").unwrap();
        assert_eq!((t.agencies[u].code.as_str(), ties.len()), ("04", 1));
        assert!(m.named_by_code_alone("04_bao cao"));
        assert!(!m.named_by_code_alone("04_Cao Bang"));
        assert_eq!(m.find_in("BIỂU SỐ 01"), None);
        assert_eq!(
            m.find_in("UBND TỈNH CAO BẰNG - 04").map(|(u, _)| u),
            Some(1)
        );
        assert_eq!(m.exact("04"), Some(1));
    }

    #[test]
    fn agencies_in_titles_and_file_names() {
        let t = Template::builtin().unwrap();
        let m = AgencyMatcher::new(&t);
        let code = |s: &str| m.find_in(s).map(|(i, _)| t.agencies[i].code.clone());
        assert_eq!(code("UBND PHƯỜNG 5").as_deref(), Some("P05"));
        assert_eq!(code("UBND PHUONG 05").as_deref(), Some("P05"));
        assert_eq!(code("phuong-15").as_deref(), Some("P15"));
        assert_eq!(code("Phuong 10 - bao cao quy 1").as_deref(), Some("P10"));
        assert_eq!(
            code("PHÒNG TÀI CHÍNH - KẾ HOẠCH").as_deref(),
            Some("P.TCKH")
        );
        assert_eq!(code("Phòng Tài chính Kế hoạch").as_deref(), Some("P.TCKH"));
        assert_eq!(code("p-tckh").as_deref(), Some("P.TCKH"));
        assert_eq!(code("cong-an-quan").as_deref(), Some("CAQ"));
        // Names that must not match.
        assert_eq!(code("UBND PHƯỜNG 17"), None);
        assert_eq!(code("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), None);
        assert_eq!(code("Phường Bến Nghé"), None);
    }

    /// «TP», «TX», «TT» are «Thành phố», «Thị xã», «Thị trấn» in a title
    /// or a file name, with or without the dot, whatever the registry's
    /// aliases (tester DA's ministry: «UBND TP. HÀ NỘI» was no unit).
    /// Near misses: «TP» before another city's name, and «TX» before a
    /// city's name, name nobody.
    #[test]
    fn level_abbreviations_name_the_units_they_stand_for() {
        let t = registry(
            "code,kind,name,aliases,reports\n\
             01,ward,Thành phố Hà Nội,,yes\n\
             48,ward,Thành phố Đà Nẵng,,yes\n\
             12,ward,Tỉnh Lai Châu,,yes\n\
             TX1,ward,Thị xã Buôn Hồ,,yes\n\
             TT1,ward,Thị trấn Đông Anh,,yes\n",
        );
        let m = AgencyMatcher::new(&t);
        let code = |s: &str| m.find_in(s).map(|(i, _)| t.agencies[i].code.clone());
        assert_eq!(code("UBND TP. HÀ NỘI").as_deref(), Some("01"));
        assert_eq!(code("UBND Tp Hà Nội").as_deref(), Some("01"));
        assert_eq!(
            code("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TP ĐÀ NẴNG").as_deref(),
            Some("48")
        );
        assert_eq!(code("UBND TX BUÔN HỒ").as_deref(), Some("TX1"));
        assert_eq!(code("UBND TT. Đông Anh").as_deref(), Some("TT1"));
        let named = |s: &str| {
            m.find_in_name(s)
                .map(|(i, _, _)| t.agencies[i].code.clone())
        };
        assert_eq!(named("BC_TP_HaNoi_Q3.xlsx").as_deref(), Some("01"));
        assert_eq!(code("UBND TP. HUẾ"), None);
        assert_eq!(code("UBND TX HÀ NỘI"), None);
    }

    /// A province's communes: an alias "UBND xã Phú Hòa" and the name "Xã
    /// Phú Hòa Đông" match as long a run of "UBND XÃ PHÚ HÒA ĐÔNG"; the
    /// words of the commune's own name decide. Xã Đông Tâm and Xã Đồng Tâm
    /// differ only by a tone, which the title's tones tell, even against a
    /// longer alias of the other ("UBND xã Đông Tâm").
    #[test]
    fn a_communes_own_words_and_tones_tell_it() {
        let mut agencies = String::from("code,kind,name,aliases,reports\n");
        let communes = [
            ("X01", "Xã Phú Hòa", "UBND xã Phú Hòa"),
            ("X02", "Xã Phú Hòa Đông", "UBND xã Phú Hòa Đông"),
            ("X03", "Xã Đông Tâm", "UBND xã Đông Tâm"),
            ("X04", "Xã Đồng Tâm", ""),
            ("X05", "Xã Tân Lập", "UBND xã Tân Lập"),
            ("P01", "Phường Tân Lập", "UBND phường Tân Lập"),
            ("X06", "Xã Hoà Lợi", "UBND xã Hoà Lợi"),
        ];
        for (code, name, alias) in communes {
            agencies.push_str(&format!("{code},ward,{name},{alias},yes\n"));
        }
        let t = registry(&agencies);
        let m = AgencyMatcher::new(&t);
        let code = |s: &str| m.find_in(s).map(|(i, _)| t.agencies[i].code.clone());
        for (text, want) in [
            ("UBND XÃ PHÚ HÒA ĐÔNG", "X02"),
            ("bao cao xa phu hoa dong", "X02"),
            ("UBND XÃ PHÚ HÒA", "X01"),
            ("UBND XÃ ĐỒNG TÂM", "X04"),
            ("UBND XÃ ĐÔNG TÂM", "X03"),
            ("Ủy ban nhân dân xã Đồng Tâm", "X04"),
            ("PHƯỜNG TÂN LẬP", "P01"),
            ("UBND XÃ TÂN LẬP", "X05"),
            ("UBND XÃ HÒA LỢI", "X06"),
        ] {
            assert_eq!(code(text).as_deref(), Some(want), "{text}");
        }
        // Without accents the tones say nothing: the first in the registry,
        // the other named as a tie.
        assert_eq!(code("BC xa Dong Tam Q2").as_deref(), Some("X03"));
        let ties = |s: &str| {
            m.find_with_ties(s).map(|(i, _, ties)| {
                std::iter::once(i)
                    .chain(ties)
                    .map(|u| t.agencies[u].code.clone())
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(ties("BC xa Dong Tam Q2").unwrap(), ["X03", "X04"]);
        assert_eq!(ties("UBND XÃ ĐỒNG TÂM").unwrap(), ["X04"]);
        assert_eq!(ties("UBND XÃ PHÚ HÒA ĐÔNG").unwrap(), ["X02"]);
        // A file name without "xã", its words run together.
        let named = |s: &str| {
            m.find_in_name(s).map(|(i, _, ties)| {
                std::iter::once(i)
                    .chain(ties)
                    .map(|u| t.agencies[u].code.clone())
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(named("BC_PhuHoaDong_Q3").unwrap(), ["X02"]);
        assert_eq!(named("X.HoaLoi").unwrap(), ["X06"]);
        assert_eq!(named("Tan Lap").unwrap(), ["X05", "P01"]);
        assert_eq!(named("bao cao quy 3"), None);
        assert_eq!(
            m.all_in_name("Phu Hoa Dong - Tan Lap").len(),
            4,
            "Phú Hòa Đông, Phú Hòa, and both Tân Lập"
        );
    }

    /// A unit's word glued to its number or name is parted; a single
    /// letter or a short run of capitals keeps its number (a code, a
    /// quarter, a version).
    #[test]
    fn a_word_glued_to_a_number_is_parted_but_not_a_code() {
        assert_eq!(parted("Phuong13_quy3"), "Phuong 13 quy 3");
        assert_eq!(parted("Xa5"), "Xa 5");
        assert_eq!(parted("PHUONG12"), "PHUONG 12");
        assert_eq!(parted("Phường13quý3"), "Phường 13 quý 3");
        assert_eq!(parted("PhuongAnBinh"), "Phuong An Binh");
        assert_eq!(parted("BC P13 Q3 v2"), "BC P13 Q3 v2");
        assert_eq!(parted("PX12_TT05"), "PX12 TT05");
        assert_eq!(parted("2025Q3"), "2025Q3");
        assert_eq!(parted("Phuong13Q3"), "Phuong 13 Q3");
        assert_eq!(parted("Phuong3Q3"), "Phuong 3 Q3");
        assert_eq!(parted("bc_p3q3"), "bc p3 q3");
        assert_eq!(parted("Phuong13Quy3"), "Phuong 13 Quy 3");
        assert_eq!(parted("P13Q3"), "P13 Q3");
        assert_eq!(parted("BC_2025Q3"), "BC 2025Q3");
        assert_eq!(parted("Phuong13Q35"), "Phuong 13Q35");
        let t = registry(
            "code,kind,name,aliases,reports\n\
             P13,ward,Phường 13,P13,yes\n\
             X5,ward,Xã 5,,yes\n",
        );
        let m = AgencyMatcher::new(&t);
        let unit = |s: &str| m.find_in_name(s).map(|(u, ..)| u);
        assert_eq!(unit("Phuong13_quy3"), Some(0));
        assert_eq!(unit("BC_P13_Q3"), Some(0));
        assert_eq!(unit("Xa5"), Some(1));
        assert_eq!(unit("Phuong14_quy3"), None);
        assert_eq!(unit("Phuong13Q3"), Some(0));
        assert_eq!(unit("bc_p13q3"), Some(0));
        assert_eq!(unit("Xa5Q3"), Some(1));
    }

    /// A toneless alias loses to the name whose tones the title repeats:
    /// "XÃ TÂN PHÙ" is Tân Phù's though "Xa Tan Phu" is Tân Phú's alias
    /// too; "XA TAN PHU" fits both.
    #[test]
    fn a_toneless_alias_never_outweighs_the_tones_written() {
        let agencies = "code,kind,name,aliases,reports
                        X1,ward,Xã Tân Phú,Xa Tan Phu,yes
                        X2,ward,Xã Tân Phù,Xa Tan Phu,yes
                        X3,ward,Xã Ea Kar,,yes
";
        let t = registry(agencies);
        let m = AgencyMatcher::new(&t);
        let found = |s: &str| m.find_with_ties(s).map(|(i, _, ties)| (i, ties));
        assert_eq!(found("XÃ TÂN PHÙ"), Some((1, vec![])));
        assert_eq!(found("XÃ TÂN PHÚ"), Some((0, vec![])));
        assert_eq!(found("UBND XA TAN PHU"), Some((0, vec![1])));
    }

    /// A title written with tones says the level tone by no mark: "UBND
    /// XÃ THANH ĐÔNG" is Thanh Đông's, not Thạnh Đông's, though both have
    /// the alias "Xa Thanh Dong"; typed without tones it fits both.
    /// Namesakes (one name, two codes) are all fitted, and a code or an
    /// alias of one's own names it alone.
    #[test]
    fn an_unmarked_word_in_a_toned_title_is_the_level_tone() {
        let agencies = "code,kind,name,aliases,reports
                        25668,ward,Xã Thạnh Đông,UBND xã Thạnh Đông|Xa Thanh Dong,yes
                        96871,ward,Xã Thanh Đông,UBND xã Thanh Đông|Xa Thanh Dong,yes
                        08001,ward,Xã Tân Phú,UBND xã Tân Phú|Xã Tân Phú - Tuyên Quang,yes
                        75001,ward,Xã Tân Phú,UBND xã Tân Phú,yes
";
        let t = registry(agencies);
        let m = AgencyMatcher::new(&t);
        let found = |s: &str| m.find_with_ties(s).map(|(i, _, ties)| (i, ties));
        assert_eq!(found("UBND XÃ THANH ĐÔNG"), Some((1, vec![])));
        assert_eq!(found("XÃ THANH ĐÔNG"), Some((1, vec![])));
        assert_eq!(found("UBND XÃ THẠNH ĐÔNG"), Some((0, vec![])));
        assert_eq!(found("UBND XA THANH DONG"), Some((0, vec![1])));
        assert_eq!(m.all_fitting("UBND XÃ TÂN PHÚ"), [2, 3]);
        assert_eq!(m.all_fitting("UBND XÃ THẠNH ĐÔNG"), [0]);
        assert!(m.names_alone("75001_TanPhu", 3));
        assert!(m.names_alone("Xa_Tan_Phu-Tuyen_Quang", 2));
        assert!(!m.names_alone("Xa_Tan_Phu", 2));
        assert!(!m.names_alone("TanPhu", 3));
    }

    /// The registry's `former` column: a former commune's name is read as
    /// the new unit's and said to be former; the unit's own name, code or
    /// alias is not; another unit bearing a former name as its own wins
    /// over it; a former commune split between two units fits both.
    #[test]
    fn former_names_are_read_and_told_from_present_ones() {
        let t = registry(
            "code,kind,name,aliases,reports,size,former\n\
             X1,ward,Xã Hòa Lợi,UBND xã Hòa Lợi,yes,,Xã An Điền|Xã Tân Định\n\
             X2,ward,Phường Tân An,,yes,,Phường 3|Xã Tân An\n\
             X3,ward,Xã Tân An,,yes,,\n\
             X4,ward,Xã Long Hải,,yes,,Xã Long Điền\n\
             X5,ward,Xã Phước Điền,,yes,,Xã Long Điền\n",
        );
        assert_eq!(t.agencies[0].former, ["Xã An Điền", "Xã Tân Định"]);
        let m = AgencyMatcher::new(&t);
        assert_eq!(m.find_in("UBND XÃ AN ĐIỀN"), Some((0, 11)));
        assert_eq!(m.former_in("UBND XÃ AN ĐIỀN"), Some("Xã An Điền"));
        assert_eq!(m.former_in("UBND XÃ HÒA LỢI"), None);
        assert!(m.names_current("UBND XÃ HÒA LỢI", 0));
        assert!(!m.names_current("UBND XÃ AN ĐIỀN", 0));
        assert_eq!(m.former_in_name("BC_AnDien_Q1"), None);
        assert_eq!(m.former_in_name("BC_XaAnDien_Q1"), Some("Xã An Điền"));
        // A file name without "xã" names the unit as it is now by its own
        // name, never by a former one.
        assert!(m.names_current_in_name("Hoa Loi Q3", 0));
        assert!(!m.names_current_in_name("BC_AnDien_Q1", 0));
        // "Phường 3 (nay là phường Tân An)": the present name is longer.
        assert_eq!(
            m.find_in("UBND PHƯỜNG 3 (NAY LÀ PHƯỜNG TÂN AN)")
                .map(|f| f.0),
            Some(1)
        );
        assert_eq!(m.former_in("UBND PHƯỜNG 3 (NAY LÀ PHƯỜNG TÂN AN)"), None);
        assert!(m.names_current("UBND PHƯỜNG 3 (NAY LÀ PHƯỜNG TÂN AN)", 1));
        // Xã Tân An is a unit of its own now, not Phường Tân An's past.
        assert_eq!(m.find_with_ties("UBND XÃ TÂN AN"), Some((2, 10, vec![])));
        assert_eq!(m.former_in("UBND XÃ TÂN AN"), None);
        // Long Điền was split: both units fit, and it is a former name.
        assert_eq!(
            m.find_with_ties("UBND XÃ LONG ĐIỀN"),
            Some((3, 13, vec![4]))
        );
        assert_eq!(m.former_in("UBND XÃ LONG ĐIỀN"), Some("Xã Long Điền"));
    }

    /// A former name that writes the unit's present name and goes on
    /// ("Xã Vĩnh Lộc A" of Xã Vĩnh Lộc) is that former unit's, in a title
    /// and in a file name: the present name is only its first words.
    #[test]
    fn a_former_name_longer_than_the_present_one_is_the_former_units() {
        let t = registry(
            "code,kind,name,aliases,reports,size,former\n\
             X16,ward,Xã Vĩnh Lộc,UBND xã Vĩnh Lộc|Xa Vinh Loc,yes,,Xã Vĩnh Lộc A|Xã Vĩnh Lộc B\n\
             X17,ward,Xã Hòa An,,yes,,\n",
        );
        let m = AgencyMatcher::new(&t);
        assert_eq!(m.find_in("UBND XÃ VĨNH LỘC A").map(|f| f.0), Some(0));
        assert_eq!(m.former_in("UBND XÃ VĨNH LỘC A"), Some("Xã Vĩnh Lộc A"));
        assert!(!m.names_current("UBND XÃ VĨNH LỘC A", 0));
        assert!(!m.names_current_in_name("Vinh Loc A", 0));
        assert_eq!(m.former_in_name("Xa Vinh Loc B"), Some("Xã Vĩnh Lộc B"));
        // The present name alone, or beside a former one, is the unit's.
        assert!(m.names_current("UBND XÃ VĨNH LỘC", 0));
        assert!(m.names_current_in_name("Vinh Loc Q2", 0));
        assert!(m.names_current("XÃ VĨNH LỘC (GỒM XÃ VĨNH LỘC A CŨ)", 0));
    }

    /// A province's or city's name without «Tỉnh», «Thành phố», its
    /// initials, and a one-word name only from a file name that says
    /// nothing else; not a department («Tỉnh đoàn» is no «Đoàn»).
    #[test]
    fn a_province_is_found_without_its_level_word() {
        let t = registry(
            "code,kind,name,aliases,reports\n\
             TD,other,Tỉnh đoàn,,no\n\
             12,ward,Tỉnh Lai Châu,,yes\n\
             46,ward,Thành phố Huế,,yes\n\
             79,ward,Thành phố Hồ Chí Minh,,yes\n",
        );
        let m = AgencyMatcher::new(&t);
        let unit = |s: &str| m.find_in_name(s).map(|(u, _, ties)| (u, ties.len()));
        assert_eq!(unit("Lai Chau"), Some((1, 0)));
        assert_eq!(unit("TPHCM"), Some((3, 0)));
        assert_eq!(unit("BC HCM quy 3"), Some((3, 0)));
        assert_eq!(unit("BC Hue Q3"), Some((2, 0)));
        assert!(m.names_loosely("BC Hue Q3"));
        assert_eq!(unit("Thua Thien Hue"), None);
        assert_eq!(unit("Doan"), None);
        let title = |s: &str| m.province_in(s).map(|(u, ..)| u);
        assert_eq!(title("UBND LAI CHÂU"), Some(1));
        assert_eq!(title("ỦY BAN NHÂN DÂN HỒ CHÍ MINH"), Some(3));
        assert_eq!(title("UBND HCM"), Some(3));
        assert_eq!(title("SỞ Y TẾ LAI CHÂU"), None);
        assert_eq!(title("UBND HUẾ"), None);
    }
}
