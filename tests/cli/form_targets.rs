//! The forms `tonghop template` makes, for a health office's rates and
//! stocks (tester CQ): a rate's KH is the year's target, an input cell
//! (white, unlocked, a number validation) the consolidation takes as the
//! rate's KH, never the ratio of the plans of its operands; a stock's LK
//! is its TH by formula, locked, read by the tool without a cached
//! value. Near misses: a flow's LK stays typed after the first quarter;
//! a rate's TH stays its formula; two wards' different targets make no
//! area target.

use crate::common::{read_findings, read_sheet, repo, tonghop, zip_part};
use crate::forms::{fill, Value};
use std::collections::HashMap;
use std::path::Path;
use tonghop::model::ValueColumn;
use tonghop::report::form::value_col;

const PERIOD: &str = "2026-Q3";
const FIGURES: &str = "Biểu số liệu";

fn health_template(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::copy(
        repo().join("templates/template.toml"),
        dir.join("template.toml"),
    )
    .unwrap();
    std::fs::copy(
        repo().join("templates/agencies.csv"),
        dir.join("agencies.csv"),
    )
    .unwrap();
    std::fs::write(dir.join("groups.csv"), "group,name\nYT,Y tế\n").unwrap();
    std::fs::write(
        dir.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula,aliases,decimals\n\
         YT.02,YT,Trẻ em dưới 1 tuổi thuộc diện tiêm chủng,trẻ,flow,ward,VP,,,0\n\
         YT.03,YT,Trẻ em dưới 1 tuổi được tiêm chủng đầy đủ,trẻ,flow,ward,VP,YT.03 <= YT.02,,0\n\
         YT.04,YT,Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ,%,rate,ward,VP,YT.03 / YT.02 * 100,,2\n\
         YT.06,YT,Số trạm y tế đạt Bộ tiêu chí quốc gia về y tế,trạm,stock,ward,VP,,,0\n",
    )
    .unwrap();
}

/// A1 of a figure cell of the row of `code` on a form.
fn cell_of(rows: &HashMap<String, u32>, code: &str, c: ValueColumn) -> String {
    tonghop::diagnostic::a1(rows[code], u32::from(value_col(c)))
}

