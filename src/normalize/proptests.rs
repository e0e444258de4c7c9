//! Property tests of the number parser and the text normaliser: formatted
//! numbers read back to the same value and precision in both styles, the
//! parser survives any text, and `clean`/`fold` are stable (idempotent, NFC
//! out, no marks or capitals in keys).

use proptest::prelude::*;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::is_nfc;

use crate::number::{format_en, format_vi, parse_text, NumberLocale, NumberText};
use crate::text::{clean, fold};

/// Text that looks like what clerks type: Vietnamese letters in both cases,
/// decomposed marks, odd spaces, digits and punctuation.
const VIETNAMESE_ISH: &str = "[a-zA-ZàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĐƯƠÂĂÊÔ \
     \u{a0}\u{200b}\u{feff}\u{ad}\u{300}\u{301}\u{303}\u{309}\u{323}\u{302}\u{306}\u{31b}0-9.,;:()%/\n\t-]{0,40}";

/// Text that looks like a number, to reach the parser's inner branches.
const NUMBER_ISH: &str = "[0-9.,%()'+eE \u{a0}\u{2212}\u{2013}-]{0,24}";

/// The value a formatted number stands for: the decimal string Rust prints
/// at `d` decimals, read back.
fn rounded(value: f64, d: u8) -> f64 {
    format!("{:.*}", d as usize, value)
        .parse()
        .unwrap_or(f64::NAN)
}

fn read(text: &str, locale: NumberLocale) -> Option<(f64, u8, bool)> {
    match parse_text(text, locale) {
        NumberText::Number(p) => Some((p.value, p.decimals, p.percent)),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn vietnamese_numbers_round_trip(value in -1e12f64..1e12, d in 0u8..=6) {
        let text = format_vi(value, d);
        prop_assert_eq!(read(&text, NumberLocale::Vi), Some((rounded(value, d), d, false)), "{}", text);
        let percent = format!("{text}%");
        prop_assert_eq!(read(&percent, NumberLocale::Vi), Some((rounded(value, d), d, true)), "{}", percent);
    }

    #[test]
    fn english_numbers_round_trip(value in -1e12f64..1e12, d in 0u8..=6) {
        let text = format_en(value, d);
        // "1.500" is 1500 in both styles: a dot before exactly three digits
        // always groups thousands (see `a_dot_before_three_digits_groups_in_english_too`).
        let int_part = rounded(value, d).abs().trunc();
        prop_assume!(!(d == 3 && (1.0..1000.0).contains(&int_part)));
        prop_assert_eq!(read(&text, NumberLocale::En), Some((rounded(value, d), d, false)), "{}", text);
    }

    #[test]
    fn parsing_never_panics(text in "\\PC{0,40}", numberish in NUMBER_ISH) {
        for locale in [NumberLocale::Vi, NumberLocale::En] {
            let _ = parse_text(&text, locale);
            let _ = parse_text(&numberish, locale);
        }
    }

    #[test]
    fn clean_is_idempotent_and_nfc(text in prop_oneof!["\\PC{0,40}", VIETNAMESE_ISH, ".{0,40}"]) {
        let once = clean(&text);
        prop_assert!(is_nfc(&once), "{:?} → {:?}", text, once);
        prop_assert_eq!(clean(&once), once.clone());
        prop_assert_eq!(once.trim(), once.as_str());
    }

    #[test]
    fn fold_is_idempotent_without_marks_or_capitals(text in prop_oneof!["\\PC{0,40}", VIETNAMESE_ISH, ".{0,40}"]) {
        let key = fold(&text);
        prop_assert_eq!(fold(&key), key.clone(), "{:?}", text);
        prop_assert!(!key.chars().any(is_combining_mark), "{:?} → {:?}", text, key);
        prop_assert!(!key.chars().any(char::is_uppercase), "{:?} → {:?}", text, key);
    }

    #[test]
    fn fold_ignores_accents_and_case(text in VIETNAMESE_ISH) {
        let upper = text.to_uppercase();
        prop_assert_eq!(fold(&upper), fold(&text));
        let stripped: String = unicode_normalization::UnicodeNormalization::nfd(text.as_str())
            .filter(|c| !is_combining_mark(*c))
            .collect();
        prop_assert_eq!(fold(&stripped), fold(&text));
    }
}

#[test]
fn a_dot_before_three_digits_groups_in_english_too() {
    assert_eq!(format_en(1.5, 3), "1.500");
    assert_eq!(read("1.500", NumberLocale::En), Some((1500.0, 0, false)));
}
