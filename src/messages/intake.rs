//! The words of the intake's findings: files read or left aside, which
//! unit sent what for which period, and the indicators a form names.

use super::Words;
use crate::diagnostic::{Code, Lang};
use crate::model::Period;

/// What told a file's sender when its title and name did not.
#[derive(Clone, Copy)]
pub enum Clue<'a> {
    /// The file name (the title fitting several units).
    FileName(&'a str),
    /// The folder it was in.
    Folder(&'a str),
    /// The zip file (or e-mail) it came in.
    Archive(&'a str),
    /// The signature block's line ("TM. ỦY BAN NHÂN DÂN XÃ ĐÔNG HÒA").
    Signature(&'a str),
    /// A line of the letterhead ("UBND TỈNH ĐỒNG NAI").
    Letterhead(&'a str),
}

impl Clue<'_> {
    fn words(self, lang: Lang) -> String {
        match (self, lang) {
            (Clue::FileName(t), Lang::Vi) => format!("tên tệp «{t}»"),
            (Clue::FileName(t), Lang::En) => format!("its file name «{t}»"),
            (Clue::Folder(t), Lang::Vi) => format!("tên thư mục chứa tệp «{t}»"),
            (Clue::Folder(t), Lang::En) => format!("the name of its folder «{t}»"),
            (Clue::Archive(t), Lang::Vi) => format!("tên tệp nén chứa tệp «{t}»"),
            (Clue::Archive(t), Lang::En) => format!("the name of the archive it came in «{t}»"),
            (Clue::Signature(t), Lang::Vi) => format!("dòng ký tên «{t}»"),
            (Clue::Signature(t), Lang::En) => format!("its signature line «{t}»"),
            (Clue::Letterhead(t), Lang::Vi) => format!("dòng tiêu đề «{t}»"),
            (Clue::Letterhead(t), Lang::En) => format!("its letterhead line «{t}»"),
        }
    }
}

/// The facts of an intake finding (the files of a batch, who sent what,
/// the indicators a form names), as a check finds them; [`Words::words`]
/// puts them in the user's language.
pub enum Said<'a> {
    /// `file-skipped`: `file`, and what it is in the user's words.
    FileSkipped {
        file: &'a str,
        what: &'a str,
        /// What to do, or empty.
        advice: &'a str,
    },
    /// `file-unreadable`: `file`, what it is, and what to do.
    FileUnreadable {
        file: &'a str,
        what: &'a str,
        advice: &'a str,
    },
    /// `file-unknown-unit`: `file`, the unit as it names itself (quoted
    /// short), and an example of a title from the registry. `checked`:
    /// said by `check` to the clerk before sending, who writes the title
    /// and keeps no registry. `nearest`: the registry's units the
    /// sender's line comes nearest ("Thôn 7, Bản 7"), empty when none.
    FileUnknownUnit {
        file: &'a str,
        named: &'a str,
        example: &'a str,
        checked: bool,
        nearest: &'a str,
    },
    /// `file-unknown-unit` (an error): the title of `file` names `named`,
    /// a commune or ward the registry lacks, and the zip file (`archive`)
    /// or folder it came in names `unit`, a unit of the registry: a
    /// commune's own report sent in place of `unit`'s, counted for
    /// nobody. `example`: `unit`'s letterhead as the registry writes it.
    CommuneForUnit {
        file: &'a str,
        named: &'a str,
        unit: &'a str,
        archive: bool,
        example: &'a str,
    },
    /// `indicator-missing` (a warning): the figure of `code` in `column`
    /// that `unit` stated at `cell` carries a footnote mark whose note
    /// says it leaves out part of it (`note`, as written): the totals it
    /// enters are short of the rest, printed (*). `counted`: the figure
    /// enters the totals; a department's figure of an indicator its wards
    /// report is only compared with their sum, which lacks nothing.
    FigureIncomplete {
        unit: &'a str,
        code: &'a str,
        name: &'a str,
        column: &'a str,
        cell: &'a str,
        note: &'a str,
        counted: bool,
    },
    /// `file-unknown-unit` (an error): the letterhead of `file` names its
    /// sender `titled`, a body of another kind ("PHÒNG KINH TẾ" under
    /// "UBND HUYỆN LONG THÀNH") than `unit`, the commune its name (or its
    /// folder, `by_folder`) points to: nobody's, its figures out.
    /// `example`: the commune's letterhead as the registry writes it.
    TitleNamesOtherBody {
        file: &'a str,
        titled: &'a str,
        unit: &'a str,
        by_folder: bool,
        example: &'a str,
    },
    /// `file-unknown-unit` (a warning): `file` is taken as `unit`'s by its
    /// name, while its title names `titled`, a unit not in the registry.
    TitleNamesAnother {
        file: &'a str,
        titled: &'a str,
        unit: &'a str,
    },
    /// `file-unknown-unit` (a warning): the title of `file` names
    /// `titled`, its name `named`, another unit; its figures go to `used`,
    /// decided by `other`, the file the other unit sent as its own (none:
    /// the title's word is taken). `checked`: said by `check`, to the
    /// clerk about to send the file, who can still put it right.
    TitleAndName {
        file: &'a str,
        titled: &'a str,
        named: &'a str,
        used: &'a str,
        other: Option<&'a str>,
        checked: bool,
    },
    /// `file-unknown-unit`: the title or name of `file` (`text`) fits
    /// every unit of `fits` alike, names told apart only by the tones it
    /// was typed without. `settled`: the unit taken, and the files the
    /// others sent as their own (a warning); none: not consolidated (an
    /// error).
    UnitAmbiguous {
        file: &'a str,
        text: &'a str,
        fits: &'a [String],
        settled: Option<(&'a str, &'a str)>,
        /// The units fitted bear one name in the registry (namesakes in
        /// other provinces), not names the title's typing failed to tell.
        namesakes: bool,
        /// The former unit `text` names, which every unit of `fits` was
        /// formed from in part (a commune split between them).
        former: Option<&'a str>,
        /// The code of digits `text` opens with and the unit it is the
        /// code of, where the rest names another unit («04_Lai Chau»):
        /// the file name disagrees with itself.
        code: Option<(&'a str, &'a str)>,
    },
    /// `file-unknown-unit` (info): `file` is taken as `unit`'s by `clue`,
    /// its title and name naming no unit (or fitting all of `fits`).
    /// `file-unknown-unit` (an info): the title's `line` names `unit`
    /// only once "số" is left out before its number ("TDP 5" for "TDP số
    /// 5") or its number written in words is read (`words`, "BA" of
    /// "THÔN BA" for Thôn 3); the file is taken as that unit's, said.
    UnitLooselyNamed {
        file: &'a str,
        unit: &'a str,
        line: &'a str,
        words: &'a [String],
    },
    /// `file-unknown-unit` (an info): the title's `line` writes `unit`'s
    /// village name and goes on past it ("THÔN ĐÔNG SƠN" for Thôn Đông),
    /// naming no other unit; the file name names `unit` too, and the file
    /// is taken as its, said.
    UnitTitleGoesOn {
        file: &'a str,
        unit: &'a str,
        line: &'a str,
    },
    UnitFromClue {
        file: &'a str,
        unit: &'a str,
        clue: Clue<'a>,
        fits: &'a [String],
        /// As [`Said::UnitAmbiguous`]'s.
        namesakes: bool,
    },
    /// `period-mismatch`: `file`, its unit, the period it states and the
    /// one consolidated.
    PeriodMismatch {
        file: &'a str,
        unit: &'a str,
        stated: Period,
        period: Period,
    },
    /// `period-mismatch` (an info, the office's): `file`, of `unit`,
    /// states the period `stated`, but the unit also sent `used`, of the
    /// run's `period`, which is consolidated: an old file sent beside the
    /// right one, nothing for the unit to do.
    PeriodSuperseded {
        file: &'a str,
        unit: &'a str,
        stated: Period,
        period: Period,
        used: &'a str,
    },
    /// `period-mismatch` (an info, the office's): `file`, of `unit`, a
    /// form of the run's `period` whose title says `stated`, was set
    /// aside beside `used`, which is consolidated: its stale title is in
    /// nothing to sign, and nothing of it is counted.
    TitleSetAside {
        file: &'a str,
        unit: &'a str,
        stated: Period,
        period: Period,
        used: &'a str,
    },
    /// `period-mismatch` of `tonghop check`: `unit`'s file states the
    /// period `stated` but is checked for `period`; its figures are checked
    /// as `stated`'s.
    PeriodChecked {
        unit: &'a str,
        stated: Period,
        period: Period,
    },
    /// `period-mismatch` of `tonghop check`: `unit`'s file is the report
    /// of a school year's first semester (`stated`, September to January),
    /// not of the half-year `period` being checked; no run checks a
    /// semester, so the file is to be replaced, not checked otherwise.
    PeriodSemester {
        unit: &'a str,
        stated: Period,
        period: Period,
    },
    /// `period-mismatch` of `tonghop check`: `unit`'s file states the
    /// period `stated` in its title (in `cell`) but is checked for
    /// `period`, which the headers of its figure columns name.
    PeriodCheckedHeaders {
        unit: &'a str,
        stated: Period,
        period: Period,
        cell: &'a str,
    },
    /// `period-mismatch` (a warning) of `tonghop check` without
    /// `--period`: `unit`'s title (in `cell`) states `stated`, the period
    /// checked, while the name of `file` names `named`.
    PeriodTitleAndName {
        unit: &'a str,
        file: &'a str,
        stated: Period,
        named: Period,
        cell: &'a str,
    },
    /// `submission-duplicate`: the unit, how many files it sent for the
    /// period, this `file`, the `others`, the one used and why (in both
    /// languages).
    SubmissionDuplicate {
        unit: &'a str,
        count: usize,
        period: Period,
        file: &'a str,
        others: &'a [String],
        used: &'a str,
        why: (&'a str, &'a str),
    },
    /// `submission-duplicate` (an info, the office's): `unit` sent `count`
    /// files for the period and their names tell which is the latest
    /// (`why`: «sửa lần 2», a date): `used` is consolidated, `set_aside`
    /// not; nothing for the unit to do.
    SubmissionRevised {
        unit: &'a str,
        count: usize,
        period: Period,
        used: &'a str,
        set_aside: &'a [String],
        why: (&'a str, &'a str),
    },
    /// `submission-duplicate` (an info, the office's): `unit` sent its
    /// report for the period in several files that each hold a part of
    /// its indicators (one file per section, or a supplement holding only
    /// some): `parts` (each file with the codes taken from it and those
    /// a file sent later replaced) are taken
    /// together, a figure stated in two of them from the newer;
    /// `replaced` (files every figure of which a newer one gives) are not
    /// consolidated.
    SubmissionParts {
        unit: &'a str,
        period: Period,
        parts: &'a [(String, String, String)],
        replaced: &'a [String],
    },
    /// `submission-duplicate` (an info): `unit` sent `count` files of the
    /// same content, byte for byte (one attachment saved twice: "Bao cao
    /// Q1.xlsx", "Bao cao Q1 (1).xlsx"): `used` is read, `copies` set
    /// aside; nothing to check or fix.
    SubmissionCopies {
        unit: &'a str,
        count: usize,
        period: Period,
        used: &'a str,
        copies: &'a [String],
    },
    /// `submission-missing` (a warning): `file`, consolidated as `unit`'s,
    /// names only `former`, one of the units `unit` was formed from
    /// (`formers`): its figures may be that unit's alone.
    SubmissionFormerOnly {
        unit: &'a str,
        file: &'a str,
        former: &'a str,
        formers: &'a [String],
        /// Said by `check`, to the clerk about to send the file, who can
        /// still put it right.
        checked: bool,
    },
    /// `submission-duplicate` (an error): `unit` sent one file per former
    /// unit it was formed from (`files`: each file with the former unit it
    /// names); only `used` is consolidated, their figures are not added.
    SubmissionFormerParts {
        unit: &'a str,
        files: &'a [(String, String)],
        used: &'a str,
    },
    /// `submission-duplicate` (an error): `unit` sent one file per former
    /// unit it was formed from (`files`: each file with the former unit it
    /// names), each once, but `missing` (former units) sent none: the
    /// files' figures are added, short of the missing part.
    SubmissionFormerShort {
        unit: &'a str,
        files: &'a [(String, String)],
        missing: &'a [String],
    },
    /// `submission-duplicate` (an error): `unit` sent `files` for the
    /// period, nothing telling which is newer, whose figures differ:
    /// `differ` (the first few: «HC.01 TH: 700 (cell) / 760 (cell)»),
    /// `more` others; `used` is consolidated for now.
    SubmissionCopiesDiffer {
        unit: &'a str,
        period: Period,
        files: &'a [String],
        used: &'a str,
        differ: &'a [String],
        more: usize,
        /// Whether the later saved is used (a warning: file times of saved
        /// attachments say nothing of which is right), not the name
        /// sorting last (an error).
        by_time: bool,
    },
    /// `submission-duplicate` (a warning): `unit` sent one file per former
    /// unit it was formed from, every one of them (`files`: each file with
    /// the former unit it names); their figures are added together as the
    /// unit's.
    SubmissionFormerSummed {
        unit: &'a str,
        files: &'a [(String, String)],
    },
    /// `indicator-approximate`: a row's `name` read as indicator `code`
    /// «`catalog`», `alike` percent alike.
    NameApproximate {
        name: &'a str,
        code: &'a str,
        catalog: &'a str,
        alike: f64,
    },
    /// `indicator-approximate`: a row named by the words it adds to the
    /// indicator above it (`name`, "- Mầm non" under "Tổng số trường
    /// học"), read as that indicator's part `code` «`catalog`».
    NamePart {
        name: &'a str,
        code: &'a str,
        catalog: &'a str,
    },
    /// `indicator-approximate`: `count` such rows of a file, one finding
    /// for them all; `examples` names the first few ("«- Mầm non» →
    /// GD.01a «Trường mầm non»; …").
    NameParts { count: usize, examples: &'a str },
    /// `indicator-approximate`: a row's `written` code read as the
    /// catalog's `code` «`catalog`».
    CodeApproximate {
        written: &'a str,
        code: &'a str,
        catalog: &'a str,
    },
    /// `indicator-unknown`: a row with figures, `shown` by its name or
    /// code.
    IndicatorUnknown {
        shown: &'a str,
        /// The one indicator whose whole name the row's opens with
        /// ("GN01 «Số hộ nghèo»" for "Số hộ nghèo đa chiều"), offered.
        nearest: Option<&'a str>,
    },
    /// `indicator-unknown`: a row whose code `written` is the catalog's
    /// `code` but whose name and unit (`name`, `unit`) are another
    /// indicator's altogether (`catalog`, `catalog_unit`): not read as
    /// `code`, its figures not consolidated.
    CodeOfAnother {
        written: &'a str,
        name: &'a str,
        unit: &'a str,
        code: &'a str,
        catalog: &'a str,
        catalog_unit: &'a str,
    },
    /// `indicator-unknown` (info): a row `shown` marked as a breakdown of
    /// indicator `code` «`name`» above it, which the catalog does not
    /// list: its figures are not consolidated, the indicator's are.
    IndicatorBreakdown {
        shown: &'a str,
        code: &'a str,
        name: &'a str,
    },
    /// `indicator-unknown` (info): a row with figures named `shown`, an
    /// item of the list of details its heading `heading` introduces (a
    /// project, a work): no indicator; its figures are not consolidated.
    IndicatorDetailItem { shown: &'a str, heading: &'a str },
    /// `indicator-unknown`: a row with figures named `shown`, a name the
    /// catalog gives several indicators (`codes`), none of them a part of
    /// an indicator above the row.
    IndicatorAmbiguous { shown: &'a str, codes: &'a str },
    /// `indicator-repeated`: indicator `code` «`name`» a second time, on
    /// a row named `written` (empty when it is the catalog name).
    IndicatorRepeated {
        code: &'a str,
        name: &'a str,
        written: &'a str,
    },
    /// `indicator-approximate` (info): the code `code` stored by Excel as
    /// the number `stored` (another indicator's code), on a row named
    /// `name`, `code`'s catalog name: read by the name.
    CodeStoredAsNumber {
        stored: &'a str,
        code: &'a str,
        name: &'a str,
    },
    /// `indicator-approximate` (warning): a row coded `written`, the
    /// catalog's `code` «`catalog`», named `name`, the catalog name of
    /// `other`: read by its code.
    CodeNameDisagree {
        written: &'a str,
        name: &'a str,
        code: &'a str,
        catalog: &'a str,
        other: &'a str,
    },
    /// `indicator-approximate` (info): a row coded `written`, the
    /// catalog's `code` «`catalog`», named `name`, the catalog name of
    /// `other`, while `code` has a row of its own (`row`, 1-based): read
    /// by its name, as `other`.
    CodeNameByName {
        written: &'a str,
        name: &'a str,
        code: &'a str,
        catalog: &'a str,
        other: &'a str,
        row: u32,
    },
    /// `indicator-repeated` (info): indicator `code` «`name`» on a row
    /// the sheet hides, `hidden`, and on the visible row `used` (1-based),
    /// whose figures are read.
    IndicatorRepeatedHidden {
        code: &'a str,
        name: &'a str,
        hidden: u32,
        used: u32,
    },
    /// `indicator-unknown` (info): a row the sheet hides, `shown` by its
    /// name or code, with figures but no indicator: not read.
    IndicatorUnknownHidden { shown: &'a str },
    /// `indicator-unknown` (info): the table of `sheet`, beside the
    /// workbook's report, has `count` rows with figures and not one of
    /// them is an indicator (a clerk's own working table): not read.
    SheetUnrelated {
        sheet: &'a str,
        count: usize,
        example: &'a str,
    },
    /// `indicator-unknown` (info): the table of `sheet`, beside a table
    /// that was read, has one row per unit (`count` rows naming a ward,
    /// commune or neighbourhood, such as `example`) and one column per
    /// indicator: a table by unit, which is not consolidated.
    SheetByUnit {
        sheet: &'a str,
        count: usize,
        example: &'a str,
        /// Laid sideways: one column per unit under the period's header,
        /// one row per indicator (a province's «Chi tiết theo xã»).
        across: bool,
    },
    /// `submission-missing`: the only table of `file` is a table by unit
    /// (see [`Said::SheetByUnit`]): not one figure of it is consolidated.
    SubmissionByUnit {
        unit: &'a str,
        file: &'a str,
        sheet: &'a str,
        count: usize,
        example: &'a str,
        /// Laid sideways, as [`Said::SheetByUnit`]'s.
        across: bool,
    },
    /// `submission-missing`: the unit's name and the period.
    SubmissionMissing { unit: &'a str, period: Period },
    /// `submission-missing`, as the unit's feedback workbook tells the
    /// unit: nothing came from it for `period`; send the report. (The
    /// office's list names the files that might be its.)
    UnitSentNothing { unit: &'a str, period: Period },
    /// `file-unreadable`, as the unit's feedback workbook tells the unit:
    /// `file`, which it sent for `period`, arrived and cannot be opened
    /// (`what`); send it again. (The office is told to download it again
    /// or to ask the unit.)
    UnitFileDamaged {
        unit: &'a str,
        file: &'a str,
        what: &'a str,
        period: Period,
        /// The file opens but holds only a picture of the form: the unit
        /// is asked for the figures typed in, not told it cannot be opened.
        picture: bool,
    },
    /// `submission-missing`, nothing read of the unit's while `named`
    /// files bear its name and were not read, each with what it is in the
    /// user's words ("BC Q1 Phuong 11 + Xa Tay Phu.rar (tệp nén RAR …)"),
    /// and what to do (`advice`, or empty).
    SubmissionMissingNamed {
        unit: &'a str,
        period: Period,
        named: &'a str,
        advice: &'a str,
    },
    /// `submission-missing`, as the unit's feedback workbook tells the
    /// unit: `file`, a compressed file bearing its name, came for
    /// `period` and the office cannot open it; send the workbook itself.
    UnitSentArchive {
        unit: &'a str,
        file: &'a str,
        period: Period,
    },
    /// `submission-missing`, as the unit's feedback workbook tells the
    /// unit: `file`, bearing its name, came for `period` but is no
    /// spreadsheet (`what`: a Word document, a text file); send the
    /// report's workbook.
    UnitSentNotSpreadsheet {
        unit: &'a str,
        file: &'a str,
        what: &'a str,
        period: Period,
    },
    /// `submission-missing`, while `files` were read whose sender is not
    /// known: `fitting` when they fit this unit (its name without tones),
    /// else they name no unit at all.
    SubmissionMissingUnplaced {
        unit: &'a str,
        period: Period,
        files: &'a [String],
        fitting: bool,
    },
    /// `submission-missing`: the unit sent `file`, a form without a single
    /// figure.
    SubmissionEmpty { unit: &'a str, file: &'a str },
    /// `period-missing`: the unit's name and the period taken.
    PeriodMissing { unit: &'a str, period: Period },
    /// `indicator-missing`: the unit's name, how many indicators it
    /// lacks, the first few named ("KT03 «…»"), and how many more.
    IndicatorMissing {
        unit: &'a str,
        count: usize,
        named: &'a [String],
        more: usize,
    },
    /// `indicator-missing` for one row: the unit kept the row of an
    /// indicator it must report and left every figure cell blank.
    RowBlank {
        unit: &'a str,
        code: &'a str,
        name: &'a str,
    },
    /// `indicator-missing` (info): the unit left every figure cell of a
    /// row blank and its note says nothing happened («Không phát sinh»):
    /// the row is read as 0.
    RowNoneNoted {
        unit: &'a str,
        code: &'a str,
        name: &'a str,
        note: &'a str,
    },
}

impl Words for Said<'_> {
    fn code(&self) -> Code {
        match self {
            Said::FileSkipped { .. } => Code::FileSkipped,
            Said::FileUnreadable { .. } | Said::UnitFileDamaged { .. } => Code::FileUnreadable,
            Said::FileUnknownUnit { .. }
            | Said::CommuneForUnit { .. }
            | Said::TitleNamesOtherBody { .. }
            | Said::TitleNamesAnother { .. }
            | Said::TitleAndName { .. }
            | Said::UnitAmbiguous { .. }
            | Said::UnitFromClue { .. }
            | Said::UnitLooselyNamed { .. }
            | Said::UnitTitleGoesOn { .. } => Code::FileUnknownUnit,
            Said::PeriodMismatch { .. }
            | Said::PeriodSuperseded { .. }
            | Said::TitleSetAside { .. }
            | Said::PeriodChecked { .. }
            | Said::PeriodSemester { .. }
            | Said::PeriodCheckedHeaders { .. }
            | Said::PeriodTitleAndName { .. } => Code::PeriodMismatch,
            Said::SubmissionDuplicate { .. }
            | Said::SubmissionRevised { .. }
            | Said::SubmissionParts { .. }
            | Said::SubmissionCopies { .. }
            | Said::SubmissionFormerParts { .. }
            | Said::SubmissionFormerShort { .. }
            | Said::SubmissionCopiesDiffer { .. }
            | Said::SubmissionFormerSummed { .. } => Code::SubmissionDuplicate,
            Said::NameApproximate { .. }
            | Said::NamePart { .. }
            | Said::NameParts { .. }
            | Said::CodeApproximate { .. }
            | Said::CodeStoredAsNumber { .. }
            | Said::CodeNameDisagree { .. }
            | Said::CodeNameByName { .. } => Code::IndicatorApproximate,
            Said::IndicatorUnknown { .. }
            | Said::CodeOfAnother { .. }
            | Said::IndicatorBreakdown { .. }
            | Said::IndicatorDetailItem { .. }
            | Said::IndicatorAmbiguous { .. }
            | Said::IndicatorUnknownHidden { .. }
            | Said::SheetUnrelated { .. }
            | Said::SheetByUnit { .. } => Code::IndicatorUnknown,
            Said::IndicatorRepeated { .. } | Said::IndicatorRepeatedHidden { .. } => {
                Code::IndicatorRepeated
            }
            Said::SubmissionMissing { .. }
            | Said::UnitSentNothing { .. }
            | Said::SubmissionMissingNamed { .. }
            | Said::UnitSentArchive { .. }
            | Said::UnitSentNotSpreadsheet { .. }
            | Said::SubmissionMissingUnplaced { .. }
            | Said::SubmissionEmpty { .. }
            | Said::SubmissionByUnit { .. }
            | Said::SubmissionFormerOnly { .. } => Code::SubmissionMissing,
            Said::PeriodMissing { .. } => Code::PeriodMissing,
            Said::IndicatorMissing { .. }
            | Said::RowBlank { .. }
            | Said::RowNoneNoted { .. }
            | Said::FigureIncomplete { .. } => Code::IndicatorMissing,
        }
    }

    fn words(&self, lang: Lang) -> String {
        match self {
            Said::FileSkipped { .. }
            | Said::FileUnreadable { .. }
            | Said::UnitFileDamaged { .. }
            | Said::FileUnknownUnit { .. }
            | Said::CommuneForUnit { .. }
            | Said::TitleNamesOtherBody { .. }
            | Said::TitleNamesAnother { .. }
            | Said::TitleAndName { .. }
            | Said::UnitAmbiguous { .. }
            | Said::UnitFromClue { .. }
            | Said::UnitLooselyNamed { .. }
            | Said::UnitTitleGoesOn { .. } => files(self, lang),
            Said::NameApproximate { .. }
            | Said::NamePart { .. }
            | Said::NameParts { .. }
            | Said::CodeApproximate { .. }
            | Said::CodeStoredAsNumber { .. }
            | Said::CodeNameDisagree { .. }
            | Said::CodeNameByName { .. }
            | Said::IndicatorUnknown { .. }
            | Said::CodeOfAnother { .. }
            | Said::IndicatorBreakdown { .. }
            | Said::IndicatorDetailItem { .. }
            | Said::IndicatorAmbiguous { .. }
            | Said::IndicatorUnknownHidden { .. }
            | Said::SheetUnrelated { .. }
            | Said::SheetByUnit { .. }
            | Said::IndicatorRepeated { .. }
            | Said::IndicatorRepeatedHidden { .. }
            | Said::IndicatorMissing { .. }
            | Said::RowBlank { .. }
            | Said::RowNoneNoted { .. }
            | Said::FigureIncomplete { .. } => indicators(self, lang),
            _ => submissions(self, lang),
        }
    }
}

/// The words of what a file is.
fn files(s: &Said, lang: Lang) -> String {
    match (s, lang) {
        (Said::FileSkipped { file, what, advice }, Lang::Vi) => {
            format!("Bỏ qua tệp {file}: {what}.{}", spaced(advice))
        }
        (Said::FileSkipped { file, what, advice }, Lang::En) => {
            format!("Skipped {file}: {what}.{}", spaced(advice))
        }
        (Said::FileUnreadable { file, what, advice }, Lang::Vi) => {
            format!("Không đọc được tệp {file}: {what}. {advice}")
        }
        (Said::FileUnreadable { file, what, advice }, Lang::En) => {
            format!("Cannot read {file}: {what}. {advice}")
        }
        (Said::UnitFileDamaged { unit, file, period, picture: true, .. }, Lang::Vi) => format!(
            "Văn phòng đã nhận tệp {file} của {unit} gửi báo cáo {} nhưng tệp chỉ có hình ảnh (ảnh chụp hoặc ảnh quét biểu), không có số liệu nào trong các ô nên không tổng hợp được. Báo cáo của {unit} chưa được tổng hợp. Đề nghị {unit} gõ số liệu vào biểu mẫu Excel (không dán ảnh chụp) rồi gửi lại.",
            period.in_sentence_vi()
        ),
        (Said::UnitFileDamaged { unit, file, period, picture: true, .. }, Lang::En) => format!(
            "The office received {file} from {unit} for {} but it holds only a picture (a photo or scan of the form) and no figure in its cells, so nothing can be consolidated. {unit}'s report is not consolidated yet. Please type the figures into the Excel form (not a pasted photo) and send it again.",
            period.title_en()
        ),
        (Said::UnitFileDamaged { unit, file, what, period, .. }, Lang::Vi) => format!(
            "Văn phòng đã nhận tệp {file} của {unit} gửi báo cáo {} nhưng không mở được: {what}. Báo cáo của {unit} chưa được tổng hợp. Đề nghị {unit} gửi lại tệp báo cáo (dạng .xlsx, không đặt mật khẩu).",
            period.in_sentence_vi()
        ),
        (Said::UnitFileDamaged { unit, file, what, period, .. }, Lang::En) => format!(
            "The office received {file} from {unit} for {} but cannot open it: {what}. {unit}'s report is not consolidated yet. Please send the report's file again (as .xlsx, without a password).",
            period.title_en()
        ),
        (Said::FileUnknownUnit { file, named, example, checked: true, nearest }, Lang::Vi) => format!(
            "Tệp {file} không cho biết đơn vị nào gửi: tiêu đề («{named}») và tên tệp không nêu đơn vị nào có trong danh sách; khi tổng hợp, số liệu sẽ không được tính cho đơn vị nào. Hãy ghi tên đơn vị gửi ở dòng tiêu đề (ví dụ «{example}») rồi kiểm tra lại.{}",
            nearest_vi(nearest)
        ),
        (Said::FileUnknownUnit { file, named, example, checked: true, nearest }, Lang::En) => format!(
            "File {file} does not say which unit sent it: neither its title («{named}») nor its name names a unit of the registry; once consolidated, its figures would count for no unit. Write the sending unit's name in the title rows (e.g. «{example}») and check it again.{}",
            nearest_en(nearest)
        ),
        (Said::CommuneForUnit { file, named, unit, archive, example }, Lang::Vi) => format!(
            "Tệp {file} có tiêu đề «{named}», một đơn vị không có trong danh sách, dù nằm trong {} mang tên {unit}: có lẽ là báo cáo riêng của một xã, phường gửi kèm thay cho báo cáo tổng hợp của {unit}. Số liệu không được tổng hợp, không tính cho {unit}. Hãy đề nghị {unit} gửi báo cáo của cả đơn vị (tiêu đề «{example}»).",
            if *archive { "tệp nén" } else { "thư mục" }
        ),
        (Said::CommuneForUnit { file, named, unit, archive, example }, Lang::En) => format!(
            "File {file} is titled «{named}», a unit the registry lacks, though it came in {} named for {unit}: likely a commune's or ward's own report sent in place of {unit}'s consolidated one. Its figures are not consolidated, nor counted for {unit}. Ask {unit} for the report of the whole unit (titled «{example}»).",
            if *archive { "a zip file" } else { "a folder" }
        ),
        (Said::FileUnknownUnit { file, named, example, nearest, .. }, Lang::Vi) => format!(
            "Tệp {file} không cho biết đơn vị nào gửi: tiêu đề («{named}») và tên tệp không nêu đơn vị nào có trong danh sách; số liệu không được tổng hợp. Hãy ghi tên đơn vị ở dòng tiêu đề (ví dụ «{example}») hoặc bổ sung đơn vị vào danh sách.{}",
            nearest_vi(nearest)
        ),
        (Said::FileUnknownUnit { file, named, example, nearest, .. }, Lang::En) => format!(
            "File {file} does not say which unit sent it: neither its title («{named}») nor its name names a unit of the registry; its figures are not consolidated. Write the unit's name in the title rows (e.g. «{example}») or add the unit to the registry.{}",
            nearest_en(nearest)
        ),
        (
            Said::TitleNamesOtherBody {
                file,
                titled,
                unit,
                by_folder,
                example,
            },
            Lang::Vi,
        ) => format!(
            "Tiêu đề của tệp {file} ghi đơn vị gửi là «{titled}», một cơ quan khác chứ không phải {unit} mà {clue} gợi ý: tệp không được coi là báo cáo của {unit}, số liệu không được tổng hợp (số liệu của một cơ quan như vậy có thể là tổng của nhiều xã, phường). Nếu đây đúng là báo cáo của {unit}, hãy ghi «{example}» ở dòng tiêu đề; nếu không, hãy bỏ tệp khỏi các báo cáo được tổng hợp.",
            clue = if *by_folder { "thư mục chứa tệp" } else { "tên tệp" }
        ),
        (
            Said::TitleNamesOtherBody {
                file,
                titled,
                unit,
                by_folder,
                example,
            },
            Lang::En,
        ) => format!(
            "The title of {file} names its sender «{titled}», another body than {unit}, whom {clue} points to: it is not taken as {unit}'s report and its figures are not consolidated (such a body's figures may add up several communes or wards). If it is {unit}'s report, write «{example}» in its title rows; if not, take the file out of the reports to consolidate.",
            clue = if *by_folder { "its folder" } else { "its file name" }
        ),
        (Said::TitleNamesAnother { file, titled, unit }, Lang::Vi) => format!(
            "Tiêu đề của tệp {file} ghi «{titled}», không có trong danh sách đơn vị, nhưng tên tệp chỉ {unit}: số liệu được tổng hợp cho {unit}. Hãy kiểm tra đúng là báo cáo của {unit} (tên đơn vị cũ trước sắp xếp thì bổ sung vào cột former của đơn vị trong danh sách)."
        ),
        (Said::TitleNamesAnother { file, titled, unit }, Lang::En) => format!(
            "The title of {file} names «{titled}», which is not in the registry, but the file's name points to {unit}: its figures are consolidated as {unit}'s. Check that it is {unit}'s report (a name from before a merger belongs in the unit's former column of the registry)."
        ),
        (Said::TitleAndName { file, titled, named, checked: true, .. }, Lang::Vi) => format!(
            "Tiêu đề của tệp {file} ghi {titled} nhưng tên tệp chỉ {named}: khi tổng hợp, số liệu sẽ được tính cho {titled} theo tiêu đề. Nếu đây là báo cáo của {named}, hãy sửa tiêu đề trước khi gửi; nếu là của {titled}, hãy đặt lại tên tệp."
        ),
        (Said::TitleAndName { file, titled, named, checked: true, .. }, Lang::En) => format!(
            "The title of {file} names {titled} but its file name {named}: when consolidated, its figures will count as {titled}'s, by its title. If it is {named}'s report, correct the title before sending it; if it is {titled}'s, rename the file."
        ),
        (Said::TitleAndName { file, titled, named, used, other, .. }, Lang::Vi) => match other {
            Some(o) if used == named => format!(
                "Tiêu đề của tệp {file} ghi {titled} nhưng tên tệp chỉ {named}. {titled} đã gửi tệp riêng ({o}), nên tệp này được tính là báo cáo của {named} (có thể đã sửa trên tệp của {titled} mà quên sửa tiêu đề). Hãy hỏi lại {named} và xin tệp có tiêu đề đúng."
            ),
            Some(o) => format!(
                "Tiêu đề của tệp {file} ghi {titled} nhưng tên tệp chỉ {named}. {named} đã gửi tệp riêng ({o}), nên tệp này được tính cho {used} theo tiêu đề. Hãy hỏi lại {titled} và {named} tệp này là của ai."
            ),
            None => format!(
                "Tiêu đề của tệp {file} ghi {titled} nhưng tên tệp chỉ {named}: số liệu được tổng hợp cho {used} theo tiêu đề. Hãy hỏi lại {titled} và {named} tệp này là của ai."
            ),
        },
        (Said::TitleAndName { file, titled, named, used, other, .. }, Lang::En) => match other {
            Some(o) if used == named => format!(
                "The title of {file} names {titled} but its file name {named}. {titled} sent a file of its own ({o}), so this one is taken as {named}'s report (perhaps made over {titled}'s file with the title left unchanged). Ask {named} for the file with its own title."
            ),
            Some(o) => format!(
                "The title of {file} names {titled} but its file name {named}. {named} sent a file of its own ({o}), so this one is consolidated as {used}'s, by its title. Ask {titled} and {named} whose file it is."
            ),
            None => format!(
                "The title of {file} names {titled} but its file name {named}: its figures are consolidated as {used}'s, by its title. Ask {titled} and {named} whose file it is."
            ),
        },
        (Said::UnitAmbiguous { file, text, fits, code: Some((code, coded)), .. }, Lang::Vi) => format!(
            "«{text}» của tệp {file} hợp với cả {}: mã «{code}» ở đầu tên tệp là mã của {coded}, còn tên ghi trong tên tệp là của đơn vị khác; không biết đơn vị nào gửi; số liệu không được tổng hợp. Hãy hỏi lại các đơn vị này và đề nghị sửa tên tệp cho mã và tên cùng chỉ một đơn vị.",
            or_list(fits, " và ")
        ),
        (Said::UnitAmbiguous { file, text, fits, code: Some((code, coded)), .. }, Lang::En) => format!(
            "«{text}» of {file} fits both {}: the code «{code}» heading the file name is {coded}'s, the name written in it another unit's; which of them sent it is unknown; its figures are not consolidated. Ask these units and have the file name give one unit's code and name.",
            or_list(fits, " and ")
        ),
        (Said::UnitAmbiguous { file, text, fits, former: Some(f), .. }, Lang::Vi) => format!(
            "«{text}» của tệp {file} là tên {f}, đơn vị cũ nay thuộc cả {} sau sắp xếp: không biết số liệu là của đơn vị nào; số liệu không được tổng hợp. Hãy đề nghị đơn vị gửi lại biểu ghi tên đơn vị mới ở dòng tiêu đề.",
            or_list(fits, " và ")
        ),
        (Said::UnitAmbiguous { file, text, fits, former: Some(f), .. }, Lang::En) => format!(
            "«{text}» of {file} is the name of {f}, a former unit now part of {} alike: whose figures these are is unknown; they are not consolidated. Ask for the form again with the new unit's name in its title.",
            or_list(fits, " and ")
        ),
        (Said::UnitAmbiguous { file, text, fits, settled, namesakes: true, .. }, Lang::Vi) => {
            let fits = or_list(fits, " và ");
            match settled {
                Some((used, others)) => format!(
                    "«{text}» của tệp {file} hợp với cả {fits}: danh mục có nhiều đơn vị cùng tên, và tên tệp, thư mục, chữ ký không ghi mã hay tỉnh để phân biệt. Các đơn vị kia đã gửi tệp riêng ({others}), nên tệp này được tính cho {used}. Hãy kiểm tra lại với {used} và đề nghị ghi mã đơn vị vào tên tệp (hoặc dùng biểu mẫu của đơn vị)."
                ),
                None => format!(
                    "«{text}» của tệp {file} hợp với cả {fits}: danh mục có nhiều đơn vị cùng tên, và tên tệp, thư mục, chữ ký không ghi mã hay tỉnh để phân biệt; không biết đơn vị nào gửi; số liệu không được tổng hợp. Hãy hỏi lại các đơn vị này và đề nghị ghi mã đơn vị vào tên tệp (hoặc dùng biểu mẫu của đơn vị)."
                ),
            }
        }
        (Said::UnitAmbiguous { file, text, fits, settled, namesakes: true, .. }, Lang::En) => {
            let fits = or_list(fits, " and ");
            match settled {
                Some((used, others)) => format!(
                    "«{text}» of {file} fits {fits} alike: the registry has several units of that name, and neither the file name, its folder nor the signature gives a code or province to tell them apart. The others sent files of their own ({others}), so this one is taken as {used}'s. Check it with {used} and ask for the unit's code in the file name (or the unit's own form)."
                ),
                None => format!(
                    "«{text}» of {file} fits {fits} alike: the registry has several units of that name, and neither the file name, its folder nor the signature gives a code or province to tell them apart; which of them sent it is unknown; its figures are not consolidated. Ask these units and have the unit's code put in the file name (or the unit's own form used)."
                ),
            }
        }
        (Said::UnitAmbiguous { file, text, fits, settled, .. }, Lang::Vi) => {
            let left_out = level_words_left_out(fits);
            let fits = or_list(fits, " và ");
            match settled {
                Some((used, others)) => format!(
                    "«{text}» của tệp {file} hợp với cả {fits} (tên gõ không dấu hoặc thiếu {left_out} không đủ để phân biệt). Các đơn vị kia đã gửi tệp riêng ({others}), nên tệp này được tính cho {used}. Hãy kiểm tra lại với {used} và đề nghị ghi đủ tên đơn vị, có dấu."
                ),
                None => format!(
                    "«{text}» của tệp {file} hợp với cả {fits} (tên gõ không dấu hoặc thiếu {left_out} không đủ để phân biệt): không biết đơn vị nào gửi; số liệu không được tổng hợp. Hãy hỏi lại các đơn vị này và đề nghị ghi tên đơn vị có dấu ở dòng tiêu đề."
                ),
            }
        }
        (Said::UnitAmbiguous { file, text, fits, settled, .. }, Lang::En) => {
            let left_out = level_words_left_out(fits);
            let fits = or_list(fits, " and ");
            match settled {
                Some((used, others)) => format!(
                    "«{text}» of {file} fits {fits} alike (typed without tones, or without {left_out}, it tells none of them apart). The others sent files of their own ({others}), so this one is taken as {used}'s. Check it with {used} and ask for the unit's full name with its tones."
                ),
                None => format!(
                    "«{text}» of {file} fits {fits} alike (typed without tones, or without {left_out}, it tells none of them apart): which of them sent it is unknown; its figures are not consolidated. Ask these units and have the name written with its tones in the title."
                ),
            }
        }
        (Said::UnitLooselyNamed { file, unit, line, words }, lang) => {
            let numbers = words
                .iter()
                .map(|w| format!("«{w}»"))
                .collect::<Vec<_>>()
                .join(", ");
            match (words.is_empty(), lang) {
                (true, Lang::Vi) => format!(
                    "Tiêu đề tệp {file} ghi «{line}», không đúng tên nào trong danh sách; đã tính cho {unit} (đọc bỏ chữ «số» trước số thứ tự). Nếu đúng, không cần sửa gì; lần sau hãy ghi tên đơn vị như trong danh sách."
                ),
                (true, Lang::En) => format!(
                    "The title of {file} says «{line}», no name of the registry as written; taken as {unit}'s (read without «số» before the number). Nothing to fix if so; have the unit's name written as the registry has it next time."
                ),
                (false, Lang::Vi) => format!(
                    "Tiêu đề tệp {file} ghi «{line}», không đúng tên nào trong danh sách; đã tính cho {unit} (đọc chữ {numbers} là số). Nếu đúng, không cần sửa gì; lần sau hãy ghi tên đơn vị như trong danh sách."
                ),
                (false, Lang::En) => format!(
                    "The title of {file} says «{line}», no name of the registry as written; taken as {unit}'s (reading {numbers} as a number). Nothing to fix if so; have the unit's name written as the registry has it next time."
                ),
            }
        }
        (Said::UnitTitleGoesOn { file, unit, line }, Lang::Vi) => format!(
            "Tiêu đề tệp {file} ghi «{line}», dài hơn tên {unit} trong danh sách; đã tính cho {unit} vì tên tệp cũng ghi đơn vị này. Nếu đúng, hãy sửa tiêu đề cho đúng tên đơn vị; nếu là thôn khác, hãy thêm thôn đó vào danh sách đơn vị."
        ),
        (Said::UnitTitleGoesOn { file, unit, line }, Lang::En) => format!(
            "The title of {file} says «{line}», longer than the registry's {unit}; taken as {unit}'s because the file name names it too. If so, have the title write the unit's name; if it is another village, add it to the registry."
        ),
        (Said::UnitFromClue { file, unit, clue, fits, namesakes }, lang) => {
            let clue = clue.words(lang);
            let why = match (namesakes, lang) {
                (true, Lang::Vi) => "cùng tên trong danh mục",
                (true, Lang::En) => "one name in the registry",
                (false, Lang::Vi) => "gõ không dấu",
                (false, Lang::En) => "typed without tones",
            };
            match (fits.is_empty(), lang) {
                (true, Lang::Vi) => format!(
                    "Tiêu đề và tên tệp {file} không nêu đơn vị gửi; đã tính cho {unit} theo {clue}. Lần sau hãy ghi tên đơn vị ở dòng tiêu đề."
                ),
                (true, Lang::En) => format!(
                    "Neither the title nor the name of {file} names its sender; taken as {unit}'s by {clue}. Have the unit's name written in the title next time."
                ),
                (false, Lang::Vi) => format!(
                    "Tiêu đề tệp {file} hợp với cả {} ({why}); đã tính cho {unit} theo {clue}.",
                    or_list(fits, " và ")
                ),
                (false, Lang::En) => format!(
                    "The title of {file} fits {} alike ({why}); taken as {unit}'s by {clue}.",
                    or_list(fits, " and ")
                ),
            }
        }
        _ => String::new(),
    }
}

/// Names joined by commas, the last by `last` (" và ", " and ").
fn or_list(names: &[String], last: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., tail] => format!("{}{last}{tail}", init.join(", ")),
    }
}

/// The words of who sent what for which period.
fn submissions(s: &Said, lang: Lang) -> String {
    match (s, lang) {
        (Said::PeriodMismatch { file, unit, stated, period }, Lang::Vi) => format!(
            "Tệp {file} của {unit} ghi kỳ báo cáo {} nhưng đang tổng hợp {}; số liệu không được tổng hợp. Hãy gửi đúng biểu của kỳ {}.",
            stated.in_sentence_vi(),
            period.in_sentence_vi(),
            period.in_sentence_vi()
        ),
        (Said::PeriodMismatch { file, unit, stated, period }, Lang::En) => format!(
            "File {file} from {unit} is for {} but {} is being consolidated; its figures are not consolidated. Send the form for {}.",
            stated.title_en(),
            period.title_en(),
            period.title_en()
        ),
        (Said::PeriodChecked { unit, stated, period }, Lang::Vi) => format!(
            "{unit}: tệp là báo cáo {} nhưng đang kiểm tra cho {}. Các số được kiểm tra như báo cáo {}, không theo {}. Nếu cần gửi báo cáo {}, hãy dùng đúng biểu của kỳ {}; nếu tệp đúng là báo cáo {}, hãy kiểm tra với --period {stated}.",
            stated.in_sentence_vi(),
            period.in_sentence_vi(),
            stated.in_sentence_vi(),
            period.in_sentence_vi(),
            period.in_sentence_vi(),
            period.in_sentence_vi(),
            stated.in_sentence_vi(),
        ),
        (Said::PeriodSemester { unit, stated, period }, Lang::Vi) => format!(
            "{unit}: tệp là báo cáo {}, không phải {} đang kiểm tra; số liệu học kỳ không được tổng hợp vào báo cáo {}. Hãy gửi báo cáo {} (số liệu từ tháng 1 đến hết tháng {}/{}) theo đúng biểu của kỳ.",
            stated.in_sentence_vi(),
            period.in_sentence_vi(),
            period.in_sentence_vi(),
            period.in_sentence_vi(),
            period.last_month(),
            period.year,
        ),
        (Said::PeriodSemester { unit, stated, period }, Lang::En) => format!(
            "{unit}: the file is the report of the {}, not of the {} being checked; a semester's figures are not consolidated into the report of the {}. Send the report of the {} (figures from January to the end of {}/{}) on the period's form.",
            stated.title_en(),
            period.title_en(),
            period.title_en(),
            period.title_en(),
            period.last_month(),
            period.year,
        ),
        (Said::PeriodChecked { unit, stated, period }, Lang::En) => format!(
            "{unit}: the file is the report of {} but is being checked for {}. Its figures are checked as the report of {}, not as {}. If the report of {} is to be sent, use the form for {}; if the file is rightly the report of {}, check it with --period {stated}.",
            stated.title_en(),
            period.title_en(),
            stated.title_en(),
            period.title_en(),
            period.title_en(),
            period.title_en(),
            stated.title_en(),
        ),
        (
            Said::SubmissionFormerOnly {
                unit,
                file,
                former,
                formers,
                checked: true,
            },
            Lang::Vi,
        ) => format!(
            "Tệp {file} chỉ ghi tên {former}, một trong các đơn vị cũ hợp thành {unit} ({}): khi tổng hợp, số liệu sẽ được tính cho {unit}, nhưng có thể chỉ là của {former}. Nếu biểu là của cả {unit}, hãy ghi tên mới ở dòng tiêu đề trước khi gửi; nếu không, hãy lập một biểu chung cho cả đơn vị mới.",
            or_list(formers, " và ")
        ),
        (
            Said::SubmissionFormerOnly {
                unit,
                file,
                former,
                formers,
                checked: true,
            },
            Lang::En,
        ) => format!(
            "File {file} names only {former}, one of the former units {unit} was formed from ({}): when consolidated, its figures will count as {unit}'s, but they may be {former}'s alone. If the form covers the whole of {unit}, write the new name in its title before sending it; if not, fill in one form for the whole new unit.",
            or_list(formers, " and ")
        ),
        (Said::SubmissionFormerOnly { unit, file, former, formers, .. }, Lang::Vi) => format!(
            "Tệp {file} chỉ ghi tên {former}, một trong các đơn vị cũ hợp thành {unit} ({}): đã tổng hợp cho {unit}, nhưng số liệu có thể chỉ là của {former}. Hãy kiểm tra với {unit} rằng biểu là của cả đơn vị mới và đề nghị ghi tên mới ở dòng tiêu đề.",
            or_list(formers, " và ")
        ),
        (Said::SubmissionFormerOnly { unit, file, former, formers, .. }, Lang::En) => format!(
            "File {file} names only {former}, one of the former units {unit} was formed from ({}): consolidated as {unit}'s, but its figures may be {former}'s alone. Check with {unit} that the form covers the whole new unit, and have the new name written in its title.",
            or_list(formers, " and ")
        ),
        (Said::SubmissionFormerParts { unit, files, used }, lang) => {
            let list = files
                .iter()
                .map(|(f, former)| format!("{f} («{former}»)"))
                .collect::<Vec<_>>()
                .join(", ");
            let left: Vec<String> = files
                .iter()
                .filter(|(f, _)| f != used)
                .map(|(_, former)| former.clone())
                .collect();
            match lang {
                Lang::Vi => format!(
                    "{unit} gửi {} tệp, mỗi tệp của một đơn vị cũ hợp thành: {list}. Số liệu của các tệp này không được cộng lại: chỉ dùng tệp {used}, nên số của {unit} còn thiếu phần của đơn vị cũ {}. Hãy đề nghị {unit} gửi một biểu chung cho cả đơn vị mới.",
                    files.len(),
                    or_list(&left, " và ")
                ),
                Lang::En => format!(
                    "{unit} sent {} files, one per former unit it was formed from: {list}. Their figures are not added together: only {used} is used, so {unit}'s figures lack the part of the former {}. Ask {unit} for one form for the whole new unit.",
                    files.len(),
                    or_list(&left, " and ")
                ),
            }
        }
        (Said::SubmissionFormerShort { unit, files, missing }, lang) => {
            let list = files
                .iter()
                .map(|(f, former)| format!("{f} («{former}»)"))
                .collect::<Vec<_>>()
                .join(", ");
            match lang {
                Lang::Vi => format!(
                    "{unit} gửi {} tệp, mỗi tệp của một đơn vị cũ hợp thành: {list}; đơn vị cũ {} không gửi tệp nào. Số liệu các tệp đã gửi được cộng lại, nhưng số của {unit} còn thiếu phần của {}: các số tổng hợp có số của {unit} được đánh dấu (*). Hãy đề nghị {unit} gửi phần của {} (hoặc một biểu chung cho cả đơn vị mới) trước khi trình ký.",
                    files.len(),
                    or_list(missing, " và "),
                    or_list(missing, " và "),
                    or_list(missing, " và ")
                ),
                Lang::En => format!(
                    "{unit} sent {} files, one per former unit it was formed from: {list}; the former {} sent none. The files sent are added together, but {unit}'s figures lack the part of {}: the totals holding {unit}'s figures are marked (*). Ask {unit} for the part of {} (or one form for the whole new unit) before signing.",
                    files.len(),
                    or_list(missing, " and "),
                    or_list(missing, " and "),
                    or_list(missing, " and ")
                ),
            }
        }
        (Said::SubmissionCopiesDiffer { unit, period, files, used, differ, more, by_time }, lang) => {
            let list = files.join(", ");
            let differ = differ.join("; ");
            let more_vi = if *more > 0 { format!(" và {more} số khác") } else { String::new() };
            let more_en = if *more > 0 { format!(" and {more} more") } else { String::new() };
            match (lang, by_time) {
                (Lang::Vi, true) => format!(
                    "{unit} gửi {} tệp cho {} ({list}) mà số liệu khác nhau, chỉ có thời điểm lưu tệp cho biết bản nào sau (thời điểm lưu tệp đính kèm không nói bản nào đúng): {differ}{more_vi}. Tạm dùng tệp {used} (lưu sau cùng); hãy hỏi {unit} số nào đúng trước khi trình ký.",
                    files.len(),
                    period.title_vi(),
                ),
                (Lang::En, true) => format!(
                    "{unit} sent {} files for {} ({list}) whose figures differ, only their saved times telling which is later (the times of saved attachments say nothing of which is right): {differ}{more_en}. Using {used} (saved last) for now; ask {unit} which is right before signing.",
                    files.len(),
                    period.title_en(),
                ),
                (Lang::Vi, false) => format!(
                    "{unit} gửi {} tệp cho {} ({list}) mà số liệu khác nhau, không có gì cho biết bản nào mới hơn (cùng kỳ, cùng lúc lưu, tên không ghi bản sửa): {differ}{}. Tạm dùng tệp {used}; hãy hỏi {unit} số nào đúng trước khi trình ký.",
                    files.len(),
                    period.title_vi(),
                    if *more > 0 { format!(" và {more} số khác") } else { String::new() }
                ),
                (Lang::En, false) => format!(
                    "{unit} sent {} files for {} ({list}) whose figures differ, nothing telling which is newer (the same period, saved at the same time, no revision in the names): {differ}{}. Using {used} for now; ask {unit} which is right before signing.",
                    files.len(),
                    period.title_en(),
                    if *more > 0 { format!(" and {more} more") } else { String::new() }
                ),
            }
        }
        (Said::SubmissionFormerSummed { unit, files }, lang) => {
            let list = files
                .iter()
                .map(|(f, former)| format!("{f} («{former}»)"))
                .collect::<Vec<_>>()
                .join(", ");
            match lang {
                Lang::Vi => format!(
                    "{unit} gửi {} tệp, mỗi tệp của một đơn vị cũ hợp thành: {list}. Các tệp gồm đủ các đơn vị cũ của {unit}, nên số liệu đã được cộng lại thành số của {unit} (tỷ lệ và % được tính lại từ số đã cộng, không cộng); trang «Chi tiết theo đơn vị» ghi số đã cộng. Số nào một tệp để trống thì {unit} coi như chưa có số đó. Lần sau hãy đề nghị {unit} gửi một biểu chung cho cả đơn vị mới.",
                    files.len()
                ),
                Lang::En => format!(
                    "{unit} sent {} files, one per former unit it was formed from: {list}. They cover every former unit of {unit}, so their figures are added together as {unit}'s (rates and percents worked out again from the sums, never added); the sheet «Chi tiết theo đơn vị» shows the sums. A figure one file leaves blank is unknown for {unit}. Next time, ask {unit} for one form for the whole new unit.",
                    files.len()
                ),
            }
        }
        (Said::PeriodCheckedHeaders { unit, stated, period, cell }, Lang::Vi) => format!(
            "{unit}: tiêu đề biểu (ô {cell}) ghi kỳ báo cáo {} nhưng đang kiểm tra cho {}, mà tiêu đề cột số liệu cũng ghi {}. Nếu đây là báo cáo {}, hãy sửa tiêu đề ở ô {cell} thành {}; tiêu đề cột đã đúng.",
            stated.title_vi(),
            period.title_vi(),
            period.title_vi(),
            period.title_vi(),
            period.title_vi()
        ),
        (Said::PeriodCheckedHeaders { unit, stated, period, cell }, Lang::En) => format!(
            "{unit}: the title (cell {cell}) says {} but the file is being checked for {}, which its figure columns' headers say too. If this is the report of {}, correct the title in cell {cell} to {}; the column headers are right.",
            stated.title_en(),
            period.title_en(),
            period.title_en(),
            period.title_en()
        ),
        (Said::PeriodTitleAndName { unit, file, stated, named, cell }, Lang::Vi) => format!(
            "{unit}: tiêu đề biểu (ô {cell}) ghi kỳ báo cáo {} nhưng tên tệp {file} ghi {}; tệp được kiểm tra như báo cáo {} theo tiêu đề. Nếu đây là báo cáo {}, hãy sửa tiêu đề ở ô {cell} thành {} rồi kiểm tra lại; nếu là báo cáo {}, hãy sửa tên tệp.",
            stated.title_vi(),
            named.title_vi(),
            stated.title_vi(),
            named.title_vi(),
            named.title_vi(),
            stated.title_vi()
        ),
        (Said::PeriodTitleAndName { unit, file, stated, named, cell }, Lang::En) => format!(
            "{unit}: the title (cell {cell}) says {} but the file name {file} says {}; the file is checked as the report of {}, as its title says. If this is the report of {}, correct the title in cell {cell} to {} and check again; if it is the report of {}, correct the file name.",
            stated.title_en(),
            named.title_en(),
            stated.title_en(),
            named.title_en(),
            named.title_en(),
            stated.title_en()
        ),
        (Said::SubmissionDuplicate { unit, count, period, file, others, used, why }, lang) => {
            let others = others.join(", ");
            let left_out = *file != *used;
            match lang {
                Lang::Vi => format!(
                    "{unit} gửi {count} tệp cho {}: {file} trùng với {others}. Dùng tệp {used} ({}){}.",
                    period.title_vi(),
                    why.0,
                    if left_out { "; tệp này không được tổng hợp" } else { "" }
                ),
                Lang::En => format!(
                    "{unit} sent {count} files for {}: {file} duplicates {others}. Using {used} ({}){}.",
                    period.title_en(),
                    why.1,
                    if left_out { "; this file is not consolidated" } else { "" }
                ),
            }
        }
        (Said::SubmissionRevised { unit, count, period, used, set_aside, why }, Lang::Vi) => format!(
            "{unit} gửi {count} tệp cho {}: dùng tệp {used} ({}); {} không được tổng hợp. Không cần sửa gì.",
            period.title_vi(),
            why.0,
            set_aside.join(", ")
        ),
        (Said::SubmissionRevised { unit, count, period, used, set_aside, why }, Lang::En) => format!(
            "{unit} sent {count} files for {}: using {used} ({}); {} {} not consolidated. Nothing needs changing.",
            period.title_en(),
            why.1,
            set_aside.join(", "),
            if set_aside.len() == 1 { "is" } else { "are" }
        ),
        (Said::SubmissionParts { unit, period, parts, replaced }, lang) => {
            // A part some of whose indicators a later file replaced (a
            // complete report beside its supplement) is said used whole
            // but those.
            let listed = parts
                .iter()
                .map(|(file, what, instead)| match (instead.is_empty(), lang) {
                    (true, _) => format!("{file} ({what})"),
                    (false, Lang::Vi) => format!(
                        "{file} (dùng cả tệp, trừ {instead} lấy theo tệp gửi sau)"
                    ),
                    (false, Lang::En) => format!(
                        "{file} (the whole file but {instead}, taken from the file sent later)"
                    ),
                })
                .collect::<Vec<_>>()
                .join("; ");
            let n = parts.len();
            match lang {
                Lang::Vi => format!(
                    "{unit} gửi báo cáo {} thành {n} tệp, mỗi tệp một phần các chỉ tiêu (mã chỉ tiêu trong ngoặc): {listed}. Cả {n} tệp đã được tổng hợp cùng nhau, mỗi số liệu lấy từ tệp có nó (chỉ tiêu có ở nhiều tệp lấy theo tệp gửi sau){}. Không cần sửa gì.",
                    period.title_vi(),
                    if replaced.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "; {} đã được các tệp gửi sau thay hết, không được tổng hợp",
                            replaced.join(", ")
                        )
                    }
                ),
                Lang::En => format!(
                    "{unit} sent its report for {} as {n} files, each holding part of the indicators (their codes in brackets): {listed}. All {n} files are consolidated together, each figure taken from the file that holds it (an indicator in several files from the one sent later){}. Nothing needs changing.",
                    period.title_en(),
                    if replaced.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "; {} {} wholly replaced by the files sent later and not consolidated",
                            replaced.join(", "),
                            if replaced.len() == 1 { "is" } else { "are" }
                        )
                    }
                ),
            }
        }
        // «cũ» (old) only for a file of an earlier period than the run's:
        // a later period's report is no old file.
        (Said::PeriodSuperseded { file, unit, stated, period, used }, Lang::Vi) => {
            let old = if earlier(stated, period) { "tệp cũ" } else { "tệp" };
            format!(
                "{unit}: {old} {file} sai kỳ (ghi {}), đã dùng tệp {used} đúng kỳ {}; số liệu của {old} {file} không được tổng hợp. Không cần sửa gì.",
                stated.title_vi(),
                period.title_vi()
            )
        }
        (Said::PeriodSuperseded { file, unit, stated, period, used }, Lang::En) => {
            let old = if earlier(stated, period) { "the old file" } else { "the file" };
            format!(
                "{unit}: {old} {file} is for another period ({}); {used}, of {}, is used and the figures of {file} are not consolidated. Nothing needs changing.",
                stated.title_en(),
                period.title_en()
            )
        }
        (Said::TitleSetAside { file, unit, stated, period, used }, Lang::Vi) => format!(
            "{unit}: tệp {file} có tiêu đề ghi {}, không phải {}, nhưng tệp này không được dùng: đã dùng tệp {used}; số liệu của tệp {file} không được tổng hợp. Không cần sửa gì.",
            stated.title_vi(),
            period.title_vi()
        ),
        (Said::TitleSetAside { file, unit, stated, period, used }, Lang::En) => format!(
            "{unit}: {file} is titled for {}, not {}, but it is not used: {used} is; the figures of {file} are not consolidated. Nothing needs changing.",
            stated.title_en(),
            period.title_en()
        ),
        (Said::SubmissionCopies { unit, count, period, used, copies }, Lang::Vi) => format!(
            "{unit} gửi {count} tệp giống hệt nhau (cùng nội dung) cho {}: {} là bản sao của {used}; dùng tệp {used}, số liệu chỉ tính một lần. Không cần sửa gì.",
            period.title_vi(),
            copies.join(", ")
        ),
        (Said::SubmissionCopies { unit, count, period, used, copies }, Lang::En) => format!(
            "{unit} sent {count} identical files (the same content) for {}: {} {} copies of {used}; using {used}, its figures counted once. Nothing needs changing.",
            period.title_en(),
            copies.join(", "),
            if copies.len() == 1 { "is a" } else { "are" }
        ),
        (Said::SubmissionMissing { unit, period }, Lang::Vi) => {
            format!("{unit} chưa gửi báo cáo {}.", period.title_vi())
        }
        (Said::SubmissionMissing { unit, period }, Lang::En) => {
            format!("{unit} has sent nothing for {}.", period.title_en())
        }
        (Said::SubmissionMissingNamed { unit, period, named, advice }, Lang::Vi) => format!(
            "{unit} chưa có báo cáo {} được đọc: tệp {named} mang tên {unit} nhưng chưa đọc được.{}",
            period.title_vi(),
            spaced(advice)
        ),
        (Said::SubmissionMissingNamed { unit, period, named, advice }, Lang::En) => format!(
            "{unit} has no report read for {}: {named} bears {unit}'s name but was not read.{}",
            period.title_en(),
            spaced(advice)
        ),
        (Said::UnitSentArchive { unit, file, period }, Lang::Vi) => format!(
            "Văn phòng đã nhận tệp nén {file} mang tên {unit} gửi báo cáo {} nhưng không mở được loại tệp nén này. Báo cáo của {unit} chưa được tổng hợp. Đề nghị {unit} gửi trực tiếp tệp báo cáo Excel (.xlsx), không nén.",
            period.in_sentence_vi()
        ),
        (Said::UnitSentArchive { unit, file, period }, Lang::En) => format!(
            "The office received the compressed file {file} bearing {unit}'s name for {} but cannot open this kind of archive. {unit}'s report is not consolidated yet. Please send the report's Excel file (.xlsx) itself, not compressed.",
            period.title_en()
        ),
        (Said::UnitSentNotSpreadsheet { unit, file, what, period }, Lang::Vi) => format!(
            "Văn phòng đã nhận tệp {file} mang tên {unit} gửi báo cáo {} nhưng không đọc được: {what}. Báo cáo của {unit} chưa được tổng hợp. Đề nghị {unit} gửi bảng tính Excel (.xlsx) của báo cáo theo biểu mẫu của kỳ này.",
            period.in_sentence_vi()
        ),
        (Said::UnitSentNotSpreadsheet { unit, file, what, period }, Lang::En) => format!(
            "The office received {file} bearing {unit}'s name for {} but cannot read it: {what}. {unit}'s report is not consolidated yet. Please send the report's Excel workbook (.xlsx) on this period's form.",
            period.title_en()
        ),
        (Said::UnitSentNothing { unit, period }, Lang::Vi) => format!(
            "Văn phòng chưa nhận được báo cáo {} của {unit}. Đề nghị {unit} gửi báo cáo theo biểu mẫu của kỳ này.",
            period.in_sentence_vi()
        ),
        (Said::UnitSentNothing { unit, period }, Lang::En) => format!(
            "The office has received no report for {} from {unit}. Please send the report on this period's form.",
            period.title_en()
        ),
        (Said::SubmissionMissingUnplaced { unit, period, files, fitting }, Lang::Vi) => {
            let files = files.join(", ");
            let p = period.title_vi();
            if *fitting {
                format!("{unit} chưa gửi báo cáo {p} rõ ràng: tệp {files} có thể là của {unit} (xem cảnh báo «không rõ đơn vị» của tệp). Hãy hỏi lại {unit}.")
            } else {
                format!("{unit} chưa gửi báo cáo {p}, trừ khi tệp không rõ đơn vị gửi ({files}) là của {unit}. Hãy xem các tệp này.")
            }
        }
        (Said::SubmissionMissingUnplaced { unit, period, files, fitting }, Lang::En) => {
            let files = files.join(", ");
            let p = period.title_en();
            if *fitting {
                format!("{unit} has sent nothing for {p} that is surely its own: {files} may be {unit}'s (see the file's unknown-unit finding). Ask {unit}.")
            } else {
                format!("{unit} has sent nothing for {p}, unless a file of unknown sender ({files}) is {unit}'s. Look at these files.")
            }
        }
        (Said::SubmissionByUnit { unit, file, sheet, count, example, across: true }, Lang::Vi) => format!(
            "{unit} gửi tệp {file} nhưng bảng ở trang «{sheet}» là bảng chi tiết theo đơn vị: mỗi cột một đơn vị ({count} cột, ví dụ «{example}»), không phải số của cả {unit}. Loại bảng này không được tổng hợp, nên không số liệu nào của tệp được tính: coi như chưa nộp báo cáo. Hãy gửi biểu tổng hợp của {unit} (mỗi dòng một chỉ tiêu, một cột cho mỗi loại số liệu)."
        ),
        (Said::SubmissionByUnit { unit, file, sheet, count, example, across: true }, Lang::En) => format!(
            "{unit} sent {file}, but the table of sheet «{sheet}» is a detail table by unit: one column per unit ({count} columns, such as «{example}»), not {unit}'s own figures. Such a table is not consolidated, so not one figure of the file is counted: as good as not sent. Send {unit}'s consolidated form (one row per indicator, one column per kind of figure)."
        ),
        (Said::SubmissionByUnit { unit, file, sheet, count, example, .. }, Lang::Vi) => format!(
            "{unit} gửi tệp {file} nhưng bảng ở trang «{sheet}» là bảng theo đơn vị: mỗi dòng một đơn vị ({count} dòng, ví dụ «{example}»), mỗi cột một chỉ tiêu. Loại bảng này không được tổng hợp, nên không số liệu nào của tệp được tính: coi như chưa nộp báo cáo. Hãy ghi số liệu vào biểu mẫu (mỗi dòng một chỉ tiêu) rồi gửi lại."
        ),
        (Said::SubmissionByUnit { unit, file, sheet, count, example, .. }, Lang::En) => format!(
            "{unit} sent {file}, but the table of sheet «{sheet}» is a table by unit: one row per unit ({count} rows, such as «{example}»), one column per indicator. Such a table is not consolidated, so not one figure of the file is counted: as good as not sent. Write the figures in the form (one row per indicator) and send it again."
        ),
        (Said::SubmissionEmpty { unit, file }, Lang::Vi) => format!(
            "{unit} gửi tệp {file} nhưng chưa ghi số liệu nào (biểu mẫu còn trống): coi như chưa nộp báo cáo. Hãy ghi số liệu rồi gửi lại."
        ),
        (Said::SubmissionEmpty { unit, file }, Lang::En) => format!(
            "{unit} sent {file} without a single figure (the form is blank): as good as not sent. Fill in the figures and send it again."
        ),
        (Said::PeriodMissing { unit, period }, Lang::Vi) => format!(
            "Tiêu đề biểu của {unit} không ghi kỳ báo cáo; coi như {}. Hãy ghi kỳ báo cáo ở dòng tiêu đề (ví dụ «{}»).",
            period.title_vi(),
            period.title_vi().to_uppercase()
        ),
        (Said::PeriodMissing { unit, period }, Lang::En) => format!(
            "The title of {unit}'s form names no period; taken as {}. Write the period in the title (e.g. «{}»).",
            period.title_en(),
            period.title_vi().to_uppercase()
        ),
        _ => String::new(),
    }
}

