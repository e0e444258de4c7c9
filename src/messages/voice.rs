//! One voice, checked on the catalog itself: one sample of every fact of
//! every [`Words`] type, put in words in both languages. The Vietnamese
//! words hold no English word a clerk would read, the English words no
//! Vietnamese letter (outside «…» quotations and the sample names passed
//! in), and every finding code is said by some fact.

use super::*;
use crate::model::{Period, ValueColumn};
use crate::rules::expr::RuleProblem;
use crate::template::LevelWords;

/// The names the samples pass in: a clerk's own words, left as they are
/// in either language.
const NAMES: &[&str] = &[
    "Phường 7",
    "phuong-07.xlsx",
    "phuong-07 (bản sửa).xlsx",
    "HC02 Hồ sơ đã giải quyết",
    "Hồ sơ đã giải quyết",
    "đúng hạn 1.204 + trễ hạn 77",
    "đúng hạn",
    "đã giải quyết",
    "tệp rỗng (0 byte)",
    "Hãy gửi lại tệp.",
    "tên tệp xếp sau cùng",
    "công thức viết theo kiểu R1C1",
    "Phường 1: 120; Phường 2: 180",
    "Phường 10",
    "quận",
    "phường",
    "triệu đồng",
    "đồng",
    "Quý III/2019",
    "sớm",
    "Văn phòng",
    "Xã An Điền",
    "Xã Long Điền",
    "/lít",
];

fn level() -> LevelWords {
    LevelWords {
        area_vi: "quận".into(),
        area_en: "district".into(),
        units_vi: "phường".into(),
        units_en: "wards".into(),
    }
}

fn intake<'a>(q1: Period, q4: Period, others: &'a [String]) -> Vec<Said<'a>> {
    let unit = "Phường 7";
    let file = "phuong-07.xlsx";
    vec![
        Said::FileSkipped {
            file,
            what: "tệp rỗng (0 byte)",
            advice: "",
        },
        Said::FileSkipped {
            file,
            what: "tệp rỗng (0 byte)",
            advice: "Hãy gửi lại tệp.",
        },
        Said::FileUnreadable {
            file,
            what: "tệp rỗng (0 byte)",
            advice: "Hãy gửi lại tệp.",
        },
        Said::FileUnknownUnit {
            file,
            named: "UBND PHƯỜNG 17",
            example: "UBND PHƯỜNG 1",
            checked: false,
            nearest: "",
        },
        Said::FileUnknownUnit {
            file,
            named: "ỦY BAN NHÂN DÂN PHƯỜNG ......",
            example: "UBND PHƯỜNG 1",
            checked: true,
            nearest: "Phường 7",
        },
        Said::TitleNamesAnother {
            file,
            titled: "UBND XÃ THANH LƯƠNG",
            unit,
        },
        Said::TitleNamesOtherBody {
            file,
            titled: "PHÒNG KINH TẾ",
            unit,
            by_folder: false,
            example: "UBND XÃ LONG THÀNH",
        },
        Said::TitleAndName {
            file,
            titled: "Phường 12",
            named: unit,
            used: unit,
            other: Some("phuong-12.xlsx"),
            checked: false,
        },
        Said::TitleAndName {
            file,
            titled: "Phường 12",
            named: unit,
            used: "Phường 12",
            other: None,
            checked: true,
        },
        Said::UnitAmbiguous {
            file,
            text: "UBND XA TAN PHU",
            fits: others,
            settled: None,
            namesakes: false,
            former: None,
            code: None,
        },
        Said::UnitAmbiguous {
            file,
            text: "UBND XÃ LONG ĐIỀN (CŨ)",
            fits: others,
            settled: None,
            namesakes: false,
            former: Some("Xã Long Điền"),
            code: None,
        },
        Said::UnitAmbiguous {
            file,
            text: "07_Phuong 10",
            fits: others,
            settled: None,
            namesakes: false,
            former: None,
            code: Some(("07", unit)),
        },
        Said::SubmissionFormerOnly {
            unit,
            file,
            former: "Xã An Điền",
            formers: others,
            checked: false,
        },
        Said::SubmissionFormerOnly {
            unit,
            file,
            former: "Xã An Điền",
            formers: others,
            checked: true,
        },
        Said::SubmissionFormerParts {
            unit,
            files: Box::leak(Box::new([
                ("phuong-07.xlsx".to_string(), "Xã An Điền".to_string()),
                (
                    "phuong-07 (bản sửa).xlsx".to_string(),
                    "Xã Long Điền".to_string(),
                ),
            ])),
            used: "phuong-07 (bản sửa).xlsx",
        },
        Said::SubmissionFormerShort {
            unit,
            files: Box::leak(Box::new([
                ("An Dien cu.xlsx".to_string(), "Xã An Điền".to_string()),
                ("Tan Dinh cu.xlsx".to_string(), "Xã Tân Định".to_string()),
            ])),
            missing: Box::leak(Box::new(["Xã Long Điền".to_string()])),
        },
        Said::SubmissionCopiesDiffer {
            unit,
            period: q1,
            files: Box::leak(Box::new([
                "phuong-07.xlsx".to_string(),
                "phuong-07 (bản sửa).xlsx".to_string(),
            ])),
            used: "phuong-07 (bản sửa).xlsx",
            differ: Box::leak(Box::new([
                "HC02 TH: 700 (phuong-07.xlsx › Sheet1 › E7) / 760 (phuong-07 (bản sửa).xlsx › Sheet1 › E7)".to_string(),
            ])),
            more: 2,
            by_time: false,
        },
        Said::SubmissionFormerSummed {
            unit,
            files: Box::leak(Box::new([
                ("An Dien cu.xlsx".to_string(), "Xã An Điền".to_string()),
                ("Tan Dinh cu.xlsx".to_string(), "Xã Tân Định".to_string()),
            ])),
        },
        Said::UnitLooselyNamed {
            file,
            unit,
            line: "THÔN BA",
            words: Box::leak(Box::new(["BA".to_string()])),
        },
        Said::UnitTitleGoesOn {
            file,
            unit,
            line: "THÔN ĐÔNG SƠN",
        },
        Said::UnitFromClue {
            file,
            unit,
            clue: crate::messages::Clue::Folder("Phường 7"),
            fits: &[],
            namesakes: false,
        },
        Said::SubmissionMissingUnplaced {
            unit,
            period: q1,
            files: others,
            fitting: false,
        },
        Said::PeriodMismatch {
            file,
            unit,
            stated: q4,
            period: q1,
        },
        Said::PeriodChecked {
            unit,
            stated: q4,
            period: q1,
        },
        Said::PeriodCheckedHeaders {
            unit,
            stated: q4,
            period: q1,
            cell: "A4",
        },
        Said::PeriodTitleAndName {
            unit,
            file,
            stated: q4,
            named: q1,
            cell: "A4",
        },
        Said::PeriodSemester {
            unit,
            stated: crate::model::Period {
                year: 2026,
                span: crate::model::PeriodSpan::FirstSemester,
            },
            period: crate::model::Period {
                year: 2026,
                span: crate::model::PeriodSpan::FirstHalf,
            },
        },
        Said::SubmissionDuplicate {
            unit,
            count: 2,
            period: q1,
            file,
            others,
            used: "phuong-07 (bản sửa).xlsx",
            why: ("tên tệp xếp sau cùng", "its name sorts last"),
        },
        Said::SubmissionRevised {
            unit,
            count: 3,
            period: q1,
            used: "Bao cao Q1 - sua lan 2.xlsx",
            set_aside: Vec::leak(vec![
                "Bao cao Q1.xlsx".to_string(),
                "Bao cao Q1 ban sua.xlsx".to_string(),
            ]),
            why: ("tên tệp ghi «sua lan 2»", "its name says «sua lan 2»"),
        },
        Said::SubmissionParts {
            unit,
            period: q1,
            parts: Vec::leak(vec![
                (
                    "Bao cao Q1 - Kinh te.xlsx".to_string(),
                    "KT.01, KT.02, KT.03".to_string(),
                    String::new(),
                ),
                (
                    "Bao cao Q1 - Van hoa xa hoi.xlsx".to_string(),
                    "VX.01, VX.02".to_string(),
                    "KT.01".to_string(),
                ),
            ]),
            replaced: Vec::leak(vec!["Bao cao Q1.xlsx".to_string()]),
        },
        Said::PeriodSuperseded {
            file: "Bao cao (ban cu).xlsx",
            unit,
            stated: q4,
            period: q1,
            used: "Gui lai/Bao cao.xlsx",
        },
        Said::TitleSetAside {
            file: "Bao cao Q1 (ban cu).xlsx",
            unit,
            stated: q4,
            period: q1,
            used: "Bao cao Q1 - sua lan 2.xlsx",
        },
        Said::SubmissionCopies {
            unit,
            count: 3,
            period: q1,
            used: "Zalo Received Files/Bao cao Q1.xlsx",
            copies: Vec::leak(vec![
                "Zalo Received Files/Bao cao Q1 (1).xlsx".to_string(),
                "Zalo Received Files/Bao cao Q1 (3).xlsx".to_string(),
            ]),
        },
        Said::NameApproximate {
            name: "Hồ sơ đã giải quyết",
            code: "HC02",
            catalog: "Hồ sơ đã giải quyết",
            alike: 93.0,
        },
        Said::SheetUnrelated {
            sheet: "Sheet1",
            count: 2,
            example: "Khu phố 1",
        },
        Said::SheetByUnit {
            sheet: "Theo phường",
            count: 16,
            example: "Phường 1",
            across: false,
        },
        Said::SheetByUnit {
            sheet: "Theo phường",
            count: 16,
            example: "Phường 1",
            across: true,
        },
        Said::SubmissionByUnit {
            unit,
            file,
            sheet: "Sheet1",
            count: 16,
            example: "Phường 1",
            across: false,
        },
        Said::SubmissionByUnit {
            unit,
            file,
            sheet: "Sheet1",
            count: 16,
            example: "Phường 1",
            across: true,
        },
        Said::CommuneForUnit {
            file,
            named: "UBND XÃ AN ĐIỀN",
            unit,
            archive: true,
            example: "UBND PHƯỜNG 7",
        },
        Said::CommuneForUnit {
            file,
            named: "UBND XÃ AN ĐIỀN",
            unit,
            archive: false,
            example: "UBND PHƯỜNG 7",
        },
        Said::FigureIncomplete {
            unit,
            code: "HC02",
            name: "Hồ sơ đã giải quyết",
            column: "TH",
            cell: "E28",
            note: "Hãy gửi lại tệp.",
            counted: true,
        },
        Said::FigureIncomplete {
            unit,
            code: "HC02",
            name: "Hồ sơ đã giải quyết",
            column: "TH",
            cell: "E28",
            note: "Hãy gửi lại tệp.",
            counted: false,
        },
        Said::NamePart {
            name: "- Mầm non",
            code: "GD.01a",
            catalog: "Trường mầm non",
        },
        Said::NameParts {
            count: 13,
            examples:
                "«- Mầm non» → GD.01a «Trường mầm non»; «- Tiểu học» → GD.01b «Trường tiểu học»; …",
        },
        Said::CodeApproximate {
            written: "HC 02",
            code: "HC02",
            catalog: "Hồ sơ đã giải quyết",
        },
        Said::IndicatorUnknown {
            shown: "Số hộ gia đình văn hóa",
            nearest: None,
        },
        Said::CodeOfAnother {
            written: "YT.02",
            name: "Trẻ em dưới 1 tuổi thuộc diện tiêm chủng",
            unit: "trẻ",
            code: "YT02",
            catalog: "Lượt khám bảo hiểm y tế tại trạm y tế phường",
            catalog_unit: "lượt người",
        },
        Said::IndicatorUnknown {
            shown: "Số hộ nghèo đa chiều",
            nearest: Some("GN01 «Số hộ nghèo»"),
        },
        Said::IndicatorBreakdown {
            shown: "- Cơ sở sản xuất, chế biến",
            code: "YT23",
            name: "Cơ sở thực phẩm được kiểm tra",
        },
        Said::IndicatorDetailItem {
            shown: "Cầu Hòa Lợi trên tuyến ĐH.12",
            heading: "II. CHI TIẾT GIẢI NGÂN CÁC DỰ ÁN",
        },
        Said::IndicatorAmbiguous {
            shown: "Trong đó: Nữ",
            codes: "LD.01.3, LD.02.1",
        },
        Said::IndicatorRepeated {
            code: "HC02",
            name: "Hồ sơ đã giải quyết",
            written: "",
        },
        Said::CodeStoredAsNumber {
            stored: "1.1",
            code: "1.10",
            name: "Diện tích cây hằng năm khác",
        },
        Said::CodeNameDisagree {
            written: "1.2",
            name: "Diện tích lúa",
            code: "1.2",
            catalog: "Diện tích ngô",
            other: "1.1",
        },
        Said::CodeNameByName {
            written: "3",
            name: "Số hồ sơ tiếp nhận",
            code: "3",
            catalog: "Số hồ sơ giải quyết",
            other: "2",
            row: 9,
        },
        Said::IndicatorRepeatedHidden {
            code: "HC02",
            name: "Hồ sơ đã giải quyết",
            hidden: 30,
            used: 31,
        },
        Said::IndicatorUnknownHidden {
            shown: "Số hộ gia đình văn hóa",
        },
        Said::SubmissionMissing { unit, period: q1 },
        Said::UnitSentNothing { unit, period: q1 },
        Said::SubmissionMissingNamed {
            unit,
            period: q1,
            // Data as the user's language gives it.
            named: "phuong-07.xlsx (tệp rỗng (0 byte))",
            advice: "Hãy gửi lại tệp.",
        },
        Said::UnitSentArchive {
            unit,
            file: "BC Q1 Phuong 7.rar",
            period: q1,
        },
        Said::UnitSentNotSpreadsheet {
            unit,
            file: "Phuong 7 bao cao.docx",
            what: "tệp rỗng (0 byte)",
            period: q1,
        },
        Said::UnitFileDamaged {
            unit,
            file,
            what: "tệp rỗng (0 byte)",
            period: q1,
            picture: false,
        },
        Said::UnitFileDamaged {
            unit,
            file,
            what: "bảng tính chỉ có hình ảnh",
            period: q1,
            picture: true,
        },
        Said::SubmissionEmpty { unit, file },
        Said::PeriodMissing { unit, period: q1 },
        Said::IndicatorMissing {
            unit,
            count: 1,
            named: others,
            more: 0,
        },
        Said::RowBlank {
            unit,
            code: "HC04",
            name: "Hồ sơ giải quyết trễ hạn",
        },
        Said::RowNoneNoted {
            unit,
            code: "HC04",
            name: "Hồ sơ giải quyết trễ hạn",
            note: "Không phát sinh",
        },
    ]
}

