//! Where each mistake of a template's batch goes, and what a
//! consolidation must report for it.
//!
//! ```text
//! mistake                needs in the catalog / registry         reported
//! submission-missing     a ward                                  error
//! submission-duplicate   a ward; its original differs in one     info (the name tells)
//!                        figure outside every formula
//! sum-mismatch           a relation whole == part + part … that  error in TH and LK
//!                        the wards report                        (+ total-unchecked)
//! pct-mismatch           a figure with a plan (%KH), else CK     error
//! pct-kind               a figure that rose (%CK)                error
//! value-invalid          a whole-number figure outside formulas  error (+ total-unchecked)
//! unit-mismatch          a money indicator                       warning
//! indicator-approximate  a code with letters, a ward in layout A info
//! near miss: codes       two codes that folding would merge      nothing
//! near miss: note        a ward in layout A or B                 nothing
//! total-mismatch         a department's `both` indicator         error in TH and LK
//!                        outside formulas
//! ```
//!
//! Each mistake takes a ward of its own (in an order drawn from the seed)
//! and indicators no other mistake has taken when it can, preferring
//! level-`ward` indicators, which no department total depends on. Where
//! a ward's mistake does touch a `both` indicator, the department's total
//! of it is held back (`total-unchecked`) exactly when the department's
//! figure differs from the wards' known sum by more than the half-units of
//! all of them: that is the tool's documented rule, computed here on the
//! figures as written.

use super::{Documents, Plant, Units, TH_LK};
use crate::diagnostic::Lang;
use crate::model::{Period, ValueColumn};
use crate::normalize::indicator::{loose_code_key, IndicatorMatcher, RowMatch};
use crate::number::format_vi;
use crate::reconcile::relations::relations_of;
use crate::samples::batch::layout_of;
use crate::samples::district::{hundredths, plain, Expected, Mark};
use crate::samples::figures::{
    money_unit, parse_formula, pct_ck, pct_kh, Figures, Formula, Model, Op, MONEY_UNITS,
};
use crate::samples::layout::{Cell, Field, Layout, Row};
use crate::samples::rng::Rng;
use crate::template::{CkConvention, Kind, Level, Template};
use crate::text::fold;
use std::collections::{BTreeMap, HashSet};

const NEAR_CODES: &str = "near miss: codes that folding would merge";
const NEAR_NOTE: &str = "near miss: a dated note on a row of figures";

/// Everything a batch plants where the template offers a place, in the
/// order they are placed.
pub const PLANTS: [&str; 11] = [
    "submission-missing",
    "submission-duplicate",
    "sum-mismatch",
    "pct-mismatch",
    "pct-kind",
    "value-invalid",
    "unit-mismatch",
    "indicator-approximate",
    NEAR_CODES,
    NEAR_NOTE,
    "total-mismatch",
];

/// An expected finding: severity, code and unit; the rest filled in by
/// struct update.
fn finding(severity: &str, code: &str, unit: &str) -> Expected {
    Expected {
        severity: severity.into(),
        code: code.into(),
        unit: unit.into(),
        ..Default::default()
    }
}

/// Days in a month (for "Số liệu đến ngày 31 tháng 3 năm 2026").
fn last_day(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A code as folding once read it, separators and leading zeros gone:
/// `AN.01.1` and `AN.11` are both `AN11`.
pub(super) fn merged_code(code: &str) -> String {
    loose_code_key(code).replace('.', "")
}

/// The ways a clerk writes `code` with other separators: "KT 01" and
/// "KT-01" for "KT.01", "HC 02" for "HC02".
pub(super) fn other_separators(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    if code.contains(['.', '-', '_']) {
        out.push(code.replace(['.', '-', '_'], " "));
        out.push(code.replace(['.', '_'], "-"));
    }
    let mut spaced = String::new();
    let mut last: Option<bool> = None;
    for c in code.chars() {
        let digit = c.is_ascii_digit();
        if c.is_alphanumeric() && last.is_some_and(|l| l != digit) {
            spaced.push(' ');
        }
        spaced.push(c);
        last = c.is_alphanumeric().then_some(digit);
    }
    out.push(spaced);
    out.retain(|w| w != code);
    out.dedup();
    out
}

/// The percent `num / den × 100` can stand for when each figure is ±½
/// unit in its last place (both in the same scaled units); `None` when
/// the denominator may be zero.
pub(super) fn pct_bounds(num: i64, den: i64) -> Option<(f64, f64)> {
    let (n, d) = (num as f64, den as f64);
    if d <= 0.5 || n < 0.0 {
        return None;
    }
    Some((
        (n - 0.5).max(0.0) / (d + 0.5) * 100.0,
        (n + 0.5) / (d - 0.5) * 100.0,
    ))
}

/// One candidate of the first non-empty tier, drawn at random.
fn pick<T: Clone>(rng: &mut Rng, tiers: Vec<Vec<T>>) -> Option<T> {
    tiers
        .into_iter()
        .find(|t| !t.is_empty())
        .and_then(|t| rng.pick(&t).cloned())
}

/// The catalog as the planner sees it.
pub(super) struct Catalog<'t> {
    pub t: &'t Template,
    pub model: Model,
    /// Indicators that have a formula or are named in one.
    in_formula: HashSet<usize>,
}

