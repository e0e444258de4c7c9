//! An office's own numeric codes (tester CX, Phòng Kinh tế): «1.10»
//! typed into a General cell is the number 1.1, the code of rice; a
//! section row «I | TRỒNG TRỌT» carries its section's total; a stock's
//! TH its own parts dispute is no figure for its LK total.

use crate::checks::{consolidate, summary};
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

/// Three communes, the shipped template.toml, and an own catalog whose
/// codes read as numbers: 01 == 1.1 + 1.2 + 1.10 (areas, flows), 03 ==
/// 3.1 + 3.2 (herds, stocks).
fn write_numeric_template(tpl: &Path) {
    std::fs::create_dir_all(tpl).unwrap();
    let toml =
        std::fs::read_to_string(crate::common::repo().join("templates/template.toml")).unwrap();
    std::fs::write(tpl.join("template.toml"), toml).unwrap();
    std::fs::write(
        tpl.join("groups.csv"),
        "group,name\nTT,Trồng trọt\nCN,Chăn nuôi\n",
    )
    .unwrap();
    std::fs::write(
        tpl.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         01,TT,Tổng diện tích gieo trồng cây hằng năm,ha,flow,ward,KT,[01] == [1.1] + [1.2] + [1.10]\n\
         1.1,TT,Diện tích lúa,ha,flow,ward,KT,\n\
         1.2,TT,Diện tích ngô,ha,flow,ward,KT,\n\
         1.10,TT,Diện tích cây hằng năm khác,ha,flow,ward,KT,\n\
         03,CN,Tổng đàn gia súc,con,stock,ward,KT,[03] == [3.1] + [3.2]\n\
         3.1,CN,Đàn trâu,con,stock,ward,KT,\n\
         3.2,CN,Đàn bò,con,stock,ward,KT,\n",
    )
    .unwrap();
    let mut agencies =
        String::from("code,kind,name,aliases,reports,size\nKT,department,Phòng Kinh tế,,no,\n");
    for k in 1..=3 {
        agencies.push_str(&format!("X{k:02},ward,Xã {k},,yes,\n"));
    }
    std::fs::write(tpl.join("agencies.csv"), agencies).unwrap();
}

