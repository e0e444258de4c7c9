//! A unit whose table lacks a column other units gave is asked for it
//! only when one of those units reports the same indicators: a
//! department with no plan column is not asked for one because another
//! department, with other indicators, has one (the practice batch's five
//! departments were each asked for a KH). Wards that share the template's
//! indicators still are.

use crate::checks::{consolidate, summary, write_form, FormRow, V};

#[test]
fn a_department_is_not_asked_for_a_column_another_department_gave_for_other_indicators() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    crate::checks::write_template(&tpl, "");
    // Two departments, each with its own indicators.
    std::fs::write(
        tpl.join("indicators.csv"),
        "code,group,name,unit,kind,level,reported_by,formula\n\
         HC02,HC,Hồ sơ thủ tục hành chính đã giải quyết,hồ sơ,flow,both,VP,\n\
         NS01,NS,Thu ngân sách nhà nước trên địa bàn,tỷ đồng,flow,district,TC,\n",
    )
    .unwrap();
    let mut agencies = String::from(
        "code,kind,name,aliases,reports\n\
         VP,department,Văn phòng HĐND và UBND quận,VP HĐND-UBND,yes\n\
         TC,department,Phòng Tài chính - Kế hoạch,Phòng TCKH,yes\n",
    );
    for k in 1..=3 {
        agencies.push_str(&format!("P0{k},ward,Phường {k},UBND Phường {k}|P{k},yes\n"));
    }
    std::fs::write(tpl.join("agencies.csv"), agencies).unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let all = [
        "Kế hoạch năm",
        "Thực hiện quý",
        "Lũy kế từ đầu năm",
        "Cùng kỳ năm trước",
    ];
    let hc = |kh: f64, th: f64| -> Vec<FormRow> {
        vec![(
            "HC02",
            "Hồ sơ thủ tục hành chính đã giải quyết",
            "hồ sơ",
            vec![V::N(kh), V::N(th), V::N(th * 3.0), V::N(th * 2.8)],
        )]
    };
    for k in 1..=3 {
        let rows = hc(400.0, 100.0 + f64::from(k));
        if k == 3 {
            // Phường 3 sent no plan column.
            let rows: Vec<FormRow> = rows
                .into_iter()
                .map(|(c, n, u, v)| (c, n, u, v[1..].to_vec()))
                .collect();
            write_form(
                &dir.join(format!("p0{k}.xlsx")),
                &format!("UBND PHƯỜNG {k}"),
                "QUÝ III/2020",
                &all[1..],
                &rows,
            );
        } else {
            write_form(
                &dir.join(format!("p0{k}.xlsx")),
                &format!("UBND PHƯỜNG {k}"),
                "QUÝ III/2020",
                &all,
                &rows,
            );
        }
    }
    write_form(
        &dir.join("vp.xlsx"),
        "VĂN PHÒNG HĐND VÀ UBND QUẬN",
        "QUÝ III/2020",
        &all,
        &hc(1200.0, 306.0),
    );
    // The finance office reports the budget with no plan column.
    write_form(
        &dir.join("tc.xlsx"),
        "PHÒNG TÀI CHÍNH - KẾ HOẠCH",
        "QUÝ III/2020",
        &all[1..],
        &[(
            "NS01",
            "Thu ngân sách nhà nước trên địa bàn",
            "tỷ đồng",
            vec![V::N(50.0), V::N(150.0), V::N(140.0)],
        )],
    );
    let out = tmp.path().join("out");
    let (_, findings) = consolidate(&dir, &out, &tpl, "2020-Q3", &[]);
    let missing: Vec<String> = summary(&findings)
        .into_iter()
        .filter(|s| s.contains("|column-missing|"))
        .collect();
    assert_eq!(
        missing,
        ["warning|column-missing|P03|H6||KH||KH"],
        "{findings:#?}"
    );
}
