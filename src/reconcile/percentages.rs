//! Stated percents and rates, judged by the rounding rule of
//! [`crate::rules::rounding`]: every figure written with d decimals stands
//! for ±½ unit in its last place; the percent computed from the operands'
//! intervals is an interval too, and the stated percent is consistent when
//! its own interval meets it.
//!
//! ```text
//! %KH   LK / KH × 100
//! %CK   LK / CK × 100 − 100   (ck_convention = "growth": tăng 10,93%, giảm −0,73%)
//!       LK / CK × 100         (ck_convention = "ratio": 110,93)
//! rate  its formula (HC03 / HC02 * 100) over the same column's figures
//! %KH, %CK of a rate   as above, or the difference in points
//!       (LK − KH, LK − CK) in the rate's unit (%, ‰, bác sĩ/vạn dân)
//! ```
//!
//! Off by no more than one unit in the stated last place is `pct-rounding`
//! (a warning), beyond is `pct-mismatch`; a %CK that is right in the other
//! convention is `pct-kind`. `expected` is the computed value rounded to the
//! stated decimals.
//!
//! A percent cell may hold 23.15, the text "23,15" or, formatted as a
//! percent in Excel, the fraction 0.2315. The reader does not yet say which
//! cells are percent-formatted, so a stated value of magnitude ≤ 1,5 that
//! is wrong as written but right ×100 is taken as such a fraction and not
//! reported.
//!
//! A department's consolidated rate that equals the plain mean of the
//! wards' rates but not sum(numerator) / sum(denominator) is
//! `rate-averaged`.

use super::checks::{at_row, indicator_words, unit_of};
use super::Totals;
use crate::diagnostic::{Code, Finding, Lang, Severity};
use crate::error::Fatal;
use crate::messages::{Checked, Percent, Points, RateOff};
use crate::model::ValueColumn;
use crate::normalize::store::Figures;
use crate::normalize::submission::{CkSaid, Submission, TidyRow};
use crate::number::{format_num, parse_number, NumberLocale};
use crate::rules::expr::{parse, Cmp, Expr, Rule};
use crate::rules::rounding::{growth_of, judge_percent, percent_of, round_to, Interval, Verdict};
use crate::template::{AgencyKind, CkConvention, Indicator, Kind, Level, Template};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

/// The largest magnitude a percent stored as a fraction (0.2315 for 23,15%)
/// is looked for at.
const FRACTION_LIMIT: f64 = 1.5;

/// The most decimals a person types in a percent. A stated figure with
/// more is a formula's result in a General cell (1,105263158).
const TYPED_DECIMALS: u8 = 4;

/// The decimals the right figure is advised in: the stated figure's,
/// or two (as percents are written) when it holds more than a person
/// types, so that no one is asked to type 10,526315789.
fn advice_decimals(stated: &TidyRow) -> u8 {
    match stated.shown_decimals() {
        d if d > TYPED_DECIMALS => 2,
        d => d,
    }
}

/// The decimals of `value`, a figure typed `factor` times too large
/// brought back: the figure's own decimals and the digits the division
/// adds (at most four), no more than the value needs (462.200 / 1000 is
/// 462,2, not 462,200).
fn scaled_decimals(figure: &TidyRow, factor: f64, value: f64) -> u8 {
    let most = (figure.shown_decimals() + (factor.log10().round().max(0.0) as u8)).min(4);
    (0..=most)
        .find(|&d| (round_to(value, d) - round_to(value, most)).abs() < 1e-9)
        .unwrap_or(most)
}

/// The decimals a right figure needs to show two significant digits (at
/// most four): 0,119 is 0,12, not the 0 of a stated «12» typed without
/// decimals (a dropout rate 100 times too high); 38,9 needs none of its
/// own.
fn significant_decimals(point: f64) -> u8 {
    if !point.is_finite() || point == 0.0 {
        return 0;
    }
    let magnitude = point.abs().log10().floor() as i32;
    (1 - magnitude).clamp(0, 4) as u8
}

/// The interval a figure as written stands for: half a unit in its last
/// place either side, but a whole count stands for itself (as in sums,
/// [`super::half_of`]): 2 cases of 3 are 66,67 %, not anything from
/// 1,5 / 3,5 to 2,5 / 2,5. A stated percent keeps its own half unit.
fn written(template: &Template, r: &TidyRow) -> Interval {
    let half = match r.column.is_percent() {
        true => crate::rules::rounding::half_unit(r.decimals),
        false => super::half_of(template, r.ind(), r.decimals),
    };
    Interval::new(r.value - half, r.value + half)
}

/// How a stated percent compares with what its operands give.
enum Judged {
    Consistent,
    Off(Verdict),
}

/// Judges a stated percent, allowing the fraction form of a percent cell.
fn judge(stated: &TidyRow, computed: Interval) -> Judged {
    match judge_percent(stated.value, stated.shown_decimals(), computed) {
        Verdict::Consistent => Judged::Consistent,
        v => {
            // Excel percent format: 0.2315 shown as 23,15%.
            if stated.value.abs() <= FRACTION_LIMIT
                && judge_percent(
                    stated.value * 100.0,
                    stated.shown_decimals().saturating_sub(2),
                    computed,
                ) == Verdict::Consistent
            {
                Judged::Consistent
            } else {
                Judged::Off(v)
            }
        }
    }
}

/// A figure as the tool may read it: as written, or as it disputes it
/// (the sum of its parts, a rate from its formula).
#[derive(Clone, Copy)]
struct Reading {
    interval: Interval,
    value: f64,
}

/// Whether `computed`, worked over a base `base` above zero, gives
/// `stated`.
fn gives(stated: &TidyRow, computed: Option<Interval>, base: Reading) -> bool {
    base.interval.lo > 0.0
        && computed.is_some_and(|c| matches!(judge(stated, c), Judged::Consistent))
}

/// The parts of a rate's formula: numerator and denominator codes for
/// `A / B * 100`, else the expression itself.
enum RateFormula {
    Ratio(String, String),
    Other(Expr),
}

/// What the difference of a rate is counted in: the template's unit sign
/// (‰, %), else its formula's factor (× 1000, × 100), else its own unit
/// as the template writes it.
fn points_of(ind: &Indicator) -> Points<'_> {
    let unit = ind.unit.trim();
    if unit.contains('‰') || unit.to_lowercase().contains("%o") {
        return Points::PerMille;
    }
    if unit.contains('%') {
        return Points::Percent;
    }
    let factor = match parse(&ind.formula) {
        Ok(Rule::Definition(e)) => e.scaled_ratio().map(|(_, _, k)| k),
        _ => None,
    };
    match factor {
        Some(100.0) => Points::Percent,
        Some(1000.0) => Points::PerMille,
        _ if !unit.is_empty() => Points::Own(unit),
        _ => Points::Percent,
    }
}

fn rate_formula(formula: &str) -> Option<RateFormula> {
    let Ok(Rule::Definition(e)) = parse(formula) else {
        return None;
    };
    Some(match e.as_percent_ratio() {
        Some((n, d)) => RateFormula::Ratio(n.to_string(), d.to_string()),
        None => RateFormula::Other(e),
    })
}

/// Stated %KH, %CK and rates of one submission against their operands.
/// `th_as_lk`: the unit's LK as read may not be the one it meant, its TH
/// may be (a first quarter, whose LK is its TH; TH and LK typed into each
/// other's columns, [`super::cumulative::columns_swapped`]).
/// `stock_level`: a stock's LK is checked against its TH (the period is
/// known), so a stock's LK off its TH is disputed and its TH is a
/// reading of it ([`Stated::disputed`]).
pub fn check_percentages(
    sub: &Submission,
    template: &Template,
    (th_as_lk, stock_level): (bool, bool),
    lang: Lang,
) -> Vec<Finding> {
    let mut ctx = Stated::new(sub, template, th_as_lk, lang);
    ctx.stock_level = stock_level;
    ctx.by_figures = ctx.conventions_by_figures();
    // The rows come sorted by indicator and column (Submission::sort_rows).
    let mut out: Vec<Finding> = sub.rows.iter().filter_map(|r| ctx.judge(r)).collect();
    out.append(&mut ctx.beside.borrow_mut());
    out.extend(ctx.converted_note());
    out
}

/// How an operand of a rate is disputed by a finding of its own.
#[derive(Clone, Copy)]
enum Dispute {
    /// The department's figure against the wards' sum (`total-mismatch`):
    /// the sum is another reading of it.
    Total(Interval, f64),
    /// A relation it breaks (`relation-violated`: HC06 <= HC07): nothing
    /// says which of its figures is wrong, nor by how much.
    Relation(Cmp, usize, usize),
    /// A relation of another shape it breaks, or a department's figure
    /// whose wards' sum is unknown.
    Unknown,
    /// A first quarter's LK unlike its TH (`cumulative-mismatch`, LK =
    /// TH): each is a reading of the other.
    FirstQuarter,
    /// A money row written in another money unit than its header says
    /// (`unit-mismatch` for the whole row): the figure a thousand or a
    /// million times larger or smaller is a reading of it. A rate over a
    /// plan in the right unit (`DT.02 / DT.01[KH]`) right from that reading
    /// is not blamed: the row's finding covers it.
    Scaled,
    /// A figure an `outlier` warning finds a power of ten or a kindred
    /// unit off (a production typed in kg under «tấn», an area row in m²
    /// under «ha»): the figure divided by that factor is a reading of it.
    Slip(f64),
}

/// How a finding's `expected` and `actual` write numbers in `lang`
/// (read back by [`slip_of`] and [`spare_percents_right_by_wards`]).
fn locale_of(lang: Lang) -> NumberLocale {
    match lang {
        Lang::Vi => NumberLocale::Vi,
        Lang::En => NumberLocale::En,
    }
}

/// The factor an `outlier` warning `f` finds its figure off by, when its
/// figure as written (`actual`) is a power of ten (10 at least) or a
/// kindred unit's factor of the figure it advises (`expected`, «≈ 389,4»
/// or «1.865»): an outlier against its peers' median says no such thing.
pub(super) fn slip_of(f: &Finding, template: &Template, lang: Lang) -> Option<f64> {
    let locale = locale_of(lang);
    let read = |t: &str| {
        let t = t.trim().trim_start_matches('≈').trim();
        crate::number::parse_number(t, locale)
    };
    let (actual, advised) = (read(&f.actual)?.value, read(&f.expected)?);
    let expected = advised.value;
    if actual <= 0.0 || expected <= 0.0 {
        return None;
    }
    // The advice is the figure over the factor, rounded to its decimals.
    let half = 0.5 * 10f64.powi(-i32::from(advised.decimals)) * (1.0 + 1e-9);
    let unit = template.indicator(&f.indicator).map(|i| i.unit.as_str())?;
    let kindred =
        crate::normalize::submission::kindred_units(unit, &template.settings.abbreviations);
    (1..=9)
        .map(|k| 10f64.powi(k))
        .flat_map(|p| [p, 1.0 / p])
        .chain(kindred.iter().map(|&(_, k)| k))
        .find(|&k| (actual / k - expected).abs() <= half)
}

/// The factors a money row written in another money unit may be off by:
/// a power of a thousand, as [`super::scale`] finds them.
const MONEY_SLIPS: [f64; 4] = [1e3, 1e6, 1e-3, 1e-6];

