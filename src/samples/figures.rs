//! The numbers of a sample submission, consistent by construction.
//!
//! Every figure is a whole number of the indicator's smallest written unit
//! (`Fig::scaled`, e.g. hundredths of a tỷ đồng), so sums and the catalog's
//! relations hold exactly, with no float error. A unit's figures are drawn
//! column by column (TH, LK, CK, KH): each column is one draw of every
//! indicator around its typical size, then the catalog's relations are
//! imposed in dependency order:
//!
//! ```text
//! X == A + B         X := A + B                      (a total of its parts)
//! A + B == C + D     D := A + B − C                  (a balance)
//! X <= Y             X := Y × share   or, when X is a total, Y := X + a bit
//! R = N / D * 100    R := N / D × 100, 2 decimals, half away from zero
//! ```
//!
//! Relations of other shapes are left alone (a custom template may have
//! them; the generator then does not promise they hold).

use super::rng::Rng;
use crate::model::{Period, ValueColumn};
use crate::rules::expr::{parse, Cmp, Expr, Op as ExprOp, Rule};
use crate::template::{Indicator, Kind, Level, Template};

/// A comparison in a relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Eq,
    Le,
    Ge,
}

/// A catalog formula: a relation between sums of codes, or a rate.
#[derive(Clone, Debug, PartialEq)]
pub enum Formula {
    /// `Σ lhs op Σ rhs`; each term a sign (+1/−1) and a code.
    Relation {
        lhs: Vec<(i64, String)>,
        op: Op,
        rhs: Vec<(i64, String)>,
    },
    /// `num / den * 100`.
    Rate { num: String, den: String },
}

/// `A + B - C` → [(1, A), (1, B), (−1, C)]; `None` for anything but a
/// sum or difference of codes.
fn linear(e: &Expr) -> Option<Vec<(i64, String)>> {
    let negate = |v: Vec<(i64, String)>| v.into_iter().map(|(s, c)| (-s, c)).collect::<Vec<_>>();
    match e {
        Expr::Code(c) => Some(vec![(1, c.clone())]),
        Expr::Neg(x) => Some(negate(linear(x)?)),
        Expr::Bin(a, op @ (ExprOp::Add | ExprOp::Sub), b) => {
            let mut out = linear(a)?;
            let right = linear(b)?;
            out.extend(if *op == ExprOp::Sub {
                negate(right)
            } else {
                right
            });
            Some(out)
        }
        _ => None,
    }
}

/// Reads a catalog formula with the rule language of the checks
/// ([`crate::rules::expr`]: codes of any shape, `[3.2a]` in brackets);
/// `None` for an empty one or a shape the generator does not handle.
pub fn parse_formula(text: &str) -> Option<Formula> {
    match parse(text).ok()? {
        Rule::Definition(e) => e.as_percent_ratio().map(|(num, den)| Formula::Rate {
            num: num.to_string(),
            den: den.to_string(),
        }),
        Rule::Relation(l, cmp, r) => Some(Formula::Relation {
            lhs: linear(&l)?,
            op: match cmp {
                Cmp::Eq => Op::Eq,
                Cmp::Le => Op::Le,
                Cmp::Ge => Op::Ge,
            },
            rhs: linear(&r)?,
        }),
    }
}

/// How a relation is imposed on one column of figures.
#[derive(Clone, Debug)]
enum Step {
    /// `out := Σ sign × term`.
    Define {
        out: usize,
        terms: Vec<(i64, usize)>,
    },
    /// `small := big × share` with the share drawn in the range.
    AtMost {
        small: usize,
        big: usize,
        share: (f64, f64),
    },
    /// `big := max(big, small + a few percent)`.
    AtLeast { big: usize, small: usize },
}

impl Step {
    fn out(&self) -> usize {
        match self {
            Step::Define { out, .. } => *out,
            Step::AtMost { small, .. } => *small,
            Step::AtLeast { big, .. } => *big,
        }
    }