/// Whether cell `a1` of the form's figures sheet is unlocked (its style
/// says `locked="0"`).
fn unlocked(book: &Path, a1: &str) -> bool {
    let sheet = zip_part(book, "xl/worksheets/sheet1.xml").unwrap();
    let styles = zip_part(book, "xl/styles.xml").unwrap();
    let xf = regex::Regex::new(&format!(r#"<c r="{a1}" s="(\d+)""#))
        .unwrap()
        .captures(&sheet)
        .map_or(0, |c| c[1].parse::<usize>().unwrap());
    let xfs = styles.split("<cellXfs").nth(1).unwrap();
    let el = regex::Regex::new(r"(?s)<xf [^>/]*(?:/>|>.*?</xf>)")
        .unwrap()
        .find_iter(xfs)
        .nth(xf)
        .unwrap()
        .as_str()
        .to_string();
    el.contains(r#"locked="0""#)
}

/// The form's formulas by A1.
fn formulas(book: &Path) -> HashMap<String, String> {
    use calamine::{open_workbook_auto, Reader};
    let mut wb = open_workbook_auto(book).unwrap();
    let f = wb.worksheet_formula(FIGURES).unwrap();
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

/// `(form, its rows by code)` of each unit.
fn forms(
    dir: &Path,
    template: &Path,
    units: &[&str],
) -> Vec<(std::path::PathBuf, HashMap<String, u32>)> {
    let mut args = vec!["template", "--period", PERIOD, "--unit"];
    args.extend(units);
    let o = tonghop()
        .args(&args)
        .arg("--out")
        .arg(dir)
        .arg("--template")
        .arg(template)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    units
        .iter()
        .map(|u| {
            let path = std::fs::read_dir(dir)
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .find(|p| {
                    p.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with(&format!("{u}-"))
                })
                .unwrap();
            let rows = read_sheet(&path, FIGURES)
                .iter()
                .enumerate()
                .filter(|(_, r)| r[0].starts_with("YT."))
                .map(|(k, r)| (r[0].clone(), k as u32))
                .collect();
            (path, rows)
        })
        .collect()
}

/// Tổng hợp's figures of the row of `code`: the cells right of its unit.
fn summary_row(out: &Path, code: &str) -> Vec<String> {
    let grid = read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    grid.into_iter()
        .find(|r| r.iter().any(|c| c == code))
        .unwrap_or_else(|| panic!("{code} in Tổng hợp"))
}

#[test]
fn a_rates_target_is_typed_and_a_stocks_lk_is_its_th() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    health_template(&tpl);
    let made = forms(&tmp.path().join("forms"), &tpl, &["P01", "P02"]);
    let (p01, rows) = &made[0];
    let f = formulas(p01);
    let at = |code: &str, c: ValueColumn| cell_of(rows, code, c);

    // The rate's KH: white, unlocked, validated, no formula.
    let kh = at("YT.04", ValueColumn::Kh);
    assert!(unlocked(p01, &kh), "{kh}");
    assert!(!f.contains_key(&kh));
    let sheet = zip_part(p01, "xl/worksheets/sheet1.xml").unwrap();
    let validated = regex::Regex::new(r#"<dataValidation [^>]*sqref="([^"]*)""#)
        .unwrap()
        .captures_iter(&sheet)
        .any(|c| {
            c[1].split(' ')
                .any(|r| r == kh || r.starts_with(&format!("{kh}:")))
        });
    assert!(validated, "{kh} has a validation");
    // Near miss: the rate's TH stays its formula, locked; its %KH is
    // not applicable (no formula).
    let th = at("YT.04", ValueColumn::Th);
    assert!(!unlocked(p01, &th));
    assert!(f[&th].contains("/"), "{}", f[&th]);
    assert!(!f.contains_key(&at("YT.04", ValueColumn::PctKh)));

    // The stock's LK: =TH, locked; its TH typed.
    let (lk, sth) = (at("YT.06", ValueColumn::Lk), at("YT.06", ValueColumn::Th));
    assert_eq!(f[&lk], format!("IF({sth}=\"\",\"\",{sth})"));
    assert!(!unlocked(p01, &lk));
    assert!(unlocked(p01, &sth));
    // Near miss: a flow's LK in a third quarter is typed.
    let flk = at("YT.02", ValueColumn::Lk);
    assert!(unlocked(p01, &flk) && !f.contains_key(&flk));

    // Two wards fill their forms: plans of the counts whose ratio is
    // 97,00 and 97,50, the rate's target 95 typed by both, the stock's TH
    // only (its LK left to the formula, no cached value).
    let batch = tmp.path().join("batch");
    std::fs::create_dir_all(&batch).unwrap();
    let typed = |rows: &HashMap<String, u32>,
                 plan: (f64, f64),
                 done: (f64, f64),
                 target: f64,
                 stations: f64| {
        let at = |code: &str, c: ValueColumn| cell_of(rows, code, c);
        vec![
            (FIGURES, at("YT.02", ValueColumn::Kh), Value::Num(plan.0)),
            (FIGURES, at("YT.03", ValueColumn::Kh), Value::Num(plan.1)),
            (
                FIGURES,
                at("YT.02", ValueColumn::Th),
                Value::Num(done.0 / 3.0),
            ),
            (
                FIGURES,
                at("YT.03", ValueColumn::Th),
                Value::Num(done.1 / 3.0),
            ),
            (FIGURES, at("YT.02", ValueColumn::Lk), Value::Num(done.0)),
            (FIGURES, at("YT.03", ValueColumn::Lk), Value::Num(done.1)),
            (FIGURES, at("YT.04", ValueColumn::Kh), Value::Num(target)),
            (FIGURES, at("YT.06", ValueColumn::Th), Value::Num(stations)),
        ]
    };
    let fill_both = |t2: f64| {
        for ((path, rows), (plan, done, target, stations)) in made.iter().zip([
            ((100.0, 97.0), (75.0, 72.0), 95.0, 3.0),
            ((200.0, 195.0), (150.0, 141.0), t2, 2.0),
        ]) {
            let to = batch.join(path.file_name().unwrap());
            fill(path, &to, &typed(rows, plan, done, target, stations));
        }
    };
    fill_both(95.0);
    let out = tmp.path().join("out");
    let o = tonghop()
        .arg("consolidate")
        .arg(&batch)
        .args(["--period", PERIOD, "--template"])
        .arg(&tpl)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.code().is_some());
    // Nothing on the figures of the two wards (the stock's LK is its TH,
    // no cumulative-mismatch): only that the tool computed the formulas
    // no spreadsheet program had (the rate's TH, LK and CK, its %CK, the
    // stock's LK).
    let findings = read_findings(&out.join("errors.json"));
    let about: Vec<String> = findings
        .iter()
        .filter(|f| f["unit"] == "P01" || f["unit"] == "P02")
        .map(|f| {
            format!(
                "{}|{}|{}|{}",
                f["severity"].as_str().unwrap(),
                f["code"].as_str().unwrap(),
                f["unit"].as_str().unwrap(),
                f["actual"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        about,
        vec![
            "info|formula-evaluated|P01|5",
            "info|formula-evaluated|P02|5"
        ]
    );
    // The rate's KH is the target both typed, not the plans' 292/300
    // (97,33); its TH and LK from the summed counts, 213/225 = 94,67; its
    // %KH that LK against 95. The stock's TH and LK: 3 + 2, the LK the
    // formula's.
    let rate = summary_row(&out, "YT.04");
    let lk = 213.0 / 225.0 * 100.0;
    assert_eq!(
        rate[3..],
        [
            "95".to_string(),
            lk.to_string(),
            lk.to_string(),
            String::new(),
            (lk / 95.0 * 100.0).to_string(),
            String::new()
        ]
    );
    assert_eq!(summary_row(&out, "YT.06")[3..], ["", "5", "5", "", "", ""]);

    // Near miss: two different targets make no area target (and no
    // ratio of plans in its place).
    fill_both(93.0);
    let out2 = tmp.path().join("out2");
    let o = tonghop()
        .arg("consolidate")
        .arg(&batch)
        .args(["--period", PERIOD, "--template"])
        .arg(&tpl)
        .arg("--out")
        .arg(&out2)
        .output()
        .unwrap();
    assert!(o.status.code().is_some());
    let rate = summary_row(&out2, "YT.04");
    assert_eq!(
        rate[3..],
        [
            String::new(),
            lk.to_string(),
            lk.to_string(),
            String::new(),
            String::new(),
            String::new()
        ]
    );
}

/// Tổng hợp's rows from the row of `code` down to the end: the table's
/// rest and the lines under it.
fn footnotes(out: &Path) -> Vec<String> {
    read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp")
        .into_iter()
        .flatten()
        .filter(|c| c.starts_with("(*)") || c.starts_with("- YT") || c.starts_with("Ô để trống"))
        .collect()
}

/// Cells of Tổng hợp with a note.
fn noted(out: &Path) -> Vec<String> {
    let comments = zip_part(&out.join("tong-hop.xlsx"), "xl/comments1.xml").unwrap_or_default();
    regex::Regex::new(r#"<comment ref="([A-Z]+\d+)""#)
        .unwrap()
        .captures_iter(&comments)
        .map(|c| c[1].to_string())
        .collect()
}

/// Tester A13's wards: a rate's KH is the target they typed, so wards
/// that left its operands' plans blank leave nothing out of it — no
/// «(*) Tổng chưa gồm số của …» on the rate's KH and %KH (it was, for
/// the operands' blank plans). Near miss: the operand's own KH total
/// still lacks the ward that left it blank and says so. Targets typed
/// differently (95, 95, 96) leave the KH blank with a word: an info
/// naming each ward's target and a footnote line under the table.
#[test]
fn a_typed_target_lacks_no_ward_and_differing_targets_are_named() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    health_template(&tpl);
    let units = ["P01", "P02", "P03"];
    let made = forms(&tmp.path().join("forms"), &tpl, &units);
    let run = |targets: [f64; 3], name: &str| {
        let batch = tmp.path().join(format!("in-{name}"));
        std::fs::create_dir_all(&batch).unwrap();
        for (k, ((path, rows), target)) in made.iter().zip(targets).enumerate() {
            let at = |code: &str, c: ValueColumn| cell_of(rows, code, c);
            let mut typed = vec![
                (FIGURES, at("YT.02", ValueColumn::Th), Value::Num(30.0)),
                (FIGURES, at("YT.03", ValueColumn::Th), Value::Num(27.0)),
                (FIGURES, at("YT.02", ValueColumn::Lk), Value::Num(90.0)),
                (FIGURES, at("YT.03", ValueColumn::Lk), Value::Num(81.0)),
                (FIGURES, at("YT.04", ValueColumn::Kh), Value::Num(target)),
                (FIGURES, at("YT.06", ValueColumn::Th), Value::Num(1.0)),
                (FIGURES, at("YT.06", ValueColumn::Kh), Value::Num(1.0)),
            ];
            // P01 has no plan of the children counts (it sends the KH
            // column: the stations' plan).
            if k > 0 {
                typed.push((FIGURES, at("YT.02", ValueColumn::Kh), Value::Num(120.0)));
                typed.push((FIGURES, at("YT.03", ValueColumn::Kh), Value::Num(110.0)));
            }
            fill(path, &batch.join(path.file_name().unwrap()), &typed);
        }
        let out = tmp.path().join(format!("out-{name}"));
        let o = tonghop()
            .arg("consolidate")
            .arg(&batch)
            .args(["--period", PERIOD, "--template"])
            .arg(&tpl)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.code().is_some());
        out
    };
    let uncomputed = |out: &Path| -> Vec<String> {
        read_findings(&out.join("errors.json"))
            .iter()
            .filter(|f| f["code"] == "total-uncomputed")
            .map(|f| {
                format!(
                    "{}|{}|{}|{}",
                    f["severity"].as_str().unwrap(),
                    f["indicator"].as_str().unwrap(),
                    f["column"].as_str().unwrap(),
                    f["actual"].as_str().unwrap()
                )
            })
            .collect()
    };
    let lk = 243.0 / 270.0 * 100.0;

    // One target, 95: the KH is 95, the %KH the LK against it, neither
    // noted nor footnoted; YT.02's and YT.03's KH lack P01 (near miss).
    let same = run([95.0, 95.0, 95.0], "same");
    let rate = summary_row(&same, "YT.04");
    assert_eq!(rate[3], "95");
    assert_eq!(rate[7], (lk / 95.0 * 100.0).to_string());
    let row_of = |out: &Path, code: &str| {
        read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp")
            .iter()
            .position(|r| r.iter().any(|c| c == code))
            .unwrap()
            + 1
    };
    let (r02, r03, r04) = (
        row_of(&same, "YT.02"),
        row_of(&same, "YT.03"),
        row_of(&same, "YT.04"),
    );
    assert_eq!(
        noted(&same),
        [format!("D{r02}"), format!("D{r03}")],
        "no note on YT.04's KH (D{r04}) nor %KH (H{r04})"
    );
    let lines = footnotes(&same);
    assert!(
        lines.iter().any(|l| l.starts_with("- YT.02"))
            && !lines.iter().any(|l| l.contains("YT.04")),
        "{lines:#?}"
    );
    // The counts' %KH (YT.02, YT.03) lacks P01's plan: said, the rate's
    // is not.
    assert_eq!(uncomputed(&same), ["info||%KH|Phường 1"]);

    // 95, 95, 96: no area target, KH and %KH blank, said so.
    let differ = run([95.0, 95.0, 96.0], "differ");
    let rate = summary_row(&differ, "YT.04");
    assert_eq!((rate[3].as_str(), rate[7].as_str()), ("", ""));
    assert_eq!(rate[5], lk.to_string());
    let targets = "Phường 1: 95; Phường 2: 95; Phường 3: 96";
    assert_eq!(
        uncomputed(&differ),
        [
            "info||%KH|Phường 1".to_string(),
            format!("info|YT.04|KH|{targets}")
        ]
    );
    assert!(
        footnotes(&differ).contains(&format!(
            "Ô để trống: cột KH và %KH của YT.04 không ghi, vì các đơn vị ghi chỉ tiêu kế hoạch khác nhau ({targets}), không có một chỉ tiêu chung (xem trang «Lỗi»)."
        )),
        "{:#?}",
        footnotes(&differ)
    );
    assert!(!noted(&differ).contains(&format!("D{r04}")));
}
