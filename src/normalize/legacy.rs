//! Legacy Vietnamese 8-bit encodings shown through fonts, converted to
//! Unicode.
//!
//! Before Unicode, Vietnamese offices typed with keyboard drivers (ABC,
//! VietKey, later Unikey) that stored one byte per glyph of a special font:
//!
//! - **TCVN3** (TCVN 5712:1993, level VN3, "ABC"): fonts `.VnTime`,
//!   `.VnArial`, … One byte per lowercase letter, in 0xA1–0xFF; the byte of
//!   `ư` is 0xAD, the soft hyphen, which must never be stripped. Capitals
//!   come from the `H` fonts (`.VnTimeH`, `.VnArialH`), which draw the same
//!   bytes as capital letters: the case lives in the font, not in the text.
//! - **VNI** (VNI-Windows): fonts `VNI-Times`, `VNI-Helve`, … An ASCII base
//!   letter followed by an accent byte (`a` + `ø` is `à`, `o` + `á` is `ố`),
//!   plus single bytes for `ơ ư đ` and the accented `i`/`ỵ`.
//!
//! Excel stores what the keyboard typed as the Windows-1252 characters of
//! those bytes, so a cell's text arrives as a string of U+00xx characters
//! (`Ph\u{ad}êng`, `Phöôøng` for "Phường"). This module maps those characters
//! back to Unicode, from the cell's font when the file says it, otherwise by
//! scoring the words of the cell as Vietnamese syllables before and after
//! conversion.
//!
//! Sources of the tables:
//! - TCVN3: the TCVN 5712:1993 table as published in GNU libiconv
//!   (`lib/tcvn.h`, `tcvn_2uni_2`), bytes 0xA0–0xFF, which is the VN3 range
//!   the ABC fonts use. Checked against phrases from a public converter
//!   (`B¶o Th¾ng` → Bảo Thắng, `M\u{ad}êng Kh\u{ad}¬ng` → Mường Khương; the
//!   page as published had lost its soft hyphens, the very hazard above).
//! - VNI: the VNI-Windows sequence table of xvnkb by Dao Hai Lam (`vni.h`,
//!   `VNI[]`), checked against the `vietnamese-conversion` npm package's
//!   example (`Xin chaøo caùc baïn` → Xin chào các bạn).

use std::cell::RefCell;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::memo::{remembered, TextMemo};

/// A legacy 8-bit Vietnamese encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LegacyEncoding {
    /// TCVN 5712:1993 VN3, the "ABC" fonts `.VnTime`, `.VnArial`, ….
    Tcvn3,
    /// VNI-Windows, the fonts `VNI-Times`, `VNI-Helve`, ….
    Vni,
}

impl LegacyEncoding {
    /// The name people know the encoding by, for messages.
    pub fn name(self) -> &'static str {
        match self {
            LegacyEncoding::Tcvn3 => "TCVN3 (ABC)",
            LegacyEncoding::Vni => "VNI",
        }
    }
}

/// TCVN3 bytes 0xA0..=0xFF as Unicode (GNU libiconv `tcvn.h`). 0xB0–0xB4
/// are the combining tone marks; the slots between lowercase letters hold a
/// few capitals of TCVN 5712 level VN1.
#[rustfmt::skip]
const TCVN3_HIGH: [char; 96] = [
    // 0xA0
    '\u{a0}', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ',
    // 0xB0
    '\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}', 'à', 'ả', 'ã', 'á', 'ạ', 'Ẳ', 'ằ', 'ẳ', 'ẵ', 'ắ', 'Ẵ',
    // 0xC0
    'Ắ', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ',
    // 0xD0
    'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò',
    // 0xE0
    'Ổ', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù',
    // 0xF0
    'Ỗ', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố',
];

const GRAVE: char = '\u{300}';
const ACUTE: char = '\u{301}';
const CIRCUMFLEX: char = '\u{302}';
const TILDE: char = '\u{303}';
const BREVE: char = '\u{306}';
const HOOK: char = '\u{309}';
const HORN: char = '\u{31b}';
const DOT_BELOW: char = '\u{323}';

/// What a VNI accent byte adds to the vowel before it.
#[derive(Clone, Copy)]
enum VniMark {
    /// A tone alone: after any vowel.
    Tone(char),
    /// A circumflex, with an optional tone: after `a`, `e`, `o`.
    Circumflex(Option<char>),
    /// A breve, with an optional tone: after `a`.
    Breve(Option<char>),
}

