//! The template's relations (`HC02 == HC03 + HC04`, `YT24 <= YT23`),
//! compiled to polars expressions and evaluated over every submission and
//! the consolidated totals at once, one frame per reporting column.
//!
//! ```text
//! frame for TH:  row = a submission (last row: the totals)
//!                HC02 | HC02~tol | HC03 | HC03~tol | ...
//! ```
//!
//! Each figure written with d decimals stands for ±½ unit in its last
//! place, so an equality holds when both sides differ by no more than the
//! sum of those half-units. A relation with a missing operand is skipped
//! (said once, as info, in TH and LK; silently in KH and CK, which forms
//! leave blank by design for many indicators), never read as zero.

use super::{bools, cols, counts, f64s, frame, half_of, polars_fatal, u32s, Totals};
use crate::diagnostic::{Finding, Lang, Location, Severity};
use crate::error::Fatal;
use crate::messages::{Checked, SkipPlace, StatedBy};
use crate::model::ValueColumn;
use crate::normalize::store::Figures;
use crate::normalize::submission::{Submission, TidyRow};
use crate::number::format_num;
use crate::rules::expr::{parse, Cmp, Expr, Op, Rule};
use crate::template::{Indicator, Kind, Template};
use crate::text::clean;
use polars::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// A relation of the catalog, parsed.
#[derive(Clone, Debug)]
pub struct Relation {
    /// The indicator whose formula it is.
    pub owner: usize,
    pub left: Expr,
    pub cmp: Cmp,
    pub right: Expr,
    /// The columns it holds in (`TT.02 <= TT.01 [LK, KH, CK]`); `None`:
    /// every column.
    pub columns: Option<Vec<ValueColumn>>,
}

impl Relation {
    /// The relation of indicator `owner` (`ind`), parsed from its formula.
    fn new(owner: usize, ind: &Indicator, left: Expr, cmp: Cmp, right: Expr) -> Relation {
        Relation {
            owner,
            left,
            cmp,
            right,
            columns: crate::rules::expr::columns_of(&ind.formula),
        }
    }

    /// Does the relation hold in `column`?
    pub fn holds_in(&self, column: ValueColumn) -> bool {
        self.columns.as_ref().is_none_or(|c| c.contains(&column))
    }

    /// Whether the relation is judged in `column`: it holds there, no
    /// operand's marker reaches from last year's column into this year's
    /// (`DT.02 <= DT.01[KH]` in CK: last year's disbursement against this
    /// year's plan means nothing), and, when every operand names its
    /// column (`DT.02[LK] >= DT.02[TH]`), `column` is the one the left
    /// side's first operand names: the same figures are compared once.
    pub fn judged_in(&self, column: ValueColumn) -> bool {
        if !self.holds_in(column)
            || self.left.reaches_across_years(column)
            || self.right.reaches_across_years(column)
        {
            return false;
        }
        let operands = self.operands();
        if operands.iter().all(|(_, pin)| pin.is_some()) {
            return match self.left.operands().first() {
                Some((_, Some(home))) => *home == column,
                // A left side of numbers alone: its right side's first.
                _ => operands.first().and_then(|(_, pin)| *pin) == Some(column),
            };
        }
        true
    }

    /// Every operand the relation names, left side first: its code and
    /// the column its marker names (`None`: the column judged).
    pub fn operands(&self) -> Vec<(&str, Option<ValueColumn>)> {
        let mut v = self.left.operands();
        for o in self.right.operands() {
            if !v.contains(&o) {
                v.push(o);
            }
        }
        v
    }

    /// Every operand with the column its figure is read from when the
    /// relation is judged in `column`.
    pub fn operands_in(&self, column: ValueColumn) -> Vec<(&str, ValueColumn)> {
        let mut v: Vec<(&str, ValueColumn)> = Vec::new();
        for (c, pin) in self.operands() {
            let o = (c, pin.unwrap_or(column));
            if !v.contains(&o) {
                v.push(o);
            }
        }
        v
    }

    /// Whether some operand takes the column judged (names no column of
    /// its own): then the relation is judged only where one of those has
    /// a figure, as a marked rate only where its unmarked operand has one.
    fn has_unmarked(&self) -> bool {
        self.operands().iter().any(|(_, pin)| pin.is_none())
    }

    /// Every code the relation names.
    pub fn codes(&self) -> Vec<&str> {
        let mut v = self.left.codes();
        for c in self.right.codes() {
            if !v.contains(&c) {
                v.push(c);
            }
        }
        v
    }

    /// `(whole, parts)` when one side is a single code and the other a
    /// sum of two or more codes.
    pub fn whole_and_parts(&self) -> Option<(&str, Vec<&str>)> {
        if self.cmp != Cmp::Eq {
            return None;
        }
        match (self.left.sum_terms(), self.right.sum_terms()) {
            (Some(l), Some(r)) if l.len() == 1 && r.len() >= 2 => Some((l[0], r)),
            (Some(l), Some(r)) if r.len() == 1 && l.len() >= 2 => Some((r[0], l)),
            _ => None,
        }
    }
}

/// The relations of a template, and a `rule-invalid` finding for every
/// formula the checks cannot use: one that does not parse, names codes the
/// catalog lacks, names no code at all (`5.2 / 5.1 * 100`, a constant as
/// written) or is a bare expression on an indicator that is no rate. A
/// relation may name an operand's column (`DT.02 <= DT.01[KH]`: see
/// [`Relation::judged_in`]); a marker naming no column does not parse. None
/// is dropped without a word: a rate whose definition is unusable would
/// otherwise pass any figure typed for it.
pub fn relations_of(template: &Template, lang: Lang) -> (Vec<Relation>, Vec<Finding>) {
    let mut out = Vec::new();
    let mut findings = Vec::new();
    for ind in &template.indicators {
        let Some(declared) = ind.declared else {
            continue;
        };
        let said = Checked::RateDeclaredAsCount {
            code: &ind.code,
            what: &ind.name,
            unit: &ind.unit,
            declared: match declared {
                Kind::Stock => "stock",
                _ => "flow",
            },
            line: ind.line,
            computed: matches!(parse(&ind.formula), Ok(Rule::Definition(_))),
        };
        findings.push(
            Finding::said(Severity::Warning, &said, lang)
                .indicator(ind.code.clone())
                .for_office(),
        );
    }
    for (i, ind) in template.indicators.iter().enumerate() {
        if ind.formula.trim().is_empty() {
            continue;
        }
        let problem = match parse(&ind.formula) {
            Ok(Rule::Relation(left, cmp, right)) => {
                let rel = Relation::new(i, ind, left, cmp, right);
                match unusable(template, ind, &rel.codes()) {
                    None => {
                        out.push(rel);
                        continue;
                    }
                    Some(problem) => problem,
                }
            }
            Ok(Rule::Definition(e)) => match unusable(template, ind, &e.codes()) {
                None if ind.kind == Kind::Rate => continue,
                None => Unusable::NotRelation,
                Some(problem) => problem,
            },
            Err(e) => Unusable::Unparsed(e),
        };
        let suggestion = suggestion(template, &ind.formula_written);
        let formula = ind.formula_written.as_str();
        let (code, line, suggestion) = (ind.code.as_str(), ind.line, suggestion.as_deref());
        let said = match &problem {
            Unusable::Unknown(unknown) => Checked::RuleUnknownCodes {
                formula,
                code,
                line,
                unknown,
                suggestion,
            },
            Unusable::NoCode => Checked::RuleNoCode {
                formula,
                code,
                line,
                suggestion,
            },
            Unusable::NotRelation => Checked::RuleNotRelation {
                formula,
                code,
                line,
            },
            Unusable::Unparsed(e) => Checked::RuleUnparsed {
                formula,
                code,
                line,
                at: e.position + 1,
                problem: &e.problem,
                suggestion,
            },
        };
        findings.push(rule_invalid(ind, &said, lang));
    }
    (out, findings)
}

/// Why a formula that parses cannot be used, or why it does not parse.
enum Unusable {
    /// The codes it names that the catalog lacks, as the user most likely
    /// meant them (`MT-2`, not the `MT` of `MT − 2`).
    Unknown(String),
    NoCode,
    NotRelation,
    Unparsed(crate::rules::expr::RuleError),
}

/// `None` when every code of `codes` is the catalog's and there is one.
fn unusable(template: &Template, ind: &Indicator, codes: &[&str]) -> Option<Unusable> {
    if codes.is_empty() {
        return Some(Unusable::NoCode);
    }
    let unknown = |codes: &[&str]| -> Vec<String> {
        codes
            .iter()
            .filter(|c| template.indicator(c).is_none())
            .map(|c| c.to_string())
            .collect()
    };
    let plain = unknown(codes);
    if plain.is_empty() {
        return None;
    }
    // `MT-2 <= MT-01` names `MT-2`, not `MT`, as its writer sees it.
    let words = crate::rules::expr::bracket_words(&ind.formula);
    let as_words = match parse(&words) {
        Ok(Rule::Relation(l, _, r)) => {
            let mut c = l.codes();
            c.extend(r.codes());
            Some(unknown(&c))
        }
        Ok(Rule::Definition(e)) => Some(unknown(&e.codes())),
        Err(_) => None,
    };
    let named = match as_words {
        Some(mut w) if !w.is_empty() && w.len() <= plain.len() => {
            w.dedup();
            w
        }
        _ => plain,
    };
    Some(Unusable::Unknown(named.join(", ")))
}

