//! `tonghop check-text` end to end: the real binary on the invented
//! reports of `tests/fixtures/text/`, and against consolidated tables:
//! written by the real `consolidate` (every period's headings, both
//! languages) and written here with rust_xlsxwriter (one-line headings,
//! as earlier versions wrote them).

use crate::common::{read_findings, repo, tonghop};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    repo()
        .join("tests")
        .join("fixtures")
        .join("text")
        .join(name)
}

fn field<'a>(f: &'a serde_json::Value, key: &str) -> &'a str {
    f.get(key).and_then(|v| v.as_str()).unwrap_or("")
}

#[test]
fn check_text_finds_the_planted_mistakes_and_exits_1() {
    let out = tempfile::tempdir().unwrap();
    let assert = tonghop()
        .arg("check-text")
        .arg(fixture("planted.txt"))
        .arg("--out")
        .arg(out.path())
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    // The readable list: place, quote with the figure marked, the fix.
    assert!(
        stdout.contains("planted.txt › dòng 3 · Lỗi pct-mismatch"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\"đạt >>21,35%<< dự toán năm (145,2/840 tỷ đồng)\""),
        "{stdout}"
    );
    assert!(stdout.contains("Tính lại: 17,29 · Ghi: 21,35"), "{stdout}");
    assert!(stdout.contains("sửa thành 17,29%"), "{stdout}");
    assert!(
        stdout.contains("planted.txt: 11 lỗi, 3 cảnh báo."),
        "{stdout}"
    );

    let findings = read_findings(&out.path().join("errors.json"));
    assert_eq!(findings.len(), 14);
    let first = &findings[0];
    assert_eq!(
        (
            field(first, "severity"),
            field(first, "code"),
            field(first, "file"),
            field(first, "sheet"),
            field(first, "cell")
        ),
        ("error", "pct-mismatch", "planted.txt", "", "L3")
    );
    assert_eq!(
        (field(first, "expected"), field(first, "actual")),
        ("17,29", "21,35")
    );
    let sums: Vec<(&str, &str, &str, &str)> = findings
        .iter()
        .filter(|f| field(f, "code") == "sum-mismatch")
        .map(|f| {
            (
                field(f, "cell"),
                field(f, "severity"),
                field(f, "expected"),
                field(f, "actual"),
            )
        })
        .collect();
    assert_eq!(
        sums,
        vec![
            ("L8", "error", "410 = 35 + 290 + 81", "410 ≠ 406"),
            ("L9", "error", "35 = 7 + 27", "35 ≠ 34"),
            ("L10", "warning", "1.215 ≥ 640 + 637", "1.215 < 1.277"),
            ("L11", "error", "96 = 81 + 16", "96 ≠ 97"),
            ("L12", "error", "130 = 35 + 85", "130 ≠ 120")
        ]
    );
    let csv = std::fs::read_to_string(out.path().join("errors.csv")).unwrap();
    assert_eq!(csv.lines().count(), 15, "header and 14 rows");
}

#[test]
fn check_text_reads_a_bracketed_breakdown_as_complete() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("bao-cao.txt");
    std::fs::write(
        &report,
        [
            "BÁO CÁO QUÝ III/2020",
            "Đã giải quyết 4.216 hồ sơ (đúng hạn 3.980 hồ sơ, trễ hạn 226 hồ sơ).",
            "Quý trước đã giải quyết 4.216 hồ sơ (đúng hạn 3.980 hồ sơ, trễ hạn 236 hồ sơ).",
            "Tiếp nhận 1.215 văn bản, trong đó 640 văn bản điện tử, 37 văn bản mật.",
            "Tiếp nhận 1.215 văn bản, trong đó 2.150 văn bản điện tử, 37 văn bản mật.",
            "Đã giải quyết 4.216 hồ sơ (đúng hạn 3.980 trường hợp, trễ hạn 226 trường hợp).",
            "Tổ chức 12 đoàn kiểm tra (3 đoàn liên ngành, 8 đoàn chuyên ngành).",
            "Đã giải quyết 4.216 hồ sơ, trong đó đúng hạn 3.980, trễ hạn 226.",
            "",
        ]
        .join("\n"),
    )
    .unwrap();
    let out = dir.path().join("kiem-tra");
    let assert = tonghop()
        .arg("check-text")
        .arg(&report)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(
        stdout.contains(
            "bao-cao.txt › dòng 2 · Lỗi sum-mismatch\n    \">>4.216<< hồ sơ (đúng hạn 3.980 hồ sơ, trễ hạn 226 hồ sơ)\"\n    Phải có: 4.216 = 3.980 + 226 · Ghi: 4.216 ≠ 4.206\n    Tổng 4.216 và tổng các phần 3.980 + 226 = 4.206 phải bằng nhau; một trong các số này sai"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("bao-cao.txt: 3 lỗi, 1 cảnh báo."),
        "{stdout}"
    );
    let findings = read_findings(&out.join("errors.json"));
    let got: Vec<(&str, &str, &str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                field(f, "severity"),
                field(f, "code"),
                field(f, "cell"),
                field(f, "expected"),
                field(f, "actual"),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "error",
                "sum-mismatch",
                "L2",
                "4.216 = 3.980 + 226",
                "4.216 ≠ 4.206"
            ),
            (
                "error",
                "sum-mismatch",
                "L5",
                "1.215 ≥ 2.150",
                "1.215 < 2.150"
            ),
            ("warning", "sum-mismatch", "L7", "12 = 3 + 8", "12 ≠ 11"),
            (
                "error",
                "sum-mismatch",
                "L8",
                "4.216 = 3.980 + 226",
                "4.216 ≠ 4.206"
            ),
        ]
    );
}

#[test]
fn check_text_is_silent_on_consistent_prose() {
    let assert = tonghop()
        .arg("check-text")
        .arg(fixture("consistent.txt"))
        .assert()
        .code(0);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert_eq!(
        stdout,
        "consistent.txt: không thấy sai sót trong số liệu của văn bản.\n"
    );
}

#[test]
fn check_text_json_prints_the_findings_in_english() {
    let assert = tonghop()
        .args(["check-text", "--json", "--lang", "en"])
        .arg(fixture("planted.txt"))
        .assert()
        .code(1);
    let findings: Vec<serde_json::Value> =
        serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(findings.len(), 14);
    let rounding = findings
        .iter()
        .find(|f| field(f, "code") == "pct-rounding")
        .unwrap();
    assert_eq!(
        (
            field(rounding, "severity"),
            field(rounding, "cell"),
            field(rounding, "expected"),
            field(rounding, "actual")
        ),
        // The figures in the documented format whatever the language;
        // the message in the reader's.
        ("warning", "L4", "31,8", "31,9")
    );
    assert!(field(rounding, "message").starts_with("The percent reads 31.9%"));
}

/// Writes `out/tong-hop.xlsx` as earlier versions of `consolidate` did: a
/// title naming the period, the header of one-line headings, a section
/// row, then `(code, name, TH, LK)` rows; a figure that is not finite
/// (`f64::NAN`) is an empty cell.
fn write_table(out: &std::path::Path, title: &str, rows: &[(&str, &str, f64, f64)]) {
    std::fs::create_dir_all(out).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Tổng hợp").unwrap();
    ws.write(0, 0, title).unwrap();
    let header = [
        "Mã",
        "Chỉ tiêu",
        "ĐVT",
        "KH",
        "TH",
        "LK",
        "CK",
        "%KH",
        "%CK",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write(2, c as u16, *h).unwrap();
    }
    ws.write(3, 1, "I. ĐÔ THỊ").unwrap();
    for (r, (code, name, th, lk)) in rows.iter().enumerate() {
        let r = r as u32 + 4;
        ws.write(r, 0, *code).unwrap();
        ws.write(r, 1, *name).unwrap();
        for (c, v) in [(4, th), (5, lk)] {
            if v.is_finite() {
                ws.write(r, c, *v).unwrap();
            }
        }
    }
    wb.save(out.join("tong-hop.xlsx")).unwrap();
}

