//! One voice: a run in Vietnamese says nothing a clerk reads in English,
//! and a run in English nothing in Vietnamese, except names (of units,
//! indicators, files) and quoted cells. Checked on the sample runs of
//! every command: what they print, every finding's message, and the
//! words of the sheets the tool writes itself.

use crate::common::{read_findings, read_sheet, repo, tonghop};
use std::path::Path;

/// Everything the template names: units, indicators and groups with their
/// aliases and units of measure, and the parts of indicator names
/// messages quote ("giải quyết đúng hạn" of "Trong đó: giải quyết đúng
/// hạn").
fn names() -> Vec<String> {
    let mut names = Vec::new();
    for f in ["agencies.csv", "indicators.csv", "groups.csv"] {
        let text = std::fs::read_to_string(repo().join("templates").join(f)).unwrap();
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        let headers = rows.headers().unwrap().clone();
        for r in rows.records() {
            let r = r.unwrap();
            for (h, v) in headers.iter().zip(r.iter()) {
                if matches!(h, "name" | "aliases" | "unit") {
                    for n in v.split('|').filter(|n| !n.is_empty()) {
                        names.push(n.to_string());
                        if let Some((_, part)) = n.split_once(": ") {
                            names.push(part.to_string());
                        }
                    }
                }
            }
        }
    }
    // The input files' names and their sheets' names.
    for dir in ["samples/2020-Q1", "samples/2020-Q2-annex"] {
        for e in walkdir::WalkDir::new(repo().join(dir)) {
            let path = e.unwrap().into_path();
            names.push(path.file_name().unwrap().to_string_lossy().into_owned());
            use calamine::Reader;
            if let Ok(wb) = calamine::open_workbook_auto(&path) {
                names.extend(wb.sheet_names());
            }
        }
    }
    // The name an HTML table's sheet is given.
    names.push("Bảng".into());
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names
}

/// `text` without its quotations, file names and the template's names.
fn own_words(text: &str, names: &[String]) -> String {
    let mut t = String::new();
    let mut depth: i32 = 0;
    for c in text.chars() {
        match c {
            '«' | '“' => depth += 1,
            '»' | '”' => depth = (depth - 1).max(0),
            _ if depth == 0 => t.push(c),
            _ => {}
        }
    }
    for n in names {
        t = t.replace(n.as_str(), " ");
        t = t.replace(&n.to_lowercase(), " ");
    }
    let t: Vec<&str> = t
        .split_whitespace()
        .filter(|w| {
            let w = w.trim_end_matches(['.', ',', ';', ':', ')']);
            !["xlsx", "xls", "ods", "csv", "json", "txt", "docx"]
                .iter()
                .any(|e| w.to_lowercase().ends_with(&format!(".{e}")))
        })
        .collect();
    t.join(" ")
}

const VIETNAMESE: &str = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";
const ENGLISH: [&str; 18] = [
    "the", "is", "are", "not", "cannot", "found", "with", "sheet", "file", "row", "column",
    "expected", "figure", "and", "of", "missing", "error", "warning",
];

fn vietnamese_in(text: &str) -> bool {
    text.to_lowercase().chars().any(|c| VIETNAMESE.contains(c))
}

fn english_in(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .collect();
    ENGLISH.iter().copied().find(|w| words.contains(w))
}

/// The texts a run shows: its output, its findings' messages, and the
/// header row and sheet names of the workbooks it writes.
fn texts(args: &[&str], out: &Path, books: &[&str]) -> Vec<String> {
    let run = tonghop().args(args).assert();
    let o = run.get_output();
    let mut texts: Vec<String> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .chain(String::from_utf8_lossy(&o.stderr).lines())
        .map(String::from)
        .collect();
    if out.join("errors.json").is_file() {
        for f in read_findings(&out.join("errors.json")) {
            texts.push(f["message"].as_str().unwrap_or_default().to_string());
            // What a file is, in the error list's "Giá trị ghi" column.
            if matches!(f["code"].as_str(), Some("file-skipped" | "file-unreadable")) {
                texts.push(f["actual"].as_str().unwrap_or_default().to_string());
            }
        }
    }
    for b in books {
        let path = out.join(b);
        use calamine::Reader;
        let wb = calamine::open_workbook_auto(&path).unwrap();
        for sheet in wb.sheet_names() {
            texts.push(sheet.clone());
            let rows = read_sheet(&path, &sheet);
            // The header row (first with three texts or more).
            if let Some(h) = rows
                .iter()
                .find(|r| r.iter().filter(|c| !c.is_empty()).count() >= 3)
            {
                texts.extend(h.iter().filter(|c| !c.is_empty()).cloned());
            }
        }
    }
    texts
}

#[test]
fn each_run_speaks_its_language_only() {
    let names = names();
    let tmp = tempfile::tempdir().unwrap();
    let samples = repo().join("samples/2020-Q1");
    let annex = repo().join("samples/2020-Q2-annex");
    let one = samples.join("P12_SoLieu_2020_Q1.xlsx");
    for lang in ["vi", "en"] {
        let out = tmp.path().join(format!("c-{lang}"));
        let a_out = tmp.path().join(format!("a-{lang}"));
        let mut all = texts(
            &[
                "consolidate",
                samples.to_str().unwrap(),
                "--period",
                "2020-Q1",
                "--lang",
                lang,
                "--out",
                out.to_str().unwrap(),
            ],
            &out,
            &["tong-hop.xlsx"],
        );
        all.extend(texts(
            &[
                "annex",
                annex.to_str().unwrap(),
                "--period",
                "2020-Q2",
                "--lang",
                lang,
                "--out",
                a_out.to_str().unwrap(),
            ],
            &a_out,
            &["phu-luc.xlsx"],
        ));
        all.extend(texts(
            &["check", one.to_str().unwrap(), "--lang", lang],
            tmp.path(),
            &[],
        ));
        all.extend(texts(&["codes", "--lang", lang], tmp.path(), &[]));
        let mut wrong = Vec::new();
        for t in &all {
            let own = own_words(t, &names);
            let bad = match lang {
                "vi" => english_in(&own).map(|w| w.to_string()),
                _ => vietnamese_in(&own).then(|| "Vietnamese letters".to_string()),
            };
            if let Some(w) = bad {
                wrong.push(format!("{w}: {t}"));
            }
        }
        assert!(wrong.is_empty(), "--lang {lang}:\n{}", wrong.join("\n"));
    }
}