/// VNI accent bytes (xvnkb `vni.h`), lowercase and capital forms alike.
fn vni_mark(c: char) -> Option<VniMark> {
    use VniMark::*;
    Some(match c {
        'ù' | 'Ù' => Tone(ACUTE),
        'ø' | 'Ø' => Tone(GRAVE),
        'û' | 'Û' => Tone(HOOK),
        'õ' | 'Õ' => Tone(TILDE),
        'ï' | 'Ï' => Tone(DOT_BELOW),
        'â' | 'Â' => Circumflex(None),
        'á' | 'Á' => Circumflex(Some(ACUTE)),
        'à' | 'À' => Circumflex(Some(GRAVE)),
        'å' | 'Å' => Circumflex(Some(HOOK)),
        'ã' | 'Ã' => Circumflex(Some(TILDE)),
        'ä' | 'Ä' => Circumflex(Some(DOT_BELOW)),
        'ê' | 'Ê' => Breve(None),
        'é' | 'É' => Breve(Some(ACUTE)),
        'è' | 'È' => Breve(Some(GRAVE)),
        'ú' | 'Ú' => Breve(Some(HOOK)),
        'ü' | 'Ü' => Breve(Some(TILDE)),
        'ë' | 'Ë' => Breve(Some(DOT_BELOW)),
        _ => return None,
    })
}

/// VNI bytes that are whole letters on their own.
fn vni_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ô' => "ơ",
        'Ô' => "Ơ",
        'ö' => "ư",
        'Ö' => "Ư",
        'ñ' => "đ",
        'Ñ' => "Đ",
        'æ' => "ỉ",
        'Æ' => "Ỉ",
        'ó' => "ĩ",
        'Ó' => "Ĩ",
        'ò' => "ị",
        'Ò' => "Ị",
        'î' => "ỵ",
        'Î' => "Ỵ",
        _ => return None,
    })
}

/// The legacy encoding a font draws, and whether it is a capitals font.
///
/// TCVN3 fonts start with `.Vn` (`.VnTime`, `.VnArial Narrow`); their
/// capitals fonts end with a capital `H` (`.VnTimeH`, `.VnArial NarrowH`).
/// VNI fonts start with `VNI-` (`VNI-Times`, `VNI-Helve-Condense`).
pub fn encoding_of_font(font: &str) -> Option<(LegacyEncoding, bool)> {
    let name = font.trim();
    let lower = name.to_ascii_lowercase();
    if lower.starts_with(".vn") {
        return Some((LegacyEncoding::Tcvn3, name.ends_with('H')));
    }
    let is_vni = lower
        .strip_prefix("vni")
        .is_some_and(|rest| rest.starts_with(['-', ' ', '_']));
    if is_vni {
        return Some((LegacyEncoding::Vni, false));
    }
    None
}

/// Converts the text of a cell in a legacy encoding to Unicode (NFC).
///
/// `capitals` is true when the cell's font is a TCVN3 capitals font
/// (`.VnTimeH`): the whole text is then shown, and returned, in capitals.
/// Characters outside the 8-bit range pass through unchanged.
pub fn to_unicode(text: &str, enc: LegacyEncoding, capitals: bool) -> String {
    let raw = match enc {
        LegacyEncoding::Tcvn3 => tcvn3_to_unicode(text),
        LegacyEncoding::Vni => vni_to_unicode(text),
    };
    let nfc: String = raw.nfc().collect();
    if capitals {
        nfc.to_uppercase().nfc().collect()
    } else {
        nfc
    }
}

