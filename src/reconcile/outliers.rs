//! Outliers among the wards: per indicator and column, a ward's figure far
//! from the others' is worth a second look (a digit too many, a figure in
//! the wrong unit). The score is robust, so that the outlier itself does
//! not hide it:
//!
//! ```text
//! score = 0,6745 × |x − median| / MAD      MAD = median |x − median|
//! ```
//!
//! Above `[checks] outlier_threshold` (default 5) the figure is an
//! `outlier` (a warning). Skipped with fewer than 5 wards, or when MAD = 0
//! (most wards state the same figure: nothing to measure against). Rates
//! are left out: they are bounded, wards' rates differ for good reasons,
//! and a mistyped rate is caught against its formula.

use super::checks::{at_row, indicator_words, CheckSettings};
use super::column_index;
use crate::diagnostic::{Code, Finding, Lang};
use crate::error::Fatal;
use crate::normalize::number::{format_auto, format_num};
use crate::normalize::store::Figures;
use crate::normalize::submission::{Submission, TidyRow};
use crate::template::{AgencyKind, Kind, Template};

/// The fewest wards among which an outlier means something.
pub const MIN_WARDS: usize = 5;

/// The scale that makes MAD estimate a standard deviation under normality.
const MAD_SCALE: f64 = 0.6745;

fn median(v: &mut [f64]) -> Option<f64> {
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

/// `outlier` warnings for the wards' quantities (KH, TH, LK, CK).
///
/// Passes over the chunks of units: one counts each (indicator, column)'s
/// figures, one per batch of groups (see [`VALUES_PER_PASS`]) gathers their
/// values and works out the median and MAD, and a last one scores every
/// figure against them.
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn check_outliers(
    figures: &Figures,
    template: &Template,
    settings: &CheckSettings,
    lang: Lang,
) -> Result<Vec<Finding>, Fatal> {
    let is_ward = |s: &Submission| {
        s.unit
            .and_then(|u| template.agencies.get(u))
            .is_some_and(|a| a.kind == AgencyKind::Ward)
    };
    let scored = |r: &TidyRow| {
        !r.column.is_percent()
            && !template
                .indicators
                .get(r.ind())
                .is_some_and(|i| i.kind == Kind::Rate)
    };
    // A group is (indicator, column), numbered indicator × 6 + column.
    let group = |r: &TidyRow| r.ind() * 6 + column_index(r.column);
    let groups = template.indicators.len() * 6;
    let ward_rows = |f: &mut dyn FnMut(&Submission, &TidyRow)| {
        figures.each_chunk(|chunk| {
            for s in chunk.iter().filter(|s| is_ward(s)) {
                for r in s
                    .rows
                    .iter()
                    .filter(|r| scored(r) && r.ind() < template.indicators.len())
                {
                    f(s, r);
                }
            }
            Ok(())
        })
    };
    let mut count = vec![0usize; groups];
    ward_rows(&mut |_, r| count[group(r)] += 1)?;
    // (median, MAD) of every group worth scoring.
    let mut spread: Vec<Option<(f64, f64)>> = vec![None; groups];
    let worth: Vec<usize> = (0..groups).filter(|&g| count[g] >= MIN_WARDS).collect();
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
        ward_rows(&mut |_, r| {
            if let Some(k) = slot[group(r)] {
                values[k].push(r.value);
            }
        })?;
        for (&g, mut v) in batch.iter().zip(values) {
            let Some(med) = median(&mut v) else { continue };
            for x in v.iter_mut() {
                *x = (*x - med).abs();
            }
            if let Some(mad) = median(&mut v).filter(|&m| m > 0.0) {
                spread[g] = Some((med, mad));
            }
        }
    }
    let mut out = Vec::new();
    ward_rows(&mut |s, r| {
        let Some((med, mad)) = spread[group(r)] else {
            return;
        };
        let (indicator, column) = (r.ind(), r.column);
        let score = MAD_SCALE * (r.value - med).abs() / mad;
        if score <= settings.outlier_threshold {
            return;
        }
        let unit_name = s
            .unit
            .and_then(|u| template.agencies.get(u))
            .map(|a| a.name.clone())
            .unwrap_or_default();
        let d = r.shown_decimals().min(4);
        let (x, m) = (format_num(r.value, d, lang), format_auto(med, 2, lang));
        let sc = format_num(score, 1, lang);
        let th = format_auto(settings.outlier_threshold, 2, lang);
        let what = indicator_words(template, indicator);
        let words = template.level_words();
        let (uv, ue) = (&words.units_vi, &words.units_en);
        let text = lang.text(format!("{unit_name}: {what} (cột {column}) ghi {x}, khác xa các {uv} khác (trung vị {m}; điểm lệch {sc} > {th}). Hãy kiểm tra lại: có thể thừa, thiếu chữ số hoặc ghi nhầm đơn vị."),
            format!("{unit_name}: {what} (column {column}) is {x}, far from the other {ue} (median {m}; score {sc} > {th}). Check it: a digit too many or too few, or the wrong unit."),
        );
        out.push(
            at_row(Finding::warning(Code::Outlier, text), template, s, r)
                .expected(m)
                .actual(x),
        );
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ValueColumn;
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

    #[test]
    fn a_figure_far_from_the_median_is_an_outlier() {
        let t = Template::builtin().unwrap();
        let s = wards(&t, &[120.0, 130.0, 110.0, 125.0, 1250.0, 118.0]);
        let refs: Vec<&Submission> = s.iter().collect();
        let f = check_outliers(
            &Figures::in_memory(&refs),
            &t,
            &CheckSettings::default(),
            Lang::Vi,
        )
        .unwrap();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].code, Code::Outlier);
        assert_eq!(
            (
                f[0].unit.as_str(),
                f[0].expected.as_str(),
                f[0].actual.as_str()
            ),
            ("P05", "122,5", "1.250")
        );
    }

    #[test]
    fn near_misses_are_not_outliers() {
        let t = Template::builtin().unwrap();
        let settings = CheckSettings::default();
        // Spread out but no figure far from the rest.
        let s = wards(&t, &[120.0, 130.0, 110.0, 125.0, 160.0, 118.0]);
        let refs: Vec<&Submission> = s.iter().collect();
        assert!(
            check_outliers(&Figures::in_memory(&refs), &t, &settings, Lang::Vi)
                .unwrap()
                .is_empty()
        );
        // Fewer than five wards.
        let s = wards(&t, &[120.0, 130.0, 110.0, 1250.0]);
        let refs: Vec<&Submission> = s.iter().collect();
        assert!(
            check_outliers(&Figures::in_memory(&refs), &t, &settings, Lang::Vi)
                .unwrap()
                .is_empty()
        );
        // MAD = 0: most wards state the same figure.
        let s = wards(&t, &[0.0, 0.0, 0.0, 0.0, 3.0, 0.0]);
        let refs: Vec<&Submission> = s.iter().collect();
        assert!(
            check_outliers(&Figures::in_memory(&refs), &t, &settings, Lang::Vi)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn the_threshold_is_configurable() {
        let t = Template::builtin().unwrap();
        let s = wards(&t, &[120.0, 130.0, 110.0, 125.0, 160.0, 118.0]);
        let refs: Vec<&Submission> = s.iter().collect();
        let settings = CheckSettings {
            outlier_threshold: 2.0,
            ..Default::default()
        };
        let f = check_outliers(&Figures::in_memory(&refs), &t, &settings, Lang::Vi).unwrap();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].actual, "160");
    }
}
