//! `tonghop annex` on the committed samples (`samples/2020-Q2-annex/`,
//! written by `examples/make_annex_samples.rs`): the annex read back with
//! calamine, its print settings read from the written XML, and the error
//! list compared with the planted mistakes.

use crate::common::{read_findings, read_sheet, repo, tonghop, zip_part};
use std::path::PathBuf;

/// The findings of a run less one kind: the `submission-missing` warning,
/// with no file, of each reporting agency of the registry that sent
/// nothing (every department but the one or two a test writes). The tests
/// of other checks see their own findings alone;
/// `a_reporting_agency_that_sent_nothing_is_named_and_every_file_listed`
/// checks those warnings.
pub(crate) fn task_findings(path: &std::path::Path) -> Vec<serde_json::Value> {
    read_findings(path)
        .into_iter()
        .filter(|f| !(f["code"] == "submission-missing" && f["file"] == ""))
        .collect()
}

/// A copy of the built-in template whose registry has only `reporting`
/// report (`reports = yes`): the one or two departments a test writes are
/// then all the departments expected.
pub(crate) fn template_reporting(reporting: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["template.toml", "indicators.csv", "groups.csv"] {
        std::fs::copy(repo().join("templates").join(name), dir.path().join(name)).unwrap();
    }
    let mut read = csv::Reader::from_path(repo().join("templates/agencies.csv")).unwrap();
    let headers = read.headers().unwrap().clone();
    let at = headers.iter().position(|h| h == "reports").unwrap();
    let mut write = csv::Writer::from_path(dir.path().join("agencies.csv")).unwrap();
    write.write_record(&headers).unwrap();
    for r in read.records() {
        let r = r.unwrap();
        let code = r.get(0).unwrap().to_string();
        let fields: Vec<&str> = r
            .iter()
            .enumerate()
            .map(|(k, v)| match k == at {
                true if reporting.contains(&code.as_str()) => "yes",
                true => "no",
                false => v,
            })
            .collect();
        write.write_record(&fields).unwrap();
    }
    write.flush().unwrap();
    dir
}

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
    // Printed at 100 %, the scale at which the columns fill the page
    // width: not fitted to pages, whose manual breaks Excel ignores.
    assert!(!sheet.contains("fitToPage"), "{sheet}");
    let setup = sheet
        .split("<pageSetup ")
        .nth(1)
        .and_then(|s| s.split("/>").next())
        .unwrap();
    assert!(setup.contains(r#"paperSize="9""#), "{setup}");
    assert!(setup.contains(r#"orientation="landscape""#), "{setup}");
    assert!(
        !setup.contains("scale=") && !setup.contains("fitTo"),
        "{setup}"
    );
    // Its own page numbers from 1, no total (counted over both sheets).
    assert!(setup.contains(r#"useFirstPageNumber="1""#), "{setup}");
    assert!(sheet.contains("&amp;11Trang &amp;P</oddFooter>"), "{sheet}");
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
    // Times New Roman 13 is the workbook's own font ("Normal" style, the
    // first font), so that columns measure the same in Excel and in
    // LibreOffice.
    let first_font = styles.split("<font>").nth(1).unwrap();
    assert!(
        first_font.contains(r#"<sz val="13"/>"#)
            && first_font.contains(r#"<name val="Times New Roman"/>"#),
        "{first_font}"
    );
    // Column widths fill A4 landscape: 10.7 inches between the margins are
    // 1026 pixels, 113 digits of Times New Roman 13 (9 pixels, and 7 added
    // to each column).
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
    assert!((100.0..=114.0).contains(&widths), "{widths}");
}

#[test]
fn every_planted_mistake_is_found_with_its_cell_and_nothing_else() {
    let (out, _) = run_samples();
    let found: Vec<(String, String, String, String, String)> =
        task_findings(&out.path().join("errors.json"))
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
    let all = task_findings(&out.path().join("errors.json"));
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
    // A team ("Đội …") is no inspectorate: no suggestion.
    let unknown = by_cell("F12");
    assert_eq!(unknown["actual"], "Đội Thanh tra đô thị");
    assert_eq!(unknown["expected"], "");
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
        .map(|r| r.unwrap())
        .filter(|r| !(r.get(1) == Some("submission-missing") && r.get(3) == Some("")))
        .map(|r| r.get(1).unwrap().to_string())
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
    assert!(task_findings(&out.path().join("errors.json")).is_empty());
}

/// One sheet of a task table written in `dir/name`: a title row, the
/// header on row 3, then `rows` from row 4; `merged` rows (0-based in
/// `rows`, first and last column) are written as one merged cell.
pub(crate) fn write_task_table(
    dir: &std::path::Path,
    name: &str,
    title: &str,
    rows: &[Vec<&str>],
    merged: &[(usize, u16, u16)],
) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, title).unwrap();
    for (c, h) in [
        "TT",
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
    let plain = rust_xlsxwriter::Format::new();
    for (k, row) in rows.iter().enumerate() {
        let r = 3 + k as u32;
        match merged.iter().find(|m| m.0 == k) {
            Some(&(_, first, last)) => {
                for (c, v) in row.iter().enumerate().filter(|(c, _)| (*c as u16) < first) {
                    ws.write_string(r, c as u16, *v).unwrap();
                }
                ws.merge_range(r, first, r, last, row[first as usize], &plain)
                    .unwrap();
            }
            None => {
                for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
                    ws.write_string(r, c as u16, *v).unwrap();
                }
            }
        }
    }
    wb.save(dir.join(name)).unwrap();
}

/// Runs `annex` on a folder for 2020-Q3; the output folder, the exit code
/// and the findings as (severity, code, cell, actual).
fn run_q3(dir: &std::path::Path) -> (tempfile::TempDir, i32, Vec<[String; 4]>) {
    let out = tempfile::tempdir().unwrap();
    let run = tonghop()
        .arg("annex")
        .arg(dir)
        .args(["--period", "2020-Q3", "--out"])
        .arg(out.path())
        .assert();
    let code = run.get_output().status.code().unwrap();
    let found = task_findings(&out.path().join("errors.json"))
        .iter()
        .map(|f| ["severity", "code", "cell", "actual"].map(|k| f[k].as_str().unwrap().to_string()))
        .collect();
    (out, code, found)
}

fn finding(severity: &str, code: &str, cell: &str, actual: &str) -> [String; 4] {
    [severity, code, cell, actual].map(String::from)
}

#[test]
fn section_rows_are_headings_and_agency_texts_are_read_as_offices_write_them() {
    let dir = tempfile::tempdir().unwrap();
    let section = "III. LĨNH VỰC VĂN HÓA - XÃ HỘI";
    let repeated = "2. Y tế - dân số:";
    write_task_table(
        dir.path(),
        "p-qldt.xlsx",
        "PHÒNG QUẢN LÝ ĐÔ THỊ",
        &[
            // Row 4: a section row merged across the table.
            vec!["II. LĨNH VỰC ĐÔ THỊ, TÀI NGUYÊN - MÔI TRƯỜNG VÀ ĐẦU TƯ XÂY DỰNG"],
            // Row 5: a sub-section merged across the table.
            vec!["a) Chỉnh trang đô thị, trật tự xây dựng:"],
            vec![
                "1",
                "Rà soát, lập danh mục các tuyến hẻm cần nâng cấp năm 2021",
                "Tháng 8/2020",
                "P.QLĐT Ban QLDA",
                "UBND P.4, 8, 12",
            ],
            // Row 7: a numbered sub-section in the content cell.
            vec!["", "1/. Công tác quy hoạch:"],
            // Row 8: a task whose content opens with a number and names a
            // past year.
            vec![
                "2",
                "2. Kiểm tra các công trình hoàn thành năm 2019",
                "Quý 3/2020",
                "Phòng QLĐT",
                "Các phòng, ban có liên quan; UBND P 9",
            ],
            // Row 9: the numeral in TT, the title merged over the rest.
            vec!["III", "LĨNH VỰC VĂN HÓA - XÃ HỘI"],
            // Row 10: a section row as readers without merges see it.
            vec![section; 5],
            vec![repeated; 5],
            vec![
                "3",
                "Xây dựng kế hoạch bình ổn thị trường Tết Tân Sửu năm 2021",
                "Quý III, IV/2020",
                "Phòng VHTT, UBND phường 3",
                "Thành viên Hội đồng phối hợp phổ biến, giáo dục pháp luật quận\nThành viên BCĐ phòng chống dịch Covid-19 quận",
            ],
            vec![
                "4",
                "Tổ chức liên hoan đờn ca tài tử quận",
                "Cả năm 2020",
                "P.VHTT/Quận đoàn",
                "P.TNMT P.QLĐT, UBND P.2, P.6, Tổ công tác liên ngành quận",
            ],
            // Row 14: an unknown lead and an unknown specific office.
            vec![
                "5",
                "Quản lý, khai thác quỹ nhà, đất công",
                "Tháng 07/2020",
                "Trung tâm Phát triển quỹ đất quận",
                "Đội Quản lý trật tự đô thị, các đơn vị",
            ],
        ],
        &[(0, 0, 4), (1, 0, 4), (5, 1, 4)],
    );
    let (out, code, found) = run_q3(dir.path());
    assert_eq!(
        found,
        [
            finding(
                "error",
                "agency-unknown",
                "D14",
                "Trung tâm Phát triển quỹ đất quận"
            ),
            finding(
                "warning",
                "agency-unknown",
                "E14",
                "Đội Quản lý trật tự đô thị"
            ),
        ]
    );
    assert_eq!(code, 1);
    let rows = read_sheet(&out.path().join("phu-luc.xlsx"), "Phụ lục");
    let shown: Vec<[String; 5]> = rows
        .iter()
        .skip(4)
        .map(|r| std::array::from_fn(|c| r.get(c).cloned().unwrap_or_default()))
        .collect();
    let row = |a: &str, b: &str, c: &str, d: &str, e: &str| [a, b, c, d, e].map(String::from);
    assert_eq!(
        shown,
        [
            row("I", "QUẢN LÝ ĐÔ THỊ - ĐẦU TƯ XÂY DỰNG CƠ BẢN", "", "", ""),
            row("", "Chỉnh trang đô thị, trật tự xây dựng", "", "", ""),
            row(
                "1",
                "Rà soát, lập danh mục các tuyến hẻm cần nâng cấp năm 2021",
                "Tháng 8/2020",
                "Phòng QLĐT, Ban QLDA ĐTXD khu vực quận",
                "UBND Phường 4, UBND Phường 8, UBND Phường 12"
            ),
            row("", "Công tác quy hoạch", "", "", ""),
            row(
                "2",
                "2. Kiểm tra các công trình hoàn thành năm 2019",
                "Quý 3/2020",
                "Phòng QLĐT",
                "Các phòng, ban có liên quan, UBND Phường 9"
            ),
            row("II", "VĂN HÓA - XÃ HỘI", "", "", ""),
            row("", "Y tế - dân số", "", "", ""),
            row(
                "1",
                "Xây dựng kế hoạch bình ổn thị trường Tết Tân Sửu năm 2021",
                "Quý III, IV/2020",
                "Phòng VH-TT, UBND Phường 3",
                "Thành viên Hội đồng phối hợp phổ biến, giáo dục pháp luật quận, Thành viên BCĐ phòng chống dịch Covid-19 quận"
            ),
            row(
                "2",
                "Tổ chức liên hoan đờn ca tài tử quận",
                "Cả năm 2020",
                "Phòng VH-TT, Quận đoàn",
                "Phòng TN-MT, Phòng QLĐT, UBND Phường 2, UBND Phường 6, Tổ công tác liên ngành quận"
            ),
            row(
                "3",
                "Quản lý, khai thác quỹ nhà, đất công",
                "Tháng 07/2020",
                "Trung tâm Phát triển quỹ đất quận",
                "Đội Quản lý trật tự đô thị, các đơn vị"
            ),
        ]
    );
}

#[test]
fn a_units_own_routine_is_no_duplicate_and_near_duplicates_are_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let routine = |n: u32| {
        format!("UBND phường {n} tổ chức ra quân tổng vệ sinh môi trường khu dân cư, khơi thông cống rãnh")
    };
    for n in [5, 6] {
        let content = routine(n);
        let lead = format!("UBND phường {n}");
        write_task_table(
            dir.path(),
            &format!("phuong-{n:02}.xlsx"),
            &format!("UBND PHƯỜNG {n}"),
            &[vec!["1", &content, "Quý III/2020", &lead, "Công an quận"]],
            &[],
        );
    }
    // Near miss: one department's two tasks naming two other units are
    // still alike (a warning), and an exact copy is an error.
    let place = |n: u32| {
        format!("Kiểm tra việc thu gom, vận chuyển rác thải sinh hoạt tại khu dân cư Phường {n}")
    };
    let (a, b) = (place(7), place(8));
    let exact = "Kiểm tra việc chấp hành pháp luật về bảo vệ môi trường tại các cơ sở sản xuất";
    write_task_table(
        dir.path(),
        "p-tnmt.xlsx",
        "PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        &[
            vec!["1", &a, "Quý III/2020", "P.TNMT", ""],
            vec!["2", &b, "Quý III/2020", "P.TNMT", ""],
            vec!["3", exact, "Tháng 9/2020", "P.TNMT", ""],
            vec!["4", &format!("{exact}."), "Tháng 9/2020", "P.TNMT", ""],
        ],
        &[],
    );
    let (_, code, found) = run_q3(dir.path());
    let at: Vec<(&str, &str)> = found
        .iter()
        .map(|f| (f[0].as_str(), f[2].as_str()))
        .collect();
    assert_eq!(at, [("warning", "B5"), ("error", "B7")], "{found:?}");
    assert!(found.iter().all(|f| f[1] == "task-duplicate"));
    assert_eq!(code, 1);
}

/// Tester CO: two tasks of one table differing only in the office they
/// inspect read "(giống 100%)" — "nearly the same" and 100 % at once. A
/// near-duplicate is never 100 %: the share is rounded down, at most
/// 99 %, and the message quotes the words the two differ in. Near miss:
/// the same task written twice is the exact duplicate (an error) with no
/// share at all.
#[test]
fn a_near_duplicate_is_never_said_100_percent_alike_and_its_differing_words_are_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let same = "Tuyển dụng viên chức giáo dục năm 2020";
    write_task_table(
        dir.path(),
        "phong-noi-vu.xlsx",
        "PHÒNG NỘI VỤ",
        &[
            vec![
                "1",
                "Kiểm tra công tác cải cách hành chính tại Phòng Tư pháp",
                "Quý III/2020",
                "Phòng Nội vụ",
                "",
            ],
            vec![
                "2",
                "Kiểm tra công tác cải cách hành chính tại Phòng Tài nguyên và Môi trường",
                "Quý III/2020",
                "Phòng Nội vụ",
                "",
            ],
            vec!["3", same, "Quý III/2020", "Phòng Nội vụ", ""],
            vec!["4", same, "Quý III/2020", "Phòng Nội vụ", ""],
        ],
        &[],
    );
    let (out, code, found) = run_q3(dir.path());
    assert_eq!(code, 1);
    let at: Vec<(&str, &str)> = found
        .iter()
        .map(|f| (f[0].as_str(), f[2].as_str()))
        .collect();
    assert_eq!(at, [("warning", "B5"), ("error", "B7")], "{found:?}");
    let messages: Vec<String> = task_findings(&out.path().join("errors.json"))
        .iter()
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        messages[0],
        "Nhiệm vụ «Kiểm tra công tác cải cách hành chính tại Phòng Tài nguyên và Môi trường» tại phong-noi-vu.xlsx › Sheet1 › B5 gần giống nhiệm vụ «Kiểm tra công tác cải cách hành chính tại Phòng Tư pháp» tại phong-noi-vu.xlsx › Sheet1 › B4 (giống 99%; khác ở «Tài nguyên và Môi trường» / «Tư pháp»). Hãy xem có phải một nhiệm vụ được gửi hai lần không."
    );
    assert!(!messages[1].contains('%'), "{}", messages[1]);
}

/// Regression: Phường 9 sent its task table twice ("p09-phuong-9.xlsx"
/// and an identical "p09-phuong-9 (gui lai).xlsx") and the annex gave one
/// `task-duplicate` error per task, each "agree on one lead agency". A
/// department's copies of one table are one programme: the annex takes the
/// copy `consolidate` would (revision words in the name, then the later
/// saved) and says so once; a revised copy names the tasks of the other
/// left out. Near misses: two departments claiming one task are still the
/// error, and one department's two tables sharing a task are two parts,
/// both kept.
#[test]
fn a_resent_task_table_is_one_warning_and_one_task_of_two_departments_still_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let kt: Vec<Vec<&str>> = vec![
        vec![
            "1",
            "Kiểm tra giá cả thị trường dịp Tết Trung thu",
            "Tháng 9/2020",
            "Phòng Kinh tế",
            "",
        ],
        vec![
            "2",
            "Triển khai chương trình bình ổn thị trường năm 2020",
            "Quý III/2020",
            "Phòng Kinh tế",
            "",
        ],
        vec![
            "3",
            "Hỗ trợ doanh nghiệp nhỏ và vừa tiếp cận vốn vay ưu đãi",
            "Tháng 8/2020",
            "Phòng Kinh tế",
            "",
        ],
    ];
    // The same table sent again: one warning, the copy named "gửi lại" used.
    for name in ["phong-kinh-te.xlsx", "phong-kinh-te (gui lai).xlsx"] {
        write_task_table(dir.path(), name, "PHÒNG KINH TẾ", &kt, &[]);
    }
    // A revised copy: the task only in the first copy is told, the new
    // one printed. The task the department of urban management also
    // claims is in both copies: one error, against the copy used.
    let shared = "Kiểm tra công tác bảo vệ môi trường tại các công trình xây dựng";
    let first: Vec<Vec<&str>> = vec![
        vec![
            "1",
            "Thu gom, xử lý rác thải sinh hoạt tại các khu dân cư",
            "Tháng 7/2020",
            "P.TNMT",
            "",
        ],
        vec![
            "2",
            "Rà soát hồ sơ cấp giấy chứng nhận quyền sử dụng đất",
            "Quý III/2020",
            "P.TNMT",
            "",
        ],
        vec!["3", shared, "Tháng 9/2020", "P.TNMT", ""],
        vec![
            "4",
            "Tổ chức ngày hội sống xanh cho học sinh tiểu học",
            "Tháng 9/2020",
            "P.TNMT",
            "",
        ],
    ];
    let mut revised = first.clone();
    revised[3] = vec![
        "4",
        "Tổng kiểm tra các điểm tập kết rác tự phát",
        "Tháng 9/2020",
        "P.TNMT",
        "",
    ];
    write_task_table(
        dir.path(),
        "p-tnmt.xlsx",
        "PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        &first,
        &[],
    );
    write_task_table(
        dir.path(),
        "p-tnmt (ban sua lan 2).xlsx",
        "PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        &revised,
        &[],
    );
    // Two tables of one department sharing one task of three: two parts.
    let qldt_a: Vec<Vec<&str>> = vec![
        vec!["1", shared, "Tháng 9/2020", "P.QLĐT", ""],
        vec![
            "2",
            "Rà soát các công trình xây dựng không phép trên địa bàn",
            "Tháng 8/2020",
            "P.QLĐT",
            "",
        ],
        vec![
            "3",
            "Lập kế hoạch chỉnh trang vỉa hè các tuyến đường chính",
            "Quý III/2020",
            "P.QLĐT",
            "",
        ],
    ];
    let qldt_b: Vec<Vec<&str>> = vec![
        vec![
            "1",
            "Kiểm tra an toàn các chung cư cũ trước mùa mưa bão",
            "Tháng 8/2020",
            "P.QLĐT",
            "",
        ],
        vec![
            "2",
            "Rà soát các công trình xây dựng không phép trên địa bàn",
            "Tháng 8/2020",
            "P.QLĐT",
            "",
        ],
        vec![
            "3",
            "Cấp số nhà cho các hộ dân khu tái định cư",
            "Tháng 9/2020",
            "P.QLĐT",
            "",
        ],
    ];
    write_task_table(
        dir.path(),
        "p-qldt-1.xlsx",
        "PHÒNG QUẢN LÝ ĐÔ THỊ",
        &qldt_a,
        &[],
    );
    write_task_table(
        dir.path(),
        "p-qldt-2.xlsx",
        "PHÒNG QUẢN LÝ ĐÔ THỊ",
        &qldt_b,
        &[],
    );
    let out = tempfile::tempdir().unwrap();
    let run = tonghop()
        .arg("annex")
        .arg(dir.path())
        .args(["--period", "2020-Q3", "--lang", "vi", "--out"])
        .arg(out.path())
        .assert();
    assert_eq!(run.get_output().status.code(), Some(1));
    let findings = task_findings(&out.path().join("errors.json"));
    let mut got: Vec<[String; 7]> = findings
        .iter()
        .map(|f| {
            [
                "severity", "code", "unit", "file", "cell", "expected", "actual",
            ]
            .map(|k| f[k].as_str().unwrap().to_string())
        })
        .collect();
    got.sort();
    let row = |r: [&str; 7]| r.map(String::from);
    let mut want = vec![
        row([
            "warning",
            "submission-duplicate",
            "P.KT",
            "phong-kinh-te.xlsx",
            "",
            "phong-kinh-te (gui lai).xlsx",
            "phong-kinh-te.xlsx",
        ]),
        row([
            "warning",
            "submission-duplicate",
            "P.TNMT",
            "p-tnmt.xlsx",
            "",
            "p-tnmt (ban sua lan 2).xlsx",
            "p-tnmt.xlsx",
        ]),
        // Two departments, one task.
        row([
            "error",
            "task-duplicate",
            "P.TNMT",
            "p-tnmt (ban sua lan 2).xlsx",
            "B6",
            "p-qldt-1.xlsx › Sheet1 › B4",
            "p-tnmt (ban sua lan 2).xlsx › Sheet1 › B6",
        ]),
        // One department's two parts sharing a task.
        row([
            "error",
            "task-duplicate",
            "P.QLDT",
            "p-qldt-2.xlsx",
            "B5",
            "p-qldt-1.xlsx › Sheet1 › B5",
            "p-qldt-2.xlsx › Sheet1 › B5",
        ]),
    ];
    want.sort();
    assert_eq!(got, want);
    let message = |file: &str| {
        findings
            .iter()
            .find(|f| f["code"] == "submission-duplicate" && f["file"] == file)
            .and_then(|f| f["message"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        message("phong-kinh-te.xlsx"),
        "Phòng Kinh tế gửi lại bảng nhiệm vụ: phong-kinh-te.xlsx và phong-kinh-te (gui lai).xlsx có cùng 3 nhiệm vụ. Phụ lục dùng tệp phong-kinh-te (gui lai).xlsx (tên tệp ghi «gui lai»), không lấy phong-kinh-te.xlsx; các nhiệm vụ không bị tính là trùng."
    );
    assert!(
        message("p-tnmt.xlsx").contains(
            "có 3 nhiệm vụ chung. Phụ lục dùng tệp p-tnmt (ban sua lan 2).xlsx (tên tệp ghi «ban sua lan 2»), không lấy p-tnmt.xlsx: 1 nhiệm vụ chỉ có trong p-tnmt.xlsx không được đưa vào phụ lục."
        ),
        "{}",
        message("p-tnmt.xlsx")
    );
    // The annex prints each task of the copies used once: the revised
    // task, not the one it replaced.
    let printed: Vec<String> = annex_tasks(out.path())
        .into_iter()
        .map(|t| t[0].clone())
        .collect();
    // 3 of Phòng Kinh tế; 4 of P.TNMT's revised copy less the one
    // P.QLĐT claims first; 3 + 3 of P.QLĐT's parts less their shared one.
    assert_eq!(printed.len(), 3 + (4 - 1) + (3 + 3 - 1), "{printed:?}");
    assert!(printed
        .iter()
        .any(|t| t == "Tổng kiểm tra các điểm tập kết rác tự phát"));
    assert!(!printed
        .iter()
        .any(|t| t == "Tổ chức ngày hội sống xanh cho học sinh tiểu học"));
}

#[test]
fn practice_annex_scores_clean() {
    let Some(shared) = crate::common::shared() else {
        println!("skipped: ../shared (the practice corpus) is absent");
        return;
    };
    let practice = shared.join("practice");
    let corpus = practice.join("annex-2020-Q3");
    if !corpus.is_dir() || !practice.join("score.py").is_file() {
        println!("skipped: ../shared/practice/annex-2020-Q3 or its scorer is absent");
        return;
    }
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        println!("skipped: python3 is not installed");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let run = tonghop()
        .arg("annex")
        .arg(&corpus)
        .args(["--period", "2020-Q3", "--out"])
        .arg(out.path())
        .assert();
    // Planted errors make it exit 1; 2 would be a run that could not proceed.
    assert_eq!(run.get_output().status.code(), Some(1), "{run:?}");
    let score = std::process::Command::new("python3")
        .arg(practice.join("score.py"))
        .arg("annex-2020-Q3")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        score.status.success(),
        "the practice annex does not score clean:\n{}{}",
        String::from_utf8_lossy(&score.stdout),
        String::from_utf8_lossy(&score.stderr)
    );
}

/// An input folder with no spreadsheet (empty, or only a .docx and a
/// .pdf) stops both commands with one line, in the language of the run,
/// before anything is written.
#[test]
fn a_folder_without_a_spreadsheet_is_exit_2_for_consolidate_and_annex() {
    let empty = tempfile::tempdir().unwrap();
    let papers = tempfile::tempdir().unwrap();
    std::fs::write(papers.path().join("cong-van.docx"), b"PK\x03\x04").unwrap();
    std::fs::write(papers.path().join("scan.pdf"), b"%PDF-1.4").unwrap();
    for (dir, holds_vi, holds_en) in [
        (empty.path(), "(thư mục trống)", "(the folder is empty)"),
        (
            papers.path(),
            "(chỉ có cong-van.docx, scan.pdf)",
            "(only cong-van.docx, scan.pdf)",
        ),
    ] {
        for (command, period) in [("consolidate", "2020-Q1"), ("annex", "2020-Q2")] {
            for lang in ["vi", "en"] {
                let tmp = tempfile::tempdir().unwrap();
                let out = tmp.path().join("out");
                let run = tonghop()
                    .arg(command)
                    .arg(dir)
                    .args(["--period", period, "--lang", lang, "--out"])
                    .arg(&out)
                    .assert();
                let output = run.get_output();
                assert_eq!(output.status.code(), Some(2), "{command} {lang}");
                let stderr = String::from_utf8_lossy(&output.stderr).to_string();
                let d = dir.display();
                let expected = if lang == "vi" {
                    format!("tonghop: không có bảng tính nào trong {d} {holds_vi}\n  cách xử lý: Hãy chọn thư mục chứa các tệp .xlsx, .xls hoặc .ods nhận được.\n")
                } else {
                    format!("tonghop: no spreadsheet in {d} {holds_en}\n  help: Choose the folder that holds the .xlsx, .xls or .ods files received.\n")
                };
                assert_eq!(stderr, expected, "{command} {lang}");
                assert!(output.stdout.is_empty(), "{command} {lang}");
                assert!(!out.exists(), "{command} {lang}: nothing is written");
            }
        }
    }
}

/// A generated batch of wards, each with its own routine tasks ("Ra quân
/// lập lại trật tự lòng lề đường, vỉa hè (trên địa bàn Phường 3)", with
/// its own "Ban Chỉ huy Quân sự phường"): two wards' routines are not
/// duplicates, and a ward's own bodies are not unknown agencies. At 300
/// wards (3127 tasks) this once gave 817 warnings and took minutes; see
/// the README.
#[test]
fn a_batch_of_wards_routine_tasks_gives_no_finding() {
    let tmp = tempfile::tempdir().unwrap();
    let batch = tmp.path().join("batch");
    tonghop()
        .args(["samples", "--units", "24", "--period", "2020-Q2", "--out"])
        .arg(&batch)
        .assert()
        .success();
    // The tasks are the next quarter's programme.
    let annex = |dir: &std::path::Path, out: &std::path::Path| {
        tonghop()
            .arg("annex")
            .arg(dir)
            .args(["--period", "2020-Q3", "--template"])
            .arg(batch.join("template"))
            .arg("--out")
            .arg(out)
            .output()
            .unwrap()
    };
    let out = tmp.path().join("out");
    let run = annex(&batch.join("submissions"), &out);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let findings = task_findings(&out.join("errors.json"));
    assert!(
        findings.is_empty(),
        "{:#?}",
        &findings[..findings.len().min(5)]
    );
    let rows = read_sheet(&out.join("phu-luc.xlsx"), "Phụ lục");
    let tasks = rows
        .iter()
        .skip(4)
        .filter(|r| r[0].parse::<u32>().is_ok())
        .count();
    assert!(tasks >= 24 * 8, "{tasks}");
    // A ward that sends its table twice (under another name) sent one
    // programme: one warning naming the copy used, every task printed
    // once, and no task-duplicate (it was one error per task).
    let again = tmp.path().join("again");
    std::fs::create_dir(&again).unwrap();
    for entry in std::fs::read_dir(batch.join("submissions")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, again.join(path.file_name().unwrap())).unwrap();
    }
    let first = batch.join("submissions").join("w00001-phuong-1.xlsx");
    std::fs::copy(&first, again.join("z-phuong-1-gui-lai.xlsx")).unwrap();
    let out2 = tmp.path().join("out2");
    let run = annex(&again, &out2);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let findings = task_findings(&out2.join("errors.json"));
    let got: Vec<[&str; 5]> = findings
        .iter()
        .map(|f| ["severity", "code", "file", "expected", "actual"].map(|k| f[k].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [[
            "warning",
            "submission-duplicate",
            "w00001-phuong-1.xlsx",
            "z-phuong-1-gui-lai.xlsx",
            "w00001-phuong-1.xlsx"
        ]],
        "{findings:#?}"
    );
    let again_rows = read_sheet(&out2.join("phu-luc.xlsx"), "Phụ lục");
    let again_tasks = again_rows
        .iter()
        .skip(4)
        .filter(|r| r[0].parse::<u32>().is_ok())
        .count();
    assert_eq!(again_tasks, tasks);
}

#[test]
fn a_status_column_a_signature_block_and_clerks_deadline_forms_are_read() {
    // The 2025-Q4 tester's layout: a status column "Kết quả/Tiến độ"
    // right of "Thời gian hoàn thành" (it was taken as the deadline: every
    // status a deadline-invalid error), deadlines without a year, a range,
    // "12/2025" typed and turned by Excel into a date shown "Dec-25", and a
    // signature block with the title in the deadline column (a blank task
    // with agency-missing and deadline-invalid «TRƯỞNG PHÒNG»).
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "PHÒNG NỘI VỤ").unwrap();
    let header = [
        "STT",
        "Nội dung nhiệm vụ",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời gian hoàn thành",
        "Kết quả/Tiến độ",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let tasks = [
        (
            "Thẩm định đề án vị trí việc làm",
            "Trước ngày 15/12",
            "Đã hoàn thành",
        ),
        (
            "Kiểm tra cải cách hành chính tại 05 phường",
            "15-20/12/2025",
            "Chưa thực hiện",
        ),
        ("Tổng kết công tác thi đua, khen thưởng", "", "HT"),
        (
            "Sơ kết bảo đảm trật tự an toàn giao thông",
            "31/11/2025",
            "Đang thực hiện",
        ),
        // Written twice in the department's own table.
        (
            "Thẩm định đề án vị trí việc làm.",
            "Trước ngày 15/12",
            "Đã hoàn thành",
        ),
    ];
    for (k, (content, deadline, status)) in tasks.iter().enumerate() {
        let r = 3 + k as u32;
        ws.write_number(r, 0, k as f64 + 1.0).unwrap();
        ws.write_string(r, 1, *content).unwrap();
        ws.write_string(r, 2, "Phòng Nội vụ").unwrap();
        if !deadline.is_empty() {
            ws.write_string(r, 4, *deadline).unwrap();
        }
        ws.write_string(r, 5, *status).unwrap();
    }
    let month = rust_xlsxwriter::Format::new().set_num_format("mmm-yy");
    let dec = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 12, 1).unwrap();
    ws.write_datetime_with_format(5, 4, &dec, &month).unwrap();
    ws.write_string(9, 0, "Nơi nhận:").unwrap();
    ws.write_string(9, 4, "TRƯỞNG PHÒNG").unwrap();
    ws.write_string(10, 0, "- Lưu: VT.").unwrap();
    ws.write_string(12, 4, "Nguyễn Văn A").unwrap();
    wb.save(dir.path().join("pnv.xlsx")).unwrap();

    let out = tempfile::tempdir().unwrap();
    let run = tonghop()
        .arg("annex")
        .arg(dir.path())
        .args(["--period", "2025-Q4", "--out"])
        .arg(out.path())
        .assert();
    let code = run.get_output().status.code().unwrap();
    let found: Vec<[String; 4]> = task_findings(&out.path().join("errors.json"))
        .iter()
        .map(|f| ["severity", "code", "cell", "actual"].map(|k| f[k].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        found,
        [
            finding("error", "deadline-invalid", "E7", "31/11/2025"),
            finding("error", "task-duplicate", "B8", "pnv.xlsx › Sheet1 › B8"),
        ]
    );
    assert_eq!(code, 1);
    // The day that does not exist is said so; a task written twice in one
    // table is no matter of two lead agencies.
    let messages: Vec<String> = task_findings(&out.path().join("errors.json"))
        .iter()
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert!(
        messages[0].contains("ghi một ngày không có: tháng 11/2025 chỉ có 30 ngày"),
        "{}",
        messages[0]
    );
    assert!(
        messages[1].contains("được ghi hai lần trong cùng một bảng")
            && !messages[1].contains("cơ quan chủ trì"),
        "{}",
        messages[1]
    );
    let rows = read_sheet(&out.path().join("phu-luc.xlsx"), "Phụ lục");
    let printed: Vec<(String, String)> = rows
        .iter()
        .filter(|r| r.first().is_some_and(|tt| tt.parse::<u32>().is_ok()))
        .map(|r| (r[1].clone(), r[2].clone()))
        .collect();
    let want = [
        ("Thẩm định đề án vị trí việc làm", "Trước ngày 15/12"),
        (
            "Kiểm tra cải cách hành chính tại 05 phường",
            "15-20/12/2025",
        ),
        ("Tổng kết công tác thi đua, khen thưởng", "Tháng 12/2025"),
        ("Sơ kết bảo đảm trật tự an toàn giao thông", "31/11/2025"),
    ]
    .map(|(a, b)| (a.to_string(), b.to_string()));
    assert_eq!(printed, want);
}

/// Runs `annex` on a folder with the province's template for 2026-Q1;
/// the output folder, the exit code and the findings as (severity, code,
/// sheet, cell, actual, unit, expected, message).
fn run_province_q1(dir: &std::path::Path) -> (tempfile::TempDir, i32, Vec<serde_json::Value>) {
    let out = tempfile::tempdir().unwrap();
    let run = tonghop()
        .arg("annex")
        .arg(dir)
        .args(["--period", "2026-Q1", "--lang", "vi", "--template"])
        .arg(repo().join("templates/province"))
        .arg("--out")
        .arg(out.path())
        .assert();
    let code = run.get_output().status.code().unwrap();
    let found = task_findings(&out.path().join("errors.json"));
    (out, code, found)
}

/// The (content, lead, coordinators) of the annex's task rows.
pub(crate) fn annex_tasks(out: &std::path::Path) -> Vec<[String; 3]> {
    read_sheet(&out.join("phu-luc.xlsx"), "Phụ lục")
        .into_iter()
        .skip(4)
        .filter(|r| r.first().is_some_and(|c| c.parse::<f64>().is_ok()))
        .map(|r| [r[1].clone(), r[3].clone(), r[4].clone()])
        .collect()
}

#[test]
fn a_unit_in_brackets_is_its_agency_and_only_a_sure_agency_is_suggested() {
    let dir = tempfile::tempdir().unwrap();
    write_task_table(
        dir.path(),
        "STC - nhiem vu Q1-2026.xlsx",
        "SỞ TÀI CHÍNH - CHƯƠNG TRÌNH CÔNG TÁC QUÝ I/2026",
        &[
            vec![
                "1",
                "Xét khen thưởng tập thể, cá nhân năm 2025",
                "Tháng 1/2026",
                "Sở Nội vụ (Ban Thi đua - Khen thưởng)",
                "CAT (PC03), Sở Y tế (Chi cục ATVSTP)",
            ],
            vec![
                "2",
                "Kiểm tra an toàn giao thông dịp Tết",
                "Tháng 2/2026",
                "Công an tỉnh (Phòng CSGT)",
                "",
            ],
            vec![
                "3",
                "Rà soát hộ nghèo, hộ cận nghèo",
                "Quý I/2026",
                "UBND xã Tân Phú",
                "",
            ],
            vec![
                "4",
                "Triển khai nền tảng số dùng chung",
                "Quý I/2026",
                "Sở Tài chính (Phòng Ngân sách)",
                "Trung tâm Chuyển đổi số tỉnh",
            ],
            vec![
                "5",
                "Thẩm định giá đất cụ thể",
                "Quý I/2026",
                "Sở Tư Phap tỉnh",
                "",
            ],
        ],
        &[],
    );
    let (out, code, found) = run_province_q1(dir.path());
    // No unit in brackets is an error; the one office the registry lacks
    // is a warning without a suggestion; a slip in a name is suggested.
    assert_eq!(code, 1);
    let got: Vec<[&str; 4]> = found
        .iter()
        .map(|f| ["severity", "cell", "actual", "expected"].map(|k| f[k].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ["warning", "E7", "Trung tâm Chuyển đổi số tỉnh", ""],
            ["error", "D8", "Sở Tư Phap tỉnh", "Sở Tư pháp"],
        ]
    );
    let none = found[0]["message"].as_str().unwrap();
    assert!(
        none.contains("không gần giống cơ quan nào") && none.contains("agencies.csv"),
        "{none}"
    );
    assert!(!none.contains("có phải"), "{none}");
    assert!(found[1]["message"]
        .as_str()
        .unwrap()
        .contains("có phải «Sở Tư pháp»"));
    let tasks = annex_tasks(out.path());
    let agencies: Vec<[&str; 2]> = tasks
        .iter()
        .map(|t| [t[1].as_str(), t[2].as_str()])
        .collect();
    assert_eq!(
        agencies,
        [
            [
                "Sở Nội vụ (Ban Thi đua - Khen thưởng)",
                "Công an tỉnh (PC03), Sở Y tế (Chi cục ATVSTP)"
            ],
            ["Công an tỉnh (Phòng CSGT)", ""],
            ["UBND xã Tân Phú", ""],
            [
                "Sở Tài chính (Phòng Ngân sách)",
                "Trung tâm Chuyển đổi số tỉnh"
            ],
            ["Sở Tư Phap tỉnh", ""],
        ]
    );
}

/// A minimal Word document: a title paragraph, then one table of `rows`.
fn write_docx(path: &std::path::Path, title: &str, rows: &[Vec<&str>]) {
    write_word(path, &[title], rows);
}

/// A minimal Word document: `paragraphs`, then one table of `rows`.
fn write_word(path: &std::path::Path, paragraphs: &[&str], rows: &[Vec<&str>]) {
    use std::io::Write;
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let cell = |s: &str| format!("<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>", esc(s));
    let table: String = if rows.is_empty() {
        String::new()
    } else {
        let body: String = rows
            .iter()
            .map(|r| {
                format!(
                    "<w:tr>{}</w:tr>",
                    r.iter().map(|c| cell(c)).collect::<String>()
                )
            })
            .collect();
        format!("<w:tbl>{body}</w:tbl>")
    };
    let above: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", esc(p)))
        .collect();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{above}{table}<w:sectPr/></w:body></w:document>"#
    );
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    z.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    z.write_all(xml.as_bytes()).unwrap();
    z.finish().unwrap();
}

