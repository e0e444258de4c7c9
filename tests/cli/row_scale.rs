//! A whole row typed in another unit (tester CC, Sở Công Thương): a
//! ward's retail row in triệu đồng under «Tỷ đồng», every figure of it a
//! thousand times its peers' per head and in line with each other, is one
//! `outlier` warning naming the likely unit, with the row and every total
//! it enters marked; and a price typed in nghìn đồng under «đồng/lít»,
//! whose %CK is right for the real price, is told at the LK, the percent
//! not blamed.

use crate::checks::{consolidate, summary, write_form, FormRow, V};
use crate::common::{read_sheet, zip_part};
use std::path::Path;

/// Ten wards of 10.000 to 55.000 people (`sizes`), the shipped
/// template.toml, a retail row in tỷ đồng (BL01), a count (HC02) and a
/// petrol price in đồng/lít (GX01, a rate).
fn write_retail_template(tpl: &Path, sizes: &[f64]) {
    std::fs::create_dir_all(tpl).unwrap();
    let toml =
        std::fs::read_to_string(crate::common::repo().join("templates/template.toml")).unwrap();
    std::fs::write(tpl.join("template.toml"), toml).unwrap();
    std::fs::write(tpl.join("groups.csv"), "group,name\nTM,Thương mại\n").unwrap();
    std::fs::write(
        tpl.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         BL01,TM,Tổng mức bán lẻ hàng hóa,tỷ đồng,flow,ward,VP,\n\
         HC02,TM,Số hồ sơ đăng ký kinh doanh,hồ sơ,flow,ward,VP,\n\
         GX01,TM,Giá bán lẻ xăng bình quân,đồng/lít,rate,ward,VP,\n",
    )
    .unwrap();
    let mut agencies =
        String::from("code,kind,name,aliases,reports,size\nVP,department,Văn phòng,,yes,\n");
    for (k, size) in sizes.iter().enumerate() {
        let k = k + 1;
        agencies.push_str(&format!("P{k:02},ward,Phường {k},,yes,{size}\n"));
    }
    std::fs::write(tpl.join("agencies.csv"), agencies).unwrap();
}

const COLUMNS: [&str; 5] = [
    "Kế hoạch năm",
    "Thực hiện quý",
    "Lũy kế từ đầu năm",
    "Cùng kỳ năm trước",
    "So cùng kỳ (%)",
];

/// The Tổng hợp row of `code` and its cell notes, by column letter.
pub(crate) fn total_notes(book: &Path, code: &str) -> Vec<(String, String)> {
    let sheet = read_sheet(book, "Tổng hợp");
    let r = sheet
        .iter()
        .position(|row| row.iter().any(|c| c == code))
        .unwrap_or_else(|| panic!("{code} in Tổng hợp"));
    let notes = zip_part(book, "xl/comments1.xml").unwrap_or_default();
    let mut out = Vec::new();
    for col in ["D", "E", "F", "G", "H", "I"] {
        let a1 = format!("{col}{}", r + 1);
        if let Some(at) = notes.find(&format!("ref=\"{a1}\"")) {
            let end = notes[at..]
                .find("</comment>")
                .map_or(notes.len(), |e| at + e);
            out.push((col.to_string(), notes[at..end].to_string()));
        }
    }
    out
}

