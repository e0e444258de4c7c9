//! A province's health office with a catalog of its own (tester CQ's Sở Y
//! tế batch: YT.02 … YT.05.1, growth %CK, `dash = "empty"`), and what its
//! communes' forms did to it: a sub-item a commune added under the dengue
//! cases whose name is a letter from another indicator's, a form with the
//! CK column deleted, «không» typed in a count cell, a wrong %KH. Each
//! beside the near miss that must keep its finding.

use crate::checks::{consolidate, write_form, FormRow, V};
use crate::common::read_sheet;
use std::path::Path;

/// The catalog: two vaccination counts (YT.03 ≤ YT.02) and the dengue
/// cases with their deaths (YT.05.1 ≤ YT.05), codes with dots; three
/// communes.
fn write_health_template(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let toml =
        std::fs::read_to_string(crate::common::repo().join("templates/template.toml")).unwrap();
    std::fs::write(dir.join("template.toml"), toml).unwrap();
    std::fs::write(
        dir.join("groups.csv"),
        "group,name\nTC,Tiêm chủng\nDB,Dịch bệnh\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula,aliases\n\
         YT.02,TC,Trẻ em dưới 1 tuổi thuộc diện tiêm chủng,trẻ,flow,ward,,,Trẻ dưới 1 tuổi\n\
         YT.03,TC,Trẻ em dưới 1 tuổi được tiêm chủng đầy đủ,trẻ,flow,ward,,YT.03 <= YT.02,\n\
         YT.05,DB,Số ca mắc sốt xuất huyết,ca,flow,ward,,,Ca SXH\n\
         YT.05.1,DB,Trong đó: số ca tử vong do sốt xuất huyết,ca,flow,ward,,YT.05.1 <= YT.05,Tử vong do SXH\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("agencies.csv"),
        "code,kind,name,aliases,reports\n\
         X01,ward,Xã Tân Phú,UBND xã Tân Phú,yes\n\
         X02,ward,Xã Hòa Bình,UBND xã Hòa Bình,yes\n\
         X03,ward,Xã Phước An,UBND xã Phước An,yes\n",
    )
    .unwrap();
}

/// KH | TH | LK | CK, the columns of most tests here.
const COLUMNS: [&str; 4] = [
    "Kế hoạch năm",
    "Thực hiện quý III",
    "Lũy kế từ đầu năm",
    "Cùng kỳ năm trước",
];

/// A commune's catalog rows (rows 7 to 10: YT.02, YT.03, YT.05, YT.05.1),
/// KH | TH | LK | CK each, `dengue` the cases' and deaths' TH (LK is
/// three times TH).
fn commune_rows(dengue: (f64, f64)) -> Vec<FormRow> {
    let n = V::N;
    let row = |kh: f64, th: f64, ck: f64| vec![n(kh), n(th), n(th * 3.0), n(ck)];
    vec![
        (
            "YT.02",
            "Trẻ em dưới 1 tuổi thuộc diện tiêm chủng",
            "trẻ",
            row(240.0, 60.0, 170.0),
        ),
        (
            "YT.03",
            "Trẻ em dưới 1 tuổi được tiêm chủng đầy đủ",
            "trẻ",
            row(230.0, 57.0, 160.0),
        ),
        (
            "YT.05",
            "Số ca mắc sốt xuất huyết",
            "ca",
            vec![V::E, n(dengue.0), n(dengue.0 * 3.0), n(40.0)],
        ),
        (
            "YT.05.1",
            "Trong đó: số ca tử vong do sốt xuất huyết",
            "ca",
            vec![V::E, n(dengue.1), n(dengue.1 * 3.0), n(0.0)],
        ),
    ]
}

/// `severity|code|unit|cell|indicator|column|expected|actual` of the
/// findings with one of `codes`, sorted.
fn listed(findings: &[serde_json::Value], codes: &[&str]) -> Vec<String> {
    crate::trust::listed(findings, codes)
}

