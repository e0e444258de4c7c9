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
use crate::diagnostic::{Code, Finding, Lang};
use crate::model::ValueColumn;
use crate::normalize::number::{format_auto, format_num};
use crate::normalize::submission::{Submission, TidyRow};
use crate::template::{AgencyKind, Kind, Template};
use std::collections::BTreeMap;

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

/// `outlier` warnings for the wards' quantities (KH, TH, LK, CK).
///
/// Two passes over the figures, so that memory holds the wards' values
/// (8 bytes each) and not references to every figure: the first gathers
/// each (indicator, column)'s values and works out its median and MAD,
/// the second scores every figure against them.
pub fn check_outliers(
    subs: &[&Submission],
    template: &Template,
    settings: &CheckSettings,
    lang: Lang,
) -> Vec<Finding> {
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
    let wards: Vec<&Submission> = subs.iter().copied().filter(|s| is_ward(s)).collect();
    let mut values: BTreeMap<(usize, ValueColumn), Vec<f64>> = BTreeMap::new();
    for s in &wards {
        for r in s.rows.iter().filter(|r| scored(r)) {
            values.entry((r.ind(), r.column)).or_default().push(r.value);
        }
    }
    // (median, MAD) of every group worth scoring.
    let spread: BTreeMap<(usize, ValueColumn), (f64, f64)> = values
        .into_iter()
        .filter_map(|(key, mut v)| {
            if v.len() < MIN_WARDS {
                return None;
            }
            let med = median(&mut v)?;
            for x in v.iter_mut() {
                *x = (*x - med).abs();
            }
            let mad = median(&mut v)?;
            (mad > 0.0).then_some((key, (med, mad)))
        })
        .collect();
    let mut out = Vec::new();
    for s in &wards {
        for r in s.rows.iter().filter(|r| scored(r)) {
            let (indicator, column) = (r.ind(), r.column);
            let Some(&(med, mad)) = spread.get(&(indicator, column)) else {
                continue;
            };
            let score = MAD_SCALE * (r.value - med).abs() / mad;
            if score <= settings.outlier_threshold {
                continue;
            }
            let unit_name = s
                .unit
                .and_then(|u| template.agencies.get(u))
                .map(|a| a.name.clone())
                .unwrap_or_default();
            let d = r.decimals.min(4);
            let (x, m) = (format_num(r.value, d, lang), format_auto(med, 2, lang));
            let sc = format_num(score, 1, lang);
            let th = format_auto(settings.outlier_threshold, 2, lang);
            let what = indicator_words(template, indicator);
            let text = lang.text(format!("{unit_name}: {what} (cột {column}) ghi {x}, khác xa các phường khác (trung vị {m}; điểm lệch {sc} > {th}). Hãy kiểm tra lại: có thể thừa, thiếu chữ số hoặc ghi nhầm đơn vị."),
                format!("{unit_name}: {what} (column {column}) is {x}, far from the other wards (median {m}; score {sc} > {th}). Check it: a digit too many or too few, or the wrong unit."),
            );
            out.push(
                at_row(Finding::warning(Code::Outlier, text), template, s, r)
                    .expected(m)
                    .actual(x),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let f = check_outliers(&refs, &t, &CheckSettings::default(), Lang::Vi);
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
        assert!(check_outliers(&refs, &t, &settings, Lang::Vi).is_empty());
        // Fewer than five wards.
        let s = wards(&t, &[120.0, 130.0, 110.0, 1250.0]);
        let refs: Vec<&Submission> = s.iter().collect();
        assert!(check_outliers(&refs, &t, &settings, Lang::Vi).is_empty());
        // MAD = 0: most wards state the same figure.
        let s = wards(&t, &[0.0, 0.0, 0.0, 0.0, 3.0, 0.0]);
        let refs: Vec<&Submission> = s.iter().collect();
        assert!(check_outliers(&refs, &t, &settings, Lang::Vi).is_empty());
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
        let f = check_outliers(&refs, &t, &settings, Lang::Vi);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].actual, "160");
    }
}