/// The formula with brackets that makes it usable, when one does: every
/// catalog code in brackets, numbers-like ones too (`[5.2] / [5.1] * 100`),
/// or each word mixing letters and `-` (`[MT-02] <= [MT-01]`); `None` when
/// neither parses into a formula naming the catalog's codes alone.
fn suggestion(template: &Template, written: &str) -> Option<String> {
    let longest = template
        .indicators
        .iter()
        .map(|i| i.code.chars().count())
        .max()
        .unwrap_or(0);
    let is_code = |w: &str| template.indicator(w).is_some();
    let by_codes = crate::rules::expr::bracket_codes(written, &is_code, longest, true);
    let by_words = crate::rules::expr::bracket_words(written);
    [by_codes, by_words].into_iter().find(|f| {
        let codes = match parse(f) {
            Ok(Rule::Relation(l, _, r)) => {
                let mut c = l.codes();
                c.extend(r.codes());
                c.into_iter().map(str::to_string).collect::<Vec<_>>()
            }
            Ok(Rule::Definition(e)) => e.codes().into_iter().map(str::to_string).collect(),
            Err(_) => return false,
        };
        f != written && !codes.is_empty() && codes.iter().all(|c| is_code(c))
    })
}

/// The relations of the catalog whose formulas mention `code`, parsed
/// from those formulas alone: a rate found off asks for the sums its
/// operand is the whole of, and parsing the whole catalog for each such
/// figure would cost a large catalog's parse per figure. Formulas that do
/// not parse, or name unknown codes, are [`relations_of`]'s to report.
pub fn relations_naming(template: &Template, code: &str) -> Vec<Relation> {
    template
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, ind)| ind.formula.contains(code))
        .filter_map(|(i, ind)| match parse(&ind.formula) {
            Ok(Rule::Relation(left, cmp, right)) if !left.has_marker() && !right.has_marker() => {
                Some(Relation::new(i, ind, left, cmp, right))
            }
            _ => None,
        })
        .collect()
}

fn rule_invalid(ind: &Indicator, said: &Checked, lang: Lang) -> Finding {
    Finding::said(Severity::Error, said, lang)
        .indicator(ind.code.clone())
        .actual(ind.formula_written.clone())
}

/// The polars expression of a rule expression over the wide frame.
fn to_polars(e: &Expr) -> polars::prelude::Expr {
    match e {
        Expr::Num(v) => lit(*v),
        Expr::Code(c) => col(c.as_str()),
        Expr::At(c, column) => col(operand_name(c, Some(*column)).as_str()),
        Expr::Neg(x) => lit(0.0) - to_polars(x),
        Expr::Bin(a, op, b) => {
            let (a, b) = (to_polars(a), to_polars(b));
            match op {
                Op::Add => a + b,
                Op::Sub => a - b,
                Op::Mul => a * b,
                Op::Div => a / b,
            }
        }
    }
}

fn tol_name(code: &str) -> String {
    format!("{code}~tol")
}

/// The wide frame's column of an operand: its code, or its code and the
/// column its marker names (`DT.01[KH]`), which holds that figure in
/// every column judged.
fn operand_name(code: &str, pin: Option<ValueColumn>) -> String {
    match pin {
        None => code.to_string(),
        Some(c) => format!("{code}[{}]", c.as_str()),
    }
}

/// One row of the wide frames: a submission, or the totals.
enum Subject<'a> {
    Unit(&'a Submission),
    Totals,
}

impl<'a> Subject<'a> {
    /// The unit's code, its name (`None` for the totals) and the file.
    fn who(&self, template: &'a Template) -> (String, Option<std::borrow::Cow<'a, str>>, String) {
        match self {
            // A sender the registry does not know is named as its title
            // says it (else by its file), never by nothing: "…: DO03 …".
            Subject::Unit(s) => {
                let (code, name) = crate::reconcile::checks::unit_of(template, s);
                (code, Some(std::borrow::Cow::Owned(name)), s.file.clone())
            }
            Subject::Totals => (String::new(), None, String::new()),
        }
    }

    /// The unit's name for a message, else its file.
    fn named(&self, template: &'a Template) -> String {
        let (_, name, file) = self.who(template);
        name.filter(|n| !n.is_empty())
            .map_or(file, |n| n.into_owned())
    }
}

/// How many relations one polars query evaluates. A catalog of thousands
/// of indicators may hold thousands of relations: one query over all of
/// them spends its time planning tens of thousands of expressions over a
/// frame of as many columns, so they go in batches, each over the columns
/// its own relations name.
pub const RELATIONS_PER_FRAME: usize = 64;

/// Checks every relation in every submission and in the totals.
///
/// The relations go into polars [`RELATIONS_PER_FRAME`] at a time and the
/// units a chunk at a time (see [`Figures`]; the totals row closes the
/// last chunk), so no frame grows with the catalog or the number of units.
///
/// # Errors
/// Only when polars fails internally, or the stored figures cannot be read
/// back.
pub fn check_relations(
    figures: &Figures,
    totals: &Totals,
    template: &Template,
    relations: &[Relation],
    lang: Lang,
) -> Result<Vec<Finding>, Fatal> {
    let mut run = Checking::new(figures, totals, template, lang);
    // Sums and differences of figures (nearly every relation of a
    // catalog) are checked over the tidy figures with one join and one
    // group-by, whatever their number; any other form is compiled to
    // expressions, a batch at a time.
    let (linear, other): (Vec<(&Relation, Linear)>, Vec<&Relation>) = {
        let mut linear = Vec::new();
        let mut other = Vec::new();
        for r in relations {
            match Linear::of(r, template) {
                Some(l) => linear.push((r, l)),
                None => other.push(r),
            }
        }
        (linear, other)
    };
    if !linear.is_empty() {
        run.check_linear(&linear)?;
    }
    for batch in other.chunks(RELATIONS_PER_FRAME) {
        run.check_batch(batch)?;
    }
    let Checking {
        skipped,
        mut findings,
        ..
    } = run;
    let mut skipped: Vec<_> = skipped.into_iter().collect();
    skipped.sort_by_key(|(k, _)| *k);
    for ((owner, column), skips) in skipped {
        // A plan or last year's figure is left blank by design for many
        // indicators (nobody plans the number of schools): a relation
        // skipped in KH or CK tells the clerk nothing to do.
        if matches!(column, ValueColumn::Kh | ValueColumn::Ck) {
            continue;
        }
        let ind = &template.indicators[owner];
        let n = skips.count;
        // A few places are named, and the finding points at the first. It
        // stays the run's, no unit's: a figure a form leaves blank on
        // purpose is no reason to send the unit a feedback workbook.
        let few = n <= Skips::NAMED;
        let named: Vec<SkipPlace> = if few {
            skips.first.iter().map(|(p, _)| p.clone()).collect()
        } else {
            Vec::new()
        };
        // The rule by its indicators' names, never the catalog's syntax
        // («YT.05.1 <= YT.05»): `check` shows it to the unit's clerk.
        let worded = rule_in_words(template, &ind.formula, lang);
        let said = Checked::RelationSkipped {
            formula: &worded,
            column,
            places: n,
            named: &named,
        };
        let mut f = Finding::said(Severity::Info, &said, lang)
            .indicator(ind.code.clone())
            .column(column.as_str())
            .actual(n.to_string());
        if let (true, Some((_, at))) = (few, skips.first.first()) {
            f = f.at(at);
        }
        findings.push(f);
    }
    Ok(findings)
}

/// A relation as a linear form over indicators: left − right = Σ coef ×
/// figure + constant.
struct Linear {
    /// Distinct indicators with their summed coefficients.
    terms: Vec<(usize, f64)>,
    constant: f64,
}

impl Linear {
    fn of(rel: &Relation, template: &Template) -> Option<Linear> {
        let (mut terms, mut constant) = (Vec::new(), 0.0);
        linear_terms(&rel.left, 1.0, template, &mut terms, &mut constant)?;
        linear_terms(&rel.right, -1.0, template, &mut terms, &mut constant)?;
        let mut merged: Vec<(usize, f64)> = Vec::new();
        for (i, c) in terms {
            match merged.iter_mut().find(|(j, _)| *j == i) {
                Some(m) => m.1 += c,
                None => merged.push((i, c)),
            }
        }
        Some(Linear {
            terms: merged,
            constant,
        })
    }
}

/// Adds `scale × e` to the terms; `None` when `e` is not linear (a product
/// or quotient of two figures).
fn linear_terms(
    e: &Expr,
    scale: f64,
    template: &Template,
    terms: &mut Vec<(usize, f64)>,
    constant: &mut f64,
) -> Option<()> {
    match e {
        Expr::Num(v) => *constant += scale * v,
        Expr::Code(c) => terms.push((template.indicator_index(c)?, scale)),
        Expr::At(..) => return None,
        Expr::Neg(x) => linear_terms(x, -scale, template, terms, constant)?,
        Expr::Bin(a, op, b) => match (op, a.constant_value(), b.constant_value()) {
            (Op::Add, _, _) => {
                linear_terms(a, scale, template, terms, constant)?;
                linear_terms(b, scale, template, terms, constant)?;
            }
            (Op::Sub, _, _) => {
                linear_terms(a, scale, template, terms, constant)?;
                linear_terms(b, -scale, template, terms, constant)?;
            }
            (Op::Mul, Some(k), _) => linear_terms(b, scale * k, template, terms, constant)?,
            (Op::Mul, _, Some(k)) => linear_terms(a, scale * k, template, terms, constant)?,
            (Op::Div, _, Some(k)) if k != 0.0 => {
                linear_terms(a, scale / k, template, terms, constant)?
            }
            _ => return None,
        },
    }
    Some(())
}

