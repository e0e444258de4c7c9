//! From a unit's figures to the document a clerk would send: rows under
//! section headings, names as that clerk writes them, percents stated from
//! the figures, the letterhead, the signature and a few tasks.

use super::figures::{pct_ck, pct_kh, Figures, Model};
use super::layout::{period_words, Cell, Doc, Layout, Line, Row, Task};
use super::rng::Rng;
use crate::model::{roman, Period, ValueColumn};
use crate::template::{CkConvention, Kind, Template};
use crate::text::fold;
pub use crate::text::strip_accents;

/// Who sends a submission, as its letterhead and date line name it.
#[derive(Clone, Debug)]
pub struct Sender {
    /// Registry code ("P05", "TTRA").
    pub code: String,
    /// A1 and A2 of the letterhead ("UBND PHƯỜNG 5"; "UBND QUẬN 3",
    /// "THANH TRA QUẬN").
    pub letterhead: Vec<String>,
    /// How the date line names the place ("Phường 5", "Quận 3").
    pub place: String,
    /// How the tasks name the lead agency ("UBND Phường 5", "Thanh tra quận").
    pub lead: String,
    pub is_ward: bool,
}

const NAMES: &[&str] = &[
    "Nguyễn Văn Hùng",
    "Trần Thị Lan",
    "Lê Minh Tuấn",
    "Phạm Thị Hoa",
    "Võ Thanh Bình",
    "Huỳnh Ngọc Anh",
    "Đặng Quốc Khánh",
    "Bùi Thị Mai",
    "Đỗ Văn Phúc",
    "Hồ Thị Thu",
    "Ngô Đức Thắng",
    "Dương Thị Hạnh",
    "Lý Hoàng Nam",
    "Trương Mỹ Linh",
];

fn name(rng: &mut Rng) -> String {
    rng.pick(NAMES)
        .copied()
        .unwrap_or("Nguyễn Văn An")
        .to_string()
}

/// The day a report is signed: the 5th of the month after the period.
fn report_date(p: Period) -> (u8, i32) {
    if p.last_month() >= 12 {
        (1, p.year + 1)
    } else {
        (p.last_month() + 1, p.year)
    }
}

/// The name as a clerk using `layout` writes it.
fn written_name(t: &Template, catalog: &str, layout: Layout, rng: &mut Rng) -> String {
    match layout {
        Layout::A => catalog.to_string(),
        Layout::B => match catalog.strip_prefix("Trong đó: ") {
            Some(rest) if rng.chance(0.5) => rest.to_string(),
            Some(rest) => format!("- {rest}"),
            None => catalog.to_string(),
        },
        Layout::C => {
            let name = catalog
                .strip_prefix("Trong đó: ")
                .map(|r| format!("- {r}"))
                .unwrap_or_else(|| catalog.to_string());
            match rng.below(6) {
                0 => name.to_lowercase(),
                1 => strip_accents(&name),
                2 => abbreviate(t, &name).unwrap_or_else(|| name.replace(' ', "  ")),
                3 => format!(" {}  ", name.replacen(' ', "  ", 2)),
                _ => name,
            }
        }
    }
}

/// The name with one phrase of the template's [abbreviations] written
/// short ("Hồ sơ thủ tục hành chính…" → "Hồ sơ TTHC…"), if one occurs.
fn abbreviate(t: &Template, name: &str) -> Option<String> {
    let words: Vec<&str> = name.split(' ').collect();
    for (short, long) in &t.settings.abbreviations {
        let long_words = long.split(' ').count();
        let key = fold(long);
        for start in 0..words.len() {
            let Some(window) = words.get(start..start + long_words) else {
                break;
            };
            if fold(&window.join(" ")) == key {
                let mut out: Vec<String> = words
                    .get(..start)
                    .unwrap_or(&[])
                    .iter()
                    .map(|w| w.to_string())
                    .collect();
                out.push(short.to_uppercase());
                out.extend(
                    words
                        .get(start + long_words..)
                        .unwrap_or(&[])
                        .iter()
                        .map(|w| w.to_string()),
                );
                return Some(out.join(" "));
            }
        }
    }
    None
}

/// The stated row of indicator `i`: figures, then %KH and %CK from them.
pub fn line(
    t: &Template,
    model: &Model,
    figs: &Figures,
    i: usize,
    layout: Layout,
    rng: &mut Rng,
) -> Option<Line> {
    let ind = t.indicators.get(i)?;
    let d = model.decimals.get(i).copied().unwrap_or(0);
    let get = |c| figs.get(c, i);
    let (pkh, pck) = if ind.kind == Kind::Rate {
        (None, None)
    } else {
        let growth = t.settings.ck_convention == CkConvention::Growth;
        (
            pct_kh(get(ValueColumn::Lk), get(ValueColumn::Kh)),
            pct_ck(get(ValueColumn::Lk), get(ValueColumn::Ck), growth),
        )
    };
    Some(Line {
        code: ind.code.clone(),
        name: written_name(t, &ind.name, layout, rng),
        unit: ind.unit.clone(),
        values: [
            Cell::num(get(ValueColumn::Kh), d),
            Cell::num(get(ValueColumn::Th), d),
            Cell::num(get(ValueColumn::Lk), d),
            Cell::num(get(ValueColumn::Ck), d),
            Cell::num(pkh, 2),
            Cell::num(pck, 2),
        ],
        note: String::new(),
    })
}