/// The pct-mismatch and pct-rounding findings on a rate (its TH, LK, KH or
/// CK) worked from an operand that an error of its own disputes, settled
/// once every check has spoken (`known` and `out`): a rate right from the
/// wards' sum the `total-mismatch` gives is not blamed, nor one whose
/// operands break a relation (`relation-violated`), whose right value
/// nobody knows yet; a rate above what its relation allows however its
/// operands are corrected (101,72% where HC06 <= HC07) is said so, without
/// a right value worked from the disputed figures. A rate's %KH or %CK
/// whose operands (in LK, or CK) break a relation is judged from a rate
/// nobody knows yet and is not said either. The finding on the disputed
/// figure covers the rest: advice worked from it would spread it.
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn spare_disputed_rates(
    out: &mut Vec<Finding>,
    known: &[Finding],
    figures: &Figures,
    totals: &Totals,
    template: &Template,
    lang: Lang,
) -> Result<(), Fatal> {
    // A rate's figure off its formula, or its %KH or %CK off the rate.
    let on_rate = |f: &Finding| {
        let code_fits = match ValueColumn::parse(&f.column) {
            Some(c) if c.is_percent() => matches!(
                f.code,
                Code::PctMismatch | Code::PctRounding | Code::PctKind
            ),
            Some(_) => matches!(f.code, Code::PctMismatch | Code::PctRounding),
            None => false,
        };
        code_fits
            && !f.file.is_empty()
            && template
                .indicator(&f.indicator)
                .is_some_and(|i| i.kind == Kind::Rate)
    };
    if !out.iter().any(on_rate) {
        return Ok(());
    }
    // (file, indicator, column) → how it is disputed.
    let mut disputes: HashMap<(String, usize, ValueColumn), Vec<Dispute>> = HashMap::new();
    for f in known.iter().chain(out.iter()) {
        if f.code == Code::Outlier && !f.file.is_empty() {
            let Some(k) = slip_of(f, template, lang) else {
                continue;
            };
            let Some(j) = template.indicator_index(&f.indicator) else {
                continue;
            };
            // A whole row's warning has no column: every figure of it.
            let columns = match ValueColumn::parse(&f.column) {
                Some(c) => vec![c],
                None => ValueColumn::QUANTITIES.to_vec(),
            };
            for c in columns {
                let key = (f.file.clone(), j, c);
                disputes.entry(key).or_default().push(Dispute::Slip(k));
            }
            continue;
        }
        if f.severity != Severity::Error || f.file.is_empty() {
            continue;
        }
        if f.code == Code::UnitMismatch && f.column.is_empty() {
            if let Some(j) = template.indicator_index(&f.indicator) {
                for c in ValueColumn::QUANTITIES {
                    let key = (f.file.clone(), j, c);
                    disputes.entry(key).or_default().push(Dispute::Scaled);
                }
            }
            continue;
        }
        let Some(column) = ValueColumn::parse(&f.column) else {
            continue;
        };
        let mut add = |code: &str, d: Dispute| {
            if let Some(j) = template.indicator_index(code) {
                disputes
                    .entry((f.file.clone(), j, column))
                    .or_default()
                    .push(d);
            }
        };
        match f.code {
            Code::TotalMismatch => {
                let Some(j) = template.indicator_index(&f.indicator) else {
                    continue;
                };
                match totals.get(j, column) {
                    Some(v) => {
                        // The wards' sum of a whole count is exact too.
                        let typed = i8::try_from(totals.typed(j)).unwrap_or(i8::MAX);
                        let half = super::half_of(template, j, typed);
                        add(
                            &f.indicator,
                            Dispute::Total(Interval::new(v - half, v + half), v),
                        )
                    }
                    None => add(&f.indicator, Dispute::Unknown),
                }
            }
            Code::RelationViolated => {
                let Ok(Rule::Relation(left, cmp, right)) = parse(&f.expected) else {
                    add(&f.indicator, Dispute::Unknown);
                    continue;
                };
                let side = |e: &Expr| match e {
                    Expr::Code(c) => template.indicator_index(c),
                    _ => None,
                };
                let d = match (side(&left), side(&right)) {
                    (Some(l), Some(r)) => Dispute::Relation(cmp, l, r),
                    _ => Dispute::Unknown,
                };
                for code in left.codes().into_iter().chain(right.codes()) {
                    add(code, d);
                }
            }
            // An LK below its TH (3 where the TH is 10): which of the two
            // is wrong is not known, and a rate worked from either waits
            // for the corrected figure, as the workbook marks both (not
            // when the TH and every breakdown agree: the LK alone is
            // wrong then). In a first quarter (LK = TH) each is a reading
            // of the other: a rate right from neither keeps its finding.
            // A TH a power of ten above its LK (`cumulative-mismatch` at
            // the TH naming its figure brought back): as an outlier's slip.
            Code::CumulativeMismatch if column == ValueColumn::Th => {
                if let Some(k) = slip_of(f, template, lang) {
                    add(&f.indicator, Dispute::Slip(k));
                }
            }
            Code::CumulativeMismatch if column == ValueColumn::Lk && f.covers.is_empty() => {
                let d = match f.expected.as_str() {
                    "LK ≥ TH" => Dispute::Unknown,
                    "LK = TH" => Dispute::FirstQuarter,
                    _ => continue,
                };
                if let Some(j) = template.indicator_index(&f.indicator) {
                    for c in [ValueColumn::Th, ValueColumn::Lk] {
                        disputes.entry((f.file.clone(), j, c)).or_default().push(d);
                    }
                }
            }
            _ => {}
        }
    }
    if disputes.is_empty() {
        return Ok(());
    }
    let mut subs: HashMap<String, Option<Cow<Submission>>> = HashMap::new();
    let mut kept = Vec::with_capacity(out.len());
    for f in std::mem::take(out) {
        if !on_rate(&f) {
            kept.push(f);
            continue;
        }
        let (Some(i), Some(column)) = (
            template.indicator_index(&f.indicator),
            ValueColumn::parse(&f.column),
        ) else {
            kept.push(f);
            continue;
        };
        let Some(formula) = template
            .indicators
            .get(i)
            .and_then(|ind| rate_formula(&ind.formula))
        else {
            kept.push(f);
            continue;
        };
        // Each operand with the column its marker names (`DT.01[KH]`).
        let named: Vec<(&str, Option<ValueColumn>)> = match &formula {
            RateFormula::Ratio(n, d) => vec![(n.as_str(), None), (d.as_str(), None)],
            RateFormula::Other(e) => e.operands(),
        };
        let operands: Vec<(usize, Option<ValueColumn>)> = named
            .iter()
            .filter_map(|&(c, pin)| Some((template.indicator_index(c)?, pin)))
            .collect();
        // The columns of the operands the figure is worked from: its own,
        // or for a %KH the rate's LK (its KH is a target, no formula's),
        // for a %CK its LK and CK.
        let worked_from: &[ValueColumn] = match column {
            ValueColumn::PctKh => &[ValueColumn::Lk],
            ValueColumn::PctCk => &[ValueColumn::Lk, ValueColumn::Ck],
            _ => std::slice::from_ref(&column),
        };
        // (operand, the column of its figure, how it is disputed).
        let found: Vec<(usize, ValueColumn, Dispute)> = worked_from
            .iter()
            .flat_map(|&c| operands.iter().map(move |&(j, pin)| (j, pin.unwrap_or(c))))
            .flat_map(|(j, c)| {
                disputes
                    .get(&(f.file.clone(), j, c))
                    .into_iter()
                    .flatten()
                    .map(move |d| (j, c, *d))
            })
            .collect();
        if found.is_empty() {
            kept.push(f);
            continue;
        }
        let unknown = found.iter().any(|(_, _, d)| {
            !matches!(
                d,
                Dispute::Total(..) | Dispute::FirstQuarter | Dispute::Scaled | Dispute::Slip(_)
            )
        });
        if column.is_percent() {
            // A %KH or %CK of a rate whose operand breaks a relation is
            // judged from a rate nobody knows yet (96,25 = 77 / 80 where
            // 84 > 80 was typed): the relation's error covers it. One
            // whose operand only the wards' sum disputes keeps its
            // finding.
            if !unknown {
                kept.push(f);
            }
            continue;
        }
        if !subs.contains_key(&f.file) {
            let k = figures.subs().iter().position(|s| s.file == f.file);
            let sub = match k {
                Some(k) => Some(figures.unit(k)?),
                None => None,
            };
            subs.insert(f.file.clone(), sub);
        }
        let Some(Some(sub)) = subs.get(&f.file) else {
            kept.push(f);
            continue;
        };
        let sub: &Submission = sub;
        let Some(stated) = sub.figure(i, column) else {
            kept.push(f);
            continue;
        };
        if unknown {
            // Nobody knows the right operands yet: only a rate that no
            // correction can make right is said, and without a value.
            let bound = found.iter().find_map(|(_, _, d)| match *d {
                Dispute::Relation(cmp, l, r) => bound_of(&formula, template, cmp, l, r),
                _ => None,
            });
            if let Some((n, dn, k)) = bound {
                if written(template, stated).lo > k {
                    kept.push(over_bound(sub, template, stated, (&n, &dn, k), lang));
                }
            }
            continue;
        }
        let mut ctx = Stated::new(sub, template, false, lang);
        ctx.elsewhere = found
            .iter()
            .filter_map(|&(j, c, d)| match d {
                Dispute::Total(interval, value) => {
                    Some(((j, c), vec![Reading { interval, value }]))
                }
                Dispute::FirstQuarter => {
                    let other = match c {
                        ValueColumn::Th => ValueColumn::Lk,
                        _ => ValueColumn::Th,
                    };
                    let r = sub.figure(j, other)?;
                    let reading = Reading {
                        interval: written(template, r),
                        value: r.value,
                    };
                    Some(((j, c), vec![reading]))
                }
                Dispute::Scaled => {
                    let r = sub.figure(j, c)?;
                    let w = written(template, r);
                    let readings = MONEY_SLIPS
                        .iter()
                        .map(|f| Reading {
                            interval: Interval::new(w.lo / f, w.hi / f),
                            value: r.value / f,
                        })
                        .collect();
                    Some(((j, c), readings))
                }
                Dispute::Slip(k) => {
                    let r = sub.figure(j, c)?;
                    let w = written(template, r);
                    let reading = Reading {
                        interval: Interval::new(w.lo / k, w.hi / k),
                        value: r.value / k,
                    };
                    Some(((j, c), vec![reading]))
                }
                _ => None,
            })
            .collect();
        if ctx.judge(stated).is_some() {
            // Wrong however its money row is read: the right figure
            // depends on the unit the row was meant in, which the row's
            // own error asks for; none is advised from the figures as
            // written (25.000,0 % over a row in triệu đồng).
            let mut f = f;
            if found
                .iter()
                .any(|(_, _, d)| matches!(d, Dispute::Scaled | Dispute::Slip(_)))
            {
                f.expected.clear();
            }
            kept.push(f);
        }
    }
    *out = kept;
    Ok(())
}

/// The percents the wards' sum makes right, for a department's LK they
/// dispute: for each `total-mismatch` error at an LK among `findings`
/// (a figure, not a rate), (file, indicator code, column) of its %KH and
/// %CK with what they come to from the wards' sum over the file's KH and
/// CK. TTYT's YT01 %CK −6,99 = 231.191 / 248.567, its LK typed 213.191:
/// the percent was worked from the right LK, and advice worked from the
/// wrong one (−14,23) would spread the typo. Worked while the figures
/// are at hand (the stated percents are not stored with them);
/// [`spare_percents_right_by_wards`] compares once each file's own
/// findings are merged.
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn percents_right_by_wards(
    findings: &[Finding],
    figures: &Figures,
    totals: &Totals,
    template: &Template,
) -> Result<HashMap<(String, String, String), Interval>, Fatal> {
    let growth = template.settings.ck_convention == CkConvention::Growth;
    let mut right = HashMap::new();
    for f in findings.iter().filter(|f| {
        f.code == Code::TotalMismatch
            && f.severity == Severity::Error
            && f.column == ValueColumn::Lk.as_str()
            && !f.file.is_empty()
    }) {
        let Some(j) = template.indicator_index(&f.indicator) else {
            continue;
        };
        if template
            .indicators
            .get(j)
            .is_none_or(|d| d.kind == Kind::Rate)
        {
            continue;
        }
        let Some(v) = totals.get(j, ValueColumn::Lk) else {
            continue;
        };
        let Some(k) = figures.subs().iter().position(|s| s.file == f.file) else {
            continue;
        };
        let sub = figures.unit(k)?;
        let typed = i8::try_from(totals.typed(j)).unwrap_or(i8::MAX);
        let half = super::half_of(template, j, typed);
        let lk = Interval::new(v - half, v + half);
        for (column, base_column) in [
            (ValueColumn::PctKh, ValueColumn::Kh),
            (ValueColumn::PctCk, ValueColumn::Ck),
        ] {
            let Some(base) = sub.figure(j, base_column) else {
                continue;
            };
            let base = written(template, base);
            if base.lo <= 0.0 {
                continue;
            }
            let computed = match (column, growth) {
                (ValueColumn::PctCk, true) => growth_of(lk, base),
                _ => percent_of(lk, base),
            };
            if let Some(c) = computed {
                let key = (
                    f.file.clone(),
                    f.indicator.clone(),
                    column.as_str().to_string(),
                );
                right.insert(key, c);
            }
        }
    }
    Ok(right)
}

/// Drops the pct-mismatch and pct-rounding findings on the percents
/// that agree with what [`percents_right_by_wards`] worked out: the LK's
/// `total-mismatch` error carries the fix and says the percent is right,
/// as a ward's LK slip whose percent is right says «tỷ lệ thì đúng». Without the wards (`tonghop
/// check` on the file alone) nothing disputes the LK and the finding
/// stays.
pub fn spare_percents_right_by_wards(
    out: &mut Vec<Finding>,
    right: &HashMap<(String, String, String), Interval>,
    lang: Lang,
) {
    if right.is_empty() {
        return;
    }
    let locale = locale_of(lang);
    // The sentences for the LK's error, by (file, indicator).
    let mut notes: HashMap<(String, String), String> = HashMap::new();
    out.retain(|f| {
        if !matches!(f.code, Code::PctMismatch | Code::PctRounding) {
            return true;
        }
        let key = (f.file.clone(), f.indicator.clone(), f.column.clone());
        let (Some(&c), Some(column)) = (right.get(&key), ValueColumn::parse(&f.column)) else {
            return true;
        };
        // The stated percent, as the finding shows it.
        let stated = parse_number(f.actual.trim_end_matches('%'), locale);
        let spared =
            stated.is_some_and(|p| judge_percent(p.value, p.decimals, c) == Verdict::Consistent);
        if spared {
            let note = crate::messages::percent_right_from_sum_note(column, &f.actual, lang);
            notes
                .entry((f.file.clone(), f.indicator.clone()))
                .or_default()
                .push_str(&note);
        }
        !spared
    });
    for f in out.iter_mut().filter(|f| {
        f.code == Code::TotalMismatch
            && f.severity == Severity::Error
            && f.column == ValueColumn::Lk.as_str()
    }) {
        if let Some(note) = notes.get(&(f.file.clone(), f.indicator.clone())) {
            f.message.push_str(note);
            if !f.to_unit.is_empty() {
                f.to_unit.push_str(note);
            }
        }
    }
}

/// The most a rate `N / D × k` can be when its numerator and denominator
/// keep their relation (`N <= D`, `D >= N`): `k`, with N and D in words.
fn bound_of(
    formula: &RateFormula,
    template: &Template,
    cmp: Cmp,
    left: usize,
    right: usize,
) -> Option<(String, String, f64)> {
    let (n, d, k) = match formula {
        RateFormula::Ratio(n, d) => (n.as_str(), d.as_str(), 100.0),
        RateFormula::Other(e) => e.scaled_ratio()?,
    };
    let (ni, di) = (template.indicator_index(n)?, template.indicator_index(d)?);
    let holds = match cmp {
        Cmp::Le => left == ni && right == di,
        Cmp::Ge => left == di && right == ni,
        Cmp::Eq => false,
    };
    holds.then(|| {
        (
            super::relations::short_name(template, n),
            super::relations::short_name(template, d),
            k,
        )
    })
}

/// `pct-mismatch` at a rate above what its operands' relation allows
/// (`bound`: numerator, denominator in words, the factor).
fn over_bound(
    sub: &Submission,
    template: &Template,
    stated: &TidyRow,
    bound: (&str, &str, f64),
    lang: Lang,
) -> Finding {
    let (n, d, k) = bound;
    let per = template
        .indicators
        .get(stated.ind())
        .map_or(Points::Percent, points_of);
    let sign = match per {
        Points::Percent => "%".to_string(),
        Points::PerMille => " ‰".to_string(),
        Points::Own(u) => format!(" {u}"),
    };
    let s = format_num(stated.value, stated.shown_decimals(), lang);
    let b = format_num(k, 0, lang);
    let said = Checked::RateOverBound {
        unit: &unit_of(template, sub).1,
        what: &indicator_words(template, stated.ind()),
        column: stated.column,
        stated: &s,
        sign: &sign,
        numerator: n,
        denominator: d,
        bound: &b,
    };
    let f = Finding::said(Severity::Error, &said, lang);
    at_row(f, template, sub, stated)
        .expected(format!("≤ {b}"))
        .actual(s)
}

/// One submission's figures, for judging its stated percents and rates.
struct Stated<'a> {
    sub: &'a Submission,
    template: &'a Template,
    by: HashMap<(usize, ValueColumn), &'a TidyRow, foldhash::fast::RandomState>,
    /// The unit's name.
    unit: String,
    /// Percents worked from TH are the unit's when its LK is off: a first
    /// quarter's report, whose LK is its TH, or one whose TH and LK
    /// columns look swapped.
    th_as_lk: bool,
    /// A stock's LK off its TH is disputed (`cumulative-mismatch`, a
    /// warning after the first quarter): its TH, the same level at the
    /// period's end, is another reading of it.
    stock_level: bool,
    lang: Lang,
    /// The first %CK read in the other convention than the template's
    /// (as its column's words or figures say), and how many were.
    converted: RefCell<(Option<TidyRow>, usize)>,
    /// Findings told beside another's: the TH of an LK typed in another
    /// money unit ([`Stated::th_scaled_at`]).
    beside: RefCell<Vec<Finding>>,
    /// Readings of figures that a check across units disputes (a
    /// department's figure against the sum of the wards'), besides the
    /// ones [`Stated::disputed`] finds in the file itself.
    elsewhere: HashMap<(usize, ValueColumn), Vec<Reading>>,
    /// The %CK columns whose words say neither convention but whose
    /// figures say the other one ([`Stated::conventions_by_figures`]).
    by_figures: Vec<CkSaid>,
}

impl<'a> Stated<'a> {
    /// The context of one submission's stated percents, with no reading
    /// disputed elsewhere and no column read by its figures yet.
    fn new(sub: &'a Submission, template: &'a Template, th_as_lk: bool, lang: Lang) -> Self {
        Stated {
            by: sub.rows.iter().map(|r| ((r.ind(), r.column), r)).collect(),
            unit: unit_of(template, sub).1,
            sub,
            template,
            th_as_lk,
            stock_level: false,
            lang,
            converted: RefCell::new((None, 0)),
            beside: RefCell::default(),
            elsewhere: HashMap::new(),
            by_figures: Vec::new(),
        }
    }
}