    fn inputs(&self) -> Vec<usize> {
        match self {
            Step::Define { terms, .. } => terms.iter().map(|t| t.1).collect(),
            Step::AtMost { big, .. } => vec![*big],
            Step::AtLeast { small, .. } => vec![*small],
        }
    }
}

/// A rate of the catalog: its position and those of its operands.
#[derive(Clone, Copy, Debug)]
pub struct RateDef {
    pub rate: usize,
    pub num: usize,
    pub den: usize,
}

/// One column of a unit's figures, per indicator in catalog order; `None`
/// where the unit leaves the cell blank.
pub type Column = Vec<Option<i64>>;

/// A unit's figures: the four quantity columns (indexed by
/// [`quantity_index`]); percent columns are derived when written.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    pub cols: [Column; 4],
}

/// Position of a quantity column in [`Figures::cols`] (KH, TH, LK, CK).
pub fn quantity_index(col: ValueColumn) -> Option<usize> {
    ValueColumn::QUANTITIES.iter().position(|&c| c == col)
}

impl Figures {
    pub fn get(&self, col: ValueColumn, ind: usize) -> Option<i64> {
        let c = quantity_index(col)?;
        self.cols.get(c)?.get(ind).copied().flatten()
    }

    pub fn set(&mut self, col: ValueColumn, ind: usize, value: Option<i64>) {
        if let Some(cell) = quantity_index(col)
            .and_then(|c| self.cols.get_mut(c))
            .and_then(|c| c.get_mut(ind))
        {
            *cell = value;
        }
    }

    /// Figures of no indicator at all.
    pub fn empty(n: usize) -> Figures {
        Figures {
            cols: std::array::from_fn(|_| vec![None; n]),
        }
    }

    /// Adds another unit's figures, cell by cell (blank + blank = blank).
    pub fn add(&mut self, other: &Figures) {
        for (mine, theirs) in self.cols.iter_mut().zip(&other.cols) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a = match (*a, *b) {
                    (Some(x), Some(y)) => Some(x + y),
                    (x, None) => x,
                    (None, y) => y,
                };
            }
        }
    }
}

/// `num / den × 100` in hundredths, rounded half away from zero; `None`
/// when `den` is zero.
pub fn percent_hundredths(num: i64, den: i64) -> Option<i64> {
    if den == 0 {
        return None;
    }
    let n = num as i128 * 10_000;
    let d = den as i128;
    let q = (2 * n.abs() + d.abs()) / (2 * d.abs());
    let negative = (n < 0) != (d < 0);
    Some(if negative { -q } else { q } as i64)
}

/// The stated %KH: LK/KH×100, blank when an operand is blank or zero.
pub fn pct_kh(lk: Option<i64>, kh: Option<i64>) -> Option<i64> {
    match (lk, kh) {
        (Some(l), Some(k)) if l != 0 && k != 0 => percent_hundredths(l, k),
        _ => None,
    }
}

/// The stated %CK: growth LK/CK×100−100 (or the ratio LK/CK×100),
/// blank when an operand is blank or zero.
pub fn pct_ck(lk: Option<i64>, ck: Option<i64>, growth: bool) -> Option<i64> {
    match (lk, ck) {
        (Some(l), Some(c)) if l != 0 && c != 0 => {
            if growth {
                percent_hundredths(l - c, c)
            } else {
                percent_hundredths(l, c)
            }
        }
        _ => None,
    }
}

/// The catalog prepared for drawing figures.
#[derive(Clone, Debug)]
pub struct Model {
    /// Decimals each indicator is written with.
    pub decimals: Vec<u8>,
    pub kinds: Vec<Kind>,
    pub levels: Vec<Level>,
    /// Which indicators carry a yearly plan (KH).
    pub has_kh: Vec<bool>,
    /// Which indicators carry last year's figure (CK).
    pub has_ck: Vec<bool>,
    pub rates: Vec<RateDef>,
    /// Parsed relations (not rates), for the tests and for checks.
    pub relations: Vec<(usize, Formula)>,
    typical: Vec<f64>,
    grain: Vec<i64>,
    steps: Vec<Step>,
}

