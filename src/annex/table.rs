//! Finding the task table in a sheet and reading its rows into tasks.
//!
//! ```text
//!  UBND QUẬN …                      title rows: who sent it
//!  PHÒNG TÀI CHÍNH - KẾ HOẠCH
//!  TT | Nội dung | Tiến độ | Cơ quan chủ trì | Cơ quan phối hợp | (Lĩnh vực)
//!  I  | VỀ KINH TẾ - TÀI CHÍNH - NGÂN SÁCH                 section row (Roman)
//!     | II/. Đầu tư xây dựng cơ bản:                        section row, kept as sub-section
//!  1. | Thu ngân sách:                                      sub-section row (numbered, no other field)
//!  1  | Rà soát …  | Tháng 5/2020 | P.TCKH | UBND 16 phường   task
//!     | … tiếp theo của nội dung                            continues the task above
//! ```
//!
//! The header may take two rows ("Cơ quan thực hiện" merged over "Chủ trì"
//! and "Phối hợp") and may be followed by a row of column numbers. A row
//! whose content cell is merged down from the row above adds its agencies
//! (and deadline, when the task had none) to that task.

use crate::annex::settings::{AnnexSettings, ColumnWords};
use crate::ingest::sheet::data_text;
use crate::ingest::SheetGrid;
use crate::model::parse_roman;
use crate::normalize::text::{clean, clean_multiline, fold};
use crate::normalize::title::AgencyMatcher;
use calamine::Data;
use regex::Regex;
use std::sync::OnceLock;

/// Rows searched for the header.
const HEADER_ROWS: u32 = 30;

/// What a column of a task table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskRole {
    Stt,
    Content,
    Deadline,
    Lead,
    Coord,
    Field,
}

/// The header words of task tables, folded once.
pub struct TaskHeaderWords {
    words: Vec<(String, TaskRole)>,
}

impl TaskHeaderWords {
    pub fn new(columns: &ColumnWords) -> TaskHeaderWords {
        let mut words = Vec::new();
        for (list, role) in [
            (&columns.stt, TaskRole::Stt),
            (&columns.content, TaskRole::Content),
            (&columns.deadline, TaskRole::Deadline),
            (&columns.lead, TaskRole::Lead),
            (&columns.coord, TaskRole::Coord),
            (&columns.field, TaskRole::Field),
        ] {
            for w in list {
                let f = fold(w);
                if !f.is_empty() {
                    words.push((f, role));
                }
            }
        }
        TaskHeaderWords { words }
    }

    /// The role a header label names: the longest header word it holds as
    /// whole words (a label of more than eight words is no header).
    pub fn classify(&self, label: &str) -> Option<TaskRole> {
        let f = fold(label);
        if f.is_empty() || f.split(' ').count() > 8 {
            return None;
        }
        let padded = format!(" {f} ");
        let mut best: Option<(usize, TaskRole)> = None;
        for (w, role) in &self.words {
            if padded.contains(&format!(" {w} ")) && best.is_none_or(|(len, _)| w.len() > len) {
                best = Some((w.len(), *role));
            }
        }
        best.map(|(_, r)| r)
    }
}

/// Where the columns of a task table are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskLayout {
    /// First header row (0-based).
    pub header_first: u32,
    /// First row after the header.
    pub data_start: u32,
    pub stt: Option<u32>,
    /// The content columns (a header merged across several).
    pub content: Vec<u32>,
    pub deadline: Option<u32>,
    pub lead: Option<u32>,
    pub coord: Option<u32>,
    pub field: Option<u32>,
}

fn roles_of_row(grid: &SheetGrid, row: u32, words: &TaskHeaderWords) -> Vec<(u32, u32, TaskRole)> {
    let mut out = Vec::new();
    for c in grid.cols() {
        let text = grid.text(row, c);
        if text.is_empty() {
            continue;
        }
        if let Some(role) = words.classify(&text) {
            let last = grid.merge_at(row, c).map(|m| m.end.1).unwrap_or(c);
            out.push((c, last, role));
        }
    }
    out
}

