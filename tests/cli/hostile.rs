//! The hostile corpus: files and folders made to take a batch down, each
//! written here by a small generator (nothing large is kept in git; see
//! tests/fixtures/hostile/README.md). `consolidate`, `check` and `annex`
//! run over it under a memory limit and must each finish with exit 0 or
//! 1, no panic, every input named with its own reason and every output
//! written.
//!
//! `cargo test --test cli hostile::write_the_corpus -- --ignored` writes
//! the corpus to tests/fixtures/hostile/ to open the files by hand.

use crate::common::{read_findings, read_sheet, repo};
use serde_json::Value;
use std::io::Write;
use std::path::Path;

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// A cell of a hand-written sheet.
enum Cell {
    Text(String),
    Number(f64),
    /// A formula with no cached value, as tools that do not calculate
    /// write it.
    Formula(String),
    /// An index into the shared strings.
    Shared(usize),
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The XML of a sheet of `rows` (0-based row, then (column, cell)), with
/// `extra` after the sheet data (merges).
fn sheet_xml(rows: &[(u32, Vec<(u32, Cell)>)], extra: &str) -> Vec<u8> {
    let mut x = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{MAIN_NS}\"><sheetData>"
    );
    for (r, cells) in rows {
        x.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, cell) in cells {
            let at = tonghop::diagnostic::a1(*r, *c);
            x.push_str(&match cell {
                Cell::Text(t) => {
                    format!(
                        "<c r=\"{at}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                        escape(t)
                    )
                }
                Cell::Number(v) => format!("<c r=\"{at}\"><v>{v}</v></c>"),
                Cell::Formula(f) => format!("<c r=\"{at}\"><f>{}</f></c>", escape(f)),
                Cell::Shared(i) => format!("<c r=\"{at}\" t=\"s\"><v>{i}</v></c>"),
            });
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData>");
    x.push_str(extra);
    x.push_str("</worksheet>");
    x.into_bytes()
}

/// A ward's submission in the built-in template's shape: title, header on
/// row 4, three rows of administrative procedures (HC02 = HC03 + HC04).
fn submission_rows(title: &str) -> Vec<(u32, Vec<(u32, Cell)>)> {
    let t = |s: &str| Cell::Text(s.to_string());
    let mut rows = vec![
        (0, vec![(0, t(title))]),
        (1, vec![(0, t("BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI QUÝ I/2020"))]),
        (
            3,
            [
                "STT",
                "Mã số",
                "Chỉ tiêu",
                "ĐVT",
                "Thực hiện quý",
                "Lũy kế từ đầu năm",
            ]
            .iter()
            .enumerate()
            .map(|(c, h)| (c as u32, t(h)))
            .collect(),
        ),
    ];
    for (k, (code, name, th)) in [
        ("HC02", "Hồ sơ thủ tục hành chính đã giải quyết", 30.0),
        ("HC03", "Trong đó: giải quyết đúng hạn", 20.0),
        ("HC04", "Trong đó: giải quyết trễ hạn", 10.0),
    ]
    .into_iter()
    .enumerate()
    {
        rows.push((
            4 + k as u32,
            vec![
                (0, Cell::Number((k + 1) as f64)),
                (1, t(code)),
                (2, t(name)),
                (3, t("hồ sơ")),
                (4, Cell::Number(th)),
                (5, Cell::Number(th)),
            ],
        ));
    }
    rows
}

/// The parts of an `.xlsx` with these sheets (name, XML) and shared
/// strings.
fn xlsx_parts(sheets: &[(String, Vec<u8>)], shared: Option<Vec<u8>>) -> Vec<(String, Vec<u8>)> {
    let mut types = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    );
    let mut book = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><sheets>");
    let mut rels =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"{PKG_REL_NS}\">");
    let mut parts = Vec::new();
    for (k, (name, xml)) in sheets.iter().enumerate() {
        let n = k + 1;
        types.push_str(&format!("<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
        book.push_str(&format!(
            "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>",
            escape(name)
        ));
        rels.push_str(&format!("<Relationship Id=\"rId{n}\" Type=\"{REL_NS}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"));
        parts.push((format!("xl/worksheets/sheet{n}.xml"), xml.clone()));
    }
    if let Some(sst) = shared {
        types.push_str("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
        rels.push_str(&format!(
            "<Relationship Id=\"rIdS\" Type=\"{REL_NS}/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        ));
        parts.push(("xl/sharedStrings.xml".to_string(), sst));
    }
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    let mut all = vec![
        ("[Content_Types].xml".to_string(), types.into_bytes()),
        (
            "_rels/.rels".to_string(),
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"{PKG_REL_NS}\"><Relationship Id=\"rId1\" Type=\"{REL_NS}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>").into_bytes(),
        ),
        ("xl/workbook.xml".to_string(), book.into_bytes()),
        ("xl/_rels/workbook.xml.rels".to_string(), rels.into_bytes()),
    ];
    all.extend(parts);
    all
}

/// Writes a zip of `parts` (deflated; `stored` names the parts kept
/// uncompressed, as the `mimetype` of an `.ods` must be).
fn write_zip(path: &Path, parts: &[(String, Vec<u8>)], stored: &[&str]) {
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    for (name, data) in parts {
        let method = if stored.contains(&name.as_str()) {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .large_file(data.len() > u32::MAX as usize / 2);
        z.start_file(name.as_str(), opts).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap();
}

fn one_sheet(path: &Path, rows: &[(u32, Vec<(u32, Cell)>)], extra: &str) {
    let parts = xlsx_parts(&[("Biểu 1".to_string(), sheet_xml(rows, extra))], None);
    write_zip(path, &parts, &[]);
}

/// Every central-directory and local header of the zip at `path` made to
/// claim an uncompressed size of `size` bytes.
fn lie_about_sizes(path: &Path, size: u32) {
    let mut b = std::fs::read(path).unwrap();
    let mut i = 0;
    while i + 30 <= b.len() {
        match &b[i..i + 4] {
            [0x50, 0x4b, 0x03, 0x04] => b[i + 22..i + 26].copy_from_slice(&size.to_le_bytes()),
            [0x50, 0x4b, 0x01, 0x02] if i + 46 <= b.len() => {
                b[i + 24..i + 28].copy_from_slice(&size.to_le_bytes())
            }
            _ => {}
        }
        i += 1;
    }
    std::fs::write(path, b).unwrap();
}

/// The committed `.xls` fixture with its BIFF records patched to claim
/// what they do not hold: `huge_sst` makes the shared-string table claim
/// 2^31 strings, otherwise the last record before EOF claims 65,535 bytes.
fn lying_biff(huge_sst: bool) -> Vec<u8> {
    let mut d = std::fs::read(repo().join("tests/fixtures/phuong-01.xls")).unwrap();
    let bof = d
        .windows(6)
        .position(|w| w == [9, 8, 16, 0, 0, 6])
        .expect("the fixture's workbook stream starts with a BIFF8 BOF");
    let mut p = bof;
    let mut last = p;
    let mut patched = false;
    while p + 4 <= d.len() {
        let kind = u16::from_le_bytes([d[p], d[p + 1]]);
        let len = u16::from_le_bytes([d[p + 2], d[p + 3]]) as usize;
        if huge_sst && kind == 0x00FC {
            d[p + 4..p + 8].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
            d[p + 8..p + 12].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
            patched = true;
            break;
        }
        if kind == 0x000A && p > bof {
            d[last + 2..last + 4].copy_from_slice(&0xFFFFu16.to_le_bytes());
            patched = true;
            break;
        }
        last = p;
        p += 4 + len;
    }
    assert!(patched, "the fixture has the records to patch");
    d
}

/// An `.ods` whose `content.xml` is `content`.
pub fn ods(path: &Path, content: Vec<u8>) {
    let manifest = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>".to_vec();
    let parts = vec![
        (
            "mimetype".to_string(),
            b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
        ),
        ("META-INF/manifest.xml".to_string(), manifest),
        ("content.xml".to_string(), content),
    ];
    write_zip(path, &parts, &["mimetype"]);
}

pub const ODS_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet><table:table table:name=\"Biểu 1\">";
pub const ODS_TAIL: &str =
    "</table:table></office:spreadsheet></office:body></office:document-content>";

/// The files of the hostile corpus, each with what it is (the name says
/// it in Vietnamese, as a clerk's folder would).
pub fn write_corpus(dir: &Path) -> Vec<&'static str> {
    std::fs::create_dir_all(dir).unwrap();
    let mut names = Vec::new();
    let mut add = |name: &'static str| {
        names.push(name);
        dir.join(name)
    };
    // A good submission beside them: its figures must reach the output.
    one_sheet(&add("phuong-2.xlsx"), &submission_rows("UBND PHƯỜNG 2"), "");

    // 20,000 sheets, none with a table.
    let sheets: Vec<(String, Vec<u8>)> = (1..=20_000)
        .map(|k| {
            let rows = vec![(0, vec![(0, Cell::Text(format!("Trang số {k}")))])];
            (format!("Trang {k}"), sheet_xml(&rows, ""))
        })
        .collect();
    write_zip(
        &add("hai-muoi-nghin-trang.xlsx"),
        &xlsx_parts(&sheets, None),
        &[],
    );

    // A zip that claims its parts are 100 bytes; the sheet is 40 MB.
    let mut big = sheet_xml(&submission_rows("UBND PHƯỜNG 3"), "");
    let tail = big.split_off(big.len() - "</worksheet>".len());
    big.extend(std::iter::repeat_n(b' ', 40_000_000));
    big.extend(tail);
    let path = add("zip-khai-sai.xlsx");
    write_zip(
        &path,
        &xlsx_parts(&[("Biểu 1".to_string(), big)], None),
        &[],
    );
    lie_about_sizes(&path, 100);

    // A sheet whose XML never closes.
    let mut open = sheet_xml(&submission_rows("UBND PHƯỜNG 4"), "");
    open.truncate(open.len() - "</row></sheetData></worksheet>".len());
    write_zip(
        &add("khong-dong-the.xlsx"),
        &xlsx_parts(&[("Biểu 1".to_string(), open)], None),
        &[],
    );

    // 1,000,000 shared strings, the sheet using three of them.
    let mut sst = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{MAIN_NS}\" count=\"1000000\" uniqueCount=\"1000000\">"
    )
    .into_bytes();
    for k in 0..1_000_000 {
        write!(sst, "<si><t>chuỗi {k}</t></si>").unwrap();
    }
    sst.extend_from_slice(b"</sst>");
    let mut rows = submission_rows("UBND PHƯỜNG 5");
    rows.push((8, vec![(2, Cell::Shared(999_999)), (3, Cell::Shared(7))]));
    write_zip(
        &add("trieu-chuoi.xlsx"),
        &xlsx_parts(&[("Biểu 1".to_string(), sheet_xml(&rows, ""))], Some(sst)),
        &[],
    );

    // Formulas 8,000 characters long, with no value: a flat sum and one
    // nested 4,000 parentheses deep.
    let mut rows = submission_rows("UBND PHƯỜNG 6");
    let flat = vec!["1"; 4_000].join("+");
    let deep = format!("{}1{}", "(".repeat(4_000), ")".repeat(4_000));
    rows[3].1[4].1 = Cell::Formula(flat);
    rows[4].1[4].1 = Cell::Formula(deep);
    one_sheet(&add("cong-thuc-dai.xlsx"), &rows, "");

    // A cell of 40,000 characters, in the title where the unit is named.
    let long = "UBND PHƯỜNG KHÔNG CÓ ".repeat(2_000);
    one_sheet(&add("o-qua-dai.xlsx"), &submission_rows(&long), "");

    // A row whose name is 40,000 characters long, in a ward's table.
    let mut rows = submission_rows("UBND PHƯỜNG 9");
    rows.push((
        8,
        vec![
            (1, Cell::Text("XX99".into())),
            (2, Cell::Text("Chỉ tiêu rất dài ".repeat(2_400))),
            (3, Cell::Text("hồ sơ".into())),
            (4, Cell::Number(5.0)),
        ],
    ));
    one_sheet(&add("ten-chi-tieu-dai.xlsx"), &rows, "");

    // One merge over the whole sheet.
    one_sheet(
        &add("gop-ca-trang.xlsx"),
        &submission_rows("UBND PHƯỜNG 7"),
        "<mergeCells count=\"1\"><mergeCell ref=\"A1:XFD1048576\"/></mergeCells>",
    );

    // BIFF records that claim more than they hold.
    std::fs::write(add("biff-sst-khong-lo.xls"), lying_biff(true)).unwrap();
    std::fs::write(add("biff-ban-ghi-dai.xls"), lying_biff(false)).unwrap();

    // .ods: a content.xml of 120 MB, and one row repeated over the whole
    // sheet with a cell repeated over every column.
    let mut bomb = ODS_HEAD.as_bytes().to_vec();
    let row = b"<table:table-row><table:table-cell/></table:table-row>";
    while bomb.len() < 120_000_000 {
        bomb.extend_from_slice(row);
    }
    bomb.extend_from_slice(ODS_TAIL.as_bytes());
    ods(&add("ods-bom-noi-dung.ods"), bomb);
    let repeat = format!(
        "{ODS_HEAD}<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"><text:p>1</text:p></table:table-cell></table:table-row>{ODS_TAIL}"
    );
    ods(&add("ods-lap-lai.ods"), repeat.into_bytes());

    // A directory named like a workbook.
    std::fs::create_dir_all(add("thu-muc.xlsx")).unwrap();
    std::fs::write(dir.join("thu-muc.xlsx").join("ghi-chu.txt"), b"x").unwrap();

    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        // A name that is not UTF-8, holding a good workbook.
        let bad = std::ffi::OsStr::from_bytes(b"phuong-8-\xff\xfe.xlsx");
        one_sheet(&dir.join(bad), &submission_rows("UBND PHƯỜNG 8"), "");
        names.push("phuong-8-\u{fffd}\u{fffd}.xlsx");
        // A link back up the folder.
        std::fs::create_dir_all(dir.join("con")).unwrap();
        std::os::unix::fs::symlink("..", dir.join("con").join("len")).unwrap();
        names.push("con/len");
        // A named pipe: opening it would wait for a writer forever.
        let fifo = dir.join("ong-dan.xlsx");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            names.push("ong-dan.xlsx");
        }
    }
    names
}

