//! Rates as a health statistician writes them, on a health centre's own
//! template (rates in %, ‰ and bác sĩ/vạn dân): a rate's %KH or %CK in
//! points of its unit, the operands named in words, and a rate worked
//! from a figure another finding disputes. Each both ways.

use crate::checks::write_template;
use crate::common::tonghop;
use crate::trust::{listed, one_row_header, run, write_sheet, Cell, Cell::E, Cell::N, Cell::T};
use std::path::Path;

/// A template whose rates are the health centre's: TC03 in % (TC02 /
/// TC01 * 100, with TC02 <= TC01), TV02 in ‰ (TV01 / DS02 * 1000) and
/// KB04 in bác sĩ/vạn dân (KB03 / DS01 * 10000); VP states the area's
/// figures, three wards their own.
fn health_template(dir: &Path) {
    write_template(dir, "");
    std::fs::write(
        dir.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         TC01,HC,Số trẻ dưới 1 tuổi thuộc diện tiêm chủng,trẻ,flow,both,VP,\n\
         TC02,HC,Số trẻ dưới 1 tuổi được tiêm chủng đầy đủ,trẻ,flow,both,VP,TC02 <= TC01\n\
         TC03,HC,Tỷ lệ trẻ dưới 1 tuổi được tiêm chủng đầy đủ,%,rate,both,VP,TC02 / TC01 * 100\n\
         DS01,HC,Dân số trung bình,người,stock,ward,VP,\n\
         DS02,HC,Số ca sinh sống,ca,flow,ward,VP,\n\
         TV01,HC,Số ca tử vong trẻ dưới 1 tuổi,ca,flow,ward,VP,\n\
         TV02,HC,Tỷ suất tử vong trẻ dưới 1 tuổi,‰,rate,ward,VP,TV01 / DS02 * 1000\n\
         KB03,HC,Số bác sĩ,người,stock,ward,VP,\n\
         KB04,HC,Số bác sĩ trên vạn dân,bác sĩ/vạn dân,rate,ward,VP,KB03 / DS01 * 10000\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("agencies.csv"),
        "code,kind,name,aliases,reports\n\
         VP,department,Trung tâm Y tế,TTYT,yes\n\
         P01,ward,Phường 1,UBND Phường 1|P1,yes\n\
         P02,ward,Phường 2,UBND Phường 2|P2,yes\n\
         P03,ward,Phường 3,UBND Phường 3|P3,yes\n",
    )
    .unwrap();
}

type Row = (&'static str, &'static str, &'static str, Vec<Cell>);

/// The template's rows in its order (rows 7 … 15 of the sheet), each
/// with its cells KH, TH, LK, CK, %KH, %CK (E … J).
fn health_rows(cells: [Vec<Cell>; 9]) -> Vec<Row> {
    let names = [
        ("TC01", "Số trẻ dưới 1 tuổi thuộc diện tiêm chủng", "trẻ"),
        ("TC02", "Số trẻ dưới 1 tuổi được tiêm chủng đầy đủ", "trẻ"),
        ("TC03", "Tỷ lệ trẻ dưới 1 tuổi được tiêm chủng đầy đủ", "%"),
        ("DS01", "Dân số trung bình", "người"),
        ("DS02", "Số ca sinh sống", "ca"),
        ("TV01", "Số ca tử vong trẻ dưới 1 tuổi", "ca"),
        ("TV02", "Tỷ suất tử vong trẻ dưới 1 tuổi", "‰"),
        ("KB03", "Số bác sĩ", "người"),
        ("KB04", "Số bác sĩ trên vạn dân", "bác sĩ/vạn dân"),
    ];
    names
        .iter()
        .zip(cells)
        .map(|((code, name, unit), c)| (*code, *name, *unit, c))
        .collect()
}

const SIX: [(&str, u16); 6] = [
    ("Kế hoạch năm", 1),
    ("Thực hiện quý III", 1),
    ("Lũy kế 9 tháng", 1),
    ("Cùng kỳ năm trước", 1),
    ("% so với KH", 1),
    ("Tăng, giảm so với cùng kỳ (%)", 1),
];

fn message_at<'a>(f: &'a [serde_json::Value], unit: &str, cell: &str) -> &'a str {
    f.iter()
        .find(|x| x["unit"] == unit && x["cell"] == cell && x["code"] == "pct-mismatch")
        .and_then(|x| x["message"].as_str())
        .unwrap_or_default()
}

