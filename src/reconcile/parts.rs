//! A merged commune's report sent as one file per former commune, every
//! former commune's file there (the registry's `former` column says
//! which): the files are the parts of the unit's report, and their sum is
//! the unit's figure for the totals, the departments' comparison and Chi
//! tiết ([`crate::reconcile::intake::FormerSum`] says which files).
//!
//! ```text
//! flow, stock   added: the former communes are disjoint areas
//! KH, CK        added (plans and last year's figures add the same way)
//! rate          recomputed from the summed operands of its formula;
//!               a figure every part states alike (a target of 95%)
//!               is kept; never added or averaged
//! %KH, %CK      not kept per unit (the totals recompute them)
//! ```
//!
//! A figure some part lacks is unknown for the whole unit, never the
//! others' sum: the unit's cell is left empty, as a blank cell is.

use crate::model::ValueColumn;
use crate::normalize::submission::{figure_in, Submission, TidyRow};
use crate::reconcile::half_of;
use crate::rules::expr::{parse, Rule};
use crate::template::{Kind, Template};
use std::collections::BTreeSet;

/// The parts' figures summed into one report.
pub struct Summed {
    /// Sorted by indicator and column, located at the first part's cells.
    pub rows: Vec<TidyRow>,
    /// (indicator, column index, half-units): what the parts' figures
    /// stand within beyond the summed row's own half-unit, for the totals'
    /// tolerance (three figures typed to the unit are ±1,5, not ±0,5).
    pub spare: Vec<(usize, usize, f64)>,
}

/// Sums `parts` (with their figures in memory; the first is the file the
/// unit's line names, whose cells the summed rows point at).
pub fn sum_parts(parts: &[&Submission], template: &Template) -> Summed {
    let mut keys: BTreeSet<(u32, ValueColumn)> = BTreeSet::new();
    for p in parts {
        keys.extend(
            p.rows
                .iter()
                .filter(|r| !r.column.is_percent())
                .map(|r| (r.indicator, r.column)),
        );
    }
    let mut rows = Vec::new();
    let mut spare = Vec::new();
    let mut rates = Vec::new();
    for &(i, c) in &keys {
        let Some(ind) = template.indicators.get(i as usize) else {
            continue;
        };
        let found: Vec<&TidyRow> = parts
            .iter()
            .filter_map(|p| figure_in(&p.rows, i as usize, c))
            .collect();
        if found.len() < parts.len() {
            continue;
        }
        let Some(first) = parts.iter().find_map(|p| figure_in(&p.rows, i as usize, c)) else {
            continue;
        };
        if ind.kind == Kind::Rate {
            rates.push((i, c, found));
            continue;
        }
        let decimals = found.iter().map(|r| r.decimals).max().unwrap_or(0);
        let halves: f64 = found
            .iter()
            .map(|r| half_of(template, r.ind(), r.decimals))
            .sum();
        let extra = halves - half_of(template, i as usize, decimals);
        if extra > 0.0 {
            spare.push((i as usize, c.index(), extra));
        }
        rows.push(TidyRow {
            value: found.iter().map(|r| r.value).sum(),
            decimals,
            ..first.clone()
        });
    }
    rows.sort_by_key(|r| (r.indicator, r.column));
    let mut recomputed = Vec::new();
    for (i, c, found) in rates {
        let Some(first) = found.first() else { continue };
        let decimals = found.iter().map(|r| r.decimals).max().unwrap_or(0);
        let alike = found.iter().all(|r| r.value == first.value);
        let worked = match parse(&template.indicators[i as usize].formula) {
            Ok(Rule::Definition(expr)) => expr.eval_in(c, &|code, k| {
                let j = template.indicator_index(code)?;
                figure_in(&rows, j, k).map(|r| r.value)
            }),
            _ => None,
        };
        // A rate whose operands the parts do not all give (a target, KH
        // 95% in every part) is kept only when every part states it alike.
        let value = match worked {
            Some(v) if v.is_finite() => v,
            _ if alike => first.value,
            _ => continue,
        };
        recomputed.push(TidyRow {
            value,
            decimals,
            ..(*first).clone()
        });
    }
    rows.extend(recomputed);
    rows.sort_by_key(|r| (r.indicator, r.column));
    Summed { rows, spare }
}

