//! The large shape (`--rows R`): a few units whose forms have R rows,
//! every row an indicator of its own, and a catalog listing exactly them,
//! so that a consolidation reads R rows per workbook, sums them across the
//! units and has nothing to say about them.
//!
//! The rows are the catalog's ward indicators over and over, pass after
//! pass, each pass under its own codes and names ("HC02.7", "Hồ sơ thủ
//! tục hành chính đã giải quyết (mục 7)") with its kind, unit, level and
//! relations (the formula's codes renamed the same way) and a fresh set of
//! consistent figures:
//!
//! ```text
//! pass p (1, 2, …): HC01.p  HC02.p == HC03.p + HC04.p  HC05.p = HC03.p / HC02.p * 100 …
//! catalog order:    by section, then pass, then the catalog's order
//!                   (so that a form has one section row per group)
//! ```
//!
//! When R is not a whole number of passes, the last pass keeps the first
//! indicators in an order where every indicator comes after those its
//! formula names, so that no kept formula names a code left out.

use super::figures::{parse_formula, Formula};
use crate::error::Fatal;
use crate::template::{Template, TemplateError};

/// A derived indicator: which pass, and the built-in catalog position it
/// copies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    /// 1-based.
    pub pass: usize,
    pub base: usize,
}

/// The catalog of a large shape.
#[derive(Clone, Debug)]
pub struct LargeCatalog {
    /// Each derived indicator, in catalog (print) order.
    pub origins: Vec<Origin>,
    /// Number of passes (the last one possibly partial).
    pub passes: usize,
    /// `indicators.csv` of the derived catalog.
    pub csv: String,
}

/// The code of a base indicator in pass `p`.
pub fn derived_code(code: &str, pass: usize) -> String {
    format!("{code}.{pass}")
}

/// The name of a base indicator in pass `p`.
pub fn derived_name(name: &str, pass: usize) -> String {
    format!("{name} (mục {pass})")
}

/// The codes a catalog formula names.
fn formula_codes(formula: &str) -> Vec<String> {
    match parse_formula(formula) {
        Some(Formula::Rate { num, den }) => vec![num, den],
        Some(Formula::Relation { lhs, rhs, .. }) => {
            lhs.into_iter().chain(rhs).map(|(_, c)| c).collect()
        }
        None => Vec::new(),
    }
}

/// `which` (catalog positions) reordered so that an indicator comes after
/// the others its formula names; otherwise in the given order. A cycle,
/// which the built-in catalog does not have, is broken at its first member.
pub fn dependency_order(t: &Template, which: &[usize]) -> Vec<usize> {
    let deps: Vec<Vec<usize>> = which
        .iter()
        .map(|&i| {
            formula_codes(&t.indicators[i].formula)
                .iter()
                .filter_map(|c| t.indicator_index(c))
                .filter(|j| *j != i && which.contains(j))
                .collect()
        })
        .collect();
    let mut placed = vec![false; t.indicators.len()];
    let mut out = Vec::with_capacity(which.len());
    while out.len() < which.len() {
        let ready = which
            .iter()
            .zip(&deps)
            .position(|(&i, d)| !placed[i] && d.iter().all(|&j| placed[j]))
            .or_else(|| which.iter().position(|&i| !placed[i]));
        let Some(k) = ready else { break };
        placed[which[k]] = true;
        out.push(which[k]);
    }
    out
}

/// Replaces each code of `keep` in a formula by its pass's code.
fn rename_codes(formula: &str, pass: usize, is_code: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(formula.len() + 8);
    let chars: Vec<char> = formula.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '.')) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if is_code(&word) {
                out.push_str(&derived_code(&word, pass));
            } else {
                out.push_str(&word);
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The catalog of `rows` indicators derived from the ward indicators
/// `which` of `t` (catalog positions, in catalog order).
///
/// # Errors
/// Never in practice (writing CSV to memory).
pub fn catalog(t: &Template, which: &[usize], rows: usize) -> Result<LargeCatalog, Fatal> {
    let per_pass = which.len().max(1);
    let passes = rows.div_ceil(per_pass);
    let last = rows - (passes.saturating_sub(1)) * per_pass;
    let mut in_last = vec![false; t.indicators.len()];
    for &i in dependency_order(t, which).iter().take(last) {
        in_last[i] = true;
    }
    let kept = |pass: usize, base: usize| pass < passes || in_last[base];
    // Sections in the order the ward indicators first name them.
    let mut groups: Vec<&str> = Vec::new();
    for &i in which {
        let g = t.indicators[i].group.as_str();
        if !groups.contains(&g) {
            groups.push(g);
        }
    }
    let mut origins = Vec::with_capacity(rows);
    for g in &groups {
        for pass in 1..=passes {
            for &base in which {
                if t.indicators[base].group == *g && kept(pass, base) {
                    origins.push(Origin { pass, base });
                }
            }
        }
    }
    let err = |e: csv::Error| Fatal::Other(format!("cannot write the catalog: {e}"));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "code",
        "group",
        "name",
        "unit",
        "kind",
        "level",
        "reported_by",
        "formula",
        "aliases",
    ])
    .map_err(err)?;
    for o in &origins {
        let ind = &t.indicators[o.base];
        let names = formula_codes(&ind.formula);
        let complete = names.iter().all(|c| {
            t.indicator_index(c)
                .is_some_and(|j| kept(o.pass, j) && which.contains(&j))
        });
        let formula = if complete {
            rename_codes(&ind.formula, o.pass, |c| names.iter().any(|n| n == c))
        } else {
            String::new()
        };
        w.write_record([
            derived_code(&ind.code, o.pass).as_str(),
            &ind.group,
            &derived_name(&ind.name, o.pass),
            &ind.unit,
            kind_word(ind.kind),
            level_word(ind.level),
            &ind.reported_by,
            &formula,
            "",
        ])
        .map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Fatal::Other(format!("cannot write the catalog: {e}")))?;
    Ok(LargeCatalog {
        origins,
        passes,
        csv: String::from_utf8(bytes).map_err(|e| Fatal::Other(e.to_string()))?,
    })
}