#[test]
fn check_text_against_the_consolidated_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tong-hop-q1");
    let rows: [(&str, &str, f64, f64); 5] = [
        (
            "DO01",
            "Giấy phép xây dựng, sửa chữa nhà đã cấp",
            40.0,
            126.0,
        ),
        (
            "HC01",
            "Hồ sơ thủ tục hành chính đã tiếp nhận",
            19461.0,
            19461.0,
        ),
        (
            "HC02",
            "Hồ sơ thủ tục hành chính đã giải quyết",
            17595.0,
            17595.0,
        ),
        ("YT11", "Cách ly tập trung", 35.0, 35.0),
        (
            "NS01",
            "Thu ngân sách nhà nước trên địa bàn",
            145.23,
            145.23,
        ),
    ];
    write_table(&out, "TỔNG HỢP SỐ LIỆU KINH TẾ - XÃ HỘI", &rows);
    let report = dir.path().join("bao-cao.md");
    std::fs::write(
        &report,
        "# Báo cáo\n\nTrong quý đã cấp 162 giấy phép xây dựng; cách ly tập trung 35 người.\nThu ngân sách nhà nước trên địa bàn đạt 145,2 tỷ đồng.\nPhường 5 đã cấp 12 giấy phép xây dựng.\nTrong quý, Bộ phận một cửa tiếp nhận 19.461 hồ sơ thủ tục hành chính, đã giải quyết 17.595 hồ sơ.\n",
    )
    .unwrap();
    let assert = tonghop()
        .args(["check-text", "--json"])
        .arg(&report)
        .arg("--against")
        .arg(&out)
        .assert()
        .code(1);
    let findings: Vec<serde_json::Value> =
        serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let got: Vec<(&str, &str, &str, &str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                field(f, "code"),
                field(f, "cell"),
                field(f, "indicator"),
                field(f, "column"),
                field(f, "expected"),
                field(f, "actual"),
            )
        })
        .collect();
    // 19.461 is the files received: «… đã giải quyết» across the comma
    // on line 6 is no name of HC02.
    assert_eq!(
        got,
        vec![("text-vs-table", "L3", "DO01", "LK", "126", "162")]
    );
    // The readable list names the table's value as the table's.
    let assert = tonghop()
        .arg("check-text")
        .arg(&report)
        .arg("--against")
        .arg(&out)
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout);
    assert!(stdout.contains("Bảng tổng hợp: 126 · Ghi: 162"), "{stdout}");
}

/// Regression (tester CA, Q3/2020): three of four figures unlike the
/// table were never reported: an indicator whose LK is empty (a third
/// quarter consolidated without `--previous`) was not compared with its
/// TH, and a period between the name and its figure lost the claim. The
/// period named picks the column; the figures the table has no figure
/// of their period for are counted in one info.
#[test]
fn check_text_against_compares_th_when_lk_is_empty_and_reads_the_period_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("th");
    let none = f64::NAN;
    let rows = [
        (
            "DO01",
            "Giấy phép xây dựng, sửa chữa nhà đã cấp",
            139.0,
            none,
        ),
        ("NS03", "Chi ngân sách quận", 251.6, 641.08),
        ("LD04", "Người điều trị nghiện bằng Methadone", 141.0, none),
    ];
    write_table(
        &out,
        "TỔNG HỢP SỐ LIỆU KINH TẾ - XÃ HỘI — QUÝ III/2020",
        &rows,
    );
    let report = dir.path().join("bao-cao.txt");
    let lines = [
        // L1: the quarter named, TH 139: an error.
        "Trong quý III/2020 đã cấp 193 giấy phép xây dựng, sửa chữa nhà.",
        // L2: no period, above TH, no LK: may be the 9 months, a warning.
        "Đã cấp 193 giấy phép xây dựng.",
        // L3: a period between the name and the figure: LK 641,08.
        "Chi ngân sách quận 9 tháng đầu năm 2020 là 614,08 tỷ đồng.",
        // L4: a stock: its LK is its TH, an error.
        "Người điều trị nghiện bằng Methadone 150 người.",
        // L5: the 9 months of DO01, which the table lacks: counted.
        "9 tháng đầu năm 2020 đã cấp 412 giấy phép xây dựng.",
        // Near misses: the table's figures, each for its period; another
        // period.
        "Trong quý đã cấp 139 giấy phép xây dựng.",
        "Chi ngân sách quận 9 tháng đầu năm 2020 là 641,08 tỷ đồng.",
        "Chi ngân sách quận quý III/2020 đạt 251,6 tỷ đồng.",
        "Chi ngân sách quận 6 tháng đầu năm 2020 đạt 389,48 tỷ đồng.",
        "Đã cấp 139 giấy phép xây dựng.",
    ];
    std::fs::write(&report, lines.join("\n")).unwrap();
    let found = dir.path().join("kiem-tra");
    tonghop()
        .arg("check-text")
        .arg(&report)
        .arg("--against")
        .arg(&out)
        .arg("--out")
        .arg(&found)
        .assert()
        .code(1);
    let findings = read_findings(&found.join("errors.json"));
    let got: Vec<(&str, &str, &str, &str, &str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                field(f, "severity"),
                field(f, "code"),
                field(f, "cell"),
                field(f, "indicator"),
                field(f, "column"),
                field(f, "expected"),
                field(f, "actual"),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("error", "text-vs-table", "L1", "DO01", "TH", "139", "193"),
            ("warning", "text-vs-table", "L2", "DO01", "TH", "139", "193"),
            (
                "error",
                "text-vs-table",
                "L3",
                "NS03",
                "LK",
                "641,08",
                "614,08"
            ),
            ("error", "text-vs-table", "L4", "LD04", "LK", "141", "150"),
            ("info", "text-vs-table", "L5", "", "", "", ""),
        ]
    );
    let info = findings
        .iter()
        .find(|f| field(f, "severity") == "info")
        .unwrap();
    assert_eq!(
        field(info, "message"),
        "1 số liệu trong văn bản gắn với chỉ tiêu của danh mục nhưng chưa so được với bảng tổng hợp vì bảng không có số của kỳ đó: DO01 «Giấy phép xây dựng, sửa chữa nhà đã cấp» (dòng 5). Kiểm tra các số này bằng tay, hoặc tổng hợp lại với --previous để bảng có lũy kế."
    );
}

/// `n` as the prose writes a count: `.` between thousands.
fn vi_count(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// Regression: `--against` read no tong-hop.xlsx that `consolidate`
/// writes (its headings are two lines, "LK\n6 tháng 2020") and stopped
/// with exit 2 on every run. Here the real `consolidate` writes the table
/// of a first quarter, a second quarter and a year, in both languages,
/// and the prose is checked against each: the figure the table holds is
/// silent, a wrong one is an error naming the table's LK, and one of
/// another period is left alone.
#[test]
fn check_text_against_reads_what_consolidate_writes_in_every_period_and_language() {
    let dir = tempfile::tempdir().unwrap();
    // (run period, period the samples are written for, the run's period
    // in the prose's words)
    let runs = [
        ("2020-Q1", "2020-Q1", "Quý I/2020"),
        ("2020-Q2", "2020-Q2", "6 tháng đầu năm 2020"),
        ("2020", "2020-Q4", "Năm 2020"),
    ];
    for (period, written_for, words) in runs {
        let batch = dir.path().join(format!("batch-{period}"));
        tonghop()
            .args(["samples", "--clean", "--period", written_for, "--template"])
            .arg(repo().join("templates"))
            .arg("--out")
            .arg(&batch)
            .assert()
            .code(0);
        for lang in ["vi", "en"] {
            let out = dir.path().join(format!("out-{period}-{lang}"));
            let run = crate::common::run_consolidate(
                &batch.join("submissions"),
                period,
                &out,
                &["--lang".as_ref(), lang.as_ref()],
            );
            assert_eq!(run.status.code(), Some(0), "{period} {lang}");
            // The table's LK of DO01 (column F), as consolidate wrote it.
            let sheet = if lang == "vi" {
                "Tổng hợp"
            } else {
                "Summary"
            };
            let summary = crate::common::read_sheet(&out.join("tong-hop.xlsx"), sheet);
            let lk: f64 = summary
                .iter()
                .find(|r| r.first().is_some_and(|c| c == "DO01"))
                .and_then(|r| r.get(5))
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("{period} {lang}: no LK of DO01"));
            let lk = lk as i64;
            let report = dir.path().join(format!("bao-cao-{period}-{lang}.txt"));
            let lines = [
                // L1: the table's figure, the table's period named.
                format!("{words} đã cấp {} giấy phép xây dựng.", vi_count(lk)),
                // L2: wrong by 7, the table's period named: the error.
                format!("{words} đã cấp {} giấy phép xây dựng.", vi_count(lk + 7)),
                // L3: another period: not compared.
                format!(
                    "Cùng kỳ năm 2019 đã cấp {} giấy phép xây dựng.",
                    vi_count(lk + 7)
                ),
            ];
            std::fs::write(&report, lines.join("\n")).unwrap();
            let assert = tonghop()
                .args(["check-text", "--json", "--lang", lang])
                .arg(&report)
                .arg("--against")
                .arg(&out)
                .assert()
                .code(1);
            let findings: Vec<serde_json::Value> =
                serde_json::from_slice(&assert.get_output().stdout).unwrap();
            let got: Vec<(&str, &str, &str, &str, &str, &str, &str)> = findings
                .iter()
                .map(|f| {
                    (
                        field(f, "severity"),
                        field(f, "code"),
                        field(f, "cell"),
                        field(f, "indicator"),
                        field(f, "column"),
                        field(f, "expected"),
                        field(f, "actual"),
                    )
                })
                .collect();
            // errors.json states figures in Vietnamese format in either
            // language.
            let (table, stated) = (vi_count(lk), vi_count(lk + 7));
            // «Quý I/2020» names the quarter: in a first quarter its TH,
            // the same figure as its LK.
            let column = if period == "2020-Q1" { "TH" } else { "LK" };
            assert_eq!(
                got,
                vec![(
                    "error",
                    "text-vs-table",
                    "L2",
                    "DO01",
                    column,
                    table.as_str(),
                    stated.as_str()
                )],
                "{period} {lang}"
            );
        }
    }
}

