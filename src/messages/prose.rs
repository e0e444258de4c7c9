//! The words of check-text's findings about a report's prose: percents
//! against their figures, totals against their parts, figures against the
//! consolidated table. Figures come formatted as the text would write
//! them ("17,29%", "tăng 8,1%").

use super::Words;
use crate::diagnostic::{Code, Lang};

/// The facts of a finding about the prose.
pub enum Prose<'a> {
    /// `pct-mismatch` (`pct-rounding` when `rounding`): the text states
    /// the percent `stated` where `ops` ("145,2/840") gives `right`.
    Percent {
        stated: &'a str,
        ops: &'a str,
        right: &'a str,
        rounding: bool,
    },
    /// `sum-mismatch`: the `total` and its complete `parts` ("120 +
    /// 80"), which add up to `sum`, differ (an error); or its parts in
    /// brackets, `presumed` complete (a warning).
    TotalNotParts {
        total: &'a str,
        parts: &'a str,
        sum: &'a str,
        presumed: bool,
    },
    /// `sum-mismatch` (an error): the `part` is larger than its `total`.
    PartAboveTotal { part: &'a str, total: &'a str },
    /// `sum-mismatch` (a warning): the `parts` of a partial list add up
    /// to `sum`, above the `total`.
    PartsAboveTotal {
        parts: &'a str,
        sum: &'a str,
        total: &'a str,
    },
    /// `text-vs-table`: the text states `stated` for `indicator` (its code and name: `DO01 «Giấy phép xây dựng đã cấp»`)
    /// where the consolidated table has `table`: the LK, or the TH when
    /// `quarter` (the text names the quarter, or the table has no LK).
    TextVsTable {
        stated: &'a str,
        indicator: &'a str,
        table: &'a str,
        quarter: bool,
        /// The table's figure is itself marked as an error in the
        /// workbook: the text is not asked to follow it.
        disputed: bool,
    },
    /// `text-vs-table` (a warning): the text states `stated` for the
    /// flow `indicator`, naming no period, where the table has the quarter's
    /// TH `table` only (no LK): it may be the months from January.
    TextVsTableQuarterOnly {
        stated: &'a str,
        indicator: &'a str,
        table: &'a str,
    },
    /// `text-vs-table` (an error): the text states `stated` as the flow
    /// `indicator`'s months from January ("9 tháng đầu năm"), where the table
    /// has no LK but the quarter's TH `table` alone is more: no total
    /// from January is below its own last quarter.
    TextVsTableBelowQuarter {
        stated: &'a str,
        indicator: &'a str,
        table: &'a str,
    },
    /// `text-vs-table` (an error): the money `stated` ("17,8 tỷ đồng")
    /// for `indicator` is the table's `table` ("17.800.000 đồng")
    /// written in the `wrong` unit: it is `right` ("17,8 triệu đồng").
    TextVsTableUnit {
        stated: &'a str,
        indicator: &'a str,
        table: &'a str,
        right: &'a str,
        wrong: &'a str,
    },
    /// `text-vs-table` (an info, one a run): `count` figures named an
    /// indicator but the table has no figure of their period (`claims`:
    /// "DO01 (dòng 37)", …).
    TextVsTableUncompared { count: usize, claims: &'a str },
    /// `text-vs-table` (one a run): `count` figures named an indicator
    /// of the template (`claims`) that has no row in the table. When
    /// `other_template`, none of the table's codes (`table_codes`) is
    /// the template's: the table was consolidated under another template
    /// (a warning: nothing was compared); else only some rows are
    /// missing (an info).
    TextVsTableNoRow {
        count: usize,
        claims: &'a str,
        table_codes: &'a str,
        other_template: bool,
    },
}

