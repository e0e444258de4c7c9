//! Reads the figures of one passage of prose as claims that can be
//! recomputed: percents with their operands, and totals with their parts.
//!
//! ```text
//! đạt 17,29% dự toán năm (145,2/840 tỷ đồng)      percent, then a/b in brackets
//! tăng 8,1% so với cùng kỳ (145,2/134,3)           growth a/b×100−100
//! giảm 0,74% so với cùng kỳ (1.345/1.355)          a fall: −0,74
//! 126/130 hồ sơ (đạt tỷ lệ 96,92%)                 a/b, then the percent in brackets
//! xảy ra 31 vụ …; khám phá 21 vụ (tỷ lệ 67,74%)    a count, its base named earlier
//! 410 người, cụ thể: 35 người; 290 người; 85 người a complete enumeration
//! 96 doanh nghiệp (trong đó: 81 …, 15 …)           complete when the parts split the whole
//! 1.215 văn bản, trong đó có 640 …, 37 …           partial: stays below the total
//! ```
//!
//! The parser is deliberately timid: whenever a pattern is not plain (an
//! approximate word, a stray number, a unit that changes, a date-like
//! slash) it reads nothing, because a false alarm costs the users more
//! than a miss.

use super::lexer::{Num, Tok, Token};

/// Byte span in the passage text.
pub type Span = (usize, usize);

/// How a percent relates to its operands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PercentKind {
    /// a/b×100.
    Ratio,
    /// a/b×100−100; the stated value is negative after "giảm".
    Growth,
}

/// A number with where it was written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figure {
    pub num: Num,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Claim {
    Percent {
        kind: PercentKind,
        /// The stated percent, signed (a fall is negative).
        stated: f64,
        stated_at: Figure,
        numerator: Figure,
        denominator: Figure,
        /// Operands are money: whole figures were rounded too.
        money: bool,
        span: Span,
    },
    Total {
        total: Figure,
        parts: Vec<Figure>,
        /// The enumeration presents itself as complete.
        complete: bool,
        money: bool,
        span: Span,
    },
}

/// Words right before a figure that make it a bound or an estimate, not a
/// value ("khoảng 20", "hơn 90%", "xấp xỉ").
const APPROXIMATE: &[&str] = &[
    "khoang", "gan", "hon", "tren", "duoi", "xi", "toi", "chung", "it", "nhat", "den",
];

/// Words right before a figure that make it a change, not a count ("tăng 3
/// vụ").
const CHANGE: &[&str] = &["tang", "giam", "them", "bot", "chenh", "lech", "voi"];

/// Units that are money: whole figures in them are rounded.
const MONEY: &[&str] = &["dong", "ty", "trieu", "nghin", "ngan", "usd", "ti"];

/// Units that are not counts of things: a list in them is not a split.
const NOT_COUNTS: &[&str] = &[
    "dong", "ty", "ti", "trieu", "nghin", "ngan", "usd", "ngay", "thang", "nam", "gio", "phut",
    "tuan", "quy", "tuoi", "km", "m", "m2", "ha", "kg", "tan", "lit", "lan",
];

/// Markers of an enumeration, longest first, and whether they present it
/// as complete (`None`: "trong đó", complete only when the parts name the
/// whole split).
const MARKERS: &[(&[&str], Option<bool>)] = &[
    (&["trong", "do", "co"], Some(false)),
    (&["trong", "so", "co"], Some(false)),
    (&["bao", "gom"], Some(true)),
    (&["cu", "the"], Some(true)),
    (&["chia", "ra"], Some(true)),
    (&["trong", "do"], None),
    (&["gom"], Some(true)),
];

/// Pairs of words that, one in each of two parts, split a whole: "đang …"
/// and "đã …", "đúng hạn" and "trễ hạn", "nam" and "nữ".
const SPLIT_PAIRS: &[(&str, &str)] = &[
    ("dang", "da"),
    ("dung", "tre"),
    ("dung", "qua"),
    ("nam", "nu"),
    ("co", "khong"),
    ("da", "chua"),
    ("trong", "ngoai"),
];

