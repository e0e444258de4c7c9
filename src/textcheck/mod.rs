//! Checks the figures quoted in the report's own prose: every percent with
//! its operands, every total with its parts, and (with the consolidated
//! table) every figure that names a catalog indicator.
//!
//! ```text
//! .txt/.md lines ─┐                        ┌ percent claims → pct-mismatch / pct-rounding
//!                 ├ blocks → passages → claims
//! .docx paragraphs┘   (lists spanning      └ totals + parts → sum-mismatch
//!                      bullet lines joined)  figures named → text-vs-table (--against)
//! ```
//!
//! A block is one line of a text file (`L<n>`, every line counted from 1)
//! or one paragraph of a docx (`P<n>`, every body paragraph counted from 1,
//! empty ones included; footnotes `F<id>`). A passage is a block, or a
//! block ending in "cụ thể:" / "gồm:" / "trong đó:" joined with the bullet
//! blocks that follow it, so that a list written one item a line reads as
//! one claim.

pub mod against;
pub mod claims;
pub mod docx;
pub mod lexer;
pub mod scope;

use crate::diagnostic::{Finding, Lang, Severity};
use crate::error::Fatal;
use crate::messages::Prose;
use crate::number::format_num;
use crate::rules::rounding::{growth_of, judge_percent, percent_of, round_to, Interval, Verdict};
use crate::text::fold;
use claims::{Breakdown, Claim, Figure, PercentKind, Span};
use std::path::Path;

/// One line or paragraph of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// `L3`, `P12` or `F1`: what a finding's `cell` says.
    pub label: String,
    pub text: String,
    /// The bullet or list level of a list item (`+`, `-`, `L0`), if any.
    pub bullet: Option<String>,
    /// A paragraph of a cell of a Word table. Its claims are read as any
    /// paragraph's, but its figures are not compared with the
    /// consolidated table: the period or the column a figure is of is
    /// in the table's headings, not in the cell ("Cùng kỳ năm 2019" over
    /// "Đã cấp 247 giấy phép").
    pub in_table: bool,
}

/// A report read into blocks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// The file name, as findings name it.
    pub file: String,
    pub blocks: Vec<Block>,
}

/// A finding with what the terminal shows besides it: the claim quoted
/// with the wrong figure marked.
#[derive(Clone, Debug, PartialEq)]
pub struct TextFinding {
    pub finding: Finding,
    pub quote: String,
}

/// What the checks need besides the document.
#[derive(Clone, Copy, Debug)]
pub struct Config<'a> {
    pub lang: Lang,
    /// The consolidated totals and the names to find them by.
    pub against: Option<(&'a against::TableTotals, &'a against::NameIndex)>,
}

/// Reads a `.txt`, `.md` or `.docx` report into blocks.
///
/// # Errors
/// When the file cannot be read, is not UTF-8 text, is a docx that does
/// not open, or has another extension.
pub fn read_document(path: &Path) -> Result<Document, Fatal> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    use crate::error::{Arg, Problem};
    let input = |problem: Problem| Fatal::input(path, Arg::Report, problem);
    if !path.exists() {
        return Err(input(Problem::Missing));
    }
    if !path.is_file() {
        return Err(input(Problem::NotAFile));
    }
    let blocks = match ext.as_str() {
        "txt" | "md" | "markdown" | "text" => {
            let bytes = std::fs::read(path).map_err(|e| input(Problem::Io(e)))?;
            let text = String::from_utf8(bytes).map_err(|_| {
                input(Problem::Content(
                    "không phải văn bản mã UTF-8 (có thể là UTF-16, hay mã cũ TCVN3, VNI)".into(),
                    "not UTF-8 text (it may be UTF-16, or an old Vietnamese encoding such as TCVN3 or VNI)".into(),
                ))
            })?;
            text_blocks(&text)
        }
        "docx" => docx::read_docx(path).map_err(|e| {
            input(Problem::Content(
                format!("không đọc được văn bản Word: {}", e.words_vi()),
                e.to_string(),
            ))
        })?,
        // A Word 97–2003 document, or another word processor's: Word opens
        // it and saves it as .docx, which the advice of an unreadable
        // report says.
        "doc" | "docm" | "rtf" | "odt" => {
            return Err(input(Problem::Content(
                format!("tệp .{ext} là dạng văn bản cũ hoặc khác; check-text đọc tệp .txt, .md và .docx"),
                format!("a .{ext} file is an older or another document format; check-text reads .txt, .md and .docx files"),
            )))
        }
        _ => {
            return Err(Fatal::Usage(
                format!("{}: check-text đọc tệp .txt, .md và .docx", path.display()),
                format!(
                    "{}: check-text reads .txt, .md and .docx files",
                    path.display()
                ),
            ))
        }
    };
    Ok(Document { file, blocks })
}

