//! Formulas without a computed value. A workbook written by a script or a
//! tool that does not calculate stores the formula and leaves its result
//! empty; Excel computes it on opening, and so does this module, with a
//! spreadsheet engine (IronCalc's `ironcalc_base`), so that the figure read
//! is the one the clerk saw:
//!
//! ```text
//!        E (KH)  F (TH)  G (LK)  I (%KH)
//!   9      40       5      17    =ROUND(G9/E9*100,2)   no cached value
//!                                 → 42,5, stated with 2 decimals
//! ```
//!
//! Only a sheet with such a formula in a figure position (below the header,
//! in a KH/TH/LK/CK/%KH/%CK column) pays anything: its values and formulas
//! (and every other sheet's, when a formula reaches another sheet) go into
//! the engine once. A workbook whose formulas carry their values never
//! starts it.
//!
//! A formula the engine cannot evaluate (an unknown function, a reference
//! to another workbook, an error result, R1C1 notation) stays
//! `value-uncomputed`: an error for a quantity, `info` for a percent or a
//! rate, which the checks recompute from their operands anyway. Nothing
//! here panics on a file's content: the engine runs under the same guard
//! as the readers.

use crate::diagnostic::{Finding, Lang, Location, Severity};
use crate::ingest::{OpenWorkbook, SheetGrid};
use crate::messages::Read;
use crate::model::ValueColumn;
use crate::normalize::header::TableLayout;
use crate::number::{NumberLocale, NumberText};
use crate::template::{Indicator, Kind};
use calamine::{Data, Range};
use foldhash::{HashMap, HashMapExt};

/// A sheet's formulas (absolute positions), with the values the tool
/// computed for those that had none in a figure position.
pub struct SheetFormulas {
    formulas: Range<String>,
    computed: HashMap<(u32, u32), Computed>,
    /// What an evaluated formula gives with its text operands left as
    /// text, where that differs from `computed` (which reads a number
    /// typed as text as the tool's reader does): Excel's figure.
    as_typed: HashMap<(u32, u32), Computed>,
    /// The evaluated cells that were `.xls` formulas with a cached 0 set
    /// aside ([`crate::ingest::SheetGrid::zero_formula`]), sorted: the 0
    /// stands when the formula cannot be evaluated.
    zero_formulas: Vec<(u32, u32)>,
}

/// What evaluating a formula without a cached value gave.
#[derive(Clone, Debug, PartialEq)]
pub enum Computed {
    /// A number; `round` is n when the formula is `ROUND(x, n)`.
    Number { value: f64, round: Option<u8> },
    /// Excel would show an empty cell (the formula gives "").
    Blank,
    /// A text other than an error value.
    Text(String),
    /// It could not be evaluated: why, in plain words (or the error value
    /// it gives).
    Failed(String),
}

/// What a blank cell holding a formula states.
pub enum Figure {
    /// The value the tool computed, with n of `ROUND(x, n)` if any, and
    /// the `formula-text-operand` warning when a number typed as text
    /// among its operands makes Excel give another figure.
    Number(f64, Option<u8>, Option<Box<Finding>>),
    /// No figure (the formula gives an empty text).
    Blank,
    /// The text a formula gives ("khoảng 10" from `=IF(E20="","",E20)`),
    /// or an `.xls` formula whose cached result was stored as 0 gives:
    /// read as a cell holding that text would be, but told as the
    /// formula's result.
    Text(String),
    /// Not evaluated: the `value-uncomputed` finding to report.
    Uncomputed(Box<Finding>),
}

impl SheetFormulas {
    /// Reads a sheet's formulas and evaluates those without a cached value
    /// in a figure position of `layout`. `None` when the sheet has no
    /// formulas (or they cannot be read).
    ///
    /// `locale` reads the numbers typed as text that formulas use, as the
    /// sheet's figures are read; `row_unit` says whether words typed after
    /// a number in a row ("75,9 ha") are that row's unit, so that the
    /// number is what formulas over the cell use.
    pub fn read(
        wb: &mut OpenWorkbook,
        name: &str,
        grid: &SheetGrid,
        layout: &TableLayout,
        locale: NumberLocale,
        row_unit: &dyn Fn(u32, &str) -> bool,
    ) -> Option<SheetFormulas> {
        let formulas = wb.formulas(name)?;
        let value_cols: Vec<u32> = layout.value_columns().map(|(c, _)| c).collect();
        let targets: Vec<(u32, u32)> = cells(&formulas)
            .filter(|&(r, c, _)| {
                r > layout.header_last
                    && value_cols.contains(&c)
                    && crate::normalize::submission::is_blank(grid.shown(r, c))
            })
            .map(|(r, c, _)| (r, c))
            .collect();
        let (computed, as_typed) = if targets.is_empty() {
            (HashMap::new(), HashMap::new())
        } else {
            evaluate(wb, name, grid, &formulas, &targets, locale, row_unit)
        };
        let mut zero_formulas: Vec<(u32, u32)> = targets
            .iter()
            .copied()
            .filter(|&(r, c)| grid.zero_formula(r, c))
            .collect();
        zero_formulas.sort_unstable();
        Some(SheetFormulas {
            formulas,
            computed,
            as_typed,
            zero_formulas,
        })
    }

    /// The formula of a cell as written (without `=` or OpenDocument's
    /// `of:=`), if any.
    pub fn at(&self, row: u32, col: u32) -> Option<&str> {
        self.formulas
            .get_value((row, col))
            .map(|f| strip_prefix(f))
            .filter(|f| !f.is_empty())
    }

