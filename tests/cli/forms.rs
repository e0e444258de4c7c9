//! `tonghop template`: the forms the units fill. Read back with calamine
//! (titles, codes, formulas, the stamp) for the built-in and the province
//! template; then a round trip through a real spreadsheet program: the 33
//! forms of the sample district filled with the figures of a clean sample
//! batch (their cells edited in the sheet XML, as a clerk types them),
//! recalculated and saved by LibreOffice, consolidated with exactly those
//! figures and no finding; a second batch with two slips gets exactly
//! their findings; a form of another template version is
//! `template-outdated`, one unit's form sent as another's is named.
//!
//! The LibreOffice part converts every file it needs in two runs of
//! `soffice` (one to recalculate, one to print), shared by the tests.

use crate::common::{read_findings, read_sheet, repo, tonghop, zip_part};
use crate::office;
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tonghop::model::{Period, ValueColumn};
use tonghop::report::errors::FIELDS;
use tonghop::report::form::{form_cell, value_col, FormCell};
use tonghop::samples::district::StatedFile;
use tonghop::samples::template_batch::stated_figures;
use tonghop::template::{AgencyKind, Template};
use tonghop::text::slug;

const PERIOD: &str = "2020-Q1";
const FIGURES: &str = "Biểu số liệu";
const TASKS: &str = "Nhiệm vụ";
const SEED: u64 = 2020;

fn q1() -> Period {
    PERIOD.parse().unwrap()
}

fn province_dir() -> PathBuf {
    repo().join("templates/province")
}

/// `tonghop template` into `out`, with more arguments; its output.
fn template(out: &Path, args: &[&str]) -> std::process::Output {
    tonghop()
        .args(["template", "--out"])
        .arg(out)
        .args(args)
        .output()
        .unwrap()
}

fn generate(out: &Path, args: &[&str]) {
    let o = template(out, args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Every cell's formula of a sheet, by A1 reference.
fn formulas(path: &Path, sheet: &str) -> HashMap<String, String> {
    use calamine::{open_workbook_auto, Reader};
    let mut wb = open_workbook_auto(path).unwrap();
    let f = wb.worksheet_formula(sheet).unwrap();
    let (r0, c0) = f.start().unwrap_or((0, 0));
    f.used_cells()
        .filter(|(_, _, s)| !s.is_empty())
        .map(|(r, c, s)| {
            (
                tonghop::diagnostic::a1(r0 + r as u32, c0 + c as u32),
                s.clone(),
            )
        })
        .collect()
}

/// The sheets of a workbook with their visibility.
fn sheets(path: &Path) -> Vec<(String, bool)> {
    use calamine::{open_workbook_auto, Reader, SheetVisible};
    let wb = open_workbook_auto(path).unwrap();
    wb.sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect()
}

/// The 0-based sheet row of each indicator code on a form's figures
/// sheet, and the header row.
fn rows_of(path: &Path) -> (u32, BTreeMap<String, u32>) {
    let grid = read_sheet(path, FIGURES);
    let header = grid.iter().position(|r| r[0] == "Mã số").unwrap() as u32;
    let rows = grid
        .iter()
        .enumerate()
        .skip(header as usize + 1)
        // An indicator row has its code and its name (the signature row
        // under the table has neither a code nor a name beside it).
        .filter(|(_, r)| !r[0].is_empty() && !r[1].is_empty())
        .map(|(k, r)| (r[0].clone(), k as u32))
        .collect();
    (header, rows)
}

/// "Wrote 2 forms …: 1 wards, 1 department": one unit is said in the
/// singular in English; two stay plural (the near miss).
#[test]
fn the_english_summary_counts_one_ward_in_the_singular() {
    let tmp = tempfile::tempdir().unwrap();
    for (units, out, said) in [
        (["P05", "P.KT"], "one", "1 ward, 1 department"),
        (["P05", "P06"], "two", "2 wards"),
    ] {
        let out = tmp.path().join(out);
        let o = template(
            &out,
            &[
                "--period", PERIOD, "--lang", "en", "--unit", units[0], "--unit", units[1],
            ],
        );
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(
            String::from_utf8_lossy(&o.stdout).trim(),
            format!(
                "Wrote 2 forms for Q1 2020 (template version 2020.1) in {}: {said}.",
                out.display()
            )
        );
    }
}

#[test]
fn the_default_templates_forms_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("forms");
    let o = template(&out, &["--period", PERIOD]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        format!(
            "Đã tạo 33 biểu mẫu Quý I/2020 (mẫu phiên bản 2020.1) trong {}: 16 phường, 17 cơ quan, đơn vị.",
            out.display()
        )
    );
    let t = Template::builtin().unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> = t
        .agencies
        .iter()
        .filter(|a| a.reports)
        .map(|a| format!("{}-{}-2020-Q1.xlsx", a.code, slug(&a.name)))
        .collect();
    want.sort();
    assert_eq!(names, want);
    assert!(names.contains(&"P05-phuong-5-2020-Q1.xlsx".to_string()));

    // A ward: its title rows, the header, its indicators in catalog order
    // under their sections, the formulas, the stamp.
    let p05 = out.join("P05-phuong-5-2020-Q1.xlsx");
    assert_eq!(
        sheets(&p05),
        [
            (FIGURES.to_string(), true),
            ("Hướng dẫn".to_string(), true),
            ("tonghop".to_string(), false)
        ]
    );
    let grid = read_sheet(&p05, FIGURES);
    assert_eq!(grid[0][0], "UBND PHƯỜNG 5");
    assert_eq!(grid[2][0], "BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ I/2020");
    let (header, rows) = rows_of(&p05);
    assert_eq!(
        grid[header as usize],
        [
            "Mã số",
            "Chỉ tiêu",
            "ĐVT",
            "Kế hoạch năm 2020",
            "Thực hiện quý I/2020",
            "Lũy kế từ đầu năm",
            "Cùng kỳ năm 2019",
            "% so với KH",
            "Tăng, giảm so với cùng kỳ (%)",
            "Ghi chú"
        ]
    );
    assert_eq!(grid[header as usize + 1][1], "I. KINH TẾ");
    let p05_index = t.agency_index("P05").unwrap();
    let must: Vec<&str> = (0..t.indicators.len())
        .filter(|&i| t.must_report(p05_index, i))
        .map(|i| t.indicators[i].code.as_str())
        .collect();
    let mut on_form: Vec<(&u32, &str)> = rows.iter().map(|(c, r)| (r, c.as_str())).collect();
    on_form.sort();
    let on_form: Vec<&str> = on_form.into_iter().map(|(_, c)| c).collect();
    assert_eq!(on_form.len(), must.len());
    let mut sorted = on_form.clone();
    sorted.sort_unstable();
    let mut must_sorted = must.clone();
    must_sorted.sort_unstable();
    assert_eq!(sorted, must_sorted);
    let hc = |code: &str| rows[code] + 1;
    let f = formulas(&p05, FIGURES);
    let (hc02, hc03) = (hc("HC02"), hc("HC03"));
    assert_eq!(
        f[&format!("F{hc02}")],
        format!("IF(E{hc02}=\"\",\"\",E{hc02})")
    );
    assert!(f[&format!("H{hc02}")].contains(&format!("F{hc02}/D{hc02}*100")));
    assert!(f[&format!("I{hc02}")].contains(&format!("F{hc02}/G{hc02}*100-100")));
    assert!(f[&format!("E{}", hc("HC05"))].contains(&format!("((E{hc03}/E{hc02})*100)")));
    assert!(!f.contains_key(&format!("D{hc02}")) && !f.contains_key(&format!("E{hc02}")));
    // Inputs unlocked, the sheet protected without a password, the stamp
    // sheet hidden and protected.
    let sheet1 = zip_part(&p05, "xl/worksheets/sheet1.xml").unwrap();
    assert!(sheet1.contains("<sheetProtection") && !sheet1.contains("password"));
    assert!(
        sheet1.contains("<dataValidation") && sheet1.contains("promptTitle=\"Thực hiện trong kỳ\"")
    );
    let styles = zip_part(&p05, "xl/styles.xml").unwrap();
    assert!(styles.contains("locked=\"0\""));
    assert!(zip_part(&p05, "xl/workbook.xml")
        .unwrap()
        .contains("state=\"hidden\""));
    assert!(zip_part(&p05, "xl/worksheets/sheet3.xml")
        .unwrap()
        .contains("<sheetProtection"));
    let stamp = read_sheet(&p05, "tonghop");
    assert_eq!(
        stamp
            .iter()
            .map(|r| (r[0].as_str(), r[1].as_str()))
            .collect::<Vec<_>>(),
        [
            ("tonghop-form", "1"),
            ("template_version", "2020.1"),
            ("unit", "P05"),
            ("unit_name", "Phường 5"),
            ("period", "2020-Q1"),
            ("template_office", "ỦY BAN NHÂN DÂN QUẬN"),
            ("template_title", "BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI")
        ]
    );
    // Signed under the table: the place and date, who made it and the
    // head of the unit, each with what the signature takes.
    let grid = read_sheet(&p05, FIGURES);
    let signed: Vec<&String> = grid
        .iter()
        .rev()
        .take(3)
        .rev()
        .flatten()
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        signed,
        [
            "……………, ngày …… tháng …… năm 2020",
            "NGƯỜI LẬP BIỂU",
            "THỦ TRƯỞNG ĐƠN VỊ",
            "(Ký, ghi rõ họ tên)",
            "(Ký tên, đóng dấu)"
        ]
    );
    let help = read_sheet(&p05, "Hướng dẫn");
    assert_eq!(help[0][0], "HƯỚNG DẪN ĐIỀN BIỂU MẪU");
    let command = help
        .iter()
        .position(|r| r[0] == "tonghop check P05-phuong-5-2020-Q1.xlsx --period 2020-Q1")
        .expect("the check command");
    // The command prints on one line, unwrapped (a tester's broke inside
    // «--template»), in the sheet's 12 pt when it fits.
    let sheet = zip_part(&p05, "xl/worksheets/sheet2.xml").unwrap();
    let cell = regex::Regex::new(&format!(r#"<c r="A{}" s="(\d+)""#, command + 1))
        .unwrap()
        .captures(&sheet)
        .map(|c| c[1].parse::<usize>().unwrap())
        .expect("the command cell's style");
    let styles = zip_part(&p05, "xl/styles.xml").unwrap();
    let xfs = styles.split("<cellXfs").nth(1).unwrap();
    let xf = xfs.split("<xf ").nth(cell + 1).unwrap();
    assert!(
        !xf.split("</xf>")
            .next()
            .unwrap()
            .contains(r#"wrapText="1""#),
        "{xf}"
    );

    // A department: its letterhead, its own indicators, the task sheet
    // with the annex's headers and drop-downs.
    let tckh = out.join("P.TCKH-phong-tai-chinh-ke-hoach-2020-Q1.xlsx");
    assert_eq!(
        sheets(&tckh)
            .iter()
            .map(|s| s.0.as_str())
            .collect::<Vec<_>>(),
        [FIGURES, TASKS, "Hướng dẫn", "tonghop"]
    );
    let grid = read_sheet(&tckh, FIGURES);
    assert_eq!(
        (grid[0][0].as_str(), grid[1][0].as_str()),
        ("UBND QUẬN", "PHÒNG TÀI CHÍNH - KẾ HOẠCH")
    );
    let (_, rows) = rows_of(&tckh);
    assert_eq!(
        rows.keys().map(String::as_str).collect::<Vec<_>>(),
        ["DT00", "DT01", "DT02", "DT03", "DT04", "NS01", "NS02", "NS03"]
    );
    let tasks = read_sheet(&tckh, TASKS);
    let th = tasks.iter().position(|r| r[0] == "TT").unwrap();
    assert_eq!(
        tasks[th],
        [
            "TT",
            "Nội dung",
            "Tiến độ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Lĩnh vực"
        ]
    );
    assert!(tasks
        .iter()
        .any(|r| r[0] == "ĐĂNG KÝ NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2020"));
    let lists = read_sheet(&tckh, "tonghop");
    let column = |k: usize| -> Vec<&str> {
        lists
            .iter()
            .map(|r| r[k].as_str())
            .filter(|s| !s.is_empty())
            .collect()
    };
    assert!(column(3).contains(&"Phòng TC-KH") && column(3).contains(&"UBND 16 phường"));
    assert_eq!(column(4).len(), 5);
    let sheet2 = zip_part(&tckh, "xl/worksheets/sheet2.xml").unwrap();
    assert!(sheet2.contains("tonghop!$D$1:$D$"), "the agency drop-down");
    assert!(sheet2.contains("insertRows=\"0\""), "rows may be inserted");
    // Wards get no task sheet; a department with no indicator an empty
    // table, but still its tasks.
    let nv = out.join("P.NV-phong-noi-vu-2020-Q1.xlsx");
    assert!(rows_of(&nv).1.is_empty());
    assert!(sheets(&nv).iter().any(|s| s.0 == TASKS));
}

#[test]
fn the_province_templates_forms_use_its_own_words_and_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("forms");
    let dir = province_dir();
    let o = template(
        &out,
        &["--period", "2026-Q1", "--template", dir.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout)
        .contains("48 biểu mẫu Quý I/2026 (mẫu phiên bản 2026.1)"));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("40 xã, phường, đặc khu và 8 cơ quan, đơn vị")
    );
    for (file, head) in [
        ("X01-xa-tan-phu-2026-Q1.xlsx", vec!["UBND XÃ TÂN PHÚ"]),
        (
            "DK01-dac-khu-hon-ngoc-2026-Q1.xlsx",
            vec!["UBND ĐẶC KHU HÒN NGỌC"],
        ),
        (
            "P01-phuong-binh-minh-2026-Q1.xlsx",
            vec!["UBND PHƯỜNG BÌNH MINH"],
        ),
        (
            "STC-so-tai-chinh-2026-Q1.xlsx",
            vec!["UBND TỈNH NAM SƠN", "SỞ TÀI CHÍNH"],
        ),
    ] {
        let path = out.join(file);
        let grid = read_sheet(&path, FIGURES);
        for (k, line) in head.iter().enumerate() {
            assert_eq!(grid[k][0], *line, "{file}");
        }
        assert!(grid
            .iter()
            .any(|r| r[0] == "BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ I/2026"));
        let stamp = read_sheet(&path, "tonghop");
        assert_eq!(stamp[1][1], "2026.1");
    }
    let x01 = out.join("X01-xa-tan-phu-2026-Q1.xlsx");
    let (header, rows) = rows_of(&x01);
    let grid = read_sheet(&x01, FIGURES);
    // %CK as a ratio.
    assert_eq!(grid[header as usize][8], "% so với cùng kỳ");
    // Codes of any shape, a rate over codes in brackets.
    for code in ["KT.01", "KT.01.1", "AN.01.1", "AN.11", "5.1", "5.2", "5.3"] {
        assert!(rows.contains_key(code), "{code}");
    }
    let f = formulas(&x01, FIGURES);
    let (r1, r2) = (rows["5.1"] + 1, rows["5.2"] + 1);
    assert!(f[&format!("E{}", rows["5.3"] + 1)].contains(&format!("((E{r2}/E{r1})*100)")));
    assert!(f[&format!("I{r2}")].ends_with(&format!("ROUND(F{r2}/G{r2}*100,2),\"\"))")));
    let help = read_sheet(&x01, "Hướng dẫn");
    let text: String = help
        .iter()
        .map(|r| r[0].clone())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("biểu của xã, phường, đặc khu khác"), "{text}");
    assert!(text.contains("UBND tỉnh Nam Sơn tổng hợp"), "{text}");
    // A blank batch of the province consolidates with nothing to say but
    // that each form is blank.
    let report = tmp.path().join("out");
    let o = tonghop()
        .args(["consolidate"])
        .arg(&out)
        .args([
            "--period",
            "2026-Q1",
            "--template",
            dir.to_str().unwrap(),
            "--out",
        ])
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let findings = read_findings(&report.join("errors.json"));
    let blank = findings
        .iter()
        .filter(|f| f["code"] == "submission-missing" && f["file"] != "")
        .count();
    assert_eq!(blank, findings.len(), "{findings:?}");
    assert!(blank > 40, "{blank}");
}