/// The lines of a text file, every one counted from 1.
pub fn text_blocks(text: &str) -> Vec<Block> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\n')
        .enumerate()
        .map(|(i, line)| {
            let line = plain_spaces(line.strip_suffix('\r').unwrap_or(line));
            Block {
                label: format!("L{}", i + 1),
                bullet: bullet_of(&line).map(|c| c.to_string()),
                text: line,
                in_table: false,
            }
        })
        .collect()
}

/// `text` with its non-breaking spaces (U+00A0, U+202F, U+2007) as plain
/// spaces: Word and web pages put them after a comma or inside "cụ thể",
/// and the list and claim readers look for plain ones. Replaced when the
/// block is read, so that spans and quotes agree with the text kept.
fn plain_spaces(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}', '\u{2007}'], " ")
}

/// The bullet a line starts with: `+`, `-`, `–`, `•`, `*` followed by a
/// space.
fn bullet_of(line: &str) -> Option<char> {
    let mut chars = line.trim_start().chars();
    let c = chars.next()?;
    let next = chars.next()?;
    (matches!(c, '+' | '-' | '–' | '•' | '*' | '·') && next.is_whitespace()).then_some(c)
}

/// Text joined from blocks, with the label of each stretch.
#[derive(Clone, Debug, Default)]
struct Passage {
    text: String,
    /// (offset in `text`, label) in increasing offset order.
    pieces: Vec<(usize, String)>,
    /// Read from a cell of a Word table: see [`Block::in_table`].
    in_table: bool,
}

impl Passage {
    fn push(&mut self, label: &str, text: &str) {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        self.pieces.push((self.text.len(), label.to_string()));
        self.text.push_str(text);
    }

    fn label_at(&self, pos: usize) -> &str {
        self.pieces
            .iter()
            .take_while(|(o, _)| *o <= pos)
            .last()
            .map_or("", |(_, l)| l.as_str())
    }
}

/// Markers that, at the end of a line before a colon, announce a list
/// written one item a line.
const LIST_MARKERS: &[&str] = &[
    "cu the",
    "gom",
    "bao gom",
    "trong do",
    "trong do co",
    "chia ra",
];

/// The text before a trailing "…, cụ thể:" and the marker as written, when
/// the block announces a list.
fn announces_list(text: &str) -> Option<(&str, &str)> {
    let head = text.trim_end().strip_suffix(':')?;
    let folded = fold(head);
    let marker = LIST_MARKERS
        .iter()
        .filter(|m| folded == **m || folded.ends_with(&format!(" {m}")))
        .max_by_key(|m| m.len())?;
    // Cut the marker off the original text: as many words as it has.
    let words = marker.split(' ').count();
    let mut cut = head.len();
    for _ in 0..words {
        let trimmed = head.get(..cut)?.trim_end();
        cut = trimmed.rfind(char::is_whitespace).map_or(0, |p| p + 1);
    }
    let before = head.get(..cut)?.trim_end().trim_end_matches(',').trim_end();
    Some((before, head.get(cut..)?.trim()))
}

/// An item's text without its trailing `;`, `.` or `,`, with a bullet in
/// front so that the claim parser sees where items start.
fn item_text(block: &Block) -> String {
    let t = block
        .text
        .trim()
        .trim_end_matches([';', '.', ','])
        .trim_end();
    if bullet_of(t).is_some() {
        t.to_string()
    } else {
        format!("+ {t}")
    }
}