impl Catalog<'_> {
    pub fn new(t: &Template) -> Catalog<'_> {
        let mut in_formula = HashSet::new();
        for (i, ind) in t.indicators.iter().enumerate() {
            if ind.formula.trim().is_empty() {
                continue;
            }
            in_formula.insert(i);
            let codes: Vec<String> = match parse_formula(&ind.formula) {
                Some(Formula::Relation { lhs, rhs, .. }) => {
                    lhs.into_iter().chain(rhs).map(|(_, c)| c).collect()
                }
                Some(Formula::Rate { num, den }) => vec![num, den],
                None => Vec::new(),
            };
            in_formula.extend(codes.iter().filter_map(|c| t.indicator_index(c)));
        }
        Catalog {
            t,
            model: Model::new(t),
            in_formula,
        }
    }

    fn decimals(&self, i: usize) -> u8 {
        self.model.decimals.get(i).copied().unwrap_or(0)
    }

    fn value(&self, i: usize, scaled: i64) -> f64 {
        self.model.value(i, scaled)
    }

    fn code(&self, i: usize) -> &str {
        self.t.indicators.get(i).map_or("", |x| x.code.as_str())
    }

    fn name(&self, i: usize) -> &str {
        self.t.indicators.get(i).map_or("", |x| x.name.as_str())
    }

    fn unit(&self, i: usize) -> &str {
        self.t.indicators.get(i).map_or("", |x| x.unit.as_str())
    }

    fn quantity(&self, i: usize) -> bool {
        self.t
            .indicators
            .get(i)
            .is_some_and(|x| x.kind != Kind::Rate)
    }

    fn level(&self, i: usize) -> Option<Level> {
        self.t.indicators.get(i).map(|x| x.level)
    }

    /// "KT.01 (Doanh nghiệp thành lập mới)".
    fn words(&self, i: usize) -> String {
        format!("{} ({})", self.code(i), self.name(i))
    }

    /// Every relation but `except`'s holds on `f` in `cols` wherever all
    /// its figures are given — exactly, no half-unit allowed.
    fn relations_hold(&self, f: &Figures, cols: &[ValueColumn], except: usize) -> bool {
        self.model.relations.iter().all(|(owner, rel)| {
            let Formula::Relation { lhs, op, rhs } = rel else {
                return true;
            };
            *owner == except
                || cols.iter().all(|&c| {
                    let side = |s: &[(i64, String)]| -> Option<f64> {
                        s.iter()
                            .map(|(sign, code)| {
                                let i = self.t.indicator_index(code)?;
                                f.get(c, i).map(|v| *sign as f64 * self.value(i, v))
                            })
                            .sum()
                    };
                    match (side(lhs), side(rhs)) {
                        (Some(a), Some(b)) => match op {
                            Op::Eq => (a - b).abs() < 1e-9,
                            Op::Le => a <= b + 1e-9,
                            Op::Ge => a + 1e-9 >= b,
                        },
                        _ => true,
                    }
                })
        })
    }
}

/// A ward's figure a consolidation will not count as known: its cell is
/// text, or it breaks a relation. The department's total of it may be
/// held back.
struct Tainted {
    ward: usize,
    indicator: usize,
    column: ValueColumn,
    /// The plant that made it.
    plant: usize,
}

/// A change to a ward's document once it is written.
enum Edit {
    /// A stated percent (%KH or %CK), in hundredths.
    Percent(ValueColumn, i64),
    /// TH as text.
    Text(String),
    /// The row in another money unit, its figures × `factor` (÷ when
    /// negative).
    Unit(String, i64),
    /// The code (and name) as the clerk wrote them.
    Code(String, Option<String>),
    /// A note on the row.
    Note(String),
}

/// Where an expected finding sits before the documents exist.
#[derive(Clone, Copy, Debug)]
enum Spot {
    /// A ward's document (its revised copy for a duplicate).
    Ward(usize),
    Department(usize),
    /// No file: a unit that sent nothing.
    Nowhere,
}

/// An expected finding, its document and its indicator's row and field.
type Placement = (Spot, Option<(usize, Field)>, Expected);

struct Planned {
    plant: Plant,
    /// What the README points at: document, indicator and field.
    at: Option<(Spot, usize, Field)>,
    expected: Vec<Placement>,
}

/// Chooses where each mistake goes and what a consolidation must say.
pub(super) struct Planner<'c, 'u> {
    cat: &'c Catalog<'c>,
    units: &'u Units<'u>,
    rng: Rng,
    /// Wards (positions in [`Units::wards`]) in the order the mistakes
    /// take them.
    order: Vec<usize>,
    used_wards: HashSet<usize>,
    /// Indicators a mistake in the figures took: no other takes them.
    used_inds: HashSet<usize>,
    /// Indicators any mistake or near miss touched: others prefer
    /// different ones.
    touched: HashSet<usize>,
    planned: Vec<Planned>,
    /// The ward that sends nothing.
    pub missing: Option<usize>,
    /// The ward that sends two files, and the indicator its original
    /// gets wrong by how much (scaled).
    pub duplicate: Option<(usize, Option<(usize, i64)>)>,
    edits: Vec<(usize, usize, Edit)>,
    tainted: Vec<Tainted>,
    /// The department, indicator and plant of the total-mismatch.
    total: Option<(usize, usize, usize)>,
}

impl<'c, 'u> Planner<'c, 'u> {
    pub fn new(cat: &'c Catalog<'c>, units: &'u Units<'u>, seed: u64) -> Planner<'c, 'u> {
        let mut rng = Rng::stream(seed, 5000);
        let mut order: Vec<usize> = (0..units.wards.len()).collect();
        for i in (1..order.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            order.swap(i, j);
        }
        Planner {
            cat,
            units,
            rng,
            order,
            used_wards: HashSet::new(),
            used_inds: HashSet::new(),
            touched: HashSet::new(),
            planned: Vec::new(),
            missing: None,
            duplicate: None,
            edits: Vec::new(),
            tainted: Vec::new(),
            total: None,
        }
    }

    /// The first ward not yet taken for which `f` finds a place; takes it.
    fn take<T>(&mut self, mut f: impl FnMut(&mut Self, usize) -> Option<T>) -> Option<(usize, T)> {
        for k in self.order.clone() {
            if self.used_wards.contains(&k) {
                continue;
            }
            if let Some(x) = f(self, k) {
                self.used_wards.insert(k);
                return Some((k, x));
            }
        }
        None
    }

