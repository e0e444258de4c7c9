//! Deadlines of tasks ("Tiến độ"): the forms the departments write, read
//! into an interval of months and compared with the programme's period.
//!
//! ```text
//! Tháng 5/2020 · Tháng 5, 6/2020 · Tháng 5 năm 2020      one or more months
//! Giữa tháng 5/2020 · Tuần đầu tháng 6                    a part of a month: the month
//! Quý II/2020 · Quý 2/2020 · Quý II, III/2020             quarters (Roman or digits)
//! QII/2020 · Q2/2020 · Q.II · Q2                          quarters written short
//! 6 tháng đầu năm 2020 · 6 tháng cuối năm 2020            half-years (also 3, 9)
//! Đầu năm 2026 · Giữa năm · Cuối năm 2026                 months 1-3, 6-7, 10-12
//! Cả năm · Cả năm 2020 · Năm 2020 · Trong năm 2020        the whole year
//! 15/5/2020 · Trước ngày 30/4/2020 · Đến ngày 30/6/2020   the month of the date
//! Ngày 30 tháng 9 năm 2026 · Trước ngày 30 tháng 9          the same, written in words
//! Trước Tết Nguyên đán (Bính Ngọ) · Tết Dương lịch 2026   the month of that Tết
//! 15-20/12/2020 · Từ 01/12/2025 đến 31/01/2026            a range: start to end
//! Tháng 12/2025 - 01/2026 · Quý IV/2025 - Quý I/2026
//! Trong quý I/2026 · Quý I/2026 (trước Tết)               words and notes set aside
//! Hoàn thành trong quý II/2020 · Chậm nhất ngày 30/6      the same
//! Tháng 1/2026 và thường xuyên · Từ tháng 4/2020          from a month on
//! Từ nay đến 30/6/2020                                    from the period's start
//! Đến hết 30/6/2020 · Đến hết quý II/2020                 due by that end
//! Thường xuyên · Hàng tháng · Hàng quý · Định kỳ          ongoing: always in period
//! Ngày 15 hàng tháng · Trước ngày 25 hằng tháng
//! Thường xuyên, báo cáo định kỳ hằng tháng
//! ```
//!
//! A form without a year ("Trước ngày 15/12", "Tháng 12", "Trước Tết")
//! takes the period's year, or the year before or after when that puts it
//! nearer the period and within three months of it. Months are counted as
//! `year × 12 + month − 1`, so that intervals compare across years.

use crate::ingest::styles::DateWithoutDay;
pub use crate::messages::{can_chi, Feast, Holiday};
use crate::model::{quarter_number, Period};
use crate::text::fold;
use regex::Regex;
use std::sync::OnceLock;

/// A deadline as an interval of months (inclusive), open-ended, or ongoing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deadline {
    Months {
        first: i32,
        last: i32,
    },
    /// "Tháng 1/2026 và thường xuyên": from a month on, without end.
    From {
        first: i32,
    },
    /// "Thường xuyên": a standing task, in every period.
    Ongoing,
}

/// How a deadline sits against the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timing {
    /// Ends before the period starts: a stale deadline.
    Before,
    /// Meets the period.
    Within,
    /// Starts after the period ends.
    After,
}

/// A month index of a year and a 1-based month.
pub fn month_index(year: i32, month: u32) -> i32 {
    year * 12 + month as i32 - 1
}

/// The first and last month indexes of a period.
fn period_months(period: Period) -> (i32, i32) {
    (
        month_index(period.year, u32::from(period.first_month())),
        month_index(period.year, u32::from(period.last_month())),
    )
}

impl Deadline {
    fn months(year: i32, first: u32, last: u32) -> Option<Deadline> {
        if !(1..=12).contains(&first) || !(1..=12).contains(&last) || first > last {
            return None;
        }
        if !(1900..=2200).contains(&year) {
            return None;
        }
        Some(Deadline::Months {
            first: month_index(year, first),
            last: month_index(year, last),
        })
    }

    /// Compares with a period.
    pub fn timing(&self, period: Period) -> Timing {
        let (p_first, p_last) = period_months(period);
        match *self {
            Deadline::Ongoing => Timing::Within,
            Deadline::From { first } if first > p_last => Timing::After,
            Deadline::From { .. } => Timing::Within,
            Deadline::Months { last, .. } if last < p_first => Timing::Before,
            Deadline::Months { first, .. } if first > p_last => Timing::After,
            Deadline::Months { .. } => Timing::Within,
        }
    }

    /// Months between the deadline and the period; 0 when they meet.
    fn distance(&self, period: Period) -> i32 {
        let (p_first, p_last) = period_months(period);
        match *self {
            Deadline::Ongoing => 0,
            Deadline::From { first } => (first - p_last).max(0),
            Deadline::Months { last, .. } if last < p_first => p_first - last,
            Deadline::Months { first, .. } => (first - p_last).max(0),
        }
    }

    /// The first month, if the deadline has one.
    fn first(&self) -> Option<i32> {
        match *self {
            Deadline::Months { first, .. } | Deadline::From { first } => Some(first),
            Deadline::Ongoing => None,
        }
    }
}

/// A deadline as read, with what the text left unsaid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    pub deadline: Deadline,
    /// The year taken for a form written without one ("Ngày 31/12"):
    /// the one that puts it nearest the period.
    pub assumed_year: Option<i32>,
    /// The Tết the text names ("Trước Tết Nguyên đán"), as its date.
    pub holiday: Option<Holiday>,
}

impl From<Deadline> for Reading {
    /// A deadline whose text said everything (a date cell).
    fn from(deadline: Deadline) -> Reading {
        Reading {
            deadline,
            assumed_year: None,
            holiday: None,
        }
    }
}

/// The first year of [`TET`].
const TET_FIRST_YEAR: i32 = 2000;

/// Tết Nguyên đán (the first day of the first lunar month, by Vietnam's
/// calendar, UTC+7) of 2000…2050, as (month, day): the new moons computed
/// by Meeus's algorithm at UTC+7, which agree with the published dates
/// (2007: 17/2 in Vietnam, 18/2 in China).
const TET: [(u8, u8); 51] = [
    (2, 5),  // 2000
    (1, 24), // 2001
    (2, 12), // 2002
    (2, 1),  // 2003
    (1, 22), // 2004
    (2, 9),  // 2005
    (1, 29), // 2006
    (2, 17), // 2007
    (2, 7),  // 2008
    (1, 26), // 2009
    (2, 14), // 2010
    (2, 3),  // 2011
    (1, 23), // 2012
    (2, 10), // 2013
    (1, 31), // 2014
    (2, 19), // 2015
    (2, 8),  // 2016
    (1, 28), // 2017
    (2, 16), // 2018
    (2, 5),  // 2019
    (1, 25), // 2020
    (2, 12), // 2021
    (2, 1),  // 2022
    (1, 22), // 2023
    (2, 10), // 2024
    (1, 29), // 2025
    (2, 17), // 2026
    (2, 6),  // 2027
    (1, 26), // 2028
    (2, 13), // 2029
    (2, 2),  // 2030
    (1, 23), // 2031
    (2, 11), // 2032
    (1, 31), // 2033
    (2, 19), // 2034
    (2, 8),  // 2035
    (1, 28), // 2036
    (2, 15), // 2037
    (2, 4),  // 2038
    (1, 24), // 2039
    (2, 12), // 2040
    (2, 1),  // 2041
    (1, 22), // 2042
    (2, 10), // 2043
    (1, 30), // 2044
    (2, 17), // 2045
    (2, 6),  // 2046
    (1, 26), // 2047
    (2, 14), // 2048
    (2, 2),  // 2049
    (1, 23), // 2050
];

/// Tết Trung thu (the 15th day of the 8th lunar month, not of a leap
/// 8th month, by Vietnam's calendar, UTC+7) of 2000…2050, as (month,
/// day): computed as [`TET`] is (Hồ Ngọc Đức's method, which gives every
/// row of that table), and agreeing with the published dates (01/10/2020,
/// 21/9/2021, 17/9/2024, 06/10/2025).
const MID_AUTUMN: [(u8, u8); 51] = [
    (9, 12), // 2000
    (10, 1), // 2001
    (9, 21), // 2002
    (9, 11), // 2003
    (9, 28), // 2004
    (9, 18), // 2005
    (10, 6), // 2006
    (9, 25), // 2007
    (9, 14), // 2008
    (10, 3), // 2009
    (9, 22), // 2010
    (9, 12), // 2011
    (9, 30), // 2012
    (9, 19), // 2013
    (9, 8),  // 2014
    (9, 27), // 2015
    (9, 15), // 2016
    (10, 4), // 2017
    (9, 24), // 2018
    (9, 13), // 2019
    (10, 1), // 2020
    (9, 21), // 2021
    (9, 10), // 2022
    (9, 29), // 2023
    (9, 17), // 2024
    (10, 6), // 2025
    (9, 25), // 2026
    (9, 15), // 2027
    (10, 3), // 2028
    (9, 22), // 2029
    (9, 12), // 2030
    (10, 1), // 2031
    (9, 19), // 2032
    (9, 8),  // 2033
    (9, 26), // 2034
    (9, 16), // 2035
    (10, 4), // 2036
    (9, 24), // 2037
    (9, 13), // 2038
    (10, 2), // 2039
    (9, 20), // 2040
    (9, 9),  // 2041
    (9, 28), // 2042
    (9, 17), // 2043
    (10, 5), // 2044
    (9, 25), // 2045
    (9, 15), // 2046
    (10, 4), // 2047
    (9, 22), // 2048
    (9, 11), // 2049
    (9, 30), // 2050
];

