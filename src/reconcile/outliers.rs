//! Outliers among the wards: per indicator and column, a ward's figure far
//! from the others' is worth a second look (a digit too many, a figure in
//! the wrong unit). Units differ in size by an order of magnitude (a
//! province's communes), so figures are compared per unit of a size the
//! template names (`[checks] outlier_scale`):
//!
//! ```text
//! size   the unit's size in the registry (agencies.csv `size`: population)
//! CK     the unit's own figure of the same indicator in CK (last year)
//! KH     … in KH (the plan)
//! none   the figures as they are (units of one size)
//! auto   size when the registry gives sizes, else CK  (the default)
//! ```
//!
//! A unit without that size (no CK figure, no size in the registry) is left
//! out. The score is robust, so that the outlier itself does not hide it:
//!
//! ```text
//! score = 0,6745 × |x − median| / MAD      MAD = median |x − median|
//! ```
//!
//! over the scaled figures of the units of the same kind (communes with
//! communes, wards with wards: see [`Template::unit_kind`]). Above `outlier_threshold` (default 5) the
//! figure is an `outlier` (a warning) when it is also `outlier_factor`
//! (3) times off the usual figure for a unit of its size (median × size),
//! and off by more than counting noise (3 √usual, at least 6; for a whole
//! count, by twenty at least and 3 √ of the larger figure): a typo, a
//! figure in the wrong unit, not a small count that happens to double. At most
//! `outlier_max` (3) per indicator and column, the strongest first, and
//! one per unit and indicator (its strongest column). Skipped with fewer than
//! `outlier_min_peers` (8) units, or when MAD = 0 (most units state the
//! same: nothing to measure against), or when half the units or more
//! state zero (a reserve most wards left alone: a median near zero, "90
//! times the usual" for any figure drawn at all). Rates are left out: they are
//! bounded, units' rates differ for good reasons, and a mistyped rate is
//! caught against its formula.

use super::checks::{at_row, indicator_words, CheckSettings, OutlierScale};
use crate::diagnostic::{Finding, Lang, Severity};
use crate::error::Fatal;
use crate::messages::{Checked, Compared, Off};
use crate::model::ValueColumn;
use crate::normalize::store::Figures;
use crate::normalize::submission::{Submission, TidyRow};
use crate::number::{format_auto, format_num};
use crate::template::{AgencyKind, Kind, Template};

/// The scale that makes MAD estimate a standard deviation under normality.
const MAD_SCALE: f64 = 0.6745;

/// The median of `v` (sorted in place), `None` when it is empty.
pub(super) fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// At most this many wards' values are held at once to find the medians
/// (2 MB): the (indicator, column) groups are taken a batch at a time and
/// each batch's values are gathered in one pass over the chunks, so a
/// consolidation of 100,000 units makes more passes rather than holding
/// more. A single group larger than this is taken alone.
pub const VALUES_PER_PASS: usize = 1 << 18;

/// The scale of a run: `Auto` resolved against the registry.
fn resolve(scale: OutlierScale, template: &Template) -> OutlierScale {
    match scale {
        OutlierScale::Auto => {
            let sized = template
                .agencies
                .iter()
                .any(|a| a.kind == AgencyKind::Ward && a.size.is_some());
            if sized {
                OutlierScale::Size
            } else {
                OutlierScale::Column(ValueColumn::Ck)
            }
        }
        s => s,
    }
}

/// A unit's figure divided by its size, and the size; `None` when the unit
/// has no size of that kind (or the figure is the size itself). `own` are
/// the unit's figures of the same indicator, in the order of its rows
/// (see [`Submission::figure`]: the first one of a column counts).
fn scaled(
    scale: OutlierScale,
    template: &Template,
    s: &Submission,
    own: &[TidyRow],
    r: &TidyRow,
) -> Option<(f64, f64)> {
    let size = match scale {
        OutlierScale::None | OutlierScale::Auto => 1.0,
        OutlierScale::Size => s.unit.and_then(|u| template.agencies.get(u))?.size?,
        OutlierScale::Column(c) if c == r.column => return None,
        OutlierScale::Column(c) => own.iter().find(|x| x.column == c)?.value,
    };
    (size.is_finite() && size > 0.0).then(|| (r.value / size, size))
}

/// Is `o` another quantity of `r`'s unit and indicator to weigh `r`
/// against (another column, above zero)?
fn paired(r: &TidyRow, o: &TidyRow) -> bool {
    o.column != r.column && !o.column.is_percent() && o.value > 0.0
}

/// What a pass over the wards' figures does with each: the unit, its rows
/// of the indicator, the figure, and its scaled value and the size (none
/// when the unit has no size of the kind the run scales by).
type EachFigure<'a> = dyn FnMut(&Submission, &[TidyRow], &TidyRow, Option<(f64, f64)>) + 'a;

