//! A commune's first quarter (tester CB): figures typed with their unit,
//! reports that add nothing to the totals, a workbook holding only a
//! picture, and a registry of villages of two kinds.

use crate::checks::write_template;
use crate::common::read_sheet;
use crate::trust::run;
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

/// A figure cell: a number, a text, a formula without a computed value
/// (as a script writes it), or nothing.
enum C {
    N(f64),
    T(&'static str),
    F(&'static str),
    E,
}
use C::{E, F, N, T};

/// Writes a village's report: title on row 1, period on row 3, header
/// on row 6 (Mã số | Chỉ tiêu | ĐVT | KH | TH | LK), rows from row 7.
fn write_report(path: &Path, title: &str, rows: &[(&str, &str, &str, [C; 3])]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Biểu số liệu").unwrap();
    ws.set_formula_result_default("");
    ws.write_string(0, 0, title).unwrap();
    ws.write_string(2, 0, "BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ I/2020")
        .unwrap();
    let bold = Format::new().set_bold();
    let headers = [
        "Mã số",
        "Chỉ tiêu",
        "ĐVT",
        "Kế hoạch năm",
        "Thực hiện quý",
        "Lũy kế từ đầu năm",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(5, c as u16, *h, &bold).unwrap();
    }
    for (k, (code, name, unit, cells)) in rows.iter().enumerate() {
        let r = 6 + k as u32;
        ws.write_string(r, 0, *code).unwrap();
        ws.write_string(r, 1, *name).unwrap();
        ws.write_string(r, 2, *unit).unwrap();
        for (j, cell) in cells.iter().enumerate() {
            let c = 3 + j as u16;
            match cell {
                N(v) => {
                    ws.write_number(r, c, *v).unwrap();
                }
                T(t) => {
                    ws.write_string(r, c, *t).unwrap();
                }
                F(f) => {
                    ws.write_formula(r, c, *f).unwrap();
                }
                E => {}
            }
        }
    }
    wb.save(path).unwrap();
}

/// A commune's template: four village indicators, and a registry of
/// `villages` (code, name).
fn commune_template(tpl: &Path, villages: &[(&str, &str)]) {
    write_template(tpl, "");
    std::fs::write(
        tpl.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         HC02,HC,Hồ sơ thủ tục hành chính đã giải quyết,hồ sơ,flow,ward,,\n\
         HC07,HC,Tổng số lượt đánh giá,lượt,flow,ward,,\n\
         NS02,NS,Tiền phạt vi phạm hành chính,triệu đồng,flow,ward,,\n\
         NS05,NS,Sản lượng thóc,tạ,flow,ward,,\n",
    )
    .unwrap();
    let mut agencies = String::from("code,kind,name,aliases,reports\n");
    for (code, name) in villages {
        agencies.push_str(&format!("{code},ward,{name},,yes\n"));
    }
    std::fs::write(tpl.join("agencies.csv"), agencies).unwrap();
}

/// (severity, code, unit, cell, expected, actual) of every finding of
/// `unit` but `formula-evaluated`.
fn findings_of(findings: &[serde_json::Value], unit: &str) -> Vec<[String; 6]> {
    findings
        .iter()
        .filter(|f| f["unit"] == unit && f["code"] != "formula-evaluated")
        .map(|f| {
            ["severity", "code", "unit", "cell", "expected", "actual"]
                .map(|k| f[k].as_str().unwrap_or_default().to_string())
        })
        .collect()
}

fn row(s: [&str; 6]) -> [String; 6] {
    s.map(str::to_string)
}

/// KH, TH and LK of `code` on «Tổng hợp» (code | name | unit | KH | TH |
/// LK …), to 6 decimals; `None` for a blank cell.
fn figures(book: &Path, code: &str) -> [Option<f64>; 3] {
    let sheet = read_sheet(book, "Tổng hợp");
    let r = sheet
        .iter()
        .find(|r| r.first().is_some_and(|c| c == code))
        .unwrap_or_else(|| panic!("{code} on Tổng hợp: {sheet:?}"));
    [3, 4, 5].map(|c| {
        r.get(c)
            .and_then(|v| v.parse::<f64>().ok())
            .map(|v| (v * 1e6).round() / 1e6)
    })
}

/// Bản Nà Lừa typed every figure with its unit ("45 hồ sơ", "24,77 triệu
/// đồng"): read as the numbers, one info for the file, and the LK
/// formulas over them follow; a figure in another unit of its kind
/// ("1,5 tấn" in a row in tạ) is converted with a warning; words that
/// are no unit of the row ("7 người" in hồ sơ, "khoảng 10") stay errors,
/// and a LK formula taking "khoảng 10" says it gives that text instead of
/// claiming a result it could not compute.
#[test]
fn figures_typed_with_their_unit_are_read_as_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    commune_template(&tpl, &[("T01", "Thôn Đồng Tâm"), ("T02", "Bản Nà Lừa")]);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    write_report(
        &dir.join("T02-ban-na-lua.xlsx"),
        "BẢN NÀ LỪA",
        &[
            (
                "HC02",
                "Hồ sơ thủ tục hành chính đã giải quyết",
                "hồ sơ",
                [T("120 hồ sơ"), T("45 hồ sơ"), F("=IF(E7=\"\",\"\",E7)")],
            ),
            (
                "HC07",
                "Tổng số lượt đánh giá",
                "lượt",
                [E, T("khoảng 10"), F("=IF(E8=\"\",\"\",E8)")],
            ),
            (
                "NS02",
                "Tiền phạt vi phạm hành chính",
                "triệu đồng",
                [
                    T("113,92 triệu đồng"),
                    T("24,77 Tr.đ"),
                    F("=IF(E9=\"\",\"\",E9)"),
                ],
            ),
            (
                "NS05",
                "Sản lượng thóc",
                "tạ",
                [N(40.0), T("1,5 tấn"), N(15.0)],
            ),
        ],
    );
    write_report(
        &dir.join("T01-thon-dong-tam.xlsx"),
        "THÔN ĐỒNG TÂM",
        &[
            (
                "HC02",
                "Hồ sơ thủ tục hành chính đã giải quyết",
                "hồ sơ",
                [N(100.0), T("7 người"), N(7.0)],
            ),
            ("HC07", "Tổng số lượt đánh giá", "lượt", [E, N(4.0), N(4.0)]),
            (
                "NS02",
                "Tiền phạt vi phạm hành chính",
                "triệu đồng",
                [N(50.0), N(5.23), N(5.23)],
            ),
            ("NS05", "Sản lượng thóc", "tạ", [N(30.0), N(12.0), N(12.0)]),
        ],
    );
    let out = tmp.path().join("out");
    let findings = run(&dir, &out, &tpl, "2020-Q1");
    let file = "T02-ban-na-lua.xlsx";
    let with_unit: Vec<_> = findings
        .iter()
        .filter(|f| f["unit"] == "T02" && f["severity"] == "info" && f["code"] == "value-invalid")
        .collect();
    assert_eq!(with_unit.len(), 1, "{findings:#?}");
    assert_eq!(with_unit[0]["file"], file);
    assert_eq!(with_unit[0]["actual"], "4");
    let said = with_unit[0]["message"].as_str().unwrap();
    assert!(
        said.contains("ghi số kèm đơn vị ở 4 ô (ví dụ ô D7: «120 hồ sơ»)")
            && said.contains("đã đọc phần số"),
        "{said}"
    );
    assert_eq!(
        findings_of(&findings, "T02"),
        vec![
            row(["error", "value-invalid", "T02", "E8", "", "khoảng 10"]),
            row(["error", "value-invalid", "T02", "F8", "", "khoảng 10"]),
            row(["warning", "unit-mismatch", "T02", "E10", "15 tạ", "1,5 tấn"]),
            row(["info", "value-invalid", "T02", "", "", "4"]),
        ],
        "{findings:#?}"
    );
    let f8 = findings
        .iter()
        .find(|f| f["unit"] == "T02" && f["cell"] == "F8")
        .unwrap();
    let said = f8["message"].as_str().unwrap();
    assert!(
        said.contains("cho kết quả «khoảng 10» lấy từ ô khác, không phải là số")
            && !said.contains("không tính được"),
        "{said}"
    );
    // The near miss: "7 người" in a row counted in hồ sơ is not read.
    assert_eq!(
        findings_of(&findings, "T01"),
        vec![row(["error", "value-invalid", "T01", "E7", "", "7 người"])],
        "{findings:#?}"
    );
    // The totals take the numbers read: KH 120 + 100, LK 45 + 7; TH
    // 45 alone (Thôn Đồng Tâm's «7 người» unread); money 24,77 + 5,23.
    let book = out.join("tong-hop.xlsx");
    assert_eq!(
        figures(&book, "HC02"),
        [Some(220.0), Some(45.0), Some(52.0)]
    );
    assert_eq!(
        figures(&book, "NS02"),
        [Some(163.92), Some(30.0), Some(30.0)]
    );
    assert_eq!(figures(&book, "NS05"), [Some(70.0), Some(27.0), Some(27.0)]);
}

/// Xã Phước Lộc typed the petrol price with its money ("24.630đ",
/// "24.160 đ", "24.160 đ/lít") in a row in đồng/lít (tester CC): read as
/// the numbers, with the one info for the file; "24.630 kg" in the same
/// row is no price and stays an error, as "nghìn đ" (another scale) does.
#[test]
fn a_price_typed_with_its_money_is_read_as_the_number() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    commune_template(&tpl, &[("T01", "Thôn Đồng Tâm"), ("T02", "Bản Nà Lừa")]);
    std::fs::write(
        tpl.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         GC02,NS,Giá bán lẻ xăng RON95 bình quân,Đồng/lít,rate,ward,,\n",
    )
    .unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let name = "Giá bán lẻ xăng RON95 bình quân";
    write_report(
        &dir.join("T02-ban-na-lua.xlsx"),
        "BẢN NÀ LỪA",
        &[(
            "GC02",
            name,
            "Đồng/lít",
            [T("24.630đ"), T("24.160 đ"), T("24.160 đ/lít")],
        )],
    );
    write_report(
        &dir.join("T01-thon-dong-tam.xlsx"),
        "THÔN ĐỒNG TÂM",
        &[(
            "GC02",
            name,
            "Đồng/lít",
            [T("24.630 kg"), T("24,16 nghìn đ"), N(24160.0)],
        )],
    );
    let out = tmp.path().join("out");
    let findings = run(&dir, &out, &tpl, "2020-Q1");
    assert_eq!(
        findings_of(&findings, "T02"),
        vec![row(["info", "value-invalid", "T02", "", "", "3"])],
        "{findings:#?}"
    );
    let said = findings
        .iter()
        .find(|f| f["unit"] == "T02")
        .and_then(|f| f["message"].as_str())
        .unwrap();
    assert!(said.contains("(ví dụ ô D7: «24.630đ»)"), "{said}");
    assert_eq!(
        findings_of(&findings, "T01"),
        vec![
            row(["error", "value-invalid", "T01", "D7", "", "24.630 kg"]),
            row(["error", "value-invalid", "T01", "E7", "", "24,16 nghìn đ"]),
        ],
        "{findings:#?}"
    );
}

