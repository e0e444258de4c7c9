//! Finding the indicator table in a sheet: the header row (on any of the
//! first 30 rows, one row or two with merged cells), and which column is
//! which, in any order.
//!
//! ```text
//!  row 6 | STT | Nội dung chỉ tiêu | ĐVT |   Quý I/2020      | Kế hoạch năm | So sánh (%)       |
//!  row 7 |     |                   |     | Thực hiện | Lũy kế |              | So với KH | Tăng giảm CK |
//!          Stt   Name                Unit   TH          LK      KH             %KH         %CK
//! ```
//!
//! The identity columns (STT, code, name, unit, note) are named by the
//! template's phrases. A figure column is recognised by its words, read
//! across both header rows: a label must open with a figure word (a
//! column word of the template, a percent word, or a period such as
//! "Quý III", "9 tháng", "Năm 2020"), and then
//!
//! ```text
//! percent or growth words (%, tỷ lệ, đạt, so với, tăng … giảm)
//!     + CK word (cùng kỳ, CK, năm trước, last year)   → %CK
//!     + KH word (kế hoạch, KH, dự toán)               → %KH
//!     + growth words alone ("Tăng (+), giảm (-) %")  → %CK
//! else CK word                                        → CK
//! else KH word                                        → KH
//! else LK word, or "N tháng" with N the months from January to the
//!     period's end ("9 tháng" in a third quarter)     → LK
//! else TH word, "Quý …", or "3 tháng"                  → TH
//! ```
//!
//! In a first quarter "3 tháng" is the quarter and the months from
//! January alike: TH alone, but LK beside a column that names the
//! quarter ("Thực hiện" over "Quý I/2026" | "3 tháng năm 2026").
//!
//! One month ("Thực hiện tháng 7", "Ước TH tháng 12") is no column of a
//! quarter's, half-year's or year's report, whatever its words.
//!
//! A period in the label that is not the file's ("Quý II" in a third
//! quarter report, "6 tháng" beside "9 tháng") makes the column one the
//! tool does not read. Every header cell that names no role is listed in
//! [`TableLayout::ignored`] so that the reader can say so.

use crate::ingest::sheet::data_text;
use crate::ingest::SheetGrid;
use crate::memo::{new_id, Bounded, TextMemo};
use crate::model::{quarter_number, Period, PeriodSpan, ValueColumn};
use crate::template::{CkConvention, Template};
use crate::text::{clean, fold, fold_joined};
use calamine::Data;
use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

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

/// The identity columns' phrases in the template, and the explicit
/// percent phrases an office may list (`"%KH"`, `"%CK"`): a label equal to
/// one, or starting with one, names that column.
const PHRASE_KEYS: [(&str, Role); 7] = [
    ("code", Role::Code),
    ("name", Role::Name),
    ("unit", Role::Unit),
    ("note", Role::Note),
    ("stt", Role::Stt),
    ("%KH", Role::Value(ValueColumn::PctKh)),
    ("%CK", Role::Value(ValueColumn::PctCk)),
];

/// The families of figure words, in [`HeaderWords::terms`] order, with the
/// template key each is read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Kh,
    Th,
    Lk,
    Ck,
    Percent,
    Growth,
}

const FAMILIES: [(Family, &str); 6] = [
    (Family::Kh, "KH"),
    (Family::Th, "TH"),
    (Family::Lk, "LK"),
    (Family::Ck, "CK"),
    (Family::Percent, "percent"),
    (Family::Growth, "growth"),
];

/// Percent and growth words for a template that lists none (an older
/// copy of `template.toml`).
const DEFAULT_PERCENT: [&str; 11] = [
    "%",
    "tỷ lệ",
    "đạt",
    "so với",
    "so sánh",
    "so kh",
    "so ck",
    "so cùng kỳ",
    "so kế hoạch",
    "so dự toán",
    "đánh giá",
];
const DEFAULT_GROWTH: [&str; 2] = ["tăng", "giảm"];

/// The header words of a template, folded once.
pub struct HeaderWords {
    /// Each folded phrase with the role it was first listed for.
    phrases: foldhash::HashMap<String, Role>,
    /// The length in bytes of the longest of `phrases`: a longer
    /// beginning of a label is none of them.
    longest_phrase: usize,
    /// Per [`Family`], each word as its folded words.
    terms: [Vec<Vec<String>>; 6],
    /// The headers of a task table's deadline and agency columns
    /// (`[annex.columns]`): "Tiến độ quý III" is a deadline, never a figure.
    task_heads: Vec<String>,
    /// Tells this set of words from every other in [`ROLES`].
    id: u64,
    /// Whether some phrase, term or task head is written in digits only:
    /// without one, a label of digits (a figure, a column number) names no
    /// column.
    numeric_words: bool,
}

/// The words of a folded label (one space between words), in a vector
/// sized once. Parted byte by byte: a space is one byte, and most words
/// are shorter than what `str::split` spends finding each space.
fn folded_words(f: &str) -> Vec<&str> {
    let mut words = Vec::with_capacity(f.bytes().filter(|&b| b == b' ').count() + 1);
    let mut start = 0;
    for (i, b) in f.bytes().enumerate() {
        if b == b' ' {
            words.push(f.get(start..i).unwrap_or_default());
            start = i + 1;
        }
    }
    words.push(f.get(start..).unwrap_or_default());
    words
}

/// Digits and spaces only: a figure or a column number, folded.
fn digits_only(f: &str) -> bool {
    f.bytes().all(|b| b.is_ascii_digit() || b == b' ')
}

/// Figures written as text up to this many bytes are remembered with the
/// header cells' words (see [`HeaderWords::cell_words`]).
const SHORT_FIGURE: usize = 4;

/// How many periods a reading thread keeps the roles of figure labels
/// for, per set of words: a workbook's sheets may name different periods
/// (this quarter's figures, next quarter's tasks), and a batch's files
/// more than one.
const ROLE_PERIODS: usize = 4;

/// How many sets of words (templates) a reading thread remembers labels
/// for.
const ROLE_TABLES: usize = 4;

/// What a label names whatever the period ("Chỉ tiêu", "Ghi chú", a
/// task's agency), or that what it names depends on the period: a figure
/// label ("Thực hiện quý III", "9 tháng", "Kế hoạch năm 2025") names a
/// column of one period and none of another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Fixed(Option<Role>),
    Figure,
}

/// The labels one reading thread has classified, one table per set of
/// words, the most recently used first: the same headers, titles and
/// indicator names come back in every workbook of a batch, and a label's
/// kind depends on nothing else. Only figure labels are classified again
/// for each period a sheet is read for.
#[derive(Default)]
struct RoleMemo {
    tables: Vec<RoleTable>,
}

struct RoleTable {
    id: u64,
    kinds: TextMemo<Kind>,
    /// The roles of figure labels, per period, the most recently used
    /// first.
    figures: Vec<(Option<Period>, TextMemo<Option<Role>>)>,
    /// Header cells' texts as written, with their words.
    cells: TextMemo<Rc<CellWords>>,
    /// The kinds of two remembered cells read together (upper, lower),
    /// by their ids.
    pairs: Bounded<(u64, u64), Kind>,
}

/// A text cell of a header: its cleaned text, that text folded, and the
/// kind of label it is alone.
struct CellWords {
    text: Box<str>,
    folded: Box<str>,
    kind: Kind,
    /// Set when the words are remembered for their text: the same text
    /// then has the same id in every workbook a thread reads.
    id: Option<u64>,
}

impl CellWords {
    /// The words of a cell showing `text` (cleaned).
    fn of(text: String, words: &HeaderWords) -> CellWords {
        let folded = fold(&text);
        let kind = words.kind_folded(&folded);
        CellWords {
            text: text.into(),
            folded: folded.into(),
            kind,
            id: None,
        }
    }
}

/// The entry of `list` that `is` picks, moved to the front, or one
/// `made` there in place of the least recently used when none is and the
/// list holds `cap` already: the list is kept most recently used first.
fn recent<T>(
    list: &mut Vec<T>,
    cap: usize,
    is: impl Fn(&T) -> bool,
    made: impl FnOnce() -> T,
) -> &mut T {
    match list.iter().position(is) {
        Some(0) => {}
        Some(at) => {
            let entry = list.remove(at);
            list.insert(0, entry);
        }
        None => {
            if list.len() >= cap {
                list.pop();
            }
            list.insert(0, made());
        }
    }
    &mut list[0]
}

impl RoleMemo {
    /// The table of `id`, made (in place of the least recently used one)
    /// when there is none.
    fn table(&mut self, id: u64) -> &mut RoleTable {
        recent(
            &mut self.tables,
            ROLE_TABLES,
            |t| t.id == id,
            || RoleTable {
                id,
                kinds: TextMemo::default(),
                figures: Vec::new(),
                cells: TextMemo::default(),
                pairs: Bounded::default(),
            },
        )
    }
}

impl RoleTable {
    /// The roles of figure labels for `period`, made (in place of the
    /// least recently used period) when there are none.
    fn figures(&mut self, period: Option<Period>) -> &mut TextMemo<Option<Role>> {
        &mut recent(
            &mut self.figures,
            ROLE_PERIODS,
            |(p, _)| *p == period,
            || (period, TextMemo::default()),
        )
        .1
    }
}

thread_local! {
    static ROLES: RefCell<RoleMemo> = RefCell::new(RoleMemo::default());
}

/// The folded header words of the task table's deadline and agency
/// columns, from the template's `[annex.columns]`.
fn task_heads(template: &Template) -> Vec<String> {
    let Some(columns) = template
        .settings
        .extra
        .get("annex")
        .and_then(|a| a.get("columns"))
    else {
        return Vec::new();
    };
    ["deadline", "lead", "coord"]
        .iter()
        .filter_map(|k| columns.get(k).and_then(|v| v.as_array()))
        .flatten()
        .filter_map(|v| v.as_str())
        .map(fold)
        .filter(|f| !f.is_empty())
        .collect()
}

impl HeaderWords {
    pub fn new(template: &Template) -> HeaderWords {
        let mut phrases = foldhash::HashMap::default();
        for (key, role) in PHRASE_KEYS {
            for w in template.column_words(key) {
                let f = fold(w);
                if !f.is_empty() {
                    phrases.entry(f).or_insert(role);
                }
            }
        }
        let terms: [Vec<Vec<String>>; 6] = FAMILIES.map(|(family, key)| {
            let listed = template.column_words(key);
            let defaults: &[&str] = match family {
                Family::Percent => &DEFAULT_PERCENT,
                Family::Growth => &DEFAULT_GROWTH,
                _ => &[],
            };
            let words: Vec<String> = if listed.is_empty() {
                defaults.iter().map(|s| s.to_string()).collect()
            } else {
                listed.to_vec()
            };
            words
                .iter()
                .map(|w| {
                    fold(w)
                        .split(' ')
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect::<Vec<_>>()
                })
                .filter(|t| !t.is_empty())
                .collect()
        });
        let task_heads = task_heads(template);
        let numeric_words = phrases.keys().any(|w| digits_only(w))
            || terms.iter().any(|family| {
                family
                    .iter()
                    .any(|term| term.iter().all(|t| digits_only(t)))
            })
            || task_heads.iter().any(|h| !h.is_empty() && digits_only(h));
        let longest_phrase = phrases.keys().map(String::len).max().unwrap_or(0);
        HeaderWords {
            phrases,
            longest_phrase,
            terms,
            task_heads,
            id: new_id(),
            numeric_words,
        }
    }

