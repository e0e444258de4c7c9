//! The prose against the consolidated table (`--against OUT`): a figure
//! written next to the name of a catalog indicator ("đã cấp 126 giấy phép
//! xây dựng", "cách ly tập trung 35 người") must be the consolidated total.
//!
//! The table is `OUT/tong-hop.xlsx`, sheet "Tổng hợp" (or "Summary"):
//!
//! ```text
//!   A     B          C     D    E    F    G    H     I
//!   Mã    Chỉ tiêu   ĐVT   KH   TH   LK   CK   %KH   %CK    ← header, in the first 10 rows
//!         I. KINH TẾ                                        ← section: no code
//!   KT01  Giá trị …  tỷ đồng  …
//! ```
//!
//! Names are matched on their folded words: the catalog name, the name
//! up to its first comma or bracket ("Giấy phép xây dựng"), and the
//! aliases, each of two words or more and belonging to one indicator only.
//! The figure must touch the name (right before it, or right after it with
//! at most "là", "đạt", ":") within its clause: a comma the catalog name
//! does not write ends the name, a name with a figure on both sides
//! claims neither, and a figure before a name must follow a verb that
//! says the name's deed. A name ending on its deed may be split around
//! the figure: "tiếp nhận 3.930 hồ sơ thủ tục hành chính" is «Hồ sơ thủ
//! tục hành chính đã tiếp nhận». Sentences about one ward (not "quận và
//! 16 phường"), changes ("tăng 5")
//! and estimates are left alone. Money written in another unit than the
//! catalog's ("17,8 triệu đồng" of a row in đồng) is compared with the
//! table's figure converted into it; a thousand times off is an error
//! naming the right unit ("17,8 tỷ đồng" where the table has 17.800.000
//! đồng).

use super::claims::{Figure, Span};
use super::lexer::{Tok, Token};
use super::scope::{self, Mark, Named};
use crate::diagnostic::{Finding, Lang, Severity};
use crate::error::Fatal;
use crate::messages::Prose;
use crate::model::{Period, ValueColumn};
use crate::number::{format_auto, format_num, parse_number, NumberLocale};
use crate::rules::rounding::{judge_percent, Verdict};
use crate::template::{Kind, Template};
use crate::text::{fold, indicator_key};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The consolidated TH and LK of each indicator code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableTotals {
    values: HashMap<String, (Option<f64>, Option<f64>)>,
    /// The codes in the table's order: what a message shows of the
    /// table.
    order: Vec<String>,
    /// The figures (code, TH or LK) the workbook marks as in error (filled
    /// red): a total its own findings dispute.
    disputed: HashSet<(String, ValueColumn)>,
    /// The period the title above the table names ("… — QUÝ I/2020"): a
    /// figure the prose gives for another period is not compared.
    pub period: Option<Period>,
}

impl TableTotals {
    /// Builds totals from `(code, TH, LK)` rows.
    pub fn from_rows(rows: impl IntoIterator<Item = (String, Option<f64>, Option<f64>)>) -> Self {
        let rows: Vec<_> = rows.into_iter().collect();
        TableTotals {
            order: rows.iter().map(|(c, _, _)| c.clone()).collect(),
            values: rows.into_iter().map(|(c, th, lk)| (c, (th, lk))).collect(),
            disputed: HashSet::new(),
            period: None,
        }
    }

    /// The same totals, `disputed` marked as in error in the workbook.
    pub fn with_disputed(
        mut self,
        disputed: impl IntoIterator<Item = (String, ValueColumn)>,
    ) -> Self {
        self.disputed.extend(disputed);
        self
    }

    /// Whether the workbook marks `column` of `code` as in error.
    pub fn is_disputed(&self, code: &str, column: ValueColumn) -> bool {
        self.disputed.contains(&(code.to_string(), column))
    }

    /// The same totals, for `period`.
    pub fn for_period(mut self, period: Option<Period>) -> Self {
        self.period = period;
        self
    }

    /// The codes of the table's rows, in its order: the words under
    /// the table (its footnotes, the signature) are no codes.
    pub fn codes(&self) -> Vec<String> {
        self.order
            .iter()
            .filter(|c| !c.contains(char::is_whitespace) && c.chars().count() <= 20)
            .cloned()
            .collect()
    }

    /// TH and LK of an indicator.
    pub fn get(&self, code: &str) -> Option<(Option<f64>, Option<f64>)> {
        self.values.get(code).copied()
    }
}

/// The summary sheet's name in either language.
const SHEETS: [&str; 2] = [
    crate::outputs::Sheet::Summary.names().0,
    crate::outputs::Sheet::Summary.names().1,
];

