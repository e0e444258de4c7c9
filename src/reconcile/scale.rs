//! A unit whose money is written in another money unit than its header
//! says: figures in nghìn đồng under a "triệu đồng" header are a thousand
//! times the other units' figures, indicator after indicator. One such
//! figure is an outlier; all of a unit's money figures off by the same
//! power of a thousand is a unit written wrongly, and every total they
//! enter is off by as much (a tester's province total came out 16 times too
//! large, with three outlier warnings to show for it).
//!
//! Per money indicator and column (KH, TH, LK, CK), the wards' figures as
//! they are (not per head: a power of a thousand is far beyond any
//! difference in size between units of one kind) give a median. A unit's
//! figure is "a thousand off" when it is 200 to 5,000 times that median
//! (or a 200th to a 5,000th of it), "a million off" likewise around a
//! million. A unit is written in another money unit when at least
//! [`MIN_OFF`] of its figures, over two indicators at least, are off by
//! the same power, and they are at least two thirds of its money figures
//! that can be compared. That is one `unit-mismatch` error for the file
//! (tester DD: nine errors for one cause), naming its cells, the factor
//! and the likely unit, and speaking for each money row (its `covers`);
//! the rows' own errors stay behind it for the other checks. The figures
//! stay in the totals (the unit must say which they are), and the totals
//! they enter are marked and footnoted. Their outlier warnings say
//! less and are dropped. So is a row's `cumulative-mismatch` that only
//! the slip makes: with `--previous`, a row whose LK = previous LK + TH
//! fails as written and holds once its TH and LK are brought back by the
//! slip's factor (20,78 + 38,07 = 58,85 where 38.070 and 58.850 were
//! typed) has one finding, this one, which says the LK agrees; a row
//! that fails even then keeps its error (a second mistake).
//!
//! Indicators in `may_be_negative` (a balance: kết dư +, bội chi −) are
//! judged by magnitude, sign aside: a commune's −0,19 "triệu" where the
//! others' balances are some hundreds is as much a thousand off as its
//! revenue (a tester's province total came out 190 triệu off with no mark
//! when they were left out). Groups with fewer than `outlier_min_peers`
//! figures, or a median of zero, are not used; rates neither.

use super::checks::{at_row, indicator_words, CheckSettings};
use super::cumulative::{lk_agrees_scaled, PreviousFigures};
use super::outliers::median;
use crate::diagnostic::{a1, Code, Finding, Lang, Severity};
use crate::error::Fatal;
use crate::messages::Checked;
use crate::normalize::store::Figures;
use crate::normalize::submission::{Submission, TidyRow};
use crate::number::{format_auto, format_num, money_factor};
use crate::template::{AgencyKind, Kind, Template};
use std::collections::{BTreeMap, HashSet};

/// The fewest figures of a unit off by the same power of a thousand.
pub const MIN_OFF: usize = 3;

/// How far a figure is from its group's median, as a power of a thousand
/// (−2 … 2; 0 when near it, `None` when neither).
fn power_off(value: f64, median: f64) -> Option<i32> {
    let log = (value / median).log10();
    if log.abs() < 1.3 {
        return Some(0);
    }
    [-2, -1, 1, 2]
        .into_iter()
        .find(|&p| (log - 3.0 * f64::from(p)).abs() <= 0.7)
}

/// What [`check_money_scale`] found: its `unit-mismatch` errors, and the
/// (unit code, indicator code) rows whose LK adds up with last quarter's
/// once read in the slip's money unit.
#[derive(Debug, Default)]
pub struct MoneyScale {
    /// The errors to report: one per file whose money figures are all
    /// off alike, one per row where only one money unit's rows are.
    pub findings: Vec<Finding>,
    /// One error per money row off, told once in `findings` for a whole
    /// file: what the other checks hold back (a department's comparison,
    /// a rate worked from the row, the row's outliers).
    pub rows: Vec<Finding>,
    pub lk_agrees: HashSet<(String, String)>,
}