/// A workbook that is not the table `consolidate` writes is told with its
/// headings as written and what to do about it, not "give the folder"
/// that was given.
#[test]
fn check_text_against_a_table_consolidate_did_not_write_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ket-qua");
    std::fs::create_dir_all(&out).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Tổng hợp").unwrap();
    for (c, h) in ["Mã", "Chỉ tiêu", "ĐVT", "Kế hoạch\nnăm 2020", "Thực hiện"]
        .iter()
        .enumerate()
    {
        ws.write(0, c as u16, *h).unwrap();
    }
    wb.save(out.join("tong-hop.xlsx")).unwrap();
    let report = dir.path().join("bao-cao.txt");
    std::fs::write(&report, "Trong quý đã cấp 162 giấy phép xây dựng.\n").unwrap();
    let assert = tonghop()
        .args(["check-text", "--lang", "vi"])
        .arg(&report)
        .arg("--against")
        .arg(&out)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains(
            "dòng tiêu đề không có cột LK (có: Mã, Chỉ tiêu, ĐVT, Kế hoạch năm 2020, Thực hiện)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("hãy chạy lại «tonghop consolidate THƯ_MỤC --period KỲ --out KẾT_QUẢ»"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("Hãy ghi thư mục kết quả (--out)"),
        "{stderr}"
    );
}

#[test]
fn check_text_against_compares_only_the_tables_period_and_totals() {
    // The tester's sentences: last year's figure, plans and targets, one
    // month, a part ("bỏ điều trị") and files resolved late were all
    // compared with the quarter's LK as errors.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tong-hop-q1");
    let rows: [(&str, &str, f64, f64); 4] = [
        (
            "DO01",
            "Giấy phép xây dựng, sửa chữa nhà đã cấp",
            223.0,
            223.0,
        ),
        ("LD04", "Người điều trị nghiện bằng Methadone", 164.0, 164.0),
        (
            "HC02",
            "Hồ sơ thủ tục hành chính đã giải quyết",
            17693.0,
            17693.0,
        ),
        ("HC04", "Trong đó: giải quyết trễ hạn", 622.0, 622.0),
    ];
    write_table(
        &out,
        "TỔNG HỢP SỐ LIỆU KINH TẾ - XÃ HỘI — QUÝ I/2020",
        &rows,
    );
    let report = dir.path().join("bao-cao.txt");
    let lines = [
        // Another period, a plan, a month, a part: silent (L1-L12).
        "So với cùng kỳ năm 2019 (cùng kỳ cấp 247 giấy phép xây dựng), số giấy phép giảm.",
        "Cùng kỳ năm trước đã cấp 247 giấy phép xây dựng.",
        "Quý I/2019 đã cấp 247 giấy phép xây dựng.",
        "Năm 2019 đã cấp 247 giấy phép xây dựng.",
        "Chỉ tiêu năm 2020 là cấp 997 giấy phép xây dựng.",
        "Kế hoạch năm 2020 cấp 997 giấy phép xây dựng.",
        "Phấn đấu trong quý II cấp 250 giấy phép xây dựng.",
        "Dự kiến quý II tuyển 120 người điều trị nghiện bằng Methadone.",
        "Trong tháng 3, đã cấp 85 giấy phép xây dựng.",
        "Có 15 người điều trị nghiện bằng Methadone đã bỏ điều trị.",
        "Có 622 hồ sơ thủ tục hành chính đã giải quyết trễ hạn.",
        "Xảy ra 7 vụ, giảm 2 vụ so với cùng kỳ (247 giấy phép xây dựng).",
        // The table's period, named or not: compared (L13-L17).
        "Quý I/2020 đã cấp 226 giấy phép xây dựng.",
        "Từ đầu năm 2020 đến nay đã cấp 226 giấy phép xây dựng.",
        "3 tháng đầu năm 2020 đã cấp 226 giấy phép xây dựng.",
        "Giá trị sản xuất giảm 4,11% so với cùng kỳ, đã cấp 226 giấy phép xây dựng.",
        // Resolved late: HC04, not HC02.
        "Có 620 hồ sơ thủ tục hành chính đã giải quyết trễ hạn.",
    ];
    std::fs::write(&report, lines.join("\n")).unwrap();
    let assert = tonghop()
        .args(["check-text", "--json"])
        .arg(&report)
        .arg("--against")
        .arg(&out)
        .assert()
        .code(1);
    let findings: Vec<serde_json::Value> =
        serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let got: Vec<(&str, &str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                field(f, "cell"),
                field(f, "indicator"),
                field(f, "expected"),
                field(f, "actual"),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("L13", "DO01", "223", "226"),
            ("L14", "DO01", "223", "226"),
            ("L15", "DO01", "223", "226"),
            ("L16", "DO01", "223", "226"),
            ("L17", "HC04", "622", "620"),
        ]
    );
}

/// Writes a .docx of `paragraphs` (the body XML of each `w:p`) with a
/// styles.xml in which "ListBullet" is numbered, as Word's is.
fn write_docx(to: &std::path::Path, paragraphs: &[String]) {
    use std::io::Write;
    let w = |s: &str| format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{s}"#);
    let ns = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let document = w(&format!(
        "<w:document {ns}><w:body>{}<w:sectPr/></w:body></w:document>",
        paragraphs.concat()
    ));
    let styles = w(&format!(
        r#"<w:styles {ns}><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#
    ));
    let mut z = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for (name, body) in [("word/document.xml", document), ("word/styles.xml", styles)] {
        z.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap();
}

#[test]
fn check_text_reads_list_items_bulleted_by_a_word_style_or_with_blank_lines() {
    // Items bulleted by Word's "List Bullet" style carry no numPr of their
    // own, and a Markdown list may have blank lines between its items:
    // both were read as paragraphs, and 410 ≠ 35 + 290 + 81 went unseen.
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("bao-cao.docx");
    let p = |style: &str, text: &str| {
        let ppr = if style.is_empty() {
            String::new()
        } else {
            format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#)
        };
        format!("<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>")
    };
    write_docx(
        &docx,
        &[
            p("", "Đã cách ly 410 người, cụ thể:"),
            p("ListBullet", "Cách ly tập trung 35 người;"),
            p("ListBullet", "Cách ly tại nhà 290 người;"),
            p("ListBullet", "Tự theo dõi 81 người."),
        ],
    );
    let md = dir.path().join("bao-cao.md");
    std::fs::write(
        &md,
        "Đã cách ly 410 người, cụ thể:\n\n- Cách ly tập trung 35 người;\n\n- Cách ly tại nhà 290 người;\n\n- Tự theo dõi 81 người.\n",
    )
    .unwrap();
    for (file, cell) in [(&docx, "P1"), (&md, "L1")] {
        let assert = tonghop()
            .args(["check-text", "--json"])
            .arg(file)
            .assert()
            .code(1);
        let findings: Vec<serde_json::Value> =
            serde_json::from_slice(&assert.get_output().stdout).unwrap();
        let got: Vec<(&str, &str, &str, &str)> = findings
            .iter()
            .map(|f| {
                (
                    field(f, "code"),
                    field(f, "cell"),
                    field(f, "expected"),
                    field(f, "actual"),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![("sum-mismatch", cell, "410 = 35 + 290 + 81", "410 ≠ 406")],
            "{}",
            file.display()
        );
    }
    // The terminal says the place in words: "P1" read as Phường 1 in an
    // office; errors.json keeps P1 (above).
    for (lang, place) in [
        ("vi", "bao-cao.docx › đoạn 1 · "),
        ("en", "bao-cao.docx › paragraph 1 · "),
    ] {
        let said = tonghop()
            .args(["check-text", "--lang", lang])
            .arg(&docx)
            .assert()
            .code(1);
        let said = String::from_utf8_lossy(&said.get_output().stdout).into_owned();
        assert!(said.starts_with(place), "{said}");
    }
    // The same items adding up: silent.
    std::fs::write(
        &md,
        "Đã cách ly 406 người, cụ thể:\n\n- Cách ly tập trung 35 người;\n\n- Cách ly tại nhà 290 người;\n\n- Tự theo dõi 81 người.\n",
    )
    .unwrap();
    tonghop().arg("check-text").arg(&md).assert().code(0);
}

#[test]
fn check_text_says_in_vietnamese_why_a_report_is_unreadable_and_how_to_fix_it() {
    // A corrupt .docx said "invalid Zip archive: Could not find EOCD" and
    // both it and a UTF-16 .txt were told to check the path.
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("bao-cao.docx");
    std::fs::write(&docx, "không phải zip").unwrap();
    let txt = dir.path().join("bao-cao.txt");
    let utf16: Vec<u8> = "Đã cấp 126 giấy phép"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(&txt, [&[0xFF, 0xFE][..], &utf16].concat()).unwrap();
    let help = "  cách xử lý: Hãy mở tệp bằng Word (hoặc trình soạn thảo văn bản) và lưu lại dạng .docx, hoặc .txt mã UTF-8, rồi chạy lại.\n";
    for (file, why) in [
        (&docx, "không đọc được văn bản Word: tệp không phải văn bản Word .docx đọc được (không mở được dạng nén zip: tệp hỏng, chưa lưu xong, hoặc là tệp .doc cũ đổi đuôi)"),
        (&txt, "không phải văn bản mã UTF-8 (có thể là UTF-16, hay mã cũ TCVN3, VNI)"),
    ] {
        let assert = tonghop()
            .args(["check-text", "--lang", "vi"])
            .arg(file)
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert_eq!(
            stderr,
            format!("tonghop: tệp báo cáo {}: {why}\n{help}", file.display())
        );
    }
}

#[test]
fn check_text_refuses_other_files_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bao-cao.pdf");
    std::fs::write(&p, "x").unwrap();
    let assert = tonghop().arg("check-text").arg(&p).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert_eq!(
        stderr,
        format!(
            "tonghop: {}: check-text đọc tệp .txt, .md và .docx\n  cách xử lý: xem cách dùng với «tonghop --help» hoặc «tonghop <lệnh> --help».\n",
            p.display()
        )
    );
}

/// A tester's two misses end to end: a list item's own "trong đó" on its
/// line, and two clauses joined by ";" each with its own "trong đó". The
/// wrong figures are found with their exact relation; the near misses
/// (the item's right split, the second clause's right share) say nothing.
#[test]
fn check_text_keeps_an_items_own_list_and_each_clauses_list_apart() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("du-thao.txt");
    std::fs::write(
        &report,
        [
            "Toàn quận đã thực hiện cách ly 428 người, cụ thể:",
            "+ Cách ly tập trung 46 người, trong đó: 12 người đang cách ly, 34 người đã hết thời gian cách ly;",
            "+ Cách ly tại nhà, nơi lưu trú 297 người;",
            "+ Tự theo dõi sức khỏe tại nhà 81 người.",
            "Tiếp nhận 1.215 văn bản đến, trong đó có 1.640 văn bản điện tử có chữ ký số; phát hành 986 văn bản đi, trong đó có 845 văn bản điện tử (chiếm 85,7%).",
            "",
        ]
        .join("\n"),
    )
    .unwrap();
    let out = dir.path().join("kiem-tra");
    let assert = tonghop()
        .arg("check-text")
        .arg(&report)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(
        stdout
            .contains("\">>1.215<< văn bản đến, trong đó có 1.640 văn bản điện tử có chữ ký số\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("du-thao.txt: 2 lỗi, 0 cảnh báo."),
        "{stdout}"
    );
    let findings = read_findings(&out.join("errors.json"));
    let got: Vec<(&str, &str, &str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                field(f, "severity"),
                field(f, "code"),
                field(f, "cell"),
                field(f, "expected"),
                field(f, "actual"),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "error",
                "sum-mismatch",
                "L1",
                "428 = 46 + 297 + 81",
                "428 ≠ 424"
            ),
            (
                "error",
                "sum-mismatch",
                "L5",
                "1.215 ≥ 1.640",
                "1.215 < 1.640"
            ),
        ]
    );
}

