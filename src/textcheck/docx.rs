//! Reads the paragraphs of a `.docx` (a zip of WordprocessingML) with the
//! `zip` and `quick-xml` crates: every `w:p` of `word/document.xml` in
//! document order, empty ones included, numbered `P1`, `P2`, …, then the
//! footnotes of `word/footnotes.xml` as `F<id>`.
//!
//! ```text
//! <w:body>
//!   <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/>…</w:pPr>   list item, level 0 → bullet "L0"
//!        <w:r><w:t>đã cách ly 410 người</w:t></w:r></w:p>
//!   <w:tbl>…<w:p>…</w:p>…</w:tbl>                        table paragraphs count too
//! ```
//!
//! Text is `w:t` (deleted text `w:delText` is not), tabs and breaks become
//! spaces, a non-breaking hyphen a hyphen.
//!
//! A paragraph is a list item when its own `w:numPr` says so, or when its
//! style does (`<w:pStyle w:val="ListBullet"/>`, numbered in
//! `word/styles.xml`, directly or through `w:basedOn`): Word's "List
//! Bullet" and "List Number" styles carry no numPr in the paragraph. A
//! `w:numId` of 0 takes the numbering away.

use super::Block;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::{BufReader, Read};
use std::path::Path;

/// Why a docx could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("not a Word document (.docx): {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("word/document.xml is not well-formed XML: {0}")]
    Xml(#[from] quick_xml::Error),
    #[error("{0} is larger than {LIMIT_MB} MB")]
    TooLarge(&'static str),
}

const LIMIT_MB: u64 = 64;

impl DocxError {
    /// The reason in Vietnamese: the `Display` text is English.
    pub fn words_vi(&self) -> String {
        match self {
            DocxError::Io(e) => e.to_string(),
            DocxError::Zip(zip::result::ZipError::FileNotFound) => {
                "tệp không có phần word/document.xml của văn bản Word".into()
            }
            DocxError::Zip(_) => {
                "tệp không phải văn bản Word .docx đọc được (không mở được dạng nén zip: tệp hỏng, chưa lưu xong, hoặc là tệp .doc cũ đổi đuôi)".into()
            }
            DocxError::Xml(_) => "nội dung word/document.xml bị hỏng (XML không hợp lệ)".into(),
            DocxError::TooLarge(part) => format!("{part} lớn hơn {LIMIT_MB} MB"),
        }
    }
}

/// The paragraphs and footnotes of a docx file.
///
/// # Errors
/// When the file is not a zip, lacks `word/document.xml`, or its XML is
/// broken.
pub fn read_docx(path: &Path) -> Result<Vec<Block>, DocxError> {
    let file = std::fs::File::open(path)?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file))?;
    let document =
        read_part(&mut zip, "word/document.xml")?.ok_or(zip::result::ZipError::FileNotFound)?;
    let styles = match read_part(&mut zip, "word/styles.xml")? {
        Some(xml) => list_styles(&xml)?,
        None => ListStyles::default(),
    };
    let mut blocks = paragraphs(&document, false, &styles)?;
    if let Some(notes) = read_part(&mut zip, "word/footnotes.xml")? {
        blocks.extend(paragraphs(&notes, true, &styles)?);
    }
    Ok(blocks)
}

/// A table of a Word document: the body paragraphs between the table
/// before it (or the document's start) and it, which name who sent it
/// ("PHÒNG TƯ PHÁP" above a programme's table), then its rows, each
/// cell's paragraphs joined by line breaks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordTable {
    /// The non-empty paragraphs above the table, trimmed, in order.
    pub above: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The tables of a docx file's body, in document order; a table nested in
/// a cell adds its text to that cell. A cell spanning columns
/// (`w:gridSpan`) is followed by empty cells, so that the columns below
/// it keep their places.
///
/// # Errors
/// As [`read_docx`].
pub fn read_docx_tables(path: &Path) -> Result<Vec<WordTable>, DocxError> {
    let file = std::fs::File::open(path)?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file))?;
    let document =
        read_part(&mut zip, "word/document.xml")?.ok_or(zip::result::ZipError::FileNotFound)?;
    tables(&document)
}

