//! The template: indicator catalog, sections, agency registry and the
//! settings of a consolidation, read from a folder of CSV files and one TOML
//! file (`templates/` in the repository; built into the binary as the
//! default).
//!
//! ```text
//! templates/
//!   template.toml    settings, header words, abbreviations, limits
//!   indicators.csv   code,group,name,unit,kind,level,reported_by,formula,aliases
//!   groups.csv       group,name            (sections in print order)
//!   agencies.csv     code,kind,name,aliases,reports
//! ```

use crate::normalize::text::fold;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Why a template could not be used. Fatal: the run stops with exit 2.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("cannot read template file {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("template file {file}, line {line}: {message}")]
    Invalid {
        file: String,
        line: u64,
        message: String,
    },
}

/// How an indicator adds up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Adds up over time and across units.
    Flow,
    /// A level at the end of the period: adds across units, not over time.
    Stock,
    /// A percent recomputed from its formula, never summed or averaged.
    Rate,
}

/// Who reports an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Ward,
    District,
    Both,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AgencyKind {
    Department,
    Ward,
    Other,
}

#[derive(Clone, Debug)]
pub struct Indicator {
    pub code: String,
    pub group: String,
    pub name: String,
    pub unit: String,
    pub kind: Kind,
    pub level: Level,
    pub reported_by: String,
    /// The catalog's formula: a rate's definition or one relation.
    pub formula: String,
    /// Other names the indicator goes by.
    pub aliases: Vec<String>,
    /// 1-based line in indicators.csv, for messages about the template.
    pub line: u64,
}

#[derive(Clone, Debug)]
pub struct Group {
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug)]
pub struct Agency {
    pub code: String,
    pub kind: AgencyKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub reports: bool,
}

/// How %CK is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CkConvention {
    /// LK/CK×100−100 ("tăng 10,93%").
    #[default]
    Growth,
    /// LK/CK×100 (110,93).
    Ratio,
}

/// What a lone dash in a number cell means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum DashMeans {
    #[default]
    Empty,
    Zero,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    #[serde(default = "default_max_file_mb")]
    pub max_file_mb: u64,
    #[serde(default = "default_max_cells")]
    pub max_cells: u64,
    /// Largest total uncompressed size of the parts of a zip-based workbook
    /// (xlsx, xlsm, xlsb, ods), in megabytes: a guard against zip bombs.
    #[serde(default = "default_max_unzipped_mb")]
    pub max_unzipped_mb: u64,
}

fn default_max_file_mb() -> u64 {
    100
}
fn default_max_cells() -> u64 {
    2_000_000
}
fn default_max_unzipped_mb() -> u64 {
    1000
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_mb: default_max_file_mb(),
            max_cells: default_max_cells(),
            max_unzipped_mb: default_max_unzipped_mb(),
        }
    }
}

/// The settings in template.toml.
#[derive(Clone, Debug, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub office: String,
    #[serde(default)]
    pub ck_convention: CkConvention,
    #[serde(default)]
    pub dash: DashMeans,
    #[serde(default = "default_threshold")]
    pub name_match_threshold: f64,
    /// Header words per column role (`stt`, `code`, `name`, `unit`, `note`,
    /// `KH`, `TH`, `LK`, `CK`, `%KH`, `%CK`).
    #[serde(default)]
    pub columns: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub abbreviations: BTreeMap<String, String>,
    #[serde(default)]
    pub limits: Limits,
    /// Sections of other tables (the annex) and anything else a later part
    /// of the tool reads; kept as raw TOML so that older tools ignore it.
    #[serde(flatten)]
    pub extra: BTreeMap<String, toml::Value>,
}

fn default_threshold() -> f64 {
    0.86
}

/// A loaded template.
#[derive(Clone, Debug)]
pub struct Template {
    /// Where it came from (`(built-in)` for the default).
    pub source: String,
    pub settings: Settings,
    pub indicators: Vec<Indicator>,
    pub groups: Vec<Group>,
    pub agencies: Vec<Agency>,
    by_code: HashMap<String, usize>,
    agency_by_code: HashMap<String, usize>,
}