/// A code cell: a number as Excel keeps one (with its number format, if
/// any), or text.
enum Code {
    Num(f64, Option<&'static str>),
    Text(&'static str),
    None,
}

/// Writes a commune's form: title on row 1, period on row 3, header on
/// row 6 (Mã số | Chỉ tiêu | ĐVT | Kế hoạch năm | Thực hiện quý | Lũy kế
/// từ đầu năm), rows from row 7: KH, TH, LK in D, E, F.
fn write_commune(path: &Path, title: &str, rows: &[(Code, &str, &str, [f64; 3])]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Biểu Q3").unwrap();
    ws.write_string(0, 0, title).unwrap();
    ws.write_string(2, 0, "BIỂU SỐ LIỆU QUÝ III/2026").unwrap();
    let header = [
        "Mã số",
        "Chỉ tiêu",
        "ĐVT",
        "Kế hoạch năm",
        "Thực hiện quý",
        "Lũy kế từ đầu năm",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(5, c as u16, *h).unwrap();
    }
    for (k, (code, name, unit, figures)) in rows.iter().enumerate() {
        let r = 6 + k as u32;
        match code {
            Code::Num(n, None) => {
                ws.write_number(r, 0, *n).unwrap();
            }
            Code::Num(n, Some(f)) => {
                ws.write_number_with_format(r, 0, *n, &Format::new().set_num_format(*f))
                    .unwrap();
            }
            Code::Text(t) => {
                ws.write_string(r, 0, *t).unwrap();
            }
            Code::None => {}
        }
        ws.write_string(r, 1, *name).unwrap();
        if !unit.is_empty() {
            ws.write_string(r, 2, *unit).unwrap();
        }
        for (j, v) in figures.iter().enumerate() {
            ws.write_number(r, 3 + j as u16, *v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

/// Xã 1 (codes typed as numbers): its «1.10» stored as 1.1 on the row
/// «Diện tích cây hằng năm khác» is 1.10, with one info at the code cell,
/// no `indicator-repeated`, no false `indicator-missing`; its «I |
/// TRỒNG TRỌT» row with the section's total is skipped; a second «1.2»
/// row, «Ngô lai», is told by its own name. Xã 2: the number 1.1 named
/// «Diện tích lúa» stays rice (near miss); a 1.1 formatted `0.00` shows
/// «1.10» and is 1.10 whatever its name says; sections «I. TRỒNG TRỌT»,
/// «II - CHĂN NUÔI» written in the name column are skipped. Xã 3: a text
/// code 1.2 on a row named «Diện tích lúa» is read as 1.2 with a
/// warning. The 1.10 total holds the three communes' 20 + 21 + 22.
#[test]
fn a_code_excel_stored_as_another_codes_number_is_read_by_its_name() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_numeric_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let f = |th: f64| [4.0 * th, th, 3.0 * th];
    let herd = |th: f64| [th, th, th];
    write_commune(
        &dir.join("xa-01.xlsx"),
        "UBND XÃ 1",
        &[
            (Code::Text("I"), "TRỒNG TRỌT", "", f(170.0)),
            (
                Code::Num(1.0, None),
                "Tổng diện tích gieo trồng cây hằng năm",
                "ha",
                f(170.0),
            ),
            (Code::Num(1.1, None), "Diện tích lúa", "ha", f(100.0)),
            (Code::Num(1.2, None), "Diện tích ngô", "ha", f(50.0)),
            (
                Code::Num(1.1, None),
                "Diện tích cây hằng năm khác",
                "ha",
                f(20.0),
            ),
            (Code::Num(1.2, None), "Ngô lai", "ha", f(5.0)),
            (Code::Num(3.0, None), "Tổng đàn gia súc", "con", herd(500.0)),
            (Code::Num(3.1, None), "Đàn trâu", "con", herd(200.0)),
            (Code::Num(3.2, None), "Đàn bò", "con", herd(300.0)),
        ],
    );
    write_commune(
        &dir.join("xa-02.xlsx"),
        "UBND XÃ 2",
        &[
            (Code::None, "I. TRỒNG TRỌT", "", f(171.0)),
            (
                Code::Num(1.0, None),
                "Tổng diện tích gieo trồng cây hằng năm",
                "ha",
                f(171.0),
            ),
            (Code::Num(1.1, None), "Diện tích lúa", "ha", f(100.0)),
            (Code::Num(1.2, None), "Diện tích ngô", "ha", f(50.0)),
            (
                Code::Num(1.1, Some("0.00")),
                "Cây trồng khác",
                "ha",
                f(21.0),
            ),
            (Code::None, "II - CHĂN NUÔI", "", herd(500.0)),
            (Code::Num(3.0, None), "Tổng đàn gia súc", "con", herd(500.0)),
            (Code::Num(3.1, None), "Đàn trâu", "con", herd(200.0)),
            (Code::Num(3.2, None), "Đàn bò", "con", herd(300.0)),
        ],
    );
    write_commune(
        &dir.join("xa-03.xlsx"),
        "UBND XÃ 3",
        &[
            (
                Code::Text("01"),
                "Tổng diện tích gieo trồng cây hằng năm",
                "ha",
                f(172.0),
            ),
            (Code::Text("1.1"), "Diện tích lúa", "ha", f(100.0)),
            (Code::Text("1.2"), "Diện tích lúa", "ha", f(50.0)),
            (
                Code::Text("1.10"),
                "Diện tích cây hằng năm khác",
                "ha",
                f(22.0),
            ),
            (Code::Text("03"), "Tổng đàn gia súc", "con", herd(500.0)),
            (Code::Text("3.1"), "Đàn trâu", "con", herd(200.0)),
            (Code::Text("3.2"), "Đàn bò", "con", herd(300.0)),
        ],
    );
    let out = tmp.path().join("out");
    let (_, findings) = consolidate(&dir, &out, &tpl, "2026-Q3", &[]);
    let missing: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["code"] == "indicator-missing" || f["code"] == "indicator-unknown")
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
    assert_eq!(
        summary(&findings),
        [
            "warning|indicator-approximate|X03|A9|1.2||Diện tích ngô|Diện tích lúa",
            "warning|indicator-repeated|X01|B12|1.2|||",
        ]
    );
    let told = |unit: &str, code: &str| {
        findings
            .iter()
            .find(|f| f["unit"] == unit && f["code"] == code && f["severity"] != "info")
            .and_then(|f| f["message"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        told("X01", "indicator-repeated"),
        "Chỉ tiêu 1.2 «Diện tích ngô» xuất hiện lần thứ hai, ở dòng ghi «Ngô lai»; chỉ lấy số \
         liệu của dòng đầu tiên. Nếu dòng này là chỉ tiêu khác, hãy sửa mã hoặc tên cho đúng \
         danh mục."
    );
    assert_eq!(
        told("X03", "indicator-approximate"),
        "Dòng mã «1.2» ghi tên «Diện tích lúa», là tên của chỉ tiêu 1.1, không phải của 1.2 \
         «Diện tích ngô»; số liệu của dòng được lấy theo mã, là chỉ tiêu 1.2. Hãy kiểm tra lại \
         mã hoặc tên của dòng."
    );
    // The one info of the number Excel made of «1.10», at its code cell.
    let recoded: Vec<String> = findings
        .iter()
        .filter(|f| f["severity"] == "info" && f["code"] == "indicator-approximate")
        .filter(|f| f["indicator"] == "1.10")
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            format!(
                "{}|{}|{}|{}",
                s("unit"),
                s("cell"),
                s("expected"),
                s("actual")
            )
        })
        .collect();
    assert_eq!(recoded, ["X01|A11|1.10|1.1"]);
    let sheet = crate::common::read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let th = |code: &str| -> String {
        let row = sheet.iter().find(|r| r[0] == code).unwrap();
        row[4].clone()
    };
    assert_eq!(
        [th("01"), th("1.1"), th("1.2"), th("1.10")],
        ["513", "300", "150", "63"]
    );
}

/// Xã 3's herd TH 600 breaks 03 == 3.1 + 3.2 (700, as its LK says): the
/// `sum-mismatch` stands at the TH, and the LK total keeps the LK 700 it
/// stated, so Chi tiết's LK row adds to its total. Near miss: Xã 2's
/// herd LK 520 beside its TH 500, its parts agreeing with the TH: the LK
/// total takes its TH, as before.
#[test]
fn a_stocks_lk_total_keeps_the_lk_its_parts_agree_with_when_they_dispute_the_th() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_numeric_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let f = |th: f64| [4.0 * th, th, 3.0 * th];
    for (k, (herd, buffalo, cows)) in [
        ([500.0, 500.0, 500.0], [200.0, 200.0, 200.0], [300.0; 3]),
        (
            [500.0, 500.0, 520.0],
            [200.0, 200.0, 200.0],
            [300.0, 300.0, 320.0],
        ),
        ([700.0, 600.0, 700.0], [300.0; 3], [400.0; 3]),
    ]
    .into_iter()
    .enumerate()
    {
        write_commune(
            &dir.join(format!("xa-{:02}.xlsx", k + 1)),
            &format!("UBND XÃ {}", k + 1),
            &[
                (
                    Code::Text("01"),
                    "Tổng diện tích gieo trồng cây hằng năm",
                    "ha",
                    f(170.0),
                ),
                (Code::Text("1.1"), "Diện tích lúa", "ha", f(100.0)),
                (Code::Text("1.2"), "Diện tích ngô", "ha", f(50.0)),
                (
                    Code::Text("1.10"),
                    "Diện tích cây hằng năm khác",
                    "ha",
                    f(20.0),
                ),
                (Code::Text("03"), "Tổng đàn gia súc", "con", herd),
                (Code::Text("3.1"), "Đàn trâu", "con", buffalo),
                (Code::Text("3.2"), "Đàn bò", "con", cows),
            ],
        );
    }
    let out = tmp.path().join("out");
    let (_, findings) = consolidate(&dir, &out, &tpl, "2026-Q3", &[]);
    assert_eq!(
        summary(&findings),
        [
            "error|sum-mismatch|X03|E11|03|TH|[03] == [3.1] + [3.2]|600",
            "warning|cumulative-mismatch|X02|F11|03|LK|LK = TH|520",
            "warning|cumulative-mismatch|X02|F13|3.2|LK|LK = TH|320",
            "warning|cumulative-mismatch|X03|F11|03|LK|LK = TH|700",
        ]
    );
    // 03 LK: Xã 1's 500, Xã 2's TH 500 (not its LK 520), Xã 3's LK 700.
    let sheet = crate::common::read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let herd = sheet.iter().find(|r| r[0] == "03").unwrap();
    assert_eq!(herd[5].trim_end_matches(" (*)"), "1700", "{herd:?}");
    // Chi tiết: Xã 3's LK shows 700, as the total counts it.
    let detail = crate::common::read_sheet(&out.join("tong-hop.xlsx"), "Chi tiết theo đơn vị");
    let lk = detail
        .iter()
        .find(|r| r[0] == "03" && r[3] == "LK")
        .unwrap();
    assert_eq!(lk.last().map(String::as_str), Some("700"), "{lk:?}");
}

/// An office whose codes are bare numbers, as row numbers (STT) are: 1
/// money, 2 and 3 application files (3 ≤ 2), 4 and 5 households; one
/// commune, X01.
fn write_stt_template(tpl: &Path) {
    std::fs::create_dir_all(tpl).unwrap();
    let toml =
        std::fs::read_to_string(crate::common::repo().join("templates/template.toml")).unwrap();
    std::fs::write(tpl.join("template.toml"), toml).unwrap();
    std::fs::write(
        tpl.join("groups.csv"),
        "group,name\nKT,Kinh tế\nHC,Hành chính\nXH,Xã hội\n",
    )
    .unwrap();
    std::fs::write(
        tpl.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         1,KT,Tổng vốn đầu tư,triệu đồng,flow,ward,KT,\n\
         2,HC,Số hồ sơ tiếp nhận,hồ sơ,flow,ward,KT,\n\
         3,HC,Số hồ sơ giải quyết,hồ sơ,flow,ward,KT,[3] <= [2]\n\
         4,XH,Số hộ nghèo,hộ,stock,ward,KT,\n\
         5,XH,Số hộ thoát nghèo,hộ,flow,ward,KT,\n",
    )
    .unwrap();
    std::fs::write(
        tpl.join("agencies.csv"),
        "code,kind,name,aliases,reports,size\nKT,department,Phòng Kinh tế,,no,\n\
         X01,ward,Xã 1,,yes,\n",
    )
    .unwrap();
}

/// One sheet of a commune's workbook: title, period title, header
/// (Mã số | Chỉ tiêu | ĐVT | `th` | Lũy kế từ đầu năm) on row 5, rows from
/// row 6, the code column holding numbers as a clerk types them.
fn write_stt_sheet(
    wb: &mut Workbook,
    name: &str,
    title: &str,
    th: &str,
    rows: &[(f64, &str, &str, f64, f64)],
) {
    let ws = wb.add_worksheet().set_name(name).unwrap();
    ws.write_string(0, 0, "UBND XÃ 1").unwrap();
    ws.write_string(2, 0, title).unwrap();
    for (c, h) in ["Mã số", "Chỉ tiêu", "ĐVT", th, "Lũy kế từ đầu năm"]
        .iter()
        .enumerate()
    {
        ws.write_string(4, c as u16, *h).unwrap();
    }
    for (k, (code, name, unit, th, lk)) in rows.iter().enumerate() {
        let r = 5 + k as u32;
        ws.write_number(r, 0, *code).unwrap();
        ws.write_string(r, 1, *name).unwrap();
        ws.write_string(r, 2, *unit).unwrap();
        ws.write_number(r, 3, *th).unwrap();
        ws.write_number(r, 4, *lk).unwrap();
    }
}

/// Xã 1 keeps its months beside the quarter; its month sheets number
/// their rows (STT) in their own order, «1 | Số hồ sơ tiếp nhận | hồ sơ»,
/// «2 | Tổng vốn đầu tư | triệu đồng», where the office's code 1 is the
/// money and 2 the files. September's 320 files received was typed as
/// the quarter's, breaking 3 ≤ 2 (900 > 320): the month sheets' rows are
/// read as the quarter's rows are, by name where the number's indicator
/// is another thing in another unit, so the one error is at the files
/// received, «Tháng 9»'s figure, whose months add up to 1.010; not at
/// the files resolved, which are right.
#[test]
fn a_month_sheets_row_number_is_weighed_against_its_name_as_the_quarters_rows_are() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_stt_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let mut wb = Workbook::new();
    let months = [(7, 340.0, 150.0), (8, 350.0, 160.0), (9, 320.0, 170.0)];
    for (m, received, money) in months {
        write_stt_sheet(
            &mut wb,
            &format!("Tháng {m}"),
            &format!("BÁO CÁO SỐ LIỆU KINH TẾ - XÃ HỘI THÁNG {m} NĂM 2026"),
            &format!("Thực hiện tháng {m}/2026"),
            &[
                (1.0, "Số hồ sơ tiếp nhận", "hồ sơ", received, received),
                (2.0, "Tổng vốn đầu tư", "triệu đồng", money, money),
                (3.0, "Số hồ sơ giải quyết", "hồ sơ", 300.0, 300.0),
            ],
        );
    }
    write_stt_sheet(
        &mut wb,
        "Quý III",
        "BÁO CÁO SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ III NĂM 2026",
        "Thực hiện quý III/2026",
        &[
            (1.0, "Tổng vốn đầu tư", "triệu đồng", 480.0, 1500.0),
            (2.0, "Số hồ sơ tiếp nhận", "hồ sơ", 320.0, 2500.0),
            (3.0, "Số hồ sơ giải quyết", "hồ sơ", 900.0, 2000.0),
            (4.0, "Số hộ nghèo", "hộ", 40.0, 40.0),
            (5.0, "Số hộ thoát nghèo", "hộ", 6.0, 10.0),
        ],
    );
    wb.save(dir.join("xa-01.xlsx")).unwrap();
    let out = tmp.path().join("out");
    let (_, findings) = consolidate(&dir, &out, &tpl, "2026-Q3", &[]);
    let relation: Vec<String> = findings
        .iter()
        .filter(|f| f["code"] == "relation-violated")
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            [
                s("sheet"),
                s("cell"),
                s("indicator"),
                s("column"),
                s("expected"),
                s("actual"),
            ]
            .join("|")
        })
        .collect();
    assert_eq!(relation, ["Quý III|D7|2|TH|1010|320"]);
    assert_eq!(
        summary(&findings),
        ["error|relation-violated|X01|D7|2|TH|1010|320"]
    );
    let sheet = crate::common::read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let th = |code: &str| -> String {
        let row = sheet.iter().find(|r| r[0] == code).unwrap();
        row[4].clone()
    };
    assert_eq!(
        [th("1"), th("2"), th("3"), th("4"), th("5")],
        ["480", "320", "900", "40", "6"]
    );
}