fn tcvn3_to_unicode(text: &str) -> String {
    text.chars()
        .map(|c| match u32::from(c) {
            code @ 0xA0..=0xFF => TCVN3_HIGH.get((code - 0xA0) as usize).copied().unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The vowel an accent byte may follow: its lowercase base letter, whether
/// it already carries a circumflex, breve or horn, and whether a tone.
#[derive(Clone, Copy)]
struct Vowel {
    base: char,
    modified: bool,
    toned: bool,
}

fn vni_to_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut vowel: Option<Vowel> = None;
    for c in text.chars() {
        if let (Some(v), Some(mark)) = (vowel, vni_mark(c)) {
            match mark {
                VniMark::Tone(t) if !v.toned => {
                    out.push(t);
                    vowel = Some(Vowel { toned: true, ..v });
                    continue;
                }
                VniMark::Circumflex(t)
                    if !v.modified && !v.toned && matches!(v.base, 'a' | 'e' | 'o') =>
                {
                    out.push(CIRCUMFLEX);
                    out.extend(t);
                    vowel = Some(Vowel {
                        modified: true,
                        toned: t.is_some(),
                        ..v
                    });
                    continue;
                }
                VniMark::Breve(t) if !v.modified && !v.toned && v.base == 'a' => {
                    out.push(BREVE);
                    out.extend(t);
                    vowel = Some(Vowel {
                        modified: true,
                        toned: t.is_some(),
                        ..v
                    });
                    continue;
                }
                _ => {}
            }
        }
        if let Some(letter) = vni_letter(c) {
            out.push_str(letter);
            vowel = match c {
                'ô' | 'Ô' => Some(Vowel {
                    base: 'o',
                    modified: true,
                    toned: false,
                }),
                'ö' | 'Ö' => Some(Vowel {
                    base: 'u',
                    modified: true,
                    toned: false,
                }),
                _ => None,
            };
            continue;
        }
        out.push(c);
        let lower = c.to_ascii_lowercase();
        vowel = matches!(lower, 'a' | 'e' | 'i' | 'o' | 'u' | 'y').then_some(Vowel {
            base: lower,
            modified: false,
            toned: false,
        });
    }
    out
}

/// Characters of Unicode Vietnamese that no legacy cell can hold: letters
/// above U+00FF and the combining marks. One of them means the text is
/// already Unicode.
/// Can [`decode_cell`] find legacy text in `text`? Never in plain ASCII,
/// nor in text with a letter or mark of Unicode Vietnamese.
pub fn may_be_legacy(text: &str) -> bool {
    !text.is_ascii() && !has_unicode_vietnamese(text)
}

fn is_unicode_vietnamese(c: char) -> bool {
    matches!(
        c,
        'Ă' | 'ă' | 'Đ' | 'đ' | 'Ĩ' | 'ĩ' | 'Ũ' | 'ũ' | 'Ơ' | 'ơ' | 'Ư' | 'ư' | '\u{1ea0}'
            ..='\u{1ef9}'
    ) || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Characters that belong to a word of legacy text: letters, and every
/// character of the 8-bit upper half (TCVN3 letters look like `¸ µ ­ ¬ ×`).
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || ('\u{a1}'..='\u{ff}').contains(&c) || is_combining_mark(c)
}

/// One Vietnamese syllable, on base letters (accents removed, `đ` as `d`):
/// initial consonant, then either a vowel cluster that ends in a glide
/// (`ai`, `ao`, `iêu`: no final consonant may follow) or one that may take a
/// final consonant.
#[allow(clippy::expect_used)]
static SYLLABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?\
         (?:(?:ieu|yeu|oai|oay|oeo|uay|uoi|uou|uyu|ai|ao|au|ay|eo|eu|ia|iu|oi|ui|uu|ya)\
         |(?:uya|uye|oa|oe|oo|ua|ue|uo|uy|ie|ye|[aeiouy])(?:ch|ng|nh|[cmnpt])?)$",
    )
    .expect("invariant: the syllable pattern is a valid regex")
});

/// True when a word can be a Vietnamese syllable written in Unicode: letters
/// of the Vietnamese alphabet, marks where Vietnamese puts them, at most one
/// tone, and the shape initial + vowels + final.
fn is_syllable(word: &str) -> bool {
    base_letters(word).is_some_and(|(bases, tones)| tones <= 1 && SYLLABLE.is_match(&bases))
}

