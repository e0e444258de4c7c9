//! A batch for any template (`tonghop samples --template DIR`): one
//! workbook per reporting unit of the template's registry, figures
//! consistent with its catalog, and — unless `--clean` — mistakes planted
//! where the catalog offers a place, each with the findings a
//! consolidation must report.
//!
//! ```text
//! OUT/
//!   template/      the template's four files, copied
//!   submissions/   one workbook per reporting unit (+ a revised copy)
//!   expected.tsv   the findings a consolidation must report, exactly
//!   README.md      what was planted where, in words
//! ```
//!
//! Who sends what is [`Template::must_report`]: every ward, commune and
//! special zone (`kind=ward`, `reports=yes`) its level-`ward` and `both`
//! indicators, in layouts A, B and C (6:2:2); every other reporting agency
//! the figures of its own level-`district` and `both` indicators, in
//! layout A. A unit's figures are drawn at its size (its `size` in the
//! registry over the median, or a spread of sizes when the registry has
//! none) with CK and KH following LK, so that figures per head and per
//! unit of CK are alike and the outlier check has nothing to say; a
//! department's figure of a `both` indicator is the sum of the units whose
//! files a consolidation uses.
//!
//! The mistakes ([`PLANTS`], chosen in [`plant`]) go by what the catalog
//! offers, never by code: a whole-and-parts relation for `sum-mismatch`, a
//! figure with a plan for `pct-mismatch`, a money indicator for
//! `unit-mismatch`, two codes that folding would merge for a near miss…
//! Each goes to a unit of its own, on indicators no other mistake touches;
//! one the template offers no place for is left out, and the README says
//! so. A batch is written for a quarter: the layouts' headers are a
//! quarter's.

mod plant;
mod readme;

pub use plant::PLANTS;
pub use readme::readme;

use super::batch::{file_name, layout_of, sender, Unit};
use super::district::{locate, Expected, Mark, SampleSet, StatedFile};
use super::figures::Figures;
use super::layout::{render, Doc, Field, Layout, Placed, Row};
use super::rng::Rng;
use super::submission::{document, Sender};
use crate::error::Fatal;
use crate::model::{Period, PeriodSpan, ValueColumn};
use crate::template::{AgencyKind, Level, Template};
use plant::{Catalog, Planner};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// One planted mistake or near miss, as the batch's README lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plant {
    /// The finding code planted, or a near miss (see [`PLANTS`]).
    pub kind: String,
    /// The unit's name.
    pub unit: String,
    /// The file (empty for a unit that sent nothing).
    pub file: String,
    /// Sheet and cell the README points at (may be empty).
    pub sheet: String,
    pub cell: String,
    /// What was planted, in words.
    pub what: String,
    /// What a consolidation reports for it ("`code` (severity) cell").
    pub reports: Vec<String>,
}

impl Plant {
    /// A near miss: something that must not be reported.
    pub fn is_near_miss(&self) -> bool {
        self.kind.starts_with("near miss")
    }
}

/// A batch in memory.
#[derive(Clone, Debug)]
pub struct TemplateBatch {
    /// The workbooks of `submissions/` and the expected findings.
    pub set: SampleSet,
    pub plants: Vec<Plant>,
    /// How many wards (communes, special zones) and how many departments
    /// and other bodies send a workbook.
    pub wards: usize,
    pub departments: usize,
}

/// The registry's reporting units and the rows the wards send.
pub(super) struct Units<'t> {
    pub t: &'t Template,
    /// Agency indices of the wards, communes and special zones with
    /// `reports=yes`, in registry order.
    pub wards: Vec<usize>,
    /// Agency indices of every other agency with `reports=yes`.
    pub depts: Vec<usize>,
    /// The indicators a ward sends, in catalog order.
    pub ward_rows: Vec<usize>,
}