/// A ward's typical quarterly figure (district figure for district-level
/// indicators), in the catalog's unit. Codes of the built-in catalog; other
/// codes get a size by their unit.
fn typical(ind: &Indicator) -> f64 {
    match ind.code.as_str() {
        "KT01" => 1250.0,
        "KT02" => 8400.0,
        "KT03a" => 6.0,
        "KT03b" => 2.0,
        "KT04" => 1.5,
        "KT05" => 3.0,
        "KT06" => 25.0,
        "KT07" => 8.0,
        "KT08" => 12.0,
        "NS01" => 145.0,
        "NS02" => 62.0,
        "NS03" => 95.0,
        "DT01" => 12.0,
        "DT02" => 30.0,
        "DT03" => 8.0,
        "DT04" => 5.0,
        "DO01" => 18.0,
        "DO02" => 350.0,
        "DO03a" => 3.0,
        "DO03b" => 1.5,
        "VH01" => 6.0,
        "VH02" => 4.0,
        "VH03" => 12.0,
        "YT01" => 4500.0,
        "YT02" => 1200.0,
        "YT11a" => 3.0,
        "YT11b" => 25.0,
        "YT12a" => 12.0,
        "YT12b" => 90.0,
        "YT13a" => 20.0,
        "YT13b" => 140.0,
        "YT21" => 160.0,
        "YT23" => 30.0,
        "YT25" => 6_500_000.0,
        "LD01" => 40.0,
        "LD03a" => 8.0,
        "LD03b" => 3.0,
        "LD04" => 210.0,
        "LD05" => 180_000_000.0,
        "AN01" => 15.0,
        "AN02" => 6.0,
        "AN03" => 45.0,
        "AN06" => 12.0,
        "AN07" => 8.0,
        "AN10" => 3.0,
        "AN11" => 15_000_000.0,
        "AN20" => 6.0,
        "AN21" => 3.0,
        "AN22" => 60.0,
        "AN23" => 25.0,
        "AN24" => 55.0,
        "AN25" => 45.0,
        "QS01" => 8.0,
        "QS02" => 2.0,
        "TT01" => 25.0,
        "TT02" => 14.0,
        "TT04" => 3.0,
        "TT10" => 9.0,
        "TT11" => 1.0,
        "TT12" => 8.0,
        "TP01" => 12.0,
        "TP02" => 1400.0,
        "HC01" => 1350.0,
        "HC03" => 1250.0,
        "HC04" => 45.0,
        "HC07" => 620.0,
        _ => match ind.unit.as_str() {
            "đồng" => 20_000_000.0,
            "triệu đồng" => 30.0,
            "tỷ đồng" => 20.0,
            "hồ sơ" | "lượt người" => 500.0,
            _ => 20.0,
        },
    }
}

/// The share range of `small` in `small <= big` (built-in codes; others
/// half to nearly all).
fn share(code: &str) -> (f64, f64) {
    match code {
        "HC06" => (0.93, 0.995),
        "YT20" => (0.82, 0.97),
        "YT24" => (0.05, 0.25),
        "AN04" => (0.55, 0.85),
        "LD02" => (0.45, 0.8),
        "TT03" => (0.5, 0.9),
        "TT06" => (0.6, 0.95),
        "HC09" => (0.2, 0.6),
        _ => (0.5, 0.95),
    }
}

/// Decimals an indicator is written with: rates 2, tỷ đồng 1 (large
/// economic figures) or 2 (budget), everything else whole numbers.
fn decimals(ind: &Indicator) -> u8 {
    match (ind.kind, ind.unit.as_str()) {
        (Kind::Rate, _) => 2,
        (_, "tỷ đồng") if ind.group == "KT" => 1,
        (_, "tỷ đồng") => 2,
        _ => 0,
    }
}

