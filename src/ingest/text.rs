//! Spreadsheets that are text: what web systems export under an `.xls`
//! name. An HTML page with tables, CSV or TSV (UTF-8, UTF-8 with a BOM,
//! UTF-16 "Unicode Text", or Windows-1258/1252 legacy text), an Excel 2003
//! XML Spreadsheet, or a SYLK file. Each is recognised by its content and
//! read into [`SheetGrid`]s, so that the rest of the pipeline cannot tell
//! them from a real workbook.
//!
//! ```text
//! <table>                              sheet "Bảng 1"
//!   <tr><td rowspan=2>A</td><td>B</td>    A │ B     A1:A2 merged
//!   <tr><td>C</td>                        · │ C
//! ```
//!
//! HTML goes through `scraper` (html5ever, the browser-grade parser of the
//! Servo project), CSV through `csv`, XML through `quick-xml`; numbers stay
//! text (the number parser reads them with the locale), except the raw
//! values Excel's HTML export keeps in `x:num` attributes and the typed
//! cells of XML spreadsheets.

use super::sheet::SheetGrid;
use calamine::{Data, Dimensions, Range};
use std::borrow::Cow;

/// A sheet of a text spreadsheet, with its formulas when the format keeps
/// them.
/// The name a CSV, TSV or SYLK table's one sheet is read under, until
/// [`crate::ingest::OpenWorkbook::named_after`] names it after its file.
pub const DELIMITED_SHEET: &str = "Sheet1";

pub type TextSheet = (SheetGrid, Option<Range<String>>);

/// What kind of text a file holds, from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    Html,
    XmlSpreadsheet,
    Sylk,
    Delimited,
}

/// Decodes bytes to text: BOMs first, then UTF-8, then the legacy
/// Windows code page that fits (1258 Vietnamese when the text uses its
/// letters or tone marks, else 1252 Western). A `charset` declared in an
/// HTML `<meta>` wins over guessing.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes.get(bom..).unwrap_or_default());
        return text;
    }
    // UTF-16 without BOM: every other byte zero in the first characters.
    let head = bytes.get(..64.min(bytes.len())).unwrap_or_default();
    if head.len() >= 8 && head.iter().skip(1).step_by(2).all(|&b| b == 0) {
        return encoding_rs::UTF_16LE.decode_without_bom_handling(bytes).0;
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(s);
    }
    if let Some(enc) = declared_charset(bytes) {
        return enc.decode_without_bom_handling(bytes).0;
    }
    // Windows-1258 spells ă â đ ê ô ơ ư with their own bytes and the
    // tones as combining bytes; 1252 has Western letters there instead.
    let vietnamese = bytes
        .iter()
        .filter(|&&b| {
            matches!(
                b,
                0xE3 | 0xC3
                    | 0xF0
                    | 0xD0
                    | 0xF5
                    | 0xD5
                    | 0xFD
                    | 0xDD
                    | 0xCC
                    | 0xEC
                    | 0xD2
                    | 0xDE
                    | 0xF2
            )
        })
        .count();
    let enc = if vietnamese * 50 >= bytes.iter().filter(|&&b| b >= 0x80).count() * 20 {
        encoding_rs::WINDOWS_1258
    } else {
        encoding_rs::WINDOWS_1252
    };
    let text = enc.decode_without_bom_handling(bytes).0;
    // 1258 writes tones as combining marks: compose them.
    use unicode_normalization::UnicodeNormalization;
    Cow::Owned(text.nfc().collect())
}

/// `<meta charset=…>` or `content="text/html; charset=…"` in the first
/// kilobytes of an HTML file.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(bytes.get(..4096.min(bytes.len()))?).to_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head
        .get(at..)?
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// Says which text format the (decoded) start of a file is, if any.
pub fn kind_of(text: &str) -> Option<TextKind> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let lower: String = t.chars().take(2048).collect::<String>().to_lowercase();
    if lower.starts_with("<?xml") || lower.starts_with("<workbook") {
        return (lower.contains("urn:schemas-microsoft-com:office:spreadsheet")
            || lower.contains("<workbook"))
        .then_some(TextKind::XmlSpreadsheet);
    }
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<table")
        || lower.starts_with("<meta")
        || lower.starts_with("<head")
        || lower.starts_with("<body")
        || lower.starts_with("<!--") && lower.contains("<table")
        || lower.contains("<table")
    {
        return Some(TextKind::Html);
    }
    if t.starts_with("ID;") {
        return Some(TextKind::Sylk);
    }
    // Delimited text: printable, with a separator on the first line, or
    // rows of the same number of fields under title lines without one
    // ("UBND PHƯỜNG 6", "BÁO CÁO … QUÝ II NĂM 2024", then the table).
    let printable = t
        .chars()
        .take(2048)
        .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'));
    let first = t.lines().next().unwrap_or("");
    if printable
        && !t.is_empty()
        && ([',', ';', '\t'].iter().any(|d| first.contains(*d)) || has_rows_of_fields(t))
    {
        return Some(TextKind::Delimited);
    }
    None
}

