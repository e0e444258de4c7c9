//! Several sheets of one workbook → one unit's figures, each figure once.
//!
//! A workbook may hold more than one sheet of the period. Sheets that give
//! different indicators (a workbook split by sector, one sheet per
//! section) are all read. Sheets that give the same indicator in the same
//! column are one figure said twice, never two to add up:
//!
//! ```text
//!   "Báo cáo"  E8 ='Nhap lieu'!C2 → 30   ┐ equal: read once, from the
//!   "Nhap lieu" C2  30                   ┘ report (info)
//!   "Nháp" (hidden) E8 31                ┐ differ, one hidden: the hidden
//!   "Chính thức"    E8 30                ┘ sheet is a draft, set aside (info)
//!   "Bản cũ" E8 31 / "Báo cáo" E8 30     differ, one named a draft: the
//!                                         same, visible or not (info)
//!   "Bản 1" E8 31 / "Bản 2" E8 30        both visible and differ: the
//!                                         first is counted (error)
//!   "KH 2026" D7 357 / "BC Quý I" D13 350 the year's plan (only its KH
//!                                         read) differs: the report's
//!                                         is counted (info)
//! ```
//!
//! Which sheet is read first: a report before the year's plan kept
//! beside it, then a visible one before a hidden one or one
//! whose name says it is a draft ("Nháp", "Bản cũ", "Draft"), then one
//! not named as a copy ("… (2)", "Copy of …") before a copy, then the
//! sheet where figures are typed before a sheet whose formulas take them
//! from it (a summary of links, a report fed by a data-entry sheet): a
//! finding points at the cell holding the figure, a misdirected link is
//! told at the link. Then the workbook's order. Each sheet is weighed
//! against the figures already kept; two figures agree when they are equal
//! within half a unit of the coarser one's last place (the rounding rule).

use crate::diagnostic::{Code, Finding, Lang, Severity};
use crate::messages::{Read, SheetDiffer, SheetRepeat};
use crate::model::ValueColumn;
use crate::normalize::formula::referenced_sheets;
use crate::normalize::submission::{Submission, TidyRow};
use crate::template::Template;
use foldhash::{HashMap, HashMapExt};

/// What reading a sheet told about it, beside its figures.
#[derive(Clone, Debug, Default)]
pub struct SheetRead {
    /// Hidden in the workbook (hidden or "very hidden").
    pub hidden: bool,
    /// The other sheets its formulas take figures from.
    pub sources: Vec<String>,
    /// The year's plan kept beside the report ("KH 2026" titled "KẾ
    /// HOẠCH … NĂM 2026"): only its KH is read, after the report's.
    pub plan: bool,
}

/// The key of a figure: its indicator and column.
type Key = (u32, ValueColumn);

