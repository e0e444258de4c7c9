//! Tests of the forms' content: what each unit gets, the formulas, the
//! headers the consolidation must read back, the drop-down lists the annex
//! must read back, and the instructions in the registry's words.

use super::*;
use crate::annex::agency::{AgencyRef, AgencyResolver, Role as AgencyRole};
use crate::normalize::header::{HeaderWords, Role};

fn province() -> Template {
    Template::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/province")).unwrap()
}

fn period(s: &str) -> Period {
    s.parse().unwrap()
}

const PERIODS: [&str; 7] = [
    "2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4", "2020-H1", "2020-9M", "2020",
];

#[test]
fn headers_are_read_as_the_columns_they_name_in_every_period() {
    for t in [Template::builtin().unwrap(), province()] {
        let words = HeaderWords::new(&t);
        for p in PERIODS.map(period) {
            for c in ValueColumn::ALL {
                let label = column_header(&t, p, c);
                assert_eq!(
                    words.classify(&label, Some(p)),
                    Some(Role::Value(c)),
                    "{} {p}: «{label}»",
                    t.source
                );
            }
        }
        for (label, role) in [
            ("Mã số", Role::Code),
            ("Chỉ tiêu", Role::Name),
            ("ĐVT", Role::Unit),
            ("Ghi chú", Role::Note),
        ] {
            assert_eq!(words.classify(label, None), Some(role), "{label}");
        }
    }
    let t = Template::builtin().unwrap();
    assert_eq!(
        column_header(&t, period("2020-H1"), ValueColumn::Th),
        "Thực hiện quý II/2020"
    );
    assert_eq!(
        form_title(&t, period("2020-Q1")),
        "BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ I/2020"
    );
}

#[test]
fn a_unit_gets_what_it_must_report_under_numbered_sections() {
    let t = Template::builtin().unwrap();
    for code in ["P05", "P.TCKH", "CAQ", "P.NV"] {
        let u = t.agency_index(code).unwrap();
        let rows = form_rows(&t, u);
        let on_form: Vec<usize> = rows
            .iter()
            .filter_map(|r| match r {
                FormRow::Indicator(i) => Some(*i),
                FormRow::Section(_) => None,
            })
            .collect();
        let must: Vec<usize> = (0..t.indicators.len())
            .filter(|&i| t.must_report(u, i))
            .collect();
        let mut sorted = on_form.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, must, "{code}");
        // Each section heads the indicators of its group.
        let mut section = 0;
        for r in &rows {
            match r {
                FormRow::Section(title) => {
                    section += 1;
                    assert!(
                        title.starts_with(&format!("{}. ", roman(section))),
                        "{title}"
                    );
                }
                FormRow::Indicator(_) => assert!(section > 0),
            }
        }
    }
    let p05 = form_rows(&t, t.agency_index("P05").unwrap());
    assert_eq!(p05.first(), Some(&FormRow::Section("I. KINH TẾ".into())));
    // A department with no indicator of its own gets an empty table.
    assert!(form_rows(&t, t.agency_index("P.NV").unwrap()).is_empty());
}

fn cells_of(t: &Template, code: &str, p: &str) -> (HashMap<usize, u32>, Period) {
    let u = t.agency_index(code).unwrap();
    let rows: HashMap<usize, u32> = form_rows(t, u)
        .iter()
        .enumerate()
        .filter_map(|(k, r)| match r {
            FormRow::Indicator(i) => Some((*i, 10 + k as u32)),
            FormRow::Section(_) => None,
        })
        .collect();
    (rows, period(p))
}

