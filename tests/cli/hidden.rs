//! What Excel hides: a hidden draft row or column gives way to the visible
//! one of the same meaning, a hidden row that names no indicator is told,
//! not an error, and a row hidden by a filter or a collapsed outline is
//! still the unit's figure. Cells formatted and left empty far out on the
//! sheet do not make it too large to read.

use crate::checks::write_template;
use crate::common::read_sheet;
use crate::trust::{listed, run};
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

/// A row: code, name, figures (TH, LK; `None` blank), hidden or not.
type Row<'a> = (&'a str, &'a str, [Option<f64>; 2], bool);

/// Writes Phường 1's third-quarter file: the header on row 6 (STT | Mã số
/// | Chỉ tiêu | ĐVT | `columns`…), the rows from row 7, each figure
/// written under every column in `columns` that `figure_cols` maps it to,
/// and `hidden_cols` hidden.
fn write_book(path: &Path, columns: &[&str], rows: &[Row], hidden_cols: &[u16]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Biểu 1").unwrap();
    ws.write_string(0, 0, "UBND PHƯỜNG 1").unwrap();
    ws.write_string(2, 0, "BIỂU SỐ LIỆU QUÝ III/2020").unwrap();
    for (c, label) in ["STT", "Mã số", "Chỉ tiêu", "ĐVT"]
        .iter()
        .chain(columns.iter())
        .enumerate()
    {
        ws.write_string(5, c as u16, *label).unwrap();
    }
    for (k, (code, name, figures, hidden)) in rows.iter().enumerate() {
        let r = 6 + k as u32;
        ws.write_number(r, 0, (k + 1) as f64).unwrap();
        ws.write_string(r, 1, *code).unwrap();
        ws.write_string(r, 2, *name).unwrap();
        ws.write_string(r, 3, "hồ sơ").unwrap();
        for (j, _) in columns.iter().enumerate() {
            if let Some(v) = figures.get(j % 2).copied().flatten() {
                ws.write_number(r, 4 + j as u16, v).unwrap();
            }
        }
        if *hidden {
            ws.set_row_hidden(r).unwrap();
        }
    }
    for c in hidden_cols {
        ws.set_column_hidden(*c).unwrap();
    }
    wb.save(path).unwrap();
}

/// Phường 1's figure of `code` in `column` in Chi tiết theo đơn vị.
fn figure(out: &Path, code: &str, column: &str) -> String {
    let detail = read_sheet(&out.join("tong-hop.xlsx"), "Chi tiết theo đơn vị");
    let col = detail[0].iter().position(|h| h == "Phường 1").unwrap();
    detail
        .iter()
        .find(|r| r[0] == code && r[3] == column)
        .map(|r| r[col].clone())
        .unwrap()
}

fn consolidate(
    tmp: &Path,
    name: &str,
    rows: &[Row],
    columns: &[&str],
    hidden_cols: &[u16],
) -> (Vec<serde_json::Value>, std::path::PathBuf) {
    let tpl = tmp.join("tpl");
    write_template(&tpl, "");
    let dir = tmp.join(format!("in-{name}"));
    std::fs::create_dir_all(&dir).unwrap();
    write_book(&dir.join("phuong-1.xlsx"), columns, rows, hidden_cols);
    let out = tmp.join(format!("out-{name}"));
    let f = run(&dir, &out, &tpl, "2020-Q3");
    (f, out)
}

const TH_LK: [&str; 2] = ["Thực hiện quý III", "Lũy kế 9 tháng"];
const CODES: [&str; 5] = [
    "indicator-repeated",
    "indicator-unknown",
    "sum-mismatch",
    "relation-violated",
    "column-ignored",
];