/// Every claim of a passage, in text order.
pub fn read_claims(tokens: &[Token]) -> Vec<Claim> {
    let mut claims = Vec::new();
    for i in 0..tokens.len() {
        if let Some(c) = percent_before_operands(tokens, i) {
            claims.push(c);
        }
        if let Some(c) = operands_before_percent(tokens, i) {
            claims.push(c);
        }
        if let Some(c) = total_with_parts(tokens, i) {
            claims.push(c);
        }
    }
    claims
}

fn num_at(tokens: &[Token], i: usize) -> Option<Num> {
    tokens.get(i).and_then(Token::num)
}

fn word_at(tokens: &[Token], i: usize) -> Option<&str> {
    tokens.get(i).and_then(Token::word)
}

fn punct_at(tokens: &[Token], i: usize, c: char) -> bool {
    tokens.get(i).is_some_and(|t| t.is_punct(c))
}

fn figure(tokens: &[Token], i: usize) -> Option<Figure> {
    let t = tokens.get(i)?;
    Some(Figure {
        num: t.num()?,
        span: (t.start, t.end),
    })
}

/// The word right before token `i`.
fn prev_word(tokens: &[Token], i: usize) -> Option<&str> {
    i.checked_sub(1).and_then(|p| word_at(tokens, p))
}

/// True when the figure at `i` is a bound, an estimate or a change.
fn qualified(tokens: &[Token], i: usize) -> bool {
    prev_word(tokens, i).is_some_and(|w| APPROXIMATE.contains(&w) || CHANGE.contains(&w))
}

/// True when the figure at `i` touches a `/` (a date, a document number,
/// a ratio written a/b).
fn slashed(tokens: &[Token], i: usize) -> bool {
    punct_at(tokens, i + 1, '/') || i.checked_sub(1).is_some_and(|p| punct_at(tokens, p, '/'))
}

fn is_money(tokens: &[Token], from: usize, to: usize) -> bool {
    tokens
        .get(from..to)
        .unwrap_or_default()
        .iter()
        .any(|t| t.is_word(MONEY))
}

/// "đạt X% … (a/b …)": a percent, a few words, then a bracket holding
/// exactly one a/b.
fn percent_before_operands(tokens: &[Token], i: usize) -> Option<Claim> {
    let stated = num_at(tokens, i).filter(|n| n.percent && n.trusted)?;
    let before = prev_word(tokens, i);
    if before.is_some_and(|w| APPROXIMATE.contains(&w)) {
        return None;
    }
    let (kind, sign) = match before {
        Some("tang") => (PercentKind::Growth, 1.0),
        Some("truong") if i >= 2 && word_at(tokens, i - 2) == Some("tang") => {
            (PercentKind::Growth, 1.0)
        }
        Some("giam") => (PercentKind::Growth, -1.0),
        _ => (PercentKind::Ratio, 1.0),
    };
    let mut j = i + 1;
    let mut words = 0;
    let open = loop {
        let t = tokens.get(j)?;
        match &t.tok {
            Tok::Word(_) if words < 12 => words += 1,
            Tok::Punct('(') => break j,
            _ => return None,
        }
        j += 1;
    };
    let close = tokens.get(open)?.close?;
    let (a, b) = operands(tokens, open + 1, close)?;
    // The quote starts at the verb ("đạt", "tăng", "giảm") when there is one.
    let first = tokens.get(if before.is_some() { i - 1 } else { i })?;
    let last = tokens.get(close)?;
    Some(Claim::Percent {
        kind,
        stated: sign * stated.value,
        stated_at: figure(tokens, i)?,
        numerator: figure(tokens, a)?,
        denominator: figure(tokens, b)?,
        money: is_money(tokens, open, close),
        span: (first.start, last.end),
    })
}

