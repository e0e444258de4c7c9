//! `tonghop check` on one workbook: the terminal list, the verdict, the
//! exit status and `--json`.

use crate::checks::{complete, write_form, write_template, FormRow, TH_LK, V};
use crate::common::tonghop;
use std::path::Path;

fn run(file: &Path, tpl: &Path, extra: &[&str]) -> (i32, String) {
    let out = tonghop()
        .arg("check")
        .arg(file)
        .arg("--template")
        .arg(tpl)
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn rows(resolved: f64, on_time: f64, late: f64, lk_resolved: f64) -> Vec<FormRow> {
    vec![
        (
            "HC02",
            "Hồ sơ thủ tục hành chính đã giải quyết",
            "hồ sơ",
            vec![V::N(resolved), V::N(lk_resolved)],
        ),
        (
            "HC03",
            "Trong đó: giải quyết đúng hạn",
            "hồ sơ",
            vec![V::N(on_time), V::N(on_time)],
        ),
        (
            "HC04",
            "Trong đó: giải quyết trễ hạn",
            "hồ sơ",
            vec![V::N(late), V::N(late)],
        ),
    ]
}

#[test]
fn a_sum_that_does_not_add_up_is_listed_with_its_cell_and_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-05.xlsx");
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "QUÝ I/2020",
        &TH_LK,
        &complete(rows(1290.0, 1204.0, 77.0, 1290.0), true),
    );
    let (code, text) = run(&file, &tpl, &[]);
    assert_eq!(code, 1, "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        format!("{} — Phường 5 — Quý I/2020", file.display())
    );
    // TH and LK both: 1.290 against 1.204 + 77 = 1.281.
    assert_eq!(lines.len(), 4, "{text}");
    assert!(
        lines[1].starts_with(
            "Lỗi       Biểu 1!E7  HC02 Hồ sơ thủ tục hành chính đã giải quyết (cột TH) = 1.290"
        ),
        "{}",
        lines[1]
    );
    assert!(
        lines[1]
            .contains("HC03 «giải quyết đúng hạn» 1.204 + HC04 «giải quyết trễ hạn» 77 = 1.281"),
        "{}",
        lines[1]
    );
    // The code is for the office's tools (--json), not the clerk.
    assert!(
        lines[1].ends_with("Hãy kiểm tra số tổng và từng phần."),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("Lỗi       Biểu 1!F7  "),
        "{}",
        lines[2]
    );
    assert_eq!(
        lines[3],
        "Kết quả: 2 lỗi, 0 cảnh báo, 0 thông tin. Hãy sửa các lỗi trước khi gửi."
    );
}