/// What a relation says of one subject (a unit, or the totals) in one
/// column, when it says anything.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Verdict {
    /// Every operand present and the relation broken beyond the half-units.
    Violated,
    /// Some operands present, not all: not checked.
    Skipped,
}

/// (relation, subject, verdict), sorted by relation then subject.
type Verdicts = Vec<(usize, usize, Verdict)>;

/// A subject's figure of an indicator in a column with its half-unit (none
/// for a whole count: see [`half_of`]): a unit's first one read
/// (Submission::figure), or the total.
fn figure_of(
    subject: &Subject,
    indicator: usize,
    column: ValueColumn,
    totals: &Totals,
    template: &Template,
) -> Option<(f64, f64)> {
    match subject {
        Subject::Unit(s) => s
            .figure(indicator, column)
            .map(|r| (r.value, half_of(template, indicator, r.decimals))),
        Subject::Totals => {
            let ci = column.index();
            totals.values[indicator][ci].map(|v| (v, totals.tolerance[indicator][ci]))
        }
    }
}

/// The places a relation could not be checked in: how many, and the
/// first [`Skips::NAMED`] (the place, and the cell of a figure it has
/// there, else its file).
#[derive(Debug, Default, PartialEq)]
struct Skips {
    count: usize,
    first: Vec<(SkipPlace, Location)>,
}

impl Skips {
    /// Up to how many places a finding names.
    const NAMED: usize = 3;

    fn add(&mut self, rel: &Relation, column: ValueColumn, s: &Submission, template: &Template) {
        self.count += 1;
        if self.first.len() >= Skips::NAMED {
            return;
        }
        let file = s.file.clone();
        let mut lacking = Vec::new();
        let mut dashed = Vec::new();
        let mut refused = Vec::new();
        let mut at = None;
        for (c, pin) in rel.operands() {
            let i = template.indicator_index(c);
            let read = pin.unwrap_or(column);
            match i.and_then(|i| figure(s, i, read)) {
                Some(r) => {
                    at.get_or_insert_with(|| s.location(r));
                }
                None => {
                    // DT.01[KH] when the plan is what the unit left out.
                    let named = operand_name(c, pin);
                    if lacking.contains(&named) {
                        continue;
                    }
                    lacking.push(named.clone());
                    // A "-" read as no figure: said as such, not as empty.
                    if let Some((at, shown)) = i.and_then(|i| s.dash_at(i, read)) {
                        dashed.push((named, at.cell, shown.to_string()));
                    } else if let Some(f) = s.refused_at(c, read) {
                        // A number written but refused by an earlier
                        // error: said as not read, not as blank.
                        refused.push((named, f.cell.clone(), f.actual.clone()));
                    }
                }
            }
        }
        let place = SkipPlace {
            unit: Subject::Unit(s).named(template),
            file: file.clone(),
            lacking,
            dashed,
            refused,
        };
        self.first
            .push((place, at.unwrap_or_else(|| Location::file(file))));
    }
}

/// The units that gave some of a sum's figures and not all, in one
/// column: those that gave parts without the whole, and those that gave
/// the whole without every part, each named up to [`Skips::NAMED`] and
/// counted. The totals of what they left out lack their figures, and
/// the consolidated whole and parts disagree the way they tell.
#[derive(Clone, Debug, Default)]
struct Lacking {
    count: usize,
    no_whole: Vec<String>,
    no_whole_count: usize,
    short: Vec<String>,
    short_count: usize,
    /// How many of them left out a figure whose total is not marked as
    /// lacking theirs ([`Totals::blank_cells`]: Tổng hợp's (*) and
    /// footnote). When none did, the consolidated whole and parts
    /// disagree the way the footnote already tells, and no finding says
    /// it again.
    unmarked: usize,
}

impl Lacking {
    fn add(
        &mut self,
        rel: &Relation,
        column: ValueColumn,
        s: &Submission,
        (template, totals): (&Template, &Totals),
    ) {
        self.count += 1;
        let marked = |i: usize, at: ValueColumn| {
            let blank = totals.blank_cells.get(&(i, at.index()));
            s.unit
                .zip(blank)
                .is_some_and(|(u, b)| b.first.contains(&(u as u32)))
        };
        let unmarked = rel.operands_in(column).iter().any(|&(c, at)| {
            template
                .indicator_index(c)
                .is_none_or(|i| figure(s, i, at).is_none() && !marked(i, at))
        });
        if unmarked {
            self.unmarked += 1;
        }
        let Some((whole, _)) = rel.whole_and_parts() else {
            return;
        };
        let has_whole = template
            .indicator_index(whole)
            .and_then(|i| figure(s, i, column))
            .is_some();
        let (names, count) = match has_whole {
            true => (&mut self.short, &mut self.short_count),
            false => (&mut self.no_whole, &mut self.no_whole_count),
        };
        *count += 1;
        if names.len() < Skips::NAMED {
            names.push(Subject::Unit(s).named(template));
        }
    }
}

/// What the relation checks work over (the units in chunks, the
/// totals) and what they write into.
struct Checking<'a> {
    figures: &'a Figures<'a>,
    totals: &'a Totals,
    template: &'a Template,
    lang: Lang,
    /// Where a relation could not be checked, by (owner, column).
    skipped: HashMap<(usize, ValueColumn), Skips>,
    findings: Vec<Finding>,
}

impl<'a> Checking<'a> {
    fn new(
        figures: &'a Figures<'a>,
        totals: &'a Totals,
        template: &'a Template,
        lang: Lang,
    ) -> Self {
        Checking {
            figures,
            totals,
            template,
            lang,
            skipped: HashMap::new(),
            findings: Vec::new(),
        }
    }

    /// The one loop both ways of checking share: every chunk of units (the
    /// totals row closes the last chunk; without units it is alone), every
    /// column, `judge` saying what each relation says of each subject, and
    /// the verdicts turned into findings. The totals are only worth a
    /// finding when every unit's figures satisfied the relation: otherwise
    /// the total's violation is a consequence of a unit's, already
    /// reported.
    fn over_units(
        &mut self,
        relations: &[&Relation],
        mut judge: impl FnMut(ValueColumn, &[Subject]) -> Result<Verdicts, Fatal>,
    ) -> Result<(), Fatal> {
        let figures = self.figures;
        let chunks = figures.chunk_count();
        let mut unit_trouble = vec![vec![false; relations.len()]; ValueColumn::QUANTITIES.len()];
        // Per column and relation: how many units gave some of its figures
        // and not all (the totals of the missing ones lack them).
        let mut unit_lacking =
            vec![vec![Lacking::default(); relations.len()]; ValueColumn::QUANTITIES.len()];
        // The totals' violations, by (relation, column, what units left
        // out).
        let mut deferred: Vec<(usize, ValueColumn, Option<Lacking>)> = Vec::new();
        let mut each = |c: usize, chunk: &[&Submission]| -> Result<(), Fatal> {
            let last = c + 1 >= chunks;
            let subjects: Vec<Subject> = chunk
                .iter()
                .map(|s| Subject::Unit(s))
                .chain(last.then_some(Subject::Totals))
                .collect();
            for (q, column) in ValueColumn::QUANTITIES.into_iter().enumerate() {
                let trouble = &mut unit_trouble[q];
                let lacking = &mut unit_lacking[q];
                for (k, j, verdict) in judge(column, &subjects)? {
                    let (Some(rel), Some(subject)) = (relations.get(k), subjects.get(j)) else {
                        continue;
                    };
                    // A relation the template holds in other columns
                    // only, or one whose marker this column cannot take.
                    if !rel.judged_in(column) {
                        continue;
                    }
                    let is_totals = matches!(subject, Subject::Totals);
                    match verdict {
                        Verdict::Skipped => {
                            if let Subject::Unit(s) = subject {
                                // A unit that need not report every
                                // indicator of the relation (an office and
                                // a village-level indicator) leaves it
                                // unchecked by design: nothing to tell.
                                let template = self.template;
                                let by_design = s.unit.is_some_and(|u| {
                                    rel.codes().iter().any(|c| {
                                        template
                                            .indicator_index(c)
                                            .is_some_and(|i| !template.must_report(u, i))
                                    })
                                });
                                // Nor does it leave the totals short when
                                // all it lacks is what it need not give:
                                // those figures come from other units (an
                                // office's whole against the wards' parts),
                                // and the totals are judged.
                                let short_of_own = s.unit.is_none_or(|u| {
                                    rel.operands_in(column).iter().any(|&(c, at)| {
                                        template.indicator_index(c).is_none_or(|i| {
                                            figure(s, i, at).is_none() && template.must_report(u, i)
                                        })
                                    })
                                });
                                if short_of_own {
                                    if let Some(l) = lacking.get_mut(k) {
                                        l.add(rel, column, s, (self.template, self.totals));
                                    }
                                }
                                if !by_design {
                                    self.skipped
                                        .entry((rel.owner, column))
                                        .or_default()
                                        .add(rel, column, s, template);
                                }
                            }
                        }
                        Verdict::Violated if is_totals && trouble[k] => {}
                        // The totals break it only by what units left
                        // out, each marked (*) and named in Tổng hợp's
                        // footnote: said there, not again.
                        Verdict::Violated
                            if is_totals
                                && lacking
                                    .get(k)
                                    .is_some_and(|l| l.count > 0 && l.unmarked == 0) => {}
                        // A total the rule names lacks a unit's figure
                        // (Tổng hợp's (*) and note say whose): the rule
                        // over it proves nothing.
                        Verdict::Violated
                            if is_totals && self.totals.short(rel, column, self.template) => {}
                        Verdict::Violated => {
                            trouble[k] = true;
                            // The totals break a sum no unit broke: units
                            // gave the whole without its parts.
                            let lacking = lacking.get(k).filter(|l| is_totals && l.count > 0);
                            if is_totals {
                                // Said once every unit has been read: the
                                // finding names who stated each figure.
                                deferred.push((k, column, lacking.cloned()));
                            } else if let Some(f) = violation(
                                rel,
                                column,
                                subject,
                                lacking,
                                (self.totals, &Sources::new()),
                                self.template,
                                self.lang,
                            ) {
                                self.findings.push(f);
                            }
                        }
                    }
                }
            }
            Ok(())
        };
        if chunks == 0 {
            // No units: the totals alone.
            each(0, &[])?;
        } else {
            figures.each_chunk_indexed(|c, _, chunk| each(c, chunk))?;
        }
        if deferred.is_empty() {
            return Ok(());
        }
        let wanted: BTreeSet<(usize, ValueColumn)> = deferred
            .iter()
            .filter_map(|(k, column, _)| Some((relations.get(*k)?, *column)))
            .flat_map(|(rel, column)| {
                rel.operands_in(column)
                    .into_iter()
                    .filter_map(|(c, at)| Some((self.template.indicator_index(c)?, at)))
            })
            .collect();
        let sources = sources(figures, self.template, &wanted)?;
        for (k, column, lacking) in deferred {
            let Some(rel) = relations.get(k) else {
                continue;
            };
            if let Some(f) = violation(
                rel,
                column,
                &Subject::Totals,
                lacking.as_ref(),
                (self.totals, &sources),
                self.template,
                self.lang,
            ) {
                self.findings.push(f);
            }
        }
        Ok(())
    }