fn kind_word(k: crate::template::Kind) -> &'static str {
    use crate::template::Kind;
    match k {
        Kind::Flow => "flow",
        Kind::Stock => "stock",
        Kind::Rate => "rate",
    }
}

fn level_word(l: crate::template::Level) -> &'static str {
    use crate::template::Level;
    match l {
        Level::Ward => "ward",
        Level::District => "district",
        Level::Both => "both",
    }
}

impl LargeCatalog {
    /// The derived catalog as a template, with the given registry.
    ///
    /// # Errors
    /// Never for a catalog made by [`catalog`] (the tests load it).
    pub fn template(
        &self,
        toml: &str,
        groups: &str,
        agencies: &str,
    ) -> Result<Template, TemplateError> {
        Template::from_texts("(large)", toml, &self.csv, groups, agencies)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::batch::{ward_indicators, BUILTIN_GROUPS, BUILTIN_TOML};
    use crate::template::DEFAULT_AGENCIES;
    use crate::text::{fold, indicator_key};

    fn large(rows: usize) -> (Template, LargeCatalog, Template) {
        let t = Template::builtin().unwrap();
        let which = ward_indicators(&t);
        let c = catalog(&t, &which, rows).unwrap();
        let d = c
            .template(BUILTIN_TOML, BUILTIN_GROUPS, DEFAULT_AGENCIES)
            .unwrap();
        (t, c, d)
    }

    #[test]
    fn every_row_is_an_indicator_of_its_own() {
        for rows in [1, 7, 65, 66, 300, 1000] {
            let (_, c, d) = large(rows);
            assert_eq!(d.indicators.len(), rows, "{rows}");
            assert_eq!(c.origins.len(), rows);
            let mut codes: Vec<String> = d
                .indicators
                .iter()
                .map(|i| fold(&i.code).replace(' ', ""))
                .collect();
            codes.sort();
            codes.dedup();
            assert_eq!(codes.len(), rows, "codes distinct once folded ({rows})");
            let mut names: Vec<String> = d
                .indicators
                .iter()
                .map(|i| indicator_key(&i.name))
                .collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), rows, "names distinct once folded ({rows})");
        }
    }

    #[test]
    fn formulas_name_only_codes_of_the_catalog() {
        for rows in 1..=140 {
            let (t, c, d) = large(rows);
            for ind in &d.indicators {
                for code in formula_codes(&ind.formula) {
                    assert!(
                        d.indicator(&code).is_some(),
                        "{rows}: {} names {code}",
                        ind.code
                    );
                }
            }
            // Whole passes keep every formula of the built-in ward indicators.
            if rows % 65 == 0 {
                let with = |tt: &Template, ids: &mut dyn Iterator<Item = usize>| {
                    ids.filter(|&i| !tt.indicators[i].formula.is_empty())
                        .count()
                };
                let base = with(&t, &mut ward_indicators(&t).into_iter()) * c.passes;
                assert_eq!(with(&d, &mut (0..d.indicators.len())), base);
            }
        }
        let (_, _, d) = large(130);
        assert_eq!(
            d.indicator("HC02.2").unwrap().formula,
            "HC02.2 == HC03.2 + HC04.2"
        );
        assert_eq!(
            d.indicator("HC05.1").unwrap().formula,
            "HC03.1 / HC02.1 * 100"
        );
        assert_eq!(
            d.indicator("HC02.2").unwrap().name,
            "Hồ sơ thủ tục hành chính đã giải quyết (mục 2)"
        );
    }

    #[test]
    fn a_partial_pass_puts_operands_first() {
        let t = Template::builtin().unwrap();
        let which = ward_indicators(&t);
        let order = dependency_order(&t, &which);
        assert_eq!(order.len(), which.len());
        let pos = |c: &str| {
            order
                .iter()
                .position(|&i| t.indicators[i].code == c)
                .unwrap()
        };
        assert!(pos("HC03") < pos("HC02") && pos("HC02") < pos("HC05"));
        assert!(pos("HC02") < pos("HC01") && pos("HC01") < pos("HC09"));
    }
}
