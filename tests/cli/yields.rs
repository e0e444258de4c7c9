//! A rice yield (tạ/ha = sản lượng tấn / diện tích ha × 10) among ten
//! communes (tester CR, an agriculture office's own template): a yield
//! typed in another unit of mass per area is converted, and a right yield
//! is not blamed for an area or a production the outlier rules dispute.

use crate::checks::{consolidate, summary, write_form, FormRow, V};
use crate::common::read_sheet;
use std::path::Path;

/// Ten communes of 15.000 to 60.000 people, the shipped template.toml
/// and a rice catalog of the office's own codes.
fn write_rice_template(tpl: &Path) {
    std::fs::create_dir_all(tpl).unwrap();
    let toml =
        std::fs::read_to_string(crate::common::repo().join("templates/template.toml")).unwrap();
    std::fs::write(tpl.join("template.toml"), toml).unwrap();
    std::fs::write(tpl.join("groups.csv"), "group,name\nTT,Trồng trọt\n").unwrap();
    std::fs::write(
        tpl.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula,aliases,decimals\n\
         TT.01,TT,Diện tích lúa,ha,flow,ward,SNN,,,1\n\
         TT.02,TT,Năng suất lúa,tạ/ha,rate,ward,SNN,TT.03 / TT.01 * 10,,1\n\
         TT.03,TT,Sản lượng lúa,tấn,flow,ward,SNN,,,1\n",
    )
    .unwrap();
    let mut agencies =
        String::from("code,kind,name,aliases,reports,size\nSNN,department,Sở Nông nghiệp,,no,\n");
    for k in 1..=10 {
        let size = 10_000 + 5_000 * k;
        agencies.push_str(&format!("X{k:02},ward,Xã {k},,yes,{size}\n"));
    }
    std::fs::write(tpl.join("agencies.csv"), agencies).unwrap();
}

const COLUMNS: [&str; 4] = [
    "Kế hoạch năm",
    "Thực hiện quý",
    "Lũy kế từ đầu năm",
    "Cùng kỳ năm trước",
];

fn round(v: f64, d: i32) -> f64 {
    let p = 10f64.powi(d);
    (v * p).round() / p
}

/// Commune k's right figures, column by column (KH, TH, LK, CK): area
/// (ha), yield (tạ/ha, from the rounded area and production) and
/// production (tấn).
fn right(k: u32) -> [[f64; 4]; 3] {
    let size = 10_000.0 + 5_000.0 * f64::from(k);
    let kh = size * 0.0008 * (1.0 + 0.05 * f64::from(k));
    let area = [kh, kh * 0.3, kh * 0.95, kh * 0.95 / 1.08].map(|v| round(v, 1));
    let per = 60.0 + 0.3 * f64::from(k);
    let production = area.map(|a| round(a * per / 10.0, 1));
    let mut yield_ = [0.0; 4];
    for c in 0..4 {
        yield_[c] = round(production[c] / area[c] * 10.0, 1);
    }
    [area, yield_, production]
}

/// A row as written: its unit and its four figures.
type Row = (&'static str, [f64; 4]);

/// Writes the ten communes' reports, each through `edit` (commune, its
/// rows: area, yield, production, each with its unit and four figures).
fn write_batch(dir: &Path, edit: &dyn Fn(u32, &mut [Row; 3])) {
    std::fs::create_dir_all(dir).unwrap();
    for k in 1..=10 {
        let [a, y, p] = right(k);
        let mut rows = [("ha", a), ("tạ/ha", y), ("tấn", p)];
        edit(k, &mut rows);
        let names = [
            ("TT.01", "Diện tích lúa"),
            ("TT.02", "Năng suất lúa"),
            ("TT.03", "Sản lượng lúa"),
        ];
        let form: Vec<FormRow> = names
            .iter()
            .zip(rows)
            .map(|(&(code, name), (unit, v))| (code, name, unit, v.map(V::N).to_vec()))
            .collect();
        write_form(
            &dir.join(format!("xa-{k:02}.xlsx")),
            &format!("UBND XÃ {k}"),
            "QUÝ III/2020",
            &COLUMNS,
            &form,
        );
    }
}

/// The Tổng hợp figure of `code` in column `col` (0: KH).
fn total(book: &Path, code: &str, col: usize) -> String {
    let sheet = read_sheet(book, "Tổng hợp");
    let row = sheet
        .iter()
        .find(|row| row.iter().any(|c| c == code))
        .unwrap_or_else(|| panic!("{code} in Tổng hợp"));
    let at = row.iter().position(|c| c == code).unwrap();
    row[at + 3 + col].clone()
}

/// Xã 2 wrote its yield in «tấn/ha» (LK 6,39 for 63,9 tạ/ha): converted
/// ×10 with one warning, and the yield checked after the conversion is
/// right (it was a warning that the figures are read as tạ/ha and two
/// `pct-mismatch` errors «chỉ bằng 1/10 số đúng»). Near miss: Xã 3's
/// yield in «tạ/sào», a unit the tool cannot convert, keeps that warning.
#[test]
fn a_yield_in_tons_per_hectare_is_converted_and_checked_after() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_rice_template(&tpl);
    let dir = tmp.path().join("in");
    write_batch(&dir, &|k, rows| match k {
        2 => rows[1] = ("tấn/ha", rows[1].1.map(|v| round(v / 10.0, 2))),
        3 => rows[1].0 = "tạ/sào",
        _ => {}
    });
    let out = tmp.path().join("out");
    let (_, findings) = consolidate(&dir, &out, &tpl, "2020-Q3", &[]);
    assert_eq!(
        summary(&findings),
        [
            "warning|unit-mismatch|X02|D8|TT.02||tạ/ha|tấn/ha",
            "warning|unit-mismatch|X03|D8|TT.02||tạ/ha|tạ/sào",
        ]
    );
    let said = |unit: &str| {
        findings
            .iter()
            .find(|f| f["unit"] == unit)
            .and_then(|f| f["message"].as_str())
            .unwrap()
            .to_string()
    };
    assert!(
        said("X02").contains("đã được quy đổi (×10)"),
        "{}",
        said("X02")
    );
    assert!(
        said("X03").contains("vẫn được tổng hợp như số tạ/ha"),
        "{}",
        said("X03")
    );
    // The yield total is worked from the summed production and area.
    let book = out.join("tong-hop.xlsx");
    let (mut a, mut p) = (0.0, 0.0);
    for k in 1..=10 {
        let [area, _, production] = right(k);
        a += area[2];
        p += production[2];
    }
    let stated: f64 = total(&book, "TT.02", 2).parse().unwrap();
    assert!((stated - p / a * 10.0).abs() < 1e-6, "{stated}");
}

