//! A province's budget forms (tester DE): two plan columns that only the
//! stated %KH tell apart, a deficit written «âm 1.234», a «% DT» header,
//! and a commune whose money is in đồng under a «nghìn đồng» header.
//! Each batch is written here, consolidated with a small budget template
//! of the office's own, and read back from errors.json and Tổng hợp.

use crate::common::{read_findings, read_sheet, repo, tonghop};
use rust_xlsxwriter::Workbook;
use std::path::Path;

/// A cell of a commune's form: a number, a text, or nothing.
#[derive(Clone, Copy)]
enum Cell {
    N(f64),
    T(&'static str),
    E,
}
use Cell::{E, N, T};

/// The office's columns, as a province lists them (every list complete);
/// `percent_kh` adds a `"%KH" = [...]` line, or nothing.
fn columns(percent_kh: &str) -> String {
    format!(
        r#"[columns]
stt = ["stt", "tt"]
code = ["mã", "mã số"]
name = ["chỉ tiêu", "nội dung"]
unit = ["đvt", "đơn vị tính"]
note = ["ghi chú"]
KH = ["kế hoạch", "kh", "dự toán"]
TH = ["thực hiện", "th"]
LK = ["lũy kế", "lk"]
CK = ["cùng kỳ", "ck"]
percent = ["%", "tỷ lệ", "đạt", "so với", "so dự toán", "so kế hoạch"]
growth = ["tăng", "giảm"]
{percent_kh}
"#
    )
}

const CHECKS: &str = "\n[checks]\nmay_be_negative = [\"NS.03\"]\noutlier_min_peers = 4\n";

/// The budget template in `dir`: the office's own `[columns]`
/// (`own_columns`), else the default template's.
fn write_budget_template(dir: &Path, own_columns: Option<&str>) {
    std::fs::create_dir_all(dir).unwrap();
    let toml = match own_columns {
        Some(c) => format!(
            "title = \"TỔNG HỢP THU, CHI NGÂN SÁCH CẤP XÃ\"\noffice = \"ỦY BAN NHÂN DÂN TỈNH BÌNH SƠN\"\narea = \"tỉnh\"\nck_convention = \"ratio\"\n{c}{CHECKS}"
        ),
        None => {
            let default =
                std::fs::read_to_string(repo().join("templates/template.toml")).unwrap();
            format!("{default}{CHECKS}")
        }
    };
    std::fs::write(dir.join("template.toml"), toml).unwrap();
    std::fs::write(dir.join("groups.csv"), "group,name\nNS,Thu chi ngân sách\n").unwrap();
    std::fs::write(
        dir.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         NS.01,NS,Tổng thu ngân sách xã,triệu đồng,flow,ward,STC,\n\
         NS.02,NS,Tổng chi ngân sách xã,triệu đồng,flow,ward,STC,\n\
         NS.03,NS,Kết dư ngân sách xã,triệu đồng,flow,ward,STC,\n\
         NS.04,NS,Thu phí lệ phí,triệu đồng,flow,ward,STC,\n",
    )
    .unwrap();
    let mut agencies =
        String::from("code,kind,name,aliases,reports\nSTC,department,Sở Tài chính,STC,no\n");
    for (k, name) in [
        "Tân Phú",
        "Bình Minh",
        "Long Phước",
        "An Điền",
        "Mỹ Lợi",
        "Đông Hòa",
    ]
    .iter()
    .enumerate()
    {
        agencies.push_str(&format!("X0{},ward,Xã {name},UBND xã {name},yes\n", k + 1));
    }
    std::fs::write(dir.join("agencies.csv"), agencies).unwrap();
}

/// A commune's form, sheet «Biểu NS»: its name on row 1, the period on
/// row 3, `unit_note` (ĐVT) on row 6 over the last column, the header on
/// row 7 (STT | Mã số | Chỉ tiêu | `headers`…), the rows from row 8.
fn write_form(
    path: &Path,
    commune: &str,
    unit_note: Option<&str>,
    headers: &[&str],
    rows: &[(&str, &str, Vec<Cell>)],
) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Biểu NS").unwrap();
    ws.write_string(0, 0, format!("UBND XÃ {commune}")).unwrap();
    ws.write_string(2, 0, "BÁO CÁO THU CHI NGÂN SÁCH QUÝ II/2026")
        .unwrap();
    if let Some(note) = unit_note {
        ws.write_string(5, 2 + headers.len() as u16, note).unwrap();
    }
    for (c, label) in ["STT", "Mã số", "Chỉ tiêu"]
        .iter()
        .chain(headers)
        .enumerate()
    {
        ws.write_string(6, c as u16, *label).unwrap();
    }
    for (k, (code, name, cells)) in rows.iter().enumerate() {
        let r = 7 + k as u32;
        ws.write_number(r, 0, (k + 1) as f64).unwrap();
        ws.write_string(r, 1, *code).unwrap();
        ws.write_string(r, 2, *name).unwrap();
        for (j, cell) in cells.iter().enumerate() {
            let c = 3 + j as u16;
            match cell {
                N(v) => {
                    ws.write_number(r, c, *v).unwrap();
                }
                T(t) => {
                    ws.write_string(r, c, *t).unwrap();
                }
                E => {}
            }
        }
    }
    wb.save(path).unwrap();
}

