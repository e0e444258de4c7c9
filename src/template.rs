//! The template: indicator catalog, sections, agency registry and the
//! settings of a consolidation, read from a folder of CSV files and one TOML
//! file (`templates/` in the repository; built into the binary as the
//! default).
//!
//! ```text
//! templates/
//!   template.toml    settings, header words, abbreviations, limits
//!   indicators.csv   code,group,name,unit,kind,level,reported_by,formula,aliases[,decimals]
//!   groups.csv       group,name            (sections in print order)
//!   agencies.csv     code,kind,name,aliases,reports[,size][,parent]
//! ```

use crate::text::fold;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Why a template could not be used. Fatal: the run stops with exit 2.
/// The message is in both languages; [`TemplateError::message`] picks.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("{}", self.message(crate::diagnostic::Lang::En))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", self.message(crate::diagnostic::Lang::En))]
    Invalid {
        file: String,
        /// The line in the file (1-based; 0 when the fault is not on one
        /// line).
        line: u64,
        /// The column of a CSV file, by its header, when one is at fault.
        column: Option<String>,
        /// What is wrong and what was expected: Vietnamese, English.
        vi: String,
        en: String,
    },
}

impl TemplateError {
    /// A fault in `file` at `line`, said in both languages.
    pub fn invalid(file: &str, line: u64, vi: impl Into<String>, en: impl Into<String>) -> Self {
        TemplateError::Invalid {
            file: file.to_string(),
            line,
            column: None,
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// The message in `lang`: the file, the line and column, what is
    /// wrong and what was expected.
    pub fn message(&self, lang: crate::diagnostic::Lang) -> String {
        use crate::diagnostic::Lang;
        match self {
            TemplateError::Io { path, source } => match lang {
                Lang::Vi => format!(
                    "không đọc được tệp mẫu biểu {}: {}",
                    path.display(),
                    crate::error::io_words(source, lang)
                ),
                Lang::En => format!(
                    "cannot read template file {}: {}",
                    path.display(),
                    crate::error::io_words(source, lang)
                ),
            },
            TemplateError::Invalid {
                file,
                line,
                column,
                vi,
                en,
            } => {
                let mut at = match lang {
                    Lang::Vi => format!("tệp mẫu biểu {file}"),
                    Lang::En => format!("template file {file}"),
                };
                if *line > 0 {
                    at.push_str(&match lang {
                        Lang::Vi => format!(", dòng {line}"),
                        Lang::En => format!(", line {line}"),
                    });
                }
                if let Some(c) = column {
                    at.push_str(&match lang {
                        Lang::Vi => format!(", cột {c}"),
                        Lang::En => format!(", column {c}"),
                    });
                }
                format!("{at}: {}", lang.text(vi.clone(), en.clone()))
            }
        }
    }
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
    /// The catalog's formula: a rate's definition or one relation, the
    /// catalog's codes of other shapes than a plain code's in brackets
    /// (`[MT-02] <= [MT-01]`, see [`crate::rules::expr::bracket_codes`]).
    pub formula: String,
    /// The formula as indicators.csv writes it (`MT-02 <= MT-01`), for
    /// the messages about the formula itself.
    pub formula_written: String,
    /// Other names the indicator goes by.
    pub aliases: Vec<String>,
    /// The decimals its quantities are written with (indicators.csv's
    /// optional `decimals` column): the number format and validation of
    /// the forms and the format of the consolidated workbook. `None`: see
    /// `report::workbook::quantity_decimals`.
    pub decimals: Option<u8>,
    /// 1-based line in indicators.csv, for messages about the template.
    pub line: u64,
    /// A flow whose relation makes it a sum that takes in a stock, itself
    /// or through another such flow ("TT05 == TT04 + TT03": the opening
    /// backlog plus what was received). Its LK is the year's opening level
    /// plus the year's flow, not the previous quarter's LK plus TH.
    pub takes_stock: bool,
    /// The kind indicators.csv declared when it is not the one the tool
    /// uses: a `flow` or `stock` whose unit is a rate's (%, ‰, or the unit
    /// of one of the template's own rates, «giường/vạn dân») is taken as a
    /// rate, never summed across units nor over quarters, and the template
    /// is warned about (see [`rate_unit_of`]).
    pub declared: Option<Kind>,
}

impl Indicator {
    /// A stock stated at the period's start ("Đơn tồn đầu kỳ", "Số dư
    /// đầu năm"): its TH is the level at the quarter's start and its LK
    /// at the year's, which differ.
    pub fn opening_level(&self) -> bool {
        let name = fold(&self.name);
        ["dau ky", "dau nam", "dau quy", "dau thang"]
            .iter()
            .any(|w| name.contains(w))
    }
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
    /// The unit's size (its population, or any measure the office keeps
    /// in the registry's optional `size` column): outliers among units of
    /// different sizes are compared per unit of size.
    pub size: Option<f64>,
    /// The body it belongs to, from the registry's optional `parent` (or
    /// `province`) column: a ministry's "Tuyên Quang" for one of many Xã
    /// Tân Phú. Empty when the registry has none.
    pub parent: String,
    /// The units it was formed from, from the registry's optional
    /// `former` column: the communes merged into a new one in the 2025
    /// reform ("Xã An Điền|Xã Tân Định"). A title naming one of them is
    /// read as this unit's, and a file naming only a former unit of
    /// several may cover only part of it.
    pub former: Vec<String>,
    /// The indicators the unit need not report, from the registry's
    /// optional `exempt` column (indicator or group codes): a ward with no
    /// farmland leaves out the crop rows without `indicator-missing`.
    pub exempt: Vec<usize>,
    /// What tells the unit from its namesakes when another unit of the
    /// registry bears its name ("Tuyên Quang", "08001", "Tuyên Quang,
    /// 08001"); `None` when the name is the registry's only one.
    pub qualifier: Option<String>,
}

impl Agency {
    /// The unit's name as a clerk reads it in the outputs and messages:
    /// its registry name, with what tells it from its namesakes when the
    /// name repeats ("Xã Tân Phú (Tuyên Quang)", "Xã Tân Phú (08001)").
    pub fn shown(&self) -> std::borrow::Cow<'_, str> {
        match &self.qualifier {
            Some(q) => format!("{} ({q})", self.name).into(),
            None => self.name.as_str().into(),
        }
    }
}

/// Sets each agency's [`Agency::qualifier`]: none for a name the registry
/// has once (names compared by their words and tones, whatever the case
/// or the old or new placing of a tone); the parent when that tells the
/// namesakes apart, else the parent and the code, else the code.
fn qualify_namesakes(agencies: &mut [Agency]) {
    let key = |a: &Agency| crate::text::tone_words(&a.name);
    let mut by_name: HashMap<Vec<String>, usize> = HashMap::new();
    let mut by_name_parent: HashMap<(Vec<String>, Vec<String>), usize> = HashMap::new();
    for a in agencies.iter() {
        *by_name.entry(key(a)).or_default() += 1;
        *by_name_parent
            .entry((key(a), crate::text::tone_words(&a.parent)))
            .or_default() += 1;
    }
    for a in agencies.iter_mut() {
        if by_name.get(&key(a)).is_some_and(|&n| n > 1) {
            let alone = by_name_parent
                .get(&(key(a), crate::text::tone_words(&a.parent)))
                .is_some_and(|&n| n == 1);
            a.qualifier = Some(match (a.parent.is_empty(), alone) {
                (false, true) => a.parent.clone(),
                (false, false) => format!("{}, {}", a.parent, a.code),
                (true, _) => a.code.clone(),
            });
        }
    }
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
    /// The title of the forms units fill (`tonghop template`), before the
    /// period: "BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI". See [`Template::form_title`].
    #[serde(default)]
    pub form_title: Option<String>,
    /// The template's version, stamped into every form made from it: a
    /// form filled from another version is `template-outdated`. Change it
    /// whenever the catalog, the registry or the columns change.
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub office: String,
    /// Who signs the consolidated summary, under the place and date
    /// ("TM. ỦY BAN NHÂN DÂN", "CHÁNH VĂN PHÒNG"); "THỦ TRƯỞNG ĐƠN VỊ"
    /// when absent.
    #[serde(default)]
    pub signer: String,
    /// The area the consolidation covers, as messages name it ("toàn
    /// {area}"): `quận`, `tỉnh`, `thành phố`, `xã`…; taken from `office`
    /// when absent.
    #[serde(default)]
    pub area: Option<String>,
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

/// How messages name the area of a consolidation and the units that add up
/// to it, in both languages: "toàn tỉnh" / "the province"; "phường, xã" /
/// "wards and communes". The template and its registry decide, never the
/// code: see [`Template::level_words`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelWords {
    /// "quận", "tỉnh", "thành phố"…, or "địa bàn" when unknown.
    pub area_vi: String,
    /// "district", "province", "city"…, or "area".
    pub area_en: String,
    /// What the units of the registry are called: "phường", "xã",
    /// "phường, xã", or "đơn vị".
    pub units_vi: String,
    /// "wards", "communes", "wards and communes", or "units".
    pub units_en: String,
}

impl LevelWords {
    /// "toàn quận" / "the district".
    pub fn whole(&self, lang: crate::diagnostic::Lang) -> String {
        match lang {
            crate::diagnostic::Lang::Vi => format!("toàn {}", self.area_vi),
            crate::diagnostic::Lang::En => format!("the {}", self.area_en),
        }
    }