/// The day of Tết Nguyên đán in `year` (month, day), for 2000…2050.
pub fn lunar_new_year(year: i32) -> Option<(u32, u32)> {
    let i = usize::try_from(year - TET_FIRST_YEAR).ok()?;
    TET.get(i).map(|&(m, d)| (u32::from(m), u32::from(d)))
}

/// The day of Tết Trung thu in `year` (month, day), for 2000…2050.
pub fn mid_autumn(year: i32) -> Option<(u32, u32)> {
    let i = usize::try_from(year - TET_FIRST_YEAR).ok()?;
    MID_AUTUMN
        .get(i)
        .map(|&(m, d)| (u32::from(m), u32::from(d)))
}

/// The heavenly stems by `year % 10` and the earthly branches by `year %
/// 12`, folded (Tý and Tỵ both fold to "ty"; the stem tells them apart).
const STEMS: [&str; 10] = [
    "canh", "tan", "nham", "quy", "giap", "at", "binh", "dinh", "mau", "ky",
];
const BRANCHES: [&str; 12] = [
    "than", "dau", "tuat", "hoi", "ty", "suu", "dan", "mao", "thin", "ty", "ngo", "mui",
];
/// The year named by a folded can-chi ("binh ngo") nearest `near`; a name
/// recurs every 60 years.
fn can_chi_year(stem: &str, branch: &str, near: i32) -> Option<i32> {
    let branch = if branch == "meo" { "mao" } else { branch };
    (0..60).flat_map(|k| [near - k, near + k]).find(|y| {
        STEMS[y.rem_euclid(10) as usize] == stem && BRANCHES[y.rem_euclid(12) as usize] == branch
    })
}

/// Lower case without accents, keeping the punctuation that deadlines use
/// (`/`, `,`, `-`), spaces collapsed.
fn simplify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphabetic() {
            out.push_str(&fold(&c.to_string()));
        } else if c.is_ascii_digit() || matches!(c, '/' | ',' | '-' | '.') {
            out.push(c);
        } else if matches!(c, '–' | '—') {
            out.push('-');
        } else {
            out.push(' ');
        }
    }
    let collapsed: Vec<&str> = out.split_whitespace().collect();
    let s = collapsed.join(" ");
    // Spaces around the separators do not matter.
    let s = s.replace(" /", "/").replace("/ ", "/");
    let s = s.replace(" ,", ",").replace(", ", ",");
    let s = s.replace(" - ", "-").replace(" -", "-").replace("- ", "-");
    s.trim_end_matches(['.', ',']).to_string()
}

/// A note in brackets before or after a deadline ("Ngày 03/02/2026 (Kỷ
/// niệm 96 năm thành lập Đảng)", "Quý I/2026 (trước Tết Nguyên đán)")
/// says nothing of when: the deadline is the rest. The rest must still be
/// a deadline on its own.
fn without_note(text: &str) -> &str {
    let t = text.trim();
    let t = match t.strip_suffix(')').and_then(|_| t.rfind('(')) {
        Some(i) if !t[..i].trim().is_empty() => t[..i].trim(),
        _ => t,
    };
    match t.strip_prefix('(').and_then(|rest| rest.find(')')) {
        Some(i) if !t[i + 2..].trim().is_empty() => t[i + 2..].trim(),
        _ => t,
    }
}

struct Patterns {
    year: Regex,
    season: Regex,
    halves: Regex,
    quarters: Regex,
    months: Regex,
    date: Regex,
    month_year: Regex,
    days: Regex,
    ongoing: Regex,
    recurring: Regex,
    recurring_day: Regex,
    tet: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        #[allow(clippy::expect_used)]
        let mk = |p: &str| Regex::new(p).expect("invariant: the deadline patterns are valid");
        // A year written after "/", "năm" or a space.
        let year = r"(?:(?:/|-| nam | )(\d{4}))?";
        // What may stand before a date: "Trước ngày", "Đến", "Hạn", "Ngày".
        let on = r"(?:(?:truoc|den|han|hoan thanh truoc|xong truoc|trong)(?: ngay)?|ngay)";
        Patterns {
            year: mk(r"^(?:ca nam|trong nam|nam)(?: (\d{4}))?$|^(\d{4})$"),
            season: mk(&format!(r"^(dau|giua|cuoi) nam{year}$")),
            halves: mk(&format!(r"^(3|6|9) thang (dau|cuoi)(?: nam)?{year}$")),
            // "Quý II", also written "Q2", "QII", "Q.II"; "lll" with a
            // lower-case L for I is read as "III".
            quarters: mk(&format!(
                r"^(?:dau |giua |cuoi )?(?:quy |q\.? ?)((?:[il]v|[il]{{1,3}}|[1-4])(?:(?:,|-| va )(?:quy |q\.? ?)?(?:[il]v|[il]{{1,3}}|[1-4]))*){year}$"
            )),
            // A part of a month ("Giữa tháng 5", "Trung tuần tháng 5",
            // "Tuần đầu tháng 5") is that month.
            months: mk(&format!(
                r"^(?:(?:truoc|den|trong|cuoi|dau|giua|(?:thuong|trung|ha) tuan|tuan (?:dau|cuoi|\d)) )?thang (\d{{1,2}}(?:(?:,|-| va )(?:thang )?\d{{1,2}})*){year}$"
            )),
            date: mk(&format!(
                r"^(?:({on}) )?(\d{{1,2}})[/.-](\d{{1,2}})(?:[/.-](\d{{4}}))?$"
            )),
            month_year: mk(r"^(\d{1,2})/(\d{4})$"),
            days: mk(&format!(
                r"^(?:tu |{on} )?(\d{{1,2}})-(\d{{1,2}})[/.](\d{{1,2}})(?:[/.](\d{{4}}))?$"
            )),
            ongoing: mk(r"^(?:thuong xuyen|hang thang|hang quy|hang nam|hang tuan|lien tuc)$"),
            recurring: mk(&recurring_pattern()),
            recurring_day: mk(r"(?:^|,| )(?:(?:truoc|vao|den|cham nhat|han)(?: ngay)?|ngay) (\d{1,2})(?:,| |$)"),
            tet: mk(concat!(
                r"\b(?:(?:tet )?(trung thu)|tet(?: (nguyen dan|am lich|co truyen|duong lich|tay))?)",
                r"(?: (canh|tan|nham|quy|giap|at|binh|dinh|mau|ky) (ty|suu|dan|mao|meo|thin|ngo|mui|than|dau|tuat|hoi))?",
                r"(?:(?: nam | |/)(\d{4}))?\b",
            )),
        }
    })
}

/// A recurring or standing deadline, clauses of a standing word
/// ("Thường xuyên", "Liên tục"), a cycle ("Hàng tháng", "Hằng quý",
/// "Định kỳ 6 tháng", "Mỗi tuần") or a day of the cycle ("Ngày 15",
/// "Trước ngày 25"), after words that say who does what ("Báo cáo",
/// "Thực hiện", "Theo"), separated by commas, "và" or spaces: "Thường
/// xuyên, báo cáo định kỳ hằng tháng", "Trước ngày 25 hàng tháng". That
/// a cycle or standing word is among them is checked apart.
fn recurring_pattern() -> String {
    let cycle = r"(?:ngay|tuan|thang|quy|nam|(?:3|6) thang)";
    let cycles = format!(r"(?:hang |moi )?{cycle}(?:(?:,| va )(?:hang |moi )?{cycle})*");
    let clause = format!(
        r"(?:(?:bao cao|thuc hien|theo) )*(?:thuong xuyen|lien tuc|dinh ky(?: {cycles})?|(?:hang|moi) {cycles}|(?:(?:truoc|vao|den|cham nhat|han)(?: ngay)?|ngay) \d{{1,2}})"
    );
    format!(r"^{clause}(?:(?:,| va | ){clause})*$")
}

/// Why a text is no deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No form of deadline.
    NotADeadline,
    /// A date whose day its month does not have ("31/11/2025").
    NoSuchDay { day: u32, month: u32, year: i32 },
}

impl Refusal {
    /// Of two refusals, the one that says more: a day its month lacks.
    fn or(self, other: Refusal) -> Refusal {
        match self {
            Refusal::NoSuchDay { .. } => self,
            Refusal::NotADeadline => other,
        }
    }
}