/// Indicators that carry a yearly plan in the built-in catalog (with every
/// indicator tied to them by a relation).
const PLANNED: &[&str] = &[
    "KT01", "KT02", "KT06", "NS01", "NS02", "NS03", "DT00", "DO01", "DO02", "LD01", "QS01", "QS02",
    "TP01", "TP02",
];

/// The money units a catalog writes and their size in đồng.
pub const MONEY_UNITS: [(&str, i64); 4] = [
    ("đồng", 1),
    ("nghìn đồng", 1_000),
    ("triệu đồng", 1_000_000),
    ("tỷ đồng", 1_000_000_000),
];

/// The size in đồng of a money unit as a catalog writes it.
pub fn money_unit(unit: &str) -> Option<i64> {
    let u = crate::text::fold(unit);
    MONEY_UNITS
        .iter()
        .find(|(name, _)| crate::text::fold(name) == u)
        .map(|(_, f)| *f)
}

/// Indicators with no figure last year (COVID-19 quarantine began in 2020).
const NO_PRIOR_YEAR_GROUPS: &[&str] = &["YT10"];

impl Model {
    /// Prepares the catalog of a template.
    pub fn new(t: &Template) -> Model {
        let n = t.indicators.len();
        let mut relations = Vec::new();
        let mut rates = Vec::new();
        for (i, ind) in t.indicators.iter().enumerate() {
            match parse_formula(&ind.formula) {
                Some(Formula::Rate { num, den }) => {
                    if let (Some(num), Some(den)) =
                        (t.indicator_index(&num), t.indicator_index(&den))
                    {
                        rates.push(RateDef { rate: i, num, den });
                    }
                }
                Some(f @ Formula::Relation { .. }) => relations.push((i, f)),
                None => {}
            }
        }
        let steps = order_steps(t, &relations);
        // Indicators tied by a relation share the presence of KH and CK,
        // so that every relation holds wherever all its figures are given.
        let mut component: Vec<usize> = (0..n).collect();
        fn root(c: &mut [usize], mut i: usize) -> usize {
            while c[i] != i {
                c[i] = c[c[i]];
                i = c[i];
            }
            i
        }
        for (_, f) in &relations {
            if let Formula::Relation { lhs, rhs, .. } = f {
                let idx: Vec<usize> = lhs
                    .iter()
                    .chain(rhs)
                    .filter_map(|(_, c)| t.indicator_index(c))
                    .collect();
                for w in idx.windows(2) {
                    let (a, b) = (root(&mut component, w[0]), root(&mut component, w[1]));
                    component[a] = b;
                }
            }
        }
        let roots: Vec<usize> = (0..n).map(|i| root(&mut component, i)).collect();
        let marked = |codes: &[&str]| -> Vec<bool> {
            let seeds: Vec<usize> = codes
                .iter()
                .filter_map(|c| t.indicator_index(c))
                .map(|i| roots[i])
                .collect();
            (0..n).map(|i| seeds.contains(&roots[i])).collect()
        };
        let mut has_kh = marked(PLANNED);
        if !PLANNED.iter().any(|c| t.indicator_index(c).is_some()) {
            // Another office's catalog: its money flows carry a yearly
            // plan (a budget estimate), with every indicator tied to them.
            let money: Vec<&str> = t
                .indicators
                .iter()
                .filter(|i| i.kind == Kind::Flow && money_unit(&i.unit).is_some())
                .map(|i| i.code.as_str())
                .collect();
            has_kh = marked(&money);
        }
        let no_ck = marked(NO_PRIOR_YEAR_GROUPS);
        let kinds: Vec<Kind> = t.indicators.iter().map(|i| i.kind).collect();
        for (i, k) in kinds.iter().enumerate() {
            if *k == Kind::Rate {
                has_kh[i] = false;
            }
        }
        Model {
            decimals: t.indicators.iter().map(decimals).collect(),
            levels: t.indicators.iter().map(|i| i.level).collect(),
            has_ck: no_ck.iter().map(|b| !b).collect(),
            has_kh,
            rates,
            relations,
            typical: t.indicators.iter().map(typical).collect(),
            grain: t
                .indicators
                .iter()
                .map(|i| if i.unit == "đồng" { 50_000 } else { 1 })
                .collect(),
            steps,
            kinds,
        }
    }