/// The message of the finding with `code` at `unit`'s `cell`.
fn message(findings: &[serde_json::Value], code: &str, unit: &str, cell: &str) -> String {
    findings
        .iter()
        .find(|f| f["code"] == code && f["unit"] == unit && f["cell"] == cell)
        .unwrap_or_else(|| panic!("no {code} at {unit} {cell}: {findings:#?}"))["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Tester CQ's Phường Bắc Hà: «- Trong đó: trẻ em dưới 15 tuổi» in «ca»
/// right under YT.05.1 details the dengue cases; its name is a letter
/// from YT.02's alias «Trẻ dưới 1 tuổi», but its number (15, not 1) and
/// its unit (ca, not trẻ) rule YT.02 out: the info a breakdown gets, not
/// an error pointing at YT.02. Near miss: a misspelt YT.02 («- Trẻ em dưới
/// 1 tuổi tiêm chủng», same number, in «trẻ») under the same row keeps its
/// error and its suggestion; the same words in «ca» (cases, not children)
/// are a breakdown.
#[test]
fn a_sub_item_whose_number_or_unit_differs_from_a_near_name_is_a_breakdown() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_health_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let with = |extra: FormRow| {
        let mut rows = commune_rows((6.0, 0.0));
        rows.push(extra);
        rows
    };
    let figures = || vec![V::E, V::N(17.0), V::N(30.0), V::E];
    for (file, title, extra) in [
        (
            "X01-tan-phu.xlsx",
            "UBND XÃ TÂN PHÚ",
            ("", "- Trong đó: trẻ em dưới 15 tuổi", "ca", figures()),
        ),
        (
            "X02-hoa-binh.xlsx",
            "UBND XÃ HÒA BÌNH",
            ("", "- Trẻ em dưới 1 tuổi tiêm chủng", "trẻ", figures()),
        ),
        (
            "X03-phuoc-an.xlsx",
            "UBND XÃ PHƯỚC AN",
            ("", "- Trẻ em dưới 1 tuổi tiêm chủng", "ca", figures()),
        ),
    ] {
        let mut rows = with(extra);
        // X03's plan its own, so that its form is no copy of the others'.
        if file.starts_with("X03") {
            rows[0].3[0] = V::N(250.0);
        }
        write_form(&dir.join(file), title, "QUÝ III/2026", &COLUMNS, &rows);
    }
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2026-Q3", &[]);
    assert_eq!(
        listed(&f, &["indicator-unknown"]),
        [
            "error|indicator-unknown|X02|C11||||- Trẻ em dưới 1 tuổi tiêm chủng",
            "info|indicator-unknown|X01|C11|YT.05|||- Trong đó: trẻ em dưới 15 tuổi",
            "info|indicator-unknown|X03|C11|YT.05|||- Trẻ em dưới 1 tuổi tiêm chủng",
        ]
    );
    assert_eq!(
        message(&f, "indicator-unknown", "X01", "C11"),
        "Dòng «- Trong đó: trẻ em dưới 15 tuổi» là phần chi tiết của chỉ tiêu YT.05 «Số ca mắc sốt xuất huyết» ở dòng trên, không có trong danh mục: số liệu của dòng này không được tổng hợp, số liệu của YT.05 vẫn được đọc. Không cần sửa gì."
    );
    assert!(message(&f, "indicator-unknown", "X02", "C11").contains(
        "Nếu đây là chỉ tiêu YT.02 «Trẻ em dưới 1 tuổi thuộc diện tiêm chủng», hãy ghi đúng tên"
    ));
    // The dengue cases are read, the sub-item's 17 is not added: LK 3 × 18.
    let sheet = read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let yt05 = sheet
        .iter()
        .find(|r| r.contains(&"YT.05".to_string()))
        .unwrap();
    assert!(yt05.contains(&"54".to_string()), "{yt05:?}");
    // The breakdown's info asks nothing of the commune: the office's
    // alone, no feedback workbook for X03, whose only finding it is
    // (tester CQ's Phường Bắc Hà got one saying «Không cần sửa gì»).
    // Near misses: X02's error still sends it one; X01's copied figures
    // (the same as X02's) send it one without the info's line.
    let phan_hoi = out.join("phan-hoi");
    let x03: Vec<String> = f
        .iter()
        .filter(|x| x["unit"] == "X03")
        .map(|x| format!("{}|{}", x["severity"], x["code"]))
        .collect();
    assert_eq!(x03, ["\"info\"|\"indicator-unknown\""]);
    assert!(!phan_hoi.join("X03.xlsx").exists());
    assert!(phan_hoi.join("X02.xlsx").exists());
    let x01 = read_sheet(&phan_hoi.join("X01.xlsx"), "Lỗi");
    assert!(
        x01.iter().flatten().any(|c| c.contains("giống hệt"))
            && !x01.iter().flatten().any(|c| c.contains("Không cần sửa gì")),
        "{x01:#?}"
    );
}

/// Writes `rows` under `columns` as [`write_form`] does, and the hidden
/// stamp sheet of a form `tonghop template` made for `unit` and the run's
/// period: a form of this template, its columns as the clerk left them.
fn write_stamped_form(
    path: &Path,
    title: &str,
    unit: (&str, &str),
    columns: &[&str],
    rows: &[FormRow],
) {
    use rust_xlsxwriter::Workbook;
    let plain = path.with_extension("plain.xlsx");
    write_form(&plain, title, "QUÝ III/2026", columns, rows);
    // The form's sheet read back and written again beside its stamp.
    let grid = read_sheet(&plain, "Biểu 1");
    std::fs::remove_file(&plain).unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Biểu số liệu").unwrap();
    for (r, row) in grid.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            match v.parse::<f64>() {
                Ok(n) if r >= 6 && c != 1 => ws.write_number(r as u32, c as u16, n).unwrap(),
                _ => ws.write_string(r as u32, c as u16, v).unwrap(),
            };
        }
    }
    let stamp = wb.add_worksheet().set_name("tonghop").unwrap();
    for (r, (k, v)) in [
        ("tonghop-form", "1"),
        ("template_version", "2020.1"),
        ("unit", unit.0),
        ("unit_name", unit.1),
        ("period", "2026-Q3"),
    ]
    .iter()
    .enumerate()
    {
        stamp.write_string(r as u32, 0, *k).unwrap();
        stamp.write_string(r as u32, 1, *v).unwrap();
    }
    stamp.set_hidden(true);
    wb.save(path).unwrap();
}

