//! Formulas without a computed value, as scripts write them: evaluated by
//! the tool and then checked like typed figures; a formula the tool cannot
//! evaluate stays `value-uncomputed`, an error for a quantity and `info`
//! for a percent or a rate.

use crate::checks::{consolidate, write_template, CATALOG};
use crate::common::read_sheet;
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

/// A figure cell: a number, a formula written without a result, or
/// nothing.
#[derive(Clone, Copy)]
enum C {
    N(f64),
    F(&'static str),
    E,
}

/// Writes a ward's form as a script does: title, period, the header on
/// row 6 (STT | Mã số | Chỉ tiêu | ĐVT | KH | TH | LK | CK | %KH | %CK, so
/// the figures sit in E..J), one row per indicator from row 7, formulas
/// stored with an empty result.
fn write_ward(path: &Path, ward: u32, rows: &[(&str, [C; 6])]) {
    write_ward_named(path, ward, rows, &[]);
}

/// The same, with the workbook's defined names (name, what it refers to).
fn write_ward_named(path: &Path, ward: u32, rows: &[(&str, [C; 6])], names: &[(&str, &str)]) {
    let mut wb = Workbook::new();
    for (name, refers) in names {
        wb.define_name(*name, refers).unwrap();
    }
    let ws = wb.add_worksheet().set_name("Biểu 1").unwrap();
    ws.set_formula_result_default("");
    ws.write_string(0, 0, format!("UBND PHƯỜNG {ward}"))
        .unwrap();
    ws.write_string(2, 0, "BIỂU SỐ LIỆU QUÝ I/2020").unwrap();
    let bold = Format::new().set_bold();
    let headers = [
        "STT",
        "Mã số",
        "Chỉ tiêu",
        "ĐVT",
        "Kế hoạch năm",
        "Thực hiện quý",
        "Lũy kế từ đầu năm",
        "Cùng kỳ năm trước",
        "% so với KH",
        "% so với cùng kỳ",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(5, c as u16, *h, &bold).unwrap();
    }
    for (k, (code, cells)) in rows.iter().enumerate() {
        let (name, unit) = CATALOG
            .iter()
            .find(|c| c.0 == *code)
            .map(|c| (c.1, c.2))
            .unwrap();
        let r = 6 + k as u32;
        ws.write_number(r, 0, (k + 1) as f64).unwrap();
        ws.write_string(r, 1, *code).unwrap();
        ws.write_string(r, 2, name).unwrap();
        ws.write_string(r, 3, unit).unwrap();
        for (j, cell) in cells.iter().enumerate() {
            let c = 4 + j as u16;
            match cell {
                C::N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                C::F(f) => {
                    ws.write_formula(r, c, *f).unwrap();
                }
                C::E => {}
            }
        }
    }
    ws.write_string(6 + rows.len() as u32 + 2, 2, "NGƯỜI LẬP BIỂU")
        .unwrap();
    wb.save(path).unwrap();
}

/// `severity|code|cell|indicator|column|expected|actual` of one unit's
/// findings, sorted; those about what the forms leave out on purpose
/// (indicators, the parts of a sum in KH and CK) left out.
fn of_unit(findings: &[serde_json::Value], unit: &str) -> Vec<String> {
    let mut v: Vec<String> = findings
        .iter()
        .filter(|f| {
            f["unit"] == unit && f["code"] != "indicator-missing" && f["code"] != "relation-skipped"
        })
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            [
                "severity",
                "code",
                "cell",
                "indicator",
                "column",
                "expected",
                "actual",
            ]
            .map(s)
            .join("|")
        })
        .collect();
    v.sort();
    v
}

/// A figure of the detail sheet: indicator, column, unit.
fn figure(out: &Path, code: &str, column: &str, unit: &str) -> String {
    let detail = read_sheet(&out.join("tong-hop.xlsx"), "Chi tiết theo đơn vị");
    let col = detail[0].iter().position(|h| h == unit).unwrap();
    detail
        .iter()
        .find(|r| r[0] == code && r[3] == column)
        .map(|r| r[col].clone())
        .unwrap_or_default()
}