/// Reads `dir/tong-hop.xlsx` (or `dir` itself, the workbook): the figure
/// columns by the short name their heading starts with and the period by
/// the title, as [`crate::outputs`] says `consolidate` writes them in
/// every period and language.
///
/// # Errors
/// When the workbook is missing or unreadable, has neither sheet, or no
/// header row with "Mã" (or "Code") in column A and an LK column in the
/// first 10 rows.
pub fn read_table(dir: &Path) -> Result<TableTotals, Fatal> {
    use crate::error::{Arg, Problem};
    use calamine::Data;
    // The output folder, or its tong-hop.xlsx itself, as --previous.
    let (path, _) = crate::reconcile::cumulative::previous_paths(dir);
    let input =
        |(vi, en): (String, String)| Fatal::input(&path, Arg::Against, Problem::Content(vi, en));
    let limits = crate::template::Limits::default();
    let mut wb = crate::ingest::open_named(&path, Arg::Against, &limits)?;
    let names = wb.sheet_names();
    let sheet = SHEETS
        .iter()
        .find(|s| names.iter().any(|n| n == *s))
        .ok_or_else(|| {
            let found = crate::diagnostic::Lang::En.some_of(&names, 10, ("trang", "sheets"));
            input((
                format!("không có trang «Tổng hợp» hay «Summary»; các trang có: {found}"),
                format!("no sheet «Tổng hợp» or «Summary»; sheets found: {found}"),
            ))
        })?;
    let mut grid = wb.sheet(sheet).map_err(|e| {
        let (vi, _) = crate::ingest::reasons::reason_words(&e, crate::diagnostic::Lang::Vi);
        input((vi, e))
    })?;
    // The fills of the figures: red is a figure in error (see
    // `crate::report::marks`). None read: none taken as disputed.
    let error_fill = match crate::report::workbook::severity_fill(Severity::Error) {
        rust_xlsxwriter::Color::RGB(rgb) => Some(rgb),
        _ => None,
    };
    let style_ids = grid.take_style_ids();
    let styles = wb
        .style_table()
        .ok()
        .map(|t| crate::ingest::styles::SheetStyles::new(t, style_ids));
    let range = grid.range();
    let (top, left) = range.start().unwrap_or((0, 0));
    let in_error = |row: usize, col: usize| {
        let (Ok(row), Ok(col)) = (u32::try_from(row), u32::try_from(col)) else {
            return false;
        };
        styles
            .as_ref()
            .is_some_and(|st| error_fill.is_some() && st.fill(top + row, left + col) == error_fill)
    };
    let text = |c: &Data| -> String {
        match c {
            Data::String(s) => s.trim().to_string(),
            Data::Int(i) => i.to_string(),
            Data::Float(f) => f.to_string(),
            Data::Bool(_)
            | Data::DateTime(_)
            | Data::DateTimeIso(_)
            | Data::DurationIso(_)
            | Data::Error(_)
            | Data::Empty => String::new(),
        }
    };
    let number = |c: &Data| -> Option<f64> {
        match c {
            Data::Float(f) => Some(*f),
            Data::Int(i) => Some(*i as f64),
            Data::String(s) => parse_number(s, NumberLocale::Vi).map(|p| p.value),
            Data::Bool(_)
            | Data::DateTime(_)
            | Data::DateTimeIso(_)
            | Data::DurationIso(_)
            | Data::Error(_)
            | Data::Empty => None,
        }
    };
    let rows: Vec<&[Data]> = range.rows().collect();
    // The header row: the one `consolidate` heads with «Mã» (or «Code»).
    let leads = [Lang::Vi, Lang::En].map(|l| crate::outputs::summary_leading_headings(l)[0]);
    let header = rows
        .iter()
        .take(10)
        .position(|r| r.first().is_some_and(|c| leads.contains(&text(c).as_str())))
        .ok_or_else(|| {
            input((
                format!("trang {sheet}: không có dòng tiêu đề với «Mã» ở cột A trong 10 dòng đầu"),
                format!(
                    "sheet {sheet}: no header row with «Code» in column A in the first 10 rows"
                ),
            ))
        })?;
    let head: Vec<String> = rows
        .get(header)
        .map(|r| r.iter().map(&text).collect())
        .unwrap_or_default();
    // Each figure column by the short name its heading starts with, as
    // the summary writes it ("LK\n6 tháng 2020", "LK\n6 months 2020").
    let col = |c: ValueColumn| {
        head.iter()
            .position(|h| crate::outputs::summary_column(h) == Some(c))
    };
    let lk = col(ValueColumn::Lk).ok_or_else(|| {
        // The headings as written, each on one line.
        let found = head
            .iter()
            .filter(|h| !h.is_empty())
            .map(|h| h.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join(", ");
        input((
            format!("trang {sheet}: dòng tiêu đề không có cột LK (có: {found})"),
            format!("sheet {sheet}: no LK column in the header (found: {found})"),
        ))
    })?;
    let th = col(ValueColumn::Th);
    // The title rows above the header name the period.
    let period = rows
        .iter()
        .take(header)
        .flat_map(|r| r.iter())
        .find_map(|c| crate::normalize::title::summary_title_period(&text(c)));
    let mut out = Vec::new();
    let mut disputed = Vec::new();
    for (r, row) in rows.iter().enumerate().skip(header + 1) {
        let code = row.first().map(&text).unwrap_or_default();
        if code.is_empty() {
            continue;
        }
        for (column, c) in [(ValueColumn::Th, th), (ValueColumn::Lk, Some(lk))] {
            if c.is_some_and(|c| in_error(r, c)) {
                disputed.push((code.clone(), column));
            }
        }
        let th_value = th.and_then(|c| row.get(c)).and_then(number);
        let lk_value = row.get(lk).and_then(number);
        out.push((code, th_value, lk_value));
    }
    Ok(TableTotals::from_rows(out)
        .for_period(period)
        .with_disputed(disputed))
}

/// The names to look for: folded word sequences, each of one indicator.
#[derive(Clone, Debug, Default)]
pub struct NameIndex {
    /// (words, code, unit folded), longest first. A [`COMMA`] among the
    /// words is where the catalog writes one: the prose may write it or
    /// not, and a comma anywhere else ends the name.
    keys: Vec<(Vec<String>, String, String)>,
    /// Every name of each indicator, its folded words joined by spaces:
    /// what the verb before a figure is compared with.
    names: HashMap<String, Vec<String>>,
    /// How each indicator adds up: a stock's LK is its TH, a flow's LK
    /// is at least its TH.
    kinds: HashMap<String, Kind>,
    /// Each indicator's unit, folded.
    units: HashMap<String, String>,
    /// Each indicator's catalog name, as written: what messages call it.
    titles: HashMap<String, String>,
    /// The names that end on their deed, without it: (words, deed,
    /// code), longest first. «Hồ sơ thủ tục hành chính đã tiếp nhận» is
    /// "hồ sơ thủ tục hành chính" done "tiếp nhận": the verb before a
    /// figure says which of the indicators sharing the noun it counts
    /// ("tiếp nhận 3.930 hồ sơ thủ tục hành chính").
    deed_keys: Vec<(Vec<String>, String, String)>,
}

/// The place of a comma inside a catalog name, among its words.
const COMMA: &str = ",";

impl NameIndex {
    pub fn new(template: &Template) -> NameIndex {
        let mut by_key: HashMap<Vec<String>, HashSet<String>> = HashMap::new();
        let mut names_of: HashMap<String, Vec<String>> = HashMap::new();
        let mut deed_keys: Vec<(Vec<String>, String, String)> = Vec::new();
        for ind in &template.indicators {
            let head = ind.name.split([',', '(']).next().unwrap_or_default();
            let mut names = vec![ind.name.as_str(), head];
            names.extend(ind.aliases.iter().map(String::as_str));
            for name in names {
                let words = name_words(name);
                let plain: Vec<&str> = words
                    .iter()
                    .map(String::as_str)
                    .filter(|w| *w != COMMA)
                    .collect();
                if let Some((noun, deed)) = without_deed(&words) {
                    let key = (noun, deed, ind.code.clone());
                    if !deed_keys.contains(&key) {
                        deed_keys.push(key);
                    }
                }
                if plain.len() >= 2 {
                    names_of
                        .entry(ind.code.clone())
                        .or_default()
                        .push(plain.join(" "));
                    by_key.entry(words).or_default().insert(ind.code.clone());
                }
            }
        }
        // A key two indicators share names neither.
        let mut keys: Vec<(Vec<String>, String, String)> = by_key
            .into_iter()
            .filter(|(_, codes)| codes.len() == 1)
            .filter_map(|(words, codes)| {
                let code = codes.into_iter().next()?;
                let unit = template
                    .indicator(&code)
                    .map(|i| fold(&i.unit))
                    .unwrap_or_default();
                Some((words, code, unit))
            })
            .collect();
        keys.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.1.cmp(&b.1)));
        deed_keys.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.2.cmp(&b.2)));
        NameIndex {
            deed_keys,
            keys,
            names: names_of,
            kinds: template
                .indicators
                .iter()
                .map(|i| (i.code.clone(), i.kind))
                .collect(),
            units: template
                .indicators
                .iter()
                .map(|i| (i.code.clone(), fold(&i.unit)))
                .collect(),
            titles: template
                .indicators
                .iter()
                .map(|i| (i.code.clone(), i.name.clone()))
                .collect(),
        }
    }

    /// How messages name an indicator: its code and its catalog name
    /// (`DO01 «Giấy phép xây dựng đã cấp»`), a reader knowing the names
    /// rather than the codes; the code alone when the catalog has none.
    pub fn label(&self, code: &str) -> String {
        match self.titles.get(code).filter(|t| !t.trim().is_empty()) {
            Some(title) => format!("{code} «{}»", title.trim()),
            None => code.to_string(),
        }
    }

    /// Whether the template has an indicator of this code.
    pub fn knows(&self, code: &str) -> bool {
        self.kinds.contains_key(code)
    }

    /// True unless the verb right before a figure says another deed than
    /// the indicator's names: "tiếp nhận 19.461 hồ sơ …" counts files
    /// received, not «… đã giải quyết». A name that says no deed agrees
    /// with any verb; a verb agrees with a deed of the name that it holds
    /// or that holds it ("tiếp nhận" with «… đã nhận», "cấp mới" with
    /// «… đã cấp»).
    fn verb_agrees(&self, code: &str, verb: &[&str]) -> bool {
        if verb.is_empty() {
            return true;
        }
        let verb = verb.join(" ");
        let holds = |a: &str, b: &str| format!(" {a} ").contains(&format!(" {b} "));
        let deeds: Vec<&str> = self
            .names
            .get(code)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .flat_map(|n| DEEDS.iter().copied().filter(|d| holds(n, d)))
            .collect();
        deeds.is_empty() || deeds.iter().any(|d| holds(&verb, d) || holds(d, &verb))
    }
}

/// A name that ends on one of [`DEEDS`] (after "đã", "bị" or "được"),
/// cut before it: the noun words (two or more, [`COMMA`]s kept) and the
/// deed. «Hồ sơ thủ tục hành chính đã tiếp nhận» is ("hồ sơ thủ tục hành
/// chính", "tiếp nhận").
fn without_deed(words: &[String]) -> Option<(Vec<String>, String)> {
    let deed = DEEDS
        .iter()
        .map(|d| d.split(' ').collect::<Vec<_>>())
        .filter(|d| words.len() > d.len() && words.ends_with_str(d))
        .max_by_key(Vec::len)?;
    let mut noun = words.get(..words.len() - deed.len())?.to_vec();
    if noun
        .last()
        .is_some_and(|w| matches!(w.as_str(), "da" | "bi" | "duoc"))
    {
        noun.pop();
    }
    let plain = noun.iter().filter(|w| *w != COMMA).count();
    (plain >= 2 && noun.last().is_some_and(|w| w != COMMA)).then(|| (noun, deed.join(" ")))
}

/// `ends_with` for owned words against borrowed ones.
trait EndsWithStr {
    fn ends_with_str(&self, tail: &[&str]) -> bool;
}

impl EndsWithStr for [String] {
    fn ends_with_str(&self, tail: &[&str]) -> bool {
        self.len() >= tail.len()
            && self
                .iter()
                .rev()
                .zip(tail.iter().rev())
                .all(|(a, b)| a == b)
    }
}

/// The folded words of a catalog name, with [`COMMA`] where the name has a
/// comma ("Giấy phép xây dựng, sửa chữa nhà đã cấp").
fn name_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    for (i, segment) in name.split(',').enumerate() {
        // Numbering and "trong đó" are stripped from the start of the name
        // only.
        let key = if i == 0 {
            indicator_key(segment)
        } else {
            fold(segment)
        };
        let segment_words: Vec<String> = key
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect();
        if segment_words.is_empty() {
            continue;
        }
        if !words.is_empty() {
            words.push(COMMA.to_string());
        }
        words.extend(segment_words);
    }
    words
}