/// A draft HC02 row hidden above the visible one: the visible row's 100
/// is the unit's figure (no sum-mismatch against its parts), and the
/// hidden row is an info at its own cell. Hidden below the visible row,
/// the same. Near-miss: both rows visible, the first is read and the
/// second is the `indicator-repeated` warning, as before.
#[test]
fn a_hidden_draft_row_gives_way_to_the_visible_one() {
    let tmp = tempfile::tempdir().unwrap();
    let hc02 = "Hồ sơ thủ tục hành chính đã giải quyết";
    let parts: [Row; 2] = [
        (
            "HC03",
            "Trong đó: giải quyết đúng hạn",
            [Some(90.0), Some(280.0)],
            false,
        ),
        (
            "HC04",
            "Trong đó: giải quyết trễ hạn",
            [Some(10.0), Some(20.0)],
            false,
        ),
    ];
    let draft: Row = ("HC02", hc02, [Some(662.0), Some(900.0)], true);
    let shown: Row = ("HC02", hc02, [Some(100.0), Some(300.0)], false);

    let (f, out) = consolidate(
        tmp.path(),
        "above",
        &[draft, shown, parts[0], parts[1]],
        &TH_LK,
        &[],
    );
    assert_eq!(
        listed(&f, &CODES),
        ["info|indicator-repeated|P01|C7|HC02|||"]
    );
    let message = f
        .iter()
        .find(|x| x["code"] == "indicator-repeated")
        .and_then(|x| x["message"].as_str())
        .unwrap();
    assert!(
        message.contains("dòng 7 đang bị ẩn") && message.contains("dòng 8"),
        "{message}"
    );
    assert_eq!(figure(&out, "HC02", "TH"), "100");
    assert_eq!(figure(&out, "HC02", "LK"), "300");

    let (f, out) = consolidate(
        tmp.path(),
        "below",
        &[shown, parts[0], parts[1], draft],
        &TH_LK,
        &[],
    );
    assert_eq!(
        listed(&f, &CODES),
        ["info|indicator-repeated|P01|C10|HC02|||"]
    );
    assert_eq!(figure(&out, "HC02", "TH"), "100");

    let visible = (draft.0, draft.1, draft.2, false);
    let (f, out) = consolidate(
        tmp.path(),
        "both",
        &[visible, shown, parts[0], parts[1]],
        &TH_LK,
        &[],
    );
    assert_eq!(
        listed(&f, &CODES),
        [
            "error|sum-mismatch|P01|E7|HC02|TH|HC02 == HC03 + HC04|662",
            "error|sum-mismatch|P01|F7|HC02|LK|HC02 == HC03 + HC04|900",
            "warning|indicator-repeated|P01|C8|HC02|||",
        ]
    );
    assert_eq!(figure(&out, "HC02", "TH"), "662");
}

/// A row hidden by a filter or in a collapsed outline that is no
/// repetition is the unit's figure: its wrong sum is still found. A
/// hidden row that names no indicator is an info (a clerk's note); the
/// same row visible is the `indicator-unknown` error.
#[test]
fn a_hidden_row_is_read_unless_another_row_says_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let rows: [Row; 4] = [
        (
            "HC02",
            "Hồ sơ thủ tục hành chính đã giải quyết",
            [Some(100.0), Some(300.0)],
            false,
        ),
        (
            "HC03",
            "Trong đó: giải quyết đúng hạn",
            [Some(90.0), Some(280.0)],
            true,
        ),
        (
            "HC04",
            "Trong đó: giải quyết trễ hạn",
            [Some(5.0), Some(20.0)],
            true,
        ),
        (
            "",
            "Ghi nhớ: số hồ sơ theo phần mềm (không báo cáo)",
            [Some(97.0), None],
            true,
        ),
    ];
    let (f, out) = consolidate(tmp.path(), "hidden", &rows, &TH_LK, &[]);
    assert_eq!(
        listed(&f, &CODES),
        [
            "error|sum-mismatch|P01|E7|HC02|TH|HC02 == HC03 + HC04|100",
            "info|indicator-unknown|P01|C10||||Ghi nhớ: số hồ sơ theo phần mềm (không báo cáo)",
        ]
    );
    assert_eq!(figure(&out, "HC04", "TH"), "5");
    let mut shown = rows;
    shown[3].3 = false;
    let (f, _) = consolidate(tmp.path(), "shown", &shown, &TH_LK, &[]);
    assert!(
        listed(&f, &CODES).contains(
            &"error|indicator-unknown|P01|C10||||Ghi nhớ: số hồ sơ theo phần mềm (không báo cáo)"
                .to_string()
        ),
        "{:?}",
        listed(&f, &CODES)
    );
}

