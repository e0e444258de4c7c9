//! The shipped sample set (`samples/2020-Q1/`): the 16 wards and the
//! reporting departments of the built-in registry, in the three layouts,
//! with a known list of planted mistakes and nothing else wrong.
//!
//! ```text
//! wards 1-6, departments  layout A      ward 7        sends nothing
//! wards 8-11              layout B      ward 9        two files
//! wards 12-16             layout C      + a ward 17 the registry lacks,
//!                                         an empty .xlsx, a .docx, a lock file
//! ```
//!
//! Department totals of `level=both` indicators are the sums over the
//! wards whose figures enter the consolidated totals (every ward but P07,
//! which sent nothing, and P14, whose file is for another period), taken
//! from the true figures; each planted mistake is listed in
//! [`Expected`] with its file, sheet and cell.

use super::figures::{pct_ck, pct_kh, percent_hundredths, Figures, Model};
use super::layout::{render, Cell, Doc, Field, Layout, Line, Row};
use super::rng::Rng;
use super::submission::{document, restate_percents, Sender};
use crate::error::Fatal;
use crate::model::{Period, PeriodSpan, ValueColumn};
use crate::template::{AgencyKind, CkConvention, Level, Template};
use rayon::prelude::*;

/// One planted mistake as the error list should show it (the fields of a
/// finding, without the message). Numbers are written plainly (`1281`,
/// `17.29`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expected {
    pub severity: String,
    pub code: String,
    pub unit: String,
    pub file: String,
    pub sheet: String,
    pub cell: String,
    pub indicator: String,
    pub column: String,
    pub expected: String,
    pub actual: String,
}

/// The columns of `expected-<period>.tsv`.
pub const EXPECTED_HEADER: &str =
    "severity\tcode\tunit\tfile\tsheet\tcell\tindicator\tcolumn\texpected\tactual";

impl Expected {
    pub(super) fn tsv(&self) -> String {
        [
            &self.severity,
            &self.code,
            &self.unit,
            &self.file,
            &self.sheet,
            &self.cell,
            &self.indicator,
            &self.column,
            &self.expected,
            &self.actual,
        ]
        .map(|s| s.replace(['\t', '\n'], " "))
        .join("\t")
    }
}

/// The whole sample set in memory.
#[derive(Clone, Debug)]
pub struct SampleSet {
    /// File names (relative to the samples folder) and their bytes, sorted.
    pub files: Vec<(String, Vec<u8>)>,
    pub expected: Vec<Expected>,
}

impl SampleSet {
    /// The planted mistakes as TSV, header first.
    pub fn expected_tsv(&self) -> String {
        let mut out = String::from(EXPECTED_HEADER);
        out.push('\n');
        for e in &self.expected {
            out.push_str(&e.tsv());
            out.push('\n');
        }
        out
    }
}

fn ward_file(number: u32, period: Period) -> String {
    match number {
        4 => "Phuong 4 - bieu so lieu.xlsx".into(),
        6 => "UBND P6 - so lieu.xlsx".into(),
        10 => "Phuong 10 - bao cao quy 1.xlsx".into(),
        12 => format!("P12_SoLieu_{}.xlsx", period.to_string().replace('-', "_")),
        15 => "BC phuong 15.xlsx".into(),
        n => format!("phuong-{n:02}.xlsx"),
    }
}

