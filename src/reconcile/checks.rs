//! The checks of figures before sign-off, in one place: which run on a
//! single submission (the `check` command and every submission of a
//! consolidation) and which need every unit at once (totals against the
//! departments, outliers, cumulative figures against a previous quarter).
//!
//! ```text
//! per submission   signs (value-negative), stated percents and rates
//!                  (pct-*), first-quarter LK = TH and, with the previous
//!                  quarter's consolidation, LK = previous LK + TH
//!                  (cumulative-mismatch)
//! across units     total-mismatch, rate-averaged, outlier
//! ```
//!
//! The checks across units read the units' figures a chunk at a time
//! ([`Figures`]), so what they hold does not grow with the number of
//! units.
//!
//! The relations of the catalog (`sum-mismatch`, `relation-violated`) live
//! in [`super::relations`]; this module calls them for a lone submission.

use super::cumulative::{
    check_first_quarter, check_lk_below_th, check_previous, check_stock_level, columns_swapped,
    lk_not_updated, lk_repeats_th, th_holds_lk, PreviousFigures,
};
use super::outliers::check_outliers;
use super::percentages::{check_percentages, check_rate_averaged, spare_disputed_rates};
use super::relations::{check_relations, relations_of, short_name};
use super::signs::check_signs;
use super::totals_check::{check_department_totals, AbsentFigures};
use super::Totals;
use crate::diagnostic::{Code, Finding, Lang, Severity};
use crate::error::Fatal;
use crate::model::{Period, PeriodSpan, ValueColumn};
use crate::normalize::store::Figures;
use crate::normalize::submission::{Submission, TidyRow};
use crate::template::Template;
use std::collections::HashSet;

/// The `[checks]` section of template.toml.
///
/// ```toml
/// [checks]
/// outlier_threshold = 5.0          # robust score above which a ward's figure is an outlier
/// outlier_scale = "auto"           # what figures are compared per unit of: auto, size, CK, KH, none
/// outlier_min_peers = 8            # the fewest units an outlier is looked for among
/// outlier_max = 3                  # the most outliers reported per indicator and column
/// outlier_factor = 3.0             # how many times off the usual figure an outlier must be
/// may_be_negative = ["NS03"]       # indicators whose figures may be below zero
/// no_outliers = ["GN.14"]          # indicators never weighed for outliers (a score, a count of criteria)
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct CheckSettings {
    pub outlier_threshold: f64,
    pub outlier_scale: OutlierScale,
    pub outlier_min_peers: usize,
    pub outlier_max: usize,
    pub outlier_factor: f64,
    pub may_be_negative: HashSet<String>,
    pub no_outliers: HashSet<String>,
}

pub use crate::template::OutlierScale;

/// The default robust score above which a figure is an outlier.
pub const DEFAULT_OUTLIER_THRESHOLD: f64 = 5.0;

impl Default for CheckSettings {
    fn default() -> Self {
        CheckSettings {
            outlier_threshold: DEFAULT_OUTLIER_THRESHOLD,
            outlier_scale: OutlierScale::Auto,
            outlier_min_peers: 8,
            outlier_max: 3,
            outlier_factor: 3.0,
            may_be_negative: HashSet::new(),
            no_outliers: HashSet::new(),
        }
    }
}

