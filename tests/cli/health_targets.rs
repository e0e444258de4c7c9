//! A health office's targets and words, as tester BX's Sở Y tế batch
//! wrote them: a birth rate's target written as a decrease ("Giảm
//! 0,2‰"), «Đạt» as a station's target or in a %KH cell, a per-vạn rate
//! whose unit says "10.000 dân", and the infos that ask nothing of a
//! commune. Each beside the near miss that must still be flagged.

use crate::checks::{consolidate, write_form, FormRow, V};
use crate::common::read_sheet;
use std::path::Path;

/// The health catalog of these tests: counts, a rate in ‰ and two rates
/// per vạn dân, three communes.
fn write_health_template(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let toml =
        std::fs::read_to_string(crate::common::repo().join("templates/template.toml")).unwrap();
    std::fs::write(dir.join("template.toml"), toml).unwrap();
    std::fs::write(dir.join("groups.csv"), "group,name\nSK,Y tế\n").unwrap();
    std::fs::write(
        dir.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         YT01,SK,Số ca sinh,ca,flow,ward,,\n\
         DS01,SK,Dân số trung bình,người,stock,ward,,\n\
         YT09,SK,Tỷ suất sinh thô,‰,rate,ward,,YT01 / DS01 * 1000\n\
         YT11,SK,Số lượt khám chữa bệnh,lượt người,flow,ward,,\n\
         NL01,SK,Số trạm y tế đạt chuẩn quốc gia,trạm,stock,ward,,\n\
         NL02,SK,Số bác sĩ,bác sĩ,stock,ward,,\n\
         NL04,SK,Số bác sĩ/1 vạn dân,bác sĩ/vạn dân,rate,ward,,NL02 / DS01 * 10000\n\
         NL03,SK,Số giường bệnh,giường,stock,ward,,\n\
         NL05,SK,Số giường bệnh/10.000 dân,giường/vạn dân,rate,ward,,NL03 / DS01 * 10000\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("agencies.csv"),
        "code,kind,name,aliases,reports\n\
         X01,ward,Xã An Điền,UBND xã An Điền,yes\n\
         X02,ward,Xã Long Điền,UBND xã Long Điền,yes\n\
         X03,ward,Xã Tân Hòa,UBND xã Tân Hòa,yes\n",
    )
    .unwrap();
}

const COLUMNS: [&str; 4] = [
    "Kế hoạch năm",
    "Thực hiện quý",
    "Lũy kế từ đầu năm",
    "% so với KH",
];

/// A commune's form, rows 7 to 15 (E = KH, F = TH, G = LK, H = %KH):
/// YT01, DS01, YT09, YT11, NL01, NL02, NL04, NL03, NL05; `kh` and `pct`
/// the cells the test varies, `units` NL04's and NL05's units.
#[allow(clippy::too_many_arguments)]
fn commune(
    births: f64,
    people: f64,
    birth_kh: V,
    visits_kh: V,
    stations: (V, V),
    doctors: f64,
    doctors_pct: V,
    per_van_pct: V,
    units: (&'static str, &'static str),
) -> Vec<FormRow> {
    let n = V::N;
    let rate = |v: f64| V::N((v * 100.0).round() / 100.0);
    vec![
        (
            "YT01",
            "Số ca sinh",
            "ca",
            vec![n(400.0), n(births), n(births), V::E],
        ),
        (
            "DS01",
            "Dân số trung bình",
            "người",
            vec![V::E, n(people), n(people), V::E],
        ),
        (
            "YT09",
            "Tỷ suất sinh thô",
            "‰",
            vec![
                birth_kh,
                rate(births / people * 1000.0),
                rate(births / people * 1000.0),
                V::E,
            ],
        ),
        (
            "YT11",
            "Số lượt khám chữa bệnh",
            "lượt người",
            vec![visits_kh, n(3000.0), n(3000.0), V::E],
        ),
        (
            "NL01",
            "Số trạm y tế đạt chuẩn quốc gia",
            "trạm",
            vec![stations.0, stations.1, n(1.0), V::E],
        ),
        (
            "NL02",
            "Số bác sĩ",
            "bác sĩ",
            vec![n(doctors), n(doctors), n(doctors), doctors_pct],
        ),
        (
            "NL04",
            "Số bác sĩ/1 vạn dân",
            units.0,
            vec![
                V::E,
                rate(doctors / people * 1e4),
                rate(doctors / people * 1e4),
                per_van_pct,
            ],
        ),
        (
            "NL03",
            "Số giường bệnh",
            "giường",
            vec![V::E, n(10.0), n(10.0), V::E],
        ),
        (
            "NL05",
            "Số giường bệnh/10.000 dân",
            units.1,
            vec![
                V::E,
                rate(10.0 / people * 1e4),
                rate(10.0 / people * 1e4),
                V::E,
            ],
        ),
    ]
}

/// `severity|code|cell|indicator|column|expected|actual` of one unit's
/// findings, sorted.
fn of_unit(findings: &[serde_json::Value], unit: &str) -> Vec<String> {
    let mut v: Vec<String> = findings
        .iter()
        .filter(|f| f["unit"] == unit)
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            [
                "severity",
                "code",
                "cell",
                "indicator",
                "column",
                "expected",
                "actual",
            ]
            .map(s)
            .join("|")
        })
        .collect();
    v.sort();
    v
}