/// `consolidate` of `dir` for 2026-Q2 with template `tpl` into `out`: the
/// findings.
fn consolidate(dir: &Path, tpl: &Path, out: &Path) -> Vec<serde_json::Value> {
    let output = tonghop()
        .arg("consolidate")
        .arg(dir)
        .args(["--period", "2026-Q2", "--out"])
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

/// `severity|code|unit|cell|indicator|column|expected|actual` of the
/// findings with one of `codes`, sorted.
fn listed(findings: &[serde_json::Value], codes: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = findings
        .iter()
        .filter(|f| codes.contains(&f["code"].as_str().unwrap_or_default()))
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

/// The message of the finding of `code` at `unit`'s `cell`.
fn message(findings: &[serde_json::Value], code: &str, unit: &str, cell: &str) -> String {
    findings
        .iter()
        .find(|f| f["code"] == code && f["unit"] == unit && f["cell"] == cell)
        .and_then(|f| f["message"].as_str())
        .unwrap_or_else(|| panic!("no {code} at {unit} {cell}"))
        .to_string()
}

/// The figure of indicator `code` in column `column` of Tổng hợp.
fn total(out: &Path, code: &str, column: &str) -> String {
    let sheet = read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let header = sheet
        .iter()
        .find(|r| r.iter().any(|c| c == "Mã") && r.iter().any(|c| c.starts_with("KH")))
        .expect("a header row naming KH");
    let at = header
        .iter()
        .position(|c| c.split('\n').next() == Some(column))
        .unwrap_or_else(|| panic!("no column {column}: {header:?}"));
    let row = sheet
        .iter()
        .find(|r| r.iter().any(|c| c == code))
        .unwrap_or_else(|| panic!("no row {code}"));
    row.get(at).cloned().unwrap_or_default()
}

const PROVINCE: &str = "Dự toán tỉnh giao năm 2026";
const COUNCIL: &str = "Dự toán HĐND xã giao năm 2026";
const TH: &str = "Thực hiện quý II/2026";
const LK: &str = "Lũy kế 6 tháng đầu năm 2026";

/// Two plan columns no word tells apart (the province's estimate, then
/// the commune council's): Tân Phú's «% so dự toán» are worked against
/// the council's on every row, so the council's is its KH, said in one
/// info, with no pct-mismatch and the council's plan in the totals. Near
/// misses: Bình Minh, the council's first, reads as before (the first
/// plan, one info that the second is not read); Long Phước's percents fit
/// neither plan, so its first plan stays the KH and the percents are
/// errors against it.
#[test]
fn two_plan_columns_the_stated_percents_say_which_is_kh() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_budget_template(&tpl, Some(&columns("")));
    let dir = tmp.path().join("batch");
    std::fs::create_dir_all(&dir).unwrap();
    let pct = "% so dự toán";
    // KH (province) | KH (council) | TH | LK | %: 600 / 1.200 = 50.
    write_form(
        &dir.join("tan phu.xlsx"),
        "TÂN PHÚ",
        None,
        &[PROVINCE, COUNCIL, TH, LK, pct],
        &[
            (
                "NS.01",
                "Tổng thu ngân sách xã",
                vec![N(1000.0), N(1200.0), N(300.0), N(600.0), N(50.0)],
            ),
            (
                "NS.02",
                "Tổng chi ngân sách xã",
                vec![N(800.0), N(900.0), N(200.0), N(450.0), N(50.0)],
            ),
            (
                "NS.04",
                "Thu phí lệ phí",
                vec![N(100.0), N(120.0), N(10.0), N(30.0), N(25.0)],
            ),
        ],
    );
    write_form(
        &dir.join("binh minh.xlsx"),
        "BÌNH MINH",
        None,
        &[COUNCIL, PROVINCE, TH, LK, pct],
        &[
            (
                "NS.01",
                "Tổng thu ngân sách xã",
                vec![N(1200.0), N(1000.0), N(300.0), N(600.0), N(50.0)],
            ),
            (
                "NS.02",
                "Tổng chi ngân sách xã",
                vec![N(900.0), N(800.0), N(200.0), N(450.0), N(50.0)],
            ),
            (
                "NS.04",
                "Thu phí lệ phí",
                vec![N(120.0), N(100.0), N(10.0), N(30.0), N(25.0)],
            ),
        ],
    );
    // 600 / 1.000 = 60 and 600 / 1.250 = 48: 70 fits neither.
    write_form(
        &dir.join("long phuoc.xlsx"),
        "LONG PHƯỚC",
        None,
        &[PROVINCE, COUNCIL, TH, LK, pct],
        &[
            (
                "NS.01",
                "Tổng thu ngân sách xã",
                vec![N(1000.0), N(1250.0), N(300.0), N(600.0), N(70.0)],
            ),
            (
                "NS.02",
                "Tổng chi ngân sách xã",
                vec![N(800.0), N(1000.0), N(200.0), N(400.0), N(70.0)],
            ),
            (
                "NS.04",
                "Thu phí lệ phí",
                vec![N(100.0), N(125.0), N(10.0), N(30.0), N(30.0)],
            ),
        ],
    );
    let out = tmp.path().join("out");
    let f = consolidate(&dir, &tpl, &out);
    assert_eq!(
        listed(&f, &["pct-mismatch", "pct-rounding", "column-ignored"]),
        [
            "error|pct-mismatch|X03|H8|NS.01|%KH|60|70",
            "error|pct-mismatch|X03|H9|NS.02|%KH|50|70",
            "info|column-ignored|X01|D7||||Dự toán tỉnh giao năm 2026",
            "info|column-ignored|X02|E7||||Dự toán tỉnh giao năm 2026",
            "info|column-ignored|X03|E7||||Dự toán HĐND xã giao năm 2026",
        ]
    );
    let said = message(&f, "column-ignored", "X01", "D7");
    assert!(
        said.contains("tỷ lệ % so kế hoạch (cột H) tính theo cột E «Dự toán HĐND xã giao năm 2026» (ô E7): ở 3/3 dòng"),
        "{said}"
    );
    // The totals take Tân Phú's council plan, the others' first plan.
    assert_eq!(total(&out, "NS.01", "KH"), "3400");
    assert_eq!(total(&out, "NS.02", "KH"), "2600");
    assert_eq!(total(&out, "NS.01", "LK"), "1800");
}

/// «âm 1.234» is −1.234: a kết dư (may be negative) is read and added
/// up; a fee (may not) is read and is the usual value-negative error.
/// «âm nhiều» is no figure: value-invalid as before.
#[test]
fn a_figure_written_am_is_a_negative_figure() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_budget_template(&tpl, Some(&columns("")));
    let dir = tmp.path().join("batch");
    std::fs::create_dir_all(&dir).unwrap();
    let headers = ["Dự toán năm 2026", TH, LK];
    write_form(
        &dir.join("tan phu.xlsx"),
        "TÂN PHÚ",
        None,
        &headers,
        &[
            (
                "NS.03",
                "Kết dư ngân sách xã",
                vec![E, T("âm 1.234"), N(-2000.0)],
            ),
            (
                "NS.04",
                "Thu phí lệ phí",
                vec![N(100.0), T("âm 5"), N(20.0)],
            ),
        ],
    );
    write_form(
        &dir.join("binh minh.xlsx"),
        "BÌNH MINH",
        None,
        &headers,
        &[
            ("NS.03", "Kết dư ngân sách xã", vec![E, N(300.0), N(500.0)]),
            (
                "NS.04",
                "Thu phí lệ phí",
                vec![N(100.0), T("âm nhiều"), N(20.0)],
            ),
        ],
    );
    let out = tmp.path().join("out");
    let f = consolidate(&dir, &tpl, &out);
    assert_eq!(
        listed(&f, &["value-invalid", "value-negative"]),
        [
            "error|value-invalid|X02|E9|NS.04|TH||âm nhiều",
            "error|value-negative|X01|E9|NS.04|TH|≥ 0|-5",
        ]
    );
    assert_eq!(total(&out, "NS.03", "TH"), "-934");
}

