//! The period a file is of, when months, sheets and titles name it: a
//! monthly report is a month's, never the quarter's or the year's; a
//! month's column beside the quarter's is another period's; sheets named
//! by their period decide when their titles say none; a title left from
//! another period over headers of the run's is the thing to correct.
//! Each is checked in the detail sheet (what is counted) and the
//! findings.

use crate::checks::{consolidate, write_template, CATALOG};
use crate::common::read_sheet;
use rust_xlsxwriter::Workbook;
use std::path::Path;

/// One sheet: its name, its title rows (the unit on row 1, then each
/// given on the next rows), the figure headers on row 6 after STT | Mã số
/// | Chỉ tiêu | ĐVT, and rows (code, figures) from row 7.
struct Sheet<'a> {
    name: &'a str,
    titles: &'a [&'a str],
    headers: &'a [&'a str],
    rows: Vec<(&'a str, Vec<f64>)>,
}

fn write_book(path: &Path, unit: &str, sheets: &[Sheet]) {
    let mut wb = Workbook::new();
    for s in sheets {
        let ws = wb.add_worksheet().set_name(s.name).unwrap();
        ws.write_string(0, 0, unit).unwrap();
        for (k, t) in s.titles.iter().enumerate() {
            ws.write_string(2 + k as u32, 0, *t).unwrap();
        }
        for (c, h) in ["STT", "Mã số", "Chỉ tiêu", "ĐVT"]
            .iter()
            .chain(s.headers)
            .enumerate()
        {
            ws.write_string(5, c as u16, *h).unwrap();
        }
        for (k, (code, figures)) in s.rows.iter().enumerate() {
            let (_, name, unit, _) = CATALOG.iter().find(|c| c.0 == *code).unwrap();
            let r = 6 + k as u32;
            ws.write_number(r, 0, (k + 1) as f64).unwrap();
            ws.write_string(r, 1, *code).unwrap();
            ws.write_string(r, 2, *name).unwrap();
            ws.write_string(r, 3, *unit).unwrap();
            for (j, v) in figures.iter().enumerate() {
                ws.write_number(r, 4 + j as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

/// HC02 = HC03 + HC04, each with the figures given per column.
fn hc<'a>(columns: &[[f64; 3]]) -> Vec<(&'a str, Vec<f64>)> {
    ["HC02", "HC03", "HC04"]
        .iter()
        .enumerate()
        .map(|(k, code)| (*code, columns.iter().map(|c| c[k]).collect()))
        .collect()
}

/// What the detail sheet counts for `unit` at `code`, `column` ("" when
/// the unit has no column: nothing of it is counted).
fn counted(out: &Path, unit: &str, code: &str, column: &str) -> String {
    let book = out.join("tong-hop.xlsx");
    let sheets = calamine::open_workbook_auto(&book)
        .map(|wb| calamine::Reader::sheet_names(&wb))
        .unwrap();
    let name = ["Chi tiết theo đơn vị", "Detail by unit"]
        .into_iter()
        .find(|n| sheets.iter().any(|s| s == n))
        .unwrap();
    let detail = read_sheet(&book, name);
    let Some(col) = detail[0].iter().position(|h| h == unit) else {
        return String::new();
    };
    detail
        .iter()
        .find(|r| r[0] == code && r[3] == column)
        .map(|r| r[col].clone())
        .unwrap_or_default()
}

/// `severity|code|sheet|cell|expected|actual` of the findings with one of
/// `codes`, sorted.
fn listed(findings: &[serde_json::Value], codes: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = findings
        .iter()
        .filter(|f| codes.contains(&f["code"].as_str().unwrap_or_default()))
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            [
                s("severity"),
                s("code"),
                s("sheet"),
                s("cell"),
                s("expected"),
                s("actual"),
            ]
            .join("|")
        })
        .collect();
    v.sort();
    v
}

fn message<'a>(findings: &'a [serde_json::Value], code: &str, severity: &str) -> &'a str {
    findings
        .iter()
        .find(|f| f["code"] == code && f["severity"] == severity)
        .and_then(|f| f["message"].as_str())
        .unwrap_or_default()
}

/// A ward's monthly report ("BÁO CÁO SỐ LIỆU THÁNG 7/2020", "Thực hiện
/// tháng 7") in a third quarter's batch was counted as its quarter with a
/// false "không ghi kỳ báo cáo"; "THÁNG 9 NĂM 2020" was read as the year.
/// A month is its own period: `period-mismatch` naming the month, nothing
/// counted; the near miss, the quarter's report with a date in its
/// signature line, is counted.
#[test]
fn a_months_report_is_the_months_not_the_quarters_or_the_years() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    for (title, month, period) in [
        ("BÁO CÁO SỐ LIỆU THÁNG 7/2020", "2020-07", "2020-Q3"),
        ("BÁO CÁO SỐ LIỆU THÁNG 9 NĂM 2020", "2020-09", "2020-Q3"),
        ("BÁO CÁO SỐ LIỆU THÁNG 9 NĂM 2020", "2020-09", "2020"),
    ] {
        let dir = tmp.path().join(format!("in-{month}-{period}"));
        std::fs::create_dir_all(&dir).unwrap();
        write_book(
            &dir.join("phuong-1.xlsx"),
            "UBND PHƯỜNG 1",
            &[Sheet {
                name: "Tháng 7",
                titles: &[title],
                headers: &["Thực hiện tháng 7", "Lũy kế từ đầu năm"],
                rows: hc(&[[40.0, 38.0, 2.0], [300.0, 290.0, 10.0]]),
            }],
        );
        let out = tmp.path().join(format!("out-{month}-{period}"));
        let (_, f) = consolidate(&dir, &out, &tpl, period, &[]);
        assert_eq!(
            listed(&f, &["period-mismatch", "period-missing"]),
            [format!("error|period-mismatch|Tháng 7|A3|{period}|{month}")],
            "{title} {period}"
        );
        let m = message(&f, "period-mismatch", "error");
        let words = if month == "2020-07" {
            "tháng 7/2020"
        } else {
            "tháng 9/2020"
        };
        assert!(m.contains(&format!("ghi kỳ báo cáo {words} nhưng")), "{m}");
        assert_eq!(counted(&out, "Phường 1", "HC02", "LK"), "");
    }

    // The quarter's report, whose title and signature name months: read.
    let dir = tmp.path().join("in-q3");
    std::fs::create_dir_all(&dir).unwrap();
    write_book(
        &dir.join("phuong-1.xlsx"),
        "UBND PHƯỜNG 1",
        &[Sheet {
            name: "Biểu 1",
            titles: &[
                "BÁO CÁO SỐ LIỆU QUÝ III/2020 (SỐ LIỆU ĐẾN THÁNG 9/2020)",
                "Phường 1, ngày 05 tháng 10 năm 2020",
            ],
            headers: &["Thực hiện quý III", "Lũy kế đến tháng 9"],
            rows: hc(&[[40.0, 38.0, 2.0], [300.0, 290.0, 10.0]]),
        }],
    );
    let out = tmp.path().join("out-q3");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-Q3", &[]);
    assert!(listed(&f, &["period-mismatch", "period-missing"]).is_empty());
    assert_eq!(counted(&out, "Phường 1", "HC02", "TH"), "40");
    assert_eq!(counted(&out, "Phường 1", "HC02", "LK"), "300");
}

/// A fourth quarter's report with "Ước TH tháng 12" before "Ước TH quý
/// IV": December was read as the quarter's TH (eleven false
/// cumulative-mismatch errors with `--previous`, wrong totals without).
/// The month is another period's column (an info); the quarter's is TH.
/// A report whose only TH is the month's has no TH (its figures are not
/// the quarter's).
#[test]
fn a_months_column_beside_the_quarters_is_not_its_th() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    write_book(
        &dir.join("phuong-1.xlsx"),
        "UBND PHƯỜNG 1",
        &[Sheet {
            name: "Biểu 1",
            titles: &["BÁO CÁO SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ IV VÀ NĂM 2020"],
            headers: &["Ước TH tháng 12", "Ước TH quý IV", "Lũy kế 12 tháng"],
            rows: hc(&[[14.0, 13.0, 1.0], [40.0, 38.0, 2.0], [300.0, 290.0, 10.0]]),
        }],
    );
    write_book(
        &dir.join("phuong-2.xlsx"),
        "UBND PHƯỜNG 2",
        &[Sheet {
            name: "Biểu 1",
            titles: &["BÁO CÁO SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ IV/2020"],
            headers: &["Thực hiện tháng 12/2020", "Lũy kế từ đầu năm"],
            rows: hc(&[[15.0, 14.0, 1.0], [200.0, 190.0, 10.0]]),
        }],
    );
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-Q4", &[]);
    assert_eq!(counted(&out, "Phường 1", "HC02", "TH"), "40");
    assert_eq!(counted(&out, "Phường 1", "HC02", "LK"), "300");
    // Phường 2's LK is its own column, not December's.
    assert_eq!(counted(&out, "Phường 2", "HC02", "TH"), "");
    assert_eq!(counted(&out, "Phường 2", "HC02", "LK"), "200");
    assert_eq!(
        listed(&f, &["column-ignored", "period-mismatch"]),
        [
            "info|column-ignored|Biểu 1|E6||Thực hiện tháng 12/2020",
            "info|column-ignored|Biểu 1|E6||Ước TH tháng 12",
        ]
    );
    assert!(
        !f.iter()
            .any(|x| x["severity"] == "error" && x["code"] != "submission-missing"),
        "{f:?}"
    );
}

/// A title left from another period over headers of the run's: "QUÝ
/// III/2020" over "Thực hiện quý IV/2020" in the fourth quarter (Phường
/// 1), "NĂM 2020" over "Thực hiện quý III/2020", "Lũy kế 9 tháng" in the
/// third (Phường 2). The ward was dropped with a period-mismatch error,
/// though README says the headers' period wins. Its figures are counted,
/// and the title is a period-mismatch error at the title cell (it was a
/// warning: a report titled for another quarter is no report to sign),
/// its line in Tình trạng nộp "đã nộp" with that error, not "sai kỳ".
/// A title naming the run's whole year ("NĂM 2020" over a third quarter's
/// columns, the year whose targets are reported on) is vaguer, not
/// another period: a warning, the line "đã nộp" with no note.
/// Near misses stay period-mismatch errors out of the totals: a title and
/// headers both of another period (Phường 3), a title over headers naming
/// no period (Phường 4), and months from January alone ("Lũy kế 9 tháng"
/// under a "6 THÁNG" title, Phường 5).
#[test]
fn a_stale_title_over_headers_of_the_run_is_the_thing_to_correct() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let figures = || hc(&[[40.0, 38.0, 2.0], [300.0, 290.0, 10.0]]);
    let ward = |dir: &Path, k: u32, title: &str, headers: &[&str]| {
        write_book(
            &dir.join(format!("phuong-{k}.xlsx")),
            &format!("UBND PHƯỜNG {k}"),
            &[Sheet {
                name: "Biểu 1",
                titles: &[title],
                headers,
                rows: figures(),
            }],
        );
    };
    let q4 = tmp.path().join("q4");
    std::fs::create_dir_all(&q4).unwrap();
    ward(
        &q4,
        1,
        "BÁO CÁO SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ III/2020",
        &["Thực hiện quý IV/2020", "Lũy kế năm 2020"],
    );
    let out = tmp.path().join("out-q4");
    let (_, f) = consolidate(&q4, &out, &tpl, "2020-Q4", &[]);
    assert_eq!(
        listed(&f, &["period-mismatch"]),
        ["error|period-mismatch|Biểu 1|A3|2020-Q4|2020-Q3"]
    );
    assert_eq!(
        message(&f, "period-mismatch", "error"),
        "Tiêu đề biểu (ô A3) ghi Quý III/2020, không phải kỳ báo cáo Quý IV/2020. Số liệu vẫn \
         được đọc và tổng hợp là của Quý IV/2020 vì tiêu đề cột số liệu ghi Quý IV/2020 \
         («Thực hiện quý IV/2020») và không cột nào ghi Quý III/2020. Hãy sửa tiêu đề ở ô A3 \
         thành Quý IV/2020 và xác nhận số liệu đúng là của Quý IV/2020 trước khi trình ký."
    );
    assert_eq!(counted(&out, "Phường 1", "HC02", "TH"), "40");
    assert_eq!(counted(&out, "Phường 1", "HC02", "LK"), "300");
    // Read, with an error: not "sai kỳ", nor "đã nộp" saying nothing.
    let status = read_sheet(&out.join("tong-hop.xlsx"), "Tình trạng nộp");
    let line = status.iter().find(|r| r[2] == "Phường 1").unwrap();
    assert_eq!(
        line[4..],
        [
            "đã nộp",
            "1",
            "1", // indicator-missing: the ward sends two rows
            "0",
            "có lỗi: tiêu đề ghi Quý III/2020, số liệu được đọc là của Quý IV/2020; cần sửa \
             tiêu đề trước khi trình ký"
        ]
    );

    let q3 = tmp.path().join("q3");
    std::fs::create_dir_all(&q3).unwrap();
    ward(
        &q3,
        2,
        "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2020",
        &["Thực hiện quý III/2020", "Lũy kế 9 tháng"],
    );
    ward(
        &q3,
        3,
        "BÁO CÁO SỐ LIỆU QUÝ II/2020",
        &["Thực hiện quý II/2020", "Lũy kế 6 tháng"],
    );
    ward(
        &q3,
        4,
        "BÁO CÁO SỐ LIỆU QUÝ II/2020",
        &["Thực hiện trong kỳ", "Lũy kế từ đầu năm"],
    );
    ward(
        &q3,
        5,
        "BÁO CÁO SỐ LIỆU 6 THÁNG ĐẦU NĂM 2020",
        &["Lũy kế 6 tháng", "Lũy kế 9 tháng"],
    );
    let out = tmp.path().join("out-q3");
    let (_, f) = consolidate(&q3, &out, &tpl, "2020-Q3", &["--lang", "en"]);
    assert_eq!(
        listed(&f, &["period-mismatch"]),
        [
            "error|period-mismatch|Biểu 1|A3|2020-Q3|2020-H1",
            "error|period-mismatch|Biểu 1|A3|2020-Q3|2020-Q2",
            "error|period-mismatch|Biểu 1|A3|2020-Q3|2020-Q2",
            "warning|period-mismatch|Biểu 1|A3|2020-Q3|2020",
        ]
    );
    let status = read_sheet(&out.join("tong-hop.xlsx"), "Submission status");
    let line = status.iter().find(|r| r[2] == "Phường 2").unwrap();
    assert_eq!((line[4].as_str(), line[8].as_str()), ("submitted", ""));
    let year = f
        .iter()
        .find(|f| f["code"] == "period-mismatch" && f["actual"] == "2020")
        .unwrap();
    assert_eq!(
        year["message"],
        "The title (cell A3) says year 2020, not the reporting period Q3 2020. The figures are \
         still read and consolidated as Q3 2020's because the figure columns' headers say Q3 \
         2020 («Thực hiện quý III/2020», «Lũy kế 9 tháng») and none says year 2020. Correct \
         the title in cell A3 to Q3 2020 and confirm that the figures are Q3 2020's before the \
         report is signed."
    );
    assert_eq!(counted(&out, "Phường 2", "HC02", "TH"), "40");
    assert_eq!(counted(&out, "Phường 2", "HC02", "LK"), "300");
    for unit in ["Phường 3", "Phường 4", "Phường 5"] {
        assert_eq!(counted(&out, unit, "HC02", "LK"), "", "{unit}");
    }
}