/// The base letters of a word (accents removed, `đ` as `d`) and its count
/// of tone marks, when it is spelled with letters of the Vietnamese
/// alphabet and marks only where Vietnamese puts them; `None` otherwise.
fn base_letters(word: &str) -> Option<(String, usize)> {
    let mut bases = String::with_capacity(word.len());
    let mut last: Option<char> = None;
    let mut tones = 0;
    for c in word.to_lowercase().nfd() {
        match c {
            GRAVE | ACUTE | TILDE | HOOK | DOT_BELOW => {
                if !matches!(last, Some('a' | 'e' | 'i' | 'o' | 'u' | 'y')) {
                    return None;
                }
                tones += 1;
            }
            CIRCUMFLEX if matches!(last, Some('a' | 'e' | 'o')) => {}
            BREVE if last == Some('a') => {}
            HORN if matches!(last, Some('o' | 'u')) => {}
            'đ' => {
                bases.push('d');
                last = Some('d');
            }
            'a'..='z' if !matches!(c, 'f' | 'j' | 'w' | 'z') => {
                bases.push(c);
                last = Some(c);
            }
            _ => return None,
        }
    }
    Some((bases, tones))
}

/// How Vietnamese a reading of the cell looks: words that are syllables
/// (of two letters or more) and words that are not.
#[derive(Clone, Copy, Default)]
struct Score {
    good: usize,
    bad: usize,
}

impl Score {
    fn add(&mut self, word: &str) {
        if is_syllable(word) {
            if word.chars().count() >= 2 {
                self.good += 1;
            }
        } else {
            self.bad += 1;
        }
    }
}

/// Guesses from its content alone whether a cell's text is legacy-encoded.
///
/// Only words holding a character of the 8-bit upper half are scored: as
/// written, and as converted from each encoding. An encoding is chosen when
/// its reading has more Vietnamese syllables and fewer non-words than the
/// text as written, and scores better than the other encoding. Unicode
/// Vietnamese (any letter above U+00FF), English, numbers and Latin-1 words
/// such as "café" are never taken for legacy text.
///
/// The answer for a text is remembered on each thread: the same labels
/// ("Ghi chú", "Tỷ lệ") come back in every workbook of a batch.
pub fn detect(text: &str) -> Option<LegacyEncoding> {
    thread_local! {
        static DETECTED: RefCell<TextMemo<Option<LegacyEncoding>>> = RefCell::default();
    }
    // Most texts have no Latin-1 letter: told apart before the memo.
    if !has_latin1_letters(text) {
        return None;
    }
    remembered(&DETECTED, text, || detect_uncached(text))
}

/// Any character of U+0080–U+00FF, where legacy encodings put their
/// letters.
fn has_latin1_letters(text: &str) -> bool {
    text.chars().any(|c| ('\u{80}'..='\u{ff}').contains(&c))
}

/// How Vietnamese `text` looks when each of its words that holds a
/// character of the 8-bit upper half is read by `read`.
fn score_words(text: &str, read: impl Fn(&str) -> String) -> Score {
    let mut score = Score::default();
    for word in text.split(|c: char| !is_word_char(c)) {
        if !word.is_ascii() {
            score.add(&read(word));
        }
    }
    score
}

fn detect_uncached(text: &str) -> Option<LegacyEncoding> {
    if !has_latin1_letters(text) || has_unicode_vietnamese(text) {
        return None;
    }
    let as_written = score_words(text, str::to_string);
    let tcvn3 = score_words(text, |w| to_unicode(w, LegacyEncoding::Tcvn3, false));
    let vni = score_words(text, |w| to_unicode(w, LegacyEncoding::Vni, false));
    let better = |s: Score| s.good > as_written.good && s.bad < as_written.bad;
    let margin = |s: Score| s.good as i64 - s.bad as i64;
    match (better(tcvn3), better(vni)) {
        (true, false) => Some(LegacyEncoding::Tcvn3),
        (false, true) => Some(LegacyEncoding::Vni),
        (true, true) => match margin(tcvn3).cmp(&margin(vni)) {
            std::cmp::Ordering::Greater => Some(LegacyEncoding::Tcvn3),
            std::cmp::Ordering::Less => Some(LegacyEncoding::Vni),
            std::cmp::Ordering::Equal => None,
        },
        (false, false) => None,
    }
}

/// Whether `text` holds a letter or mark of Unicode Vietnamese (a letter
/// above U+00FF, a combining mark), which no legacy cell can hold.
pub fn has_unicode_vietnamese(text: &str) -> bool {
    !text.is_ascii() && text.chars().any(is_unicode_vietnamese)
}