impl CheckSettings {
    /// Reads `[checks]` from the template's settings (kept as raw TOML by
    /// the template loader); anything absent or malformed keeps its
    /// default.
    pub fn of(template: &Template) -> CheckSettings {
        let mut s = CheckSettings::default();
        let Some(toml::Value::Table(t)) = template.settings.extra.get("checks") else {
            return s;
        };
        match t.get("outlier_threshold") {
            Some(toml::Value::Float(f)) if *f > 0.0 => s.outlier_threshold = *f,
            Some(toml::Value::Integer(i)) if *i > 0 => s.outlier_threshold = *i as f64,
            _ => {}
        }
        // The template loader refuses any other value.
        if let Some(v) = t.get("outlier_scale").and_then(|v| v.as_str()) {
            s.outlier_scale = OutlierScale::parse(v).unwrap_or(OutlierScale::Auto);
        }
        let count = |key: &str| match t.get(key) {
            Some(toml::Value::Integer(i)) if *i > 0 => usize::try_from(*i).ok(),
            _ => None,
        };
        if let Some(n) = count("outlier_min_peers") {
            s.outlier_min_peers = n.max(3);
        }
        if let Some(n) = count("outlier_max") {
            s.outlier_max = n;
        }
        match t.get("outlier_factor") {
            Some(toml::Value::Float(f)) if *f > 1.0 => s.outlier_factor = *f,
            Some(toml::Value::Integer(i)) if *i > 1 => s.outlier_factor = *i as f64,
            _ => {}
        }
        let codes = |key: &str| -> HashSet<String> {
            match t.get(key) {
                Some(toml::Value::Array(a)) => a
                    .iter()
                    .filter_map(|v| v.as_str().map(|x| x.trim().to_string()))
                    .collect(),
                _ => HashSet::new(),
            }
        };
        s.may_be_negative = codes("may_be_negative");
        s.no_outliers = codes("no_outliers");
        s
    }
}

/// The unit of a submission for messages: (agency code, name in words).
pub fn unit_of(template: &Template, sub: &Submission) -> (String, String) {
    match sub.unit.and_then(|u| template.agencies.get(u)) {
        Some(a) => (a.code.clone(), a.shown().into_owned()),
        // A title line that is the consolidating office's own name (the
        // letterhead above an unknown sender's line) names no sender: the
        // file does (tester CS's «UBND XÃ TÂN THỊNH: …» for a village).
        None if !sub.unit_text.is_empty()
            && crate::text::fold(&sub.unit_text)
                != crate::text::fold(&template.settings.office) =>
        {
            (String::new(), sub.unit_text.clone())
        }
        None => (String::new(), sub.file.clone()),
    }
}

/// `HC02 Hồ sơ thủ tục hành chính đã giải quyết`: the code and the short
/// name of an indicator, for messages.
pub fn indicator_words(template: &Template, indicator: usize) -> String {
    match template.indicators.get(indicator) {
        Some(ind) => format!("{} {}", ind.code, short_name(template, &ind.code)),
        None => String::new(),
    }
}

/// A finding about one figure of a submission: located at its cell, with
/// the unit, indicator and column filled in.
pub fn at_row(f: Finding, template: &Template, sub: &Submission, row: &TidyRow) -> Finding {
    let (code, _) = unit_of(template, sub);
    let ind = template
        .indicators
        .get(row.ind())
        .map(|i| i.code.clone())
        .unwrap_or_default();
    f.at(&sub.location(row))
        .unit(code)
        .indicator(ind)
        .column(row.column.as_str())
}

/// Totals with no figures, for checking a lone submission against the
/// relations (the totals row then never yields a finding).
pub fn empty_totals(template: &Template) -> Totals {
    Totals::empty(template.indicators.len())
}