impl Units<'_> {
    /// The name of the k-th ward.
    pub fn ward_name(&self, k: usize) -> String {
        self.agency(self.wards.get(k)).0
    }

    /// The registry code of the k-th ward.
    pub fn ward_code(&self, k: usize) -> String {
        self.agency(self.wards.get(k)).1
    }

    /// The name and code of the j-th department.
    pub fn dept(&self, j: usize) -> (String, String) {
        self.agency(self.depts.get(j))
    }

    fn agency(&self, a: Option<&usize>) -> (String, String) {
        a.and_then(|&a| self.t.agencies.get(a))
            .map(|a| (a.name.clone(), a.code.clone()))
            .unwrap_or_default()
    }
}

/// A cell of a document, before layout: document, row, field.
pub(super) type Pointer = (usize, usize, Field);

/// What the batch is made of, before layout.
pub(super) struct Documents {
    pub docs: Vec<(String, Doc)>,
    /// The catalog code of every row of every document ("" for sections
    /// and rows outside the catalog), whatever its code cell says.
    pub codes: Vec<Vec<String>>,
    /// Whether a consolidation uses each document (not the original of a
    /// duplicate), and whether a ward sent it.
    pub used: Vec<bool>,
    pub ward: Vec<bool>,
    /// The document of each ward (its revised copy for a duplicate) and
    /// of each department, by position in [`Units`].
    pub ward_doc: BTreeMap<usize, usize>,
    pub dept_doc: BTreeMap<usize, usize>,
    /// The expected findings with a file, and the plant of each.
    pub marks: Vec<(Mark, usize)>,
    /// Expected findings without a file (a unit that sent nothing).
    pub loose: Vec<(Expected, usize)>,
    /// The plants, with the document, row and field the README points at.
    pub plants: Vec<(Plant, Option<Pointer>)>,
}

impl Documents {
    /// Position in `docs[d].rows` of the row of indicator `code`.
    pub fn row_of(&self, d: usize, code: &str) -> Option<usize> {
        self.codes.get(d)?.iter().position(|c| c == code)
    }
}

fn row_codes(doc: &Doc) -> Vec<String> {
    doc.rows
        .iter()
        .map(|r| match r {
            Row::Line(l) => l.code.clone(),
            Row::Section { .. } => String::new(),
        })
        .collect()
}

fn unit_of(t: &Template, a: usize) -> Unit {
    let (code, name) = t
        .agencies
        .get(a)
        .map(|x| (x.code.clone(), x.name.clone()))
        .unwrap_or_default();
    Unit {
        code,
        name,
        aliases: Vec::new(),
    }
}

/// Each ward's size relative to the median of the registry's sizes; a
/// spread from a quarter to four times when the registry has none.
fn relative_sizes(u: &Units, seed: u64) -> Vec<f64> {
    let size = |a: usize| u.t.agencies.get(a).and_then(|x| x.size);
    let mut known: Vec<f64> = u.wards.iter().filter_map(|&a| size(a)).collect();
    known.sort_by(f64::total_cmp);
    let median = known.get(known.len() / 2).copied();
    u.wards
        .iter()
        .enumerate()
        .map(|(k, &a)| match (size(a), median) {
            (Some(s), Some(m)) if m > 0.0 => s / m,
            (None, Some(_)) => 1.0,
            _ => {
                let mut r = Rng::stream(seed, 3000 + k as u64);
                r.uniform(0.25f64.ln(), 4f64.ln()).exp()
            }
        })
        .collect()
}

/// The quantity columns a mistake changes together, so that LK = TH still
/// holds in a first quarter and LK = previous LK + TH in a later one.
pub(super) const TH_LK: [ValueColumn; 2] = [ValueColumn::Th, ValueColumn::Lk];

