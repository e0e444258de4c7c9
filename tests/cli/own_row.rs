//! An outlier told in the unit's own terms (tester CM, Sở Nông nghiệp và
//! Môi trường): a commune's TH typed a thousand times too large (1.239,7
//! tấn written 1.239.700) is far off its peers, and its own KH, LK and
//! CK show the figure it meant; the warning suggests that figure, not the
//! peers' usual, and says how far off in words a clerk reads («gấp khoảng
//! … lần mức thường gặp của các xã»), never a robust score or a median.

use crate::checks::{consolidate, summary, write_form, FormRow, V};
use crate::row_scale::total_notes;
use std::path::Path;

/// Ten communes of 13.000 to 40.000 people, the shipped template.toml,
/// waste collected (MT01) and treated (MT02, at most MT01) in tấn, and
/// the rate treated (MT03 = MT02 / MT01 × 100).
fn write_waste_template(tpl: &Path) {
    std::fs::create_dir_all(tpl).unwrap();
    let toml =
        std::fs::read_to_string(crate::common::repo().join("templates/template.toml")).unwrap();
    std::fs::write(tpl.join("template.toml"), toml).unwrap();
    std::fs::write(tpl.join("groups.csv"), "group,name\nMT,Môi trường\n").unwrap();
    std::fs::write(
        tpl.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         MT01,MT,Khối lượng chất thải rắn sinh hoạt được thu gom,tấn,flow,ward,VP,\n\
         MT02,MT,Khối lượng chất thải rắn sinh hoạt được xử lý,tấn,flow,ward,VP,MT02 <= MT01\n\
         MT03,MT,Tỷ lệ chất thải rắn sinh hoạt được xử lý,%,rate,ward,VP,MT02 / MT01 * 100\n",
    )
    .unwrap();
    let mut agencies =
        String::from("code,kind,name,aliases,reports,size\nVP,department,Văn phòng,,yes,\n");
    for k in 1..=10 {
        agencies.push_str(&format!("X{k:02},ward,Xã {k},,yes,{}\n", size(k)));
    }
    std::fs::write(tpl.join("agencies.csv"), agencies).unwrap();
}

fn size(k: u32) -> f64 {
    10_000.0 + 3_000.0 * f64::from(k)
}

const COLUMNS: [&str; 5] = [
    "Kế hoạch năm",
    "Thực hiện quý",
    "Lũy kế từ đầu năm",
    "Cùng kỳ năm trước",
    "Ghi chú",
];

/// Xã 4 typed its third quarter's waste 1.239,7 tấn as 1.239.700 (its
/// KH 4.845,2, LK 3.729,8, CK 3.543,4 right): one `outlier` at the TH
/// whose `expected` is 1.239,7, the figure a thousand brings in line with
/// its own row, beside the `cumulative-mismatch` its LK below its TH
/// draws; the province's TH of MT01 and of the rate MT03 worked from it
/// carry the warning. Near miss: Xã 7's TH typed ten times too large
/// (12.690 for 1.269: a hundred or a thousand does not bring it back,
/// and ten times is a quarter's swing, a festival) is told against its
/// peers' usual, in words, with the commune's note quoted.
#[test]
fn a_th_typed_a_thousand_times_too_large_is_told_by_its_own_row() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_waste_template(&tpl);
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let round1 = |v: f64| (v * 10.0).round() / 10.0;
    for k in 1..=10 {
        // Waste per head a little different in every commune.
        let kh = round1(size(k) * 0.14 * (1.0 + 0.03 * f64::from(k)));
        let (kh, th, lk, ck) = match k {
            4 => (4_845.2, 1_239.7, 3_729.8, 3_543.4),
            _ => (kh, round1(kh * 0.26), round1(kh * 0.77), round1(kh * 0.73)),
        };
        let (kh2, th2, lk2, ck2) = (
            round1(kh * 0.95),
            round1(th * 0.95),
            round1(lk * 0.95),
            round1(ck * 0.95),
        );
        let rate = |a: f64, b: f64| (a / b * 10_000.0).round() / 100.0;
        let typed = match k {
            4 => 1_239_700.0,
            7 => th * 10.0,
            _ => th,
        };
        let note = match k {
            7 => V::T("Tính cả rác dọn sau lễ hội"),
            _ => V::E,
        };
        let rows: Vec<FormRow> = vec![
            (
                "MT01",
                "Khối lượng chất thải rắn sinh hoạt được thu gom",
                "tấn",
                vec![V::N(kh), V::N(typed), V::N(lk), V::N(ck), note],
            ),
            (
                "MT02",
                "Khối lượng chất thải rắn sinh hoạt được xử lý",
                "tấn",
                vec![V::N(kh2), V::N(th2), V::N(lk2), V::N(ck2), V::E],
            ),
            (
                "MT03",
                "Tỷ lệ chất thải rắn sinh hoạt được xử lý",
                "%",
                vec![
                    V::N(rate(kh2, kh)),
                    V::N(rate(th2, th)),
                    V::N(rate(lk2, lk)),
                    V::N(rate(ck2, ck)),
                    V::E,
                ],
            ),
        ];
        write_form(
            &dir.join(format!("xa-{k:02}.xlsx")),
            &format!("UBND XÃ {k}"),
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
    // Both TH are above the LK that includes them by a power of ten the
    // commune's own CK backs: one error at the TH each (no LK ≥ TH at the
    // right LK, no outlier saying it again), and the rate MT03 worked
    // from them is not blamed.
    assert_eq!(
        got,
        [
            "error|cumulative-mismatch|X04|F7|MT01|TH|1.239,7|1.239.700",
            "error|cumulative-mismatch|X07|F7|MT01|TH|1.365,4|13.654",
        ]
    );
    let said = |unit: &str| {
        findings
            .iter()
            .find(|f| f["code"] == "cumulative-mismatch" && f["unit"] == unit)
            .and_then(|f| f["message"].as_str())
            .unwrap()
            .to_string()
    };
    assert_eq!(
        said("X04"),
        "Xã 4: MT01 Khối lượng chất thải rắn sinh hoạt được thu gom: TH 1.239.700 lớn hơn cả \
         lũy kế từ đầu năm 3.729,8, vốn đã gồm quý này; chia cho 1.000 thì được 1.239,7, vừa \
         với lũy kế, và số cùng kỳ khớp với lũy kế 3.729,8: có lẽ TH gõ thừa chữ số hoặc ghi \
         theo đơn vị nhỏ hơn (×1.000). Hãy sửa TH thành 1.239,7."
    );
    // The province's TH of MT01, and of MT03 worked from it, carry Xã 4's
    // error: a rate of 0,3 % must not be signed as it stands. Its LK is
    // right, and so are the percents worked from it: unmarked.
    let book = out.join("tong-hop.xlsx");
    for (code, want) in [("MT01", ["E"]), ("MT03", ["E"])] {
        let marked: Vec<String> = total_notes(&book, code)
            .into_iter()
            .filter(|(_, n)| n.contains("Xã 4: MT01"))
            .map(|(c, _)| c)
            .collect();
        assert_eq!(marked, want, "{code}");
    }
}
