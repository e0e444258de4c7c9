//! The second template, a province after the 2025 reform
//! (`templates/province`), and its shipped batch
//! (`samples/province-2026-Q1`, written by `tonghop samples --template`):
//! the committed batch is what the generator makes; it consolidates with
//! exactly its planted findings; its totals are the sums of the figures
//! the generator wrote, codes that folding would merge included; the
//! messages speak of the province and its communes; a clean batch has no
//! finding at all, outliers included. The generator is also run on the
//! built-in template and on a registry of wards only.

use crate::common::{assert_findings_are, read_findings, read_sheet, repo, tonghop};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tonghop::model::Period;
use tonghop::samples::figures::money_unit;
use tonghop::samples::template_batch::stated_figures;
use tonghop::template::{AgencyKind, Template};

const PERIOD: &str = "2026-Q1";
const SEED: &str = "2026";

fn batch() -> PathBuf {
    repo().join("samples/province-2026-Q1")
}

fn province() -> Template {
    Template::load(&repo().join("templates/province")).unwrap()
}

/// Consolidates a batch folder (`submissions/` with `template/`).
fn consolidate(dir: &Path, out: &Path, lang: &str) -> std::process::Output {
    tonghop()
        .arg("consolidate")
        .arg(dir.join("submissions"))
        .arg("--template")
        .arg(dir.join("template"))
        .args(["--period", PERIOD, "--lang", lang, "--out"])
        .arg(out)
        .output()
        .unwrap()
}

/// Every file under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

/// Every sheet of a workbook, as strings.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{open_workbook_auto, Reader};
    let names = open_workbook_auto(path).unwrap().sheet_names();
    names
        .into_iter()
        .map(|n| {
            let cells = read_sheet(path, &n);
            (n, cells)
        })
        .collect()
}

#[test]
fn samples_template_province_matches_the_committed_batch() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("province");
    tonghop()
        .current_dir(repo())
        .args([
            "samples",
            "--template",
            "templates/province",
            "--period",
            PERIOD,
            "--seed",
            SEED,
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let committed = batch();
    assert_eq!(tree(&out), tree(&committed));
    for f in tree(&out) {
        let (a, b) = (out.join(&f), committed.join(&f));
        if f.ends_with(".xlsx") {
            assert_eq!(sheets(&a), sheets(&b), "{f}");
        } else {
            // The README, the expected findings and the template's copy.
            assert_eq!(
                std::fs::read_to_string(&a).unwrap(),
                std::fs::read_to_string(&b).unwrap(),
                "{f}"
            );
        }
    }
    // The copy is the shipped template, byte for byte.
    for f in [
        "template.toml",
        "indicators.csv",
        "groups.csv",
        "agencies.csv",
    ] {
        assert_eq!(
            std::fs::read(committed.join("template").join(f)).unwrap(),
            std::fs::read(repo().join("templates/province").join(f)).unwrap(),
            "{f}"
        );
    }
    // Small enough to ship.
    let bytes: u64 = tree(&committed)
        .iter()
        .map(|f| std::fs::metadata(committed.join(f)).unwrap().len())
        .sum();
    assert!(bytes < 1_000_000, "{bytes} bytes");
}

#[test]
fn the_province_batch_consolidates_with_exactly_its_planted_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let output = consolidate(&batch(), &out, "vi");
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_findings_are(&out.join("errors.json"), &batch().join("expected.tsv"));
    // Every planted mistake is there, by the README's list.
    let tsv = std::fs::read_to_string(batch().join("expected.tsv")).unwrap();
    for code in [
        "submission-missing",
        "submission-duplicate",
        "sum-mismatch",
        "pct-mismatch",
        "pct-kind",
        "value-invalid",
        "unit-mismatch",
        "indicator-approximate",
        "total-mismatch",
        "total-unchecked",
    ] {
        assert!(tsv.contains(&format!("\t{code}\t")), "{code}");
    }
}