/// Leaves each (indicator, column) of `sub` once, by the rule above, and
/// says what became of each sheet that repeated another's figures.
/// `read` is indexed like `sub.sheets`; `sub.rows` are in reading order.
/// The findings made while reading a sheet set aside whole go with it.
pub fn one_figure_each(
    sub: &mut Submission,
    read: &[SheetRead],
    names: &[String],
    template: &Template,
    lang: Lang,
) {
    let n = sub.sheets.len();
    if n < 2 {
        return;
    }
    // Each sheet's figures: key → its rows, in reading order.
    let mut by_sheet: Vec<HashMap<Key, Vec<usize>>> = vec![HashMap::new(); n];
    let mut order_in: Vec<Vec<Key>> = vec![Vec::new(); n];
    for (i, r) in sub.rows.iter().enumerate() {
        let s = r.sheet as usize;
        let (Some(map), Some(keys)) = (by_sheet.get_mut(s), order_in.get_mut(s)) else {
            continue;
        };
        let key = (r.indicator, r.column);
        let rows = map.entry(key).or_default();
        if rows.is_empty() {
            keys.push(key);
        }
        rows.push(i);
    }
    if by_sheet.iter().filter(|m| !m.is_empty()).count() < 2 {
        return;
    }
    let info = |s: usize| read.get(s).cloned().unwrap_or_default();
    // A sheet whose formulas take figures from another sheet read here
    // (a summary of links `='Biểu 01'!E23`): the figures are that sheet's.
    let links = |s: usize| {
        info(s)
            .sources
            .iter()
            .any(|name| *name != sub.sheets[s] && sub.sheets.contains(name))
    };
    // A sheet is weighed as a draft when it is hidden or its name says
    // so ("Nháp", "Bản cũ", "Draft").
    let drafty: Vec<bool> = (0..n)
        .map(|s| info(s).hidden || named_draft(&sub.sheets[s]))
        .collect();
    let plan: Vec<bool> = (0..n).map(|s| info(s).plan).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&s| (plan[s], drafty[s], named_copy(&sub.sheets[s]), links(s), s));

    // The figure kept for each key: its row.
    let mut kept: HashMap<Key, usize> = HashMap::new();
    let mut dropped = vec![false; sub.rows.len()];
    let mut aside_whole = vec![false; n];
    let mut said = Vec::new();
    for s in order {
        let keys = &order_in[s];
        if keys.is_empty() {
            continue;
        }
        let first = |k: &Key| by_sheet[s][k][0];
        let overlap: Vec<(Key, usize)> = keys
            .iter()
            .filter_map(|k| kept.get(k).map(|&at| (*k, at)))
            .collect();
        let Some(&(_, kept_at)) = overlap.first() else {
            for k in keys {
                kept.insert(*k, first(k));
            }
            continue;
        };
        let other = sub.rows[kept_at].sheet as usize;
        let differ: Vec<(usize, usize)> = overlap
            .iter()
            .map(|(k, at)| (first(k), *at))
            .filter(|&(mine, theirs)| !agree(&sub.rows[mine], &sub.rows[theirs]))
            .collect();
        let draft = !differ.is_empty() && drafty[s] && !drafty[other];
        // A plan's KH that differs from the report's: the report's is
        // the one signed (an adjusted plan, or a slip to tell, not an
        // error of the report).
        let plan_differs = !differ.is_empty() && plan[s] && !plan[other];
        // The keys of this sheet that are set aside: all of a draft's,
        // else those another sheet gives.
        let mut aside = 0;
        for k in keys {
            if draft || kept.contains_key(k) {
                for &i in &by_sheet[s][k] {
                    dropped[i] = true;
                }
                aside += 1;
            } else {
                kept.insert(*k, first(k));
            }
        }
        aside_whole[s] = aside == keys.len();
        let (at_row, how) = match differ.first() {
            None => (first(&overlap[0].0), Repeat::Same(overlap.len())),
            Some(&(mine, theirs)) => (
                mine,
                Repeat::Differ(
                    differ.len(),
                    mine,
                    theirs,
                    if plan_differs {
                        Aside::Plan
                    } else if draft {
                        Aside::Draft(info(s).hidden)
                    } else {
                        Aside::Conflict
                    },
                ),
            ),
        };
        said.push((s, other, at_row, how));
    }
    broken_links(sub, &kept, names, template, lang);
    if !dropped.iter().any(|&d| d) {
        return;
    }
    let aside_sheets: Vec<&str> = (0..n)
        .filter(|&s| aside_whole[s])
        .map(|s| sub.sheets[s].as_str())
        .collect();
    let file = sub.file.clone();
    sub.findings.retain(|f| {
        f.file != file
            || !aside_sheets.contains(&f.sheet.as_str())
            || (f.code == Code::ValueUncomputed && f.severity == Severity::Warning)
    });
    for (s, other, at_row, how) in said {
        let finding = repeat_finding(sub, template, lang, (s, other, at_row), &how);
        sub.findings.push(finding);
    }
    let mut i = 0;
    sub.rows.retain(|_| {
        i += 1;
        !dropped[i - 1]
    });
}

