//! Rates in ‰ and %: the ways clerks write the unit ("%o", "o/oo",
//! "phần nghìn", "phần trăm") are the catalog's unit; a "%" label on a
//! row in ‰ is converted ×10 and said; a figure typed with its own sign
//! ("7,63‰", "0,25%") is read in that sign's unit; a rate ten times off
//! its operands is told so. Each on workbooks written here, with the
//! near misses that must stay silent.

use crate::checks::{consolidate, write_form, write_template, V};
use crate::common::read_sheet;
use crate::trust::listed;
use std::path::Path;

/// What these tests are about (the wards' other rows are left out of
/// the forms, and the office sends nothing).
const CODES: &[&str] = &[
    "unit-mismatch",
    "pct-mismatch",
    "pct-rounding",
    "value-invalid",
];

/// The test template plus a population block whose birth rate is in ‰
/// (its operands reported beside it), as a health centre's own catalog
/// has it.
fn template_with_birth_rate(dir: &Path) {
    write_template(dir, "");
    let csv = dir.join("indicators.csv");
    let mut text = std::fs::read_to_string(&csv).unwrap();
    text.push_str(
        "DS01,HC,Dân số trung bình,người,stock,ward,VP,\n\
         DS02,HC,Số trẻ sinh ra sống,trẻ,flow,ward,VP,\n\
         DS03,HC,Tỷ suất sinh thô,‰,rate,ward,VP,DS02 / DS01 * 1000\n",
    );
    std::fs::write(&csv, text).unwrap();
}

/// A ward's form (Q1: TH and LK alike): population 10.000, 25 births,
/// the birth rate's unit and figures; the on-time rate HC05 (19 of 20
/// files) with its unit and figures.
fn ward(dir: &Path, k: usize, ds03: (&'static str, V), hc05: (&'static str, V)) {
    let rows = vec![
        (
            "DS01",
            "Dân số trung bình",
            "người",
            vec![V::N(10_000.0); 2],
        ),
        ("DS02", "Số trẻ sinh ra sống", "trẻ", vec![V::N(25.0); 2]),
        ("DS03", "Tỷ suất sinh thô", ds03.0, vec![ds03.1; 2]),
        (
            "HC02",
            "Hồ sơ thủ tục hành chính đã giải quyết",
            "hồ sơ",
            vec![V::N(20.0); 2],
        ),
        (
            "HC03",
            "Trong đó: giải quyết đúng hạn",
            "hồ sơ",
            vec![V::N(19.0); 2],
        ),
        (
            "HC04",
            "Trong đó: giải quyết trễ hạn",
            "hồ sơ",
            vec![V::N(1.0); 2],
        ),
        (
            "HC05",
            "Tỷ lệ hồ sơ giải quyết đúng hạn",
            hc05.0,
            vec![hc05.1; 2],
        ),
    ];
    write_form(
        &dir.join(format!("phuong-{k}.xlsx")),
        &format!("UBND PHƯỜNG {k}"),
        "QUÝ I/2020",
        &["Thực hiện quý", "Lũy kế từ đầu năm"],
        &rows,
    );
}

/// The consolidated figure of `code` in the summary sheet, column `col`
/// (0-based).
fn total(out: &Path, code: &str, col: usize) -> String {
    let rows = read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let row = rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c == code))
        .unwrap_or_else(|| panic!("{code} not in {rows:?}"));
    row[col].clone()
}

