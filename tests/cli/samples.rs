//! `tonghop samples`: the real binary writes batches and the sample
//! district; the workbooks are read back with calamine.

use crate::common::{read_sheet, tonghop};
use std::path::Path;

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

/// The figure of a numeric cell as `read_sheet` gives it.
fn number(s: &str) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

/// The row of a layout-A sheet whose code column (B) holds `code`.
fn row_of<'a>(sheet: &'a [Vec<String>], code: &str) -> &'a Vec<String> {
    sheet
        .iter()
        .find(|r| r.get(1).map(String::as_str) == Some(code))
        .unwrap_or_else(|| panic!("{code} not found"))
}

#[test]
fn samples_units_writes_consistent_wards_and_their_registry() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("batch");
    tonghop()
        .args([
            "samples", "--units", "20", "--period", "2020-Q1", "--seed", "9", "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let subs = out.join("submissions");
    let names = files(&subs);
    assert_eq!(names.len(), 20);
    assert_eq!(names[0], "w00001-phuong-1.xlsx");
    assert_eq!(
        files(&out.join("template")),
        [
            "agencies.csv",
            "groups.csv",
            "indicators.csv",
            "template.toml"
        ]
    );
    let registry = std::fs::read_to_string(out.join("template/agencies.csv")).unwrap();
    assert_eq!(registry.lines().count(), 21);
    assert!(registry.contains("W00002,ward,Xã Tân Phú,"));
    assert!(!registry.contains("department"));

    // Layout A: letterhead, title, header on row 7, code column.
    let a = read_sheet(&subs.join("w00001-phuong-1.xlsx"), "Biểu 1");
    assert_eq!(a[0][0], "UBND PHƯỜNG 1");
    assert_eq!(a[3][0], "BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ I/2020");
    assert_eq!(
        a[6],
        [
            "STT",
            "Mã số",
            "Chỉ tiêu",
            "ĐVT",
            "Kế hoạch năm 2020",
            "Thực hiện quý I/2020",
            "Lũy kế từ đầu năm",
            "Cùng kỳ năm 2019",
            "% so với KH",
            "% so với cùng kỳ",
            "Ghi chú"
        ]
    );
    // HC02 == HC03 + HC04 on the real figures, TH (F) and LK (G); LK = TH.
    for col in [5, 6] {
        let v = |code: &str| number(&row_of(&a, code)[col]);
        assert_eq!(v("HC02"), v("HC03") + v("HC04"));
        assert_eq!(v("YT10"), v("YT11") + v("YT12") + v("YT13"));
        assert_eq!(v("TT07"), v("TT05") - v("TT06"));
    }
    let hc05 = number(&row_of(&a, "HC05")[5]);
    let exact = number(&row_of(&a, "HC03")[5]) / number(&row_of(&a, "HC02")[5]) * 100.0;
    assert!((hc05 - exact).abs() <= 0.005 + 1e-9, "{hc05} vs {exact}");
    // No ward-only file carries a district-level indicator.
    assert!(!a
        .iter()
        .any(|r| r.get(1).map(String::as_str) == Some("NS01")));

    // Layout B (units 7-8 of every 10) and C (9-10): two-row header and text numbers.
    let b = read_sheet(&subs.join(&names[6]), "Biểu 1");
    assert_eq!(b[5][3], "Quý I/2020");
    assert_eq!(
        (b[6][3].as_str(), b[6][4].as_str()),
        ("Thực hiện", "Lũy kế")
    );
    let c = read_sheet(&subs.join(&names[8]), "Sheet1");
    assert_eq!(
        c[4],
        [
            "TT",
            "Chỉ tiêu",
            "ĐVT",
            "KH năm",
            "TH quý",
            "Lũy kế",
            "Cùng kỳ",
            "%KH",
            "%CK"
        ]
    );
    assert_eq!(c[2][0], "BÁO CÁO SỐ LIỆU 3 tháng đầu năm 2020");

    // Files differ per unit, in figures and not only in the letterhead.
    let a2 = read_sheet(&subs.join(&names[2]), "Biểu 1");
    assert_ne!(row_of(&a, "YT01")[5], row_of(&a2, "YT01")[5]);
    let tasks = read_sheet(&subs.join(&names[0]), "Nhiệm vụ");
    assert_eq!(
        tasks[2],
        [
            "TT",
            "Nội dung",
            "Tiến độ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp"
        ]
    );
    assert!(tasks.len() >= 7);

    // The same seed again gives the same bytes.
    let again = tmp.path().join("again");
    tonghop()
        .args(["samples", "--units", "20", "--seed", "9", "--out"])
        .arg(&again)
        .assert()
        .success();
    for n in &names {
        assert!(
            std::fs::read(subs.join(n)).unwrap()
                == std::fs::read(again.join("submissions").join(n)).unwrap(),
            "{n}"
        );
    }
    // And an existing batch is not replaced without --force.
    tonghop()
        .args(["samples", "--units", "3", "--out"])
        .arg(&out)
        .assert()
        .code(2);
    tonghop()
        .args(["samples", "--units", "3", "--force", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(files(&subs).len(), 3);
}

#[test]
fn samples_rows_writes_a_few_large_workbooks_that_consolidate_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("large");
    tonghop()
        .args(["samples", "--rows", "300", "--out"])
        .arg(&dir)
        .assert()
        .success();
    let subs = dir.join("submissions");
    let names = files(&subs);
    assert_eq!(names.len(), 4);
    // The catalog lists exactly the 300 indicators of the rows.
    let catalog = std::fs::read_to_string(dir.join("template/indicators.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(catalog.as_bytes());
    let catalog: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(catalog.len(), 300);
    let kind_of = |code: &str| -> (String, String) {
        let r = catalog.iter().find(|r| &r[0] == code).unwrap();
        (r[4].to_string(), r[7].to_string())
    };
    // Each workbook: 300 rows, every one an indicator of its own, the
    // same indicators in every workbook; TH (F) summed per code.
    let mut sums: std::collections::BTreeMap<String, f64> = Default::default();
    for n in &names {
        let a = read_sheet(&subs.join(n), "Biểu 1");
        let rows: Vec<&Vec<String>> = a
            .iter()
            .skip(7)
            .filter(|r| {
                catalog
                    .iter()
                    .any(|c| Some(&c[0]) == r.get(1).map(String::as_str))
            })
            .collect();
        assert_eq!(rows.len(), 300, "{n}");
        let mut codes: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 300, "{n}: no code repeats");
        for r in rows {
            if !r[5].is_empty() {
                *sums.entry(r[1].clone()).or_default() += number(&r[5]);
            }
        }
    }
    assert!(sums.contains_key("HC02.2") && sums.contains_key("KT03.1"));

    // Consolidated: no finding at all, every unit in, the totals the sums
    // of the workbooks (rates recomputed from the summed operands).
    let out = tmp.path().join("out");
    tonghop()
        .arg("consolidate")
        .arg(&subs)
        .arg("--template")
        .arg(dir.join("template"))
        .args(["--period", "2020-Q1", "--out"])
        .arg(&out)
        .assert()
        .success();
    let findings = crate::common::read_findings(&out.join("errors.json"));
    assert!(findings.is_empty(), "{:?}", findings.first());
    let summary = read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let th: std::collections::BTreeMap<&str, f64> = summary
        .iter()
        .filter(|r| catalog.iter().any(|c| &c[0] == r[0].as_str()))
        .filter(|r| !r[4].is_empty())
        .map(|r| (r[0].as_str(), number(&r[4])))
        .collect();
    assert_eq!(th.len(), sums.len());
    let mut rates = 0;
    for (code, &sum) in &sums {
        let got = th[code.as_str()];
        let (kind, formula) = kind_of(code);
        if kind == "rate" {
            let (num, den) = formula.split_once(" / ").unwrap();
            let den = den.trim_end_matches(" * 100");
            let want = sums[num] / sums[den] * 100.0;
            assert!((got - want).abs() < 0.005, "{code}: {got} vs {want}");
            rates += 1;
        } else {
            assert!(
                (got - sum).abs() <= 1e-9 * sum.abs().max(1.0),
                "{code}: {got} vs {sum}"
            );
        }
    }
    assert!(rates >= 4, "{rates} rates");
}

#[test]
fn samples_preset_district_matches_the_committed_samples() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("2020-Q1");
    let expected = tmp.path().join("expected.tsv");
    tonghop()
        .args([
            "samples", "--preset", "district", "--period", "2020-Q1", "--out",
        ])
        .arg(&out)
        .arg("--expected")
        .arg(&expected)
        .assert()
        .success();
    let committed = crate::common::repo().join("samples");
    assert_eq!(files(&out), files(&committed.join("2020-Q1")));
    assert_eq!(
        std::fs::read_to_string(&expected).unwrap(),
        std::fs::read_to_string(committed.join("expected-2020-Q1.tsv")).unwrap()
    );
    // The committed workbooks hold the same figures as a fresh run.
    for name in [
        "phuong-05.xlsx",
        "Phuong 10 - bao cao quy 1.xlsx",
        "phuong-13.xlsx",
        "thanh-tra-quan.xlsx",
    ] {
        let sheet = if name == "phuong-13.xlsx" {
            "Sheet1"
        } else {
            "Biểu 1"
        };
        assert_eq!(
            read_sheet(&out.join(name), sheet),
            read_sheet(&committed.join("2020-Q1").join(name), sheet),
            "{name}"
        );
    }
    assert_eq!(
        std::fs::metadata(out.join("bieu-mau-trong.xlsx"))
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        std::fs::metadata(out.join("~$phuong-02.xlsx"))
            .unwrap()
            .len(),
        165
    );
}