/// An item's text with the list it gives its own figure in brackets,
/// as a sub-list written one item a line is: "+ tập trung 46 người,
/// trong đó: 12 người đang cách ly, 34 người đã hết …" reads "+ tập trung
/// 46 người (trong đó: 12 …, 34 …)", so that 12 and 34 are parts of 46,
/// not of the list's total, and the next item is no part of 46.
fn bracket_own_list(text: String) -> String {
    let tokens = lexer::tokenize(&text);
    let Some((head, marker)) = claims::items_own_list(&tokens) else {
        return text;
    };
    match (text.get(..head), text.get(marker..)) {
        (Some(head), Some(list)) => format!("{head} ({list})"),
        _ => text,
    }
}

/// The first block from `i` that is not blank.
fn skip_blank(blocks: &[Block], i: usize) -> usize {
    i + blocks
        .get(i..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| b.text.trim().is_empty())
        .count()
}

/// The next item of a list at `level` from block `i`: blank lines between
/// items (a Markdown "loose" list, empty paragraphs) do not end the list.
/// A list in a table's cell stays in the table, and a list before a
/// table does not go on into its cells.
fn next_item(blocks: &[Block], i: usize, level: &str, in_table: bool) -> Option<usize> {
    let at = skip_blank(blocks, i);
    blocks
        .get(at)
        .filter(|b| b.bullet.as_deref() == Some(level) && b.in_table == in_table)
        .map(|_| at)
}

/// Joins each list announced at the end of a block with its bullet items
/// (and one level of sub-items, written into brackets).
fn passages(blocks: &[Block]) -> Vec<Passage> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(block) = blocks.get(i) {
        i += 1;
        let mut p = Passage {
            in_table: block.in_table,
            ..Passage::default()
        };
        // Empty blocks between "…, cụ thể:" and its first item are skipped.
        let first = i + blocks
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.text.trim().is_empty())
            .count();
        let first_bullet = blocks
            .get(first)
            .filter(|b| b.in_table == block.in_table)
            .and_then(|b| b.bullet.clone());
        match (announces_list(&block.text), first_bullet) {
            (Some(_), Some(level)) => {
                i = first;
                p.push(&block.label, &block.text);
                while let Some(at) = next_item(blocks, i, &level, block.in_table) {
                    let Some(item) = blocks.get(at) else { break };
                    i = at + 1;
                    let sub_level = blocks
                        .get(skip_blank(blocks, i))
                        .and_then(|b| b.bullet.clone())
                        .filter(|l| *l != level);
                    match (announces_list(&item.text), sub_level) {
                        (Some((before, marker)), Some(sub)) => {
                            let before = before.trim_end_matches([';', '.', ',']);
                            p.push(&item.label, &format!("{before} ({marker}:"));
                            while let Some(at) = next_item(blocks, i, &sub, block.in_table) {
                                let Some(s) = blocks.get(at) else { break };
                                i = at + 1;
                                p.push(&s.label, &item_text(s));
                            }
                            p.text.push(')');
                        }
                        _ => p.push(&item.label, &bracket_own_list(item_text(item))),
                    }
                }
            }
            _ => p.push(&block.label, &block.text),
        }
        out.push(p);
    }
    out
}

/// Runs every check on a document; findings come back sorted.
pub fn check_document(doc: &Document, config: &Config) -> Vec<TextFinding> {
    let mut out = Vec::new();
    // The figures that named an indicator the table has no figure for:
    // (indicator, place in the report).
    let mut uncompared: Vec<(String, String)> = Vec::new();
    for passage in passages(&doc.blocks) {
        let tokens = lexer::tokenize(&passage.text);
        for claim in claims::read_claims(&tokens) {
            if let Some(f) = judge(&claim, &passage, doc, config.lang) {
                out.push(f);
            }
        }
        // A figure in a table's cell is not compared with the
        // consolidated table: its period is in the headings.
        if let Some((totals, names)) = config.against.filter(|_| !passage.in_table) {
            for named in against::named_figures(&tokens, names, totals.period) {
                match against::judge(&named, totals, names, config.lang) {
                    against::Compared::Agrees => {}
                    against::Compared::Differs(f) => {
                        out.push(located(*f, named.figure.span, named.span, &passage, doc));
                    }
                    against::Compared::Unknown => {
                        let place = passage.label_at(named.figure.span.0).to_string();
                        uncompared.push((named.code.clone(), place));
                    }
                }
            }
        }
    }
    if let Some((totals, names)) = config.against {
        out.extend(uncompared_info(
            &uncompared,
            totals,
            names,
            doc,
            config.lang,
        ));
    }
    out.sort_by(|a, b| a.finding.sort_key().cmp(&b.finding.sort_key()));
    out.dedup_by(|a, b| a.finding == b.finding);
    out
}