/// Runs `tonghop` with `args` under a memory limit of `mb` MB of address
/// space (the shell's `ulimit -v`); the exit code, stdout and stderr.
fn limited(args: &[&std::ffi::OsStr], mb: u64) -> (Option<i32>, String, String) {
    let bin = assert_cmd::cargo::cargo_bin("tonghop");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {} && exec \"$0\" \"$@\"", mb * 1024))
        .arg(bin)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Address space allowed to each run: resident memory stays far lower,
/// but each reading thread reserves its stack and allocator arena.
const MEMORY_MB: u64 = 3_000;

#[test]
#[ignore = "writes tests/fixtures/hostile/ to open the files by hand"]
fn write_the_corpus() {
    let dir = repo().join("tests/fixtures/hostile/corpus");
    let _ = std::fs::remove_dir_all(&dir);
    write_corpus(&dir);
}

/// The messages of the findings about `file` (its path in the folder).
fn about<'a>(findings: &'a [Value], file: &str) -> Vec<(&'a str, &'a str)> {
    findings
        .iter()
        .filter(|f| f["file"].as_str() == Some(file))
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default(),
                f["message"].as_str().unwrap_or_default(),
            )
        })
        .collect()
}

/// The one finding of `code` about `file`; its message.
fn reason<'a>(findings: &'a [Value], file: &str, code: &str) -> &'a str {
    let found: Vec<&str> = about(findings, file)
        .into_iter()
        .filter(|(c, _)| *c == code)
        .map(|(_, m)| m)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{file}: {code}: {:?}",
        about(findings, file)
    );
    found[0]
}