    /// The names of the other sheets its formulas take figures from
    /// (`='Nhap lieu'!C5`, `=Sheet2!D8`), each once, in the order met: a
    /// sheet fed by another is the report, the other its source.
    ///
    /// `sheets` are the workbook's sheet names: an `.xls` formula as
    /// calamine writes it back names a sheet unquoted even when the name
    /// has spaces (`Biểu 01 - Kinh tế!E9`), which only the names can tell.
    pub fn sheets_referenced(&self, sheets: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        for (_, _, f) in cells(&self.formulas) {
            for name in referenced_sheets_of(f, sheets) {
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out
    }

    /// How many formulas without a cached value the tool evaluated to a
    /// number (an `.xls` formula whose cached 0 was set aside had one).
    pub fn evaluated(&self) -> usize {
        self.computed
            .iter()
            .filter(|(at, c)| matches!(c, Computed::Number { .. }) && !self.had_zero(at.0, at.1))
            .count()
    }

    /// Whether the formula at (`row`, `col`) states nothing: Excel shows
    /// it blank (the form's LK `=IF(E12="","",E12)` and %KH over a blank
    /// row), or it gives 0 or an error value from nothing but blank cells
    /// of its own row (`=E12`, `=F12/D12*100` where the clerk typed
    /// nothing). A row holding only such formulas was left blank. A
    /// formula that reaches another row, another sheet or a name, or
    /// holds no reference at all (`=0`), states what it gives.
    pub fn states_nothing(&self, row: u32, col: u32, grid: &SheetGrid) -> bool {
        self.says_nothing(row, col, grid, 4)
    }

    fn says_nothing(&self, row: u32, col: u32, grid: &SheetGrid, depth: u8) -> bool {
        let Some(formula) = self.at(row, col) else {
            return false;
        };
        let zero_or_error = match grid.shown(row, col) {
            d if crate::normalize::submission::is_blank(d) => {
                match self.computed.get(&(row, col)) {
                    None | Some(Computed::Blank) => return true,
                    Some(Computed::Number { value, .. }) => *value == 0.0,
                    Some(Computed::Failed(_)) => true,
                    Some(Computed::Text(_)) => false,
                }
            }
            Data::Float(v) => *v == 0.0,
            Data::Int(v) => *v == 0,
            Data::Error(_) => true,
            _ => false,
        };
        if !zero_or_error || depth == 0 {
            return false;
        }
        let Some(refs) = own_row_references(formula, row) else {
            return false;
        };
        !refs.is_empty()
            && refs.iter().all(|&c| {
                if self.at(row, c).is_some() {
                    c != col && self.says_nothing(row, c, grid, depth - 1)
                } else {
                    crate::normalize::submission::is_blank(grid.shown(row, c))
                }
            })
    }

    fn had_zero(&self, row: u32, col: u32) -> bool {
        self.zero_formulas.binary_search(&(row, col)).is_ok()
    }

    /// What the blank cell at (`row`, `col`), holding a formula, states;
    /// `here`, `ind` and `column` name it in a finding.
    pub fn figure(
        &self,
        row: u32,
        col: u32,
        here: &Location,
        ind: &Indicator,
        column: ValueColumn,
        lang: Lang,
    ) -> Figure {
        let Some(formula) = self.at(row, col) else {
            return Figure::Blank;
        };
        let why = match self.computed.get(&(row, col)) {
            Some(Computed::Number { value, round }) => {
                let note = self.as_typed.get(&(row, col)).map(|typed| {
                    Box::new(text_operand(
                        formula, *value, typed, here, ind, column, lang,
                    ))
                });
                return Figure::Number(*value, *round, note);
            }
            Some(Computed::Blank) => return Figure::Blank,
            // An .xls formula stored with the result 0: the text it gives
            // (LibreOffice wrote it as 0), or, not evaluated, that 0.
            Some(Computed::Text(text)) => return Figure::Text(text.clone()),
            Some(Computed::Failed(_)) if self.had_zero(row, col) => {
                return Figure::Number(0.0, None, None)
            }
            Some(Computed::Failed(why)) => why.as_str(),
            // Not a figure position when the sheet was read (a merged
            // cell's shown value): not evaluated.
            None => "",
        };
        Figure::Uncomputed(Box::new(uncomputed(formula, why, here, ind, column, lang)))
    }
}

/// The decimals a `ROUND(x, n)` result the tool computed is stated with:
/// n, or fewer when the cell's number format shows fewer (`shown`: whether
/// the format is a percent, and the decimals it shows, when known). A
/// percent-formatted cell holds a fraction: ROUND(x, 4) shown as 12,34%
/// has 2 decimals.
pub fn round_decimals(n: u8, shown: Option<(bool, Option<u8>)>) -> u8 {
    match shown {
        Some((percent, format)) => {
            let n = if percent { n.saturating_sub(2) } else { n };
            format.map_or(n, |d| d.min(n))
        }
        None => n,
    }
}

/// The one `info` per file saying how many formulas the tool evaluated.
pub fn evaluated_note(file: &str, count: usize, lang: Lang) -> Option<Finding> {
    (count > 0).then(|| {
        Finding::said(
            Severity::Info,
            &Read::FormulaEvaluated { file, count },
            lang,
        )
        .at(&Location::file(file))
        .actual(count.to_string())
        // How the tool read the file; nothing for the unit to do.
        .for_office()
    })
}

/// `formula-text-operand` (a warning): the formula at `here` takes a
/// number typed as text; the tool read it as the sheet's figures are read
/// and got `value`, where the same formula over the text as typed gives
/// `typed` (what Excel shows, or an English-language Excel: "1.176" is
/// 1,176 to it and ignored by SUM).
fn text_operand(
    formula: &str,
    value: f64,
    typed: &Computed,
    here: &Location,
    ind: &Indicator,
    column: ValueColumn,
    lang: Lang,
) -> Finding {
    let read = crate::number::format_auto(value, 6, lang);
    let excel = match typed {
        Computed::Number { value, .. } => crate::number::format_auto(*value, 6, lang),
        Computed::Blank => String::new(),
        Computed::Text(t) | Computed::Failed(t) => t.clone(),
    };
    let said = Read::FormulaTextOperand {
        cell: &here.cell,
        code: &ind.code,
        name: &ind.name,
        column,
        formula: &crate::text::quotation(formula, 200),
        read: &read,
        excel: &excel,
    };
    Finding::said(Severity::Warning, &said, lang)
        .at(here)
        .indicator(ind.code.clone())
        .column(column.as_str())
        .expected(read)
        .actual(excel)
}

/// `value-uncomputed`: an error for a quantity; `info` for a percent or a
/// rate, which the checks recompute from their operands anyway.
fn uncomputed(
    formula: &str,
    why: &str,
    here: &Location,
    ind: &Indicator,
    column: ValueColumn,
    lang: Lang,
) -> Finding {
    let derived = column.is_percent() || ind.kind == Kind::Rate;
    let why_vi = if why.is_empty() {
        String::new()
    } else {
        vi_reason(why)
    };
    // The whole formula stays in the finding's `actual`.
    let said = Read::ValueUncomputed {
        cell: &here.cell,
        code: &ind.code,
        name: &ind.name,
        column,
        formula: &crate::text::quotation(formula, 200),
        why: (&why_vi, why),
        derived,
    };
    let severity = if derived {
        Severity::Info
    } else {
        Severity::Error
    };
    Finding::said(severity, &said, lang)
        .at(here)
        .indicator(ind.code.clone())
        .column(column.as_str())
        .actual(format!("={formula}"))
}

/// The reasons of [`evaluate`] in Vietnamese.
fn vi_reason(why: &str) -> String {
    match why {
        REASON_R1C1 => "công thức viết theo kiểu R1C1, công cụ không tính".into(),
        REASON_ODS => "công thức OpenDocument có tham chiếu công cụ không đọc được".into(),
        REASON_ENGINE => "bộ tính công thức gặp lỗi với tệp này".into(),
        REASON_SET => "công cụ không đọc được công thức".into(),
        REASON_LIMIT => {
            "công thức dài quá 8.192 ký tự hoặc lồng quá 64 cấp, vượt giới hạn của Excel".into()
        }
        other => format!("kết quả là {other}"),
    }
}

const REASON_R1C1: &str =
    "formulas in R1C1 notation (XML Spreadsheet 2003, SYLK) are not evaluated";
const REASON_ODS: &str = "an OpenDocument reference the tool cannot convert";
const REASON_ENGINE: &str = "the formula engine failed on this file";
const REASON_SET: &str = "the formula cannot be read";
const REASON_LIMIT: &str =
    "the formula is longer than 8,192 characters or nested deeper than 64 levels, beyond what Excel accepts";

/// Excel's own limits on a formula: 8,192 characters, 64 levels of
/// nesting. No workbook saved by Excel goes beyond them; a file that does
/// was made to, and an engine's recursion must not meet it.
pub const MAX_FORMULA_CHARS: usize = 8_192;
/// See [`MAX_FORMULA_CHARS`].
pub const MAX_FORMULA_NESTING: usize = 64;

fn beyond_excel(f: &str) -> bool {
    if f.len() > MAX_FORMULA_CHARS && f.chars().count() > MAX_FORMULA_CHARS {
        return true;
    }
    let mut depth = 0usize;
    for ch in outside_strings(f) {
        match ch {
            '(' => {
                depth += 1;
                if depth > MAX_FORMULA_NESTING {
                    return true;
                }
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// The stack of the thread the engine runs on: a formula within Excel's
/// limits can still be a chain of 4,000 additions, which the engine
/// walks recursively (a reading thread's 2 MB is not enough for it).
const ENGINE_STACK: usize = 256 << 20;

/// The non-empty cells of a formula range, at absolute positions.
fn cells(range: &Range<String>) -> impl Iterator<Item = (u32, u32, &str)> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    range
        .used_cells()
        .map(move |(r, c, f)| (r0 + r as u32, c0 + c as u32, strip_prefix(f)))
        .filter(|(_, _, f)| !f.is_empty())
}

/// A formula without its leading `=` (or OpenDocument's `of:=`).
fn strip_prefix(f: &str) -> &str {
    f.trim().trim_start_matches("of:").trim_start_matches('=')
}

/// One sheet as the engine gets it: values and formulas in A1 notation
/// (each formula, or the reason it cannot be given).
struct EngineSheet {
    name: String,
    /// The values, a number typed as text given as the number the tool
    /// reads (`"1.176"` is 1176 to a Vietnamese reader, where the engine,
    /// like an English-language Excel, would add 1,176).
    values: Vec<(u32, u32, Data)>,
    /// The texts of `values` given as numbers, as typed.
    typed: Vec<(u32, u32, String)>,
    formulas: Vec<(u32, u32, Result<String, &'static str>)>,
}

impl EngineSheet {
    fn new(
        name: &str,
        grid: &SheetGrid,
        formulas: Option<&Range<String>>,
        locale: NumberLocale,
        row_unit: &dyn Fn(u32, &str) -> bool,
    ) -> EngineSheet {
        let mut with_formula = Vec::new();
        if let Some(range) = formulas {
            for (r, c, f) in cells(range) {
                let raw = range
                    .get_value((r, c))
                    .map(|s| s.trim_start())
                    .unwrap_or_default();
                let a1 = if beyond_excel(f) {
                    Err(REASON_LIMIT)
                } else if raw.starts_with("of:") {
                    from_opendocument(f).ok_or(REASON_ODS)
                } else {
                    Ok(xls_future_functions(f))
                };
                with_formula.push((r, c, a1));
            }
        }
        with_formula.sort_unstable_by_key(|&(r, c, _)| (r, c));
        let has_formula = |r: u32, c: u32| {
            with_formula
                .binary_search_by_key(&(r, c), |&(fr, fc, _)| (fr, fc))
                .is_ok_and(|i| with_formula.get(i).is_some_and(|(_, _, f)| f.is_ok()))
        };
        let mut typed = Vec::new();
        let values = grid
            .cells()
            .filter(|&(r, c, d)| !matches!(d, Data::Empty) && !has_formula(r, c))
            .map(|(r, c, d)| match d {
                Data::String(t) => match as_read(t, locale) {
                    Some(v) => {
                        typed.push((r, c, t.clone()));
                        (r, c, Data::Float(v))
                    }
                    // "75,9 ha" in a row in ha: the number, as the figure
                    // is read (and as typed too: no warning that Excel
                    // would show the text, the figure is what was meant).
                    None => match crate::number::number_with_unit(t, locale) {
                        Some((p, words)) if row_unit(r, words) => (r, c, Data::Float(p.value)),
                        _ => (r, c, d.clone()),
                    },
                },
                _ => (r, c, d.clone()),
            })
            .collect();
        EngineSheet {
            name: name.to_string(),
            values,
            typed,
            formulas: with_formula,
        }
    }

    /// Whether a formula names another sheet (`Sheet2!A1`).
    fn reaches_other_sheets(&self) -> bool {
        self.formulas.iter().any(|(_, _, f)| {
            f.as_ref()
                .is_ok_and(|f| outside_strings(f).any(|ch| ch == '!'))
        })
    }
}

/// The number a text cell holds as the tool's reader reads it ("1.176" is
/// 1176, "187,4" is 187,4, "95%" is 0,95 as in a spreadsheet), for a
/// formula that takes it; `None` for a text that is no number ("khoảng
/// 20", "-", "x"), which stays text.
fn as_read(text: &str, locale: NumberLocale) -> Option<f64> {
    match crate::number::parse_text(text, locale) {
        NumberText::Number(p) if p.per_mille => None,
        NumberText::Number(p) if p.percent => Some(p.value / 100.0),
        NumberText::Number(p) => Some(p.value),
        _ => None,
    }
}

/// The sheet names a formula refers to: `'Nhap lieu'!C5` (quotes
/// doubled inside), `Sheet2!D8`.
pub fn referenced_sheets(f: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = f.chars().peekable();
    let mut word = String::new();
    while let Some(ch) = chars.next() {
        match ch {
            '"' => {
                // A string literal: skipped whole ("" inside is a quote).
                word.clear();
                for c in chars.by_ref() {
                    if c == '"' {
                        break;
                    }
                }
            }
            '\'' => {
                word.clear();
                let mut name = String::new();
                while let Some(c) = chars.next() {
                    if c == '\'' {
                        if chars.peek() == Some(&'\'') {
                            chars.next();
                            name.push('\'');
                            continue;
                        }
                        break;
                    }
                    name.push(c);
                }
                if chars.peek() == Some(&'!') {
                    out.push(name);
                }
            }
            '!' => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c if c.is_alphanumeric() || c == '_' || c == '.' => word.push(c),
            _ => word.clear(),
        }
    }
    out
}

/// [`referenced_sheets`], and the workbook's `sheets` a formula names
/// unquoted before a `!` whatever characters they hold (`Biểu 01 - Kinh
/// tế!E9`, the way calamine writes an `.xls` formula back), where the
/// name starts the formula or follows an operator or a bracket.
pub fn referenced_sheets_of(f: &str, sheets: &[String]) -> Vec<String> {
    let mut out = referenced_sheets(f);
    if !f.contains('!') {
        return out;
    }
    let mut found: Vec<&String> = Vec::new();
    for name in sheets {
        let named = f.match_indices(&format!("{name}!")).any(|(at, _)| {
            f[..at]
                .chars()
                .next_back()
                .is_none_or(|c| "=(+-*/,;:&^<>{".contains(c))
        });
        if named {
            found.push(name);
        }
    }
    // The last word of such a name (`tế`, `CCHC`), read alone, is no sheet.
    out.retain(|w| sheets.contains(w) || !found.iter().any(|n| n.ends_with(w.as_str())));
    for name in found {
        if !out.contains(name) {
            out.push(name.clone());
        }
    }
    out
}

/// The columns of the cells a formula refers to, when every one lies on
/// row `row` (0-based) of its own sheet (`E12`, `$D$12`, `D12:G12`); `None`
/// when it reaches another row or sheet, or names what is no cell (a
/// defined name, a whole column).
fn own_row_references(f: &str, row: u32) -> Option<Vec<u32>> {
    if f.contains('!') || f.contains('\'') || f.contains('[') {
        return None;
    }
    let chars: Vec<char> = outside_strings(f).collect();
    let mut cols: Vec<u32> = Vec::new();
    // The reference before a `:`, waiting for the range's other end.
    let mut open: Option<u32> = None;
    let mut k = 0;
    while k < chars.len() {
        let ch = chars[k];
        if !(ch.is_ascii_alphanumeric() || ch == '$' || ch == '_' || ch == '.') {
            if ch == ':' && open.is_none() {
                return None;
            }
            k += 1;
            continue;
        }
        let start = k;
        while k < chars.len()
            && (chars[k].is_ascii_alphanumeric()
                || chars[k] == '$'
                || chars[k] == '_'
                || chars[k] == '.')
        {
            k += 1;
        }
        let word: String = chars[start..k].iter().collect();
        let next = chars[k..].iter().find(|c| !c.is_whitespace()).copied();
        if next == Some('(') || word.chars().all(|c| c.is_ascii_digit() || c == '.') {
            // A function's name, or a number.
            continue;
        }
        if ["TRUE", "FALSE"].contains(&word.to_ascii_uppercase().as_str()) {
            continue;
        }
        let (r, c) = crate::diagnostic::parse_a1(&word)?;
        if r != row {
            return None;
        }
        match open.take() {
            Some(from) => cols.extend(from.min(c)..=from.max(c)),
            None if next == Some(':') => {
                open = Some(c);
                // Past the `:`.
                while k < chars.len() && chars[k] != ':' {
                    k += 1;
                }
                k += 1;
            }
            None => cols.push(c),
        }
    }
    if open.is_some() {
        return None;
    }
    cols.sort_unstable();
    cols.dedup();
    Some(cols)
}

/// The characters of a formula outside its string literals.
fn outside_strings(f: &str) -> impl Iterator<Item = char> + '_ {
    let mut in_string = false;
    f.chars().filter(move |&ch| {
        if ch == '"' {
            in_string = !in_string;
            return false;
        }
        !in_string
    })
}

/// The results of [`evaluate`]: each target's, and, where it differs,
/// what it gives with its text operands as typed.
type Evaluated = (HashMap<(u32, u32), Computed>, HashMap<(u32, u32), Computed>);

/// Evaluates the target cells of sheet `name` (blank, with a formula);
/// every target gets a result. A number typed as text is given to the
/// engine as the number `locale` reads; when the workbook has any, the
/// formulas are evaluated a second time over the texts as typed (Excel's
/// way), and a target that then gives another figure is set aside: a
/// number where Excel shows another one (or an error) keeps the tool's
/// reading, to be noted; one Excel shows blank (`=IF(COUNT(F8,G8)<2,"",…)`
/// over text numbers) stays blank.
fn evaluate(
    wb: &mut OpenWorkbook,
    name: &str,
    grid: &SheetGrid,
    formulas: &Range<String>,
    targets: &[(u32, u32)],
    locale: NumberLocale,
    row_unit: &dyn Fn(u32, &str) -> bool,
) -> Evaluated {
    let fail = |why: &str| {
        (
            targets
                .iter()
                .map(|&t| (t, Computed::Failed(why.to_string())))
                .collect(),
            HashMap::new(),
        )
    };
    // XML 2003 and SYLK keep R1C1 formulas, which the engine does not read.
    if matches!(wb, OpenWorkbook::Text(_)) {
        return fail(REASON_R1C1);
    }
    let mut sheets = vec![EngineSheet::new(
        name,
        grid,
        Some(formulas),
        locale,
        row_unit,
    )];
    // The workbook's defined names its formulas use (`=DungHan_TH +
    // TreHan_TH`), which may refer to any sheet.
    let names = names_used(&wb.defined_names(), formulas);
    if sheets[0].reaches_other_sheets() || !names.is_empty() {
        for other in wb.sheet_names() {
            if other == name {
                continue;
            }
            // A sheet that cannot be read leaves its references #REF!.
            if let Ok(g) = wb.sheet(&other) {
                let f = wb.formulas(&other);
                sheets.push(EngineSheet::new(&other, &g, f.as_ref(), locale, &|_, _| {
                    false
                }));
            }
        }
    }
    let run = |as_typed: bool| {
        std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name("formulas".into())
                .stack_size(ENGINE_STACK)
                .spawn_scoped(scope, || {
                    crate::ingest::guarded("evaluating formulas", || {
                        Ok(engine::evaluate(&sheets, &names, targets, as_typed))
                    })
                })
                .ok()
                .and_then(|h| h.join().ok())
                .unwrap_or_else(|| Err(REASON_ENGINE.to_string()))
        })
    };
    let Ok(Some(values)) = run(false) else {
        return fail(REASON_ENGINE);
    };
    let mut computed: HashMap<(u32, u32), Computed> = targets.iter().copied().zip(values).collect();
    let mut as_typed = HashMap::new();
    if sheets.iter().any(|s| !s.typed.is_empty()) {
        if let Ok(Some(typed)) = run(true) {
            for (at, typed) in targets.iter().zip(typed) {
                let Some(Computed::Number { value, .. }) = computed.get(at) else {
                    continue;
                };
                let same = |v: f64| (v - value).abs() <= 1e-9 * value.abs().max(1.0);
                match &typed {
                    Computed::Number { value: v, .. } if same(*v) => {}
                    // `='Số liệu'!D58` over the text "578": Excel shows the
                    // text, which reads as the same number.
                    Computed::Text(t) if as_read(t, locale).is_some_and(same) => {}
                    Computed::Blank => {
                        computed.insert(*at, Computed::Blank);
                    }
                    _ => {
                        as_typed.insert(*at, typed);
                    }
                }
            }
        }
    }
    (computed, as_typed)
}

/// The defined names (name, what it refers to in A1 notation) that some
/// formula of `formulas` uses, Excel's (`'Số liệu'!$E$75`) as they are,
/// an OpenDocument range (`$'Số liệu'.$E$75`) or expression (`of:=…`)
/// converted; a name that cannot be converted is left out (its formulas
/// then stay `#NAME?`, `value-uncomputed`).
fn names_used(defined: &[(String, String)], formulas: &Range<String>) -> Vec<(String, String)> {
    if defined.is_empty() {
        return Vec::new();
    }
    let mut words = std::collections::HashSet::new();
    for (_, _, f) in cells(formulas) {
        let mut word = String::new();
        for ch in outside_strings(f).chain(std::iter::once(' ')) {
            if ch.is_alphanumeric() || ch == '_' || ch == '.' || ch == '\\' {
                word.extend(ch.to_uppercase());
            } else if !word.is_empty() {
                words.insert(std::mem::take(&mut word));
            }
        }
    }
    defined
        .iter()
        .filter(|(n, _)| words.contains(&n.to_uppercase()))
        .filter_map(|(n, refers)| {
            let refers = refers.trim();
            let a1 = if let Some(f) = refers.strip_prefix("of:") {
                from_opendocument(f.trim_start_matches('='))?
            } else if refers.contains('!') || !refers.contains('.') {
                refers.trim_start_matches('=').to_string()
            } else {
                ods_reference(refers)?
            };
            Some((n.clone(), a1))
        })
        .collect()
}

/// The spreadsheet engine behind [`evaluate`]: IronCalc.
mod engine {
    use super::{is_error_value, round_digits, Computed, EngineSheet, REASON_SET};
    use calamine::Data;
    use ironcalc_base::cell::CellValue;
    use ironcalc_base::Model;

    /// The value of each target cell of the first sheet, or `None` when
    /// the workbook cannot be set up (a sheet name the engine refuses).
    ///
    /// `as_typed`: the numbers typed as text are given as the texts typed
    /// (Excel's way), not as the numbers the tool reads.
    pub(super) fn evaluate(
        sheets: &[EngineSheet],
        names: &[(String, String)],
        targets: &[(u32, u32)],
        as_typed: bool,
    ) -> Option<Vec<Computed>> {
        // Formulas are stored in the file in Excel's English form
        // (`ROUND(G9/E9*100,2)`), whatever the language of Excel.
        let mut model = Model::new_empty("submission", "en", "UTC", "en").ok()?;
        for (i, s) in sheets.iter().enumerate() {
            if i == 0 {
                model.rename_sheet_by_index(0, &s.name).ok()?;
            } else {
                model.add_sheet(&s.name).ok()?;
            }
        }
        // Before the formulas that use them. A name the engine refuses (a
        // reference to another workbook, the same name twice with
        // different scopes) leaves its formulas `#NAME?`.
        for (name, refers) in names {
            let _ = model.new_defined_name(name, None, refers);
        }
        let mut refused = Vec::new();
        for (i, s) in (0u32..).zip(sheets) {
            for (r, c, d) in &s.values {
                // A cell the engine cannot hold (beyond its grid) reads as
                // blank: a formula that needs it gives what Excel would not,
                // but no submission's table is out there.
                let (row, col) = (*r as i32 + 1, *c as i32 + 1);
                let _ = match d {
                    Data::Float(f) => model.update_cell_with_number(i, row, col, *f),
                    Data::Int(n) => model.update_cell_with_number(i, row, col, *n as f64),
                    Data::Bool(b) => model.update_cell_with_bool(i, row, col, *b),
                    Data::String(t) => model.update_cell_with_text(i, row, col, t),
                    Data::DateTime(dt) => model.update_cell_with_number(
                        i,
                        row,
                        col,
                        crate::ingest::sheet::serial_1900(dt),
                    ),
                    Data::DateTimeIso(t) | Data::DurationIso(t) => {
                        model.update_cell_with_text(i, row, col, t)
                    }
                    // An error value, as a user would type it.
                    Data::Error(e) => model.set_user_input(i, row, col, e.to_string()),
                    Data::Empty => Ok(()),
                };
            }
            if as_typed {
                for (r, c, t) in &s.typed {
                    let _ = model.update_cell_with_text(i, *r as i32 + 1, *c as i32 + 1, t);
                }
            }
            for (r, c, f) in &s.formulas {
                let Ok(f) = f else { continue };
                let (row, col) = (*r as i32 + 1, *c as i32 + 1);
                if model
                    .update_cell_with_formula(i, row, col, format!("={f}"))
                    .is_err()
                {
                    refused.push((i, *r, *c));
                }
            }
        }
        model.evaluate();
        let first = sheets.first()?;
        let out = targets
            .iter()
            .map(|&(r, c)| {
                let formula = first
                    .formulas
                    .iter()
                    .find(|(fr, fc, _)| (*fr, *fc) == (r, c))
                    .map(|(_, _, f)| f);
                let f = match formula {
                    Some(Ok(f)) => f,
                    Some(Err(why)) => return Computed::Failed((*why).to_string()),
                    None => return Computed::Failed(REASON_SET.to_string()),
                };
                if refused.contains(&(0, r, c)) {
                    return Computed::Failed(REASON_SET.to_string());
                }
                match model.get_cell_value_by_index(0, r as i32 + 1, c as i32 + 1) {
                    Ok(CellValue::Number(v)) if v.is_finite() => Computed::Number {
                        value: v,
                        round: round_digits(f),
                    },
                    Ok(CellValue::None) => Computed::Blank,
                    Ok(CellValue::String(s)) if s.is_empty() => Computed::Blank,
                    // An error value (#REF!, #NAME?, #DIV/0!…).
                    Ok(CellValue::String(s)) if is_error_value(&s) => Computed::Failed(s),
                    Ok(CellValue::String(s)) => Computed::Text(s),
                    Ok(CellValue::Boolean(b)) => Computed::Failed(b.to_string().to_uppercase()),
                    Ok(CellValue::Number(v)) => Computed::Failed(v.to_string()),
                    Err(_) => Computed::Failed(REASON_SET.to_string()),
                }
            })
            .collect();
        Some(out)
    }
}

/// An `.xls` stores a function newer than Excel 97 (`IFERROR`, `IFS`…)
/// as a call of the add-in `_xlfn.IFERROR`, which calamine writes
/// `User(_xlfn.IFERROR,x,"")`: the call the engine knows, `IFERROR(x,"")`.
fn xls_future_functions(f: &str) -> String {
    const USER: &str = "User(_xlfn.";
    if !f.contains(USER) {
        return f.to_string();
    }
    let mut out = String::with_capacity(f.len());
    let mut rest = f;
    while let Some(at) = rest.find(USER) {
        out.push_str(&rest[..at]);
        let after = &rest[at + USER.len()..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
            .unwrap_or(after.len());
        out.push_str(&after[..name_len]);
        out.push('(');
        rest = &after[name_len..];
        // The comma after the name opens the arguments.
        rest = rest.strip_prefix(',').unwrap_or(rest);
    }
    out.push_str(rest);
    out
}

/// Whether the engine's text result is an error value (`#DIV/0!`,
/// `#N/A`, `#NAME?`…) rather than a text.
fn is_error_value(s: &str) -> bool {
    s.len() <= 10
        && s.starts_with('#')
        && s[1..]
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "/!?".contains(c))
}

/// n when a formula is `ROUND(x, n)` as a whole (n a whole number; a
/// negative n, rounding to tens or thousands, counts as 0).
fn round_digits(formula: &str) -> Option<u8> {
    let f = formula.trim();
    let head = f.get(..6)?;
    if !head.eq_ignore_ascii_case("ROUND(") || !f.ends_with(')') {
        return None;
    }
    let inner = f.get(6..f.len() - 1)?;
    // The last comma at the top level of the call splits x from n; the
    // parenthesis opened by ROUND must close only at the end.
    let (mut depth, mut in_string, mut split) = (0i32, false, None);
    for (i, ch) in inner.char_indices() {
        match ch {
            '"' => in_string = !in_string,
            _ if in_string => {}
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return None;
                }
            }
            ',' if depth == 0 => split = Some(i),
            _ => {}
        }
    }
    let n: i32 = inner.get(split? + 1..)?.trim().parse().ok()?;
    u8::try_from(n.clamp(0, 15)).ok()
}

/// An OpenDocument formula (`of:=ROUND([.G9]/[.E9]*100;2)`, prefix
/// stripped) in Excel's A1 notation (`ROUND(G9/E9*100,2)`): references in
/// brackets lose them (`[Sheet2.A1:.B3]` → `Sheet2!A1:B3`), `;` separates
/// arguments. `None` when a reference is not of those forms (another
/// file, `#REF!`).
fn from_opendocument(f: &str) -> Option<String> {
    let mut out = String::with_capacity(f.len());
    let mut chars = f.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '"' => {
                out.push(ch);
                for s in chars.by_ref() {
                    out.push(s);
                    if s == '"' {
                        break;
                    }
                }
            }
            '[' => {
                let mut reference = String::new();
                for r in chars.by_ref() {
                    if r == ']' {
                        break;
                    }
                    reference.push(r);
                }
                out.push_str(&ods_reference(&reference)?);
            }
            ';' => out.push(','),
            _ => out.push(ch),
        }
    }
    Some(out)
}