/// An old TH column hidden before the visible one: the visible column is
/// read, the hidden one is a `column-ignored` info saying it is hidden.
/// Near-miss: both visible, the first is read and the second's info
/// names the column that holds TH, not a header that says nothing.
#[test]
fn a_hidden_column_gives_way_to_the_visible_one() {
    let tmp = tempfile::tempdir().unwrap();
    let columns = ["Thực hiện quý III (số cũ)", "Thực hiện quý III"];
    let rows: [Row; 3] = [
        (
            "HC02",
            "Hồ sơ thủ tục hành chính đã giải quyết",
            [Some(50.0), Some(100.0)],
            false,
        ),
        (
            "HC03",
            "Trong đó: giải quyết đúng hạn",
            [Some(45.0), Some(90.0)],
            false,
        ),
        (
            "HC04",
            "Trong đó: giải quyết trễ hạn",
            [Some(5.0), Some(10.0)],
            false,
        ),
    ];
    let (f, out) = consolidate(tmp.path(), "hidden", &rows, &columns, &[4]);
    assert_eq!(
        listed(&f, &CODES),
        ["info|column-ignored|P01|E6||||Thực hiện quý III (số cũ)"]
    );
    let message = f
        .iter()
        .find(|x| x["code"] == "column-ignored")
        .and_then(|x| x["message"].as_str())
        .unwrap();
    assert!(
        message.contains("đang bị ẩn") && message.contains("(ô F6) cũng là cột TH"),
        "{message}"
    );
    assert_eq!(figure(&out, "HC02", "TH"), "100");

    let (f, out) = consolidate(tmp.path(), "shown", &rows, &columns, &[]);
    assert_eq!(
        listed(&f, &CODES),
        ["info|column-ignored|P01|F6||||Thực hiện quý III"]
    );
    let message = f
        .iter()
        .find(|x| x["code"] == "column-ignored")
        .and_then(|x| x["message"].as_str())
        .unwrap();
    assert!(
        message.contains("(ô E6) đứng trước đã là cột TH"),
        "{message}"
    );
    assert_eq!(figure(&out, "HC02", "TH"), "50");
}

/// One cell formatted and left empty at J1048576, and a stray mark in
/// XFD2 over rows formatted down to 150,000: the filled area is small,
/// the files are read. Values at A1 and XFD1048576 are still refused
/// (`tests/cli/ingest.rs`).
#[test]
fn formatted_empty_cells_far_out_do_not_make_a_sheet_too_large() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let rows: [Row; 3] = [
        (
            "HC02",
            "Hồ sơ thủ tục hành chính đã giải quyết",
            [Some(100.0), Some(300.0)],
            false,
        ),
        (
            "HC03",
            "Trong đó: giải quyết đúng hạn",
            [Some(90.0), Some(280.0)],
            false,
        ),
        (
            "HC04",
            "Trong đó: giải quyết trễ hạn",
            [Some(5.0), Some(20.0)],
            false,
        ),
    ];
    write_book(&dir.join("phuong-1.xlsx"), &TH_LK, &rows, &[]);
    // Phường 2's: the same, with the formatted cells.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Biểu 1").unwrap();
    ws.write_string(0, 0, "UBND PHƯỜNG 2").unwrap();
    ws.write_string(1, 16_383, "x").unwrap();
    ws.write_string(2, 0, "BIỂU SỐ LIỆU QUÝ III/2020").unwrap();
    for (c, label) in ["STT", "Mã số", "Chỉ tiêu", "ĐVT", TH_LK[0], TH_LK[1]]
        .iter()
        .enumerate()
    {
        ws.write_string(5, c as u16, *label).unwrap();
    }
    for (k, (code, name, figures, _)) in rows.iter().enumerate() {
        let r = 6 + k as u32;
        ws.write_string(r, 1, *code).unwrap();
        ws.write_string(r, 2, *name).unwrap();
        ws.write_number(r, 4, figures[0].unwrap() + 1.0).unwrap();
    }
    let grey = Format::new().set_background_color("#DDDDDD");
    for r in 20..150_000 {
        ws.write_blank(r, 0, &grey).unwrap();
    }
    ws.write_blank(1_048_575, 9, &grey).unwrap();
    wb.save(dir.join("phuong-2.xlsx")).unwrap();
    let out = tmp.path().join("out");
    let f = run(&dir, &out, &tpl, "2020-Q3");
    assert_eq!(listed(&f, &["file-unreadable"]), Vec::<String>::new());
    let detail = read_sheet(&out.join("tong-hop.xlsx"), "Chi tiết theo đơn vị");
    let col = detail[0].iter().position(|h| h == "Phường 2").unwrap();
    let th = detail
        .iter()
        .find(|r| r[0] == "HC02" && r[3] == "TH")
        .unwrap();
    assert_eq!(th[col], "101");
    assert_eq!(figure(&out, "HC02", "TH"), "100");
}