/// The built-in template's files (a copy of `templates/`).
pub const DEFAULT_TOML: &str = include_str!("../templates/template.toml");
pub const DEFAULT_INDICATORS: &str = include_str!("../templates/indicators.csv");
pub const DEFAULT_GROUPS: &str = include_str!("../templates/groups.csv");
pub const DEFAULT_AGENCIES: &str = include_str!("../templates/agencies.csv");

#[derive(Deserialize)]
struct IndicatorRow {
    code: String,
    group: String,
    name: String,
    #[serde(default)]
    unit: String,
    kind: Kind,
    level: Level,
    #[serde(default)]
    reported_by: String,
    #[serde(default)]
    formula: String,
    #[serde(default)]
    aliases: String,
}

#[derive(Deserialize)]
struct GroupRow {
    group: String,
    name: String,
}

#[derive(Deserialize)]
struct AgencyRow {
    code: String,
    kind: AgencyKind,
    name: String,
    #[serde(default)]
    aliases: String,
    #[serde(default)]
    reports: String,
}

fn split_aliases(s: &str) -> Vec<String> {
    s.split('|')
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect()
}

fn read_csv<T: for<'de> Deserialize<'de>>(
    file: &str,
    text: &str,
) -> Result<Vec<(u64, T)>, TemplateError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.deserialize::<T>() {
        match record {
            Ok(row) => {
                // The position of the record just read.
                let line = out.len() as u64 + 2;
                out.push((line, row));
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                return Err(TemplateError::Invalid {
                    file: file.to_string(),
                    line,
                    message: e.to_string(),
                });
            }
        }
    }
    Ok(out)
}

impl Template {
    /// The template built into the binary (a copy of `templates/`).
    ///
    /// # Errors
    /// Only if the built-in files are broken, which the tests rule out.
    pub fn builtin() -> Result<Template, TemplateError> {
        Self::from_texts(
            "(built-in)",
            DEFAULT_TOML,
            DEFAULT_INDICATORS,
            DEFAULT_GROUPS,
            DEFAULT_AGENCIES,
        )
    }

