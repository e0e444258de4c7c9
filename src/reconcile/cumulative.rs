//! Cumulative figures (LK, from January 1st). In a first quarter LK is the
//! quarter itself, so LK = TH for every indicator a unit reports (flows and
//! stocks alike: a stock's LK is its level at the end of the period, which
//! is also its TH). From the second quarter on, a flow's LK is the previous
//! quarter's LK plus this quarter's TH; the previous LK comes from the
//! previous consolidation's workbook (`--previous OUT`), sheet "Chi tiết
//! theo đơn vị":
//!
//! ```text
//! Mã   | Chỉ tiêu | ĐVT | Cột | Tổng cộng | Phường 1 | … | Phòng Kinh tế | …
//! HC02 | …        | …   | TH  | =SUM(…)   | 120      | … |               |
//! HC02 | …        | …   | LK  | =SUM(…)   | 120      | … |               |
//! ```
//!
//! Unit columns are matched to the registry by name (then by alias), rows
//! by code. Stocks have no cumulative rule across quarters: after the
//! first quarter their LK is their TH (see [`check_stock_level`]).

use super::checks::{at_row, indicator_words, unit_of};
use super::half_of;
use crate::diagnostic::{Finding, Lang, Severity};
use crate::error::{Arg, Fatal, Problem};
use crate::messages::Checked;
use crate::model::{Period, ValueColumn};
use crate::normalize::submission::{Submission, TidyRow};
use crate::normalize::title::AgencyMatcher;
use crate::number::{decimals_of, format_num};
use crate::template::{Indicator, Kind, Template};
use crate::text::fold;
use calamine::Data;
use std::collections::HashMap;
use std::path::Path;

/// The previous quarter's LK per (agency index, indicator index), with its
/// decimals.
#[derive(Clone, Debug, Default)]
pub struct PreviousFigures {
    pub lk: HashMap<(usize, usize), (f64, u8)>,
    /// Where they were read from, for messages.
    pub source: String,
    /// The period its title names, when it names one.
    pub period: Option<Period>,
    /// (agency, indicator) whose LK that consolidation found in error
    /// (its `errors.json`): a unit that has since corrected it no longer
    /// adds up with it.
    pub disputed: std::collections::HashSet<(usize, usize)>,
    /// The `errors.json` that should say which LK were disputed, when it
    /// is missing or unreadable (a workbook copied or resaved alone): no
    /// mismatch is softened for it, and one warning says so.
    pub errors_missing: Option<String>,
}

/// The (agency, indicator) pairs whose LK the consolidation in `out` found
/// in error, from its `errors.json`; `None` when it is missing or
/// unreadable (it only softens findings).
fn disputed_lk(
    out: &Path,
    template: &Template,
) -> Option<std::collections::HashSet<(usize, usize)>> {
    let text = std::fs::read_to_string(out.join(crate::outputs::ERRORS_JSON)).ok()?;
    let Ok(serde_json::Value::Array(findings)) = serde_json::from_str(&text) else {
        return None;
    };
    let disputed = findings
        .iter()
        .filter(|f| f["severity"] == "error" && matches!(f["column"].as_str(), Some("LK" | "")))
        .flat_map(|f| {
            let u = f["unit"].as_str().and_then(|u| template.agency_index(u));
            let indicator = f["indicator"].as_str().unwrap_or_default();
            // TH and LK typed into each other's columns: every LK of the
            // unit was in doubt.
            let all = indicator.is_empty() && f["code"] == "cumulative-mismatch";
            let found: Vec<(usize, usize)> = match (u, all) {
                (Some(u), true) => (0..template.indicators.len()).map(|i| (u, i)).collect(),
                (Some(u), false) => template
                    .indicator_index(indicator)
                    .map(|i| (u, i))
                    .into_iter()
                    .collect(),
                (None, _) => Vec::new(),
            };
            found
        })
        .collect();
    Some(disputed)
}

/// The workbook and the folder of a previous consolidation given as
/// `--previous`: its output folder, or its `tong-hop.xlsx` itself (the
/// file's folder then holds its `errors.json`).
pub fn previous_paths(given: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    if given.is_file() {
        let folder = given.parent().map(Path::to_path_buf).unwrap_or_default();
        (given.to_path_buf(), folder)
    } else {
        (given.join(crate::outputs::WORKBOOK), given.to_path_buf())
    }
}

/// Whether the consolidation of `previous` (the period its title names)
/// is the one a run over `run` checks its LK against: the quarter before
/// the run's last (a nine-month run, the second quarter's or the
/// half-year's). The reason in both languages when it is not.
///
/// # Errors
/// A first quarter (its LK is its TH: nothing before it in the year), or
/// a previous consolidation of another period.
pub fn previous_fits(previous: Option<Period>, run: Period) -> Result<(), (String, String)> {
    if run.is_month() {
        return Err((
            format!(
                "{}: chưa đối chiếu được lũy kế với bảng tổng hợp tháng trước. Hãy bỏ --previous.",
                run.title_vi()
            ),
            format!(
                "{}: checking the LK against last month's consolidation is not supported yet. Leave out --previous.",
                run.title_en()
            ),
        ));
    }
    let before = run.last_month().saturating_sub(3);
    if before == 0 {
        return Err((
            format!(
                "{} là quý đầu năm: lũy kế bằng số thực hiện quý, không có quý trước để đối chiếu. Hãy bỏ --previous.",
                run.title_vi()
            ),
            format!(
                "{} is the year's first quarter: its LK is its TH, with no quarter before it to check against. Leave out --previous.",
                run.title_en()
            ),
        ));
    }
    let Some(p) = previous else {
        return Ok(());
    };
    if p.year == run.year && p.last_month() == before {
        return Ok(());
    }
    let wanted = Period::quarter(run.year, before / 3);
    Err((
        format!(
            "đây là bảng tổng hợp {}, nhưng {} cần đối chiếu với bảng tổng hợp {} (hoặc kỳ kết thúc cùng tháng {}). Hãy chỉ đúng thư mục kết quả của kỳ trước.",
            p.title_vi(),
            run.title_vi(),
            wanted.title_vi(),
            before
        ),
        format!(
            "this is the consolidation of {}, but {} is checked against that of {} (or a period ending with the same month). Give the output folder of the period before.",
            p.title_en(),
            run.title_en(),
            wanted.title_en()
        ),
    ))
}

/// The period named in the first rows of a consolidation's summary sheet.
fn summary_period(wb: &mut crate::ingest::OpenWorkbook, names: &[String]) -> Option<Period> {
    let (vi, en) = crate::outputs::Sheet::Summary.names();
    let sheet = names.iter().find(|n| *n == vi || *n == en)?;
    let grid = wb.sheet(sheet).ok()?;
    let found = grid
        .range()
        .rows()
        .take(4)
        .flat_map(|r| r.iter())
        .find_map(|d| match d {
            Data::String(t) => crate::normalize::title::summary_title_period(t),
            _ => None,
        });
    found
}

/// The detail sheet's name in either language of a consolidation.
const DETAIL_SHEETS: [&str; 2] = [
    crate::outputs::Sheet::Detail.names().0,
    crate::outputs::Sheet::Detail.names().1,
];

fn cell_text(d: &Data) -> String {
    crate::ingest::sheet::data_text(d)
}

/// Reads the previous consolidation in the folder `given` (or its
/// workbook, [`previous_paths`]).
///
/// # Errors
/// When `given/tong-hop.xlsx` cannot be opened or has no detail sheet with
/// the expected header: the user asked for it, so the run stops.
pub fn read_previous(given: &Path, template: &Template) -> Result<PreviousFigures, Fatal> {
    let (path, out) = previous_paths(given);
    let out = out.as_path();
    let bad =
        |(vi, en): (String, String)| Fatal::input(&path, Arg::Previous, Problem::Content(vi, en));
    let mut wb = crate::ingest::open_named(&path, Arg::Previous, &template.settings.limits)?;
    let names = wb.sheet_names();
    // The detail sheet, and its parts when a registry has more units than
    // a sheet has columns ("Chi tiết theo đơn vị (2)"…).
    let is_detail = |n: &str| {
        DETAIL_SHEETS.iter().any(|d| {
            n == *d
                || n.strip_prefix(d).is_some_and(|rest| {
                    rest.strip_prefix(" (")
                        .and_then(|r| r.strip_suffix(')'))
                        .is_some_and(|k| k.parse::<u32>().is_ok())
                })
        })
    };
    let sheets: Vec<&String> = names.iter().filter(|n| is_detail(n)).collect();
    if sheets.is_empty() {
        let found = Lang::En.some_of(&names, 10, ("trang", "sheets"));
        return Err(bad((
            format!(
                "không có trang «{}»; các trang có: {found}",
                DETAIL_SHEETS[0]
            ),
            format!(
                "it has no sheet «{}»; sheets found: {found}",
                DETAIL_SHEETS[0]
            ),
        )));
    }
    let mut prev = PreviousFigures {
        lk: HashMap::new(),
        source: path.display().to_string(),
        period: summary_period(&mut wb, &names),
        disputed: Default::default(),
        errors_missing: None,
    };
    match disputed_lk(out, template) {
        Some(d) => prev.disputed = d,
        None => {
            prev.errors_missing = Some(out.join(crate::outputs::ERRORS_JSON).display().to_string())
        }
    }
    let matcher = AgencyMatcher::new(template);
    for sheet in sheets {
        let grid = wb.sheet(sheet).map_err(|e| {
            let (vi, _) = crate::ingest::reasons::reason_words(&e, Lang::Vi);
            bad((vi, e))
        })?;
        read_detail(grid.range(), sheet, template, &matcher, &mut prev).map_err(bad)?;
    }
    Ok(prev)
}

/// Reads the LK figures of one detail sheet into `prev`.
fn read_detail(
    range: &calamine::Range<Data>,
    sheet: &str,
    template: &Template,
    matcher: &AgencyMatcher,
    prev: &mut PreviousFigures,
) -> Result<(), (String, String)> {
    let mut rows = range.rows();
    let Some(header) = rows.next() else {
        return Err((
            format!("trang «{sheet}» không có gì"),
            format!("the sheet «{sheet}» is empty"),
        ));
    };
    let header: Vec<String> = header.iter().map(cell_text).collect();
    let column_col = header
        .iter()
        .position(|h| matches!(fold(h).as_str(), "cot" | "column"));
    let Some(column_col) = column_col else {
        return Err((
            format!("dòng đầu của trang «{sheet}» không có cột «Cột»"),
            format!("the sheet «{sheet}» has no «Cột» column in its first row"),
        ));
    };
    let unit_of_header = |h: &str| -> Option<usize> {
        let f = fold(h);
        if matches!(f.as_str(), "tong cong" | "total" | "") {
            return None;
        }
        template
            .agencies
            .iter()
            .position(|a| fold(&a.name) == f)
            .or_else(|| matcher.exact(h))
            .or_else(|| matcher.find_in(h).map(|(u, _)| u))
    };
    let units: Vec<(usize, usize)> = header
        .iter()
        .enumerate()
        .skip(column_col + 1)
        .filter_map(|(c, h)| unit_of_header(h).map(|u| (c, u)))
        .collect();
    for row in rows {
        let code = row.first().map(cell_text).unwrap_or_default();
        let Some(ind) = template.indicator_index(code.trim()) else {
            continue;
        };
        let column = row.get(column_col).map(cell_text).unwrap_or_default();
        if ValueColumn::parse(&column) != Some(ValueColumn::Lk) {
            continue;
        }
        for &(c, u) in &units {
            let v = match row.get(c) {
                Some(Data::Float(f)) if f.is_finite() => *f,
                Some(Data::Int(i)) => *i as f64,
                _ => continue,
            };
            prev.lk.insert((u, ind), (v, decimals_of(v)));
        }
    }
    Ok(())
}

/// The indicators a submission states both TH and LK of, in catalog
/// order: (index, indicator, TH, LK), the first figure of each.
fn th_lk<'a>(
    sub: &'a Submission,
    template: &'a Template,
) -> Vec<(usize, &'a Indicator, &'a TidyRow, &'a TidyRow)> {
    // Put in catalog order below: the fast hasher's order is never seen.
    let mut m: foldhash::HashMap<usize, (Option<&TidyRow>, Option<&TidyRow>)> =
        foldhash::HashMap::with_capacity_and_hasher(sub.rows.len(), Default::default());
    for r in &sub.rows {
        let pair = m.entry(r.ind()).or_default();
        match r.column {
            ValueColumn::Th => pair.0 = pair.0.or(Some(r)),
            ValueColumn::Lk => pair.1 = pair.1.or(Some(r)),
            _ => {}
        }
    }
    let mut pairs: Vec<_> = m
        .into_iter()
        .filter_map(|(i, pair)| match (template.indicators.get(i), pair) {
            (Some(ind), (Some(th), Some(lk))) => Some((i, ind, th, lk)),
            _ => None,
        })
        .collect();
    pairs.sort_by_key(|p| p.0);
    pairs
}