/// `unit-mismatch` errors for the money rows of every ward whose money
/// figures are off by the same power of a thousand. Two passes over the
/// chunks: the groups' figures for their medians, then each unit's. With
/// last quarter's figures (`previous`), each row's cumulative relation is
/// also read in the slip's money unit (see [`MoneyScale::lk_agrees`]).
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn check_money_scale(
    figures: &Figures,
    template: &Template,
    settings: &CheckSettings,
    previous: Option<&PreviousFigures>,
    lang: Lang,
) -> Result<MoneyScale, Fatal> {
    let money: Vec<Option<f64>> = template
        .indicators
        .iter()
        .map(|i| {
            (i.kind != Kind::Rate)
                .then(|| money_factor(&i.unit))
                .flatten()
        })
        .collect();
    // Magnitudes: a balance's sign says nothing of its unit.
    let signed: Vec<bool> = template
        .indicators
        .iter()
        .map(|i| settings.may_be_negative.contains(&i.code))
        .collect();
    let size = |r: &TidyRow| {
        if signed.get(r.ind()).copied().unwrap_or(false) {
            r.value.abs()
        } else {
            r.value
        }
    };
    if money.iter().all(Option::is_none) {
        return Ok(MoneyScale::default());
    }
    let is_ward = |s: &Submission| {
        s.unit
            .and_then(|u| template.agencies.get(u))
            .is_some_and(|a| a.kind == AgencyKind::Ward)
    };
    let counted = |r: &TidyRow| {
        !r.column.is_percent() && size(r) > 0.0 && money.get(r.ind()).is_some_and(Option::is_some)
    };
    // (indicator, column) → the wards' figures, the first of a column.
    let mut groups: BTreeMap<(usize, usize), Vec<f64>> = BTreeMap::new();
    figures.each_chunk(|chunk| {
        for s in chunk.iter().filter(|s| is_ward(s)) {
            let mut seen: HashSet<(usize, usize)> = HashSet::new();
            for r in s.rows.iter().filter(|r| counted(r)) {
                let key = (r.ind(), r.column.index());
                if seen.insert(key) {
                    groups.entry(key).or_default().push(size(r));
                }
            }
        }
        Ok(())
    })?;
    let medians: BTreeMap<(usize, usize), f64> = groups
        .into_iter()
        .filter(|(_, v)| v.len() >= settings.outlier_min_peers)
        .filter_map(|(k, mut v)| median(&mut v).filter(|&m| m > 0.0).map(|m| (k, m)))
        .collect();
    if medians.is_empty() {
        return Ok(MoneyScale::default());
    }
    let words = template.level_words();
    let mut out = MoneyScale::default();
    let kept = figures.subs();
    figures.each_chunk_at(|start, chunk| {
        for (k, s) in chunk.iter().enumerate().filter(|(_, s)| is_ward(s)) {
            // The submission as kept in memory: its findings (the figures
            // read back from the store come without them).
            let in_memory = kept.get(start + k).copied().unwrap_or(s);
            // Each compared figure with its power off.
            let mut compared: Vec<(&TidyRow, i32, f64)> = Vec::new();
            let mut seen: HashSet<(usize, usize)> = HashSet::new();
            for r in s.rows.iter().filter(|r| counted(r)) {
                let key = (r.ind(), r.column.index());
                let Some(&m) = medians.get(&key) else {
                    continue;
                };
                if !seen.insert(key) {
                    continue;
                }
                if let Some(p) = power_off(size(r), m) {
                    compared.push((r, p, m));
                }
            }
            let whole = [-2, -1, 1, 2]
                .into_iter()
                .find(|&p| off_alike(&compared, p, compared.len()))
                .map(|p| (p, None));
            let Some((power, unit_of)) = whole.or_else(|| one_money_unit_off(&compared, &money))
            else {
                continue;
            };
            // The figures judged: the file's, or those of one money unit.
            let judged: Vec<&(&TidyRow, i32, f64)> = compared
                .iter()
                .filter(|c| unit_of.is_none_or(|f| money[c.0.ind()] == Some(f)))
                .collect();
            let off_count = judged.iter().filter(|c| c.1 == power).count();
            let rest = compared.len() - judged.len();
            // One finding per indicator, at its first figure off.
            let mut told: HashSet<usize> = HashSet::new();
            let mut rows: Vec<Finding> = Vec::new();
            let mut lk_rows = 0;
            for &&(r, _, m) in judged.iter().filter(|c| c.1 == power) {
                if !told.insert(r.ind()) {
                    continue;
                }
                let agrees = previous
                    .and_then(|p| lk_agrees_scaled(s, p, template, r.ind(), 1000f64.powi(power)));
                let f = finding(
                    template,
                    &words,
                    s,
                    r,
                    (m, power),
                    (off_count, judged.len(), rest),
                    (
                        agrees,
                        money_converted(in_memory, &template.indicators[r.ind()].code),
                    ),
                    (None, lang),
                );
                if agrees.is_some() {
                    lk_rows += 1;
                    out.lk_agrees.insert((f.unit.clone(), f.indicator.clone()));
                }
                rows.push(f);
            }
            // A whole file in another money unit is one mistake: told
            // once, at its first figure off, naming the cells it spans;
            // the rows' errors stay behind it for the other checks.
            if unit_of.is_none() {
                let off: Vec<&TidyRow> = judged
                    .iter()
                    .filter(|c| c.1 == power)
                    .map(|c| c.0)
                    .collect();
                if let (Some(&(first, _, m)), Some(told_first)) =
                    (judged.iter().find(|c| c.1 == power).copied(), rows.first())
                {
                    let cells = cells_spanned(s, &off);
                    let mut f = finding(
                        template,
                        &words,
                        s,
                        first,
                        (m, power),
                        (off_count, judged.len(), rest),
                        (
                            None,
                            money_converted(in_memory, &template.indicators[first.ind()].code),
                        ),
                        (Some((&cells, lk_rows)), lang),
                    );
                    f.indicator = String::new();
                    f.covers = rows
                        .iter()
                        .flat_map(|r| r.covers.iter().cloned())
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .chain(rows.iter().map(|r| money_row_key(&r.indicator)))
                        .collect();
                    debug_assert_eq!(told_first.cell, f.cell);
                    out.findings.push(f);
                }
            } else {
                out.findings.extend(rows.iter().cloned());
            }
            out.rows.extend(rows);
        }
        Ok(())
    })?;
    Ok(out)
}