/// The same rule on an `.xls` and an `.ods` (fixtures made by
/// LibreOffice): the hidden draft HC02 row and the hidden old TH column
/// give way to the visible ones.
#[test]
fn hidden_rows_and_columns_of_an_xls_and_an_ods() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    for ext in ["xls", "ods"] {
        let dir = tmp.path().join(format!("in-{ext}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(
            crate::common::repo().join(format!("tests/fixtures/hidden-draft.{ext}")),
            dir.join(format!("phuong-1.{ext}")),
        )
        .unwrap();
        let out = tmp.path().join(format!("out-{ext}"));
        let f = run(&dir, &out, &tpl, "2020-Q3");
        assert_eq!(
            listed(&f, &CODES),
            [
                "info|column-ignored|P01|E6||||Thực hiện quý III (số cũ)",
                "info|indicator-repeated|P01|C7|HC02|||",
            ],
            "{ext}"
        );
        assert_eq!(figure(&out, "HC02", "TH"), "100", "{ext}");
        assert_eq!(figure(&out, "HC02", "LK"), "300", "{ext}");
    }
}

/// The rows whose `<row>` element says `hidden="1"` in the part of the
/// sheet `index` (1-based, in workbook order) of an `.xlsx`, 1-based.
fn hidden_rows(xlsx: &Path, index: usize) -> Vec<u32> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{index}.xml"))
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml.split("<row ")
        .skip(1)
        .filter_map(|tag| {
            let tag = &tag[..tag.find('>').unwrap()];
            let r = tag.split("r=\"").nth(1)?.split('"').next()?.parse().ok()?;
            tag.contains("hidden=\"1\"").then_some(r)
        })
        .collect()
}

/// The feedback workbook re-rendered from an `.xls` or an `.ods` keeps
/// what the unit hid: its scratch sheet «Nháp» stays hidden (and is not
/// the one it opens on), the note rows 11-12 below its table stay hidden,
/// and a hidden column stays hidden (the draft fixture's old TH, E). The
/// near miss: the rows and sheets it shows stay shown. Before, every sheet
/// and row of the copy was shown.
#[test]
fn a_rerendered_feedback_keeps_the_units_hidden_sheets_rows_and_columns() {
    use calamine::{open_workbook_auto, Reader, SheetVisible};
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    for (fixture, ext) in [
        ("hidden-sheet", "xls"),
        ("hidden-sheet", "ods"),
        ("hidden-draft", "xls"),
    ] {
        let dir = tmp.path().join(format!("in-{fixture}-{ext}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(
            crate::common::repo().join(format!("tests/fixtures/{fixture}.{ext}")),
            dir.join(format!("phuong-1.{ext}")),
        )
        .unwrap();
        let out = tmp.path().join(format!("out-{fixture}-{ext}"));
        let f = run(&dir, &out, &tpl, "2020-Q3");
        let feedback = out.join("phan-hoi/P01.xlsx");
        assert!(feedback.exists(), "{fixture}.{ext}: {f:?}");
        let wb = open_workbook_auto(&feedback).unwrap();
        let sheets: Vec<_> = wb
            .sheets_metadata()
            .iter()
            .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
            .collect();
        if fixture == "hidden-sheet" {
            assert_eq!(
                sheets,
                [
                    ("Lỗi".to_string(), true),
                    ("Biểu 1".to_string(), true),
                    ("Nháp".to_string(), false),
                ],
                "{ext}"
            );
            assert_eq!(hidden_rows(&feedback, 2), [11, 12], "{ext}");
            assert_eq!(hidden_rows(&feedback, 3), Vec::<u32>::new(), "{ext}");
        } else {
            assert!(sheets.iter().all(|(_, shown)| *shown), "{sheets:?}");
            // The draft HC02 row 7 and the old TH column E.
            assert_eq!(hidden_rows(&feedback, 2), [7]);
            let mut zip = zip::ZipArchive::new(std::fs::File::open(&feedback).unwrap()).unwrap();
            let mut xml = String::new();
            std::io::Read::read_to_string(
                &mut zip.by_name("xl/worksheets/sheet2.xml").unwrap(),
                &mut xml,
            )
            .unwrap();
            let col_e = xml
                .split("<col ")
                .skip(1)
                .map(|tag| &tag[..tag.find('>').unwrap()])
                .find(|tag| tag.starts_with(r#"min="5" max="5""#))
                .unwrap_or_default();
            assert!(col_e.contains(r#"hidden="1""#), "{xml}");
        }
    }
}
