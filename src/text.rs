//! Text as it comes out of cells: Unicode NFC, odd spaces, and the folded
//! key that every name comparison uses (no accents, no case, no
//! punctuation), so that matching never depends on accents being right.

use crate::memo::{remembered, TextMemo};
use std::cell::RefCell;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

thread_local! {
    // `clean` and `fold` are pure and called on the same few thousand
    // texts (indicator names, units, header words) in every workbook of a
    // batch; each reading thread remembers their results.
    static CLEAN_MEMO: RefCell<TextMemo<Box<str>>> = RefCell::default();
    static FOLD_MEMO: RefCell<TextMemo<Box<str>>> = RefCell::default();
}

/// `f(s)`, remembered per thread for texts that are not plain ASCII
/// (ASCII text, numbers among it, is cheap to normalise and would only
/// crowd the memo).
fn memoized(
    memo: &'static std::thread::LocalKey<RefCell<TextMemo<Box<str>>>>,
    s: &str,
    f: fn(&str) -> String,
) -> String {
    if s.is_ascii() {
        return f(s);
    }
    remembered(memo, s, || f(s).into_boxed_str()).into_string()
}

/// Spaces that are not U+0020 but mean one, and characters that mean
/// nothing at all (zero-width, byte-order mark). Asked of every character
/// that is cleaned or folded: inlined.
#[inline]
fn space_class(c: char) -> Option<bool> {
    match c {
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => Some(false),
        // Direction marks and embeddings that text copied from web pages
        // carries, and the Mongolian vowel separator (no longer a space).
        '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{180e}' => Some(false),
        c if c.is_whitespace() => Some(true),
        '\u{a0}' | '\u{202f}' | '\u{2007}' => Some(true),
        _ => None,
    }
}

/// `s` cut so that its UTF-16 length (what Excel counts) is at most
/// `max`, an ellipsis "…" ending what was cut; `s` itself when it fits.
pub fn shorten_utf16(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if s.len() <= max || s.encode_utf16().count() <= max {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut units = 0;
    let mut end = 0;
    for (i, ch) in s.char_indices() {
        // One unit is kept for the ellipsis.
        if units + ch.len_utf16() > max.saturating_sub(1) {
            break;
        }
        units += ch.len_utf16();
        end = i + ch.len_utf8();
    }
    std::borrow::Cow::Owned(format!("{}…", &s[..end]))
}

/// A quotation of `s` in a message: one line, at most `max` characters.
/// A longer text is cut after its last whole word that fits ("… khiếu nại
/// tồn…", not "tồn đọn…"), with "…"; a word longer than half the room is
/// cut inside.
pub fn quotation(s: &str, max: usize) -> String {
    let one_line = s.replace(['\n', '\r'], " ");
    match one_line.char_indices().nth(max) {
        None => one_line,
        Some(_) => {
            let room = max.saturating_sub(1);
            let end = one_line.char_indices().nth(room).map_or(0, |(i, _)| i);
            let kept = &one_line[..end];
            // The cut falls between words when the next character is a
            // space; else at the last space, if that keeps half the room.
            let at_space = one_line[end..].starts_with(' ');
            let word_end = match kept.rfind(' ') {
                _ if at_space => end,
                Some(i) if kept[..i].chars().count() * 2 >= room => i,
                _ => end,
            };
            let kept = kept[..word_end].trim_end_matches([' ', ',', ';', ':', '-', '–']);
            format!("{kept}…")
        }
    }
}

/// NFC, every kind of space as one plain space, zero-width characters
/// removed, trimmed. Line breaks inside a cell become spaces.
pub fn clean(s: &str) -> String {
    memoized(&CLEAN_MEMO, s, clean_uncached)
}

fn clean_uncached(s: &str) -> String {
    if s.is_ascii() {
        // NFC leaves ASCII as it is, and no ASCII character is zero-width.
        return clean_chars(s.chars(), s.len());
    }
    // Zero-width characters go before NFC: one between a letter and its
    // mark would otherwise keep them apart.
    let visible = || s.chars().filter(|&c| space_class(c) != Some(false));
    if plainly_nfc(visible()) || is_nfc_quick(visible()) == IsNormalized::Yes {
        // Text typed in Excel is NFC already; the check costs less than
        // composing.
        clean_chars(visible(), s.len())
    } else {
        clean_chars(visible().nfc(), s.len())
    }
}

/// Whether text of these characters is in NFC by their code points alone:
/// each is ASCII, Latin below the combining marks (U+0300), a precomposed
/// letter of Latin Extended Additional (U+1E00–U+1EFF, Vietnamese's
/// letters with two marks) or a dash, quote or ellipsis (U+2010–U+2027).
/// Every one of those is in NFC alone and a starter (a test asks each), so
/// a text of them is NFC without the table look-ups of
/// [`is_nfc_quick`]; `false` leaves it to that check.
fn plainly_nfc(mut chars: impl Iterator<Item = char>) -> bool {
    chars.all(|c| c < '\u{300}' || matches!(c, '\u{1e00}'..='\u{1eff}' | '\u{2010}'..='\u{2027}'))
}

/// `f` on each character of `s` in NFC, composing only when `s` is not
/// already composed.
pub fn each_nfc_char(s: &str, f: impl FnMut(char)) {
    if plainly_nfc(s.chars()) || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s.chars().for_each(f);
    } else {
        s.nfc().for_each(f);
    }
}