/// The checks that need only one submission: signs, stated percents and
/// rates, in a first quarter LK = TH, and in a later quarter with the
/// previous quarter's figures LK = previous LK + TH.
pub fn check_submission(
    sub: &Submission,
    template: &Template,
    period: Option<Period>,
    previous: Option<&PreviousFigures>,
    settings: &CheckSettings,
    lang: Lang,
) -> Vec<Finding> {
    let mut out = check_signs(sub, template, settings, lang);
    out.extend(crossed_cells(sub, template, lang));
    out.extend(columns_deleted(sub, template, lang));
    out.extend(none_in_words(sub, template, lang));
    // A blank form (its table read, not one figure in it) from a unit that
    // must report something is no report.
    let must_report = sub
        .unit
        .is_some_and(|u| (0..template.indicators.len()).any(|i| template.must_report(u, i)));
    // A file whose only table is one by unit (a row per ward): the error
    // says so at the table, whoever sent it.
    if let (0, Some(found)) = (sub.row_count(), sub.by_unit.first()) {
        let (code, unit) = unit_of(template, sub);
        let said = crate::messages::Said::SubmissionByUnit {
            unit: &unit,
            file: &sub.file,
            sheet: &found.at.sheet,
            count: found.count,
            example: &found.example,
            across: found.across,
        };
        out.push(
            Finding::said(Severity::Error, &said, lang)
                .at(&found.at)
                .unit(code)
                .actual(found.example.clone()),
        );
    } else if sub.row_count() == 0 && must_report {
        let (code, unit) = unit_of(template, sub);
        let said = crate::messages::Said::SubmissionEmpty {
            unit: &unit,
            file: &sub.file,
        };
        out.push(
            Finding::said(Severity::Error, &said, lang)
                .at(&crate::diagnostic::Location::file(sub.file.clone()))
                .unit(code),
        );
    }
    // A half-year, nine-month or year report's TH is its last quarter's:
    // its LK from January follows the rules of that quarter. A month's
    // report (`check` of a file titled "THÁNG 7/2025") follows none, nor
    // a semester's.
    let quarter = period.and_then(|p| match p.span {
        PeriodSpan::Quarter(q) => Some(q),
        PeriodSpan::FirstHalf => Some(2),
        PeriodSpan::NineMonths => Some(3),
        PeriodSpan::Year => Some(4),
        PeriodSpan::Month(_) | PeriodSpan::FirstSemester => None,
    });
    // TH and LK typed into each other's columns: said once, and the
    // percents worked from the figures as meant are not blamed.
    let swapped = quarter
        .filter(|&q| q > 1)
        .and_then(|_| columns_swapped(sub, template, &settings.may_be_negative));
    out.extend(check_percentages(
        sub,
        template,
        (quarter == Some(1) || swapped.is_some(), quarter.is_some()),
        lang,
    ));
    // A stock's TH and LK are its level at the same date, whatever the
    // quarter (in the first, LK = TH is checked for every indicator).
    if quarter.is_some_and(|q| q > 1) {
        out.extend(check_stock_level(sub, template, lang));
    }
    match (quarter, previous) {
        (Some(1), _) => out.extend(check_first_quarter(sub, template, lang)),
        (Some(_), Some(prev)) => {
            // The months from January typed into the TH column: said once.
            let from_january = swapped
                .is_none()
                .then(|| th_holds_lk(sub, prev, template, &settings.may_be_negative))
                .flatten();
            // A year's column still holding the nine months': said once.
            let not_updated = (swapped.is_none() && from_january.is_none())
                .then(|| lk_not_updated(sub, prev, template, &settings.may_be_negative))
                .flatten();
            out.extend(check_previous(
                sub,
                prev,
                template,
                (
                    swapped.as_ref(),
                    from_january.as_ref(),
                    not_updated.as_ref(),
                ),
                lang,
            ))
        }
        (Some(_), None) => {
            // LK = TH on every flow of a quarter's report: the quarters
            // before never added (a half-year's TH may be its LK).
            let quarterly = period.is_some_and(|p| matches!(p.span, PeriodSpan::Quarter(_)));
            if quarterly && swapped.is_none() {
                out.extend(lk_repeats_th(
                    sub,
                    template,
                    &settings.may_be_negative,
                    false,
                    lang,
                ));
            }
            out.extend(check_lk_below_th(
                sub,
                template,
                &settings.may_be_negative,
                swapped.as_ref(),
                lang,
            ))
        }
        // A month's report after January: its LK from January equal to the
        // month on every flow never added the months before, as a
        // quarter's after the first (the figures of the month before are
        // not weighed here).
        (None, _) => {
            if period.is_some_and(|p| p.is_month() && p.last_month() > 1) {
                out.extend(lk_repeats_th(
                    sub,
                    template,
                    &settings.may_be_negative,
                    true,
                    lang,
                ));
            }
        }
    }
    out
}