/// `text` read in `enc`, when every word of it that holds a character of
/// the 8-bit upper half reads as a Vietnamese syllable there, and at least
/// one as a syllable of two letters or more; otherwise `None`.
///
/// For a cell whose content alone cannot decide ([`detect`] gives `None`:
/// "hé" is a word as written and "hộ" in TCVN3; "Tæng sè" reads as
/// Vietnamese in TCVN3 and in VNI alike) on a sheet whose other text shows
/// which encoding it was typed in.
pub fn read_in(text: &str, enc: LegacyEncoding) -> Option<String> {
    if !may_be_legacy(text) {
        return None;
    }
    let score = score_words(text, |w| to_unicode(w, enc, false));
    (score.bad == 0 && score.good > 0).then(|| to_unicode(text, enc, false))
}

/// `text` read in TCVN3 on a sheet already known to be typed in it, when
/// every word of it beyond ASCII holds a character that TCVN3 uses for a
/// letter and that no Unicode Vietnamese text holds as a letter (`®` for
/// đ, `§` for Đ, `¦` for Ư, `¸` for á, …) and reads as Vietnamese letters
/// there, one of them of two letters or more. A word that could be Unicode
/// as written («Công» beside «ABC®») leaves the cell as it is.
///
/// This takes what [`read_in`] leaves: abbreviations such as `®vt` (đvt,
/// the unit column) and `§VT` are no syllables, yet on a TCVN3 sheet they
/// can be nothing else. Symbols that Unicode text uses (`° ² ± × « » ©`)
/// are no evidence, and a reading that puts a tone mark on a consonant
/// (`m²` as m + tilde) is no Vietnamese: both stay as written.
pub fn read_in_tcvn3_sheet(text: &str) -> Option<String> {
    if let Some(read) = read_in(text, LegacyEncoding::Tcvn3) {
        return Some(read);
    }
    if !may_be_legacy(text) {
        return None;
    }
    let mut long_word = false;
    for word in text.split(|c: char| !is_word_char(c)) {
        if word.is_ascii() {
            continue;
        }
        if !word.chars().any(is_tcvn3_only_letter) {
            return None;
        }
        let read = to_unicode(word, LegacyEncoding::Tcvn3, false);
        let (bases, tones) = base_letters(&read)?;
        if tones > 1 {
            return None;
        }
        long_word |= bases.chars().count() >= 2;
    }
    long_word.then(|| to_unicode(text, LegacyEncoding::Tcvn3, false))
}

/// A character that TCVN3 uses for a letter and that Unicode Vietnamese
/// never holds as one: not a Latin-1 letter of the Vietnamese alphabet
/// (`à á â ã è é ê ì í ò ó ô õ ù ú ý`), not one of TCVN3's combining tone
/// marks (0xB0–0xB4) or the no-break space, and not a symbol Unicode text
/// commonly holds.
fn is_tcvn3_only_letter(c: char) -> bool {
    const VIETNAMESE_LATIN1: &str = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ";
    const COMMON_SYMBOLS: &str = "°±²³¹×÷«»·¼½¾©µ";
    matches!(u32::from(c), 0xA1..=0xAF | 0xB5..=0xFF)
        && !VIETNAMESE_LATIN1.contains(c)
        && !COMMON_SYMBOLS.contains(c)
}

/// The Unicode text of a cell and the legacy encoding it was in, if any.
///
/// With a font (the cell's font name from the file), a TCVN3 or VNI font
/// decides; a capitals font (`.VnTimeH`) gives capitals. Text that holds
/// Unicode Vietnamese letters, or only ASCII, is returned unchanged even in
/// a legacy font (someone typed Unicode into an old template). Without a
/// font, or with any other font, the content decides ([`detect`]). Text that
/// is not legacy comes back unchanged with `None`.
pub fn decode_cell(text: &str, font: Option<&str>) -> (String, Option<LegacyEncoding>) {
    let unchanged = || (text.to_string(), None);
    if !may_be_legacy(text) {
        return unchanged();
    }
    if let Some((enc, capitals)) = font.and_then(encoding_of_font) {
        return (to_unicode(text, enc, capitals), Some(enc));
    }
    match detect(text) {
        Some(enc) => (to_unicode(text, enc, false), Some(enc)),
        None => unchanged(),
    }
}

#[cfg(test)]
mod tests {
    use super::LegacyEncoding::{Tcvn3, Vni};
    use super::*;

