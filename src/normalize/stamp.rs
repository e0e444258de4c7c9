//! The stamp of a form made by `tonghop template`: a hidden, protected
//! sheet saying which template version, unit and period the form was made
//! for, so that a consolidation knows a form exactly, whatever its file is
//! called and whatever a clerk typed into its title.
//!
//! ```text
//! sheet "tonghop" (hidden, protected)
//!      A                  B
//!   1  tonghop-form       1            marker, layout of the stamp
//!   2  template_version   2020.1       template.toml's `version`
//!   3  unit               P05          registry code
//!   4  unit_name          Phường 5     as the registry named it then
//!   5  period             2020-Q1
//!   6  template_office    ỦY BAN NHÂN DÂN QUẬN   template.toml's `office`
//!   7  template_title     BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI   its `form_title` (else `title`)
//!      (columns D onwards: the form's drop-down lists, not read here)
//! ```
//!
//! What the stamp decides, against the title rows and the file name:
//!
//! | stamp says | title / file name say | the form is read as |
//! |---|---|---|
//! | unit P05 (in the registry) | P05, or no unit | P05's |
//! | unit P07 | another unit only (P05), in the title or in the file name | nobody's: `file-unknown-unit` naming both P07 and P05, figures left out |
//! | a unit the registry does not list | anything | as any workbook: by its title, else its file name |
//! | period 2019-Q4 | anything | 2019-Q4's (`period-mismatch` in a 2020-Q1 run) |
//! | period 2020-Q1, the run's | a title of another period ("QUÝ IV/2019") | 2020-Q1's, with a `period-mismatch` error at the title: the title is to correct before signing |
//! | template version 2019.1 | — | read by its content as any workbook, with a `template-outdated` warning |
//! | another office (`template_office`) | — | nobody's, its figures not read: a `template-outdated` error naming the office whose template made it (rows 6–7 are missing from forms made before they were added: such a form is told by its version only) |
//!
//! A title or file name "names" a unit when one of the unit's registry
//! names or aliases is in it as whole words; a title or file name that
//! names the form's own unit among others is no conflict, nor one whose
//! words fit the form's unit and its namesakes alike ("UBND XÃ TÂN PHÚ" on
//! the form of one of five Xã Tân Phú): the stamp tells which.

use crate::diagnostic::{Finding, Location, Severity};
use crate::ingest::SheetGrid;
use crate::messages::{version_shown, Read};
use crate::model::{Period, ValueColumn};
use crate::normalize::header::TableLayout;
use crate::normalize::submission::{ReadContext, Submission, TitleCell, UnitSource};
use crate::text::fold;

/// The stamp sheet's name.
pub const SHEET: &str = "tonghop";
/// The text of its A1.
pub const MARKER: &str = "tonghop-form";
/// The layout of the stamp (B1), for a later change of its rows.
const LAYOUT: &str = "1";
const KEY_VERSION: &str = "template_version";
const KEY_UNIT: &str = "unit";
const KEY_UNIT_NAME: &str = "unit_name";
const KEY_PERIOD: &str = "period";
const KEY_OFFICE: &str = "template_office";
const KEY_TITLE: &str = "template_title";

/// What a form says about itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormStamp {
    /// The template's `version` when the form was made ("" when it had
    /// none).
    pub version: String,
    /// The unit's registry code.
    pub unit: String,
    /// The unit's name in the registry of the time.
    pub unit_name: String,
    pub period: Option<Period>,
    /// The template's `office` ("" on a form made before the stamp said
    /// it).
    pub office: String,
    /// The template's `form_title`, else its `title` ("" likewise).
    pub title: String,
}

