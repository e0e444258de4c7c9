//! Tests of the generator as a whole: the same seed gives the same bytes;
//! every catalog relation, rate and percent holds in what is written,
//! except exactly where a mistake is planted.

use super::district::{self, Documents};
use super::figures::{parse_formula, Formula, Model, Op};
use super::layout::{render, Cell, Doc, Layout, Line, Row};
use super::rng::Rng;
use super::submission::document;
use super::{batch, submission::Sender};
use crate::model::{Period, ValueColumn};
use crate::template::{Kind, Template};
use std::collections::HashMap;

fn q1() -> Period {
    "2020-Q1".parse().unwrap()
}

fn lines(doc: &Doc) -> HashMap<&str, &Line> {
    doc.rows
        .iter()
        .filter_map(|r| match r {
            Row::Line(l) if !l.code.is_empty() => Some((l.code.as_str(), l)),
            _ => None,
        })
        .collect()
}

fn number(l: &Line, c: ValueColumn) -> Option<f64> {
    l.value(c).and_then(Cell::value)
}

/// Every relation of the catalog checked on the stated figures of one
/// document; returns the (code, column) of each violated relation.
pub(super) fn violations(t: &Template, doc: &Doc) -> Vec<(String, ValueColumn)> {
    let by_code = lines(doc);
    let mut out = Vec::new();
    for ind in &t.indicators {
        let Some(f) = parse_formula(&ind.formula) else {
            continue;
        };
        for c in ValueColumn::QUANTITIES {
            match &f {
                Formula::Relation { lhs, op, rhs } => {
                    let side = |s: &[(i64, String)]| -> Option<f64> {
                        s.iter()
                            .map(|(sign, code)| {
                                by_code
                                    .get(code.as_str())
                                    .and_then(|l| number(l, c))
                                    .map(|v| *sign as f64 * v)
                            })
                            .sum()
                    };
                    let (Some(a), Some(b)) = (side(lhs), side(rhs)) else {
                        continue;
                    };
                    let holds = match op {
                        Op::Eq => (a - b).abs() < 1e-6,
                        Op::Le => a <= b + 1e-6,
                        Op::Ge => a + 1e-6 >= b,
                    };
                    if !holds {
                        out.push((ind.code.clone(), c));
                    }
                }
                Formula::Rate { num, den } => {
                    let get = |code: &str| by_code.get(code).and_then(|l| number(l, c));
                    let stated = by_code.get(ind.code.as_str()).and_then(|l| number(l, c));
                    match (get(num), get(den), stated) {
                        (Some(n), Some(d), Some(s)) if d > 0.0 => {
                            if (n / d * 100.0 - s).abs() > 0.005 + 1e-9 {
                                out.push((ind.code.clone(), c));
                            }
                        }
                        (_, _, None) => {}
                        _ => out.push((ind.code.clone(), c)),
                    }
                }
            }
        }
    }
    out
}

/// Stated %KH and %CK against LK/KH and LK/CK (growth, else ratio),
/// computed here in floats: within half a unit of the last place. Returns
/// the mismatches.
pub(super) fn percent_errors(doc: &Doc, growth: bool) -> Vec<(String, ValueColumn)> {
    let mut out = Vec::new();
    for r in &doc.rows {
        let Row::Line(l) = r else { continue };
        let lk = number(l, ValueColumn::Lk);
        for (pc, other, shift) in [
            (ValueColumn::PctKh, ValueColumn::Kh, 0.0),
            (
                ValueColumn::PctCk,
                ValueColumn::Ck,
                if growth { 100.0 } else { 0.0 },
            ),
        ] {
            let stated = number(l, pc);
            let expect = match (lk, number(l, other)) {
                (Some(a), Some(b)) if a != 0.0 && b != 0.0 => Some(a / b * 100.0 - shift),
                _ => None,
            };
            let ok = match (stated, expect) {
                (Some(s), Some(e)) => (s - e).abs() <= 0.005 + 1e-9,
                (None, None) => true,
                // A rate has no %KH or %CK at all.
                (None, Some(_)) => l.unit == "%",
                (Some(_), None) => false,
            };
            if !ok {
                out.push((l.code.clone(), pc));
            }
        }
    }
    out
}

