//! A month's figure copied as the period's. A ward's workbook that keeps
//! its months beside the quarter ("Tháng 1", "Tháng 2", "Tháng 3", "Quý
//! I") sums them by formula; a figure typed over such a formula with one
//! month's (March's 327 where the quarter's is 1.047) breaks the
//! relations it enters, and the relation findings blame the rows that
//! are right ("Hồ sơ đã giải quyết 995 không được lớn hơn … 327").
//!
//! ```text
//!  Tháng 3            Quý I
//!  HC01  327          HC01  327   ← March's, typed over the sum
//!  HC02  305          HC02  995   (= 328 + 362 + 305)
//! ```
//!
//! When a figure of a broken relation equals one month sheet's figure of
//! the same row, and the month sheets' sum for the quarter makes every
//! relation it broke hold, the one finding is at that figure, saying so.

use crate::diagnostic::{Code, Finding, Lang, Severity};
use crate::messages::Checked;
use crate::model::{Period, PeriodSpan, ValueColumn};
use crate::normalize::submission::Submission;
use crate::number::format_num;
use crate::rules::expr::{parse, Cmp, Expr, Rule};
use crate::template::Template;
use std::collections::BTreeMap;

/// A figure found to be a month's: the month sheet, the months' sum,
/// the rules it broke (in signs) and the findings it replaces.
type Blamed = (String, f64, Vec<String>, Vec<usize>);

/// Replaces the unit's `relation-violated` findings (in `findings`) that
/// a month's figure copied as the period's explains with one finding at
/// that figure. Only the TH column is weighed (the quarter's months), and
/// the LK of a first quarter (the same months); the month sheets of the
/// period's last quarter must all be there.
pub fn month_copied(
    sub: &Submission,
    template: &Template,
    period: Option<Period>,
    findings: &mut Vec<Finding>,
    lang: Lang,
) {
    let Some(period) = period else { return };
    if sub.months.is_empty() {
        return;
    }
    let Some(unit) = sub.unit.and_then(|u| template.agencies.get(u)) else {
        return;
    };
    // The months of the quarter TH stands for: the period's last.
    let last = period.last_month();
    let quarter: Vec<u8> = (last.saturating_sub(2)..=last).collect();
    let sheets: Vec<&crate::normalize::submission::MonthSheet> = quarter
        .iter()
        .filter_map(|m| sub.months.iter().find(|s| s.month == *m))
        .collect();
    if sheets.len() != quarter.len() {
        return;
    }
    let first_quarter = matches!(period.span, PeriodSpan::Quarter(1));
    let month_sum = |i: usize| -> Option<f64> {
        sheets
            .iter()
            .map(|s| s.figures.iter().find(|(j, _)| *j == i).map(|(_, v)| *v))
            .sum()
    };
    // (indicator, column) → what it is blamed for.
    let mut blamed: BTreeMap<(usize, ValueColumn), Blamed> = BTreeMap::new();
    for (k, f) in findings.iter().enumerate() {
        if f.code != Code::RelationViolated || f.unit != unit.code {
            continue;
        }
        let Some(column) = ValueColumn::parse(&f.column) else {
            continue;
        };
        if !(column == ValueColumn::Th || column == ValueColumn::Lk && first_quarter) {
            continue;
        }
        let Ok(Rule::Relation(left, cmp, right)) = parse(&f.expected) else {
            continue;
        };
        let value = |code: &str| {
            template
                .indicator_index(code)
                .and_then(|i| sub.figure(i, column))
                .map(|r| r.value)
        };
        for side in [&left, &right] {
            let Expr::Code(code) = side else { continue };
            let Some(i) = template.indicator_index(code) else {
                continue;
            };
            let Some(stated) = value(code) else { continue };
            let Some(sheet) = sheets.iter().find(|s| {
                s.figures
                    .iter()
                    .any(|(j, v)| *j == i && (v - stated).abs() < 1e-9)
            }) else {
                continue;
            };
            let Some(sum) = month_sum(i).filter(|s| (s - stated).abs() > 1e-9) else {
                continue;
            };
            let with_sum = |c: &str| if c == code { Some(sum) } else { value(c) };
            let (Some(l), Some(r)) = (left.eval(&with_sum), right.eval(&with_sum)) else {
                continue;
            };
            let holds = match cmp {
                Cmp::Eq => (l - r).abs() <= 1e-9,
                Cmp::Le => l <= r + 1e-9,
                Cmp::Ge => l + 1e-9 >= r,
            };
            if !holds {
                continue;
            }
            let e = blamed
                .entry((i, column))
                .or_insert_with(|| (sheet.sheet.clone(), sum, Vec::new(), Vec::new()));
            let rule = crate::messages::rule_in_signs(&f.expected).into_owned();
            if !e.2.contains(&rule) {
                e.2.push(rule);
            }
            e.3.push(k);
            break;
        }
    }
    if blamed.is_empty() {
        return;
    }
    let mut replaced: Vec<usize> = Vec::new();
    let mut added = Vec::new();
    for ((i, column), (sheet, sum, rules, ks)) in blamed {
        let (Some(ind), Some(row)) = (template.indicators.get(i), sub.figure(i, column)) else {
            continue;
        };
        let decimals = row.shown_decimals();
        let stated = format_num(row.value, decimals, lang);
        let sum_text = format_num(sum, decimals, lang);
        let what = format!("{} {}", ind.code, ind.name);
        let said = Checked::MonthCopied {
            unit: &unit.shown(),
            what: &what,
            column,
            stated: &stated,
            sheet: &sheet,
            sum: &sum_text,
            period: &period.title(lang),
            rules: &rules.join(", "),
        };
        added.push(
            Finding::said(Severity::Error, &said, lang)
                .at(&sub.location(row))
                .unit(unit.code.clone())
                .indicator(ind.code.clone())
                .column(column.as_str())
                .expected(format!("{sum:.*}", usize::from(decimals)))
                .actual(format!("{:.*}", usize::from(decimals), row.value)),
        );
        replaced.extend(ks);
    }
    let mut k = 0;
    findings.retain(|_| {
        k += 1;
        !replaced.contains(&(k - 1))
    });
    findings.extend(added);
}
