//! Whether a figure of the prose speaks of the consolidated table's own
//! period and total (`--against`): "cùng kỳ cấp 247 giấy phép", "Quý
//! I/2019 đã cấp …", "Kế hoạch năm 2020 cấp 997 …", "Trong tháng 3 đã cấp
//! 85 …" and "15 người … đã bỏ điều trị" are figures of another period, a
//! plan or a part, and are never compared with the quarter's LK.
//!
//! ```text
//!   Trong tháng 3,  đã cấp 85 giấy phép xây dựng  (cùng kỳ 90 giấy phép), …
//!   └ lead clause ┘ └──── the figure's clause ───┘ └ bracket: its clause
//!     (no figure of      read before the figure,      and the clause that
//!      its own: its      and after it up to the       opened it)
//!      words count)      next figure
//! ```
//!
//! A period named as the table's ("quý I/2020", "3 tháng đầu năm 2020",
//! "từ đầu năm 2020"; of a second quarter's table, its quarter "quý
//! II/2020" and its LK's span "6 tháng đầu năm 2020") or not named
//! ("trong quý") keeps the figure; any
//! other period, a plan word, or a qualifier the indicator's names lack
//! ("bỏ điều trị", "trễ hạn") sets it aside. In doubt, silence: a false
//! error on the leader's report is worse than a missed one.

use super::lexer::Token;
use crate::model::{Period, PeriodSpan};

/// What a token says of the period or purpose of the figures near it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    None,
    /// Part of a period expression naming one of the table's periods: its
    /// numbers are no figures.
    Own(Named),
    /// Another period, or a plan, target or estimate.
    Foreign,
}

/// Which of the table's own periods a figure's clause names: its quarter
/// (the TH column: "quý III/2020", "trong quý"), its months from January
/// (the LK: "9 tháng đầu năm 2020", "từ đầu năm 2020"), or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    Unnamed,
    Quarter,
    FromJanuary,
}

/// Plans, targets, estimates and averages (folded words, one phrase each).
const PLANS: &[&[&str]] = &[
    &["chi", "tieu"],
    &["ke", "hoach"],
    &["kh"],
    &["phan", "dau"],
    &["du", "kien"],
    &["muc", "tieu"],
    &["du", "toan"],
    &["du", "bao"],
    &["uoc"],
    &["binh", "quan"],
    &["trung", "binh"],
];

/// Words that name a part of what an indicator counts; a figure carrying
/// one is not the indicator's total unless one of its names holds it.
const PARTS: &[&str] = &[
    "bo dieu tri",
    "bo hoc",
    "bo tron",
    "tre han",
    "qua han",
    "dung han",
    "truoc han",
    "ton dong",
    "con ton",
    "chua giai quyet",
    "khong phep",
    "sai phep",
    "tu choi",
    "thu hoi",
    "tai pham",
];

/// Punctuation that ends a sentence; a clause also ends at a comma or a
/// bullet.
fn ends_sentence(t: &Token) -> bool {
    t.is_punct('.') || t.is_punct(';') || t.is_punct('!') || t.is_punct('?')
}

fn ends_clause(t: &Token) -> bool {
    ends_sentence(t) || t.is_punct(',') || t.is_punct('+') || t.is_punct('•')
}

/// A whole year written as a number (1900–2100).
fn year_at(tokens: &[Token], i: usize) -> Option<i32> {
    let n = tokens.get(i)?.num()?;
    (n.decimals == 0 && !n.percent && (1900.0..=2100.0).contains(&n.value))
        .then_some(n.value as i32)
}

/// A quarter's number: I–IV or 1–4.
fn quarter_at(tokens: &[Token], i: usize) -> Option<u8> {
    let t = tokens.get(i)?;
    match (t.word(), t.num()) {
        (Some("i"), _) => Some(1),
        (Some("ii"), _) => Some(2),
        (Some("iii"), _) => Some(3),
        (Some("iv"), _) => Some(4),
        (None, Some(n)) if n.decimals == 0 && !n.percent && (1.0..=4.0).contains(&n.value) => {
            Some(n.value as u8)
        }
        _ => None,
    }
}

/// A year right after `i` ("/2020" or "năm 2020"): the year and the number
/// of tokens it takes.
fn year_after(tokens: &[Token], i: usize) -> Option<(i32, usize)> {
    let t = tokens.get(i)?;
    if t.is_punct('/') || t.is_word(&["nam"]) {
        return Some((year_at(tokens, i + 1)?, 2));
    }
    None
}