/// `outlier` warnings for the wards' quantities (KH, TH, LK, CK).
///
/// Passes over the chunks of units: one counts each (indicator, column)'s
/// figures, one per batch of groups (see [`VALUES_PER_PASS`]) gathers their
/// scaled values and works out the median and MAD, and a last one scores
/// every figure against them.
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn check_outliers(
    figures: &Figures,
    template: &Template,
    settings: &CheckSettings,
    lang: Lang,
) -> Result<Vec<Finding>, Fatal> {
    let scale = resolve(settings.outlier_scale, template);
    let is_ward = |s: &Submission| {
        s.unit
            .and_then(|u| template.agencies.get(u))
            .is_some_and(|a| a.kind == AgencyKind::Ward)
    };
    // Percents, rates and balances (`may_be_negative`: a surplus or a
    // deficit near zero, which no size scales) have no usual size. A
    // figure below zero of any other indicator is a `value-negative`
    // error already, and no peer of the others.
    let scored = |r: &TidyRow| {
        r.value >= 0.0
            && !r.column.is_percent()
            && !template.indicators.get(r.ind()).is_some_and(|i| {
                i.kind == Kind::Rate
                    || settings.may_be_negative.contains(&i.code)
                    || settings.no_outliers.contains(&i.code)
            })
    };
    // A group is (indicator, column, kind of unit): communes are compared
    // with communes and wards with wards, whose figures per head differ
    // for good reasons (farmland, revenue). Numbered (indicator × 6 +
    // column) × kinds + kind.
    // A kind too few to be compared among themselves (the six «Thành
    // phố» among 28 «Tỉnh») is compared with all the registry's units
    // instead, the last kind slot (`kinds − 1`), when they are enough: a
    // city's row typed a thousand times too large is no less a slip for
    // its few peers of the same name.
    let kinds = Template::UNIT_KINDS + 1;
    let all = kinds - 1;
    let kind_of: Vec<usize> = (0..template.agencies.len())
        .map(|a| template.unit_kind(a))
        .collect();
    let own_group = |s: &Submission, r: &TidyRow| {
        let kind = s.unit.and_then(|u| kind_of.get(u)).copied().unwrap_or(0);
        (r.ind() * 6 + r.column.index()) * kinds + kind
    };
    let groups = template.indicators.len() * 6 * kinds;
    let ward_rows = |f: &mut EachFigure| {
        figures.each_chunk(|chunk| {
            for s in chunk.iter().filter(|s| is_ward(s)) {
                // The rows are sorted by indicator: each indicator's
                // figures lie together, the one it is scaled by among them.
                for own in s.rows.chunk_by(|a, b| a.indicator == b.indicator) {
                    for r in own
                        .iter()
                        .filter(|r| scored(r) && r.ind() < template.indicators.len())
                    {
                        f(s, own, r, scaled(scale, template, s, own, r));
                    }
                }
            }
            Ok(())
        })
    };
    let mut count = vec![0usize; groups];
    ward_rows(&mut |s, _, r, at| {
        if at.is_some() {
            let g = own_group(s, r);
            count[g] += 1;
            count[g - g % kinds + all] += 1;
        }
    })?;
    // The group a figure is scored in: its kind's, or all units' when its
    // kind is too few and all are enough.
    let resolved = |g: usize| {
        let wide = g - g % kinds + all;
        if count[g] < settings.outlier_min_peers && count[wide] >= settings.outlier_min_peers {
            wide
        } else {
            g
        }
    };
    let group_of = |s: &Submission, r: &TidyRow| resolved(own_group(s, r));
    // The all-units groups some kind falls back on.
    // Only a kind that has figures and is too few falls back: an
    // all-units group is not worked out for itself (at 1,000 wards of two
    // kinds, each many enough, it kept every figure a second time).
    let mut needed = vec![false; groups];
    for g in (0..groups).filter(|&g| g % kinds != all && count[g] > 0) {
        needed[resolved(g)] = true;
    }
    // (median, MAD) of every group worth scoring.
    let mut spread: Vec<Option<(f64, f64)>> = vec![None; groups];
    // The usual proportion of each group's figure to the same units' own
    // figure in each other column (median of the units that have both).
    let mut usual: Vec<[Option<f64>; 6]> = vec![[None; 6]; groups];
    // The median of every group's figures as written, unscaled.
    let mut raw_median: Vec<Option<f64>> = vec![None; groups];
    // The median of every group's scaled figures, whatever their spread.
    let mut scaled_median: Vec<Option<f64>> = vec![None; groups];
    // Groups where half the units or more state zero (a reserve most
    // communes did not touch): their median is no usual size.
    let mut mostly_zero: Vec<bool> = vec![false; groups];
    // The two largest figures as written of every group (a figure's
    // largest peer is the other one when it is the largest itself).
    let mut raw_top: Vec<(f64, f64)> = vec![(0.0, 0.0); groups];
    let worth: Vec<usize> = (0..groups)
        .filter(|&g| count[g] >= settings.outlier_min_peers && (g % kinds != all || needed[g]))
        .collect();
    let mut rest = worth.as_slice();
    while !rest.is_empty() {
        let (mut take, mut held) = (0, 0);
        while take < rest.len() && (take == 0 || held + count[rest[take]] <= VALUES_PER_PASS) {
            held += count[rest[take]];
            take += 1;
        }
        let (batch, later) = rest.split_at(take);
        rest = later;
        // Where each group of the batch keeps its values.
        let mut slot: Vec<Option<usize>> = vec![None; groups];
        for (k, &g) in batch.iter().enumerate() {
            slot[g] = Some(k);
        }
        let mut values: Vec<Vec<f64>> = batch
            .iter()
            .map(|&g| Vec::with_capacity(count[g]))
            .collect();
        let mut raws: Vec<Vec<f64>> = batch
            .iter()
            .map(|&g| Vec::with_capacity(count[g]))
            .collect();
        // Per group and other column, the proportion of each unit's figure
        // to its own figure there: over the units that have both.
        let mut pairs: Vec<[Vec<f64>; 6]> = batch.iter().map(|_| Default::default()).collect();
        ward_rows(&mut |s, own, r, at| {
            let g = own_group(s, r);
            // Every figure is a peer of its kind and of all units.
            for k in [slot[g], slot[g - g % kinds + all]].into_iter().flatten() {
                let Some((x, _)) = at else { continue };
                values[k].push(x);
                raws[k].push(r.value);
                for o in own.iter().filter(|o| paired(r, o)) {
                    pairs[k][o.column.index()].push(r.value / o.value);
                }
            }
        })?;
        for (&g, mut v) in batch.iter().zip(raws) {
            mostly_zero[g] = 2 * v.iter().filter(|&&x| x == 0.0).count() >= v.len();
            for &x in &v {
                let top = &mut raw_top[g];
                if x > top.0 {
                    *top = (x, top.0);
                } else if x > top.1 {
                    top.1 = x;
                }
            }
            raw_median[g] = median(&mut v);
        }
        for ((&g, mut v), mut p) in batch.iter().zip(values).zip(pairs) {
            for (c, ratios) in p.iter_mut().enumerate() {
                if ratios.len() >= settings.outlier_min_peers {
                    usual[g][c] = median(ratios).filter(|u| *u > 0.0 && u.is_finite());
                }
            }
            let Some(med) = median(&mut v) else { continue };
            scaled_median[g] = Some(med);
            for x in v.iter_mut() {
                *x = (*x - med).abs();
            }
            if let Some(mad) = median(&mut v).filter(|&m| m > 0.0) {
                spread[g] = Some((med, mad));
            }
        }
    }
    // How messages name each group's peers: "các phường", or the
    // registry's words for all its units.
    let level = template.level_words();
    let peer_words: Vec<crate::template::LevelWords> = (0..kinds)
        .map(|k| match k == all {
            true => level.clone(),
            false => template.kind_words(k, &level),
        })
        .collect();
    // Money such as fines comes in lumps (see below): per indicator.
    let money: Vec<bool> = template
        .indicators
        .iter()
        .map(|i| crate::number::money_factor(&i.unit).is_some())
        .collect();
    // The factors a whole row of each indicator may be off by: powers of
    // ten and the units of its unit's family (m² under «ha»).
    let row_factors: Vec<Vec<(f64, Option<&'static str>)>> = template
        .indicators
        .iter()
        .map(|i| {
            row_factors(&crate::normalize::submission::kindred_units(
                &i.unit,
                &template.settings.abbreviations,
            ))
        })
        .collect();
    // (group, score, finding) of every figure above the threshold.
    let mut found: Vec<(usize, f64, Finding)> = Vec::new();
    ward_rows(&mut |s, own, r, at| {
        let g = group_of(s, r);
        let words = &peer_words[g % kinds];
        let money = money.get(r.ind()).copied().unwrap_or(false);
        // Ten, a hundred, a thousand times the unit's own plan and last
        // year's figure alike: a slip in zeros, whatever the peers (a
        // commune of six villages has none to weigh it against).
        // A stock (a level) has no plan to agree with: its own last year's
        // figure alone tells a slip in zeros either way.
        let stock = template
            .indicators
            .get(r.ind())
            .is_some_and(|i| i.kind == Kind::Stock);
        if let Some((listed, times, expected, slip)) =
            off_plan_and_last_year(own, r, money, stock, settings, lang)
        {
            let (x, size) = at.unwrap_or((r.value, 1.0));
            let finding = outlier_finding(
                template,
                words,
                (scale, Some((&listed, times, expected)), Some(slip)),
                s,
                r,
                (x, size),
                0.0,
                lang,
            );
            found.push((g / kinds, f64::MAX / 2.0 + times, finding));
            return;
        }
        let Some((x, size)) = at else {
            return;
        };
        // Weighed against all units for want of its own kind (a «Thành
        // phố» among «Tỉnh», a «Tổ dân phố» among «Thôn»), a unit may
        // differ from them for good reasons: only a slip of a hundred
        // times and more, or a whole row off by one factor, is told.
        let across = g % kinds == all;
        if mostly_zero[g] && !across {
            let (top, second) = raw_top[g];
            let largest = if r.value >= top { second } else { top };
            if let Some((times, ck)) = above_mostly_zero(own, r, largest, money, settings) {
                let floor = match money {
                    true => ABOVE_MOSTLY_ZERO * LUMPY_POWER,
                    false => ABOVE_MOSTLY_ZERO,
                };
                let finding =
                    mostly_zero_finding(template, words, s, r, (largest, ck, floor), lang);
                found.push((g / kinds, f64::MAX / 2.0 + times, finding));
                return;
            }
        }
        let Some((med, mad)) = spread[g] else {
            return;
        };
        let score = MAD_SCALE * (x - med).abs() / mad;
        // The unit's own other figures of the indicator (KH, TH, LK, CK),
        // each with the median it stands for in its column (this column's
        // median over the proportion usual between the two, among the
        // units that state both) and how far this figure is off that
        // proportion (1: in line). A copy (LK = TH in a first quarter)
        // says nothing; a stock unchanged since last year (natural area,
        // forest: CK = LK) is in line, not a copy.
        let median_of = |o: &TidyRow| {
            usual[g][o.column.index()]
                .filter(|_| med > 0.0)
                .map(|u| med / u)
        };
        let unchanged = |o: &TidyRow| {
            stock
                && [o.column, r.column]
                    .iter()
                    .any(|c| matches!(c, ValueColumn::Ck | ValueColumn::Kh))
        };
        let others: Vec<(&TidyRow, f64, f64)> = own
            .iter()
            .filter(|o| paired(r, o) && (o.value != r.value || unchanged(o)))
            .filter_map(|o| {
                let med_o = median_of(o)?;
                let off = (r.value / o.value) / (med / med_o);
                off.is_finite().then_some((o, med_o, off))
            })
            .collect();
        // One figure written twice (LK = TH) is one piece of evidence.
        let mut others = others;
        let mut seen: Vec<f64> = Vec::new();
        others.retain(|(o, _, _)| {
            let new = !seen.contains(&o.value);
            seen.push(o.value);
            new
        });
        let factor = settings.outlier_factor;
        let in_line = |off: f64| off < factor && 1.0 / off < factor;
        let whole = r.shown_decimals() == 0;
        // Money such as fines, and a handful of cases, come in lumps: a
        // few times the peers' usual is a quarter like any other for them,
        // and only a slip's size (SLIP_TIMES) is told, off the peers'
        // figures as written too (a fine ordinary among the peers' is no
        // slip for being large for a small commune).
        let usual = med * size;
        let lumpy = money || (whole && r.value.min(usual) < SMALL_COUNT) || across;
        let slip = match across {
            true => LUMPY_POWER,
            false => SLIP_TIMES,
        };
        let slip_sized = times_off(r.value, usual) >= slip
            && raw_median[g].is_none_or(|m| times_off(r.value, m) >= slip);
        // Where most units state zero (a reserve most wards did not use),
        // a ratio to the median says nothing: no peers' usual to be off.
        if score > settings.outlier_threshold
            && !mostly_zero[g]
            && far_off(r.value, usual, whole, settings)
            && (!lumpy || slip_sized)
        {
            // Far from its peers but consistent with its own other figures
            // (a poor commune's poor households in KH, TH and CK alike; a
            // commune's land revenue large in KH, TH and CK): a unit unlike
            // the others, not a typo in one cell. Consistent: in line with
            // one of them at least, and a slip's size off none (a typo is
            // off all of them; a plan its first quarter overtook is no
            // typo in last year's figure).
            // Scaled by its own CK, a figure is already weighed against the
            // unit's own: nothing more to ask of its other columns.
            let own_scale = matches!(scale, OutlierScale::Column(_));
            let no_slip = |off: f64| off < SLIP_TIMES && 1.0 / off < SLIP_TIMES;
            // The whole row off its peers by one power of ten, its
            // figures agreeing with each other: a row typed in another
            // unit (triệu đồng under "tỷ đồng"), not a unit unlike the
            // others. Its own figures cannot show it; the peers can.
            let group_median = |c: ValueColumn| {
                let own = (r.ind() * 6 + c.index()) * kinds + own_group(s, r) % kinds;
                let g = resolved(own);
                match scale {
                    OutlierScale::Size => scaled_median[g].map(|m| (m, size)),
                    _ => raw_median[g].map(|m| (m, 1.0)),
                }
            };
            let factors = row_factors.get(r.ind()).map_or(&[][..], Vec::as_slice);
            if let Some(row) = whole_row_off(
                own,
                scale == OutlierScale::Size,
                settings,
                &group_median,
                factors,
            ) {
                if row.told == r.column {
                    let finding = whole_row_finding(template, words, s, own, r, &row, money, lang);
                    found.push((g / kinds, f64::MAX / 2.0 + row.times, finding));
                }
                return;
            }
            if !own_scale
                && others.iter().any(|&(_, _, off)| in_line(off))
                && others.iter().all(|&(_, _, off)| no_slip(off))
            {
                return;
            }
            // A power of ten (a TH of 1.239.700 for 1.239,7) that brings
            // the figure in line with the unit's own row: its own figures
            // tell the right one better than the peers' usual.
            if let Some((power, measure)) = own_power(&others, own, r, stock, factors, factor) {
                let below = power < 1.0;
                let listed = own_figures(others.iter().map(|(o, _, _)| *o), lang);
                let finding = outlier_finding(
                    template,
                    words,
                    (
                        scale,
                        Some((&listed, power.max(1.0 / power), r.value / power)),
                        Some(OwnSlip::OwnPower { below, measure }),
                    ),
                    s,
                    r,
                    (x, size),
                    med,
                    lang,
                );
                found.push((g / kinds, score, finding));
                return;
            }
            let finding = outlier_finding(
                template,
                words,
                (scale, None, None),
                s,
                r,
                (x, size),
                med,
                lang,
            );
            // At most `outlier_max` per indicator and column, whatever the
            // kind.
            found.push((g / kinds, score, finding));
            return;
        }
        // In line with its peers, or too spread to tell, but off its own
        // figures, which agree with each other: TH typed a digit too long
        // where KH and CK are as usual.
        // Last year's CK as ordinary as the peers' (within
        // `outlier_factor` of their median as written) is not the slip
        // when this year's TH and LK disagree with it: a TH typed a
        // hundred times too large carries its LK along, and the two
        // outvote the CK they are off.
        if r.column == ValueColumn::Ck
            && raw_median[g].is_some_and(|m| times_off(r.value, m) < factor)
        {
            return;
        }
        let Some((expected, times)) = off_its_own(&others, r.value, med, factor) else {
            return;
        };
        // A typo, not a small count's swing: off by twenty at least and
        // by more than counting noise on the larger figure.
        if !far_off(r.value, expected, true, settings) {
            return;
        }
        // A slip, not a lumpy quarter: fines that come in one month and
        // not the next, a handful of cases, last year's CK against this
        // year's are a few times off their own figures often enough.
        let small = whole && r.value.min(expected) < SMALL_COUNT;
        if !a_slip(times, money || small || r.column == ValueColumn::Ck) {
            return;
        }
        let listed = own_figures(others.iter().map(|(o, _, _)| *o), lang);
        let finding = outlier_finding(
            template,
            words,
            (scale, Some((&listed, times, expected)), None),
            s,
            r,
            (x, size),
            med,
            lang,
        );
        // Before the peers' outliers of its column: the unit's own figures
        // are the stronger evidence of a typo.
        found.push((g / kinds, f64::MAX / 2.0 + times, finding));
    })?;
    // One per unit and indicator, its strongest column (in a first
    // quarter LK repeats TH: one figure, one warning).
    found.sort_by(|a, b| {
        (&a.2.file, &a.2.indicator)
            .cmp(&(&b.2.file, &b.2.indicator))
            .then(b.1.total_cmp(&a.1))
    });
    found.dedup_by(|later, first| {
        later.2.file == first.2.file && later.2.indicator == first.2.indicator
    });
    // The strongest few of each indicator and column.
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    let mut out = Vec::new();
    let mut last: Option<(usize, usize)> = None;
    for (g, _, f) in found {
        let n = match last {
            Some((lg, n)) if lg == g => n + 1,
            _ => 1,
        };
        last = Some((g, n));
        if n <= settings.outlier_max {
            out.push(f);
        }
    }
    Ok(out)
}

/// How many times apart two figures are, the larger over the smaller
/// (unbounded when either is not above zero).
fn times_off(value: f64, usual: f64) -> f64 {
    if value > 0.0 && usual > 0.0 {
        (value / usual).max(usual / value)
    } else {
        f64::INFINITY
    }
}

/// Is a figure `factor` times off the usual one, and off by more than
/// counting noise? A small count that doubles (4 where 2 is usual) is not
/// worth a warning; 860 where 89 is usual is. A whole count (`whole`: the
/// figure is written without decimals) is weighed as the unit's own
/// figures are: off by twenty at least and by more than counting noise on
/// the larger figure, since a ratio to a unit's own CK of 2 says nothing
/// (11 where 2 would be usual is a quarter's swing, not a typo; 110 is).
fn far_off(value: f64, usual: f64, whole: bool, settings: &CheckSettings) -> bool {
    let gap = (value - usual).abs();
    let noise = if whole {
        if gap < 20.0 {
            return false;
        }
        3.0 * value.abs().max(usual.abs()).sqrt()
    } else {
        3.0 * usual.abs().max(4.0).sqrt()
    };
    let factor = settings.outlier_factor;
    let ratio_off = if value > 0.0 && usual > 0.0 {
        value / usual >= factor || usual / value >= factor
    } else {
        gap >= (factor - 1.0) * usual.abs().max(1.0)
    };
    ratio_off && gap > noise
}

/// The unit's own figures a figure is off, in words ("KH 1.000; CK
/// 900"), how many times, and the figure they suggest.
type OwnFigures<'a> = (&'a str, f64, f64);