    /// "phường" / "wards".
    pub fn units(&self, lang: crate::diagnostic::Lang) -> &str {
        match lang {
            crate::diagnostic::Lang::Vi => &self.units_vi,
            crate::diagnostic::Lang::En => &self.units_en,
        }
    }
}

/// How a count of units is worded ([`Template::count_words`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountWords {
    /// "phường", "thôn, tổ dân phố", "đơn vị".
    pub units_vi: String,
    /// "wards", "villages and residential groups", "units".
    pub units_en: String,
    /// The word for the other units (departments): "cơ quan, đơn vị", or
    /// "cơ quan" beside units called "đơn vị".
    pub others_vi: &'static str,
    /// Between the two counts: ", ", or " và " after a list of kinds.
    pub joint_vi: &'static str,
}

/// Vietnamese words for a level of local government and their English,
/// longest first so that "thị xã" wins over "xã".
const AREA_WORDS: [(&str, &str, &str); 9] = [
    ("thành phố", "city", "cities"),
    ("đặc khu", "special zone", "special zones"),
    ("thị trấn", "town", "towns"),
    ("thị xã", "town", "towns"),
    ("phường", "ward", "wards"),
    ("huyện", "district", "districts"),
    ("quận", "district", "districts"),
    ("tỉnh", "province", "provinces"),
    ("xã", "commune", "communes"),
];

/// The standard abbreviations of the level words of two words, as clerks
/// write them before a unit's name ("UBND TP. HÀ NỘI", "UBND TX Buôn
/// Hồ", "TT Đông Anh"): Vietnamese usage, not any office's catalog.
pub const LEVEL_ABBREVIATIONS: [(&str, &str); 3] =
    [("TP", "thành phố"), ("TX", "thị xã"), ("TT", "thị trấn")];

/// The level word a unit's name opens with, as written in a sentence
/// ("Phường 5" → "phường", "Đặc khu Côn Đảo" → "đặc khu"), if any.
pub fn kind_word_of(name: &str) -> Option<&'static str> {
    level_word(name, false).map(|(vi, _, _)| vi)
}

/// The level word a name opens or ends with ("Phường 5" → phường, "ỦY
/// BAN NHÂN DÂN QUẬN" → quận).
fn level_word(name: &str, at_end: bool) -> Option<(&'static str, &'static str, &'static str)> {
    // The level words folded once: every unit of the registry is asked.
    static FOLDED: OnceLock<Vec<String>> = OnceLock::new();
    let words = FOLDED.get_or_init(|| AREA_WORDS.iter().map(|(vi, _, _)| fold(vi)).collect());
    let f = fold(name);
    AREA_WORDS.iter().zip(words).find_map(|(&entry, w)| {
        let found = if at_end {
            f.strip_suffix(w.as_str())
                .is_some_and(|r| r.is_empty() || r.ends_with(' '))
        } else {
            f.strip_prefix(w.as_str())
                .is_some_and(|r| r.is_empty() || r.starts_with(' '))
        };
        found.then_some(entry)
    })
}

/// The words a settlement within a commune or ward is named by, and
/// which of the two kinds of [`SETTLEMENT_KINDS`] it is: a rural village
/// goes by many regional names ("Thôn 10", "Bản Nà Hang", "Ấp Tân Hòa
/// A", "Buôn Đôn", "Sóc Ven"), all villages alike; a town's residential
/// group by others ("Tổ dân phố số 3", "Khu phố 2", "Khóm 4"). The
/// longer of two that open alike first ("tổ dân phố" before "tổ").
const SETTLEMENT_WORDS: [(&str, usize); 17] = [
    ("tổ dân phố", 1),
    ("khu dân cư", 1),
    ("khu phố", 1),
    ("tiểu khu", 1),
    ("thôn", 0),
    ("ấp", 0),
    ("bản", 0),
    ("buôn", 0),
    ("làng", 0),
    ("xóm", 0),
    ("sóc", 0),
    ("phum", 0),
    ("plei", 0),
    ("khóm", 1),
    ("tổ", 1),
    ("khu", 1),
    ("cụm", 1),
];

/// The two kinds of settlement, as messages name them: villages ("thôn",
/// the official word for all of them) and residential groups ("tổ dân
/// phố").
const SETTLEMENT_KINDS: [(&str, &str); 2] =
    [("thôn", "villages"), ("tổ dân phố", "residential groups")];

/// The kind in [`SETTLEMENT_KINDS`] of a settlement by the word its name
/// opens with, its marks as written ("Bàn Thạch" is a place, not a
/// "bản"); a name written without marks ("Thon 10") by the words without
/// theirs.
fn settlement_kind(name: &str) -> Option<usize> {
    settlement_word(name).map(|(_, kind)| kind)
}

/// The level word a settlement's name opens with, as written in a
/// sentence ("thôn" for "Thôn Bắc Sơn", "tổ dân phố" for "Tổ dân phố số
/// 5"), if any: the word a file name may leave out ("bac son.xlsx").
pub fn settlement_word_of(name: &str) -> Option<&'static str> {
    settlement_word(name).map(|(vi, _)| vi)
}

/// The word of [`SETTLEMENT_WORDS`] a settlement's name opens with
/// ("bản" for "Bản Nà Lừa"), and its kind.
fn settlement_word(name: &str) -> Option<(&'static str, usize)> {
    let plain = name.is_ascii();
    let name = if plain {
        fold(name)
    } else {
        crate::text::clean(name).to_lowercase()
    };
    SETTLEMENT_WORDS
        .iter()
        .find(|(vi, _)| {
            let w = if plain { fold(vi) } else { (*vi).to_string() };
            name == w || name.starts_with(&format!("{w} "))
        })
        .copied()
}

/// "ỦY BAN NHÂN DÂN TỈNH NAM SƠN" → "TỈNH NAM SƠN": the office's name
/// without "Ủy ban nhân dân" (or "UBND").
pub fn strip_office(office: &str) -> String {
    let words: Vec<&str> = office.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let skip = match folded.as_slice() {
        [a, b, c, d, ..] if [a, b, c, d].map(String::as_str) == ["uy", "ban", "nhan", "dan"] => 4,
        [a, ..] if a == "ubnd" => 1,
        _ => 0,
    };
    words.get(skip..).unwrap_or(&[]).join(" ")
}

/// The levels of local government an office's name opens with, after
/// "UBND" ("QUẬN 1", "TỈNH NAM SƠN"), as a sentence writes them.
const LEVELS: [&str; 7] = [
    "thành phố",
    "tỉnh",
    "quận",
    "huyện",
    "thị xã",
    "xã",
    "phường",
];

/// A body's name written in capitals, as a sentence writes it: its
/// first two words capitalised (the kind of body and its field, "Sở Tài
/// chính", "Bộ Công an"), the rest in lower case up to a level of local
/// government, whose place is capitalised ("SỞ TÀI CHÍNH TỈNH HÀ LAM" →
/// "Sở Tài chính tỉnh Hà Lam"). A name with a lower-case letter is kept
/// as written.
fn body_in_sentence(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    // Where the place begins: after the last level word that opens one.
    let mut place_from = words.len();
    for (k, _) in words.iter().enumerate().skip(1) {
        let tail = words[k..].join(" ");
        if LEVELS.iter().any(|l| tail.starts_with(&format!("{l} "))) {
            let level = LEVELS
                .iter()
                .find(|l| tail.starts_with(&format!("{l} ")))
                .map_or(1, |l| l.split_whitespace().count());
            place_from = k + level;
            break;
        }
    }
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (k, w) in words.iter().enumerate() {
        if k < 2.min(place_from) || k >= place_from {
            out.push(title_words(w));
        } else {
            out.push(w.clone());
        }
    }
    out.join(" ")
}

/// Each word with its first letter capitalised: "nam sơn" → "Nam Sơn".
fn title_words(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
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
    #[serde(default)]
    decimals: Option<u8>,
}

/// The most decimals an indicator may declare.
pub const MAX_DECIMALS: u8 = 4;

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
    #[serde(default)]
    size: Option<f64>,
    #[serde(default, alias = "province")]
    parent: String,
    #[serde(default, alias = "former_names")]
    former: String,
    #[serde(default, alias = "not_reported")]
    exempt: String,
}