/// Tester CQ's Phường Thống Nhất deleted the CK and %CK columns of its
/// form: Tổng hợp's CK and %CK are blank for every indicator, and the
/// commune heard nothing («Có thể gửi»). A warning charged to it at its
/// header row names the column and asks for it, in its feedback and in
/// `check`. Near misses: a form with CK whose cells say «x» or are blank
/// (the «x» warning, no column-missing), and a template with no CK column
/// (no form asks for it).
#[test]
fn a_form_whose_ck_column_was_deleted_is_asked_for_it() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_health_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let without_ck: Vec<FormRow> = commune_rows((6.0, 0.0))
        .into_iter()
        .map(|(c, n, u, mut v)| {
            v.truncate(3);
            (c, n, u, v)
        })
        .collect();
    write_stamped_form(
        &dir.join("X01-tan-phu.xlsx"),
        "UBND XÃ TÂN PHÚ",
        ("X01", "Xã Tân Phú"),
        &COLUMNS[..3],
        &without_ck,
    );
    write_stamped_form(
        &dir.join("X02-hoa-binh.xlsx"),
        "UBND XÃ HÒA BÌNH",
        ("X02", "Xã Hòa Bình"),
        &COLUMNS,
        &commune_rows((4.0, 0.0)),
    );
    // CK crossed out or left blank: the column is there.
    let crossed: Vec<FormRow> = commune_rows((5.0, 0.0))
        .into_iter()
        .enumerate()
        .map(|(k, (c, n, u, mut v))| {
            v[3] = if k % 2 == 0 { V::T("x") } else { V::E };
            (c, n, u, v)
        })
        .collect();
    write_stamped_form(
        &dir.join("X03-phuoc-an.xlsx"),
        "UBND XÃ PHƯỚC AN",
        ("X03", "Xã Phước An"),
        &COLUMNS,
        &crossed,
    );
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2026-Q3", &[]);
    assert_eq!(
        listed(&f, &["column-missing"]),
        ["warning|column-missing|X01|A6||CK||CK"]
    );
    let said = message(&f, "column-missing", "X01", "A6");
    assert_eq!(
        said,
        "Xã Tân Phú: biểu không có cột CK (cùng kỳ năm trước) của mẫu biểu (đã bị xóa): thiếu số liệu của đơn vị ở cột này, nên tổng toàn địa bàn của cột này (và tỷ lệ tính từ đó) phải để trống. Hãy bổ sung cột CK (cùng kỳ năm trước) với số liệu của từng chỉ tiêu rồi gửi lại."
    );
    // X03's «x» keeps its own warning, no column-missing.
    assert_eq!(
        listed(&f, &["value-invalid"]),
        ["warning|value-invalid|X03|H7||||x"]
    );
    // The commune's feedback carries it, its «Loại lỗi» a column of the
    // form missing, not the code's «Biểu thiếu cột LK: trong quý I …».
    let feedback = read_sheet(&out.join("phan-hoi/X01.xlsx"), "Lỗi");
    assert!(
        feedback
            .iter()
            .flatten()
            .any(|c| c.contains("biểu không có cột CK")),
        "{feedback:?}"
    );
    let label = feedback
        .iter()
        .position(|r| r.iter().any(|c| c == "Loại lỗi"));
    let column = feedback[label.unwrap()]
        .iter()
        .position(|c| c == "Loại lỗi")
        .unwrap();
    let labels: Vec<&str> = feedback[label.unwrap() + 1..]
        .iter()
        .map(|r| r[column].as_str())
        .collect();
    assert_eq!(
        labels,
        ["Biểu thiếu cột số liệu của mẫu biểu (cột nêu trong nội dung): tổng toàn địa bàn của cột đó phải để trống."]
    );
    // `check` says it before the file is sent.
    let checked = crate::common::tonghop()
        .arg("check")
        .arg(dir.join("X01-tan-phu.xlsx"))
        .args(["--period", "2026-Q3", "--template"])
        .arg(&tpl)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&checked.stdout);
    assert!(
        text.contains("Cảnh báo  Biểu số liệu!A6  Biểu không có cột CK (cùng kỳ năm trước)"),
        "{text}"
    );
    // A template with no CK column: no form asks for one.
    let toml = std::fs::read_to_string(tpl.join("template.toml")).unwrap();
    let no_ck = regex::Regex::new(r"(?m)^CK = \[.*\]$").unwrap();
    std::fs::write(
        tpl.join("template.toml"),
        no_ck.replace(&toml, "CK = []").as_ref(),
    )
    .unwrap();
    std::fs::remove_file(dir.join("X02-hoa-binh.xlsx")).unwrap();
    std::fs::remove_file(dir.join("X03-phuoc-an.xlsx")).unwrap();
    let (_, f) = consolidate(&dir, &tmp.path().join("out2"), &tpl, "2026-Q3", &[]);
    assert_eq!(listed(&f, &["column-missing"]), Vec::<String>::new());
}

