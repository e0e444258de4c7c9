//! Units whose names repeat in the registry (a ministry's communes: "Xã
//! Tân Phú" in several provinces, told apart by their codes): the tool's
//! own form of one of them is its stamp's, a file name with the code
//! settles a title without a word, a title's tones tell Thanh from Thạnh
//! against a toneless alias, and every output names a namesake with what
//! tells it apart (its province, else its code). Workbooks written here,
//! run through `tonghop template` and `consolidate`.

use crate::common::{read_sheet, repo, tonghop};
use crate::forms::{fill, Value};
use crate::trust::{listed, run};
use rust_xlsxwriter::Workbook;
use std::path::Path;

/// A commune's plain report: `title` in A1 (its lines in A1 and A2), the period, and `rows` of
/// (code, name, TH) under "Mã số | Chỉ tiêu | ĐVT | Thực hiện quý III".
fn report(path: &Path, title: &str, rows: &[(&str, &str, f64)]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Biểu 1").unwrap();
    for (r, line) in title.split('\n').enumerate() {
        ws.write_string(r as u32, 0, line).unwrap();
    }
    ws.write_string(2, 0, "BÁO CÁO SỐ LIỆU QUÝ III/2020")
        .unwrap();
    for (c, h) in ["Mã số", "Chỉ tiêu", "ĐVT", "Thực hiện quý III"]
        .iter()
        .enumerate()
    {
        ws.write_string(4, c as u16, *h).unwrap();
    }
    for (k, (code, name, v)) in rows.iter().enumerate() {
        let r = 5 + k as u32;
        ws.write_string(r, 0, *code).unwrap();
        ws.write_string(r, 1, *name).unwrap();
        ws.write_number(r, 3, *v).unwrap();
    }
    wb.save(path).unwrap();
}

/// The status sheet's lines: `code|name|files|status`, sorted.
fn status(out: &Path) -> Vec<String> {
    let rows = read_sheet(&out.join("tong-hop.xlsx"), "Tình trạng nộp");
    let mut v: Vec<String> = rows
        .iter()
        .skip(1)
        .filter(|r| r[1].chars().next().is_some_and(|c| c.is_ascii_digit()))
        .map(|r| format!("{}|{}|{}|{}", r[1], r[2], r[3], r[4]))
        .collect();
    v.sort();
    v
}

/// Chi tiết's header cells that name a commune.
fn detail_headers(out: &Path) -> Vec<String> {
    let rows = read_sheet(&out.join("tong-hop.xlsx"), "Chi tiết theo đơn vị");
    rows[0]
        .iter()
        .filter(|h| h.starts_with("Xã"))
        .cloned()
        .collect()
}

/// The message of the one finding with `code` for `unit`.
fn message(f: &[serde_json::Value], code: &str, unit: &str) -> String {
    let found: Vec<&serde_json::Value> = f
        .iter()
        .filter(|x| x["code"] == code && x["unit"] == unit)
        .collect();
    assert_eq!(found.len(), 1, "{code} {unit}: {found:?}");
    found[0]["message"].as_str().unwrap().to_string()
}