/// A rate's %KH written in points (91,2 − 95 = −3,8; a ‰ rate's 11,76 −
/// 14 = −2,24) is below zero when the plan is not reached, and a rate in
/// bác sĩ/vạn dân may be compared in its own points (1,65 − 1,68 =
/// −0,03) as one in % or ‰: no `value-negative`, no `pct-mismatch`. A
/// count's negative %KH stays an error; a ‰ rate's %CK right in no
/// reading says "điểm phần nghìn"; a bác sĩ/vạn dân %CK right in none
/// names its unit; a ‰ rate off its formula names its operands in words.
#[test]
fn a_rates_difference_in_points_is_right_in_any_unit_and_may_be_negative() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    health_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let kh_lk = |kh: f64, lk: f64| vec![N(kh, None), E, N(lk, None)];
    let lk = |v: f64| vec![E, E, N(v, None)];
    let book = |k: u8, tv02: Vec<Cell>, kb04: Vec<Cell>, tc02_pct_kh: Cell| {
        let mut tc02 = kh_lk(120.0, 114.0);
        tc02.extend([E, tc02_pct_kh]);
        write_sheet(
            &dir.join(format!("phuong-{k}.xlsx")),
            &format!("UBND PHƯỜNG {k}"),
            "QUÝ III/2025",
            &one_row_header(&SIX),
            &health_rows([
                kh_lk(126.0, 125.0),
                tc02,
                vec![N(95.0, None), E, N(91.2, None), E, N(-3.8, None)],
                lk(18182.0),
                lk(85.0),
                lk(1.0),
                tv02,
                lk(3.0),
                kb04,
            ]),
        );
    };
    // Phường 1: every rate's %KH, %CK in points, right; a count's %KH
    // of −5 (114 / 120 × 100 = 95) is wrong. The ‰ rate's %CK 0,5 is
    // neither the growth (−5,9) nor the points (−0,74).
    book(
        1,
        vec![
            N(14.0, None),
            E,
            N(11.76, None),
            N(12.5, None),
            N(-2.24, None),
            N(0.5, None),
        ],
        vec![E, E, N(1.65, None), N(1.68, None), E, N(-0.03, None)],
        N(-5.0, None),
    );
    // Phường 2: the ‰ rate 16,95 where 1 / 85 × 1.000 = 11,76; the
    // bác sĩ/vạn dân %CK −0,5, neither −1,8 nor −0,03.
    book(
        2,
        vec![E, E, N(16.95, None)],
        vec![E, E, N(1.65, None), N(1.68, None), E, N(-0.5, None)],
        E,
    );
    let f = run(&dir, &tmp.path().join("out"), &tpl, "2025-Q3");
    assert_eq!(
        listed(
            &f,
            &["value-negative", "pct-mismatch", "pct-rounding", "pct-kind"]
        ),
        [
            "error|pct-mismatch|P01|I8|TC02|%KH|95|-5",
            "error|pct-mismatch|P01|J13|TV02|%CK|-5,9|0,5",
            "error|pct-mismatch|P02|G13|TV02|LK|11,76|16,95",
            "error|pct-mismatch|P02|J15|KB04|%CK|-1,8|-0,5",
            "error|value-negative|P01|I8|TC02|%KH|≥ 0|-5",
        ]
    );
    let per_mille = message_at(&f, "P01", "J13");
    assert!(
        per_mille.contains("mức chênh lệch theo điểm phần nghìn (11,76 − 12,5 = -0,74)")
            && !per_mille.contains("phần trăm"),
        "{per_mille}"
    );
    let own_unit = message_at(&f, "P02", "J15");
    assert!(
        own_unit.contains("mức chênh lệch theo đơn vị bác sĩ/vạn dân (1,65 − 1,68 = -0,03)"),
        "{own_unit}"
    );
    let in_words = message_at(&f, "P02", "G13");
    assert!(
        in_words.contains("Số ca tử vong trẻ dưới 1 tuổi 1 / Số ca sinh sống 85 × 1.000 = 11,76 ‰"),
        "{in_words}"
    );
    // The English arm names the per-mille points too.
    let out_en = tmp.path().join("out-en");
    let output = tonghop()
        .arg("consolidate")
        .arg(&dir)
        .args(["--period", "2025-Q3", "--lang", "en", "--out"])
        .arg(&out_en)
        .arg("--template")
        .arg(&tpl)
        .output()
        .unwrap();
    assert!(output.status.code().is_some_and(|c| c <= 1));
    let en = crate::common::read_findings(&out_en.join("errors.json"));
    let per_mille = message_at(&en, "P01", "J13");
    assert!(per_mille.contains("in per-mille points"), "{per_mille}");
}

/// A plan of 95 stands for 94,5 … 95,5, so a rate's %KH in points may be
/// anywhere from 91,67 − 95,5 to 91,67 − 94,5 give or take its own
/// rounding: −4 and −3 are right. −5 is not a rounding of −3,33 and is
/// `pct-mismatch`, for a % and a ‰ rate alike (it was a `pct-rounding`
/// warning: the unit of slack was added on top of the plan's half unit).
/// A %CK of 1 point where 10,87 − 10,57 = 0,3 is still a rounding slip.
#[test]
fn a_rates_points_wrong_beyond_rounding_are_a_mismatch_over_a_whole_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    health_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let lk = |v: f64| vec![E, E, N(v, None)];
    // TC03 = 121 / 132 × 100 = 91,67; TV02 = 1 / 92 × 1.000 = 10,87.
    let book = |k: u8, tc03_pct_kh: f64, tv02_pct_kh: f64, tv02_pct_ck: f64| {
        write_sheet(
            &dir.join(format!("phuong-{k}.xlsx")),
            &format!("UBND PHƯỜNG {k}"),
            "QUÝ III/2025",
            &one_row_header(&SIX),
            &health_rows([
                lk(132.0),
                lk(121.0),
                vec![N(95.0, None), E, N(91.67, None), E, N(tc03_pct_kh, None)],
                lk(18182.0),
                lk(92.0),
                lk(1.0),
                vec![
                    N(14.0, None),
                    E,
                    N(10.87, None),
                    N(10.57, None),
                    N(tv02_pct_kh, None),
                    N(tv02_pct_ck, None),
                ],
                lk(3.0),
                lk(1.65),
            ]),
        );
    };
    book(1, -5.0, -5.0, 0.3);
    // Near misses: within the plan's half unit and their own rounding.
    book(2, -4.0, -4.0, 0.3);
    book(3, -3.0, -3.0, 1.0);
    let f = run(&dir, &tmp.path().join("out"), &tpl, "2025-Q3");
    assert_eq!(
        listed(&f, &["pct-mismatch", "pct-rounding", "value-negative"]),
        [
            "error|pct-mismatch|P01|I13|TV02|%KH|78|-5",
            "error|pct-mismatch|P01|I9|TC03|%KH|96|-5",
            "warning|pct-rounding|P03|J13|TV02|%CK|0|1",
        ]
    );
    let tc03 = message_at(&f, "P01", "I9");
    assert!(
        tc03.contains("mức chênh lệch theo điểm phần trăm (91,67 − 95 = -3,33)"),
        "{tc03}"
    );
    let tv02 = message_at(&f, "P01", "I13");
    assert!(
        tv02.contains("mức chênh lệch theo điểm phần nghìn (10,87 − 14 = -3,13)"),
        "{tv02}"
    );
}

/// TC03 TH 94,55 = 1.474 / 1.559, the wards' sums, while the
/// department typed TC02 1.480 (`total-mismatch`, expected 1.474): the
/// rate is right from the corrected operand and is not blamed with
/// "1.480 / 1.559 × 100 = 94,93". A rate wrong from both stays an error.
#[test]
fn a_rate_right_from_the_wards_sum_of_a_disputed_operand_is_not_blamed() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    health_template(&tpl);
    let th = [("Thực hiện quý III", 1)];
    let write = |dir: &Path, rate: f64| {
        std::fs::create_dir_all(dir).unwrap();
        let book = |file: &str, title: &str, tc: [f64; 3]| {
            let rows: Vec<Row> = health_rows(std::array::from_fn(|k| match tc.get(k) {
                Some(v) => vec![N(*v, None)],
                None => vec![],
            }));
            write_sheet(
                &dir.join(file),
                title,
                "QUÝ III/2025",
                &one_row_header(&th),
                &rows[..3],
            );
        };
        book("phuong-1.xlsx", "UBND PHƯỜNG 1", [900.0, 880.0, 97.78]);
        book("phuong-2.xlsx", "UBND PHƯỜNG 2", [659.0, 594.0, 90.14]);
        book("ttyt.xlsx", "TRUNG TÂM Y TẾ", [1559.0, 1480.0, rate]);
    };
    let codes = [
        "total-mismatch",
        "pct-mismatch",
        "pct-rounding",
        "rate-averaged",
    ];
    let dir = tmp.path().join("in");
    write(&dir, 94.55);
    let f = run(&dir, &tmp.path().join("out"), &tpl, "2025-Q3");
    assert_eq!(
        listed(&f, &codes),
        ["error|total-mismatch|VP|E8|TC02|TH|1.474|1.480"]
    );
    // Near miss: 96,1 is neither 94,9 (from 1.480) nor 94,5 (from 1.474).
    let dir2 = tmp.path().join("in2");
    write(&dir2, 96.1);
    let f = run(&dir2, &tmp.path().join("out2"), &tpl, "2025-Q3");
    let found = listed(&f, &codes);
    assert!(
        found.contains(&"error|pct-mismatch|VP|E9|TC03|TH|94,9|96,1".to_string()),
        "{found:?}"
    );
}

