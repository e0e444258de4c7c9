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

/// The sample district with Phường 10's file cut short in the download,
/// consolidated in `lang` into `out` (Phường 7 sends nothing; a file of
/// unknown sender may be its).
fn damaged_sample_run(input: &Path, out: &Path, lang: &str) -> Vec<serde_json::Value> {
    if !input.exists() {
        std::fs::create_dir_all(input).unwrap();
        for e in std::fs::read_dir(repo().join("samples/2020-Q1")).unwrap() {
            let path = e.unwrap().path();
            std::fs::copy(&path, input.join(path.file_name().unwrap())).unwrap();
        }
        let ward = input.join("Phuong 10 - bao cao quy 1.xlsx");
        let bytes = std::fs::read(&ward).unwrap();
        std::fs::write(&ward, &bytes[..bytes.len() / 2]).unwrap();
    }
    tonghop()
        .arg("consolidate")
        .arg(input)
        .args(["--period", "2020-Q1", "--lang", lang, "--out"])
        .arg(out)
        .assert()
        .code(1);
    read_findings(&out.join("errors.json"))
}

/// Every note text of a workbook (its `xl/comments*.xml` parts).
fn notes_of(book: &Path) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(book).unwrap()).unwrap();
    let mut all = String::new();
    for k in 0..zip.len() {
        let mut part = zip.by_index(k).unwrap();
        if part.name().unwrap().starts_with("xl/comments") {
            part.read_to_string(&mut all).unwrap();
        }
    }
    all
}

/// A feedback workbook is read by the unit's clerk. Phường 7, which sent
/// nothing, read "…trừ khi tệp không rõ đơn vị gửi (bao-cao-phuong-17.xlsx)
/// là của Phường 7. Hãy xem các tệp này" (a file it never saw), and
/// Phường 10, whose file arrived damaged, "Hãy tải lại tệp từ thư điện tử,
/// hoặc xin đơn vị gửi lại" (to ask itself). Both are now told what
/// happened and asked for the report, in both languages; the office's
/// lists keep the office's sentence. The clerk reads the finding in words
/// where the code was, and a rule in "=", not "==".
#[test]
fn feedback_speaks_to_the_unit_and_the_office_lists_to_the_office() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    for (lang, sheet, missing, damaged, kind, shown_rule) in [
        (
            "vi",
            "Lỗi",
            "Văn phòng chưa nhận được báo cáo quý I/2020 của Phường 7. Đề nghị Phường 7 gửi báo cáo theo biểu mẫu của kỳ này.",
            "Văn phòng đã nhận tệp Phuong 10 - bao cao quy 1.xlsx của Phường 10 gửi báo cáo quý I/2020 nhưng không mở được: tệp bị cắt ngắn, không đầy đủ (thường do gửi hoặc tải về bị lỗi). Báo cáo của Phường 10 chưa được tổng hợp. Đề nghị Phường 10 gửi lại tệp báo cáo (dạng .xlsx, không đặt mật khẩu).",
            ["Mức độ", "Loại lỗi"],
            "HC02 = HC03 + HC04",
        ),
        (
            "en",
            "Findings",
            "The office has received no report for Q1 2020 from Phường 7. Please send the report on this period's form.",
            "The office received Phuong 10 - bao cao quy 1.xlsx from Phường 10 for Q1 2020 but cannot open it: the file is cut short, incomplete (usually a failed send or download). Phường 10's report is not consolidated yet. Please send the report's file again (as .xlsx, without a password).",
            ["Severity", "Finding"],
            "HC02 = HC03 + HC04",
        ),
    ] {
        let out = tmp.path().join(lang);
        let findings = damaged_sample_run(&input, &out, lang);
        let feedback = |unit: &str| read_sheet(&out.join("phan-hoi").join(format!("{unit}.xlsx")), sheet);
        // Phường 7: the unit's sentence, the finding in words.
        let p07 = feedback("P07");
        assert_eq!(p07.len(), 2, "{p07:?}");
        assert_eq!(p07[0][..2], kind);
        assert_eq!(p07[1][10], missing);
        let meaning = if lang == "vi" { "Chưa có báo cáo của đơn vị để tổng hợp." } else { "No report from the unit to consolidate." };
        assert_eq!(p07[1][1], meaning);
        // Phường 10: its damaged file, asked for again.
        let p10 = feedback("P10");
        assert_eq!(p10.len(), 2, "{p10:?}");
        assert_eq!(p10[1][10], damaged);
        // The office's lists keep the office's sentence and the code.
        let office = |unit: &str| {
            findings
                .iter()
                .find(|f| f["unit"] == unit)
                .map(|f| (f["code"].as_str().unwrap(), f["message"].as_str().unwrap()))
                .unwrap()
        };
        let (code, said) = office("P07");
        assert_eq!(code, "submission-missing");
        assert!(said.contains("bao-cao-phuong-17.xlsx"), "{said}");
        let (code, said) = office("P10");
        assert_eq!(code, "file-unreadable");
        let asked = if lang == "vi" { "hoặc xin đơn vị gửi lại." } else { "or ask the unit to send it again." };
        assert!(said.ends_with(asked), "{said}");
        let lists = read_sheet(&out.join("tong-hop.xlsx"), sheet);
        let row = lists.iter().find(|r| r[2] == "P07").unwrap();
        assert_eq!((row[1].as_str(), row[10].as_str()), ("submission-missing", office("P07").1));
        // Phường 5's broken sum: "=" for its clerk and on the office's
        // printed Lỗi sheet (which keeps the code), "==" in errors.json as
        // README documents; no code in the notes on its cells.
        let sum = findings
            .iter()
            .find(|f| f["unit"] == "P05" && f["code"] == "sum-mismatch")
            .unwrap();
        assert_eq!(sum["expected"], "HC02 == HC03 + HC04");
        let p05 = feedback("P05");
        let row = p05.iter().find(|r| r[5] == "F75").unwrap();
        assert_eq!(row[8], shown_rule);
        assert_ne!(row[1], "sum-mismatch");
        let notes = notes_of(&out.join("phan-hoi/P05.xlsx"));
        assert!(notes.contains(shown_rule), "{notes}");
        assert!(!notes.contains("sum-mismatch") && !notes.contains("=="), "{notes}");
        let office_row = lists.iter().find(|r| r[2] == "P05" && r[5] == "F75").unwrap();
        assert_eq!((office_row[1].as_str(), office_row[8].as_str()), ("sum-mismatch", "HC02 = HC03 + HC04"));
    }
}