/// Xã 4 typed its whole area row in m² under «ha» (10.000 times its
/// peers' per head, in line with itself): one `outlier` warning at the
/// row, its LK read in ha, the area totals marked, and its right yield
/// (worked from the disputed area it would be 0,006 tạ/ha) not blamed.
/// Xã 5 typed its production's LK in kg under «tấn» (1.000 times its plan
/// and last year's): the outlier at it, and its right yield not blamed.
/// Near misses: Xã 6's area in m² and Xã 8's production in kg as well,
/// but their LK yields are wrong even with the figure brought back: each
/// keeps its `pct-mismatch`, without advice worked from the disputed
/// figure.
#[test]
fn a_right_yield_is_not_blamed_for_an_area_or_production_in_another_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_rice_template(&tpl);
    let dir = tmp.path().join("in");
    write_batch(&dir, &|k, rows| {
        if k == 4 || k == 6 {
            rows[0].1 = rows[0].1.map(|v| (v * 10_000.0).round());
        }
        if k == 5 || k == 8 {
            rows[2].1[2] = (rows[2].1[2] * 1000.0).round();
        }
        if k == 6 || k == 8 {
            rows[1].1[2] += 8.0;
        }
    });
    let [a4, _, _] = right(4);
    let [_, _, p5] = right(5);
    let [_, y6, _] = right(6);
    let [_, y8, p8] = right(8);
    let out = tmp.path().join("out");
    let (_, findings) = consolidate(&dir, &out, &tpl, "2020-Q3", &[]);
    let vi = |v: f64, d: usize| {
        let s = format!("{v:.d$}").replace('.', ",");
        let (int, frac) = s
            .split_once(',')
            .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
        let mut grouped = String::new();
        for (n, c) in int.chars().enumerate() {
            if n > 0 && (int.len() - n) % 3 == 0 {
                grouped.push('.');
            }
            grouped.push(c);
        }
        match frac {
            Some(f) => format!("{grouped},{f}"),
            None => grouped,
        }
    };
    let mut want = vec![
        format!(
            "warning|outlier|X04|G7|TT.01||≈ {}|{}",
            vi(a4[2], 1),
            vi(a4[2] * 1e4, 0)
        ),
        format!(
            "warning|outlier|X05|G9|TT.03|LK|{}|{}",
            vi(p5[2], 0),
            vi(p5[2] * 1e3, 0)
        ),
        format!(
            "warning|outlier|X08|G9|TT.03|LK|{}|{}",
            vi(p8[2], 0),
            vi(p8[2] * 1e3, 0)
        ),
        format!("error|pct-mismatch|X06|G8|TT.02|LK||{}", vi(y6[2] + 8.0, 1)),
        format!("error|pct-mismatch|X08|G8|TT.02|LK||{}", vi(y8[2] + 8.0, 1)),
    ];
    let [a6, _, _] = right(6);
    want.push(format!(
        "warning|outlier|X06|G7|TT.01||≈ {}|{}",
        vi(a6[2], 1),
        vi(a6[2] * 1e4, 0)
    ));
    want.sort();
    assert_eq!(summary(&findings), want);
    // The rows in m² are summed as written, and every area total says so.
    let book = out.join("tong-hop.xlsx");
    let marked: Vec<String> = crate::row_scale::total_notes(&book, "TT.01")
        .into_iter()
        .filter(|(_, n)| n.contains("Xã 4: TT.01"))
        .map(|(c, _)| c)
        .collect();
    assert_eq!(marked, ["D", "E", "F", "G", "H", "I"]);
    let stated: f64 = total(&book, "TT.01", 2).parse().unwrap();
    let written: f64 = (1..=10)
        .map(|k| {
            let a = right(k)[0][2];
            if k == 4 || k == 6 {
                (a * 10_000.0).round()
            } else {
                a
            }
        })
        .sum();
    assert!((stated - written).abs() < 1e-6, "{stated}");
}