/// The findings for the run naming the figures that named an indicator
/// but found no figure of their period in the table: "Phát hiện 0" must
/// not read as "they match". Those whose indicator has no row in the
/// table come apart from those whose row has no figure of the period:
/// a table of another template (none of its codes the template's) says
/// so and asks for `--template`, not for `--previous`. Each at its first
/// figure; none when every figure was compared.
fn uncompared_info(
    uncompared: &[(String, String)],
    totals: &against::TableTotals,
    names: &against::NameIndex,
    doc: &Document,
    lang: Lang,
) -> Vec<TextFinding> {
    let listed = |figures: &[&(String, String)]| {
        let claims = figures
            .iter()
            .map(|(code, place)| format!("{} ({})", names.label(code), place_words(place, lang)))
            .collect::<Vec<_>>();
        lang.some_of(&claims, 10, ("số liệu", "figures"))
    };
    let no_row: Vec<&(String, String)> = uncompared
        .iter()
        .filter(|(code, _)| totals.get(code).is_none())
        .collect();
    let no_period: Vec<&(String, String)> = uncompared
        .iter()
        .filter(|(code, _)| totals.get(code).is_some())
        .collect();
    let table_codes = totals.codes();
    let other_template = !table_codes.is_empty() && !table_codes.iter().any(|c| names.knows(c));
    let found = |severity: Severity, said: &Prose, first: &str| {
        let mut finding = Finding::said(severity, said, lang);
        finding.file = doc.file.clone();
        finding.cell = first.to_string();
        TextFinding {
            finding,
            quote: String::new(),
        }
    };
    let mut out = Vec::new();
    if let Some((_, first)) = no_row.first() {
        let claims = listed(&no_row);
        let shown = lang.some_of(&table_codes, 5, ("mã", "codes"));
        let said = Prose::TextVsTableNoRow {
            count: no_row.len(),
            claims: &claims,
            table_codes: &shown,
            other_template,
        };
        // Nothing of the text compared at all: the run must say so
        // above the infos.
        let severity = if other_template {
            Severity::Warning
        } else {
            Severity::Info
        };
        out.push(found(severity, &said, first));
    }
    if let Some((_, first)) = no_period.first() {
        let claims = listed(&no_period);
        let said = Prose::TextVsTableUncompared {
            count: no_period.len(),
            claims: &claims,
        };
        out.push(found(Severity::Info, &said, first));
    }
    out
}

/// Places a finding at the block of the marked figure and quotes it.
fn located(
    finding: Finding,
    mark: Span,
    span: Span,
    passage: &Passage,
    doc: &Document,
) -> TextFinding {
    let mut finding = finding;
    finding.file = doc.file.clone();
    finding.sheet = String::new();
    finding.cell = passage.label_at(mark.0).to_string();
    TextFinding {
        quote: quote(&passage.text, span, mark),
        finding,
    }
}