    /// The role a header label names, for a file of `period` (the file's
    /// own, else the batch's; `None` when neither is known).
    pub fn classify(&self, label: &str, period: Option<Period>) -> Option<Role> {
        self.classify_folded(&fold(label), period)
    }

    /// [`HeaderWords::classify`] of a label already folded.
    pub fn classify_folded(&self, f: &str, period: Option<Period>) -> Option<Role> {
        self.role_of(self.kind_folded(f), f, period)
    }

    /// The role a label of `kind`, folded as `f`, names for `period`.
    fn role_of(&self, kind: Kind, f: &str, period: Option<Period>) -> Option<Role> {
        match kind {
            Kind::Fixed(role) => role,
            Kind::Figure => ROLES.with(|memo| {
                let Ok(mut memo) = memo.try_borrow_mut() else {
                    return self.figure_role_folded(f, period);
                };
                let figures = memo.table(self.id).figures(period);
                if let Some(role) = figures.get(f) {
                    return *role;
                }
                let role = self.figure_role_folded(f, period);
                figures.insert(f, role);
                role
            }),
        }
    }

    /// The kind of a folded label, worked out once per reading thread
    /// (see [`RoleMemo`]).
    fn kind_folded(&self, f: &str) -> Kind {
        if f.is_empty() || (!self.numeric_words && digits_only(f)) {
            return Kind::Fixed(None);
        }
        ROLES.with(|memo| {
            let Ok(mut memo) = memo.try_borrow_mut() else {
                return self.kind_new(f);
            };
            let table = memo.table(self.id);
            if let Some(kind) = table.kinds.get(f) {
                return *kind;
            }
            let kind = self.kind_new(f);
            table.kinds.insert(f, kind);
            kind
        })
    }

    /// The words of a header cell written as `raw`: cleaned, folded and
    /// classified once per reading thread (see [`RoleMemo`]).
    fn cell_words(&self, raw: &str) -> Rc<CellWords> {
        // Numbers written as text ("2.794") differ in every workbook and
        // would only crowd the memo; short ones ("2", "0,00", "(1)") come
        // back in every workbook.
        let figure = || {
            raw.bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_punctuation() || b == b' ')
        };
        let remember =
            (raw.len() <= SHORT_FIGURE || !figure()) && TextMemo::<Rc<CellWords>>::keeps(raw);
        let known = ROLES.with(|memo| {
            if !remember {
                return None;
            }
            let mut memo = memo.try_borrow_mut().ok()?;
            memo.table(self.id).cells.get(raw).cloned()
        });
        if let Some(words) = known {
            return words;
        }
        let mut words = CellWords::of(clean(raw), self);
        if remember {
            words.id = Some(new_id());
        }
        let words = Rc::new(words);
        if remember {
            ROLES.with(|memo| {
                if let Ok(mut memo) = memo.try_borrow_mut() {
                    memo.table(self.id).cells.insert(raw, Rc::clone(&words));
                }
            });
        }
        words
    }

    /// A header cell of `words`, with the role they name for `period`.
    fn header_cell<'a>(&self, words: Rc<CellWords>, period: Option<Period>) -> HeaderCell<'a> {
        let role = self.role_of(words.kind, &words.folded, period);
        HeaderCell::Words(words, role)
    }

    /// The kind of a folded label not met before: a phrase of ours said
    /// whole, a figure label (its role depends on the period), else the
    /// longest phrase it opens with.
    fn kind_new(&self, f: &str) -> Kind {
        // A label longer than every phrase is none of them.
        if let Some(role) = self
            .phrases
            .get(f)
            .filter(|_| f.len() <= self.longest_phrase)
        {
            return Kind::Fixed(Some(*role));
        }
        let tokens = folded_words(f);
        if self.is_figure_label(f, &tokens) {
            return Kind::Figure;
        }
        // The longest phrase the label opens with, followed by a space:
        // the label's beginnings up to each of its spaces, longest first
        // (none longer than the longest phrase).
        let mut end = f.len().min(self.longest_phrase + 1);
        while !f.is_char_boundary(end) {
            end -= 1;
        }
        Kind::Fixed(
            f[..end]
                .rmatch_indices(' ')
                .find_map(|(end, _)| f.get(..end).and_then(|head| self.phrases.get(head)))
                .copied(),
        )
    }

    /// [`HeaderWords::figure_role`] of a figure label folded as `f`.
    fn figure_role_folded(&self, f: &str, period: Option<Period>) -> Option<Role> {
        let tokens = folded_words(f);
        self.figure_role(&tokens, period)
    }

    /// What a header `label` that names no column of `period` holds, when
    /// it names a figure column of another period or next year's plan:
    /// such a column is left out on purpose, and nothing about it needs
    /// changing. `None` when the label says no such thing.
    pub fn other_figures(&self, label: &str, period: Period) -> Option<OtherFigures> {
        let f = fold(label);
        let tokens: Vec<&str> = f.split(' ').collect();
        // A figure of one month or of months no report covers ("Ước TH
        // tháng 12/2025", "Thực hiện 11 tháng năm 2025") names no column
        // even without a period, and is another period's figure all the
        // same.
        let months =
            one_month(&tokens) || (0..tokens.len()).any(|i| months_at(&tokens, i).is_some());
        // "Ước tháng 12" is a month's estimate as much as "Ước TH tháng
        // 12/2026" is.
        let figure = matches!(self.classify_folded(&f, None), Some(Role::Value(_)))
            || (months && (self.is_figure_label(&f, &tokens) || tokens.first() == Some(&"uoc")));
        let figures = figure && self.classify_folded(&f, Some(period)).is_none();
        match years(&tokens).min() {
            Some(y) if y > period.year && (figures || self.has(&tokens, Family::Kh)) => {
                Some(OtherFigures::NextYear(y))
            }
            _ if figures => Some(OtherFigures::OtherPeriod),
            _ => None,
        }
    }

    /// Does a sheet's title line say the sheet is a plan: it opens with a
    /// plan word ("KẾ HOẠCH CÁC CHỈ TIÊU … NĂM 2026") and names nothing
    /// done, cumulated or compared ("KẾ HOẠCH VÀ KẾT QUẢ THỰC HIỆN …" is
    /// a report)?
    pub fn titles_plan(&self, line: &str) -> bool {
        let f = fold(line);
        let tokens: Vec<&str> = f.split(' ').filter(|t| !t.is_empty()).collect();
        self.opens_with(&tokens, Family::Kh)
            && ![Family::Th, Family::Lk, Family::Ck]
                .into_iter()
                .any(|family| self.has(&tokens, family))
    }

    /// Does a sheet's name say it is the plan: a plan word and at most a
    /// year ("Kế hoạch", "KH 2026", "Kế hoạch năm 2026")?
    pub fn names_plan_sheet(&self, name: &str) -> bool {
        let f = fold(name);
        let tokens: Vec<&str> = f.split(' ').filter(|t| !t.is_empty()).collect();
        self.family(Family::Kh).iter().any(|t| {
            tokens.len() >= t.len()
                && tokens.iter().zip(t).all(|(a, b)| a == b)
                && tokens.get(t.len()..).is_some_and(|rest| {
                    rest.iter()
                        .all(|w| *w == "nam" || years(std::slice::from_ref(w)).next().is_some())
                })
        })
    }

    /// Do the tokens open with a word of `family`?
    fn opens_with(&self, tokens: &[&str], family: Family) -> bool {
        self.family(family)
            .iter()
            .any(|t| tokens.len() >= t.len() && tokens.iter().zip(t).all(|(a, b)| a == b))
    }

    /// The column a school year's header is when the template's own
    /// words say so: a TH (LK) word that names the school year («đầu năm
    /// học») in a header of the school year the period falls in, or a CK
    /// word («cùng kỳ») in a header of the school year before
    /// («Cùng kỳ năm học 2025-2026» in a Q4/2026 report, beside «Đầu năm
    /// học 2026-2027»). A semester, or another school year, is none.
    fn office_school_year_word(
        &self,
        tokens: &[&str],
        y: SchoolYear,
        p: Period,
    ) -> Option<ValueColumn> {
        if y.semester.is_some() || !matches!(p.span, PeriodSpan::Quarter(_)) {
            return None;
        }
        // The school year the period's last month falls in (September
        // opens the next one).
        let current = if p.last_month() >= 9 {
            p.year + 1
        } else {
            p.year
        };
        let names_school_year =
            |t: &Vec<String>| t.windows(2).any(|w| w[0] == "nam" && w[1] == "hoc");
        for (family, column) in [(Family::Th, ValueColumn::Th), (Family::Lk, ValueColumn::Lk)] {
            let said = self
                .family(family)
                .iter()
                .any(|t| names_school_year(t) && contains_words(tokens, t));
            if said && (y.ends == current || y.ends == 0) && !self.has(tokens, Family::Ck) {
                return Some(column);
            }
        }
        let ck = self.has(tokens, Family::Ck) && y.ends == current - 1;
        ck.then_some(ValueColumn::Ck)
    }

    /// Does the label name what was done in a semester («Thực hiện học
    /// kỳ I năm học 2026-2027»): a TH word and a semester, no other
    /// column's word? Such a column is a TH of another period than a
    /// quarter's, never a year's LK.
    pub fn names_semester_done(&self, label: &str) -> bool {
        let f = fold(label);
        let tokens: Vec<&str> = f.split(' ').collect();
        school_year(&tokens).is_some_and(|y| y.semester.is_some())
            && self.has(&tokens, Family::Th)
            && ![
                Family::Kh,
                Family::Lk,
                Family::Ck,
                Family::Percent,
                Family::Growth,
            ]
            .into_iter()
            .any(|family| self.has(&tokens, family))
    }

    /// Does the label hold a plan word ("Kế hoạch", "Chỉ tiêu", "Dự toán")?
    pub fn names_plan(&self, label: &str) -> bool {
        let f = fold(label);
        let tokens: Vec<&str> = f.split(' ').collect();
        self.has(&tokens, Family::Kh)
    }

    fn family(&self, family: Family) -> &[Vec<String>] {
        let at = FAMILIES.iter().position(|(f, _)| *f == family).unwrap_or(0);
        &self.terms[at]
    }

    /// Does a word of `family` occur in the label, as whole words?
    fn has(&self, tokens: &[&str], family: Family) -> bool {
        self.family(family)
            .iter()
            .any(|t| contains_words(tokens, t))
    }

    /// A figure label opens with a figure word or a period ("Kế hoạch
    /// năm", "% so KH", "Tăng (+), giảm (-) %", "Quý III", "9 tháng",
    /// "Năm 2020"), or names a quarter or months anywhere ("Giải ngân quý
    /// III/2020", "Lũy kế giải ngân 9 tháng"); a task table's deadline or
    /// agency header ("Tiến độ thực hiện", "Thời gian hoàn thành quý III")
    /// never is.
    fn is_figure_label(&self, folded: &str, tokens: &[&str]) -> bool {
        let task_head = self.task_heads.iter().any(|h| {
            folded.starts_with(h.as_str())
                && matches!(folded.as_bytes().get(h.len()), None | Some(b' '))
        });
        if task_head {
            return false;
        }
        self.opens_with_figure_word(tokens)
            || (0..tokens.len()).any(|i| {
                months_at(tokens, i).is_some() || quarter_at(tokens, i).is_some_and(|q| q.is_some())
            })
    }

    fn opens_with_figure_word(&self, tokens: &[&str]) -> bool {
        let first = tokens.first().copied().unwrap_or_default();
        if matches!(first, "quy" | "nam" | "ca") || months_at(tokens, 0).is_some() {
            return true;
        }
        // A semester ("Học kỳ II năm học 2025-2026", "HK II").
        if first == "hk" || tokens.starts_with(&["hoc", "ky"]) {
            return true;
        }
        // An estimate of the year ("Ước cả năm", "Ước tính năm 2025").
        if first == "uoc" && tokens.contains(&"nam") {
            return true;
        }
        FAMILIES.iter().any(|(family, _)| {
            self.family(*family)
                .iter()
                .any(|t| tokens.len() >= t.len() && tokens.iter().zip(t).all(|(a, b)| a == b))
        })
    }

    /// The figure column a label opening with a figure word names (see the
    /// module's table), or `None` when it names none of ours.
    fn figure_role(&self, tokens: &[&str], period: Option<Period>) -> Option<Role> {
        let value = |c| Some(Role::Value(c));
        let kh = self.has(tokens, Family::Kh);
        // Last year's plan ("Năm 2023" over "Kế hoạch", "Kế hoạch năm
        // 2023" in a 2024 report) is neither this year's plan nor the same
        // period of last year: not ours.
        // A span of years that reaches the report's year ("Kế hoạch năm
        // học 2025-2026" in a 2026 report, a school year) is this year's.
        let past_plan = kh
            && !self.has(tokens, Family::Ck)
            && period.is_some_and(|p| years(tokens).max().is_some_and(|y| y < p.year));
        // Next year's plan ("Kế hoạch năm 2026" in a 2025 year-end report,
        // beside this year's or alone) is not this year's either: its
        // years all come after the report's.
        let next_plan =
            kh && period.is_some_and(|p| years(tokens).min().is_some_and(|y| y > p.year));
        if past_plan || next_plan {
            return None;
        }
        // A school year's figures (an education office's forms): see
        // [`school_year_role`]. Its plan is read as any plan (above), a
        // percent against it as any percent (below).
        let percent_word = self.has(tokens, Family::Percent) || self.has(tokens, Family::Growth);
        if let (false, false, Some(p), Some(y)) = (kh, percent_word, period, school_year(tokens)) {
            // The office's own words for a column that name the school
            // year («đầu năm học» among its TH words) say what the column
            // is, whatever the built-in rule says of a school year.
            if let Some(c) = self.office_school_year_word(tokens, y, p) {
                return value(c);
            }
            return school_year_role(y, self, tokens, p).map(Role::Value);
        }
        // One month ("Thực hiện tháng 7", "Ước TH tháng 12", "Cùng kỳ
        // tháng 9/2024") is another period's figure, never the quarter's
        // TH nor the year's LK: not ours.
        // The report's own month is its TH ("Thực hiện tháng 3/2026" in
        // the report of Tháng 3/2026).
        if one_month(tokens) && !self.has(tokens, Family::Lk) {
            let own_month = period.is_some_and(|p| {
                p.is_month()
                    && named_month(tokens) == Some(p.last_month())
                    && years(tokens).all(|y| y == p.year)
            });
            let other_kind = self.has(tokens, Family::Ck)
                || self.has(tokens, Family::Kh)
                || self.has(tokens, Family::Percent)
                || self.has(tokens, Family::Growth);
            return (own_month && !other_kind).then_some(Role::Value(ValueColumn::Th));
        }
        // Last year, or a span of years ending with it: a crop season
        // of last year ("Vụ Đông Xuân 2024-2025" in a 2026 report) is
        // the same season a year before, whatever office word ("vụ đông
        // xuân" among the LK words) it shares with this season's column.
        let ck = self.has(tokens, Family::Ck)
            || period.is_some_and(|p| {
                years(tokens).max() == Some(p.year - 1)
                    && years(tokens).all(|y| y >= p.year - 2)
            })
            // Last school year in a half-year's report ("So với năm học
            // 2024-2025 (%)").
            || period.is_some_and(|p| {
                school_year(tokens).is_some_and(|y| {
                    school_year_role(y, self, tokens, p) == Some(ValueColumn::Ck)
                })
            });
        let percent = self.has(tokens, Family::Percent);
        let growth = self.has(tokens, Family::Growth);
        if percent || growth {
            let both_ways = tokens.contains(&"tang") && tokens.contains(&"giam");
            return if ck {
                value(ValueColumn::PctCk)
            } else if kh {
                value(ValueColumn::PctKh)
            } else if growth && (percent || both_ways) {
                value(ValueColumn::PctCk)
            } else {
                None
            };
        }
        if ck {
            // "Quý IV năm 2023" beside a year's LK is last year's quarter,
            // not the same period as LK: not ours after the first quarter;
            // in a first quarter, last year's first quarter is CK and its
            // fourth ("Thực hiện quý IV/2019", the report before) is not.
            let quarter = (0..tokens.len())
                .find_map(|i| quarter_at(tokens, i))
                .flatten();
            let own = period.map(period_quarter);
            let other_quarter = match (quarter, own) {
                (Some(_), Some(o)) if o > 1 => true,
                (Some(q), Some(o)) => q != o,
                _ => false,
            };
            if other_quarter {
                return None;
            }
            return value(ValueColumn::Ck);
        }
        if kh {
            return value(ValueColumn::Kh);
        }
        let lk = self.has(tokens, Family::Lk);
        // Years all before last year's ("Vụ Đông Xuân 2023-2024" in a
        // 2026 report) are another period's figures: never this LK.
        if period.is_some_and(|p| years(tokens).max().is_some_and(|y| y < p.year - 1)) {
            return None;
        }
        let months = (0..tokens.len()).find_map(|i| months_at(tokens, i));
        if let Some(n) = months {
            return months_role(n, lk, period).map(Role::Value);
        }
        if lk {
            return value(ValueColumn::Lk);
        }
        let quarter = (0..tokens.len()).find_map(|i| quarter_at(tokens, i));
        if let Some(q) = quarter {
            let own = period.map(period_quarter);
            return match (q, own) {
                (Some(q), Some(own)) if q != own => None,
                _ => value(ValueColumn::Th),
            };
        }
        let th = self.has(tokens, Family::Th);
        // "Ước thực hiện năm 2020", "Thực hiện cả năm", "Ước thực hiện
        // năm": the whole year.
        let whole_year = tokens.contains(&"nam") || years(tokens).next().is_some();
        if th && whole_year {
            return months_role(12, false, period).map(Role::Value);
        }
        if th {
            return value(ValueColumn::Th);
        }
        // "Cả năm 2020", "Năm 2020" alone, or estimated ("Ước cả năm",
        // "Ước tính năm 2020"): the whole year of the report, its LK in a
        // fourth-quarter report (the year before is CK, read above;
        // earlier in the year a figure for the whole year is a plan or an
        // estimate, not read).
        let bare_year = tokens.contains(&"nam")
            && tokens.iter().all(|t| {
                matches!(*t, "ca" | "nam" | "uoc" | "tinh")
                    || years(std::slice::from_ref(t)).next().is_some()
            });
        if bare_year && period.is_none_or(|p| years(tokens).all(|y| y == p.year)) {
            return months_role(12, false, period).map(Role::Value);
        }
        None
    }
}