/// Builds the documents for `t`, with the mistakes planted unless `clean`.
///
/// # Errors
/// A period that is not a quarter, or a registry with no reporting unit.
fn documents(t: &Template, period: Period, seed: u64, clean: bool) -> Result<Documents, Fatal> {
    if !matches!(period.span, PeriodSpan::Quarter(_)) {
        return Err(Fatal::Usage(
            format!(
                "bộ số liệu mẫu theo mẫu biểu được tạo cho một quý ({0}-Q1 … {0}-Q4), không phải {period}",
                period.year
            ),
            format!(
                "a batch for a template is written for a quarter ({0}-Q1 … {0}-Q4), not {period}",
                period.year
            ),
        ));
    }
    let n = t.indicators.len();
    let reporting = |ward: bool| -> Vec<usize> {
        (0..t.agencies.len())
            .filter(|&a| {
                t.agencies
                    .get(a)
                    .is_some_and(|x| x.reports && (x.kind == AgencyKind::Ward) == ward)
            })
            .collect()
    };
    let (wards, depts) = (reporting(true), reporting(false));
    if wards.is_empty() && depts.is_empty() {
        return Err(Fatal::Usage(
            format!(
                "danh sách đơn vị của {} không có đơn vị nào reports=yes: không có gì để tạo",
                t.source
            ),
            format!(
                "the registry of {} lists no unit with reports=yes: nothing to write",
                t.source
            ),
        ));
    }
    let ward_rows = match wards.first() {
        Some(&a) => (0..n).filter(|&i| t.must_report(a, i)).collect(),
        None => Vec::new(),
    };
    let units = Units {
        t,
        wards,
        depts,
        ward_rows,
    };
    let cat = Catalog::new(t);
    let model = &cat.model;

    // The wards' true figures, and what their files will say.
    let rel = relative_sizes(&units, seed);
    let truth: Vec<Figures> = rel
        .iter()
        .enumerate()
        .map(|(k, &size)| {
            let mut rng = Rng::stream(seed, k as u64 + 1);
            model.unit_figures_with(&mut rng, size, period, true)
        })
        .collect();
    let mut written = truth.clone();
    let mut p = Planner::new(&cat, &units, seed);
    if !clean {
        p.plan_wards(&mut written, period);
    }

    // The departments: their own draw for district-level indicators (at
    // the size of the whole area), the sum of the used wards for `both`.
    let mut rng = Rng::stream(seed, 1000);
    let area = rel.iter().sum::<f64>().max(1.0);
    let district = model.unit_figures_with(&mut rng, area, period, true);
    let mut totals = Figures::empty(n);
    for (k, f) in truth.iter().enumerate() {
        if p.missing != Some(k) {
            totals.add(f);
        }
    }
    model.fill_all_rates(&mut totals);
    let mut dept_figs: Vec<(Vec<usize>, Figures)> = units
        .depts
        .iter()
        .map(|&a| {
            let which: Vec<usize> = (0..n).filter(|&i| t.must_report(a, i)).collect();
            let mut f = Figures::empty(n);
            for &i in &which {
                let both = t.indicators.get(i).is_some_and(|x| x.level == Level::Both);
                let source = if both { &totals } else { &district };
                for c in ValueColumn::QUANTITIES {
                    f.set(c, i, source.get(c, i));
                }
            }
            model.fill_all_rates(&mut f);
            (which, f)
        })
        .collect();
    if !clean {
        p.plan_total(&mut dept_figs, &written);
    }

    let mut out = Documents {
        docs: Vec::new(),
        codes: Vec::new(),
        used: Vec::new(),
        ward: Vec::new(),
        ward_doc: BTreeMap::new(),
        dept_doc: BTreeMap::new(),
        marks: Vec::new(),
        loose: Vec::new(),
        plants: Vec::new(),
    };
    let push = |out: &mut Documents, file: String, doc: Doc, used: bool, ward: bool| {
        out.codes.push(row_codes(&doc));
        out.docs.push((file, doc));
        out.used.push(used);
        out.ward.push(ward);
        out.docs.len() - 1
    };
    for (k, &a) in units.wards.iter().enumerate() {
        if p.missing == Some(k) {
            continue;
        }
        let unit = unit_of(t, a);
        let layout = layout_of(k);
        let write = |f: &Figures| {
            let mut rng = Rng::stream(seed, 100 + k as u64);
            let rows = &units.ward_rows;
            document(
                t,
                model,
                &sender(&unit),
                f,
                rows,
                layout,
                period,
                &[],
                &mut rng,
            )
        };
        let file = file_name(&unit);
        let Some(change) = p.duplicate.filter(|d| d.0 == k).map(|d| d.1) else {
            let d = push(&mut out, file, write(&written[k]), true, true);
            out.ward_doc.insert(k, d);
            continue;
        };
        // The original differs in one figure; the revised copy, which a
        // consolidation uses, holds the true figures.
        let mut f = written[k].clone();
        if let Some((i, delta)) = change {
            for c in TH_LK {
                f.set(c, i, f.get(c, i).map(|v| v + delta));
            }
            model.fill_all_rates(&mut f);
        }
        let revised = file.replace(".xlsx", " (bản sửa).xlsx");
        push(&mut out, file, write(&f), false, true);
        let d = push(&mut out, revised, write(&written[k]), true, true);
        out.ward_doc.insert(k, d);
    }
    let names: Vec<String> = (0..units.depts.len()).map(|j| units.dept(j).0).collect();
    for (j, (&a, (which, f))) in units.depts.iter().zip(&dept_figs).enumerate() {
        let unit = unit_of(t, a);
        let s = Sender {
            code: unit.code.clone(),
            letterhead: vec![t.office_letterhead(), unit.name.to_uppercase()],
            place: t.office_place(),
            lead: unit.name.clone(),
            is_ward: false,
        };
        let partners: Vec<String> = names.iter().filter(|x| **x != unit.name).cloned().collect();
        let mut rng = Rng::stream(seed, 200 + j as u64);
        let mut doc = document(
            t,
            model,
            &s,
            f,
            which,
            Layout::A,
            period,
            &partners,
            &mut rng,
        );
        if which.is_empty() {
            doc.rows = vec![Row::nothing_to_report()];
        }
        let d = push(&mut out, file_name(&unit), doc, true, false);
        out.dept_doc.insert(j, d);
    }
    if !clean {
        p.finish(&written, &dept_figs, &mut out);
    }
    Ok(out)
}