#[test]
fn province_totals_equal_the_sums_of_the_generated_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_eq!(consolidate(&batch(), &out, "vi").status.code(), Some(1));
    let t = province();
    let period: Period = PERIOD.parse().unwrap();
    let files = stated_figures(&t, period, SEED.parse().unwrap(), false).unwrap();
    // The files a consolidation uses; a figure written in another money
    // unit is converted to the catalog's.
    let mut ward_sum: BTreeMap<(String, usize), f64> = BTreeMap::new();
    let mut dept: BTreeMap<(String, usize), f64> = BTreeMap::new();
    for (_, ward, lines) in &files {
        for (code, unit, values) in lines {
            let ind = t.indicator(code).unwrap();
            let factor = match (money_unit(unit), money_unit(&ind.unit)) {
                (Some(a), Some(b)) => a as f64 / b as f64,
                _ => 1.0,
            };
            for (k, v) in values.iter().enumerate() {
                let Some(v) = v else { continue };
                let target = if *ward { &mut ward_sum } else { &mut dept };
                *target.entry((code.clone(), k)).or_default() += v * factor;
            }
        }
    }
    let summary = read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let row = |code: &str| {
        summary
            .iter()
            .find(|r| r[0] == code)
            .unwrap_or_else(|| panic!("{code} in Tổng hợp"))
    };
    let checked = crate::common::compare_totals(&summary, &t, &ward_sum, &dept);
    assert!(checked > 90, "only {checked} totals compared");
    // Rates from the summed numerator and denominator, codes of any shape.
    let th = |code: &str| row(code)[4].parse::<f64>().unwrap();
    assert!((th("HC.03") - th("HC.02.1") / th("HC.02") * 100.0).abs() < 1e-9);
    assert!((th("5.3") - th("5.2") / th("5.1") * 100.0).abs() < 1e-9);
    // Codes that folding would merge are two indicators end to end, each
    // with its own sum: in the wards' files, in the departments' (SCT
    // states KT.01.1 and KT.11, STC NS.01.1 and NS.11) and in the totals.
    for (a, b) in [
        ("AN.01.1", "AN.11"),
        ("KT.01.1", "KT.11"),
        ("NS.01.1", "NS.11"),
    ] {
        assert_ne!(th(a), th(b), "{a} / {b}");
        assert_ne!(row(a)[1], row(b)[1]);
    }
    let detail = read_sheet(&out.join("tong-hop.xlsx"), "Chi tiết theo đơn vị");
    let listed = |code: &str| detail.iter().flatten().filter(|c| *c == code).count();
    assert!(listed("AN.01.1") > 0 && listed("AN.11") > 0);

    // Every expected unit has its status.
    let status = read_sheet(&out.join("tong-hop.xlsx"), "Tình trạng nộp");
    let of_unit = |u: &str| {
        status
            .iter()
            .find(|r| r[1] == u)
            .map(|r| r[4].clone())
            .unwrap_or_default()
    };
    let tsv = std::fs::read_to_string(batch().join("expected.tsv")).unwrap();
    let unit_of = |code: &str| {
        tsv.lines()
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .find(|r| r.get(1) == Some(&code))
            .and_then(|r| r.get(2).map(|u| u.to_string()))
            .unwrap()
    };
    let (missing, twice) = (
        unit_of("submission-missing"),
        unit_of("submission-duplicate"),
    );
    for a in t.agencies.iter().filter(|a| a.reports) {
        let want = match a.code.as_str() {
            c if c == missing => "chưa nộp",
            c if c == twice => "trùng",
            _ => "đã nộp",
        };
        assert_eq!(of_unit(&a.code), want, "{}", a.code);
    }
    assert_eq!(
        t.agencies
            .iter()
            .filter(|a| a.kind == AgencyKind::Ward)
            .count(),
        40
    );
}

#[test]
fn province_messages_speak_of_the_province_and_its_communes() {
    let tmp = tempfile::tempdir().unwrap();
    for (lang, area, units) in [
        ("vi", "toàn tỉnh", "xã, phường, đặc khu"),
        ("en", "the province", "communes, wards and special zones"),
    ] {
        let out = tmp.path().join(lang);
        assert_eq!(consolidate(&batch(), &out, lang).status.code(), Some(1));
        let findings = read_findings(&out.join("errors.json"));
        let messages: Vec<&str> = findings
            .iter()
            .map(|f| f["message"].as_str().unwrap_or_default())
            .collect();
        for m in &messages {
            let lower = m.to_lowercase();
            assert!(
                !lower.contains("quận") && !lower.contains("district"),
                "{lang}: {m}"
            );
        }
        let totals: Vec<&str> = findings
            .iter()
            .filter(|f| f["code"] == "total-mismatch")
            .map(|f| f["message"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(totals.len(), 2, "{lang}: {messages:#?}");
        assert!(
            totals.iter().all(|m| m.contains(area) && m.contains(units)),
            "{lang}: {totals:?}"
        );
        // The units are named as the registry names them.
        assert!(
            totals.iter().all(|m| m.contains("Xã Tân Phú")),
            "{totals:?}"
        );
    }
}

#[test]
fn a_clean_province_batch_has_no_finding_not_even_an_outlier() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("clean");
    tonghop()
        .args(["samples", "--template"])
        .arg(repo().join("templates/province"))
        .args(["--period", PERIOD, "--seed", SEED, "--clean", "--out"])
        .arg(&dir)
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(dir.join("expected.tsv"))
            .unwrap()
            .lines()
            .count(),
        1
    );
    let out = tmp.path().join("out");
    let output = consolidate(&dir, &out, "vi");
    assert_eq!(output.status.code(), Some(0));
    let findings = read_findings(&out.join("errors.json"));
    assert!(findings.is_empty(), "{:#?}", findings);
}

