//! One file per subcommand. Each defines its clap arguments (whose doc
//! comment is the subcommand's `--help`) and a `run` function.

pub mod annex;
pub mod check;
pub mod check_text;
pub mod codes;
pub mod consolidate;
pub mod help_vi;
pub mod samples;
pub mod template;

/// A reporting period as the command line takes it: `2020-Q1`, `2020-H1`,
/// `2020-9M`, `2020`, or as a clerk writes it in a title ("Quý I/2020",
/// "quý 1 năm 2020", "6 tháng đầu năm 2020").
///
/// # Errors
/// The text names no period, or a month ("Tháng 7/2025"): no run is
/// monthly.
pub fn period_arg(s: &str) -> Result<crate::model::Period, String> {
    let not_month = |p: &crate::model::Period| !p.is_month();
    match s.parse::<crate::model::Period>() {
        Ok(p) if not_month(&p) => Ok(p),
        Ok(_) => Err(format!(
            "'{s}' is a month: write 2020-Q1, 2020-H1, 2020-9M or 2020"
        )),
        Err(e) => crate::normalize::title::period_in(s)
            .filter(not_month)
            .ok_or(e),
    }
}

/// A period for `check`: any of [`period_arg`]'s, or one month, as a
/// monthly report is its own period: `2026-03`, "Tháng 3/2026".
///
/// # Errors
/// The text names no period.
pub fn check_period_arg(s: &str) -> Result<crate::model::Period, String> {
    period_arg(s).or_else(|e| {
        month_arg(s)
            .or_else(|| crate::normalize::title::period_in(s).filter(|p| p.is_month()))
            .ok_or(e)
    })
}

/// `2026-03` (or `2026-3`): that month.
fn month_arg(s: &str) -> Option<crate::model::Period> {
    let (year, month) = s.trim().split_once('-')?;
    let year: i32 = year.parse().ok().filter(|y| (1900..=2200).contains(y))?;
    let month: u8 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
    Some(crate::model::Period {
        year,
        span: crate::model::PeriodSpan::Month(month),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_period_as_a_clerk_writes_it() {
        for (text, want) in [
            ("2020-Q1", "2020-Q1"),
            ("Quý I/2020", "2020-Q1"),
            ("quý 3 năm 2025", "2025-Q3"),
            ("6 tháng đầu năm 2024", "2024-H1"),
            ("9 tháng 2024", "2024-9M"),
            ("2021", "2021"),
        ] {
            assert_eq!(
                super::period_arg(text).map(|p| p.to_string()),
                Ok(want.into()),
                "{text}"
            );
        }
        assert!(super::period_arg("quý một").is_err());
        // A month is no run's period.
        assert!(super::period_arg("Tháng 7/2025").is_err());
    }

    #[test]
    fn check_takes_a_month_as_its_period() {
        for (text, want) in [
            ("2026-03", "2026-03"),
            ("2026-3", "2026-03"),
            ("Tháng 3/2026", "2026-03"),
            ("2026-Q1", "2026-Q1"),
        ] {
            assert_eq!(
                super::check_period_arg(text).map(|p| p.to_string()),
                Ok(want.into()),
                "{text}"
            );
        }
        for text in ["2026-13", "2026-00", "tháng ba"] {
            assert!(super::check_period_arg(text).is_err(), "{text}");
        }
    }
}