/// Builds the batch for `t`: its workbooks, the expected findings and
/// what was planted.
///
/// # Errors
/// A period that is not a quarter, a registry with no reporting unit, or
/// a workbook that cannot be laid out.
pub fn build(t: &Template, period: Period, seed: u64, clean: bool) -> Result<TemplateBatch, Fatal> {
    let d = documents(t, period, seed, clean)?;
    let rendered: Vec<(Vec<u8>, Placed)> = d
        .docs
        .par_iter()
        .map(|(_, doc)| render(doc))
        .collect::<Result<_, _>>()
        .map_err(|e| Fatal::Other(format!("cannot lay out a sample workbook: {e}")))?;
    let mut plants: Vec<Plant> = Vec::new();
    for (p, at) in &d.plants {
        let mut p = p.clone();
        if let Some((_, placed)) = at.and_then(|(doc, _, _)| rendered.get(doc)) {
            p.sheet = placed.sheet.to_string();
            p.cell = at
                .and_then(|(_, row, field)| placed.cell(row, field))
                .unwrap_or_default();
        }
        plants.push(p);
    }
    let mut expected = Vec::new();
    for (m, pi) in &d.marks {
        let Some((_, placed)) = rendered.get(m.doc) else {
            continue;
        };
        expected.push((locate(m, placed), *pi));
    }
    expected.extend(d.loose);
    for (e, pi) in &expected {
        if let Some(p) = plants.get_mut(*pi) {
            p.reports.push(readme::report_words(e));
        }
    }
    let mut expected: Vec<Expected> = expected.into_iter().map(|(e, _)| e).collect();
    // The indicators no unit of the registry reports (a registry of wards
    // alone, its departments' indicators): their rows are blank, told
    // once by the consolidation.
    expected.extend(registry_lacks(t));
    expected.sort_by(|a, b| (&a.file, &a.code, &a.cell).cmp(&(&b.file, &b.code, &b.cell)));
    let wards = d
        .ward
        .iter()
        .zip(&d.used)
        .filter(|(w, u)| **w && **u)
        .count();
    let departments = d.ward.iter().filter(|w| !**w).count();
    let mut files: Vec<(String, Vec<u8>)> = d
        .docs
        .into_iter()
        .map(|(f, _)| f)
        .zip(rendered.into_iter().map(|r| r.0))
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(TemplateBatch {
        departments,
        wards,
        set: SampleSet { files, expected },
        plants,
    })
}

