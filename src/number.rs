//! Numbers as clerks write them: Vietnamese style (`1.345`, `187,4`,
//! `12.480.250.000`, `23,15%`) and English style (`6.35%`, `1,234`), with
//! signs, parentheses, stray spaces and a leading apostrophe.
//!
//! Every parsed number keeps its precision (decimals as written), which the
//! rounding rule of the checks needs. A dot followed by exactly three digits
//! is always a thousands separator; other forms that both styles could read
//! differently follow the declared locale and are marked ambiguous.

/// Which style decides the forms both styles could read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberLocale {
    #[default]
    Vi,
    En,
}

/// A number read from text or from a numeric cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Parsed {
    /// The value as written: `23,15%` is 23.15.
    pub value: f64,
    /// Digits after the decimal mark as written (for numeric cells, of the
    /// shortest representation of the stored value).
    pub decimals: u8,
    /// Written with a percent sign.
    pub percent: bool,
    /// Written with a per mille sign ("7,63‰", "7,63 %o").
    pub per_mille: bool,
    /// Both styles could read it differently; the locale decided.
    pub ambiguous: bool,
}

/// What a cell's text means as a number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumberText {
    /// Blank, or "x" (a cell not to be filled).
    Blank,
    /// A lone dash: "nothing to report".
    Dash,
    Number(Parsed),
    /// No change, said in words ("không đổi", "giữ nguyên", "±0"): a
    /// growth of 0, or a ratio of 100, as the column's convention reads.
    Unchanged,
    /// Text that is not a number ("khoảng 20", "không có").
    NotANumber,
}

/// Characters that are only ever spacing inside a number.
fn is_space_like(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00a0}'
                | '\u{202f}'
                | '\u{2007}'
                | '\u{200b}'
                | '\u{200c}'
                | '\u{200d}'
                | '\u{feff}'
                | '\u{2060}'
        )
}

fn is_minus(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2212}'
            | '\u{2013}'
            | '\u{2012}'
            | '\u{2014}'
            | '\u{2010}'
            | '\u{2011}'
            | '\u{fe63}'
            | '\u{ff0d}'
    )
}

/// Reads the text of a cell as a number.
///
/// ```
/// use tonghop::number::{parse_text, NumberLocale, NumberText};
/// let NumberText::Number(p) = parse_text("12.480.250.000", NumberLocale::Vi) else { panic!() };
/// assert_eq!(p.value, 12_480_250_000.0);
/// let NumberText::Number(p) = parse_text("23,15%", NumberLocale::Vi) else { panic!() };
/// assert_eq!((p.value, p.decimals, p.percent), (23.15, 2, true));
/// ```
pub fn parse_text(text: &str, locale: NumberLocale) -> NumberText {
    let cleaned: String = text.chars().filter(|&c| !is_space_like(c)).collect();
    let mut s = cleaned.as_str();
    if let Some(rest) = s.strip_prefix('\'') {
        s = rest;
    }
    if s.is_empty() {
        return NumberText::Blank;
    }
    if s.chars().all(is_minus) && s.chars().count() <= 3 {
        return NumberText::Dash;
    }
    // "x" marks a cell of a form that is not to be filled (the KH of a
    // "trong đó" row, the %KH of an indicator without a plan): nothing is
    // stated there, as in a blank cell.
    if matches!(s, "x" | "X" | "×" | "xx" | "XX") {
        return NumberText::Blank;
    }
    // "…" or "...": the statistics office's mark for a figure not known.
    if s.chars().all(|c| c == '…' || c == '.') {
        return NumberText::Blank;
    }
    // Words (with their marks or without: "Ko", "KPS", "khong"); a plain
    // number never goes through them.
    if !s.is_ascii() || s.bytes().any(|b| b.is_ascii_alphabetic()) {
        if let Some(said) = said_in_words(s, locale) {
            return said;
        }
    }
    match parse_core(s, locale).or_else(|| parse_core(without_footnote_mark(s)?, locale)) {
        Some(p) => NumberText::Number(p),
        None => NumberText::NotANumber,
    }
}

/// The style a number text can only be written in: English for "5,857.0",
/// "1,234,567" or "0.75" after a group ("12,345.6"), Vietnamese for
/// "1.234,5", "12.480.250" or "187,4"; `None` for a text either style
/// writes alike ("1,345", "6.35", "120") or no number.
pub fn decisive_style(text: &str) -> Option<NumberLocale> {
    let plain = text
        .trim()
        .trim_start_matches(['-', '(', '+'])
        .trim_end_matches([')', '%']);
    // Words or other signs around the digits: not a plain number.
    if plain.is_empty()
        || !plain
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    let body = plain;
    let (dots, commas) = (body.matches('.').count(), body.matches(',').count());
    match (dots, commas) {
        (0, 0) => None,
        (d, c) if d > 0 && c > 0 => {
            let (last_dot, last_comma) = (body.rfind('.')?, body.rfind(',')?);
            Some(if last_dot > last_comma {
                NumberLocale::En
            } else {
                NumberLocale::Vi
            })
        }
        (d, 0) if d > 1 => Some(NumberLocale::Vi),
        (0, c) if c > 1 => Some(NumberLocale::En),
        (0, 1) => {
            let frac = body.split(',').nth(1)?;
            (frac.len() != 3 && !frac.is_empty()).then_some(NumberLocale::Vi)
        }
        _ => None,
    }
}

/// A figure said in words: "không", "không có", "không phát sinh", "chưa
/// phát sinh", "không xảy ra", "không có vụ nào", and their short forms "Ko", "KPS" (nothing
/// happened: read as a lone dash is, as the template's `dash` says), and
/// a change written "tăng 5,11" or "giảm 6,25" (+5,11 and −6,25).
/// A note saying nothing happened («Không phát sinh», «Không có», «Chưa
/// phát sinh»): the words a figure cell may hold for none
/// ([`said_in_words`]), the note trimmed of a final full stop.
pub fn says_none(note: &str) -> bool {
    let note = note.trim().trim_end_matches('.').trim();
    note.chars().any(char::is_alphabetic) && parse_text(note, NumberLocale::Vi) == NumberText::Dash
}