/// The words of `s` in lower case with each syllable's tone told apart
/// from where it is written: "Hoà" and "Hòa" are the same word ("hoa2"),
/// "Đồng" and "Đông" are not ("đông2", "đông0"). For telling apart names
/// that only their tones distinguish, where [`fold`] makes them one.
pub fn tone_words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut tone = '0';
    let mut flush = |word: &mut String, tone: &mut char| {
        if !word.is_empty() {
            let mut w: String = word.nfc().collect();
            w.push(*tone);
            words.push(w);
            word.clear();
        }
        *tone = '0';
    };
    for c in s.nfd().flat_map(char::to_lowercase) {
        match c {
            // The five tone marks: huyền, sắc, ngã, hỏi, nặng.
            '\u{300}' => tone = '2',
            '\u{301}' => tone = '1',
            '\u{303}' => tone = '4',
            '\u{309}' => tone = '3',
            '\u{323}' => tone = '5',
            c if c.is_alphanumeric() || is_combining_mark(c) => word.push(c),
            _ => flush(&mut word, &mut tone),
        }
    }
    flush(&mut word, &mut tone);
    words
}

/// Spaces collapsed and trimmed, zero-width characters dropped.
fn clean_chars(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut pending_space = false;
    for c in chars {
        match space_class(c) {
            Some(true) => pending_space = !out.is_empty(),
            Some(false) => {}
            None => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(c);
            }
        }
    }
    out
}