/// Phường 4 typed its whole BL01 row in triệu đồng (KH, TH, LK, CK a
/// thousand times its peers' per head): one warning at the row naming
/// triệu đồng and its LK brought back, and every BL01 total marked.
/// Near misses: Phường 7 sells five times the usual per head in every
/// column (a market town), Phường 9 thirty times the others' figures as
/// written but as many people more (an industrial zone of its declared
/// size): nothing said of them, and HC02's totals are unmarked.
#[test]
fn a_whole_row_in_another_money_unit_is_one_warning_and_marks_its_totals() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    let sizes: Vec<f64> = (1..=10)
        .map(|k| match k {
            9 => 900_000.0,
            _ => 10_000.0 + 5_000.0 * f64::from(k),
        })
        .collect();
    write_retail_template(&tpl, &sizes);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    for (k, size) in (1..=10).zip(&sizes) {
        // Retail per head a little different in every ward: tỷ đồng per
        // 1.000 people 0,8 … 1,25 of the year's plan.
        let per_head = 0.0008 * (1.0 + 0.05 * f64::from(k));
        let scale = match k {
            4 => 1000.0,
            7 => 5.0,
            _ => 1.0,
        };
        let round1 = |v: f64| (v * 10.0).round() / 10.0;
        let kh = round1(size * per_head * scale);
        let th = round1(kh * 0.26);
        let lk = round1(kh * 0.74);
        let ck = round1(lk / 1.08);
        let rows: Vec<FormRow> = vec![
            (
                "BL01",
                "Tổng mức bán lẻ hàng hóa",
                "Tỷ đồng",
                vec![V::N(kh), V::N(th), V::N(lk), V::N(ck), V::E],
            ),
            (
                "HC02",
                "Số hồ sơ đăng ký kinh doanh",
                "hồ sơ",
                vec![
                    V::N(400.0 + f64::from(k)),
                    V::N(100.0 + f64::from(k)),
                    V::N(300.0 + f64::from(k)),
                    V::N(280.0 + f64::from(k)),
                    V::E,
                ],
            ),
        ];
        write_form(
            &dir.join(format!("phuong-{k:02}.xlsx")),
            &format!("UBND PHƯỜNG {k}"),
            "QUÝ III/2020",
            &COLUMNS,
            &rows,
        );
    }
    let out = tmp.path().join("out");
    let (_, findings) = consolidate(&dir, &out, &tpl, "2020-Q3", &[]);
    // Phường 4: size 30.000, KH 1.000 × 30.000 × 0,0008 × 1,2 = 28.800,
    // LK 0,74 of it. The office sends nothing in this test.
    let got: Vec<String> = summary(&findings)
        .into_iter()
        .filter(|s| !s.contains("|submission-missing|VP|"))
        .collect();
    assert_eq!(got, ["warning|outlier|P04|G7|BL01||≈ 21,312|21.312"]);
    let message = findings
        .iter()
        .find(|f| f["code"] == "outlier")
        .and_then(|f| f["message"].as_str())
        .unwrap();
    assert_eq!(
        message,
        "Phường 4: BL01 Tổng mức bán lẻ hàng hóa: cả dòng (KH 28.800; TH 7.488; \
         LK 21.312; CK 19.733,3) đều gấp khoảng 1.000 lần mức thường thấy ở các phường \
         khác (tính theo dân số), còn các số trong dòng thì khớp nhau: có lẽ ghi theo triệu \
         đồng thay cho tỷ đồng: cột LK là 21,312. Các số này đang được cộng vào tổng hợp; \
         hãy kiểm tra lại cả dòng với đơn vị."
    );
    // Every BL01 total (KH, TH, LK, CK and the %KH, %CK worked from
    // them) carries the warning; HC02's none.
    let book = out.join("tong-hop.xlsx");
    let marked: Vec<String> = total_notes(&book, "BL01")
        .into_iter()
        .filter(|(_, n)| n.contains("Cảnh báo: Phường 4: BL01"))
        .map(|(c, _)| c)
        .collect();
    assert_eq!(marked, ["D", "E", "F", "G", "H", "I"]);
    assert_eq!(total_notes(&book, "HC02"), []);
}