fn department_file(code: &str) -> String {
    match code {
        "VP" => "van-phong-hdnd-ubnd.xlsx".into(),
        "P.TCKH" => "p-tckh.xlsx".into(),
        "P.KT" => "phong-kinh-te.xlsx".into(),
        "P.QLDT" => "p-qldt.xlsx".into(),
        "P.TNMT" => "p-tnmt.xlsx".into(),
        "P.LDTBXH" => "phong-ldtbxh.xlsx".into(),
        "P.VHTT" => "p-vhtt.xlsx".into(),
        "P.GDDT" => "phong-gddt.xlsx".into(),
        "P.NV" => "phong-noi-vu.xlsx".into(),
        "P.TP" => "p-tu-phap.xlsx".into(),
        "P.YT" => "phong-y-te.xlsx".into(),
        "TTRA" => "thanh-tra-quan.xlsx".into(),
        "TTYT" => "trung-tam-y-te.xlsx".into(),
        "CAQ" => "cong-an-quan.xlsx".into(),
        "BCHQS" => "bch-quan-su.xlsx".into(),
        "BQLDA" => "bqlda.xlsx".into(),
        "BBTGPMB" => "ban-bt-gpmb.xlsx".into(),
        other => format!("{}.xlsx", other.to_lowercase().replace('.', "-")),
    }
}

fn layout_of_ward(number: u32) -> Layout {
    match number {
        1..=7 => Layout::A,
        8..=11 => Layout::B,
        _ => Layout::C,
    }
}

/// The number of a ward code ("P05" → 5).
fn ward_number(code: &str) -> Option<u32> {
    code.trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .ok()
}

/// A planted mistake before the files are laid out: the cell is found
/// once the document is written.
pub(super) struct Mark {
    pub doc: usize,
    pub row: Option<usize>,
    pub field: Option<Field>,
    pub title: bool,
    /// At the letterhead's line naming the sender.
    pub unit_line: bool,
    pub e: Expected,
}

struct Builder<'t> {
    t: &'t Template,
    model: Model,
    period: Period,
    docs: Vec<(String, Doc)>,
    marks: Vec<Mark>,
}

fn missing(what: &str) -> Fatal {
    Fatal::Other(format!(
        "the district preset needs {what} in the built-in template"
    ))
}

impl Builder<'_> {
    fn idx(&self, code: &str) -> Result<usize, Fatal> {
        self.t.indicator_index(code).ok_or_else(|| missing(code))
    }

    /// Position in `doc.rows` of the row of indicator `code`.
    fn row_of(&self, doc: usize, code: &str) -> Result<usize, Fatal> {
        self.docs
            .get(doc)
            .and_then(|(_, d)| {
                d.rows
                    .iter()
                    .position(|r| matches!(r, Row::Line(l) if l.code == code))
            })
            .ok_or_else(|| missing(code))
    }

    fn line_mut(&mut self, doc: usize, row: usize) -> Option<&mut Line> {
        match self
            .docs
            .get_mut(doc)
            .and_then(|(_, d)| d.rows.get_mut(row))
        {
            Some(Row::Line(l)) => Some(l),
            _ => None,
        }
    }

    fn mark(&mut self, doc: usize, row: Option<usize>, field: Option<Field>, e: Expected) {
        let file = self
            .docs
            .get(doc)
            .map(|(f, _)| f.clone())
            .unwrap_or_default();
        self.marks.push(Mark {
            doc,
            row,
            field,
            title: false,
            unit_line: false,
            e: Expected { file, ..e },
        });
    }
}

/// A number written plainly, as the expected TSV writes it (`1281`,
/// `17.29`).
pub(super) fn plain(value: f64, decimals: u8) -> String {
    format!("{value:.*}", decimals as usize)
}

/// Hundredths written plainly (`1729` → `17.29`).
pub(super) fn hundredths(v: i64) -> String {
    plain(v as f64 / 100.0, 2)
}

/// A planted mistake with its sheet and cell, once its document is laid
/// out.
pub(super) fn locate(m: &Mark, placed: &super::layout::Placed) -> Expected {
    let mut e = m.e.clone();
    if m.title {
        e.sheet = placed.sheet.to_string();
        e.cell = placed.title_cell.clone();
    } else if m.unit_line {
        e.sheet = placed.sheet.to_string();
        e.cell = placed.unit_cell.clone();
    } else if let (Some(row), Some(field)) = (m.row, m.field) {
        e.sheet = placed.sheet.to_string();
        e.cell = placed.cell(row, field).unwrap_or_default();
    }
    e
}

