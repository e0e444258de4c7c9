//! Text as it comes out of cells: Unicode NFC, odd spaces, and the folded
//! key that every name comparison uses (no accents, no case, no
//! punctuation), so that matching never depends on accents being right.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Spaces that are not U+0020 but mean one, and characters that mean
/// nothing at all (zero-width, byte-order mark).
fn space_class(c: char) -> Option<bool> {
    match c {
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => Some(false),
        c if c.is_whitespace() => Some(true),
        '\u{a0}' | '\u{202f}' | '\u{2007}' => Some(true),
        _ => None,
    }
}

/// NFC, every kind of space as one plain space, zero-width characters
/// removed, trimmed. Line breaks inside a cell become spaces.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfc() {
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
fn fold_char(c: char, out: &mut String) {
    match c {
        'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
        _ => {
            for d in c.to_lowercase().collect::<String>().nfd() {
                if !is_combining_mark(d) {
                    out.push(d);
                }
            }
        }
    }
}

/// The comparison key of a name: accents and case removed, punctuation as
/// spaces, spaces collapsed, and leading zeros of numbers dropped
/// (`Phường 05` and `phuong 5` give the same key).
pub fn fold(s: &str) -> String {
    let mut base = String::with_capacity(s.len());
    for c in s.nfc() {
        if space_class(c) == Some(false) {
            continue;
        }
        fold_char(c, &mut base);
    }
    let mut tokens: Vec<String> = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, tokens: &mut Vec<String>| {
        if !cur.is_empty() {
            tokens.push(std::mem::take(cur));
        }
    };
    for c in base.chars() {
        if c == '%' {
            // A percent sign is a word of its own: "%KH" and "% KH" agree.
            flush(&mut cur, &mut tokens);
            tokens.push("%".to_string());
        } else if c.is_alphanumeric() {
            cur.push(c);
        } else {
            flush(&mut cur, &mut tokens);
        }
    }
    flush(&mut cur, &mut tokens);
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

/// The folded key of an indicator name as a row writes it: leading bullets
/// and dashes, numbering ("1.", "a)", "1.2."), "Trong đó:" and "Tr.đó"
/// removed.
pub fn indicator_key(s: &str) -> String {
    let mut key = fold(s);
    loop {
        let before = key.len();
        for prefix in [
            "trong do ",
            "trong so ",
            "tr do ",
            "td ",
            "gom ",
            "bao gom ",
            "cu the ",
        ] {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