/// Phường 2 typed its petrol price in nghìn đồng (LK 24,19) where its CK
/// is 23.060 đồng/lít and its %CK 4,9 (growth) is right for 24.190: one
/// error at the LK naming nghìn đồng/lít, no advice to write −99,9 in the
/// percent. Near miss: Phường 3's price is right (24.190) and its %CK
/// typed 0,49 for 4,9, the percent's own slip (its LK and CK agree): the
/// percent is told, with its right figure.
#[test]
fn a_price_in_nghin_dong_is_told_at_the_lk_not_its_right_percent() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    let sizes: Vec<f64> = (1..=10)
        .map(|k| 10_000.0 + 1_000.0 * f64::from(k))
        .collect();
    write_retail_template(&tpl, &sizes);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    for k in 1..=3 {
        let (lk, pct) = match k {
            2 => (24.19, 4.9),
            3 => (24_190.0, 0.49),
            _ => (24_190.0, 4.9),
        };
        write_form(
            &dir.join(format!("phuong-{k:02}.xlsx")),
            &format!("UBND PHƯỜNG {k}"),
            "QUÝ III/2020",
            &COLUMNS,
            &[(
                "GX01",
                "Giá bán lẻ xăng bình quân",
                "đồng/lít",
                vec![V::E, V::N(24_400.0), V::N(lk), V::N(23_060.0), V::N(pct)],
            )],
        );
    }
    let out = tmp.path().join("out");
    let (_, findings) = consolidate(&dir, &out, &tpl, "2020-Q3", &[]);
    let got: Vec<String> = summary(&findings)
        .into_iter()
        .filter(|s| s.contains("|GX01|"))
        .collect();
    assert_eq!(
        got,
        [
            "error|pct-mismatch|P02|G7|GX01|LK|24.190|24,19",
            "error|pct-mismatch|P03|I7|GX01|%CK|4,90|0,49",
        ]
    );
    let message = |unit: &str| {
        findings
            .iter()
            .find(|f| f["unit"] == unit && f["indicator"] == "GX01")
            .and_then(|f| f["message"].as_str())
            .unwrap()
            .to_string()
    };
    assert_eq!(
        message("P02"),
        "Phường 2: GX01 Giá bán lẻ xăng bình quân ghi lũy kế 24,19, lệch khoảng 1.000 lần so \
         với cùng kỳ 23.060, nhưng % so với cùng kỳ đã ghi (4,9) đúng với lũy kế 24.190: 24,19 \
         có lẽ ghi theo nghìn đồng/lít thay cho đồng/lít, lũy kế đúng là 24.190; tỷ lệ thì \
         đúng. Hãy kiểm tra lại lũy kế (và cùng kỳ)."
    );
    assert!(
        message("P03").contains("Hãy sửa thành 4,90"),
        "{}",
        message("P03")
    );
}

/// Ten communes of 15.000 to 60.000 people and a land office
/// (`CCQLDD`, level both) reporting a land row in ha (DD01) and a count.
fn write_land_template(tpl: &Path, sizes: &[f64]) {
    std::fs::create_dir_all(tpl).unwrap();
    let toml =
        std::fs::read_to_string(crate::common::repo().join("templates/template.toml")).unwrap();
    std::fs::write(tpl.join("template.toml"), toml).unwrap();
    std::fs::write(tpl.join("groups.csv"), "group,name\nDD,Đất đai\n").unwrap();
    std::fs::write(
        tpl.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         DD01,DD,Diện tích đất giao cho thuê,ha,flow,both,CCQLDD,\n\
         DD02,DD,Số giấy chứng nhận cấp mới,giấy,flow,ward,CCQLDD,\n",
    )
    .unwrap();
    let mut agencies = String::from(
        "code,kind,name,aliases,reports,size\n\
         CCQLDD,department,Chi cục Quản lý đất đai,CC QLDD,yes,\n",
    );
    for (k, size) in sizes.iter().enumerate() {
        let k = k + 1;
        agencies.push_str(&format!("X{k:02},ward,Xã {k},,yes,{size}\n"));
    }
    std::fs::write(tpl.join("agencies.csv"), agencies).unwrap();
}