/// A province template whose registry has three Xã Tân Phú, one per
/// province (the registry's `province` column), the form `tonghop
/// template` makes for Đồng Nai's filled and sent under a neutral name
/// beside Tuyên Quang's plain report named with its code. The form is
/// its stamp's (its title "UBND XÃ TÂN PHÚ" fits all three: no
/// conflict); the plain report is settled by its code without a word;
/// the one that sent nothing, the status sheet and Chi tiết name each
/// with its province.
#[test]
fn a_form_of_a_commune_with_namesakes_is_its_stamps_and_outputs_name_the_province() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    std::fs::create_dir_all(&tpl).unwrap();
    let province = repo().join("templates/province");
    for f in ["template.toml", "groups.csv", "indicators.csv"] {
        std::fs::copy(province.join(f), tpl.join(f)).unwrap();
    }
    let agencies = std::fs::read_to_string(province.join("agencies.csv")).unwrap();
    let mut registry = String::new();
    for (k, line) in agencies.lines().enumerate() {
        if k == 0 {
            registry.push_str(&format!("{line},province\n"));
        } else if !line.contains(",ward,") {
            registry.push_str(&format!("{line},\n"));
        }
    }
    for (code, prov) in [
        ("08001", "Tuyên Quang"),
        ("75001", "Đồng Nai"),
        ("82001", "Tây Ninh"),
    ] {
        registry.push_str(&format!(
            "{code},ward,Xã Tân Phú,UBND xã Tân Phú|Xa Tan Phu,yes,,{prov}\n"
        ));
    }
    std::fs::write(tpl.join("agencies.csv"), registry).unwrap();
    let forms = tmp.path().join("forms");
    let o = tonghop()
        .args([
            "template", "--period", "2020-Q3", "--unit", "75001", "--out",
        ])
        .arg(&forms)
        .arg("--template")
        .arg(&tpl)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    // KT.01 = KT.01.1 + KT.01.2 in TH (column E), rows 8-10 of the form.
    let sheet = "Biểu số liệu";
    fill(
        &forms.join("75001-xa-tan-phu-2020-Q3.xlsx"),
        &dir.join("bao cao quy 3.xlsx"),
        &[
            (sheet, "E8".into(), Value::Num(5.0)),
            (sheet, "E9".into(), Value::Num(2.0)),
            (sheet, "E10".into(), Value::Num(3.0)),
        ],
    );
    report(
        &dir.join("08001_TanPhu.xlsx"),
        "UBND XÃ TÂN PHÚ",
        &[
            ("KT.01", "Doanh nghiệp thành lập mới", 7.0),
            (
                "KT.01.1",
                "Trong đó: doanh nghiệp có vốn đầu tư nước ngoài",
                1.0,
            ),
            ("KT.01.2", "Trong đó: doanh nghiệp có vốn trong nước", 6.0),
        ],
    );
    let out = tmp.path().join("out");
    let f = run(&dir, &out, &tpl, "2020-Q3");
    assert_eq!(listed(&f, &["file-unknown-unit"]), Vec::<String>::new());
    assert_eq!(
        message(&f, "submission-missing", "82001"),
        "Xã Tân Phú (Tây Ninh) chưa gửi báo cáo Quý III/2020."
    );
    assert!(!f.iter().any(|x| x["code"] == "submission-missing"
        && ["08001", "75001"].contains(&x["unit"].as_str().unwrap())));
    assert_eq!(
        status(&out),
        [
            "08001|Xã Tân Phú (Tuyên Quang)|08001_TanPhu.xlsx|đã nộp",
            "75001|Xã Tân Phú (Đồng Nai)|bao cao quy 3.xlsx|đã nộp",
            "82001|Xã Tân Phú (Tây Ninh)||chưa nộp",
        ]
    );
    assert_eq!(
        detail_headers(&out),
        ["Xã Tân Phú (Tuyên Quang)", "Xã Tân Phú (Đồng Nai)"]
    );
    // The figures are each one's own: KT.01 TH 7 and 5.
    let rows = read_sheet(&out.join("tong-hop.xlsx"), "Chi tiết theo đơn vị");
    let kt01 = rows
        .iter()
        .find(|r| r[0] == "KT.01" && r[3] == "TH")
        .unwrap();
    let at = |h: &str| rows[0].iter().position(|x| x == h).unwrap();
    assert_eq!(
        (
            kt01[at("Xã Tân Phú (Tuyên Quang)")].as_str(),
            kt01[at("Xã Tân Phú (Đồng Nai)")].as_str()
        ),
        ("7", "5")
    );
}

/// The small test template with a registry of namesakes and no parent
/// column: three Xã Tân Phú, and Xã Thạnh Đông beside Xã Thanh Đông, all
/// with a toneless alias.
fn namesakes_template(dir: &Path) {
    crate::checks::write_template(dir, "");
    std::fs::write(
        dir.join("agencies.csv"),
        "code,kind,name,aliases,reports\n\
         VP,department,Văn phòng HĐND và UBND quận,VP HĐND-UBND,no\n\
         08001,ward,Xã Tân Phú,UBND xã Tân Phú|Xa Tan Phu,yes\n\
         75001,ward,Xã Tân Phú,UBND xã Tân Phú|Xa Tan Phu,yes\n\
         82001,ward,Xã Tân Phú,UBND xã Tân Phú|Xa Tan Phu,yes\n\
         25668,ward,Xã Thạnh Đông,UBND xã Thạnh Đông|Xa Thanh Dong,yes\n\
         96871,ward,Xã Thanh Đông,UBND xã Thanh Đông|Xa Thanh Dong,yes\n",
    )
    .unwrap();
}

const ROWS: [(&str, &str, f64); 3] = [
    ("HC02", "Hồ sơ thủ tục hành chính đã giải quyết", 100.0),
    ("HC03", "Trong đó: giải quyết đúng hạn", 60.0),
    ("HC04", "Trong đó: giải quyết trễ hạn", 40.0),
];

