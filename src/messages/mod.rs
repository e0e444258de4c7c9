//! The catalog of finding codes: for each stable code, its severity, what
//! it means and what to do about it in both languages, and an example.
//! The README's table of codes is this catalog (a test compares them), and
//! `tonghop codes` prints it in the user's language.
//!
//! The words of every finding live here too. A check states a finding's
//! facts (figures already formatted, cells, names) as a variant of one of
//! the fact enums below, one a stage, and [`Words`] puts them in
//! Vietnamese or English; `Finding::said` is the only way to make a
//! finding, so no message is written anywhere else.
//!
//! ```text
//! intake.rs    Said      files, who sent what for which period, indicators
//! reading.rs   Read      units of measure, cells, columns, rows, formulas, stamps
//! checks.rs    Checked   sums, relations, totals, percents, LK, signs, outliers
//! annex.rs     Annexed   the programme of key tasks
//! prose.rs     Prose     the report's text (check-text)
//! ```
//!
//! Ground floor: it stands on the shared types only (`diagnostic`,
//! `model`, `template`'s level words, `outputs`' sheet names, `rules`'
//! parse problems), never on a stage.

use crate::diagnostic::{Code, Lang};

mod annex;
mod checks;
mod intake;
mod prose;
mod reading;
#[cfg(test)]
mod voice;

pub use annex::{can_chi, Annexed, Feast, Holiday, ReadAs};
pub use checks::{
    money_words as money_unit_words, percent_right_from_sum_note, th_worked_out_note, to_sender,
    Checked, Compared, Off, Percent, Points, RateOff, SkipPlace, StatedBy,
};
pub use intake::{Clue, Said};
pub use prose::Prose;
pub use reading::{version_shown, Read, SheetDiffer, SheetRepeat};

/// The facts of a finding, as a check finds them, that the catalog puts in
/// words: each module of `messages` has one enum of them for the findings
/// of one stage, and [`crate::diagnostic::Finding::said`] takes any.
pub trait Words {
    /// The finding's code.
    fn code(&self) -> Code;
    /// The message in `lang`: what was found, and what to do.
    fn words(&self, lang: Lang) -> String;
}

/// One code of the catalog.
pub struct Entry {
    pub code: Code,
    /// The severities it is reported with ("error / info").
    pub severity: &'static str,
    /// What it means: Vietnamese, English.
    pub meaning: (&'static str, &'static str),
    /// What to do: Vietnamese, English.
    pub help: (&'static str, &'static str),
    /// An example, as the README gives it (English, quoting Vietnamese).
    pub example: &'static str,
}

impl Entry {
    pub fn meaning(&self, lang: Lang) -> &'static str {
        lang.pick(self.meaning.0, self.meaning.1)
    }

    pub fn help(&self, lang: Lang) -> &'static str {
        lang.pick(self.help.0, self.help.1)
    }
}

/// A rule of the catalog (`KT03 == KT03a + KT03b`, `YT24 <= YT23`) in the
/// signs a clerk writes: `KT03 = KT03a + KT03b`, `YT24 ≤ YT23`. Any other
/// text is returned as it is.
pub fn rule_in_signs(rule: &str) -> std::borrow::Cow<'_, str> {
    if !["==", "<=", ">=", "!="].iter().any(|op| rule.contains(op)) {
        return std::borrow::Cow::Borrowed(rule);
    }
    std::borrow::Cow::Owned(
        rule.replace("==", "=")
            .replace("<=", "≤")
            .replace(">=", "≥")
            .replace("!=", "≠"),
    )
}

/// A finding's `expected` or `actual` as a workbook shows it to people
/// (the Lỗi sheet, a unit's notes): a rule in signs, and a period in words
/// (`Quý III/2026`, `Q3 2026`), not the machine's code `2026-Q3`, which
/// errors.csv and errors.json keep.
pub fn shown_value<'a>(
    f: &crate::diagnostic::Finding,
    value: &'a str,
    lang: Lang,
) -> std::borrow::Cow<'a, str> {
    if f.code == Code::PeriodMismatch {
        if let Ok(p) = value.parse::<crate::model::Period>() {
            return std::borrow::Cow::Owned(p.title(lang));
        }
    }
    rule_in_signs(value)
}

/// The entry of `code` (every code has one: tested).
pub fn entry(code: Code) -> Option<&'static Entry> {
    CATALOG.iter().find(|e| e.code == code)
}

/// What a unit's error list says a finding is: its code's meaning, but
/// a `pct-mismatch` at an amount (a quantity column of an indicator that
/// is no rate: the percentage written is right, the amount it was worked
/// from is off) says that, not that the percentage is wrong.
pub fn unit_label(
    f: &crate::diagnostic::Finding,
    template: Option<&crate::template::Template>,
    lang: Lang,
) -> &'static str {
    let at_amount = || {
        let quantity = crate::model::ValueColumn::parse(&f.column).is_some_and(|c| !c.is_percent());
        let rate = template
            .and_then(|t| t.indicator(&f.indicator))
            .is_none_or(|i| i.kind == crate::template::Kind::Rate);
        quantity && !rate
    };
    if f.code == Code::PctMismatch && at_amount() {
        return lang.pick(
            "Số liệu có lẽ gõ sai (thừa, thiếu chữ số hoặc ghi theo đơn vị khác); tỷ lệ đã ghi cho thấy số đúng.",
            "A figure likely mistyped (digits, or another unit); the percentage written shows the right one.",
        );
    }
    // A form made from the template that lacks one of its columns (its
    // CK deleted): the code's meaning tells of a missing LK, which this is
    // not; the other missing columns state what was taken instead
    // (`expected`) or are the error of a year's report.
    if f.code == Code::ColumnMissing
        && f.expected.is_empty()
        && f.severity != crate::diagnostic::Severity::Error
    {
        return lang.pick(
            "Biểu thiếu cột số liệu của mẫu biểu (cột nêu trong nội dung): tổng toàn địa bàn của cột đó phải để trống.",
            "A form without a column of the template's form (the column named in the message): the area's totals of that column are left empty.",
        );
    }
    // The code's meaning strings its three cases together; a finding is
    // one of them, and its label names that one alone (a year-end form
    // of «Ước cả năm» without the quarter's column is not told of a
    // first quarter's LK).
    if f.code == Code::ColumnMissing {
        if f.column == "TH" && f.expected.starts_with("TH = LK") {
            return lang.pick(
                "Biểu không có cột thực hiện quý, chỉ có số từ đầu năm: TH được tính từ LK.",
                "A form with the figures from January only, no column for the quarter: TH worked out from LK.",
            );
        }
        if f.column == "LK" && f.expected.starts_with("LK = TH (") {
            return lang.pick(
                "Biểu thiếu cột LK nhưng chỉ có chỉ tiêu thời điểm: LK được lấy bằng TH.",
                "A form without LK but with stocks only: LK taken as TH.",
            );
        }
        if f.column == "LK" && f.expected == "LK = TH" {
            return lang.pick(
                "Biểu thiếu cột LK: trong quý I, LK được lấy bằng TH.",
                "A form without LK: in a first quarter LK is taken as TH.",
            );
        }
        if f.column == "LK" && f.severity == crate::diagnostic::Severity::Error {
            return lang.pick(
                "Biểu thiếu cột lũy kế từ đầu năm (LK): báo cáo thiếu số liệu của cả kỳ báo cáo.",
                "A form without LK: the report lacks the figures of its whole period.",
            );
        }
    }
    entry(f.code).map_or(f.code.as_str(), |e| e.meaning(lang))
}