fn checks<'a>(level: &'a LevelWords, problem: &'a RuleProblem) -> Vec<Checked<'a>> {
    let (unit, what, th) = ("Phường 7", "HC02 Hồ sơ đã giải quyết", ValueColumn::Th);
    let pct = |percent, unrounded| Checked::PctOff {
        unit,
        what,
        percent,
        stated: "21,35",
        right: "17,29",
        unrounded,
    };
    vec![
        Checked::SumMismatch {
            unit: Some(unit),
            whole: "HC02",
            name: "Hồ sơ đã giải quyết",
            column: th,
            stated: "1.290",
            parts: "đúng hạn 1.204 + trễ hạn 77",
            sum: "1.281",
        },
        Checked::SumMismatch {
            unit: None,
            whole: "HC02",
            name: "Hồ sơ đã giải quyết",
            column: th,
            stated: "1.290",
            parts: "đúng hạn 1.204 + trễ hạn 77",
            sum: "1.281",
        },
        Checked::SumPartsMissing {
            whole: "HC02",
            name: "Hồ sơ đã giải quyết",
            column: th,
            stated: "1.290",
            parts: "đúng hạn 1.204 + trễ hạn 77",
            sum: "1.281",
            no_whole: (&["Phường 7"], 1),
            short: (&[], 0),
        },
        Checked::SumPartsMissing {
            whole: "HC02",
            name: "Hồ sơ đã giải quyết",
            column: th,
            stated: "1.281",
            parts: "đúng hạn 1.204 + trễ hạn 77",
            sum: "1.290",
            no_whole: (&["Phường 7", "Phường 10", "Xã An Điền"], 5),
            short: (&["Xã Long Điền"], 1),
        },
        Checked::RelationViolated {
            unit: Some(unit),
            formula: "YT24 <= YT23",
            column: th,
            left: "YT24 12",
            right: "YT23 10",
            cmp: "<=",
            stated_by: &[],
        },
        Checked::RelationViolated {
            unit: None,
            formula: "DT.00 >= DT.02 + DA.01",
            column: th,
            left: "DT.00 250,00",
            right: "DT.02 278,52 + DA.01 192,64 = 471,16",
            cmp: ">=",
            stated_by: &[
                StatedBy {
                    code: "DT.00",
                    first: "STC",
                    units: 1,
                },
                StatedBy {
                    code: "DT.02",
                    first: "X01",
                    units: 14,
                },
                StatedBy {
                    code: "DA.01",
                    first: "BQLDD",
                    units: 1,
                },
            ],
        },
        Checked::MonthCopied {
            unit,
            what: "HC01 Hồ sơ thủ tục hành chính đã tiếp nhận",
            column: th,
            stated: "327",
            sheet: "Tháng 3",
            sum: "1.047",
            period: "Quý I/2026",
            rules: "HC02 ≤ HC01, HC09 ≤ HC01",
        },
        Checked::RelationSkipped {
            formula: "HC02 = HC03 + HC04 (HC02 Hồ sơ thủ tục hành chính đã giải quyết; HC03 giải quyết đúng hạn; HC04 giải quyết trễ hạn)",
            column: th,
            places: 1,
            named: &[],
        },
        Checked::RelationSkipped {
            formula: "HC02 = HC03 + HC04 (HC02 Hồ sơ thủ tục hành chính đã giải quyết; HC03 giải quyết đúng hạn; HC04 giải quyết trễ hạn)",
            column: th,
            places: 1,
            named: skip_places(),
        },
        Checked::RelationSkipped {
            formula: "HC02 = HC03 + HC04 (HC02 Hồ sơ thủ tục hành chính đã giải quyết; HC03 giải quyết đúng hạn; HC04 giải quyết trễ hạn)",
            column: th,
            places: 1,
            named: dashed_places(),
        },
        Checked::RelationSkipped {
            formula: "HC02 = HC03 + HC04 (HC02 Hồ sơ thủ tục hành chính đã giải quyết; HC03 giải quyết đúng hạn; HC04 giải quyết trễ hạn)",
            column: th,
            places: 1,
            named: refused_places(),
        },
        Checked::RuleUnknownCodes {
            formula: "HC02 == XX01",
            code: "HC02",
            line: 4,
            unknown: "XX01",
            suggestion: None,
        },
        Checked::RuleUnknownCodes {
            formula: "MT-2 <= MT-01",
            code: "MT-2",
            line: 4,
            unknown: "MT-2",
            suggestion: Some("[MT-2] <= [MT-01]"),
        },
        Checked::RuleUnparsed {
            formula: "HC02 = HC03",
            code: "HC02",
            line: 4,
            at: 6,
            problem,
            suggestion: None,
        },
        Checked::RuleNoCode {
            formula: "5.3 == 5.1 + 5.2",
            code: "5.3",
            line: 4,
            suggestion: Some("[5.3] == [5.1] + [5.2]"),
        },
        Checked::RuleNotRelation {
            formula: "HC03 + HC04",
            code: "HC02",
            line: 4,
        },
        Checked::RateDeclaredAsCount {
            code: "YT.13",
            what: "Tỷ lệ sinh con thứ 3 trở lên",
            unit: "%",
            declared: "flow",
            line: 5,
            computed: false,
        },
        Checked::RateDeclaredAsCount {
            code: "YT.13",
            what: "Tỷ lệ sinh con thứ 3 trở lên",
            unit: "%",
            declared: "flow",
            line: 5,
            computed: true,
        },
        Checked::TotalMismatch {
            unit: "Văn phòng",
            what,
            code: "HC02",
            column: th,
            level,
            stated: "965",
            sum: "955",
            contributors: 1,
            expected: 6,
            listed: "Phường 1: 120; Phường 2: 180",
            more: 0,
            counts_missing: false,
            tallies: false,
            below: false,
            turned: "",
            written: "",
        },
        Checked::TotalMismatch {
            unit: "Văn phòng",
            what,
            code: "HC02",
            column: th,
            level,
            stated: "965",
            sum: "955",
            contributors: 1,
            expected: 6,
            listed: "Phường 1: 120; Phường 2: 180",
            more: 0,
            counts_missing: false,
            tallies: true,
            below: false,
            turned: "",
            written: "",
        },
        Checked::TotalMismatch {
            unit: "Văn phòng",
            what,
            code: "HC02",
            column: th,
            level,
            stated: "945",
            sum: "955",
            contributors: 1,
            expected: 6,
            listed: "Phường 1: 120; Phường 2: 180",
            more: 0,
            counts_missing: false,
            tallies: false,
            below: true,
            turned: "Phường 10",
            written: "961",
        },
        Checked::TotalMismatch {
            unit: "Văn phòng",
            what,
            code: "HC02",
            column: th,
            level,
            stated: "965",
            sum: "955",
            contributors: 1,
            expected: 6,
            listed: "Phường 1: 120; Phường 2: 180",
            more: 0,
            counts_missing: true,
            tallies: false,
            below: false,
            turned: "",
            written: "",
        },
        Checked::RowScaled {
            unit,
            what,
            figures: "KH 3.905.000; TH 974.100; LK 2.793.600; CK 2.531.400",
            times: "1.000",
            larger: true,
            per_head: true,
            level,
            written_in: Some(1e3),
            measure: None,
            catalog_unit: "triệu đồng",
            column: ValueColumn::Lk,
            right: "2.793,6",
        },
        Checked::RowScaled {
            unit,
            what,
            figures: "KH 39; TH 10",
            times: "100",
            larger: false,
            per_head: false,
            level,
            written_in: None,
            measure: None,
            catalog_unit: "triệu đồng",
            column: ValueColumn::Th,
            right: "1.000",
        },
        Checked::RowScaled {
            unit,
            what,
            figures: "KH 208.600; TH 10.800; LK 143.800; CK 175.100",
            times: "10.000",
            larger: true,
            per_head: true,
            level,
            written_in: None,
            measure: Some("m²"),
            catalog_unit: "ha",
            column: ValueColumn::Lk,
            right: "14,38",
        },
        Checked::MoneyScale {
            unit,
            what,
            column: th,
            value: "125.000,0",
            usual: "123",
            catalog_unit: "triệu đồng",
            times: "1.000",
            larger: true,
            off: 12,
            compared: 12,
            rest: 0,
            guess: Some(1e3),
            level,
            lk_agrees: None,
            written: None,
            file: None,
        },
        Checked::MoneyScale {
            unit,
            what,
            column: th,
            value: "6.275.740,000",
            usual: "9.116,58",
            catalog_unit: "triệu đồng",
            times: "1.000",
            larger: true,
            off: 31,
            compared: 31,
            rest: 0,
            guess: Some(1.0),
            level,
            lk_agrees: None,
            written: Some(("nghìn đồng", "I6")),
            file: None,
        },
        Checked::MoneyScale {
            unit,
            what,
            column: th,
            value: "",
            usual: "",
            catalog_unit: "triệu đồng",
            times: "1.000",
            larger: true,
            off: 36,
            compared: 36,
            rest: 0,
            guess: Some(1e3),
            level,
            lk_agrees: None,
            written: None,
            file: Some(("E7:H16", 9)),
        },
        Checked::MoneyScale {
            unit,
            what,
            column: th,
            value: "125.000,0",
            usual: "123",
            catalog_unit: "triệu đồng",
            times: "1.000",
            larger: true,
            off: 6,
            compared: 6,
            rest: 8,
            guess: Some(1e3),
            level,
            lk_agrees: Some(("20,78", "38,07", "58,85")),
            written: None,
            file: None,
        },
        Checked::TotalsCountMissing {
            unit: "Văn phòng",
            count: 12,
            codes: "HC02, HC03, HC04",
            columns: "TH, LK",
            level,
            missing: "Phường 10",
            explained: true,
        },
        Checked::TotalsCountMissing {
            unit: "Văn phòng",
            count: 2,
            codes: "HC02",
            columns: "TH, LK",
            level,
            missing: "Phường 10",
            explained: false,
        },
        Checked::TotalPartial {
            unit: "Văn phòng",
            what,
            code: "HC02",
            column: th,
            level,
            stated: "1.204",
            sum: "1.290",
            count: 16,
            named: Some(("Phường 10", 15, "1.204")),
            diff: "86",
        },
        Checked::TotalPartial {
            unit: "Văn phòng",
            what,
            code: "HC02",
            column: th,
            level,
            stated: "1.204",
            sum: "1.290",
            count: 16,
            named: None,
            diff: "86",
        },
        Checked::TotalsOmitUnit {
            unit: "Văn phòng",
            omitted: "Phường 10",
            count: 12,
            codes: "HC02, HC03, HC04",
            columns: "TH, LK",
            level,
        },
        Checked::TotalUnitSlip {
            unit: "P03",
            dept: "Văn phòng",
            what,
            code: "HC02",
            column: th,
            level,
            stated: "20.000",
            right: "20",
            times: "1.000",
            larger: true,
            dept_stated: "319",
        },
        Checked::TotalBelowKnown {
            unit: "Văn phòng",
            what,
            code: "HC02",
            column: th,
            level,
            stated: "400",
            known: "450",
            unknown: "Phường 10",
            turned: "Phường 7",
            omitted: None,
        },
        Checked::TotalBelowKnown {
            unit: "Văn phòng",
            what,
            code: "HC02",
            column: th,
            level,
            stated: "400",
            known: "450",
            unknown: "Phường 10",
            turned: "",
            omitted: Some(("Phường 7", "60", "390")),
        },
        Checked::TotalUnchecked {
            unit: "Văn phòng",
            count: 1,
            codes: "AN10",
            column: ValueColumn::Lk,
            level,
            units: "Phường 10",
            silent: "Phường 7",
        },
        Checked::BelowQuarter {
            unit,
            what,
            th: "91",
            lk: "43",
        },
        Checked::ThAboveLk {
            unit,
            what,
            th: "1.853.400",
            lk: "5.573,7",
            right: "1.853,4",
            factor: "1.000",
            pct_kh: false,
            pct_ck: false,
            ck: true,
            breaks: Some("HC03 ≥ HC02 (HC03 2.179,6)"),
        },
        Checked::ColumnsSwapped {
            unit,
            th: "G7",
            th_words: "Thực hiện quý II/2026",
            lk: "F7",
            lk_words: "Lũy kế 6 tháng đầu năm 2026",
            below: 45,
            flows: 47,
            previous: Some(45),
        },
        Checked::ThHoldsLk {
            unit,
            th: "E6",
            th_words: "Thực hiện quý II/2020",
            lk: "F6",
            lk_words: "Lũy kế từ đầu năm",
            same: 45,
            flows: 47,
            example: "HC01",
            previous: "485",
            lk_figure: "955",
            quarter: "470",
            accumulated: "1.440",
            source: "phuong-07.xlsx",
        },
        Checked::LkRepeatsTh {
            unit,
            th: "E6",
            th_words: "Thực hiện quý II/2026",
            lk: "F6",
            lk_words: "Lũy kế 6 tháng",
            same: 22,
            examples: "KT.01, KT.02, NS.11",
            month: false,
        },
        Checked::LkNotAccumulated {
            unit,
            th: "F7",
            th_words: "Ước thực hiện quý IV/2025",
            lk: "G7",
            lk_words: "Cả năm 2025",
            same: 45,
            below: 45,
            flows: 45,
            example: "KT03",
            previous: "15",
            th_figure: "6",
            want: "21",
            source: "out/2025-Q3/tong-hop.xlsx",
        },
        Checked::LkNotUpdated {
            unit,
            th: "E5",
            th_words: "Ước TH quý IV/2026",
            lk: "F5",
            lk_words: "Ước TH năm 2026",
            last: "9M/2026",
            same: 14,
            flows: 14,
            example: "KT03",
            previous: "55",
            th_figure: "19",
            want: "74",
            source: "out-9M/tong-hop.xlsx",
        },
        Checked::NoteCorrection {
            unit,
            what,
            previous: "1.185",
            th: "1.289",
            want: "2.474",
            lk: "2.524",
            note: "Điều chỉnh số liệu quý I: 1235 lượt (đã báo 1185)",
            corrected: Some("1.235"),
        },
        Checked::NoteCorrection {
            unit,
            what,
            previous: "1.185",
            th: "1.289",
            want: "2.474",
            lk: "2.524",
            note: "Điều chỉnh số liệu quý I",
            corrected: None,
        },
        Checked::PreviousWithoutErrors {
            file: "phuong-07.xlsx",
            workbook: "phuong-07 (bản sửa).xlsx",
        },
        Checked::StockLevel {
            unit,
            what,
            th: "4.629",
            lk: "9.159",
            breaks: None,
        },
        Checked::StockLevel {
            unit,
            what,
            th: "10.420,35",
            lk: "31.219,37",
            breaks: Some("DD.04 ≤ DD.03 (DD.03 Diện tích đất tự nhiên 13.250,60)"),
        },
        Checked::Copied {
            unit,
            file: "phuong-07.xlsx",
            others: "Phường 7 (phuong-07 (bản sửa).xlsx)",
        },
        Checked::TotalWithoutColumn {
            column: th,
            count: 2,
            codes: "HC01, KT03",
            level,
            units: "Phường 7",
        },
        Checked::TargetsDiffer {
            code: "YT.04",
            level,
            targets: "Phường 12: 95; Phường 13: 96",
        },
        Checked::TotalLevelNotInRegistry {
            count: 25,
            codes: "KT01, KT02, KT08",
            reporters: "P.KT, P.TCKH",
            wards: false,
            level,
        },
        Checked::TotalLevelNotInRegistry {
            count: 3,
            codes: "HC01, HC02, HC03",
            reporters: "",
            wards: true,
            level,
        },
        Checked::TotalUnreported {
            count: 2,
            codes: "NS01, NS02",
            reporters: "P.TCKH",
            in_registry: false,
        },
        Checked::TotalUnreported {
            count: 1,
            codes: "NS01",
            reporters: unit,
            in_registry: true,
        },
        Checked::TotalUncomputed {
            column: ValueColumn::PctCk,
            count: 2,
            codes: "HC01, KT03",
            needs: Some("LK, CK"),
            level,
            units: "Phường 7",
            crossed: true,
        },
        Checked::TotalUncomputed {
            column: th,
            count: 1,
            codes: "HC05 (HC03, HC02)",
            needs: None,
            level,
            units: "Phường 7",
            crossed: false,
        },
        pct(
            Percent::Rate {
                column: th,
                shown: "đúng hạn 1.204 / đã giải quyết 1.290 × 100",
                unit: "%",
                power_off: 0,
                of_area: false,
            },
            None,
        ),
        pct(
            Percent::Rate {
                column: th,
                shown: "đúng hạn 1.204 / đã giải quyết 1.290 × 100",
                unit: " ‰",
                power_off: -1,
                of_area: false,
            },
            None,
        ),
        pct(
            Percent::Rate {
                column: th,
                shown: "đúng hạn 1.204 / đã giải quyết 1.290 × 100",
                unit: "%",
                power_off: 1,
                of_area: false,
            },
            None,
        ),
        pct(
            Percent::Rate {
                column: th,
                shown: "đúng hạn 1.204 / đã giải quyết 1.290 × 100",
                unit: "%",
                power_off: 0,
                of_area: false,
            },
            Some("17,286"),
        ),
        pct(
            Percent::Rate {
                column: th,
                shown: "đúng hạn 1.204 / đã giải quyết 1.290 × 100",
                unit: "%",
                power_off: 0,
                of_area: true,
            },
            None,
        ),
        pct(
            Percent::RateOperandCopied {
                column: th,
                shown: "Lượt đánh giá hài lòng 940 / Tổng số lượt đánh giá 940 × 100",
                unit: "%",
                operand: "Lượt đánh giá hài lòng",
                value: "940",
                above: "Tổng số lượt đánh giá",
                likely: "893",
                counted: "hồ sơ",
            },
            None,
        ),
        pct(
            Percent::OfPlan {
                lk: "145,2",
                kh: "840",
            },
            None,
        ),
        pct(
            Percent::OfPlan {
                lk: "145,2",
                kh: "840",
            },
            Some("17,286"),
        ),
        pct(
            Percent::AgainstLastYear {
                formula: "145 / 120 × 100 − 100",
            },
            None,
        ),
        pct(
            Percent::AgainstLastYear {
                formula: "145 / 120 × 100 − 100",
            },
            Some("20,833"),
        ),
        pct(
            Percent::RateChange {
                column: ValueColumn::PctKh,
                formula: "75 / 95 × 100",
                points: "75 − 95 = −20",
                per: Points::Percent,
            },
            None,
        ),
        pct(
            Percent::RateChange {
                column: ValueColumn::PctCk,
                formula: "10,83 / 10,57 × 100",
                points: "10,83 − 10,57 = 0,26",
                per: Points::PerMille,
            },
            None,
        ),
        pct(
            Percent::RateChange {
                column: ValueColumn::PctCk,
                formula: "1,65 / 1,68 × 100",
                points: "1,65 − 1,68 = −0,03",
                per: Points::Own("bác sĩ/vạn dân"),
            },
            None,
        ),
        Checked::RateOverBound {
            unit,
            what: "HC08 Tỷ lệ hài lòng",
            column: th,
            stated: "101,5",
            sign: "%",
            numerator: "Lượt đánh giá hài lòng",
            denominator: "Tổng số lượt đánh giá",
            bound: "100",
        },
        Checked::FirstQuarterScaled {
            unit,
            what,
            wrong: ValueColumn::Th,
            stated: "122.800,0",
            right: "122,8",
            factor: "1.000",
            larger: true,
            pct_kh: false,
            pct_ck: true,
            ck: true,
        },
        Checked::FirstQuarterScaled {
            unit,
            what,
            wrong: ValueColumn::Lk,
            stated: "12,3",
            right: "123",
            factor: "10",
            larger: false,
            pct_kh: true,
            pct_ck: false,
            ck: false,
        },
        Checked::LkSlipped {
            unit,
            what,
            lk: "13.024,6",
            right: "1.302,46",
            pct_kh: "105,04",
            pct_ck: "9,63",
            counted: true,
        },
        Checked::LkScaled {
            unit,
            what,
            lk: "24,19",
            right: "24.190",
            base_column: ValueColumn::Ck,
            base: "23.060",
            pct_column: ValueColumn::PctCk,
            pct: "104,9",
            times: "1.000",
            written_in: Some(1e3),
            per: "/lít",
            catalog_unit: "đồng",
            counted: true,
        },
        Checked::LkScaled {
            unit,
            what,
            lk: "1.450",
            right: "145",
            base_column: ValueColumn::Kh,
            base: "200",
            pct_column: ValueColumn::PctKh,
            pct: "72,5",
            times: "10",
            written_in: None,
            per: "",
            catalog_unit: "triệu đồng",
            counted: false,
        },
        Checked::ThScaled {
            unit,
            what,
            th: "25.000.000",
            right: "25",
            lk: "25.000.000",
            lk_right: "25",
            written_in: 1.0,
            per: "",
            catalog_unit: "triệu đồng",
            counted: true,
        },
        Checked::LkPointed {
            unit,
            what,
            lk: "4.291",
            right: "1.435",
            pct_kh: Some("13,88"),
            pct_ck: Some("96,63"),
            from_th: false,
            same_as_ck: false,
            counted: true,
        },
        Checked::LkPointed {
            unit,
            what,
            lk: "358",
            right: "-358",
            pct_kh: None,
            pct_ck: Some("-41,92"),
            from_th: true,
            same_as_ck: true,
            counted: false,
        },
        Checked::PctKind {
            unit,
            what,
            stated: "108,12",
            wants_growth: true,
            formula: "145 / 120 × 100 − 100",
            right: "8,12",
        },
        Checked::PctKind {
            unit,
            what,
            stated: "8,12",
            wants_growth: false,
            formula: "145 / 120 × 100",
            right: "108,12",
        },
        Checked::PctConverted {
            unit,
            words: "Tăng, giảm cùng kỳ",
            growth: true,
            count: 17,
            stated: "13,26",
            converted: "113,26",
        },
        Checked::PctConverted {
            unit,
            words: "So sánh (%) Ước TH/CK",
            growth: false,
            count: 49,
            stated: "129,51",
            converted: "29,51",
        },
        Checked::PctReadByFigures {
            unit,
            column: "J",
            words: "So với cùng kỳ (%)",
            growth: false,
            count: 52,
            stated: "120",
            converted: "20",
        },
        Checked::RateAveraged {
            unit: "Văn phòng",
            what,
            column: th,
            level,
            stated: "75,00",
            units: 2,
            mean: "75,000",
            numerator: "đúng hạn",
            num: "60",
            denominator: "đã giải quyết",
            den: "110",
            right: "54,55",
        },
        Checked::RateTotalOff {
            unit,
            what,
            column: th,
            level,
            stated: "1,09",
            sign: "‰",
            units: 20,
            formula: "DS.02 / DS.01 * 1000",
            right: "10,86",
            how: crate::messages::RateOff::Power(-1),
        },
        Checked::FirstQuarter {
            unit,
            what,
            th: "140",
            lk: "104",
        },
        Checked::FirstQuarterPartsAgree {
            unit,
            what,
            th: "46",
            lk: "56",
            parts: "đúng hạn 1.204 + trễ hạn 77",
        },
        Checked::AfterPrevious {
            unit,
            what,
            last: None,
            previous: "120",
            th: "50",
            want: "170",
            lk: "150",
            disputed: false,
        },
        Checked::AfterPrevious {
            unit,
            what,
            last: Some("9M/2026"),
            previous: "120",
            th: "50",
            want: "170",
            lk: "150",
            disputed: true,
        },
        Checked::Negative {
            unit,
            what,
            column: th,
            value: "-300",
            money: false,
            to_unit: false,
        },
        Checked::Negative {
            unit,
            what,
            column: th,
            value: "-0,5",
            money: true,
            to_unit: false,
        },
        Checked::Negative {
            unit,
            what,
            column: th,
            value: "-0,5",
            money: true,
            to_unit: true,
        },
        Checked::Outlier {
            unit,
            what,
            column: th,
            value: "860",
            compared: Compared::Size {
                size: "12.000",
                ratio: "71,7",
                median: "7,4",
                unit: "hồ sơ",
                off: Off {
                    times: "9,7",
                    below: false,
                },
            },
            level,
            usual: "89",
            note: None,
        },
        Checked::Outlier {
            unit,
            what,
            column: th,
            value: "860",
            compared: Compared::Column {
                column: ValueColumn::Ck,
                own: "80",
                median: "1,1",
                off: Off {
                    times: "9,7",
                    below: false,
                },
            },
            level,
            usual: "89",
            note: None,
        },
        Checked::Outlier {
            unit,
            what,
            column: th,
            value: "860",
            compared: Compared::Peers {
                off: Off {
                    times: "9,6",
                    below: false,
                },
            },
            level,
            usual: "89",
            note: None,
        },
        Checked::Outlier {
            unit,
            what,
            column: th,
            value: "1.239.700",
            compared: Compared::OwnPower {
                others: "KH 4.845,2; LK 3.729,8; CK 3.543,4",
                times: "1.000",
                below: false,
                off: Off {
                    times: "880",
                    below: false,
                },
                peers_usual: "1.406",
                measure: None,
                zeros: true,
                catalog_unit: "tấn",
            },
            level,
            usual: "1.239,7",
            note: Some("Lễ hội cuối tháng 8"),
        },
        Checked::Outlier {
            unit,
            what,
            column: th,
            value: "208.600",
            compared: Compared::OwnPower {
                others: "KH 20,5; LK 14,3",
                times: "10.000",
                below: false,
                off: Off {
                    times: "9.800",
                    below: false,
                },
                peers_usual: "21",
                measure: Some("m²"),
                zeros: false,
                catalog_unit: "ha",
            },
            level,
            usual: "20,86",
            note: None,
        },
        Checked::Outlier {
            unit,
            what,
            column: th,
            value: "1,2",
            compared: Compared::OwnPower {
                others: "KH 4.845,2; LK 3.729,8",
                times: "1.000",
                below: true,
                off: Off {
                    times: "1.200",
                    below: true,
                },
                peers_usual: "1.406",
                measure: None,
                zeros: true,
                catalog_unit: "tấn",
            },
            level,
            usual: "1.200",
            note: None,
        },
        Checked::Outlier {
            unit,
            what,
            column: th,
            value: "1.343",
            compared: Compared::Own {
                others: "KH 140; CK 183",
                times: "8",
            },
            level,
            usual: "160",
            note: None,
        },
        Checked::Outlier {
            unit,
            what,
            column: th,
            value: "10.580",
            compared: Compared::PlanAndLastYear {
                others: "KH 1.000; CK 900",
                times: "10",
            },
            level,
            usual: "1.058",
            note: None,
        },
        Checked::Outlier {
            unit,
            what,
            column: ValueColumn::Lk,
            value: "37.500",
            compared: Compared::QuarterAndLastYear {
                others: "TH 12,5; CK 40",
                times: "1.000",
            },
            level,
            usual: "37,5",
            note: None,
        },
        Checked::Outlier {
            unit,
            what,
            column: th,
            value: "10",
            compared: Compared::LastYearStock {
                last: "CK 99",
                times: "10",
                below: true,
            },
            level,
            usual: "100",
            note: None,
        },
        Checked::Outlier {
            unit,
            what,
            column: th,
            value: "25.000.000",
            compared: Compared::LastYearFlow {
                last: "CK 5",
                times: "5.000.000",
            },
            level,
            usual: "25",
            note: None,
        },
        Checked::Outlier {
            unit,
            what,
            column: th,
            value: "50",
            compared: Compared::AboveMostlyZero {
                largest: "1",
                last: "CK 0",
                times: "10",
            },
            level,
            usual: "1",
            note: None,
        },
    ]
}