fn said_in_words(s: &str, locale: NumberLocale) -> Option<NumberText> {
    let folded = crate::text::fold(s);
    // "Không có vụ nào", "không có trường hợp nào": none of a count word.
    let none_of = folded.len() <= 24
        && folded.starts_with("khongco")
        && folded.ends_with("nao")
        && folded.chars().all(|c| c.is_ascii_alphabetic());
    if none_of
        || matches!(
            folded.as_str(),
            "khong" | "khongco" | "khongphatsinh" | "chuaphatsinh" | "khongxayra" | "ko" | "kps"
        )
    {
        return Some(NumberText::Dash);
    }
    if matches!(
        folded.as_str(),
        "khongdoi" | "khongthaydoi" | "giunguyen" | "bangcungky" | "ngangcungky"
    ) {
        return Some(NumberText::Unchanged);
    }
    if let Some(rest) = s.strip_prefix('±') {
        return match parse_core(rest, locale) {
            Some(p) if p.value == 0.0 => Some(NumberText::Unchanged),
            _ => Some(NumberText::NotANumber),
        };
    }
    let at = s.find(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '(' | ','))?;
    let negative = match crate::text::fold(&s[..at]).as_str() {
        "tang" => false,
        "giam" => true,
        _ => return None,
    };
    let mut p = parse_core(&s[at..], locale)?;
    if negative {
        p.value = -p.value.abs();
    }
    Some(NumberText::Number(p))
}

/// Whether a cell's text is a change said in words, "Giảm 0,2‰" or
/// "Tăng 5%", which [`parse_text`] reads as a signed figure (−0,2; +5):
/// in a %CK column that is the growth, in a KH column a target set as a
/// change rather than a level.
pub fn is_change_in_words(text: &str) -> bool {
    let cleaned: String = text.chars().filter(|&c| !is_space_like(c)).collect();
    let s = cleaned.strip_prefix('\'').unwrap_or(&cleaned);
    let Some(at) = s.find(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '(' | ','))
    else {
        return false;
    };
    matches!(crate::text::fold(&s[..at]).as_str(), "tang" | "giam")
}

/// Words of assessment clerks write where a percent or a target belongs,
/// without accents and in lower case: "Đạt", "Không đạt", "Vượt".
const ASSESSMENTS: &[&str] = &[
    "dat",
    "khong dat",
    "chua dat",
    "vuot",
    "hoan thanh",
    "chua hoan thanh",
    "khong hoan thanh",
    "hoan thanh vuot muc",
    "dat ke hoach",
    "dat kh",
    "khong dat ke hoach",
    "khong dat kh",
    "chua dat ke hoach",
    "chua dat kh",
    "vuot ke hoach",
    "vuot kh",
    "dat chi tieu",
    "khong dat chi tieu",
    "chua dat chi tieu",
    "vuot chi tieu",
    "dat chuan",
    "khong dat chuan",
    "chua dat chuan",
    "dat yeu cau",
    "khong dat yeu cau",
    "chua dat yeu cau",
];

/// Whether a cell's text is a word of assessment ("Đạt", "Không đạt",
/// "Vượt", "Hoàn thành", "Chưa đạt"…) and nothing else: no figure.
pub fn is_assessment(text: &str) -> bool {
    ASSESSMENTS.contains(&crate::text::fold(text).as_str())
}

/// A figure with a footnote mark after it ("12(*)", "142*", "3.450(**)"),
/// as clerks mark estimates explained under the table: the figure without
/// the mark, or `None` when there is no such mark or nothing before it.
fn without_footnote_mark(s: &str) -> Option<&str> {
    let bare = s.trim_end_matches(')');
    let opened = bare.len() < s.len();
    if s.len() - bare.len() > 1 {
        return None;
    }
    let bare = bare.trim_end_matches('*');
    if bare.len() == s.len() - usize::from(opened) {
        return None;
    }
    let bare = if opened {
        bare.strip_suffix('(')?
    } else {
        bare
    };
    (!bare.is_empty()).then_some(bare)
}

/// Whether a text is a figure with a footnote mark after it ("509
/// (*)", "12(*)", "142*"): read as the figure, the mark pointing to a
/// note under the table.
pub fn footnote_marked(text: &str) -> bool {
    without_footnote_mark(text.trim())
        .is_some_and(|bare| parse_number(bare.trim_end(), NumberLocale::Vi).is_some())
}