/// Every code, in the README's order.
pub const CATALOG: &[Entry] = &[
    Entry {
        code: Code::FileUnreadable,
        severity: "error / warning",
        meaning: ("Tệp không đọc được; số liệu của tệp không được tổng hợp.", "A file that cannot be read; its figures are not consolidated."),
        help: ("Làm theo lời khuyên trong thông báo (gửi lại, gỡ mật khẩu, lưu lại dạng .xlsx…).", "Follow the advice in the message (send again, remove the password, save as .xlsx…)."),
        example: "`bieu-mau.xlsx` is empty (0 bytes), encrypted, a damaged zip, a web page saved as `.xls`, or has no indicator table; a warning of the run, charged to no unit, for a link (shortcut) to a file that no longer exists",
    },
    Entry {
        code: Code::FileSkipped,
        severity: "info",
        meaning: ("Tệp không phải bảng tính, được bỏ qua.", "A file that is not a spreadsheet, left aside."),
        help: ("Không cần làm gì, trừ khi tệp đó đúng ra là một báo cáo.", "Nothing to do, unless the file should have been a report."),
        example: "`huong-dan.docx` is not a spreadsheet; `~$phuong-02.xlsx` is an Excel lock file",
    },
    Entry {
        code: Code::FileUnknownUnit,
        severity: "error / warning / info",
        meaning: ("Không biết đơn vị nào gửi tệp.", "The file does not say which unit sent it."),
        help: ("Ghi tên đơn vị ở dòng tiêu đề hoặc tên tệp, hoặc bổ sung đơn vị vào agencies.csv.", "Name the unit in the title rows or the file name, or add it to agencies.csv."),
        example: r#"a file titled "UBND PHƯỜNG 17", a unit not in the registry (the advice's example title is the registry's letterhead with the name left out, "UBND PHƯỜNG …", never another unit's); a commune's form titled "UBND XÃ MINH SƠN" (not in the registry) in `Quang Ngai - BC Q3 2026.zip` or a folder `Tinh Quang Ngai`: a commune's own report sent in place of the province's, counted for nobody (`expected` the province's code); `Phong Kinh te huyen Long Thanh.xlsx` headed "UBND HUYỆN LONG THÀNH" over "PHÒNG KINH TẾ": an office, not Xã Long Thành, whom its name points to (`expected` that commune's code, `actual` the office's line); a form made for Phường 12 sent as `P13-phuong-13-2020-Q1.xlsx` or retitled "UBND PHƯỜNG 13" (`expected` the form's own unit, `P12`; `actual` the other, `P13`); a warning for `bao-cao-phuong-binh-long.xlsx` titled "UBND XÃ THANH LƯƠNG", not in the registry: taken as Phường Bình Long's by its name (`actual` the title); a warning for `BC_EaKnop_Q3.xlsx` titled "UBND XÃ EA KAR" while Ea Kar sent its own file: taken as Ea Knốp's (`expected` the title's unit, `actual` the name's); "UBND XA TAN PHU", fitting Xã Tân Phú and Xã Tân Phù alike: an error, or a warning when the other sent its own file (`expected` both codes); an info for `Xã Ea Ning/bao cao quy 3.xlsx`, placed by its folder (likewise a zip file's name, the signature line); an info for a title line «THÔN BA» or «TDP 5» read as Thôn 3's or Tổ dân phố số 5's (a number in words, «số» left out; `expected` the unit's code, `actual` the line); `annex`: a task table in a workbook headed "UBND PHƯỜNG 17", its tasks left out of the annex (`actual` the letterhead)"#,
    },
    Entry {
        code: Code::TemplateOutdated,
        severity: "warning / error",
        meaning: (
            "Biểu mẫu của phiên bản mẫu biểu khác (năm trước), hoặc của mẫu biểu cơ quan khác.",
            "A form of another template version (last year's), or of another office's template.",
        ),
        help: (
            "Gửi cho đơn vị biểu mẫu mới (tonghop template) cho kỳ sau; số liệu lần này vẫn được đọc. Biểu mẫu của cơ quan khác: kiểm tra bằng mẫu biểu của cơ quan đó (--template).",
            "Send the unit the current form (tonghop template) for next time; its figures are read all the same. Another office's form: check it with that office's template (--template).",
        ),
        example: "`P11-phuong-11-2020-Q1.xlsx` is a form of template version 2019.1 where the template in use is 2020.1 (`expected` `2020.1`, `actual` `2019.1`); its figures are read by their content all the same. An error for a form whose stamp names another office (a Sở Y tế's form checked without `--template`: `expected` the office in use, `actual` the form's): nobody's, its figures not read, no other finding",
    },
    Entry {
        code: Code::PeriodMismatch,
        severity: "error / warning / info",
        meaning: ("Tệp ghi kỳ báo cáo khác kỳ đang tổng hợp.", "The file states another period than the one consolidated."),
        help: ("Xin đơn vị gửi biểu của đúng kỳ.", "Ask the unit for the form of this period."),
        example: r#"a file titled "QUÝ IV/2019" in the 2020-Q1 batch (error); a table whose only figure columns are last quarter's ("Thực hiện quý II/2020", "Lũy kế 6 tháng đầu năm 2020") in a 2020-Q3 batch, under a title of the run's period or of none (error, at the title or the first figure header; `actual` `2020-Q2`); a school's "SƠ KẾT HỌC KỲ I NĂM HỌC 2025-2026" (September to January) in a 2026-H1 batch (error, `actual` `2025-2026-HK1`); the same file beside the unit's file of the run, which is used ("… (ban cu).xlsx" and "Gui lai/….xlsx"): an info of the office's, «tệp cũ sai kỳ, đã dùng tệp … đúng kỳ», no feedback to the unit; (`check` without `--period`) a title "QUÝ II/2020" over the headers "Thực hiện quý III/2020" and "Lũy kế 9 tháng năm 2020", whose TH and LK would all be lost, at the title cell (error); with `--period 2020-Q3`, the same file, its figures read and counted for 2020-Q3, the title still to correct before signing (error; a warning when the title names the run's whole year, "NĂM 2020" over a third quarter's columns); (`check` without `--period`) a file named "P05-phuong-5-2020-Q3.xlsx" (or "… quy 3-2020.xlsx") titled "QUÝ II/2020", checked as 2020-Q2, at the title cell (warning; `expected` `2020-Q3`, `actual` `2020-Q2`); the only plan column headed for next year ("Kế hoạch năm 2026" in a 2025 report) whose figures give the table's stated %KH, read as KH, its header to correct (warning); a form made for 2020-Q1 whose title was left as "QUÝ IV NĂM 2019", read for 2020-Q1 by its stamp, at the title cell (error); a sheet "Quý II" titled for the second quarter beside the sheet of the third in a 2020-Q3 workbook, not read (info, at the title cell); a sheet "Q2" whose title names no period beside sheets titled for the third quarter, first or last, not read (info); a group sheet "Biểu 03" titled "QUÝ II/2020" whose indicators no sheet of the third quarter has, read and counted for 2020-Q3, its title to correct (error; not counted when its headers name the second quarter too); (annex) every task table titled "QUÝ I NĂM 2026" with `--period 2025-Q4`, said once (warning)"#,
    },
    Entry {
        code: Code::PeriodMissing,
        severity: "info",
        meaning: ("Tiêu đề không ghi kỳ báo cáo.", "The title names no period."),
        help: ("Nên ghi kỳ báo cáo ở tiêu đề biểu.", "The form's title should name its period."),
        example: "the title names no period (\"BÁO CÁO THỐNG KÊ GIÁO DỤC NĂM HỌC 2025 - 2026\"); the file is taken as the `--period` being consolidated; told at the report's title line (\"BÁO CÁO …\", \"BIỂU …\", \"SỐ LIỆU …\"), with the run's period as the example to write («6 THÁNG ĐẦU NĂM 2026»); (`check` without `--period`) a crop season's title («… VỤ ĐÔNG XUÂN NĂM 2026») over columns that name no period either («Thực hiện», «Lũy kế từ đầu năm»): checked as the year's, the period assumed said",
    },
    Entry {
        code: Code::ColumnIgnored,
        severity: "info",
        meaning: ("Một cột của bảng không được đọc.", "A column of the table the tool does not read."),
        help: ("Kiểm tra cột đó không phải cột số liệu cần tổng hợp.", "Check that it is not a figures column that should be read."),
        example: r#"a header cell of the table the tool does not read ("Nguồn số liệu", "Thực hiện 6 tháng" in a third-quarter report), once per file, naming the header; three or more such headers in one table ("Tổ 1" … "Tổ 1989" right of the form) in one info at the first, naming the first three, the last and how many; a second column saying what an earlier one is ("Cùng kỳ năm 2024" twice), naming the column read; a hidden column "Cùng kỳ năm 2024 (số cũ)" beside a visible CK column, saying it is hidden; the original plan beside the adjusted one ("KH giao đầu năm" beside "KH điều chỉnh"), naming the adjusted plan read as KH and the rows whose blank adjusted cell leaves them the original plan; next year's plan ("KH năm 2026" in a 2025 report) or another period's figures ("Thực hiện 9 tháng" in the fourth quarter), saying what they are and that nothing needs changing"#,
    },
    Entry {
        code: Code::ColumnMissing,
        severity: "info / warning / error",
        meaning: ("Biểu thiếu cột LK: trong quý I, LK được lấy bằng TH; báo cáo năm (hoặc quý IV) thiếu số liệu cả năm; biểu chỉ có số từ đầu năm: TH được tính từ LK.", "A form without LK: in a first quarter LK is taken as TH; a year's (or fourth quarter's) report lacks the year's figures; a form with the figures from January only: TH worked out from LK."),
        help: ("Quý I: không cần làm gì, nên dùng biểu có cột LK. Báo cáo năm: bổ sung cột «Lũy kế năm» rồi gửi lại.", "First quarter: nothing to do; the form should have an LK column. Year's report: add the «Lũy kế năm» column and send it again."),
        example: "a first-quarter file without an LK column: LK taken as TH (`expected` `LK = TH`) (info); a year's or fourth quarter's report without an LK column, only \"Thực hiện quý IV/2025\", at the TH header (error; an info when every indicator with figures is a stock or a rate, whose LK is its TH, taken so: `expected` `LK = TH (chỉ tiêu thời điểm)`, a school-year office's «Đầu năm học 2026-2027» at Q4); likewise a second quarter's report in a half-year run (`--period 2026-H1`), a third quarter's in a nine months' run; after the first quarter, a file whose only figure column is from January (\"Thực hiện 6 tháng đầu năm 2020\" in a Q2 run, read as LK), at its header, with `--previous`: a stock's TH taken as its LK and a flow's TH as its LK less last quarter's (a total and its parts all or none) (`expected` names the previous LK's period, `TH = LK − LK quý I`, `TH = LK − LK 9 tháng`; `TH = LK − LK quý trước` when it is unknown), naming the previous output (info; a warning naming the flows whose LK is below last quarter's, left without TH); a form made from the template (its stamp of this version) whose table lacks a KH, TH, LK or CK column the template has header words for (Phường Thống Nhất deleted «Cùng kỳ» and «% so với cùng kỳ»), at its header row, naming the column and asking for it, in `check` and the unit's feedback too (warning; `actual` the columns); any file of a second or third quarter without an LK column the template has words for (Phường 9's «Thực hiện quý III/2020» alone), at the header of its first figures, naming too the KH and CK columns its table lacks that another unit of its kind reporting the same indicators gave (`actual` `LK, KH, CK`), in `check` (LK) and the unit's feedback (warning)",
    },
    Entry {
        code: Code::RowsIgnored,
        severity: "warning",
        meaning: ("Bảng kết thúc sớm, còn dòng có số liệu ở dưới.", "The table ends early with rows of figures below it."),
        help: ("Xóa dòng trống hoặc dòng ký tên chen giữa bảng.", "Remove the blank or signature line inside the table."),
        example: "a table that ends early (a signature line, a blank gap) with rows of figures left below it: the rows left out are named",
    },
    Entry {
        code: Code::SubmissionMissing,
        severity: "error / warning",
        meaning: ("Chưa có báo cáo của đơn vị để tổng hợp.", "No report from the unit to consolidate."),
        help: ("Nhắc đơn vị gửi báo cáo.", "Remind the unit to send its report."),
        example: "Phường 7 sent nothing; Phường 5 sent a blank form (not one figure in its table); a department's only table is one by unit (a row per ward, a column per indicator), told once at the table; a warning: Xã Hòa Lợi's only file names one of the communes it was formed from (`former` in agencies.csv; `check` says it too); `BC Q1 Phuong 11 + Xa Tay Phu.rar` not opened: each unit it names is told with the archive named and the advice to extract it (`actual` the file), and its feedback asks for the workbook itself; in `annex`, a warning: a department whose task table lists no task (the blank form), unless another of its files does",
    },
    Entry {
        code: Code::SubmissionDuplicate,
        severity: "info / warning / error",
        meaning: ("Đơn vị gửi nhiều tệp; một tệp được dùng.", "A unit sent several files; one is used."),
        help: ("Kiểm tra đúng bản được dùng; xóa các bản cũ khỏi thư mục.", "Check the right copy is used; remove old copies from the folder."),
        example: "Phường 9 sent `phuong-09.xlsx` and `phuong-09 (bản sửa).xlsx`: the names tell the latest («bản sửa», «sửa lần 2», a date), one info at the file used naming those set aside, with no feedback to the ward; told apart by their times only or by nothing, a warning on each file saying which is used and why; an error: Xã Mỹ Phước sent one file per former commune, An Mỹ none: the files sent are added, the totals marked short of An Mỹ's part; an error: Xã Long Hải sent two copies nothing tells apart whose figures differ (HC.01 TH 700 / 760), each figure that differs named with both cells, its totals marked; a warning: every former commune sent its file, and their figures are added as the unit's; an info: Phường 2's one attachment saved three times (the same bytes), read once and told once, with no feedback to the ward for it; an info: Thôn 9 sent its quarter's TH and its year's figures in two files, the year's used and the quarter's TH worked out of its LK with `--previous`; `annex`: a department's task table sent twice, one copy printed, told once per copy left out",
    },
    Entry {
        code: Code::FiguresCopied,
        severity: "warning",
        meaning: ("Số liệu của đơn vị giống hệt số liệu của một đơn vị khác.", "A unit's figures are another unit's, figure for figure."),
        help: ("Hỏi lại đơn vị: có thể đã gửi tệp của đơn vị khác được sửa tiêu đề.", "Ask the unit: it may have sent another unit's file with its title changed."),
        example: "Phường 16's 74 figures are Phường 15's, figure for figure (at least 10 non-zero figures, all equal): each gets a warning naming the other (`actual` `Phường 15 (phuong-15.xlsx)`)",
    },
    Entry {
        code: Code::IndicatorUnknown,
        severity: "error / info",
        meaning: ("Dòng có số liệu nhưng không khớp chỉ tiêu nào.", "A row with figures matches no indicator."),
        help: ("Ghi đúng tên hoặc mã chỉ tiêu, hoặc thêm tên gọi khác (aliases) vào danh mục.", "Write the indicator's name or code as the catalog has it, or add an alias."),
        example: r#"a row "Số hộ gia đình văn hóa" with figures matches no indicator (error); the same on a row hidden in Excel, not read (info); a row "- Cơ sở sản xuất, chế biến" under YT23, a breakdown the catalog does not list, not read while YT23 is (info); a sheet beside the report whose table holds not one indicator (a clerk's working table by khu phố), one info for the sheet, not read; a table by unit (one row per ward, commune or khu phố, one column per indicator: "Theo phường" beside the form), one info at the sheet, not read"#,
    },
    Entry {
        code: Code::IndicatorMissing,
        severity: "warning",
        meaning: ("Biểu thiếu chỉ tiêu phải báo cáo, để trống cả dòng của chỉ tiêu đó, hoặc tự ghi chú một số là chưa đầy đủ.", "The form lacks indicators the unit must report, leaves an indicator's whole row blank, or notes a figure as incomplete."),
        help: ("Bổ sung các dòng và ghi số liệu (ghi 0 nếu không phát sinh).", "Add the rows with their figures (0 when nothing happened)."),
        example: "Phường 5's form lacks 3 indicators a ward must report (one finding per file, listing the codes in `actual`); Xã Hòa Phú kept the row TV01 with every figure cell blank (one finding per row, at the row); either way the totals of those indicators print `(*)`: they lack the unit's figure; a warning at a figure the unit marked (*) whose note under its table says it is incomplete (a province's tong-hop.xlsx: XH.01 TH «509 (*)», «chưa gồm số của 1 đơn vị: Xã Kim Lợi»; `actual` the note): counted, its totals printed `(*)` with a footnote naming the unit",
    },
    Entry {
        code: Code::IndicatorApproximate,
        severity: "info / warning",
        meaning: ("Tên chỉ tiêu gần đúng, đã được khớp; hoặc mã và tên của dòng chỉ hai chỉ tiêu khác nhau (cảnh báo).", "A name matched approximately; or a row's code and name name two different indicators (a warning)."),
        help: ("Kiểm tra đúng chỉ tiêu; nên sửa tên cho đúng danh mục.", "Check it is the right indicator; write the catalog's name."),
        example: r#""Hồ sơ thủ tục hành chánh đã tiếp nhận" read as HC01; code 1.10 stored by Excel as 1.1, read by its name (info); code 1.2 on a row named «Diện tích lúa», 1.1's name (warning)"#,
    },
    Entry {
        code: Code::IndicatorRepeated,
        severity: "warning / info / error",
        meaning: ("Chỉ tiêu ghi hai lần: trong một bảng, hoặc ở hai trang cùng kỳ.", "An indicator written twice: in one table, or on two sheets of the period."),
        help: ("Xóa dòng hoặc trang thừa.", "Remove the extra row or sheet."),
        example: "HC02 written twice in one table; the first row is used (warning). One of the two rows hidden in Excel: the visible row is used, the hidden one set aside (info at the hidden row). Two sheets of the period giving the same figures (see *Finds the table*): the same values, read once (info); a hidden sheet, or one named \"Nháp\" / \"Bản cũ\", whose figures differ, set aside as a draft (info); two visible sheets whose figures differ, the first one counted (error, naming both sheets, `expected` the figure counted, `actual` the other)",
    },
    Entry {
        code: Code::ValueInvalid,
        severity: "error / warning / info",
        meaning: ("Ô số liệu không phải là số.", "A figure cell that is not a number."),
        help: ("Ghi số (hoặc để trống).", "Write a number (or leave it empty)."),
        example: r#""khoảng 20" or `#DIV/0!` in a number cell, «Đạt» in a TH; a warning: one number merged down over two indicator rows (KH 18 over D18:D19, DO03a and DO03b), read for neither; «Đạt» as a KH (a target in words: the plan total lacks the unit); "3 (tăng 1 vụ)", a figure with a note in brackets, read as 3; an info: «Đạt», «Không đạt», or a change said as a count ("tăng 2 vụ") in a %KH or %CK cell (the tool computes the percent), a KH written as a change, "Giảm 0,2‰" or "Tăng 5%" (no level: left out of %KH and of the plan total); a LK formula `=IF(E20="","",E20)` giving that text is told as the formula's result (an error; info for a percent or a rate). Info, one per file: figures typed with the row's own unit ("75,9 ha" in a row in ha, "24,77 Tr.đ" in triệu đồng) were read as their number; in another unit of the same kind ("1,5 tấn" in a row in tạ) the figure is converted with a `unit-mismatch` warning; other words stay an error. A warning, one per file: «không», «không có», «không phát sinh», «không xảy ra», «Ko», «KPS» in a count's KH, TH, LK or CK cells, read as no figure under `dash = "empty"`, naming the cells (a lone «-» says nothing)"#,
    },
    Entry {
        code: Code::ValueUncomputed,
        severity: "error / warning / info",
        meaning: ("Công thức chưa có giá trị và không tính được.", "A formula with no value that the tool cannot compute."),
        help: ("Mở tệp bằng Excel, lưu lại rồi gửi lại.", "Open the file in Excel, save it and send it again."),
        example: "a formula with no computed value (a file written by a script) that the tool cannot evaluate either: `=[1]Sheet1!D8` (another workbook), an unknown function, an error result such as `#DIV/0!`. Error for a quantity (KH, TH, LK, CK of a count or money indicator); info for a %KH, a %CK or a rate, which the checks recompute from their operands anyway; likewise a %KH, %CK or rate cell showing Excel's `#DIV/0!` or `#VALUE!` (info). A link to a missing sheet (`='Biểu 1 - KT'!E22` after a rename) whose figure another sheet of the workbook gives: warning, naming the missing sheet and the figure counted",
    },
    Entry {
        code: Code::FormulaEvaluated,
        severity: "info / warning",
        meaning: ("Công thức chưa có giá trị đã được tính như Excel.", "Formulas without values were computed as Excel does."),
        help: ("Không cần làm gì.", "Nothing to do."),
        example: "`phuong-15.xlsx` has 62 formulas without a computed value; the tool computed them as Excel does on opening (once per file, the count in `actual`). A warning at the cell: such a formula takes a number typed as text (`='Số liệu'!C26+'Số liệu'!D26` over \"1.176\" and 1142), which the tool reads as it reads the form's text numbers (2.318, `expected`) where Excel adds it wrongly or skips it (1.143,176, `actual`); the tool's figure is taken",
    },
    Entry {
        code: Code::LegacyEncoding,
        severity: "info",
        meaning: ("Chữ TCVN3/VNI đã được chuyển sang Unicode.", "TCVN3/VNI text converted to Unicode."),
        help: ("Không cần làm gì; nên dùng phông Unicode.", "Nothing to do; Unicode fonts are better."),
        example: "the file's text is in TCVN3 (ABC, `.VnTime` fonts) or VNI (`VNI-Times`); it was converted to Unicode (once per file and encoding)",
    },
    Entry {
        code: Code::NumberAmbiguous,
        severity: "info / error",
        meaning: ("Số ghi theo cách có thể hiểu khác; công cụ nói rõ đã đọc là bao nhiêu (kiểu dấu chấm, dấu phẩy; tỷ lệ ghi dạng số thập phân; chỉ tiêu ghi dạng ngưỡng «≥ 95%» đọc là 95). Lỗi khi một số đếm (hồ sơ, người, vụ) ghi «1,180»: số đếm không thể là 1,18.", "A number written so that it could be read otherwise; the tool says what it read (a style of decimal mark, a rate typed as a fraction, a target written as a bound, «≥ 95%» read as 95). An error when a count (files, people, cases) is typed «1,180»: a count cannot be 1,18."),
        help: ("Kiểm tra số đã đọc; dùng --locale nếu kiểu số sai. Chỉ tiêu dạng ngưỡng: không cần làm gì.", "Check the figure read; use --locale if the style is wrong. A target as a bound: nothing to do."),
        example: "`1,345` read as 1,345 (vi) or 1345 (en); `6.35` in a Vietnamese file; a rate typed `0,9088` in a General cell read as 90,88% (once per file); a target `≥ 95%` read as 95; an error: `1,180` in a row counted in hồ sơ (decimals 0, or a unit naming what is counted) on a sheet whose other numbers do not settle the style, read 1,18, probably 1.180 (`expected` `1.180`): the figure is not used, so no relation blames the cells beside it",
    },
    Entry {
        code: Code::SumMismatch,
        severity: "error",
        meaning: ("Tổng không bằng các thành phần.", "A total does not add up."),
        help: ("Kiểm tra tổng và từng thành phần.", "Check the total and each part."),
        example: "HC02 TH = 1.290 but đúng hạn 1.204 + trễ hạn 77 = 1.281: one of them is wrong (`expected` `HC02 == HC03 + HC04`, actual `1.290`)",
    },
    Entry {
        code: Code::RelationViolated,
        severity: "error",
        meaning: ("Số liệu trái với quan hệ của danh mục.", "Figures break a relation of the catalog."),
        help: ("Kiểm tra cả hai chỉ tiêu.", "Check both indicators."),
        example: "YT24 (cơ sở bị xử phạt) 12 > YT23 (được kiểm tra) 10",
    },
    Entry {
        code: Code::RelationSkipped,
        severity: "info",
        meaning: ("Quan hệ không kiểm tra được vì thiếu số liệu.", "A relation not checked for want of a figure."),
        help: ("Không cần làm gì, trừ khi số liệu bị bỏ sót.", "Nothing to do, unless a figure was left out."),
        example: "`HC02 == HC03 + HC04` could not be checked in 1 place: Phường 7 (phuong-07.xlsx) has no HC04 (one finding per rule and column; up to three places named, the first pointed at; the rule said in words, «Điều kiện HC02 = HC03 + HC04 (HC02 Hồ sơ …; …)»; `actual` the count)",
    },
    Entry {
        code: Code::TableNotFound,
        severity: "error",
        meaning: ("Tệp không có bảng nhiệm vụ.", "A workbook with no task table."),
        help: ("Dùng biểu nhiệm vụ có các cột «Nội dung», «Tiến độ», «Cơ quan chủ trì».", "Use a task table with the columns «Nội dung», «Tiến độ», «Cơ quan chủ trì»."),
        example: "(annex) a workbook with no task table (TT, Nội dung, Tiến độ, Cơ quan chủ trì …)",
    },
    Entry {
        code: Code::DeadlineOutOfPeriod,
        severity: "error / warning",
        meaning: ("Tiến độ nằm ngoài kỳ của chương trình.", "A deadline outside the programme's period."),
        help: ("Sửa tiến độ, hoặc chuyển nhiệm vụ sang kỳ đúng.", "Correct the deadline, or move the task to its period."),
        example: r#"(annex) "Quý III/2019" in the 2020-Q2 programme (error: entirely before the period); "Tháng 9/2020" (warning: starts after it)"#,
    },
    Entry {
        code: Code::DeadlineInvalid,
        severity: "error",
        meaning: ("Tiến độ không đọc được.", "A deadline that cannot be read."),
        help: ("Ghi tiến độ theo tháng, quý hoặc ngày.", "Write the deadline as a month, quarter or date."),
        example: r#"(annex) "sớm" in the Tiến độ column"#,
    },
    Entry {
        code: Code::StatusContradiction,
        severity: "warning",
        meaning: ("Nhiệm vụ ghi «Hoàn thành» nhưng thời hạn sau kỳ và ghi chú nói còn tiếp tục.", "A task marked done whose deadline falls after the period and whose note says it goes on."),
        help: ("Hỏi đơn vị nhiệm vụ đã xong chưa; sửa tình trạng hoặc ghi chú.", "Ask the department whether the task is done; correct the status or the note."),
        example: r#"(annex) «Hoàn thành», deadline "Tháng 12/2026" in the 2026-Q3 programme, note «đang tiếp tục triển khai» (a status «Hoàn thành» alone with a later deadline is done early: no finding)"#,
    },
    Entry {
        code: Code::TaskDuplicate,
        severity: "error / warning / info",
        meaning: ("Nhiệm vụ trùng.", "A task written twice."),
        help: ("Giữ một dòng; ghi đơn vị phối hợp ở dòng đó.", "Keep one row; name the other agency as coordinator."),
        example: "(annex) the same task twice, in one file or from two departments (error); nearly the same, e.g. only the year differs (warning); listed by its lead and by a co-operating agency naming that lead, the lead's row kept (info, an error when their statuses differ)",
    },
    Entry {
        code: Code::AgencyUnknown,
        severity: "error / warning",
        meaning: ("Cơ quan không có trong danh sách đơn vị.", "An agency not in the registry."),
        help: ("Ghi tên cơ quan như danh sách đơn vị, hoặc bổ sung vào agencies.csv.", "Write the agency as the registry has it, or add it to agencies.csv."),
        example: "(annex) a lead agency (error) or coordinating agency (warning) that is not in the registry (\"Sở Nội vụ (Ban Thi đua - Khen thưởng)\", an agency naming its own unit, is no finding); a known agency is suggested only when it shares the text's distinctive words and kind of body (a \"Trung tâm …\" is no \"Phòng …\"), else the message asks to add it to agencies.csv",
    },
    Entry {
        code: Code::AgencyMissing,
        severity: "error",
        meaning: ("Nhiệm vụ không có cơ quan chủ trì.", "A task without a lead agency."),
        help: ("Ghi cơ quan chủ trì.", "Name the lead agency."),
        example: "(annex) a task without a lead agency",
    },
    Entry {
        code: Code::PctMismatch,
        severity: "error",
        meaning: ("Tỷ lệ ghi khác tỷ lệ tính từ số liệu.", "A percentage unlike the one its figures give."),
        help: ("Tính lại tỷ lệ từ số liệu (hoặc sửa số liệu).", "Recompute it from the figures (or correct them)."),
        example: "P.TCKH: NS01 %KH says 21,35% but lũy kế 145,2 / kế hoạch 840 × 100 = 17,29% (expected `17,29`, actual `21,35`); a rate HC05 = 95 where đúng hạn 1.204 / đã giải quyết 1.290 × 100 = 93; a fall of 0,73% written as `0,73` where the growth is `-0,73`",
    },
    Entry {
        code: Code::PctRounding,
        severity: "warning",
        meaning: ("Tỷ lệ chỉ lệch do làm tròn.", "A percentage off by rounding only."),
        help: ("Làm tròn đúng quy tắc (xem DOMAIN).", "Round by the rule."),
        example: "%KH 17,31% where 145,2 / 840 gives 17,270…17,302%: off by rounding only (expected `17,29`)",
    },
    Entry {
        code: Code::PctKind,
        severity: "error / warning",
        meaning: ("%CK ghi sai kiểu (tỷ số hay mức tăng).", "%CK written as the other kind (ratio or growth)."),
        help: ("Ghi theo quy ước của mẫu biểu (ck_convention).", "Write it as the template's ck_convention says."),
        example: r#"%CK written `108,12` (the ratio LK/CK × 100) where `ck_convention = "growth"` wants `8,12`, or the reverse (error; likewise `1,0812`, the ratio as a fraction of one from `=F14/G14`, advised `8,12`); a warning, once per file, when the column says in words that it holds the growth ("Tăng, giảm so với cùng kỳ (%)" over it, "tăng 13,26%" in its cells) where the template wants the ratio, or the ratio ("Ước TH/CK", "LK/CK") where it wants the growth: its figures were read as the column says (growth + 100, ratio − 100) and checked so; likewise once per file for a column whose words say neither ("So với cùng kỳ (%)") but whose figures are the other convention throughout (three at least fit it, none the template's): a column that mixes the two keeps an error per figure"#,
    },
    Entry {
        code: Code::RateAveraged,
        severity: "error",
        meaning: ("Tỷ lệ của toàn địa bàn là trung bình các tỷ lệ.", "An area's rate averaged from the units' rates."),
        help: ("Tính lại từ tổng tử số và tổng mẫu số.", "Recompute it from the summed operands."),
        example: "Văn phòng states HC05 for the district as 75,00% — the mean of the wards' 50% and 100% — where 60 / 110 × 100 = 54,55% (expected `54,55`, actual `75,00`)",
    },
    Entry {
        code: Code::TotalMismatch,
        severity: "error / warning",
        meaning: ("Số của cơ quan phụ trách khác tổng của các đơn vị cơ sở.", "A department's figure unlike the units' sum."),
        help: ("Đối chiếu với trang «Chi tiết theo đơn vị» của bảng tổng hợp.", "Compare with the sheet «Detail by unit» of the consolidated workbook."),
        example: r#"Văn phòng: HC02 TH for the district 965 but the 6 wards add up to 955; the message lists the wards' figures, the first 20 then how many more (`Phường 1: 120; Phường 2: 180; …; và 20 phường khác`), in the indicator's decimals (the template's `decimals`, else as many as the figures need: a figure converted from nghìn đồng is listed as `9.790`, not `9.790,000`), and points to the row `HC02 TH` of "Chi tiết theo đơn vị"; when wards are missing it says how many reported (a warning when the department's figures are mostly above the reported wards' sums, it counts the silent wards, and what is known of their figures — a file set aside, the last quarter's LK — does not make up the gap; when nothing known says otherwise, the office's `total-unchecked` info instead). A department whose figures (two at least, and most of its mismatches) each equal the wards' sum less one ward's figure left that ward out: one error for them all, naming the ward (`actual` `Phường 3`, `expected` the figures, `HC02 TH; HC02 LK; …`). With a ward's figure unknown only when the district figure is below the known wards' sum (`expected` `≥ 450`), naming the ward the department leaves out when the known sum less that ward's figure is no longer above it. A department's figure equal to the wards' sum with one ward's figure a power of ten off (÷ 10, 100, 1.000, or ×) is right: the error is that ward's, at its cell (`expected` `20`, `actual` `20.000`). A department's rate for the area stated without its own numerator and denominator is compared with the template's formula over the totals: Sở Y tế's DS.04 `1,09`‰ where the communes' DS.02 / DS.01 × 1000 gives `10,86` (a power of ten off: ‰ typed as %), or `126,04` the sum of the communes' rates, or more than 5 % off, is an error; 1 … 5 % off a warning (other data); within 1 % nothing"#,
    },
    Entry {
        code: Code::TotalUnchecked,
        severity: "info",
        meaning: ("Tổng không so được vì số liệu của một số đơn vị chưa rõ.", "A total not compared for want of some units' figures."),
        help: ("Xin các đơn vị được nêu bổ sung số liệu.", "Ask the units named for their figures."),
        example: "Công an quận: AN10, AN11 … in LK not compared with the wards' sum because Phường 10 sent no LK column (or its figure is empty, not a number, or an error of its own); `actual` names every unit the sum lacks: those wards, then the wards with no report in the totals (none sent, or its file set aside: \"Phường 10, Phường 7, Phường 14\"). Also a department's figures above the reported wards' sums while it evidently counts the silent wards (they can make up the gap): one for the department, `actual` naming the silent wards. The office's only: no feedback workbook for the department",
    },
    Entry {
        code: Code::TotalUncomputed,
        severity: "info / warning",
        meaning: ("Số của toàn địa bàn để trống vì một số đơn vị chỉ có một phần số liệu (hoặc không có cả cột, hoặc không đơn vị nào báo cáo chỉ tiêu).", "An area's figure left empty: some units gave only part of its figures (or no such column, or no unit reports the indicator)."),
        help: ("Xin các đơn vị được nêu bổ sung số liệu còn thiếu; chỉ tiêu không đơn vị nào báo cáo: bổ sung đơn vị vào danh sách.", "Ask the units named for the figures they left out; for an indicator no unit reports, add its unit to the registry."),
        example: "Tổng hợp: %CK of 20 indicators (HC01, KT03, …) not computed because Phường 15 gave LK but no CK: LK over 15 wards against CK over 14 is not the district's growth, so the cell is left empty; TH of 11 indicators not added up because 17 communes sent no TH column; the units are named in `actual`; a rate's KH and %KH left empty because the wards typed different targets (YT.04: 95, 95, 96), each ward and its target in `actual`. Once for the run: 25 indicators (KT01, NS01, …) whose whole row is empty because they are reported by departments (P.TCKH, CAQ, …) the registry lacks though it has departments (a warning), by departments where the registry has none at all (a city's registry of wards alone: a configuration, an info for the office), or by units none of which sent a report that was consolidated (info), the reporters named in `actual`; Tổng hợp says so under its table",
    },
    Entry {
        code: Code::CumulativeMismatch,
        severity: "error / warning",
        meaning: ("Lũy kế không khớp với thực hiện.", "LK does not follow from TH."),
        help: ("Kiểm tra cả TH và LK.", "Check both TH and LK."),
        example: "Q1: Phường 4 HC03 TH 140 and LK 104 must be equal in the first quarter, one of them is wrong (`expected` `LK = TH`, actual `104`); Q1, TH and LK a power of ten apart (10, 100, 1.000, within rounding) with the unit's stated %KH, %CK or its CK backing one of them: at the other, naming the factor (Phường 9 AN25 TH 122.800 where LK 122,8: `expected` `122,8`, actual `122.800`, at the TH); Q1, an LK off its TH where every breakdown of the indicator (`LD.01 == LD.01.1 + LD.01.2`, `LD.01 == LD.01.3 + LD.01.4 + LD.01.5`) adds up to the TH: one error at the LK saying the parts add up to the TH too, for the LK and the sums it breaks (Xã Cát Tiên LD.01 LK 56 where TH 46, Nam 22 + Nữ 24 and the ages 17 + 26 + 3: `expected` `46`, actual `56`, no `sum-mismatch`); Q2 with `--previous`: Phường 1 HC02 LK 150 where last quarter's 120 + this quarter's 50 = 170 (`expected` `LK = LK quý trước + TH`); Q2–Q4 without `--previous`: a flow's LK below its TH (Phường 9 AN22 LK 43, TH 91; `expected` `LK ≥ TH`), unless the TH is three times the LK at least (the LK no handful of whole units below 30) and a power of ten (10, 100, 1.000) brings it under the LK, the unit's stated %KH, %CK or its CK backing the LK: then one error at the TH naming the figure to write (Tỉnh An Giang TT.02 TH 1.853.400 where LK 5.573,7: `expected` `1.853,4`, actual `1.853.400`), which stands for the relations the TH breaks and that figure keeps (no `relation-violated` at TT.03 ≥ TT.02), and when most of the unit's flows (three at least) are below, with or without `--previous`, one error per file at the header of the column read as LK saying the TH and LK columns look swapped (`expected` `LK ≥ TH`, actual `E6 < F6`, the two headers' cells) instead of the rows it explains; Q2–Q4 of a quarterly report (a month's report after January) without `--previous`: LK = TH on every flow with figures (five at least; stocks and rows both 0 left out), one warning per file at the LK header naming a few of them: the quarters before were probably never added (`expected` `LK = LK quý trước + TH`, actual `F6 = E6`); with `--previous`, when most of the unit's flows (three at least) whose last LK is above zero state TH = LK, one error per file at the TH header naming both readings with their fixes, the LK never accumulated (KT03 9 + 12 = 21) or the TH holding the months from January (12 − 9 = 3) (`expected` `TH = LK − LK quý I`, naming last LK's period, actual `E6 = F6`) instead of the rows it explains, unless most of those LK are below last quarter's LK (15 → 6: the TH is the quarter's): then one error per file at the LK header saying the LK column was never accumulated (`expected` `LK = LK quý trước + TH`, actual `F6 = E6`, e.g. KT03 15 + 6 = 21); with `--previous`, when most of the unit's flows (three at least) whose last LK is above zero and whose TH is not 0 state LK = last LK, one error per file at the LK header saying the LK column was not updated (a year's column still holding the nine months': `expected` `LK = LK kỳ trước + TH`, actual `F5 = LK kỳ trước`); with `--previous`, a mismatch whose row's note names a correction of last quarter's figures and states one with which LK adds up (\"Điều chỉnh số liệu quý I: 1235 lượt (đã báo 1185)\") is a warning quoting the note, an error quoting it when no figure fits; with `--previous` whose folder has no `errors.json`, one warning at that missing file says a last LK found in error is judged as never found so; indicators in `may_be_negative` are left alone. After the first quarter a stock's LK must equal its TH, both its level at the period's end (a warning at LK naming TH: Xã Kim Sơn CN.01 LK 9.159 where TH 4.629, the herd summed over the quarters; not a level at the period's start, «tồn đầu kỳ»); when a relation naming the stock breaks with its LK and holds with its TH, an error saying the LK is the wrong figure, for the LK and the relation (Xã Lạc Dương DD.04 forest LK 31.219,37 where TH 10.420,35, above the natural area DD.03 13.250,60: no `relation-violated`; a relation broken with the TH too keeps its error); stocks have no rule across quarters. A half-year, nine-month or year report follows the rules of its last quarter (Q2, Q3, Q4)",
    },
    Entry {
        code: Code::ValueNegative,
        severity: "error",
        meaning: ("Số âm ở chỉ tiêu không thể âm.", "A negative figure where none can be."),
        help: ("Sửa số liệu.", "Correct the figure."),
        example: "Phường 2 HC07 TH = -300: a count cannot be negative. A %CK growth may be negative, and a rate's %KH or %CK written in points (91,21 − 95 = −3,79); so may the indicators listed in `[checks] may_be_negative`",
    },
    Entry {
        code: Code::Outlier,
        severity: "warning",
        meaning: ("Số liệu khác xa số thường gặp (của các đơn vị cùng cấp, hoặc kế hoạch, cùng kỳ của chính đơn vị).", "A figure far from the usual (its peers', or its own plan and last year's)."),
        help: ("Kiểm tra số (thừa hoặc thiếu một chữ số, sai đơn vị).", "Check it (a digit too many, a wrong unit)."),
        example: "Phường 4 HC02 TH = 860, about 9,6 times what the wards usually have (TH is usually about 1,1 times CK, its own CK is 80): about 89 would be usual (`expected` `89`); per head, the message gives the figure per 1.000 people in the indicator's unit (\"71,7 hồ sơ trên 1.000 dân (dân số 12.000)\"). A TH that a hundred or a thousand brings in line with the unit's own KH, LK and CK is told so (\"chia cho 1.000 thì được 1.239,7\", `expected` `1.239,7`). The unit's note on the row is quoted. See *Outliers*",
    },
    Entry {
        code: Code::UnitMismatch,
        severity: "warning / error",
        meaning: ("Đơn vị tính khác danh mục.", "A unit of measure unlike the catalog's."),
        help: ("Dùng đúng đơn vị tính của danh mục.", "Use the catalog's unit."),
        example: r#"NS02 written in "đồng" where the catalog says "triệu đồng": converted ÷1.000.000 (likewise ÷1.000 from "nghìn đồng", ×1.000 from "tỷ đồng"; ×10 from "%" on a rate in "‰", whose "%o" or "phần nghìn" is the same unit, and likewise a figure typed "0,39%" there; a "%" label on a rate in "‰" whose figures its formula gives as written is the label's slip: the figures are kept); "chiếc" for "xe": a warning, the figures are kept; "USD" or "ha" for "triệu đồng": an error, the figure stays out of the totals; 146,3 under "m2" where the catalog says "ha" (0,01463 ha, nothing at its decimals): an error, the figures stay out; a unit whose money figures are all about 1.000 times the other units' (nghìn đồng under a "triệu đồng" header, or no unit written): one error for the file naming its cells, the factor and the likely unit (`expected` "triệu đồng", `actual` "nghìn đồng"), the totals marked red and said wrong in the footnote under the table; all those of one money unit while its others are as usual: an error on each such money row, the totals marked; with `--previous`, a row whose LK adds up once read in that unit (20,78 + 38,07 = 58,85 where 38.070 and 58.850 were typed) gets no `cumulative-mismatch` besides, the error saying the LK agrees. A unit written the same wrong way on many rows is one warning per file and conversion, naming the indicators and cells"#,
    },
    Entry {
        code: Code::TextVsTable,
        severity: "error / warning / info",
        meaning: ("Số trong văn bản khác bảng tổng hợp.", "A figure of the text unlike the table's."),
        help: ("Sửa số trong văn bản.", "Correct the text."),
        example: r#"(check-text `--against`) "đã cấp 126 giấy phép xây dựng" where the consolidated total is 128; "trong quý III/2020 đã cấp 193 …" where the table's TH is 139; "17,8 tỷ đồng" where the table has 17.800.000 đồng (17,8 triệu: the unit is wrong); a warning when the table has a flow's TH only (no LK) and the figure, naming no period, is above it; one info a run counting the figures that named an indicator the table has no figure of their period for; one warning when the table was consolidated under another template (none of its codes in the template: run again with `--template`)"#,
    },
    Entry {
        code: Code::RuleInvalid,
        severity: "error",
        meaning: ("Công thức trong danh mục không đọc được.", "A formula of the catalog that does not parse."),
        help: ("Sửa công thức ở dòng đã nêu của indicators.csv.", "Fix the formula at the line of indicators.csv named."),
        example: "a formula in `indicators.csv` the tool cannot use (does not parse, names a code the catalog lacks or none, a bare expression on an indicator that is no rate or a column marker naming no column (`DT.01[năm]`)), with its line and, when brackets make it usable, the bracketed form",
    },
];

