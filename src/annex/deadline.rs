//! Deadlines of tasks ("Tiến độ"): the forms the departments write, read
//! into an interval of months and compared with the programme's period.
//!
//! ```text
//! Tháng 5/2020 · Tháng 5, 6/2020 · Tháng 5 năm 2020      one or more months
//! Quý II/2020 · Quý 2/2020 · Quý II, III/2020             quarters (Roman or digits)
//! 6 tháng đầu năm 2020 · 6 tháng cuối năm 2020            half-years (also 3, 9)
//! Cả năm · Cả năm 2020 · Năm 2020 · Trong năm 2020        the whole year
//! 15/5/2020 · Trước ngày 30/4/2020 · Đến ngày 30/6/2020   the month of the date
//! Trước ngày 15/12 · Ngày 15/12 · 12/2020                  (the year of the period)
//! 15-20/12/2020 · Từ 01/10 đến 30/11/2020                 a range: its end
//! Thường xuyên · Hàng tháng · Hàng quý                    ongoing: always in period
//! ```
//!
//! A form without a year takes the period's year. Months are counted as
//! `year × 12 + month − 1`, so that intervals compare across years.

use crate::ingest::styles::DateWithoutDay;
use crate::model::{quarter_number, Period};
use crate::text::fold;
use regex::Regex;
use std::sync::OnceLock;

/// A deadline as an interval of months (inclusive), or ongoing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deadline {
    Months {
        first: i32,
        last: i32,
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
        let Deadline::Months { first, last } = *self else {
            return Timing::Within;
        };
        let p_first = month_index(period.year, u32::from(period.first_month()));
        let p_last = month_index(period.year, u32::from(period.last_month()));
        if last < p_first {
            Timing::Before
        } else if first > p_last {
            Timing::After
        } else {
            Timing::Within
        }
    }
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

struct Patterns {
    year: Regex,
    halves: Regex,
    quarters: Regex,
    months: Regex,
    date: Regex,
    month_year: Regex,
    days: Regex,
    range: Regex,
    ongoing: Regex,
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
            halves: mk(&format!(r"^(3|6|9) thang (dau|cuoi)(?: nam)?{year}$")),
            quarters: mk(&format!(
                r"^quy ((?:iv|i{{1,3}}|[1-4])(?:(?:,|-| va )(?:quy )?(?:iv|i{{1,3}}|[1-4]))*){year}$"
            )),
            months: mk(&format!(
                r"^(?:truoc |den |trong |cuoi |dau )?thang (\d{{1,2}}(?:(?:,|-| va )(?:thang )?\d{{1,2}})*){year}$"
            )),
            date: mk(&format!(
                r"^(?:{on} )?(\d{{1,2}})[/.-](\d{{1,2}})(?:[/.-](\d{{4}}))?$"
            )),
            month_year: mk(r"^(\d{1,2})/(\d{4})$"),
            days: mk(&format!(
                r"^(?:tu |{on} )?(\d{{1,2}})-(\d{{1,2}})[/.](\d{{1,2}})(?:[/.](\d{{4}}))?$"
            )),
            range: mk(&format!(
                r"^(?:tu )?(?:ngay )?{d}(?:-| den | toi )(?:ngay )?{d}$",
                d = r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}))?"
            )),
            ongoing: mk(r"^(?:thuong xuyen|hang thang|hang quy|hang nam|hang tuan|lien tuc)$"),
        }
    })
}

/// Why a text is no deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No form of deadline.
    NotADeadline,
    /// A date whose day its month does not have ("31/11/2025").
    NoSuchDay { day: u32, month: u32, year: i32 },
}