/// Satisfied ratings above all ratings: TC02 592 > TC01 582 is
/// `relation-violated`, and the rate 94,85 (right for the true 552 / 582)
/// is not told "Phải là 101,72" worked from 592. A rate above 100% is
/// wrong however they are corrected: said so, with no value. A rate wrong
/// while its operands are undisputed stays an error worked from them.
#[test]
fn a_rate_whose_operands_break_their_relation_is_not_corrected_from_them() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    health_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let th = [("Thực hiện quý III", 1)];
    for (k, tc) in [
        (1, [582.0, 592.0, 94.85]),
        (2, [582.0, 600.0, 110.5]),
        (3, [582.0, 552.0, 96.1]),
    ] {
        let rows: Vec<Row> = health_rows(std::array::from_fn(|j| match tc.get(j) {
            Some(v) => vec![N(*v, None)],
            None => vec![],
        }));
        write_sheet(
            &dir.join(format!("phuong-{k}.xlsx")),
            &format!("UBND PHƯỜNG {k}"),
            "QUÝ III/2025",
            &one_row_header(&th),
            &rows[..3],
        );
    }
    let f = run(&dir, &tmp.path().join("out"), &tpl, "2025-Q3");
    assert_eq!(
        listed(&f, &["relation-violated", "pct-mismatch", "pct-rounding"]),
        [
            "error|pct-mismatch|P02|E9|TC03|TH|≤ 100|110,5",
            "error|pct-mismatch|P03|E9|TC03|TH|94,8|96,1",
            "error|relation-violated|P01|E8|TC02|TH|TC02 <= TC01|592 > 582",
            "error|relation-violated|P02|E8|TC02|TH|TC02 <= TC01|600 > 582",
        ]
    );
    let over = f
        .iter()
        .find(|x| x["unit"] == "P02" && x["code"] == "pct-mismatch")
        .and_then(|x| x["message"].as_str())
        .unwrap_or_default();
    assert!(
        over.contains("không thể vượt 100%") && !over.contains("Phải là"),
        "{over}"
    );
    // `check` of the one file alike.
    let output = tonghop()
        .arg("check")
        .arg(dir.join("phuong-1.xlsx"))
        .args(["--period", "2025-Q3", "--json", "--template"])
        .arg(&tpl)
        .output()
        .unwrap();
    let said: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let has = |code: &str| said.iter().any(|f| f["code"] == code);
    assert!(has("relation-violated") && !has("pct-mismatch"), "{said:?}");
}

/// A rate's KH is the area's target, not a figure consolidated from the
/// wards': the department's TC03 KH 83,33, equal to the mean of the
/// wards' targets (50, 100, 100) where their plan counts give 70 / 120 =
/// 58,33, is no `rate-averaged` (a health department's YT.04 KH 95 was
/// told "hãy sửa thành 96"). Near miss: the same figures in LK, a
/// consolidated result, are still averaged.
#[test]
fn a_departments_rate_target_is_not_called_an_average_of_the_wards() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    health_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let kh_lk = [("Kế hoạch năm", 1), ("Lũy kế 9 tháng", 1)];
    let book = |file: &str, title: &str, tc: [f64; 3]| {
        let rows: Vec<Row> = health_rows(std::array::from_fn(|k| match tc.get(k) {
            Some(v) => vec![N(*v, None), N(*v, None)],
            None => vec![],
        }));
        write_sheet(
            &dir.join(file),
            title,
            "QUÝ III/2025",
            &one_row_header(&kh_lk),
            &rows[..3],
        );
    };
    book("phuong-1.xlsx", "UBND PHƯỜNG 1", [100.0, 50.0, 50.0]);
    book("phuong-2.xlsx", "UBND PHƯỜNG 2", [10.0, 10.0, 100.0]);
    book("phuong-3.xlsx", "UBND PHƯỜNG 3", [10.0, 10.0, 100.0]);
    book("ttyt.xlsx", "TRUNG TÂM Y TẾ", [120.0, 70.0, 83.33]);
    let f = run(&dir, &tmp.path().join("out"), &tpl, "2025-Q3");
    assert_eq!(
        listed(&f, &["rate-averaged", "total-mismatch"]),
        ["error|rate-averaged|VP|F9|TC03|LK|58,33|83,33"]
    );
    // Nothing else recomputes the target from the wards' either.
    let at_target: Vec<&serde_json::Value> = f
        .iter()
        .filter(|x| x["unit"] == "VP" && x["cell"] == "E9")
        .collect();
    assert!(at_target.is_empty(), "{at_target:?}");
}

/// A template of ratios (%CK = LK / CK × 100), as Sở Y tế's.
fn health_template_of_ratios(dir: &Path) {
    health_template(dir);
    let toml = std::fs::read_to_string(dir.join("template.toml")).unwrap();
    std::fs::write(
        dir.join("template.toml"),
        toml.replace("ck_convention = \"growth\"", "ck_convention = \"ratio\""),
    )
    .unwrap();
}

const SIX_RATIO: [(&str, u16); 6] = [
    ("Kế hoạch năm", 1),
    ("Thực hiện quý III", 1),
    ("Lũy kế 9 tháng", 1),
    ("Cùng kỳ năm trước", 1),
    ("% so với KH", 1),
    ("% so với cùng kỳ", 1),
];