/// errors.csv and errors.json are the machine's list: an English run wrote
/// `27,858` where a Vietnamese one wrote `27.858`. Every finding's
/// `expected` and `actual` are now the same in both runs (save the words of
/// a file's reason), while the messages keep the reader's format.
#[test]
fn the_error_lists_write_figures_in_one_format_whatever_the_language() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let vi = damaged_sample_run(&input, &tmp.path().join("vi"), "vi");
    let en = damaged_sample_run(&input, &tmp.path().join("en"), "en");
    assert_eq!(vi.len(), en.len());
    let mut grouped = 0;
    for (v, e) in vi.iter().zip(&en) {
        assert_eq!((&v["code"], &v["cell"]), (&e["code"], &e["cell"]));
        assert_eq!(v["expected"], e["expected"], "{v}\n{e}");
        if !matches!(v["code"].as_str(), Some("file-unreadable" | "file-skipped")) {
            assert_eq!(v["actual"], e["actual"], "{v}\n{e}");
        }
        let a = v["actual"].as_str().unwrap();
        if a.contains('.') && a.chars().filter(|c| c.is_ascii_digit()).count() >= 4 {
            grouped += 1;
        }
    }
    assert!(grouped > 0, "no figure above 999 to compare");
    // The CSV as the JSON; the English message in its own format.
    let csv = std::fs::read_to_string(tmp.path().join("en/errors.csv")).unwrap();
    let sum = en.iter().find(|f| f["code"] == "sum-mismatch").unwrap();
    let actual = sum["actual"].as_str().unwrap();
    assert!(csv.contains(actual), "{actual}");
    let vi_sum = vi.iter().find(|f| f["code"] == "sum-mismatch").unwrap();
    assert_ne!(sum["message"], vi_sum["message"]);
}

/// A Word document was skipped with three reasons ("không phải bảng
/// tính" by consolidate, "tệp là văn bản Word…" by annex, "invalid Zip
/// archive: Could not find EOCD" by annex in English); `check` on it
/// printed its name in the sender's place with "kỳ không rõ".
#[test]
fn a_word_document_is_left_aside_with_one_reason_and_check_refuses_it() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("huong-dan.docx"), "không phải zip").unwrap();
    std::fs::copy(
        repo().join("samples/2020-Q1/phong-kinh-te.xlsx"),
        input.join("phong-kinh-te.xlsx"),
    )
    .unwrap();
    for (lang, reason) in [
        (
            "vi",
            "Bỏ qua tệp huong-dan.docx: tệp là văn bản Word, không phải bảng tính Excel. \
             Hãy xin đơn vị gửi bảng tính Excel (.xlsx) của báo cáo thay cho văn bản Word.",
        ),
        (
            "en",
            "Skipped huong-dan.docx: the file is a Word document, not a spreadsheet. \
             Ask the unit for the report's Excel workbook (.xlsx) instead of the Word document.",
        ),
    ] {
        for command in ["consolidate", "annex"] {
            let out = tmp.path().join(format!("{command}-{lang}"));
            let ran = tonghop()
                .arg(command)
                .arg(&input)
                .args(["--period", "2020-Q2", "--lang", lang, "--out"])
                .arg(&out)
                .output()
                .unwrap();
            assert_ne!(ran.status.code(), Some(2), "{command} {lang}");
            let findings = read_findings(&out.join("errors.json"));
            let skipped: Vec<&str> = findings
                .iter()
                .filter(|f| f["code"] == "file-skipped")
                .map(|f| f["message"].as_str().unwrap())
                .collect();
            assert_eq!(skipped, [reason], "{command} {lang}");
        }
    }
    // `check` says it is no workbook, not its name in the sender's place
    // with "kỳ không rõ"; it exits 1: a file not checked is not ready to
    // send (exit 0 said it was).
    let docx = input.join("huong-dan.docx");
    let said = tonghop().arg("check").arg(&docx).assert().code(1);
    let said = String::from_utf8_lossy(&said.get_output().stdout).into_owned();
    assert_eq!(
        said.lines().next().unwrap(),
        format!(
            "{} — không phải bảng tính, không kiểm tra được",
            docx.display()
        )
    );
    assert!(
        said.ends_with(
            "Kết quả: tệp không được kiểm tra (tệp là văn bản Word, không phải bảng tính Excel).\n"
        ),
        "{said}"
    );
    let said = tonghop()
        .arg("check")
        .arg(&docx)
        .args(["--lang", "en"])
        .assert()
        .code(1);
    let said = String::from_utf8_lossy(&said.get_output().stdout).into_owned();
    assert!(
        said.ends_with(
            "Result: the file was not checked (the file is a Word document, not a spreadsheet).\n"
        ),
        "{said}"
    );
    // A workbook is still checked: the near miss.
    tonghop()
        .arg("check")
        .arg(repo().join("samples/2020-Q1/phuong-01.xlsx"))
        .assert()
        .code(0);
}
