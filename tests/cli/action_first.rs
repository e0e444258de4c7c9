//! At a province's scale: Tình trạng nộp and Lỗi open with their counts,
//! Tình trạng nộp lists the units needing action first, and the findings
//! about a file set aside beside the unit's file used (an older copy)
//! stay the office's: not sent back in the unit's feedback workbook.

use crate::checks::{complete, consolidate, ward_rows, write_form, write_template, FormRow, V};
use crate::common::read_sheet;
use std::path::Path;

/// A ward's rows with TH only (a first quarter's form without LK).
fn th_only(rows: Vec<FormRow>) -> Vec<FormRow> {
    rows.into_iter()
        .map(|(c, n, u, v)| (c, n, u, v.into_iter().take(1).collect()))
        .collect()
}

fn ward(dir: &Path, file: &str, k: u32, rows: &[FormRow], lk: bool) {
    let columns: &[&str] = if lk {
        &["Thực hiện quý", "Lũy kế từ đầu năm"]
    } else {
        &["Thực hiện quý"]
    };
    write_form(
        &dir.join(file),
        &format!("UBND PHƯỜNG {k}"),
        "QUÝ I/2020",
        columns,
        rows,
    );
}

/// The office's batch: VP and Phường 3 send nothing, Phường 2's HC02 is
/// not the sum of its parts, Phường 4's file is no workbook, Phường 5
/// sent two versions saved together (which is newer cannot be told: a
/// warning), Phường 6 a first file and its «sửa lần 2»; Phường 1 and
/// Phường 6 have nothing to do. Phường 1's form has no LK column (an
/// info in the file used); so do both set-aside copies.
fn batch(root: &Path, extra: &[&str]) -> (std::path::PathBuf, Vec<serde_json::Value>) {
    let tpl = root.join("tpl");
    write_template(&tpl, "");
    let dir = root.join("in");
    std::fs::create_dir_all(&dir).unwrap();
    // Each ward its own figures: no two units' alike (`figures-copied`).
    let form = |resolved: f64, on_time: f64, evaluations: f64| {
        complete(ward_rows(resolved, on_time, evaluations), true)
    };
    ward(
        &dir,
        "phuong-1.xlsx",
        1,
        &th_only(form(100.0, 90.0, 50.0)),
        false,
    );
    let mut broken = form(130.0, 120.0, 80.0);
    broken[0].3 = vec![V::N(150.0), V::N(150.0)];
    ward(&dir, "phuong-2.xlsx", 2, &broken, true);
    std::fs::write(dir.join("phuong-4.xlsx"), b"PK\x03\x04 not a workbook").unwrap();
    ward(&dir, "phuong-5.xlsx", 5, &form(110.0, 100.0, 55.0), true);
    let copy = th_only(form(110.0, 100.0, 60.0));
    ward(&dir, "phuong-5 (1).xlsx", 5, &copy, false);
    ward(
        &dir,
        "phuong-6 - sửa lần 2.xlsx",
        6,
        &form(120.0, 105.0, 70.0),
        true,
    );
    ward(
        &dir,
        "phuong-6.xlsx",
        6,
        &th_only(form(120.0, 105.0, 65.0)),
        false,
    );
    let out = root.join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-Q1", extra);
    (out, f)
}

/// `severity|code|unit|file|cell` of every finding, sorted.
fn all(f: &[serde_json::Value]) -> Vec<String> {
    let mut v: Vec<String> = f
        .iter()
        .map(|x| {
            ["severity", "code", "unit", "file", "cell"]
                .map(|k| x[k].as_str().unwrap_or_default())
                .join("|")
        })
        .collect();
    v.sort();
    v
}

