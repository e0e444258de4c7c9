//! Reads the figures of one passage of prose as claims that can be
//! recomputed: percents with their operands, and totals with their parts.
//!
//! ```text
//! đạt 17,29% dự toán năm (145,2/840 tỷ đồng)      percent, then a/b in brackets
//! tăng 8,1% so với cùng kỳ (145,2/134,3)           growth a/b×100−100
//! giảm 0,74% so với cùng kỳ (1.345/1.355)          a fall: −0,74
//! 126/130 hồ sơ (đạt tỷ lệ 96,92%)                 a/b, then the percent in brackets
//! xảy ra 31 vụ …; khám phá 21 vụ (tỷ lệ 67,74%)    a count, its base named earlier
//! 1.250 hộ (21,82%) trong tổng số 5.729 hộ         a part, its share, then its whole
//! 410 người, cụ thể: 35 người; 290 người; 85 người a complete enumeration
//! 4.216 hồ sơ (đúng hạn 3.980 …, trễ hạn 236 …)    a bare bracket of complementary kinds: complete
//! 12 đoàn (3 đoàn liên ngành, 9 đoàn chuyên ngành) other kinds: presumed complete
//! 96 doanh nghiệp (trong đó: 81 …, 15 …)           complete when the parts split the whole
//! 1.215 văn bản, trong đó có 640 …, 37 …           partial: stays below the total
//! 52 vụ (chủ yếu là 30 …, 10 …)                    partial: "chủ yếu", "như", "v.v.", "…"
//! 235 cơ sở (phát hiện 41 …, xử phạt 38 …)         partial: outcomes, not kinds
//! 1.250 hộ, gồm 800 hộ ở Khu phố 1 và 450 hộ …     "Khu phố 1" is a label, no part
//! 120 hộ, gồm: Tổ 1 đến 3 có 70 hộ, Tổ 4 đến 6 …   "Tổ 1 đến 3" a range of labels
//! ```
//!
//! The parser is deliberately timid: whenever a pattern is not plain (an
//! approximate word, a stray number, a unit that changes, a date-like
//! slash) it reads nothing, because a false alarm costs the users more
//! than a miss.

use super::lexer::{Num, Tok, Token};
use crate::rules::rounding::{percent_of, Interval};
use crate::text::fold;
use std::sync::OnceLock;

/// Byte span in the passage text.
pub type Span = (usize, usize);

/// How a percent relates to its operands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PercentKind {
    /// a/b×100.
    Ratio,
    /// a/b×100−100; the stated value is negative after "giảm".
    Growth,
    /// a/b×100−100 said "vượt" ("vượt 4,3% kế hoạch"): the messages quote
    /// the writer's word.
    Excess,
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
        breakdown: Breakdown,
        money: bool,
        span: Span,
    },
}

/// What a list of parts says about its total.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breakdown {
    /// Every part, as a marker ("cụ thể", "gồm") or complementary kinds
    /// ("đúng hạn …, trễ hạn …") say: the parts add up to the total.
    Complete,
    /// Every part by default: a bracket after the total that nothing marks
    /// as partial, its kinds not in [`COMPLEMENTARY_KINDS`] (or states of
    /// a process the total does not name), no part opening on one of
    /// [`ACTIONS`], the parts at least half the total. Probably the parts
    /// add up to the total; the writer did not say so.
    Presumed,
    /// Some parts: each stays at or below the total.
    Partial,
    /// Some parts that may count more than the total holds: states of a
    /// process the total does not name ("tiếp nhận 312 hồ sơ (đã giải
    /// quyết 298 …, đang giải quyết 26 …)": the backlog of earlier periods
    /// is settled or pending too). Each stays at or below the total; their
    /// sum says nothing.
    Each,
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

/// How a list of parts is introduced, and so what it claims to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Intro {
    /// "cụ thể", "gồm", "bao gồm", "chia ra": every part is listed.
    Complete,
    /// "trong đó có", "trong số có", a bracket opening on "có" ("among
    /// them there are"): some parts only.
    Partial,
    /// "trong đó": every part when the parts split the whole
    /// ([`splits_the_whole`]), some otherwise.
    OfWhich,
    /// A bracket right after the total with no marker: "4.216 hồ sơ (đúng
    /// hạn 3.980 hồ sơ, trễ hạn 236 hồ sơ)". Complete when the parts split
    /// the whole, presumed complete when nothing marks them partial.
    Bracket,
    /// "…, kết quả: 34 mẫu đạt, 2 mẫu không đạt": complete when the parts
    /// split the whole, read as nothing otherwise (results may be counted
    /// in other ways than the total).
    Outcome,
}

/// Markers of an enumeration, longest first, and what they introduce.
const MARKERS: &[(&[&str], Intro)] = &[
    (&["trong", "do", "co"], Intro::Partial),
    (&["trong", "so", "co"], Intro::Partial),
    (&["bao", "gom"], Intro::Complete),
    (&["cu", "the"], Intro::Complete),
    (&["chia", "ra"], Intro::Complete),
    (&["trong", "do"], Intro::OfWhich),
    (&["gom"], Intro::Complete),
];

/// Words inside a list that say it goes on beyond the parts written ("chủ
/// yếu", "như", "và các …", "v.v.", "một số", "… khác"): the list is
/// partial whatever introduced it. "…", "..." and "v.v." are punctuation
/// and are recognised where the list reads its full stops.
const OPEN_ENDED: &[&[&str]] = &[
    &["chu", "yeu"],
    &["nhu"],
    &["va", "cac"],
    &["mot", "so"],
    &["khac"],
    &["van", "van"],
    &["dac", "biet"],
    &["nhat", "la"],
];

/// Words in a bracket after a total that make its figures references to
/// compare with (the plan, the same period, an earlier period, an
/// average), not parts: "4.216 hồ sơ (cùng kỳ 3.900 hồ sơ, kế hoạch 4.500
/// hồ sơ)". A bracket holding one of them is not read as a breakdown.
const REFERENCES: &[&[&str]] = &[
    &["so", "voi"],
    &["cung", "ky"],
    &["ck"],
    &["ke", "hoach"],
    &["kh"],
    &["du", "toan"],
    &["chi", "tieu"],
    &["ky", "truoc"],
    &["quy", "truoc"],
    &["thang", "truoc"],
    &["nam", "truoc"],
    &["luy", "ke"],
    &["lk"],
    &["th"],
    &["uoc"],
    &["binh", "quan"],
    &["trung", "binh"],
    &["tuong", "duong"],
];

/// Words before a whole number that make it a date or a period ("tháng
/// 7", "quý 3", "ngày 15"), not a count. "năm" is also "nam" (men) once
/// folded, so after it only a year (a four-digit number from 1900 to 2100
/// written without a group separator) is a date.
const TIME_WORDS: &[&str] = &["quy", "thang", "ngay", "tuan"];

/// Nouns that a number after them names rather than counts: a place
/// ("Phường 5", "Khu phố 1"), a grade, a dose, a level, a round, a group,
/// a document or one of its parts, a disease ("COVID 19"). Folded words;
/// "số" may stand between the noun and its number ("Khu phố số 1"). A
/// number after one of them is a label, not a part of a list and never its
/// total: "gồm 800 hộ ở Khu phố 1 và 450 hộ ở Khu phố 2" has two parts.
///
/// "số", "cấp", "thu" and "tăng" are left out on purpose: "tổng số 126
/// người", "đã cấp 126 giấy phép", "đã thu 12 triệu đồng" are figures.
const LABEL_NOUNS: &[&str] = &[
    "phuong",
    "xa",
    "quan",
    "huyen",
    "thi tran",
    "khu pho",
    "kp",
    "to dan pho",
    "to",
    "ap",
    "thon",
    "khom",
    "lop",
    "khoi",
    "mui",
    "lieu",
    "muc do",
    "muc",
    "cap do",
    "dot",
    "lan",
    "lan thu",
    "ky hop thu",
    "giai doan",
    "khoa",
    "nhom",
    "loai",
    "hang",
    "tuyen",
    "khu",
    "lo",
    "chi thi",
    "nghi quyet",
    "nghi dinh",
    "quyet dinh",
    "thong tu",
    "dieu",
    "khoan",
    "chuong",
    "mau",
    "bieu",
    "phu luc",
    "covid",
];

/// Words that a one-word label noun ends without being one, folded: "cơ
/// quan 45", "dân quân 1.250", "tham quan 1.100 lượt" fold to "quan"
/// as "Quận 5" does, but name no place.
const NOT_LABELS: &[(&str, &str)] = &[
    ("co", "quan"),
    ("dan", "quan"),
    ("tham", "quan"),
    ("hai", "quan"),
    ("lien", "quan"),
    ("khach", "quan"),
    ("chu", "quan"),
];

/// Verbs that open an outcome of the work counted by a total, not a kind
/// of it: "kiểm tra 235 cơ sở (phát hiện 41 cơ sở vi phạm, xử phạt 38 cơ
/// sở)" lists findings, which need not add up to the total. Folded words.
const ACTIONS: &[&str] = &[
    "phat hien",
    "xu phat",
    "xu ly",
    "nhac nho",
    "lap bien ban",
    "tich thu",
    "tieu huy",
    "dinh chi",
    "canh cao",
    "khoi to",
    "truy to",
    "thu hoi",
    "giai quyet",
    "hoa giai",
    "tra loi",
    "huong dan",
    "yeu cau",
    "chuyen",
    "buoc",
    "tam giu",
    "bat giu",
    "kien nghi",
    "xac minh",
    "van dong",
    "cuong che",
    "thao do",
];

/// Verbs of the work that, right after a semicolon and right before a
/// figure, open a clause of its own ("…, trong đó có 640 văn bản điện tử;
/// phát hành 986 văn bản đi"): no part of the list before it. With
/// [`ACTIONS`]; folded words.
const WORK_VERBS: &[&str] = &[
    "tiep nhan",
    "phat hanh",
    "ban hanh",
    "cap",
    "cap moi",
    "to chuc",
    "kiem tra",
    "thanh lap",
    "dang ky",
    "thu ly",
    "tuyen",
    "tiep",
];

/// The kinds of [`COMPLEMENTARY_KINDS`] that are states of a process
/// ("đã giải quyết …, đang giải quyết …"). Files settled and files in
/// progress include the backlog of earlier periods, so they may add up to
/// more than the files received: see [`states_of_another_process`].
const PROCESS_STATES: &[&str] = &["dang", "da", "chua"];

/// The complementary kinds the domain knows: each entry is a whole split
/// into kinds, and parts that carry one kind each, every kind once, add up
/// to the whole ("đúng hạn 3.980 hồ sơ, trễ hạn 236 hồ sơ" of 4.216 hồ
/// sơ). A kind may be written several ways, separated by `|`. Matched
/// without accents or case, whole words; a kind written inside a longer
/// kind of the same entry ("công lập" in "ngoài công lập") does not count.
///
/// "tăng" / "giảm" are left out on purpose: a figure after them is a
/// change, which the reader leaves alone, and "12.500 người (tăng 300
/// người, giảm 120 người)" is the movement of a stock, not its parts.
const COMPLEMENTARY_KINDS: &[&[&str]] = &[
    &["đúng hạn | trong hạn | đúng hẹn", "trễ | quá hạn | chậm"],
    &[
        "trước hạn",
        "đúng hạn | trong hạn | đúng hẹn",
        "trễ | quá hạn | chậm",
    ],
    &["nam", "nữ"],
    &["tập trung", "tại nhà"],
    // trong nước / nước ngoài, trong tỉnh / ngoài tỉnh, trong giờ / ngoài giờ
    &["trong", "ngoài"],
    &["thành thị", "nông thôn"],
    &["công lập", "ngoài công lập"],
    &["nhà nước", "ngoài nhà nước"],
    &["mới", "cũ"],
    &["đang", "đã"],
    &["đã", "chưa"],
    &["có", "không có | chưa có | không"],
    &["đạt", "không đạt | chưa đạt"],
];

/// A kind of [`COMPLEMENTARY_KINDS`] as folded words, one list a way of
/// writing it.
type Kind = Vec<Vec<String>>;

/// [`COMPLEMENTARY_KINDS`] folded once: entry → kind → way → words.
fn complementary_kinds() -> &'static [Vec<Kind>] {
    static KINDS: OnceLock<Vec<Vec<Kind>>> = OnceLock::new();
    KINDS.get_or_init(|| {
        COMPLEMENTARY_KINDS
            .iter()
            .map(|entry| {
                entry
                    .iter()
                    .map(|kind| {
                        kind.split('|')
                            .map(|way| fold(way.trim()).split(' ').map(String::from).collect())
                            .collect()
                    })
                    .collect()
            })
            .collect()
    })
}

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
        if let Some(c) = operands_then_percent(tokens, i) {
            claims.push(c);
        }
        if let Some(c) = percent_of_clause_figure(tokens, i) {
            claims.push(c);
        }
        if let Some(c) = total_with_parts(tokens, i) {
            claims.push(c);
        }
    }
    claims
}