#[test]
fn a_clean_workbook_passes_and_json_lists_the_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("p5.xlsx");
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "QUÝ I/2020",
        &TH_LK,
        &complete(rows(1281.0, 1204.0, 77.0, 1281.0), true),
    );
    let (code, text) = run(&file, &tpl, &[]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        text.lines().last().unwrap(),
        "Kết quả: không có lỗi (0 cảnh báo, 0 thông tin). Có thể gửi."
    );
    let (code, text) = run(&file, &tpl, &["--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 0);

    // First quarter: LK must equal TH. In English, as JSON.
    let file = tmp.path().join("p5-lk.xlsx");
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "QUÝ I/2020",
        &TH_LK,
        &rows(1281.0, 1204.0, 77.0, 1218.0),
    );
    let (code, text) = run(&file, &tpl, &["--json", "--lang", "en"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let list = v.as_array().unwrap();
    let cum: Vec<&serde_json::Value> = list
        .iter()
        .filter(|f| f["code"] == "cumulative-mismatch")
        .collect();
    assert_eq!(cum.len(), 1, "{text}");
    assert_eq!(cum[0]["cell"], "F7");
    // TH 1.281 = 1.204 + 77, its parts agree: the LK is the wrong one.
    assert_eq!(cum[0]["expected"], "1.281");
    // errors.json's format whatever the language; the message in English.
    assert_eq!(cum[0]["actual"], "1.218");
    assert_eq!(cum[0]["unit"], "P05");
    let message = cum[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("Phường 5: HC02 Hồ sơ thủ tục hành chính đã giải quyết")
            && message.contains("1,281")
            && message.contains("1,218"),
        "{message}"
    );
    // The LK sum no longer holds either, but its parts add up to the TH:
    // the one error at the LK says it, no second finding at the cell.
    assert!(!list
        .iter()
        .any(|f| f["code"] == "sum-mismatch" && f["column"] == "LK"));
    // Checked for another period: the title's period is wrong.
    let (code, text) = run(&file, &tpl, &["--json", "--period", "2020-Q2"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let pm: Vec<&serde_json::Value> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "period-mismatch")
        .collect();
    assert_eq!(pm.len(), 1);
    assert_eq!(
        (pm[0]["expected"].as_str(), pm[0]["actual"].as_str()),
        (Some("2020-Q2"), Some("2020-Q1"))
    );
    // The file is the first quarter's: its figures are checked as the
    // first quarter's, where its LK 1.218 is not its TH 1.281.
    let cum: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "cumulative-mismatch")
        .map(|f| (f["cell"].as_str(), f["expected"].as_str()))
        .collect();
    assert_eq!(cum, [(Some("F7"), Some("1.281"))]);
}

#[test]
fn unreadable_and_missing_files() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let bad = tmp.path().join("hong.xlsx");
    std::fs::write(&bad, b"this is not a workbook").unwrap();
    let (code, text) = run(&bad, &tpl, &["--json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v[0]["code"], "file-unreadable");
    let (code, _) = run(&tmp.path().join("none.xlsx"), &tpl, &[]);
    assert_eq!(code, 2);
}

fn check_json(file: &Path, extra: &[&str]) -> (i32, Vec<serde_json::Value>) {
    let out = tonghop()
        .arg("check")
        .arg(file)
        .arg("--json")
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        serde_json::from_slice(&out.stdout).unwrap(),
    )
}

/// An .xls written by LibreOffice whose %CK cells are percent-formatted
/// fractions, growths of 456,90% and 1.500% among them (stored 4,569 and
/// 15, the second as an integer RK record): read as the percents they
/// show, the file has nothing to fix.
#[test]
fn percent_cells_of_an_xls_are_read_by_their_format() {
    let file = crate::common::repo().join("tests/fixtures/phuong-15-percent.xls");
    let (code, findings) = check_json(&file, &["--period", "2021-Q3"]);
    assert_eq!(code, 0, "{findings:?}");
    assert!(findings.is_empty(), "{findings:?}");
}

/// An .xls whose first sheet «TH» is made of links to the sheet the clerk
/// typed in (`='B03-NC-CCHC'!E31`, values cached), which calamine writes
/// back unquoted (`B03-NC-CCHC!E31`): «TH» is the copy, as it is in an
/// .xlsx, and TP01's LK below its TH is reported where it was typed, at
/// B03-NC-CCHC!F31, not at TH!E8 (tester BJ, Phường 10).
#[test]
fn an_xls_summary_of_links_is_not_the_source_of_the_figures() {
    let file = crate::common::repo().join("tests/fixtures/phuong-10-links-summary.xls");
    let (code, findings) = check_json(&file, &["--period", "2025-Q3"]);
    assert_eq!(code, 1, "{findings:?}");
    let got: Vec<_> = findings
        .iter()
        .map(|f| {
            [
                f["severity"].as_str().unwrap(),
                f["code"].as_str().unwrap(),
                f["sheet"].as_str().unwrap(),
                f["cell"].as_str().unwrap(),
                f["actual"].as_str().unwrap(),
            ]
        })
        .collect();
    assert_eq!(
        got,
        [
            ["error", "cumulative-mismatch", "B03-NC-CCHC", "F31", "5"],
            ["info", "indicator-repeated", "TH", "D6", "TH"],
        ],
        "{findings:?}"
    );
    assert!(
        findings[1]["message"]
            .as_str()
            .unwrap()
            .contains("Trang «TH» ghi lại 6 số liệu đã có ở trang «B03-NC-CCHC»"),
        "{findings:?}"
    );
}

/// An .xls saved by LibreOffice from a form filled with text numbers: its
/// percent formulas `=IF(COUNT(F8,G8)<2,"",…)` give "" (the operands are
/// text), but LibreOffice stores the result of a formula in a cell with a
/// number format as the number 0, and HC01's `=L7` (a text "250") as 0
/// too. Read as Excel shows them: no percent is stated, HC01 is 250 and
/// 1.200, HC09's %CK is a true 0 (969 / 969); nothing to fix. Read as the
/// stored 0s, this file had 7 errors (5 pct-mismatch, 2 relation-violated).
#[test]
fn formula_results_an_xls_stores_as_zero_are_evaluated() {
    let file = crate::common::repo().join("tests/fixtures/phuong-05-text-results.xls");
    let (code, findings) = check_json(&file, &["--period", "2025-Q4"]);
    assert_eq!(code, 0, "{findings:?}");
    let codes: Vec<_> = findings
        .iter()
        .map(|f| (f["severity"].as_str().unwrap(), f["code"].as_str().unwrap()))
        .collect();
    assert!(
        codes
            .iter()
            .all(|&(sev, code)| (sev == "info" && code == "relation-skipped")
                || code == "indicator-missing"),
        "{findings:?}"
    );
    // The figures read, in the consolidated workbook.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(&file, dir.join("phuong-05.xls")).unwrap();
    let out = tmp.path().join("out");
    let status = tonghop()
        .arg("consolidate")
        .arg(&dir)
        .args(["--period", "2025-Q4", "--out"])
        .arg(&out)
        .output()
        .unwrap()
        .status;
    // 1: the other units of the district sent nothing.
    assert!(matches!(status.code(), Some(0 | 1)), "{status:?}");
    let detail = crate::common::read_sheet(&out.join("tong-hop.xlsx"), "Chi tiết theo đơn vị");
    let col = detail[0].iter().position(|h| h == "Phường 5").unwrap();
    let figure = |code: &str, column: &str| {
        detail
            .iter()
            .find(|r| r[0] == code && r[3] == column)
            .map(|r| r[col].clone())
            .unwrap()
    };
    assert_eq!(figure("HC01", "TH"), "250");
    assert_eq!(figure("HC01", "LK"), "1200");
    assert_eq!(figure("HC06", "TH"), "228");
    assert_eq!(figure("HC07", "LK"), "994");
    assert_eq!(figure("HC09", "LK"), "969");
    // The ward's rate is not stated (its formula gives ""); the total's is
    // computed from the sums.
    assert_eq!(figure("HC08", "TH"), "");
    assert_eq!(figure("HC08", "LK"), "");
}

/// An .xls saved by LibreOffice whose LK formulas were copied down the
/// column: it stores them as shared formulas, which calamine gives no
/// formula text for, and their results, under a number format, as 0.
/// `=E5` over a typed 0 and `=IF(E8="","",E8)` over a typed 0 are 0 (they
/// read typed cells); the same `=IF` over a blank TH is blank (the near
/// miss). Before, every such 0 read blank: the LK of KT04, KT05 and KT03a
/// was lost (no F8 relation-skipped: both parts of KT03's LK were gone).
#[test]
fn a_shared_formula_over_a_typed_zero_reads_zero() {
    let file = crate::common::repo().join("tests/fixtures/phuong-16-shared-zero.xls");
    let (code, findings) = check_json(&file, &["--period", "2020-Q1"]);
    assert_eq!(code, 0, "{findings:?}");
    let got: Vec<_> = findings
        .iter()
        .filter(|f| f["code"] != "indicator-missing")
        .map(|f| {
            [
                f["severity"].as_str().unwrap(),
                f["code"].as_str().unwrap(),
                f["cell"].as_str().unwrap(),
                f["indicator"].as_str().unwrap(),
                f["actual"].as_str().unwrap(),
            ]
        })
        .collect();
    // KT03b is blank in both columns; its parent KT03 is not in the file.
    assert_eq!(
        got,
        [
            ["info", "relation-skipped", "E8", "KT03", "1"],
            ["info", "relation-skipped", "F8", "KT03", "1"],
        ],
        "{findings:?}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(&file, dir.join("phuong-16.xls")).unwrap();
    let out = tmp.path().join("out");
    let status = tonghop()
        .arg("consolidate")
        .arg(&dir)
        .args(["--period", "2020-Q1", "--out"])
        .arg(&out)
        .output()
        .unwrap()
        .status;
    // 1: the other units of the district sent nothing.
    assert!(matches!(status.code(), Some(0 | 1)), "{status:?}");
    let detail = crate::common::read_sheet(&out.join("tong-hop.xlsx"), "Chi tiết theo đơn vị");
    let col = detail[0].iter().position(|h| h == "Phường 16").unwrap();
    let figures: Vec<_> = ["KT04", "KT05", "KT07", "KT03a", "KT03b"]
        .iter()
        .flat_map(|code| ["TH", "LK"].map(|column| (code, column)))
        .map(|(code, column)| {
            detail
                .iter()
                .find(|r| r[0] == *code && r[3] == column)
                .map(|r| r[col].clone())
                .unwrap()
        })
        .collect();
    assert_eq!(
        figures,
        ["0", "0", "0", "0", "5", "5", "0", "0", "", ""],
        "TH, LK of KT04, KT05, KT07, KT03a, KT03b"
    );
}

/// "… QUÝ III VÀ PHƯƠNG HƯỚNG NHIỆM VỤ QUÝ IV NĂM 2021" reports the third
/// quarter; its money unit is stated once as "ĐVT tiền: nghìn đồng" and
/// the money rows are converted from it; a flow's LK below its TH is an
/// error.
#[test]
fn a_title_with_next_quarters_plan_and_a_money_unit_line() {
    let file = crate::common::repo().join("tests/fixtures/phuong-09-plan-title.xlsx");
    let (_, findings) = check_json(&file, &[]);
    assert!(
        !findings.iter().any(|f| f["code"] == "period-mismatch"),
        "{findings:?}"
    );
    // One warning per conversion (nghìn đồng → triệu đồng, nghìn đồng →
    // đồng), at the cell that states the unit, naming its indicators and
    // the ward: not one per row.
    let converted: Vec<_> = findings
        .iter()
        .filter(|f| f["code"] == "unit-mismatch")
        .map(|f| {
            (
                f["cell"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["indicator"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let at_g5 = |m: &str| {
        (
            "G5".to_string(),
            "warning".to_string(),
            String::new(),
            m.to_string(),
        )
    };
    assert_eq!(
        converted,
        [
            at_g5("Phường 9: 2 chỉ tiêu (VH03, AN25) ghi đơn vị «nghìn đồng» (ô G5) trong khi danh mục dùng «triệu đồng»; số liệu của các chỉ tiêu này đã được quy đổi (÷1.000). Hãy dùng đúng đơn vị của danh mục."),
            at_g5("Phường 9: 3 chỉ tiêu (YT25, LD05, AN11) ghi đơn vị «nghìn đồng» (ô G5) trong khi danh mục dùng «đồng»; số liệu của các chỉ tiêu này đã được quy đổi (×1.000). Hãy dùng đúng đơn vị của danh mục."),
        ]
    );
    // Its TH and LK of AN22 swapped: a third quarter's LK below TH.
    let below: Vec<_> = findings
        .iter()
        .filter(|f| f["code"] == "cumulative-mismatch")
        .map(|f| {
            (
                f["indicator"].as_str(),
                f["cell"].as_str(),
                f["severity"].as_str(),
            )
        })
        .collect();
    assert_eq!(below, [(Some("AN22"), Some("F50"), Some("error"))]);
}

/// A broken relation says in words which way it must hold, and `actual`
/// how the figures compare, in signs only.
#[test]
fn a_broken_relation_says_which_way_it_must_hold() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("phuong-06.xlsx");
    write_form(
        &file,
        "UBND PHƯỜNG 6",
        "QUÝ III/2021",
        &TH_LK,
        &[
            (
                "YT23",
                "Cơ sở thực phẩm được kiểm tra",
                "cơ sở",
                vec![V::N(20.0), V::N(49.0)],
            ),
            (
                "YT24",
                "Cơ sở thực phẩm bị xử phạt",
                "cơ sở",
                vec![V::N(5.0), V::N(51.0)],
            ),
        ],
    );
    let (_, findings) = check_json(&file, &[]);
    let broken: Vec<_> = findings
        .iter()
        .filter(|f| f["code"] == "relation-violated")
        .collect();
    assert_eq!(broken.len(), 1, "{findings:?}");
    assert_eq!(broken[0]["actual"], "51 > 49");
    assert_eq!(broken[0]["column"], "LK");
    let message = broken[0]["message"].as_str().unwrap();
    assert!(
        message.contains("51 không được lớn hơn") && message.contains("49 ở cột LK"),
        "{message}"
    );
}

/// "Trong đó: đúng hạn" and "Trễ hạn" under HC02, without codes: the
/// parts of the row above named by the words they add, each an
/// indicator-approximate info; the sum is then checked (and holds).
#[test]
fn parts_named_short_under_their_total_are_its_parts() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-05.xlsx");
    // HC02 1.290, "Trong đó: đúng hạn" 1.204, "- Trễ hạn" `late`.
    let write = |late: f64| {
        write_form(
            &file,
            "UBND PHƯỜNG 5",
            "QUÝ I/2020",
            &TH_LK,
            &[
                (
                    "HC02",
                    "Hồ sơ thủ tục hành chính đã giải quyết",
                    "hồ sơ",
                    vec![V::N(1290.0), V::N(1290.0)],
                ),
                (
                    "",
                    "Trong đó: đúng hạn",
                    "hồ sơ",
                    vec![V::N(1204.0), V::N(1204.0)],
                ),
                ("", "- Trễ hạn", "hồ sơ", vec![V::N(late), V::N(late)]),
            ],
        )
    };
    write(86.0);
    let (code, text) = run(&file, &tpl, &["--json"]);
    let findings: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(code, 0, "{text}");
    // The form holds a few of the built-in catalog's rows.
    let matched: Vec<_> = findings
        .iter()
        .filter(|f| f["code"] != "indicator-missing")
        .map(|f| {
            (
                f["code"].as_str().unwrap(),
                f["indicator"].as_str().unwrap(),
                f["cell"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        matched,
        [
            ("indicator-approximate", "HC03", "C8"),
            ("indicator-approximate", "HC04", "C9")
        ]
    );
    // Wrong parts are then found like any others.
    write(77.0);
    let (code, text) = run(&file, &tpl, &["--json"]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("sum-mismatch"), "{text}");
    // More than three such rows: one info for the file, naming the first.
    let many = tmp.path().join("phuong-06.xlsx");
    write_form(
        &many,
        "UBND PHƯỜNG 6",
        "QUÝ I/2020",
        &TH_LK,
        &[
            (
                "HC02",
                "Hồ sơ thủ tục hành chính đã giải quyết",
                "hồ sơ",
                vec![V::N(1290.0), V::N(1290.0)],
            ),
            (
                "",
                "Trong đó: đúng hạn",
                "hồ sơ",
                vec![V::N(1204.0), V::N(1204.0)],
            ),
            ("", "- Trễ hạn", "hồ sơ", vec![V::N(86.0), V::N(86.0)]),
            (
                "KT03",
                "Doanh nghiệp thành lập mới",
                "doanh nghiệp",
                vec![V::N(10.0), V::N(10.0)],
            ),
            (
                "",
                "- Phát triển tự nhiên",
                "doanh nghiệp",
                vec![V::N(1.0), V::N(1.0)],
            ),
            (
                "",
                "- Vận động hộ kinh doanh lên doanh nghiệp",
                "doanh nghiệp",
                vec![V::N(9.0), V::N(9.0)],
            ),
            (
                "YT11",
                "Cách ly tập trung",
                "người",
                vec![V::N(10.0), V::N(10.0)],
            ),
            ("", "- Đang", "người", vec![V::N(4.0), V::N(4.0)]),
            ("", "- Đã hết", "người", vec![V::N(6.0), V::N(6.0)]),
        ],
    );
    let builtin = crate::common::repo().join("templates");
    let (_, text) = run(&many, &builtin, &["--json"]);
    let findings: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let approx: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["code"] == "indicator-approximate")
        .collect();
    // Five rows by the row above, one by its own name (approximately).
    let cells: Vec<&str> = approx.iter().map(|f| f["cell"].as_str().unwrap()).collect();
    assert_eq!(cells, ["C8", "C12"], "{text}");
    assert_eq!(approx[0]["actual"].as_str(), Some("5"));
    let message = approx[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("5 dòng ghi tên ngắn") && message.contains("«- Trễ hạn» → HC04"),
        "{message}"
    );
}

/// `tonghop check F | head -3`: the reader goes away before the list is
/// printed. The process used to panic on the first `println!` after that
/// ("failed printing to stdout: Broken pipe", with a backtrace); it now
/// ends quietly, killed by SIGPIPE as any Unix tool is.
#[cfg(unix)]
#[test]
fn a_reader_that_closes_early_ends_the_run_quietly() {
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Command, Stdio};
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-05.xlsx");
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "QUÝ I/2020",
        &TH_LK,
        &rows(1290.0, 1204.0, 77.0, 1290.0),
    );
    for extra in [&[][..], &["--json"][..]] {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("tonghop"))
            .arg("check")
            .arg(&file)
            .arg("--template")
            .arg(&tpl)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader closes before the first line is written.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(stderr.is_empty(), "{stderr}");
        assert_eq!(out.status.signal(), Some(libc::SIGPIPE), "{:?}", out.status);
    }
}

/// A year-end report with next year's plan beside this year's, first:
/// "Kế hoạch năm 2021" was read as KH and every %KH (worked out on this
/// year's plan) became a false pct-mismatch. Next year's plan is not read
/// (one column-ignored info naming it); this year's is, and the %KH hold.
#[test]
fn next_years_plan_in_a_year_end_report_is_not_this_years() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-05.xlsx");
    // HC02: plan 2020 = 1.000, next year's 1.500, done 800 (80 %).
    let row = |code, name, kh: f64, next: f64, done: f64| -> FormRow {
        let pct = (done / kh * 10_000.0).round() / 100.0;
        (
            code,
            name,
            "hồ sơ",
            vec![V::N(next), V::N(kh), V::N(done), V::N(pct)],
        )
    };
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "NĂM 2020",
        &[
            "Kế hoạch năm 2021",
            "Kế hoạch năm 2020",
            "Thực hiện năm 2020",
            "Đạt % kế hoạch",
        ],
        &[
            row(
                "HC02",
                "Hồ sơ thủ tục hành chính đã giải quyết",
                1000.0,
                1500.0,
                800.0,
            ),
            row(
                "HC03",
                "Trong đó: giải quyết đúng hạn",
                900.0,
                1400.0,
                700.0,
            ),
            row("HC04", "Trong đó: giải quyết trễ hạn", 100.0, 100.0, 100.0),
        ],
    );
    let (code, findings) = check_json(&file, &["--period", "2020"]);
    let said: Vec<String> = findings
        .iter()
        .filter(|f| f["severity"] != "info" || f["code"] == "column-ignored")
        .filter(|f| f["code"] != "indicator-missing")
        .map(|f| format!("{}|{}|{}", f["severity"], f["code"], f["cell"]))
        .collect();
    assert_eq!(said, ["\"info\"|\"column-ignored\"|\"E6\""], "{findings:?}");
    let ignored = findings
        .iter()
        .find(|f| f["code"] == "column-ignored")
        .unwrap();
    assert!(
        ignored["message"]
            .as_str()
            .is_some_and(|m| m.contains("Kế hoạch năm 2021")),
        "{ignored:?}"
    );
    assert_eq!(code, 0);
}

/// The catalog of a province's labour and social form: two parts named
/// "Trong đó: Nữ" under two totals, parts whose short names are other
/// indicators' aliases ("Hộ nghèo"), and the abbreviation "lđ".
fn write_breakdown_template(dir: &Path) {
    write_template(dir, "");
    let toml = std::fs::read_to_string(dir.join("template.toml")).unwrap();
    let toml = toml.replacen(
        "[abbreviations]\n",
        "[abbreviations]\n\"lđ\" = \"lao động\"\nnct = \"người cao tuổi\"\n",
        1,
    );
    std::fs::write(dir.join("template.toml"), toml).unwrap();
    std::fs::write(
        dir.join("groups.csv"),
        "group,name\nLD,Lao động\nGN,Giảm nghèo\nBT,Bảo trợ xã hội\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula,aliases\n\
         LD.01,LD,Số lao động được giải quyết việc làm mới,người,flow,ward,VP,LD.01 == LD.01.1 + LD.01.2,\n\
         LD.01.1,LD,Chia ra: Thành thị,người,flow,ward,VP,,\n\
         LD.01.2,LD,Nông thôn,người,flow,ward,VP,,\n\
         LD.01.3,LD,Trong đó: Nữ,người,flow,ward,VP,LD.01.3 <= LD.01,\n\
         LD.02,LD,Số người đi làm việc ở nước ngoài theo hợp đồng,người,flow,ward,VP,,\n\
         LD.02.1,LD,Trong đó: Nữ,người,flow,ward,VP,LD.02.1 <= LD.02,\n\
         GN.01,GN,Tổng số hộ dân cư,hộ,stock,ward,VP,,\n\
         GN.02,GN,Số hộ nghèo,hộ,stock,ward,VP,GN.02 <= GN.01,Hộ nghèo\n\
         GN.03,GN,Số hộ cận nghèo,hộ,stock,ward,VP,GN.03 <= GN.01,Hộ cận nghèo\n\
         GN.06,GN,\"Số hộ được hỗ trợ xây mới, sửa chữa nhà ở\",hộ,flow,ward,VP,GN.06 == GN.06.1 + GN.06.2,Hỗ trợ nhà ở\n\
         GN.06.1,GN,Hộ nghèo được hỗ trợ nhà ở,hộ,flow,ward,VP,,\n\
         GN.06.2,GN,Hộ cận nghèo được hỗ trợ nhà ở,hộ,flow,ward,VP,,\n\
         BT.01,BT,Số đối tượng bảo trợ xã hội hưởng trợ cấp hàng tháng,người,stock,ward,VP,BT.01 == BT.01.1 + BT.01.2 + BT.01.3,\n\
         BT.01.1,BT,Người cao tuổi,người,stock,ward,VP,,\n\
         BT.01.2,BT,Người khuyết tật,người,stock,ward,VP,,\n\
         BT.01.3,BT,Đối tượng khác,người,stock,ward,VP,,\n",
    )
    .unwrap();
}

/// Sub-rows keep their figures: "Trong đó: Nữ" under LD.02 is LD.02.1
/// (the catalog gives LD.01.3 the same name), "Chia ra: + Hộ nghèo" and
/// "+ Hộ cận nghèo" under GN.06 are its parts (not GN.02 and GN.03, whose
/// aliases they are), "Trong đó: LĐ nữ" after the siblings "- Thành thị",
/// "- Nông thôn" is LD.01.3, "- Các đối tượng khác" after "+ NCT" is
/// BT.01.3. Nothing is unknown or repeated, and the planted error (Nữ 44
/// above the whole 42) is found. The same name under no total it is a
/// part of is said to be ambiguous, never given to the catalog's first.
#[test]
fn a_breakdowns_rows_are_its_parts_whatever_else_their_names_match() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_breakdown_template(&tpl);
    let n = |th: f64, lk: f64| vec![V::N(th), V::N(lk)];
    let file = tmp.path().join("phuong-01.xlsx");
    let mut rows: Vec<FormRow> = vec![
        (
            "",
            "Số lao động được giải quyết việc làm mới",
            "người",
            n(10.0, 10.0),
        ),
        ("", "- Thành thị", "người", n(6.0, 6.0)),
        ("", "- Nông thôn", "người", n(4.0, 4.0)),
        ("", "Trong đó: LĐ nữ", "người", n(5.0, 5.0)),
        (
            "",
            "Số người đi làm việc ở nước ngoài theo hợp đồng",
            "người",
            n(42.0, 42.0),
        ),
        ("", "Trong đó: Nữ", "người", n(44.0, 44.0)),
        ("", "Tổng số hộ dân cư", "hộ", n(1000.0, 1000.0)),
        ("", "Số hộ nghèo", "hộ", n(50.0, 50.0)),
        ("", "Số hộ cận nghèo", "hộ", n(40.0, 40.0)),
        ("", "Hỗ trợ nhà ở", "hộ", n(9.0, 9.0)),
        ("", "Chia ra: + Hộ nghèo", "hộ", n(6.0, 6.0)),
        ("", "+ Hộ cận nghèo", "hộ", n(3.0, 3.0)),
        (
            "",
            "Số đối tượng bảo trợ xã hội hưởng trợ cấp hàng tháng",
            "người",
            n(100.0, 100.0),
        ),
        ("", "+ NCT", "người", n(50.0, 50.0)),
        ("", "- Người khuyết tật", "người", n(30.0, 30.0)),
        ("", "- Các đối tượng khác", "người", n(20.0, 20.0)),
    ];
    write_form(&file, "UBND PHƯỜNG 1", "QUÝ I/2020", &TH_LK, &rows);
    let (code, text) = run(&file, &tpl, &["--json"]);
    let findings: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let seen: Vec<(&str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap(),
                f["indicator"].as_str().unwrap(),
                f["cell"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(code, 1, "{text}");
    assert_eq!(
        seen,
        [
            ("indicator-approximate", "", "C10"),
            ("relation-violated", "LD.02.1", "E12"),
            ("relation-violated", "LD.02.1", "F12"),
        ],
        "{text}"
    );
    let parts = findings[0]["message"].as_str().unwrap();
    assert!(
        parts.starts_with("4 dòng") && parts.contains("«Trong đó: LĐ nữ» → LD.01.3"),
        "{parts}"
    );
    assert_eq!(findings[1]["actual"], "44 > 42");
    // Under "Số hộ nghèo", a total it is no part of, "Trong đó: Nữ" may be
    // either: its figures are not given to the catalog's first.
    rows.truncate(9);
    rows.push(("", "Trong đó: Nữ", "hộ", n(7.0, 7.0)));
    write_form(&file, "UBND PHƯỜNG 1", "QUÝ I/2020", &TH_LK, &rows);
    let (code, text) = run(&file, &tpl, &["--json"]);
    let findings: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let unknown: Vec<_> = findings
        .iter()
        .filter(|f| f["code"] == "indicator-unknown")
        .collect();
    assert_eq!(code, 1, "{text}");
    assert_eq!(unknown.len(), 1, "{text}");
    assert_eq!(unknown[0]["cell"], "C16");
    assert_eq!(unknown[0]["severity"], "error");
    assert_eq!(unknown[0]["expected"], "LD.01.3, LD.02.1");
    assert!(
        unknown[0]["message"]
            .as_str()
            .unwrap()
            .contains("danh mục đặt tên này cho nhiều chỉ tiêu (LD.01.3, LD.02.1)"),
        "{text}"
    );
    assert!(!text.contains("indicator-repeated"), "{text}");
}

/// A money form without a unit column: the table's unit is `stated`
/// somewhere above the figures; NS01 (catalog tỷ đồng) and NS02 (triệu
/// đồng) rows, figures 2.500 and 40.
fn write_money_form(path: &Path, title: &str, header_name: &str, subtitle: Option<&str>) {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Biểu 1").unwrap();
    ws.write_string(0, 0, "UBND PHƯỜNG 3").unwrap();
    ws.write_string(1, 0, title).unwrap();
    if let Some(s) = subtitle {
        ws.write_string(2, 0, s).unwrap();
    }
    for (c, h) in [
        "STT",
        "Mã số",
        header_name,
        "Thực hiện quý",
        "Lũy kế từ đầu năm",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(4, c as u16, *h).unwrap();
    }
    for (k, (code, name, th, lk)) in [
        (
            "NS01",
            "Thu ngân sách nhà nước trên địa bàn",
            2500.0,
            5000.0,
        ),
        ("NS02", "Tiền phạt vi phạm hành chính", 40.0, 90.0),
    ]
    .iter()
    .enumerate()
    {
        let r = 5 + k as u32;
        ws.write_number(r, 0, (k + 1) as f64).unwrap();
        ws.write_string(r, 1, *code).unwrap();
        ws.write_string(r, 2, *name).unwrap();
        ws.write_number(r, 3, *th).unwrap();
        ws.write_number(r, 4, *lk).unwrap();
    }
    wb.save(path).unwrap();
}

/// "(Đơn vị tính: triệu đồng)" at the end of the title, "ĐVT: triệu
/// đồng" on the title's second line, "Chỉ tiêu (ĐVT: triệu đồng)" in the
/// header: the stated unit is read as a line of its own is, and NS01
/// (catalog tỷ đồng) is converted ÷1.000 with one warning at that cell;
/// NS02, already in triệu đồng, is left alone.
#[test]
fn a_money_unit_stated_in_the_title_or_a_header_cell_is_converted() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let cases = [
        (
            "BIỂU SỐ LIỆU QUÝ III/2021 (Đơn vị tính: triệu đồng)",
            "Chỉ tiêu",
            None,
            "A2",
        ),
        (
            "BIỂU SỐ LIỆU QUÝ III/2021\nĐVT: triệu đồng",
            "Chỉ tiêu",
            None,
            "A2",
        ),
        (
            "BIỂU SỐ LIỆU QUÝ III/2021",
            "Chỉ tiêu (ĐVT: triệu đồng)",
            None,
            "C5",
        ),
        (
            "BIỂU SỐ LIỆU QUÝ III/2021",
            "Chỉ tiêu",
            Some("Đơn vị tính: triệu đồng"),
            "A3",
        ),
    ];
    for (k, (title, header, subtitle, cell)) in cases.iter().enumerate() {
        let file = tmp.path().join(format!("phuong-03-{k}.xlsx"));
        write_money_form(&file, title, header, *subtitle);
        let (code, findings) = check_json(&file, &["--template", tpl.to_str().unwrap()]);
        assert_eq!(code, 0, "{title}: {findings:?}");
        let units: Vec<_> = findings
            .iter()
            .filter(|f| f["code"] == "unit-mismatch")
            .map(|f| {
                (
                    f["severity"].as_str().unwrap(),
                    f["cell"].as_str().unwrap(),
                    f["indicator"].as_str().unwrap(),
                    f["expected"].as_str().unwrap(),
                    f["actual"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            units,
            [("warning", *cell, "NS01", "tỷ đồng", "triệu đồng")],
            "{title}"
        );
        let message = findings
            .iter()
            .find(|f| f["code"] == "unit-mismatch")
            .unwrap()["message"]
            .as_str()
            .unwrap();
        assert!(message.starts_with("Phường 3: Chỉ tiêu NS01"), "{message}");
        assert!(message.contains("(÷1.000)"), "{message}");
    }
}

/// "304,941" beside "18.560,118" on a Vietnamese sheet: the sheet's own
/// numbers settle the style, no `number-ambiguous`. Alone, "6,503" is
/// told with the reading not taken (6.503): an error, as a count of lượt
/// cannot be 6,503 (tester DM's «1,180» hồ sơ).
#[test]
fn a_vietnamese_sheet_settles_its_numbers_and_a_doubt_names_the_other_reading() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let hc07 = |th: &'static str, lk: &'static str| -> FormRow {
        (
            "HC07",
            "Tổng số lượt đánh giá",
            "lượt",
            vec![V::T(th), V::T(lk)],
        )
    };
    let settled = tmp.path().join("phuong-01.xlsx");
    write_form(
        &settled,
        "UBND PHƯỜNG 1",
        "QUÝ III/2021",
        &TH_LK,
        &[hc07("304,941", "18.560,118")],
    );
    let (_, findings) = check_json(&settled, &["--template", tpl.to_str().unwrap()]);
    assert!(
        !findings.iter().any(|f| f["code"] == "number-ambiguous"),
        "{findings:?}"
    );
    let alone = tmp.path().join("phuong-02.xlsx");
    write_form(
        &alone,
        "UBND PHƯỜNG 2",
        "QUÝ III/2021",
        &TH_LK,
        &[hc07("6,503", "7")],
    );
    let (_, findings) = check_json(&alone, &["--template", tpl.to_str().unwrap()]);
    let doubts: Vec<_> = findings
        .iter()
        .filter(|f| f["code"] == "number-ambiguous")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        doubts,
        ["Phường 2: Ô E7 (chỉ tiêu HC07 «Tổng số lượt đánh giá», cột TH) ghi «6,503», đọc theo cách \
          viết số của Việt Nam là 6,503, nhưng số lượt không thể có phần lẻ: có lẽ là 6.503 (dấu \
          phẩy phân cách hàng nghìn theo kiểu tiếng Anh). Số này không được dùng để kiểm tra và \
          tổng hợp; hãy sửa thành 6.503 (dấu chấm phân cách hàng nghìn, hoặc ghi số không có dấu) \
          hoặc số đúng rồi gửi lại."]
    );
}

/// "907.36" (tester CC's Ban Quản lý KCN Long Hưng, alone on a sheet of
/// numbers) reads 907,36 in either style: nothing to check, no
/// `number-ambiguous` saying «đã đọc là 907,36, không phải 907,36»; the
/// figure is read. "6,503" beside it still names its other reading (an
/// error in a count of lượt, which cannot be 6,503).
#[test]
fn a_number_both_styles_read_alike_is_no_doubt() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let form = tmp.path().join("phuong-01.xlsx");
    write_form(
        &form,
        "UBND PHƯỜNG 1",
        "QUÝ III/2021",
        &TH_LK,
        &[(
            "HC07",
            "Tổng số lượt đánh giá",
            "lượt",
            vec![V::T("907.36"), V::T("6,503")],
        )],
    );
    let (_, findings) = check_json(&form, &["--template", tpl.to_str().unwrap()]);
    let doubts: Vec<_> = findings
        .iter()
        .filter(|f| f["code"] == "number-ambiguous")
        .map(|f| {
            (
                f["cell"].as_str().unwrap(),
                f["expected"].as_str().unwrap(),
                f["actual"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(doubts, [("F7", "6.503", "6,503")], "{findings:#?}");
    assert!(!findings.iter().any(|f| f["cell"] == "E7"), "{findings:#?}");
}

/// The rows with a year's target after their TH and LK: four times TH,
/// so that the parts add up.
fn with_target(rows: Vec<FormRow>) -> Vec<FormRow> {
    rows.into_iter()
        .map(|(code, name, unit, mut values)| {
            if let Some(V::N(th)) = values.first() {
                values.push(V::N(4.0 * th));
            }
            (code, name, unit, values)
        })
        .collect()
}

/// "… 9 THÁNG ĐẦU NĂM VÀ ƯỚC THỰC HIỆN 6 THÁNG CUỐI NĂM 2020" reports the
/// nine months (the third quarter's report); the rest of the year is an
/// estimate. Checked alone it is ready to send, and for 2020-Q3 no
/// period-mismatch is said (it was read as the year's: an error alone, a
/// warning with `--period`).
#[test]
fn a_title_with_an_estimate_of_the_rest_of_the_year_reports_its_first_span() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-05.xlsx");
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "KẾT QUẢ THỰC HIỆN 9 THÁNG ĐẦU NĂM VÀ ƯỚC THỰC HIỆN 6 THÁNG CUỐI NĂM 2020",
        &[
            "Thực hiện quý III/2020",
            "Lũy kế 9 tháng năm 2020",
            "Kế hoạch năm 2020",
        ],
        &complete(with_target(rows(1281.0, 1204.0, 77.0, 1281.0)), true),
    );
    let tpl_arg = tpl.to_str().unwrap();
    for extra in [
        &["--template", tpl_arg][..],
        &["--template", tpl_arg, "--period", "2020-Q3"],
    ] {
        let (code, findings) = check_json(&file, extra);
        let said: Vec<String> = findings
            .iter()
            .filter(|f| {
                f["severity"] != "info"
                    || f["code"].as_str().is_some_and(|c| c.starts_with("period"))
            })
            .map(|f| format!("{}|{}|{}", f["severity"], f["code"], f["cell"]))
            .collect();
        assert!(said.is_empty(), "{extra:?}: {said:?}");
        assert_eq!(code, 0, "{extra:?}");
    }
}

/// A title left from last quarter (Quý II/2020) over headers of this one
/// ("Thực hiện quý III/2020", "Lũy kế 9 tháng năm 2020"): read for the
/// title's period no TH or LK is read. Checked without `--period`, the
/// disagreement is one error at the title, not two warnings and "ready
/// to send"; with `--period 2020-Q3` the figures are read for the
/// headers' period and a period-mismatch error asks for the title to be
/// corrected and the quarter confirmed (it was a warning and "Có thể
/// gửi"), and no column is said to name no figure. Checked for the
/// title's period, the file is the headers' period's: one error too.
#[test]
fn a_title_of_another_period_than_its_headers_is_an_error_at_the_title() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-05.xlsx");
    let form = |columns: &[&str]| {
        write_form(
            &file,
            "UBND PHƯỜNG 5",
            "QUÝ II/2020",
            columns,
            &complete(with_target(rows(1281.0, 1204.0, 77.0, 1281.0)), true),
        )
    };
    // The year's target (KH) is read whatever the quarter: the table is
    // found.
    let q3 = [
        "Thực hiện quý III/2020",
        "Lũy kế 9 tháng năm 2020",
        "Kế hoạch năm 2020",
    ];
    form(&q3);
    let (code, text) = run(&file, &tpl, &[]);
    assert_eq!(code, 1, "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(
        lines[1],
        "Lỗi       Biểu 1!A3  Tiêu đề biểu (ô A3) ghi Quý II/2020 nhưng tiêu đề cột số liệu ghi \
         Quý III/2020 («Thực hiện quý III/2020», «Lũy kế 9 tháng năm 2020»): hai chỗ ghi hai kỳ \
         khác nhau, và theo kỳ Quý II/2020 thì các cột này không được đọc, nên mọi số TH, LK của \
         tệp sẽ không được tổng hợp. Nếu đây là báo cáo Quý III/2020, hãy sửa tiêu đề ở ô A3 \
         thành Quý III/2020; nếu đúng là báo cáo Quý II/2020, hãy kiểm tra lại số liệu các cột \
         đó."
    );
    assert_eq!(
        lines[2],
        "Kết quả: 1 lỗi, 0 cảnh báo, 0 thông tin. Hãy sửa các lỗi trước khi gửi."
    );
    let (_, findings) = check_json(&file, &["--template", tpl.to_str().unwrap()]);
    let said: Vec<_> = findings
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_string();
            [s("severity"), s("code"), s("unit"), s("cell")]
                .into_iter()
                .chain([s("expected"), s("actual")])
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    assert_eq!(said, ["error|period-mismatch|P05|A3|2020-Q3|2020-Q2"]);

    // Checked for the headers' period: the title is the one to put right,
    // and the figures are read for the headers' period; the file is not
    // one to send as it is (an error).
    let (code, text) = run(&file, &tpl, &["--period", "2020-Q3", "--lang", "en"]);
    assert_eq!(code, 1, "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(
        lines[1],
        "Error     Biểu 1!A3  The title (cell A3) says Q2 2020, not the reporting period Q3 \
         2020. The figures are still read and consolidated as Q3 2020's because the figure \
         columns' headers say Q3 2020 («Thực hiện quý III/2020», «Lũy kế 9 tháng năm 2020») \
         and none says Q2 2020. Correct the title in cell A3 to Q3 2020 and confirm that the \
         figures are Q3 2020's before the report is signed."
    );
    assert_eq!(
        lines[2],
        "Result: 1 error, 0 warnings, 0 info items. Correct the errors before sending."
    );
    let (code, text) = run(&file, &tpl, &["--period", "2020-Q3"]);
    assert_eq!(code, 1, "{text}");
    assert!(!text.contains("Có thể gửi"), "{text}");
    // One finding: no column is said to be lost, every one is read.
    let (_, findings) = check_json(
        &file,
        &["--template", tpl.to_str().unwrap(), "--period", "2020-Q3"],
    );
    let said: Vec<_> = findings
        .iter()
        .map(|f| format!("{}|{}|{}", f["severity"], f["code"], f["cell"]))
        .collect();
    assert_eq!(said, ["\"error\"|\"period-mismatch\"|\"A3\""]);

    // Checked for the title's period, every TH and LK header names
    // another: the file is that period's report re-titled, one error at
    // the title (it was two column-ignored warnings and «Có thể gửi»).
    let (_, findings) = check_json(
        &file,
        &["--template", tpl.to_str().unwrap(), "--period", "2020-Q2"],
    );
    let said: Vec<_> = findings
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_string();
            [
                s("severity"),
                s("code"),
                s("cell"),
                s("expected"),
                s("actual"),
            ]
            .join("|")
        })
        .collect();
    assert_eq!(said, ["error|period-mismatch|A3|2020-Q2|2020-Q3"]);
    // Headers of the title's own period: nothing to say.
    form(&[
        "Thực hiện quý II/2020",
        "Lũy kế 6 tháng năm 2020",
        "Kế hoạch năm 2020",
    ]);
    let (code, text) = run(&file, &tpl, &[]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        text.lines().last().unwrap(),
        "Kết quả: không có lỗi (0 cảnh báo, 0 thông tin). Có thể gửi."
    );
}

/// Regression: a second quarter's file checked with `--period 2020-Q1`
/// gave one `period-mismatch` and then one `cumulative-mismatch` error per
/// row ("TH 13 và LK 20 phải bằng nhau trong quý I"), a first quarter's
/// rule held against another quarter's figures. The file is the second
/// quarter's (its title and its headers say so): one error says which
/// period it is and which was asked, and its figures are checked as that
/// period's, as `check` without `--period` checks them (a real sum error
/// still told). Near miss: a first quarter's file checked as the first
/// quarter keeps its LK ≠ TH error.
#[test]
fn a_file_of_another_quarter_is_told_once_not_checked_by_the_quarter_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-05.xlsx");
    // Q2: LK (six months) above TH on every row; the parts of the LK
    // sum 1.204 + 77 = 1.281 against 2.600: a real error.
    let mut q2 = complete(rows(1281.0, 1204.0, 77.0, 2500.0), true);
    for (_, _, _, cells) in q2.iter_mut().skip(1) {
        if let Some(V::N(lk)) = cells.get_mut(1) {
            *lk *= 2.0;
        }
    }
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "QUÝ II/2020",
        &["Thực hiện quý II/2020", "Lũy kế 6 tháng năm 2020"],
        &q2,
    );
    let listed = |extra: &[&str]| -> (i32, Vec<String>) {
        let mut args = vec!["--template", tpl.to_str().unwrap()];
        args.extend_from_slice(extra);
        let (code, findings) = check_json(&file, &args);
        let said = findings
            .iter()
            .map(|f| {
                ["severity", "code", "cell", "column", "expected", "actual"]
                    .map(|k| f[k].as_str().unwrap().to_string())
                    .join("|")
            })
            .collect();
        (code, said)
    };
    let (code, own) = listed(&[]);
    let (code_q1, asked_q1) = listed(&["--period", "2020-Q1"]);
    assert_eq!(code_q1, 1);
    assert_eq!(
        asked_q1[0], "error|period-mismatch|A3||2020-Q1|2020-Q2",
        "{asked_q1:#?}"
    );
    assert!(
        !asked_q1.iter().any(|f| f.contains("cumulative-mismatch")),
        "{asked_q1:#?}"
    );
    // Past the period-mismatch, what checking the file as its own period
    // finds (here the LK sum: 2.408 + 154 = 2.562, not 2.500).
    assert_eq!(asked_q1[1..], own[..], "{asked_q1:#?}");
    assert_eq!(code, 1);
    assert_eq!(
        own,
        ["error|sum-mismatch|F7|LK|HC02 == HC03 + HC04|2.500"],
        "{own:#?}"
    );
    // The message says which period the file is, and which was asked.
    let (_, text) = run(&file, &tpl, &["--period", "2020-Q1"]);
    assert!(
        text.contains(
            "Tệp là báo cáo quý II/2020 nhưng đang kiểm tra cho quý I/2020. \
             Các số được kiểm tra như báo cáo quý II/2020, không theo quý I/2020."
        ),
        "{text}"
    );
    assert_eq!(text.lines().count(), 4, "{text}");

    // Near miss: a first quarter's file checked as the first quarter, its
    // LK not its TH: the error stays.
    let q1 = tmp.path().join("phuong-06.xlsx");
    write_form(
        &q1,
        "UBND PHƯỜNG 6",
        "QUÝ I/2020",
        &TH_LK,
        &complete(rows(1281.0, 1204.0, 77.0, 1218.0), true),
    );
    let (code, findings) = check_json(
        &q1,
        &["--template", tpl.to_str().unwrap(), "--period", "2020-Q1"],
    );
    assert_eq!(code, 1);
    let cum: Vec<_> = findings
        .iter()
        .filter(|f| f["code"] == "cumulative-mismatch")
        .map(|f| (f["cell"].as_str().unwrap(), f["expected"].as_str().unwrap()))
        .collect();
    assert_eq!(cum, [("F7", "1.281")]);
}