/// Do `words` occur in `tokens`, one after the other?
fn contains_words<S: AsRef<str>>(tokens: &[&str], words: &[S]) -> bool {
    !words.is_empty()
        && tokens.len() >= words.len()
        && tokens
            .windows(words.len())
            .any(|w| w.iter().zip(words).all(|(a, b)| *a == b.as_ref()))
}

/// "9 tháng" at `i`: the number of months.
fn months_at(tokens: &[&str], i: usize) -> Option<u8> {
    let n: u8 = tokens.get(i)?.parse().ok()?;
    (tokens.get(i + 1) == Some(&"thang") && (1..=12).contains(&n)).then_some(n)
}

/// Does the label name one month, "tháng 7", "tháng 12/2025" (not "9
/// tháng", the months from January, nor "đến tháng 9", "từ tháng 1",
/// "hết tháng 9", "tháng 7-9", a span of them, nor months beside the
/// quarter they make)?
fn one_month(tokens: &[&str]) -> bool {
    // A quarter named beside its months ("TH quý III (tháng 7-9)") is the
    // quarter's.
    if (0..tokens.len()).any(|i| quarter_at(tokens, i).is_some()) {
        return false;
    }
    let month = |t: Option<&&str>| {
        t.and_then(|t| t.parse::<u8>().ok())
            .filter(|m| (1..=12).contains(m))
    };
    (0..tokens.len()).any(|i| {
        tokens[i] == "thang"
            && month(tokens.get(i + 1))
                .is_some_and(|m| month(tokens.get(i + 2)).is_none_or(|to| to <= m))
            && !i
                .checked_sub(1)
                .and_then(|b| tokens.get(b))
                .is_some_and(|w| {
                    matches!(*w, "den" | "het" | "tu" | "toi" | "ngay")
                        || w.bytes().all(|b| b.is_ascii_digit())
                })
    })
}

/// The month a label naming one month names ("tháng 3/2026": 3).
fn named_month(tokens: &[&str]) -> Option<u8> {
    tokens
        .iter()
        .zip(tokens.iter().skip(1))
        .find_map(|(w, m)| (*w == "thang").then(|| m.parse::<u8>().ok()).flatten())
        .filter(|m| (1..=12).contains(m))
}

/// "quý III", "quý 3" at `i`: `Some(Some(3))`; a bare "quý": `Some(None)`.
fn quarter_at(tokens: &[&str], i: usize) -> Option<Option<u8>> {
    if tokens.get(i) != Some(&"quy") {
        return None;
    }
    Some(tokens.get(i + 1).and_then(|t| quarter_number(t)))
}

/// The years a label names ("Cùng kỳ năm 2019", "KH 2020").
fn years<'a>(tokens: &'a [&'a str]) -> impl Iterator<Item = i32> + 'a {
    tokens
        .iter()
        .filter(|t| t.len() == 4)
        .filter_map(|t| t.parse::<i32>().ok())
        .filter(|y| (1900..=2200).contains(y))
}

/// A school year a label names ("năm học 2025-2026", "học kỳ II năm
/// học 2025 - 2026"): the year it ends in, and its semester (1: Sep–Jan,
/// 2: Jan–May) when the label names one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SchoolYear {
    pub(crate) ends: i32,
    pub(crate) semester: Option<u8>,
}

