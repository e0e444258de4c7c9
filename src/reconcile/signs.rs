//! Signs: a count, an amount, a plan or a percent of plan below zero is a
//! typing mistake (`value-negative`). What may be negative:
//!
//! ```text
//! %CK written as growth    a fall is negative ("giảm 0,73%" = −0,73)
//! %CK with its LK and CK   judged against them (`pct-kind`, `pct-mismatch`)
//! %KH of a rate with its   judged against them: the difference in points
//!   LK and KH              (91,21 − 95 = −3,79) is a way to write it
//! indicators listed in     [checks] may_be_negative = ["…"] (a balance,
//! template.toml            a net change)
//! ```

use super::checks::{at_row, indicator_words, unit_of, CheckSettings};
use crate::diagnostic::{Finding, Lang, Severity};
use crate::messages::Checked;
use crate::model::ValueColumn;
use crate::normalize::submission::Submission;
use crate::number::format_num;
use crate::template::{CkConvention, Kind, Template};

/// `value-negative` for every figure of a submission that cannot be below
/// zero but is.
pub fn check_signs(
    sub: &Submission,
    template: &Template,
    settings: &CheckSettings,
    lang: Lang,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let (_, unit_name) = unit_of(template, sub);
    for r in &sub.rows {
        if r.value >= 0.0 {
            continue;
        }
        let Some(ind) = template.indicators.get(r.ind()) else {
            continue;
        };
        if settings.may_be_negative.contains(&ind.code) {
            continue;
        }
        if r.column == ValueColumn::PctCk
            && (template.settings.ck_convention == CkConvention::Growth
                // A column that says it holds the growth ("giảm 2,35%").
                || sub.says_growth(r)
                // A ratio below zero with its operands at hand is judged
                // against them (`pct-kind` when it is the growth), once.
                || (sub.figure(r.ind(), ValueColumn::Lk).is_some()
                    && sub.figure(r.ind(), ValueColumn::Ck).is_some()))
        {
            continue;
        }
        // A rate's %KH may be written as the difference in points, which
        // is below zero when the plan is not reached: with its LK and KH
        // at hand the percentage check judges it, once.
        if r.column == ValueColumn::PctKh
            && ind.kind == Kind::Rate
            && sub.figure(r.ind(), ValueColumn::Lk).is_some()
            && sub.figure(r.ind(), ValueColumn::Kh).is_some()
        {
            continue;
        }
        let what = indicator_words(template, r.ind());
        let v = format_num(r.value, r.quoted_decimals(), lang);
        let column = r.column;
        // An amount of money may go below zero on purpose (an advance
        // returned, «thu hồi tạm ứng»): the office is told how to allow
        // it, the unit asked to confirm its sign.
        let money = crate::number::money_factor(&ind.unit).is_some();
        let said = |to_unit: bool| Checked::Negative {
            unit: &unit_name,
            what: &what,
            column,
            value: &v,
            money,
            to_unit,
        };
        let mut f = at_row(
            Finding::said(Severity::Error, &said(false), lang),
            template,
            sub,
            r,
        )
        .expected("≥ 0")
        .actual(v.clone());
        if money {
            f = f.told_unit(&said(true), lang);
        }
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::reconcile::checks::testutil::{row, sub_with};

    #[test]
    fn a_negative_count_is_flagged_and_a_fall_in_growth_is_not() {
        let t = Template::builtin().unwrap();
        let hc02 = t.indicator_index("HC02").unwrap();
        let s = sub_with(
            &t,
            "P05",
            vec![
                row(hc02, ValueColumn::Th, -12.0, 0),
                row(hc02, ValueColumn::PctCk, -0.73, 2),
                row(hc02, ValueColumn::Lk, 0.0, 0),
            ],
        );
        let f = check_signs(&s, &t, &CheckSettings::default(), Lang::Vi);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].code, Code::ValueNegative);
        assert_eq!(
            (f[0].unit.as_str(), f[0].cell.as_str(), f[0].column.as_str()),
            ("P05", "E10", "TH")
        );
        assert_eq!(
            (f[0].expected.as_str(), f[0].actual.as_str()),
            ("≥ 0", "-12")
        );
        assert!(
            f[0].message.contains("Phường 5")
                && f[0]
                    .message
                    .contains("Hồ sơ thủ tục hành chính đã giải quyết")
        );
    }

    /// Under the ratio convention a %CK below zero is a sign error only
    /// when its LK and CK are not there to judge it by (the percentage
    /// check says `pct-kind` of a growth written for the ratio, once).
    #[test]
    fn a_negative_ratio_is_judged_by_its_operands_when_it_has_them() {
        let mut t = Template::builtin().unwrap();
        t.settings.ck_convention = CkConvention::Ratio;
        let hc02 = t.indicator_index("HC02").unwrap();
        let pct = row(hc02, ValueColumn::PctCk, -4.72, 2);
        let with = sub_with(
            &t,
            "P05",
            vec![
                row(hc02, ValueColumn::Lk, 95.28, 2),
                row(hc02, ValueColumn::Ck, 100.0, 0),
                pct.clone(),
            ],
        );
        assert!(check_signs(&with, &t, &CheckSettings::default(), Lang::Vi).is_empty());
        let without = sub_with(&t, "P05", vec![pct]);
        assert_eq!(
            check_signs(&without, &t, &CheckSettings::default(), Lang::Vi).len(),
            1
        );
    }

    /// A rate's %KH written as the difference in points (91,21 − 95 =
    /// −3,79) is below zero when the plan is not reached: with its LK and
    /// KH it is judged by them. A count's negative %KH stays an error.
    #[test]
    fn a_rates_pct_kh_in_points_may_be_negative_a_counts_may_not() {
        let t = Template::builtin().unwrap();
        let (hc05, hc02) = (
            t.indicator_index("HC05").unwrap(),
            t.indicator_index("HC02").unwrap(),
        );
        let s = sub_with(
            &t,
            "P05",
            vec![
                row(hc05, ValueColumn::Kh, 95.0, 0),
                row(hc05, ValueColumn::Lk, 91.21, 2),
                row(hc05, ValueColumn::PctKh, -3.79, 2),
                row(hc02, ValueColumn::Kh, 100.0, 0),
                row(hc02, ValueColumn::Lk, 96.0, 0),
                row(hc02, ValueColumn::PctKh, -4.0, 0),
            ],
        );
        let f = check_signs(&s, &t, &CheckSettings::default(), Lang::Vi);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].indicator.as_str(), f[0].column.as_str()),
            ("HC02", "%KH")
        );
        // Without its KH, nothing judges the rate's %KH: its sign is said.
        let alone = sub_with(&t, "P05", vec![row(hc05, ValueColumn::PctKh, -3.79, 2)]);
        assert_eq!(
            check_signs(&alone, &t, &CheckSettings::default(), Lang::Vi).len(),
            1
        );
    }

    #[test]
    fn listed_indicators_may_be_negative() {
        let t = Template::builtin().unwrap();
        let ns03 = t.indicator_index("NS03").unwrap();
        let s = sub_with(&t, "P05", vec![row(ns03, ValueColumn::Th, -1.5, 1)]);
        let mut settings = CheckSettings::default();
        assert_eq!(check_signs(&s, &t, &settings, Lang::En).len(), 1);
        settings.may_be_negative.insert("NS03".into());
        assert!(check_signs(&s, &t, &settings, Lang::En).is_empty());
    }
}