/// Tester CQ's Xã Vĩnh Phúc typed «không» in its dengue deaths (TH and
/// LK), another commune «không có» in its cases: read as no figure, as the
/// README says (`dash = "empty"`), yet the commune heard nothing and
/// `check` said «Có thể gửi» while Tổng hợp's (*) asked the office to
/// chase it. One warning per file, as for «x», with its feedback; the
/// office's `relation-skipped` names the rule in words, not «YT.05.1 <=
/// YT.05» nor the `dash` setting. Near miss: a lone «-», the template's
/// own mark for no figure, asks nothing of the commune.
#[test]
fn none_in_words_in_a_count_cell_is_told_to_the_commune() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_health_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let with = |dengue: f64, row: usize, th: V, lk: V| {
        let mut rows = commune_rows((dengue, 1.0));
        rows[row].3[1] = th;
        rows[row].3[2] = lk;
        rows
    };
    write_form(
        &dir.join("X01-tan-phu.xlsx"),
        "UBND XÃ TÂN PHÚ",
        "QUÝ III/2026",
        &COLUMNS,
        &with(6.0, 3, V::T("không"), V::T("không")),
    );
    write_form(
        &dir.join("X02-hoa-binh.xlsx"),
        "UBND XÃ HÒA BÌNH",
        "QUÝ III/2026",
        &COLUMNS,
        &with(7.0, 2, V::T("không có"), V::N(12.0)),
    );
    write_form(
        &dir.join("X03-phuoc-an.xlsx"),
        "UBND XÃ PHƯỚC AN",
        "QUÝ III/2026",
        &COLUMNS,
        &with(5.0, 3, V::T("-"), V::T("-")),
    );
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2026-Q3", &[]);
    assert_eq!(
        listed(&f, &["value-invalid"]),
        [
            "warning|value-invalid|X01|F10||||không",
            "warning|value-invalid|X02|F9||||không có",
        ]
    );
    assert_eq!(
        message(&f, "value-invalid", "X01", "F10"),
        "Xã Tân Phú: ghi «không» ở 2 ô số liệu (F10, G10): theo mẫu biểu, chữ trong ô số liệu được đọc là ô trống (chưa có số liệu), không phải số 0, nên các tổng và các phép kiểm tra chưa gồm số của đơn vị ở các ô này. Hãy ghi số vào các ô đó (ghi 0 nếu không phát sinh)."
    );
    // The office's info names the rule in words, and no setting.
    let skipped: Vec<&str> = f
        .iter()
        .filter(|x| x["code"] == "relation-skipped")
        .filter_map(|x| x["message"].as_str())
        .collect();
    assert!(!skipped.is_empty(), "{f:#?}");
    for m in &skipped {
        assert!(
            m.starts_with("Điều kiện YT.05.1 số ca tử vong do sốt xuất huyết không lớn hơn YT.05 Số ca mắc sốt xuất huyết (cột ")
                && !m.contains("<=")
                && !m.contains("dash"),
            "{m}"
        );
    }
    // Feedback for the two communes, none for the one that wrote «-».
    let feedback = read_sheet(&out.join("phan-hoi/X01.xlsx"), "Lỗi");
    assert!(
        feedback
            .iter()
            .flatten()
            .any(|c| c.contains("ghi «không» ở 2 ô số liệu")),
        "{feedback:?}"
    );
    assert!(out.join("phan-hoi/X02.xlsx").exists());
    let x03: Vec<&serde_json::Value> = f.iter().filter(|x| x["unit"] == "X03").collect();
    assert!(!out.join("phan-hoi/X03.xlsx").exists(), "{x03:#?}");
    // `check` does not say «Có thể gửi.» without it.
    let checked = crate::common::tonghop()
        .arg("check")
        .arg(dir.join("X01-tan-phu.xlsx"))
        .args(["--period", "2026-Q3", "--template"])
        .arg(&tpl)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&checked.stdout);
    assert!(
        text.contains("Cảnh báo  Biểu 1!F10  Ghi «không» ở 2 ô số liệu (F10, G10)")
            && text
                .trim_end()
                .ends_with("Có thể gửi; hãy xem lại các cảnh báo."),
        "{text}"
    );
}