impl Stated<'_> {
    /// The interval a figure of this submission stands for ([`written`]).
    fn written(&self, r: &TidyRow) -> Interval {
        written(self.template, r)
    }

    fn num(&self, v: f64, d: u8) -> String {
        format_num(v, d, self.lang)
    }

    /// A figure as written, in the user's number style: an amount
    /// converted from a smaller money unit no longer than its value needs
    /// ("-307", not "-307,000000": [`TidyRow::quoted_decimals`]); a
    /// percent or a rate as typed ("90,00").
    fn shown(&self, r: &TidyRow) -> String {
        self.num(r.value, self.quoted(r))
    }

    /// The decimals [`Stated::shown`] quotes a figure with.
    fn quoted(&self, r: &TidyRow) -> u8 {
        let rate = self
            .template
            .indicators
            .get(r.ind())
            .is_some_and(|i| i.kind == Kind::Rate);
        match rate {
            true => r.shown_decimals(),
            false => r.quoted_decimals(),
        }
    }

    fn figure(&self, i: usize, column: ValueColumn) -> Option<&TidyRow> {
        self.by.get(&(i, column)).copied()
    }

    /// In a first quarter whose LK and TH disagree (`cumulative-mismatch`
    /// says so, an error), a percent that `percent` worked from TH
    /// instead of LK gives is the one the unit meant: judging it by LK
    /// again would only repeat that finding, with advice that spreads the
    /// wrong figure ("Hãy sửa thành 26,46" from an LK 90 too high). So
    /// too where TH and LK look typed into each other's columns: the TH
    /// as read is the LK meant ("Hãy sửa thành -60" for a right 10).
    fn meant_from_th(
        &self,
        stated: &TidyRow,
        lk: &TidyRow,
        percent: impl Fn(Interval) -> Option<Interval>,
    ) -> bool {
        if !self.th_as_lk {
            return false;
        }
        let Some(th) = self.figure(stated.ind(), ValueColumn::Th) else {
            return false;
        };
        th.value != lk.value
            && percent(self.written(th))
                .is_some_and(|c| !matches!(judge(stated, c), Judged::Off(Verdict::Mismatch)))
    }

    /// LK and the figure of `other` (KH or CK) of indicator `i`.
    fn lk_and(&self, i: usize, other: ValueColumn) -> Option<(&TidyRow, &TidyRow)> {
        Some((self.figure(i, ValueColumn::Lk)?, self.figure(i, other)?))
    }

    /// The finding on `stated`, if it is off the figures it comes from.
    fn judge(&self, stated: &TidyRow) -> Option<Finding> {
        let ind = self.template.indicators.get(stated.ind())?;
        // Only a rate's figures and the stated percents are judged here;
        // nothing is formatted for the other figures.
        if ind.kind != Kind::Rate && !stated.column.is_percent() {
            return None;
        }
        match (ind.kind, stated.column) {
            (Kind::Rate, ValueColumn::PctKh | ValueColumn::PctCk) => self.rate_change(stated, ind),
            // A rate's KH is the target set for the area ("95", "≥ 95%",
            // "Trên 90%"), a floor or a ceiling the year must meet, not
            // the ratio of the plan counts of its numerator and
            // denominator: 95 beside plans of 2.220 on time of 2.260 is
            // no mistake (the consolidation takes it as the target too).
            (Kind::Rate, ValueColumn::Kh) => None,
            (Kind::Rate, _) => self.rate(stated, ind),
            (_, ValueColumn::PctKh) => self.of_plan(stated),
            (_, ValueColumn::PctCk) => self.against_last_year(stated),
            _ => None,
        }
    }

    /// A rate against its formula over the same column's figures.
    fn rate(&self, stated: &TidyRow, ind: &Indicator) -> Option<Finding> {
        let formula = rate_formula(&ind.formula)?;
        let column = stated.column;
        let operand = |code: &str| self.figure_of(code, column);
        let (computed, point) = self.formula_gives(&formula, column)?;
        let Judged::Off(verdict) = judge(stated, computed) else {
            return None;
        };
        // A figure typed with trailing zeros beyond the decimals the
        // template prints it with (3,40 under `decimals` 1, a display
        // habit) states no more than those: right at them, it is right.
        if let Some(td) = ind.decimals.filter(|&td| td < stated.shown_decimals()) {
            if (round_to(stated.value, td) - stated.value).abs() < 1e-9
                && judge_percent(stated.value, td, computed) == Verdict::Consistent
            {
                return None;
            }
        }
        if self.right_by_disputed_operands(stated, &formula) {
            return None;
        }
        // The operands in words, for a rate found off only.
        let shown = match &formula {
            RateFormula::Ratio(n, dn) => format!(
                "{} {} / {} {} × 100",
                super::relations::short_name(self.template, n),
                self.shown(operand(n)?),
                super::relations::short_name(self.template, dn),
                self.shown(operand(dn)?)
            ),
            // The formula with its operands in words and figures, as a
            // percent's: "Số ca tử vong 1 / Số ca sinh sống 85 × 1.000".
            // An operand of another column is named with it: «Kế hoạch
            // vốn được giao (KH) 1.200».
            RateFormula::Other(e) => {
                let named = |c: &str, pin: Option<ValueColumn>| {
                    let name = match pin {
                        Some(p) => format!(
                            "{} ({})",
                            super::relations::short_name(self.template, c),
                            p.as_str()
                        ),
                        None => super::relations::short_name(self.template, c),
                    };
                    match self.figure_of(c, pin.unwrap_or(column)) {
                        Some(r) => format!("{name} {}", self.shown(r)),
                        None => name,
                    }
                };
                super::relations::formula_in_words(e, &named, self.lang)
            }
        };
        // A percent, or a rate in its own unit (tạ/ha, học sinh/lớp).
        let unit = if ind.unit.contains('%') || ind.unit.trim().is_empty() {
            "%".to_string()
        } else {
            format!(" {}", ind.unit.trim())
        };
        let power_off = match verdict {
            Verdict::Mismatch => power_of_ten_off(stated.value, point),
            Verdict::Rounding | Verdict::Consistent => 0,
        };
        if let (Verdict::Mismatch, 0, RateFormula::Ratio(n, dn)) = (verdict, power_off, &formula) {
            if let Some(copied) = self.copied_operand(stated, (n, dn), point) {
                let percent = Percent::RateOperandCopied {
                    column,
                    shown: &shown,
                    unit: &unit,
                    operand: &copied.operand,
                    value: &copied.value,
                    above: &copied.above,
                    likely: &copied.likely,
                    counted: &copied.counted,
                };
                // The rate may well be right: no figure to write in its
                // cell (the feedback's «Phải là» would say 100).
                let mut found = self.off(stated, verdict, point, percent);
                found.expected.clear();
                return Some(found);
            }
        }
        // A department's rate of the area may be a mean of the units'.
        let of_area = self
            .sub
            .unit
            .and_then(|u| self.template.agencies.get(u))
            .is_some_and(|a| a.kind != AgencyKind::Ward);
        let percent = Percent::Rate {
            column,
            shown: &shown,
            unit: &unit,
            power_off,
            of_area,
        };
        Some(self.off(stated, verdict, point, percent))
    }

    /// A count of a rate `n / dn × 100` found off (`point`: what the
    /// counts give) that looks copied from the row above it in the sheet
    /// (Số hộ nghèo 2.204 under Tổng số hộ dân cư 2.204), while the
    /// stated rate is plausible: within [`PLAUSIBLE`] of the unit's own
    /// rate last year (its CK as stated, or as its CK counts give it),
    /// which the computed one is not. Then the rate may well be right and
    /// the count wrong: telling the clerk to type 100 % would spread the
    /// slip. The count a slip is looked for in is the numerator first.
    fn copied_operand(
        &self,
        stated: &TidyRow,
        (n, dn): (&str, &str),
        point: f64,
    ) -> Option<Copied> {
        let column = stated.column;
        if column == ValueColumn::Ck || stated.value <= 0.0 {
            return None;
        }
        let last_year = self
            .figure(stated.ind(), ValueColumn::Ck)
            .map(|r| r.value)
            .or_else(|| {
                let formula = RateFormula::Ratio(n.to_string(), dn.to_string());
                self.formula_gives(&formula, ValueColumn::Ck)
                    .map(|(_, v)| v)
            })
            .filter(|v| *v > 0.0)?;
        let near = |v: f64| v > 0.0 && (v / last_year).max(last_year / v) < PLAUSIBLE;
        if !near(stated.value) || near(point) {
            return None;
        }
        let (nr, dr) = (self.figure_of(n, column)?, self.figure_of(dn, column)?);
        [(n, nr, true), (dn, dr, false)]
            .into_iter()
            .find_map(|(code, r, numerator)| {
                // A handful coincides with its neighbour often enough.
                if r.value < COPIED_AT_LEAST {
                    return None;
                }
                let above = self.sub.rows.iter().find(|o| {
                    o.sheet == r.sheet
                        && o.col == r.col
                        && o.row + 1 == r.row
                        && o.ind() != r.ind()
                        && o.value == r.value
                })?;
                let likely = if numerator {
                    stated.value * dr.value / 100.0
                } else {
                    nr.value * 100.0 / stated.value
                };
                let ind = self.template.indicators.get(r.ind())?;
                let above_code = &self.template.indicators.get(above.ind())?.code;
                Some(Copied {
                    operand: super::relations::short_name(self.template, code),
                    value: self.shown(r),
                    above: super::relations::short_name(self.template, above_code),
                    likely: self.num(likely.round(), 0),
                    counted: ind.unit.trim().to_string(),
                })
            })
    }

    /// The figure of indicator `code` in `column`.
    fn figure_of(&self, code: &str, column: ValueColumn) -> Option<&TidyRow> {
        self.template
            .indicator_index(code)
            .and_then(|j| self.figure(j, column))
    }

    /// What a rate's `formula` gives over `column`'s figures as written:
    /// the interval and the value at the figures themselves.
    fn formula_gives(&self, formula: &RateFormula, column: ValueColumn) -> Option<(Interval, f64)> {
        let operand = |code: &str| self.figure_of(code, column);
        match formula {
            RateFormula::Ratio(n, dn) => {
                let (nr, dr) = (operand(n)?, operand(dn)?);
                let c = percent_of(self.written(nr), self.written(dr))?;
                if dr.value == 0.0 {
                    return None;
                }
                Some((c, nr.value / dr.value * 100.0))
            }
            // Each operand in `column`, or in the one its marker names.
            RateFormula::Other(e) => {
                let v = e.eval_in(column, &|code, c| self.figure_of(code, c).map(|r| r.value))?;
                Some((Interval::exact(v), v))
            }
        }
    }

    /// The readings of indicator `i`'s figure in `column` besides the one
    /// as written, where the tool itself disputes that figure: the sum of
    /// its parts when it is the whole of a sum relation of the template
    /// (HC02 = HC03 + HC04) whose parts disagree with it (`sum-mismatch`
    /// says so at its cell), and a rate as its formula gives it when it
    /// is off that (`pct-mismatch` at its cell says "= 61,1"). A percent
    /// or rate that such a reading gives is not blamed: advice to
    /// "correct" it from the disputed figure would spread that figure and
    /// contradict the finding on it. Looked at only for a figure found off.
    fn disputed(&self, i: usize, column: ValueColumn) -> Vec<Reading> {
        let (Some(own), Some(ind)) = (self.figure(i, column), self.template.indicators.get(i))
        else {
            return Vec::new();
        };
        let mut out: Vec<Reading> = self
            .elsewhere
            .get(&(i, column))
            .cloned()
            .unwrap_or_default();
        // A stock's LK off its TH (a herd summed over the quarters): the
        // TH is the level the unit meant as much as the LK.
        if let (true, ValueColumn::Lk, Some(th)) =
            (self.stock_level, column, self.figure(i, ValueColumn::Th))
        {
            if super::cumulative::stock_level_off(self.template, i, ind, th, own) {
                out.push(Reading {
                    interval: self.written(th),
                    value: th.value,
                });
            }
        }
        let relations = super::relations::relations_naming(self.template, &ind.code);
        for rel in relations.iter().filter(|r| r.holds_in(column)) {
            let Some((whole, parts)) = rel.whole_and_parts() else {
                continue;
            };
            if whole != ind.code {
                continue;
            }
            let Some(figures) = parts
                .iter()
                .map(|p| self.figure_of(p, column))
                .collect::<Option<Vec<_>>>()
            else {
                continue;
            };
            let sum = figures.iter().fold(Interval::exact(0.0), |acc, r| {
                let w = self.written(r);
                Interval {
                    lo: acc.lo + w.lo,
                    hi: acc.hi + w.hi,
                }
            });
            if !sum.meets(self.written(own)) {
                let value = figures.iter().map(|r| r.value).sum();
                out.push(Reading {
                    interval: sum,
                    value,
                });
            }
        }
        if ind.kind == Kind::Rate {
            let gives = rate_formula(&ind.formula).and_then(|f| self.formula_gives(&f, column));
            if let Some((computed, value)) = gives {
                if !matches!(judge(own, computed), Judged::Consistent) {
                    // Also as the finding on it shows it, at its decimals.
                    let d = own.shown_decimals();
                    let shown = Interval::written(round_to(value, d), d);
                    out.push(Reading {
                        interval: Interval::new(
                            computed.lo.min(shown.lo),
                            computed.hi.max(shown.hi),
                        ),
                        value,
                    });
                }
            }
        }
        out
    }

    /// Whether some reading of `operands` (each as written or as the tool
    /// disputes it, [`Stated::disputed`]), not all as written, `fits`.
    /// With `pointed`, for a rate of other indicators, an LK its own
    /// stated percents point away from ([`Stated::lk_pointed`]: 3.578
    /// pupils copied from the row above, where %KH and %CK both give
    /// about 2.801) is read as the amount they point to too: the unit
    /// worked its rates from it, and the finding at the LK names it. Its
    /// own percents are what point there, so not for them.
    fn right_by_disputed(
        &self,
        operands: &[(usize, ValueColumn)],
        pointed: bool,
        fits: impl Fn(&[Reading]) -> bool,
    ) -> bool {
        let mut readings: Vec<Vec<Reading>> = Vec::with_capacity(operands.len());
        for &(i, column) in operands {
            let Some(own) = self.figure(i, column) else {
                return false;
            };
            let mut r = vec![Reading {
                interval: self.written(own),
                value: own.value,
            }];
            r.extend(self.disputed(i, column));
            if pointed && column == ValueColumn::Lk {
                if let Some(p) = self.lk_pointed(i) {
                    r.push(Reading {
                        interval: p.interval,
                        value: p.value,
                    });
                }
            }
            readings.push(r);
        }
        if readings.iter().all(|r| r.len() == 1) {
            return false;
        }
        // Every combination but the first (all as written), odometer-wise.
        let mut pick = vec![0usize; readings.len()];
        let mut chosen = Vec::with_capacity(readings.len());
        loop {
            let mut k = 0;
            loop {
                let (Some(p), Some(r)) = (pick.get_mut(k), readings.get(k)) else {
                    return false;
                };
                *p += 1;
                if *p < r.len() {
                    break;
                }
                *p = 0;
                k += 1;
            }
            chosen.clear();
            chosen.extend(
                pick.iter()
                    .zip(&readings)
                    .filter_map(|(&p, r)| r.get(p).copied()),
            );
            if fits(&chosen) {
                return true;
            }
        }
    }

    /// Whether a rate that its operands as written make wrong is right
    /// from an operand the tool disputes (98,65% = 1.460 / (1.460 + 20),
    /// where HC02 was typed 1.490; a yield from the parts of its area).
    fn right_by_disputed_operands(&self, stated: &TidyRow, formula: &RateFormula) -> bool {
        let column = stated.column;
        let index = |code: &str| self.template.indicator_index(code).map(|j| (j, column));
        match formula {
            RateFormula::Ratio(n, dn) => {
                let Some(operands) = [index(n), index(dn)]
                    .into_iter()
                    .collect::<Option<Vec<_>>>()
                else {
                    return false;
                };
                self.right_by_disputed(&operands, true, |r| match r {
                    [num, den] => gives(stated, percent_of(num.interval, den.interval), *den),
                    _ => false,
                })
            }
            RateFormula::Other(e) => {
                // Each operand in the rate's column or in its marker's.
                let named = e.operands();
                let Some(operands) = named
                    .iter()
                    .map(|&(c, pin)| {
                        let j = self.template.indicator_index(c)?;
                        Some((j, pin.unwrap_or(column)))
                    })
                    .collect::<Option<Vec<_>>>()
                else {
                    return false;
                };
                self.right_by_disputed(&operands, true, |r| {
                    let at = |code: &str, c: ValueColumn| {
                        let k = named
                            .iter()
                            .position(|&(n, pin)| n == code && pin.unwrap_or(column) == c)?;
                        r.get(k).map(|x| x.value)
                    };
                    e.eval_in(column, &at).is_some_and(|v| {
                        matches!(judge(stated, Interval::exact(v)), Judged::Consistent)
                    })
                })
            }
        }
    }

    /// %KH against LK / KH × 100.
    fn of_plan(&self, stated: &TidyRow) -> Option<Finding> {
        let i = stated.ind();
        let (lk, kh) = self.lk_and(i, ValueColumn::Kh)?;
        let c = percent_of(self.written(lk), self.written(kh))?;
        if kh.value == 0.0 {
            return None;
        }
        let Judged::Off(verdict) = judge(stated, c) else {
            return None;
        };
        if self.meant_from_th(stated, lk, |th| percent_of(th, self.written(kh))) {
            return None;
        }
        let operands = [(i, ValueColumn::Lk), (i, ValueColumn::Kh)];
        if self.right_by_disputed(&operands, false, |r| match r {
            [l, k] => gives(stated, percent_of(l.interval, k.interval), *k),
            _ => false,
        }) {
            return None;
        }
        if let Some(factor) = self.lk_slip(i) {
            return Some(self.lk_slipped(i, lk, factor));
        }
        if let Some(pointed) = self.lk_pointed(i) {
            return Some(self.lk_pointed_at(i, lk, &pointed));
        }
        if let Some(factor) = self.lk_scaled(stated, false) {
            return self.lk_scaled_at(stated, factor);
        }
        let (l, k) = (self.shown(lk), self.shown(kh));
        let percent = Percent::OfPlan { lk: &l, kh: &k };
        Some(self.off(stated, verdict, lk.value / kh.value * 100.0, percent))
    }

    /// The power of ten an indicator's LK is off by, when its stated %KH
    /// and %CK are both off the LK as written and both right from the LK
    /// divided by it: an LK typed with a digit too many or too few
    /// (13.024,6 for 1.302,46 against a plan of 1.240), whose percents the
    /// unit worked out from the right figure. Both percents must agree:
    /// one alone might be its own slip.
    fn lk_slip(&self, i: usize) -> Option<f64> {
        use ValueColumn::{Ck, Kh, Lk, PctCk, PctKh};
        let (lk, kh, ck) = (
            self.figure(i, Lk)?,
            self.figure(i, Kh)?,
            self.figure(i, Ck)?,
        );
        let (pkh, pck) = (self.figure(i, PctKh)?, self.figure(i, PctCk)?);
        if lk.value <= 0.0 || kh.value <= 0.0 || ck.value <= 0.0 {
            return None;
        }
        let fits_ck = |l: Interval| {
            [
                percent_of(l, self.written(ck)),
                growth_of(l, self.written(ck)),
            ]
            .into_iter()
            .flatten()
            .any(|c| matches!(judge(pck, c), Judged::Consistent))
        };
        let fits_kh = |l: Interval| {
            percent_of(l, self.written(kh))
                .is_some_and(|c| matches!(judge(pkh, c), Judged::Consistent))
        };
        let w = self.written(lk);
        if fits_kh(w) || fits_ck(w) {
            return None;
        }
        [10.0, 100.0, 1000.0, 0.1, 0.01, 0.001]
            .into_iter()
            .find(|&f| {
                let slipped = Interval {
                    lo: w.lo / f,
                    hi: w.hi / f,
                };
                fits_kh(slipped) && fits_ck(slipped)
            })
    }

    /// The LK an indicator's stated percents point to when it is not the
    /// one written: both its %KH and %CK are off the LK as written (not by
    /// rounding) and agree on another amount (4.291 written, while 13,88%
    /// of a plan of 10.335 and 96,63% of last year's 1.485 both give about
    /// 1.435), or the one percent the row states does and the amount it
    /// gives mends what the written one breaks (a relation of the
    /// template, as D == B − C for a balance typed 358 for −358 whose %CK
    /// is −41,92, or its sign). The unit worked its percents out from the
    /// right amount: advice to change them would spread the wrong one.
    fn lk_pointed(&self, i: usize) -> Option<Pointed> {
        use ValueColumn::{Ck, Kh, Lk, PctCk, PctKh};
        let lk = self.figure(i, Lk)?;
        let base = |c: ValueColumn| self.figure(i, c).filter(|b| self.written(b).lo > 0.0);
        // The LK a stated percent gives, when the LK as written is off it
        // beyond rounding.
        let by_kh = self.figure(i, PctKh).zip(base(Kh)).map(|(p, kh)| {
            let off = percent_of(self.written(lk), self.written(kh)).is_some_and(|c| {
                judge_percent(p.value, p.shown_decimals(), c) == Verdict::Mismatch
            });
            off.then(|| times(self.written(p), self.written(kh)))
        });
        let by_ck = self.figure(i, PctCk).zip(base(Ck)).map(|(p, ck)| {
            let growth = match self.said(p) {
                Some((said, _)) => said.convention == CkConvention::Growth,
                None => self.template.settings.ck_convention == CkConvention::Growth,
            };
            let shift = if growth { 100.0 } else { 0.0 };
            let right = match growth {
                true => growth_of(self.written(lk), self.written(ck)),
                false => percent_of(self.written(lk), self.written(ck)),
            };
            let off = right.is_some_and(|c| {
                judge_percent(p.value, p.shown_decimals(), c) == Verdict::Mismatch
            });
            let ratio = Interval::new(self.written(p).lo + shift, self.written(p).hi + shift);
            off.then(|| times(ratio, self.written(ck)))
        });
        // A percent the LK as written fits: the percent that does not is
        // its own mistake.
        let (interval, both) = match (by_kh, by_ck) {
            (Some(None), _) | (_, Some(None)) | (None, None) => return None,
            (Some(Some(a)), Some(Some(b))) => {
                let lo = a.lo.max(b.lo);
                let hi = a.hi.min(b.hi);
                (lo <= hi).then_some((Interval::new(lo, hi), true))?
            }
            (Some(Some(a)), None) | (None, Some(Some(a))) => (a, false),
        };
        if interval.meets(self.written(lk)) {
            return None;
        }
        // Percents worked from the quarter's TH instead of the LK after a
        // first quarter are their own mistake ("Hãy sửa thành 26,46").
        if self
            .figure(i, ValueColumn::Th)
            .is_some_and(|th| th.value != lk.value && interval.meets(self.written(th)))
        {
            return None;
        }
        let value = (interval.lo + interval.hi) / 2.0;
        if !both && !self.mends(i, lk, interval) {
            return None;
        }
        Some(Pointed {
            interval,
            value,
            by_kh: matches!(by_kh, Some(Some(_))),
        })
    }

    /// Whether the LK of indicator `i` as written breaks a relation of
    /// the template or its sign, and an amount in `pointed` keeps them.
    fn mends(&self, i: usize, lk: &TidyRow, pointed: Interval) -> bool {
        let Some(ind) = self.template.indicators.get(i) else {
            return false;
        };
        let negative_allowed = super::checks::CheckSettings::of(self.template)
            .may_be_negative
            .contains(&ind.code);
        if !negative_allowed && lk.value < 0.0 && pointed.lo >= 0.0 {
            return true;
        }
        let half = pointed.width() / 2.0;
        let at = (pointed.lo + pointed.hi) / 2.0;
        super::relations::relations_naming(self.template, &ind.code)
            .iter()
            .filter(|rel| rel.holds_in(ValueColumn::Lk))
            .any(|rel| {
                let mut slack = 1e-9;
                for code in rel.codes() {
                    let (Some(j), Some(r)) = (
                        self.template.indicator_index(code),
                        self.figure_of(code, ValueColumn::Lk),
                    ) else {
                        return false;
                    };
                    slack += super::half_of(self.template, j, r.decimals);
                }
                let gap = |v: f64| {
                    let look = |code: &str| match self.template.indicator_index(code) {
                        Some(j) if j == i => Some(v),
                        _ => self.figure_of(code, ValueColumn::Lk).map(|r| r.value),
                    };
                    Some(rel.left.eval(&look)? - rel.right.eval(&look)?)
                };
                let broken = |d: f64, slack: f64| match rel.cmp {
                    Cmp::Eq => d.abs() > slack,
                    Cmp::Le => d > slack,
                    Cmp::Ge => d < -slack,
                };
                matches!((gap(lk.value), gap(at)), (Some(w), Some(p)) if broken(w, slack) && !broken(p, slack + half))
            })
    }

    /// The finding on an LK its percents point away from
    /// ([`Stated::lk_pointed`]), at the LK.
    fn lk_pointed_at(&self, i: usize, lk: &TidyRow, pointed: &Pointed) -> Finding {
        let shown = |c: ValueColumn| self.figure(i, c).map(|r| self.shown(r));
        // As many decimals as the percents pin the amount down to, no
        // more than the LK's; a figure converted from a larger unit in
        // its own steps (930, not 931,9, for 0,93 tỷ đồng).
        let width = pointed.interval.width().max(1e-12);
        let d = (-width.log10())
            .floor()
            .clamp(0.0, f64::from(lk.shown_decimals())) as u8;
        let step = 10f64.powi(-i32::from(lk.decimals.min(d as i8)));
        let right = self.num((pointed.value / step).round() * step, d);
        let l = self.shown(lk);
        // The LK taken from the TH (a first quarter's file without an LK
        // column), not a TH the tool worked out of the LK (a report from
        // January only): that one is what the unit wrote as LK.
        let from_th = self
            .figure(i, ValueColumn::Th)
            .is_some_and(|th| th.sheet == lk.sheet && th.row == lk.row && th.col == lk.col)
            && !self
                .sub
                .findings
                .iter()
                .any(super::cumulative::is_th_from_lk);
        let same_as_ck = self
            .figure(i, ValueColumn::Ck)
            .is_some_and(|ck| ck.value == lk.value && ck.decimals == lk.decimals);
        let (pct_kh, pct_ck) = (shown(ValueColumn::PctKh), shown(ValueColumn::PctCk));
        let said = Checked::LkPointed {
            unit: &self.unit,
            what: &indicator_words(self.template, i),
            lk: &l,
            right: &right,
            pct_kh: pct_kh.as_deref(),
            pct_ck: pct_ck.as_deref(),
            from_th,
            same_as_ck,
            counted: self.sub.unit.is_some(),
        };
        let f = Finding::said(Severity::Error, &said, self.lang);
        let f = at_row(f, self.template, self.sub, lk)
            .expected(format!("≈ {right}"))
            .actual(l);
        // The TH cell it is at is the column it names.
        match from_th {
            true => f.column(ValueColumn::Th.as_str()),
            false => f,
        }
    }

    /// The power of ten (10 … 1.000, or a 10th … a 1.000th) the LK of
    /// `stated`'s row is off by, when `stated` (a %KH, or a %CK in the
    /// convention `growth`) is off the LK as written and right from the
    /// LK brought back by it, while the LK and the base (KH or CK) as
    /// written are a slip's size apart and in line once it is brought
    /// back: a price typed in nghìn đồng under "đồng/lít" (LK 24,19
    /// where CK is 23.060, and %CK 104,9 is right for 24.190). The unit
    /// worked the percent from the right figure; advice to change it
    /// would spread the wrong one. Not when the row's other percent is
    /// right from the LK as written (then the LK is right and the base
    /// is in doubt), nor a %KH whose %CK says the same (said once, by
    /// the %CK).
    fn lk_scaled(&self, stated: &TidyRow, growth: bool) -> Option<f64> {
        use ValueColumn::{Ck, Kh, Lk, PctCk, PctKh};
        let i = stated.ind();
        let of_plan = stated.column == PctKh;
        let base_column = if of_plan { Kh } else { Ck };
        let (lk, base) = (self.figure(i, Lk)?, self.figure(i, base_column)?);
        if lk.value <= 0.0 || base.value <= 0.0 {
            return None;
        }
        let fits = |l: Interval| {
            let c = match (of_plan, growth) {
                (false, true) => growth_of(l, self.written(base)),
                _ => percent_of(l, self.written(base)),
            };
            c.is_some_and(|c| matches!(judge(stated, c), Judged::Consistent))
        };
        let w = self.written(lk);
        if fits(w) {
            return None;
        }
        let apart = lk.value / base.value;
        let factor = [10.0, 100.0, 1000.0, 0.1, 0.01, 0.001]
            .into_iter()
            .chain(self.money_slips(i))
            .find(|&f| fits(Interval::new(w.lo / f, w.hi / f)))?;
        let slip = super::outliers::SLIP_TIMES;
        let brought = apart / factor;
        if (apart < slip && 1.0 / apart < slip) || brought >= slip || 1.0 / brought >= slip {
            return None;
        }
        // The other percent, stated and right from the LK as written.
        let other = if of_plan { PctCk } else { PctKh };
        if let Some(p) = self.figure(i, other) {
            let other_base = self.figure(i, if of_plan { Ck } else { Kh });
            let right_as_written = other_base.is_some_and(|b| {
                let mut c = vec![percent_of(w, self.written(b))];
                if of_plan {
                    c.push(growth_of(w, self.written(b)));
                }
                c.into_iter()
                    .flatten()
                    .any(|c| matches!(judge(p, c), Judged::Consistent))
            });
            if right_as_written {
                return None;
            }
            if of_plan {
                let g = self
                    .said(p)
                    .map(|(said, _)| said.convention == CkConvention::Growth)
                    .unwrap_or(self.template.settings.ck_convention == CkConvention::Growth);
                if self.lk_scaled(p, g) == Some(factor) {
                    return None;
                }
            }
        }
        Some(factor)
    }

    /// The factors beyond a thousand an amount of indicator `i` is off by
    /// when it was typed in another money unit than its own (đồng under
    /// "triệu đồng": a million; đồng under "tỷ đồng": a billion). None for
    /// an indicator whose unit is no money.
    fn money_slips(&self, i: usize) -> Vec<f64> {
        let Some(unit) = self.template.indicators.get(i).map(|x| x.unit.as_str()) else {
            return Vec::new();
        };
        let money = unit.split_once('/').map_or(unit, |(m, _)| m.trim());
        let Some(own) = crate::number::money_factor(money) else {
            return Vec::new();
        };
        [1.0, 1e3, 1e6, 1e9]
            .into_iter()
            .map(|written| own / written)
            .filter(|f| !(0.000_999..=1000.5).contains(f))
            .collect()
    }

    /// The finding on an LK whose one percent is right from it brought
    /// back by `factor` ([`Stated::lk_scaled`]), at the LK.
    fn lk_scaled_at(&self, stated: &TidyRow, factor: f64) -> Option<Finding> {
        let i = stated.ind();
        let lk = self.figure(i, ValueColumn::Lk)?;
        let base_column = match stated.column {
            ValueColumn::PctKh => ValueColumn::Kh,
            _ => ValueColumn::Ck,
        };
        let base = self.figure(i, base_column)?;
        let value = lk.value / factor;
        let d = scaled_decimals(lk, factor, value);
        let right = self.num(value, d);
        let l = self.shown(lk);
        let catalog_unit = self.template.indicators.get(i).map(|x| x.unit.as_str())?;
        // "đồng/lít": the money word before the slash, the rest kept.
        let (money, per) = match catalog_unit.split_once('/') {
            Some((m, rest)) => (m.trim(), format!("/{}", rest.trim())),
            None => (catalog_unit, String::new()),
        };
        let written_in = crate::number::money_factor(money).map(|f| f / factor);
        let times = format_num((1.0 / factor).max(factor).round(), 0, self.lang);
        let said = Checked::LkScaled {
            unit: &self.unit,
            what: &indicator_words(self.template, i),
            lk: &l,
            right: &right,
            base_column,
            base: &self.shown(base),
            pct_column: stated.column,
            pct: &self.shown(stated),
            times: &times,
            written_in,
            per: &per,
            catalog_unit,
            // A rate (a price) is not added up: recomputed or stated.
            counted: self.sub.unit.is_some()
                && self
                    .template
                    .indicators
                    .get(i)
                    .is_some_and(|x| x.kind != Kind::Rate),
        };
        let f = Finding::said(Severity::Error, &said, self.lang);
        if let Some(w) = written_in.filter(|_| !(0.000_999..=1000.5).contains(&factor)) {
            let th = self.th_scaled_at(i, (lk, value, &right), factor, (w, &per, catalog_unit));
            self.beside.borrow_mut().extend(th);
        }
        Some(
            at_row(f, self.template, self.sub, lk)
                .expected(right)
                .actual(l),
        )
    }

    /// The finding on the TH of an LK typed in another money unit (a
    /// million times its right figure: đồng under "triệu đồng"), when the
    /// TH is as far off that LK's right figure and in line with it once
    /// brought back by the same factor: 25.000.000 beside an LK of
    /// 25.000.000 that is 25. A TH in line as written (20 where the LK
    /// is 25.000.000 for 25) is right, and is not told.
    fn th_scaled_at(
        &self,
        i: usize,
        (lk, lk_value, lk_right): (&TidyRow, f64, &str),
        factor: f64,
        (written_in, per, catalog_unit): (f64, &str, &str),
    ) -> Option<Finding> {
        let th = self.figure(i, ValueColumn::Th)?;
        let off = |a: f64, b: f64| (a / b).max(b / a);
        let slip = super::outliers::SLIP_TIMES;
        let value = th.value / factor;
        if th.value <= 0.0 || lk_value <= 0.0 {
            return None;
        }
        if off(th.value, lk_value) < slip || off(value, lk_value) >= slip {
            return None;
        }
        let d = scaled_decimals(th, factor, value);
        let right = self.num(value, d);
        let t = self.shown(th);
        let said = Checked::ThScaled {
            unit: &self.unit,
            what: &indicator_words(self.template, i),
            th: &t,
            right: &right,
            lk: &self.shown(lk),
            lk_right,
            written_in,
            per,
            catalog_unit,
            counted: self.sub.unit.is_some()
                && self
                    .template
                    .indicators
                    .get(i)
                    .is_some_and(|x| x.kind != Kind::Rate),
        };
        let f = Finding::said(Severity::Error, &said, self.lang);
        Some(
            at_row(f, self.template, self.sub, th)
                .expected(right)
                .actual(t),
        )
    }

    /// The finding on an LK typed a power of ten off ([`Stated::lk_slip`]),
    /// at the LK: its two percents are right.
    fn lk_slipped(&self, i: usize, lk: &TidyRow, factor: f64) -> Finding {
        let shown = |c: ValueColumn| self.figure(i, c).map(|r| self.shown(r)).unwrap_or_default();
        let value = lk.value / factor;
        let d = scaled_decimals(lk, factor, value);
        let right = self.num(value, d);
        let l = self.shown(lk);
        let said = Checked::LkSlipped {
            unit: &self.unit,
            what: &indicator_words(self.template, i),
            lk: &l,
            right: &right,
            pct_kh: &shown(ValueColumn::PctKh),
            pct_ck: &shown(ValueColumn::PctCk),
            counted: self.sub.unit.is_some(),
        };
        let f = Finding::said(Severity::Error, &said, self.lang);
        at_row(f, self.template, self.sub, lk)
            .expected(right)
            .actual(l)
    }

    /// %CK against LK and CK, in the template's convention (growth or
    /// ratio); written in the other one, `pct-kind`. A column whose words
    /// say the other convention ([`Submission::ck_said`]: growth in a
    /// template of ratios, "Ước TH/CK" in one of growth) is judged as what
    /// it says it is (when it is not what the template wants), and counted
    /// for the file's one note of conversion.
    fn against_last_year(&self, stated: &TidyRow) -> Option<Finding> {
        let i = stated.ind();
        let (lk, ck) = self.lk_and(i, ValueColumn::Ck)?;
        let ratio = percent_of(self.written(lk), self.written(ck))?;
        let growth = growth_of(self.written(lk), self.written(ck))?;
        // A balance that changed sign (kết dư −65.833 against +72.241
        // last year): a ratio across the sign change means nothing, and
        // whatever the unit wrote is not judged.
        if ck.value == 0.0 || lk.value * ck.value < 0.0 {
            return None;
        }
        let growth_wanted = self.growth_read(stated, ratio, growth)?;
        let (want, other) = if growth_wanted {
            (growth, ratio)
        } else {
            (ratio, growth)
        };
        let Judged::Off(verdict) = judge(stated, want) else {
            return None;
        };
        // An LK typed a power of ten off: said once, at the LK, by the %KH.
        if self.lk_slip(i).is_some() {
            return None;
        }
        // An LK both percents point away from: said once, at the LK, by
        // the %KH when the row states one.
        if let Some(pointed) = self.lk_pointed(i) {
            return match pointed.by_kh {
                true => None,
                false => Some(self.lk_pointed_at(i, lk, &pointed)),
            };
        }
        let from_th = |th: Interval| match growth_wanted {
            true => growth_of(th, self.written(ck)),
            false => percent_of(th, self.written(ck)),
        };
        if self.meant_from_th(stated, lk, from_th) {
            return None;
        }
        let operands = [(i, ValueColumn::Lk), (i, ValueColumn::Ck)];
        if self.right_by_disputed(&operands, false, |r| match r {
            [l, c] => {
                let right = match growth_wanted {
                    true => growth_of(l.interval, c.interval),
                    false => percent_of(l.interval, c.interval),
                };
                gives(stated, right, *c)
            }
            _ => false,
        }) {
            return None;
        }
        if let Some(factor) = self.lk_scaled(stated, growth_wanted) {
            return self.lk_scaled_at(stated, factor);
        }
        let point_ratio = lk.value / ck.value * 100.0;
        let point = if growth_wanted {
            point_ratio - 100.0
        } else {
            point_ratio
        };
        let (l, c) = (self.shown(lk), self.shown(ck));
        let formula = if growth_wanted {
            format!("{l} / {c} × 100 − 100")
        } else {
            format!("{l} / {c} × 100")
        };
        // Right in the other convention, as written or as the fraction
        // of a percent cell (=F14/G14: 1,1052 for the ratio 110,52); not
        // when the TH gives it in the template's.
        if self.th_gives_ck(stated, lk, ck, growth_wanted)
            || matches!(judge(stated, other), Judged::Off(_))
        {
            let percent = Percent::AgainstLastYear { formula: &formula };
            return Some(self.off(stated, verdict, point, percent));
        }
        let d = advice_decimals(stated);
        Some(self.kind_off(stated, round_to(point, d), growth_wanted, &formula))
    }

    /// Whether `stated` (a %CK) is what the TH, where it differs from the
    /// LK, gives against `ck` in the convention `growth`: a percent worked
    /// from the quarter's figure (or from a stock's level, whose LK summed
    /// the quarters) in the template's convention, not a slip of
    /// convention, however wide the operands' half units make the other
    /// reading (125 = 5 / 4, where LK 10 / CK 4 gives the ratio 250 and,
    /// from 9,5 … 10,5 / 3,5 … 4,5, a growth of 111 … 200).
    fn th_gives_ck(&self, stated: &TidyRow, lk: &TidyRow, ck: &TidyRow, growth: bool) -> bool {
        let Some(th) = self.figure(stated.ind(), ValueColumn::Th) else {
            return false;
        };
        let right = match growth {
            true => growth_of(self.written(th), self.written(ck)),
            false => percent_of(self.written(th), self.written(ck)),
        };
        th.value != lk.value
            && right.is_some_and(|c| matches!(judge(stated, c), Judged::Consistent))
    }

    /// Whether `stated` (a %CK) is read as the growth: the template's
    /// `ck_convention`, unless the column's words say the other one
    /// (growth words where the template wants the ratio, "Ước TH/CK"
    /// where it wants the growth) and the figure is not what the template
    /// wants (`ratio` or `growth`, computed); then it is read as its words
    /// say and noted as converted. `None` when the figure is the
    /// template's, whatever its words.
    fn growth_read(&self, stated: &TidyRow, ratio: Interval, growth: Interval) -> Option<bool> {
        let template_growth = self.template.settings.ck_convention == CkConvention::Growth;
        let Some((said, _)) = self.said(stated) else {
            return Some(template_growth);
        };
        let said_growth = said.convention == CkConvention::Growth;
        if said_growth == template_growth {
            return Some(template_growth);
        }
        let template_wants = if template_growth { growth } else { ratio };
        if matches!(judge(stated, template_wants), Judged::Consistent) {
            return None;
        }
        let mut converted = self.converted.borrow_mut();
        if converted.0.is_none() {
            converted.0 = Some(stated.clone());
        }
        converted.1 += 1;
        Some(said_growth)
    }

    /// What the words of `row`'s column say of its convention, else what
    /// its figures say ([`Stated::conventions_by_figures`], `true`).
    fn said(&self, row: &TidyRow) -> Option<(&CkSaid, bool)> {
        match self.sub.ck_said(row) {
            Some(said) => Some((said, false)),
            None => self
                .by_figures
                .iter()
                .find(|g| g.sheet == row.sheet && g.col == row.col)
                .map(|said| (said, true)),
        }
    }

    /// The %CK columns whose words say neither convention but whose
    /// figures follow the other one than the template's throughout: of
    /// the figures with their LK and CK at hand, at least three fit the
    /// other convention, none fits the template's, and fewer fit neither
    /// (those are wrong either way). A convention slip, read as the
    /// figures say like a column whose words say it, with one note for
    /// the file rather than an error per row; a column that mixes the two
    /// keeps its `pct-kind` errors.
    fn conventions_by_figures(&self) -> Vec<CkSaid> {
        let template_growth = self.template.settings.ck_convention == CkConvention::Growth;
        // (sheet, column) → figures that fit the template's convention,
        // the other one, neither.
        let mut seen: Vec<((u16, u32), [usize; 3])> = Vec::new();
        for stated in self.sub.rows.iter() {
            if stated.column != ValueColumn::PctCk || self.sub.ck_said(stated).is_some() {
                continue;
            }
            let Some(ind) = self.template.indicators.get(stated.ind()) else {
                continue;
            };
            let Some((lk, ck)) = self.lk_and(stated.ind(), ValueColumn::Ck) else {
                continue;
            };
            if ck.value == 0.0 {
                continue;
            }
            let (Some(ratio), Some(growth)) = (
                percent_of(self.written(lk), self.written(ck)),
                growth_of(self.written(lk), self.written(ck)),
            ) else {
                continue;
            };
            let fits = |c: Interval| matches!(judge(stated, c), Judged::Consistent);
            // A rate's change in points says no convention.
            let (wl, wc) = (self.written(lk), self.written(ck));
            let points = Interval::new(wl.lo - wc.hi, wl.hi - wc.lo);
            if ind.kind == Kind::Rate
                && (ind.unit.contains('%') || ind.unit.contains('‰'))
                && fits(points)
            {
                continue;
            }
            let (want, other) = if template_growth {
                (growth, ratio)
            } else {
                (ratio, growth)
            };
            // A figure both conventions read ("1" beside LK 101, CK 100:
            // the growth +1 %, or the ratio 101 % as Excel's fraction
            // 1,01 shown without decimals) says neither; nor does a small
            // whole number (0, 1, 2) the template's convention reads only
            // as such a fraction: one such cell does not tip a column.
            let as_written = |c: Interval| {
                judge_percent(stated.value, stated.shown_decimals(), c) == Verdict::Consistent
            };
            let small_whole = stated.shown_decimals() == 0 && stated.value.abs() <= 2.0;
            if fits(want) && !as_written(want) && (fits(other) || small_whole) {
                continue;
            }
            let k = if fits(want) || self.th_gives_ck(stated, lk, ck, template_growth) {
                0
            } else if fits(other) {
                1
            } else {
                2
            };
            let key = (stated.sheet, stated.col);
            match seen.iter_mut().find(|(at, _)| *at == key) {
                Some((_, counts)) => counts[k] += 1,
                None => {
                    let mut counts = [0; 3];
                    counts[k] = 1;
                    seen.push((key, counts));
                }
            }
        }
        let other = if template_growth {
            CkConvention::Ratio
        } else {
            CkConvention::Growth
        };
        seen.into_iter()
            .filter(|(_, [want, other, neither])| *want == 0 && *other >= 3 && other > neither)
            .map(|((sheet, col), _)| CkSaid {
                sheet,
                col,
                words: self
                    .sub
                    .header_of(sheet, col)
                    .map(|h| h.label.clone())
                    .unwrap_or_default(),
                convention: other,
            })
            .collect()
    }

    /// The one `pct-kind` warning of a file whose %CK columns said the
    /// other convention than the template's, in words or in their
    /// figures: how many figures were read so (growth + 100 is the ratio,
    /// ratio − 100 the growth), at the first.
    fn converted_note(&self) -> Option<Finding> {
        let (first, count) = {
            let c = self.converted.borrow();
            (c.0.clone()?, c.1)
        };
        let (said, by_figures) = self.said(&first)?;
        let growth = said.convention == CkConvention::Growth;
        let d = first.shown_decimals();
        let other = if growth {
            first.value + 100.0
        } else {
            first.value - 100.0
        };
        let (s, e) = (self.shown(&first), self.num(other, d));
        let column = crate::diagnostic::column_letters(first.col);
        let note = if by_figures {
            Checked::PctReadByFigures {
                unit: &self.unit,
                column: &column,
                words: &said.words,
                growth,
                count,
                stated: &s,
                converted: &e,
            }
        } else {
            Checked::PctConverted {
                unit: &self.unit,
                words: &said.words,
                growth,
                count,
                stated: &s,
                converted: &e,
            }
        };
        let f = Finding::said(Severity::Warning, &note, self.lang);
        Some(
            at_row(f, self.template, self.sub, &first)
                .expected(e)
                .actual(s),
        )
    }

    /// `pct-kind`: `stated` is right in the other convention than the
    /// template's; `right` is the figure in its own (`formula`).
    fn kind_off(&self, stated: &TidyRow, right: f64, wants_growth: bool, formula: &str) -> Finding {
        let d = advice_decimals(stated);
        let (e, s) = (self.num(right, d), self.shown(stated));
        let said = Checked::PctKind {
            unit: &self.unit,
            what: &indicator_words(self.template, stated.ind()),
            stated: &s,
            wants_growth,
            formula,
            right: &e,
        };
        let f = Finding::said(Severity::Error, &said, self.lang);
        at_row(f, self.template, self.sub, stated)
            .expected(e)
            .actual(s)
    }

    /// %KH or %CK of a rate. %KH is LK / KH × 100; %CK is LK / CK in the
    /// template's convention (ratio or growth). A rate in % or ‰ may also
    /// be compared in points: LK − KH, LK − CK ("giảm 0,5 điểm %"). Either
    /// reading makes the figure right; a %CK right only in the other
    /// convention is `pct-kind`; right in none, off by rounding in one,
    /// `pct-rounding`; else `pct-mismatch`. Points are off by rounding only
    /// within one unit of the stated last place of LK − KH as written.
    fn rate_change(&self, stated: &TidyRow, ind: &Indicator) -> Option<Finding> {
        let i = stated.ind();
        let of_plan = stated.column == ValueColumn::PctKh;
        let other = if of_plan {
            ValueColumn::Kh
        } else {
            ValueColumn::Ck
        };
        let (lk, base) = self.lk_and(i, other)?;
        if base.value == 0.0 {
            return None;
        }
        let ratio = percent_of(self.written(lk), self.written(base))?;
        let growth = growth_of(self.written(lk), self.written(base))?;
        let growth_wanted = !of_plan && self.growth_read(stated, ratio, growth)?;
        let (want, other_kind) = if growth_wanted {
            (growth, ratio)
        } else {
            (ratio, growth)
        };
        let d = stated.shown_decimals();
        // Every rate of the template may be compared in points of its own
        // unit (% and ‰, doctors per 10.000 people alike).
        let per = points_of(ind);
        let (wl, wb) = (self.written(lk), self.written(base));
        let points = Interval::new(wl.lo - wb.hi, wl.hi - wb.lo);
        let verdict = |iv: Interval| judge_percent(stated.value, d, iv);
        let v_want = verdict(want);
        // An operand written coarser than the points (a plan of 95 is
        // 94,5 … 95,5) widens what the points may be: the stated points are
        // right anywhere in that range, give or take their own rounding. A
        // rounding slip, though, is a slip from the figures as written
        // (91,67 − 95 = −3,33 may be written −3 or −4, never −5): the unit
        // of slack is not added on top of the operand's half unit, which
        // took a wrong −5 for a rounding (a tester's TC03 and DS03).
        let v_points = match verdict(points) {
            Verdict::Consistent => Verdict::Consistent,
            _ => match verdict(Interval::exact(lk.value - base.value)) {
                Verdict::Mismatch => Verdict::Mismatch,
                _ => Verdict::Rounding,
            },
        };
        // The fraction form of a percent cell, as for the other percents.
        if matches!(judge(stated, want), Judged::Consistent) || v_points == Verdict::Consistent {
            return None;
        }
        // Right from a rate the tool recomputes (the rate as written is
        // off its formula) or a base it disputes.
        if self.right_by_disputed(&[(i, ValueColumn::Lk), (i, other)], false, |r| match r {
            [l, b] => {
                let (l, b) = (l.interval, b.interval);
                let right = match growth_wanted {
                    true => growth_of(l, b),
                    false => percent_of(l, b),
                };
                let points = Interval::new(l.lo - b.hi, l.hi - b.lo);
                right.is_some_and(|c| matches!(judge(stated, c), Judged::Consistent))
                    || verdict(points) == Verdict::Consistent
            }
            _ => false,
        }) {
            return None;
        }
        if let Some(factor) = self.lk_scaled(stated, growth_wanted) {
            return self.lk_scaled_at(stated, factor);
        }
        let (l, b) = (self.shown(lk), self.shown(base));
        let point_ratio = lk.value / base.value * 100.0;
        let point = if growth_wanted {
            point_ratio - 100.0
        } else {
            point_ratio
        };
        let formula = if growth_wanted {
            format!("{l} / {b} × 100 − 100")
        } else {
            format!("{l} / {b} × 100")
        };
        if !of_plan && verdict(other_kind) == Verdict::Consistent {
            return Some(self.kind_off(stated, round_to(point, d), growth_wanted, &formula));
        }
        let diff = lk.value - base.value;
        if v_want == Verdict::Rounding || v_points != Verdict::Rounding {
            let dd = self.quoted(lk).max(self.quoted(base));
            let points = format!("{l} − {b} = {}", self.num(diff, dd));
            let percent = match v_want {
                Verdict::Mismatch => Percent::RateChange {
                    column: stated.column,
                    formula: &formula,
                    points: &points,
                    per,
                },
                _ if of_plan => Percent::OfPlan { lk: &l, kh: &b },
                _ => Percent::AgainstLastYear { formula: &formula },
            };
            return Some(self.off(stated, v_want, point, percent));
        }
        // Off by rounding from the points only.
        let shown = format!("{l} − {b}");
        let after = per.after_figure(self.lang);
        let percent = Percent::Rate {
            column: stated.column,
            shown: &shown,
            unit: &after,
            power_off: 0,
            of_area: false,
        };
        Some(self.off(stated, Verdict::Rounding, diff, percent))
    }

    /// `pct-rounding` (a warning: off by rounding only) or `pct-mismatch`
    /// at the stated cell, whose right value is `point`.
    fn off(&self, stated: &TidyRow, verdict: Verdict, point: f64, percent: Percent) -> Finding {
        // A rounding slip is mended in the stated decimals; a wrong figure
        // in those a person writes.
        let d = match verdict {
            Verdict::Rounding => stated.shown_decimals(),
            _ => advice_decimals(stated).max(significant_decimals(point)),
        };
        let (right, s) = (self.num(round_to(point, d), d), self.shown(stated));
        let unrounded = (verdict == Verdict::Rounding).then(|| self.num(point, d + 1));
        let said = Checked::PctOff {
            unit: &self.unit,
            what: &indicator_words(self.template, stated.ind()),
            percent,
            stated: &s,
            right: &right,
            unrounded: unrounded.as_deref(),
        };
        let severity = match unrounded {
            Some(_) => Severity::Warning,
            None => Severity::Error,
        };
        let f = Finding::said(severity, &said, self.lang);
        at_row(f, self.template, self.sub, stated)
            .expected(right)
            .actual(s)
    }
}