    /// The linear relations: their terms (relation, indicator, coefficient)
    /// joined with a chunk's figures (subject, indicator, value, half-unit)
    /// and grouped by relation and subject into the difference of the two
    /// sides, its tolerance and how many of the relation's figures were there.
    fn check_linear(&mut self, relations: &[(&Relation, Linear)]) -> Result<(), Fatal> {
        let (template, totals) = (self.template, self.totals);
        let (mut t_rel, mut t_ind, mut t_coef) = (Vec::new(), Vec::new(), Vec::new());
        let mut used = vec![false; template.indicators.len()];
        for (k, (_, lin)) in relations.iter().enumerate() {
            for &(i, c) in &lin.terms {
                t_rel.push(k as u32);
                t_ind.push(i as u32);
                t_coef.push(c);
                used[i] = true;
            }
        }
        let used: Vec<usize> = (0..used.len()).filter(|&i| used[i]).collect();
        let terms = frame(vec![
            Column::new(cols::RELATION.into(), t_rel),
            Column::new(cols::INDICATOR.into(), t_ind),
            Column::new(cols::COEFFICIENT.into(), t_coef),
        ])?;
        let rels: Vec<&Relation> = relations.iter().map(|(r, _)| *r).collect();
        let judge = |column: ValueColumn, subjects: &[Subject]| -> Result<Verdicts, Fatal> {
            let (mut f_subj, mut f_ind, mut f_val, mut f_tol) =
                (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            for (j, subject) in subjects.iter().enumerate() {
                for &i in &used {
                    if let Some((v, t)) = figure_of(subject, i, column, totals, template) {
                        f_subj.push(j as u32);
                        f_ind.push(i as u32);
                        f_val.push(v);
                        f_tol.push(t);
                    }
                }
            }
            let figures = frame(vec![
                Column::new(cols::SUBJECT.into(), f_subj),
                Column::new(cols::INDICATOR.into(), f_ind),
                Column::new(cols::VALUE.into(), f_val),
                Column::new(cols::TOLERANCE.into(), f_tol),
            ])?;
            let out = terms
                .clone()
                .lazy()
                .join(
                    figures.lazy(),
                    [col(cols::INDICATOR)],
                    [col(cols::INDICATOR)],
                    JoinArgs::new(JoinType::Inner),
                )
                .group_by([col(cols::RELATION), col(cols::SUBJECT)])
                .agg([
                    (col(cols::COEFFICIENT) * col(cols::VALUE))
                        .sum()
                        .alias(cols::DIFFERENCE),
                    col(cols::TOLERANCE).sum().alias(cols::TOLERANCE),
                    col(cols::INDICATOR).count().alias(cols::FIGURES),
                ])
                .sort([cols::RELATION, cols::SUBJECT], Default::default())
                .collect()
                .map_err(polars_fatal)?;
            let (rel_c, subj_c) = (u32s(&out, cols::RELATION)?, u32s(&out, cols::SUBJECT)?);
            let (diff_c, tol_c) = (f64s(&out, cols::DIFFERENCE)?, f64s(&out, cols::TOLERANCE)?);
            let count = counts(&out, cols::FIGURES)?;
            let count_c = count.u32().map_err(polars_fatal)?;
            let mut verdicts = Vec::new();
            for row in 0..out.height() {
                let (Some(k), Some(j), Some(n)) =
                    (rel_c.get(row), subj_c.get(row), count_c.get(row))
                else {
                    continue;
                };
                let Some((rel, lin)) = relations.get(k as usize) else {
                    continue;
                };
                let verdict = if (n as usize) < lin.terms.len() {
                    Verdict::Skipped
                } else {
                    let d = diff_c.get(row).unwrap_or(0.0) + lin.constant;
                    let tol = tol_c.get(row).unwrap_or(0.0) + 1e-9;
                    let violated = match rel.cmp {
                        Cmp::Eq => d > tol || -d > tol,
                        Cmp::Le => d > tol,
                        Cmp::Ge => -d > tol,
                    };
                    if !violated {
                        continue;
                    }
                    Verdict::Violated
                };
                verdicts.push((k as usize, j as usize, verdict));
            }
            Ok(verdicts)
        };
        self.over_units(&rels, judge)
    }

    /// A batch of relations of any form, compiled to polars expressions over
    /// a wide frame: a row per subject, a column per code and its half-unit.
    fn check_batch(&mut self, relations: &[&Relation]) -> Result<(), Fatal> {
        let (template, totals) = (self.template, self.totals);
        let operands: BTreeSet<(&str, Option<ValueColumn>)> =
            relations.iter().flat_map(|r| r.operands()).collect();
        // The operands the batch names, with their indicator and their
        // column in the frame.
        let operands: Vec<(String, usize, Option<ValueColumn>)> = operands
            .into_iter()
            .filter_map(|(c, pin)| {
                let i = template.indicator_index(c)?;
                Some((operand_name(c, pin), i, pin))
            })
            .collect();
        let exprs = relation_exprs(relations);
        let judge = |column: ValueColumn, subjects: &[Subject]| -> Result<Verdicts, Fatal> {
            let mut columns = Vec::with_capacity(2 * operands.len());
            for (name, idx, pin) in &operands {
                let (v, t): (Vec<Option<f64>>, Vec<Option<f64>>) = subjects
                    .iter()
                    .map(|s| {
                        let f = figure_of(s, *idx, pin.unwrap_or(column), totals, template);
                        (f.map(|f| f.0), f.map(|f| f.1))
                    })
                    .unzip();
                columns.push(Column::new(name.as_str().into(), v));
                columns.push(Column::new(tol_name(name).into(), t));
            }
            let df = DataFrame::new(subjects.len(), columns).map_err(polars_fatal)?;
            let out = df
                .lazy()
                .select(exprs.clone())
                .collect()
                .map_err(polars_fatal)?;
            let mut verdicts = Vec::new();
            for k in 0..relations.len() {
                let v = bools(&out, &format!("v{k}"))?;
                let s = bools(&out, &format!("s{k}"))?;
                for j in 0..subjects.len() {
                    if s.get(j) == Some(true) {
                        verdicts.push((k, j, Verdict::Skipped));
                    } else if v.get(j) == Some(true) {
                        verdicts.push((k, j, Verdict::Violated));
                    }
                }
            }
            Ok(verdicts)
        };
        self.over_units(relations, judge)
    }
}

/// Drops a rule broken by the totals where a figure one of its totals
/// takes is disputed by an error of its own (a commune's money written
/// a thousand times too large, a unit's broken relation at that figure):
/// the totals break it by that mistake, already said at the figure and
/// marked in Tổng hợp, as a unit's broken relation spares the totals.
pub fn drop_totals_disputed(findings: &mut Vec<Finding>, template: &Template) {
    use crate::diagnostic::Code;
    // (indicator, column; "" for every column) of the errors at figures
    // that enter the totals.
    let disputed: BTreeSet<(usize, String)> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error && !f.unit.is_empty())
        .filter_map(|f| {
            let i = template.indicator_index(&f.indicator)?;
            let u = template.agency_index(&f.unit)?;
            template
                .counts_towards_total(u, i)
                .then(|| (i, f.column.clone()))
        })
        .collect();
    if disputed.is_empty() {
        return;
    }
    findings.retain(|f| {
        if f.code != Code::RelationViolated || !f.unit.is_empty() || !f.file.is_empty() {
            return true;
        }
        let Ok(rule) = parse(&f.expected) else {
            return true;
        };
        // Each operand in the finding's column, or in its marker's.
        let operands = match &rule {
            Rule::Relation(l, _, r) => {
                let mut c = l.operands();
                c.extend(r.operands());
                c
            }
            Rule::Definition(e) => e.operands(),
        };
        !operands.iter().any(|&(c, pin)| {
            let column = pin.map_or(f.column.as_str(), |p| p.as_str());
            template.indicator_index(c).is_some_and(|i| {
                disputed.contains(&(i, column.to_string()))
                    || disputed.contains(&(i, String::new()))
            })
        })
    });
}