/// The [`SchoolYear`] in `tokens`: "nam hoc" followed by two years in a
/// row; "hoc ky" (or "hk") followed by its number, I or II. A semester
/// without its school year ("Thực hiện học kỳ I") is one of the school
/// year ending in the report's year (`ends` 0: unknown).
pub(crate) fn school_year(tokens: &[&str]) -> Option<SchoolYear> {
    let ends = tokens
        .windows(2)
        .position(|w| w == ["nam", "hoc"])
        .and_then(|at| {
            let ys: Vec<i32> = years(tokens.get(at + 2..)?).take(2).collect();
            match ys.as_slice() {
                [a, b, ..] if b - a == 1 => Some(*b),
                _ => None,
            }
        });
    let semester = tokens.iter().enumerate().find_map(|(i, t)| {
        let after = match *t {
            "hk" => tokens.get(i + 1),
            "hoc" if tokens.get(i + 1) == Some(&"ky") => tokens.get(i + 2),
            _ => None,
        }?;
        match *after {
            "i" | "1" => Some(1),
            "ii" | "2" => Some(2),
            _ => None,
        }
    });
    match (ends, semester) {
        (Some(ends), _) => Some(SchoolYear { ends, semester }),
        (None, Some(_)) => Some(SchoolYear { ends: 0, semester }),
        (None, None) => None,
    }
}

/// The column a school year's figures are in a half-year's report (the
/// first half of the year the school year ends in, January to June):
/// the school year ending that year, or its second semester (January to
/// May), is the half-year itself, its LK; the school year before, or its
/// second semester, is the same period of last year, CK; a first
/// semester (September to January) is another period, and so is any
/// school year in a report of another span (a quarter's TH is no
/// semester, a year's LK no school year).
fn school_year_role(
    y: SchoolYear,
    words: &HeaderWords,
    tokens: &[&str],
    p: Period,
) -> Option<ValueColumn> {
    if p.span != PeriodSpan::FirstHalf || y.semester == Some(1) {
        return None;
    }
    let said_ck = words.has(tokens, Family::Ck);
    let ends = match y.ends {
        0 if said_ck => p.year - 1,
        0 => p.year,
        e => e,
    };
    match ends - p.year {
        0 if !said_ck => Some(ValueColumn::Lk),
        -1 => Some(ValueColumn::Ck),
        _ => None,
    }
}

/// The quarter a period ends with (a half-year ends the second).
fn period_quarter(p: Period) -> u8 {
    match p.span {
        PeriodSpan::Quarter(q) => q,
        _ => p.last_month().div_ceil(3),
    }
}

/// A column of `n` months: LK when it runs from January to the period's
/// end, TH when it is the quarter's three months (in a first quarter "3
/// tháng" is TH unless the label says lũy kế), else not ours.
fn months_role(n: u8, lk: bool, period: Option<Period>) -> Option<ValueColumn> {
    let cumulative = match period {
        Some(p) => n == p.last_month(),
        None => matches!(n, 3 | 6 | 9 | 12),
    };
    if cumulative && (lk || n != 3) {
        Some(ValueColumn::Lk)
    } else if n == 3 {
        Some(ValueColumn::Th)
    } else {
        None
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
    /// Header cells that name no role (or a role another column took),
    /// with their label as read: the columns the tool does not read.
    pub ignored: Vec<IgnoredColumn>,
    /// The label of the %CK column when its words say which convention
    /// its figures are written in: the growth ("Tăng, giảm cùng kỳ") or
    /// the ratio ("Ước TH/CK"), whatever the template's `ck_convention`
    /// (see [`crate::reconcile::percentages`]).
    pub ck_said: Option<(String, CkConvention)>,
}

/// A header cell of the table whose column is not read.
#[derive(Clone, Debug, PartialEq)]
pub struct IgnoredColumn {
    pub col: u32,
    /// The label as read (both rows of a two-row header).
    pub label: String,
    pub why: NotRead,
}

/// Why a column is not read.
#[derive(Clone, Debug, PartialEq)]
pub enum NotRead {
    /// Its label names no column the tool reads.
    Unnamed,
    /// Another column, left of it, already is what it names.
    Taken(OtherColumn),
    /// It is hidden, and a visible column is what it names.
    Hidden(OtherColumn),
    /// It is the year's original plan ("KH giao đầu năm"), and the
    /// adjusted plan ("KH điều chỉnh") is read as KH.
    Original(OtherColumn),
    /// Two columns name the year's plan and the table's stated %KH are
    /// LK over the other one's figures (`agree` of the `differ` rows
    /// where the two plans give different percents, the %KH in column
    /// `pct`): the other is read as KH.
    PlanByPercents {
        other: OtherColumn,
        pct: u32,
        agree: usize,
        differ: usize,
    },
}

/// What the figures of a column named for another period are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OtherFigures {
    /// A year after the report's ("KH năm 2026", "Dự kiến KH 2026" in a
    /// 2025 report): next year's plan or estimate.
    NextYear(i32),
    /// Another period's figures ("Thực hiện 9 tháng" in a fourth quarter,
    /// "Kế hoạch năm 2024" in 2025).
    OtherPeriod,
}

/// The column read instead of an ignored one, and what it is.
#[derive(Clone, Debug, PartialEq)]
pub struct OtherColumn {
    pub col: u32,
    pub label: String,
    pub role: Role,
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

/// One header cell: its text, folded text and role read alone.
enum HeaderCell<'a> {
    Empty,
    /// A finite number, when no header word is digits: its label alone
    /// names nothing, and its text is written only when it is read with
    /// a label above or below it.
    Figure(&'a Data),
    /// A label's words, with the role they name for the period read for.
    Words(Rc<CellWords>, Option<Role>),
}

impl HeaderCell<'_> {
    fn text(&self) -> Cow<'_, str> {
        match self {
            HeaderCell::Empty => Cow::Borrowed(""),
            HeaderCell::Figure(d) => Cow::Owned(data_text(d)),
            HeaderCell::Words(w, _) => Cow::Borrowed(&w.text),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            HeaderCell::Empty => true,
            HeaderCell::Figure(_) => false,
            HeaderCell::Words(w, _) => w.text.is_empty(),
        }
    }

    fn is_figure(&self) -> bool {
        matches!(self, HeaderCell::Figure(_))
    }

    fn role(&self) -> Option<Role> {
        match self {
            HeaderCell::Words(_, role) => *role,
            _ => None,
        }
    }

    fn folded(&self) -> Cow<'_, str> {
        match self {
            HeaderCell::Empty => Cow::Borrowed(""),
            HeaderCell::Figure(d) => Cow::Owned(fold(&data_text(d))),
            HeaderCell::Words(w, _) => Cow::Borrowed(&w.folded),
        }
    }

    /// Do both cells show the same text? Two figures of the same kind
    /// show the same text exactly when they are equal (a number's plain
    /// form names one value), so their texts are not written.
    fn same_text(&self, other: &HeaderCell<'_>) -> bool {
        match (self, other) {
            (HeaderCell::Figure(Data::Float(a)), HeaderCell::Figure(Data::Float(b))) => a == b,
            (HeaderCell::Figure(Data::Int(a)), HeaderCell::Figure(Data::Int(b))) => a == b,
            _ => self.text() == other.text(),
        }
    }
}