/// Everything `tonghop check` says about one submission: its own findings
/// (cells that are not numbers, unknown rows, units), the catalog's
/// relations and the per-submission checks. No totals, no completeness.
///
/// # Errors
/// Only when polars fails internally.
pub fn check_single(
    sub: &Submission,
    template: &Template,
    period: Option<Period>,
    lang: Lang,
) -> Result<Vec<Finding>, Fatal> {
    let settings = CheckSettings::of(template);
    let (relations, mut out) = relations_of(template, lang);
    let totals = empty_totals(template);
    out.extend(check_relations(
        &Figures::in_memory(&[sub]),
        &totals,
        template,
        &relations,
        lang,
    )?);
    // A month's figure copied as the period's: said at it, not at the
    // rows whose relation it breaks.
    crate::reconcile::months::month_copied(sub, template, period, &mut out, lang);
    out.extend(sub.findings.iter().cloned());
    out.extend(check_submission(
        sub, template, period, None, &settings, lang,
    ));
    // No peers here, but a figure a slip's size off the unit's own plan
    // and last year's (or, a flow, a hundred thousand times its CK) needs
    // none: the outliers of one file are those.
    let mut outliers = check_outliers(&Figures::in_memory(&[sub]), template, &settings, lang)?;
    // A rate worked from a figure a relation or an outlier's slip
    // disputes: that finding covers it.
    spare_disputed_rates(
        &mut out,
        &outliers,
        &Figures::in_memory(&[sub]),
        &totals,
        template,
        lang,
    )?;
    // A first quarter's LK that its TH and every breakdown contradict:
    // the sums it breaks are that one finding's.
    super::cumulative::drop_covered_sums(&mut out);
    drop_blamed(&mut outliers, &out);
    out.extend(outliers);
    Ok(out)
}

/// The one warning of a file whose TH, LK or CK cells hold «x» (read as
/// blank, [`Submission::crossed`]) where the unit reports the indicator:
/// a commune that writes «x» for 0 would otherwise hear nothing while
/// the totals leave it out, unlike one that left the rows blank
/// (`indicator-missing`). At the first such cell, naming the first few.
fn crossed_cells(sub: &Submission, template: &Template, lang: Lang) -> Option<Finding> {
    let u = sub.unit?;
    let cells: Vec<&crate::normalize::submission::DashCell> = sub
        .crossed
        .iter()
        .filter(|d| template.must_report(u, d.indicator as usize))
        .collect();
    let first = cells.first()?;
    let (at, named) = first_cells_named(sub, &cells, lang);
    let (code, unit) = unit_of(template, sub);
    let said = crate::messages::Read::CrossedCells {
        unit: &unit,
        mark: &first.shown,
        count: cells.len(),
        cells: &named,
    };
    // No indicator: the workbook marks no one total for cells of many
    // rows (their totals are marked (*) as leaving the unit out).
    Some(
        Finding::said(Severity::Warning, &said, lang)
            .at(&at)
            .unit(code)
            .actual(first.shown.clone()),
    )
}

/// Where a file's warning about its dash-like cells stands (the first
/// of `cells`) and the first few cells it names ("F10, F12 và 3 ô
/// khác"), for the «x» and the «không» warnings alike.
fn first_cells_named(
    sub: &Submission,
    cells: &[&crate::normalize::submission::DashCell],
    lang: Lang,
) -> (crate::diagnostic::Location, String) {
    let at = |d: &crate::normalize::submission::DashCell| {
        sub.cell_at(usize::from(d.sheet), d.row, d.col)
    };
    const SHOWN: usize = 8;
    let mut named: Vec<String> = cells.iter().take(SHOWN).map(|d| at(d).cell).collect();
    if cells.len() > SHOWN {
        named.push(match lang {
            Lang::Vi => format!("và {} ô khác", cells.len() - SHOWN),
            Lang::En => format!("and {} more", cells.len() - SHOWN),
        });
    }
    let named = match lang {
        Lang::Vi => named.join(", ").replace(", và", " và"),
        Lang::En => named.join(", ").replace(", and", " and"),
    };
    (at(cells[0]), named)
}