/// Xã 1 numbers its rows 1 … 5 (STT) in its own order, so each number is
/// another indicator's code: «1 | Số hộ nghèo | hộ» (1 is the money),
/// «2 | Tổng vốn đầu tư | triệu đồng» (2 the files received), «3 | Số hồ
/// sơ tiếp nhận | hồ sơ» (3 the files resolved, the same unit), «4 | Số
/// hồ sơ giải quyết | hồ sơ» (4 households), «5 | Số hộ thoát nghèo».
/// Read by its code, row 8 made 3 of the files received, 4 of the files
/// resolved, and said 4 was repeated and 2 missing: three findings that
/// disagreed, and 2's figure lost. The code's indicator having a row of
/// its own, the name decides: one info at the code cell, each
/// indicator's figure where its name is. Near miss: the same row with
/// no row named as the code's indicator stays read by the code, with its
/// warning.
#[test]
fn a_row_number_equal_to_another_indicators_code_is_read_once_and_said_once() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_stt_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let mut wb = Workbook::new();
    write_stt_sheet(
        &mut wb,
        "Quý III",
        "BÁO CÁO SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ III NĂM 2026",
        "Thực hiện quý III/2026",
        &[
            (1.0, "Số hộ nghèo", "hộ", 40.0, 40.0),
            (2.0, "Tổng vốn đầu tư", "triệu đồng", 480.0, 1500.0),
            (3.0, "Số hồ sơ tiếp nhận", "hồ sơ", 500.0, 2500.0),
            (4.0, "Số hồ sơ giải quyết", "hồ sơ", 450.0, 2000.0),
            (5.0, "Số hộ thoát nghèo", "hộ", 6.0, 10.0),
        ],
    );
    wb.save(dir.join("xa-01.xlsx")).unwrap();
    let out = tmp.path().join("out");
    let (_, findings) = consolidate(&dir, &out, &tpl, "2026-Q3", &[]);
    let said: Vec<String> = findings
        .iter()
        .filter(|f| f["code"] != "relation-skipped")
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            [
                s("severity"),
                s("code"),
                s("cell"),
                s("indicator"),
                s("expected"),
                s("actual"),
                s("message"),
            ]
            .join("|")
        })
        .collect();
    assert_eq!(
        said,
        [
            "info|indicator-approximate|A8|2|2|3|Dòng mã «3» ghi tên «Số hồ sơ tiếp nhận», là tên \
             của chỉ tiêu 2; chỉ tiêu 3 «Số hồ sơ giải quyết» đã có dòng riêng (dòng 9), nên số \
             liệu của dòng được lấy theo tên, là chỉ tiêu 2. Hãy sửa mã của dòng thành 2.",
            "info|indicator-approximate|A9|3|3|4|Dòng mã «4» ghi tên «Số hồ sơ giải quyết», là \
             tên của chỉ tiêu 3; chỉ tiêu 4 «Số hộ nghèo» đã có dòng riêng (dòng 6), nên số liệu \
             của dòng được lấy theo tên, là chỉ tiêu 3. Hãy sửa mã của dòng thành 3.",
        ]
    );
    let sheet = crate::common::read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let th = |code: &str| -> String {
        let row = sheet.iter().find(|r| r[0] == code).unwrap();
        row[4].clone()
    };
    assert_eq!(
        [th("1"), th("2"), th("3"), th("4"), th("5")],
        ["480", "500", "450", "40", "6"]
    );
    // Near miss: no row named «Số hồ sơ giải quyết»: «3 | Số hồ sơ tiếp
    // nhận» is read by its code, with its warning.
    let dir = tmp.path().join("near");
    std::fs::create_dir_all(&dir).unwrap();
    let mut wb = Workbook::new();
    write_stt_sheet(
        &mut wb,
        "Quý III",
        "BÁO CÁO SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ III NĂM 2026",
        "Thực hiện quý III/2026",
        &[
            (1.0, "Tổng vốn đầu tư", "triệu đồng", 480.0, 1500.0),
            (3.0, "Số hồ sơ tiếp nhận", "hồ sơ", 500.0, 2500.0),
            (4.0, "Số hộ nghèo", "hộ", 40.0, 40.0),
            (5.0, "Số hộ thoát nghèo", "hộ", 6.0, 10.0),
        ],
    );
    wb.save(dir.join("xa-01.xlsx")).unwrap();
    let out = tmp.path().join("near-out");
    let (_, findings) = consolidate(&dir, &out, &tpl, "2026-Q3", &[]);
    assert_eq!(
        summary(&findings),
        ["warning|indicator-approximate|X01|A7|3||Số hồ sơ giải quyết|Số hồ sơ tiếp nhận"]
    );
}