fn word_is(tokens: &[Token], i: usize, w: &str) -> bool {
    tokens.get(i).and_then(Token::word) == Some(w)
}

/// What each token says of the period of the figures near it, against the
/// table's period (`None`: unknown, then any period named is another).
pub fn marks(tokens: &[Token], period: Option<Period>) -> Vec<Mark> {
    let mut out = vec![Mark::None; tokens.len()];
    // A period the table's figures are of: its TH is its last quarter's
    // ("quý II/2020" of a second quarter's or a half-year's table), its
    // LK the months from January to its end ("6 tháng đầu năm 2020" of a
    // second quarter's table): whatever ends with the table's last month.
    let own = |p: Period| {
        period.is_some_and(|t| t == p || (t.year == p.year && t.last_month() == p.last_month()))
    };
    let year_of = |y: Option<(i32, usize)>| y.map(|(y, _)| y).or(period.map(|p| p.year));
    let mut i = 0;
    while i < tokens.len() {
        let mut set = |from: usize, len: usize, mark: Mark| {
            for m in out.iter_mut().skip(from).take(len) {
                *m = mark;
            }
        };
        let plan = PLANS
            .iter()
            .find(|p| p.iter().enumerate().all(|(k, w)| word_is(tokens, i + k, w)));
        if let Some(p) = plan {
            set(i, p.len(), Mark::Foreign);
            i += p.len();
            continue;
        }
        let w = tokens.get(i).and_then(Token::word).unwrap_or_default();
        let next = tokens.get(i + 1).and_then(Token::word).unwrap_or_default();
        // "cùng kỳ", "năm trước", "quý trước", "năm ngoái", "cả năm".
        let other = matches!(
            (w, next),
            ("cung", "ky")
                | ("nam" | "quy" | "thang" | "ky", "truoc")
                | ("nam", "ngoai")
                | ("ca", "nam")
        );
        if other {
            let whole_year =
                (w, next) == ("ca", "nam") && period.is_some_and(|p| p.span == PeriodSpan::Year);
            let mark = if whole_year {
                Mark::Own(Named::FromJanuary)
            } else {
                Mark::Foreign
            };
            set(i, 2, mark);
            i += 2;
            continue;
        }
        // "quý I/2019", "quý II năm 2020", "quý 1".
        if w == "quy" {
            if let Some(q) = quarter_at(tokens, i + 1) {
                let y = year_after(tokens, i + 2);
                let len = 2 + y.map_or(0, |(_, l)| l);
                let same = year_of(y).is_some_and(|y| own(Period::quarter(y, q)));
                let mark = if same {
                    Mark::Own(Named::Quarter)
                } else {
                    Mark::Foreign
                };
                set(i, len, mark);
                i += len;
                continue;
            }
        }
        // "trong quý": the quarter being reported, its TH (in a table of
        // a known period: otherwise it names nothing).
        if (w, next) == ("trong", "quy") && quarter_at(tokens, i + 2).is_none() && period.is_some()
        {
            set(i, 2, Mark::Own(Named::Quarter));
            i += 2;
            continue;
        }
        // "tháng 3", "tháng 3/2020": one month, never a report's period.
        if w == "thang" && tokens.get(i + 1).and_then(Token::num).is_some() {
            let len = 2 + year_after(tokens, i + 2).map_or(0, |(_, l)| l);
            set(i, len, Mark::Foreign);
            i += len;
            continue;
        }
        // "3 tháng đầu năm 2020", "6 tháng": a cumulative span.
        if let Some(n) = tokens.get(i).and_then(Token::num) {
            if next == "thang" && n.decimals == 0 && !n.percent {
                let mut len = 2;
                if word_is(tokens, i + 2, "dau") && word_is(tokens, i + 3, "nam") {
                    len += 2;
                }
                let y = year_at(tokens, i + len)
                    .filter(|_| len == 4)
                    .map(|y| (y, 1))
                    .or_else(|| year_after(tokens, i + len));
                len += y.map_or(0, |(_, l)| l);
                let span = match n.value as u32 {
                    3 => Some(PeriodSpan::Quarter(1)),
                    6 => Some(PeriodSpan::FirstHalf),
                    9 => Some(PeriodSpan::NineMonths),
                    12 => Some(PeriodSpan::Year),
                    _ => None,
                };
                let same = match (span, year_of(y)) {
                    (Some(span), Some(year)) => own(Period { year, span }),
                    _ => false,
                };
                let mark = if same {
                    Mark::Own(Named::FromJanuary)
                } else {
                    Mark::Foreign
                };
                set(i, len, mark);
                i += len;
                continue;
            }
        }
        // "năm 2019"; "từ đầu năm 2020" is the cumulative figure.
        if w == "nam" {
            if let Some(y) = year_at(tokens, i + 1) {
                let from_start = i > 0 && word_is(tokens, i - 1, "dau");
                let same = period
                    .is_some_and(|p| p.year == y && (from_start || p.span == PeriodSpan::Year));
                let mark = if same {
                    Mark::Own(Named::FromJanuary)
                } else {
                    Mark::Foreign
                };
                set(i, 2, mark);
                i += 2;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Words that open a list of items: "cụ thể", "gồm", "bao gồm", "chia
/// ra", "trong đó" (folded).
const LIST_MARKERS: &[&[&str]] = &[
    &["cu", "the"],
    &["bao", "gom"],
    &["gom"],
    &["chia", "ra"],
    &["trong", "do"],
];

/// The table's periods named in the lead-in of the list the figure at `n`
/// is an item of, or `None` when the lead-in names another period or a
/// plan for every item.
///
/// The lead-in is the sentence up to a list marker that opens its clause
/// (after a comma, or before a colon) with no sentence end between it and
/// the figure. A list written one item a line is one sentence, its items
/// joined at their bullets. A list written on one line, its items
/// separated by semicolons, is reached across them when a colon opens it
/// ("…, cụ thể: tập trung 44 người; tự theo dõi 83 người", "Trong quý
/// III: số hộ nghèo giảm 12 hộ; thu ngân sách đạt …"): the colon says the
/// items run to the full stop. Without a colon a semicolon may have ended
/// the list, and is not crossed.
///
/// Other periods in a lead-in that counts a figure of its own are left
/// out: "…, giảm 5% so với cùng kỳ, cụ thể:" compares the total. A lead-in
/// without figures ("So với cùng kỳ: …; …") says the period of every
/// item, another period too.
fn list_lead_in(tokens: &[Token], marks: &[Mark], n: usize) -> Option<Vec<Named>> {
    let depth = tokens.get(n).map_or(0, |t| t.depth);
    let colon_after = |i: usize| tokens.get(i).is_some_and(|t| t.is_punct(':'));
    let opens_list = |i: usize, crossed: bool| {
        let after_comma = i
            .checked_sub(1)
            .and_then(|p| tokens.get(p))
            .is_some_and(|t| t.is_punct(','));
        LIST_MARKERS.iter().any(|m| {
            m.iter().enumerate().all(|(k, w)| word_is(tokens, i + k, w))
                && ((after_comma && !crossed) || colon_after(i + m.len()))
        })
    };
    // Walk back to the marker (or, across semicolons, to the colon).
    let mut crossed = false;
    let mut i = n;
    let lead_end = loop {
        let Some(p) = i.checked_sub(1) else {
            return Some(Vec::new());
        };
        i = p;
        let Some(t) = tokens.get(i) else {
            return Some(Vec::new());
        };
        if t.depth == 0 && t.is_punct(';') && depth == 0 {
            crossed = true;
            continue;
        }
        if t.depth == 0 && ends_sentence(t) {
            return Some(Vec::new());
        }
        if t.depth <= depth && opens_list(i, crossed) {
            break i;
        }
        if crossed && t.depth == 0 && t.is_punct(':') {
            break i;
        }
    };
    let mut out = Vec::new();
    let mut figures = false;
    let mut foreign = false;
    for j in (0..lead_end).rev() {
        let Some(t) = tokens.get(j) else { break };
        if t.depth == 0 && ends_sentence(t) {
            break;
        }
        match marks.get(j) {
            Some(Mark::Own(p)) => out.push(*p),
            Some(Mark::Foreign) => foreign = true,
            Some(Mark::None) if t.num().is_some() => figures = true,
            _ => {}
        }
    }
    // A lead-in of words alone ("Trong quý III:", "So với cùng kỳ, cụ
    // thể:") says the period of what follows, whatever it is.
    if !figures && foreign {
        return None;
    }
    Some(out)
}

/// Which of the table's periods the figure at token `n` is of, when it
/// may be compared with the table: its clause names no other period, no
/// plan, and no part that the indicator's `names` (folded, words joined
/// by spaces) do not hold; `None` when it may not. The period is the one
/// its clause, or a clause without figures leading the sentence, names;
/// both named, or none, is [`Named::Unnamed`].
pub fn in_scope(tokens: &[Token], marks: &[Mark], n: usize, names: &[String]) -> Option<Named> {
    let mark = |i: usize| marks.get(i).copied().unwrap_or(Mark::None);
    let depth = tokens.get(n).map(|t| t.depth)?;
    let mut named: Vec<Named> = Vec::new();
    // The figure's clause before it, and the clauses of the brackets
    // around it, up to the start of the outermost clause.
    let mut seen: Vec<usize> = Vec::new();
    let mut d = depth;
    let mut i = n;
    let mut own_clause_start = n;
    let mut in_own = true;
    while i > 0 {
        i -= 1;
        let Some(t) = tokens.get(i) else { break };
        if t.is_punct('(') && t.depth < d {
            // The opener of the bracket we are in: its clause counts too.
            d = t.depth;
            in_own = false;
            continue;
        }
        if t.depth == d && ends_clause(t) {
            break;
        }
        if in_own {
            own_clause_start = i;
        }
        seen.push(i);
    }
    let clause_start = i;
    // After the figure, up to the next figure or the clause's end.
    let mut after: Vec<usize> = Vec::new();
    for (j, t) in tokens.iter().enumerate().skip(n + 1) {
        if (t.depth == depth && ends_clause(t)) || (t.is_punct(')') && t.depth < depth) {
            break;
        }
        if t.num().is_some() && mark(j) == Mark::None {
            break;
        }
        after.push(j);
    }
    if seen.iter().chain(&after).any(|&j| mark(j) == Mark::Foreign) {
        return None;
    }
    named.extend(seen.iter().chain(&after).filter_map(|&j| match mark(j) {
        Mark::Own(p) => Some(p),
        Mark::None | Mark::Foreign => None,
    }));
    // Clauses that lead the sentence with no figure of their own ("Trong
    // tháng 3, …", "So với cùng kỳ, …") say the period of what follows.
    let mut lead: Vec<usize> = Vec::new();
    let mut j = clause_start;
    while j > 0 {
        let Some(t) = tokens.get(j) else { break };
        if t.depth == 0 && ends_sentence(t) {
            break;
        }
        lead.push(j);
        j -= 1;
    }
    if j == 0 && tokens.first().is_some_and(|t| !ends_sentence(t)) {
        lead.push(0);
    }
    let mut clause: Vec<usize> = Vec::new();
    for &k in lead.iter().rev().chain(std::iter::once(&usize::MAX)) {
        let boundary = k == usize::MAX
            || tokens
                .get(k)
                .is_some_and(|t| t.depth == 0 && ends_clause(t));
        if boundary {
            let figures = clause
                .iter()
                .any(|&c| tokens.get(c).and_then(Token::num).is_some() && mark(c) == Mark::None);
            if !figures && clause.iter().any(|&c| mark(c) == Mark::Foreign) {
                return None;
            }
            if !figures {
                named.extend(clause.iter().filter_map(|&c| match mark(c) {
                    Mark::Own(p) => Some(p),
                    Mark::None | Mark::Foreign => None,
                }));
            }
            clause.clear();
        } else {
            clause.push(k);
        }
    }
    // An item of a list names no period of its own: the list's lead-in
    // says it ("… trong quý là 325 người, cụ thể: + Tự theo dõi sức khỏe
    // 83 người").
    if named.is_empty() {
        named.extend(list_lead_in(tokens, marks, n)?);
    }
    // A part the names do not say: "15 người … đã bỏ điều trị".
    let words: Vec<&str> = (own_clause_start..n)
        .chain(after.iter().copied())
        .filter_map(|k| tokens.get(k).and_then(Token::word))
        .collect();
    let text = format!(" {} ", words.join(" "));
    let other_part = PARTS.iter().any(|p| {
        text.contains(&format!(" {p} "))
            && !names
                .iter()
                .any(|name| format!(" {name} ").contains(&format!(" {p} ")))
    });
    if other_part {
        return None;
    }
    let quarter = named.contains(&Named::Quarter);
    let from_january = named.contains(&Named::FromJanuary);
    Some(match (quarter, from_january) {
        (true, false) => Named::Quarter,
        (false, true) => Named::FromJanuary,
        _ => Named::Unnamed,
    })
}