/// The words of the indicators a form names.
fn indicators(s: &Said, lang: Lang) -> String {
    match (s, lang) {
        (Said::NameApproximate { name, code, catalog, alike }, Lang::Vi) => format!(
            "Tên chỉ tiêu «{name}» được hiểu là {code} «{catalog}» (giống {alike:.0}%). Nếu sai, hãy sửa tên cho đúng danh mục."
        ),
        (Said::NameApproximate { name, code, catalog, alike }, Lang::En) => format!(
            "Indicator name «{name}» was read as {code} «{catalog}» ({alike:.0}% alike). If that is wrong, correct the name to the catalog's."
        ),
        (Said::NamePart { name, code, catalog }, Lang::Vi) => format!(
            "Dòng «{name}» được hiểu là {code} «{catalog}», phần của chỉ tiêu ở dòng trên. Nếu sai, hãy ghi tên đầy đủ theo danh mục."
        ),
        (Said::NamePart { name, code, catalog }, Lang::En) => format!(
            "Row «{name}» was read as {code} «{catalog}», a part of the indicator above it. If that is wrong, write the catalog's full name."
        ),
        (Said::NameParts { count, examples }, Lang::Vi) => format!(
            "{count} dòng ghi tên ngắn dưới chỉ tiêu ở dòng trên được hiểu là phần của chỉ tiêu đó ({examples}). Nếu có dòng hiểu sai, hãy ghi tên đầy đủ theo danh mục."
        ),
        (Said::NameParts { count, examples }, Lang::En) => format!(
            "{count} rows named briefly under the indicator above them were read as its parts ({examples}). If one is read wrongly, write the catalog's full name."
        ),
        (Said::CodeApproximate { written, code, catalog }, Lang::Vi) => format!(
            "Mã «{written}» được hiểu là mã {code} «{catalog}» của danh mục (chỉ khác cách viết). Nếu sai, hãy sửa mã cho đúng danh mục."
        ),
        (Said::CodeApproximate { written, code, catalog }, Lang::En) => format!(
            "Code «{written}» was read as the catalog's {code} «{catalog}» (written another way). If that is wrong, correct the code to the catalog's."
        ),
        (Said::CodeOfAnother { written, name, unit, code, catalog, catalog_unit }, Lang::Vi) => format!(
            "Dòng mã «{written}» «{name}» (ĐVT {unit}) không phải chỉ tiêu {code} «{catalog}» ({catalog_unit}) của danh mục: tên và đơn vị tính đều khác hẳn, nên số liệu của dòng không được tổng hợp. Nếu tệp là biểu mẫu của cơ quan khác, hãy kiểm tra bằng mẫu biểu của cơ quan đó; nếu không, hãy ghi đúng mã và tên chỉ tiêu trong danh mục."
        ),
        (Said::CodeOfAnother { written, name, unit, code, catalog, catalog_unit }, Lang::En) => format!(
            "Row coded «{written}» «{name}» (unit «{unit}») is not the catalog's indicator {code} «{catalog}» (unit «{catalog_unit}»): its name and unit are both altogether different, so its figures are not consolidated. If the file is another office's form, check it with that office's template; otherwise write the indicator's catalog code and name."
        ),
        (Said::IndicatorUnknown { shown, nearest: None }, Lang::Vi) => format!(
            "Dòng «{shown}» có số liệu nhưng không khớp chỉ tiêu nào trong danh mục; số liệu của dòng không được tổng hợp. Hãy ghi đúng tên hoặc mã chỉ tiêu."
        ),
        (Said::IndicatorUnknown { shown, nearest: Some(n) }, Lang::Vi) => format!(
            "Dòng «{shown}» có số liệu nhưng không khớp chỉ tiêu nào trong danh mục; số liệu của dòng không được tổng hợp. Nếu đây là chỉ tiêu {n}, hãy ghi đúng tên hoặc mã chỉ tiêu đó; nếu là chỉ tiêu khác, hãy ghi tên hoặc mã của chỉ tiêu trong danh mục."
        ),
        (Said::IndicatorUnknown { shown, nearest: None }, Lang::En) => format!(
            "Row «{shown}» has figures but matches no catalog indicator; its figures are not consolidated. Write the indicator's catalog name or code."
        ),
        (Said::IndicatorUnknown { shown, nearest: Some(n) }, Lang::En) => format!(
            "Row «{shown}» has figures but matches no catalog indicator; its figures are not consolidated. If it is indicator {n}, write that indicator's name or code; if it is another, write its catalog name or code."
        ),
        (Said::IndicatorDetailItem { shown, heading }, Lang::Vi) => format!(
            "Dòng «{shown}» là một mục của danh sách chi tiết «{heading}» (một dự án, công trình), không phải chỉ tiêu trong danh mục: số liệu của dòng này không được tổng hợp. Không cần sửa gì."
        ),
        (Said::IndicatorDetailItem { shown, heading }, Lang::En) => format!(
            "Row «{shown}» is an item of the list of details «{heading}» (a project, a work), not a catalog indicator: its figures are not consolidated. Nothing needs changing."
        ),
        (Said::IndicatorBreakdown { shown, code, name }, Lang::Vi) => format!(
            "Dòng «{shown}» là phần chi tiết của chỉ tiêu {code} «{name}» ở dòng trên, không có trong danh mục: số liệu của dòng này không được tổng hợp, số liệu của {code} vẫn được đọc. Không cần sửa gì."
        ),
        (Said::IndicatorBreakdown { shown, code, name }, Lang::En) => format!(
            "Row «{shown}» is a breakdown of indicator {code} «{name}» above it that the catalog does not list: its figures are not consolidated, while {code}'s are read. Nothing needs changing."
        ),
        (Said::IndicatorAmbiguous { shown, codes }, Lang::Vi) => format!(
            "Dòng «{shown}» có số liệu nhưng danh mục đặt tên này cho nhiều chỉ tiêu ({codes}) và vị trí của dòng không cho biết là chỉ tiêu nào; số liệu của dòng không được tổng hợp. Hãy đặt dòng ngay dưới chỉ tiêu mà nó là một phần, hoặc ghi mã chỉ tiêu."
        ),
        (Said::IndicatorAmbiguous { shown, codes }, Lang::En) => format!(
            "Row «{shown}» has figures, but the catalog gives this name to several indicators ({codes}) and the row's place does not tell which; its figures are not consolidated. Put the row right under the indicator it is a part of, or write the indicator's code."
        ),
        (Said::IndicatorRepeated { code, name, written: "" }, Lang::Vi) => format!(
            "Chỉ tiêu {code} «{name}» xuất hiện lần thứ hai; chỉ lấy số liệu của dòng đầu tiên."
        ),
        (Said::IndicatorRepeated { code, name, written: "" }, Lang::En) => format!(
            "Indicator {code} «{name}» appears a second time; only the first row's figures are used."
        ),
        (Said::IndicatorRepeated { code, name, written }, Lang::Vi) => format!(
            "Chỉ tiêu {code} «{name}» xuất hiện lần thứ hai, ở dòng ghi «{written}»; chỉ lấy số liệu của dòng đầu tiên. Nếu dòng này là chỉ tiêu khác, hãy sửa mã hoặc tên cho đúng danh mục."
        ),
        (Said::IndicatorRepeated { code, name, written }, Lang::En) => format!(
            "Indicator {code} «{name}» appears a second time, on the row named «{written}»; only the first row's figures are used. If this row is another indicator, correct its code or name to the catalog's."
        ),
        (Said::CodeStoredAsNumber { stored, code, name }, Lang::Vi) => format!(
            "Mã {code} bị Excel đổi thành số {stored} (mã của chỉ tiêu khác); dòng «{name}» được đọc theo tên là chỉ tiêu {code}. Hãy định dạng cột mã là văn bản (Text) và ghi lại mã {code}."
        ),
        (Said::CodeStoredAsNumber { stored, code, name }, Lang::En) => format!(
            "Code {code} was turned by Excel into the number {stored} (another indicator's code); the row «{name}» was read by its name as indicator {code}. Format the code column as Text and type the code {code} again."
        ),
        (Said::CodeNameDisagree { written, name, code, catalog, other }, Lang::Vi) => format!(
            "Dòng mã «{written}» ghi tên «{name}», là tên của chỉ tiêu {other}, không phải của {code} «{catalog}»; số liệu của dòng được lấy theo mã, là chỉ tiêu {code}. Hãy kiểm tra lại mã hoặc tên của dòng."
        ),
        (Said::CodeNameDisagree { written, name, code, catalog, other }, Lang::En) => format!(
            "The row coded «{written}» is named «{name}», the name of indicator {other}, not of {code} «{catalog}»; its figures were read by its code, as {code}. Check the row's code or name."
        ),
        (Said::CodeNameByName { written, name, code, catalog, other, row }, Lang::Vi) => format!(
            "Dòng mã «{written}» ghi tên «{name}», là tên của chỉ tiêu {other}; chỉ tiêu {code} «{catalog}» đã có dòng riêng (dòng {row}), nên số liệu của dòng được lấy theo tên, là chỉ tiêu {other}. Hãy sửa mã của dòng thành {other}."
        ),
        (Said::CodeNameByName { written, name, code, catalog, other, row }, Lang::En) => format!(
            "The row coded «{written}» is named «{name}», the name of indicator {other}; indicator {code} «{catalog}» has a row of its own (row {row}), so this row's figures were read by its name, as {other}. Correct the row's code to {other}."
        ),
        (Said::IndicatorRepeatedHidden { code, name, hidden, used }, Lang::Vi) => format!(
            "Chỉ tiêu {code} «{name}» có hai dòng: dòng {hidden} đang bị ẩn nên không được lấy; số liệu lấy ở dòng {used} (dòng đang hiện). Nếu dòng ẩn là bản nháp hay số cũ, hãy xóa dòng đó."
        ),
        (Said::IndicatorRepeatedHidden { code, name, hidden, used }, Lang::En) => format!(
            "Indicator {code} «{name}» has two rows: row {hidden} is hidden and is not read; the figures are taken from row {used}, the visible one. If the hidden row is a draft or old figures, delete it."
        ),
        (Said::SheetByUnit { sheet, count, example, across: true }, Lang::Vi) => format!(
            "Trang «{sheet}» là bảng chi tiết theo đơn vị: mỗi cột một đơn vị ({count} cột, ví dụ «{example}»), không phải số của cả đơn vị gửi báo cáo. Loại bảng này không được tổng hợp, nên trang không được đọc; số liệu của tệp lấy ở trang khác."
        ),
        (Said::SheetByUnit { sheet, count, example, across: true }, Lang::En) => format!(
            "Sheet «{sheet}» is a detail table by unit: one column per unit ({count} columns, such as «{example}»), not the sending unit's own figures. Such a table is not consolidated, so the sheet is not read; the file's figures are taken from its other sheets."
        ),
        (Said::SheetByUnit { sheet, count, example, .. }, Lang::Vi) => format!(
            "Trang «{sheet}» là bảng theo đơn vị: mỗi dòng một đơn vị ({count} dòng, ví dụ «{example}»), mỗi cột một chỉ tiêu. Loại bảng này không được tổng hợp, nên trang không được đọc; số liệu của tệp lấy ở trang khác. Nếu số liệu của trang này cần báo cáo, hãy ghi vào biểu mẫu (mỗi dòng một chỉ tiêu)."
        ),
        (Said::SheetByUnit { sheet, count, example, .. }, Lang::En) => format!(
            "Sheet «{sheet}» is a table by unit: one row per unit ({count} rows, such as «{example}»), one column per indicator. Such a table is not consolidated, so the sheet is not read; the file's figures are taken from its other sheets. If this sheet's figures are to be reported, write them in the form (one row per indicator)."
        ),
        (Said::SheetUnrelated { sheet, count, example }, Lang::Vi) => format!(
            "Trang «{sheet}» có bảng {count} dòng có số liệu nhưng không dòng nào là chỉ tiêu của danh mục (ví dụ «{example}»): có lẽ là bảng tính riêng của đơn vị, không phải báo cáo, nên không được đọc. Nếu đây là số liệu cần báo cáo, hãy ghi vào biểu mẫu."
        ),
        (Said::SheetUnrelated { sheet, count, example }, Lang::En) => format!(
            "Sheet «{sheet}» has a table of {count} rows with figures, none of them an indicator of the catalog (such as «{example}»): likely the unit's own working table, not the report, so it is not read. If these figures are to be reported, write them in the form."
        ),
        (Said::IndicatorUnknownHidden { shown }, Lang::Vi) => format!(
            "Dòng «{shown}» đang bị ẩn và không khớp chỉ tiêu nào trong danh mục: dòng này không được đọc, số liệu của nó không được tổng hợp. Nếu đây là số liệu phải báo cáo, hãy bỏ ẩn dòng và ghi đúng tên hoặc mã chỉ tiêu."
        ),
        (Said::IndicatorUnknownHidden { shown }, Lang::En) => format!(
            "Row «{shown}» is hidden and matches no catalog indicator: it is not read, and its figures are not consolidated. If they must be reported, unhide the row and write the indicator's catalog name or code."
        ),
        (Said::RowBlank { unit, code, name }, Lang::Vi) => format!(
            "{unit} để trống cả dòng {code} «{name}»: ô trống không được coi là 0, nên tổng toàn địa bàn chưa gồm số của đơn vị. Hãy ghi số liệu (ghi 0 nếu không phát sinh)."
        ),
        (Said::RowBlank { unit, code, name }, Lang::En) => format!(
            "{unit} left the whole row {code} «{name}» blank: an empty cell is not 0, so the area's totals lack this unit's figure. Write the figures (0 when nothing happened)."
        ),
        (Said::RowNoneNoted { unit, code, name, note }, Lang::Vi) => format!(
            "{unit} để trống cả dòng {code} «{name}» và ghi chú «{note}»: dòng này được đọc là 0 (không phát sinh) và được tổng hợp như vậy."
        ),
        (Said::RowNoneNoted { unit, code, name, note }, Lang::En) => format!(
            "{unit} left the whole row {code} «{name}» blank with the note «{note}»: the row is read as 0 (nothing happened) and consolidated so."
        ),
        (Said::FigureIncomplete { unit, code, name, column, cell, note, counted: true }, Lang::Vi) => format!(
            "{unit}: số {code} «{name}» ở cột {column} (ô {cell}) có dấu (*), theo ghi chú của đơn vị là số chưa đầy đủ: «{note}». Số này vẫn được tổng hợp, nhưng số tổng có dấu (*) chưa gồm phần còn thiếu. Hãy xin {unit} số đầy đủ trước khi trình ký."
        ),
        (Said::FigureIncomplete { unit, code, name, column, cell, note, counted: true }, Lang::En) => format!(
            "{unit}: the figure of {code} «{name}» in column {column} (cell {cell}) is marked (*), and the unit's note says it is incomplete: «{note}». It is consolidated, but the total marked (*) lacks the rest. Ask {unit} for the whole figure before signing."
        ),
        (Said::FigureIncomplete { unit, code, name, column, cell, note, counted: false }, Lang::Vi) => format!(
            "{unit}: số {code} «{name}» ở cột {column} (ô {cell}) có dấu (*), theo ghi chú của đơn vị là số chưa đầy đủ: «{note}». Số tổng hợp được cộng từ báo cáo của các đơn vị cấp dưới, không lấy số này, nên không thiếu phần đó; số này chỉ được đối chiếu với tổng của họ. Hãy xin {unit} số đầy đủ."
        ),
        (Said::FigureIncomplete { unit, code, name, column, cell, note, counted: false }, Lang::En) => format!(
            "{unit}: the figure of {code} «{name}» in column {column} (cell {cell}) is marked (*), and the unit's note says it is incomplete: «{note}». The consolidated figure is the sum of the reporting units' own reports, not this one, so it lacks nothing; this figure is only compared with their sum. Ask {unit} for the whole figure."
        ),
        (Said::IndicatorMissing { unit, count, named, more }, lang) => {
            let more = if *more > 0 { format!(" (+{more})") } else { String::new() };
            let named = named.join(", ");
            match lang {
                Lang::Vi => format!("Biểu của {unit} thiếu {count} chỉ tiêu phải báo cáo: {named}{more}. Hãy bổ sung các dòng này và ghi số liệu (ghi 0 nếu không phát sinh)."),
                Lang::En => {
                    let n = lang.count(*count, ("", "indicator", "indicators"));
                    format!("{unit}'s form lacks {n} it must report: {named}{more}. Add these rows with their figures (0 when nothing happened).")
                }
            }
        }
        _ => String::new(),
    }
}