/// A stock summed over the quarters (doctors LK 10 where TH 5, both the
/// level at the period's end) is one `cumulative-mismatch` warning; its
/// %KH 100 = 5 / 5, %CK 125 = 5 / 4 and the doctors per vạn dân 4,59 =
/// 5 / 10.900 × 10.000, right from the TH, are not blamed from the LK the
/// tool disputes (they were: "Hãy sửa thành 200", a `pct-kind` "125 is a
/// growth, write 250" and "= 9,17", tester BX's Xã Cẩm Giang). Near
/// misses: a %KH 50 and a rate 6 right from neither TH nor LK keep their
/// errors, worked from the figures as written; a flow's %CK 125 worked
/// from its TH is `pct-mismatch` (asking 250), not a `pct-kind` whose
/// growth reading 111 … 200 only the half units of 10 / 4 allow, and
/// the column is not read as one of growths for it; a flow's %CK 150,
/// the growth of 100 / 40, is still `pct-kind`.
#[test]
fn percents_and_rates_right_from_a_stocks_th_are_not_blamed_from_its_summed_lk() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    health_template_of_ratios(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let th_lk = |v: f64| vec![E, N(v, None), N(v, None)];
    let flow = |[th, lk, ck, pct_ck]: [f64; 4]| {
        vec![E, N(th, None), N(lk, None), N(ck, None), E, N(pct_ck, None)]
    };
    let book = |k: u8, pct_kh: f64, kb04: f64, ds02: Vec<Cell>, tv01: Vec<Cell>| {
        write_sheet(
            &dir.join(format!("phuong-{k}.xlsx")),
            &format!("UBND PHƯỜNG {k}"),
            "QUÝ III/2025",
            &one_row_header(&SIX_RATIO),
            &health_rows([
                vec![],
                vec![],
                vec![],
                th_lk(10900.0),
                ds02,
                tv01,
                vec![],
                vec![
                    N(5.0, None),
                    N(5.0, None),
                    N(10.0, None),
                    N(4.0, None),
                    N(pct_kh, None),
                    N(125.0, None),
                ],
                vec![E, N(4.59, None), N(kb04, None)],
            ]),
        );
    };
    book(1, 100.0, 4.59, vec![], vec![]);
    book(
        2,
        50.0,
        6.0,
        flow([50.0, 100.0, 40.0, 150.0]),
        flow([5.0, 10.0, 4.0, 125.0]),
    );
    let f = run(&dir, &tmp.path().join("out"), &tpl, "2025-Q3");
    assert_eq!(
        listed(
            &f,
            &[
                "cumulative-mismatch",
                "pct-mismatch",
                "pct-rounding",
                "pct-kind"
            ]
        ),
        [
            "error|pct-kind|P02|J11|DS02|%CK|250|150",
            "error|pct-mismatch|P02|G15|KB04|LK|9,2|6",
            "error|pct-mismatch|P02|I14|KB03|%KH|200|50",
            "error|pct-mismatch|P02|J12|TV01|%CK|250|125",
            "warning|cumulative-mismatch|P01|G14|KB03|LK|LK = TH|10",
            "warning|cumulative-mismatch|P02|G14|KB03|LK|LK = TH|10",
        ]
    );
}

/// Vaccinated LK 84 above the 80 eligible is `relation-violated`; the
/// rate 105 = 84 / 80 and its %CK 0,85 points (right for 77 / 80 =
/// 96,25 against 95,4) are not judged from the 84 nobody knows is wrong:
/// no "Hãy sửa thành 110,06" (tester BX's Xã Phước Điền). Near miss: a
/// %CK 5 of an undisputed rate 96,25, right in no reading (100,89, 0,85
/// points), stays an error.
#[test]
fn a_rates_percent_is_not_judged_from_an_operand_that_breaks_a_relation() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    health_template_of_ratios(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let lk = |v: f64| vec![E, E, N(v, None)];
    for (k, tc02, tc03) in [(1, 84.0, 105.0), (2, 77.0, 96.25)] {
        let pct_ck = if k == 1 { 0.85 } else { 5.0 };
        write_sheet(
            &dir.join(format!("phuong-{k}.xlsx")),
            &format!("UBND PHƯỜNG {k}"),
            "QUÝ III/2025",
            &one_row_header(&SIX_RATIO),
            &health_rows([
                lk(80.0),
                lk(tc02),
                vec![E, E, N(tc03, None), N(95.4, None), E, N(pct_ck, None)],
                vec![],
                vec![],
                vec![],
                vec![],
                vec![],
                vec![],
            ]),
        );
    }
    let f = run(&dir, &tmp.path().join("out"), &tpl, "2025-Q3");
    assert_eq!(
        listed(
            &f,
            &[
                "relation-violated",
                "pct-mismatch",
                "pct-rounding",
                "pct-kind"
            ]
        ),
        [
            "error|pct-mismatch|P02|J9|TC03|%CK|101|5",
            "error|relation-violated|P01|G8|TC02|LK|TC02 <= TC01|84 > 80",
        ]
    );
}

/// A template with an index and a price nothing can sum or recompute
/// (rates with no formula): GC01 the CPI (level district), GC02 the
/// petrol price in đồng/lít (level both), both stated by VP; NS02 the
/// wards' flow.
fn index_template(dir: &Path) {
    write_template(dir, "");
    std::fs::write(
        dir.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         NS02,NS,Tiền phạt vi phạm hành chính,triệu đồng,flow,ward,VP,\n\
         GC01,NS,Chỉ số giá tiêu dùng bình quân so với cùng kỳ,%,rate,district,VP,\n\
         GC02,NS,Giá bán lẻ xăng RON95 bình quân,đồng/lít,rate,both,VP,\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("agencies.csv"),
        "code,kind,name,aliases,reports\n\
         VP,department,Thống kê quận,,yes\n\
         P01,ward,Phường 1,,yes\n\
         P02,ward,Phường 2,,yes\n",
    )
    .unwrap();
}

/// KH, TH, LK, CK of `code` on Tổng hợp.
fn summary_row(out: &Path, code: &str) -> Vec<String> {
    let sheet = crate::common::read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let row = sheet
        .iter()
        .find(|r| r.first().is_some_and(|c| c == code))
        .unwrap_or_else(|| panic!("{code}: {sheet:?}"));
    (3..7)
        .map(|c| row.get(c).cloned().unwrap_or_default())
        .collect()
}