#[test]
fn batch_figures_keep_every_relation_rate_and_percent() {
    let t = Template::builtin().unwrap();
    let model = Model::new(&t);
    let which: Vec<usize> = (0..t.indicators.len()).collect();
    for period in ["2020-Q1", "2020-Q3", "2020-H1", "2021"] {
        let period: Period = period.parse().unwrap();
        for seed in 0..40u64 {
            let mut rng = Rng::stream(seed, 3);
            let size = rng.uniform(0.3, 2.0);
            let f = model.unit_figures(&mut rng, size, period);
            let sender = Sender {
                code: "X".into(),
                letterhead: vec!["UBND PHƯỜNG 1".into()],
                place: "Phường 1".into(),
                lead: "UBND Phường 1".into(),
                is_ward: true,
            };
            let doc = document(
                &t,
                &model,
                &sender,
                &f,
                &which,
                Layout::A,
                period,
                &[],
                &mut rng,
            );
            assert_eq!(violations(&t, &doc), vec![], "seed {seed}, {period}");
            assert_eq!(percent_errors(&doc, true), vec![], "seed {seed}, {period}");
            for (i, ind) in t.indicators.iter().enumerate() {
                for c in ValueColumn::QUANTITIES {
                    if let Some(v) = f.get(c, i) {
                        assert!(v >= 0, "{} {c} = {v}", ind.code);
                    }
                }
                let (th, lk) = (f.get(ValueColumn::Th, i), f.get(ValueColumn::Lk, i));
                if period.first_month() == 1 {
                    assert_eq!(th, lk, "{}: LK = TH from January", ind.code);
                } else if ind.kind == Kind::Flow {
                    assert!(lk >= th, "{}: LK ≥ TH", ind.code);
                }
            }
        }
    }
}

#[test]
fn plans_are_about_a_year_and_only_where_planned() {
    let t = Template::builtin().unwrap();
    let model = Model::new(&t);
    let mut ratios = Vec::new();
    for seed in 0..30 {
        let f = model.unit_figures(&mut Rng::new(seed), 1.0, q1());
        for (i, ind) in t.indicators.iter().enumerate() {
            let kh = f.get(ValueColumn::Kh, i);
            assert_eq!(kh.is_some(), model.has_kh[i], "{}", ind.code);
            assert_eq!(
                f.get(ValueColumn::Ck, i).is_some(),
                model.has_ck[i] || ind.kind == Kind::Rate && f.get(ValueColumn::Ck, i).is_some()
            );
            if let (Some(k), Some(th)) = (kh, f.get(ValueColumn::Th, i)) {
                if ind.kind == Kind::Flow && th > 20 {
                    ratios.push(k as f64 / th as f64);
                }
            }
        }
    }
    ratios.sort_by(|a, b| a.total_cmp(b));
    let median = ratios[ratios.len() / 2];
    assert!((3.0..5.5).contains(&median), "median KH/TH {median}");
    let planned = model.has_kh.iter().filter(|b| **b).count();
    assert!(planned > 5 && planned < t.indicators.len() / 2, "{planned}");
}

#[test]
fn the_district_is_consistent_except_where_a_mistake_is_planted() {
    let t = Template::builtin().unwrap();
    let Documents { docs, marks } = district::documents(q1(), 2020).unwrap();
    let mut broken = Vec::new();
    for (file, doc) in &docs {
        for (code, col) in violations(&t, doc) {
            broken.push(format!("{file} {code} {col}"));
        }
        for (code, col) in percent_errors(doc, true) {
            broken.push(format!("{file} {code} {col}"));
        }
    }
    broken.sort();
    assert_eq!(
        broken,
        vec![
            // 1.290 ≠ 1.204 + 77 (the HC05 rate is stated from 1.290).
            "phuong-05.xlsx HC02 TH",
            "phuong-08.xlsx LD05 %CK",
            "phuong-08.xlsx TP02 %KH",
        ]
    );
    let planted: Vec<&str> = marks.iter().map(|m| m.e.code.as_str()).collect();
    for code in [
        "value-invalid",
        "sum-mismatch",
        "pct-mismatch",
        "pct-rounding",
        "total-unchecked",
        "unit-mismatch",
        "indicator-unknown",
        "period-mismatch",
        "file-unknown-unit",
        "submission-duplicate",
    ] {
        assert!(planted.contains(&code), "{code} is planted");
    }
}

