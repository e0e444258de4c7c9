//! The figures of the whole area that are recomputed from totals (%KH,
//! %CK, rates) and were left empty because some units gave only part of
//! their operands (see [`super::Totals::partial`]): one `total-uncomputed`
//! info per column and cause, naming the indicators and the units, so that
//! an empty cell of Tổng hợp always has its reason in the error list.

use super::{Partial, Totals};
use crate::diagnostic::{Finding, Lang, Severity};
use crate::messages::Checked;
use crate::model::ValueColumn;
use crate::rules::expr::{parse, Rule};
use crate::template::{Kind, Template};
use std::collections::BTreeMap;

/// One `total-uncomputed` info per column whose figures units gave only
/// part of the operands of, listing the indicators left empty and the units; `crossed`:
/// the units whose cells hold «x» read as blank, said so.
pub fn uncomputed(
    totals: &Totals,
    template: &Template,
    crossed: &std::collections::HashSet<u32>,
    lang: Lang,
) -> Vec<Finding> {
    let level = template.level_words();
    let mut out = Vec::new();
    for ((slot, ref units), indicators) in partial_groups(totals, template) {
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
            crossed: units.first.iter().any(|u| crossed.contains(u)),
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
    out.extend(targets_differ(totals, template, lang));
    out
}

/// The rates whose KH the wards type themselves and typed differently
/// (95, 95, 96): Tổng hợp leaves their KH and %KH empty
/// ([`Totals::ward_targets`]), and this says who typed what, one
/// `total-uncomputed` info per rate at its KH.
///
/// [`Totals::ward_targets`]: super::Totals::ward_targets
pub fn targets_differ(totals: &Totals, template: &Template, lang: Lang) -> Vec<Finding> {
    let level = template.level_words();
    differing(totals, template, None, lang)
        .into_iter()
        .map(|(code, targets)| {
            let said = Checked::TargetsDiffer {
                code: &code,
                level: &level,
                targets: &targets,
            };
            Finding::said(Severity::Info, &said, lang)
                .indicator(code.clone())
                .column(ValueColumn::Kh.as_str())
                .actual(targets.clone())
        })
        .collect()
}

/// Each rate with differing typed targets: its code and «Phường A: 95;
/// Phường B: 96», the units in the registry's order; with `shown`, the
/// first so many and «và 12 đơn vị khác» (a printed footnote line).
fn differing(
    totals: &Totals,
    template: &Template,
    shown: Option<usize>,
    lang: Lang,
) -> Vec<(String, String)> {
    totals
        .ward_targets
        .iter()
        .filter(|(_, typed)| typed.is_none())
        .filter_map(|(&i, _)| {
            let ind = template.indicators.get(i)?;
            let mut typed = totals.ward_target_list.get(&i)?.clone();
            typed.sort_by_key(|&(u, _)| u);
            let mut listed: Vec<String> = typed
                .iter()
                .filter_map(|&(u, v)| {
                    let a = template.agencies.get(u as usize)?;
                    let v = crate::number::format_auto(v, 6, lang);
                    Some(format!("{}: {v}", a.shown()))
                })
                .collect();
            if let Some(n) = shown.filter(|&n| listed.len() > n) {
                let more = listed.len() - n;
                listed.truncate(n);
                listed.push(match lang {
                    Lang::Vi => format!("và {more} đơn vị khác"),
                    Lang::En => format!("and {more} more"),
                });
            }
            Some((ind.code.clone(), listed.join("; ")))
        })
        .collect()
}

/// One `total-uncomputed` info per quantity column that units reported
/// indicators without sending, listing the
/// indicators whose total Tổng hợp leaves empty for it.
fn without_column(totals: &Totals, template: &Template, lang: Lang) -> Vec<Finding> {
    let level = template.level_words();
    let mut out = Vec::new();
    for ((slot, ref units), indicators) in without_column_groups(totals) {
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

/// The recomputed figures left empty because units gave only part of
/// their operands: column → (the units, the indicators).
fn partial_groups(totals: &Totals, template: &Template) -> BTreeMap<(usize, Partial), Vec<usize>> {
    by_column(
        totals
            .partial
            .iter()
            .filter(|((indicator, slot), _)| would_show(totals, template, *indicator, *slot)),
    )
}

/// The quantity totals left empty because units reported the indicator
/// without sending the column: column → (the units, the indicators).
fn without_column_groups(totals: &Totals) -> BTreeMap<(usize, Partial), Vec<usize>> {
    by_column(
        totals
            .without_column
            .iter()
            .filter(|((indicator, slot), _)| {
                totals
                    .values
                    .get(*indicator)
                    .and_then(|v| v[*slot])
                    .is_some()
            }),
    )
}

/// One group per column, whatever units each indicator lacks: the
/// indicators in one list, the units that left any of them empty in
/// another (a column told twice, «7 chỉ tiêu» for Phường 7 and Phường 9
/// and «VH05» for Phường 9 alone, read as two causes where there is one).
fn by_column<'t>(
    entries: impl Iterator<Item = (&'t (usize, usize), &'t Partial)>,
) -> BTreeMap<(usize, Partial), Vec<usize>> {
    let mut columns: BTreeMap<usize, (Partial, Vec<usize>)> = BTreeMap::new();
    for ((indicator, slot), units) in entries {
        let (all, indicators) = columns.entry(*slot).or_default();
        // Units beyond those kept are counted, not named: the count is
        // the largest unnamed share of one indicator, beside those named.
        let unnamed = |p: &Partial| p.count.saturating_sub(p.first.len() as u32);
        let more = unnamed(all).max(unnamed(units));
        for &u in &units.first {
            if !all.first.contains(&u) {
                all.first.push(u);
            }
        }
        all.first.sort_unstable();
        all.count = all.first.len() as u32 + more;
        all.first.truncate(Partial::KEPT);
        indicators.push(*indicator);
    }
    columns
        .into_iter()
        .map(|(slot, (units, mut indicators))| {
            indicators.sort_unstable();
            ((slot, units), indicators)
        })
        .collect()
}

/// The footnote lines of Tổng hợp for the cells [`uncomputed`] leaves
/// empty: one per column and cause, naming the indicators, the
/// units and why, so that the signed page says why a total is blank (the
/// notes of a cell do not print).
/// Whether `formula` is a rate's definition.
fn is_definition(formula: &str) -> bool {
    use crate::rules::expr::{parse, Rule};
    matches!(parse(formula), Ok(Rule::Definition(_)))
}

pub fn blank_footnote(totals: &Totals, template: &Template, lang: Lang) -> Vec<String> {
    let findings = crate::outputs::Sheet::Findings.name(lang);
    let mut lines = Vec::new();
    let codes = |indicators: &[usize]| {
        indicators
            .iter()
            .filter_map(|&i| template.indicators.get(i))
            .map(|ind| ind.code.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for ((slot, ref units), indicators) in partial_groups(totals, template) {
        let Some(column) = ValueColumn::ALL.get(slot).copied() else {
            continue;
        };
        let (codes, which) = (codes(&indicators), named(units, template, lang));
        lines.push(match lang {
            Lang::Vi => format!("Ô để trống: cột {column} của {codes} không tính được từ các tổng, vì {which} chỉ có một phần các số liệu cần để tính (xem trang «{findings}»): chưa có số liệu, không phải bằng 0."),
            Lang::En => format!("Cells left empty: column {column} of {codes} cannot be worked out from the totals, because {which} gave only part of the figures it needs (see the sheet «{findings}»): no figure, not zero."),
        });
    }
    for ((slot, ref units), indicators) in without_column_groups(totals) {
        let Some(column) = ValueColumn::ALL.get(slot).copied() else {
            continue;
        };
        let (codes, which) = (codes(&indicators), named(units, template, lang));
        lines.push(match lang {
            Lang::Vi => format!("Ô để trống: cột {column} của {codes} không cộng, vì {which} báo các chỉ tiêu này nhưng không gửi cột {column} (xem trang «{findings}»): chưa có số liệu, không phải bằng 0."),
            Lang::En => format!("Cells left empty: column {column} of {codes} is not added up, because {which} reported these indicators without a column {column} (see the sheet «{findings}»): no figure, not zero."),
        });
    }
    for ind in template.indicators.iter().filter(|d| d.declared.is_some()) {
        if is_definition(&ind.formula) {
            continue;
        }
        let (code, unit) = (&ind.code, &ind.unit);
        lines.push(match lang {
            Lang::Vi => format!("Ô để trống: {code} có đơn vị {unit} (một tỷ lệ) nhưng mẫu biểu khai báo là số cộng được (flow/stock) và không cho công thức tính: tỷ lệ của các đơn vị không cộng với nhau (xem trang «{findings}»)."),
            Lang::En => format!("Cells left empty: {code} is in {unit} (a rate) but the template declares it a figure that adds up (flow/stock) and gives no formula: the units' rates are not added up (see the sheet «{findings}»)."),
        });
    }
    // The first 20 units on the printed page, as the missing units' line
    // lists them; the `total-uncomputed` info lists them all.
    for (code, targets) in differing(totals, template, Some(20), lang) {
        lines.push(match lang {
            Lang::Vi => format!("Ô để trống: cột KH và %KH của {code} không ghi, vì các đơn vị ghi chỉ tiêu kế hoạch khác nhau ({targets}), không có một chỉ tiêu chung (xem trang «{findings}»)."),
            Lang::En => format!("Cells left empty: columns KH and %KH of {code} are not filled in, because the units typed different targets ({targets}), no one target (see the sheet «{findings}»)."),
        });
    }
    lines
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
            expr.operands().iter().all(|&(code, pin)| {
                template
                    .indicator_index(code)
                    .is_some_and(|i| value(i, pin.unwrap_or(c)).is_some())
            })
        }
        None => false,
    }
}

/// The indicators whose row of Tổng hợp is empty because no unit that
/// reports them is in the totals: the registry has none
/// ([`Unreported::absent`]), or none of those it has sent a report that
/// was consolidated ([`Unreported::silent`]). Missing is not zero: the
/// signed sheet says why such a row is blank, and the error list tells
/// the office once.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Unreported {
    /// Indicators no unit of the registry reports, in catalog order.
    pub absent: Vec<usize>,
    /// Who reports them: the `reported_by` codes of those of one
    /// department, in catalog order; empty for indicators of the
    /// registry's units (wards, communes) when it has none.
    pub absent_from: Vec<String>,
    /// Indicators whose reporting units are in the registry, none of them
    /// in the totals.
    pub silent: Vec<usize>,
    /// Those units (agency indices), in registry order.
    pub silent_units: Vec<usize>,
}

impl Unreported {
    pub fn is_empty(&self) -> bool {
        self.absent.is_empty() && self.silent.is_empty()
    }
}

/// The [`Unreported`] indicators of a run whose totals hold the units
/// `in_totals` says: those whose every total is empty and whose reporting
/// units (those that must report them) are not in the totals.
pub fn unreported(
    totals: &Totals,
    template: &Template,
    in_totals: impl Fn(usize) -> bool,
) -> Unreported {
    let mut out = Unreported::default();
    for (i, ind) in template.indicators.iter().enumerate() {
        // A rate declared a flow or stock is told by its own warning.
        if ind.declared.is_some()
            || ValueColumn::ALL
                .iter()
                .any(|&c| totals.shown(i, c).is_some())
        {
            continue;
        }
        // An index or a price (a rate with no formula) is the figure of
        // the unit `reported_by` names alone: the wards' own are neither
        // summed nor recomputed.
        let stated_only = super::taken_as_stated(template, i);
        let reporters: Vec<usize> = template
            .agencies
            .iter()
            .enumerate()
            .filter(|(u, a)| {
                a.reports
                    && match stated_only {
                        true => a.code == ind.reported_by,
                        false => template.must_report(*u, i),
                    }
            })
            .map(|(u, _)| u)
            .collect();
        if reporters.is_empty() {
            out.absent.push(i);
            let code = ind.reported_by.trim();
            let of_one = ind.level == crate::template::Level::District;
            if of_one && !code.is_empty() && !out.absent_from.iter().any(|c| c == code) {
                out.absent_from.push(code.to_string());
            }
        } else if !reporters.iter().any(|&u| in_totals(u)) {
            out.silent.push(i);
            for u in reporters {
                if !out.silent_units.contains(&u) {
                    out.silent_units.push(u);
                }
            }
        }
    }
    out.silent_units.sort_unstable();
    out
}

/// The codes of `indicators`, the first `shown` then how many more.
pub fn codes_of(indicators: &[usize], shown: usize, template: &Template, lang: Lang) -> String {
    let mut codes: Vec<String> = indicators
        .iter()
        .take(shown)
        .filter_map(|&i| template.indicators.get(i))
        .map(|ind| ind.code.clone())
        .collect();
    if indicators.len() > shown {
        let more = indicators.len() - shown;
        codes.push(match lang {
            Lang::Vi => format!("và {more} chỉ tiêu khác"),
            Lang::En => format!("and {more} more"),
        });
    }
    codes.join(", ")
}

/// Who reports the indicators of `u`: the absent ones' departments by
/// code (or the registry's unit words), the silent ones' units by name,
/// the first 10 then how many more.
pub fn reporters_of(u: &Unreported, absent: bool, template: &Template, lang: Lang) -> String {
    const SHOWN: usize = 10;
    let names: Vec<String> = if absent {
        if u.absent_from.is_empty() {
            vec![template.level_words().units(lang).to_string()]
        } else {
            u.absent_from.clone()
        }
    } else {
        u.silent_units
            .iter()
            .filter_map(|&a| template.agencies.get(a))
            .map(|a| a.shown().into_owned())
            .collect()
    };
    let mut shown: Vec<String> = names.iter().take(SHOWN).cloned().collect();
    if names.len() > SHOWN {
        let more = names.len() - SHOWN;
        shown.push(match lang {
            Lang::Vi => format!("và {more} đơn vị khác"),
            Lang::En => format!("and {more} more"),
        });
    }
    shown.join(", ")
}

/// Whether the registry has no reporting unit at all of the level that
/// states indicator `i` (a city whose registry holds only wards, for a
/// department's indicator): a configuration, not a report that is
/// missing. An indicator only a named unit states (an index, a price) is
/// a department's.
fn level_not_in_registry(template: &Template, i: usize) -> Option<bool> {
    use crate::template::{AgencyKind, Level};
    let ind = template.indicators.get(i)?;
    let has = |wards: bool| {
        template
            .agencies
            .iter()
            .any(|a| a.reports && (a.kind == AgencyKind::Ward) == wards)
    };
    let stated_only = super::taken_as_stated(template, i);
    match (ind.level, stated_only) {
        (Level::District, _) | (Level::Both, true) => (!has(false)).then_some(false),
        (Level::Ward, _) => (!has(true)).then_some(true),
        (Level::Both, false) => (!has(false) && !has(true)).then_some(false),
    }
}

/// One `total-unreported` finding for the office per kind of
/// [`Unreported`] indicators: a warning for those no unit of the registry
/// reports though it has units of their level (the registry, or the
/// template, is to be put right), an info for those whose units sent
/// nothing consolidated (their own findings say why), and an info for
/// those whose level the registry has no unit of at all (a city's
/// registry of wards alone, for the departments' indicators): a
/// configuration, told to the office each run without asking anything of
/// it.
pub fn unreported_findings(u: &Unreported, template: &Template, lang: Lang) -> Vec<Finding> {
    let mut out = Vec::new();
    // The absent ones whose level has no unit in the registry: by the
    // level missing (wards or not).
    let mut unconfigured: BTreeMap<bool, Vec<usize>> = BTreeMap::new();
    let mut absent = Vec::new();
    for &i in &u.absent {
        match level_not_in_registry(template, i) {
            Some(wards) => unconfigured.entry(wards).or_default().push(i),
            None => absent.push(i),
        }
    }
    let level = template.level_words();
    for (wards, indicators) in &unconfigured {
        let reporters: Vec<String> = if *wards {
            Vec::new()
        } else {
            let mut codes: Vec<String> = Vec::new();
            for &i in indicators {
                let Some(code) = template.indicators.get(i).map(|d| d.reported_by.trim()) else {
                    continue;
                };
                if !code.is_empty() && !codes.iter().any(|c| c == code) {
                    codes.push(code.to_string());
                }
            }
            codes
        };
        let reporters = reporters.join(", ");
        let said = Checked::TotalLevelNotInRegistry {
            count: indicators.len(),
            codes: &codes_of(indicators, 20, template, lang),
            reporters: &reporters,
            wards: *wards,
            level: &level,
        };
        let mut f = Finding::said(Severity::Info, &said, lang)
            .actual(reporters.clone())
            .for_office();
        if let [i] = indicators.as_slice() {
            if let Some(ind) = template.indicators.get(*i) {
                f = f.indicator(ind.code.clone());
            }
        }
        out.push(f);
    }
    // The absent ones told as a warning name only their own departments.
    let warned = Unreported {
        absent_from: u
            .absent_from
            .iter()
            .filter(|c| {
                absent.iter().any(|&i| {
                    template
                        .indicators
                        .get(i)
                        .is_some_and(|d| d.reported_by.trim() == c.as_str())
                })
            })
            .cloned()
            .collect(),
        ..u.clone()
    };
    for (absent, indicators, severity) in [
        (true, &absent, Severity::Warning),
        (false, &u.silent, Severity::Info),
    ] {
        if indicators.is_empty() {
            continue;
        }
        let reporters = reporters_of(&warned, absent, template, lang);
        let said = Checked::TotalUnreported {
            count: indicators.len(),
            codes: &codes_of(indicators, 20, template, lang),
            reporters: &reporters,
            in_registry: !absent,
        };
        let mut f = Finding::said(severity, &said, lang).actual(reporters.clone());
        if let [i] = indicators.as_slice() {
            if let Some(ind) = template.indicators.get(*i) {
                f = f.indicator(ind.code.clone());
            }
        }
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tester DA: 32 provinces typed 32 different forest-cover targets and
    /// the printed footnote named all 32; it names the first 20 and «và 12
    /// đơn vị khác», as the missing units' line does, while the info in
    /// Lỗi keeps all of them. Near miss: 3 differing targets are all named.
    #[test]
    fn a_long_list_of_differing_targets_is_cut_on_the_printed_page() {
        use crate::samples::batch;
        let mut agencies = String::from("code,kind,name,aliases,reports\n");
        for k in 1..=25 {
            agencies.push_str(&format!("P{k:02},ward,Phường {k},,yes\n"));
        }
        let t = Template::from_texts(
            "t",
            batch::BUILTIN_TOML,
            batch::BUILTIN_INDICATORS,
            batch::BUILTIN_GROUPS,
            &agencies,
        )
        .unwrap();
        let rate = t
            .indicators
            .iter()
            .position(|i| i.kind == crate::template::Kind::Rate)
            .unwrap();
        let units = t
            .agencies
            .iter()
            .enumerate()
            .filter(|(_, a)| a.kind == crate::template::AgencyKind::Ward)
            .map(|(u, _)| u as u32)
            .collect::<Vec<_>>();
        assert_eq!(units.len(), 25);
        let footnote_of = |n: usize| {
            let mut totals = crate::reconcile::checks::empty_totals(&t);
            totals.ward_targets.insert(rate, None);
            totals.ward_target_list.insert(
                rate,
                units
                    .iter()
                    .take(n)
                    .map(|&u| (u, 50.0 + f64::from(u)))
                    .collect(),
            );
            let info = targets_differ(&totals, &t, Lang::Vi);
            (blank_footnote(&totals, &t, Lang::Vi), info)
        };
        let (lines, info) = footnote_of(3);
        assert!(!lines[0].contains("khác)"), "{lines:?}");
        assert_eq!(info[0].actual.matches(": ").count(), 3);
        let (lines, info) = footnote_of(units.len());
        let more = units.len() - 20;
        assert!(
            lines[0].contains(&format!("; và {more} đơn vị khác)")),
            "{lines:?}"
        );
        // «Ô để trống: …» and the 20 named.
        assert_eq!(lines[0].matches(": ").count(), 21, "{lines:?}");
        assert_eq!(info[0].actual.matches(": ").count(), units.len());
    }
}