/// Finds the indicator table of a sheet: a header naming the indicator
/// (name or code) and at least one value column. `period` is the file's
/// period (else the batch's), which tells "9 tháng" (LK in a third
/// quarter) from "6 tháng" (not read). `None` when the sheet has none.
pub fn find_table(
    grid: &SheetGrid,
    words: &HeaderWords,
    period: Option<Period>,
) -> Option<TableLayout> {
    let rows = grid.rows();
    let cols = grid.cols();
    let last = rows.start.saturating_add(HEADER_SEARCH_ROWS).min(rows.end);
    // Every cell a header may be read from (the search rows and the row
    // under the last), its text and its role, worked out once: each is
    // looked at up to four times below.
    let read_end = last.saturating_add(1).min(rows.end);
    let width = cols.len();
    let mut cells: Vec<HeaderCell> =
        Vec::with_capacity(read_end.saturating_sub(rows.start) as usize * width);
    for r in rows.start..read_end {
        for c in cols.clone() {
            let data = grid.shown(r, c);
            // A number folds to digits, which name no column unless some
            // header word is digits: it is folded only when read together
            // with a label above or below it.
            let figure = !words.numeric_words
                && match data {
                    Data::Int(_) => true,
                    Data::Float(f) => f.is_finite(),
                    _ => false,
                };
            cells.push(match data {
                _ if figure => HeaderCell::Figure(data),
                Data::Empty => HeaderCell::Empty,
                Data::String(s) => words.header_cell(words.cell_words(s), period),
                _ => words.header_cell(Rc::new(CellWords::of(data_text(data), words)), period),
            });
        }
    }
    let at = |r: u32, c: u32| (r - rows.start) as usize * width + (c - cols.start) as usize;
    let cell = |r: u32, c: u32| cells.get(at(r, c));
    let joined = joined_roles(&cells, width, words, period);
    // Which rows hold a cell with a role, and which pairs of rows a label
    // read from both: a header read from rows with none has no columns,
    // and most of the rows searched are figures.
    let row_has_role: Vec<bool> = cells
        .chunks(width.max(1))
        .map(|row| row.iter().any(|c| c.role().is_some()))
        .collect();
    let pair_has_role: Vec<bool> = joined
        .chunks(width.max(1))
        .map(|row| row.iter().any(Option::is_some))
        .collect();
    let has = |v: &[bool], i: usize| v.get(i).copied().unwrap_or(false);
    // A title line right above the header, merged or not ("BÁO CÁO …
    // QUÝ III/2020" alone in A3 over "STT" | "Mã số" | "Chỉ tiêu" …): one
    // text, the rest of its row blank, standing over or left of the
    // indicator column of the row under it. It is never a header's upper
    // row: read with "STT" it named a figure column. A group label ("Năm
    // 2020" merged over KH | TH | LK) stands over the figure columns.
    //
    //  row 3 | BÁO CÁO … QUÝ III/2020 |       |          |     |
    //  row 4 | STT                    | Mã số | Chỉ tiêu | ĐVT | Thực hiện …
    let title_line = |r: u32| {
        let mut texts = cols
            .clone()
            .filter(|&c| !matches!(grid.raw(r, c), Data::Empty));
        let (Some(tc), None) = (texts.next(), texts.next()) else {
            return false;
        };
        let Data::String(text) = grid.raw(r, tc) else {
            return false;
        };
        let key = cols.clone().find(|&c| {
            matches!(
                cell(r + 1, c).and_then(HeaderCell::role),
                Some(Role::Name | Role::Code)
            )
        });
        key.is_some_and(|k| tc <= k) && crate::normalize::title::is_title_text(text)
    };
    // (layout, rows read to classify it, one row of a two-row header,
    // labels left under a merged group label)
    let mut best: Option<(TableLayout, u32, bool, bool)> = None;
    for r in rows.start..last {
        let i = (r - rows.start) as usize;
        for two_rows in [false, true] {
            if two_rows && r + 1 >= rows.end {
                continue;
            }
            let any_role = if two_rows {
                has(&row_has_role, i) || has(&row_has_role, i + 1) || has(&pair_has_role, i)
            } else {
                has(&row_has_role, i)
            };
            if !any_role || (two_rows && title_line(r)) {
                continue;
            }
            let mut columns: Vec<(u32, Role)> = Vec::new();
            // Where each column's label comes from, and the columns left
            // out with why: written out only for a layout that is kept.
            let mut labels: Vec<(u32, Label)> = Vec::new();
            let mut ignored: Vec<(u32, Label, Why)> = Vec::new();
            // A column whose header cells only continue merges begun left
            // of it (a label spread over two or three columns of a pasted
            // picture of the form): no header of its own.
            let continues_merge = |c: u32| {
                let rows = if two_rows { r..r + 2 } else { r..r + 1 };
                rows.into_iter().all(|hr| {
                    grid.merge_origin(hr, c).is_some_and(|(_, oc)| oc < c)
                        || matches!(grid.raw(hr, c), Data::Empty)
                }) && grid.merge_origin(r, c).is_some_and(|(_, oc)| oc < c)
            };
            // A column's label, folded, its two rows joined.
            let label_text = |c: u32, label: Label| {
                let folded = |row: u32| cell(row, c).map(|h| h.folded().into_owned());
                match label {
                    Label::None => None,
                    Label::Top => folded(r),
                    Label::Bottom => folded(r + 1),
                    Label::Both => folded(r)
                        .zip(folded(r + 1))
                        .map(|(a, b)| format!("{a} {b}")),
                }
                .unwrap_or_default()
            };
            // Does a KH column's label say the plan is the adjusted one
            // ("KH điều chỉnh", "Dự toán điều chỉnh năm 2025", "KH ĐC")?
            let adjusted = |c: u32, label: Label| {
                let text = label_text(c, label);
                let tokens: Vec<&str> = text.split(' ').collect();
                tokens.contains(&"dc") || contains_words(&tokens, &["dieu", "chinh"])
            };
            // Does a column's label name the first quarter's three months
            // ("3 tháng năm 2026", "Thực hiện" over "3 tháng")? In a first
            // quarter they are the quarter and the months from January
            // alike: TH alone, the LK beside a column that names the
            // quarter ("Thực hiện" over "Quý I/2026" | "3 tháng năm 2026").
            let first_quarter = period.is_some_and(|p| p.span == PeriodSpan::Quarter(1));
            let three_months = |c: u32, label: Label| {
                if !first_quarter {
                    return false;
                }
                let text = label_text(c, label);
                let tokens: Vec<&str> = text.split(' ').collect();
                (0..tokens.len()).any(|i| months_at(&tokens, i) == Some(3))
            };
            let lk_held = |columns: &[(u32, Role)]| {
                columns
                    .iter()
                    .any(|(_, r)| *r == Role::Value(ValueColumn::Lk))
            };
            for c in cols.clone() {
                let Some(top) = cell(r, c) else {
                    continue;
                };
                let (label, role) = if two_rows {
                    let Some(bottom) = cell(r + 1, c) else {
                        continue;
                    };
                    // Is the upper cell merged across several columns?
                    let spans = || {
                        let (or, oc) = grid.merge_origin(r, c).unwrap_or((r, c));
                        grid.merge_at(or, oc).is_some_and(|m| m.start.1 != m.end.1)
                    };
                    let joined = joined.get(at(r, c)).copied().flatten();
                    two_row_role(top, bottom, joined, &spans)
                } else if top.is_empty() {
                    (Label::None, top.role())
                } else {
                    (Label::Top, top.role())
                };
                let held = role.and_then(|role| columns.iter().position(|(_, r)| *r == role));
                match (role, held) {
                    (Some(role), None) => {
                        columns.push((c, role));
                        labels.push((c, label));
                    }
                    // Two columns say the same: the first is read, unless
                    // it is hidden and this one is not (an old CK column
                    // hidden before the new one).
                    (Some(role), Some(k)) => {
                        let Some(&(first, _)) = columns.get(k) else {
                            continue;
                        };
                        let first_label = labels.get(k).map_or(Label::None, |(_, l)| *l);
                        if grid.col_hidden(first) && !grid.col_hidden(c) {
                            columns[k] = (c, role);
                            labels[k] = (c, label);
                            ignored.push((first, first_label, Why::Hidden(c, label, role)));
                        } else if grid.col_hidden(c) && !grid.col_hidden(first) {
                            ignored.push((c, label, Why::Hidden(first, first_label, role)));
                        } else if continues_merge(c) {
                            ignored.push((c, label, Why::Continuation(first, first_label, role)));
                        } else if role == Role::Value(ValueColumn::Kh)
                            && adjusted(c, label) != adjusted(first, first_label)
                        {
                            // The original plan and the adjusted one: the
                            // adjusted plan is the year's KH, wherever it
                            // stands.
                            if adjusted(c, label) {
                                columns[k] = (c, role);
                                labels[k] = (c, label);
                                ignored.push((first, first_label, Why::Original(c, label)));
                            } else {
                                ignored.push((c, label, Why::Original(first, first_label)));
                            }
                        } else if role == Role::Value(ValueColumn::Th)
                            && !lk_held(&columns)
                            && three_months(c, label) != three_months(first, first_label)
                        {
                            // The quarter's column is TH, the three months'
                            // the LK, whichever comes first.
                            let lk = Role::Value(ValueColumn::Lk);
                            if three_months(c, label) {
                                columns.push((c, lk));
                                labels.push((c, label));
                            } else {
                                columns[k] = (c, role);
                                labels[k] = (c, label);
                                columns.push((first, lk));
                                labels.push((first, first_label));
                            }
                        } else {
                            ignored.push((c, label, Why::Taken(first, first_label, role)));
                        }
                    }
                    _ if label != Label::None => ignored.push((c, label, Why::Unnamed)),
                    _ => {}
                }
            }
            // Left to right, a visible column put in a hidden one's place.
            columns.sort_by_key(|(c, _)| *c);
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
                ignored: Vec::new(),
                ck_said: None,
            };
            // On a tie the header read from fewer rows wins: a blank row
            // above a header, or the first data row under it, adds nothing.
            // Not the lower row of a two-row header, though, whose labels
            // have their own words above them ("Năm 2023" over "Kế hoạch"):
            // read alone it takes last year's plan for this year's.
            let span = if two_rows { 2 } else { 1 };
            let unmerged =
                |r: u32, c: u32| grid.merge_origin(r, c).is_none() && grid.merge_at(r, c).is_none();
            // Two labels one over the other, each naming a figure column
            // ("Năm 2023" over "Kế hoạch"), neither merged: halves of one
            // header.
            let halves = |upper: u32| {
                cols.clone().any(|c| {
                    let (a, b) = (cell(upper, c), cell(upper + 1, c));
                    matches!(
                        (a, b),
                        (Some(HeaderCell::Words(..)), Some(HeaderCell::Words(..)))
                    ) && matches!(a.and_then(HeaderCell::role), Some(Role::Value(_)))
                        && matches!(b.and_then(HeaderCell::role), Some(Role::Value(_)))
                        // A figure typed as text ("1.000" in a CSV) is no
                        // label.
                        && [a, b].iter().flatten().all(|h| {
                            crate::number::parse_number(&h.text(), Default::default()).is_none()
                        })
                        && a.zip(b).is_some_and(|(a, b)| !a.same_text(b))
                        && unmerged(upper, c)
                        && unmerged(upper + 1, c)
                })
            };
            // A label merged across columns over cells each labelled in
            // the row under it («So KH (%)» over «Năm 2026» | «Năm 2027»):
            // a group, its columns told apart by the lower row, which read
            // alone takes the second for a copy of the first (tester DF:
            // next year's %KH read as a second %KH).
            let split_below = |c: u32| {
                let under = r + span;
                matches!(cell(under, c), Some(HeaderCell::Words(..)))
                    && grid
                        .merge_origin(under, c)
                        .is_none_or(|(or, _)| or == under)
            };
            let grouped = ignored.iter().any(|(c, _, why)| {
                matches!(why, Why::Continuation(..) | Why::Taken(..))
                    && grid
                        .merge_origin(r + span - 1, *c)
                        .is_some_and(|(_, oc)| oc < *c)
                    && split_below(*c)
            });
            let lower_row =
                !two_rows && ((r > rows.start && halves(r - 1)) || (r + 1 < rows.end && halves(r)));
            // On a tie a layout that leaves such labels under it loses.
            let better = match &best {
                None => true,
                Some((b, bspan, b_half, b_grouped)) => {
                    layout.score() > b.score()
                        || (layout.score() == b.score()
                            && ((*b_grouped && !grouped)
                                || (*b_grouped == grouped
                                    && ((span < *bspan && !lower_row)
                                        || (span > *bspan && *b_half)))))
                }
            };
            if better {
                let text = |c: u32, label: Label| {
                    let (top, bottom) = (cell(r, c), cell(r + 1, c));
                    let text = |h: Option<&HeaderCell>| {
                        h.map(|h| h.text().into_owned()).unwrap_or_default()
                    };
                    match label {
                        Label::None => String::new(),
                        Label::Top => text(top),
                        Label::Bottom => text(bottom),
                        Label::Both => format!("{} {}", text(top), text(bottom)),
                    }
                };
                let mut layout = layout;
                let other = |c: u32, l: Label, role: Role| OtherColumn {
                    col: c,
                    label: text(c, l),
                    role,
                };
                // A continuation whose figure cells continue merges too
                // (or are blank) is part of the column left of it: no
                // column at all. One that holds figures of its own is a
                // column left unread, said as such.
                let own_figures = |c: u32| {
                    (layout.header_last + 1..rows.end).any(|dr| {
                        grid.merge_origin(dr, c).is_none_or(|(_, oc)| oc >= c)
                            && match grid.raw(dr, c) {
                                Data::Int(_) | Data::Float(_) => true,
                                Data::String(s) => {
                                    crate::number::parse_number(s, Default::default()).is_some()
                                }
                                _ => false,
                            }
                    })
                };
                layout.ignored = ignored
                    .into_iter()
                    .filter(|(c, _, why)| !matches!(why, Why::Continuation(..)) || own_figures(*c))
                    .map(|(c, l, why)| IgnoredColumn {
                        col: c,
                        label: text(c, l),
                        why: match why {
                            Why::Unnamed => NotRead::Unnamed,
                            Why::Taken(o, ol, role) => NotRead::Taken(other(o, ol, role)),
                            Why::Hidden(o, ol, role) => NotRead::Hidden(other(o, ol, role)),
                            Why::Continuation(o, ol, role) => NotRead::Taken(other(o, ol, role)),
                            Why::Original(o, ol) => {
                                NotRead::Original(other(o, ol, Role::Value(ValueColumn::Kh)))
                            }
                        },
                    })
                    .collect();
                layout.ignored.sort_by_key(|i| i.col);
                // A %CK column whose words say growth ("So sánh (%)" over
                // "Tăng, giảm cùng kỳ") or the ratio ("Ước TH/CK"); "+/- so
                // cùng kỳ" and "So với cùng kỳ (%)" say neither.
                layout.ck_said = labels
                    .iter()
                    .find(|(c, _)| layout.col(Role::Value(ValueColumn::PctCk)) == Some(*c))
                    .map(|(c, l)| text(*c, *l))
                    .and_then(|label| {
                        let folded = fold(&label);
                        let tokens: Vec<&str> = folded.split(' ').collect();
                        let said = if words.has(&tokens, Family::Growth) {
                            CkConvention::Growth
                        } else if says_ratio(&label) {
                            CkConvention::Ratio
                        } else {
                            return None;
                        };
                        Some((label, said))
                    });
                best = Some((layout, span, lower_row, grouped));
            }
        }
    }
    best.map(|(layout, ..)| layout)
}

