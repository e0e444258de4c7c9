//! A workbook made for another office's template, checked or
//! consolidated with this one: a form whose stamp names another office is
//! said once, in plain words, and not judged against this catalog; a row
//! whose code is this catalog's but whose name and unit are another
//! indicator's altogether is not taken as that indicator. Near misses: the
//! same form with its own template, the office's own form of another
//! version, a re-worded name under its code, a far name in the code's
//! unit.

use crate::checks::{write_form, FormRow, TH_LK, V};
use crate::common::{read_findings, repo, run_consolidate, tonghop};
use crate::forms::{fill, Value};
use serde_json::Value as Json;
use std::path::Path;

const PERIOD: &str = "2026-Q3";

/// A health office's template: the shipped registry, a catalog of its own
/// whose codes look like the built-in catalog's (YT.01, YT.02 against
/// YT01, YT02), its own office, form title and version.
fn health_template(dir: &Path, office: &str, version: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let toml = std::fs::read_to_string(repo().join("templates/template.toml")).unwrap();
    let toml = toml
        .replace("version = \"2020.1\"", &format!("version = \"{version}\""))
        .replace(
            "office = \"ỦY BAN NHÂN DÂN QUẬN\"",
            &format!("office = \"{office}\""),
        )
        .replace(
            "form_title = \"BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI\"",
            "form_title = \"BIỂU SỐ LIỆU Y TẾ\"",
        );
    std::fs::write(dir.join("template.toml"), toml).unwrap();
    std::fs::copy(
        repo().join("templates/agencies.csv"),
        dir.join("agencies.csv"),
    )
    .unwrap();
    std::fs::write(dir.join("groups.csv"), "group,name\nYT,Y tế\n").unwrap();
    std::fs::write(
        dir.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         YT.01,YT,Số lượt khám bệnh tại trạm y tế,lượt,flow,ward,VP,\n\
         YT.02,YT,Trẻ em dưới 1 tuổi thuộc diện tiêm chủng,trẻ,flow,ward,VP,\n",
    )
    .unwrap();
}

/// `tonghop check FILE --period 2026-Q3 --json [--template DIR]`: exit
/// status and findings.
fn check_json(file: &Path, template: Option<&Path>) -> (i32, Vec<Json>) {
    let mut cmd = tonghop();
    cmd.arg("check")
        .arg(file)
        .args(["--period", PERIOD, "--json"]);
    if let Some(t) = template {
        cmd.arg("--template").arg(t);
    }
    let o = cmd.output().unwrap();
    let json: Vec<Json> = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&o.stdout)));
    (o.status.code().unwrap_or(-1), json)
}

/// (severity, code, sheet, cell, expected, actual) of each finding.
fn brief(findings: &[Json]) -> Vec<[String; 6]> {
    findings
        .iter()
        .map(|f| {
            ["severity", "code", "sheet", "cell", "expected", "actual"]
                .map(|k| f[k].as_str().unwrap_or_default().to_string())
        })
        .collect()
}

fn s(x: &str) -> String {
    x.to_string()
}

/// Phường 4's form of the health office with YT.02's TH typed (120), its
/// cell found by reading the form back.
fn filled_form(forms: &Path, to: &Path) {
    let form = std::fs::read_dir(forms)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("P04-"))
        .unwrap();
    let grid = crate::common::read_sheet(&form, "Biểu số liệu");
    let row = grid.iter().position(|r| r[0] == "YT.02").unwrap() as u32;
    let th = grid
        .iter()
        .find(|r| r[0] == "Mã số")
        .unwrap()
        .iter()
        .position(|h| h.starts_with("Thực hiện"))
        .unwrap() as u32;
    let cell = tonghop::diagnostic::a1(row, th);
    fill(&form, to, &[("Biểu số liệu", cell, Value::Num(120.0))]);
}

