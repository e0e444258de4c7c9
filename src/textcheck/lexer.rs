//! Splits a paragraph of report prose into tokens: numbers (read the
//! Vietnamese way, with their decimals and a `%` when written), words (kept
//! with their folded key) and single punctuation characters, each with its
//! byte span so that a finding can quote the text around it.
//!
//! Prose carries no signs: "giảm 0,73%" is a word and a number, and a `-`
//! or `+` before a figure is a bullet. Brackets are matched once here so
//! that the claim parser can skip or enter them.

use crate::number::{parse_number, NumberLocale};
use crate::text::fold;

/// A number as written in the prose.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num {
    pub value: f64,
    pub decimals: u8,
    pub percent: bool,
    /// False for forms a Vietnamese writer would not use (`6.35`): claims
    /// that involve them are left alone.
    pub trusted: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Num(Num),
    /// The folded key of one word (`người` → `nguoi`).
    Word(String),
    Punct(char),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
    /// Number of open brackets around the token.
    pub depth: u16,
    /// For `(`: the index of the matching `)`, if any.
    pub close: Option<usize>,
}

impl Token {
    pub fn num(&self) -> Option<Num> {
        match self.tok {
            Tok::Num(n) => Some(n),
            _ => None,
        }
    }

    pub fn word(&self) -> Option<&str> {
        match &self.tok {
            Tok::Word(w) => Some(w),
            _ => None,
        }
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.tok == Tok::Punct(c)
    }

    /// True for a word equal to one of `words` (folded keys).
    pub fn is_word(&self, words: &[&str]) -> bool {
        self.word().is_some_and(|w| words.contains(&w))
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// The tokens of one paragraph.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
            chars.next();
            continue;
        }
        if c.is_ascii_digit() {
            let end = number_end(text, start);
            while chars.peek().is_some_and(|&(i, _)| i < end) {
                chars.next();
            }
            let span = text.get(start..end).unwrap_or_default();
            match read_number(span) {
                Some(n) => out.push(token(Tok::Num(n), start, end)),
                None => out.push(token(Tok::Word(fold(span)), start, end)),
            }
            continue;
        }
        if is_word_char(c) {
            let mut end = start;
            while let Some(&(i, ch)) = chars.peek() {
                if is_word_char(ch) {
                    end = i + ch.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let span = text.get(start..end).unwrap_or_default();
            out.push(token(Tok::Word(fold(span)), start, end));
            continue;
        }
        chars.next();
        out.push(token(Tok::Punct(c), start, start + c.len_utf8()));
    }
    match_brackets(&mut out);
    out
}

fn token(tok: Tok, start: usize, end: usize) -> Token {
    Token {
        tok,
        start,
        end,
        depth: 0,
        close: None,
    }
}

/// Where the number starting at `start` ends: digits, groups joined by one
/// `.` or `,` followed by a digit, then an optional `%` (after at most one
/// space). A number glued to letters (`5G`) is taken whole as a word by the
/// caller's reading failing.
fn number_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    loop {
        while bytes.get(i).is_some_and(|b| b.is_ascii_digit()) {
            i += 1;
        }
        let sep = bytes.get(i).is_some_and(|&b| b == b'.' || b == b',');
        if sep && bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit()) {
            i += 1;
            continue;
        }
        break;
    }
    if bytes.get(i) == Some(&b'%') {
        return i + 1;
    }
    if bytes.get(i) == Some(&b' ') && bytes.get(i + 1) == Some(&b'%') {
        return i + 2;
    }
    // Letters glued to the digits ("5G", "3x"): the whole run is a word.
    let rest = text.get(i..).unwrap_or_default();
    if rest.chars().next().is_some_and(|c| c.is_alphabetic()) {
        let extra: usize = rest
            .chars()
            .take_while(|&c| is_word_char(c))
            .map(char::len_utf8)
            .sum();
        return i + extra;
    }
    i
}

fn read_number(span: &str) -> Option<Num> {
    if span.chars().any(|c| c.is_alphabetic()) {
        return None;
    }
    let p = parse_number(span, NumberLocale::Vi)?;
    // "1,345" is a Vietnamese decimal; "6.35" or "1,234.5" is English and
    // not trusted in Vietnamese prose.
    let trusted = !(p.ambiguous && span.contains('.'));
    Some(Num {
        value: p.value,
        decimals: p.decimals,
        percent: p.percent,
        trusted,
    })
}

fn match_brackets(tokens: &mut [Token]) {
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..tokens.len() {
        let depth = stack.len() as u16;
        let Some(t) = tokens.get_mut(i) else { continue };
        match t.tok {
            Tok::Punct('(') => {
                t.depth = depth;
                stack.push(i);
            }
            Tok::Punct(')') => match stack.pop() {
                Some(open) => {
                    t.depth = depth.saturating_sub(1);
                    if let Some(o) = tokens.get_mut(open) {
                        o.close = Some(i);
                    }
                }
                None => t.depth = 0,
            },
            _ => t.depth = depth,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(text: &str) -> Vec<(f64, u8, bool)> {
        tokenize(text)
            .iter()
            .filter_map(|t| t.num())
            .map(|n| (n.value, n.decimals, n.percent))
            .collect()
    }

    #[test]
    fn vietnamese_numbers_with_decimals_and_percents() {
        assert_eq!(
            nums("đạt 17,29% dự toán năm (145,2/840 tỷ đồng), 1.215 văn bản, 67,74 %."),
            vec![
                (17.29, 2, true),
                (145.2, 1, false),
                (840.0, 0, false),
                (1215.0, 0, false),
                (67.74, 2, true)
            ]
        );
        assert_eq!(nums("07 người"), vec![(7.0, 0, false)]);
    }

    #[test]
    fn english_decimals_are_not_trusted_and_glued_letters_are_words() {
        let t = tokenize("6.35% và 1,345 tỷ, mạng 5G");
        let n: Vec<bool> = t
            .iter()
            .filter_map(|t| t.num())
            .map(|n| n.trusted)
            .collect();
        assert_eq!(n, vec![false, true]);
        assert!(t.iter().any(|t| t.word() == Some("5g")));
    }

    #[test]
    fn words_are_folded_and_brackets_matched() {
        let t = tokenize("Người (trong đó: 07 (a)) x");
        assert_eq!(t[0].word(), Some("nguoi"));
        assert_eq!(t[1].close, Some(9));
        assert_eq!(t[6].close, Some(8));
        assert_eq!(t[5].depth, 1);
        assert_eq!(t[7].depth, 2);
        assert_eq!(t[10].depth, 0);
    }

    #[test]
    fn a_sentence_full_stop_is_punctuation() {
        let t = tokenize("410 người.");
        assert!(t[2].is_punct('.'));
    }
}
