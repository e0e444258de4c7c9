//! How tall a row must be for its wrapped text, since a spreadsheet keeps
//! the height a file states (or its default) and a wrapped cell taller
//! than its row prints cut to its first lines.
//!
//! The text is laid out the way Excel and LibreOffice wrap it: each line
//! written in the cell is broken at spaces into lines no wider than the
//! column (a word wider than the column is broken inside). Widths come
//! from the advance widths of Times New Roman (Liberation Serif, which
//! LibreOffice prints it with, has the same), so Vietnamese text is
//! measured as it prints: a letter with a tone or vowel mark is as wide as
//! its base letter, "ơ" and "ư" a little wider.
//!
//! ```text
//! column width w (digits of the workbook's default font)
//!   → w · digit + padding pixels at 96 dpi, less the cell's own margins
//! text "Tổ chức thu ngân sách …" at 13 pt
//!   → Σ advance widths × 13 pt → lines at spaces → lines × line height
//! ```
//!
//! A workbook's column width unit is a digit of its default font: Calibri
//! 11 (7 px) unless the workbook says otherwise. Where Calibri is missing,
//! LibreOffice measures with another font and every column comes out a
//! third wider; a workbook printed in Times New Roman is best given Times
//! New Roman as its default font, which every spreadsheet program has (or
//! its metric twin), so the columns are the same everywhere.
//!
//! The estimate errs on the tall side (widths counted 4 % wider, lines
//! 15.75 pt at 13 pt where a line of Times New Roman takes 15), so that a
//! different renderer never cuts a line; a row is at most 409 pt, Excel's
//! limit.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Advance widths of Times New Roman, in thousandths of an em, for the
/// ASCII characters from the space (32) to the tilde (126).
const REGULAR: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
    556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
    722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
    278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];
/// The same for Times New Roman Bold.
const BOLD: [u16; 95] = [
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667,
    611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722,
    722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556,
    278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
];
/// What the horn of "ơ", "ư" adds to the base letter.
const HORN: u16 = 55;
/// A character of no known width (another script, a symbol): as wide as
/// a capital.
const OTHER: u16 = 778;

/// Text widths are counted this much wider than the font's, for renderers
/// that round glyph positions to pixels.
const SLACK: f64 = 1.04;
/// Pixels a cell keeps free of text (padding on both sides, grid line).
const CELL_PADDING_PX: f64 = 8.0;
/// A line of wrapped text per point of font size (15.75 pt at 13 pt).
const LINE_PER_PT: f64 = 15.75 / 13.0;
/// Points above and below the lines of a row.
const ROW_PADDING_PT: f64 = 1.5;
/// The tallest row Excel allows.
pub const MAX_ROW_PT: f64 = 409.0;

/// A font of the Times New Roman family.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Font {
    pub size_pt: f64,
    pub bold: bool,
}

impl Font {
    pub fn regular(size_pt: f64) -> Font {
        Font {
            size_pt,
            bold: false,
        }
    }

    pub fn bold(size_pt: f64) -> Font {
        Font {
            size_pt,
            bold: true,
        }
    }

    /// The height of one line of wrapped text, in points.
    pub fn line_pt(self) -> f64 {
        self.size_pt * LINE_PER_PT
    }
}

/// The advance width of a character in thousandths of an em (Times New
/// Roman; the consolidated workbook's measures use it too).
pub fn advance(c: char, bold: bool) -> u16 {
    let table = if bold { &BOLD } else { &REGULAR };
    let ascii = |c: char| {
        u32::from(c)
            .checked_sub(32)
            .and_then(|i| table.get(i as usize))
            .copied()
    };
    if let Some(w) = ascii(c) {
        return w;
    }
    match c {
        'đ' => return if bold { 556 } else { 500 },
        'Đ' => return 722,
        '\u{a0}' => return 250,
        '–' | '«' | '»' | '•' => return 500,
        '—' | '…' => return 1000,
        '‘' | '’' => return 333,
        '“' | '”' => return if bold { 500 } else { 444 },
        _ => {}
    }
    // A mark written apart from its letter takes no room of its own (the
    // horn excepted).
    if is_combining_mark(c) {
        return if c == '\u{31b}' { HORN } else { 0 };
    }
    // A Vietnamese letter: its base letter, and the horn if it has one.
    let mut parts = std::iter::once(c).nfd();
    match parts.next().and_then(ascii) {
        Some(base) => {
            base + if parts.any(|m| m == '\u{31b}') {
                HORN
            } else {
                0
            }
        }
        None => OTHER,
    }
}