/// Sheets "Quý II" and "Quý III" whose titles name no period: the second
/// quarter's figures were counted into the third with an
/// `indicator-repeated` error. Their names decide: "Quý III" is read, the
/// other set aside with an info saying so by its name; month sheets "T7",
/// "T8" beside the quarter's are another period's too. A lone sheet
/// named "Quý II" is no such sign: the title's silence stays
/// `period-missing`, and the sheet is read for the run.
#[test]
fn sheets_named_by_their_period_decide_when_titles_say_none() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let title = &["BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI"][..];
    let headers = &["Thực hiện trong kỳ", "Lũy kế từ đầu năm"][..];
    write_book(
        &dir.join("phuong-1.xlsx"),
        "UBND PHƯỜNG 1",
        &[
            Sheet {
                name: "Quý II",
                titles: title,
                headers,
                rows: hc(&[[30.0, 29.0, 1.0], [260.0, 252.0, 8.0]]),
            },
            Sheet {
                name: "Quý III",
                titles: title,
                headers,
                rows: hc(&[[40.0, 38.0, 2.0], [300.0, 290.0, 10.0]]),
            },
        ],
    );
    write_book(
        &dir.join("phuong-2.xlsx"),
        "UBND PHƯỜNG 2",
        &[
            Sheet {
                name: "T7",
                titles: title,
                headers,
                rows: hc(&[[12.0, 12.0, 0.0], [272.0, 264.0, 8.0]]),
            },
            Sheet {
                name: "T8",
                titles: title,
                headers,
                rows: hc(&[[13.0, 12.0, 1.0], [285.0, 276.0, 9.0]]),
            },
            Sheet {
                name: "Quý III",
                titles: title,
                headers,
                rows: hc(&[[41.0, 39.0, 2.0], [301.0, 291.0, 10.0]]),
            },
        ],
    );
    write_book(
        &dir.join("phuong-3.xlsx"),
        "UBND PHƯỜNG 3",
        &[Sheet {
            name: "Quý II",
            titles: title,
            headers,
            rows: hc(&[[42.0, 40.0, 2.0], [302.0, 292.0, 10.0]]),
        }],
    );
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-Q3", &[]);
    assert_eq!(counted(&out, "Phường 1", "HC02", "TH"), "40");
    assert_eq!(counted(&out, "Phường 1", "HC02", "LK"), "300");
    assert_eq!(counted(&out, "Phường 2", "HC02", "TH"), "41");
    assert_eq!(counted(&out, "Phường 3", "HC02", "TH"), "42");
    assert_eq!(
        listed(&f, &["period-mismatch", "indicator-repeated"]),
        [
            "info|period-mismatch|Quý II|A1|2020-Q3|2020-Q2",
            "info|period-mismatch|T7|A1|2020-Q3|2020-07",
            "info|period-mismatch|T8|A1|2020-Q3|2020-08",
        ]
    );
    let m = f
        .iter()
        .find(|x| x["sheet"] == "T7")
        .and_then(|x| x["message"].as_str())
        .unwrap();
    assert_eq!(
        m,
        "Trang «T7» là số liệu Tháng 7/2020 (theo tên trang), không phải Quý III/2020: trang \
         này không được đọc; số liệu lấy từ trang của Quý III/2020."
    );
    let missing: Vec<&str> = f
        .iter()
        .filter(|x| x["code"] == "period-missing")
        .map(|x| x["unit"].as_str().unwrap())
        .collect();
    assert_eq!(missing, ["P01", "P02", "P03"]);
}

/// What the summary sheet states for the district at `code`, `column`.
fn district(out: &Path, code: &str, column: &str) -> String {
    let summary = read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let head = summary.iter().find(|r| r[0] == "Mã").unwrap();
    let col = head
        .iter()
        .position(|h| h.split('\n').next() == Some(column))
        .unwrap();
    summary.iter().find(|r| r[0] == code).unwrap()[col].clone()
}

/// `check` on a file's stale title, with the same text per line as the
/// `period-mismatch` lines of `consolidate` (their cell and severity).
fn checked(file: &Path, tpl: &Path, period: &str) -> String {
    let output = crate::common::tonghop()
        .args(["check", file.to_str().unwrap(), "--template"])
        .arg(tpl)
        .args(["--period", period])
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A year-end report titled with last year ("… NĂM 2019" over "Thực hiện
/// quý IV/2020", "Lũy kế năm 2020" and "Cùng kỳ 2019"): `check` read its
/// figures ("tiêu đề cột đã đúng") and `consolidate` dropped them as
/// "sai kỳ", because the CK header naming 2019 was taken as headers of
/// the title's year (and "Thực hiện năm 2019", the CK, was read as LK).
/// Both now read the figures as the run's, with one error at the title;
/// the near miss, a report whose headers are all 2019's, stays out.
#[test]
fn a_title_naming_last_year_over_the_years_headers_is_counted_by_check_and_consolidate() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let ward = |k: u32, title: &str, headers: &[&str], figures: &[[f64; 3]]| {
        let path = dir.join(format!("phuong-{k}.xlsx"));
        write_book(
            &path,
            &format!("UBND PHƯỜNG {k}"),
            &[Sheet {
                name: "Biểu 1",
                titles: &[title],
                headers,
                rows: hc(figures),
            }],
        );
        path
    };
    let first = ward(
        1,
        "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI QUÝ IV VÀ NĂM 2019",
        &["Thực hiện quý IV/2020", "Lũy kế năm 2020", "Cùng kỳ 2019"],
        &[
            [40.0, 38.0, 2.0],
            [300.0, 290.0, 10.0],
            [250.0, 240.0, 10.0],
        ],
    );
    ward(
        2,
        "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2019",
        &["Thực hiện năm 2019", "Ước thực hiện năm 2020"],
        &[[200.0, 190.0, 10.0], [310.0, 300.0, 10.0]],
    );
    ward(
        3,
        "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2019",
        &["Thực hiện quý IV/2019", "Lũy kế năm 2019", "Cùng kỳ 2018"],
        &[
            [41.0, 39.0, 2.0],
            [301.0, 291.0, 10.0],
            [251.0, 241.0, 10.0],
        ],
    );
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020", &[]);
    let mut at: Vec<String> = f
        .iter()
        .filter(|f| f["code"] == "period-mismatch")
        .map(|f| {
            format!(
                "{}|{}|{}",
                f["file"].as_str().unwrap(),
                f["severity"],
                f["actual"]
            )
        })
        .collect();
    at.sort();
    assert_eq!(
        at,
        [
            "phuong-1.xlsx|\"error\"|\"2019-Q4\"",
            "phuong-2.xlsx|\"error\"|\"2019\"",
            "phuong-3.xlsx|\"error\"|\"2019\"",
        ]
    );
    let second = f
        .iter()
        .find(|f| f["code"] == "period-mismatch" && f["file"] == "phuong-2.xlsx")
        .unwrap();
    assert_eq!(
        second["message"],
        "Tiêu đề biểu (ô A3) ghi Năm 2019, không phải kỳ báo cáo Năm 2020. Số liệu vẫn được \
         đọc và tổng hợp là của Năm 2020 vì tiêu đề cột số liệu ghi Năm 2020 («Ước thực hiện \
         năm 2020») và không cột nào ghi Năm 2019 ngoài cột cùng kỳ năm trước. Hãy sửa tiêu đề \
         ở ô A3 thành Năm 2020 và xác nhận số liệu đúng là của Năm 2020 trước khi trình ký."
    );
    assert_eq!(counted(&out, "Phường 1", "HC02", "TH"), "40");
    assert_eq!(counted(&out, "Phường 1", "HC02", "LK"), "300");
    // Both wards' CK: 250 and the CK read from "Thực hiện năm 2019".
    assert_eq!(district(&out, "HC02", "CK"), "450");
    // "Thực hiện năm 2019" is the CK, never the LK.
    assert_eq!(counted(&out, "Phường 2", "HC02", "LK"), "310");
    // The near miss: all its headers are 2019's, nothing of it counted.
    assert_eq!(counted(&out, "Phường 3", "HC02", "LK"), "");
    let status = read_sheet(&out.join("tong-hop.xlsx"), "Tình trạng nộp");
    let state = |unit: &str| status.iter().find(|r| r[2] == unit).unwrap()[4].clone();
    assert_eq!(
        [state("Phường 1"), state("Phường 2"), state("Phường 3")],
        ["đã nộp", "đã nộp", "sai kỳ"]
    );
    // `check` says what `consolidate` does: the figures read, the title
    // to correct.
    let text = checked(&first, &tpl, "2020");
    assert!(
        text.contains("Số liệu vẫn được đọc và tổng hợp là của Năm 2020"),
        "{text}"
    );
    assert!(!text.contains("tiêu đề cột đã đúng"), "{text}");
}

/// A year-end report with no year column ("Thực hiện quý IV/2020" only,
/// its %KH the quarter's over the plan) passed `check` as "Có thể gửi"
/// and left the district's LK without the ward. A `column-missing`
/// error where the column would be (G6, after its last header) now says the year's figures are not in it, in
/// a year run and a fourth quarter's alike; the near misses, a fourth
/// quarter's report with its LK and a third quarter's without one, say
/// nothing of it.
#[test]
fn a_year_end_report_without_the_years_column_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let quarter_only = dir.join("phuong-1.xlsx");
    write_book(
        &quarter_only,
        "UBND PHƯỜNG 1",
        &[Sheet {
            name: "Biểu 1",
            titles: &["BÁO CÁO SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ IV/2020"],
            headers: &["Thực hiện quý IV/2020", "Cùng kỳ quý IV/2019"],
            rows: hc(&[[40.0, 38.0, 2.0], [35.0, 30.0, 5.0]]),
        }],
    );
    write_book(
        &dir.join("phuong-2.xlsx"),
        "UBND PHƯỜNG 2",
        &[Sheet {
            name: "Biểu 1",
            titles: &["BÁO CÁO SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ IV/2020"],
            headers: &["Thực hiện quý IV/2020", "Lũy kế năm 2020"],
            rows: hc(&[[40.0, 38.0, 2.0], [300.0, 290.0, 10.0]]),
        }],
    );
    for (period, named) in [("2020", "Năm 2020"), ("2020-Q4", "Quý IV/2020")] {
        let out = tmp.path().join(format!("out-{period}"));
        let (_, f) = consolidate(&dir, &out, &tpl, period, &[]);
        assert_eq!(
            listed(&f, &["column-missing"]),
            ["error|column-missing|Biểu 1|G6||Thực hiện quý IV/2020"],
            "{period}"
        );
        let m = message(&f, "column-missing", "error");
        assert!(m.starts_with(&format!("Tệp không có cột lũy kế từ đầu năm (LK), tức số liệu cả năm mà báo cáo {named} phải có: bảng chỉ có «Thực hiện quý IV/2020» (ô E6)")), "{m}");
        assert!(f
            .iter()
            .any(|f| f["code"] == "column-missing" && f["file"] == "phuong-1.xlsx"));
        assert_eq!(counted(&out, "Phường 1", "HC02", "TH"), "40");
        // The ignored CK column is said of the run's period.
        let ignored = f
            .iter()
            .find(|f| f["code"] == "column-ignored" && f["file"] == "phuong-1.xlsx")
            .unwrap();
        assert!(
            ignored["message"].as_str().unwrap().contains(&format!(
                "không phải của kỳ báo cáo {};",
                named.replacen("Quý", "quý", 1).replacen("Năm", "năm", 1)
            )),
            "{ignored}"
        );
    }
    let text = checked(&quarter_only, &tpl, "2020");
    assert!(text.contains("Hãy sửa các lỗi trước khi gửi"), "{text}");
    // A third quarter's report has no year to give.
    write_book(
        &quarter_only,
        "UBND PHƯỜNG 1",
        &[Sheet {
            name: "Biểu 1",
            titles: &["BÁO CÁO SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ III/2020"],
            headers: &["Thực hiện quý III/2020"],
            rows: hc(&[[40.0, 38.0, 2.0]]),
        }],
    );
    // In a third quarter's run it lacks the nine months' LK: a warning
    // (the quarter's TH is there), no error.
    let out = tmp.path().join("out-q3");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-Q3", &[]);
    assert_eq!(
        listed(&f, &["column-missing"]),
        ["warning|column-missing|Biểu 1|F6||LK"],
        "{f:?}"
    );
}