#[test]
fn forms_are_refused_over_existing_ones_and_for_unknown_units() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("forms");
    generate(
        &out,
        &[
            "--period", PERIOD, "--unit", "P05", "P.TCKH", "--lang", "en",
        ],
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2);
    let p05 = out.join("P05-phuong-5-2020-Q1.xlsx");
    assert_eq!(
        sheets(&p05)
            .iter()
            .map(|s| s.0.as_str())
            .collect::<Vec<_>>(),
        ["Figures", "Instructions", "tonghop"]
    );
    // The headers stay the ones the consolidation reads.
    assert_eq!(read_sheet(&p05, "Figures")[5][4], "Thực hiện quý I/2020");
    // The check it suggests answers in English, as the form does.
    let instructions = read_sheet(&p05, "Instructions");
    assert!(
        instructions
            .iter()
            .any(|r| r[0] == "tonghop check P05-phuong-5-2020-Q1.xlsx --period 2020-Q1 --lang en"),
        "{instructions:?}"
    );
    let o = template(&out, &["--period", PERIOD, "--unit", "P05"]);
    assert_eq!(o.status.code(), Some(2));
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(said.contains("đã có") && said.contains("--force"), "{said}");
    generate(&out, &["--period", PERIOD, "--unit", "P05", "--force"]);
    let o = template(&out, &["--period", PERIOD, "--unit", "P17"]);
    assert_eq!(o.status.code(), Some(2));
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(
        said.contains("không có đơn vị P17 trong danh sách đơn vị (agencies.csv của mẫu biểu có sẵn); các mã có: VP, P.TCKH"),
        "{said}"
    );
    // A blank form is no report: `check` says so, and nothing else.
    let o = tonghop().arg("check").arg(&p05).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        said.contains("(biểu mẫu còn trống): coi như chưa nộp báo cáo")
            && said.contains("1 lỗi, 0 cảnh báo, 0 thông tin"),
        "{said}"
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("— Phường 5 — Quý I/2020"));
}

