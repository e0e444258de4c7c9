//! The domain's small types: reporting periods and the reporting columns.

use crate::diagnostic::Lang;
use std::fmt;
use std::str::FromStr;

/// The reporting columns of a submission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ValueColumn {
    Kh,
    Th,
    Lk,
    Ck,
    PctKh,
    PctCk,
}

impl ValueColumn {
    pub const ALL: [ValueColumn; 6] = [
        ValueColumn::Kh,
        ValueColumn::Th,
        ValueColumn::Lk,
        ValueColumn::Ck,
        ValueColumn::PctKh,
        ValueColumn::PctCk,
    ];
    /// The four columns that carry quantities (the others are percents).
    pub const QUANTITIES: [ValueColumn; 4] = [
        ValueColumn::Kh,
        ValueColumn::Th,
        ValueColumn::Lk,
        ValueColumn::Ck,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ValueColumn::Kh => "KH",
            ValueColumn::Th => "TH",
            ValueColumn::Lk => "LK",
            ValueColumn::Ck => "CK",
            ValueColumn::PctKh => "%KH",
            ValueColumn::PctCk => "%CK",
        }
    }

    pub fn parse(s: &str) -> Option<ValueColumn> {
        ValueColumn::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// Position in [`ValueColumn::ALL`], for per-column arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn is_percent(self) -> bool {
        matches!(self, ValueColumn::PctKh | ValueColumn::PctCk)
    }
}

impl fmt::Display for ValueColumn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What span of the year a period covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodSpan {
    Quarter(u8),
    FirstHalf,
    NineMonths,
    Year,
    /// One month (1-12): a monthly report's title ("BÁO CÁO THÁNG 7/2025")
    /// or sheet ("Tháng 7", "T7"). Never a run's period: a month is no
    /// quarter, even the quarter's last, and no year, even December.
    Month(u8),
    /// A school year's first semester (September to January): a school's
    /// report titled «SƠ KẾT HỌC KỲ I NĂM HỌC 2025-2026», read so in a
    /// half-year run only. Its period's `year` is the year the school year
    /// ends in (2026: the semester ends in January 2026). Never a run's
    /// period: it is no half-year, no quarter and no year.
    FirstSemester,
}

/// A reporting period: `2020-Q1`, `2020-H1`, `2020-9M`, `2020`; a month
/// (`2025-07`) only as a file states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub year: i32,
    pub span: PeriodSpan,
}

impl Period {
    pub fn quarter(year: i32, q: u8) -> Period {
        Period {
            year,
            span: PeriodSpan::Quarter(q),
        }
    }

    /// First month covered (1-12). Cumulative figures start in January
    /// whatever the span; this is the first month of the span itself.
    pub fn first_month(&self) -> u8 {
        match self.span {
            PeriodSpan::Quarter(q) => (q - 1) * 3 + 1,
            PeriodSpan::Month(m) => m,
            PeriodSpan::FirstSemester => 9,
            PeriodSpan::FirstHalf | PeriodSpan::NineMonths | PeriodSpan::Year => 1,
        }
    }

    /// Last month covered (1-12).
    pub fn last_month(&self) -> u8 {
        match self.span {
            PeriodSpan::Quarter(q) => q * 3,
            PeriodSpan::FirstHalf => 6,
            PeriodSpan::NineMonths => 9,
            PeriodSpan::Year => 12,
            PeriodSpan::Month(m) => m,
            PeriodSpan::FirstSemester => 1,
        }
    }

    /// Is it one month (a monthly report's period)?
    pub fn is_month(&self) -> bool {
        matches!(self.span, PeriodSpan::Month(_))
    }

    /// The period of the same span that comes before this one, for
    /// cumulative checks (Q2 → Q1); `None` for a first quarter or a year.
    pub fn previous_quarter(&self) -> Option<Period> {
        match self.span {
            PeriodSpan::Quarter(q) if q > 1 => Some(Period::quarter(self.year, q - 1)),
            _ => None,
        }
    }

    /// The quarter the next programme of key tasks covers: the one after
    /// the period's last month (a year's report plans the next year's
    /// first quarter).
    pub fn next_programme(&self) -> Period {
        match self.span {
            PeriodSpan::Quarter(4) | PeriodSpan::Year => Period::quarter(self.year + 1, 1),
            PeriodSpan::Quarter(q) => Period::quarter(self.year, q + 1),
            PeriodSpan::FirstHalf => Period::quarter(self.year, 3),
            PeriodSpan::NineMonths => Period::quarter(self.year, 4),
            PeriodSpan::Month(m) if m > 9 => Period::quarter(self.year + 1, 1),
            PeriodSpan::Month(m) => Period::quarter(self.year, m.div_ceil(3) + 1),
            PeriodSpan::FirstSemester => Period::quarter(self.year, 1),
        }
    }