/// Tester DC's security reports wrote none in their own words: «Không
/// xảy ra», «KPS» (không phát sinh), «Ko»: the same one warning as
/// «không», never a `value-invalid` error asking for a figure or a blank.
/// «0 vụ» in a row counted in another count word is 0 (none of anything
/// is none). Near miss: «chưa thống kê» is no figure, an error.
#[test]
fn none_in_a_security_reports_words_is_none() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_health_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let with = |dengue: f64, row: usize, th: V, lk: V| {
        let mut rows = commune_rows((dengue, 1.0));
        rows[row].3[1] = th;
        rows[row].3[2] = lk;
        rows
    };
    write_form(
        &dir.join("X01-tan-phu.xlsx"),
        "UBND XÃ TÂN PHÚ",
        "QUÝ III/2026",
        &COLUMNS,
        &with(6.0, 3, V::T("Không xảy ra"), V::T("KPS")),
    );
    write_form(
        &dir.join("X02-hoa-binh.xlsx"),
        "UBND XÃ HÒA BÌNH",
        "QUÝ III/2026",
        &COLUMNS,
        &with(7.0, 3, V::T("0 vụ"), V::T("0 vụ")),
    );
    write_form(
        &dir.join("X03-phuoc-an.xlsx"),
        "UBND XÃ PHƯỚC AN",
        "QUÝ III/2026",
        &COLUMNS,
        &with(5.0, 3, V::T("chưa thống kê"), V::N(0.0)),
    );
    let (_, f) = consolidate(&dir, &tmp.path().join("out"), &tpl, "2026-Q3", &[]);
    assert_eq!(
        listed(&f, &["value-invalid"]),
        [
            "error|value-invalid|X03|F10|YT.05.1|TH||chưa thống kê",
            // «0 vụ» read as 0: the one info of figures typed with a word.
            "info|value-invalid|X02|||||2",
            "warning|value-invalid|X01|F10||||Không xảy ra",
        ],
        "{f:#?}"
    );
    assert!(
        message(&f, "value-invalid", "X01", "F10")
            .starts_with("Xã Tân Phú: ghi «Không xảy ra», «KPS» ở 2 ô số liệu (F10, G10)"),
        "{f:#?}"
    );
}

