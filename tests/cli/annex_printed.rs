//! `phu-luc.xlsx` as a clerk gets it: printed to PDF by LibreOffice (one
//! conversion per workbook, see `office.rs`), every task whole on the
//! page, the header on every page, the page counts stated in the README;
//! the marks (fill and note) read back from the workbook's parts.

use crate::annex::task_findings;
use crate::common::{read_sheet, repo, tonghop, zip_part};
use crate::office;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// The sample annex as in the README, into `out`.
fn sample_annex(out: &Path) {
    let run = tonghop()
        .arg("annex")
        .arg(repo().join("samples").join("2020-Q2-annex"))
        .args(["--period", "2020-Q2", "--out"])
        .arg(out)
        .args([
            "--attached-to",
            "Báo cáo số 120/BC-UBND ngày 10/4/2020 của Ủy ban nhân dân quận",
        ])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "{run:?}");
}

/// The runs of letters and digits of a text, NFC: what survives any
/// layout (a line broken at a hyphen or a space reads the same).
fn tokens(text: &str) -> Vec<String> {
    let text: String = text.nfc().collect();
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

/// Whether the tokens of `cell` appear together, in order, in `printed`.
/// LibreOffice draws each cell's lines one after the other, and leaves
/// out of the PDF the lines a row too short cuts off.
fn printed_whole(cell: &[String], printed: &[String]) -> bool {
    cell.is_empty() || printed.windows(cell.len()).any(|w| w == cell)
}

/// The text of a PDF in the order it was drawn (`pdftotext -raw`).
fn drawn(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The pages of the annex sheet and of the finding list, told apart by
/// their repeated headers.
/// The pages of «Tình trạng nộp», the files read, are neither.
fn split_pages(pages: &[String]) -> (Vec<&String>, Vec<&String>) {
    let is_findings = |p: &&String| p.contains("Mã lỗi") && p.contains("Giá trị ghi");
    let is_intake = |p: &&String| p.contains("Số nhiệm vụ") && p.contains("Trạng thái");
    let findings: Vec<&String> = pages.iter().filter(is_findings).collect();
    let annex: Vec<&String> = pages
        .iter()
        .filter(|p| !is_findings(p) && !is_intake(p))
        .collect();
    (annex, findings)
}

/// `book` printed: the text of each page as laid out, and the cells of
/// the annex and of the finding list that do not print whole.
fn print(book: &Path, lo: &Path) -> (Vec<String>, Vec<String>) {
    let pdf = office::convert(book, "pdf", lo);
    let pages = office::pdf_pages(&pdf);
    let printed = tokens(&drawn(&pdf));
    let mut cut = Vec::new();
    let mut cells = 0;
    let rows = read_sheet(book, "Phụ lục");
    let list = read_sheet(book, "Lỗi");
    for row in rows.iter().skip(4).chain(list.iter().skip(1)) {
        for cell in row.iter().filter(|c| !c.is_empty()) {
            cells += 1;
            if !printed_whole(&tokens(cell), &printed) {
                cut.push(cell.clone());
            }
        }
    }
    assert!(cells > 100, "{cells}");
    (pages, cut)
}

/// Checks the printed workbook: the page counts, the header and the page
/// number on every page, every cell of every task, heading and finding
/// whole. The pages as laid out.
fn check_printed(book: &Path, lo: &Path, annex_pages: usize, finding_pages: usize) -> Vec<String> {
    let (pages, cut) = print(book, lo);
    assert!(cut.is_empty(), "not printed whole: {cut:#?}");
    let (annex, findings) = split_pages(&pages);
    assert_eq!(
        (annex.len(), findings.len()),
        (annex_pages, finding_pages),
        "pages of the annex and of the finding list"
    );
    // The annex comes first; every page has its header and "Trang n",
    // n counted on each sheet from 1 (the list's pages ran on from the
    // annex's), with no total (counted over both sheets).
    // «Tình trạng nộp» comes last, its pages numbered from 1 too.
    let listed = annex_pages + finding_pages;
    for (k, page) in pages.iter().enumerate().skip(listed) {
        let words = tokens(page);
        let at = words.iter().rposition(|w| w == "Trang");
        assert_eq!(
            at.map(|i| &words[i + 1..]),
            Some(&[(k - listed + 1).to_string()][..]),
            "page {}: {page}",
            k + 1
        );
        assert!(
            words
                .join(" ")
                .contains("STT Mã đơn vị Đơn vị Tệp Trạng thái Số nhiệm vụ Ghi chú"),
            "page {}: no header\n{page}",
            k + 1
        );
    }
    for (k, page) in pages.iter().enumerate().take(listed) {
        let words = tokens(page);
        let number = if k < annex_pages {
            k + 1
        } else {
            k - annex_pages + 1
        };
        let at = words.iter().rposition(|w| w == "Trang");
        assert_eq!(
            at.map(|i| &words[i + 1..]),
            Some(&[number.to_string()][..]),
            "page {}: {page}",
            k + 1
        );
        let header = if k < annex_pages {
            "TT Nội dung Tiến độ Cơ quan chủ trì Cơ quan phối hợp"
        } else {
            "Mức độ Mã lỗi Đơn vị Tệp Trang tính Ô Phải là Giá trị ghi Nội dung"
        };
        assert!(
            words.join(" ").contains(header),
            "page {}: no header\n{page}",
            k + 1
        );
    }
    pages
}

/// The sample annex prints on 2 pages, its 25 findings on 6 more (11 of
/// them the departments that sent nothing), its files on the last; every
/// task is printed whole (each row as tall as its wrapped text), the
/// header on every page, the sub-heading "Đầu tư xây dựng cơ bản" as a
/// row of its own.
#[test]
fn the_sample_annex_prints_every_task_whole_with_its_header_on_every_page() {
    if office::skip() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    sample_annex(&out);
    let book = out.join("phu-luc.xlsx");
    let pages = check_printed(&book, &tmp.path().join("lo"), 2, 6);
    assert!(pages[0]
        .lines()
        .any(|l| l.trim() == "Đầu tư xây dựng cơ bản"));
    // Nothing to recalculate: the annex holds no formula.
    for part in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
        assert!(!zip_part(&book, part).unwrap().contains("<f>"), "{part}");
    }
}

/// The check above sees cut text: the same workbook without its row
/// heights (as tonghop wrote it before) prints its wrapped cells cut to
/// their first line, and those cells are found.
#[test]
fn a_cut_cell_is_seen() {
    if office::skip() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    sample_annex(&out);
    let cut_book = tmp.path().join("phu-luc.xlsx");
    without_row_heights(&out.join("phu-luc.xlsx"), &cut_book);
    let (_, cut) = print(&cut_book, &tmp.path().join("lo"));
    assert!(
        cut.iter()
            .any(|c| c == "Ban QLDA ĐTXD khu vực quận, Các cơ quan, đơn vị liên quan"),
        "{cut:#?}"
    );
    assert!(cut.len() >= 10, "{cut:#?}");
}

/// A copy of a workbook whose sheets state no row height.
fn without_row_heights(book: &Path, to: &Path) {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::fs::File::open(book).unwrap()).unwrap();
    let mut copy = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..zip.len() {
        let mut member = zip.by_index(i).unwrap();
        let name = member.name().unwrap().to_string();
        let mut bytes = Vec::new();
        member.read_to_end(&mut bytes).unwrap();
        if name.starts_with("xl/worksheets/sheet") {
            let xml = String::from_utf8(bytes).unwrap();
            let mut plain = String::new();
            for (k, piece) in xml.split(" ht=\"").enumerate() {
                if k == 0 {
                    plain.push_str(piece);
                } else {
                    let rest = piece.split_once('"').unwrap().1;
                    plain.push_str(rest.trim_start_matches(" customHeight=\"1\""));
                }
            }
            bytes = plain.into_bytes();
        }
        copy.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        copy.write_all(&bytes).unwrap();
    }
    copy.finish().unwrap();
}