#[test]
fn last_quarters_results_are_set_aside_and_a_word_task_table_is_read() {
    let dir = tempfile::tempdir().unwrap();
    // One workbook: last quarter's results, then this quarter's programme.
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (sheet, title, last, rows) in [
        (
            "KQ quý IV-2025",
            "KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ IV/2025",
            "Kết quả thực hiện",
            [
                [
                    "1",
                    "Thẩm định 05 đồ án quy hoạch phân khu",
                    "Quý IV/2025",
                    "STC",
                    "Đã hoàn thành 4/5",
                ],
                [
                    "2",
                    "Tổng kiểm tra trật tự xây dựng năm 2025",
                    "Tháng 11/2025",
                    "STC",
                    "Đã hoàn thành",
                ],
            ],
        ),
        (
            "CT quý I-2026",
            "CHƯƠNG TRÌNH CÔNG TÁC QUÝ I/2026",
            "Cơ quan phối hợp",
            [
                [
                    "1",
                    "Thẩm định đồ án quy hoạch phân khu còn lại",
                    "Tháng 2/2026",
                    "STC",
                    "",
                ],
                [
                    "2",
                    "Công khai dự toán ngân sách năm 2026",
                    "Quý I/2026",
                    "STC",
                    "",
                ],
            ],
        ),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        ws.write_string(0, 0, "SỞ TÀI CHÍNH").unwrap();
        ws.write_string(1, 0, title).unwrap();
        for (c, h) in [
            "TT",
            "Nội dung nhiệm vụ",
            "Thời hạn",
            "Cơ quan chủ trì",
            last,
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(3, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
                ws.write_string(4 + r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(dir.path().join("STC_KQ Q4-2025 va CT Q1-2026.xlsx"))
        .unwrap();
    // A Word document with the Sở Tư pháp's programme, and a cover letter.
    write_docx(
        &dir.path().join("STP - Nhiem vu Q1-2026.docx"),
        "CHƯƠNG TRÌNH CÔNG TÁC QUÝ I/2026",
        &[
            vec!["TT", "Nội dung", "Tiến độ", "Chủ trì", "Phối hợp"],
            vec![
                "1",
                "Rà soát văn bản quy phạm pháp luật của tỉnh",
                "Quý I/2026",
                "STP",
                "Sở Nội vụ",
            ],
            vec![
                "2",
                "Tổng kết công tác pháp chế năm 2025",
                "Tháng 12/2025",
                "STP",
                "",
            ],
        ],
    );
    write_docx(
        &dir.path().join("Cong van STC.docx"),
        "Kính gửi: Văn phòng UBND tỉnh",
        &[],
    );
    let (out, code, found) = run_province_q1(dir.path());
    let got: Vec<[&str; 6]> = found
        .iter()
        .map(|f| {
            ["severity", "code", "unit", "sheet", "cell", "actual"].map(|k| f[k].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        got,
        [
            [
                "info",
                "file-skipped",
                "STC",
                "",
                "",
                "văn bản Word không có bảng nhiệm vụ, không phải bảng tính"
            ],
            [
                "info",
                "period-mismatch",
                "STC",
                "KQ quý IV-2025",
                "A2",
                "KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ IV/2025"
            ],
            // The Word table's cells as a sheet's: row 3, column C.
            [
                "error",
                "deadline-out-of-period",
                "STP",
                "Bảng 1",
                "C3",
                "Tháng 12/2025"
            ],
        ],
        "{found:#?}"
    );
    assert_eq!(code, 1);
    let aside = found[1]["message"].as_str().unwrap();
    assert!(
        aside.contains("báo cáo kết quả thực hiện Quý IV/2025")
            && aside.contains("«CT quý I-2026»"),
        "{aside}"
    );
    let contents: Vec<String> = annex_tasks(out.path())
        .into_iter()
        .map(|t| t[0].clone())
        .collect();
    assert_eq!(
        contents,
        [
            "Thẩm định đồ án quy hoạch phân khu còn lại",
            "Công khai dự toán ngân sách năm 2026",
            "Rà soát văn bản quy phạm pháp luật của tỉnh",
            "Tổng kết công tác pháp chế năm 2025",
        ]
    );

    // Near miss: the results sheet alone in its workbook is read, its
    // deadlines saying what is wrong; nothing is set aside in silence.
    let alone = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("KQ quý IV-2025").unwrap();
    ws.write_string(1, 0, "KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ IV/2025")
        .unwrap();
    for (c, h) in [
        "TT",
        "Nội dung nhiệm vụ",
        "Thời hạn",
        "Cơ quan chủ trì",
        "Kết quả thực hiện",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    for (c, v) in [
        "1",
        "Tổng kiểm tra trật tự xây dựng năm 2025",
        "Tháng 11/2025",
        "STC",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(4, c as u16, *v).unwrap();
    }
    wb.save(alone.path().join("STC.xlsx")).unwrap();
    let (_, _, found) = run_province_q1(alone.path());
    let codes: Vec<&str> = found.iter().map(|f| f["code"].as_str().unwrap()).collect();
    // Its only title names the fourth quarter: the run says once that
    // --period may be wrong, and the task is judged against 2026-Q1.
    assert_eq!(codes, ["period-mismatch", "deadline-out-of-period"]);
    assert_eq!(found[0]["severity"], "warning");
}

/// Runs `annex` on a folder for `period`; the exit code and the findings
/// as (severity, code, cell, actual, message).
fn run_annex(dir: &std::path::Path, period: &str) -> (i32, Vec<[String; 5]>) {
    let out = tempfile::tempdir().unwrap();
    let run = tonghop()
        .arg("annex")
        .arg(dir)
        .args(["--period", period, "--out"])
        .arg(out.path())
        .assert();
    let code = run.get_output().status.code().unwrap();
    let found = task_findings(&out.path().join("errors.json"))
        .iter()
        .map(|f| {
            ["severity", "code", "cell", "actual", "message"]
                .map(|k| f[k].as_str().unwrap().to_string())
        })
        .collect();
    (code, found)
}

#[test]
fn tet_new_year_ranges_and_noted_deadlines_are_read_against_the_programmes_quarter() {
    // The 2026-Q1 tester's programme (the Q4/2025 report's): Tết, ranges
    // across the new year and deadlines with words around them were each
    // a false deadline-invalid error; "Trước ngày 20/12" was December 2026
    // (a warning) where it is the December just passed.
    let dir = tempfile::tempdir().unwrap();
    let deadlines = [
        "Trước Tết Nguyên đán",
        "Dịp Tết Nguyên đán Bính Ngọ 2026",
        "Trước Tết Nguyên đán Bính Ngọ",
        "Tháng 12/2025 - 01/2026",
        "Tháng 12/2025 đến tháng 01/2026",
        "Quý IV/2025 - Quý I/2026",
        "Trong quý I/2026",
        "Quý I/2026 (trước Tết Nguyên đán)",
        "Tháng 1/2026 và thường xuyên",
        "Ngày 03/02/2026 (Kỷ niệm 96 năm thành lập Đảng)",
        "Cao điểm từ 15/12/2025 đến 28/02/2026",
        "Đầu năm 2026",
        "Từ 15/12/2025 đến 15/01/2026",
        "Ngày 15/01",
        // Row 18: December just passed; row 19: before 1 January 2026;
        // row 20: no deadline at all.
        "Trước ngày 20/12",
        "Trước Tết Dương lịch 2026",
        "Sớm nhất có thể",
    ];
    let subjects = [
        "bình ổn giá",
        "thường trực cấp cứu",
        "quà Tết người có công",
        "khóa sổ kế toán",
        "quyết toán ngân sách",
        "giải ngân vốn đầu tư",
        "công khai dự toán",
        "phòng chống dịch",
        "cải cách hành chính",
        "kỷ niệm thành lập Đảng",
        "trấn áp tội phạm",
        "tuyển sinh đầu cấp",
        "khóa sổ ngân sách xã",
        "thi học sinh giỏi",
        "tổng kết thi đua",
        "pháo hoa đêm giao thừa",
        "kiểm tra an toàn thực phẩm",
    ];
    let contents: Vec<String> = subjects
        .iter()
        .map(|s| format!("Triển khai nhiệm vụ về {s} trên địa bàn"))
        .collect();
    let numbers: Vec<String> = (1..=deadlines.len()).map(|n| n.to_string()).collect();
    let rows: Vec<Vec<&str>> = deadlines
        .iter()
        .enumerate()
        .map(|(k, d)| {
            vec![
                numbers[k].as_str(),
                contents[k].as_str(),
                *d,
                "Phòng Tư pháp",
                "",
            ]
        })
        .collect();
    let title = "CHƯƠNG TRÌNH CÔNG TÁC TRỌNG TÂM QUÝ I NĂM 2026";
    write_task_table(dir.path(), "ptp.xlsx", title, &rows, &[]);

    let (code, found) = run_annex(dir.path(), "2026-Q1");
    let short: Vec<[&str; 4]> = found
        .iter()
        .map(|f| [f[0].as_str(), f[1].as_str(), f[2].as_str(), f[3].as_str()])
        .collect();
    assert_eq!(
        short,
        [
            ["error", "deadline-out-of-period", "C18", "Trước ngày 20/12"],
            [
                "error",
                "deadline-out-of-period",
                "C19",
                "Trước Tết Dương lịch 2026"
            ],
            ["error", "deadline-invalid", "C20", "Sớm nhất có thể"],
        ],
        "{found:?}"
    );
    assert_eq!(code, 1);
    // Each message says how the text was read; the examples lie inside
    // the period.
    assert!(
        found[0][4]
            .contains("(không ghi năm; hiểu là năm 2025, năm đặt thời hạn gần quý I/2026 nhất)")
            && found[0][4].contains("đã qua trước Quý I/2026"),
        "{}",
        found[0][4]
    );
    assert!(
        found[1][4].contains("(Tết Dương lịch 2026 là ngày 01/01/2026)"),
        "{}",
        found[1][4]
    );
    assert!(
        found[2][4].contains(
            "«Tháng 1/2026», «Quý I/2026», «6 tháng đầu năm 2026», «Cả năm 2026» hoặc «31/3/2026»"
        ),
        "{}",
        found[2][4]
    );

    // The same programme made with the report's quarter: the title names
    // another period, said once; a range from December starts inside the
    // fourth quarter; "Ngày 15/01" is next January.
    let (_, q4) = run_annex(dir.path(), "2025-Q4");
    let mismatch: Vec<&[String; 5]> = q4.iter().filter(|f| f[1] == "period-mismatch").collect();
    assert_eq!(mismatch.len(), 1, "{q4:?}");
    assert_eq!(
        [&mismatch[0][0], &mismatch[0][2], &mismatch[0][3]],
        ["warning", "A1", "Quý IV/2025"]
    );
    assert!(
        mismatch[0][4].contains("Tiêu đề bảng nhiệm vụ ghi Quý I/2026")
            && mismatch[0][4].contains("hãy chạy lại với --period 2026-Q1"),
        "{}",
        mismatch[0][4]
    );
    assert!(!q4.iter().any(|f| f[2] == "C16"), "{q4:?}");
    let jan = q4.iter().find(|f| f[2] == "C17").unwrap();
    assert_eq!([&jan[0], &jan[1]], ["warning", "deadline-out-of-period"]);
    assert!(jan[4].contains("hiểu là năm 2026"), "{}", jan[4]);
    // Near miss: a second table titled for the fourth quarter, and the
    // titles no longer agree on another period: no guess that --period
    // is wrong; the first quarter's table is now one department's table
    // of a later quarter beside the run's, left out as such.
    write_task_table(
        dir.path(),
        "pnv.xlsx",
        "NHIỆM VỤ TRỌNG TÂM QUÝ IV NĂM 2025",
        &[vec![
            "1",
            "Thẩm định đề án vị trí việc làm",
            "Tháng 12/2025",
            "Phòng Nội vụ",
            "",
        ]],
        &[],
    );
    let (_, mixed) = run_annex(dir.path(), "2025-Q4");
    let mismatch: Vec<[&str; 3]> = mixed
        .iter()
        .filter(|f| f[1] == "period-mismatch")
        .map(|f| [f[0].as_str(), f[2].as_str(), f[3].as_str()])
        .collect();
    assert_eq!(mismatch, [["error", "A1", "Quý I/2026"]], "{mixed:?}");
    assert!(
        mixed[0][4].contains("gửi bảng nhiệm vụ Quý I/2026, không phải Quý IV/2025")
            && mixed[0][4].contains("17 nhiệm vụ của tệp ptp.xlsx không được đưa vào phụ lục"),
        "{}",
        mixed[0][4]
    );
}

/// Runs `annex` for 2020-Q2; the exit code and the findings as
/// (severity, code, unit, file, cell, expected, actual).
fn run_q2(dir: &std::path::Path) -> (i32, Vec<[String; 7]>) {
    let out = tempfile::tempdir().unwrap();
    let run = tonghop()
        .arg("annex")
        .arg(dir)
        .args(["--period", "2020-Q2", "--out"])
        .arg(out.path())
        .assert();
    let code = run.get_output().status.code().unwrap();
    let found = task_findings(&out.path().join("errors.json"))
        .iter()
        .map(|f| {
            [
                "severity", "code", "unit", "file", "cell", "expected", "actual",
            ]
            .map(|k| f[k].as_str().unwrap().to_string())
        })
        .collect();
    (code, found)
}

#[test]
fn recurring_open_and_shortened_deadlines_and_a_centre_are_no_false_findings() {
    // The tester's Q2/2020 batch: P.KT's eight deadlines, each a clerk's
    // in-period wording, were deadline-invalid errors (the whole file
    // red), and "Trung tâm Văn hóa quận" was asked "có phải «Phòng
    // VH-TT»?".
    let dir = tempfile::tempdir().unwrap();
    let good = [
        "Định kỳ hàng tháng",
        "Trước ngày 25 hàng tháng",
        "Ngày 15 hàng tháng",
        "Từ tháng 4/2020",
        "Đến hết 30/6/2020",
        "Giữa tháng 5/2020",
        "Hoàn thành trong Quý II/2020",
        "QII/2020",
        "Q2/2020",
        "Từ 01/4/2020",
        "Từ nay đến 30/6/2020",
        "Thường xuyên, báo cáo định kỳ hằng tháng",
    ];
    // Near misses: no time named, a day June lacks, a start after the
    // period, an end before it.
    let bad = [
        "Sớm nhất có thể",
        "Đến hết 31/6/2020",
        "Từ tháng 9/2020",
        "Hoàn thành trong Quý I/2020",
    ];
    let contents = [
        "Kiểm tra, bình ổn giá cả thị trường các mặt hàng thiết yếu",
        "Báo cáo tình hình hoạt động của các chợ truyền thống",
        "Tổng hợp báo cáo tình hình thương mại gửi UBND quận",
        "Triển khai các gói hỗ trợ hộ kinh doanh gặp khó khăn",
        "Cập nhật danh sách hộ kinh doanh tạm ngưng hoạt động",
        "Tổ chức Hội nghị đối thoại doanh nghiệp",
        "Hoàn thành chỉnh trang Chợ Bàn Cờ",
        "Kiểm tra an toàn thực phẩm tại bếp ăn tập thể",
        "Rà soát điểm kinh doanh xăng dầu",
        "Thống kê cơ sở lưu trú du lịch",
        "Vận động tiểu thương tham gia bình ổn thị trường",
        "Theo dõi cung ứng hàng hóa trong mùa dịch",
        "Khảo sát nhu cầu vay vốn của hợp tác xã",
        "Sắp xếp lại các điểm bán hàng rong",
        "Chuẩn bị hội chợ hàng Việt cuối năm",
        "Tập huấn pháp luật thương mại điện tử",
    ];
    let numbers: Vec<String> = (1..=contents.len()).map(|k| k.to_string()).collect();
    let mut rows: Vec<Vec<&str>> = good
        .iter()
        .chain(bad.iter())
        .enumerate()
        .map(|(k, d)| vec![numbers[k].as_str(), contents[k], d, "P.KT", ""])
        .collect();
    // A centre is no department; a department's name with a slip is
    // still suggested.
    rows[0][4] = "Trung tâm Văn hóa quận";
    rows[1][4] = "Phòng Tài chánh - Kế hoạch";
    write_task_table(
        dir.path(),
        "P.KT - Chuong trinh QII.xlsx",
        "PHÒNG KINH TẾ",
        &rows,
        &[],
    );
    let (code, found) = run_q2(dir.path());
    let got: Vec<[&str; 5]> = found
        .iter()
        .map(|f| [&*f[0], &*f[1], &*f[4], &*f[5], &*f[6]])
        .collect();
    assert_eq!(
        got,
        [
            [
                "warning",
                "agency-unknown",
                "E4",
                "",
                "Trung tâm Văn hóa quận"
            ],
            [
                "warning",
                "agency-unknown",
                "E5",
                "Phòng TC-KH",
                "Phòng Tài chánh - Kế hoạch"
            ],
            ["error", "deadline-invalid", "C16", "", "Sớm nhất có thể"],
            ["error", "deadline-invalid", "C17", "", "Đến hết 31/6/2020"],
            [
                "warning",
                "deadline-out-of-period",
                "C18",
                "Quý II/2020",
                "Từ tháng 9/2020"
            ],
            [
                "error",
                "deadline-out-of-period",
                "C19",
                "Quý II/2020",
                "Hoàn thành trong Quý I/2020"
            ],
        ],
        "{found:#?}"
    );
    assert!(found.iter().all(|f| f[2] == "P.KT"), "{found:#?}");
    assert_eq!(code, 1);
}

#[test]
fn a_word_tables_department_is_its_letterhead_and_a_cover_letter_its_file_names() {
    // The tester's batch: the findings about "Tu phap - NV quy 2-2020.docx"
    // (letterhead "PHÒNG TƯ PHÁP") and about the cover letter "Cong van
    // gui kem - TNMT.docx" had an empty unit.
    let dir = tempfile::tempdir().unwrap();
    let header = vec!["TT", "Nội dung", "Thời gian hoàn thành", "Cơ quan chủ trì"];
    let title = "CHƯƠNG TRÌNH CÔNG TÁC TRỌNG TÂM QUÝ II NĂM 2020";
    write_word(
        &dir.path().join("Tu phap - NV quy 2-2020.docx"),
        &["UBND QUẬN 3", "PHÒNG TƯ PHÁP", title],
        &[
            header.clone(),
            vec![
                "1",
                "Rà soát, hệ thống hóa văn bản quy phạm pháp luật năm 2019",
                "Quý I/2020",
                "P.TP",
            ],
        ],
    );
    // Near misses: the recipient a letter is addressed to is not its
    // sender; with no letterhead, the file name names it.
    write_word(
        &dir.path().join("Nhiem vu quy II.docx"),
        &["Kính gửi: Văn phòng HĐND và UBND quận", title],
        &[
            header.clone(),
            vec![
                "1",
                "Kiểm tra công tác chứng thực tại phường",
                "Quý I/2020",
                "P.TP",
            ],
        ],
    );
    write_word(
        &dir.path().join("P.TNMT - Nhiem vu.docx"),
        &[title],
        &[
            header.clone(),
            vec![
                "1",
                "Thu hồi đất dự án mở rộng đường",
                "Quý I/2020",
                "P.TNMT",
            ],
        ],
    );
    // A clean workbook: a folder of Word documents alone holds no
    // spreadsheet.
    write_task_table(
        dir.path(),
        "P.KT.xlsx",
        "PHÒNG KINH TẾ",
        &[vec![
            "1",
            "Kiểm tra giá cả thị trường",
            "Quý II/2020",
            "P.KT",
            "",
        ]],
        &[],
    );
    write_word(
        &dir.path().join("Cong van gui kem - TNMT.docx"),
        &[
            "Kính gửi: Văn phòng HĐND và UBND quận",
            "Phòng Tài nguyên và Môi trường gửi kèm chương trình công tác quý II/2020.",
        ],
        &[],
    );
    let (code, found) = run_q2(dir.path());
    let got: Vec<[&str; 4]> = found
        .iter()
        .map(|f| [&*f[1], &*f[2], &*f[3], &*f[4]])
        .collect();
    assert_eq!(
        got,
        [
            ["file-skipped", "P.TNMT", "Cong van gui kem - TNMT.docx", ""],
            ["deadline-out-of-period", "", "Nhiem vu quy II.docx", "C2"],
            [
                "deadline-out-of-period",
                "P.TNMT",
                "P.TNMT - Nhiem vu.docx",
                "C2"
            ],
            [
                "deadline-out-of-period",
                "P.TP",
                "Tu phap - NV quy 2-2020.docx",
                "C2"
            ],
        ],
        "{found:#?}"
    );
    assert_eq!(code, 1);
}

/// Regression (tester BT): `bao-cao-phuong-17.xlsx`, headed "UBND PHƯỜNG
/// 17" (a ward the registry lacks) on its figures' sheet, held a copy of
/// Phường 16's task table. The annex said nothing of the sender, kept the
/// copy, dropped Phường 16's own tasks and gave one `task-duplicate`
/// error per task against it. As `consolidate` does, a sender the
/// registry lacks is `file-unknown-unit`, once, and its tasks are left
/// out: Phường 16's own are printed, no duplicate told. Near misses: two
/// departments claiming one task are still the error; a file headed by a
/// registered ward, and one naming no sender at all, keep their tasks.
#[test]
fn an_unknown_senders_copy_is_left_out_and_the_wards_own_tasks_kept() {
    let dir = tempfile::tempdir().unwrap();
    let p16: Vec<Vec<&str>> = vec![
        vec![
            "1",
            "Duy trì hoạt động của Tổ công tác đường dây nóng",
            "Tháng 9/2020",
            "UBND Phường 16",
            "",
        ],
        vec![
            "2",
            "Ra quân lập lại trật tự lòng lề đường, vỉa hè",
            "Tháng 7/2020",
            "UBND Phường 16",
            "",
        ],
    ];
    write_task_table(
        dir.path(),
        "p16-phuong-16.xlsx",
        "UBND PHƯỜNG 16",
        &p16,
        &[],
    );
    // The copy: the letterhead on the figures' sheet, none on the tasks'.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let figures = wb.add_worksheet().set_name("Biểu 1").unwrap();
    figures.write_string(0, 0, "UBND PHƯỜNG 17").unwrap();
    figures
        .write_string(0, 4, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        .unwrap();
    figures
        .write_string(3, 0, "BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ II/2020")
        .unwrap();
    let tasks = wb.add_worksheet().set_name("Nhiệm vụ").unwrap();
    tasks
        .write_string(0, 0, "CHƯƠNG TRÌNH CÔNG TÁC TRỌNG TÂM QUÝ III/2020")
        .unwrap();
    let header = [
        "TT",
        "Nội dung",
        "Tiến độ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
    ];
    for (c, h) in header.iter().enumerate() {
        tasks.write_string(2, c as u16, *h).unwrap();
    }
    for (k, row) in p16.iter().enumerate() {
        for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            tasks.write_string(3 + k as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(dir.path().join("bao-cao-phuong-17.xlsx")).unwrap();
    // Near misses.
    let shared = "Kiểm tra công tác bảo vệ môi trường tại các công trình xây dựng";
    write_task_table(
        dir.path(),
        "phong-kinh-te.xlsx",
        "PHÒNG KINH TẾ",
        &[vec!["1", shared, "Tháng 9/2020", "Phòng Kinh tế", ""]],
        &[],
    );
    write_task_table(
        dir.path(),
        "p-qldt.xlsx",
        "PHÒNG QUẢN LÝ ĐÔ THỊ",
        &[vec!["1", shared, "Tháng 8/2020", "P.QLĐT", ""]],
        &[],
    );
    write_task_table(
        dir.path(),
        "bc-quy-3.xlsx",
        "UBND PHƯỜNG 5",
        &[vec![
            "1",
            "Vận động nhân dân đóng góp Quỹ Vì người nghèo",
            "Quý III/2020",
            "UBND Phường 5",
            "",
        ]],
        &[],
    );
    write_task_table(
        dir.path(),
        "nhiem-vu.xlsx",
        "CHƯƠNG TRÌNH CÔNG TÁC TRỌNG TÂM QUÝ III/2020",
        &[vec![
            "1",
            "Phổ biến, giáo dục pháp luật cho người dân",
            "Tháng 8/2020",
            "Phòng Tư pháp",
            "",
        ]],
        &[],
    );
    let (out, code, found) = run_q3(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        found,
        [
            finding("error", "file-unknown-unit", "A1", "UBND PHƯỜNG 17"),
            finding(
                "error",
                "task-duplicate",
                "B4",
                "phong-kinh-te.xlsx › Sheet1 › B4"
            ),
        ]
    );
    let all = task_findings(&out.path().join("errors.json"));
    let unknown = all
        .iter()
        .find(|f| f["code"] == "file-unknown-unit")
        .unwrap();
    assert_eq!(
        [&unknown["file"], &unknown["sheet"], &unknown["unit"]],
        ["bao-cao-phuong-17.xlsx", "Biểu 1", ""]
    );
    assert_eq!(
        unknown["message"],
        "Tệp bao-cao-phuong-17.xlsx ghi đơn vị gửi là «UBND PHƯỜNG 17», không có trong danh sách đơn vị: 2 nhiệm vụ của tệp không được đưa vào phụ lục, cũng không được so trùng với nhiệm vụ của đơn vị khác. Hãy hỏi ai đã gửi tệp; nếu là đơn vị mới, hãy bổ sung vào danh sách (tiêu đề như «UBND PHƯỜNG 1»)."
    );
    let printed: Vec<String> = annex_tasks(out.path())
        .into_iter()
        .map(|[content, lead, _]| format!("{content} | {lead}"))
        .collect();
    assert_eq!(
        printed,
        [
            "Kiểm tra công tác bảo vệ môi trường tại các công trình xây dựng | Phòng QLĐT",
            "Phổ biến, giáo dục pháp luật cho người dân | Phòng Tư pháp",
            "Vận động nhân dân đóng góp Quỹ Vì người nghèo | UBND Phường 5",
            "Duy trì hoạt động của Tổ công tác đường dây nóng | UBND Phường 16",
            "Ra quân lập lại trật tự lòng lề đường, vỉa hè | UBND Phường 16",
        ]
    );
}

/// Tester CA's "QLDT … (co bo sung).xlsx" and Phòng Y tế's probe: a task
/// inserted under another, the lead and coordinating cells merged down
/// over both (D6:D7, E6:E7), and a deadline, lead and coordinators
/// merged over three rows (C10:C12 …). A merged cell's value belongs to
/// every row it spans: no `agency-missing`, each task printed with its
/// agencies and deadline. A row without a number under the merge still
/// continues the task above; a lead cell left empty, not merged, is still
/// `agency-missing`.
#[test]
fn a_lead_merged_over_several_tasks_is_the_lead_of_each() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let plain = rust_xlsxwriter::Format::new();
    ws.write_string(0, 0, "PHÒNG QUẢN LÝ ĐÔ THỊ").unwrap();
    let header = [
        "TT",
        "Nội dung",
        "Tiến độ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let text = |ws: &mut rust_xlsxwriter::Worksheet, cell: &str, t: &str| {
        let (r, c) = cell_at(cell);
        ws.write_string(r, c, t).unwrap();
    };
    let merge = |ws: &mut rust_xlsxwriter::Worksheet, from: &str, to: &str, t: &str| {
        let ((r0, c0), (r1, c1)) = (cell_at(from), cell_at(to));
        ws.merge_range(r0, c0, r1, c1, t, &plain).unwrap();
    };
    merge(
        ws,
        "A4",
        "E4",
        "II. LĨNH VỰC ĐÔ THỊ, TÀI NGUYÊN - MÔI TRƯỜNG VÀ ĐẦU TƯ XÂY DỰNG",
    );
    for (cell, t) in [
        ("A5", "1"),
        ("B5", "Rà soát, lập danh mục các tuyến hẻm cần nâng cấp"),
        ("C5", "Tháng 8/2020"),
        ("D5", "P.QLĐT"),
        ("E5", "UBND các phường"),
        ("A6", "2"),
        ("B6", "Kiểm tra, xử lý lấn chiếm vỉa hè đường Lạc Long Quân"),
        ("C6", "Quý III/2020"),
        // Row 7: the task inserted, its agencies those merged over it.
        ("A7", "3"),
        (
            "B7",
            "Xử lý dứt điểm công trình sai phép tại số 125 Lạc Long Quân",
        ),
        ("C7", "Quý IV/2020"),
        // Row 8: the near miss, a lead cell left empty.
        ("A8", "4"),
        ("B8", "Lắp đặt bổ sung đèn chiếu sáng công cộng tại các hẻm"),
        ("C8", "30/9/2020"),
        ("E8", "UBND các phường"),
        ("A10", "1"),
        (
            "B10",
            "Kiểm tra an toàn thực phẩm các cơ sở sản xuất bánh trung thu",
        ),
        // Row 11: no number, no field of its own: the content goes on.
        ("B11", "và các cơ sở kinh doanh thức ăn đường phố."),
        // Row 12: a number and nothing of its own but the content.
        ("A12", "2"),
        (
            "B12",
            "Kiểm tra điều kiện an toàn thực phẩm bếp ăn tập thể trường học",
        ),
    ] {
        text(ws, cell, t);
    }
    merge(ws, "D6", "D7", "Phòng QLĐT");
    merge(ws, "E6", "E7", "CAQ, UBND P 9");
    merge(ws, "A9", "E9", "III. LĨNH VỰC VĂN HÓA - XÃ HỘI");
    merge(ws, "C10", "C12", "Tháng 9/2020");
    merge(ws, "D10", "D12", "Phòng Y tế");
    merge(ws, "E10", "E12", "TTYT, P.KT");
    wb.save(dir.path().join("QLDT - CTCT quy 3-2020 (co bo sung).xlsx"))
        .unwrap();

    let (out, code, found) = run_q3(dir.path());
    assert_eq!(
        found,
        [
            finding("warning", "deadline-out-of-period", "C7", "Quý IV/2020"),
            finding("error", "agency-missing", "D8", ""),
        ]
    );
    assert_eq!(code, 1);
    let rows = read_sheet(&out.path().join("phu-luc.xlsx"), "Phụ lục");
    let shown: Vec<[String; 5]> = rows
        .iter()
        .skip(4)
        .map(|r| std::array::from_fn(|c| r.get(c).cloned().unwrap_or_default()))
        .collect();
    let row = |a: &str, b: &str, c: &str, d: &str, e: &str| [a, b, c, d, e].map(String::from);
    assert_eq!(
        shown,
        [
            row("I", "QUẢN LÝ ĐÔ THỊ - ĐẦU TƯ XÂY DỰNG CƠ BẢN", "", "", ""),
            row(
                "1",
                "Rà soát, lập danh mục các tuyến hẻm cần nâng cấp",
                "Tháng 8/2020",
                "Phòng QLĐT",
                "UBND 16 phường"
            ),
            row(
                "2",
                "Kiểm tra, xử lý lấn chiếm vỉa hè đường Lạc Long Quân",
                "Quý III/2020",
                "Phòng QLĐT",
                "Công an quận, UBND Phường 9"
            ),
            row(
                "3",
                "Xử lý dứt điểm công trình sai phép tại số 125 Lạc Long Quân",
                "Quý IV/2020",
                "Phòng QLĐT",
                "Công an quận, UBND Phường 9"
            ),
            row(
                "4",
                "Lắp đặt bổ sung đèn chiếu sáng công cộng tại các hẻm",
                "30/9/2020",
                "",
                "UBND 16 phường"
            ),
            row("II", "VĂN HÓA - XÃ HỘI", "", "", ""),
            row(
                "1",
                "Kiểm tra an toàn thực phẩm các cơ sở sản xuất bánh trung thu\nvà các cơ sở kinh doanh thức ăn đường phố.",
                "Tháng 9/2020",
                "Phòng Y tế",
                "Trung tâm Y tế quận, Phòng Kinh tế"
            ),
            row(
                "2",
                "Kiểm tra điều kiện an toàn thực phẩm bếp ăn tập thể trường học",
                "Tháng 9/2020",
                "Phòng Y tế",
                "Trung tâm Y tế quận, Phòng Kinh tế"
            ),
        ]
    );
}

/// A cell name ("D12") as 0-based (row, column).
fn cell_at(name: &str) -> (u32, u16) {
    let letters: String = name.chars().take_while(char::is_ascii_uppercase).collect();
    let col = letters
        .bytes()
        .fold(0u16, |n, b| n * 26 + u16::from(b - b'A' + 1))
        - 1;
    let row: u32 = name[letters.len()..].parse().unwrap();
    (row - 1, col)
}

/// Tester CA's annex: Nội vụ's heading "V. CẢI CÁCH HÀNH CHÍNH, XÂY DỰNG
/// CHÍNH QUYỀN" printed under "V CẢI CÁCH HÀNH CHÍNH" as a sub-heading, the
/// section twice; and "Trước ngày 15/10/2020" in a Q3 programme said to
/// start after the quarter. A heading holding every word of its section's
/// title is that section; a task due after the quarter falls due after
/// it, and only a deadline that runs on from a start starts after it.
#[test]
fn a_section_under_a_longer_name_is_printed_once_and_a_late_deadline_falls_due_after() {
    let dir = tempfile::tempdir().unwrap();
    write_task_table(
        dir.path(),
        "Phong Noi vu - CTCT quy III-2020.xlsx",
        "PHÒNG NỘI VỤ",
        &[
            vec!["V. CẢI CÁCH HÀNH CHÍNH, XÂY DỰNG CHÍNH QUYỀN"],
            vec![
                "1",
                "Khảo sát mức độ hài lòng của người dân đối với dịch vụ hành chính công",
                "Tháng 9/2020",
                "Phòng Nội vụ",
                "UBND các phường",
            ],
            vec![
                "2",
                "Tổng kết 5 năm thi hành Luật Hòa giải ở cơ sở",
                "Trước ngày 15/10/2020",
                "Phòng Nội vụ",
                "",
            ],
            // Row 7, the near miss: a part of its section stays a
            // sub-heading.
            vec!["II. Đầu tư xây dựng cơ bản"],
            vec![
                "3",
                "Rà soát hồ sơ thiết kế các công trình trường học",
                "Từ tháng 10/2020",
                "P.QLĐT",
                "",
            ],
        ],
        &[(0, 0, 4), (3, 0, 4)],
    );
    let run = |lang: &str| {
        let out = tempfile::tempdir().unwrap();
        tonghop()
            .arg("annex")
            .arg(dir.path())
            .args(["--period", "2020-Q3", "--lang", lang, "--out"])
            .arg(out.path())
            .assert()
            .code(0);
        let found: Vec<[String; 4]> = task_findings(&out.path().join("errors.json"))
            .iter()
            .map(|f| {
                ["severity", "cell", "actual", "message"]
                    .map(|k| f[k].as_str().unwrap().to_string())
            })
            .collect();
        (out, found)
    };
    let said = |cell: &str, actual: &str, message: &str| {
        ["warning", cell, actual, message].map(String::from)
    };
    let (out, found) = run("vi");
    assert_eq!(
        found,
        [
            said(
                "C6",
                "Trước ngày 15/10/2020",
                "Tiến độ «Trước ngày 15/10/2020» của nhiệm vụ «Tổng kết 5 năm thi hành Luật Hòa giải ở cơ sở» đến hạn sau Quý III/2020. Hãy xem nhiệm vụ có thuộc chương trình kỳ này không."
            ),
            said(
                "C8",
                "Từ tháng 10/2020",
                "Tiến độ «Từ tháng 10/2020» của nhiệm vụ «Rà soát hồ sơ thiết kế các công trình trường học» bắt đầu sau Quý III/2020. Hãy xem nhiệm vụ có thuộc chương trình kỳ này không."
            ),
        ]
    );
    let (_, found_en) = run("en");
    let messages: Vec<&str> = found_en.iter().map(|f| f[3].as_str()).collect();
    assert_eq!(
        messages,
        [
            "The deadline «Trước ngày 15/10/2020» of task «Tổng kết 5 năm thi hành Luật Hòa giải ở cơ sở» falls due after Q3 2020. Check that the task belongs in this period's programme.",
            "The deadline «Từ tháng 10/2020» of task «Rà soát hồ sơ thiết kế các công trình trường học» starts after Q3 2020. Check that the task belongs in this period's programme.",
        ]
    );
    let headings: Vec<[String; 2]> = read_sheet(&out.path().join("phu-luc.xlsx"), "Phụ lục")
        .into_iter()
        .skip(4)
        .filter(|r| r[0].parse::<f64>().is_err())
        .map(|r| [r[0].clone(), r[1].clone()])
        .collect();
    let heading = |a: &str, b: &str| [a, b].map(String::from);
    assert_eq!(
        headings,
        [
            heading("I", "QUẢN LÝ ĐÔ THỊ - ĐẦU TƯ XÂY DỰNG CƠ BẢN"),
            heading("", "Đầu tư xây dựng cơ bản"),
            heading("II", "CẢI CÁCH HÀNH CHÍNH"),
        ]
    );
    assert_eq!(
        annex_tasks(out.path())
            .into_iter()
            .map(|[content, ..]| content)
            .collect::<Vec<_>>(),
        [
            "Rà soát hồ sơ thiết kế các công trình trường học",
            "Khảo sát mức độ hài lòng của người dân đối với dịch vụ hành chính công",
            "Tổng kết 5 năm thi hành Luật Hòa giải ở cơ sở",
        ]
    );
}

#[test]
fn last_quarters_table_sent_again_is_one_error_and_its_tasks_are_left_out() {
    // The tester's Sở Nội vụ sent its Q2 table in the Q3 batch: one
    // deadline-out-of-period error for each task, where the office needs
    // to hear once that the department sent the wrong quarter's table.
    let dir = tempfile::tempdir().unwrap();
    write_task_table(
        dir.path(),
        "SNV - CTCT quy IV-2025.xlsx",
        "ĐĂNG KÝ NHIỆM VỤ TRỌNG TÂM QUÝ IV NĂM 2025",
        &[
            vec![
                "1",
                "Tổ chức thi tuyển công chức năm 2025",
                "Tháng 11/2025",
                "SNV",
                "",
            ],
            vec![
                "2",
                "Thẩm định đề án vị trí việc làm",
                "Quý IV/2025",
                "SNV",
                "",
            ],
            vec![
                "3",
                "Tổng kết công tác thi đua năm 2025",
                "Quý I/2026",
                "SNV",
                "",
            ],
        ],
        &[],
    );
    // Near miss: a title naming the run's quarter with one late task
    // keeps that task's own error.
    write_task_table(
        dir.path(),
        "STC - CTCT quy I-2026.xlsx",
        "CHƯƠNG TRÌNH CÔNG TÁC QUÝ I NĂM 2026",
        &[
            vec![
                "1",
                "Công khai dự toán ngân sách năm 2026",
                "Quý I/2026",
                "STC",
                "",
            ],
            vec![
                "2",
                "Quyết toán ngân sách năm 2024",
                "Tháng 12/2025",
                "STC",
                "",
            ],
        ],
        &[],
    );
    // Near miss: a title alone naming last quarter, the deadlines this
    // quarter's: a slip of the title, no finding, the tasks printed.
    write_task_table(
        dir.path(),
        "STP - CTCT Q1-2026.xlsx",
        "CHƯƠNG TRÌNH CÔNG TÁC QUÝ IV NĂM 2025",
        &[
            vec![
                "1",
                "Rà soát văn bản quy phạm pháp luật",
                "Tháng 2/2026",
                "STP",
                "",
            ],
            vec!["2", "Kiểm tra công tác hộ tịch", "Quý I/2026", "STP", ""],
        ],
        &[],
    );
    let (out, code, found) = run_province_q1(dir.path());
    let got: Vec<[&str; 7]> = found
        .iter()
        .map(|f| {
            [
                "severity", "code", "unit", "file", "cell", "expected", "actual",
            ]
            .map(|k| f[k].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        got,
        [
            [
                "error",
                "period-mismatch",
                "SNV",
                "SNV - CTCT quy IV-2025.xlsx",
                "A1",
                "Quý I/2026",
                "Quý IV/2025"
            ],
            [
                "error",
                "deadline-out-of-period",
                "STC",
                "STC - CTCT quy I-2026.xlsx",
                "C5",
                "Quý I/2026",
                "Tháng 12/2025"
            ],
        ],
        "{found:#?}"
    );
    assert_eq!(code, 1);
    let said = found[0]["message"].as_str().unwrap();
    assert_eq!(
        said,
        "Sở Nội vụ gửi bảng nhiệm vụ Quý IV/2025, không phải Quý I/2026: tiêu đề ghi Quý IV/2025 (tại SNV - CTCT quy IV-2025.xlsx › Sheet1 › A1) và 2/3 nhiệm vụ có thời hạn đến hạn trong Quý IV/2025, không thuộc Quý I/2026. 3 nhiệm vụ của tệp SNV - CTCT quy IV-2025.xlsx không được đưa vào phụ lục. Hãy đề nghị Sở Nội vụ gửi bảng nhiệm vụ Quý I/2026."
    );
    let contents: Vec<String> = annex_tasks(out.path())
        .into_iter()
        .map(|t| t[0].clone())
        .collect();
    let mut contents = contents;
    contents.sort();
    assert_eq!(
        contents,
        [
            "Công khai dự toán ngân sách năm 2026",
            "Kiểm tra công tác hộ tịch",
            "Quyết toán ngân sách năm 2024",
            "Rà soát văn bản quy phạm pháp luật",
        ]
    );
}

#[test]
fn a_status_in_the_deadline_column_is_told_as_a_status() {
    let dir = tempfile::tempdir().unwrap();
    write_task_table(
        dir.path(),
        "SYT - DK Q1-2026.xlsx",
        "CHƯƠNG TRÌNH CÔNG TÁC QUÝ I NĂM 2026",
        &[
            vec![
                "1",
                "Kiểm tra khám chữa bệnh bảo hiểm y tế",
                "Đang thực hiện",
                "SYT",
                "",
            ],
            vec![
                "2",
                "Tổng kết công tác y tế dự phòng",
                "Đã hoàn thành.",
                "SYT",
                "",
            ],
            vec!["3", "Mua sắm trang thiết bị y tế", "HT", "SYT", ""],
            // Near miss: words that are no status keep the generic message.
            vec!["4", "Kiện toàn mạng lưới y tế cơ sở", "Sớm", "SYT", ""],
            vec!["5", "Tiêm chủng mở rộng", "Tháng 3/2026", "SYT", ""],
        ],
        &[],
    );
    let (_, code, found) = run_province_q1(dir.path());
    let got: Vec<[&str; 5]> = found
        .iter()
        .map(|f| ["severity", "code", "unit", "cell", "actual"].map(|k| f[k].as_str().unwrap()))
        .collect();
    let invalid = |cell, actual| ["error", "deadline-invalid", "SYT", cell, actual];
    assert_eq!(
        got,
        [
            invalid("C4", "Đang thực hiện"),
            invalid("C5", "Đã hoàn thành."),
            invalid("C6", "HT"),
            invalid("C7", "Sớm"),
        ],
        "{found:#?}"
    );
    assert_eq!(code, 1);
    let message = |k: usize| found[k]["message"].as_str().unwrap();
    assert_eq!(
        message(0),
        "Nhiệm vụ «Kiểm tra khám chữa bệnh bảo hiểm y tế» ghi tình trạng «Đang thực hiện» ở cột thời hạn: hãy ghi thời hạn hoàn thành (tháng/quý/ngày), như «Tháng 1/2026», «Quý I/2026» hoặc «31/3/2026»; tình trạng thực hiện ghi ở cột ghi chú."
    );
    assert!(
        message(2).contains("ghi tình trạng «HT» ở cột thời hạn"),
        "{}",
        message(2)
    );
    assert!(
        message(3).contains("không phải là thời hạn"),
        "{}",
        message(3)
    );
    assert!(!message(3).contains("tình trạng"), "{}", message(3));
}

#[test]
fn the_written_date_of_an_official_letter_is_a_deadline() {
    // The tester's Sở Công Thương and Sở Xây dựng wrote the date as an
    // official letter does: each was a false deadline-invalid error.
    let dir = tempfile::tempdir().unwrap();
    write_task_table(
        dir.path(),
        "SCT - DK Q1-2026.xlsx",
        "CHƯƠNG TRÌNH CÔNG TÁC QUÝ I NĂM 2026",
        &[
            vec![
                "1",
                "Hội nghị xúc tiến thương mại nông sản",
                "Ngày 31 tháng 3 năm 2026",
                "SCT",
                "",
            ],
            vec![
                "2",
                "Kiểm tra an toàn điện",
                "Trước ngày 31 tháng 3 năm 2026",
                "SCT",
                "",
            ],
            vec![
                "3",
                "Khuyến công địa phương",
                "15 tháng 2 năm 2026",
                "SCT",
                "",
            ],
            // Still read against the quarter: due after it.
            vec![
                "4",
                "Tổng kết chợ truyền thống",
                "Ngày 30 tháng 6 năm 2026",
                "SCT",
                "",
            ],
            // Near miss: a month without a day stays no date.
            vec![
                "5",
                "Phát triển thương mại điện tử",
                "Ngày 31 tháng",
                "SCT",
                "",
            ],
        ],
        &[],
    );
    let (_, _, found) = run_province_q1(dir.path());
    let got: Vec<[&str; 4]> = found
        .iter()
        .map(|f| ["severity", "code", "cell", "actual"].map(|k| f[k].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            [
                "warning",
                "deadline-out-of-period",
                "C7",
                "Ngày 30 tháng 6 năm 2026"
            ],
            ["error", "deadline-invalid", "C8", "Ngày 31 tháng"],
        ],
        "{found:#?}"
    );
}

#[test]
fn every_status_word_in_the_deadline_column_is_told_as_a_status() {
    // The tester's forms, with and without accents and one misspelt: each
    // had the generic «không phải là thời hạn».
    let dir = tempfile::tempdir().unwrap();
    let statuses = [
        "Đã trình",
        "Hoàn thành trước hạn",
        "Quá hạn",
        "Hoàn thàn",
        "Dang thuc hien",
    ];
    let rows: Vec<Vec<&str>> = statuses
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                ["1", "2", "3", "4", "5"][i],
                [
                    "Thẩm định giá thuốc",
                    "Kiểm tra bệnh viện",
                    "Cấp phép hành nghề",
                    "Tập huấn y tế cơ sở",
                    "Tiêm chủng mở rộng",
                ][i],
                *s,
                "SYT",
                "",
            ]
        })
        .collect();
    write_task_table(
        dir.path(),
        "SYT - DK Q1-2026.xlsx",
        "CHƯƠNG TRÌNH CÔNG TÁC QUÝ I NĂM 2026",
        &rows,
        &[],
    );
    let (_, code, found) = run_province_q1(dir.path());
    assert_eq!(code, 1);
    assert_eq!(found.len(), statuses.len(), "{found:#?}");
    for (f, s) in found.iter().zip(statuses) {
        assert_eq!(f["code"], "deadline-invalid");
        assert_eq!(f["severity"], "error");
        let message = f["message"].as_str().unwrap();
        assert!(
            message.contains(&format!("ghi tình trạng «{s}» ở cột thời hạn")),
            "{message}"
        );
    }
}

#[test]
fn a_sheet_titled_for_another_quarter_is_set_aside_though_both_have_a_results_column() {
    // The tester's Sở Y tế: last quarter's results and this quarter's
    // programme in one workbook, both with a «Tình hình thực hiện» column.
    // Last quarter's task was printed in the programme with a
    // deadline-out-of-period error.
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (sheet, title, rows) in [
        (
            "KQ quy IV",
            "KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ IV NĂM 2025",
            vec![[
                "1",
                "Kiểm tra cơ sở hành nghề y dược tư nhân",
                "Quý IV/2025",
                "SYT",
                "Hoàn thành",
            ]],
        ),
        (
            "NV quy I",
            "NHIỆM VỤ TRỌNG TÂM QUÝ I NĂM 2026",
            vec![
                [
                    "1",
                    "Giám sát dịch cúm mùa",
                    "Quý I/2026",
                    "SYT",
                    "Đang thực hiện",
                ],
                [
                    "2",
                    "Kiểm tra cơ sở khám chữa bệnh ngoài công lập",
                    "Tháng 2/2026",
                    "SYT",
                    "Chưa thực hiện",
                ],
            ],
        ),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        ws.write_string(0, 0, "SỞ Y TẾ").unwrap();
        ws.write_string(1, 0, title).unwrap();
        for (c, h) in [
            "TT",
            "Nội dung",
            "Tiến độ",
            "Cơ quan chủ trì",
            "Tình hình thực hiện",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(3, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write_string(4 + r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(dir.path().join("SYT - KQ Q4 va NV Q1.xlsx"))
        .unwrap();
    let (out, code, found) = run_province_q1(dir.path());
    let got: Vec<[&str; 5]> = found
        .iter()
        .map(|f| ["severity", "code", "sheet", "cell", "actual"].map(|k| f[k].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [[
            "info",
            "period-mismatch",
            "KQ quy IV",
            "A2",
            "KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ IV NĂM 2025"
        ]],
        "{found:#?}"
    );
    assert_eq!(code, 0);
    let printed: Vec<String> = annex_tasks(out.path())
        .into_iter()
        .map(|t| t[0].clone())
        .collect();
    assert_eq!(
        printed,
        [
            "Giám sát dịch cúm mùa",
            "Kiểm tra cơ sở khám chữa bệnh ngoài công lập"
        ]
    );
}

/// A task table with a «Tình trạng» column, sent by `sender`.
fn write_status_table(path: &std::path::Path, sender: &str, rows: &[[&str; 6]]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, sender).unwrap();
    ws.write_string(1, 0, "NHIỆM VỤ TRỌNG TÂM QUÝ I NĂM 2026")
        .unwrap();
    for (c, h) in [
        "TT",
        "Nội dung",
        "Tiến độ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Tình trạng",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(4 + r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn a_task_listed_by_its_lead_and_a_co_operating_agency_is_the_leads_and_an_error_only_when_their_statuses_differ(
) {
    // The tester's Sở Nội vụ leads two tasks that Sở Y tế, co-operating,
    // lists too, naming Sở Nội vụ as lead: «Hãy thống nhất một cơ quan chủ
    // trì» was wrong, the lead is agreed. One agrees, one does not.
    let dir = tempfile::tempdir().unwrap();
    let agree = "Tổng kết thi đua khen thưởng ngành y tế";
    let differ = "Kiểm tra công tác cải cách hành chính tại các cơ sở y tế công lập";
    // Sở Y tế's file sorts first: the lead's row is still the one kept.
    write_status_table(
        &dir.path().join("A - SYT.xlsx"),
        "SỞ Y TẾ",
        &[
            ["1", agree, "Tháng 3/2026", "SNV", "SYT", "Chưa thực hiện"],
            ["2", differ, "Quý I/2026", "SNV", "SYT", "Đang thực hiện"],
            [
                "3",
                "Giám sát dịch cúm mùa",
                "Quý I/2026",
                "SYT",
                "",
                "Đang thực hiện",
            ],
        ],
    );
    write_status_table(
        &dir.path().join("B - SNV.xlsx"),
        "SỞ NỘI VỤ",
        &[
            ["1", agree, "Tháng 3/2026", "SNV", "SYT", "Chua thuc hien"],
            ["2", differ, "Quý I/2026", "SNV", "SYT", "Hoàn thành"],
        ],
    );
    let (out, code, found) = run_province_q1(dir.path());
    let got: Vec<[&str; 6]> = found
        .iter()
        .map(|f| {
            ["severity", "code", "unit", "file", "cell", "expected"].map(|k| f[k].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        got,
        [
            [
                "info",
                "task-duplicate",
                "SYT",
                "A - SYT.xlsx",
                "B5",
                "B - SNV.xlsx › Sheet1 › B5"
            ],
            [
                "error",
                "task-duplicate",
                "SYT",
                "A - SYT.xlsx",
                "B6",
                "B - SNV.xlsx › Sheet1 › B6"
            ],
        ],
        "{found:#?}"
    );
    assert_eq!(code, 1);
    let message = |k: usize| found[k]["message"].as_str().unwrap();
    assert!(
        message(1).contains(
            "tình trạng khác nhau: Sở Nội vụ ghi «Hoàn thành», Sở Y tế ghi «Đang thực hiện»"
        ),
        "{}",
        message(1)
    );
    assert!(
        message(0).contains("Phụ lục giữ dòng của Sở Nội vụ"),
        "{}",
        message(0)
    );
    assert!(
        !message(0).contains("thống nhất một cơ quan chủ trì"),
        "{}",
        message(0)
    );
    // Each task printed once, from the lead's table.
    let printed: Vec<String> = annex_tasks(out.path())
        .into_iter()
        .map(|t| t[0].clone())
        .collect();
    assert_eq!(printed.iter().filter(|t| *t == agree).count(), 1);
    assert_eq!(printed.iter().filter(|t| *t == differ).count(), 1);
    assert_eq!(printed.len(), 3);
}

/// A tester's department table re-saved by Mac Excel, in the 1904 date
/// system (`<workbookPr date1904="1"/>`): its deadline 30/11/2026, stored
/// as day 44894 from 1904, was read from 1900 as 29/11/2022, a false
/// deadline-out-of-period error, and printed so in the annex. The
/// workbook's date system is honoured; a deadline truly after the
/// quarter (15/03/2027) is still told (a warning: it falls due after).
#[test]
fn a_mac_workbooks_1904_dates_are_read_as_the_days_they_show() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "PHÒNG TÀI CHÍNH - KẾ HOẠCH").unwrap();
    for (c, h) in [
        "STT",
        "Nội dung nhiệm vụ",
        "Cơ quan chủ trì",
        "Thời gian hoàn thành",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let day = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    // Days from 1904-01-01: 30/11/2026 and 15/03/2027.
    let tasks = [
        ("Vận động nhân dân đóng góp Quỹ Vì người nghèo", 44894.0),
        ("Quyết toán ngân sách các phường năm 2026", 44999.0),
    ];
    for (k, (content, serial)) in tasks.iter().enumerate() {
        let r = 3 + k as u32;
        ws.write_number(r, 0, k as f64 + 1.0).unwrap();
        ws.write_string(r, 1, *content).unwrap();
        ws.write_string(r, 2, "Phòng Tài chính - Kế hoạch").unwrap();
        ws.write_number_with_format(r, 3, *serial, &day).unwrap();
    }
    let pc = dir.path().join("pc.xlsx");
    wb.save(&pc).unwrap();
    // The same workbook as Mac Excel saves it.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&pc).unwrap()).unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let mut w = zip::ZipWriter::new(std::fs::File::create(input.join("p-tckh.xlsx")).unwrap());
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        if name == "xl/workbook.xml" {
            assert!(text.contains("<workbookPr"), "{text}");
            text = text.replace("<workbookPr", r#"<workbookPr date1904="1""#);
        }
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap();

    let (code, found) = run_annex(&input, "2026-Q4");
    let found: Vec<[&str; 4]> = found
        .iter()
        .map(|f| [f[0].as_str(), f[1].as_str(), f[2].as_str(), f[3].as_str()])
        .collect();
    assert_eq!(
        found,
        [["warning", "deadline-out-of-period", "D5", "15/03/2027"]]
    );
    assert_eq!(code, 0);
    let out = tempfile::tempdir().unwrap();
    tonghop()
        .arg("annex")
        .arg(&input)
        .args(["--period", "2026-Q4", "--out"])
        .arg(out.path())
        .assert()
        .code(0);
    let rows = read_sheet(&out.path().join("phu-luc.xlsx"), "Phụ lục");
    let deadlines: Vec<&str> = rows
        .iter()
        .filter(|r| r.first().is_some_and(|tt| tt.parse::<u32>().is_ok()))
        .map(|r| r[2].as_str())
        .collect();
    assert_eq!(deadlines, ["30/11/2026", "15/03/2027"]);
}

#[test]
fn a_lower_case_l_typed_for_roman_one_is_a_quarter_not_an_invalid_deadline() {
    // Tester DU: «Quý lll/2026» (a lower-case L for I) was deadline-invalid.
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "PHÒNG TÀI CHÍNH - KẾ HOẠCH").unwrap();
    for (c, h) in ["STT", "Nội dung", "Cơ quan chủ trì", "Tiến độ"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let tasks = [
        ("Thẩm định dự toán các đơn vị", "Quý lll/2026"),
        ("Kiểm tra quyết toán các phường", "Quý Ill/2026"),
        ("Rà soát nguồn vốn đầu tư công", "Quý IIl/2026"),
        // Roman I with a lower-case L: the first quarter, before the third.
        ("Tổng hợp thu ngân sách nhà nước", "Quý l/2026"),
        // Near miss: an "l" where no Roman numeral stands is still no deadline.
        ("Báo cáo tình hình giải ngân", "Tháng l/2026"),
    ];
    for (k, (content, deadline)) in tasks.iter().enumerate() {
        let r = 3 + k as u32;
        ws.write_number(r, 0, k as f64 + 1.0).unwrap();
        ws.write_string(r, 1, *content).unwrap();
        ws.write_string(r, 2, "Phòng Tài chính - Kế hoạch").unwrap();
        ws.write_string(r, 3, *deadline).unwrap();
    }
    wb.save(dir.path().join("p-tckh.xlsx")).unwrap();
    let (code, found) = run_annex(dir.path(), "2026-Q3");
    let found: Vec<[&str; 4]> = found
        .iter()
        .map(|f| [f[0].as_str(), f[1].as_str(), f[2].as_str(), f[3].as_str()])
        .collect();
    assert_eq!(
        found,
        [
            ["error", "deadline-out-of-period", "D7", "Quý l/2026"],
            ["error", "deadline-invalid", "D8", "Tháng l/2026"],
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn a_reporting_agency_that_sent_nothing_is_named_and_every_file_listed() {
    // Tester DU: Sở Tư pháp, a reporting department, sent no file and was
    // named nowhere; the files read were listed nowhere either.
    let dir = tempfile::tempdir().unwrap();
    write_task_table(
        dir.path(),
        "p-tckh.xlsx",
        "PHÒNG TÀI CHÍNH - KẾ HOẠCH",
        &[
            vec![
                "1",
                "Thẩm định dự toán các đơn vị",
                "Quý III/2020",
                "P.TCKH",
                "",
            ],
            vec![
                "2",
                "Kiểm tra quyết toán các phường",
                "Tháng 8/2020",
                "P.TCKH",
                "",
            ],
        ],
        &[],
    );
    // Phòng Kinh tế sent a file that cannot be opened: it sent something,
    // said as unreadable, not as missing.
    std::fs::write(dir.path().join("p-kt.xlsx"), b"not a workbook").unwrap();
    std::fs::write(dir.path().join("ghi-chu.txt"), "Kính gửi Văn phòng").unwrap();
    // Four reporting agencies: three departments and Phường 1 (near miss:
    // no ward sent, so no ward is expected in a departments' programme).
    let template = template_reporting(&["P.TCKH", "P.KT", "P.TP", "P01"]);
    let out = tempfile::tempdir().unwrap();
    let run = tonghop()
        .arg("annex")
        .arg(dir.path())
        .args(["--period", "2020-Q3", "--lang", "vi", "--template"])
        .arg(template.path())
        .arg("--out")
        .arg(out.path())
        .assert();
    let output = run.get_output();
    assert_eq!(output.status.code(), Some(1), "the unreadable file");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("Chưa gửi bảng nhiệm vụ: P.TP (trang Tình trạng nộp)."),
        "{stdout}"
    );
    let found: Vec<[String; 4]> = read_findings(&out.path().join("errors.json"))
        .iter()
        .map(|f| ["severity", "code", "unit", "file"].map(|k| f[k].as_str().unwrap().to_string()))
        .collect();
    let row = |s: &str, c: &str, u: &str, f: &str| [s, c, u, f].map(String::from);
    assert_eq!(
        found,
        [
            row("warning", "submission-missing", "P.TP", ""),
            row("info", "file-skipped", "", "ghi-chu.txt"),
            row("error", "file-unreadable", "P.KT", "p-kt.xlsx"),
        ]
    );
    let message = read_findings(&out.path().join("errors.json"))[0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        message,
        "Phòng Tư pháp chưa gửi bảng nhiệm vụ Quý III/2020: phụ lục không có nhiệm vụ nào của Phòng Tư pháp. Hãy đề nghị Phòng Tư pháp gửi bảng nhiệm vụ trọng tâm."
    );
    // Every file by path, read (its agency, its tasks) or not (why); then
    // who sent nothing.
    let book = out.path().join("phu-luc.xlsx");
    let status = read_sheet(&book, "Tình trạng nộp");
    assert_eq!(
        status[0],
        [
            "STT",
            "Mã đơn vị",
            "Đơn vị",
            "Tệp",
            "Trạng thái",
            "Số nhiệm vụ",
            "Ghi chú"
        ]
    );
    let lines: Vec<[&str; 6]> = status
        .iter()
        .skip(1)
        .map(|r| [0, 1, 2, 3, 4, 5].map(|c| r[c].as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ["1", "", "", "ghi-chu.txt", "Bỏ qua", ""],
            [
                "2",
                "P.KT",
                "Phòng Kinh tế",
                "p-kt.xlsx",
                "Không đọc được",
                ""
            ],
            [
                "3",
                "P.TCKH",
                "Phòng Tài chính - Kế hoạch",
                "p-tckh.xlsx",
                "Đã đọc",
                "2"
            ],
            ["4", "P.TP", "Phòng Tư pháp", "", "Chưa gửi", ""],
        ]
    );
    assert!(
        !status[1][6].is_empty() && !status[2][6].is_empty(),
        "{status:?}"
    );
}

#[test]
fn a_task_marked_done_whose_late_deadline_and_note_say_it_goes_on_is_a_warning() {
    // Tester DU (M1): «Hoàn thành», deadline «Tháng 12/2026» in the
    // 2026-Q3 programme, note «đang tiếp tục triển khai»: said nowhere.
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "PHÒNG TÀI CHÍNH - KẾ HOẠCH").unwrap();
    let header = [
        "TT",
        "Nội dung",
        "Tiến độ",
        "Cơ quan chủ trì",
        "Tình trạng",
        "Ghi chú",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let tasks = [
        // Done, due after the quarter, the note saying it goes on.
        (
            "Quyết toán ngân sách các dự án đầu tư công năm 2025",
            "Tháng 12/2026",
            "Hoàn thành",
            "đang tiếp tục triển khai",
        ),
        (
            "Rà soát nợ đọng xây dựng cơ bản",
            "Quý IV/2026",
            "Đã hoàn thành",
            "chưa xong",
        ),
        // Near misses: done early (no note), going on within the quarter,
        // not done, going on with a note that says nothing of it.
        (
            "Thẩm định dự toán các đơn vị",
            "Tháng 12/2026",
            "Hoàn thành",
            "",
        ),
        (
            "Kiểm tra quyết toán các phường",
            "Quý III/2026",
            "Hoàn thành",
            "đang tiếp tục triển khai",
        ),
        (
            "Tổng hợp thu ngân sách nhà nước",
            "Tháng 11/2026",
            "Chưa hoàn thành",
            "chưa xong",
        ),
        (
            "Báo cáo tình hình giải ngân",
            "Tháng 10/2026",
            "Hoàn thành trước hạn",
            "đã gửi Sở",
        ),
    ];
    for (k, (content, deadline, status, note)) in tasks.iter().enumerate() {
        let r = 3 + k as u32;
        ws.write_number(r, 0, k as f64 + 1.0).unwrap();
        ws.write_string(r, 1, *content).unwrap();
        ws.write_string(r, 2, *deadline).unwrap();
        ws.write_string(r, 3, "Phòng Tài chính - Kế hoạch").unwrap();
        ws.write_string(r, 4, *status).unwrap();
        if !note.is_empty() {
            ws.write_string(r, 5, *note).unwrap();
        }
    }
    wb.save(dir.path().join("p-tckh.xlsx")).unwrap();
    let (code, found) = run_annex(dir.path(), "2026-Q3");
    let found: Vec<[&str; 4]> = found
        .iter()
        .filter(|f| f[1] != "submission-missing")
        .map(|f| [f[0].as_str(), f[1].as_str(), f[2].as_str(), f[3].as_str()])
        .collect();
    assert_eq!(
        found,
        [
            ["warning", "deadline-out-of-period", "C4", "Tháng 12/2026"],
            [
                "warning",
                "status-contradiction",
                "E4",
                "Hoàn thành — đang tiếp tục triển khai"
            ],
            ["warning", "deadline-out-of-period", "C5", "Quý IV/2026"],
            [
                "warning",
                "status-contradiction",
                "E5",
                "Đã hoàn thành — chưa xong"
            ],
            ["warning", "deadline-out-of-period", "C6", "Tháng 12/2026"],
            ["warning", "deadline-out-of-period", "C8", "Tháng 11/2026"],
            ["warning", "deadline-out-of-period", "C9", "Tháng 10/2026"],
        ]
    );
    assert_eq!(code, 0, "a warning: the leaders ask, nothing is wrong yet");
}