/// The figure after the word «âm» (minus) opening a text, any case, its
/// tone composed or not: "âm1.234.000" once spaces are gone.
fn strip_am(body: &str) -> Option<&str> {
    ["âm", "Âm", "ÂM", "a\u{302}m", "A\u{302}m", "A\u{302}M"]
        .iter()
        .find_map(|w| body.strip_prefix(w))
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// Convenience: the number in a text, or `None`.
pub fn parse_number(text: &str, locale: NumberLocale) -> Option<Parsed> {
    match parse_text(text, locale) {
        NumberText::Number(p) => Some(p),
        _ => None,
    }
}

fn parse_core(s: &str, locale: NumberLocale) -> Option<Parsed> {
    let mut negative = false;
    let mut percent = false;
    let mut body = s;
    // Parentheses for negatives: (1.234)
    if let Some(inner) = body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        negative = true;
        body = inner;
    }
    // A per mille sign after the figure, or "%o" as keyboards without
    // one type it.
    let per_mille = match ["‰", "%o", "%O"].iter().find_map(|m| body.strip_suffix(m)) {
        Some(rest) => {
            body = rest;
            true
        }
        None => false,
    };
    if let Some(rest) = body.strip_suffix('%').filter(|_| !per_mille) {
        percent = true;
        body = rest;
    } else if let Some(rest) = body.strip_prefix('%').filter(|_| !per_mille) {
        percent = true;
        body = rest;
    }
    // «âm 1.234.000»: the word for minus, as clerks write a deficit.
    if let Some(rest) = strip_am(body) {
        if negative {
            return None;
        }
        negative = true;
        body = rest;
    }
    let mut chars = body.chars();
    match chars.next() {
        Some(c) if is_minus(c) => {
            if negative {
                return None;
            }
            negative = true;
            body = chars.as_str();
        }
        Some('+') => body = chars.as_str(),
        _ => {}
    }
    if !percent && !per_mille {
        if let Some(rest) = body.strip_suffix('%') {
            percent = true;
            body = rest;
        }
    }
    if body.is_empty() {
        return None;
    }
    // Only digits and separators from here on (or a scientific form).
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return parse_scientific(body).map(|v| Parsed {
            value: if negative { -v } else { v },
            decimals: 0,
            percent,
            per_mille,
            ambiguous: false,
        });
    }
    if !body
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let (int_digits, frac_digits, ambiguous) = split_separators(body, locale)?;
    if int_digits.is_empty() && frac_digits.is_empty() {
        return None;
    }
    let literal = if frac_digits.is_empty() {
        int_digits.clone()
    } else {
        format!(
            "{}.{}",
            if int_digits.is_empty() {
                "0"
            } else {
                &int_digits
            },
            frac_digits
        )
    };
    let value: f64 = literal.parse().ok()?;
    Some(Parsed {
        value: if negative { -value } else { value },
        decimals: frac_digits.len().min(u8::MAX as usize) as u8,
        percent,
        per_mille,
        ambiguous,
    })
}

fn parse_scientific(body: &str) -> Option<f64> {
    let lower = body.to_ascii_lowercase();
    if !lower.contains('e') || !lower.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    lower
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// True when the groups after the first are all exactly three digits and the
/// first has one to three digits.
fn valid_groups(groups: &[&str]) -> bool {
    let Some((first, rest)) = groups.split_first() else {
        return false;
    };
    !first.is_empty() && first.len() <= 3 && rest.iter().all(|g| g.len() == 3)
}

/// Splits digits and separators into integer digits and fraction digits.
/// Returns `None` when the separators make no sense in either style.
fn split_separators(body: &str, locale: NumberLocale) -> Option<(String, String, bool)> {
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let digits_only = |s: &str| s.chars().filter(|c| c.is_ascii_digit()).collect::<String>();
    match (dots, commas) {
        (0, 0) => Some((body.to_string(), String::new(), false)),
        (_, 0) => {
            let groups: Vec<&str> = body.split('.').collect();
            if dots > 1 {
                // 12.480.250.000: only grouping can have several dots.
                if valid_groups(&groups) {
                    return Some((digits_only(body), String::new(), false));
                }
                return None;
            }
            let (int, frac) = (groups[0], groups[1]);
            if frac.len() == 3 && !int.is_empty() && valid_groups(&groups) && int != "0" {
                // A dot followed by exactly three digits groups thousands.
                return Some((format!("{int}{frac}"), String::new(), false));
            }
            // 6.35 can only be an English decimal point; a Vietnamese reader
            // would not write it, so it is noted under the vi locale.
            Some((
                int.to_string(),
                frac.to_string(),
                locale == NumberLocale::Vi,
            ))
        }
        (0, _) => {
            let groups: Vec<&str> = body.split(',').collect();
            if commas > 1 {
                // 4,500,000: two commas can only group thousands (English
                // style), a single reading in either locale: not ambiguous.
                if valid_groups(&groups) {
                    return Some((digits_only(body), String::new(), false));
                }
                return None;
            }
            let (int, frac) = (groups[0], groups[1]);
            if frac.len() == 3 && valid_groups(&groups) && int != "0" {
                // 1,345: Vietnamese 1.345 or English 1345. The locale decides.
                return Some(match locale {
                    NumberLocale::Vi => (int.to_string(), frac.to_string(), true),
                    NumberLocale::En => (format!("{int}{frac}"), String::new(), true),
                });
            }
            // 187,4: a decimal comma.
            Some((
                int.to_string(),
                frac.to_string(),
                locale == NumberLocale::En,
            ))
        }
        _ => {
            // Both: the last one is the decimal mark, the other groups.
            let last_dot = body.rfind('.')?;
            let last_comma = body.rfind(',')?;
            let (group_sep, dec_sep, english) = if last_comma > last_dot {
                ('.', ',', false)
            } else {
                (',', '.', true)
            };
            if body.matches(dec_sep).count() != 1 {
                return None;
            }
            let (int_part, frac) = body.split_once(dec_sep)?;
            let groups: Vec<&str> = int_part.split(group_sep).collect();
            if !valid_groups(&groups) {
                return None;
            }
            let ambiguous = english == (locale == NumberLocale::Vi);
            Some((digits_only(int_part), frac.to_string(), ambiguous))
        }
    }
}

/// `value` times a unit's `factor` (tỷ to triệu đồng: ×1.000), without
/// the binary fraction's tail: 4,06 tỷ is 4.060 triệu, not
/// 4.059,9999999999995, as a reader copying the cell would see it. Kept
/// to 12 significant digits, more than any typed figure has, so no
/// typed digit is lost (2.537.499.999 đồng is 2.537,499999 triệu).
pub fn scaled(value: f64, factor: f64) -> f64 {
    let v = value * factor;
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let digits = 12 - (v.abs().log10().floor() as i32 + 1);
    if !(-300..=300).contains(&digits) {
        return v;
    }
    let unit = 10f64.powi(digits.abs());
    let r = if digits >= 0 {
        (v * unit).round() / unit
    } else {
        (v / unit).round() * unit
    };
    if r.is_finite() {
        r
    } else {
        v
    }
}

/// Money units and their factor in đồng, however the unit is spelt:
/// "triệu đồng", "Tr.đ", "trđ", "Tr.đồng", "triệu VNĐ", "Tỷ đ", "tỷ",
/// "nghìn đồng", "ngàn đ", "1.000 đồng", "đồng", "VNĐ", "đ". Compared
/// with accents, case, spaces and punctuation left out.
pub fn money_factor(unit: &str) -> Option<f64> {
    thread_local! {
        // The same few units in every workbook of a batch.
        static MONEY: std::cell::RefCell<crate::memo::TextMemo<Option<f64>>> =
            std::cell::RefCell::default();
    }
    crate::memo::remembered(&MONEY, unit, || money_factor_uncached(unit))
}

fn money_factor_uncached(unit: &str) -> Option<f64> {
    // Joined before folding: "1.000 đồng" is "1000dong", not the words
    // "1" and "000".
    let joined: String = unit.chars().filter(|c| c.is_alphanumeric()).collect();
    let compact = crate::text::fold(&joined);
    // The scale word, and whether the currency may be left unsaid after
    // it ("triệu", "tỷ", "nghìn" alone are money; "tr" or "1000" alone
    // are not).
    const SCALES: [(&str, f64, bool); 9] = [
        ("trieu", 1e6, true),
        ("tr", 1e6, false),
        ("ty", 1e9, true),
        ("ti", 1e9, false),
        ("nghin", 1e3, true),
        ("ngan", 1e3, true),
        ("1000000000", 1e9, false),
        ("1000000", 1e6, false),
        ("1000", 1e3, false),
    ];
    let (factor, currency, bare) = SCALES
        .iter()
        .find_map(|&(w, f, bare)| compact.strip_prefix(w).map(|rest| (f, rest, bare)))
        .unwrap_or((1.0, compact.as_str(), false));
    match currency {
        "dong" | "d" | "vnd" | "vnđ" => Some(factor),
        "" if bare => Some(factor),
        _ => None,
    }
}

/// What a rate unit is per, however it is spelt: 100 for a percent
/// ("%", "tỷ lệ %", "phần trăm"), 1.000 for per mille ("‰", and as
/// keyboards without ‰ type it: "%o", "%0", "o/oo", "0/00", "‰o",
/// "phần nghìn"), 10.000 for per ten thousand ("‱", "%oo", "phần vạn");
/// `None` for any other unit ("bác sĩ/vạn dân"
/// states its base in words, and is compared as words are).
///
/// ```
/// use tonghop::number::rate_base;
/// assert_eq!(rate_base("%o"), rate_base("‰"));
/// assert_eq!(rate_base("Phần trăm"), Some(100.0));
/// assert_eq!(rate_base("người"), None);
/// ```
pub fn rate_base(unit: &str) -> Option<f64> {
    // Most units name no rate: told without folding them (this runs for
    // every row read).
    if !may_name_a_rate(unit) {
        return None;
    }
    thread_local! {
        // The same few rate units in every workbook of a batch, met on
        // every row of theirs.
        static RATES: std::cell::RefCell<crate::memo::TextMemo<Option<f64>>> =
            std::cell::RefCell::default();
    }
    crate::memo::remembered(&RATES, unit, || rate_base_uncached(unit))
}

/// Whether a unit may name a rate: it holds `%`, `‰`, `‱`, `/oo`, `/00`
/// or "ph" in any case ("phần trăm"). One pass over the bytes: the unit of
/// every row read is asked.
fn may_name_a_rate(unit: &str) -> bool {
    let b = unit.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        let next = |k: usize| b.get(i + k).copied();
        match c {
            b'%' => true,
            // ‰ and ‱ are E2 80 B0 and E2 80 B1 in UTF-8.
            0xE2 => next(1) == Some(0x80) && matches!(next(2), Some(0xB0 | 0xB1)),
            b'/' => matches!(
                (next(1), next(2)),
                (Some(b'o'), Some(b'o')) | (Some(b'0'), Some(b'0'))
            ),
            b'p' | b'P' => matches!(next(1), Some(b'h' | b'H')),
            _ => false,
        }
    })
}