/// The practice batch's annex (45 tasks from 17 departments, merged and
/// multi-line cells) prints on 5 pages, its 5 findings on 2 more.
#[test]
fn the_practice_annex_prints_every_task_whole() {
    let Some(shared) = crate::common::shared() else {
        eprintln!("skipped: ../shared (the practice corpus) is absent");
        return;
    };
    let corpus = shared.join("practice").join("annex-2020-Q3");
    if !corpus.is_dir() || office::skip() {
        eprintln!("skipped: ../shared/practice/annex-2020-Q3 is absent");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = tonghop()
        .arg("annex")
        .arg(&corpus)
        .args(["--period", "2020-Q3", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    check_printed(&out.join("phu-luc.xlsx"), &tmp.path().join("lo"), 5, 2);
}

/// The fill (ARGB) of a cell of a sheet part, through its style.
fn fill_of(book: &Path, sheet_part: &str, cell: &str) -> Option<String> {
    let sheet = zip_part(book, sheet_part)?;
    let styles = zip_part(book, "xl/styles.xml")?;
    let at = sheet.find(&format!(r#"<c r="{cell}" "#))?;
    let style: usize = sheet[at..]
        .split(r#" s=""#)
        .nth(1)?
        .split('"')
        .next()?
        .parse()
        .ok()?;
    let xfs = styles
        .split("<cellXfs")
        .nth(1)?
        .split("</cellXfs>")
        .next()?;
    let xf = xfs.split("<xf ").nth(style + 1)?;
    let fill_id: usize = xf
        .split(r#"fillId=""#)
        .nth(1)?
        .split('"')
        .next()?
        .parse()
        .ok()?;
    let fills = styles.split("<fills").nth(1)?.split("</fills>").next()?;
    let fill = fills.split("<fill>").nth(fill_id + 1)?;
    Some(
        fill.split(r#"fgColor rgb=""#)
            .nth(1)?
            .split('"')
            .next()?
            .to_string(),
    )
}

/// The notes of a comments part: (cell, text).
fn notes(book: &Path) -> Vec<(String, String)> {
    let Some(xml) = zip_part(book, "xl/comments1.xml") else {
        return Vec::new();
    };
    // Every note is by tonghop: no default "Author" in the list.
    assert!(
        xml.contains("<authors><author>tonghop</author></authors>"),
        "{xml}"
    );
    xml.split("<comment ref=\"")
        .skip(1)
        .map(|c| {
            let cell = c.split('"').next().unwrap_or_default().to_string();
            let text: String = c
                .split("<t")
                .skip(1)
                .filter(|t| t.starts_with('>') || t.starts_with(' '))
                .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
                .map(|t| t.split("</t>").next().unwrap_or_default())
                .collect();
            (cell, text.replace("&amp;", "&"))
        })
        .collect()
}

const RED: &str = "FFF8CBAD";
const YELLOW: &str = "FFFFF2CC";

/// Every finding about a task marks the annex row of that task: the cell
/// it concerns filled by severity, with a note carrying its message; a
/// duplicate left out marks the task kept in its place. The Lỗi sheet
/// lists every finding with the error list's columns.
#[test]
fn flagged_tasks_are_marked_and_the_findings_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    sample_annex(&out);
    let book = out.join("phu-luc.xlsx");
    let rows = read_sheet(&book, "Phụ lục");
    let findings = crate::common::read_findings(&out.join("errors.json"));
    let message = |file: &str, cell: &str| -> String {
        findings
            .iter()
            .find(|f| f["file"] == file && f["cell"] == cell)
            .unwrap_or_else(|| panic!("no finding at {file} {cell}"))["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // (annex cell, the text it shows, fill, the finding: file and cell).
    let expected = [
        ("C7", "Quý I/2020", RED, "p-tckh.xlsx", "C10"),
        ("E7", "Phòng Kế toán", YELLOW, "p-tckh.xlsx", "E10"),
        ("C10", "Tháng 9/2020", YELLOW, "p-qldt.xlsx", "D8"),
        // The duplicate sent by P.TCKH marks the copy the annex keeps.
        (
            "B11",
            "Rà soát, cập nhật danh mục dự án",
            RED,
            "p-tckh.xlsx",
            "B9",
        ),
        ("C12", "Trước ngày", RED, "p-qldt.xlsx", "D10"),
        ("C13", "Sớm nhất có thể", RED, "p-qldt.xlsx", "D11"),
        ("D13", "", RED, "p-qldt.xlsx", "E11"),
        (
            "E14",
            "Công an quận, Đội Thanh tra đô thị",
            YELLOW,
            "p-qldt.xlsx",
            "F12",
        ),
        (
            "B23",
            "Kiểm tra hoạt động kinh doanh dịch vụ văn hóa",
            YELLOW,
            "p-vhtt.xlsx",
            "B10",
        ),
        (
            "D27",
            "Đội Cảnh sát giao thông",
            RED,
            "tong-hop-noi-chinh.xlsx",
            "D6",
        ),
        (
            "B28",
            "Tuyển dụng viên chức",
            RED,
            "tong-hop-noi-chinh.xlsx",
            "B8",
        ),
        (
            "B32",
            "Kiểm tra công tác cải cách hành chính",
            YELLOW,
            "tong-hop-noi-chinh.xlsx",
            "B11",
        ),
    ];
    let noted = notes(&book);
    assert_eq!(
        noted.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(),
        expected.iter().map(|e| e.0).collect::<Vec<_>>()
    );
    for (cell, shows, fill, file, at) in expected {
        let (r, c) = (
            cell[1..].parse::<usize>().unwrap() - 1,
            (cell.as_bytes()[0] - b'A') as usize,
        );
        assert!(rows[r][c].starts_with(shows), "{cell}: {}", rows[r][c]);
        assert_eq!(
            fill_of(&book, "xl/worksheets/sheet1.xml", cell).as_deref(),
            Some(fill),
            "{cell}"
        );
        let note = &noted.iter().find(|(c, _)| c == cell).unwrap().1;
        assert_eq!(*note, message(file, at), "{cell}");
        // The fill prints grey: the border is the sign in black and white.
        let border = crate::common::cell_style(&book, "xl/worksheets/sheet1.xml", cell).border;
        let want = if fill == RED {
            "medium"
        } else {
            "mediumDashed"
        };
        assert!(
            border.contains(&format!(r#"<left style="{want}""#)),
            "{cell}: {border}"
        );
    }
    // Near miss: a task no finding concerns is neither filled nor noted,
    // and keeps the thin border.
    assert!(rows[5][1].starts_with("Tổ chức thu ngân sách"));
    assert_eq!(fill_of(&book, "xl/worksheets/sheet1.xml", "B6"), None);
    let plain = crate::common::cell_style(&book, "xl/worksheets/sheet1.xml", "B6").border;
    assert!(plain.contains(r#"<left style="thin""#), "{plain}");
    // The legend says what the colours and the borders mean.
    assert!(rows[2][0].starts_with("Ô được tô màu"), "{:?}", rows[2]);
    assert!(rows[2][0].contains("(đỏ, viền đậm)"), "{:?}", rows[2]);
    // The finding list: the error list's columns, less indicator and
    // column, every finding in its order, filled by severity.
    let list = read_sheet(&book, "Lỗi");
    assert_eq!(
        list[0],
        [
            "Mức độ",
            "Mã lỗi",
            "Đơn vị",
            "Tệp",
            "Trang tính",
            "Ô",
            "Phải là",
            "Giá trị ghi",
            "Nội dung"
        ]
    );
    assert_eq!(list.len(), findings.len() + 1);
    for (row, f) in list.iter().skip(1).zip(&findings) {
        let field = |k: &str| f[k].as_str().unwrap().to_string();
        let label = match field("severity").as_str() {
            "error" => "Lỗi",
            "warning" => "Cảnh báo",
            _ => "Thông tin",
        };
        assert_eq!(
            *row,
            [
                label.to_string(),
                field("code"),
                field("unit"),
                field("file"),
                field("sheet"),
                field("cell"),
                field("expected"),
                field("actual"),
                field("message")
            ]
        );
    }
    // The first finding, a department that sent nothing, is a warning.
    assert_eq!(findings[0]["code"], "submission-missing");
    assert_eq!(
        fill_of(&book, "xl/worksheets/sheet2.xml", "I2").as_deref(),
        Some("FFFFF2CC")
    );
    // Printable: A4 landscape, one page wide, header row repeated, page
    // numbers, the message column wrapped.
    let sheet = zip_part(&book, "xl/worksheets/sheet2.xml").unwrap();
    assert!(sheet.contains(r#"<pageSetUpPr fitToPage="1"/>"#));
    assert!(
        sheet.contains(r#"paperSize="9" fitToHeight="0" orientation="landscape""#),
        "{sheet}"
    );
    assert!(
        sheet.contains("Trang &amp;P</oddFooter>") && sheet.contains(r#"useFirstPageNumber="1""#)
    );
    let workbook = zip_part(&book, "xl/workbook.xml").unwrap();
    assert!(
        workbook.contains(
            r#"<definedName name="_xlnm.Print_Titles" localSheetId="1">Lỗi!$1:$1</definedName>"#
        ),
        "{workbook}"
    );
}

/// A clean run has no marks, no legend, and a finding list that says so;
/// `--lang en` names the list in English.
#[test]
fn a_clean_annex_has_no_marks_and_says_it_has_no_findings() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["STT", "Nội dung", "Tiến độ", "Cơ quan chủ trì"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in [
        "1",
        "Tuyên truyền phổ biến giáo dục pháp luật",
        "Quý II/2020",
        "P.TP",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    wb.save(dir.path().join("p-tp.xlsx")).unwrap();
    // Phòng Tư pháp the one department expected: no other is missing.
    let template = crate::annex::template_reporting(&["P.TP"]);
    let out = tempfile::tempdir().unwrap();
    let run = tonghop()
        .arg("annex")
        .arg(dir.path())
        .args(["--period", "2020-Q2", "--lang", "en", "--template"])
        .arg(template.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    let book = out.path().join("phu-luc.xlsx");
    assert!(zip_part(&book, "xl/comments1.xml").is_none());
    let rows = read_sheet(&book, "Annex");
    assert_eq!(rows[2][0], "");
    assert_eq!(
        rows[3],
        [
            "No.",
            "Task",
            "Deadline",
            "Lead agency",
            "Coordinating agencies"
        ]
    );
    let list = read_sheet(&book, "Findings");
    assert_eq!(list[0][0], "Severity");
    assert_eq!(list[1][0], "No findings.");
}

/// Near miss of the marks: a copy left out of the annex marks the task
/// kept (its content) with the duplicate, but its own stale deadline is
/// no mark on the kept task, whose deadline is right; both findings are
/// listed. The copy comes from another department (P.TCKH writing P.KT's
/// task): one department's table sent twice is one programme, told once.
#[test]
fn a_copy_left_out_marks_only_the_duplicate_on_the_task_kept() {
    let dir = tempfile::tempdir().unwrap();
    let task = "Kiểm tra công tác phòng cháy chữa cháy tại các chợ";
    for (file, deadline) in [
        ("a-p-kt.xlsx", "Quý II/2020"),
        ("b-p-tckh.xlsx", "Quý I/2020"),
    ] {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["STT", "Nội dung", "Tiến độ", "Cơ quan chủ trì"]
            .iter()
            .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (c, v) in ["1", task, deadline, "P.KT"].iter().enumerate() {
            ws.write_string(1, c as u16, *v).unwrap();
        }
        wb.save(dir.path().join(file)).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let run = tonghop()
        .arg("annex")
        .arg(dir.path())
        .args(["--period", "2020-Q2", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let findings = task_findings(&out.path().join("errors.json"));
    let codes: Vec<(&str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap(),
                f["cell"].as_str().unwrap(),
                f["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("b-p-tckh.xlsx", "B2", "task-duplicate"),
            ("b-p-tckh.xlsx", "C2", "deadline-out-of-period")
        ]
    );
    let book = out.path().join("phu-luc.xlsx");
    let rows = read_sheet(&book, "Phụ lục");
    assert_eq!(rows[5][1..3], [task, "Quý II/2020"]);
    assert_eq!(
        notes(&book)
            .iter()
            .map(|(c, _)| c.as_str())
            .collect::<Vec<_>>(),
        ["B6"]
    );
    assert_eq!(
        fill_of(&book, "xl/worksheets/sheet1.xml", "B6").as_deref(),
        Some(RED)
    );
    assert_eq!(fill_of(&book, "xl/worksheets/sheet1.xml", "C6"), None);
    // The list: the header and the two findings about tasks (beside the
    // reporting departments that sent nothing).
    let listed = read_sheet(&book, "Lỗi");
    assert_eq!(
        listed
            .iter()
            .filter(|r| r[1] != "submission-missing")
            .count(),
        3
    );
}