/// Whether the item of a list around `j` (between the separators before
/// and after it, at `depth`) holds a figure: "chi khác 3,80 tỷ đồng", "6
/// cơ sở khác" are the remainder, which closes the list, where "và các
/// khoản chi khác" leaves it open.
fn item_has_figure(tokens: &[Token], j: usize, from: usize, end: usize, depth: u16) -> bool {
    let separates = |t: &Token| {
        t.depth == depth
            && (matches!(t.tok, Tok::Punct(',' | ';' | '.' | ':' | '+' | '•'))
                || t.word() == Some("va"))
    };
    let is_figure =
        |t: &Token| t.depth == depth && t.num().is_some_and(|n| n.trusted && !n.percent);
    let back = tokens
        .get(from..j)
        .unwrap_or_default()
        .iter()
        .rev()
        .take_while(|t| !separates(t))
        .any(is_figure);
    let ahead = tokens
        .get(j + 1..end.min(tokens.len()))
        .unwrap_or_default()
        .iter()
        .take_while(|t| !separates(t))
        .any(is_figure);
    back || ahead
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
    // Another percent since the sentence began or the last bracket closed
    // may own the bracket ("đạt tỷ lệ 93,36%, tăng 1,2% so với năm trước
    // (5.986/6.412 hộ)"): ambiguous.
    let another_percent = tokens
        .get(..i)
        .unwrap_or_default()
        .iter()
        .rev()
        .take_while(|t| !t.is_punct(')') && !t.is_punct('.'))
        .any(|t| t.num().is_some_and(|n| n.percent));
    if another_percent {
        return None;
    }
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
        // "vượt 4,3% kế hoạch", "vượt kế hoạch 4,3%": exceeded by, not
        // the ratio (1.842/1.766 = 104,3%).
        _ if exceeds(tokens, i) => (PercentKind::Excess, 1.0),
        _ => (PercentKind::Ratio, 1.0),
    };
    let mut j = i + 1;
    let mut words = 0;
    let open = loop {
        let t = tokens.get(j)?;
        match &t.tok {
            Tok::Word(_) if words < 12 => words += 1,
            // The period of the plan named ("kế hoạch 6 tháng", "kế hoạch
            // năm 2024", "dự toán quý 2"): words, not a figure.
            Tok::Num(_) if words < 12 && names_a_period(tokens, j) => words += 1,
            // A period written with a slash before its year ("so với quý
            // IV/2019", "tháng 3/2020"): words, not the operands.
            Tok::Punct('/') if words < 12 && tokens.get(j + 1).is_some_and(plain_year) => {
                words += 1;
            }
            Tok::Num(_) if words < 12 && punct_at(tokens, j - 1, '/') && plain_year(t) => {
                words += 1;
            }
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

/// True when "vượt" says the percent at `i` is an excess: right before it
/// ("vượt 4,3%") or before the plan it names ("vượt kế hoạch 4,3%",
/// "vượt mức KH 4,3%", "vượt chỉ tiêu 4,3%").
fn exceeds(tokens: &[Token], i: usize) -> bool {
    const PLAN: &[&[&str]] = &[
        &[],
        &["kh"],
        &["ke", "hoach"],
        &["chi", "tieu"],
        &["du", "toan"],
        &["muc"],
        &["muc", "kh"],
        &["muc", "ke", "hoach"],
        &["muc", "chi", "tieu"],
    ];
    PLAN.iter().any(|plan| {
        let Some(v) = i.checked_sub(plan.len() + 1) else {
            return false;
        };
        word_at(tokens, v) == Some("vuot")
            && plan
                .iter()
                .enumerate()
                .all(|(k, w)| word_at(tokens, v + 1 + k) == Some(*w))
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
    // Back over the words naming what was counted to the figure the
    // percent is about: up to 15 after an explicit a/b ("1.645/1.812 chợ,
    // cửa hàng tiện lợi thực hiện thanh toán không dùng tiền mặt (đạt tỷ
    // lệ …)"), 4 after a count.
    let mut k = open.checked_sub(1)?;
    let mut words = 0;
    // A comma inside the noun counted ("con trâu, bò", "chợ, cửa hàng
    // tiện lợi"): allowed once, after an explicit a/b only (see
    // [`comma_in_noun`]).
    let mut comma = None;
    // An age names who was counted ("trẻ dưới 1 tuổi"): words too.
    loop {
        let t = tokens.get(k)?;
        if t.is_punct(',') && comma.is_none() && words > 0 {
            comma = Some(k);
        } else if t.word().is_some() || (words > 0 && age(tokens, k)) {
            words += 1;
            if words > 15 {
                return None;
            }
        } else {
            break;
        }
        k = k.checked_sub(1)?;
    }
    num_at(tokens, k).filter(|n| n.trusted && !n.percent)?;
    let (num_i, den_i) = if let Some(ab) = unit_slash_operands(tokens, k) {
        if comma.is_some() {
            return None;
        }
        ab
    } else if k >= 2 && punct_at(tokens, k - 1, '/') {
        if comma.is_some_and(|c| !comma_in_noun(tokens, k, c)) {
            return None;
        }
        slash_operands(tokens, k)?
    } else {
        if comma.is_some() {
            return None;
        }
        // Words after the percent name its base ("đạt tỷ lệ 96,5% số hộ
        // đăng ký"): not the one found earlier in the sentence.
        let base_named = (p + 1..close).any(|x| word_at(tokens, x).is_some());
        if slashed(tokens, k) || qualified(tokens, k) || base_named {
            return None;
        }
        // A part of a list ("…, trong đó: thu thuế 21,45 tỷ đồng (44,1%),
        // thu tiền sử dụng đất 27,17 tỷ đồng (53,9%)", "đúng hạn 1.200,
        // trễ hạn 45 (tỷ lệ 3,61%)"): its share of the list's total, the
        // unit may be left out; the bracket holds only the percent, "tỷ
        // lệ" or "chiếm" ("đạt" may name a plan).
        // A part's bracket with "đạt" alone may give the part's own plan
        // ("thu thuế 21,45 tỷ đồng (đạt 80%)"): left alone.
        let bracket_words: Vec<&str> = (open + 1..p).filter_map(|x| word_at(tokens, x)).collect();
        let plain_share = bracket_words
            .iter()
            .all(|w| matches!(*w, "ty" | "ti" | "le" | "chiem" | "dat"))
            && (!bracket_words.contains(&"dat") || bracket_words.contains(&"le"));
        // The whole named right after the part ("đã hỗ trợ 1.250 hộ
        // (21,82%) trong tổng số 5.729 hộ nghèo"): the base the writer
        // gave, whatever the sentence counted before.
        if let Some(whole) = whole_after(tokens, close, k) {
            if !plain_share || words > 4 {
                return None;
            }
            (k, whole)
        } else {
            let list = list_total_of(tokens, k);
            if list.is_some() && !plain_share {
                return None;
            }
            let base = base_of_count(tokens, k);
            let base = match (list, base) {
                (Some(l), Some(b)) if num_at(tokens, l)?.value != num_at(tokens, b)?.value => {
                    return None
                }
                (Some(l), _) => l,
                (None, Some(b)) if words > 0 => done_of_slash(tokens, b, k, p).unwrap_or(b),
                _ => return None,
            };
            // Up to 4 words name what the count counts; more only when the
            // sentence named its whole a total ("Trong tổng số 3.390 hồ sơ
            // tiếp nhận, có 672 hồ sơ giải quyết qua dịch vụ công trực
            // tuyến (chiếm 19,82%)") and the bracket says a share.
            let share_said = bracket_words.contains(&"chiem") || bracket_words.contains(&"le");
            if words > 4 && !(share_said && plain_share && named_a_total(tokens, base)) {
                return None;
            }
            (k, base)
        }
    };
    let first = tokens.get(num_i.min(den_i))?;
    // A whole named after the bracket ends the quote with its unit.
    let last = tokens.get(if den_i > close { den_i + 1 } else { close })?;
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

/// True when the whole number at `j` is an age: "80 tuổi", or the first of
/// a range of ages ("60 đến dưới 80 tuổi", "16 - 18 tuổi").
fn age(tokens: &[Token], j: usize) -> bool {
    let whole = |k: usize| num_at(tokens, k).is_some_and(|n| n.decimals == 0 && !n.percent);
    if !whole(j) {
        return false;
    }
    if word_at(tokens, j + 1) == Some("tuoi") {
        return true;
    }
    let to = word_at(tokens, j + 1).is_some_and(|w| matches!(w, "den" | "toi"))
        || punct_at(tokens, j + 1, '-')
        || punct_at(tokens, j + 1, '–');
    if !to {
        return false;
    }
    let mut k = j + 2;
    if word_at(tokens, k).is_some_and(|w| matches!(w, "duoi" | "tren" | "het")) {
        k += 1;
    }
    whole(k) && word_at(tokens, k + 1) == Some("tuoi")
}

/// Words that open a clause of their own after a comma: a verb of the
/// work, a share, a change, a marker. A comma before one of them ends the
/// noun counted by a/b.
const CLAUSE_OPENERS: &[&str] = &[
    "da", "dang", "se", "dat", "chiem", "tang", "giam", "vuot", "bang", "ty", "ti", "trong", "gom",
    "bao", "cu", "chia", "so", "voi", "va", "nhung", "tuy", "hoac", "chua", "khong", "duoc", "bi",
    "nam", "thang", "quy", "ngay", "tai", "theo", "dung", "tre", "qua", "truoc", "cham",
];

/// True when the comma at `c`, between `b` of an a/b (token `k`) and the
/// bracket of its percent, lists the noun counted ("9.845/10.250 con
/// trâu, bò", "1.645/1.812 chợ, cửa hàng tiện lợi", "hộ nghèo, cận
/// nghèo"): at most three words between b and the comma, and the word
/// after it opens no clause ([`CLAUSE_OPENERS`]).
fn comma_in_noun(tokens: &[Token], k: usize, c: usize) -> bool {
    let before = c - k - 1;
    (1..=3).contains(&before)
        && word_at(tokens, c + 1).is_some_and(|w| !CLAUSE_OPENERS.contains(&w))
        && !phrase_at(tokens, c + 1, &["con", "lai"])
}

/// The total of the list whose part is the figure at `k` ("1.245 hồ sơ,
/// trong đó đúng hạn 1.200 hồ sơ, trễ hạn 45 hồ sơ": 1.245 for 45): the
/// nearest opening of a list before it in the sentence whose parts hold it.
fn list_total_of(tokens: &[Token], k: usize) -> Option<usize> {
    let depth = tokens.get(k)?.depth;
    let at = tokens.get(k)?.start;
    let mut i = k;
    while i > 0 {
        i -= 1;
        let t = tokens.get(i)?;
        if opening_at(tokens, i).is_some() {
            if let Some(Claim::Total { total, parts, .. }) = total_with_parts(tokens, i) {
                if parts.iter().any(|p| p.span.0 == at) {
                    return tokens.iter().position(|t| t.start == total.span.0);
                }
                // An earlier item's own list («365 người, trong đó: 40
                // …; 325 …») is not the one the part at `k` belongs
                // to: the list that holds that item may still hold it.
            }
        }
        if t.depth < depth || (t.depth == depth && t.is_punct('.')) {
            return None;
        }
    }
    None
}

/// `a/b` ending at `b` (token `k`): neither side part of a longer slash
/// chain (a date), a date or a document number ("ngày 15/3", "Kế hoạch số
/// 15/2020"), nor a year as `b`.
fn slash_operands(tokens: &[Token], k: usize) -> Option<(usize, usize)> {
    num_at(tokens, k).filter(|n| n.trusted && !n.percent)?;
    if !punct_at(tokens, k.checked_sub(1)?, '/') {
        return None;
    }
    let a = k.checked_sub(2)?;
    num_at(tokens, a).filter(|n| n.trusted && !n.percent)?;
    if punct_at(tokens, k + 1, '/') || a.checked_sub(1).is_some_and(|x| punct_at(tokens, x, '/')) {
        return None;
    }
    if dated(tokens, a) || labelled(tokens, a) || prev_word(tokens, a) == Some("so") {
        return None;
    }
    if tokens.get(k).is_some_and(plain_year) {
        return None;
    }
    // "tỷ lệ 1/500", "tỉ lệ 1/2.000": a map's scale, not a fraction.
    let scale = num_at(tokens, a).is_some_and(|n| n.value == 1.0)
        && a >= 2
        && word_at(tokens, a - 1) == Some("le")
        && matches!(word_at(tokens, a - 2), Some("ty" | "ti"));
    if scale {
        return None;
    }
    Some((a, k))
}

/// `a unit/b unit` ending at `b` (token `k`): both figures in the same
/// unit words, written on both sides of the slash ("1.234,5 tỷ đồng/2.000
/// tỷ đồng", "126 hồ sơ/130 hồ sơ"), then read as [`slash_operands`]
/// reads `a/b`. The unit must be the same: "12 tỷ đồng/2.000 triệu đồng"
/// is left alone.
fn unit_slash_operands(tokens: &[Token], k: usize) -> Option<(usize, usize)> {
    num_at(tokens, k).filter(|n| n.trusted && !n.percent)?;
    let slash = k.checked_sub(1)?;
    if !punct_at(tokens, slash, '/') {
        return None;
    }
    let mut a = slash.checked_sub(1)?;
    let mut unit = Vec::new();
    while let Some(w) = word_at(tokens, a) {
        unit.push(w);
        if unit.len() > 3 {
            return None;
        }
        a = a.checked_sub(1)?;
    }
    unit.reverse();
    if unit.is_empty() || !phrase_at(tokens, k + 1, unit.as_slice()) {
        return None;
    }
    num_at(tokens, a).filter(|n| n.trusted && !n.percent)?;
    if a.checked_sub(1).is_some_and(|x| punct_at(tokens, x, '/'))
        || punct_at(tokens, k + 1 + unit.len(), '/')
    {
        return None;
    }
    if dated(tokens, a)
        || labelled(tokens, a)
        || qualified(tokens, a)
        || prev_word(tokens, a) == Some("so")
    {
        return None;
    }
    Some((a, k))
}

/// Plans and earlier periods a percent is said of, folded: a figure in
/// brackets after the percent is one of them only when the words before
/// the bracket name the same one.
const BASES: &[&[&[&str]]] = &[
    &[&["ke", "hoach"], &["kh"], &["du", "toan"], &["chi", "tieu"]],
    &[&["cung", "ky"], &["nam", "truoc"]],
];

/// ", tăng 12,5% so với cùng kỳ (300 lượt)" and ", bằng 45,2% kế hoạch
/// năm (dự toán 2.000 tỷ đồng)": the clause before the comma holds one
/// figure (the numerator), the percent follows "tăng", "giảm", "đạt" or
/// "bằng" right after the comma, its words name a plan or the same period
/// of last year ([`BASES`]), and the bracket holds the base alone: one
/// figure in the numerator's unit words (their first words), its name
/// from the same family if any, no change ("tăng 36 lượt") and no other
/// number. A bracket figure that explains the growth as the difference
/// (327 "tăng 12,5%" (36 lượt)) is read as nothing.
fn percent_of_clause_figure(tokens: &[Token], i: usize) -> Option<Claim> {
    let stated = num_at(tokens, i).filter(|n| n.percent && n.trusted)?;
    let (verb, kind, sign) = match prev_word(tokens, i)? {
        "tang" => (i - 1, PercentKind::Growth, 1.0),
        "truong" if word_at(tokens, i.checked_sub(2)?) == Some("tang") => {
            (i - 2, PercentKind::Growth, 1.0)
        }
        "giam" => (i - 1, PercentKind::Growth, -1.0),
        "dat" | "bang" => (i - 1, PercentKind::Ratio, 1.0),
        _ => return None,
    };
    let comma = verb.checked_sub(1)?;
    if !punct_at(tokens, comma, ',') {
        return None;
    }
    let depth = tokens.get(i)?.depth;
    // The words between the percent and the bracket name the base.
    let mut j = i + 1;
    let open = loop {
        let t = tokens.get(j)?;
        match &t.tok {
            Tok::Word(_) if j - i <= 8 => {}
            Tok::Punct('(') => break j,
            _ => return None,
        }
        j += 1;
    };
    let gap: Vec<&str> = (i + 1..open).filter_map(|x| word_at(tokens, x)).collect();
    let names = |family: &[&[&str]], words: &[&str]| {
        family
            .iter()
            .any(|p| words.windows(p.len()).any(|w| w == *p))
    };
    let mut families = BASES.iter().filter(|f| names(f, gap.as_slice()));
    let family = families.next()?;
    if families.next().is_some() {
        return None;
    }
    // The bracket: [name of the base] figure unit words.
    let close = tokens.get(open)?.close?;
    let mut b = None;
    for x in open + 1..close {
        match &tokens.get(x)?.tok {
            Tok::Num(n) if n.trusted && !n.percent && b.is_none() => b = Some(x),
            Tok::Word(w) if !CHANGE.contains(&w.as_str()) => {}
            _ => return None,
        }
    }
    let b = b?;
    let label: Vec<&str> = (open + 1..b).filter_map(|x| word_at(tokens, x)).collect();
    let family_words: Vec<&str> = family.iter().flat_map(|p| p.iter().copied()).collect();
    if !label
        .iter()
        .all(|w| family_words.contains(w) || matches!(*w, "nam" | "la"))
    {
        return None;
    }
    let unit: Vec<&str> = (b + 1..close).filter_map(|x| word_at(tokens, x)).collect();
    if unit.is_empty() || dated(tokens, b) || labelled(tokens, b) {
        return None;
    }
    // The clause before the comma: one figure, in the same unit words.
    let mut a = None;
    let mut x = comma;
    while x > 0 {
        x -= 1;
        let t = tokens.get(x)?;
        if t.depth == depth && matches!(t.tok, Tok::Punct(',' | ';' | '.' | ':' | '(')) {
            break;
        }
        if t.depth != depth || (t.num().is_some() && a.is_some()) {
            return None;
        }
        if let Some(n) = t.num() {
            if !n.trusted || n.percent {
                return None;
            }
            a = Some(x);
        }
    }
    let a = a?;
    if !phrase_at(tokens, a + 1, &unit)
        || qualified(tokens, a)
        || slashed(tokens, a)
        || dated(tokens, a)
        || labelled(tokens, a)
    {
        return None;
    }
    let (av, bv) = (num_at(tokens, a)?.value, num_at(tokens, b)?.value);
    if bv <= 0.0 {
        return None;
    }
    if kind == PercentKind::Growth {
        // The bracket may give the change, not the base ("tăng 12,5% (36
        // lượt)"): when the change explains the stated percent better
        // than the base does, nothing is read.
        let base = (av / bv * 100.0 - 100.0 - sign * stated.value).abs();
        let before = if sign > 0.0 { av - bv } else { av + bv };
        let change = (bv / before * 100.0 - stated.value).abs();
        if before > 0.0 && change < base {
            return None;
        }
    }
    let first = tokens.get(a)?;
    let last = tokens.get(close)?;
    Some(Claim::Percent {
        kind,
        stated: sign * stated.value,
        stated_at: figure(tokens, i)?,
        numerator: figure(tokens, a)?,
        denominator: figure(tokens, b)?,
        money: is_money(tokens, b, close),
        span: (first.start, last.end),
    })
}

/// Words between a clause's comma and its percent that say the percent is
/// the share just counted: "đạt", "đạt tỷ lệ", "tỷ lệ", "bằng".
const SHARE_WORDS: &[&[&str]] = &[
    &["dat", "ty", "le"],
    &["dat"],
    &["ty", "le"],
    &["bang"],
    &["chiem", "ty", "le"],
    &["chiem"],
];

/// "đã giải quyết 1.204/1.290 hồ sơ, đạt 93,33%": a/b, a few words, a
/// comma, then the percent named a share ([`SHARE_WORDS`]), which ends its
/// clause (a word after it would name another base: left alone).
fn operands_then_percent(tokens: &[Token], comma: usize) -> Option<Claim> {
    if !punct_at(tokens, comma, ',') {
        return None;
    }
    let share = SHARE_WORDS
        .iter()
        .find(|w| phrase_at(tokens, comma + 1, w))?;
    let p = comma + 1 + share.len();
    num_at(tokens, p).filter(|n| n.percent && n.trusted)?;
    // Back over the words naming what was counted to b.
    let (k, words) = total_before(tokens, comma)?;
    let slash =
        (k >= 2 && punct_at(tokens, k - 1, '/')) || unit_slash_operands(tokens, k).is_some();
    // "đã hỗ trợ 1.250 hộ, chiếm 21,82% trong tổng số 5.729 hộ nghèo":
    // the whole named right after the share.
    let whole = (!slash).then(|| whole_after(tokens, p, k)).flatten();
    if whole.is_none()
        && tokens
            .get(p + 1)
            .is_some_and(|t| t.word().is_some() || t.num().is_some())
    {
        return None;
    }
    let (a, b) = if slash {
        slash_operands(tokens, k).or_else(|| unit_slash_operands(tokens, k))?
    } else if let Some(whole) = whole {
        num_at(tokens, k).filter(|n| n.trusted && !n.percent)?;
        if words > 4 || qualified(tokens, k) || slashed(tokens, k) || dated(tokens, k) {
            return None;
        }
        (k, whole)
    } else {
        // "…, trong đó hồ sơ trực tuyến 2.886 hồ sơ, chiếm 68,42%": a
        // part's share of its list's total, named by "chiếm" only ("đạt"
        // may name a plan).
        num_at(tokens, k).filter(|n| n.trusted && !n.percent)?;
        if share.first() != Some(&"chiem") || words == 0 || words > 4 || qualified(tokens, k) {
            return None;
        }
        (k, list_total_of(tokens, k)?)
    };
    let first = tokens.get(a.min(b))?;
    Some(Claim::Percent {
        kind: PercentKind::Ratio,
        stated: num_at(tokens, p)?.value,
        stated_at: figure(tokens, p)?,
        numerator: figure(tokens, a)?,
        denominator: figure(tokens, b)?,
        money: is_money(tokens, k, comma),
        span: (first.start, tokens.get(if b > p { b + 1 } else { p })?.end),
    })
}

/// Words after a part and its share that name the whole it is a share
/// of ("1.250 hộ (21,82%) trong tổng số 5.729 hộ"), folded.
const WHOLE_AFTER: &[&[&str]] = &[
    &["trong", "tong", "so"],
    &["tren", "tong", "so"],
    &["so", "voi", "tong", "so"],
    &["trong", "tong"],
    &["tren", "tong"],
    &["trong", "so"],
];

/// The whole named right after token `end` (the bracket holding a
/// part's share, or the share itself) for the count at `k`: one of
/// [`WHOLE_AFTER`], then a plain figure no smaller than the count and
/// counted in the count's unit ("… 1.250 hộ (21,82%) trong tổng số
/// 5.729 hộ nghèo": 5.729). `None` when another unit, a bound, a date
/// or a label follows: "tăng 31,82% so với cùng kỳ (5.729 hộ)" names no
/// whole.
fn whole_after(tokens: &[Token], end: usize, k: usize) -> Option<usize> {
    let unit = word_at(tokens, k + 1)?;
    let count = num_at(tokens, k)?;
    let said = WHOLE_AFTER
        .iter()
        .filter(|w| phrase_at(tokens, end + 1, w))
        .map(|w| w.len())
        .max()?;
    let m = end + 1 + said;
    let whole = num_at(tokens, m).filter(|n| n.trusted && !n.percent)?;
    if slashed(tokens, m) || dated(tokens, m) || labelled(tokens, m) {
        return None;
    }
    (word_at(tokens, m + 1) == Some(unit) && whole.value >= count.value && whole.value > 0.0)
        .then_some(m)
}

/// True when the figure at `m` follows "tổng số" ("trong tổng số 3.390
/// hồ sơ"): the writer named it the whole.
fn named_a_total(tokens: &[Token], m: usize) -> bool {
    m >= 2 && word_at(tokens, m - 1) == Some("so") && word_at(tokens, m - 2) == Some("tong")
}

/// True when the figure at `m` is the whole `b` of an `a/b`
/// ([`slash_operands`]: no date, no document number).
fn whole_of_slash(tokens: &[Token], m: usize) -> bool {
    m.checked_sub(1).is_some_and(|p| punct_at(tokens, p, '/'))
        && slash_operands(tokens, m).is_some()
}

/// The earlier figure of the same sentence that a count is a share of:
/// the one value written before it with the same unit word, outside
/// brackets and not a change; the whole of an a/b counts ("đúng hạn
/// 2.575/2.871 hồ sơ, …; trễ hạn 296 hồ sơ (10,31%)"). `None` when there
/// is none or more than one.
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
        if !n.trusted || qualified(tokens, m) || (slashed(tokens, m) && !whole_of_slash(tokens, m))
        {
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

/// The `a` of an `a/b` whose whole `b` (token `b`) is a count's base,
/// when "trong đó" follows the a/b before the count at `k` and the
/// percent at `p` is nearer count/a than count/b: in "Đã giải quyết
/// 17.693/19.541 hồ sơ …; trong đó đúng hạn 17.071 hồ sơ (96,48%)" the
/// files settled on time are a share of the files settled. Either base
/// is what the text may mean; the one that gives the percent is taken.
fn done_of_slash(tokens: &[Token], b: usize, k: usize, p: usize) -> Option<usize> {
    let (a, _) = slash_operands(tokens, b)?;
    let marked = (b + 1..k).any(|x| phrase_at(tokens, x, &["trong", "do"]));
    let count = num_at(tokens, k)?;
    let stated = num_at(tokens, p)?;
    let share = |base: usize| {
        let whole = num_at(tokens, base)?;
        let got = percent_of(Interval::exact(count.value), Interval::exact(whole.value))?;
        Some(Interval::written(stated.value, stated.decimals).gap(got))
    };
    let (of_a, of_b) = (share(a)?, share(b)?);
    let whole_a = num_at(tokens, a)?;
    (marked && whole_a.value >= count.value && of_a < of_b).then_some(a)
}

/// True when the words from token `i` on are `phrase`.
fn phrase_at<S: AsRef<str>>(tokens: &[Token], i: usize, phrase: &[S]) -> bool {
    !phrase.is_empty()
        && phrase
            .iter()
            .enumerate()
            .all(|(o, w)| word_at(tokens, i + o) == Some(w.as_ref()))
}

/// The marker starting at token `i`, with its length and what it
/// introduces.
fn marker_at(tokens: &[Token], i: usize) -> Option<(usize, Intro)> {
    MARKERS
        .iter()
        .find(|(words, _)| phrase_at(tokens, i, words))
        .map(|(words, intro)| (words.len(), *intro))
}

/// True when the whole number at `i` is a date or a period: "tháng 7",
/// "ngày 15", "năm 2020" (see [`TIME_WORDS`]).
/// A whole number that names a period: a date's ([`dated`]: "quý 2",
/// "năm 2024") or a span's ("6 tháng", "9 tháng").
fn names_a_period(tokens: &[Token], i: usize) -> bool {
    dated(tokens, i)
        || (num_at(tokens, i).is_some_and(|n| n.decimals == 0 && !n.percent && n.value <= 12.0)
            && word_at(tokens, i + 1).is_some_and(|w| matches!(w, "thang" | "quy" | "nam")))
}

fn dated(tokens: &[Token], i: usize) -> bool {
    let Some(t) = tokens.get(i) else {
        return false;
    };
    if !t.num().is_some_and(|n| n.decimals == 0 && !n.percent) {
        return false;
    }
    match prev_word(tokens, i) {
        Some("nam") => plain_year(t),
        Some(w) => TIME_WORDS.contains(&w),
        None => false,
    }
}

/// True for a whole number that reads as a year: four digits from 1900 to
/// 2100 written without a group separator ("2020", not "2.020").
fn plain_year(t: &Token) -> bool {
    t.num()
        .is_some_and(|n| n.decimals == 0 && !n.percent && (1900.0..=2100.0).contains(&n.value))
        && t.end - t.start == 4
}

/// True when the punctuation at `h` is a hyphen glued to the tokens on
/// both sides, no space between ("COVID-19"): part of a name, not a
/// bullet.
fn glued_hyphen(tokens: &[Token], h: usize) -> bool {
    let (Some(prev), Some(t), Some(next)) = (
        h.checked_sub(1).and_then(|p| tokens.get(p)),
        tokens.get(h),
        tokens.get(h + 1),
    ) else {
        return false;
    };
    (t.is_punct('-') || t.is_punct('–')) && prev.end == t.start && t.end == next.start
}

/// True when the token at `j` is glued by a hyphen to the word before it
/// ("COVID-19").
fn hyphenated(tokens: &[Token], j: usize) -> bool {
    j >= 2 && word_at(tokens, j - 2).is_some() && glued_hyphen(tokens, j - 1)
}

/// True when the number at `j` names something: it follows a noun of
/// [`LABEL_NOUNS`] ("Phường 5", "mức độ 3", "Khu phố số 1"), or is glued
/// by a hyphen to a word ("COVID-19"). A number no place or grade is
/// named by is a figure even there: one with decimals or a percent, one
/// written with thousands separators, or one followed by a unit of
/// money ("Tổng chi ngân sách quận 641,08 tỷ đồng", "quận 1.240 hồ sơ").
fn labelled(tokens: &[Token], j: usize) -> bool {
    if hyphenated(tokens, j) {
        return true;
    }
    if measured(tokens, j) {
        return false;
    }
    let end = match prev_word(tokens, j) {
        Some("so") => j - 1,
        _ => j,
    };
    [j, end].iter().any(|&end| {
        LABEL_NOUNS.iter().any(|noun| {
            let words: Vec<&str> = noun.split(' ').collect();
            end.checked_sub(words.len()).is_some_and(|from| {
                let compound = |&(before, after): &(&str, &str)| {
                    words == [after] && from > 0 && word_at(tokens, from - 1) == Some(before)
                };
                phrase_at(tokens, from, &words) && !NOT_LABELS.iter().any(compound)
            })
        })
    })
}

/// Words of money right after a figure: "tỷ đồng", "triệu đồng",
/// "nghìn đồng", "đồng" ("đồng ý" is no money).
fn money_after(tokens: &[Token], j: usize) -> bool {
    match (word_at(tokens, j + 1), word_at(tokens, j + 2)) {
        (Some("ty" | "trieu" | "nghin" | "ngan"), Some("dong")) => true,
        (Some("dong"), next) => next != Some("y"),
        _ => false,
    }
}

/// True when the number at `j` is written as a quantity, never as a
/// label: with decimals, as a percent, with thousands separators
/// ("1.240": its text is longer than its digits), or before money.
fn measured(tokens: &[Token], j: usize) -> bool {
    let (Some(t), Some(n)) = (tokens.get(j), num_at(tokens, j)) else {
        return false;
    };
    let grouped = n.decimals == 0
        && n.value >= 1000.0
        && t.end.saturating_sub(t.start) > format!("{}", n.value.abs().round()).len();
    n.decimals > 0 || n.percent || grouped || money_after(tokens, j)
}

/// True when the number at `j`, in a list whose total is counted in
/// `unit`, is a label and not a part: [`labelled`] unless the total's unit
/// follows it ("tuyển 30 người": "tuyển" folds as "tuyến"), or it follows
/// a label through ",", "và", a dash or "đến", whatever word comes after
/// it: "Phường 1, 3 và 5 có 70 hộ", "các xã 2, 4, 7", "Tổ 1–3", "Tổ 1
/// đến 3" name places, and only 70 is a part. A figure no place is
/// numbered by (decimals, thousands, money) stays a figure there.
fn label_in_list(tokens: &[Token], j: usize, unit: &str) -> bool {
    if hyphenated(tokens, j) {
        return true;
    }
    if word_at(tokens, j + 1).is_some_and(|w| w == unit) {
        return false;
    }
    labelled(tokens, j) || follows_label(tokens, j, unit)
}

/// True when the number at `j` goes on a run of labels: the token before
/// it joins it to a label number ("," "và" "–" "-" "đến" "tới").
fn follows_label(tokens: &[Token], j: usize, unit: &str) -> bool {
    if j < 2 || measured(tokens, j) {
        return false;
    }
    let k = j - 1;
    let joins = punct_at(tokens, k, ',')
        || punct_at(tokens, k, '–')
        || punct_at(tokens, k, '-')
        || matches!(word_at(tokens, k), Some("va" | "den" | "toi"));
    joins && num_at(tokens, j - 2).is_some_and(|n| !n.percent) && label_in_list(tokens, j - 2, unit)
}

/// The unit a part is counted in: the word after its figure, or `None`
/// when the writer left it out because the total says it ("nam 30, nữ
/// 25", "3.980 đúng hạn, 236 trễ hạn"): nothing, "và" or a kind follows.
fn unit_of_part(tokens: &[Token], p: usize) -> Option<&str> {
    let w = word_at(tokens, p + 1)?;
    let names_a_kind = complementary_kinds()
        .iter()
        .flatten()
        .flatten()
        .any(|way| phrase_at(tokens, p + 1, way));
    (w != "va" && !names_a_kind).then_some(w)
}

/// True when the clause after the semicolon at `s` counts a figure of its
/// own: it opens on a verb of the work ([`WORK_VERBS`], [`ACTIONS`])
/// followed right away by a figure and its unit ("; phát hành 986 văn bản
/// đi"), a verb that neither the words right before the list's total
/// (`before_total`, nearest first) nor an item of the list since `from`
/// opens with. "trong đó: văn bản điện tử 640; văn bản giấy 575" and
/// "trong đó: tiếp nhận trực tuyến 120 hồ sơ; tiếp nhận trực tiếp 192 hồ
/// sơ" are parts.
fn opens_own_clause(tokens: &[Token], s: usize, from: usize, before_total: &[&str]) -> bool {
    let Some(verb) = ACTIONS
        .iter()
        .chain(WORK_VERBS)
        .map(|v| v.split(' ').collect::<Vec<_>>())
        .filter(|v| phrase_at(tokens, s + 1, v))
        .max_by_key(Vec::len)
    else {
        return false;
    };
    let f = s + 1 + verb.len();
    let counted = num_at(tokens, f).is_some_and(|n| n.trusted && !n.percent)
        && word_at(tokens, f + 1).is_some()
        && !slashed(tokens, f)
        && !dated(tokens, f)
        && !labelled(tokens, f);
    let total_verb: Vec<&str> = before_total.iter().rev().copied().collect();
    let said_before = total_verb.ends_with(&verb)
        || (from..s).any(|x| {
            phrase_at(tokens, x, &verb)
                && (x == from
                    || x.checked_sub(1)
                        .is_some_and(|p| tokens.get(p).is_some_and(|t| t.word().is_none())))
        });
    counted && !said_before
}

/// Where a list of parts opens: what introduces it, the bracket around
/// it, the token right after the total's unit words and the list's first
/// token.
struct Opening {
    intro: Intro,
    bracket: Option<usize>,
    after_unit: usize,
    from: usize,
}

/// A list opening at token `i`: a marker that starts its clause ("…, cụ
/// thể:", "… (trong đó …", "… gồm …"), or a bracket with no marker in it
/// (the marker, when there is one, opens the list itself).
fn opening_at(tokens: &[Token], i: usize) -> Option<Opening> {
    let (intro, bracket, after_unit, mut from) = match marker_at(tokens, i) {
        Some((len, intro)) => {
            // The marker must start its clause: not "… trong đó …" mid-phrase.
            let before = i.checked_sub(1)?;
            // "…, trong đó", "…; trong đó" (a clause of its own), "…:
            // trong đó", "… (trong đó".
            // "… 1.245 hồ sơ. Trong đó, đúng hạn …": "trong đó" opening the
            // next sentence, a comma or a colon after it.
            let next_sentence = punct_at(tokens, before, '.')
                && matches!(intro, Intro::OfWhich | Intro::Partial)
                && (punct_at(tokens, i + len, ',') || punct_at(tokens, i + len, ':'));
            let after_unit = if punct_at(tokens, before, '(')
                || punct_at(tokens, before, ',')
                || punct_at(tokens, before, ';')
                || punct_at(tokens, before, ':')
                || next_sentence
            {
                before
            } else if word_at(tokens, before).is_some() {
                i
            } else {
                return None;
            };
            let bracket = punct_at(tokens, before, '(').then_some(before);
            (intro, bracket, after_unit, i + len)
        }
        // "…, kết quả: 34 mẫu đạt, 2 mẫu không đạt".
        None if phrase_at(tokens, i, &["ket", "qua"])
            && i.checked_sub(1).is_some_and(|b| {
                punct_at(tokens, b, ',') || punct_at(tokens, b, ';') || punct_at(tokens, b, '(')
            })
            && (punct_at(tokens, i + 2, ':') || punct_at(tokens, i + 2, ',')) =>
        {
            let before = i - 1;
            let bracket = punct_at(tokens, before, '(').then_some(before);
            (Intro::Outcome, bracket, before, i + 2)
        }
        None if punct_at(tokens, i, '(') && marker_at(tokens, i + 1).is_none() => {
            if word_at(tokens, i + 1) == Some("co") {
                (Intro::Partial, Some(i), i, i + 2)
            } else {
                (Intro::Bracket, Some(i), i, i + 1)
            }
        }
        None => return None,
    };
    if punct_at(tokens, from, ':') || punct_at(tokens, from, ',') {
        from += 1;
    }
    Some(Opening {
        intro,
        bracket,
        after_unit,
        from,
    })
}

/// Where the total of a list opening right after `after_unit` stands:
/// back over at most 12 words naming what it counts ("156 trường hợp vi
/// phạm quy định về pháo nổ, trong đó có …") to the token before them,
/// with the number of those words.
fn total_before(tokens: &[Token], after_unit: usize) -> Option<(usize, usize)> {
    let mut k = after_unit.checked_sub(1)?;
    let mut words = 0;
    while tokens.get(k)?.word().is_some() {
        words += 1;
        if words > 12 {
            return None;
        }
        k = k.checked_sub(1)?;
    }
    Some((k, words))
}

/// The total of the list that the marker at `i` opens outside brackets,
/// if it has one: a figure before the words naming what it counts.
fn next_clause_total(tokens: &[Token], i: usize) -> Option<usize> {
    let opening = opening_at(tokens, i).filter(|o| o.bracket.is_none())?;
    let (k, words) = total_before(tokens, opening.after_unit)?;
    (words > 0 && num_at(tokens, k).is_some()).then_some(k)
}

/// The list a list item gives its own figure, written on the item's line
/// ("+ Cách ly tập trung 46 người, trong đó: 12 người đang cách ly, 34
/// người đã hết thời gian cách ly"): the byte offsets where the item's
/// head ends (before the comma) and where the marker starts. The caller
/// brackets the marker on, as a sub-list written one item a line is, so
/// that those parts count for the item's figure and not for the next
/// items. `None` when no marker outside brackets follows a figure with
/// figures after it.
pub fn items_own_list(tokens: &[Token]) -> Option<(usize, usize)> {
    (0..tokens.len()).find_map(|i| {
        let t = tokens.get(i).filter(|t| t.depth == 0)?;
        marker_at(tokens, i)?;
        let opening = opening_at(tokens, i).filter(|o| o.bracket.is_none())?;
        // The item's share may stand between its figure and its own list:
        // "Cách ly tập trung 365 người (9,36%), trong đó: 40 …".
        let unit_end =
            share_bracket_before(tokens, opening.after_unit).unwrap_or(opening.after_unit);
        let (k, words) = total_before(tokens, unit_end)?;
        num_at(tokens, k).filter(|n| n.trusted && !n.percent && words > 0)?;
        tokens
            .get(opening.from..)?
            .iter()
            .any(|t| t.num().is_some_and(|n| !n.percent))
            .then_some(())?;
        let head_end = tokens.get(opening.after_unit.saturating_sub(1))?.end;
        Some((head_end, t.start))
    })
}

/// The opening bracket of a share written right before `end` ("365
/// người (9,36%)", "(chiếm 9,36%)"): one percent and words, no other
/// figure. `None` when the token before `end` closes no such bracket.
fn share_bracket_before(tokens: &[Token], end: usize) -> Option<usize> {
    let close = end.checked_sub(1)?;
    if !punct_at(tokens, close, ')') {
        return None;
    }
    let open = (0..close).rev().find(|&j| {
        punct_at(tokens, j, '(') && tokens.get(j).and_then(|t| t.close) == Some(close)
    })?;
    let inside = tokens.get(open + 1..close)?;
    let percents = inside
        .iter()
        .filter(|t| t.num().is_some_and(|n| n.percent))
        .count();
    let share = percents == 1
        && inside
            .iter()
            .all(|t| t.word().is_some() || t.num().is_some_and(|n| n.percent));
    share.then_some(open)
}

/// The semicolon that closes the list a list item gives its own figure,
/// written on the list's line ("…, cụ thể: cách ly tập trung 46 người,
/// trong đó 12 người đang cách ly, 34 người đã hết …; cách ly tại nhà 297
/// người; …"): the marker at `j` opens it outside brackets, at `depth`,
/// and a semicolon ends it before the sentence or `end` does, with a
/// figure in between and no other list. `None` otherwise: a list that
/// runs to the end of the sentence may be the whole list's "trong đó".
fn own_list_close(tokens: &[Token], j: usize, depth: u16, end: usize) -> Option<usize> {
    let opening = opening_at(tokens, j).filter(|o| o.bracket.is_none())?;
    let mut figure = false;
    let mut x = opening.from;
    while x < end {
        let t = tokens.get(x)?;
        if t.depth == depth {
            match &t.tok {
                Tok::Punct(';') => return figure.then_some(x),
                Tok::Punct('(') => x = t.close?,
                Tok::Punct('.' | '…') => return None,
                Tok::Num(n) if !n.percent => figure = true,
                Tok::Word(_) if marker_at(tokens, x).is_some() => return None,
                _ => {}
            }
        }
        x += 1;
    }
    None
}

/// Where the items of a complete list ("cụ thể", "gồm", "bao gồm", "chia
/// ra") start when the figure at `k` is one of them, written on the
/// list's line outside brackets: the nearest such marker before `k` in
/// its sentence that follows a total of its own.
fn enclosing_list(tokens: &[Token], k: usize) -> Option<usize> {
    let depth = tokens.get(k)?.depth;
    let mut m = k;
    while m > 0 {
        m -= 1;
        let t = tokens.get(m)?;
        if t.depth < depth || (t.depth == depth && (t.is_punct('.') || t.is_punct('…'))) {
            return None;
        }
        if t.depth > depth || !matches!(marker_at(tokens, m), Some((_, Intro::Complete))) {
            continue;
        }
        let Some(opening) = opening_at(tokens, m).filter(|o| o.bracket.is_none()) else {
            continue;
        };
        let counted = total_before(tokens, opening.after_unit)
            .is_some_and(|(t, words)| words > 0 && num_at(tokens, t).is_some());
        if counted {
            return Some(opening.from);
        }
    }
    None
}

/// "410 người, cụ thể: …", "96 doanh nghiệp (trong đó …)" and "4.216 hồ
/// sơ (đúng hạn …, trễ hạn …)": a total, what opens the list, and the
/// parts up to the end of the bracket or the sentence.
fn total_with_parts(tokens: &[Token], i: usize) -> Option<Claim> {
    let Opening {
        intro,
        bracket,
        after_unit,
        from,
    } = opening_at(tokens, i)?;
    let (k, words) = total_before(tokens, after_unit)?;
    let total = num_at(tokens, k).filter(|n| n.trusted && !n.percent)?;
    if words == 0
        || qualified(tokens, k)
        || slashed(tokens, k)
        || dated(tokens, k)
        || labelled(tokens, k)
    {
        return None;
    }
    let unit = word_at(tokens, k + 1)?.to_string();
    // The few words right before the total: what it counts the doing of
    // ("Đã giải quyết 4.216 hồ sơ").
    let before_total: Vec<&str> = (k.saturating_sub(4)..k)
        .rev()
        .map_while(|m| word_at(tokens, m))
        .collect();
    let (depth, end) = match bracket {
        Some(b) => (tokens.get(b)?.depth + 1, tokens.get(b)?.close?),
        None => (tokens.get(i)?.depth, tokens.len()),
    };

    let mut parts: Vec<usize> = Vec::new();
    let mut labels: Vec<usize> = Vec::new();
    let mut separators: Vec<usize> = Vec::new();
    let mut item_sep: Option<char> = None;
    let mut open_ended = false;
    // An item "… khác" with its own figure: the remainder, which closes
    // the list.
    // (Where it stands: a list cut short forgets one beyond its end.)
    let mut closed_by_other: Option<usize> = None;
    // Items opening on a bullet ("- Nhà ở của hộ nghèo, hộ cận nghèo: 18
    // nhà - Nhà ở của các hộ khác: 26 nhà"): the bullets separate them, a
    // comma inside one lists the noun it counts.
    let bulleted = tokens.get(from).is_some_and(|t| {
        matches!(t.tok, Tok::Punct('+' | '-' | '–' | '•' | '*')) && !glued_hyphen(tokens, from)
    });
    // A list of a list item, the items written on one line ("…, gồm:
    // thành thị 120 hộ, trong đó hộ có người cao tuổi 30 hộ; nông thôn
    // 380 hộ"): the semicolon that separates the items ends it. Items
    // separated by commas leave no way to tell where it ends: unsure.
    let item_of = match (bracket, intro) {
        (None, Intro::OfWhich | Intro::Partial) => enclosing_list(tokens, k),
        _ => None,
    };
    let items_by_semicolon = match item_of {
        Some(lo) => {
            let outer = |c: char| {
                (lo..k).any(|x| {
                    tokens
                        .get(x)
                        .is_some_and(|t| t.depth == depth && t.is_punct(c))
                })
            };
            if outer(',') {
                return None;
            }
            outer(';')
        }
        None => false,
    };
    let mut closed_by_semicolon = false;
    let mut j = from;
    let mut region_end = end;
    while j < end {
        let t = tokens.get(j)?;
        if t.depth != depth {
            j += 1;
            continue;
        }
        if OPEN_ENDED.iter().any(|p| phrase_at(tokens, j, p)) {
            // "… khác 3,80 tỷ đồng", "và các khoản chi khác 3,80 tỷ đồng".
            let remainder = (word_at(tokens, j) == Some("khac")
                || (phrase_at(tokens, j, &["va", "cac"])
                    && (j + 2..end.min(j + 8)).any(|x| word_at(tokens, x) == Some("khac"))))
                && item_has_figure(tokens, j, from, end, depth);
            if remainder {
                closed_by_other = closed_by_other.or(Some(j));
            } else {
                open_ended = true;
            }
        }
        match &t.tok {
            Tok::Punct('(') => {
                j = t.close.unwrap_or(end);
            }
            Tok::Punct(c @ ('.' | '…')) => {
                // "…", "..." and "v.v." leave the list open; any of them,
                // or a full stop, ends it.
                if *c == '…' || punct_at(tokens, j + 1, '.') || prev_word(tokens, j) == Some("v")
                {
                    open_ended = true;
                }
                region_end = j;
                break;
            }
            Tok::Punct(',' | ';') if costs_follow(tokens, j + 1, &unit) => {
                // "…, sửa chữa 15 hộ, với tổng kinh phí 2,72 tỷ đồng": the
                // cost of what was counted, no item.
                region_end = j;
                break;
            }
            Tok::Punct(',') if bulleted => {}
            // "Tiếp nhận 1.215 văn bản đến, trong đó có 640 văn bản điện
            // tử; phát hành 986 văn bản đi": the clause after the
            // semicolon counts its own figure, and the list ends there.
            Tok::Punct(';')
                if item_of.is_some()
                    || (bracket.is_none()
                        && matches!(intro, Intro::Partial | Intro::OfWhich)
                        && opens_own_clause(tokens, j, from, &before_total)) =>
            {
                closed_by_semicolon = true;
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
            // A hyphen glued to both neighbours joins a name ("COVID-19").
            Tok::Punct('-' | '–') if glued_hyphen(tokens, j) => {}
            Tok::Punct('+' | '-' | '–' | '•' | '*') => separators.push(j),
            Tok::Word(w) if w == "va" => separators.push(j),
            Tok::Word(_) => {
                if marker_at(tokens, j).is_some() {
                    // "Tiếp nhận 1.215 văn bản đến, trong đó có 1.640 …;
                    // phát hành 986 văn bản đi, trong đó có 845 …": the
                    // clause after the semicolon counts its own total with
                    // its own list, and this list ends at the semicolon.
                    let semicolon = separators
                        .iter()
                        .rev()
                        .find(|&&s| punct_at(tokens, s, ';'))
                        .copied();
                    // "…, cụ thể: cách ly tập trung 46 người, trong đó 12
                    // …, 34 …; cách ly tại nhà 297 người; …": the item's
                    // own list, closed by the semicolon that separates the
                    // items, is the item's; the list goes on after it.
                    let item_total = next_clause_total(tokens, j)
                        .filter(|t| intro == Intro::Complete && parts.last() == Some(t));
                    let own_close = item_total
                        .and_then(|_| separators.split_last())
                        .filter(|(comma, before)| {
                            !bulleted
                                && punct_at(tokens, **comma, ',')
                                && before.iter().all(|&x| punct_at(tokens, x, ';'))
                        })
                        .and_then(|_| own_list_close(tokens, j, depth, end));
                    if let Some(close) = own_close {
                        item_sep = Some(';');
                        j = close;
                        continue;
                    }
                    let Some(s) = semicolon.filter(|&s| {
                        matches!(intro, Intro::Partial | Intro::OfWhich)
                            && next_clause_total(tokens, j)
                                .is_some_and(|t| t > s && parts.contains(&t))
                    }) else {
                        // A second enumeration inside this one: unsure.
                        return None;
                    };
                    region_end = s;
                    separators.retain(|&x| x < s);
                    parts.retain(|&x| x < s);
                    labels.retain(|&x| x < s);
                    closed_by_other = closed_by_other.filter(|&x| x < s);
                    break;
                }
                // A bracket of references (the plan, the same period) is
                // no breakdown.
                if intro == Intro::Bracket && REFERENCES.iter().any(|p| phrase_at(tokens, j, p)) {
                    return None;
                }
            }
            Tok::Num(n) => {
                if n.percent {
                    j += 1;
                    continue;
                }
                // An age that says which people a part counts ("từ đủ 80
                // tuổi trở lên 512 người", "từ 60 đến dưới 80 tuổi"): no
                // part, and no bound of one.
                if n.trusted && age(tokens, j) {
                    labels.push(j);
                    j += 1;
                    continue;
                }
                // A number that names a place, a grade, a dose: no part.
                // Read before the bounds: the end of a range of labels
                // ("Tổ 1 đến 3", "Phường 1 tới 5") follows "đến", which
                // makes a figure a bound.
                if n.trusted && !slashed(tokens, j) && label_in_list(tokens, j, &unit) {
                    labels.push(j);
                    j += 1;
                    continue;
                }
                // A figure that is a bound, a change, a date or a label
                // ("tháng 7: 40 giấy phép"): unsure.
                if !n.trusted || qualified(tokens, j) || slashed(tokens, j) || dated(tokens, j) {
                    return None;
                }
                if punct_at(tokens, j + 1, ':') {
                    return None;
                }
                parts.push(j);
            }
            Tok::Punct(_) => {}
        }
        j += 1;
    }

    if item_of.is_some()
        && !closed_by_semicolon
        && !items_by_semicolon
        && separators.iter().any(|&x| punct_at(tokens, x, ','))
    {
        return None;
    }
    let items = items(&separators, from, region_end);
    // Parts nested one in another ("16 xã đạt chuẩn nông thôn mới, 05 xã
    // đạt chuẩn nông thôn mới nâng cao"): the second counts some of the
    // first, so their sum says nothing.
    if nested_parts(&words_of_parts(tokens, &parts, &items, depth)?) {
        return None;
    }
    // An item without a figure ("…, đang giải quyết") is a part the list
    // does not count.
    let uncounted = items.iter().any(|&(lo, hi)| {
        let at_depth =
            || (lo..hi).filter_map(|x| tokens.get(x).filter(|t| t.depth == depth).map(|t| (x, t)));
        at_depth().any(|(_, t)| t.word().is_some())
            && !at_depth().any(|(x, t)| t.num().is_some() && !labels.contains(&x))
    });
    let kinds = || !uncounted && splits_the_whole(tokens, &parts, &items, depth);
    // States of a process the total does not name ("tiếp nhận 312 hồ sơ
    // (đã giải quyết 298 …, đang giải quyết 26 …)"): the settled and the
    // pending include the backlog, so they may add up to more than the
    // total. Some parts, not a split.
    let process = || states_of_another_process(tokens, &parts, &items, depth, &before_total);
    let splits = || kinds() && !process();
    let breakdown = match intro {
        _ if open_ended => Breakdown::Partial,
        Intro::Complete => Breakdown::Complete,
        Intro::Partial => Breakdown::Partial,
        Intro::OfWhich | Intro::Bracket | Intro::Outcome if splits() => Breakdown::Complete,
        Intro::Outcome => return None,
        // "trong đó: nhà của hộ nghèo 18 nhà, nhà của các hộ khác 26 nhà":
        // the remainder closes the list.
        Intro::OfWhich if closed_by_other.is_some() && !uncounted => Breakdown::Complete,
        // Done and pending work may count more than came in.
        Intro::OfWhich if process() => Breakdown::Each,
        Intro::OfWhich => Breakdown::Partial,
        Intro::Bracket if uncounted => Breakdown::Partial,
        Intro::Bracket if kinds() && process() => Breakdown::Each,
        Intro::Bracket => Breakdown::Presumed,
    };
    // A remainder in another unit than the total ("50 cơ sở, gồm: 20 nhà
    // hàng, 25 bếp ăn và 6 cơ sở khác") may not close it: some parts, as
    // any list with "khác".
    let breakdown = if closed_by_other.is_some()
        && parts
            .iter()
            .any(|&p| unit_of_part(tokens, p).unwrap_or(&unit) != unit)
    {
        Breakdown::Partial
    } else {
        breakdown
    };
    let complete = matches!(breakdown, Breakdown::Complete | Breakdown::Presumed);
    let mut figures = Vec::new();
    for &p in &parts {
        let n = num_at(tokens, p)?;
        let part_unit = unit_of_part(tokens, p).unwrap_or(&unit);
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
    // A presumed-complete bracket of outcomes ("phát hiện 41 cơ sở vi
    // phạm, xử phạt 38 cơ sở"), or of parts far below the total, lists
    // some parts only.
    let sum: f64 = figures.iter().map(|f| f.num.value).sum();
    let breakdown = if breakdown == Breakdown::Presumed
        && (lists_outcomes(tokens, &parts, &items, depth) || sum * 2.0 < total.value)
    {
        Breakdown::Partial
    } else {
        breakdown
    };
    let first = tokens.get(k)?;
    let last_index = match bracket {
        Some(_) => end,
        None => region_end.saturating_sub(1),
    };
    let last = tokens.get(last_index.max(i))?;
    Some(Claim::Total {
        total: figure(tokens, k)?,
        parts: figures,
        breakdown,
        money: MONEY.contains(&unit.as_str()),
        span: (first.start, last.end),
    })
}

/// Words that open the cost of what a list counts, after its items ("…,
/// với tổng kinh phí 2,72 tỷ đồng", "…, tổng số tiền 1,2 tỷ đồng").
const COSTS: &[&[&str]] = &[
    &["voi", "tong", "kinh", "phi"],
    &["voi", "kinh", "phi"],
    &["tong", "kinh", "phi"],
    &["kinh", "phi"],
    &["voi", "tong", "so", "tien"],
    &["tong", "so", "tien"],
    &["so", "tien"],
];

/// True when the words from `j` on name the cost ([`COSTS`]) of a list
/// whose total is counted in `unit`, not money: a figure in money follows
/// before the clause ends.
fn costs_follow(tokens: &[Token], j: usize, unit: &str) -> bool {
    if MONEY.contains(&unit) || !COSTS.iter().any(|c| phrase_at(tokens, j, c)) {
        return false;
    }
    let depth = tokens.get(j).map_or(0, |t| t.depth);
    tokens
        .get(j..)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .take_while(|(_, t)| t.depth > depth || !matches!(t.tok, Tok::Punct(',' | ';' | '.' | ')')))
        .any(|(o, t)| t.num().is_some() && tokens.get(j + o + 1).is_some_and(|u| u.is_word(MONEY)))
}

/// The items of a list: the token ranges between its separators, from
/// `from` to `to`.
fn items(separators: &[usize], from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut lo = from;
    for &s in separators.iter().chain(std::iter::once(&to)) {
        out.push((lo, s.max(lo)));
        lo = s + 1;
    }
    out
}

/// The words at `depth` of the item holding each part, in part order, or
/// `None` when a part lies in no item.
fn words_of_parts<'a>(
    tokens: &'a [Token],
    parts: &[usize],
    items: &[(usize, usize)],
    depth: u16,
) -> Option<Vec<Vec<&'a str>>> {
    parts
        .iter()
        .map(|&p| {
            let &(lo, hi) = items.iter().find(|&&(lo, hi)| lo <= p && p < hi)?;
            Some(
                tokens
                    .get(lo..hi)
                    .unwrap_or_default()
                    .iter()
                    .filter(|t| t.depth == depth)
                    .filter_map(Token::word)
                    .collect(),
            )
        })
        .collect()
}

/// True when the words of one part (three at least) open another's,
/// which says more ("xã đạt chuẩn nông thôn mới" and "xã đạt chuẩn nông
/// thôn mới nâng cao"): the other is a subset of it. ("công lập" and
/// "ngoài công lập" are not.)
fn nested_parts(words: &[Vec<&str>]) -> bool {
    words.iter().enumerate().any(|(a, wa)| {
        wa.len() >= 3
            && words
                .iter()
                .enumerate()
                .any(|(b, wb)| a != b && wb.len() > wa.len() && wb.starts_with(wa))
    })
}

/// True when the parts are states of one process ("đã giải quyết 298 hồ
/// sơ, đang giải quyết 26 hồ sơ": the same word after each state of
/// [`PROCESS_STATES`]) that the words before the total do not name: the
/// states then count files of earlier periods too, and need not add up to
/// a total of files received.
fn states_of_another_process(
    tokens: &[Token],
    parts: &[usize],
    items: &[(usize, usize)],
    depth: u16,
    before_total: &[&str],
) -> bool {
    let Some(item_words) = words_of_parts(tokens, parts, items, depth) else {
        return false;
    };
    // (state, the word after it) of each part.
    let state = |words: &[&str]| -> Option<(String, String)> {
        let at = words.iter().position(|w| PROCESS_STATES.contains(w))?;
        Some((words.get(at)?.to_string(), words.get(at + 1)?.to_string()))
    };
    let states: Option<Vec<(String, String)>> = item_words.iter().map(|w| state(w)).collect();
    if let Some([(first_state, process), rest @ ..]) = states.as_deref() {
        // The total names the one process: a split of it.
        if rest.iter().all(|(_, p)| p == process) && before_total.contains(&process.as_str()) {
            return false;
        }
        if rest.iter().any(|(s, _)| s != first_state)
            && rest.iter().all(|(_, p)| p == process)
            && !before_total.contains(&process.as_str())
        {
            return true;
        }
    }
    done_and_pending(tokens, parts, items, depth)
}

/// True when the parts are done and pending work of a flow, by other
/// verbs ("trong đó đã xử lý, trả lời 106 tin, đang xác minh 31 tin"):
/// each part's state («đã», «đang») is the first one written between the
/// part before it (or the list's start) and its figure, and both states
/// are there. What is pending may have come in an earlier period.
fn done_and_pending(
    tokens: &[Token],
    parts: &[usize],
    items: &[(usize, usize)],
    depth: u16,
) -> bool {
    let Some(&(start, _)) = items.first() else {
        return false;
    };
    let mut from = start;
    let mut states = Vec::new();
    for &p in parts {
        let state = (from..p)
            .filter_map(|x| tokens.get(x).filter(|t| t.depth == depth))
            .filter_map(Token::word)
            .find(|w| PROCESS_STATES.contains(w));
        let Some(state) = state else {
            return false;
        };
        states.push(state);
        from = p + 1;
    }
    states.contains(&"da") && states.contains(&"dang")
}

/// True when an item holding a part opens on a verb of [`ACTIONS`]: the
/// list names outcomes, not kinds.
fn lists_outcomes(tokens: &[Token], parts: &[usize], items: &[(usize, usize)], depth: u16) -> bool {
    items
        .iter()
        .filter(|&&(lo, hi)| parts.iter().any(|&p| lo <= p && p < hi))
        .filter_map(|&(lo, hi)| (lo..hi).find(|&x| tokens.get(x).is_some_and(|t| t.depth == depth)))
        .any(|first| {
            ACTIONS.iter().any(|verb| {
                let words: Vec<&str> = verb.split(' ').collect();
                phrase_at(tokens, first, &words)
            })
        })
}

/// The parts split the whole: one part is "còn lại" (the rest), or each
/// part carries one kind of an entry of [`COMPLEMENTARY_KINDS`] and every
/// kind of it is carried once.
fn splits_the_whole(
    tokens: &[Token],
    parts: &[usize],
    items: &[(usize, usize)],
    depth: u16,
) -> bool {
    let Some(item_words) = words_of_parts(tokens, parts, items, depth) else {
        return false;
    };
    if item_words.len() < 2 {
        return false;
    }
    if item_words
        .iter()
        .any(|s| s.windows(2).any(|w| w == ["con", "lai"]))
    {
        return true;
    }
    complementary_kinds().iter().any(|kinds| {
        if kinds.len() != item_words.len() {
            return false;
        }
        let mut carried: Vec<usize> = item_words
            .iter()
            .filter_map(|words| kind_carried(kinds, words))
            .collect();
        carried.sort_unstable();
        carried.dedup();
        carried.len() == kinds.len()
    })
}

/// The one kind of `kinds` that `words` carry, if exactly one: a kind
/// written inside a longer one of another kind ("công lập" in "ngoài
/// công lập") does not count.
fn kind_carried(kinds: &[Kind], words: &[&str]) -> Option<usize> {
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (kind, ways) in kinds.iter().enumerate() {
        for way in ways {
            for start in 0..words.len() {
                let here = words.get(start..start + way.len());
                if here.is_some_and(|h| h.iter().zip(way).all(|(a, b)| *a == b)) {
                    found.push((kind, start, way.len()));
                }
            }
        }
    }
    let inside_longer = |&(kind, start, len): &(usize, usize, usize)| {
        found
            .iter()
            .any(|&(k, s, l)| k != kind && l > len && s <= start && start + len <= s + l)
    };
    let mut kept: Vec<usize> = found
        .iter()
        .filter(|f| !inside_longer(f))
        .map(|f| f.0)
        .collect();
    kept.sort_unstable();
    kept.dedup();
    match kept.as_slice() {
        &[kind] => Some(kind),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::textcheck::lexer::tokenize;
    use Breakdown::{Complete, Each, Partial, Presumed};

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

    fn totals(text: &str) -> Vec<(f64, Vec<f64>, Breakdown)> {
        claims(text)
            .into_iter()
            .filter_map(|c| match c {
                Claim::Total {
                    total,
                    parts,
                    breakdown,
                    ..
                } => Some((
                    total.num.value,
                    parts.iter().map(|p| p.num.value).collect(),
                    breakdown,
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn an_excess_over_the_plan_is_read_as_growth() {
        // "vượt 4,3% kế hoạch (1.842/1.766)" is exceeded by 4,3%: the
        // ratio is 104,3, and reading 4,3 as the ratio was a false error.
        use PercentKind::*;
        for t in [
            "Vượt 4,3% kế hoạch (1.842/1.766 lượt người).",
            "Giới thiệu việc làm vượt 4,3% so với kế hoạch (1.842/1.766 lượt người).",
            "Giới thiệu việc làm vượt kế hoạch 4,3% (1.842/1.766 lượt người).",
            "vượt mức KH 4,3% (1.842/1.766 lượt người)",
        ] {
            assert_eq!(percents(t), vec![(Excess, 4.3, 1842.0, 1766.0)], "{t}");
        }
        // The ratio itself stays a ratio.
        assert_eq!(
            percents("đạt 104,3% kế hoạch (1.842/1.766 lượt người)"),
            vec![(Ratio, 104.3, 1842.0, 1766.0)]
        );
    }

    #[test]
    fn a_map_scale_is_no_fraction() {
        assert!(percents("bản đồ địa chính tỷ lệ 1/500 (đạt 100%)").is_empty());
        assert!(percents("Đo đạc bản đồ tỷ lệ 1/2.000 (đạt 100% khối lượng)").is_empty());
        assert!(percents("quy hoạch chi tiết tỉ lệ 1/500, đạt tỷ lệ 100%").is_empty());
        // A fraction after other words is still read.
        assert_eq!(
            percents("đã phê duyệt 1/4 đồ án (đạt 25%)"),
            vec![(PercentKind::Ratio, 25.0, 1.0, 4.0)]
        );
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
        // Two percents before one bracket: either may own it.
        assert!(percents("đạt 17,29% dự toán năm, tăng 8% (145,2/134,3)").is_empty());
    }

    #[test]
    fn complete_enumerations() {
        assert_eq!(
            totals("đã cách ly 410 người, cụ thể: + tập trung 35 người; + tại nhà 290 người; + tự theo dõi 85 người."),
            vec![(410.0, vec![35.0, 290.0, 85.0], Complete)]
        );
        assert_eq!(
            totals("thành lập mới 96 doanh nghiệp (trong đó 81 doanh nghiệp đang hoạt động, 15 doanh nghiệp đã giải thể)"),
            vec![(96.0, vec![81.0, 15.0], Complete)]
        );
    }

    #[test]
    fn nested_parts_count_once() {
        let t = "cách ly 410 người, gồm: tập trung 35 người (trong đó: 07 người đang cách ly; 28 người đã hết thời gian); tại nhà 375 người.";
        assert_eq!(
            totals(t),
            vec![
                (410.0, vec![35.0, 375.0], Complete),
                (35.0, vec![7.0, 28.0], Complete)
            ]
        );
    }

    #[test]
    fn partial_lists() {
        assert_eq!(
            totals("tiếp nhận 1.215 văn bản, trong đó có 640 quyết định, 37 kế hoạch; xử lý 1.100 văn bản."),
            vec![(1215.0, vec![640.0, 37.0], Partial)]
        );
        // "trong đó" with parts that do not name the whole split.
        assert_eq!(
            totals("có 96 doanh nghiệp (trong đó 40 doanh nghiệp thương mại, 15 doanh nghiệp xây dựng)"),
            vec![(96.0, vec![40.0, 15.0], Partial)]
        );
    }

    /// Regression: a bracket right after a total was read only when a
    /// marker ("trong đó", "gồm") opened it, so a breakdown written
    /// without one was never checked.
    #[test]
    fn a_bracket_of_complementary_kinds_is_a_complete_breakdown() {
        let complete = |text: &str, total: f64, parts: &[f64]| {
            assert_eq!(
                totals(text),
                vec![(total, parts.to_vec(), Complete)],
                "{text}"
            );
        };
        complete(
            "đã giải quyết 4.216 hồ sơ (đúng hạn 3.980 hồ sơ, trễ hạn 226 hồ sơ).",
            4216.0,
            &[3980.0, 226.0],
        );
        // The unit left out, or the kind written after the figure.
        complete(
            "đã giải quyết 4.216 hồ sơ (đúng hạn 3.980, trễ hạn 236)",
            4216.0,
            &[3980.0, 236.0],
        );
        complete(
            "đã giải quyết 4.216 hồ sơ (3.980 đúng hạn, 236 quá hạn)",
            4216.0,
            &[3980.0, 236.0],
        );
        complete(
            "giải quyết 4.216 hồ sơ (trước hạn 1.000 hồ sơ; đúng hạn 2.980 hồ sơ; trễ hạn 236 hồ sơ)",
            4216.0,
            &[1000.0, 2980.0, 236.0],
        );
        complete(
            "có 23 trường (15 trường công lập và 8 trường ngoài công lập)",
            23.0,
            &[15.0, 8.0],
        );
        complete(
            "tuyển dụng 55 người (nam 30 người, nữ 25 người)",
            55.0,
            &[30.0, 25.0],
        );
    }

    #[test]
    fn a_bracket_with_nothing_marking_it_partial_is_presumed_complete() {
        assert_eq!(
            totals("tổ chức 12 đoàn kiểm tra (3 đoàn liên ngành, 9 đoàn chuyên ngành)."),
            vec![(12.0, vec![3.0, 9.0], Presumed)]
        );
        assert_eq!(
            totals("thu ngân sách 145,2 tỷ đồng (thu thuế 120,5 tỷ đồng, thu phí 24,7 tỷ đồng)"),
            vec![(145.2, vec![120.5, 24.7], Presumed)]
        );
    }

    #[test]
    fn a_bracket_marked_partial_is_partial() {
        for text in [
            "xảy ra 52 vụ (chủ yếu là 30 vụ trộm cắp, 10 vụ cướp giật)",
            "xảy ra 52 vụ (như 30 vụ trộm cắp, 10 vụ cướp giật)",
            "xảy ra 52 vụ (30 vụ trộm cắp, 10 vụ cướp giật, v.v.)",
            "xảy ra 52 vụ (30 vụ trộm cắp, 10 vụ cướp giật...)",
            "xảy ra 52 vụ (30 vụ trộm cắp, 10 vụ cướp giật…)",
            "xảy ra 52 vụ (30 vụ trộm cắp, 10 vụ cướp giật và các vụ khác)",
            "xảy ra 52 vụ (có 30 vụ trộm cắp, 10 vụ cướp giật)",
            // An item without a figure: the list does not count it.
            "xảy ra 52 vụ (30 vụ trộm cắp, 10 vụ cướp giật, còn lại đang xác minh)",
        ] {
            assert_eq!(
                totals(text),
                vec![(52.0, vec![30.0, 10.0], Partial)],
                "{text}"
            );
        }
        assert_eq!(
            totals("xảy ra 52 vụ (chủ yếu là 30 vụ trộm cắp)"),
            vec![(52.0, vec![30.0], Partial)]
        );
    }

    #[test]
    fn a_bracket_of_references_or_dates_is_no_breakdown() {
        for text in [
            "tiếp nhận 4.216 hồ sơ (cùng kỳ 3.900 hồ sơ, kế hoạch 4.500 hồ sơ)",
            "thu 145,2 tỷ đồng (KH: 840 tỷ đồng; CK: 134,3 tỷ đồng)",
            "tiếp nhận 4.216 hồ sơ (quý trước 1.200 hồ sơ, quý này 3.016 hồ sơ)",
            "cấp 126 giấy phép (tháng 7: 40 giấy phép, tháng 8: 46 giấy phép)",
            "tiếp nhận 4.216 hồ sơ (năm 2019: 3.900 hồ sơ)",
            "số liệu năm 2020 đã cập nhật (nam 30, nữ 25)",
            // Parts in another unit than the total.
            "giải quyết 4.216 hồ sơ (đúng hạn 3.980 trường hợp, trễ hạn 236 trường hợp)",
            // One part only, or none.
            "giải quyết 4.216 hồ sơ (đúng hạn 3.980 hồ sơ)",
            "giải quyết 2.580 hồ sơ (đạt tỷ lệ 97,36%)",
        ] {
            assert_eq!(totals(text), vec![], "{text}");
        }
    }

    #[test]
    fn of_which_with_complementary_kinds_is_complete() {
        // Without brackets: "trong đó" and a split that covers the whole,
        // after a comma or a semicolon.
        assert_eq!(
            totals("đã giải quyết 4.216 hồ sơ, trong đó đúng hạn 3.980, trễ hạn 236."),
            vec![(4216.0, vec![3980.0, 236.0], Complete)]
        );
        assert_eq!(
            totals("tiếp nhận 1.240 hồ sơ; trong đó: đúng hạn 1.180 hồ sơ, trễ hạn 70 hồ sơ."),
            vec![(1240.0, vec![1180.0, 70.0], Complete)]
        );
        // The total is the figure the clause before the semicolon ends on.
        assert_eq!(
            totals("tiếp nhận 1.300 hồ sơ, giải quyết 1.240 hồ sơ; trong đó đúng hạn 1.180, trễ hạn 60."),
            vec![(1240.0, vec![1180.0, 60.0], Complete)]
        );
        assert_eq!(
            totals("có 23 trường (trong đó 15 trường công lập, 8 trường ngoài công lập)"),
            vec![(23.0, vec![15.0, 8.0], Complete)]
        );
        // Kinds that do not split the whole, a clause without a figure
        // after them, and "có" ("among them there are") stay partial.
        for (text, total, parts) in [
            (
                "có 23 trường (trong đó 15 trường công lập, 8 trường tư thục)",
                23.0,
                vec![15.0, 8.0],
            ),
            (
                "đã giải quyết 4.216 hồ sơ, trong đó đúng hạn 3.980, trễ hạn 236, đang giải quyết các hồ sơ còn lại.",
                4216.0,
                vec![3980.0, 236.0],
            ),
            (
                "tuyển dụng 55 người, trong đó có 30 nam, 20 nữ.",
                55.0,
                vec![30.0, 20.0],
            ),
        ] {
            assert_eq!(totals(text), vec![(total, parts, Partial)], "{text}");
        }
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

    /// Regression: every number of a list was a part, so "lớp 1", "Khu
    /// phố 2", "COVID-19" or "mức độ 3, 4" were added to the parts.
    #[test]
    fn label_numbers_are_no_parts() {
        for (text, total, parts, breakdown) in [
            (
                "Tuyển sinh 3.412 học sinh, gồm 3.105 học sinh lớp 1 và 307 học sinh lớp 6.",
                3412.0,
                vec![3105.0, 307.0],
                Complete,
            ),
            (
                "Chi hỗ trợ cho 1.250 hộ, gồm 800 hộ ở Khu phố 1 và 450 hộ ở Khu phố 2.",
                1250.0,
                vec![800.0, 450.0],
                Complete,
            ),
            (
                "Số F0 đang điều trị là 126 người, gồm: 98 người điều trị tại nhà, 28 người tại cơ sở thu dung COVID-19.",
                126.0,
                vec![98.0, 28.0],
                Complete,
            ),
            (
                "Phát hiện 12 công trình vi phạm (4 công trình tại Phường 5, 8 công trình tại Phường 7)",
                12.0,
                vec![4.0, 8.0],
                Presumed,
            ),
            (
                "Phát hiện 12 công trình vi phạm, trong đó 4 công trình tại Phường 5, 8 công trình tại Phường 7.",
                12.0,
                vec![4.0, 8.0],
                Partial,
            ),
            (
                "Kiểm tra 24 cơ sở, trong đó 10 cơ sở tại Khu phố 1, 14 cơ sở tại Khu phố 2.",
                24.0,
                vec![10.0, 14.0],
                Partial,
            ),
            (
                "Đã tiêm 18.452 mũi, trong đó mũi 1 là 9.830 mũi, mũi 2 là 8.622 mũi.",
                18452.0,
                vec![9830.0, 8622.0],
                Partial,
            ),
            (
                "Tiếp nhận 4.216 hồ sơ (2.293 hồ sơ trực tiếp, 1.923 hồ sơ trực tuyến mức độ 3, 4).",
                4216.0,
                vec![2293.0, 1923.0],
                Presumed,
            ),
            // "số" between the noun and its number; a list of labels.
            (
                "Hỗ trợ 300 hộ, gồm 120 hộ ở Khu phố số 1, 180 hộ ở phường 3, 11.",
                300.0,
                vec![120.0, 180.0],
                Complete,
            ),
            // Labels in a list before the part's figure (verifier B11):
            // "5" of "Phường 1, 3 và 5 có 70 hộ" is no part.
            (
                "Tổng số 120 hộ, gồm: Phường 1, 3 và 5 có 70 hộ, Phường 2 có 50 hộ.",
                120.0,
                vec![70.0, 50.0],
                Complete,
            ),
            (
                "Tổng số 120 hộ, gồm: các xã 2, 4, 7 có 70 hộ, xã 3 có 50 hộ.",
                120.0,
                vec![70.0, 50.0],
                Complete,
            ),
            (
                "Tổng số 120 hộ, gồm: Tổ 1–3 có 70 hộ, Tổ 4-6 có 50 hộ.",
                120.0,
                vec![70.0, 50.0],
                Complete,
            ),
            // Ranges of labels with "đến" or "tới" (CA): labels, and the
            // list is still read.
            (
                "Tổng số 120 hộ, gồm: Tổ 1 đến 3 có 70 hộ, Tổ 4 đến 6 có 40 hộ.",
                120.0,
                vec![70.0, 40.0],
                Complete,
            ),
            (
                "Tổng số 120 hộ, gồm: Tổ dân phố 1 đến tổ 3 có 70 hộ, Tổ 4 tới 6 có 50 hộ.",
                120.0,
                vec![70.0, 50.0],
                Complete,
            ),
            (
                "Hỗ trợ 120 hộ (từ Phường 1 đến Phường 5 có 70 hộ, từ Phường 6 đến 9 có 50 hộ).",
                120.0,
                vec![70.0, 50.0],
                Presumed,
            ),
            // Near miss: a figure with the total's unit after a label and
            // a comma is a part.
            (
                "Tổng số 120 hộ, gồm: 70 hộ ở Phường 1, 3, 50 hộ ở Phường 7.",
                120.0,
                vec![70.0, 50.0],
                Complete,
            ),
        ] {
            assert_eq!(totals(text), vec![(total, parts, breakdown)], "{text}");
        }
        // A range of figures, not of labels, is a bound: unsure.
        assert_eq!(
            totals("Tổng số 120 hộ, gồm: 70 hộ được hỗ trợ từ 1 đến 3 tháng, 50 hộ còn lại."),
            vec![]
        );
        // A label is never the total; a figure followed by the total's
        // unit counts ("tuyển" folds as "tuyến").
        assert_eq!(
            totals("Kiểm tra tại Phường 5 đợt (gồm 3 đoàn, 4 đoàn)"),
            vec![]
        );
        assert_eq!(
            totals("Bổ sung 55 người, gồm tuyển 30 người, điều động 25 người."),
            vec![(55.0, vec![30.0, 25.0], Complete)]
        );
        // Real figures after "số", "cấp", "thu" stay parts.
        assert_eq!(
            totals("Cấp 126 giấy phép, gồm: đã cấp 100 giấy phép xây dựng, tổng số 26 giấy phép sửa chữa."),
            vec![(126.0, vec![100.0, 26.0], Complete)]
        );
    }

    /// Regression: "tăng 1,2%" took the bracket of the "93,36%" before it.
    #[test]
    fn a_bracket_after_two_percents_is_left_alone() {
        assert_eq!(
            percents("Có 5.986 hộ đạt danh hiệu Gia đình văn hóa, đạt tỷ lệ 93,36%, tăng 1,2% so với năm trước (5.986/6.412 hộ)."),
            vec![]
        );
        // A bracket closing in between ends the ambiguity.
        assert_eq!(
            percents("Thu ngân sách đạt 17,29% dự toán năm (145,2/840 tỷ đồng), tăng 8,12% so với cùng kỳ (145,2/134,3 tỷ đồng)."),
            vec![
                (PercentKind::Ratio, 17.29, 145.2, 840.0),
                (PercentKind::Growth, 8.12, 145.2, 134.3)
            ]
        );
    }

    /// Regression: "96,5% số hộ đăng ký" was read against the 6.412 hộ
    /// named earlier.
    #[test]
    fn a_count_whose_bracket_names_its_base_is_left_alone() {
        assert_eq!(
            percents(
                "Toàn phường có 6.412 hộ, đã có 5.986 hộ văn hóa (đạt tỷ lệ 96,5% số hộ đăng ký)."
            ),
            vec![]
        );
        // Explicit operands keep their claim whatever follows the percent.
        assert_eq!(
            percents("đã giải quyết 2.580/2.650 hồ sơ (đạt tỷ lệ 97,37% số hồ sơ đến hạn)"),
            vec![(PercentKind::Ratio, 97.37, 2580.0, 2650.0)]
        );
    }

    /// The whole named after its part ("1.250 hộ (21,82%) trong tổng số
    /// 5.729 hộ nghèo"): read as part/whole; a growth or another unit
    /// names no whole.
    #[test]
    fn a_whole_named_after_its_part_is_the_base() {
        use PercentKind::Ratio;
        for text in [
            "Năm 2020, đã hỗ trợ 1.250 hộ (31,82%) trong tổng số 5.729 hộ nghèo.",
            "Đã hỗ trợ 1.250 hộ (31,82%) trên tổng số 5.729 hộ nghèo.",
            "Đã hỗ trợ 1.250 hộ (31,82%) so với tổng số 5.729 hộ nghèo.",
            "Đã hỗ trợ 1.250 hộ (tỷ lệ 31,82%) trên tổng 5.729 hộ nghèo.",
            "Đã hỗ trợ 1.250 hộ, chiếm 31,82% trong tổng số 5.729 hộ nghèo.",
            "Đã hỗ trợ 1.250 hộ, đạt tỷ lệ 31,82% trên tổng số 5.729 hộ nghèo.",
            // The whole after the part is the base the writer gave, not
            // a figure counted earlier in the sentence.
            "Toàn phường có 6.412 hộ, đã hỗ trợ 1.250 hộ (31,82%) trong tổng số 5.729 hộ nghèo.",
        ] {
            assert_eq!(
                percents(text),
                vec![(Ratio, 31.82, 1250.0, 5729.0)],
                "{text}"
            );
        }
        for text in [
            // A growth against the same period: no whole.
            "Số hộ được hỗ trợ tăng 31,82% so với cùng kỳ (5.729 hộ).",
            "Đã hỗ trợ 1.250 hộ (tăng 31,82%) so với tổng số 5.729 hộ.",
            // Another unit, a smaller whole, a bound, a base named in
            // the bracket, "đạt" alone (a plan), a comma before the whole.
            "Đã hỗ trợ 1.250 hộ (31,82%) trong tổng số 5.729 người.",
            "Đã hỗ trợ 1.250 hộ (31,82%) trong tổng số 729 hộ.",
            "Đã hỗ trợ 1.250 hộ (31,82%) trong tổng số khoảng 5.729 hộ.",
            "Đã hỗ trợ 1.250 hộ (31,82% số hộ) trong tổng số 5.729 hộ.",
            "Đã hỗ trợ 1.250 hộ (đạt 31,82%) trong tổng số 5.729 hộ.",
            "Đã hỗ trợ 1.250 hộ (31,82%), trong tổng số 5.729 hộ có 300 hộ.",
        ] {
            assert_eq!(percents(text), vec![], "{text}");
        }
    }

    /// Ages say which people a part counts; they are no parts.
    #[test]
    fn ages_in_a_list_are_no_parts() {
        assert_eq!(
            totals("Người cao tuổi 826 người, gồm: từ đủ 80 tuổi trở lên 512 người; từ 60 đến dưới 80 tuổi thuộc hộ nghèo 304 người."),
            vec![(826.0, vec![512.0, 304.0], Complete)]
        );
        assert_eq!(
            totals("Tiêm cho 1.250 trẻ, gồm 700 trẻ 12 - 17 tuổi và 550 trẻ 5 - 11 tuổi."),
            vec![(1250.0, vec![700.0, 550.0], Complete)]
        );
    }

    /// "a/b …, đạt X%": the share after a comma, with no bracket.
    #[test]
    fn operands_then_the_share_after_a_comma() {
        assert_eq!(
            percents("Đã giải quyết 1.204/1.290 hồ sơ, đạt 93,33%."),
            vec![(PercentKind::Ratio, 93.33, 1204.0, 1290.0)]
        );
        assert_eq!(
            percents("Có 12/63 tỉnh hoàn thành, đạt tỷ lệ 19,05%; còn lại đang triển khai."),
            vec![(PercentKind::Ratio, 19.05, 12.0, 63.0)]
        );
        // Another base named after the percent, a growth, a date or a
        // document number: nothing read.
        for text in [
            "Đã giải quyết 1.204/1.290 hồ sơ, đạt 93,33% kế hoạch năm.",
            "Đã giải quyết 1.204/1.290 hồ sơ, tăng 5,2% so với cùng kỳ.",
            "Theo Kế hoạch số 15/2020, đạt 80%.",
            "Tính đến ngày 15/3, đạt 80%.",
        ] {
            assert!(percents(text).is_empty(), "{text}");
        }
    }

    /// Regression: files settled and in progress, which include the
    /// backlog, were read as a complete split of the files received, then
    /// as presumed complete (a warning on a correct sentence): they are
    /// some parts only, each no larger than the total.
    #[test]
    fn states_of_a_process_the_total_does_not_name_are_partial() {
        assert_eq!(
            totals("Tiếp nhận 312 hồ sơ (đã giải quyết 298 hồ sơ, đang giải quyết 26 hồ sơ)."),
            vec![(312.0, vec![298.0, 26.0], Each)]
        );
        // A total of 9 words before "trong đó có": still read.
        assert_eq!(
            totals("Xử lý 156 trường hợp vi phạm quy định về pháo nổ, trong đó có 165 trường hợp là người chưa thành niên."),
            vec![(156.0, vec![165.0], Partial)]
        );
        // The total names the process: a split of it.
        assert_eq!(
            totals("Giải quyết 324 hồ sơ (đã giải quyết 298 hồ sơ, đang giải quyết 26 hồ sơ)."),
            vec![(324.0, vec![298.0, 26.0], Complete)]
        );
        // Different words after the states: no process, a split.
        assert_eq!(
            totals("Cách ly tập trung 35 người (trong đó: 07 người đang cách ly; 28 người đã hết thời gian cách ly)."),
            vec![(35.0, vec![7.0, 28.0], Complete)]
        );
    }

    /// Regression: a bracket of findings ("phát hiện …, xử phạt …") was
    /// presumed to split the total and warned.
    #[test]
    fn a_presumed_bracket_of_outcomes_or_of_small_parts_is_partial() {
        for (text, total, parts) in [
            (
                "Các đoàn đã kiểm tra 235 cơ sở (phát hiện 41 cơ sở vi phạm, xử phạt 38 cơ sở)",
                235.0,
                vec![41.0, 38.0],
            ),
            (
                "Kiểm tra 60 cơ sở (41 cơ sở vi phạm, xử phạt 38 cơ sở)",
                60.0,
                vec![41.0, 38.0],
            ),
            // The parts add up to less than half the total.
            (
                "Kiểm tra 100 cơ sở (20 cơ sở ăn uống, 15 cơ sở lưu trú)",
                100.0,
                vec![20.0, 15.0],
            ),
        ] {
            assert_eq!(totals(text), vec![(total, parts, Partial)], "{text}");
        }
        assert_eq!(
            totals("tổ chức 12 đoàn kiểm tra (3 đoàn liên ngành, 8 đoàn chuyên ngành)"),
            vec![(12.0, vec![3.0, 8.0], Presumed)]
        );
    }

    /// Regression: the operands were looked for at most 4 words before
    /// the bracket.
    #[test]
    fn explicit_operands_a_long_name_before_the_percent() {
        assert_eq!(
            percents("Giải quyết 2.580/2.650 hồ sơ cấp giấy chứng nhận quyền sử dụng đất (đạt tỷ lệ 97,37%)"),
            vec![(PercentKind::Ratio, 97.37, 2580.0, 2650.0)]
        );
        // A date or a document number is no a/b, however far back.
        for text in [
            "ngày 15/3 đã giải quyết xong toàn bộ hồ sơ tồn đọng (đạt 95%)",
            "theo Kế hoạch số 15/2020 của UBND phường về cải cách hành chính (đạt 95%)",
            "theo Kế hoạch 15/2020 của UBND phường về cải cách hành chính (đạt 95%)",
        ] {
            assert_eq!(percents(text), vec![], "{text}");
        }
        // A count keeps its base within 4 words.
        assert_eq!(
            percents(
                "xảy ra 31 vụ, đã khám phá 21 vụ phạm pháp hình sự trên địa bàn (tỷ lệ 67,74%)"
            ),
            vec![]
        );
    }

    /// A comma after a/b lists the noun counted only when no clause opens
    /// after it; a part's "(đạt X%)" may give its own plan; "kết quả:"
    /// reads only parts that split the whole.
    #[test]
    fn commas_parts_shares_and_results_stay_timid() {
        assert_eq!(
            percents("Tiêm 9.845/10.250 con trâu, bò trong diện tiêm (đạt tỷ lệ 96,05%)"),
            vec![(PercentKind::Ratio, 96.05, 9845.0, 10250.0)]
        );
        for text in [
            "Đã giải quyết 1.204/1.290 hồ sơ, đã trả kết quả (đạt tỷ lệ 95%)",
            "Đã giải quyết 1.204/1.290 hồ sơ, đúng hạn (đạt tỷ lệ 95%)",
            "Đã giải quyết 1.204/1.290 hồ sơ, còn lại đang xử lý (đạt 95%)",
            "Tổng thu 48,62 tỷ đồng, trong đó: thu thuế 21,45 tỷ đồng (đạt 80%), thu phí 27,17 tỷ đồng (đạt 90%)",
            "Tổng thu 48,62 tỷ đồng, trong đó: thu thuế 21,45 tỷ đồng, đạt 80%",
        ] {
            assert_eq!(percents(text), vec![], "{text}");
        }
        assert_eq!(
            totals("Kiểm tra 20 cơ sở, kết quả: phát hiện 5 cơ sở vi phạm, xử phạt 4 cơ sở."),
            vec![]
        );
        assert_eq!(
            totals("Lấy 38 mẫu, kết quả: 34 mẫu đạt, 2 mẫu không đạt."),
            vec![(38.0, vec![34.0, 2.0], Complete)]
        );
        // The cost after the items is no item; in a list of money it is.
        assert_eq!(
            totals("Hỗ trợ 34 hộ, cụ thể: xây mới 21 hộ, sửa chữa 15 hộ, với tổng kinh phí 2,72 tỷ đồng."),
            vec![(34.0, vec![21.0, 15.0], Complete)]
        );
        assert_eq!(
            totals("Chi 10 tỷ đồng, gồm: lương 6 tỷ đồng, kinh phí hoạt động 4 tỷ đồng."),
            vec![(10.0, vec![6.0, 4.0], Complete)]
        );
    }
}
