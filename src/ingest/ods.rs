//! What calamine does not give of an OpenDocument spreadsheet (`.ods`):
//! each sheet's merged ranges (`table:number-columns-spanned`,
//! `table:number-rows-spanned`) and the cells that hold a percentage
//! (`office:value-type="percentage"`: a cell shown as 60% holds 0.6).
//! Without the merges, a header "So sánh (%)" merged over "KH" and "CK"
//! names the first column only, and the %CK column under it is not read;
//! without the percentages, 60% is read as 0,6.
//!
//! One pass over `content.xml` reads every sheet, the first time a sheet
//! is asked for. Positions are counted as calamine counts them: rows and
//! columns from 0, repeated rows and cells (`number-rows-repeated`,
//! `number-columns-repeated`) and covered cells taking their places.

use super::sheet::{Hidden, MAX_HIDDEN_RANGES};
use super::styles::attr;
use super::FileBytes;
use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use zip::ZipArchive;

/// The most merged ranges and percentage cells kept per workbook: a
/// header needs a few; a hostile file cannot make them a burden.
const MAX_KEPT: usize = 200_000;

/// What `content.xml` says of one sheet besides its values.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OdsSheet {
    pub merges: Vec<Dimensions>,
    /// (row, column) of the cells whose value is a percentage.
    pub percents: Vec<(u32, u32)>,
    /// The rows and columns it hides (`table:visibility` "collapse" or
    /// "filter").
    pub hidden: Hidden,
}

/// The zip of an `.ods` (its directory read by the pre-check) and, once
/// read, what `content.xml` says of each sheet.
pub struct OdsParts {
    zip: Option<ZipArchive<FileBytes>>,
    max_bytes: u64,
    sheets: Option<HashMap<String, OdsSheet>>,
}

impl OdsParts {
    pub fn new(zip: ZipArchive<FileBytes>, max_bytes: u64) -> OdsParts {
        OdsParts {
            zip: Some(zip),
            max_bytes,
            sheets: None,
        }
    }

    /// The merges and percentage cells of sheet `name`, handed out once;
    /// `None` when `content.xml` cannot be read (then the sheet is read
    /// without them, as before).
    pub fn sheet(&mut self, name: &str) -> Option<OdsSheet> {
        if self.sheets.is_none() {
            let mut zip = self.zip.take()?;
            let max_bytes = self.max_bytes;
            let read = catch_unwind(AssertUnwindSafe(|| {
                super::styles::read_part(&mut zip, "content.xml", max_bytes)
                    .ok()
                    .map(|xml| read_content(&xml))
            }));
            self.sheets = Some(read.ok().flatten()?);
        }
        self.sheets.as_mut()?.remove(name)
    }
}

/// A count attribute (`number-columns-repeated`…), 1 when absent or not
/// a positive number.
fn count(e: &BytesStart<'_>, local: &str) -> u32 {
    attr(e, local)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(1)
}

