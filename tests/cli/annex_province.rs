//! `tonghop annex` at province scale, on what tester CP's batch of 40
//! senders showed (the province's template, `templates/province`):
//! agencies written with their own unit or cut at «và», a đặc khu's own
//! bodies, the Mid-Autumn festival as a deadline, a blank form and last
//! quarter's table sent again. Each case with its near miss.

use crate::annex::{annex_tasks, task_findings, write_task_table};
use crate::common::{repo, tonghop};

/// Runs `annex` on a folder with the province's template; the output
/// folder, the exit code and the findings as (severity, code, unit, cell,
/// actual, expected).
fn run_province(
    dir: &std::path::Path,
    period: &str,
) -> (
    tempfile::TempDir,
    i32,
    Vec<[String; 6]>,
    Vec<serde_json::Value>,
) {
    let out = tempfile::tempdir().unwrap();
    let run = tonghop()
        .arg("annex")
        .arg(dir)
        .args(["--period", period, "--lang", "vi", "--template"])
        .arg(repo().join("templates/province"))
        .arg("--out")
        .arg(out.path())
        .assert();
    let code = run.get_output().status.code().unwrap();
    let all = task_findings(&out.path().join("errors.json"));
    let found = all
        .iter()
        .map(|f| {
            ["severity", "code", "unit", "cell", "actual", "expected"]
                .map(|k| f[k].as_str().unwrap_or_default().to_string())
        })
        .collect();
    (out, code, found, all)
}

fn finding(f: [&str; 6]) -> [String; 6] {
    f.map(String::from)
}

#[test]
fn a_police_unit_in_brackets_and_a_name_holding_va_are_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    write_task_table(
        dir.path(),
        "CAT - nhiem vu trong tam Q3.2020.xlsx",
        "CÔNG AN TỈNH - NHIỆM VỤ TRỌNG TÂM QUÝ III NĂM 2020",
        &[
            vec![
                "1",
                "Triển khai cấp căn cước công dân gắn chíp điện tử",
                "Thường xuyên",
                "CA tỉnh (PC06)",
                "",
            ],
            vec![
                "2",
                "Tham mưu kế hoạch đầu tư công trung hạn 2021-2025",
                "Trước ngày 15/9/2020",
                "Sở Kế hoạch và Đầu tư",
                "Sở Kế hoạch và Đầu tư",
            ],
            // Near misses: two bodies joined by «và» stay two; capitals
            // that stand for no registry name keep their bracket unknown.
            vec![
                "3",
                "Kiểm tra an toàn thực phẩm các bếp ăn tập thể",
                "Tháng 8/2020",
                "Sở Tài chính và Sở Y tế",
                "Sở Nông nghiệp và Môi trường",
            ],
            vec![
                "4",
                "Tuần tra kiểm soát trên các tuyến đường thủy nội địa",
                "Quý III/2020",
                "CB tỉnh (PC07)",
                "",
            ],
        ],
        &[],
    );
    let (out, code, found, all) = run_province(dir.path(), "2020-Q3");
    assert_eq!(code, 1);
    assert_eq!(
        found,
        [
            finding([
                "error",
                "agency-unknown",
                "CAT",
                "D5",
                "Sở Kế hoạch và Đầu tư",
                ""
            ]),
            finding([
                "warning",
                "agency-unknown",
                "CAT",
                "E5",
                "Sở Kế hoạch và Đầu tư",
                ""
            ]),
            finding(["error", "agency-unknown", "CAT", "D7", "CB tỉnh (PC07)", ""]),
        ]
    );
    let msg = all[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("«Sở Kế hoạch và Đầu tư» không có trong danh sách"),
        "{msg}"
    );
    assert!(!msg.contains("có phải"), "{msg}");
    let tasks = annex_tasks(out.path());
    let agencies: Vec<[&str; 2]> = tasks
        .iter()
        .map(|t| [t[1].as_str(), t[2].as_str()])
        .collect();
    assert_eq!(
        agencies,
        [
            ["Công an tỉnh (PC06)", ""],
            ["Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư"],
            ["Sở Tài chính, Sở Y tế", "Sở NN&MT"],
            ["CB tỉnh (PC07)", ""],
        ]
    );
}

