//! The README of a template's batch: how it was made, what is in it, and
//! what was planted where with what a consolidation reports for it.

use super::{Plant, TemplateBatch, PLANTS};
use crate::model::Period;
use crate::samples::district::Expected;
use crate::template::{CkConvention, Template};

/// "`sum-mismatch` (error) G12": a finding as the README lists it.
pub(super) fn report_words(e: &Expected) -> String {
    let mut s = format!("`{}` ({})", e.code, e.severity);
    if !e.cell.is_empty() {
        s.push(' ');
        s.push_str(&e.cell);
    }
    if matches!(e.code.as_str(), "total-unchecked" | "total-mismatch") {
        s.push_str(&format!(" of `{}`", e.file));
    }
    s
}

/// A cell of a Markdown table.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The README of batch `b` of template `t`, made by `command`.
pub fn readme(t: &Template, b: &TemplateBatch, command: &str, period: Period) -> String {
    let words = t.level_words();
    let mut s = format!(
        "# Sample batch: {} — {} ({period})\n\n",
        t.settings.title.trim(),
        t.settings.office.trim()
    );
    s.push_str(&format!(
        "Written by the generator built into the tool, byte for byte the same for the same template, period and seed:\n\n```sh\n{command}\n```\n\nConsolidate it with:\n\n```sh\ntonghop consolidate submissions --template template --period {period} --out out\n```\n\n"
    ));
    let twice = if b.plants.iter().any(|p| p.kind == "submission-duplicate") {
        ", one of them sent twice"
    } else {
        ""
    };
    s.push_str("| file | content |\n|---|---|\n");
    s.push_str("| `template/` | a copy of the template the batch was made for |\n");
    s.push_str(&format!(
        "| `submissions/` | {} workbooks, one per reporting unit of the registry{twice}: {} {} (layouts A, B, C in 6:2:2) and {} departments and other bodies (layout A) |\n",
        b.set.files.len(),
        b.wards,
        words.units_vi,
        b.departments,
    ));
    s.push_str(&format!(
        "| `expected.tsv` | the {} findings a consolidation must report, and nothing else: columns `severity, code, unit, file, sheet, cell, indicator, column, expected, actual` (numbers written plainly, `.` for decimals) |\n\n",
        b.set.expected.len()
    ));
    let ck = match t.settings.ck_convention {
        CkConvention::Growth => "the growth LK/CK×100−100",
        CkConvention::Ratio => "the ratio LK/CK×100",
    };
    s.push_str(&format!(
        "Every figure is consistent — every relation of `indicators.csv` holds, rates are stated from their operands, %KH = LK/KH×100 and %CK = {ck} (the template's `ck_convention`), LK = TH in a first quarter, a department's figure of a `both` indicator is the sum of the units whose files are used — except the planted mistakes below. Each unit is drawn at its size (the registry's `size` column when it has one): units differ by an order of magnitude, their figures per head and against last year do not.\n\n"
    ));
    let (mistakes, near): (Vec<&Plant>, Vec<&Plant>) =
        b.plants.iter().partition(|p| !p.is_near_miss());
    s.push_str("## Planted mistakes\n\n");
    if mistakes.is_empty() {
        s.push_str("None (`--clean`): a consolidation reports nothing.\n\n");
    } else {
        s.push_str(
            "| file | sheet | cell | planted | what | reported |\n|---|---|---|---|---|---|\n",
        );
        for p in &mistakes {
            let file = if p.file.is_empty() {
                format!("— ({})", p.unit)
            } else {
                format!("`{}`", p.file)
            };
            s.push_str(&format!(
                "| {file} | {} | {} | `{}` | {} | {} |\n",
                p.sheet,
                p.cell,
                p.kind,
                cell(&p.what),
                p.reports.join("; ")
            ));
        }
        s.push_str("\nA mistake in a unit's figure of a `both` indicator also holds back its department's total (`total-unchecked`, listed with the mistake) unless the department's figure is below what the other units already add up to; a unit's broken sum holds back the totals of the whole and of each of its parts, since which of them is wrong is not known. A total or relation of the consolidated figures is not reported again for a figure with an error of its own.\n\n");
    }
    if !near.is_empty() {
        s.push_str(
            "## Near misses (nothing to report)\n\n| file | cell | unit | what |\n|---|---|---|---|\n",
        );
        for p in &near {
            s.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                p.file,
                p.cell,
                p.unit,
                cell(&p.what)
            ));
        }
        s.push('\n');
    }
    let left: Vec<&str> = PLANTS
        .iter()
        .copied()
        .filter(|k| !b.plants.iter().any(|p| p.kind == *k))
        .collect();
    if !left.is_empty() && !b.plants.is_empty() {
        s.push_str(&format!(
            "Not planted, for want of a place in this template's catalog or registry (each mistake takes a unit of its own): {}.\n",
            left.join(", ")
        ));
    }
    s
}