/// The `actual` of the one finding of `code` about `file`: a file's
/// reason as ingest gave it.
fn actual<'a>(findings: &'a [Value], file: &str, code: &str) -> &'a str {
    let found: Vec<&Value> = findings
        .iter()
        .filter(|f| f["file"].as_str() == Some(file) && f["code"].as_str() == Some(code))
        .collect();
    assert_eq!(found.len(), 1, "{file}: {code}");
    found[0]["actual"].as_str().unwrap_or_default()
}

/// The figure of `code`/`column` of unit `unit` in the detail sheet.
fn figure(out: &Path, code: &str, column: &str, unit: &str) -> String {
    let rows = read_sheet(&out.join("tong-hop.xlsx"), "Chi tiết theo đơn vị");
    let col = rows[0].iter().position(|h| h == unit).expect("unit column");
    rows.iter()
        .find(|r| r[0] == code && r[3] == column)
        .map(|r| r[col].clone())
        .expect("indicator row")
}

fn run_limited(args: &[&std::ffi::OsStr]) -> (Option<i32>, String, String) {
    let (code, stdout, stderr) = limited(args, MEMORY_MB);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("fatal runtime error"),
        "{args:?}: {stderr}"
    );
    (code, stdout, stderr)
}

#[test]
fn the_hostile_corpus_takes_no_command_down() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    let names = write_corpus(&dir);
    let out = tmp.path().join("out");
    let os = |s: &'static str| std::ffi::OsStr::new(s);
    let (code, stdout, stderr) = run_limited(&[
        os("consolidate"),
        dir.as_os_str(),
        os("--period"),
        os("2020-Q1"),
        os("--out"),
        out.as_os_str(),
    ]);
    assert_eq!(code, Some(1), "consolidate: {stdout}\n{stderr}");
    for f in ["tong-hop.xlsx", "errors.csv", "errors.json"] {
        assert!(out.join(f).is_file(), "{f} written; {stderr}");
    }
    let findings = read_findings(&out.join("errors.json"));
    // Every input is accounted for.
    for name in &names {
        assert!(
            !about(&findings, name).is_empty(),
            "{name} is named in the findings"
        );
    }
    // What could be read is consolidated, whatever lies beside it.
    assert_eq!(figure(&out, "HC02", "TH", "Phường 2"), "30");
    assert_eq!(figure(&out, "HC02", "TH", "Phường 5"), "30");
    assert_eq!(figure(&out, "HC02", "TH", "Phường 8"), "30");
    assert_eq!(figure(&out, "HC03", "TH", "Phường 7"), "20");
    // The flat chain of 4,000 additions is evaluated; the formula nested
    // 4,000 deep is beyond Excel and stays uncomputed, with that reason.
    assert_eq!(figure(&out, "HC02", "TH", "Phường 6"), "4000");
    let deep = reason(&findings, "cong-thuc-dai.xlsx", "value-uncomputed");
    assert!(deep.contains("64 cấp"), "{deep}");
    assert!(deep.chars().count() < 1_000, "the formula is quoted short");
    // Each unreadable file with its own reason: the reason as ingest gave
    // it is `actual` in English, in plain words where it carried a
    // reading library's message (as in Vietnamese).
    let out_en = tmp.path().join("out-en");
    let (code, stdout, stderr) = run_limited(&[
        os("consolidate"),
        dir.as_os_str(),
        os("--period"),
        os("2020-Q1"),
        os("--lang"),
        os("en"),
        os("--out"),
        out_en.as_os_str(),
    ]);
    assert_eq!(code, Some(1), "consolidate --lang en: {stdout}\n{stderr}");
    let findings_en = read_findings(&out_en.join("errors.json"));
    let unreadable = |file: &str, says: &str| {
        let m = actual(&findings_en, file, "file-unreadable");
        assert!(m.contains(says), "{file}: {m}");
    };
    unreadable("hai-muoi-nghin-trang.xlsx", "no indicator table");
    unreadable("zip-khai-sai.xlsx", "larger than the file itself declares");
    unreadable(
        "khong-dong-the.xlsx",
        "» of the file is damaged and cannot be read",
    );
    unreadable(
        "biff-ban-ghi-dai.xls",
        "the file is damaged or incomplete; the spreadsheet reader cannot read it",
    );
    unreadable("ods-bom-noi-dung.ods", "every sheet came out empty");
    unreadable("ods-lap-lai.ods", "a sheet has too many cells");
    let unknown = reason(&findings, "o-qua-dai.xlsx", "file-unknown-unit");
    assert!(unknown.chars().count() < 1_000, "{}", unknown.len());
    let skipped = |file: &str, says: &str| {
        let m = actual(&findings_en, file, "file-skipped");
        assert!(m.contains(says), "{file}: {m}");
    };
    skipped("thu-muc.xlsx", "folder");
    skipped("con/len", "link back");
    if names.contains(&"ong-dan.xlsx") {
        skipped("ong-dan.xlsx", "named pipe");
    }
    // The 20,000 sheets are named by the first few.
    let many = actual(&findings_en, "hai-muoi-nghin-trang.xlsx", "file-unreadable");
    assert!(many.contains("Trang 20 and 19,980 more sheets"), "{many}");
    // The error lists keep whole what a cell of a workbook cuts: the
    // 40,000-character row name quoted in its finding.
    let long = reason(&findings, "ten-chi-tieu-dai.xlsx", "indicator-unknown");
    assert!(long.chars().count() > 40_000);
    let cut = |book: &Path, sheet: &str| {
        let rows = read_sheet(book, sheet);
        let cell = rows
            .iter()
            .flatten()
            .find(|c| c.starts_with("Dòng «Chỉ tiêu rất dài"))
            .cloned()
            .unwrap_or_else(|| panic!("the finding is on {sheet} of {}", book.display()));
        assert_eq!(cell.encode_utf16().count(), 32_767);
        assert!(cell.ends_with('…'));
        assert!(long.starts_with(cell.trim_end_matches('…')));
    };
    cut(&out.join("tong-hop.xlsx"), "Lỗi");
    cut(&out.join("phan-hoi").join("P09.xlsx"), "Lỗi");
    // A feedback workbook for every unit that sent a readable file.
    for unit in ["P02", "P05", "P06", "P07", "P08", "P09"] {
        assert!(
            out.join("phan-hoi").join(format!("{unit}.xlsx")).is_file(),
            "{unit}"
        );
    }

    // `check`, file by file: a finding for each, never a crash.
    for name in names
        .iter()
        .filter(|n| !n.contains('/') && !n.contains('\u{fffd}'))
    {
        let path = dir.join(name);
        let (code, stdout, stderr) = run_limited(&[os("check"), path.as_os_str()]);
        if path.is_file() {
            assert!(
                matches!(code, Some(0 | 1)),
                "check {name}: {code:?} {stdout} {stderr}"
            );
            assert!(stdout.contains(name), "check {name}: {stdout}");
        } else {
            // A folder or a pipe is not a workbook to check: refused
            // without being opened (a pipe would block).
            assert_eq!(code, Some(2), "check {name}: {stdout} {stderr}");
        }
    }

    // `annex` over the same folder: every file named, the annex written.
    let annex_out = tmp.path().join("annex");
    let (code, stdout, stderr) = run_limited(&[
        os("annex"),
        dir.as_os_str(),
        os("--period"),
        os("2020-Q2"),
        os("--out"),
        annex_out.as_os_str(),
    ]);
    assert_eq!(code, Some(1), "annex: {stdout}\n{stderr}");
    assert!(annex_out.join("phu-luc.xlsx").is_file());
    let annex_findings = read_findings(&annex_out.join("errors.json"));
    for name in &names {
        assert!(
            !about(&annex_findings, name).is_empty(),
            "annex: {name} is named in the findings"
        );
    }
}