#[test]
fn the_mid_autumn_festival_is_a_deadline_by_its_lunar_day() {
    let dir = tempfile::tempdir().unwrap();
    write_task_table(
        dir.path(),
        "p05-phuong-An-Lac-CTCT-Q3-2020.xlsx",
        "UBND PHƯỜNG AN LẠC - CHƯƠNG TRÌNH CÔNG TÁC QUÝ III NĂM 2020",
        &[
            vec![
                "1",
                "Tổ chức vui Tết Trung thu năm 2020 cho thiếu nhi phường An Lạc",
                "Trước Tết Trung thu",
                "UBND phường An Lạc",
                "",
            ],
            vec![
                "2",
                "Kiểm tra an toàn thực phẩm bánh Trung thu",
                "Dịp Tết Trung thu",
                "UBND phường An Lạc",
                "",
            ],
            vec![
                "3",
                "Trao quà cho trẻ em có hoàn cảnh khó khăn",
                "Trước Tết Trung thu 2020",
                "UBND phường An Lạc",
                "",
            ],
            // Near misses: the day itself in 2020 is 1 October, after the
            // quarter, and so is the fortnight after it; prose before
            // «sau» is no deadline.
            vec![
                "4",
                "Tổng kết chương trình vui Tết Trung thu",
                "Tết Trung thu 2020",
                "UBND phường An Lạc",
                "",
            ],
            vec![
                "5",
                "Báo cáo kết quả chương trình Trung thu",
                "Sau Tết Trung thu",
                "UBND phường An Lạc",
                "",
            ],
            vec![
                "6",
                "Sơ kết công tác chăm sóc thiếu nhi",
                "Sau Tết Trung thu 2020",
                "UBND phường An Lạc",
                "",
            ],
            vec![
                "7",
                "Tu sửa nhà văn hóa khu phố",
                "Khởi công sau Tết Trung thu",
                "UBND phường An Lạc",
                "",
            ],
        ],
        &[],
    );
    let (_, code, found, all) = run_province(dir.path(), "2020-Q3");
    assert_eq!(code, 1);
    assert_eq!(
        found,
        [
            finding([
                "warning",
                "deadline-out-of-period",
                "P05",
                "C7",
                "Tết Trung thu 2020",
                "Quý III/2020"
            ]),
            finding([
                "warning",
                "deadline-out-of-period",
                "P05",
                "C8",
                "Sau Tết Trung thu",
                "Quý III/2020"
            ]),
            finding([
                "warning",
                "deadline-out-of-period",
                "P05",
                "C9",
                "Sau Tết Trung thu 2020",
                "Quý III/2020"
            ]),
            finding([
                "error",
                "deadline-invalid",
                "P05",
                "C10",
                "Khởi công sau Tết Trung thu",
                ""
            ]),
        ]
    );
    let msg = |k: usize| all[k]["message"].as_str().unwrap();
    for k in [0, 2] {
        assert!(
            msg(k).contains("(Tết Trung thu 2020 là ngày 01/10/2020)"),
            "{}",
            msg(k)
        );
    }
    assert_eq!(
        msg(1),
        "Tiến độ «Sau Tết Trung thu» (không ghi năm; hiểu là Tết Trung thu 2020, ngày 01/10/2020, gần quý III/2020 nhất) của nhiệm vụ «Báo cáo kết quả chương trình Trung thu» đến hạn sau Quý III/2020. Hãy xem nhiệm vụ có thuộc chương trình kỳ này không."
    );

    // «Sau Tết Nguyên đán» in a 2021-Q1 programme: the fortnight after
    // 12/02/2021, within the quarter; last year's is stale.
    let dir = tempfile::tempdir().unwrap();
    write_task_table(
        dir.path(),
        "p05-phuong-An-Lac-CTCT-Q1-2021.xlsx",
        "UBND PHƯỜNG AN LẠC - CHƯƠNG TRÌNH CÔNG TÁC QUÝ I NĂM 2021",
        &[
            vec![
                "1",
                "Ra quân tổng vệ sinh môi trường đầu xuân",
                "Sau Tết Nguyên đán",
                "UBND phường An Lạc",
                "",
            ],
            vec![
                "2",
                "Tổ chức lễ giao nhận quân",
                "Sau Tết Nguyên đán 2020",
                "UBND phường An Lạc",
                "",
            ],
        ],
        &[],
    );
    let (out, code, found, all) = run_province(dir.path(), "2021-Q1");
    assert_eq!(code, 1);
    assert_eq!(
        found,
        [finding([
            "error",
            "deadline-out-of-period",
            "P05",
            "C5",
            "Sau Tết Nguyên đán 2020",
            "Quý I/2021"
        ])]
    );
    let msg = all[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("(Tết Nguyên đán Canh Tý 2020 là ngày 25/01/2020) của nhiệm vụ «Tổ chức lễ giao nhận quân» đã qua trước Quý I/2021"),
        "{msg}"
    );
    assert_eq!(annex_tasks(out.path()).len(), 2);
}