#[test]
fn department_totals_are_the_sums_of_the_wards_that_count() {
    let Documents { docs, .. } = district::documents(q1(), 2020).unwrap();
    let doc = |name: &str| &docs.iter().find(|(f, _)| f == name).unwrap().1;
    let sum = |code: &str, col: ValueColumn| -> f64 {
        docs.iter()
            .filter(|(f, _)| {
                f.starts_with("phuong-")
                    || f.starts_with("Phuong")
                    || f.starts_with("P12")
                    || f.starts_with("UBND P6")
                    || f.starts_with("BC phuong")
            })
            .filter(|(f, _)| !f.contains("14") && !f.contains("bản sửa"))
            .filter_map(|(_, d)| {
                d.rows.iter().find_map(|r| match r {
                    Row::Line(l) if l.code == code => number(l, col).map(|v| {
                        if l.unit == "đồng" && code == "VH03" {
                            v / 1e6
                        } else {
                            v
                        }
                    }),
                    _ => None,
                })
            })
            .sum()
    };
    let dept = |file: &str, code: &str, col: ValueColumn| {
        number(lines(doc(file)).get(code).unwrap(), col).unwrap()
    };
    assert_eq!(
        dept("p-vhtt.xlsx", "VH03", ValueColumn::Lk),
        sum("VH03", ValueColumn::Lk)
    );
    assert_eq!(
        dept("cong-an-quan.xlsx", "AN25", ValueColumn::Ck),
        sum("AN25", ValueColumn::Ck)
    );
    assert_eq!(
        dept("phong-ldtbxh.xlsx", "LD01", ValueColumn::Kh),
        sum("LD01", ValueColumn::Kh)
    );
    // TT01: P03 wrote "khoảng 20" (20 in its LK), and Thanh tra added 10.
    assert_eq!(
        dept("thanh-tra-quan.xlsx", "TT01", ValueColumn::Th),
        sum("TT01", ValueColumn::Th) + 20.0 + 10.0
    );
    assert_eq!(
        dept("thanh-tra-quan.xlsx", "TT01", ValueColumn::Lk),
        sum("TT01", ValueColumn::Lk)
    );
    // HC02: P05 wrote 1.290 for 1.281; the office's total is the true one.
    assert_eq!(
        dept("van-phong-hdnd-ubnd.xlsx", "HC02", ValueColumn::Th),
        sum("HC02", ValueColumn::Th) - 9.0
    );
    // A department with no indicator still sends its one row.
    let gd = doc("phong-gddt.xlsx");
    assert!(
        matches!(gd.rows.as_slice(), [Row::Line(l)] if l.name == "Không có chỉ tiêu phát sinh trong kỳ")
    );
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let a = district::build(q1(), 2020).unwrap();
    let b = district::build(q1(), 2020).unwrap();
    assert_eq!(a.files.len(), b.files.len());
    for ((na, ba), (nb, bb)) in a.files.iter().zip(&b.files) {
        assert_eq!(na, nb);
        assert!(ba == bb, "{na} differs between two runs");
    }
    let c = district::build(q1(), 7).unwrap();
    let differ = a
        .files
        .iter()
        .zip(&c.files)
        .filter(|(x, y)| x.1 != y.1)
        .count();
    assert!(differ > 30, "another seed changes the workbooks ({differ})");
    assert_eq!(a.expected, b.expected);
}

#[test]
fn the_committed_samples_are_what_the_generator_makes() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let set = district::build(q1(), 2020).unwrap();
    let tsv = std::fs::read_to_string(root.join("expected-2020-Q1.tsv")).unwrap();
    assert_eq!(tsv, set.expected_tsv(), "regenerate: see samples/README.md");
    let mut committed: Vec<String> = std::fs::read_dir(root.join("2020-Q1"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    committed.sort();
    let made: Vec<String> = set.files.iter().map(|f| f.0.clone()).collect();
    assert_eq!(committed, made);
}

#[test]
fn planted_cells_read_back_where_the_list_says() {
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    let set = district::build(q1(), 2020).unwrap();
    let cell = |file: &str, sheet: &str, a1: &str| -> Data {
        let bytes = &set.files.iter().find(|f| f.0 == file).unwrap().1;
        let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
        let range = wb.worksheet_range(sheet).unwrap();
        let (row, col) = crate::diagnostic::parse_a1(a1).unwrap();
        range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
    };
    let find = |code: &str| set.expected.iter().find(|e| e.code == code).unwrap();
    let e = find("value-invalid");
    assert_eq!(
        cell(&e.file, &e.sheet, &e.cell),
        Data::String("khoảng 20".into())
    );
    let e = find("sum-mismatch");
    assert_eq!(cell(&e.file, &e.sheet, &e.cell), Data::Float(1290.0));
    let e = find("period-mismatch");
    assert_eq!(
        cell(&e.file, &e.sheet, &e.cell),
        Data::String("BÁO CÁO SỐ LIỆU QUÝ IV/2019".into())
    );
    let e = find("indicator-unknown");
    assert_eq!(
        cell(&e.file, &e.sheet, &e.cell),
        Data::String("Số hộ gia đình văn hóa".into())
    );
    let e = find("unit-mismatch");
    assert_eq!(
        cell(&e.file, &e.sheet, &e.cell),
        Data::String("đồng".into())
    );
    let e = find("pct-mismatch");
    assert_eq!(
        cell(&e.file, &e.sheet, &e.cell),
        Data::Float(e.actual.parse().unwrap())
    );
    // The department's figure that is not compared: a number in its cell.
    let e = find("total-unchecked");
    assert!(matches!(cell(&e.file, &e.sheet, &e.cell), Data::Float(_)));
    // Layout C writes numbers as Vietnamese text.
    let c = set.files.iter().find(|f| f.0 == "phuong-13.xlsx").unwrap();
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(c.1.clone())).unwrap();
    let r = wb.worksheet_range("Sheet1").unwrap();
    let texts = r
        .rows()
        .skip(5)
        .flat_map(|row| row.iter().skip(3).cloned().collect::<Vec<_>>());
    let (dots, commas) = texts.fold((0, 0), |(d, c), x| match x {
        Data::String(s) if s.contains('.') => (d + 1, c),
        Data::String(s) if s.contains(',') => (d, c + 1),
        _ => (d, c),
    });
    assert!(
        dots >= 5 && commas >= 20,
        "numbers as Vietnamese text: {dots} with dots, {commas} with commas"
    );
}

