//! The departments' district figures against the wards'. For an indicator
//! of level `both`, the responsible department (`reported_by`) states the
//! district figure and every ward states its own; the district figure must
//! equal the sum of the wards' within the half-units of every figure
//! (`total-mismatch`). The finding lists the wards' figures and points at
//! the row of the "Chi tiết theo đơn vị" sheet that shows them side by
//! side.
//!
//! When some wards that report have not sent their figures the sum is
//! partial; the finding says so. When a ward's own figure that enters the
//! sum is already an error (its parts do not add up, it is negative…), the
//! comparison waits for that figure to be corrected: the difference would
//! only repeat the ward's mistake.

use super::checks::{at_row, indicator_words};
use super::{column_index, half_unit, Totals};
use crate::diagnostic::{Code, Finding, Lang, Severity};
use crate::error::Fatal;
use crate::normalize::number::format_num;
use crate::normalize::store::Figures;
use crate::normalize::submission::{Submission, TidyRow};
use crate::template::{AgencyKind, Kind, Level, Template};
use std::collections::HashSet;

/// How many wards a message lists before it points to the detail sheet
/// only.
const LISTED_WARDS: usize = 20;

/// A department's figure that differs from the wards' sum, and the wards'
/// figures gathered for its message.
struct Mismatch {
    /// Index of the department in [`Figures::subs`].
    dept: usize,
    row: TidyRow,
    sum: f64,
    contributors: u32,
    /// The first [`LISTED_WARDS`] wards' names and figures.
    listed: Vec<(String, f64)>,
    /// How many wards state the figure; the most decimals among them.
    wards: usize,
    decimals: u8,
    /// A ward's figure that enters the sum is already an error.
    held_back: bool,
}