    /// Does a file titled with `other` belong to a run over this period?
    /// The same period, or one that ends with the same month of the same
    /// year: a third quarter's report is also "9 tháng đầu năm" (its LK
    /// covers the nine months), a second quarter's "6 tháng", a fourth
    /// quarter's the year's. A month is its own report only: "Tháng
    /// 9/2025" is not the third quarter's, nor "Tháng 12" the year's.
    /// Does a title naming `self` name, more loosely, the report of
    /// `period`: the whole year of which `period` is a part ("NĂM 2025"
    /// over a third quarter's columns: the year whose targets are
    /// reported on, vaguer than the quarter but not another period)?
    pub fn holds_loosely(&self, period: &Period) -> bool {
        self.span == PeriodSpan::Year && self.year == period.year && period.span != PeriodSpan::Year
    }

    pub fn same_report_as(&self, other: &Period) -> bool {
        self.year == other.year
            && self.last_month() == other.last_month()
            && self.is_month() == other.is_month()
            && (self.span == PeriodSpan::FirstSemester) == (other.span == PeriodSpan::FirstSemester)
    }

    /// The period as a Vietnamese title writes it: `Quý I/2020`.
    pub fn title_vi(&self) -> String {
        match self.span {
            PeriodSpan::Quarter(q) => format!("Quý {}/{}", roman(q as u32), self.year),
            PeriodSpan::FirstHalf => format!("6 tháng đầu năm {}", self.year),
            PeriodSpan::NineMonths => format!("9 tháng đầu năm {}", self.year),
            PeriodSpan::Year => format!("Năm {}", self.year),
            PeriodSpan::Month(m) => format!("Tháng {m}/{}", self.year),
            PeriodSpan::FirstSemester => format!(
                "Học kỳ I năm học {}-{y} (tháng 9/{} – 1/{y})",
                self.year - 1,
                self.year - 1,
                y = self.year
            ),
        }
    }

    /// The period as a sentence of `lang` writes it: `quý I/2020` inside
    /// a Vietnamese sentence, the title in English (`Q1 2020`).
    pub fn in_sentence(&self, lang: crate::diagnostic::Lang) -> String {
        match lang {
            crate::diagnostic::Lang::Vi => self.in_sentence_vi(),
            crate::diagnostic::Lang::En => self.title(lang),
        }
    }

    /// The period as a Vietnamese sentence writes it: `quý I/2020`, `6
    /// tháng đầu năm 2020`, `năm 2020`.
    pub fn in_sentence_vi(&self) -> String {
        let title = self.title_vi();
        let mut c = title.chars();
        c.next()
            .map(|f| f.to_lowercase().chain(c).collect())
            .unwrap_or_default()
    }

    pub fn title_en(&self) -> String {
        match self.span {
            PeriodSpan::Quarter(q) => format!("Q{} {}", q, self.year),
            PeriodSpan::FirstHalf => format!("first half of {}", self.year),
            PeriodSpan::NineMonths => format!("nine months of {}", self.year),
            PeriodSpan::Year => format!("year {}", self.year),
            PeriodSpan::Month(m) => format!(
                "{} {}",
                [
                    "January",
                    "February",
                    "March",
                    "April",
                    "May",
                    "June",
                    "July",
                    "August",
                    "September",
                    "October",
                    "November",
                    "December"
                ]
                .get(usize::from(m).saturating_sub(1))
                .copied()
                .unwrap_or("month"),
                self.year
            ),
            PeriodSpan::FirstSemester => format!(
                "first semester of school year {}-{y} (September {} – January {y})",
                self.year - 1,
                self.year - 1,
                y = self.year
            ),
        }
    }

    pub fn title(&self, lang: crate::diagnostic::Lang) -> String {
        match lang {
            crate::diagnostic::Lang::Vi => self.title_vi(),
            crate::diagnostic::Lang::En => self.title_en(),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.span {
            PeriodSpan::Quarter(q) => write!(f, "{}-Q{}", self.year, q),
            PeriodSpan::FirstHalf => write!(f, "{}-H1", self.year),
            PeriodSpan::NineMonths => write!(f, "{}-9M", self.year),
            PeriodSpan::Year => write!(f, "{}", self.year),
            PeriodSpan::Month(m) => write!(f, "{}-{:02}", self.year, m),
            PeriodSpan::FirstSemester => write!(f, "{}-{}-HK1", self.year - 1, self.year),
        }
    }
}

impl FromStr for Period {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("'{s}' is not a period: write 2020-Q1, 2020-H1, 2020-9M or 2020");
        let t = s.trim().to_ascii_uppercase();
        let (year, rest) = match t.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (t.as_str(), None),
        };
        let year: i32 = year.parse().map_err(|_| bad())?;
        if !(1900..=2200).contains(&year) {
            return Err(bad());
        }
        let span = match rest {
            None => PeriodSpan::Year,
            Some("Q1") => PeriodSpan::Quarter(1),
            Some("Q2") => PeriodSpan::Quarter(2),
            Some("Q3") => PeriodSpan::Quarter(3),
            Some("Q4") => PeriodSpan::Quarter(4),
            Some("H1") | Some("6M") => PeriodSpan::FirstHalf,
            Some("9M") => PeriodSpan::NineMonths,
            // What Display writes for a month (`2026-10`) reads back as
            // that month (commands that take no month filter it out).
            Some(m) if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
                match m.parse::<u8>() {
                    Ok(n @ 1..=12) => PeriodSpan::Month(n),
                    _ => return Err(bad()),
                }
            }
            Some(_) => return Err(bad()),
        };
        Ok(Period { year, span })
    }
}