/// The one place a rule could not be checked in, as a sample names it.
fn skip_places() -> &'static [SkipPlace] {
    static PLACES: std::sync::OnceLock<Vec<SkipPlace>> = std::sync::OnceLock::new();
    PLACES.get_or_init(|| {
        vec![SkipPlace {
            unit: "Phường 7".into(),
            file: "phuong-07.xlsx".into(),
            lacking: vec!["HC04".into()],
            dashed: Vec::new(),
            refused: Vec::new(),
        }]
    })
}

/// The one place a rule could not be checked in, its figure a "-" read
/// as none (the template's `dash = "empty"`).
fn dashed_places() -> &'static [SkipPlace] {
    static PLACES: std::sync::OnceLock<Vec<SkipPlace>> = std::sync::OnceLock::new();
    PLACES.get_or_init(|| {
        vec![SkipPlace {
            unit: "Phường 7".into(),
            file: "phuong-07.xlsx".into(),
            lacking: vec!["HC04".into()],
            dashed: vec![("HC04".into(), "E11".into(), "-".into())],
            refused: Vec::new(),
        }]
    })
}

/// The one place a rule could not be checked in, its figure a number
/// refused by an error told at its cell («4,105» in a count).
fn refused_places() -> &'static [SkipPlace] {
    static PLACES: std::sync::OnceLock<Vec<SkipPlace>> = std::sync::OnceLock::new();
    PLACES.get_or_init(|| {
        vec![SkipPlace {
            unit: "Phường 7".into(),
            file: "phuong-07.xlsx".into(),
            lacking: vec!["HC04".into()],
            dashed: Vec::new(),
            refused: vec![("HC04".into(), "E11".into(), "4,105".into())],
        }]
    })
}