/// Finds the header of a task table: a row naming a content column and a
/// deadline or lead column, in the first 30 rows.
pub fn find_task_table(grid: &SheetGrid, words: &TaskHeaderWords) -> Option<TaskLayout> {
    let rows = grid.rows();
    let end = rows.end.min(rows.start.saturating_add(HEADER_ROWS));
    for r in rows.start..end {
        let upper = roles_of_row(grid, r, words);
        let has = |role| upper.iter().any(|(_, _, x)| *x == role);
        if !has(TaskRole::Content) || !(has(TaskRole::Deadline) || has(TaskRole::Lead)) {
            continue;
        }
        let mut layout = TaskLayout {
            header_first: r,
            data_start: r + 1,
            stt: None,
            content: Vec::new(),
            deadline: None,
            lead: None,
            coord: None,
            field: None,
        };
        let assign = |c: u32, last: u32, role: TaskRole, layout: &mut TaskLayout| match role {
            TaskRole::Stt => layout.stt = Some(c),
            TaskRole::Content => layout.content = (c..=last).collect(),
            TaskRole::Deadline => layout.deadline = Some(c),
            TaskRole::Lead => layout.lead = Some(c),
            TaskRole::Coord => layout.coord = Some(c),
            TaskRole::Field => layout.field = Some(c),
        };
        for &(c, last, role) in &upper {
            assign(c, last, role, &mut layout);
        }
        // A second header row ("Chủ trì" | "Phối hợp" under a merged
        // "Cơ quan thực hiện").
        if r + 1 < rows.end {
            let lower = roles_of_row(grid, r + 1, words);
            let all_short = grid
                .row_texts(r + 1)
                .iter()
                .all(|(_, t)| t.chars().count() <= 40);
            if !lower.is_empty() && all_short {
                for (c, last, role) in lower {
                    assign(c, last, role, &mut layout);
                }
                layout.data_start = r + 2;
            }
        }
        // A row of column numbers: (1) (2) (3) …
        let texts = grid.row_texts(layout.data_start);
        if texts.len() >= 3 && texts.iter().all(|(_, t)| is_column_number(t)) {
            layout.data_start += 1;
        }
        return Some(layout);
    }
    None
}

fn is_column_number(t: &str) -> bool {
    let t = t.trim_start_matches('(').trim_end_matches(')');
    !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit())
}

/// A cell of the source with its text and position.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceCell {
    pub text: String,
    pub row: u32,
    pub col: u32,
    /// The Excel serial day of a date cell.
    pub serial: Option<f64>,
}

/// A task as read from a table, before any check.
#[derive(Clone, Debug, PartialEq)]
pub struct RawTask {
    pub row: u32,
    pub content: SourceCell,
    pub deadline: SourceCell,
    pub lead: SourceCell,
    pub coord: SourceCell,
    /// Section index from a Lĩnh vực value or a section row.
    pub section: Option<usize>,
    pub subsection: Option<String>,
}

/// The text of a cell as written: lines kept, each trimmed, NFC.
fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => clean_multiline(s),
        other => data_text(other),
    }
}

/// What one row of the table holds.
#[derive(Default)]
struct RowCells {
    stt: String,
    content: SourceCell,
    deadline: SourceCell,
    lead: SourceCell,
    coord: SourceCell,
    field: String,
    /// The content cell is merged down from the row above.
    content_continued: bool,
}

impl RowCells {
    fn has_fields(&self) -> bool {
        !self.deadline.text.is_empty() || !self.lead.text.is_empty() || !self.coord.text.is_empty()
    }
    fn is_empty(&self) -> bool {
        self.stt.is_empty()
            && self.content.text.is_empty()
            && !self.has_fields()
            && self.field.is_empty()
    }
}

fn read_row(grid: &SheetGrid, r: u32, layout: &TaskLayout) -> RowCells {
    // A cell merged down from above belongs to the row where it starts.
    let own = |c: u32| -> Option<&Data> {
        match grid.merge_origin(r, c) {
            Some((r0, _)) if r0 < r => None,
            Some((r0, c0)) => Some(grid.raw(r0, c0)),
            None => Some(grid.raw(r, c)),
        }
    };
    let first_col = layout.content.first().copied().unwrap_or(0);
    // A column the table lacks points at the content cell.
    let source = |col: Option<u32>| -> SourceCell {
        let Some(c) = col else {
            return SourceCell {
                row: r,
                col: first_col,
                ..Default::default()
            };
        };
        let (text, serial) = match own(c) {
            Some(Data::DateTime(dt)) => {
                let s = dt.as_f64();
                (
                    crate::annex::deadline::date_text(s).unwrap_or_default(),
                    Some(s),
                )
            }
            Some(d) => (cell_text(d), None),
            None => (String::new(), None),
        };
        SourceCell {
            text,
            row: r,
            col: c,
            serial,
        }
    };
    let mut parts = Vec::new();
    let mut continued = false;
    for &c in &layout.content {
        match grid.merge_origin(r, c) {
            Some((r0, _)) if r0 < r => continued = true,
            Some((_, c0)) if c0 != c && layout.content.contains(&c0) => {}
            _ => {
                let t = own(c).map(cell_text).unwrap_or_default();
                if !t.is_empty() {
                    parts.push(t);
                }
            }
        }
    }
    RowCells {
        stt: layout
            .stt
            .and_then(|c| own(c).map(data_text))
            .unwrap_or_default(),
        content: SourceCell {
            text: parts.join(" "),
            row: r,
            col: first_col,
            serial: None,
        },
        deadline: source(layout.deadline),
        lead: source(layout.lead),
        coord: source(layout.coord),
        field: layout
            .field
            .and_then(|c| own(c).map(data_text))
            .unwrap_or_default(),
        content_continued: continued
            && layout
                .content
                .iter()
                .all(|&c| grid.merge_origin(r, c).is_some_and(|(r0, _)| r0 < r)),
    }
}