#[test]
fn a_form_of_another_offices_template_is_said_once_and_not_judged() {
    let tmp = tempfile::tempdir().unwrap();
    let health = tmp.path().join("so-y-te");
    health_template(&health, "SỞ Y TẾ TỈNH ĐÔNG SƠN", "2026.3");
    let forms = tmp.path().join("forms");
    let o = tonghop()
        .args(["template", "--period", PERIOD, "--unit", "P04", "--out"])
        .arg(&forms)
        .arg("--template")
        .arg(&health)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let file = tmp.path().join("P04-phuong-4-2026-Q3.xlsx");
    filled_form(&forms, &file);

    // The instructions write the check with the office's template folder,
    // and say what that folder is and what to do without it.
    let help: Vec<String> = crate::common::read_sheet(&file, "Hướng dẫn")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    let at = help
        .iter()
        .position(|l| {
            l == "tonghop check P04-phuong-4-2026-Q3.xlsx --period 2026-Q3 --template ‹thư mục mẫu biểu›"
        })
        .expect("the check command");
    let after = &help[at + 1];
    assert!(
        after.starts_with("‹thư mục mẫu biểu› là thư mục mẫu biểu của ")
            && after.contains("đơn vị chưa có thì xin ")
            && after.contains("Không có thư mục đó (hay công cụ tonghop) thì cứ gửi biểu"),
        "{after}"
    );
    // Near miss: the built-in template's form has no folder to ask for.
    let builtin = tmp.path().join("builtin");
    let o = tonghop()
        .args(["template", "--period", PERIOD, "--unit", "P04", "--out"])
        .arg(&builtin)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let help = crate::common::read_sheet(&builtin.join("P04-phuong-4-2026-Q3.xlsx"), "Hướng dẫn");
    assert!(help
        .iter()
        .any(|r| r[0] == "tonghop check P04-phuong-4-2026-Q3.xlsx --period 2026-Q3"));
    assert!(help.iter().all(|r| !r[0].contains("thư mục mẫu biểu")));

    // Checked with the built-in template: one error naming the office
    // whose form it is, and nothing of its rows (its YT.02 is not the
    // built-in YT02, no «thiếu 63 chỉ tiêu»).
    let (code, found) = check_json(&file, None);
    assert_eq!(code, 1);
    assert_eq!(
        brief(&found),
        vec![[
            s("error"),
            s("template-outdated"),
            s("Biểu số liệu"),
            s(""),
            s("ỦY BAN NHÂN DÂN QUẬN"),
            s("SỞ Y TẾ TỈNH ĐÔNG SƠN"),
        ]]
    );
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with(
            "Tệp P04-phuong-4-2026-Q3.xlsx là biểu mẫu «BIỂU SỐ LIỆU Y TẾ» của SỞ Y TẾ TỈNH ĐÔNG SƠN (mẫu biểu phiên bản 2026.3)"
        ) && message.contains(
            "Hãy kiểm tra tệp bằng mẫu biểu của SỞ Y TẾ TỈNH ĐÔNG SƠN: tonghop check P04-phuong-4-2026-Q3.xlsx --template ‹thư mục mẫu biểu của SỞ Y TẾ TỈNH ĐÔNG SƠN›"
        ),
        "{message}"
    );
    // The clerk's screen: the unit as the stamp names it, and a verdict
    // that says nothing was checked.
    let o = tonghop()
        .arg("check")
        .arg(&file)
        .args(["--period", PERIOD])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(
        lines[0],
        format!("{} — Phường 4 — Quý III/2026", file.display())
    );
    assert_eq!(
        lines[2],
        "Kết quả: tệp chưa được kiểm tra (biểu mẫu của mẫu biểu khác). Hãy kiểm tra bằng mẫu biểu của cơ quan đã tạo biểu, như trên."
    );

    // Consolidated with the built-in template: the same one finding for
    // the file, nothing counted for Phường 4.
    let batch = tmp.path().join("batch");
    std::fs::create_dir_all(&batch).unwrap();
    std::fs::copy(&file, batch.join("P04-phuong-4-2026-Q3.xlsx")).unwrap();
    let out = tmp.path().join("out");
    run_consolidate(&batch, PERIOD, &out, &[]);
    let all = read_findings(&out.join("errors.json"));
    let of_file: Vec<Json> = all
        .iter()
        .filter(|f| f["file"] == "P04-phuong-4-2026-Q3.xlsx")
        .cloned()
        .collect();
    assert_eq!(brief(&of_file), brief(&found));
    assert!(
        all.iter()
            .any(|f| f["code"] == "submission-missing" && f["unit"] == "P04"),
        "Phường 4 is still owed its report"
    );

    // Near miss: with its own template, its figures are read (no
    // template-outdated, no unknown row).
    let (_, own) = check_json(&file, Some(&health));
    assert!(
        own.iter()
            .all(|f| f["code"] != "template-outdated" && f["code"] != "indicator-unknown"),
        "{own:?}"
    );

    // Near miss: the office's own template of another version, its name
    // written in other case: last year's form, a warning, figures read.
    let newer = tmp.path().join("so-y-te-2027");
    health_template(&newer, "Sở Y tế tỉnh Đông Sơn", "2027.1");
    let (_, outdated) = check_json(&file, Some(&newer));
    let versions: Vec<[String; 6]> = brief(&outdated)
        .into_iter()
        .filter(|f| f[1] == "template-outdated")
        .collect();
    assert_eq!(
        versions,
        vec![[
            s("warning"),
            s("template-outdated"),
            s("Biểu số liệu"),
            s(""),
            s("2027.1"),
            s("2026.3"),
        ]]
    );
    assert!(outdated.iter().all(|f| f["code"] != "indicator-unknown"));
}

