//! Batches of any size for practice and benchmarks: N wards with a
//! registry of their own (`--units N`), or a few very large workbooks
//! (`--rows R`).
//!
//! ```text
//! DIR/
//!   template/      template.toml, indicators.csv, groups.csv (the built-in
//!                  ones) and agencies.csv: the N wards, codes W00001…
//!   submissions/   one workbook per ward, layouts A, B, C in 6:2:2
//! ```
//!
//! With `--rows R` every workbook is layout A with R indicator rows, each
//! an indicator of its own: the ward indicators of the catalog over and
//! over, each pass under its own codes and names with a fresh set of
//! consistent figures, and `template/indicators.csv` lists exactly those R
//! indicators (see [`super::large`]). Every unit reports all of them, so a
//! consolidation sums each across the units and finds nothing to say.

use super::figures::Model;
use super::large::LargeCatalog;
use super::layout::{render, Layout, Row};
use super::rng::Rng;
use super::submission::{add_notes, document, line, strip_accents, Sender};
use crate::error::Fatal;
use crate::model::Period;
use crate::template::{Level, Template};
use rayon::prelude::*;
use std::path::Path;

/// The built-in template's files, copied into `DIR/template`.
pub use crate::template::{
    DEFAULT_GROUPS as BUILTIN_GROUPS, DEFAULT_INDICATORS as BUILTIN_INDICATORS,
    DEFAULT_TOML as BUILTIN_TOML,
};

/// A generated ward or commune.
#[derive(Clone, Debug, PartialEq)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub aliases: Vec<String>,
}

const FIRST: &[&str] = &[
    "Tân", "An", "Bình", "Long", "Thạnh", "Hòa", "Phước", "Vĩnh", "Mỹ", "Đông", "Tây", "Trung",
    "Thới", "Lộc", "Quang", "Gia", "Hiệp", "Nhơn", "Kim", "Hồng", "Thái", "Châu", "Cẩm", "Ngọc",
    "Bảo",
];
const SECOND: &[&str] = &[
    "Phú",
    "Lợi",
    "Hưng",
    "Thành",
    "Hội",
    "Thịnh",
    "Xuân",
    "Định",
    "Lập",
    "Nhựt",
    "Quới",
    "Sơn",
    "Điền",
    "Khánh",
    "Thuận",
    "Lương",
    "Đức",
    "Phong",
    "Hải",
    "Tiến",
    "Hậu",
    "Linh",
    "Nghĩa",
    "Trạch",
    "Vân",
    "Yên",
    "Dương",
    "Trường",
    "Minh",
    "Cường",
];

/// The units of a batch of `n`: odd positions "Phường 1", "Phường 2", …;
/// even positions communes with two-word names ("Xã Tân Phú"), numbered
/// ("Xã Tân Phú 2") once the pairs run out. Names differ after folding.
pub fn units(n: usize) -> Vec<Unit> {
    let width = n.to_string().len().max(5);
    let pairs = FIRST.len() * SECOND.len();
    (0..n)
        .map(|i| {
            let code = format!("W{:0width$}", i + 1);
            if i % 2 == 0 {
                let k = i / 2 + 1;
                let name = format!("Phường {k}");
                let mut aliases = vec![format!("UBND Phường {k}"), format!("UBND phường {k}")];
                if k < 10 {
                    aliases.push(format!("Phường 0{k}"));
                }
                aliases.extend([
                    format!("P.{k}"),
                    format!("P{k}"),
                    format!("P {k}"),
                    format!("Phuong {k}"),
                ]);
                Unit {
                    code,
                    name,
                    aliases,
                }
            } else {
                let j = i / 2;
                let a = FIRST.get(j % FIRST.len()).copied().unwrap_or("Tân");
                let b = SECOND
                    .get((j / FIRST.len()) % SECOND.len())
                    .copied()
                    .unwrap_or("Phú");
                let round = j / pairs;
                let place = if round == 0 {
                    format!("{a} {b}")
                } else {
                    format!("{a} {b} {}", round + 1)
                };
                let name = format!("Xã {place}");
                let aliases = vec![
                    format!("UBND Xã {place}"),
                    format!("UBND xã {place}"),
                    strip_accents(&name),
                ];
                Unit {
                    code,
                    name,
                    aliases,
                }
            }
        })
        .collect()
}