    /// The quantity indicators the wards send that `keep` accepts, in
    /// tiers: level `ward` (no department total depends on them) before
    /// `both`, and among each those no other mistake touched first.
    fn by_level(&self, keep: impl Fn(usize) -> bool) -> Vec<Vec<usize>> {
        let mut tiers = vec![Vec::new(); 4];
        for &i in &self.units.ward_rows {
            let level = match self.cat.level(i) {
                Some(Level::Ward) => 0,
                Some(Level::Both) => 2,
                _ => continue,
            };
            if self.cat.quantity(i) && keep(i) {
                tiers[level + usize::from(self.touched.contains(&i))].push(i);
            }
        }
        tiers
    }

    fn plant(&mut self, kind: &str, k: usize, what: String, at: Option<(usize, Field)>) -> usize {
        if let Some((i, _)) = at {
            self.touched.insert(i);
        }
        self.planned.push(Planned {
            plant: Plant {
                kind: kind.into(),
                unit: self.units.ward_name(k),
                what,
                ..Default::default()
            },
            at: at.map(|(i, f)| (Spot::Ward(k), i, f)),
            expected: Vec::new(),
        });
        self.planned.len() - 1
    }

    fn expect(&mut self, plant: usize, spot: Spot, at: Option<(usize, Field)>, e: Expected) {
        if let Some(p) = self.planned.get_mut(plant) {
            p.expected.push((spot, at, e));
        }
    }

    /// Plans every mistake made in the wards' files, changing `written`
    /// where a mistake is in the figures themselves.
    pub fn plan_wards(&mut self, written: &mut [Figures], period: Period) {
        self.plan_missing();
        self.plan_duplicate(written);
        self.plan_sum(written);
        self.plan_percent(written);
        self.plan_kind(written);
        self.plan_text(written);
        self.plan_money(written);
        let matcher = IndicatorMatcher::new(self.cat.t);
        self.plan_code(&matcher);
        self.plan_pair(&matcher);
        self.plan_note(period);
    }

    fn plan_missing(&mut self) {
        let Some((k, ())) = self.take(|_, _| Some(())) else {
            return;
        };
        self.missing = Some(k);
        let name = self.units.ward_name(k);
        let p = self.plant(
            "submission-missing",
            k,
            format!("{name} sent nothing."),
            None,
        );
        let unit = self.units.ward_code(k);
        self.expect(
            p,
            Spot::Nowhere,
            None,
            finding("error", "submission-missing", &unit),
        );
    }

    /// Two files from one ward: the revised copy (used) corrects one
    /// figure of an indicator outside every formula.
    fn plan_duplicate(&mut self, written: &[Figures]) {
        let cat = self.cat;
        let Some((k, i)) = self.take(|s, k| {
            let f = written.get(k)?;
            let tiers = s.by_level(|i| {
                !cat.in_formula.contains(&i)
                    && f.get(ValueColumn::Th, i).is_some_and(|v| v > 0)
                    && f.get(ValueColumn::Lk, i).is_some()
            });
            Some(pick(&mut s.rng, tiers))
        }) else {
            return;
        };
        let name = self.units.ward_name(k);
        let change = i.and_then(|i| {
            let v = written.get(k)?.get(ValueColumn::Th, i)?;
            let delta = (v / 20).max(3) + self.rng.range(1, 9);
            Some((i, -delta.min(v), v))
        });
        let what = match change {
            Some((i, d, v)) => {
                self.used_inds.insert(i);
                let dd = cat.decimals(i);
                format!(
                    "{name} sent its file twice; the revised copy («… (bản sửa).xlsx») corrects {} TH and LK from {} to {}. The revised copy is used.",
                    cat.words(i),
                    format_vi(cat.value(i, v + d), dd),
                    format_vi(cat.value(i, v), dd)
                )
            }
            None => format!("{name} sent the same file twice."),
        };
        self.duplicate = Some((k, change.map(|(i, d, _)| (i, d))));
        let p = self.plant("submission-duplicate", k, what, None);
        // The revised copy's name («bản sửa») says it is the latest: one
        // info at it, the office's.
        let e = finding("info", "submission-duplicate", &self.units.ward_code(k));
        self.expect(p, Spot::Ward(k), None, e);
    }