/// A figure the prose ties to an indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct NamedFigure {
    pub code: String,
    pub figure: Figure,
    /// The name and the figure together.
    pub span: Span,
    /// The table's period its clause names: the quarter (TH), the
    /// months from January (LK), or neither.
    pub period: Named,
    /// Money written in another unit than the catalog's ("17,8 tỷ
    /// đồng" of an indicator counted in đồng): the table's figure is
    /// converted into the written unit before it is compared.
    pub money: Option<MoneyUnits>,
    /// A multiplier word written right after the figure ("60,5 nghìn
    /// lượt người", "9,3 nghìn tỷ đồng"), as an index of
    /// [`MULTIPLIERS`]: the table's figure is divided by it before it is
    /// compared, so the figure keeps its written precision.
    pub times: Option<usize>,
}

/// The unit a figure of money is written in and the catalog's unit of its
/// indicator, as steps of [`MONEY_UNITS`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MoneyUnits {
    pub written: usize,
    pub catalog: usize,
}

/// The units of money a figure may be written in, smallest first: folded
/// words, the words as a message writes them, and their size in đồng.
/// "ngàn" is "nghìn" and "tỉ" is "tỷ".
const MONEY_UNITS: &[(&[&str], &str, f64)] = &[
    (&["dong"], "đồng", 1.0),
    (&["nghin dong", "ngan dong"], "nghìn đồng", 1e3),
    (&["trieu dong"], "triệu đồng", 1e6),
    (&["ty dong", "ti dong"], "tỷ đồng", 1e9),
];

/// Words after a figure that multiply it, folded, with the words a
/// message writes and their size: "60,5 nghìn lượt người" is 60.500
/// rounded, "9,3 nghìn tỷ đồng" 9.300 tỷ đồng. A word followed by
/// "đồng" is the unit of money ("201 triệu đồng"), not a multiplier.
const MULTIPLIERS: &[(&[&str], &str, f64)] = &[
    (&["nghin", "ngan"], "nghìn", 1e3),
    (&["trieu"], "triệu", 1e6),
    (&["ty", "ti"], "tỷ", 1e9),
];

/// The multiplier of [`MULTIPLIERS`] written right after the figure at
/// `n`, if any.
fn multiplier_after(tokens: &[Token], n: usize) -> Option<usize> {
    let word = |i: usize| tokens.get(i).and_then(Token::word);
    let w = word(n + 1)?;
    if word(n + 2) == Some("dong") {
        return None;
    }
    MULTIPLIERS
        .iter()
        .position(|(ways, _, _)| ways.contains(&w))
}

/// The step of [`MONEY_UNITS`] a folded unit is, if it is money.
fn money_step(unit: &str) -> Option<usize> {
    MONEY_UNITS
        .iter()
        .position(|(ways, _, _)| ways.contains(&unit))
}

/// The step of [`MONEY_UNITS`] written right after the figure at `n`:
/// "17,8 tỷ đồng", "96.800.000 đồng" ("đồng ý" is no money), or after
/// its multiplier ("9,3 nghìn tỷ đồng").
fn money_after(tokens: &[Token], n: usize) -> Option<usize> {
    let n = n + usize::from(multiplier_after(tokens, n).is_some());
    let word = |i: usize| tokens.get(i).and_then(Token::word);
    match (word(n + 1), word(n + 2)) {
        (Some(a), Some("dong")) if a != "dong" => money_step(&format!("{a} dong")),
        (Some("dong"), next) if next != Some("y") => Some(0),
        _ => None,
    }
}

/// Words between a name and its figure that keep them together.
const FILLERS: &[&str] = &["la", "dat", "duoc", "co"];
/// Words that make a sentence about one ward or commune.
const LOCAL: &[&str] = &["phuong", "xa"];
/// Places inside a ward or commune, folded, that a number names ("Tổ
/// 3", "Khu phố 1", "Tổ dân phố 1 đến tổ 3", "ấp 2"): a sentence naming
/// one is about them, not the whole area the table totals.
const LOCAL_NUMBERED: &[&[&str]] = &[
    &["to", "dan", "pho"],
    &["khu", "pho"],
    &["kp"],
    &["to"],
    &["ap"],
    &["thon"],
    &["khom"],
];
const QUALIFIERS: &[&str] = &[
    "tang", "giam", "them", "khoang", "gan", "hon", "tren", "duoi", "xi", "voi", "toi", "den",
];
/// Verbs saying what was done to the things a figure counts, as catalog
/// names write them («Hồ sơ … đã tiếp nhận», «… đã giải quyết»,
/// «Giấy phép … đã cấp»). Folded words; the longest written right before
/// a figure is its verb.
const DEEDS: &[&str] = &[
    "tiep nhan",
    "nhan",
    "giai quyet",
    "cap",
    "cap moi",
    "cap doi",
    "thu hoi",
    "xu ly",
    "xu phat",
    "phat hien",
    "kiem tra",
    "tra loi",
    "hoa giai",
    "giai ngan",
    "ban hanh",
    "dang ky",
    "thanh lap",
    "giai the",
    "chuyen",
    "bat giu",
    "khoi to",
];

/// Every figure of a passage that touches an indicator's name, when only
/// one indicator claims it.
///
/// A name ends at a comma the catalog does not write there, so it stays in
/// its clause: in "tiếp nhận 19.461 hồ sơ thủ tục hành chính, đã giải
/// quyết 17.595 hồ sơ" no name «Hồ sơ thủ tục hành chính đã giải quyết»
/// is read. A name with a figure on both sides belongs to either and
/// claims neither, and a figure before a name whose verb says another deed
/// ("thu hồi 5 giấy phép xây dựng" against «… đã cấp») is not its figure.
///
/// A figure whose clause names another period than `period`, a plan or a
/// part the indicator's names do not say is left alone ([`scope`]); where
/// two names overlap ("… hồ sơ thủ tục hành chính đã *giải quyết* trễ
/// hạn"), the one reaching further into the clause is the figure's.
pub fn named_figures(
    tokens: &[Token],
    names: &NameIndex,
    period: Option<Period>,
) -> Vec<NamedFigure> {
    let marks = scope::marks(tokens, period);
    // Words, numbers and commas; dashes inside names skipped.
    let seq: Vec<usize> = (0..tokens.len())
        .filter(|&i| {
            tokens
                .get(i)
                .is_some_and(|t| !matches!(t.tok, Tok::Punct('-' | '–')))
        })
        .collect();
    let tok = |s: usize| seq.get(s).and_then(|&i| tokens.get(i));
    let word = |s: usize| tok(s).and_then(Token::word);
    // The number of places of `seq` a name takes from `s`, if it is there.
    let name_at = |s: usize, words: &[String]| -> Option<usize> {
        let mut p = s;
        for w in words {
            if w == COMMA {
                if tok(p).is_some_and(|t| t.is_punct(',')) {
                    p += 1;
                }
            } else if word(p) == Some(w.as_str()) {
                p += 1;
            } else {
                return None;
            }
        }
        Some(p - s)
    };
    // A name cut before its deed at `s`: the figure right before it, a
    // verb before the figure that says the deed of one indicator only,
    // and the clause ending with the noun (a word after it may name a
    // part: "… hồ sơ thủ tục hành chính trực tuyến"). The figure's token,
    // the end of the noun in `seq` and the code.
    let deed_named = |s: usize| -> Option<(usize, usize, String)> {
        let n = *seq.get(s.checked_sub(1)?)?;
        let verb = verb_before(tokens, n);
        if verb.is_empty() {
            return None;
        }
        let verb = verb.join(" ");
        let holds = |a: &str, b: &str| format!(" {a} ").contains(&format!(" {b} "));
        let (len, _) = names
            .deed_keys
            .iter()
            .filter_map(|(words, _, _)| Some((name_at(s, words)?, words)))
            .max_by_key(|(l, _)| *l)?;
        let codes: HashSet<&String> = names
            .deed_keys
            .iter()
            .filter(|(words, deed, _)| {
                name_at(s, words) == Some(len) && (holds(&verb, deed) || holds(deed, &verb))
            })
            .map(|(_, _, code)| code)
            .collect();
        let [code] = codes.into_iter().collect::<Vec<_>>()[..] else {
            return None;
        };
        let ends = match tok(s + len) {
            None => true,
            Some(t) => matches!(
                t.tok,
                Tok::Punct(',' | ';' | '.' | ':' | '(' | ')' | '!' | '?')
            ),
        };
        let unit = names
            .units
            .get(code)
            .map(String::as_str)
            .unwrap_or_default();
        (ends && figure_fits(tokens, n, unit, true)).then(|| (n, s + len, code.clone()))
    };
    let mut found: HashMap<usize, Vec<(String, Span)>> = HashMap::new();
    let mut s = 0;
    while s < seq.len() {
        let matched = names
            .keys
            .iter()
            .find_map(|(words, code, unit)| Some((name_at(s, words)?, code, unit)));
        let Some((len, code, unit)) = matched else {
            // A name without its deed, the deed said by the verb before
            // the figure ("tiếp nhận 3.930 hồ sơ thủ tục hành chính").
            match deed_named(s) {
                Some((n, end, code)) => {
                    let last = seq.get(end - 1).copied().unwrap_or(n);
                    found
                        .entry(n)
                        .or_default()
                        .push((code, span(tokens, n, last)));
                    s = end;
                }
                None => s += 1,
            }
            continue;
        };
        let mut end = s + len;
        // Another indicator's name starting inside this one and reaching
        // further says more of the clause: it is the one meant.
        let longer = (s + 1..end).find_map(|p| {
            names.keys.iter().find_map(|(words, other, unit)| {
                let l = name_at(p, words)?;
                (other != code && p + l > end).then_some((p + l, other, unit))
            })
        });
        let (code, unit) = match longer {
            Some((further, other, other_unit)) => {
                end = further;
                (other, other_unit)
            }
            None => (code, unit),
        };
        let (Some(&first), Some(&last)) = (seq.get(s), seq.get(end - 1)) else {
            break;
        };
        // The figure right before the name …
        let before = s
            .checked_sub(1)
            .and_then(|p| seq.get(p))
            .copied()
            .filter(|&n| figure_fits(tokens, n, unit, true));
        // … or right after it.
        // Fillers, and a period between the name and the figure ("Chi
        // ngân sách quận 9 tháng đầu năm 2020 là 614,08 tỷ đồng"): the
        // period's numbers are no figures, and a period other than the
        // table's sets the figure aside below.
        let period_word = |a: usize| {
            seq.get(a)
                .and_then(|&i| marks.get(i))
                .is_some_and(|m| *m != Mark::None)
        };
        let mut a = end;
        while word(a).is_some_and(|w| FILLERS.contains(&w))
            || tok(a).is_some_and(|t| t.is_punct(':'))
            || period_word(a)
        {
            a += 1;
        }
        let after = seq
            .get(a)
            .copied()
            .filter(|&n| figure_fits(tokens, n, unit, false));
        match (before, after) {
            (Some(n), None) if names.verb_agrees(code, &verb_before(tokens, n)) => {
                found
                    .entry(n)
                    .or_default()
                    .push((code.clone(), span(tokens, n, last)));
            }
            (None, Some(n)) => {
                found
                    .entry(n)
                    .or_default()
                    .push((code.clone(), span(tokens, first, n)));
            }
            _ => {}
        }
        s = end;
    }
    let mut out: Vec<NamedFigure> = found
        .into_iter()
        .filter_map(|(n, claims)| {
            // Claimed twice by one indicator ("Doanh nghiệp giải thể 30
            // doanh nghiệp": its name, then its noun after the verb): one.
            let (code, sp) = claims.first()?;
            if claims.iter().any(|(other, _)| other != code) {
                return None;
            }
            let t = tokens.get(n)?;
            if local_sentence(tokens, n) {
                return None;
            }
            let own_names = names.names.get(code).map(Vec::as_slice).unwrap_or_default();
            let period = scope::in_scope(tokens, &marks, n, own_names)?;
            let unit = names
                .units
                .get(code)
                .map(String::as_str)
                .unwrap_or_default();
            let money = money_step(unit)
                .zip(money_after(tokens, n))
                .map(|(catalog, written)| MoneyUnits { written, catalog });
            let times = multiplier_after(tokens, n);
            Some(NamedFigure {
                code: code.clone(),
                figure: Figure {
                    num: t.num()?,
                    span: (t.start, t.end),
                },
                span: *sp,
                period,
                money,
                times,
            })
        })
        .collect();
    out.sort_by_key(|f| f.figure.span);
    out
}

