//! Rates typed as fractions: a ward's 90,88% stored as 0,9088 in a cell
//! of General format (a percent-formatted cell is read ×100 already, see
//! [`crate::normalize::submission`]). Left as written, 0,9088 would be
//! printed in Chi tiết and averaged with the other wards' 90-odd in the
//! rate-averaged check.
//!
//! ```text
//! rate cell (unit %, formula A / B * 100)   as written    ×100
//! operands in the file, fits ×100 only      0,9088        90,88  → read ×100
//! no operands (KH), the file's other rates  0,935         93,5   → read ×100
//!   proven fractions and none proven a percent
//! ```
//!
//! The figures are stored ×100 (two decimals fewer), so that every later
//! stage (checks, Chi tiết, the totals) sees the percent; one info per
//! file lists the cells so read.

use crate::diagnostic::{Finding, Lang, Severity};
use crate::messages::Read;
use crate::normalize::submission::{figure_in, Submission, TidyRow};
use crate::number::format_num;
use crate::rules::expr::{parse, Rule};
use crate::rules::rounding::{judge_percent, percent_of, round_to, Interval, Verdict};
use crate::template::{Kind, Template};

/// The largest magnitude a percent stored as a fraction is looked for at
/// (150% as 1,5).
const FRACTION_LIMIT: f64 = 1.5;

/// What the operands of a rate cell say of it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Right as written.
    Percent,
    /// Right only ×100.
    Fraction,
    /// Neither, or nothing to tell by.
    Unknown,
}

/// The numerator and denominator of a percent rate (`A / B * 100`).
fn percent_operands(template: &Template, i: usize) -> Option<(usize, usize)> {
    let ind = template.indicators.get(i)?;
    let Ok(Rule::Definition(e)) = parse(&ind.formula) else {
        return None;
    };
    let (n, d) = e.as_percent_ratio()?;
    Some((template.indicator_index(n)?, template.indicator_index(d)?))
}

/// Is indicator `i` a rate in percent?
fn percent_rate(template: &Template, i: usize) -> bool {
    template
        .indicators
        .get(i)
        .is_some_and(|ind| ind.kind == Kind::Rate && ind.unit.contains('%'))
}

fn reading(rows: &[TidyRow], r: &TidyRow, ops: Option<(usize, usize)>) -> Reading {
    let Some((n, d)) = ops else {
        return Reading::Unknown;
    };
    let (Some(nr), Some(dr)) = (figure_in(rows, n, r.column), figure_in(rows, d, r.column)) else {
        return Reading::Unknown;
    };
    if dr.value == 0.0 {
        return Reading::Unknown;
    }
    let Some(computed) = percent_of(
        Interval::written(nr.value, nr.decimals),
        Interval::written(dr.value, dr.decimals),
    ) else {
        return Reading::Unknown;
    };
    let d = r.shown_decimals();
    if judge_percent(r.value, d, computed) != Verdict::Mismatch {
        return Reading::Percent;
    }
    let scaled = judge_percent(r.value * 100.0, d.saturating_sub(2), computed);
    if r.value.abs() <= FRACTION_LIMIT && scaled != Verdict::Mismatch {
        Reading::Fraction
    } else {
        Reading::Unknown
    }
}