    /// A whole that differs from the sum of its parts, in TH and LK; the
    /// stated rates and percents follow the written figures.
    fn plan_sum(&mut self, written: &mut [Figures]) {
        let cat = self.cat;
        let units = self.units;
        let t = cat.t;
        let sends = |i: usize| units.ward_rows.contains(&i) && cat.quantity(i);
        let (relations, _) = relations_of(t, Lang::En);
        // (owner, whole, parts, the rule as the tool writes it)
        let sums: Vec<(usize, usize, Vec<usize>, String)> = relations
            .iter()
            .filter_map(|r| {
                let (whole, parts) = r.whole_and_parts()?;
                let w = t.indicator_index(whole)?;
                let ps: Vec<usize> = parts
                    .iter()
                    .map(|c| t.indicator_index(c))
                    .collect::<Option<_>>()?;
                (sends(w) && ps.iter().all(|&x| sends(x))).then(|| {
                    let rule = format!("{} {} {}", r.left, r.cmp.as_str(), r.right);
                    (r.owner, w, ps, rule)
                })
            })
            .collect();
        // A slip of a few units; beyond the half-units of all the wards
        // when that is still a slip (at most half the figure), so that the
        // department's total waits for it.
        let beyond = (self.units.wards.len() as i64 + 2) / 2 + 9;
        let taken = self.used_inds.clone();
        let Some((k, (_, w, parts, rule, d))) = self.take(|s, k| {
            let f = written.get(k)?;
            let mut tiers = vec![Vec::new(); 2];
            for (owner, w, parts, rule) in &sums {
                if taken.contains(w) || parts.iter().any(|x| taken.contains(x)) {
                    continue;
                }
                let (Some(th), Some(_)) = (f.get(ValueColumn::Th, *w), f.get(ValueColumn::Lk, *w))
                else {
                    continue;
                };
                let grain = if cat.unit(*w) == "đồng" { 50_000 } else { 1 };
                let mut delta = (9 + parts.len() as i64) * grain;
                if cat.level(*w) == Some(Level::Both) && beyond * 2 <= th {
                    delta = delta.max(beyond * grain);
                }
                // Up, or down when up breaks another relation.
                let fits = |d: i64| {
                    let mut g = f.clone();
                    for c in TH_LK {
                        g.set(c, *w, g.get(c, *w).map(|v| v + d));
                    }
                    th + d >= 0 && cat.relations_hold(&g, &TH_LK, *owner)
                };
                if let Some(d) = [delta, -delta].into_iter().find(|&d| fits(d)) {
                    let tier = usize::from(cat.level(*w) != Some(Level::Ward));
                    tiers[tier].push((*owner, *w, parts.clone(), rule.clone(), d));
                }
            }
            pick(&mut s.rng, tiers)
        }) else {
            return;
        };
        self.used_inds.insert(w);
        self.used_inds.extend(parts.iter().copied());
        let Some(f) = written.get_mut(k) else { return };
        let true_th = f.get(ValueColumn::Th, w).unwrap_or(0);
        for c in TH_LK {
            f.set(c, w, f.get(c, w).map(|v| v + d));
        }
        cat.model.fill_all_rates(f);
        let dd = cat.decimals(w);
        let parts_text: Vec<&str> = parts.iter().map(|&x| cat.code(x)).collect();
        let what = format!(
            "{} TH and LK written {} where its parts {} add up to {}: the rule `{rule}` is broken in both columns (the stated rates and percents follow the written figures).",
            cat.words(w),
            format_vi(cat.value(w, true_th + d), dd),
            parts_text.join(" + "),
            format_vi(cat.value(w, true_th), dd),
        );
        let p = self.plant(
            "sum-mismatch",
            k,
            what,
            Some((w, Field::Value(ValueColumn::Th))),
        );
        let unit = self.units.ward_code(k);
        for c in TH_LK {
            let v = f.get(c, w).unwrap_or(0);
            let e = Expected {
                indicator: cat.code(w).to_string(),
                column: c.as_str().to_string(),
                expected: rule.clone(),
                actual: plain(cat.value(w, v), dd),
                ..finding("error", "sum-mismatch", &unit)
            };
            self.expect(p, Spot::Ward(k), Some((w, Field::Value(c))), e);
            // Which of the whole and its parts is wrong is not known: the
            // tool holds back every one of them.
            for x in std::iter::once(w).chain(parts.iter().copied()) {
                self.tainted.push(Tainted {
                    ward: k,
                    indicator: x,
                    column: c,
                    plant: p,
                });
            }
        }
    }

    /// A stated percent far from its operands: %KH where the catalog has
    /// plans, else %CK; on figures large enough that the percent is known
    /// within a point.
    fn plan_percent(&mut self, written: &[Figures]) {
        let cat = self.cat;
        let growth = cat.t.settings.ck_convention == CkConvention::Growth;
        let taken = self.touched.clone();
        let rows = self.units.ward_rows.clone();
        // (indicator, column, the right percent, the top of what the
        // figures can stand for), in hundredths.
        let Some((k, (i, col, right, top))) = self.take(|s, k| {
            let f = written.get(k)?;
            let mut tiers: Vec<Vec<(usize, ValueColumn, i64, i64)>> = vec![Vec::new(); 8];
            for &i in rows.iter().filter(|&&i| cat.quantity(i)) {
                let lk = f.get(ValueColumn::Lk, i);
                for (col, other) in [
                    (ValueColumn::PctKh, ValueColumn::Kh),
                    (ValueColumn::PctCk, ValueColumn::Ck),
                ] {
                    let o = f.get(other, i);
                    let (right, shift) = match col {
                        ValueColumn::PctKh => (pct_kh(lk, o), 0.0),
                        _ => (pct_ck(lk, o, growth), if growth { 100.0 } else { 0.0 }),
                    };
                    let (Some(r), Some((lo, hi))) = (
                        right.filter(|r| r.abs() >= 500),
                        lk.zip(o).and_then(|(l, o)| pct_bounds(l, o)),
                    ) else {
                        continue;
                    };
                    let top = ((hi - shift) * 100.0).ceil() as i64;
                    let tier = 4 * usize::from(col == ValueColumn::PctCk)
                        + 2 * usize::from(hi - lo > 1.0)
                        + usize::from(taken.contains(&i));
                    tiers[tier].push((i, col, r, top));
                }
            }
            pick(&mut s.rng, tiers)
        }) else {
            return;
        };
        // A quarter too high, and more than a point above anything the
        // figures can stand for; a last digit 0 would be typed with one
        // decimal.
        let mut wrong = (right + right.abs() / 4 + 37).max(top + 137);
        if wrong % 10 == 0 {
            wrong += 1;
        }
        self.edits.push((k, i, Edit::Percent(col, wrong)));
        let how = match (col, growth) {
            (ValueColumn::PctKh, _) => "LK / KH × 100",
            (_, true) => "LK / CK × 100 − 100",
            (_, false) => "LK / CK × 100",
        };
        let what = format!(
            "{} {} stated {} where {how} gives {}.",
            cat.words(i),
            col.as_str(),
            format_vi(wrong as f64 / 100.0, 2),
            format_vi(right as f64 / 100.0, 2)
        );
        let p = self.plant("pct-mismatch", k, what, Some((i, Field::Value(col))));
        let e = Expected {
            indicator: cat.code(i).to_string(),
            column: col.as_str().to_string(),
            expected: hundredths(right),
            actual: hundredths(wrong),
            ..finding("error", "pct-mismatch", &self.units.ward_code(k))
        };
        self.expect(p, Spot::Ward(k), Some((i, Field::Value(col))), e);
    }