/// Whether a Tiến độ cell that is no deadline holds a task's status
/// instead ("Đang thực hiện", "Đã hoàn thành", "Hoàn thành trước hạn",
/// "Đã trình", "Quá hạn", "HT"): words of progress, nothing else, with or
/// without accents and with a letter missing, added or changed in a word
/// ("Hoàn thàn"), so that the clerk is told to write when it is due.
pub fn is_status(text: &str) -> bool {
    // The words a status is written with.
    const WORDS: [&str; 22] = [
        "dang", "da", "chua", "tiep", "tuc", "thuc", "hien", "trien", "khai", "lam", "hoan",
        "thanh", "thien", "trinh", "qua", "han", "truoc", "dung", "cham", "xong", "ket", "va",
    ];
    // What makes them a status: one of these among them.
    const PHRASES: [&str; 8] = [
        "hoan thanh",
        "thuc hien",
        "trien khai",
        "hoan thien",
        "da trinh",
        "qua han",
        "xong",
        "dang lam",
    ];
    // Abbreviations clerks write for a status: hoàn thành, chưa hoàn
    // thành.
    const SHORT: [&str; 2] = ["ht", "cht"];
    let s = simplify(text);
    let s = s.trim_matches(|c: char| matches!(c, '.' | ',' | '-' | '/' | ' '));
    if SHORT.contains(&s) {
        return true;
    }
    let mut words = Vec::new();
    for w in s.split([' ', ',', '-', '/']).filter(|w| !w.is_empty()) {
        let known = WORDS.iter().find(|v| **v == w).or_else(|| {
            WORDS
                .iter()
                .find(|v| w.len() >= 4 && v.len() >= 4 && one_edit(w, v))
        });
        match known {
            Some(v) => words.push(*v),
            None => return false,
        }
    }
    let joined = format!(" {} ", words.join(" "));
    PHRASES.iter().any(|p| joined.contains(&format!(" {p} ")))
}

/// Whether `a` becomes `b` by one letter missing, added or changed.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    match long.len() - short.len() {
        0 => a.iter().zip(&b).filter(|(x, y)| x != y).count() <= 1,
        1 => (0..long.len())
            .any(|i| long[..i] == short[..i.min(short.len())] && long[i + 1..] == short[i..]),
        _ => false,
    }
}

/// Reads a deadline; `None` when the text is not one. A form without a year
/// takes `year`.
pub fn parse_deadline(text: &str, year: i32) -> Option<Deadline> {
    let whole_year = Period {
        year,
        span: crate::model::PeriodSpan::Year,
    };
    read_deadline(text, whole_year).ok().map(|r| r.deadline)
}

/// A day of a month, checked: a month past 12 is no date, a day the month
/// lacks is [`Refusal::NoSuchDay`].
fn checked_day(year: i32, month: u32, day: u32) -> Result<(i32, u32, u32), Refusal> {
    if !(1..=12).contains(&month) || !(1900..=2200).contains(&year) || day == 0 {
        return Err(Refusal::NotADeadline);
    }
    if day > days_in_month(year, month) {
        return Err(Refusal::NoSuchDay { day, month, year });
    }
    Ok((year, month, day))
}

/// A form read with a year for what it leaves out: the deadline, whether
/// the text wrote its year, the Tết it names.
#[derive(Clone, Copy)]
struct Read {
    deadline: Deadline,
    written: bool,
    holiday: Option<Holiday>,
}

/// Reads a deadline against the programme's period, or says why the text
/// is none. A note in brackets is left aside; "Trước Tết Nguyên đán" is
/// read as the day of Tết (a table, 2000…2050; a can-chi name "Bính Ngọ"
/// names the year), "Tết Dương lịch" as 1 January; "Trong", "Dịp", "Cao
/// điểm" before a deadline change nothing; a range ("15-20/12/2025", "Từ
/// 01/12/2025 đến 31/01/2026", "Tháng 12/2025 - 01/2026", "Quý IV/2025 -
/// Quý I/2026") spans from its start to its end; "… và thường xuyên" runs
/// on from its start. A form without a year takes the period's year,
/// unless the year before or after puts it nearer the period and within
/// three months of it ("Tháng 12" in a first quarter is last December).
///
/// # Errors
/// [`Refusal::NoSuchDay`] for a date whose month lacks the day,
/// [`Refusal::NotADeadline`] for any other text that is no deadline.
pub fn read_deadline(text: &str, period: Period) -> Result<Reading, Refusal> {
    let s = written_dates(&simplify(without_note(text)));
    if s.is_empty() {
        return Err(Refusal::NotADeadline);
    }
    let base = read_in(&s, period.year, period)?;
    if base.written {
        return Ok(Reading {
            deadline: base.deadline,
            assumed_year: None,
            holiday: base.holiday,
        });
    }
    let mut best = (base, period.year, base.deadline.distance(period));
    for y in [period.year - 1, period.year + 1] {
        let Ok(r) = read_in(&s, y, period) else {
            continue;
        };
        let d = r.deadline.distance(period);
        if d < best.2 && d <= 3 {
            best = (r, y, d);
        }
    }
    let (r, y, _) = best;
    Ok(Reading {
        deadline: r.deadline,
        assumed_year: (r.deadline != Deadline::Ongoing).then_some(y),
        holiday: r.holiday,
    })
}

/// The date of an official letter in words ("Ngày 30 tháng 9 năm 2026",
/// "Trước ngày 30 tháng 9 năm 2026", "30 tháng 9") written as the digits
/// the forms read ("ngay 30/9/2026"). A week of a month ("Tuần 2 tháng
/// 9") is no day and stays.
fn written_dates(s: &str) -> String {
    static WORDS: OnceLock<Regex> = OnceLock::new();
    #[allow(clippy::expect_used)]
    let re = WORDS.get_or_init(|| {
        Regex::new(r"\b(\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?\b")
            .expect("invariant: the written date pattern is valid")
    });
    re.replace_all(s, |c: &regex::Captures| {
        let whole = c.get(0).map_or("", |m| m.as_str());
        let before = c.get(0).map_or("", |m| &s[..m.start()]);
        if before.trim_end().ends_with("tuan") {
            return whole.to_string();
        }
        let (day, month) = (&c[1], &c[2]);
        match c.get(3) {
            Some(y) => format!("{day}/{month}/{}", y.as_str()),
            None => format!("{day}/{month}"),
        }
    })
    .into_owned()
}

/// Reads `s`, a year-less form taking `year`: the Tết it names replaced
/// by its date, then the deadline's forms.
fn read_in(s: &str, year: i32, period: Period) -> Result<Read, Refusal> {
    let (s, holiday) = name_holiday(s, year, period)?;
    let (deadline, written) = read_form(&s, year, period)?;
    Ok(Read {
        deadline,
        // The date put for a Tết writes a year the text may not have.
        written: written && holiday.is_none_or(|(_, w)| w),
        holiday: holiday.map(|(h, _)| h),
    })
}

/// Replaces the Tết a text names by its date ("truoc tet nguyen dan" →
/// "truoc 17/02/2026"), with whether its year was written (digits or a
/// can-chi name). A Tết with no year is the one of `year`.
fn name_holiday(
    s: &str,
    year: i32,
    period: Period,
) -> Result<(String, Option<(Holiday, bool)>), Refusal> {
    let no = Refusal::NotADeadline;
    let Some(c) = patterns().tet.captures(s) else {
        return Ok((s.to_string(), None));
    };
    let feast = if c.get(1).is_some() {
        Feast::MidAutumn
    } else if matches!(c.get(2).map(|m| m.as_str()), Some("duong lich" | "tay")) {
        Feast::NewYear
    } else {
        Feast::LunarNewYear
    };
    let lunar = feast.is_lunar();
    let digits: Option<i32> = c.get(5).and_then(|m| m.as_str().parse().ok());
    let named = match (c.get(3), c.get(4)) {
        (Some(stem), Some(branch)) if lunar => {
            Some(can_chi_year(stem.as_str(), branch.as_str(), period.year).ok_or(no)?)
        }
        (Some(_), Some(_)) => return Err(no),
        _ => None,
    };
    let (y, written) = match (digits, named) {
        (Some(d), Some(n)) if d != n => return Err(no),
        (Some(d), _) | (None, Some(d)) => (d, true),
        (None, None) => (year, false),
    };
    let (month, day) = match feast {
        Feast::LunarNewYear => lunar_new_year(y).ok_or(no)?,
        Feast::MidAutumn => mid_autumn(y).ok_or(no)?,
        Feast::NewYear => (1, 1),
    };
    let whole = c.get(0).ok_or(no)?;
    let mut before = &s[..whole.start()];
    // "Sau Tết Trung thu", "Sau Tết Nguyên đán": the weeks after the
    // day, taken as the fortnight after it ("Sau Tết Trung thu 2020":
    // 02/10–16/10/2020). "Sau" is no neutral word (after a day is no
    // deadline by that day), so it goes with the Tết it opens.
    let after = ["sau dip ", "sau "]
        .iter()
        .find_map(|w| before.strip_suffix(w))
        .filter(|rest| rest.is_empty() || rest.ends_with(' '));
    let date = if let Some(rest) = after {
        before = rest;
        let (sy, sm, sd) = days_after(y, month, day, 1);
        let (ey, em, ed) = days_after(y, month, day, 15);
        format!("tu {sd:02}/{sm:02}/{sy} den {ed:02}/{em:02}/{ey}")
    } else if lunar && before.ends_with("dip ") {
        // "Dịp Tết Trung thu", "Dịp Tết Nguyên đán": the occasion, the
        // fortnight up to the day (the festival's preparations and the
        // day itself), as a range from fifteen days before.
        let (sy, sm, sd) = if day > 15 {
            (y, month, day - 15)
        } else if month == 1 {
            (y - 1, 12, days_in_month(y - 1, 12) + day - 15)
        } else {
            (y, month - 1, days_in_month(y, month - 1) + day - 15)
        };
        format!("tu {sd:02}/{sm:02}/{sy} den {day:02}/{month:02}/{y}")
    } else {
        format!("{day:02}/{month:02}/{y}")
    };
    let out = format!("{before}{date}{}", &s[whole.end()..]);
    let holiday = Holiday {
        feast,
        year: y,
        month,
        day,
    };
    Ok((out, Some((holiday, written))))
}