/// Two boolean columns per relation: `v<k>` (violated, every operand
/// present) and `s<k>` (skipped: some operands present, not all).
fn relation_exprs(relations: &[&Relation]) -> Vec<polars::prelude::Expr> {
    let mut exprs = Vec::new();
    for (k, rel) in relations.iter().enumerate() {
        let operands = rel.operands();
        let names: Vec<String> = operands
            .iter()
            .map(|&(c, pin)| operand_name(c, pin))
            .collect();
        let present = names
            .iter()
            .map(|c| col(c.as_str()).is_not_null())
            .reduce(|a, b| a.and(b))
            .unwrap_or(lit(true));
        // A relation naming an operand's column is judged where an
        // operand of the column judged has a figure (`DT.02 <=
        // DT.01[KH]`: where DT.02 has one); the plan alone, in a column
        // without disbursement, leaves nothing unchecked.
        let unmarked = rel.has_unmarked();
        let any_present = operands
            .iter()
            .zip(&names)
            .filter(|((_, pin), _)| !unmarked || pin.is_none())
            .map(|(_, c)| col(c.as_str()).is_not_null())
            .reduce(|a, b| a.or(b))
            .unwrap_or(lit(false));
        let tol = names
            .iter()
            .map(|c| col(tol_name(c).as_str()).fill_null(lit(0.0)))
            .reduce(|a, b| a + b)
            .unwrap_or(lit(0.0))
            + lit(1e-9);
        let (l, r) = (to_polars(&rel.left), to_polars(&rel.right));
        let violated = match rel.cmp {
            Cmp::Eq => (l.clone() - r.clone()).gt(tol.clone()).or((r - l).gt(tol)),
            Cmp::Le => (l - r).gt(tol),
            Cmp::Ge => (r - l).gt(tol),
        };
        exprs.push(
            present
                .clone()
                .and(violated)
                .fill_null(lit(false))
                .alias(format!("v{k}")),
        );
        exprs.push(present.not().and(any_present).alias(format!("s{k}")));
    }
    exprs
}

/// A submission's figure for an indicator and column (the first, as the
/// relation columns take it).
fn figure(s: &Submission, indicator: usize, column: ValueColumn) -> Option<&TidyRow> {
    s.figure(indicator, column)
}

/// A rule of the catalog in words for a message anyone reads: a comparison
/// of two indicators by their codes and names («YT.05.1 số ca tử vong do
/// sốt xuất huyết không lớn hơn YT.05 Số ca mắc sốt xuất huyết»), any
/// other rule in signs with its indicators named after it («HC02 = HC03 +
/// HC04 (HC02 Hồ sơ …; HC03 …)»).
pub fn rule_in_words(template: &Template, formula: &str, lang: Lang) -> String {
    use crate::rules::expr::{parse, Cmp, Expr, Rule};
    let named = |code: &str| format!("{code} {}", short_name(template, code));
    // One operand, perhaps in the column its marker names: «DT.01 Kế
    // hoạch vốn được giao (KH)».
    let single = |e: &Expr| match e {
        Expr::Code(c) => Some(named(c)),
        Expr::At(c, column) => Some(format!("{} ({})", named(c), column.as_str())),
        _ => None,
    };
    let rule = parse(formula);
    let pair = match &rule {
        Ok(Rule::Relation(l, cmp, r)) => single(l).zip(single(r)).map(|(l, r)| (l, *cmp, r)),
        _ => None,
    };
    if let Some((left, cmp, right)) = pair {
        let verb = match (cmp, lang) {
            (Cmp::Le, Lang::Vi) => "không lớn hơn",
            (Cmp::Ge, Lang::Vi) => "không nhỏ hơn",
            (Cmp::Eq, Lang::Vi) => "bằng",
            (Cmp::Le, Lang::En) => "not above",
            (Cmp::Ge, Lang::En) => "not below",
            (Cmp::Eq, Lang::En) => "equal to",
        };
        return format!("{left} {verb} {right}");
    }
    match rule {
        Ok(rule) => {
            let exprs: Vec<&Expr> = match &rule {
                Rule::Relation(l, _, r) => vec![l, r],
                Rule::Definition(e) => vec![e],
            };
            let mut codes: Vec<&str> = Vec::new();
            for c in exprs.iter().flat_map(|e| e.codes()) {
                if !codes.contains(&c) {
                    codes.push(c);
                }
            }
            let names: Vec<String> = codes.iter().map(|c| named(c)).collect();
            // An operand's column said in words («DT.01 (KH)»), not as the
            // bare letters the brackets would leave («DT.01KH»).
            let signs = match &rule {
                Rule::Relation(l, cmp, r) if l.has_marker() || r.has_marker() => {
                    let side = |e: &Expr| {
                        let code_in = |c: &str, pin: Option<ValueColumn>| match pin {
                            Some(p) => format!("{c} ({})", p.as_str()),
                            None => c.to_string(),
                        };
                        spelled(e, &code_in, lang, "*")
                    };
                    let sign = crate::messages::rule_in_signs(cmp.as_str()).into_owned();
                    format!("{} {sign} {}", side(l), side(r))
                }
                _ => crate::messages::rule_in_signs(formula).replace(['[', ']'], ""),
            };
            format!("{signs} ({})", names.join("; "))
        }
        Err(_) => crate::messages::rule_in_signs(formula).into_owned(),
    }
}

/// A short name of an indicator for messages: its catalog name without
/// "Trong đó:" or a leading dash.
pub fn short_name(template: &Template, code: &str) -> String {
    let Some(ind) = template.indicator(code) else {
        return code.to_string();
    };
    let n = clean(&ind.name);
    let n = n.trim_start_matches(['-', '–', ' ']);
    let lower = n.to_lowercase();
    let n = if lower.starts_with("trong đó:") {
        n["trong đó:".len()..].trim_start()
    } else {
        n
    };
    n.to_string()
}

/// A part of a whole with its figure, for a message, alike in both
/// languages: its code and its short name quoted ("HC04 «giải quyết trễ
/// hạn» 77"), since a fragment of a name ("trễ hạn") names no row the
/// reader can find, and the code does.
pub fn part_words(template: &Template, code: &str, figure: &str, _lang: Lang) -> String {
    let name = short_name(template, code);
    if name == code {
        format!("{code} {figure}")
    } else {
        format!("{code} «{name}» {figure}")
    }
}

/// Who stated the figures a total is made of, by (indicator, column): the
/// first unit's name and how many units.
type Sources = HashMap<(usize, ValueColumn), (String, usize)>;

/// The units whose figures make the totals `wanted`, as [`Sources`].
///
/// # Errors
/// When the stored figures cannot be read back.
fn sources(
    figures: &Figures,
    template: &Template,
    wanted: &BTreeSet<(usize, ValueColumn)>,
) -> Result<Sources, Fatal> {
    let mut found = Sources::new();
    figures.each_chunk(|chunk| {
        for s in chunk {
            for (_, r) in super::counted_rows(s, template) {
                let key = (r.indicator as usize, r.column);
                if !wanted.contains(&key) {
                    continue;
                }
                found
                    .entry(key)
                    .or_insert_with(|| (Subject::Unit(s).named(template), 0))
                    .1 += 1;
            }
        }
        Ok(())
    })?;
    Ok(found)
}