#[test]
fn percentages_rates_and_a_first_quarters_lk_are_formulas() {
    let t = Template::builtin().unwrap();
    let (rows, q1) = cells_of(&t, "P05", "2020-Q1");
    let i = |c: &str| t.indicator_index(c).unwrap();
    let row = |c: &str| rows[&i(c)] + 1;
    let cell = |c: &str, col| form_cell(&t, q1, &rows, i(c), col);
    let hc02 = row("HC02");
    assert_eq!(
        cell("HC02", ValueColumn::PctKh),
        FormCell::Formula {
            formula: format!(
                "IF(COUNT(F{hc02},D{hc02})<2,\"\",IFERROR(ROUND(F{hc02}/D{hc02}*100,2),\"\"))"
            ),
            overridable: false
        }
    );
    // %CK as growth in the built-in template.
    let FormCell::Formula { formula, .. } = cell("HC02", ValueColumn::PctCk) else {
        panic!()
    };
    assert!(
        formula.contains(&format!("F{hc02}/G{hc02}*100-100")),
        "{formula}"
    );
    // LK = TH in a first quarter, overridable; an input later.
    assert_eq!(
        cell("HC02", ValueColumn::Lk),
        FormCell::Formula {
            formula: format!("IF(E{hc02}=\"\",\"\",E{hc02})"),
            overridable: true
        }
    );
    assert_eq!(
        form_cell(&t, period("2020-Q2"), &rows, i("HC02"), ValueColumn::Lk),
        FormCell::Input
    );
    for c in [ValueColumn::Kh, ValueColumn::Th, ValueColumn::Ck] {
        assert_eq!(cell("HC02", c), FormCell::Input);
    }
    // A stock's LK is its TH, computed and locked, in every quarter.
    let yt11a = row("YT11a");
    for p in ["2020-Q1", "2020-Q3"] {
        assert_eq!(
            form_cell(&t, period(p), &rows, i("YT11a"), ValueColumn::Lk),
            FormCell::Formula {
                formula: format!("IF(E{yt11a}=\"\",\"\",E{yt11a})"),
                overridable: false
            }
        );
        assert_eq!(
            form_cell(&t, period(p), &rows, i("YT11a"), ValueColumn::Th),
            FormCell::Input
        );
    }
    // A rate from its operands in the same column; no plan, no %.
    let (hc03, hc05) = (row("HC03"), row("HC05"));
    let _ = hc05;
    assert_eq!(
        cell("HC05", ValueColumn::Th),
        FormCell::Formula {
            formula: format!(
                "IF(COUNT(E{hc03},E{hc02})<2,\"\",IFERROR(ROUND(((E{hc03}/E{hc02})*100),2),\"\"))"
            ),
            overridable: false
        }
    );
    // A rate's KH is the year's target, typed; its %KH and %CK are not
    // applicable.
    assert_eq!(cell("HC05", ValueColumn::Kh), FormCell::Input);
    for c in [ValueColumn::PctKh, ValueColumn::PctCk] {
        assert_eq!(cell("HC05", c), FormCell::NotApplicable);
    }
    // The province writes %CK as a ratio, and its codes of any shape.
    let p = province();
    let (rows, q1) = cells_of(&p, "X01", "2026-Q1");
    let j = |c: &str| p.indicator_index(c).unwrap();
    let FormCell::Formula { formula, .. } = form_cell(&p, q1, &rows, j("5.2"), ValueColumn::PctCk)
    else {
        panic!()
    };
    assert!(formula.ends_with("*100,2),\"\"))"), "{formula}");
    let FormCell::Formula { formula, .. } = form_cell(&p, q1, &rows, j("5.3"), ValueColumn::Lk)
    else {
        panic!()
    };
    let (r1, r2) = (rows[&j("5.1")] + 1, rows[&j("5.2")] + 1);
    assert!(
        formula.contains(&format!("((F{r2}/F{r1})*100)")),
        "{formula}"
    );
}