/// The LK column's input message names the period as a sentence writes
/// it, "quý III/2020", not a lower-cased label ("quý iii/2020").
#[test]
fn the_lk_input_message_keeps_the_periods_roman_numeral() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("forms");
    generate(&out, &["--period", "2020-Q3", "--unit", "P05"]);
    let sheet1 = zip_part(
        &out.join("P05-phuong-5-2020-Q3.xlsx"),
        "xl/worksheets/sheet1.xml",
    )
    .unwrap();
    assert!(
        sheet1.contains("Lũy kế từ 01/01 đến hết quý III/2020: lũy kế kỳ trước"),
        "{sheet1}"
    );
    assert!(!sheet1.contains("quý iii"), "{sheet1}");
}

/// A cell value to write into a form.
#[derive(Clone, Debug)]
pub(crate) enum Value {
    Num(f64),
    Text(String),
}

/// The part of each sheet of an .xlsx, by sheet name.
fn sheet_parts(path: &Path) -> HashMap<String, String> {
    use quick_xml::events::Event;
    let attr = |e: &quick_xml::events::BytesStart, name: &str| {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == name)
            .map(|a| a.value.to_string())
    };
    let mut ids = Vec::new();
    let wb = zip_part(path, "xl/workbook.xml").unwrap();
    let mut reader = quick_xml::Reader::from_str(&wb);
    loop {
        match reader.read_event().unwrap() {
            Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == "sheet" => {
                let name = attr(&e, "name").unwrap();
                let name = quick_xml::escape::unescape(&name).unwrap().into_owned();
                ids.push((name, attr(&e, "id").unwrap()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let rels = zip_part(path, "xl/_rels/workbook.xml.rels").unwrap();
    let mut targets = HashMap::new();
    let mut reader = quick_xml::Reader::from_str(&rels);
    loop {
        match reader.read_event().unwrap() {
            Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == "Relationship" => {
                let target = attr(&e, "Target").unwrap();
                let target = match target.strip_prefix('/') {
                    Some(abs) => abs.to_string(),
                    None => format!("xl/{target}"),
                };
                targets.insert(attr(&e, "Id").unwrap(), target);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    ids.into_iter()
        .map(|(name, id)| (name, targets[&id].clone()))
        .collect()
}

/// A sheet part with some cells' values replaced: every cell named must
/// be in the part (the forms write every input cell).
fn rewrite_sheet(xml: &[u8], cells: &HashMap<String, Value>) -> Vec<u8> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut w = quick_xml::Writer::new(Vec::with_capacity(xml.len() + 4096));
    let mut done = 0;
    loop {
        let ev = reader.read_event().unwrap();
        let target = match &ev {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "c" => {
                let get = |name: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .map(|a| a.value.to_string())
                };
                get("r").filter(|r| cells.contains_key(r)).map(|r| {
                    (
                        r,
                        get("s"),
                        matches!(ev, Event::Start(_)),
                        e.name().as_ref().to_string(),
                    )
                })
            }
            _ => None,
        };
        if let Some((r, style, open, name)) = target {
            if open {
                reader.read_to_end(quick_xml::name::QName(&name)).unwrap();
            }
            let s = style.map(|s| format!(" s=\"{s}\"")).unwrap_or_default();
            let cell = match &cells[&r] {
                Value::Num(v) => format!("<c r=\"{r}\"{s}><v>{v}</v></c>"),
                Value::Text(t) => format!(
                    "<c r=\"{r}\"{s} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                    quick_xml::escape::escape(t.as_str())
                ),
            };
            w.get_mut().extend_from_slice(cell.as_bytes());
            done += 1;
            continue;
        }
        if matches!(ev, Event::Eof) {
            break;
        }
        w.write_event(ev).unwrap();
    }
    assert_eq!(done, cells.len(), "every cell to fill is in the sheet");
    w.into_inner()
}

/// A copy of `from` with cells of its sheets replaced: (sheet, A1, value).
pub(crate) fn fill(from: &Path, to: &Path, edits: &[(&str, String, Value)]) {
    use std::io::{Read, Write};
    let parts = sheet_parts(from);
    let mut by_part: HashMap<String, HashMap<String, Value>> = HashMap::new();
    for (sheet, cell, value) in edits {
        by_part
            .entry(parts[*sheet].clone())
            .or_default()
            .insert(cell.clone(), value.clone());
    }
    let mut zip = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut w = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..zip.len() {
        let mut member = zip.by_index(i).unwrap();
        let name = member.name().unwrap().to_string();
        let mut bytes = Vec::new();
        member.read_to_end(&mut bytes).unwrap();
        if let Some(cells) = by_part.get(&name) {
            bytes = rewrite_sheet(&bytes, cells);
        }
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(&bytes).unwrap();
    }
    w.finish().unwrap();
}

/// The clean sample batch's figures by unit code: (code of indicator,
/// [KH, TH, LK, CK, %KH, %CK]) as the sample workbooks state them.
/// A unit's figures: (indicator code, [KH, TH, LK, CK, %KH, %CK]).
type UnitFigures = Vec<(String, [Option<f64>; 6])>;

fn batch_figures(t: &Template) -> BTreeMap<String, UnitFigures> {
    let files: Vec<StatedFile> = stated_figures(t, q1(), SEED, true).unwrap();
    let mut out = BTreeMap::new();
    for a in t.agencies.iter().filter(|a| a.reports) {
        let name = format!("{}-{}.xlsx", a.code.to_lowercase(), slug(&a.name));
        let Some((_, _, lines)) = files.iter().find(|f| f.0 == name) else {
            panic!("{name} in the sample batch")
        };
        out.insert(
            a.code.clone(),
            lines.iter().map(|(c, _, v)| (c.clone(), *v)).collect(),
        );
    }
    out
}

/// The edits that type a unit's figures into its form: every input cell
/// for which the batch has a figure (LK only where it is not TH).
fn figure_edits(
    t: &Template,
    form: &Path,
    figures: &[(String, [Option<f64>; 6])],
) -> Vec<(&'static str, String, Value)> {
    let (_, rows) = rows_of(form);
    let index: HashMap<usize, u32> = rows
        .iter()
        .map(|(c, r)| (t.indicator_index(c).unwrap(), *r))
        .collect();
    let mut out = Vec::new();
    for (code, values) in figures {
        let i = t.indicator_index(code).unwrap();
        for c in ValueColumn::QUANTITIES {
            let Some(v) = values[c.index()] else { continue };
            let cell = form_cell(t, q1(), &index, i, c);
            let typed = match cell {
                FormCell::Input => true,
                // LK = TH unless the unit says otherwise.
                FormCell::Formula {
                    overridable: true, ..
                } => values[ValueColumn::Th.index()] != Some(v),
                _ => false,
            };
            if typed {
                out.push((
                    FIGURES,
                    tonghop::diagnostic::a1(index[&i], u32::from(value_col(c))),
                    Value::Num(v),
                ));
            }
        }
    }
    out
}

/// Tasks typed into the departments' task sheets: (unit, [content,
/// deadline, lead, coordinating, field]).
const TASKS_TYPED: [(&str, [&str; 5]); 4] = [
    (
        "P.TCKH",
        [
            "Rà soát, đôn đốc các khoản thu ngân sách nhà nước trên địa bàn",
            "Tháng 5/2020",
            "Phòng TC-KH",
            "Chi cục Thuế quận, UBND 16 phường",
            "",
        ],
    ),
    (
        "P.TCKH",
        [
            "Thẩm định dự toán sửa chữa các trường mầm non công lập",
            "Quý II/2020",
            "Phòng TC-KH",
            "Phòng GD-ĐT",
            "Văn hóa - xã hội",
        ],
    ),
    (
        "P.QLDT",
        [
            "Kiểm tra trật tự xây dựng trên các tuyến đường chính",
            "Thường xuyên",
            "Phòng QLĐT",
            "UBND 16 phường",
            "Quản lý đô thị - đầu tư xây dựng cơ bản",
        ],
    ),
    (
        "CAQ",
        [
            "Tuần tra, kiểm soát bảo đảm trật tự an toàn giao thông dịp lễ",
            "Tháng 4/2020",
            "Công an quận",
            "",
            "",
        ],
    ),
];

/// The files of the round trip, made once for every test that needs them.
struct RoundTrip {
    /// The 33 forms as `tonghop template` wrote them.
    blank: PathBuf,
    /// The batches to consolidate, recalculated by LibreOffice.
    clean: PathBuf,
    slips: PathBuf,
    outdated: PathBuf,
    swapped: PathBuf,
    /// The departments' recalculated forms, for `tonghop annex`.
    departments: PathBuf,
    /// The blank forms printed to PDF, by file name.
    pdfs: BTreeMap<String, PathBuf>,
    /// What was typed: unit → (indicator → [KH, TH, LK, CK, %KH, %CK]).
    figures: BTreeMap<String, UnitFigures>,
    /// The slips: (file, A1, what the cell said before) for P03's %KH of
    /// DO01, and P07's YT11a TH typed above YT11.
    pct_slip: (String, String, f64, f64),
    part_slip: (String, u32),
}

fn round_trip() -> Option<&'static RoundTrip> {
    static TRIP: OnceLock<Option<RoundTrip>> = OnceLock::new();
    TRIP.get_or_init(|| {
        if office::skip() {
            return None;
        }
        Some(make_round_trip())
    })
    .as_ref()
}

fn copy_dir(from: &Path, to: &Path, except: &[&str]) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if !except.contains(&name.as_str()) {
            std::fs::copy(e.path(), to.join(&name)).unwrap();
        }
    }
}

fn make_round_trip() -> RoundTrip {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("forms-round-trip");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let t = Template::builtin().unwrap();
    let blank = root.join("blank");
    generate(&blank, &["--period", PERIOD]);
    // A form of last year's template version, for P11.
    let old_template = root.join("template-2019");
    std::fs::create_dir_all(&old_template).unwrap();
    for f in ["indicators.csv", "groups.csv", "agencies.csv"] {
        std::fs::copy(repo().join("templates").join(f), old_template.join(f)).unwrap();
    }
    let toml = std::fs::read_to_string(repo().join("templates/template.toml")).unwrap();
    std::fs::write(
        old_template.join("template.toml"),
        toml.replace("version = \"2020.1\"", "version = \"2019.1\""),
    )
    .unwrap();
    let old = root.join("old");
    generate(
        &old,
        &[
            "--period",
            PERIOD,
            "--unit",
            "P11",
            "--template",
            old_template.to_str().unwrap(),
        ],
    );

    // Type the figures (and the departments' tasks) into every form.
    let figures = batch_figures(&t);
    let typed = root.join("typed");
    std::fs::create_dir_all(&typed).unwrap();
    let mut to_convert = Vec::new();
    for a in t.agencies.iter().filter(|a| a.reports) {
        let file = format!("{}-{}-2020-Q1.xlsx", a.code, slug(&a.name));
        let form = blank.join(&file);
        let mut edits = figure_edits(&t, &form, &figures[&a.code]);
        let header = if a.kind == AgencyKind::Ward {
            None
        } else {
            read_sheet(&form, TASKS).iter().position(|r| r[0] == "TT")
        };
        if let Some(h) = header {
            let mine: Vec<&[&str; 5]> = TASKS_TYPED
                .iter()
                .filter(|(u, _)| *u == a.code)
                .map(|(_, x)| x)
                .collect();
            for (k, task) in mine.iter().enumerate() {
                for (c, text) in task.iter().enumerate() {
                    if !text.is_empty() {
                        edits.push((
                            TASKS,
                            tonghop::diagnostic::a1((h + 1 + k) as u32, c as u32 + 1),
                            Value::Text(text.to_string()),
                        ));
                    }
                }
            }
        }
        fill(&form, &typed.join(&file), &edits);
        to_convert.push(typed.join(&file));
    }
    // The slips, in copies: P03 typed over its %KH of DO01 (after
    // unprotecting the sheet), P07 wrote YT11a above YT11.
    let slips_in = root.join("slips-in");
    std::fs::create_dir_all(&slips_in).unwrap();
    let p03 = "P03-phuong-3-2020-Q1.xlsx";
    let (_, rows) = rows_of(&blank.join(p03));
    let get = |u: &str, code: &str, c: ValueColumn| {
        figures[u]
            .iter()
            .find(|(x, _)| x == code)
            .and_then(|(_, v)| v[c.index()])
            .unwrap()
    };
    let right =
        (get("P03", "DO01", ValueColumn::Lk) / get("P03", "DO01", ValueColumn::Kh) * 100.0 * 100.0)
            .round()
            / 100.0;
    let typed_over = right + 12.34;
    let pct_cell = tonghop::diagnostic::a1(rows["DO01"], u32::from(value_col(ValueColumn::PctKh)));
    let mut edits = figure_edits(&t, &blank.join(p03), &figures["P03"]);
    edits.push((FIGURES, pct_cell.clone(), Value::Num(typed_over)));
    fill(&blank.join(p03), &slips_in.join(p03), &edits);
    let p07 = "P07-phuong-7-2020-Q1.xlsx";
    let (_, rows) = rows_of(&blank.join(p07));
    let yt11 = get("P07", "YT11", ValueColumn::Th);
    let mut edits: Vec<_> = figure_edits(&t, &blank.join(p07), &figures["P07"])
        .into_iter()
        .filter(|(_, cell, _)| {
            *cell != tonghop::diagnostic::a1(rows["YT11a"], u32::from(value_col(ValueColumn::Th)))
        })
        .collect();
    edits.push((
        FIGURES,
        tonghop::diagnostic::a1(rows["YT11a"], u32::from(value_col(ValueColumn::Th))),
        Value::Num(yt11 + 1.0),
    ));
    fill(&blank.join(p07), &slips_in.join(p07), &edits);
    // P11's figures in the old form.
    let p11 = "P11-phuong-11-2020-Q1.xlsx";
    fill(
        &old.join(p11),
        &slips_in.join(format!("old-{p11}")),
        &figure_edits(&t, &old.join(p11), &figures["P11"]),
    );
    // Distinct names for one conversion.
    for f in [p03, p07] {
        std::fs::rename(slips_in.join(f), slips_in.join(format!("slip-{f}"))).unwrap();
        to_convert.push(slips_in.join(format!("slip-{f}")));
    }
    to_convert.push(slips_in.join(format!("old-{p11}")));

    // LibreOffice recalculates every formula and saves as a clerk's
    // Excel would; it prints the blank forms.
    let recalculated = root.join("recalculated");
    office::convert_all(&to_convert, "xlsx:Calc MS Excel 2007 XML", &recalculated);
    let mut blanks: Vec<PathBuf> = std::fs::read_dir(&blank)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    blanks.sort();
    let printed = office::convert_all(&blanks, "pdf", &root.join("pdf"));
    let pdfs = blanks
        .iter()
        .zip(printed)
        .map(|(b, p)| (b.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect();

    let extra = |n: &str| !n.starts_with("slip-") && !n.starts_with("old-");
    let clean = root.join("clean");
    std::fs::create_dir_all(&clean).unwrap();
    for e in std::fs::read_dir(&recalculated).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if extra(&name) {
            std::fs::copy(e.path(), clean.join(&name)).unwrap();
        }
    }
    let slips = root.join("slips");
    copy_dir(&clean, &slips, &[p03, p07]);
    for f in [p03, p07] {
        std::fs::copy(recalculated.join(format!("slip-{f}")), slips.join(f)).unwrap();
    }
    let outdated = root.join("outdated");
    copy_dir(&clean, &outdated, &[p11]);
    std::fs::copy(recalculated.join(format!("old-{p11}")), outdated.join(p11)).unwrap();
    // P12's form sent again as P13's (by its file name), and with its
    // title retyped as P13's under a neutral name.
    let swapped = root.join("swapped");
    copy_dir(&clean, &swapped, &[]);
    std::fs::create_dir_all(swapped.join("resent")).unwrap();
    let p12 = clean.join("P12-phuong-12-2020-Q1.xlsx");
    std::fs::copy(&p12, swapped.join("resent/P13-phuong-13-2020-Q1.xlsx")).unwrap();
    fill(
        &p12,
        &swapped.join("resent/bao-cao-quy-1.xlsx"),
        &[(
            FIGURES,
            "A1".to_string(),
            Value::Text("UBND PHƯỜNG 13".into()),
        )],
    );
    let departments = root.join("departments");
    std::fs::create_dir_all(&departments).unwrap();
    for a in t
        .agencies
        .iter()
        .filter(|a| a.reports && a.kind != AgencyKind::Ward)
    {
        let file = format!("{}-{}-2020-Q1.xlsx", a.code, slug(&a.name));
        std::fs::copy(clean.join(&file), departments.join(&file)).unwrap();
    }
    RoundTrip {
        blank,
        clean,
        slips,
        outdated,
        swapped,
        departments,
        pdfs,
        figures,
        pct_slip: (p03.to_string(), pct_cell, right, typed_over),
        part_slip: (p07.to_string(), rows["YT11a"]),
    }
}

fn consolidate(dir: &Path, out: &Path) -> Vec<serde_json::Value> {
    let o = tonghop()
        .arg("consolidate")
        .arg(dir)
        .args(["--period", PERIOD, "--out"])
        .arg(out)
        .output()
        .unwrap();
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    read_findings(&out.join("errors.json"))
}

/// A finding in short: severity, code, unit, file, sheet, cell,
/// indicator, column.
fn short(f: &serde_json::Value) -> String {
    FIELDS[..8]
        .iter()
        .map(|k| f[*k].as_str().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("|")
}

#[test]
fn filled_forms_recalculated_by_libreoffice_consolidate_to_their_figures_with_no_finding() {
    let Some(trip) = round_trip() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let findings = consolidate(&trip.clean, &out);
    let loud: Vec<String> = findings
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(short)
        .collect();
    assert!(loud.is_empty(), "{loud:#?}");
    assert!(
        findings.is_empty(),
        "{:#?}",
        findings.iter().map(short).collect::<Vec<_>>()
    );
    let t = Template::builtin().unwrap();
    // The totals: the wards' sums, the departments' own district figures.
    let mut ward_sum: BTreeMap<(String, usize), f64> = BTreeMap::new();
    let mut dept: BTreeMap<(String, usize), f64> = BTreeMap::new();
    for (unit, lines) in &trip.figures {
        let ward = t.agency(unit).unwrap().kind == AgencyKind::Ward;
        for (code, values) in lines {
            for (k, v) in values.iter().enumerate().take(4) {
                let Some(v) = v else { continue };
                let target = if ward { &mut ward_sum } else { &mut dept };
                *target.entry((code.clone(), k)).or_default() += v;
            }
        }
    }
    let book = out.join("tong-hop.xlsx");
    let summary = read_sheet(&book, "Tổng hợp");
    let row = |code: &str| summary.iter().find(|r| r[0] == code).unwrap();
    let compared = crate::common::compare_totals(&summary, &t, &ward_sum, &dept);
    // Every total of KH, TH, LK and CK that has figures (the others have
    // none in the batch either).
    assert_eq!(compared, 267);
    // Rates from the summed operands.
    let th = |code: &str| row(code)[4].parse::<f64>().unwrap();
    assert!((th("HC05") - th("HC03") / th("HC02") * 100.0).abs() < 1e-9);
    // Each unit's figure as typed (TH) and as LibreOffice computed it (LK
    // = TH), in Chi tiết.
    let detail = read_sheet(&book, "Chi tiết theo đơn vị");
    let header = &detail[0];
    let mut seen = 0;
    for (unit, lines) in &trip.figures {
        let name = &t.agency(unit).unwrap().name;
        let Some(col) = header.iter().position(|h| h == name) else {
            panic!("{name} in Chi tiết: {header:?}")
        };
        for (code, values) in lines {
            for (c, label) in [(ValueColumn::Th, "TH"), (ValueColumn::Lk, "LK")] {
                let Some(want) = values[c.index()] else {
                    continue;
                };
                let r = detail
                    .iter()
                    .find(|r| r[0] == *code && r[3] == label)
                    .unwrap_or_else(|| panic!("{code} {label}"));
                let got: f64 = r[col].parse().unwrap_or(f64::NAN);
                assert!(
                    (got - want).abs() < 1e-9,
                    "{unit} {code} {label}: {want} / {got}"
                );
                seen += 1;
            }
        }
    }
    assert_eq!(seen, 2238);
}

#[test]
fn two_slips_in_filled_forms_get_exactly_their_findings() {
    let Some(trip) = round_trip() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let findings = consolidate(&trip.slips, &tmp.path().join("out"));
    let (p03, cell, right, typed) = &trip.pct_slip;
    let (p07, yt11a) = &trip.part_slip;
    // YT11 is the row above YT11a; its TH and LK (= TH, recomputed by
    // LibreOffice) no longer add up. The totals are not flagged again: a
    // unit's own error holds its figure back from the totals' checks.
    let yt11 = |c: ValueColumn| tonghop::diagnostic::a1(yt11a - 1, u32::from(value_col(c)));
    let got: Vec<String> = findings.iter().map(short).collect();
    let want = vec![
        format!("error|pct-mismatch|P03|{p03}|{FIGURES}|{cell}|DO01|%KH"),
        format!(
            "error|sum-mismatch|P07|{p07}|{FIGURES}|{}|YT11|TH",
            yt11(ValueColumn::Th)
        ),
        format!(
            "error|sum-mismatch|P07|{p07}|{FIGURES}|{}|YT11|LK",
            yt11(ValueColumn::Lk)
        ),
    ];
    assert_eq!(got, want, "{findings:#?}");
    let sums: Vec<&str> = findings[1..]
        .iter()
        .map(|f| f["expected"].as_str().unwrap())
        .collect();
    assert_eq!(sums, ["YT11 == YT11a + YT11b"; 2]);
    let pct = findings
        .iter()
        .find(|f| f["code"] == "pct-mismatch")
        .unwrap();
    let vi = |v: f64| format!("{v:.2}").replace('.', ",");
    assert_eq!(pct["expected"], vi(*right));
    assert_eq!(pct["actual"], vi(*typed));
}

#[test]
fn a_form_of_another_template_version_is_template_outdated() {
    let Some(trip) = round_trip() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let findings = consolidate(&trip.outdated, &out);
    let got: Vec<String> = findings.iter().map(short).collect();
    assert_eq!(
        got,
        [format!(
            "warning|template-outdated|P11|P11-phuong-11-2020-Q1.xlsx|{FIGURES}|||"
        )],
        "{findings:#?}"
    );
    let f = &findings[0];
    assert_eq!(
        (f["expected"].as_str(), f["actual"].as_str()),
        (Some("2020.1"), Some("2019.1"))
    );
    assert!(f["message"]
        .as_str()
        .unwrap()
        .contains("là biểu mẫu phiên bản 2019.1, nhưng mẫu biểu đang dùng là phiên bản 2020.1"));
    // Its figures are read all the same.
    let detail = read_sheet(&out.join("tong-hop.xlsx"), "Chi tiết theo đơn vị");
    let col = detail[0].iter().position(|h| h == "Phường 11").unwrap();
    let hc02 = detail
        .iter()
        .find(|r| r[0] == "HC02" && r[3] == "TH")
        .unwrap();
    let want = trip.figures["P11"]
        .iter()
        .find(|(c, _)| c == "HC02")
        .and_then(|(_, v)| v[1])
        .unwrap();
    assert_eq!(hc02[col].parse::<f64>().unwrap(), want);
    // `check` says the same to the clerk.
    let o = tonghop()
        .arg("check")
        .arg(trip.outdated.join("P11-phuong-11-2020-Q1.xlsx"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("nhưng mẫu biểu đang dùng là phiên bản"));
    // Near miss: the same unit's current form says nothing.
    let o = tonghop()
        .arg("check")
        .arg(trip.clean.join("P11-phuong-11-2020-Q1.xlsx"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stdout)
        .contains("Kết quả: không có lỗi (0 cảnh báo, 0 thông tin)"));
}

#[test]
fn a_form_sent_as_another_units_is_named_with_its_own_unit() {
    let Some(trip) = round_trip() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let findings = consolidate(&trip.swapped, &out);
    let got: Vec<String> = findings.iter().map(short).collect();
    // By its file name (no cell), and by its title retyped (A1).
    assert_eq!(
        got,
        [
            "error|file-unknown-unit||resent/P13-phuong-13-2020-Q1.xlsx||||".to_string(),
            format!("error|file-unknown-unit||resent/bao-cao-quy-1.xlsx|{FIGURES}|A1||"),
        ],
        "{findings:#?}"
    );
    for f in &findings {
        assert_eq!(
            (f["expected"].as_str(), f["actual"].as_str()),
            (Some("P12"), Some("P13"))
        );
        let m = f["message"].as_str().unwrap();
        assert!(
            m.contains("là biểu mẫu tạo cho Phường 12 (mã P12, ghi trong biểu)"),
            "{m}"
        );
        assert!(
            m.contains("Phường 13 (P13)") && m.contains("P13-phuong-13-2020-Q1.xlsx"),
            "{m}"
        );
    }
    assert!(findings[0]["message"]
        .as_str()
        .unwrap()
        .contains("tên tệp chỉ Phường 13"));
    assert!(findings[1]["message"]
        .as_str()
        .unwrap()
        .contains("tiêu đề của biểu ghi Phường 13"));
    // Neither copy is counted: P12 and P13 keep their own figures.
    let status = read_sheet(&out.join("tong-hop.xlsx"), "Tình trạng nộp");
    let line = |file: &str| {
        status
            .iter()
            .find(|r| r.iter().any(|c| c == file))
            .unwrap()
            .clone()
    };
    assert!(line("resent/P13-phuong-13-2020-Q1.xlsx")
        .iter()
        .any(|c| c == "biểu mẫu của P12 gửi dưới tên P13; số liệu không được tổng hợp"));
    assert!(line("P13-phuong-13-2020-Q1.xlsx")
        .iter()
        .any(|c| c == "đã nộp"));
    let summary = read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    assert!(summary
        .iter()
        .any(|r| r[0].contains("Tổng hợp từ 16/16 phường")));
}

#[test]
fn the_departments_tasks_make_the_annex() {
    let Some(trip) = round_trip() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("annex");
    let o = tonghop()
        .arg("annex")
        .arg(&trip.departments)
        .args(["--period", "2020-Q2", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{stdout}");
    assert!(
        stdout
            .contains("17 tệp đã đọc, 0 tệp không đọc được, 0 tệp bỏ qua; 4 nhiệm vụ trong 4 phần"),
        "{stdout}"
    );
    assert!(read_findings(&out.join("errors.json")).is_empty());
    let annex = read_sheet(&out.join("phu-luc.xlsx"), "Phụ lục");
    let rows: Vec<String> = annex
        .iter()
        .skip(4)
        .map(|r| r[..5].join(" | ").trim_end_matches(" | ").to_string())
        .collect();
    assert_eq!(
        rows,
        [
            "I | KINH TẾ - TÀI CHÍNH - NGÂN SÁCH",
            "1 | Rà soát, đôn đốc các khoản thu ngân sách nhà nước trên địa bàn | Tháng 5/2020 | Phòng TC-KH | Chi cục Thuế quận, UBND 16 phường",
            "II | QUẢN LÝ ĐÔ THỊ - ĐẦU TƯ XÂY DỰNG CƠ BẢN",
            "1 | Kiểm tra trật tự xây dựng trên các tuyến đường chính | Thường xuyên | Phòng QLĐT | UBND 16 phường",
            "III | VĂN HÓA - XÃ HỘI",
            "1 | Thẩm định dự toán sửa chữa các trường mầm non công lập | Quý II/2020 | Phòng TC-KH | Phòng GD-ĐT",
            "IV | NỘI CHÍNH - TỔ CHỨC BỘ MÁY",
            "1 | Tuần tra, kiểm soát bảo đảm trật tự an toàn giao thông dịp lễ | Tháng 4/2020 | Công an quận",
        ],
        "{annex:#?}"
    );
}

#[test]
fn libreoffice_prints_every_form_with_its_title() {
    let Some(trip) = round_trip() else { return };
    let t = Template::builtin().unwrap();
    assert_eq!(trip.pdfs.len(), 33);
    let mut pages_of: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for a in t.agencies.iter().filter(|a| a.reports) {
        let file = format!("{}-{}-2020-Q1.xlsx", a.code, slug(&a.name));
        assert!(trip.blank.join(&file).is_file());
        let pages = office::pdf_pages(&trip.pdfs[&file]);
        let first = &pages[0];
        assert!(
            first.contains("BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ I/2020"),
            "{file}: {first}"
        );
        // The unit's name as printed, whatever lines its cell wraps it
        // over with the fonts at hand.
        let flat = first.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&a.name.to_uppercase()), "{file}: {first}");
        assert!(
            first.contains("Mã số") && first.contains("Trang 1"),
            "{file}"
        );
        // The instructions print last (over two pages when the rules
        // they give as examples are spelt with long indicator names).
        let help = pages
            .iter()
            .position(|p| p.contains("HƯỚNG DẪN ĐIỀN BIỂU MẪU"));
        assert!(help.is_some_and(|k| k + 2 >= pages.len()), "{file}");
        // The signatures print with the last two indicators, and a
        // section's heading on the page of its first indicator.
        let signed = pages.iter().find(|p| p.contains("NGƯỜI LẬP BIỂU")).unwrap();
        if a.kind == AgencyKind::Ward {
            assert!(
                signed.contains("HC08") && signed.contains("HC09"),
                "{file}: {signed}"
            );
            let heading = pages.iter().find(|p| p.contains("IX. TƯ PHÁP")).unwrap();
            assert!(heading.contains("TP01"), "{file}: {heading}");
        }
        let tasks = pages
            .iter()
            .filter(|p| p.contains("ĐĂNG KÝ NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2020"))
            .count();
        assert_eq!(tasks, usize::from(a.kind != AgencyKind::Ward), "{file}");
        pages_of
            .entry(pages.len())
            .or_default()
            .push(a.code.clone());
    }
    // A ward's 65 indicators print on 3 pages and its instructions on 1;
    // a department's table, tasks and instructions on one each, but the
    // instructions of VP, P.TCKH and P.LĐTBXH on two: the rules they give
    // as examples are spelt with their indicators' names.
    let counts: Vec<(usize, usize)> = pages_of.iter().map(|(p, u)| (*p, u.len())).collect();
    assert_eq!(counts, [(3, 14), (4, 19)], "{pages_of:?}");
}

/// The forms print as `tong-hop.xlsx` does: A4 landscape at a fixed
/// scale (the largest that fits the page width, never below a readable
/// one; no "fit to width", which shrank a long form and made Excel ignore
/// page breaks), the title and header repeated, the sheet's own "Trang
/// n" (English: "Page n") from 1, and a page break before the heading of
/// section IX, which would otherwise end page 2 of a ward's figures.
/// Near miss: the instructions, one column a little too wide for a
/// portrait page, print at 97 % with no break.
#[test]
fn the_forms_print_at_a_readable_scale_with_headings_kept() {
    let tmp = tempfile::tempdir().unwrap();
    generate(tmp.path(), &["--period", PERIOD, "--unit", "P05"]);
    let path = tmp.path().join("P05-phuong-5-2020-Q1.xlsx");
    let figures = zip_part(&path, "xl/worksheets/sheet1.xml").unwrap();
    assert!(!figures.contains("fitToPage"), "{figures}");
    let setup = Regex::new(
        r#"<pageSetup paperSize="9" scale="(\d+)" orientation="landscape" useFirstPageNumber="1""#,
    )
    .unwrap();
    let scale: u16 = setup.captures(&figures).expect("a scale")[1]
        .parse()
        .unwrap();
    assert_eq!(scale, 73);
    assert!(
        figures.contains("&amp;10Trang &amp;P</oddFooter>"),
        "{figures}"
    );
    let rows = read_sheet(&path, FIGURES);
    let heading = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "IX. TƯ PHÁP"))
        .unwrap();
    assert!(
        figures.contains(&format!(
            r#"<rowBreaks count="1" manualBreakCount="1"><brk id="{heading}" max="16383" man="1"/></rowBreaks>"#
        )),
        "{figures}"
    );
    let instructions = zip_part(&path, "xl/worksheets/sheet2.xml").unwrap();
    assert!(
        instructions.contains(
            r#"<pageSetup paperSize="9" scale="97" orientation="portrait" useFirstPageNumber="1""#
        ),
        "{instructions}"
    );
    assert!(!instructions.contains("rowBreaks") && !instructions.contains("fitToPage"));
    let en = tmp.path().join("en");
    generate(&en, &["--period", PERIOD, "--unit", "P05", "--lang", "en"]);
    let figures = zip_part(
        &en.join("P05-phuong-5-2020-Q1.xlsx"),
        "xl/worksheets/sheet1.xml",
    )
    .unwrap();
    assert!(
        figures.contains("&amp;10Page &amp;P</oddFooter>"),
        "{figures}"
    );
}

/// `tonghop check --json` on a file: its findings in short.
fn checked(file: &Path) -> Vec<String> {
    let o = tonghop()
        .arg("check")
        .arg(file)
        .args(["--period", PERIOD, "--json"])
        .output()
        .unwrap();
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    // The forms here are blank: that they are (`submission-missing` on the
    // file) is asserted once, then left aside.
    findings
        .iter()
        .filter(|f| !(f["code"] == "submission-missing" && f["cell"] == ""))
        .map(short)
        .collect()
}

/// The stamp decides what a form is; the title and the file name only
/// who sent it (no LibreOffice needed: the forms are read as written).
#[test]
fn the_stamp_wins_over_the_title_and_the_file_name() {
    let tmp = tempfile::tempdir().unwrap();
    let blank = tmp.path().join("blank");
    generate(&blank, &["--period", PERIOD, "--unit", "P05"]);
    let p05 = blank.join("P05-phuong-5-2020-Q1.xlsx");
    let edited = |name: &str, edits: &[(&str, &str, &str)]| {
        let to = tmp.path().join(name);
        let edits: Vec<(&str, String, Value)> = edits
            .iter()
            .map(|(sheet, cell, text)| (*sheet, cell.to_string(), Value::Text(text.to_string())))
            .collect();
        fill(&p05, &to, &edits);
        to
    };
    // As made: nothing to say.
    assert!(checked(&p05).is_empty());
    // A form of another period, whatever its title says.
    let f = edited("P05-phuong-5-2020-Q1.xlsx", &[("tonghop", "B5", "2019-Q4")]);
    assert_eq!(
        checked(&f),
        [format!(
            "error|period-mismatch|P05|{}|{FIGURES}|A3||",
            f.file_name().unwrap().to_string_lossy()
        )]
    );
    // A title cleared and a neutral file name: the stamp says whose.
    let f = edited("bao-cao.xlsx", &[(FIGURES, "A1", "")]);
    assert!(checked(&f).is_empty());
    let o = tonghop().arg("check").arg(&f).output().unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("bao-cao.xlsx — Phường 5 — Quý I/2020"));
    // A title naming another unit: nobody's.
    let f = edited("bao-cao-2.xlsx", &[(FIGURES, "A1", "UBND PHƯỜNG 6")]);
    assert_eq!(
        checked(&f),
        [format!(
            "error|file-unknown-unit||bao-cao-2.xlsx|{FIGURES}|A1||"
        )]
    );
    // Near miss: a file name that names the form's own unit among others.
    let f = edited("P05 gui thay phuong 6.xlsx", &[]);
    assert!(checked(&f).is_empty());
    // A unit the registry no longer lists: read by its title.
    let f = edited("P99.xlsx", &[("tonghop", "B3", "P99")]);
    assert!(checked(&f).is_empty());
    let o = tonghop().arg("check").arg(&f).output().unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("— Phường 5 —"));
    // Last quarter's title left in this quarter's form: the stamp's
    // period reads its columns (the TH column "Thực hiện quý I/2020" was
    // taken for another quarter's and dropped, with an info), and the
    // title is an error to correct (it was said nothing at all); see
    // `a_stale_title_on_a_stamped_form_is_an_error_its_figures_counted`.
    let f = edited(
        "P05-tieu-de-cu.xlsx",
        &[(
            FIGURES,
            "A3",
            "BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ IV NĂM 2019",
        )],
    );
    assert_eq!(
        checked(&f),
        [format!(
            "error|period-mismatch|P05|P05-tieu-de-cu.xlsx|{FIGURES}|A3||"
        )]
    );
    // Near miss: the same report in other words.
    let f = edited(
        "P05-3-thang.xlsx",
        &[(
            FIGURES,
            "A3",
            "BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI 3 THÁNG ĐẦU NĂM 2020",
        )],
    );
    assert!(checked(&f).is_empty(), "{:?}", checked(&f));
    // Last quarter's header left over the TH column: the table has no
    // TH of the period, so all of it would be lost: a warning.
    let f = edited(
        "P05-cot-cu.xlsx",
        &[(FIGURES, "E6", "Thực hiện quý IV/2019")],
    );
    assert_eq!(
        checked(&f),
        ["warning|column-ignored|P05|P05-cot-cu.xlsx|Biểu số liệu|E6||TH"]
    );
}

/// A title left from last quarter on this quarter's form ("QUÝ IV NĂM
/// 2019" on Phường 5's 2020-Q1 form) was read for the stamp's period
/// without a word: the figures were right, but the document to be signed
/// names another quarter. It is a `period-mismatch` error at the title
/// cell, its figures still counted for the stamp's period, its line in
/// Tình trạng nộp "đã nộp" with the error.
#[test]
fn a_stale_title_on_a_stamped_form_is_an_error_its_figures_counted() {
    let tmp = tempfile::tempdir().unwrap();
    let blank = tmp.path().join("blank");
    generate(&blank, &["--period", PERIOD, "--unit", "P05"]);
    let p05 = blank.join("P05-phuong-5-2020-Q1.xlsx");
    let t = Template::builtin().unwrap();
    let mut edits = figure_edits(
        &t,
        &p05,
        &[(
            "KT04".to_string(),
            [None, Some(3.0), None, None, None, None],
        )],
    );
    edits.push((
        FIGURES,
        "A3".to_string(),
        Value::Text("BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ IV NĂM 2019".into()),
    ));
    let batch = tmp.path().join("batch");
    std::fs::create_dir_all(&batch).unwrap();
    fill(&p05, &batch.join("P05-phuong-5-2020-Q1.xlsx"), &edits);
    let out = tmp.path().join("out");
    let findings = consolidate(&batch, &out);
    let said: Vec<String> = findings
        .iter()
        .filter(|f| f["code"] == "period-mismatch")
        .map(|f| {
            format!(
                "{}|{}|{}|{}",
                short(f),
                f["expected"].as_str().unwrap(),
                f["actual"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        said,
        [format!(
            "error|period-mismatch|P05|P05-phuong-5-2020-Q1.xlsx|{FIGURES}|A3|||2020-Q1|2019-Q4|\
             Tiêu đề biểu (ô A3) ghi Quý IV/2019, không phải kỳ báo cáo Quý I/2020. Số liệu vẫn \
             được đọc và tổng hợp là của Quý I/2020 vì đây là biểu mẫu phát cho Quý I/2020 (ghi \
             trong biểu). Hãy sửa tiêu đề ở ô A3 thành Quý I/2020 và xác nhận số liệu đúng là \
             của Quý I/2020 trước khi trình ký."
        )]
    );
    let book = out.join("tong-hop.xlsx");
    let detail = read_sheet(&book, "Chi tiết theo đơn vị");
    let col = detail[0].iter().position(|h| h == "Phường 5").unwrap();
    let th = detail
        .iter()
        .find(|r| r[0] == "KT04" && r[3] == "TH")
        .unwrap();
    assert_eq!(th[col], "3");
    let status = read_sheet(&book, "Tình trạng nộp");
    let line = status.iter().find(|r| r[1] == "P05").unwrap();
    assert_eq!(line[4], "đã nộp");
    assert_eq!(line[5], "1");
    assert_eq!(
        line[8],
        "có lỗi: tiêu đề ghi Quý IV/2019, số liệu được đọc là của Quý I/2020; cần sửa tiêu đề \
         trước khi trình ký"
    );
}

/// A template may give an indicator 0 to 4 decimals: each has its number
/// format on the forms (one decimal made `tonghop template` panic).
#[test]
fn forms_carry_every_number_of_decimals_a_template_gives() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    std::fs::create_dir_all(&tpl).unwrap();
    for f in ["template.toml", "groups.csv", "agencies.csv"] {
        std::fs::copy(repo().join("templates").join(f), tpl.join(f)).unwrap();
    }
    let csv = std::fs::read_to_string(repo().join("templates/indicators.csv")).unwrap();
    let csv: String = csv
        .lines()
        .map(|l| {
            if l.starts_with("HC01,") {
                format!("{},1", l.strip_suffix(",0").unwrap())
            } else if l.starts_with("HC02,") {
                format!("{},3", l.strip_suffix(",0").unwrap())
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(tpl.join("indicators.csv"), csv + "\n").unwrap();
    let out = tmp.path().join("forms");
    generate(
        &out,
        &[
            "--template",
            tpl.to_str().unwrap(),
            "--period",
            PERIOD,
            "--unit",
            "P05",
        ],
    );
    let form = out.join("P05-phuong-5-2020-Q1.xlsx");
    let styles = zip_part(&form, "xl/styles.xml").unwrap();
    for code in ["#,##0.0\"", "#,##0.000\""] {
        assert!(styles.contains(code), "{code} in {styles}");
    }
    // The blank form reads against its template: nothing to say but that
    // it is blank.
    let o = tonghop()
        .arg("check")
        .arg(&form)
        .arg("--template")
        .arg(&tpl)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(said.contains("1 lỗi, 0 cảnh báo, 0 thông tin"), "{said}");
}

/// A commune's own registry of villages and offices: `template` said
/// "14 đơn vị, 4 cơ quan, đơn vị." and Tổng hợp "(Tổng hợp từ 13/14 đơn
/// vị và 4 cơ quan, đơn vị)", "cơ quan, đơn vị" read twice (tester
/// trustBW). The villages and residential groups are named by their
/// kinds, the offices after them with "và". Near miss: a registry whose
/// units have no kind word keeps "đơn vị" and calls the others "cơ quan".
#[test]
fn a_villages_registry_counts_its_units_in_its_own_words() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    crate::checks::write_template(&tpl, "");
    // The district's annex settings name its departments: not this
    // commune's.
    let toml = std::fs::read_to_string(tpl.join("template.toml")).unwrap();
    let mut skip = false;
    let kept: Vec<&str> = toml
        .lines()
        .filter(|l| {
            if l.starts_with('[') {
                skip = *l == "[annex.default_field]" || *l == "[annex.short]";
            }
            !skip
        })
        .collect();
    std::fs::write(tpl.join("template.toml"), kept.join("\n")).unwrap();
    std::fs::write(
        tpl.join("agencies.csv"),
        "code,kind,name,aliases,reports\n\
         T01,ward,Thôn 1,Thon 1,yes\n\
         T02,ward,Thôn 2,Thon 2,yes\n\
         BA,ward,Ấp Bình An,Ap Binh An,yes\n\
         TDP5,ward,Tổ dân phố 5,TDP 5,yes\n\
         CAX,department,Công an xã,CA xã,yes\n",
    )
    .unwrap();
    let out = tmp.path().join("forms");
    let o = template(
        &out,
        &["--period", "2020-Q3", "--template", tpl.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim_end(),
        format!(
            "Đã tạo 5 biểu mẫu Quý III/2020 (mẫu phiên bản 2020.1) trong {}: 4 thôn, ấp, tổ dân phố và 1 cơ quan, đơn vị.",
            out.display()
        )
    );
    // Thôn 1's form, sent blank as it is, consolidated: the summary's
    // line counts the registry's kinds, and not Thôn 1, whose blank form
    // adds nothing.
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        out.join("T01-thon-1-2020-Q3.xlsx"),
        dir.join("T01-thon-1-2020-Q3.xlsx"),
    )
    .unwrap();
    let run = tmp.path().join("out");
    crate::trust::run(&dir, &run, &tpl, "2020-Q3");
    let summary = read_sheet(&run.join("tong-hop.xlsx"), "Tổng hợp");
    assert_eq!(
        summary[2][0],
        "(Tổng hợp từ 0/4 thôn, ấp, tổ dân phố và 0 cơ quan, đơn vị)"
    );

    // Near miss: units with no kind word.
    std::fs::write(
        tpl.join("agencies.csv"),
        "code,kind,name,aliases,reports\n\
         A,ward,Đội sản xuất A,,yes\n\
         B,ward,Đội sản xuất B,,yes\n\
         CAX,department,Công an xã,CA xã,yes\n",
    )
    .unwrap();
    let out = tmp.path().join("forms2");
    let o = template(
        &out,
        &["--period", "2020-Q3", "--template", tpl.to_str().unwrap()],
    );
    assert!(
        String::from_utf8_lossy(&o.stdout).ends_with(": 2 đơn vị, 1 cơ quan.\n"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

/// Phường 5 sent its 2020-Q1 form twice: an older copy with last year's
/// title left over ("QUÝ I/2019") and a corrected one, «sửa lần 2», which
/// is used. The older copy was told as an error «Số liệu vẫn được đọc và
/// tổng hợp …» although its figures were set aside: it is the office's
/// info that the copy with the stale title is not used, outside the exit
/// code. Near miss: when the copy used carries the stale title, it stays
/// the error to correct before signing.
#[test]
fn a_set_aside_copys_stale_title_is_no_error_about_counted_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let blank = tmp.path().join("blank");
    generate(&blank, &["--period", PERIOD, "--unit", "P05"]);
    let p05 = blank.join("P05-phuong-5-2020-Q1.xlsx");
    let t = Template::builtin().unwrap();
    let form = |th: f64, title: Option<&str>| {
        let mut edits = figure_edits(
            &t,
            &p05,
            &[("KT04".to_string(), [None, Some(th), None, None, None, None])],
        );
        if let Some(title) = title {
            edits.push((FIGURES, "A3".to_string(), Value::Text(title.into())));
        }
        edits
    };
    const OLD: &str = "P05-phuong-5-2020-Q1 (ban cu).xlsx";
    const NEW: &str = "P05-phuong-5-2020-Q1 - sửa lần 2.xlsx";
    const STALE: &str = "BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ I/2019";
    let run = |name: &str, old: Option<&str>, new: Option<&str>| {
        let batch = tmp.path().join(name).join("batch");
        std::fs::create_dir_all(&batch).unwrap();
        fill(&p05, &batch.join(OLD), &form(3.0, old));
        fill(&p05, &batch.join(NEW), &form(4.0, new));
        let out = tmp.path().join(name).join("out");
        let findings = consolidate(&batch, &out);
        let said: Vec<String> = findings
            .iter()
            .filter(|f| f["code"] == "period-mismatch" || f["code"] == "submission-duplicate")
            .map(|f| {
                format!(
                    "{}|{}|{}|{}",
                    short(f),
                    f["expected"].as_str().unwrap(),
                    f["actual"].as_str().unwrap(),
                    f["message"].as_str().unwrap()
                )
            })
            .collect();
        let book = out.join("tong-hop.xlsx");
        let detail = read_sheet(&book, "Chi tiết theo đơn vị");
        let col = detail[0].iter().position(|h| h == "Phường 5").unwrap();
        let th = detail
            .iter()
            .find(|r| r[0] == "KT04" && r[3] == "TH")
            .unwrap()[col]
            .clone();
        let errors: Vec<String> = findings
            .iter()
            .filter(|f| f["severity"] == "error" && f["unit"] == "P05")
            .map(short)
            .collect();
        (said, th, errors)
    };
    let duplicate = format!(
        "info|submission-duplicate|P05|{NEW}|||||{NEW}|{OLD}|Phường 5 gửi 2 tệp cho Quý I/2020: \
         dùng tệp {NEW} (tên tệp ghi «sửa lần 2»); {OLD} không được tổng hợp. Không cần sửa gì."
    );
    let (said, th, errors) = run("aside", Some(STALE), None);
    assert_eq!(
        said,
        [
            format!(
                "info|period-mismatch|P05|{OLD}|{FIGURES}|A3|||2020-Q1|2019-Q1|Phường 5: tệp {OLD} \
                 có tiêu đề ghi Quý I/2019, không phải Quý I/2020, nhưng tệp này không được dùng: \
                 đã dùng tệp {NEW}; số liệu của tệp {OLD} không được tổng hợp. Không cần sửa gì."
            ),
            duplicate.clone()
        ]
    );
    assert_eq!(th, "4");
    // Phường 5 has no error: the other units missing make the exit code.
    assert_eq!(errors, Vec::<String>::new());
    // Near miss: the stale title on the copy used is the error to correct.
    let (said, th, errors) = run("used", None, Some(STALE));
    assert_eq!(
        said,
        [
            format!(
                "error|period-mismatch|P05|{NEW}|{FIGURES}|A3|||2020-Q1|2019-Q1|Tiêu đề biểu (ô \
                 A3) ghi Quý I/2019, không phải kỳ báo cáo Quý I/2020. Số liệu vẫn được đọc và \
                 tổng hợp là của Quý I/2020 vì đây là biểu mẫu phát cho Quý I/2020 (ghi trong \
                 biểu). Hãy sửa tiêu đề ở ô A3 thành Quý I/2020 và xác nhận số liệu đúng là của \
                 Quý I/2020 trước khi trình ký."
            ),
            duplicate
        ]
    );
    assert_eq!(th, "4");
    assert_eq!(
        errors,
        [format!("error|period-mismatch|P05|{NEW}|{FIGURES}|A3||")]
    );
}

/// A tester's Sở Tài chính (CW) printed «SỞ TÀI CHÍNH TỈNH …» over every
/// department's name as if it were their superior, «năm 20……» although the
/// period's year is known, the office in capitals in the instructions'
/// prose, «UBND Xã …», the command broken inside «--template» and a rate's
/// rule in its syntax («DT.02 / DT.01[KH] * 100»). The province template
/// with a Sở as its office: a department's letterhead is its name alone,
/// or under the People's Committee once the registry lists it; the date
/// line has 2026; the instructions say «Sở Tài chính tỉnh Nam Sơn», «UBND
/// xã Tân Phú», the rule in the indicators' names, and the command in one
/// unwrapped cell. Near miss: a commune's letterhead is unchanged.
#[test]
fn a_provincial_sos_forms_are_headed_and_worded_for_their_units() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("so");
    copy_dir(&province_dir(), &dir, &[]);
    let toml = std::fs::read_to_string(dir.join("template.toml")).unwrap();
    let office = Regex::new(r#"(?m)^office = .*$"#).unwrap();
    let toml = office.replace(&toml, r#"office = "SỞ TÀI CHÍNH TỈNH NAM SƠN""#);
    std::fs::write(dir.join("template.toml"), toml.as_ref()).unwrap();
    let make = |out: &Path| {
        generate(
            out,
            &["--period", "2026-Q3", "--template", dir.to_str().unwrap()],
        );
    };
    let form = |out: &Path, code: &str| {
        std::fs::read_dir(out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&format!("{code}-"))
            })
            .unwrap()
    };
    let out = tmp.path().join("forms");
    make(&out);
    let cat = read_sheet(&form(&out, "CAT"), FIGURES);
    assert_eq!(cat[0][0], "CÔNG AN TỈNH");
    assert!(cat[1].iter().all(|c| c.is_empty()), "{:?}", &cat[..3]);
    let x01 = form(&out, "X01");
    let rows = read_sheet(&x01, FIGURES);
    assert_eq!(rows[0][0], "UBND XÃ TÂN PHÚ");
    let date: Vec<&String> = rows
        .iter()
        .flatten()
        .filter(|c| c.contains("ngày ……"))
        .collect();
    assert_eq!(date, ["……………, ngày …… tháng …… năm 2026"]);
    let help: Vec<String> = read_sheet(&x01, "Hướng dẫn")
        .into_iter()
        .map(|r| r.join(""))
        .collect();
    let all = help.join("\n");
    assert!(
        all.contains(
            "Biểu này do Sở Tài chính tỉnh Nam Sơn tạo riêng cho UBND xã Tân Phú (mã X01)"
        ),
        "{all}"
    );
    assert!(
        !all.contains("SỞ TÀI CHÍNH") && !all.contains("UBND Xã") && !all.contains("* 100"),
        "{all}"
    );
    assert!(all.contains("(ví dụ «") && all.contains("× 100"), "{all}");
    let command = help
        .iter()
        .position(|l| l.starts_with("tonghop check"))
        .unwrap();
    assert_eq!(
        help[command],
        "tonghop check X01-xa-tan-phu-2026-Q3.xlsx --period 2026-Q3 --template ‹thư mục mẫu biểu›"
    );
    // The command's cell: Courier New, not wrapped.
    let styles = zip_part(&x01, "xl/styles.xml").unwrap();
    let sheet = zip_part(&x01, "xl/worksheets/sheet2.xml").unwrap();
    let cell = Regex::new(&format!(r#"<c r="A{}" s="(\d+)""#, command + 1)).unwrap();
    let s: usize = cell.captures(&sheet).unwrap()[1].parse().unwrap();
    let xfs = styles.split("<cellXfs").nth(1).unwrap();
    let xf = xfs.split("<xf ").nth(s + 1).unwrap();
    assert!(!xf.contains(r#"wrapText="1""#), "{xf}");
    // The registry lists the province's People's Committee: it heads the
    // departments' forms.
    let mut csv = std::fs::read_to_string(dir.join("agencies.csv")).unwrap();
    csv.push_str("UBT,other,UBND tỉnh Nam Sơn,Ủy ban nhân dân tỉnh Nam Sơn,no,\n");
    std::fs::write(dir.join("agencies.csv"), csv).unwrap();
    let out = tmp.path().join("forms2");
    make(&out);
    let cat = read_sheet(&form(&out, "CAT"), FIGURES);
    assert_eq!(
        (cat[0][0].as_str(), cat[1][0].as_str()),
        ("UBND TỈNH NAM SƠN", "CÔNG AN TỈNH")
    );
    assert_eq!(
        read_sheet(&form(&out, "X01"), FIGURES)[0][0],
        "UBND XÃ TÂN PHÚ"
    );
}