    /// Reads a template folder. `template.toml` may be absent (the built-in
    /// settings are used); the three CSV files must be there.
    ///
    /// # Errors
    /// A missing or unreadable file, or a line that does not parse (named
    /// with its file and line).
    pub fn load(dir: &Path) -> Result<Template, TemplateError> {
        let read = |name: &str| -> Result<String, TemplateError> {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|source| TemplateError::Io { path, source })
        };
        let toml_text = if dir.join("template.toml").exists() {
            read("template.toml")?
        } else {
            DEFAULT_TOML.to_string()
        };
        Self::from_texts(
            &dir.display().to_string(),
            &toml_text,
            &read("indicators.csv")?,
            &read("groups.csv")?,
            &read("agencies.csv")?,
        )
    }

    /// Builds a template from the texts of its four files.
    ///
    /// # Errors
    /// A line that does not parse, a duplicate code, or a reference to an
    /// unknown group.
    pub fn from_texts(
        source: &str,
        toml_text: &str,
        indicators: &str,
        groups: &str,
        agencies: &str,
    ) -> Result<Template, TemplateError> {
        let settings: Settings = toml::from_str(toml_text).map_err(|e| TemplateError::Invalid {
            file: "template.toml".into(),
            line: e
                .span()
                .map(|s| toml_text[..s.start.min(toml_text.len())].lines().count() as u64)
                .unwrap_or(0),
            message: e.message().to_string(),
        })?;
        let groups: Vec<Group> = read_csv::<GroupRow>("groups.csv", groups)?
            .into_iter()
            .map(|(_, g)| Group {
                code: g.group,
                name: g.name,
            })
            .collect();
        let mut inds = Vec::new();
        let mut by_code = HashMap::new();
        for (line, r) in read_csv::<IndicatorRow>("indicators.csv", indicators)? {
            let invalid = |message: String| TemplateError::Invalid {
                file: "indicators.csv".into(),
                line,
                message,
            };
            if r.code.is_empty() {
                return Err(invalid("an indicator has no code".into()));
            }
            if !groups.iter().any(|g| g.code == r.group) {
                return Err(invalid(format!(
                    "indicator {} names group '{}', which groups.csv does not list",
                    r.code, r.group
                )));
            }
            if by_code.insert(r.code.clone(), inds.len()).is_some() {
                return Err(invalid(format!("indicator code {} appears twice", r.code)));
            }
            inds.push(Indicator {
                code: r.code,
                group: r.group,
                name: r.name,
                unit: r.unit,
                kind: r.kind,
                level: r.level,
                reported_by: r.reported_by,
                formula: r.formula,
                aliases: split_aliases(&r.aliases),
                line,
            });
        }
        let mut ags = Vec::new();
        let mut agency_by_code = HashMap::new();
        for (line, r) in read_csv::<AgencyRow>("agencies.csv", agencies)? {
            if agency_by_code.insert(r.code.clone(), ags.len()).is_some() {
                return Err(TemplateError::Invalid {
                    file: "agencies.csv".into(),
                    line,
                    message: format!("agency code {} appears twice", r.code),
                });
            }
            let reports = matches!(
                fold(&r.reports).as_str(),
                "yes" | "y" | "co" | "1" | "true" | "x"
            );
            ags.push(Agency {
                code: r.code,
                kind: r.kind,
                name: r.name,
                aliases: split_aliases(&r.aliases),
                reports,
            });
        }
        Ok(Template {
            source: source.to_string(),
            settings,
            indicators: inds,
            groups,
            agencies: ags,
            by_code,
            agency_by_code,
        })
    }

    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.by_code.get(code).map(|&i| &self.indicators[i])
    }

    /// Must agency `agency` report indicator `indicator` (both indices)?
    /// A ward reports every ward-level and `both` indicator; a department
    /// the district figure of its own district-level and `both` ones
    /// (ward-level ones come from the wards alone).
    pub fn must_report(&self, agency: usize, indicator: usize) -> bool {
        let (Some(a), Some(ind)) = (self.agencies.get(agency), self.indicators.get(indicator))
        else {
            return false;
        };
        match a.kind {
            AgencyKind::Ward => matches!(ind.level, Level::Ward | Level::Both),
            _ => ind.reported_by == a.code && matches!(ind.level, Level::District | Level::Both),
        }
    }

    /// Position of an indicator in catalog order.
    pub fn indicator_index(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    pub fn agency(&self, code: &str) -> Option<&Agency> {
        self.agency_by_code.get(code).map(|&i| &self.agencies[i])
    }

    pub fn agency_index(&self, code: &str) -> Option<usize> {
        self.agency_by_code.get(code).copied()
    }

    pub fn group_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.groups
            .iter()
            .find(|g| g.code == code)
            .map(|g| g.name.as_str())
            .unwrap_or(code)
    }

    /// Header words for a column role, as written in template.toml.
    pub fn column_words(&self, role: &str) -> &[String] {
        self.settings
            .columns
            .get(role)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_template_loads_the_catalog() {
        let t = Template::builtin().unwrap();
        assert_eq!(t.indicators.len(), 90);
        assert_eq!(
            t.agencies
                .iter()
                .filter(|a| a.kind == AgencyKind::Ward)
                .count(),
            16
        );
        assert_eq!(t.indicator("HC05").unwrap().kind, Kind::Rate);
        assert_eq!(t.settings.ck_convention, CkConvention::Growth);
        assert!(t.column_words("KH").iter().any(|w| w == "kế hoạch"));
        assert!(t.agency("P05").unwrap().reports);
        assert!(!t.agency("BHXH").unwrap().reports);
    }

    #[test]
    fn the_shipped_template_folder_matches_the_builtin() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let t = Template::load(&dir).unwrap();
        assert_eq!(
            t.indicators.len(),
            Template::builtin().unwrap().indicators.len()
        );
    }

    #[test]
    fn a_bad_line_is_named() {
        let bad = "code,group,name,unit,kind,level,reported_by,formula\nX1,KT,Name,người,flowing,ward,,\n";
        let err = Template::from_texts("t", DEFAULT_TOML, bad, DEFAULT_GROUPS, DEFAULT_AGENCIES)
            .unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("indicators.csv") && msg.contains("line 2"),
            "{msg}"
        );
    }

    #[test]
    fn an_unknown_group_is_refused() {
        let bad =
            "code,group,name,unit,kind,level,reported_by,formula\nX1,ZZ,Name,người,flow,ward,,\n";
        let err = Template::from_texts("t", DEFAULT_TOML, bad, DEFAULT_GROUPS, DEFAULT_AGENCIES)
            .unwrap_err();
        assert!(err.to_string().contains("ZZ"));
    }
}
