//! How much room text and figures take in a printed cell, for the column
//! widths and row heights of `tong-hop.xlsx`.
//!
//! rust_xlsxwriter cannot autofit the height of wrapped text, and neither
//! Excel nor LibreOffice fits it when a workbook is opened: a row keeps its
//! stored height and a long indicator name prints over the rows above it.
//! So the heights are estimated here, from the advance widths of the font
//! every sheet of the workbook uses, Times New Roman (the font of
//! Vietnamese administrative documents; LibreOffice prints it with
//! Liberation Serif, whose widths are the same), by wrapping the text word
//! by word the way a spreadsheet does. The same widths give the columns
//! that a figure in Vietnamese format (`2.407.050.000`) needs, so that no
//! cell shows `###`.
//!
//! The advance widths are [`crate::report::fit`]'s, which also sets the
//! annex's and the forms' row heights: one table of Times New Roman.
//!
//! Lengths are in screen pixels at 96 dpi (Excel's unit for column widths
//! and for the font's size: 11 pt is 14,67 px); printing scales them all
//! alike, so a line that fits on screen fits on paper.

/// The font of every cell of the consolidated workbook.
pub const FONT: &str = "Times New Roman";

/// Its size in points.
pub const FONT_SIZE: f64 = 11.0;

/// Pixels per em at `size` points.
fn em(size: f64) -> f64 {
    size * 96.0 / 72.0
}

/// The width of `text` on one line, in pixels, at `size` points.
pub fn text_px(text: &str, bold: bool, size: f64) -> f64 {
    // Times New Roman's advance widths, in thousandths of an em.
    let mut units: u32 = 0;
    crate::text::each_nfc_char(text, |c| {
        units += u32::from(crate::report::fit::advance(c, bold));
    });
    f64::from(units) / 1000.0 * em(size)
}

/// Room a cell leaves around its text, in pixels (both sides and the
/// grid line, with a pixel to spare).
const PADDING_PX: f64 = 7.0;

/// The pixels of a column `width` characters wide: Excel's rule for a
/// 7-pixel digit (Times New Roman 11 and Calibri 11 alike).
pub fn column_px(width: f64) -> f64 {
    (width * 7.0 + 5.0).trunc()
}

/// The printed width in points of columns `widths` characters wide, as
/// the wider of Excel and LibreOffice prints them (with 1 % to spare):
/// Excel takes a 7-pixel digit, LibreOffice the digit of Times New Roman
/// (half an em: 5,5 pt at 11 pt), a twentieth wider.
pub fn printed_width_pt(widths: &[f64]) -> f64 {
    let px: f64 = widths.iter().map(|&w| column_px(w)).sum();
    let excel = px * 0.75;
    let libreoffice = px / 7.0 * FONT_SIZE * 0.5;
    excel.max(libreoffice) * 1.01
}

/// The column width (in characters) whose cells hold `px` of text.
pub fn width_for_px(px: f64) -> f64 {
    ((px + PADDING_PX - 5.0) / 7.0 * 4.0).ceil() / 4.0
}

/// How many lines `text` wraps to in a column `width` characters wide,
/// breaking between words as a spreadsheet does (a word longer than the
/// line is broken where it overflows). Explicit line breaks count.
pub fn wrapped_lines(text: &str, width: f64, bold: bool, size: f64) -> usize {
    let room = (column_px(width) - PADDING_PX).max(1.0);
    let space = text_px(" ", bold, size);
    text.split('\n')
        .map(|line| {
            let mut lines = 1;
            let mut used = 0.0;
            for word in line.split_whitespace() {
                let w = text_px(word, bold, size);
                let need = if used > 0.0 { used + space + w } else { w };
                if need <= room {
                    used = need;
                } else if used > 0.0 {
                    lines += 1;
                    used = w;
                } else {
                    used = w;
                }
                // A word wider than the line fills lines of its own.
                while used > room {
                    lines += 1;
                    used -= room;
                }
            }
            lines
        })
        .sum()
}

/// The height in points of a row of `lines` lines of text at `size`
/// points: the lines of [`crate::report::fit`] (13,3 pt each at 11 pt,
/// where Excel takes 12,75 and LibreOffice 12,7) and its padding, never
/// less than a one-line row's 15 pt (Excel's default). It was 15 pt a
/// line, which left a blank line under five of wrapped text.
pub fn row_height(lines: usize, size: f64) -> f64 {
    use crate::report::fit::{row_height_pt, Font};
    row_height_pt(lines.max(1), Font::regular(size)).max((size * 1.3).ceil())
}

