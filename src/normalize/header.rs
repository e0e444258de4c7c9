//! Finding the indicator table in a sheet: the header row (on any of the
//! first 30 rows, one row or two with merged cells), and which column is
//! which, by the header words of the template, in any order.
//!
//! ```text
//!  row 6 | STT | Nội dung chỉ tiêu | ĐVT |   Quý I/2020      | Kế hoạch năm | ...
//!  row 7 |     |                   |     | Thực hiện | Lũy kế |              |
//!          Stt   Name                Unit   TH          LK      KH
//! ```
//!
//! A column is named by its lower header cell when that names a role, else
//! by the upper one (merged across the columns below it), else by both read
//! together.

use crate::ingest::SheetGrid;
use crate::model::ValueColumn;
use crate::normalize::text::{fold, fold_joined};
use crate::template::Template;

/// What a column of the indicator table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Stt,
    Code,
    Name,
    Unit,
    Note,
    Value(ValueColumn),
}

/// Roles in the order they are tried (percents before the quantities they
/// mention, so that "% so với KH" is %KH, not KH).
const ROLE_KEYS: [(&str, Role); 11] = [
    ("%KH", Role::Value(ValueColumn::PctKh)),
    ("%CK", Role::Value(ValueColumn::PctCk)),
    ("LK", Role::Value(ValueColumn::Lk)),
    ("CK", Role::Value(ValueColumn::Ck)),
    ("KH", Role::Value(ValueColumn::Kh)),
    ("TH", Role::Value(ValueColumn::Th)),
    ("code", Role::Code),
    ("name", Role::Name),
    ("unit", Role::Unit),
    ("note", Role::Note),
    ("stt", Role::Stt),
];

/// The header words of a template, folded once.
pub struct HeaderWords {
    words: Vec<(String, Role)>,
}

impl HeaderWords {
    pub fn new(template: &Template) -> HeaderWords {
        let mut words = Vec::new();
        for (key, role) in ROLE_KEYS {
            for w in template.column_words(key) {
                let f = fold(w);
                if !f.is_empty() {
                    words.push((f, role));
                }
            }
        }
        HeaderWords { words }
    }

    /// The role a header label names: the longest header word that the
    /// label equals or starts with (as whole words).
    pub fn classify(&self, label: &str) -> Option<Role> {
        self.classify_folded(&fold(label))
    }

    /// [`HeaderWords::classify`] of a label already folded.
    pub fn classify_folded(&self, f: &str) -> Option<Role> {
        if f.is_empty() {
            return None;
        }
        let mut best: Option<(usize, Role)> = None;
        for (w, role) in &self.words {
            let hit =
                f == w || (f.starts_with(w.as_str()) && f.as_bytes().get(w.len()) == Some(&b' '));
            if hit && best.is_none_or(|(len, _)| w.len() > len) {
                best = Some((w.len(), *role));
            }
        }
        best.map(|(_, r)| r)
    }
}

/// Where the indicator table of a sheet is and what its columns hold.
#[derive(Clone, Debug, PartialEq)]
pub struct TableLayout {
    /// First and last header rows (equal for a one-row header).
    pub header_first: u32,
    pub header_last: u32,
    /// Column → role, left to right; each role at most once.
    pub columns: Vec<(u32, Role)>,
}

impl TableLayout {
    pub fn col(&self, role: Role) -> Option<u32> {
        self.columns
            .iter()
            .find(|(_, r)| *r == role)
            .map(|(c, _)| *c)
    }

    pub fn value_columns(&self) -> impl Iterator<Item = (u32, ValueColumn)> + '_ {
        self.columns.iter().filter_map(|(c, r)| match r {
            Role::Value(v) => Some((*c, *v)),
            _ => None,
        })
    }

    fn score(&self) -> usize {
        self.columns
            .iter()
            .map(|(_, r)| match r {
                Role::Value(_) => 3,
                Role::Name | Role::Code => 2,
                _ => 1,
            })
            .sum()
    }
}

/// How many rows from the top a header may start on.
pub const HEADER_SEARCH_ROWS: u32 = 30;