/// A built-in-like catalog: YT01 and YT02 as the shipped catalog has them.
fn district_health(dir: &Path) {
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
        "code,group,name,unit,kind,level,reported_by,formula\n\
         YT01,YT,Lượt khám chữa bệnh,lượt người,flow,ward,VP,\n\
         YT02,YT,Lượt khám bảo hiểm y tế tại trạm y tế phường,lượt người,flow,ward,VP,\n",
    )
    .unwrap();
}

#[test]
fn a_code_on_another_indicators_name_and_unit_is_not_that_indicator() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    district_health(&tpl);
    // Another office's codes, written the dotted way: YT.01 a re-worded
    // name of YT01 in a unit of its kind (kept), YT.02 another indicator
    // altogether («trẻ», not «lượt người»).
    let file = tmp.path().join("phuong-04.xlsx");
    let rows: Vec<FormRow> = vec![
        (
            "YT.01",
            "Số lượt khám bệnh tại trạm y tế",
            "lượt",
            vec![V::N(5000.0), V::N(15000.0)],
        ),
        (
            "YT.02",
            "Trẻ em dưới 1 tuổi thuộc diện tiêm chủng",
            "trẻ",
            vec![V::N(120.0), V::N(360.0)],
        ),
    ];
    write_form(&file, "UBND PHƯỜNG 4", "QUÝ III/2026", &TH_LK, &rows);
    let (code, found) = check_json(&file, Some(&tpl));
    assert_eq!(code, 1);
    assert_eq!(
        brief(&found),
        vec![
            [
                s("info"),
                s("indicator-approximate"),
                s("Biểu 1"),
                s("B7"),
                s("YT01"),
                s("YT.01"),
            ],
            [
                s("error"),
                s("indicator-unknown"),
                s("Biểu 1"),
                s("C8"),
                s("YT02 Lượt khám bảo hiểm y tế tại trạm y tế phường (lượt người)"),
                s("Trẻ em dưới 1 tuổi thuộc diện tiêm chủng"),
            ],
            [
                s("warning"),
                s("indicator-missing"),
                s("Biểu 1"),
                s(""),
                s(""),
                s("YT02"),
            ],
        ]
    );

    // Near miss: the catalog's own code YT02 on that name in the code's
    // unit: one of the two agrees, the code's match stands.
    let file = tmp.path().join("phuong-04-b.xlsx");
    let rows: Vec<FormRow> = vec![
        (
            "YT01",
            "Lượt khám chữa bệnh",
            "lượt người",
            vec![V::N(5000.0), V::N(15000.0)],
        ),
        (
            "YT02",
            "Trẻ em dưới 1 tuổi thuộc diện tiêm chủng",
            "lượt người",
            vec![V::N(120.0), V::N(360.0)],
        ),
    ];
    write_form(&file, "UBND PHƯỜNG 4", "QUÝ III/2026", &TH_LK, &rows);
    let (_, found) = check_json(&file, Some(&tpl));
    assert!(
        found
            .iter()
            .all(|f| f["code"] != "indicator-unknown" && f["code"] != "indicator-missing"),
        "{found:?}"
    );
}