/// A quantity's formula the tool could not compute (`value-uncomputed`,
/// an error) whose figure another sheet gives, counted: a link gone
/// wrong (`='Biểu 1 - KT'!E22` after the sheet was renamed), a warning
/// naming the missing sheet and the figure used. Such a finding is
/// never set aside with its sheet.
fn broken_links(
    sub: &mut Submission,
    kept: &HashMap<Key, usize>,
    names: &[String],
    template: &Template,
    lang: Lang,
) {
    let file = sub.file.clone();
    let mut findings = std::mem::take(&mut sub.findings);
    for f in findings.iter_mut() {
        if f.file != file || f.code != Code::ValueUncomputed || f.severity != Severity::Error {
            continue;
        }
        let (Some(ind), Some(column)) = (
            template
                .indicators
                .iter()
                .position(|i| i.code == f.indicator),
            ValueColumn::parse(&f.column),
        ) else {
            continue;
        };
        let Some(&at) = kept.get(&(ind as u32, column)) else {
            continue;
        };
        let used = &sub.rows[at];
        let used_sheet = &sub.sheets[used.sheet as usize];
        if *used_sheet == f.sheet {
            continue;
        }
        let formula = f.actual.trim_start_matches('=').to_string();
        let missing = referenced_sheets(&formula)
            .into_iter()
            .find(|s| !names.iter().any(|n| n.to_lowercase() == s.to_lowercase()))
            .unwrap_or_default();
        let here = sub.location(used);
        let value = crate::number::format_num(used.value, used.shown_decimals(), lang);
        let said = Read::LinkBroken {
            cell: &f.cell,
            code: &f.indicator,
            column,
            formula: &crate::text::quotation(&formula, 200),
            missing: &missing,
            used_sheet,
            used_cell: &here.cell,
            used_value: &value,
        };
        let mut w = Finding::said(Severity::Warning, &said, lang)
            .expected(value.clone())
            .actual(f.actual.clone());
        for (to, from) in [
            (&mut w.unit, &f.unit),
            (&mut w.file, &f.file),
            (&mut w.sheet, &f.sheet),
            (&mut w.cell, &f.cell),
            (&mut w.indicator, &f.indicator),
            (&mut w.column, &f.column),
        ] {
            to.clone_from(from);
        }
        *f = w;
    }
    sub.findings = findings;
}

/// What a sheet's repetition came to: how many figures were the same;
/// or how many differed, the first pair (rows: this sheet's, the kept
/// one's) and what became of this sheet.
enum Repeat {
    Same(usize),
    Differ(usize, usize, usize, Aside),
}

/// What became of a sheet whose figures differ from those kept.
#[derive(Clone, Copy)]
enum Aside {
    /// A draft, set aside whole (hidden or named as one).
    Draft(bool),
    /// The year's plan: the report's KH is kept.
    Plan,
    /// Two sheets of the report: the first is kept, an error.
    Conflict,
}

/// The words of a sheet's name that mark a draft or an old copy: "Nháp",
/// "Bản cũ", "Số liệu thử", "Draft", "Old", "Test", "Backup". Told by
/// their tones: "Nhập liệu" (data entry) is not "Nháp", "Thu" (revenue)
/// is not "Thử".
const DRAFT_WORDS: [&str; 8] = ["nháp", "cũ", "thử", "draft", "old", "test", "backup", "bak"];

/// Whether a sheet's name says it is a draft or an old copy.
fn named_draft(name: &str) -> bool {
    let words = crate::text::tone_words(name);
    DRAFT_WORDS
        .iter()
        .flat_map(|w| crate::text::tone_words(w))
        .any(|d| words.contains(&d))
}

/// Whether a sheet's name says it is a copy of another: Excel's "… (2)"
/// ("Sheet1 (2)", "Biểu 01 - Kinh tế (2)"), "Copy of …", "Bản sao …".
fn named_copy(name: &str) -> bool {
    let name = name.trim();
    let numbered = name
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once('('))
        .is_some_and(|(before, n)| {
            before.ends_with(' ')
                && !before.trim().is_empty()
                && !n.is_empty()
                && n.chars().all(|c| c.is_ascii_digit())
        });
    let words = crate::text::tone_words(name);
    let starts = |w: &[&str]| {
        words.len() > w.len()
            && w.iter()
                .zip(&words)
                .all(|(a, b)| crate::text::tone_words(a).first() == Some(b))
    };
    numbered || starts(&["copy", "of"]) || starts(&["bản", "sao"])
}