/// Reads ×100 the percent rates of `sub` typed as fractions (rows sorted
/// by indicator and column), with one info naming the cells.
pub fn rates_typed_as_fractions(sub: &mut Submission, template: &Template, lang: Lang) {
    let mut fractions = Vec::new();
    let mut unproven = Vec::new();
    let mut percents = 0usize;
    for (k, r) in sub.rows.iter().enumerate() {
        if r.column.is_percent() || !percent_rate(template, r.ind()) {
            continue;
        }
        match reading(&sub.rows, r, percent_operands(template, r.ind())) {
            Reading::Fraction => fractions.push(k),
            Reading::Percent => percents += 1,
            Reading::Unknown if r.value.abs() <= FRACTION_LIMIT && r.value != 0.0 => {
                unproven.push(k)
            }
            Reading::Unknown => {}
        }
    }
    if fractions.is_empty() {
        return;
    }
    // A file whose rates are fractions wherever they can be told has its
    // other rates (the targets in KH, whose operands nobody states) typed
    // the same way.
    let proven = fractions[0];
    if percents == 0 {
        fractions.extend(unproven);
        fractions.sort_unstable();
    }
    // The example and the place of the info: a cell its operands prove.
    let first = sub.rows[proven].clone();
    let (was, d0) = (first.value, first.shown_decimals());
    for &k in &fractions {
        let r = &mut sub.rows[k];
        let d = r.decimals.saturating_sub(2);
        r.value = round_to(r.value * 100.0, d.clamp(0, 15) as u8);
        r.decimals = d;
    }
    let cells: Vec<String> = fractions
        .iter()
        .map(|&k| sub.location(&sub.rows[k]).cell)
        .collect();
    let read = &sub.rows[proven];
    let said = Read::RatesAsFractions {
        count: fractions.len(),
        cells: &cells.join(", "),
        written: &format_num(was, d0, lang),
        read: &format_num(read.value, read.shown_decimals(), lang),
    };
    let code = template
        .indicators
        .get(read.ind())
        .map(|i| i.code.clone())
        .unwrap_or_default();
    let unit = sub
        .unit
        .and_then(|u| template.agencies.get(u))
        .map(|a| a.code.clone())
        .unwrap_or_default();
    let f = Finding::said(Severity::Info, &said, lang)
        .at(&sub.location(&first))
        .unit(unit)
        .indicator(code)
        .column(first.column.as_str())
        .actual(format_num(was, d0, lang))
        .expected(format_num(read.value, read.shown_decimals(), lang));
    sub.findings.push(f);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ValueColumn;
    use crate::reconcile::checks::testutil::{at, ind, row, sub_with};

    #[test]
    fn a_rate_typed_as_a_fraction_is_read_as_its_percent() {
        let t = Template::builtin().unwrap();
        let (hc02, hc03, hc05) = (ind(&t, "HC02"), ind(&t, "HC03"), ind(&t, "HC05"));
        let mk = |rate: f64, d: u8, kh: f64| {
            let mut s = sub_with(
                &t,
                "P05",
                vec![
                    at(row(hc02, ValueColumn::Th, 1290.0, 0), 7, 5),
                    at(row(hc03, ValueColumn::Th, 1204.0, 0), 8, 5),
                    at(row(hc05, ValueColumn::Kh, kh, 2), 10, 4),
                    at(row(hc05, ValueColumn::Th, rate, d), 10, 5),
                ],
            );
            s.sort_rows();
            s
        };
        // 1.204 / 1.290 = 93,33%: 0,9333 is that percent as a fraction;
        // the target 0,95 beside it is typed the same way.
        let mut s = mk(0.9333, 4, 0.95);
        rates_typed_as_fractions(&mut s, &t, Lang::Vi);
        let got: Vec<(ValueColumn, f64, i8)> = s
            .rows
            .iter()
            .filter(|r| r.ind() == hc05)
            .map(|r| (r.column, r.value, r.decimals))
            .collect();
        assert_eq!(
            got,
            [(ValueColumn::Kh, 95.0, 0), (ValueColumn::Th, 93.33, 2)]
        );
        assert_eq!(s.findings.len(), 1, "{:?}", s.findings);
        let f = &s.findings[0];
        assert_eq!(
            (f.code.as_str(), f.severity, f.cell.as_str()),
            ("number-ambiguous", Severity::Info, "F11")
        );
        assert!(f.message.contains("E11, F11"), "{}", f.message);
        // Right as written: nothing read otherwise, the KH of 0,95 is left.
        let mut s = mk(93.33, 2, 0.95);
        rates_typed_as_fractions(&mut s, &t, Lang::Vi);
        assert!(s.findings.is_empty());
        assert_eq!(s.rows.iter().find(|r| r.ind() == hc05).unwrap().value, 0.95);
        // Wrong either way: for the rate check to say.
        let mut s = mk(0.5, 1, 95.0);
        rates_typed_as_fractions(&mut s, &t, Lang::Vi);
        assert!(s.findings.is_empty());
    }
}
