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
    s.parse::<crate::model::Period>().or_else(|e| {
        crate::normalize::title::period_in(s)
            .filter(|p| !p.is_month())
            .ok_or(e)
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
}