/// Whether a %CK label writes its figure as a quotient of this year's by
/// last year's: "TH/CK", "Ước TH/CK", "LK/CK", "Thực hiện/cùng kỳ (%)".
/// Such a column holds the ratio (129,51), not the growth; "Tăng/giảm so
/// với CK" is no quotient.
fn says_ratio(label: &str) -> bool {
    let mut sides = label.split('/');
    let mut before = sides.next().map(fold).unwrap_or_default();
    sides.any(|after| {
        let this_year = matches!(
            before.rsplit(' ').next(),
            Some("th" | "lk" | "hien" | "ke" | "uoc")
        );
        let after = fold(after);
        let last_year = after == "ck"
            || after.starts_with("ck ")
            || after.starts_with("cung ky")
            || after.starts_with("cung ki");
        before = after;
        this_year && last_year
    })
}

/// The label and role of a column whose header spans two rows: both rows
/// read together ("So sánh (%)" over "KH" is %KH, "Thực hiện" over "9
/// tháng" is LK), else, under a cell merged across several columns (a
/// group or a title, which says nothing of this column alone), the lower
/// cell alone. A column's own upper label is never dropped for the cell
/// under it: "Tiến độ" over a task's "Quý II/2020" is no figure column.
///
/// `joined` is the role of the two cells read together, from
/// [`joined_roles`].
fn two_row_role(
    top: &HeaderCell,
    bottom: &HeaderCell,
    joined: Option<Role>,
    top_spans: &dyn Fn() -> bool,
) -> (Label, Option<Role>) {
    match (top.is_empty(), bottom.is_empty()) {
        (true, true) => (Label::None, None),
        (true, false) => (Label::Bottom, bottom.role()),
        (false, true) => (Label::Top, top.role()),
        (false, false) if top.same_text(bottom) => (Label::Top, top.role()),
        // Two figures read together are digits, which name nothing.
        (false, false) if top.is_figure() && bottom.is_figure() => (Label::Both, None),
        // The STT column, whatever is written over or under its label
        // (a title line, a group's words): its row numbers and section
        // numerals (1, 2, 3, "II") are never figures.
        (false, false) if top.role() == Some(Role::Stt) || bottom.role() == Some(Role::Stt) => {
            (Label::Both, Some(Role::Stt))
        }
        (false, false) => {
            let role = joined.or_else(|| bottom.role().filter(|_| top_spans()));
            (Label::Both, role)
        }
    }
}

/// Does [`two_row_role`] read these two cells together?
fn reads_joined(top: &HeaderCell, bottom: &HeaderCell) -> bool {
    let apart = top.is_empty()
        || bottom.is_empty()
        || top.same_text(bottom)
        || (top.is_figure() && bottom.is_figure());
    !apart
}

/// The folded label of two cells read together.
fn joined_label(top: &HeaderCell, bottom: &HeaderCell) -> String {
    fold_joined(&top.folded(), &bottom.folded())
}

/// For each cell of `cells` (rows of `width` cells), the role of its
/// label read together with the cell under it, where [`two_row_role`]
/// reads them so (`None` elsewhere). Pairs of remembered cells are looked
/// up in the thread's memo under one borrow, and only those never met are
/// classified: a batch's headers repeat their pairs in every workbook.
/// A pair's kind is remembered whatever the period; only a figure label
/// is classified for the period.
fn joined_roles(
    cells: &[HeaderCell],
    width: usize,
    words: &HeaderWords,
    period: Option<Period>,
) -> Vec<Option<Role>> {
    let below = cells.iter().skip(width);
    let mut roles = vec![None; cells.len().saturating_sub(width)];
    let mut known_pairs: Vec<(usize, (u64, u64))> = Vec::new();
    for (i, (top, bottom)) in cells.iter().zip(below).enumerate() {
        if !reads_joined(top, bottom) {
            continue;
        }
        let ids = match (top, bottom) {
            (HeaderCell::Words(t, _), HeaderCell::Words(b, _)) => t.id.zip(b.id),
            _ => None,
        };
        match ids {
            Some(ids) => known_pairs.push((i, ids)),
            None => roles[i] = words.classify_folded(&joined_label(top, bottom), period),
        }
    }
    if known_pairs.is_empty() {
        return roles;
    }
    // Pairs whose kind is not known, and figure labels to classify for
    // the period.
    let mut missed = Vec::new();
    let mut figures = Vec::new();
    ROLES.with(|memo| match memo.try_borrow_mut() {
        Ok(mut memo) => {
            let table = memo.table(words.id);
            for &(i, ids) in &known_pairs {
                match table.pairs.get(&ids) {
                    Some(Kind::Fixed(role)) => roles[i] = *role,
                    Some(Kind::Figure) => figures.push(i),
                    None => missed.push((i, ids)),
                }
            }
        }
        Err(_) => missed.clone_from(&known_pairs),
    });
    let mut kinds = Vec::with_capacity(missed.len());
    for &(i, ids) in &missed {
        if let (Some(top), Some(bottom)) = (cells.get(i), cells.get(i + width)) {
            let label = joined_label(top, bottom);
            let kind = words.kind_folded(&label);
            roles[i] = words.role_of(kind, &label, period);
            kinds.push((ids, kind));
        }
    }
    for i in figures {
        if let (Some(top), Some(bottom)) = (cells.get(i), cells.get(i + width)) {
            roles[i] = words.classify_folded(&joined_label(top, bottom), period);
        }
    }
    if !kinds.is_empty() {
        ROLES.with(|memo| {
            if let Ok(mut memo) = memo.try_borrow_mut() {
                let table = memo.table(words.id);
                for (ids, kind) in kinds {
                    table.pairs.insert(ids, kind);
                }
            }
        });
    }
    roles
}

/// Where a header column's label comes from: its cell in the header's
/// (upper) row, the one under it, or both read together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    None,
    Top,
    Bottom,
    Both,
}