/// A second quarter's report with no six months' column ("Thực hiện quý
/// II/2026" and "Cùng kỳ quý II/2025" only) in a half-year run left the
/// province's six-month LK, CK and percents without the commune, with
/// three `total-uncomputed` infos, and `check` said "Có thể gửi". It is
/// the same `column-missing` error as a year-end report without its
/// year, naming the six months (a third quarter's in a nine months' run,
/// the nine). The near misses: the same file in a second quarter's run,
/// and a half-year report with its «Lũy kế 6 tháng», say nothing of it.
#[test]
fn a_half_year_report_without_the_six_months_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let quarter_only = |q: &str| {
        write_book(
            &dir.join("phuong-1.xlsx"),
            "UBND PHƯỜNG 1",
            &[Sheet {
                name: "Biểu 1",
                titles: &[&format!("BÁO CÁO SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ {q}/2020")],
                headers: &[
                    &format!("Thực hiện quý {q}/2020"),
                    &format!("Cùng kỳ quý {q}/2019"),
                ],
                rows: hc(&[[40.0, 38.0, 2.0], [35.0, 30.0, 5.0]]),
            }],
        );
    };
    write_book(
        &dir.join("phuong-2.xlsx"),
        "UBND PHƯỜNG 2",
        &[Sheet {
            name: "Biểu 1",
            titles: &["BÁO CÁO SỐ LIỆU KINH TẾ - XÃ HỘI 6 THÁNG ĐẦU NĂM 2020"],
            headers: &["Thực hiện quý II/2020", "Lũy kế 6 tháng năm 2020"],
            rows: hc(&[[40.0, 38.0, 2.0], [90.0, 85.0, 5.0]]),
        }],
    );
    for (q, period, months, named) in [
        ("II", "2020-H1", "6 tháng", "6 tháng đầu năm 2020"),
        ("III", "2020-9M", "9 tháng", "9 tháng đầu năm 2020"),
    ] {
        quarter_only(q);
        let out = tmp.path().join(format!("out-{period}"));
        let (_, f) = consolidate(&dir, &out, &tpl, period, &[]);
        let mine: Vec<_> = f
            .iter()
            .filter(|f| f["code"] == "column-missing")
            .map(|f| {
                format!(
                    "{}|{}|{}|{}",
                    f["severity"].as_str().unwrap(),
                    f["file"].as_str().unwrap(),
                    f["cell"].as_str().unwrap(),
                    f["actual"].as_str().unwrap()
                )
            })
            .collect();
        assert_eq!(
            mine,
            [format!("error|phuong-1.xlsx|G6|Thực hiện quý {q}/2020")],
            "{period}"
        );
        let m = message(&f, "column-missing", "error");
        assert!(
            m.starts_with(&format!("Tệp không có cột lũy kế từ đầu năm (LK), tức số liệu {months} mà báo cáo {named} phải có: bảng chỉ có «Thực hiện quý {q}/2020» (ô E6)")),
            "{m}"
        );
        assert!(
            m.ends_with(&format!(
                "Hãy bổ sung cột «Lũy kế {months}» (hoặc «{months}») theo mẫu biểu rồi gửi lại."
            )),
            "{m}"
        );
        let text = checked(&dir.join("phuong-1.xlsx"), &tpl, period);
        assert!(text.contains("Hãy sửa các lỗi trước khi gửi"), "{text}");
    }
    // The same second quarter's file in a second quarter's run: its LK
    // (the six months) is asked for by a warning, no error.
    quarter_only("II");
    let out = tmp.path().join("out-q2");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-Q2", &[]);
    assert_eq!(
        listed(&f, &["column-missing"]),
        ["warning|column-missing|Biểu 1|G6||LK"],
        "{f:?}"
    );
}

/// The only plan column headed "Kế hoạch năm 2021" in a 2020 report, every
/// stated %KH being LK over it: it was left out as next year's plan
/// ("Cột này không cần sửa"), the district's KH lacked the ward and the
/// file passed. It is read as KH with a `period-mismatch` warning at its
/// header; the near miss, whose %KH are not LK over it, stays next
/// year's plan, not read.
#[test]
fn a_plan_headed_next_year_whose_percents_it_gives_is_this_years_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let near = tmp.path().join("near");
    std::fs::create_dir_all(&near).unwrap();
    let ward = |k: u32, pct: [f64; 3]| {
        write_book(
            &if k == 1 { &dir } else { &near }.join(format!("phuong-{k}.xlsx")),
            &format!("UBND PHƯỜNG {k}"),
            &[Sheet {
                name: "Biểu 1",
                titles: &["BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2020"],
                headers: &[
                    "Kế hoạch năm 2021",
                    "Thực hiện quý IV/2020",
                    "Lũy kế năm 2020",
                    "Đạt % KH năm",
                ],
                rows: hc(&[
                    [320.0, 300.0, 20.0],
                    [40.0, 38.0, 2.0],
                    [300.0, 285.0, 15.0],
                    pct,
                ]),
            }],
        );
    };
    // 300/320 = 93,75%; 285/300 = 95%; 15/20 = 75%.
    ward(1, [93.75, 95.0, 75.0]);
    // Against some other plan: 300/400, 285/380, 15/25.
    ward(2, [75.0, 75.0, 60.0]);
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020", &[]);
    assert_eq!(
        listed(&f, &["period-mismatch"]),
        ["warning|period-mismatch|Biểu 1|E6|2020|Kế hoạch năm 2021"]
    );
    assert!(
        message(&f, "period-mismatch", "warning").starts_with(
            "Cột «Kế hoạch năm 2021» (ô E6) ghi kế hoạch năm 2021, nhưng 3/3 số «% kế hoạch» \
             của bảng đúng bằng lũy kế chia cho số của cột này"
        ),
        "{f:?}"
    );
    assert_eq!(district(&out, "HC02", "KH"), "320");
    assert!(listed(&f, &["column-ignored"]).is_empty(), "{f:?}");
    let out = tmp.path().join("out-near");
    let (_, f) = consolidate(&near, &out, &tpl, "2020", &[]);
    assert!(listed(&f, &["period-mismatch"]).is_empty(), "{f:?}");
    assert_eq!(district(&out, "HC02", "KH"), "");
    let next = f
        .iter()
        .find(|f| f["code"] == "column-ignored" && f["file"] == "phuong-2.xlsx")
        .unwrap();
    assert!(
        next["message"]
            .as_str()
            .unwrap()
            .contains("đây là số liệu năm 2021"),
        "{next}"
    );
}

/// "Ước TH tháng 12/2020" beside the quarter's column and "Thực hiện 11
/// tháng năm 2020" beside the year's were told to be retitled "theo mẫu
/// biểu", though a month's (or eleven months') figures are another
/// period's on purpose. They are the year's parts (11 months + December
/// = the year: 280 + 20 = 300), read as such: no `column-ignored`, and
/// no `sum-mismatch` where they add up.
#[test]
fn a_months_estimate_beside_the_years_columns_needs_no_change() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    write_book(
        &dir.join("phuong-1.xlsx"),
        "UBND PHƯỜNG 1",
        &[Sheet {
            name: "Biểu 1",
            titles: &["BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2020"],
            headers: &[
                "Ước TH tháng 12/2020",
                "Thực hiện 11 tháng năm 2020",
                "Quý IV/2020",
                "Cả năm 2020",
            ],
            rows: hc(&[
                [20.0, 20.0, 0.0],
                [280.0, 270.0, 10.0],
                [40.0, 38.0, 2.0],
                [300.0, 290.0, 10.0],
            ]),
        }],
    );
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020", &[]);
    let said: Vec<&str> = f
        .iter()
        .filter(|f| f["code"] == "column-ignored" || f["code"] == "sum-mismatch")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(said.is_empty(), "{said:#?}");
    assert_eq!(counted(&out, "Phường 1", "HC02", "TH"), "40");
    assert_eq!(counted(&out, "Phường 1", "HC02", "LK"), "300");
}

/// A ward's workbook with last quarter's sheet "Q2" first, its title and
/// headers naming no period, then group sheets titled for the third
/// quarter: "Q2" was kept as the report and its second-quarter figures
/// counted (tester BJ, Phường 7: 21 false `total-mismatch` on a correct
/// department). A lone sheet named for another period beside sheets
/// titled for the run's is that period's, whatever the order: set aside
/// with an info by its name. The near miss: beside a sheet whose title
/// names no period either, a lone "Q2" is read for the run as before.
#[test]
fn a_sheet_named_for_last_quarter_is_set_aside_beside_sheets_titled_for_the_run_whatever_the_order()
{
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let untitled = &["BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI"][..];
    let plain = &["Thực hiện", "Lũy kế"][..];
    let q3 = &["BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ III/2020"][..];
    let q3_headers = &["Thực hiện quý III/2020", "Lũy kế 9 tháng năm 2020"][..];
    let old = |name| Sheet {
        name,
        titles: untitled,
        headers: plain,
        rows: hc(&[[30.0, 29.0, 1.0], [260.0, 252.0, 8.0]]),
    };
    let this = |th: f64| Sheet {
        name: "Biểu 01",
        titles: q3,
        headers: q3_headers,
        rows: hc(&[[th, th - 2.0, 2.0], [300.0, 290.0, 10.0]]),
    };
    write_book(
        &dir.join("phuong-1.xlsx"),
        "UBND PHƯỜNG 1",
        &[old("Q2"), this(40.0)],
    );
    write_book(
        &dir.join("phuong-2.xlsx"),
        "UBND PHƯỜNG 2",
        &[this(41.0), old("Quý 2")],
    );
    write_book(
        &dir.join("phuong-3.xlsx"),
        "UBND PHƯỜNG 3",
        &[old("T6.2020"), this(42.0)],
    );
    write_book(
        &dir.join("phuong-4.xlsx"),
        "UBND PHƯỜNG 4",
        &[
            old("Q2"),
            Sheet {
                name: "Biểu 02",
                titles: untitled,
                headers: plain,
                rows: vec![("HC07", vec![50.0, 150.0])],
            },
        ],
    );
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-Q3", &[]);
    for (unit, th) in [("Phường 1", "40"), ("Phường 2", "41"), ("Phường 3", "42")] {
        assert_eq!(counted(&out, unit, "HC02", "TH"), th, "{unit}");
        assert_eq!(counted(&out, unit, "HC02", "LK"), "300", "{unit}");
    }
    assert_eq!(counted(&out, "Phường 4", "HC02", "TH"), "30");
    assert_eq!(counted(&out, "Phường 4", "HC07", "TH"), "50");
    assert_eq!(
        listed(
            &f,
            &["period-mismatch", "indicator-repeated", "total-mismatch"]
        ),
        [
            "info|period-mismatch|Q2|A1|2020-Q3|2020-Q2",
            "info|period-mismatch|Quý 2|A1|2020-Q3|2020-Q2",
            "info|period-mismatch|T6.2020|A1|2020-Q3|2020-06",
        ]
    );
    assert_eq!(
        message(&f, "period-mismatch", "info"),
        "Trang «Q2» là số liệu Quý II/2020 (theo tên trang), không phải Quý III/2020: trang \
         này không được đọc; số liệu lấy từ trang của Quý III/2020."
    );
}