#[test]
fn a_rate_whose_operands_another_unit_states_is_typed() {
    let indicators = "code,group,name,unit,kind,level,reported_by,formula,aliases\n\
        A1,G,Hồ sơ,hồ sơ,flow,district,D1,,\n\
        A2,G,Hồ sơ đúng hạn,hồ sơ,flow,district,D1,,\n\
        A3,G,Tỷ lệ đúng hạn,%,rate,district,D2,A2 / A1 * 100,\n";
    let agencies = "code,kind,name,aliases,reports\nD1,department,Phòng Một,,yes\nD2,department,Phòng Hai,,yes\n";
    let t = Template::from_texts(
        "t",
        crate::template::DEFAULT_TOML,
        indicators,
        "group,name\nG,Nhóm\n",
        agencies,
    );
    let t = t.unwrap();
    let (rows, q1) = cells_of(&t, "D2", "2020-Q1");
    assert_eq!(
        form_cell(&t, q1, &rows, 2, ValueColumn::Th),
        FormCell::Input
    );
    let (rows, q1) = cells_of(&t, "D1", "2020-Q1");
    assert!(!rows.contains_key(&2));
    assert_eq!(
        form_cell(&t, q1, &rows, 2, ValueColumn::Th),
        FormCell::NotApplicable
    );
}

#[test]
fn input_cells_take_what_the_consolidation_reads_without_rounding() {
    let t = Template::builtin().unwrap();
    let ctx = FormContext::new(&t, period("2020-Q1"), Lang::Vi).unwrap();
    let i = |c: &str| t.indicator_index(c).unwrap();
    // Counts are whole, money in tỷ đồng has decimals; a growth %CK and
    // an indicator the template lets be negative may be below zero.
    assert_eq!(
        Allowed::of(&ctx, i("HC02"), ValueColumn::Th),
        Allowed::Whole
    );
    assert_eq!(
        Allowed::of(&ctx, i("NS01"), ValueColumn::Th),
        Allowed::Decimal
    );
    assert_eq!(
        Allowed::of(&ctx, i("YT25"), ValueColumn::Th),
        Allowed::Whole
    );
    assert_eq!(
        Allowed::of(&ctx, i("HC05"), ValueColumn::Th),
        Allowed::Decimal
    );
    let toml = format!(
        "{}\n[checks]\nmay_be_negative = [\"NS03\"]\n",
        crate::template::DEFAULT_TOML
    );
    let t2 = Template::builtin_with_toml(&toml).unwrap();
    let ctx2 = FormContext::new(&t2, period("2020-Q1"), Lang::Vi).unwrap();
    assert_eq!(
        Allowed::of(&ctx2, i("NS03"), ValueColumn::Th),
        Allowed::DecimalSigned
    );
    // Messages stay within Excel's limits, in both languages.
    for lang in [Lang::Vi, Lang::En] {
        for p in PERIODS.map(period) {
            let ctx = FormContext::new(&t, p, lang).unwrap();
            for c in ValueColumn::QUANTITIES {
                for a in [Allowed::Whole, Allowed::DecimalSigned] {
                    let (title, message) = input_message(&ctx, c, a);
                    assert!(title.encode_utf16().count() <= 32, "{title}");
                    assert!(
                        message.encode_utf16().count() <= 255,
                        "{} {message}",
                        message.len()
                    );
                }
            }
        }
    }
    assert_eq!(ranges(3, &[7, 8, 9, 11, 13, 14]), "D8:D10 D12 D14:D15");
}

#[test]
fn every_item_of_the_drop_down_lists_reads_back_as_itself() {
    for t in [Template::builtin().unwrap(), province()] {
        let ctx = FormContext::new(&t, period("2020-Q1"), Lang::Vi).unwrap();
        let annex = ctx.annex.as_ref().unwrap();
        let lists = tasks::lists(&ctx, annex);
        let resolver = AgencyResolver::new(&t, annex);
        for item in &lists[0] {
            for role in [AgencyRole::Lead, AgencyRole::Coord] {
                let got = resolver.resolve_cell(item, role);
                assert!(
                    matches!(
                        got.as_slice(),
                        [AgencyRef::Known(_)] | [AgencyRef::Group(_)]
                    ),
                    "{}: «{item}» → {got:?}",
                    t.source
                );
                assert_eq!(resolver.written(&got[0]), *item);
            }
        }
        for (k, field) in lists[1].iter().enumerate() {
            assert_eq!(annex.classify_heading(field), Some((k, true)), "{field}");
        }
        assert_eq!(
            lists[2],
            [
                "Tháng 4/2020",
                "Tháng 5/2020",
                "Tháng 6/2020",
                "Quý II/2020",
                "Thường xuyên"
            ]
        );
    }
}