/// The day `n` days (0 < n ≤ 28) after a day of `year`, as (year, month,
/// day).
fn days_after(year: i32, month: u32, day: u32, n: u32) -> (i32, u32, u32) {
    let (mut y, mut m, mut d) = (year, month, day + n);
    loop {
        let len = days_in_month(y, m);
        if len == 0 || d <= len {
            break;
        }
        d -= len;
        if m == 12 {
            (y, m) = (y + 1, 1);
        } else {
            m += 1;
        }
    }
    (y, m, d)
}

/// Words before a deadline that change nothing: "Trong quý I/2026", "Dịp
/// 17/02/2026", "Cao điểm từ … đến …", "Hoàn thành trong quý II/2020",
/// "Chậm nhất ngày 30/6/2020"; and the words that make it the end of a
/// task under way ("Đến hết 30/6/2020", "Đến hết quý II/2020"), due by
/// that end as "Đến ngày 30/6/2020" is. A longer word before the one it
/// opens with.
const NEUTRAL: [&str; 16] = [
    "trong ",
    "dip ",
    "cao diem ",
    "khoang ",
    "du kien ",
    "vao ",
    "thoi gian ",
    "hoan thanh ",
    "thuc hien ",
    "cham nhat ",
    "giai doan ",
    "den het ",
    "cho den ",
    "den ",
    "toi ",
    "xong ",
];

/// Words that open a deadline running from its start on: "Từ tháng
/// 4/2020", "Từ 01/4/2020", "Bắt đầu từ quý II/2020".
const FROM: [&str; 4] = ["bat dau tu ", "ke tu ", "tu ", "bat dau "];

/// Words for the time the programme is made: "Từ nay đến 30/6/2020" runs
/// from the period's start.
const FROM_NOW: [&str; 2] = ["tu nay", "tu bay gio"];

/// Words after a deadline that make it run on: "Tháng 1/2026 và thường
/// xuyên", "Từ tháng 1/2026 trở đi".
const RUNS_ON: [&str; 4] = [
    " va thuong xuyen",
    ",thuong xuyen",
    " va lien tuc",
    " tro di",
];

/// Reads a simplified text: a form, a form that runs on, a range, a
/// start without an end, a time from now; else the same without a
/// neutral word before it.
fn read_form(s: &str, year: i32, period: Period) -> Result<(Deadline, bool), Refusal> {
    let mut s = s;
    let mut refusal = Refusal::NotADeadline;
    for _ in 0..4 {
        let read = single(s, year)
            .or_else(|e| runs_on(s, year).map_err(|e2| e.or(e2)))
            .or_else(|e| range(s, year).map_err(|e2| e.or(e2)))
            .or_else(|e| from_on(s, year).map_err(|e2| e.or(e2)))
            .or_else(|e| from_now(s, year, period).map_err(|e2| e.or(e2)));
        match read {
            Ok(r) => return Ok(r),
            Err(e) => refusal = refusal.or(e),
        }
        match NEUTRAL.iter().find_map(|w| s.strip_prefix(w)) {
            Some(rest) => s = rest,
            None => break,
        }
    }
    Err(refusal)
}

/// "Từ tháng 4/2020", "Từ 01/4/2020": from the start's first month on,
/// without end (in period unless it starts after).
fn from_on(s: &str, year: i32) -> Result<(Deadline, bool), Refusal> {
    let no = Refusal::NotADeadline;
    let head = FROM.iter().find_map(|w| s.strip_prefix(w)).ok_or(no)?;
    let head = head.strip_prefix("ngay ").unwrap_or(head);
    let (d, written) = single(head, year)?;
    Ok((
        Deadline::From {
            first: d.first().ok_or(no)?,
        },
        written,
    ))
}

/// "Từ nay đến 30/6/2020", "Từ nay đến hết năm 2020": from the period's
/// first month (or the end's last, when earlier: a stale end stays
/// stale) to the end's last; "Từ nay", "Từ nay trở đi": from the period
/// on.
fn from_now(s: &str, year: i32, period: Period) -> Result<(Deadline, bool), Refusal> {
    let no = Refusal::NotADeadline;
    let rest = FROM_NOW.iter().find_map(|w| s.strip_prefix(w)).ok_or(no)?;
    let (p_first, _) = period_months(period);
    let rest = rest.trim_start_matches(',').trim();
    if rest.is_empty() || rest == "tro di" {
        return Ok((Deadline::From { first: p_first }, true));
    }
    let end = ["den het ", "den ", "toi "]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .ok_or(no)?;
    let (d, written) = read_form(end, year, period)?;
    Ok(match d {
        Deadline::Months { last, .. } => (
            Deadline::Months {
                first: p_first.min(last),
                last,
            },
            written,
        ),
        other => (other, written),
    })
}

/// "Tháng 1/2026 và thường xuyên": from the deadline's first month on.
fn runs_on(s: &str, year: i32) -> Result<(Deadline, bool), Refusal> {
    let no = Refusal::NotADeadline;
    let head = RUNS_ON.iter().find_map(|w| s.strip_suffix(w)).ok_or(no)?;
    let head = head.strip_prefix("tu ").unwrap_or(head);
    let (d, written) = single(head, year).or_else(|_| range(head, year))?;
    Ok((
        Deadline::From {
            first: d.first().ok_or(no)?,
        },
        written,
    ))
}

/// "Từ 15/12/2025 đến 28/02/2026", "Tháng 12/2025 - 01/2026", "Quý
/// IV/2025 - Quý I/2026": from the start's first month to the end's last.
/// A side without a year takes the other's, or the year before (after)
/// when it would start after the end.
fn range(s: &str, year: i32) -> Result<(Deadline, bool), Refusal> {
    let s = s.strip_prefix("tu ").unwrap_or(s);
    let mut refusal = Refusal::NotADeadline;
    let cuts = s
        .match_indices(" den ")
        .chain(s.match_indices(" toi "))
        .chain(s.match_indices('-'));
    for (at, sep) in cuts {
        let (a, b) = (&s[..at], &s[at + sep.len()..]);
        let a = a.strip_prefix("ngay ").unwrap_or(a);
        // "Từ 01/4 đến hết 30/6/2020": through the end's day.
        let b = b.strip_prefix("het ").unwrap_or(b);
        let b = b.strip_prefix("ngay ").unwrap_or(b);
        match span(a, b, year) {
            Ok(r) => return Ok(r),
            Err(e) => refusal = refusal.or(e),
        }
    }
    Err(refusal)
}

/// The range from `a` to `b` (each a single form).
fn span(a: &str, b: &str, year: i32) -> Result<(Deadline, bool), Refusal> {
    let no = Refusal::NotADeadline;
    let bounds = |d: Deadline| match d {
        Deadline::Months { first, last } => Ok((first, last)),
        _ => Err(no),
    };
    let year_of = |m: i32| m.div_euclid(12);
    let (mut da, wa) = single(a, year)?;
    let (mut db, wb) = single(b, year)?;
    if wb && !wa {
        let end_year = year_of(bounds(db)?.0);
        da = single(a, end_year)?.0;
        if bounds(da)?.0 > bounds(db)?.0 {
            da = single(a, end_year - 1)?.0;
        }
    } else if wa && !wb {
        let start_year = year_of(bounds(da)?.1);
        db = single(b, start_year)?.0;
        if bounds(db)?.1 < bounds(da)?.0 {
            db = single(b, start_year + 1)?.0;
        }
    } else if !wa && !wb && bounds(da)?.0 > bounds(db)?.0 {
        da = single(a, year - 1)?.0;
    }
    let ((first, _), (_, last)) = (bounds(da)?, bounds(db)?);
    if first > last {
        return Err(no);
    }
    Ok((Deadline::Months { first, last }, wa || wb))
}

