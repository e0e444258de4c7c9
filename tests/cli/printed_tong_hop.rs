//! `tong-hop.xlsx` of the sample district as the leaders get it: printed
//! by LibreOffice (one conversion to PDF, read back page by page), and
//! its disputed figures read back from the workbook's parts (fills in the
//! styles, notes in `xl/comments*.xml`).
//!
//! The sample run prints on 22 pages: Tổng hợp 4, Chi tiết theo đơn vị 14
//! (strips of units across × 4 pages down, the indicator columns on
//! each; the rows no ward reports hidden, and the six departments with
//! nothing on a printed row), Tình trạng nộp 2, Lỗi 2. The counts are LibreOffice's with
//! Times New Roman printed as Liberation Serif (metric-compatible); the
//! README states them too.

use crate::common::{consolidate_samples, read_findings, read_sheet, zip_part};
use crate::office;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

/// Pages per sheet of the sample's tong-hop.xlsx, in sheet order.
const SAMPLE_PAGES: [(&str, usize); 4] = [
    ("Tổng hợp", 5),
    ("Chi tiết theo đơn vị", 14),
    ("Tình trạng nộp", 2),
    ("Lỗi", 2),
];

/// The text of each page of a PDF in content order (`pdftotext -raw`):
/// the lines of a wrapped cell follow each other.
fn raw_pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(String::from).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// A word printed on a page and its box (points).
#[derive(Debug)]
struct Word {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

/// The words of each page with their boxes (`pdftotext -bbox`).
fn word_boxes(pdf: &Path) -> Vec<Vec<Word>> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let word = Regex::new(
        r#"<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>"#,
    )
    .unwrap();
    html.split("<page ")
        .skip(1)
        .map(|page| {
            word.captures_iter(page)
                .map(|c| Word {
                    text: c[5].to_string(),
                    x0: c[1].parse().unwrap(),
                    y0: c[2].parse().unwrap(),
                    x1: c[3].parse().unwrap(),
                    y1: c[4].parse().unwrap(),
                })
                .collect()
        })
        .collect()
}

/// Pairs of words printed over each other: boxes that overlap across
/// more than a sliver horizontally and 40 % of a line vertically (the
/// lines of one wrapped cell touch, they never cover each other).
fn overlapping(words: &mut [Word]) -> Vec<(String, String)> {
    words.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    let mut out = Vec::new();
    for (i, a) in words.iter().enumerate() {
        for b in &words[i + 1..] {
            if b.y0 >= a.y1 {
                break;
            }
            let wide = a.x1.min(b.x1) - a.x0.max(b.x0);
            let high = a.y1.min(b.y1) - a.y0.max(b.y0);
            if wide > 0.5 && high > 0.4 * (a.y1 - a.y0).min(b.y1 - b.y0) {
                out.push((a.text.clone(), b.text.clone()));
            }
        }
    }
    out
}

/// Text with every white space removed: a cell's text is printed whole
/// when this of it is in this of the page, however the lines wrapped.
fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The sheet and the page number in the footer of a page
/// ("Tổng hợp   Trang 3"; Chi tiết's says on the right which rows it
/// hides).
fn footer(page: &str) -> (String, usize) {
    let re = Regex::new(r"^\s*(\S.*?)\s+Trang (\d+)(\s{2,}Dòng ẩn:.*)?\s*$").unwrap();
    page.lines()
        .rev()
        .find_map(|l| {
            re.captures(l)
                .map(|c| (c[1].to_string(), c[2].parse().unwrap()))
        })
        .unwrap_or_else(|| panic!("no footer on the page:\n{page}"))
}