fn split_aliases(s: &str) -> Vec<String> {
    s.split('|')
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect()
}

/// The records of a CSV file of the template with the line each starts
/// on (counted by the reader, so right whatever the line endings, blank
/// lines or quoted line breaks).
fn read_csv<T: for<'de> Deserialize<'de>>(
    file: &str,
    text: &str,
) -> Result<Vec<(u64, T)>, TemplateError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| csv_error(file, None, &e))?
        .clone();
    let mut out = Vec::new();
    // Lines counted from the last record on, not from the start each time.
    let mut counted = (0u64, 1u64);
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(file, None, &e))?;
        // The reader's own count is off after a CRLF line or a blank
        // one: its position can point at line breaks before the record,
        // which never starts with one.
        let line = record.position().map_or(0, |p| {
            let b = text.as_bytes();
            let mut start = p.byte();
            while matches!(b.get(start as usize), Some(b'\r' | b'\n')) {
                start += 1;
            }
            counted = (start, counted.1 + breaks(text, counted.0, start));
            counted.1
        });
        let row = record
            .deserialize::<T>(Some(&headers))
            .map_err(|e| csv_error(file, Some((line, &headers, &record)), &e))?;
        out.push((line, row));
    }
    Ok(out)
}

/// The line breaks of `text` between byte offsets `from` and `to`,
/// written `\n`, `\r\n` or a lone `\r`.
fn breaks(text: &str, from: u64, to: u64) -> u64 {
    let bytes = text.as_bytes();
    let (from, to) = (
        (from as usize).min(bytes.len()),
        (to as usize).min(bytes.len()),
    );
    (from..to)
        .filter(|&i| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count() as u64
}

/// A CSV reader's error in words: the line, the column by its header and
/// what was expected.
fn csv_error(
    file: &str,
    at: Option<(u64, &csv::StringRecord, &csv::StringRecord)>,
    e: &csv::Error,
) -> TemplateError {
    let line = at
        .map(|(l, ..)| l)
        .or_else(|| e.position().map(|p| p.line()))
        .unwrap_or(0);
    let (column, detail) = match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => {
            let detail = err.kind().to_string();
            // The column by the reader's field, else the one holding the
            // value the detail quotes (`unknown variant `flw``).
            let quoted = detail.split('`').nth(1);
            let column = at.and_then(|(_, headers, record)| {
                err.field()
                    .map(|f| f as usize)
                    .or_else(|| record.iter().position(|v| Some(v) == quoted))
                    .and_then(|f| headers.get(f))
                    .map(str::to_string)
            });
            (column, detail)
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => (
            None,
            format!("this line has {len} fields where the header has {expected_len}"),
        ),
        _ => (None, e.to_string()),
    };
    let (vi, en) = csv_detail(&detail);
    TemplateError::Invalid {
        file: file.to_string(),
        line,
        column,
        vi,
        en,
    }
}

/// A CSV reader's detail in words, Vietnamese and English ("unknown
/// variant `deparment`, expected one of `department`, `ward`, `other`").
fn csv_detail(detail: &str) -> (String, String) {
    if let Some(rest) = detail.strip_prefix("unknown variant ") {
        if let Some((value, expected)) = rest.split_once(", expected ") {
            let value = value.trim_matches('`');
            let expected = expected
                .trim_start_matches("one of ")
                .replace('`', "")
                .replace(" or ", ", ");
            return (
                format!("giá trị «{value}» không hợp lệ; phải là một trong: {expected}"),
                format!("«{value}» is not a valid value; expected one of: {expected}"),
            );
        }
    }
    if let Some(rest) = detail.strip_prefix("this line has ") {
        if let Some((n, m)) = rest.split_once(" fields where the header has ") {
            return (
                format!("dòng này có {n} ô trong khi dòng tiêu đề có {m}"),
                detail.to_string(),
            );
        }
    }
    if detail.contains("float") || detail.contains("digit") {
        return (
            format!("phải là một số ({detail})"),
            format!("a number is expected ({detail})"),
        );
    }
    (format!("không đọc được ({detail})"), detail.to_string())
}

/// A yes/no cell of the registry: yes, y, có, 1, true, x; no, n,
/// không, 0, false or empty. Anything else is `None`.
fn yes_no(s: &str) -> Option<bool> {
    match fold(s).as_str() {
        "yes" | "y" | "co" | "1" | "true" | "x" => Some(true),
        "no" | "n" | "khong" | "0" | "false" | "" => Some(false),
        _ => None,
    }
}

/// Values of template.toml the run depends on that a typo would silently
/// change: `[checks] outlier_scale`.
fn check_settings(settings: &Settings, toml_text: &str) -> Result<(), TemplateError> {
    let Some(toml::Value::Table(checks)) = settings.extra.get("checks") else {
        return Ok(());
    };
    if let Some(v) = checks.get("outlier_scale") {
        let ok = v.as_str().is_some_and(|s| OutlierScale::parse(s).is_some());
        if !ok {
            let line = toml_text
                .lines()
                .position(|l| l.trim_start().starts_with("outlier_scale"))
                .map_or(0, |k| k as u64 + 1);
            return Err(TemplateError::Invalid {
                file: "template.toml".into(),
                line,
                column: None,
                vi: format!("[checks] outlier_scale = {v}: giá trị không hợp lệ; phải là một trong: auto, size, CK, KH, none"),
                en: format!("[checks] outlier_scale = {v} is not a valid value; expected one of: auto, size, CK, KH, none"),
            });
        }
    }
    Ok(())
}

/// What a unit's figure is divided by before it is compared with its
/// peers' (`[checks] outlier_scale`), so that units of different sizes
/// compare like with like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutlierScale {
    /// `Size` when the registry gives units a size, else `Ck`.
    Auto,
    /// The unit's `size` in the registry (its population): figures per
    /// head.
    Size,
    /// The unit's own figure of the same indicator in CK (or KH): figures
    /// as a ratio to the same period of last year (or to the plan).
    Column(crate::model::ValueColumn),
    /// The figures as they are (units of one size).
    None,
}

impl OutlierScale {
    /// The setting's value: auto, size (population, dân số), CK, KH, none
    /// (không); `None` for anything else.
    pub fn parse(s: &str) -> Option<OutlierScale> {
        Some(match fold(s).as_str() {
            "auto" => OutlierScale::Auto,
            "size" | "population" | "dan so" => OutlierScale::Size,
            "ck" => OutlierScale::Column(crate::model::ValueColumn::Ck),
            "kh" => OutlierScale::Column(crate::model::ValueColumn::Kh),
            "none" | "khong" => OutlierScale::None,
            _ => return None,
        })
    }
}

/// Writes the catalog's codes that a formula would otherwise misread
/// (`MT-02`, read `MT − 02`) in brackets, once for every later parse: a
/// formula's words are the catalog's codes first.
/// Whether `unit` is a rate's unit as the template itself writes rates:
/// a percent, per mille or per ten thousand however spelt, or the unit of
/// one of its own indicators declared `rate` that is per something
/// («giường/vạn dân»; not a mean's «ngày», which a count may share).
pub fn rate_unit_of(unit: &str, inds: &[Indicator]) -> bool {
    if crate::number::rate_base(unit).is_some() {
        return true;
    }
    let folded = crate::text::fold(unit);
    unit.contains('/')
        && inds.iter().any(|i| {
            i.kind == Kind::Rate && i.declared.is_none() && crate::text::fold(&i.unit) == folded
        })
}

/// A `flow` or `stock` in a rate's unit (a careless «Tỷ lệ sinh con thứ 3
/// trở lên», %, declared `flow`): the sum of the units' rates means
/// nothing, nor does LK ≥ TH hold for it. It is taken as a rate (with its
/// formula when it has a definition, otherwise its total is left empty),
/// its declared kind kept for the warning.
fn take_rate_units_as_rates(inds: &mut [Indicator]) {
    let misdeclared: Vec<usize> = (0..inds.len())
        .filter(|&i| inds[i].kind != Kind::Rate && rate_unit_of(&inds[i].unit, inds))
        .collect();
    for i in misdeclared {
        inds[i].declared = Some(inds[i].kind);
        inds[i].kind = Kind::Rate;
    }
}

fn bracket_catalog_codes(inds: &mut [Indicator], by_code: &HashMap<String, usize>) {
    let longest = by_code.keys().map(|c| c.chars().count()).max().unwrap_or(0);
    let is_code = |w: &str| by_code.contains_key(w);
    for ind in inds.iter_mut().filter(|i| !i.formula.trim().is_empty()) {
        ind.formula = crate::rules::expr::bracket_codes(&ind.formula, &is_code, longest, false);
    }
}