/// Roman numeral of a small number (section numbers, quarters).
pub fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Value of a Roman numeral (I to XXXIX is enough here), case-insensitive.
pub fn parse_roman(s: &str) -> Option<u32> {
    let s = s.to_ascii_uppercase();
    if s.is_empty() || !s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) {
        return None;
    }
    (1..=89).find(|&n| roman(n) == s)
}

/// The quarter a numeral names, in digits or Roman ("3", "III", "iii"):
/// 1 to 4, else `None`.
pub fn quarter_number(s: &str) -> Option<u8> {
    let q = s.parse::<u32>().ok().or_else(|| parse_roman(s))?;
    u8::try_from(q).ok().filter(|q| (1..=4).contains(q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_round_trip() {
        for s in ["2020-Q1", "2020-Q4", "2020-H1", "2020-9M", "2020"] {
            assert_eq!(s.parse::<Period>().unwrap().to_string(), s);
        }
        assert!("2020-Q5".parse::<Period>().is_err());
        assert!("Q1".parse::<Period>().is_err());
    }

    #[test]
    fn a_quarter_and_the_months_to_its_end_are_one_report() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        assert!(p("2020-Q3").same_report_as(&p("2020-9M")));
        assert!(p("2020-Q2").same_report_as(&p("2020-H1")));
        assert!(p("2020-Q4").same_report_as(&p("2020")));
        assert!(!p("2020-Q3").same_report_as(&p("2020-Q2")));
        assert!(!p("2020-Q3").same_report_as(&p("2019-9M")));
    }

    #[test]
    fn column_index_is_the_position_in_all() {
        for (i, c) in ValueColumn::ALL.iter().enumerate() {
            assert_eq!(c.index(), i);
        }
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(4), "IV");
        assert_eq!(parse_roman("iii"), Some(3));
        assert_eq!(parse_roman("IIII"), None);
    }
}

/// The status of a unit or file in "Tình trạng nộp".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Submitted,
    /// A file was read, but it adds nothing to the totals: a blank form,
    /// or one whose every figure is unreadable.
    SubmittedBlank,
    Missing,
    Duplicate,
    Unreadable,
    WrongPeriod,
    /// The unit's report is consolidated, but a part of it (a section
    /// file) was sent for another period: that part is in no total and
    /// must be sent again.
    PartWrongPeriod,
    UnknownUnit,
    Skipped,
}

impl Status {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Submitted, Lang::Vi) => "đã nộp",
            (Status::SubmittedBlank, Lang::Vi) => "đã nộp, biểu trống",
            (Status::SubmittedBlank, Lang::En) => "submitted, blank form",
            (Status::Missing, Lang::Vi) => "chưa nộp",
            (Status::Duplicate, Lang::Vi) => "trùng",
            (Status::Unreadable, Lang::Vi) => "không đọc được",
            (Status::WrongPeriod, Lang::Vi) => "sai kỳ",
            (Status::PartWrongPeriod, Lang::Vi) => "đã nộp, một phần sai kỳ",
            (Status::PartWrongPeriod, Lang::En) => "submitted, a part for another period",
            (Status::UnknownUnit, Lang::Vi) => "không rõ đơn vị",
            (Status::Skipped, Lang::Vi) => "bỏ qua",
            (Status::Submitted, Lang::En) => "submitted",
            (Status::Missing, Lang::En) => "missing",
            (Status::Duplicate, Lang::En) => "duplicate",
            (Status::Unreadable, Lang::En) => "unreadable",
            (Status::WrongPeriod, Lang::En) => "wrong period",
            (Status::UnknownUnit, Lang::En) => "unknown unit",
            (Status::Skipped, Lang::En) => "skipped",
        }
    }
}

/// One line of "Tình trạng nộp".
#[derive(Clone, Debug)]
pub struct StatusLine {
    /// Agency code, or empty for a file of no known unit.
    pub unit: String,
    pub unit_name: String,
    /// Files, `; `-separated.
    pub files: String,
    pub status: Status,
    pub note: String,
}

/// The period as the annex title writes it: "QUÝ II NĂM 2020".
pub fn period_words(period: Period) -> String {
    match period.span {
        PeriodSpan::Quarter(q) => format!("QUÝ {} NĂM {}", roman(u32::from(q)), period.year),
        _ => period.title_vi().to_uppercase(),
    }
}