fn rate_base_uncached(unit: &str) -> Option<f64> {
    let lower = crate::text::strip_accents(unit).to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || "()[]{}:;,".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    let said = |pair: [&str; 2]| words.windows(2).any(|w| w == pair);
    if said(["phan", "van"]) {
        return Some(1e4);
    }
    if said(["phan", "nghin"]) || said(["phan", "ngan"]) {
        return Some(1e3);
    }
    if said(["phan", "tram"]) {
        return Some(1e2);
    }
    words.iter().find_map(|w| match *w {
        "‱" | "%oo" | "%00" | "o/ooo" | "0/000" => Some(1e4),
        // "‰o": a per mille typed "%o" out of habit after the sign.
        "‰" | "‰o" | "‰0" | "%o" | "%0" | "o/oo" | "0/00" => Some(1e3),
        // A rate with its base after it ("‰/năm", "%/năm"), or glued to
        // a word ("tỷ lệ%").
        _ if w.starts_with('‰') => Some(1e3),
        _ if w.contains('%') => Some(1e2),
        _ => None,
    })
}

/// Decimals of the shortest representation of a stored number, for numeric
/// cells: 187.4 → 1, 1345 → 0. Float noise (0.1 + 0.2) is rounded away.
pub fn decimals_of(value: f64) -> u8 {
    if !value.is_finite() {
        return 0;
    }
    let rounded = (value * 1e9).round() / 1e9;
    if rounded.fract() == 0.0 {
        // A whole number is written without a point: most figures are.
        return 0;
    }
    let s = format!("{rounded}");
    match s.split_once('.') {
        Some((_, frac)) => frac.trim_end_matches('0').len().min(9) as u8,
        None => 0,
    }
}