    #[test]
    fn a_text_content_cannot_decide_reads_in_a_given_encoding() {
        // Words as written and in TCVN3 alike: detection leaves them.
        for (text, unicode) in [("hé", "hộ"), ("cuéc", "cuộc"), ("Tæng sè", "Tổng số")]
        {
            assert_eq!(detect(text), None, "{text}");
            assert_eq!(read_in(text, Tcvn3).as_deref(), Some(unicode), "{text}");
        }
        // Not Vietnamese once read in TCVN3, ASCII, or Unicode already.
        for text in ["café", "m²", "°C", "±5", "Tong so", "hộ", ""] {
            assert_eq!(read_in(text, Tcvn3), None, "{text}");
        }
        assert!(has_unicode_vietnamese("Phường"));
        assert!(!has_unicode_vietnamese("hé"));
    }

    /// (Unicode, TCVN3 as Excel stores it, VNI as Excel stores it),
    /// written out by hand from the published tables.
    const PHRASES: [(&str, &str, &str); 5] = [
        ("Phường 5", "Ph\u{ad}êng 5", "Phöôøng 5"),
        ("Quận Bình Thạnh", "QuËn B×nh Th¹nh", "Quaän Bình Thaïnh"),
        (
            "Hồ sơ thủ tục hành chính đã giải quyết",
            "Hå s¬ thñ tôc hµnh chÝnh ®· gi¶i quyÕt",
            "Hoà sô thuû tuïc haønh chính ñaõ giaûi quyeát",
        ),
        (
            "Người được cách ly, theo dõi sức khỏe",
            "Ng\u{ad}êi ®\u{ad}îc c¸ch ly, theo dâi søc kháe",
            "Ngöôøi ñöôïc caùch ly, theo doõi söùc khoûe",
        ),
        (
            "Số lượt tiếp công dân: 1.345",
            "Sè l\u{ad}ît tiÕp c«ng d©n: 1.345",
            "Soá löôït tieáp coâng daân: 1.345",
        ),
    ];

    #[test]
    fn a_remembered_answer_is_the_answer() {
        let mut texts = vec!["Ghi chú", "café", "Tổng số", "plain", "Tỷ lệ (%)"];
        for (_, tcvn3, vni) in &PHRASES {
            texts.extend([*tcvn3, *vni]);
        }
        for _ in 0..2 {
            for t in &texts {
                assert_eq!(detect(t), detect_uncached(t), "{t}");
            }
        }
        assert_eq!(detect(PHRASES[0].1), Some(Tcvn3));
        assert_eq!(detect(PHRASES[0].2), Some(Vni));
    }

    #[test]
    fn a_tcvn3_sheet_reads_abbreviations_with_a_letter_only_tcvn3_writes() {
        for (text, unicode) in [
            ("®vt", "đvt"),
            ("§VT", "ĐVT"),
            ("§vt", "Đvt"),
            ("hé", "hộ"),
            ("Tr\u{ad}ëng ®oµn", "Trưởng đoàn"),
        ] {
            assert_eq!(
                read_in_tcvn3_sheet(text).as_deref(),
                Some(unicode),
                "{text}"
            );
        }
        // Symbols, a tone mark on a consonant, one letter alone, Latin-1
        // words, ASCII and Unicode stay.
        for text in [
            "m²",
            "25 °C",
            "±5",
            "2×3",
            "© 2020",
            "«ABC»",
            "café",
            "®",
            "Công ty ABC®",
            "DVT",
            "ĐVT",
            "",
        ] {
            assert_eq!(read_in_tcvn3_sheet(text), None, "{text}");
        }
    }

    #[test]
    fn tcvn3_phrases_convert() {
        for (unicode, tcvn3, _) in PHRASES {
            assert_eq!(to_unicode(tcvn3, Tcvn3, false), unicode, "{tcvn3}");
        }
    }

    #[test]
    fn vni_phrases_convert() {
        for (unicode, _, vni) in PHRASES {
            assert_eq!(to_unicode(vni, Vni, false), unicode, "{vni}");
        }
    }

    #[test]
    fn examples_from_public_converters() {
        assert_eq!(to_unicode("B¶o Th¾ng", Tcvn3, false), "Bảo Thắng");
        assert_eq!(
            to_unicode("M\u{ad}êng Kh\u{ad}¬ng", Tcvn3, false),
            "Mường Khương"
        );
        assert_eq!(to_unicode("B¸t X¸t", Tcvn3, false), "Bát Xát");
        assert_eq!(
            to_unicode("Xin chaøo caùc baïn", Vni, false),
            "Xin chào các bạn"
        );
    }