/// The rows a ward must report and left out are what `consolidate` says
/// of its file (`indicator-missing`), and what the clerk can add before
/// sending: `check` says them too, for a unit the registry knows.
#[test]
fn check_lists_the_rows_the_unit_must_report_and_left_out() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-05.xlsx");
    let t = ["--template", tpl.to_str().unwrap()];
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "QUÝ I/2020",
        &TH_LK,
        &rows(1281.0, 1204.0, 77.0, 1281.0),
    );
    let (code, findings) = check_json(&file, &t);
    assert_eq!(code, 0, "{findings:?}");
    assert_eq!(findings.len(), 1, "{findings:?}");
    let f = &findings[0];
    assert_eq!(
        [
            &f["severity"],
            &f["code"],
            &f["unit"],
            &f["sheet"],
            &f["actual"]
        ],
        [
            "warning",
            "indicator-missing",
            "P05",
            "Biểu 1",
            "HC05, HC07, TT04, NS02"
        ]
    );
    assert!(
        f["message"].as_str().unwrap().starts_with(
            "Biểu của Phường 5 thiếu 4 chỉ tiêu phải báo cáo: HC05 «Tỷ lệ hồ sơ giải quyết đúng hạn»"
        ),
        "{f}"
    );
    let (_, text) = run(&file, &tpl, &[]);
    assert_eq!(
        text.lines().last().unwrap(),
        "Kết quả: không có lỗi (1 cảnh báo, 0 thông tin). Có thể gửi; hãy xem lại các cảnh báo."
    );
    // Near misses: every row there; a sender the registry does not know.
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "QUÝ I/2020",
        &TH_LK,
        &complete(rows(1281.0, 1204.0, 77.0, 1281.0), true),
    );
    let (_, findings) = check_json(&file, &t);
    assert!(findings.is_empty(), "{findings:?}");
    let stranger = tmp.path().join("bao-cao.xlsx");
    write_form(
        &stranger,
        "UBND PHƯỜNG 17",
        "QUÝ I/2020",
        &TH_LK,
        &rows(1281.0, 1204.0, 77.0, 1281.0),
    );
    let (_, findings) = check_json(&stranger, &t);
    assert!(
        !findings.iter().any(|f| f["code"] == "indicator-missing"),
        "{findings:?}"
    );
}