/// Tester CM (a Sở Nông nghiệp và Môi trường): Xã 4 typed its whole land
/// row in m² under «ha» (KH 208.600 for 20,86 ha; its quarter's TH, a
/// small one, 2.500 times the usual), so the province total was 10.000
/// times too large and the land office, whose total is right, got four
/// `total-mismatch` errors, while Xã 4 got one outlier on TH («khoảng
/// 5») saying nothing of m². Now: one warning at the row naming m² and
/// the LK read in ha, every DD01 total marked, and the office's four
/// figures not compared (`total-unchecked`, naming Xã 4). Near misses:
/// Xã 7 three times its peers per head in every column (a large land
/// programme) is not said, and DD02's totals are unmarked.
#[test]
fn a_land_row_in_square_metres_is_one_warning_and_blames_no_department() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    let sizes: Vec<f64> = (1..=10)
        .map(|k| 10_000.0 + 5_000.0 * f64::from(k))
        .collect();
    write_land_template(&tpl, &sizes);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let round2 = |v: f64| (v * 100.0).round() / 100.0;
    let mut right = [0.0f64; 4];
    for (k, size) in (1..=10).zip(&sizes) {
        // Land per head a little different in every commune: ha per
        // 1.000 people 0,8 … 1,25 of the year's plan.
        let per_head = 0.0008 * (1.0 + 0.05 * f64::from(k));
        let big = if k == 7 { 3.0 } else { 1.0 };
        let kh = round2(size * per_head * big);
        // Xã 4's quarter was a small one: a quarter of the usual.
        let th = round2(kh * if k == 4 { 0.065 } else { 0.26 });
        let lk = round2(kh * 0.74);
        let ck = round2(lk / 1.08);
        for (sum, v) in right.iter_mut().zip([kh, th, lk, ck]) {
            *sum += v;
        }
        let typed = |v: f64| if k == 4 { (v * 10_000.0).round() } else { v };
        let rows: Vec<FormRow> = vec![
            (
                "DD01",
                "Diện tích đất giao cho thuê",
                "ha",
                vec![
                    V::N(typed(kh)),
                    V::N(typed(th)),
                    V::N(typed(lk)),
                    V::N(typed(ck)),
                    V::E,
                ],
            ),
            (
                "DD02",
                "Số giấy chứng nhận cấp mới",
                "giấy",
                vec![
                    V::N(400.0 + f64::from(k)),
                    V::N(100.0 + f64::from(k)),
                    V::N(300.0 + f64::from(k)),
                    V::N(280.0 + f64::from(k)),
                    V::E,
                ],
            ),
        ];
        write_form(
            &dir.join(format!("xa-{k:02}.xlsx")),
            &format!("UBND XÃ {k}"),
            "QUÝ III/2020",
            &COLUMNS,
            &rows,
        );
    }
    // The land office states the province's right figures.
    let rows: Vec<FormRow> = vec![(
        "DD01",
        "Diện tích đất giao cho thuê",
        "ha",
        right
            .iter()
            .map(|&v| V::N(round2(v)))
            .chain([V::E])
            .collect(),
    )];
    write_form(
        &dir.join("CC QLDD - bao cao.xlsx"),
        "CHI CỤC QUẢN LÝ ĐẤT ĐAI",
        "QUÝ III/2020",
        &COLUMNS,
        &rows,
    );
    let out = tmp.path().join("out");
    let (_, findings) = consolidate(&dir, &out, &tpl, "2020-Q3", &[]);
    // Xã 4: size 30.000, KH 30.000 × 0,0008 × 1,2 = 28,8 ha, LK 21,31.
    assert_eq!(
        summary(&findings),
        ["warning|outlier|X04|G7|DD01||≈ 21,31|213.100"]
    );
    let message = findings
        .iter()
        .find(|f| f["code"] == "outlier")
        .and_then(|f| f["message"].as_str())
        .unwrap();
    assert_eq!(
        message,
        "Xã 4: DD01 Diện tích đất giao cho thuê: cả dòng (KH 288.000; TH 18.700; LK 213.100; \
         CK 197.300) đều gấp khoảng 10.000 lần mức thường thấy ở các xã khác (tính theo dân \
         số), còn các số trong dòng thì khớp nhau: có lẽ ghi theo m² thay cho ha: cột LK là \
         21,31. Các số này đang được cộng vào tổng hợp; hãy kiểm tra lại cả dòng với đơn vị."
    );
    // The office's four figures are held back, not called wrong.
    let unchecked: Vec<String> = findings
        .iter()
        .filter(|f| f["code"] == "total-unchecked")
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            format!(
                "{}|{}|{}|{}",
                s("severity"),
                s("unit"),
                s("column"),
                s("actual")
            )
        })
        .collect();
    assert_eq!(
        unchecked,
        [
            "info|CCQLDD|KH|Xã 4",
            "info|CCQLDD|TH|Xã 4",
            "info|CCQLDD|LK|Xã 4",
            "info|CCQLDD|CK|Xã 4"
        ]
    );
    let book = out.join("tong-hop.xlsx");
    let marked: Vec<String> = total_notes(&book, "DD01")
        .into_iter()
        .filter(|(_, n)| n.contains("Cảnh báo: Xã 4: DD01"))
        .map(|(c, _)| c)
        .collect();
    assert_eq!(marked, ["D", "E", "F", "G", "H", "I"]);
    assert_eq!(total_notes(&book, "DD02"), []);
}