/// The indices of `a` and `b` when `tokens[from..to]` is `a [words] / b
/// [words]` and nothing else.
fn operands(tokens: &[Token], from: usize, to: usize) -> Option<(usize, usize)> {
    let mut nums = Vec::new();
    let mut slash = None;
    for k in from..to {
        match &tokens.get(k)?.tok {
            Tok::Num(n) if n.trusted && !n.percent => nums.push(k),
            Tok::Word(_) => {}
            Tok::Punct('/') if slash.is_none() => slash = Some(k),
            _ => return None,
        }
    }
    match (nums.as_slice(), slash) {
        (&[a, b], Some(s))
            if a < s && s < b && !tokens.get(from..a)?.iter().any(|t| t.num().is_some()) =>
        {
            Some((a, b))
        }
        _ => None,
    }
}

/// "a/b … (đạt tỷ lệ X%)" and "khám phá 21 vụ (tỷ lệ 67,74%)".
fn operands_before_percent(tokens: &[Token], open: usize) -> Option<Claim> {
    if !punct_at(tokens, open, '(') {
        return None;
    }
    let close = tokens.get(open)?.close?;
    // The bracket: words and exactly one trusted percent.
    let mut pct = None;
    for k in open + 1..close {
        match &tokens.get(k)?.tok {
            Tok::Num(n) if n.percent && n.trusted && pct.is_none() => pct = Some(k),
            Tok::Word(w) if CHANGE.contains(&w.as_str()) => return None,
            Tok::Word(_) | Tok::Punct(':') => {}
            _ => return None,
        }
    }
    let p = pct?;
    if qualified(tokens, p) {
        return None;
    }
    // Back over a few unit words to the figure the percent is about.
    let mut k = open.checked_sub(1)?;
    let mut words = 0;
    while tokens.get(k)?.word().is_some() {
        words += 1;
        if words > 4 {
            return None;
        }
        k = k.checked_sub(1)?;
    }
    num_at(tokens, k).filter(|n| n.trusted && !n.percent)?;
    let (num_i, den_i) = if k >= 2 && punct_at(tokens, k - 1, '/') {
        // a/b: neither side may be part of a longer slash chain (a date).
        let a = k - 2;
        num_at(tokens, a).filter(|n| n.trusted && !n.percent)?;
        if punct_at(tokens, k + 1, '/')
            || a.checked_sub(1).is_some_and(|x| punct_at(tokens, x, '/'))
        {
            return None;
        }
        (a, k)
    } else {
        if slashed(tokens, k) || qualified(tokens, k) || words == 0 {
            return None;
        }
        (k, base_of_count(tokens, k)?)
    };
    let first = tokens.get(num_i.min(den_i))?;
    let last = tokens.get(close)?;
    Some(Claim::Percent {
        kind: PercentKind::Ratio,
        stated: num_at(tokens, p)?.value,
        stated_at: figure(tokens, p)?,
        numerator: figure(tokens, num_i)?,
        denominator: figure(tokens, den_i)?,
        money: is_money(tokens, num_i, open),
        span: (first.start, last.end),
    })
}

/// The earlier figure of the same sentence that a count is a share of:
/// the one value written before it with the same unit word, outside
/// brackets and not a change. `None` when there is none or more than one.
fn base_of_count(tokens: &[Token], k: usize) -> Option<usize> {
    let unit = word_at(tokens, k + 1)?;
    let count = num_at(tokens, k)?;
    let depth = tokens.get(k)?.depth;
    let mut found: Option<(usize, f64)> = None;
    let mut m = k;
    while m > 0 {
        m -= 1;
        let t = tokens.get(m)?;
        if t.is_punct('.') && t.depth == depth {
            break;
        }
        let Some(n) = t.num() else { continue };
        if t.depth != depth || n.percent || word_at(tokens, m + 1) != Some(unit) {
            continue;
        }
        if !n.trusted || qualified(tokens, m) || slashed(tokens, m) {
            continue;
        }
        match found {
            Some((_, v)) if v != n.value => return None,
            Some(_) => {}
            None => found = Some((m, n.value)),
        }
    }
    let (m, v) = found?;
    (v >= count.value && v > 0.0).then_some(m)
}