/// What a figure is a slip in zeros against, among its unit's own.
#[derive(Clone, Copy)]
enum OwnSlip {
    /// Ten, a hundred, a thousand times its plan and last year's alike.
    PlanAndLastYear,
    /// A stock as many times above (`below`: below) its last year's.
    LastYearStock { below: bool },
    /// A cumulative figure (LK) a thousand times (or more, a power of
    /// ten) its last year's and its own quarter's alike: see
    /// [`cumulative_thousands`].
    QuarterAndLastYear,
    /// A flow a hundred thousand times its last year's or more.
    LastYearFlow,
    /// Far off its peers, and in line with its own other figures once
    /// divided (`below`: multiplied) by a power of ten or the factor of
    /// another unit of its family (`measure`: m² under «ha»): see
    /// [`own_power`].
    OwnPower {
        below: bool,
        measure: Option<&'static str>,
    },
}

/// A figure (TH or LK) ten, a hundred or a thousand times its unit's own
/// plan (KH) and last year's figure (CK) alike: the same power of ten off
/// both, within [`NEAR_POWER`]. The plan and last year agreeing with each
/// other and both off by a slip's size is evidence enough, with no peers
/// at all (a commune of six villages). A genuine jump (a new farm) is
/// in the plan or unlike last year's alone: one of them in line, no
/// warning. A figure 2 times its plan is a good year, not a slip; a
/// small count (below [`SMALL_COUNT`]) or money such as fines comes in
/// lumps and must be a hundred times off.
///
/// A `stock` (a level at the period's end: people on monthly allowances,
/// households) usually has no plan to agree with, and a level does not
/// grow or shrink tenfold in a year: without a KH, its own CK alone is
/// the evidence, above or below (10 where last year's 99: a digit
/// dropped). A flow may be a
/// tenth of its year's plan early in the year and keeps needing both.
/// `(listed, times, expected, slip)`: "KH 1.000; CK 900", the power of
/// ten, the figure divided (or, below, multiplied) by it.
fn off_plan_and_last_year(
    own: &[TidyRow],
    r: &TidyRow,
    money: bool,
    stock: bool,
    settings: &CheckSettings,
    lang: Lang,
) -> Option<(String, f64, f64, OwnSlip)> {
    if !matches!(r.column, ValueColumn::Th | ValueColumn::Lk) || r.value <= 0.0 {
        return None;
    }
    let first = |c: ValueColumn| own.iter().find(|o| o.column == c && o.value > 0.0);
    // The power of ten a figure is above (`below`: under) another.
    let power_off = |o: &TidyRow, below: bool| {
        let times = if below {
            o.value / r.value
        } else {
            r.value / o.value
        };
        let power = 10f64.powf(times.log10().round());
        (power >= 10.0 && times / power <= NEAR_POWER && power / times <= NEAR_POWER)
            .then_some(power)
    };
    let ck = first(ValueColumn::Ck)?;
    let kh = first(ValueColumn::Kh);
    let both = kh
        .and_then(|kh| {
            let power = power_off(kh, false)?;
            (power_off(ck, false)? == power).then_some((vec![kh, ck], power, false))
        })
        .map(|(listed, power, below)| (listed, power, below, OwnSlip::PlanAndLastYear));
    let (listed, power, below, slip) = match both {
        Some(found) => found,
        // A plan the figure is not off by the same power of ten: the
        // plan foresaw the jump (a new centre), or disagrees with last
        // year's; the CK alone is not evidence enough. A stock with a
        // plan a tenth of both (39 where KH 395 and CK 388: a digit
        // dropped) is said against last year's level, the plan agreeing.
        None if stock => [false, true].into_iter().find_map(|below| {
            let power = power_off(ck, below)?;
            if let Some(kh) = kh {
                (power_off(kh, below)? == power).then_some(())?;
            }
            Some((vec![ck], power, below, OwnSlip::LastYearStock { below }))
        })?,
        None => {
            return cumulative_thousands(own, ck, kh, r, lang)
                .or_else(|| flow_jump(ck, kh, r, money, lang))
        }
    };
    let expected = if below {
        r.value * power
    } else {
        r.value / power
    };
    let whole = r.shown_decimals() == 0;
    if (money || (whole && expected < SMALL_COUNT)) && power < LUMPY_POWER {
        return None;
    }
    if !far_off(r.value, expected, whole, settings) {
        return None;
    }
    let listed = own_figures(listed.iter().copied(), lang);
    Some((listed, power, expected, slip))
}

/// A cumulative figure (LK) a thousand times or more (near a power of
/// ten) its unit's own last year's (CK), and as many times its own
/// quarter's (TH), with no plan it is in line with: «37.500» typed for
/// 37,5 (the decimal comma written as a dot, read as thousands), or the
/// year's figure in đồng under «nghìn đồng». A cumulative figure cannot
/// hold a thousand of its quarters, and last year's agrees: no peers are
/// needed, so `check` on one file says what `consolidate` says of it.
/// Divided by the power, the figure must still hold its quarter (LK ≥
/// TH): else the row says something else.
fn cumulative_thousands(
    own: &[TidyRow],
    ck: &TidyRow,
    kh: Option<&TidyRow>,
    r: &TidyRow,
    lang: Lang,
) -> Option<(String, f64, f64, OwnSlip)> {
    if r.column != ValueColumn::Lk {
        return None;
    }
    let th = own
        .iter()
        .find(|o| o.column == ValueColumn::Th && o.value > 0.0)?;
    let times = r.value / ck.value;
    let power = 10f64.powf(times.log10().round());
    let near = times / power <= NEAR_POWER && power / times <= NEAR_POWER;
    let expected = r.value / power;
    let holds_quarter = expected >= th.value * (1.0 - 1e-9);
    let past_quarter = r.value / th.value >= power / NEAR_POWER;
    let past_plan = kh.is_none_or(|kh| r.value / kh.value >= power / NEAR_POWER);
    if power < CUMULATIVE_POWER || !near || !holds_quarter || !past_quarter || !past_plan {
        return None;
    }
    let listed = own_figures([th, ck].into_iter(), lang);
    Some((listed, power, expected, OwnSlip::QuarterAndLastYear))
}

/// How many times its own quarter's and last year's a cumulative figure
/// must be: see [`cumulative_thousands`].
const CUMULATIVE_POWER: f64 = 1000.0;

/// A flow (TH or LK) [`FLOW_JUMP`] times its unit's own last year's
/// figure or more (and its plan's, when it states one): no count of
/// accidents, no damage, no revenue grows so in a year, while an amount
/// typed in đồng under "triệu đồng" is a million times its right figure.
/// A flow ten or a thousand times its CK alone may be a year unlike the
/// last (one large fire); this is no such year. `expected`: the figure
/// brought back by the money unit's step (a thousand, a million) nearest
/// its CK, or by the power of ten nearest for another quantity.
fn flow_jump(
    ck: &TidyRow,
    kh: Option<&TidyRow>,
    r: &TidyRow,
    money: bool,
    lang: Lang,
) -> Option<(String, f64, f64, OwnSlip)> {
    let listed: Vec<&TidyRow> = kh.into_iter().chain([ck]).collect();
    if listed.iter().any(|o| r.value / o.value < FLOW_JUMP) {
        return None;
    }
    let times = r.value / ck.value;
    let step = if money { 1000f64 } else { 10.0 };
    let power = step.powf((times.log10() / step.log10()).round());
    let listed = own_figures(listed.iter().copied(), lang);
    Some((listed, times, r.value / power, OwnSlip::LastYearFlow))
}