#[test]
fn the_status_sheet_counts_its_units_and_lists_those_needing_action_first() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, f) = batch(tmp.path(), &[]);
    assert_eq!(
        all(&f),
        [
            "error|file-unreadable|P04|phuong-4.xlsx|",
            "error|submission-duplicate|P05|phuong-5.xlsx|",
            "error|submission-missing|P03||",
            "error|submission-missing|VP||",
            "error|sum-mismatch|P02|phuong-2.xlsx|E7",
            "error|sum-mismatch|P02|phuong-2.xlsx|F7",
            "info|column-missing|P01|phuong-1.xlsx|",
            "info|column-missing|P05|phuong-5 (1).xlsx|",
            "info|column-missing|P06|phuong-6.xlsx|",
            "info|submission-duplicate|P06|phuong-6 - sửa lần 2.xlsx|",
            "info|total-uncomputed|||",
        ]
    );
    let book = out.join("tong-hop.xlsx");
    let status = read_sheet(&book, "Tình trạng nộp");
    assert_eq!(
        status[0][0],
        "Danh mục có 7 đơn vị: 4 đã nộp và được tổng hợp (trong đó 2 gửi trùng tệp), 2 chưa nộp, 1 không đọc được, 0 gửi sai kỳ."
    );
    assert!(status[1][0].starts_with("Xếp trước các đơn vị cần xử lý: có lỗi,"));
    assert_eq!(status[2][..3], ["STT", "Mã đơn vị", "Đơn vị"]);
    // Errors (VP, P03 missing; P02's sums; P04 unreadable; P05's two
    // versions whose figures differ), then nothing to do, each in the
    // registry's order.
    let lines: Vec<String> = status[3..]
        .iter()
        .map(|r| format!("{}|{}|{}|{}|{}", r[0], r[1], r[4], r[5], r[6]))
        .collect();
    assert_eq!(
        lines,
        [
            "1|VP|chưa nộp|1|0",
            "2|P02|đã nộp|2|0",
            "3|P03|chưa nộp|1|0",
            "4|P04|không đọc được|1|0",
            "5|P05|trùng|1|0",
            "6|P01|đã nộp|0|0",
            "7|P06|trùng|0|0",
        ]
    );
    // The autofilter and the printed header follow the table down.
    let sheet = crate::common::zip_part(&book, "xl/worksheets/sheet3.xml").unwrap();
    assert!(sheet.contains(r#"<autoFilter ref="A3:I10"/>"#), "{sheet}");
    let names = crate::common::zip_part(&book, "xl/workbook.xml").unwrap();
    assert!(names.contains("'Tình trạng nộp'!$3:$3"), "{names}");

    // Lỗi: its counts above the header, the findings under it.
    let list = read_sheet(&book, "Lỗi");
    let n = |s: &str| f.iter().filter(|x| x["severity"] == s).count();
    assert_eq!((n("error"), n("warning"), n("info")), (6, 0, 5));
    assert_eq!(
        list[0][0],
        "6 lỗi (ở 5 đơn vị), 0 cảnh báo (ở 0 đơn vị), 5 thông tin."
    );
    assert_eq!(list[1][..2], ["Mức độ", "Mã lỗi"]);
    assert_eq!(list.len(), 2 + f.len());
    assert!(names.contains("Lỗi!$2:$2"), "{names}");
    assert!(names.contains("Lỗi!$A$2:$K$13"), "{names}");
}

#[test]
fn a_set_aside_copys_own_findings_are_not_sent_back_to_the_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, f) = batch(tmp.path(), &[]);
    // The office's list keeps them: each set-aside copy has no LK.
    let missing_lk: Vec<String> = all(&f)
        .into_iter()
        .filter(|x| x.contains("column-missing"))
        .collect();
    assert_eq!(
        missing_lk,
        [
            "info|column-missing|P01|phuong-1.xlsx|",
            "info|column-missing|P05|phuong-5 (1).xlsx|",
            "info|column-missing|P06|phuong-6.xlsx|",
        ]
    );
    let feedback = out.join("phan-hoi");
    // Phường 6 named its latest: nothing to tell it, no workbook.
    assert!(!feedback.join("P06.xlsx").exists());
    // Phường 5 is told of its two versions (their figures differ, nothing
    // tells the newer: one error), not of the copy's columns.
    let p05: Vec<String> = read_sheet(&feedback.join("P05.xlsx"), "Lỗi")[1..]
        .iter()
        .map(|r| format!("{}|{}", r[0], r[3]))
        .collect();
    assert_eq!(p05, ["Lỗi|phuong-5.xlsx"]);
    // Near miss: the file used without LK is still told.
    let p01: Vec<String> = read_sheet(&feedback.join("P01.xlsx"), "Lỗi")[1..]
        .iter()
        .map(|r| format!("{}|{}", r[0], r[3]))
        .collect();
    assert_eq!(p01, ["Thông tin|phuong-1.xlsx"]);
}