/// True when two of the first lines split into the same number (three or
/// more) of fields by one separator: the rows of a table, which a title
/// above them does not hide. A sentence or two with commas rarely does.
fn has_rows_of_fields(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    [',', ';', '\t'].iter().any(|&d| {
        let mut counts: Vec<usize> = lines
            .iter()
            .map(|l| l.matches(d).count())
            .filter(|&n| n >= 2)
            .collect();
        counts.sort_unstable();
        counts.windows(2).any(|w| w[0] == w[1])
    })
}

/// Reads a text spreadsheet into sheets.
///
/// # Errors
/// A plain reason when nothing table-like is inside, or when a table is
/// larger than `max_cells`.
pub fn read_text(kind: TextKind, text: &str, max_cells: u64) -> Result<Vec<TextSheet>, String> {
    let sheets = match kind {
        TextKind::Html => read_html(text, max_cells)?,
        TextKind::Delimited => read_delimited(text, max_cells)?,
        TextKind::XmlSpreadsheet => read_xml_spreadsheet(text, max_cells)?,
        TextKind::Sylk => read_sylk(text, max_cells)?,
    };
    if sheets.is_empty() {
        return Err(match kind {
            TextKind::Html => "the file is a web page (HTML) without any table".into(),
            _ => "the file holds no table".into(),
        });
    }
    Ok(sheets)
}

/// Cells set one by one, merges and a cell limit kept, turned into a grid.
#[derive(Default)]
struct Builder {
    cells: Vec<(u32, u32, Data)>,
    formulas: Vec<(u32, u32, String)>,
    merges: Vec<Dimensions>,
    rows: u32,
    cols: u32,
}

impl Builder {
    fn set(&mut self, row: u32, col: u32, v: Data, max_cells: u64) -> Result<(), String> {
        self.rows = self.rows.max(row.saturating_add(1));
        self.cols = self.cols.max(col.saturating_add(1));
        if self.rows as u64 * self.cols as u64 > max_cells {
            return Err(format!(
                "a table spans {} rows × {} columns, more than the limit of {max_cells} cells (limits.max_cells in the template)",
                self.rows, self.cols
            ));
        }
        if !matches!(&v, Data::String(s) if s.is_empty()) && v != Data::Empty {
            self.cells.push((row, col, v));
        }
        Ok(())
    }

    fn finish(self, name: String) -> TextSheet {
        if self.rows == 0 || self.cols == 0 {
            return (SheetGrid::new(name, Range::empty(), Vec::new()), None);
        }
        let mut range = Range::new((0, 0), (self.rows - 1, self.cols - 1));
        for (r, c, v) in self.cells {
            range.set_value((r, c), v);
        }
        let formulas = (!self.formulas.is_empty()).then(|| {
            let mut f = Range::new((0, 0), (self.rows - 1, self.cols - 1));
            for (r, c, v) in self.formulas {
                f.set_value((r, c), v);
            }
            f
        });
        (SheetGrid::new(name, range, self.merges), formulas)
    }
}

/// Largest rowspan/colspan honoured (a browser's limits are similar).
const MAX_SPAN: u32 = 1000;