/// How near a stated rate must be to the unit's own last year's (either
/// way, as a ratio) to be a plausible rate: 5,67 % where 6,76 % last
/// year is; 100 % is not.
const PLAUSIBLE: f64 = 1.5;

/// The smallest count taken for a copy of the row above when equal to it.
const COPIED_AT_LEAST: f64 = 10.0;

/// A count of a rate that looks copied ([`Stated::copied_operand`]), in
/// words and figures.
struct Copied {
    operand: String,
    value: String,
    above: String,
    likely: String,
    counted: String,
}

/// The LK a row's stated percents point to ([`Stated::lk_pointed`]).
struct Pointed {
    interval: Interval,
    value: f64,
    /// Whether the %KH is one of them (it then carries the finding).
    by_kh: bool,
}

/// Every product `a × b / 100` of a percent in `pct` and a base in `base`.
fn times(pct: Interval, base: Interval) -> Interval {
    let c = [
        pct.lo * base.lo,
        pct.lo * base.hi,
        pct.hi * base.lo,
        pct.hi * base.hi,
    ];
    let lo = c.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = c.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Interval::new(lo / 100.0, hi / 100.0)
}

/// The power of ten (±1 to ±3) a stated rate is of the right one,
/// within 5 %: 1,18 where 11,76 is right is −1 (per mille computed as a
/// percent), 120,3 where 12,03 is 1; 0 when it is no such slip.
fn power_of_ten_off(stated: f64, right: f64) -> i32 {
    let ratio = stated / right;
    if !ratio.is_finite() || ratio <= 0.0 {
        return 0;
    }
    let power = ratio.log10().round() as i32;
    let near = (ratio / 10f64.powi(power) - 1.0).abs() <= 0.05;
    if power != 0 && power.abs() <= 3 && near {
        power
    } else {
        0
    }
}