/// A sentence after another, or nothing when it is empty.
fn spaced(sentence: &str) -> String {
    match sentence {
        "" => String::new(),
        s => format!(" {s}"),
    }
}

/// The unknown-unit message's suggestion: " Gần nhất trong danh sách:
/// Thôn 7, Bản 7 — nếu đúng là đơn vị này, hãy ghi đúng tên ấy." (empty
/// when nothing is near).
fn nearest_vi(nearest: &str) -> String {
    if nearest.is_empty() {
        return String::new();
    }
    format!(
        " Tên gần nhất trong danh sách: {nearest}; nếu đúng là đơn vị này, hãy ghi đúng tên ấy."
    )
}

/// [`nearest_vi`] in English.
fn nearest_en(nearest: &str) -> String {
    if nearest.is_empty() {
        return String::new();
    }
    format!(" Nearest in the registry: {nearest}; if it is this unit, write its name so.")
}

/// Does `a` end before `b` does (an older report: «Quý III/2026» or
/// «Tháng 10/2026» before «Quý IV/2026»)?
fn earlier(a: &Period, b: &Period) -> bool {
    (a.year, a.last_month()) < (b.year, b.last_month())
}

/// The level words a name fitting `fits` alike may have left out, as a
/// message quotes them: «tỉnh», «thành phố» when one of the units is a
/// province or a city ("Tỉnh Lai Châu", "Thành phố Lai Châu" for "Lai
/// Chau"), else «xã», «phường».
fn level_words_left_out(fits: &[String]) -> String {
    let mut words: Vec<&str> = Vec::new();
    for w in fits.iter().filter_map(|n| crate::template::kind_word_of(n)) {
        if !words.contains(&w) {
            words.push(w);
        }
    }
    if !words.iter().any(|w| ["tỉnh", "thành phố"].contains(w)) {
        words = vec!["xã", "phường"];
    }
    words
        .iter()
        .map(|w| format!("«{w}»"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_facts_of_a_finding_are_put_in_either_language() {
        let q1: Period = "2020-Q1".parse().unwrap();
        let said = Said::SubmissionMissing {
            unit: "Phường 7",
            period: q1,
        };
        assert_eq!(said.code(), Code::SubmissionMissing);
        assert_eq!(
            said.words(Lang::Vi),
            "Phường 7 chưa gửi báo cáo Quý I/2020."
        );
        assert_eq!(
            said.words(Lang::En),
            "Phường 7 has sent nothing for Q1 2020."
        );
        let named = vec!["KT03 «Doanh nghiệp thành lập mới»".to_string()];
        let said = Said::IndicatorMissing {
            unit: "Phường 5",
            count: 6,
            named: &named,
            more: 5,
        };
        assert_eq!(
            said.words(Lang::En),
            "Phường 5's form lacks 6 indicators it must report: KT03 «Doanh nghiệp thành lập mới» (+5). Add these rows with their figures (0 when nothing happened)."
        );
    }
}