/// Why a header column is left out while its layout is weighed: the
/// column read instead, with its label and role.
#[derive(Clone, Copy, Debug)]
enum Why {
    Unnamed,
    Taken(u32, Label, Role),
    Hidden(u32, Label, Role),
    /// Its header only continues a merge begun left of it.
    Continuation(u32, Label, Role),
    /// It is the original plan; the adjusted plan is read as KH.
    Original(u32, Label),
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Dimensions, Range};

    fn words() -> HeaderWords {
        HeaderWords::new(&Template::builtin().unwrap())
    }

    /// "Ước TH/CK" under "So sánh (%)" (a tester's year-end form) holds
    /// the ratio; growth words, or "so với cùng kỳ" alone, say no ratio.
    #[test]
    fn a_quotient_of_this_year_by_last_says_ratio() {
        for label in [
            "So sánh (%) Ước TH/CK",
            "TH/CK (%)",
            "LK / CK",
            "Thực hiện/cùng kỳ (%)",
            "Lũy kế/Cùng kỳ",
        ] {
            assert!(says_ratio(label), "{label}");
        }
        for label in [
            "So với cùng kỳ (%)",
            "Tăng/giảm so với CK (%)",
            "+/- so với cùng kỳ",
            "% so CK",
            "Ước TH/KH",
            "Năm 2025/CK",
        ] {
            assert!(!says_ratio(label), "{label}");
        }
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
    fn a_label_of_digits_names_a_column_only_where_the_words_have_digits() {
        let w = words();
        assert!(!w.numeric_words);
        assert_eq!(w.classify("2020", None), None);
        assert_eq!(w.classify("1 2", None), None);
        // Another office whose form numbers its columns: "5" is TH there.
        let toml = crate::template::DEFAULT_TOML
            .replace("TH = [\"thực hiện\"", "TH = [\"5\", \"thực hiện\"");
        let t = Template::builtin_with_toml(&toml);
        let Ok(t) = t else { panic!("template: {t:?}") };
        let w = HeaderWords::new(&t);
        assert!(w.numeric_words);
        assert_eq!(w.classify("5", None), Some(Role::Value(ValueColumn::Th)));
        assert_eq!(w.classify("2020", None), None);
        // Each set of words has its own remembered roles on a thread: "5"
        // and "Số lượng" mean nothing to the default words, before and
        // after another template's words read them as TH.
        let toml = crate::template::DEFAULT_TOML
            .replace("TH = [\"thực hiện\"", "TH = [\"số lượng\", \"thực hiện\"");
        let other = Template::builtin_with_toml(&toml);
        let Ok(other) = other else {
            panic!("template: {other:?}")
        };
        let (default, other) = (words(), HeaderWords::new(&other));
        assert_eq!(default.classify("Số lượng", None), None);
        let th = Some(Role::Value(ValueColumn::Th));
        assert_eq!(other.classify("Số lượng", None), th);
        assert_eq!(default.classify("Số lượng", None), None);
        assert_eq!(other.classify("Số lượng", None), th);
    }

    /// "Năm 2023" over "Kế hoạch" beside columns merged down two rows:
    /// the header is both rows, last year's plan is not read, and this
    /// year's "Kế hoạch năm 2024" is KH (the lower row alone had tied and
    /// won, taking last year's plan for KH).
    #[test]
    fn the_lower_row_of_a_two_row_header_is_not_read_alone() {
        let rows: &[&[&str]] = &[
            &[
                "Mã số",
                "Chỉ tiêu",
                "ĐVT",
                "Năm 2023",
                "Kế hoạch năm 2024",
                "Quý IV năm 2024",
                "Năm 2024",
                "Năm 2023",
            ],
            &["", "", "", "Kế hoạch", "", "", "", ""],
            &[
                "KT03",
                "Doanh nghiệp thành lập mới",
                "DN",
                "36",
                "40",
                "6",
                "31",
                "29",
            ],
        ];
        let merges = [0u32, 1, 2, 4, 5, 6, 7]
            .iter()
            .map(|&c| Dimensions::new((0, c), (1, c)))
            .collect();
        let q4: Option<Period> = "2024-Q4".parse().ok();
        let layout = find_table(&grid(rows, merges), &words(), q4).unwrap();
        assert_eq!((layout.header_first, layout.header_last), (0, 1));
        let values: Vec<(u32, ValueColumn)> = layout.value_columns().collect();
        assert_eq!(
            values,
            [
                (4, ValueColumn::Kh),
                (5, ValueColumn::Th),
                (6, ValueColumn::Lk),
                (7, ValueColumn::Ck)
            ]
        );
    }

    #[test]
    fn figures_compare_as_the_texts_they_show() {
        // Two figures show the same text exactly when they are equal; a
        // figure and a label compare by their texts.
        let (f, i) = (Data::Float, Data::Int);
        let (a, b, c, d, e) = (f(2020.0), f(2020.5), i(2020), f(-0.0), f(0.0));
        let cell = HeaderCell::Figure;
        let a2 = a.clone();
        assert!(cell(&a).same_text(&cell(&a2)));
        assert!(!cell(&a).same_text(&cell(&b)));
        assert!(cell(&a).same_text(&cell(&c)));
        assert!(cell(&d).same_text(&cell(&e)));
        let w = words();
        let label = w.header_cell(w.cell_words("2020"), None);
        assert!(cell(&a).same_text(&label));
        for (x, y) in [(&a, &b), (&a, &c), (&b, &c), (&d, &e), (&b, &b)] {
            assert_eq!(
                cell(x).same_text(&cell(y)),
                data_text(x) == data_text(y),
                "{x:?} {y:?}"
            );
        }
    }

    #[test]
    fn remembered_roles_follow_the_period_asked() {
        // "9 tháng" is LK in a third quarter only: asked for more periods
        // than a thread keeps tables of, in turn and again, through
        // classify and through a header cell, each answer is its period's.
        let w = words();
        let lk = Some(Role::Value(ValueColumn::Lk));
        for _ in 0..3 {
            for (q, year) in [
                (3, 2020),
                (2, 2020),
                (1, 2021),
                (4, 2019),
                (3, 2019),
                (2, 2018),
            ] {
                let p = Some(Period::quarter(year, q));
                let want = if q == 3 { lk } else { None };
                assert_eq!(w.classify("9 tháng", p), want, "Q{q}/{year}");
                assert_eq!(
                    w.header_cell(w.cell_words("9 tháng"), p).role(),
                    want,
                    "Q{q}/{year}"
                );
                assert_eq!(&*w.cell_words(" 9  tháng ").text, "9 tháng");
            }
        }
    }

    #[test]
    fn header_words_classify_labels() {
        let w = words();
        assert_eq!(
            w.classify("Kế hoạch năm 2020", None),
            Some(Role::Value(ValueColumn::Kh))
        );
        assert_eq!(
            w.classify("Thực hiện quý I/2020", None),
            Some(Role::Value(ValueColumn::Th))
        );
        assert_eq!(
            w.classify("Lũy kế từ đầu năm", None),
            Some(Role::Value(ValueColumn::Lk))
        );
        assert_eq!(
            w.classify("Cùng kỳ năm 2019", None),
            Some(Role::Value(ValueColumn::Ck))
        );
        assert_eq!(
            w.classify("% so với KH", None),
            Some(Role::Value(ValueColumn::PctKh))
        );
        assert_eq!(
            w.classify("%CK", None),
            Some(Role::Value(ValueColumn::PctCk))
        );
        assert_eq!(w.classify("Mã số", None), Some(Role::Code));
        assert_eq!(w.classify("ĐVT", None), Some(Role::Unit));
        assert_eq!(w.classify("Ghi chú", None), Some(Role::Note));
        assert_eq!(w.classify("UBND PHƯỜNG 5", None), None);
        assert_eq!(w.classify("Khánh Hòa", None), None);
    }

    /// A school year's columns in a half-year's report (January to June,
    /// the end of the school year): this school year, or its second
    /// semester, is LK; last school year's is CK; a first semester is
    /// another period. Near misses: the plan of the school year stays KH,
    /// a percent against last school year stays %CK, and a school year in
    /// a quarter's or a year's report is read as before (not at all).
    #[test]
    fn school_year_columns_of_a_half_years_report() {
        use ValueColumn::*;
        let w = words();
        let h1: Option<Period> = "2026-H1".parse().ok();
        let cases: &[(&str, Option<ValueColumn>)] = &[
            ("Năm học 2025-2026", Some(Lk)),
            ("Thực hiện năm học 2025-2026", Some(Lk)),
            ("Thực hiện học kỳ II năm học 2025-2026", Some(Lk)),
            ("HK II năm học 2025 - 2026", Some(Lk)),
            ("Học kỳ II", Some(Lk)),
            ("Năm học 2024-2025", Some(Ck)),
            ("Cùng kỳ năm học 2024-2025", Some(Ck)),
            ("Học kỳ II năm học 2024-2025", Some(Ck)),
            ("Thực hiện học kỳ I", None),
            ("Học kỳ I năm học 2025-2026", None),
            ("Năm học 2023-2024", None),
            ("Kế hoạch năm học 2025-2026", Some(Kh)),
            ("So với năm học 2024-2025 (%)", Some(PctCk)),
        ];
        for (label, want) in cases {
            assert_eq!(w.classify(label, h1), want.map(Role::Value), "{label}");
        }
        let q2: Option<Period> = "2026-Q2".parse().ok();
        let year: Option<Period> = "2026".parse().ok();
        for p in [q2, year] {
            assert_eq!(w.classify("Năm học 2025-2026", p), None);
            assert_eq!(w.classify("Thực hiện học kỳ II năm học 2025-2026", p), None);
        }
    }

    /// Header phrasings met in offices' workbooks, none of them listed
    /// whole in the template.
    #[test]
    fn figure_headers_are_read_by_their_words() {
        use ValueColumn::*;
        let w = words();
        let q3: Option<Period> = "2020-Q3".parse().ok();
        let cases: &[(&str, Option<ValueColumn>)] = &[
            ("Tăng giảm so cùng kỳ (%)", Some(PctCk)),
            ("% so CK", Some(PctCk)),
            ("So với cùng kỳ năm trước (%)", Some(PctCk)),
            // A school year that reaches the report's year is its plan.
            ("Kế hoạch năm học 2019-2020", Some(Kh)),
            ("KH năm học 2020 - 2021", Some(Kh)),
            ("Kế hoạch năm học 2018-2019", None),
            ("Tăng (+), giảm (-) %", Some(PctCk)),
            ("Tỷ lệ tăng/giảm", Some(PctCk)),
            ("% tăng (giảm) so cùng kỳ", Some(PctCk)),
            ("% tăng, giảm so CK", Some(PctCk)),
            ("So cùng kỳ tăng/giảm (%)", Some(PctCk)),
            ("+/- so với cùng kỳ (%)", Some(PctCk)),
            ("So sánh (%) CK", Some(PctCk)),
            ("Đánh giá So với KH", Some(PctKh)),
            ("Đạt (%) so với KH", Some(PctKh)),
            ("Tỷ lệ đạt KH (%)", Some(PctKh)),
            ("So với kế hoạch (%)", Some(PctKh)),
            ("% so KH năm", Some(PctKh)),
            ("% dự toán", Some(PctKh)),
            ("KH 2020", Some(Kh)),
            ("Dự toán năm 2020", Some(Kh)),
            ("Chỉ tiêu năm 2020", Some(Kh)),
            ("TH quý III", Some(Th)),
            ("Thực hiện quý III/2020", Some(Th)),
            ("Ước thực hiện", Some(Th)),
            ("LK 9 tháng", Some(Lk)),
            ("Ước thực hiện 9 tháng", Some(Lk)),
            ("Thực hiện 9 tháng", Some(Lk)),
            ("9 tháng", Some(Lk)),
            ("Lũy kế từ đầu năm", Some(Lk)),
            ("CK 2019", Some(Ck)),
            ("Cùng kỳ năm 2019", Some(Ck)),
            ("Thực hiện cùng kỳ", Some(Ck)),
            ("Thực hiện 9 tháng năm 2019", Some(Ck)),
            // Not this report's period, or not a figure at all.
            ("Thực hiện 6 tháng", None),
            ("TH quý II", None),
            ("Ước thực hiện cả năm", None),
            ("Tỷ lệ (%)", None),
            ("Tăng thêm", None),
            ("Tiến độ thực hiện", None),
            ("Thời gian thực hiện", None),
            ("Tiến độ quý III/2020", None),
            // One month is another period's figure, whichever.
            ("Thực hiện tháng 7", None),
            ("Ước TH tháng 9/2020", None),
            ("Thực hiện tháng 9 năm 2020", None),
            ("Cùng kỳ tháng 9/2019", None),
            // A quarter named with its months, or a span of months.
            ("TH quý III (tháng 7-9)", Some(Th)),
            ("Thực hiện tháng 7-9", Some(Th)),
            // Months up to one are months from January.
            ("Lũy kế đến tháng 9", Some(Lk)),
            ("Lũy kế tháng 9", Some(Lk)),
            // A figure named by its period anywhere in the label.
            ("Giải ngân quý III/2020", Some(Th)),
            ("Lũy kế giải ngân 9 tháng", Some(Lk)),
            ("Số tiền 9 tháng", Some(Lk)),
        ];
        for (label, want) in cases {
            assert_eq!(w.classify(label, q3), want.map(Role::Value), "{label}");
        }
        // The months tell LK from TH by the report's period.
        let q1: Option<Period> = "2020-Q1".parse().ok();
        assert_eq!(w.classify("3 tháng", q1), Some(Role::Value(Th)));
        assert_eq!(w.classify("Lũy kế 3 tháng", q1), Some(Role::Value(Lk)));
        // In a first quarter last year's first quarter is CK, its fourth
        // (the report before this one) is not.
        assert_eq!(
            w.classify("Thực hiện quý I/2019", q1),
            Some(Role::Value(Ck))
        );
        assert_eq!(w.classify("Thực hiện quý IV/2019", q1), None);
        let h1: Option<Period> = "2020-Q2".parse().ok();
        assert_eq!(w.classify("6 tháng", h1), Some(Role::Value(Lk)));
        let q4: Option<Period> = "2020-Q4".parse().ok();
        assert_eq!(
            w.classify("Ước thực hiện cả năm", q4),
            Some(Role::Value(Lk))
        );
        // The year alone: LK in the fourth quarter, the year before CK,
        // nothing earlier in the year.
        for label in [
            "Cả năm 2020",
            "Năm 2020",
            "Cả năm",
            "Ước cả năm",
            "Ước cả năm 2020",
            "Ước tính năm 2020",
        ] {
            assert_eq!(w.classify(label, q4), Some(Role::Value(Lk)), "{label}");
            assert_eq!(w.classify(label, q3), None, "{label}");
        }
        assert_eq!(w.classify("Năm 2019", q4), Some(Role::Value(Ck)));
        // December is no year: its month's estimate beside the quarter's.
        assert_eq!(w.classify("Ước TH tháng 12", q4), None);
        // A month's column, however short its header, is another period's:
        // nothing to correct (tester DF, Phường 04: «Ước tháng 12» told to
        // retitle). Near miss: a header naming no figure is not.
        let year: Period = "2020".parse().unwrap();
        for label in ["Ước tháng 12", "Ước TH tháng 12/2020"] {
            assert_eq!(
                w.other_figures(label, year),
                Some(OtherFigures::OtherPeriod),
                "{label}"
            );
        }
        assert_eq!(w.other_figures("Ghi chú tháng 12", year), None);
        assert_eq!(w.classify("Thực hiện tháng 12/2020", q4), None);
        assert_eq!(w.classify("Ước TH quý IV", q4), Some(Role::Value(Th)));
        assert_eq!(w.classify("Năm 2021", q4), None);
        // "Ước thực hiện năm" is the year's, even without its number: LK in
        // the fourth quarter, not read earlier.
        assert_eq!(w.classify("Ước thực hiện năm", q4), Some(Role::Value(Lk)));
        assert_eq!(w.classify("Ước thực hiện năm", q3), None);
        // Last year's plan is neither KH nor CK.
        for label in ["Năm 2019 Kế hoạch", "Kế hoạch năm 2019", "KH 2019"] {
            assert_eq!(w.classify(label, q4), None, "{label}");
        }
        assert_eq!(w.classify("Kế hoạch năm 2020", q4), Some(Role::Value(Kh)));
        // Next year's plan, in a year-end report: not this year's KH,
        // whichever way it is written; a school year that reaches this
        // year is this year's.
        let year: Option<Period> = "2020".parse().ok();
        for label in [
            "Kế hoạch năm 2021",
            "KH 2021",
            "Chỉ tiêu giao năm 2021",
            "Kế hoạch năm 2021 (dự kiến)",
            "Năm 2021 Kế hoạch",
        ] {
            assert_eq!(w.classify(label, year), None, "{label}");
            assert_eq!(w.classify(label, q4), None, "{label}");
        }
        assert_eq!(w.classify("Kế hoạch năm 2020", year), Some(Role::Value(Kh)));
        assert_eq!(
            w.classify("Kế hoạch năm học 2020-2021", q4),
            Some(Role::Value(Kh))
        );
        // Last year's quarter beside a year's LK is not its CK; the year's is.
        assert_eq!(w.classify("Quý IV năm 2019", q4), None);
        assert_eq!(w.classify("Thực hiện năm 2019", q4), Some(Role::Value(Ck)));
        let q1: Option<Period> = "2020-Q1".parse().ok();
        assert_eq!(w.classify("Quý I năm 2019", q1), Some(Role::Value(Ck)));
        // With no period known: a quarter is TH, 6 or 9 months LK.
        assert_eq!(w.classify("9 tháng", None), Some(Role::Value(Lk)));
        assert_eq!(w.classify("Quý II", None), Some(Role::Value(Th)));
        // Identity columns stay as the template names them.
        assert_eq!(w.classify("Chỉ tiêu", q3), Some(Role::Name));
        assert_eq!(w.classify("Nội dung chỉ tiêu", q3), Some(Role::Name));
        assert_eq!(w.classify("Đơn vị tính", q3), Some(Role::Unit));
    }

    #[test]
    fn a_group_header_over_short_labels_is_read_with_them() {
        // "So sánh (%)" over "KH" and "CK": percents, not the plan and
        // the same period; an unknown column is listed as ignored.
        let g = grid(
            &[
                &[
                    "STT",
                    "Chỉ tiêu",
                    "Thực hiện",
                    "",
                    "Kế hoạch",
                    "So sánh (%)",
                    "",
                    "Nguồn số liệu",
                ],
                &["", "", "Quý III", "9 tháng", "", "KH", "CK", ""],
                &["1", "Lượt tiếp công dân", "5", "15", "20", "75", "7,1", ""],
            ],
            vec![
                Dimensions::new((0, 0), (1, 0)),
                Dimensions::new((0, 1), (1, 1)),
                Dimensions::new((0, 2), (0, 3)),
                Dimensions::new((0, 4), (1, 4)),
                Dimensions::new((0, 5), (0, 6)),
                Dimensions::new((0, 7), (1, 7)),
            ],
        );
        let t = find_table(&g, &words(), "2020-Q3".parse().ok()).unwrap();
        assert_eq!((t.header_first, t.header_last), (0, 1));
        assert_eq!(t.col(Role::Value(ValueColumn::Th)), Some(2));
        assert_eq!(t.col(Role::Value(ValueColumn::Lk)), Some(3));
        assert_eq!(t.col(Role::Value(ValueColumn::Kh)), Some(4));
        assert_eq!(t.col(Role::Value(ValueColumn::PctKh)), Some(5));
        assert_eq!(t.col(Role::Value(ValueColumn::PctCk)), Some(6));
        assert_eq!(
            t.ignored,
            vec![IgnoredColumn {
                col: 7,
                label: "Nguồn số liệu".to_string(),
                why: NotRead::Unnamed
            }]
        );
    }

    #[test]
    fn a_label_opening_with_phrases_takes_the_longest() {
        // The phrase index answers as a scan of every phrase would: an
        // equal phrase first, else the longest one the label opens with
        // (followed by a space).
        let w = words();
        let scan = |f: &str| {
            let mut best: Option<(usize, Role)> = None;
            for (p, role) in &w.phrases {
                let hit = f.starts_with(p.as_str()) && f.as_bytes().get(p.len()) == Some(&b' ');
                if hit && best.is_none_or(|(len, _)| p.len() > len) {
                    best = Some((p.len(), *role));
                }
            }
            best.map(|(_, r)| r)
        };
        let mut checked = 0;
        for p in w.phrases.keys() {
            for tail in [
                "",
                " x",
                " cua phuong",
                " (1)",
                " quy iii",
                " đến hết ngày 30 tháng 9 của các phường trên địa bàn quận",
            ] {
                let f = format!("{p}{tail}");
                let tokens: Vec<&str> = f.split(' ').collect();
                if w.phrases.contains_key(&f) || w.is_figure_label(&f, &tokens) {
                    continue;
                }
                assert_eq!(w.kind_new(&f), Kind::Fixed(scan(&f)), "{f}");
                checked += 1;
            }
        }
        assert!(checked > 20, "{checked}");
        assert_eq!(w.classify("Tên chỉ tiêu (đơn vị)", None), Some(Role::Name));
    }

    #[test]
    fn short_figures_written_as_text_are_remembered_long_ones_are_not() {
        // "2" or "0,00" comes back in every workbook; "2.794" differs in
        // each and would only crowd the memo. Either way the words agree.
        let w = words();
        for (text, kept) in [("2", true), ("0,00", true), ("(1)", true), ("2.794", false)] {
            let first = w.cell_words(text);
            let again = w.cell_words(text);
            assert_eq!(Rc::ptr_eq(&first, &again), kept, "{text}");
            assert_eq!(first.id.is_some(), kept, "{text}");
            assert_eq!((&*first.text, first.kind), (&*again.text, again.kind));
        }
    }

    #[test]
    fn the_pairs_looked_up_are_the_pairs_read_together() {
        // `joined_roles` classifies exactly the pairs whose role
        // `two_row_role` takes from the joined label: every kind of cell
        // over every kind, with a joined role no single cell names.
        let w = words();
        let f1 = Data::Float(1.0);
        let f2 = Data::Float(2.0);
        let text = |t: &str| w.header_cell(w.cell_words(t), None);
        let kinds = || {
            vec![
                HeaderCell::Empty,
                HeaderCell::Figure(&f1),
                HeaderCell::Figure(&f2),
                text("Ghi chú"),
                text("Tổng"),
                text("ghi chú"),
            ]
        };
        let marker = Some(Role::Unit);
        for top in kinds() {
            for bottom in kinds() {
                let (label, role) = two_row_role(&top, &bottom, marker, &|| false);
                let took_joined = label == Label::Both && role == marker;
                assert_eq!(
                    reads_joined(&top, &bottom),
                    took_joined,
                    "{:?} over {:?}",
                    top.text(),
                    bottom.text()
                );
            }
        }
    }

    #[test]
    fn the_most_recently_used_entry_comes_first_and_the_least_goes() {
        let mut list: Vec<u32> = Vec::new();
        for k in [1, 2, 3, 1, 4] {
            *recent(&mut list, 3, |&x| x == k, || k) += 0;
        }
        // 2 was used least recently when 4 came.
        assert_eq!(list, [4, 1, 3]);
        *recent(&mut list, 3, |&x| x == 3, || 99) += 10;
        assert_eq!(list, [13, 4, 1]);
    }

    #[test]
    fn only_figure_labels_depend_on_the_period() {
        // A label's kind is remembered whatever the period it is met for;
        // only a figure label is classified again for each period.
        let w = words();
        let kind = |label: &str| w.kind_new(&fold(label));
        assert_eq!(kind("Chỉ tiêu"), Kind::Fixed(Some(Role::Name)));
        assert_eq!(
            kind("Ban Chỉ huy Quân sự phường Công an phường"),
            Kind::Fixed(None)
        );
        assert_eq!(kind("Thực hiện quý III"), Kind::Figure);
        assert_eq!(kind("9 tháng"), Kind::Figure);
        assert_eq!(kind("Công an phường Quý II/2020"), Kind::Figure);
        for (q, want) in [
            (3, Some(Role::Value(ValueColumn::Lk))),
            (2, None),
            (3, Some(Role::Value(ValueColumn::Lk))),
        ] {
            let p = Some(Period::quarter(2020, q));
            assert_eq!(w.classify("9 tháng", p), want, "Q{q}");
            assert_eq!(w.classify("Chỉ tiêu", p), Some(Role::Name), "Q{q}");
        }
    }

    #[test]
    fn labels_read_together_keep_their_periods_role_when_met_again() {
        // "Thực hiện" over "9 tháng" is LK in a third quarter and not read
        // in a second, however often and in whatever order it is met.
        let g = grid(
            &[
                &["STT", "Chỉ tiêu", "Thực hiện", "", "Kế hoạch"],
                &["", "", "Quý", "9 tháng", ""],
                &["1", "Lượt tiếp công dân", "5", "15", "20"],
            ],
            vec![
                Dimensions::new((0, 0), (1, 0)),
                Dimensions::new((0, 1), (1, 1)),
                Dimensions::new((0, 2), (0, 3)),
                Dimensions::new((0, 4), (1, 4)),
            ],
        );
        let w = words();
        let lk = |period: &str| {
            let t = find_table(&g, &w, period.parse().ok()).unwrap();
            (
                t.col(Role::Value(ValueColumn::Th)),
                t.col(Role::Value(ValueColumn::Lk)),
            )
        };
        for _ in 0..2 {
            assert_eq!(lk("2020-Q3"), (Some(2), Some(3)));
            assert_eq!(lk("2020-Q2"), (Some(2), None));
        }
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
        let t = find_table(&g, &words(), None).unwrap();
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
        let t = find_table(&g, &words(), None).unwrap();
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

    /// A task table's first row under its header: "Tiến độ" over "Quý
    /// II/2020" is a deadline, not the quarter's figures.
    #[test]
    fn a_deadline_under_its_header_is_not_a_figure_column() {
        let g = grid(
            &[
                &["TT", "Nội dung", "Tiến độ", "Cơ quan chủ trì"],
                &["1", "Rà soát hồ sơ", "Quý II/2020", "P.TCKH"],
            ],
            vec![],
        );
        assert_eq!(find_table(&g, &words(), "2020-Q2".parse().ok()), None);
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
        assert_eq!(find_table(&g, &words(), None), None);
    }
}
