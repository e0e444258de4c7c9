//! The feedback workbooks (`OUT/phan-hoi/<unit>.xlsx`) as the unit gets
//! them back: its own workbook with the Lỗi sheet first, every sheet kept
//! with its number formats, merges, widths, borders, notes and page setup,
//! the offending cells (exactly those of errors.json) filled and noted;
//! printed by LibreOffice on about as many pages as the unit's original,
//! each mark on a page that shows its row's label.

use crate::checks::{consolidate, write_template};
use crate::common::{read_findings, read_sheet, repo, shared, tonghop};
use crate::office;
use calamine::{open_workbook_auto, Data, Reader};
use regex::Regex;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Note, Workbook};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every part of a zip package as text.
fn parts(path: &Path) -> HashMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        out.insert(
            f.name().unwrap().to_string(),
            String::from_utf8_lossy(&bytes).into_owned(),
        );
    }
    out
}

fn attr(element: &str, name: &str) -> Option<String> {
    Regex::new(&format!(r#"\s{name}="([^"]*)""#))
        .unwrap()
        .captures(element)
        .map(|c| c[1].to_string())
}

/// The part of each sheet, by sheet name, in workbook order.
fn sheet_parts(p: &HashMap<String, String>) -> Vec<(String, String)> {
    let wb = &p["xl/workbook.xml"];
    let rels = &p["xl/_rels/workbook.xml.rels"];
    Regex::new(r"<sheet [^>]*>")
        .unwrap()
        .find_iter(wb)
        .map(|m| {
            let name = attr(m.as_str(), "name").unwrap().replace("&apos;", "'");
            let rid = attr(m.as_str(), "r:id").unwrap();
            let rel = Regex::new(&format!(r#"<Relationship [^>]*Id="{rid}"[^>]*>"#))
                .unwrap()
                .find(rels)
                .unwrap()
                .as_str()
                .to_string();
            let target = attr(&rel, "Target").unwrap();
            (name, format!("xl/{}", target.trim_start_matches("/xl/")))
        })
        .collect()
}

/// Cell reference → style index (0 when absent).
fn cell_styles(sheet: &str) -> BTreeMap<String, u32> {
    Regex::new(r"<c [^>]*>")
        .unwrap()
        .find_iter(sheet)
        .map(|m| {
            let s = attr(m.as_str(), "s")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            (attr(m.as_str(), "r").unwrap(), s)
        })
        .collect()
}

fn element(xml: &str, name: &str) -> Option<String> {
    Regex::new(&format!(r"(?s)<{name}(\s[^>]*[^/])?>.*?</{name}>"))
        .unwrap()
        .find(xml)
        .or_else(|| {
            Regex::new(&format!(r"<{name}(\s[^>]*)?/>"))
                .unwrap()
                .find(xml)
        })
        .map(|m| m.as_str().to_string())
}

fn all(xml: &str, pattern: &str) -> Vec<String> {
    Regex::new(pattern)
        .unwrap()
        .find_iter(xml)
        .map(|m| m.as_str().to_string())
        .collect()
}

/// The `<xf>` elements of `<cellXfs>`, fill attributes left out (to
/// compare a marked cell's format with its original).
/// Each cell format: its XML without fill and border, its fill and its
/// border.
fn cell_xfs(styles: &str) -> Vec<(String, Option<usize>, Option<usize>)> {
    let xfs = element(styles, "cellXfs").unwrap();
    all(&xfs, r"(?s)<xf [^>]*?(/>|>.*?</xf>)")
        .into_iter()
        .map(|x| {
            let fill = attr(&x, "fillId").and_then(|v| v.parse().ok());
            let border = attr(&x, "borderId").and_then(|v| v.parse().ok());
            let plain = Regex::new(r#"\s(fillId|applyFill|borderId|applyBorder)="[^"]*""#)
                .unwrap()
                .replace_all(&x, "")
                .into_owned();
            (plain, fill, border)
        })
        .collect()
}

/// The style of the left side of a border (`medium`), empty for none.
fn border_style(styles: &str, border: &Option<usize>) -> String {
    let borders = all(
        &element(styles, "borders").unwrap(),
        r"(?s)<border(?: [^>]*)?>.*?</border>|<border(?: [^>]*)?/>",
    );
    border
        .and_then(|b| borders.get(b))
        .and_then(|b| {
            Regex::new(r#"<left style="([^"]*)""#)
                .unwrap()
                .captures(b)
                .map(|c| c[1].to_string())
        })
        .unwrap_or_default()
}

fn fill_colour(styles: &str, fill: usize) -> String {
    let fills = all(
        &element(styles, "fills").unwrap(),
        r"(?s)<fill>.*?</fill>|<fill/>",
    );
    attr(&fills[fill], "rgb").unwrap_or_default()
}

/// The comments of a sheet of a package: cell → text.
fn comments(p: &HashMap<String, String>, sheet_part: &str) -> BTreeMap<String, String> {
    let (dir, file) = sheet_part.rsplit_once('/').unwrap();
    let Some(rels) = p.get(&format!("{dir}/_rels/{file}.rels")) else {
        return BTreeMap::new();
    };
    let Some(rel) = all(rels, r"<Relationship [^>]*>")
        .into_iter()
        .find(|r| r.contains("relationships/comments\""))
    else {
        return BTreeMap::new();
    };
    let target = attr(&rel, "Target").unwrap();
    let part = format!("xl/{}", target.trim_start_matches("../"));
    all(&p[&part], r"(?s)<comment .*?</comment>")
        .into_iter()
        .map(|c| {
            let text: String = all(&c, r"(?s)<t[^>]*>.*?</t>")
                .iter()
                .map(|t| {
                    Regex::new(r"<[^>]*>")
                        .unwrap()
                        .replace_all(t, "")
                        .into_owned()
                })
                .collect();
            let text = text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
            (attr(&c, "ref").unwrap(), text)
        })
        .collect()
}

fn sheet_names(path: &Path) -> Vec<String> {
    open_workbook_auto(path).unwrap().sheet_names()
}

/// Every cell value of every sheet (sheet, row, column, text).
fn values(path: &Path, sheets: &[String]) -> Vec<(String, u32, u32, String)> {
    let mut wb = open_workbook_auto(path).unwrap();
    let mut out = Vec::new();
    for s in sheets {
        let range = wb.worksheet_range(s).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, v) in range.used_cells() {
            if !matches!(v, Data::Empty) {
                out.push((s.clone(), r0 + r as u32, c0 + c as u32, v.to_string()));
            }
        }
    }
    out
}

/// The cells of sheet `sheet` of `original` (or of a re-rendered copy,
/// whose cells are where they were) the findings of file `file`
/// mark, with the findings marking each: the cell each finding names and,
/// for a broken sum or relation, the cells of the other indicators its
/// expected figure names (the row whose cell reads the code, in the
/// finding's column): a broken sum does not say which of its figures is
/// wrong; for an LK against its TH, the row's TH.
fn marked_cells<'a>(
    findings: &[&'a Value],
    original: &Path,
    file: &str,
    sheet: &str,
) -> BTreeMap<String, Vec<&'a Value>> {
    let cells = values(original, &[sheet.to_string()]);
    let code = Regex::new(r"\b[A-Z]{1,4}[0-9]{1,3}[a-z]?\b").unwrap();
    let mut out: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for f in findings
        .iter()
        .filter(|f| f["file"] == file && f["sheet"] == sheet && !s(&f["cell"]).is_empty())
    {
        let cell = s(&f["cell"]).to_string();
        let mut here = vec![cell.clone()];
        if matches!(s(&f["code"]), "sum-mismatch" | "relation-violated") {
            let letters: String = cell
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            for m in code.find_iter(s(&f["expected"])) {
                if let Some((_, r, _, _)) = cells.iter().find(|(_, _, _, v)| v == m.as_str()) {
                    here.push(format!("{letters}{}", r + 1));
                }
            }
        }
        // An LK against its TH does not say which is wrong: the TH of
        // the row too (the column headed «Thực hiện» in the samples).
        if s(&f["code"]) == "cumulative-mismatch" && f["column"] == "LK" {
            let row: String = cell
                .chars()
                .skip_while(|c| c.is_ascii_alphabetic())
                .collect();
            if let Some((_, _, c, _)) = cells.iter().find(|(_, _, _, v)| v.starts_with("Thực hiện"))
            {
                here.push(format!("{}{row}", col_letters(*c)));
            }
        }
        // An outlier told at the TH makes the LK that carries it doubtful:
        // the LK of the row too (the column headed «Lũy kế»).
        if s(&f["code"]) == "outlier" && f["column"] == "TH" {
            let row: String = cell
                .chars()
                .skip_while(|c| c.is_ascii_alphabetic())
                .collect();
            if let Some((_, _, c, _)) = cells.iter().find(|(_, _, _, v)| v.starts_with("Lũy kế"))
            {
                here.push(format!("{}{row}", col_letters(*c)));
            }
        }
        here.sort();
        here.dedup();
        for c in here {
            out.entry(c).or_default().push(*f);
        }
    }
    out
}

/// The letters of 0-based column `c` (`0` → `A`, `26` → `AA`).
fn col_letters(c: u32) -> String {
    let mut n = c + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap()
}

/// The findings of a unit.
/// The findings of `unit` its feedback workbook lists: all but the
/// office's own (`total-unchecked`: a total not compared for want of
/// other units' figures asks nothing of the unit).
fn of_unit<'a>(findings: &'a [Value], unit: &str) -> Vec<&'a Value> {
    findings
        .iter()
        .filter(|f| f["unit"] == unit && f["code"] != "total-unchecked")
        .collect()
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// What `tonghop codes CODE` says the code means, in Vietnamese: the
/// words a feedback workbook writes in its place.
fn meaning(code: &str) -> String {
    let out = crate::common::tonghop()
        .args(["codes", code, "--lang", "vi"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .nth(1)
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Checks that `feedback` is `original` annotated: the Lỗi sheet first
/// with the unit's findings, every sheet's values, column widths, merges,
/// cell formats (number formats, fonts, borders) kept; exactly the cells
/// of `findings` filled by severity and noted with their messages; the
/// original's own notes kept.
fn assert_annotated_copy(original: &Path, feedback: &Path, unit_findings: &[&Value]) {
    let file = original.file_name().unwrap().to_string_lossy().into_owned();
    let names = sheet_names(original);
    let mut expected = vec!["Lỗi".to_string()];
    expected.extend(names.iter().cloned());
    assert_eq!(sheet_names(feedback), expected, "{}", feedback.display());
    let list = read_sheet(feedback, "Lỗi");
    assert_eq!(list.len(), unit_findings.len() + 1);
    for (row, f) in list.iter().skip(1).zip(unit_findings) {
        // The unit's clerk reads the finding in words, not its code.
        assert_eq!(
            (row[1].as_str(), row[5].as_str()),
            (meaning(s(&f["code"])).as_str(), s(&f["cell"]))
        );
        assert_eq!(row[10], s(&f["message"]));
    }
    assert_eq!(values(original, &names), values(feedback, &names));

    let (a, b) = (parts(original), parts(feedback));
    let (xa, xb) = (cell_xfs(&a["xl/styles.xml"]), cell_xfs(&b["xl/styles.xml"]));
    let ends = Regex::new(r#"^<[^>]*>|</[^>]*>$"#).unwrap();
    let inner = |x: &str| ends.replace_all(x, "").into_owned();
    for tag in ["fonts", "borders", "numFmts"] {
        if let Some(orig) = element(&a["xl/styles.xml"], tag) {
            let copy = element(&b["xl/styles.xml"], tag).unwrap();
            assert!(
                inner(&copy).starts_with(&inner(&orig)),
                "{tag} of {}",
                feedback.display()
            );
        }
    }
    let pa = sheet_parts(&a);
    let pb: HashMap<String, String> = sheet_parts(&b).into_iter().collect();
    for (name, part) in &pa {
        let (sa, sb) = (&a[part], &b[&pb[name]]);
        assert_eq!(element(sa, "cols"), element(sb, "cols"), "widths of {name}");
        let merges = |x: &str| {
            all(x, r#"<mergeCell [^>]*>"#)
                .into_iter()
                .collect::<BTreeSet<_>>()
        };
        assert_eq!(merges(sa), merges(sb), "merges of {name}");
        let marked = marked_cells(unit_findings, original, &file, name);
        let (ca, cb) = (cell_styles(sa), cell_styles(sb));
        for (cell, style) in &cb {
            let orig = ca.get(cell).copied().unwrap_or(0);
            let (plain_a, fill_a, border_a) = &xa[orig as usize];
            let (plain_b, fill_b, border_b) = &xb[*style as usize];
            assert_eq!(plain_a, plain_b, "format of {name}!{cell}");
            match marked.get(cell) {
                Some(fs) => {
                    let worst = if fs.iter().any(|f| f["severity"] == "error") {
                        "FFF8CBAD"
                    } else if fs.iter().any(|f| f["severity"] == "warning") {
                        "FFFFE699"
                    } else {
                        "FFDDEBF7"
                    };
                    let fill = fill_colour(&b["xl/styles.xml"], fill_b.unwrap());
                    assert_eq!(fill, worst, "fill of {name}!{cell}");
                    // And the border that prints in black and white.
                    let border = match worst {
                        "FFF8CBAD" => "medium",
                        "FFFFE699" => "mediumDashed",
                        _ => "dotted",
                    };
                    assert_eq!(
                        border_style(&b["xl/styles.xml"], border_b),
                        border,
                        "border of {name}!{cell}"
                    );
                }
                None => {
                    assert_eq!(fill_a, fill_b, "fill of unmarked {name}!{cell}");
                    assert_eq!(border_a, border_b, "border of unmarked {name}!{cell}");
                }
            }
        }
        for cell in marked.keys() {
            assert!(cb.contains_key(cell), "{name}!{cell} is in the copy");
        }
        let notes = comments(&b, &pb[name]);
        let own = comments(&a, part);
        let noted: BTreeSet<&String> = notes.keys().collect();
        let want: BTreeSet<&String> = own.keys().chain(marked.keys()).collect();
        assert_eq!(noted, want, "notes of {name}");
        for (cell, fs) in &marked {
            for f in fs {
                assert!(
                    notes[cell].contains(s(&f["message"])),
                    "{name}!{cell}: {}",
                    notes[cell]
                );
            }
        }
        for (cell, text) in &own {
            assert!(
                notes[cell].starts_with(text.as_str()),
                "own note of {name}!{cell}"
            );
        }
    }
}

/// Consolidates the shipped sample district into `out`; its findings.
fn sample_run(out: &Path) -> Vec<Value> {
    crate::common::consolidate_samples(out);
    read_findings(&out.join("errors.json"))
}

/// The unit's file the feedback annotates: the file of its findings on
/// cells.
fn source_of(unit_findings: &[&Value]) -> Option<String> {
    unit_findings
        .iter()
        .find(|f| !s(&f["cell"]).is_empty())
        .map(|f| s(&f["file"]).to_string())
}

#[test]
fn every_sample_feedback_is_the_units_own_workbook_marked_exactly() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let findings = sample_run(&out);
    let folder = out.join("phan-hoi");
    let mut checked = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let unit = path.file_stem().unwrap().to_string_lossy().into_owned();
        let mine = of_unit(&findings, &unit);
        assert!(!mine.is_empty(), "{unit}");
        match source_of(&mine) {
            Some(file) => {
                assert_annotated_copy(&repo().join("samples/2020-Q1").join(file), &path, &mine);
                checked += 1;
            }
            // P07 sent nothing; P09's findings are about its two files.
            None => assert_eq!(sheet_names(&path)[0], "Lỗi", "{unit}"),
        }
    }
    assert_eq!(checked, 7, "P03 P05 P08 P11 P13 P14 TTRA");
    assert_eq!(sheet_names(&folder.join("P07.xlsx")), ["Lỗi"]);
    // The office's totals not compared for want of Phường 5's TH and
    // LK (two `total-unchecked` infos) are the office's to know: the
    // office of the HĐND and UBND has nothing to fix and gets no workbook.
    assert_eq!(
        findings
            .iter()
            .filter(|f| f["unit"] == "VP")
            .map(|f| s(&f["code"]))
            .collect::<Vec<_>>(),
        ["total-unchecked", "total-unchecked"]
    );
    assert!(!folder.join("VP.xlsx").exists());
}

/// Converts files to PDF with one LibreOffice run; the path of each PDF.
fn to_pdf(files: &[PathBuf], outdir: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(outdir).unwrap();
    let profile = outdir.join("lo-profile");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(outdir)
        .args(files)
        .output()
        .unwrap();
    files
        .iter()
        .map(|f| {
            let pdf = outdir.join(format!("{}.pdf", f.file_stem().unwrap().to_string_lossy()));
            assert!(
                pdf.is_file(),
                "{}: {}",
                f.display(),
                String::from_utf8_lossy(&status.stderr)
            );
            pdf
        })
        .collect()
}

/// How a cell's value may read once printed: text as it is, a number
/// with or without thousands separators and with its decimals.
fn printed_forms(v: &Data) -> Vec<String> {
    let group = |n: i64, sep: char| {
        let digits = n.abs().to_string();
        let mut out = String::new();
        for (k, ch) in digits.chars().enumerate() {
            if k > 0 && (digits.len() - k).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(ch);
        }
        if n < 0 {
            format!("-{out}")
        } else {
            out
        }
    };
    match v {
        Data::Float(f) if f.fract() == 0.0 => {
            let n = *f as i64;
            vec![n.to_string(), group(n, ','), group(n, '.')]
        }
        Data::Float(f) => vec![
            f.to_string(),
            format!("{f:.1}"),
            format!("{f:.2}"),
            format!("{f:.2}").replace('.', ","),
        ],
        Data::Int(n) => vec![n.to_string(), group(*n, ','), group(*n, '.')],
        other => vec![other.to_string().trim().to_string()],
    }
}

/// For each marked cell below the header: the printed page that shows the
/// mark's value also shows its row's label, on the same line (the pages
/// of the findings sheet, which quote both in its messages, left out).
/// Returns how many marks were checked.
fn assert_labels_beside_marks(
    original: &Path,
    pages: &[String],
    unit_findings: &[&Value],
) -> usize {
    let mut wb = open_workbook_auto(original).unwrap();
    let mut checked = 0;
    let sheet_pages: Vec<&String> = pages
        .iter()
        .filter(|p| !(p.contains("Mức độ") && p.contains("Loại lỗi")))
        .collect();
    for f in unit_findings {
        let Some((row, col)) = tonghop::diagnostic::parse_a1(s(&f["cell"])) else {
            continue;
        };
        let range = wb.worksheet_range(s(&f["sheet"])).unwrap();
        let cell = range.get_value((row, col)).cloned().unwrap_or(Data::Empty);
        // The row's label: its longest text of several words.
        let label = (0..8u32)
            .filter_map(|c| match range.get_value((row, c)) {
                Some(Data::String(t)) if t.split_whitespace().count() >= 2 => {
                    Some(t.trim().to_string())
                }
                _ => None,
            })
            .max_by_key(|t| t.len());
        let Some(label) = label else { continue };
        if matches!(cell, Data::Empty) || row < 5 {
            continue;
        }
        let forms = printed_forms(&cell);
        let found = sheet_pages.iter().any(|p| {
            p.lines()
                .any(|l| l.contains(&label) && forms.iter().any(|v| l.contains(v.as_str())))
        });
        assert!(
            found,
            "{} {}: '{label}' and {forms:?} not on one printed line",
            s(&f["file"]),
            s(&f["cell"])
        );
        checked += 1;
    }
    checked
}

#[test]
fn sample_feedback_prints_on_as_many_pages_with_each_mark_beside_its_row_label() {
    if office::skip() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let findings = sample_run(&out);
    let mut originals = Vec::new();
    let mut feedback = Vec::new();
    let mut units = Vec::new();
    for unit in ["P03", "P05", "P08", "P11", "P13", "P14", "TTRA"] {
        let mine = of_unit(&findings, unit);
        let file = source_of(&mine).unwrap();
        // Copies with distinct names: one LibreOffice run converts all.
        let orig = tmp.path().join(format!("orig-{unit}.xlsx"));
        std::fs::copy(repo().join("samples/2020-Q1").join(&file), &orig).unwrap();
        originals.push(orig);
        feedback.push(out.join("phan-hoi").join(format!("{unit}.xlsx")));
        units.push((unit, mine));
    }
    let mut all_files = originals.clone();
    all_files.extend(feedback.iter().cloned());
    let pdfs = to_pdf(&all_files, &tmp.path().join("pdf"));
    let n = units.len();
    let mut marks = 0;
    for (k, (unit, mine)) in units.iter().enumerate() {
        let before = office::pdf_pages(&pdfs[k]);
        let after = office::pdf_pages(&pdfs[n + k]);
        println!(
            "{unit}: the original prints on {} pages, its feedback on {}",
            before.len(),
            after.len()
        );
        // The unit's form, fit to the page width where it set no print
        // setup of its own, plus one page of findings.
        assert!(
            after.len() <= before.len() + 1,
            "{unit}: {} > {} + 1",
            after.len(),
            before.len()
        );
        assert!(after.len() >= 2, "{unit}");
        assert!(
            after.iter().any(|p| p.contains("Mức độ")),
            "{unit}: the findings sheet"
        );
        marks += assert_labels_beside_marks(&originals[k], &after, mine);
    }
    assert!(marks >= 7, "{marks} marks checked");
}

/// A ward's own workbook as an office makes it: title merged across the
/// table, bold bordered header, number formats, widths and a tall header
/// row, a formula, notes of its own, a page setup (A4 landscape, fit to
/// one page wide, header repeated, its own footer), and a task sheet.
/// HC02 TH is 100 while on time 60 + late 30 = 90.
fn write_ward_workbook(path: &Path) {
    write_ward_workbook_with(path, |_, _| {});
}

/// [`write_ward_workbook`] with something more done to its form sheet
/// (given the form's bordered text format) before it is saved.
fn write_ward_workbook_with(path: &Path, more: impl Fn(&mut rust_xlsxwriter::Worksheet, &Format)) {
    ward_workbook(more).save(path).unwrap();
}

/// The workbook [`write_ward_workbook_with`] saves.
fn ward_workbook(more: impl Fn(&mut rust_xlsxwriter::Worksheet, &Format)) -> Workbook {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Biểu 1").unwrap();
    let title = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_font_name("Times New Roman");
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_font_name("Times New Roman");
    let text = Format::new()
        .set_border(FormatBorder::Thin)
        .set_font_name("Times New Roman");
    let count = text.clone().set_num_format("#,##0");
    let rate = text.clone().set_num_format("0.00");
    let money = text.clone().set_num_format("#,##0.0");
    ws.write_string(0, 0, "UBND PHƯỜNG 1").unwrap();
    ws.merge_range(2, 0, 2, 6, "BIỂU SỐ LIỆU QUÝ I/2020", &title)
        .unwrap();
    for (c, h) in [
        "STT",
        "Mã số",
        "Chỉ tiêu",
        "ĐVT",
        "Thực hiện quý",
        "Lũy kế từ đầu năm",
        "Ghi chú",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(5, c as u16, *h, &head).unwrap();
    }
    ws.set_row_height(5, 32).unwrap();
    for (c, w) in [5.0, 8.0, 45.0, 10.0, 14.0, 14.0, 20.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w).unwrap();
    }
    let rows: [(&str, &str, &str, f64, &Format); 7] = [
        (
            "HC02",
            "Hồ sơ thủ tục hành chính đã giải quyết",
            "hồ sơ",
            100.0,
            &count,
        ),
        (
            "HC03",
            "Trong đó: giải quyết đúng hạn",
            "hồ sơ",
            60.0,
            &count,
        ),
        (
            "HC04",
            "Trong đó: giải quyết trễ hạn",
            "hồ sơ",
            30.0,
            &count,
        ),
        ("HC05", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", 60.0, &rate),
        ("HC07", "Tổng số lượt đánh giá", "lượt", 1250.0, &count),
        ("TT04", "Đơn tồn đầu kỳ", "đơn", 5.0, &count),
        (
            "NS02",
            "Tiền phạt vi phạm hành chính",
            "triệu đồng",
            12.5,
            &money,
        ),
    ];
    for (k, (code, name, unit, v, f)) in rows.iter().enumerate() {
        let r = 6 + k as u32;
        ws.write_number_with_format(r, 0, (k + 1) as f64, &text)
            .unwrap();
        ws.write_string_with_format(r, 1, *code, &text).unwrap();
        ws.write_string_with_format(r, 2, *name, &text).unwrap();
        ws.write_string_with_format(r, 3, *unit, &text).unwrap();
        ws.write_number_with_format(r, 4, *v, f).unwrap();
        // LK = TH in a first quarter, as a formula with its value.
        let formula = Formula::new(format!("=E{}", r + 1)).set_result(v.to_string());
        ws.write_formula_with_format(r, 5, formula, f).unwrap();
        ws.write_blank(r, 6, &text).unwrap();
    }
    ws.insert_note(6, 4, &Note::new("Số liệu sơ bộ").set_author("Phường 1"))
        .unwrap();
    ws.insert_note(
        7,
        2,
        &Note::new("Theo phần mềm một cửa").set_author("Phường 1"),
    )
    .unwrap();
    ws.write_string(15, 5, "CHỦ TỊCH").unwrap();
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(5, 5).unwrap();
    ws.set_footer("&LPhường 1&RTrang &P");
    more(ws, &text);
    let tasks = wb.add_worksheet().set_name("Nhiệm vụ").unwrap();
    for (c, h) in [
        "TT",
        "Nội dung",
        "Tiến độ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
    ]
    .iter()
    .enumerate()
    {
        tasks
            .write_string_with_format(1, c as u16, *h, &head)
            .unwrap();
    }
    tasks.set_column_width(1, 50).unwrap();
    for k in 0..3u32 {
        tasks
            .write_number_with_format(2 + k, 0, f64::from(k + 1), &text)
            .unwrap();
        tasks
            .write_string_with_format(
                2 + k,
                1,
                format!("Rà soát hồ sơ tồn đọng đợt {}", k + 1),
                &text,
            )
            .unwrap();
        tasks
            .write_string_with_format(2 + k, 2, "Quý II/2020", &text)
            .unwrap();
        tasks
            .write_string_with_format(2 + k, 3, "UBND Phường 1", &text)
            .unwrap();
        tasks.write_string_with_format(2 + k, 4, "", &text).unwrap();
    }
    wb
}

/// A ward's crafted workbook consolidated alone against the test
/// template; the feedback of P01.
fn crafted_run(tmp: &Path, input: impl Fn(&Path)) -> (PathBuf, PathBuf, Vec<Value>) {
    let tpl = tmp.join("tpl");
    write_template(&tpl, "");
    let dir = tmp.join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let original = dir.join("phuong-01.xlsx");
    input(&original);
    let out = tmp.join("out");
    let (code, findings) = consolidate(&dir, &out, &tpl, "2020-Q1", &[]);
    assert_eq!(code, 1);
    (original, out.join("phan-hoi").join("P01.xlsx"), findings)
}

#[test]
fn a_wards_own_workbook_keeps_its_setup_notes_and_formulas_in_its_feedback() {
    let tmp = tempfile::tempdir().unwrap();
    let (original, feedback, findings) = crafted_run(tmp.path(), write_ward_workbook);
    let before = std::fs::read(&original).unwrap();
    let mine = of_unit(&findings, "P01");
    let cells: Vec<(&str, &str)> = mine
        .iter()
        .map(|f| (s(&f["code"]), s(&f["cell"])))
        .collect();
    assert!(cells.contains(&("sum-mismatch", "E7")), "{cells:?}");
    assert_annotated_copy(&original, &feedback, &mine);
    assert_eq!(
        std::fs::read(&original).unwrap(),
        before,
        "the unit's file is never modified"
    );

    let (a, b) = (parts(&original), parts(&feedback));
    let sheet = |p: &HashMap<String, String>| {
        let part = sheet_parts(p)
            .into_iter()
            .find(|(n, _)| n == "Biểu 1")
            .unwrap()
            .1;
        p[&part].clone()
    };
    let (sa, sb) = (sheet(&a), sheet(&b));
    for tag in ["pageSetup", "pageMargins", "headerFooter", "sheetFormatPr"] {
        assert_eq!(element(&sa, tag), element(&sb, tag), "{tag}");
    }
    let heights = |x: &str| {
        all(x, r#"<row [^>]*ht="[^"]*"[^>]*>"#)
            .into_iter()
            .map(|r| attr(&r, "ht"))
            .collect::<Vec<_>>()
    };
    assert_eq!(heights(&sa), heights(&sb), "row heights");
    // Its print titles kept (the sheet is now the second).
    assert!(
        b["xl/workbook.xml"].contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="1">&apos;Biểu 1&apos;!$6:$6</definedName>"#)
            || b["xl/workbook.xml"].contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="1">'Biểu 1'!$6:$6</definedName>"#),
        "{}",
        b["xl/workbook.xml"]
    );
    // The unit's own note on the marked cell comes first, then ours.
    let part = sheet_parts(&b)
        .into_iter()
        .find(|(n, _)| n == "Biểu 1")
        .unwrap()
        .1;
    let notes = comments(&b, &part);
    let (own, ours) = (
        notes["E7"].find("Số liệu sơ bộ"),
        notes["E7"].find("[Lỗi] "),
    );
    assert!(own.is_some() && own < ours, "{}", notes["E7"]);
    assert!(notes["C8"].contains("Theo phần mềm một cửa"));
    // The formulas are still there.
    let mut wb = open_workbook_auto(&feedback).unwrap();
    let formulas = wb.worksheet_formula("Biểu 1").unwrap();
    assert_eq!(formulas.get_value((6, 5)).map(String::as_str), Some("E7"));

    if office::skip() {
        return;
    }
    assert!(office::recalculation_differences(&feedback, &tmp.path().join("lo")).is_empty());
    let pdfs = to_pdf(
        &[original.clone(), feedback.clone()],
        &tmp.path().join("pdf"),
    );
    let (p0, p1) = (office::pdf_pages(&pdfs[0]), office::pdf_pages(&pdfs[1]));
    println!(
        "crafted ward: the original prints on {} pages, its feedback on {}",
        p0.len(),
        p1.len()
    );
    // Its form prints as it did (its own setup kept); the task sheet,
    // which had none, is fit to the page width; one page of findings.
    let form = |pages: &[String]| {
        pages
            .iter()
            .filter(|p| p.contains("Lũy kế từ đầu năm") && !p.contains("Loại lỗi"))
            .count()
    };
    assert_eq!(form(&p1), form(&p0));
    assert!(p1.len() <= p0.len() + 1);
    assert!(assert_labels_beside_marks(&original, &p1, &mine) >= 1);
    assert!(
        p1.iter()
            .any(|p| p.contains("Phường 1") && p.contains("Trang 2")),
        "its own footer (page 2 now)"
    );
}

/// A ward's workbook with a chart sheet beside its form. Its annotated
/// copy keeps the chart (the package's parts are copied as they are) and
/// says nothing of it; when the copy cannot be made and the tables are
/// re-rendered (worksheets only), the Lỗi sheet says the chart was left
/// out rather than the chart going missing without a word.
#[test]
fn a_chart_sheet_left_out_of_the_feedback_is_said_in_its_findings_sheet() {
    let tmp = tempfile::tempdir().unwrap();
    let crafted = tmp.path().join("crafted.xlsx");
    let mut wb = ward_workbook(|_, _| {});
    let mut chart = rust_xlsxwriter::Chart::new(rust_xlsxwriter::ChartType::Column);
    chart.add_series().set_values("='Biểu 1'!$E$7:$E$9");
    wb.add_chartsheet()
        .set_name("Biểu đồ hồ sơ")
        .unwrap()
        .insert_chart(0, 0, &chart)
        .unwrap();
    wb.save(&crafted).unwrap();
    let lines_of = |feedback: &Path| -> Vec<String> {
        let mut wb = open_workbook_auto(feedback).unwrap();
        let list = wb.worksheet_range("Lỗi").unwrap();
        list.rows()
            .flatten()
            .map(|d| d.to_string())
            .filter(|t| t.contains("Biểu đồ") || t.contains("chart"))
            .collect()
    };
    // Annotated: the chart sheet is there, nothing is said.
    let (_, copied, findings) = crafted_run(&tmp.path().join("copied"), |p| {
        std::fs::copy(&crafted, p).unwrap();
    });
    assert!(of_unit(&findings, "P01")
        .iter()
        .any(|f| s(&f["code"]) == "sum-mismatch" && s(&f["cell"]) == "E7"));
    assert_eq!(
        sheet_names(&copied),
        ["Lỗi", "Biểu 1", "Nhiệm vụ", "Biểu đồ hồ sơ"]
    );
    assert_eq!(lines_of(&copied), Vec::<String>::new());
    // Re-rendered (no style part: the copy refuses it): one line says it.
    let (_, rendered, findings) = crafted_run(&tmp.path().join("rendered"), |p| {
        rezip(
            &crafted,
            p,
            &["xl/styles.xml"],
            &[(
                r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
                "",
            )],
        )
    });
    let mine = of_unit(&findings, "P01");
    assert!(mine
        .iter()
        .any(|f| s(&f["code"]) == "sum-mismatch" && s(&f["cell"]) == "E7"));
    assert_eq!(sheet_names(&rendered), ["Lỗi", "Biểu 1", "Nhiệm vụ"]);
    let said = lines_of(&rendered);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with("Biểu đồ «Biểu đồ hồ sơ» không được chép vào bản phản hồi"),
        "{}",
        said[0]
    );
    // Under the findings, a blank row between: not taken for one.
    let mut wb = open_workbook_auto(&rendered).unwrap();
    let list = wb.worksheet_range("Lỗi").unwrap();
    let at = mine.len() as u32 + 2;
    assert_eq!(
        list.get_value((at, 0)).map(|d| d.to_string()),
        Some(said[0].clone())
    );
    assert_eq!(
        list.get_value((at - 1, 0)).cloned().unwrap_or(Data::Empty),
        Data::Empty
    );
    // Nor is it a finding of errors.json.
    assert!(!findings
        .iter()
        .any(|f| s(&f["message"]).contains("Biểu đồ")));
}

/// A ward that exports its report from a web system as CSV: the reader
/// takes its figures («1.250», «12,5») as numbers, and its feedback
/// writes them as numbers, with the same formats as any re-rendered
/// table; codes, names, units and a note in words stay text.
#[test]
fn a_csv_senders_feedback_holds_its_figures_as_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    // The csv reader skips blank lines: the header is row 3.
    let csv = "UBND PHƯỜNG 1\r\nBIỂU SỐ LIỆU QUÝ I/2020\r\n\
        STT,Mã số,Chỉ tiêu,ĐVT,Thực hiện quý,Lũy kế từ đầu năm,Ghi chú\r\n\
        1,HC02,Hồ sơ thủ tục hành chính đã giải quyết,hồ sơ,100,100,\r\n\
        2,HC03,Trong đó: giải quyết đúng hạn,hồ sơ,60,60,\r\n\
        3,HC04,Trong đó: giải quyết trễ hạn,hồ sơ,30,30,khoảng 30 hồ sơ\r\n\
        4,HC07,Tổng số lượt đánh giá,lượt,1.250,1.250,\r\n\
        5,NS02,Tiền phạt vi phạm hành chính,triệu đồng,\"12,5\",\"12,5\",\r\n";
    std::fs::write(dir.join("phuong-01.csv"), csv).unwrap();
    let out = tmp.path().join("out");
    let (code, findings) = consolidate(&dir, &out, &tpl, "2020-Q1", &[]);
    assert_eq!(code, 1);
    let mine = of_unit(&findings, "P01");
    assert!(
        mine.iter()
            .any(|f| s(&f["code"]) == "sum-mismatch" && s(&f["cell"]) == "E4"),
        "{mine:?}"
    );
    let feedback = out.join("phan-hoi").join("P01.xlsx");
    let names = sheet_names(&feedback);
    assert_eq!(names, ["Lỗi", "phuong-01"]);
    let mut wb = open_workbook_auto(&feedback).unwrap();
    let sheet = wb.worksheet_range("phuong-01").unwrap();
    let at = |a1: &str| {
        let (row, col) = tonghop::diagnostic::parse_a1(a1).unwrap();
        sheet.get_value((row, col)).cloned().unwrap_or(Data::Empty)
    };
    for (a1, v) in [
        ("E4", 100.0),
        ("F4", 100.0),
        ("E5", 60.0),
        ("E6", 30.0),
        ("E7", 1250.0),
        ("F7", 1250.0),
        ("E8", 12.5),
        ("F8", 12.5),
    ] {
        assert_eq!(at(a1), Data::Float(v), "{a1}");
    }
    for (a1, t) in [
        ("B4", "HC02"),
        ("C7", "Tổng số lượt đánh giá"),
        ("D8", "triệu đồng"),
        ("G6", "khoảng 30 hồ sơ"),
        ("E3", "Thực hiện quý"),
    ] {
        assert_eq!(at(a1), Data::String(t.into()), "{a1}");
    }
    // Shown as the re-rendered tables show figures: thousands grouped,
    // the decimals the row's figures are written with.
    let p = parts(&feedback);
    let part = sheet_parts(&p)
        .into_iter()
        .find(|(n, _)| n == "phuong-01")
        .unwrap()
        .1;
    let styles = cell_styles(&p[&part]);
    let xfs = cell_xfs(&p["xl/styles.xml"]);
    let format_of = |a1: &str| -> String {
        let id = attr(&xfs[styles[a1] as usize].0, "numFmtId").unwrap_or_default();
        match id.as_str() {
            "0" => "General".to_string(),
            "3" => "#,##0".to_string(),
            "4" => "#,##0.00".to_string(),
            _ => all(&p["xl/styles.xml"], r"<numFmt [^>]*>")
                .into_iter()
                .find(|f| attr(f, "numFmtId").as_deref() == Some(id.as_str()))
                .and_then(|f| attr(&f, "formatCode"))
                .unwrap_or(id),
        }
    };
    assert_eq!(format_of("E4"), "#,##0");
    assert_eq!(format_of("E7"), "#,##0");
    assert_eq!(format_of("E8"), "#,##0.0");
}

/// A clerk selected whole columns and set a border: the sheet carries
/// bordered blank cells and formatted rows down to row 1,048,576 (and a
/// format on whole columns). Its feedback holds the used range only.
#[test]
fn a_sheet_formatted_to_the_last_row_is_copied_to_its_used_range() {
    let tmp = tempfile::tempdir().unwrap();
    let (original, feedback, findings) = crafted_run(tmp.path(), |path| {
        write_ward_workbook_with(path, |ws, text| {
            for c in 0..7u16 {
                ws.set_column_format(c, text).unwrap();
            }
            for r in 16..2_000u32 {
                for c in 0..7u16 {
                    ws.write_blank(r, c, text).unwrap();
                }
            }
            for r in 1_048_560..1_048_576u32 {
                ws.set_row_format(r, text).unwrap();
            }
            ws.write_blank(1_048_575, 6, text).unwrap();
        })
    });
    let sheet_xml = |p: &Path| {
        let p = parts(p);
        let part = sheet_parts(&p)
            .into_iter()
            .find(|(n, _)| n == "Biểu 1")
            .unwrap()
            .1;
        p[&part].clone()
    };
    let before = sheet_xml(&original);
    assert!(
        before.contains(r#"<row r="1048576""#),
        "the input reaches the last row"
    );
    let size = std::fs::metadata(&feedback).unwrap().len();
    assert!(size < 200_000, "the feedback is {size} bytes");
    let mine = of_unit(&findings, "P01");
    let cells: Vec<(&str, &str)> = mine
        .iter()
        .map(|f| (s(&f["code"]), s(&f["cell"])))
        .collect();
    assert!(cells.contains(&("sum-mismatch", "E7")), "{cells:?}");
    // The same values, the mistake marked, the unit's notes kept.
    assert_annotated_copy(&original, &feedback, &mine);
    let after = sheet_xml(&feedback);
    assert!(!after.contains(r#"<row r="1048576""#));
    assert!(!after.contains(r#"<row r="2000""#));
    // The whole-column format stays (it costs nothing); the used range
    // ends at the signature «CHỦ TỊCH» (F16), with the row below it.
    assert_eq!(element(&after, "cols"), element(&before, "cols"));
    assert_eq!(
        attr(&element(&after, "dimension").unwrap(), "ref").as_deref(),
        Some("A1:G17")
    );
    // The bordered cells of the table are kept as they were.
    let (sa, sb) = (cell_styles(&before), cell_styles(&after));
    for a1 in ["A7", "G7", "G13", "C12"] {
        assert_eq!(sa.get(a1), sb.get(a1), "{a1}");
    }
    assert!(sb.contains_key("G17") && !sb.contains_key("G18"), "{sb:?}");
}

/// Rewrites a zip without some parts, and with some text replaced in the
/// others.
fn rezip(from: &Path, to: &Path, drop: &[&str], replace: &[(&str, &str)]) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut w = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if drop.contains(&name.as_str()) {
            continue;
        }
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        let mut text = String::from_utf8_lossy(&bytes).into_owned();
        for (a, b) in replace {
            text = text.replace(a, b);
        }
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut w, text.as_bytes()).unwrap();
    }
    w.finish().unwrap();
}

#[test]
fn a_workbook_the_copy_cannot_take_gets_its_table_rerendered_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    // No style part: calamine reads it, the annotation refuses it.
    let crafted = tmp.path().join("crafted.xlsx");
    write_ward_workbook(&crafted);
    let (original, feedback, findings) = crafted_run(tmp.path(), |p| {
        rezip(
            &crafted,
            p,
            &["xl/styles.xml"],
            &[(
                r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
                "",
            )],
        )
    });
    let mine = of_unit(&findings, "P01");
    assert!(mine.iter().any(|f| f["code"] == "sum-mismatch"));
    assert_eq!(sheet_names(&feedback), ["Lỗi", "Biểu 1", "Nhiệm vụ"]);
    let names = sheet_names(&original);
    assert_eq!(values(&original, &names), values(&feedback, &names));
    let b = parts(&feedback);
    let part = sheet_parts(&b)
        .into_iter()
        .find(|(n, _)| n == "Biểu 1")
        .unwrap()
        .1;
    let notes = comments(&b, &part);
    // HC02 TH and LK (E7, F7) do not add up: HC03 and HC04 are marked
    // with them, as Tổng hợp marks them.
    let marked: BTreeSet<String> = marked_cells(&mine, &original, "phuong-01.xlsx", "Biểu 1")
        .into_keys()
        .collect();
    assert_eq!(
        marked,
        BTreeSet::from(["E7", "E8", "E9", "F7", "F8", "F9"].map(String::from))
    );
    assert_eq!(notes.keys().cloned().collect::<BTreeSet<_>>(), marked);
    // A print setup of its own, tong-hop.xlsx's: A4 at a scale (not
    // fitted to pages), header and name columns repeated, "Trang n".
    assert!(
        !b[&part].contains("fitToPage")
            && b[&part].contains(r#"paperSize="9""#)
            && b[&part].contains("Trang &amp;P</oddFooter>"),
        "{}",
        b[&part]
    );
    assert!(
        b["xl/workbook.xml"].contains("&apos;Biểu 1&apos;!$A:$C,&apos;Biểu 1&apos;!$6:$6")
            || b["xl/workbook.xml"].contains("'Biểu 1'!$A:$C,'Biểu 1'!$6:$6"),
        "{}",
        b["xl/workbook.xml"]
    );
    // Its list says on every printed page whose findings they are.
    let list = sheet_parts(&b)
        .into_iter()
        .find(|(n, _)| n == "Lỗi")
        .unwrap()
        .1;
    assert!(
        b[&list].contains("<oddHeader>") && b[&list].contains("Phường 1 — Quý I/2020"),
        "{}",
        b[&list]
    );
    // Its "Normal" font is Times New Roman 11, as tong-hop.xlsx's: column
    // widths measure alike where Calibri is missing (LibreOffice printed
    // the list at 60 %).
    let normal = element(&b["xl/styles.xml"], "font").unwrap_or_default();
    assert!(
        normal.contains(r#"<name val="Times New Roman"/>"#) && normal.contains(r#"<sz val="11"/>"#),
        "{normal}"
    );
}

#[test]
fn practice_batch_feedback_xlsx_recalculates_and_xls_ods_are_rerendered_to_print_alike() {
    let Some(shared) = shared() else {
        println!("skipped: ../shared (the practice corpus) is absent");
        return;
    };
    let batch = shared.join("practice/batch-2020-Q3");
    if !batch.is_dir() {
        println!("skipped: ../shared/practice/batch-2020-Q3 is absent");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let status = tonghop()
        .arg("consolidate")
        .arg(&batch)
        .args(["--period", "2020-Q3", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(1));
    let findings = read_findings(&out.join("errors.json"));
    // An .xlsx of the batch with 62 formulas, annotated (its finding on
    // its other file, of the second quarter, listed but not marked).
    // The column of another period («Cùng kỳ quý II/2019», «Cột này
    // không cần sửa») and its other file, of the second quarter, beside
    // the one used («Không cần sửa gì.») are the office's infos, not in
    // the unit's list.
    let p14 = out.join("phan-hoi").join("P14.xlsx");
    let listed: Vec<&Value> = of_unit(&findings, "P14")
        .into_iter()
        .filter(|f| {
            let m = s(&f["message"]);
            !m.ends_with("Cột này không cần sửa.") && !m.ends_with("Không cần sửa gì.")
        })
        .collect();
    assert_eq!(listed.len() + 2, of_unit(&findings, "P14").len());
    assert_annotated_copy(&batch.join("P14_quy3_2020.xlsx"), &p14, &listed);
    let cases = [
        ("P02", "Phuong 02_Q3_2020.xls"),
        ("P04", "phuong4_so lieu Q3-2020.xls"),
        ("P01", "UBND P1 - BC KTXH quy III-2020.ods"),
    ];
    let mut files = Vec::new();
    for (unit, file) in cases {
        let ext = Path::new(file)
            .extension()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let orig = tmp.path().join(format!("orig-{unit}.{ext}"));
        std::fs::copy(batch.join(file), &orig).unwrap();
        files.push(orig);
    }
    for (unit, file) in cases {
        let fb = out.join("phan-hoi").join(format!("{unit}.xlsx"));
        let mine = of_unit(&findings, unit);
        // Every sheet of the unit's (a web page saved as .xls has one),
        // after the findings.
        let names: Vec<String> = sheet_names(&fb).into_iter().skip(1).collect();
        assert_eq!(sheet_names(&fb)[0], "Lỗi", "{unit}");
        if let Ok(wb) = open_workbook_auto(batch.join(file)) {
            assert_eq!(wb.sheet_names(), names, "{unit}");
        }
        assert!(mine
            .iter()
            .all(|f| s(&f["sheet"]).is_empty() || names.iter().any(|n| n == s(&f["sheet"]))));
        let b = parts(&fb);
        let (_, part) = sheet_parts(&b).into_iter().nth(1).unwrap();
        let sheet = &b[&part];
        assert!(
            sheet.contains(r#"paperSize="9""#)
                && !sheet.contains("fitToPage")
                && sheet.contains("Trang &amp;P</oddFooter>"),
            "{unit}"
        );
        assert!(
            sheet.contains("<border") || b["xl/styles.xml"].contains(r#"<left style="thin""#),
            "{unit}"
        );
        let marked: BTreeSet<String> = marked_cells(&mine, &fb, file, &names[0])
            .into_keys()
            .collect();
        assert!(!marked.is_empty(), "{unit}");
        assert_eq!(
            comments(&b, &part).keys().cloned().collect::<BTreeSet<_>>(),
            marked,
            "{unit}"
        );
        files.push(fb);
    }
    if office::skip() {
        return;
    }
    assert!(office::recalculation_differences(&p14, &tmp.path().join("lo")).is_empty());
    let pdfs = to_pdf(&files, &tmp.path().join("pdf"));
    for (k, (unit, file)) in cases.iter().enumerate() {
        let before = office::pdf_pages(&pdfs[k]);
        let after = office::pdf_pages(&pdfs[cases.len() + k]);
        println!(
            "{unit} ({file}): the original prints on {} pages, its feedback on {}",
            before.len(),
            after.len()
        );
        assert!(after.len() <= before.len() + 1, "{unit}");
        let mine = of_unit(&findings, unit);
        let on_sheet: Vec<&Value> = mine
            .iter()
            .copied()
            .filter(|f| f["file"] == *file)
            .collect();
        // The re-rendered table has the original's cells where they were.
        let fb = &files[cases.len() + k];
        assert!(
            assert_labels_beside_marks(fb, &after, &on_sheet) >= 1,
            "{unit}"
        );
    }
}

/// The `ht` of each row of a sheet part that states one.
fn row_heights(sheet: &str) -> BTreeMap<u32, f64> {
    let re = Regex::new(r#"<row r="(\d+)"[^>]*?ht="([0-9.]+)""#).unwrap();
    re.captures_iter(sheet)
        .map(|c| (c[1].parse().unwrap(), c[2].parse().unwrap()))
        .collect()
}

#[test]
fn a_rerendered_table_gives_a_long_name_the_height_it_wraps_to_not_a_line_it_prints_over() {
    let tmp = tempfile::tempdir().unwrap();
    let crafted = tmp.path().join("crafted.xlsx");
    write_ward_workbook(&crafted);
    // TT04's name (row 12) wraps in the copy's widest column (52
    // characters); no style part, so the table is re-rendered, as an
    // .xls or .ods is.
    let long = "Đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh tồn đầu kỳ chuyển sang từ kỳ trước chưa giải quyết xong";
    let (_, feedback, _) = crafted_run(tmp.path(), |p| {
        rezip(
            &crafted,
            p,
            &["xl/styles.xml"],
            &[
                (
                    r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
                    "",
                ),
                ("Đơn tồn đầu kỳ", long),
            ],
        )
    });
    let b = parts(&feedback);
    let part = |name: &str| {
        sheet_parts(&b)
            .into_iter()
            .find(|(n, _)| n == name)
            .unwrap()
            .1
    };
    let heights = row_heights(&b[&part("Biểu 1")]);
    // 2 lines of Times New Roman 12 (14,5 pt each); the one-line rows
    // keep the default height, the header row its two lines.
    let h = heights[&12];
    assert!((29.0..=32.0).contains(&h), "{heights:?}");
    for r in [7, 8, 9, 10, 11, 13] {
        assert!(!heights.contains_key(&r), "row {r}: {heights:?}");
    }
    // The list prints as tong-hop.xlsx's: whose findings at the head of
    // every page, its own page numbers from 1 ("Trang n") at the foot.
    let list = &b[&part("Lỗi")];
    let footer = element(list, "oddFooter").unwrap();
    assert!(footer.contains("Trang &amp;P<"), "{footer}");
    let header = element(list, "oddHeader").unwrap();
    assert!(header.contains("Phường 1 — Quý I/2020"), "{header}");
}

/// A ward's wide form saved by LibreOffice, which writes a portrait, 100 %
/// page setup in every sheet: no setup of the ward's own. Its feedback
/// fits the form to the page width (repeated name columns on an unfitted
/// page left one figure column per page: 19 pages for a form of 6), and
/// prints on no more pages than the original plus one of findings.
#[test]
fn a_libreoffice_saved_form_is_fit_to_the_page_width_in_its_feedback() {
    if office::skip() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let made = tmp.path().join("made");
    let (original, feedback, _) = crafted_run(tmp.path(), |path| {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet().set_name("Biểu 1").unwrap();
        ws.write_string(0, 0, "UBND PHƯỜNG 1").unwrap();
        ws.write_string(2, 0, "BIỂU SỐ LIỆU QUÝ I/2020").unwrap();
        let headers = [
            "STT",
            "Mã số",
            "Chỉ tiêu",
            "ĐVT",
            "Kế hoạch năm 2020",
            "Thực hiện quý",
            "Lũy kế từ đầu năm",
            "Cùng kỳ năm trước",
            "% so với kế hoạch",
            "% so với cùng kỳ",
        ];
        for (c, h) in headers.iter().enumerate() {
            ws.write_string(5, c as u16, *h).unwrap();
            let width = match c {
                2 => 45.0,
                0 | 1 | 3 => 8.0,
                _ => 18.0,
            };
            ws.set_column_width(c as u16, width).unwrap();
        }
        // HC02 TH 100 while 60 + 30 = 90: an error to mark.
        let rows = crate::checks::complete(
            vec![
                (
                    "HC02",
                    "Hồ sơ thủ tục hành chính đã giải quyết",
                    "hồ sơ",
                    vec![],
                ),
                ("HC03", "Trong đó: giải quyết đúng hạn", "hồ sơ", vec![]),
                ("HC04", "Trong đó: giải quyết trễ hạn", "hồ sơ", vec![]),
            ],
            true,
        );
        for (k, (code, name, unit, _)) in rows.iter().enumerate() {
            let r = 6 + k as u32;
            ws.write_number(r, 0, (k + 1) as f64).unwrap();
            ws.write_string(r, 1, *code).unwrap();
            ws.write_string(r, 2, *name).unwrap();
            ws.write_string(r, 3, *unit).unwrap();
            let (th, lk) = match *code {
                "HC02" => (100.0, 100.0),
                "HC03" => (60.0, 60.0),
                "HC04" => (30.0, 30.0),
                _ => continue,
            };
            ws.write_number(r, 5, th).unwrap();
            ws.write_number(r, 6, lk).unwrap();
        }
        let written = made.join("phuong-01.xlsx");
        std::fs::create_dir_all(&made).unwrap();
        wb.save(&written).unwrap();
        let saved = office::convert(&written, "xlsx", &made.join("lo"));
        std::fs::copy(saved, path).unwrap();
    });
    // LibreOffice's own setup, as the P11 of the tester's batch had it.
    let sheet_xml = |p: &Path| {
        let b = parts(p);
        let part = sheet_parts(&b)
            .into_iter()
            .find(|(n, _)| n == "Biểu 1")
            .unwrap()
            .1;
        b[&part].clone()
    };
    let setup = element(&sheet_xml(&original), "pageSetup").unwrap();
    assert!(
        setup.contains(r#"orientation="portrait""#) && setup.contains(r#"scale="100""#),
        "{setup}"
    );
    let sheet = sheet_xml(&feedback);
    assert!(sheet.contains(r#"fitToPage="1""#), "{sheet}");
    let pdfs = to_pdf(&[original, feedback], &tmp.path().join("pdf"));
    let (before, after) = (office::pdf_pages(&pdfs[0]), office::pdf_pages(&pdfs[1]));
    println!(
        "LibreOffice-saved ward: the original prints on {} pages, its feedback on {}",
        before.len(),
        after.len()
    );
    assert!(before.len() >= 2, "a form wider than a portrait page");
    assert!(
        after.len() <= before.len() + 1,
        "{} > {} + 1",
        after.len(),
        before.len()
    );
}

/// Every sheet of a feedback workbook numbers its own pages from 1 with
/// the footer of `tong-hop.xlsx` ("Trang n" with the sheet's name; "Trang
/// 1/4" on the findings and "2/4" on the ward's form before, counted over
/// the whole workbook): the findings sheet, and the ward's form that had
/// no print setup of its own. Near miss: the form keeps its own margins.
#[test]
fn every_sheet_of_a_feedback_numbers_its_own_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    sample_run(&out);
    let b = parts(&out.join("phan-hoi/P05.xlsx"));
    let footer = "<oddFooter>&amp;L&amp;&quot;Times New Roman,Regular&quot;&amp;9&amp;A&amp;C&amp;&quot;Times New Roman,Regular&quot;&amp;10Trang &amp;P</oddFooter>";
    for (name, part) in sheet_parts(&b) {
        let xml = &b[&part];
        assert!(xml.contains(footer), "{name}: {xml}");
        assert!(!xml.contains("&amp;N"), "{name}");
        let setup = element(xml, "pageSetup").unwrap();
        assert!(setup.contains(r#"firstPageNumber="1""#), "{name}: {setup}");
        assert!(
            setup.contains(r#"useFirstPageNumber="1""#),
            "{name}: {setup}"
        );
    }
    let form = &b[&sheet_parts(&b)
        .into_iter()
        .find(|(n, _)| n == "Biểu 1")
        .unwrap()
        .1];
    assert!(form.contains(r#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75""#));
}

/// The `<col>` widths of a sheet part, by 1-based column.
fn col_widths(sheet: &str) -> BTreeMap<u32, f64> {
    let re = Regex::new(r#"<col min="(\d+)" max="(\d+)" width="([0-9.]+)""#).unwrap();
    let mut out = BTreeMap::new();
    for c in re.captures_iter(sheet) {
        let (a, b): (u32, u32) = (c[1].parse().unwrap(), c[2].parse().unwrap());
        for k in a..=b {
            out.insert(k, c[3].parse().unwrap());
        }
    }
    out
}

/// The number format and boldness of each cell style (`cellXfs` order).
fn cell_looks(styles: &str) -> Vec<(String, bool)> {
    let formats: HashMap<u32, String> =
        Regex::new(r#"<numFmt numFmtId="(\d+)" formatCode="([^"]*)""#)
            .unwrap()
            .captures_iter(styles)
            .map(|c| (c[1].parse().unwrap(), c[2].to_string()))
            .collect();
    let fonts: Vec<bool> = element(styles, "fonts")
        .map(|f| {
            Regex::new(r"(?s)<font>.*?</font>|<font/>")
                .unwrap()
                .find_iter(&f)
                .map(|m| m.as_str().contains("<b/>"))
                .collect()
        })
        .unwrap_or_default();
    let xfs = element(styles, "cellXfs").unwrap();
    Regex::new(r"<xf [^>]*>")
        .unwrap()
        .find_iter(&xfs)
        .map(|m| {
            let id: u32 = attr(m.as_str(), "numFmtId").unwrap().parse().unwrap();
            let font: usize = attr(m.as_str(), "fontId").unwrap().parse().unwrap();
            let format = formats.get(&id).cloned().unwrap_or_else(|| {
                if id == 0 {
                    "General".into()
                } else {
                    id.to_string()
                }
            });
            (format, fonts[font])
        })
        .collect()
}

/// A table re-rendered from a file that keeps no formats (an .xls or
/// .ods as read; here an .xlsx with no style part) printed at 70 % on
/// twice the pages of its .xlsx twin: every column as wide as its
/// longest text (headers counted by their words), percents as bare
/// 76.6 / 80 / -10, section rows not bold, STT and Mã running together.
#[test]
fn a_rerendered_table_is_as_wide_as_its_content_with_its_figures_decimals_and_bold_sections() {
    let tmp = tempfile::tempdir().unwrap();
    let crafted = tmp.path().join("crafted.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Biểu 1").unwrap();
    ws.write_string(0, 0, "UBND PHƯỜNG 1").unwrap();
    ws.write_string(2, 0, "BIỂU SỐ LIỆU QUÝ I/2020").unwrap();
    for (c, h) in [
        "STT",
        "Mã số",
        "Chỉ tiêu",
        "ĐVT",
        "Kế hoạch năm 2020",
        "Thực hiện quý I năm 2020",
        "Lũy kế từ đầu năm",
        "% so với kế hoạch",
        "Ghi chú",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(5, c as u16, *h).unwrap();
    }
    ws.write_string(6, 0, "I").unwrap();
    ws.write_string(6, 2, "CẢI CÁCH HÀNH CHÍNH").unwrap();
    // (code, name, unit, KH, TH = LK, %KH as the ward typed it)
    let rows = [
        (
            "HC02",
            "Hồ sơ thủ tục hành chính đã giải quyết",
            "hồ sơ",
            200.0,
            100.0,
            Some(50.0),
        ),
        (
            "HC03",
            "Trong đó: giải quyết đúng hạn",
            "hồ sơ",
            150.0,
            60.0,
            Some(40.0),
        ),
        (
            "HC04",
            "Trong đó: giải quyết trễ hạn",
            "hồ sơ",
            50.0,
            40.0,
            Some(80.0),
        ),
        (
            "NS02",
            "Tiền phạt vi phạm hành chính",
            "triệu đồng",
            40.0,
            12.5,
            Some(31.25),
        ),
    ];
    for (k, (code, name, unit, kh, th, pct)) in rows.iter().enumerate() {
        let r = 7 + k as u32;
        ws.write_number(r, 0, (k + 1) as f64).unwrap();
        ws.write_string(r, 1, *code).unwrap();
        ws.write_string(r, 2, *name).unwrap();
        ws.write_string(r, 3, *unit).unwrap();
        ws.write_number(r, 4, *kh).unwrap();
        ws.write_number(r, 5, *th).unwrap();
        ws.write_number(r, 6, *th).unwrap();
        if let Some(p) = pct {
            ws.write_number(r, 7, *p).unwrap();
        }
    }
    // HC05 says 70 where 60 of 100 make 60: the unit gets its feedback.
    ws.write_string(11, 1, "HC05").unwrap();
    ws.write_string(11, 2, "Tỷ lệ hồ sơ giải quyết đúng hạn")
        .unwrap();
    ws.write_string(11, 3, "%").unwrap();
    ws.write_number(11, 5, 70.0).unwrap();
    ws.write_number(11, 6, 70.0).unwrap();
    wb.save(&crafted).unwrap();
    let (_, feedback, _) = crafted_run(tmp.path(), |p| {
        rezip(
            &crafted,
            p,
            &["xl/styles.xml"],
            &[(
                r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
                "",
            )],
        )
    });
    let b = parts(&feedback);
    let part = sheet_parts(&b)
        .into_iter()
        .find(|(n, _)| n == "Biểu 1")
        .unwrap()
        .1;
    let sheet = &b[&part];
    // Widths: STT and Mã as their short texts (plus room), the figure
    // columns as their headers' words and figures, not as the one-line
    // header (24 characters for «Thực hiện quý I năm 2020»).
    let w = col_widths(sheet);
    assert!(w[&1] <= 8.0 && w[&2] <= 8.0, "{w:?}");
    assert!((40.0..=45.0).contains(&w[&3]), "{w:?}");
    for c in 5..=8 {
        assert!(w[&c] <= 13.0, "column {c}: {w:?}");
    }
    // The header row wraps to the lines its narrowed columns need.
    let heights = row_heights(sheet);
    assert!(heights[&6] >= 29.0, "{heights:?}");
    // Figures: a row's quantities with its decimals, a percent with two
    // at least; the section row bold; STT and Mã centred.
    let looks = cell_looks(&b["xl/styles.xml"]);
    let styles = cell_styles(sheet);
    let look = |cell: &str| looks[styles[cell] as usize].clone();
    assert_eq!(look("F8").0, "#,##0", "{looks:?}");
    assert_eq!(look("F11").0, "#,##0.0");
    assert_eq!(look("E11").0, "#,##0.0");
    assert_eq!(look("H9").0, "#,##0.00");
    assert_eq!(look("H11").0, "#,##0.00");
    assert!(look("A7").1 && look("C7").1, "section row bold");
    assert!(!look("C8").1, "an indicator row is not bold");
    let xfs = element(&b["xl/styles.xml"], "cellXfs").unwrap();
    let xf = Regex::new(r"(?s)<xf [^>]*/>|<xf [^>]*>.*?</xf>")
        .unwrap()
        .find_iter(&xfs)
        .nth(styles["B8"] as usize)
        .unwrap()
        .as_str()
        .to_string();
    assert!(xf.contains(r#"horizontal="center""#), "{xf}");
    // Values as read.
    let grid = read_sheet(&feedback, "Biểu 1");
    assert_eq!(grid[10][7], "31.25");
    // At the readable scale, the table within the page width: portrait
    // A4 at 100 %, no fit-to-pages (which would make Excel drop breaks).
    let setup = Regex::new(r"<pageSetup [^>]*>")
        .unwrap()
        .find(sheet)
        .unwrap()
        .as_str()
        .to_string();
    assert!(!sheet.contains("fitToPage"), "{setup}");
    let printed: f64 = w.values().sum::<f64>() * 7.0 * 0.75;
    let scale: f64 = attr(&setup, "scale").map_or(100.0, |s| s.parse().unwrap());
    assert!(
        printed * scale / 100.0 <= 842.0 - 72.0,
        "{printed} at {scale}: {setup}"
    );
}

/// The sheet part of `sheet` in `book`, and that part's cells' fills
/// (cell → ARGB of its fill, only the filled ones).
fn filled_cells(book: &Path, sheet: &str) -> BTreeMap<String, String> {
    let p = parts(book);
    let (_, part) = sheet_parts(&p)
        .into_iter()
        .find(|(name, _)| name == sheet)
        .unwrap_or_else(|| panic!("no sheet {sheet}"));
    let styles = &p["xl/styles.xml"];
    let xfs = cell_xfs(styles);
    cell_styles(&p[&part])
        .into_iter()
        .filter_map(|(cell, s)| {
            let fill = xfs.get(s as usize)?.1?;
            let colour = fill_colour(styles, fill);
            (!colour.is_empty()).then_some((cell, colour))
        })
        .collect()
}

/// Tester DE's report in parts: Phường 4 sent its report as three files,
/// mistakes in two of them (HC02 125 ≠ 110 + 10 in «Hanh chinh», a word
/// for NS02 in «Ngan sach»). The findings sheet listed both, but only the
/// part with most findings was copied and marked: the other part's
/// mistake was marked nowhere. Now each part with findings is in the
/// feedback, its sheet named after its file, its own cells marked; the
/// part without findings is not.
#[test]
fn every_part_of_a_report_in_several_files_is_marked_in_its_feedback() {
    use crate::trust::{p4_hc_rows, ratings_rows, write_p4_files, Cell, Row};
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    let th = "Thực hiện quý I";
    let budget: Vec<Row> = vec![
        ("TT04", "Đơn tồn đầu kỳ", "đơn", vec![Cell::N(12.0, None)]),
        (
            "NS02",
            "Tiền phạt vi phạm hành chính",
            "triệu đồng",
            vec![Cell::T("ba mươi lăm")],
        ),
    ];
    write_p4_files(
        &dir,
        &[
            (
                "P4 - Hanh chinh - Q1.2020.xlsx",
                "QUÝ I/2020",
                th,
                &p4_hc_rows(125.0, 110.0, 10.0, 88.0),
                1,
            ),
            (
                "P4 - Danh gia - Q1.2020.xlsx",
                "QUÝ I/2020",
                th,
                &ratings_rows(),
                2,
            ),
            (
                "P4 - Ngan sach - Q1.2020.xlsx",
                "QUÝ I/2020",
                th,
                &budget,
                3,
            ),
        ],
    );
    let out = tmp.path().join("out");
    let f = crate::trust::run(&dir, &out, &tpl, "2020-Q1");
    let at_cells: Vec<&Value> = f
        .iter()
        .filter(|x| x["unit"] == "P04" && !s(&x["cell"]).is_empty())
        .collect();
    let files: BTreeSet<&str> = at_cells.iter().map(|x| s(&x["file"])).collect();
    assert_eq!(
        files,
        BTreeSet::from([
            "P4 - Hanh chinh - Q1.2020.xlsx",
            "P4 - Ngan sach - Q1.2020.xlsx"
        ]),
        "{at_cells:#?}"
    );
    let book = out.join("phan-hoi/P04.xlsx");
    let names = sheet_names(&book);
    let sheet = s(&at_cells[0]["sheet"]).to_string();
    let hc_sheet = format!("Hanh chinh - {sheet}");
    let ns_sheet = format!("Ngan sach - {sheet}");
    assert_eq!(
        names,
        vec!["Lỗi".to_string(), hc_sheet.clone(), ns_sheet.clone()]
    );
    // Each part's own findings marked on its own sheet, and only there.
    for (file, shown) in [
        ("P4 - Hanh chinh - Q1.2020.xlsx", &hc_sheet),
        ("P4 - Ngan sach - Q1.2020.xlsx", &ns_sheet),
    ] {
        let mine: Vec<&Value> = at_cells
            .iter()
            .copied()
            .filter(|x| x["file"] == file)
            .collect();
        let original = dir.join(file);
        let expected: BTreeSet<String> = marked_cells(&mine, &original, file, &sheet)
            .into_keys()
            .collect();
        let filled: BTreeSet<String> = filled_cells(&book, shown).into_keys().collect();
        assert!(!expected.is_empty(), "{file}");
        assert_eq!(filled, expected, "{file}: {mine:#?}");
    }
    // The figures are the part's own: HC02's 125, NS02's words.
    let hc = read_sheet(&book, &hc_sheet);
    assert!(hc.iter().any(|r| r.contains(&"125".to_string())), "{hc:#?}");
    let ns = read_sheet(&book, &ns_sheet);
    assert!(
        ns.iter().any(|r| r.contains(&"ba mươi lăm".to_string())),
        "{ns:#?}"
    );
    // The findings sheet still names each part's file.
    let list = read_sheet(&book, "Lỗi");
    for file in files {
        assert!(
            list.iter().any(|r| r.contains(&file.to_string())),
            "{file}: {list:#?}"
        );
    }
}