/// A responsible department's stated rate (level `both`) and the wards'
/// rates of the same indicator and column, summed.
struct Averaged {
    /// Index of the department in [`Figures::subs`].
    dept: usize,
    indicator: usize,
    column: ValueColumn,
    stated: TidyRow,
    /// Numerator and denominator of the rate's formula.
    num: (usize, String),
    den: (usize, String),
    /// The rate's factor (`* 100`, `* 1000`).
    factor: f64,
    /// Sum of the wards' rates, of their half-units, and how many.
    sum: f64,
    half: f64,
    wards: usize,
    /// The department's own numerator and denominator in the column.
    own: Option<(f64, f64)>,
}

/// `rate-averaged`: a responsible department's rate (level `both`) that
/// equals the mean of the wards' stated rates but not the rate of the
/// summed numerator and denominator, in TH, LK or CK (its KH is a
/// target, not consolidated). The departments' rates are found
/// first; the wards' are summed in one pass over the chunks.
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn check_rate_averaged(
    figures: &Figures,
    totals: &Totals,
    template: &Template,
    lang: Lang,
) -> Result<Vec<Finding>, Fatal> {
    let kind_of = |s: &Submission| {
        s.unit
            .and_then(|u| template.agencies.get(u))
            .map(|a| (a.kind, a.code.as_str()))
    };
    let mut found: Vec<Averaged> = Vec::new();
    let mut departments: HashMap<usize, Cow<Submission>> = HashMap::new();
    for (i, ind) in template.indicators.iter().enumerate() {
        if ind.kind != Kind::Rate || ind.level != Level::Both {
            continue;
        }
        // Any factor (a per mille's 1000, «bác sĩ/vạn dân»'s 10000), as
        // the template defines the rate.
        let Ok(Rule::Definition(e)) = parse(&ind.formula) else {
            continue;
        };
        let Some((n, dn, factor)) = e
            .scaled_ratio()
            .map(|(n, d, k)| (n.to_string(), d.to_string(), k))
        else {
            continue;
        };
        let (Some(ni), Some(di)) = (template.indicator_index(&n), template.indicator_index(&dn))
        else {
            continue;
        };
        let Some(k) = figures.subs().iter().position(|s| {
            kind_of(s).is_some_and(|(k, c)| k != AgencyKind::Ward && c == ind.reported_by)
        }) else {
            continue;
        };
        if let std::collections::hash_map::Entry::Vacant(e) = departments.entry(k) {
            e.insert(figures.unit(k)?);
        }
        let dept = &departments[&k];
        // A rate's KH is the area's target, set by the department, not a
        // figure consolidated from the wards' (README: a rate's KH is that
        // target): equal to the mean of the wards' targets or not, it is
        // no averaging mistake.
        for column in ValueColumn::QUANTITIES
            .into_iter()
            .filter(|&c| c != ValueColumn::Kh)
        {
            let Some(stated) = dept.figure(i, column) else {
                continue;
            };
            let own = dept
                .figure(ni, column)
                .zip(dept.figure(di, column))
                .map(|(a, b)| (a.value, b.value));
            found.push(Averaged {
                dept: k,
                indicator: i,
                column,
                stated: stated.clone(),
                num: (ni, n.clone()),
                den: (di, dn.clone()),
                factor,
                sum: 0.0,
                half: 0.0,
                wards: 0,
                own,
            });
        }
    }
    drop(departments);
    if found.is_empty() {
        return Ok(Vec::new());
    }
    figures.each_chunk(|chunk| {
        for w in chunk {
            if !kind_of(w).is_some_and(|(k, _)| k == AgencyKind::Ward) {
                continue;
            }
            for a in &mut found {
                if let Some(r) = w.figure(a.indicator, a.column) {
                    a.sum += r.value;
                    a.half += super::half_unit(r.decimals);
                    a.wards += 1;
                } else if let Some((n, d)) = w
                    .figure(a.num.0, a.column)
                    .zip(w.figure(a.den.0, a.column))
                    .filter(|(_, d)| d.value != 0.0)
                {
                    // A ward that left its rate for the office to work
                    // out (its counts typed, the rate blank) is in the
                    // mean a department takes as its rate.
                    a.sum += n.value / d.value * a.factor;
                    a.wards += 1;
                }
            }
        }
        Ok(())
    })?;
    Ok(found
        .iter()
        .filter_map(|a| averaged(a, figures, totals, template, lang))
        .collect())
}

