//! Files as other programs write them (tester CJ): a TCVN3 CSV whose unit
//! column is headed by an abbreviation, Excel's «Văn bản Unicode (*.txt)»,
//! a number under a date format; and `check`'s advice spoken to the clerk
//! who runs it. Each with its near miss.

use crate::checks::write_template;
use crate::common::{read_sheet, tonghop};
use crate::trust::{listed, one_row_header, run, write_sheet, Cell};
use serde_json::Value;
use std::path::Path;

/// Text as a legacy 8-bit file holds it: each character below U+0100 as
/// its byte (TCVN3 text as Excel shows it is such characters).
fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
        .collect()
}

/// Phường 5's report as a TCVN3 CSV: its unit column headed `unit_header`
/// («®vt», đvt), NS02 (in triệu đồng in the template) written in đồng.
fn tcvn3_csv(unit_header: &str) -> Vec<u8> {
    latin1(&format!(
        "UBND Ph\u{ad}êng 5,,,,\r\n\
         B¸O C¸O Sè LIÖU 3 th¸ng ®Çu n¨m 2020,,,,\r\n\
         ,,,,\r\n\
         TT,ChØ tiªu,{unit_header},TH quý,Lòy kÕ\r\n\
         1,Hå s¬ thñ tôc hµnh chÝnh ®· gi¶i quyÕt,hå s¬,30,30\r\n\
         2,TiÒn ph¹t vi ph¹m hµnh chÝnh,®ång,\"8.000.000\",\"8.000.000\"\r\n"
    ))
}

/// The detail sheet's figure for (indicator, column) of `unit`.
fn figure(out: &Path, code: &str, column: &str, unit: &str) -> String {
    let detail = read_sheet(&out.join("tong-hop.xlsx"), "Chi tiết theo đơn vị");
    let col = detail[0]
        .iter()
        .position(|h| h == unit)
        .unwrap_or_else(|| panic!("no column {unit} in {:?}", detail[0]));
    detail
        .iter()
        .find(|r| r[0] == code && r[3] == column)
        .map(|r| r[col].clone())
        .unwrap_or_default()
}

/// `check --json` on `file` with the template `tpl`: the findings and the
/// terminal text of a second run without `--json`.
fn check(file: &Path, tpl: &Path) -> (Vec<Value>, String) {
    let json = tonghop()
        .arg("check")
        .arg(file)
        .args(["--period", "2020-Q1", "--json", "--template"])
        .arg(tpl)
        .output()
        .unwrap();
    let text = tonghop()
        .arg("check")
        .arg(file)
        .args(["--period", "2020-Q1", "--template"])
        .arg(tpl)
        .output()
        .unwrap();
    (
        serde_json::from_slice(&json.stdout).unwrap(),
        String::from_utf8_lossy(&text.stdout).into_owned(),
    )
}

/// Regression (tester CJ, phuong-13.csv): in a TCVN3 CSV the unit column's
/// header «®vt» (đvt) is no Vietnamese syllable, so it stayed raw, the
/// column was not read as the unit column, 8.000.000 đồng was added as
/// triệu đồng and the `unit-mismatch` was missed. «§VT» (ĐVT in .VnTime's
/// capital) the same. The near miss: a Unicode CSV's «Công ty ABC®» stays.
#[test]
fn a_tcvn3_csv_reads_its_unit_column_headed_by_an_abbreviation() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    for (k, header) in ["®vt", "§VT"].into_iter().enumerate() {
        let dir = tmp.path().join(format!("in-{k}"));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("phuong-05.csv");
        std::fs::write(&file, tcvn3_csv(header)).unwrap();
        let out = tmp.path().join(format!("out-{k}"));
        let findings = run(&dir, &out, &tpl, "2020-Q1");
        assert_eq!(
            listed(
                &findings,
                &["unit-mismatch", "value-invalid", "column-ignored"]
            ),
            ["warning|unit-mismatch|P05|C6|NS02||triệu đồng|đồng"],
            "{header}"
        );
        assert_eq!(figure(&out, "NS02", "TH", "Phường 5"), "8", "{header}");
        assert_eq!(figure(&out, "HC02", "TH", "Phường 5"), "30", "{header}");
        // `check` says the same, and quotes no raw TCVN3 text.
        let (said, text) = check(&file, &tpl);
        assert_eq!(
            listed(&said, &["unit-mismatch", "column-ignored"]),
            ["warning|unit-mismatch|P05|C6|NS02||triệu đồng|đồng"]
        );
        assert!(!text.contains(header) && !text.contains("®"), "{text}");
    }
    // The near miss: a Unicode file's registered mark is no TCVN3 đ.
    let dir = tmp.path().join("in-unicode");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("phuong-05.csv"),
        "UBND Phường 5,,,,\r\nBÁO CÁO SỐ LIỆU QUÝ I/2020,,,,\r\n,,,,\r\n\
         TT,Chỉ tiêu,ĐVT,TH quý,Lũy kế\r\n\
         1,Hồ sơ thủ tục hành chính đã giải quyết,hồ sơ,30,30\r\n\
         2,Công ty ABC®,hồ sơ,4,4\r\n",
    )
    .unwrap();
    let out = tmp.path().join("out-unicode");
    let findings = run(&dir, &out, &tpl, "2020-Q1");
    let unknown: Vec<&str> = findings
        .iter()
        .filter(|f| f["code"] == "indicator-unknown")
        .map(|f| f["actual"].as_str().unwrap())
        .collect();
    assert_eq!(unknown, ["Công ty ABC®"], "{findings:#?}");
}