/// Like [`clean`] but keeps line breaks (for task contents written on
/// several lines).
pub fn clean_multiline(s: &str) -> String {
    let lines: Vec<String> = s
        .split(['\n', '\r'])
        .map(clean)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

/// The base letter of a Vietnamese letter: `ệ` → `e`, `Đ` → `d`.
/// Compatibility forms fold to their plain letters and digits (`ｌ` → `l`,
/// `²` → `2`, `🄰` → `a`); a capital with no lowercase form at all (`🅐`)
/// separates words like punctuation.
fn fold_char(c: char, out: &mut String) {
    match FOLD_TABLE.get_or_init(FoldTable::new).get(c) {
        // Most letters fold to one ASCII letter: pushed, not copied.
        Some(folded) => match *folded.as_bytes() {
            [b] if b.is_ascii() => out.push(char::from(b)),
            _ => out.push_str(folded),
        },
        None => fold_char_uncached(c, out),
    }
}

/// Characters below this code point (Latin, Greek, Cyrillic, the
/// combining marks and Vietnamese's Latin Extended Additional) are folded
/// from a table made once.
const FOLD_TABLE_CHARS: u32 = 0x2000;

/// [`fold_char_uncached`] of every character below [`FOLD_TABLE_CHARS`].
struct FoldTable {
    text: String,
    /// Where each character's fold starts and ends in `text`.
    spans: Vec<(u32, u32)>,
}

static FOLD_TABLE: std::sync::OnceLock<FoldTable> = std::sync::OnceLock::new();

impl FoldTable {
    fn new() -> Self {
        let mut text = String::new();
        let mut spans = Vec::with_capacity(FOLD_TABLE_CHARS as usize);
        for code in 0..FOLD_TABLE_CHARS {
            let start = text.len() as u32;
            if let Some(c) = char::from_u32(code) {
                fold_char_uncached(c, &mut text);
            }
            spans.push((start, text.len() as u32));
        }
        FoldTable { text, spans }
    }

    fn get(&self, c: char) -> Option<&str> {
        let &(start, end) = self.spans.get(c as usize)?;
        self.text.get(start as usize..end as usize)
    }
}

fn fold_char_uncached(c: char, out: &mut String) {
    for d in std::iter::once(c).nfkd() {
        for l in d.to_lowercase().nfd() {
            match l {
                _ if is_combining_mark(l) => {}
                'đ' | 'ð' => out.push('d'),
                _ if l.is_uppercase() => out.push(' '),
                _ => out.push(l),
            }
        }
    }
}

/// The comparison key of a name: accents and case removed, punctuation as
/// spaces, spaces collapsed, and leading zeros of numbers dropped
/// (`Phường 05` and `phuong 5` give the same key).
pub fn fold(s: &str) -> String {
    memoized(&FOLD_MEMO, s, fold_uncached)
}

fn fold_uncached(s: &str) -> String {
    let base = if s.is_ascii() {
        // For ASCII, NFC and NFKD change nothing, there are no marks to
        // drop and every capital has its lowercase letter.
        s.to_ascii_lowercase()
    } else {
        let mut base = String::with_capacity(s.len());
        each_nfc_char(s, |c| {
            if space_class(c) != Some(false) {
                fold_char(c, &mut base);
            }
        });
        base
    };
    // The words of `base` joined by one space; a word of digits loses its
    // leading zeros.
    let mut out = String::with_capacity(base.len());
    let push_word = |out: &mut String, word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.len() > 1 && word.bytes().all(|b| b.is_ascii_digit()) {
            let trimmed = word.trim_start_matches('0');
            out.push_str(if trimmed.is_empty() { "0" } else { trimmed });
        } else {
            out.push_str(word);
        }
    };
    let mut start: Option<usize> = None;
    for (i, c) in base.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(from) = start.take() {
            push_word(&mut out, base.get(from..i).unwrap_or_default());
        }
        if c == '%' {
            // A percent sign is a word of its own: "%KH" and "% KH" agree.
            push_word(&mut out, "%");
        }
    }
    if let Some(from) = start {
        push_word(&mut out, base.get(from..).unwrap_or_default());
    }
    out
}

/// Removes accents, keeping case and spacing ("Hồ sơ" → "Ho so").
pub fn strip_accents(s: &str) -> String {
    s.chars()
        .flat_map(|c| match c {
            'đ' => vec!['d'],
            'Đ' => vec!['D'],
            _ => c.nfd().filter(|d| !is_combining_mark(*d)).collect(),
        })
        .collect()
}

/// A name as a file name writes it: no accents, lower case, every run of
/// other characters one `-` ("Phường 5" → `phuong-5`, "Phòng Tài chính -
/// Kế hoạch" → `phong-tai-chinh-ke-hoach`).
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in strip_accents(s).to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// `fold` of two texts read together with a space between them (a header
/// label written on two rows), from their folds: the joining space
/// separates words and nothing composes or reorders across it, so
/// `fold(a + " " + b)` is the folds joined by a space (or the one that is
/// not empty).
pub fn fold_joined(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (false, true) => a.to_string(),
        (false, false) => format!("{a} {b}"),
    }
}

