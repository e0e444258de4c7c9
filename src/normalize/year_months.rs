//! A year-end table that gives the year as its eleven months and
//! December's estimate. Year reports are often sent before December is
//! over:
//!
//! ```text
//!  KH năm 2026 | Thực hiện 11 tháng | Ước thực hiện tháng 12 | Ước thực hiện cả năm | So KH (%)
//!      E       |         F          |           G            |          H           |    I
//! ```
//!
//! Both month columns name another period than the year's, and alone they
//! would not be read. Beside the year's column (H) they are its parts: a
//! flow's year that is not F + G beyond the rounding rule is a
//! `sum-mismatch` error at H. Without the year's column, the year's figure
//! (LK) is worked out of them: F + G for a flow, G (the level at the
//! year's end) for a stock, F for a level at the period's start («tồn
//! đầu kỳ»: January's), none for a rate; the G column is then read as
//! LK and one `column-missing` info says how it was worked out.

use crate::diagnostic::{a1, Finding, Location, Severity};
use crate::ingest::SheetGrid;
use crate::messages::Read;
use crate::model::{Period, PeriodSpan, ValueColumn};
use crate::normalize::header::{Role, TableLayout};
use crate::normalize::indicator::RowMatch;
use crate::normalize::submission::{row_indicator, ReadContext, Submission};
use crate::number::{decimals_of, format_num, parse_text, NumberText};
use crate::rules::rounding::round_to;
use crate::template::Kind;
use crate::text::fold;
use calamine::Data;

/// What a figure cell holds.
enum Cell {
    Blank,
    Number(f64, u8),
    /// Words or an error value: told by the reading of the column, if read.
    Other,
}

/// Does the folded label name months of the run's year only (every year
/// it writes is `year`) and no last year's figure?
fn of_year(folded: &str, year: i32) -> bool {
    let last_year = ["cung ky", "nam truoc", "ck"]
        .iter()
        .any(|w| has_words(folded, w));
    let years_ok = folded
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| d.len() == 4)
        .all(|d| d.parse::<i32>().ok() == Some(year));
    !last_year && years_ok
}

/// Does `folded` hold `words` as whole words?
fn has_words(folded: &str, words: &str) -> bool {
    let tokens: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let want: Vec<&str> = words.split(' ').collect();
    tokens.windows(want.len()).any(|w| w == want.as_slice())
}

/// "Thực hiện 11 tháng", "TH 11 tháng năm 2026", "Lũy kế 11 tháng": the
/// months from January to November (not "tháng 11", November alone).
fn names_eleven_months(folded: &str) -> bool {
    let tokens: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    tokens
        .windows(2)
        .enumerate()
        .any(|(i, w)| w == ["11", "thang"] && (i == 0 || tokens[i - 1] != "thang"))
}

/// "Ước thực hiện tháng 12", "Ước tháng 12/2026", "Ước T12": December's
/// estimate (or figure).
fn names_december(folded: &str) -> bool {
    let tokens: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let december = tokens.windows(2).any(|w| w == ["thang", "12"]) || tokens.contains(&"t12");
    december && !names_eleven_months(folded)
}

/// The eleven months' and December's columns among the layout's unread
/// ones, in a year's run: (column, label) each.
fn month_columns(layout: &TableLayout, run: Period) -> Option<((u32, String), (u32, String))> {
    if run.span != PeriodSpan::Year {
        return None;
    }
    let find = |named: fn(&str) -> bool| {
        layout
            .ignored
            .iter()
            .find(|i| {
                let f = fold(&i.label);
                named(&f) && of_year(&f, run.year)
            })
            .map(|i| (i.col, i.label.clone()))
    };
    Some((find(names_eleven_months)?, find(names_december)?))
}