#[test]
fn a_department_that_sent_the_blank_form_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let blank = |n: &'static str| vec![n, "", "", "", ""];
    // Sở Nội vụ's blank form: the header and TT 1–5, nothing else.
    write_task_table(
        dir.path(),
        "SNV - CTCT Q3-2020.xlsx",
        "SỞ NỘI VỤ - ĐĂNG KÝ NHIỆM VỤ TRỌNG TÂM QUÝ III NĂM 2020",
        &[blank("1"), blank("2"), blank("3"), blank("4"), blank("5")],
        &[],
    );
    // Near miss: Sở Y tế sent the blank form and then its filled table.
    write_task_table(
        dir.path(),
        "SYT - CTCT Q3-2020.xlsx",
        "SỞ Y TẾ - ĐĂNG KÝ NHIỆM VỤ TRỌNG TÂM QUÝ III NĂM 2020",
        &[blank("1"), blank("2")],
        &[],
    );
    write_task_table(
        dir.path(),
        "SYT - CTCT Q3-2020 (day du).xlsx",
        "SỞ Y TẾ - ĐĂNG KÝ NHIỆM VỤ TRỌNG TÂM QUÝ III NĂM 2020",
        &[vec![
            "1",
            "Triển khai tiêm vắc xin sởi - rubella cho trẻ em",
            "Tháng 8/2020",
            "Sở Y tế",
            "",
        ]],
        &[],
    );
    let out = tempfile::tempdir().unwrap();
    let run = tonghop()
        .arg("annex")
        .arg(dir.path())
        .args(["--period", "2020-Q3", "--lang", "vi", "--template"])
        .arg(repo().join("templates/province"))
        .arg("--out")
        .arg(out.path())
        .assert();
    let output = run.get_output();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("3 tệp đã đọc (1 đơn vị chưa ghi nhiệm vụ nào)"),
        "{stdout}"
    );
    let all = task_findings(&out.path().join("errors.json"));
    let found: Vec<[&str; 6]> = all
        .iter()
        .map(|f| {
            ["severity", "code", "unit", "file", "cell", "actual"].map(|k| f[k].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        found,
        [[
            "warning",
            "submission-missing",
            "SNV",
            "SNV - CTCT Q3-2020.xlsx",
            "",
            ""
        ]]
    );
    let msg = all[0]["message"].as_str().unwrap();
    assert_eq!(
        msg,
        "Sở Nội vụ gửi tệp SNV - CTCT Q3-2020.xlsx nhưng bảng nhiệm vụ chưa ghi nhiệm vụ nào (biểu mẫu còn trống): phụ lục không có nhiệm vụ nào của Sở Nội vụ. Hãy đề nghị Sở Nội vụ ghi các nhiệm vụ trọng tâm rồi gửi lại."
    );
    let tasks = annex_tasks(out.path());
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0][1], "Sở Y tế");
}

#[test]
fn a_special_zones_own_bodies_are_its_own_and_its_kind_is_lower_case() {
    let dir = tempfile::tempdir().unwrap();
    write_task_table(
        dir.path(),
        "dk01-dac-khu-Hon-Ngoc-CTCT-Q3-2020.xlsx",
        "UBND ĐẶC KHU HÒN NGỌC - CHƯƠNG TRÌNH CÔNG TÁC QUÝ III NĂM 2020",
        &[
            vec![
                "1",
                "Rà soát hộ nghèo, hộ cận nghèo năm 2020 của đặc khu Hòn Ngọc",
                "30/9/2020",
                "UBND đặc khu Hòn Ngọc",
                "Ban Chỉ huy Quân sự đặc khu, Đội Trật tự đô thị đặc khu",
            ],
            // Near miss: a numbered đặc khu's office is still unknown.
            vec![
                "2",
                "Ra quân tổng vệ sinh môi trường trên địa bàn đặc khu",
                "Tháng 8/2020",
                "UBND Đặc khu Hòn Ngọc",
                "Đội Trật tự đô thị đặc khu 2",
            ],
        ],
        &[],
    );
    let (out, code, found, _) = run_province(dir.path(), "2020-Q3");
    assert_eq!(code, 0);
    assert_eq!(
        found,
        [finding([
            "warning",
            "agency-unknown",
            "DK01",
            "E5",
            "Đội Trật tự đô thị đặc khu 2",
            ""
        ])]
    );
    let tasks = annex_tasks(out.path());
    let agencies: Vec<[&str; 2]> = tasks
        .iter()
        .map(|t| [t[1].as_str(), t[2].as_str()])
        .collect();
    assert_eq!(
        agencies,
        [
            [
                "UBND đặc khu Hòn Ngọc",
                "Ban Chỉ huy Quân sự đặc khu, Đội Trật tự đô thị đặc khu"
            ],
            ["UBND đặc khu Hòn Ngọc", "Đội Trật tự đô thị đặc khu 2"],
        ]
    );
}

