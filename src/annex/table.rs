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
//! (and deadline, when the task had none) to that task; a deadline, agency
//! or field cell merged down over several tasks belongs to each of them.

use crate::annex::settings::{AnnexSettings, ColumnWords};
use crate::ingest::sheet::data_text;
use crate::ingest::styles::SheetStyles;
use crate::ingest::SheetGrid;
use crate::model::{parse_roman, Period};
use crate::normalize::title::{period_in, AgencyMatcher};
use crate::text::{clean, clean_multiline, fold};
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
    /// whole words (a label of more than eight words is no header). A
    /// label that names a result or a status ("Kết quả/Tiến độ", "Tình
    /// hình thực hiện") is no deadline column, whatever deadline word it
    /// holds: its cells say how far the work went, not when it is due.
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
        match best {
            Some((_, TaskRole::Deadline)) if holds_any(&padded, &RESULT_WORDS) => None,
            other => other.map(|(_, r)| r),
        }
    }
}

/// Words of a header that names what was achieved, not when: such a
/// column is never the deadline.
const RESULT_WORDS: [&str; 7] = [
    "ket qua",
    "tinh hinh",
    "danh gia",
    "trang thai",
    "muc do",
    "ty le",
    "da thuc hien",
];

/// Words of a header that names a time: "Thời gian hoàn thành" is a
/// deadline before "Tiến độ thực hiện", which may report progress.
const TIME_WORDS: [&str; 6] = [
    "thoi gian",
    "thoi han",
    "han",
    "hoan thanh",
    "ngay",
    "thang",
];

/// Whether a folded text, padded with spaces, holds one of the words.
fn holds_any(padded: &str, words: &[&str]) -> bool {
    words.iter().any(|w| padded.contains(&format!(" {w} ")))
}