/// Phường 7's report as Excel saves it as «Văn bản Unicode (*.txt)»:
/// UTF-16 LE with a byte order mark, columns separated by tabs, every row
/// padded to the sheet's width.
fn unicode_text(rows: &[&str]) -> Vec<u8> {
    let text: String = rows.iter().map(|r| format!("{r}\r\n")).collect();
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    bytes
}

/// Regression (tester CJ): a ward's report saved by Excel as «Unicode
/// Text» (.txt) was skipped «không phải bảng tính» and the ward called
/// missing, though the same bytes named .tsv were read. A .txt that is a
/// tab-separated table is now read as a .tsv is; a .txt of prose stays
/// skipped with what to do. A ward whose only file was skipped (a note in
/// .txt, a Word document) is named on its status line as having sent it,
/// and its feedback says what came. Near misses: a .txt naming no ward
/// is charged to none; prose with a tab on a line is no table.
#[test]
fn excel_unicode_text_is_read_and_a_ward_sending_no_workbook_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("Phuong 1 - bao cao.txt"),
        unicode_text(&[
            "UBND PHƯỜNG 1\t\t\t\t\t",
            "BIỂU SỐ LIỆU QUÝ I/2020\t\t\t\t\t",
            "STT\tMã số\tChỉ tiêu\tĐVT\tThực hiện quý\tLũy kế",
            "1\tHC02\tHồ sơ thủ tục hành chính đã giải quyết\thồ sơ\t30\t30",
            "2\tHC03\tTrong đó: giải quyết đúng hạn\thồ sơ\t20\t20",
            "3\tHC04\tTrong đó: giải quyết trễ hạn\thồ sơ\t10\t10",
        ]),
    )
    .unwrap();
    std::fs::write(
        dir.join("Phuong 2 ghi chu.txt"),
        "Phường 2 xin gửi báo cáo chậm\tdo mất điện.\r\nTrân trọng.\t\r\n",
    )
    .unwrap();
    std::fs::write(dir.join("Phuong 3 bao cao.docx"), b"PK\x03\x04").unwrap();
    std::fs::write(dir.join("ghi chu.txt"), "Nhận đủ báo cáo ngày 5/4.\r\n").unwrap();
    let out = tmp.path().join("out");
    let findings = run(&dir, &out, &tpl, "2020-Q1");
    // Phường 1's Unicode Text is read as its .tsv would be.
    assert_eq!(figure(&out, "HC02", "TH", "Phường 1"), "30");
    assert_eq!(figure(&out, "HC04", "LK", "Phường 1"), "10");
    let text_reason = "tệp văn bản (.txt) không có bảng số liệu (không có các cột cách nhau bằng dấu tab), không phải bảng tính";
    let word = "tệp là văn bản Word, không phải bảng tính Excel";
    let mut said: Vec<String> = findings
        .iter()
        .filter(|f| ["file-skipped", "submission-missing"].contains(&f["code"].as_str().unwrap()))
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            [s("severity"), s("code"), s("unit"), s("file"), s("actual")].join("|")
        })
        .collect();
    said.sort();
    assert_eq!(
        said,
        [
            "error|submission-missing|P02||Phuong 2 ghi chu.txt".to_string(),
            "error|submission-missing|P03||Phuong 3 bao cao.docx".into(),
            "error|submission-missing|P04||".into(),
            "error|submission-missing|P05||".into(),
            "error|submission-missing|P06||".into(),
            "error|submission-missing|VP||".into(),
            format!("info|file-skipped||Phuong 2 ghi chu.txt|{text_reason}"),
            format!("info|file-skipped||Phuong 3 bao cao.docx|{word}"),
            format!("info|file-skipped||ghi chu.txt|{text_reason}"),
        ]
    );
    let skipped = findings
        .iter()
        .find(|f| f["file"] == "ghi chu.txt")
        .unwrap();
    assert_eq!(
        skipped["message"],
        format!("Bỏ qua tệp ghi chu.txt: {text_reason}. Nếu đây là báo cáo, hãy xin đơn vị gửi bảng tính Excel (.xlsx) của báo cáo; tệp .txt chỉ đọc được khi lưu từ Excel dạng «Văn bản Unicode (*.txt)».")
    );
    let lines: Vec<String> = read_sheet(&out.join("tong-hop.xlsx"), "Tình trạng nộp")
        .iter()
        .skip(3)
        .filter(|r| ["P01", "P02", "P03", "P04"].contains(&r[1].as_str()))
        .map(|r| [&r[1], &r[3], &r[4], &r[8]].map(String::as_str).join("|"))
        .collect();
    // The units that sent nothing usable first (each an error).
    assert_eq!(
        lines,
        [
            format!(
                "P02||chưa nộp|đã gửi tệp Phuong 2 ghi chu.txt nhưng không đọc được: {text_reason}"
            ),
            format!("P03||chưa nộp|đã gửi tệp Phuong 3 bao cao.docx nhưng không đọc được: {word}"),
            "P04||chưa nộp|".into(),
            "P01|Phuong 1 - bao cao.txt|đã nộp|".into(),
        ]
    );
    // Phường 3's feedback: what came, and what to send.
    let feedback = read_sheet(&out.join("phan-hoi/P03.xlsx"), "Lỗi");
    assert_eq!(
        feedback[1][10],
        format!("Văn phòng đã nhận tệp Phuong 3 bao cao.docx mang tên Phường 3 gửi báo cáo quý I/2020 nhưng không đọc được: {word}. Báo cáo của Phường 3 chưa được tổng hợp. Đề nghị Phường 3 gửi bảng tính Excel (.xlsx) của báo cáo theo biểu mẫu của kỳ này.")
    );
    // A ward that sent nothing is still told so.
    let feedback = read_sheet(&out.join("phan-hoi/P04.xlsx"), "Lỗi");
    assert!(
        feedback[1][10].starts_with("Văn phòng chưa nhận được báo cáo"),
        "{feedback:?}"
    );
}