/// The two list shapes of real drafts, in a .txt and a .docx: a ";"
/// before a clause with its own verb and figure ends the "trong đó" list
/// (986 was read as a part of 1.215), and a list on one line whose item
/// has its own "trong đó" closed by ";" is checked (520 ≠ 120 + 380,
/// where nothing was said). Near misses that say the same as before: the
/// parts after "trong đó:" separated by ";" (640 + 575 = 1.215: nothing;
/// 640 + 585: the warning), the item's own parts (30 ≤ 120: nothing).
#[test]
fn check_text_ends_a_trong_do_list_at_a_new_clause_and_checks_a_one_line_list() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        "Tiếp nhận 1.215 văn bản đến, trong đó có 640 văn bản điện tử; phát hành 986 văn bản đi.",
        "Tổng số 1.215 văn bản, trong đó: văn bản điện tử 640; văn bản giấy 575.",
        "Tổng số 1.215 văn bản, trong đó: văn bản điện tử 640; văn bản giấy 585.",
        "Tổng số hộ nghèo 520 hộ, gồm: thành thị 120 hộ, trong đó hộ có người cao tuổi 30 hộ; nông thôn 380 hộ.",
        "Tổng số hộ nghèo 500 hộ, gồm: thành thị 120 hộ, trong đó hộ có người cao tuổi 30 hộ; nông thôn 380 hộ.",
    ];
    let txt = dir.path().join("du-thao.txt");
    std::fs::write(&txt, lines.join("\n") + "\n").unwrap();
    let docx = dir.path().join("du-thao.docx");
    let paragraphs: Vec<String> = lines
        .iter()
        .map(|l| format!("<w:p><w:r><w:t>{l}</w:t></w:r></w:p>"))
        .collect();
    write_docx(&docx, &paragraphs);
    for (file, name, at, place) in [
        (&txt, "du-thao.txt", "L", "dòng "),
        (&docx, "du-thao.docx", "P", "đoạn "),
    ] {
        let out = dir.path().join(format!("kiem-tra-{at}"));
        let assert = tonghop()
            .arg("check-text")
            .arg(file)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(1);
        let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
        let expected = format!(
            "{name} › {place}3 · Cảnh báo sum-mismatch\n    \">>1.215<< văn bản, trong đó: văn bản điện tử 640; văn bản giấy 585\"\n    Phải có: 1.215 ≥ 640 + 585 · Ghi: 1.215 < 1.225\n    Các phần 640 + 585 = 1.225 vượt tổng 1.215; trừ khi các phần tính trùng nhau (một đối tượng thuộc hai phần), một trong các số này sai.\n\n\
             {name} › {place}4 · Lỗi sum-mismatch\n    \">>520<< hộ, gồm: thành thị 120 hộ, trong đó hộ có người cao tuổi 30 hộ; nông thôn 380 hộ\"\n    Phải có: 520 = 120 + 380 · Ghi: 520 ≠ 500\n    Tổng 520 và tổng các phần 120 + 380 = 500 phải bằng nhau; một trong các số này sai: kiểm tra lại tổng và từng phần.\n\n\
             {name}: 1 lỗi, 1 cảnh báo.\n"
        );
        assert_eq!(stdout, expected);
        let findings = read_findings(&out.join("errors.json"));
        let got: Vec<(&str, &str, &str, &str, &str)> = findings
            .iter()
            .map(|f| {
                (
                    field(f, "severity"),
                    field(f, "code"),
                    field(f, "cell"),
                    field(f, "expected"),
                    field(f, "actual"),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "warning",
                    "sum-mismatch",
                    &*format!("{at}3"),
                    "1.215 ≥ 640 + 585",
                    "1.215 < 1.225"
                ),
                (
                    "error",
                    "sum-mismatch",
                    &*format!("{at}4"),
                    "520 = 120 + 380",
                    "520 ≠ 500"
                ),
            ],
            "{name}"
        );
    }
}