/// The documents of the sample district, before layout, with the planted
/// mistakes still to be located.
pub(super) struct Documents {
    pub docs: Vec<(String, Doc)>,
    pub marks: Vec<Mark>,
}

/// Builds the sample set of the built-in district for `period`.
///
/// # Errors
/// Only when the built-in template lacks what the preset plants mistakes
/// in (a test guards against it), or when a workbook cannot be written.
pub fn build(period: Period, seed: u64) -> Result<SampleSet, Fatal> {
    let Documents { docs, marks } = documents(period, seed)?;
    let rendered: Vec<(Vec<u8>, super::layout::Placed)> = docs
        .par_iter()
        .map(|(_, d)| render(d))
        .collect::<Result<_, _>>()
        .map_err(|e| Fatal::Other(format!("cannot lay out a sample workbook: {e}")))?;
    let mut expected = vec![Expected {
        severity: "error".into(),
        code: "submission-missing".into(),
        unit: "P07".into(),
        ..Default::default()
    }];
    for m in &marks {
        let Some((_, placed)) = rendered.get(m.doc) else {
            continue;
        };
        expected.push(locate(m, placed));
    }
    let mut files: Vec<(String, Vec<u8>)> = docs
        .into_iter()
        .map(|(f, _)| f)
        .zip(rendered.into_iter().map(|r| r.0))
        .collect();

    // Files that are not submissions.
    files.push(("bieu-mau-trong.xlsx".into(), Vec::new()));
    files.push((
        "huong-dan.docx".into(),
        "Hướng dẫn lập biểu số liệu kinh tế - xã hội hằng quý (bản nháp).\n"
            .as_bytes()
            .to_vec(),
    ));
    files.push(("~$phuong-02.xlsx".into(), lock_file("Nguyen Van Hung")));
    for (file, code, severity) in [
        ("bieu-mau-trong.xlsx", "file-unreadable", "error"),
        ("huong-dan.docx", "file-skipped", "info"),
        ("~$phuong-02.xlsx", "file-skipped", "info"),
    ] {
        expected.push(Expected {
            severity: severity.into(),
            code: code.into(),
            file: file.into(),
            ..Default::default()
        });
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    expected.sort_by(|a, b| (&a.file, &a.code, &a.cell).cmp(&(&b.file, &b.code, &b.cell)));
    Ok(SampleSet { files, expected })
}

/// The documents of the district and where the mistakes are planted.
pub(super) fn documents(period: Period, seed: u64) -> Result<Documents, Fatal> {
    let t = Template::builtin()?;
    let model = Model::new(&t);
    let mut b = Builder {
        t: &t,
        model,
        period,
        docs: Vec::new(),
        marks: Vec::new(),
    };
    let wards: Vec<(String, u32, String)> = t
        .agencies
        .iter()
        .filter(|a| a.kind == AgencyKind::Ward && a.reports)
        .filter_map(|a| ward_number(&a.code).map(|n| (a.code.clone(), n, a.name.clone())))
        .collect();
    let departments: Vec<(String, String)> = t
        .agencies
        .iter()
        .filter(|a| a.kind == AgencyKind::Department && a.reports)
        .map(|a| (a.code.clone(), a.name.clone()))
        .collect();
    let ward_rows: Vec<usize> = t
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| matches!(i.level, Level::Ward | Level::Both))
        .map(|(k, _)| k)
        .collect();
    let (th, lk, ck) = (ValueColumn::Th, ValueColumn::Lk, ValueColumn::Ck);

    // The wards' true figures, with the values the planted mistakes need.
    let mut figures: Vec<Figures> = Vec::new();
    for (k, (code, _, _)) in wards.iter().enumerate() {
        let mut rng = Rng::stream(seed, k as u64 + 1);
        let size = rng.uniform(0.6, 1.5);
        let mut f = b.model.unit_figures(&mut rng, size, period);
        match code.as_str() {
            "P03" => {
                // "khoảng 20" stands for 20.
                let i = b.idx("TT01")?;
                f.set(th, i, Some(20));
                f.set(lk, i, Some(20));
            }
            "P05" => {
                let (h1, h2, h3, h4) = (
                    b.idx("HC01")?,
                    b.idx("HC02")?,
                    b.idx("HC03")?,
                    b.idx("HC04")?,
                );
                for c in [th, lk] {
                    f.set(c, h3, Some(1204));
                    f.set(c, h4, Some(77));
                    f.set(c, h2, Some(1281));
                    // Received must stay above the 1.290 the clerk wrote.
                    if f.get(c, h1).unwrap_or(0) < 1300 {
                        f.set(c, h1, Some(1336));
                    }
                }
                b.model.fill_all_rates(&mut f);
            }
            "P08" => {
                // %CK of LD05 must miss by one unit in the last place
                // however the checker treats the operands: large amounts,
                // and the exact percent well inside its rounding interval.
                let i = b.idx("LD05")?;
                let l = f.get(lk, i).unwrap_or(0).max(50_000_000);
                f.set(th, i, Some(l));
                f.set(lk, i, Some(l));
                let mut c = f.get(ck, i).unwrap_or(0).max(40_000_000);
                loop {
                    let exact = (l - c) as f64 * 100.0 / c as f64;
                    let stated = percent_hundredths(l - c, c).unwrap_or(0) as f64 / 100.0;
                    if (exact - stated).abs() < 0.003 {
                        break;
                    }
                    c += 50_000;
                }
                f.set(ck, i, Some(c));
            }
            _ => {}
        }
        figures.push(f);
    }

    // Department totals: the sum over the wards that enter the totals.
    let n = t.indicators.len();
    let mut totals = Figures::empty(n);
    for ((code, _, _), f) in wards.iter().zip(&figures) {
        if code != "P07" && code != "P14" {
            totals.add(f);
        }
    }
    b.model.fill_all_rates(&mut totals);
    let mut rng = Rng::stream(seed, 1000);
    let district = b.model.unit_figures(&mut rng, 1.0, period);

    // Ward documents.
    for (k, (code, number, name)) in wards.iter().enumerate() {
        if code == "P07" {
            continue;
        }
        let mut rng = Rng::stream(seed, 100 + k as u64);
        let sender = Sender {
            code: code.clone(),
            letterhead: vec![format!("UBND {}", name.to_uppercase())],
            place: name.clone(),
            lead: format!("UBND {name}"),
            is_ward: true,
        };
        let layout = layout_of_ward(*number);
        let f = figures.get(k).ok_or_else(|| missing("wards"))?;
        let doc = document(
            &t,
            &b.model,
            &sender,
            f,
            &ward_rows,
            layout,
            period,
            &[],
            &mut rng,
        );
        b.docs.push((ward_file(*number, period), doc));
        let d = b.docs.len() - 1;
        plant_ward(&mut b, d, code, &mut rng)?;
    }

    // Department documents.
    let partner_names: Vec<String> = departments.iter().map(|(_, n)| n.clone()).collect();
    for (k, (code, name)) in departments.iter().enumerate() {
        let which: Vec<usize> = t
            .indicators
            .iter()
            .enumerate()
            .filter(|(_, i)| {
                &i.reported_by == code && matches!(i.level, Level::District | Level::Both)
            })
            .map(|(k, _)| k)
            .collect();
        let mut f = Figures::empty(n);
        for &i in &which {
            let source = if b.model.levels.get(i) == Some(&Level::Both) {
                &totals
            } else {
                &district
            };
            for c in ValueColumn::QUANTITIES {
                f.set(c, i, source.get(c, i));
            }
        }
        b.model.fill_all_rates(&mut f);
        let mut rng = Rng::stream(seed, 200 + k as u64);
        let sender = Sender {
            code: code.clone(),
            letterhead: vec!["UBND QUẬN 3".into(), name.to_uppercase()],
            place: "Quận 3".into(),
            lead: name.clone(),
            is_ward: false,
        };
        let partners: Vec<String> = partner_names
            .iter()
            .filter(|p| *p != name)
            .cloned()
            .collect();
        let mut doc = document(
            &t,
            &b.model,
            &sender,
            &f,
            &which,
            Layout::A,
            period,
            &partners,
            &mut rng,
        );
        if which.is_empty() {
            doc.rows = vec![Row::nothing_to_report()];
        }
        b.docs.push((department_file(code), doc));
        if code == "TTRA" {
            let d = b.docs.len() - 1;
            let i = b.idx("TT01")?;
            let row = b.row_of(d, "TT01")?;
            let stated = totals.get(th, i).unwrap_or(0) + 10;
            if let Some(l) = b.line_mut(d, row) {
                if let Some(c) = l.value_mut(th) {
                    *c = Cell::Num {
                        scaled: stated,
                        decimals: 0,
                    };
                }
            }
            // Phường 3's TT01 TH is not a number: its figure is unknown, so
            // the district total is not compared with the wards (an info
            // naming Phường 3, and Phường 7 and 14, whose figures the sum
            // lacks too: no report of theirs is consolidated); the mistake
            // shows through LK.
            b.mark(
                d,
                Some(row),
                Some(Field::Value(th)),
                Expected {
                    severity: "info".into(),
                    code: "total-unchecked".into(),
                    unit: code.clone(),
                    indicator: "TT01".into(),
                    column: "TH".into(),
                    actual: "Phường 3, Phường 7, Phường 14".into(),
                    ..Default::default()
                },
            );
            // Its LK was left at the true total, so in a first quarter LK
            // no longer equals TH. Later, LK (the months from January)
            // stays above the TH: nothing shows it (tester DS: a Q3 batch
            // listed LK = TH at 899 against a TH of 327).
            let lk = ValueColumn::Lk;
            if matches!(period.span, PeriodSpan::Quarter(1)) {
                b.mark(
                    d,
                    Some(row),
                    Some(Field::Value(lk)),
                    Expected {
                        severity: "error".into(),
                        code: "cumulative-mismatch".into(),
                        unit: code.clone(),
                        indicator: "TT01".into(),
                        column: "LK".into(),
                        expected: "LK = TH".into(),
                        actual: totals.get(lk, i).unwrap_or(0).to_string(),
                        ..Default::default()
                    },
                );
            }
        }
        if code == "VP" {
            // Phường 5's HC02 TH and its parts HC03, HC04 do not add up (9
            // less): which is wrong is not known, so none of the office's
            // three true totals is compared with the wards' sum (one info
            // for the three, at HC02's row).
            let d = b.docs.len() - 1;
            let row = b.row_of(d, "HC02")?;
            b.mark(
                d,
                Some(row),
                Some(Field::Value(th)),
                Expected {
                    severity: "info".into(),
                    code: "total-unchecked".into(),
                    unit: code.clone(),
                    indicator: String::new(),
                    column: "TH".into(),
                    actual: "Phường 5, Phường 7, Phường 14".into(),
                    ..Default::default()
                },
            );
            // Phường 5's HC02 LK is wrong too (LK ≠ TH in a first quarter):
            // the office's LK, though it equals the wards' sum, waits too.
            let lk = ValueColumn::Lk;
            b.mark(
                d,
                Some(row),
                Some(Field::Value(lk)),
                Expected {
                    severity: "info".into(),
                    code: "total-unchecked".into(),
                    unit: code.clone(),
                    indicator: "HC02".into(),
                    column: "LK".into(),
                    actual: "Phường 5, Phường 7, Phường 14".into(),
                    ..Default::default()
                },
            );
        }
    }

    // A ward the registry does not know.
    {
        let mut rng = Rng::stream(seed, 17);
        let f = b.model.unit_figures(&mut rng, 0.8, period);
        let sender = Sender {
            code: String::new(),
            letterhead: vec!["UBND PHƯỜNG 17".into()],
            place: "Phường 17".into(),
            lead: "UBND Phường 17".into(),
            is_ward: true,
        };
        let doc = document(
            &t,
            &b.model,
            &sender,
            &f,
            &ward_rows,
            Layout::A,
            period,
            &[],
            &mut rng,
        );
        b.docs.push(("bao-cao-phuong-17.xlsx".into(), doc));
        let d = b.docs.len() - 1;
        b.mark(
            d,
            None,
            None,
            Expected {
                severity: "error".into(),
                code: "file-unknown-unit".into(),
                actual: "UBND PHƯỜNG 17".into(),
                ..Default::default()
            },
        );
        // Told at the title line that names the unknown sender.
        if let Some(m) = b.marks.last_mut() {
            m.unit_line = true;
        }
    }

    Ok(Documents {
        docs: b.docs,
        marks: b.marks,
    })
}