struct Patterns {
    roman_stt: Regex,
    roman_content: Regex,
    numbered_stt: Regex,
    numbered_content: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        #[allow(clippy::expect_used)]
        let mk = |p: &str| Regex::new(p).expect("invariant: the row patterns are valid");
        Patterns {
            roman_stt: mk(r"^([IVXivx]{1,5})\s*[./):-]*$"),
            roman_content: mk(r"^([IVX]{1,5})\s*[./):-]+\s*(\S.*)$"),
            numbered_stt: mk(r"^(?:\d{1,3}(?:\.\d{1,3})*|[a-zđ])\s*[./)]?$"),
            numbered_content: mk(r"^(?:\d{1,3}(?:\.\d{1,3})*|[a-zđ])\s*[./)]+\s*(\S.*)$"),
        }
    })
}

/// A section heading: the Roman numeral and the title.
fn roman_heading(cells: &RowCells) -> Option<String> {
    let p = patterns();
    let content = cells.content.text.replace('\n', " ");
    if let Some(c) = p.roman_stt.captures(&cells.stt) {
        if parse_roman(c.get(1)?.as_str()).is_some() && !content.is_empty() {
            return Some(content);
        }
    }
    if cells.stt.is_empty() {
        let c = p.roman_content.captures(&content)?;
        parse_roman(c.get(1)?.as_str())?;
        return Some(c.get(2)?.as_str().to_string());
    }
    None
}

/// A numbered row: "1." in the TT column or "1. …" / "a) …" in the
/// content; the title without its number.
fn numbered(cells: &RowCells) -> Option<String> {
    let p = patterns();
    let content = cells.content.text.replace('\n', " ");
    if content.is_empty() {
        return None;
    }
    if !cells.stt.is_empty() {
        return p.numbered_stt.is_match(&cells.stt).then_some(content);
    }
    let c = p.numbered_content.captures(&content)?;
    Some(c.get(1)?.as_str().to_string())
}

/// A heading's title as written in the annex: trimmed of numbering
/// punctuation and the closing colon.
fn heading_title(s: &str) -> String {
    clean(s)
        .trim_end_matches([':', '.', ';'])
        .trim()
        .to_string()
}

/// Words that open the signature block under a table.
const SIGNATURE_WORDS: [&str; 9] = [
    "noi nhan",
    "tm ubnd",
    "tm uy ban",
    "kt chu tich",
    "chu tich",
    "nguoi lap",
    "truong phong",
    "thu truong",
    "giam doc",
];

/// A row that opens the signature block: one of its cells starts with a
/// signature word, and it has no deadline.
fn is_signature(grid: &SheetGrid, row: u32, cells: &RowCells) -> bool {
    cells.deadline.text.is_empty()
        && grid.row_texts(row).iter().any(|(_, t)| {
            let f = fold(t);
            SIGNATURE_WORDS
                .iter()
                .any(|w| f == *w || f.starts_with(&format!("{w} ")))
        })
}