/// The width of a text in points, on one line.
pub fn text_width_pt(text: &str, font: Font) -> f64 {
    let units: u32 = text.chars().map(|c| u32::from(advance(c, font.bold))).sum();
    f64::from(units) / 1000.0 * font.size_pt * SLACK
}

/// How a workbook measures its columns: Excel's column width is a count
/// of digits of the workbook's default font ("Normal" style), plus a few
/// pixels of padding.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Columns {
    /// The width of a digit of the default font, in pixels at 96 dpi.
    pub digit_px: f64,
    /// Pixels added to every column.
    pub padding_px: f64,
}

impl Columns {
    /// A workbook whose default font is Calibri 11 (rust_xlsxwriter's
    /// default): 7 pixels a digit.
    pub const CALIBRI_11: Columns = Columns {
        digit_px: 7.0,
        padding_px: 5.0,
    };
    /// A workbook whose default font is Times New Roman 13: a digit is
    /// half an em, 8.67 pixels (Excel rounds it to 9, LibreOffice, which
    /// prints it in Liberation Serif, does not: the narrower is taken).
    pub const TIMES_NEW_ROMAN_13: Columns = Columns {
        digit_px: 13.0 * 0.5 * 96.0 / 72.0,
        padding_px: 7.0,
    };

    /// The width text can take in a column of `width` characters, in
    /// points.
    pub fn text_pt(self, width: f64) -> f64 {
        let px = (width * self.digit_px + self.padding_px).floor() - CELL_PADDING_PX;
        px.max(1.0) * 0.75
    }

    /// The printed width in points of columns `widths` characters wide,
    /// as the wider of Excel (a digit rounded up to whole pixels) and
    /// LibreOffice prints them, with 1 % to spare.
    pub fn printed_pt(self, widths: &[f64]) -> f64 {
        let px: f64 = widths
            .iter()
            .map(|&w| (w * self.digit_px.ceil() + self.padding_px).trunc())
            .sum();
        px * 0.75 * 1.01
    }

    /// The narrowest width, in characters (to a quarter), of a column
    /// that holds `pt` points of text on one line: the inverse of
    /// [`Columns::text_pt`].
    pub fn width_for_pt(self, pt: f64) -> f64 {
        let px = (pt / 0.75).ceil();
        let width = (px + CELL_PADDING_PX - self.padding_px) / self.digit_px;
        (width * 4.0).ceil() / 4.0
    }

    /// How many lines a text wraps to in a column of `width` characters:
    /// each written line broken at spaces, a word wider than the column
    /// broken inside. An empty text is one line.
    pub fn wrapped_lines(self, text: &str, width: f64, font: Font) -> usize {
        let room = self.text_pt(width);
        let space = text_width_pt(" ", font);
        text.split('\n')
            .map(|line| {
                let mut lines = 1;
                let mut used = 0.0;
                for word in line.split(' ').filter(|w| !w.is_empty()) {
                    let w = text_width_pt(word, font);
                    if used > 0.0 && used + space + w <= room {
                        used += space + w;
                        continue;
                    }
                    if used > 0.0 {
                        lines += 1;
                    }
                    // A word wider than the column takes lines of its own.
                    let extra = (w / room).ceil().max(1.0) as usize - 1;
                    lines += extra;
                    used = w - extra as f64 * room;
                }
                lines
            })
            .sum::<usize>()
            .max(1)
    }

    /// The height a row needs for its cells: (text, column width in
    /// characters, font) each; the tallest wins.
    pub fn row_height_for(self, cells: &[(&str, f64, Font)]) -> f64 {
        cells
            .iter()
            .map(|&(text, width, font)| row_height_pt(self.wrapped_lines(text, width, font), font))
            .fold(0.0, f64::max)
    }
}