/// The `rate-averaged` finding of `a`, when the department's rate is the
/// wards' mean and not the rate of the sums.
fn averaged(
    a: &Averaged,
    figures: &Figures,
    totals: &Totals,
    template: &Template,
    lang: Lang,
) -> Option<Finding> {
    if a.wards < 2 {
        return None;
    }
    let (column, stated) = (a.column, &a.stated);
    let ((ni, n), (di, dn)) = (&a.num, &a.den);
    let (ni, di) = (*ni, *di);
    let count = a.wards as f64;
    let (mean, half) = (a.sum / count, a.half / count);
    let (Some(num), Some(den)) = (totals.get(ni, column), totals.get(di, column)) else {
        return None;
    };
    if den == 0.0 {
        return None;
    }
    // The rate of the sums is what the department should state, as
    // the sums are: a figure that rounds from it is right. (The sums'
    // half-units, added over many wards, would leave room for the mean
    // itself.)
    let point = num / den * a.factor;
    let d = stated.shown_decimals();
    // The department's rate from its own numerator and denominator: it
    // was computed from totals, not averaged, whatever the wards' sums
    // (which lack the wards that sent nothing).
    let from_own = a.own.is_some_and(|(on, od)| {
        od != 0.0
            && judge_percent(stated.value, d, Interval::exact(on / od * a.factor))
                == Verdict::Consistent
    });
    if from_own {
        return None;
    }
    let averaged = judge_percent(stated.value, d, Interval::new(mean - half, mean + half))
        == Verdict::Consistent;
    let right = judge_percent(stated.value, d, Interval::exact(point)) == Verdict::Consistent;
    if !averaged || right {
        return None;
    }
    let dept = figures.subs()[a.dept];
    let f = |v: f64, dd: u8| format_num(v, dd, lang);
    let shown = suggested_decimals(d, template, a.indicator);
    let (e, s) = (f(round_to(point, shown), shown), f(stated.value, d));
    let (_, dept_name) = unit_of(template, dept);
    let what = indicator_words(template, a.indicator);
    let nd = a.wards;
    let said = Checked::RateAveraged {
        unit: &dept_name,
        what: &what,
        column,
        level: &template.level_words(),
        stated: &s,
        units: nd,
        mean: &f(mean, d + 1),
        numerator: &super::relations::short_name(template, n),
        num: &f(num, 0),
        denominator: &super::relations::short_name(template, dn),
        den: &f(den, 0),
        right: &e,
    };
    let f = Finding::said(Severity::Error, &said, lang);
    Some(at_row(f, template, dept, stated).expected(e).actual(s))
}

/// Within this share of the rate recomputed from the totals, a
/// department's rate for the whole area is taken as right: it may work
/// from slightly other figures than the units' (a later count of the
/// population).
const RATE_MARGIN: f64 = 0.01;

/// Beyond this share a department's rate is another figure, not the
/// rate of slightly other data: an error; between [`RATE_MARGIN`] and
/// it, a warning.
const RATE_CLEARLY_OFF: f64 = 0.05;

/// A department's rate for the whole area to compare with the rate
/// recomputed from the totals, and what the units' figures hold.
struct AreaRate {
    dept: usize,
    indicator: usize,
    column: ValueColumn,
    stated: TidyRow,
    right: f64,
    /// The operands the units must state, each in its column.
    operands: Vec<(usize, ValueColumn)>,
    /// Sum of the units' stated rates, and how many.
    sum: f64,
    half: f64,
    rated: usize,
    /// Units that must state the rate and whose operands are all known.
    counted: usize,
    /// Units whose figure of some operand is missing or in error.
    unknown: Vec<String>,
}