#[test]
fn a_batch_unit_renders_the_same_every_time() {
    let t = Template::builtin().unwrap();
    let model = Model::new(&t);
    let which = batch::ward_indicators(&t);
    let u = &batch::units(3)[1];
    let make = || {
        let mut rng = Rng::stream(5, 2);
        let f = model.unit_figures(&mut rng, 1.0, q1());
        let s = Sender {
            code: u.code.clone(),
            letterhead: vec![format!("UBND {}", u.name.to_uppercase())],
            place: u.name.clone(),
            lead: u.name.clone(),
            is_ward: true,
        };
        render(&document(
            &t,
            &model,
            &s,
            &f,
            &which,
            Layout::C,
            q1(),
            &[],
            &mut rng,
        ))
        .unwrap()
        .0
    };
    let a = make();
    assert_eq!(a, make());
    assert!((10_000..40_000).contains(&a.len()), "{} bytes", a.len());
}

#[test]
fn a_batch_template_is_one_annex_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let units = batch::units(12);
    batch::write_template(dir.path(), &units, None).unwrap();
    let t = Template::load(dir.path()).unwrap();
    let annex = crate::annex::settings::AnnexSettings::from_template(&t).unwrap();
    // The built-in departments are not in a batch's registry: no default
    // field, no short form; the sections and words are the built-in ones.
    assert!(annex.default_field.is_empty() && annex.short.is_empty());
    let builtin = Template::builtin().unwrap();
    let b = crate::annex::settings::AnnexSettings::from_template(&builtin).unwrap();
    assert_eq!(annex.sections.len(), b.sections.len());
    assert_eq!(annex.boilerplate, b.boilerplate);
    // A registry that lists a department keeps its entries.
    let kept = batch::template_toml(batch::BUILTIN_TOML, &["P.TCKH"]);
    assert!(kept.contains("\"P.TCKH\" = \"KT\"") && kept.contains("\"P.TCKH\" = \"Phòng TC-KH\""));
    assert!(!kept.contains("\"P.KT\" = \"KT\""));
}