/// A group sheet "Biểu 02" whose title was left as "QUÝ II/2020" beside
/// sheets titled for the third quarter, holding indicators no other sheet
/// has, was set aside with an info saying its figures came from the
/// third quarter's sheet (none held them) and its indicators were lost
/// (tester BJ, Phường 13: 30 indicators, "Có thể gửi"). It is no older
/// copy: its figures are read for the run and the stale title is an
/// error at the cell that names the quarter; with headers naming the old
/// quarter too, an error says its figures are not counted. The near
/// miss, last quarter's copy of the same indicators, stays an info, at
/// the title cell rather than A1.
#[test]
fn a_group_sheet_titled_for_last_quarter_is_counted_with_an_error_and_an_older_copy_set_aside() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let plain = &["Thực hiện", "Lũy kế"][..];
    let q2 = &["BIỂU SỐ LIỆU", "BIỂU 02 - QUÝ II/2020"][..];
    let q3 = &["BIỂU SỐ LIỆU", "BIỂU 01 - QUÝ III/2020"][..];
    let this = |th: f64| Sheet {
        name: "Biểu 01",
        titles: q3,
        headers: plain,
        rows: hc(&[[th, th - 2.0, 2.0], [300.0, 290.0, 10.0]]),
    };
    let group = |headers| Sheet {
        name: "Biểu 02",
        titles: q2,
        headers,
        rows: vec![("HC07", vec![50.0, 150.0])],
    };
    write_book(
        &dir.join("phuong-1.xlsx"),
        "UBND PHƯỜNG 1",
        &[this(40.0), group(plain)],
    );
    write_book(
        &dir.join("phuong-2.xlsx"),
        "UBND PHƯỜNG 2",
        &[
            Sheet {
                name: "Quý II",
                titles: q2,
                headers: plain,
                rows: hc(&[[30.0, 29.0, 1.0], [260.0, 252.0, 8.0]]),
            },
            this(41.0),
        ],
    );
    let old_headers = &["Thực hiện quý II/2020", "Lũy kế 6 tháng năm 2020"][..];
    write_book(
        &dir.join("phuong-3.xlsx"),
        "UBND PHƯỜNG 3",
        &[this(42.0), group(old_headers)],
    );
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-Q3", &[]);
    assert_eq!(counted(&out, "Phường 1", "HC02", "TH"), "40");
    assert_eq!(counted(&out, "Phường 1", "HC07", "TH"), "50");
    assert_eq!(counted(&out, "Phường 1", "HC07", "LK"), "150");
    assert_eq!(counted(&out, "Phường 2", "HC02", "TH"), "41");
    assert_eq!(counted(&out, "Phường 3", "HC02", "TH"), "42");
    assert_eq!(counted(&out, "Phường 3", "HC07", "TH"), "");
    let units: Vec<(&str, String)> = f
        .iter()
        .filter(|x| x["code"] == "period-mismatch")
        .map(|x| {
            (
                x["unit"].as_str().unwrap(),
                format!(
                    "{}|{}|{}",
                    x["severity"].as_str().unwrap(),
                    x["sheet"].as_str().unwrap(),
                    x["cell"].as_str().unwrap()
                ),
            )
        })
        .collect();
    assert_eq!(
        units,
        [
            ("P01", "error|Biểu 02|A4".to_string()),
            ("P02", "info|Quý II|A4".to_string()),
            ("P03", "error|Biểu 02|A4".to_string()),
        ]
    );
    let of = |unit: &str| {
        f.iter()
            .find(|x| x["code"] == "period-mismatch" && x["unit"] == unit)
            .and_then(|x| x["message"].as_str())
            .unwrap()
    };
    assert_eq!(
        of("P01"),
        "Trang «Biểu 02» có tiêu đề (ô A4) ghi Quý II/2020 nhưng 1 chỉ tiêu của trang không có ở \
         trang nào của Quý III/2020: đây không phải bản cũ, số liệu của trang được đọc là của Quý \
         III/2020 và được tổng hợp. Cần sửa tiêu đề ở ô A4 thành Quý III/2020 trước khi trình ký; \
         nếu đúng là số liệu Quý II/2020, hãy gửi lại trang với số liệu Quý III/2020."
    );
    assert_eq!(
        of("P03"),
        "Trang «Biểu 02» có tiêu đề (ô A4) và tiêu đề cột ghi Quý II/2020, không phải Quý \
         III/2020, và 1 chỉ tiêu của trang không có ở trang nào của Quý III/2020: số liệu của 1 \
         chỉ tiêu này không được tổng hợp. Hãy gửi lại trang với số liệu Quý III/2020."
    );
}

/// A ward that sent no LK and no CK leaves the district's LK and CK
/// empty (the others' sums are not the district's figures); its %CK is
/// left empty too, not the others' percent printed beside two empty
/// cells. The TH, which every ward sent, is summed.
#[test]
fn no_percent_is_printed_beside_the_empty_totals_it_comes_from() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    write_book(
        &dir.join("phuong-1.xlsx"),
        "UBND PHƯỜNG 1",
        &[Sheet {
            name: "Biểu 1",
            titles: &["BÁO CÁO SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ III/2020"],
            headers: &["Thực hiện quý III/2020"],
            rows: hc(&[[40.0, 38.0, 2.0]]),
        }],
    );
    write_book(
        &dir.join("phuong-2.xlsx"),
        "UBND PHƯỜNG 2",
        &[Sheet {
            name: "Biểu 1",
            titles: &["BÁO CÁO SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ III/2020"],
            headers: &[
                "Thực hiện quý III/2020",
                "Lũy kế 9 tháng năm 2020",
                "Cùng kỳ năm 2019",
            ],
            rows: hc(&[[40.0, 38.0, 2.0], [120.0, 114.0, 6.0], [100.0, 95.0, 5.0]]),
        }],
    );
    let out = tmp.path().join("out");
    consolidate(&dir, &out, &tpl, "2020-Q3", &[]);
    assert_eq!(district(&out, "HC02", "TH"), "80");
    assert_eq!(district(&out, "HC02", "LK"), "");
    assert_eq!(district(&out, "HC02", "CK"), "");
    assert_eq!(district(&out, "HC02", "%CK"), "");
}

/// `check` without `--period` on a quarter's report kept beside its last
/// month's working sheet ("Quý III" and "Tháng 9", ending the same day):
/// a month is no report's period, so the quarter's sheet is the one
/// checked (its wrong %KH is found) and the month's sheet is set aside.
/// It said "Có thể gửi" after checking the month's sheet alone.
#[test]
fn check_reads_the_quarter_not_its_last_months_sheet() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let file = tmp.path().join("phuong-6.xlsx");
    write_book(
        &file,
        "UBND PHƯỜNG 6",
        &[
            Sheet {
                name: "Quý III",
                titles: &["BÁO CÁO SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ III/2020"],
                headers: &["Thực hiện quý III/2020", "Lũy kế 9 tháng năm 2020"],
                rows: hc(&[[40.0, 38.0, 2.0], [130.0, 120.0, 5.0]]),
            },
            Sheet {
                name: "Tháng 9",
                titles: &["SỐ LIỆU THÁNG 9/2020"],
                headers: &["Thực hiện tháng 9"],
                rows: hc(&[[14.0, 13.0, 1.0]]),
            },
        ],
    );
    let out = crate::common::tonghop()
        .args(["check", file.to_str().unwrap(), "--template"])
        .arg(&tpl)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().next().unwrap().ends_with("— Quý III/2020"),
        "{text}"
    );
    let error = text
        .lines()
        .find(|l| l.starts_with("Lỗi"))
        .unwrap_or_default();
    assert!(
        error.contains("Quý III!") && error.contains("tổng các phần"),
        "{text}"
    );
    assert!(text.contains("Hãy sửa các lỗi trước khi gửi"), "{text}");
}