/// Reads a deadline; `None` when the text is not one. A form without a year
/// takes `default_year`.
pub fn parse_deadline(text: &str, default_year: i32) -> Option<Deadline> {
    read_deadline(text, default_year).ok()
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

/// Reads a deadline, or says why the text is none. A form without a year
/// takes `default_year`; a range ("15-20/12/2025", "Từ 01/10 đến
/// 30/11/2025") is due at its end.
///
/// # Errors
/// [`Refusal::NoSuchDay`] for a date whose month lacks the day,
/// [`Refusal::NotADeadline`] for any other text that is no deadline.
pub fn read_deadline(text: &str, default_year: i32) -> Result<Deadline, Refusal> {
    let s = simplify(text);
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
    if p.ongoing.is_match(&s) {
        return Ok(Deadline::Ongoing);
    }
    if let Some(c) = p.year.captures(&s) {
        let y = year_of(c.get(1).or(c.get(2))).ok_or(no)?;
        return Deadline::months(y, 1, 12).ok_or(no);
    }
    if let Some(c) = p.halves.captures(&s) {
        let n = num(c.get(1)).ok_or(no)?;
        let y = year_of(c.get(3)).ok_or(no)?;
        return match c.get(2).map(|m| m.as_str()) {
            Some("dau") => Deadline::months(y, 1, n),
            _ => Deadline::months(y, 13 - n, 12),
        }
        .ok_or(no);
    }
    if let Some(c) = p.quarters.captures(&s) {
        let qs: Vec<u32> = numbers_in(c.get(1).ok_or(no)?.as_str())
            .into_iter()
            .map(|q| quarter_number(&q).map(u32::from))
            .collect::<Option<Vec<u32>>>()
            .ok_or(no)?;
        let y = year_of(c.get(2)).ok_or(no)?;
        let (lo, hi) = (*qs.iter().min().ok_or(no)?, *qs.iter().max().ok_or(no)?);
        return Deadline::months(y, (lo - 1) * 3 + 1, hi * 3).ok_or(no);
    }
    if let Some(c) = p.months.captures(&s) {
        let ms: Vec<u32> = numbers_in(c.get(1).ok_or(no)?.as_str())
            .into_iter()
            .map(|m| m.parse::<u32>().ok())
            .collect::<Option<Vec<u32>>>()
            .ok_or(no)?;
        let y = year_of(c.get(2)).ok_or(no)?;
        let (lo, hi) = (*ms.iter().min().ok_or(no)?, *ms.iter().max().ok_or(no)?);
        return Deadline::months(y, lo, hi).ok_or(no);
    }
    if let Some(c) = p.month_year.captures(&s) {
        let (m, y) = (num(c.get(1)).ok_or(no)?, year_of(c.get(2)).ok_or(no)?);
        return Deadline::months(y, m, m).ok_or(no);
    }
    if let Some(c) = p.date.captures(&s) {
        let (day, month) = (num(c.get(1)).ok_or(no)?, num(c.get(2)).ok_or(no)?);
        let (y, m, _) = checked_day(year_of(c.get(3)).ok_or(no)?, month, day)?;
        return Deadline::months(y, m, m).ok_or(no);
    }
    if let Some(c) = p.days.captures(&s) {
        // "15-20/12/2025": two days of one month, due at the second.
        let (from, to) = (num(c.get(1)).ok_or(no)?, num(c.get(2)).ok_or(no)?);
        let month = num(c.get(3)).ok_or(no)?;
        let y = year_of(c.get(4)).ok_or(no)?;
        checked_day(y, month, from)?;
        checked_day(y, month, to)?;
        if from > to {
            return Err(no);
        }
        return Deadline::months(y, month, month).ok_or(no);
    }
    if let Some(c) = p.range.captures(&s) {
        // "Từ 01/10 đến 30/11/2025": due at its end; the start without a
        // year is in the end's year, or the year before when it falls
        // later in the year ("Từ 01/12 đến 31/01/2026").
        let end_year = year_of(c.get(6)).ok_or(no)?;
        let end = checked_day(end_year, num(c.get(5)).ok_or(no)?, num(c.get(4)).ok_or(no)?)?;
        let (from_day, from_month) = (num(c.get(1)).ok_or(no)?, num(c.get(2)).ok_or(no)?);
        let from_year = match c.get(3) {
            Some(y) => y.as_str().parse().map_err(|_| no)?,
            None if (from_month, from_day) > (end.1, end.2) => end_year - 1,
            None => end_year,
        };
        let start = checked_day(from_year, from_month, from_day)?;
        if start > end {
            return Err(no);
        }
        return Deadline::months(end.0, end.1, end.1).ok_or(no);
    }
    Err(no)
}

/// The numbers or numerals of a list ("ii,iii", "5-6", "5 va thang 6").
fn numbers_in(list: &str) -> Vec<String> {
    list.split([',', '-', ' '])
        .map(str::trim)
        .filter(|t| !t.is_empty() && *t != "va" && *t != "quy" && *t != "thang")
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
        }
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
        assert_eq!(months("Thường xuyên"), Some((0, 0, 0, 0)));
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
        assert_eq!(
            months("Từ 01/10 đến 30/11/2025"),
            Some((2025, 11, 2025, 11))
        );
        assert_eq!(
            months("01/10/2025 - 30/11/2025"),
            Some((2025, 11, 2025, 11))
        );
        assert_eq!(
            months("Từ ngày 01/12 đến ngày 31/01/2021"),
            Some((2021, 1, 2021, 1))
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

    #[test]
    fn a_day_its_month_lacks_is_told_apart() {
        let no_such = |day, month, year| Err(Refusal::NoSuchDay { day, month, year });
        assert_eq!(read_deadline("31/11/2025", 2025), no_such(31, 11, 2025));
        assert_eq!(
            read_deadline("Trước ngày 31/11", 2025),
            no_such(31, 11, 2025)
        );
        assert_eq!(read_deadline("29/2/2025", 2025), no_such(29, 2, 2025));
        assert!(read_deadline("29/2/2024", 2025).is_ok());
        assert_eq!(
            read_deadline("Sớm nhất có thể", 2025),
            Err(Refusal::NotADeadline)
        );
        assert_eq!(
            read_deadline("31/13/2025", 2025),
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
