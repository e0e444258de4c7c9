//! The figures of the whole area that are recomputed from totals (%KH,
//! %CK, rates) and were left empty because some units gave only part of
//! their operands (see [`super::Totals::partial`]): one `total-uncomputed`
//! info per column and set of such units, naming the indicators, so that
//! an empty cell of Tổng hợp always has its reason in the error list.

use super::{Partial, Totals};
use crate::diagnostic::{Finding, Lang, Severity};
use crate::messages::Checked;
use crate::model::ValueColumn;
use crate::rules::expr::{parse, Rule};
use crate::template::{Kind, Template};
use std::collections::BTreeMap;

/// One `total-uncomputed` info per column and set of units that gave only
/// part of the operands, listing the indicators left empty.
pub fn uncomputed(totals: &Totals, template: &Template, lang: Lang) -> Vec<Finding> {
    // (column, units) → indicators.
    let mut groups: BTreeMap<(usize, &Partial), Vec<usize>> = BTreeMap::new();
    for ((indicator, slot), units) in &totals.partial {
        if !would_show(totals, template, *indicator, *slot) {
            continue;
        }
        groups.entry((*slot, units)).or_default().push(*indicator);
    }
    let level = template.level_words();
    let mut out = Vec::new();
    for ((slot, units), indicators) in groups {
        let Some(column) = ValueColumn::ALL.get(slot).copied() else {
            continue;
        };
        let codes: Vec<String> = indicators
            .iter()
            .filter_map(|&i| template.indicators.get(i))
            .map(|ind| match ind.kind {
                Kind::Rate => format!("{} ({})", ind.code, ind.formula.trim()),
                _ => ind.code.clone(),
            })
            .collect();
        let needs = match column {
            ValueColumn::PctKh => Some("LK, KH"),
            ValueColumn::PctCk => Some("LK, CK"),
            _ => None,
        };
        let which = named(units, template, lang);
        let said = Checked::TotalUncomputed {
            column,
            count: codes.len(),
            codes: &codes.join(", "),
            needs,
            level: &level,
            units: &which,
        };
        let mut f = Finding::said(Severity::Info, &said, lang)
            .column(column.as_str())
            .actual(which.clone());
        if let [i] = indicators.as_slice() {
            if let Some(ind) = template.indicators.get(*i) {
                f = f.indicator(ind.code.clone());
            }
        }
        out.push(f);
    }
    out.extend(without_column(totals, template, lang));
    out
}

/// One `total-uncomputed` info per quantity column and set of units that
/// reported indicators without sending that column, listing the
/// indicators whose total Tổng hợp leaves empty for it.
fn without_column(totals: &Totals, template: &Template, lang: Lang) -> Vec<Finding> {
    let mut groups: BTreeMap<(usize, &Partial), Vec<usize>> = BTreeMap::new();
    for ((indicator, slot), units) in &totals.without_column {
        if totals
            .values
            .get(*indicator)
            .and_then(|v| v[*slot])
            .is_none()
        {
            continue;
        }
        groups.entry((*slot, units)).or_default().push(*indicator);
    }
    let level = template.level_words();
    let mut out = Vec::new();
    for ((slot, units), indicators) in groups {
        let Some(column) = ValueColumn::ALL.get(slot).copied() else {
            continue;
        };
        let codes: Vec<&str> = indicators
            .iter()
            .filter_map(|&i| template.indicators.get(i))
            .map(|ind| ind.code.as_str())
            .collect();
        let which = named(units, template, lang);
        let said = Checked::TotalWithoutColumn {
            column,
            count: codes.len(),
            codes: &codes.join(", "),
            level: &level,
            units: &which,
        };
        let mut f = Finding::said(Severity::Info, &said, lang)
            .column(column.as_str())
            .actual(which.clone());
        if let [one] = codes.as_slice() {
            f = f.indicator(one.to_string());
        }
        out.push(f);
    }
    out
}

/// The units of `units` by name, "và 3 đơn vị khác" for those not kept.
fn named(units: &Partial, template: &Template, lang: Lang) -> String {
    let mut names: Vec<String> = units
        .first
        .iter()
        .filter_map(|&u| template.agencies.get(u as usize))
        .map(|a| a.shown().into_owned())
        .collect();
    let more = (units.count as usize).saturating_sub(units.first.len());
    if more > 0 {
        names.push(match lang {
            Lang::Vi => format!("và {more} đơn vị khác"),
            Lang::En => format!("and {more} more"),
        });
    }
    names.join(", ")
}

/// True when the totals hold every operand of the figure of `indicator` in
/// `slot`, so that a figure mixing two sets of units would have been shown
/// (a %KH where no unit gave a KH is simply empty, with nothing to say).
fn would_show(totals: &Totals, template: &Template, indicator: usize, slot: usize) -> bool {
    let value = |i: usize, c: ValueColumn| totals.values.get(i).and_then(|v| v[c.index()]);
    let of = |c: ValueColumn| {
        value(indicator, ValueColumn::Lk).is_some() && value(indicator, c).is_some_and(|x| x != 0.0)
    };
    match ValueColumn::ALL.get(slot).copied() {
        Some(ValueColumn::PctKh) => of(ValueColumn::Kh),
        Some(ValueColumn::PctCk) => of(ValueColumn::Ck),
        Some(c) => {
            let Some(ind) = template.indicators.get(indicator) else {
                return false;
            };
            let Ok(Rule::Definition(expr)) = parse(&ind.formula) else {
                return false;
            };
            expr.codes().iter().all(|code| {
                template
                    .indicator_index(code)
                    .is_some_and(|i| value(i, c).is_some())
            })
        }
        None => false,
    }
}