/// An education office's half-year forms headed by school years, in a
/// 2020-H1 run (January to June, the end of school year 2019-2020):
/// «Năm học 2019-2020» and «Thực hiện học kỳ II năm học 2019-2020» are
/// the half-year's LK, «Năm học 2018-2019» its CK (they were "another
/// period" or not read: `column-missing`, nothing counted). A first
/// semester («Thực hiện học kỳ I», September to January) is another
/// period: not read as the TH. A title naming no period («BÁO CÁO THỐNG
/// KÊ NĂM HỌC 2019 - 2020») is told at its own cell, with the run's
/// period as the example (it pointed at no cell and said «QUÝ I/2020»).
#[test]
fn school_year_headers_of_a_half_years_report_are_its_lk_and_ck() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let figures = hc(&[[90.0, 85.0, 5.0], [80.0, 70.0, 10.0]]);
    write_book(
        &dir.join("phuong-1.xlsx"),
        "UBND PHƯỜNG 1",
        &[Sheet {
            name: "Biểu 1",
            titles: &["BÁO CÁO SỐ LIỆU 6 THÁNG ĐẦU NĂM 2020"],
            headers: &["Năm học 2019-2020", "Năm học 2018-2019"],
            rows: figures.clone(),
        }],
    );
    write_book(
        &dir.join("phuong-2.xlsx"),
        "UBND PHƯỜNG 2",
        &[Sheet {
            name: "Biểu 1",
            titles: &["BÁO CÁO THỐNG KÊ NĂM HỌC 2019 - 2020"],
            headers: &[
                "Thực hiện học kỳ II năm học 2019-2020",
                "Cùng kỳ năm học 2018-2019",
            ],
            rows: figures.clone(),
        }],
    );
    // Near miss: the first semester's figures beside the half-year's.
    write_book(
        &dir.join("phuong-3.xlsx"),
        "UBND PHƯỜNG 3",
        &[Sheet {
            name: "Biểu 1",
            titles: &["BÁO CÁO SỐ LIỆU 6 THÁNG ĐẦU NĂM 2020"],
            headers: &[
                "Thực hiện học kỳ I",
                "Lũy kế 6 tháng năm 2020",
                "Cùng kỳ năm 2019",
            ],
            rows: hc(&[[50.0, 45.0, 5.0], [90.0, 85.0, 5.0], [70.0, 60.0, 10.0]]),
        }],
    );
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-H1", &[]);
    for unit in ["Phường 1", "Phường 2"] {
        assert_eq!(counted(&out, unit, "HC02", "LK"), "90", "{unit}");
    }
    // CK (Tổng hợp's seventh column): 80 from each of the two, 70.
    let summary = read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let hc02 = summary.iter().find(|r| r[0] == "HC02").unwrap();
    assert_eq!(hc02[6], "230", "{hc02:?}");
    assert_eq!(counted(&out, "Phường 3", "HC02", "LK"), "90");
    assert_eq!(counted(&out, "Phường 3", "HC02", "TH"), "");
    let missing: Vec<String> = f
        .iter()
        .filter(|x| x["code"] == "column-missing" && x["severity"] == "error")
        .map(|x| x["file"].as_str().unwrap().to_string())
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
    let period_missing: Vec<String> = f
        .iter()
        .filter(|x| x["code"] == "period-missing")
        .map(|x| {
            format!(
                "{}|{}|{}",
                x["file"].as_str().unwrap(),
                x["cell"].as_str().unwrap(),
                x["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        period_missing,
        ["phuong-2.xlsx|A3|Tiêu đề biểu của Phường 2 không ghi kỳ báo cáo; coi như 6 tháng đầu năm 2020. Hãy ghi kỳ báo cáo ở dòng tiêu đề (ví dụ «6 THÁNG ĐẦU NĂM 2020»)."]
    );
}

/// A school's «BÁO CÁO SƠ KẾT HỌC KỲ I NĂM HỌC 2019 - 2020» (the first
/// semester, September 2019 to January 2020) in a 2020-H1 run was read
/// as the half-year's report, only its «Thực hiện học kỳ I» column
/// told. It is another period's report: `period-mismatch`, nothing of it
/// counted, its unit «sai kỳ». Near misses: the second semester's title
/// and the school year's alone are the half-year's report and counted;
/// the same first semester's file in a quarter's run is read as today
/// (its title names no period the run reads).
#[test]
fn a_first_semesters_report_is_another_period_in_a_half_year_run() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let semester_one = dir.join("phuong-1.xlsx");
    write_book(
        &semester_one,
        "UBND PHƯỜNG 1",
        &[Sheet {
            name: "Biểu 1",
            titles: &["BÁO CÁO SƠ KẾT HỌC KỲ I NĂM HỌC 2019 - 2020"],
            headers: &["Thực hiện học kỳ I", "Cùng kỳ năm học trước"],
            rows: hc(&[[90.0, 85.0, 5.0], [80.0, 70.0, 10.0]]),
        }],
    );
    write_book(
        &dir.join("phuong-2.xlsx"),
        "UBND PHƯỜNG 2",
        &[Sheet {
            name: "Biểu 1",
            titles: &["BÁO CÁO SƠ KẾT HỌC KỲ II NĂM HỌC 2019 - 2020"],
            headers: &["Năm học 2019-2020", "Năm học 2018-2019"],
            rows: hc(&[[60.0, 50.0, 10.0], [55.0, 50.0, 5.0]]),
        }],
    );
    write_book(
        &dir.join("phuong-3.xlsx"),
        "UBND PHƯỜNG 3",
        &[Sheet {
            name: "Biểu 1",
            titles: &["BÁO CÁO THỐNG KÊ NĂM HỌC 2019 - 2020"],
            headers: &["Năm học 2019-2020", "Năm học 2018-2019"],
            rows: hc(&[[40.0, 30.0, 10.0], [35.0, 30.0, 5.0]]),
        }],
    );
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-H1", &[]);
    let mismatch: Vec<String> = f
        .iter()
        .filter(|x| x["code"] == "period-mismatch")
        .map(|x| {
            let s = |k: &str| x[k].as_str().unwrap_or_default();
            [
                s("severity"),
                s("unit"),
                s("file"),
                s("cell"),
                s("expected"),
                s("actual"),
                s("message"),
            ]
            .join("|")
        })
        .collect();
    assert_eq!(
        mismatch,
        ["error|P01|phuong-1.xlsx|A3|2020-H1|2019-2020-HK1|Tệp phuong-1.xlsx của Phường 1 ghi kỳ báo cáo học kỳ I năm học 2019-2020 (tháng 9/2019 – 1/2020) nhưng đang tổng hợp 6 tháng đầu năm 2020; số liệu không được tổng hợp. Hãy gửi đúng biểu của kỳ 6 tháng đầu năm 2020."]
    );
    // Nothing of Phường 1 is counted; the second semester's and the
    // school year's reports are.
    assert_eq!(counted(&out, "Phường 1", "HC02", "LK"), "");
    assert_eq!(counted(&out, "Phường 1", "HC02", "CK"), "");
    assert_eq!(counted(&out, "Phường 2", "HC02", "LK"), "60");
    assert_eq!(counted(&out, "Phường 3", "HC02", "LK"), "40");
    assert_eq!(district(&out, "HC02", "LK"), "100");
    let status = read_sheet(&out.join("tong-hop.xlsx"), "Tình trạng nộp");
    let line = |unit: &str| {
        status
            .iter()
            .find(|r| r.iter().any(|c| c == unit))
            .map(|r| r[4].clone())
            .unwrap_or_default()
    };
    assert_eq!(line("Phường 1"), "sai kỳ");
    assert_eq!(line("Phường 2"), "đã nộp");
    assert_eq!(line("Phường 3"), "đã nộp");

    // `check` says what the title says and what the run expects.
    let text = checked(&semester_one, &tpl, "2020-H1");
    assert!(
        text.contains("Tệp là báo cáo học kỳ I năm học 2019-2020 (tháng 9/2019 – 1/2020), không phải 6 tháng đầu năm 2020 đang kiểm tra; số liệu học kỳ không được tổng hợp vào báo cáo 6 tháng đầu năm 2020. Hãy gửi báo cáo 6 tháng đầu năm 2020 (số liệu từ tháng 1 đến hết tháng 6/2020) theo đúng biểu của kỳ."),
        "{text}"
    );

    // Near miss: a quarter's run reads the same file as before, its title
    // naming no period of the run's.
    let q1 = tmp.path().join("q1");
    std::fs::create_dir_all(&q1).unwrap();
    std::fs::copy(&semester_one, q1.join("phuong-1.xlsx")).unwrap();
    let (_, f) = consolidate(&q1, &tmp.path().join("out-q1"), &tpl, "2020-Q1", &[]);
    assert_eq!(listed(&f, &["period-mismatch"]), Vec::<String>::new());
    assert_eq!(
        listed(&f, &["period-missing"]),
        ["info|period-missing|Biểu 1|A3|2020-Q1|"]
    );
}

/// A ward's sheet whose rows 3 to 5 hold `above` (cells (row, column,
/// text), 0-based: a title or a group label; `merged`: the first cell
/// merged over its row from A to H),
/// right over the header on row 6 (STT | Mã số | Chỉ tiêu | ĐVT |
/// `headers`), then HC02, HC03, HC04 under a section row "I" (STT
/// numbered 1, 2, 3) with `figures` per column.
fn write_under_title(
    path: &Path,
    unit: &str,
    above: &[(u32, u16, &str)],
    merged: bool,
    headers: &[&str],
    figures: &[[f64; 3]],
) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Biểu 1").unwrap();
    ws.write_string(0, 0, unit).unwrap();
    ws.write_string(1, 4, "Độc lập - Tự do - Hạnh phúc")
        .unwrap();
    for (k, (r, c, text)) in above.iter().enumerate() {
        if merged && k == 0 {
            ws.merge_range(*r, *c, *r, 7, text, &rust_xlsxwriter::Format::new())
                .unwrap();
        } else {
            ws.write_string(*r, *c, *text).unwrap();
        }
    }
    for (c, h) in ["STT", "Mã số", "Chỉ tiêu", "ĐVT"]
        .iter()
        .chain(headers)
        .enumerate()
    {
        ws.write_string(5, c as u16, *h).unwrap();
    }
    ws.write_string(6, 0, "I").unwrap();
    ws.write_string(6, 2, "HÀNH CHÍNH").unwrap();
    for (k, (code, column)) in hc(figures).iter().enumerate() {
        let (_, name, unit, _) = CATALOG.iter().find(|c| c.0 == *code).unwrap();
        let r = 7 + k as u32;
        ws.write_number(r, 0, (k + 1) as f64).unwrap();
        ws.write_string(r, 1, *code).unwrap();
        ws.write_string(r, 2, *name).unwrap();
        ws.write_string(r, 3, *unit).unwrap();
        for (j, v) in column.iter().enumerate() {
            ws.write_number(r, 4 + j as u16, *v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

/// A title left unmerged in A5 («BÁO CÁO … QUÝ III/2020») right over
/// the header (Phường 7 of a tester's batch): it was read as the upper
/// row of a two-row header, the STT column as the TH (row numbers 1, 2,
/// 3 counted as the ward's figures, «I» a `value-invalid`), the title's
/// period not seen (`period-missing`). A title line is no header row and
/// the STT column no figure column: merged or not, the ward's LK is
/// counted, its TH left unknown (it has none), nothing is said. Near
/// miss: a title-like group label standing alone over a figure column
/// («Kết quả thực hiện 9 tháng năm 2020» over «Tổng số») is still read
/// with the label under it: the LK.
#[test]
fn a_title_line_right_over_the_header_is_no_header_row() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("q3");
    std::fs::create_dir_all(&dir).unwrap();
    let title = "BÁO CÁO KẾT QUẢ CÔNG TÁC HÀNH CHÍNH QUÝ III/2020";
    // No TH column: read with the title over it, STT was the TH.
    let headers = ["Lũy kế 9 tháng năm 2020", "Ghi chú"];
    let figures = [[300.0, 290.0, 10.0]];
    write_under_title(
        &dir.join("phuong-1.xlsx"),
        "UBND PHƯỜNG 1",
        &[(4, 0, title)],
        false,
        &headers,
        &figures,
    );
    write_under_title(
        &dir.join("phuong-2.xlsx"),
        "UBND PHƯỜNG 2",
        &[(4, 0, title)],
        true,
        &headers,
        &figures,
    );
    write_under_title(
        &dir.join("phuong-3.xlsx"),
        "UBND PHƯỜNG 3",
        &[(3, 0, title), (4, 5, "Kết quả thực hiện 9 tháng năm 2020")],
        false,
        &["Thực hiện quý III/2020", "Tổng số"],
        &[[40.0, 38.0, 2.0], [300.0, 290.0, 10.0]],
    );
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-Q3", &[]);
    let said: Vec<String> = f
        .iter()
        .filter(|f| ["P01", "P02", "P03"].contains(&f["unit"].as_str().unwrap_or_default()))
        .filter(|f| f["code"] != "indicator-missing")
        .map(|f| format!("{}|{}|{}", f["code"], f["unit"], f["cell"]))
        .collect();
    assert!(said.is_empty(), "{said:?}");
    for unit in ["Phường 1", "Phường 2"] {
        assert_eq!(counted(&out, unit, "HC02", "TH"), "", "{unit}");
        assert_eq!(counted(&out, unit, "HC02", "LK"), "300", "{unit}");
        assert_eq!(counted(&out, unit, "HC03", "LK"), "290", "{unit}");
    }
    assert_eq!(counted(&out, "Phường 3", "HC02", "TH"), "40");
    assert_eq!(counted(&out, "Phường 3", "HC02", "LK"), "300");
    assert_eq!(counted(&out, "Phường 3", "HC04", "LK"), "10");
    // The district's LK: the three wards' own figures, nothing of STT.
    let summary = read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let hc02 = summary.iter().find(|r| r[0] == "HC02").unwrap();
    assert_eq!(hc02[5], "900");
}

/// Last quarter's report re-titled (Phường 7 of a tester's batch: «…
/// QUÝ III/2020» over «Thực hiện quý II/2020», «Lũy kế 6 tháng năm
/// 2020»): with the run's period it gave two `column-ignored` warnings,
/// «đã nộp» and the ward counted among the wards consolidated, every TH
/// and LK of it blank. Every TH and LK header names another period: the
/// file is that period's, a `period-mismatch` error at the title, the
/// ward «sai kỳ», out of the wards counted; `check --period` says the
/// same. Near miss: headers of the run's period beside an extra column
/// of last quarter (ignored) stay as they were: counted, no error.
#[test]
fn last_quarters_report_retitled_is_of_last_quarter() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("q3");
    std::fs::create_dir_all(&dir).unwrap();
    let title = "BÁO CÁO KẾT QUẢ CÔNG TÁC HÀNH CHÍNH QUÝ III/2020";
    write_under_title(
        &dir.join("phuong-1.xlsx"),
        "UBND PHƯỜNG 1",
        &[(2, 0, title)],
        true,
        &[
            "Kế hoạch năm 2020",
            "Thực hiện quý II/2020",
            "Lũy kế 6 tháng năm 2020",
        ],
        &[[500.0, 480.0, 20.0], [30.0, 29.0, 1.0], [260.0, 252.0, 8.0]],
    );
    write_under_title(
        &dir.join("phuong-2.xlsx"),
        "UBND PHƯỜNG 2",
        &[(2, 0, title)],
        true,
        &[
            "Thực hiện quý III/2020",
            "Lũy kế 9 tháng năm 2020",
            "Thực hiện quý II/2020",
        ],
        &[[40.0, 38.0, 2.0], [300.0, 290.0, 10.0], [30.0, 29.0, 1.0]],
    );
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-Q3", &[]);
    assert_eq!(
        listed(&f, &["period-mismatch", "column-ignored"]),
        [
            "error|period-mismatch|Biểu 1|A3|2020-Q3|2020-Q2",
            "info|column-ignored|Biểu 1|G6||Thực hiện quý II/2020",
        ]
    );
    assert_eq!(
        message(&f, "period-mismatch", "error"),
        "Tiêu đề biểu (ô A3) ghi Quý III/2020 nhưng mọi cột số liệu TH, LK đều ghi Quý II/2020 \
         («Thực hiện quý II/2020», «Lũy kế 6 tháng năm 2020»): đây là báo cáo Quý II/2020 đổi \
         tiêu đề, không phải số liệu của kỳ Quý III/2020, nên tệp được coi là gửi sai kỳ và \
         không số nào của đơn vị được tổng hợp. Hãy gửi báo cáo Quý III/2020; nếu số liệu này \
         đúng là của Quý III/2020, hãy sửa tiêu đề các cột đó cho đúng kỳ rồi gửi lại."
    );
    let book = out.join("tong-hop.xlsx");
    let status = read_sheet(&book, "Tình trạng nộp");
    let line = |unit: &str| status.iter().find(|r| r[2] == unit).unwrap().clone();
    assert_eq!(line("Phường 1")[4], "sai kỳ");
    assert_eq!(line("Phường 2")[4], "đã nộp");
    assert_eq!(counted(&out, "Phường 1", "HC02", "LK"), "");
    assert_eq!(counted(&out, "Phường 2", "HC02", "TH"), "40");
    assert_eq!(counted(&out, "Phường 2", "HC02", "LK"), "300");
    let summary = read_sheet(&book, "Tổng hợp");
    assert!(
        summary.iter().any(|r| r[0].contains("Tổng hợp từ 1/")),
        "{:?}",
        &summary[..4]
    );

    // `check --period`: the same error, not «Có thể gửi».
    let output = crate::common::tonghop()
        .arg("check")
        .arg(dir.join("phuong-1.xlsx"))
        .args(["--period", "2020-Q3", "--template"])
        .arg(&tpl)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("Lỗi       Biểu 1!A3  Tiêu đề biểu (ô A3) ghi Quý III/2020 nhưng mọi cột"),
        "{text}"
    );
    assert!(text.contains("Hãy sửa các lỗi trước khi gửi."), "{text}");
}

/// Two wards without an LK column, one of them without the row HC04: the
/// district's LK left blank was told twice (HC02, HC03 for both wards,
/// HC04 for one), two findings for one cause. One `total-uncomputed` per
/// column and cause, listing the indicators and the wards. Near miss: a
/// ward without a TH column is another column's finding, told apart.
#[test]
fn a_column_left_blank_for_one_cause_is_told_once() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("q3");
    std::fs::create_dir_all(&dir).unwrap();
    let title = &["BÁO CÁO SỐ LIỆU QUÝ III/2020"][..];
    let ward = |k: u32, headers: &[&str], rows: Vec<(&str, Vec<f64>)>| {
        write_book(
            &dir.join(format!("phuong-{k}.xlsx")),
            &format!("UBND PHƯỜNG {k}"),
            &[Sheet {
                name: "Biểu 1",
                titles: title,
                headers,
                rows,
            }],
        );
    };
    let both = ["Thực hiện quý III/2020", "Lũy kế 9 tháng năm 2020"];
    ward(1, &both[..1], hc(&[[40.0, 38.0, 2.0]]));
    let mut two = hc(&[[30.0, 30.0, 0.0]]);
    two.pop();
    ward(2, &both[..1], two);
    ward(3, &both, hc(&[[20.0, 19.0, 1.0], [200.0, 190.0, 10.0]]));
    ward(4, &both[1..], hc(&[[100.0, 90.0, 10.0]]));
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-Q3", &[]);
    let told: Vec<String> = f
        .iter()
        // (The department that sent nothing is another finding's.)
        .filter(|f| f["code"] == "total-uncomputed" && f["column"] != "")
        .map(|f| {
            format!(
                "{}|{}",
                f["column"].as_str().unwrap(),
                f["actual"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(told, ["LK|Phường 1, Phường 2", "TH|Phường 4"]);
    let lk = f
        .iter()
        .find(|f| f["code"] == "total-uncomputed" && f["column"] == "LK")
        .unwrap();
    let message = lk["message"].as_str().unwrap();
    assert_eq!(
        message,
        "«Tổng hợp»: không cộng cột LK toàn quận của 4 chỉ tiêu (HC02, HC03, HC04, HC05), vì \
         Phường 1, Phường 2 báo các chỉ tiêu này nhưng không có số liệu cột LK: tổng của các \
         phường còn lại không phải số của toàn quận. Ô để trống (số của từng đơn vị vẫn ở \
         trang «Chi tiết theo đơn vị»); khi các phường này bổ sung cột LK, hãy chạy lại."
    );
    let summary = read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let hc02 = summary.iter().find(|r| r[0] == "HC02").unwrap();
    assert_eq!((hc02[4].as_str(), hc02[5].as_str()), ("", ""));
}

/// Tester CR: «BÁO CÁO KẾT QUẢ SẢN XUẤT VỤ ĐÔNG XUÂN NĂM 2026» over «Ước
/// TH 6 tháng năm 2026» in a half-year's run was read as the whole year's
/// report: a `period-mismatch` error, a `column-missing` error at the plan
/// column (the six months are no LK of a year), the commune «sai kỳ», its
/// figures lost. A crop season of the run's year names no period (the
/// season's «năm 2020» is not the whole year; «2019-2020» is the season
/// ending in 2020): the columns decide, the figures are counted. Near
/// misses: a title naming the run's whole year over the same columns is
/// the documented warning, counted (it was an error too); a season of
/// last year («VỤ MÙA NĂM 2019») stays another period, out of the totals.
#[test]
fn a_crop_seasons_title_names_no_period_and_the_columns_decide() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let ward = |k: u32, title: &str, headers: &[&str], lk: f64| {
        write_book(
            &dir.join(format!("phuong-{k}.xlsx")),
            &format!("UBND PHƯỜNG {k}"),
            &[Sheet {
                name: "Biểu 1",
                titles: &[title],
                headers,
                rows: hc(&[[200.0, 150.0, 50.0], [lk, lk - 10.0, 10.0]]),
            }],
        );
    };
    let six_months = ["Kế hoạch năm 2020", "Ước TH 6 tháng năm 2020"];
    ward(
        1,
        "BÁO CÁO KẾT QUẢ SẢN XUẤT VỤ ĐÔNG XUÂN NĂM 2020",
        &six_months,
        100.0,
    );
    ward(
        2,
        "BÁO CÁO KẾT QUẢ SẢN XUẤT VỤ ĐÔNG XUÂN 2019-2020",
        &six_months,
        80.0,
    );
    ward(
        3,
        "BÁO CÁO KẾT QUẢ SẢN XUẤT NÔNG NGHIỆP NĂM 2020",
        &six_months,
        60.0,
    );
    ward(
        4,
        "BÁO CÁO KẾT QUẢ SẢN XUẤT NÔNG NGHIỆP VỤ MÙA NĂM 2019",
        &["Kế hoạch vụ Mùa", "Thực hiện vụ Mùa 2019"],
        40.0,
    );
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-H1", &[]);
    let mine: Vec<String> = f
        .iter()
        .filter(|x| ["period-mismatch", "column-missing"].contains(&x["code"].as_str().unwrap()))
        .map(|x| {
            let s = |k: &str| x[k].as_str().unwrap_or_default();
            [
                s("severity"),
                s("code"),
                s("file"),
                s("cell"),
                s("expected"),
                s("actual"),
            ]
            .join("|")
        })
        .collect();
    assert_eq!(
        mine,
        [
            "warning|period-mismatch|phuong-3.xlsx|A3|2020-H1|2020",
            "error|period-mismatch|phuong-4.xlsx|A3|2020-H1|2019",
        ]
    );
    assert_eq!(counted(&out, "Phường 1", "HC02", "LK"), "100");
    assert_eq!(counted(&out, "Phường 2", "HC02", "LK"), "80");
    assert_eq!(counted(&out, "Phường 3", "HC02", "LK"), "60");
    assert_eq!(counted(&out, "Phường 4", "HC02", "LK"), "");
    assert_eq!(district(&out, "HC02", "LK"), "240");
    let status = read_sheet(&out.join("tong-hop.xlsx"), "Tình trạng nộp");
    let line = |unit: &str| {
        status
            .iter()
            .find(|r| r.iter().any(|c| c == unit))
            .map(|r| r[4].clone())
            .unwrap_or_default()
    };
    assert_eq!(line("Phường 1"), "đã nộp");
    assert_eq!(line("Phường 3"), "đã nộp");
    assert_eq!(line("Phường 4"), "sai kỳ");
    // `check` says the same of the season's report.
    let text = checked(&dir.join("phuong-1.xlsx"), &tpl, "2020-H1");
    assert!(text.contains("không có lỗi"), "{text}");
}

/// Tester CR: an office whose template counts «vụ đông xuân» among its LK
/// words, and a commune's table with this season («Vụ Đông Xuân
/// 2019-2020» in a 2020 run) beside last season («Vụ Đông Xuân
/// 2018-2019»): last season's column was read as LK, last year's figures
/// summed, a wrong «TH and LK swapped» error and a %KH error. A header
/// naming a span of years ending the year before the report's is CK
/// (README: the year before the report's is CK), whatever office word it
/// shares with this season's column; one naming older years is another
/// period's, never LK. Near miss: the commune sending this season's
/// column alone keeps it as LK by the office's word.
#[test]
fn last_seasons_column_is_ck_though_an_office_lk_word_names_it() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let toml = std::fs::read_to_string(tpl.join("template.toml")).unwrap();
    let lk_line = r#"LK = ["lũy kế", "luỹ kế", "lk", "cộng dồn", "từ đầu năm", "đến nay"]"#;
    assert!(toml.contains(lk_line));
    std::fs::write(
        tpl.join("template.toml"),
        toml.replace(
            lk_line,
            r#"LK = ["lũy kế", "luỹ kế", "lk", "cộng dồn", "từ đầu năm", "đến nay", "vụ đông xuân"]"#,
        ),
    )
    .unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let title = "BÁO CÁO KẾT QUẢ SẢN XUẤT VỤ ĐÔNG XUÂN 2019-2020 VÀ 6 THÁNG ĐẦU NĂM 2020";
    write_book(
        &dir.join("phuong-1.xlsx"),
        "UBND PHƯỜNG 1",
        &[Sheet {
            name: "Biểu 1",
            titles: &[title],
            headers: &[
                "Kế hoạch năm 2020",
                "Vụ Đông Xuân 2019-2020",
                "Vụ Đông Xuân 2018-2019",
            ],
            rows: hc(&[
                [200.0, 150.0, 50.0],
                [100.0, 90.0, 10.0],
                [60.0, 50.0, 10.0],
            ]),
        }],
    );
    write_book(
        &dir.join("phuong-2.xlsx"),
        "UBND PHƯỜNG 2",
        &[Sheet {
            name: "Biểu 1",
            titles: &[title],
            headers: &[
                "Kế hoạch năm 2020",
                "Vụ Đông Xuân 2019-2020",
                "Cùng kỳ năm trước",
            ],
            rows: hc(&[[100.0, 80.0, 20.0], [70.0, 60.0, 10.0], [50.0, 40.0, 10.0]]),
        }],
    );
    write_book(
        &dir.join("phuong-3.xlsx"),
        "UBND PHƯỜNG 3",
        &[Sheet {
            name: "Biểu 1",
            titles: &[title],
            headers: &[
                "Kế hoạch năm 2020",
                "Vụ Đông Xuân 2019-2020",
                "Vụ Đông Xuân 2017-2018",
                "Cùng kỳ năm trước",
            ],
            rows: hc(&[
                [100.0, 80.0, 20.0],
                [50.0, 40.0, 10.0],
                [30.0, 20.0, 10.0],
                [25.0, 20.0, 5.0],
            ]),
        }],
    );
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-H1", &[]);
    let errors: Vec<String> = f
        .iter()
        .filter(|x| x["severity"] == "error" && x["code"] != "submission-missing")
        .map(|x| format!("{}|{}|{}", x["code"], x["file"], x["cell"]))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(listed(&f, &["cumulative-mismatch"]).is_empty());
    assert_eq!(counted(&out, "Phường 1", "HC02", "LK"), "100");
    assert_eq!(counted(&out, "Phường 2", "HC02", "LK"), "70");
    assert_eq!(counted(&out, "Phường 3", "HC02", "LK"), "50");
    assert_eq!(district(&out, "HC02", "LK"), "220");
    // Last season's 60, with the others' «Cùng kỳ năm trước»; the older
    // season is no column of the report.
    assert_eq!(district(&out, "HC02", "CK"), "135");
    assert_eq!(
        listed(&f, &["column-ignored"]),
        ["info|column-ignored|Biểu 1|G6||Vụ Đông Xuân 2017-2018"]
    );
}

/// A ward's second-quarter table sent in a third quarter's batch, its
/// only figure columns «Thực hiện quý II/2020» and «Lũy kế 6 tháng đầu
/// năm 2020» (no KH, no CK): under a title re-typed «BÁO CÁO QUÝ
/// III/2020» no table was found (`file-unreadable`, «không tìm thấy bảng
/// chỉ tiêu»); under a title naming no period its second quarter was
/// counted as the third, silently. Either is last quarter's report: one
/// `period-mismatch` error naming Quý II/2020 (at the title, or at the
/// first figure header when the title names no period), the ward «sai
/// kỳ», nothing of it counted, a feedback workbook for it. Near miss: the
/// third quarter's table with only its TH and LK is read as before.
#[test]
fn last_quarters_columns_alone_are_last_quarters_report() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("q3");
    std::fs::create_dir_all(&dir).unwrap();
    let last = [
        "Thực hiện quý II/2020",
        "Lũy kế 6 tháng đầu năm 2020",
        "Ghi chú",
    ];
    let this = ["Thực hiện quý III/2020", "Lũy kế 9 tháng"];
    let figures = [[30.0, 29.0, 1.0], [260.0, 252.0, 8.0]];
    let titled = "BÁO CÁO QUÝ III/2020";
    let untitled = "BÁO CÁO KẾT QUẢ CÔNG TÁC HÀNH CHÍNH";
    for (k, title, headers) in [
        (1, titled, &last[..]),
        (2, untitled, &last[..]),
        (3, titled, &this[..]),
        (4, untitled, &this[..]),
    ] {
        write_under_title(
            &dir.join(format!("phuong-{k}.xlsx")),
            &format!("UBND PHƯỜNG {k}"),
            &[(2, 0, title)],
            true,
            headers,
            &figures,
        );
    }
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-Q3", &[]);
    let mine: Vec<String> = f
        .iter()
        .filter(|x| ["P01", "P02", "P03", "P04"].contains(&x["unit"].as_str().unwrap()))
        .filter(|x| x["code"] != "indicator-missing")
        .map(|x| {
            let s = |k: &str| x[k].as_str().unwrap_or_default();
            [
                s("severity"),
                s("code"),
                s("unit"),
                s("cell"),
                s("expected"),
                s("actual"),
            ]
            .join("|")
        })
        .collect();
    assert_eq!(
        mine,
        [
            "error|period-mismatch|P01|A3|2020-Q3|2020-Q2",
            "error|period-mismatch|P02|E6|2020-Q3|2020-Q2",
            "info|period-missing|P04|A3|2020-Q3|",
        ]
    );
    let said = |unit: &str| {
        f.iter()
            .find(|x| x["unit"] == unit && x["code"] == "period-mismatch")
            .and_then(|x| x["message"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        said("P01").starts_with(
            "Tiêu đề biểu (ô A3) ghi Quý III/2020 nhưng mọi cột số liệu TH, LK đều ghi Quý \
             II/2020 («Thực hiện quý II/2020», «Lũy kế 6 tháng đầu năm 2020»)"
        ),
        "{}",
        said("P01")
    );
    assert_eq!(
        said("P02"),
        "Tiêu đề biểu không ghi kỳ báo cáo và mọi cột số liệu TH, LK đều ghi Quý II/2020 (từ ô \
         E6: «Thực hiện quý II/2020», «Lũy kế 6 tháng đầu năm 2020»): đây là báo cáo Quý \
         II/2020, không phải số liệu của kỳ Quý III/2020, nên tệp được coi là gửi sai kỳ và \
         không số nào của đơn vị được tổng hợp. Hãy gửi báo cáo Quý III/2020; nếu số liệu này \
         đúng là của Quý III/2020, hãy sửa tiêu đề các cột đó cho đúng kỳ và ghi kỳ báo cáo ở \
         dòng tiêu đề rồi gửi lại."
    );
    let book = out.join("tong-hop.xlsx");
    let status = read_sheet(&book, "Tình trạng nộp");
    let line = |unit: &str| status.iter().find(|r| r[2] == unit).unwrap()[4].clone();
    assert_eq!(line("Phường 1"), "sai kỳ");
    assert_eq!(line("Phường 2"), "sai kỳ");
    assert_eq!(line("Phường 3"), "đã nộp");
    assert_eq!(line("Phường 4"), "đã nộp");
    assert!(status[0][0].contains("2 gửi sai kỳ"), "{}", status[0][0]);
    for unit in ["Phường 1", "Phường 2"] {
        assert_eq!(counted(&out, unit, "HC02", "TH"), "", "{unit}");
        assert_eq!(counted(&out, unit, "HC02", "LK"), "", "{unit}");
    }
    for unit in ["Phường 3", "Phường 4"] {
        assert_eq!(counted(&out, unit, "HC02", "TH"), "30", "{unit}");
        assert_eq!(counted(&out, unit, "HC02", "LK"), "260", "{unit}");
    }
    assert_eq!(district(&out, "HC02", "TH"), "60");
    assert_eq!(district(&out, "HC02", "LK"), "520");
    // The ward is told in its own workbook.
    let feedback = out.join("phan-hoi").join("P02.xlsx");
    let mut wb = calamine::open_workbook_auto(&feedback).unwrap();
    let told = calamine::Reader::worksheets(&mut wb)
        .iter()
        .flat_map(|(_, range)| {
            range
                .rows()
                .flatten()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
        })
        .any(|c| c.contains("đều ghi Quý II/2020"));
    assert!(told);

    // `check --period` says the same of the untitled file.
    let text = checked(&dir.join("phuong-2.xlsx"), &tpl, "2020-Q3");
    assert!(
        text.contains("Lỗi       Biểu 1!E6  Tiêu đề biểu không ghi kỳ báo cáo và mọi cột"),
        "{text}"
    );
    assert!(text.contains("Hãy sửa các lỗi trước khi gửi."), "{text}");
}

/// `check` without --period on a commune's «BÁO CÁO KẾT QUẢ SẢN XUẤT VỤ
/// ĐÔNG XUÂN NĂM 2026» over «Ước TH 6 tháng năm 2026» read the season's
/// year as the period: checked as the year's report, an error that the
/// title and the headers disagree and one that the year's LK is missing.
/// A crop season names no period: the columns decide, the half-year.
/// Near misses: columns that name no period either leave the year,
/// said (an info naming the period assumed); a title naming the year
/// itself over the same columns stays the error it was.
#[test]
fn check_reads_a_crop_seasons_period_from_its_columns() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let season = "BÁO CÁO KẾT QUẢ SẢN XUẤT VỤ ĐÔNG XUÂN NĂM 2026";
    let check = |k: u32, title: &str, headers: &[&str]| {
        let file = dir.join(format!("phuong-{k}.xlsx"));
        write_book(
            &file,
            &format!("UBND PHƯỜNG {k}"),
            &[Sheet {
                name: "Biểu 1",
                titles: &[title],
                headers,
                rows: hc(&[
                    [200.0, 150.0, 50.0],
                    [100.0, 90.0, 10.0],
                    [100.0, 90.0, 10.0],
                ][..headers.len()]),
            }],
        );
        let output = crate::common::tonghop()
            .args(["check", file.to_str().unwrap(), "--template"])
            .arg(&tpl)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        // The findings but the rows the test catalog leaves out.
        let lines: Vec<String> = text
            .lines()
            .filter(|l| !l.contains("thiếu 4 chỉ tiêu"))
            .map(str::to_string)
            .collect();
        (output.status.code(), lines)
    };
    let (code, lines) = check(
        1,
        season,
        &[
            "Kế hoạch năm 2026",
            "Thực hiện 6 tháng",
            "Lũy kế từ đầu năm",
        ],
    );
    assert_eq!(code, Some(0), "{lines:?}");
    assert!(
        lines[0].ends_with("phuong-1.xlsx — Phường 1 — 6 tháng đầu năm 2026"),
        "{lines:?}"
    );
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines[1].starts_with("Thông tin Biểu 1!G6  Cột «Lũy kế từ đầu năm»"),
        "{lines:?}"
    );
    assert!(lines[2].starts_with("Kết quả: không có lỗi"), "{lines:?}");

    let (code, lines) = check(
        2,
        season,
        &["Kế hoạch năm 2026", "Thực hiện", "Lũy kế từ đầu năm"],
    );
    assert_eq!(code, Some(0), "{lines:?}");
    assert!(
        lines[0].ends_with("phuong-2.xlsx — Phường 2 — Năm 2026"),
        "{lines:?}"
    );
    assert_eq!(
        lines[1],
        "Thông tin Biểu 1!A3  Tiêu đề biểu (ô A3) ghi một vụ sản xuất của năm 2026, không ghi \
         kỳ báo cáo, và tiêu đề các cột số liệu cũng không ghi kỳ nào: không xác định được kỳ \
         báo cáo, nên tệp được kiểm tra như báo cáo Năm 2026. Nếu đây là báo cáo kỳ khác, hãy \
         kiểm tra lại với --period (ví dụ --period 2026-H1) và ghi kỳ báo cáo ở dòng tiêu đề."
    );

    let estimate = ["Kế hoạch năm 2026", "Ước TH 6 tháng năm 2026"];
    let (code, lines) = check(4, season, &estimate);
    assert_eq!(code, Some(0), "{lines:?}");
    assert!(
        lines[0].ends_with("phuong-4.xlsx — Phường 4 — 6 tháng đầu năm 2026"),
        "{lines:?}"
    );
    assert_eq!(lines.len(), 2, "{lines:?}");

    let (code, lines) = check(
        3,
        "BÁO CÁO KẾT QUẢ SẢN XUẤT NÔNG NGHIỆP NĂM 2026",
        &estimate,
    );
    assert_eq!(code, Some(1), "{lines:?}");
    assert!(
        lines[0].ends_with("phuong-3.xlsx — Phường 3 — Năm 2026"),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Lỗi       Biểu 1!A3  Tiêu đề biểu (ô A3) ghi Năm 2026")),
        "{lines:?}"
    );
}

/// A province office's monthly reports titled the short way («BÁO CÁO SỐ
/// LIỆU T11/2026», «KỲ BÁO CÁO 10/2026», «10/2026» alone, columns «Thực
/// hiện tháng» and «Lũy kế từ đầu năm») were read as naming no period in a
/// fourth quarter's run: the month was counted as the quarter's TH and
/// its eleven months as the year's LK. Each is the month's report: a
/// `period-mismatch` error naming the month, nothing counted. Near
/// misses: a quarter's report with a date «ngày 15/10/2026» and a
/// decision «Quyết định số 10/2026/QĐ-UBND» above its title is counted.
#[test]
fn a_month_written_short_is_the_months_not_the_quarters() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    for (k, (title, month)) in [
        ("BÁO CÁO SỐ LIỆU T11/2026", "2026-11"),
        ("BIỂU SỐ LIỆU KỲ BÁO CÁO 10/2026", "2026-10"),
        ("10/2026", "2026-10"),
    ]
    .into_iter()
    .enumerate()
    {
        let dir = tmp.path().join(format!("in-{k}"));
        std::fs::create_dir_all(&dir).unwrap();
        write_book(
            &dir.join("phuong-1.xlsx"),
            "UBND PHƯỜNG 1",
            &[Sheet {
                name: "Sheet1",
                titles: &[title],
                headers: &["Thực hiện tháng", "Lũy kế từ đầu năm"],
                rows: hc(&[[40.0, 38.0, 2.0], [300.0, 290.0, 10.0]]),
            }],
        );
        let out = tmp.path().join(format!("out-{k}"));
        let (_, f) = consolidate(&dir, &out, &tpl, "2026-Q4", &[]);
        assert_eq!(
            listed(&f, &["period-mismatch", "period-missing"]),
            [format!("error|period-mismatch|Sheet1|A3|2026-Q4|{month}")],
            "{title}"
        );
        let m = message(&f, "period-mismatch", "error");
        let words = format!("tháng {}/2026", &month[5..]);
        assert!(m.contains(&format!("ghi kỳ báo cáo {words} nhưng")), "{m}");
        assert_eq!(counted(&out, "Phường 1", "HC02", "TH"), "", "{title}");
        assert_eq!(counted(&out, "Phường 1", "HC02", "LK"), "", "{title}");
    }

    // The quarter's report, a date and a decision's number above its
    // title: read as the quarter's.
    let dir = tmp.path().join("in-q4");
    std::fs::create_dir_all(&dir).unwrap();
    write_book(
        &dir.join("phuong-1.xlsx"),
        "UBND PHƯỜNG 1",
        &[Sheet {
            name: "Biểu 1",
            titles: &[
                "Phường 1, ngày 15/10/2026",
                "Thực hiện Quyết định số 10/2026/QĐ-UBND",
                "BÁO CÁO SỐ LIỆU QUÝ IV/2026",
            ],
            headers: &["Thực hiện quý IV", "Lũy kế từ đầu năm"],
            rows: hc(&[[40.0, 38.0, 2.0], [300.0, 290.0, 10.0]]),
        }],
    );
    let out = tmp.path().join("out-q4");
    let (_, f) = consolidate(&dir, &out, &tpl, "2026-Q4", &[]);
    assert!(listed(&f, &["period-mismatch", "period-missing"]).is_empty());
    assert_eq!(counted(&out, "Phường 1", "HC02", "TH"), "40");
    assert_eq!(counted(&out, "Phường 1", "HC02", "LK"), "300");
}