/// The figures each file a consolidation uses states, by catalog code:
/// `(file, sent by a ward, [(code, unit written, [KH, TH, LK, CK, %KH,
/// %CK])])`; text cells are `None`. For tests that check the totals
/// against figures read by another path.
///
/// # Errors
/// As [`build`].
pub fn stated_figures(
    t: &Template,
    period: Period,
    seed: u64,
    clean: bool,
) -> Result<Vec<StatedFile>, Fatal> {
    let d = documents(t, period, seed, clean)?;
    Ok(d.docs
        .into_iter()
        .zip(d.codes)
        .zip(d.used.into_iter().zip(d.ward))
        .filter(|(_, (used, _))| *used)
        .map(|(((file, doc), codes), (_, ward))| {
            let lines = doc
                .rows
                .iter()
                .zip(codes)
                .filter_map(|(r, code)| match r {
                    Row::Line(l) if !code.is_empty() => Some((
                        code,
                        l.unit.clone(),
                        std::array::from_fn(|k| l.values[k].value()),
                    )),
                    _ => None,
                })
                .collect();
            (file, ward, lines)
        })
        .collect())
}

#[cfg(test)]
mod tests;

/// The `total-uncomputed` findings a consolidation gives for the
/// indicators no unit of `t`'s registry reports, if any: those whose
/// every figure stays blank (a rate is computed from its operands' totals
/// when they have reporters).
fn registry_lacks(t: &Template) -> Vec<Expected> {
    use crate::reconcile::uncomputed::Unreported;
    let reported = |i: usize| {
        t.agencies
            .iter()
            .enumerate()
            .any(|(u, a)| a.reports && t.must_report(u, i))
    };
    let mut u = Unreported::default();
    for (i, ind) in t.indicators.iter().enumerate() {
        if reported(i) {
            continue;
        }
        if ind.kind == crate::template::Kind::Rate {
            let operands = crate::rules::expr::parse(&ind.formula)
                .ok()
                .and_then(|r| match r {
                    crate::rules::expr::Rule::Definition(e) => {
                        Some(e.codes().into_iter().map(String::from).collect::<Vec<_>>())
                    }
                    _ => None,
                });
            let computed = operands.is_some_and(|codes| {
                codes
                    .iter()
                    .all(|c| t.indicator_index(c).is_some_and(reported))
            });
            if computed {
                continue;
            }
        }
        u.absent.push(i);
        let code = ind.reported_by.trim();
        if ind.level == Level::District
            && !code.is_empty()
            && !u.absent_from.iter().any(|c| c == code)
        {
            u.absent_from.push(code.to_string());
        }
    }
    // As the consolidation tells them: a warning for a registry that
    // lacks some of the departments it has the level of, an info for one
    // with no unit of that level at all (wards alone).
    crate::reconcile::uncomputed::unreported_findings(&u, t, crate::diagnostic::Lang::Vi)
        .into_iter()
        .map(|f| Expected {
            severity: f.severity.as_str().into(),
            code: "total-uncomputed".into(),
            indicator: f.indicator,
            actual: f.actual,
            ..Expected::default()
        })
        .collect()
}