/// How far TH and LK of indicator `i` may be from each other for their
/// rounding alone: the half-units of both.
fn slack(template: &Template, i: usize, th: &TidyRow, lk: &TidyRow) -> f64 {
    half_of(template, i, th.decimals) + half_of(template, i, lk.decimals) + 1e-9
}

/// A `cumulative-mismatch` at the LK cell.
fn lk_mismatch(
    said: &Checked,
    lang: Lang,
    (template, sub, lk): (&Template, &Submission, &TidyRow),
    expected: String,
    actual: String,
) -> Finding {
    at_row(
        Finding::said(Severity::Error, said, lang),
        template,
        sub,
        lk,
    )
    .expected(expected)
    .actual(actual)
}

/// First quarter: LK must equal TH (within the half-units of both).
pub fn check_first_quarter(sub: &Submission, template: &Template, lang: Lang) -> Vec<Finding> {
    let (_, unit_name) = unit_of(template, sub);
    let mut out = Vec::new();
    for (i, ind, th, lk) in th_lk(sub, template) {
        if ind.kind == Kind::Rate {
            // A rate follows from its operands, whose LK = TH is checked.
            continue;
        }
        if (lk.value - th.value).abs() <= slack(template, i, th, lk) {
            continue;
        }
        let what = indicator_words(template, i);
        if let Some(f) = scaled_slip(sub, template, lang, (i, th, lk), (&unit_name, &what)) {
            out.push(f);
            continue;
        }
        let d = th.shown_decimals().max(lk.shown_decimals());
        let (e, a) = (format_num(th.value, d, lang), format_num(lk.value, d, lang));
        // TH and every breakdown of the indicator agree: the LK is the
        // odd one out, and the sums it breaks are this one mistake.
        if let Some((rules, parts)) = parts_back_th(sub, template, (i, th), d, lang) {
            let said = Checked::FirstQuarterPartsAgree {
                unit: &unit_name,
                what: &what,
                th: &e,
                lk: &a,
                parts: &parts,
            };
            out.push(
                lk_mismatch(&said, lang, (template, sub, lk), e.clone(), a.clone()).covering(rules),
            );
            continue;
        }
        // Nothing says which of the two is wrong: the finding names the
        // rule, not a correction.
        let said = Checked::FirstQuarter {
            unit: &unit_name,
            what: &what,
            th: &e,
            lk: &a,
        };
        out.push(lk_mismatch(
            &said,
            lang,
            (template, sub, lk),
            "LK = TH".to_string(),
            a.clone(),
        ));
    }
    out
}

/// The sums (`LD.01 == LD.01.1 + LD.01.2`) whose whole is indicator
/// `i` and whose parts' LK add up to the whole's TH, in a first quarter
/// where its LK differs from its TH: (the rules, the parts in words
/// "Nam 22 + Nữ 24", the sums joined by "; "). Only when there is one
/// such sum with every part's LK given, every such sum agrees with the
/// TH, and so do the parts' TH where the unit gave them all: the TH and
/// the breakdowns then say the same figure, and the LK is the one off.
fn parts_back_th(
    sub: &Submission,
    template: &Template,
    (i, th): (usize, &TidyRow),
    decimals: u8,
    lang: Lang,
) -> Option<(Vec<String>, String)> {
    use super::relations::{part_words, relations_naming};
    let code = template.indicators.get(i)?.code.as_str();
    let figure = |p: usize, c: ValueColumn| sub.figure(p, c);
    let (mut rules, mut said) = (Vec::new(), Vec::new());
    for rel in relations_naming(template, code) {
        let Some((whole, parts)) = rel.whole_and_parts() else {
            continue;
        };
        if whole != code || !rel.holds_in(ValueColumn::Lk) {
            continue;
        }
        let parts: Option<Vec<usize>> = parts.iter().map(|p| template.indicator_index(p)).collect();
        let parts = parts?;
        // The parts' sum in a column, within the half-units of its figures
        // and the TH's; `None` when a part is not given there.
        let sum = |c: ValueColumn| -> Option<(f64, f64, Vec<&TidyRow>)> {
            let rows: Option<Vec<&TidyRow>> = parts.iter().map(|&p| figure(p, c)).collect();
            let rows = rows?;
            let value = rows.iter().map(|r| r.value).sum();
            let slack = rows
                .iter()
                .zip(&parts)
                .map(|(r, &p)| half_of(template, p, r.decimals))
                .sum::<f64>()
                + half_of(template, i, th.decimals)
                + 1e-9;
            Some((value, slack, rows))
        };
        let Some((lk_sum, slack, rows)) = sum(ValueColumn::Lk) else {
            continue;
        };
        if (lk_sum - th.value).abs() > slack {
            return None;
        }
        if let Some((th_sum, slack, _)) = sum(ValueColumn::Th) {
            if (th_sum - th.value).abs() > slack {
                return None;
            }
        }
        rules.push(format!("{} {} {}", rel.left, rel.cmp.as_str(), rel.right));
        let words: Vec<String> = rows
            .iter()
            .zip(rel.whole_and_parts().map(|(_, p)| p).unwrap_or_default())
            .map(|(r, p)| {
                let d = decimals.max(r.shown_decimals());
                part_words(template, p, &format_num(r.value, d, lang), lang)
            })
            .collect();
        said.push(words.join(" + "));
    }
    (!rules.is_empty()).then(|| (rules, said.join("; ")))
}

/// A unit's own KH, CK, %KH and %CK of one indicator: what tells which of
/// two figures a power of ten apart is its LK (the first quarter's TH and
/// LK, a later quarter's TH above its LK).
struct OwnFigures {
    kh: Option<f64>,
    ck: Option<f64>,
    pct_kh: Option<f64>,
    pct_ck: Option<f64>,
}

impl OwnFigures {
    fn of(sub: &Submission, i: usize) -> Self {
        let figure = |c: ValueColumn| {
            sub.rows
                .iter()
                .find(|r| r.ind() == i && r.column == c)
                .map(|r| r.value)
        };
        OwnFigures {
            kh: figure(ValueColumn::Kh),
            ck: figure(ValueColumn::Ck),
            pct_kh: figure(ValueColumn::PctKh),
            pct_ck: figure(ValueColumn::PctCk),
        }
    }

    /// What backs a candidate LK `v`: (its %KH, its %CK as a ratio or a
    /// growth, its CK within three times).
    fn backs(&self, v: f64) -> (bool, bool, bool) {
        let near = |a: f64, b: f64| (a - b).abs() <= (0.02 * b.abs()).max(0.1);
        let by_kh = matches!((self.kh, self.pct_kh), (Some(k), Some(p)) if k > 0.0 && near(v / k * 100.0, p));
        let by_pct_ck = matches!((self.ck, self.pct_ck), (Some(c), Some(p))
            if c > 0.0 && (near(v / c * 100.0, p) || near(v / c * 100.0 - 100.0, p)));
        let by_ck = self
            .ck
            .is_some_and(|c| c > 0.0 && v / c <= 3.0 && c / v <= 3.0);
        (by_kh, by_pct_ck, by_ck)
    }

    fn any(b: (bool, bool, bool)) -> bool {
        b.0 || b.1 || b.2
    }
}

/// A first quarter's TH and LK a power of ten apart (10, 100 or 1.000,
/// within their rounding: 122.800,0 and 122,8) where the unit's other
/// figures of the indicator back one of them and not the other: its
/// stated %KH (of that LK over KH), its stated %CK (as a ratio or a
/// growth), its CK (within a factor of three). The other one is the slip:
/// the finding is at its cell, naming the factor and the figure to write.
/// `None` when the two are no power of ten apart or nothing tells them
/// apart (the plain LK = TH finding then names both).
fn scaled_slip(
    sub: &Submission,
    template: &Template,
    lang: Lang,
    (i, th, lk): (usize, &TidyRow, &TidyRow),
    (unit, what): (&str, &str),
) -> Option<Finding> {
    let (big, small) = if th.value.abs() >= lk.value.abs() {
        (th, lk)
    } else {
        (lk, th)
    };
    if small.value <= 0.0 || big.value <= 0.0 {
        return None;
    }
    let factor = [10.0, 100.0, 1000.0].into_iter().find(|f| {
        let slack = half_of(template, i, big.decimals) / f + half_of(template, i, small.decimals);
        (big.value / f - small.value).abs() <= slack + 1e-9 * small.value.abs().max(1.0)
    })?;
    let own = OwnFigures::of(sub, i);
    let (backs, any) = (|v: f64| own.backs(v), OwnFigures::any);
    let (for_big, for_small) = (backs(big.value), backs(small.value));
    let (wrong, right, backing) = match (any(for_big), any(for_small)) {
        (false, true) => (big, small, for_small),
        (true, false) => (small, big, for_big),
        _ => return None,
    };
    let stated = format_num(wrong.value, wrong.shown_decimals(), lang);
    let right_shown = format_num(right.value, right.shown_decimals(), lang);
    let factor_shown = format_num(factor, 0, lang);
    let said = Checked::FirstQuarterScaled {
        unit,
        what,
        wrong: wrong.column,
        stated: &stated,
        right: &right_shown,
        factor: &factor_shown,
        larger: std::ptr::eq(wrong, big),
        pct_kh: backing.0,
        pct_ck: backing.1,
        ck: backing.2,
    };
    Some(
        at_row(
            Finding::said(Severity::Error, &said, lang),
            template,
            sub,
            wrong,
        )
        .expected(right_shown.clone())
        .actual(stated),
    )
}

/// A unit's TH and LK columns that look typed into each other's: after
/// the first quarter, most of its flows (three at least) have an LK below
/// their TH, which the LK from January includes. One finding says so for
/// the file ([`swapped_finding`]); the per-row findings it explains are not
/// repeated, and the percents right from the figures read the other way
/// round are not blamed ([`crate::reconcile::percentages`]).
#[derive(Clone, Debug)]
pub struct Swapped {
    /// The TH and LK cells of the first flow found below: (sheet, row,
    /// column), 0-based, for the headers the finding names.
    th: (u16, u32, u32),
    lk: (u16, u32, u32),
    below: usize,
    flows: usize,
}