/// `total-mismatch` for every level-`both` figure of a responsible
/// department that differs from the sum of the wards.
///
/// `known` are the findings already made: a ward's error on a figure
/// (unit, indicator, column) that enters the sum holds the comparison back.
/// The departments' figures are compared with the totals first; only when
/// some differ are the wards' figures read, one pass over the chunks.
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn check_department_totals(
    figures: &Figures,
    totals: &Totals,
    template: &Template,
    known: &[Finding],
    lang: Lang,
) -> Result<Vec<Finding>, Fatal> {
    let wrong: HashSet<(&str, &str, &str)> = known
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| (f.unit.as_str(), f.indicator.as_str(), f.column.as_str()))
        .collect();
    let agency = |s: &Submission| s.unit.and_then(|u| template.agencies.get(u));
    let expected_wards = template
        .agencies
        .iter()
        .filter(|a| a.kind == AgencyKind::Ward && a.reports)
        .count();
    let mut found: Vec<Mismatch> = Vec::new();
    for (k, sub) in figures.subs().iter().enumerate() {
        let Some(dept) = agency(sub) else { continue };
        if dept.kind == AgencyKind::Ward {
            continue;
        }
        let sub = figures.unit(k)?;
        for r in &sub.rows {
            let Some(ind) = template.indicators.get(r.ind()) else {
                continue;
            };
            if ind.level != Level::Both
                || ind.kind == Kind::Rate
                || ind.reported_by != dept.code
                || r.column.is_percent()
            {
                continue;
            }
            let ci = column_index(r.column);
            let contributors = totals.contributors.get(r.ind()).map(|c| c[ci]).unwrap_or(0);
            let Some(sum) = totals.get(r.ind(), r.column) else {
                continue;
            };
            if contributors == 0 {
                continue;
            }
            let tol = half_unit(r.decimals)
                + totals.tolerance.get(r.ind()).map(|t| t[ci]).unwrap_or(0.0)
                + 1e-9;
            if (r.value - sum).abs() <= tol {
                continue;
            }
            found.push(Mismatch {
                dept: k,
                row: r.clone(),
                sum,
                contributors,
                listed: Vec::new(),
                wards: 0,
                decimals: r.decimals,
                held_back: false,
            });
        }
    }
    if found.is_empty() {
        return Ok(Vec::new());
    }
    figures.each_chunk(|chunk| {
        for w in chunk {
            let Some(a) = agency(w).filter(|a| a.kind == AgencyKind::Ward) else {
                continue;
            };
            for m in &mut found {
                let Some(x) = w.figure(m.row.ind(), m.row.column) else {
                    continue;
                };
                let code = template.indicators[m.row.ind()].code.as_str();
                if wrong.contains(&(a.code.as_str(), code, m.row.column.as_str())) {
                    m.held_back = true;
                }
                if m.listed.len() < LISTED_WARDS {
                    m.listed.push((a.name.clone(), x.value));
                }
                m.wards += 1;
                m.decimals = m.decimals.max(x.decimals);
            }
        }
        Ok(())
    })?;
    let mut out = Vec::new();
    for m in found.iter().filter(|m| !m.held_back) {
        let sub = figures.subs()[m.dept];
        let (Some(dept), Some(ind)) = (agency(sub), template.indicators.get(m.row.ind())) else {
            continue;
        };
        let (r, sum, contributors) = (&m.row, m.sum, m.contributors);
        let d = m.decimals.min(4);
        let f = |v: f64| format_num(v, d, lang);
        let mut listed: Vec<String> = m
            .listed
            .iter()
            .map(|(n, v)| format!("{n} {}", f(*v)))
            .collect();
        if m.wards > LISTED_WARDS {
            listed.push("…".into());
        }
        let listed = listed.join("; ");
        let complete = contributors as usize >= expected_wards;
        let what = indicator_words(template, r.ind());
        let column = r.column;
        let detail = lang.pick("Chi tiết theo đơn vị", "Detail by unit");
        let partial = if complete {
            String::new()
        } else {
            lang.text(format!(" Mới có {contributors}/{expected_wards} phường báo cáo chỉ tiêu này, nên chênh lệch có thể do số liệu chưa đủ."),
                format!(" Only {contributors} of {expected_wards} wards reported it, so the sum may be incomplete."),
            )
        };
        let text = lang.text(format!("{}: {what} (cột {column}) toàn quận ghi {} nhưng tổng của {contributors} phường là {} ({listed}; xem trang «{detail}», dòng {} {column}).{partial} Hãy đối chiếu số liệu với các phường.", dept.name, f(r.value), f(sum), ind.code),
            format!("{}: {what} (column {column}) states {} for the district but its {contributors} wards add up to {} ({listed}; see sheet «{detail}», row {} {column}).{partial} Reconcile the figures with the wards.", dept.name, f(r.value), f(sum), ind.code),
        );
        out.push(
            at_row(Finding::error(Code::TotalMismatch, text), template, sub, r)
                .expected(f(sum))
                .actual(f(r.value)),
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ValueColumn;
    use crate::normalize::store::Figures;
    use crate::reconcile::checks::testutil::{ind, row, sub_with};
    use crate::reconcile::consolidate;

    #[test]
    fn a_department_total_is_compared_with_the_wards_sum() {
        let t = Template::builtin().unwrap();
        let hc02 = ind(&t, "HC02");
        let wards: Vec<Submission> = (1..=16)
            .map(|k| {
                sub_with(
                    &t,
                    &format!("P{k:02}"),
                    vec![row(hc02, ValueColumn::Th, 100.0 + k as f64, 0)],
                )
            })
            .collect();
        // 16 × 100 + (1 + … + 16) = 1.736
        let vp_wrong = sub_with(&t, "VP", vec![row(hc02, ValueColumn::Th, 1763.0, 0)]);
        let vp_right = sub_with(&t, "VP", vec![row(hc02, ValueColumn::Th, 1736.0, 0)]);
        let mut subs: Vec<&Submission> = wards.iter().collect();
        subs.push(&vp_wrong);
        let totals = consolidate(&Figures::in_memory(&subs), &t).unwrap();
        let f = check_department_totals(&Figures::in_memory(&subs), &totals, &t, &[], Lang::Vi)
            .unwrap();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].code, Code::TotalMismatch);
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(
            (
                f[0].unit.as_str(),
                f[0].expected.as_str(),
                f[0].actual.as_str()
            ),
            ("VP", "1.736", "1.763")
        );
        assert!(f[0].message.contains("Phường 16 116"), "{}", f[0].message);
        assert!(f[0].message.contains("Chi tiết theo đơn vị"));
        subs.pop();
        subs.push(&vp_right);
        assert!(
            check_department_totals(&Figures::in_memory(&subs), &totals, &t, &[], Lang::Vi)
                .unwrap()
                .is_empty()
        );
        // With wards missing the message says the sum is partial.
        let few: Vec<&Submission> = wards.iter().take(3).chain([&vp_wrong]).collect();
        let totals = consolidate(&Figures::in_memory(&few), &t).unwrap();
        let f =
            check_department_totals(&Figures::in_memory(&few), &totals, &t, &[], Lang::En).unwrap();
        assert_eq!(f[0].severity, Severity::Error);
        assert!(
            f[0].message.contains("Only 3 of 16 wards"),
            "{}",
            f[0].message
        );
        // A ward's figure already in error holds the comparison back.
        let known = [Finding::error(Code::SumMismatch, "x")
            .unit("P02")
            .indicator("HC02")
            .column("TH")];
        assert!(
            check_department_totals(&Figures::in_memory(&few), &totals, &t, &known, Lang::En)
                .unwrap()
                .is_empty()
        );
    }
}