/// Every sheet's merges and percentage cells in `content.xml`. A document
/// that is not well-formed gives what was read before the fault.
pub fn read_content(xml: &[u8]) -> HashMap<String, OdsSheet> {
    let mut reader = Reader::from_reader(xml);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.expand_empty_elements = true;
    let mut out: HashMap<String, OdsSheet> = HashMap::new();
    let mut kept = 0usize;
    // Nesting of tables: only the cells of a sheet's own table count.
    let mut depth = 0usize;
    let mut current: Option<(String, OdsSheet)> = None;
    let (mut row, mut col, mut row_repeat) = (0u32, 0u32, 1u32);
    // The next column a `table-column` element describes.
    let mut column = 0u32;
    let hides = |e: &BytesStart<'_>| {
        matches!(
            attr(e, "visibility").as_deref(),
            Some("collapse" | "filter")
        )
    };
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "table" => {
                    depth += 1;
                    if depth == 1 {
                        let name = attr(&e, "name").unwrap_or_default();
                        current = Some((name, OdsSheet::default()));
                        row = 0;
                        column = 0;
                    }
                }
                "table-column" if depth == 1 => {
                    let repeat = count(&e, "number-columns-repeated");
                    if let Some((_, sheet)) = current.as_mut() {
                        if hides(&e) && sheet.hidden.cols.len() < MAX_HIDDEN_RANGES {
                            let last = column.saturating_add(repeat - 1);
                            sheet.hidden.cols.push((column, last));
                        }
                    }
                    column = column.saturating_add(repeat);
                }
                "table-row" if depth == 1 => {
                    row_repeat = count(&e, "number-rows-repeated");
                    col = 0;
                    if let Some((_, sheet)) = current.as_mut() {
                        if hides(&e) && sheet.hidden.rows.len() < MAX_HIDDEN_RANGES {
                            let last = row.saturating_add(row_repeat - 1);
                            sheet.hidden.rows.push((row, last));
                        }
                    }
                }
                local @ ("table-cell" | "covered-table-cell") if depth == 1 => {
                    let repeat = count(&e, "number-columns-repeated");
                    if let ("table-cell", Some((_, sheet))) = (local, current.as_mut()) {
                        let (span_c, span_r) = (
                            count(&e, "number-columns-spanned"),
                            count(&e, "number-rows-spanned"),
                        );
                        if (span_c > 1 || span_r > 1) && kept < MAX_KEPT {
                            sheet.merges.push(Dimensions {
                                start: (row, col),
                                end: (
                                    row.saturating_add(span_r - 1),
                                    col.saturating_add(span_c - 1),
                                ),
                            });
                            kept += 1;
                        }
                        if attr(&e, "value-type").as_deref() == Some("percentage") {
                            for k in 0..repeat {
                                if kept >= MAX_KEPT {
                                    break;
                                }
                                sheet.percents.push((row, col.saturating_add(k)));
                                kept += 1;
                            }
                        }
                    }
                    col = col.saturating_add(repeat);
                }
                _ => {}
            },
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "table" => {
                    if depth == 1 {
                        if let Some((name, sheet)) = current.take() {
                            out.entry(name).or_insert(sheet);
                        }
                    }
                    depth = depth.saturating_sub(1);
                }
                "table-row" if depth == 1 => row = row.saturating_add(row_repeat),
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dims(r0: u32, c0: u32, r1: u32, c1: u32) -> Dimensions {
        Dimensions {
            start: (r0, c0),
            end: (r1, c1),
        }
    }

    /// A two-row header merged over two columns, repeated rows and cells,
    /// a percentage repeated twice, and a second sheet.
    #[test]
    fn merges_and_percentages_where_calamine_counts_the_cells() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x">
<office:body><office:spreadsheet>
<table:table table:name="Bi&#7875;u 1">
 <table:table-column table:number-columns-repeated="4"/>
 <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="4"/></table:table-row>
 <table:table-header-rows>
 <table:table-row>
  <table:table-cell office:value-type="string"><text:p>Ch&#7881; ti&#234;u</text:p></table:table-cell>
  <table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="1" office:value-type="string"><text:p>So s&#225;nh (%)</text:p></table:table-cell>
  <table:covered-table-cell/>
  <table:table-cell/>
 </table:table-row>
 </table:table-header-rows>
 <table:table-row>
  <table:table-cell table:number-columns-repeated="2"/>
  <table:table-cell office:value-type="percentage" office:value="0.6" table:number-columns-repeated="2"/>
 </table:table-row>
</table:table>
<table:table table:name="Sheet2">
 <table:table-row><table:table-cell table:number-rows-spanned="3"/></table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>"#;
        let sheets = read_content(xml);
        let first = &sheets["Biểu 1"];
        assert_eq!(first.merges, [dims(2, 1, 2, 2)]);
        assert_eq!(first.percents, [(3, 2), (3, 3)]);
        assert_eq!(sheets["Sheet2"].merges, [dims(0, 0, 2, 0)]);
        assert!(sheets["Sheet2"].percents.is_empty());
        // Not XML: nothing, and no panic.
        assert!(read_content(b"\x00\xff<table:table").is_empty());
    }
}