/// The height of a row of `lines` lines of wrapped text, in points: whole
/// pixels (0.75 pt), at most [`MAX_ROW_PT`].
pub fn row_height_pt(lines: usize, font: Font) -> f64 {
    let pt = lines as f64 * font.line_pt() + ROW_PADDING_PT;
    ((pt / 0.75).ceil() * 0.75).min(MAX_ROW_PT)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TNR13: Font = Font {
        size_pt: 13.0,
        bold: false,
    };

    /// The width found for a text is the narrowest that keeps it on one
    /// line.
    #[test]
    fn width_for_pt_is_the_narrowest_column_of_one_line() {
        let font = Font::regular(11.0);
        for cols in [Columns::CALIBRI_11, Columns::TIMES_NEW_ROMAN_13] {
            for text in ["P.LDTBXH", "P.TCKH", "VP", "Phòng Tài chính - Kế hoạch"] {
                let w = cols.width_for_pt(text_width_pt(text, font));
                assert_eq!(cols.wrapped_lines(text, w, font), 1, "{text}");
                assert!(cols.wrapped_lines(text, w - 0.25, font) > 1, "{text}");
            }
        }
    }

    #[test]
    fn vietnamese_letters_are_as_wide_as_their_base_letter() {
        assert_eq!(advance('ế', false), advance('e', false));
        assert_eq!(advance('Ậ', false), advance('A', false));
        assert_eq!(advance('ờ', false), advance('o', false) + HORN);
        assert_eq!(advance('Ữ', true), advance('U', true) + HORN);
        assert_eq!(advance('đ', true), 556);
        assert_eq!(advance('中', false), OTHER);
        // A decomposed letter (NFD) measures as its parts: the marks add
        // nothing.
        let composed = "Thành phố Hồ Chí Minh, Trường Sơn";
        let decomposed: String = composed.nfd().collect();
        assert_eq!(
            text_width_pt(composed, TNR13),
            text_width_pt(&decomposed, TNR13)
        );
    }

    #[test]
    fn text_wraps_at_spaces_to_the_column() {
        let cols = Columns::TIMES_NEW_ROMAN_13;
        // 50 digits of Times New Roman 13: 440 px, 324 pt of text.
        assert_eq!(cols.text_pt(50.0), 324.0);
        assert_eq!(Columns::CALIBRI_11.text_pt(62.0), 323.25);
        let one = "Tổ chức thu ngân sách nhà nước quý II/2020";
        assert_eq!(cols.wrapped_lines(one, 50.0, TNR13), 1);
        let two = "Kiểm tra, xử lý vi phạm trật tự xây dựng đối với công trình xây dựng không phép, sai phép";
        assert_eq!(cols.wrapped_lines(two, 50.0, TNR13), 2);
        // Written lines are lines of their own.
        assert_eq!(cols.wrapped_lines(&format!("{one}\n{one}"), 50.0, TNR13), 2);
        assert_eq!(cols.wrapped_lines("Quý II/2020", 13.0, TNR13), 1);
        // A narrow column: a word a line, "III/2020" broken inside.
        assert_eq!(cols.wrapped_lines("Quý II, III/2020", 5.0, TNR13), 4);
        // A word wider than the column is broken inside it.
        assert_eq!(cols.wrapped_lines(&"x".repeat(200), 13.0, TNR13), 17);
        assert_eq!(cols.wrapped_lines("", 13.0, TNR13), 1);
    }

    #[test]
    fn rows_are_as_tall_as_their_tallest_cell_within_excels_limit() {
        assert_eq!(row_height_pt(1, TNR13), 17.25);
        assert_eq!(row_height_pt(3, TNR13), 48.75);
        assert_eq!(row_height_pt(100, TNR13), MAX_ROW_PT);
        let long = "Tổ chức các hoạt động kỷ niệm 45 năm Ngày Giải phóng miền Nam, thống nhất đất nước và 130 năm Ngày sinh Chủ tịch Hồ Chí Minh";
        let h = Columns::TIMES_NEW_ROMAN_13.row_height_for(&[
            ("1", 5.0, TNR13),
            (long, 50.0, TNR13),
            ("Tháng 4/2020", 13.0, TNR13),
        ]);
        assert_eq!(h, row_height_pt(3, TNR13));
    }
}