#[test]
fn the_counts_are_in_english_with_lang_en() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, _) = batch(tmp.path(), &["--lang", "en"]);
    let book = out.join("tong-hop.xlsx");
    let status = read_sheet(&book, "Submission status");
    assert_eq!(
        status[0][0],
        "7 units in the registry: 4 sent and consolidated (2 with duplicate files), 2 missing, 1 unreadable, 0 of the wrong period."
    );
    assert!(status[1][0].starts_with("Units needing action come first: with errors,"));
    assert_eq!(status[3][1], "VP");
    assert_eq!(
        read_sheet(&book, "Findings")[0][0],
        "6 errors (in 5 units), 0 warnings (in 0 units), 5 info items."
    );
}

/// At a province's scale the Lỗi sheet, errors.csv and errors.json were
/// sorted by file name: a commune's findings lay among everyone's, and
/// the communes that sent nothing all came first. They now go unit by
/// unit in the registry's order (here Phường 3 before Phường 1: neither
/// the codes' nor the files' order), after the findings of no unit (the
/// consolidation's own: a total not computed, a file that is no
/// report); within a unit, errors, then warnings, then infos, each by
/// file, sheet and cell.
#[test]
fn the_findings_go_unit_by_unit_in_the_registrys_order() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    std::fs::write(
        tpl.join("agencies.csv"),
        "code,kind,name,aliases,reports\n\
         VP,department,Văn phòng HĐND và UBND quận,VP HĐND-UBND,yes\n\
         P03,ward,Phường 3,UBND Phường 3,yes\n\
         P02,ward,Phường 2,UBND Phường 2,yes\n\
         P01,ward,Phường 1,UBND Phường 1,yes\n",
    )
    .unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let form = |resolved: f64, on_time: f64, evaluations: f64| {
        complete(ward_rows(resolved, on_time, evaluations), true)
    };
    // Phường 1: two versions saved together (a warning at each) and the
    // copy without LK (an info); its files' names sort first.
    ward(&dir, "a-phuong-1.xlsx", 1, &form(110.0, 100.0, 55.0), true);
    let copy = th_only(form(110.0, 100.0, 60.0));
    ward(&dir, "a-phuong-1 (1).xlsx", 1, &copy, false);
    // Phường 2: HC02 not the sum of its parts.
    let mut broken = form(130.0, 120.0, 80.0);
    broken[0].3 = vec![V::N(150.0), V::N(150.0)];
    ward(&dir, "b-phuong-2.xlsx", 2, &broken, true);
    // Phường 3 and VP send nothing; a note that is no spreadsheet.
    std::fs::write(dir.join("huong-dan.txt"), "Gửi trước ngày 10").unwrap();
    let out = tmp.path().join("out");
    let (_, f) = consolidate(&dir, &out, &tpl, "2020-Q1", &[]);
    let listed: Vec<String> = f
        .iter()
        .map(|x| {
            ["severity", "code", "unit", "file", "cell"]
                .map(|k| x[k].as_str().unwrap_or_default())
                .join("|")
        })
        .collect();
    let want = [
        "info|total-uncomputed|||",
        "info|file-skipped||huong-dan.txt|",
        "error|submission-missing|VP||",
        "error|submission-missing|P03||",
        "error|sum-mismatch|P02|b-phuong-2.xlsx|E7",
        "error|sum-mismatch|P02|b-phuong-2.xlsx|F7",
        "error|submission-duplicate|P01|a-phuong-1.xlsx|",
        "info|column-missing|P01|a-phuong-1 (1).xlsx|",
    ];
    assert_eq!(listed, want);
    // The Lỗi sheet and errors.csv in the same order.
    let sheet: Vec<String> = read_sheet(&out.join("tong-hop.xlsx"), "Lỗi")[2..]
        .iter()
        .map(|r| format!("{}|{}|{}|{}|{}", r[0], r[1], r[2], r[3], r[5]))
        .collect();
    let in_words: Vec<String> = want
        .iter()
        .map(|l| {
            l.replacen("error|", "Lỗi|", 1)
                .replacen("warning|", "Cảnh báo|", 1)
                .replacen("info|", "Thông tin|", 1)
        })
        .collect();
    assert_eq!(sheet, in_words);
    let csv = std::fs::read_to_string(out.join("errors.csv")).unwrap();
    let units: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap())
        .collect();
    assert_eq!(units, ["", "", "VP", "P03", "P02", "P02", "P01", "P01"]);
}