/// Regression (tester CA's Q3/2020 draft): four claims were not checked.
/// L1 «tiếp nhận 3.930 hồ sơ thủ tục hành chính» in a sentence of «quận
/// và 16 phường» named no indicator; L2–L4 the item of a list whose
/// lead-in says «trong quý» was a warning that it may be cumulative; L5
/// money a unit off (17,8 tỷ where the table has 17.800.000 đồng) was
/// left alone; L6 and L7 a part's share against the whole of an a/b or a
/// «tổng số» was not checked. Each has its correct twin, which stays
/// silent.
#[test]
fn check_text_checks_a_deeds_noun_a_lists_period_money_a_unit_off_and_a_parts_share() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("th");
    let none = f64::NAN;
    let rows = [
        (
            "HC01",
            "Hồ sơ thủ tục hành chính đã tiếp nhận",
            3390.0,
            none,
        ),
        (
            "HC02",
            "Hồ sơ thủ tục hành chính đã giải quyết",
            2871.0,
            none,
        ),
        (
            "HC09",
            "Hồ sơ giải quyết qua dịch vụ công trực tuyến",
            672.0,
            none,
        ),
        ("YT10", "Người được cách ly, theo dõi sức khỏe", 325.0, none),
        ("YT11", "Cách ly tập trung", 44.0, none),
        ("YT12", "Cách ly tại nhà", 208.0, none),
        ("YT13", "Tự theo dõi sức khỏe", 73.0, none),
        (
            "YT25",
            "Tiền phạt vi phạm an toàn thực phẩm",
            17_800_000.0,
            none,
        ),
    ];
    write_table(
        &out,
        "TỔNG HỢP SỐ LIỆU KINH TẾ - XÃ HỘI — QUÝ III/2020",
        &rows,
    );
    let lines = [
        "Bộ phận tiếp nhận và trả kết quả quận và 16 phường trong quý tiếp nhận 3.930 hồ sơ thủ tục hành chính; đã giải quyết 2.871 hồ sơ.",
        "Tổng số người được cách ly, theo dõi sức khỏe trong quý là 325 người, cụ thể:",
        "+ Cách ly tập trung 44 người;",
        "+ Cách ly tại nhà 208 người;",
        "+ Tự theo dõi sức khỏe 83 người.",
        "Xử phạt 10 cơ sở, tiền phạt vi phạm an toàn thực phẩm 17,8 tỷ đồng.",
        "Hồ sơ giải quyết đúng hạn 2.575/2.871 hồ sơ, tỷ lệ 89,69%; trễ hạn 296 hồ sơ (11,31%).",
        "Trong tổng số 3.390 hồ sơ tiếp nhận, có 672 hồ sơ giải quyết qua dịch vụ công trực tuyến (chiếm 21,82%).",
        // Near misses: the same claims written right; one ward's figure.
        "Bộ phận tiếp nhận và trả kết quả quận và 16 phường trong quý tiếp nhận 3.390 hồ sơ thủ tục hành chính.",
        "Tổng số người được cách ly, theo dõi sức khỏe trong quý là 325 người, cụ thể:",
        "+ Cách ly tập trung 44 người;",
        "+ Cách ly tại nhà 208 người;",
        "+ Tự theo dõi sức khỏe 73 người.",
        "Tiền phạt vi phạm an toàn thực phẩm 17,8 triệu đồng (17.800.000 đồng).",
        "Hồ sơ giải quyết đúng hạn 2.575/2.871 hồ sơ, tỷ lệ 89,69%; trễ hạn 296 hồ sơ (10,31%).",
        "Trong tổng số 3.390 hồ sơ tiếp nhận, có 672 hồ sơ giải quyết qua dịch vụ công trực tuyến (chiếm 19,82%).",
        "Phường 5 trong quý tiếp nhận 120 hồ sơ thủ tục hành chính.",
    ];
    let report = dir.path().join("bao-cao.txt");
    std::fs::write(&report, lines.join("\n")).unwrap();
    let found = dir.path().join("kiem-tra");
    tonghop()
        .arg("check-text")
        .arg(&report)
        .arg("--against")
        .arg(&out)
        .arg("--out")
        .arg(&found)
        .assert()
        .code(1);
    let findings = read_findings(&found.join("errors.json"));
    let got: Vec<(&str, &str, &str, &str, &str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                field(f, "severity"),
                field(f, "code"),
                field(f, "cell"),
                field(f, "indicator"),
                field(f, "column"),
                field(f, "expected"),
                field(f, "actual"),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "error",
                "text-vs-table",
                "L1",
                "HC01",
                "TH",
                "3.390",
                "3.930"
            ),
            (
                "error",
                "sum-mismatch",
                "L2",
                "",
                "",
                "325 = 44 + 208 + 83",
                "325 ≠ 335"
            ),
            ("error", "text-vs-table", "L5", "YT13", "TH", "73", "83"),
            (
                "error",
                "text-vs-table",
                "L6",
                "YT25",
                "TH",
                "17,8 triệu đồng",
                "17,8 tỷ đồng"
            ),
            ("error", "pct-mismatch", "L7", "", "", "10,31", "11,31"),
            ("error", "pct-mismatch", "L8", "", "", "19,82", "21,82"),
        ]
    );
    let unit = findings.iter().find(|f| field(f, "cell") == "L6").unwrap();
    assert_eq!(
        field(unit, "message"),
        "Văn bản ghi 17,8 tỷ đồng cho chỉ tiêu YT25 «Tiền phạt vi phạm an toàn thực phẩm» nhưng bảng tổng hợp có 17.800.000 đồng, tức 17,8 triệu đồng: sai đơn vị, ghi 17,8 triệu đồng, không phải tỷ đồng."
    );
}

/// The cases verifier B11 left open, on a real report and a real table
/// of the third quarter without LK: place labels in a list, a one-line
/// list after a colon, a part's bare percent, a Word table in the
/// report, and a figure naming no period or the months from January
/// where the table has the quarter's TH alone.
#[test]
fn check_text_reads_label_lists_one_line_lists_bare_shares_word_tables_and_th_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("th");
    let none = f64::NAN;
    write_table(
        &out,
        "TỔNG HỢP SỐ LIỆU KINH TẾ - XÃ HỘI — QUÝ III/2020",
        &[
            (
                "DO01",
                "Giấy phép xây dựng, sửa chữa nhà đã cấp",
                139.0,
                none,
            ),
            (
                "HC01",
                "Hồ sơ thủ tục hành chính đã tiếp nhận",
                3390.0,
                none,
            ),
        ],
    );
    let report = dir.path().join("bao-cao.txt");
    let lines = [
        // L1: labels in a list; 70 + 50 = 120: nothing.
        "Tổng số 120 hộ, gồm: Phường 1, 3 và 5 có 70 hộ, Phường 2 có 50 hộ.",
        "Tổng số 120 hộ, gồm: các xã 2, 4, 7 có 70 hộ, xã 3 có 50 hộ.",
        "Tổng số 120 hộ, gồm: Tổ 1–3 có 70 hộ, Tổ 4-6 có 50 hộ.",
        // L4: the same labels, parts that do not add up: found.
        "Tổng số 120 hộ, gồm: Phường 1, 3 và 5 có 70 hộ, Phường 2 có 40 hộ.",
        // L5: a one-line list after "Trong quý III:": each item the
        // quarter's, two errors.
        "Trong quý III: đã cấp 193 giấy phép xây dựng; tiếp nhận 3.930 hồ sơ thủ tục hành chính.",
        // L6: near miss, no colon: the semicolon may end the clause; a
        // figure naming no period above TH may be the months from
        // January the table lacks: a warning.
        "Trong quý III, đã cấp 139 giấy phép xây dựng; tiếp nhận 3.930 hồ sơ thủ tục hành chính.",
        // L7: another period in a lead-in of words alone: nothing.
        "So với cùng kỳ năm 2019: đã cấp 193 giấy phép xây dựng; tiếp nhận 3.930 hồ sơ thủ tục hành chính.",
        // L8: a part's bare percent, the whole named: 1.250/5.729 is
        // 21,82%, not 31,82%.
        "Tổng số hộ trên địa bàn 5.729 hộ, trong đó hộ nghèo là 1.250 hộ (31,82%), hộ cận nghèo 479 hộ (8,36%).",
        // L9: near misses: the same right; no whole named.
        "Tổng số hộ trên địa bàn 5.729 hộ, trong đó hộ nghèo là 1.250 hộ (21,82%), hộ cận nghèo 479 hộ (8,36%).",
        "Năm 2020 có 1.250 hộ (31,82%) được hỗ trợ vay vốn.",
        // L11: the months from January below the quarter's TH: an error.
        "9 tháng đầu năm 2020 đã cấp 120 giấy phép xây dựng.",
        // L12: near miss, above it: not compared, counted in the info.
        "9 tháng đầu năm 2020 đã cấp 412 giấy phép xây dựng.",
    ];
    std::fs::write(&report, lines.join("\n")).unwrap();
    let found = dir.path().join("kiem-tra");
    tonghop()
        .arg("check-text")
        .arg(&report)
        .arg("--against")
        .arg(&out)
        .arg("--out")
        .arg(&found)
        .assert()
        .code(1);
    let findings = read_findings(&found.join("errors.json"));
    let got: Vec<(&str, &str, &str, &str, &str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                field(f, "severity"),
                field(f, "code"),
                field(f, "cell"),
                field(f, "indicator"),
                field(f, "column"),
                field(f, "expected"),
                field(f, "actual"),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "error",
                "sum-mismatch",
                "L4",
                "",
                "",
                "120 = 70 + 40",
                "120 ≠ 110"
            ),
            ("error", "text-vs-table", "L5", "DO01", "TH", "139", "193"),
            (
                "error",
                "text-vs-table",
                "L5",
                "HC01",
                "TH",
                "3.390",
                "3.930"
            ),
            (
                "warning",
                "text-vs-table",
                "L6",
                "HC01",
                "TH",
                "3.390",
                "3.930"
            ),
            ("error", "pct-mismatch", "L8", "", "", "21,82", "31,82"),
            (
                "error",
                "text-vs-table",
                "L11",
                "DO01",
                "LK",
                "≥ 139",
                "120"
            ),
            ("info", "text-vs-table", "L12", "", "", "", ""),
        ]
    );
    let below = findings.iter().find(|f| field(f, "cell") == "L11").unwrap();
    assert_eq!(
        field(below, "message"),
        "Văn bản ghi lũy kế từ đầu năm 120 cho chỉ tiêu DO01 «Giấy phép xây dựng, sửa chữa nhà đã cấp» nhưng riêng số thực hiện trong quý ở bảng tổng hợp đã là 139: lũy kế không thể nhỏ hơn số của quý; sửa số trong văn bản hoặc kiểm tra lại bảng."
    );

    // A Word table in the report: a cell under «Cùng kỳ năm 2019» says
    // no period of its own and is not compared; a cell's own sums are
    // checked as any paragraph's; the paragraph after the table keeps
    // its number.
    let docx = dir.path().join("bao-cao.docx");
    let p = |text: &str| format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>");
    let cell = |text: &str| format!("<w:tc>{}</w:tc>", p(text));
    let row = |cells: &[&str]| {
        format!(
            "<w:tr>{}</w:tr>",
            cells.iter().map(|c| cell(c)).collect::<String>()
        )
    };
    let table = format!(
        "<w:tbl>{}{}{}</w:tbl>",
        row(&["Nội dung", "Cùng kỳ năm 2019", "Quý III/2020"]),
        row(&[
            "Giấy phép",
            "Đã cấp 247 giấy phép xây dựng",
            "Đã cấp 139 giấy phép xây dựng"
        ]),
        row(&[
            "Hộ",
            "Tổng số 120 hộ, gồm: Phường 1, 3 và 5 có 70 hộ, Phường 2 có 50 hộ",
            "Tổng 46 hộ (nam 20, nữ 25)"
        ]),
    );
    write_docx(
        &docx,
        &[
            p("Kết quả cấp phép so với cùng kỳ, cụ thể:"),
            table,
            p("Trong quý III: đã cấp 193 giấy phép xây dựng."),
        ],
    );
    let assert = tonghop()
        .args(["check-text", "--json", "--against"])
        .arg(&out)
        .arg(&docx)
        .assert()
        .code(1);
    let findings: Vec<serde_json::Value> =
        serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let got: Vec<(&str, &str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                field(f, "code"),
                field(f, "cell"),
                field(f, "expected"),
                field(f, "actual"),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("sum-mismatch", "P10", "46 = 20 + 25", "46 ≠ 45"),
            ("text-vs-table", "P11", "139", "193"),
        ]
    );
}