#[test]
fn a_later_quarters_table_is_left_out_as_an_earlier_ones_is() {
    let dir = tempfile::tempdir().unwrap();
    // Sở Nội vụ sent its fourth quarter's programme in the Q3 batch.
    write_task_table(
        dir.path(),
        "SNV - CTCT quy IV-2020.xlsx",
        "SỞ NỘI VỤ - ĐĂNG KÝ NHIỆM VỤ TRỌNG TÂM QUÝ IV NĂM 2020",
        &[
            vec![
                "1",
                "Tổ chức thi tuyển công chức năm 2020",
                "Tháng 10/2020",
                "Sở Nội vụ",
                "",
            ],
            vec![
                "2",
                "Thẩm định đề án vị trí việc làm các sở",
                "Quý IV/2020",
                "Sở Nội vụ",
                "",
            ],
            vec![
                "3",
                "Tổng kết công tác thi đua khen thưởng năm 2020",
                "Tháng 12/2020",
                "Sở Nội vụ",
                "",
            ],
        ],
        &[],
    );
    // This quarter's programme of another department.
    write_task_table(
        dir.path(),
        "SYT - CTCT quy III-2020.xlsx",
        "SỞ Y TẾ - ĐĂNG KÝ NHIỆM VỤ TRỌNG TÂM QUÝ III NĂM 2020",
        &[vec![
            "1",
            "Triển khai tiêm vắc xin sởi - rubella cho trẻ em",
            "Tháng 8/2020",
            "Sở Y tế",
            "",
        ]],
        &[],
    );
    // Near misses: a table for the whole year and one for nine months
    // hold the third quarter, though most of their tasks fall outside
    // it: their tasks are printed, each one due outside told on its own.
    write_task_table(
        dir.path(),
        "STP - CTCT nam 2020.xlsx",
        "SỞ TƯ PHÁP - CHƯƠNG TRÌNH CÔNG TÁC NĂM 2020",
        &[
            vec![
                "1",
                "Rà soát văn bản quy phạm pháp luật của tỉnh",
                "Quý III/2020",
                "Sở Tư pháp",
                "",
            ],
            vec![
                "2",
                "Tổng kết công tác phổ biến giáo dục pháp luật",
                "Tháng 11/2020",
                "Sở Tư pháp",
                "",
            ],
            vec![
                "3",
                "Tổng kết công tác hộ tịch năm 2020",
                "Tháng 12/2020",
                "Sở Tư pháp",
                "",
            ],
        ],
        &[],
    );
    write_task_table(
        dir.path(),
        "STC - CTCT 9 thang 2020.xlsx",
        "SỞ TÀI CHÍNH - NHIỆM VỤ TRỌNG TÂM 9 THÁNG NĂM 2020",
        &[
            vec![
                "1",
                "Công khai quyết toán ngân sách năm 2019",
                "Tháng 5/2020",
                "Sở Tài chính",
                "",
            ],
            vec![
                "2",
                "Thẩm định quyết toán dự án hoàn thành",
                "Tháng 6/2020",
                "Sở Tài chính",
                "",
            ],
            vec![
                "3",
                "Đôn đốc giải ngân vốn đầu tư công",
                "Tháng 9/2020",
                "Sở Tài chính",
                "",
            ],
        ],
        &[],
    );
    let out = tempfile::tempdir().unwrap();
    let run = tonghop()
        .arg("annex")
        .arg(dir.path())
        .args(["--period", "2020-Q3", "--lang", "vi", "--template"])
        .arg(repo().join("templates/province"))
        .arg("--out")
        .arg(out.path())
        .assert();
    let output = run.get_output();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(
            "Phụ lục Quý III/2020: 4 tệp đã đọc (1 biểu của kỳ khác không đưa vào phụ lục), 0 tệp không đọc được, 0 tệp bỏ qua; 7 nhiệm vụ trong 3 phần."
        ),
        "{stdout}"
    );
    let all = task_findings(&out.path().join("errors.json"));
    let found: Vec<[&str; 7]> = all
        .iter()
        .map(|f| {
            [
                "severity", "code", "unit", "file", "cell", "expected", "actual",
            ]
            .map(|k| f[k].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        found,
        [
            [
                "error",
                "period-mismatch",
                "SNV",
                "SNV - CTCT quy IV-2020.xlsx",
                "A1",
                "Quý III/2020",
                "Quý IV/2020"
            ],
            [
                "error",
                "deadline-out-of-period",
                "STC",
                "STC - CTCT 9 thang 2020.xlsx",
                "C4",
                "Quý III/2020",
                "Tháng 5/2020"
            ],
            [
                "error",
                "deadline-out-of-period",
                "STC",
                "STC - CTCT 9 thang 2020.xlsx",
                "C5",
                "Quý III/2020",
                "Tháng 6/2020"
            ],
            [
                "warning",
                "deadline-out-of-period",
                "STP",
                "STP - CTCT nam 2020.xlsx",
                "C5",
                "Quý III/2020",
                "Tháng 11/2020"
            ],
            [
                "warning",
                "deadline-out-of-period",
                "STP",
                "STP - CTCT nam 2020.xlsx",
                "C6",
                "Quý III/2020",
                "Tháng 12/2020"
            ],
        ],
        "{all:#?}"
    );
    assert_eq!(
        all[0]["message"].as_str().unwrap(),
        "Sở Nội vụ gửi bảng nhiệm vụ Quý IV/2020, không phải Quý III/2020: tiêu đề ghi Quý IV/2020 (tại SNV - CTCT quy IV-2020.xlsx › Sheet1 › A1) và 3/3 nhiệm vụ có thời hạn đến hạn trong Quý IV/2020, không thuộc Quý III/2020. 3 nhiệm vụ của tệp SNV - CTCT quy IV-2020.xlsx không được đưa vào phụ lục. Hãy đề nghị Sở Nội vụ gửi bảng nhiệm vụ Quý III/2020."
    );
    let mut contents: Vec<String> = annex_tasks(out.path())
        .into_iter()
        .map(|t| t[0].clone())
        .collect();
    contents.sort();
    assert_eq!(
        contents,
        [
            "Công khai quyết toán ngân sách năm 2019",
            "Rà soát văn bản quy phạm pháp luật của tỉnh",
            "Thẩm định quyết toán dự án hoàn thành",
            "Triển khai tiêm vắc xin sởi - rubella cho trẻ em",
            "Tổng kết công tác hộ tịch năm 2020",
            "Tổng kết công tác phổ biến giáo dục pháp luật",
            "Đôn đốc giải ngân vốn đầu tư công",
        ]
    );

    // The summary line in English says the same.
    let out_en = tempfile::tempdir().unwrap();
    let run = tonghop()
        .arg("annex")
        .arg(dir.path())
        .args(["--period", "2020-Q3", "--lang", "en", "--template"])
        .arg(repo().join("templates/province"))
        .arg("--out")
        .arg(out_en.path())
        .assert();
    let stdout = String::from_utf8_lossy(&run.get_output().stdout).into_owned();
    assert!(
        stdout.contains(
            "4 files read (1 table of another period left out of the annex), 0 unreadable"
        ),
        "{stdout}"
    );

    // Near miss: without the fourth quarter's table the line says
    // nothing of another period.
    std::fs::remove_file(dir.path().join("SNV - CTCT quy IV-2020.xlsx")).unwrap();
    let out_q3 = tempfile::tempdir().unwrap();
    let run = tonghop()
        .arg("annex")
        .arg(dir.path())
        .args(["--period", "2020-Q3", "--lang", "vi", "--template"])
        .arg(repo().join("templates/province"))
        .arg("--out")
        .arg(out_q3.path())
        .assert();
    let stdout = String::from_utf8_lossy(&run.get_output().stdout).into_owned();
    assert!(stdout.contains(": 3 tệp đã đọc, 0 tệp"), "{stdout}");
}