/// A workbook whose every sheet reads empty is not "no indicator table in
/// the first 30 rows" (nothing sends a clerk hunting for a header): it is
/// unreadable or blank, and saving it again as .xlsx is the advice.
#[test]
fn a_workbook_whose_sheets_read_empty_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-15.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().set_name("Sheet1").unwrap();
    wb.add_worksheet().set_name("Sheet2").unwrap();
    wb.save(&file).unwrap();
    let (code, text) = run(&file, &tpl, &[]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("Không đọc được tệp phuong-15.xlsx: không đọc được ô nào trong các trang tính: tệp trống, hoặc được ghi bởi một phần mềm khác Excel theo cách không đọc được; các trang tính đã đọc: Sheet1, Sheet2."),
        "{text}"
    );
    assert!(text.contains("hãy lưu lại dạng .xlsx và gửi lại"), "{text}");
    assert!(!text.contains("30 dòng đầu"), "{text}");
}

/// A complete, consistent form whose title names a ward the registry does
/// not have (and whose file name names none): `consolidate` keeps it out
/// of the totals, so `check` does not call it ready to send.
#[test]
fn a_form_of_a_sender_the_registry_does_not_know_is_not_ready_to_send() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("bao cao quy 1.xlsx");
    write_form(
        &file,
        "UBND PHƯỜNG 17",
        "QUÝ I/2020",
        &TH_LK,
        &complete(rows(1290.0, 1204.0, 86.0, 1290.0), true),
    );
    let (code, text) = run(&file, &tpl, &[]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("Tệp bao cao quy 1.xlsx không cho biết đơn vị nào gửi: tiêu đề («UBND PHƯỜNG 17») và tên tệp không nêu đơn vị nào có trong danh sách; khi tổng hợp, số liệu sẽ không được tính cho đơn vị nào. Hãy ghi tên đơn vị gửi ở dòng tiêu đề (ví dụ «UBND PHƯỜNG …») rồi kiểm tra lại."),
        "{text}"
    );
    assert!(!text.contains("Có thể gửi"), "{text}");
    // Named after a ward of the registry, the same form is ready.
    let known = tmp.path().join("phuong-05.xlsx");
    write_form(
        &known,
        "UBND PHƯỜNG 5",
        "QUÝ I/2020",
        &TH_LK,
        &complete(rows(1290.0, 1204.0, 86.0, 1290.0), true),
    );
    let (code, text) = run(&known, &tpl, &[]);
    assert!(!text.contains("file-unknown-unit"), "{text}");
    assert_eq!(code, 0, "{text}");
}