#[test]
fn formulas_without_a_computed_value_are_evaluated_then_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    use C::{E, F, N};
    // Phường 1: every formula right. TH and LK of HC02 are sums of the
    // rows below, and the percents refer to those sums: 1.290 / 1.300 =
    // 99,23 % (99,2 at one decimal), growth −0,77 %; the rate 1.204 /
    // 1.290 = 93,33 %.
    write_ward(
        &dir.join("phuong-01.xlsx"),
        1,
        &[
            (
                "HC02",
                [
                    N(1300.0),
                    F("=SUM(F8:F9)"),
                    F("=SUM(G8:G9)"),
                    N(1300.0),
                    F("=ROUND(G7/E7*100,1)"),
                    F("=ROUND(G7/H7*100-100,2)"),
                ],
            ),
            ("HC03", [E, N(1204.0), N(1204.0), E, E, E]),
            ("HC04", [E, N(86.0), N(86.0), E, E, E]),
            (
                "HC05",
                [
                    E,
                    F("=ROUND(F8/F7*100,2)"),
                    F("=ROUND(G8/G7*100,2)"),
                    E,
                    E,
                    E,
                ],
            ),
        ],
    );
    // Phường 2: two wrong formulas, as a clerk makes them: %KH divided by
    // CK instead of KH (1.290 / 1.300 = 99,2 where 1.290 / 1.500 = 86,0),
    // and the LK rate divided by HC04's cell instead of HC02's.
    write_ward(
        &dir.join("phuong-02.xlsx"),
        2,
        &[
            (
                "HC02",
                [
                    N(1500.0),
                    F("=SUM(F8:F9)"),
                    F("=SUM(G8:G9)"),
                    N(1300.0),
                    F("=ROUND(G7/H7*100,1)"),
                    F("=ROUND(G7/H7*100-100,2)"),
                ],
            ),
            ("HC03", [E, N(1204.0), N(1204.0), E, E, E]),
            ("HC04", [E, N(86.0), N(86.0), E, E, E]),
            (
                "HC05",
                [
                    E,
                    F("=ROUND(F8/F7*100,2)"),
                    F("=ROUND(G8/G9*100,2)"),
                    E,
                    E,
                    E,
                ],
            ),
        ],
    );
    // Phường 3: formulas that reach another workbook cannot be evaluated:
    // a quantity (HC03's TH) is an error, a percent or a rate is info.
    write_ward(
        &dir.join("phuong-03.xlsx"),
        3,
        &[
            (
                "HC02",
                [
                    N(1300.0),
                    N(1290.0),
                    N(1290.0),
                    N(1300.0),
                    F("=[other.xlsx]Sheet1!I7"),
                    N(-0.77),
                ],
            ),
            ("HC03", [E, F("=[other.xlsx]Sheet1!F8"), N(1204.0), E, E, E]),
            ("HC04", [E, N(86.0), N(86.0), E, E, E]),
            ("HC05", [E, F("=[other.xlsx]Sheet1!F10"), N(93.33), E, E, E]),
        ],
    );
    let out = tmp.path().join("out");
    let (code, findings) = consolidate(&dir, &out, &tpl, "2020-Q1", &[]);
    assert_eq!(code, 1);

    // The right formulas: figures as Excel shows them, no finding but the
    // note that the tool computed them.
    assert_eq!(
        of_unit(&findings, "P01"),
        ["info|formula-evaluated|||||6"],
        "{findings:#?}"
    );
    assert_eq!(figure(&out, "HC02", "TH", "Phường 1"), "1290");
    assert_eq!(figure(&out, "HC02", "LK", "Phường 1"), "1290");
    assert_eq!(figure(&out, "HC05", "TH", "Phường 1"), "93.33");
    assert_eq!(figure(&out, "HC05", "LK", "Phường 2"), "1400");

    // The wrong ones: found by the percent checks once evaluated.
    assert_eq!(
        of_unit(&findings, "P02"),
        [
            "error|pct-mismatch|G10|HC05|LK|93,33|1.400,00",
            "error|pct-mismatch|I7|HC02|%KH|86,0|99,2",
            "info|formula-evaluated|||||6",
        ],
        "{findings:#?}"
    );

    // What cannot be evaluated.
    let p03 = of_unit(&findings, "P03");
    let uncomputed: Vec<&String> = p03
        .iter()
        .filter(|f| f.contains("value-uncomputed"))
        .collect();
    assert_eq!(
        uncomputed,
        [
            "error|value-uncomputed|F8|HC03|TH||=[other.xlsx]Sheet1!F8",
            "info|value-uncomputed|F10|HC05|TH||=[other.xlsx]Sheet1!F10",
            "info|value-uncomputed|I7|HC02|%KH||=[other.xlsx]Sheet1!I7",
        ],
        "{findings:#?}"
    );
    assert!(
        !p03.iter().any(|f| f.contains("formula-evaluated")),
        "{p03:?}"
    );
    let quantity = findings
        .iter()
        .find(|f| f["code"] == "value-uncomputed" && f["cell"] == "F8")
        .unwrap();
    let m = quantity["message"].as_str().unwrap();
    assert!(m.contains("=[other.xlsx]Sheet1!F8"), "{m}");
}