fn violation(
    rel: &Relation,
    column: ValueColumn,
    subject: &Subject,
    lacking: Option<&Lacking>,
    (totals, sources): (&Totals, &Sources),
    template: &Template,
    lang: Lang,
) -> Option<Finding> {
    // Each operand's figure in `column`, or in the column its marker
    // names (`DT.01[KH]`).
    let value_in = |code: &str, at: ValueColumn| -> Option<(f64, u8)> {
        let idx = template.indicator_index(code)?;
        match subject {
            Subject::Unit(s) => figure(s, idx, at).map(|r| (r.value, r.quoted_decimals())),
            Subject::Totals => {
                totals.values[idx][at.index()].map(|v| (v, crate::number::decimals_of(v).min(2)))
            }
        }
    };
    let lookup_in = |code: &str, at: ValueColumn| value_in(code, at).map(|(v, _)| v);
    let lookup = |code: &str| lookup_in(code, column);
    let decimals = rel
        .operands_in(column)
        .iter()
        .filter_map(|&(c, at)| value_in(c, at).map(|(_, d)| d))
        .max()
        .unwrap_or(0);
    let fmt = |v: f64| format_num(v, decimals, lang);
    let (unit_code, unit_name, file) = subject.who(template);
    let cell_of = |code: &str, at: ValueColumn| -> Location {
        match (subject, template.indicator_index(code)) {
            (Subject::Unit(s), Some(idx)) => figure(s, idx, at)
                .map(|r| s.location(r))
                .unwrap_or_default(),
            _ => Location::file(file.clone()),
        }
    };
    let left = rel.left.eval_in(column, &lookup_in).unwrap_or(f64::NAN);
    let right = rel.right.eval_in(column, &lookup_in).unwrap_or(f64::NAN);
    if let Some((whole, parts)) = rel.whole_and_parts() {
        let whole_v = lookup(whole).unwrap_or(f64::NAN);
        let sum: f64 = parts.iter().filter_map(|p| lookup(p)).sum();
        let parts_text = parts
            .iter()
            .map(|p| part_words(template, p, &fmt(lookup(p).unwrap_or(f64::NAN)), lang))
            .collect::<Vec<_>>()
            .join(" + ");
        let name = short_name(template, whole);
        if let Some(lacking) = lacking {
            // No figure is wrong: the parts' totals lack what units did
            // not give. The table must not be signed as it reads.
            let no_whole: Vec<&str> = lacking.no_whole.iter().map(String::as_str).collect();
            let short: Vec<&str> = lacking.short.iter().map(String::as_str).collect();
            let said = Checked::SumPartsMissing {
                whole,
                name: &name,
                column,
                stated: &fmt(whole_v),
                parts: &parts_text,
                sum: &fmt(sum),
                no_whole: (&no_whole, lacking.no_whole_count),
                short: (&short, lacking.short_count),
            };
            return Some(
                Finding::said(Severity::Warning, &said, lang)
                    .at(&cell_of(whole, column))
                    .indicator(whole.to_string())
                    .column(column.as_str())
                    .expected(format!("{} {} {}", rel.left, rel.cmp.as_str(), rel.right))
                    .actual(fmt(whole_v)),
            );
        }
        // Nothing says whether the whole or a part is wrong: the finding
        // names the rule, not a correction.
        let said = Checked::SumMismatch {
            unit: unit_name.as_deref(),
            whole,
            name: &name,
            column,
            stated: &fmt(whole_v),
            parts: &parts_text,
            sum: &fmt(sum),
        };
        return Some(
            Finding::said(Severity::Error, &said, lang)
                .at(&cell_of(whole, column))
                .unit(unit_code)
                .indicator(whole.to_string())
                .column(column.as_str())
                .expected(format!("{} {} {}", rel.left, rel.cmp.as_str(), rel.right))
                .actual(fmt(whole_v)),
        );
    }
    if lacking.is_some() {
        // Another relation broken by missing figures proves nothing.
        return None;
    }
    // The left side's first operand, in the column its marker names.
    let (first, first_at) = rel
        .left
        .operands()
        .first()
        .map(|&(c, pin)| (c.to_string(), pin.unwrap_or(column)))
        .unwrap_or((String::new(), column));
    let owner = &template.indicators[rel.owner];
    // Each indicator by its name and figure, as a sum-mismatch names its
    // parts: a clerk whose form has no code column can follow it. A
    // unit's finding puts the code before the name, as its other
    // findings open ("KT06 Hộ kinh doanh …"): the rule in brackets is in
    // codes, which the clerk can then tie to the rows.
    // An operand of another column is named with it, as a rate's
    // («Kế hoạch vốn được giao (KH) 100»).
    let coded = unit_name.is_some();
    let named = |code: &str, pin: Option<ValueColumn>| {
        let name = match pin {
            Some(p) => format!("{} ({})", short_name(template, code), p.as_str()),
            None => short_name(template, code),
        };
        let figure = fmt(lookup_in(code, pin.unwrap_or(column)).unwrap_or(f64::NAN));
        match template.indicator(code) {
            Some(ind) if coded && short_name(template, code) != ind.code => {
                format!("{} {name} {figure}", ind.code)
            }
            _ => format!("{name} {figure}"),
        }
    };
    let show = |e: &Expr| -> String {
        match e {
            Expr::Code(c) => named(c, None),
            Expr::At(c, pin) => named(c, Some(*pin)),
            _ => format!(
                "{} = {}",
                in_words(e, &named, lang),
                fmt(e.eval_in(column, &lookup_in).unwrap_or(f64::NAN))
            ),
        }
    };
    let (ls, rs) = (show(&rel.left), show(&rel.right));
    // The totals of figures different units state (an office's whole
    // against the wards' sum): the finding says whose each one is.
    let stated_by: Vec<StatedBy> = rel
        .operands_in(column)
        .into_iter()
        .filter_map(|(c, at)| {
            let (first, units) = sources.get(&(template.indicator_index(c)?, at))?;
            Some(StatedBy {
                code: c,
                first,
                units: *units,
            })
        })
        .collect();
    let said = Checked::RelationViolated {
        unit: unit_name.as_deref(),
        formula: &owner.formula,
        column,
        left: &ls,
        right: &rs,
        cmp: rel.cmp.as_str(),
        stated_by: &stated_by,
    };
    Some(
        Finding::said(Severity::Error, &said, lang)
            .at(&cell_of(&first, first_at))
            .unit(unit_code)
            .indicator(first)
            .column(column.as_str())
            .expected(format!("{} {} {}", rel.left, rel.cmp.as_str(), rel.right))
            // How the figures compare, in signs: "51 > 49".
            .actual(format!(
                "{} {} {}",
                fmt(left),
                match left.partial_cmp(&right) {
                    // An equality broken is said as such: "34 ≠ 30", not
                    // "34 > 30", which reads as if "greater" were the rule.
                    _ if rel.cmp == Cmp::Eq => "≠",
                    Some(std::cmp::Ordering::Less) => "<",
                    Some(std::cmp::Ordering::Greater) => ">",
                    _ => "≠",
                },
                fmt(right)
            )),
    )
}

/// A side of a rule with each indicator `named` ("Đơn thụ lý 10 - Đơn đã
/// giải quyết 9"), numbers as the language writes them, and brackets
/// where the rule's grouping needs them.
fn in_words(e: &Expr, named: &dyn Fn(&str, Option<ValueColumn>) -> String, lang: Lang) -> String {
    spelled(e, named, lang, "*")
}

/// A formula with each indicator `named`, for a rate's message: as
/// [`in_words`], multiplication written "×" ("Số ca tử vong 1 / Số ca
/// sinh sống 85 × 1.000"). `named` gets each operand's code and the
/// column its marker names (`DT.01[KH]`), if any.
pub(crate) fn formula_in_words(
    e: &Expr,
    named: &dyn Fn(&str, Option<ValueColumn>) -> String,
    lang: Lang,
) -> String {
    spelled(e, named, lang, "×")
}