/// A department's workbook with a table by unit: one row per ward, one
/// column per indicator. Beside the form's sheet ("Theo phường", no
/// indicator header) it is one info at the sheet, not dropped silently;
/// as the only table, under a "Chỉ tiêu" corner, it is one error saying
/// so (not "biểu mẫu còn trống" with an indicator-unknown error per ward
/// and the form's rows wanted). A row that names no place is still an
/// unknown indicator.
#[test]
fn a_table_by_unit_is_told_once_at_its_sheet() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    // The wards' table: `corner` over the labels, Phường 1 … 6 and the
    // district's total, three indicators across.
    let by_ward = |ws: &mut rust_xlsxwriter::Worksheet, corner: &str| {
        ws.write_string(0, 0, "VĂN PHÒNG HĐND VÀ UBND QUẬN")
            .unwrap();
        ws.write_string(1, 0, "SỐ LIỆU THEO PHƯỜNG QUÝ III/2020")
            .unwrap();
        for (c, h) in ["STT", corner, "Hồ sơ đã giải quyết", "Đúng hạn", "Trễ hạn"]
            .iter()
            .enumerate()
        {
            ws.write_string(3, c as u16, *h).unwrap();
        }
        ws.write_string(4, 1, "Toàn quận").unwrap();
        for (c, v) in [60.0, 54.0, 6.0].iter().enumerate() {
            ws.write_number(4, 2 + c as u16, *v).unwrap();
        }
        for k in 1..=6u32 {
            ws.write_number(4 + k, 0, k as f64).unwrap();
            ws.write_string(4 + k, 1, format!("Phường {k}")).unwrap();
            for (c, v) in [10.0, 9.0, 1.0].iter().enumerate() {
                ws.write_number(4 + k, 2 + c as u16, *v).unwrap();
            }
        }
    };
    let beside = tmp.path().join("vp.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Biểu 1").unwrap();
    ws.write_string(0, 0, "VĂN PHÒNG HĐND VÀ UBND QUẬN")
        .unwrap();
    ws.write_string(1, 0, "BÁO CÁO QUÝ III/2020").unwrap();
    for (c, h) in ["Mã số", "Chỉ tiêu", "ĐVT", "Thực hiện quý"]
        .iter()
        .enumerate()
    {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    let rows = [
        ("HC02", "Hồ sơ thủ tục hành chính đã giải quyết", 60.0),
        ("HC03", "Trong đó: giải quyết đúng hạn", 54.0),
        ("HC04", "Trong đó: giải quyết trễ hạn", 6.0),
        ("", "Số hộ gia đình văn hóa", 7.0),
    ];
    for (k, (code, name, v)) in rows.iter().enumerate() {
        let r = 4 + k as u32;
        ws.write_string(r, 0, *code).unwrap();
        ws.write_string(r, 1, *name).unwrap();
        ws.write_string(r, 2, "hồ sơ").unwrap();
        ws.write_number(r, 3, *v).unwrap();
    }
    by_ward(
        wb.add_worksheet().set_name("Theo phường").unwrap(),
        "Phường",
    );
    wb.save(&beside).unwrap();
    let (code, f) = check_json(
        &beside,
        &["--template", tpl.to_str().unwrap(), "--period", "2020-Q3"],
    );
    assert_eq!(code, 1);
    let mut got: Vec<String> = f
        .iter()
        .filter(|x| x["code"] == "indicator-unknown" || x["code"] == "submission-missing")
        .map(|x| {
            format!(
                "{}|{}|{}|{}|{}",
                x["severity"], x["code"], x["sheet"], x["cell"], x["actual"]
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            r#""error"|"indicator-unknown"|"Biểu 1"|"B8"|"Số hộ gia đình văn hóa""#,
            r#""info"|"indicator-unknown"|"Theo phường"|"B6"|"Phường 1""#,
        ]
    );
    let info = f.iter().find(|x| x["sheet"] == "Theo phường").unwrap();
    assert_eq!(
        info["message"],
        "Trang «Theo phường» là bảng theo đơn vị: mỗi dòng một đơn vị (6 dòng, ví dụ «Phường 1»), mỗi cột một chỉ tiêu. Loại bảng này không được tổng hợp, nên trang không được đọc; số liệu của tệp lấy ở trang khác. Nếu số liệu của trang này cần báo cáo, hãy ghi vào biểu mẫu (mỗi dòng một chỉ tiêu)."
    );

    // The only table, with no figure column named: the file is
    // unreadable, and says why.
    let bare = tmp.path().join("vp-bang-phuong.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    by_ward(wb.add_worksheet().set_name("Sheet1").unwrap(), "Phường");
    wb.save(&bare).unwrap();
    let (_, f) = check_json(
        &bare,
        &["--template", tpl.to_str().unwrap(), "--period", "2020-Q3"],
    );
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["code"], "file-unreadable");
    assert!(
        f[0]["actual"]
            .as_str()
            .unwrap()
            .starts_with("bảng của tệp là bảng theo đơn vị"),
        "{}",
        f[0]
    );

    // The only table, under a "Chỉ tiêu" corner and "Thực hiện quý" over
    // the indicators: read as a table, then told as one by unit.
    let alone = tmp.path().join("vp-theo-phuong.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Sheet1").unwrap();
    by_ward(ws, "Chỉ tiêu");
    ws.write_string(2, 2, "Thực hiện quý III/2020").unwrap();
    wb.save(&alone).unwrap();
    let (code, f) = check_json(
        &alone,
        &["--template", tpl.to_str().unwrap(), "--period", "2020-Q3"],
    );
    assert_eq!(code, 1);
    let got: Vec<String> = f
        .iter()
        .filter(|x| x["severity"] != "info")
        .map(|x| {
            format!(
                "{}|{}|{}|{}|{}",
                x["severity"], x["code"], x["sheet"], x["cell"], x["actual"]
            )
        })
        .collect();
    assert_eq!(
        got,
        [r#""error"|"submission-missing"|"Sheet1"|"B6"|"Phường 1""#]
    );
    assert_eq!(
        f.iter().find(|x| x["severity"] == "error").unwrap()["message"],
        "Văn phòng HĐND và UBND quận gửi tệp vp-theo-phuong.xlsx nhưng bảng ở trang «Sheet1» là bảng theo đơn vị: mỗi dòng một đơn vị (6 dòng, ví dụ «Phường 1»), mỗi cột một chỉ tiêu. Loại bảng này không được tổng hợp, nên không số liệu nào của tệp được tính: coi như chưa nộp báo cáo. Hãy ghi số liệu vào biểu mẫu (mỗi dòng một chỉ tiêu) rồi gửi lại."
    );
}

/// A row named by its catalog name with a qualifier in brackets
/// ("Tiền phạt vi phạm hành chính (theo quyết định xử phạt)") is that
/// indicator, with an `indicator-approximate` info; a bracket that opens
/// a breakdown is no qualifier. A row whose name only opens with an
/// indicator's ("Đơn tồn đầu kỳ chuyển sang năm sau") is not taken for
/// it (its further words may name another measure): it stays
/// `indicator-unknown`, and the message offers the indicator.
#[test]
fn a_qualifier_in_brackets_is_set_aside_and_a_near_name_is_offered() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-05.xlsx");
    let mut rows = rows(1290.0, 1204.0, 86.0, 1290.0);
    rows.push((
        "",
        "Tiền phạt vi phạm hành chính (theo quyết định xử phạt)",
        "triệu đồng",
        vec![V::N(12.5), V::N(12.5)],
    ));
    rows.push((
        "",
        "Đơn tồn đầu kỳ chuyển sang năm sau",
        "đơn",
        vec![V::N(3.0), V::N(3.0)],
    ));
    rows.push((
        "",
        "Tổng số lượt đánh giá (trong đó: trực tuyến)",
        "lượt",
        vec![V::N(40.0), V::N(40.0)],
    ));
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "QUÝ I/2020",
        &TH_LK,
        &complete(rows, true),
    );
    let (_, f) = check_json(&file, &["--template", tpl.to_str().unwrap()]);
    let got: Vec<String> = f
        .iter()
        .filter(|x| {
            ["indicator-approximate", "indicator-unknown"].contains(&x["code"].as_str().unwrap())
        })
        .map(|x| {
            format!(
                "{}|{}|{}|{}",
                x["severity"].as_str().unwrap(),
                x["code"].as_str().unwrap(),
                x["cell"].as_str().unwrap(),
                x["indicator"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "info|indicator-approximate|C10|NS02",
            "error|indicator-unknown|C11|",
            "error|indicator-unknown|C12|",
        ],
        "{f:?}"
    );
    let offered = f
        .iter()
        .find(|x| x["cell"] == "C11")
        .and_then(|x| x["message"].as_str())
        .unwrap();
    assert!(
        offered.contains("Nếu đây là chỉ tiêu TT04 «Đơn tồn đầu kỳ»"),
        "{offered}"
    );
}

/// A catalog whose codes hold a hyphen (`MT-01`), as a first-time user
/// writes it from the README: the formulas name them bare, `formulas`
/// gives MT-02's relation and MT-03's rate.
fn write_hyphen_template(dir: &Path, relation: &str, rate: &str) {
    write_template(dir, "");
    std::fs::write(dir.join("groups.csv"), "group,name\nMT,Môi trường\n").unwrap();
    std::fs::write(
        dir.join("indicators.csv"),
        format!(
            "code,group,name,unit,kind,level,reported_by,formula\n\
             MT-01,MT,Chất thải rắn sinh hoạt phát sinh,tấn,flow,ward,,\n\
             MT-02,MT,Chất thải rắn sinh hoạt được thu gom xử lý,tấn,flow,ward,,{relation}\n\
             MT-03,MT,Tỷ lệ chất thải rắn sinh hoạt được thu gom xử lý,%,rate,ward,,{rate}\n\
             5.1,MT,Số hộ dân,hộ,stock,ward,,\n\
             5.2,MT,Số hộ dùng nước sạch,hộ,stock,ward,,\n"
        ),
    )
    .unwrap();
}

/// A ward's form over that catalog: collected 915,7 of 1.040,9 tấn, the
/// rate typed 55,55 (the figures give 87,97), in E9 (TH = LK, Q1).
fn write_hyphen_form(path: &Path, collected: f64) {
    let n = |v: f64| vec![V::N(v), V::N(v)];
    let rows: Vec<FormRow> = vec![
        (
            "MT-01",
            "Chất thải rắn sinh hoạt phát sinh",
            "tấn",
            n(1040.9),
        ),
        (
            "MT-02",
            "Chất thải rắn sinh hoạt được thu gom xử lý",
            "tấn",
            n(collected),
        ),
        (
            "MT-03",
            "Tỷ lệ chất thải rắn sinh hoạt được thu gom xử lý",
            "%",
            n(55.55),
        ),
        ("5.1", "Số hộ dân", "hộ", n(200.0)),
        ("5.2", "Số hộ dùng nước sạch", "hộ", n(150.0)),
    ];
    write_form(path, "UBND PHƯỜNG 1", "QUÝ I/2020", &TH_LK, &rows);
}

fn findings_of(text: &str) -> Vec<(String, String, String)> {
    let findings: Vec<serde_json::Value> = serde_json::from_str(text).unwrap();
    findings
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["indicator"].as_str().unwrap().to_string(),
                f["cell"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// `MT-02 <= MT-01` and `MT-02 / MT-01 * 100` name the catalog's codes
/// (not `MT − 02`): the wrong rate typed for MT-03 is a `pct-mismatch` at
/// its cells, collected above produced breaks the relation, and no
/// `rule-invalid` is said. Before, the relation was `rule-invalid` ("MT
/// không có trong danh mục") and the rate formula was dropped without a
/// word, so 55,55 passed.
#[test]
fn hyphenated_codes_in_formulas_are_the_catalogs_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_hyphen_template(&tpl, "MT-02 <= MT-01", "MT-02 / MT-01 * 100");
    let file = tmp.path().join("phuong-01.xlsx");
    write_hyphen_form(&file, 915.7);
    let (code, text) = run(&file, &tpl, &["--json"]);
    assert_eq!(code, 1, "{text}");
    let f = |c: &str, i: &str, cell: &str| (c.to_string(), i.to_string(), cell.to_string());
    assert_eq!(
        findings_of(&text),
        [
            f("pct-mismatch", "MT-03", "E9"),
            f("pct-mismatch", "MT-03", "F9")
        ],
        "{text}"
    );
    assert!(text.contains("87,97"), "{text}");
    // The relation is checked too: collected above produced.
    write_hyphen_form(&file, 1100.0);
    let (_, text) = run(&file, &tpl, &["--json"]);
    let seen = findings_of(&text);
    assert!(
        seen.contains(&f("relation-violated", "MT-02", "E8")),
        "{text}"
    );
    assert!(!seen.iter().any(|s| s.0 == "rule-invalid"), "{text}");
}

/// A formula the tool cannot use is never dropped without a word: a code
/// the catalog lacks (`MT-2`, named as written, not `MT`), a rate over
/// codes written as numbers (a constant as written: the bracketed form is
/// suggested), and a bare expression on an indicator that is no rate are
/// each `rule-invalid`, quoting the formula as indicators.csv writes it.
/// `MT - 02` with spaces stays arithmetic (MT, no code: nothing to suggest).
#[test]
fn a_formula_the_tool_cannot_use_is_rule_invalid_with_a_bracketed_suggestion() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_hyphen_template(&tpl, "MT-2 <= MT-01", "5.2 / 5.1 * 100");
    let file = tmp.path().join("phuong-01.xlsx");
    write_hyphen_form(&file, 915.7);
    let (_, text) = run(&file, &tpl, &["--json"]);
    let findings: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let invalid: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| f["code"] == "rule-invalid")
        .map(|f| {
            (
                f["indicator"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(invalid.len(), 2, "{text}");
    assert_eq!(invalid[0].0, "MT-02");
    assert!(
        invalid[0]
            .1
            .contains("«MT-2 <= MT-01» của chỉ tiêu MT-02 (indicators.csv, dòng 3) không hợp lệ: mã chỉ tiêu MT-2 không có trong danh mục"),
        "{}",
        invalid[0].1
    );
    assert_eq!(invalid[1].0, "MT-03");
    assert!(
        invalid[1]
            .1
            .contains("«5.2 / 5.1 * 100» của chỉ tiêu MT-03 (indicators.csv, dòng 4) không hợp lệ: công thức không có mã chỉ tiêu nào")
            && invalid[1].1.contains("«[5.2] / [5.1] * 100»"),
        "{}",
        invalid[1].1
    );
    // With spaces, `MT - 02` is arithmetic over a code MT the catalog
    // lacks; a bare sum on a flow is no relation.
    write_hyphen_template(&tpl, "MT-01 - 1", "MT - 02 / MT-01 * 100");
    let (_, text) = run(&file, &tpl, &["--json", "--lang", "en"]);
    let findings: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let messages: Vec<&str> = findings
        .iter()
        .filter(|f| f["code"] == "rule-invalid")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 2, "{text}");
    assert!(
        messages[0].contains("«MT-01 - 1» of indicator MT-02")
            && messages[0].contains("no rate, so its formula must be a relation"),
        "{}",
        messages[0]
    );
    assert!(
        messages[1].contains("«MT - 02 / MT-01 * 100» of indicator MT-03")
            && messages[1].contains("unknown indicator code MT.")
            && messages[1].ends_with("correct the template."),
        "{}",
        messages[1]
    );
}

/// A ward's workbook keeps its months beside the quarter ("Tháng 1" …
/// "Tháng 3", "Quý I"), and March's 327 received files was typed as the
/// quarter's (tester BZ, Phường 5): the relations it breaks (HC02 995 ≤
/// HC01, HC09 562 ≤ HC01) blamed the rows that are right. The one error
/// is at HC01, saying it is «Tháng 3»'s figure and the months add up to
/// 1.047, with which both rules hold. Near miss: HC06 70 above HC07 60,
/// neither a month's figure, stays the relation's error at HC06.
#[test]
fn a_months_figure_copied_as_the_quarters_is_blamed_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("BC Q1-2026 Phuong 5.xlsx");
    let rows = [
        ("HC01", "Hồ sơ thủ tục hành chính đã tiếp nhận", "hồ sơ"),
        ("HC02", "Hồ sơ thủ tục hành chính đã giải quyết", "hồ sơ"),
        (
            "HC09",
            "Hồ sơ giải quyết qua dịch vụ công trực tuyến",
            "hồ sơ",
        ),
        ("HC06", "Lượt đánh giá hài lòng", "lượt"),
        ("HC07", "Tổng số lượt đánh giá", "lượt"),
    ];
    let months: [[f64; 5]; 3] = [
        [343.0, 328.0, 175.0, 10.0, 20.0],
        [377.0, 362.0, 242.0, 10.0, 20.0],
        [327.0, 305.0, 145.0, 10.0, 20.0],
    ];
    let quarter = [327.0, 995.0, 562.0, 70.0, 60.0];
    let mut wb = rust_xlsxwriter::Workbook::new();
    let mut sheet = |name: &str, title: &str, th: &str, figures: [f64; 5]| {
        let ws = wb.add_worksheet().set_name(name).unwrap();
        ws.write_string(0, 0, "UBND PHƯỜNG 5").unwrap();
        ws.write_string(2, 0, title).unwrap();
        for (c, h) in ["Mã số", "Chỉ tiêu", "ĐVT", th, "Lũy kế từ đầu năm"]
            .iter()
            .enumerate()
        {
            ws.write_string(4, c as u16, *h).unwrap();
        }
        for (k, ((code, name, unit), v)) in rows.iter().zip(figures).enumerate() {
            let r = 5 + k as u32;
            ws.write_string(r, 0, *code).unwrap();
            ws.write_string(r, 1, *name).unwrap();
            ws.write_string(r, 2, *unit).unwrap();
            ws.write_number(r, 3, v).unwrap();
            ws.write_number(r, 4, v).unwrap();
        }
    };
    for (m, figures) in months.iter().enumerate() {
        let m = m + 1;
        sheet(
            &format!("Tháng {m}"),
            &format!("BÁO CÁO SỐ LIỆU KINH TẾ - XÃ HỘI THÁNG {m} NĂM 2026"),
            &format!("Thực hiện tháng {m}/2026"),
            *figures,
        );
    }
    sheet(
        "Quý I",
        "BÁO CÁO SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ I NĂM 2026",
        "Thực hiện quý I/2026",
        quarter,
    );
    wb.save(&file).unwrap();
    let tpl = crate::common::repo().join("templates");
    let (code, findings) = check_json(
        &file,
        &["--period", "2026-Q1", "--template", tpl.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    let mut said: Vec<String> = findings
        .iter()
        .filter(|f| f["code"] == "relation-violated")
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_string();
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
    said.sort();
    assert_eq!(
        said,
        [
            "Quý I|D6|HC01|TH|1047|327",
            "Quý I|D9|HC06|TH|HC06 <= HC07|70 > 60",
            "Quý I|E6|HC01|LK|1047|327",
            "Quý I|E9|HC06|LK|HC06 <= HC07|70 > 60",
        ]
    );
    let at_d6 = findings
        .iter()
        .find(|f| f["cell"] == "D6" && f["code"] == "relation-violated")
        .unwrap();
    assert_eq!(
        at_d6["message"],
        "Phường 5: HC01 Hồ sơ thủ tục hành chính đã tiếp nhận ghi 327 ở cột TH, bằng số của trang «Tháng 3» (một tháng), không phải của cả Quý I/2026: các trang tháng cộng lại được 1.047, và với số đó điều kiện HC02 ≤ HC01, HC09 ≤ HC01 đúng. Có lẽ số của một tháng đã được chép vào; hãy ghi số của cả kỳ."
    );
}

/// October's report titled «BIỂU SỐ LIỆU T10/2026» checked for November
/// read no period and no figure («Thực hiện tháng 10», «Lũy kế 10 tháng»
/// are October's), and said «Có thể gửi». The title is October's: a
/// `period-mismatch` error, and the file is checked as October's.
/// `--period T10/2026` and `--period 10/2026` are October as «Tháng
/// 10/2026» is. Without a period in its title, no figure of November is
/// read: an error, exit 1, never «Có thể gửi».
#[test]
fn a_month_written_short_is_checked_as_that_month() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let october = ["Thực hiện tháng 10", "Lũy kế 10 tháng"];
    let file = tmp.path().join("phuong-05.xlsx");
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "T10/2026",
        &october,
        &complete(rows(130.0, 120.0, 10.0, 130.0), true),
    );
    let (code, text) = run(&file, &tpl, &["--period", "2026-11"]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("— Phường 5 — Tháng 10/2026"), "{text}");
    assert!(text.contains("Lỗi      "), "{text}");
    assert!(text.contains("tháng 10/2026"), "{text}");
    assert!(!text.contains("Có thể gửi"), "{text}");
    for period in ["T10/2026", "10/2026", "2026-10"] {
        let (code, text) = run(&file, &tpl, &["--period", period]);
        assert_eq!(code, 0, "{period}: {text}");
        assert!(text.contains("— Phường 5 — Tháng 10/2026"), "{text}");
        assert!(text.contains("Có thể gửi"), "{text}");
    }

    // No period in the title: November asked, October's columns set
    // aside, no figure read: an error, not ready to send.
    let bare = tmp.path().join("phuong-06.xlsx");
    write_form(
        &bare,
        "UBND PHƯỜNG 6",
        "",
        &october,
        &complete(rows(130.0, 120.0, 10.0, 130.0), true),
    );
    let (code, text) = run(&bare, &tpl, &["--period", "2026-11"]);
    assert_eq!(code, 1, "{text}");
    assert!(!text.contains("Có thể gửi"), "{text}");
}

/// The rows of a second quarter's form: (TH, LK) of the five flows, the
/// others 0 (both 0: no figures) and the stock TT04 at its
/// level (LK = TH by nature).
fn q2_rows(flows: [(f64, f64); 5]) -> Vec<FormRow> {
    let [hc02, hc03, hc04, hc07, ns02] = flows;
    let row = |code, name, unit, (th, lk): (f64, f64)| -> FormRow {
        (code, name, unit, vec![V::N(th), V::N(lk)])
    };
    complete(
        vec![
            row(
                "HC02",
                "Hồ sơ thủ tục hành chính đã giải quyết",
                "hồ sơ",
                hc02,
            ),
            row("HC03", "Trong đó: giải quyết đúng hạn", "hồ sơ", hc03),
            row("HC04", "Trong đó: giải quyết trễ hạn", "hồ sơ", hc04),
            row("HC07", "Tổng số lượt đánh giá", "lượt", hc07),
            row("TT04", "Đơn tồn đầu kỳ", "đơn", (6.0, 6.0)),
            row("NS02", "Tiền phạt vi phạm hành chính", "triệu đồng", ns02),
        ],
        true,
    )
}

/// Tester DM's v06: a second quarter's report whose LK repeats the TH on
/// every flow (the first quarter never added). `check` alone cannot know
/// last quarter's LK, but LK = TH on every flow with figures is itself a
/// warning, once for the file at the LK header, naming a few indicators
/// (five flows at least: a handful may all truly start this quarter).
/// Near misses: one flow whose LK is above its TH (a flow may truly start
/// this quarter, not all of them), and the first quarter (LK = TH is the
/// rule there).
#[test]
fn lk_equal_to_th_on_every_flow_after_the_first_quarter_is_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-05.xlsx");
    let same = [
        (100.0, 100.0),
        (80.0, 80.0),
        (20.0, 20.0),
        (50.0, 50.0),
        (12.0, 12.0),
    ];
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "QUÝ II/2020",
        &TH_LK,
        &q2_rows(same),
    );
    let (code, text) = run(&file, &tpl, &[]);
    assert_eq!(code, 0, "a warning: {text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(
        lines[1],
        "Cảnh báo  Biểu 1!F6  Lũy kế bằng thực hiện quý ở mọi dòng: có lẽ chưa cộng dồn các quý trước. \
         Cột lũy kế (ô F6 «Lũy kế từ đầu năm») ghi đúng số của cột thực hiện quý (ô E6 «Thực hiện quý») \
         ở cả 5 chỉ tiêu cộng dồn có số liệu (HC02, HC03, HC04, …), trong khi lũy kế từ đầu năm phải là \
         lũy kế quý trước cộng thực hiện quý này. Hãy kiểm tra cột lũy kế; nếu các quý trước thật sự \
         không phát sinh số nào thì không cần sửa."
    );
    let (_, findings) = check_json(&file, &["--template", tpl.to_str().unwrap()]);
    let found: Vec<_> = findings
        .iter()
        .filter(|f| f["code"] == "cumulative-mismatch")
        .map(|f| {
            (
                f["severity"].as_str().unwrap(),
                f["cell"].as_str().unwrap(),
                f["column"].as_str().unwrap(),
                f["expected"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [("warning", "F6", "LK", "LK = LK quý trước + TH")],
        "{findings:#?}"
    );

    // Near miss: HC07's LK holds the first quarter too.
    let one_added = [
        (100.0, 100.0),
        (80.0, 80.0),
        (20.0, 20.0),
        (50.0, 90.0),
        (12.0, 12.0),
    ];
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "QUÝ II/2020",
        &TH_LK,
        &q2_rows(one_added),
    );
    let (code, text) = run(&file, &tpl, &[]);
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("cộng dồn"), "{text}");
    // Near miss: the first quarter.
    write_form(&file, "UBND PHƯỜNG 5", "QUÝ I/2020", &TH_LK, &q2_rows(same));
    let (code, text) = run(&file, &tpl, &[]);
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("cộng dồn"), "{text}");
}

/// Tester DM's v18: a negative amount of money in a commune's own check.
/// The clerk is asked to confirm the sign and explain it in the note, not
/// told to list the indicator in the template's `may_be_negative` (the
/// office's advice, kept in its error list).
#[test]
fn a_negative_amount_asks_the_clerk_to_confirm_it_not_to_change_the_template() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-05.xlsx");
    let mut form = rows(1290.0, 1204.0, 86.0, 1290.0);
    form.push((
        "NS02",
        "Tiền phạt vi phạm hành chính",
        "triệu đồng",
        vec![V::N(-380.0), V::N(-380.0)],
    ));
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "QUÝ I/2020",
        &TH_LK,
        &complete(form, true),
    );
    let (code, text) = run(&file, &tpl, &[]);
    assert_eq!(code, 1, "{text}");
    let negative: Vec<&str> = text.lines().filter(|l| l.contains("số âm")).collect();
    assert_eq!(negative.len(), 2, "{text}");
    assert_eq!(
        negative[0],
        "Lỗi       Biểu 1!E10  NS02 Tiền phạt vi phạm hành chính (cột TH) ghi số âm -380. Nếu đây là \
         khoản điều chỉnh giảm có thật (thu hồi tạm ứng, giảm trừ), hãy xác nhận và ghi rõ lý do ở cột \
         ghi chú; nếu không, hãy sửa dấu trừ hoặc dấu ngoặc."
    );
    assert!(!text.contains("may_be_negative"), "{text}");
    assert!(!text.contains("template.toml"), "{text}");
    // The office's list keeps its own advice.
    let (_, findings) = check_json(&file, &["--template", tpl.to_str().unwrap()]);
    let office: Vec<_> = findings
        .iter()
        .filter(|f| f["code"] == "value-negative")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(office.len(), 2, "{findings:#?}");
    assert!(office[0].contains("may_be_negative"), "{}", office[0]);
}