/// The words of the longest verb of [`DEEDS`] written right before the
/// token at `n`, or none.
fn verb_before(tokens: &[Token], n: usize) -> Vec<&str> {
    (1..=2)
        .rev()
        .find_map(|len| {
            let words: Vec<&str> = tokens
                .get(n.checked_sub(len)?..n)?
                .iter()
                .map(Token::word)
                .collect::<Option<_>>()?;
            DEEDS.contains(&words.join(" ").as_str()).then_some(words)
        })
        .unwrap_or_default()
}

fn span(tokens: &[Token], a: usize, b: usize) -> Span {
    let start = tokens.get(a.min(b)).map_or(0, |t| t.start);
    let end = tokens.get(a.max(b)).map_or(start, |t| t.end);
    (start, end)
}

/// The token at `n` is a plain figure in the indicator's unit.
fn figure_fits(tokens: &[Token], n: usize, unit: &str, before_name: bool) -> bool {
    let Some(num) = tokens.get(n).and_then(Token::num) else {
        return false;
    };
    if !num.trusted || num.percent != (unit == "%") {
        return false;
    }
    let prev = n.checked_sub(1).and_then(|p| tokens.get(p));
    if prev.is_some_and(|t| t.is_word(QUALIFIERS) || t.is_punct('/'))
        || tokens.get(n + 1).is_some_and(|t| t.is_punct('/'))
    {
        return false;
    }
    // Money must be written right after the figure: in the catalog's
    // unit, or (when the catalog's is đồng, nghìn, triệu or tỷ đồng) in
    // another of these, which the table's figure is converted into.
    if unit.split(' ').any(|w| w == "dong") {
        if before_name {
            return false;
        }
        if money_step(unit).is_some() {
            return money_after(tokens, n).is_some();
        }
        let written: Vec<&str> = (n + 1..n + 1 + unit.split(' ').count())
            .filter_map(|i| tokens.get(i).and_then(Token::word))
            .collect();
        return written.join(" ") == unit;
    }
    true
}

/// The level above the wards a sentence may name with them, folded:
/// "quận và 16 phường" is the district's total.
const WHOLE_AREAS: &[&[&str]] = &[
    &["quan"],
    &["huyen"],
    &["tinh"],
    &["thanh", "pho"],
    &["thi", "xa"],
];

/// True when the ward or commune word at `k` names every unit, not one:
/// after the level above and "và" with a count or "các" ("quận và 16
/// phường", "quận và các phường"), or after a count of all of them
/// ("16/16 phường").
fn every_unit(tokens: &[Token], k: usize) -> bool {
    let word = |i: usize| tokens.get(i).and_then(Token::word);
    let num = |i: usize| tokens.get(i).and_then(Token::num);
    let Some(before) = k.checked_sub(1) else {
        return false;
    };
    let counted = word(before) == Some("cac") || num(before).is_some_and(|n| n.decimals == 0);
    let with_whole = counted
        && before.checked_sub(1).is_some_and(|v| word(v) == Some("va"))
        && WHOLE_AREAS.iter().any(|area| {
            before.checked_sub(1 + area.len()).is_some_and(|from| {
                area.iter()
                    .enumerate()
                    .all(|(o, w)| word(from + o) == Some(*w))
            })
        });
    let all_of = k >= 3
        && tokens.get(k - 2).is_some_and(|t| t.is_punct('/'))
        && matches!((num(k - 3), num(k - 1)), (Some(a), Some(b)) if a.value == b.value && a.decimals == 0);
    with_whole || all_of
}

/// True when the sentence around token `n` is about one ward or commune:
/// it names one ("Phường 5", "tại phường"), not all of them with the
/// level above ("Bộ phận một cửa quận và 16 phường tiếp nhận …"), or
/// it names a place inside one by its number ([`LOCAL_NUMBERED`]: "Tổ 1
/// đến 3 đã cấp 40 giấy phép").
fn local_sentence(tokens: &[Token], n: usize) -> bool {
    let is_stop = |t: &Token| t.is_punct('.') || t.is_punct(';');
    let start = tokens
        .get(..n)
        .and_then(|b| b.iter().rposition(is_stop))
        .map_or(0, |p| p + 1);
    let end = tokens
        .get(n..)
        .and_then(|a| a.iter().position(is_stop))
        .map_or(tokens.len(), |p| n + p);
    let whole_number = |i: usize| {
        tokens
            .get(i)
            .and_then(Token::num)
            .is_some_and(|n| n.decimals == 0 && !n.percent && n.trusted)
    };
    let numbered_place = |k: usize| {
        LOCAL_NUMBERED.iter().any(|place| {
            let at = place
                .iter()
                .enumerate()
                .all(|(o, w)| tokens.get(k + o).and_then(Token::word) == Some(*w));
            let after = k + place.len();
            let after = match tokens.get(after).and_then(Token::word) {
                Some("so") => after + 1,
                _ => after,
            };
            at && whole_number(after)
        })
    };
    (start..end).any(|k| {
        (tokens.get(k).is_some_and(|t| t.is_word(LOCAL))
            && !every_unit(tokens, k)
            // "thị xã" is the level above, no commune.
            && !(k > 0 && tokens.get(k - 1).and_then(Token::word) == Some("thi")))
            || numbered_place(k)
    })
}