/// «% DT», «So DT (%)», «Tỷ lệ % so DT»: the percent of the budget's plan
/// (dự toán) with the default template's words, so a wrong one is a
/// pct-mismatch and a right one nothing. An office's own `[columns]`
/// decide: without such a `"%KH"` line the header is a column not read
/// (as before), with it the same errors.
#[test]
fn a_percent_of_dt_header_is_the_percent_of_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("batch");
    std::fs::create_dir_all(&dir).unwrap();
    for (file, commune, pct, stated) in [
        ("tan phu.xlsx", "TÂN PHÚ", "% DT", 99.99),
        ("binh minh.xlsx", "BÌNH MINH", "So DT (%)", 50.0),
        ("long phuoc.xlsx", "LONG PHƯỚC", "Tỷ lệ % so DT", 55.0),
    ] {
        write_form(
            &dir.join(file),
            commune,
            None,
            &["Dự toán năm 2026", TH, LK, pct],
            &[(
                "NS.01",
                "Tổng thu ngân sách xã",
                vec![N(1200.0), N(300.0), N(600.0), N(stated)],
            )],
        );
    }
    let errors = [
        "error|pct-mismatch|X01|G8|NS.01|%KH|50,00|99,99",
        "error|pct-mismatch|X03|G8|NS.01|%KH|50|55",
    ];
    let tpl = tmp.path().join("default");
    write_budget_template(&tpl, None);
    let f = consolidate(&dir, &tpl, &tmp.path().join("out-default"));
    assert_eq!(listed(&f, &["pct-mismatch", "column-ignored"]), errors);
    // The office's own columns, without «DT» among them: not read.
    let tpl = tmp.path().join("own");
    write_budget_template(&tpl, Some(&columns("")));
    let f = consolidate(&dir, &tpl, &tmp.path().join("out-own"));
    assert_eq!(
        listed(&f, &["pct-mismatch", "column-ignored"]),
        [
            "info|column-ignored|X01|G7||||% DT",
            "info|column-ignored|X02|G7||||So DT (%)",
            "info|column-ignored|X03|G7||||Tỷ lệ % so DT",
        ]
    );
    // … and with the phrases listed as the default template does.
    let tpl = tmp.path().join("own-dt");
    write_budget_template(
        &tpl,
        Some(&columns(r#""%KH" = ["% dt", "so dt %", "tỷ lệ % so dt"]"#)),
    );
    let f = consolidate(&dir, &tpl, &tmp.path().join("out-own-dt"));
    assert_eq!(listed(&f, &["pct-mismatch", "column-ignored"]), errors);
}

/// An Điền's header says «nghìn đồng» but its figures are in đồng (a
/// thousand times everyone's once converted): each money row is a
/// unit-mismatch error saying the header's unit does not fit, and the
/// warning that the figures were converted from nghìn đồng is not said
/// beside it. Near miss: Mỹ Lợi's «nghìn đồng» figures are in nghìn
/// đồng: converted, one warning, no error.
#[test]
fn figures_in_dong_under_a_nghin_dong_header_blame_the_header() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_budget_template(&tpl, Some(&columns("")));
    let dir = tmp.path().join("batch");
    std::fs::create_dir_all(&dir).unwrap();
    let headers = ["Dự toán năm 2026", TH, LK];
    let rows = |scale: f64, k: f64| -> Vec<(&'static str, &'static str, Vec<Cell>)> {
        vec![
            (
                "NS.01",
                "Tổng thu ngân sách xã",
                vec![
                    N(1000.0 * k * scale),
                    N(300.0 * k * scale),
                    N(600.0 * k * scale),
                ],
            ),
            (
                "NS.02",
                "Tổng chi ngân sách xã",
                vec![
                    N(900.0 * k * scale),
                    N(250.0 * k * scale),
                    N(500.0 * k * scale),
                ],
            ),
        ]
    };
    let communes = [
        ("tan phu.xlsx", "TÂN PHÚ", 1.0),
        ("binh minh.xlsx", "BÌNH MINH", 1.1),
        ("long phuoc.xlsx", "LONG PHƯỚC", 0.9),
        ("dong hoa.xlsx", "ĐÔNG HÒA", 1.2),
    ];
    for (file, commune, k) in communes {
        write_form(
            &dir.join(file),
            commune,
            Some("ĐVT: triệu đồng"),
            &headers,
            &rows(1.0, k),
        );
    }
    write_form(
        &dir.join("an dien.xlsx"),
        "AN ĐIỀN",
        Some("Đơn vị tính: nghìn đồng"),
        &headers,
        &rows(1e6, 1.0),
    );
    write_form(
        &dir.join("my loi.xlsx"),
        "MỸ LỢI",
        Some("Đơn vị tính: nghìn đồng"),
        &headers,
        &rows(1e3, 1.05),
    );
    let out = tmp.path().join("out");
    let f = consolidate(&dir, &tpl, &out);
    assert_eq!(
        listed(&f, &["unit-mismatch"]),
        [
            "error|unit-mismatch|X04|D8|||triệu đồng|đồng",
            "warning|unit-mismatch|X05|F6|||triệu đồng|nghìn đồng",
        ]
    );
    let said = message(&f, "unit-mismatch", "X04", "D8");
    assert!(
        said.contains("tiêu đề (ô F6) ghi đơn vị «nghìn đồng» và số liệu đã được quy đổi theo đó, nhưng cả biểu nhiều khả năng tính bằng đồng, không phải «nghìn đồng»"),
        "{said}"
    );
    assert!(!said.contains("chứ không phải triệu đồng"), "{said}");
}