/// A third quarter's batch lists only what the tool can see in it (tester
/// DS): Thanh tra's TT01 LK, left at the true nine months, is above its
/// TH (no LK = TH in a third quarter), Phường 5's HC02 LK 1.281 is below
/// its TH (LK ≥ TH, not LK = TH); and its notes speak of the quarter's
/// last day and month, not of March. Near miss: a first quarter keeps
/// both LK = TH and «Ước đến ngày 31/3».
#[test]
fn planted_mistakes_and_notes_follow_the_period() {
    let q3: Period = "2026-Q3".parse().unwrap();
    let set = district::build(q3, 2020).unwrap();
    let cumulative: Vec<(&str, &str)> = set
        .expected
        .iter()
        .filter(|e| e.code == "cumulative-mismatch")
        .map(|e| (e.unit.as_str(), e.expected.as_str()))
        .collect();
    assert_eq!(cumulative, [("P05", "LK ≥ TH")]);
    let notes = |p: Period| -> Vec<String> {
        district::documents(p, 2020)
            .unwrap()
            .docs
            .iter()
            .flat_map(|(_, d)| d.rows.iter())
            .filter_map(|r| match r {
                Row::Line(l) if !l.note.is_empty() => Some(l.note.clone()),
                _ => None,
            })
            .collect()
    };
    let third = notes(q3);
    assert!(third.iter().any(|n| n == "Ước đến ngày 30/9"), "{third:?}");
    assert!(
        third.iter().any(|n| n == "Đã cập nhật số liệu tháng 9"),
        "{third:?}"
    );
    assert!(!third
        .iter()
        .any(|n| n.contains("31/3") || n.ends_with("tháng 3")));
    let first = notes(q1());
    assert!(first.iter().any(|n| n == "Ước đến ngày 31/3"), "{first:?}");
    let set = district::build(q1(), 2020).unwrap();
    let lk_th = set
        .expected
        .iter()
        .filter(|e| e.code == "cumulative-mismatch" && e.expected == "LK = TH")
        .count();
    assert_eq!(lk_th, 2);
}

/// The header rows of the forms were one line tall while their words
/// wrap to two or three in their columns («Kế hoạch năm 2020», «So với
/// cùng kỳ»): printed, the text was cut through, and the feedback copies
/// the height. Each header row is now as tall as its most wrapped cell
/// needs (Times New Roman 12 bold, measured as the reports measure it).
#[test]
fn the_forms_header_rows_are_as_tall_as_their_wrapped_words() {
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    use std::io::Read;
    let set = district::build(q1(), 2020).unwrap();
    let part = |bytes: &[u8], name: &str| -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let attr = |el: &str, name: &str| -> Option<f64> {
        regex::Regex::new(&format!(r#"\s{name}="([0-9.]+)""#))
            .unwrap()
            .captures(el)
            .map(|c| c[1].parse().unwrap())
    };
    // (file, sheet part, sheet name, 0-based header rows whose single cells
    // are checked)
    let cases = [
        (
            "phuong-01.xlsx",
            "xl/worksheets/sheet1.xml",
            "Biểu 1",
            vec![6u32],
        ),
        (
            "phuong-08.xlsx",
            "xl/worksheets/sheet1.xml",
            "Biểu 1",
            vec![6],
        ),
        (
            "P12_SoLieu_2020_Q1.xlsx",
            "xl/worksheets/sheet1.xml",
            "Sheet1",
            vec![4],
        ),
        (
            "phuong-01.xlsx",
            "xl/worksheets/sheet2.xml",
            "Nhiệm vụ",
            vec![2],
        ),
    ];
    let col_re = regex::Regex::new(r"<col [^>]*>").unwrap();
    for (file, sheet_part, sheet, rows) in cases {
        let bytes = &set.files.iter().find(|f| f.0 == file).unwrap().1;
        let xml = part(bytes, sheet_part);
        let widths: Vec<f64> = col_re
            .find_iter(&xml)
            .map(|m| attr(m.as_str(), "width").unwrap())
            .collect();
        let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
        let range = wb.worksheet_range(sheet).unwrap();
        for r in rows {
            let row = regex::Regex::new(&format!(r#"<row r="{}"[^>]*>"#, r + 1))
                .unwrap()
                .find(&xml)
                .unwrap()
                .as_str()
                .to_string();
            let ht = attr(&row, "ht").unwrap_or(15.0);
            for (c, w) in widths.iter().enumerate() {
                let Some(Data::String(text)) = range.get_value((r, c as u32)) else {
                    continue;
                };
                let lines = crate::report::layout::wrapped_lines(text, *w, true, 12.0);
                assert!(
                    ht >= lines as f64 * 15.0,
                    "{file} {sheet} row {}: «{text}» needs {lines} lines, the row is {ht} pt",
                    r + 1
                );
            }
        }
    }
    // Layout B's header is two rows: the upper («Quý I/2020» over two
    // columns, the merged «Kế hoạch năm») as tall as the lower.
    let bytes = &set
        .files
        .iter()
        .find(|f| f.0 == "phuong-08.xlsx")
        .unwrap()
        .1;
    let xml = part(bytes, "xl/worksheets/sheet1.xml");
    let upper = regex::Regex::new(r#"<row r="6"[^>]*>"#)
        .unwrap()
        .find(&xml)
        .unwrap()
        .as_str()
        .to_string();
    assert!(attr(&upper, "ht").unwrap_or(15.0) >= 30.0, "{upper}");
}