    /// %CK written in the other convention, on a figure that rose (so that
    /// neither reading is negative) and whose ratio is known within a few
    /// points.
    fn plan_kind(&mut self, written: &[Figures]) {
        let cat = self.cat;
        let growth = cat.t.settings.ck_convention == CkConvention::Growth;
        let taken = self.touched.clone();
        let rows = self.units.ward_rows.clone();
        let Some((k, (i, right, other))) = self.take(|s, k| {
            let f = written.get(k)?;
            let mut tiers: Vec<Vec<(usize, i64, i64)>> = vec![Vec::new(); 2];
            for &i in rows.iter().filter(|&&i| cat.quantity(i)) {
                let (lk, ck) = (f.get(ValueColumn::Lk, i), f.get(ValueColumn::Ck, i));
                let (Some(g), Some(r)) = (pct_ck(lk, ck, true), pct_ck(lk, ck, false)) else {
                    continue;
                };
                let (right, other) = if growth { (g, r) } else { (r, g) };
                let narrow = lk
                    .zip(ck)
                    .and_then(|(l, c)| pct_bounds(l, c))
                    .is_some_and(|(lo, hi)| hi - lo < 20.0);
                // The last digit not 0: typed with two decimals.
                if g >= 500 && other % 10 != 0 && narrow {
                    tiers[usize::from(taken.contains(&i))].push((i, right, other));
                }
            }
            pick(&mut s.rng, tiers)
        }) else {
            return;
        };
        self.edits
            .push((k, i, Edit::Percent(ValueColumn::PctCk, other)));
        let (said, wanted) = if growth {
            ("the ratio LK / CK × 100", "the growth")
        } else {
            ("the growth LK / CK × 100 − 100", "the ratio")
        };
        let what = format!(
            "{} %CK written {} ({said}) where the template wants {wanted}, {}.",
            cat.words(i),
            format_vi(other as f64 / 100.0, 2),
            format_vi(right as f64 / 100.0, 2)
        );
        let at = (i, Field::Value(ValueColumn::PctCk));
        let p = self.plant("pct-kind", k, what, Some(at));
        let e = Expected {
            indicator: cat.code(i).to_string(),
            column: "%CK".into(),
            expected: hundredths(right),
            actual: hundredths(other),
            ..finding("error", "pct-kind", &self.units.ward_code(k))
        };
        self.expect(p, Spot::Ward(k), Some(at), e);
    }

    /// Text in a number cell (TH), on a whole-number indicator outside
    /// every formula; LK stays a number.
    fn plan_text(&mut self, written: &[Figures]) {
        let cat = self.cat;
        let taken = self.used_inds.clone();
        let Some((k, (i, v))) = self.take(|s, k| {
            let f = written.get(k)?;
            let tiers = s.by_level(|i| {
                !cat.in_formula.contains(&i) && !taken.contains(&i) && cat.decimals(i) == 0
            });
            let tiers = tiers
                .into_iter()
                .map(|t| {
                    t.into_iter()
                        .filter_map(|i| {
                            f.get(ValueColumn::Th, i)
                                .filter(|v| *v >= 2)
                                .map(|v| (i, v))
                        })
                        .collect()
                })
                .collect();
            pick(&mut s.rng, tiers)
        }) else {
            return;
        };
        self.used_inds.insert(i);
        let text = format!("khoảng {}", format_vi(v as f64, 0));
        self.edits.push((k, i, Edit::Text(text.clone())));
        let what = format!(
            "{} TH is the text «{text}»; its LK is the number.",
            cat.words(i)
        );
        let at = (i, Field::Value(ValueColumn::Th));
        let p = self.plant("value-invalid", k, what, Some(at));
        let e = Expected {
            indicator: cat.code(i).to_string(),
            column: "TH".into(),
            actual: text,
            ..finding("error", "value-invalid", &self.units.ward_code(k))
        };
        self.expect(p, Spot::Ward(k), Some(at), e);
        self.tainted.push(Tainted {
            ward: k,
            indicator: i,
            column: ValueColumn::Th,
            plant: p,
        });
    }

    /// A money figure written in the next smaller unit (or, for đồng, in
    /// nghìn đồng): converted by the tool, a warning.
    fn plan_money(&mut self, written: &[Figures]) {
        let cat = self.cat;
        let taken = self.used_inds.clone();
        let Some((k, i)) = self.take(|s, k| {
            let f = written.get(k)?;
            let tiers = s.by_level(|i| {
                !taken.contains(&i)
                    && money_unit(cat.unit(i)).is_some()
                    && f.get(ValueColumn::Th, i).is_some_and(|v| v > 0)
            });
            pick(&mut s.rng, tiers)
        }) else {
            return;
        };
        self.used_inds.insert(i);
        let catalog_unit = cat.unit(i).to_string();
        let size = money_unit(&catalog_unit).unwrap_or(1);
        let (unit, factor) = match MONEY_UNITS.iter().rev().find(|(_, f)| *f < size) {
            Some((u, f)) => (u.to_string(), size / f),
            None => ("nghìn đồng".to_string(), -1_000),
        };
        self.edits.push((k, i, Edit::Unit(unit.clone(), factor)));
        let how = if factor > 0 {
            format!("×{}", format_vi(factor as f64, 0))
        } else {
            format!("÷{}", format_vi(-factor as f64, 0))
        };
        let what = format!(
            "{} written in {unit} where the catalog says {catalog_unit}: every figure {how}. The tool converts them; the figures are right.",
            cat.words(i)
        );
        let p = self.plant("unit-mismatch", k, what, Some((i, Field::Unit)));
        let e = Expected {
            indicator: cat.code(i).to_string(),
            expected: catalog_unit,
            actual: unit,
            ..finding("warning", "unit-mismatch", &self.units.ward_code(k))
        };
        self.expect(p, Spot::Ward(k), Some((i, Field::Unit)), e);
    }