/// Tester DM's v18: «1,180» hồ sơ typed with an English thousands comma on
/// a Vietnamese sheet was read as 1,18, told by an info, while two
/// relation errors blamed the cells beside it. A count cannot be 1,18: one
/// error at that cell naming 1.180, and the sum it is a part of is not
/// worked out with 1,18. Near miss: the same text in a row of money is a
/// figure with decimals (an info at most, no error).
#[test]
fn a_count_typed_with_an_english_thousands_comma_is_one_error_at_its_cell() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-05.xlsx");
    let mut form = rows(1290.0, 1204.0, 86.0, 1290.0);
    form[1].3 = vec![V::T("1,204"), V::N(1204.0)];
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "QUÝ I/2020",
        &TH_LK,
        &complete(form, true),
    );
    let (code, findings) = check_json(&file, &["--template", tpl.to_str().unwrap()]);
    assert_eq!(code, 1, "{findings:#?}");
    let errors: Vec<_> = findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            (
                f["code"].as_str().unwrap(),
                f["cell"].as_str().unwrap(),
                f["expected"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [(
            "number-ambiguous",
            "E8",
            "1.204",
            "Phường 5: Ô E8 (chỉ tiêu HC03 «Trong đó: giải quyết đúng hạn», cột TH) ghi «1,204», đọc \
             theo cách viết số của Việt Nam là 1,204, nhưng số hồ sơ không thể có phần lẻ: có lẽ là \
             1.204 (dấu phẩy phân cách hàng nghìn theo kiểu tiếng Anh). Số này không được dùng để \
             kiểm tra và tổng hợp; hãy sửa thành 1.204 (dấu chấm phân cách hàng nghìn, hoặc ghi số \
             không có dấu) hoặc số đúng rồi gửi lại."
        )],
        "{findings:#?}"
    );

    // Near miss: money may have decimals.
    let mut plain = complete(rows(1290.0, 1204.0, 86.0, 1290.0), true);
    for r in plain.iter_mut().filter(|r| r.0 == "NS02") {
        r.3 = vec![V::T("1,204"), V::T("1,204")];
    }
    write_form(&file, "UBND PHƯỜNG 5", "QUÝ I/2020", &TH_LK, &plain);
    let (code, findings) = check_json(&file, &["--template", tpl.to_str().unwrap()]);
    assert_eq!(code, 0, "{findings:#?}");
}