    #[test]
    fn soft_hyphen_is_the_tcvn3_u_horn() {
        // A tool that strips U+00AD would turn "Phường" into "Phờng".
        assert_eq!(to_unicode("\u{ad}", Tcvn3, false), "ư");
        assert_eq!(
            decode_cell("Ph\u{ad}êng", None),
            ("Phường".to_string(), Some(Tcvn3))
        );
    }

    #[test]
    fn capitals_fonts_give_capitals() {
        assert_eq!(to_unicode("Ph\u{ad}êng 5", Tcvn3, true), "PHƯỜNG 5");
        assert_eq!(
            decode_cell("quËn b×nh th¹nh", Some(".VnTimeH")),
            ("QUẬN BÌNH THẠNH".to_string(), Some(Tcvn3))
        );
        // The few capitals of the lowercase fonts.
        assert_eq!(to_unicode("§µ N½ng", Tcvn3, false), "Đà Nẵng");
        // VNI writes capitals itself.
        assert_eq!(to_unicode("PHÖÔØNG 5", Vni, false), "PHƯỜNG 5");
        assert_eq!(
            to_unicode("QUAÄN BÌNH THAÏNH", Vni, false),
            "QUẬN BÌNH THẠNH"
        );
        assert_eq!(to_unicode("ÑOÀNG", Vni, false), "ĐỒNG");
    }

    #[test]
    fn every_vni_vowel_form_converts() {
        // Each base with every accent byte, against the NFC of the letter.
        let tones = [
            ("ù", ACUTE),
            ("ø", GRAVE),
            ("û", HOOK),
            ("õ", TILDE),
            ("ï", DOT_BELOW),
        ];
        for base in ["a", "e", "o", "u", "y", "A", "E", "O", "U", "Y"] {
            for (byte, mark) in tones {
                let want: String = format!("{base}{mark}").nfc().collect();
                let byte = if base.chars().all(|c| c.is_uppercase()) {
                    byte.to_uppercase()
                } else {
                    byte.to_string()
                };
                assert_eq!(to_unicode(&format!("{base}{byte}"), Vni, false), want);
            }
        }
        assert_eq!(to_unicode("aâ aá aà aå aã aä", Vni, false), "â ấ ầ ẩ ẫ ậ");
        assert_eq!(to_unicode("aê aé aè aú aü aë", Vni, false), "ă ắ ằ ẳ ẵ ặ");
        assert_eq!(to_unicode("eâ eá eà eå eã eä", Vni, false), "ê ế ề ể ễ ệ");
        assert_eq!(to_unicode("oâ oá oà oå oã oä", Vni, false), "ô ố ồ ổ ỗ ộ");
        assert_eq!(to_unicode("ô ôù ôø ôû ôõ ôï", Vni, false), "ơ ớ ờ ở ỡ ợ");
        assert_eq!(to_unicode("ö öù öø öû öõ öï", Vni, false), "ư ứ ừ ử ữ ự");
        assert_eq!(to_unicode("i í ì æ ó ò", Vni, false), "i í ì ỉ ĩ ị");
        assert_eq!(to_unicode("I Í Ì Æ Ó Ò", Vni, false), "I Í Ì Ỉ Ĩ Ị");
        assert_eq!(
            to_unicode("yù yø yû yõ î Î ñ Ñ", Vni, false),
            "ý ỳ ỷ ỹ ỵ Ỵ đ Đ"
        );
    }

    #[test]
    fn every_tcvn3_letter_converts() {
        let lower =
            "¸µ¶·¹ ¨¾»¼½Æ ©ÊÇÈÉË ÐÌÎÏÑ ªÕÒÓÔÖ Ý×ØÜÞ ãßáâä «èåæçé ¬íêëìî óïñòô \u{ad}øõö÷ù ýúûüþ ®";
        let want =
            "áàảãạ ăắằẳẵặ âấầẩẫậ éèẻẽẹ êếềểễệ íìỉĩị óòỏõọ ôốồổỗộ ơớờởỡợ úùủũụ ưứừửữự ýỳỷỹỵ đ";
        assert_eq!(to_unicode(lower, Tcvn3, false), want);
        assert_eq!(to_unicode(lower, Tcvn3, true), want.to_uppercase());
        assert_eq!(to_unicode("¡¢£¤¥¦§", Tcvn3, false), "ĂÂÊÔƠƯĐ");
        // Combining tone marks after a base compose.
        assert_eq!(to_unicode("a\u{b3}", Tcvn3, false), "á");
    }