/// The cells of Tổng hợp with a note (a mark: a finding's, or a doubt).
fn noted(book: &Path) -> Vec<String> {
    let comments = crate::common::zip_part(book, "xl/comments1.xml").unwrap_or_default();
    regex::Regex::new(r#"<comment ref="([A-Z]+\d+)""#)
        .unwrap()
        .captures_iter(&comments)
        .map(|c| c[1].to_string())
        .collect()
}

/// The A1 name of the cell of Tổng hợp in the row of `code` and the
/// column headed `header` (a header cell that starts with it).
fn total_cell(sheet: &[Vec<String>], code: &str, header: &str) -> String {
    let row = sheet
        .iter()
        .position(|r| r.iter().any(|c| c == code))
        .unwrap_or_else(|| panic!("no row {code}"));
    let col = sheet
        .iter()
        .find_map(|r| r.iter().position(|c| c.starts_with(header)))
        .unwrap_or_else(|| panic!("no column {header}: {sheet:?}"));
    format!("{}{}", (b'A' + col as u8) as char, row + 1)
}

/// Tester CQ's Xã Bình Minh typed a wrong %KH: the province's KH total
/// of that indicator was marked «Cần xem lại», yet it is the sum of the
/// communes' plans as they wrote them. The commune's own KH and LK are
/// doubtful (its note says so); the province's KH, LK and %KH are not
/// marked: its %KH is recomputed from the sums, never from the commune's
/// stated percent (tester DS). Near miss: a department's wrong %KH on a
/// district-level indicator, its figure the province's own, still marks
/// the total's KH and LK.
#[test]
fn a_communes_wrong_percent_marks_no_total() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_health_template(&tpl);
    let mut indicators = std::fs::read_to_string(tpl.join("indicators.csv")).unwrap();
    indicators.push_str("YT.10,DB,Kinh phí phòng chống dịch,triệu đồng,flow,district,CDC,,\n");
    std::fs::write(tpl.join("indicators.csv"), indicators).unwrap();
    let mut agencies = std::fs::read_to_string(tpl.join("agencies.csv")).unwrap();
    agencies.push_str("CDC,department,Trung tâm Kiểm soát bệnh tật tỉnh,CDC tỉnh,yes\n");
    std::fs::write(tpl.join("agencies.csv"), agencies).unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let mut columns = COLUMNS.to_vec();
    columns.push("% so với KH");
    // YT.02: LK 180 of KH 240 is 75 %; X02 writes 90.
    for (file, title, dengue, pct) in [
        ("X01-tan-phu.xlsx", "UBND XÃ TÂN PHÚ", 6.0, 75.0),
        ("X02-hoa-binh.xlsx", "UBND XÃ HÒA BÌNH", 7.0, 90.0),
        ("X03-phuoc-an.xlsx", "UBND XÃ PHƯỚC AN", 5.0, 75.0),
    ] {
        let mut rows = commune_rows((dengue, 0.0));
        rows[0].3.push(V::N(pct));
        write_form(&dir.join(file), title, "QUÝ III/2026", &columns, &rows);
    }
    // The department's own figure: LK 300 of KH 500 is 60 %, written 80.
    write_form(
        &dir.join("CDC-tinh.xlsx"),
        "TRUNG TÂM KIỂM SOÁT BỆNH TẬT TỈNH",
        "QUÝ III/2026",
        &columns,
        &[(
            "YT.10",
            "Kinh phí phòng chống dịch",
            "triệu đồng",
            vec![
                V::N(500.0),
                V::N(100.0),
                V::N(300.0),
                V::N(280.0),
                V::N(80.0),
            ],
        )],
    );
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2026-Q3", &[]);
    assert_eq!(
        listed(&f, &["pct-mismatch"]),
        [
            "error|pct-mismatch|CDC|I7|YT.10|%KH|60|80",
            "error|pct-mismatch|X02|I7|YT.02|%KH|75|90",
        ]
    );
    let book = out.join("tong-hop.xlsx");
    let sheet = read_sheet(&book, "Tổng hợp");
    let at = |code: &str, header: &str| total_cell(&sheet, code, header);
    let noted = noted(&book);
    let has = |a1: &String| noted.contains(a1);
    // The communes' indicator: neither the %KH total nor KH nor LK.
    assert!(!has(&at("YT.02", "%KH")), "{noted:?}");
    assert!(!has(&at("YT.02", "KH\n")), "{noted:?}");
    assert!(!has(&at("YT.02", "LK\n")), "{noted:?}");
    // The department's own total: its KH and LK are doubtful too.
    assert!(has(&at("YT.10", "KH\n")), "{noted:?}");
    assert!(has(&at("YT.10", "LK\n")), "{noted:?}");
    assert!(has(&at("YT.10", "%KH")), "{noted:?}");
}