/// Tester DO's X04: a month's report after January whose LK column
/// («Lũy kế 10 tháng») repeats the month on every flow: the months before
/// were never added, as a quarter's after the first. One warning at the LK
/// header, in a month's words. Near miss: January (LK = TH is the rule).
#[test]
fn lk_equal_to_th_on_every_flow_after_january_is_a_warning_in_a_month_report() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-05.xlsx");
    let same = [
        (100.0, 100.0),
        (80.0, 80.0),
        (20.0, 20.0),
        (50.0, 50.0),
        (12.0, 12.0),
    ];
    let month = ["Thực hiện tháng", "Lũy kế từ đầu năm"];
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "THÁNG 10/2026",
        &month,
        &q2_rows(same),
    );
    let (code, text) = run(&file, &tpl, &["--period", "T10/2026"]);
    assert_eq!(code, 0, "a warning: {text}");
    assert!(
        text.contains(
            "Cảnh báo  Biểu 1!F6  Lũy kế bằng thực hiện tháng ở mọi dòng: có lẽ chưa cộng dồn các tháng trước. \
             Cột lũy kế (ô F6 «Lũy kế từ đầu năm») ghi đúng số của cột thực hiện tháng (ô E6 «Thực hiện tháng») \
             ở cả 5 chỉ tiêu cộng dồn có số liệu (HC02, HC03, HC04, …)"
        ),
        "{text}"
    );
    let (_, findings) = check_json(
        &file,
        &["--template", tpl.to_str().unwrap(), "--period", "2026-10"],
    );
    let found: Vec<_> = findings
        .iter()
        .filter(|f| f["code"] == "cumulative-mismatch")
        .map(|f| {
            (
                f["severity"].as_str().unwrap(),
                f["cell"].as_str().unwrap(),
                f["column"].as_str().unwrap(),
                f["expected"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [("warning", "F6", "LK", "LK = LK tháng trước + TH")],
        "{findings:#?}"
    );

    // Near miss: January, whose LK is its TH.
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "THÁNG 1/2026",
        &month,
        &q2_rows(same),
    );
    let (code, text) = run(&file, &tpl, &["--period", "T1/2026"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Có thể gửi"), "{text}");
    assert!(!text.contains("cộng dồn"), "{text}");
}

/// A form whose table was read but holds no figure of the period (only
/// the year's plan column, or the figures left blank by an office that
/// need not report them) said «Có thể gửi». No figure read is never
/// ready to send: exit 1 and the verdict says why. Near miss: the same
/// rows with a TH column are ready.
#[test]
fn a_form_without_a_figure_of_the_period_is_not_ready_to_send() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-05.xlsx");
    let plan_only: Vec<FormRow> = complete(
        rows(1200.0, 1100.0, 100.0, 0.0)
            .into_iter()
            .map(|(c, n, u, v)| (c, n, u, v[..1].to_vec()))
            .collect(),
        true,
    );
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "THÁNG 10/2026",
        &["Kế hoạch năm"],
        &plan_only,
    );
    let (code, text) = run(&file, &tpl, &["--period", "T10/2026"]);
    assert_eq!(code, 1, "{text}");
    assert!(!text.contains("Có thể gửi"), "{text}");
    assert!(
        text.contains("Kết quả: chưa gửi được: không đọc được số liệu nào của kỳ báo cáo"),
        "{text}"
    );
    let (code, text) = run(&file, &tpl, &["--period", "T10/2026", "--lang", "en"]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("Result: not ready to send"), "{text}");

    // Near miss: the month's figures beside the plan.
    let with_th: Vec<FormRow> = plan_only
        .iter()
        .map(|(c, n, u, v)| {
            let mut v = v.clone();
            if !v.is_empty() {
                v.push(V::N(0.0));
            }
            (*c, *n, *u, v)
        })
        .collect();
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "THÁNG 10/2026",
        &["Kế hoạch năm", "Thực hiện tháng"],
        &with_th,
    );
    let (code, text) = run(&file, &tpl, &["--period", "T10/2026"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Có thể gửi"), "{text}");
}

/// Tester ED, v02: a half-filled form (31 of 65 rows blank) was «Có thể
/// gửi; hãy xem lại các cảnh báo». Rows of indicators the unit reports
/// left blank make the form incomplete: the verdict says how many and
/// that it is not ready. Near miss: the same form filled in is ready.
#[test]
fn a_form_with_blank_rows_is_not_ready_to_send() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-05.xlsx");
    let mut half = rows(1281.0, 1204.0, 77.0, 1281.0);
    half.push(("HC07", "Tổng số lượt đánh giá", "lượt", vec![V::E, V::E]));
    half.push(("TT04", "Đơn tồn đầu kỳ", "đơn", vec![V::E, V::E]));
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "QUÝ I/2020",
        &TH_LK,
        &complete(half, true),
    );
    let (_, text) = run(&file, &tpl, &[]);
    let blank: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("để trống cả dòng"))
        .collect();
    assert_eq!(blank.len(), 2, "{text}");
    assert!(
        blank[0].contains("HC07") && blank[1].contains("TT04"),
        "{text}"
    );
    assert_eq!(
        text.lines().last().unwrap(),
        "Kết quả: không có lỗi (2 cảnh báo, 0 thông tin), nhưng chưa gửi được: biểu chưa đủ, còn 2 dòng chỉ tiêu để trống; hãy ghi số liệu vào các dòng đó (ghi 0 nếu không phát sinh), như các cảnh báo trên, rồi kiểm tra lại."
    );
    let (_, text) = run(&file, &tpl, &["--lang", "en"]);
    assert!(
        text.lines().last().unwrap().contains(
            "but not ready to send: the form is not complete, 2 indicator rows left blank"
        ),
        "{text}"
    );
    // Near miss: every row filled in.
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "QUÝ I/2020",
        &TH_LK,
        &complete(rows(1281.0, 1204.0, 77.0, 1281.0), true),
    );
    let (code, text) = run(&file, &tpl, &[]);
    assert_eq!(code, 0);
    assert_eq!(
        text.lines().last().unwrap(),
        "Kết quả: không có lỗi (0 cảnh báo, 0 thông tin). Có thể gửi."
    );
}