/// Two sheets of a period differing, as the samples of a sheet's
/// repetition say it.
fn differ() -> SheetDiffer<'static> {
    SheetDiffer {
        count: 27,
        code: "KT03",
        column: ValueColumn::Th,
        kept: "30",
        other: "31",
    }
}

fn reading() -> Vec<Read<'static>> {
    let (file, cell, code, name) = ("phuong-07.xlsx", "D17", "HC02", "Hồ sơ đã giải quyết");
    // A unit told once for many rows: 19 indicators, at one cell or at
    // each row's.
    let many_codes: &'static [String] = Vec::leak((1..=19).map(|k| format!("TH.{k:02}")).collect());
    let one_cell: &'static [String] = Vec::leak(vec!["G5".to_string()]);
    let many_cells: &'static [String] = Vec::leak((8..=26).map(|r| format!("C{r}")).collect());
    let uncomputed = |derived| Read::ValueUncomputed {
        cell,
        code,
        name,
        column: ValueColumn::Th,
        formula: "[1]Sheet1!D8",
        why: ("công thức viết theo kiểu R1C1", "an R1C1 formula"),
        derived,
    };
    vec![
        Read::LegacyEncoding {
            file,
            encoding: "TCVN3",
        },
        Read::SheetUnreadable {
            what: "tệp rỗng (0 byte)",
        },
        Read::UnitConverted {
            unit: "Phường 12",
            code,
            name,
            written: "đồng",
            catalog: "triệu đồng",
            factor: "÷1.000.000",
        },
        Read::UnitUnconvertible {
            unit: "Phường 12",
            code,
            name,
            written: "USD",
            catalog: "triệu đồng",
        },
        Read::UnitLabelOnly {
            unit: "Phường 12",
            code,
            name,
            written: "%",
            catalog: "‰",
            column: ValueColumn::Th,
            figure: "3,39",
            worked: "41 / 12.100 × 1.000",
        },
        Read::UnitLabelDoubtful {
            unit: "Phường 12",
            code,
            name,
            written: "m2",
            catalog: "ha",
            factor: "÷10.000",
            value: "146,3",
            converted: "0,01463",
            smallest: "0,1",
        },
        Read::UnitOtherName {
            unit: "Phường 12",
            code,
            name,
            written: "chiếc",
            catalog: "xe",
        },
        Read::UnitsConverted {
            unit: "Phường 12",
            codes: many_codes,
            written: "nghìn đồng",
            catalog: "triệu đồng",
            factor: "÷1.000",
            cells: one_cell,
        },
        Read::UnitsOtherName {
            unit: "Phường 12",
            codes: &many_codes[..3],
            written: "hs",
            catalog: "hồ sơ",
            cells: many_cells,
        },
        Read::PercentError {
            cell,
            code,
            name,
            column: ValueColumn::PctCk,
            shown: "#DIV/0!",
        },
        Read::FigureSignConverted {
            unit: "Phường 12",
            cell,
            code,
            name,
            column: ValueColumn::Th,
            shown: "3,39%",
            row_unit: "‰",
            read: "33,9",
            factor: "×10",
        },
        Read::ValueInvalid {
            unit: "Phường 12",
            cell,
            code,
            name,
            column: ValueColumn::Th,
            shown: "khoảng 20",
        },
        Read::NumberAsDate {
            unit: "Phường 12",
            cell,
            code,
            name,
            column: ValueColumn::Th,
            shown: "02/01/1900",
            value: "2",
        },
        Read::TargetAsChange {
            unit: "Phường 12",
            cell,
            code,
            name,
            text: "Giảm 0,2‰",
        },
        Read::TargetInWords {
            unit: "Phường 12",
            cell,
            code,
            name,
            text: "Đạt",
        },
        Read::PercentInWords {
            unit: "Phường 12",
            cell,
            code,
            name,
            column: ValueColumn::PctKh,
            text: "Không đạt",
        },
        Read::ChangeInCount {
            unit: "Phường 12",
            cell,
            code,
            name,
            column: ValueColumn::PctCk,
            text: "tăng 2 hồ sơ",
        },
        Read::FigureWithNote {
            unit: "Phường 12",
            cell,
            code,
            name,
            column: ValueColumn::Th,
            text: "3 (tăng 1 hồ sơ)",
            read: "3",
            note: "tăng 1 hồ sơ",
        },
        Read::FiguresWithUnit {
            file,
            count: 36,
            example: "75,9 ha",
            cell,
        },
        Read::CrossedCells {
            unit: "Phường 7",
            mark: "x",
            count: 5,
            cells: "D8, E8, D9, E9, F9",
        },
        Read::NoneInWords {
            unit: "Phường 12",
            words: "«không», «không có»",
            count: 3,
            cells: "E15, F15, E16",
        },
        Read::ColumnsDeleted {
            unit: "Phường 12",
            columns: &[ValueColumn::Ck],
            form: true,
        },
        Read::ColumnsDeleted {
            unit: "Phường 12",
            columns: &[ValueColumn::Lk, ValueColumn::Kh],
            form: false,
        },
        Read::FormulaGivesText {
            unit: "Phường 12",
            cell,
            code,
            name,
            column: ValueColumn::Lk,
            formula: "IF(E20=\"\",\"\",E20)",
            shown: "khoảng 10",
            derived: false,
        },
        Read::CountWithComma {
            unit: "Phường 12",
            cell,
            code,
            name,
            column: ValueColumn::Ck,
            counted: "hồ sơ",
            text: "1,180",
            read: "1,18",
            meant: "1.180",
        },
        Read::NumberAmbiguous {
            text: "1,345",
            cell,
            read: "1,345",
            other: "1.345",
        },
        Read::RatesAsFractions {
            count: 3,
            cells: "F10, G10, H10",
            written: "0,9088",
            read: "90,88",
        },
        Read::TargetBound {
            cell,
            code,
            name,
            text: "≥ 95%",
            read: "95",
        },
        Read::ColumnOtherPeriod {
            label: "Thực hiện quý III/2025",
            cell: "E6",
            column: ValueColumn::Th,
            period: "Q4 2025",
        },
        Read::TitleOtherThanHeaders {
            cell: "A4",
            stated: Period::quarter(2020, 2),
            headers: Period::quarter(2020, 3),
            columns: "TH, LK",
            // A test's sample, leaked to live as long as the others.
            labels: Vec::leak(vec![
                "Thực hiện quý III/2020".to_string(),
                "Lũy kế 9 tháng năm 2020".to_string(),
            ]),
        },
        Read::ColumnsOfOtherPeriod {
            cell: "A3",
            stated: Period::quarter(2020, 3),
            headers: Period::quarter(2020, 2),
            columns: "TH, LK",
            // A test's sample, leaked to live as long as the others.
            labels: Vec::leak(vec![
                "Thực hiện quý II/2020".to_string(),
                "Lũy kế 6 tháng năm 2020".to_string(),
            ]),
        },
        Read::SeasonPeriodAssumed {
            cell: "A3",
            period: Period {
                year: 2026,
                span: crate::model::PeriodSpan::Year,
            },
        },
        Read::ColumnsOfOtherPeriodUntitled {
            cell: "E6",
            period: Period::quarter(2020, 3),
            headers: Period::quarter(2020, 2),
            columns: "TH, LK",
            // A test's sample, leaked to live as long as the others.
            labels: Vec::leak(vec![
                "Thực hiện quý II/2020".to_string(),
                "Lũy kế 6 tháng đầu năm 2020".to_string(),
            ]),
        },
        Read::TitleBehindHeaders {
            cell: "A3",
            stated: Period::quarter(2025, 3),
            period: Period::quarter(2025, 4),
            // A test's sample, leaked to live as long as the others.
            labels: Vec::leak(vec!["Thực hiện quý IV/2025".to_string()]),
            past: false,
        },
        Read::TitleBehindHeaders {
            cell: "A4",
            stated: Period {
                year: 2024,
                span: crate::model::PeriodSpan::Year,
            },
            period: Period {
                year: 2025,
                span: crate::model::PeriodSpan::Year,
            },
            labels: Vec::leak(vec!["Cả năm 2025".to_string()]),
            past: true,
        },
        Read::TitleBehindStamp {
            cell: "A3",
            stated: Period::quarter(2025, 3),
            period: Period::quarter(2025, 4),
        },
        Read::ColumnIgnored {
            label: "Nguồn số liệu",
            cell,
        },
        Read::ColumnsIgnored {
            labels: Vec::leak(vec![
                "Tổ 1".to_string(),
                "Tổ 2".to_string(),
                "Tổ 3".to_string(),
                "Tổ 1989".to_string(),
            ]),
            count: 1989,
            cell,
            last_cell: "BXW5",
        },
        Read::ColumnNextYear {
            label: "KH năm 2026",
            cell,
            year: 2026,
            period: "Q4 2025",
        },
        Read::ColumnOtherFigures {
            label: "Thực hiện 9 tháng",
            cell,
            period: "Q4 2025",
        },
        Read::ColumnPlanByPercents {
            label: "Dự toán tỉnh giao năm 2026",
            cell: "D7",
            other: "Dự toán HĐND xã giao năm 2026",
            other_cell: "E7",
            pct_cell: "I7",
            agree: 4,
            differ: 4,
        },
        Read::ColumnOriginalPlan {
            label: "KH giao đầu năm",
            cell,
            other: "KH điều chỉnh",
            other_cell: cell,
            kept: "",
        },
        Read::ColumnOriginalPlan {
            label: "KH năm 2025",
            cell,
            other: "KH điều chỉnh năm 2025",
            other_cell: cell,
            kept: "9 (GN.02), 14 (XD.02)",
        },
        Read::ColumnTaken {
            label: "Cùng kỳ năm 2019",
            cell,
            other: "Cùng kỳ",
            other_cell: cell,
            column: Some(ValueColumn::Ck),
        },
        Read::ColumnTaken {
            label: "Chỉ tiêu",
            cell,
            other: "Nội dung",
            other_cell: cell,
            column: None,
        },
        Read::ColumnHidden {
            label: "Cùng kỳ năm 2019 (số cũ)",
            cell,
            other: "Cùng kỳ năm 2019",
            other_cell: cell,
            column: Some(ValueColumn::Ck),
        },
        Read::ColumnHidden {
            label: "Chỉ tiêu",
            cell,
            other: "Nội dung",
            other_cell: cell,
            column: None,
        },
        Read::LkTakenAsTh,
        Read::ThFromLk {
            label: "Thực hiện 6 tháng đầu năm 2020",
            cell: "E6",
            source: Some("phuong-07.xlsx"),
            flows: 45,
            stocks: 8,
            left: 12,
            below: "HC01",
            since: Some(crate::model::Period::quarter(2020, 1)),
        },
        Read::ThFromLk {
            label: "Thực hiện 6 tháng đầu năm 2020",
            cell: "E6",
            source: None,
            flows: 0,
            stocks: 8,
            left: 57,
            below: "",
            since: None,
        },
        Read::PlanNamedNextYear {
            label: "Kế hoạch năm 2026",
            cell: "D6",
            year: 2026,
            period: Period::quarter(2025, 4),
            agree: 15,
            compared: 15,
        },
        Read::YearFromMonths {
            eleven: "Thực hiện 11 tháng",
            eleven_cell: "F7",
            december: "Ước thực hiện tháng 12",
            december_cell: "G7",
            flows: 20,
            stocks: 4,
            left: 2,
        },
        Read::YearNotMonthsSum {
            cell: "H12",
            code: "KT04",
            name: "Doanh nghiệp giải thể",
            year: "13",
            eleven: "8",
            eleven_cell: "F12",
            december: "0",
            december_cell: "G12",
            sum: "8",
        },
        Read::LkMissingAtYearEnd {
            cell: "E6",
            label: "Thực hiện quý IV/2025",
            period: Period::quarter(2025, 4),
            stocks: 0,
        },
        Read::LkMissingAtYearEnd {
            cell: "F7",
            label: "Đầu năm học 2026-2027",
            period: Period::quarter(2026, 4),
            stocks: 14,
        },
        Read::RowsIgnored {
            stop: 30,
            rows: "31, 32",
        },
        Read::FormulaEvaluated { file, count: 1 },
        Read::FigureMergedOverRows {
            cell: "D18:D19",
            column: ValueColumn::Kh,
            value: "18",
            indicators: "HC02 «Hồ sơ đã giải quyết», HC03 «đúng hạn»",
        },
        Read::FormulaTextOperand {
            cell: "F26",
            code,
            name: "Hồ sơ đã giải quyết",
            column: ValueColumn::Lk,
            formula: "'So lieu'!C26+'So lieu'!D26",
            read: "2.318",
            excel: "1.143,176",
        },
        uncomputed(true),
        uncomputed(false),
        Read::LinkBroken {
            cell: "D8",
            code,
            column: ValueColumn::Th,
            formula: "'Bieu 1 - KT'!E22",
            missing: "Bieu 1 - KT",
            used_sheet: "Bieu 01 - Kinh te",
            used_cell: "E22",
            used_value: "1.085",
        },
        Read::LinkBroken {
            cell: "D8",
            code,
            column: ValueColumn::Th,
            formula: "FOO('Bieu 01'!E22)",
            missing: "",
            used_sheet: "Bieu 01",
            used_cell: "E22",
            used_value: "1.085",
        },
        Read::TemplateOutdated {
            file,
            was: "2019.1",
            now: "2020.1",
        },
        Read::TemplateOutdated {
            file,
            was: "",
            now: "2020.1",
        },
        Read::SheetOtherPeriod {
            sheet: "Quý II",
            stated: crate::model::Period::quarter(2020, 2),
            period: crate::model::Period::quarter(2020, 3),
            by_name: true,
        },
        Read::SheetTitleStale {
            sheet: "Biểu 03",
            cell: "A4",
            stated: crate::model::Period::quarter(2020, 2),
            period: crate::model::Period::quarter(2020, 3),
            count: 30,
            counted: true,
        },
        Read::SheetTitleStale {
            sheet: "Biểu 03",
            cell: "A4",
            stated: crate::model::Period::quarter(2020, 2),
            period: crate::model::Period::quarter(2020, 3),
            count: 30,
            counted: false,
        },
        Read::SheetRepeated {
            sheet: "Nhap lieu",
            kept: "Báo cáo",
            how: SheetRepeat::Same { count: 42 },
        },
        Read::SheetRepeated {
            sheet: "Nháp",
            kept: "Chính thức",
            how: SheetRepeat::Draft {
                d: differ(),
                hidden: true,
            },
        },
        Read::SheetRepeated {
            sheet: "Bản cũ",
            kept: "Chính thức",
            how: SheetRepeat::Draft {
                d: differ(),
                hidden: false,
            },
        },
        Read::SheetRepeated {
            sheet: "Chính thức",
            kept: "Nháp",
            how: SheetRepeat::Conflict(differ()),
        },
        Read::SheetRepeated {
            sheet: "KH 2026",
            kept: "BC Quý I",
            how: SheetRepeat::Plan(differ()),
        },
        Read::ChartSheetLeftOut {
            sheet: "Biểu đồ hồ sơ",
        },
        Read::PivotSheet {
            sheet: "PivotTable1",
            header: "Sum of Thực hiện quý III/2026",
            cell: "B3",
            kept: "Biểu 1",
        },
        Read::PlanSheet {
            sheet: "KH 2026",
            title: "KẾ HOẠCH CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2026",
            cell: "A3",
            kh: "Kế hoạch năm 2026",
            others: Vec::leak(vec!["Thực hiện năm 2025".to_string(), "Quý I".to_string()]),
        },
        Read::PlanSheet {
            sheet: "Kế hoạch",
            title: "",
            cell: "",
            kh: "",
            others: Vec::leak(vec!["Quý I".to_string()]),
        },
        Read::FormOfOtherTemplate {
            file,
            office: "SỞ Y TẾ TỈNH ĐÔNG SƠN",
            title: "BIỂU SỐ LIỆU Y TẾ",
            version: "2026.3",
            now_office: "ỦY BAN NHÂN DÂN QUẬN",
        },
        Read::FormOfAnother {
            file,
            form: "Phường 12",
            form_code: "P12",
            other: "Phường 13",
            other_code: "P13",
            by_title: true,
            proper: "P13-phuong-13-2020-Q1.xlsx",
        },
        Read::FormOfAnother {
            file,
            form: "Phường 12",
            form_code: "P12",
            other: "Phường 13",
            other_code: "P13",
            by_title: false,
            proper: "P13-phuong-13-2020-Q1.xlsx",
        },
    ]
}

