//! Findings: what the tool says about a submission, with a stable code and
//! the place (file, sheet, cell) it points at.
//!
//! Anything wrong with a submission is a [`Finding`], never a fatal error:
//! the run goes on and the finding reaches the error list. The codes are a
//! contract with the users (they filter on them in Excel), so they never
//! change once published; see the README for the list.

use serde::Serialize;
use std::fmt;

/// How serious a finding is. Ordered so that `Error` sorts first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The word a Vietnamese or English reader sees in the workbooks.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Vi) => "Lỗi",
            (Severity::Warning, Lang::Vi) => "Cảnh báo",
            (Severity::Info, Lang::Vi) => "Thông tin",
            (Severity::Error, Lang::En) => "Error",
            (Severity::Warning, Lang::En) => "Warning",
            (Severity::Info, Lang::En) => "Info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The language of user-facing text (messages, sheet names, headers).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// The language when `--lang` is not given: `TONGHOP_LANG` (`vi` or
    /// `en`), else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) when it is
    /// English or Vietnamese, else Vietnamese.
    pub fn from_env() -> Lang {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        if let Some(v) = var("TONGHOP_LANG") {
            return Lang::from_tag(&v).unwrap_or_default();
        }
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| var(k))
            .and_then(|v| Lang::from_tag(&v))
            .unwrap_or_default()
    }

    /// `vi`, `vi_VN.UTF-8`, `en`, `en_US.UTF-8`…; `None` for another
    /// language.
    fn from_tag(tag: &str) -> Option<Lang> {
        let t = tag.trim().to_ascii_lowercase();
        if t.starts_with("vi") {
            Some(Lang::Vi)
        } else if t.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// `n` things: "3 tệp" in Vietnamese, which has no plural; "1 file",
    /// "3 files" in English. `noun` is (Vietnamese, English singular,
    /// English plural).
    pub fn count(self, n: usize, noun: (&str, &str, &str)) -> String {
        match self {
            Lang::Vi => format!("{n} {}", noun.0),
            Lang::En if n == 1 => format!("{n} {}", noun.1),
            Lang::En => format!("{n} {}", noun.2),
        }
    }

    /// Picks the Vietnamese or the English text.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// Picks the Vietnamese or the English message (both already built).
    pub fn text(self, vi: String, en: String) -> String {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// The first `max` of `names` joined by commas, and how many more
    /// there are, called by `noun` (Vietnamese, English): "Trang 1,
    /// Trang 2 và 19.998 trang khác".
    pub fn some_of(self, names: &[String], max: usize, noun: (&str, &str)) -> String {
        let shown = names[..names.len().min(max)].join(", ");
        match names.len().saturating_sub(max) {
            0 => shown,
            more => {
                let n = crate::number::format_num(more as f64, 0, self);
                match self {
                    Lang::Vi => format!("{shown} và {n} {} khác", noun.0),
                    Lang::En => format!("{shown} and {n} more {}", noun.1),
                }
            }
        }
    }
}

/// Every stable finding code. The string form (kebab-case) is what the
/// error lists carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    FileUnreadable,
    FileSkipped,
    FileUnknownUnit,
    TemplateOutdated,
    LegacyEncoding,
    PeriodMismatch,
    PeriodMissing,
    TableNotFound,
    ColumnIgnored,
    ColumnMissing,
    RowsIgnored,
    SubmissionMissing,
    SubmissionDuplicate,
    FiguresCopied,
    IndicatorUnknown,
    IndicatorApproximate,
    IndicatorMissing,
    IndicatorRepeated,
    ValueInvalid,
    ValueUncomputed,
    FormulaEvaluated,
    NumberAmbiguous,
    ValueNegative,
    UnitMismatch,
    SumMismatch,
    RelationViolated,
    RelationSkipped,
    RuleInvalid,
    PctMismatch,
    PctRounding,
    PctKind,
    RateAveraged,
    TotalMismatch,
    TotalUnchecked,
    TotalUncomputed,
    CumulativeMismatch,
    Outlier,
    DeadlineOutOfPeriod,
    DeadlineInvalid,
    StatusContradiction,
    TaskDuplicate,
    AgencyUnknown,
    AgencyMissing,
    TextVsTable,
}