/// The CPI, IIP and a petrol price printed blank on Tổng hợp with no word
/// (tester CC): a rate with no formula takes the figures of the unit its
/// `reported_by` names (the statistics office's 103,62 / 103,45 / 103,9;
/// 24.510 / 24.230 / 23.150), not the wards' own prices; the wards'
/// flow is summed as before. Near miss: without the office's report the
/// rows stay blank, and one footnote line and one `total-uncomputed`
/// info say whose report is missing.
#[test]
fn an_index_or_a_price_is_the_figure_its_office_states() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    index_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let header = one_row_header(&[
        ("Kế hoạch năm", 1),
        ("Thực hiện quý", 1),
        ("Lũy kế", 1),
        ("Cùng kỳ", 1),
    ]);
    let n = |v: f64| N(v, None);
    for (k, price) in [(1, 24600.0), (2, 24400.0)] {
        write_sheet(
            &dir.join(format!("phuong-{k}.xlsx")),
            &format!("UBND PHƯỜNG {k}"),
            "QUÝ III/2020",
            &header,
            &[
                (
                    "NS02",
                    "Tiền phạt vi phạm hành chính",
                    "triệu đồng",
                    vec![n(100.0), n(30.0), n(80.0), n(70.0)],
                ),
                (
                    "GC02",
                    "Giá bán lẻ xăng RON95 bình quân",
                    "đồng/lít",
                    vec![E, n(price), n(price), n(23000.0)],
                ),
            ],
        );
    }
    let office = tmp.path().join("office.xlsx");
    write_sheet(
        &office,
        "THỐNG KÊ QUẬN",
        "QUÝ III/2020",
        &header,
        &[
            (
                "GC01",
                "Chỉ số giá tiêu dùng bình quân so với cùng kỳ",
                "%",
                vec![n(104.0), n(103.62), n(103.45), n(103.9)],
            ),
            (
                "GC02",
                "Giá bán lẻ xăng RON95 bình quân",
                "đồng/lít",
                vec![E, n(24510.0), n(24230.0), n(23150.0)],
            ),
        ],
    );
    // Without the office's report: blank rows, said once.
    let out = tmp.path().join("out-without");
    let f = run(&dir, &out, &tpl, "2020-Q3");
    assert_eq!(summary_row(&out, "GC01"), ["", "", "", ""]);
    assert_eq!(summary_row(&out, "GC02"), ["", "", "", ""]);
    assert_eq!(summary_row(&out, "NS02"), ["200", "60", "160", "140"]);
    assert_eq!(
        listed(&f, &["total-uncomputed"]),
        ["info|total-uncomputed||||||Thống kê quận"]
    );
    let said = f
        .iter()
        .find(|x| x["code"] == "total-uncomputed")
        .and_then(|x| x["message"].as_str())
        .unwrap();
    assert!(
        said.contains("2 chỉ tiêu (GC01, GC02) để trống cả dòng"),
        "{said}"
    );
    let sheet = crate::common::read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let lines: Vec<&String> = sheet
        .iter()
        .filter_map(|r| r.first())
        .filter(|c| c.contains("GC01, GC02"))
        .collect();
    assert_eq!(lines.len(), 1, "{sheet:?}");
    // With it: the office's figures, not the wards' prices.
    std::fs::copy(&office, dir.join("thong-ke.xlsx")).unwrap();
    let out = tmp.path().join("out");
    let f = run(&dir, &out, &tpl, "2020-Q3");
    assert_eq!(
        summary_row(&out, "GC01"),
        ["104", "103.62", "103.45", "103.9"]
    );
    assert_eq!(summary_row(&out, "GC02"), ["", "24510", "24230", "23150"]);
    assert_eq!(summary_row(&out, "NS02"), ["200", "60", "160", "140"]);
    assert_eq!(listed(&f, &["total-uncomputed"]), Vec::<String>::new());
}

/// An education office's rows: pupils (A22 primary, A23 lower
/// secondary, stocks), lower secondary classes A13, pupils per class
/// A25 = A23 / A13, dropouts B41 and the dropout rate B42 = B41 / (A22 +
/// A23) × 100.
fn school_template(dir: &Path) {
    write_template(dir, "");
    std::fs::write(
        dir.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         A13,HC,Số lớp trung học cơ sở,lớp,stock,ward,VP,\n\
         A22,HC,Số học sinh tiểu học,học sinh,stock,ward,VP,\n\
         A23,HC,Số học sinh trung học cơ sở,học sinh,stock,ward,VP,\n\
         A25,HC,Số học sinh bình quân/lớp trung học cơ sở,học sinh/lớp,rate,ward,VP,A23 / A13\n\
         B41,HC,Số học sinh bỏ học,học sinh,flow,ward,VP,\n\
         B42,HC,Tỷ lệ học sinh bỏ học,%,rate,ward,VP,B41 / (A22 + A23) * 100\n",
    )
    .unwrap();
}

/// Phường 1 copied its primary pupils 3.578 into the lower secondary
/// row, whose %KH and %CK both point to about 2.801: that LK is the
/// error. Its pupils per class 38,9 (2.801 / 72) and dropout rate 0,02%
/// (1 / (3.578 + 2.801)) are right for the figure the tool names, and
/// draw nothing (a tester's batch had a false error «3.578 / 72 = 49,7»
/// and a false `pct-rounding` «sửa thành 0,01»). Near miss: Phường 2,
/// whose lower secondary LK is as written, states 45,3 per class where
/// 2.801 / 72 gives 38,9: an error, as before. Phường 3 typed its
/// dropout rate 12 for 0,12 (3 / (1.504 + 1.007) × 100 = 0,119…): the
/// right figure is given with the decimals it needs, 0,12, not the 0 of
/// the figure as typed.
#[test]
fn a_rate_right_by_the_figure_an_lk_finding_names_draws_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    school_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let header = [
        ("Kế hoạch năm", 1),
        ("Lũy kế từ đầu năm", 1),
        ("Cùng kỳ năm trước", 1),
        ("% so với KH", 1),
        ("Tăng, giảm so với cùng kỳ (%)", 1),
    ];
    let pct = Some("#,##0.00");
    // KH, LK, CK, %KH, %CK (NaN: blank).
    let n = |v: [f64; 5], d: Option<&'static str>| -> Vec<Cell> {
        v.iter()
            .enumerate()
            .map(|(j, &x)| match j {
                _ if x.is_nan() => E,
                3 | 4 => N(x, pct),
                1 => N(x, d),
                _ => N(x, None),
            })
            .collect()
    };
    let none = f64::NAN;
    let book = |k: u32, a23: [f64; 5], a25: f64, b41: f64, b42: f64, a22: f64| {
        let rows = vec![
            (
                "A13",
                "Số lớp trung học cơ sở",
                "lớp",
                n([72.0, 72.0, 70.0, none, none], None),
            ),
            (
                "A22",
                "Số học sinh tiểu học",
                "học sinh",
                n([none, a22, none, none, none], None),
            ),
            (
                "A23",
                "Số học sinh trung học cơ sở",
                "học sinh",
                n(a23, None),
            ),
            (
                "A25",
                "Số học sinh bình quân/lớp trung học cơ sở",
                "học sinh/lớp",
                n([none, a25, none, none, none], Some("0.0")),
            ),
            (
                "B41",
                "Số học sinh bỏ học",
                "học sinh",
                n([none, b41, none, none, none], None),
            ),
            (
                "B42",
                "Tỷ lệ học sinh bỏ học",
                "%",
                n([none, b42, none, none, none], Some("0.00")),
            ),
        ];
        write_sheet(
            &dir.join(format!("phuong-{k}.xlsx")),
            &format!("UBND PHƯỜNG {k}"),
            "QUÝ III/2020",
            &one_row_header(&header),
            &rows,
        );
    };
    // 2.801 / 2.795 = 100,21%; 2.801 / 2.724 − 1 = 2,83%.
    book(
        1,
        [2795.0, 3578.0, 2724.0, 100.21, 2.83],
        38.9,
        1.0,
        0.02,
        3578.0,
    );
    book(
        2,
        [2795.0, 2801.0, 2724.0, 100.21, 2.83],
        45.3,
        1.0,
        0.02,
        3578.0,
    );
    book(
        3,
        [1000.0, 1007.0, 990.0, 100.7, 1.72],
        14.0,
        3.0,
        12.0,
        1504.0,
    );
    let f = run(&dir, &tmp.path().join("out"), &tpl, "2020-Q3");
    assert_eq!(
        listed(&f, &["pct-mismatch", "pct-rounding", "pct-kind"]),
        [
            "error|pct-mismatch|P01|F9|A23|LK|≈ 2.801|3.578",
            "error|pct-mismatch|P02|F10|A25|LK|38,9|45,3",
            "error|pct-mismatch|P03|F12|B42|LK|0,12|12",
        ]
    );
    let p03 = f
        .iter()
        .find(|x| x["unit"] == "P03" && x["code"] == "pct-mismatch")
        .unwrap();
    assert!(
        p03["message"]
            .as_str()
            .unwrap()
            .contains("ghi 12% nhưng Số học sinh bỏ học 3 / (Số học sinh tiểu học 1.504 + Số học sinh trung học cơ sở 1.007) × 100 = 0,12%: gấp 100 lần số đúng"),
        "{p03}"
    );
}