/// The marker starting at token `i`, with its length and completeness.
fn marker_at(tokens: &[Token], i: usize) -> Option<(usize, Option<bool>)> {
    MARKERS.iter().find_map(|(words, complete)| {
        let all = words
            .iter()
            .enumerate()
            .all(|(o, w)| word_at(tokens, i + o) == Some(*w));
        all.then_some((words.len(), *complete))
    })
}

/// "410 người, cụ thể: …" and "96 doanh nghiệp (trong đó …)": a total,
/// a marker, and the parts up to the end of the bracket or the sentence.
fn total_with_parts(tokens: &[Token], i: usize) -> Option<Claim> {
    let (len, completeness) = marker_at(tokens, i)?;
    // The marker must start its clause: not "… trong đó …" mid-phrase.
    let before = i.checked_sub(1)?;
    let bracketed = punct_at(tokens, before, '(');
    if !bracketed
        && !punct_at(tokens, before, ',')
        && !punct_at(tokens, before, ':')
        && word_at(tokens, before).is_none()
    {
        return None;
    }
    // Back to the total: unit words, at most one comma or colon.
    let mut k = before;
    if bracketed || punct_at(tokens, k, ',') || punct_at(tokens, k, ':') {
        k = k.checked_sub(1)?;
    }
    let mut words = 0;
    while tokens.get(k)?.word().is_some() {
        words += 1;
        if words > 8 {
            return None;
        }
        k = k.checked_sub(1)?;
    }
    let total = num_at(tokens, k).filter(|n| n.trusted && !n.percent)?;
    if words == 0 || qualified(tokens, k) || slashed(tokens, k) {
        return None;
    }
    let unit = word_at(tokens, k + 1)?.to_string();
    let depth = tokens.get(i)?.depth;
    let mut from = i + len;
    if punct_at(tokens, from, ':') {
        from += 1;
    }
    let end = if bracketed {
        tokens.get(before)?.close?
    } else {
        tokens.len()
    };

    let mut parts: Vec<usize> = Vec::new();
    let mut separators: Vec<usize> = Vec::new();
    let mut item_sep: Option<char> = None;
    let mut j = from;
    let mut region_end = end;
    while j < end {
        let t = tokens.get(j)?;
        if t.depth != depth {
            j += 1;
            continue;
        }
        match &t.tok {
            Tok::Punct('(') => {
                j = t.close.unwrap_or(end);
            }
            Tok::Punct('.') => {
                region_end = j;
                break;
            }
            Tok::Punct(c @ (',' | ';')) => {
                match item_sep {
                    // Items separated by commas: a semicolon ends the list.
                    Some(',') if *c == ';' => {
                        region_end = j;
                        break;
                    }
                    None => item_sep = Some(*c),
                    _ => {}
                }
                separators.push(j);
            }
            Tok::Punct('+' | '-' | '–' | '•' | '*') => separators.push(j),
            Tok::Word(w) if w == "va" => separators.push(j),
            Tok::Word(_) => {
                // A second enumeration inside this one: unsure.
                if marker_at(tokens, j).is_some() {
                    return None;
                }
            }
            Tok::Num(n) => {
                if n.percent {
                    j += 1;
                    continue;
                }
                if !n.trusted || qualified(tokens, j) || slashed(tokens, j) {
                    return None;
                }
                parts.push(j);
            }
            Tok::Punct(_) => {}
        }
        j += 1;
    }

    let complete = match completeness {
        Some(c) => c,
        None => splits_the_whole(tokens, &parts, &separators, from, region_end),
    };
    let mut figures = Vec::new();
    for &p in &parts {
        let n = num_at(tokens, p)?;
        let part_unit = word_at(tokens, p + 1)?;
        if part_unit != unit {
            // Complete lists count the same thing; a partial list may name
            // sub-kinds ("640 quyết định" of "1.215 văn bản") but only in
            // counts, each no larger than the whole.
            if complete
                || NOT_COUNTS.contains(&part_unit)
                || NOT_COUNTS.contains(&unit.as_str())
                || n.value > total.value
            {
                return None;
            }
        }
        figures.push(figure(tokens, p)?);
    }
    if figures.is_empty() || (complete && figures.len() < 2) {
        return None;
    }
    let first = tokens.get(k)?;
    let last_index = if bracketed {
        end
    } else {
        region_end.saturating_sub(1)
    };
    let last = tokens.get(last_index.max(i))?;
    Some(Claim::Total {
        total: figure(tokens, k)?,
        parts: figures,
        complete,
        money: MONEY.contains(&unit.as_str()),
        span: (first.start, last.end),
    })
}