/// `total-mismatch` for a department's rate (level `both`, TH, LK or
/// CK) that the department does not work from its own numerator and
/// denominator in that column (those are compared with the units' sums
/// as counts are, and the rate with them): it must be the rate the
/// template's formula gives over the totals. Within the rounding rule
/// or [`RATE_MARGIN`] it is; a power of ten off, the sum of the units'
/// rates or beyond [`RATE_CLEARLY_OFF`] is an error, in between a
/// warning. A unit that must report and whose operand is unknown (no
/// file, no figure, or one in error in `known`) leaves the rate
/// unchecked: one `total-unchecked` info. A figure already found
/// averaged (`averaged`) is told by that finding.
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn check_department_rates(
    figures: &Figures,
    totals: &Totals,
    template: &Template,
    known: &[Finding],
    averaged: &[Finding],
    lang: Lang,
) -> Result<Vec<Finding>, Fatal> {
    let agency_of = |s: &Submission| s.unit.and_then(|u| template.agencies.get(u));
    let told: std::collections::HashSet<(&str, &str, &str)> = averaged
        .iter()
        .map(|f| (f.unit.as_str(), f.indicator.as_str(), f.column.as_str()))
        .collect();
    let mut found: Vec<AreaRate> = Vec::new();
    for (k, s) in figures.subs().iter().enumerate() {
        let Some(a) = agency_of(s) else { continue };
        if a.kind == AgencyKind::Ward {
            continue;
        }
        let mut dept: Option<Cow<Submission>> = None;
        for (i, ind) in template.indicators.iter().enumerate() {
            if ind.kind != Kind::Rate || ind.level != Level::Both || ind.reported_by != a.code {
                continue;
            }
            let Ok(Rule::Definition(expr)) = parse(&ind.formula) else {
                continue;
            };
            if dept.is_none() {
                dept = Some(figures.unit(k)?);
            }
            let Some(sub) = dept.as_deref() else { continue };
            for column in ValueColumn::QUANTITIES
                .into_iter()
                .filter(|&c| c != ValueColumn::Kh)
            {
                let Some(stated) = sub.figure(i, column) else {
                    continue;
                };
                let Some(right) = totals.get(i, column) else {
                    continue;
                };
                let operands: Option<Vec<(usize, ValueColumn)>> = expr
                    .operands()
                    .into_iter()
                    .map(|(code, pin)| {
                        template
                            .indicator_index(code)
                            .map(|j| (j, pin.unwrap_or(column)))
                    })
                    .collect();
                let Some(operands) = operands else { continue };
                // Its own operands state the rate's basis: they are
                // compared with the units' sums, the rate with them.
                if operands.iter().all(|&(j, c)| sub.figure(j, c).is_some()) {
                    continue;
                }
                if told.contains(&(a.code.as_str(), ind.code.as_str(), column.as_str())) {
                    continue;
                }
                found.push(AreaRate {
                    dept: k,
                    indicator: i,
                    column,
                    stated: stated.clone(),
                    right,
                    operands,
                    sum: 0.0,
                    half: 0.0,
                    rated: 0,
                    counted: 0,
                    unknown: Vec::new(),
                });
            }
        }
    }
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let wrong: std::collections::HashSet<(&str, &str, &str)> = known
        .iter()
        .filter(|f| f.severity == Severity::Error && !f.unit.is_empty())
        .map(|f| (f.unit.as_str(), f.indicator.as_str(), f.column.as_str()))
        .collect();
    let sent: std::collections::HashSet<usize> =
        figures.subs().iter().filter_map(|s| s.unit).collect();
    figures.each_chunk(|chunk| {
        for w in chunk {
            let Some((u, a)) = w
                .unit
                .and_then(|u| template.agencies.get(u).map(|a| (u, a)))
                .filter(|(_, a)| a.kind == AgencyKind::Ward)
            else {
                continue;
            };
            for r in &mut found {
                if let Some(x) = w.figure(r.indicator, r.column) {
                    r.sum += x.value;
                    r.half += super::half_unit(x.decimals);
                    r.rated += 1;
                }
                let lacks = r.operands.iter().any(|&(j, c)| {
                    let code = template.indicators[j].code.as_str();
                    template.must_report(u, j)
                        && (w.figure(j, c).is_none()
                            || wrong.contains(&(a.code.as_str(), code, c.as_str()))
                            || wrong.contains(&(a.code.as_str(), code, "")))
                });
                if lacks {
                    r.unknown.push(a.shown().into_owned());
                } else if template.must_report(u, r.indicator) {
                    r.counted += 1;
                }
            }
        }
        Ok(())
    })?;
    let silent: Vec<usize> = (0..template.agencies.len())
        .filter(|&u| {
            let a = &template.agencies[u];
            a.kind == AgencyKind::Ward && a.reports && !sent.contains(&u)
        })
        .collect();
    let words = template.level_words();
    let mut out = Vec::new();
    for r in &found {
        let dept = figures.subs()[r.dept];
        let (_, dept_name) = unit_of(template, dept);
        let ind = &template.indicators[r.indicator];
        let silent: Vec<String> = silent
            .iter()
            .filter(|&&u| r.operands.iter().any(|&(j, _)| template.must_report(u, j)))
            .map(|&u| template.agencies[u].shown().into_owned())
            .collect();
        if !r.unknown.is_empty() || !silent.is_empty() {
            let said = Checked::TotalUnchecked {
                unit: &dept_name,
                count: 1,
                codes: &ind.code,
                column: r.column,
                level: &words,
                units: &r.unknown.join(", "),
                silent: &silent.join(", "),
            };
            let f = Finding::said(Severity::Info, &said, lang);
            let lacking: Vec<&str> = r
                .unknown
                .iter()
                .chain(&silent)
                .map(String::as_str)
                .collect();
            out.push(at_row(f, template, dept, &r.stated).actual(lacking.join("; ")));
            continue;
        }
        if let Some(f) = rate_total_off(r, dept, &dept_name, template, &words, lang) {
            out.push(f);
        }
    }
    Ok(out)
}

/// The decimals a right figure is suggested with: those the template
/// prints the indicator with (its `decimals`), or the typed ones when
/// finer (BHXH's 99 is to be 91,96, not 92, under `decimals` 2).
fn suggested_decimals(typed: u8, template: &Template, indicator: usize) -> u8 {
    template
        .indicators
        .get(indicator)
        .and_then(|i| i.decimals)
        .map_or(typed, |t| t.max(typed))
}

