//! An indicator broken down two ways (by sex: `LD01 == LD02 + LD03`; by
//! age: `LD01 == LD04 + LD05`), as a labour report is (tester CD's Sở Nội
//! vụ batch): a first quarter's LK typed wrong where TH and both
//! breakdowns agree is one error at the LK, marking the whole's totals and
//! not the parts'; a part typed wrong keeps its sum-mismatch; a unit that
//! leaves its age parts blank makes no warning on the consolidated whole,
//! in any column: the footnote, one line for the age rows, says it.

use crate::common::{cell_style, read_findings, read_sheet, repo, tonghop};
use rust_xlsxwriter::Workbook;
use std::path::Path;

fn write_template(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let toml = std::fs::read_to_string(repo().join("templates/template.toml")).unwrap();
    std::fs::write(dir.join("template.toml"), toml).unwrap();
    std::fs::write(dir.join("groups.csv"), "group,name\nLD,Lao động\n").unwrap();
    std::fs::write(
        dir.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         LD01,LD,Số lao động được giải quyết việc làm,người,flow,ward,DEP,LD01 == LD02 + LD03\n\
         LD02,LD,Nam,người,flow,ward,DEP,\n\
         LD03,LD,Nữ,người,flow,ward,DEP,\n\
         LD04,LD,Dưới 30 tuổi,người,flow,ward,DEP,LD01 == LD04 + LD05\n\
         LD05,LD,Từ 30 tuổi trở lên,người,flow,ward,DEP,\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("agencies.csv"),
        "code,kind,name,aliases,reports,exempt\n\
         DEP,department,Phòng Nội vụ,P.NV,no,\n\
         XA,ward,Xã Cát Tiên,,yes,\n\
         XB,ward,Xã Tân Lập,,yes,\n\
         XC,ward,Xã Mỹ Lợi,,yes,\n",
    )
    .unwrap();
}

const NAMES: [(&str, &str); 5] = [
    ("LD01", "Số lao động được giải quyết việc làm"),
    ("LD02", "Nam"),
    ("LD03", "Nữ"),
    ("LD04", "Dưới 30 tuổi"),
    ("LD05", "Từ 30 tuổi trở lên"),
];