/// The one warning of a file whose figure cells say «không», «không có»,
/// «không phát sinh» (words meaning none) where the template reads them
/// as no figure (`dash = "empty"`, [`Submission::dashes`]) and the unit
/// reports the indicator: the commune meant nothing happened, and heard
/// nothing while its cells counted nowhere (tester CQ's Xã Vĩnh Phúc:
/// «Có thể gửi», its dengue deaths missing from the totals). A lone «-»
/// is the template's own mark, read as it says: nothing to tell; nor a
/// percent's or rate's «không» («not compared»). At the first such cell,
/// naming the first few, as the «x» warning does.
fn none_in_words(sub: &Submission, template: &Template, lang: Lang) -> Option<Finding> {
    let u = sub.unit?;
    let cells: Vec<&crate::normalize::submission::DashCell> = sub
        .dashes
        .iter()
        .filter(|d| d.shown.chars().any(char::is_alphabetic))
        .filter(|d| !d.column.is_percent())
        .filter(|d| {
            template
                .indicators
                .get(d.indicator as usize)
                .is_some_and(|i| i.kind != crate::template::Kind::Rate)
                && template.must_report(u, d.indicator as usize)
        })
        .collect();
    let first = cells.first()?;
    let (at, named) = first_cells_named(sub, &cells, lang);
    let mut words: Vec<String> = Vec::new();
    for d in &cells {
        let w = format!("«{}»", d.shown);
        if !words.contains(&w) && words.len() < 3 {
            words.push(w);
        }
    }
    let (code, unit) = unit_of(template, sub);
    let said = crate::messages::Read::NoneInWords {
        unit: &unit,
        words: &words.join(", "),
        count: cells.len(),
        cells: &named,
    };
    Some(
        Finding::said(Severity::Warning, &said, lang)
            .at(&at)
            .unit(code)
            .actual(first.shown.clone()),
    )
}

/// The one warning of a form made from the template whose table lacks a
/// quantity column the form has ([`Submission::columns_deleted`]): the
/// area's totals of that column are left empty for want of the unit's
/// figures, which only an info of the office's said (tester CQ's Phường
/// Thống Nhất, its CK and %CK deleted: «Có thể gửi»). A column another
/// finding already tells of (an LK a first quarter takes from TH, a TH
/// worked out of the LK) is left to it. At the header row.
fn columns_deleted(sub: &Submission, template: &Template, lang: Lang) -> Option<Finding> {
    columns_lacking(sub, template, &[], lang)
}

/// [`columns_deleted`] with `more`: the columns the unit's table lacks
/// and other units of the batch gave ([`batch_columns_lacking`]).
fn columns_lacking(
    sub: &Submission,
    template: &Template,
    more: &[ValueColumn],
    lang: Lang,
) -> Option<Finding> {
    let u = sub.unit?;
    if sub.row_count() == 0 || !(0..template.indicators.len()).any(|i| template.must_report(u, i)) {
        return None;
    }
    let told = |c: ValueColumn| {
        sub.findings
            .iter()
            .any(|f| f.code == Code::ColumnMissing && f.column == c.as_str())
    };
    // A file whose title and columns name other periods has its error:
    // the columns it lacks for the run's period are that error's.
    let period_doubt = sub
        .findings
        .iter()
        .any(|f| f.code == Code::PeriodMismatch && f.severity == Severity::Error);
    let mut missing: Vec<(ValueColumn, crate::diagnostic::Location, bool)> = sub
        .columns_deleted
        .iter()
        .filter(|(c, _, form)| !told(*c) && (*form || !period_doubt))
        .cloned()
        .collect();
    let more = if period_doubt { &[] } else { more };
    // Where the columns would be, after the table's last header (never
    // another column's cell); the first figure header when not known.
    let header = sub.column_gap.clone().or_else(|| {
        sub.headers
            .first()
            .map(|h| sub.cell_at(usize::from(h.sheet), h.row, h.col))
    });
    for c in more {
        if let Some(at) = missing
            .first()
            .map(|m| m.1.clone())
            .or_else(|| header.clone())
        {
            if !told(*c) && !missing.iter().any(|m| m.0 == *c) {
                missing.push((*c, at, false));
            }
        }
    }
    // LK first, as the period names it; then KH, CK.
    missing.sort_by_key(|m| match m.0 {
        ValueColumn::Lk => 0,
        ValueColumn::Th => 1,
        ValueColumn::Kh => 2,
        _ => 3,
    });
    let (_, at, _) = missing.first()?;
    let columns: Vec<ValueColumn> = missing.iter().map(|m| m.0).collect();
    let listed: Vec<&str> = columns.iter().map(|c| c.as_str()).collect();
    let (code, unit) = unit_of(template, sub);
    let said = crate::messages::Read::ColumnsDeleted {
        unit: &unit,
        columns: &columns,
        form: missing.iter().all(|m| m.2),
    };
    Some(
        Finding::said(Severity::Warning, &said, lang)
            .at(at)
            .unit(code)
            .column(missing[0].0.as_str())
            .actual(listed.join(", ")),
    )
}

