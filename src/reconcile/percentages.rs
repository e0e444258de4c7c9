//! Stated percents and rates (placeholder until the rounding rule lands).

use super::Totals;
use crate::diagnostic::{Finding, Lang};
use crate::normalize::submission::Submission;
use crate::template::Template;

pub fn check_percentages(_sub: &Submission, _template: &Template, _lang: Lang) -> Vec<Finding> {
    Vec::new()
}

pub fn check_rate_averaged(
    _subs: &[&Submission],
    _totals: &Totals,
    _template: &Template,
    _lang: Lang,
) -> Vec<Finding> {
    Vec::new()
}
