//! A quarter's inbox as it is saved: the same attachment saved two or
//! three times (Zalo's "Bao cao Q1 (1).xlsx"), and a sheet whose table
//! runs on for hundreds of columns the tool does not read. The error
//! list says each once, so that it stays readable at inbox size.

use crate::checks::write_template;
use crate::trust::{ignored_columns, listed, one_row_header, run, write_sheet, Cell};
use Cell::N;

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

/// Writes a fourth-quarter report of `title`, every indicator a ward
/// reports, with the figures (KH, TH, LK) of `hc` for HC02, HC03, HC04.
fn write_report(path: &std::path::Path, title: &str, hc: [[f64; 3]; 3]) {
    let n = |v: [f64; 3]| v.into_iter().map(|x| N(x, None)).collect::<Vec<_>>();
    write_sheet(
        path,
        title,
        "QUÝ IV NĂM 2025",
        &one_row_header(&[
            ("Kế hoạch năm 2025", 1),
            ("TH quý IV", 1),
            ("Lũy kế cả năm", 1),
        ]),
        &[
            (
                "HC02",
                "Hồ sơ thủ tục hành chính đã giải quyết",
                "hồ sơ",
                n(hc[0]),
            ),
            ("HC03", "Trong đó: giải quyết đúng hạn", "hồ sơ", n(hc[1])),
            ("HC04", "Trong đó: giải quyết trễ hạn", "hồ sơ", n(hc[2])),
            (
                "HC05",
                "Tỷ lệ hồ sơ giải quyết đúng hạn",
                "%",
                n([90.0, 90.0, 90.0]),
            ),
            (
                "HC07",
                "Tổng số lượt đánh giá",
                "lượt",
                n([10.0, 5.0, 10.0]),
            ),
            ("TT04", "Đơn tồn đầu kỳ", "đơn", n([2.0, 2.0, 2.0])),
            (
                "NS02",
                "Tiền phạt vi phạm hành chính",
                "triệu đồng",
                n([10.0, 5.0, 10.0]),
            ),
        ],
    );
}