/// What Excel writes for a workbook with a password: an OLE compound
/// file holding an `EncryptedPackage` stream (here empty). One FAT sector,
/// one directory sector: the root and the stream.
fn encrypted_xlsx() -> Vec<u8> {
    const FREE: u32 = 0xFFFF_FFFF;
    const END: u32 = 0xFFFF_FFFE;
    let mut f = vec![0u8; 512 * 3];
    let put = |f: &mut Vec<u8>, at: usize, v: &[u8]| f[at..at + v.len()].copy_from_slice(v);
    put(&mut f, 0, &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    put(&mut f, 24, &0x3Eu16.to_le_bytes());
    put(&mut f, 26, &3u16.to_le_bytes());
    put(&mut f, 28, &0xFFFEu16.to_le_bytes());
    put(&mut f, 30, &9u16.to_le_bytes());
    put(&mut f, 32, &6u16.to_le_bytes());
    put(&mut f, 44, &1u32.to_le_bytes()); // FAT sectors
    put(&mut f, 48, &1u32.to_le_bytes()); // first directory sector
    put(&mut f, 56, &4096u32.to_le_bytes());
    put(&mut f, 60, &END.to_le_bytes()); // no mini FAT
    put(&mut f, 68, &END.to_le_bytes()); // no DIFAT sector
    for i in 0..109 {
        let v = if i == 0 { 0 } else { FREE };
        put(&mut f, 76 + 4 * i, &v.to_le_bytes());
    }
    // FAT: sector 0 is the FAT, sector 1 the directory's only sector.
    put(&mut f, 512, &0xFFFF_FFFDu32.to_le_bytes());
    put(&mut f, 516, &END.to_le_bytes());
    for i in 2..128 {
        put(&mut f, 512 + 4 * i, &FREE.to_le_bytes());
    }
    let entry = |f: &mut Vec<u8>, k: usize, name: &str, kind: u8, child: u32| {
        let at = 1024 + 128 * k;
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        put(f, at, &utf16);
        put(f, at + 64, &((utf16.len() + 2) as u16).to_le_bytes());
        f[at + 66] = kind;
        f[at + 67] = 1; // black
        put(f, at + 68, &FREE.to_le_bytes());
        put(f, at + 72, &FREE.to_le_bytes());
        put(f, at + 76, &child.to_le_bytes());
        put(f, at + 116, &END.to_le_bytes());
    };
    entry(&mut f, 0, "Root Entry", 5, 1);
    entry(&mut f, 1, "EncryptedPackage", 2, FREE);
    for k in 2..4 {
        let at = 1024 + 128 * k;
        for o in [68, 72, 76] {
            put(&mut f, at + o, &FREE.to_le_bytes());
        }
    }
    f
}

/// Regression (tester CJ): `check` is the clerk's own tool, yet an
/// encrypted workbook was met with «Hãy xin đơn vị gỡ mật khẩu…», the
/// office's words. `check` now speaks to the clerk; `consolidate` keeps
/// the office's advice (the near miss).
#[test]
fn check_advises_the_clerk_who_runs_it() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("phuong-05.xlsx");
    std::fs::write(&file, encrypted_xlsx()).unwrap();
    let (said, text) = check(&file, &tpl);
    assert_eq!(said.len(), 1, "{said:#?}");
    assert_eq!(said[0]["code"], "file-unreadable");
    let message = said[0]["message"].as_str().unwrap();
    assert!(
        message.ends_with("Hãy gỡ mật khẩu (Excel: Tệp > Thông tin > Bảo vệ sổ làm việc), lưu lại rồi kiểm tra lại trước khi gửi."),
        "{message}"
    );
    assert!(!text.contains("xin đơn vị"), "{text}");
    // The office is still told to ask the unit.
    let findings = run(&dir, &tmp.path().join("out"), &tpl, "2020-Q1");
    let office = findings
        .iter()
        .find(|f| f["code"] == "file-unreadable")
        .unwrap();
    assert!(
        office["message"].as_str().unwrap().ends_with(
            "Hãy xin đơn vị gỡ mật khẩu (Excel: Tệp > Thông tin > Bảo vệ sổ làm việc) rồi gửi lại."
        ),
        "{office:#?}"
    );
}