/// An Excel owner ("lock") file as Excel leaves it beside an open
/// workbook: the user name twice (byte-counted, then UTF-16), 165 bytes.
fn lock_file(user: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(165);
    out.push(user.len() as u8);
    out.extend(user.bytes());
    out.resize(54, b' ');
    out.extend([user.len() as u8, 0]);
    for u in user.encode_utf16() {
        out.extend(u.to_le_bytes());
    }
    out.resize(165, 0);
    out
}

/// The mistakes planted in a ward's own file(s).
fn plant_ward(b: &mut Builder, d: usize, code: &str, rng: &mut Rng) -> Result<(), Fatal> {
    let (th, lk) = (ValueColumn::Th, ValueColumn::Lk);
    let t = b.t;
    let unit = code.to_string();
    match code {
        "P03" => {
            let row = b.row_of(d, "TT01")?;
            if let Some(c) = b.line_mut(d, row).and_then(|l| l.value_mut(th)) {
                *c = Cell::Text("khoảng 20".into());
            }
            b.mark(
                d,
                Some(row),
                Some(Field::Value(th)),
                Expected {
                    severity: "error".into(),
                    code: "value-invalid".into(),
                    unit,
                    indicator: "TT01".into(),
                    column: "TH".into(),
                    actual: "khoảng 20".into(),
                    ..Default::default()
                },
            );
        }
        "P05" => {
            let row = b.row_of(d, "HC02")?;
            if let Some(c) = b.line_mut(d, row).and_then(|l| l.value_mut(th)) {
                *c = Cell::Num {
                    scaled: 1290,
                    decimals: 0,
                };
            }
            // The rate is stated from the figures as written.
            let rate = b.row_of(d, "HC05")?;
            if let Some(c) = b.line_mut(d, rate).and_then(|l| l.value_mut(th)) {
                *c = Cell::num(percent_hundredths(1204, 1290), 2);
            }
            b.mark(
                d,
                Some(row),
                Some(Field::Value(th)),
                Expected {
                    severity: "error".into(),
                    code: "sum-mismatch".into(),
                    unit,
                    indicator: "HC02".into(),
                    column: "TH".into(),
                    expected: "HC02 == HC03 + HC04".into(),
                    actual: "1290".into(),
                    ..Default::default()
                },
            );
            // LK was left right (1.281), so in a first quarter it no longer
            // equals TH, and in a later one it is below the TH it holds:
            // the tool says so too.
            let rule = match b.period.span {
                PeriodSpan::Quarter(q) if q > 1 => "LK ≥ TH",
                _ => "LK = TH",
            };
            b.mark(
                d,
                Some(row),
                Some(Field::Value(lk)),
                Expected {
                    severity: "error".into(),
                    code: "cumulative-mismatch".into(),
                    unit: code.to_string(),
                    indicator: "HC02".into(),
                    column: "LK".into(),
                    expected: rule.into(),
                    actual: "1281".into(),
                    ..Default::default()
                },
            );
        }
        "P08" => {
            let row = b.row_of(d, "TP02")?;
            let line = b.line_mut(d, row).ok_or_else(|| missing("TP02"))?;
            let scaled = |c: Option<&Cell>| match c {
                Some(Cell::Num { scaled, .. }) => Some(*scaled),
                _ => None,
            };
            let right = pct_kh(scaled(line.value(lk)), scaled(line.value(ValueColumn::Kh)))
                .ok_or_else(|| missing("TP02 KH"))?;
            // Stated about a quarter higher: far beyond any rounding.
            let wrong = right + right / 4 + 37;
            if let Some(c) = line.value_mut(ValueColumn::PctKh) {
                *c = Cell::Num {
                    scaled: wrong,
                    decimals: 2,
                };
            }
            b.mark(
                d,
                Some(row),
                Some(Field::Value(ValueColumn::PctKh)),
                Expected {
                    severity: "error".into(),
                    code: "pct-mismatch".into(),
                    unit: unit.clone(),
                    indicator: "TP02".into(),
                    column: "%KH".into(),
                    expected: hundredths(right),
                    actual: hundredths(wrong),
                    ..Default::default()
                },
            );
            let row = b.row_of(d, "LD05")?;
            let line = b.line_mut(d, row).ok_or_else(|| missing("LD05"))?;
            let growth = t.settings.ck_convention == CkConvention::Growth;
            let right = pct_ck(
                scaled(line.value(lk)),
                scaled(line.value(ValueColumn::Ck)),
                growth,
            )
            .ok_or_else(|| missing("LD05 CK"))?;
            // One unit off in the last place, typed with two decimals: a
            // last digit 0 would be typed with one (-23,1 in a cell
            // formatted 0,00 states -23,1), and that one is consistent.
            let wrong = if (right + 1) % 10 == 0 {
                right - 1
            } else {
                right + 1
            };
            if let Some(c) = line.value_mut(ValueColumn::PctCk) {
                *c = Cell::Num {
                    scaled: wrong,
                    decimals: 2,
                };
            }
            b.mark(
                d,
                Some(row),
                Some(Field::Value(ValueColumn::PctCk)),
                Expected {
                    severity: "warning".into(),
                    code: "pct-rounding".into(),
                    unit,
                    indicator: "LD05".into(),
                    column: "%CK".into(),
                    expected: hundredths(right),
                    actual: hundredths(wrong),
                    ..Default::default()
                },
            );
        }
        "P09" => {
            // The clerk sent the file again with one figure corrected.
            let (file, mut doc) = b.docs.get(d).cloned().ok_or_else(|| missing("P09"))?;
            let row = doc
                .rows
                .iter()
                .position(|r| matches!(r, Row::Line(l) if l.code == "YT02"))
                .ok_or_else(|| missing("YT02"))?;
            if let Some(Row::Line(l)) = doc.rows.get_mut(row) {
                let old = l.value(th).and_then(Cell::value).unwrap_or(0.0) as i64;
                let new = old + rng.range(11, 60);
                for c in [th, lk] {
                    if let Some(v) = l.value_mut(c) {
                        *v = Cell::Num {
                            scaled: new,
                            decimals: 0,
                        };
                    }
                }
                restate_percents(t, l);
            }
            let second = file.replace(".xlsx", " (bản sửa).xlsx");
            b.docs.push((second, doc));
            // The name says which is the latest: one info at the copy
            // used, said to the office alone.
            b.mark(
                b.docs.len() - 1,
                None,
                None,
                Expected {
                    severity: "info".into(),
                    code: "submission-duplicate".into(),
                    unit: unit.clone(),
                    ..Default::default()
                },
            );
        }
        "P11" => {
            let after = b.row_of(d, "VH03")? + 1;
            let th_v = rng.range(900, 1500);
            let ck_v = th_v - rng.range(10, 80);
            let mut line = Line {
                code: String::new(),
                name: "Số hộ gia đình văn hóa".into(),
                unit: "hộ".into(),
                values: [
                    Cell::Blank,
                    Cell::Num {
                        scaled: th_v,
                        decimals: 0,
                    },
                    Cell::Num {
                        scaled: th_v,
                        decimals: 0,
                    },
                    Cell::Num {
                        scaled: ck_v,
                        decimals: 0,
                    },
                    Cell::Blank,
                    Cell::Blank,
                ],
                note: String::new(),
            };
            restate_percents(t, &mut line);
            if let Some((_, doc)) = b.docs.get_mut(d) {
                doc.rows.insert(after, Row::Line(line));
            }
            b.mark(
                d,
                Some(after),
                Some(Field::Name),
                Expected {
                    severity: "error".into(),
                    code: "indicator-unknown".into(),
                    unit,
                    actual: "Số hộ gia đình văn hóa".into(),
                    ..Default::default()
                },
            );
        }
        "P13" => {
            let row = b.row_of(d, "VH03")?;
            if let Some(l) = b.line_mut(d, row) {
                l.unit = "đồng".into();
                for c in ValueColumn::QUANTITIES {
                    if let Some(Cell::Num { scaled, decimals }) = l.value_mut(c) {
                        *scaled *= 1_000_000;
                        *decimals = 0;
                    }
                }
            }
            b.mark(
                d,
                Some(row),
                Some(Field::Unit),
                Expected {
                    severity: "warning".into(),
                    code: "unit-mismatch".into(),
                    unit,
                    indicator: "VH03".into(),
                    expected: "triệu đồng".into(),
                    actual: "đồng".into(),
                    ..Default::default()
                },
            );
        }
        "P14" => {
            if let Some((_, doc)) = b.docs.get_mut(d) {
                doc.title_period = "QUÝ IV/2019".into();
            }
            let file = b.docs.get(d).map(|(f, _)| f.clone()).unwrap_or_default();
            b.marks.push(Mark {
                doc: d,
                row: None,
                field: None,
                title: true,
                unit_line: false,
                e: Expected {
                    severity: "error".into(),
                    code: "period-mismatch".into(),
                    unit,
                    file,
                    expected: b.period.to_string(),
                    actual: "2019-Q4".into(),
                    ..Default::default()
                },
            });
        }
        _ => {}
    }
    Ok(())
}

/// The figures each sample file states, by catalog code, as the generator
/// wrote them (before layout): `(file, sent by a ward, [(code, unit
/// written, [KH, TH, LK, CK, %KH, %CK])])`. Text cells ("khoảng 20") are `None`. For tests that
/// check the consolidation against figures read by another path.
///
/// # Errors
/// As [`build`].
pub fn stated_figures(period: Period, seed: u64) -> Result<Vec<StatedFile>, Fatal> {
    let Documents { docs, .. } = documents(period, seed)?;
    Ok(docs
        .into_iter()
        .map(|(file, doc)| {
            let lines = doc
                .rows
                .iter()
                .filter_map(|r| match r {
                    Row::Line(l) if !l.code.is_empty() => Some((
                        l.code.clone(),
                        l.unit.clone(),
                        std::array::from_fn(|k| l.values[k].value()),
                    )),
                    _ => None,
                })
                .collect();
            // Departments write the district's letterhead first.
            let ward = !doc
                .letterhead
                .first()
                .is_some_and(|l| l.starts_with("UBND QUẬN"));
            (file, ward, lines)
        })
        .collect())
}

/// One file of [`stated_figures`].
pub type StatedFile = (String, bool, Vec<(String, String, [Option<f64>; 6])>);