/// The registry (agencies.csv) of the units.
///
/// # Errors
/// Never in practice (writing CSV to memory).
pub fn registry_csv(units: &[Unit]) -> Result<String, Fatal> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| Fatal::Other(format!("cannot write the registry: {e}"));
    w.write_record(["code", "kind", "name", "aliases", "reports"])
        .map_err(err)?;
    for u in units {
        w.write_record([
            u.code.as_str(),
            "ward",
            &u.name,
            &u.aliases.join("|"),
            "yes",
        ])
        .map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Fatal::Other(format!("cannot write the registry: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Fatal::Other(e.to_string()))
}

/// A file name from a unit: `w00002-xa-tan-an.xlsx`.
pub fn file_name(u: &Unit) -> String {
    format!(
        "{}-{}.xlsx",
        u.code.to_lowercase(),
        crate::text::slug(&u.name)
    )
}

/// The layout of the i-th unit of a batch: A, B and C in 6:2:2.
pub fn layout_of(i: usize) -> Layout {
    match i % 10 {
        0..=5 => Layout::A,
        6 | 7 => Layout::B,
        _ => Layout::C,
    }
}

pub(super) fn sender(u: &Unit) -> Sender {
    Sender {
        code: u.code.clone(),
        letterhead: vec![format!("UBND {}", u.name.to_uppercase())],
        place: u.name.clone(),
        lead: format!("UBND {}", u.name),
        is_ward: true,
    }
}

/// What a batch wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    pub workbooks: usize,
    pub bytes: u64,
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Fatal> {
    std::fs::write(path, bytes).map_err(|e| Fatal::output(path, e))
}

/// Writes the template folder for `units` into `dir`: the built-in
/// catalog, or the large shape's.
///
/// # Errors
/// When the folder cannot be written.
pub fn write_template(
    dir: &Path,
    units: &[Unit],
    large: Option<&LargeCatalog>,
) -> Result<(), Fatal> {
    std::fs::create_dir_all(dir).map_err(|e| Fatal::output(dir, e))?;
    let codes: Vec<&str> = units.iter().map(|u| u.code.as_str()).collect();
    write(
        &dir.join("template.toml"),
        template_toml(BUILTIN_TOML, &codes).as_bytes(),
    )?;
    let indicators = large.map_or(BUILTIN_INDICATORS, |l| l.csv.as_str());
    write(&dir.join("indicators.csv"), indicators.as_bytes())?;
    write(&dir.join("groups.csv"), BUILTIN_GROUPS.as_bytes())?;
    write(&dir.join("agencies.csv"), registry_csv(units)?.as_bytes())
}

/// The built-in template.toml for a registry of `codes`: the entries of
/// `[annex.default_field]` and `[annex.short]` that name an agency the
/// registry does not list are left out (a batch's registry holds only its
/// wards, and `annex` refuses a template that names agencies it lacks).
/// Everything else, comments included, is kept as written.
pub fn template_toml(toml: &str, codes: &[&str]) -> String {
    let mut out = String::with_capacity(toml.len());
    let mut per_agency = false;
    for line in toml.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            per_agency = t == "[annex.default_field]" || t == "[annex.short]";
        } else if per_agency {
            if let Some((key, _)) = t.split_once('=') {
                let code = key.trim().trim_matches('"');
                if !codes.contains(&code) {
                    continue;
                }
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The catalog positions a ward reports (level ward or both).
pub fn ward_indicators(t: &Template) -> Vec<usize> {
    t.indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| matches!(i.level, Level::Ward | Level::Both))
        .map(|(k, _)| k)
        .collect()
}

/// The large shape's catalog for `rows` rows per workbook.
///
/// # Errors
/// Never in practice.
pub fn large_catalog(rows: usize) -> Result<LargeCatalog, Fatal> {
    let t = Template::builtin()?;
    super::large::catalog(&t, &ward_indicators(&t), rows)
}

/// Writes one workbook per unit into `dir`, in parallel; `large` makes
/// each a large layout-A workbook of its catalog's rows.
///
/// # Errors
/// When a file cannot be written.
pub fn write_submissions(
    dir: &Path,
    units: &[Unit],
    period: Period,
    seed: u64,
    large: Option<&LargeCatalog>,
) -> Result<Written, Fatal> {
    let t = Template::builtin()?;
    let model = Model::new(&t);
    let which = ward_indicators(&t);
    std::fs::create_dir_all(dir).map_err(|e| Fatal::output(dir, e))?;
    let sizes: Vec<u64> = units
        .par_iter()
        .enumerate()
        .map(|(i, u)| -> Result<u64, Fatal> {
            let mut rng = Rng::stream(seed, i as u64 + 1);
            let size = rng.uniform(0.5, 1.6);
            let s = sender(u);
            // CK and KH follow LK per unit (one growth, one plan ratio),
            // as the template batch's do: drawn freely per indicator, a
            // part's share of its whole came out three times last year's
            // in some communes, an outlier a clean batch must not have.
            let f = model.unit_figures_with(&mut rng, size, period, true);
            let (layout, doc) = match large {
                None => {
                    let layout = layout_of(i);
                    (
                        layout,
                        document(&t, &model, &s, &f, &which, layout, period, &[], &mut rng),
                    )
                }
                Some(c) => {
                    let mut doc =
                        document(&t, &model, &s, &f, &which, Layout::A, period, &[], &mut rng);
                    doc.rows = large_rows(&t, &model, c, size, period, &mut rng);
                    (Layout::A, doc)
                }
            };
            let (bytes, _) = render(&doc).map_err(|e| {
                Fatal::Other(format!("cannot lay out {} ({layout:?}): {e}", u.name))
            })?;
            write(&dir.join(file_name(u)), &bytes)?;
            Ok(bytes.len() as u64)
        })
        .collect::<Result<_, _>>()?;
    Ok(Written {
        workbooks: sizes.len(),
        bytes: sizes.iter().sum(),
    })
}

/// The rows of a large form: one section row per group, then the group's
/// indicators of every pass, each pass with figures of its own.
fn large_rows(
    t: &Template,
    model: &Model,
    c: &LargeCatalog,
    size: f64,
    period: Period,
    rng: &mut Rng,
) -> Vec<Row> {
    let figs: Vec<_> = (0..c.passes)
        .map(|_| model.unit_figures(rng, size, period))
        .collect();
    let mut out = Vec::with_capacity(c.origins.len() + 16);
    let mut section = 0;
    let mut current: Option<&str> = None;
    for o in &c.origins {
        let Some(ind) = t.indicators.get(o.base) else {
            continue;
        };
        if current != Some(ind.group.as_str()) {
            current = Some(ind.group.as_str());
            section += 1;
            out.push(Row::Section {
                number: crate::model::roman(section),
                title: t.group_name(&ind.group).to_uppercase(),
            });
        }
        let Some(f) = figs.get(o.pass - 1) else {
            continue;
        };
        if let Some(mut l) = line(t, model, f, o.base, Layout::A, rng) {
            l.code = super::large::derived_code(&ind.code, o.pass);
            l.name = super::large::derived_name(&ind.name, o.pass);
            out.push(Row::Line(l));
        }
    }
    add_notes(&mut out, period, rng);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    #[test]
    fn unit_names_are_distinct_once_folded() {
        let us = units(10_000);
        let mut keys: Vec<String> = us.iter().map(|u| fold(&u.name)).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), 10_000);
        assert_eq!(us[0].name, "Phường 1");
        assert_eq!(us[1].name, "Xã Tân Phú");
        assert_eq!(us[9_999].code, "W10000");
        assert_eq!(file_name(&us[1]), "w00002-xa-tan-phu.xlsx");
    }

    #[test]
    fn the_registry_loads_as_a_template() {
        let us = units(12);
        let reg = registry_csv(&us).unwrap();
        let t = Template::from_texts("t", BUILTIN_TOML, BUILTIN_INDICATORS, BUILTIN_GROUPS, &reg)
            .unwrap();
        assert_eq!(t.agencies.len(), 12);
        assert!(t.agencies.iter().all(|a| a.reports));
        assert_eq!(t.agency("W00003").unwrap().name, "Phường 2");
        assert!(t
            .agency("W00004")
            .unwrap()
            .aliases
            .contains(&"Xa An Phu".to_string()));
    }
}
