//! Writes the sample task workbooks of `samples/2020-Q2-annex/`: the
//! departments' programmes of key tasks for Q2 2020 in the layouts they
//! really send (section rows; a "Lĩnh vực" column under a two-row header;
//! no field at all; one combined workbook of two departments), with the
//! mistakes listed in `samples/README.md` (section on `samples/2020-Q2-annex/`) planted on purpose.
//!
//! Run from the repository root:
//!
//! ```text
//! cargo run --example make_annex_samples [OUT_DIR]
//! ```
//!
//! The output is deterministic (fixed document dates), so re-running it
//! changes nothing unless this file changes.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::path::{Path, PathBuf};

/// A cell of a sample row: text, or a date (day, month, year).
enum V {
    T(&'static str),
    Date(u8, u8, u16),
}

use V::{Date, T};

fn new_workbook() -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let when = ExcelDateTime::from_ymd(2020, 4, 3)?;
    wb.set_properties(
        &DocProperties::new()
            .set_author("tonghop samples")
            .set_creation_datetime(&when),
    );
    Ok(wb)
}

fn fmt() -> Format {
    Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(12)
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
}

/// Writes rows starting at `first`, column A onward; empty strings are
/// left blank.
fn write_rows(ws: &mut Worksheet, first: u32, rows: &[&[V]]) -> Result<(), XlsxError> {
    let cell = fmt();
    let date = fmt().set_num_format("dd/mm/yyyy");
    for (k, row) in rows.iter().enumerate() {
        let r = first + k as u32;
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            match v {
                T("") => {
                    ws.write_blank(r, c, &cell)?;
                }
                T(s) => {
                    ws.write_string_with_format(r, c, *s, &cell)?;
                }
                Date(d, m, y) => {
                    ws.write_datetime_with_format(
                        r,
                        c,
                        ExcelDateTime::from_ymd(*y, *m, *d)?,
                        &date,
                    )?;
                }
            }
        }
    }
    Ok(())
}

fn titles(ws: &mut Worksheet, lines: &[&str]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_font_name("Times New Roman");
    for (r, l) in lines.iter().enumerate() {
        if !l.is_empty() {
            ws.write_string_with_format(r as u32, 0, *l, &bold)?;
        }
    }
    Ok(())
}