/// One attachment saved three times ("Bao cao Q1.xlsx", "… (1)", "… (3)",
/// the same bytes; tester BU: three `submission-duplicate` warnings "không
/// rõ bản nào mới hơn … hãy kiểm tra lại" and a feedback workbook sent to
/// the ward for it): one info naming the copies and the file used, said
/// to the office alone, and the copies' findings said once. Near misses:
/// two copies that differ (a revised copy, nothing telling it) are an
/// error naming the figure, and keep the ward's feedback; "Bao cao Q1 (2).xlsx", another ward's file with a
/// like name, stays that ward's.
#[test]
fn identical_copies_of_one_file_are_one_report_and_one_info() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    let zalo = dir.join("Zalo Received Files");
    std::fs::create_dir_all(&zalo).unwrap();
    let right = [
        [400.0, 100.0, 400.0],
        [360.0, 90.0, 360.0],
        [40.0, 10.0, 40.0],
    ];
    write_report(&zalo.join("Bao cao Q1.xlsx"), "UBND PHƯỜNG 2", right);
    for copy in ["Bao cao Q1 (1).xlsx", "Bao cao Q1 (3).xlsx"] {
        std::fs::copy(zalo.join("Bao cao Q1.xlsx"), zalo.join(copy)).unwrap();
    }
    write_report(
        &zalo.join("Bao cao Q1 (2).xlsx"),
        "UBND PHƯỜNG 3",
        [
            [500.0, 100.0, 500.0],
            [450.0, 90.0, 450.0],
            [50.0, 10.0, 50.0],
        ],
    );
    // Phường 5: two copies of a report whose parts do not add up.
    let wrong = [
        [400.0, 100.0, 400.0],
        [360.0, 80.0, 360.0],
        [40.0, 10.0, 40.0],
    ];
    write_report(&dir.join("phuong-5.xlsx"), "UBND PHƯỜNG 5", wrong);
    std::fs::copy(dir.join("phuong-5.xlsx"), dir.join("phuong-5 (1).xlsx")).unwrap();
    // Phường 4: two versions that differ (one with the TH put right):
    // nothing tells which is newer, their HC03 TH differs: an error
    // naming it, asking which is right.
    write_report(
        &dir.join("phuong-4.xlsx"),
        "UBND PHƯỜNG 4",
        [
            [300.0, 100.0, 300.0],
            [260.0, 80.0, 260.0],
            [40.0, 10.0, 40.0],
        ],
    );
    write_report(
        &dir.join("phuong-4 (1).xlsx"),
        "UBND PHƯỜNG 4",
        [
            [300.0, 100.0, 300.0],
            [260.0, 90.0, 260.0],
            [40.0, 10.0, 40.0],
        ],
    );
    let out = tmp.path().join("out");
    let f = run(&dir, &out, &tpl, "2025-Q4");
    let z = |name: &str| format!("Zalo Received Files/{name}");
    assert_eq!(
        listed(&f, &["submission-duplicate", "sum-mismatch"]),
        [
            "error|submission-duplicate|P04||||HC03 TH|phuong-4.xlsx; phuong-4 (1).xlsx"
                .to_string(),
            "error|sum-mismatch|P04|F7|HC02|TH|HC02 == HC03 + HC04|100".to_string(),
            "error|sum-mismatch|P05|F7|HC02|TH|HC02 == HC03 + HC04|100".to_string(),
            format!(
                "info|submission-duplicate|P02||||{}|{}; {}",
                z("Bao cao Q1.xlsx"),
                z("Bao cao Q1 (1).xlsx"),
                z("Bao cao Q1 (3).xlsx")
            ),
            "info|submission-duplicate|P05||||phuong-5.xlsx|phuong-5 (1).xlsx".to_string(),
        ]
    );
    assert!(listed(&f, &["figures-copied"]).is_empty());
    let message = |unit: &str| {
        f.iter()
            .find(|x| x["unit"] == unit && x["code"] == "submission-duplicate")
            .unwrap()["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        message("P02"),
        format!("Phường 2 gửi 3 tệp giống hệt nhau (cùng nội dung) cho Quý IV/2025: {}, {} là bản sao của {}; dùng tệp {}, số liệu chỉ tính một lần. Không cần sửa gì.", z("Bao cao Q1 (1).xlsx"), z("Bao cao Q1 (3).xlsx"), z("Bao cao Q1.xlsx"), z("Bao cao Q1.xlsx"))
    );
    // Phường 3's file is its own.
    assert!(
        f.iter().all(|x| x["unit"] != "P03"),
        "{:?}",
        f.iter().filter(|x| x["unit"] == "P03").collect::<Vec<_>>()
    );
    // The feedback: none for the copies; Phường 5's lists its error only,
    // Phường 4 is told of its two versions.
    let mut fed: Vec<String> = std::fs::read_dir(out.join("phan-hoi"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    fed.sort();
    assert_eq!(
        fed,
        ["P01.xlsx", "P04.xlsx", "P05.xlsx", "P06.xlsx", "VP.xlsx"]
    );
    // The messages of a unit's Lỗi sheet.
    let told = |unit: &str| -> Vec<String> {
        crate::common::read_sheet(&out.join("phan-hoi").join(format!("{unit}.xlsx")), "Lỗi")
            .iter()
            .skip(1)
            .filter_map(|r| r.last().cloned())
            .collect()
    };
    let p05 = told("P05");
    assert!(p05.iter().all(|m| !m.contains("giống hệt nhau")), "{p05:?}");
    assert_eq!(
        p05.iter().filter(|m| m.contains("tổng các phần")).count(),
        1,
        "{p05:?}"
    );
    let p04 = told("P04");
    assert_eq!(
        p04.iter()
            .filter(|m| m.starts_with("Phường 4 gửi 2 tệp cho Quý IV/2025"))
            .count(),
        1,
        "{p04:?}"
    );
    // Tình trạng nộp: every file on its ward's line, the copies "đã nộp".
    let status = crate::common::read_sheet(&out.join("tong-hop.xlsx"), "Tình trạng nộp");
    let line = |unit: &str| {
        status
            .iter()
            .find(|r| r.get(1).is_some_and(|c| c == unit))
            .unwrap()
            .clone()
    };
    let p02 = line("P02");
    assert_eq!(
        p02[3],
        format!(
            "{}; {}; {}",
            z("Bao cao Q1 (1).xlsx"),
            z("Bao cao Q1 (3).xlsx"),
            z("Bao cao Q1.xlsx")
        )
    );
    assert_eq!(p02[4], "đã nộp");
    assert_eq!(line("P04")[4], "trùng");
    assert_eq!(line("P03")[3], z("Bao cao Q1 (2).xlsx"));
}

/// A saved Outlook mail (.msg) and a Windows shortcut (.lnk) in the inbox
/// (tester EC: both «không phải bảng tính» alone) say what they are and
/// what to do: save the mail's attachment, copy the file itself.
#[test]
fn a_saved_mail_and_a_shortcut_say_what_they_are_and_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let right = [
        [400.0, 100.0, 400.0],
        [360.0, 90.0, 360.0],
        [40.0, 10.0, 40.0],
    ];
    write_report(&dir.join("Phuong 2.xlsx"), "UBND PHƯỜNG 2", right);
    std::fs::write(
        dir.join("FW Bao cao Phuong 16.msg"),
        b"\xd0\xcf\x11\xe0mail",
    )
    .unwrap();
    std::fs::write(dir.join("Phuong 5.xlsx - Shortcut.lnk"), b"L\0\0\0link").unwrap();
    let out = tmp.path().join("out");
    let f = run(&dir, &out, &tpl, "2025-Q4");
    let skipped = |file: &str| {
        f.iter()
            .find(|x| x["code"] == "file-skipped" && x["file"] == file)
            .map(|x| {
                format!(
                    "{}|{}",
                    x["severity"].as_str().unwrap(),
                    x["message"].as_str().unwrap()
                )
            })
            .unwrap()
    };
    assert_eq!(
        skipped("FW Bao cao Phuong 16.msg"),
        "info|Bỏ qua tệp FW Bao cao Phuong 16.msg: thư Outlook (.msg) đã lưu, công cụ không mở thư. Hãy mở thư bằng Outlook, lưu tệp Excel đính kèm vào thư mục đầu vào rồi chạy lại."
    );
    assert_eq!(
        skipped("Phuong 5.xlsx - Shortcut.lnk"),
        "info|Bỏ qua tệp Phuong 5.xlsx - Shortcut.lnk: lối tắt (shortcut) của Windows, chỉ trỏ tới một tệp ở nơi khác, không phải chính tệp báo cáo. Hãy chép chính tệp báo cáo (không phải lối tắt) vào thư mục đầu vào rồi chạy lại."
    );
}