/// Restates %KH and %CK of a row from its (possibly changed) figures.
pub fn restate_percents(t: &Template, line: &mut Line) {
    let scaled = |c: Option<&Cell>| match c {
        Some(Cell::Num { scaled, .. }) => Some(*scaled),
        _ => None,
    };
    let lk = scaled(line.value(ValueColumn::Lk));
    let kh = scaled(line.value(ValueColumn::Kh));
    let ck = scaled(line.value(ValueColumn::Ck));
    let growth = t.settings.ck_convention == CkConvention::Growth;
    if let Some(c) = line.value_mut(ValueColumn::PctKh) {
        *c = Cell::num(pct_kh(lk, kh), 2);
    }
    if let Some(c) = line.value_mut(ValueColumn::PctCk) {
        *c = Cell::num(pct_ck(lk, ck, growth), 2);
    }
}

/// The rows of the indicators `which` (catalog positions, in catalog
/// order) under their section headings.
pub fn rows(
    t: &Template,
    model: &Model,
    figs: &Figures,
    which: &[usize],
    layout: Layout,
    rng: &mut Rng,
) -> Vec<Row> {
    let mut out = Vec::new();
    let mut section = 0;
    let mut current: Option<&str> = None;
    for &i in which {
        let Some(ind) = t.indicators.get(i) else {
            continue;
        };
        if current != Some(ind.group.as_str()) {
            current = Some(ind.group.as_str());
            section += 1;
            out.push(Row::Section {
                number: roman(section),
                title: t.group_name(&ind.group).to_uppercase(),
            });
        }
        if let Some(l) = line(t, model, figs, i, layout, rng) {
            out.push(Row::Line(l));
        }
    }
    out
}

const TASKS: &[&str] = &[
    "Tiếp tục triển khai Kế hoạch cải cách hành chính năm {y}",
    "Ra quân lập lại trật tự lòng lề đường, vỉa hè",
    "Kiểm tra an toàn thực phẩm tại các cơ sở kinh doanh dịch vụ ăn uống",
    "Vận động hộ kinh doanh đủ điều kiện chuyển lên doanh nghiệp",
    "Tổ chức tiếp công dân định kỳ, giải quyết dứt điểm đơn tồn đọng",
    "Thực hiện các biện pháp phòng, chống dịch bệnh COVID-19",
    "Rà soát, cập nhật danh sách hộ nghèo, hộ cận nghèo",
    "Tuyên truyền, phổ biến giáo dục pháp luật trong nhân dân",
    "Kiểm tra, xử lý công trình xây dựng không phép, sai phép",
    "Đôn đốc thu ngân sách, chống thất thu thuế ngoài quốc doanh",
    "Tổ chức các hoạt động văn hóa, thể thao chào mừng ngày lễ lớn",
    "Chuẩn bị công tác tuyển quân năm {y1}",
    "Duy trì hoạt động của Tổ công tác đường dây nóng",
    "Nâng tỷ lệ hồ sơ giải quyết qua dịch vụ công trực tuyến",
    "Kiểm tra phòng cháy chữa cháy tại các cơ sở, hộ kinh doanh",
    "Triển khai mô hình khu phố văn minh, an toàn",
    "Cập nhật cơ sở dữ liệu dân cư",
    "Vận động nhân dân đóng góp Quỹ Vì người nghèo",
];

const WARD_PARTNERS: &[&str] = &[
    "Công an phường",
    "Ban Chỉ huy Quân sự phường",
    "Ủy ban MTTQ phường",
    "Đoàn phường",
    "Hội Liên hiệp Phụ nữ phường",
    "Trạm Y tế phường",
    "Các khu phố",
];