fn tables(xml: &str) -> Result<Vec<WordTable>, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut out: Vec<WordTable> = Vec::new();
    let mut depth = 0usize;
    // The text being read: a cell of a table, or a body paragraph
    // outside any table.
    let mut cell: Option<String> = None;
    let mut paragraph: Option<String> = None;
    let mut above: Vec<String> = Vec::new();
    let mut span = 1usize;
    let mut in_text = false;
    let mut new_paragraph = false;
    let push = |cell: &mut Option<String>,
                paragraph: &mut Option<String>,
                new_paragraph: &mut bool,
                s: &str| {
        if let Some(c) = cell.as_mut() {
            if *new_paragraph && !c.is_empty() {
                c.push('\n');
            }
            *new_paragraph = false;
            c.push_str(s);
        } else if let Some(p) = paragraph.as_mut() {
            p.push_str(s);
        }
    };
    loop {
        match reader.read_event()? {
            Event::Start(e) => match local(&e).as_str() {
                "tbl" => {
                    depth += 1;
                    if depth == 1 {
                        out.push(WordTable {
                            above: std::mem::take(&mut above),
                            rows: Vec::new(),
                        });
                    }
                }
                "tr" if depth == 1 => {
                    if let Some(t) = out.last_mut() {
                        t.rows.push(Vec::new());
                    }
                }
                "tc" if depth == 1 => {
                    cell = Some(String::new());
                    span = 1;
                }
                "p" if depth == 0 => paragraph = Some(String::new()),
                "p" => new_paragraph = true,
                "t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match local(&e).as_str() {
                "gridSpan" if depth == 1 => {
                    span = attr(&e, "w:val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .clamp(1, 64);
                }
                "tab" => push(&mut cell, &mut paragraph, &mut new_paragraph, " "),
                "br" | "cr" => push(&mut cell, &mut paragraph, &mut new_paragraph, "\n"),
                "noBreakHyphen" => push(&mut cell, &mut paragraph, &mut new_paragraph, "-"),
                _ => {}
            },
            Event::Text(t) if in_text => {
                push(
                    &mut cell,
                    &mut paragraph,
                    &mut new_paragraph,
                    &t.xml10_content(),
                );
            }
            Event::GeneralRef(r) if in_text => {
                let s = match quick_xml::escape::resolve_xml_entity(r.as_ref()) {
                    Some(s) => s.to_string(),
                    None => r
                        .resolve_char_ref()
                        .ok()
                        .flatten()
                        .map(String::from)
                        .unwrap_or_default(),
                };
                push(&mut cell, &mut paragraph, &mut new_paragraph, &s);
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "tbl" => depth = depth.saturating_sub(1),
                "p" if depth == 0 => {
                    if let Some(text) = paragraph.take() {
                        let text = text.trim();
                        if !text.is_empty() {
                            above.push(text.to_string());
                        }
                    }
                }
                "tc" if depth == 1 => {
                    if let (Some(text), Some(row)) =
                        (cell.take(), out.last_mut().and_then(|t| t.rows.last_mut()))
                    {
                        row.push(text.trim().to_string());
                        row.extend(std::iter::repeat_n(String::new(), span - 1));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

fn read_part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &'static str,
) -> Result<Option<String>, DocxError> {
    let part = match zip.by_name(name) {
        Ok(p) => p,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let mut text = String::new();
    let limit = LIMIT_MB * 1024 * 1024;
    part.take(limit + 1).read_to_string(&mut text)?;
    if text.len() as u64 > limit {
        return Err(DocxError::TooLarge(name));
    }
    Ok(Some(text))
}

fn local(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_string()
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
}

/// The numbering a paragraph style gives: `(numId, ilvl)` as written,
/// and the style it is based on.
#[derive(Clone, Debug, Default)]
struct StyleNumbering {
    num_id: Option<String>,
    level: Option<String>,
    based_on: Option<String>,
}

/// The paragraph styles of `styles.xml` by id.
#[derive(Clone, Debug, Default)]
pub struct ListStyles {
    styles: std::collections::HashMap<String, StyleNumbering>,
}

impl ListStyles {
    /// The list level a style gives (`L0`, …), following `w:basedOn`; none
    /// when no style of the chain is numbered or one says numId 0.
    fn level(&self, id: &str) -> Option<String> {
        let mut id = id.to_string();
        // A chain longer than the styles is a loop.
        for _ in 0..=self.styles.len() {
            let style = self.styles.get(&id)?;
            match style.num_id.as_deref() {
                Some("0") => return None,
                Some(_) => {
                    let level = style.level.as_deref().unwrap_or("0");
                    return Some(format!("L{level}"));
                }
                None => id = style.based_on.clone()?,
            }
        }
        None
    }
}

/// Reads the numbering of every paragraph style of `styles.xml`.
fn list_styles(xml: &str) -> Result<ListStyles, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut out = ListStyles::default();
    let mut current: Option<(String, StyleNumbering)> = None;
    loop {
        match reader.read_event()? {
            Event::Start(e) if local(&e) == "style" => {
                let paragraph = attr(&e, "w:type").is_none_or(|t| t == "paragraph");
                current = attr(&e, "w:styleId")
                    .filter(|_| paragraph)
                    .map(|id| (id, StyleNumbering::default()));
            }
            Event::Empty(e) => {
                if let Some((_, style)) = current.as_mut() {
                    match local(&e).as_str() {
                        "basedOn" => style.based_on = attr(&e, "w:val"),
                        "numId" => style.num_id = attr(&e, "w:val"),
                        "ilvl" => style.level = attr(&e, "w:val"),
                        _ => {}
                    }
                }
            }
            Event::End(e) if e.local_name().as_ref() == "style" => {
                if let Some((id, style)) = current.take() {
                    out.styles.insert(id, style);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// One paragraph being read.
struct Open {
    number: usize,
    text: String,
    /// `w:ilvl` and `w:numId` of the paragraph's own `w:numPr`.
    level: Option<String>,
    num_id: Option<String>,
    style: Option<String>,
    /// Inside a `w:tbl`: a cell of a Word table.
    in_table: bool,
}

impl Open {
    /// The paragraph's list level: its own numPr first, then its style's.
    fn list_level(&self, styles: &ListStyles) -> Option<String> {
        match (self.num_id.as_deref(), &self.level) {
            (Some("0"), _) => None,
            (_, Some(level)) => Some(format!("L{level}")),
            (Some(_), None) => Some("L0".to_string()),
            (None, None) => styles.level(self.style.as_deref()?),
        }
    }
}

/// The paragraphs of `document.xml` (`P<n>`) or the footnotes of
/// `footnotes.xml` (`F<id>`, separators skipped, a footnote's paragraphs
/// joined).
fn paragraphs(xml: &str, footnotes: bool, styles: &ListStyles) -> Result<Vec<Block>, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut done: Vec<(usize, Block)> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut count = 0usize;
    let mut in_text = false;
    let mut note: Option<(String, String)> = None;
    let mut in_body = footnotes;
    // How many tables the reader is inside.
    let mut tables = 0usize;
    loop {
        match reader.read_event()? {
            Event::Start(e) => match local(&e).as_str() {
                "body" => in_body = true,
                "tbl" => tables += 1,
                "footnote" => {
                    let kind = attr(&e, "w:type").unwrap_or_default();
                    let id = attr(&e, "w:id").unwrap_or_default();
                    note = (kind.is_empty() || kind == "normal").then(|| (id, String::new()));
                }
                "p" if in_body => {
                    count += 1;
                    stack.push(Open {
                        number: count,
                        text: String::new(),
                        level: None,
                        num_id: None,
                        style: None,
                        in_table: tables > 0,
                    });
                }
                "t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match local(&e).as_str() {
                "p" if in_body && !footnotes => {
                    count += 1;
                    done.push((
                        count,
                        block(format!("P{count}"), String::new(), None, tables > 0),
                    ));
                }
                "tab" | "br" | "cr" => push_text(&mut stack, " "),
                "noBreakHyphen" => push_text(&mut stack, "-"),
                "ilvl" => {
                    if let Some(top) = stack.last_mut() {
                        top.level = Some(attr(&e, "w:val").unwrap_or_default());
                    }
                }
                "numId" => {
                    if let Some(top) = stack.last_mut() {
                        top.num_id = Some(attr(&e, "w:val").unwrap_or_default());
                    }
                }
                "pStyle" => {
                    if let Some(top) = stack.last_mut() {
                        top.style = attr(&e, "w:val");
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let s = match quick_xml::escape::resolve_xml_entity(r.as_ref()) {
                    Some(s) => s.to_string(),
                    None => r
                        .resolve_char_ref()
                        .ok()
                        .flatten()
                        .map(String::from)
                        .unwrap_or_default(),
                };
                push_text(&mut stack, &s);
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "body" => in_body = false,
                "tbl" => tables = tables.saturating_sub(1),
                "p" => {
                    if let Some(open) = stack.pop() {
                        match note.as_mut() {
                            Some((_, text)) if footnotes => {
                                if !text.is_empty() && !open.text.trim().is_empty() {
                                    text.push(' ');
                                }
                                text.push_str(open.text.trim());
                            }
                            _ if footnotes => {}
                            _ => {
                                let level = open.list_level(styles);
                                done.push((
                                    open.number,
                                    block(
                                        format!("P{}", open.number),
                                        open.text,
                                        level,
                                        open.in_table,
                                    ),
                                ));
                            }
                        }
                    }
                }
                "footnote" => {
                    if let Some((id, text)) = note.take() {
                        let n = done.len();
                        done.push((n, block(format!("F{id}"), text, None, false)));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    done.sort_by_key(|(n, _)| *n);
    Ok(done.into_iter().map(|(_, b)| b).collect())
}

fn push_text(stack: &mut [Open], s: &str) {
    if let Some(top) = stack.last_mut() {
        top.text.push_str(s);
    }
}

fn block(label: String, text: String, level: Option<String>, in_table: bool) -> Block {
    let text = super::plain_spaces(&text);
    let bullet = level.or_else(|| super::bullet_of(&text).map(|c| c.to_string()));
    Block {
        label,
        text,
        bullet,
        in_table,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>BÁO CÁO</w:t></w:r></w:p>
<w:p/>
<w:p><w:pPr><w:jc w:val="both"/></w:pPr></w:p>
<w:p><w:r><w:t xml:space="preserve">đạt 17,29% dự toán </w:t></w:r><w:r><w:t>(145,2/840 tỷ đồng) &amp; hơn</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ô bảng</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>tập trung 35 người</w:t></w:r><w:r><w:tab/><w:delText>xoá</w:delText></w:r></w:p>
<w:sectPr/></w:body></w:document>"#;

    #[test]
    fn every_paragraph_is_numbered_empty_ones_too() {
        let blocks = paragraphs(DOC, false, &ListStyles::default()).unwrap();
        let got: Vec<(&str, &str, Option<&str>)> = blocks
            .iter()
            .map(|b| (b.label.as_str(), b.text.as_str(), b.bullet.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("P1", "BÁO CÁO", None),
                ("P2", "", None),
                ("P3", "", None),
                ("P4", "đạt 17,29% dự toán (145,2/840 tỷ đồng) & hơn", None),
                ("P5", "ô bảng", None),
                ("P6", "tập trung 35 người ", Some("L0")),
            ]
        );
    }

    #[test]
    fn a_list_style_makes_list_items() {
        // Word's "List Bullet" numbers its paragraphs in styles.xml, not in
        // the paragraph: the items were read as plain paragraphs.
        let styles = list_styles(
            r#"<w:styles xmlns:w="x">
<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet2"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="MyList"><w:basedOn w:val="ListBullet"/></w:style>
<w:style w:type="paragraph" w:styleId="NotAList"><w:basedOn w:val="ListBullet"/><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>
</w:styles>"#,
        )
        .unwrap();
        let p = |style: &str| {
            format!(
                r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>"#
            )
        };
        let xml = format!(
            r#"<w:document xmlns:w="x"><w:body>{}{}{}{}{}{}<w:p><w:pPr><w:pStyle w:val="ListBullet"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:p></w:body></w:document>"#,
            p("ListBullet"),
            p("ListBullet2"),
            p("MyList"),
            p("NotAList"),
            p("Loop"),
            p("Normal"),
        );
        let levels: Vec<Option<String>> = paragraphs(&xml, false, &styles)
            .unwrap()
            .into_iter()
            .map(|b| b.bullet)
            .collect();
        let l = |s: &str| Some(s.to_string());
        assert_eq!(
            levels,
            vec![l("L0"), l("L1"), l("L0"), None, None, None, None]
        );
    }

    #[test]
    fn footnotes_skip_separators() {
        let xml = r#"<w:footnotes xmlns:w="x"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t>Tỷ lệ 96,92%</w:t></w:r></w:p><w:p><w:r><w:t>(126/130).</w:t></w:r></w:p></w:footnote></w:footnotes>"#;
        let blocks = paragraphs(xml, true, &ListStyles::default()).unwrap();
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].label, "F1");
        assert_eq!(blocks[0].text, "Tỷ lệ 96,92% (126/130).");
    }

    #[test]
    fn tables_are_read_cell_by_cell() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
<w:p><w:r><w:t>SỞ TƯ PHÁP</w:t></w:r></w:p>
<w:tbl>
<w:tr><w:tc><w:p><w:r><w:t>TT</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Nội dung</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Chủ trì</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Rà soát</w:t></w:r></w:p><w:p><w:r><w:t>- văn bản &amp; quy định</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>STP</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>lồng</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr>
</w:tbl>
<w:p/><w:p><w:r><w:t>PHÒNG </w:t></w:r><w:r><w:t>NỘI VỤ</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
        let got = tables(xml).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].rows[0], ["TT", "Nội dung", "", "Chủ trì"]);
        assert_eq!(
            got[0].rows[1],
            ["1", "Rà soát\n- văn bản & quy định", "", "STP\nlồng"]
        );
        assert_eq!(got[1].rows, [["B"]]);
        // The paragraphs above each table, since the one before it.
        assert_eq!(got[0].above, ["SỞ TƯ PHÁP"]);
        assert_eq!(got[1].above, ["PHÒNG NỘI VỤ"]);
    }
}