/// Without a parent column a namesake is named with its code. A title
/// "UBND XÃ TÂN PHÚ" in a file named with a code is that code's, with no
/// finding (was an info per file: 869 in a ministry's batch); one whose
/// file name says nothing more is nobody's, the error naming each
/// namesake by its code and saying the registry repeats the name. A
/// title written with tones, "UBND XÃ THANH ĐÔNG", is Thanh Đông's, not
/// tied with Thạnh Đông by the alias both have ("Xa Thanh Dong"); typed
/// without tones it fits both.
#[test]
fn namesakes_are_settled_by_code_or_tones_and_named_by_code() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    namesakes_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    report(&dir.join("08001_TanPhu.xlsx"), "UBND XÃ TÂN PHÚ", &ROWS);
    report(&dir.join("Xa Tan Phu.xlsx"), "UBND XÃ TÂN PHÚ", &ROWS);
    report(&dir.join("bao-cao.xlsx"), "UBND XÃ THANH ĐÔNG", &ROWS);
    let out = tmp.path().join("out");
    let f = run(&dir, &out, &tpl, "2020-Q3");
    assert_eq!(
        listed(&f, &["file-unknown-unit", "submission-missing"]),
        [
            "error|file-unknown-unit||A1|||08001, 75001, 82001|UBND XÃ TÂN PHÚ",
            "error|submission-missing|25668|||||",
            "error|submission-missing|75001|||||",
            "error|submission-missing|82001|||||",
        ]
    );
    let unknown = f.iter().find(|x| x["code"] == "file-unknown-unit").unwrap();
    assert_eq!(
        unknown["message"],
        "«UBND XÃ TÂN PHÚ» của tệp Xa Tan Phu.xlsx hợp với cả Xã Tân Phú (08001), Xã Tân Phú (75001) và Xã Tân Phú (82001): danh mục có nhiều đơn vị cùng tên, và tên tệp, thư mục, chữ ký không ghi mã hay tỉnh để phân biệt; không biết đơn vị nào gửi; số liệu không được tổng hợp. Hãy hỏi lại các đơn vị này và đề nghị ghi mã đơn vị vào tên tệp (hoặc dùng biểu mẫu của đơn vị)."
    );
    assert_eq!(
        message(&f, "submission-missing", "25668"),
        "Xã Thạnh Đông chưa gửi báo cáo Quý III/2020."
    );
    assert!(
        message(&f, "submission-missing", "82001").starts_with("Xã Tân Phú (82001) chưa gửi"),
        "{f:?}"
    );
    assert_eq!(
        status(&out),
        [
            "08001|Xã Tân Phú (08001)|08001_TanPhu.xlsx|đã nộp",
            "25668|Xã Thạnh Đông||chưa nộp",
            "75001|Xã Tân Phú (75001)||chưa nộp",
            "82001|Xã Tân Phú (82001)||chưa nộp",
            "96871|Xã Thanh Đông|bao-cao.xlsx|đã nộp",
        ]
    );
    assert_eq!(
        detail_headers(&out),
        ["Xã Tân Phú (08001)", "Xã Thanh Đông"]
    );
    // Near miss: the same title typed without tones fits both.
    std::fs::remove_file(dir.join("Xa Tan Phu.xlsx")).unwrap();
    report(&dir.join("bao-cao.xlsx"), "UBND XA THANH DONG", &ROWS);
    let f = run(&dir, &tmp.path().join("out2"), &tpl, "2020-Q3");
    assert_eq!(
        listed(&f, &["file-unknown-unit"]),
        ["error|file-unknown-unit||A1|||25668, 96871|UBND XA THANH DONG"]
    );
}

/// A ministry's batch sorted by province: a title "UBND XÃ TÂN PHÚ" that
/// fits namesakes is settled by the code anywhere in the file's name
/// (`75001 - Bao cao quy III - Xa Tan Phu.xlsx`, where the longer "Xa
/// Tan Phu" fits all three), or by the folder naming the province the
/// registry puts the commune in (`Tỉnh Tây Ninh/…`), with no finding. A
/// folder naming no province of theirs settles nothing: that file is
/// the one namesake's left, with the warning that says so.
#[test]
fn namesakes_are_settled_by_a_code_anywhere_in_the_name_or_their_provinces_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    crate::checks::write_template(&tpl, "");
    std::fs::write(
        tpl.join("agencies.csv"),
        "code,kind,name,aliases,reports,size,parent\n\
         08001,ward,Xã Tân Phú,UBND xã Tân Phú|Xa Tan Phu,yes,,Tỉnh Tuyên Quang\n\
         75001,ward,Xã Tân Phú,UBND xã Tân Phú|Xa Tan Phu,yes,,Tỉnh Đồng Nai\n\
         82001,ward,Xã Tân Phú,UBND xã Tân Phú|Xa Tan Phu,yes,,Tỉnh Tây Ninh\n",
    )
    .unwrap();
    let dir = tmp.path().join("in");
    for d in ["Tỉnh Đồng Nai", "Tỉnh Tây Ninh", "Báo cáo khác"] {
        std::fs::create_dir_all(dir.join(d)).unwrap();
    }
    report(
        &dir.join("Tỉnh Đồng Nai/75001 - Bao cao quy III - Xa Tan Phu.xlsx"),
        "UBND XÃ TÂN PHÚ",
        &ROWS,
    );
    report(
        &dir.join("Tỉnh Tây Ninh/BC KTXH Q3 - Xa Tan Phu.xlsx"),
        "UBND XÃ TÂN PHÚ",
        &ROWS,
    );
    report(
        &dir.join("Báo cáo khác/BC Xa Tan Phu.xlsx"),
        "UBND XÃ TÂN PHÚ",
        &ROWS,
    );
    let out = tmp.path().join("out");
    let f = run(&dir, &out, &tpl, "2020-Q3");
    assert_eq!(
        listed(&f, &["file-unknown-unit", "submission-missing"]),
        ["warning|file-unknown-unit|08001|A1|||08001, 75001, 82001|UBND XÃ TÂN PHÚ"]
    );
    let placed = status(&out);
    assert!(
        placed
            .iter()
            .any(|l| l.starts_with("75001|") && l.ends_with("|đã nộp")),
        "{placed:?}"
    );
    assert!(
        placed
            .iter()
            .any(|l| l.starts_with("82001|") && l.ends_with("|đã nộp")),
        "{placed:?}"
    );
}