/// A ministry's registry: ten «Tỉnh …» and four «Thành phố …» (`sizes`:
/// the cities last), exports in triệu USD (XK01) and a count (HC02).
fn write_ministry_template(tpl: &Path, sizes: &[f64]) {
    std::fs::create_dir_all(tpl).unwrap();
    let toml =
        std::fs::read_to_string(crate::common::repo().join("templates/template.toml")).unwrap();
    std::fs::write(tpl.join("template.toml"), toml).unwrap();
    std::fs::write(tpl.join("groups.csv"), "group,name\nXK,Xuất khẩu\n").unwrap();
    std::fs::write(
        tpl.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         XK01,XK,Kim ngạch xuất khẩu nông lâm thủy sản,triệu USD,flow,ward,VP,\n\
         HC02,XK,Số hồ sơ cấp chứng nhận xuất xứ,hồ sơ,flow,ward,VP,\n",
    )
    .unwrap();
    let mut agencies =
        String::from("code,kind,name,aliases,reports,size\nVP,department,Văn phòng,,yes,\n");
    for (k, size) in sizes.iter().enumerate() {
        agencies.push_str(&format!(
            "U{:02},ward,{},,yes,{size}\n",
            k + 1,
            unit_name(k + 1)
        ));
    }
    std::fs::write(tpl.join("agencies.csv"), agencies).unwrap();
}

/// Units 1 to 10 are provinces, 11 to 14 centrally-run cities.
fn unit_name(k: usize) -> String {
    const PLACES: [&str; 14] = [
        "An Phú",
        "Bình Sơn",
        "Cẩm Lệ",
        "Đông Hà",
        "Gia Bình",
        "Hòa Lạc",
        "Kim Sơn",
        "Lạc Dương",
        "Minh Long",
        "Ngọc Lặc",
        "Bắc Hà",
        "Nam Sơn",
        "Tây Hồ",
        "Vân Đồn",
    ];
    let place = PLACES[k - 1];
    match k {
        1..=10 => format!("Tỉnh {place}"),
        _ => format!("Thành phố {place}"),
    }
}

/// Tester DA (a ministry of 34 provinces): a city typed its whole export
/// row in nghìn USD under «triệu USD», a thousand times every province's
/// per head, and nothing was said: its peers were the four «Thành phố»
/// alone, too few to compare, and the national total came out 28 times
/// too large. Now a kind too few is weighed against all the registry's
/// units: one warning at the city's LK, its totals marked. Near misses:
/// a port city exporting four times the usual per head in every column,
/// and a province exporting three times: nothing said of them.
#[test]
fn a_citys_row_a_thousand_times_off_is_told_though_its_kind_is_few() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    let sizes: Vec<f64> = (1..=14)
        .map(|k| match k {
            1..=10 => 1_000_000.0 + 200_000.0 * f64::from(k),
            _ => 4_000_000.0 + 1_000_000.0 * f64::from(k - 10),
        })
        .collect();
    write_ministry_template(&tpl, &sizes);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    for (k, size) in (1..=14usize).zip(&sizes) {
        let kf = k as f64;
        // triệu USD per head, a little different in every unit.
        let per_head = 0.0001 * (1.0 + 0.04 * kf);
        let scale = match k {
            12 => 1000.0,
            13 => 4.0,
            5 => 3.0,
            _ => 1.0,
        };
        let round1 = |v: f64| (v * 10.0).round() / 10.0;
        let kh = round1(size * per_head * scale);
        let th = round1(kh * 0.26);
        let lk = round1(kh * 0.74);
        let ck = round1(lk / 1.08);
        let count = 400.0 + kf;
        let rows: Vec<FormRow> = vec![
            (
                "XK01",
                "Kim ngạch xuất khẩu nông lâm thủy sản",
                "triệu USD",
                vec![V::N(kh), V::N(th), V::N(lk), V::N(ck), V::E],
            ),
            (
                "HC02",
                "Số hồ sơ cấp chứng nhận xuất xứ",
                "hồ sơ",
                vec![
                    V::N(count),
                    V::N(count / 4.0),
                    V::N(count * 0.75),
                    V::N(count * 0.7),
                    V::E,
                ],
            ),
        ];
        write_form(
            &dir.join(format!("don-vi-{k:02}.xlsx")),
            &format!("UBND {}", unit_name(k).to_uppercase()),
            "QUÝ III/2026",
            &COLUMNS,
            &rows,
        );
    }
    let out = tmp.path().join("out");
    let (_, findings) = consolidate(&dir, &out, &tpl, "2026-Q3", &[]);
    // Thành phố Nam Sơn: size 6.000.000, per head 0,000148, KH 888 × 1.000, LK 0,74 of it.
    let got: Vec<String> = summary(&findings)
        .into_iter()
        .filter(|s| !s.contains("|submission-missing|VP|"))
        .collect();
    assert_eq!(got, ["warning|outlier|U12|G7|XK01||≈ 657,12|657.120"]);
    let message = findings
        .iter()
        .find(|f| f["code"] == "outlier")
        .and_then(|f| f["message"].as_str())
        .unwrap();
    assert_eq!(
        message,
        "Thành phố Nam Sơn: XK01 Kim ngạch xuất khẩu nông lâm thủy sản: cả dòng (KH 888.000; \
         TH 230.880; LK 657.120; CK 608.444,4) đều gấp khoảng 1.000 lần mức thường thấy ở các \
         tỉnh, thành phố khác (tính theo dân số), còn các số trong dòng thì khớp nhau: có lẽ \
         thừa chữ số 0 ở cả dòng: cột LK là 657,12. Các số này đang được cộng vào tổng hợp; \
         hãy kiểm tra lại cả dòng với đơn vị."
    );
    let book = out.join("tong-hop.xlsx");
    let marked: Vec<String> = total_notes(&book, "XK01")
        .into_iter()
        .filter(|(_, n)| n.contains("Thành phố Nam Sơn: XK01"))
        .map(|(c, _)| c)
        .collect();
    assert_eq!(marked, ["D", "E", "F", "G", "H", "I"]);
    assert_eq!(total_notes(&book, "HC02"), []);
}