/// Formats a number Vietnamese style with a fixed number of decimals:
/// `format_vi(1290.0, 0)` → `1.290`, `format_vi(-0.734, 2)` → `-0,73`.
pub fn format_vi(value: f64, decimals: u8) -> String {
    format_grouped(value, decimals, '.', ',')
}

/// Formats a number English style: `1,290.5`.
pub fn format_en(value: f64, decimals: u8) -> String {
    format_grouped(value, decimals, ',', '.')
}

/// Formats for the language of the messages.
pub fn format_num(value: f64, decimals: u8, lang: crate::diagnostic::Lang) -> String {
    match lang {
        crate::diagnostic::Lang::Vi => format_vi(value, decimals),
        crate::diagnostic::Lang::En => format_en(value, decimals),
    }
}

/// Formats with as many decimals as the value needs (at most `max`).
pub fn format_auto(value: f64, max: u8, lang: crate::diagnostic::Lang) -> String {
    let d = decimals_of(value).min(max);
    format_num(value, d, lang)
}

fn format_grouped(value: f64, decimals: u8, group: char, mark: char) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let s = format!("{:.*}", decimals as usize, value.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let is_zero = s.chars().all(|c| c == '0' || c == '.');
    let mut out = String::new();
    if value < 0.0 && !is_zero {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push(mark);
        out.push_str(&f);
    }
    out
}

/// The words of a target written as a bound, longest first, without
/// accents and in lower case: "≥ 95%", "Dưới 1,5%", "Tối thiểu 95%".
const BOUNDS: &[&str] = &[
    "giam xuong duoi",
    "giam con duoi",
    "khong vuot qua",
    "khong thap hon",
    "khong cao hon",
    "dat toi thieu",
    "phan dau dat",
    "duy tri tren",
    "duy tri duoi",
    "khong duoi",
    "dat it nhat",
    "toi thieu",
    "khong qua",
    "dat tren",
    "phan dau",
    "it nhat",
    "dat tu",
    "toi da",
    "tren",
    "duoi",
    "dat",
    "tu",
    ">=",
    "=>",
    "<=",
    "=<",
    "≥",
    "≤",
    ">",
    "<",
];

/// A target written as a bound ("≥ 95%", "Dưới 1,5%", "Trên 90%",
/// "Tối thiểu 95%"): the number it bounds, or `None` when the text is no
/// bound of one number.
pub fn target_bound(text: &str, locale: NumberLocale) -> Option<Parsed> {
    let plain = crate::text::strip_accents(&crate::text::clean(text)).to_lowercase();
    let rest = BOUNDS.iter().find_map(|b| {
        let rest = plain.strip_prefix(b)?;
        // A word is a whole word: "tu" is no prefix of "tuan".
        let whole = !b.chars().all(char::is_alphabetic)
            || rest.starts_with(|c: char| c == ' ' || c.is_ascii_digit());
        whole.then_some(rest)
    })?;
    match parse_text(rest.trim(), locale) {
        NumberText::Number(p) if p.value >= 0.0 => Some(p),
        _ => None,
    }
}

/// A number followed by words, as a clerk types a figure with its unit
/// ("75,9 ha", "575 con", "24,77 triệu đồng"): the number and the words
/// after it, for the caller to compare with the row's unit. `None` when
/// the text does not start with a number, the number has a % or ‰ sign
/// (a rate's sign is read by [`parse_text`]), or the words hold a digit
/// ("10 (ước 12)").
///
/// ```
/// use tonghop::number::{number_with_unit, NumberLocale};
/// let (p, unit) = number_with_unit("24,77 triệu đồng", NumberLocale::Vi).unwrap();
/// assert_eq!((p.value, p.decimals, unit), (24.77, 2, "triệu đồng"));
/// assert!(number_with_unit("khoảng 10", NumberLocale::Vi).is_none());
/// ```
pub fn number_with_unit(text: &str, locale: NumberLocale) -> Option<(Parsed, &str)> {
    let text = text.trim();
    let at = text.find(char::is_alphabetic)?;
    let (number, words) = text.split_at(at);
    let words = words.trim();
    if !number.chars().any(|c| c.is_ascii_digit())
        || words.is_empty()
        || words.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    match parse_text(number, locale) {
        NumberText::Number(p) if !p.percent && !p.per_mille => Some((p, words)),
        _ => None,
    }
}

/// A change said as a count, not a percent ("tăng 2 vụ", "giảm 1
/// người"), as clerks write in a %CK cell when last year's figure is 0
/// and no percent exists: the number and the words after it. `None` for
/// a percent ("tăng 5%"), a bare number or any other text.
///
/// ```
/// use tonghop::number::{change_in_count, NumberLocale};
/// let (p, words) = change_in_count("tăng 2 vụ", NumberLocale::Vi).unwrap();
/// assert_eq!((p.value, words), (2.0, "vụ"));
/// assert!(change_in_count("tăng 25%", NumberLocale::Vi).is_none());
/// assert!(change_in_count("khoảng 2 vụ", NumberLocale::Vi).is_none());
/// ```
pub fn change_in_count(text: &str, locale: NumberLocale) -> Option<(Parsed, &str)> {
    let text = text.trim();
    let at = text.find(|c: char| c.is_ascii_digit())?;
    if !matches!(
        crate::text::fold(text[..at].trim()).as_str(),
        "tang" | "giam"
    ) {
        return None;
    }
    number_with_unit(&text[at..], locale)
}