fn annex<'a>(q2: Period, sheets: &'a [String]) -> Vec<Annexed<'a>> {
    let (deadline, task) = ("Quý III/2019", "Rà soát thủ tục hành chính");
    let (here, there) = ("a.xlsx › Sheet1 › B7", "b.xlsx › Sheet1 › B9");
    vec![
        Annexed::TableNotFound {
            file: "phuong-07.xlsx",
            sheets,
        },
        Annexed::DeadlineInvalid {
            deadline: "sớm",
            task,
            period: q2,
        },
        Annexed::DeadlineBefore {
            deadline,
            task,
            period: q2,
            read: ReadAs::default(),
        },
        Annexed::DeadlineBefore {
            deadline: "Tháng 12",
            task,
            period: q2,
            read: ReadAs {
                assumed_year: Some(2019),
                holiday: None,
            },
        },
        Annexed::DeadlineAfter {
            deadline,
            task,
            period: q2,
            from: false,
            read: ReadAs::default(),
        },
        Annexed::DeadlineAfter {
            deadline: "Từ tháng 9/2020",
            task,
            period: q2,
            from: true,
            read: ReadAs::default(),
        },
        Annexed::DeadlineAfter {
            deadline: "Trước Tết Nguyên đán",
            task,
            period: q2,
            from: false,
            read: ReadAs {
                assumed_year: Some(2021),
                holiday: Some(Holiday {
                    feast: Feast::LunarNewYear,
                    year: 2021,
                    month: 2,
                    day: 12,
                }),
            },
        },
        Annexed::DeadlineAfter {
            deadline: "Tết Trung thu",
            task,
            period: q2,
            from: false,
            read: ReadAs {
                assumed_year: Some(2020),
                holiday: Some(Holiday {
                    feast: Feast::MidAutumn,
                    year: 2020,
                    month: 10,
                    day: 1,
                }),
            },
        },
        Annexed::TitledOtherPeriod {
            titled: Period::quarter(2020, 3),
            period: q2,
            tables: 4,
            example: here,
        },
        Annexed::TitledOtherPeriod {
            titled: Period::quarter(2020, 3),
            period: q2,
            tables: 1,
            example: here,
        },
        Annexed::LeadMissing { task },
        Annexed::TaskOfLeadAndCoordinator {
            task,
            kept: there,
            here,
            lead: "SNV",
            other: "SYT",
            statuses: None,
        },
        Annexed::TaskOfLeadAndCoordinator {
            task,
            kept: there,
            here,
            lead: "SNV",
            other: "SYT",
            statuses: Some(("Hoàn thành", "Đang thực hiện")),
        },
        Annexed::NoTasks {
            unit: "Phường 7",
            file: "phuong-07.xlsx",
        },
        Annexed::NothingSent {
            unit: "Phòng Tư pháp",
            period: Period::quarter(2026, 3),
        },
        Annexed::StatusContradicted {
            task: "Quyết toán ngân sách các dự án đầu tư công năm 2025",
            status: "Hoàn thành",
            deadline: "Tháng 12/2026",
            note: "đang tiếp tục triển khai",
            period: Period::quarter(2026, 3),
        },
        Annexed::AgencyUnknown {
            lead: true,
            written: "Phòng Tư pháp quận",
            closest: Some("Phòng Tư pháp"),
        },
        Annexed::AgencyUnknown {
            lead: false,
            written: "Phòng Tư pháp quận",
            closest: Some("Phòng Tư pháp"),
        },
        Annexed::AgencyUnknown {
            lead: true,
            written: "Trung tâm Chuyển đổi số quận",
            closest: None,
        },
        Annexed::SheetNotProgramme {
            sheet: "KQ quý I-2020",
            results: true,
            named: Some(Period::quarter(2020, 1)),
            period: q2,
            kept: sheets,
        },
        Annexed::DeadlineNoSuchDay {
            deadline: "31/11/2020",
            task,
            month: 11,
            year: 2020,
            days: 30,
        },
        Annexed::TaskRepeated {
            task,
            here,
            there,
            same_table: false,
        },
        Annexed::TaskRepeated {
            task,
            here,
            there,
            same_table: true,
        },
        Annexed::TaskAlike {
            task,
            here,
            other: "Rà soát thủ tục hành chính năm 2020",
            there,
            alike: 0.93,
            differ: ("", ""),
        },
        Annexed::TaskAlike {
            task: "Kiểm tra công tác cải cách hành chính tại Phòng Tài nguyên và Môi trường",
            here,
            other: "Kiểm tra công tác cải cách hành chính tại Phòng Tư pháp",
            there,
            alike: 1.0,
            differ: ("Phòng Tài nguyên và Môi trường", "Phòng Tư pháp"),
        },
        Annexed::ProgrammeResent {
            unit: "Phường 7",
            file: "phuong-07.xlsx",
            used: "phuong-07 (bản sửa).xlsx",
            why: ("tên tệp ghi «gui lai»", "its name says «gui lai»"),
            shared: 24,
            only_here: 0,
        },
        Annexed::ProgrammeResent {
            unit: "Phường 7",
            file: "phuong-07.xlsx",
            used: "phuong-07 (bản sửa).xlsx",
            why: ("tên tệp ghi «ban sua»", "its name says «ban sua»"),
            shared: 11,
            only_here: 1,
        },
        Annexed::SenderUnknown {
            file: "bao-cao-phuong-17.xlsx",
            named: "UBND PHƯỜNG 17",
            tasks: 11,
            example: "UBND PHƯỜNG 1",
        },
        Annexed::DeadlineIsStatus {
            deadline: "Đang thực hiện",
            task,
            period: q2,
        },
        Annexed::TableOfOtherPeriod {
            unit: "Phường 7",
            file: "phuong-07 quy I-2020.xlsx",
            titled: Period::quarter(2020, 1),
            period: q2,
            example: "phuong-07 quy I-2020.xlsx › Sheet1 › A4",
            within: 3,
            dated: 3,
            tasks: 3,
        },
    ]
}