    pub fn len(&self) -> usize {
        self.decimals.len()
    }

    pub fn is_empty(&self) -> bool {
        self.decimals.is_empty()
    }

    fn scaled(&self, i: usize, value: f64) -> i64 {
        let d = self.decimals.get(i).copied().unwrap_or(0);
        let g = self.grain.get(i).copied().unwrap_or(1).max(1);
        let s = value * 10f64.powi(d as i32) / g as f64;
        (s.round().max(0.0) as i64) * g
    }

    /// One consistent column: every indicator drawn around `base(i)` (in
    /// the catalog's unit), then the relations imposed. Rates are 0 here;
    /// [`Model::fill_rates`] computes them once blanks are known.
    fn draw(&self, rng: &mut Rng, base: impl Fn(usize) -> f64) -> Vec<i64> {
        let mut x: Vec<i64> = (0..self.len())
            .map(|i| match self.kinds.get(i) {
                Some(Kind::Rate) => 0,
                _ => self.scaled(i, base(i) * rng.uniform(0.7, 1.3)),
            })
            .collect();
        for step in &self.steps {
            self.apply(step, &mut x, rng);
        }
        x
    }

    fn apply(&self, step: &Step, x: &mut [i64], rng: &mut Rng) {
        let get = |x: &[i64], i: usize| x.get(i).copied().unwrap_or(0);
        match step {
            Step::Define { out, terms } => {
                let mut v: i64 = terms.iter().map(|&(s, i)| s * get(x, i)).sum();
                if v < 0 {
                    // A balance came out negative: lower the subtracted
                    // terms until it is not.
                    for &(s, i) in terms {
                        if v >= 0 {
                            break;
                        }
                        if s < 0 {
                            let cut = (-v).min(get(x, i));
                            if let Some(t) = x.get_mut(i) {
                                *t -= cut;
                            }
                            v += cut;
                        }
                    }
                }
                if let Some(o) = x.get_mut(*out) {
                    *o = v.max(0);
                }
            }
            Step::AtMost { small, big, share } => {
                let b = get(x, *big) as f64;
                let g = self.grain.get(*small).copied().unwrap_or(1).max(1);
                let v = ((b * rng.uniform(share.0, share.1)) / g as f64).floor() as i64 * g;
                if let Some(s) = x.get_mut(*small) {
                    *s = v.clamp(0, get_max(b));
                }
            }
            Step::AtLeast { big, small } => {
                let s = get(x, *small);
                if get(x, *big) < s {
                    let extra = (s as f64 * rng.uniform(0.02, 0.08)).ceil() as i64;
                    if let Some(b) = x.get_mut(*big) {
                        *b = s + extra;
                    }
                }
            }
        }
    }

    /// A consistent column that follows `base` indicator by indicator:
    /// each figure `base × factor(i)` within 2 %, then the relations
    /// imposed again (wholes from their parts, a part never above its
    /// whole).
    fn follow(&self, base: &[i64], factor: impl Fn(usize) -> f64, rng: &mut Rng) -> Vec<i64> {
        let mut x: Vec<i64> = (0..self.len())
            .map(|i| match self.kinds.get(i) {
                Some(Kind::Rate) => 0,
                _ => {
                    let v = self.value(i, base.get(i).copied().unwrap_or(0));
                    self.scaled(i, v * factor(i) * rng.uniform(0.98, 1.02))
                }
            })
            .collect();
        for step in &self.steps {
            match step {
                Step::AtMost { small, big, .. } => {
                    let b = x.get(*big).copied().unwrap_or(0);
                    if let Some(s) = x.get_mut(*small) {
                        *s = (*s).min(b);
                    }
                }
                _ => self.apply(step, &mut x, rng),
            }
        }
        x
    }