/// The two gaps CA left open. A whole named after its part («1.250 hộ
/// (31,82%) trong tổng số 5.729 hộ nghèo»): the percent is part/whole.
/// Ranges of place labels («Tổ 1 đến 3», «Tổ dân phố 1 đến tổ 3», «từ
/// Phường 1 đến Phường 5»): labels, never parts of a sum nor figures
/// compared with the table, and the sentence's real figures are still
/// checked.
#[test]
fn check_text_reads_a_whole_named_after_its_part_and_ranges_of_labels() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        // L1: the part, its percent, then the whole: 1.250/5.729 = 21,82%.
        "Năm 2020, đã hỗ trợ vay vốn cho 1.250 hộ (31,82%) trong tổng số 5.729 hộ nghèo.",
        // L2: near miss, the same right.
        "Đã hỗ trợ 1.250 hộ (21,82%) trên tổng số 5.729 hộ nghèo.",
        // L3, L4, L5: the other ways to name the whole after the part.
        "Đã hỗ trợ 1.250 hộ (31,82%) so với tổng số 5.729 hộ nghèo.",
        "Đã hỗ trợ 1.250 hộ (tỷ lệ 31,82%) trên tổng 5.729 hộ nghèo.",
        "Đã hỗ trợ 1.250 hộ, chiếm 31,82% trong tổng số 5.729 hộ nghèo.",
        // L6: the operands in brackets after «chiếm» (already read); L7
        // the same right.
        "Hộ nghèo được hỗ trợ chiếm 31,82% (1.250/5.729 hộ).",
        "Hộ nghèo được hỗ trợ chiếm 21,82% (1.250/5.729 hộ).",
        // L8: near miss, a growth against the same period names no whole.
        "Số hộ được hỗ trợ tăng 31,82% so với cùng kỳ (5.729 hộ).",
        // L9, L10: the whole first, as before: right, then wrong.
        "Trong tổng số 12 xã, 5 xã đạt chuẩn (41,67%).",
        "Trong tổng số 12 xã, 5 xã đạt chuẩn (31,67%).",
        // L11: near miss, the whole named after the part is the base,
        // not the 6.412 households counted before it.
        "Toàn phường có 6.412 hộ, đã hỗ trợ 1.250 hộ (21,82%) trong tổng số 5.729 hộ nghèo.",
        // L12: off by rounding only: a warning.
        "Đã hỗ trợ 1.250 hộ (21,9%) trong tổng số 5.729 hộ nghèo.",
        // L13: near miss, the whole in another unit: nothing read.
        "Đã hỗ trợ 1.250 hộ (31,82%) trong tổng số 5.729 người.",
        // L14: ranges of labels; 70 + 50 = 120: nothing.
        "Tổng số 120 hộ, gồm: Tổ 1 đến 3 có 70 hộ, Tổ 4 đến 6 có 50 hộ.",
        // L15, L16, L17: the same ranges, parts that do not add up.
        "Tổng số 120 hộ, gồm: Tổ 1 đến 3 có 70 hộ, Tổ 4 đến 6 có 40 hộ.",
        "Tổng số 120 hộ, gồm: Tổ dân phố 1 đến tổ 3 có 70 hộ, Tổ dân phố 4 đến tổ 6 có 40 hộ.",
        "Tổng số 120 hộ, gồm: từ Phường 1 đến Phường 5 có 70 hộ, từ Phường 6 tới Phường 9 có 40 hộ.",
        // L18: both at once, right: 70/220 = 31,82%.
        "Từ Phường 1 đến Phường 5 có 70 hộ (31,82%) trong tổng số 220 hộ.",
        // L19: the same wrong, «3» of the range no figure.
        "Tổ 1 đến 3 có 70 hộ (41,82%) trong tổng số 220 hộ.",
        // L20: near miss, a range of figures (months) is a bound: the
        // list is left alone, as before.
        "Tổng số 120 hộ, gồm: 70 hộ được hỗ trợ từ 1 đến 3 tháng, 40 hộ còn lại.",
    ];
    let report = dir.path().join("bao-cao.txt");
    std::fs::write(&report, lines.join("\n")).unwrap();
    let found = dir.path().join("kiem-tra");
    let assert = tonghop()
        .arg("check-text")
        .arg(&report)
        .arg("--out")
        .arg(&found)
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(
        stdout.contains(
            "bao-cao.txt › dòng 1 · Lỗi pct-mismatch\n    \"1.250 hộ (>>31,82%<<) trong tổng số 5.729 hộ\"\n    Tính lại: 21,82 · Ghi: 31,82\n    Tỷ lệ ghi 31,82% nhưng 1.250/5.729 cho 21,82%: sửa thành 21,82%"
        ),
        "{stdout}"
    );
    let findings = read_findings(&found.join("errors.json"));
    let got: Vec<(&str, &str, &str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                field(f, "severity"),
                field(f, "code"),
                field(f, "cell"),
                field(f, "expected"),
                field(f, "actual"),
            )
        })
        .collect();
    let sum = |cell| ("error", "sum-mismatch", cell, "120 = 70 + 40", "120 ≠ 110");
    assert_eq!(
        got,
        vec![
            ("error", "pct-mismatch", "L1", "21,82", "31,82"),
            ("error", "pct-mismatch", "L3", "21,82", "31,82"),
            ("error", "pct-mismatch", "L4", "21,82", "31,82"),
            ("error", "pct-mismatch", "L5", "21,82", "31,82"),
            ("error", "pct-mismatch", "L6", "21,82", "31,82"),
            ("error", "pct-mismatch", "L10", "41,67", "31,67"),
            ("warning", "pct-rounding", "L12", "21,8", "21,9"),
            sum("L15"),
            sum("L16"),
            sum("L17"),
            ("error", "pct-mismatch", "L19", "31,82", "41,82"),
        ]
    );

    // With the table: a figure of residential groups named by their
    // numbers (a range or one) is theirs, not the district's, and is not
    // compared; the labels' numbers are no figures; «Tổ công tác» names
    // no place and its figure is compared.
    let out = dir.path().join("th");
    write_table(
        &out,
        "TỔNG HỢP SỐ LIỆU KINH TẾ - XÃ HỘI — QUÝ III/2020",
        &[(
            "DO01",
            "Giấy phép xây dựng, sửa chữa nhà đã cấp",
            139.0,
            f64::NAN,
        )],
    );
    let report = dir.path().join("bao-cao-q3.txt");
    std::fs::write(
        &report,
        [
            "Trong quý III, Tổ dân phố 1 đến tổ 3 đã cấp 40 giấy phép xây dựng.",
            "Trong quý III, Tổ 1 đến 3 đã cấp 40 giấy phép xây dựng.",
            "Trong quý III, Khu phố 2 đã cấp 40 giấy phép xây dựng.",
            "Trong quý III, đã cấp giấy phép xây dựng cho Tổ 1 đến 3.",
            "Trong quý III, Tổ công tác đã cấp 193 giấy phép xây dựng.",
        ]
        .join("\n"),
    )
    .unwrap();
    let assert = tonghop()
        .args(["check-text", "--json", "--against"])
        .arg(&out)
        .arg(&report)
        .assert()
        .code(1);
    let findings: Vec<serde_json::Value> =
        serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let got: Vec<(&str, &str, &str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                field(f, "code"),
                field(f, "cell"),
                field(f, "indicator"),
                field(f, "expected"),
                field(f, "actual"),
            )
        })
        .collect();
    assert_eq!(got, vec![("text-vs-table", "L5", "DO01", "139", "193")]);

    // A Word report: the same claim in a paragraph.
    let docx = dir.path().join("bao-cao.docx");
    let p = |text: &str| format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>");
    write_docx(
        &docx,
        &[
            p("Kết quả hỗ trợ hộ nghèo:"),
            p("Đã hỗ trợ 1.250 hộ (21,82%) trong tổng số 5.729 hộ nghèo."),
            p("Tổ 1 đến 3 có 70 hộ (41,82%) trên tổng số 220 hộ."),
        ],
    );
    let assert = tonghop()
        .args(["check-text", "--json"])
        .arg(&docx)
        .assert()
        .code(1);
    let findings: Vec<serde_json::Value> =
        serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let got: Vec<(&str, &str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                field(f, "code"),
                field(f, "cell"),
                field(f, "expected"),
                field(f, "actual"),
            )
        })
        .collect();
    assert_eq!(got, vec![("pct-mismatch", "P3", "31,82", "41,82")]);
}