/// What the table says of a named figure.
#[derive(Clone, Debug, PartialEq)]
pub enum Compared {
    /// The figure is the table's (within its written rounding).
    Agrees,
    /// The figure differs from the table's.
    Differs(Box<Finding>),
    /// The table has no figure of the period the text names: the row is
    /// missing, or its LK (TH) is empty.
    Unknown,
}

/// Compares a named figure with the table. The period its clause names
/// picks the column: the quarter its TH, the months from January its LK,
/// neither either of them. In a first quarter LK and TH are the same
/// figure, and a stock's LK is its TH (its level at the period's end), so
/// one stands for the other when empty.
///
/// Nothing when the figure is the chosen column's (within the rounding of
/// the figure as written); a warning when it is off by rounding only, or
/// is the other column's (the quarter named where the figure is the LK);
/// an error beyond. A figure naming no period where the table has a
/// flow's TH only (no `--previous`, so no LK) may be the months from
/// January the table lacks: above TH it is a warning saying so, below TH
/// it is neither and an error.
pub fn judge(named: &NamedFigure, totals: &TableTotals, names: &NameIndex, lang: Lang) -> Compared {
    let Some((th, lk)) = totals.get(&named.code) else {
        return Compared::Unknown;
    };
    let label = names.label(&named.code);
    let first_quarter = totals
        .period
        .is_some_and(|p| p.span == crate::model::PeriodSpan::Quarter(1));
    let kind = names.kinds.get(&named.code).copied();
    let same = first_quarter || kind == Some(Kind::Stock);
    let (th, lk, lk_inferred) = match (th, lk) {
        (Some(t), None) if same => (Some(t), Some(t), true),
        (None, Some(l)) if same => (Some(l), Some(l), false),
        _ => (th, lk, false),
    };
    // The table's figures in the unit the text writes its money in.
    let size = |step: usize| MONEY_UNITS.get(step).map_or(1.0, |(_, _, f)| *f);
    let times = named
        .times
        .and_then(|t| MULTIPLIERS.get(t))
        .map_or(1.0, |(_, _, f)| *f);
    let scale = named
        .money
        .map_or(1.0, |m| size(m.catalog) / size(m.written))
        / times;
    let (th, lk) = (th.map(|v| v * scale), lk.map(|v| v * scale));
    let num = named.figure.num;
    let verdict = |v: Option<f64>| v.map(|v| judge_percent(num.value, num.decimals, (v, v)));
    let disputed = |column| totals.is_disputed(&named.code, column);
    // In a first quarter TH and LK are one period: the words decide
    // («quý I» the TH, «lũy kế» the LK), and a sentence naming neither
    // is compared with the one the table does not dispute (the TH when
    // a unit's own TH and LK disagree and only the LK total is marked).
    let (chosen, column, other) = match named.period {
        Named::Quarter if !first_quarter || th.is_some() => (th, ValueColumn::Th, lk),
        Named::FromJanuary if !first_quarter || lk.is_some() => (lk, ValueColumn::Lk, th),
        // Unnamed: LK when there is one, else TH.
        _ => match lk {
            Some(_)
                if first_quarter
                    && th.is_some()
                    && disputed(ValueColumn::Lk)
                    && !disputed(ValueColumn::Th) =>
            {
                (th, ValueColumn::Th, lk)
            }
            Some(_) => (lk, ValueColumn::Lk, th),
            None => (th, ValueColumn::Th, None),
        },
    };
    // The months from January named where the table has no LK: not
    // compared, unless the figure is below the quarter's TH of a flow,
    // which no total from January can be (as a figure naming no period
    // below it is neither column's).
    let below_quarter = |t: f64| {
        num.value < t && judge_percent(num.value, num.decimals, (t, t)) == Verdict::Mismatch
    };
    if let (None, Named::FromJanuary, Some(t), Some(Kind::Flow)) = (chosen, named.period, th, kind)
    {
        if !first_quarter && below_quarter(t) {
            let stated = format_num(num.value, num.decimals, lang);
            let table = format_auto(t, 2, lang);
            let said = Prose::TextVsTableBelowQuarter {
                stated: &stated,
                indicator: &label,
                table: &table,
            };
            return Compared::Differs(Box::new(
                Finding::said(Severity::Error, &said, lang)
                    .indicator(named.code.clone())
                    .column(column_name(ValueColumn::Lk))
                    .expected(format!("≥ {table}"))
                    .actual(stated),
            ));
        }
    }
    let Some(table_value) = chosen else {
        return Compared::Unknown;
    };
    let verdicts = [verdict(chosen), verdict(other)];
    if verdicts.contains(&Some(Verdict::Consistent))
        && (named.period == Named::Unnamed
            || first_quarter
            || verdict(chosen) == Some(Verdict::Consistent))
    {
        return Compared::Agrees;
    }
    let unit_words = |step: usize| MONEY_UNITS.get(step).map_or("", |(_, w, _)| *w);
    // Money a unit off: the figure is the table's in the next unit up or
    // down ("17,8 tỷ đồng" where the table has 17.800.000 đồng, 17,8
    // triệu). The figure is right, the unit is not: an error whatever
    // the period, as no LK is a thousand times a TH.
    let times_word = named
        .times
        .and_then(|t| MULTIPLIERS.get(t))
        .map(|(_, w, _)| format!(" {w}"))
        .unwrap_or_default();
    if let Some(m) = named.money {
        let columns = [(chosen, column), (other, other_column(column))];
        let slip = columns.iter().find_map(|&(value, col)| {
            let value = value?;
            [m.written.checked_sub(1), Some(m.written + 1)]
                .into_iter()
                .flatten()
                .filter(|&step| step < MONEY_UNITS.len())
                .find(|&step| {
                    let in_step = value * size(m.written) / size(step);
                    judge_percent(num.value, num.decimals, (in_step, in_step))
                        == Verdict::Consistent
                })
                .map(|step| (value, col, step))
        });
        if let Some((value, col, step)) = slip {
            let figure = format_num(num.value, num.decimals, lang);
            let stated = format!("{figure}{times_word} {}", unit_words(m.written));
            let right = format!("{figure}{times_word} {}", unit_words(step));
            let table = format!(
                "{} {}",
                format_auto(value / scale, 2, lang),
                unit_words(m.catalog)
            );
            let said = Prose::TextVsTableUnit {
                stated: &stated,
                indicator: &label,
                table: &table,
                right: &right,
                wrong: unit_words(m.written),
            };
            return Compared::Differs(Box::new(
                Finding::said(Severity::Error, &said, lang)
                    .indicator(named.code.clone())
                    .column(column_name(col))
                    .expected(right)
                    .actual(stated),
            ));
        }
    }
    // Converted money names its unit: "17,5 triệu đồng" against the
    // table's 17.800.000 đồng, 17,8 triệu đồng; a multiplier names
    // itself ("60,5 nghìn" against 60,51 nghìn).
    let written_unit = named
        .money
        .filter(|m| m.written != m.catalog || named.times.is_some())
        .map(|m| format!(" {}", unit_words(m.written)))
        .unwrap_or_default();
    let written_unit = format!("{times_word}{written_unit}");
    let stated = format!(
        "{}{written_unit}",
        format_num(num.value, num.decimals, lang)
    );
    let table = format!("{}{written_unit}", format_auto(table_value, 2, lang));
    // No LK, no period named: the figure may be the months from January.
    let lk_unknown = named.period == Named::Unnamed && lk.is_none() && !lk_inferred;
    let said = if lk_unknown {
        Prose::TextVsTableQuarterOnly {
            stated: &stated,
            indicator: &label,
            table: &table,
        }
    } else {
        Prose::TextVsTable {
            stated: &stated,
            indicator: &label,
            table: &table,
            quarter: column == ValueColumn::Th,
            // The table's own figure in error: the text is not to be
            // corrected to it.
            disputed: disputed(column),
        }
    };
    let rounding = verdict(chosen) == Some(Verdict::Rounding);
    let is_other = verdict(other) == Some(Verdict::Consistent);
    let may_be_cumulative = lk_unknown && !(kind == Some(Kind::Flow) && num.value < table_value);
    let severity = if rounding || is_other || may_be_cumulative {
        Severity::Warning
    } else {
        Severity::Error
    };
    let finding = Finding::said(severity, &said, lang);
    Compared::Differs(Box::new(
        finding
            .indicator(named.code.clone())
            .column(column_name(column))
            .expected(table)
            .actual(stated),
    ))
}

/// The short name of a figure column in a finding.
fn column_name(column: ValueColumn) -> &'static str {
    match column {
        ValueColumn::Th => "TH",
        _ => "LK",
    }
}