/// The README's table of codes, made from the catalog.
pub fn readme_table() -> String {
    let mut t = String::from("| code | severity | example |\n|---|---|---|\n");
    for e in CATALOG {
        t.push_str(&format!(
            "| `{}` | {} | {} |\n",
            e.code.as_str(),
            e.severity,
            e.example
        ));
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A period-mismatch's periods are shown in words (tester DS); a rule
    /// in signs; another finding's code-like text untouched.
    #[test]
    fn shown_values_say_periods_in_words() {
        use crate::diagnostic::Finding;
        let f = Finding::error(Code::PeriodMismatch, "x");
        assert_eq!(shown_value(&f, "2026-Q3", Lang::Vi), "Quý III/2026");
        assert_eq!(shown_value(&f, "2019-Q4", Lang::En), "Q4 2019");
        assert_eq!(shown_value(&f, "", Lang::Vi), "");
        // A month too (verifier: a month run's Lỗi showed «2026-10»).
        assert_eq!(shown_value(&f, "2026-10", Lang::Vi), "Tháng 10/2026");
        for p in ["2026-10", "2026-Q3", "2026-9M", "2026"] {
            let read: crate::model::Period = p.parse().unwrap();
            assert_eq!(read.to_string(), p);
        }
        assert!("2026-13".parse::<crate::model::Period>().is_err());
        let g = Finding::error(Code::SumMismatch, "x");
        assert_eq!(shown_value(&g, "HC02 == HC03", Lang::Vi), "HC02 = HC03");
        assert_eq!(shown_value(&g, "2026-Q3", Lang::Vi), "2026-Q3");
    }

    /// «không» in one cell is said of one cell (it read «1 ô … các ô
    /// này»); near miss: two cells keep the plural.
    #[test]
    fn none_in_words_in_one_cell_is_singular() {
        let said = |count: usize, cells: &str, lang: Lang| {
            Read::NoneInWords {
                unit: "Phường Bắc Hà",
                words: "«không»",
                count,
                cells,
            }
            .words(lang)
        };
        assert_eq!(
            said(1, "F10", Lang::Vi),
            "Phường Bắc Hà: ghi «không» ở ô số liệu F10: theo mẫu biểu, chữ trong ô số liệu được đọc là ô trống (chưa có số liệu), không phải số 0, nên các tổng và các phép kiểm tra chưa gồm số của đơn vị ở ô này. Hãy ghi số vào ô đó (ghi 0 nếu không phát sinh)."
        );
        assert!(
            said(1, "F10", Lang::En).contains("in 1 figure cell (F10)")
                && said(1, "F10", Lang::En).contains("in that cell")
        );
        let two = said(2, "F10, G10", Lang::Vi);
        assert!(
            two.contains("ở 2 ô số liệu (F10, G10)") && two.contains("vào các ô đó"),
            "{two}"
        );
        assert!(said(2, "F10, G10", Lang::En).contains("in those cells"));
    }

    /// A form lacking a column of the template (its CK deleted) is not
    /// labelled as the first quarter's missing LK; near misses: the LK a
    /// first quarter takes from TH and a year's report without LK keep
    /// the code's label.
    #[test]
    fn a_deleted_column_is_labelled_as_such_not_as_a_missing_lk() {
        use crate::diagnostic::{Finding, Severity};
        use crate::model::ValueColumn;
        let lang = Lang::Vi;
        let lk = entry(Code::ColumnMissing).unwrap().meaning(lang);
        let deleted = Finding::said(
            Severity::Warning,
            &Read::ColumnsDeleted {
                unit: "Phường Thống Nhất",
                columns: &[ValueColumn::Ck],
                form: true,
            },
            lang,
        )
        .column("CK")
        .actual("CK");
        assert_eq!(
            unit_label(&deleted, None, lang),
            "Biểu thiếu cột số liệu của mẫu biểu (cột nêu trong nội dung): tổng toàn địa bàn của cột đó phải để trống."
        );
        let taken = Finding::said(Severity::Info, &Read::LkTakenAsTh, lang)
            .column("LK")
            .expected("LK = TH");
        assert_eq!(
            unit_label(&taken, None, lang),
            "Biểu thiếu cột LK: trong quý I, LK được lấy bằng TH."
        );
        let year = Finding::said(
            Severity::Error,
            &Read::LkMissingAtYearEnd {
                cell: "E6",
                label: "Thực hiện quý IV/2025",
                period: "2025-Q4".parse().unwrap(),
                stocks: 0,
            },
            lang,
        )
        .column("LK");
        assert_eq!(
            unit_label(&year, None, lang),
            "Biểu thiếu cột lũy kế từ đầu năm (LK): báo cáo thiếu số liệu của cả kỳ báo cáo."
        );
        // A year-end form of «Ước cả năm» whose TH was worked out of the
        // nine months' LK is told that case alone (tester DF), not the
        // three cases of the code's meaning.
        let worked = Finding::said(
            Severity::Info,
            &Read::ThFromLk {
                label: "Ước cả năm 2026",
                cell: "H6",
                source: Some("tong-hop.xlsx"),
                flows: 3,
                stocks: 0,
                left: 0,
                below: "",
                since: Some(crate::model::Period::quarter(2026, 3)),
            },
            lang,
        )
        .column("TH")
        .expected("TH = LK − LK quý trước");
        let told = unit_label(&worked, None, lang);
        assert_eq!(
            told,
            "Biểu không có cột thực hiện quý, chỉ có số từ đầu năm: TH được tính từ LK."
        );
        assert_ne!(told, lk);
        assert!(worked
            .message
            .contains("lũy kế trừ lũy kế 9 tháng (theo tong-hop.xlsx)"));
    }

    #[test]
    fn every_code_has_one_entry() {
        for code in Code::ALL {
            let n = CATALOG.iter().filter(|e| e.code == *code).count();
            assert_eq!(n, 1, "{}", code.as_str());
        }
        assert_eq!(CATALOG.len(), Code::ALL.len());
    }

    #[test]
    fn the_readme_table_of_codes_is_the_catalog() {
        let readme = include_str!("../../README.md");
        let at = readme.find("### Finding codes").expect("the section");
        let table = &readme[at..];
        let start = table.find("| code |").expect("the table");
        let end = table[start..]
            .find("\n\n")
            .map_or(table.len(), |e| start + e + 1);
        assert_eq!(
            &table[start..end],
            readme_table(),
            "README.md: regenerate the table with `tonghop codes --markdown`"
        );
    }
}