impl Code {
    pub const ALL: &'static [Code] = &[
        Code::FileUnreadable,
        Code::FileSkipped,
        Code::FileUnknownUnit,
        Code::TemplateOutdated,
        Code::LegacyEncoding,
        Code::PeriodMismatch,
        Code::PeriodMissing,
        Code::TableNotFound,
        Code::ColumnIgnored,
        Code::ColumnMissing,
        Code::RowsIgnored,
        Code::SubmissionMissing,
        Code::SubmissionDuplicate,
        Code::FiguresCopied,
        Code::IndicatorUnknown,
        Code::IndicatorApproximate,
        Code::IndicatorMissing,
        Code::IndicatorRepeated,
        Code::ValueInvalid,
        Code::ValueUncomputed,
        Code::FormulaEvaluated,
        Code::NumberAmbiguous,
        Code::ValueNegative,
        Code::UnitMismatch,
        Code::SumMismatch,
        Code::RelationViolated,
        Code::RelationSkipped,
        Code::RuleInvalid,
        Code::PctMismatch,
        Code::PctRounding,
        Code::PctKind,
        Code::RateAveraged,
        Code::TotalMismatch,
        Code::TotalUnchecked,
        Code::TotalUncomputed,
        Code::CumulativeMismatch,
        Code::Outlier,
        Code::DeadlineOutOfPeriod,
        Code::DeadlineInvalid,
        Code::StatusContradiction,
        Code::TaskDuplicate,
        Code::AgencyUnknown,
        Code::AgencyMissing,
        Code::TextVsTable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::FileUnreadable => "file-unreadable",
            Code::FileSkipped => "file-skipped",
            Code::FileUnknownUnit => "file-unknown-unit",
            Code::TemplateOutdated => "template-outdated",
            Code::LegacyEncoding => "legacy-encoding",
            Code::PeriodMismatch => "period-mismatch",
            Code::PeriodMissing => "period-missing",
            Code::TableNotFound => "table-not-found",
            Code::ColumnIgnored => "column-ignored",
            Code::ColumnMissing => "column-missing",
            Code::RowsIgnored => "rows-ignored",
            Code::SubmissionMissing => "submission-missing",
            Code::SubmissionDuplicate => "submission-duplicate",
            Code::FiguresCopied => "figures-copied",
            Code::IndicatorUnknown => "indicator-unknown",
            Code::IndicatorApproximate => "indicator-approximate",
            Code::IndicatorMissing => "indicator-missing",
            Code::IndicatorRepeated => "indicator-repeated",
            Code::ValueInvalid => "value-invalid",
            Code::ValueUncomputed => "value-uncomputed",
            Code::FormulaEvaluated => "formula-evaluated",
            Code::NumberAmbiguous => "number-ambiguous",
            Code::ValueNegative => "value-negative",
            Code::UnitMismatch => "unit-mismatch",
            Code::SumMismatch => "sum-mismatch",
            Code::RelationViolated => "relation-violated",
            Code::RelationSkipped => "relation-skipped",
            Code::RuleInvalid => "rule-invalid",
            Code::PctMismatch => "pct-mismatch",
            Code::PctRounding => "pct-rounding",
            Code::PctKind => "pct-kind",
            Code::RateAveraged => "rate-averaged",
            Code::TotalMismatch => "total-mismatch",
            Code::TotalUnchecked => "total-unchecked",
            Code::TotalUncomputed => "total-uncomputed",
            Code::CumulativeMismatch => "cumulative-mismatch",
            Code::Outlier => "outlier",
            Code::DeadlineOutOfPeriod => "deadline-out-of-period",
            Code::DeadlineInvalid => "deadline-invalid",
            Code::StatusContradiction => "status-contradiction",
            Code::TaskDuplicate => "task-duplicate",
            Code::AgencyUnknown => "agency-unknown",
            Code::AgencyMissing => "agency-missing",
            Code::TextVsTable => "text-vs-table",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Where a finding points: a file (relative to the input folder), a sheet
/// and a cell in A1 form. Empty strings where a part does not apply.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub file: String,
    pub sheet: String,
    pub cell: String,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            ..Default::default()
        }
    }

    /// A cell from 0-based absolute row and column indices. This is the one
    /// place where calamine's 0-based positions become A1 references.
    pub fn cell(file: impl Into<String>, sheet: impl Into<String>, row: u32, col: u32) -> Self {
        Location {
            file: file.into(),
            sheet: sheet.into(),
            cell: a1(row, col),
        }
    }
}