    /// A code written with other separators ("KT 01" for "KT.01") beside
    /// a name that is not the catalog's: matched by its code, said as
    /// info. The catalog's own matcher confirms the reading.
    fn plan_code(&mut self, matcher: &IndicatorMatcher) {
        let cat = self.cat;
        let rows = self.units.ward_rows.clone();
        let Some((k, (i, code, name))) = self.take(|s, k| {
            if layout_of(k) != Layout::A {
                return None;
            }
            let mut tiers: Vec<Vec<(usize, String, String)>> = vec![Vec::new(); 2];
            for &i in &rows {
                let code = cat.code(i);
                if !code.chars().any(char::is_alphabetic) {
                    continue;
                }
                let names = [
                    format!("{} (số ước)", cat.name(i)),
                    format!("Số {}", cat.name(i).to_lowercase()),
                ];
                let found = other_separators(code).into_iter().find_map(|c| {
                    names
                        .iter()
                        .find(|n| matcher.match_row(Some(&c), n) == RowMatch::LooseCode(i))
                        .map(|n| (c, n.clone()))
                });
                if let Some((c, n)) = found {
                    tiers[usize::from(!code.contains('.'))].push((i, c, n));
                }
            }
            pick(&mut s.rng, tiers)
        }) else {
            return;
        };
        self.edits
            .push((k, i, Edit::Code(code.clone(), Some(name.clone()))));
        let what = format!(
            "the row of {} coded «{code}» (other separators) and named «{name}»: read as {} by its code, said as info.",
            cat.code(i),
            cat.code(i)
        );
        let p = self.plant("indicator-approximate", k, what, Some((i, Field::Code)));
        let e = Expected {
            indicator: cat.code(i).to_string(),
            expected: cat.code(i).to_string(),
            actual: code,
            ..finding("info", "indicator-approximate", &self.units.ward_code(k))
        };
        self.expect(p, Spot::Ward(k), Some((i, Field::Code)), e);
    }

    /// Near miss: two codes that folding would merge ("AN.01.1", "AN.11")
    /// written in lower case, one with a space after: still two
    /// indicators, each matched exactly; nothing to report.
    fn plan_pair(&mut self, matcher: &IndicatorMatcher) {
        let cat = self.cat;
        let units = self.units;
        let rows = &units.ward_rows;
        let mut pairs: Vec<(usize, usize, String, String)> = Vec::new();
        for (a, &i) in rows.iter().enumerate() {
            for &j in rows.iter().skip(a + 1) {
                let (ci, cj) = (cat.code(i), cat.code(j));
                let (wi, wj) = (ci.to_lowercase(), format!("{} ", cj.to_lowercase()));
                if merged_code(ci) == merged_code(cj)
                    && fold(ci) != fold(cj)
                    && matcher.match_row(Some(&wi), "") == RowMatch::Exact(i)
                    && matcher.match_row(Some(&wj), "") == RowMatch::Exact(j)
                {
                    pairs.push((i, j, wi, wj));
                }
            }
        }
        let Some((k, (i, j, wi, wj))) = self.take(|s, k| {
            (layout_of(k) == Layout::A)
                .then(|| pick(&mut s.rng, vec![pairs.clone()]))
                .flatten()
        }) else {
            return;
        };
        self.edits.push((k, i, Edit::Code(wi.clone(), None)));
        self.edits.push((k, j, Edit::Code(wj.clone(), None)));
        let what = format!(
            "rows {} and {} (one code once folding drops the dots and leading zeros) coded «{wi}» and «{wj}»: two indicators, each matched exactly; nothing to report.",
            cat.code(i),
            cat.code(j)
        );
        self.plant(NEAR_CODES, k, what, Some((i, Field::Code)));
    }

    /// Near miss: "Số liệu đến ngày …" in the Ghi chú of a row of figures
    /// halfway down the table; every row below it is still read.
    fn plan_note(&mut self, period: Period) {
        let cat = self.cat;
        let units = self.units;
        let rows: Vec<usize> = units
            .ward_rows
            .iter()
            .copied()
            .filter(|&i| cat.quantity(i))
            .collect();
        let Some((k, i)) = self.take(|_, k| {
            (layout_of(k) != Layout::C)
                .then(|| rows.get(rows.len() / 2).copied())
                .flatten()
        }) else {
            return;
        };
        let m = period.last_month();
        let note = format!(
            "Số liệu đến ngày {} tháng {m} năm {}",
            last_day(period.year, m),
            period.year
        );
        self.edits.push((k, i, Edit::Note(note.clone())));
        let what = format!(
            "Ghi chú «{note}» on the row of {}, with rows of figures below it: a date on a row of figures is no signature line; every row is read, nothing to report.",
            cat.code(i)
        );
        self.plant(NEAR_NOTE, k, what, Some((i, Field::Note)));
    }