/// A row that differs from a catalog name by an opposite word («Chi» for
/// «Thu», spending for revenue) is neither taken for that indicator nor
/// offered it, however few letters differ: an `indicator-unknown` error
/// that asks for the right name and suggests nothing. A row one letter off
/// the same name is still offered it.
#[test]
fn a_name_of_the_opposite_is_not_offered_the_indicator() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-05.xlsx");
    let mut rows = rows(1281.0, 1204.0, 77.0, 1281.0);
    rows.push((
        "",
        "Chi ngân sách nhà nước trên địa bàn",
        "tỷ đồng",
        vec![V::N(12.5), V::N(12.5)],
    ));
    write_form(
        &file,
        "UBND PHƯỜNG 5",
        "QUÝ I/2020",
        &TH_LK,
        &complete(rows, true),
    );
    let (_, f) = check_json(&file, &["--template", tpl.to_str().unwrap()]);
    let got: Vec<String> = f
        .iter()
        .filter(|x| x["code"].as_str().unwrap().starts_with("indicator-"))
        .map(|x| {
            format!(
                "{}|{}|{}|{}|{}",
                x["severity"].as_str().unwrap(),
                x["code"].as_str().unwrap(),
                x["cell"].as_str().unwrap(),
                x["indicator"].as_str().unwrap(),
                x["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "error|indicator-unknown|C10||Dòng «Chi ngân sách nhà nước trên địa bàn» có số liệu \
          nhưng không khớp chỉ tiêu nào trong danh mục; số liệu của dòng không được tổng hợp. \
          Hãy ghi đúng tên hoặc mã chỉ tiêu."
        ],
        "{f:?}"
    );
}

/// A row that matches no indicator but is offered one the unit must
/// report («Đơn tồn đầu kỳ chuyển sang năm sau» for TT04) is there,
/// unrecognised: its `indicator-unknown` says which indicator it may be,
/// and `indicator-missing` does not ask to add TT04's row as well. The
/// rows really absent are still listed.
#[test]
fn a_row_offered_as_a_missing_indicator_is_not_asked_for_again() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-05.xlsx");
    let mut rows = rows(1281.0, 1204.0, 77.0, 1281.0);
    rows.push((
        "",
        "Đơn tồn đầu kỳ chuyển sang năm sau",
        "đơn",
        vec![V::N(3.0), V::N(3.0)],
    ));
    write_form(&file, "UBND PHƯỜNG 5", "QUÝ I/2020", &TH_LK, &rows);
    let (_, f) = check_json(&file, &["--template", tpl.to_str().unwrap()]);
    let got: Vec<String> = f
        .iter()
        .map(|x| {
            format!(
                "{}|{}|{}|{}",
                x["severity"].as_str().unwrap(),
                x["code"].as_str().unwrap(),
                x["cell"].as_str().unwrap(),
                x["actual"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "error|indicator-unknown|C10|Đơn tồn đầu kỳ chuyển sang năm sau",
            "warning|indicator-missing||HC05, HC07, NS02",
        ],
        "{f:?}"
    );
    let message = |code: &str| {
        f.iter()
            .find(|x| x["code"] == code)
            .and_then(|x| x["message"].as_str())
            .unwrap()
            .to_string()
    };
    assert!(
        message("indicator-unknown").contains("Nếu đây là chỉ tiêu TT04 «Đơn tồn đầu kỳ»"),
        "{f:?}"
    );
    let missing = message("indicator-missing");
    assert!(
        missing.starts_with("Biểu của Phường 5 thiếu 3 chỉ tiêu phải báo cáo: HC05")
            && !missing.contains("TT04"),
        "{missing}"
    );
}

/// Tester EA: without `--period` a file named for the third quarter
/// («…-2026-Q3.xlsx») whose title says Quý II was checked as Quý II and
/// told «Có thể gửi». Now one warning at the title names both periods,
/// and the verdict says which was checked; a name of the title's period,
/// or `--period`, says nothing of the name.
#[test]
fn a_file_named_for_another_period_than_its_title_is_not_ready_to_send() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let form = |name: &str| {
        let file = tmp.path().join(name);
        write_form(
            &file,
            "UBND PHƯỜNG 5",
            "QUÝ II/2020",
            &TH_LK,
            &complete(rows(1281.0, 1204.0, 77.0, 1281.0), true),
        );
        file
    };
    let file = form("P05-phuong-5-2020-Q3.xlsx");
    let (code, text) = run(&file, &tpl, &[]);
    assert_eq!(code, 0, "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{} — Phường 5 — Quý II/2020", file.display()).as_str(),
            "Cảnh báo  Biểu 1!A3  Tiêu đề biểu (ô A3) ghi kỳ báo cáo Quý II/2020 nhưng tên tệp P05-phuong-5-2020-Q3.xlsx ghi Quý III/2020; tệp được kiểm tra như báo cáo Quý II/2020 theo tiêu đề. Nếu đây là báo cáo Quý III/2020, hãy sửa tiêu đề ở ô A3 thành Quý III/2020 rồi kiểm tra lại; nếu là báo cáo Quý II/2020, hãy sửa tên tệp.",
            "Kết quả: không có lỗi (1 cảnh báo, 0 thông tin) khi kiểm tra như báo cáo Quý II/2020 theo tiêu đề, nhưng tên tệp ghi Quý III/2020: chưa gửi được; hãy sửa tiêu đề (hoặc tên tệp) cho cùng một kỳ, như cảnh báo trên, rồi kiểm tra lại.",
        ],
        "{text}"
    );
    let (_, json) = run(&file, &tpl, &["--json"]);
    let found: serde_json::Value = serde_json::from_str(&json).unwrap();
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1, "{json}");
    assert_eq!(found[0]["code"], "period-mismatch");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["cell"], "A3");
    assert_eq!(found[0]["expected"], "2020-Q3");
    assert_eq!(found[0]["actual"], "2020-Q2");
    // A title's words in the name («quy 3-2020») name it too.
    let (_, text) = run(&form("Phuong 5 - quy 3-2020.xlsx"), &tpl, &[]);
    assert!(text.contains("ghi Quý III/2020: chưa gửi được"), "{text}");
    // The name of the title's period: nothing to say.
    let same = form("P05-phuong-5-2020-Q2.xlsx");
    let (code, text) = run(&same, &tpl, &[]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        text.lines().last(),
        Some("Kết quả: không có lỗi (0 cảnh báo, 0 thông tin). Có thể gửi."),
        "{text}"
    );
    // With --period the name says nothing either: the title is told.
    let (_, text) = run(&file, &tpl, &["--period", "2020-Q2"]);
    assert!(!text.contains("tên tệp"), "{text}");
}