/// The words, folded, that open a breakdown of the row above: "Trong đó:",
/// "Tr.đó", "Chia ra:" (the mark of a complete breakdown), "Chia theo",
/// "Bao gồm", "Gồm", "Cụ thể", with or without the colon, in any case.
const BREAKDOWN_OPENERS: [&str; 9] = [
    "trong do ",
    "trong so ",
    "tr do ",
    "td ",
    "chia ra ",
    "chia theo ",
    "gom ",
    "bao gom ",
    "cu the ",
];

/// Whether a row's name says it is a part of an indicator above it: a
/// leading dash, plus or bullet ("- Nữ", "+ Hộ nghèo") or a word that
/// opens a breakdown ("Trong đó: nữ", "Chia ra: Thành thị").
pub fn names_a_part(name: &str) -> bool {
    let name = name.trim_start();
    if name.starts_with(['-', '+', '\u{2013}', '\u{2014}', '\u{2212}', '•', '*', '·']) {
        return true;
    }
    let key = fold(name);
    BREAKDOWN_OPENERS.iter().any(|p| {
        key.strip_prefix(p.trim_end())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

/// Whether a heading row introduces a list of details rather than a
/// group of indicators: «II. CHI TIẾT GIẢI NGÂN CÁC DỰ ÁN», «Danh mục
/// công trình», «Danh sách dự án».
pub fn introduces_details(name: &str) -> bool {
    let key = format!(" {} ", fold(name));
    [" chi tiet ", " danh muc ", " danh sach "]
        .iter()
        .any(|w| key.contains(w))
}

/// The folded key of an indicator name as a row writes it: leading bullets
/// and dashes, numbering ("1.", "a)", "1.2."), the words that open a
/// breakdown ("Trong đó:", "Chia ra:", "Gồm"…) removed.
pub fn indicator_key(s: &str) -> String {
    let mut key = fold(s);
    loop {
        let before = key.len();
        for prefix in BREAKDOWN_OPENERS {
            if let Some(rest) = key.strip_prefix(prefix) {
                key = rest.to_string();
            }
        }
        // Row numbering: "1 ", "1 2 ", "a ", "iv " (roman numbers are only
        // stripped when more text follows).
        if let Some((first, rest)) = key.split_once(' ') {
            let is_number = first.chars().all(|c| c.is_ascii_digit());
            let is_letter =
                first.len() == 1 && first.chars().all(|c| c.is_ascii_lowercase()) && first != "%";
            let is_roman = !first.is_empty()
                && first.len() <= 4
                && first.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
                && !rest.is_empty();
            if (is_number || is_letter || is_roman) && !rest.is_empty() {
                key = rest.to_string();
            }
        }
        if key.len() == before {
            break;
        }
    }
    key
}

/// A file name's stem for a code: letters, digits, `.`, `-` and `_` are
/// kept; anything else (`/`, `\`, `:`, spaces…) becomes `_`, and a stem
/// that would be hidden or empty (`.x`, "") starts with `_`.
pub fn safe_stem(code: &str) -> String {
    let mut s: String = code
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.starts_with('.') || s.is_empty() {
        s.insert(0, '_');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_characters_told_nfc_by_their_code_points_are_each_nfc_and_starters() {
        let plain = (0u32..0x300).chain(0x1e00..=0x1eff).chain(0x2010..=0x2027);
        for c in plain.filter_map(char::from_u32) {
            assert!(plainly_nfc(std::iter::once(c)), "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(
                unicode_normalization::char::canonical_combining_class(c),
                0,
                "{c:?}"
            );
        }
        // A combining mark, and a letter that composes differently, are
        // left to the full check.
        assert!(!plainly_nfc("a\u{301}".chars()));
        assert!(!plainly_nfc("\u{2126}".chars()));
        assert_eq!(clean("Ho\u{300}a"), "Hòa");
    }

    #[test]
    fn tones_are_told_apart_wherever_written() {
        assert_eq!(tone_words("Hoà Bình"), tone_words("HÒA BÌNH"));
        assert_eq!(tone_words("Thuỷ"), tone_words("thủy"));
        assert_ne!(tone_words("Đồng Tâm"), tone_words("Đông Tâm"));
        assert_eq!(tone_words("Xã Đồng Tâm"), ["xa4", "đông2", "tâm0"]);
        assert_eq!(tone_words("Phường 10, P.5"), ["phương2", "100", "p0", "50"]);
        // NFD input is the same words.
        let nfd: String = "Phú Hòa Đông".nfd().collect();
        assert_eq!(tone_words(&nfd), tone_words("Phú Hòa Đông"));
    }

    #[test]
    fn a_slug_has_no_accents_and_one_dash_between_words() {
        assert_eq!(slug("Phường 5"), "phuong-5");
        assert_eq!(
            slug("Ban Bồi thường, giải phóng mặt bằng"),
            "ban-boi-thuong-giai-phong-mat-bang"
        );
        assert_eq!(slug(" Đặc khu Hòn Ngọc "), "dac-khu-hon-ngoc");
        assert_eq!(strip_accents("Hồ sơ Đã"), "Ho so Da");
    }

    #[test]
    fn clean_normalises_spaces_and_nfc() {
        assert_eq!(
            clean("  Phu\u{031b}o\u{031b}\u{0300}ng\u{a0}\u{a0}5 \u{200b}"),
            "Phường 5"
        );
        assert_eq!(clean("a\n b"), "a b");
    }

    #[test]
    fn fold_removes_accents_case_and_punctuation() {
        assert_eq!(fold("UBND PHƯỜNG 05"), "ubnd phuong 5");
        assert_eq!(
            fold("Phòng Tài chính - Kế hoạch"),
            "phong tai chinh ke hoach"
        );
        assert_eq!(fold("P.TCKH"), "p tckh");
        assert_eq!(fold("Đơn vị"), "don vi");
        assert_eq!(fold("% so với KH"), "% so voi kh");
        assert_eq!(fold("%KH"), "% kh");
        assert_eq!(fold("So sánh (%)"), "so sanh %");
    }

    #[test]
    fn fold_is_the_same_for_nfd_input() {
        let nfd: String = "Hồ sơ đã giải quyết".nfd().collect();
        assert_eq!(fold(&nfd), fold("Hồ sơ đã giải quyết"));
    }

    #[test]
    fn clean_output_is_nfc_when_a_zero_width_char_splits_a_mark() {
        // Found by the property tests: removing the ZWNBSP after NFC left
        // "Â" + combining dot below, not "Ậ".
        assert_eq!(clean("Â\u{feff}\u{323}"), "Ậ");
        assert_eq!(clean("Phu\u{31b}\u{200b}o\u{31b}\u{300}ng"), "Phường");
    }

    #[test]
    fn direction_marks_from_web_pages_are_dropped() {
        assert_eq!(clean("\u{200e}Phường\u{200f} 5\u{202c}"), "Phường 5");
        assert_eq!(fold("Phư\u{200e}ờng 5"), "phuong 5");
    }

    #[test]
    fn fold_lowercases_letters_without_a_lowercase_form() {
        // Found by the property tests: "🄰" is a capital with no lowercase
        // mapping and came out of fold unchanged.
        assert_eq!(fold("🄰"), "a");
        assert_eq!(fold("ℂ"), "c");
        assert_eq!(fold("ＰＨƯỜＮＧ ０５"), "phuong 5");
        assert_eq!(fold("a🅐b"), "a b");
        // "ᶞ" decomposes to "ð", which folds to "d" like "đ".
        assert_eq!(fold("ᶞ"), "d");
    }

    #[test]
    fn fold_is_stable_on_every_single_character() {
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let key = fold(&c.to_string());
            assert_eq!(fold(&key), key, "{c:?} U+{:04X}", c as u32);
            assert!(
                !key.chars()
                    .any(|k| is_combining_mark(k) || k.is_uppercase()),
                "{c:?} → {key:?}"
            );
        }
    }

    #[test]
    fn remembered_results_equal_computed_ones() {
        let texts = [
            "UBND PHƯỜNG 05",
            "  Phu\u{031b}o\u{031b}\u{0300}ng\u{a0}\u{a0}5 \u{200b}",
            "% so với KH",
            "",
            "🄰",
        ];
        for _ in 0..3 {
            for t in texts {
                assert_eq!(fold(t), fold_uncached(t), "{t:?}");
                assert_eq!(clean(t), clean_uncached(t), "{t:?}");
            }
        }
        let long = "Hồ sơ ".repeat(100);
        assert_eq!(fold(&long), fold_uncached(&long));
    }

    /// The fold before its ASCII path and its one-pass word joining.
    fn fold_reference(s: &str) -> String {
        let mut base = String::with_capacity(s.len());
        for c in s.nfc() {
            if space_class(c) == Some(false) {
                continue;
            }
            fold_char_uncached(c, &mut base);
        }
        let mut tokens: Vec<String> = Vec::new();
        let mut cur = String::new();
        for c in base.chars() {
            if c == '%' {
                if !cur.is_empty() {
                    tokens.push(std::mem::take(&mut cur));
                }
                tokens.push("%".to_string());
            } else if c.is_alphanumeric() {
                cur.push(c);
            } else if !cur.is_empty() {
                tokens.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            tokens.push(cur);
        }
        let tokens: Vec<String> = tokens
            .into_iter()
            .map(|t| {
                if t.len() > 1 && t.bytes().all(|b| b.is_ascii_digit()) {
                    let trimmed = t.trim_start_matches('0');
                    if trimmed.is_empty() {
                        "0".to_string()
                    } else {
                        trimmed.to_string()
                    }
                } else {
                    t
                }
            })
            .collect();
        tokens.join(" ")
    }

    /// The clean before its ASCII path.
    fn clean_reference(s: &str) -> String {
        clean_chars(
            s.chars().filter(|&c| space_class(c) != Some(false)).nfc(),
            s.len(),
        )
    }

    #[test]
    fn the_fold_table_and_the_nfc_check_change_nothing() {
        // Every character of the table, folded from it and computed.
        for code in 0..FOLD_TABLE_CHARS + 0x100 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let (mut a, mut b) = (String::new(), String::new());
            fold_char(c, &mut a);
            fold_char_uncached(c, &mut b);
            assert_eq!(a, b, "U+{code:04X}");
        }
        // Each character after a letter and before a combining mark
        // (composed or not, NFC or not), folded and cleaned as before.
        for code in (0..0x2100).chain(0x1_f100..0x1_f200) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            for t in [
                format!("a{c}\u{301}"),
                format!("Ư{c}"),
                format!("e\u{302}\u{301}{c}o"),
            ] {
                assert_eq!(fold_uncached(&t), fold_reference(&t), "{t:?}");
                assert_eq!(clean_uncached(&t), clean_reference(&t), "{t:?}");
            }
        }
    }

    #[test]
    fn fast_paths_equal_the_general_fold_and_clean() {
        let mut texts: Vec<String> = (0..128u8).map(|b| char::from(b).to_string()).collect();
        texts.extend(
            [
                "UBND PHƯỜNG 05",
                "  Phu\u{031b}o\u{031b}\u{0300}ng\u{a0}\u{a0}5 \u{200b}",
                "% so với KH",
                "%KH",
                "So sánh (%)",
                "  TH  quý\tI \r\n 2020 ",
                "007 a00 000 0 0.5 -3 1e-7 NaN inf",
                "ＰＨƯỜＮＧ ０５",
                "a🅐b%%c",
                "Hồ sơ đã giải quyết",
                "",
                " ",
                "\u{1}x\u{7f}Y",
            ]
            .map(String::from),
        );
        // Every pair of printable ASCII characters and a few others.
        let chars: Vec<char> = (0x20u8..0x7f)
            .map(char::from)
            .chain(['\t', '\n', 'ư', '\u{301}', '\u{a0}'])
            .collect();
        for a in &chars {
            for b in &chars {
                texts.push(format!("{a}{b}0{a}"));
            }
        }
        for t in &texts {
            assert_eq!(fold_uncached(t), fold_reference(t), "{t:?}");
            assert_eq!(clean_uncached(t), clean_reference(t), "{t:?}");
        }
        // Every text joined with every 97th (all pairs take minutes in a
        // debug build).
        for a in &texts {
            for b in texts.iter().step_by(97) {
                assert_eq!(
                    fold_joined(&fold_uncached(a), &fold_uncached(b)),
                    fold_reference(&format!("{a} {b}")),
                    "{a:?} + {b:?}"
                );
            }
        }
    }

    #[test]
    fn indicator_keys_drop_prefixes() {
        assert_eq!(
            indicator_key("- đang cách ly tập trung"),
            "dang cach ly tap trung"
        );
        assert_eq!(
            indicator_key("Trong đó: giải quyết đúng hạn"),
            "giai quyet dung han"
        );
        assert_eq!(indicator_key("1. Lượt tiếp công dân"), "luot tiep cong dan");
        assert_eq!(indicator_key("a) Cách ly tại nhà"), "cach ly tai nha");
        // "Chia ra:", the mark of a complete breakdown, and its variants.
        for name in [
            "Chia ra: + Hộ nghèo",
            "Chia ra - Hộ nghèo",
            "chia theo: Hộ nghèo",
            "Bao gồm: hộ nghèo",
            "Gồm hộ nghèo",
            "Cụ thể: - hộ nghèo",
            "trong đó hộ nghèo",
        ] {
            assert_eq!(indicator_key(name), "ho ngheo", "{name}");
        }
    }

    #[test]
    fn a_dash_or_an_opening_word_names_a_part() {
        for name in [
            "- Nữ",
            " + Hộ nghèo",
            "• Nữ",
            "Trong đó: nữ",
            "Chia ra: Thành thị",
            "gồm nữ",
            "Trong đó",
        ] {
            assert!(names_a_part(name), "{name}");
        }
        for name in ["Số hộ nghèo", "Chia rau", "Tổng số", "Hộ gồm"] {
            assert!(!names_a_part(name), "{name}");
        }
    }

    #[test]
    fn texts_are_cut_with_an_ellipsis_at_excel_and_message_lengths() {
        assert_eq!(shorten_utf16("abc", 3), "abc");
        assert_eq!(shorten_utf16("abcd", 3), "ab…");
        // "𝟙" is two UTF-16 units: it does not fit in the last one.
        assert_eq!(shorten_utf16("a𝟙bc", 3), "a…");
        let long = "ư".repeat(40_000);
        let cut = shorten_utf16(&long, 32_767);
        assert_eq!(cut.encode_utf16().count(), 32_767);
        assert!(cut.ends_with('…'));
        assert_eq!(quotation("một\nhai", 20), "một hai");
        assert_eq!(quotation("phường năm", 6), "phườn…");
        // A long quotation ends at a word, not inside one.
        let task = "Tổ chức tiếp công dân định kỳ, giải quyết dứt điểm các đơn thư khiếu nại tồn đọng kéo dài";
        let cut = quotation(task, 81);
        assert_eq!(
            cut,
            "Tổ chức tiếp công dân định kỳ, giải quyết dứt điểm các đơn thư khiếu nại tồn…"
        );
        assert!(cut.chars().count() <= 81);
        assert_eq!(quotation("một hai, ba bốn", 10), "một hai…");
        assert_eq!(quotation("một hai ba", 8), "một hai…");
    }
}