/// A balance that changed sign (kết dư this year, bội chi last year): no
/// %CK in Tổng hợp (the province's LK −20 against CK 90), and a
/// commune's %CK across the change (LK −100, CK 50) is not judged. Near
/// misses: a commune's balance of one sign keeps its check (80 / 40 is
/// 200, not 150), and the revenue's %CK is worked as ever.
#[test]
fn no_percent_of_last_year_across_a_change_of_sign() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_budget_template(&tpl, Some(&columns("")));
    let dir = tmp.path().join("batch");
    std::fs::create_dir_all(&dir).unwrap();
    let headers = [TH, LK, "Cùng kỳ năm 2025", "% so cùng kỳ"];
    write_form(
        &dir.join("tan phu.xlsx"),
        "TÂN PHÚ",
        None,
        &headers,
        &[
            (
                "NS.01",
                "Tổng thu ngân sách xã",
                vec![N(300.0), N(600.0), N(500.0), N(120.0)],
            ),
            (
                "NS.03",
                "Kết dư ngân sách xã",
                vec![N(-40.0), N(-100.0), N(50.0), N(999.0)],
            ),
        ],
    );
    write_form(
        &dir.join("binh minh.xlsx"),
        "BÌNH MINH",
        None,
        &headers,
        &[
            (
                "NS.01",
                "Tổng thu ngân sách xã",
                vec![N(200.0), N(400.0), N(500.0), N(80.0)],
            ),
            (
                "NS.03",
                "Kết dư ngân sách xã",
                vec![N(30.0), N(80.0), N(40.0), N(150.0)],
            ),
        ],
    );
    let out = tmp.path().join("out");
    let f = consolidate(&dir, &tpl, &out);
    assert_eq!(
        listed(&f, &["pct-mismatch", "pct-rounding"]),
        ["error|pct-mismatch|X02|G9|NS.03|%CK|200|150"]
    );
    assert_eq!(total(&out, "NS.03", "LK"), "-20");
    assert_eq!(total(&out, "NS.03", "CK"), "90");
    assert_eq!(total(&out, "NS.03", "%CK"), "");
    assert_eq!(total(&out, "NS.01", "%CK"), "100");
}