/// October's and November's reports of one ward in a fourth quarter's
/// run: October's was kept as the quarter's and November's called «tệp
/// cũ». Both are months: two `period-mismatch` errors, nothing counted.
/// Beside a file of the run's period, a file of an earlier period is
/// «tệp cũ», a later one's is not.
#[test]
fn two_months_of_one_ward_are_both_months_and_old_means_earlier() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let book = |dir: &Path, name: &str, title: &str, th: &str| {
        std::fs::create_dir_all(dir).unwrap();
        write_book(
            &dir.join(name),
            "UBND PHƯỜNG 1",
            &[Sheet {
                name: "Sheet1",
                titles: &[title],
                headers: &[th, "Lũy kế từ đầu năm"],
                rows: hc(&[[40.0, 38.0, 2.0], [300.0, 290.0, 10.0]]),
            }],
        );
    };
    let dir = tmp.path().join("in-months");
    book(
        &dir,
        "phuong-1 T10.xlsx",
        "BÁO CÁO T10/2026",
        "Thực hiện tháng",
    );
    book(
        &dir,
        "phuong-1 T11.xlsx",
        "BÁO CÁO SỐ LIỆU T11/2026",
        "Thực hiện tháng",
    );
    let out = tmp.path().join("out-months");
    let (_, f) = consolidate(&dir, &out, &tpl, "2026-Q4", &[]);
    let errors: Vec<&serde_json::Value> = f
        .iter()
        .filter(|x| x["code"] == "period-mismatch")
        .collect();
    let mut actual: Vec<(&str, &str)> = errors
        .iter()
        .map(|x| {
            (
                x["severity"].as_str().unwrap(),
                x["actual"].as_str().unwrap(),
            )
        })
        .collect();
    actual.sort();
    assert_eq!(
        actual,
        [("error", "2026-10"), ("error", "2026-11")],
        "{f:?}"
    );
    assert!(errors
        .iter()
        .all(|x| !x["message"].as_str().unwrap().contains("tệp cũ")));
    assert_eq!(counted(&out, "Phường 1", "HC02", "TH"), "");

    // The quarter's report with the next quarter's sent beside it: not
    // «cũ»; with the last quarter's: «cũ».
    for (other, title, old) in [
        ("phuong-1 Q1-2027.xlsx", "BÁO CÁO SỐ LIỆU QUÝ I/2027", false),
        ("phuong-1 Q3.xlsx", "BÁO CÁO SỐ LIỆU QUÝ III/2026", true),
    ] {
        let dir = tmp.path().join(format!("in-{old}"));
        book(
            &dir,
            "phuong-1.xlsx",
            "BÁO CÁO SỐ LIỆU QUÝ IV/2026",
            "Thực hiện quý IV",
        );
        book(&dir, other, title, "Thực hiện quý");
        let out = tmp.path().join(format!("out-{old}"));
        let (_, f) = consolidate(&dir, &out, &tpl, "2026-Q4", &[]);
        let m = message(&f, "period-mismatch", "info");
        assert!(m.contains(other), "{m}");
        assert_eq!(m.contains("tệp cũ"), old, "{m}");
        assert_eq!(counted(&out, "Phường 1", "HC02", "TH"), "40");
    }
}