impl fmt::Display for Location {
    /// `phuong-05.xlsx › Biểu 1 › D17`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if !self.sheet.is_empty() {
            write!(f, " › {}", self.sheet)?;
        }
        if !self.cell.is_empty() {
            write!(f, " › {}", self.cell)?;
        }
        Ok(())
    }
}

/// The column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A1 reference of 0-based row and column indices: (0, 0) → A1.
pub fn a1(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), row as u64 + 1)
}

/// 0-based (row, column) of an A1 reference (`D17`, `$F$59`, `aa3`), or
/// `None` for anything else or a cell beyond Excel's grid.
pub fn parse_a1(s: &str) -> Option<(u32, u32)> {
    let s = s.trim().replace('$', "");
    let letters = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = s.get(..letters)?.bytes().fold(0u32, |acc, b| {
        acc * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    let row: u32 = s.get(letters..)?.parse().ok()?;
    ((1..=1_048_576).contains(&row) && (1..=16_384).contains(&col)).then(|| (row - 1, col - 1))
}

/// One finding: exactly the fields of the error list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub code: Code,
    /// Agency code of the reporting unit, or empty.
    pub unit: String,
    /// Path relative to the input folder (forward slashes).
    pub file: String,
    pub sheet: String,
    /// A1 reference, `L<line>` / `P<paragraph>` for prose, or empty.
    pub cell: String,
    /// Indicator code, or empty.
    pub indicator: String,
    /// KH, TH, LK, CK, %KH, %CK, or empty.
    pub column: String,
    pub expected: String,
    pub actual: String,
    pub message: String,
    /// The message as the unit's feedback workbook says it, when the unit
    /// is told otherwise than the office (a ward that sent nothing is not
    /// told to look at the office's files); empty: the message. Not a
    /// field of the error lists.
    #[serde(skip)]
    pub to_unit: String,
    /// Said to the office alone: the unit gets no feedback workbook for
    /// it (one file saved twice by the office is nothing the unit did).
    /// Not a field of the error lists.
    #[serde(skip)]
    pub office_only: bool,
    /// The rules (`expected` of `sum-mismatch` findings at the same
    /// cell and column) whose break this finding explains and stands
    /// for: a first quarter's LK that TH and every breakdown of the
    /// indicator contradict. Not a field of the error lists.
    #[serde(skip)]
    pub covers: Vec<String>,
}

impl Finding {
    /// A finding with the given code and severity and nothing else set.
    /// Private: every finding's words come from the catalog, through
    /// [`Finding::said`].
    fn new(severity: Severity, code: Code, message: impl Into<String>) -> Self {
        Finding {
            severity,
            code,
            unit: String::new(),
            file: String::new(),
            sheet: String::new(),
            cell: String::new(),
            indicator: String::new(),
            column: String::new(),
            expected: String::new(),
            actual: String::new(),
            message: message.into(),
            to_unit: String::new(),
            office_only: false,
            covers: Vec::new(),
        }
    }

    /// A finding of `severity` whose code and words come from the catalog.
    pub fn said(severity: Severity, said: &impl crate::messages::Words, lang: Lang) -> Self {
        Finding::new(severity, said.code(), said.words(lang))
    }

    /// Findings with words of a test's own.
    #[cfg(test)]
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    #[cfg(test)]
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    #[cfg(test)]
    pub fn info(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, code, message)
    }

    pub fn at(mut self, loc: &Location) -> Self {
        self.file = loc.file.clone();
        self.sheet = loc.sheet.clone();
        self.cell = loc.cell.clone();
        self
    }

    pub fn unit(mut self, unit: impl Into<String>) -> Self {
        self.unit = unit.into();
        self
    }

    pub fn indicator(mut self, code: impl Into<String>) -> Self {
        self.indicator = code.into();
        self
    }

    pub fn column(mut self, column: impl Into<String>) -> Self {
        self.column = column.into();
        self
    }

    /// The sums this finding explains and stands for ([`Finding::covers`]).
    pub fn covering(mut self, rules: Vec<String>) -> Self {
        self.covers = rules;
        self
    }

    pub fn expected(mut self, v: impl Into<String>) -> Self {
        self.expected = v.into();
        self
    }

    pub fn actual(mut self, v: impl Into<String>) -> Self {
        self.actual = v.into();
        self
    }

    /// The unit's own words for the finding (see [`Finding::to_unit`]).
    pub fn told_unit(mut self, said: &impl crate::messages::Words, lang: Lang) -> Self {
        self.to_unit = said.words(lang);
        self
    }

    /// Said to the office alone (see [`Finding::office_only`]).
    pub fn for_office(mut self) -> Self {
        self.office_only = true;
        self
    }

    /// What the unit's feedback workbook says of the finding.
    pub fn unit_message(&self) -> &str {
        if self.to_unit.is_empty() {
            &self.message
        } else {
            &self.to_unit
        }
    }

    pub fn location(&self) -> Location {
        Location {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            cell: self.cell.clone(),
        }
    }

    /// The deterministic order of every error list: file, sheet, cell (in
    /// row-then-column order), then severity, code, indicator, column,
    /// unit, message.
    pub fn sort_key(&self) -> impl Ord + '_ {
        (
            self.file.as_str(),
            self.sheet.as_str(),
            cell_order(&self.cell),
            self.severity,
            self.code,
            self.indicator.as_str(),
            self.column.as_str(),
            self.unit.as_str(),
            self.message.as_str(),
        )
    }
}