/// The tasks of a table, with the section each row's heading or Lĩnh vực
/// value names.
pub fn read_tasks(grid: &SheetGrid, layout: &TaskLayout, settings: &AnnexSettings) -> Vec<RawTask> {
    let rows: Vec<RowCells> = (layout.data_start..grid.rows().end)
        .map(|r| read_row(grid, r, layout))
        .collect();
    let mut tasks: Vec<RawTask> = Vec::new();
    let mut section: Option<usize> = None;
    let mut subsection: Option<String> = None;
    // Whether a row without a number may continue the last task.
    let mut open = false;
    for (k, cells) in rows.iter().enumerate() {
        if cells.is_empty() {
            continue;
        }
        if is_signature(grid, cells.content.row, cells) {
            break;
        }
        if cells.content_continued {
            if let Some(last) = tasks.last_mut().filter(|_| open) {
                for (to, from) in [
                    (&mut last.lead, &cells.lead),
                    (&mut last.coord, &cells.coord),
                ] {
                    append_line(to, from);
                }
                if last.deadline.text.is_empty() && !cells.deadline.text.is_empty() {
                    last.deadline = cells.deadline.clone();
                }
            }
            continue;
        }
        if !cells.has_fields() && cells.field.is_empty() {
            if let Some(h) = roman_heading(cells) {
                let title = heading_title(&h);
                match settings.classify_heading(&title) {
                    Some((s, whole)) => {
                        section = Some(s);
                        subsection = (!whole).then_some(title);
                    }
                    None => {
                        section = None;
                        subsection = Some(title);
                    }
                }
                open = false;
                continue;
            }
            let next_is_task = rows
                .iter()
                .skip(k + 1)
                .find(|c| !c.is_empty())
                .is_some_and(|c| c.has_fields());
            let colon = cells.content.text.trim_end().ends_with(':');
            if let Some(title) = numbered(cells).filter(|_| next_is_task || colon) {
                subsection = Some(heading_title(&title));
                open = false;
                continue;
            }
            if cells.stt.is_empty() && !cells.content.text.is_empty() {
                match tasks.last_mut().filter(|_| open && !colon) {
                    Some(last) => {
                        last.content.text.push('\n');
                        last.content.text.push_str(&cells.content.text);
                    }
                    None => {
                        subsection = Some(heading_title(&cells.content.text));
                        open = false;
                    }
                }
                continue;
            }
        }
        let (task_section, task_sub) = if cells.field.is_empty() {
            (section, subsection.clone())
        } else {
            (
                settings.classify_heading(&cells.field).map(|(s, _)| s),
                None,
            )
        };
        tasks.push(RawTask {
            row: cells.content.row,
            content: cells.content.clone(),
            deadline: cells.deadline.clone(),
            lead: cells.lead.clone(),
            coord: cells.coord.clone(),
            section: task_section,
            subsection: task_sub,
        });
        open = true;
    }
    tasks
}

fn append_line(to: &mut SourceCell, from: &SourceCell) {
    if from.text.is_empty() {
        return;
    }
    if to.text.is_empty() {
        *to = from.clone();
    } else {
        to.text.push('\n');
        to.text.push_str(&from.text);
    }
}