fn prose() -> Vec<Prose<'static>> {
    let (total, parts, sum) = ("1.215", "640 + 37", "677");
    vec![
        Prose::Percent {
            stated: "tăng 8,1%",
            ops: "145,2/840",
            right: "tăng 8,2%",
            rounding: false,
        },
        Prose::Percent {
            stated: "17,31%",
            ops: "145,2/840",
            right: "17,29%",
            rounding: true,
        },
        Prose::TotalNotParts {
            total,
            parts,
            sum,
            presumed: false,
        },
        Prose::TotalNotParts {
            total,
            parts,
            sum,
            presumed: true,
        },
        Prose::PartAboveTotal {
            part: "2.150",
            total,
        },
        Prose::PartsAboveTotal { parts, sum, total },
        Prose::TextVsTable {
            stated: "126",
            indicator: "DO01 «Giấy phép xây dựng đã cấp»",
            table: "128",
            quarter: false,
            disputed: false,
        },
        Prose::TextVsTable {
            stated: "60.705",
            indicator: "YT01 «Lượt khám chữa bệnh»",
            table: "60.507",
            quarter: true,
            disputed: true,
        },
        Prose::TextVsTableQuarterOnly {
            stated: "193",
            indicator: "DO01 «Giấy phép xây dựng đã cấp»",
            table: "139",
        },
        Prose::TextVsTableBelowQuarter {
            stated: "120",
            indicator: "DO01 «Giấy phép xây dựng đã cấp»",
            table: "139",
        },
        Prose::TextVsTableUnit {
            stated: "17,8 tỷ đồng",
            indicator: "YT25 «Tiền phạt vi phạm an toàn thực phẩm»",
            table: "17.800.000 đồng",
            right: "17,8 triệu đồng",
            wrong: "tỷ đồng",
        },
        Prose::TextVsTableUncompared {
            count: 2,
            claims: "DO01 «Giấy phép xây dựng đã cấp» (L37), HC01 «Hồ sơ thủ tục hành chính đã tiếp nhận» (L67)",
        },
        Prose::TextVsTableNoRow {
            count: 2,
            claims: "KT03 «Thu ngân sách nhà nước trên địa bàn» (L11), HC02 «Hồ sơ thủ tục hành chính đã giải quyết» (L17)",
            table_codes: "HC.02, KT.03, KT.12",
            other_template: true,
        },
        Prose::TextVsTableNoRow {
            count: 1,
            claims: "DO01 «Giấy phép xây dựng đã cấp» (L5)",
            table_codes: "HC01, HC02",
            other_template: false,
        },
    ]
}

