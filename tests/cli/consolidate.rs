//! `tonghop consolidate` on workbooks written by the test.

use crate::common::{read_findings, read_sheet, tonghop, zip_part};
use regex::Regex;
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

/// A row of a test submission: name, code and TH, LK.
struct Row<'a> {
    code: &'a str,
    name: &'a str,
    unit: &'a str,
    th: Option<&'a str>,
    lk: Option<&'a str>,
}

fn row<'a>(code: &'a str, name: &'a str, unit: &'a str, th: &'a str, lk: &'a str) -> Row<'a> {
    Row {
        code,
        name,
        unit,
        th: (!th.is_empty()).then_some(th),
        lk: (!lk.is_empty()).then_some(lk),
    }
}

/// Writes a one-row-header submission: title rows, header on row 6
/// (STT | Mã số | Chỉ tiêu | ĐVT | Thực hiện quý | Lũy kế), figures as
/// numbers when they are plain integers, else as text.
fn write_submission(path: &Path, title: &str, period: &str, rows: &[Row], with_code: bool) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Biểu 1").unwrap();
    ws.write_string(0, 0, title).unwrap();
    ws.write_string(0, 4, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        .unwrap();
    ws.write_string(2, 0, format!("BIỂU SỐ LIỆU {period}"))
        .unwrap();
    let bold = Format::new().set_bold();
    let mut headers = vec!["STT"];
    if with_code {
        headers.push("Mã số");
    }
    headers.extend(["Chỉ tiêu", "ĐVT", "Thực hiện quý", "Lũy kế từ đầu năm"]);
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(5, c as u16, *h, &bold).unwrap();
    }
    ws.write_string(6, 0, "I").unwrap();
    ws.write_string(6, if with_code { 2 } else { 1 }, "CẢI CÁCH HÀNH CHÍNH")
        .unwrap();
    for (k, r) in rows.iter().enumerate() {
        let rr = 7 + k as u32;
        let mut c = 0u16;
        ws.write_number(rr, c, (k + 1) as f64).unwrap();
        c += 1;
        if with_code {
            ws.write_string(rr, c, r.code).unwrap();
            c += 1;
        }
        ws.write_string(rr, c, r.name).unwrap();
        ws.write_string(rr, c + 1, r.unit).unwrap();
        for (off, v) in [(2, r.th), (3, r.lk)] {
            if let Some(v) = v {
                // Plain integers as numbers; anything Vietnamese-formatted
                // ("1.290", "83,33", "khoảng 80") as text.
                match v.parse::<i64>() {
                    Ok(n) => ws.write_number(rr, c + off, n as f64).unwrap(),
                    Err(_) => ws.write_string(rr, c + off, v).unwrap(),
                };
            }
        }
    }
    let sig = 9 + rows.len() as u32;
    ws.write_string(sig, 1, "NGƯỜI LẬP BIỂU").unwrap();
    ws.write_string(sig, 4, "Phường 5, ngày 05 tháng 4 năm 2020")
        .unwrap();
    wb.save(path).unwrap();
}

/// A minimal template: three HC indicators, two wards and one department.
fn write_template(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("groups.csv"),
        "group,name\nHC,Cải cách hành chính\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         HC02,HC,Hồ sơ thủ tục hành chính đã giải quyết,hồ sơ,flow,both,VP,HC02 == HC03 + HC04\n\
         HC03,HC,Trong đó: giải quyết đúng hạn,hồ sơ,flow,both,VP,\n\
         HC04,HC,Trong đó: giải quyết trễ hạn,hồ sơ,flow,both,VP,\n\
         HC05,HC,Tỷ lệ hồ sơ giải quyết đúng hạn,%,rate,both,VP,HC03 / HC02 * 100\n\
         NS01,HC,Thu ngân sách nhà nước trên địa bàn,tỷ đồng,flow,district,VP,\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("agencies.csv"),
        "code,kind,name,aliases,reports\n\
         VP,department,Văn phòng HĐND và UBND quận,VP HĐND-UBND,yes\n\
         P01,ward,Phường 1,UBND Phường 1|P1,yes\n\
         P02,ward,Phường 2,UBND Phường 2|P2,yes\n\
         P03,ward,Phường 3,UBND Phường 3|P3,yes\n",
    )
    .unwrap();
}