impl FormStamp {
    /// The rows of the stamp sheet, from A1 down: (A, B).
    pub fn rows(&self) -> [(&'static str, String); 7] {
        [
            (MARKER, LAYOUT.to_string()),
            (KEY_VERSION, self.version.clone()),
            (KEY_UNIT, self.unit.clone()),
            (KEY_UNIT_NAME, self.unit_name.clone()),
            (
                KEY_PERIOD,
                self.period.map(|p| p.to_string()).unwrap_or_default(),
            ),
            (KEY_OFFICE, self.office.clone()),
            (KEY_TITLE, self.title.clone()),
        ]
    }

    /// Reads a stamp sheet: `None` unless its A1 is the marker (a sheet a
    /// unit happens to call "tonghop" is an ordinary sheet) and it names a
    /// unit.
    pub fn read(grid: &SheetGrid) -> Option<FormStamp> {
        let first = grid.rows().start;
        if grid.text(first, 0) != MARKER {
            return None;
        }
        let value = |key: &str| {
            grid.rows()
                .find(|&r| grid.text(r, 0) == key)
                .map(|r| grid.text(r, 1))
                .unwrap_or_default()
        };
        let unit = value(KEY_UNIT);
        if unit.is_empty() {
            return None;
        }
        Some(FormStamp {
            version: value(KEY_VERSION),
            unit,
            unit_name: value(KEY_UNIT_NAME),
            period: value(KEY_PERIOD).parse().ok(),
            office: value(KEY_OFFICE),
            title: value(KEY_TITLE),
        })
    }

    /// Whether the form was made from another office's template than
    /// `template`: both name their office, and the names differ (folded).
    /// Another version of the office's own template is no other
    /// template (`template-outdated`, a warning).
    pub fn of_another_office(&self, template: &crate::template::Template) -> bool {
        let now = fold(&template.settings.office);
        let was = fold(&self.office);
        !now.trim().is_empty() && !was.trim().is_empty() && now != was
    }
}

/// Applies a form's stamp to what its title rows (on `grid`, above
/// `layout`'s header) and its file name said: see the module's table.
/// Called once the title has been read.
pub fn apply(
    stamp: &FormStamp,
    grid: &SheetGrid,
    layout: &TableLayout,
    ctx: &ReadContext,
    sub: &mut Submission,
) {
    let t = ctx.template;
    let lang = ctx.lang;
    let here = Location {
        file: sub.file.clone(),
        sheet: grid.name.clone(),
        cell: String::new(),
    };
    // The cell a period the stamp names is told at: the title's period
    // cell, else the sheet's first row.
    let period_cell = sub.period.map_or(
        TitleCell {
            row: grid.rows().start,
            col: 0,
        },
        |(_, c)| c,
    );
    if stamp.of_another_office(t) {
        // Another office's form: its codes and rows are that office's
        // catalog's, not this one's. Read against this catalog it made
        // dozens of false findings (its YT.02 taken as this catalog's
        // YT02, «thiếu 63 chỉ tiêu»), and its unit code names another
        // registry's unit. One finding says what it is and with which
        // template to check it; its figures are not read (see
        // `set_aside_foreign`).
        let said = Read::FormOfOtherTemplate {
            file: &sub.file,
            office: &stamp.office,
            title: &stamp.title,
            version: &stamp.version,
            now_office: &t.settings.office,
        };
        sub.findings.push(
            Finding::said(Severity::Error, &said, lang)
                .at(&here)
                .expected(t.settings.office.clone())
                .actual(stamp.office.clone()),
        );
        if let Some(p) = stamp.period {
            sub.period = Some((p, period_cell));
        }
        sub.unit = None;
        sub.unit_doubt = None;
        sub.unit_source = UnitSource::OtherTemplate;
        sub.unit_text = stamp.unit_name.clone();
        return;
    }
    if stamp.version != t.settings.version {
        let said = Read::TemplateOutdated {
            file: &sub.file,
            was: &stamp.version,
            now: &t.settings.version,
        };
        let finding = Finding::said(Severity::Warning, &said, lang)
            .at(&here)
            .expected(version_shown(&t.settings.version, lang))
            .actual(version_shown(&stamp.version, lang));
        sub.findings.push(finding);
    } else {
        // A form of this template has every quantity column the template
        // has header words for: one its table lacks was deleted.
        let first_col = layout.columns.iter().map(|(c, _)| *c).min().unwrap_or(0);
        let at = Location::cell(
            sub.file.clone(),
            grid.name.clone(),
            layout.header_first,
            first_col,
        );
        sub.columns_deleted = [
            ValueColumn::Kh,
            ValueColumn::Th,
            ValueColumn::Lk,
            ValueColumn::Ck,
        ]
        .into_iter()
        .filter(|c| !t.column_words(c.as_str()).is_empty())
        .filter(|c| !layout.value_columns().any(|(_, v)| v == *c))
        .map(|c| (c, at.clone(), true))
        .collect();
    }
    if let Some(p) = stamp.period {
        let cell = period_cell;
        // A title left from another report on the form of the run's
        // period: the figures are the form's period's, but the document
        // to be signed names another. (A form of another period is set
        // aside whatever its title says.)
        let stale = sub
            .period
            .map(|(t, _)| t)
            .filter(|t| !t.same_report_as(&p))
            .filter(|_| ctx.period.is_none_or(|run| run.same_report_as(&p)));
        if let Some(stated) = stale {
            let at = Location::cell(sub.file.clone(), grid.name.clone(), cell.row, cell.col);
            let said = Read::TitleBehindStamp {
                cell: &at.cell,
                stated,
                period: p,
            };
            // A title naming the form's whole year is vaguer, not another
            // period: a warning.
            let loose = stated.holds_loosely(&p);
            let severity = if loose {
                Severity::Warning
            } else {
                Severity::Error
            };
            sub.findings.push(
                Finding::said(severity, &said, lang)
                    .at(&at)
                    .expected(p.to_string())
                    .actual(stated.to_string()),
            );
            if !loose {
                sub.title_stale = Some(stated);
            }
        }
        sub.period = Some((p, cell));
    }
    let Some(own) = t.agency_index(&stamp.unit) else {
        // A unit the registry no longer lists: the form is read as any
        // workbook; if nothing names its sender, the stamp's words do.
        if sub.unit.is_none() {
            sub.unit_text = format!("{} ({})", stamp.unit_name, stamp.unit);
        }
        return;
    };
    // The stamp weighs the title and the file name itself: what the title
    // reading doubted or inferred gives way.
    sub.unit_doubt = None;
    sub.findings.retain(|f| {
        f.code != crate::diagnostic::Code::FileUnknownUnit || f.severity != Severity::Info
    });
    // Every unit the title rows name, with where.
    let mut titled: Vec<(usize, TitleCell)> = Vec::new();
    for r in grid.rows().start..layout.header_first {
        for (c, text) in grid.row_texts(r) {
            for u in ctx.agencies.all_fitting(&text) {
                if !titled.iter().any(|(x, _)| *x == u) {
                    titled.push((u, TitleCell { row: r, col: c }));
                }
            }
        }
    }
    let stem = std::path::Path::new(&sub.file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let named = ctx.agencies.all_fitting(&stem);
    let in_title = titled.iter().find(|(u, _)| *u == own).map(|(_, c)| *c);
    let title_other = titled.first().filter(|_| in_title.is_none()).copied();
    let file_other = named.first().filter(|_| !named.contains(&own)).copied();
    let other = match (title_other, file_other) {
        (Some((u, cell)), _) => {
            // The title's sheet (`sub.sheets` is filled once it is read).
            let at = Location::cell(sub.file.clone(), grid.name.clone(), cell.row, cell.col);
            Some((u, at, true))
        }
        (None, Some(u)) => Some((u, Location::file(sub.file.clone()), false)),
        (None, None) => None,
    };
    let Some((other, at, by_title)) = other else {
        sub.unit = Some(own);
        sub.unit_source = match in_title {
            Some(cell) => UnitSource::Title(cell),
            None => UnitSource::Form,
        };
        sub.unit_text.clear();
        return;
    };
    let (a, b) = (&t.agencies[own], &t.agencies[other]);
    let said = Read::FormOfAnother {
        file: &sub.file,
        form: &a.shown(),
        form_code: &a.code,
        other: &b.shown(),
        other_code: &b.code,
        by_title,
        proper: &form_file_name(&b.code, &b.name, stamp.period.or(ctx.period)),
    };
    sub.findings.push(
        Finding::said(Severity::Error, &said, lang)
            .at(&at)
            .expected(a.code.clone())
            .actual(b.code.clone()),
    );
    sub.unit = None;
    sub.unit_source = UnitSource::Disputed {
        form: own,
        named: other,
    };
    sub.unit_text = format!("{} / {}", a.shown(), b.shown());
}

/// Once a form of another office's template is read
/// ([`UnitSource::OtherTemplate`]): its figures and every finding about
/// them are dropped, the one finding that says whose form it is is kept.
pub fn set_aside_foreign(sub: &mut Submission) {
    if sub.unit_source != UnitSource::OtherTemplate {
        return;
    }
    sub.rows.clear();
    sub.missing.clear();
    sub.unsettled = None;
    sub.unit_cells.clear();
    sub.dashes.clear();
    sub.crossed.clear();
    sub.notes.clear();
    sub.months.clear();
    sub.by_unit.clear();
    sub.findings
        .retain(|f| f.code == crate::diagnostic::Code::TemplateOutdated);
}

/// The file name of a unit's form: its code (letters, digits, `.`, `-`,
/// `_` kept), its name without accents and the period:
/// `P05-phuong-5-2020-Q1.xlsx`, `P.TCKH-phong-tai-chinh-ke-hoach-2020-Q1.xlsx`.
pub fn form_file_name(code: &str, name: &str, period: Option<Period>) -> String {
    let mut stem = crate::text::safe_stem(code);
    for part in [
        crate::text::slug(name),
        period.map(|p| p.to_string()).unwrap_or_default(),
    ] {
        if !part.is_empty() {
            stem.push('-');
            stem.push_str(&part);
        }
    }
    format!("{stem}.xlsx")
}

/// Whether a sheet name is the stamp's (compared as folded words, so that
/// a spreadsheet program's renaming of case cannot hide it).
pub fn is_stamp_sheet(name: &str) -> bool {
    fold(name) == SHEET
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::Data;

    fn grid(rows: &[(&str, &str)]) -> SheetGrid {
        SheetGrid::from_rows(
            SHEET,
            rows.iter()
                .map(|(a, b)| vec![Data::String(a.to_string()), Data::String(b.to_string())])
                .collect(),
        )
    }

    #[test]
    fn a_stamp_reads_back_what_it_writes() {
        let stamp = FormStamp {
            version: "2020.1".into(),
            unit: "P.TCKH".into(),
            unit_name: "Phòng Tài chính - Kế hoạch".into(),
            period: "2020-Q1".parse().ok(),
            office: "ỦY BAN NHÂN DÂN QUẬN".into(),
            title: "BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI".into(),
        };
        let rows = stamp.rows();
        let pairs: Vec<(&str, &str)> = rows.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(FormStamp::read(&grid(&pairs)), Some(stamp));
    }

    #[test]
    fn a_sheet_without_the_marker_or_a_unit_is_no_stamp() {
        assert_eq!(
            FormStamp::read(&grid(&[("Ghi chú", ""), ("unit", "P05")])),
            None
        );
        assert_eq!(
            FormStamp::read(&grid(&[(MARKER, "1"), ("period", "2020-Q1")])),
            None
        );
        assert!(is_stamp_sheet("TONGHOP") && !is_stamp_sheet("Tổng hợp"));
    }

    #[test]
    fn a_form_is_named_after_its_unit_and_period() {
        let q1 = "2020-Q1".parse().ok();
        assert_eq!(
            form_file_name("P05", "Phường 5", q1),
            "P05-phuong-5-2020-Q1.xlsx"
        );
        assert_eq!(
            form_file_name("P.TCKH", "Phòng Tài chính - Kế hoạch", q1),
            "P.TCKH-phong-tai-chinh-ke-hoach-2020-Q1.xlsx"
        );
        assert_eq!(
            form_file_name("DK01", "Đặc khu Hòn Ngọc", "2026".parse().ok()),
            "DK01-dac-khu-hon-ngoc-2026.xlsx"
        );
        assert_eq!(form_file_name("A/B", "", None), "A_B.xlsx");
    }
}