/// Which variant of its type a fact is, by an exhaustive match: a new
/// variant does not compile until it is numbered here (and counted in
/// the type's total), and the test then wants a sample of it.
fn said_variant(s: &Said) -> usize {
    match s {
        Said::FileSkipped { .. } => 0,
        Said::FileUnreadable { .. } => 1,
        Said::FileUnknownUnit { .. } => 2,
        Said::PeriodMismatch { .. } => 3,
        Said::PeriodChecked { .. } => 4,
        Said::SubmissionDuplicate { .. } => 5,
        Said::NameApproximate { .. } => 6,
        Said::CodeApproximate { .. } => 7,
        Said::NamePart { .. } => 15,
        Said::NameParts { .. } => 16,
        Said::IndicatorUnknown { .. } => 8,
        Said::IndicatorRepeated { .. } => 9,
        Said::SubmissionMissing { .. } => 10,
        Said::PeriodMissing { .. } => 11,
        Said::IndicatorMissing { .. } => 12,
        Said::TitleNamesAnother { .. } => 13,
        Said::SubmissionEmpty { .. } => 14,
        Said::IndicatorRepeatedHidden { .. } => 17,
        Said::IndicatorUnknownHidden { .. } => 18,
        Said::SheetUnrelated { .. } => 19,
        Said::TitleAndName { .. } => 20,
        Said::UnitAmbiguous { .. } => 21,
        Said::UnitFromClue { .. } => 22,
        Said::SubmissionMissingUnplaced { .. } => 23,
        Said::SubmissionFormerOnly { .. } => 24,
        Said::SubmissionFormerParts { .. } => 25,
        Said::IndicatorAmbiguous { .. } => 26,
        Said::PeriodCheckedHeaders { .. } => 27,
        Said::IndicatorBreakdown { .. } => 28,
        Said::IndicatorDetailItem { .. } => 42,
        Said::CodeStoredAsNumber { .. } => 49,
        Said::CodeNameDisagree { .. } => 50,
        Said::CodeNameByName { .. } => 55,
        Said::SheetByUnit { .. } => 29,
        Said::SubmissionByUnit { .. } => 30,
        Said::RowBlank { .. } => 31,
        Said::RowNoneNoted { .. } => 56,
        Said::TitleNamesOtherBody { .. } => 32,
        Said::SubmissionFormerSummed { .. } => 33,
        Said::UnitSentNothing { .. } => 34,
        Said::UnitFileDamaged { .. } => 35,
        Said::SubmissionCopies { .. } => 36,
        Said::SubmissionMissingNamed { .. } => 37,
        Said::UnitSentArchive { .. } => 38,
        Said::UnitSentNotSpreadsheet { .. } => 39,
        Said::CommuneForUnit { .. } => 40,
        Said::FigureIncomplete { .. } => 41,
        Said::SubmissionRevised { .. } => 43,
        Said::PeriodSuperseded { .. } => 44,
        Said::TitleSetAside { .. } => 45,
        Said::PeriodSemester { .. } => 46,
        Said::CodeOfAnother { .. } => 47,
        Said::UnitLooselyNamed { .. } => 48,
        Said::UnitTitleGoesOn { .. } => 51,
        Said::SubmissionParts { .. } => 52,
        Said::SubmissionFormerShort { .. } => 53,
        Said::SubmissionCopiesDiffer { .. } => 54,
        Said::PeriodTitleAndName { .. } => 57,
    }
}

fn checked_variant(c: &Checked) -> usize {
    match c {
        Checked::SumMismatch { .. } => 0,
        Checked::SumPartsMissing { .. } => 20,
        Checked::RelationViolated { .. } => 1,
        Checked::RelationSkipped { .. } => 2,
        Checked::RuleUnknownCodes { .. } => 3,
        Checked::RuleUnparsed { .. } => 4,
        Checked::TotalMismatch { .. } => 5,
        Checked::TotalBelowKnown { .. } => 6,
        Checked::TotalUnchecked { .. } => 7,
        Checked::PctOff { .. } => 8,
        Checked::PctKind { .. } => 9,
        Checked::RateAveraged { .. } => 10,
        Checked::FirstQuarter { .. } => 11,
        Checked::AfterPrevious { .. } => 12,
        Checked::Negative { .. } => 13,
        Checked::Outlier { .. } => 14,
        Checked::TotalUncomputed { .. } => 15,
        Checked::Copied { .. } => 16,
        Checked::BelowQuarter { .. } => 17,
        Checked::TotalsCountMissing { .. } => 18,
        Checked::MoneyScale { .. } => 19,
        Checked::PctConverted { .. } => 21,
        Checked::StockLevel { .. } => 22,
        Checked::TotalWithoutColumn { .. } => 23,
        Checked::TotalsOmitUnit { .. } => 24,
        Checked::TotalPartial { .. } => 50,
        Checked::RuleNoCode { .. } => 25,
        Checked::RuleNotRelation { .. } => 26,
        Checked::RateDeclaredAsCount { .. } => 51,
        Checked::LkSlipped { .. } => 27,
        Checked::RateOverBound { .. } => 28,
        Checked::ColumnsSwapped { .. } => 29,
        Checked::PctReadByFigures { .. } => 30,
        Checked::ThHoldsLk { .. } => 31,
        Checked::PreviousWithoutErrors { .. } => 32,
        Checked::NoteCorrection { .. } => 33,
        Checked::LkPointed { .. } => 34,
        Checked::FirstQuarterScaled { .. } => 35,
        Checked::TotalUnreported { .. } => 36,
        Checked::RowScaled { .. } => 37,
        Checked::LkScaled { .. } => 38,
        Checked::FirstQuarterPartsAgree { .. } => 39,
        Checked::MonthCopied { .. } => 40,
        Checked::ThScaled { .. } => 41,
        Checked::TargetsDiffer { .. } => 42,
        Checked::LkNotAccumulated { .. } => 43,
        Checked::TotalLevelNotInRegistry { .. } => 44,
        Checked::RateTotalOff { .. } => 45,
        Checked::LkNotUpdated { .. } => 46,
        Checked::ThAboveLk { .. } => 47,
        Checked::TotalUnitSlip { .. } => 48,
        Checked::LkRepeatsTh { .. } => 49,
    }
}

fn read_variant(r: &Read) -> usize {
    match r {
        Read::LegacyEncoding { .. } => 0,
        Read::SheetUnreadable { .. } => 1,
        Read::UnitConverted { .. } => 2,
        Read::UnitUnconvertible { .. } => 3,
        Read::ValueInvalid { .. } => 4,
        Read::NumberAmbiguous { .. } => 5,
        Read::ColumnIgnored { .. } => 6,
        Read::LkTakenAsTh => 7,
        Read::RowsIgnored { .. } => 8,
        Read::FormulaEvaluated { .. } => 9,
        Read::ValueUncomputed { .. } => 10,
        Read::TemplateOutdated { .. } => 11,
        Read::FormOfAnother { .. } => 12,
        Read::SheetOtherPeriod { .. } => 13,
        Read::UnitOtherName { .. } => 14,
        Read::PercentError { .. } => 15,
        Read::ColumnTaken { .. } => 16,
        Read::ColumnHidden { .. } => 17,
        Read::SheetRepeated { .. } => 18,
        Read::ColumnOtherPeriod { .. } => 19,
        Read::RatesAsFractions { .. } => 20,
        Read::TargetBound { .. } => 21,
        Read::UnitsConverted { .. } => 22,
        Read::UnitsOtherName { .. } => 23,
        Read::TitleOtherThanHeaders { .. } => 24,
        Read::LinkBroken { .. } => 25,
        Read::ColumnNextYear { .. } => 26,
        Read::ColumnOtherFigures { .. } => 27,
        Read::ColumnOriginalPlan { .. } => 28,
        Read::TitleBehindHeaders { .. } => 29,
        Read::TitleBehindStamp { .. } => 30,
        Read::UnitLabelDoubtful { .. } => 31,
        Read::LkMissingAtYearEnd { .. } => 32,
        Read::PlanNamedNextYear { .. } => 33,
        Read::SheetTitleStale { .. } => 34,
        Read::FigureSignConverted { .. } => 35,
        Read::UnitLabelOnly { .. } => 36,
        Read::FormulaTextOperand { .. } => 37,
        Read::FigureMergedOverRows { .. } => 38,
        Read::ThFromLk { .. } => 39,
        Read::ColumnsIgnored { .. } => 40,
        Read::TargetAsChange { .. } => 41,
        Read::TargetInWords { .. } => 42,
        Read::PercentInWords { .. } => 43,
        Read::FiguresWithUnit { .. } => 44,
        Read::FormulaGivesText { .. } => 45,
        Read::PlanSheet { .. } => 46,
        Read::ChangeInCount { .. } => 47,
        Read::FigureWithNote { .. } => 48,
        Read::NumberAsDate { .. } => 49,
        Read::CrossedCells { .. } => 50,
        Read::ColumnsOfOtherPeriod { .. } => 51,
        Read::FormOfOtherTemplate { .. } => 52,
        Read::ColumnsDeleted { .. } => 53,
        Read::NoneInWords { .. } => 54,
        Read::ColumnsOfOtherPeriodUntitled { .. } => 55,
        Read::SeasonPeriodAssumed { .. } => 56,
        Read::ColumnPlanByPercents { .. } => 57,
        Read::CountWithComma { .. } => 58,
        Read::YearFromMonths { .. } => 59,
        Read::YearNotMonthsSum { .. } => 60,
        Read::PivotSheet { .. } => 61,
        Read::ChartSheetLeftOut { .. } => 62,
    }
}