/// The health template with TV02 (‰) stated by VP for the whole area too.
fn area_rate_template(dir: &Path) {
    health_template(dir);
    let csv = std::fs::read_to_string(dir.join("indicators.csv")).unwrap();
    std::fs::write(
        dir.join("indicators.csv"),
        csv.replace("‰,rate,ward,VP", "‰,rate,both,VP"),
    )
    .unwrap();
}

/// A department's rate for the whole area, stated without its operands,
/// is compared with the rate of the wards' totals (it never was: Sở Y
/// tế's crude birth rate 1,09‰ for 10,86, the sum of the communes'
/// rates 126,04‰ for 6,20, tester CU). Wards: 4 / 400, 3 / 600, 12 /
/// 1.000 → 19 / 2.000 × 1000 = 9,50‰. A tenth of it (‰ typed as %) and
/// the sum of the wards' rates (27, typed without decimals: 10 is
/// asked) are errors that say so, 12 is another figure (an error), 9,8
/// (3,2 % off) a warning; near misses: 9,55 (0,5 % off: other data) and
/// 9,5 say nothing, and with a ward's
/// report missing the rate is not compared (`total-unchecked`, naming it).
#[test]
fn a_departments_area_rate_is_compared_with_the_rate_of_the_totals() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    area_rate_template(&tpl);
    let lk = [("Lũy kế 9 tháng", 1)];
    let run_with = |name: &str, stated: f64, p03_sends: bool| {
        let dir = tmp.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        for (k, deaths, births, rate) in [
            (1, N(4.0, None), 400.0, 10.0),
            (2, N(3.0, None), 600.0, 5.0),
            (3, N(12.0, None), 1000.0, 12.0),
        ] {
            if k == 3 && !p03_sends {
                continue;
            }
            write_sheet(
                &dir.join(format!("phuong-{k}.xlsx")),
                &format!("UBND PHƯỜNG {k}"),
                "QUÝ III/2025",
                &one_row_header(&lk),
                &[
                    ("DS02", "Số ca sinh sống", "ca", vec![N(births, None)]),
                    ("TV01", "Số ca tử vong trẻ dưới 1 tuổi", "ca", vec![deaths]),
                    (
                        "TV02",
                        "Tỷ suất tử vong trẻ dưới 1 tuổi",
                        "‰",
                        vec![N(rate, Some("0.00"))],
                    ),
                ],
            );
        }
        write_sheet(
            &dir.join("ttyt.xlsx"),
            "TRUNG TÂM Y TẾ",
            "QUÝ III/2025",
            &one_row_header(&lk),
            &[(
                "TV02",
                "Tỷ suất tử vong trẻ dưới 1 tuổi",
                "‰",
                vec![N(stated, Some("0.00"))],
            )],
        );
        let f = run(
            &dir,
            &tmp.path().join(format!("out-{name}")),
            &tpl,
            "2025-Q3",
        );
        (
            listed(&f, &["total-mismatch", "total-unchecked", "rate-averaged"]),
            f,
        )
    };
    let twelve = true;
    let (found, f) = run_with("tenth", 0.95, twelve);
    assert_eq!(found, ["error|total-mismatch|VP|E7|TV02|LK|9,50|0,95"]);
    let message = f
        .iter()
        .find(|x| x["code"] == "total-mismatch")
        .and_then(|x| x["message"].as_str())
        .unwrap_or_default()
        .to_string();
    assert!(
        message.contains("ghi 0,95‰")
            && message.contains("của 3 phường (TV01 / DS02 * 1000) là 9,50‰")
            && message.contains("chỉ bằng 1/10 số đúng"),
        "{message}"
    );
    let (found, f) = run_with("summed", 27.0, twelve);
    assert_eq!(found, ["error|total-mismatch|VP|E7|TV02|LK|10|27"]);
    assert!(
        f.iter().any(|x| x["message"]
            .as_str()
            .is_some_and(|m| m.contains("bằng tổng tỷ lệ của các phường (27‰)"))),
        "{f:?}"
    );
    let (found, _) = run_with("other", 12.0, twelve);
    assert_eq!(found, ["error|total-mismatch|VP|E7|TV02|LK|10|12"]);
    let (found, _) = run_with("near", 9.8, twelve);
    assert_eq!(found, ["warning|total-mismatch|VP|E7|TV02|LK|9,5|9,8"]);
    for (name, stated) in [("close", 9.55), ("right", 9.5)] {
        let (found, _) = run_with(name, stated, twelve);
        assert!(found.is_empty(), "{name}: {found:?}");
    }
    let (found, _) = run_with("lacking", 12.0, false);
    assert_eq!(found, ["info|total-unchecked|VP|E7|TV02|LK||Phường 3"]);
}

