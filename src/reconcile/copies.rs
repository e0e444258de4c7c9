//! A unit whose figures are another unit's, figure for figure: the form of
//! a neighbour filled in by copying its file and changing the title. Every
//! check passes (the copy is as consistent as its original), yet the total
//! counts one unit's figures twice and the other's not at all. Two units
//! whose non-zero figures (KH, TH, LK, CK, as read) are all equal, at
//! least [`MIN_FIGURES`] of them, each get a `figures-copied` warning
//! naming the other.

use crate::diagnostic::{Finding, Lang, Severity};
use crate::error::Fatal;
use crate::messages::Checked;
use crate::normalize::store::Figures;
use crate::template::Template;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// The fewest non-zero figures two units must share, all of them, to be
/// called copies: a handful of small counts may well coincide.
pub const MIN_FIGURES: usize = 10;

/// `figures-copied` for every included unit whose figures are another's.
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn check_copies(
    figures: &Figures,
    template: &Template,
    lang: Lang,
) -> Result<Vec<Finding>, Fatal> {
    // A fingerprint of each unit's non-zero quantities → the units with it.
    let mut by_print: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
    figures.each_chunk_indexed(|_, first, chunk| {
        for (k, s) in chunk.iter().enumerate() {
            let Some(u) = s.unit else { continue };
            let mut rows: Vec<(u32, usize, u64)> = s
                .rows
                .iter()
                .filter(|r| !r.column.is_percent() && r.value != 0.0)
                .map(|r| (r.indicator, r.column.index(), r.value.to_bits()))
                .collect();
            rows.sort_unstable();
            rows.dedup();
            if rows.len() < MIN_FIGURES {
                continue;
            }
            let mut h = std::collections::hash_map::DefaultHasher::new();
            rows.hash(&mut h);
            by_print.entry(h.finish()).or_default().push((first + k, u));
        }
        Ok(())
    })?;
    let subs = figures.subs();
    let mut out = Vec::new();
    let mut groups: Vec<Vec<(usize, usize)>> =
        by_print.into_values().filter(|g| g.len() > 1).collect();
    groups.sort();
    for group in groups {
        for &(k, u) in &group {
            let (Some(sub), Some(unit)) = (subs.get(k), template.agencies.get(u)) else {
                continue;
            };
            let others: Vec<String> = group
                .iter()
                .filter(|&&(j, _)| j != k)
                .filter_map(|&(j, v)| {
                    let name = template.agencies.get(v)?.shown();
                    Some(format!("{name} ({})", subs.get(j)?.file))
                })
                .collect();
            let others = others.join(", ");
            let said = Checked::Copied {
                unit: &unit.shown(),
                file: &sub.file,
                others: &others,
            };
            let mut f = Finding::said(Severity::Warning, &said, lang)
                .unit(unit.code.clone())
                .actual(others.clone());
            f.file = sub.file.clone();
            out.push(f);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::model::ValueColumn;
    use crate::normalize::submission::Submission;
    use crate::reconcile::checks::testutil::{row, sub_with};

    /// Ten figures each: Phường 2's are Phường 1's, Phường 3's differ in
    /// one; a unit with fewer figures than [`MIN_FIGURES`] is never a copy.
    #[test]
    fn a_unit_with_another_units_figures_is_named() {
        let t = Template::builtin().unwrap();
        let figures = |last: f64| {
            (0..MIN_FIGURES)
                .map(|i| {
                    let v = if i + 1 == MIN_FIGURES {
                        last
                    } else {
                        10.0 + i as f64
                    };
                    row(i, ValueColumn::Th, v, 0)
                })
                .collect::<Vec<_>>()
        };
        let mut subs: Vec<Submission> = vec![
            sub_with(&t, "P01", figures(99.0)),
            sub_with(&t, "P02", figures(99.0)),
            sub_with(&t, "P03", figures(98.0)),
            sub_with(&t, "P04", figures(99.0).into_iter().take(3).collect()),
            sub_with(&t, "P05", figures(99.0).into_iter().take(3).collect()),
        ];
        for (k, s) in subs.iter_mut().enumerate() {
            s.file = format!("phuong-{:02}.xlsx", k + 1);
        }
        let refs: Vec<&Submission> = subs.iter().collect();
        let f = check_copies(&Figures::in_memory(&refs), &t, Lang::Vi).unwrap();
        let got: Vec<(Code, &str, &str, &str)> = f
            .iter()
            .map(|x| (x.code, x.unit.as_str(), x.file.as_str(), x.actual.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Code::FiguresCopied,
                    "P01",
                    "phuong-01.xlsx",
                    "Phường 2 (phuong-02.xlsx)"
                ),
                (
                    Code::FiguresCopied,
                    "P02",
                    "phuong-02.xlsx",
                    "Phường 1 (phuong-01.xlsx)"
                ),
            ]
        );
        assert!(f.iter().all(|x| x.severity == Severity::Warning));
        assert!(f[1].message.contains("Phường 1"), "{}", f[1].message);
    }
}