/// The finding of sheet `s` repeating sheet `other`, at row `at_row` of
/// `s`.
fn repeat_finding(
    sub: &Submission,
    template: &Template,
    lang: Lang,
    (s, other, at_row): (usize, usize, usize),
    how: &Repeat,
) -> Finding {
    let sheet = &sub.sheets[s];
    let kept = &sub.sheets[other];
    let here = sub.location(&sub.rows[at_row]);
    let shown = |r: &TidyRow| crate::number::format_num(r.value, r.shown_decimals(), lang);
    match *how {
        Repeat::Same(count) => Finding::said(
            Severity::Info,
            &Read::SheetRepeated {
                sheet,
                kept,
                how: SheetRepeat::Same { count },
            },
            lang,
        )
        .at(&here)
        .expected(kept.clone())
        .actual(sheet.clone()),
        Repeat::Differ(count, mine, theirs, aside) => {
            let (mine, theirs) = (&sub.rows[mine], &sub.rows[theirs]);
            let code = &template.indicators[mine.ind()].code;
            let (kept_v, other_v) = (shown(theirs), shown(mine));
            let d = SheetDiffer {
                count,
                code,
                column: mine.column,
                kept: &kept_v,
                other: &other_v,
            };
            let (severity, how) = match aside {
                Aside::Draft(hidden) => (Severity::Info, SheetRepeat::Draft { d, hidden }),
                Aside::Plan => (Severity::Info, SheetRepeat::Plan(d)),
                Aside::Conflict => (Severity::Error, SheetRepeat::Conflict(d)),
            };
            Finding::said(severity, &Read::SheetRepeated { sheet, kept, how }, lang)
                .at(&here)
                .indicator(code.clone())
                .column(mine.column.as_str())
                .expected(kept_v.clone())
                .actual(other_v.clone())
        }
    }
}

/// Two figures of one key agree when they are equal within half a unit
/// of the coarser one's last place (30 and 30,4 written as 30; never 30
/// and 31).
fn agree(a: &TidyRow, b: &TidyRow) -> bool {
    let half = crate::rules::rounding::half_unit(a.decimals.min(b.decimals));
    let scale = a.value.abs().max(b.value.abs()).max(1.0);
    (a.value - b.value).abs() <= half + 1e-9 * scale
}

#[cfg(test)]
mod tests {
    use super::{named_copy, named_draft};

    /// A copy is told by Excel's " (2)" or words opening its name; a
    /// name with a number in brackets of its own is not.
    #[test]
    fn a_sheet_named_as_a_copy_is_told_by_its_name() {
        for copy in [
            "Sheet1 (2)",
            "Biểu 01 - Kinh tế (2)",
            "Biểu 01 (12)",
            "Copy of Biểu 01",
            "Bản sao Biểu 01",
            "BẢN SAO của Tổng hợp",
        ] {
            assert!(named_copy(copy), "{copy}");
        }
        for not in [
            "Biểu 01",
            "(2)",
            "Biểu(2)",
            "Biểu 01 (QPAN)",
            "Bản số liệu",
            "Copy",
        ] {
            assert!(!named_copy(not), "{not}");
        }
    }

    /// A draft or an old copy is told by a word of its name, with its
    /// tones, in any case and composition; a data-entry sheet, a revenue
    /// sheet or a report is not.
    #[test]
    fn a_sheet_named_as_a_draft_is_told_by_its_words_and_tones() {
        for draft in [
            "Nháp",
            "NHÁP 2",
            "Ban nhap",
            "Bản cũ",
            "Số liệu thử",
            "Q3 (cũ)",
            "Draft",
            "old_Q3",
            "Test",
            "Backup",
            "Nha\u{301}p",
        ] {
            let want = draft != "Ban nhap";
            assert_eq!(named_draft(draft), want, "{draft}");
        }
        for report in [
            "Nhập liệu",
            "Nhap lieu",
            "Thu ngân sách",
            "Báo cáo",
            "Chính thức",
            "Bieu 01",
            "Củ Chi",
            "Sheet1 (2)",
            "Oldenburg",
        ] {
            assert!(!named_draft(report), "{report}");
        }
    }
}