/// Tester DA: An Giang typed its Q3 rice TH in tấn under «nghìn tấn»
/// (1.853.400 for 1.853,4), its LK 5.573,7 right: three findings came
/// (`cumulative-mismatch` at the right LK, `relation-violated` at the
/// right grain TH, an outlier at the TH). Now one error at the TH naming
/// 1.853,4, the grain relation not blamed and the grain total unmarked.
/// Near miss: a TH a little above its LK (grain 6.600 where LK 6.520) is
/// no slip of a power: the plain error at the LK, each figure as typed.
#[test]
fn a_th_a_thousand_times_above_its_lk_is_one_error_at_the_th() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    std::fs::create_dir_all(&tpl).unwrap();
    let toml =
        std::fs::read_to_string(crate::common::repo().join("templates/template.toml")).unwrap();
    std::fs::write(tpl.join("template.toml"), toml).unwrap();
    std::fs::write(tpl.join("groups.csv"), "group,name\nTT,Trồng trọt\n").unwrap();
    std::fs::write(
        tpl.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         TT02,TT,Sản lượng lúa,nghìn tấn,flow,ward,VP,\n\
         TT03,TT,Sản lượng lương thực có hạt,nghìn tấn,flow,ward,VP,TT03 >= TT02\n",
    )
    .unwrap();
    let mut agencies =
        String::from("code,kind,name,aliases,reports,size\nVP,department,Văn phòng,,yes,\n");
    for k in 1..=10usize {
        agencies.push_str(&format!("U{k:02},ward,{},,yes,2000000\n", unit_name(k)));
    }
    std::fs::write(tpl.join("agencies.csv"), agencies).unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    for k in 1..=10usize {
        let kf = k as f64;
        let (kh, lk, ck) = (7000.0 + 10.0 * kf, 5500.0 + 10.0 * kf, 5400.0 + 10.0 * kf);
        let th = match k {
            3 => 1_853_400.0,
            _ => 1850.0 + kf,
        };
        let (th3, lk3) = match k {
            5 => (6600.0, 6520.0),
            _ => (2200.0 + kf, 6500.0 + kf),
        };
        let rows: Vec<FormRow> = vec![
            (
                "TT02",
                "Sản lượng lúa",
                "nghìn tấn",
                vec![V::N(kh), V::N(th), V::N(lk), V::N(ck), V::E],
            ),
            (
                "TT03",
                "Sản lượng lương thực có hạt",
                "nghìn tấn",
                vec![V::N(8000.0), V::N(th3), V::N(lk3), V::N(6400.0), V::E],
            ),
        ];
        write_form(
            &dir.join(format!("don-vi-{k:02}.xlsx")),
            &format!("UBND {}", unit_name(k).to_uppercase()),
            "QUÝ III/2026",
            &COLUMNS,
            &rows,
        );
    }
    let out = tmp.path().join("out");
    let (_, findings) = consolidate(&dir, &out, &tpl, "2026-Q3", &[]);
    let got: Vec<String> = summary(&findings)
        .into_iter()
        .filter(|s| !s.contains("|submission-missing|VP|"))
        .collect();
    assert_eq!(
        got,
        [
            "error|cumulative-mismatch|U03|F7|TT02|TH|1.853,4|1.853.400",
            "error|cumulative-mismatch|U05|G8|TT03|LK|LK ≥ TH|6.520",
        ]
    );
    let said = |unit: &str| {
        findings
            .iter()
            .find(|f| f["unit"] == unit && f["code"] == "cumulative-mismatch")
            .and_then(|f| f["message"].as_str())
            .unwrap()
            .to_string()
    };
    assert_eq!(
        said("U03"),
        "Tỉnh Cẩm Lệ: TT02 Sản lượng lúa: TH 1.853.400 lớn hơn cả lũy kế từ đầu năm 5.530, \
         vốn đã gồm quý này; chia cho 1.000 thì được 1.853,4, vừa với lũy kế, và số cùng kỳ \
         khớp với lũy kế 5.530: có lẽ TH gõ thừa chữ số hoặc ghi theo đơn vị nhỏ hơn \
         (×1.000). Số TH này cũng làm sai điều kiện TT03 ≥ TT02 (TT03 Sản lượng lương thực \
         có hạt 2.203); với 1.853,4 thì điều kiện đúng. Hãy sửa TH thành 1.853,4."
    );
    assert_eq!(
        said("U05"),
        "Tỉnh Gia Bình: TT03 Sản lượng lương thực có hạt: lũy kế từ đầu năm 6.520 nhỏ hơn \
         thực hiện quý này 6.600, nhưng lũy kế đã gồm cả quý này; một trong hai số sai. Hãy \
         kiểm tra cả hai cột."
    );
    let book = out.join("tong-hop.xlsx");
    let marked = |code: &str| -> Vec<String> {
        total_notes(&book, code)
            .into_iter()
            .filter(|(_, n)| n.contains("Cẩm Lệ"))
            .map(|(c, _)| c)
            .collect()
    };
    assert_eq!(marked("TT02"), ["E"]);
    assert_eq!(marked("TT03"), Vec::<String>::new());
}