/// How a `unit-mismatch` error told once for a whole file names, in its
/// [`Finding::covers`], each money row it speaks for.
fn money_row_key(indicator: &str) -> String {
    format!("money-row {indicator}")
}

/// The indicators a `unit-mismatch` error told once for a whole file
/// (money figures all off by one power of a thousand) speaks for: each
/// marked as that row's own error would be. Empty for any other finding.
pub fn money_rows_of(f: &Finding) -> Vec<&str> {
    if f.code != Code::UnitMismatch || !f.indicator.is_empty() || f.unit.is_empty() {
        return Vec::new();
    }
    f.covers
        .iter()
        .filter_map(|c| c.strip_prefix("money-row "))
        .collect()
}

/// The cells a file's figures `off` span, one range per sheet ("E7:H16";
/// "Biểu 1!E7:H9, Biểu 2!E7:F8" when on more than one sheet).
fn cells_spanned(s: &Submission, off: &[&TidyRow]) -> String {
    let mut boxes: BTreeMap<u16, (u32, u32, u32, u32)> = BTreeMap::new();
    for r in off {
        let b = boxes.entry(r.sheet).or_insert((r.row, r.col, r.row, r.col));
        *b = (
            b.0.min(r.row),
            b.1.min(r.col),
            b.2.max(r.row),
            b.3.max(r.col),
        );
    }
    let many = boxes.len() > 1;
    boxes
        .iter()
        .map(|(&sheet, &(r0, c0, r1, c1))| {
            let range = if (r0, c0) == (r1, c1) {
                a1(r0, c0)
            } else {
                format!("{}:{}", a1(r0, c0), a1(r1, c1))
            };
            match (many, s.sheets.get(usize::from(sheet))) {
                (true, Some(name)) => format!("{name}!{range}"),
                _ => range,
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether `power` is a money unit written wrongly among a unit's
/// `compared` figures (each with its power off): [`MIN_OFF`] of them at
/// least, over two indicators, and two thirds of the `of` figures judged.
fn off_alike(compared: &[(&TidyRow, i32, f64)], power: i32, of: usize) -> bool {
    let off: Vec<_> = compared.iter().filter(|c| c.1 == power).collect();
    let indicators: HashSet<usize> = off.iter().map(|c| c.0.ind()).collect();
    off.len() >= MIN_OFF && indicators.len() >= 2 && 3 * off.len() >= 2 * of
}

/// The rows of one money unit written in another, the unit's other money
/// right (a clerk who typed the "triệu đồng" rows in nghìn đồng and the
/// "đồng" rows as asked): every compared figure of the indicators the
/// template gives that money unit (`money`: each indicator's factor) is
/// off by the same power, [`MIN_OFF`] at least over two indicators, while
/// [`MIN_OFF`] at least of the unit's other money figures are compared
/// and two thirds of them are near the usual. A unit that is simply
/// large is large in all its money, and is not this. The power and the
/// money unit's factor.
fn one_money_unit_off(
    compared: &[(&TidyRow, i32, f64)],
    money: &[Option<f64>],
) -> Option<(i32, Option<f64>)> {
    let mut factors: Vec<f64> = Vec::new();
    for c in compared {
        if let Some(f) = money.get(c.0.ind()).copied().flatten() {
            if !factors.contains(&f) {
                factors.push(f);
            }
        }
    }
    factors.into_iter().find_map(|f| {
        let (mine, rest): (Vec<_>, Vec<_>) = compared
            .iter()
            .copied()
            .partition(|c| money.get(c.0.ind()).copied().flatten() == Some(f));
        let power = mine.first()?.1;
        let usual = rest.iter().filter(|c| c.1 == 0).count();
        (power != 0
            && mine.iter().all(|c| c.1 == power)
            && off_alike(&mine, power, mine.len())
            && rest.len() >= MIN_OFF
            && 3 * usual >= 2 * rest.len())
        .then_some((power, Some(f)))
    })
}

/// The error for a unit's money row `r`, `power` thousands off the
/// median `m`; `off` of its `compared` money figures are off alike, and
/// `rest` of its money figures in other money units are not judged (0:
/// every money figure of the unit is); `agrees`: the row's previous LK,
/// TH and LK read in the slip's unit, when its LK adds up only so.
#[allow(clippy::too_many_arguments)]
fn finding(
    template: &Template,
    words: &crate::template::LevelWords,
    s: &Submission,
    r: &TidyRow,
    (m, power): (f64, i32),
    (off, compared, rest): (usize, usize, usize),
    (agrees, converted): (Option<(f64, f64, f64)>, Option<&Finding>),
    (file, lang): (Option<(&str, usize)>, Lang),
) -> Finding {
    let ind = &template.indicators[r.ind()];
    let unit = s
        .unit
        .and_then(|u| template.agencies.get(u))
        .map(|a| a.shown().into_owned())
        .unwrap_or_default();
    let d = r.shown_decimals().min(4);
    // The figures as the file wrote them: in the unit it said (converted
    // by the tool), else in the catalog's.
    let written = converted.and_then(|w| Some((w, money_factor(&w.actual)?)));
    let factor = written
        .map(|(_, f)| f)
        .or_else(|| money_factor(&ind.unit))
        .unwrap_or(1.0);
    let guess = factor / 1000f64.powi(power);
    let times = format_num(1000f64.powi(power.abs()), 0, lang);
    let agrees = agrees.map(|(p, th, lk)| {
        let f = |v: f64| format_auto(v, 3, lang);
        (f(p), f(th), f(lk))
    });
    // A balance below zero is compared by magnitude: the usual is said
    // with its sign.
    let m = if r.value < 0.0 { -m } else { m };
    let said = Checked::MoneyScale {
        unit: &unit,
        what: &indicator_words(template, r.ind()),
        column: r.column,
        value: &format_num(r.value, d, lang),
        usual: &format_auto(m, 2, lang),
        catalog_unit: &ind.unit,
        times: &times,
        larger: power > 0,
        off,
        compared,
        rest,
        guess: Some(guess),
        level: words,
        lk_agrees: agrees
            .as_ref()
            .map(|(p, th, lk)| (p.as_str(), th.as_str(), lk.as_str())),
        written: written.map(|(w, _)| (w.actual.as_str(), w.cell.as_str())),
        file,
    };
    let mut f = at_row(Finding::said(Severity::Error, &said, lang), template, s, r);
    debug_assert_eq!(f.code, Code::UnitMismatch);
    // The whole row: every figure of it, and the totals it enters.
    f.column = String::new();
    // The warning that the figures were converted from the file's unit
    // says the opposite of this error: this one stands for it.
    if let Some((w, _)) = written {
        f.covers.push(converted_key(&w.sheet, &w.cell));
    }
    if file.is_some() {
        // The file's: the catalog's money unit against the likely one.
        let likely = crate::messages::money_unit_words(guess, lang)
            .map_or_else(|| format!("×{times}"), str::to_string);
        return f.expected(ind.unit.clone()).actual(likely);
    }
    f.expected(format!("≈ {}", format_auto(m, 2, lang)))
        .actual(format_num(r.value, d, lang))
}

/// The `unit-mismatch` warning of a submission that says the money
/// figures of indicator `code` were converted from the unit its header or
/// unit column wrote ("nghìn đồng" at I6 where the catalog says "triệu
/// đồng"), one for the row or one told for many rows at once.
fn money_converted<'a>(s: &'a Submission, code: &str) -> Option<&'a Finding> {
    s.findings.iter().find(|f| {
        f.code == Code::UnitMismatch
            && f.severity == Severity::Warning
            && f.column.is_empty()
            && money_factor(&f.actual).is_some()
            && money_factor(&f.expected).is_some()
            && (f.indicator == code
                || s.unit_cells.iter().any(|u| {
                    u.sheet == f.sheet
                        && u.anchor == f.cell
                        && u.indicators.iter().any(|i| i == code)
                }))
    })
}

/// How a `unit-mismatch` error of [`check_money_scale`] names, in its
/// [`Finding::covers`], the conversion warning it stands for.
fn converted_key(sheet: &str, cell: &str) -> String {
    format!("unit-converted {sheet}!{cell}")
}

/// Drops the `unit-mismatch` warnings that say a file's money figures
/// were converted from the unit it wrote, where a `unit-mismatch` error
/// of [`check_money_scale`] on the same file says that unit is wrong
/// (figures in đồng under "nghìn đồng"): the error stands for them.
pub fn drop_converted_contradicted(findings: &mut Vec<Finding>) {
    let covered: HashSet<(String, String)> = findings
        .iter()
        .filter(|f| f.code == Code::UnitMismatch && f.severity == Severity::Error)
        .flat_map(|f| f.covers.iter().map(move |k| (f.file.clone(), k.clone())))
        .collect();
    if covered.is_empty() {
        return;
    }
    findings.retain(|f| {
        !(f.code == Code::UnitMismatch
            && f.severity == Severity::Warning
            && f.column.is_empty()
            && covered.contains(&(f.file.clone(), converted_key(&f.sheet, &f.cell))))
    });
}

/// Drops the `cumulative-mismatch` findings on the rows whose LK adds up
/// once read in their money slip's unit ([`MoneyScale::lk_agrees`]): the
/// `unit-mismatch` on the row says so, and the LK is right.
pub fn drop_lk_knock_on(findings: &mut Vec<Finding>, scale: &MoneyScale) {
    if scale.lk_agrees.is_empty() {
        return;
    }
    findings.retain(|f| {
        !(f.code == Code::CumulativeMismatch
            && !f.indicator.is_empty()
            && scale
                .lk_agrees
                .contains(&(f.unit.clone(), f.indicator.clone())))
    });
}

/// Drops the outlier warnings on the rows a `unit-mismatch` of
/// [`check_money_scale`] already explains.
pub fn drop_explained(outliers: &mut Vec<Finding>, scale: &[Finding]) {
    let rows: HashSet<(&str, &str)> = scale
        .iter()
        .map(|f| (f.unit.as_str(), f.indicator.as_str()))
        .collect();
    outliers.retain(|f| !rows.contains(&(f.unit.as_str(), f.indicator.as_str())));
}

/// How a whole row's slip confirmed by its own row names, in its
/// [`Finding::covers`], an error that the slip alone makes.
fn knock_on_key(f: &Finding) -> String {
    format!(
        "knock-on {} {}|{}!{}|{}",
        f.code.as_str(),
        f.file,
        f.sheet,
        f.cell,
        f.column
    )
}

/// The whole rows a power of ten off their peers (an `outlier` warning
/// with no column, see `outliers::whole_row_off`) that the unit's own
/// row confirms: brought back by the slip's factor, the relations the
/// row enters that fail as written hold (a fee of 560.000.000 «triệu
/// đồng» above the commune's revenue of 9.900; a part that makes its
/// total 5.570.120 where 15.680 was typed), and none breaks that held,
/// or its LK adds up with last quarter's (`previous`) only so. Such a row
/// is an error, not a doubt: every total it enters is off by the factor.
/// The errors the slip alone makes (the relations, the cumulative
/// relation, whose advice «= 150.000.290» would spread it) are covered by
/// it and dropped by [`drop_row_slip_knock_ons`]. A row merely large,
/// its relations holding as written, stays a warning.
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn confirm_row_slips(
    figures: &Figures,
    template: &Template,
    outliers: &mut [Finding],
    (out, previous): (&[Finding], Option<&PreviousFigures>),
    lang: Lang,
) -> Result<(), Fatal> {
    // (file, indicator) → the outlier's index and its factor.
    let mut slips: BTreeMap<(String, usize), (usize, f64)> = BTreeMap::new();
    for (k, f) in outliers.iter().enumerate() {
        if !super::totals_check::disputes_whole_row(f) || f.file.is_empty() {
            continue;
        }
        let (Some(factor), Some(i)) = (
            super::percentages::slip_of(f, template, lang),
            template.indicator_index(&f.indicator),
        ) else {
            continue;
        };
        if factor.log10().round().abs() >= 1.0 {
            slips.insert((f.file.clone(), i), (k, factor));
        }
    }
    if slips.is_empty() {
        return Ok(());
    }
    let (relations, _) = super::relations::relations_of(template, lang);
    let totals = super::checks::empty_totals(template);
    let broken = |s: &Submission| -> Result<Vec<Finding>, Fatal> {
        Ok(super::relations::check_relations(
            &Figures::in_memory(&[s]),
            &totals,
            template,
            &relations,
            lang,
        )?
        .into_iter()
        .filter(|f| {
            f.severity == Severity::Error
                && matches!(f.code, Code::RelationViolated | Code::SumMismatch)
        })
        .collect())
    };
    let same = |a: &Finding, b: &Finding| {
        a.code == b.code && a.cell == b.cell && a.sheet == b.sheet && a.column == b.column
    };
    let mut confirmed: Vec<(usize, Vec<String>)> = Vec::new();
    figures.each_chunk(|chunk| {
        for s in chunk {
            let s: &Submission = s;
            for ((file, i), &(k, factor)) in slips.range((s.file.clone(), 0)..) {
                if *file != s.file {
                    break;
                }
                let i = *i;
                let mut covered: Vec<String> = Vec::new();
                // The relations, as written and brought back.
                let as_written = broken(s)?;
                if !as_written.is_empty() {
                    let mut back = (*s).clone();
                    for r in back
                        .rows
                        .iter_mut()
                        .filter(|r| r.ind() == i && !r.column.is_percent())
                    {
                        r.value /= factor;
                    }
                    let brought = broken(&back)?;
                    if brought
                        .iter()
                        .all(|b| as_written.iter().any(|a| same(a, b)))
                    {
                        covered.extend(
                            as_written
                                .iter()
                                .filter(|a| !brought.iter().any(|b| same(a, b)))
                                .map(knock_on_key),
                        );
                    }
                }
                // The cumulative relation, read in the slip's unit.
                let lk_agrees = previous.and_then(|p| lk_agrees_scaled(s, p, template, i, factor));
                if lk_agrees.is_some() {
                    let code = &template.indicators[i].code;
                    covered.extend(
                        out.iter()
                            .filter(|f| {
                                f.code == Code::CumulativeMismatch
                                    && f.file == s.file
                                    && f.indicator == *code
                            })
                            .map(knock_on_key),
                    );
                }
                if !covered.is_empty() {
                    confirmed.push((k, covered));
                }
            }
        }
        Ok(())
    })?;
    for (k, covered) in confirmed {
        let f = &mut outliers[k];
        f.severity = Severity::Error;
        f.covers.extend(covered);
    }
    Ok(())
}

/// Drops the errors a whole row's slip confirmed by its own row makes
/// (see [`confirm_row_slips`]): the slip's error stands for them.
pub fn drop_row_slip_knock_ons(findings: &mut Vec<Finding>) {
    let covered: HashSet<String> = findings
        .iter()
        .filter(|f| f.code == Code::Outlier && f.severity == Severity::Error)
        .flat_map(|f| {
            f.covers
                .iter()
                .filter(|c| c.starts_with("knock-on "))
                .cloned()
        })
        .collect();
    if covered.is_empty() {
        return;
    }
    findings.retain(|f| f.code == Code::Outlier || !covered.contains(&knock_on_key(f)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ValueColumn;
    use crate::reconcile::checks::testutil::{ind, row, sub_with};

    #[test]
    fn powers_of_a_thousand_are_told_apart_from_sizes() {
        assert_eq!(power_off(100.0, 100.0), Some(0));
        assert_eq!(power_off(1500.0, 100.0), Some(0));
        assert_eq!(power_off(98_000.0, 100.0), Some(1));
        assert_eq!(power_off(0.12, 100.0), Some(-1));
        assert_eq!(power_off(1.1e8, 100.0), Some(2));
        // Between: neither near nor a power off.
        assert_eq!(power_off(5_000.0, 100.0), None);
    }

    /// Twelve communes write GD money in triệu đồng; one writes it in
    /// nghìn đồng under the same header: one error for its file, naming
    /// the cells and speaking for each of its money rows (kept apart for
    /// the other checks), and nothing is said of the others (one of them
    /// ten times larger for good reasons).
    #[test]
    fn a_unit_writing_money_a_thousand_times_too_large_is_one_error_for_the_file() {
        let t = Template::builtin().unwrap();
        // DT-money is a district's; NS02 (triệu đồng) and VH03 are wards'.
        let money: Vec<usize> = t
            .indicators
            .iter()
            .enumerate()
            .filter(|(_, i)| {
                i.level != crate::template::Level::District
                    && i.kind != Kind::Rate
                    && money_factor(&i.unit).is_some()
            })
            .map(|(k, _)| k)
            .take(2)
            .collect();
        assert_eq!(money.len(), 2, "the built-in catalog's ward money");
        let hc02 = ind(&t, "HC02");
        let mut subs: Vec<Submission> = (1..=12)
            .map(|k| {
                let f = match k {
                    5 => 1000.0,
                    9 => 10.0,
                    _ => 1.0,
                };
                let mut rows = vec![row(hc02, ValueColumn::Th, 50.0 + k as f64, 0)];
                for &i in &money {
                    rows.push(row(i, ValueColumn::Th, (120.0 + k as f64) * f, 1));
                    rows.push(row(i, ValueColumn::Lk, (300.0 + k as f64) * f, 1));
                }
                sub_with(&t, &format!("P{k:02}"), rows)
            })
            .collect();
        let refs: Vec<&Submission> = subs.iter().collect();
        let scale = check_money_scale(
            &Figures::in_memory(&refs),
            &t,
            &CheckSettings::default(),
            None,
            Lang::Vi,
        )
        .unwrap();
        let f = scale.findings;
        let got: Vec<(&str, &str, &str, Severity)> = f
            .iter()
            .map(|f| {
                (
                    f.unit.as_str(),
                    f.indicator.as_str(),
                    f.column.as_str(),
                    f.severity,
                )
            })
            .collect();
        let codes: Vec<&str> = money
            .iter()
            .map(|&i| t.indicators[i].code.as_str())
            .collect();
        assert_eq!(got, [("P05", "", "", Severity::Error)]);
        assert_eq!(f[0].code, Code::UnitMismatch);
        assert_eq!(
            (f[0].expected.as_str(), f[0].actual.as_str()),
            ("triệu đồng", "nghìn đồng")
        );
        assert!(
            f[0].message.contains("4/4 số tiền của Phường 5 (các ô ")
                && f[0].message.contains("đều gấp khoảng 1.000 lần")
                && f[0]
                    .message
                    .contains("bằng nghìn đồng chứ không phải triệu đồng")
                && f[0].message.contains("Một lỗi cho cả biểu"),
            "{}",
            f[0].message
        );
        assert_eq!(money_rows_of(&f[0]), codes);
        let rows: Vec<(&str, &str)> = scale
            .rows
            .iter()
            .map(|f| (f.unit.as_str(), f.indicator.as_str()))
            .collect();
        assert_eq!(rows, [("P05", codes[0]), ("P05", codes[1])]);
        // One figure a thousand off is an outlier's business, not this.
        subs[4] = {
            let mut rows = vec![row(hc02, ValueColumn::Th, 55.0, 0)];
            rows.push(row(money[0], ValueColumn::Th, 125_000.0, 1));
            rows.push(row(money[0], ValueColumn::Lk, 305.0, 1));
            rows.push(row(money[1], ValueColumn::Th, 125.0, 1));
            rows.push(row(money[1], ValueColumn::Lk, 305.0, 1));
            sub_with(&t, "P05", rows)
        };
        let refs: Vec<&Submission> = subs.iter().collect();
        let f = check_money_scale(
            &Figures::in_memory(&refs),
            &t,
            &CheckSettings::default(),
            None,
            Lang::Vi,
        )
        .unwrap()
        .findings;
        assert!(f.is_empty(), "{f:?}");
    }
}