/// Regression (tester CJ, p06-date-format.xlsx): a cell holding 2 under a
/// date format prints «02/01/1900»; it was told «ghi «02/01/1900», không
/// phải là số», as if the clerk had typed a date. It is now told the
/// number it holds and to format it as a number, still an error (the
/// printout shows a date), expected 2. The near miss: 2 under a number
/// format is a figure.
#[test]
fn a_number_under_a_date_format_is_told_as_the_number_it_holds() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    write_template(&tpl, "");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let labels = [("Thực hiện quý", 1), ("Lũy kế từ đầu năm", 1)];
    write_sheet(
        &dir.join("phuong-06.xlsx"),
        "UBND PHƯỜNG 6",
        "QUÝ I/2020",
        &one_row_header(&labels),
        &[
            (
                "HC02",
                "Hồ sơ thủ tục hành chính đã giải quyết",
                "hồ sơ",
                vec![Cell::N(5.0, None), Cell::N(5.0, None)],
            ),
            (
                "HC03",
                "Trong đó: giải quyết đúng hạn",
                "hồ sơ",
                vec![
                    Cell::N(2.0, Some("dd/mm/yyyy")),
                    Cell::N(2.0, Some("#,##0")),
                ],
            ),
            (
                "HC04",
                "Trong đó: giải quyết trễ hạn",
                "hồ sơ",
                vec![Cell::N(3.0, None), Cell::N(3.0, None)],
            ),
        ],
    );
    let out = tmp.path().join("out");
    let findings = run(&dir, &out, &tpl, "2020-Q1");
    assert_eq!(
        listed(&findings, &["value-invalid"]),
        ["error|value-invalid|P06|E8|HC03|TH|2|02/01/1900"]
    );
    let f = findings
        .iter()
        .find(|f| f["code"] == "value-invalid")
        .unwrap();
    assert_eq!(
        f["message"],
        "Phường 6: Ô E8 (chỉ tiêu HC03 «Trong đó: giải quyết đúng hạn», cột TH) chứa số 2 nhưng được định dạng kiểu ngày tháng, nên hiện và in ra «02/01/1900». Hãy đổi định dạng ô sang Số (chuột phải > Định dạng ô > Số); nếu đây đúng là ngày tháng, hãy ghi số liệu của chỉ tiêu thay vào."
    );
    // The near miss: LK's 2 under «#,##0» is read.
    assert_eq!(figure(&out, "HC03", "LK", "Phường 6"), "2");
    assert_eq!(figure(&out, "HC03", "TH", "Phường 6"), "");
}