/// Ten communes, a province's budget rows in triệu đồng: revenue (TC02)
/// and its fees (TC04 <= TC02), spending (TC05 = TC06 + TC07) and the
/// share of investment in it (TC11, a rate over TC06 and TC05).
fn write_budget_template(tpl: &Path) {
    std::fs::create_dir_all(tpl).unwrap();
    let toml =
        std::fs::read_to_string(crate::common::repo().join("templates/template.toml")).unwrap();
    std::fs::write(tpl.join("template.toml"), toml).unwrap();
    std::fs::write(tpl.join("groups.csv"), "group,name\nNS,Ngân sách\n").unwrap();
    std::fs::write(
        tpl.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         TC02,NS,Thu nội địa,triệu đồng,flow,ward,VP,\n\
         TC04,NS,Thu phí lệ phí,triệu đồng,flow,ward,VP,TC04 <= TC02\n\
         TC05,NS,Tổng chi ngân sách,triệu đồng,flow,ward,VP,TC05 == TC06 + TC07\n\
         TC06,NS,Chi đầu tư phát triển,triệu đồng,flow,ward,VP,\n\
         TC07,NS,Chi thường xuyên,triệu đồng,flow,ward,VP,\n\
         TC11,NS,Tỷ lệ chi đầu tư phát triển trên tổng chi,%,rate,ward,VP,TC06 / TC05 * 100\n",
    )
    .unwrap();
    let mut agencies =
        String::from("code,kind,name,aliases,reports,size\nVP,department,Văn phòng,,yes,\n");
    for k in 1..=10 {
        agencies.push_str(&format!(
            "X{k:02},ward,Xã {k},,yes,{}\n",
            20_000 + 1_000 * k
        ));
    }
    std::fs::write(tpl.join("agencies.csv"), agencies).unwrap();
}