/// A few tasks for the next period, each naming the sender (so that no two
/// units send the same sentence). `partners` are the agencies that may
/// coordinate (their registry names or aliases).
pub fn tasks(sender: &Sender, period: Period, partners: &[String], rng: &mut Rng) -> Vec<Task> {
    let next = period.next_programme();
    let count = rng.range(8, 13) as usize;
    let mut picked: Vec<usize> = Vec::new();
    while picked.len() < count.min(TASKS.len()) {
        let i = rng.below(TASKS.len() as u64) as usize;
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    let first = next.first_month();
    picked
        .into_iter()
        .map(|i| {
            let text = TASKS
                .get(i)
                .copied()
                .unwrap_or("")
                .replace("{y}", &next.year.to_string())
                .replace("{y1}", &(next.year + 1).to_string());
            let deadline = match rng.below(4) {
                0 => next.title_vi(),
                m => format!("Tháng {}/{}", first + m as u8 - 1, next.year),
            };
            let mut p: Vec<String> = Vec::new();
            let pool: Vec<String> = if sender.is_ward || partners.is_empty() {
                WARD_PARTNERS.iter().map(|s| s.to_string()).collect()
            } else {
                partners.to_vec()
            };
            for _ in 0..rng.range(1, 3) {
                if let Some(x) = rng.pick(&pool) {
                    if !p.contains(x) {
                        p.push(x.clone());
                    }
                }
            }
            Task {
                content: format!("{text} ({})", sender.place_short()),
                deadline,
                lead: sender.lead.clone(),
                partners: p.join(", "),
            }
        })
        .collect()
}

impl Sender {
    fn place_short(&self) -> String {
        if self.is_ward {
            format!("trên địa bàn {}", self.place)
        } else {
            self.lead.clone()
        }
    }
}

/// The notes clerks leave, for `period`: an estimate up to its last day,
/// figures updated to its last month (tester DS: «Ước đến ngày 31/3» in a
/// third quarter's batch).
fn notes(period: Period) -> [String; 5] {
    let month = period.last_month();
    let leap = period.year % 4 == 0 && (period.year % 100 != 0 || period.year % 400 == 0);
    let day = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    [
        "Số liệu ước thực hiện".into(),
        format!("Ước đến ngày {day}/{month}"),
        "Theo số liệu của bộ phận một cửa".into(),
        format!("Đã cập nhật số liệu tháng {month}"),
        "Số liệu sơ bộ".into(),
    ]
}

/// A note (Ghi chú) on about one row in eight, as clerks leave them.
pub fn add_notes(rows: &mut [Row], period: Period, rng: &mut Rng) {
    let notes = notes(period);
    for r in rows {
        if let Row::Line(l) = r {
            if rng.chance(0.12) {
                l.note = rng.pick(&notes).cloned().unwrap_or_default();
            }
        }
    }
}

/// A whole document for `sender`: rows from the figures, title and
/// signature for `period`.
#[allow(clippy::too_many_arguments)]
pub fn document(
    t: &Template,
    model: &Model,
    sender: &Sender,
    figs: &Figures,
    which: &[usize],
    layout: Layout,
    period: Period,
    partners: &[String],
    rng: &mut Rng,
) -> Doc {
    let (month, year) = report_date(period);
    let number = rng.range(12, 98);
    let next = period.next_programme();
    let signer = name(rng);
    let mut clerk = name(rng);
    while clerk == signer {
        clerk = name(rng);
    }
    let mut rows = rows(t, model, figs, which, layout, rng);
    add_notes(&mut rows, period, rng);
    Doc {
        layout,
        letterhead: sender.letterhead.clone(),
        title_period: period_words(layout, period),
        period,
        attachment: format!("(Kèm theo Báo cáo số {number}/BC-UBND ngày 05/{month}/{year})"),
        place_date: format!("{}, ngày 05 tháng {month} năm {year}", sender.place),
        signer_titles: if sender.is_ward {
            vec!["TM. ỦY BAN NHÂN DÂN".into(), "CHỦ TỊCH".into()]
        } else {
            vec!["THỦ TRƯỞNG ĐƠN VỊ".into()]
        },
        signer,
        clerk,
        rows,
        task_title: format!(
            "CHƯƠNG TRÌNH CÔNG TÁC TRỌNG TÂM {}",
            next.title_vi().to_uppercase()
        ),
        tasks: tasks(sender, period, partners, rng),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_retyped_the_ways_clerks_do() {
        assert_eq!(
            strip_accents("Hồ sơ thủ tục hành chính đã tiếp nhận"),
            "Ho so thu tuc hanh chinh da tiep nhan"
        );
        let t = Template::builtin().unwrap();
        assert_eq!(
            abbreviate(&t, "Hồ sơ thủ tục hành chính đã giải quyết").as_deref(),
            Some("Hồ sơ TTHC đã giải quyết")
        );
        assert_eq!(abbreviate(&t, "Lượt tiếp công dân"), None);
    }

    #[test]
    fn the_next_programme_follows_the_period() {
        assert_eq!(
            "2020-Q1"
                .parse::<Period>()
                .unwrap()
                .next_programme()
                .to_string(),
            "2020-Q2"
        );
        assert_eq!(
            "2020-Q4"
                .parse::<Period>()
                .unwrap()
                .next_programme()
                .to_string(),
            "2021-Q1"
        );
        assert_eq!(report_date("2020-Q4".parse().unwrap()), (1, 2021));
    }
}