/// The column a figure is not compared with: LK for TH, TH for LK.
fn other_column(column: ValueColumn) -> ValueColumn {
    match column {
        ValueColumn::Th => ValueColumn::Lk,
        _ => ValueColumn::Th,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::textcheck::lexer::tokenize;

    fn named(text: &str) -> Vec<(String, f64)> {
        let t = Template::builtin().unwrap();
        let names = NameIndex::new(&t);
        named_figures(&tokenize(text), &names, Some(Period::quarter(2020, 1)))
            .into_iter()
            .map(|n| (n.code, n.figure.num.value))
            .collect()
    }

    #[test]
    fn figures_next_to_names() {
        assert_eq!(
            named("Trong quý đã cấp 126 giấy phép xây dựng."),
            vec![("DO01".to_string(), 126.0)]
        );
        assert_eq!(
            named("cách ly tập trung 35 người"),
            vec![("YT11".to_string(), 35.0)]
        );
        assert_eq!(
            named("Lượt tiếp công dân: 87 lượt."),
            vec![("TT01".to_string(), 87.0)]
        );
        assert_eq!(
            named("Thu ngân sách nhà nước trên địa bàn đạt 145,2 tỷ đồng"),
            vec![("NS01".to_string(), 145.2)]
        );
        // Money in another unit: the table's figure is converted.
        assert_eq!(
            named("Thu ngân sách nhà nước trên địa bàn đạt 145.200 triệu đồng"),
            vec![("NS01".to_string(), 145200.0)]
        );
    }

    #[test]
    fn unsure_figures_are_left_alone() {
        assert!(named("tăng 12 giấy phép xây dựng so với cùng kỳ").is_empty());
        assert!(named("Phường 5 đã cấp 12 giấy phép xây dựng").is_empty());
        assert!(named("cấp khoảng 126 giấy phép xây dựng").is_empty());
        assert!(named("ngày 15/3 giấy phép xây dựng").is_empty());
    }

    /// The finding of a figure against the table, if any.
    fn differs(c: Compared) -> Option<Finding> {
        match c {
            Compared::Differs(f) => Some(*f),
            Compared::Agrees | Compared::Unknown => None,
        }
    }

    #[test]
    fn the_table_decides() {
        let t = Template::builtin().unwrap();
        let names = NameIndex::new(&t);
        let totals = TableTotals::from_rows([("DO01".to_string(), Some(40.0), Some(126.0))]);
        let judge = |f: &NamedFigure, t: &TableTotals, l: Lang| differs(judge(f, t, &names, l));
        let fig = |v: f64| NamedFigure {
            code: "DO01".into(),
            figure: Figure {
                num: crate::textcheck::lexer::Num {
                    value: v,
                    decimals: 0,
                    percent: false,
                    trusted: true,
                },
                span: (0, 1),
            },
            span: (0, 1),
            period: Named::Unnamed,
            money: None,
            times: None,
        };
        assert!(judge(&fig(126.0), &totals, Lang::Vi).is_none());
        assert!(
            judge(&fig(40.0), &totals, Lang::Vi).is_none(),
            "TH is accepted too"
        );
        let f = judge(&fig(162.0), &totals, Lang::Vi).unwrap();
        assert_eq!(
            (
                f.code,
                f.indicator.as_str(),
                f.expected.as_str(),
                f.actual.as_str()
            ),
            (Code::TextVsTable, "DO01", "126", "162")
        );
    }

    /// The findings on `text` against a table where HC01 (files received)
    /// is 19.461, HC02 (files settled) 17.595 and DO01 126.
    fn against_table(text: &str) -> Vec<(String, Severity, String)> {
        let t = Template::builtin().unwrap();
        let names = NameIndex::new(&t);
        let totals = TableTotals::from_rows([
            ("HC01".to_string(), Some(19461.0), Some(19461.0)),
            ("HC02".to_string(), Some(17595.0), Some(17595.0)),
            ("DO01".to_string(), Some(40.0), Some(126.0)),
        ]);
        named_figures(&tokenize(text), &names, Some(Period::quarter(2020, 1)))
            .iter()
            .filter_map(|n| differs(judge(n, &totals, &names, Lang::Vi)))
            .map(|f| (f.indicator, f.severity, f.actual))
            .collect()
    }

    /// A second quarter's table holds the quarter (TH) and the six months
    /// (LK): a figure named for either is compared, one of the first
    /// quarter or of last year is not. A year's table holds the fourth
    /// quarter and the twelve months.
    #[test]
    fn a_sentence_about_numbered_places_inside_a_ward_is_not_compared() {
        let t = Template::builtin().unwrap();
        let names = NameIndex::new(&t);
        let found = |text: &str| -> Vec<f64> {
            named_figures(&tokenize(text), &names, Some(Period::quarter(2020, 3)))
                .into_iter()
                .map(|n| n.figure.num.value)
                .collect()
        };
        for text in [
            "Tổ 1 đến 3 đã cấp 40 giấy phép xây dựng.",
            "Tổ dân phố 1 đến tổ 3 đã cấp 40 giấy phép xây dựng.",
            "Khu phố số 2 đã cấp 40 giấy phép xây dựng.",
            "Đã cấp giấy phép xây dựng cho Tổ 1 đến 3.",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
        // "tổ" with no number names no place: "Tổ công tác", "tổ chức".
        assert_eq!(found("Tổ công tác đã cấp 193 giấy phép xây dựng."), [193.0]);
        assert_eq!(
            found("Tổ chức thẩm định, đã cấp 193 giấy phép xây dựng."),
            [193.0]
        );
    }

    #[test]
    fn the_periods_a_tables_figures_are_of_are_its_own() {
        let t = Template::builtin().unwrap();
        let names = NameIndex::new(&t);
        let found = |text: &str, period: &str| -> Vec<f64> {
            named_figures(&tokenize(text), &names, period.parse().ok())
                .into_iter()
                .map(|n| n.figure.num.value)
                .collect()
        };
        let q2 = "2020-Q2";
        assert_eq!(
            found("6 tháng đầu năm 2020 đã cấp 126 giấy phép xây dựng.", q2),
            [126.0]
        );
        assert_eq!(
            found("Quý II/2020 đã cấp 40 giấy phép xây dựng.", q2),
            [40.0]
        );
        assert!(found("Quý I/2020 đã cấp 86 giấy phép xây dựng.", q2).is_empty());
        assert!(found("3 tháng đầu năm 2020 đã cấp 86 giấy phép xây dựng.", q2).is_empty());
        assert!(found("6 tháng đầu năm 2019 đã cấp 99 giấy phép xây dựng.", q2).is_empty());
        assert!(found("9 tháng đầu năm 2020 đã cấp 99 giấy phép xây dựng.", q2).is_empty());
        let year = "2020";
        assert_eq!(
            found("Quý IV/2020 đã cấp 30 giấy phép xây dựng.", year),
            [30.0]
        );
        assert_eq!(
            found("Năm 2020 đã cấp 226 giấy phép xây dựng.", year),
            [226.0]
        );
        assert!(found("Quý III/2020 đã cấp 30 giấy phép xây dựng.", year).is_empty());
    }

    #[test]
    fn a_name_does_not_take_the_figure_of_the_clause_before_it() {
        // The tester's sentence: 19.461 is the files received (HC01), and
        // "hồ sơ thủ tục hành chính" + ", đã giải quyết" is no name of
        // HC02 across the comma; the verb "tiếp nhận" says HC01.
        let received = "Trong quý, Bộ phận một cửa tiếp nhận 19.461 hồ sơ thủ tục hành chính, đã giải quyết 17.595 hồ sơ.";
        assert_eq!(named(received), vec![("HC01".to_string(), 19461.0)]);
        assert!(against_table(received).is_empty());
        // The files received unlike the table: HC01's error, no HC02's.
        assert_eq!(
            against_table(
                "Tiếp nhận 2.650 hồ sơ thủ tục hành chính, đã giải quyết 2.580/2.650 hồ sơ."
            ),
            vec![("HC01".to_string(), Severity::Error, "2.650".to_string())]
        );
        for variant in [
            "Tiếp nhận 19.461 hồ sơ thủ tục hành chính; đã giải quyết 17.595 hồ sơ.",
            "Tiếp nhận 19.461 hồ sơ thủ tục hành chính và đã giải quyết 17.595 hồ sơ.",
            "Tiếp nhận 19.461 hồ sơ thủ tục hành chính, trong đó đã giải quyết 17.595 hồ sơ.",
            "Đã giải quyết 17.595 hồ sơ thủ tục hành chính, tiếp nhận 19.461 hồ sơ.",
        ] {
            assert!(against_table(variant).is_empty(), "{variant}");
        }
    }

    /// Regression (tester CA, L67): "tiếp nhận 3.930 hồ sơ thủ tục hành
    /// chính" named nothing (the name holds its verb, «… đã tiếp nhận»),
    /// and "quận và 16 phường" made the sentence one ward's.
    #[test]
    fn the_verb_before_a_figure_and_the_noun_after_it_name_the_indicator() {
        let hc01 = |v: f64| vec![("HC01".to_string(), v)];
        assert_eq!(
            named("Bộ phận tiếp nhận và trả kết quả quận và 16 phường tiếp nhận 3.930 hồ sơ thủ tục hành chính; đã giải quyết 2.871 hồ sơ."),
            hc01(3930.0)
        );
        assert_eq!(
            named("Tiếp nhận 3.930 hồ sơ thủ tục hành chính."),
            hc01(3930.0)
        );
        assert_eq!(
            named("Quận và các phường đã nhận 3.930 hồ sơ TTHC."),
            hc01(3930.0)
        );
        assert_eq!(
            named("Bộ phận một cửa 16/16 phường tiếp nhận 3.930 hồ sơ thủ tục hành chính."),
            hc01(3930.0)
        );
        assert_eq!(
            named("Đã giải quyết 2.871 hồ sơ thủ tục hành chính."),
            vec![("HC02".to_string(), 2871.0)]
        );
        assert_eq!(
            named("Doanh nghiệp giải thể 30 doanh nghiệp."),
            vec![("KT04".to_string(), 30.0)]
        );
        // Near misses: no verb, another verb, a part after the noun, one
        // ward or some of them.
        for alone in [
            "Có 3.930 hồ sơ thủ tục hành chính.",
            "Trả lại 12 hồ sơ thủ tục hành chính.",
            "Tiếp nhận 3.930 hồ sơ thủ tục hành chính trực tuyến.",
            "Phường 5 tiếp nhận 120 hồ sơ thủ tục hành chính.",
            "Bộ phận một cửa 12/16 phường tiếp nhận 3.010 hồ sơ thủ tục hành chính.",
            "Các phường tiếp nhận 3.010 hồ sơ thủ tục hành chính.",
            "Quận và Phường 5 tiếp nhận 3.010 hồ sơ thủ tục hành chính.",
        ] {
            assert!(named(alone).is_empty(), "{alone}: {:?}", named(alone));
        }
    }

    #[test]
    fn a_name_between_two_figures_claims_neither() {
        // Without the comma the name is whole, but its first words count
        // the figure before it and its verb the figure after it.
        let text = "Tiếp nhận 19.461 hồ sơ thủ tục hành chính đã giải quyết 17.595 hồ sơ.";
        assert!(named(text).is_empty(), "{:?}", named(text));
        assert!(named("đã cấp 126 giấy phép xây dựng là 40 giấy phép").is_empty());
    }

    #[test]
    fn the_verb_before_a_figure_must_be_the_names_deed() {
        // Received, not settled.
        assert!(
            named("Bộ phận một cửa tiếp nhận 19.461 hồ sơ thủ tục hành chính đã giải quyết.")
                .is_empty()
        );
        // Revoked, not issued.
        assert!(named("Trong quý thu hồi 5 giấy phép xây dựng.").is_empty());
        // The same deed, or one word of it, keeps the figure.
        assert_eq!(
            named("Trong quý đã cấp mới 126 giấy phép xây dựng."),
            vec![("DO01".to_string(), 126.0)]
        );
        assert_eq!(
            named("Bộ phận một cửa đã giải quyết 17.595 hồ sơ thủ tục hành chính đã giải quyết."),
            vec![("HC02".to_string(), 17595.0)]
        );
    }

    #[test]
    fn a_comma_ends_a_name_unless_the_catalog_writes_it() {
        assert_eq!(
            named("Giấy phép xây dựng, sửa chữa nhà đã cấp: 126 giấy phép."),
            vec![("DO01".to_string(), 126.0)]
        );
        assert_eq!(
            named("Giấy phép xây dựng sửa chữa nhà đã cấp: 126 giấy phép."),
            vec![("DO01".to_string(), 126.0)]
        );
        // The figure after the comma is another count's.
        assert_eq!(
            named("Đã cấp 126 giấy phép xây dựng, 40 giấy chứng nhận."),
            vec![("DO01".to_string(), 126.0)]
        );
    }

    #[test]
    fn a_figure_that_mismatches_its_own_indicator_is_still_an_error() {
        let text = "Hồ sơ thủ tục hành chính đã tiếp nhận: 19.461 hồ sơ, hồ sơ thủ tục hành chính đã giải quyết: 17.000 hồ sơ.";
        assert_eq!(
            against_table(text),
            vec![("HC02".to_string(), Severity::Error, "17.000".to_string())]
        );
        // The figures swapped: each is wrong for the indicator it names.
        let swapped = "Hồ sơ thủ tục hành chính đã tiếp nhận: 17.595 hồ sơ; hồ sơ thủ tục hành chính đã giải quyết: 19.461 hồ sơ.";
        assert_eq!(
            against_table(swapped),
            vec![
                ("HC01".to_string(), Severity::Error, "17.595".to_string()),
                ("HC02".to_string(), Severity::Error, "19.461".to_string()),
            ]
        );
        assert_eq!(
            against_table("Trong quý đã cấp 162 giấy phép xây dựng, tiếp nhận 19.461 hồ sơ."),
            vec![("DO01".to_string(), Severity::Error, "162".to_string())]
        );
    }

    /// A finding's (indicator, severity, column, expected, actual).
    type Row = (String, Severity, String, String, String);

    /// The findings on `text` against a third quarter's table, and the
    /// number of figures not compared.
    fn third_quarter(text: &str) -> (Vec<Row>, usize) {
        let t = Template::builtin().unwrap();
        let names = NameIndex::new(&t);
        // DO01 (a flow) and LD04 (a stock) without LK, as `consolidate`
        // leaves them without --previous; NS03 and AN20 with both.
        let totals = TableTotals::from_rows([
            ("DO01".to_string(), Some(139.0), None),
            ("LD04".to_string(), Some(141.0), None),
            ("NS03".to_string(), Some(251.6), Some(641.08)),
            ("AN20".to_string(), Some(2.0), Some(4.0)),
        ])
        .for_period(Some(Period::quarter(2020, 3)));
        let mut found = Vec::new();
        let mut unknown = 0;
        for n in named_figures(&tokenize(text), &names, totals.period) {
            match judge(&n, &totals, &names, Lang::Vi) {
                Compared::Agrees => {}
                Compared::Unknown => unknown += 1,
                Compared::Differs(f) => {
                    found.push((f.indicator, f.severity, f.column, f.expected, f.actual))
                }
            }
        }
        (found, unknown)
    }

    fn row(code: &str, s: Severity, col: &str, exp: &str, act: &str) -> Row {
        (code.into(), s, col.into(), exp.into(), act.into())
    }

    /// Regression (tester CA): an indicator whose LK is empty was never
    /// compared, even with its TH there.
    #[test]
    fn a_figure_is_compared_with_th_when_the_table_has_no_lk() {
        use Severity::{Error as E, Warning as W};
        let q3 = |t: &str| third_quarter(t).0;
        // The quarter named: TH.
        assert_eq!(
            q3("Trong quý III/2020 đã cấp 193 giấy phép xây dựng, sửa chữa nhà."),
            [row("DO01", E, "TH", "139", "193")]
        );
        assert_eq!(
            q3("Trong quý đã cấp 193 giấy phép xây dựng."),
            [row("DO01", E, "TH", "139", "193")]
        );
        assert!(q3("Trong quý III/2020 đã cấp 139 giấy phép xây dựng.").is_empty());
        // No period named: above TH it may be the months from January the
        // table lacks (a warning); below TH it is neither (an error).
        assert_eq!(
            q3("Đã cấp 193 giấy phép xây dựng."),
            [row("DO01", W, "TH", "139", "193")]
        );
        assert_eq!(
            q3("Đã cấp 120 giấy phép xây dựng."),
            [row("DO01", E, "TH", "139", "120")]
        );
        assert!(q3("Đã cấp 139 giấy phép xây dựng.").is_empty());
        // A stock's LK is its TH.
        assert_eq!(
            q3("Người điều trị nghiện bằng Methadone 150 người."),
            [row("LD04", E, "LK", "141", "150")]
        );
        // The months from January named, and the table has none: not
        // compared, counted.
        assert_eq!(
            third_quarter("9 tháng đầu năm 2020 đã cấp 412 giấy phép xây dựng."),
            (vec![], 1)
        );
        // Unless below the quarter's TH: no total from January is less
        // than its last quarter (a flow's; a stock's LK is its TH).
        assert_eq!(
            q3("9 tháng đầu năm 2020 đã cấp 120 giấy phép xây dựng."),
            [row("DO01", E, "LK", "≥ 139", "120")]
        );
        assert_eq!(
            third_quarter("9 tháng đầu năm 2020 đã cấp 139 giấy phép xây dựng."),
            (vec![], 1)
        );
    }

    /// Regression (tester CA, L50): money written in another unit than
    /// the catalog's was left alone; the table's figure is converted into
    /// the written unit, and a figure a unit off is an error naming the
    /// right unit.
    #[test]
    fn money_in_another_unit_is_converted_and_a_unit_slip_named() {
        use Severity::{Error as E, Warning as W};
        let t = Template::builtin().unwrap();
        let names = NameIndex::new(&t);
        // YT25 is counted in đồng, NS03 in tỷ đồng.
        let totals = TableTotals::from_rows([
            ("YT25".to_string(), Some(17_800_000.0), None),
            ("NS03".to_string(), Some(251.6), Some(641.08)),
        ])
        .for_period(Some(Period::quarter(2020, 3)));
        let found = |text: &str| -> Vec<Row> {
            named_figures(&tokenize(text), &names, totals.period)
                .iter()
                .filter_map(|n| differs(judge(n, &totals, &names, Lang::Vi)))
                .map(|f| (f.indicator, f.severity, f.column, f.expected, f.actual))
                .collect()
        };
        let fine = "Tiền phạt vi phạm an toàn thực phẩm";
        assert_eq!(
            found(&format!("{fine} 17,8 tỷ đồng.")),
            [row("YT25", E, "TH", "17,8 triệu đồng", "17,8 tỷ đồng")]
        );
        // Not a thousand times off: another figure, in the written unit.
        assert_eq!(
            found(&format!("Trong quý, {fine} 17,5 triệu đồng.")),
            [row("YT25", E, "TH", "17,8 triệu đồng", "17,5 triệu đồng")]
        );
        assert_eq!(
            found(&format!("{fine} 17.800 triệu đồng.")),
            [row(
                "YT25",
                E,
                "TH",
                "17.800 nghìn đồng",
                "17.800 triệu đồng"
            )]
        );
        assert_eq!(
            found("Chi ngân sách quận 9 tháng đầu năm 2020 đạt 641.080 tỷ đồng."),
            [row(
                "NS03",
                E,
                "LK",
                "641.080 triệu đồng",
                "641.080 tỷ đồng"
            )]
        );
        // Near misses: the same money in any unit, rounded as written.
        for agrees in [
            format!("{fine} 17,8 triệu đồng."),
            format!("{fine} 18 triệu đồng."),
            format!("{fine} 17.800.000 đồng."),
            format!("{fine} 17.800 nghìn đồng."),
            format!("{fine} 0,0178 tỷ đồng."),
            "Chi ngân sách quận 9 tháng đầu năm 2020 là 641.080 triệu đồng.".to_string(),
        ] {
            assert!(found(&agrees).is_empty(), "{agrees}");
        }
        // An estimate stays alone.
        assert!(found(&format!("{fine} gần 17,8 tỷ đồng.")).is_empty());
        // Above the quarter's TH with no period named: may be the LK.
        assert_eq!(
            found(&format!("{fine} 19 triệu đồng.")),
            [row("YT25", W, "TH", "17,8 triệu đồng", "19 triệu đồng")]
        );
    }

    /// Regression (tester CA, L49): "trong quý" in a list's lead-in was
    /// not carried to its items, so an item unlike the quarter's TH (the
    /// table has no LK) was a warning that it may be the cumulative.
    #[test]
    fn a_period_in_a_lists_lead_in_applies_to_its_items() {
        use Severity::{Error as E, Warning as W};
        let t = Template::builtin().unwrap();
        let names = NameIndex::new(&t);
        let totals = TableTotals::from_rows([
            ("YT10".to_string(), Some(325.0), None),
            ("YT11".to_string(), Some(44.0), None),
            ("YT11a".to_string(), Some(6.0), None),
            ("YT13".to_string(), Some(73.0), None),
            ("YT13a".to_string(), Some(9.0), None),
        ])
        .for_period(Some(Period::quarter(2020, 3)));
        let found = |text: &str| -> (Vec<Row>, usize) {
            let mut rows = Vec::new();
            let mut unknown = 0;
            for n in named_figures(&tokenize(text), &names, totals.period) {
                match judge(&n, &totals, &names, Lang::Vi) {
                    Compared::Agrees => {}
                    Compared::Unknown => unknown += 1,
                    Compared::Differs(f) => {
                        rows.push((f.indicator, f.severity, f.column, f.expected, f.actual))
                    }
                }
            }
            (rows, unknown)
        };
        // As the passage joins a list written one item a line.
        let items = "+ Cách ly tập trung 44 người (đang cách ly 6 người) + Tự theo dõi sức khỏe 83 người (đang tự theo dõi 9 người)";
        let quarter = format!(
            "Tổng số người được cách ly, theo dõi sức khỏe trong quý là 325 người, cụ thể: {items}"
        );
        assert_eq!(found(&quarter), (vec![row("YT13", E, "TH", "73", "83")], 0));
        let one_line = "Trong quý, tổng số người cách ly 325 người, giảm 5% so với cùng kỳ, gồm cách ly tập trung 44 người, tự theo dõi sức khỏe 83 người.";
        assert_eq!(found(one_line), (vec![row("YT13", E, "TH", "73", "83")], 0));
        // The months from January named: the table has no LK, counted.
        let months =
            format!("Tổng số người cách ly 9 tháng đầu năm 2020 là 980 người, cụ thể: {items}");
        assert_eq!(found(&months), (vec![], 2));
        // A list on one line, its items separated by semicolons after a
        // colon, runs to the full stop: each item takes the lead-in's
        // period (tester CA, verifier B11), "Trong quý III:" too.
        for one_line in [
            "Trong quý cách ly 325 người, cụ thể: cách ly tập trung 44 người; tự theo dõi sức khỏe 83 người.",
            "Trong quý III: cách ly tập trung 44 người; tự theo dõi sức khỏe 83 người.",
        ] {
            assert_eq!(
                found(one_line),
                (vec![row("YT13", E, "TH", "73", "83")], 0),
                "{one_line}"
            );
        }
        // A lead-in of words alone naming another period sets every item
        // aside.
        let last_year =
            "So với cùng kỳ năm 2019: cách ly tập trung 44 người; tự theo dõi sức khỏe 83 người.";
        assert_eq!(found(last_year), (vec![], 0));
        // Near misses: no period in the lead-in (a warning, as before);
        // the list ended by a full stop, or a semicolon with no colon
        // opening a list.
        let unnamed = format!("Tổng số người cách ly là 325 người, cụ thể: {items}");
        assert_eq!(found(&unnamed), (vec![row("YT13", W, "TH", "73", "83")], 0));
        for after in [
            "Trong quý cách ly 325 người, cụ thể: cách ly tập trung 44 người. Tự theo dõi sức khỏe 83 người.",
            "Trong quý, cách ly tập trung 44 người; tự theo dõi sức khỏe 83 người.",
        ] {
            assert_eq!(found(after), (vec![row("YT13", W, "TH", "73", "83")], 0), "{after}");
        }
    }

    /// Regression (tester CA): a period between the name and its figure
    /// lost the claim; it now picks the column.
    #[test]
    fn a_period_between_the_name_and_its_figure_picks_the_column() {
        use Severity::{Error as E, Warning as W};
        let q3 = |t: &str| third_quarter(t).0;
        assert_eq!(
            q3("Chi ngân sách quận 9 tháng đầu năm 2020 là 614,08 tỷ đồng."),
            [row("NS03", E, "LK", "641,08", "614,08")]
        );
        assert_eq!(
            q3("Chi ngân sách quận 9 tháng đạt 614,08 tỷ đồng."),
            [row("NS03", E, "LK", "641,08", "614,08")]
        );
        assert_eq!(
            q3("Chi ngân sách quận trong quý đạt 641,08 tỷ đồng."),
            [row("NS03", W, "TH", "251,6", "641,08")],
            "the quarter named, the figure the LK"
        );
        // Near misses: the right figure of each period, another period.
        assert!(q3("Chi ngân sách quận 9 tháng đầu năm 2020 là 641,08 tỷ đồng.").is_empty());
        assert!(q3("Chi ngân sách quận trong quý đạt 251,6 tỷ đồng.").is_empty());
        assert!(q3("Chi ngân sách quận quý III/2020 đạt 251,6 tỷ đồng.").is_empty());
        assert!(q3("Chi ngân sách quận 6 tháng đầu năm 2020 đạt 614,08 tỷ đồng.").is_empty());
        assert!(q3("Chi ngân sách quận cùng kỳ là 598,4 tỷ đồng.").is_empty());
        // The period's own numbers are no figures.
        assert!(q3("Vụ tai nạn giao thông 9 tháng đầu năm 2020 là 4 vụ.").is_empty());
        assert_eq!(
            q3("Vụ tai nạn giao thông 9 tháng đầu năm 2020 là 7 vụ."),
            [row("AN20", E, "LK", "4", "7")]
        );
    }
}