/// `.A1` → `A1`, `$Sheet2.$A$1:.B3` → `Sheet2!$A$1:B3`,
/// `'Biểu 1'.A1` → `'Biểu 1'!A1`.
fn ods_reference(reference: &str) -> Option<String> {
    let mut parts = Vec::new();
    for (k, part) in reference.split(':').enumerate() {
        let (sheet, cell) = part.rsplit_once('.')?;
        let sheet = sheet.trim_start_matches('$');
        let is_cell = !cell.is_empty()
            && cell
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '$');
        if !is_cell || sheet.contains('#') || sheet.contains('/') {
            return None;
        }
        // The sheet is named once, before the first cell of a range.
        if k == 0 && !sheet.is_empty() {
            parts.push(format!("{sheet}!{cell}"));
        } else {
            parts.push(cell.to_string());
        }
    }
    Some(parts.join(":"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_formula_over_its_own_row_names_the_columns_it_reads() {
        // Row 12 is 0-based 11.
        let own = |f: &str| own_row_references(f, 11);
        assert_eq!(own(r#"IF(E12="","",E12)"#), Some(vec![4]));
        assert_eq!(
            own(r#"IF(COUNT(F12,D12)<2,"",IFERROR(ROUND(F12/D12*100,2),""))"#),
            Some(vec![3, 5])
        );
        assert_eq!(own("SUM($D$12:G12)+TRUE"), Some(vec![3, 4, 5, 6]));
        assert_eq!(own("0"), Some(vec![]));
        // Another row, another sheet, a whole column, a name: not its own.
        assert_eq!(own("E11"), None);
        assert_eq!(own("SUM(E9:E12)"), None);
        assert_eq!(own("'Nhap lieu'!E12"), None);
        assert_eq!(own("Sheet2!E12"), None);
        assert_eq!(own("SUM(E:E)"), None);
        assert_eq!(own("E12*ty_le"), None);
    }

    #[test]
    fn newer_functions_of_an_xls_are_called_by_their_name() {
        assert_eq!(
            xls_future_functions(
                r#"IF(COUNT(F8,D8)<2,"",User(_xlfn.IFERROR,ROUND(F8/D8*100,2),""))"#
            ),
            r#"IF(COUNT(F8,D8)<2,"",IFERROR(ROUND(F8/D8*100,2),""))"#
        );
        assert_eq!(
            xls_future_functions("User(_xlfn.IFS,A1>0,1,TRUE,2)+User(_xlfn.RANDARRAY)"),
            "IFS(A1>0,1,TRUE,2)+RANDARRAY()"
        );
        assert_eq!(xls_future_functions("SUM(A1:A3)"), "SUM(A1:A3)");
        assert!(is_error_value("#DIV/0!") && is_error_value("#N/A") && is_error_value("#NAME?"));
        assert!(!is_error_value("250") && !is_error_value("# hồ sơ"));
    }

    #[test]
    fn round_digits_reads_n_of_a_whole_round_call() {
        assert_eq!(round_digits("ROUND(G9/E9*100,2)"), Some(2));
        assert_eq!(round_digits("round( (G9-H9)/H9*100 , 1 )"), Some(1));
        assert_eq!(round_digits("ROUND(SUM(E8:E11),0)"), Some(0));
        assert_eq!(round_digits("ROUND(E8,-3)"), Some(0));
        // Not a ROUND of the whole formula, or no whole n.
        assert_eq!(round_digits("ROUND(G9,2)*100"), None);
        assert_eq!(round_digits("ROUND(G9,2)+ROUND(H9,2)"), None);
        assert_eq!(round_digits("ROUNDUP(G9,2)"), None);
        assert_eq!(round_digits("ROUND(G9,E1)"), None);
        assert_eq!(round_digits("SUM(E8:E11)"), None);
        assert_eq!(round_digits("ROUND(\"a,)\",2)"), Some(2));
    }

    #[test]
    fn the_sheets_a_formula_takes_figures_from_are_named() {
        assert_eq!(referenced_sheets("'Nhap lieu'!C5"), vec!["Nhap lieu"]);
        assert_eq!(
            referenced_sheets("SUM(Sheet2!D8:D9)+'Số liệu của ''P1'''!E3"),
            vec!["Sheet2", "Số liệu của 'P1'"]
        );
        // Not a reference: an exclamation in a string, a defined name.
        assert!(referenced_sheets("IF(E8>0,\"Có!\",\"\")").is_empty());
        assert!(referenced_sheets("DungHan_TH+TreHan_TH").is_empty());
    }

    /// calamine writes an `.xls` link back with its sheet's name unquoted,
    /// spaces and all: the workbook's names find it, and a name that only
    /// ends another is not taken for it.
    #[test]
    fn an_xls_link_names_its_sheet_unquoted() {
        let sheets: Vec<String> = ["Tổng hợp", "Biểu 01 - Kinh tế", "Kinh tế", "B03-NC-CCHC"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            referenced_sheets_of("Biểu 01 - Kinh tế!Q9", &sheets),
            ["Biểu 01 - Kinh tế"]
        );
        assert_eq!(
            referenced_sheets_of("SUM(B03-NC-CCHC!E31,'Kinh tế'!E9)", &sheets),
            ["Kinh tế", "B03-NC-CCHC"]
        );
        assert!(referenced_sheets_of("E9+F9", &sheets).is_empty());
    }

    #[test]
    fn the_defined_names_a_sheet_uses_go_to_the_engine_in_a1() {
        let mut formulas = Range::new((0, 0), (0, 1));
        formulas.set_value((0, 0), "=DungHan_TH+treHan_th".to_string());
        formulas.set_value((0, 1), "of:=SUM(Ods_Range)+Bieu.X+\"Unused\"".to_string());
        let defined: Vec<(String, String)> = [
            ("DungHan_TH", "'Số liệu'!$E$75"),
            ("TreHan_TH", "'Số liệu'!$E$76"),
            ("Ods_Range", "$'Số liệu'.$E$75:.$E$76"),
            ("Unused", "'Số liệu'!$A$1"),
        ]
        .iter()
        .map(|(n, r)| (n.to_string(), r.to_string()))
        .collect();
        assert_eq!(
            names_used(&defined, &formulas),
            [
                ("DungHan_TH".to_string(), "'Số liệu'!$E$75".to_string()),
                ("TreHan_TH".to_string(), "'Số liệu'!$E$76".to_string()),
                ("Ods_Range".to_string(), "'Số liệu'!$E$75:$E$76".to_string()),
            ]
        );
    }

    #[test]
    fn round_decimals_follow_the_format_when_it_shows_fewer() {
        assert_eq!(round_decimals(2, None), 2);
        assert_eq!(round_decimals(2, Some((false, None))), 2);
        assert_eq!(round_decimals(2, Some((false, Some(1)))), 1);
        // Format padding adds no precision.
        assert_eq!(round_decimals(1, Some((false, Some(2)))), 1);
        // A percent-formatted fraction: ROUND(x, 4) shown as 12,34%.
        assert_eq!(round_decimals(4, Some((true, Some(2)))), 2);
    }

    #[test]
    fn opendocument_formulas_become_a1() {
        assert_eq!(
            from_opendocument("ROUND([.G9]/[.E9]*100;2)").as_deref(),
            Some("ROUND(G9/E9*100,2)")
        );
        assert_eq!(
            from_opendocument("SUM([.E8:.E11])").as_deref(),
            Some("SUM(E8:E11)")
        );
        assert_eq!(
            from_opendocument("[$Sheet2.$A$1:.B3]+['Biểu 1'.C4]").as_deref(),
            Some("Sheet2!$A$1:B3+'Biểu 1'!C4")
        );
        assert_eq!(
            from_opendocument("IF([.A1]=\"x;[y]\";1;2)").as_deref(),
            Some("IF(A1=\"x;[y]\",1,2)")
        );
        // Another file, or a deleted reference: not converted.
        assert_eq!(from_opendocument("['file:///c:/a.ods'#$Sheet1.A1]"), None);
        assert_eq!(from_opendocument("[.#REF!]"), None);
    }

    #[test]
    fn a_reference_to_another_sheet_is_seen_outside_strings_only() {
        let sheet = |f: &str| EngineSheet {
            name: "S".into(),
            values: Vec::new(),
            typed: Vec::new(),
            formulas: vec![(0, 0, Ok(f.to_string()))],
        };
        assert!(sheet("Sheet2!A1*2").reaches_other_sheets());
        assert!(!sheet("IF(A1>0,\"!\",B1)").reaches_other_sheets());
    }

    fn sheet_of(values: Vec<(u32, u32, Data)>, formulas: Vec<(u32, u32, &str)>) -> EngineSheet {
        EngineSheet {
            name: "Biểu 1".into(),
            values,
            typed: Vec::new(),
            formulas: formulas
                .into_iter()
                .map(|(r, c, f)| (r, c, Ok(f.to_string())))
                .collect(),
        }
    }

    #[test]
    fn the_engine_evaluates_round_sum_if_and_ranges() {
        // E8:E11 = 10, 20, 30, 40.5; D12 = 200.
        let mut values: Vec<_> = (7..11)
            .zip([10.0, 20.0, 30.0, 40.5])
            .map(|(r, v)| (r, 4, Data::Float(v)))
            .collect();
        values.push((11, 3, Data::Int(200)));
        let sheet = sheet_of(
            values,
            vec![
                (11, 4, "SUM(E8:E11)"),
                (11, 5, "ROUND(E12/D12*100,1)"),
                (11, 6, "IF(D12>0,E12-D12,\"\")"),
                (11, 7, "IF(D12>1000,1,\"\")"),
                (11, 8, "[1]Sheet1!A1"),
                (11, 9, "NOSUCHFUNCTION(E8)"),
                (11, 10, "E8/0"),
            ],
        );
        let targets: Vec<_> = (4..11).map(|c| (11, c)).collect();
        let got = engine::evaluate(&[sheet], &[], &targets, false).unwrap();
        assert_eq!(
            got[0],
            Computed::Number {
                value: 100.5,
                round: None
            }
        );
        assert_eq!(
            got[1],
            Computed::Number {
                value: 50.3,
                round: Some(1)
            }
        );
        assert_eq!(
            got[2],
            Computed::Number {
                value: -99.5,
                round: None
            }
        );
        assert_eq!(got[3], Computed::Blank);
        for (k, g) in got.iter().enumerate().skip(4) {
            assert!(matches!(g, Computed::Failed(_)), "{k}: {g:?}");
        }
    }

    #[test]
    fn the_engine_follows_references_to_another_sheet() {
        let first = sheet_of(vec![], vec![(0, 0, "ROUND('Số liệu'!B2*2,0)")]);
        let second = EngineSheet {
            name: "Số liệu".into(),
            values: vec![(1, 1, Data::Float(21.2))],
            typed: Vec::new(),
            formulas: Vec::new(),
        };
        let got = engine::evaluate(&[first, second], &[], &[(0, 0)], false).unwrap();
        assert_eq!(
            got[0],
            Computed::Number {
                value: 42.0,
                round: Some(0)
            }
        );
    }
}
