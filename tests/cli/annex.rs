//! `tonghop annex` on the committed samples (`samples/2020-Q2-annex/`,
//! written by `examples/make_annex_samples.rs`): the annex read back with
//! calamine, its print settings read from the written XML, and the error
//! list compared with the planted mistakes.

use crate::common::{read_findings, read_sheet, repo, tonghop, zip_part};
use std::path::PathBuf;

fn samples() -> PathBuf {
    repo().join("samples").join("2020-Q2-annex")
}

/// Runs the annex of the samples into a fresh folder; returns the folder
/// and the exit code.
fn run_samples() -> (tempfile::TempDir, i32) {
    let out = tempfile::tempdir().unwrap();
    let assert = tonghop()
        .args(["annex"])
        .arg(samples())
        .args(["--period", "2020-Q2", "--out"])
        .arg(out.path())
        .args([
            "--attached-to",
            "Báo cáo số 120/BC-UBND ngày 10/4/2020 của Ủy ban nhân dân quận",
        ])
        .assert();
    let code = assert.get_output().status.code().unwrap();
    (out, code)
}

#[test]
fn the_sample_annex_has_its_sections_numbered_in_order_with_canonical_agencies() {
    let (out, code) = run_samples();
    assert_eq!(code, 1, "errors were planted");
    let rows = read_sheet(&out.path().join("phu-luc.xlsx"), "Phụ lục");
    assert_eq!(
        rows[0][0],
        "CHƯƠNG TRÌNH CÔNG TÁC TRỌNG TÂM QUÝ II NĂM 2020"
    );
    assert_eq!(
        rows[1][0],
        "(Ban hành kèm theo Báo cáo số 120/BC-UBND ngày 10/4/2020 của Ủy ban nhân dân quận)"
    );
    assert_eq!(
        rows[3],
        [
            "TT",
            "Nội dung",
            "Tiến độ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp"
        ]
    );
    // Section rows: numeral and title, in the template's order.
    let sections: Vec<(String, String)> = rows
        .iter()
        .skip(4)
        .filter(|r| r[0].chars().all(|c| "IVX".contains(c)) && !r[0].is_empty())
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    assert_eq!(
        sections,
        [
            ("I", "KINH TẾ - TÀI CHÍNH - NGÂN SÁCH"),
            ("II", "QUẢN LÝ ĐÔ THỊ - ĐẦU TƯ XÂY DỰNG CƠ BẢN"),
            ("III", "VĂN HÓA - XÃ HỘI"),
            ("IV", "NỘI CHÍNH - TỔ CHỨC BỘ MÁY"),
            ("V", "CẢI CÁCH HÀNH CHÍNH"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    // Numbering restarts in every section and runs without gaps.
    let mut numbers: Vec<Vec<u32>> = Vec::new();
    for r in rows.iter().skip(4) {
        if r[0].chars().all(|c| "IVX".contains(c)) && !r[0].is_empty() {
            numbers.push(Vec::new());
        } else if let Ok(n) = r[0].parse::<u32>() {
            numbers.last_mut().unwrap().push(n);
        }
    }
    let counts: Vec<usize> = numbers.iter().map(|v| v.len()).collect();
    assert_eq!(counts, [2, 8, 6, 4, 2]);
    for v in &numbers {
        assert_eq!(*v, (1..=v.len() as u32).collect::<Vec<_>>());
    }
    let find = |start: &str| {
        rows.iter()
            .find(|r| r[1].starts_with(start))
            .unwrap_or_else(|| panic!("no row {start}"))
            .clone()
    };
    // "PTCKH", multi-line content kept as written (trimmed lines).
    assert_eq!(
        find("Tổ chức thu ngân sách"),
        [
            "1",
            "Tổ chức thu ngân sách nhà nước quý II/2020,\nphấn đấu đạt 50% dự toán năm",
            "Quý II/2020",
            "Phòng TC-KH",
            "Chi cục Thuế quận, UBND 16 phường"
        ]
    );
    // Agencies split on ";" and written in their short form; "UBND 16
    // phường" one entry.
    assert_eq!(find("Ra quân")[4], "Công an quận, UBND 16 phường");
    assert_eq!(find("Hoàn thành kế hoạch sử dụng đất")[3], "Phòng TN-MT");
    assert_eq!(find("Hoàn thành kế hoạch sử dụng đất")[4], "UBND 16 phường");
    // A continued content and a group of agencies.
    let disburse = find("Đôn đốc giải ngân");
    assert_eq!(
        disburse[1],
        "Đôn đốc giải ngân vốn đầu tư công năm 2020\nbáo cáo UBND quận hằng tháng"
    );
    assert_eq!(
        disburse[4],
        "Ban QLDA ĐTXD khu vực quận, Các cơ quan, đơn vị liên quan"
    );
    // The sub-section of a "II/. Đầu tư xây dựng cơ bản:" row, directly
    // above the tasks that followed it.
    let at = rows
        .iter()
        .position(|r| r[1] == "Đầu tư xây dựng cơ bản")
        .unwrap();
    assert_eq!(rows[at][0], "");
    assert!(rows[at + 1][1].starts_with("Đôn đốc giải ngân"));
    // A content merged down two rows: one task with both coordinating
    // agencies.
    assert_eq!(
        find("Tổ chức các hoạt động kỷ niệm")[4],
        "Quận đoàn, Hội LHPN quận"
    );
    // A date cell written as a date.
    assert_eq!(find("Thẩm định quyết toán")[2], "15/06/2020");
    // The exact duplicate is printed once; the near-duplicates both.
    assert_eq!(
        rows.iter()
            .filter(|r| r[1].starts_with("Rà soát, cập nhật danh mục"))
            .count(),
        1
    );
    assert_eq!(
        rows.iter()
            .filter(|r| r[1].starts_with("Kiểm tra hoạt động kinh doanh dịch vụ văn hóa"))
            .count(),
        2
    );
    // The signature block is not a task.
    assert!(!rows.iter().any(|r| r.iter().any(|c| c == "TRƯỞNG PHÒNG")));
}

#[test]
fn the_sample_annex_is_print_ready() {
    let (out, _) = run_samples();
    let book = out.path().join("phu-luc.xlsx");
    let sheet = zip_part(&book, "xl/worksheets/sheet1.xml").expect("member present");
    assert!(sheet.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{sheet}");
    let setup = sheet
        .split("<pageSetup ")
        .nth(1)
        .and_then(|s| s.split("/>").next())
        .unwrap();
    assert!(setup.contains(r#"paperSize="9""#), "{setup}");
    assert!(setup.contains(r#"orientation="landscape""#), "{setup}");
    // Fit to one page wide (fitToWidth defaults to 1), any number tall.
    assert!(setup.contains(r#"fitToHeight="0""#), "{setup}");
    assert!(!setup.contains("fitToWidth") || setup.contains(r#"fitToWidth="1""#));
    assert!(sheet.contains("<oddFooter>") && sheet.contains("&amp;P/&amp;N"));
    // Thin borders and wrapped text in the table; Times New Roman 13.
    let styles = zip_part(&book, "xl/styles.xml").expect("member present");
    assert!(styles.contains(r#"<name val="Times New Roman"/>"#));
    assert!(styles.contains(r#"<sz val="13"/>"#));
    assert!(styles.contains(r#"<left style="thin">"#));
    assert!(styles.contains(r#"wrapText="1""#));
    // The header row repeats on every page.
    let workbook = zip_part(&book, "xl/workbook.xml").expect("member present");
    assert!(
        workbook.contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'Phụ lục'!$4:$4</definedName>"#),
        "{workbook}"
    );
    // Column widths fit A4 landscape (about 140 characters at most).
    let widths: f64 = sheet
        .split("<col ")
        .skip(1)
        .filter_map(|c| {
            c.split("width=\"")
                .nth(1)?
                .split('"')
                .next()?
                .parse::<f64>()
                .ok()
        })
        .sum();
    assert!((120.0..=145.0).contains(&widths), "{widths}");
}

#[test]
fn every_planted_mistake_is_found_with_its_cell_and_nothing_else() {
    let (out, _) = run_samples();
    let found: Vec<(String, String, String, String, String)> =
        read_findings(&out.path().join("errors.json"))
            .iter()
            .map(|f| {
                let s = |k: &str| f[k].as_str().unwrap().to_string();
                (s("severity"), s("code"), s("file"), s("sheet"), s("cell"))
            })
            .collect();
    let expected = [
        ("info", "file-skipped", "ghi-chu.txt", "", ""),
        (
            "warning",
            "deadline-out-of-period",
            "p-qldt.xlsx",
            "Quý II",
            "D8",
        ),
        (
            "error",
            "deadline-out-of-period",
            "p-qldt.xlsx",
            "Quý II",
            "D10",
        ),
        ("error", "deadline-invalid", "p-qldt.xlsx", "Quý II", "D11"),
        ("error", "agency-missing", "p-qldt.xlsx", "Quý II", "E11"),
        ("warning", "agency-unknown", "p-qldt.xlsx", "Quý II", "F12"),
        (
            "error",
            "task-duplicate",
            "p-tckh.xlsx",
            "Chương trình",
            "B9",
        ),
        (
            "error",
            "deadline-out-of-period",
            "p-tckh.xlsx",
            "Chương trình",
            "C10",
        ),
        (
            "warning",
            "agency-unknown",
            "p-tckh.xlsx",
            "Chương trình",
            "E10",
        ),
        ("error", "table-not-found", "p-tnmt.xlsx", "", ""),
        ("warning", "task-duplicate", "p-vhtt.xlsx", "Sheet1", "B10"),
        (
            "error",
            "agency-unknown",
            "tong-hop-noi-chinh.xlsx",
            "Công an quận",
            "D6",
        ),
        (
            "error",
            "task-duplicate",
            "tong-hop-noi-chinh.xlsx",
            "Phòng Nội vụ",
            "B8",
        ),
        (
            "warning",
            "task-duplicate",
            "tong-hop-noi-chinh.xlsx",
            "Phòng Nội vụ",
            "B11",
        ),
    ]
    .map(|(a, b, c, d, e)| (a.into(), b.into(), c.into(), d.into(), e.into()));
    assert_eq!(found, expected);
    let all = read_findings(&out.path().join("errors.json"));
    let by_cell = |cell: &str| {
        all.iter()
            .find(|f| f["cell"] == cell && f["sheet"] != "")
            .unwrap()
            .clone()
    };
    // A duplicate names both places; an unknown agency its suggestion.
    let dup = by_cell("B9");
    assert_eq!(dup["expected"], "p-qldt.xlsx › Quý II › C9");
    assert!(dup["message"]
        .as_str()
        .unwrap()
        .contains("p-tckh.xlsx › Chương trình › B9"));
    let unknown = by_cell("F12");
    assert_eq!(unknown["actual"], "Đội Thanh tra đô thị");
    assert_eq!(unknown["expected"], "Thanh tra quận");
    let stale = by_cell("C10");
    assert_eq!(
        (stale["expected"].as_str(), stale["actual"].as_str()),
        (Some("Quý II/2020"), Some("Quý I/2020"))
    );
    assert_eq!(stale["unit"], "P.TCKH");
    // The CSV carries the same list.
    let mut csv = csv::Reader::from_path(out.path().join("errors.csv")).unwrap();
    let codes: Vec<String> = csv
        .records()
        .map(|r| r.unwrap().get(1).unwrap().to_string())
        .collect();
    assert_eq!(
        codes,
        expected
            .iter()
            .map(|e| e.1.clone())
            .collect::<Vec<String>>()
    );
}

#[test]
fn outputs_are_not_replaced_without_force_nor_written_into_the_input() {
    let (out, _) = run_samples();
    let again = tonghop()
        .arg("annex")
        .arg(samples())
        .args(["--period", "2020-Q2", "--out"])
        .arg(out.path())
        .assert();
    assert_eq!(again.get_output().status.code(), Some(2));
    let forced = tonghop()
        .arg("annex")
        .arg(samples())
        .args(["--period", "2020-Q2", "--force", "--lang", "en", "--out"])
        .arg(out.path())
        .assert();
    assert_eq!(forced.get_output().status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&forced.get_output().stdout).to_string();
    assert!(
        stdout.contains("4 files read, 1 unreadable, 1 skipped; 22 tasks in 5 sections"),
        "{stdout}"
    );
    let inside = tonghop()
        .arg("annex")
        .arg(samples())
        .args(["--period", "2020-Q2", "--out"])
        .arg(samples().join("out"))
        .assert();
    assert_eq!(inside.get_output().status.code(), Some(2));
    assert!(!samples().join("out").exists());
}

#[test]
fn a_clean_folder_exits_zero_and_a_title_can_be_given() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "PHÒNG TƯ PHÁP").unwrap();
    for (c, h) in [
        "STT",
        "Nội dung",
        "Tiến độ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    for (c, v) in [
        "1",
        "Tuyên truyền phổ biến giáo dục pháp luật",
        "Quý II/2020",
        "P.TP",
        "UBND các phường",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(3, c as u16, *v).unwrap();
    }
    wb.save(dir.path().join("p-tp.xlsx")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = tonghop()
        .arg("annex")
        .arg(dir.path())
        .args([
            "--period",
            "2020-Q2",
            "--title",
            "PHỤ LỤC KÈM THEO",
            "--out",
        ])
        .arg(out.path())
        .assert();
    assert_eq!(run.get_output().status.code(), Some(0));
    let rows = read_sheet(&out.path().join("phu-luc.xlsx"), "Phụ lục");
    assert_eq!(rows[0][0], "PHỤ LỤC KÈM THEO");
    // The default field of Phòng Tư pháp.
    assert_eq!(rows[4][..2], ["I", "NỘI CHÍNH - TỔ CHỨC BỘ MÁY"]);
    assert_eq!(
        rows[5],
        [
            "1",
            "Tuyên truyền phổ biến giáo dục pháp luật",
            "Quý II/2020",
            "Phòng Tư pháp",
            "UBND 16 phường"
        ]
    );
    assert!(read_findings(&out.path().join("errors.json")).is_empty());
}