/// A commune's first-quarter form: TH | LK | CK from column E, the rows
/// LD01…LD05 from row 7 (LD01 at E7); `None` leaves the cell blank.
fn write_unit(path: &Path, title: &str, figures: [[Option<f64>; 3]; 5]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Biểu 1").unwrap();
    ws.write_string(0, 0, title).unwrap();
    ws.write_string(2, 0, "BIỂU SỐ LIỆU QUÝ I/2026").unwrap();
    for (c, h) in [
        "STT",
        "Mã số",
        "Chỉ tiêu",
        "ĐVT",
        "Thực hiện quý I",
        "Lũy kế 3 tháng",
        "Cùng kỳ năm trước",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(5, c as u16, *h).unwrap();
    }
    for (k, ((code, name), row)) in NAMES.iter().zip(figures).enumerate() {
        let r = 6 + k as u32;
        ws.write_number(r, 0, (k + 1) as f64).unwrap();
        ws.write_string(r, 1, *code).unwrap();
        ws.write_string(r, 2, *name).unwrap();
        ws.write_string(r, 3, "người").unwrap();
        for (j, v) in row.iter().enumerate() {
            if let Some(v) = v {
                ws.write_number(r, 4 + j as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

/// A row with TH, LK, CK.
fn r(th: f64, lk: f64, ck: f64) -> [Option<f64>; 3] {
    [Some(th), Some(lk), Some(ck)]
}

fn run(dir: &Path, out: &Path, tpl: &Path) -> Vec<serde_json::Value> {
    let output = tonghop()
        .arg("consolidate")
        .arg(dir)
        .args(["--period", "2026-Q1", "--out"])
        .arg(out)
        .arg("--template")
        .arg(tpl)
        .output()
        .unwrap();
    let code = output.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "exit {code}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    read_findings(&out.join("errors.json"))
}

/// `severity|code|unit|cell|indicator|column|expected|actual` of every
/// finding but `info` and the commune that sent nothing, sorted.
fn listed(findings: &[serde_json::Value]) -> Vec<String> {
    let mut v: Vec<String> = findings
        .iter()
        .filter(|f| f["severity"] != "info" && f["code"] != "submission-missing")
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            [
                "severity",
                "code",
                "unit",
                "cell",
                "indicator",
                "column",
                "expected",
                "actual",
            ]
            .map(s)
            .join("|")
        })
        .collect();
    v.sort();
    v
}

/// Whether cell `a1` of Tổng hợp is marked (a finding's bold border).
fn marked(book: &Path, a1: &str) -> bool {
    cell_style(book, "xl/worksheets/sheet1.xml", a1)
        .border
        .contains("medium")
}

/// The 1-based row of indicator `code` on a sheet read by `read_sheet`.
fn row_of(sheet: &[Vec<String>], code: &str) -> usize {
    1 + sheet
        .iter()
        .position(|r| r.first().is_some_and(|c| c == code))
        .unwrap_or_else(|| panic!("{code}: {sheet:?}"))
}

/// Xã Cát Tiên's LD01 LK typed 56 where its TH is 46, Nam 22 + Nữ 24 = 46
/// and the ages 17 + 29 = 46: one error at F7 that asks for 46, not three,
/// and Tổng hợp marks LD01's LK total, not its TH nor the parts'. The
/// near miss: Xã Tân Lập's Nữ LK typed 34 where 24 keeps its sum-mismatch
/// (and its own LK = TH) and marks the parts.
#[test]
fn a_first_quarter_lk_its_th_and_breakdowns_contradict_is_one_error() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let right = |lk01: f64, lk03: f64| {
        [
            [Some(46.0), Some(lk01), Some(40.0)],
            r(22.0, 22.0, 20.0),
            [Some(24.0), Some(lk03), Some(20.0)],
            r(17.0, 17.0, 15.0),
            r(29.0, 29.0, 25.0),
        ]
    };
    write_unit(
        &dir.join("cat-tien.xlsx"),
        "UBND XÃ CÁT TIÊN",
        right(56.0, 24.0),
    );
    write_unit(
        &dir.join("my-loi.xlsx"),
        "UBND XÃ MỸ LỢI",
        right(46.0, 24.0),
    );
    let out = tmp.path().join("out");
    let f = run(&dir, &out, &tpl);
    assert_eq!(
        listed(&f),
        ["error|cumulative-mismatch|XA|F7|LD01|LK|46|56"],
        "{f:#?}"
    );
    let message = f
        .iter()
        .find(|x| x["code"] == "cumulative-mismatch")
        .and_then(|x| x["message"].as_str())
        .unwrap_or_default();
    assert_eq!(
        message,
        "Xã Cát Tiên: LD01 Số lao động được giải quyết việc làm: LK 56 phải bằng TH 46 trong quý I (lũy kế từ đầu năm là chính quý I), và các phần của chỉ tiêu cũng cộng lại bằng 46 (LD02 «Nam» 22 + LD03 «Nữ» 24; LD04 «Dưới 30 tuổi» 17 + LD05 «Từ 30 tuổi trở lên» 29): số LK 56 sai. Hãy sửa LK thành 46."
    );
    let book = out.join("tong-hop.xlsx");
    let sheet = read_sheet(&book, "Tổng hợp");
    let ld01 = row_of(&sheet, "LD01");
    assert_eq!(sheet[ld01 - 1][4..7], ["92", "102", "80"], "{sheet:?}");
    // The whole's LK and its %CK; not its TH, not the parts.
    assert!(marked(&book, &format!("F{ld01}")));
    assert!(marked(&book, &format!("I{ld01}")));
    assert!(!marked(&book, &format!("E{ld01}")));
    for code in ["LD02", "LD03", "LD04", "LD05"] {
        let k = row_of(&sheet, code);
        for col in ["E", "F", "I"] {
            assert!(!marked(&book, &format!("{col}{k}")), "{code} {col}");
        }
    }

    // The near miss: a part typed wrong.
    std::fs::remove_file(dir.join("cat-tien.xlsx")).unwrap();
    write_unit(
        &dir.join("tan-lap.xlsx"),
        "UBND XÃ TÂN LẬP",
        right(46.0, 34.0),
    );
    let out = tmp.path().join("out2");
    let f = run(&dir, &out, &tpl);
    assert_eq!(
        listed(&f),
        [
            "error|cumulative-mismatch|XB|F9|LD03|LK|LK = TH|34",
            "error|sum-mismatch|XB|F7|LD01|LK|LD01 == LD02 + LD03|46",
        ],
        "{f:#?}"
    );
    let book = out.join("tong-hop.xlsx");
    let sheet = read_sheet(&book, "Tổng hợp");
    for code in ["LD02", "LD03"] {
        assert!(
            marked(&book, &format!("F{}", row_of(&sheet, code))),
            "{code}"
        );
    }
}

/// Xã Tân Lập and Xã Mỹ Lợi state LD01 and leave their age rows blank:
/// the age totals are short of them (marked (*), one footnote line for
/// both rows and every column), and the consolidated LD01 against them is
/// no warning in TH, LK or CK. The near miss: Xã Cát Tiên's own ages that
/// do not add up are still its error.
#[test]
fn a_whole_against_parts_the_footnote_explains_is_no_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let blank_ages = [
        r(46.0, 46.0, 40.0),
        r(22.0, 22.0, 20.0),
        r(24.0, 24.0, 20.0),
        [None; 3],
        [None; 3],
    ];
    write_unit(&dir.join("tan-lap.xlsx"), "UBND XÃ TÂN LẬP", blank_ages);
    write_unit(&dir.join("my-loi.xlsx"), "UBND XÃ MỸ LỢI", blank_ages);
    write_unit(
        &dir.join("cat-tien.xlsx"),
        "UBND XÃ CÁT TIÊN",
        [
            r(46.0, 46.0, 40.0),
            r(22.0, 22.0, 20.0),
            r(24.0, 24.0, 20.0),
            r(17.0, 17.0, 15.0),
            r(29.0, 29.0, 25.0),
        ],
    );
    let out = tmp.path().join("out");
    let f = run(&dir, &out, &tpl);
    let warned: Vec<String> = listed(&f)
        .into_iter()
        .filter(|l| l.contains("sum-mismatch"))
        .collect();
    assert!(warned.is_empty(), "{warned:?}");
    let book = out.join("tong-hop.xlsx");
    let sheet = read_sheet(&book, "Tổng hợp");
    let ld01 = row_of(&sheet, "LD01");
    assert_eq!(sheet[ld01 - 1][4..7], ["138", "138", "120"]);
    for col in ["E", "F", "G"] {
        assert!(!marked(&book, &format!("{col}{ld01}")), "{col}");
    }
    let lines: Vec<&str> = sheet
        .iter()
        .filter_map(|r| r.first().map(String::as_str))
        .filter(|t| t.starts_with("- "))
        .collect();
    assert_eq!(
        lines,
        ["- LD04 Dưới 30 tuổi, LD05 Từ 30 tuổi trở lên (cột TH, LK, CK, %CK): chưa gồm số của 2 đơn vị: Xã Tân Lập, Xã Mỹ Lợi."]
    );

    // The near miss: a unit's own ages off its whole.
    write_unit(
        &dir.join("cat-tien.xlsx"),
        "UBND XÃ CÁT TIÊN",
        [
            r(46.0, 46.0, 40.0),
            r(22.0, 22.0, 20.0),
            r(24.0, 24.0, 20.0),
            r(17.0, 17.0, 15.0),
            r(29.0, 29.0, 20.0),
        ],
    );
    let out = tmp.path().join("out2");
    let f = run(&dir, &out, &tpl);
    assert_eq!(
        listed(&f)
            .into_iter()
            .filter(|l| l.contains("sum-mismatch"))
            .collect::<Vec<_>>(),
        ["error|sum-mismatch|XA|G7|LD01|CK|LD01 == LD04 + LD05|40"]
    );
}