/// Tester CN's Phường 9 sent a third quarter's table with «Thực hiện quý
/// III» alone: `check` said «Có thể gửi», consolidate charged it nothing,
/// while the office's `total-uncomputed` infos left the area's LK, KH and
/// CK blank for want of its figures. One `column-missing` warning charged
/// to it at its header names the columns: LK (the nine months' figure a
/// third quarter's report has) in `check` too; KH and CK because the
/// other communes gave them. Near misses: a commune whose CK cells say
/// «x» or are blank (its column is there), a first quarter's table
/// without LK (LK taken from TH, as before), a template with no CK column.
#[test]
fn a_quarter_sent_without_its_lk_kh_and_ck_columns_is_asked_for_them() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_health_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let only = |keep: &[usize]| -> Vec<FormRow> {
        commune_rows((6.0, 0.0))
            .into_iter()
            .map(|(c, n, u, v)| {
                let v = keep.iter().map(|&j| v[j]).collect();
                (c, n, u, v)
            })
            .collect()
    };
    write_form(
        &dir.join("X01-tan-phu.xlsx"),
        "UBND XÃ TÂN PHÚ",
        "QUÝ III/2026",
        &COLUMNS[1..2],
        &only(&[1]),
    );
    write_form(
        &dir.join("X02-hoa-binh.xlsx"),
        "UBND XÃ HÒA BÌNH",
        "QUÝ III/2026",
        &COLUMNS,
        &commune_rows((4.0, 0.0)),
    );
    let crossed: Vec<FormRow> = commune_rows((5.0, 0.0))
        .into_iter()
        .enumerate()
        .map(|(k, (c, n, u, mut v))| {
            v[3] = if k % 2 == 0 { V::T("x") } else { V::E };
            (c, n, u, v)
        })
        .collect();
    write_form(
        &dir.join("X03-phuoc-an.xlsx"),
        "UBND XÃ PHƯỚC AN",
        "QUÝ III/2026",
        &COLUMNS,
        &crossed,
    );
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2026-Q3", &[]);
    assert_eq!(
        listed(&f, &["column-missing"]),
        ["warning|column-missing|X01|F6||LK||LK, KH, CK"]
    );
    assert_eq!(
        message(&f, "column-missing", "X01", "F6"),
        "Xã Tân Phú: biểu thiếu các cột LK (lũy kế từ đầu năm), KH (kế hoạch năm), CK (cùng kỳ năm trước) mà mẫu biểu yêu cầu cho kỳ báo cáo này: thiếu số liệu của đơn vị ở các cột này, nên tổng toàn địa bàn của các cột này (và tỷ lệ tính từ đó) phải để trống. Hãy bổ sung các cột LK (lũy kế từ đầu năm), KH (kế hoạch năm), CK (cùng kỳ năm trước) theo mẫu biểu với số liệu của từng chỉ tiêu rồi gửi lại."
    );
    // X03's «x» keeps its own warning, no column-missing.
    assert_eq!(
        listed(&f, &["value-invalid"]),
        ["warning|value-invalid|X03|H7||||x"]
    );
    let feedback = read_sheet(&out.join("phan-hoi/X01.xlsx"), "Lỗi");
    assert!(
        feedback
            .iter()
            .flatten()
            .any(|c| c.contains("biểu thiếu các cột LK (lũy kế từ đầu năm), KH")),
        "{feedback:?}"
    );
    // `check` has no batch to compare: the LK a third quarter asks for.
    let check = |file: &Path, period: &str| {
        let o = crate::common::tonghop()
            .arg("check")
            .arg(file)
            .args(["--period", period, "--template"])
            .arg(&tpl)
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let text = check(&dir.join("X01-tan-phu.xlsx"), "2026-Q3");
    assert!(
        text.contains("Cảnh báo  Biểu 1!F6  Biểu thiếu cột LK (lũy kế từ đầu năm) mà mẫu biểu yêu cầu cho kỳ báo cáo này"),
        "{text}"
    );
    assert!(!text.contains("Có thể gửi."), "{text}");
    // A first quarter's table without LK: its LK is its TH, as before.
    let q1 = tmp.path().join("q1");
    std::fs::create_dir_all(&q1).unwrap();
    let q1_columns = ["Kế hoạch năm", "Thực hiện quý I", "Cùng kỳ năm trước"];
    write_form(
        &q1.join("X01-tan-phu.xlsx"),
        "UBND XÃ TÂN PHÚ",
        "QUÝ I/2026",
        &q1_columns,
        &only(&[0, 1, 3]),
    );
    let text = check(&q1.join("X01-tan-phu.xlsx"), "2026-Q1");
    assert!(!text.contains("Biểu thiếu"), "{text}");
    // A template with no CK column: a table without CK lacks nothing.
    let toml = std::fs::read_to_string(tpl.join("template.toml")).unwrap();
    let no_ck = regex::Regex::new(r"(?m)^CK = \[.*\]$").unwrap();
    std::fs::write(
        tpl.join("template.toml"),
        no_ck.replace(&toml, "CK = []").as_ref(),
    )
    .unwrap();
    write_form(
        &dir.join("X01-tan-phu.xlsx"),
        "UBND XÃ TÂN PHÚ",
        "QUÝ III/2026",
        &COLUMNS[..3],
        &only(&[0, 1, 2]),
    );
    std::fs::remove_file(dir.join("X03-phuoc-an.xlsx")).unwrap();
    let (_, f) = consolidate(&dir, &tmp.path().join("out2"), &tpl, "2026-Q3", &[]);
    assert_eq!(listed(&f, &["column-missing"]), Vec::<String>::new());
}
