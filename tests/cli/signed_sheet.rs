//! What the signer sees (tester BY's print check): a blank row of Tổng
//! hợp says why, the legend on every page points at the footnote, the
//! footnote names the units that sent nothing; Chi tiết prints no empty
//! department column and says which rows it hides; the office's Lỗi sheet
//! writes a rule with `=`; a unit's feedback marks an LK's TH as Chi tiết
//! does and is headed with the run's period. Every workbook is read back.

use crate::common::{consolidate_samples, read_findings, read_sheet, repo, tonghop, zip_part};
use regex::Regex;
use serde_json::Value;
use std::path::Path;

/// The fill colour (`FFRRGGBB`) of cell `a1` of the sheet part
/// `sheet_part` of `book`, "" when it has none.
pub(crate) fn fill_of(book: &Path, sheet_part: &str, a1: &str) -> String {
    let sheet = zip_part(book, sheet_part).expect("the sheet part");
    let styles = zip_part(book, "xl/styles.xml").expect("styles.xml");
    let xf: usize = Regex::new(&format!(r#"<c r="{a1}"[^>]*? s="(\d+)""#))
        .unwrap()
        .captures(&sheet)
        .map_or(0, |c| c[1].parse().unwrap());
    let inside = |tag: &str| -> String {
        styles
            .split(&format!("<{tag}"))
            .nth(1)
            .and_then(|s| s.split(&format!("</{tag}>")).next())
            .unwrap_or_default()
            .to_string()
    };
    let el = Regex::new(r"<xf [^>]*>")
        .unwrap()
        .find_iter(&inside("cellXfs"))
        .nth(xf)
        .map(|m| m.as_str().to_string())
        .unwrap_or_default();
    let fill: usize = Regex::new(r#"fillId="(\d+)""#)
        .unwrap()
        .captures(&el)
        .map_or(0, |c| c[1].parse().unwrap());
    let fill = Regex::new(r"(?s)<fill>.*?</fill>|<fill/>")
        .unwrap()
        .find_iter(&inside("fills"))
        .nth(fill)
        .map(|m| m.as_str().to_string())
        .unwrap_or_default();
    Regex::new(r#"fgColor rgb="([0-9A-F]{8})""#)
        .unwrap()
        .captures(&fill)
        .map(|c| c[1].to_string())
        .unwrap_or_default()
}

/// The part of a workbook's sheet named `name`.
pub(crate) fn part_of(book: &Path, name: &str) -> String {
    let wb = zip_part(book, "xl/workbook.xml").unwrap();
    let rels = zip_part(book, "xl/_rels/workbook.xml.rels").unwrap();
    let id = Regex::new(&format!(
        r#"<sheet [^>]*name="{}"[^>]*r:id="([^"]+)""#,
        regex::escape(name)
    ))
    .unwrap()
    .captures(&wb)
    .unwrap_or_else(|| panic!("no sheet {name}"))[1]
        .to_string();
    let target = Regex::new(&format!(
        r#"<Relationship [^>]*Id="{id}"[^>]*Target="([^"]+)""#
    ))
    .unwrap()
    .captures(&rels)
    .or_else(|| {
        Regex::new(&format!(
            r#"<Relationship [^>]*Target="([^"]+)"[^>]*Id="{id}""#
        ))
        .unwrap()
        .captures(&rels)
    })
    .unwrap()[1]
        .to_string();
    match target.strip_prefix('/') {
        Some(t) => t.to_string(),
        None => format!("xl/{target}"),
    }
}

/// The lines of Tổng hợp under its table (merged over the row, long).
fn footnote(summary: &[Vec<String>]) -> Vec<String> {
    let last_code = summary
        .iter()
        .rposition(|r| Regex::new(r"^[A-Z]{2}[0-9]").unwrap().is_match(&r[0]))
        .unwrap();
    summary[last_code + 1..]
        .iter()
        .map(|r| r[0].clone())
        .filter(|s| s.len() > 30)
        .collect()
}

/// The sample district: the signer's page names the two wards left out
/// and points at the footnote from the legend every page repeats; the
/// office's Lỗi sheet writes Phường 5's broken sum with `=`; Thanh tra
/// quận's feedback marks its TT01 TH red beside its LK, as Chi tiết; the
/// feedback to Phường 14, which sent last quarter's report, is headed with
/// this quarter; Chi tiết hides the six departments whose every figure is
/// on a hidden row and says it hides rows. Near misses: a department with
/// figures on shown rows keeps its column; a unit's TH with only an info
/// stays blue; Tổng hợp's figures are those of README.
#[test]
fn the_signed_pages_explain_every_blank_and_every_sign() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    consolidate_samples(&out);
    let book = out.join("tong-hop.xlsx");
    let summary = read_sheet(&book, "Tổng hợp");
    // The legend (row 4), repeated on every page, points at the footnote.
    assert_eq!(
        summary[3][4],
        "Số liệu có thể sai, hoặc đã được quy đổi đơn vị (nền vàng, viền nét đứt): cần xem lại. (*): xem ghi chú cuối bảng."
    );
    assert_eq!(
        summary[2][0],
        "(Tổng hợp từ 14/16 phường và 17 cơ quan, đơn vị)"
    );
    let notes = footnote(&summary);
    assert_eq!(
        notes.last().unwrap(),
        "Chưa có số liệu của 2 đơn vị: Phường 7, Phường 14 (chưa gửi báo cáo, hoặc báo cáo không được tổng hợp: xem trang «Tình trạng nộp»)."
    );
    // Every department sent its report: no row is blank for want of one.
    assert!(
        !notes.iter().any(|l| l.starts_with("Dòng để trống")),
        "{notes:?}"
    );
    let findings = read_findings(&out.join("errors.json"));
    assert!(!findings.iter().any(|f| f["code"] == "total-uncomputed"));
    // The figures are unchanged: TT01 TH 6.047 less Phường 3's, as before.
    let hc02 = summary.iter().find(|r| r[0] == "HC02").unwrap();
    assert_eq!((hc02[4].as_str(), hc02[5].as_str()), ("17702", "17693"));

    // The office's Lỗi sheet: the code, and the rule as a page prints it;
    // errors.json keeps the machine's `==`.
    let list = read_sheet(&book, "Lỗi");
    let p05 = list
        .iter()
        .find(|r| r[2] == "P05" && r[5] == "F75")
        .unwrap();
    assert_eq!(
        (p05[1].as_str(), p05[8].as_str()),
        ("sum-mismatch", "HC02 = HC03 + HC04")
    );
    let sum = findings
        .iter()
        .find(|f| f["unit"] == "P05" && f["cell"] == "F75")
        .unwrap();
    assert_eq!(sum["expected"], "HC02 == HC03 + HC04");

    // Thanh tra quận: TT01 TH 327 (an info beside the error) and LK 317
    // (LK = TH broken) both red; TT02's TH, with no finding, unfilled.
    let ttra = out.join("phan-hoi/TTRA.xlsx");
    let form = part_of(&ttra, "Biểu 1");
    let red = "FFF8CBAD";
    assert_eq!(fill_of(&ttra, &form, "G9"), red);
    assert_eq!(fill_of(&ttra, &form, "F9"), red);
    assert_eq!(fill_of(&ttra, &form, "F10"), "");
    let ttra_findings: Vec<&Value> = findings.iter().filter(|f| f["unit"] == "TTRA").collect();
    let codes: Vec<(&str, &str)> = ttra_findings
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["cell"].as_str().unwrap()))
        .collect();
    // The error first, then the info.
    assert_eq!(
        codes,
        [("cumulative-mismatch", "G9"), ("total-unchecked", "F9")]
    );
    // Near miss: Phường 3's TT01 TH, whose finding (value-invalid) is at
    // its TH, marks no LK.
    let p03 = out.join("phan-hoi/P03.xlsx");
    let p03_form = part_of(&p03, "Biểu 1");
    assert_eq!(fill_of(&p03, &p03_form, "F59"), red);
    assert_eq!(fill_of(&p03, &p03_form, "G59"), "");

    // Phường 14 sent Quý IV/2019's report: its list is headed with the
    // quarter the office asks for.
    let p14 = out.join("phan-hoi/P14.xlsx");
    let list_part = part_of(&p14, "Lỗi");
    let header = zip_part(&p14, &list_part).unwrap();
    let header = Regex::new(r"<oddHeader>(.*?)</oddHeader>")
        .unwrap()
        .captures(&header)
        .unwrap()[1]
        .to_string();
    assert!(header.contains("Phường 14 — Quý I/2020"), "{header}");
    assert!(!header.contains("2019"), "{header}");

    // Chi tiết: the departments whose every figure is on a hidden row
    // (P.TCKH's NS and DT, …) print no empty column; the others do.
    let detail = read_sheet(&book, "Chi tiết theo đơn vị");
    let detail_part = part_of(&book, "Chi tiết theo đơn vị");
    let xml = zip_part(&book, &detail_part).unwrap();
    let hidden: Vec<String> = Regex::new(r#"<col min="(\d+)" max="(\d+)"[^>]*hidden="1""#)
        .unwrap()
        .captures_iter(&xml)
        .flat_map(|c| {
            let (a, b): (usize, usize) = (c[1].parse().unwrap(), c[2].parse().unwrap());
            (a..=b)
                .map(|k| detail[0][k - 1].clone())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(
        hidden,
        [
            "Phòng Tài chính - Kế hoạch",
            "Phòng Tài nguyên và Môi trường",
            "Phòng Giáo dục và Đào tạo",
            "Phòng Nội vụ",
            "Ban Quản lý dự án đầu tư xây dựng khu vực quận",
            "Ban Bồi thường, giải phóng mặt bằng"
        ]
    );
    assert!(detail[0].contains(&"Thanh tra quận".to_string()));
    // P.TCKH's figures stay in the sheet (for `--previous`), its NS01 LK
    // the total Tổng hợp prints.
    let tckh = detail[0]
        .iter()
        .position(|h| h == "Phòng Tài chính - Kế hoạch")
        .unwrap();
    let ns01 = detail
        .iter()
        .find(|r| r[0] == "NS01" && r[3] == "LK")
        .unwrap();
    let total = summary.iter().find(|r| r[0] == "NS01").unwrap();
    assert_eq!(ns01[tckh], total[5]);
    assert!(!ns01[tckh].is_empty());
    let footer = Regex::new(r"<oddFooter>(.*?)</oddFooter>")
        .unwrap()
        .captures(&xml)
        .unwrap()[1]
        .to_string();
    assert!(
        footer.contains("Dòng ẩn: chỉ tiêu chỉ cơ quan, đơn vị báo cáo; số của cơ quan, đơn vị là số tổng ở trang «Tổng hợp»."),
        "{footer}"
    );
}

/// A city's registry of wards alone (`tonghop samples --units`): the
/// indicators its departments report print blank on Tổng hợp. The page
/// says which and why, and the office gets one info (a
/// configuration, not a report missing), not a warning each quarter nor
/// one per row (tester CT: the same warning four times a year). Near
/// misses: a ward's indicator keeps its figures and is not named; with
/// every ward in, no unit is named as missing; the same registry with one
/// department (P.KT) keeps the warning for the departments it lacks.
#[test]
fn rows_no_unit_of_the_registry_reports_are_explained_once() {
    let tmp = tempfile::tempdir().unwrap();
    let batch = tmp.path().join("batch");
    tonghop()
        .args([
            "samples", "--units", "12", "--period", "2020-Q1", "--seed", "3", "--out",
        ])
        .arg(&batch)
        .assert()
        .success();
    let out = tmp.path().join("out");
    tonghop()
        .arg("consolidate")
        .arg(batch.join("submissions"))
        .arg("--template")
        .arg(batch.join("template"))
        .args(["--period", "2020-Q1", "--out"])
        .arg(&out)
        .assert()
        .success();
    // The catalog's department indicators, from its own file.
    let catalog = std::fs::read_to_string(batch.join("template/indicators.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(catalog.as_bytes());
    let head = rdr.headers().unwrap().clone();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let (code, level, by) = (col("code"), col("level"), col("reported_by"));
    let mut blank = Vec::new();
    let mut from = Vec::new();
    for r in rdr.records() {
        let r = r.unwrap();
        if &r[level] == "district" {
            blank.push(r[code].to_string());
            if !from.contains(&r[by].to_string()) {
                from.push(r[by].to_string());
            }
        }
    }
    assert!(blank.len() > 20, "{blank:?}");
    let findings = read_findings(&out.join("errors.json"));
    let told: Vec<&Value> = findings
        .iter()
        .filter(|f| f["code"] == "total-uncomputed")
        .collect();
    assert_eq!(told.len(), 1, "{findings:?}");
    let f = told[0];
    assert_eq!(
        (
            f["severity"].as_str(),
            f["unit"].as_str(),
            f["file"].as_str()
        ),
        (Some("info"), Some(""), Some(""))
    );
    assert_eq!(f["actual"], from.join(", "));
    let said = f["message"].as_str().unwrap();
    assert!(said.contains(&blank[..20].join(", ")), "{said}");
    assert!(
        said.contains("mà danh sách đơn vị (agencies.csv) không có phòng ban nào"),
        "{said}"
    );
    let summary = read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    for c in &blank {
        let row = summary.iter().find(|r| &r[0] == c).unwrap();
        assert!(row[3..].iter().all(String::is_empty), "{row:?}");
    }
    let notes = footnote(&summary);
    assert_eq!(
        notes,
        [format!(
            "Dòng để trống: các chỉ tiêu {} do {} báo cáo, nhưng danh sách đơn vị không có đơn vị nào như vậy: chưa có số liệu (không phải bằng 0).",
            blank.join(", "),
            from.join(", ")
        )]
    );
    // No total is marked: the line that says so points at the footnote.
    assert_eq!(
        summary[3][0],
        "Không có số liệu tổng hợp nào có lỗi hay cần xem lại. Xem ghi chú cuối bảng."
    );
    // Near miss: a ward's indicator is summed and not named.
    let ward_row = summary
        .iter()
        .find(|r| r[0] == "HC02")
        .expect("HC02 is a ward's indicator");
    assert!(!ward_row[4].is_empty());
    assert!(!notes[0].contains("HC02"));

    // Near miss: the registry has a department (P.KT, which sent
    // nothing): the departments it lacks are a registry to put right, a
    // warning naming them; P.KT's own rows an info.
    let agencies = batch.join("template/agencies.csv");
    let mut registry = std::fs::read_to_string(&agencies).unwrap();
    registry.push_str("\nP.KT,department,Phòng Kinh tế,P.KT,yes\n");
    std::fs::write(&agencies, registry).unwrap();
    let out = tmp.path().join("out-with-department");
    tonghop()
        .arg("consolidate")
        .arg(batch.join("submissions"))
        .arg("--template")
        .arg(batch.join("template"))
        .args(["--period", "2020-Q1", "--out"])
        .arg(&out)
        .assert()
        .code(1);
    let findings = read_findings(&out.join("errors.json"));
    let told: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| f["code"] == "total-uncomputed")
        .map(|f| {
            (
                f["severity"].as_str().unwrap(),
                f["actual"].as_str().unwrap(),
            )
        })
        .collect();
    let others: Vec<&str> = from
        .iter()
        .map(String::as_str)
        .filter(|c| *c != "P.KT")
        .collect();
    assert_eq!(
        told,
        [
            ("warning", others.join(", ").as_str()),
            ("info", "Phòng Kinh tế")
        ]
    );
}

/// The sample district without P.TCKH's file: its indicators' rows are
/// blank because their one reporting unit sent nothing. The footnote says
/// so by the unit's name, one info tells the office; the ward figures are
/// those of the full run.
#[test]
fn rows_whose_only_unit_sent_nothing_say_whose_report_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for e in std::fs::read_dir(repo().join("samples/2020-Q1")).unwrap() {
        let e = e.unwrap();
        if e.file_name() != "p-tckh.xlsx" {
            std::fs::copy(e.path(), input.join(e.file_name())).unwrap();
        }
    }
    let out = tmp.path().join("out");
    tonghop()
        .arg("consolidate")
        .arg(&input)
        .args(["--period", "2020-Q1", "--out"])
        .arg(&out)
        .assert()
        .code(1);
    let findings = read_findings(&out.join("errors.json"));
    let told: Vec<&Value> = findings
        .iter()
        .filter(|f| f["code"] == "total-uncomputed")
        .collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(
        (told[0]["severity"].as_str(), told[0]["actual"].as_str()),
        (Some("info"), Some("Phòng Tài chính - Kế hoạch"))
    );
    let summary = read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let notes = footnote(&summary);
    let line = notes
        .iter()
        .find(|l| l.starts_with("Dòng để trống"))
        .unwrap();
    assert!(
        line.ends_with("do Phòng Tài chính - Kế hoạch báo cáo, nhưng chưa có báo cáo nào của đơn vị này được tổng hợp (xem trang «Tình trạng nộp»): chưa có số liệu (không phải bằng 0)."),
        "{line}"
    );
    assert!(line.contains("NS01"), "{line}");
    let ns01 = summary.iter().find(|r| r[0] == "NS01").unwrap();
    assert!(ns01[3..].iter().all(String::is_empty), "{ns01:?}");
    assert!(
        notes.last().unwrap().starts_with(
            "Chưa có số liệu của 3 đơn vị: Phòng Tài chính - Kế hoạch, Phường 7, Phường 14 ("
        ),
        "{notes:?}"
    );
    assert_eq!(
        line,
        "Dòng để trống: các chỉ tiêu NS01, NS02, NS03, DT00, DT01, DT02, DT03, DT04 do Phòng Tài chính - Kế hoạch báo cáo, nhưng chưa có báo cáo nào của đơn vị này được tổng hợp (xem trang «Tình trạng nộp»): chưa có số liệu (không phải bằng 0)."
    );
    // Near miss: the wards' totals are the full run's.
    let hc02 = summary.iter().find(|r| r[0] == "HC02").unwrap();
    assert_eq!((hc02[4].as_str(), hc02[5].as_str()), ("17702", "17693"));
}