fn annexed_variant(a: &Annexed) -> usize {
    match a {
        Annexed::TableNotFound { .. } => 0,
        Annexed::DeadlineInvalid { .. } => 1,
        Annexed::DeadlineBefore { .. } => 2,
        Annexed::DeadlineAfter { .. } => 3,
        Annexed::LeadMissing { .. } => 4,
        Annexed::AgencyUnknown { .. } => 5,
        Annexed::TaskRepeated { .. } => 6,
        Annexed::TaskAlike { .. } => 7,
        Annexed::DeadlineNoSuchDay { .. } => 8,
        Annexed::SheetNotProgramme { .. } => 9,
        Annexed::TitledOtherPeriod { .. } => 10,
        Annexed::ProgrammeResent { .. } => 11,
        Annexed::SenderUnknown { .. } => 12,
        Annexed::NoTasks { .. } => 13,
        Annexed::DeadlineIsStatus { .. } => 14,
        Annexed::TableOfOtherPeriod { .. } => 15,
        Annexed::TaskOfLeadAndCoordinator { .. } => 16,
        Annexed::NothingSent { .. } => 17,
        Annexed::StatusContradicted { .. } => 18,
    }
}

fn prose_variant(p: &Prose) -> usize {
    match p {
        Prose::Percent { .. } => 0,
        Prose::TotalNotParts { .. } => 1,
        Prose::PartAboveTotal { .. } => 2,
        Prose::PartsAboveTotal { .. } => 3,
        Prose::TextVsTable { .. } => 4,
        Prose::TextVsTableQuarterOnly { .. } => 5,
        Prose::TextVsTableUncompared { .. } => 6,
        Prose::TextVsTableUnit { .. } => 7,
        Prose::TextVsTableBelowQuarter { .. } => 8,
        Prose::TextVsTableNoRow { .. } => 9,
    }
}

fn problem_variant(p: &RuleProblem) -> usize {
    match p {
        RuleProblem::NotANumber(_) => 0,
        RuleProblem::Unclosed => 1,
        RuleProblem::EmptyCode => 2,
        RuleProblem::Comparison => 3,
        RuleProblem::Character(_) => 4,
        RuleProblem::Paren => 5,
        RuleProblem::Operand => 6,
        RuleProblem::EndsEarly => 7,
        RuleProblem::Operator => 8,
        RuleProblem::Column(_) => 9,
    }
}

fn problems() -> Vec<RuleProblem> {
    vec![
        RuleProblem::NotANumber("1.2.3".into()),
        RuleProblem::Unclosed,
        RuleProblem::EmptyCode,
        RuleProblem::Comparison,
        RuleProblem::Character('#'),
        RuleProblem::Paren,
        RuleProblem::Operand,
        RuleProblem::EndsEarly,
        RuleProblem::Operator,
        RuleProblem::Column("%KH".into()),
    ]
}

/// The variants a list of samples covers, against the type's count.
fn covers(name: &str, seen: impl Iterator<Item = usize>, count: usize) {
    let seen: std::collections::BTreeSet<usize> = seen.collect();
    let missing: Vec<usize> = (0..count).filter(|i| !seen.contains(i)).collect();
    assert!(
        missing.is_empty(),
        "{name}: no sample of variants {missing:?}"
    );
}

/// English words a Vietnamese clerk would read as English.
const ENGLISH: &[&str] = &[
    "the", "is", "of", "and", "not", "file", "row", "column", "sum", "total", "expected", "found",
    "should", "must", "please", "cannot", "with", "sheet", "figure", "missing",
];

/// `text` without its «…» quotations and without the sample `names`.
fn own_words(text: &str, names: &[&str]) -> String {
    let mut t = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '«' => depth += 1,
            '»' => depth = depth.saturating_sub(1),
            _ if depth == 0 => t.push(c),
            _ => {}
        }
    }
    let mut names = names.to_vec();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for n in names {
        t = t.replace(n, " ");
    }
    t
}

fn english_in(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
    ENGLISH
        .iter()
        .copied()
        .filter(|w| words.contains(w))
        .collect()
}

/// A letter with a Vietnamese diacritic, or đ.
fn vietnamese_in(text: &str) -> Option<char> {
    text.chars().find(|c| c.is_alphabetic() && !c.is_ascii())
}

#[test]
fn every_fact_speaks_each_language_only() {
    let q = |s: &str| -> Period { s.parse().unwrap() };
    let others = vec!["phuong-07 (bản sửa).xlsx".to_string()];
    let sheets = vec!["Sheet1".to_string(), "Biểu 2".to_string()];
    let level = level();
    let problems = problems();
    let said = intake(q("2020-Q1"), q("2019-Q4"), &others);
    let checked: Vec<Checked> = problems.iter().flat_map(|p| checks(&level, p)).collect();
    let read = reading();
    let annexed = annex(q("2020-Q2"), &sheets);
    let prose = prose();
    covers("Said", said.iter().map(said_variant), 58);
    covers("Checked", checked.iter().map(checked_variant), 52);
    covers("Read", read.iter().map(read_variant), 63);
    covers("Annexed", annexed.iter().map(annexed_variant), 19);
    covers("Prose", prose.iter().map(prose_variant), 10);
    covers("RuleProblem", problems.iter().map(problem_variant), 10);

    let mut facts: Vec<&dyn Words> = Vec::new();
    facts.extend(said.iter().map(|w| w as &dyn Words));
    facts.extend(checked.iter().map(|w| w as &dyn Words));
    facts.extend(read.iter().map(|w| w as &dyn Words));
    facts.extend(annexed.iter().map(|w| w as &dyn Words));
    facts.extend(prose.iter().map(|w| w as &dyn Words));
    let mut names: Vec<&str> = NAMES.to_vec();
    names.extend(others.iter().map(String::as_str));
    names.extend(sheets.iter().map(String::as_str));
    names.extend([
        "UBND PHƯỜNG 17",
        "UBND PHƯỜNG 1",
        "Số hộ gia đình văn hóa",
        "Rà soát thủ tục hành chính năm 2020",
        "Rà soát thủ tục hành chính",
        "Phòng Tư pháp quận",
        "Phòng Tư pháp",
        "Phường 12",
        "Phường 13",
        "tăng 8,1%",
        "tăng 8,2%",
        // A change said as a count, and a figure's note, as typed.
        "tăng 2 hồ sơ",
        "3 (tăng 1 hồ sơ)",
        "tăng 1 hồ sơ",
        // The form's notes column, by its header.
        "Ghi chú",
        // A %CK column's headers, quoted.
        "Tăng, giảm cùng kỳ",
        "So sánh (%) Ước TH/CK",
        "So với cùng kỳ (%)",
        // Two figure columns' headers, quoted.
        "Lũy kế 6 tháng đầu năm 2026",
        "Thực hiện quý II/2026",
        // A rule of the catalog by its indicators' names.
        "HC02 = HC03 + HC04 (HC02 Hồ sơ thủ tục hành chính đã giải quyết; HC03 giải quyết đúng hạn; HC04 giải quyết trễ hạn)",
        // A catalog's unit, the office's own word.
        "triệu đồng",
        "hồ sơ",
        "bác sĩ/vạn dân",
        // The units of money a figure is written in, as the text writes them.
        "tỷ đồng",
        "đồng",
        // A rate's indicators, by the catalog's names.
        "HC08 Tỷ lệ hài lòng",
        "Lượt đánh giá hài lòng",
        "Tổng số lượt đánh giá",
        // A month's sheet inside the quarter's report, and the indicator
        // copied from it.
        "Tháng 3",
        "Quý I/2026",
        "HC01 Hồ sơ thủ tục hành chính đã tiếp nhận",
        // The other figure of a relation a stock's LK breaks, by the
        // catalog's name, and a unit's note on its row, as written.
        "Diện tích đất tự nhiên",
        "Lễ hội cuối tháng 8",
    ]);
    let mut wrong = Vec::new();
    for f in &facts {
        let (vi, en) = (f.words(Lang::Vi), f.words(Lang::En));
        assert!(!vi.is_empty() && !en.is_empty(), "{}", f.code());
        let english = english_in(&own_words(&vi, &names));
        if !english.is_empty() {
            wrong.push(format!("vi {english:?}: {vi}"));
        }
        if let Some(c) = vietnamese_in(&own_words(&en, &names)) {
            wrong.push(format!("en '{c}': {en}"));
        }
    }
    for p in &problems {
        if !english_in(&p.words(Lang::Vi)).is_empty() {
            wrong.push(format!("vi: {}", p.words(Lang::Vi)));
        }
        if vietnamese_in(&p.words(Lang::En)).is_some() {
            wrong.push(format!("en: {}", p.words(Lang::En)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // Every code of the catalog is said by some fact: no finding is
    // worded anywhere else (Finding::said is the only way to make one).
    let said_codes: std::collections::BTreeSet<Code> = facts.iter().map(|f| f.code()).collect();
    let unsaid: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !said_codes.contains(c))
        .map(|c| c.as_str())
        .collect();
    assert!(unsaid.is_empty(), "codes no fact says: {unsaid:?}");
}

#[test]
fn english_counts_agree_with_their_nouns() {
    let level = level();
    let en = |w: &dyn Words| w.words(Lang::En);
    let unchecked = |count| Checked::TotalUnchecked {
        unit: "Văn phòng",
        count,
        codes: "AN10",
        column: ValueColumn::Lk,
        level: &level,
        units: "Phường 10",
        silent: "",
    };
    assert!(en(&unchecked(1)).contains(": 1 indicator in column LK (AN10) was not compared"));
    assert!(en(&unchecked(2)).contains(": 2 indicators in column LK (AN10) were not compared"));
    let skipped = |places| Checked::RelationSkipped {
        formula: "HC02 == HC03 + HC04",
        column: ValueColumn::Th,
        places,
        named: &[],
    };
    assert!(en(&skipped(1)).contains("checked in 1 place because"));
    assert!(en(&skipped(3)).contains("checked in 3 places because"));
    let evaluated = |count| Read::FormulaEvaluated {
        file: "phuong-15.xlsx",
        count,
    };
    assert!(en(&evaluated(1)).contains("has 1 formula without"));
    let named = vec!["KT03 «Doanh nghiệp thành lập mới»".to_string()];
    let missing = Said::IndicatorMissing {
        unit: "Phường 12",
        count: 1,
        named: &named,
        more: 0,
    };
    assert!(en(&missing).contains("'s form lacks 1 indicator it must report"));
    assert!(en(&evaluated(62)).contains("has 62 formulas without"));
}