/// Reads one form (no range of two forms, no words around it): the
/// deadline and whether its year was written.
fn single(s: &str, default_year: i32) -> Result<(Deadline, bool), Refusal> {
    let p = patterns();
    let no = Refusal::NotADeadline;
    if s.is_empty() {
        return Err(no);
    }
    let num = |m: Option<regex::Match>| -> Option<u32> { m?.as_str().parse().ok() };
    let year_of = |m: Option<regex::Match>| -> Option<i32> {
        match m {
            Some(m) => m.as_str().parse().ok(),
            None => Some(default_year),
        }
    };
    let months = |y: i32, first: u32, last: u32, written: Option<regex::Match>| {
        Deadline::months(y, first, last)
            .map(|d| (d, written.is_some()))
            .ok_or(no)
    };
    if p.ongoing.is_match(s) || is_recurring(s) {
        return Ok((Deadline::Ongoing, false));
    }
    if let Some(c) = p.year.captures(s) {
        let written = c.get(1).or(c.get(2));
        let y = year_of(written).ok_or(no)?;
        return months(y, 1, 12, written);
    }
    if let Some(c) = p.season.captures(s) {
        // "Đầu năm": the first quarter; "Giữa năm": June and July, the
        // half-year's review; "Cuối năm": the last quarter.
        let y = year_of(c.get(2)).ok_or(no)?;
        let (first, last) = match c.get(1).map(|m| m.as_str()) {
            Some("dau") => (1, 3),
            Some("giua") => (6, 7),
            _ => (10, 12),
        };
        return months(y, first, last, c.get(2));
    }
    if let Some(c) = p.halves.captures(s) {
        let n = num(c.get(1)).ok_or(no)?;
        let y = year_of(c.get(3)).ok_or(no)?;
        return match c.get(2).map(|m| m.as_str()) {
            Some("dau") => months(y, 1, n, c.get(3)),
            _ => months(y, 13 - n, 12, c.get(3)),
        };
    }
    if let Some(c) = p.quarters.captures(s) {
        let qs: Vec<u32> = numbers_in(c.get(1).ok_or(no)?.as_str())
            .into_iter()
            // A lower-case "l" typed for the Roman "I" ("Quý lll/2026",
            // "Quý IIl/2026", "Quý l/2026"): only here, in a quarter's
            // numeral, where no other letter can stand.
            .map(|q| quarter_number(&q.replace('l', "i")).map(u32::from))
            .collect::<Option<Vec<u32>>>()
            .ok_or(no)?;
        let y = year_of(c.get(2)).ok_or(no)?;
        let (lo, hi) = (*qs.iter().min().ok_or(no)?, *qs.iter().max().ok_or(no)?);
        return months(y, (lo - 1) * 3 + 1, hi * 3, c.get(2));
    }
    if let Some(c) = p.months.captures(s) {
        let list = c.get(1).ok_or(no)?.as_str();
        let ms: Vec<u32> = numbers_in(list)
            .into_iter()
            .map(|m| m.parse::<u32>().ok())
            .collect::<Option<Vec<u32>>>()
            .ok_or(no)?;
        let y = year_of(c.get(2)).ok_or(no)?;
        // "Tháng 12 - 01/2026": from December of the year before.
        if let [from, to] = ms[..] {
            if from > to && list.contains('-') {
                let start = Deadline::months(y - 1, from, from).and_then(|d| d.first());
                let end = Deadline::months(y, to, to).and_then(|d| d.first());
                let (first, last) = start.zip(end).ok_or(no)?;
                return Ok((Deadline::Months { first, last }, c.get(2).is_some()));
            }
        }
        let (lo, hi) = (*ms.iter().min().ok_or(no)?, *ms.iter().max().ok_or(no)?);
        return months(y, lo, hi, c.get(2));
    }
    if let Some(c) = p.month_year.captures(s) {
        let (m, y) = (num(c.get(1)).ok_or(no)?, year_of(c.get(2)).ok_or(no)?);
        return months(y, m, m, c.get(2));
    }
    if let Some(c) = p.date.captures(s) {
        let (day, month) = (num(c.get(2)).ok_or(no)?, num(c.get(3)).ok_or(no)?);
        let (y, m, d) = checked_day(year_of(c.get(4)).ok_or(no)?, month, day)?;
        // "Trước ngày 01/01/2026" is due by 31/12/2025.
        let before = c.get(1).is_some_and(|w| w.as_str().contains("truoc"));
        let (y, m) = match (before, d, m) {
            (true, 1, 1) => (y - 1, 12),
            (true, 1, m) => (y, m - 1),
            _ => (y, m),
        };
        return months(y, m, m, c.get(4));
    }
    if let Some(c) = p.days.captures(s) {
        // "15-20/12/2025": two days of one month, due at the second.
        let (from, to) = (num(c.get(1)).ok_or(no)?, num(c.get(2)).ok_or(no)?);
        let month = num(c.get(3)).ok_or(no)?;
        let y = year_of(c.get(4)).ok_or(no)?;
        checked_day(y, month, from)?;
        checked_day(y, month, to)?;
        if from > to {
            return Err(no);
        }
        return months(y, month, month, c.get(4));
    }
    Err(no)
}

/// Whether a text is a recurring or standing deadline (see
/// [`recurring_pattern`]): a standing word or a cycle among its clauses,
/// every day it names one a month has ("Ngày 32 hàng tháng" is none).
fn is_recurring(s: &str) -> bool {
    let p = patterns();
    if !p.recurring.is_match(s) {
        return false;
    }
    let stripped = p.recurring_day.replace_all(s, " ");
    let cycle_or_standing = ["thuong xuyen", "lien tuc", "dinh ky", "hang ", "moi "]
        .iter()
        .any(|w| stripped.contains(w));
    let days_ok = p.recurring_day.captures_iter(s).all(|c| {
        c.get(1)
            .and_then(|d| d.as_str().parse::<u32>().ok())
            .is_some_and(|d| (1..=31).contains(&d))
    });
    cycle_or_standing && days_ok
}