/// The KH, LK and CK columns a unit's table lacks while the template has
/// header words for them and another unit of its kind in the batch gave
/// them for an indicator both report (tester CN's Phường 9, «Thực hiện
/// quý III/2020» alone beside wards that sent KH, LK and CK): the area's totals of those columns are
/// left blank for want of its figures, which only the office's
/// `total-uncomputed` infos said. Its one `column-missing` warning
/// ([`columns_deleted`]) is told again with them. A column no other unit
/// gave (a template column nobody fills) says nothing.
fn batch_columns_lacking(
    figures: &Figures,
    template: &Template,
    out: &mut Vec<Finding>,
    lang: Lang,
) {
    let kind = |s: &Submission| {
        s.unit
            .and_then(|u| template.agencies.get(u))
            .map(|a| a.kind)
    };
    let shares_indicator = |a: &Submission, b: &Submission| match (a.unit, b.unit) {
        (Some(x), Some(y)) => (0..template.indicators.len())
            .any(|i| template.must_report(x, i) && template.must_report(y, i)),
        _ => false,
    };
    let wanted = [ValueColumn::Kh, ValueColumn::Lk, ValueColumn::Ck];
    for sub in figures.subs() {
        let Some(k) = kind(sub) else { continue };
        if sub.headers.is_empty() {
            continue;
        }
        let more: Vec<ValueColumn> = wanted
            .into_iter()
            .filter(|c| !template.column_words(c.as_str()).is_empty())
            .filter(|c| !sub.headers.iter().any(|h| h.column == *c))
            .filter(|c| {
                // Another unit of its kind that gave the column for an
                // indicator both report: a department's KH is not asked
                // for because another department, reporting other
                // indicators, has a plan column (the practice batch's
                // five departments).
                figures.subs().iter().any(|o| {
                    o.file != sub.file
                        && kind(o) == Some(k)
                        && o.headers.iter().any(|h| h.column == *c)
                        && shares_indicator(sub, o)
                })
            })
            .collect();
        if more.is_empty() {
            continue;
        }
        let Some(told) = columns_lacking(sub, template, &more, lang) else {
            continue;
        };
        if let Some(own) = columns_deleted(sub, template, lang) {
            if own.actual == told.actual {
                continue;
            }
            out.retain(|f| {
                !(f.code == own.code
                    && f.file == own.file
                    && f.cell == own.cell
                    && f.actual == own.actual)
            });
        }
        out.push(told);
    }
}

/// Drops the outliers of the figures an error already blames (an amount
/// typed in đồng under "triệu đồng" whose %CK is right for the amount
/// brought back, `pct-mismatch`): the outlier would say the same thing
/// less surely.
fn drop_blamed(outliers: &mut Vec<Finding>, out: &[Finding]) {
    let blamed: HashSet<(&str, &str, &str)> = out
        .iter()
        .filter(|f| f.code == Code::PctMismatch && f.severity == Severity::Error)
        .map(|f| (f.file.as_str(), f.sheet.as_str(), f.cell.as_str()))
        .collect();
    outliers.retain(|f| !blamed.contains(&(f.file.as_str(), f.sheet.as_str(), f.cell.as_str())));
}