/// A rate per ten thousand written with its base alone («‱», «/vạn»,
/// «trên 10.000») on a «bác sĩ/vạn dân» row is the row's unit written
/// short: no `unit-mismatch` (an error that dropped the row, tester CU's
/// «‱» on «vụ/vạn lao động»), and the rate is checked as stated (5 /
/// 10.000 × 10.000 = 5,00). Near miss: «‰» on the row is another base
/// and is still told.
#[test]
fn a_rate_per_ten_thousand_written_with_its_base_alone_is_its_own_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    health_template(&tpl);
    let lk = [("Lũy kế 9 tháng", 1)];
    let run_with = |name: &str, unit: &'static str, rate: f64| {
        let dir = tmp.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        write_sheet(
            &dir.join("phuong-1.xlsx"),
            "UBND PHƯỜNG 1",
            "QUÝ III/2025",
            &one_row_header(&lk),
            &[
                ("DS01", "Dân số trung bình", "người", vec![N(10000.0, None)]),
                ("KB03", "Số bác sĩ", "người", vec![N(5.0, None)]),
                (
                    "KB04",
                    "Số bác sĩ trên vạn dân",
                    unit,
                    vec![N(rate, Some("0.00"))],
                ),
            ],
        );
        let f = run(
            &dir,
            &tmp.path().join(format!("out-{name}")),
            &tpl,
            "2025-Q3",
        );
        listed(&f, &["unit-mismatch", "pct-mismatch", "pct-rounding"])
    };
    for (k, unit) in ["‱", "/vạn", "trên 10.000"].into_iter().enumerate() {
        let found = run_with(&format!("short-{k}"), unit, 5.0);
        assert!(found.is_empty(), "{unit}: {found:?}");
    }
    let found = run_with("wrong-rate", "‱", 7.0);
    assert_eq!(found, ["error|pct-mismatch|P01|E9|KB04|LK|5,0|7"]);
    let found = run_with("per-mille", "‰", 5.0);
    assert!(
        found.iter().any(|x| x.contains("|unit-mismatch|P01|")),
        "{found:?}"
    );
}

