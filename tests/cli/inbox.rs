//! A quarter's inbox as it is saved: the same attachment saved two or
//! three times (Zalo's "Bao cao Q1 (1).xlsx"), and a sheet whose table
//! runs on for hundreds of columns the tool does not read. The error
//! list says each once, so that it stays readable at inbox size.

use crate::checks::write_template;
use crate::trust::{listed, one_row_header, run, write_sheet, Cell};
use Cell::N;

/// The `severity|cell|message` of the `column-ignored` findings, sorted.
fn ignored_columns(findings: &[serde_json::Value]) -> Vec<String> {
    let mut v: Vec<String> = findings
        .iter()
        .filter(|f| f["code"] == "column-ignored")
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            [s("severity"), s("cell"), s("message")].join("|")
        })
        .collect();
    v.sort();
    v
}

/// A commune's sheet with a column per neighbourhood right of the form
/// ("Tổ 1" … "Tổ 1989", tester BU: 1,989 `column-ignored` infos, the
/// Lỗi sheet 2,031 rows): the headers that say nothing the tool reads
/// are told in one info at the first, naming the first three, the last
/// and how many. Near misses: a second CK column and another period's
/// figures are told apart, each for what it is; a table with two such
/// headers keeps one info each, word for word as before.
#[test]
fn a_flood_of_unread_columns_is_one_info() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let to: Vec<String> = (1..=6).map(|k| format!("Tổ {k}")).collect();
    let mut header: Vec<(&str, u16)> = vec![
        ("Kế hoạch năm 2025", 1),
        ("TH quý IV", 1),
        ("Lũy kế cả năm", 1),
        ("Cùng kỳ năm 2024", 1),
    ];
    header.extend(to.iter().map(|t| (t.as_str(), 1)));
    header.extend([
        ("Cùng kỳ năm 2024", 1),
        ("Thực hiện 9 tháng", 1),
        ("Nguồn số liệu", 1),
    ]);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let figures: Vec<Cell> = [800.0, 220.0, 820.0, 700.0]
        .into_iter()
        .chain([3.0; 6])
        .chain([700.0, 600.0])
        .map(|v| N(v, None))
        .collect();
    write_sheet(
        &dir.join("phuong-1.xlsx"),
        "UBND PHƯỜNG 1",
        "QUÝ IV NĂM 2025",
        &one_row_header(&header),
        &[("HC07", "Tổng số lượt đánh giá", "lượt", figures)],
    );
    let f = run(&dir, &tmp.path().join("out"), &tpl, "2025-Q4");
    assert_eq!(
        listed(&f, &["column-ignored"]),
        [
            "info|column-ignored|P01|I6||||Tổ 1; Tổ 2; Tổ 3; Nguồn số liệu",
            "info|column-ignored|P01|O6||||Cùng kỳ năm 2024",
            "info|column-ignored|P01|P6||||Thực hiện 9 tháng",
        ]
    );
    let ignored = ignored_columns(&f);
    assert_eq!(
        ignored[0],
        "info|I6|Các cột «Tổ 1», «Tổ 2», «Tổ 3» … «Nguồn số liệu» (7 cột, ô I6 đến ô Q6) không được đọc: tiêu đề không cho biết đây là cột số liệu nào của kỳ báo cáo (KH, TH, LK, CK, %KH, %CK). Nếu đây là các cột số liệu, hãy đặt tiêu đề theo mẫu biểu."
    );
    assert!(
        ignored[1].starts_with("info|O6|Cột «Cùng kỳ năm 2024» (ô O6) không được đọc: cột «Cùng kỳ năm 2024» (ô H6) đứng trước đã là cột CK của bảng"),
        "{ignored:?}"
    );
    assert!(
        ignored[2].starts_with(
            "info|P6|Cột «Thực hiện 9 tháng» (ô P6) không được đọc: đây là số liệu của một kỳ khác"
        ),
        "{ignored:?}"
    );
    // The figures are read as before.
    let hc07: Vec<_> = f.iter().filter(|x| x["indicator"] == "HC07").collect();
    assert!(hc07.is_empty(), "{hc07:?}");

    // Two unread headers: one info each, as ever.
    let dir = tmp.path().join("in2");
    std::fs::create_dir_all(&dir).unwrap();
    write_sheet(
        &dir.join("phuong-1.xlsx"),
        "UBND PHƯỜNG 1",
        "QUÝ IV NĂM 2025",
        &one_row_header(&[
            ("Kế hoạch năm 2025", 1),
            ("TH quý IV", 1),
            ("Lũy kế cả năm", 1),
            ("Tổ 1", 1),
            ("Nguồn số liệu", 1),
        ]),
        &[(
            "HC07",
            "Tổng số lượt đánh giá",
            "lượt",
            [800.0, 220.0, 820.0, 3.0, 1.0]
                .into_iter()
                .map(|v| N(v, None))
                .collect(),
        )],
    );
    let f = run(&dir, &tmp.path().join("out2"), &tpl, "2025-Q4");
    let one = |c: char, label: &str| {
        format!("info|{c}6|Cột «{label}» (ô {c}6) không được đọc: tiêu đề không cho biết đây là cột số liệu nào của kỳ báo cáo (KH, TH, LK, CK, %KH, %CK). Nếu đây là cột số liệu, hãy đặt tiêu đề theo mẫu biểu.")
    };
    assert_eq!(
        ignored_columns(&f),
        [one('H', "Tổ 1"), one('I', "Nguồn số liệu")]
    );
}