/// A tester's `=DungHan_TH+TreHan_TH` (defined names for HC03's and
/// HC04's cells) without a cached value was `value-uncomputed` (`#NAME?`)
/// where Excel computes it: the workbook's names go to the engine.
/// Near-miss: a name the workbook does not define stays `#NAME?`.
#[test]
fn formulas_using_the_workbooks_defined_names_are_evaluated() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    use C::{E, F, N};
    write_ward_named(
        &dir.join("phuong-01.xlsx"),
        1,
        &[
            (
                "HC02",
                [E, F("=DungHan_TH+TreHan_TH"), F("=SUM(Ca_LK)"), E, E, E],
            ),
            ("HC03", [E, N(1204.0), N(1204.0), E, E, E]),
            ("HC04", [E, N(86.0), N(86.0), E, E, E]),
            ("HC07", [E, F("=KhongCo_TH"), E, E, E, E]),
        ],
        &[
            ("DungHan_TH", "='Biểu 1'!$F$8"),
            ("TreHan_TH", "='Biểu 1'!$F$9"),
            ("Ca_LK", "='Biểu 1'!$G$8:$G$9"),
        ],
    );
    let out = tmp.path().join("out");
    let (_, findings) = consolidate(&dir, &out, &tpl, "2020-Q1", &[]);
    assert_eq!(figure(&out, "HC02", "TH", "Phường 1"), "1290");
    assert_eq!(figure(&out, "HC02", "LK", "Phường 1"), "1290");
    assert_eq!(
        of_unit(&findings, "P01"),
        [
            "error|value-uncomputed|F10|HC07|TH||=KhongCo_TH",
            "info|formula-evaluated|||||2",
        ]
    );
}

/// The same info said of each of many files (a script wrote every ward's
/// formulas without results: `formula-evaluated` for each) prints as one
/// line of the office's Lỗi sheet, naming how many files and which,
/// after the errors it would bury (tester CW: 104 such lines, ten
/// printed pages for 30 findings to act on); errors.json keeps one a
/// file. Near miss: one ward's info is its own line.
#[test]
fn the_same_info_in_many_files_prints_as_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    use C::{E, F, N};
    let ward = |dir: &Path, k: u32, th: f64| {
        write_ward(
            &dir.join(format!("phuong-{k:02}.xlsx")),
            k,
            &[
                ("HC02", [E, F("=SUM(F8:F9)"), E, E, E, E]),
                ("HC03", [E, N(th), E, E, E, E]),
                ("HC04", [E, N(5.0), E, E, E, E]),
            ],
        );
    };
    let errors_sheet = |out: &Path| -> Vec<String> {
        read_sheet(&out.join("tong-hop.xlsx"), "Lỗi")[2..]
            .iter()
            .filter(|r| r[1] == "formula-evaluated" || r[0] == "Lỗi")
            .map(|r| format!("{}|{}|{}|{}|{}", r[0], r[1], r[2], r[3], r[9]))
            .collect()
    };
    let many = tmp.path().join("many");
    std::fs::create_dir_all(&many).unwrap();
    for k in 1..=12 {
        ward(&many, k, 10.0);
    }
    let out = tmp.path().join("out-many");
    let (_, findings) = consolidate(&many, &out, &tpl, "2020-Q1", &[]);
    let evaluated = |f: &[serde_json::Value]| {
        f.iter()
            .filter(|x| x["code"] == "formula-evaluated")
            .count()
    };
    assert_eq!(evaluated(&findings), 12, "errors.json keeps each file's");
    let sheet = errors_sheet(&out);
    assert_eq!(
        sheet
            .iter()
            .filter(|r| r.contains("formula-evaluated"))
            .collect::<Vec<_>>(),
        ["Thông tin|formula-evaluated||12 tệp|"]
    );
    let list = read_sheet(&out.join("tong-hop.xlsx"), "Lỗi");
    let line = list.iter().find(|r| r[1] == "formula-evaluated").unwrap();
    assert!(
        line[10].starts_with("Cùng một thông tin ở 12 tệp, gộp thành một dòng")
            && line[10].contains("phuong-01.xlsx; phuong-02.xlsx")
            && line[10].contains("phuong-12.xlsx")
            && line[10].contains("Ví dụ: "),
        "{}",
        line[10]
    );
    // Every finding but the folded ones has its line; the folded line is
    // the last.
    assert_eq!(list.len(), 2 + findings.len() - 12 + 1);
    assert_eq!(list.last().unwrap()[1], "formula-evaluated");

    // Near miss: one ward's formulas, one line of its own.
    let one = tmp.path().join("one");
    std::fs::create_dir_all(&one).unwrap();
    ward(&one, 1, 10.0);
    let out = tmp.path().join("out-one");
    let (_, findings) = consolidate(&one, &out, &tpl, "2020-Q1", &[]);
    assert_eq!(evaluated(&findings), 1);
    assert_eq!(
        errors_sheet(&out)
            .iter()
            .filter(|r| r.contains("formula-evaluated"))
            .collect::<Vec<_>>(),
        ["Thông tin|formula-evaluated|P01|phuong-01.xlsx|1"]
    );
    assert_eq!(
        read_sheet(&out.join("tong-hop.xlsx"), "Lỗi").len(),
        2 + findings.len()
    );
}