fn read_html(text: &str, max_cells: u64) -> Result<Vec<TextSheet>, String> {
    use scraper::{ElementRef, Html};
    let doc = Html::parse_document(text);
    let mut out = Vec::new();
    // Outermost tables only: a table nested in a cell is part of that
    // cell's text.
    fn tables<'a>(e: ElementRef<'a>, out: &mut Vec<ElementRef<'a>>) {
        for child in e.children().filter_map(ElementRef::wrap) {
            if child.value().name() == "table" {
                out.push(child);
            } else {
                tables(child, out);
            }
        }
    }
    fn rows<'a>(e: ElementRef<'a>, out: &mut Vec<ElementRef<'a>>) {
        for child in e.children().filter_map(ElementRef::wrap) {
            match child.value().name() {
                "tr" => out.push(child),
                "thead" | "tbody" | "tfoot" => rows(child, out),
                _ => {}
            }
        }
    }
    let mut found = Vec::new();
    tables(doc.root_element(), &mut found);
    for (k, table) in found.into_iter().enumerate() {
        let mut b = Builder::default();
        // Cells still covered by a rowspan from above: (row, col).
        let mut taken: std::collections::HashSet<(u32, u32)> = Default::default();
        let mut trs = Vec::new();
        rows(table, &mut trs);
        for (r, tr) in trs.into_iter().enumerate() {
            let r = r as u32;
            let mut c = 0u32;
            for td in tr.children().filter_map(ElementRef::wrap) {
                if !matches!(td.value().name(), "td" | "th") {
                    continue;
                }
                while taken.contains(&(r, c)) {
                    c += 1;
                }
                let span = |a: &str| {
                    td.value()
                        .attr(a)
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .unwrap_or(1)
                        .clamp(1, MAX_SPAN)
                };
                let (rs, cs) = (span("rowspan"), span("colspan"));
                let value = match td.value().attr("x:num").map(str::trim) {
                    Some(n) if !n.is_empty() => match n.parse::<f64>() {
                        Ok(f) => Data::Float(f),
                        Err(_) => Data::String(cell_text(td)),
                    },
                    _ => Data::String(cell_text(td)),
                };
                b.set(r, c, value, max_cells)?;
                if rs > 1 || cs > 1 {
                    let end = (r + rs - 1, c + cs - 1);
                    b.set(end.0, end.1, Data::Empty, max_cells)?;
                    b.merges.push(Dimensions::new((r, c), end));
                    for rr in r..=end.0 {
                        for cc in c..=end.1 {
                            taken.insert((rr, cc));
                        }
                    }
                }
                c += cs;
            }
        }
        out.push(b.finish(format!("Bảng {}", k + 1)));
    }
    Ok(out)
}

/// The text of a table cell: its text nodes, `<br>` as a space.
fn cell_text(td: scraper::ElementRef) -> String {
    let mut s = String::new();
    for piece in td.text() {
        s.push_str(piece);
        s.push(' ');
    }
    crate::text::clean(&s)
}

fn read_delimited(text: &str, max_cells: u64) -> Result<Vec<TextSheet>, String> {
    let text = text.trim_start_matches('\u{feff}');
    // The separator that splits the first lines most consistently; title
    // lines without any separator say nothing about it.
    let sample: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && l.contains([',', ';', '\t']))
        .take(20)
        .collect();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| {
            let counts: Vec<usize> = sample
                .iter()
                .map(|l| l.bytes().filter(|&b| b == d).count())
                .collect();
            let min = counts.iter().copied().min().unwrap_or(0);
            (min, counts.iter().sum::<usize>())
        })
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut b = Builder::default();
    for (r, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("the text table cannot be read: {e}"))?;
        for (c, field) in record.iter().enumerate() {
            b.set(
                r as u32,
                c as u32,
                Data::String(field.to_string()),
                max_cells,
            )?;
        }
    }
    Ok(vec![b.finish(DELIMITED_SHEET.to_string())])
}