/// Sets [`Indicator::takes_stock`]: a flow `X == A + B …` (its own
/// relation, `X` alone on the left) with a stock, or a flow already so
/// marked, among the terms on the right.
fn mark_flows_taking_stock(inds: &mut [Indicator], by_code: &HashMap<String, usize>) {
    use crate::rules::expr::{parse, Cmp, Expr, Rule};
    let defined: Vec<Option<Vec<usize>>> = inds
        .iter()
        .map(|ind| {
            if ind.kind != Kind::Flow {
                return None;
            }
            match parse(&ind.formula) {
                Ok(Rule::Relation(Expr::Code(left), Cmp::Eq, right))
                    if by_code.get(&left) == by_code.get(&ind.code) =>
                {
                    Some(
                        right
                            .codes()
                            .into_iter()
                            .filter_map(|c| by_code.get(c).copied())
                            .collect(),
                    )
                }
                _ => None,
            }
        })
        .collect();
    loop {
        let mut changed = false;
        for (i, terms) in defined.iter().enumerate() {
            let Some(terms) = terms else { continue };
            if inds[i].takes_stock {
                continue;
            }
            if terms
                .iter()
                .any(|&j| inds[j].kind == Kind::Stock || inds[j].takes_stock)
            {
                inds[i].takes_stock = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

impl Template {
    /// The template built into the binary (a copy of `templates/`).
    ///
    /// # Errors
    /// Only if the built-in files are broken, which the tests rule out.
    pub fn builtin() -> Result<Template, TemplateError> {
        Self::builtin_with_toml(DEFAULT_TOML)
    }

    /// The built-in catalog, groups and registry with the settings of
    /// another `template.toml`.
    ///
    /// # Errors
    /// When `toml` is not valid template settings.
    pub fn builtin_with_toml(toml: &str) -> Result<Template, TemplateError> {
        Self::from_texts(
            "(built-in)",
            toml,
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
        let settings: Settings = toml::from_str(toml_text).map_err(|e| {
            // The line of the fault: lines before it, plus its own.
            let line = e.span().map_or(0, |s| {
                toml_text.as_bytes()[..s.start.min(toml_text.len())]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count() as u64
                    + 1
            });
            let detail = e.message().to_string();
            let (vi, en) = csv_detail(&detail);
            TemplateError::invalid("template.toml", line, vi, en)
        })?;
        check_settings(&settings, toml_text)?;
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
            let invalid =
                |vi: String, en: String| TemplateError::invalid("indicators.csv", line, vi, en);
            if r.code.is_empty() {
                return Err(invalid(
                    "chỉ tiêu không có mã (cột code)".into(),
                    "an indicator has no code (column code)".into(),
                ));
            }
            if !groups.iter().any(|g| g.code == r.group) {
                return Err(invalid(
                    format!(
                        "chỉ tiêu {} thuộc nhóm «{}», nhưng groups.csv không có nhóm này",
                        r.code, r.group
                    ),
                    format!(
                        "indicator {} names group «{}», which groups.csv does not list",
                        r.code, r.group
                    ),
                ));
            }
            if by_code.insert(r.code.clone(), inds.len()).is_some() {
                return Err(invalid(
                    format!("mã chỉ tiêu {} xuất hiện hai lần", r.code),
                    format!("indicator code {} appears twice", r.code),
                ));
            }
            if r.decimals.is_some_and(|d| d > MAX_DECIMALS) {
                return Err(invalid(
                    format!(
                        "chỉ tiêu {}: số chữ số thập phân (cột decimals) phải từ 0 đến {MAX_DECIMALS}",
                        r.code
                    ),
                    format!(
                        "indicator {}: decimals must be 0 to {MAX_DECIMALS}",
                        r.code
                    ),
                ));
            }
            inds.push(Indicator {
                code: r.code,
                group: r.group,
                name: r.name,
                unit: r.unit,
                kind: r.kind,
                level: r.level,
                reported_by: r.reported_by,
                formula: r.formula.clone(),
                formula_written: r.formula,
                aliases: split_aliases(&r.aliases),
                decimals: r.decimals,
                line,
                takes_stock: false,
                declared: None,
            });
        }
        take_rate_units_as_rates(&mut inds);
        bracket_catalog_codes(&mut inds, &by_code);
        mark_flows_taking_stock(&mut inds, &by_code);
        let mut ags = Vec::new();
        let mut agency_by_code = HashMap::new();
        for (line, r) in read_csv::<AgencyRow>("agencies.csv", agencies)? {
            if agency_by_code.insert(r.code.clone(), ags.len()).is_some() {
                return Err(TemplateError::invalid(
                    "agencies.csv",
                    line,
                    format!("mã đơn vị {} xuất hiện hai lần", r.code),
                    format!("agency code {} appears twice", r.code),
                ));
            }
            let Some(reports) = yes_no(&r.reports) else {
                return Err(TemplateError::Invalid {
                    file: "agencies.csv".into(),
                    line,
                    column: Some("reports".into()),
                    vi: format!("giá trị «{}» không hợp lệ; phải là yes hoặc no (có hoặc không; để trống là no)", r.reports),
                    en: format!("«{}» is not a valid value; expected yes or no (có or không; empty means no)", r.reports),
                });
            };
            let mut exempt = Vec::new();
            for code in split_aliases(&r.exempt) {
                let of_group: Vec<usize> = inds
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| i.group == code)
                    .map(|(k, _)| k)
                    .collect();
                match by_code.get(&code) {
                    Some(&i) => exempt.push(i),
                    None if !of_group.is_empty() => exempt.extend(of_group),
                    None => {
                        return Err(TemplateError::Invalid {
                            file: "agencies.csv".into(),
                            line,
                            column: Some("exempt".into()),
                            vi: format!("«{code}» không phải mã chỉ tiêu hay mã nhóm nào của danh mục"),
                            en: format!("«{code}» is neither an indicator code nor a group code of the catalog"),
                        });
                    }
                }
            }
            ags.push(Agency {
                code: r.code,
                kind: r.kind,
                name: r.name,
                aliases: split_aliases(&r.aliases),
                reports,
                size: r.size.filter(|s| s.is_finite() && *s > 0.0),
                parent: r.parent,
                former: split_aliases(&r.former),
                exempt,
                qualifier: None,
            });
        }
        qualify_namesakes(&mut ags);
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

    /// True when the indicator counts things in whole units (people,
    /// files, cases): indicators.csv declares it with `decimals` 0, and it
    /// is neither money nor a rate. Its whole figures are exact, not
    /// rounded: sums and totals of them must match to the unit.
    pub fn counted_exactly(&self, indicator: usize) -> bool {
        self.indicators.get(indicator).is_some_and(|i| {
            i.decimals == Some(0)
                && i.kind != Kind::Rate
                && crate::number::money_factor(&i.unit).is_none()
        })
    }

    /// Whether a report of `unit` with no figure adds nothing it owed: a
    /// blank form of a unit that must report some indicator (a unit that
    /// reports none, a department sending tasks only, owes no figure).
    pub fn blank_report(&self, unit: Option<usize>, figures: usize) -> bool {
        figures == 0
            && unit.is_some_and(|u| (0..self.indicators.len()).any(|i| self.must_report(u, i)))
    }

    /// How many kinds of unit [`Template::unit_kind`] tells apart.
    pub const UNIT_KINDS: usize = AREA_WORDS.len() + SETTLEMENT_KINDS.len() + 1;

    /// The kind of a unit by the word its name opens with: a level of
    /// local government ("Xã Tân Phú", "Phường 5", "Đặc khu Hòn Ngọc"),
    /// 1 + its place among the level words; else a settlement within a
    /// commune, a village ("Thôn 10", "Ấp Tân Hòa A", "Bản Nà Hang") or a
    /// residential group ("Tổ dân phố số 3", "Khu phố 2"), after them; 0
    /// when the name opens with neither. Communes and wards differ in
    /// kind, and so do a commune's villages and its town's residential
    /// groups, so outliers compare each with its own kind.
    pub fn unit_kind(&self, agency: usize) -> usize {
        let Some(a) = self.agencies.get(agency) else {
            return 0;
        };
        if let Some(k) = level_word(&a.name, false)
            .and_then(|(vi, _, _)| AREA_WORDS.iter().position(|(w, _, _)| *w == vi))
        {
            return k + 1;
        }
        settlement_kind(&a.name).map_or(0, |k| AREA_WORDS.len() + 1 + k)
    }

    /// How messages name the units of one kind (see [`Self::unit_kind`]):
    /// `words` with its units' words replaced by the kind's ("phường" /
    /// "wards", "thôn" / "villages"); `words` as they are for kind 0 (no
    /// such word).
    pub fn kind_words(&self, kind: usize, words: &LevelWords) -> LevelWords {
        let word = kind.checked_sub(1).and_then(|k| {
            AREA_WORDS.get(k).copied().or_else(|| {
                SETTLEMENT_KINDS
                    .get(k - AREA_WORDS.len())
                    .map(|&(vi, plural)| (vi, "", plural))
            })
        });
        match word {
            Some((vi, _, plural)) => LevelWords {
                units_vi: (*vi).to_string(),
                units_en: (*plural).to_string(),
                ..words.clone()
            },
            None => words.clone(),
        }
    }

    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.by_code.get(code).map(|&i| &self.indicators[i])
    }

    /// How messages name the area and its units: the area from `area` (or
    /// the last word of `office`: "ỦY BAN NHÂN DÂN TỈNH" is a province),
    /// the units from the names of the registry's wards and communes
    /// ("Phường 5", "Xã Tân Phú", "Đặc khu Côn Đảo"), most frequent first.
    pub fn level_words(&self) -> LevelWords {
        let (area_vi, area_en) = match &self.settings.area {
            Some(a) if !a.trim().is_empty() => {
                let en = level_word(a, true).map_or("area", |(_, en, _)| en);
                (a.trim().to_lowercase(), en.to_string())
            }
            _ => match level_word(&self.settings.office, true) {
                Some((vi, en, _)) => (vi.to_string(), en.to_string()),
                None => ("địa bàn".to_string(), "area".to_string()),
            },
        };
        let mut kinds: Vec<((&str, &str), usize)> = Vec::new();
        for a in self.agencies.iter().filter(|a| a.kind == AgencyKind::Ward) {
            if let Some((vi, _, plural)) = level_word(&a.name, false) {
                match kinds.iter_mut().find(|(k, _)| k.0 == vi) {
                    Some((_, n)) => *n += 1,
                    None => kinds.push(((vi, plural), 1)),
                }
            }
        }
        kinds.sort_by_key(|k| std::cmp::Reverse(k.1));
        let (units_vi, units_en) = if kinds.is_empty() {
            ("đơn vị".to_string(), "units".to_string())
        } else {
            let vi: Vec<&str> = kinds.iter().map(|((v, _), _)| *v).collect();
            let en: Vec<&str> = kinds.iter().map(|((_, e), _)| *e).collect();
            let en = match en.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                _ => en.join(""),
            };
            (vi.join(", "), en)
        };
        LevelWords {
            area_vi,
            area_en,
            units_vi,
            units_en,
        }
    }

    /// What one unit of kind `ward` is called in English, by the word
    /// its name opens with: "ward" (Phường 5), "commune", "village",
    /// "residential group"; "unit" when its name says none.
    pub fn unit_word_en(&self, unit: usize) -> &'static str {
        let Some(a) = self.agencies.get(unit) else {
            return "unit";
        };
        if let Some((_, en, _)) = level_word(&a.name, false) {
            return en;
        }
        match settlement_word(&a.name) {
            Some((_, 0)) => "village",
            Some(_) => "residential group",
            None => "unit",
        }
    }

    /// How a count of the registry's units of kind `ward` and of its
    /// other units is worded ("16 phường, 17 cơ quan, đơn vị"; "14 thôn,
    /// tổ dân phố và 4 cơ quan"): [`Self::level_words`], whose units are
    /// here the registry's villages and residential groups ("thôn, tổ dân
    /// phố") when none is a commune or ward, then the other units' word:
    /// "cơ quan, đơn vị", or "cơ quan" beside units that are plain "đơn
    /// vị" (never "đơn vị, 4 cơ quan, đơn vị"), and the joint between
    /// the two: "và" after a list of kinds.
    pub fn count_words(&self) -> CountWords {
        let mut words = self.level_words();
        // Units of kind `ward` whose names open with no level word (a
        // provincial hospital beside the communes): "15/15 xã, phường"
        // would misname three of them; the count names them all "đơn vị".
        if words.units_vi != "đơn vị"
            && self
                .agencies
                .iter()
                .any(|a| a.kind == AgencyKind::Ward && level_word(&a.name, false).is_none())
        {
            words.units_vi = "đơn vị".to_string();
            words.units_en = "units".to_string();
        }
        if words.units_vi == "đơn vị" {
            // The words the registry's names open with, the commonest
            // first ("thôn, bản" for Thôn … and Bản …): a count of "9
            // thôn" where two are "Bản" misnames them.
            let mut named: Vec<(&str, usize, usize)> = Vec::new();
            let mut all = true;
            for a in self.agencies.iter().filter(|a| a.kind == AgencyKind::Ward) {
                match settlement_word(&a.name) {
                    Some((w, k)) => match named.iter_mut().find(|(ww, ..)| *ww == w) {
                        Some((_, _, n)) => *n += 1,
                        None => named.push((w, k, 1)),
                    },
                    None => all = false,
                }
            }
            named.sort_by_key(|k| std::cmp::Reverse(k.2));
            let mut kinds: Vec<usize> = named.iter().map(|k| k.1).collect();
            kinds.sort_unstable();
            kinds.dedup();
            if all && !named.is_empty() {
                words.units_vi = named.iter().map(|k| k.0).collect::<Vec<_>>().join(", ");
                words.units_en = kinds
                    .iter()
                    .filter_map(|&k| SETTLEMENT_KINDS.get(k).map(|k| k.1))
                    .collect::<Vec<_>>()
                    .join(" and ");
            }
        }
        let others_vi = if words.units_vi == "đơn vị" {
            "cơ quan"
        } else {
            "cơ quan, đơn vị"
        };
        let joint_vi = if words.units_vi.contains(',') {
            " và "
        } else {
            ", "
        };
        CountWords {
            units_vi: words.units_vi,
            units_en: words.units_en,
            others_vi,
            joint_vi,
        }
    }

    /// The first line of a department's letterhead: "UBND TỈNH NAM SƠN",
    /// "UBND QUẬN" for a People's Committee; the office as it is written
    /// for any other ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH LÂM GIANG").
    pub fn office_letterhead(&self) -> String {
        let office = self.settings.office.trim();
        let rest = strip_office(office);
        if rest.len() == office.len() && !office.is_empty() {
            // Not a People's Committee: the office names itself.
            return office.to_uppercase();
        }
        if rest.is_empty() {
            "UBND".to_string()
        } else {
            format!("UBND {}", rest.to_uppercase())
        }
    }

    /// The office as a sentence names it: "UBND quận" for "ỦY BAN NHÂN
    /// DÂN QUẬN", "UBND tỉnh Nam Sơn" for "… TỈNH NAM SƠN" (the level in
    /// lower case, the place's name capitalised, as a clerk writes them
    /// mid-sentence; the letterhead's capitals beside "UBND Phường 5" read
    /// as a shout); any other office as the template writes it.
    pub fn office_in_sentence(&self) -> String {
        let office = self.settings.office.trim();
        let rest = strip_office(office);
        if rest.len() == office.len() && !office.is_empty() {
            return body_in_sentence(office);
        }
        let lower = rest.to_lowercase();
        let level = LEVELS
            .iter()
            .find(|l| lower == **l || lower.starts_with(&format!("{l} ")));
        let (level, place) = match level {
            Some(l) => (Some(*l), lower.get(l.len()..).unwrap_or_default().trim()),
            None => (None, lower.trim()),
        };
        let place = title_words(place);
        ["UBND", level.unwrap_or_default(), place.as_str()]
            .into_iter()
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether `text` (a title's line) names the consolidating office
    /// itself ("UBND XÃ TÂN THỊNH" for "ỦY BAN NHÂN DÂN XÃ TÂN THỊNH"): the
    /// body the units report to, so no sender. Compared without "Ủy ban
    /// nhân dân" / "UBND", accents, case or spacing.
    /// Whether `text` is a letterhead of the shape the registry's
    /// communes or wards head their documents with ("UBND PHƯỜNG 17",
    /// "ỦY BAN NHÂN DÂN XÃ …": a People's Committee, then the level word
    /// of a registered ward or commune, then a name), whichever unit it
    /// names. Never the office's own ([`Self::names_office`]).
    pub fn letterhead_of_ward_kind(&self, text: &str) -> bool {
        let rest = strip_office(text);
        if fold(&rest) == fold(text) || self.names_office(text) {
            return false;
        }
        let f = fold(&rest);
        self.agencies
            .iter()
            .filter(|a| a.kind == AgencyKind::Ward)
            .filter_map(|a| level_word(&a.name, false))
            .any(|(vi, _, _)| {
                f.strip_prefix(&fold(vi))
                    .is_some_and(|n| n.starts_with(' ') && !n.trim().is_empty())
            })
    }

    pub fn names_office(&self, text: &str) -> bool {
        let bare = |t: &str| {
            fold(&strip_office(t))
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let office = bare(&self.settings.office);
        !office.is_empty() && bare(text) == office
    }

    /// Where a department dates its report: the office's place name
    /// ("Nam Sơn" for "… TỈNH NAM SƠN"), else its level ("Quận").
    pub fn office_place(&self) -> String {
        let lower = strip_office(&self.settings.office).to_lowercase();
        let mut place = lower.trim();
        for level in LEVELS {
            if let Some(rest) = place.strip_prefix(level) {
                if rest.starts_with(' ') {
                    place = rest.trim();
                    break;
                }
            }
        }
        let place = if place.is_empty() {
            lower.trim()
        } else {
            place
        };
        let titled = title_words(place);
        if titled.is_empty() {
            "UBND".to_string()
        } else {
            titled
        }
    }

    /// The letterhead of a unit's own documents, a line each: "UBND
    /// PHƯỜNG 5", "UBND XÃ TÂN PHÚ", "UBND ĐẶC KHU HÒN NGỌC" for a unit
    /// whose name opens with a level of local government; the name alone
    /// for anything else ("THÔN 3"); for a department, the name under its
    /// superior body's line ([`Self::superior_of`]) when it has one
    /// ("UBND QUẬN" over "PHÒNG TÀI CHÍNH - KẾ HOẠCH").
    pub fn letterhead(&self, agency: usize) -> Vec<String> {
        let Some(a) = self.agencies.get(agency) else {
            return Vec::new();
        };
        let name = a.name.to_uppercase();
        match a.kind {
            AgencyKind::Ward if level_word(&a.name, false).is_some() => {
                vec![format!("UBND {name}")]
            }
            AgencyKind::Ward => vec![name],
            AgencyKind::Department | AgencyKind::Other => match self.superior_of(agency) {
                Some(line) => vec![line, name],
                None => vec![name],
            },
        }
    }

    /// The line a department's letterhead names its superior body with:
    /// the registry's `parent` when it gives one; the office's People's
    /// Committee when the office is one ("UBND QUẬN": its departments
    /// work under it); for an office that is a body of its own (a Sở
    /// tỉnh, whose departments are its peers, not its subordinates), the
    /// People's Committee the registry lists for the office's place
    /// ("UBND tỉnh Hà Lam" for "SỞ TÀI CHÍNH TỈNH HÀ LAM"), else none.
    pub fn superior_of(&self, agency: usize) -> Option<String> {
        let a = self.agencies.get(agency)?;
        if !a.parent.trim().is_empty() {
            return Some(a.parent.trim().to_uppercase());
        }
        let office = self.settings.office.trim();
        if office.is_empty() {
            return None;
        }
        if strip_office(office).len() != office.len() {
            return Some(self.office_letterhead());
        }
        let folded = fold(office);
        self.agencies
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != agency)
            // A People's Committee: a name "Ủy ban nhân dân" or "UBND"
            // opens, then its level and place.
            .map(|(_, b)| {
                let whole = b.name.split_whitespace().collect::<Vec<_>>().join(" ");
                (strip_office(&b.name), whole.len())
            })
            .find(|(rest, whole)| {
                let place = fold(rest);
                rest.len() != *whole
                    && place.split_whitespace().count() > 1
                    && folded.ends_with(&format!(" {place}"))
            })
            .map(|(rest, _)| format!("UBND {}", rest.to_uppercase()))
    }

    /// A letterhead of the registry's units with the name left out, as
    /// an example of how to title a form ("UBND PHƯỜNG …", "UBND TỈNH …",
    /// "THÔN …"): a unit's own name would read as the sender the file
    /// should have named. Empty for an empty registry.
    pub fn letterhead_unnamed(&self) -> String {
        let Some(a) = self
            .agencies
            .iter()
            .find(|a| a.kind == AgencyKind::Ward)
            .or(self.agencies.first())
        else {
            return String::new();
        };
        let words: Vec<&str> = a.name.split_whitespace().collect();
        match level_word(&a.name, false) {
            Some((vi, _, _)) if a.kind == AgencyKind::Ward => {
                let kind = words
                    .iter()
                    .take(vi.split_whitespace().count())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                format!("UBND {} …", kind.to_uppercase())
            }
            _ if a.kind == AgencyKind::Ward && words.len() > 1 => {
                format!(
                    "{} …",
                    words.first().copied().unwrap_or_default().to_uppercase()
                )
            }
            _ => "…".to_string(),
        }
    }

    /// The level of local government a unit's name opens with ("phường",
    /// "xã", "đặc khu", "thị trấn"), if any, in both languages.
    pub fn unit_level(&self, agency: usize) -> Option<(&'static str, &'static str)> {
        let a = self.agencies.get(agency)?;
        if a.kind != AgencyKind::Ward {
            return None;
        }
        level_word(&a.name, false).map(|(vi, en, _)| (vi, en))
    }

    /// The title of a unit's form, before the period: the template's
    /// `form_title`, else its `title` with "TỔNG HỢP" made "BIỂU"
    /// ("TỔNG HỢP SỐ LIỆU …" → "BIỂU SỐ LIỆU …"), else "BIỂU SỐ LIỆU".
    pub fn form_title(&self) -> String {
        if let Some(t) = self
            .settings
            .form_title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
        {
            return t.trim().to_string();
        }
        let title = self.settings.title.trim();
        match title.strip_prefix("TỔNG HỢP ") {
            Some(rest) => format!("BIỂU {rest}"),
            None if title.is_empty() => "BIỂU SỐ LIỆU".to_string(),
            None => title.to_string(),
        }
    }

    /// Whether `unit`'s figure of `indicator` enters the consolidated
    /// total: a ward's of a ward-level or `both` indicator, the responsible
    /// department's of a district-level one; never a rate's (recomputed).
    pub fn counts_towards_total(&self, unit: usize, indicator: usize) -> bool {
        let (Some(a), Some(ind)) = (self.agencies.get(unit), self.indicators.get(indicator)) else {
            return false;
        };
        if ind.kind == Kind::Rate {
            return false;
        }
        match ind.level {
            Level::Ward | Level::Both => a.kind == AgencyKind::Ward,
            Level::District => a.code == ind.reported_by,
        }
    }

    /// Must agency `agency` report indicator `indicator` (both indices)?
    /// A ward reports every ward-level and `both` indicator; a department
    /// the district figure of its own district-level and `both` ones
    /// (ward-level ones come from the wards alone); neither what the
    /// registry exempts it from.
    pub fn must_report(&self, agency: usize, indicator: usize) -> bool {
        let (Some(a), Some(ind)) = (self.agencies.get(agency), self.indicators.get(indicator))
        else {
            return false;
        };
        if a.exempt.contains(&indicator) {
            return false;
        }
        match a.kind {
            AgencyKind::Ward => matches!(ind.level, Level::Ward | Level::Both),
            _ => ind.reported_by == a.code && matches!(ind.level, Level::District | Level::Both),
        }
    }

    /// The indicators the relation of indicator `i` names (its total
    /// first), or `i` alone when its formula is no relation.
    pub fn relation_indicators(&self, i: usize) -> Vec<usize> {
        match self.indicators.get(i) {
            Some(ind) => self.named_by(&ind.formula, i).unwrap_or_else(|| vec![i]),
            None => vec![i],
        }
    }

    /// The indicators the relation of indicator `i` subtracts (`C` of
    /// `D == B - C`): a balance is no part of the spending taken from it.
    pub fn relation_subtracts(&self, i: usize) -> Vec<usize> {
        use crate::rules::expr::{parse, Rule};
        let Some(Ok(Rule::Relation(left, _, right))) =
            self.indicators.get(i).map(|ind| parse(&ind.formula))
        else {
            return Vec::new();
        };
        left.subtracted()
            .into_iter()
            .chain(right.subtracted())
            .filter_map(|code| self.indicator_index(code))
            .collect()
    }

    /// The indicators relation `rule` names, `i` first; `None` when `rule`
    /// is no relation.
    fn named_by(&self, rule: &str, i: usize) -> Option<Vec<usize>> {
        use crate::rules::expr::{parse, Rule};
        let Ok(Rule::Relation(left, _, right)) = parse(rule) else {
            return None;
        };
        let mut out = vec![i];
        for code in left.codes().into_iter().chain(right.codes()) {
            if let Some(j) = self.indicator_index(code) {
                if !out.contains(&j) {
                    out.push(j);
                }
            }
        }
        Some(out)
    }

    /// The indicators a broken relation names: those of `rule` as a
    /// finding states it (`expected`: "HC02 <= HC01", "TT.02 <= TT.01"),
    /// `i` (the finding's indicator) first; else the relation of `i`'s
    /// own formula ([`relation_indicators`](Self::relation_indicators)).
    /// A rule written on another indicator's row than the finding's
    /// names its own operands, not the operands of the finding's row.
    pub fn rule_indicators(&self, rule: &str, i: usize) -> Vec<usize> {
        match self.named_by(rule, i) {
            Some(named) if named.len() > 1 => named,
            _ => self.relation_indicators(i),
        }
    }

    /// Position of an indicator in catalog order.
    pub fn indicator_index(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    pub fn agency(&self, code: &str) -> Option<&Agency> {
        self.agency_by_code.get(code).map(|&i| &self.agencies[i])
    }

    /// Whether `units` (two or more) all bear one name in the registry
    /// (Xã Tân Phú of several provinces), whatever their case or placing
    /// of tones.
    pub fn namesakes(&self, units: &[usize]) -> bool {
        let names: Vec<Vec<String>> = units
            .iter()
            .filter_map(|&u| self.agencies.get(u))
            .map(|a| crate::text::tone_words(&a.name))
            .collect();
        names.len() > 1 && names.windows(2).all(|w| w[0] == w[1])
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

    /// Tester EB: «Tổng hợp từ 15/15 xã, phường» where 3 of the 15 are
    /// hospitals (kind `ward`, names with no level word): the count names
    /// them all «đơn vị». Near miss: communes and wards alone keep «xã,
    /// phường».
    #[test]
    fn a_count_of_communes_beside_hospitals_names_them_units() {
        use crate::samples::batch;
        let with = |extra: &str| {
            let agencies = format!(
                "code,kind,name,aliases,reports\nX01,ward,Xã Tân Phú,,yes\n\
                 X02,ward,Phường Bắc Hà,,yes\n{extra}VP,department,Văn phòng,,yes\n"
            );
            Template::from_texts(
                "t",
                batch::BUILTIN_TOML,
                batch::BUILTIN_INDICATORS,
                batch::BUILTIN_GROUPS,
                &agencies,
            )
            .unwrap()
            .count_words()
        };
        let plain = with("");
        assert_eq!(plain.units_vi, "xã, phường");
        let mixed = with("BV01,ward,Bệnh viện Đa khoa tỉnh,,yes\n");
        assert_eq!(
            (mixed.units_vi.as_str(), mixed.others_vi),
            ("đơn vị", "cơ quan")
        );
    }

    /// The level word a name opens or ends with, found against the words
    /// folded once, is the one a search with the words folded anew finds.
    #[test]
    fn a_names_level_word_is_found_with_the_words_folded_once() {
        let anew = |name: &str, at_end: bool| {
            let f = fold(name);
            AREA_WORDS.iter().copied().find(|(vi, _, _)| {
                let w = fold(vi);
                if at_end {
                    f == w || f.ends_with(&format!(" {w}"))
                } else {
                    f == w || f.starts_with(&format!("{w} "))
                }
            })
        };
        for name in [
            "Phường 5",
            "PHƯỜNG",
            "Xã Tân Phú",
            "Thị xã Sơn Tây",
            "Thị trấn Đông Anh",
            "ỦY BAN NHÂN DÂN QUẬN",
            "UBND tỉnh",
            "Phườngx 5",
            "Tân Phú",
            "",
            " xã",
            "Đặc khu Côn Đảo",
            "Quận 1",
            "huyện",
        ] {
            for at_end in [false, true] {
                assert_eq!(
                    level_word(name, at_end),
                    anew(name, at_end),
                    "{name:?} {at_end}"
                );
            }
        }
        assert_eq!(level_word("Phường 5", false).map(|w| w.1), Some("ward"));
        assert_eq!(
            level_word("ỦY BAN NHÂN DÂN QUẬN", true).map(|w| w.1),
            Some("district")
        );
    }

    #[test]
    fn csv_records_know_their_lines_whatever_the_line_endings() {
        for text in [
            "group,name\nA,a\n\nB,b\nC,c\n",
            "group,name\r\nA,a\r\n\r\nB,b\r\nC,c\r\n",
            "group,name\rA,a\r\rB,b\rC,c\r",
        ] {
            let lines: Vec<u64> = read_csv::<GroupRow>("groups.csv", text)
                .unwrap()
                .into_iter()
                .map(|(l, _)| l)
                .collect();
            assert_eq!(lines, [2, 4, 5], "{text:?}");
        }
    }

    /// A tester's Sở Tài chính (CW) printed «SỞ TÀI CHÍNH TỈNH HÀ LAM»
    /// over «THUẾ TỈNH HÀ LAM» on every department's form, as if the Sở
    /// were the superior of the tax office, the Sở Y tế, the police. A
    /// department's superior line is now its `parent`, or the office when
    /// it is a People's Committee, or the People's Committee the registry
    /// lists for the office's place, else none. Near miss: a district's
    /// departments keep "UBND QUẬN" over their names; a ward keeps its own.
    #[test]
    fn a_department_is_headed_by_its_superior_not_by_a_peer_office() {
        let mut t = Template::builtin().unwrap();
        let dept = t
            .agencies
            .iter()
            .position(|a| a.kind == AgencyKind::Department)
            .unwrap();
        let ward = t
            .agencies
            .iter()
            .position(|a| a.kind == AgencyKind::Ward)
            .unwrap();
        let name = t.agencies[dept].name.to_uppercase();
        assert_eq!(t.letterhead(dept), ["UBND QUẬN".to_string(), name.clone()]);
        assert_eq!(t.letterhead(ward).len(), 1);
        t.settings.office = "SỞ TÀI CHÍNH TỈNH HÀ LAM".into();
        assert_eq!(t.letterhead(dept), std::slice::from_ref(&name));
        assert_eq!(t.letterhead(ward).len(), 1);
        // The registry lists the province's People's Committee.
        let mut committee = t.agencies[dept].clone();
        committee.kind = AgencyKind::Other;
        committee.name = "UBND tỉnh Hà Lam".into();
        t.agencies.push(committee);
        assert_eq!(
            t.letterhead(dept),
            ["UBND TỈNH HÀ LAM".to_string(), name.clone()]
        );
        // Not another province's.
        t.settings.office = "SỞ TÀI CHÍNH TỈNH LÂM GIANG".into();
        assert_eq!(t.letterhead(dept), std::slice::from_ref(&name));
        // The registry's parent first.
        t.agencies[dept].parent = "Bộ Công an".into();
        assert_eq!(t.letterhead(dept), ["BỘ CÔNG AN".to_string(), name]);
    }

    /// The instructions said "Biểu này do UBND QUẬN tạo riêng cho UBND
    /// Phường 5": the letterhead's capitals mid-sentence.
    #[test]
    fn a_sentence_names_the_office_in_lower_case_with_its_place_capitalised() {
        let mut t = Template::builtin().unwrap();
        assert_eq!(t.office_in_sentence(), "UBND quận");
        assert_eq!(t.office_letterhead(), "UBND QUẬN");
        for (office, said) in [
            ("ỦY BAN NHÂN DÂN TỈNH NAM SƠN", "UBND tỉnh Nam Sơn"),
            ("UBND THÀNH PHỐ THỦ ĐỨC", "UBND thành phố Thủ Đức"),
            ("UBND QUẬN 1", "UBND quận 1"),
            ("ỦY BAN NHÂN DÂN", "UBND"),
            ("Sở Y tế", "Sở Y tế"),
            ("SỞ TÀI CHÍNH TỈNH HÀ LAM", "Sở Tài chính tỉnh Hà Lam"),
            ("SỞ Y TẾ", "Sở Y tế"),
            ("CỤC THỐNG KÊ", "Cục Thống kê"),
            (
                "SỞ NỘI VỤ THÀNH PHỐ HẢI PHÒNG",
                "Sở Nội vụ thành phố Hải Phòng",
            ),
        ] {
            t.settings.office = office.to_string();
            assert_eq!(t.office_in_sentence(), said, "{office}");
        }
    }

    #[test]
    fn level_words_come_from_the_template_and_its_registry() {
        let t = Template::builtin().unwrap();
        let w = t.level_words();
        assert_eq!(
            (
                w.area_vi.as_str(),
                w.area_en.as_str(),
                w.units_vi.as_str(),
                w.units_en.as_str()
            ),
            ("quận", "district", "phường", "wards")
        );
        // A province collecting from communes and wards.
        let agencies = "code,kind,name,aliases,reports\n\
            X01,ward,Xã Tân Phú,,yes\nX02,ward,Xã An Phú,,yes\nP01,ward,Phường 1,,yes\n\
            DK,ward,Đặc khu Côn Đảo,,yes\nSTC,department,Sở Tài chính,,yes\n";
        let toml = crate::template::DEFAULT_TOML.replace(
            "office = \"ỦY BAN NHÂN DÂN QUẬN\"",
            "office = \"ỦY BAN NHÂN DÂN TỈNH\"",
        );
        let t = Template::from_texts(
            "t",
            &toml,
            "code,group,name,unit,kind,level,reported_by,formula,aliases\n",
            "group,name\n",
            agencies,
        );
        let t = t.unwrap();
        let w = t.level_words();
        assert_eq!(w.whole(crate::diagnostic::Lang::Vi), "toàn tỉnh");
        assert_eq!(w.whole(crate::diagnostic::Lang::En), "the province");
        assert_eq!(w.units_vi, "xã, phường, đặc khu");
        assert_eq!(w.units_en, "communes, wards and special zones");
        // An explicit area wins.
        let toml = toml.replace(
            "office = \"ỦY BAN NHÂN DÂN TỈNH\"",
            "office = \"ỦY BAN NHÂN DÂN TỈNH\"\narea = \"thành phố\"",
        );
        let t = Template::from_texts(
            "t",
            &toml,
            "code,group,name,unit,kind,level,reported_by,formula,aliases\n",
            "group,name\n",
            agencies,
        )
        .unwrap();
        assert_eq!(
            t.level_words().whole(crate::diagnostic::Lang::En),
            "the city"
        );
    }

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

    /// A name the registry repeats is shown with its parent, with its code
    /// too when the parent repeats it as well, with its code alone when
    /// the registry has no parent column; a name it has once, as it is
    /// ("Xã Tân Phù" differs from "Xã Tân Phú" by a tone, "Hoà" is "Hòa").
    #[test]
    fn namesakes_are_shown_with_their_parent_or_code() {
        use crate::samples::batch;
        let load = |agencies: &str| {
            Template::from_texts(
                "t",
                batch::BUILTIN_TOML,
                batch::BUILTIN_INDICATORS,
                batch::BUILTIN_GROUPS,
                agencies,
            )
            .unwrap()
        };
        let shown = |t: &Template| -> Vec<String> {
            t.agencies.iter().map(|a| a.shown().into_owned()).collect()
        };
        let t = load(
            "code,kind,name,aliases,reports,size,province
             08001,ward,Xã Tân Phú,,yes,,Tuyên Quang
             08002,ward,Xã Tân Phú,,yes,,Tuyên Quang
             75001,ward,Xã Tân Phú,,yes,,Đồng Nai
             75002,ward,Xã Tân Phù,,yes,,Đồng Nai
             75003,ward,Xã Hoà Lợi,,yes,,Đồng Nai
             80001,ward,Xã Hòa Lợi,,yes,,Tây Ninh
",
        );
        assert_eq!(
            shown(&t),
            [
                "Xã Tân Phú (Tuyên Quang, 08001)",
                "Xã Tân Phú (Tuyên Quang, 08002)",
                "Xã Tân Phú (Đồng Nai)",
                "Xã Tân Phù",
                "Xã Hoà Lợi (Đồng Nai)",
                "Xã Hòa Lợi (Tây Ninh)",
            ]
        );
        assert_eq!(t.agencies[0].parent, "Tuyên Quang");
        let t = load(
            "code,kind,name,aliases,reports
             08001,ward,Xã Tân Phú,,yes
             75001,ward,Xã Tân Phú,,yes
             75002,ward,Xã Tân Phù,,yes
",
        );
        assert_eq!(
            shown(&t),
            ["Xã Tân Phú (08001)", "Xã Tân Phú (75001)", "Xã Tân Phù"]
        );
        assert!(t.namesakes(&[0, 1]) && !t.namesakes(&[1, 2]) && !t.namesakes(&[0]));
    }

    /// The second template shipped, a province after the 2025 reform: its
    /// own dotted codes, communes, wards and a special zone with their
    /// populations, %CK as a ratio, and an annex table of its own.
    #[test]
    fn the_shipped_province_template_loads_with_its_own_shape() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/province");
        let t = Template::load(&dir).unwrap();
        assert_eq!((t.indicators.len(), t.groups.len()), (36, 7));
        let wards: Vec<&Agency> = t
            .agencies
            .iter()
            .filter(|a| a.kind == AgencyKind::Ward)
            .collect();
        let named = |w: &str| wards.iter().filter(|a| a.name.starts_with(w)).count();
        assert_eq!(
            (
                wards.len(),
                named("Xã "),
                named("Phường "),
                named("Đặc khu ")
            ),
            (40, 26, 13, 1)
        );
        assert!(wards.iter().all(|a| a.reports && a.size.is_some()));
        let sizes: Vec<f64> = wards.iter().filter_map(|a| a.size).collect();
        let (lo, hi) = sizes
            .iter()
            .fold((f64::MAX, 0.0f64), |(l, h), &s| (l.min(s), h.max(s)));
        assert!(hi / lo > 10.0, "{lo} … {hi}");
        let departments = t
            .agencies
            .iter()
            .filter(|a| a.kind == AgencyKind::Department && a.reports)
            .count();
        assert_eq!(departments, 8);
        assert!(t
            .agency("X01")
            .unwrap()
            .aliases
            .contains(&"UBND xã Tân Phú".to_string()));
        assert_eq!(t.settings.ck_convention, CkConvention::Ratio);
        let w = t.level_words();
        assert_eq!(w.whole(crate::diagnostic::Lang::Vi), "toàn tỉnh");
        assert_eq!(w.units_vi, "xã, phường, đặc khu");
        // Every formula parses, over codes with dots and in brackets.
        let (_, invalid) =
            crate::reconcile::relations::relations_of(&t, crate::diagnostic::Lang::En);
        assert!(invalid.is_empty(), "{invalid:?}");
        assert_eq!(t.indicator("5.3").unwrap().formula, "[5.2] / [5.1] * 100");
        for (kind, level) in [
            (Kind::Flow, Level::Both),
            (Kind::Stock, Level::Ward),
            (Kind::Rate, Level::Both),
            (Kind::Flow, Level::District),
        ] {
            assert!(t
                .indicators
                .iter()
                .any(|i| i.kind == kind && i.level == level));
        }
        // Codes that folding would merge are two indicators.
        assert!(t.indicator("AN.01.1").is_some() && t.indicator("AN.11").is_some());
        // Its annex table loads.
        crate::annex::settings::AnnexSettings::from_template(&t).unwrap();
    }

    /// A flow that is an opening level plus a flow takes in a stock, and
    /// so does a flow summed from it; other flows, and a flow merely
    /// bounded by a stock, do not.
    #[test]
    fn a_flow_summed_from_a_stock_is_known() {
        let csv = "code,group,name,unit,kind,level,reported_by,formula
A,KT,Tồn đầu kỳ,đơn,stock,ward,,
B,KT,Nhận trong kỳ,đơn,flow,ward,,B <= C
C,KT,Phải giải quyết,đơn,flow,ward,,C == A + B
D,KT,Tổng phải xử lý,đơn,flow,ward,,D == C + E
E,KT,Chuyển đến,đơn,flow,ward,,
F,KT,Đã nhận cộng,đơn,flow,ward,,F == B + E
";
        let t =
            Template::from_texts("t", DEFAULT_TOML, csv, DEFAULT_GROUPS, DEFAULT_AGENCIES).unwrap();
        let taking: Vec<&str> = t
            .indicators
            .iter()
            .filter(|i| i.takes_stock)
            .map(|i| i.code.as_str())
            .collect();
        assert_eq!(taking, ["C", "D"]);
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

    /// A registry's `exempt` column: the indicators (by code, or by
    /// group) a unit need not report. A code the catalog lacks is refused
    /// with its line.
    #[test]
    fn a_unit_need_not_report_what_it_is_exempt_from() {
        let agencies = |exempt: &str| {
            format!(
                "code,kind,name,aliases,reports,exempt\n\
                 P01,ward,Phường 1,,yes,{exempt}\nP02,ward,Phường 2,,yes,\n"
            )
        };
        let load = |a: &str| {
            Template::from_texts("t", DEFAULT_TOML, DEFAULT_INDICATORS, DEFAULT_GROUPS, a)
        };
        let t = load(&agencies("HC02|DO")).unwrap();
        let (p1, p2) = (
            t.agency_index("P01").unwrap(),
            t.agency_index("P02").unwrap(),
        );
        let hc02 = t.indicator_index("HC02").unwrap();
        let hc03 = t.indicator_index("HC03").unwrap();
        let of_do: Vec<usize> = (0..t.indicators.len())
            .filter(|&i| t.indicators[i].group == "DO" && t.must_report(p2, i))
            .collect();
        assert!(!of_do.is_empty());
        assert!(!t.must_report(p1, hc02) && t.must_report(p1, hc03));
        assert!(t.must_report(p2, hc02));
        assert!(of_do.iter().all(|&i| !t.must_report(p1, i)));
        let err = load(&agencies("ZZ9")).unwrap_err().to_string();
        assert!(err.contains("agencies.csv") && err.contains("ZZ9"), "{err}");
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