/// An education office's template lists «đầu năm học» among its TH
/// words. In a Q4/2020 run, «Đầu năm học 2020-2021» was dropped as
/// another period's LK («mọi số LK của tệp này không được tổng hợp») and
/// «Cùng kỳ năm học 2019-2020» as «Cột này không cần sửa» beside a
/// warning asking for a CK column. The template's word wins: TH and CK
/// read, told nothing; a file without its year's LK gets the one
/// `column-missing` error, where the column would be, after its last
/// header (not at its TH's nor its plan's). A TH of a semester («Thực hiện học kỳ I năm học 2020-2021»)
/// is no TH of the quarter: a warning asks the unit to rename and resend,
/// in `check` too (it said «Cột này không cần sửa», «Có thể gửi»).
#[test]
fn an_offices_school_year_words_decide_and_a_semesters_th_is_told() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let toml = std::fs::read_to_string(tpl.join("template.toml")).unwrap();
    let th_line = r#"TH = ["thực hiện", "th", "#;
    assert!(toml.contains(th_line));
    std::fs::write(
        tpl.join("template.toml"),
        toml.replacen(th_line, r#"TH = ["thực hiện", "đầu năm học", "th", "#, 1),
    )
    .unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let title = "BÁO CÁO SỐ LIỆU QUÝ IV/2020";
    write_book(
        &dir.join("phuong-1.xlsx"),
        "UBND PHƯỜNG 1",
        &[Sheet {
            name: "Biểu 1",
            titles: &[title],
            headers: &[
                "Kế hoạch năm học 2020-2021",
                "Đầu năm học 2020-2021",
                "Lũy kế năm 2020",
                "Cùng kỳ năm học 2019-2020",
            ],
            rows: hc(&[
                [100.0, 90.0, 10.0],
                [90.0, 85.0, 5.0],
                [90.0, 85.0, 5.0],
                [80.0, 70.0, 10.0],
            ]),
        }],
    );
    write_book(
        &dir.join("phuong-2.xlsx"),
        "UBND PHƯỜNG 2",
        &[Sheet {
            name: "Biểu 1",
            titles: &[title],
            headers: &[
                "Kế hoạch năm học 2020-2021",
                "Đầu năm học 2020-2021",
                "Cùng kỳ năm học 2019-2020",
            ],
            rows: hc(&[[100.0, 90.0, 10.0], [60.0, 55.0, 5.0], [50.0, 45.0, 5.0]]),
        }],
    );
    let semester = dir.join("phuong-3.xlsx");
    write_book(
        &semester,
        "UBND PHƯỜNG 3",
        &[Sheet {
            name: "Biểu 1",
            titles: &[title],
            headers: &[
                "Thực hiện học kỳ I năm học 2020-2021",
                "Lũy kế năm 2020",
                "Cùng kỳ năm 2019",
            ],
            rows: hc(&[[40.0, 35.0, 5.0], [70.0, 60.0, 10.0], [60.0, 50.0, 10.0]]),
        }],
    );
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-Q4", &[]);
    assert_eq!(counted(&out, "Phường 1", "HC02", "TH"), "90");
    assert_eq!(counted(&out, "Phường 2", "HC02", "TH"), "60");
    // CK: 80 and 50 from the school year's columns, 60 from Phường 3.
    assert_eq!(district(&out, "HC02", "CK"), "190");
    assert_eq!(counted(&out, "Phường 3", "HC02", "TH"), "");
    let columns: Vec<String> = f
        .iter()
        .filter(|x| x["code"].as_str().is_some_and(|c| c.starts_with("column-")))
        .map(|x| {
            let s = |k: &str| x[k].as_str().unwrap_or_default().to_string();
            [
                s("severity"),
                s("code"),
                s("file"),
                s("cell"),
                s("column"),
                s("actual"),
            ]
            .join("|")
        })
        .collect();
    assert_eq!(
        columns,
        [
            "error|column-missing|phuong-2.xlsx|H6|LK|Đầu năm học 2020-2021",
            "warning|column-ignored|phuong-3.xlsx|E6|TH|Thực hiện học kỳ I năm học 2020-2021",
            "warning|column-missing|phuong-3.xlsx|H6|KH|KH",
        ],
        "{columns:#?}"
    );
    let ignored = message(&f, "column-ignored", "warning");
    assert!(
        ignored.contains("hãy sửa tiêu đề cột cho đúng kỳ rồi gửi lại"),
        "{ignored}"
    );
    assert!(!ignored.contains("không cần sửa"), "{ignored}");
    let said = checked(&semester, &tpl, "2020-Q4");
    assert!(said.contains("Cảnh báo  Biểu 1!E6"), "{said}");
    assert!(!said.contains("không cần sửa"), "{said}");
    // The verdict follows the warning: the semester's figures are not
    // consolidated, so the file cannot be sent as it is (it said «Có thể
    // gửi; hãy xem lại các cảnh báo», tester DG's X08).
    assert!(said.contains("nhưng chưa gửi được"), "{said}");
    assert!(!said.contains("Có thể gửi"), "{said}");
}