/// The checks that need every included submission at once: the
/// departments' figures against the wards', averaged rates and outliers
/// among the wards. `own` are the included submissions' own checks
/// ([`check_submission`], run as each file was read) and come back with
/// the rest. `known` are the findings already made (the relations'),
/// which hold back a department's comparison with a ward's figure that is
/// already wrong; `absent` what is known of the figures of the wards
/// whose file is not included.
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn check_included(
    figures: &Figures,
    own: Vec<Finding>,
    totals: &Totals,
    template: &Template,
    (known, previous): (&[Finding], Option<&PreviousFigures>),
    absent: &AbsentFigures,
    lang: Lang,
) -> Result<Vec<Finding>, Fatal> {
    let settings = CheckSettings::of(template);
    let mut out = own;
    batch_columns_lacking(figures, template, &mut out, lang);
    let mut known: Vec<Finding> = known.to_vec();
    known.extend(out.iter().cloned());
    for s in figures.subs() {
        known.extend(s.findings.iter().cloned());
    }
    // A unit's money written in another unit: its rows enter no
    // department's comparison (the department may be right), and their
    // outliers say less; an LK that adds up once read in the slip's unit
    // is no second mistake.
    let scale = super::scale::check_money_scale(figures, template, &settings, previous, lang)?;
    super::scale::drop_lk_knock_on(&mut out, &scale);
    super::scale::drop_lk_knock_on(&mut known, &scale);
    known.extend(scale.rows.iter().cloned());
    // The checks read the figures only: they run side by side, the
    // departments' after the outliers, whose whole rows in another unit
    // hold a department's comparison back as a unit's error does.
    let (outliers, averaged) = rayon::join(
        || check_outliers(figures, template, &settings, lang),
        || check_rate_averaged(figures, totals, template, lang),
    );
    let mut outliers = outliers?;
    super::scale::drop_explained(&mut outliers, &scale.rows);
    drop_blamed(&mut outliers, &out);
    // A whole row a power of ten off that its own relations or its LK
    // confirm is an error, which stands for the errors the slip makes.
    super::scale::confirm_row_slips(
        figures,
        template,
        &mut outliers,
        (out.as_slice(), previous),
        lang,
    )?;
    // A figure already an error (a TH typed a thousand times its LK in a
    // first quarter) is told once, by that error: an outlier at the same
    // cell would say it again with another figure to write, and mark the
    // figures beside it (the right LK) that the error leaves alone.
    let wrong_cells: HashSet<(String, String, String)> = known
        .iter()
        .chain(out.iter())
        .filter(|f| f.severity == Severity::Error && !f.cell.is_empty())
        .map(|f| (f.file.clone(), f.sheet.clone(), f.cell.clone()))
        .collect();
    outliers.retain(|f| {
        super::totals_check::disputes_whole_row(f)
            || !wrong_cells.contains(&(f.file.clone(), f.sheet.clone(), f.cell.clone()))
    });
    known.extend(
        outliers
            .iter()
            .filter(|f| super::totals_check::disputes_whole_row(f))
            .cloned(),
    );
    out.extend(check_department_totals(
        figures, totals, template, &known, absent, lang,
    )?);
    // A rate worked from a figure that a relation, the wards' sum or an
    // outlier's slip (a production in kg under «tấn») disputes: the
    // finding on that figure covers it.
    known.extend(
        outliers
            .iter()
            .filter(|f| !super::totals_check::disputes_whole_row(f))
            .cloned(),
    );
    spare_disputed_rates(&mut out, &known, figures, totals, template, lang)?;
    let averaged = averaged?;
    // A rate found averaged is explained by that finding: the same cell's
    // pct-mismatch or pct-rounding would say the same thing less clearly.
    let averaged_cells: HashSet<(String, String, String)> = averaged
        .iter()
        .map(|f| (f.file.clone(), f.sheet.clone(), f.cell.clone()))
        .collect();
    out.retain(|f| {
        !(matches!(f.code, Code::PctMismatch | Code::PctRounding)
            && averaged_cells.contains(&(f.file.clone(), f.sheet.clone(), f.cell.clone())))
    });
    // A department's rate for the whole area against the rate of the
    // totals, where it states no operands of its own to compare.
    out.extend(super::percentages::check_department_rates(
        figures, totals, template, &known, &averaged, lang,
    )?);
    out.extend(averaged);
    out.extend(scale.findings);
    out.extend(outliers);
    out.extend(super::copies::check_copies(figures, template, lang)?);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_come_from_the_checks_section() {
        let t = Template::builtin().unwrap();
        assert_eq!(CheckSettings::of(&t), CheckSettings::default());
        let toml = "[checks]\noutlier_threshold = 3.5\nmay_be_negative = [\"NS03\"]\n";
        let t = Template::builtin_with_toml(toml).unwrap();
        let s = CheckSettings::of(&t);
        assert_eq!(s.outlier_threshold, 3.5);
        assert!(s.may_be_negative.contains("NS03"));
    }

    /// An unknown sender is named by its title line, unless that line is
    /// the consolidating office's own letterhead: then by its file
    /// (tester CS: a village's own mistakes told as «UBND XÃ TÂN THỊNH: …»).
    #[test]
    fn an_unknown_sender_is_never_named_as_the_office() {
        let t = Template::builtin().unwrap();
        let mut s = super::testutil::sub_with(&t, "nobody", Vec::new());
        s.file = "Nguyen Van Dong.xlsx".into();
        s.unit_text = t.settings.office.to_uppercase();
        assert_eq!(unit_of(&t, &s).1, "Nguyen Van Dong.xlsx");
        s.unit_text = "THÔN BA LÀNG".into();
        assert_eq!(unit_of(&t, &s).1, "THÔN BA LÀNG");
    }
}

