//! Tests of the batch for a template, on the shipped province template
//! (`templates/province`), the built-in one and a registry of wards only:
//! every relation, rate and percent holds except where a mistake is
//! planted, each mistake finds its place by what the catalog offers, and
//! the same seed gives the same bytes.

use super::plant::{merged_code, other_separators, pct_bounds};
use super::*;
use crate::samples::tests::{percent_errors, violations};
use crate::template::CkConvention;
use std::collections::BTreeSet;
use std::path::Path;

fn province() -> Template {
    Template::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/province")).unwrap()
}

fn q1() -> Period {
    "2026-Q1".parse().unwrap()
}

/// (catalog code, column) of every relation, rate or percent that does
/// not hold in what the documents state, by file.
fn broken(t: &Template, d: &Documents) -> BTreeSet<(String, String, String)> {
    let growth = t.settings.ck_convention == CkConvention::Growth;
    let mut out = BTreeSet::new();
    for ((file, doc), codes) in d.docs.iter().zip(&d.codes) {
        // Rows by their catalog code, however the code cell writes it.
        let mut doc = doc.clone();
        for (r, code) in doc.rows.iter_mut().zip(codes) {
            if let crate::samples::layout::Row::Line(l) = r {
                l.code = code.clone();
            }
        }
        for (code, col) in violations(t, &doc)
            .into_iter()
            .chain(percent_errors(&doc, growth))
        {
            out.insert((file.clone(), code, col.as_str().to_string()));
        }
    }
    out
}

#[test]
fn a_clean_batch_keeps_every_relation_rate_and_percent() {
    for (t, period) in [
        (province(), q1()),
        (province(), "2026-Q3".parse().unwrap()),
        (Template::builtin().unwrap(), "2020-Q2".parse().unwrap()),
    ] {
        let d = documents(&t, period, 11, true).unwrap();
        assert_eq!(broken(&t, &d), BTreeSet::new(), "{} {period}", t.source);
        assert!(d.marks.is_empty() && d.loose.is_empty() && d.plants.is_empty());
        // Every reporting unit sends one file.
        let reporting = t.agencies.iter().filter(|a| a.reports).count();
        assert_eq!(d.docs.len(), reporting);
    }
}

#[test]
fn mistakes_break_exactly_what_they_plant() {
    let t = province();
    let d = documents(&t, q1(), 2026, false).unwrap();
    let unit = |m: &Mark| m.e.file.clone();
    // What the planted figures break, by the generator's own reading:
    // the sum in TH and LK, the two percents; nothing else.
    let mut want = BTreeSet::new();
    for (m, _) in &d.marks {
        if matches!(
            m.e.code.as_str(),
            "sum-mismatch" | "pct-mismatch" | "pct-kind"
        ) {
            want.insert((unit(m), m.e.indicator.clone(), m.e.column.clone()));
        }
    }
    assert_eq!(want.len(), 4, "{want:?}");
    assert_eq!(broken(&t, &d), want);
}

#[test]
fn every_mistake_finds_its_place_in_the_province() {
    let t = province();
    let b = build(&t, q1(), 2026, false).unwrap();
    let kinds: Vec<&str> = b.plants.iter().map(|p| p.kind.as_str()).collect();
    let mut want = PLANTS.to_vec();
    want.sort_unstable();
    let mut got = kinds.clone();
    got.sort_unstable();
    assert_eq!(got, want);
    assert_eq!((b.wards, b.departments), (39, 8));
    // One file per reporting unit, less the one that sent nothing, plus
    // the revised copy.
    assert_eq!(b.set.files.len(), 48);
    // Each mistake its own unit.
    let units: BTreeSet<&str> = b.plants.iter().map(|p| p.unit.as_str()).collect();
    assert_eq!(units.len(), b.plants.len());
    // Every expected finding has a place, and the README says what each
    // plant reports.
    for e in &b.set.expected {
        let placed = !e.file.is_empty() || e.code == "submission-missing";
        assert!(placed, "{e:?}");
        let in_cell = e.cell.is_empty()
            == matches!(
                e.code.as_str(),
                "submission-missing" | "submission-duplicate"
            );
        assert!(in_cell, "{e:?}");
    }
    for p in &b.plants {
        assert_eq!(p.reports.is_empty(), p.is_near_miss(), "{p:?}");
    }
    // The codes are the template's own, dotted.
    assert!(b
        .set
        .expected
        .iter()
        .filter(|e| !e.indicator.is_empty())
        .all(|e| e.indicator.contains('.')));
}