/// Tester CO: «Trong quý I/2020 … đạt 60.705» was compared with the
/// table's LK and told to follow it, while the LK total was itself red
/// (a ward's TH and LK disagree). A sentence naming the quarter is
/// compared with the TH, and a total the workbook marks in error is
/// said to be so: the text is not asked to follow it. Near miss: the
/// same sentence against a table with no error asks to correct the text.
#[test]
fn check_text_against_a_disputed_total_says_the_table_is_in_error() {
    use crate::trust::{hc_rows, one_row_header, write_sheet};
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("tpl");
    crate::checks::write_template(&tpl, "");
    let header = [("Thực hiện quý I", 1), ("Lũy kế", 1)];
    let batch = |name: &str, ward1_lk: [f64; 3]| {
        let input = dir.path().join(format!("in-{name}"));
        std::fs::create_dir_all(&input).unwrap();
        for (k, th, lk) in [
            (1, [100.0, 90.0, 10.0], ward1_lk),
            (2, [50.0, 45.0, 5.0], [50.0, 45.0, 5.0]),
        ] {
            write_sheet(
                &input.join(format!("phuong-{k}.xlsx")),
                &format!("UBND PHƯỜNG {k}"),
                "QUÝ I/2020",
                &one_row_header(&header),
                &hc_rows(th, Some(lk)),
            );
        }
        let out = dir.path().join(format!("out-{name}"));
        crate::checks::consolidate(&input, &out, &tpl, "2020-Q1", &[]);
        out
    };
    let report = dir.path().join("bao-cao.txt");
    std::fs::write(
        &report,
        "Trong quý I/2020 đã giải quyết 105 hồ sơ thủ tục hành chính.\n",
    )
    .unwrap();
    let against = |out: &std::path::Path, lang: &str| {
        let assert = tonghop()
            .args(["check-text", "--json", "--lang", lang])
            .arg(&report)
            .arg("--against")
            .arg(out)
            .assert()
            .code(1);
        let findings: Vec<serde_json::Value> =
            serde_json::from_slice(&assert.get_output().stdout).unwrap();
        findings
            .iter()
            .map(|f| {
                [
                    "severity",
                    "code",
                    "cell",
                    "indicator",
                    "column",
                    "expected",
                    "actual",
                    "message",
                ]
                .map(|k| field(f, k).to_string())
                .join("|")
            })
            .collect::<Vec<_>>()
    };
    // Phường 1's LK 109 (99 + 10) against its TH 100 (90 + 10): which
    // is wrong is not known, TH 150 and LK 159 are both in dispute.
    let disputed = batch("disputed", [109.0, 99.0, 10.0]);
    assert_eq!(
        against(&disputed, "vi"),
        ["error|text-vs-table|L1|HC02|TH|150|105|Văn bản ghi 105 cho chỉ tiêu HC02 «Hồ sơ thủ tục hành chính đã giải quyết», bảng tổng hợp có số thực hiện trong quý 150, nhưng số trong bảng tổng hợp đang bị đánh dấu lỗi: chưa biết số nào đúng. Hãy xử lý lỗi của bảng trước (xem ghi chú của ô trong tong-hop.xlsx) rồi đối chiếu lại; không sửa văn bản theo số này."]
    );
    assert_eq!(
        against(&disputed, "en"),
        ["error|text-vs-table|L1|HC02|TH|150|105|The text reads 105 for indicator HC02 «Hồ sơ thủ tục hành chính đã giải quyết»; the consolidated table has 150 (this quarter), but that figure of the table is itself marked as an error: which is right is not known. Resolve the table's error first (see the cell's note in tong-hop.xlsx), then compare again; do not correct the text to it."]
    );
    // Near misses: the wards agree with themselves, or Phường 1's LK
    // 109 alone is wrong (its parts add up to its TH 100): the quarter's
    // TH 150 is undisputed and the text is to be corrected.
    let plain = "error|text-vs-table|L1|HC02|TH|150|105|The text reads 105 for indicator HC02 «Hồ sơ thủ tục hành chính đã giải quyết» but the consolidated table has 150 (this quarter): correct the text or check the table.";
    let clean = batch("clean", [100.0, 90.0, 10.0]);
    assert_eq!(against(&clean, "en"), [plain]);
    let lk_alone = batch("lk-alone", [109.0, 90.0, 10.0]);
    assert_eq!(against(&lk_alone, "en"), [plain]);
}

/// Runs `check-text --json` on `text` (a `.txt`), against `table` when
/// given, and returns (code, severity, cell, expected, actual) of each
/// finding.
fn text_findings(
    dir: &std::path::Path,
    text: &str,
    table: Option<&std::path::Path>,
) -> Vec<(String, String, String, String, String)> {
    let report = dir.join("bao-cao.txt");
    std::fs::write(&report, text).unwrap();
    let mut cmd = tonghop();
    cmd.args(["check-text", "--json"]).arg(&report);
    if let Some(t) = table {
        cmd.arg("--against").arg(t);
    }
    let out = cmd.output().unwrap();
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    findings
        .iter()
        .map(|f| {
            (
                field(f, "code").to_string(),
                field(f, "severity").to_string(),
                field(f, "cell").to_string(),
                field(f, "expected").to_string(),
                field(f, "actual").to_string(),
            )
        })
        .collect()
}

/// Regression (tester DQ): «60,5 nghìn lượt người» was compared as 60,5
/// with the table's 60.507 and called an error. «nghìn», «triệu», «tỷ»
/// after a figure multiply it, and the figure agrees with the table to
/// its written precision; «9,3 nghìn tỷ đồng» is money in tỷ đồng. A
/// figure off beyond its rounding is still an error.
#[test]
fn check_text_against_reads_a_count_in_thousands_to_its_precision() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tong-hop");
    let rows: [(&str, &str, f64, f64); 4] = [
        ("YT01", "Lượt khám chữa bệnh", 60507.0, 60507.0),
        (
            "HC01",
            "Hồ sơ thủ tục hành chính đã tiếp nhận",
            19541.0,
            19541.0,
        ),
        (
            "HC02",
            "Hồ sơ thủ tục hành chính đã giải quyết",
            17693.0,
            17693.0,
        ),
        (
            "NS01",
            "Thu ngân sách nhà nước trên địa bàn",
            9312.0,
            9312.0,
        ),
    ];
    write_table(&out, "TỔNG HỢP SỐ LIỆU KINH TẾ - XÃ HỘI", &rows);
    let got = text_findings(
        dir.path(),
        "Lượt khám chữa bệnh trong quý đạt 60,5 nghìn lượt người.\n\
         Hồ sơ thủ tục hành chính đã tiếp nhận 19,5 nghìn hồ sơ.\n\
         Thu ngân sách nhà nước trên địa bàn đạt 9,3 nghìn tỷ đồng.\n\
         Hồ sơ thủ tục hành chính đã giải quyết 18,9 nghìn hồ sơ.\n\
         Thu ngân sách nhà nước trên địa bàn đạt 9,8 nghìn tỷ đồng.\n",
        Some(&out),
    );
    let brief: Vec<(&str, &str, &str, &str)> = got
        .iter()
        .map(|(c, s, cell, _, a)| (c.as_str(), s.as_str(), cell.as_str(), a.as_str()))
        .collect();
    assert_eq!(
        brief,
        vec![
            ("text-vs-table", "error", "L4", "18,9 nghìn"),
            ("text-vs-table", "error", "L5", "9,8 nghìn tỷ đồng"),
        ],
        "{got:?}"
    );
    assert!(got[0].3.ends_with(" nghìn"), "{got:?}");
}