/// Sorts findings into the order every error list uses and removes exact
/// duplicates.
pub fn sort_findings(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
}

/// Sorts findings into the order of a consolidation's error lists
/// (`errors.csv`, `errors.json`, the «Lỗi» sheet) and removes exact
/// duplicates: first the findings of no unit (what concerns the whole
/// consolidation: a total not computed, a file of no known sender), then
/// unit by unit in `rank`'s order (the registry's), units `rank` does not
/// know last by their code; within each, errors before warnings before
/// infos, then file, sheet and cell as [`Finding::sort_key`] orders them.
/// An officer goes through the list commune by commune.
pub fn sort_findings_by_unit(findings: &mut Vec<Finding>, rank: impl Fn(&str) -> Option<usize>) {
    let group = |f: &Finding| match (f.unit.is_empty(), rank(&f.unit)) {
        (true, _) => (0, 0),
        (false, Some(r)) => (1, r),
        (false, None) => (2, 0),
    };
    findings.sort_by(|a, b| {
        (group(a), a.unit.as_str(), a.severity)
            .cmp(&(group(b), b.unit.as_str(), b.severity))
            .then_with(|| a.sort_key().cmp(&b.sort_key()))
    });
    findings.dedup();
}

/// Orders A1 references by row then column (`B2` < `A10`), and `L3` / `P12`
/// by their number; anything else by text.
fn cell_order(cell: &str) -> (u64, u64, &str) {
    let letters: String = cell
        .chars()
        .take_while(|c| c.is_ascii_uppercase())
        .collect();
    let digits = &cell[letters.len()..];
    match digits.parse::<u64>() {
        Ok(row) if !letters.is_empty() => {
            let col = letters
                .bytes()
                .fold(0u64, |acc, b| acc * 26 + (b - b'A' + 1) as u64);
            (row, col, "")
        }
        _ => (u64::MAX, 0, cell),
    }
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Tally {
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Self {
        let mut t = Tally::default();
        for f in findings {
            t.count(f);
        }
        t
    }

    /// Counts one more finding.
    pub fn count(&mut self, f: &Finding) {
        match f.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    /// Adds another tally's counts.
    pub fn add(&mut self, other: Tally) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }

    /// "2 lỗi, 1 cảnh báo, 0 thông tin" / "2 errors, 1 warning, 0 info items".
    pub fn words(self, lang: Lang) -> String {
        format!(
            "{}, {}, {}",
            lang.count(self.errors, ("lỗi", "error", "errors")),
            lang.count(self.warnings, ("cảnh báo", "warning", "warnings")),
            lang.count(self.infos, ("thông tin", "info item", "info items")),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_references_parse_back() {
        assert_eq!(parse_a1("A1"), Some((0, 0)));
        assert_eq!(parse_a1("D17"), Some((16, 3)));
        assert_eq!(parse_a1("$F$59"), Some((58, 5)));
        assert_eq!(parse_a1("AA3"), Some((2, 26)));
        assert_eq!(parse_a1("xfd1048576"), Some((1_048_575, 16_383)));
        for bad in ["L3x", "", "A0", "3A", "XFE1", "A1048577"] {
            assert_eq!(parse_a1(bad), None, "{bad}");
        }
        for (r, c) in [(0, 0), (16, 3), (1_048_575, 16_383)] {
            assert_eq!(parse_a1(&a1(r, c)), Some((r, c)));
        }
    }

    #[test]
    fn a1_references_are_one_based_and_lettered() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(16, 3), "D17");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(0, 16383), "XFD1");
    }

    #[test]
    fn findings_sort_by_row_before_column() {
        let mut v = vec![
            Finding::error(Code::ValueInvalid, "x").at(&Location::cell("a.xlsx", "S", 9, 0)),
            Finding::error(Code::ValueInvalid, "x").at(&Location::cell("a.xlsx", "S", 1, 3)),
        ];
        sort_findings(&mut v);
        assert_eq!(v[0].cell, "D2");
        assert_eq!(v[1].cell, "A10");
    }

    #[test]
    fn findings_go_unit_by_unit_in_the_registrys_order_errors_first() {
        let at = |file: &str| Location::cell(file, "S", 1, 0);
        let mut v = vec![
            Finding::info(Code::ValueInvalid, "x")
                .at(&at("a.xlsx"))
                .unit("P01"),
            Finding::error(Code::ValueInvalid, "x")
                .at(&at("b.xlsx"))
                .unit("P01"),
            Finding::error(Code::SubmissionMissing, "x").unit("P03"),
            Finding::error(Code::ValueInvalid, "x")
                .at(&at("c.xlsx"))
                .unit("ZZ"),
            Finding::info(Code::TotalUncomputed, "x"),
        ];
        let registry = ["P03", "P01"];
        sort_findings_by_unit(&mut v, |u| registry.iter().position(|r| *r == u));
        let order: Vec<(&str, &str)> = v
            .iter()
            .map(|f| (f.unit.as_str(), f.file.as_str()))
            .collect();
        assert_eq!(
            order,
            [
                ("", ""),
                ("P03", ""),
                ("P01", "b.xlsx"),
                ("P01", "a.xlsx"),
                ("ZZ", "c.xlsx")
            ]
        );
    }

    #[test]
    fn every_code_is_listed_once() {
        let mut names: Vec<_> = Code::ALL.iter().map(|c| c.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
    }
}