#[test]
fn the_builtin_template_and_a_registry_of_wards_get_their_own_mistakes() {
    let t = Template::builtin().unwrap();
    let b = build(&t, "2020-Q1".parse().unwrap(), 3, false).unwrap();
    assert!(b.plants.iter().any(|p| p.kind == "total-mismatch"));
    assert!(b.plants.iter().any(|p| p.kind == "sum-mismatch"));
    // The built-in codes have no dots: no two fold alike.
    assert!(!b.plants.iter().any(|p| p.kind.contains("folding")));
    let units = crate::samples::batch::units(12);
    let reg = crate::samples::batch::registry_csv(&units).unwrap();
    let t = Template::from_texts(
        "wards",
        crate::template::DEFAULT_TOML,
        crate::template::DEFAULT_INDICATORS,
        crate::template::DEFAULT_GROUPS,
        &reg,
    )
    .unwrap();
    let b = build(&t, "2020-Q1".parse().unwrap(), 3, false).unwrap();
    assert_eq!(b.departments, 0);
    assert!(!b.plants.iter().any(|p| p.kind == "total-mismatch"));
    let text = readme(&t, &b, "tonghop samples …", "2020-Q1".parse().unwrap());
    assert!(text.contains("Not planted"), "{text}");
    assert!(text.contains("total-mismatch"), "{text}");
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let t = province();
    let a = build(&t, q1(), 2026, false).unwrap();
    let b = build(&t, q1(), 2026, false).unwrap();
    assert_eq!(a.set.files, b.set.files);
    assert_eq!(a.set.expected_tsv(), b.set.expected_tsv());
    assert_eq!(a.plants, b.plants);
    let c = build(&t, q1(), 7, false).unwrap();
    assert_ne!(a.set.files, c.set.files);
}

#[test]
fn only_a_quarter_and_a_registry_with_units() {
    let t = province();
    let err = build(&t, "2026-H1".parse().unwrap(), 1, false).unwrap_err();
    assert!(err.to_string().contains("quarter"), "{err}");
    let none = "code,kind,name,aliases,reports\nX,ward,Xã A,,no\n";
    let t = Template::from_texts(
        "t",
        crate::template::DEFAULT_TOML,
        crate::template::DEFAULT_INDICATORS,
        crate::template::DEFAULT_GROUPS,
        none,
    )
    .unwrap();
    assert!(build(&t, q1(), 1, false).is_err());
}

#[test]
fn codes_folding_would_merge_and_codes_written_another_way() {
    assert_eq!(merged_code("AN.01.1"), merged_code("AN.11"));
    assert_ne!(merged_code("AN.01.1"), merged_code("AN.01"));
    assert_eq!(other_separators("KT.01"), ["KT 01", "KT-01"]);
    assert_eq!(other_separators("HC02"), ["HC 02"]);
    assert_eq!(other_separators("5.1"), ["5 1", "5-1"]);
}

#[test]
fn percent_bounds_follow_the_half_units() {
    // 2 / 8: 1,5/8,5 … 2,5/7,5.
    let (lo, hi) = pct_bounds(2, 8).unwrap();
    assert!((lo - 17.647).abs() < 1e-3 && (hi - 33.333).abs() < 1e-3);
    assert!(pct_bounds(3, 0).is_none());
}

#[test]
fn departments_write_the_office_in_their_letterhead() {
    let t = province();
    assert_eq!(t.office_letterhead(), "UBND TỈNH NAM SƠN");
    assert_eq!(t.office_place(), "Nam Sơn");
    let t = Template::builtin().unwrap();
    assert_eq!(t.office_letterhead(), "UBND QUẬN");
    assert_eq!(t.office_place(), "Quận");
    // An office that is not a People's Committee names itself.
    let mut t = t;
    t.settings.office = "Sở Nông nghiệp và Môi trường tỉnh Lâm Giang".into();
    assert_eq!(
        t.office_letterhead(),
        "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH LÂM GIANG"
    );
    assert_eq!(
        crate::template::strip_office("UBND thành phố Thủ Đức"),
        "thành phố Thủ Đức"
    );
}