/// "trong đó" splits the whole when its two parts carry a pair of
/// opposite words ("đang …" / "đã …"), or one part is "còn lại".
fn splits_the_whole(
    tokens: &[Token],
    parts: &[usize],
    separators: &[usize],
    from: usize,
    to: usize,
) -> bool {
    let segment_words = |p: usize| -> Vec<&str> {
        let lo = separators
            .iter()
            .copied()
            .filter(|&s| s < p)
            .max()
            .map_or(from, |s| s + 1);
        let hi = separators
            .iter()
            .copied()
            .filter(|&s| s > p)
            .min()
            .unwrap_or(to);
        tokens
            .get(lo..hi)
            .unwrap_or_default()
            .iter()
            .filter(|t| t.depth == tokens.get(p).map_or(0, |x| x.depth))
            .filter_map(Token::word)
            .collect()
    };
    let segments: Vec<Vec<&str>> = parts.iter().map(|&p| segment_words(p)).collect();
    if segments.len() >= 2
        && segments
            .iter()
            .any(|s| s.windows(2).any(|w| w == ["con", "lai"]))
    {
        return true;
    }
    let [a, b] = segments.as_slice() else {
        return false;
    };
    SPLIT_PAIRS.iter().any(|&(x, y)| {
        let has = |s: &Vec<&str>, w: &str| s.contains(&w);
        (has(a, x) && !has(a, y) && has(b, y)) || (has(a, y) && !has(a, x) && has(b, x))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::textcheck::lexer::tokenize;

    fn claims(text: &str) -> Vec<Claim> {
        read_claims(&tokenize(text))
    }

    fn percents(text: &str) -> Vec<(PercentKind, f64, f64, f64)> {
        claims(text)
            .into_iter()
            .filter_map(|c| match c {
                Claim::Percent {
                    kind,
                    stated,
                    numerator,
                    denominator,
                    ..
                } => Some((kind, stated, numerator.num.value, denominator.num.value)),
                _ => None,
            })
            .collect()
    }

    fn totals(text: &str) -> Vec<(f64, Vec<f64>, bool)> {
        claims(text)
            .into_iter()
            .filter_map(|c| match c {
                Claim::Total {
                    total,
                    parts,
                    complete,
                    ..
                } => Some((
                    total.num.value,
                    parts.iter().map(|p| p.num.value).collect(),
                    complete,
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn percent_with_operands_after_it() {
        use PercentKind::*;
        let t = "thu ngân sách 145,2 tỷ đồng, đạt 17,29% dự toán năm (145,2/840 tỷ đồng) và tăng 8,1% so với cùng kỳ (145,2/134,3 tỷ đồng)";
        assert_eq!(
            percents(t),
            vec![(Ratio, 17.29, 145.2, 840.0), (Growth, 8.1, 145.2, 134.3)]
        );
        assert_eq!(
            percents("giảm 0,74% so với cùng kỳ (1.345/1.355 hồ sơ)"),
            vec![(Growth, -0.74, 1345.0, 1355.0)]
        );
        assert_eq!(
            percents("tốc độ tăng trưởng 12% (112/100)"),
            vec![(Growth, 12.0, 112.0, 100.0)]
        );
    }

    #[test]
    fn percent_after_its_operands() {
        use PercentKind::*;
        assert_eq!(
            percents("giải quyết 126/130 hồ sơ (đạt tỷ lệ 96,92%)"),
            vec![(Ratio, 96.92, 126.0, 130.0)]
        );
        assert_eq!(
            percents(
                "xảy ra 31 vụ phạm pháp hình sự (giảm 2 vụ), đã khám phá 21 vụ (tỷ lệ 67,74%)"
            ),
            vec![(Ratio, 67.74, 21.0, 31.0)]
        );
    }

    #[test]
    fn unsure_percents_are_left_alone() {
        // Approximate, dates and document numbers, two bases, no base.
        assert!(percents("đạt khoảng 20% kế hoạch (20/100)").is_empty());
        assert!(percents("đạt 20% kế hoạch (Quý I/2020)").is_empty());
        assert!(percents("đạt 20% (ngày 15/3/2020)").is_empty());
        assert!(percents("đạt 20% kế hoạch (20/100; 5/10)").is_empty());
        assert!(
            percents("31 vụ ở phường 1, 40 vụ ở phường 2, khám phá 21 vụ (tỷ lệ 67,74%)")
                .is_empty()
        );
        assert!(percents("khám phá 21 vụ (tỷ lệ 67,74%)").is_empty());
        assert!(percents("31 vụ, khám phá 21 vụ (tăng 10%)").is_empty());
        assert!(
            percents("đạt 6.35% kế hoạch (6,35/100)").is_empty(),
            "English decimal point"
        );
        assert!(percents("đạt 17,29% dự toán năm, tăng 8% (145,2/134,3)").len() == 1);
    }

    #[test]
    fn complete_enumerations() {
        assert_eq!(
            totals("đã cách ly 410 người, cụ thể: + tập trung 35 người; + tại nhà 290 người; + tự theo dõi 85 người."),
            vec![(410.0, vec![35.0, 290.0, 85.0], true)]
        );
        assert_eq!(
            totals("thành lập mới 96 doanh nghiệp (trong đó 81 doanh nghiệp đang hoạt động, 15 doanh nghiệp đã giải thể)"),
            vec![(96.0, vec![81.0, 15.0], true)]
        );
    }

    #[test]
    fn nested_parts_count_once() {
        let t = "cách ly 410 người, gồm: tập trung 35 người (trong đó: 07 người đang cách ly; 28 người đã hết thời gian); tại nhà 375 người.";
        assert_eq!(
            totals(t),
            vec![
                (410.0, vec![35.0, 375.0], true),
                (35.0, vec![7.0, 28.0], true)
            ]
        );
    }

    #[test]
    fn partial_lists() {
        assert_eq!(
            totals("tiếp nhận 1.215 văn bản, trong đó có 640 quyết định, 37 kế hoạch; xử lý 1.100 văn bản."),
            vec![(1215.0, vec![640.0, 37.0], false)]
        );
        // "trong đó" with parts that do not name the whole split.
        assert_eq!(
            totals("có 96 doanh nghiệp (trong đó 40 doanh nghiệp thương mại, 15 doanh nghiệp xây dựng)"),
            vec![(96.0, vec![40.0, 15.0], false)]
        );
    }

    #[test]
    fn unsure_lists_are_left_alone() {
        // A change inside, a unit that changes, money among counts, one
        // part only, a part larger than the whole.
        assert!(totals("410 người, cụ thể: 35 người, tăng 5 người; 290 người").is_empty());
        assert!(totals("12 đoàn, gồm 3 đoàn với 25 người").is_empty());
        assert!(totals("12 cuộc, gồm 450 lượt người").is_empty());
        assert!(totals("1.215 văn bản, trong đó có 640 quyết định, 20 tỷ đồng").is_empty());
        assert!(totals("15 hồ sơ, trong đó có 40 lượt").is_empty());
        assert!(totals("ngày 15/3, gồm 3 người và 4 người").is_empty());
        assert!(totals("khoảng 410 người, gồm 35 người, 290 người").is_empty());
    }
}