/// Reads the eleven months' and December's columns of a year's table
/// (see the module's words): checks the year's figures against them, or
/// works the year's figures out of them when the table has no year's
/// column, writing them into December's cells of `grid` and returning
/// the layout that reads that column as LK.
pub fn year_from_months(
    grid: &mut SheetGrid,
    mut layout: TableLayout,
    run: Option<Period>,
    ctx: &ReadContext,
    file: &str,
    sheet: &str,
    sub: &mut Submission,
) -> TableLayout {
    let Some(run) = run else { return layout };
    let Some(((eleven, eleven_label), (december, december_label))) = month_columns(&layout, run)
    else {
        return layout;
    };
    let lang = ctx.lang;
    let locale = ctx.locale;
    let read = |grid: &SheetGrid, r: u32, c: u32| match grid.shown(r, c) {
        Data::Empty => Cell::Blank,
        Data::Float(f) => Cell::Number(*f, decimals_of(*f)),
        Data::Int(n) => Cell::Number(*n as f64, 0),
        Data::String(t) => match parse_text(t, locale) {
            NumberText::Number(p) if !p.percent => Cell::Number(p.value, p.decimals),
            NumberText::Blank => Cell::Blank,
            _ => Cell::Other,
        },
        _ => Cell::Other,
    };
    let half = |d: u8| 0.5 * 10f64.powi(-i32::from(d));
    // The rows of indicators under the header, with their kind.
    let rows: Vec<(u32, usize)> = (layout.header_last + 1..grid.rows().end)
        .filter_map(|r| match row_indicator(grid, &layout, r, ctx) {
            RowMatch::Exact(i) | RowMatch::LooseCode(i) | RowMatch::Approximate(i, _) => {
                Some((r, i))
            }
            RowMatch::None => None,
        })
        .collect();
    let kind = |i: usize| ctx.template.indicators.get(i).map(|d| d.kind);
    let at = |r: u32, c: u32| Location::cell(file.to_string(), sheet.to_string(), r, c);
    let header_at = |grid: &SheetGrid, c: u32| {
        (layout.header_first..=layout.header_last)
            .rev()
            .find(|&r| !grid.text(r, c).is_empty())
            .unwrap_or(layout.header_first)
    };
    let eleven_head = a1(header_at(grid, eleven), eleven);
    let december_head = a1(header_at(grid, december), december);
    match layout.col(Role::Value(ValueColumn::Lk)) {
        Some(year_col) => {
            for &(r, i) in &rows {
                if kind(i) != Some(Kind::Flow) {
                    continue;
                }
                let (Cell::Number(year, dy), Cell::Number(a, da), Cell::Number(b, db)) = (
                    read(grid, r, year_col),
                    read(grid, r, eleven),
                    read(grid, r, december),
                ) else {
                    continue;
                };
                if (a + b - year).abs() <= half(dy) + half(da) + half(db) + 1e-9 {
                    continue;
                }
                let Some(ind) = ctx.template.indicators.get(i) else {
                    continue;
                };
                let here = at(r, year_col);
                let shown = |v: f64, d: u8| format_num(v, d, lang);
                let sum_d = da.max(db);
                let (year_s, a_s, b_s, sum_s) = (
                    shown(year, dy),
                    shown(a, da),
                    shown(b, db),
                    shown(round_to(a + b, sum_d), sum_d),
                );
                let said = Read::YearNotMonthsSum {
                    cell: &here.cell,
                    code: &ind.code,
                    name: &ind.name,
                    year: &year_s,
                    eleven: &a_s,
                    eleven_cell: &a1(r, eleven),
                    december: &b_s,
                    december_cell: &a1(r, december),
                    sum: &sum_s,
                };
                sub.findings.push(
                    Finding::said(Severity::Error, &said, lang)
                        .at(&here)
                        .indicator(ind.code.clone())
                        .column(ValueColumn::Lk.as_str())
                        .expected(format!("{a_s} + {b_s} = {sum_s}"))
                        .actual(year_s.clone()),
                );
            }
        }
        None => {
            let (mut flows, mut stocks, mut left) = (0, 0, 0);
            for &(r, i) in &rows {
                let (a, b) = (read(grid, r, eleven), read(grid, r, december));
                if matches!((&a, &b), (Cell::Blank, Cell::Blank)) {
                    continue;
                }
                // A level at the period's start («Đơn tồn đầu kỳ») is the
                // year's at January's: the eleven months' figure.
                let opening = ctx
                    .template
                    .indicators
                    .get(i)
                    .is_some_and(|d| d.opening_level());
                let year = match (kind(i), a, b) {
                    (Some(Kind::Stock), Cell::Number(..), _) if opening => {
                        stocks += 1;
                        grid.set_value(r, december, grid.shown(r, eleven).clone());
                        continue;
                    }
                    // December's words stay for the reading to tell.
                    (Some(Kind::Stock), _, Cell::Other) | (Some(Kind::Flow), _, Cell::Other) => {
                        continue
                    }
                    (Some(Kind::Stock), _, Cell::Number(..)) if !opening => {
                        stocks += 1;
                        continue;
                    }
                    (Some(Kind::Flow), Cell::Number(a, da), Cell::Number(b, db)) => {
                        flows += 1;
                        Data::Float(round_to(a + b, da.max(db)))
                    }
                    _ => {
                        left += 1;
                        Data::Empty
                    }
                };
                grid.set_value(r, december, year);
            }
            let row = header_at(grid, december);
            let label = format!("{eleven_label} + {december_label}");
            grid.set_text(row, december, label.clone());
            layout
                .columns
                .push((december, Role::Value(ValueColumn::Lk)));
            layout.columns.sort_by_key(|(c, _)| *c);
            let said = Read::YearFromMonths {
                eleven: &eleven_label,
                eleven_cell: &eleven_head,
                december: &december_label,
                december_cell: &december_head,
                flows,
                stocks,
                left,
            };
            sub.findings.push(
                Finding::said(Severity::Info, &said, lang)
                    .at(&at(row, december))
                    .column(ValueColumn::Lk.as_str())
                    .expected(lang.pick(
                        "LK = 11 tháng + tháng 12 (chỉ tiêu thời điểm: tháng 12)",
                        "LK = 11 months + December (stocks: December)",
                    ))
                    .actual(label),
            );
        }
    }
    layout
        .ignored
        .retain(|i| i.col != eleven && i.col != december);
    layout
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_of_the_months_of_a_year_end_table() {
        for l in [
            "Thực hiện 11 tháng",
            "TH 11 tháng năm 2026",
            "Lũy kế 11 tháng",
        ] {
            assert!(names_eleven_months(&fold(l)), "{l}");
            assert!(of_year(&fold(l), 2026), "{l}");
        }
        for l in ["Ước thực hiện tháng 12", "Ước T12", "Ước tháng 12/2026"] {
            assert!(names_december(&fold(l)), "{l}");
            assert!(of_year(&fold(l), 2026), "{l}");
        }
        assert!(!names_eleven_months(&fold("Thực hiện tháng 11")));
        assert!(!of_year(&fold("Thực hiện 11 tháng năm 2025"), 2026));
        assert!(!of_year(&fold("Cùng kỳ 11 tháng"), 2026));
    }
}