/// Who sent a sheet: the longest agency name in the rows above the header,
/// else in the sheet name.
pub fn sender_of_sheet(
    grid: &SheetGrid,
    layout: &TaskLayout,
    matcher: &AgencyMatcher,
) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for r in grid.rows().start..layout.header_first {
        for (_, text) in grid.row_texts(r) {
            if let Some((idx, len)) = matcher.find_in(&text) {
                if best.is_none_or(|(_, l)| len > l) {
                    best = Some((idx, len));
                }
            }
        }
    }
    best.map(|(i, _)| i)
        .or_else(|| matcher.find_in(&grid.name).map(|(i, _)| i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Template;
    use calamine::{Dimensions, Range};

    fn s(t: &str) -> Data {
        Data::String(t.to_string())
    }

    fn grid(rows: Vec<Vec<&str>>, merges: Vec<Dimensions>) -> SheetGrid {
        let h = rows.len() as u32;
        let w = rows.iter().map(|r| r.len()).max().unwrap() as u32;
        let mut range = Range::new((0, 0), (h - 1, w - 1));
        for (r, row) in rows.into_iter().enumerate() {
            for (c, v) in row.into_iter().enumerate() {
                if !v.is_empty() {
                    range.set_value((r as u32, c as u32), s(v));
                }
            }
        }
        SheetGrid::new("S".into(), range, merges)
    }

    fn settings() -> AnnexSettings {
        AnnexSettings::from_template(&Template::builtin().unwrap()).unwrap()
    }

    #[test]
    fn section_rows_sub_sections_and_continuations() {
        let g = grid(
            vec![
                vec!["PHÒNG TÀI CHÍNH - KẾ HOẠCH"],
                vec![
                    "TT",
                    "Nội dung",
                    "Tiến độ",
                    "Cơ quan chủ trì",
                    "Cơ quan phối hợp",
                ],
                vec!["(1)", "(2)", "(3)", "(4)", "(5)"],
                vec!["I", "VỀ KINH TẾ - TÀI CHÍNH - NGÂN SÁCH"],
                vec![
                    "1",
                    "Thu ngân sách\n  từng tháng ",
                    "Tháng 5/2020",
                    "P.TCKH",
                    "",
                ],
                vec!["", "và báo cáo kết quả", "", "", ""],
                vec!["", "II/. Đầu tư xây dựng cơ bản:"],
                vec!["1.", "Giải ngân vốn:"],
                vec![
                    "2",
                    "Giải ngân vốn đầu tư công",
                    "Quý II/2020",
                    "Ban QLDA",
                    "P.TCKH",
                ],
                vec!["", "Nơi nhận:"],
                vec!["3", "Không đọc", "Quý II/2020", "Ban QLDA", ""],
            ],
            vec![],
        );
        let st = settings();
        let words = TaskHeaderWords::new(&st.columns);
        let layout = find_task_table(&g, &words).unwrap();
        assert_eq!(layout.header_first, 1);
        assert_eq!(layout.data_start, 3);
        assert_eq!(
            (layout.stt, layout.deadline, layout.coord),
            (Some(0), Some(2), Some(4))
        );
        let tasks = read_tasks(&g, &layout, &st);
        assert_eq!(tasks.len(), 2);
        assert_eq!(
            tasks[0].content.text,
            "Thu ngân sách\ntừng tháng\nvà báo cáo kết quả"
        );
        assert_eq!(
            (tasks[0].section, tasks[0].subsection.as_deref()),
            (Some(0), None)
        );
        assert_eq!(tasks[1].section, Some(1));
        assert_eq!(tasks[1].subsection.as_deref(), Some("Giải ngân vốn"));
        assert_eq!(tasks[1].deadline.text, "Quý II/2020");
        let t = Template::builtin().unwrap();
        let m = AgencyMatcher::new(&t);
        assert_eq!(sender_of_sheet(&g, &layout, &m), t.agency_index("P.TCKH"));
    }

    #[test]
    fn two_row_headers_field_columns_and_merged_contents() {
        let g = grid(
            vec![
                vec![
                    "STT",
                    "Lĩnh vực",
                    "Nội dung công việc",
                    "",
                    "Thời gian thực hiện",
                    "Cơ quan thực hiện",
                    "",
                ],
                vec!["", "", "", "", "", "Chủ trì", "Phối hợp"],
                vec![
                    "1",
                    "Văn hóa - xã hội",
                    "Lễ hội",
                    "",
                    "Tháng 4/2020",
                    "Phòng VHTT",
                    "Phường 1",
                ],
                vec!["", "", "", "", "", "", "Phường 2"],
                vec![
                    "2",
                    "Trật tự đô thị",
                    "Ra quân",
                    "",
                    "Quý II/2020",
                    "P.QLĐT",
                    "",
                ],
            ],
            vec![
                Dimensions::new((0, 2), (0, 3)),
                Dimensions::new((0, 5), (0, 6)),
                Dimensions::new((2, 2), (3, 3)),
                Dimensions::new((4, 2), (4, 3)),
            ],
        );
        let st = settings();
        let words = TaskHeaderWords::new(&st.columns);
        let layout = find_task_table(&g, &words).unwrap();
        assert_eq!(layout.content, vec![2, 3]);
        assert_eq!(
            (layout.lead, layout.coord, layout.field),
            (Some(5), Some(6), Some(1))
        );
        assert_eq!(layout.data_start, 2);
        let tasks = read_tasks(&g, &layout, &st);
        assert_eq!(tasks.len(), 2);
        assert_eq!(tasks[0].coord.text, "Phường 1\nPhường 2");
        assert_eq!(tasks[0].section, Some(2));
        assert_eq!(tasks[1].section, Some(1));
        assert_eq!(tasks[1].content.text, "Ra quân");
    }

    #[test]
    fn a_sheet_without_a_task_header_is_not_a_task_table() {
        let g = grid(
            vec![vec!["STT", "Chỉ tiêu", "ĐVT", "Thực hiện quý"]],
            vec![],
        );
        let words = TaskHeaderWords::new(&settings().columns);
        assert_eq!(find_task_table(&g, &words), None);
    }
}