/// A figure followed by a note in brackets ("3 (tăng 1 vụ)", "12 (ước
/// tính)"): the figure and the note. `None` for any other text, for a
/// footnote mark ("12(*)", which [`parse_text`] reads) and for a note
/// without a word.
///
/// ```
/// use tonghop::number::{number_with_note, NumberLocale};
/// let (p, note) = number_with_note("3 (tăng 1 vụ)", NumberLocale::Vi).unwrap();
/// assert_eq!((p.value, note), (3.0, "tăng 1 vụ"));
/// assert!(number_with_note("khoảng 20", NumberLocale::Vi).is_none());
/// assert!(number_with_note("khoảng 20 (ước)", NumberLocale::Vi).is_none());
/// ```
pub fn number_with_note(text: &str, locale: NumberLocale) -> Option<(Parsed, &str)> {
    let inner = text.trim().strip_suffix(')')?;
    let open = inner.find('(')?;
    let (number, note) = (inner[..open].trim(), inner[open + 1..].trim());
    if number.is_empty() || note.contains(['(', ')']) || !note.chars().any(char::is_alphabetic) {
        return None;
    }
    match parse_text(number, locale) {
        NumberText::Number(p) if !p.percent && !p.per_mille => Some((p, note)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    /// A converted figure has no binary tail (tester DR: 4,06 tỷ stored as
    /// 4.059,9999999999995 triệu); near miss: every typed digit kept.
    #[test]
    fn a_converted_figure_keeps_its_digits_and_no_tail() {
        assert_eq!(scaled(4.06, 1000.0), 4060.0);
        assert_eq!(scaled(2_537_499_999.0, 1e-6), 2537.499999);
        assert_eq!(scaled(12_480_250_000.0, 1e-6), 12480.25);
        assert_eq!(scaled(0.1, 3.0), 0.3);
        assert_eq!(scaled(-125.0, 1e-3), -0.125);
        assert_eq!(scaled(0.0, 1000.0), 0.0);
        assert_eq!(scaled(123_456.789_012, 1.0), 123_456.789_012);
    }

    use super::*;

    /// «âm 1.234.000» (a commune's deficit) is −1.234.000; «âm» alone,
    /// «âm khoảng 5» or «âm -5» are not numbers.
    #[test]
    fn am_before_a_figure_is_a_minus() {
        let read = |t: &str| parse_number(t, NumberLocale::Vi).map(|p| (p.value, p.decimals));
        assert_eq!(read("âm 1.234.000"), Some((-1_234_000.0, 0)));
        assert_eq!(read("Âm 12,5"), Some((-12.5, 1)));
        assert_eq!(read("a\u{302}m 7"), Some((-7.0, 0)));
        assert_eq!(read("âm"), None);
        assert_eq!(read("âm khoảng 5"), None);
        assert_eq!(read("âm -5"), None);
        assert_eq!(read("(âm 5)"), None);
        assert_eq!(read("1.234.000"), Some((1_234_000.0, 0)));
    }

    /// The one pass that tells a unit may name a rate says what the four
    /// searches it replaced said, for units that do and units that do not.
    #[test]
    fn a_unit_that_may_name_a_rate_is_told_in_one_pass() {
        let searched = |unit: &str| {
            unit.contains(['%', '‰', '‱'])
                || unit.contains("/oo")
                || unit.contains("/00")
                || unit
                    .as_bytes()
                    .windows(2)
                    .any(|w| w.eq_ignore_ascii_case(b"ph"))
        };
        for unit in [
            "%",
            "‰",
            "‱",
            "%o",
            "o/oo",
            "0/00",
            "/o",
            "/0o",
            "Phần trăm",
            "pHan",
            "tỷ lệ ph",
            "người",
            "triệu đồng",
            "hộ",
            "p",
            "h",
            "",
            "€",
            "—",
            "‰o",
            "chỉ số /OO",
            "ĐVT: %",
            "tấn/ha",
            "lượt/100 dân",
        ] {
            assert_eq!(may_name_a_rate(unit), searched(unit), "{unit:?}");
        }
    }

    #[test]
    fn money_units_however_spelt() {
        for (unit, factor) in [
            ("triệu đồng", 1e6),
            ("Tr.đ", 1e6),
            ("trđ", 1e6),
            ("Trđ", 1e6),
            ("Tr.đồng", 1e6),
            ("triệu VNĐ", 1e6),
            ("Triệu", 1e6),
            ("Tỷ đ", 1e9),
            ("tỷ đồng", 1e9),
            ("tỉ đồng", 1e9),
            ("nghìn đồng", 1e3),
            ("Ngàn đ", 1e3),
            ("1.000 đồng", 1e3),
            ("1000đ", 1e3),
            ("đồng", 1.0),
            ("VNĐ", 1.0),
            ("đ", 1.0),
        ] {
            assert_eq!(money_factor(unit), Some(factor), "{unit}");
        }
        for unit in [
            "người",
            "tr",
            "1000",
            "trường hợp",
            "tin",
            "đồng/người",
            "ha",
            "",
        ] {
            assert_eq!(money_factor(unit), None, "{unit}");
        }
    }
    #[test]
    fn rate_units_however_spelt() {
        for (unit, base) in [
            ("%", 1e2),
            ("Tỷ lệ %", 1e2),
            ("(%)", 1e2),
            ("phần trăm", 1e2),
            ("Phần Trăm", 1e2),
            ("%/năm", 1e2),
            ("tỷ lệ%", 1e2),
            ("‰", 1e3),
            ("%o", 1e3),
            ("%O", 1e3),
            ("%0", 1e3),
            ("o/oo", 1e3),
            ("0/00", 1e3),
            ("‰o", 1e3),
            ("phần nghìn", 1e3),
            ("phần ngàn", 1e3),
            ("‰ trẻ đẻ sống", 1e3),
            ("‱", 1e4),
            ("%oo", 1e4),
            ("phần vạn", 1e4),
        ] {
            assert_eq!(rate_base(unit), Some(base), "{unit}");
        }
        // Near misses: a base said in words, a count, a money unit.
        for unit in [
            "bác sĩ/vạn dân",
            "BS/10.000 dân",
            "người",
            "triệu đồng",
            "lần",
            "o",
            "",
        ] {
            assert_eq!(rate_base(unit), None, "{unit}");
        }
    }

    #[test]
    fn a_change_or_an_assessment_in_words() {
        for text in ["Giảm 0,2‰", "giảm 0,2 ‰", "Tăng 5%", "TĂNG 5,11", "tăng -3"] {
            assert!(is_change_in_words(text), "{text}");
        }
        // Near misses: a minus, brackets, a bound, a plain word.
        for text in ["-0,2", "(5)", "Giảm xuống dưới 5%", "Dưới 10%", "Đạt", "95"] {
            assert!(!is_change_in_words(text), "{text}");
        }
        for text in [
            "Đạt",
            "Không đạt",
            " không  ĐẠT. ",
            "Vượt",
            "Hoàn thành",
            "Chưa đạt",
        ] {
            assert!(is_assessment(text), "{text}");
        }
        for text in [
            "Đạt 95%",
            "đạt chuẩn 2 trạm",
            "khoảng 20",
            "95",
            "",
            "Tăng 5%",
        ] {
            assert!(!is_assessment(text), "{text}");
        }
    }

    #[test]
    fn a_rate_typed_with_its_per_mille_sign() {
        for text in ["7,63‰", "7,63 ‰", "7,63%o", "(7,63‰)"] {
            let p = num(text, Vi);
            assert_eq!(
                (p.value.abs(), p.decimals, p.per_mille, p.percent),
                (7.63, 2, true, false),
                "{text}"
            );
        }
        let p = num("91,67%", Vi);
        assert_eq!((p.value, p.per_mille, p.percent), (91.67, false, true));
        assert_eq!(parse_text("‰", Vi), NumberText::NotANumber);
        assert_eq!(parse_text("7,63‰‰", Vi), NumberText::NotANumber);
    }

    use NumberLocale::{En, Vi};

    fn num(s: &str, l: NumberLocale) -> Parsed {
        match parse_text(s, l) {
            NumberText::Number(p) => p,
            other => panic!("{s:?} gave {other:?}"),
        }
    }

    #[test]
    fn a_number_typed_with_its_unit() {
        let read = |s| number_with_unit(s, NumberLocale::Vi).map(|(p, u)| (p.value, p.decimals, u));
        assert_eq!(read("75,9 ha"), Some((75.9, 1, "ha")));
        assert_eq!(read("1.345 con"), Some((1345.0, 0, "con")));
        assert_eq!(read("113,92 triệu đồng"), Some((113.92, 2, "triệu đồng")));
        assert_eq!(read("khoảng 10"), None);
        assert_eq!(read("10 (ước 12)"), None);
        assert_eq!(read("5% ha"), None);
        assert_eq!(read("75,9"), None);
    }

    #[test]
    fn vietnamese_thousands_and_decimals() {
        assert_eq!(num("1.345", Vi).value, 1345.0);
        assert_eq!(num("1.345", En).value, 1345.0);
        assert_eq!(num("12.480.250.000", Vi).value, 12_480_250_000.0);
        let p = num("187,4", Vi);
        assert_eq!((p.value, p.decimals, p.ambiguous), (187.4, 1, false));
        let p = num("1.234,50", Vi);
        assert_eq!((p.value, p.decimals), (1234.5, 2));
        let p = num("23,15%", Vi);
        assert_eq!((p.value, p.decimals, p.percent), (23.15, 2, true));
    }

    /// A footnote mark after a figure ("12(*)": an estimate explained
    /// under the table) leaves the figure; a mark alone, or brackets
    /// without one, are not read as it.
    #[test]
    fn footnote_marks_after_a_figure() {
        assert_eq!(num("12(*)", Vi).value, 12.0);
        assert_eq!(num("142*", Vi).value, 142.0);
        let p = num("3.450,5 (**)", Vi);
        assert_eq!((p.value, p.decimals), (3450.5, 1));
        assert_eq!(num("(5,2)", Vi).value, -5.2);
        for s in ["(*)", "*", "12(*", "12)*", "12(*))", "khoảng 12(*)"] {
            assert_eq!(parse_text(s, Vi), NumberText::NotANumber, "{s}");
        }
    }

    #[test]
    fn english_style_is_read_and_noted_under_vi() {
        let p = num("6.35%", Vi);
        assert_eq!(
            (p.value, p.decimals, p.percent, p.ambiguous),
            (6.35, 2, true, true)
        );
        let p = num("1,234.5", Vi);
        assert_eq!((p.value, p.decimals, p.ambiguous), (1234.5, 1, true));
        let p = num("1,234.5", En);
        assert!(!p.ambiguous);
    }

    #[test]
    fn comma_with_three_digits_follows_the_locale() {
        let p = num("1,345", Vi);
        assert_eq!((p.value, p.decimals, p.ambiguous), (1.345, 3, true));
        let p = num("1,345", En);
        assert_eq!((p.value, p.decimals, p.ambiguous), (1345.0, 0, true));
        // 0,500 can only be a decimal.
        assert_eq!(num("0,500", Vi).value, 0.5);
    }

    /// "4,500,000" was noted "read as 4.500.000, not 4.500.000": two
    /// separators of one kind only group thousands, one reading.
    #[test]
    fn two_groupings_of_one_kind_are_not_ambiguous() {
        for locale in [Vi, En] {
            let p = num("4,500,000", locale);
            assert_eq!((p.value, p.decimals, p.ambiguous), (4_500_000.0, 0, false));
            let p = num("4.500.000", locale);
            assert_eq!((p.value, p.decimals, p.ambiguous), (4_500_000.0, 0, false));
        }
        // Near miss: one comma before three digits stays ambiguous.
        assert!(num("4,500", Vi).ambiguous);
    }

    #[test]
    fn signs_spaces_and_apostrophes() {
        assert_eq!(num("-0,73", Vi).value, -0.73);
        assert_eq!(num("\u{2212}0,73", Vi).value, -0.73);
        assert_eq!(num("\u{2013} 12", Vi).value, -12.0);
        assert_eq!(num("(1.204)", Vi).value, -1204.0);
        assert_eq!(num("'2.794", Vi).value, 2794.0);
        assert_eq!(num(" 1\u{a0}345 ", Vi).value, 1345.0);
        assert_eq!(num("+5", Vi).value, 5.0);
    }

    #[test]
    fn decisive_styles() {
        for t in ["5,857.0", "1,234,567", "12,345.6", "-1,234.50"] {
            assert_eq!(decisive_style(t), Some(En), "{t}");
        }
        for t in ["1.234,5", "12.480.250", "187,4", "(1.234,50)"] {
            assert_eq!(decisive_style(t), Some(Vi), "{t}");
        }
        for t in ["1,345", "6.35", "120", "1.345", "khoảng 1.234,5", ""] {
            assert_eq!(decisive_style(t), None, "{t}");
        }
    }

    #[test]
    fn blanks_dashes_and_words() {
        assert_eq!(parse_text("", Vi), NumberText::Blank);
        assert_eq!(parse_text("  ", Vi), NumberText::Blank);
        assert_eq!(parse_text("-", Vi), NumberText::Dash);
        for x in ["x", " X ", "×", "xx"] {
            assert_eq!(parse_text(x, Vi), NumberText::Blank, "{x}");
        }
        assert_eq!(parse_text("x2", Vi), NumberText::NotANumber);
        assert_eq!(parse_text("khoảng 20", Vi), NumberText::NotANumber);
        // Nothing happened, said in words: as a lone dash.
        for x in ["không", "Không có", "KHÔNG PHÁT SINH", "không phát sinh"] {
            assert_eq!(parse_text(x, Vi), NumberText::Dash, "{x}");
        }
        // Tester DC's security reports: the same in their words.
        for x in [
            "Không xảy ra",
            "Ko",
            "KPS",
            "Không có vụ nào",
            "không có trường hợp nào",
        ] {
            assert_eq!(parse_text(x, Vi), NumberText::Dash, "{x}");
        }
        for x in ["chưa thống kê", "không có số liệu", "Ko rõ"] {
            assert_eq!(parse_text(x, Vi), NumberText::NotANumber, "{x}");
        }
        assert_eq!(parse_text("không rõ", Vi), NumberText::NotANumber);
        for x in ["không đổi", "Không thay đổi", "giữ nguyên", "±0", "± 0,0"] {
            assert_eq!(parse_text(x, Vi), NumberText::Unchanged, "{x}");
        }
        assert_eq!(parse_text("±2", Vi), NumberText::NotANumber);
        // Not known: the statistics office's "…".
        for x in ["…", "...", " … "] {
            assert_eq!(parse_text(x, Vi), NumberText::Blank, "{x}");
        }
        // A change in words.
        assert_eq!(num("tăng 5,11", Vi).value, 5.11);
        assert_eq!(num("Giảm 6,25%", Vi).value, -6.25);
        assert_eq!(num("giảm 6,25", Vi).decimals, 2);
        assert_eq!(parse_text("tăng nhẹ", Vi), NumberText::NotANumber);
        assert_eq!(parse_text("gần 5", Vi), NumberText::NotANumber);
        assert_eq!(parse_text("1.2.3", Vi), NumberText::NotANumber);
        assert_eq!(parse_text("12.34.567", Vi), NumberText::NotANumber);
        assert_eq!(parse_text("%", Vi), NumberText::NotANumber);
    }

    #[test]
    fn decimals_of_stored_numbers() {
        assert_eq!(decimals_of(187.4), 1);
        assert_eq!(decimals_of(1345.0), 0);
        assert_eq!(decimals_of(0.1 + 0.2), 1);
        assert_eq!(decimals_of(23.15), 2);
        // The whole-number shortcut says what the written form says, for
        // whole, near-whole, huge, tiny and negative values.
        let written = |v: f64| {
            let s = format!("{}", (v * 1e9).round() / 1e9);
            s.split_once('.')
                .map_or(0, |(_, f)| f.trim_end_matches('0').len().min(9) as u8)
        };
        let mut values = vec![0.0, -0.0, 1e300, -1e300, f64::MAX, 1e-12, 0.999_999_999_6];
        for k in 0..20_000 {
            let v = f64::from(k) * 0.37 - 3000.0;
            values.extend([v, v.round(), v * 1e6, v / 1e7, v + 1e-10]);
        }
        for v in values {
            assert_eq!(decimals_of(v), written(v), "{v}");
        }
    }

    #[test]
    fn formatting_both_styles() {
        assert_eq!(format_vi(1290.0, 0), "1.290");
        assert_eq!(format_vi(12480250000.0, 0), "12.480.250.000");
        assert_eq!(format_vi(-0.734, 2), "-0,73");
        assert_eq!(format_vi(-0.001, 2), "0,00");
        assert_eq!(format_en(1290.5, 1), "1,290.5");
        assert_eq!(format_vi(17.2857, 2), "17,29");
    }

    #[test]
    fn a_target_written_as_a_bound_reads_as_its_number() {
        let l = NumberLocale::Vi;
        let read = |t: &str| target_bound(t, l).map(|p| (p.value, p.decimals));
        assert_eq!(read("≥ 95%"), Some((95.0, 0)));
        assert_eq!(read("Dưới 1,5%"), Some((1.5, 1)));
        assert_eq!(read("Trên 90%"), Some((90.0, 0)));
        assert_eq!(read("Tối thiểu 95%"), Some((95.0, 0)));
        assert_eq!(read(">=93,5"), Some((93.5, 1)));
        assert_eq!(read("không quá 5,5 %"), Some((5.5, 1)));
        // Not a bound of one number.
        assert_eq!(read("khoảng 20"), None);
        assert_eq!(read("Trên"), None);
        assert_eq!(read("tuần 5"), None);
        assert_eq!(read("từ 90 đến 95"), None);
    }
}