/// tong-hop.xlsx of the sample printed: every sheet on the pages stated,
/// every page numbered, nothing printed as ###, over other text or cut:
/// the names of Tổng hợp, the unit names of Chi tiết's header, every
/// message of Lỗi whole on one page; Chi tiết's indicator columns and
/// title, and each sheet's header, on every page.
#[test]
fn the_sample_consolidation_prints_whole_on_the_stated_pages() {
    if office::skip() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    consolidate_samples(&out);
    let book = out.join("tong-hop.xlsx");
    let pdf = office::convert(&book, "pdf", &tmp.path().join("lo"));
    let layout = office::pdf_pages(&pdf);
    let raw = raw_pages(&pdf);
    let mut boxes = word_boxes(&pdf);
    assert_eq!(layout.len(), raw.len());
    assert_eq!(layout.len(), boxes.len());

    // Pages per sheet, each sheet numbered from 1 (a tester's Chi tiết
    // opened on "Trang 37", numbered on from Tổng hợp).
    let mut pages_of: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for (k, page) in layout.iter().enumerate() {
        let (sheet, number) = footer(page);
        if order.last() != Some(&sheet) {
            order.push(sheet.clone());
        }
        let pages = pages_of.entry(sheet).or_default();
        pages.push(k);
        assert_eq!(number, pages.len(), "page {}", k + 1);
    }
    let counts: Vec<(String, usize)> = order
        .iter()
        .map(|s| (s.clone(), pages_of[s].len()))
        .collect();
    let want: Vec<(String, usize)> = SAMPLE_PAGES
        .iter()
        .map(|(s, n)| (s.to_string(), *n))
        .collect();
    assert_eq!(counts, want);

    // Nothing as ###, nothing printed over something else.
    for (k, page) in layout.iter().enumerate() {
        assert!(!page.contains("###"), "### on page {}:\n{page}", k + 1);
    }
    for (k, words) in boxes.iter_mut().enumerate() {
        let over = overlapping(words);
        assert!(over.is_empty(), "page {}: {over:?}", k + 1);
    }

    let pages = |sheet: &str| -> Vec<usize> { pages_of[sheet].clone() };
    let text_of = |sheet: &str| -> String {
        pages(sheet)
            .iter()
            .map(|&k| squeezed(&raw[k]))
            .collect::<Vec<_>>()
            .join("")
    };

    // Tổng hợp: the title, the legend and the header on every page; every
    // indicator's name whole.
    let t = tonghop::template::Template::builtin().unwrap();
    for &k in &pages("Tổng hợp") {
        let p = squeezed(&raw[k]);
        for s in [
            "TỔNG HỢP SỐ LIỆU",
            "Số liệu có lỗi (nền đỏ, chữ đậm, viền đậm; xem ghi chú của ô và trang «Lỗi»)",
            "Cảnh báo",
            "Chỉ tiêu",
        ] {
            assert!(p.contains(&squeezed(s)), "{s} on page {}", k + 1);
        }
    }
    let summary = text_of("Tổng hợp");
    for ind in &t.indicators {
        assert!(
            summary.contains(&squeezed(&ind.name)),
            "{} «{}» printed whole on Tổng hợp",
            ind.code,
            ind.name
        );
    }

    // Chi tiết: the title and the header on every page, and on every page
    // the indicator columns: each row's code with its whole name.
    let detail = read_sheet(&book, "Chi tiết theo đơn vị");
    let name_of: HashMap<&str, &str> = t
        .indicators
        .iter()
        .map(|i| (i.code.as_str(), i.name.as_str()))
        .collect();
    let code_at_start = Regex::new(r"^\s*([A-Z]{2}\d{2}[a-z]?)\s").unwrap();
    let figure = Regex::new(r"^-?[\d.,]+$").unwrap();
    let mut printed: BTreeSet<&str> = BTreeSet::new();
    for &k in &pages("Chi tiết theo đơn vị") {
        let p = squeezed(&raw[k]);
        // The office, as on the other sheets, and the total on every page.
        for s in [
            t.settings.office.as_str(),
            "CHI TIẾT SỐ LIỆU THEO ĐƠN VỊ — QUÝ I/2020",
            "Mã",
            "Chỉ tiêu",
            "Cột",
            "Tổng cộng",
        ] {
            assert!(p.contains(&squeezed(s)), "{s} on page {}", k + 1);
        }
        // Below the header, a line of figures starts with its indicator's
        // code, and the indicator's whole name is on the page.
        let body = layout[k].lines().skip_while(|l| !code_at_start.is_match(l));
        // The footer ("Chi tiết theo đơn vị   Trang 3   Dòng ẩn: …")
        // holds no figure.
        for line in body.filter(|l| !l.trim_start().starts_with("Chi tiết theo đơn vị")) {
            let figures = line
                .split_whitespace()
                .filter(|w| figure.is_match(w))
                .count();
            if figures == 0 {
                continue;
            }
            let code = code_at_start
                .captures(line)
                .and_then(|c| name_of.keys().find(|code| **code == &c[1]).copied())
                .unwrap_or_else(|| {
                    panic!("page {}: figures without their indicator: {line}", k + 1)
                });
            assert!(
                p.contains(&squeezed(name_of[code])),
                "page {}: {code} without its name",
                k + 1
            );
            printed.insert(code);
        }
    }
    // Every indicator the wards report; those only a department reports
    // are hidden (their figures are the totals of Tổng hợp).
    let every: BTreeSet<&str> = t
        .indicators
        .iter()
        .filter(|i| i.level != tonghop::template::Level::District)
        .map(|i| i.code.as_str())
        .collect();
    assert_eq!(printed, every, "every indicator printed with its figures");
    let detail_text = text_of("Chi tiết theo đơn vị");
    // A department's column with nothing on a printed row is hidden, not
    // printed: every other unit's name is whole.
    let detail_xml = zip_part(&out.join("tong-hop.xlsx"), "xl/worksheets/sheet2.xml").unwrap();
    let hidden: BTreeSet<usize> = Regex::new(r#"<col min="(\d+)" max="(\d+)"[^>]*hidden="1""#)
        .unwrap()
        .captures_iter(&detail_xml)
        .flat_map(|c| c[1].parse::<usize>().unwrap()..=c[2].parse::<usize>().unwrap())
        .collect();
    assert_eq!(hidden.len(), 6, "{hidden:?}");
    for (k, name) in detail[0].iter().enumerate().skip(4) {
        if hidden.contains(&(k + 1)) {
            assert!(!detail_text.contains(&squeezed(name)), "{name} hidden");
            continue;
        }
        assert!(
            detail_text.contains(&squeezed(name)),
            "unit «{name}» whole in Chi tiết's header"
        );
    }

    // Tình trạng nộp: the header on every page, every unit's name whole.
    for &k in &pages("Tình trạng nộp") {
        assert!(squeezed(&raw[k]).contains("Trạngthái"), "page {}", k + 1);
    }
    let status_text = text_of("Tình trạng nộp");
    for line in read_sheet(&book, "Tình trạng nộp").iter().skip(1) {
        assert!(status_text.contains(&squeezed(&line[2])), "{}", line[2]);
    }

    // Lỗi: the header on every page; each finding whole on one page.
    let findings = read_findings(&out.join("errors.json"));
    let lists: Vec<String> = pages("Lỗi").iter().map(|&k| squeezed(&raw[k])).collect();
    for p in &lists {
        assert!(p.contains("Nộidung"));
    }
    for f in &findings {
        // A rule prints with `=`, `≤`, `≥` where errors.json has `==`.
        let fields = ["message", "file", "expected", "actual"].map(|k| {
            let v = f[k].as_str().unwrap();
            // A period-mismatch's periods print in words («Quý IV/2019»)
            // where errors.json keeps the code `2019-Q4`.
            let in_words = |v: &str| match v.split_once("-Q") {
                Some((year, q)) if f["code"] == "period-mismatch" => {
                    let roman = ["I", "II", "III", "IV"][q.parse::<usize>().unwrap() - 1];
                    format!("Quý {roman}/{year}")
                }
                _ => v.to_string(),
            };
            match k {
                "expected" => squeezed(
                    &in_words(v)
                        .replace("==", "=")
                        .replace("<=", "≤")
                        .replace(">=", "≥"),
                ),
                "actual" => squeezed(&in_words(v)),
                _ => squeezed(v),
            }
        });
        assert!(
            lists
                .iter()
                .any(|p| fields.iter().all(|x| p.contains(x.as_str()))),
            "finding printed whole on one page: {}",
            f["message"]
        );
    }
}

/// An `.xlsx` part's cells, styles and notes, read with regexes (the
/// parts are rust_xlsxwriter's, always laid out alike).
struct Parts<'a> {
    book: &'a Path,
}