/// The flows of a submission that may be compared (not in
/// `may_be_negative`, neither figure below zero), and those whose LK is
/// below TH beyond the half-units of both.
#[allow(clippy::type_complexity)]
fn flows_below<'a>(
    sub: &'a Submission,
    template: &'a Template,
    may_be_negative: &std::collections::HashSet<String>,
) -> (usize, Vec<(usize, &'a Indicator, &'a TidyRow, &'a TidyRow)>) {
    let flows: Vec<_> = th_lk(sub, template)
        .into_iter()
        .filter(|(_, ind, th, lk)| {
            ind.kind == Kind::Flow
                && !may_be_negative.contains(&ind.code)
                && th.value >= 0.0
                && lk.value >= 0.0
        })
        .collect();
    let count = flows.len();
    let below = flows
        .into_iter()
        .filter(|(i, _, th, lk)| lk.value + slack(template, *i, th, lk) < th.value)
        .collect();
    (count, below)
}

/// Whether `sub`'s TH and LK columns look swapped ([`Swapped`]). Only
/// after the first quarter: in the first, LK = TH.
pub fn columns_swapped(
    sub: &Submission,
    template: &Template,
    may_be_negative: &std::collections::HashSet<String>,
) -> Option<Swapped> {
    let (flows, below) = flows_below(sub, template, may_be_negative);
    if below.len() < 3 || 2 * below.len() <= flows {
        return None;
    }
    let &(_, _, th, lk) = below.first()?;
    Some(Swapped {
        th: (th.sheet, th.row, th.col),
        lk: (lk.sheet, lk.row, lk.col),
        below: below.len(),
        flows,
    })
}

/// The one `cumulative-mismatch` error of a file whose TH and LK columns
/// look swapped, at the header of the column read as LK; `previous`: how
/// many flows add up with last quarter's LK read the other way round.
/// An error: the consolidation adds up both columns as their headers say.
pub fn swapped_finding(
    sub: &Submission,
    template: &Template,
    swapped: &Swapped,
    previous: Option<usize>,
    lang: Lang,
) -> Finding {
    let (code, unit_name) = unit_of(template, sub);
    let (th, lk) = (header_cell(sub, swapped.th), header_cell(sub, swapped.lk));
    let said = Checked::ColumnsSwapped {
        unit: &unit_name,
        th: &th.cell,
        th_words: &th.words,
        lk: &lk.cell,
        lk_words: &lk.words,
        below: swapped.below,
        flows: swapped.flows,
        previous,
    };
    Finding::said(Severity::Error, &said, lang)
        .at(&lk.at)
        .unit(code)
        .column(ValueColumn::Lk.as_str())
        .expected("LK ≥ TH".to_string())
        .actual(format!("{} < {}", lk.cell, th.cell))
}

/// A column's header as a finding of the whole column names it: its cell
/// ("E6"), its words, and the finding's place there; the first figure's
/// cell, without words, when the header is not known.
struct HeaderCell {
    cell: String,
    words: String,
    at: crate::diagnostic::Location,
}

/// The header over the figure at (sheet, row, column), 0-based.
fn header_cell(sub: &Submission, (sheet, row, col): (u16, u32, u32)) -> HeaderCell {
    let (row, words) = match sub.header_of(sheet, col) {
        Some(h) => (h.row, h.label.clone()),
        None => (row, String::new()),
    };
    HeaderCell {
        cell: crate::diagnostic::a1(row, col),
        words,
        at: sub.cell_at(usize::from(sheet), row, col),
    }
}

/// Whether `f` is the one finding of a unit whose TH and LK columns look
/// swapped ([`swapped_finding`]): it disputes every TH and LK of the unit,
/// as the per-row findings it stands for would each have disputed theirs.
pub fn disputes_th_and_lk_columns(f: &Finding) -> bool {
    f.code == crate::diagnostic::Code::CumulativeMismatch
        && f.severity == Severity::Error
        && f.indicator.is_empty()
        && !f.unit.is_empty()
        && f.column == ValueColumn::Lk.as_str()
        && !disputes_lk_column(f)
}

/// Whether `f` is the one finding of a unit whose LK column repeats its TH,
/// never accumulated ([`ThHoldsLk::lk_not_accumulated`]): it disputes
/// every LK of the unit, as the per-row findings it stands for would each
/// have disputed theirs; its TH are the quarter's.
pub fn disputes_lk_column(f: &Finding) -> bool {
    f.code == crate::diagnostic::Code::CumulativeMismatch
        && f.severity == Severity::Error
        && f.indicator.is_empty()
        && !f.unit.is_empty()
        && f.column == ValueColumn::Lk.as_str()
        && [AFTER_PREVIOUS, AFTER_LAST_PERIOD]
            .iter()
            .any(|(vi, en)| f.expected == *vi || f.expected == *en)
}

/// A unit's TH column that holds its LK (the months from January, not the
/// quarter): with last quarter's figures (`--previous`), most of its flows
/// (three at least) whose last LK is above zero state TH = LK, where LK =
/// last LK + TH would make TH the difference. One finding says so for the
/// file ([`th_holds_lk_finding`]); the per-row findings it explains are not
/// repeated, and the unit's TH figures are disputed by it
/// ([`disputes_th_column`]).
#[derive(Clone, Debug)]
pub struct ThHoldsLk {
    /// The TH and LK cells of the first flow found so: (sheet, row,
    /// column), 0-based, for the headers the finding names.
    th: (u16, u32, u32),
    lk: (u16, u32, u32),
    /// That flow: (indicator, last LK, LK, decimals), for the example the
    /// finding gives.
    example: (usize, f64, f64, u8),
    same: usize,
    flows: usize,
    /// How many of the `same` flows state an LK below last quarter's
    /// beyond the half-units, and the first: (indicator, last LK, TH,
    /// decimals). When most do, the TH is the quarter's and the LK
    /// repeats it ([`ThHoldsLk::lk_not_accumulated`]).
    below_previous: usize,
    stale_example: Option<(usize, f64, f64, u8)>,
}

impl ThHoldsLk {
    /// Whether the LK column is the one out of line with last quarter:
    /// TH = LK where most of those flows' LK is below last quarter's LK
    /// (an LK from January never falls), so the TH is the quarter's and
    /// the LK repeats it, never accumulated. Otherwise the TH holds the
    /// months from January.
    pub fn lk_not_accumulated(&self) -> bool {
        self.stale_example.is_some() && 2 * self.below_previous > self.same
    }
}

/// Whether a flow's TH equals its LK (within the half-units of both) while
/// last quarter's LK `p` (with decimals `pd`) is above zero.
fn th_is_lk(template: &Template, i: usize, th: &TidyRow, lk: &TidyRow, (p, pd): (f64, u8)) -> bool {
    let half_p = half_of(template, i, i8::try_from(pd).unwrap_or(i8::MAX));
    p > half_p && (th.value - lk.value).abs() <= slack(template, i, th, lk)
}

/// Whether `sub`'s TH column holds its LK ([`ThHoldsLk`]).
pub fn th_holds_lk(
    sub: &Submission,
    prev: &PreviousFigures,
    template: &Template,
    may_be_negative: &std::collections::HashSet<String>,
) -> Option<ThHoldsLk> {
    let u = sub.unit?;
    // The flows last quarter's LK checks (as [`check_previous`] does),
    // whose last LK is above zero: for them TH = LK cannot be right.
    let flows: Vec<_> = th_lk(sub, template)
        .into_iter()
        .filter(|(_, ind, th, lk)| {
            ind.kind == Kind::Flow
                && !ind.takes_stock
                && !may_be_negative.contains(&ind.code)
                && th.value >= 0.0
                && lk.value >= 0.0
        })
        .filter_map(|(i, _, th, lk)| {
            let &(p, pd) = prev.lk.get(&(u, i))?;
            let half_p = half_of(template, i, i8::try_from(pd).unwrap_or(i8::MAX));
            (p > half_p).then_some((i, th, lk, (p, pd)))
        })
        .collect();
    let same: Vec<_> = flows
        .iter()
        .filter(|(i, th, lk, p)| th_is_lk(template, *i, th, lk, *p))
        .collect();
    if same.len() < 3 || 2 * same.len() <= flows.len() {
        return None;
    }
    // Those whose LK fell below last quarter's: an LK that was never
    // accumulated, not a TH from January.
    let below: Vec<_> = same
        .iter()
        .filter(|(i, th, lk, (p, pd))| {
            let half_p = half_of(template, *i, i8::try_from(*pd).unwrap_or(i8::MAX));
            lk.value + slack(template, *i, th, lk) + half_p < *p
        })
        .collect();
    let stale_example = below.first().map(|first| {
        let (i, th, lk, (p, pd)) = ***first;
        let d = pd.max(th.shown_decimals()).max(lk.shown_decimals());
        (i, p, th.value, d)
    });
    let &&(i, th, lk, (p, pd)) = same.first()?;
    Some(ThHoldsLk {
        th: (th.sheet, th.row, th.col),
        lk: (lk.sheet, lk.row, lk.col),
        example: (i, p, lk.value, pd.max(lk.shown_decimals())),
        same: same.len(),
        flows: flows.len(),
        below_previous: below.len(),
        stale_example,
    })
}

/// A unit's LK column never updated: with last period's figures
/// (`--previous`), most of its flows (three at least) whose last LK is
/// above zero and whose TH is not 0 state the last LK itself (a year's
/// column still holding the nine months'). One finding says so for the
/// file ([`lk_not_updated_finding`]); the per-row findings it explains
/// are not repeated, and the unit's LK figures are disputed by it
/// ([`disputes_lk_column`]).
#[derive(Clone, Debug)]
pub struct LkNotUpdated {
    /// The TH and LK cells of the first flow found so: (sheet, row,
    /// column), 0-based, for the headers the finding names.
    th: (u16, u32, u32),
    lk: (u16, u32, u32),
    /// That flow: (indicator, last LK, TH, decimals).
    example: (usize, f64, f64, u8),
    same: usize,
    flows: usize,
}

/// Whether a flow's LK equals last period's LK `p` (within the
/// half-units of both) while its TH is not 0.
fn lk_is_last(
    template: &Template,
    i: usize,
    th: &TidyRow,
    lk: &TidyRow,
    (p, pd): (f64, u8),
) -> bool {
    let tol =
        slack(template, i, th, lk) + half_of(template, i, i8::try_from(pd).unwrap_or(i8::MAX));
    th.value > tol && (lk.value - p).abs() <= tol
}

/// Whether `sub`'s LK column still holds last period's LK ([`LkNotUpdated`]).
pub fn lk_not_updated(
    sub: &Submission,
    prev: &PreviousFigures,
    template: &Template,
    may_be_negative: &std::collections::HashSet<String>,
) -> Option<LkNotUpdated> {
    let u = sub.unit?;
    // The flows last period's LK checks, whose last LK is above zero and
    // whose TH is not 0: for them LK = last LK cannot be right.
    let flows: Vec<_> = th_lk(sub, template)
        .into_iter()
        .filter(|(_, ind, th, lk)| {
            ind.kind == Kind::Flow
                && !ind.takes_stock
                && !may_be_negative.contains(&ind.code)
                && th.value >= 0.0
                && lk.value >= 0.0
        })
        .filter_map(|(i, _, th, lk)| {
            let &(p, pd) = prev.lk.get(&(u, i))?;
            let tol = slack(template, i, th, lk)
                + half_of(template, i, i8::try_from(pd).unwrap_or(i8::MAX));
            (p > tol && th.value > tol).then_some((i, th, lk, (p, pd)))
        })
        .collect();
    let same: Vec<_> = flows
        .iter()
        .filter(|(i, th, lk, p)| lk_is_last(template, *i, th, lk, *p))
        .collect();
    if same.len() < 3 || 2 * same.len() <= flows.len() {
        return None;
    }
    let &&(i, th, lk, (p, pd)) = same.first()?;
    Some(LkNotUpdated {
        th: (th.sheet, th.row, th.col),
        lk: (lk.sheet, lk.row, lk.col),
        example: (
            i,
            p,
            th.value,
            pd.max(th.shown_decimals()).max(lk.shown_decimals()),
        ),
        same: same.len(),
        flows: flows.len(),
    })
}

/// The rule [`lk_not_updated_finding`] states, in both languages: the
/// last LK is that of the period before, whatever it spans.
const AFTER_LAST_PERIOD: (&str, &str) = ("LK = LK kỳ trước + TH", "LK = previous LK + TH");

/// The last period in words, for "the LK of …": «9 tháng đầu năm 2026»,
/// «quý III/2026»; «kỳ trước» when its title named none.
fn last_period_words(prev: &PreviousFigures, lang: Lang) -> String {
    match (prev.period, lang) {
        (Some(p), Lang::Vi) => p.in_sentence_vi(),
        (Some(p), Lang::En) => p.title_en(),
        (None, Lang::Vi) => "kỳ trước".to_string(),
        (None, Lang::En) => "the last period".to_string(),
    }
}

/// The one `cumulative-mismatch` error of a file whose LK column still
/// holds last period's LK, at the header of the LK column. An error: the
/// consolidation adds up the column as its header says, and the unit's
/// last months are not in it.
pub fn lk_not_updated_finding(
    sub: &Submission,
    template: &Template,
    found: &LkNotUpdated,
    prev: &PreviousFigures,
    lang: Lang,
) -> Finding {
    let (code, unit_name) = unit_of(template, sub);
    let (th, lk) = (header_cell(sub, found.th), header_cell(sub, found.lk));
    let (i, p, t, d) = found.example;
    let f = |v: f64| format_num(v, d.min(2), lang);
    let example = template
        .indicators
        .get(i)
        .map(|ind| ind.code.clone())
        .unwrap_or_default();
    let (previous, th_figure, want) = (f(p), f(t), f(p + t));
    let last = last_period_words(prev, lang);
    let for_unit = previous_for_unit(prev, lang);
    let [office, unit] =
        [prev.source.as_str(), for_unit.as_str()].map(|source| Checked::LkNotUpdated {
            unit: &unit_name,
            th: &th.cell,
            th_words: &th.words,
            lk: &lk.cell,
            lk_words: &lk.words,
            last: &last,
            same: found.same,
            flows: found.flows,
            example: &example,
            previous: &previous,
            th_figure: &th_figure,
            want: &want,
            source,
        });
    Finding::said(Severity::Error, &office, lang)
        .told_unit(&unit, lang)
        .at(&lk.at)
        .unit(code)
        .column(ValueColumn::Lk.as_str())
        .expected(
            lang.pick(AFTER_LAST_PERIOD.0, AFTER_LAST_PERIOD.1)
                .to_string(),
        )
        .actual(format!(
            "{} = {}",
            lk.cell,
            lang.pick("LK kỳ trước", "previous LK")
        ))
}

/// The rule [`th_holds_lk_finding`] states, in both languages, when the
/// period of last cumulative figures is unknown.
const TH_FROM_LK: (&str, &str) = ("TH = LK − LK quý trước", "TH = LK − previous LK");

/// The rule a TH worked out of (or disputed against) the previous LK
/// follows, naming that LK's period as the message does: a year-end run
/// after the nine months says «TH = LK − LK 9 tháng», not «LK quý trước»
/// (tester D3); the first quarter's is «LK quý I». Unknown: [`TH_FROM_LK`].
fn th_from_lk_rule(since: Option<Period>, lang: Lang) -> String {
    match (since.map(|p| p.last_month()), lang) {
        (Some(3), Lang::Vi) => "TH = LK − LK quý I".to_string(),
        (Some(3), Lang::En) => "TH = LK − first quarter's LK".to_string(),
        (Some(m), Lang::Vi) => format!("TH = LK − LK {m} tháng"),
        (Some(m), Lang::En) => format!("TH = LK − {m}-month LK"),
        (None, _) => lang.pick(TH_FROM_LK.0, TH_FROM_LK.1).to_string(),
    }
}

/// Where last quarter's LK came from, as the unit's feedback names it:
/// the period in words ("số lũy kế quý III/2025 đã tổng hợp"), not the
/// office's path to its workbook, which a ward's clerk does not have.
fn previous_for_unit(prev: &PreviousFigures, lang: Lang) -> String {
    match (prev.period, lang) {
        (Some(p), Lang::Vi) => format!("số lũy kế {} đã tổng hợp", p.in_sentence_vi()),
        (Some(p), Lang::En) => format!("the consolidated cumulative figures of {}", p.title_en()),
        (None, Lang::Vi) => "số lũy kế quý trước đã tổng hợp".to_string(),
        (None, Lang::En) => "last quarter's consolidated cumulative figures".to_string(),
    }
}

/// The one `cumulative-mismatch` error of a file whose TH column holds its
/// LK, at the header of the TH column; or, when the LK is the column out
/// of line with last quarter ([`ThHoldsLk::lk_not_accumulated`]), at the
/// header of the LK column. An error: the consolidation adds up the
/// columns as their headers say, and the unit's figures for the quarter
/// (or from January) are not in it. The office's message names where
/// last quarter's LK was read (`prev.source`); the unit's, the period.
pub fn th_holds_lk_finding(
    sub: &Submission,
    template: &Template,
    found: &ThHoldsLk,
    prev: &PreviousFigures,
    lang: Lang,
) -> Finding {
    let (code, unit_name) = unit_of(template, sub);
    let (th, lk) = (header_cell(sub, found.th), header_cell(sub, found.lk));
    let code_of = |i: usize| {
        template
            .indicators
            .get(i)
            .map(|ind| ind.code.clone())
            .unwrap_or_default()
    };
    let for_unit = previous_for_unit(prev, lang);
    if let (true, Some((i, p, t, d))) = (found.lk_not_accumulated(), found.stale_example) {
        let f = |v: f64| format_num(v, d.min(2), lang);
        let example = code_of(i);
        let (previous, th_figure, want) = (f(p), f(t), f(p + t));
        let [office, unit] =
            [prev.source.as_str(), for_unit.as_str()].map(|source| Checked::LkNotAccumulated {
                unit: &unit_name,
                th: &th.cell,
                th_words: &th.words,
                lk: &lk.cell,
                lk_words: &lk.words,
                same: found.same,
                below: found.below_previous,
                flows: found.flows,
                example: &example,
                previous: &previous,
                th_figure: &th_figure,
                want: &want,
                source,
            });
        return Finding::said(Severity::Error, &office, lang)
            .told_unit(&unit, lang)
            .at(&lk.at)
            .unit(code)
            .column(ValueColumn::Lk.as_str())
            .expected(lang.pick(AFTER_PREVIOUS.0, AFTER_PREVIOUS.1).to_string())
            .actual(format!("{} = {}", lk.cell, th.cell));
    }
    let (i, p, l, d) = found.example;
    let f = |v: f64| format_num(v, d.min(2), lang);
    let example = code_of(i);
    let (previous, lk_figure, quarter, accumulated) = (f(p), f(l), f(l - p), f(p + l));
    let [office, unit] =
        [prev.source.as_str(), for_unit.as_str()].map(|source| Checked::ThHoldsLk {
            unit: &unit_name,
            th: &th.cell,
            th_words: &th.words,
            lk: &lk.cell,
            lk_words: &lk.words,
            same: found.same,
            flows: found.flows,
            example: &example,
            previous: &previous,
            lk_figure: &lk_figure,
            quarter: &quarter,
            accumulated: &accumulated,
            source,
        });
    Finding::said(Severity::Error, &office, lang)
        .told_unit(&unit, lang)
        .at(&th.at)
        .unit(code)
        .column(ValueColumn::Th.as_str())
        .expected(th_from_lk_rule(prev.period, lang))
        .actual(format!("{} = {}", th.cell, lk.cell))
}

/// Whether `f` is the one finding of a unit whose TH column holds its LK
/// ([`th_holds_lk_finding`]): it disputes every TH of the unit, as the
/// per-row findings it stands for would each have disputed theirs.
pub fn disputes_th_column(f: &Finding) -> bool {
    f.code == crate::diagnostic::Code::CumulativeMismatch
        && f.severity == Severity::Error
        && f.indicator.is_empty()
        && !f.unit.is_empty()
        && f.column == ValueColumn::Th.as_str()
}

/// Drops the findings on the TH column of a unit whose TH column holds its
/// LK ([`disputes_th_column`]), or on the LK column of a unit whose LK
/// repeats its TH ([`disputes_lk_column`]), in the same file: the
/// outliers its figures make (six months' as a quarter's, a quarter's as
/// the year's) and the relations they break where a figure read right (a
/// stock's level at the quarter's start) meets them. The same relations
/// in the other column are still checked.
pub fn drop_explained_by_th_column(findings: &mut Vec<Finding>) {
    use crate::diagnostic::Code;
    let slipped: std::collections::HashSet<(String, String, &str)> = findings
        .iter()
        .filter_map(|f| {
            let column = if disputes_th_column(f) {
                ValueColumn::Th
            } else if disputes_lk_column(f) {
                ValueColumn::Lk
            } else {
                return None;
            };
            Some((f.unit.clone(), f.file.clone(), column.as_str()))
        })
        .collect();
    if slipped.is_empty() {
        return;
    }
    findings.retain(|f| {
        !(matches!(
            f.code,
            Code::Outlier | Code::SumMismatch | Code::RelationViolated
        ) && !f.indicator.is_empty()
            && slipped.contains(&(f.unit.clone(), f.file.clone(), f.column.as_str())))
    });
}

/// Drops the `sum-mismatch` and `relation-violated` findings on a TH the
/// tool worked out of the LK ([`th_from_lk`]) that the same rule's finding
/// on that LK, at the same cell, already tells: the TH is the LK less last
/// period's LK (or the LK itself, a stock's), so its mistake is the LK's,
/// said once at the LK. Those left stand at the LK the unit wrote and say
/// that the TH is the tool's: the unit has no TH to check.
pub fn drop_th_repeating_lk(findings: &mut Vec<Finding>, lang: Lang) {
    use crate::diagnostic::Code;
    let worked: std::collections::HashSet<(String, String)> = findings
        .iter()
        .filter(|f| is_th_from_lk(f))
        .map(|f| (f.unit.clone(), f.file.clone()))
        .collect();
    if worked.is_empty() {
        return;
    }
    let rule = |f: &Finding| matches!(f.code, Code::SumMismatch | Code::RelationViolated);
    let key =
        |f: &Finding| [&f.unit, &f.file, &f.sheet, &f.cell, &f.expected].map(|s| s.to_string());
    let at_lk: std::collections::HashSet<[String; 5]> = findings
        .iter()
        .filter(|f| rule(f) && f.column == ValueColumn::Lk.as_str())
        .map(key)
        .collect();
    let on_worked = |f: &Finding| {
        rule(f)
            && f.column == ValueColumn::Th.as_str()
            && worked.contains(&(f.unit.clone(), f.file.clone()))
    };
    findings.retain(|f| !(on_worked(f) && at_lk.contains(&key(f))));
    for f in findings.iter_mut().filter(|f| on_worked(f)) {
        let note = crate::messages::th_worked_out_note(&f.cell, lang);
        f.message.push_str(&note);
        if !f.to_unit.is_empty() {
            f.to_unit.push_str(&note);
        }
    }
}

/// Drops the `sum-mismatch` and `relation-violated` findings an LK
/// finding stands for ([`Finding::covers`]): a first quarter's LK that
/// its TH and every breakdown of the indicator contradict, a stock's LK
/// summed over the quarters that breaks a relation its TH keeps. The
/// sums and relations its LK breaks are that one mistake, said once at
/// the LK, and the other figures (right) are not disputed. A sum's
/// finding stands at its whole's cell, a relation's at its first
/// code's: the key is the unit, file, sheet, column and rule.
pub fn drop_covered_sums(findings: &mut Vec<Finding>) {
    use crate::diagnostic::Code;
    let key = |f: &Finding, rule: &str| {
        [&f.unit, &f.file, &f.sheet, &f.column, rule].map(|s| s.to_string())
    };
    let covered: std::collections::HashSet<[String; 5]> = findings
        .iter()
        .flat_map(|f| f.covers.iter().map(move |r| key(f, r)))
        .collect();
    if !covered.is_empty() {
        findings.retain(|f| {
            !(matches!(f.code, Code::SumMismatch | Code::RelationViolated)
                && covered.contains(&key(f, &f.expected)))
        });
    }
}

/// After the first quarter, without last quarter's figures: a flow's LK
/// (from January) includes the quarter, so it is at least TH, within the
/// half-units of both. Indicators that may be below zero are left alone.
/// When the columns look swapped ([`columns_swapped`]), the one finding
/// that says so stands for the rows.
pub fn check_lk_below_th(
    sub: &Submission,
    template: &Template,
    may_be_negative: &std::collections::HashSet<String>,
    swapped: Option<&Swapped>,
    lang: Lang,
) -> Vec<Finding> {
    if let Some(s) = swapped {
        return vec![swapped_finding(sub, template, s, None, lang)];
    }
    let (_, unit_name) = unit_of(template, sub);
    let (_, below) = flows_below(sub, template, may_be_negative);
    below
        .into_iter()
        .map(|(i, ind, th, lk)| {
            if let Some(f) = th_above_lk(sub, template, (i, &ind.code, th, lk), &unit_name, lang) {
                return f;
            }
            // Each as typed: a TH typed without decimals is not shown
            // with the LK's.
            let (e, a) = (
                format_num(th.value, th.shown_decimals(), lang),
                format_num(lk.value, lk.shown_decimals(), lang),
            );
            let what = indicator_words(template, i);
            let said = Checked::BelowQuarter {
                unit: &unit_name,
                what: &what,
                th: &e,
                lk: &a,
            };
            lk_mismatch(
                &said,
                lang,
                (template, sub, lk),
                "LK ≥ TH".to_string(),
                a.clone(),
            )
        })
        .collect()
}

/// Flows with figures, all with LK = TH, that make [`lk_repeats_th`] a
/// pattern: a handful may truly all start this quarter, not five.
const LK_REPEATS_TH_FLOWS: usize = 5;

/// After the first quarter of a quarterly report (after January of a
/// monthly one), without last quarter's (month's)
/// figures: a unit whose LK equals its TH (within the half-units of both)
/// on every flow with figures, five at least, most likely never added
/// the quarters before. One warning per file at the LK header naming a few
/// of them: a flow may truly start this quarter, but not all of them.
/// Stocks (LK = TH by nature) and indicators that may be below zero do
/// not count; neither do rows whose TH and LK are both 0.
pub fn lk_repeats_th(
    sub: &Submission,
    template: &Template,
    may_be_negative: &std::collections::HashSet<String>,
    month: bool,
    lang: Lang,
) -> Option<Finding> {
    let flows: Vec<_> = th_lk(sub, template)
        .into_iter()
        .filter(|(i, ind, th, lk)| {
            ind.kind == Kind::Flow
                && !ind.takes_stock
                && !may_be_negative.contains(&ind.code)
                && (th.value.abs() > half_of(template, *i, th.decimals)
                    || lk.value.abs() > half_of(template, *i, lk.decimals))
        })
        .collect();
    let all_same = flows
        .iter()
        .all(|(i, _, th, lk)| (th.value - lk.value).abs() <= slack(template, *i, th, lk));
    if flows.len() < LK_REPEATS_TH_FLOWS || !all_same {
        return None;
    }
    let &(_, _, th, lk) = flows.first()?;
    let (th, lk) = (
        header_cell(sub, (th.sheet, th.row, th.col)),
        header_cell(sub, (lk.sheet, lk.row, lk.col)),
    );
    let mut examples: Vec<&str> = flows
        .iter()
        .take(3)
        .map(|(_, ind, ..)| ind.code.as_str())
        .collect();
    if flows.len() > 3 {
        examples.push("…");
    }
    let examples = examples.join(", ");
    let (code, unit_name) = unit_of(template, sub);
    let said = Checked::LkRepeatsTh {
        unit: &unit_name,
        th: &th.cell,
        th_words: &th.words,
        lk: &lk.cell,
        lk_words: &lk.words,
        same: flows.len(),
        examples: &examples,
        month,
    };
    Some(
        Finding::said(Severity::Warning, &said, lang)
            .at(&lk.at)
            .unit(code)
            .column(ValueColumn::Lk.as_str())
            .expected(if month {
                // A month's report adds the months before, not a quarter
                // (verifier: «LK quý trước» in a month's run).
                lang.pick("LK = LK tháng trước + TH", "LK = previous month's LK + TH")
                    .to_string()
            } else {
                lang.pick(AFTER_PREVIOUS.0, AFTER_PREVIOUS.1).to_string()
            })
            .actual(format!("{} = {}", lk.cell, th.cell)),
    )
}

/// Below this, an LK of whole units is a handful whose TH above it says no
/// power of ten.
const SMALL_COUNT: f64 = 30.0;

/// After the first quarter, a flow's TH above its LK by a power of ten
/// (10, 100 or 1.000: the smallest that brings it under the LK), three
/// times the LK at least and the LK no handful of whole units
/// ([`SMALL_COUNT`]), where the TH brought back is a quarter's share of the LK (a ninth of a
/// nine months' LK at least, never above it) and the unit's own figures
/// back the LK and not the LK the same power larger (its stated %KH or
/// %CK, its CK within a factor of three): the TH is the slip (1.853.400
/// tấn under «nghìn tấn» where the LK is 5.573,7). One error at the TH
/// naming the figure to write, covering the relations the TH breaks and
/// its figure brought back keeps (`TT.03 ≥ TT.02`: the other operand is
/// right). `None` when anything is in doubt: the plain LK ≥ TH error.
fn th_above_lk(
    sub: &Submission,
    template: &Template,
    (i, code, th, lk): (usize, &str, &TidyRow, &TidyRow),
    unit: &str,
    lang: Lang,
) -> Option<Finding> {
    use crate::model::PeriodSpan;
    let quarter = match sub.period.as_ref().map(|(p, _)| p.span) {
        Some(PeriodSpan::Quarter(q)) => f64::from(q),
        Some(PeriodSpan::FirstHalf) => 2.0,
        Some(PeriodSpan::NineMonths) => 3.0,
        _ => 4.0,
    };
    // A TH a little above its LK is one of two figures wrong, which
    // nothing tells; three times the figure that includes it is a slip.
    if lk.value <= 0.0 || th.value <= 3.0 * lk.value {
        return None;
    }
    let factor = [10.0, 100.0, 1000.0]
        .into_iter()
        .find(|f| th.value / f <= lk.value + half_of(template, i, lk.decimals))?;
    let right = th.value / factor;
    if right * 3.0 * quarter < lk.value {
        return None;
    }
    // A handful (LK 3 where TH 10) swings by as much: no power told.
    if th.shown_decimals() == 0 && lk.shown_decimals() == 0 && lk.value < SMALL_COUNT {
        return None;
    }
    let own = OwnFigures::of(sub, i);
    let (backs, any) = (|v: f64| own.backs(v), OwnFigures::any);
    let backing = backs(lk.value);
    if !any(backing) || any(backs(lk.value * factor)) {
        return None;
    }
    // The figure brought back with the decimals the division adds, no
    // trailing zeros (1.853,4, not 1.853,400).
    let added = (factor.log10().round() as i8).max(0);
    let most = (th.decimals.max(0) + added).min(4) as u8;
    let d = (0..most)
        .find(|&d| (crate::rules::rounding::round_to(right, d) - right).abs() < 1e-9)
        .unwrap_or(most);
    let right_shown = format_num(right, d, lang);
    let stated = format_num(th.value, th.shown_decimals(), lang);
    let lk_shown = format_num(lk.value, lk.shown_decimals(), lang);
    let what = indicator_words(template, i);
    let (rules, broken) = relations_broken_by(
        sub,
        template,
        (i, code, ValueColumn::Th),
        (right, d as i8),
        lang,
    );
    let said = Checked::ThAboveLk {
        unit,
        what: &what,
        th: &stated,
        lk: &lk_shown,
        right: &right_shown,
        factor: &format_num(factor, 0, lang),
        pct_kh: backing.0,
        pct_ck: backing.1,
        ck: backing.2,
        breaks: (!broken.is_empty()).then_some(broken.as_str()),
    };
    let f = at_row(
        Finding::said(Severity::Error, &said, lang),
        template,
        sub,
        th,
    )
    .expected(right_shown.clone())
    .actual(stated);
    Some(if rules.is_empty() {
        f
    } else {
        f.covering(rules)
    })
}

/// After the first quarter: a stock's TH and LK are both its level at the
/// period's end (the quarter's, the half-year's, …), so they are equal;
/// LK ≠ TH means one is wrong (a stock summed over the quarters: LK 9.159
/// where TH 4.629). A warning at LK naming TH: nothing says which —
/// unless a relation of the catalog naming the stock breaks in the LK
/// column with its LK and holds with its TH in its place (forest LK
/// 31.219,37 = three quarters summed, above the natural area 13.250,60,
/// where its TH 10.420,35 is not): then the LK is the wrong one, the
/// finding is an error that says so and stands for that relation's
/// `relation-violated` ([`Finding::covers`], [`drop_covered_sums`]),
/// one mistake told once. A relation broken with the TH too is another
/// mistake and keeps its own error.
pub fn check_stock_level(sub: &Submission, template: &Template, lang: Lang) -> Vec<Finding> {
    let (_, unit_name) = unit_of(template, sub);
    th_lk(sub, template)
        .into_iter()
        .filter(|(i, ind, th, lk)| stock_level_off(template, *i, ind, th, lk))
        .map(|(i, ind, th, lk)| {
            let d = th.shown_decimals().max(lk.shown_decimals());
            let (e, a) = (format_num(th.value, d, lang), format_num(lk.value, d, lang));
            let what = indicator_words(template, i);
            let (rules, broken) = relations_broken_by_lk(sub, template, (i, &ind.code, th), lang);
            let said = Checked::StockLevel {
                unit: &unit_name,
                what: &what,
                th: &e,
                lk: &a,
                breaks: (!broken.is_empty()).then_some(broken.as_str()),
            };
            let mut f = lk_mismatch(
                &said,
                lang,
                (template, sub, lk),
                "LK = TH".to_string(),
                a.clone(),
            );
            if rules.is_empty() {
                f.severity = Severity::Warning;
                f
            } else {
                f.covering(rules)
            }
        })
        .collect()
}

/// The relations naming stock `code` (indicator `i`) that its LK breaks in
/// the LK column and its TH `th`, put in its place, keeps (every other
/// figure the LK column's, all given, within their half-units), and
/// their words ("DD.04 ≤ DD.03 (DD.03 Diện tích đất tự nhiên
/// 13.250,60)"): the
/// rules as [`Finding::covers`] names them, joined by "; ".
fn relations_broken_by_lk(
    sub: &Submission,
    template: &Template,
    (i, code, th): (usize, &str, &TidyRow),
    lang: Lang,
) -> (Vec<String>, String) {
    relations_broken_by(
        sub,
        template,
        (i, code, ValueColumn::Lk),
        (th.value, th.decimals),
        lang,
    )
}

/// The relations naming `code` (indicator `i`) that its figure breaks in
/// `column` and `value` (written with `decimals`), put in its place,
/// keeps: see [`relations_broken_by_lk`].
fn relations_broken_by(
    sub: &Submission,
    template: &Template,
    (i, code, column): (usize, &str, ValueColumn),
    (value, decimals): (f64, i8),
    lang: Lang,
) -> (Vec<String>, String) {
    use super::relations::{relations_naming, short_name};
    use crate::rules::expr::Cmp;
    let (mut rules, mut said) = (Vec::new(), Vec::new());
    for rel in relations_naming(template, code) {
        let codes = rel.codes();
        if !codes.contains(&code) || !rel.holds_in(column) {
            continue;
        }
        let rows: Option<Vec<(&str, usize, &TidyRow)>> = codes
            .iter()
            .map(|&c| {
                let k = template.indicator_index(c)?;
                Some((c, k, sub.figure(k, column)?))
            })
            .collect();
        let Some(rows) = rows else { continue };
        let slack: f64 = rows
            .iter()
            .map(|&(_, k, r)| half_of(template, k, r.decimals))
            .sum::<f64>()
            + half_of(template, i, decimals)
            + 1e-9;
        let holds = |with_th: bool| {
            let lookup = |c: &str| {
                rows.iter().find(|(rc, _, _)| *rc == c).map(|&(_, k, r)| {
                    if with_th && k == i {
                        value
                    } else {
                        r.value
                    }
                })
            };
            let (Some(l), Some(r)) = (rel.left.eval(&lookup), rel.right.eval(&lookup)) else {
                return None;
            };
            Some(match rel.cmp {
                Cmp::Eq => (l - r).abs() <= slack,
                Cmp::Le => l <= r + slack,
                Cmp::Ge => l + slack >= r,
            })
        };
        if holds(false) != Some(false) || holds(true) != Some(true) {
            continue;
        }
        rules.push(format!("{} {} {}", rel.left, rel.cmp.as_str(), rel.right));
        let others: Vec<String> = rows
            .iter()
            .filter(|&&(_, k, _)| k != i)
            .map(|&(c, _, r)| {
                format!(
                    "{c} {} {}",
                    short_name(template, c),
                    format_num(r.value, r.shown_decimals(), lang)
                )
            })
            .collect();
        let sign = match rel.cmp {
            Cmp::Eq => "=",
            Cmp::Le => "≤",
            Cmp::Ge => "≥",
        };
        said.push(format!(
            "{} {sign} {} ({})",
            rel.left,
            rel.right,
            others.join("; ")
        ));
    }
    (rules, said.join("; "))
}

/// Whether a stock's LK is off its TH beyond their rounding, both its
/// level at the period's end ([`check_stock_level`] warns so): the tool
/// then disputes the LK, and a percent or rate the TH gives is not blamed
/// from it.
pub(super) fn stock_level_off(
    template: &Template,
    i: usize,
    ind: &Indicator,
    th: &TidyRow,
    lk: &TidyRow,
) -> bool {
    ind.kind == Kind::Stock
        && !opening_level(ind)
        && (lk.value - th.value).abs() > slack(template, i, th, lk)
}

/// A stock stated at the period's start ("Đơn tồn đầu kỳ", "Số dư đầu
/// năm"): its TH is the level at the quarter's start and its LK at the
/// year's, which differ.
pub(crate) fn opening_level(ind: &Indicator) -> bool {
    ind.opening_level()
}

/// From the second quarter: for flows, LK = previous LK + TH. When the
/// columns look swapped ([`columns_swapped`]), a flow that adds up read
/// the other way round (TH = previous LK + LK) is counted in the one
/// finding that says so, not reported on its own; so is a flow whose TH
/// equals its LK when the TH column holds the LK ([`th_holds_lk`]).
pub fn check_previous(
    sub: &Submission,
    prev: &PreviousFigures,
    template: &Template,
    (swapped, from_january, not_updated): (
        Option<&Swapped>,
        Option<&ThHoldsLk>,
        Option<&LkNotUpdated>,
    ),
    lang: Lang,
) -> Vec<Finding> {
    let Some(u) = sub.unit else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut swapped_fit = 0;
    let (_, unit_name) = unit_of(template, sub);
    // A previous period that is no quarter (the nine months' before the
    // year's) is named as it is, not «quý trước».
    let last = prev
        .period
        .filter(|p| !matches!(p.span, crate::model::PeriodSpan::Quarter(_)))
        .map(|_| last_period_words(prev, lang));
    for (i, ind, th, lk) in th_lk(sub, template) {
        // A stock's LK is a level; a flow that takes in a stock (the
        // opening backlog plus what came in) starts each year, not each
        // quarter, from that level.
        if ind.kind != Kind::Flow || ind.takes_stock {
            continue;
        }
        let Some(&(p, pd)) = prev.lk.get(&(u, i)) else {
            continue;
        };
        let want = p + th.value;
        let tol =
            slack(template, i, th, lk) + half_of(template, i, i8::try_from(pd).unwrap_or(i8::MAX));
        if (lk.value - want).abs() <= tol {
            continue;
        }
        if swapped.is_some() && (th.value - (p + lk.value)).abs() <= tol {
            swapped_fit += 1;
            continue;
        }
        if from_january.is_some() && th_is_lk(template, i, th, lk, (p, pd)) {
            continue;
        }
        if not_updated.is_some() && lk_is_last(template, i, th, lk, (p, pd)) {
            continue;
        }
        let d = th.shown_decimals().max(lk.shown_decimals()).max(pd.min(2));
        let f = |v: f64| format_num(v, d, lang);
        let what = indicator_words(template, i);
        let stated = f(lk.value);
        // Last quarter's LK was itself in error: this quarter's may be the
        // corrected one.
        let disputed = prev.disputed.contains(&(u, i));
        let rule = lang.pick(AFTER_PREVIOUS.0, AFTER_PREVIOUS.1);
        // The row's note names a correction of last quarter's figures
        // ("Điều chỉnh số liệu quý I: 1235 lượt (đã báo 1185)"): an LK
        // that adds up with a figure it states is the corrected one.
        if let Some(note) = sub.notes.iter().find(|n| n.correction && n.ind() == i) {
            let fits = figures_in(&note.text).into_iter().find(|&(n, nd)| {
                let half = half_of(template, i, i8::try_from(nd).unwrap_or(i8::MAX));
                (lk.value - (n + th.value)).abs() <= slack(template, i, th, lk) + half
            });
            let corrected = fits.map(|(n, _)| f(n));
            let said = Checked::NoteCorrection {
                unit: &unit_name,
                what: &what,
                previous: &f(p),
                th: &f(th.value),
                want: &f(want),
                lk: &stated,
                note: &note.text,
                corrected: corrected.as_deref(),
            };
            let mut finding = lk_mismatch(
                &said,
                lang,
                (template, sub, lk),
                rule.to_string(),
                stated.clone(),
            );
            if fits.is_some() || disputed {
                finding.severity = Severity::Warning;
            }
            out.push(finding);
            continue;
        }
        let said = Checked::AfterPrevious {
            unit: &unit_name,
            what: &what,
            last: last.as_deref(),
            previous: &f(p),
            th: &f(th.value),
            want: &f(want),
            lk: &stated,
            disputed,
        };
        let mut finding = lk_mismatch(
            &said,
            lang,
            (template, sub, lk),
            rule.to_string(),
            stated.clone(),
        );
        if disputed {
            finding.severity = Severity::Warning;
        }
        out.push(finding);
    }
    if let Some(s) = swapped {
        out.push(swapped_finding(sub, template, s, Some(swapped_fit), lang));
    }
    if let Some(found) = from_january {
        out.push(th_holds_lk_finding(sub, template, found, prev, lang));
    }
    if let Some(found) = not_updated {
        out.push(lk_not_updated_finding(sub, template, found, prev, lang));
    }
    out
}

/// A flow's cumulative relation read in another unit: for a row the unit
/// wrote `scale` times too large (a money unit slip, see
/// [`super::scale`]), whether LK = previous LK + TH fails as written and
/// holds with its TH and LK divided by `scale` (last quarter's LK stays:
/// the previous consolidation read it right). The three figures as read,
/// when so: the `cumulative-mismatch` on that row is the slip's knock-on.
pub fn lk_agrees_scaled(
    sub: &Submission,
    prev: &PreviousFigures,
    template: &Template,
    i: usize,
    scale: f64,
) -> Option<(f64, f64, f64)> {
    let u = sub.unit?;
    let (_, ind, th, lk) = th_lk(sub, template).into_iter().find(|p| p.0 == i)?;
    if ind.kind != Kind::Flow || ind.takes_stock || !(scale.is_finite() && scale > 0.0) {
        return None;
    }
    let &(p, pd) = prev.lk.get(&(u, i))?;
    let half_prev = half_of(template, i, i8::try_from(pd).unwrap_or(i8::MAX));
    let tol = slack(template, i, th, lk);
    let holds_as_written = (lk.value - (p + th.value)).abs() <= tol + half_prev;
    let (th_read, lk_read) = (th.value / scale, lk.value / scale);
    let holds_read = (lk_read - (p + th_read)).abs() <= tol / scale + half_prev;
    (!holds_as_written && holds_read).then_some((p, th_read, lk_read))
}

/// After the first quarter, a file whose only figure column is from
/// January (a ward's "Thực hiện 6 tháng đầu năm" in a Q2 run, read as LK)
/// has no TH: the district's TH totals would lack it. With last quarter's
/// figures (`prev`), a stock's TH is its LK (both its level at the
/// period's end, not a level at the period's start) and a flow's TH is
/// its LK less last quarter's LK (not a flow summed from a stock, whose LK
/// starts from the year's opening level, nor one whose LK is below last
/// quarter's and cannot be below 0). The figures of a relation (a total
/// and its parts) are worked out all or none, so that the district's
/// totals do not set a part worked out against a total left unknown.
/// Without `prev` nothing is: stocks alone would print a TH column half
/// summed, where the totals say which units lack the column. One
/// `column-missing` finding says what was worked out; the rest stays
/// unknown.
pub fn th_from_lk(
    sub: &mut Submission,
    prev: Option<&PreviousFigures>,
    template: &Template,
    may_be_negative: &std::collections::HashSet<String>,
    period: Period,
    lang: Lang,
) {
    use crate::model::PeriodSpan;
    let Some(prev) = prev else {
        return;
    };
    if matches!(period.span, PeriodSpan::Quarter(1) | PeriodSpan::Month(_))
        || sub.rows.iter().any(|r| r.column == ValueColumn::Th)
    {
        return;
    }
    let mut seen = std::collections::HashSet::new();
    let lks: Vec<TidyRow> = sub
        .rows
        .iter()
        .filter(|r| r.column == ValueColumn::Lk && seen.insert(r.ind()))
        .cloned()
        .collect();
    let Some(first) = lks.first() else {
        return;
    };
    let mut left = 0;
    let mut below = Vec::new();
    let mut worked = Vec::new();
    // A former commune's file holds part of the unit's figures: its flows'
    // TH is worked out of the unit's sum ([`th_from_lk_summed`]), never
    // of this part alone against the whole unit's last LK.
    let part = sub.unit_former.is_some();
    for lk in &lks {
        let i = lk.ind();
        let Some(ind) = template.indicators.get(i) else {
            continue;
        };
        let last = sub.unit.and_then(|u| prev.lk.get(&(u, i)));
        let th = match (ind.kind, last) {
            (Kind::Stock, _) if !opening_level(ind) => Some((lk.value, lk.decimals)),
            (Kind::Flow, Some(&(p, pd))) if !ind.takes_stock && !part => {
                let d = lk.decimals.max(i8::try_from(pd).unwrap_or(i8::MAX));
                let value = crate::rules::rounding::round_to(lk.value - p, d.clamp(0, 9) as u8);
                let tol = half_of(template, i, lk.decimals) + half_of(template, i, d) + 1e-9;
                if value < -tol && !may_be_negative.contains(&ind.code) {
                    below.push(ind.code.clone());
                    None
                } else {
                    Some((value, d))
                }
            }
            _ => None,
        };
        match th {
            Some((value, decimals)) => worked.push(TidyRow {
                value,
                decimals,
                column: ValueColumn::Th,
                ..lk.clone()
            }),
            None => left += 1,
        }
    }
    // A relation's figures all or none: a part worked out beside its
    // total left unknown (a flow summed from a stock) is left too.
    let stated: std::collections::HashSet<usize> = lks.iter().map(TidyRow::ind).collect();
    loop {
        let have: std::collections::HashSet<usize> = worked.iter().map(TidyRow::ind).collect();
        let split: std::collections::HashSet<usize> = (0..template.indicators.len())
            .map(|j| template.relation_indicators(j))
            .filter(|named| {
                named.iter().any(|m| have.contains(m))
                    && named
                        .iter()
                        .any(|m| stated.contains(m) && !have.contains(m))
            })
            .flatten()
            .collect();
        let before = worked.len();
        worked.retain(|r| !split.contains(&r.ind()));
        if worked.len() == before {
            break;
        }
        left += before - worked.len();
    }
    let (flows, stocks) = worked.iter().fold((0, 0), |(f, s), r| {
        match template.indicators.get(r.ind()).map(|i| i.kind) {
            Some(Kind::Stock) => (f, s + 1),
            _ => (f + 1, s),
        }
    });
    let HeaderCell {
        cell,
        words: label,
        at,
    } = header_cell(sub, (first.sheet, first.row, first.col));
    let below = below.join(", ");
    // The office is told where last quarter's LK was read; the unit, the
    // period (it has no such file).
    let for_unit = previous_for_unit(prev, lang);
    let [said, to_unit] =
        [prev.source.as_str(), for_unit.as_str()].map(|source| crate::messages::Read::ThFromLk {
            label: &label,
            cell: &cell,
            source: Some(source),
            flows,
            stocks,
            left,
            below: &below,
            since: prev.period,
        });
    let severity = if below.is_empty() {
        Severity::Info
    } else {
        Severity::Warning
    };
    let (code, _) = unit_of(template, sub);
    let finding = Finding::said(severity, &said, lang)
        .told_unit(&to_unit, lang)
        .at(&at)
        .unit(code)
        .column(ValueColumn::Th.as_str())
        .expected(th_from_lk_rule(prev.period, lang))
        .actual(label.clone());
    sub.rows.extend(worked);
    sub.sort_rows();
    sub.findings.push(finding);
}

/// Whether `f` is the finding [`th_from_lk`] gives a file with no TH
/// column, whose TH the tool worked out.
pub fn is_th_from_lk(f: &Finding) -> bool {
    f.code == crate::diagnostic::Code::ColumnMissing
        && f.column == ValueColumn::Th.as_str()
        && f.expected.starts_with("TH = LK − ")
}

/// The TH of a unit summed from its former communes' files, none with a
/// TH column: worked out of the sum's LK against the unit's last LK (each
/// part alone is below it, not wrong). The TH the parts gave (their
/// stocks' LK) are worked out again from the sum. The warning when the
/// sum's LK is below last quarter's, at the first part's header.
pub fn th_from_lk_summed(
    whole: &mut Submission,
    prev: Option<&PreviousFigures>,
    template: &Template,
    may_be_negative: &std::collections::HashSet<String>,
    period: Period,
    lang: Lang,
) -> Option<Finding> {
    prev?;
    whole.rows.retain(|r| r.column != ValueColumn::Th);
    let before = whole.findings.len();
    th_from_lk(whole, prev, template, may_be_negative, period, lang);
    if whole.findings.len() == before {
        return None;
    }
    whole
        .findings
        .pop()
        .filter(|f| f.severity == Severity::Warning)
}

/// The one warning of a run whose previous consolidation came without
/// its `errors.json` ([`PreviousFigures::errors_missing`]): a last LK
/// found in error and corrected since is judged as if never found so.
pub fn errors_missing_finding(prev: &PreviousFigures, lang: Lang) -> Option<Finding> {
    let file = prev.errors_missing.as_deref()?;
    let said = Checked::PreviousWithoutErrors {
        file,
        workbook: &prev.source,
    };
    Some(
        Finding::said(Severity::Warning, &said, lang)
            .at(&crate::diagnostic::Location::file(file))
            .column(ValueColumn::Lk.as_str())
            .actual(prev.source.clone()),
    )
}

/// The figures a note states, with their decimals, read the Vietnamese
/// way ("1.235 lượt", "1235", "12,5 triệu"); a period's numeral ("quý
/// I", "tháng 3/2020") is a figure too, and fits nothing.
fn figures_in(note: &str) -> Vec<(f64, u8)> {
    note.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .map(|w| w.trim_matches(|c| c == '.' || c == ','))
        .filter(|w| !w.is_empty())
        .filter_map(|w| crate::number::parse_number(w, crate::number::NumberLocale::Vi))
        .map(|p| (p.value, p.decimals))
        .collect()
}

/// The rule [`check_previous`] states, in both languages.
const AFTER_PREVIOUS: (&str, &str) = ("LK = LK quý trước + TH", "LK = previous LK + TH");

/// Drops from `findings` a department's `cumulative-mismatch` against last
/// quarter that the change in the wards it totals explains. A department
/// that states the district figure of an indicator every ward states too
/// (level `both`, its `reported_by`) totals the wards that report: when a
/// ward late last quarter reports now (its LK brings its earlier quarters)
/// or one that reported then is missing now, its LK is not last quarter's
/// plus this quarter's TH, and rightly so. Such a figure is no error when
/// it equals last quarter's LK plus TH plus what the wards that came (their
/// LK less their TH) less what the wards that left (their last LK) bring;
/// its LK against this quarter's wards is the department-totals check's.
///
/// # Errors
/// When the store cannot be read back.
pub fn explained_by_wards(
    figures: &crate::normalize::store::Figures,
    prev: &PreviousFigures,
    template: &Template,
    findings: &mut Vec<Finding>,
) -> Result<(), Fatal> {
    use crate::template::{AgencyKind, Level};
    // The department findings to weigh: (finding, department, indicator).
    let weighed: Vec<(usize, usize, usize)> = findings
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            f.code == crate::diagnostic::Code::CumulativeMismatch
                && (f.expected == AFTER_PREVIOUS.0 || f.expected == AFTER_PREVIOUS.1)
        })
        .filter_map(|(k, f)| {
            let d = template.agencies.iter().position(|a| a.code == f.unit)?;
            let i = template.indicator_index(&f.indicator)?;
            let ind = &template.indicators[i];
            let totals = template.agencies[d].kind != AgencyKind::Ward
                && ind.level == Level::Both
                && ind.reported_by == f.unit;
            totals.then_some((k, d, i))
        })
        .collect();
    if weighed.is_empty() {
        return Ok(());
    }
    let wanted: std::collections::HashSet<usize> = weighed.iter().map(|w| w.2).collect();
    let departments: std::collections::HashSet<usize> = weighed.iter().map(|w| w.1).collect();
    // Per indicator: the wards stating its LK now, with LK − TH (None
    // without a TH), and the departments' TH and LK.
    let mut now: HashMap<usize, HashMap<usize, Option<(f64, f64)>>> = HashMap::new();
    let mut own: HashMap<(usize, usize), (f64, f64, f64)> = HashMap::new();
    figures.each_chunk(|subs| {
        for s in subs {
            let Some(u) = s.unit else { continue };
            for (i, _, th, lk) in th_lk(s, template) {
                if !wanted.contains(&i) {
                    continue;
                }
                if departments.contains(&u) {
                    let half =
                        half_of(template, i, th.decimals) + half_of(template, i, lk.decimals);
                    own.insert((u, i), (th.value, lk.value, half));
                }
            }
            for r in s.rows.iter().filter(|r| r.column == ValueColumn::Lk) {
                let i = r.ind();
                if !wanted.contains(&i) || !template.counts_towards_total(u, i) {
                    continue;
                }
                let th = s
                    .rows
                    .iter()
                    .find(|t| t.ind() == i && t.column == ValueColumn::Th);
                let half = half_of(template, i, r.decimals);
                let entry =
                    th.map(|t| (r.value - t.value, half + half_of(template, i, t.decimals)));
                now.entry(i).or_default().entry(u).or_insert(entry);
            }
        }
        Ok(())
    })?;
    // Per indicator: the wards that stated its LK last quarter.
    let mut before: HashMap<usize, Vec<(usize, f64, u8)>> = HashMap::new();
    for (&(w, i), &(v, vd)) in &prev.lk {
        if wanted.contains(&i) && template.counts_towards_total(w, i) {
            before.entry(i).or_default().push((w, v, vd));
        }
    }
    let mut drop = std::collections::HashSet::new();
    for (k, d, i) in weighed {
        let (Some(&(th, lk, mut tol)), Some(&(p, pd))) = (own.get(&(d, i)), prev.lk.get(&(d, i)))
        else {
            continue;
        };
        tol += half_of(template, i, i8::try_from(pd).unwrap_or(i8::MAX)) + 1e-9;
        let wards_now = now.get(&i);
        let mut changed = false;
        // What the wards that report now and did not last quarter bring,
        // and what those that reported then and do not now had.
        let (mut came, mut left) = (0.0, 0.0);
        let mut explained = true;
        for (&w, entry) in wards_now.into_iter().flatten() {
            if prev.lk.contains_key(&(w, i)) {
                continue;
            }
            changed = true;
            match entry {
                Some((earlier, half)) => {
                    came += earlier;
                    tol += half;
                }
                None => explained = false,
            }
        }
        for &(w, v, vd) in before.get(&i).into_iter().flatten() {
            if !wards_now.is_some_and(|m| m.contains_key(&w)) {
                changed = true;
                left += v;
                tol += half_of(template, i, i8::try_from(vd).unwrap_or(i8::MAX));
            }
        }
        // A department that totals the wards that report, or one that
        // counts the silent ones from its own records (their figures stay
        // in its LK) and now has the late one's too.
        let fits = |want: f64| (lk - want).abs() <= tol;
        if changed && explained && (fits(p + th + came - left) || fits(p + th + came)) {
            drop.insert(k);
        }
    }
    let mut k = 0;
    findings.retain(|_| {
        k += 1;
        !drop.contains(&(k - 1))
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::reconcile::checks::testutil::{at, ind, row, sub_with};

    #[test]
    fn first_quarter_lk_must_equal_th() {
        let t = Template::builtin().unwrap();
        let (hc02, hc05) = (ind(&t, "HC02"), ind(&t, "HC05"));
        let s = sub_with(
            &t,
            "P02",
            vec![
                at(row(hc02, ValueColumn::Th, 1290.0, 0), 9, 4),
                at(row(hc02, ValueColumn::Lk, 1209.0, 0), 9, 5),
                // Near-misses: equal at the stated precision; a rate.
                at(row(ind(&t, "HC03"), ValueColumn::Th, 12.5, 1), 10, 4),
                at(row(ind(&t, "HC03"), ValueColumn::Lk, 12.54, 2), 10, 5),
                at(row(hc05, ValueColumn::Th, 93.3, 1), 11, 4),
                at(row(hc05, ValueColumn::Lk, 90.0, 1), 11, 5),
            ],
        );
        let f = check_first_quarter(&s, &t, Lang::Vi);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].code, Code::CumulativeMismatch);
        assert_eq!(
            (
                f[0].cell.as_str(),
                f[0].expected.as_str(),
                f[0].actual.as_str()
            ),
            ("F10", "LK = TH", "1.209")
        );
        assert!(
            f[0].message.contains("một trong hai số sai"),
            "{}",
            f[0].message
        );
    }

    /// An indicator in two tables: its first row's figures are the ones
    /// used (as the `indicator-repeated` warning says), for LK = TH too.
    #[test]
    fn a_repeated_indicator_is_checked_on_its_first_row() {
        let t = Template::builtin().unwrap();
        let hc02 = ind(&t, "HC02");
        let twice = |first: (f64, f64), second: (f64, f64)| {
            let mut s = sub_with(
                &t,
                "P02",
                vec![
                    at(row(hc02, ValueColumn::Th, first.0, 0), 9, 4),
                    at(row(hc02, ValueColumn::Lk, first.1, 0), 9, 5),
                    at(row(hc02, ValueColumn::Th, second.0, 0), 30, 4),
                    at(row(hc02, ValueColumn::Lk, second.1, 0), 30, 5),
                ],
            );
            for r in s.rows.iter_mut().filter(|r| r.row == 30) {
                r.sheet = 1;
            }
            s.sheets.push("Biểu 2".into());
            check_first_quarter(&s, &t, Lang::En)
        };
        assert!(twice((10.0, 10.0), (20.0, 25.0)).is_empty());
        let f = twice((10.0, 12.0), (20.0, 20.0));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].sheet.as_str(), f[0].cell.as_str()), ("Biểu 1", "F10"));
    }

    #[test]
    fn the_previous_consolidation_must_end_with_the_quarter_before() {
        let p: fn(&str) -> Period = |s| s.parse().unwrap();
        assert!(previous_fits(Some(p("2020-Q1")), p("2020-Q2")).is_ok());
        assert!(previous_fits(Some(p("2020-Q2")), p("2020-9M")).is_ok());
        assert!(previous_fits(Some(p("2020-H1")), p("2020-Q3")).is_ok());
        assert!(previous_fits(Some(p("2020-9M")), p("2020")).is_ok());
        // Not known: nothing to hold against it.
        assert!(previous_fits(None, p("2020-Q3")).is_ok());
        assert!(previous_fits(Some(p("2020-Q1")), p("2020-Q3")).is_err());
        assert!(previous_fits(Some(p("2020-Q2")), p("2020-Q2")).is_err());
        assert!(previous_fits(Some(p("2019-Q3")), p("2020-Q4")).is_err());
        assert!(previous_fits(None, p("2020-Q1")).is_err());
    }

    #[test]
    fn a_th_column_holding_the_lk_covers_its_own_th_outliers_and_relations() {
        let said = Checked::BelowQuarter {
            unit: "Phường 10",
            what: "TT05",
            th: "24",
            lk: "24",
        };
        let make =
            |code: Code, severity: Severity, unit: &str, file: &str, ind: &str, col: &str| {
                let mut f = Finding::said(severity, &said, Lang::En)
                    .at(&crate::diagnostic::Location::file(file))
                    .unit(unit)
                    .indicator(ind)
                    .column(col);
                f.code = code;
                f
            };
        use Severity::{Error, Warning};
        let slip = make(Code::CumulativeMismatch, Error, "P10", "p10.xlsx", "", "TH");
        assert!(disputes_th_column(&slip) && !disputes_th_and_lk_columns(&slip));
        let mut findings = vec![
            slip,
            make(Code::Outlier, Warning, "P10", "p10.xlsx", "YT10", "TH"),
            make(Code::SumMismatch, Error, "P10", "p10.xlsx", "TT05", "TH"),
            // Kept: the LK column, another unit, another file of the unit.
            make(Code::SumMismatch, Error, "P10", "p10.xlsx", "TT05", "LK"),
            make(Code::Outlier, Warning, "P11", "p11.xlsx", "YT10", "TH"),
            make(Code::Outlier, Warning, "P10", "p10 (2).xlsx", "YT10", "TH"),
        ];
        drop_explained_by_th_column(&mut findings);
        let left: Vec<(Code, &str, &str, &str)> = findings
            .iter()
            .map(|f| (f.code, f.unit.as_str(), f.file.as_str(), f.column.as_str()))
            .collect();
        assert_eq!(
            left,
            [
                (Code::CumulativeMismatch, "P10", "p10.xlsx", "TH"),
                (Code::SumMismatch, "P10", "p10.xlsx", "LK"),
                (Code::Outlier, "P11", "p11.xlsx", "TH"),
                (Code::Outlier, "P10", "p10 (2).xlsx", "TH"),
            ]
        );
    }

    #[test]
    fn an_lk_column_never_accumulated_covers_its_own_lk_outliers_only() {
        let said = Checked::BelowQuarter {
            unit: "Phường Bình Hưng Hòa",
            what: "YT01",
            th: "1.565",
            lk: "1.565",
        };
        let make = |code: Code, severity: Severity, unit: &str, ind: &str, col: &str| {
            let mut f = Finding::said(severity, &said, Lang::En)
                .at(&crate::diagnostic::Location::file("w070.xlsx"))
                .unit(unit)
                .indicator(ind)
                .column(col);
            f.code = code;
            f
        };
        use Severity::{Error, Warning};
        let stale = make(Code::CumulativeMismatch, Error, "W070", "", "LK")
            .expected(AFTER_PREVIOUS.0.to_string());
        assert!(disputes_lk_column(&stale));
        assert!(!disputes_th_and_lk_columns(&stale) && !disputes_th_column(&stale));
        // Near miss: the swapped columns' finding, also at the LK header.
        let swapped =
            make(Code::CumulativeMismatch, Error, "W071", "", "LK").expected("LK ≥ TH".to_string());
        assert!(disputes_th_and_lk_columns(&swapped) && !disputes_lk_column(&swapped));
        let mut findings = vec![
            stale,
            make(Code::Outlier, Warning, "W070", "YT01", "LK"),
            make(Code::Outlier, Warning, "W070", "HC01", "LK"),
            // Kept: the TH column, another unit.
            make(Code::Outlier, Warning, "W070", "YT01", "TH"),
            make(Code::Outlier, Warning, "W069", "YT01", "LK"),
        ];
        drop_explained_by_th_column(&mut findings);
        let left: Vec<(Code, &str, &str, &str)> = findings
            .iter()
            .map(|f| {
                (
                    f.code,
                    f.unit.as_str(),
                    f.indicator.as_str(),
                    f.column.as_str(),
                )
            })
            .collect();
        assert_eq!(
            left,
            [
                (Code::CumulativeMismatch, "W070", "", "LK"),
                (Code::Outlier, "W070", "YT01", "TH"),
                (Code::Outlier, "W069", "YT01", "LK"),
            ]
        );
    }

    #[test]
    fn a_report_from_january_only_gets_its_th_where_it_follows() {
        let t = Template::builtin().unwrap();
        let p02 = t.agency_index("P02").unwrap();
        let (hc02, hc01, yt21, tt04) = (
            ind(&t, "HC02"),
            ind(&t, "LD01"),
            ind(&t, "YT21"),
            ind(&t, "TT04"),
        );
        let mut prev = PreviousFigures::default();
        prev.lk.insert((p02, hc02), (1290.0, 0));
        prev.lk.insert((p02, hc01), (1400.0, 0));
        let lk_only = || {
            sub_with(
                &t,
                "P02",
                vec![
                    at(row(hc02, ValueColumn::Lk, 2000.0, 0), 9, 4),
                    // Below last quarter's: no TH, a warning names it.
                    at(row(hc01, ValueColumn::Lk, 1300.0, 0), 10, 4),
                    // A stock's TH is its level; an opening level's is not.
                    at(row(yt21, ValueColumn::Lk, 51.0, 0), 11, 4),
                    at(row(tt04, ValueColumn::Lk, 3.0, 0), 12, 4),
                ],
            )
        };
        let none = std::collections::HashSet::new();
        let th = |s: &Submission| -> Vec<(usize, f64)> {
            s.rows
                .iter()
                .filter(|r| r.column == ValueColumn::Th)
                .map(|r| (r.ind(), r.value))
                .collect()
        };
        let q2 = Period::quarter(2020, 2);
        let mut s = lk_only();
        th_from_lk(&mut s, Some(&prev), &t, &none, q2, Lang::En);
        let mut want = vec![(hc02, 710.0), (yt21, 51.0)];
        want.sort_by_key(|w| w.0);
        assert_eq!(th(&s), want);
        assert_eq!(s.findings.len(), 1);
        assert_eq!(s.findings[0].severity, Severity::Warning);
        assert!(s.findings[0].message.contains(
            "The cumulative figure of LD01 is below its last quarter's cumulative figure"
        ));
        // Without last quarter's figures: nothing (a TH column of stocks
        // alone would print half summed).
        let mut s = lk_only();
        th_from_lk(&mut s, None, &t, &none, q2, Lang::En);
        assert!(th(&s).is_empty() && s.findings.is_empty());
        // A relation all or none: YT11 (summed from its stock YT11a) is
        // left unknown, so its parts are too, though YT11a is a stock and
        // YT11b a flow with last quarter's LK (the district's YT11 TH was
        // told to be below its parts' 37 + 362).
        let (yt11, yt11a, yt11b) = (ind(&t, "YT11"), ind(&t, "YT11a"), ind(&t, "YT11b"));
        prev.lk.insert((p02, yt11b), (300.0, 0));
        let mut s = lk_only();
        s.rows.extend([
            at(row(yt11, ValueColumn::Lk, 730.0, 0), 13, 4),
            at(row(yt11a, ValueColumn::Lk, 40.0, 0), 14, 4),
            at(row(yt11b, ValueColumn::Lk, 690.0, 0), 15, 4),
        ]);
        s.sort_rows();
        th_from_lk(&mut s, Some(&prev), &t, &none, q2, Lang::En);
        assert_eq!(th(&s), want);
        // A first quarter, or a file with a TH column: nothing.
        let mut s = lk_only();
        th_from_lk(
            &mut s,
            Some(&prev),
            &t,
            &none,
            Period::quarter(2020, 1),
            Lang::En,
        );
        assert!(th(&s).is_empty() && s.findings.is_empty());
        let mut s = lk_only();
        s.rows.push(at(row(hc02, ValueColumn::Th, 710.0, 0), 9, 5));
        th_from_lk(&mut s, Some(&prev), &t, &none, q2, Lang::En);
        assert_eq!(th(&s).len(), 1);
        assert!(s.findings.is_empty());
    }

    #[test]
    fn later_quarters_add_to_the_previous_lk_for_flows_only() {
        let t = Template::builtin().unwrap();
        let p02 = t.agency_index("P02").unwrap();
        let (hc02, tt04, tt05) = (ind(&t, "HC02"), ind(&t, "TT04"), ind(&t, "TT05"));
        let mut prev = PreviousFigures::default();
        prev.lk.insert((p02, hc02), (1290.0, 0));
        prev.lk.insert((p02, tt04), (7.0, 0));
        prev.lk.insert((p02, tt05), (12.0, 0));
        let s = sub_with(
            &t,
            "P02",
            vec![
                at(row(hc02, ValueColumn::Th, 800.0, 0), 9, 4),
                at(row(hc02, ValueColumn::Lk, 2000.0, 0), 9, 5),
                // A stock: LK is the level, never a sum over quarters.
                at(row(tt04, ValueColumn::Th, 5.0, 0), 10, 4),
                at(row(tt04, ValueColumn::Lk, 5.0, 0), 10, 5),
                // TT05 == TT04 + TT03, the opening backlog plus what came
                // in: the year's opening 2 + 9 received, not 12 + 8.
                at(row(tt05, ValueColumn::Th, 8.0, 0), 11, 4),
                at(row(tt05, ValueColumn::Lk, 11.0, 0), 11, 5),
            ],
        );
        assert!(t.indicators[tt05].takes_stock);
        assert!(!t.indicators[hc02].takes_stock);
        let f = check_previous(&s, &prev, &t, (None, None, None), Lang::Vi);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (
                f[0].cell.as_str(),
                f[0].expected.as_str(),
                f[0].actual.as_str()
            ),
            ("F10", "LK = LK quý trước + TH", "2.000")
        );
        let ok = sub_with(
            &t,
            "P02",
            vec![
                at(row(hc02, ValueColumn::Th, 800.0, 0), 9, 4),
                at(row(hc02, ValueColumn::Lk, 2090.0, 0), 9, 5),
            ],
        );
        assert!(check_previous(&ok, &prev, &t, (None, None, None), Lang::Vi).is_empty());
        // Last quarter's LK was found in error then (its errors.json): the
        // unit may have corrected it, a warning that says so.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(crate::outputs::ERRORS_JSON),
            r#"[{"severity":"error","code":"sum-mismatch","unit":"P02","indicator":"HC02","column":"LK"},
                {"severity":"warning","code":"outlier","unit":"P03","indicator":"HC02","column":"LK"},
                {"severity":"error","code":"cumulative-mismatch","unit":"P04","indicator":"HC02","column":"TH"}]"#,
        )
        .unwrap();
        prev.disputed = disputed_lk(dir.path(), &t).unwrap();
        assert_eq!(prev.disputed.len(), 1);
        let f = check_previous(&s, &prev, &t, (None, None, None), Lang::Vi);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(
            f[0].message.contains("đã bị báo lỗi ở lần tổng hợp trước"),
            "{}",
            f[0].message
        );
    }

    /// After the first quarter a stock's TH and LK are both its level at
    /// the period's end: LK summed over the quarters (YT11a 12 where TH is
    /// 6) is a warning at LK naming TH; equal ones, a flow's, and a level
    /// at the period's start ("Đơn tồn đầu kỳ": the quarter's start in TH,
    /// the year's in LK) are not.
    #[test]
    fn after_the_first_quarter_a_stocks_lk_is_its_th() {
        let t = Template::builtin().unwrap();
        let (yt11a, yt12a, tt04, hc02) = (
            ind(&t, "YT11a"),
            ind(&t, "YT12a"),
            ind(&t, "TT04"),
            ind(&t, "HC02"),
        );
        let s = sub_with(
            &t,
            "P02",
            vec![
                at(row(yt11a, ValueColumn::Th, 6.0, 0), 9, 4),
                at(row(yt11a, ValueColumn::Lk, 12.0, 0), 9, 5),
                at(row(yt12a, ValueColumn::Th, 40.0, 0), 10, 4),
                at(row(yt12a, ValueColumn::Lk, 40.0, 0), 10, 5),
                at(row(tt04, ValueColumn::Th, 30.0, 0), 11, 4),
                at(row(tt04, ValueColumn::Lk, 18.0, 0), 11, 5),
                at(row(hc02, ValueColumn::Th, 91.0, 0), 12, 4),
                at(row(hc02, ValueColumn::Lk, 200.0, 0), 12, 5),
            ],
        );
        let f = check_stock_level(&s, &t, Lang::Vi);
        let got: Vec<_> = f
            .iter()
            .map(|x| {
                (
                    x.severity,
                    x.cell.as_str(),
                    x.expected.as_str(),
                    x.actual.as_str(),
                )
            })
            .collect();
        assert_eq!(got, [(Severity::Warning, "F10", "LK = TH", "12")]);
        assert!(
            f[0].message.contains("thực hiện 6 và lũy kế 12"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn after_the_first_quarter_a_flows_lk_is_at_least_its_th() {
        let t = Template::builtin().unwrap();
        let (hc02, hc03, hc04, tt04) = (
            ind(&t, "HC02"),
            ind(&t, "HC03"),
            ind(&t, "HC04"),
            ind(&t, "TT04"),
        );
        let none = std::collections::HashSet::new();
        let s = sub_with(
            &t,
            "P02",
            vec![
                at(row(hc02, ValueColumn::Th, 91.0, 0), 9, 4),
                at(row(hc02, ValueColumn::Lk, 43.0, 0), 9, 5),
                at(row(hc03, ValueColumn::Th, 40.0, 0), 10, 4),
                at(row(hc03, ValueColumn::Lk, 120.0, 0), 10, 5),
                at(row(hc04, ValueColumn::Th, 3.0, 0), 11, 4),
                at(row(hc04, ValueColumn::Lk, 3.0, 0), 11, 5),
                // A stock's LK is a level: below TH says nothing.
                at(row(tt04, ValueColumn::Th, 9.0, 0), 12, 4),
                at(row(tt04, ValueColumn::Lk, 5.0, 0), 12, 5),
            ],
        );
        let f = check_lk_below_th(&s, &t, &none, None, Lang::Vi);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (
                f[0].code,
                f[0].severity,
                f[0].cell.as_str(),
                f[0].expected.as_str(),
                f[0].actual.as_str()
            ),
            (
                Code::CumulativeMismatch,
                Severity::Error,
                "F10",
                "LK ≥ TH",
                "43"
            )
        );
        assert!(
            f[0].message.contains("nhỏ hơn thực hiện quý này 91"),
            "{}",
            f[0].message
        );
        // An indicator that may be below zero is left alone.
        let negative = std::collections::HashSet::from(["HC02".to_string()]);
        assert!(check_lk_below_th(&s, &t, &negative, None, Lang::Vi).is_empty());
        assert!(columns_swapped(&s, &t, &none).is_none());
        // Most flows below: the columns look swapped; one error says so.
        let swapped = sub_with(
            &t,
            "P02",
            vec![
                at(row(hc02, ValueColumn::Th, 91.0, 0), 9, 4),
                at(row(hc02, ValueColumn::Lk, 43.0, 0), 9, 5),
                at(row(hc03, ValueColumn::Th, 40.0, 0), 10, 4),
                at(row(hc03, ValueColumn::Lk, 20.0, 0), 10, 5),
                at(row(hc04, ValueColumn::Th, 51.0, 0), 11, 4),
                at(row(hc04, ValueColumn::Lk, 23.0, 0), 11, 5),
            ],
        );
        let s = columns_swapped(&swapped, &t, &none);
        let f = check_lk_below_th(&swapped, &t, &none, s.as_ref(), Lang::En);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (
                f[0].severity,
                f[0].cell.as_str(),
                f[0].actual.as_str(),
                f[0].indicator.as_str()
            ),
            (Severity::Error, "F10", "F10 < E10", "")
        );
        assert!(
            f[0].message
                .contains("columns look swapped: for 3 of 3 flow"),
            "{}",
            f[0].message
        );
    }
}