/// The width in 1/2048 em of `value` shown with `decimals` decimals and
/// grouped thousands (`-2.407.050.000,00`); digits, separators and the
/// sign are as wide in bold as in regular.
pub fn number_units(value: f64, decimals: u8) -> u32 {
    if !value.is_finite() {
        return 3 * 1024;
    }
    let scale = 10f64.powi(decimals as i32);
    let int = ((value.abs() * scale).round() / scale).trunc();
    let digits = if int < 1.0 {
        1
    } else {
        int.log10().floor() as u32 + 1
    };
    let groups = (digits - 1) / 3;
    let fraction = if decimals > 0 {
        decimals as u32 * 1024 + 512
    } else {
        0
    };
    let sign = if value < 0.0 && value.abs() * scale >= 0.5 {
        682
    } else {
        0
    };
    digits * 1024 + groups * 512 + fraction + sign
}

/// The narrowest column width (in quarter characters, from `min` to
/// `max`) in which `text` wraps to at most `lines` lines; `max` when none
/// is narrow enough.
pub fn width_for_lines(text: &str, lines: usize, bold: bool, min: f64, max: f64) -> f64 {
    let mut w = min;
    while w < max {
        if wrapped_lines(text, w, bold, FONT_SIZE) <= lines {
            return w;
        }
        w += 0.25;
    }
    max
}

/// The column width (in characters) that shows a figure `units` wide
/// (see [`number_units`]) without `###`, with a character to spare.
pub fn width_for_units(units: u32, size: f64) -> f64 {
    width_for_px(units as f64 / 2048.0 * em(size)) + 1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_letters_are_as_wide_as_their_base_letters() {
        assert_eq!(text_px("ệ", true, 11.0), text_px("e", true, 11.0));
        assert_eq!(text_px("Ộ", false, 11.0), text_px("O", false, 11.0));
        assert_eq!(text_px("Đ", false, 11.0), text_px("D", false, 11.0));
        // The horn widens ơ and ư a little.
        assert!(text_px("ư", false, 11.0) > text_px("u", false, 11.0));
        assert!(text_px("ờ", false, 11.0) > text_px("o", false, 11.0));
        // The horn of a decomposed letter is measured with it.
        assert_eq!(
            text_px("Phường", false, 11.0),
            text_px("Phu\u{31b}\u{300}o\u{31b}ng", false, 11.0)
        );
    }

    #[test]
    fn text_wraps_between_words() {
        // "Phường 10" in bold is about 68 px: one line at 11 characters
        // (70 px of text), two at 6.
        assert_eq!(wrapped_lines("Phường 10", 11.0, true, 11.0), 1);
        assert_eq!(wrapped_lines("Phường 10", 6.0, true, 11.0), 2);
        assert_eq!(wrapped_lines("a\nb", 20.0, false, 11.0), 2);
        let long = "Giải ngân nguồn vốn phân cấp từ tiền bán nhà, chuyển nhượng quyền sử dụng đất";
        let one = wrapped_lines(long, 200.0, false, 11.0);
        let narrow = wrapped_lines(long, 30.0, false, 11.0);
        assert_eq!(one, 1);
        assert!((3..=4).contains(&narrow), "{narrow}");
        // A word longer than the line takes several: 60 × 7,3 px in lines
        // of 68.
        assert_eq!(wrapped_lines(&"x".repeat(60), 10.0, false, 11.0), 7);
    }

    #[test]
    fn a_column_is_made_wide_enough_for_its_lines() {
        let name = "Ban Quản lý dự án đầu tư xây dựng khu vực quận";
        let w = width_for_lines(name, 3, true, 8.0, 40.0);
        assert!(wrapped_lines(name, w, true, FONT_SIZE) <= 3);
        assert!(wrapped_lines(name, w - 0.25, true, FONT_SIZE) > 3);
        assert_eq!(width_for_lines("Phường 1", 3, true, 8.0, 40.0), 8.0);
        assert_eq!(
            width_for_lines(&"x ".repeat(200), 1, false, 8.0, 20.0),
            20.0
        );
    }

    #[test]
    fn a_figure_is_as_wide_as_its_digits_separators_and_sign() {
        // 2.407.050.000: 10 digits and 3 dots.
        assert_eq!(number_units(2_407_050_000.0, 0), 10 * 1024 + 3 * 512);
        // -23,11: a sign, 2 + 2 digits and a comma.
        assert_eq!(number_units(-23.11, 2), 682 + 4 * 1024 + 512);
        assert_eq!(number_units(0.4, 0), 1024);
        assert_eq!(number_units(999.6, 0), 4 * 1024 + 512);
        let w = width_for_units(number_units(2_407_050_000.0, 0), 11.0);
        assert!((12.0..15.0).contains(&w), "{w}");
    }

    #[test]
    fn rows_grow_a_line_at_a_time() {
        assert_eq!(row_height(1, 11.0), 15.0);
        // 3 × 13,33 + 1,5 pt in whole pixels.
        assert_eq!(row_height(3, 11.0), 42.0);
        assert_eq!(row_height(5, 11.0), 68.25);
        assert!(row_height(3, 14.0) > row_height(3, 11.0));
    }
}