    #[test]
    fn fonts_name_their_encoding() {
        assert_eq!(encoding_of_font(".VnTime"), Some((Tcvn3, false)));
        assert_eq!(encoding_of_font(".VnTimeH"), Some((Tcvn3, true)));
        assert_eq!(encoding_of_font(".VnArial NarrowH"), Some((Tcvn3, true)));
        assert_eq!(encoding_of_font(".VnArial"), Some((Tcvn3, false)));
        assert_eq!(encoding_of_font("VNI-Times"), Some((Vni, false)));
        assert_eq!(encoding_of_font("VNI-Helve-Condense"), Some((Vni, false)));
        assert_eq!(encoding_of_font("Times New Roman"), None);
        assert_eq!(encoding_of_font("Calibri"), None);
        assert_eq!(encoding_of_font("Vnitimes"), None);
    }

    #[test]
    fn detects_both_encodings_from_content() {
        for (unicode, tcvn3, vni) in PHRASES {
            assert_eq!(detect(tcvn3), Some(Tcvn3), "{tcvn3}");
            assert_eq!(detect(vni), Some(Vni), "{vni}");
            assert_eq!(decode_cell(tcvn3, None), (unicode.to_string(), Some(Tcvn3)));
            assert_eq!(decode_cell(vni, None), (unicode.to_string(), Some(Vni)));
        }
        assert_eq!(detect("Hµ Néi"), Some(Tcvn3));
        assert_eq!(detect("PHÖÔØNG 5"), Some(Vni));
    }

    #[test]
    fn unicode_english_numbers_and_latin1_words_are_not_legacy() {
        for text in [
            "Phường 5",
            "Quận Bình Thạnh",
            "Hồ sơ thủ tục hành chính đã giải quyết",
            "Hòa Bình",
            "Tân Phú",
            "Hà Giang",
            "Bình",
            "Number of cases",
            "1.345",
            "23,15%",
            "café",
            "Café de Paris",
            "naïve café résumé",
            "Müller",
            "España",
            "Noël",
            "Søren Kierkegaard",
            "25 m²",
            "± 5 °C",
            "© 2020",
            "",
            "“Hà Nội” – 2020",
        ] {
            assert_eq!(detect(text), None, "{text}");
            assert_eq!(decode_cell(text, None), (text.to_string(), None), "{text}");
        }
    }

    #[test]
    fn font_decides_when_known() {
        // "Sè" (Số) reads as a syllable as written too: only the font can
        // tell.
        assert_eq!(
            decode_cell("Sè", Some(".VnTime")),
            ("Số".to_string(), Some(Tcvn3))
        );
        assert_eq!(decode_cell("Sè", None), ("Sè".to_string(), None));
        // "Néi" is no syllable; its TCVN3 reading "Nội" is.
        assert_eq!(decode_cell("Néi", None), ("Nội".to_string(), Some(Tcvn3)));
        assert_eq!(
            decode_cell("Phöôøng 5", Some("VNI-Times")),
            ("Phường 5".to_string(), Some(Vni))
        );
        // Unicode typed into a legacy-font cell, and plain ASCII, stay.
        assert_eq!(
            decode_cell("Phường 5", Some(".VnTime")),
            ("Phường 5".to_string(), None)
        );
        assert_eq!(
            decode_cell("Tong so", Some(".VnTimeH")),
            ("Tong so".to_string(), None)
        );
        // An ordinary font leaves the decision to the content.
        assert_eq!(
            decode_cell("Ph\u{ad}êng 5", Some("Arial")),
            ("Phường 5".to_string(), Some(Tcvn3))
        );
    }

    #[test]
    fn syllables() {
        for w in [
            "phường",
            "nghiêng",
            "quyết",
            "giữa",
            "khuấy",
            "người",
            "hoà",
            "đã",
            "Ngoài",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in [
            "café",
            "müller",
            "néi",
            "quaọn",
            "hoain",
            "ph\u{ad}êng",
            "m\u{303}",
            "hàá",
            "xyz",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
    }
}