/// A registry with more units than a sheet has columns: the detail sheet
/// is split into sheets that hold what one sheet would, and the next
/// quarter's `--previous` reads every part. (Excel's 16,384 columns would
/// need 16,380 units; the split is tested at 12 columns, 7 units a sheet,
/// through the same code.)
#[test]
fn a_detail_sheet_wider_than_a_sheet_is_split_and_read_back_whole() {
    use tonghop::commands::consolidate::{
        run_consolidation, write_consolidated_workbook, Config, ConsolidateArgs,
    };
    let tmp = tempfile::tempdir().unwrap();
    let args = ConsolidateArgs {
        dir: repo().join("samples/2020-Q1"),
        period: "2020-Q1".parse().unwrap(),
        out: tmp.path().to_path_buf(),
        template: None,
        lang: tonghop::diagnostic::Lang::Vi,
        locale: tonghop::number::NumberLocale::Vi,
        force: true,
        previous: None,
    };
    let config = Config::resolve(args).unwrap();
    let c = run_consolidation(&config).unwrap();
    let whole = tmp.path().join("whole").join("tong-hop.xlsx");
    let split = tmp.path().join("split").join("tong-hop.xlsx");
    for p in [&whole, &split] {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    }
    write_consolidated_workbook(&config, &c, &whole, 16_384).unwrap();
    write_consolidated_workbook(&config, &c, &split, 12).unwrap();

    let one = read_sheet(&whole, "Chi tiết theo đơn vị");
    let units = one[0].len() - 5;
    assert!(units > 20, "the sample batch has {units} units");
    let parts = units.div_ceil(7);
    // Each part: code, name, unit, column, its units and the total.
    let mut seen: Vec<String> = Vec::new();
    for k in 1..=parts {
        let name = match k {
            1 => "Chi tiết theo đơn vị".to_string(),
            _ => format!("Chi tiết theo đơn vị ({k})"),
        };
        let part = read_sheet(&split, &name);
        assert!(part[0].len() <= 12, "{name}: {} columns", part[0].len());
        assert_eq!(part.len(), one.len(), "{name}: every indicator row");
        for (c, header) in part[0].iter().enumerate().skip(4) {
            if header == "Tổng cộng" {
                // The total is the same on every part.
                let t = one[0].iter().position(|h| h == "Tổng cộng").unwrap();
                for (r, row) in part.iter().enumerate() {
                    assert_eq!(row[c], one[r][t], "{name} row {r}: the total");
                }
                continue;
            }
            seen.push(header.clone());
            let w = one[0].iter().position(|h| h == header).unwrap();
            for (r, row) in part.iter().enumerate() {
                assert_eq!(row[c], one[r][w], "{name} row {r}: {header}");
            }
        }
    }
    let mut all: Vec<String> = one[0][4..]
        .iter()
        .filter(|h| *h != "Tổng cộng")
        .cloned()
        .collect();
    all.sort();
    seen.sort();
    assert_eq!(seen, all, "every unit on one part");
    // The next quarter reads the same LK figures from either.
    let t = &config.template;
    let a = tonghop::reconcile::cumulative::read_previous(whole.parent().unwrap(), t).unwrap();
    let b = tonghop::reconcile::cumulative::read_previous(split.parent().unwrap(), t).unwrap();
    assert!(a.lk.len() > 100);
    let mut a: Vec<_> = a.lk.into_iter().collect();
    let mut b: Vec<_> = b.lk.into_iter().collect();
    a.sort_by_key(|(k, _)| *k);
    b.sort_by_key(|(k, _)| *k);
    assert_eq!(a, b);
}