#[test]
fn totals_statuses_and_findings_on_a_small_batch() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    // Ward 1: by code, consistent.
    write_submission(
        &dir.join("phuong-01.xlsx"),
        "UBND PHƯỜNG 1",
        "QUÝ I/2020",
        &[
            row(
                "HC02",
                "Hồ sơ thủ tục hành chính đã giải quyết",
                "hồ sơ",
                "120",
                "120",
            ),
            row(
                "HC03",
                "Trong đó: giải quyết đúng hạn",
                "hồ sơ",
                "100",
                "100",
            ),
            row("HC04", "Trong đó: giải quyết trễ hạn", "hồ sơ", "20", "20"),
            row(
                "HC05",
                "Tỷ lệ hồ sơ giải quyết đúng hạn",
                "%",
                "83,33",
                "83,33",
            ),
        ],
        true,
    );
    // Ward 2: no code column, Vietnamese text numbers, retyped names, a
    // sum that does not add up and a word in a number cell.
    write_submission(
        &dir.join("bao cao P2.xlsx"),
        "PHƯỜNG 2",
        "Quý 1 năm 2020",
        &[
            row(
                "",
                "ho so thu tuc hanh chinh da giai quyet",
                "hồ sơ",
                "1.290",
                "1.290",
            ),
            row("", "- giải quyết đúng hạn", "hồ sơ", "1.204", "1.204"),
            row("", "- giải quyết trễ hạn", "hồ sơ", "77", "khoảng 80"),
        ],
        false,
    );
    // Ward 3 sends nothing; the department states the district figure.
    write_submission(
        &dir.join("vp.xlsx"),
        "VĂN PHÒNG HĐND VÀ UBND QUẬN",
        "QUÝ I/2020",
        &[row(
            "NS01",
            "Thu ngân sách nhà nước trên địa bàn",
            "tỷ đồng",
            "145,2",
            "145,2",
        )],
        true,
    );
    std::fs::write(dir.join("ghi-chu.docx"), b"not a workbook").unwrap();
    std::fs::write(dir.join("hong.xlsx"), b"").unwrap();
    let out = tmp.path().join("out");
    let assert = tonghop()
        .args(["consolidate"])
        .arg(&dir)
        .args(["--period", "2020-Q1", "--out"])
        .arg(&out)
        .arg("--template")
        .arg(&tpl)
        .assert();
    let output = assert.get_output();
    assert_eq!(
        output.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );

    // Totals: HC02 = 120 + 1290, HC03 = 100 + 1204; HC05 recomputed from the
    // totals, never averaged; NS01 from the department.
    let summary = read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let header = summary
        .iter()
        .position(|r| r.first().map(String::as_str) == Some("Mã"))
        .unwrap();
    // Each figure column: the short name messages use, over what it holds
    // in the run's period.
    assert_eq!(
        summary[header],
        [
            "Mã",
            "Chỉ tiêu",
            "ĐVT",
            "KH\nnăm 2020",
            "TH\nquý I/2020",
            "LK\n3 tháng 2020",
            "CK\ncùng kỳ 2019",
            "%KH\nLK/KH",
            "%CK\ntăng/giảm"
        ]
    );
    let find = |code: &str| summary.iter().find(|r| r[0] == code).unwrap().clone();
    assert_eq!(find("HC02")[4], "1410");
    assert_eq!(find("HC03")[4], "1304");
    assert_eq!(find("HC04")[4], "97");
    // LK of HC04: ward 2's "khoảng 80" is not a number, so only ward 1 counts.
    assert_eq!(find("HC04")[5], "20");
    let rate: f64 = find("HC05")[4].parse().unwrap();
    assert!((rate - 1304.0 / 1410.0 * 100.0).abs() < 1e-9, "{rate}");
    assert_eq!(find("NS01")[4], "145.2");

    // Status of every unit and every file.
    let status = read_sheet(&out.join("tong-hop.xlsx"), "Tình trạng nộp");
    let status_of = |unit: &str| status.iter().find(|r| r[1] == unit).map(|r| r[4].clone());
    assert_eq!(status_of("P01").as_deref(), Some("đã nộp"));
    assert_eq!(status_of("P02").as_deref(), Some("đã nộp"));
    assert_eq!(status_of("P03").as_deref(), Some("chưa nộp"));
    assert_eq!(status_of("VP").as_deref(), Some("đã nộp"));
    let file_status = |file: &str| status.iter().find(|r| r[3] == file).map(|r| r[4].clone());
    assert_eq!(file_status("ghi-chu.docx").as_deref(), Some("bỏ qua"));
    assert_eq!(file_status("hong.xlsx").as_deref(), Some("không đọc được"));
    // Its note says what the file is in the run's language, in the words
    // of its finding (the reason ingest gave, in English, stays in the
    // finding's `actual`).
    let note = |file: &str| status.iter().find(|r| r[3] == file).map(|r| r[8].clone());
    assert_eq!(
        note("ghi-chu.docx").as_deref(),
        Some("tệp là văn bản Word, không phải bảng tính Excel")
    );
    assert_eq!(note("hong.xlsx").as_deref(), Some("tệp rỗng (0 byte)"));
    // Each line counts its findings (errors, warnings, infos): a unit's by
    // unit, a file's by file.
    let counts = |row: &Vec<String>| row[5..8].to_vec();
    let line_of = |col: usize, key: &str| status.iter().find(|r| r[col] == key).unwrap().clone();
    assert_eq!(counts(&line_of(1, "P03")), ["1", "0", "0"]);
    assert_eq!(counts(&line_of(3, "hong.xlsx")), ["1", "0", "0"]);
    assert_eq!(counts(&line_of(3, "ghi-chu.docx")), ["0", "0", "1"]);
    // Nothing but the outputs is left in the output folder (the figures'
    // and the workbook's temporary files are gone).
    let mut left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        ["errors.csv", "errors.json", "phan-hoi", "tong-hop.xlsx"]
    );

    // The detail sheet's total is a live SUM whose stored value calamine reads.
    let detail = read_sheet(&out.join("tong-hop.xlsx"), "Chi tiết theo đơn vị");
    assert_eq!(
        detail[0][..7],
        [
            "Mã",
            "Chỉ tiêu",
            "ĐVT",
            "Cột",
            "Tổng cộng",
            "Phường 1",
            "Phường 2"
        ]
    );
    let hc02_th = detail
        .iter()
        .find(|r| r[0] == "HC02" && r[3] == "TH")
        .unwrap();
    assert_eq!(hc02_th[4..7], ["1410", "120", "1290"]);
    // The labels and the total print on every page, the office named at
    // its head as on the other sheets.
    let book = crate::common::zip_part(&out.join("tong-hop.xlsx"), "xl/workbook.xml").unwrap();
    assert!(
        book.contains("'Chi tiết theo đơn vị'!$A:$E,'Chi tiết theo đơn vị'!$1:$1"),
        "{book}"
    );

    // Exactly the expected findings, each with its place.
    let findings = read_findings(&out.join("errors.json"));
    let mut got: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{}|{}|{}|{}|{}|{}|{}|{}|{}",
                f["severity"].as_str().unwrap(),
                f["code"].as_str().unwrap(),
                f["unit"].as_str().unwrap(),
                f["file"].as_str().unwrap(),
                f["sheet"].as_str().unwrap(),
                f["cell"].as_str().unwrap(),
                f["indicator"].as_str().unwrap(),
                f["column"].as_str().unwrap(),
                f["expected"].as_str().unwrap(),
            )
        })
        .collect();
    got.sort();
    let mut want = vec![
        "error|file-unreadable||hong.xlsx|||||",
        "error|submission-missing|P03||||||",
        "error|sum-mismatch|P02|bao cao P2.xlsx|Biểu 1|D8|HC02|TH|HC02 == HC03 + HC04",
        "error|value-invalid|P02|bao cao P2.xlsx|Biểu 1|E10|HC04|LK|",
        "info|file-skipped||ghi-chu.docx|||||",
        // Ward 2 has no HC05 row; the department none of its HC rows.
        "warning|indicator-missing|P02|bao cao P2.xlsx|Biểu 1||||",
        "warning|indicator-missing|VP|vp.xlsx|Biểu 1||||",
        // Ward 2 has no valid HC04 LK, so its LK relation cannot be
        // checked: the one place is named and pointed at (HC02's LK).
        "info|relation-skipped||bao cao P2.xlsx|Biểu 1|E8|HC02|LK|",
        // So the totals' HC04 LK lacks its figure: marked (*) and named
        // in Tổng hợp's footnote, which explains why HC03 + HC04 do not
        // make HC02 there; no second finding on the totals.
    ];
    want.sort();
    assert_eq!(got, want);
    let skipped = findings
        .iter()
        .find(|f| f["code"] == "relation-skipped")
        .unwrap();
    assert!(
        skipped["message"]
            .as_str()
            .unwrap()
            .contains("ở 1 nơi vì thiếu số liệu của một chỉ tiêu trong điều kiện: Phường 2 (bao cao P2.xlsx, thiếu HC04);"),
        "{skipped}"
    );
    let csv = std::fs::read(out.join("errors.csv")).unwrap();
    assert!(csv.starts_with(
        "\u{feff}severity,code,unit,file,sheet,cell,indicator,column,expected,actual,message"
            .as_bytes()
    ));
}