/// Excel 2003 "XML Spreadsheet": `Worksheet/Table/Row/Cell/Data`, with
/// `ss:Index` skipping cells or rows, `ss:MergeAcross`/`ss:MergeDown` and
/// `ss:Formula`.
fn read_xml_spreadsheet(text: &str, max_cells: u64) -> Result<Vec<TextSheet>, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out = Vec::new();
    let mut sheet: Option<(String, Builder)> = None;
    let (mut row, mut col) = (0u32, 0u32);
    let mut in_data: Option<String> = None; // the ss:Type
    let mut value = String::new();
    let mut cell_at = (0u32, 0u32);
    let bad = |e: quick_xml::Error| format!("the XML spreadsheet is damaged: {e}");
    loop {
        match reader.read_event().map_err(bad)? {
            Event::Start(e) | Event::Empty(e) => {
                let attr = |name: &str| -> Option<String> {
                    e.attributes().flatten().find_map(|a| {
                        (a.key.local_name().as_ref() == name).then(|| a.value.to_string())
                    })
                };
                let num = |name: &str| attr(name).and_then(|v| v.trim().parse::<u32>().ok());
                match e.local_name().as_ref() {
                    "Worksheet" => {
                        if let Some((n, b)) = sheet.take() {
                            out.push(b.finish(n));
                        }
                        let name =
                            attr("Name").unwrap_or_else(|| format!("Sheet{}", out.len() + 1));
                        sheet = Some((name, Builder::default()));
                        row = 0;
                    }
                    "Row" => {
                        if let Some(i) = num("Index") {
                            row = i.saturating_sub(1);
                        }
                        col = 0;
                    }
                    "Cell" => {
                        if let Some(i) = num("Index") {
                            col = i.saturating_sub(1);
                        }
                        cell_at = (row, col);
                        let across = num("MergeAcross").unwrap_or(0).min(MAX_SPAN);
                        let down = num("MergeDown").unwrap_or(0).min(MAX_SPAN);
                        if let Some((_, b)) = sheet.as_mut() {
                            if across > 0 || down > 0 {
                                let end = (row + down, col + across);
                                b.set(end.0, end.1, Data::Empty, max_cells)?;
                                b.merges.push(Dimensions::new((row, col), end));
                            }
                            if let Some(f) = attr("Formula") {
                                b.formulas
                                    .push((row, col, f.trim_start_matches('=').to_string()));
                                b.set(row, col, Data::Empty, max_cells)?;
                            }
                        }
                        col += 1 + across;
                    }
                    "Data" => {
                        in_data = Some(attr("Type").unwrap_or_default());
                        value.clear();
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_data.is_some() => {
                value.push_str(&t.into_inner());
            }
            Event::GeneralRef(r) if in_data.is_some() => {
                let name = r.clone().into_inner();
                let ch = match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => match r.resolve_char_ref() {
                        Ok(Some(c)) => {
                            value.push(c);
                            ""
                        }
                        _ => {
                            return Err(format!(
                                "the XML spreadsheet is damaged: unknown entity &{other};"
                            ))
                        }
                    },
                };
                value.push_str(ch);
            }
            Event::CData(t) if in_data.is_some() => {
                value.push_str(&t.into_inner());
            }
            Event::End(e) if e.local_name().as_ref() == "Data" => {
                let typ = in_data.take().unwrap_or_default();
                let v = match typ.as_str() {
                    "Number" => value
                        .trim()
                        .parse::<f64>()
                        .map(Data::Float)
                        .unwrap_or_else(|_| Data::String(value.clone())),
                    "Boolean" => Data::Bool(value.trim() == "1"),
                    "Error" => Data::String(value.clone()),
                    _ => Data::String(value.clone()),
                };
                if let Some((_, b)) = sheet.as_mut() {
                    b.set(cell_at.0, cell_at.1, v, max_cells)?;
                }
            }
            Event::End(e) if e.local_name().as_ref() == "Row" => row += 1,
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some((n, b)) = sheet.take() {
        out.push(b.finish(n));
    }
    Ok(out)
}

/// SYLK: `C;Y<row>;X<col>;K<value>` records (row and column carry over
/// from the previous record when left out).
fn read_sylk(text: &str, max_cells: u64) -> Result<Vec<TextSheet>, String> {
    let mut b = Builder::default();
    let (mut row, mut col) = (1u32, 1u32);
    for line in text.lines() {
        let mut fields = line.split(';');
        if fields.next() != Some("C") {
            continue;
        }
        let mut value = None;
        let mut formula = None;
        for f in fields {
            let (tag, rest) = f.split_at(f.char_indices().nth(1).map_or(f.len(), |(i, _)| i));
            match tag {
                "Y" => row = rest.parse().unwrap_or(row),
                "X" => col = rest.parse().unwrap_or(col),
                "K" => {
                    value = Some(if let Some(s) = rest.strip_prefix('"') {
                        Data::String(s.trim_end_matches('"').replace("\"\"", "\""))
                    } else {
                        rest.parse::<f64>()
                            .map(Data::Float)
                            .unwrap_or_else(|_| Data::String(rest.to_string()))
                    })
                }
                "E" => formula = Some(rest.to_string()),
                _ => {}
            }
        }
        let (r, c) = (row.saturating_sub(1), col.saturating_sub(1));
        if let Some(f) = formula {
            b.formulas.push((r, c, f));
        }
        if let Some(v) = value {
            b.set(r, c, v, max_cells)?;
        }
    }
    Ok(vec![b.finish(DELIMITED_SHEET.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(kind: TextKind, text: &str) -> (SheetGrid, Option<Range<String>>) {
        read_text(kind, text, 10_000)
            .unwrap()
            .into_iter()
            .next()
            .unwrap()
    }

    #[test]
    fn a_csv_with_title_lines_above_its_table_is_a_table() {
        let csv = "\u{feff}UBND PHƯỜNG 6\r\nBÁO CÁO SỐ LIỆU QUÝ II NĂM 2024\r\n\r\nMã số,Chỉ tiêu,ĐVT,TH\r\nKT03,Doanh nghiệp,doanh nghiệp,\"10,5\"\r\nKT04,Hộ kinh doanh,hộ,16\r\n";
        assert_eq!(kind_of(csv), Some(TextKind::Delimited));
        let sheets = read_text(TextKind::Delimited, csv, 1000).unwrap();
        let grid = &sheets[0].0;
        let texts: Vec<Vec<String>> = (0..6)
            .map(|r| grid.row_texts(r).into_iter().map(|(_, t)| t).collect())
            .collect();
        assert!(
            texts.contains(&vec![
                "KT03".to_string(),
                "Doanh nghiệp".into(),
                "doanh nghiệp".into(),
                "10,5".into()
            ]),
            "{texts:?}"
        );
        // Prose is not a table: one sentence with commas, or none.
        assert_eq!(
            kind_of("Kính gửi: UBND quận\nBáo cáo, xin gửi kèm, theo đây.\n"),
            None
        );
    }

    #[test]
    fn html_spans_become_merges() {
        let html = "<html><body><table>\
            <tr><th rowspan=2>Chỉ tiêu</th><th colspan=2>Quý I</th></tr>\
            <tr><th>KH</th><th>TH</th></tr>\
            <tr><td>Dân số</td><td x:num=\"1234.5\">1.234,5</td><td>7</td></tr>\
            </table></body></html>";
        assert_eq!(kind_of(html), Some(TextKind::Html));
        let (g, _) = one(TextKind::Html, html);
        assert_eq!(g.text(0, 0), "Chỉ tiêu");
        assert_eq!(g.shown_text(1, 0), "Chỉ tiêu");
        assert_eq!(g.shown_text(0, 2), "Quý I");
        assert_eq!(g.text(1, 1), "KH");
        assert_eq!(g.text(1, 2), "TH");
        assert_eq!(g.raw(2, 1), &Data::Float(1234.5));
        assert_eq!(g.text(2, 2), "7");
    }

    #[test]
    fn csv_and_tsv_find_their_separator() {
        let (g, _) = one(TextKind::Delimited, "Chỉ tiêu;TH\n\"Dân số; nam\";1.234\n");
        assert_eq!(g.text(1, 0), "Dân số; nam");
        assert_eq!(g.text(1, 1), "1.234");
        let (g, _) = one(TextKind::Delimited, "a\tb,c\n1\t2,5\n");
        assert_eq!(g.text(1, 1), "2,5");
    }

    #[test]
    fn encodings_are_recognised() {
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Phường\t5".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16), "Phường\t5");
        // Windows-1258 as Excel writes it: ư (FD) ơ (F5), the tone as a
        // combining grave (CC), Đ (D0).
        assert_eq!(decode(b"Ph\xFD\xF5\xCCng \xD0a Kao"), "Phường Đa Kao");
        let (w1252, _, _) = encoding_rs::WINDOWS_1252.encode("Café Zürich");
        assert_eq!(decode(&w1252), "Café Zürich");
        assert_eq!(decode("ĐVT".as_bytes()), "ĐVT");
    }

    #[test]
    fn xml_spreadsheet_cells_merges_and_formulas() {
        let xml = r#"<?xml version="1.0"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="Biểu 1"><Table>
  <Row><Cell ss:MergeDown="1"><Data ss:Type="String">A &amp; B</Data></Cell><Cell><Data ss:Type="Number">12.5</Data></Cell></Row>
  <Row><Cell ss:Index="2" ss:Formula="=R[-1]C*2"/></Row>
 </Table></Worksheet></Workbook>"#;
        assert_eq!(kind_of(xml), Some(TextKind::XmlSpreadsheet));
        let (g, f) = one(TextKind::XmlSpreadsheet, xml);
        assert_eq!(g.name, "Biểu 1");
        assert_eq!(g.text(0, 0), "A & B");
        assert_eq!(g.shown_text(1, 0), "A & B");
        assert_eq!(g.raw(0, 1), &Data::Float(12.5));
        assert_eq!(g.raw(1, 1), &Data::Empty);
        assert_eq!(
            f.unwrap().get_value((1, 1)).map(String::as_str),
            Some("R[-1]C*2")
        );
    }

    #[test]
    fn sylk_cells() {
        let (g, _) = one(TextKind::Sylk, "ID;PWXL\nC;Y1;X1;K\"Tên\"\nC;X2;K42\nE\n");
        assert_eq!(g.text(0, 0), "Tên");
        assert_eq!(g.raw(0, 1), &Data::Float(42.0));
    }

    #[test]
    fn a_table_past_the_cell_limit_is_refused() {
        let html = "<table><tr><td colspan=1000 rowspan=1000>x</td></tr></table>";
        let Err(err) = read_text(TextKind::Html, html, 10_000) else {
            panic!("accepted")
        };
        assert!(err.contains("limit"));
    }
}