/// The finding of a department's rate `r` off the recomputed one, when
/// it is beyond the rounding rule and [`RATE_MARGIN`].
fn rate_total_off(
    r: &AreaRate,
    dept: &Submission,
    dept_name: &str,
    template: &Template,
    words: &crate::template::LevelWords,
    lang: Lang,
) -> Option<Finding> {
    let (stated, right) = (&r.stated, r.right);
    let d = stated.shown_decimals();
    if judge_percent(stated.value, d, Interval::exact(right)) != Verdict::Mismatch {
        return None;
    }
    let off = (stated.value - right).abs() / right.abs().max(f64::MIN_POSITIVE);
    let summed = r.rated >= 2
        && judge_percent(
            stated.value,
            d,
            Interval::new(r.sum - r.half, r.sum + r.half),
        ) == Verdict::Consistent;
    let power = power_of_ten_off(stated.value, right);
    if off <= RATE_MARGIN && power == 0 && !summed {
        return None;
    }
    let f = |v: f64, dd: u8| format_num(v, dd, lang);
    let shown = suggested_decimals(d, template, r.indicator);
    let (e, s) = (f(round_to(right, shown), shown), f(stated.value, d));
    let sum = f(r.sum, d);
    let share = f(off * 100.0, 1);
    let (how, severity) = if power != 0 {
        (RateOff::Power(power), Severity::Error)
    } else if summed {
        (RateOff::Summed(&sum), Severity::Error)
    } else if off > RATE_CLEARLY_OFF {
        (RateOff::Clearly, Severity::Error)
    } else {
        (RateOff::Moderately(&share), Severity::Warning)
    };
    let ind = &template.indicators[r.indicator];
    let unit = ind.unit.trim();
    let sign = match unit {
        "%" | "‰" | "‱" => unit.to_string(),
        "" => "%".to_string(),
        u => format!(" {u}"),
    };
    let said = Checked::RateTotalOff {
        unit: dept_name,
        what: &indicator_words(template, r.indicator),
        column: r.column,
        level: words,
        stated: &s,
        sign: &sign,
        units: r.counted,
        formula: &ind.formula,
        right: &e,
        how,
    };
    let f = Finding::said(severity, &said, lang);
    Some(at_row(f, template, dept, stated).expected(e).actual(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::normalize::store::Figures;
    use crate::reconcile::checks::testutil::{at, ind, row, sub_with};
    use crate::reconcile::consolidate;
    use crate::template::Template;

    /// One indicator's KH, LK, CK and stated %KH, %CK as a ward's rows.
    fn pct_sub(
        t: &Template,
        kh: (f64, u8),
        lk: (f64, u8),
        ck: (f64, u8),
        pkh: Option<(f64, u8)>,
        pck: Option<(f64, u8)>,
    ) -> Submission {
        let i = ind(t, "NS01");
        let mut rows = vec![
            at(row(i, ValueColumn::Kh, kh.0, kh.1), 9, 4),
            at(row(i, ValueColumn::Lk, lk.0, lk.1), 9, 5),
            at(row(i, ValueColumn::Ck, ck.0, ck.1), 9, 6),
        ];
        if let Some((v, d)) = pkh {
            rows.push(at(row(i, ValueColumn::PctKh, v, d), 9, 7));
        }
        if let Some((v, d)) = pck {
            rows.push(at(row(i, ValueColumn::PctCk, v, d), 9, 8));
        }
        sub_with(t, "P.TCKH", rows)
    }

    fn codes(f: &[Finding]) -> Vec<(Code, &str, &str, &str)> {
        f.iter()
            .map(|x| {
                (
                    x.code,
                    x.cell.as_str(),
                    x.expected.as_str(),
                    x.actual.as_str(),
                )
            })
            .collect()
    }

    /// A first quarter whose LK is 90 above its TH (the cumulative check's
    /// error): %KH and %CK worked from TH are what the unit meant, and are
    /// not judged again by the wrong LK; a percent off both is. In a later
    /// quarter a percent worked from TH is wrong.
    #[test]
    fn a_first_quarters_percents_from_th_are_not_judged_by_a_wrong_lk() {
        let t = Template::builtin().unwrap();
        let i = ind(&t, "NS01");
        let with = |pkh: f64, pck: f64| {
            let mut s = pct_sub(
                &t,
                (19188.0, 0),
                (5077.0, 0),
                (5233.0, 0),
                Some((pkh, 2)),
                Some((pck, 1)),
            );
            s.rows.push(at(row(i, ValueColumn::Th, 4987.0, 0), 9, 3));
            s.sort_rows();
            s
        };
        // 4.987 / 19.188 = 25,99%; 4.987 / 5.233 = 95,3%: a fall of 4,7%
        // (the built-in template's %CK is the growth).
        let s = with(25.99, -4.7);
        let f = check_percentages(&s, &t, (true, true), Lang::Vi);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(
            codes(&check_percentages(&s, &t, (false, true), Lang::Vi)),
            [
                (Code::PctMismatch, "H10", "26,46", "25,99"),
                (Code::PctMismatch, "I10", "-3,0", "-4,7")
            ]
        );
        let s = with(30.0, -4.7);
        assert_eq!(
            codes(&check_percentages(&s, &t, (true, true), Lang::Vi)),
            [(Code::PctMismatch, "H10", "26,46", "30,00")]
        );
    }

    /// An LK typed with a digit too many (13.024,6 for 1.302,46): its %KH
    /// and %CK, both right from 1.302,46, are not told to become 1.050,37
    /// and 778,7: one error at the LK says the LK slipped. One percent
    /// alone that fits a slipped LK is no proof: it may be its own slip.
    #[test]
    fn an_lk_a_digit_off_is_blamed_when_both_percents_fit_it_without() {
        let t = Template::builtin().unwrap();
        // Growth template: 1.302,46 / 1.188,06 × 100 − 100 = 9,63.
        let s = pct_sub(
            &t,
            (1240.0, 0),
            (13024.6, 1),
            (1188.06, 2),
            Some((105.04, 2)),
            Some((9.63, 2)),
        );
        let f = check_percentages(&s, &t, (false, true), Lang::Vi);
        assert_eq!(
            codes(&f),
            [(Code::PctMismatch, "F10", "1.302,46", "13.024,6")]
        );
        assert_eq!(f[0].column, "LK");
        assert!(
            f[0].message
                .contains("có lẽ lũy kế gõ thừa hoặc thiếu chữ số"),
            "{}",
            f[0].message
        );
        // Typed in nghìn đồng (462,2 as 462.200): the LK said as it was
        // meant, with no more decimals than it needs.
        let s = pct_sub(
            &t,
            (534.0, 0),
            (462200.0, 0),
            (463.9, 1),
            Some((86.55, 2)),
            Some((-0.37, 2)),
        );
        let f = check_percentages(&s, &t, (false, true), Lang::Vi);
        assert_eq!(codes(&f), [(Code::PctMismatch, "F10", "462,2", "462.200")]);
        // The %CK typed on its own: no slip said, each percent as before.
        let s = pct_sub(
            &t,
            (1240.0, 0),
            (13024.6, 1),
            (1188.06, 2),
            Some((105.04, 2)),
            Some((996.29, 2)),
        );
        let f = check_percentages(&s, &t, (false, true), Lang::Vi);
        assert_eq!(
            codes(&f),
            [(Code::PctMismatch, "H10", "1.050,37", "105,04")]
        );
    }

    #[test]
    fn percent_of_plan_mismatch_rounding_and_consistent() {
        let t = Template::builtin().unwrap();
        // 145,2 / 840 = 17,2857…%: "21,35" is wrong, "17,3" right at its
        // precision.
        let s = pct_sub(
            &t,
            (840.0, 0),
            (145.2, 1),
            (134.3, 1),
            Some((21.35, 2)),
            None,
        );
        let f = check_percentages(&s, &t, (false, true), Lang::Vi);
        assert_eq!(codes(&f), [(Code::PctMismatch, "H10", "17,29", "21,35")]);
        assert_eq!(f[0].severity, crate::diagnostic::Severity::Error);
        assert_eq!(
            (f[0].unit.as_str(), f[0].column.as_str()),
            ("P.TCKH", "%KH")
        );
        assert!(
            f[0].message
                .contains("lũy kế 145,2 / kế hoạch 840 × 100 = 17,29%"),
            "{}",
            f[0].message
        );
        let s = pct_sub(
            &t,
            (840.0, 0),
            (145.2, 1),
            (134.3, 1),
            Some((17.3, 1)),
            None,
        );
        assert!(check_percentages(&s, &t, (false, true), Lang::Vi).is_empty());
        // 145,2/840 with the operands' half-units spans 17,2695…17,3020:
        // 17,27 is consistent, 17,31 off by rounding only.
        let s = pct_sub(
            &t,
            (840.0, 0),
            (145.2, 1),
            (134.3, 1),
            Some((17.27, 2)),
            None,
        );
        assert!(check_percentages(&s, &t, (false, true), Lang::Vi).is_empty());
        let s = pct_sub(
            &t,
            (840.0, 0),
            (145.2, 1),
            (134.3, 1),
            Some((17.31, 2)),
            None,
        );
        let f = check_percentages(&s, &t, (false, true), Lang::Vi);
        assert_eq!(codes(&f), [(Code::PctRounding, "H10", "17,29", "17,31")]);
        assert_eq!(f[0].severity, crate::diagnostic::Severity::Warning);
    }

    #[test]
    fn near_misses_at_the_stated_precision() {
        let t = Template::builtin().unwrap();
        // 1,2 / 12,4 = 9,677…% but 1,15…1,25 / 12,35…12,45 spans 9,24…10,12.
        let s = pct_sub(&t, (12.4, 1), (1.2, 1), (1.0, 0), Some((9.6, 1)), None);
        assert!(check_percentages(&s, &t, (false, true), Lang::Vi).is_empty());
        // A fall written with a minus: 136 / 137 × 100 − 100 = −0,7299…%.
        let s = pct_sub(
            &t,
            (200.0, 0),
            (136.0, 0),
            (137.0, 0),
            None,
            Some((-0.73, 2)),
        );
        assert!(check_percentages(&s, &t, (false, true), Lang::Vi).is_empty());
        // The same fall written as a rise is wrong.
        let s = pct_sub(
            &t,
            (200.0, 0),
            (136.0, 0),
            (137.0, 0),
            None,
            Some((0.73, 2)),
        );
        assert_eq!(
            codes(&check_percentages(&s, &t, (false, true), Lang::Vi)),
            [(Code::PctMismatch, "I10", "-0,73", "0,73")]
        );
        // Excel percent format: 0,1729 shown as 17,29%.
        let s = pct_sub(
            &t,
            (840.0, 0),
            (145.2, 1),
            (134.3, 1),
            Some((0.1729, 4)),
            None,
        );
        assert!(check_percentages(&s, &t, (false, true), Lang::Vi).is_empty());
        // No plan, a plan of 0: nothing to compute.
        let s = pct_sub(&t, (0.0, 0), (145.2, 1), (134.3, 1), Some((5.0, 0)), None);
        assert!(check_percentages(&s, &t, (false, true), Lang::Vi).is_empty());
    }

    /// A %CK written `=F14/G14` in a General cell: the ratio as a
    /// fraction of one (1,105263158 for 110,53) where the template wants
    /// the growth. It was `pct-mismatch` with the advice "10,526315789";
    /// it is `pct-kind`, advised in two decimals. The near misses: the
    /// growth as such a fraction (0,105263158) is right; a figure of
    /// nine decimals that is no convention's is `pct-mismatch`, advised
    /// in two decimals too.
    #[test]
    fn a_ratio_written_as_a_fraction_of_one_is_pct_kind() {
        let t = Template::builtin().unwrap();
        // LK 21, CK 19: ratio 110,526…, growth 10,526….
        let ck = |v: f64, d: u8| pct_sub(&t, (840.0, 0), (21.0, 0), (19.0, 0), None, Some((v, d)));
        let f = check_percentages(&ck(1.105263158, 9), &t, (false, true), Lang::Vi);
        assert_eq!(codes(&f), [(Code::PctKind, "I10", "10,53", "1,105263158")]);
        assert!(f[0].message.contains("Hãy ghi 10,53"), "{}", f[0].message);
        assert!(check_percentages(&ck(0.105263158, 9), &t, (false, true), Lang::Vi).is_empty());
        let f = check_percentages(&ck(3.261592654, 9), &t, (false, true), Lang::Vi);
        assert_eq!(
            codes(&f),
            [(Code::PctMismatch, "I10", "10,53", "3,261592654")]
        );
    }

    #[test]
    fn growth_written_as_a_ratio_is_pct_kind() {
        let t = Template::builtin().unwrap();
        // 145,2 / 134,3: ratio 108,12, growth 8,12.
        let s = pct_sub(
            &t,
            (840.0, 0),
            (145.2, 1),
            (134.3, 1),
            None,
            Some((108.12, 2)),
        );
        let f = check_percentages(&s, &t, (false, true), Lang::Vi);
        assert_eq!(codes(&f), [(Code::PctKind, "I10", "8,12", "108,12")]);
        let s = pct_sub(&t, (840.0, 0), (145.2, 1), (134.3, 1), None, Some((8.1, 1)));
        assert!(check_percentages(&s, &t, (false, true), Lang::Vi).is_empty());
        // A ratio template: the growth written is the wrong kind.
        let mut t2 = t.clone();
        t2.settings.ck_convention = CkConvention::Ratio;
        let s = pct_sub(
            &t2,
            (840.0, 0),
            (145.2, 1),
            (134.3, 1),
            None,
            Some((8.12, 2)),
        );
        assert_eq!(
            codes(&check_percentages(&s, &t2, (false, true), Lang::En)),
            [(Code::PctKind, "I10", "108.12", "8.12")]
        );
        let s = pct_sub(
            &t2,
            (840.0, 0),
            (145.2, 1),
            (134.3, 1),
            None,
            Some((108.1, 1)),
        );
        assert!(check_percentages(&s, &t2, (false, true), Lang::Vi).is_empty());
    }

    #[test]
    fn rates_against_their_formula() {
        let t = Template::builtin().unwrap();
        let (hc02, hc03, hc05) = (ind(&t, "HC02"), ind(&t, "HC03"), ind(&t, "HC05"));
        let mk = |rate: f64, d: u8| {
            sub_with(
                &t,
                "P05",
                vec![
                    at(row(hc02, ValueColumn::Th, 1290.0, 0), 7, 4),
                    at(row(hc03, ValueColumn::Th, 1204.0, 0), 8, 4),
                    at(row(hc05, ValueColumn::Th, rate, d), 10, 4),
                ],
            )
        };
        // 1.204 / 1.290 = 93,333…%, exactly: whole counts are not rounded.
        assert!(
            check_percentages(&mk(93.0, 0), &t, (false, true), Lang::Vi).is_empty(),
            "a rate with no decimals"
        );
        assert!(check_percentages(&mk(93.33, 2), &t, (false, true), Lang::Vi).is_empty());
        let f = check_percentages(&mk(93.34, 2), &t, (false, true), Lang::Vi);
        assert_eq!(codes(&f), [(Code::PctRounding, "E11", "93,33", "93,34")]);
        // Within the counts' half-units (93,258…93,408) but not theirs.
        let f = check_percentages(&mk(93.37, 2), &t, (false, true), Lang::Vi);
        assert_eq!(codes(&f), [(Code::PctMismatch, "E11", "93,33", "93,37")]);
        let f = check_percentages(&mk(95.0, 0), &t, (false, true), Lang::Vi);
        assert_eq!(codes(&f), [(Code::PctMismatch, "E11", "93", "95")]);
        assert!(f[0].message.contains("giải quyết đúng hạn 1.204 / Hồ sơ thủ tục hành chính đã giải quyết 1.290 × 100 = 93%"), "{}", f[0].message);
    }

    /// HC05 = HC03 / HC02 × 100 where HC02 (= HC03 + HC04) disagrees with
    /// its parts: a rate right over the parts' sum is not blamed for the
    /// wrong whole (`sum-mismatch` says so at HC02), nor told to take the
    /// wrong whole's figure; a rate right over neither still is.
    #[test]
    fn a_rate_right_over_the_parts_of_a_wrong_whole_is_not_blamed() {
        let t = Template::builtin().unwrap();
        let (hc02, hc03, hc04, hc05) = (
            ind(&t, "HC02"),
            ind(&t, "HC03"),
            ind(&t, "HC04"),
            ind(&t, "HC05"),
        );
        let mk = |hc02_value: f64, rate: f64| {
            sub_with(
                &t,
                "P03",
                vec![
                    at(row(hc02, ValueColumn::Lk, hc02_value, 0), 7, 5),
                    at(row(hc03, ValueColumn::Lk, 1460.0, 0), 8, 5),
                    at(row(hc04, ValueColumn::Lk, 20.0, 0), 9, 5),
                    at(row(hc05, ValueColumn::Lk, rate, 2), 10, 5),
                ],
            )
        };
        // 1.460 / (1.460 + 20) = 98,65 %; HC02 typed 1.490 gives 97,99.
        assert!(check_percentages(&mk(1490.0, 98.65), &t, (false, true), Lang::Vi).is_empty());
        // The same rate over a right whole is still judged.
        let f = check_percentages(&mk(1480.0, 97.99), &t, (false, true), Lang::Vi);
        assert_eq!(codes(&f), [(Code::PctMismatch, "F11", "98,65", "97,99")]);
        // Right over neither reading: blamed, from the whole as written.
        let f = check_percentages(&mk(1490.0, 90.0), &t, (false, true), Lang::Vi);
        assert_eq!(codes(&f), [(Code::PctMismatch, "F11", "97,99", "90,00")]);
    }

    /// A rate that is no percent (a yield in tạ/ha, `X / Y * 10`) is said
    /// in its own unit, its formula with the operands in words and the
    /// figures it was worked from (never by code alone).
    #[test]
    fn a_rate_in_its_own_unit_is_said_so() {
        let mut t = Template::builtin().unwrap();
        let (hc02, hc03, hc05) = (ind(&t, "HC02"), ind(&t, "HC03"), ind(&t, "HC05"));
        t.indicators[hc05].formula = "HC03 / HC02 * 10".into();
        t.indicators[hc05].unit = "tạ/ha".into();
        let s = sub_with(
            &t,
            "P05",
            vec![
                at(row(hc02, ValueColumn::Th, 1290.0, 0), 7, 4),
                at(row(hc03, ValueColumn::Th, 1204.0, 0), 8, 4),
                at(row(hc05, ValueColumn::Th, 7.4, 1), 10, 4),
            ],
        );
        let f = check_percentages(&s, &t, (false, true), Lang::Vi);
        assert_eq!(f.len(), 1, "{f:?}");
        let m = &f[0].message;
        assert!(
            m.contains("ghi 7,4 tạ/ha nhưng giải quyết đúng hạn 1.204 / Hồ sơ thủ tục hành chính đã giải quyết 1.290 × 10 = 9,3 tạ/ha"),
            "{m}"
        );
        assert!(m.contains("Hãy tính lại chỉ số") && !m.contains('%'), "{m}");
    }

    /// A rate's KH is the area's target, not consolidated from the wards':
    /// a department's KH equal to the mean of the wards' targets is no
    /// `rate-averaged` (Sở Y tế's YT.04 KH 95 was told to be 96), while
    /// its LK equal to the mean of the wards' rates still is.
    #[test]
    fn a_department_rate_target_equal_to_the_wards_mean_is_not_averaged() {
        let t = Template::builtin().unwrap();
        let (hc02, hc03, hc05) = (ind(&t, "HC02"), ind(&t, "HC03"), ind(&t, "HC05"));
        let ward = |code: &str, c: ValueColumn, resolved: f64, on_time: f64| {
            let rate = round_to(on_time / resolved * 100.0, 2);
            sub_with(
                &t,
                code,
                vec![
                    row(hc02, c, resolved, 0),
                    row(hc03, c, on_time, 0),
                    row(hc05, c, rate, 2),
                ],
            )
        };
        for (c, flagged) in [(ValueColumn::Kh, false), (ValueColumn::Lk, true)] {
            // Rates 50 % and 100 %: mean 75, but 60 / 110 = 54,55 %.
            let w1 = ward("P01", c, 100.0, 50.0);
            let w2 = ward("P02", c, 10.0, 10.0);
            let vp = sub_with(&t, "VP", vec![row(hc05, c, 75.0, 2)]);
            let subs: Vec<&Submission> = vec![&w1, &w2, &vp];
            let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
            let f = check_rate_averaged(&Figures::in_memory(&subs), &totals, &t, Lang::Vi).unwrap();
            let want: Vec<(Code, &str)> = if flagged {
                vec![(Code::RateAveraged, "54,55")]
            } else {
                Vec::new()
            };
            let got: Vec<(Code, &str)> = f.iter().map(|f| (f.code, f.expected.as_str())).collect();
            assert_eq!(got, want, "{c:?}");
        }
    }

    #[test]
    fn a_department_rate_that_averages_the_wards_is_flagged() {
        let t = Template::builtin().unwrap();
        let (hc02, hc03, hc05) = (ind(&t, "HC02"), ind(&t, "HC03"), ind(&t, "HC05"));
        let ward = |code: &str, resolved: f64, on_time: f64| {
            let rate = round_to(on_time / resolved * 100.0, 2);
            sub_with(
                &t,
                code,
                vec![
                    row(hc02, ValueColumn::Th, resolved, 0),
                    row(hc03, ValueColumn::Th, on_time, 0),
                    row(hc05, ValueColumn::Th, rate, 2),
                ],
            )
        };
        // Rates 50 % and 100 %: mean 75, but 60 / 110 = 54,55 %.
        let w1 = ward("P01", 100.0, 50.0);
        let w2 = ward("P02", 10.0, 10.0);
        let vp = |rate: f64| sub_with(&t, "VP", vec![row(hc05, ValueColumn::Th, rate, 2)]);
        let (averaged, right) = (vp(75.0), vp(54.55));
        let subs: Vec<&Submission> = vec![&w1, &w2, &averaged];
        let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
        let f = check_rate_averaged(&Figures::in_memory(&subs), &totals, &t, Lang::Vi).unwrap();
        assert_eq!(codes(&f), [(Code::RateAveraged, "E10", "54,55", "75,00")]);
        assert_eq!(f[0].unit, "VP");
        let subs: Vec<&Submission> = vec![&w1, &w2, &right];
        assert!(
            check_rate_averaged(&Figures::in_memory(&subs), &totals, &t, Lang::Vi)
                .unwrap()
                .is_empty()
        );
        // The mean, but also the rate of the department's own figures (it
        // counts wards that sent nothing: 300 / 400 here): computed from
        // totals, not averaged.
        let own = sub_with(
            &t,
            "VP",
            vec![
                row(hc02, ValueColumn::Th, 400.0, 0),
                row(hc03, ValueColumn::Th, 300.0, 0),
                row(hc05, ValueColumn::Th, 75.0, 2),
            ],
        );
        let subs: Vec<&Submission> = vec![&w1, &w2, &own];
        assert!(
            check_rate_averaged(&Figures::in_memory(&subs), &totals, &t, Lang::Vi)
                .unwrap()
                .is_empty()
        );
        // Wrong but not the mean: that is the department's pct check, not
        // this one.
        let other = vp(60.0);
        let subs: Vec<&Submission> = vec![&w1, &w2, &other];
        assert!(
            check_rate_averaged(&Figures::in_memory(&subs), &totals, &t, Lang::Vi)
                .unwrap()
                .is_empty()
        );
        // Fifteen wards of whole counts: the sums' half-units (±7,5 each)
        // would leave room for the mean of their rates (94,94), which the
        // department states; the rate of the sums is 459 / 477 = 96,23.
        let pairs = [
            (33.0, 33.0),
            (38.0, 37.0),
            (18.0, 9.0),
            (19.0, 19.0),
            (59.0, 58.0),
            (29.0, 28.0),
            (38.0, 37.0),
            (27.0, 27.0),
            (29.0, 28.0),
            (19.0, 19.0),
            (40.0, 39.0),
            (29.0, 28.0),
            (32.0, 32.0),
            (28.0, 27.0),
            (39.0, 38.0),
        ];
        let wards: Vec<Submission> = pairs
            .iter()
            .enumerate()
            .map(|(k, (r, o))| ward(&format!("P{:02}", k + 1), *r, *o))
            .collect();
        let mean = wards
            .iter()
            .map(|w| w.figure(hc05, ValueColumn::Th).unwrap().value)
            .sum::<f64>()
            / 15.0;
        let averaged = vp(round_to(mean, 2));
        let mut subs: Vec<&Submission> = wards.iter().collect();
        subs.push(&averaged);
        let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
        let f = check_rate_averaged(&Figures::in_memory(&subs), &totals, &t, Lang::Vi).unwrap();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].code, f[0].expected.as_str()),
            (Code::RateAveraged, "96,23")
        );
        let right = vp(96.23);
        subs.pop();
        subs.push(&right);
        assert!(
            check_rate_averaged(&Figures::in_memory(&subs), &totals, &t, Lang::Vi)
                .unwrap()
                .is_empty()
        );
    }
}