/// Tester BX: "Giảm 0,2‰", the KH of a birth rate (a decrease target),
/// was read as −0,2, a `value-negative` error telling the clerk to check
/// a minus she never typed; «Đạt» as a station's KH and «Đạt» / «Không
/// đạt» in %KH cells were four `value-invalid` errors on figures nobody
/// got wrong; "giường/10.000 dân" and "bác sĩ/1 vạn dân" were unit
/// warnings against "…/vạn dân"; and every commune whose only findings
/// said how a target bound was read got a feedback workbook.
/// Now: a target written as a change is an info, left out of %KH and of
/// the plan total (which says it lacks the commune); «Đạt» as a KH is a
/// warning, in a %KH cell an info (the tool computes the percent); 1 vạn
/// = 10.000 is one unit. Near misses: "-0,2" and "(5)" typed in a KH stay
/// `value-negative`; «Đạt» in a TH is still `value-invalid` (error);
/// "bác sĩ/1.000 dân" against "bác sĩ/vạn dân" is still a unit warning.
#[test]
fn targets_written_as_a_change_or_in_words_are_no_false_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_health_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let n = V::N;
    let forms = [
        (
            "an-dien.xlsx",
            "UBND XÃ AN ĐIỀN",
            commune(
                100.0,
                20000.0,
                V::T("Giảm 0,2‰"),
                V::T("Tăng 5%"),
                (V::T("Đạt"), n(1.0)),
                4.0,
                V::T("Đạt"),
                V::T("Không đạt"),
                ("bác sĩ/1 vạn dân", "giường/10.000 dân"),
            ),
        ),
        ("long-dien.xlsx", "UBND XÃ LONG ĐIỀN", {
            let mut rows = commune(
                80.0,
                16000.0,
                V::T("-0,2"),
                n(2000.0),
                (n(1.0), V::T("Đạt")),
                3.0,
                V::E,
                V::E,
                ("bác sĩ/1.000 dân", "giường/vạn dân"),
            );
            rows[0].3[0] = V::T("(5)");
            rows
        }),
        (
            "tan-hoa.xlsx",
            "UBND XÃ TÂN HÒA",
            commune(
                60.0,
                12500.0,
                V::T("Dưới 6‰"),
                n(4000.0),
                (n(1.0), n(1.0)),
                5.0,
                V::T("Đạt"),
                V::E,
                ("bác sĩ/vạn dân", "giường/10.000 dân"),
            ),
        ),
    ];
    for (file, title, rows) in &forms {
        write_form(&dir.join(file), title, "QUÝ I/2020", &COLUMNS, rows);
    }
    let out = tmp.path().join("out");
    let (_, findings) = consolidate(&dir, &out, &tpl, "2020-Q1", &[]);
    assert_eq!(
        of_unit(&findings, "X01"),
        [
            "info|value-invalid|E10|YT11|KH||Tăng 5%",
            "info|value-invalid|E9|YT09|KH||Giảm 0,2‰",
            "info|value-invalid|H12|NL02|%KH||Đạt",
            "info|value-invalid|H13|NL04|%KH||Không đạt",
            "warning|value-invalid|E11|NL01|KH||Đạt",
        ],
        "{findings:#?}"
    );
    assert_eq!(
        of_unit(&findings, "X02"),
        [
            "error|value-invalid|F11|NL01|TH||Đạt",
            "error|value-negative|E7|YT01|KH|≥ 0|-5",
            "error|value-negative|E9|YT09|KH|≥ 0|-0,2",
            "warning|unit-mismatch|D13|NL04||bác sĩ/vạn dân|bác sĩ/1.000 dân",
        ],
        "{findings:#?}"
    );
    assert_eq!(
        of_unit(&findings, "X03"),
        [
            "info|number-ambiguous|E9|YT09|KH|6|Dưới 6‰",
            "info|value-invalid|H12|NL02|%KH||Đạt",
        ],
        "{findings:#?}"
    );
    let said = |cell: &str, unit: &str| {
        findings
            .iter()
            .find(|f| f["unit"] == unit && f["cell"] == cell)
            .and_then(|f| f["message"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        said("E9", "X01"),
        "Xã An Điền: Ô E9 (chỉ tiêu YT09 «Tỷ suất sinh thô», cột KH) ghi «Giảm 0,2‰»: \
         chỉ tiêu ghi dạng mức giảm/tăng, không phải mức cần đạt, nên không dùng để tính \
         %KH và không cộng vào tổng kế hoạch."
    );
    assert!(said("H12", "X01").contains("công cụ tự tính lại tỷ lệ"));

    // The plan totals leave out the commune whose KH is a change or a
    // word, and say so; the others' plans are added.
    let summary = read_sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let row = |code: &str| summary.iter().find(|r| r[0] == code).unwrap().clone();
    assert_eq!(row("YT11")[3], "6000", "{summary:?}");
    assert_eq!(row("NL01")[3], "2", "{summary:?}");
    let footnotes: Vec<&String> = summary
        .iter()
        .map(|r| &r[0])
        .filter(|c| c.starts_with("- "))
        .collect();
    assert!(
        footnotes.iter().any(|c| c.contains("YT11 ")
            && c.ends_with("(cột KH): chưa gồm số của 1 đơn vị: Xã An Điền.")),
        "{footnotes:?}"
    );
    assert!(
        footnotes.iter().any(|c| c.contains("NL01 ")
            && c.ends_with("(cột KH): chưa gồm số của 1 đơn vị: Xã An Điền.")),
        "{footnotes:?}"
    );

    // Feedback: the infos that ask nothing of a commune (a target read
    // as its bound, a change, a %KH in words) are the office's. Tân Hòa,
    // with nothing else, gets no workbook; An Điền's lists its warning.
    let feedback = out.join("phan-hoi");
    assert!(!feedback.join("X03.xlsx").exists());
    let list = read_sheet(&feedback.join("X01.xlsx"), "Lỗi");
    assert_eq!(list.len(), 2, "{list:?}");
    assert_eq!(list[1][0..2], ["Cảnh báo", "Ô số liệu không phải là số."]);
    assert_eq!(list[1][5], "E11");
    assert!(feedback.join("X02.xlsx").exists());
}