/// README's self-check of a commune's own template (step 5 of *Making
/// your own template*): its one department, the health station, states a
/// single indicator its villages report too, so its other figures cannot
/// show that it totals the villages that reported. Planted above their
/// sum beside a village that sent nothing, the total would rightly be
/// held back for that village (one warning, where expected.tsv wanted
/// two errors); the batch plants it below their sum instead, an error in
/// TH and LK whatever the silent village, and the consolidation reports
/// exactly expected.tsv.
#[test]
fn a_communes_self_check_batch_consolidates_to_its_expected_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("mau-xa");
    std::fs::create_dir_all(&tpl).unwrap();
    // The shipped settings, without the annex defaults naming the sample
    // district's departments.
    let toml = std::fs::read_to_string(repo().join("templates/template.toml")).unwrap();
    let (from, to) = (
        toml.find("[annex.default_field]").unwrap(),
        toml.find("[[annex.groups]]").unwrap(),
    );
    std::fs::write(
        tpl.join("template.toml"),
        format!("{}{}", &toml[..from], &toml[to..]),
    )
    .unwrap();
    std::fs::write(
        tpl.join("groups.csv"),
        "group,name\nNN,Nông nghiệp\nYT,Y tế\n",
    )
    .unwrap();
    std::fs::write(
        tpl.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula,aliases,decimals\n\
         NN01,NN,Tổng diện tích gieo trồng cây hằng năm,ha,flow,ward,,,,1\n\
         NN02,NN,Trong đó: diện tích lúa,ha,flow,ward,,NN02 <= NN01,,1\n\
         NN04,NN,Tổng đàn lợn,con,stock,ward,,,,0\n\
         NS01,NN,Thu ngân sách xã trên địa bàn thôn,triệu đồng,flow,ward,,,,2\n\
         VX05,NN,Số lao động được giải quyết việc làm,người,flow,ward,,,,0\n\
         YT01,YT,Số trẻ em dưới 1 tuổi được tiêm chủng đầy đủ,trẻ,flow,both,TYT,,,0\n\
         YT02,YT,Lượt khám chữa bệnh tại Trạm Y tế,lượt người,flow,district,TYT,,,0\n",
    )
    .unwrap();
    let mut agencies = String::from("code,kind,name,aliases,reports,size\n");
    for (k, size) in [620, 410, 540, 480, 700, 530, 350, 460, 590]
        .iter()
        .enumerate()
    {
        agencies.push_str(&format!("T0{},ward,Thôn {},,yes,{size}\n", k + 1, k + 1));
    }
    agencies.push_str("TYT,department,Trạm Y tế xã Phúc Lộc,Trạm Y tế|TYT,yes,\n");
    std::fs::write(tpl.join("agencies.csv"), agencies).unwrap();
    let dir = tmp.path().join("try");
    tonghop()
        .args(["samples", "--template"])
        .arg(&tpl)
        .args(["--period", "2026-Q1", "--out"])
        .arg(&dir)
        .assert()
        .success();
    let out = dir.join("out");
    let output = tonghop()
        .arg("consolidate")
        .arg(dir.join("submissions"))
        .arg("--template")
        .arg(dir.join("template"))
        .args(["--period", "2026-Q1", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_findings_are(&out.join("errors.json"), &dir.join("expected.tsv"));
    let findings = read_findings(&out.join("errors.json"));
    let planted: Vec<(&str, &str, &str)> = findings
        .iter()
        .filter(|f| ["total-mismatch", "submission-missing"].contains(&f["code"].as_str().unwrap()))
        .map(|f| {
            (
                f["severity"].as_str().unwrap(),
                f["code"].as_str().unwrap(),
                f["column"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        planted,
        [
            ("error", "submission-missing", ""),
            ("error", "total-mismatch", "TH"),
            ("error", "total-mismatch", "LK"),
        ]
    );
    // Below the villages' sum: stated less than expected.
    for f in findings.iter().filter(|f| f["code"] == "total-mismatch") {
        let n = |k: &str| {
            tonghop::number::parse_number(f[k].as_str().unwrap(), tonghop::number::NumberLocale::Vi)
                .unwrap()
                .value
        };
        assert!(n("actual") < n("expected"), "{f}");
    }
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    assert!(readme.contains("below the sum of its"), "{readme}");
}

#[test]
fn samples_template_writes_a_batch_for_the_builtin_template_and_a_registry_of_wards() {
    let tmp = tempfile::tempdir().unwrap();
    // A registry of 24 wards and communes with no department, from
    // `samples --units`.
    let wards = tmp.path().join("wards");
    tonghop()
        .args(["samples", "--units", "24", "--out"])
        .arg(&wards)
        .assert()
        .success();
    for (template, period) in [
        (repo().join("templates"), "2020-Q1"),
        (repo().join("templates"), "2020-Q3"),
        (wards.join("template"), "2020-Q2"),
    ] {
        let dir = tmp.path().join(format!("b-{period}"));
        tonghop()
            .args(["samples", "--template"])
            .arg(&template)
            .args(["--period", period, "--seed", "3", "--force", "--out"])
            .arg(&dir)
            .assert()
            .success();
        let out = tmp.path().join(format!("out-{period}"));
        let output = tonghop()
            .arg("consolidate")
            .arg(dir.join("submissions"))
            .arg("--template")
            .arg(dir.join("template"))
            .args(["--period", period, "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{period}");
        assert_findings_are(&out.join("errors.json"), &dir.join("expected.tsv"));
        let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
        assert!(readme.contains("sum-mismatch"), "{readme}");
    }
    // Without departments there is no department total to get wrong.
    let readme = std::fs::read_to_string(tmp.path().join("b-2020-Q2/README.md")).unwrap();
    assert!(readme.contains("Not planted"), "{readme}");
    // A period other than a quarter is refused, and an existing batch is
    // not replaced without --force.
    tonghop()
        .args(["samples", "--template"])
        .arg(repo().join("templates"))
        .args(["--period", "2020-H1", "--out"])
        .arg(tmp.path().join("h1"))
        .assert()
        .code(2);
    tonghop()
        .args(["samples", "--template"])
        .arg(repo().join("templates"))
        .args(["--period", "2020-Q1", "--out"])
        .arg(tmp.path().join("b-2020-Q1"))
        .assert()
        .code(2);
}

#[test]
fn the_province_annex_table_loads() {
    // The departments' task tables (the Nhiệm vụ sheet of their files).
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("departments");
    std::fs::create_dir_all(&dir).unwrap();
    let t = province();
    for f in tree(&batch().join("submissions")) {
        let code = f.split('-').next().unwrap_or_default().to_uppercase();
        if t.agency(&code)
            .is_some_and(|a| a.kind == AgencyKind::Department)
        {
            std::fs::copy(batch().join("submissions").join(&f), dir.join(&f)).unwrap();
        }
    }
    assert_eq!(tree(&dir).len(), 8);
    let out = tmp.path().join("annex");
    let output = tonghop()
        .arg("annex")
        .arg(&dir)
        .arg("--template")
        .arg(batch().join("template"))
        .args(["--period", "2026-Q2", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    // Its findings are the generated tasks' own; it must run (not 2).
    assert_ne!(
        output.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let annex = read_sheet(&out.join("phu-luc.xlsx"), "Phụ lục");
    let cells: Vec<&String> = annex.iter().flatten().collect();
    // The province's own sections, its agencies' short forms.
    for want in [
        "NÔNG NGHIỆP - TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "CẢI CÁCH HÀNH CHÍNH - CHÍNH QUYỀN SỐ",
        "Sở NN&MT",
    ] {
        assert!(cells.iter().any(|c| c.as_str() == want), "{want}");
    }
}