/// The claim's text with the marked figure between `>>` and `<<`, on one
/// line, shortened around the mark when long.
pub fn quote(text: &str, span: Span, mark: Span) -> String {
    const MAX: usize = 160;
    let piece = |a: usize, b: usize| {
        text.get(a..b)
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut before = piece(span.0.min(mark.0), mark.0);
    let figure = piece(mark.0, mark.1);
    let mut after = piece(mark.1, span.1.max(mark.1));
    if before.chars().count() > MAX / 2 {
        let skip = before.chars().count() - MAX / 2;
        before = format!("…{}", before.chars().skip(skip).collect::<String>());
    }
    if after.chars().count() > MAX / 2 {
        after = format!("{}…", after.chars().take(MAX / 2).collect::<String>());
    }
    // A space around the figure only where the text has one: "(>>53,9%<<)".
    let spaced = |s: &str| s.chars().next().is_some_and(char::is_whitespace);
    let sep_before = if before.is_empty()
        || !text
            .get(..mark.0)
            .is_some_and(|t| t.ends_with(char::is_whitespace))
    {
        ""
    } else {
        " "
    };
    let sep_after = if after.is_empty() || !text.get(mark.1..).is_some_and(spaced) {
        ""
    } else {
        " "
    };
    format!("{before}{sep_before}>>{figure}<<{sep_after}{after}")
}

/// The interval a figure stands for: whole counts are exact; decimals and
/// whole amounts of money were rounded.
fn interval_of(f: &Figure, money: bool) -> Interval {
    if f.num.decimals > 0 || money {
        Interval::written(f.num.value, f.num.decimals)
    } else {
        Interval::exact(f.num.value)
    }
}

/// True when every value of `part` is above every value of `whole`, beyond
/// float noise.
fn exceeds(part: Interval, whole: Interval) -> bool {
    part.lo > whole.hi && !part.meets(whole)
}

fn judge(claim: &Claim, passage: &Passage, doc: &Document, lang: Lang) -> Option<TextFinding> {
    let (finding, at, span) = match claim {
        Claim::Percent {
            stated_at, span, ..
        } => (percent_finding(claim, lang)?, stated_at.span, *span),
        Claim::Total { total, span, .. } => (total_finding(claim, lang)?, total.span, *span),
    };
    Some(located(finding, at, span, passage, doc))
}

/// A stated percent against its operands.
fn percent_finding(claim: &Claim, lang: Lang) -> Option<Finding> {
    let Claim::Percent {
        kind,
        stated,
        stated_at,
        numerator,
        denominator,
        money,
        ..
    } = claim
    else {
        return None;
    };
    let (a, b) = (
        interval_of(numerator, *money),
        interval_of(denominator, *money),
    );
    let computed = match kind {
        PercentKind::Ratio => percent_of(a, b)?,
        PercentKind::Growth | PercentKind::Excess => growth_of(a, b)?,
    };
    let d = stated_at.num.decimals;
    let verdict = judge_percent(*stated, d, computed);
    if verdict == Verdict::Consistent {
        return None;
    }
    let point = numerator.num.value / denominator.num.value * 100.0
        - if matches!(kind, PercentKind::Growth | PercentKind::Excess) {
            100.0
        } else {
            0.0
        };
    let expected = round_to(point, d);
    let show = |v: f64| describe_percent(*kind, v, d, lang);
    let ops = format!(
        "{}/{}",
        format_num(numerator.num.value, numerator.num.decimals, lang),
        format_num(denominator.num.value, denominator.num.decimals, lang)
    );
    let rounding = verdict == Verdict::Rounding;
    let said = Prose::Percent {
        stated: &show(*stated),
        ops: &ops,
        right: &show(expected),
        rounding,
    };
    let severity = if rounding {
        Severity::Warning
    } else {
        Severity::Error
    };
    let finding = Finding::said(severity, &said, lang)
        .expected(format_num(expected, d, lang))
        .actual(format_num(*stated, d, lang));
    Some(finding)
}

/// A total against its parts: complete, presumed complete, or partial.
fn total_finding(claim: &Claim, lang: Lang) -> Option<Finding> {
    let Claim::Total {
        total,
        parts,
        breakdown,
        money,
        ..
    } = claim
    else {
        return None;
    };
    let sum = parts
        .iter()
        .map(|p| interval_of(p, *money))
        .fold(Interval::exact(0.0), |acc, p| acc + p);
    let whole = interval_of(total, *money);
    let sum_decimals = parts.iter().map(|p| p.num.decimals).max().unwrap_or(0);
    let point: f64 = parts.iter().map(|p| p.num.value).sum();
    let sum_text = format_num(point, sum_decimals, lang);
    let total_text = format_num(total.num.value, total.num.decimals, lang);
    let terms = parts
        .iter()
        .map(|p| format_num(p.num.value, p.num.decimals, lang))
        .collect::<Vec<_>>()
        .join(" + ");
    // Two stated figures that disagree: nothing says which one is
    // wrong, so `expected` names the relation, not a corrected value.
    let finding = if matches!(breakdown, Breakdown::Complete | Breakdown::Presumed) {
        if sum.meets(whole) {
            return None;
        }
        // Nothing said a bracket lists every part: probably, not
        // certainly, wrong.
        let presumed = *breakdown == Breakdown::Presumed;
        let said = Prose::TotalNotParts {
            total: &total_text,
            parts: &terms,
            sum: &sum_text,
            presumed,
        };
        let severity = if presumed {
            Severity::Warning
        } else {
            Severity::Error
        };
        Finding::said(severity, &said, lang)
            .expected(format!("{total_text} = {terms}"))
            .actual(format!("{total_text} ≠ {sum_text}"))
    } else if let Some(part) = parts
        .iter()
        .filter(|p| exceeds(interval_of(p, *money), whole))
        .max_by(|a, b| a.num.value.total_cmp(&b.num.value))
    {
        // A part larger than its whole: certainly wrong.
        let part_text = format_num(part.num.value, part.num.decimals, lang);
        let said = Prose::PartAboveTotal {
            part: &part_text,
            total: &total_text,
        };
        Finding::said(Severity::Error, &said, lang)
            .expected(format!("{total_text} ≥ {part_text}"))
            .actual(format!("{total_text} < {part_text}"))
    } else {
        // The parts of a partial list may overlap (a person both
        // "nữ" and "đoàn viên"): more than the whole is probably,
        // not certainly, wrong. States of a process may add up to more
        // than the whole by right: nothing to say.
        if *breakdown == Breakdown::Each || !exceeds(sum, whole) {
            return None;
        }
        let said = Prose::PartsAboveTotal {
            parts: &terms,
            sum: &sum_text,
            total: &total_text,
        };
        Finding::said(Severity::Warning, &said, lang)
            .expected(format!("{total_text} ≥ {terms}"))
            .actual(format!("{total_text} < {sum_text}"))
    };
    Some(finding)
}

/// `17,29%`, `tăng 8,1%`, `giảm 0,74%`, `vượt 6,8%` (or the English words).
fn describe_percent(kind: PercentKind, value: f64, decimals: u8, lang: Lang) -> String {
    let magnitude = format_num(value.abs(), decimals, lang);
    match kind {
        PercentKind::Ratio => format!("{}%", format_num(value, decimals, lang)),
        PercentKind::Growth if value < 0.0 => format!("{} {magnitude}%", lang.pick("giảm", "down")),
        PercentKind::Growth => format!("{} {magnitude}%", lang.pick("tăng", "up")),
        // "vượt 8,6%": the writer's word; below the plan, "thiếu 2,1%".
        PercentKind::Excess if value < 0.0 => {
            format!("{} {magnitude}%", lang.pick("thiếu", "short by"))
        }
        PercentKind::Excess => format!("{} {magnitude}%", lang.pick("vượt", "over by")),
    }
}

/// A finding's place in the report as the reader says it: `P3` is
/// "đoạn 3" ("paragraph 3"), `L5` "dòng 5" ("line 5"), `F2` "chú thích 2"
/// ("footnote 2"). In an office "P3" reads as Phường 3. The error lists
/// keep the short form in `cell`.
pub fn place_words(cell: &str, lang: Lang) -> String {
    let mut c = cell.chars();
    let kind = c.next();
    let number = c.as_str();
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return cell.to_string();
    }
    let word = match kind {
        Some('P') => lang.pick("đoạn", "paragraph"),
        Some('L') => lang.pick("dòng", "line"),
        Some('F') => lang.pick("chú thích", "footnote"),
        _ => return cell.to_string(),
    };
    format!("{word} {number}")
}

#[cfg(test)]
mod tests;