/// A rate declared `flow` or `stock` by a careless office (tester EB:
/// «Tỷ lệ sinh con thứ 3 trở lên», %, `flow`): its total was the sum of
/// the communes' rates (62,14 %) and every commune whose half-year rate
/// was below its quarter's got a `cumulative-mismatch` error. A unit in
/// %, ‰ or one of the template's own rate units («bác sĩ/vạn dân») takes
/// it as a rate: one `total-uncomputed` warning naming the indicator, its
/// line and `kind = rate`, its Tổng hợp row left empty with a footnote
/// saying why, no `cumulative-mismatch`. Near miss: a count in «ca» (and
/// a mean's «ngày» beside a rate in «ngày») is still summed and checked.
#[test]
fn a_rate_declared_a_flow_is_neither_summed_nor_accumulated() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    health_template(&tpl);
    let csv = std::fs::read_to_string(tpl.join("indicators.csv")).unwrap();
    std::fs::write(
        tpl.join("indicators.csv"),
        format!(
            "{csv}TL01,HC,Tỷ lệ sinh con thứ 3 trở lên,%,flow,ward,VP,\n\
             KB05,HC,Số y sĩ trên vạn dân,bác sĩ/vạn dân,stock,ward,VP,\n\
             NT01,HC,Số ngày điều trị,ngày,flow,ward,VP,\n\
             NT02,HC,Số ngày điều trị trung bình,ngày,rate,ward,VP,NT01 / DS02\n"
        ),
    )
    .unwrap();
    let dir = tmp.path().join("batch");
    std::fs::create_dir_all(&dir).unwrap();
    let cols = [("Thực hiện quý III", 1), ("Lũy kế 9 tháng", 1)];
    for (k, th, lk) in [(1, 6.25, 3.36), (2, 7.74, 6.15), (3, 2.0, 3.0)] {
        write_sheet(
            &dir.join(format!("phuong-{k}.xlsx")),
            &format!("UBND PHƯỜNG {k}"),
            "QUÝ III/2025",
            &one_row_header(&cols),
            &[
                (
                    "DS02",
                    "Số ca sinh sống",
                    "ca",
                    vec![N(100.0, None), N(90.0, None)],
                ),
                (
                    "TL01",
                    "Tỷ lệ sinh con thứ 3 trở lên",
                    "%",
                    vec![N(th, Some("0.00")), N(lk, Some("0.00"))],
                ),
                (
                    "KB05",
                    "Số y sĩ trên vạn dân",
                    "bác sĩ/vạn dân",
                    vec![N(2.5, Some("0.00")), N(2.0, Some("0.00"))],
                ),
                (
                    "NT01",
                    "Số ngày điều trị",
                    "ngày",
                    vec![N(50.0, None), N(40.0, None)],
                ),
            ],
        );
    }
    let out = tmp.path().join("out");
    let f = run(&dir, &out, &tpl, "2025-Q3");
    let found = listed(&f, &["total-uncomputed", "cumulative-mismatch"]);
    let cumulative: Vec<&String> = found
        .iter()
        .filter(|x| x.contains("cumulative-mismatch"))
        .collect();
    // The counts' LK below their TH stay errors, the rates' do not.
    assert_eq!(cumulative.len(), 6, "{found:?}");
    assert!(
        cumulative
            .iter()
            .all(|x| x.contains("|DS02|") || x.contains("|NT01|")),
        "{found:?}"
    );
    let warned: Vec<&serde_json::Value> = f
        .iter()
        .filter(|x| x["code"] == "total-uncomputed")
        .collect();
    let said = |code: &str| {
        warned
            .iter()
            .find(|x| x["indicator"] == code && x["severity"] == "warning")
            .and_then(|x| x["message"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    let tl01 = said("TL01");
    assert!(
        tl01.contains("indicators.csv, dòng 11")
            && tl01.contains("TL01 «Tỷ lệ sinh con thứ 3 trở lên» có đơn vị «%» là một tỷ lệ nhưng khai báo kind = flow")
            && tl01.contains("Hãy khai báo kind = rate với công thức"),
        "{tl01}"
    );
    assert!(said("KB05").contains("kind = stock"), "{warned:?}");
    assert!(
        said("NT01").is_empty() && said("NT02").is_empty(),
        "{warned:?}"
    );
    assert_eq!(summary_row(&out, "TL01"), ["", "", "", ""]);
    assert_eq!(summary_row(&out, "KB05"), ["", "", "", ""]);
    assert_eq!(summary_row(&out, "NT01")[1..3], ["150", "120"]);
    let sheet = crate::common::read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    assert!(
        sheet.iter().flatten().any(|c| c.starts_with(
            "Ô để trống: TL01 có đơn vị % (một tỷ lệ) nhưng mẫu biểu khai báo là số cộng được"
        )),
        "{sheet:?}"
    );
}

/// BHXH, stating the area's rate at level `both`, typed the plain mean
/// of the communes' rates (tester EB: 92,08 for 91,96) and got at most a
/// `total-mismatch` warning: a commune that left its rate blank for the
/// office to work out was not in the mean. It is, from its own counts:
/// wards 90 / 100 (900 ‰), 40 / 50 (800 ‰), and 300 / 1.000 with the
/// rate blank (300 ‰): mean 666,67, weighted 430 / 1.150 × 1000 = 373,91
/// ‰ (a per mille: the template's factor, not 100). Stated 666,67 is
/// `rate-averaged`, suggesting 373,91; near miss: 373,91 says nothing.
#[test]
fn a_departments_mean_of_rates_counts_a_ward_that_left_its_rate_blank() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    area_rate_template(&tpl);
    let lk = [("Lũy kế 9 tháng", 1)];
    let run_with = |name: &str, stated: f64| {
        let dir = tmp.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        for (k, deaths, births, rate) in [
            (1, 90.0, 100.0, N(900.0, Some("0.00"))),
            (2, 40.0, 50.0, N(800.0, Some("0.00"))),
            (3, 300.0, 1000.0, E),
        ] {
            write_sheet(
                &dir.join(format!("phuong-{k}.xlsx")),
                &format!("UBND PHƯỜNG {k}"),
                "QUÝ III/2025",
                &one_row_header(&lk),
                &[
                    ("DS02", "Số ca sinh sống", "ca", vec![N(births, None)]),
                    (
                        "TV01",
                        "Số ca tử vong trẻ dưới 1 tuổi",
                        "ca",
                        vec![N(deaths, None)],
                    ),
                    ("TV02", "Tỷ suất tử vong trẻ dưới 1 tuổi", "‰", vec![rate]),
                ],
            );
        }
        write_sheet(
            &dir.join("ttyt.xlsx"),
            "TRUNG TÂM Y TẾ",
            "QUÝ III/2025",
            &one_row_header(&lk),
            &[(
                "TV02",
                "Tỷ suất tử vong trẻ dưới 1 tuổi",
                "‰",
                vec![N(stated, Some("0.00"))],
            )],
        );
        run(
            &dir,
            &tmp.path().join(format!("out-{name}")),
            &tpl,
            "2025-Q3",
        )
    };
    let f = run_with("mean", 666.67);
    let found = listed(&f, &["total-mismatch", "rate-averaged"]);
    assert_eq!(
        found,
        ["error|rate-averaged|VP|E7|TV02|LK|373,91|666,67"],
        "{f:?}"
    );
    let f = run_with("right", 373.91);
    assert!(listed(&f, &["total-mismatch", "rate-averaged"]).is_empty());
    // The fix is suggested at the template's decimals when the stated
    // figure was typed coarser (667 → 373,91, not 374), likewise for a
    // figure another altogether (999: `total-mismatch`).
    std::fs::write(
        tpl.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula,aliases,decimals
         DS02,HC,Số ca sinh sống,ca,flow,ward,VP,,,0
         TV01,HC,Số ca tử vong trẻ dưới 1 tuổi,ca,flow,ward,VP,,,0
         TV02,HC,Tỷ suất tử vong trẻ dưới 1 tuổi,‰,rate,both,VP,TV01 / DS02 * 1000,,2
",
    )
    .unwrap();
    let f = run_with("coarse", 667.0);
    assert_eq!(
        listed(&f, &["total-mismatch", "rate-averaged"]),
        ["error|rate-averaged|VP|E7|TV02|LK|373,91|667"]
    );
    let f = run_with("other", 999.0);
    assert_eq!(
        listed(&f, &["total-mismatch", "rate-averaged"]),
        ["error|total-mismatch|VP|E7|TV02|LK|373,91|999"]
    );
}

/// A mean typed «3,40» where the template prints it with one decimal and
/// 224 / 65 = 3,446 rounds to 3,4 (tester EB): a `pct-mismatch` error,
/// the typed trailing zero read as a second decimal. It is compared at
/// the template's decimals: nothing. Near misses: «3,50» stays an error,
/// and under a template of `decimals` 2, «3,40» against 3,45 too.
#[test]
fn a_mean_typed_with_a_trailing_zero_is_judged_at_the_templates_decimals() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    let run_with = |name: &str, decimals: u8, typed: &'static str| {
        write_template(&tpl, "");
        std::fs::write(
            tpl.join("indicators.csv"),
            format!(
                "code,group,name,unit,kind,level,reported_by,formula,aliases,decimals\n\
                 NT01,HC,Tổng số ngày điều trị nội trú,ngày,flow,ward,VP,,,0\n\
                 NT02,HC,Số lượt điều trị nội trú,lượt,flow,ward,VP,,,0\n\
                 NT03,HC,Số ngày điều trị trung bình,ngày,rate,ward,VP,NT01 / NT02,,{decimals}\n"
            ),
        )
        .unwrap();
        std::fs::write(
            tpl.join("agencies.csv"),
            "code,kind,name,aliases,reports\nVP,department,Trung tâm Y tế,TTYT,no\n\
             P01,ward,Phường 1,UBND Phường 1|P1,yes\n",
        )
        .unwrap();
        let dir = tmp.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        write_sheet(
            &dir.join("phuong-1.xlsx"),
            "UBND PHƯỜNG 1",
            "QUÝ III/2025",
            &one_row_header(&[("Lũy kế 9 tháng", 1)]),
            &[
                (
                    "NT01",
                    "Tổng số ngày điều trị nội trú",
                    "ngày",
                    vec![N(224.0, None)],
                ),
                (
                    "NT02",
                    "Số lượt điều trị nội trú",
                    "lượt",
                    vec![N(65.0, None)],
                ),
                (
                    "NT03",
                    "Số ngày điều trị trung bình",
                    "ngày",
                    vec![T(typed)],
                ),
            ],
        );
        let f = run(
            &dir,
            &tmp.path().join(format!("out-{name}")),
            &tpl,
            "2025-Q3",
        );
        listed(&f, &["pct-mismatch", "pct-rounding"])
    };
    assert!(run_with("zero", 1, "3,40").is_empty());
    assert_eq!(
        run_with("wrong", 1, "3,50"),
        ["error|pct-mismatch|P01|E9|NT03|LK|3,45|3,50"]
    );
    assert_eq!(
        run_with("finer", 2, "3,40"),
        ["error|pct-mismatch|P01|E9|NT03|LK|3,45|3,40"]
    );
}