/// A school-year office whose indicators are all stocks (pupils, classes,
/// schools): a Q4 file with «Đầu năm học 2020-2021» (TH) and no LK column
/// drew a `column-missing` ERROR (tester DG's X06), though a stock's LK
/// is its level at the period's end, its TH: the run lacks nothing. The
/// LK is taken from the TH, told in an info; the flows' office above
/// (`an_offices_school_year_words_decide_and_a_semesters_th_is_told`)
/// keeps its error.
#[test]
fn a_stock_only_school_year_file_without_lk_at_q4_is_no_error() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let toml = std::fs::read_to_string(tpl.join("template.toml")).unwrap();
    let th_line = r#"TH = ["thực hiện", "th", "#;
    std::fs::write(
        tpl.join("template.toml"),
        toml.replacen(th_line, r#"TH = ["thực hiện", "đầu năm học", "th", "#, 1),
    )
    .unwrap();
    let csv = std::fs::read_to_string(tpl.join("indicators.csv")).unwrap();
    let stocks: String = csv
        .lines()
        .map(|l| {
            if l.starts_with("HC02,") || l.starts_with("HC03,") || l.starts_with("HC04,") {
                l.replace(",flow,", ",stock,")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(tpl.join("indicators.csv"), stocks + "\n").unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("phuong-2.xlsx");
    write_book(
        &file,
        "UBND PHƯỜNG 2",
        &[Sheet {
            name: "Biểu 1",
            titles: &["BÁO CÁO SỐ LIỆU QUÝ IV/2020"],
            headers: &[
                "Kế hoạch năm học 2020-2021",
                "Đầu năm học 2020-2021",
                "Cùng kỳ năm học 2019-2020",
            ],
            rows: hc(&[[100.0, 90.0, 10.0], [60.0, 55.0, 5.0], [50.0, 45.0, 5.0]]),
        }],
    );
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-Q4", &[]);
    let missing: Vec<String> = f
        .iter()
        .filter(|x| x["code"] == "column-missing")
        .map(|x| {
            let s = |k: &str| x[k].as_str().unwrap_or_default().to_string();
            [s("severity"), s("cell"), s("column"), s("expected")].join("|")
        })
        .collect();
    assert_eq!(
        missing,
        ["info|F6|LK|LK = TH (chỉ tiêu thời điểm)"],
        "{missing:#?}"
    );
    let m = message(&f, "column-missing", "info");
    assert!(m.contains("lũy kế của 3 chỉ tiêu"), "{m}");
    assert!(m.contains("Không cần sửa"), "{m}");
    // The year's figures of the unit are consolidated: its LK is its TH.
    assert_eq!(counted(&out, "Phường 2", "HC02", "LK"), "60");
    assert_eq!(counted(&out, "Phường 2", "HC03", "LK"), "55");
}

/// Many communes report monthly: `consolidate --period T10/2026` (or
/// 2026-10, 10/2026) refused months. A month is consolidated as a
/// quarter is: TH the month, LK from January; November's report and the
/// third quarter's in October's batch are `period-mismatch` errors, not
/// counted; the summary's title and headings say «Tháng 10/2026»
/// («October 2026» in English).
#[test]
fn a_month_is_consolidated_as_its_own_period() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in-t10");
    std::fs::create_dir_all(&dir).unwrap();
    let book = |name: &str, unit: &str, title: &str, headers: &[&str], figures: [[f64; 3]; 2]| {
        write_book(
            &dir.join(name),
            unit,
            &[Sheet {
                name: "Sheet1",
                titles: &[title],
                headers,
                rows: hc(&figures),
            }],
        );
    };
    let october = ["Thực hiện tháng 10", "Lũy kế 10 tháng"];
    book(
        "phuong-1.xlsx",
        "UBND PHƯỜNG 1",
        "BÁO CÁO SỐ LIỆU THÁNG 10/2026",
        &october,
        [[40.0, 38.0, 2.0], [300.0, 290.0, 10.0]],
    );
    book(
        "phuong-2 T10.xlsx",
        "UBND PHƯỜNG 2",
        "BÁO CÁO T10/2026",
        &october,
        [[20.0, 19.0, 1.0], [200.0, 195.0, 5.0]],
    );
    book(
        "phuong-3.xlsx",
        "UBND PHƯỜNG 3",
        "BÁO CÁO THÁNG 11/2026",
        &["Thực hiện tháng 11", "Lũy kế 11 tháng"],
        [[7.0, 7.0, 0.0], [70.0, 70.0, 0.0]],
    );
    book(
        "phuong-4.xlsx",
        "UBND PHƯỜNG 4",
        "BÁO CÁO SỐ LIỆU QUÝ III/2026",
        &["Thực hiện quý III", "Lũy kế 9 tháng"],
        [[9.0, 9.0, 0.0], [90.0, 90.0, 0.0]],
    );
    for period in ["T10/2026", "2026-10", "10/2026"] {
        let out = tmp.path().join(format!("out-{}", period.replace('/', "-")));
        let (code, f) = consolidate(&dir, &out, &tpl, period, &[]);
        assert_eq!(code, 1, "{period}: {f:?}");
        let mut wrong: Vec<(&str, &str, &str)> = f
            .iter()
            .filter(|x| x["code"] == "period-mismatch")
            .map(|x| {
                (
                    x["severity"].as_str().unwrap(),
                    x["unit"].as_str().unwrap(),
                    x["actual"].as_str().unwrap(),
                )
            })
            .collect();
        wrong.sort();
        assert_eq!(
            wrong,
            [("error", "P03", "2026-11"), ("error", "P04", "2026-Q3")],
            "{period}: {f:?}"
        );
        assert_eq!(district(&out, "HC02", "TH"), "60", "{period}");
        assert_eq!(district(&out, "HC02", "LK"), "500", "{period}");
        assert_eq!(district(&out, "HC03", "LK"), "485", "{period}");
        assert_eq!(counted(&out, "Phường 3", "HC02", "TH"), "");
        assert_eq!(counted(&out, "Phường 4", "HC02", "TH"), "");
        let summary = read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
        assert!(
            summary
                .iter()
                .take(5)
                .any(|r| r.iter().any(|c| c.contains("THÁNG 10/2026"))),
            "{summary:?}"
        );
        let head = summary.iter().find(|r| r[0] == "Mã").unwrap();
        assert!(head.contains(&"TH\ntháng 10/2026".to_string()), "{head:?}");
        assert!(head.contains(&"LK\n10 tháng 2026".to_string()), "{head:?}");
    }

    // Last month's consolidation is not yet checked against: refused
    // with the reason (exit 2), never a run that silently skips it.
    let out = tmp.path().join("out-t11");
    let refused = crate::common::tonghop()
        .arg("consolidate")
        .arg(&dir)
        .args(["--period", "T11/2026", "--template"])
        .arg(&tpl)
        .arg("--previous")
        .arg(tmp.path().join("out-T10-2026"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("Tháng 11/2026: chưa đối chiếu được lũy kế với bảng tổng hợp tháng trước"),
        "{said}"
    );

    // In English: «October 2026».
    let out = tmp.path().join("out-en");
    let (_, _) = consolidate(&dir, &out, &tpl, "T10/2026", &["--lang", "en"]);
    let summary = read_sheet(&out.join("tong-hop.xlsx"), "Summary");
    let head = summary.iter().find(|r| r[0] == "Code").unwrap();
    assert!(head.contains(&"TH\nOctober 2026".to_string()), "{head:?}");
}