/// How surely a deadline header names the deadline: 2 when it names a
/// time ("Thời gian hoàn thành", "Thời hạn"), else 1 ("Tiến độ").
fn deadline_score(label: &str) -> u8 {
    if holds_any(&format!(" {} ", fold(label)), &TIME_WORDS) {
        2
    } else {
        1
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
    /// A column of the task's status ("Tình trạng", "Tình hình thực
    /// hiện"): never printed, compared when two departments list one task.
    pub status: Option<u32>,
    /// A column of notes ("Ghi chú"): never printed, read beside the
    /// status («Hoàn thành» with «đang tiếp tục triển khai»).
    pub note: Option<u32>,
}

/// Words of a header that names a task's status.
const STATUS_WORDS: [&str; 4] = [
    "tinh trang",
    "tinh hinh thuc hien",
    "trang thai",
    "ket qua thuc hien",
];

/// The status column of a header row, if any (a label that is no other
/// role and holds a status word).
fn status_column(grid: &SheetGrid, row: u32, words: &TaskHeaderWords) -> Option<u32> {
    grid.cols().find(|&c| {
        let text = grid.text(row, c);
        let padded = format!(" {} ", fold(&text));
        !text.is_empty() && words.classify(&text).is_none() && holds_any(&padded, &STATUS_WORDS)
    })
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

/// The notes column of a header row ("Ghi chú"), if any: a label that is
/// no other role.
fn note_column(grid: &SheetGrid, row: u32, words: &TaskHeaderWords) -> Option<u32> {
    grid.cols().find(|&c| {
        let text = grid.text(row, c);
        !text.is_empty() && words.classify(&text).is_none() && fold(&text).trim() == "ghi chu"
    })
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
            status: status_column(grid, r, words),
            note: note_column(grid, r, words),
        };
        // Two deadline columns ("Thời gian hoàn thành" and "Tiến độ thực
        // hiện" beside it): the one whose title names a time wins, else the
        // first; never silently the last.
        let mut deadline_best = 0u8;
        let mut assign =
            |row: u32, (c, last, role): (u32, u32, TaskRole), layout: &mut TaskLayout| match role {
                TaskRole::Stt => layout.stt = Some(c),
                TaskRole::Content => layout.content = (c..=last).collect(),
                TaskRole::Deadline => {
                    let score = deadline_score(&grid.text(row, c));
                    if score > deadline_best {
                        deadline_best = score;
                        layout.deadline = Some(c);
                    }
                }
                TaskRole::Lead => layout.lead = Some(c),
                TaskRole::Coord => layout.coord = Some(c),
                TaskRole::Field => layout.field = Some(c),
            };
        for &found in &upper {
            assign(r, found, &mut layout);
        }
        // A second header row ("Chủ trì" | "Phối hợp" under a merged
        // "Cơ quan thực hiện").
        // A section row right under the header ("III. LĨNH VỰC VĂN HÓA - XÃ
        // HỘI" merged across) names a field too, but it is one text: the
        // labels of a second header row differ, or sit under a header cell
        // merged across them.
        if r + 1 < rows.end {
            let lower = roles_of_row(grid, r + 1, words);
            let all_short = grid
                .row_texts(r + 1)
                .iter()
                .all(|(_, t)| t.chars().count() <= 40);
            let mut labels: Vec<String> = lower
                .iter()
                .map(|&(c, _, _)| fold(&grid.text(r + 1, c)))
                .collect();
            labels.sort();
            labels.dedup();
            let under_merge = lower.iter().all(|&(c, _, _)| {
                grid.merge_origin(r, c)
                    .and_then(|(r0, c0)| grid.merge_at(r0, c0))
                    .or_else(|| grid.merge_at(r, c))
                    .is_some_and(|m| m.start.1 < m.end.1)
            });
            if !lower.is_empty() && all_short && (labels.len() >= 2 || under_merge) {
                for found in lower {
                    assign(r + 1, found, &mut layout);
                }
                layout.data_start = r + 2;
                layout.status = layout.status.or(status_column(grid, r + 1, words));
                layout.note = layout.note.or(note_column(grid, r + 1, words));
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
    /// The status written in the table's status column, if it has one.
    pub status: String,
    /// The status cell's column, when the table has one.
    pub status_col: Option<u32>,
    /// The note written in the table's notes column ("Ghi chú").
    pub note: String,
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
    /// One text spanning the row: a heading, never a task.
    span: Option<String>,
    /// The deadline, agencies and field of cells merged down over this row
    /// from a row of the table above: a task of its own takes them.
    above: FromAbove,
}

/// What a row's deadline, agency and field cells show through merges that
/// start on a row above it:
///
/// ```text
/// TT | Nội dung | Tiến độ      | Cơ quan chủ trì
/// 2  | Task A   | Quý III/2020 | Phòng QLĐT   ← merge D11:D12 starts here
/// 3  | Task B   | Quý IV/2020  | (covered)    ← Task B's lead is Phòng QLĐT too
/// ```
///
/// They never make a row a task, nor a heading: a row without a number and
/// without a field of its own still continues the task above, whose own
/// row holds the merge already.
#[derive(Default)]
struct FromAbove {
    deadline: SourceCell,
    lead: SourceCell,
    coord: SourceCell,
    field: String,
}

impl FromAbove {
    fn is_empty(&self) -> bool {
        self.deadline.text.is_empty()
            && self.lead.text.is_empty()
            && self.coord.text.is_empty()
            && self.field.is_empty()
    }
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

fn read_row(
    grid: &SheetGrid,
    r: u32,
    layout: &TaskLayout,
    styles: Option<&SheetStyles>,
) -> RowCells {
    // A cell merged down from above belongs to the row where it starts.
    let own = |c: u32| -> Option<&Data> {
        match grid.merge_origin(r, c) {
            Some((r0, _)) if r0 < r => None,
            Some((r0, c0)) => Some(grid.raw(r0, c0)),
            None => Some(grid.raw(r, c)),
        }
    };
    let first_col = layout.content.first().copied().unwrap_or(0);
    // A cell merged down over this row from a row of the table above: the
    // merge's value, which belongs to every row it spans.
    let above = |c: u32| -> Option<&Data> {
        match grid.merge_origin(r, c) {
            Some((r0, c0)) if r0 < r && r0 >= layout.data_start => Some(grid.raw(r0, c0)),
            _ => None,
        }
    };
    // A column the table lacks points at the content cell.
    let source = |col: Option<u32>, merged: bool| -> SourceCell {
        let Some(c) = col else {
            return SourceCell {
                row: r,
                col: first_col,
                ..Default::default()
            };
        };
        let data = if merged { above(c) } else { own(c) };
        let (text, serial) = match data {
            Some(Data::DateTime(dt)) => {
                let s = crate::ingest::sheet::serial_1900(dt);
                // "12/2025" typed becomes a date shown "Dec-25": a month.
                let (r0, c0) = grid.merge_origin(r, c).unwrap_or((r, c));
                match styles.and_then(|st| st.date_without_day(r0, c0)) {
                    Some(shown) => (
                        crate::annex::deadline::month_text(s, shown).unwrap_or_default(),
                        None,
                    ),
                    None => (
                        crate::annex::deadline::date_text(s).unwrap_or_default(),
                        Some(s),
                    ),
                }
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
    let stt = layout
        .stt
        .and_then(|c| own(c).map(data_text))
        .unwrap_or_default();
    let span = spanning_text(grid, r, layout, &stt);
    RowCells {
        stt,
        content: SourceCell {
            text: parts.join(" "),
            row: r,
            col: first_col,
            serial: None,
        },
        deadline: source(layout.deadline, false),
        lead: source(layout.lead, false),
        coord: source(layout.coord, false),
        field: layout
            .field
            .and_then(|c| own(c).map(data_text))
            .unwrap_or_default(),
        above: FromAbove {
            deadline: source(layout.deadline, true),
            lead: source(layout.lead, true),
            coord: source(layout.coord, true),
            field: layout
                .field
                .and_then(|c| above(c).map(data_text))
                .unwrap_or_default(),
        },
        content_continued: continued
            && layout
                .content
                .iter()
                .all(|&c| grid.merge_origin(r, c).is_some_and(|(r0, _)| r0 < r)),
        span,
    }
}

/// The text a cell shows within its own row: a cell covered by a merge
/// that starts to its left in the same row shows that merge's text; one
/// covered from a row above shows nothing.
fn shown_in_row(grid: &SheetGrid, r: u32, c: u32) -> String {
    match grid.merge_origin(r, c) {
        Some((r0, c0)) if r0 == r => data_text(grid.raw(r0, c0)),
        Some(_) => String::new(),
        None => data_text(grid.raw(r, c)),
    }
}

/// One text that spans the row, as a section heading does:
///
/// ```text
/// TT | Nội dung                     | Tiến độ | Chủ trì | Phối hợp
/// II. LĨNH VỰC ĐÔ THỊ …  (merged over the whole row)           ← merge
/// a) Chỉnh trang … | a) Chỉnh trang … | a) Chỉnh trang … | …   ← the same text in every cell
/// III | LĨNH VỰC VĂN HÓA - XÃ HỘI (merged over the other columns) ← numeral in TT
/// 1. Giáo dục - đào tạo:  |  |  |  |                            ← a merge the reader lost
/// ```
///
/// The content and every deadline or agency column show the same text (TT
/// may hold it, a numeral, or nothing); or the TT cell alone holds a text
/// that is more than a row number. Returns the heading with TT's numeral
/// in front.
fn spanning_text(grid: &SheetGrid, r: u32, layout: &TaskLayout, stt: &str) -> Option<String> {
    let content = layout
        .content
        .first()
        .map(|&c| shown_in_row(grid, r, c))
        .unwrap_or_default();
    let fields: Vec<u32> = [layout.deadline, layout.lead, layout.coord]
        .into_iter()
        .flatten()
        .collect();
    if content.is_empty() {
        let alone = fields.iter().all(|&c| shown_in_row(grid, r, c).is_empty())
            && layout
                .content
                .iter()
                .all(|&c| shown_in_row(grid, r, c).is_empty());
        let is_number = patterns().numbered_stt.is_match(stt) || patterns().roman_stt.is_match(stt);
        return (alone && !stt.is_empty() && !is_number).then(|| stt.to_string());
    }
    let key = fold(&content);
    let spans = !fields.is_empty()
        && !key.is_empty()
        && fields
            .iter()
            .all(|&c| fold(&shown_in_row(grid, r, c)) == key);
    if !spans {
        return None;
    }
    if stt.is_empty() || fold(stt) == key {
        return Some(content);
    }
    let p = patterns();
    if !(p.roman_stt.is_match(stt) || p.numbered_stt.is_match(stt)) {
        return None;
    }
    // "III" and "LĨNH VỰC …" read as "III. LĨNH VỰC …".
    let dot = if stt.ends_with(['.', '/', ')', ':', '-']) {
        ""
    } else {
        "."
    };
    Some(format!("{stt}{dot} {content}"))
}

struct Patterns {
    roman_stt: Regex,
    roman_content: Regex,
    numbered_stt: Regex,
    numbered_content: Regex,
    /// "KT.", "TM.", "Q.", "TL." before a signer's title (lower case).
    authority: Regex,
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
            authority: mk(
                r"^(?:(?:kt|tm|q|tl|tuq|ktm)\s*\.|(?:kt|tm)\s+(?:ubnd|ủy ban|uỷ ban|chủ tịch|giám đốc|trưởng)|(?:ký thay|thay mặt|thừa lệnh|thừa ủy quyền|thừa uỷ quyền)\s)",
            ),
        }
    })
}

/// What a heading row opens, by its marker.
#[derive(Debug, PartialEq)]
enum Heading {
    /// "I. …", "II/. …", "III" in TT, "Lĩnh vực …": a section of the
    /// source.
    Section(String),
    /// "1. …", "1/. …", "a) …": a sub-section.
    Sub(String),
    /// No marker.
    Plain(String),
}

/// The heading a text makes, by its marker; the title without it.
fn heading_of(text: &str) -> Heading {
    let p = patterns();
    let text = text.replace('\n', " ");
    if let Some(c) = p.roman_content.captures(&text) {
        if let (Some(n), Some(t)) = (c.get(1), c.get(2)) {
            if parse_roman(n.as_str()).is_some() {
                return Heading::Section(t.as_str().to_string());
            }
        }
    }
    if fold(&text).starts_with("linh vuc ") {
        return Heading::Section(text);
    }
    if let Some(t) = p.numbered_content.captures(&text).and_then(|c| c.get(1)) {
        return Heading::Sub(t.as_str().to_string());
    }
    Heading::Plain(text)
}

/// A section heading of a row with no deadline or agency: the Roman
/// numeral in TT or before the title, or a title that opens with "Lĩnh
/// vực". The title.
fn section_heading(cells: &RowCells) -> Option<String> {
    let p = patterns();
    let content = cells.content.text.replace('\n', " ");
    if let Some(c) = p.roman_stt.captures(&cells.stt) {
        if parse_roman(c.get(1)?.as_str()).is_some() && !content.is_empty() {
            return Some(content);
        }
    }
    if !cells.stt.is_empty() && !p.numbered_stt.is_match(&cells.stt) {
        return None;
    }
    match heading_of(&content) {
        Heading::Section(t) if cells.stt.is_empty() || fold(&content).starts_with("linh vuc ") => {
            Some(t)
        }
        _ => None,
    }
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
    match heading_of(&content) {
        Heading::Sub(t) => Some(t),
        _ => None,
    }
}

/// Where the reading stands: the section and sub-section the next task
/// goes to.
struct Place {
    section: Option<usize>,
    subsection: Option<String>,
}

impl Place {
    /// A section of the source: the annex section its title names, kept
    /// as a sub-section when it names only a part of it.
    fn open_section(&mut self, title: &str, settings: &AnnexSettings) {
        let title = heading_title(title);
        match settings.classify_heading(&title) {
            Some((s, whole)) => {
                self.section = Some(s);
                self.subsection = (!whole).then_some(title);
            }
            None => {
                self.section = None;
                self.subsection = Some(title);
            }
        }
    }

    /// A heading of any kind.
    fn open(&mut self, heading: Heading, settings: &AnnexSettings) {
        match heading {
            Heading::Section(t) => self.open_section(&t, settings),
            Heading::Sub(t) => self.subsection = Some(heading_title(&t)),
            Heading::Plain(t) => {
                let title = heading_title(&t);
                match settings.classify_heading(&title) {
                    Some((s, true)) => {
                        self.section = Some(s);
                        self.subsection = None;
                    }
                    _ => self.subsection = Some(title),
                }
            }
        }
    }
}

/// A heading's title as written in the annex: trimmed of numbering
/// punctuation and the closing colon.
fn heading_title(s: &str) -> String {
    clean(s)
        .trim_end_matches([':', '.', ';'])
        .trim()
        .to_string()
}

/// The titles a signature opens with, lower case with accents: "trưởng"
/// is a head, "trường" a school, so the accents count.
const POSITION_WORDS: [&str; 14] = [
    "trưởng",
    "phó",
    "chánh",
    "giám đốc",
    "chủ tịch",
    "chỉ huy",
    "thủ trưởng",
    "người lập",
    "người ký",
    "người duyệt",
    "bí thư",
    "chính trị viên",
    "kế toán trưởng",
    "thủ quỹ",
];

/// Family names that open a person's name (lower case): a name alone
/// under a table is the signer's. Names that are also the first word of
/// an office ("Đoàn", "Tô", "Văn") are left out.
const FAMILY_NAMES: [&str; 33] = [
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ",
    "hồ", "ngô", "dương", "lý", "trương", "đinh", "lâm", "lương", "mai", "cao", "thái", "trịnh",
    "lưu", "châu", "quách", "kiều", "tạ", "tăng", "triệu", "mạc", "tôn",
];

/// Whether a text is a line of the signature block under a table:
///
/// ```text
/// Nơi nhận:                   TRƯỞNG PHÒNG             "Nơi nhận", a title
/// - VP HĐND và UBND quận;     KT. TRƯỞNG PHÒNG         KT., TM., Q., TL. + a title
///                             PHÓ TRƯỞNG PHÒNG
///         Quận 3, ngày 05 tháng 10 năm 2025            a place and date line
///                             Nguyễn Văn A             a person's name
/// ```
fn is_signature_line(text: &str) -> bool {
    is_signature_title(text) || is_person_name(text)
}

/// "Nơi nhận", a place and date line, or a signer's title. A title
/// without KT./TM. is one of the position words first ("TRƯỞNG CÔNG AN
/// QUẬN", "Giám đốc", "Người lập biểu"), in capitals or of at most three
/// words: "Phó Chủ tịch UBND quận" may be a lead agency.
fn is_signature_title(text: &str) -> bool {
    let folded = fold(text);
    let fw: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    if fw.is_empty() {
        return false;
    }
    if folded.starts_with("noi nhan") {
        return true;
    }
    // "…, ngày 05 tháng 10 năm 2025", "ngày … tháng … năm 20…"
    let after = |w: &str, from: usize| {
        fw.iter()
            .skip(from)
            .position(|x| *x == w)
            .map(|i| i + from + 1)
    };
    if fw.len() <= 14
        && after("ngay", 0)
            .and_then(|i| after("thang", i))
            .and_then(|i| after("nam", i))
            .is_some()
    {
        return true;
    }
    let cleaned = clean(text);
    let lower = cleaned.to_lowercase();
    if let Some(m) = patterns().authority.find(&lower) {
        // "KT. TRƯỞNG PHÒNG", "TM. ỦY BAN NHÂN DÂN", "Q. CHÁNH VĂN PHÒNG"
        let rest = lower.get(m.end()..).unwrap_or_default();
        return fw.len() <= 10 && !rest.trim().is_empty();
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    let titled = POSITION_WORDS
        .iter()
        .any(|w| joined == *w || joined.starts_with(&format!("{w} ")));
    let capitals = !cleaned.chars().any(char::is_lowercase);
    titled && words.len() <= 6 && (capitals || words.len() <= 3)
}

/// A person's name: two to five capitalised words, a family name first
/// ("Nguyễn Văn A", "TRẦN THỊ B").
fn is_person_name(text: &str) -> bool {
    let cleaned = clean(text);
    let lower = cleaned.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.first().is_some_and(|w| FAMILY_NAMES.contains(w))
        && words.iter().all(|w| w.chars().all(char::is_alphabetic))
        && cleaned
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A row of the signature block under the table: every text on it is a
/// signature line (see [`is_signature_line`]), or it opens with "Nơi
/// nhận" and its content cell holds no task. A row whose content cell is
/// merged down from a task is part of that task.
fn is_signature(grid: &SheetGrid, row: u32, cells: &RowCells) -> bool {
    if cells.content_continued {
        return false;
    }
    let texts = grid.row_texts(row);
    if texts.is_empty() {
        return false;
    }
    // A name in the content column may continue a task ("Trần Hưng Đạo",
    // a street): only a title there opens the signature block.
    let no_task = cells.content.text.is_empty() || is_signature_title(&cells.content.text);
    no_task
        && (texts.iter().all(|(_, t)| is_signature_line(t))
            || texts.iter().any(|(_, t)| fold(t).starts_with("noi nhan")))
}

/// Adds a row without a task text of its own to the task above: its
/// agencies as new lines, its deadline when the task had none.
fn complete(task: &mut RawTask, cells: &RowCells) {
    for (to, from) in [
        (&mut task.lead, &cells.lead),
        (&mut task.coord, &cells.coord),
    ] {
        append_line(to, from);
    }
    if task.deadline.text.is_empty() && !cells.deadline.text.is_empty() {
        task.deadline = cells.deadline.clone();
    }
}

/// The tasks of a table, with the section each row's heading or Lĩnh vực
/// value names.
///
/// A row is a heading, never a task, when one text spans it (see
/// [`spanning_text`]), or when it has no deadline or agency of its own and
/// carries a section marker ("I.", "II/.", "III" in TT, "Lĩnh vực …"), or
/// a number ("1.", "1/.", "a)") and is followed by a task or ends in ":".
/// A real task may begin with a number too: it has its deadline or agency.
///
/// `styles` are the sheet's number formats, when its format keeps them: a
/// date cell whose format shows no day ("Dec-25") is a month deadline.
pub fn read_tasks(
    grid: &SheetGrid,
    layout: &TaskLayout,
    settings: &AnnexSettings,
    styles: Option<&SheetStyles>,
) -> Vec<RawTask> {
    let rows: Vec<RowCells> = (layout.data_start..grid.rows().end)
        .map(|r| read_row(grid, r, layout, styles))
        .collect();
    let mut tasks: Vec<RawTask> = Vec::new();
    let mut place = Place {
        section: None,
        subsection: None,
    };
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
                complete(last, cells);
            }
            continue;
        }
        if let Some(text) = &cells.span {
            place.open(heading_of(text), settings);
            open = false;
            continue;
        }
        // A numbered row under a merge from the task above is a task that
        // shares that task's cells, not a numbered heading.
        let shares_above = !cells.stt.is_empty() && !cells.above.is_empty();
        if !cells.has_fields() && cells.field.is_empty() && !shares_above {
            if let Some(title) = section_heading(cells) {
                place.open_section(&title, settings);
                open = false;
                continue;
            }
            let next_is_task = rows
                .iter()
                .skip(k + 1)
                .find(|c| !c.is_empty())
                .is_some_and(|c| c.has_fields() && c.span.is_none());
            let colon = cells.content.text.trim_end().ends_with(':');
            if let Some(title) = numbered(cells).filter(|_| next_is_task || colon) {
                place.subsection = Some(heading_title(&title));
                open = false;
                continue;
            }
            if cells.content.text.is_empty() {
                // A row number and nothing else: no task.
                continue;
            }
            if cells.stt.is_empty() {
                match tasks.last_mut().filter(|_| open && !colon) {
                    Some(last) => {
                        last.content.text.push('\n');
                        last.content.text.push_str(&cells.content.text);
                    }
                    None => {
                        place.subsection = Some(heading_title(&cells.content.text));
                        open = false;
                    }
                }
                continue;
            }
        }
        if cells.content.text.is_empty() {
            // No task text: never a task. Without a number, under a task,
            // it completes that task as a content cell merged down does
            // (a merge the reader lost).
            if let Some(last) = tasks.last_mut().filter(|_| open && cells.stt.is_empty()) {
                complete(last, cells);
            }
            continue;
        }
        // A cell merged over several tasks belongs to each of them.
        let or_above = |own: &SourceCell, above: &SourceCell| {
            if own.text.is_empty() && !above.text.is_empty() {
                above.clone()
            } else {
                own.clone()
            }
        };
        let field = if cells.field.is_empty() {
            &cells.above.field
        } else {
            &cells.field
        };
        let (task_section, task_sub) = if field.is_empty() {
            (place.section, place.subsection.clone())
        } else {
            (settings.classify_heading(field).map(|(s, _)| s), None)
        };
        tasks.push(RawTask {
            row: cells.content.row,
            content: cells.content.clone(),
            deadline: or_above(&cells.deadline, &cells.above.deadline),
            lead: or_above(&cells.lead, &cells.above.lead),
            coord: or_above(&cells.coord, &cells.above.coord),
            section: task_section,
            subsection: task_sub,
            status: layout
                .status
                .map(|c| grid.text(cells.content.row, c))
                .unwrap_or_default(),
            status_col: layout.status,
            note: layout
                .note
                .map(|c| grid.text(cells.content.row, c))
                .unwrap_or_default(),
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

/// Why a task table is no programme of the period: its title names
/// another period, or it reports results. Where that is said (0-based
/// row, column) and the text there.
#[derive(Clone, Debug, PartialEq)]
pub struct OffProgramme {
    /// The period its title names, when not the programme's.
    pub period: Option<Period>,
    /// A results report: titled "KẾT QUẢ THỰC HIỆN …" or with a results
    /// column ("Kết quả thực hiện", "Tình hình thực hiện").
    pub results: bool,
    pub row: u32,
    pub col: u32,
    pub text: String,
}

/// The periods a title names, each part of it alone ("KẾT QUẢ QUÝ IV/2025
/// VÀ NHIỆM VỤ QUÝ I/2026" names both).
fn periods_named(text: &str) -> Vec<Period> {
    static RE: OnceLock<Regex> = OnceLock::new();
    #[allow(clippy::expect_used)]
    let parts = RE.get_or_init(|| {
        Regex::new(r"(?i);|,|\s+và\s+|\s+[-–]\s+").expect("invariant: the pattern is valid")
    });
    let mut out: Vec<Period> = period_in(text).into_iter().collect();
    for part in parts.split(text) {
        if let Some(p) = period_in(part) {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

/// Whether two periods share a month.
pub fn overlap(a: Period, b: Period) -> bool {
    let at = |p: Period, m: u8| p.year * 12 + i32::from(m);
    at(a, a.first_month()) <= at(b, b.last_month())
        && at(b, b.first_month()) <= at(a, a.last_month())
}

/// Whether a task table is no programme of `period`: the rows above its
/// header (else the sheet's name) name only other periods ("KẾT QUẢ THỰC
/// HIỆN NHIỆM VỤ QUÝ IV/2025" in a Q1/2026 run), or it is a results
/// report — a title opening with "Kết quả thực hiện" / "Báo cáo kết quả",
/// or a header column "Kết quả thực hiện", "Tình hình thực hiện".
pub fn off_programme(
    grid: &SheetGrid,
    layout: &TaskLayout,
    period: Period,
) -> Option<OffProgramme> {
    let mut named: Option<(Period, u32, u32, String)> = None;
    let mut this_period = false;
    let mut results: Option<(u32, u32, String)> = None;
    for r in grid.rows().start..layout.header_first {
        for (c, text) in grid.row_texts(r) {
            let f = fold(&text);
            if results.is_none()
                && (f.starts_with("ket qua thuc hien") || f.starts_with("bao cao ket qua"))
            {
                results = Some((r, c, text.clone()));
            }
            for p in periods_named(&text) {
                if overlap(p, period) {
                    this_period = true;
                } else if named.is_none() {
                    named = Some((p, r, c, text.clone()));
                }
            }
        }
    }
    if named.is_none() && !this_period {
        if let Some(p) = periods_named(&grid.name).into_iter().next() {
            if overlap(p, period) {
                this_period = true;
            } else {
                named = Some((p, grid.rows().start, 0, grid.name.clone()));
            }
        }
    }
    if this_period {
        named = None;
    }
    if results.is_none() {
        'header: for r in layout.header_first..layout.data_start {
            for (c, text) in grid.row_texts(r) {
                let padded = format!(" {} ", fold(&text));
                if holds_any(&padded, &["ket qua", "tinh hinh thuc hien"]) {
                    results = Some((r, c, text));
                    break 'header;
                }
            }
        }
    }
    match (named, results) {
        (None, None) => None,
        (Some((p, row, col, text)), results) => Some(OffProgramme {
            period: Some(p),
            results: results.is_some(),
            row,
            col,
            text,
        }),
        (None, Some((row, col, text))) => Some(OffProgramme {
            period: None,
            results: true,
            row,
            col,
            text,
        }),
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

/// The department the lines above a Word document's table name (its
/// letterhead, "PHÒNG TƯ PHÁP"), read as the rows above a sheet's header
/// are: the longest name found. A line addressed to someone ("Kính gửi:
/// Văn phòng HĐND và UBND quận") names who receives the document, not who
/// sends it.
pub fn sender_of_lines(lines: &[String], matcher: &AgencyMatcher) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for line in lines {
        if crate::text::fold(line).starts_with("kinh gui") {
            continue;
        }
        if let Some((idx, len)) = matcher.find_in(line) {
            if best.is_none_or(|(_, l)| len > l) {
                best = Some((idx, len));
            }
        }
    }
    best.map(|(i, _)| i)
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
        let tasks = read_tasks(&g, &layout, &st, None);
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
        let tasks = read_tasks(&g, &layout, &st, None);
        assert_eq!(tasks.len(), 2);
        assert_eq!(tasks[0].coord.text, "Phường 1\nPhường 2");
        assert_eq!(tasks[0].section, Some(2));
        assert_eq!(tasks[1].section, Some(1));
        assert_eq!(tasks[1].content.text, "Ra quân");
    }

    const HEADER: [&str; 5] = [
        "TT",
        "Nội dung",
        "Tiến độ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
    ];

    /// The tasks of a grid whose header is its first row: (row 1-based,
    /// section, sub-section, content).
    fn tasks_of(g: &SheetGrid) -> Vec<(u32, Option<usize>, Option<String>, String)> {
        let st = settings();
        let layout = find_task_table(g, &TaskHeaderWords::new(&st.columns)).unwrap();
        read_tasks(g, &layout, &st, None)
            .into_iter()
            .map(|t| (t.row + 1, t.section, t.subsection, t.content.text))
            .collect()
    }

    fn task(
        row: u32,
        section: usize,
        sub: Option<&str>,
        content: &str,
    ) -> (u32, Option<usize>, Option<String>, String) {
        (
            row,
            Some(section),
            sub.map(String::from),
            content.to_string(),
        )
    }

    #[test]
    fn a_section_row_merged_across_the_table_is_a_heading() {
        // As Excel stores it: the text in the merge's first cell only.
        let g = grid(
            vec![
                HEADER.to_vec(),
                vec!["II. LĨNH VỰC ĐÔ THỊ, TÀI NGUYÊN - MÔI TRƯỜNG VÀ ĐẦU TƯ XÂY DỰNG"],
                vec!["a) Chỉnh trang đô thị, trật tự xây dựng:"],
                vec![
                    "1",
                    "Rà soát danh mục hẻm",
                    "Tháng 8/2020",
                    "P.QLĐT",
                    "UBND các phường",
                ],
            ],
            vec![
                Dimensions::new((1, 0), (1, 4)),
                Dimensions::new((2, 0), (2, 4)),
            ],
        );
        assert_eq!(
            tasks_of(&g),
            [task(
                4,
                1,
                Some("Chỉnh trang đô thị, trật tự xây dựng"),
                "Rà soát danh mục hẻm"
            )]
        );
    }

    #[test]
    fn a_section_row_with_its_text_in_every_cell_is_a_heading() {
        // As a reader without merge information sees a merged row: the
        // same text repeated in every cell, deadline and agencies included.
        let section = "III. LĨNH VỰC VĂN HÓA - XÃ HỘI";
        let sub = "2. Y tế - dân số:";
        let g = grid(
            vec![
                HEADER.to_vec(),
                vec![section; 5],
                vec![sub; 5],
                vec![
                    "1",
                    "Kiểm tra an toàn thực phẩm",
                    "Tháng 9/2020",
                    "Phòng Y tế",
                    "TTYT",
                ],
            ],
            vec![],
        );
        assert_eq!(
            tasks_of(&g),
            [task(
                4,
                2,
                Some("Y tế - dân số"),
                "Kiểm tra an toàn thực phẩm"
            )]
        );
    }

    #[test]
    fn a_numeral_in_tt_with_the_title_merged_over_the_rest_is_a_section() {
        let g = grid(
            vec![
                HEADER.to_vec(),
                vec![
                    "III",
                    "LĨNH VỰC VĂN HÓA - XÃ HỘI",
                    "LĨNH VỰC VĂN HÓA - XÃ HỘI",
                    "",
                    "",
                ],
                vec![
                    "1",
                    "Chi hỗ trợ người lao động",
                    "Quý III/2020",
                    "Phòng LĐTBXH",
                    "",
                ],
                // A merge the reader lost: the text in the TT cell alone.
                vec!["IV. NỘI CHÍNH - TỔ CHỨC BỘ MÁY"],
                vec!["1", "Tuyển dụng viên chức", "Quý III/2020", "P.NV", ""],
            ],
            vec![Dimensions::new((1, 1), (1, 4))],
        );
        assert_eq!(
            tasks_of(&g),
            [
                task(3, 2, None, "Chi hỗ trợ người lao động"),
                task(5, 3, None, "Tuyển dụng viên chức"),
            ]
        );
    }

    #[test]
    fn numbered_sub_sections_without_a_deadline_or_agency_are_headings() {
        let g = grid(
            vec![
                HEADER.to_vec(),
                vec!["I", "VỀ KINH TẾ - TÀI CHÍNH - NGÂN SÁCH"],
                vec!["", "1/. Công tác quy hoạch:"],
                vec!["1", "Lập quy hoạch chi tiết", "Quý III/2020", "P.QLĐT", ""],
                vec!["2.", "Thu ngân sách"],
                vec![
                    "1",
                    "Thu thuế ngoài quốc doanh",
                    "Quý III/2020",
                    "Chi cục Thuế",
                    "",
                ],
            ],
            vec![],
        );
        assert_eq!(
            tasks_of(&g),
            [
                task(4, 0, Some("Công tác quy hoạch"), "Lập quy hoạch chi tiết"),
                task(6, 0, Some("Thu ngân sách"), "Thu thuế ngoài quốc doanh"),
            ]
        );
    }

    #[test]
    fn a_task_that_begins_with_a_number_or_a_marker_stays_a_task() {
        // Near misses: numbered contents with their own deadline or agency,
        // and a row whose cells hold different texts.
        let g = grid(
            vec![
                HEADER.to_vec(),
                vec!["I", "VỀ KINH TẾ - TÀI CHÍNH - NGÂN SÁCH"],
                vec![
                    "",
                    "1. Rà soát danh mục dự án",
                    "Tháng 8/2020",
                    "P.TCKH",
                    "",
                ],
                vec!["", "a) Kiểm tra tài sản công", "", "P.TCKH", ""],
                vec!["", "II. Quyết toán vốn đầu tư", "Quý III/2020", "", ""],
                vec![
                    "3",
                    "Lĩnh vực thuế: đối thoại doanh nghiệp",
                    "Tháng 9/2020",
                    "P.KT",
                    "P.KT",
                ],
                // A row number and nothing else is no task.
                vec!["4"],
            ],
            vec![],
        );
        let got = tasks_of(&g);
        assert_eq!(
            got.iter().map(|t| t.0).collect::<Vec<_>>(),
            [3, 4, 5, 6],
            "{got:?}"
        );
        assert!(
            got.iter().all(|t| t.1 == Some(0) && t.2.is_none()),
            "{got:?}"
        );
    }

    #[test]
    fn a_section_row_under_the_header_is_not_a_second_header_row() {
        // "LĨNH VỰC …" holds the header word of a field column; merged
        // across the row it is a section row all the same.
        let g = grid(
            vec![
                HEADER.to_vec(),
                vec!["III. LĨNH VỰC VĂN HÓA - XÃ HỘI"; 5],
                vec![
                    "1",
                    "Khai giảng năm học",
                    "Tháng 9/2020",
                    "Phòng GDĐT",
                    "UBND các phường",
                ],
            ],
            vec![Dimensions::new((1, 0), (1, 4))],
        );
        let st = settings();
        let layout = find_task_table(&g, &TaskHeaderWords::new(&st.columns)).unwrap();
        assert_eq!((layout.data_start, layout.field), (1, None));
        assert_eq!(tasks_of(&g), [task(3, 2, None, "Khai giảng năm học")]);
    }

    #[test]
    fn header_phrasings_name_their_columns() {
        let words = TaskHeaderWords::new(&settings().columns);
        for (label, role) in [
            ("Thời gian hoàn thành", TaskRole::Deadline),
            ("Tiến độ thực hiện", TaskRole::Deadline),
            ("Đơn vị chủ trì", TaskRole::Lead),
            ("Đơn vị phối hợp", TaskRole::Coord),
            ("Cơ quan phối hợp thực hiện", TaskRole::Coord),
            ("Cơ quan chủ trì", TaskRole::Lead),
        ] {
            assert_eq!(words.classify(label), Some(role), "{label}");
        }
    }

    #[test]
    fn signature_lines_are_told_from_agencies_and_contents() {
        for line in [
            "Nơi nhận:",
            "TRƯỞNG PHÒNG",
            "KT. TRƯỞNG PHÒNG",
            "PHÓ TRƯỞNG PHÒNG",
            "CHÁNH VĂN PHÒNG",
            "CHỈ HUY TRƯỞNG",
            "TRƯỞNG CÔNG AN QUẬN",
            "GIÁM ĐỐC",
            "TM. ỦY BAN NHÂN DÂN",
            "Q. TRƯỞNG PHÒNG",
            "Người lập biểu",
            "Quận 3, ngày 05 tháng 10 năm 2025",
            "Nguyễn Văn A",
            "TRẦN THỊ BÍCH NGỌC",
        ] {
            assert!(is_signature_line(line), "{line}");
        }
        for text in [
            "Phòng Tài nguyên và Môi trường",
            "Các trường THCS",
            "Ban Chỉ huy Quân sự quận",
            "Phó Chủ tịch UBND quận phụ trách",
            "UBND 16 phường",
            "Đoàn Thanh niên",
            "Trước ngày 15/12",
            "Giám đốc Trung tâm Y tế quận báo cáo tình hình dịch bệnh",
            "Hàng tháng",
        ] {
            assert!(!is_signature_line(text), "{text}");
        }
        // A name may be a street, in a content cell: no title.
        assert!(!is_signature_title("Trần Hưng Đạo"));
    }

    #[test]
    fn signature_blocks_end_the_table_and_rows_without_content_are_no_tasks() {
        // The tester's files: "Nơi nhận:" under TT with the title in the
        // deadline column; a title alone under the agencies; a name. Each
        // was printed as a numbered blank task (agency-missing,
        // deadline-invalid «TRƯỞNG PHÒNG», agency-unknown «CHỈ HUY
        // TRƯỞNG»).
        let t = |n: &'static str, c: &'static str| vec![n, c, "Quý IV/2025", "P.NV", ""];
        for tail in [
            vec![
                vec!["Nơi nhận:", "", "TRƯỞNG PHÒNG", "", ""],
                vec!["- Lưu: VT."],
            ],
            vec![
                vec!["", "", "", "", "KT. TRƯỞNG PHÒNG"],
                vec!["", "", "", "", "PHÓ TRƯỞNG PHÒNG"],
            ],
            vec![vec!["", "", "", "CHỈ HUY TRƯỞNG", ""]],
            vec![vec!["", "", "TRƯỞNG CÔNG AN QUẬN", "", ""]],
            vec![vec!["", "", "", "Nguyễn Văn A", ""]],
            vec![vec!["", "", "Quận 3, ngày 05 tháng 10 năm 2025", "", ""]],
        ] {
            let mut rows = vec![HEADER.to_vec(), t("1", "Thẩm định đề án vị trí việc làm")];
            rows.push(vec![""]);
            rows.extend(tail.clone());
            rows.push(t("2", "Không phải nhiệm vụ"));
            let got = tasks_of(&grid(rows, vec![]));
            assert_eq!(got.len(), 1, "{tail:?}: {got:?}");
        }
        // Near misses: a task that opens with a title and has no deadline,
        // a street name continuing a content, a coordinator on a row of
        // its own; a numbered row without content is no task.
        let g = grid(
            vec![
                HEADER.to_vec(),
                vec![
                    "1",
                    "Giám đốc Trung tâm Y tế báo cáo dịch bệnh",
                    "",
                    "TTYT",
                    "",
                ],
                vec![
                    "2",
                    "Chỉnh trang vỉa hè đường",
                    "Quý IV/2025",
                    "P.QLĐT",
                    "Phường 1",
                ],
                vec!["", "Trần Hưng Đạo"],
                vec!["", "", "", "", "Phường 2"],
                vec!["3", "", "", "", "Phường 3"],
                vec!["4", "Ra quân", "Quý IV/2025", "P.QLĐT", ""],
            ],
            vec![],
        );
        let st = settings();
        let layout = find_task_table(&g, &TaskHeaderWords::new(&st.columns)).unwrap();
        let tasks = read_tasks(&g, &layout, &st, None);
        let got: Vec<(&str, &str)> = tasks
            .iter()
            .map(|t| (t.content.text.as_str(), t.coord.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Giám đốc Trung tâm Y tế báo cáo dịch bệnh", ""),
                (
                    "Chỉnh trang vỉa hè đường\nTrần Hưng Đạo",
                    "Phường 1\nPhường 2"
                ),
                ("Ra quân", ""),
            ]
        );
    }

    /// The deadline column a header row gives.
    fn deadline_of(header: Vec<&str>) -> Option<u32> {
        let g = grid(vec![header], vec![]);
        let words = TaskHeaderWords::new(&settings().columns);
        find_task_table(&g, &words).and_then(|l| l.deadline)
    }

    #[test]
    fn a_result_column_beside_the_time_column_is_not_the_deadline() {
        // The tester's layout: "Kết quả/Tiến độ" right of "Thời gian hoàn
        // thành" was the deadline (the rightmost deadline word won), so
        // every status was printed and reported as a deadline.
        let h = |a: &'static str, b: &'static str| {
            vec![
                "STT",
                "Nội dung nhiệm vụ",
                "Đơn vị chủ trì",
                "Đơn vị phối hợp",
                a,
                b,
                "Ghi chú",
            ]
        };
        assert_eq!(
            deadline_of(h("Thời gian hoàn thành", "Kết quả/Tiến độ")),
            Some(4)
        );
        assert_eq!(
            deadline_of(h("Kết quả/Tiến độ", "Thời gian hoàn thành")),
            Some(5)
        );
        // "Tiến độ thực hiện" beside a time column reports progress.
        assert_eq!(
            deadline_of(h("Thời gian hoàn thành", "Tiến độ thực hiện")),
            Some(4)
        );
        assert_eq!(deadline_of(h("Tiến độ thực hiện", "Thời hạn")), Some(5));
        assert_eq!(deadline_of(h("Tình hình thực hiện", "Thời hạn")), Some(5));
        // Near misses: alone, "Tiến độ thực hiện" is the deadline; two
        // titles alike keep the first.
        assert_eq!(deadline_of(h("Tiến độ thực hiện", "Ghi chú")), Some(4));
        assert_eq!(deadline_of(h("Tiến độ", "Tiến độ thực hiện")), Some(4));
        // A result column alone is no deadline column: the table is found
        // by its lead column and has no deadline.
        assert_eq!(deadline_of(h("Kết quả/Tiến độ", "Ghi chú")), None);
        let words = TaskHeaderWords::new(&settings().columns);
        for label in ["Kết quả/Tiến độ", "Tiến độ, kết quả", "Tình hình thực hiện"]
        {
            assert_eq!(words.classify(label), None, "{label}");
        }
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

    #[test]
    fn a_table_of_another_period_or_of_results_is_told() {
        let words = TaskHeaderWords::new(
            &crate::annex::settings::AnnexSettings::from_template(&Template::builtin().unwrap())
                .unwrap()
                .columns,
        );
        let q1 = Period::quarter(2026, 1);
        let off = |title: &str, last: &str| {
            let g = grid(
                vec![
                    vec![title, "", "", "", ""],
                    vec!["TT", "Nội dung", "Thời hạn", "Cơ quan chủ trì", last],
                    vec!["1", "Việc", "Quý I/2026", "STC", ""],
                ],
                vec![],
            );
            let layout = find_task_table(&g, &words).unwrap();
            off_programme(&g, &layout, q1).map(|o| (o.period, o.results))
        };
        let q4 = Some(Period::quarter(2025, 4));
        assert_eq!(
            off(
                "KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ IV/2025",
                "Kết quả thực hiện"
            ),
            Some((q4, true))
        );
        assert_eq!(
            off("CHƯƠNG TRÌNH CÔNG TÁC QUÝ IV/2025", "Phối hợp"),
            Some((q4, false))
        );
        assert_eq!(
            off("CHƯƠNG TRÌNH CÔNG TÁC QUÝ I/2026", "Kết quả/Tiến độ"),
            Some((None, true))
        );
        // Near misses: a title naming the period too, or its year, is the
        // programme's.
        assert_eq!(off("CHƯƠNG TRÌNH CÔNG TÁC QUÝ I/2026", "Phối hợp"), None);
        assert_eq!(
            off("KẾT QUẢ QUÝ IV/2025 VÀ NHIỆM VỤ QUÝ I/2026", "Phối hợp"),
            None
        );
        assert_eq!(off("NHIỆM VỤ TRỌNG TÂM NĂM 2026", "Phối hợp"), None);
        assert_eq!(off("SỞ TÀI CHÍNH", "Phối hợp"), None);
    }
}