impl Parts<'_> {
    fn part(&self, name: &str) -> String {
        zip_part(self.book, name).unwrap_or_else(|| panic!("{name} in the workbook"))
    }

    /// The part of a sheet, by its name (`xl/worksheets/sheet2.xml`).
    fn sheet_part(&self, sheet: &str) -> String {
        let wb = self.part("xl/workbook.xml");
        let re = Regex::new(r#"<sheet name="([^"]*)" sheetId="\d+" r:id="(rId\d+)"/>"#).unwrap();
        let id = re
            .captures_iter(&wb)
            .find(|c| unescape(&c[1]) == sheet)
            .map(|c| c[2].to_string())
            .unwrap_or_else(|| panic!("sheet {sheet}"));
        let rels = self.part("xl/_rels/workbook.xml.rels");
        let re =
            Regex::new(r#"<Relationship Id="(rId\d+)" Type="[^"]*" Target="([^"]*)"/>"#).unwrap();
        let target = re
            .captures_iter(&rels)
            .find(|c| c[1] == id)
            .map(|c| c[2].to_string())
            .unwrap();
        format!("xl/{target}")
    }

    /// The fill colour (`FFF8CBAD`) of each cell format with a solid fill.
    fn fills_by_xf(&self) -> Vec<Option<String>> {
        let styles = self.part("xl/styles.xml");
        let fills_xml = styles
            .split("<fills")
            .nth(1)
            .unwrap()
            .split("</fills>")
            .next()
            .unwrap();
        let fills: Vec<Option<String>> = fills_xml
            .split("<fill>")
            .skip(1)
            .map(|f| {
                Regex::new(r#"patternType="solid"><fgColor rgb="([0-9A-F]{8})""#)
                    .unwrap()
                    .captures(f)
                    .map(|c| c[1].to_string())
            })
            .collect();
        let xfs = styles
            .split("<cellXfs")
            .nth(1)
            .unwrap()
            .split("</cellXfs>")
            .next()
            .unwrap();
        Regex::new(r"<xf [^>]*?fillId=.(\d+).")
            .unwrap()
            .captures_iter(xfs)
            .map(|c| fills[c[1].parse::<usize>().unwrap()].clone())
            .collect()
    }

    /// Each filled cell of a sheet (A1 → colour).
    fn filled(&self, sheet: &str) -> BTreeMap<String, String> {
        let fills = self.fills_by_xf();
        let xml = self.part(&self.sheet_part(sheet));
        Regex::new(r#"<c r="([A-Z]+\d+)" s="(\d+)""#)
            .unwrap()
            .captures_iter(&xml)
            .filter_map(|c| {
                let fill = fills[c[2].parse::<usize>().unwrap()].clone()?;
                Some((c[1].to_string(), fill))
            })
            .collect()
    }

    /// Each note of a sheet (A1 → text).
    fn notes(&self, sheet: &str) -> BTreeMap<String, String> {
        let part = self.sheet_part(sheet);
        let rels_name = part.replace("worksheets/", "worksheets/_rels/") + ".rels";
        let Some(rels) = zip_part(self.book, &rels_name) else {
            return BTreeMap::new();
        };
        let Some(target) = Regex::new(r#"Target="\.\./(comments\d+\.xml)""#)
            .unwrap()
            .captures(&rels)
            .map(|c| c[1].to_string())
        else {
            return BTreeMap::new();
        };
        let xml = self.part(&format!("xl/{target}"));
        let text = Regex::new(r"<t[^>]*>([^<]*)</t>").unwrap();
        Regex::new(r#"(?s)<comment ref="([A-Z]+\d+)"[^>]*>(.*?)</comment>"#)
            .unwrap()
            .captures_iter(&xml)
            .map(|c| {
                let t: String = text.captures_iter(&c[2]).map(|t| unescape(&t[1])).collect();
                (c[1].to_string(), t)
            })
            .collect()
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// 0-based (row, column) of an A1 reference.
fn at(a1: &str) -> (usize, usize) {
    let letters: String = a1.chars().take_while(|c| c.is_ascii_uppercase()).collect();
    let row: usize = a1[letters.len()..].parse().unwrap();
    let col = letters
        .bytes()
        .fold(0usize, |acc, b| acc * 26 + (b - b'A' + 1) as usize);
    (row - 1, col - 1)
}

const RED: &str = "FFF8CBAD";
const YELLOW: &str = "FFFFF2CC";

/// A figure of Tổng hợp or Chi tiết by its (indicator, column, where):
/// where is a unit's name or Tổng cộng in Chi tiết, Σ in Tổng hợp.
type Figure = (String, String, String);

/// A disputed figure and its fill (`error`, `warning`).
type Marked = (String, String, String, String);

/// The disputed figures of a sheet and each one's note. Filled cells and
/// noted cells must be the same.
fn disputed(book: &Path, sheet: &str) -> (BTreeSet<Marked>, BTreeMap<Figure, String>) {
    let parts = Parts { book };
    let cells = read_sheet(book, sheet);
    let header = cells.iter().position(|r| r[0] == "Mã").unwrap();
    let name = |a1: &str| -> Figure {
        let (r, c) = at(a1);
        let row = &cells[r];
        if sheet.starts_with("Chi tiết") {
            (row[0].clone(), row[3].clone(), cells[header][c].clone())
        } else {
            // «Tổng hợp» heads a column with its short name over what it
            // holds ("TH\nThực hiện quý I/2020").
            let short = cells[header][c].split('\n').next().unwrap_or_default();
            (row[0].clone(), short.to_string(), "Σ".into())
        }
    };
    let filled: BTreeMap<String, String> = parts
        .filled(sheet)
        .into_iter()
        .filter(|(a1, fill)| at(a1).0 > header && (fill == RED || fill == YELLOW))
        .collect();
    let mut notes = parts.notes(sheet);
    // A total short of a unit (Phường 14's file, of another period, set
    // aside) is noted without a fill: its note says whose figure it lacks.
    notes.retain(|a1, text| {
        filled.contains_key(a1) || !text.contains("số có dấu (*) chưa gồm số của Phường 14")
    });
    assert_eq!(
        filled.keys().collect::<Vec<_>>(),
        notes.keys().collect::<Vec<_>>(),
        "every disputed figure of {sheet} is filled and noted"
    );
    let marks = filled
        .iter()
        .map(|(a1, fill)| {
            let (i, c, w) = name(a1);
            (
                i,
                c,
                w,
                if fill == RED { "error" } else { "warning" }.to_string(),
            )
        })
        .collect();
    let notes = notes.into_iter().map(|(a1, t)| (name(&a1), t)).collect();
    (marks, notes)
}

fn mark(i: &str, c: &str, w: &str, s: &str) -> Marked {
    (i.into(), c.into(), w.into(), s.into())
}

/// The sample's planted mistakes mark exactly their figures: Phường 3's
/// TT01 TH ("khoảng 20"), Phường 5's HC02 TH and LK (LK = TH) and, since
/// its HC02 TH and its parts do not add up and which is wrong is not
/// known, its HC03 and HC04 TH, with the totals they enter, in Tổng hợp
/// and in Chi tiết's Tổng cộng;
/// Thanh tra's own TT01 LK (LK = TH; compared with the wards', never
/// added); Phường 13's VH03 converted from đồng (a warning); the totals'
/// %CK and the rate HC05 computed from marked totals; Phường 8's TP02 LK
/// and KH, whose %KH is found off (a warning: which is wrong is not
/// known), and nothing of the totals (the district's %KH is recomputed
/// from the sums, not from the ward's stated percent). Nothing for an
/// info, the duplicate set aside
/// or a file without figures.
#[test]
fn the_samples_disputed_figures_are_filled_and_noted() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    consolidate_samples(&out);
    let book = out.join("tong-hop.xlsx");
    let (summary, notes) = disputed(&book, "Tổng hợp");
    assert_eq!(
        summary,
        BTreeSet::from([
            mark("HC02", "LK", "Σ", "error"),
            mark("HC02", "TH", "Σ", "error"),
            // The total's %CK, computed from its marked LK.
            mark("HC02", "%CK", "Σ", "error"),
            mark("HC03", "TH", "Σ", "error"),
            mark("HC04", "TH", "Σ", "error"),
            // The rate HC05 = HC03 / HC02 × 100, from the marked totals.
            mark("HC05", "TH", "Σ", "error"),
            mark("HC05", "LK", "Σ", "error"),
            mark("HC05", "%CK", "Σ", "error"),
            // Phường 8's TP02 %KH found off marks nothing here: its LK
            // and KH are doubtful (Chi tiết), the totals' KH and LK are
            // the wards' figures as written, and the total's %KH is
            // recomputed from them, not from Phường 8's stated 121,97.
            mark("TT01", "TH", "Σ", "error"),
        ])
    );
    let note = |i: &str, c: &str, w: &str| notes[&(i.into(), c.into(), w.into())].clone();
    assert!(note("TT01", "TH", "Σ").contains("ghi «khoảng 20», không phải là số"));
    assert!(notes.keys().all(|(i, _, _)| i != "TP02"), "{notes:?}");
    let hc02 = note("HC02", "TH", "Σ");
    assert!(
        hc02.starts_with("Lỗi: Phường 5: HC02")
            && hc02.contains("1.204 + HC04 «giải quyết trễ hạn» 77 = 1.281"),
        "{hc02}"
    );
    let (detail, notes) = disputed(&book, "Chi tiết theo đơn vị");
    assert_eq!(
        detail,
        BTreeSet::from([
            mark("HC02", "LK", "Phường 5", "error"),
            mark("HC02", "LK", "Tổng cộng", "error"),
            mark("HC02", "TH", "Phường 5", "error"),
            mark("HC02", "TH", "Tổng cộng", "error"),
            mark("HC03", "TH", "Phường 5", "error"),
            mark("HC03", "TH", "Tổng cộng", "error"),
            mark("HC04", "TH", "Phường 5", "error"),
            mark("HC04", "TH", "Tổng cộng", "error"),
            mark("HC05", "LK", "Tổng cộng", "error"),
            mark("HC05", "TH", "Tổng cộng", "error"),
            mark("TP02", "LK", "Phường 8", "warning"),
            mark("TT01", "LK", "Thanh tra quận", "error"),
            mark("TT01", "TH", "Phường 3", "error"),
            // Its LK = TH broken: which of the two is wrong is not known.
            mark("TT01", "TH", "Thanh tra quận", "error"),
            mark("TT01", "TH", "Tổng cộng", "error"),
            mark("VH03", "LK", "Phường 13", "warning"),
            mark("VH03", "TH", "Phường 13", "warning"),
        ])
    );
    let note = |i: &str, c: &str, w: &str| notes[&(i.into(), c.into(), w.into())].clone();
    assert!(note("TT01", "LK", "Thanh tra quận").contains("TH 327 và LK 317"));
    let tp02 = note("TP02", "LK", "Phường 8");
    assert!(
        tp02.starts_with("Cần xem lại (liên quan đến một tỷ lệ % không khớp): Phường 8"),
        "{tp02}"
    );
    assert!(note("VH03", "TH", "Phường 13").starts_with("Cảnh báo: Phường 13: Chỉ tiêu VH03"));
    // The legend's fills are the marks', and the Lỗi sheet's.
    let parts = Parts { book: &book };
    let legend = parts.filled("Tổng hợp");
    assert_eq!(legend.get("A4").map(String::as_str), Some(RED));
    assert_eq!(legend.get("D4").map(String::as_str), Some(YELLOW));
    let list = parts.filled("Lỗi");
    let list_sheet = read_sheet(&book, "Lỗi");
    for (a1, fill) in list.iter().filter(|(a1, _)| at(a1).0 > 0) {
        let (r, _) = at(a1);
        let want = match list_sheet[r][0].as_str() {
            "Lỗi" => RED,
            "Cảnh báo" => YELLOW,
            _ => "FFDDEBF7",
        };
        assert_eq!(fill, want, "{a1}");
    }
}

/// Fills print as greys (an error's about a section row's, a warning's
/// about white): every marked figure of Tổng hợp and Chi tiết also
/// carries its severity's border, medium for an error (its figure bold),
/// medium dashed for a warning, and the legend's swatches show the same;
/// a figure not marked keeps the plain thin border.
#[test]
fn the_samples_marks_print_in_black_and_white() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    consolidate_samples(&out);
    let book = out.join("tong-hop.xlsx");
    let parts = Parts { book: &book };
    let sides = |style: &crate::common::CellStyle, want: &str| {
        ["left", "right", "top", "bottom"]
            .iter()
            .all(|side| style.border.contains(&format!(r#"<{side} style="{want}""#)))
    };
    let mut seen = (0, 0);
    for sheet in ["Tổng hợp", "Chi tiết theo đơn vị"] {
        let part = parts.sheet_part(sheet);
        for (a1, fill) in parts.filled(sheet) {
            let style = crate::common::cell_style(&book, &part, &a1);
            match fill.as_str() {
                RED => {
                    assert!(sides(&style, "medium"), "{sheet} {a1}: {style:?}");
                    assert!(style.font.contains("<b/>"), "{sheet} {a1}: {style:?}");
                    seen.0 += 1;
                }
                YELLOW => {
                    assert!(sides(&style, "mediumDashed"), "{sheet} {a1}: {style:?}");
                    seen.1 += 1;
                }
                _ => assert!(!style.border.contains("medium"), "{sheet} {a1}"),
            }
        }
    }
    // The 9 + 14 errors and the 0 + 3 warnings of the test above, and
    // the legend's two swatches.
    assert_eq!(seen, (9 + 14 + 1, 3 + 1));
    let summary = read_sheet(&book, "Tổng hợp");
    let part = parts.sheet_part("Tổng hợp");
    let hc01 = summary.iter().position(|r| r[0] == "HC01").unwrap();
    let plain = crate::common::cell_style(&book, &part, &format!("E{}", hc01 + 1));
    assert!(
        sides(&plain, "thin") && !plain.font.contains("<b/>"),
        "{plain:?}"
    );
    assert!(summary[3][1].contains("viền đậm"), "{:?}", summary[3]);
    assert!(summary[3][4].contains("viền nét đứt"), "{:?}", summary[3]);
}

/// Tình trạng nộp fills each line by the unit's worst finding: errors
/// red, warnings only yellow, information only or nothing left white.
#[test]
fn status_lines_are_filled_by_the_worst_finding() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    consolidate_samples(&out);
    let book = out.join("tong-hop.xlsx");
    let parts = Parts { book: &book };
    let filled = parts.filled("Tình trạng nộp");
    let status = read_sheet(&book, "Tình trạng nộp");
    let fills_of = |unit: &str| -> Vec<Option<String>> {
        let r = status.iter().position(|l| l[1] == unit).unwrap();
        (0..9)
            .map(|c| filled.get(&tonghop::diagnostic::a1(r as u32, c)).cloned())
            .collect()
    };
    let all = |fill: Option<&str>| vec![fill.map(String::from); 9];
    // P05: errors; P07: sent nothing; P13: a unit converted (a warning).
    assert_eq!(fills_of("P05"), all(Some(RED)));
    assert_eq!(fills_of("P07"), all(Some(RED)));
    assert_eq!(fills_of("P13"), all(Some(YELLOW)));
    // P01: nothing to say; VP: information only; P09: a duplicate whose
    // name («bản sửa») tells the copy used (the office's info).
    assert_eq!(fills_of("P01"), all(None));
    assert_eq!(fills_of("VP"), all(None));
    assert_eq!(fills_of("P09"), all(None));
}

/// A planted batch: a department's district figure against the wards'
/// sum, and a ward's negative count. The total-mismatch marks the
/// office's figure and the total; the negative count its cell and the
/// total it enters; nothing else is marked (the wards that sent nothing
/// have no cell).
#[test]
fn a_total_mismatch_and_a_wards_error_mark_their_cells_and_totals() {
    use crate::checks::{complete, consolidate, summary, ward_rows, write_form, write_template};
    use crate::checks::{TH_LK, V};
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    for (k, (a, b, c)) in [
        (120.0, 100.0, 80.0),
        (180.0, 171.0, 100.0),
        (200.0, 190.0, 150.0),
    ]
    .into_iter()
    .enumerate()
    {
        let mut rows = ward_rows(a, b, c);
        if k == 1 {
            rows.retain(|r| r.0 != "HC07");
            rows.push((
                "HC07",
                "Tổng số lượt đánh giá",
                "lượt",
                vec![V::N(-100.0), V::N(-100.0)],
            ));
        }
        write_form(
            &dir.join(format!("phuong-{:02}.xlsx", k + 1)),
            &format!("UBND PHƯỜNG {}", k + 1),
            "QUÝ I/2020",
            &TH_LK,
            &complete(rows, true),
        );
    }
    // The wards resolved 500 files; the office says 510.
    write_form(
        &dir.join("vp.xlsx"),
        "VĂN PHÒNG HĐND VÀ UBND QUẬN",
        "QUÝ I/2020",
        &TH_LK,
        &complete(
            vec![(
                "HC02",
                "Hồ sơ thủ tục hành chính đã giải quyết",
                "hồ sơ",
                vec![V::N(510.0), V::N(500.0)],
            )],
            false,
        ),
    );
    let out = tmp.path().join("out");
    let (code, findings) = consolidate(&dir, &out, &tpl, "2020-Q1", &[]);
    assert_eq!(code, 1);
    assert_eq!(
        summary(&findings),
        [
            "error|cumulative-mismatch|VP|F7|HC02|LK|LK = TH|500",
            "error|submission-missing|P04|||||",
            "error|submission-missing|P05|||||",
            "error|submission-missing|P06|||||",
            "error|total-mismatch|VP|E7|HC02|TH|500|510",
            "error|value-negative|P02|E11|HC07|TH|≥ 0|-100",
            "error|value-negative|P02|F11|HC07|LK|≥ 0|-100",
        ]
    );
    let book = out.join("tong-hop.xlsx");
    let (summary_marks, _) = disputed(&book, "Tổng hợp");
    assert_eq!(
        summary_marks,
        BTreeSet::from([
            mark("HC02", "TH", "Σ", "error"),
            mark("HC05", "TH", "Σ", "error"),
            mark("HC07", "LK", "Σ", "error"),
            mark("HC07", "TH", "Σ", "error"),
        ])
    );
    let (detail, notes) = disputed(&book, "Chi tiết theo đơn vị");
    let office = "Văn phòng HĐND và UBND quận";
    assert_eq!(
        detail,
        BTreeSet::from([
            mark("HC02", "LK", office, "error"),
            mark("HC02", "TH", office, "error"),
            mark("HC02", "TH", "Tổng cộng", "error"),
            mark("HC05", "TH", "Tổng cộng", "error"),
            mark("HC07", "LK", "Phường 2", "error"),
            mark("HC07", "LK", "Tổng cộng", "error"),
            mark("HC07", "TH", "Phường 2", "error"),
            mark("HC07", "TH", "Tổng cộng", "error"),
        ])
    );
    let total = &notes[&("HC02".into(), "TH".into(), "Tổng cộng".into())];
    assert!(total.contains("toàn quận ghi 510"), "{total}");
}

/// A department that compiled its totals without one ward (Phường 3,
/// whose report came late): each of its six HC02–HC04 figures is the
/// wards' sum less Phường 3's, and the clerk gets one total-mismatch
/// naming Phường 3, not six. Its HC07, off by another 10, keeps its own
/// error. The six figures are still marked as a total-mismatch marks
/// its figure: the office's cell and the total in Tổng hợp and Chi
/// tiết, and each cell of the office's feedback workbook.
#[test]
fn a_department_that_left_out_one_ward_is_told_once_and_its_figures_stay_marked() {
    use crate::checks::{complete, consolidate, summary, ward_rows, write_form, write_template};
    use crate::checks::{TH_LK, V};
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    for (k, (a, b, c)) in [
        (120.0, 100.0, 80.0),
        (180.0, 171.0, 100.0),
        (200.0, 190.0, 150.0),
    ]
    .into_iter()
    .enumerate()
    {
        write_form(
            &dir.join(format!("phuong-{:02}.xlsx", k + 1)),
            &format!("UBND PHƯỜNG {}", k + 1),
            "QUÝ I/2020",
            &TH_LK,
            &complete(ward_rows(a, b, c), true),
        );
    }
    // Phường 1 and 2 only: resolved 300 = 271 on time + 29 late; the
    // evaluations 320 where the three wards give 330.
    let row = |code, name, v: f64| (code, name, "hồ sơ", vec![V::N(v), V::N(v)]);
    write_form(
        &dir.join("vp.xlsx"),
        "VĂN PHÒNG HĐND VÀ UBND QUẬN",
        "QUÝ I/2020",
        &TH_LK,
        &complete(
            vec![
                row("HC02", "Hồ sơ thủ tục hành chính đã giải quyết", 300.0),
                row("HC03", "Trong đó: giải quyết đúng hạn", 271.0),
                row("HC04", "Trong đó: giải quyết trễ hạn", 29.0),
                (
                    "HC07",
                    "Tổng số lượt đánh giá",
                    "lượt",
                    vec![V::N(320.0), V::N(320.0)],
                ),
            ],
            false,
        ),
    );
    let out = tmp.path().join("out");
    let (code, findings) = consolidate(&dir, &out, &tpl, "2020-Q1", &[]);
    assert_eq!(code, 1);
    assert_eq!(
        summary(&findings),
        [
            "error|submission-missing|P04|||||",
            "error|submission-missing|P05|||||",
            "error|submission-missing|P06|||||",
            "error|total-mismatch|VP|E10|HC07|TH|330|320",
            "error|total-mismatch|VP|E7|||HC02 TH; HC02 LK; HC03 TH; HC03 LK; HC04 TH; HC04 LK|Phường 3",
            "error|total-mismatch|VP|F10|HC07|LK|330|320",
        ]
    );
    let once = findings
        .iter()
        .find(|f| f["code"] == "total-mismatch" && f["indicator"] == "")
        .unwrap();
    let message = once["message"].as_str().unwrap();
    assert!(
        message.starts_with("Tổng toàn quận của Văn phòng HĐND và UBND quận không tính Phường 3: ở 6 số (HC02, HC03, HC04; cột TH, LK)")
            && message.contains("cộng thêm số của Phường 3"),
        "{message}"
    );
    let book = out.join("tong-hop.xlsx");
    let (summary_marks, _) = disputed(&book, "Tổng hợp");
    let six = ["HC02", "HC03", "HC04", "HC07"]
        .iter()
        .flat_map(|i| ["TH", "LK"].map(|c| (*i, c)))
        .collect::<Vec<_>>();
    // And the rate HC05 = HC03 / HC02 × 100 of the totals.
    assert_eq!(
        summary_marks,
        six.iter()
            .chain(&[("HC05", "TH"), ("HC05", "LK")])
            .map(|(i, c)| mark(i, c, "Σ", "error"))
            .collect::<BTreeSet<_>>()
    );
    let (detail, notes) = disputed(&book, "Chi tiết theo đơn vị");
    let office = "Văn phòng HĐND và UBND quận";
    assert_eq!(
        detail,
        six.iter()
            .flat_map(|(i, c)| [
                mark(i, c, office, "error"),
                mark(i, c, "Tổng cộng", "error")
            ])
            .chain(["TH", "LK"].map(|c| mark("HC05", c, "Tổng cộng", "error")))
            .collect::<BTreeSet<_>>()
    );
    let note = &notes[&("HC04".into(), "LK".into(), office.into())];
    assert!(note.contains("không tính Phường 3"), "{note}");
    // The office's own workbook: each of the eight figures noted.
    let feedback = Parts {
        book: &out.join("phan-hoi").join("VP.xlsx"),
    };
    let noted = feedback.notes("Biểu 1");
    assert_eq!(
        noted.keys().map(String::as_str).collect::<Vec<_>>(),
        ["E10", "E7", "E8", "E9", "F10", "F7", "F8", "F9"]
    );
    assert!(
        noted["F9"].contains("không tính Phường 3"),
        "{}",
        noted["F9"]
    );
}