/// Finds the indicator table of a sheet: a header naming the indicator
/// (name or code) and at least one value column. `None` when the sheet has
/// none.
pub fn find_table(grid: &SheetGrid, words: &HeaderWords) -> Option<TableLayout> {
    let rows = grid.rows();
    let cols = grid.cols();
    let last = rows.start.saturating_add(HEADER_SEARCH_ROWS).min(rows.end);
    // Every cell a header may be read from (the search rows and the row
    // under the last), its text and its role, worked out once: each is
    // looked at up to four times below.
    let read_end = last.saturating_add(1).min(rows.end);
    let width = cols.len();
    // (text, folded text, role)
    let mut cells: Vec<(String, String, Option<Role>)> =
        Vec::with_capacity(read_end.saturating_sub(rows.start) as usize * width);
    for r in rows.start..read_end {
        for c in cols.clone() {
            let text = grid.shown_text(r, c);
            let folded = fold(&text);
            let role = words.classify_folded(&folded);
            cells.push((text, folded, role));
        }
    }
    let cell =
        |r: u32, c: u32| cells.get((r - rows.start) as usize * width + (c - cols.start) as usize);
    // (layout, rows read to classify it)
    let mut best: Option<(TableLayout, u32)> = None;
    for r in rows.start..last {
        for two_rows in [false, true] {
            if two_rows && r + 1 >= rows.end {
                continue;
            }
            let mut columns: Vec<(u32, Role)> = Vec::new();
            for c in cols.clone() {
                let Some((top, top_folded, top_role)) = cell(r, c) else {
                    continue;
                };
                let role = if two_rows {
                    let Some((bottom, bottom_folded, bottom_role)) = cell(r + 1, c) else {
                        continue;
                    };
                    let from_bottom = (!bottom.is_empty() && bottom != top)
                        .then_some(*bottom_role)
                        .flatten();
                    // With one of the two blank, both read together are
                    // the other alone (folding drops the joining space).
                    from_bottom
                        .or_else(|| match (top.is_empty(), bottom.is_empty()) {
                            (false, false) => {
                                words.classify_folded(&fold_joined(top_folded, bottom_folded))
                            }
                            (true, _) => *bottom_role,
                            (false, true) => *top_role,
                        })
                        .or(*top_role)
                } else {
                    *top_role
                };
                if let Some(role) = role {
                    if !columns.iter().any(|(_, r)| *r == role) {
                        columns.push((c, role));
                    }
                }
            }
            let has_row_key = columns
                .iter()
                .any(|(_, r)| matches!(r, Role::Name | Role::Code));
            let has_value = columns.iter().any(|(_, r)| matches!(r, Role::Value(_)));
            if !(has_row_key && has_value) {
                continue;
            }
            // A header row whose cells continue merges from above starts
            // where those merges start.
            let first = columns
                .iter()
                .filter_map(|(c, _)| grid.merge_origin(r, *c).map(|(orow, _)| orow))
                .min()
                .unwrap_or(r)
                .min(r);
            let layout = TableLayout {
                header_first: first,
                header_last: if two_rows { r + 1 } else { r },
                columns,
            };
            // On a tie the header read from fewer rows wins: a blank row
            // above a header, or the first data row under it, adds nothing.
            let span = if two_rows { 2 } else { 1 };
            let better = match &best {
                None => true,
                Some((b, bspan)) => {
                    layout.score() > b.score() || (layout.score() == b.score() && span < *bspan)
                }
            };
            if better {
                best = Some((layout, span));
            }
        }
    }
    best.map(|(layout, _)| layout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Dimensions, Range};

    fn words() -> HeaderWords {
        HeaderWords::new(&Template::builtin().unwrap())
    }

    fn grid(rows: &[&[&str]], merges: Vec<Dimensions>) -> SheetGrid {
        let h = rows.len() as u32;
        let w = rows.iter().map(|r| r.len()).max().unwrap() as u32;
        let mut range = Range::new((0, 0), (h - 1, w - 1));
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    range.set_value((r as u32, c as u32), Data::String(v.to_string()));
                }
            }
        }
        SheetGrid::new("S".into(), range, merges)
    }

    #[test]
    fn header_words_classify_labels() {
        let w = words();
        assert_eq!(
            w.classify("Kế hoạch năm 2020"),
            Some(Role::Value(ValueColumn::Kh))
        );
        assert_eq!(
            w.classify("Thực hiện quý I/2020"),
            Some(Role::Value(ValueColumn::Th))
        );
        assert_eq!(
            w.classify("Lũy kế từ đầu năm"),
            Some(Role::Value(ValueColumn::Lk))
        );
        assert_eq!(
            w.classify("Cùng kỳ năm 2019"),
            Some(Role::Value(ValueColumn::Ck))
        );
        assert_eq!(
            w.classify("% so với KH"),
            Some(Role::Value(ValueColumn::PctKh))
        );
        assert_eq!(w.classify("%CK"), Some(Role::Value(ValueColumn::PctCk)));
        assert_eq!(w.classify("Mã số"), Some(Role::Code));
        assert_eq!(w.classify("ĐVT"), Some(Role::Unit));
        assert_eq!(w.classify("Ghi chú"), Some(Role::Note));
        assert_eq!(w.classify("UBND PHƯỜNG 5"), None);
        assert_eq!(w.classify("Khánh Hòa"), None);
    }

    #[test]
    fn one_row_header_with_offset_and_any_order() {
        let g = grid(
            &[
                &["UBND PHƯỜNG 5"],
                &[""],
                &["BIỂU SỐ LIỆU QUÝ I/2020"],
                &[""],
                &[
                    "Chỉ tiêu",
                    "Lũy kế",
                    "ĐVT",
                    "Thực hiện quý",
                    "Kế hoạch năm",
                    "Ghi chú",
                ],
                &["Lượt tiếp công dân", "5", "lượt", "5", "20"],
            ],
            vec![],
        );
        let t = find_table(&g, &words()).unwrap();
        assert_eq!((t.header_first, t.header_last), (4, 4));
        assert_eq!(t.col(Role::Name), Some(0));
        assert_eq!(t.col(Role::Value(ValueColumn::Lk)), Some(1));
        assert_eq!(t.col(Role::Value(ValueColumn::Th)), Some(3));
        assert_eq!(t.col(Role::Value(ValueColumn::Kh)), Some(4));
        assert_eq!(t.col(Role::Code), None);
    }

    #[test]
    fn two_row_header_with_merged_cells() {
        let g = grid(
            &[
                &["PHƯỜNG 9"],
                &[
                    "STT",
                    "Nội dung chỉ tiêu",
                    "Đơn vị tính",
                    "Quý I/2020",
                    "",
                    "Kế hoạch năm",
                    "Cùng kỳ",
                    "So sánh (%)",
                    "",
                ],
                &[
                    "",
                    "",
                    "",
                    "Thực hiện",
                    "Lũy kế",
                    "",
                    "",
                    "So với KH",
                    "So với cùng kỳ",
                ],
            ],
            vec![
                Dimensions::new((1, 0), (2, 0)),
                Dimensions::new((1, 1), (2, 1)),
                Dimensions::new((1, 2), (2, 2)),
                Dimensions::new((1, 3), (1, 4)),
                Dimensions::new((1, 5), (2, 5)),
                Dimensions::new((1, 6), (2, 6)),
                Dimensions::new((1, 7), (1, 8)),
            ],
        );
        let t = find_table(&g, &words()).unwrap();
        assert_eq!((t.header_first, t.header_last), (1, 2));
        assert_eq!(t.col(Role::Name), Some(1));
        assert_eq!(t.col(Role::Unit), Some(2));
        assert_eq!(t.col(Role::Value(ValueColumn::Th)), Some(3));
        assert_eq!(t.col(Role::Value(ValueColumn::Lk)), Some(4));
        assert_eq!(t.col(Role::Value(ValueColumn::Kh)), Some(5));
        assert_eq!(t.col(Role::Value(ValueColumn::Ck)), Some(6));
        assert_eq!(t.col(Role::Value(ValueColumn::PctKh)), Some(7));
        assert_eq!(t.col(Role::Value(ValueColumn::PctCk)), Some(8));
    }

    #[test]
    fn a_task_table_is_not_an_indicator_table() {
        let g = grid(
            &[&[
                "TT",
                "Nội dung",
                "Tiến độ",
                "Cơ quan chủ trì",
                "Cơ quan phối hợp",
            ]],
            vec![],
        );
        assert_eq!(find_table(&g, &words()), None);
    }
}