/// The numbers or numerals of a list ("ii,iii", "5-6", "5 va thang 6").
fn numbers_in(list: &str) -> Vec<String> {
    list.split([',', '-', ' '])
        .map(str::trim)
        .filter(|t| !t.is_empty() && *t != "va" && *t != "quy" && *t != "thang")
        // "QII", "Q.III": the numeral after the letter.
        .map(|t| t.strip_prefix("q.").or(t.strip_prefix('q')).unwrap_or(t))
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

/// The days of a month (0 for a month past 12).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// The deadline of a date cell (an Excel serial day number).
pub fn deadline_of_serial(serial: f64) -> Option<Deadline> {
    if !serial.is_finite() || !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    // Days since 1970-01-01 (Excel's day 25569), then the civil date.
    let days = serial.floor() as i64 - 25_569;
    let (y, m, _) = civil_from_days(days);
    Deadline::months(i32::try_from(y).ok()?, m, m)
}

/// A date cell written as Vietnamese dates are: `30/4/2020`.
pub fn date_text(serial: f64) -> Option<String> {
    if !serial.is_finite() || !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let (y, m, d) = civil_from_days(serial.floor() as i64 - 25_569);
    Some(format!("{d:02}/{m:02}/{y}"))
}

/// A date cell whose format shows no day, as the annex writes it: "Tháng
/// 12/2025" for a month (`mmm-yy`), "Năm 2025" for a year.
pub fn month_text(serial: f64, shown: DateWithoutDay) -> Option<String> {
    if !serial.is_finite() || !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let (y, m, _) = civil_from_days(serial.floor() as i64 - 25_569);
    Some(match shown {
        DateWithoutDay::Month => format!("Tháng {m}/{y}"),
        DateWithoutDay::Year => format!("Năm {y}"),
    })
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(text: &str) -> Option<(i32, u32, i32, u32)> {
        match parse_deadline(text, 2020)? {
            Deadline::Months { first, last } => Some((
                first.div_euclid(12),
                (first.rem_euclid(12) + 1) as u32,
                last.div_euclid(12),
                (last.rem_euclid(12) + 1) as u32,
            )),
            Deadline::Ongoing => Some((0, 0, 0, 0)),
            Deadline::From { first } => Some((
                first.div_euclid(12),
                (first.rem_euclid(12) + 1) as u32,
                9999,
                0,
            )),
        }
    }

    /// A deadline read against a period, as (first year, first month,
    /// last year, last month), with the year assumed and the Tết read.
    fn read_q(text: &str, period: Period) -> Option<((i32, u32, i32, u32), Reading)> {
        let r = read_deadline(text, period).ok()?;
        let ym = |m: i32| (m.div_euclid(12), (m.rem_euclid(12) + 1) as u32);
        let span = match r.deadline {
            Deadline::Months { first, last } => (ym(first).0, ym(first).1, ym(last).0, ym(last).1),
            Deadline::From { first } => (ym(first).0, ym(first).1, 9999, 0),
            Deadline::Ongoing => (0, 0, 0, 0),
        };
        Some((span, r))
    }

    #[test]
    fn every_written_form_is_read() {
        assert_eq!(months("Tháng 5/2020"), Some((2020, 5, 2020, 5)));
        assert_eq!(months("tháng 05 / 2020"), Some((2020, 5, 2020, 5)));
        assert_eq!(months("Tháng 5 năm 2020"), Some((2020, 5, 2020, 5)));
        assert_eq!(months("Tháng 5, 6/2020"), Some((2020, 5, 2020, 6)));
        assert_eq!(months("Tháng 5"), Some((2020, 5, 2020, 5)));
        assert_eq!(months("Quý II/2020"), Some((2020, 4, 2020, 6)));
        assert_eq!(months("Quý 2/2020"), Some((2020, 4, 2020, 6)));
        assert_eq!(months("QUÝ II NĂM 2020"), Some((2020, 4, 2020, 6)));
        assert_eq!(months("Quý II, III/2020"), Some((2020, 4, 2020, 9)));
        assert_eq!(months("Quý II - III/2020"), Some((2020, 4, 2020, 9)));
        assert_eq!(months("Quý III/2019"), Some((2019, 7, 2019, 9)));
        assert_eq!(months("6 tháng đầu năm 2020"), Some((2020, 1, 2020, 6)));
        assert_eq!(months("6 tháng cuối năm 2020"), Some((2020, 7, 2020, 12)));
        assert_eq!(months("Cả năm"), Some((2020, 1, 2020, 12)));
        assert_eq!(months("Cả năm 2020"), Some((2020, 1, 2020, 12)));
        assert_eq!(months("Năm 2020"), Some((2020, 1, 2020, 12)));
        assert_eq!(months("2021"), Some((2021, 1, 2021, 12)));
        assert_eq!(months("15/5/2020"), Some((2020, 5, 2020, 5)));
        assert_eq!(months("Trước ngày 30/4/2020"), Some((2020, 4, 2020, 4)));
        assert_eq!(months("trước ngày 30-4-2020."), Some((2020, 4, 2020, 4)));
        assert_eq!(months("Đến ngày 30/6/2020"), Some((2020, 6, 2020, 6)));
        // The date of an official letter, in words.
        assert_eq!(months("Ngày 30 tháng 9 năm 2020"), Some((2020, 9, 2020, 9)));
        assert_eq!(
            months("Trước ngày 30 tháng 9 năm 2020"),
            Some((2020, 9, 2020, 9))
        );
        assert_eq!(months("30 tháng 9 năm 2020"), Some((2020, 9, 2020, 9)));
        assert_eq!(months("ngày 15 tháng 10"), Some((2020, 10, 2020, 10)));
        assert_eq!(months("Tuần 2 tháng 9/2020"), Some((2020, 9, 2020, 9)));
        assert_eq!(months("Thường xuyên"), Some((0, 0, 0, 0)));
    }

    #[test]
    fn status_words_are_told_apart_from_other_text() {
        for status in [
            "Đang thực hiện",
            "Dang thuc hien",
            "Đã trình",
            "Hoàn thành trước hạn",
            "Quá hạn",
            "Hoàn thàn",
            "Chua thuc hien",
            "HT",
            "Đã hoàn thành.",
        ] {
            assert!(is_status(status), "{status}");
        }
        for other in [
            "Sớm",
            "Tháng",
            "Theo chỉ đạo",
            "Đã",
            "Sau khi có ý kiến",
            "",
        ] {
            assert!(!is_status(other), "{other}");
        }
    }

    #[test]
    fn text_that_is_no_deadline_is_refused() {
        for bad in [
            "",
            "Sớm nhất có thể",
            "Tháng 13/2020",
            "Quý V/2020",
            "31/4/2020",
            "Theo chỉ đạo của UBND quận",
            "Quý",
            "Năm 20",
        ] {
            assert_eq!(parse_deadline(bad, 2020), None, "{bad}");
        }
    }

    #[test]
    fn dates_without_a_year_and_ranges_are_deadlines() {
        // The tester's clerks' forms, each a false deadline-invalid error:
        // a date without a year takes the period's, a range is due at its
        // end.
        assert_eq!(months("Trước ngày 15/12"), Some((2020, 12, 2020, 12)));
        assert_eq!(months("Trước ngày 30/4"), Some((2020, 4, 2020, 4)));
        assert_eq!(months("Đến ngày 20/12"), Some((2020, 12, 2020, 12)));
        assert_eq!(months("Ngày 15/12"), Some((2020, 12, 2020, 12)));
        assert_eq!(months("Trước 20/12/2025"), Some((2025, 12, 2025, 12)));
        assert_eq!(months("12/2025"), Some((2025, 12, 2025, 12)));
        assert_eq!(months("15-20/12/2025"), Some((2025, 12, 2025, 12)));
        assert_eq!(months("15 - 20/12"), Some((2020, 12, 2020, 12)));
        // A range spans from its start to its end.
        assert_eq!(
            months("Từ 01/10 đến 30/11/2025"),
            Some((2025, 10, 2025, 11))
        );
        assert_eq!(
            months("01/10/2025 - 30/11/2025"),
            Some((2025, 10, 2025, 11))
        );
        assert_eq!(
            months("Từ ngày 01/12 đến ngày 31/01/2021"),
            Some((2020, 12, 2021, 1))
        );
        // Near misses: a range that ends before it starts, a day its month
        // lacks in a range, a month past 12.
        for bad in [
            "20-15/12/2025",
            "15-31/11/2025",
            "Từ 01/13 đến 30/11/2025",
            "13/2025",
        ] {
            assert_eq!(parse_deadline(bad, 2020), None, "{bad}");
        }
    }

    fn whole(year: i32) -> Period {
        Period {
            year,
            span: crate::model::PeriodSpan::Year,
        }
    }

    #[test]
    fn a_day_its_month_lacks_is_told_apart() {
        let no_such = |day, month, year| Err(Refusal::NoSuchDay { day, month, year });
        assert_eq!(
            read_deadline("31/11/2025", whole(2025)).map(|r| r.deadline),
            no_such(31, 11, 2025)
        );
        assert_eq!(
            read_deadline("Trước ngày 31/11", whole(2025)).map(|r| r.deadline),
            no_such(31, 11, 2025)
        );
        assert_eq!(
            read_deadline("29/2/2025", whole(2025)).map(|r| r.deadline),
            no_such(29, 2, 2025)
        );
        assert!(read_deadline("29/2/2024", whole(2025))
            .map(|r| r.deadline)
            .is_ok());
        assert_eq!(
            read_deadline("Sớm nhất có thể", whole(2025)).map(|r| r.deadline),
            Err(Refusal::NotADeadline)
        );
        assert_eq!(
            read_deadline("31/13/2025", whole(2025)).map(|r| r.deadline),
            Err(Refusal::NotADeadline)
        );
    }

    #[test]
    fn deadlines_compare_with_the_period_both_ways() {
        let q2 = Period::quarter(2020, 2);
        let timing = |t: &str| parse_deadline(t, 2020).unwrap().timing(q2);
        assert_eq!(timing("Quý III/2019"), Timing::Before);
        assert_eq!(timing("Tháng 2/2020"), Timing::Before);
        assert_eq!(timing("Trước ngày 31/3/2020"), Timing::Before);
        assert_eq!(timing("Tháng 9/2020"), Timing::After);
        assert_eq!(timing("Quý III/2020"), Timing::After);
        assert_eq!(timing("Tháng 4/2020"), Timing::Within);
        assert_eq!(timing("Tháng 6/2020"), Timing::Within);
        assert_eq!(timing("Quý I, II/2020"), Timing::Within);
        assert_eq!(timing("Quý II, III/2020"), Timing::Within);
        assert_eq!(timing("6 tháng đầu năm 2020"), Timing::Within);
        assert_eq!(timing("Cả năm"), Timing::Within);
        assert_eq!(timing("Thường xuyên"), Timing::Within);
        assert_eq!(timing("Năm 2021"), Timing::After);
    }

    #[test]
    fn a_lower_case_l_typed_for_roman_one_is_read_in_a_quarter() {
        let q3 = Period::quarter(2026, 3);
        for typed in [
            "Quý lll/2026",
            "Quý Ill/2026",
            "Quý IIl/2026",
            "QUÝ III/2026",
        ] {
            let d = parse_deadline(typed, 2026).unwrap_or_else(|| panic!("{typed}"));
            assert_eq!(d.timing(q3), Timing::Within, "{typed}");
        }
        let q1 = Period::quarter(2026, 1);
        let d = parse_deadline("Quý l/2026", 2026).unwrap_or_else(|| panic!("Quý l"));
        assert_eq!(d.timing(q1), Timing::Within);
        // Only a quarter's numeral: an "l" elsewhere is still no deadline.
        assert!(parse_deadline("Quý lx/2026", 2026).is_none());
        assert!(parse_deadline("Tháng l/2026", 2026).is_none());
    }

    #[test]
    fn third_quarter_forms_cover_the_third_quarter() {
        let q3 = Period::quarter(2020, 3);
        for within in [
            "Tháng 7/2020",
            "Tháng 07/2020",
            "Tháng 08/2020",
            "Tháng 9/2020",
            "Quý III/2020",
            "Quý 3/2020",
            "Quý III, IV/2020",
            "Năm 2020",
            "Cả năm 2020",
        ] {
            let d = parse_deadline(within, 2020).unwrap_or_else(|| panic!("{within}"));
            assert_eq!(d.timing(q3), Timing::Within, "{within}");
        }
        // Near misses: last quarter's and last year's deadlines.
        for (before, timing) in [
            ("Quý II/2020", Timing::Before),
            ("Quý III/2019", Timing::Before),
            ("Tháng 6/2020", Timing::Before),
            ("Quý IV/2020", Timing::After),
        ] {
            assert_eq!(
                parse_deadline(before, 2020).unwrap().timing(q3),
                timing,
                "{before}"
            );
        }
    }

    #[test]
    fn tet_is_read_as_its_day() {
        let q1 = Period::quarter(2026, 1);
        let tet_2026 = Holiday {
            feast: Feast::LunarNewYear,
            year: 2026,
            month: 2,
            day: 17,
        };
        // The four forms of the tester's programme, each a false
        // deadline-invalid error: February 2026, within the first quarter.
        for (text, assumed) in [
            ("Trước Tết Nguyên đán", Some(2026)),
            ("Dịp Tết Nguyên đán Bính Ngọ 2026", None),
            ("Trước Tết Nguyên đán Bính Ngọ", None),
            ("Trước Tết", Some(2026)),
            ("Tết Nguyên đán năm 2026", None),
        ] {
            let (span, r) = read_q(text, q1).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(span, (2026, 2, 2026, 2), "{text}");
            assert_eq!(r.holiday, Some(tet_2026), "{text}");
            assert_eq!(r.assumed_year, assumed, "{text}");
            assert_eq!(r.deadline.timing(q1), Timing::Within, "{text}");
        }
        // Tết Dương lịch is 1 January; before it is December.
        let (span, r) = read_q("Trước Tết Dương lịch 2026", q1).unwrap();
        assert_eq!(span, (2025, 12, 2025, 12));
        assert_eq!(r.deadline.timing(q1), Timing::Before);
        assert_eq!(
            r.holiday.map(|h| (h.feast, h.year, h.month, h.day)),
            Some((Feast::NewYear, 2026, 1, 1))
        );
        assert_eq!(
            read_q("Dịp Tết Dương lịch", q1).unwrap().0,
            (2026, 1, 2026, 1)
        );
        // A year's Tết from the table; Tết 2025 was in January.
        assert_eq!(lunar_new_year(2025), Some((1, 29)));
        assert_eq!(lunar_new_year(2007), Some((2, 17)));
        assert_eq!(lunar_new_year(2051), None);
        assert_eq!(can_chi(2026), "Bính Ngọ");
        assert_eq!(can_chi(2020), "Canh Tý");
        assert_eq!(can_chi(2025), "Ất Tỵ");
        assert_eq!(
            read_q("Trước Tết Nguyên đán Ất Tỵ", q1).unwrap().0,
            (2025, 1, 2025, 1)
        );
        // «Sau Tết Nguyên đán»: the fortnight after the day, 18/02–04/3
        // in 2026, within the first quarter; in the last quarter of 2025
        // it is after it.
        let (span, r) = read_q("Sau Tết Nguyên đán", q1).unwrap();
        assert_eq!(span, (2026, 2, 2026, 3));
        assert_eq!(r.holiday, Some(tet_2026));
        assert_eq!(r.deadline.timing(q1), Timing::Within);
        assert_eq!(
            read_q("Sau Tết Nguyên đán 2026", Period::quarter(2025, 4))
                .unwrap()
                .1
                .deadline
                .timing(Period::quarter(2025, 4)),
            Timing::After
        );
        // A fortnight from late December runs into January.
        assert_eq!(days_after(2025, 12, 25, 15), (2026, 1, 9));
        assert_eq!(days_after(2024, 2, 20, 15), (2024, 3, 6));
        // In the last quarter of 2025 the Tết meant is the coming one.
        let q4 = Period::quarter(2025, 4);
        let (span, r) = read_q("Trước Tết Nguyên đán", q4).unwrap();
        assert_eq!((span, r.assumed_year), ((2026, 2, 2026, 2), Some(2026)));
        // Near misses: a can-chi and a year that disagree, a Tết past the
        // table, a word that only contains "tet", prose before «sau».
        for bad in [
            "Tết Nguyên đán Bính Ngọ 2025",
            "Trước Tết Nguyên đán 2060",
            "Tetris",
            "Nghỉ sau Tết Nguyên đán",
        ] {
            assert_eq!(read_q(bad, q1).map(|r| r.0), None, "{bad}");
        }
    }

    #[test]
    fn mid_autumn_is_read_as_its_day() {
        // The table against the published dates.
        for (year, day) in [
            (2020, (10, 1)),
            (2021, (9, 21)),
            (2022, (9, 10)),
            (2023, (9, 29)),
            (2024, (9, 17)),
            (2025, (10, 6)),
            (2026, (9, 25)),
        ] {
            assert_eq!(mid_autumn(year), Some(day), "{year}");
        }
        assert_eq!(mid_autumn(2051), None);
        let q3 = Period::quarter(2020, 3);
        let trung_thu = |year, month, day| Holiday {
            feast: Feast::MidAutumn,
            year,
            month,
            day,
        };
        // The tester's communes: «Trước Tết Trung thu» (2020: before
        // 01/10, so by 30 September) is within the third quarter, year
        // or none.
        for (text, assumed) in [
            ("Trước Tết Trung thu", Some(2020)),
            ("Trước Tết Trung thu 2020", None),
            ("Trước Tết Trung thu năm 2020", None),
            ("Trước Trung thu", Some(2020)),
        ] {
            let (span, r) = read_q(text, q3).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(span, (2020, 9, 2020, 9), "{text}");
            assert_eq!(r.holiday, Some(trung_thu(2020, 10, 1)), "{text}");
            assert_eq!(r.assumed_year, assumed, "{text}");
            assert_eq!(r.deadline.timing(q3), Timing::Within, "{text}");
        }
        // «Dịp Tết Trung thu»: the fortnight up to the day, 16/9–01/10
        // in 2020, which meets the third quarter.
        let (span, r) = read_q("Dịp Tết Trung thu", q3).unwrap();
        assert_eq!(span, (2020, 9, 2020, 10));
        assert_eq!(r.deadline.timing(q3), Timing::Within);
        // The day itself in 2020 is October: after the third quarter.
        let (span, r) = read_q("Tết Trung thu 2020", q3).unwrap();
        assert_eq!(span, (2020, 10, 2020, 10));
        assert_eq!(r.deadline.timing(q3), Timing::After);
        // In 2024 it falls in September, even «Dịp» there.
        let q3_2024 = Period::quarter(2024, 3);
        assert_eq!(
            read_q("Dịp Tết Trung thu", q3_2024).unwrap().0,
            (2024, 9, 2024, 9)
        );
        // «Sau Tết Trung thu»: the fortnight after the day, 02/10–16/10
        // in 2020, after the third quarter as the day itself is; in 2024
        // (17/9) it runs 18/9–02/10 and meets it.
        for text in [
            "Sau Tết Trung thu",
            "Sau Tết Trung thu 2020",
            "Sau dịp Trung thu",
            "Hoàn thành sau Tết Trung thu",
        ] {
            let (span, r) = read_q(text, q3).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(span, (2020, 10, 2020, 10), "{text}");
            assert_eq!(r.holiday, Some(trung_thu(2020, 10, 1)), "{text}");
            assert_eq!(r.deadline.timing(q3), Timing::After, "{text}");
        }
        assert_eq!(
            read_q("Sau Tết Trung thu", q3_2024).unwrap().0,
            (2024, 9, 2024, 10)
        );
        // Near misses: a Tết past the table, a can-chi that disagrees,
        // «sau» inside another word or after other prose.
        for bad in [
            "Trước Tết Trung thu 2060",
            "Tết Trung thu Canh Tý 2021",
            "Khai giảng sau Tết Trung thu",
        ] {
            assert_eq!(read_q(bad, q3).map(|r| r.0), None, "{bad}");
        }
    }

    #[test]
    fn ranges_across_the_new_year_span_both_years() {
        let q1 = Period::quarter(2026, 1);
        for (text, span) in [
            ("Tháng 12/2025 - 01/2026", (2025, 12, 2026, 1)),
            ("Tháng 12/2025 đến tháng 01/2026", (2025, 12, 2026, 1)),
            ("Quý IV/2025 - Quý I/2026", (2025, 10, 2026, 3)),
            ("Từ 15/12/2025 đến 28/02/2026", (2025, 12, 2026, 2)),
            ("Tháng 12 - 01/2026", (2025, 12, 2026, 1)),
            ("Từ 15/12 đến 15/01/2026", (2025, 12, 2026, 1)),
            ("Từ 15/12/2025 đến 15/01", (2025, 12, 2026, 1)),
        ] {
            let (got, r) = read_q(text, q1).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(got, span, "{text}");
            assert_eq!(r.deadline.timing(q1), Timing::Within, "{text}");
            assert_eq!(r.assumed_year, None, "{text}");
        }
        // In the last quarter, a range from December starts inside it.
        let q4 = Period::quarter(2025, 4);
        let (_, r) = read_q("Từ 15/12/2025 đến 15/01/2026", q4).unwrap();
        assert_eq!(r.deadline.timing(q4), Timing::Within);
        // Near misses: a range that ends before it starts.
        for bad in ["Quý I/2026 - Quý IV/2025", "Từ 15/01/2026 đến 15/12/2025"] {
            assert_eq!(read_q(bad, q1).map(|r| r.0), None, "{bad}");
        }
    }

    #[test]
    fn words_around_a_deadline_are_set_aside() {
        let q1 = Period::quarter(2026, 1);
        for (text, span) in [
            ("Trong quý I/2026", (2026, 1, 2026, 3)),
            ("Quý I/2026 (trước Tết Nguyên đán)", (2026, 1, 2026, 3)),
            (
                "Ngày 03/02/2026 (Kỷ niệm 96 năm thành lập Đảng)",
                (2026, 2, 2026, 2),
            ),
            ("(Dự kiến) Tháng 3/2026", (2026, 3, 2026, 3)),
            ("Cao điểm từ 15/12/2025 đến 28/02/2026", (2025, 12, 2026, 2)),
            ("Đầu năm 2026", (2026, 1, 2026, 3)),
            ("Giữa năm 2026", (2026, 6, 2026, 7)),
            ("Cuối năm 2026", (2026, 10, 2026, 12)),
            ("Cuối quý I/2026", (2026, 1, 2026, 3)),
            ("Tháng 1/2026 và thường xuyên", (2026, 1, 9999, 0)),
            ("Từ tháng 1/2026 trở đi", (2026, 1, 9999, 0)),
        ] {
            let (got, _) = read_q(text, q1).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(got, span, "{text}");
        }
        let timing = |t: &str| read_deadline(t, q1).unwrap().deadline.timing(q1);
        assert_eq!(timing("Tháng 10/2025 và thường xuyên"), Timing::Within);
        assert_eq!(timing("Tháng 6/2026 và thường xuyên"), Timing::After);
        assert_eq!(timing("Cuối năm 2026"), Timing::After);
        assert_eq!(timing("Đầu năm 2026"), Timing::Within);
        // A year-less season is the one nearest: early next year in the
        // last quarter.
        let q4 = Period::quarter(2025, 4);
        assert_eq!(read_q("Đầu năm", q4).unwrap().0, (2026, 1, 2026, 3));
        // Near misses: a date inside prose is no deadline; a note does not
        // save a text that is none.
        for bad in [
            "Theo chỉ đạo của UBND tỉnh (Quý I/2026)",
            "Sau khi có hướng dẫn của Bộ Tài chính tháng 3/2026",
            "Kỷ niệm 96 năm thành lập Đảng 03/02/2026",
            "Trong thời gian sớm nhất",
            "Thường xuyên và đột xuất",
            "Đầu nhiệm kỳ",
        ] {
            assert_eq!(read_q(bad, q1).map(|r| r.0), None, "{bad}");
        }
    }

    #[test]
    fn recurring_open_and_shortened_wordings_are_deadlines() {
        // The tester's programme: 14 of 47 common wordings were
        // deadline-invalid errors, the whole department's file red.
        let q2 = Period::quarter(2020, 2);
        let always = (0, 0, 0, 0);
        let from_april = (2020, 4, 9999, 0);
        let quarter = (2020, 4, 2020, 6);
        for (text, span) in [
            // A cycle, a day of the cycle, a standing word: every period.
            ("Định kỳ hàng tháng", always),
            ("Định kỳ hằng quý", always),
            ("Định kỳ 6 tháng", always),
            ("Định kỳ", always),
            ("Hằng tháng", always),
            ("Mỗi tuần", always),
            ("Hàng tháng, quý", always),
            ("Trước ngày 25 hàng tháng", always),
            ("Ngày 15 hàng tháng", always),
            ("Vào ngày 05 hằng tháng", always),
            ("Hàng tháng, trước ngày 25", always),
            ("Hàng tháng (trước ngày 25)", always),
            ("Thường xuyên, báo cáo định kỳ hằng tháng", always),
            ("Thường xuyên\n(báo cáo hàng tháng)", always),
            ("Thường xuyên, liên tục", always),
            ("Theo định kỳ hàng quý", always),
            // A start without an end: from it on.
            ("Từ tháng 4/2020", from_april),
            ("Từ 01/4/2020", from_april),
            ("Từ ngày 01/4/2020", from_april),
            ("Bắt đầu từ quý II/2020", from_april),
            ("Từ nay", from_april),
            // An end: from now to it, or due by it.
            ("Từ nay đến 30/6/2020", quarter),
            ("Từ nay đến hết năm 2020", (2020, 4, 2020, 12)),
            ("Từ nay đến cuối năm 2020", (2020, 4, 2020, 12)),
            ("Đến hết 30/6/2020", (2020, 6, 2020, 6)),
            ("Đến hết tháng 6/2020", (2020, 6, 2020, 6)),
            ("Đến hết quý II/2020", quarter),
            ("Chậm nhất ngày 30/6/2020", (2020, 6, 2020, 6)),
            ("Từ 01/4 đến hết 30/6/2020", quarter),
            // A part of a month is the month.
            ("Giữa tháng 5/2020", (2020, 5, 2020, 5)),
            ("Trung tuần tháng 5/2020", (2020, 5, 2020, 5)),
            ("Tuần đầu tháng 6/2020", (2020, 6, 2020, 6)),
            // What is to be done before the deadline changes nothing.
            ("Hoàn thành trong Quý II/2020", quarter),
            ("Hoàn thành trước 01/7/2020", (2020, 6, 2020, 6)),
            ("Thực hiện trong tháng 5/2020", (2020, 5, 2020, 5)),
            // A quarter written short, with or without its year.
            ("QII/2020", quarter),
            ("Q2/2020", quarter),
            ("Q.II/2020", quarter),
            ("Q2 năm 2020", quarter),
            ("QII", quarter),
            ("Q2", quarter),
            ("QII, QIII/2020", (2020, 4, 2020, 9)),
        ] {
            let (got, r) = read_q(text, q2).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(got, span, "{text}");
            assert_eq!(r.deadline.timing(q2), Timing::Within, "{text}");
        }
        // Near misses: the same words around a deadline out of period
        // stay out of it.
        for (text, timing) in [
            ("Từ tháng 9/2020", Timing::After),
            ("Từ nay đến 31/3/2020", Timing::Before),
            ("Đến hết 31/3/2020", Timing::Before),
            ("QI/2020", Timing::Before),
            ("Q3/2020", Timing::After),
            ("Giữa tháng 9/2020", Timing::After),
            ("Hoàn thành trong quý I/2020", Timing::Before),
        ] {
            let r = read_deadline(text, q2).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(r.deadline.timing(q2), timing, "{text}");
        }
        // Near misses: a text that names no time is still none, a day a
        // month lacks still says so.
        for bad in [
            "Sớm nhất có thể",
            "Theo kế hoạch",
            "Khi có yêu cầu",
            "Thường xuyên và đột xuất",
            "Ngày 32 hàng tháng",
            "Trước ngày 25",
            "Ngày 15 tháng",
            "Định kỳ theo yêu cầu",
            "Đến khi hoàn thành",
            "Hoàn thành",
            "Báo cáo",
            "Từ khi có chỉ đạo",
            "Q5/2020",
            "Hàng",
        ] {
            assert_eq!(
                read_deadline(bad, q2).map(|r| r.deadline),
                Err(Refusal::NotADeadline),
                "{bad}"
            );
        }
        assert_eq!(
            read_deadline("31/11/2025", q2).map(|r| r.deadline),
            Err(Refusal::NoSuchDay {
                day: 31,
                month: 11,
                year: 2025
            })
        );
        assert_eq!(
            read_deadline("Đến hết 31/6/2020", q2).map(|r| r.deadline),
            Err(Refusal::NoSuchDay {
                day: 31,
                month: 6,
                year: 2020
            })
        );
    }

    #[test]
    fn a_year_left_out_is_the_one_nearest_the_period() {
        let q1 = Period::quarter(2026, 1);
        for (text, span, year, timing) in [
            (
                "Trước ngày 20/12",
                (2025, 12, 2025, 12),
                2025,
                Timing::Before,
            ),
            ("Ngày 31/12", (2025, 12, 2025, 12), 2025, Timing::Before),
            ("Tháng 12", (2025, 12, 2025, 12), 2025, Timing::Before),
            ("Tháng 2", (2026, 2, 2026, 2), 2026, Timing::Within),
            ("Quý I", (2026, 1, 2026, 3), 2026, Timing::Within),
            // Farther than three months from the period: its own year.
            ("Tháng 9", (2026, 9, 2026, 9), 2026, Timing::After),
        ] {
            let (got, r) = read_q(text, q1).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(got, span, "{text}");
            assert_eq!(r.assumed_year, Some(year), "{text}");
            assert_eq!(r.deadline.timing(q1), timing, "{text}");
        }
        let q4 = Period::quarter(2025, 4);
        let (got, r) = read_q("Ngày 15/01", q4).unwrap();
        assert_eq!((got, r.assumed_year), ((2026, 1, 2026, 1), Some(2026)));
        assert_eq!(r.deadline.timing(q4), Timing::After);
        // A stale deadline copied from an earlier quarter stays stale.
        let q3 = Period::quarter(2026, 3);
        let (got, r) = read_q("Tháng 1", q3).unwrap();
        assert_eq!(got, (2026, 1, 2026, 1));
        assert_eq!(r.deadline.timing(q3), Timing::Before);
        // A written year is never moved.
        let (got, r) = read_q("Tháng 12/2026", q1).unwrap();
        assert_eq!((got, r.assumed_year), ((2026, 12, 2026, 12), None));
        // "Trước ngày 1/…" is due the month before.
        assert_eq!(
            read_q("Trước ngày 01/4/2026", q1).unwrap().0,
            (2026, 3, 2026, 3)
        );
        assert_eq!(
            read_q("Đến ngày 01/4/2026", q1).unwrap().0,
            (2026, 4, 2026, 4)
        );
    }

    #[test]
    fn date_cells_give_their_month() {
        // 43952 is 2020-05-01 in Excel's count.
        assert_eq!(
            deadline_of_serial(43952.0),
            Some(Deadline::Months {
                first: month_index(2020, 5),
                last: month_index(2020, 5)
            })
        );
        assert_eq!(deadline_of_serial(-3.0), None);
        assert_eq!(date_text(43952.0).as_deref(), Some("01/05/2020"));
        // "12/2025" typed, shown "Dec-25" (mmm-yy): a month, due at its end.
        let dec = 46_000.0; // 2025-12-09
        let shown = month_text(dec, DateWithoutDay::Month).unwrap();
        assert_eq!(shown, "Tháng 12/2025");
        assert_eq!(
            parse_deadline(&shown, 2025),
            Some(Deadline::Months {
                first: month_index(2025, 12),
                last: month_index(2025, 12)
            })
        );
        assert_eq!(
            month_text(dec, DateWithoutDay::Year).as_deref(),
            Some("Năm 2025")
        );
    }
}
