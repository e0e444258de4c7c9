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
    let mut blocks = paragraphs(&document, false)?;
    if let Some(notes) = read_part(&mut zip, "word/footnotes.xml")? {
        blocks.extend(paragraphs(&notes, true)?);
    }
    Ok(blocks)
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

/// One paragraph being read.
struct Open {
    number: usize,
    text: String,
    level: Option<String>,
}

/// The paragraphs of `document.xml` (`P<n>`) or the footnotes of
/// `footnotes.xml` (`F<id>`, separators skipped, a footnote's paragraphs
/// joined).
fn paragraphs(xml: &str, footnotes: bool) -> Result<Vec<Block>, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut done: Vec<(usize, Block)> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut count = 0usize;
    let mut in_text = false;
    let mut note: Option<(String, String)> = None;
    let mut in_body = footnotes;
    loop {
        match reader.read_event()? {
            Event::Start(e) => match local(&e).as_str() {
                "body" => in_body = true,
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
                    });
                }
                "t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match local(&e).as_str() {
                "p" if in_body && !footnotes => {
                    count += 1;
                    done.push((count, block(format!("P{count}"), String::new(), None)));
                }
                "tab" | "br" | "cr" => push_text(&mut stack, " "),
                "noBreakHyphen" => push_text(&mut stack, "-"),
                "ilvl" => {
                    if let Some(top) = stack.last_mut() {
                        top.level = Some(format!("L{}", attr(&e, "w:val").unwrap_or_default()));
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
                            _ => done.push((
                                open.number,
                                block(format!("P{}", open.number), open.text, open.level),
                            )),
                        }
                    }
                }
                "footnote" => {
                    if let Some((id, text)) = note.take() {
                        let n = done.len();
                        done.push((n, block(format!("F{id}"), text, None)));
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

fn block(label: String, text: String, level: Option<String>) -> Block {
    let text = super::plain_spaces(&text);
    let bullet = level.or_else(|| super::bullet_of(&text).map(|c| c.to_string()));
    Block {
        label,
        text,
        bullet,
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
        let blocks = paragraphs(DOC, false).unwrap();
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
    fn footnotes_skip_separators() {
        let xml = r#"<w:footnotes xmlns:w="x"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t>Tỷ lệ 96,92%</w:t></w:r></w:p><w:p><w:r><w:t>(126/130).</w:t></w:r></w:p></w:footnote></w:footnotes>"#;
        let blocks = paragraphs(xml, true).unwrap();
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].label, "F1");
        assert_eq!(blocks[0].text, "Tỷ lệ 96,92% (126/130).");
    }
}