/// A unit's own figures an outlier is weighed against, as the message
/// lists them: "KH 395; CK 388".
fn own_figures<'a>(figures: impl Iterator<Item = &'a TidyRow>, lang: Lang) -> String {
    figures
        .map(|o| {
            format!(
                "{} {}",
                o.column.as_str(),
                format_num(o.value, o.shown_decimals().min(4), lang)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// See [`flow_jump`].
const FLOW_JUMP: f64 = 1e5;

/// How many times both the largest figure of its peers (half or more of
/// which state zero) and its own last year's figure plus one a count must
/// be to be said ([`above_mostly_zero`]).
const ABOVE_MOSTLY_ZERO: f64 = 10.0;

/// A figure (TH or LK) among peers half or more of which state zero
/// (fires, deaths: most communes have none in a quarter), where the
/// median says nothing: said when it is [`ABOVE_MOSTLY_ZERO`] times or
/// more both the largest of the other units' figures (`largest`) and the
/// unit's own CK + 1, and off by more than counting noise: 50 fires where
/// every other commune states 0 or 1 and its own last year 0 is a row
/// typed into another, or a digit too many; 3 where peers state up to 1
/// is a bad quarter. Money (the damage of one large fire) only a
/// thousand times off, and only against peers that state some. Not
/// without a CK: the unit's own year is half the evidence.
/// `(times, ck)`: how many times the larger of the two it is, the CK.
fn above_mostly_zero(
    own: &[TidyRow],
    r: &TidyRow,
    largest: f64,
    money: bool,
    settings: &CheckSettings,
) -> Option<(f64, f64)> {
    if !matches!(r.column, ValueColumn::Th | ValueColumn::Lk) || r.value <= 0.0 {
        return None;
    }
    let ck = own.iter().find(|o| o.column == ValueColumn::Ck)?.value;
    let bound = largest.max(ck + 1.0);
    let times = r.value / bound;
    let need = if money {
        ABOVE_MOSTLY_ZERO * LUMPY_POWER
    } else {
        ABOVE_MOSTLY_ZERO
    };
    if times < need || (money && largest <= 0.0) {
        return None;
    }
    let whole = r.shown_decimals() == 0;
    far_off(r.value, bound, whole, settings).then_some((times, ck))
}

/// How many times off its unit's own other figures a figure must be to be
/// said: a digit typed too many or too few is ten times off; a quarter's
/// swing is two to seven times.
pub(super) const SLIP_TIMES: f64 = 8.0;

/// How many times off a lumpy figure must be (see [`a_slip`]): two zeros
/// or a unit (a hundred, a thousand times), within [`NEAR_POWER`]. Fines
/// of 1.500.000 in a quarter where the year's run is 42.000.000, a late
/// file where last year's quarter had 56, are ten times off their own
/// figures and right.
const LUMPY_POWER: f64 = 100.0;

/// A slip in zeros is near a power of ten: within this factor of it.
const NEAR_POWER: f64 = 1.25;

/// Below this, a whole count is a handful whose quarters swing (2 late
/// files where 14 were usual), off its own figures by several times for
/// no fault.
const SMALL_COUNT: f64 = 30.0;

/// Is a figure `times` off its unit's own other figures very probably a
/// typing slip? [`SLIP_TIMES`] at least. A `lumpy` figure (money such as
/// fines, a small count, CK against this year's figures) only near a
/// hundred times or more, a power of ten: 3.000.000 where 9.400.000 is
/// usual is a quiet quarter's fines, 94.000 two zeros dropped.
fn a_slip(times: f64, lumpy: bool) -> bool {
    if times.is_nan() || times < SLIP_TIMES {
        return false;
    }
    if !lumpy {
        return true;
    }
    let power = 10f64.powf(times.log10().round());
    power >= LUMPY_POWER && times / power <= NEAR_POWER && power / times <= NEAR_POWER
}

/// When a figure is off all of its unit's other figures `others` (each
/// with the peers' median of its column and how far the figure is off the
/// usual proportion) by `factor` at least, the same way, while those agree
/// with each other (two of them at least): the figure they suggest (their
/// median) and how many times off it is.
fn off_its_own(
    others: &[(&TidyRow, f64, f64)],
    value: f64,
    med: f64,
    factor: f64,
) -> Option<(f64, f64)> {
    if others.len() < 2 {
        return None;
    }
    let high = others.iter().all(|&(_, _, off)| off >= factor);
    let low = others.iter().all(|&(_, _, off)| off * factor <= 1.0);
    if !high && !low {
        return None;
    }
    let agree = others.iter().all(|&(a, med_a, _)| {
        others.iter().all(|&(b, med_b, _)| {
            let off = (a.value / b.value) / (med_a / med_b);
            off < factor && 1.0 / off < factor
        })
    });
    if !agree {
        return None;
    }
    let mut suggested: Vec<f64> = others
        .iter()
        .map(|&(o, med_o, _)| o.value * med / med_o)
        .collect();
    let expected = median(&mut suggested)?;
    let times = if high {
        value / expected
    } else {
        expected / value
    };
    (expected > 0.0).then_some((expected, times))
}

/// For a figure far off its peers and in line with none of its unit's
/// own other figures: the factor — a hundred, a thousand, or that of
/// another unit of its unit's family a hundred times apart or more
/// (`factors`, see [`row_factors`]: m² under «ha»; ten times is a
/// quarter's swing, a festival's visitors) — that brings it in line (within `factor` of the peers' usual
/// proportions) with every one of the unit's own other figures of the
/// indicator (`others`, two at least), the nearest of those that do,
/// with the unit it names. A flow's TH so brought back must not pass
/// its LK (the quarter is part of the year), nor its LK fall below its
/// TH. A TH of 1.239.700 tấn where the commune's KH is 4.845,2, its LK
/// 3.729,8 and its CK 3.543,4 is 1.239,7 typed with its decimal mark
/// as a thousands dot: the peers' usual (about 1.406) is a worse guess
/// than the unit's own row. A figure in line with none once brought
/// back, or with its LK only because that LK carries the same slip,
/// has none.
fn own_power(
    others: &[(&TidyRow, f64, f64)],
    own: &[TidyRow],
    r: &TidyRow,
    stock: bool,
    factors: &[(f64, Option<&'static str>)],
    factor: f64,
) -> Option<(f64, Option<&'static str>)> {
    if others.len() < 2 {
        return None;
    }
    let first = |c: ValueColumn| own.iter().find(|o| o.column == c && o.value > 0.0);
    let within_year = |brought: f64| match (stock, r.column) {
        (false, ValueColumn::Th) => first(ValueColumn::Lk).is_none_or(|lk| brought <= lk.value),
        (false, ValueColumn::Lk) => first(ValueColumn::Th).is_none_or(|th| brought >= th.value),
        _ => true,
    };
    // As written, in line with one of its own figures: a quarter unlike
    // the others (a festival's visitors), not a slip the row shows.
    if others
        .iter()
        .any(|&(_, _, off)| off < factor && 1.0 / off < factor)
    {
        return None;
    }
    factors
        .iter()
        .filter_map(|&(f, unit)| {
            let offs: Vec<f64> = others.iter().map(|&(_, _, off)| off / f).collect();
            let fits =
                offs.iter().all(|&o| o < factor && 1.0 / o < factor) && within_year(r.value / f);
            fits.then(|| (f, unit, offs.iter().map(|o| o.ln().abs()).sum::<f64>()))
        })
        .min_by(|a, b| a.2.total_cmp(&b.2))
        .map(|(f, unit, _)| (f, unit))
}

/// How many times apart a figure and the usual one are, as a clerk reads
/// it ([`about`]: "880", "2,7", "9.100"), and whether the figure is the
/// smaller.
fn off_usual(value: f64, usual: f64, lang: Lang) -> (String, bool) {
    let below = value < usual;
    let t = times_off(value, usual);
    match t.is_finite() {
        true => (about(t, lang), below),
        false => (String::new(), below),
    }
}

/// A figure to two significant digits, as "about" says it: 881,7 → 880;
/// 2,674 → 2,7; 0,2004 → 0,2.
fn about(v: f64, lang: Lang) -> String {
    if !v.is_finite() || v <= 0.0 {
        return format_auto(v, 3, lang);
    }
    let digits = v.log10().floor() as i32;
    let step = 10f64.powi(digits - 1);
    let rounded = (v / step).round() * step;
    let d = u8::try_from((1 - digits).clamp(0, 6)).unwrap_or(0);
    format_auto(crate::rules::rounding::round_to(rounded, d), d, lang)
}

/// The decimals a figure brought back by `times` (1.239.700 ÷ 1.000)
/// is shown with: those it was written with and those the division
/// adds, without trailing zeros (1.239,7; 20,86).
fn brought_back_decimals(right: f64, written: u8, times: f64) -> u8 {
    let extra = times.log10().max(0.0).round() as u8;
    let most = (written + extra).min(4);
    (0..=most)
        .find(|&k| {
            (crate::rules::rounding::round_to(right, k)
                - crate::rules::rounding::round_to(right, most))
            .abs()
                < 1e-9
        })
        .unwrap_or(most)
}

/// A row whose quantities (KH, TH, LK, CK) are all about the same
/// factor (100, 1.000, or that of a unit of the row's unit's family: m²
/// under «ha», 10.000) off their peers: see [`whole_row_off`].
struct WholeRow {
    /// The factor, below 1 when the row is that much too small.
    times: f64,
    /// The unit of the row's unit's family whose factor it is (m² under
    /// «ha»), when one is.
    unit: Option<&'static str>,
    /// The row's columns judged, in the row's order.
    columns: Vec<ValueColumn>,
    /// The column said (LK, else TH, else the first), and its figure
    /// brought back by the factor.
    told: ValueColumn,
    right: f64,
    /// Compared per head (the registry's sizes), not as written.
    per_head: bool,
}

/// The factors a whole row may be off by: two or three zeros too many or
/// too few, and those of the other units of the family of the row's
/// unit `kindred` ([`crate::normalize::submission::kindred_units`]: m²
/// under «ha» 10.000, nghìn đồng under «tỷ đồng» 10⁶) a hundred times
/// or more apart (ten times is within the spread of units' sizes), each
/// with the unit it names.
fn row_factors(kindred: &[(&'static str, f64)]) -> Vec<(f64, Option<&'static str>)> {
    let mut factors: Vec<(f64, Option<&'static str>)> =
        [1e2, 1e3, 1e-2, 1e-3].map(|f| (f, None)).to_vec();
    for &(unit, f) in kindred {
        if f.max(1.0 / f) < LUMPY_POWER * (1.0 - 1e-9) {
            continue;
        }
        match factors.iter_mut().find(|(g, _)| (g / f - 1.0).abs() < 1e-9) {
            Some(known) => known.1 = Some(unit),
            None => factors.push((f, Some(unit))),
        }
    }
    factors
}

/// Whether every quantity of a unit's row `own` (two at least, each
/// against its own column's peers: `group_median` gives the median and
/// the unit's size) is [`SLIP_TIMES`] off its peers or more, the same
/// way, and one of `factors` ([`row_factors`]) brings them back: every
/// one within [`SLIP_TIMES`] of its peers, and more than half of them,
/// two at least, in line (within `outlier_factor`). Ten times is not
/// enough: units of one kind differ that much in size (a city ward's
/// revenue against a mountain commune's), and a row that is no slip is
/// consistent with itself as well. A ward whose whole
/// retail row was typed in triệu đồng under "tỷ đồng" is 1.000 times its
/// peers per head in KH, TH, LK and CK alike, which agree with each
/// other; a commune's land row typed in m² under «ha» 10.000 times, its
/// quarter's TH (a lumpy flow) perhaps 2.500; a large ward is 5 times
/// the median, and a ward 20 times its peers in one column and 3 in
/// another is unlike them, not a slip.
fn whole_row_off(
    own: &[TidyRow],
    per_head: bool,
    settings: &CheckSettings,
    group_median: &dyn Fn(ValueColumn) -> Option<(f64, f64)>,
    factors: &[(f64, Option<&'static str>)],
) -> Option<WholeRow> {
    let mut columns: Vec<&TidyRow> = Vec::new();
    for o in own
        .iter()
        .filter(|o| !o.column.is_percent() && o.value > 0.0)
    {
        if !columns.iter().any(|c| c.column == o.column) {
            columns.push(o);
        }
    }
    let mut ratios: Vec<f64> = Vec::new();
    for o in &columns {
        let Some((m, size)) = group_median(o.column).filter(|(m, _)| *m > 0.0) else {
            continue;
        };
        let ratio = o.value / size / m;
        if !ratio.is_finite() || (ratio < SLIP_TIMES && 1.0 / ratio < SLIP_TIMES) {
            return None;
        }
        ratios.push(ratio);
    }
    let above = ratios.iter().filter(|&&x| x > 1.0).count();
    if ratios.len() < 2 || (above != 0 && above != ratios.len()) {
        return None;
    }
    let off = |x: f64| x.max(1.0 / x);
    // The factor that brings the row back, the nearest of those that do.
    let (times, unit) = factors
        .iter()
        .filter_map(|&(f, unit)| {
            let offs: Vec<f64> = ratios.iter().map(|x| off(x / f)).collect();
            let in_line = offs
                .iter()
                .filter(|&&o| o < settings.outlier_factor)
                .count();
            let fits =
                offs.iter().all(|&o| o < SLIP_TIMES) && in_line >= 2 && 2 * in_line > offs.len();
            fits.then(|| (f, unit, offs.iter().map(|o| o.ln()).sum::<f64>()))
        })
        .min_by(|a, b| a.2.total_cmp(&b.2))
        .map(|(f, unit, _)| (f, unit))?;
    let told = [ValueColumn::Lk, ValueColumn::Th]
        .into_iter()
        .find_map(|c| columns.iter().find(|o| o.column == c))
        .or(columns.first())?;
    Some(WholeRow {
        times,
        unit,
        columns: columns.iter().map(|o| o.column).collect(),
        told: told.column,
        right: told.value / times,
        per_head,
    })
}

/// The warning on a row [`whole_row_off`] finds, at its told figure with
/// no column: the whole row is doubtful, and every total it enters.
#[allow(clippy::too_many_arguments)]
fn whole_row_finding(
    template: &Template,
    words: &crate::template::LevelWords,
    s: &Submission,
    own: &[TidyRow],
    r: &TidyRow,
    row: &WholeRow,
    money: bool,
    lang: Lang,
) -> Finding {
    let unit_name = s
        .unit
        .and_then(|u| template.agencies.get(u))
        .map(|a| a.shown().into_owned())
        .unwrap_or_default();
    let catalog_unit = template
        .indicators
        .get(r.ind())
        .map(|i| i.unit.as_str())
        .unwrap_or_default();
    // The money unit the figures read right in, when the power is one.
    let written_in = money
        .then(|| crate::number::money_factor(catalog_unit))
        .flatten()
        .map(|f| f / row.times);
    // The finding is made at the told figure itself (see the caller).
    let told = r;
    let d = told.shown_decimals();
    // The figure brought back keeps the digits the division adds.
    let right = format_num(
        row.right,
        brought_back_decimals(row.right, d, row.times),
        lang,
    );
    let listed: Vec<String> = row
        .columns
        .iter()
        .filter_map(|&c| {
            let o = own.iter().find(|o| o.column == c)?;
            Some(format!(
                "{} {}",
                c.as_str(),
                format_num(o.value, o.shown_decimals().min(4), lang)
            ))
        })
        .collect();
    let times = format_num(row.times.max(1.0 / row.times).round(), 0, lang);
    let said = Checked::RowScaled {
        unit: &unit_name,
        what: &indicator_words(template, r.ind()),
        figures: &listed.join("; "),
        times: &times,
        larger: row.times > 1.0,
        per_head: row.per_head,
        level: words,
        written_in,
        measure: row.unit.filter(|_| !money),
        catalog_unit,
        column: row.told,
        right: &right,
    };
    let mut f = at_row(
        Finding::said(Severity::Warning, &said, lang),
        template,
        s,
        told,
    );
    f.column = String::new();
    f.expected(format!("≈ {right}"))
        .actual(format_num(told.value, d.min(4), lang))
}

/// The unit's own note on `r`'s row (its «Ghi chú» cell), when it wrote
/// one: a festival that drew the visitors explains the figure. A long
/// note is quoted up to its first [`NOTE_CHARS`] characters.
fn row_note<'a>(s: &'a Submission, r: &TidyRow) -> Option<&'a str> {
    let text = s.notes.iter().find(|n| n.ind() == r.ind())?.text.as_str();
    Some(match text.char_indices().nth(NOTE_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    })
}

/// The most characters of a unit's note an outlier quotes.
const NOTE_CHARS: usize = 200;

/// A figure per head, said per 1,000 people with three significant
/// digits or so: 71,7; 7,43; 2.686.
fn per_thousand(per_head: f64, lang: Lang) -> String {
    let v = per_head * 1000.0;
    let d = match v.abs() {
        a if a >= 100.0 => 0,
        a if a >= 10.0 => 1,
        a if a >= 1.0 => 2,
        _ => 3,
    };
    format_num(crate::rules::rounding::round_to(v, d), d, lang)
}

/// The finding for a figure [`above_mostly_zero`] finds: `expected` the
/// larger of the peers' largest figure and the unit's own CK, what a
/// figure in line would be at most.
fn mostly_zero_finding(
    template: &Template,
    words: &crate::template::LevelWords,
    s: &Submission,
    r: &TidyRow,
    (largest, ck, floor): (f64, f64, f64),
    lang: Lang,
) -> Finding {
    let unit_name = s
        .unit
        .and_then(|u| template.agencies.get(u))
        .map(|a| a.shown().into_owned())
        .unwrap_or_default();
    let d = r.shown_decimals().min(4);
    let v = format_num(r.value, d, lang);
    let usual = format_auto(largest.max(ck), 3, lang);
    let said = Checked::Outlier {
        unit: &unit_name,
        what: &indicator_words(template, r.ind()),
        column: r.column,
        value: &v,
        compared: Compared::AboveMostlyZero {
            largest: &format_auto(largest, 3, lang),
            last: &format!("CK {}", format_auto(ck, 3, lang)),
            times: &format_num(floor, 0, lang),
        },
        level: words,
        usual: &usual,
        note: row_note(s, r),
    };
    at_row(
        Finding::said(Severity::Warning, &said, lang),
        template,
        s,
        r,
    )
    .expected(usual)
    .actual(v)
}

/// The finding for a unit's figure `r` whose scaled value `x` (per `size`)
/// is far from the peers' median `med`: `expected` is what the median
/// gives for a unit of its size (or, off its own figures, what they
/// suggest).
#[allow(clippy::too_many_arguments)]
fn outlier_finding(
    template: &Template,
    words: &crate::template::LevelWords,
    (scale, own_figures, slip): (OutlierScale, Option<OwnFigures>, Option<OwnSlip>),
    s: &Submission,
    r: &TidyRow,
    (x, size): (f64, f64),
    med: f64,
    lang: Lang,
) -> Finding {
    let unit_name = s
        .unit
        .and_then(|u| template.agencies.get(u))
        .map(|a| a.shown().into_owned())
        .unwrap_or_default();
    let column = r.column;
    let d = r.shown_decimals().min(4);
    let v = format_num(r.value, d, lang);
    // A usual figure below what the figure's decimals show is said as it
    // is ("khoảng 0,4"), never "khoảng 0".
    let usual_of = |u: f64| {
        let rounded = crate::rules::rounding::round_to(u, d);
        if rounded == 0.0 && u > 0.0 {
            format_auto(u, 3, lang)
        } else {
            format_num(rounded, d, lang)
        }
    };
    let typical = usual_of(med * size);
    let peers_usual = typical.clone();
    // How far off the peers' usual, in words: "gấp khoảng 880 lần".
    let (off_times, below) = off_usual(x, med, lang);
    let off = Off {
        times: &off_times,
        below,
    };
    let what = indicator_words(template, r.ind());
    let (size_auto, own) = (format_auto(size, 0, lang), format_num(size, d, lang));
    // Per head, a figure reads better per 1,000 people: "71,7 hồ sơ
    // trên 1.000 dân", not "0,072".
    let (per_1000, median_1000) = (per_thousand(x, lang), per_thousand(med, lang));
    let unit = template
        .indicators
        .get(r.ind())
        .map(|i| i.unit.as_str())
        .unwrap_or_default();
    // `words` name the peers compared with: "mức thường gặp của các
    // phường", not "các phường, xã".
    let own_times = own_figures.map(|(_, times, _)| format_num(times.round(), 0, lang));
    let typical = match (own_figures, slip) {
        // Brought back by a power: the digits the division adds too.
        (
            Some((_, times, expected)),
            Some(OwnSlip::OwnPower { below: false, .. } | OwnSlip::QuarterAndLastYear),
        ) => format_num(expected, brought_back_decimals(expected, d, times), lang),
        (Some((_, _, expected)), _) => usual_of(expected),
        (None, _) => typical,
    };
    let compared = match (own_figures, &own_times) {
        (Some((others, _, _)), Some(times)) => match slip {
            Some(OwnSlip::PlanAndLastYear) => Compared::PlanAndLastYear { others, times },
            Some(OwnSlip::LastYearStock { below }) => Compared::LastYearStock {
                last: others,
                times,
                below,
            },
            Some(OwnSlip::QuarterAndLastYear) => Compared::QuarterAndLastYear { others, times },
            Some(OwnSlip::LastYearFlow) => Compared::LastYearFlow {
                last: others,
                times,
            },
            Some(OwnSlip::OwnPower { below, measure }) => Compared::OwnPower {
                others,
                times,
                below,
                off,
                peers_usual: &peers_usual,
                measure,
                zeros: own_figures.is_some_and(|(_, t, _)| t <= 1000.0 * (1.0 + 1e-9)),
                catalog_unit: unit,
            },
            None => Compared::Own { others, times },
        },
        _ => match scale {
            OutlierScale::Size => Compared::Size {
                size: &size_auto,
                ratio: &per_1000,
                median: &median_1000,
                unit,
                off,
            },
            OutlierScale::Column(column) => Compared::Column {
                column,
                own: &own,
                median: &about(med, lang),
                off,
            },
            _ => Compared::Peers { off },
        },
    };
    let said = Checked::Outlier {
        unit: &unit_name,
        what: &what,
        column,
        value: &v,
        compared,
        level: words,
        usual: &typical,
        note: row_note(s, r),
    };
    at_row(
        Finding::said(Severity::Warning, &said, lang),
        template,
        s,
        r,
    )
    .expected(typical)
    .actual(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::reconcile::checks::testutil::{ind, row, sub_with};

    fn wards(t: &Template, values: &[f64]) -> Vec<Submission> {
        let hc02 = ind(t, "HC02");
        values
            .iter()
            .enumerate()
            .map(|(k, v)| {
                sub_with(
                    t,
                    &format!("P{:02}", k + 1),
                    vec![row(hc02, ValueColumn::Th, *v, 0)],
                )
            })
            .collect()
    }

    /// Wards stating TH and CK of HC02.
    fn wards_ck(t: &Template, values: &[(f64, f64)]) -> Vec<Submission> {
        let hc02 = ind(t, "HC02");
        values
            .iter()
            .enumerate()
            .map(|(k, (th, ck))| {
                sub_with(
                    t,
                    &format!("P{:02}", k + 1),
                    vec![
                        row(hc02, ValueColumn::Th, *th, 0),
                        row(hc02, ValueColumn::Ck, *ck, 0),
                    ],
                )
            })
            .collect()
    }

    /// The figures as they are, among five wards or more (units of one
    /// size).
    fn raw() -> CheckSettings {
        CheckSettings {
            outlier_scale: OutlierScale::None,
            outlier_min_peers: 5,
            ..Default::default()
        }
    }

    fn outliers(t: &Template, s: &[Submission], settings: &CheckSettings) -> Vec<Finding> {
        let refs: Vec<&Submission> = s.iter().collect();
        check_outliers(&Figures::in_memory(&refs), t, settings, Lang::Vi).unwrap()
    }

    #[test]
    fn a_figure_far_from_the_median_is_an_outlier() {
        let t = Template::builtin().unwrap();
        let s = wards(&t, &[120.0, 130.0, 110.0, 125.0, 1250.0, 118.0]);
        let f = outliers(&t, &s, &raw());
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].code, Code::Outlier);
        assert_eq!(
            (
                f[0].unit.as_str(),
                f[0].expected.as_str(),
                f[0].actual.as_str()
            ),
            ("P05", "123", "1.250")
        );
    }

    #[test]
    fn near_misses_are_not_outliers() {
        let t = Template::builtin().unwrap();
        // A small count that doubles where the others hold still: far by
        // the score, not by a typo's factor nor beyond counting noise.
        let s = wards(&t, &[1.0, 1.0, 2.0, 1.0, 2.0, 1.0, 1.0, 6.0, 2.0, 1.0]);
        assert!(outliers(&t, &s, &raw()).is_empty());
        // Spread out but no figure far from the rest.
        let s = wards(&t, &[120.0, 130.0, 110.0, 125.0, 160.0, 118.0]);
        assert!(outliers(&t, &s, &raw()).is_empty());
        // Fewer than five wards.
        let s = wards(&t, &[120.0, 130.0, 110.0, 1250.0]);
        assert!(outliers(&t, &s, &raw()).is_empty());
        // MAD = 0: most wards state the same figure.
        let s = wards(&t, &[0.0, 0.0, 0.0, 0.0, 3.0, 0.0]);
        assert!(outliers(&t, &s, &raw()).is_empty());
    }

    /// A commune's villages and its town's residential groups differ as
    /// communes and wards do: a residential group with 3 head of cattle
    /// is weighed against no village's usual, and a kind too few to compare
    /// (one "Tổ dân phố", one "Khu phố") is weighed against all the units
    /// for a slip of a hundred times only: 3 where villages state 211 is
    /// no slip, 42.000 is. A village typed ten times too large still
    /// stands out among the villages, whether they are called thôn or ấp.
    #[test]
    fn villages_are_compared_with_villages_only() {
        let mut t = Template::builtin().unwrap();
        let names = [
            "Thôn 1",
            "Thôn 2",
            "Thôn 3",
            "Thôn 4",
            "Thôn 5",
            "Thôn 6",
            "Thôn 7",
            "Thôn 8",
            "Thôn 9",
            "Thôn 10",
            "Thôn 11",
            "Thôn 12",
            "Tổ dân phố số 3",
            "Khu phố 2",
            "Ấp Tân Hòa A",
            "Ấp Tân Hòa B",
        ];
        for (k, name) in names.iter().enumerate() {
            let a = t.agency_index(&format!("P{:02}", k + 1)).unwrap();
            t.agencies[a].name = (*name).to_string();
        }
        let kind = |code: &str| t.unit_kind(t.agency_index(code).unwrap());
        // Thôn and ấp are villages alike; tổ dân phố and khu phố are a
        // town's residential groups.
        assert_eq!(kind("P01"), kind("P10"));
        assert_eq!(kind("P01"), kind("P15"));
        assert_eq!(kind("P13"), kind("P14"));
        assert_ne!(kind("P01"), kind("P13"));
        assert_ne!(kind("P01"), 0);
        let villages = [
            210.0, 230.0, 190.0, 240.0, 205.0, 220.0, 215.0, 235.0, 200.0, 225.0, 212.0, 228.0,
        ];
        let mut all: Vec<f64> = villages.to_vec();
        all.extend([3.0, 4.0, 150.0, 160.0]);
        let s = wards(&t, &all);
        let f = outliers(&t, &s, &raw());
        assert!(f.is_empty(), "{f:?}");
        all[9] = 2250.0;
        let s = wards(&t, &all);
        let f = outliers(&t, &s, &raw());
        let got: Vec<&str> = f.iter().map(|x| x.unit.as_str()).collect();
        assert_eq!(got, ["P10"], "{f:?}");
        assert!(
            f[0].message
                .contains("gấp khoảng 11 lần mức thường gặp của các thôn (khoảng 214)"),
            "{}",
            f[0].message
        );
        all[9] = 225.0;
        all[13] = 42_000.0;
        let s = wards(&t, &all);
        let f = outliers(&t, &s, &raw());
        let got: Vec<(&str, &str)> = f
            .iter()
            .map(|x| (x.unit.as_str(), x.expected.as_str()))
            .collect();
        assert_eq!(got, [("P14", "214")], "{f:?}");
        assert!(f[0]
            .message
            .contains("gấp khoảng 200 lần mức thường gặp của các đơn vị"));
        // A registry written without marks reads its words the same way;
        // a place whose name only looks like one ("Bàn Thạch") is none.
        let (p01, village) = (t.agency_index("P01").unwrap(), kind("P02"));
        t.agencies[p01].name = "Thon 1".to_string();
        assert_eq!(t.unit_kind(p01), village);
        t.agencies[p01].name = "Bàn Thạch".to_string();
        assert_eq!(t.unit_kind(p01), 0);
    }

    /// A province's communes and wards differ for good reasons (a
    /// commune's farmland is four times a ward's): each is compared with
    /// its own kind, and only the ward typed ten times too large stands
    /// out.
    #[test]
    fn communes_are_compared_with_communes_and_wards_with_wards() {
        let mut t = Template::builtin().unwrap();
        for k in 0..8 {
            let a = t.agency_index(&format!("P{:02}", k + 1)).unwrap();
            t.agencies[a].name = format!("Xã Số {}", k + 1);
        }
        assert_ne!(
            t.unit_kind(t.agency_index("P01").unwrap()),
            t.unit_kind(t.agency_index("P09").unwrap())
        );
        let communes = [400.0, 410.0, 390.0, 420.0, 395.0, 405.0, 415.0, 385.0];
        let wards_th = [100.0, 105.0, 95.0, 110.0, 98.0, 102.0, 1000.0, 97.0];
        let all: Vec<f64> = communes.iter().chain(&wards_th).copied().collect();
        let s = wards(&t, &all);
        let f = outliers(&t, &s, &raw());
        let got: Vec<(&str, &str)> = f
            .iter()
            .map(|x| (x.unit.as_str(), x.actual.as_str()))
            .collect();
        assert_eq!(got, [("P15", "1.000")], "{f:?}");
        // The message names the peers by the ward's kind, not the
        // registry's "phường, xã".
        assert!(
            f[0].message
                .contains("gấp khoảng 9,9 lần mức thường gặp của các phường (khoảng 101)"),
            "{}",
            f[0].message
        );
        // `outlier_max` counts per indicator and column, whatever the kind:
        // a commune typed ten times too large too, and only the strongest
        // of the two is said when one is allowed.
        let mut all = all;
        all[2] = 3900.0;
        let s = wards(&t, &all);
        assert_eq!(outliers(&t, &s, &raw()).len(), 2);
        let one = CheckSettings {
            outlier_max: 1,
            ..raw()
        };
        assert_eq!(outliers(&t, &s, &one).len(), 1);
    }

    /// A balance (`may_be_negative`: a surplus or a deficit) has no usual
    /// size: the same figures that make an outlier of a count make none.
    #[test]
    fn a_balance_has_no_usual_size() {
        let t = Template::builtin().unwrap();
        let s = wards(&t, &[120.0, 130.0, 110.0, 125.0, 1250.0, 118.0]);
        let settings = CheckSettings {
            may_be_negative: ["HC02".to_string()].into_iter().collect(),
            ..raw()
        };
        assert!(outliers(&t, &s, &settings).is_empty());
        assert_eq!(outliers(&t, &s, &raw()).len(), 1);
    }

    #[test]
    fn the_threshold_is_configurable() {
        let t = Template::builtin().unwrap();
        let s = wards(&t, &[1200.0, 1300.0, 1100.0, 1250.0, 1600.0, 1180.0]);
        let settings = CheckSettings {
            outlier_threshold: 2.0,
            outlier_factor: 1.25,
            ..raw()
        };
        let f = outliers(&t, &s, &settings);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].actual, "1.600");
    }

    /// Scaled by a unit's own CK of 2, a count of 11 is 5,5 times its CK
    /// where the wards' usual is 1,1: far by the score and the factor, but
    /// a small count's swing from one year to the next, not a typo. 110
    /// where CK is 11 (a digit too many) is an outlier, and so is 110
    /// where CK is 2.
    #[test]
    fn a_small_counts_swing_is_no_outlier() {
        let t = Template::builtin().unwrap();
        let settings = CheckSettings {
            outlier_scale: OutlierScale::Column(ValueColumn::Ck),
            outlier_min_peers: 8,
            ..Default::default()
        };
        let mut values: Vec<(f64, f64)> = [
            (3.0, 3.0),
            (5.0, 4.0),
            (2.0, 2.0),
            (7.0, 6.0),
            (4.0, 4.0),
            (6.0, 5.0),
            (9.0, 8.0),
            (3.0, 3.0),
            (11.0, 2.0),
            (5.0, 5.0),
        ]
        .to_vec();
        assert!(
            outliers(&t, &wards_ck(&t, &values), &settings).is_empty(),
            "11 where CK is 2"
        );
        values[8] = (110.0, 11.0);
        values[0] = (110.0, 2.0);
        let f = outliers(&t, &wards_ck(&t, &values), &settings);
        let got: Vec<(&str, &str, &str)> = f
            .iter()
            .map(|x| (x.unit.as_str(), x.actual.as_str(), x.expected.as_str()))
            .collect();
        assert_eq!(got, [("P01", "110", "2"), ("P09", "110", "13")], "{f:?}");
    }

    #[test]
    fn a_lumpy_figure_a_few_times_its_peers_is_no_outlier() {
        // Fines (money) and a handful of late files come in lumps: five
        // times the peers' usual is a quarter like any other for them; a
        // slip's size (eight times and more) is still told. A count of a
        // few hundred five times its peers' is told as before.
        let t = Template::builtin().unwrap();
        let by = |code: &str, values: &[f64], decimals: u8| -> Vec<String> {
            let i = ind(&t, code);
            let s: Vec<Submission> = values
                .iter()
                .enumerate()
                .map(|(k, v)| {
                    sub_with(
                        &t,
                        &format!("P{:02}", k + 1),
                        vec![row(i, ValueColumn::Th, *v, decimals)],
                    )
                })
                .collect();
            outliers(&t, &s, &raw())
                .iter()
                .map(|f| format!("{}|{}", f.unit, f.actual))
                .collect()
        };
        let fines = [12.0, 10.0, 11.0, 9.0, 12.5, 10.5, 11.5];
        let fined = |x: f64| {
            let mut v = fines.to_vec();
            v[3] = x;
            v
        };
        assert!(by("VH03", &fined(55.0), 1).is_empty(), "fines 5× usual");
        assert_eq!(by("VH03", &fined(1100.0), 1), ["P04|1.100,0"]);
        let late = [4.0, 5.0, 3.0, 6.0, 4.0, 5.0, 4.0];
        let mut v = late.to_vec();
        v[2] = 26.0;
        assert!(
            by("HC04", &v, 0).is_empty(),
            "26 late files where 4 are usual"
        );
        v[2] = 60.0;
        assert_eq!(by("HC04", &v, 0), ["P03|60"]);
        let counts = [120.0, 130.0, 110.0, 125.0, 118.0, 122.0];
        let mut v = counts.to_vec();
        v[4] = 610.0;
        assert_eq!(by("HC02", &v, 0), ["P05|610"]);
    }

    #[test]
    fn a_lumpy_figure_ordinary_among_its_peers_is_no_outlier_for_its_scale() {
        // 200 files where the ward's own CK was 20: ten times its CK, but
        // as many as the other wards' (about 177); scaled by CK alone it
        // would be told. 2.000 is off the peers' figures too.
        let t = Template::builtin().unwrap();
        let settings = CheckSettings {
            outlier_scale: OutlierScale::Column(ValueColumn::Ck),
            outlier_min_peers: 5,
            ..Default::default()
        };
        let mut values = vec![
            (180.0, 170.0),
            (200.0, 190.0),
            (150.0, 160.0),
            (170.0, 180.0),
            (190.0, 185.0),
            (160.0, 150.0),
            (175.0, 170.0),
            (200.0, 20.0),
        ];
        assert!(outliers(&t, &wards_ck(&t, &values), &settings).is_empty());
        values[7] = (2000.0, 20.0);
        let f = outliers(&t, &wards_ck(&t, &values), &settings);
        let got: Vec<(&str, &str)> = f
            .iter()
            .map(|x| (x.unit.as_str(), x.actual.as_str()))
            .collect();
        assert_eq!(got, [("P08", "2.000")], "{f:?}");
    }

    #[test]
    fn a_th_typed_too_large_with_its_lk_is_told_not_the_ck_they_outvote() {
        // Phường 8 typed TH 500 for 5; its LK (507) carries the slip, and
        // the two are a hundred times its CK of 12, which is as ordinary
        // as the other wards'. The TH is the slip, not the CK.
        let t = Template::builtin().unwrap();
        let hc02 = ind(&t, "HC02");
        // A third quarter: LK about three times TH, CK about LK.
        let rows = [
            (10.0, 30.0, 31.0),
            (12.0, 35.0, 34.0),
            (8.0, 25.0, 27.0),
            (11.0, 33.0, 35.0),
            (9.0, 28.0, 30.0),
            (10.0, 31.0, 29.0),
            (12.0, 36.0, 37.0),
            (500.0, 507.0, 12.0),
        ];
        let s: Vec<Submission> = rows
            .iter()
            .enumerate()
            .map(|(k, (th, lk, ck))| {
                sub_with(
                    &t,
                    &format!("P{:02}", k + 1),
                    vec![
                        row(hc02, ValueColumn::Th, *th, 0),
                        row(hc02, ValueColumn::Lk, *lk, 0),
                        row(hc02, ValueColumn::Ck, *ck, 0),
                    ],
                )
            })
            .collect();
        let f = outliers(&t, &s, &raw());
        let got: Vec<(&str, &str, &str)> = f
            .iter()
            .map(|x| (x.unit.as_str(), x.column.as_str(), x.actual.as_str()))
            .collect();
        // Not the CK (said before, "about 1.000" where 12 is right).
        assert_eq!(got, [("P08", "TH", "500")], "{f:?}");
    }

    /// Wards ten times apart in size, each about 10 % above last year:
    /// raw figures make the largest look like outliers, figures per unit of
    /// last year's (the default) only the one typed ten times too large.
    #[test]
    fn units_of_different_sizes_are_compared_per_unit_of_size() {
        let t = Template::builtin().unwrap();
        let ck = [
            20.0, 35.0, 50.0, 80.0, 120.0, 150.0, 220.0, 300.0, 450.0, 900.0, 1500.0, 2400.0,
        ];
        let mut values: Vec<(f64, f64)> = ck
            .iter()
            .enumerate()
            .map(|(k, c)| ((c * (1.05 + 0.01 * k as f64)).round(), *c))
            .collect();
        // Phường 4 typed one digit too many.
        values[3].0 *= 10.0;
        let s = wards_ck(&t, &values);
        // Compared raw, the largest ward is far from the others, but in
        // line with its own CK: a large ward, not a typo, not said.
        let raw_found = outliers(&t, &s, &raw());
        assert!(!raw_found.iter().any(|f| f.unit == "P12"), "{raw_found:?}");
        let f = outliers(&t, &s, &CheckSettings::default());
        let got: Vec<(&str, &str, &str, &str)> = f
            .iter()
            .map(|x| {
                (
                    x.unit.as_str(),
                    x.column.as_str(),
                    x.expected.as_str(),
                    x.actual.as_str(),
                )
            })
            .collect();
        assert_eq!(got, [("P04", "TH", "89", "860")]);
        assert!(
            f[0].message.contains(
                "gấp khoảng 9,6 lần mức thường gặp của các phường: ở các phường, số cột TH thường bằng khoảng 1,1 lần số cột CK, mà số CK của chính đơn vị là 80"
            ),
            "{}",
            f[0].message
        );
        assert!(
            f[0].message
                .contains("so với số CK của đơn vị, con số thường gặp là khoảng 89"),
            "{}",
            f[0].message
        );
        // A ward without CK is left out, not compared raw.
        let mut s = s;
        s.push(sub_with(
            &t,
            "P13",
            vec![row(ind(&t, "HC02"), ValueColumn::Th, 99_999.0, 0)],
        ));
        assert_eq!(outliers(&t, &s, &CheckSettings::default()).len(), 1);
        // Fewer peers than the template asks for: nothing said.
        let few = CheckSettings {
            outlier_min_peers: 20,
            ..Default::default()
        };
        assert!(outliers(&t, &s, &few).is_empty());
    }

    /// The registry's sizes, when it has them, scale the figures (per head).
    #[test]
    fn the_registry_size_scales_the_figures() {
        let base = Template::builtin().unwrap();
        let mut agencies = String::from("code,kind,name,aliases,reports,size\n");
        let sizes: [f64; 10] = [
            2_000.0, 3_500.0, 5_000.0, 8_000.0, 12_000.0, 15_000.0, 22_000.0, 30_000.0, 45_000.0,
            90_000.0,
        ];
        for (k, size) in sizes.iter().enumerate() {
            agencies.push_str(&format!("P{:02},ward,Xã {},,yes,{size}\n", k + 1, k + 1));
        }
        let t = Template::from_texts(
            "t",
            crate::template::DEFAULT_TOML,
            crate::template::DEFAULT_INDICATORS,
            crate::template::DEFAULT_GROUPS,
            &agencies,
        )
        .unwrap();
        let _ = base;
        // About 3 applications per 100 people, but Xã 6 wrote 4.500 for
        // 525.
        let mut th: Vec<f64> = sizes
            .iter()
            .enumerate()
            .map(|(k, s)| (s * (0.03 + 0.001 * k as f64)).round())
            .collect();
        th[5] = 4_500.0;
        let s = wards(&t, &th);
        let f = outliers(&t, &s, &CheckSettings::default());
        let got: Vec<(&str, &str)> = f
            .iter()
            .map(|x| (x.unit.as_str(), x.actual.as_str()))
            .collect();
        assert_eq!(got, [("P06", "4.500")]);
        assert!(f[0].message.contains("các xã"), "{}", f[0].message);
        // Per 1,000 people, in the indicator's unit, against the
        // population: not "0,3" with nothing to read it by.
        assert!(
            f[0].message
                .contains("tức 300 hồ sơ trên 1.000 dân (dân số 15.000)")
                && f[0]
                    .message
                    .contains("với dân số của đơn vị, con số thường gặp là khoảng"),
            "{}",
            f[0].message
        );
        // An indicator the template keeps out of the outliers ("số tiêu
        // chí đạt được" is no quantity per head) is never said.
        let keep_out = CheckSettings {
            no_outliers: ["HC02".to_string()].into(),
            ..CheckSettings::default()
        };
        assert!(outliers(&t, &s, &keep_out).is_empty());
        // A figure below zero is a `value-negative` error, not an
        // outlier as well.
        th[5] = -4_500.0;
        assert!(outliers(&t, &wards(&t, &th), &CheckSettings::default()).is_empty());
    }

    /// Per head, a commune ten times poorer than the others in TH and CK
    /// alike is a commune unlike the others, not a typo: not said. One
    /// whose TH alone is ten times its CK's proportion is.
    #[test]
    fn a_figure_in_line_with_the_units_own_is_no_outlier() {
        let mut agencies = String::from("code,kind,name,aliases,reports,size\n");
        for k in 0..10 {
            agencies.push_str(&format!("P{:02},ward,Xã {},,yes,10000\n", k + 1, k + 1));
        }
        let t = Template::from_texts(
            "t",
            crate::template::DEFAULT_TOML,
            crate::template::DEFAULT_INDICATORS,
            crate::template::DEFAULT_GROUPS,
            &agencies,
        )
        .unwrap();
        let hc02 = ind(&t, "HC02");
        let subs = |poor: (f64, f64), typo: (f64, f64)| -> Vec<Submission> {
            (0..10)
                .map(|k| {
                    let (th, ck) = match k {
                        3 => poor,
                        6 => typo,
                        _ => (100.0 + k as f64, 95.0 + k as f64),
                    };
                    sub_with(
                        &t,
                        &format!("P{:02}", k + 1),
                        vec![
                            row(hc02, ValueColumn::Th, th, 0),
                            row(hc02, ValueColumn::Ck, ck, 0),
                        ],
                    )
                })
                .collect()
        };
        let size = CheckSettings {
            outlier_scale: OutlierScale::Size,
            ..Default::default()
        };
        let found = |s: &[Submission]| -> Vec<(String, String)> {
            let mut v: Vec<(String, String)> = outliers(&t, s, &size)
                .into_iter()
                .map(|f| (f.unit, f.column))
                .collect();
            v.sort();
            v
        };
        // Xã 4 is poor in TH and CK alike; Xã 7 typed TH a digit too long.
        assert_eq!(
            found(&subs((1_050.0, 990.0), (1_060.0, 101.0))),
            [("P07".to_string(), "TH".to_string())]
        );
        // Without its CK, Xã 4's TH has nothing of its own to be in line
        // with: said, as before.
        let mut s = subs((1_050.0, 990.0), (106.0, 101.0));
        s[3].rows.retain(|r| r.column == ValueColumn::Th);
        assert_eq!(found(&s), [("P04".to_string(), "TH".to_string())]);
    }

    /// A stock unchanged since last year (a mountain commune's forest,
    /// ten times the others' per head, LK = CK) is in line with its own
    /// figures, not a copy: not said. The same commune's LK ten times its
    /// CK is.
    #[test]
    fn an_unchanged_stock_is_in_line_with_its_own_figures() {
        let mut agencies = String::from("code,kind,name,aliases,reports,size\n");
        for k in 0..10 {
            agencies.push_str(&format!("P{:02},ward,Xã {},,yes,10000\n", k + 1, k + 1));
        }
        let t = Template::from_texts(
            "t",
            crate::template::DEFAULT_TOML,
            crate::template::DEFAULT_INDICATORS,
            crate::template::DEFAULT_GROUPS,
            &agencies,
        )
        .unwrap();
        let stock = ind(&t, "YT11a");
        assert_eq!(t.indicators[stock].kind, Kind::Stock);
        let subs = |big: (f64, f64)| -> Vec<Submission> {
            (0..10)
                .map(|k| {
                    let (lk, ck) = if k == 3 {
                        big
                    } else {
                        (100.0 + k as f64, 97.0 + k as f64)
                    };
                    sub_with(
                        &t,
                        &format!("P{:02}", k + 1),
                        vec![
                            row(stock, ValueColumn::Lk, lk, 0),
                            row(stock, ValueColumn::Ck, ck, 0),
                        ],
                    )
                })
                .collect()
        };
        let size = CheckSettings {
            outlier_scale: OutlierScale::Size,
            ..Default::default()
        };
        let lk_found = |s: &[Submission]| -> Vec<String> {
            outliers(&t, s, &size)
                .into_iter()
                .filter(|f| f.column == "LK")
                .map(|f| f.unit)
                .collect()
        };
        assert!(lk_found(&subs((1_050.0, 1_050.0))).is_empty());
        assert_eq!(lk_found(&subs((1_050.0, 103.0))), ["P04"]);
    }

    /// Three villages, far below `outlier_min_peers` (8): a herd typed
    /// ten times too large (10.580 where KH 1.000 and CK 900 say about
    /// 1.058) is an outlier all the same, against its own plan and last
    /// year's figure; a hundred times a small count too. The near misses:
    /// twice its plan (a good year), ten times last year's but in its
    /// plan (a new farm), ten times its plan but not last year's, a small
    /// count ten times its own, and a unit without KH.
    #[test]
    fn a_figure_ten_times_its_own_plan_and_last_year_is_an_outlier_without_peers() {
        let t = Template::builtin().unwrap();
        let stock = ind(&t, "YT11a");
        let subs = |odd: (f64, f64, f64)| -> Vec<Submission> {
            [odd, (820.0, 800.0, 790.0), (655.0, 640.0, 610.0)]
                .iter()
                .enumerate()
                .map(|(k, &(kh, th, ck))| {
                    let mut rows = vec![
                        row(stock, ValueColumn::Th, th, 0),
                        row(stock, ValueColumn::Lk, th, 0),
                        row(stock, ValueColumn::Ck, ck, 0),
                    ];
                    if kh > 0.0 {
                        rows.insert(0, row(stock, ValueColumn::Kh, kh, 0));
                    }
                    sub_with(&t, &format!("P{:02}", k + 1), rows)
                })
                .collect()
        };
        let settings = CheckSettings::default();
        assert_eq!(settings.outlier_min_peers, 8);
        let found = |odd| -> Vec<(String, String, String, String)> {
            outliers(&t, &subs(odd), &settings)
                .into_iter()
                .map(|f| (f.unit, f.column, f.expected, f.actual))
                .collect()
        };
        let one = |column: &str, expected: &str, actual: &str| {
            vec![(
                "P01".to_string(),
                column.to_string(),
                expected.to_string(),
                actual.to_string(),
            )]
        };
        assert_eq!(
            found((1000.0, 10580.0, 900.0)),
            one("TH", "1.058", "10.580")
        );
        let f = outliers(&t, &subs((1000.0, 10580.0, 900.0)), &settings);
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(
            f[0].message.contains(
                "ghi 10.580, gấp khoảng 10 lần cả kế hoạch và cùng kỳ của chính đơn vị (KH 1.000; CK 900)"
            ),
            "{}",
            f[0].message
        );
        assert_eq!(found((12.0, 1150.0, 11.0)), one("TH", "12", "1.150"));
        for near_miss in [
            (1000.0, 2000.0, 900.0),
            (10000.0, 10580.0, 900.0),
            (1000.0, 10580.0, 9000.0),
            (1000.0, 10580.0, 3000.0),
            (12.0, 115.0, 11.0),
        ] {
            assert_eq!(found(near_miss), [], "{near_miss:?}");
        }
        // Without a plan, this stock's CK alone tells the slip (see
        // `a_stock_ten_times_off_its_own_last_year_is_an_outlier`).
        assert_eq!(found((0.0, 10580.0, 900.0)), one("TH", "1.058", "10.580"));
    }

    /// A stock (a level: people under treatment) has no plan: ten times
    /// below its own last year's figure (10 where CK 99, a digit dropped)
    /// or above it is an outlier with the likely figure, with no peers to
    /// weigh it. A flow without a plan (applications early in the year),
    /// a stock halving, a CK of 0 or none, are not.
    #[test]
    fn a_stock_ten_times_off_its_own_last_year_is_an_outlier() {
        let t = Template::builtin().unwrap();
        let subs = |code: &str, odd: (f64, Option<f64>)| -> Vec<Submission> {
            let i = ind(&t, code);
            [odd, (120.0, Some(118.0)), (95.0, Some(97.0))]
                .iter()
                .enumerate()
                .map(|(k, &(th, ck))| {
                    let mut rows = vec![
                        row(i, ValueColumn::Th, th, 0),
                        row(i, ValueColumn::Lk, th, 0),
                    ];
                    if let Some(ck) = ck {
                        rows.push(row(i, ValueColumn::Ck, ck, 0));
                    }
                    sub_with(&t, &format!("P{:02}", k + 1), rows)
                })
                .collect()
        };
        let settings = CheckSettings::default();
        let found = |code: &str, odd| -> Vec<(String, String, String, String)> {
            outliers(&t, &subs(code, odd), &settings)
                .into_iter()
                .map(|f| (f.unit, f.column, f.expected, f.actual))
                .collect()
        };
        let one = |column: &str, expected: &str, actual: &str| {
            vec![(
                "P01".to_string(),
                column.to_string(),
                expected.to_string(),
                actual.to_string(),
            )]
        };
        assert_eq!(found("YT11a", (10.0, Some(99.0))), one("TH", "100", "10"));
        let f = outliers(&t, &subs("YT11a", (10.0, Some(99.0))), &settings);
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(
            f[0].message.contains(
                "ghi 10, chỉ bằng khoảng 1/10 số cùng kỳ của chính đơn vị (CK 99), trong khi đây là số hiện có cuối kỳ"
            ),
            "{}",
            f[0].message
        );
        assert!(f[0].message.contains("con số đúng có lẽ là khoảng 100."));
        assert_eq!(found("YT11a", (1.0, Some(990.0))), one("TH", "1.000", "1"));
        assert_eq!(found("YT11a", (990.0, Some(99.0))), one("TH", "99", "990"));
        // With a plan: a tenth of both KH and CK is said (a digit dropped,
        // tester CC: 39 where KH 395, CK 388); a plan the level does not
        // stand a tenth of keeps it unsaid (the plan foresaw the fall).
        let planned = |th: f64, kh: f64| -> Vec<(String, String, String, String)> {
            let i = ind(&t, "YT11a");
            let subs: Vec<Submission> = [
                (th, kh, 388.0),
                (410.0, 400.0, 395.0),
                (300.0, 310.0, 290.0),
            ]
            .iter()
            .enumerate()
            .map(|(k, &(th, kh, ck))| {
                sub_with(
                    &t,
                    &format!("P{:02}", k + 1),
                    vec![
                        row(i, ValueColumn::Kh, kh, 0),
                        row(i, ValueColumn::Th, th, 0),
                        row(i, ValueColumn::Lk, th, 0),
                        row(i, ValueColumn::Ck, 388.0_f64.min(ck), 0),
                    ],
                )
            })
            .collect();
            outliers(&t, &subs, &settings)
                .into_iter()
                .map(|f| (f.unit, f.column, f.expected, f.actual))
                .collect()
        };
        assert_eq!(planned(39.0, 395.0), one("TH", "390", "39"));
        assert_eq!(planned(39.0, 40.0), []);
        assert_eq!(planned(200.0, 395.0), []);
        for near_miss in [
            ("YT11a", (50.0, Some(99.0))),
            ("YT11a", (10.0, Some(0.0))),
            ("YT11a", (10.0, None)),
            ("YT11a", (2.0, Some(19.0))),
            ("HC02", (10.0, Some(99.0))),
            ("HC02", (990.0, Some(99.0))),
        ] {
            assert_eq!(found(near_miss.0, near_miss.1), [], "{near_miss:?}");
        }
    }

    /// Wards of every size, compared raw: a TH typed a digit too long is
    /// within the peers' spread, but off the ward's own KH and CK, which
    /// agree with each other: said, with the figure they suggest. A small
    /// count's swing (12 where 3 is usual) is not.
    #[test]
    fn a_figure_off_its_own_other_figures_is_an_outlier() {
        let t = Template::builtin().unwrap();
        let hc02 = ind(&t, "HC02");
        let sizes = [
            100.0, 150.0, 240.0, 300.0, 500.0, 800.0, 1200.0, 2000.0, 3500.0, 5000.0,
        ];
        let subs = |typo: (usize, f64)| -> Vec<Submission> {
            sizes
                .iter()
                .enumerate()
                .map(|(k, &n)| {
                    let th = if k == typo.0 { typo.1 } else { n };
                    sub_with(
                        &t,
                        &format!("P{:02}", k + 1),
                        vec![
                            row(hc02, ValueColumn::Kh, n * 4.0, 0),
                            row(hc02, ValueColumn::Th, th, 0),
                            row(hc02, ValueColumn::Ck, (n * 0.95).round(), 0),
                        ],
                    )
                })
                .collect()
        };
        let f = outliers(&t, &subs((3, 3000.0)), &raw());
        let got: Vec<(&str, &str, &str, &str)> = f
            .iter()
            .map(|x| {
                (
                    x.unit.as_str(),
                    x.column.as_str(),
                    x.expected.as_str(),
                    x.actual.as_str(),
                )
            })
            .collect();
        // The figure they suggest is by the proportions usual among the
        // wards that state both (TH a quarter of KH, about CK ÷ 0,95):
        // 300, the ward's own figure before the typo. (The peers' medians
        // of each column, 1.000 for TH over 2.600 for KH and 650 for CK,
        // taken over different wards, gave about 462.)
        assert_eq!(got, [("P04", "TH", "300", "3.000")], "{f:?}");
        assert!(
            f[0].message.contains(
                "lệch khoảng 10 lần so với các số khác của chính đơn vị (KH 1.200; CK 285)"
            ),
            "{}",
            f[0].message
        );
        // A small ward's 12 where its own KH and CK suggest about 5: a
        // small count's swing, not a typo worth a warning.
        let mut small = subs((0, 400.0));
        small[0] = sub_with(
            &t,
            "P01",
            vec![
                row(hc02, ValueColumn::Kh, 12.0, 0),
                row(hc02, ValueColumn::Th, 12.0, 0),
                row(hc02, ValueColumn::Ck, 3.0, 0),
            ],
        );
        assert!(outliers(&t, &small, &raw()).is_empty());
    }

    /// Off its own figures, a slip in zeros is said, a quarter's swing is
    /// not: 8 times at least; for money, a small count or CK against this
    /// year's, near a hundred times or more.
    #[test]
    fn only_a_slip_is_off_its_own_figures() {
        for (times, lumpy, said) in [
            (3.0, false, false),
            (7.9, false, false),
            (8.0, false, true),
            (9.1, false, true),
            (30.0, false, true),
            (3.0, true, false),
            (7.0, true, false),
            (10.0, true, false),
            (30.0, true, false),
            (79.0, true, false),
            (99.0, true, true),
            (125.0, true, true),
            (126.0, true, false),
            (1_000.0, true, true),
        ] {
            assert_eq!(a_slip(times, lumpy), said, "{times} {lumpy}");
        }
    }

    /// At most `outlier_max` per indicator and column, the strongest.
    #[test]
    fn only_the_strongest_few_are_reported() {
        let t = Template::builtin().unwrap();
        let mut th = vec![100.0; 12];
        for (k, v) in [
            (1, 2_000.0),
            (3, 5_000.0),
            (5, 900.0),
            (7, 3_000.0),
            (9, 4_000.0),
        ] {
            th[k] = v;
        }
        // Not all equal, so that the spread is not zero.
        for (k, x) in th.iter_mut().enumerate() {
            *x += k as f64;
        }
        let s = wards(&t, &th);
        let f = outliers(&t, &s, &raw());
        let mut got: Vec<&str> = f.iter().map(|x| x.unit.as_str()).collect();
        got.sort();
        assert_eq!(got, ["P04", "P08", "P10"]);
    }
}