    /// Computes every rate of a column from its operands, where both are
    /// given and the denominator is not zero; blank otherwise.
    pub fn fill_rates(&self, col: &mut Column) {
        for r in &self.rates {
            let num = col.get(r.num).copied().flatten();
            let den = col.get(r.den).copied().flatten();
            let v = match (num, den) {
                (Some(n), Some(d)) if d > 0 => percent_hundredths(n, d),
                _ => None,
            };
            if let Some(c) = col.get_mut(r.rate) {
                *c = v;
            }
        }
    }

    /// Recomputes the rates of every column.
    pub fn fill_all_rates(&self, f: &mut Figures) {
        for (c, col) in f.cols.iter_mut().enumerate() {
            self.fill_rates(col);
            if c == 0 {
                // No yearly plan for a rate.
                for r in &self.rates {
                    if let Some(v) = col.get_mut(r.rate) {
                        *v = None;
                    }
                }
            }
        }
    }

    /// The figures of one unit for `period`. `size` scales the unit
    /// (1 = a typical ward; district-level indicators are drawn at their
    /// district size whatever it is).
    pub fn unit_figures(&self, rng: &mut Rng, size: f64, period: Period) -> Figures {
        self.unit_figures_with(rng, size, period, false)
    }

    /// [`Model::unit_figures`], with CK and KH drawn freely (`steady`
    /// false: every indicator its own draw around LK, as the district
    /// preset has them) or following LK indicator by indicator (`steady`:
    /// one growth and one plan ratio per unit, each figure within 2 % of
    /// it), so that a unit's figures are alike per unit of CK as well as
    /// per unit of size, as the outlier check compares them.
    pub fn unit_figures_with(
        &self,
        rng: &mut Rng,
        size: f64,
        period: Period,
        steady: bool,
    ) -> Figures {
        let months = (period.last_month() + 1).saturating_sub(period.first_month()) as f64;
        let before = period.first_month().saturating_sub(1) as f64;
        let flow = |i: usize| self.kinds.get(i) == Some(&Kind::Flow);
        let t = |i: usize| self.typical.get(i).copied().unwrap_or(1.0) * size;
        let th = self.draw(rng, |i| if flow(i) { t(i) * months / 3.0 } else { t(i) });
        let lk = if before > 0.0 {
            // Months before this period: LK = TH + what came before, a
            // consistent column itself, so the sum keeps every relation.
            // A stock's LK is its level at the period's end, its TH: no
            // months before it.
            let mut prior = self.draw(rng, |i| if flow(i) { t(i) * before / 3.0 } else { 0.0 });
            // A stock that its relation works out from flows (the backlog
            // left: received − resolved) gains nothing either: what the
            // months before added to it was resolved in them.
            for step in &self.steps {
                let Step::Define { out, terms } = step else {
                    continue;
                };
                let (Some(Kind::Stock), Some(&v)) = (self.kinds.get(*out), prior.get(*out)) else {
                    continue;
                };
                if let Some(&(_, i)) = terms.iter().find(|(sign, _)| *sign < 0) {
                    if let Some(x) = prior.get_mut(i) {
                        *x += v;
                    }
                    if let Some(x) = prior.get_mut(*out) {
                        *x = 0;
                    }
                }
            }
            th.iter().zip(&prior).map(|(a, b)| a + b).collect()
        } else {
            th.clone()
        };
        let growth = rng.uniform(0.8, 1.15);
        let plan = |i: usize| {
            if flow(i) {
                12.0 / (before + months).max(1.0) * 1.05
            } else {
                1.05
            }
        };
        let (ck, kh) = if steady {
            let ck = self.follow(&lk, |_| 1.0 / growth, rng);
            (ck, self.follow(&lk, plan, rng))
        } else {
            let ck = self.draw(rng, |i| {
                self.value(i, lk.get(i).copied().unwrap_or(0)) / growth
            });
            let kh = self.draw(rng, |i| {
                self.value(i, lk.get(i).copied().unwrap_or(0)) * plan(i)
            });
            (ck, kh)
        };
        let mask = |v: Vec<i64>, keep: &[bool]| -> Column {
            v.into_iter()
                .enumerate()
                .map(|(i, x)| keep.get(i).copied().unwrap_or(false).then_some(x))
                .collect()
        };
        let all = vec![true; self.len()];
        let mut f = Figures {
            cols: [
                mask(kh, &self.has_kh),
                mask(th, &all),
                mask(lk, &all),
                mask(ck, &self.has_ck),
            ],
        };
        self.fill_all_rates(&mut f);
        f
    }

