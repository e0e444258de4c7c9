//! A rate whose unit label names another scale than its figures are in:
//! "%" written on a row the catalog keeps in ‰, while the figures are per
//! mille already. The row was read ×10 (the label's conversion); when the
//! figures as written are what the rate's formula gives and ×10 they are
//! not, the label is the slip, not the figures.
//!
//! ```text
//! DS03 Tỷ suất sinh thô, catalog ‰, formula DS02 / DS01 * 1000
//! label  TH      DS02 / DS01 × 1.000     reading
//! "%"    3,39    41 / 12.100 = 3,39      as written: the label is wrong
//! "%"    0,339   41 / 12.100 = 3,39      ×10: the figures are in % (kept)
//! ```
//!
//! A label slip undoes the conversion (the figures as written, with their
//! own decimals) and its `unit-mismatch` warning says so instead of
//! "converted (×10)". A row whose figures fit neither reading, or that
//! has no operands to tell by, keeps the label's conversion.

use super::submission::{sender_shown, unit_scales, Submission};
use crate::diagnostic::{Code, Lang, Severity};
use crate::messages::{Read, Words};
use crate::number::format_num;
use crate::rules::expr::{parse, Rule};
use crate::rules::rounding::{judge_percent, round_to, Interval, Verdict};
use crate::template::{Kind, Template};

/// The 0-based row of an A1 reference ("D10" is 9).
fn row_of(cell: &str) -> Option<u32> {
    let digits = cell.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    digits.parse::<u32>().ok()?.checked_sub(1)
}

/// Undoes the conversion of the rate rows whose label alone was wrong
/// and rewords their `unit-mismatch` warnings. Runs before the unit
/// findings of a file are merged; returns the indices of the findings it
/// reworded, which are not merged with conversions.
pub(super) fn rate_labels_only(sub: &mut Submission, t: &Template, lang: Lang) -> Vec<usize> {
    let mut reworded = Vec::new();
    for fi in 0..sub.findings.len() {
        let Some(said) = label_only(sub, fi, t, lang) else {
            continue;
        };
        sub.findings[fi].message = said;
        reworded.push(fi);
    }
    reworded
}

/// The new words of finding `fi` when it is a rate's conversion whose
/// figures fit their formula as written and not converted; the rows are
/// then read back as written.
fn label_only(sub: &mut Submission, fi: usize, t: &Template, lang: Lang) -> Option<String> {
    let f = sub.findings.get(fi)?.clone();
    if f.code != Code::UnitMismatch
        || f.severity != Severity::Warning
        || f.indicator.is_empty()
        || !f.column.is_empty()
    {
        return None;
    }
    let i = t.indicator_index(&f.indicator)?;
    let ind = t.indicators.get(i)?;
    if ind.kind != Kind::Rate {
        return None;
    }
    let (from, to) = unit_scales(&f.actual, &f.expected, &t.settings.abbreviations)?;
    let factor = from / to;
    if !factor.is_finite() || factor <= 0.0 || (factor - 1.0).abs() < 1e-12 {
        return None;
    }
    let Ok(Rule::Definition(e)) = parse(&ind.formula) else {
        return None;
    };
    let (sheet, row) = (f.sheet.clone(), row_of(&f.cell)?);
    let shift = factor.log10().round() as i8;
    let own: Vec<usize> = (0..sub.rows.len())
        .filter(|&k| {
            let r = &sub.rows[k];
            r.ind() == i
                && !r.column.is_percent()
                && r.row == row
                && sub.sheets.get(r.sheet as usize) == Some(&sheet)
        })
        .collect();
    let (mut as_written, mut converted) = (0usize, 0usize);
    let mut example = None;
    for &k in &own {
        let r = &sub.rows[k];
        if r.value == 0.0 {
            continue;
        }
        let operand_in = |code: &str, column: crate::model::ValueColumn| {
            let j = t.indicator_index(code)?;
            sub.rows.iter().find(|o| o.ind() == j && o.column == column)
        };
        let operand = |code: &str| operand_in(code, r.column);
        let right = e.eval_in(r.column, &|code, column| {
            operand_in(code, column).map(|o| o.value)
        });
        let Some(right) = right else {
            continue;
        };
        if !right.is_finite() {
            continue;
        }
        let written = r.value / factor;
        let written_decimals = r.decimals.saturating_add(shift).max(0) as u8;
        let fits = |v: f64, d: u8| judge_percent(v, d, Interval::exact(right)) != Verdict::Mismatch;
        if fits(r.value, r.shown_decimals()) {
            converted += 1;
        } else if fits(written, written_decimals) {
            as_written += 1;
            if example.is_none() {
                let worked = match e.scaled_ratio() {
                    Some((n, d, scale)) => match (operand(n), operand(d)) {
                        (Some(n), Some(d)) => format!(
                            "{} / {} × {}",
                            format_num(n.value, n.shown_decimals(), lang),
                            format_num(d.value, d.shown_decimals(), lang),
                            format_num(scale, 0, lang)
                        ),
                        _ => e.to_string(),
                    },
                    None => e.to_string(),
                };
                let figure = format_num(written, written_decimals, lang);
                example = Some((r.column, figure, worked));
            }
        }
    }
    let (column, figure, worked) = example?;
    if converted > 0 || as_written == 0 {
        return None;
    }
    for &k in &own {
        let r = &mut sub.rows[k];
        r.decimals = r.decimals.saturating_add(shift);
        r.value = match u8::try_from(r.decimals) {
            Ok(d) => round_to(r.value / factor, d),
            Err(_) => r.value / factor,
        };
    }
    let who = sender_shown(sub, t);
    let said = Read::UnitLabelOnly {
        unit: &who,
        code: &ind.code,
        name: &ind.name,
        written: &f.actual,
        catalog: &f.expected,
        column,
        figure: &figure,
        worked: &worked,
    };
    Some(said.words(lang))
}

#[cfg(test)]
mod tests {
    use super::row_of;

    #[test]
    fn a_cells_row_is_read_from_its_reference() {
        assert_eq!(row_of("D10"), Some(9));
        assert_eq!(row_of("AB1"), Some(0));
        assert_eq!(row_of("D"), None);
        assert_eq!(row_of("D0"), None);
    }
}