/// A workbook holding only a photo of the form is named for what it is,
/// and the unit is asked for the figures typed in, not told its file
/// cannot be opened; an empty workbook (no picture) keeps its words.
#[test]
fn a_workbook_holding_only_a_picture_asks_for_the_figures_typed_in() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    commune_template(&tpl, &[("T01", "Thôn Đồng Tâm"), ("T02", "Bản Nà Lừa")]);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let photo =
        rust_xlsxwriter::Image::new(crate::common::repo().join("docs/img/bieu-mau.png")).unwrap();
    ws.insert_image(1, 1, &photo).unwrap();
    wb.save(dir.join("Thon Dong Tam - anh chup bieu Q1.xlsx"))
        .unwrap();
    let mut wb = Workbook::new();
    wb.add_worksheet();
    wb.save(dir.join("Ban Na Lua - bieu Q1.xlsx")).unwrap();
    let out = tmp.path().join("out");
    let findings = run(&dir, &out, &tpl, "2020-Q1");
    let of = |unit: &str| {
        findings
            .iter()
            .find(|f| f["unit"] == unit && f["code"] == "file-unreadable")
            .unwrap_or_else(|| panic!("{unit}: {findings:#?}"))
    };
    let photo = of("T01");
    assert_eq!(photo["severity"], "error");
    assert_eq!(
        photo["actual"],
        "bảng tính chỉ có hình ảnh (ảnh chụp hoặc ảnh quét biểu), không có số liệu nào trong các ô; các trang tính đã đọc: Sheet1"
    );
    assert!(
        photo["message"].as_str().unwrap().ends_with(
            "Hãy xin đơn vị gõ số liệu vào biểu mẫu Excel (không dán ảnh chụp) rồi gửi lại."
        ),
        "{photo:#?}"
    );
    let feedback = read_sheet(&out.join("phan-hoi/T01.xlsx"), "Lỗi");
    let told = feedback.concat().join(" ");
    assert!(
        told.contains("nhưng tệp chỉ có hình ảnh (ảnh chụp hoặc ảnh quét biểu)")
            && told.contains("gõ số liệu vào biểu mẫu Excel")
            && !told.contains("không mở được"),
        "{feedback:?}"
    );
    // The near miss: an empty workbook is not called a picture.
    let empty = of("T02");
    assert!(
        empty["actual"]
            .as_str()
            .unwrap()
            .starts_with("không đọc được ô nào trong các trang tính"),
        "{empty:#?}"
    );
}