/// Submissions and rows built in memory for the unit tests of the checks.
#[cfg(test)]
pub(crate) mod testutil {
    use crate::model::ValueColumn;
    use crate::normalize::store::FigureStore;
    use crate::normalize::submission::{Submission, TidyRow, UnitSource};
    use crate::template::Template;

    /// The submissions' figures written to a store, as a consolidation
    /// keeps them; the store's folder lasts as long as the returned guard.
    pub fn store_all(subs: &mut [Submission]) -> (tempfile::TempDir, FigureStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = FigureStore::in_dir(dir.path()).unwrap();
        for s in subs {
            store.put(s).unwrap();
        }
        (dir, store)
    }

    /// A submission of the agency `unit` (a code of the registry), one
    /// sheet "Biểu 1", file `<unit>.xlsx`.
    pub fn sub_with(t: &Template, unit: &str, rows: Vec<TidyRow>) -> Submission {
        let mut s = Submission {
            file: format!("{unit}.xlsx"),
            content: None,
            modified: None,
            unit: t.agency_index(unit),
            unit_source: UnitSource::FileName,
            unit_doubt: None,
            unit_text: String::new(),
            unit_text_at: None,
            title_at: None,
            unit_former: None,
            unit_enclosed: None,
            unit_nearest: Vec::new(),
            unit_loose: false,
            period: None,
            headers_period: None,
            columns_period: None,
            title_stale: None,
            sheets: vec!["Biểu 1".into()],
            tables: Vec::new(),
            rows,
            stored: None,
            offered: Vec::new(),
            missing: Vec::new(),
            findings: Vec::new(),
            unit_cells: Vec::new(),
            ck_said: Vec::new(),
            headers: Vec::new(),
            by_unit: Vec::new(),
            dashes: Vec::new(),
            crossed: Vec::new(),
            columns_deleted: Vec::new(),
            column_gap: None,
            notes: Vec::new(),
            unsettled: None,
            months: Vec::new(),
        };
        s.sort_rows();
        s
    }

    /// A figure at E10 (row index 9, column index 4) unless moved with
    /// [`at`].
    pub fn row(indicator: usize, column: ValueColumn, value: f64, decimals: u8) -> TidyRow {
        TidyRow {
            indicator: indicator as u32,
            column,
            value,
            decimals: decimals as i8,
            sheet: 0,
            row: 9,
            col: 4,
        }
    }

    /// Moves a figure to a 0-based row and column.
    pub fn at(mut r: TidyRow, row: u32, col: u32) -> TidyRow {
        r.row = row;
        r.col = col;
        r
    }

    /// The index of an indicator code of the built-in catalog.
    pub fn ind(t: &Template, code: &str) -> usize {
        t.indicator_index(code).unwrap()
    }
}