impl Words for Prose<'_> {
    fn code(&self) -> Code {
        match self {
            Prose::Percent { rounding: true, .. } => Code::PctRounding,
            Prose::Percent { .. } => Code::PctMismatch,
            Prose::TotalNotParts { .. }
            | Prose::PartAboveTotal { .. }
            | Prose::PartsAboveTotal { .. } => Code::SumMismatch,
            Prose::TextVsTable { .. }
            | Prose::TextVsTableQuarterOnly { .. }
            | Prose::TextVsTableBelowQuarter { .. }
            | Prose::TextVsTableUnit { .. }
            | Prose::TextVsTableUncompared { .. }
            | Prose::TextVsTableNoRow { .. } => Code::TextVsTable,
        }
    }

    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (Prose::Percent { stated, ops, right, rounding: true }, Lang::Vi) => format!("Tỷ lệ ghi {stated} chỉ lệch do làm tròn: {ops} làm tròn là {right}; nên ghi {right}."),
            (Prose::Percent { stated, ops, right, rounding: true }, Lang::En) => format!("The percent reads {stated} and is off by rounding only: {ops} rounds to {right}; write {right}."),
            (Prose::Percent { stated, ops, right, .. }, Lang::Vi) => format!("Tỷ lệ ghi {stated} nhưng {ops} cho {right}: sửa thành {right} hoặc kiểm tra lại các số dùng để tính."),
            (Prose::Percent { stated, ops, right, .. }, Lang::En) => format!("The percent reads {stated} but {ops} gives {right}: write {right} or check the figures it is computed from."),
            (Prose::TotalNotParts { total, parts, sum, presumed: false }, Lang::Vi) => format!("Tổng {total} và tổng các phần {parts} = {sum} phải bằng nhau; một trong các số này sai: kiểm tra lại tổng và từng phần."),
            (Prose::TotalNotParts { total, parts, sum, presumed: false }, Lang::En) => format!("The total {total} and the sum of its parts {parts} = {sum} must be equal; one of them is wrong: check the total and each part."),
            (Prose::TotalNotParts { total, parts, sum, presumed: true }, Lang::Vi) => format!("Nếu trong ngoặc là đủ các phần của tổng {total} thì {parts} = {sum} phải bằng {total}; một trong các số này sai, hoặc ghi «trong đó» trước các phần nếu chỉ kể một số phần."),
            (Prose::TotalNotParts { total, parts, sum, presumed: true }, Lang::En) => format!("If the bracket lists every part of the total {total}, its parts {parts} = {sum} must equal it; one of the figures is wrong, or write «trong đó» before the parts when only some are listed."),
            (Prose::PartAboveTotal { part, total }, Lang::Vi) => format!("Phần {part} lớn hơn tổng {total} chứa nó; một trong hai số sai: kiểm tra lại cả hai."),
            (Prose::PartAboveTotal { part, total }, Lang::En) => format!("The part {part} is larger than the total {total} it belongs to; one of them is wrong: check both."),
            (Prose::PartsAboveTotal { parts, sum, total }, Lang::Vi) => format!("Các phần {parts} = {sum} vượt tổng {total}; trừ khi các phần tính trùng nhau (một đối tượng thuộc hai phần), một trong các số này sai."),
            (Prose::PartsAboveTotal { parts, sum, total }, Lang::En) => format!("The parts {parts} = {sum} exceed the total {total}; unless the parts overlap (one item counted in two), one of these figures is wrong."),
            (Prose::TextVsTable { stated, indicator, table, quarter, disputed: true }, Lang::Vi) => format!("Văn bản ghi {stated} cho chỉ tiêu {indicator}, bảng tổng hợp có {} {table}, nhưng số trong bảng tổng hợp đang bị đánh dấu lỗi: chưa biết số nào đúng. Hãy xử lý lỗi của bảng trước (xem ghi chú của ô trong tong-hop.xlsx) rồi đối chiếu lại; không sửa văn bản theo số này.", if *quarter { "số thực hiện trong quý" } else { "lũy kế" }),
            (Prose::TextVsTable { stated, indicator, table, quarter, disputed: true }, Lang::En) => format!("The text reads {stated} for indicator {indicator}; the consolidated table has {table} ({}), but that figure of the table is itself marked as an error: which is right is not known. Resolve the table's error first (see the cell's note in tong-hop.xlsx), then compare again; do not correct the text to it.", if *quarter { "this quarter" } else { "cumulative" }),
            (Prose::TextVsTable { stated, indicator, table, quarter: false, .. }, Lang::Vi) => format!("Văn bản ghi {stated} cho chỉ tiêu {indicator} nhưng bảng tổng hợp có lũy kế {table}: sửa số trong văn bản hoặc kiểm tra lại bảng."),
            (Prose::TextVsTable { stated, indicator, table, quarter: false, .. }, Lang::En) => format!("The text reads {stated} for indicator {indicator} but the consolidated table has {table} (cumulative): correct the text or check the table."),
            (Prose::TextVsTable { stated, indicator, table, quarter: true, .. }, Lang::Vi) => format!("Văn bản ghi {stated} cho chỉ tiêu {indicator} nhưng bảng tổng hợp có số thực hiện trong quý {table}: sửa số trong văn bản hoặc kiểm tra lại bảng."),
            (Prose::TextVsTable { stated, indicator, table, quarter: true, .. }, Lang::En) => format!("The text reads {stated} for indicator {indicator} but the consolidated table has {table} (this quarter): correct the text or check the table."),
            (Prose::TextVsTableQuarterOnly { stated, indicator, table }, Lang::Vi) => format!("Văn bản ghi {stated} cho chỉ tiêu {indicator} nhưng bảng tổng hợp chỉ có số thực hiện trong quý {table}, không có lũy kế: nếu {stated} là số của quý thì sửa lại; nếu là lũy kế từ đầu năm, ghi rõ kỳ (như «9 tháng đầu năm») và tổng hợp lại với --previous để bảng có lũy kế."),
            (Prose::TextVsTableQuarterOnly { stated, indicator, table }, Lang::En) => format!("The text reads {stated} for indicator {indicator} but the consolidated table has only this quarter's {table}, no cumulative figure: if {stated} is the quarter's, correct it; if it is the total from January, name the period (such as «9 tháng đầu năm») and consolidate again with --previous so that the table has it."),
            (Prose::TextVsTableBelowQuarter { stated, indicator, table }, Lang::Vi) => format!("Văn bản ghi lũy kế từ đầu năm {stated} cho chỉ tiêu {indicator} nhưng riêng số thực hiện trong quý ở bảng tổng hợp đã là {table}: lũy kế không thể nhỏ hơn số của quý; sửa số trong văn bản hoặc kiểm tra lại bảng."),
            (Prose::TextVsTableBelowQuarter { stated, indicator, table }, Lang::En) => format!("The text reads {stated} from January for indicator {indicator} but the consolidated table has {table} for this quarter alone: the total from January cannot be less than the quarter's; correct the figure or check the table."),
            (Prose::TextVsTableUnit { stated, indicator, table, right, wrong }, Lang::Vi) => format!("Văn bản ghi {stated} cho chỉ tiêu {indicator} nhưng bảng tổng hợp có {table}, tức {right}: sai đơn vị, ghi {right}, không phải {wrong}."),
            (Prose::TextVsTableUnit { stated, indicator, table, right, wrong }, Lang::En) => format!("The text reads {stated} for indicator {indicator} but the consolidated table has {table}, that is {right}: the unit is wrong; write {right}, not {wrong}."),
            (Prose::TextVsTableUncompared { count, claims }, Lang::Vi) => format!("{count} số liệu trong văn bản gắn với chỉ tiêu của danh mục nhưng chưa so được với bảng tổng hợp vì bảng không có số của kỳ đó: {claims}. Kiểm tra các số này bằng tay, hoặc tổng hợp lại với --previous để bảng có lũy kế."),
            (Prose::TextVsTableUncompared { count, claims }, Lang::En) => format!("{count} figures of the text name an indicator of the catalog but could not be compared with the consolidated table, which has no figure of their period: {claims}. Check them by hand, or consolidate again with --previous so that the table has the cumulative figures."),
            (Prose::TextVsTableNoRow { count, claims, table_codes, other_template: true }, Lang::Vi) => format!("{count} số liệu trong văn bản gắn với chỉ tiêu của mẫu biểu đang dùng nhưng chưa so được với bảng tổng hợp, vì bảng được tổng hợp theo một mẫu biểu khác: không mã chỉ tiêu nào của bảng ({table_codes}) có trong mẫu biểu này. Các số chưa so: {claims}. Chạy lại check-text với --template là thư mục mẫu biểu đã dùng khi tổng hợp bảng này."),
            (Prose::TextVsTableNoRow { count, claims, table_codes, other_template: true }, Lang::En) => format!("{count} figures of the text name an indicator of the template in use but could not be compared with the consolidated table, which was consolidated under another template: none of the table's codes ({table_codes}) is in this template. Figures not compared: {claims}. Run check-text again with --template set to the template folder the table was consolidated with."),
            (Prose::TextVsTableNoRow { count, claims, .. }, Lang::Vi) => format!("{count} số liệu trong văn bản gắn với chỉ tiêu của mẫu biểu nhưng chưa so được vì bảng tổng hợp không có dòng của chỉ tiêu đó: {claims}. Kiểm tra các số này bằng tay; nếu bảng được tổng hợp theo mẫu biểu khác, chạy lại check-text với --template là mẫu biểu đó."),
            (Prose::TextVsTableNoRow { count, claims, .. }, Lang::En) => format!("{count} figures of the text name an indicator of the template but could not be compared: the consolidated table has no row of that indicator: {claims}. Check them by hand; if the table was consolidated under another template, run check-text again with --template set to it."),
        }
    }
}