/// Phòng Tài chính - Kế hoạch: section rows, a row of column numbers, a
/// continued content, a date cell, a signature block.
fn p_tckh(out: &Path) -> Result<(), XlsxError> {
    let mut wb = new_workbook()?;
    let ws = wb.add_worksheet().set_name("Chương trình")?;
    titles(
        ws,
        &[
            "UBND QUẬN 3",
            "PHÒNG TÀI CHÍNH - KẾ HOẠCH",
            "CHƯƠNG TRÌNH CÔNG TÁC TRỌNG TÂM QUÝ II/2020",
        ],
    )?;
    ws.write_string(0, 3, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")?;
    for (c, w) in [6.0, 55.0, 16.0, 20.0, 28.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    write_rows(
        ws,
        4,
        &[
            &[
                T("TT"),
                T("Nội dung"),
                T("Tiến độ"),
                T("Cơ quan chủ trì"),
                T("Cơ quan phối hợp"),
            ],
            &[T("(1)"), T("(2)"), T("(3)"), T("(4)"), T("(5)")],
            &[
                T("I"),
                T("VỀ KINH TẾ - TÀI CHÍNH - NGÂN SÁCH"),
                T(""),
                T(""),
                T(""),
            ],
            &[
                T("1"),
                T("Tổ chức thu ngân sách nhà nước quý II/2020,\n  phấn đấu đạt 50% dự toán năm "),
                T("Quý II/2020"),
                T("PTCKH"),
                T("Chi cục Thuế quận, UBND 16 phường"),
            ],
            &[
                T("2"),
                T("Rà soát, cập nhật danh mục dự án đầu tư công trung hạn giai đoạn 2021-2025"),
                T("Tháng 5/2020"),
                T("P.TCKH"),
                T("Phòng QLĐT, Ban QLDA"),
            ],
            &[
                T("3"),
                T("Lập báo cáo quyết toán ngân sách năm 2019"),
                T("Quý I/2020"),
                T("Phòng TCKH"),
                T("Phòng Kế toán"),
            ],
            &[
                T(""),
                T("II/. Đầu tư xây dựng cơ bản:"),
                T(""),
                T(""),
                T(""),
            ],
            &[
                T("4"),
                T("Đôn đốc giải ngân vốn đầu tư công năm 2020"),
                T("Cả năm 2020"),
                T("Phòng Tài chính - Kế hoạch"),
                T("Ban QLDA, các đơn vị liên quan"),
            ],
            &[
                T(""),
                T("báo cáo UBND quận hằng tháng"),
                T(""),
                T(""),
                T(""),
            ],
            &[
                T("5"),
                T("Thẩm định quyết toán các công trình hoàn thành"),
                Date(15, 6, 2020),
                T("P.TCKH"),
                T("Ban QLDA"),
            ],
        ],
    )?;
    ws.write_string(16, 3, "TRƯỞNG PHÒNG")?;
    wb.save(out.join("p-tckh.xlsx"))
}

/// Phòng Quản lý đô thị: a "Lĩnh vực" column and a two-row header
/// ("Cơ quan thực hiện" over "Chủ trì" | "Phối hợp").
fn p_qldt(out: &Path) -> Result<(), XlsxError> {
    let mut wb = new_workbook()?;
    let ws = wb.add_worksheet().set_name("Quý II")?;
    titles(
        ws,
        &[
            "ỦY BAN NHÂN DÂN QUẬN 3",
            "PHÒNG QUẢN LÝ ĐÔ THỊ",
            "KẾ HOẠCH CÔNG TÁC QUÝ II NĂM 2020",
        ],
    )?;
    for (c, w) in [6.0, 16.0, 50.0, 16.0, 16.0, 24.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let head = fmt().set_bold().set_align(FormatAlign::Center);
    for (c, h) in [
        "STT",
        "Lĩnh vực",
        "Nội dung công việc",
        "Thời gian thực hiện",
    ]
    .iter()
    .enumerate()
    {
        ws.merge_range(4, c as u16, 5, c as u16, h, &head)?;
    }
    ws.merge_range(4, 4, 4, 5, "Cơ quan thực hiện", &head)?;
    ws.write_string_with_format(5, 4, "Chủ trì", &head)?;
    ws.write_string_with_format(5, 5, "Phối hợp", &head)?;
    write_rows(
        ws,
        6,
        &[
            &[
                T("1"),
                T("Đô thị"),
                T("Ra quân lập lại trật tự lòng lề đường trên các tuyến đường chính"),
                T("Quý II/2020"),
                T("P.QLĐT"),
                T("Công an quận; UBND 16 phường"),
            ],
            &[
                T("2"),
                T("Đô thị"),
                T("Kiểm tra, xử lý vi phạm trật tự xây dựng đối với công trình xây dựng không phép"),
                T("Tháng 9/2020"),
                T("Phòng QLĐT"),
                T("Thanh tra quận"),
            ],
            &[
                T("3"),
                T("Đầu tư xây dựng cơ bản"),
                T("Rà soát, cập nhật danh mục dự án đầu tư công trung hạn giai đoạn 2021 - 2025"),
                T("Tháng 6/2020"),
                T("P.QLĐT"),
                T("Phòng TCKH"),
            ],
            &[
                T("4"),
                T("Tài nguyên - môi trường"),
                T("Hoàn thành kế hoạch sử dụng đất năm 2020"),
                T("Trước ngày 31/3/2020"),
                T("Phòng TNMT"),
                T("UBND các phường"),
            ],
            &[
                T("5"),
                T("Đô thị"),
                T("Chỉnh trang vỉa hè tuyến đường Nguyễn Thị Minh Khai"),
                T("Sớm nhất có thể"),
                T(""),
                T("Ban QLDA"),
            ],
            &[
                T("6"),
                T("Giao thông"),
                T("Sơn kẻ vạch, bổ sung biển báo giao thông tại các nút giao thông"),
                T("Tháng 5, 6/2020"),
                T("P.QLĐT"),
                T("Công an quận, Đội Thanh tra đô thị"),
            ],
        ],
    )?;
    wb.save(out.join("p-qldt.xlsx"))
}

/// Phòng Văn hóa và Thông tin: no field at all (the department's default
/// field), a content merged down two rows with a second coordinating
/// agency in the lower row.
fn p_vhtt(out: &Path) -> Result<(), XlsxError> {
    let mut wb = new_workbook()?;
    let ws = wb.add_worksheet().set_name("Sheet1")?;
    titles(ws, &["UBND QUẬN 3", "PHÒNG VĂN HÓA VÀ THÔNG TIN"])?;
    for (c, w) in [6.0, 55.0, 16.0, 20.0, 28.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    write_rows(
        ws,
        3,
        &[
            &[
                T("STT"),
                T("Nội dung"),
                T("Thời gian hoàn thành"),
                T("Đơn vị chủ trì"),
                T("Đơn vị phối hợp"),
            ],
            &[T("1"), T(""), T("Tháng 4/2020"), T("Phòng VHTT"), T("Quận đoàn")],
            &[T(""), T(""), T(""), T(""), T("Hội LHPN quận")],
            &[
                T("2"),
                T("Tổ chức triển khai thực hiện công tác tuyên truyền phòng chống dịch COVID-19 trên địa bàn quận năm 2020"),
                T("Cả năm"),
                T("Phòng VH-TT"),
                T("UBND các phường"),
            ],
            &[
                T("3"),
                T("Tổ chức triển khai thực hiện công tác kiểm tra kinh doanh karaoke trên địa bàn quận năm 2020"),
                T("Quý II/2020"),
                T("Phòng VHTT"),
                T("Công an quận"),
            ],
            &[
                T("4"),
                T("Kiểm tra hoạt động kinh doanh dịch vụ văn hóa, quảng cáo năm 2020"),
                T("Quý II/2020"),
                T("Phòng VHTT"),
                T("Công an quận"),
            ],
            &[
                T("5"),
                T("Kiểm tra hoạt động kinh doanh dịch vụ văn hóa, quảng cáo trên địa bàn quận năm 2019"),
                T("Quý II/2020"),
                T("Phòng VHTT"),
                T("UBND 16 phường"),
            ],
            &[
                T("6"),
                T("Cập nhật tin bài trên Cổng thông tin điện tử quận"),
                T("Thường xuyên"),
                T("Phòng VHTT"),
                T("Văn phòng HĐND và UBND quận"),
            ],
        ],
    )?;
    ws.merge_range(
        4,
        1,
        5,
        1,
        "Tổ chức các hoạt động kỷ niệm 45 năm Ngày Giải phóng miền Nam, thống nhất đất nước (30/4/1975 - 30/4/2020)",
        &fmt(),
    )?;
    wb.save(out.join("p-vhtt.xlsx"))
}

/// One combined workbook of two departments, a sheet each: Công an quận
/// (no field: its default) and Phòng Nội vụ (section rows IV and V).
fn combined(out: &Path) -> Result<(), XlsxError> {
    let mut wb = new_workbook()?;
    let header = [
        T("TT"),
        T("Nội dung"),
        T("Tiến độ"),
        T("Cơ quan chủ trì"),
        T("Cơ quan phối hợp"),
    ];
    {
        let ws = wb.add_worksheet().set_name("Công an quận")?;
        titles(ws, &["CÔNG AN QUẬN 3", "NHIỆM VỤ TRỌNG TÂM QUÝ II/2020"])?;
        write_rows(
            ws,
            3,
            &[
                &header,
                &[
                    T("1"),
                    T("Mở đợt cao điểm tấn công trấn áp tội phạm, bảo đảm an ninh trật tự dịp lễ 30/4 và 1/5"),
                    T("Tháng 4, 5/2020"),
                    T("Công an quận"),
                    T("UBND 16 phường"),
                ],
                &[
                    T("2"),
                    T("Tuần tra, kiểm soát, xử lý vi phạm trật tự an toàn giao thông"),
                    T("Quý II/2020"),
                    T("Đội Cảnh sát giao thông"),
                    T("CAQ"),
                ],
            ],
        )?;
    }
    {
        let ws = wb.add_worksheet().set_name("Phòng Nội vụ")?;
        titles(ws, &["PHÒNG NỘI VỤ", "NHIỆM VỤ TRỌNG TÂM QUÝ II/2020"])?;
        write_rows(
            ws,
            3,
            &[
                &header,
                &[
                    T("IV"),
                    T("NỘI CHÍNH - TỔ CHỨC BỘ MÁY"),
                    T(""),
                    T(""),
                    T(""),
                ],
                &[
                    T("1"),
                    T("Tuyển dụng viên chức giáo dục năm 2020"),
                    T("Quý II, III/2020"),
                    T("P.NV"),
                    T("Phòng GDĐT"),
                ],
                &[
                    T("2"),
                    T("Tổng kết công tác thi đua, khen thưởng năm học 2019 - 2020"),
                    T("Tháng 6/2020"),
                    T("Phòng Nội vụ"),
                    T("Phòng GD-ĐT, Hội đồng tuyển sinh quận"),
                ],
                &[
                    T("3"),
                    T("Tuyển dụng  viên chức Giáo dục năm 2020."),
                    T("Quý II/2020"),
                    T("Phòng Nội vụ"),
                    T("Phòng GDĐT"),
                ],
                &[T("V"), T("CẢI CÁCH HÀNH CHÍNH"), T(""), T(""), T("")],
                &[
                    T("1"),
                    T("Kiểm tra công tác cải cách hành chính tại Phòng Tư pháp"),
                    T("Tháng 5/2020"),
                    T("P.NV"),
                    T("Văn phòng HĐND và UBND quận"),
                ],
                &[
                    T("2"),
                    T("Kiểm tra công tác cải cách hành chính tại Phòng Tài nguyên và Môi trường"),
                    T("Tháng 6/2020"),
                    T("P.NV"),
                    T("Văn phòng HĐND và UBND quận"),
                ],
            ],
        )?;
    }
    wb.save(out.join("tong-hop-noi-chinh.xlsx"))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("samples/2020-Q2-annex"));
    std::fs::create_dir_all(&out)?;
    p_tckh(&out)?;
    p_qldt(&out)?;
    p_vhtt(&out)?;
    combined(&out)?;
    // A web page saved as .xlsx by a web system: read as a table (issue 3),
    // but it holds no task table (no deadline or lead agency column).
    std::fs::write(
        out.join("p-tnmt.xlsx"),
        "<html><body><table><tr><td>TT</td><td>Nội dung</td></tr></table></body></html>\n",
    )?;
    // A note that is no workbook: skipped, and said so.
    std::fs::write(
        out.join("ghi-chu.txt"),
        "Phòng TN-MT gửi lại biểu sau (tệp p-tnmt.xlsx xuất từ phần mềm không mở được).\n",
    )?;
    println!("samples written to {}", out.display());
    Ok(())
}