/// What `file-unreadable` says of a file cut short.
const CUT: &str = "tệp bị cắt ngắn, không đầy đủ (thường do gửi hoặc tải về bị lỗi)";

/// The province template's three Xã Tân Phú again. A letterhead that
/// names the province over the commune ("UBND TỈNH ĐỒNG NAI" over "UBND
/// XÃ TÂN PHÚ"), or a title line that names it after the commune ("UBND
/// XÃ TÂN PHÚ - TỈNH TÂY NINH"), settles the namesakes without a word. A
/// damaged file named "Xa Tan Phu" in the folder of its province is that
/// commune's ("không đọc được", no `submission-missing`), not the first
/// namesake's of the registry; with no clue it is charged to none of
/// them.
#[test]
fn a_province_letterhead_or_folder_settles_namesakes_and_places_a_damaged_file() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    crate::checks::write_template(&tpl, "");
    std::fs::write(
        tpl.join("agencies.csv"),
        "code,kind,name,aliases,reports,size,parent\n\
         08001,ward,Xã Tân Phú,UBND xã Tân Phú|Xa Tan Phu,yes,,Tỉnh Tuyên Quang\n\
         75001,ward,Xã Tân Phú,UBND xã Tân Phú|Xa Tan Phu,yes,,Tỉnh Đồng Nai\n\
         82001,ward,Xã Tân Phú,UBND xã Tân Phú|Xa Tan Phu,yes,,Tỉnh Tây Ninh\n",
    )
    .unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(dir.join("Tỉnh Tuyên Quang")).unwrap();
    report(
        &dir.join("BC quy III Xa Tan Phu.xlsx"),
        "UBND TỈNH ĐỒNG NAI\nUBND XÃ TÂN PHÚ",
        &ROWS,
    );
    report(
        &dir.join("Bao cao Tan Phu.xlsx"),
        "UBND XÃ TÂN PHÚ - TỈNH TÂY NINH",
        &ROWS,
    );
    std::fs::write(
        dir.join("Tỉnh Tuyên Quang/Xa Tan Phu.xlsx"),
        b"PK\x03\x04 cut short in the download",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let f = run(&dir, &out, &tpl, "2020-Q3");
    assert_eq!(
        listed(
            &f,
            &["file-unknown-unit", "submission-missing", "file-unreadable"]
        ),
        [format!("error|file-unreadable|08001|||||{CUT}")]
    );
    let placed = status(&out);
    for (code, state) in [
        ("08001|", "|không đọc được"),
        ("75001|", "|đã nộp"),
        ("82001|", "|đã nộp"),
    ] {
        assert!(
            placed
                .iter()
                .any(|l| l.starts_with(code) && l.ends_with(state)),
            "{code}{state}: {placed:?}"
        );
    }
    // Near miss: the damaged file outside its province's folder names
    // nothing that tells the namesakes apart.
    std::fs::rename(
        dir.join("Tỉnh Tuyên Quang/Xa Tan Phu.xlsx"),
        dir.join("Xa Tan Phu.xlsx"),
    )
    .unwrap();
    let f = run(&dir, &tmp.path().join("out2"), &tpl, "2020-Q3");
    assert_eq!(
        listed(
            &f,
            &["file-unknown-unit", "submission-missing", "file-unreadable"]
        ),
        [
            format!("error|file-unreadable||||||{CUT}"),
            "error|submission-missing|08001|||||".to_string()
        ]
    );
}