#[test]
fn instructions_speak_of_the_unit_in_the_registrys_words() {
    let p = province();
    let ctx = FormContext::new(&p, period("2026-Q1"), Lang::Vi).unwrap();
    let text = |unit: &str, ctx: &FormContext| {
        instructions::lines(ctx, p.agency_index(unit).unwrap())
            .iter()
            .map(|l| format!("{l:?}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let x01 = text("X01", &ctx);
    assert!(x01.contains("UBND xã Tân Phú (mã X01"), "{x01}");
    assert!(x01.contains("biểu của xã, phường, đặc khu khác"), "{x01}");
    // Mid-sentence, not the letterhead's capitals.
    assert!(x01.contains("UBND tỉnh Nam Sơn"), "{x01}");
    assert!(
        x01.contains("tonghop check X01-xa-tan-phu-2026-Q1.xlsx --period 2026-Q1 --template"),
        "{x01}"
    );
    assert!(x01.contains("«% so với cùng kỳ» = LK / CK × 100"), "{x01}");
    // A rule in words, with the indicators' names, not its syntax.
    assert!(!x01.contains("* 100") && !x01.contains("=="), "{x01}");
    let rate = p
        .indicators
        .iter()
        .find(|i| i.kind == crate::template::Kind::Rate && !i.formula.is_empty())
        .unwrap();
    assert!(
        x01.contains(&format!("(ví dụ «{}» = «", rate.name)),
        "{x01}"
    );
    assert!(
        !x01.contains("phường khác") && !x01.contains("Nhiệm vụ trọng tâm"),
        "{x01}"
    );
    let dk = text("DK01", &ctx);
    assert!(dk.contains("UBND đặc khu Hòn Ngọc"), "{dk}");
    let stc = text("STC", &ctx);
    assert!(
        stc.contains("Nhiệm vụ trọng tâm quý II/2026") && stc.contains("Sở Tài chính"),
        "{stc}"
    );
    let en = FormContext::new(&p, period("2026-Q1"), Lang::En).unwrap();
    let x01 = text("X01", &en);
    assert!(
        x01.contains("HOW TO FILL IN THIS FORM")
            && x01.contains("communes, wards and special zones"),
        "{x01}"
    );
    let t = Template::builtin().unwrap();
    let ctx = FormContext::new(&t, period("2020-Q2"), Lang::Vi).unwrap();
    let p05 = instructions::lines(&ctx, t.agency_index("P05").unwrap());
    let all = format!("{p05:?}");
    assert!(
        all.contains("UBND phường 5")
            && all.contains("biểu của phường khác")
            && !all.contains("--template"),
        "{all}"
    );
    assert!(
        all.contains("Lũy kế từ đầu năm đến hết quý II/2020"),
        "{all}"
    );
}

#[test]
fn every_form_of_both_templates_is_written() {
    for t in [Template::builtin().unwrap(), province()] {
        for (k, p) in PERIODS.map(period).into_iter().enumerate() {
            let ctx = FormContext::new(&t, p, Lang::Vi).unwrap();
            let units = ctx.reporting_units();
            // Every unit in one period, two units in the others.
            let some: Vec<usize> = if k == 0 {
                units
            } else {
                vec![units[0], units[units.len() - 1]]
            };
            for u in some {
                let bytes = form_workbook(&ctx, u)
                    .unwrap_or_else(|e| panic!("{} {}: {e}", t.source, t.agencies[u].code));
                assert!(bytes.len() > 5_000);
            }
        }
    }
}