/// A blank form adds nothing: its unit is not counted on the cover line
/// (the registry's kinds named as it has them: "thôn, bản"), its status
/// says so, the footnote names it, and the console agrees; an indicator
/// only an office reports whose file could not be read says why its row
/// is blank. The near miss: a village that sent figures is counted.
#[test]
fn a_blank_form_is_not_counted_as_consolidated() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    commune_template(
        &tpl,
        &[
            ("T01", "Thôn Đồng Tâm"),
            ("T02", "Bản Nà Lừa"),
            ("T03", "Thôn 1"),
        ],
    );
    // An office's own indicator, and the office, whose file is damaged.
    let mut indicators = std::fs::read_to_string(tpl.join("indicators.csv")).unwrap();
    indicators.push_str("GD01,HC,Số học sinh tiểu học,học sinh,stock,district,TH1,\n");
    std::fs::write(tpl.join("indicators.csv"), indicators).unwrap();
    let mut agencies = std::fs::read_to_string(tpl.join("agencies.csv")).unwrap();
    agencies.push_str("TH1,department,Trường Tiểu học Phúc Lộc,Truong Tieu hoc,yes\n");
    std::fs::write(tpl.join("agencies.csv"), agencies).unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let rows = |th: fn(f64) -> C| -> [(&'static str, &'static str, &'static str, [C; 3]); 2] {
        [
            (
                "HC02",
                "Hồ sơ thủ tục hành chính đã giải quyết",
                "hồ sơ",
                [E, th(10.0), th(10.0)],
            ),
            (
                "HC07",
                "Tổng số lượt đánh giá",
                "lượt",
                [E, th(4.0), th(4.0)],
            ),
        ]
    };
    write_report(
        &dir.join("T01-thon-dong-tam.xlsx"),
        "THÔN ĐỒNG TÂM",
        &rows(N),
    );
    write_report(&dir.join("T03-thon-1.xlsx"), "THÔN 1", &rows(N));
    write_report(&dir.join("T02-ban-na-lua.xlsx"), "BẢN NÀ LỪA", &rows(|_| E));
    std::fs::write(
        dir.join("TH1-truong-tieu-hoc.xlsx"),
        b"PK\x03\x04 cut short",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let output = crate::common::tonghop()
        .arg("consolidate")
        .arg(&dir)
        .args(["--period", "2020-Q1", "--out"])
        .arg(&out)
        .arg("--template")
        .arg(&tpl)
        .output()
        .unwrap();
    let console = String::from_utf8_lossy(&output.stdout);
    assert!(
        console.contains("2 đơn vị được tổng hợp, 0 đơn vị chưa nộp, 1 đơn vị gửi biểu trống, 1 đơn vị có tệp không đọc được."),
        "{console}"
    );
    let findings = crate::common::read_findings(&out.join("errors.json"));
    // (The catalog's NS02 and NS05 are absent from every form here.)
    let t02: Vec<_> = findings_of(&findings, "T02")
        .into_iter()
        .filter(|f| f[1] != "indicator-missing")
        .collect();
    assert_eq!(
        t02,
        vec![row(["error", "submission-missing", "T02", "", "", ""])],
        "{findings:#?}"
    );
    let book = out.join("tong-hop.xlsx");
    let summary = read_sheet(&book, "Tổng hợp");
    assert_eq!(
        summary[2][0],
        "(Tổng hợp từ 2/3 thôn, bản và 0 cơ quan, đơn vị)"
    );
    assert_eq!(figures(&book, "HC02"), [None, Some(20.0), Some(20.0)]);
    let footnote: Vec<&str> = summary
        .iter()
        .filter_map(|r| r.first())
        .map(String::as_str)
        .filter(|c| c.starts_with("(*)"))
        .collect();
    assert_eq!(
        footnote,
        [
            "(*) Bản Nà Lừa gửi tệp T02-ban-na-lua.xlsx nhưng biểu còn trống, không có số liệu nào đọc được (xem trang «Lỗi»): các số tổng hợp chưa gồm số liệu của Bản Nà Lừa. Hãy đề nghị Bản Nà Lừa gửi số liệu trước khi trình ký.",
        ],
        "{summary:?}"
    );
    // The blank row says why; the last line names every unit whose
    // figures are not in the totals, the blank form's among them.
    let notes: Vec<&str> = summary
        .iter()
        .filter_map(|r| r.first())
        .map(String::as_str)
        .filter(|c| c.starts_with("Dòng để trống") || c.starts_with("Chưa có số liệu"))
        .collect();
    assert_eq!(
        notes,
        [
            "Dòng để trống: các chỉ tiêu GD01 do Trường Tiểu học Phúc Lộc báo cáo, nhưng chưa có báo cáo nào của đơn vị này được tổng hợp (xem trang «Tình trạng nộp»): chưa có số liệu (không phải bằng 0).",
            "Chưa có số liệu của 2 đơn vị: Bản Nà Lừa, Trường Tiểu học Phúc Lộc (chưa gửi báo cáo, hoặc báo cáo không được tổng hợp: xem trang «Tình trạng nộp»).",
        ],
        "{summary:?}"
    );
    let status = read_sheet(&book, "Tình trạng nộp");
    let state = |code: &str| {
        status
            .iter()
            .find(|r| r.get(1).is_some_and(|c| c == code))
            .and_then(|r| r.get(4).cloned())
            .unwrap_or_else(|| panic!("{code}: {status:?}"))
    };
    assert_eq!(state("T02"), "đã nộp, biểu trống");
    assert_eq!(state("T01"), "đã nộp");
    assert_eq!(state("TH1"), "không đọc được");
}