/// The parts of one unit's report sent as several files (a section
/// each, or a supplement holding some indicators again): `parts` newest
/// first, with their figures in memory. Each indicator's figures are
/// those of the first part that holds it, never added; the sheets of
/// every part follow each other, so each figure keeps its sheet and cell.
/// None when there is no part.
pub fn join_parts(parts: &[&Submission]) -> Option<Submission> {
    let mut rows: Vec<TidyRow> = Vec::new();
    let mut sheets: Vec<String> = Vec::new();
    let mut tables = Vec::new();
    let mut taken: BTreeSet<u32> = BTreeSet::new();
    for p in parts {
        let offset = sheets.len() as u16;
        let held: BTreeSet<u32> = p.rows.iter().map(|r| r.indicator).collect();
        rows.extend(
            p.rows
                .iter()
                .filter(|r| !taken.contains(&r.indicator))
                .map(|r| TidyRow {
                    sheet: r.sheet + offset,
                    ..r.clone()
                }),
        );
        taken.extend(held);
        sheets.extend(p.sheets.iter().cloned());
        tables.extend(p.tables.iter().cloned());
    }
    // Sorted by indicator and column, a repeated figure in reading order.
    rows.sort_by_key(|r| (r.indicator, r.column));
    let mut whole = parts.first()?.with_figures(rows);
    whole.sheets = sheets;
    whole.tables = tables;
    whole.unit_former = None;
    Some(whole)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconcile::checks::testutil::{ind, row, sub_with};

    /// Xã Tân Hiệp's three former communes: flows add, the rate HC05 =
    /// HC03 / HC02 × 100 is worked from the sums, a target stated alike
    /// by every part is kept, and a figure one part lacks is unknown.
    #[test]
    fn flows_add_and_rates_are_recomputed_never_added() {
        let t = Template::builtin().unwrap();
        let (hc02, hc03, hc05) = (ind(&t, "HC02"), ind(&t, "HC03"), ind(&t, "HC05"));
        let (kh, th) = (ValueColumn::Kh, ValueColumn::Th);
        let part = |on: f64, all: f64, rate: f64| {
            sub_with(
                &t,
                "P01",
                vec![
                    row(hc02, th, all, 0),
                    row(hc03, th, on, 0),
                    row(hc05, th, rate, 2),
                    row(hc05, kh, 95.0, 0),
                ],
            )
        };
        let (a, b) = (part(40.0, 50.0, 80.0), part(30.0, 50.0, 60.0));
        let s = sum_parts(&[&a, &b], &t);
        let v = |i: usize, c: ValueColumn| figure_in(&s.rows, i, c).map(|r| r.value);
        assert_eq!(v(hc02, th), Some(100.0));
        assert_eq!(v(hc03, th), Some(70.0));
        // 70 / 100: neither 140 (added) nor the mean of 80 and 60.
        assert_eq!(v(hc05, th), Some(70.0));
        assert_eq!(v(hc05, kh), Some(95.0));
        // Two whole counts: exact, no spare half-units.
        assert!(s.spare.is_empty());
        let mut c = part(5.0, 9.0, 55.56);
        c.rows.retain(|r| r.ind() != hc02);
        for r in c
            .rows
            .iter_mut()
            .filter(|r| r.ind() == hc05 && r.column == kh)
        {
            r.value = 90.0;
        }
        let s = sum_parts(&[&a, &b, &c], &t);
        let v = |i: usize, c: ValueColumn| figure_in(&s.rows, i, c).map(|r| r.value);
        assert_eq!(v(hc03, th), Some(75.0));
        assert_eq!(v(hc02, th), None);
        assert_eq!(v(hc05, th), None);
        // Targets that differ are no target of the whole unit.
        assert_eq!(v(hc05, kh), None);
    }
}