    /// A scaled figure as a value in the catalog's unit.
    pub fn value(&self, i: usize, scaled: i64) -> f64 {
        scaled as f64 / 10f64.powi(self.decimals.get(i).copied().unwrap_or(0) as i32)
    }
}

fn get_max(b: f64) -> i64 {
    b.max(0.0) as i64
}

/// Turns the relations into steps and orders them so that a step runs
/// after every step that sets one of its inputs.
fn order_steps(t: &Template, relations: &[(usize, Formula)]) -> Vec<Step> {
    let idx = |c: &str| t.indicator_index(c);
    let mut defines: Vec<Step> = Vec::new();
    let mut bounds: Vec<(usize, usize, String)> = Vec::new();
    for (_, f) in relations {
        let Formula::Relation { lhs, op, rhs } = f else {
            continue;
        };
        let terms = |side: &[(i64, String)], sign: i64| -> Option<Vec<(i64, usize)>> {
            side.iter()
                .map(|(s, c)| idx(c).map(|i| (s * sign, i)))
                .collect()
        };
        match op {
            Op::Eq => {
                let step = match (lhs.as_slice(), rhs.as_slice()) {
                    ([(1, out)], _) => idx(out)
                        .zip(terms(rhs, 1))
                        .map(|(out, terms)| Step::Define { out, terms }),
                    (_, [.., (1, out)]) => {
                        let mut all = terms(lhs, 1);
                        if let (Some(a), Some(b)) = (
                            all.as_mut(),
                            terms(rhs.get(..rhs.len() - 1).unwrap_or(&[]), -1),
                        ) {
                            a.extend(b);
                        }
                        idx(out)
                            .zip(all)
                            .map(|(out, terms)| Step::Define { out, terms })
                    }
                    _ => None,
                };
                defines.extend(step);
            }
            Op::Le | Op::Ge => {
                let (small, big) = if *op == Op::Le {
                    (lhs, rhs)
                } else {
                    (rhs, lhs)
                };
                if let ([(1, s)], [(1, b)]) = (small.as_slice(), big.as_slice()) {
                    if let (Some(si), Some(bi)) = (idx(s), idx(b)) {
                        bounds.push((si, bi, s.clone()));
                    }
                }
            }
        }
    }
    let defined: Vec<usize> = defines.iter().map(Step::out).collect();
    let mut steps = defines;
    for (small, big, code) in bounds {
        if defined.contains(&small) {
            if !defined.contains(&big) {
                steps.push(Step::AtLeast { big, small });
            }
        } else {
            steps.push(Step::AtMost {
                small,
                big,
                share: share(&code),
            });
        }
    }
    // Kahn's order, stable in catalog order; a cycle (which the built-in
    // catalog does not have) keeps the remaining steps as they come.
    let mut ordered = Vec::with_capacity(steps.len());
    let mut left: Vec<Step> = steps;
    while !left.is_empty() {
        let ready = left.iter().position(|s| {
            let ins = s.inputs();
            !left
                .iter()
                .any(|o| !std::ptr::eq(o, s) && ins.contains(&o.out()))
        });
        let at = ready.unwrap_or(0);
        ordered.push(left.remove(at));
    }
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_parse() {
        assert_eq!(
            parse_formula("HC03 / HC02 * 100"),
            Some(Formula::Rate {
                num: "HC03".into(),
                den: "HC02".into()
            })
        );
        let Some(Formula::Relation { lhs, op, rhs }) = parse_formula("TT10 + TT11 == TT12 + TT13")
        else {
            panic!("not a relation")
        };
        assert_eq!(op, Op::Eq);
        assert_eq!(lhs, vec![(1, "TT10".to_string()), (1, "TT11".to_string())]);
        assert_eq!(rhs.len(), 2);
        let Some(Formula::Relation { rhs, .. }) = parse_formula("TT07 == TT05 - TT06") else {
            panic!("not a relation")
        };
        assert_eq!(rhs, vec![(1, "TT05".to_string()), (-1, "TT06".to_string())]);
        // Dotted codes, and codes of any shape in brackets.
        let Some(Formula::Relation { lhs, op, rhs }) = parse_formula("[5.2] <= [5.1]") else {
            panic!("not a relation")
        };
        assert_eq!((lhs, op), (vec![(1, "5.2".to_string())], Op::Le));
        assert_eq!(rhs, vec![(1, "5.1".to_string())]);
        assert_eq!(
            parse_formula("HC.02.1 / HC.02 * 100"),
            Some(Formula::Rate {
                num: "HC.02.1".into(),
                den: "HC.02".into()
            })
        );
        let Some(Formula::Relation { rhs, .. }) = parse_formula("KT.01 == KT.01.1 + KT.01.2")
        else {
            panic!("not a relation")
        };
        assert_eq!(rhs.len(), 2);
        assert_eq!(
            parse_formula("A == -(B - C)").map(|f| match f {
                Formula::Relation { rhs, .. } => rhs,
                Formula::Rate { .. } => Vec::new(),
            }),
            Some(vec![(-1, "B".to_string()), (1, "C".to_string())])
        );
        assert_eq!(parse_formula("A == B * C"), None);
        assert_eq!(parse_formula(""), None);
        assert_eq!(parse_formula("A == B +"), None);
    }

    #[test]
    fn percents_round_half_away_from_zero() {
        assert_eq!(percent_hundredths(1, 8), Some(1250));
        assert_eq!(percent_hundredths(1204, 1281), Some(9399)); // 93.989…
        assert_eq!(percent_hundredths(1, 0), None);
        // 1/3 − 1 = −66.666… → −66.67
        assert_eq!(pct_ck(Some(1), Some(3), true), Some(-6667));
        assert_eq!(pct_ck(Some(1), Some(3), false), Some(3333));
        assert_eq!(percent_hundredths(1, 16), Some(625));
        // A tie: 0.125 % is 12.5 hundredths → 13, and −13 for a fall.
        assert_eq!(percent_hundredths(1, 800), Some(13));
        assert_eq!(percent_hundredths(-1, 800), Some(-13));
        assert_eq!(pct_kh(Some(0), Some(5)), None);
        assert_eq!(pct_kh(Some(3), None), None);
    }

    #[test]
    fn the_builtin_catalog_steps_cover_every_relation() {
        let t = Template::builtin().unwrap();
        let m = Model::new(&t);
        let with_formula = t
            .indicators
            .iter()
            .filter(|i| !i.formula.is_empty())
            .count();
        assert_eq!(m.relations.len() + m.rates.len(), with_formula);
        assert_eq!(m.steps.len(), m.relations.len());
        // KT03's parts have a plan because KT03 is tied to nothing planned,
        // but DT00's parts do because DT00 has one.
        let i = |c: &str| t.indicator_index(c).unwrap();
        assert!(m.has_kh[i("DT03")] && m.has_kh[i("LD02")]);
        assert!(!m.has_kh[i("KT03a")] && !m.has_kh[i("HC05")]);
        assert!(!m.has_ck[i("YT11a")] && m.has_ck[i("YT01")]);
    }
}