#[test]
fn existing_outputs_need_force_and_out_must_not_be_inside_dir() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    // One workbook (a folder with none is refused outright, see
    // annex::a_folder_without_a_spreadsheet_is_exit_2_for_consolidate_and_annex).
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write_string(0, 0, "Ghi chú").unwrap();
    wb.save(dir.join("ghi-chu.xlsx")).unwrap();
    let out = tmp.path().join("out");
    let run = |extra: &[&str], out: &Path| {
        tonghop()
            .arg("consolidate")
            .arg(&dir)
            .args(["--period", "2020-Q1", "--out"])
            .arg(out)
            .args(extra)
            .output()
            .unwrap()
    };
    assert_eq!(
        run(&[], &out).status.code(),
        Some(1),
        "every ward is missing"
    );
    let again = run(&[], &out);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(run(&["--force"], &out).status.code(), Some(1));
    let inside = run(&[], &dir.join("out"));
    assert_eq!(inside.status.code(), Some(2));
    assert!(!dir.join("out").exists(), "nothing is written into DIR");
    let bad_period = tonghop()
        .arg("consolidate")
        .arg(&dir)
        .args(["--period", "2020-Q7", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(bad_period.status.code(), Some(2));
}

#[test]
fn a_submission_typed_in_tcvn3_and_vni_is_read_as_unicode() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    // Text stored as Excel stores legacy text: each byte as the Latin-1
    // character of the same code, the font naming the encoding.
    let vn = Format::new().set_font_name(".VnTime");
    let vn_caps = Format::new().set_font_name(".VnTimeH");
    let vni = Format::new().set_font_name("VNI-Times");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Bieu 1").unwrap();
    ws.write_string_with_format(0, 0, "ubnd ph\u{ad}êng 1", &vn_caps)
        .unwrap();
    ws.write_string(1, 0, "BIỂU SỐ LIỆU QUÝ I/2020").unwrap();
    ws.write_string_with_format(3, 0, "ChØ tiªu", &vn).unwrap();
    ws.write_string(3, 1, "Thực hiện quý").unwrap();
    ws.write_string_with_format(4, 0, "Hå s¬ thñ tôc hµnh chÝnh ®· gi¶i quyÕt", &vn)
        .unwrap();
    ws.write_number(4, 1, 35.0).unwrap();
    ws.write_string_with_format(5, 0, "giaûi quyeát ñuùng haïn", &vni)
        .unwrap();
    ws.write_number(5, 1, 30.0).unwrap();
    ws.write_string_with_format(6, 0, "giaûi quyeát treã haïn", &vni)
        .unwrap();
    ws.write_number(6, 1, 5.0).unwrap();
    wb.save(dir.join("p1.xlsx")).unwrap();
    let out = tmp.path().join("out");
    tonghop()
        .arg("consolidate")
        .arg(&dir)
        .args(["--period", "2020-Q1", "--out"])
        .arg(&out)
        .arg("--template")
        .arg(&tpl)
        .assert()
        .code(1);
    let summary = read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let th = |code: &str| summary.iter().find(|r| r[0] == code).unwrap()[4].clone();
    assert_eq!(th("HC02"), "35");
    assert_eq!(th("HC03"), "30");
    assert_eq!(th("HC04"), "5");
    let findings = read_findings(&out.join("errors.json"));
    let legacy: Vec<String> = findings
        .iter()
        .filter(|f| f["code"] == "legacy-encoding")
        .map(|f| {
            format!(
                "{}|{}|{}",
                f["unit"].as_str().unwrap(),
                f["file"].as_str().unwrap(),
                f["actual"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(legacy, ["P01|p1.xlsx|TCVN3 (ABC)", "P01|p1.xlsx|VNI"]);
    assert!(!findings
        .iter()
        .any(|f| f["code"] == "file-unknown-unit" || f["code"] == "indicator-unknown"));
}

#[test]
fn the_summary_sheet_prints_a4_landscape_with_title_and_header_repeated() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    write_submission(
        &dir.join("p1.xlsx"),
        "UBND PHƯỜNG 1",
        "QUÝ I/2020",
        &[row(
            "HC02",
            "Hồ sơ thủ tục hành chính đã giải quyết",
            "hồ sơ",
            "12",
            "12",
        )],
        true,
    );
    let out = tmp.path().join("out");
    tonghop()
        .arg("consolidate")
        .arg(&dir)
        .args(["--period", "2020-Q1", "--out"])
        .arg(&out)
        .arg("--template")
        .arg(&tpl)
        .assert()
        .code(1);
    let book = out.join("tong-hop.xlsx");
    let part = |name: &str| zip_part(&book, name).expect("member present");
    let sheet1 = part("xl/worksheets/sheet1.xml");
    assert!(
        sheet1.contains(r#"paperSize="9""#) && sheet1.contains(r#"orientation="landscape""#),
        "{sheet1}"
    );
    // Printed at the scale that fits the width (not fitted to pages,
    // whose manual breaks Excel ignores).
    // (100 % here: the table is narrow enough.)
    assert!(!sheet1.contains("fitToPage") && !sheet1.contains("scale="));
    assert!(sheet1.contains(r#"state="frozen""#) && sheet1.contains(r#"topLeftCell="A6""#));
    // Every sheet numbers its own pages from 1 ("Trang 37" opened Chi
    // tiết when LibreOffice numbered on from Tổng hợp), with no total,
    // which both programs count over the whole workbook.
    for k in 1..=4 {
        let sheet = part(&format!("xl/worksheets/sheet{k}.xml"));
        assert!(
            sheet.contains(r#"useFirstPageNumber="1""#)
                && sheet.contains("&amp;10Trang &amp;P</oddFooter>"),
            "sheet{k}: {sheet}"
        );
    }
    let workbook = part("xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles") && workbook.contains("'Tổng hợp'!$1:$5"),
        "{workbook}"
    );
    // The Lỗi sheet has an autofilter and a frozen header.
    let sheet4 = part("xl/worksheets/sheet4.xml");
    assert!(sheet4.contains("<autoFilter") && sheet4.contains(r#"state="frozen""#));
    // The lists say on every printed page whose report they belong to.
    for sheet in [part("xl/worksheets/sheet3.xml"), sheet4] {
        assert!(
            sheet.contains("<oddHeader>") && sheet.contains("Quý I/2020</oddHeader>"),
            "{sheet}"
        );
    }
    // It is signed under the last indicator: the one who made it on the
    // left, the place and date and the template's signer on the right
    // (this folder has no template.toml: the built-in one's).
    let rows = read_sheet(&book, "Tổng hợp");
    // The national heading every ward form has: the office on the left,
    // the country and its motto on the right, in the one row above the
    // title (the header stays on row 5, where `check --against` and
    // the print titles find it).
    assert_eq!(rows[0][0], "ỦY BAN NHÂN DÂN QUẬN");
    assert_eq!(
        rows[0][3],
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    );
    assert_eq!(rows[4][0], "Mã");
    let heights = Regex::new(r#"<row r="1"[^>]*\sht="([0-9.]+)""#)
        .unwrap()
        .captures(&sheet1)
        .map(|c| c[1].parse::<f64>().unwrap());
    // Two lines (one is 15 pt).
    assert!(heights.is_some_and(|h| h >= 28.0), "{heights:?}");
    let last_figures = rows.iter().rposition(|r| r[0] == "NS01").unwrap();
    let below: Vec<&String> = rows[last_figures + 1..]
        .iter()
        .flatten()
        .filter(|c| !c.is_empty())
        .collect();
    // Above the block, the footnote: NS01's row is blank because its one
    // unit sent nothing, and the units whose figures are missing by name.
    assert_eq!(
        below,
        [
            "Dòng để trống: các chỉ tiêu NS01 do Văn phòng HĐND và UBND quận báo cáo, nhưng chưa có báo cáo nào của đơn vị này được tổng hợp (xem trang «Tình trạng nộp»): chưa có số liệu (không phải bằng 0).",
            "Chưa có số liệu của 3 đơn vị: Văn phòng HĐND và UBND quận, Phường 2, Phường 3 (chưa gửi báo cáo, hoặc báo cáo không được tổng hợp: xem trang «Tình trạng nộp»).",
            "……………, ngày …… tháng …… năm 2020",
            "NGƯỜI LẬP BIỂU",
            "TM. ỦY BAN NHÂN DÂN",
            "(Ký, ghi rõ họ tên)",
            "(Ký tên, đóng dấu)"
        ]
    );
    // In English, the same heading and the year.
    let en = tmp.path().join("out-en");
    tonghop()
        .arg("consolidate")
        .arg(&dir)
        .args(["--period", "2020-Q1", "--lang", "en", "--out"])
        .arg(&en)
        .arg("--template")
        .arg(&tpl)
        .assert()
        .code(1);
    let rows = read_sheet(&en.join("tong-hop.xlsx"), "Summary");
    assert_eq!(
        rows[0][3],
        "SOCIALIST REPUBLIC OF VIET NAM\nIndependence - Freedom - Happiness"
    );
    assert!(
        rows.iter()
            .flatten()
            .any(|c| c == "……………, date …… / …… / 2020"),
        "{rows:?}"
    );
}

/// A tester's `relation-skipped` said «… không kiểm tra được ở 1 nơi»
/// with no ward, file or cell. Up to three places are named (ward, file,
/// the codes without a figure) and the finding points at the first.
/// Near-miss: four places are counted, not named, and the finding points
/// nowhere.
#[test]
fn a_relation_skipped_in_few_places_names_them() {
    use crate::checks::{consolidate, write_form, write_template, TH_LK, V};
    let skipped = |lacking: u32| {
        let tmp = tempfile::tempdir().unwrap();
        let tpl = tmp.path().join("tpl");
        write_template(&tpl, "");
        let dir = tmp.path().join("in");
        std::fs::create_dir_all(&dir).unwrap();
        for k in 1..=5u32 {
            // The first `lacking` wards leave HC04's TH blank.
            let late = if k <= lacking { V::E } else { V::N(10.0) };
            write_form(
                &dir.join(format!("phuong-{k}.xlsx")),
                &format!("UBND PHƯỜNG {k}"),
                "QUÝ III/2020",
                &TH_LK,
                &[
                    (
                        "HC02",
                        "Hồ sơ thủ tục hành chính đã giải quyết",
                        "hồ sơ",
                        vec![V::N(100.0), V::N(300.0)],
                    ),
                    (
                        "HC03",
                        "Trong đó: giải quyết đúng hạn",
                        "hồ sơ",
                        vec![V::N(90.0), V::N(280.0)],
                    ),
                    (
                        "HC04",
                        "Trong đó: giải quyết trễ hạn",
                        "hồ sơ",
                        vec![late, V::N(20.0)],
                    ),
                ],
            );
        }
        let (_, findings) = consolidate(&dir, &tmp.path().join("out"), &tpl, "2020-Q3", &[]);
        findings
            .into_iter()
            .filter(|f| f["code"] == "relation-skipped" && f["indicator"] == "HC02")
            .map(|f| {
                let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
                [
                    "unit", "file", "sheet", "cell", "column", "actual", "message",
                ]
                .map(s)
                .join("|")
            })
            .collect::<Vec<_>>()
    };
    let tail = "; ô trống không được coi là 0.";
    let head = "Điều kiện HC02 = HC03 + HC04 (HC02 Hồ sơ thủ tục hành chính đã giải quyết; HC03 giải quyết đúng hạn; HC04 giải quyết trễ hạn) (cột TH) không kiểm tra được ở";
    let why = "vì thiếu số liệu của một chỉ tiêu trong điều kiện";
    assert_eq!(
        skipped(1),
        [format!("|phuong-1.xlsx|Biểu 1|E7|TH|1|{head} 1 nơi {why}: Phường 1 (phuong-1.xlsx, thiếu HC04){tail}")]
    );
    assert_eq!(
        skipped(3),
        [format!("|phuong-1.xlsx|Biểu 1|E7|TH|3|{head} 3 nơi {why}: Phường 1 (phuong-1.xlsx, thiếu HC04); Phường 2 (phuong-2.xlsx, thiếu HC04); Phường 3 (phuong-3.xlsx, thiếu HC04){tail}")]
    );
    assert_eq!(skipped(4), [format!("||||TH|4|{head} 4 nơi {why}{tail}")]);
}

/// A signer of three lines (the position under "TM. ỦY BAN NHÂN DÂN")
/// prints one line under the other in a row as tall as they are: it was
/// one line high, and "KT. CHỦ TỊCH" printed over the date line. Near
/// miss: the one-line signer keeps the default height.
#[test]
fn a_signer_of_several_lines_gets_a_row_as_tall_as_they_are() {
    use crate::checks::{consolidate, write_form, write_template, TH_LK, V};
    let signed = |signer: &str| -> (Vec<String>, bool) {
        let tmp = tempfile::tempdir().unwrap();
        let tpl = tmp.path().join("tpl");
        write_template(&tpl, "");
        let toml = std::fs::read_to_string(tpl.join("template.toml")).unwrap();
        let toml = toml.replace(
            "signer = \"TM. ỦY BAN NHÂN DÂN\"",
            &format!("signer = \"{signer}\""),
        );
        std::fs::write(tpl.join("template.toml"), toml).unwrap();
        let dir = tmp.path().join("in");
        std::fs::create_dir_all(&dir).unwrap();
        write_form(
            &dir.join("phuong-1.xlsx"),
            "UBND PHƯỜNG 1",
            "QUÝ I/2020",
            &TH_LK,
            &[(
                "HC02",
                "Hồ sơ thủ tục hành chính đã giải quyết",
                "hồ sơ",
                vec![V::N(10.0), V::N(10.0)],
            )],
        );
        let out = tmp.path().join("out");
        consolidate(&dir, &out, &tpl, "2020-Q1", &[]);
        let book = out.join("tong-hop.xlsx");
        let rows = read_sheet(&book, "Tổng hợp");
        let at = rows
            .iter()
            .position(|r| r.iter().any(|c| c.starts_with("TM. ỦY BAN")))
            .unwrap();
        let cell = rows[at].iter().find(|c| c.starts_with("TM.")).unwrap();
        let sheet = zip_part(&book, "xl/worksheets/sheet1.xml").unwrap();
        let row = format!("<row r=\"{}\"", at + 1);
        let tag = &sheet[sheet.find(&row).unwrap()..];
        let tall = tag[..tag.find('>').unwrap()].contains("customHeight=\"1\"");
        (cell.lines().map(str::to_string).collect(), tall)
    };
    assert_eq!(
        signed("TM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH"),
        (
            vec![
                "TM. ỦY BAN NHÂN DÂN".to_string(),
                "KT. CHỦ TỊCH".to_string(),
                "PHÓ CHỦ TỊCH".to_string()
            ],
            true
        )
    );
    assert_eq!(
        signed("TM. ỦY BAN NHÂN DÂN"),
        (vec!["TM. ỦY BAN NHÂN DÂN".to_string()], false)
    );
}