fn spelled(
    e: &Expr,
    named: &dyn Fn(&str, Option<ValueColumn>) -> String,
    lang: Lang,
    times: &str,
) -> String {
    let grouped = |inner: &Expr, tight: bool| {
        let text = spelled(inner, named, lang, times);
        match inner {
            Expr::Bin(_, op, _) if tight || matches!(op, Op::Add | Op::Sub) => {
                format!("({text})")
            }
            _ => text,
        }
    };
    match e {
        Expr::Num(v) => format_num(*v, crate::number::decimals_of(*v), lang),
        Expr::Code(c) => named(c, None),
        Expr::At(c, column) => named(c, Some(*column)),
        Expr::Neg(inner) => format!("-{}", grouped(inner, true)),
        Expr::Bin(a, op, b) => {
            let (sign, multiplies) = match op {
                Op::Add => ("+", false),
                Op::Sub => ("-", false),
                Op::Mul => (times, true),
                Op::Div => ("/", true),
            };
            // a - (b + c), a / (b * c): the right side in brackets; the
            // left one only under * and /.
            let left = match multiplies {
                true => grouped(a, false),
                false => spelled(a, named, lang, times),
            };
            let right = match (op, b.as_ref()) {
                (Op::Add, _) => spelled(b, named, lang, times),
                (Op::Mul, Expr::Bin(_, Op::Mul | Op::Div, _)) => spelled(b, named, lang, times),
                _ => grouped(b, true),
            };
            format!("{left} {sign} {right}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::normalize::store::{Figures, UNITS_PER_CHUNK};
    use crate::reconcile::checks::testutil::{ind, row, store_all, sub_with};
    use crate::reconcile::consolidate;

    /// `n` wards with HC02 = HC03 + HC04 in TH, except the ones listed,
    /// whose HC02 is five too many; each in its own file.
    fn wards(t: &Template, n: usize, wrong: &[usize]) -> Vec<Submission> {
        let (hc02, hc03, hc04) = (ind(t, "HC02"), ind(t, "HC03"), ind(t, "HC04"));
        (0..n)
            .map(|k| {
                let whole = if wrong.contains(&k) { 35.0 } else { 30.0 };
                let mut s = sub_with(
                    t,
                    &format!("P{:02}", k % 16 + 1),
                    vec![
                        row(hc02, ValueColumn::Th, whole, 0),
                        row(hc03, ValueColumn::Th, 20.0, 0),
                        row(hc04, ValueColumn::Th, 10.0, 0),
                    ],
                );
                s.file = format!("w{k:05}.xlsx");
                s
            })
            .collect()
    }

    /// The sum-mismatches (file, cell) of the submissions, their figures
    /// in a store as in a consolidation.
    fn sum_mismatches(t: &Template, mut subs: Vec<Submission>) -> Vec<(String, String)> {
        let (_dir, store) = store_all(&mut subs);
        let figures = Figures::new(subs.iter().collect(), Some(&store));
        let totals = consolidate(&figures, t).unwrap();
        let (relations, _) = relations_of(t, Lang::En);
        let mut f: Vec<(String, String)> =
            check_relations(&figures, &totals, t, &relations, Lang::En)
                .unwrap()
                .into_iter()
                .filter(|f| f.code == Code::SumMismatch)
                .map(|f| (f.file, f.cell))
                .collect();
        f.sort();
        f
    }

    /// Units spread over several chunks: a unit's violation is found in
    /// whichever chunk it falls, and it still holds back the totals' own
    /// finding, which sits in the last chunk.
    #[test]
    fn relations_over_several_chunks_find_each_unit_and_spare_the_totals() {
        let t = Template::builtin().unwrap();
        let n = UNITS_PER_CHUNK + 300;
        let name = |k: usize| format!("w{k:05}.xlsx");
        // A ward in the first frame only: the totals row, in the last
        // frame, is held back all the same.
        let f = sum_mismatches(&t, wards(&t, n, &[5]));
        assert_eq!(f, vec![(name(5), "E10".to_string())]);
        // A ward in each frame.
        let f = sum_mismatches(&t, wards(&t, n, &[5, UNITS_PER_CHUNK + 7]));
        let files: Vec<String> = f.into_iter().map(|(file, _)| file).collect();
        assert_eq!(files, vec![name(5), name(UNITS_PER_CHUNK + 7)]);
        // Every ward right: nothing, and the totals (which add up) neither.
        assert!(sum_mismatches(&t, wards(&t, n, &[])).is_empty());
    }

    /// Whole counts are exact: 1.282 files are not 1.204 + 77 = 1.281,
    /// although the half-units of three whole figures (1,5) would cover
    /// it. Money in whole tỷ đồng keeps its half-units, and so does a
    /// count in a catalog that does not say its decimals.
    #[test]
    fn whole_counts_add_up_exactly_and_rounded_figures_within_half_units() {
        let found = |csv: &str, unit: &str, whole: f64| {
            let t = Template::from_texts(
                "t",
                "",
                &format!(
                    "code,group,name,unit,kind,level,reported_by,formula,aliases,decimals\n\
                     A,HC,Tổng,{unit},flow,ward,VP,A == B + C,,{csv}\n\
                     B,HC,Phần một,{unit},flow,ward,VP,,,{csv}\n\
                     C,HC,Phần hai,{unit},flow,ward,VP,,,{csv}\n"
                ),
                include_str!("../../templates/groups.csv"),
                include_str!("../../templates/agencies.csv"),
            )
            .unwrap();
            let (relations, _) = relations_of(&t, Lang::En);
            let s = sub_with(
                &t,
                "P01",
                vec![
                    row(ind(&t, "A"), ValueColumn::Th, whole, 0),
                    row(ind(&t, "B"), ValueColumn::Th, 1204.0, 0),
                    row(ind(&t, "C"), ValueColumn::Th, 77.0, 0),
                ],
            );
            let refs = [&s];
            let totals = consolidate(&Figures::in_memory(&refs), &t).unwrap();
            check_relations(
                &Figures::in_memory(&refs),
                &totals,
                &t,
                &relations,
                Lang::En,
            )
            .unwrap()
            .into_iter()
            .filter(|f| f.code == Code::SumMismatch && !f.unit.is_empty())
            .count()
        };
        assert_eq!(found("0", "hồ sơ", 1282.0), 1, "a count is exact");
        assert_eq!(found("0", "hồ sơ", 1281.0), 0);
        assert_eq!(found("0", "tỷ đồng", 1282.0), 0, "money is rounded");
        assert_eq!(found("", "hồ sơ", 1282.0), 0, "decimals not said");
        assert_eq!(found("", "hồ sơ", 1283.0), 1);
    }

    /// A catalog of `k` relations `A_i <formula> B_i, C_i`, three wards
    /// with A = 3, B = 1, C = 2 except ward P02's A = 9 in relations 0
    /// and k − 1; returns (unit, indicator) of the findings with `code`.
    fn many_relations(k: usize, formula: &str, code: Code) -> Vec<(String, String)> {
        let mut found: Vec<(String, String)> = many_relation_findings(k, formula)
            .into_iter()
            .filter(|f| f.code == code)
            .map(|f| (f.unit, f.indicator))
            .collect();
        found.sort();
        found
    }

    /// The findings of `many_relations`' catalog and wards.
    fn many_relation_findings(k: usize, formula: &str) -> Vec<Finding> {
        let mut csv = String::from("code,group,name,unit,kind,level,reported_by,formula,aliases\n");
        for i in 0..k {
            let f = formula.replace('#', &i.to_string());
            csv.push_str(&format!(
                "A{i},HC,Tổng {i},hồ sơ,flow,ward,VP,{f},\nB{i},HC,Phần một {i},hồ sơ,flow,ward,VP,,\nC{i},HC,Phần hai {i},hồ sơ,flow,ward,VP,,\n"
            ));
        }
        let t = Template::from_texts(
            "t",
            "",
            &csv,
            include_str!("../../templates/groups.csv"),
            include_str!("../../templates/agencies.csv"),
        )
        .unwrap();
        let (relations, invalid) = relations_of(&t, Lang::En);
        assert!(invalid.is_empty(), "{invalid:?}");
        assert_eq!(relations.len(), k);
        let wrong = [0, k - 1];
        let subs: Vec<Submission> = (0..3)
            .map(|u| {
                let mut rows = Vec::new();
                for i in 0..k {
                    let whole = if u == 1 && wrong.contains(&i) {
                        9.0
                    } else {
                        3.0
                    };
                    rows.push(row(ind(&t, &format!("A{i}")), ValueColumn::Th, whole, 0));
                    rows.push(row(ind(&t, &format!("B{i}")), ValueColumn::Th, 1.0, 0));
                    rows.push(row(ind(&t, &format!("C{i}")), ValueColumn::Th, 2.0, 0));
                }
                sub_with(&t, &format!("P{:02}", u + 1), rows)
            })
            .collect();
        let refs: Vec<&Submission> = subs.iter().collect();
        let totals = consolidate(&Figures::in_memory(&refs), &t).unwrap();
        check_relations(
            &Figures::in_memory(&refs),
            &totals,
            &t,
            &relations,
            Lang::En,
        )
        .unwrap()
    }

    /// A relation between an office's own indicator and a ward-level one
    /// (YT.01 <= DS.01, where only the wards report DS.01) can never be
    /// checked in the office's file: that is by design, not a missing
    /// figure, and no `relation-skipped` says so. A ward that leaves out
    /// a figure it must report still gets one.
    #[test]
    fn a_relation_an_office_need_not_report_whole_is_not_said_skipped() {
        let t = Template::from_texts(
            "t",
            "",
            "code,group,name,unit,kind,level,reported_by,formula\n\
             A,HC,Người tham gia bảo hiểm y tế,người,flow,both,VP,A <= B\n\
             B,HC,Dân số,người,stock,ward,VP,\n",
            include_str!("../../templates/groups.csv"),
            include_str!("../../templates/agencies.csv"),
        )
        .unwrap();
        let (relations, _) = relations_of(&t, Lang::Vi);
        let office = sub_with(&t, "VP", vec![row(ind(&t, "A"), ValueColumn::Th, 90.0, 0)]);
        let ward = sub_with(&t, "P01", vec![row(ind(&t, "A"), ValueColumn::Th, 9.0, 0)]);
        let skipped = |s: &Submission| {
            let refs = [s];
            let totals = consolidate(&Figures::in_memory(&refs), &t).unwrap();
            check_relations(
                &Figures::in_memory(&refs),
                &totals,
                &t,
                &relations,
                Lang::Vi,
            )
            .unwrap()
            .into_iter()
            .filter(|f| f.code == Code::RelationSkipped)
            .count()
        };
        assert_eq!(skipped(&office), 0);
        assert_eq!(skipped(&ward), 1);
    }

    /// A broken equality that is not a sum of parts says its figures
    /// with "≠", a broken bound with the sign the figures stand in.
    #[test]
    fn a_broken_relation_says_its_figures_with_the_rules_sign() {
        let actual = |formula: &str| -> Vec<String> {
            many_relation_findings(1, formula)
                .into_iter()
                .filter(|f| f.code == Code::RelationViolated && f.unit == "P02")
                .map(|f| f.actual)
                .collect()
        };
        assert_eq!(actual("A# == B# * C# + 1"), ["9 ≠ 3"]);
        assert_eq!(actual("A# <= B# * C# + 1"), ["9 > 3"]);
    }

    /// A broken relation names each indicator of its sides by its name,
    /// as a sum-mismatch names its parts (a form without a code column
    /// could not be followed by "TT05 - TT06"), in both languages, with
    /// the brackets the rule's grouping needs.
    /// A relation naming an operand's column is judged where its
    /// unmarked operands are read, never in CK against this year's
    /// columns; one whose every operand names its column, once.
    #[test]
    fn a_relation_with_a_marker_is_judged_in_the_columns_it_can_be() {
        use ValueColumn::{Ck, Kh, Lk, Th};
        let judged = |formula: &str| -> Vec<ValueColumn> {
            let Ok(Rule::Relation(left, cmp, right)) = parse(formula) else {
                panic!("{formula}");
            };
            let rel = Relation {
                owner: 0,
                left,
                cmp,
                right,
                columns: crate::rules::expr::columns_of(formula),
            };
            ValueColumn::QUANTITIES
                .into_iter()
                .filter(|&c| rel.judged_in(c))
                .collect()
        };
        assert_eq!(judged("DT.02 <= DT.01[KH]"), [Kh, Th, Lk]);
        // In CK every unmarked operand is last year's: DT.01[CK] would be
        // the year before, which no report holds.
        assert_eq!(judged("DT.02 <= DT.01[CK]"), [Kh, Th, Lk]);
        assert_eq!(judged("DT.02[LK] >= DT.02[TH]"), [Lk]);
        assert_eq!(judged("DT.02 <= DT.01[KH] [LK, CK]"), [Lk]);
        assert_eq!(judged("DT.02 <= DT.01"), [Kh, Th, Lk, Ck]);
        let Ok(Rule::Relation(left, cmp, right)) = parse("DT.02 + 5 <= DT.01[KH]") else {
            panic!()
        };
        let rel = Relation {
            owner: 0,
            left,
            cmp,
            right,
            columns: None,
        };
        assert_eq!(
            rel.operands_in(Lk),
            [("DT.02", Lk), ("DT.01", Kh)],
            "each operand in the column judged or its marker's"
        );
    }

    #[test]
    fn a_broken_relation_names_its_indicators_in_words() {
        let t = Template::from_texts(
            "t",
            "",
            "code,group,name,unit,kind,level,reported_by,formula\n\
             TT05,HC,Tổng số đơn phải giải quyết,đơn,flow,ward,VP,\n\
             TT06,HC,Đơn đã giải quyết,đơn,flow,ward,VP,\n\
             TT08,HC,Trong đó: đơn rút,đơn,flow,ward,VP,\n\
             TT07,HC,Đơn còn tồn chưa giải quyết,đơn,flow,ward,VP,TT07 == TT05 - (TT06 + TT08)\n\
             TT09,HC,Đơn chuyển kỳ sau,đơn,flow,ward,VP,TT09 <= TT05 / 3\n",
            include_str!("../../templates/groups.csv"),
            include_str!("../../templates/agencies.csv"),
        )
        .unwrap();
        let s = sub_with(
            &t,
            "P01",
            [
                ("TT05", 15.0),
                ("TT06", 12.0),
                ("TT08", 2.0),
                ("TT07", 5.0),
                ("TT09", 9.0),
            ]
            .into_iter()
            .map(|(c, v)| row(ind(&t, c), ValueColumn::Th, v, 0))
            .collect(),
        );
        let refs = [&s];
        let totals = consolidate(&Figures::in_memory(&refs), &t).unwrap();
        let messages = |lang: Lang| -> Vec<String> {
            let (relations, _) = relations_of(&t, lang);
            let mut m: Vec<String> =
                check_relations(&Figures::in_memory(&refs), &totals, &t, &relations, lang)
                    .unwrap()
                    .into_iter()
                    .filter(|f| f.code == Code::RelationViolated && !f.unit.is_empty())
                    .map(|f| f.message)
                    .collect();
            m.sort();
            m
        };
        assert_eq!(
            messages(Lang::Vi),
            [
                "Phường 1: TT07 Đơn còn tồn chưa giải quyết 5 phải bằng TT05 Tổng số đơn phải giải quyết 15 - (TT06 Đơn đã giải quyết 12 + TT08 đơn rút 2) = 1 ở cột TH (điều kiện TT07 = TT05 - (TT06 + TT08)). Một trong các số này sai; hãy kiểm tra lại.",
                "Phường 1: TT09 Đơn chuyển kỳ sau 9 không được lớn hơn TT05 Tổng số đơn phải giải quyết 15 / 3 = 5 ở cột TH (điều kiện TT09 ≤ TT05 / 3). Một trong các số này sai; hãy kiểm tra lại.",
            ]
        );
        assert_eq!(
            messages(Lang::En),
            [
                "Phường 1: TT07 Đơn còn tồn chưa giải quyết 5 must equal TT05 Tổng số đơn phải giải quyết 15 - (TT06 Đơn đã giải quyết 12 + TT08 đơn rút 2) = 1 in column TH (rule TT07 = TT05 - (TT06 + TT08)). One of these figures is wrong; check them.",
                "Phường 1: TT09 Đơn chuyển kỳ sau 9 cannot be above TT05 Tổng số đơn phải giải quyết 15 / 3 = 5 in column TH (rule TT09 ≤ TT05 / 3). One of these figures is wrong; check them.",
            ]
        );
    }

    /// More relations than one polars query of expressions takes, linear
    /// (one join) or not (batches of expressions): a violation is found
    /// in whichever batch its relation falls.
    #[test]
    fn relations_over_several_batches_are_all_checked() {
        let k = RELATIONS_PER_FRAME + 6;
        let want: Vec<(String, String)> = vec![
            ("P02".into(), "A0".into()),
            ("P02".into(), format!("A{}", k - 1)),
        ];
        assert_eq!(many_relations(k, "A# == B# + C#", Code::SumMismatch), want);
        assert_eq!(
            many_relations(k, "A# <= B# * C# + 1", Code::RelationViolated),
            want
        );
    }

    /// The join over the tidy figures says exactly what the compiled
    /// expressions say, relation by relation, on figures that satisfy,
    /// break or leave out the catalog's relations at random.
    #[test]
    fn linear_relations_agree_with_the_compiled_expressions() {
        let t = Template::builtin().unwrap();
        let (relations, _) = relations_of(&t, Lang::En);
        assert!(relations.iter().all(|r| Linear::of(r, &t).is_some()));
        let codes: BTreeSet<&str> = relations.iter().flat_map(|r| r.codes()).collect();
        let mut seed: u64 = 2020;
        let mut next = move |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        let subs: Vec<Submission> = (0..40)
            .map(|u| {
                let mut rows = Vec::new();
                for c in &codes {
                    for column in ValueColumn::QUANTITIES {
                        if next(10) == 0 {
                            continue; // left blank
                        }
                        let v = (next(50) as f64) * if next(3) == 0 { 1.5 } else { 1.0 };
                        rows.push(row(ind(&t, c), column, v, next(2) as u8));
                    }
                }
                let mut s = sub_with(&t, &format!("P{:02}", u % 16 + 1), rows);
                s.file = format!("w{u:02}.xlsx");
                s
            })
            .collect();
        let refs: Vec<&Submission> = subs.iter().collect();
        let totals = consolidate(&Figures::in_memory(&refs), &t).unwrap();
        let key = |f: &Finding| {
            (
                f.file.clone(),
                f.cell.clone(),
                f.indicator.clone(),
                f.column.clone(),
                f.message.clone(),
            )
        };
        let all: Vec<&Relation> = relations.iter().collect();
        let figures = Figures::in_memory(&refs);
        let mut by_expr = Checking::new(&figures, &totals, &t, Lang::En);
        by_expr.check_batch(&all).unwrap();
        let linear: Vec<(&Relation, Linear)> = relations
            .iter()
            .map(|r| (r, Linear::of(r, &t).unwrap()))
            .collect();
        let mut by_join = Checking::new(&figures, &totals, &t, Lang::En);
        by_join.check_linear(&linear).unwrap();
        let (skip_expr, skip_join) = (&by_expr.skipped, &by_join.skipped);
        let (by_expr, by_join) = (&by_expr.findings, &by_join.findings);
        let mut a: Vec<_> = by_expr.iter().map(key).collect();
        let mut b: Vec<_> = by_join.iter().map(key).collect();
        a.sort();
        b.sort();
        assert!(a.len() > 10, "too few violations to compare: {}", a.len());
        assert_eq!(a, b);
        assert_eq!(skip_expr, skip_join);
        assert!(!skip_join.is_empty());
    }

    #[test]
    fn linear_forms_of_relations() {
        let t = Template::builtin().unwrap();
        let rel = |f: &str| match parse(f).unwrap() {
            Rule::Relation(left, cmp, right) => Relation {
                owner: 0,
                left,
                cmp,
                right,
                columns: None,
            },
            Rule::Definition(_) => panic!("not a relation"),
        };
        let (a, b, c) = (ind(&t, "HC02"), ind(&t, "HC03"), ind(&t, "HC04"));
        let l = Linear::of(&rel("HC02 == HC03 + HC04"), &t).unwrap();
        assert_eq!(l.terms, vec![(a, 1.0), (b, -1.0), (c, -1.0)]);
        let l = Linear::of(&rel("HC02 - 2 * HC03 >= HC04 / 4 + 10"), &t).unwrap();
        assert_eq!(l.terms, vec![(a, 1.0), (b, -2.0), (c, -0.25)]);
        assert_eq!(l.constant, -10.0);
        // The same code twice counts once, with its coefficients added.
        let l = Linear::of(&rel("HC02 <= HC02 + HC03"), &t).unwrap();
        assert_eq!(l.terms, vec![(a, 0.0), (b, -1.0)]);
        // A product or quotient of two figures is not linear.
        assert!(Linear::of(&rel("HC02 * HC03 <= HC04"), &t).is_none());
        assert!(Linear::of(&rel("HC02 / HC03 <= HC04"), &t).is_none());
    }
}