/// Tester DR (a Sở Tài chính): Xã 4 typed its fee row in đồng under
/// «triệu đồng» (a million times), Xã 7 its investment row in nghìn
/// đồng (a thousand times) while its share of investment (TC11) is right.
/// Each row broke the relations it enters (fees above revenue in every
/// column; spending ≠ its parts) and they hold once the row is brought
/// back: one error at the row naming the unit, no relation-violated or
/// sum-mismatch chain, no pct-mismatch on Xã 7's right rate. Near miss:
/// Xã 9 is a thousand times the others in revenue and fees alike (its
/// relations hold as written): no error.
#[test]
fn a_row_in_dong_that_breaks_its_relations_is_one_error_at_the_row() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_budget_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let columns = [
        "Dự toán năm",
        "Thực hiện quý",
        "Lũy kế từ đầu năm",
        "Cùng kỳ năm trước",
    ];
    for k in 1..=10 {
        let b = 1.0 + 0.03 * f64::from(k);
        // KH, TH (= LK in the first quarter), CK.
        let row = |kh: f64, th: f64, ck: f64, times: f64| {
            let v = |x: f64| (x * b).round() * times;
            [v(kh), v(th), v(th), v(ck)]
        };
        let big = if k == 9 { 1000.0 } else { 1.0 };
        let tc02 = row(9_900.0, 2_870.0, 2_600.0, big);
        let tc04 = row(
            560.0,
            150.0,
            140.0,
            match k {
                4 => 1e6,
                9 => 1000.0,
                _ => 1.0,
            },
        );
        let tc06 = row(5_560.0, 1_220.0, 1_100.0, 1.0);
        let tc07 = row(8_940.0, 2_110.0, 2_000.0, 1.0);
        let tc05: Vec<f64> = (0..4).map(|j| tc06[j] + tc07[j]).collect();
        let tc11: Vec<f64> = (0..4)
            .map(|j| (tc06[j] / tc05[j] * 10_000.0).round() / 100.0)
            .collect();
        let typed06 = if k == 7 {
            tc06.map(|x| x * 1000.0)
        } else {
            tc06
        };
        let ns = |a: &[f64]| a.iter().map(|&x| V::N(x)).collect::<Vec<V>>();
        let rows: Vec<FormRow> = vec![
            ("TC02", "Thu nội địa", "triệu đồng", ns(&tc02)),
            ("TC04", "Thu phí lệ phí", "triệu đồng", ns(&tc04)),
            ("TC05", "Tổng chi ngân sách", "triệu đồng", ns(&tc05)),
            ("TC06", "Chi đầu tư phát triển", "triệu đồng", ns(&typed06)),
            ("TC07", "Chi thường xuyên", "triệu đồng", ns(&tc07)),
            (
                "TC11",
                "Tỷ lệ chi đầu tư phát triển trên tổng chi",
                "%",
                ns(&tc11),
            ),
        ];
        write_form(
            &dir.join(format!("xa-{k:02}.xlsx")),
            &format!("UBND XÃ {k}"),
            "QUÝ I/2020",
            &columns,
            &rows,
        );
    }
    let out = tmp.path().join("out");
    let (_, findings) = consolidate(&dir, &out, &tpl, "2020-Q1", &[]);
    let got: Vec<String> = summary(&findings)
        .into_iter()
        .filter(|s| !s.contains("|submission-missing|VP|"))
        .collect();
    let of = |unit: &str| -> Vec<String> {
        got.iter()
            .filter(|s| s.contains(&format!("|{unit}|")))
            .cloned()
            .collect()
    };
    // Xã 4: TC04 LK (G8) 150 × 1,12 = 168 written 168.000.000.
    assert_eq!(
        of("X04"),
        ["error|outlier|X04|G8|TC04||≈ 168|168.000.000"],
        "{got:#?}"
    );
    // Xã 7: TC06 LK (G10) 1.220 × 1,21 = 1.476 written 1.476.000.
    assert_eq!(
        of("X07"),
        ["error|outlier|X07|G10|TC06||≈ 1.476|1.476.000"],
        "{got:#?}"
    );
    assert!(
        of("X09").iter().all(|s| !s.starts_with("error|")),
        "{got:#?}"
    );
    let message = findings
        .iter()
        .find(|f| f["unit"] == "X04" && f["code"] == "outlier")
        .and_then(|f| f["message"].as_str())
        .unwrap();
    assert!(
        message.contains("có lẽ ghi theo đồng thay cho triệu đồng"),
        "{message}"
    );
}