/// Regression (tester DQ): «Đã giải quyết 17.693/19.541 hồ sơ …; trong
/// đó đúng hạn 17.071 hồ sơ (96,48%)» was an error «17.071/19.541 cho
/// 87,36%»: the share of a part after «trong đó» may be of the files
/// settled (17.693). A percent neither base gives is still an error.
#[test]
fn check_text_takes_the_settled_files_as_the_base_of_a_part_after_trong_do() {
    let dir = tempfile::tempdir().unwrap();
    let right = text_findings(
        dir.path(),
        "Đã giải quyết 17.693/19.541 hồ sơ tiếp nhận, đạt tỷ lệ 90,54%; trong đó đúng hạn 17.071 hồ sơ (96,48%), trễ hạn 622 hồ sơ (3,52%).\n",
        None,
    );
    assert_eq!(right, vec![], "{right:?}");
    let wrong = text_findings(
        dir.path(),
        "Đã giải quyết 17.693/19.541 hồ sơ tiếp nhận, đạt tỷ lệ 90,54%; trong đó đúng hạn 17.071 hồ sơ (92,48%), trễ hạn 622 hồ sơ (3,52%).\n",
        None,
    );
    let brief: Vec<(&str, &str, &str)> = wrong
        .iter()
        .map(|(c, s, cell, _, _)| (c.as_str(), s.as_str(), cell.as_str()))
        .collect();
    assert_eq!(brief, vec![("pct-mismatch", "error", "L1")], "{wrong:?}");
    assert_eq!(wrong[0].4, "92,48", "{wrong:?}");
}

/// Regression (tester DQ): «đã tiếp nhận 121 tin, trong đó đã xử lý, trả
/// lời 106 tin, đang xác minh 31 tin» was a sum-mismatch warning: work
/// done and work pending may include items of earlier periods. A part
/// above the total is still flagged, and parts of one state still add.
#[test]
fn check_text_lets_done_and_pending_parts_exceed_the_items_received() {
    let dir = tempfile::tempdir().unwrap();
    let right = text_findings(
        dir.path(),
        "Tin báo qua đường dây nóng đã tiếp nhận 121 tin, trong đó đã xử lý, trả lời 106 tin, đang xác minh 31 tin.\n",
        None,
    );
    assert_eq!(right, vec![], "{right:?}");
    let wrong = text_findings(
        dir.path(),
        "Tin báo qua đường dây nóng đã tiếp nhận 121 tin, trong đó đã xử lý, trả lời 126 tin, đang xác minh 31 tin.\n",
        None,
    );
    let codes: Vec<(&str, &str)> = wrong
        .iter()
        .map(|(c, _, cell, _, _)| (c.as_str(), cell.as_str()))
        .collect();
    assert_eq!(codes, vec![("sum-mismatch", "L1")], "{wrong:?}");
    let same_state = text_findings(
        dir.path(),
        "Tin báo qua đường dây nóng đã tiếp nhận 121 tin, trong đó đã xử lý 106 tin, đã trả lời 31 tin.\n",
        None,
    );
    let codes: Vec<(&str, &str)> = same_state
        .iter()
        .map(|(c, _, cell, _, _)| (c.as_str(), cell.as_str()))
        .collect();
    assert_eq!(codes, vec![("sum-mismatch", "L1")], "{same_state:?}");
}

/// Regression (tester DQ, bao-cao-tinh.txt): `--against` a table
/// consolidated under another template (codes `HC.02`, `KT.12`) than the
/// one check-text names indicators by told the user to consolidate again
/// with `--previous`; the table had no row of those indicators at all.
/// It now says the table is of another template and asks for
/// `--template`, naming each indicator by its code and name. Near miss:
/// a table of the same template that lacks one row only is an info that
/// names no other template.
#[test]
fn check_text_against_a_table_of_another_template_asks_for_template() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("bao-cao.txt");
    std::fs::write(
        &report,
        "Đã giải quyết 50.837 hồ sơ thủ tục hành chính.\nTrong quý đã cấp 126 giấy phép xây dựng.\n",
    )
    .unwrap();
    let run = |table: &std::path::Path, lang: &str| -> Vec<serde_json::Value> {
        let out = tonghop()
            .args(["check-text", "--json", "--lang", lang])
            .arg(&report)
            .arg("--against")
            .arg(table)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let other = dir.path().join("tinh");
    write_table(
        &other,
        "TỔNG HỢP SỐ LIỆU KINH TẾ - XÃ HỘI — QUÝ I/2026",
        &[
            (
                "HC.02",
                "Hồ sơ thủ tục hành chính đã giải quyết",
                50837.0,
                50837.0,
            ),
            ("KT.12", "Tổng mức bán lẻ hàng hóa", 1046.0, 1046.0),
        ],
    );
    let findings = run(&other, "vi");
    assert_eq!(findings.len(), 1, "{findings:?}");
    let f = &findings[0];
    assert_eq!(
        (field(f, "severity"), field(f, "code"), field(f, "cell")),
        ("warning", "text-vs-table", "L1")
    );
    assert_eq!(
        field(f, "message"),
        "2 số liệu trong văn bản gắn với chỉ tiêu của mẫu biểu đang dùng nhưng chưa so được với bảng tổng hợp, vì bảng được tổng hợp theo một mẫu biểu khác: không mã chỉ tiêu nào của bảng (HC.02, KT.12) có trong mẫu biểu này. Các số chưa so: HC02 «Hồ sơ thủ tục hành chính đã giải quyết» (dòng 1), DO01 «Giấy phép xây dựng, sửa chữa nhà đã cấp» (dòng 2). Chạy lại check-text với --template là thư mục mẫu biểu đã dùng khi tổng hợp bảng này."
    );
    let en = run(&other, "en");
    let message = field(&en[0], "message");
    assert!(
        message.contains("consolidated under another template"),
        "{message}"
    );
    assert!(message.contains("--template"), "{message}");
    assert!(!message.contains("--previous"), "{message}");
    assert!(
        message.contains("HC02 «Hồ sơ thủ tục hành chính đã giải quyết» (line 1)"),
        "{message}"
    );

    // Near miss: the same template's table, only DO01's row missing.
    let same = dir.path().join("quan");
    write_table(
        &same,
        "TỔNG HỢP SỐ LIỆU KINH TẾ - XÃ HỘI — QUÝ I/2020",
        &[(
            "HC02",
            "Hồ sơ thủ tục hành chính đã giải quyết",
            50837.0,
            50837.0,
        )],
    );
    let findings = run(&same, "vi");
    assert_eq!(findings.len(), 1, "{findings:?}");
    let f = &findings[0];
    assert_eq!((field(f, "severity"), field(f, "cell")), ("info", "L2"));
    let message = field(f, "message");
    assert!(
        message.contains("bảng tổng hợp không có dòng của chỉ tiêu đó: DO01 «Giấy phép xây dựng, sửa chữa nhà đã cấp» (dòng 2)"),
        "{message}"
    );
    assert!(!message.contains("mẫu biểu khác:"), "{message}");
}

/// Regression (tester DQ, missed-list-share-trongdo.txt): a list whose
/// first item gives its share and its own «trong đó» («Cách ly tập trung
/// 365 người (9,36%), trong đó: 40 …; 325 …») left the next items'
/// shares and the list's sum unchecked. A wrong share there (39,38% for
/// 1.380/3.900) and a wrong part (2.515) are errors; the same list with
/// right figures is silent.
#[test]
fn check_text_checks_a_list_after_an_item_with_its_share_and_own_trong_do() {
    let dir = tempfile::tempdir().unwrap();
    let list = |tap_trung: &str, tai_nha: &str, tu_theo_doi: &str| {
        format!(
            "Tổng số người được cách ly là 3.900 người, cụ thể:\n\
             - Cách ly tập trung 365 người ({tap_trung}), trong đó: 40 người đang cách ly; 325 người đã hết thời gian cách ly;\n\
             - Cách ly tại nhà 1.380 người ({tai_nha});\n\
             - Tự theo dõi sức khỏe {tu_theo_doi} người.\n"
        )
    };
    let found = text_findings(dir.path(), &list("9,36%", "39,38%", "2.155"), None);
    let row = |c: &str, s: &str, l: &str, e: &str, a: &str| {
        (c.into(), s.into(), l.into(), e.into(), a.into())
    };
    assert_eq!(
        found,
        vec![row("pct-mismatch", "error", "L3", "35,38", "39,38")]
    );
    let found = text_findings(dir.path(), &list("9,36%", "35,38%", "2.515"), None);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0.as_str(), found[0].2.as_str()),
        ("sum-mismatch", "L1")
    );
    // Near miss: every figure right.
    let found = text_findings(dir.path(), &list("9,36%", "35,38%", "2.155"), None);
    assert_eq!(found, vec![]);
}