    /// A department's total of a `both` indicator outside every formula
    /// stated above the sum of its wards, in TH and LK, by more than the
    /// half-units of all of them. Not above when a ward sends nothing
    /// and the department's other figures do not show that it totals
    /// the wards that reported (the tool's rule, see
    /// `reconcile::totals_check`: more of its figures equal to their sum,
    /// where every one of them states it above zero, than above it):
    /// the tool would rightly take the gap for the silent ward's and hold
    /// it back. Below the reported wards' sum instead, an error either
    /// way (a department of a commune stating one indicator).
    pub fn plan_total(&mut self, depts: &mut [(Vec<usize>, Figures)], written: &[Figures]) {
        let cat = self.cat;
        let t = cat.t;
        let mut cands: Vec<(usize, usize)> = Vec::new();
        for (j, (which, f)) in depts.iter().enumerate() {
            let code = self.units.dept(j).1;
            for &i in which {
                let ok = cat.quantity(i)
                    && cat.level(i) == Some(Level::Both)
                    && t.indicators.get(i).is_some_and(|x| x.reported_by == code)
                    && !cat.in_formula.contains(&i)
                    && !self.used_inds.contains(&i)
                    && TH_LK.iter().all(|&c| f.get(c, i).is_some_and(|v| v > 0));
                if ok {
                    cands.push((j, i));
                }
            }
        }
        let Some((j, i)) = pick(&mut self.rng, vec![cands]) else {
            return;
        };
        let Some((which, f)) = depts.get_mut(j) else {
            return;
        };
        let v = f.get(ValueColumn::Th, i).unwrap_or(0);
        let delta = (v / 10).max(self.units.wards.len() as i64 + 10);
        // The department's figures that show it totals the wards that
        // reported, as the tool weighs them: every used ward states it
        // above zero, none of them a planted mistake.
        let sent = |k: usize| Some(k) != self.missing;
        let evident = which
            .iter()
            .filter(|&&x| cat.level(x) == Some(Level::Both))
            .flat_map(|&x| ValueColumn::QUANTITIES.into_iter().map(move |c| (x, c)))
            .filter(|&(x, c)| !(x == i && TH_LK.contains(&c)) && f.get(c, x).is_some())
            .filter(|&(x, c)| {
                written
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| sent(*k))
                    .all(|(k, w)| {
                        w.get(c, x).is_some_and(|v| v > 0)
                            && !self
                                .tainted
                                .iter()
                                .any(|y| y.ward == k && y.indicator == x && y.column == c)
                    })
            })
            .count();
        let below = self.missing.is_some() && evident <= TH_LK.len() && v > 2 * delta;
        let step = if below { -delta } else { delta };
        for c in TH_LK {
            f.set(c, i, f.get(c, i).map(|x| x + step));
        }
        cat.model.fill_all_rates(f);
        self.used_inds.insert(i);
        let dept = self.units.dept(j).0;
        let words = t.level_words();
        self.planned.push(Planned {
            plant: Plant {
                kind: "total-mismatch".into(),
                unit: dept.clone(),
                what: format!(
                    "{dept}: {} TH and LK for {} stated {} {} the sum of its {}.",
                    cat.words(i),
                    words.whole(Lang::Vi),
                    format_vi(cat.value(i, delta), cat.decimals(i)),
                    if below { "below" } else { "above" },
                    words.units_vi
                ),
                ..Default::default()
            },
            at: Some((Spot::Department(j), i, Field::Value(ValueColumn::Th))),
            expected: Vec::new(),
        });
        self.total = Some((j, i, self.planned.len() - 1));
    }

    /// Applies the edits to the written documents and lays down every
    /// expected finding, with the departments' totals the wards' mistakes
    /// hold back and the total-mismatch against the used wards' sum.
    pub fn finish(
        &mut self,
        written: &[Figures],
        depts: &[(Vec<usize>, Figures)],
        out: &mut Documents,
    ) {
        self.apply_edits(out);
        self.held_totals(written, depts, out);
        self.total_mismatch(written, depts);
        self.lay_out(out);
    }

    fn apply_edits(&mut self, out: &mut Documents) {
        for (k, i, edit) in std::mem::take(&mut self.edits) {
            let Some(&d) = out.ward_doc.get(&k) else {
                continue;
            };
            let Some(r) = out.row_of(d, self.cat.code(i)) else {
                continue;
            };
            let Some(Row::Line(line)) =
                out.docs.get_mut(d).and_then(|(_, doc)| doc.rows.get_mut(r))
            else {
                continue;
            };
            match edit {
                Edit::Percent(column, value) => {
                    if let Some(c) = line.value_mut(column) {
                        *c = Cell::Num {
                            scaled: value,
                            decimals: 2,
                        };
                    }
                }
                Edit::Text(text) => {
                    if let Some(c) = line.value_mut(ValueColumn::Th) {
                        *c = Cell::Text(text);
                    }
                }
                Edit::Unit(unit, factor) => {
                    line.unit = unit;
                    for c in ValueColumn::QUANTITIES {
                        let Some(Cell::Num { scaled, decimals }) = line.value_mut(c) else {
                            continue;
                        };
                        if factor > 0 {
                            // × factor, using up the decimals first.
                            let mut f = factor;
                            while f > 1 && *decimals > 0 {
                                f /= 10;
                                *decimals -= 1;
                            }
                            *scaled *= f;
                        } else {
                            *scaled /= -factor;
                        }
                    }
                }
                Edit::Code(code, name) => {
                    line.code = code;
                    if let Some(n) = name {
                        line.name = n;
                    }
                }
                Edit::Note(note) => line.note = note,
            }
        }
    }

    /// `total-unchecked` where a ward's mistake touches a `both` indicator
    /// the department states, unless the department's figure is below
    /// what the other wards already add up to (then `total-mismatch`);
    /// one finding per department, column and set of wards, as the tool
    /// groups them.
    fn held_totals(
        &mut self,
        written: &[Figures],
        depts: &[(Vec<usize>, Figures)],
        out: &Documents,
    ) {
        let cat = self.cat;
        let t = cat.t;
        // Wards whose files are used: by position, with file and name.
        let sent: BTreeMap<usize, (String, String)> = out
            .ward_doc
            .iter()
            .filter_map(|(&k, &d)| Some((k, (out.docs.get(d)?.0.clone(), self.units.ward_name(k)))))
            .collect();
        // (department, column, wards' names) → (indicators, plant)
        type Held = BTreeMap<(usize, ValueColumn, Vec<String>), (Vec<usize>, usize)>;
        let mut held: Held = BTreeMap::new();
        for x in &self.tainted {
            let (i, c) = (x.indicator, x.column);
            if cat.level(i) != Some(Level::Both) {
                continue;
            }
            let reporter = t.indicators.get(i).map(|x| x.reported_by.as_str());
            let Some(j) = (0..self.units.depts.len())
                .find(|&j| Some(self.units.dept(j).1.as_str()) == reporter)
            else {
                continue;
            };
            let Some(stated) = depts.get(j).and_then(|(_, f)| f.get(c, i)) else {
                continue;
            };
            let doubtful = |k: usize| {
                self.tainted
                    .iter()
                    .any(|y| y.ward == k && y.indicator == i && y.column == c)
            };
            let half = 0.5 * 10f64.powi(-i32::from(cat.decimals(i)));
            let (mut known, mut tol) = (0.0, half);
            for (k, f) in written.iter().enumerate() {
                if !sent.contains_key(&k) || doubtful(k) {
                    continue;
                }
                if let Some(v) = f.get(c, i) {
                    known += cat.value(i, v);
                    tol += half;
                }
            }
            // Below what the other wards already add up to: a mismatch
            // the tool reports whatever the doubtful figures (none here:
            // the plants raise figures or keep them).
            if cat.value(i, stated) + tol + 1e-9 < known {
                continue;
            }
            let mut who: Vec<&(String, String)> = self
                .tainted
                .iter()
                .filter(|y| y.indicator == i && y.column == c)
                .filter_map(|y| sent.get(&y.ward))
                .collect();
            who.sort();
            who.dedup();
            let mut who: Vec<String> = who.into_iter().map(|(_, name)| name.clone()).collect();
            // The wards with no report in the totals: the sum lacks them too.
            who.extend(
                self.units
                    .wards
                    .iter()
                    .enumerate()
                    .filter(|&(k, &a)| !sent.contains_key(&k) && t.must_report(a, i))
                    .map(|(k, _)| self.units.ward_name(k)),
            );
            let entry = held.entry((j, c, who)).or_insert((Vec::new(), x.plant));
            if !entry.0.contains(&i) {
                entry.0.push(i);
            }
        }
        for ((j, c, who), (mut inds, plant)) in held {
            inds.sort_unstable();
            let Some(&first) = inds.first() else { continue };
            let e = Expected {
                indicator: if inds.len() == 1 {
                    cat.code(first).to_string()
                } else {
                    String::new()
                },
                column: c.as_str().to_string(),
                actual: who.join(", "),
                ..finding("info", "total-unchecked", &self.units.dept(j).1)
            };
            self.expect(
                plant,
                Spot::Department(j),
                Some((first, Field::Value(c))),
                e,
            );
        }
    }

    fn total_mismatch(&mut self, written: &[Figures], depts: &[(Vec<usize>, Figures)]) {
        let Some((j, i, plant)) = self.total else {
            return;
        };
        let cat = self.cat;
        let Some((_, f)) = depts.get(j) else { return };
        let dd = cat.decimals(i);
        for c in TH_LK {
            let sum: i64 = written
                .iter()
                .enumerate()
                .filter(|(k, _)| Some(*k) != self.missing)
                .filter_map(|(_, w)| w.get(c, i))
                .sum();
            let e = Expected {
                indicator: cat.code(i).to_string(),
                column: c.as_str().to_string(),
                expected: plain(cat.value(i, sum), dd),
                actual: plain(cat.value(i, f.get(c, i).unwrap_or(0)), dd),
                ..finding("error", "total-mismatch", &self.units.dept(j).1)
            };
            self.expect(plant, Spot::Department(j), Some((i, Field::Value(c))), e);
        }
    }

    /// Turns every planned finding into a mark on its document.
    fn lay_out(&mut self, out: &mut Documents) {
        let doc_of = |spot: Spot| -> Option<usize> {
            match spot {
                Spot::Ward(k) => out.ward_doc.get(&k).copied(),
                Spot::Department(j) => out.dept_doc.get(&j).copied(),
                Spot::Nowhere => None,
            }
        };
        let code = |i: usize| self.cat.code(i);
        let mut marks = Vec::new();
        let mut loose = Vec::new();
        let mut plants = Vec::new();
        for (pi, p) in std::mem::take(&mut self.planned).into_iter().enumerate() {
            let at = p.at.and_then(|(spot, i, field)| {
                let d = doc_of(spot)?;
                Some((d, out.row_of(d, code(i))?, field))
            });
            let file_of = |d: usize| out.docs.get(d).map(|(f, _)| f.clone()).unwrap_or_default();
            let file = at
                .map(|(d, _, _)| d)
                .or_else(|| p.expected.iter().find_map(|(s, _, _)| doc_of(*s)))
                .map(file_of)
                .unwrap_or_default();
            for (spot, place, e) in p.expected {
                let Some(d) = doc_of(spot) else {
                    loose.push((e, pi));
                    continue;
                };
                let mark = Mark {
                    doc: d,
                    row: place.and_then(|(i, _)| out.row_of(d, code(i))),
                    field: place.map(|(_, f)| f),
                    title: false,
                    unit_line: false,
                    e: Expected {
                        file: file_of(d),
                        ..e
                    },
                };
                marks.push((mark, pi));
            }
            plants.push((Plant { file, ..p.plant }, at));
        }
        out.marks.extend(marks);
        out.loose.extend(loose);
        out.plants.extend(plants);
    }
}