/// "%o", "o/oo", "phần nghìn" on a ‰ row and "phần trăm", "Tỷ lệ %" on
/// a % row are the catalog's unit: nothing to say, the rows consolidated
/// (they were `unit-mismatch` errors leaving the rows out). A "%" label
/// on the ‰ row is a unit ten times larger: figures in % (0,25) are
/// converted ×10 with a warning and agree with their operands. Figures
/// already in ‰ under that label (2,5 = 25 / 10.000 × 1.000) are the
/// label's slip: kept as written, one warning at the label saying so (they
/// were converted to 25 and reported as "33,9 ‰", ten times off, where the
/// cell shows 3,39).
#[test]
fn per_mille_spelt_as_keyboards_type_it_is_the_catalogs_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    template_with_birth_rate(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    ward(&dir, 1, ("%o", V::N(2.5)), ("phần trăm", V::N(95.0)));
    ward(&dir, 2, ("o/oo", V::N(2.5)), ("Tỷ lệ %", V::N(95.0)));
    ward(&dir, 3, ("phần nghìn", V::N(2.5)), ("%", V::N(95.0)));
    // The near miss: the catalog's own sign.
    ward(&dir, 4, ("‰", V::N(2.5)), ("%", V::N(95.0)));
    ward(&dir, 5, ("%", V::N(0.25)), ("%", V::N(95.0)));
    ward(&dir, 6, ("%", V::N(2.5)), ("%", V::N(95.0)));
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-Q1", &[]);
    assert_eq!(
        listed(&f, CODES),
        [
            "warning|unit-mismatch|P05|D9|DS03||‰|%",
            "warning|unit-mismatch|P06|D9|DS03||‰|%",
        ]
    );
    let said = |unit: &str, cell: &str| -> String {
        f.iter()
            .find(|x| x["unit"] == unit && x["cell"] == cell)
            .and_then(|x| x["message"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    assert!(said("P05", "D9").contains("«%»") && said("P05", "D9").contains("(×10)"));
    assert_eq!(
        said("P06", "D9"),
        "Phường 6: Chỉ tiêu DS03 «Tỷ suất sinh thô» ghi đơn vị «%», nhưng số liệu \
         đã tính theo «‰» của danh mục (cột TH: 2,5 = 25 / 10.000 × 1.000): chỉ có \
         nhãn đơn vị ghi sai, số liệu được giữ nguyên, không quy đổi. Hãy sửa đơn \
         vị tính thành «‰»."
    );
    // Each unit's rate as it reached the detail sheet: Phường 5's 0,25 %
    // converted, Phường 6's 2,5 ‰ as written.
    let detail = read_sheet(&out.join("tong-hop.xlsx"), "Chi tiết theo đơn vị");
    let th = detail
        .iter()
        .find(|row| row[0] == "DS03" && row[3] == "TH")
        .unwrap();
    for ward in ["Phường 5", "Phường 6"] {
        let k = detail[0].iter().position(|h| h == ward).unwrap();
        assert_eq!(th[k].parse::<f64>().ok(), Some(2.5), "{ward}: {th:?}");
    }
    // Every ward's rate is consolidated (25 × 6 / 60.000 × 1.000).
    assert_eq!(total(&out, "DS03", 5), "2.5");
}

/// A rate typed as text with its sign: "2,5‰" and "2,5 ‰" on a ‰ row,
/// "95%" on a % row are the figures 2,5 and 95 (they were `value-invalid`
/// errors). A sign that is not the row's unit states the figure's unit:
/// "0,25%" on the ‰ row is 2,5 ‰ and "950‰" on the % row 95 %, each
/// converted with a warning naming what was written.
#[test]
fn a_rate_typed_with_its_sign_is_read_in_that_signs_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    template_with_birth_rate(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    ward(&dir, 1, ("‰", V::T("2,5‰")), ("%", V::T("95%")));
    ward(&dir, 2, ("‰", V::T("2,5 ‰")), ("%", V::T("95,0 %")));
    ward(&dir, 3, ("‰", V::T("0,25%")), ("%", V::N(95.0)));
    ward(&dir, 4, ("‰", V::N(2.5)), ("%", V::T("950‰")));
    // The near miss: the % label, and figures typed with the same sign,
    // converted once (by the label), not twice.
    ward(&dir, 5, ("%", V::T("0,25%")), ("%", V::N(95.0)));
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-Q1", &[]);
    assert_eq!(
        listed(&f, CODES),
        [
            "warning|unit-mismatch|P03|E9|DS03|TH|2,5 ‰|0,25%",
            "warning|unit-mismatch|P03|F9|DS03|LK|2,5 ‰|0,25%",
            "warning|unit-mismatch|P04|E13|HC05|TH|95 %|950‰",
            "warning|unit-mismatch|P04|F13|HC05|LK|95 %|950‰",
            "warning|unit-mismatch|P05|D9|DS03||‰|%",
        ]
    );
    assert_eq!(total(&out, "DS03", 5), "2.5");
}

/// A rate ten times off its operands is an error as any other, and its
/// message says by how much: 0,25 where 2,5 ‰ is right (computed per
/// cent) is a tenth of it; 9,5 where 95 % is right a tenth too. The near
/// miss: 80 where 95 is right is off, and no power of ten.
#[test]
fn a_rate_ten_times_off_is_told_so() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    template_with_birth_rate(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    ward(&dir, 1, ("‰", V::N(0.25)), ("%", V::N(9.5)));
    ward(&dir, 2, ("‰", V::N(2.5)), ("%", V::N(80.0)));
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-Q1", &[]);
    assert_eq!(
        listed(&f, CODES),
        [
            "error|pct-mismatch|P01|E13|HC05|TH|95,0|9,5",
            "error|pct-mismatch|P01|E9|DS03|TH|2,50|0,25",
            "error|pct-mismatch|P01|F13|HC05|LK|95,0|9,5",
            "error|pct-mismatch|P01|F9|DS03|LK|2,50|0,25",
            "error|pct-mismatch|P02|E13|HC05|TH|95|80",
            "error|pct-mismatch|P02|F13|HC05|LK|95|80",
        ]
    );
    let said = |unit: &str, cell: &str| -> String {
        f.iter()
            .find(|x| x["unit"] == unit && x["cell"] == cell)
            .and_then(|x| x["message"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        said("P01", "E9").contains("chỉ bằng 1/10 số đúng"),
        "{}",
        said("P01", "E9")
    );
    assert!(
        said("P01", "E13").contains("chỉ bằng 1/10 số đúng"),
        "{}",
        said("P01", "E13")
    );
    let near = said("P02", "E13");
    assert!(
        !near.contains("lần số đúng") && !near.contains("1/10"),
        "{near}"
    );
}
