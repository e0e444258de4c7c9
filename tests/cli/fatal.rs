//! Every fatal path: exit 2, nothing written, and one line that names the
//! right thing in the language of the run, then one that says what to do.

use crate::common::{repo, tonghop};
use std::path::Path;

/// Runs `tonghop args` and returns its stderr after asserting exit 2 and
/// an empty stdout.
fn fatal(args: &[&str], env_lang: Option<&str>) -> String {
    let mut cmd = tonghop();
    cmd.args(args);
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("TONGHOP_LANG");
    if let Some(l) = env_lang {
        cmd.env("TONGHOP_LANG", l);
    }
    let out = cmd.assert().code(2);
    let output = out.get_output();
    assert!(output.stdout.is_empty(), "{args:?}");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

const CHECK_PATH_VI: &str =
    "Hãy kiểm tra lại đường dẫn (chạy lệnh trong đúng thư mục, hoặc ghi đường dẫn đầy đủ).";
const CHECK_PATH_EN: &str = "Check the path (run from the right folder, or give the full path).";

#[test]
fn a_missing_or_wrong_path_is_named_for_what_it_was_given_as() {
    let tmp = tempfile::tempdir().unwrap();
    let nofile = s(&tmp.path().join("nofile.xlsx"));
    let dir = s(tmp.path());
    let samples = s(&repo().join("samples/2020-Q1"));
    let out = s(&tmp.path().join("out"));
    let a_file = tmp.path().join("afile");
    std::fs::write(&a_file, b"x").unwrap();
    let a_file = s(&a_file);
    let inside = format!("{samples}/ket-qua");
    let nodoc = nofile.replace(".xlsx", ".docx");
    let mut cases: Vec<(Vec<&str>, String, String)> = vec![
        (
            vec!["check", &nofile],
            format!("tonghop: tệp cần kiểm tra {nofile}: không tồn tại\n  cách xử lý: {CHECK_PATH_VI}\n"),
            format!("tonghop: workbook to check {nofile}: does not exist\n  help: {CHECK_PATH_EN}\n"),
        ),
        (
            vec!["check", &dir],
            format!("tonghop: tệp cần kiểm tra {dir}: là một thư mục, không phải tệp\n  cách xử lý: «tonghop check» kiểm tra một tệp; để tổng hợp cả thư mục, dùng «tonghop consolidate THƯ_MỤC».\n"),
            format!("tonghop: workbook to check {dir}: is a folder, not a file\n  help: «tonghop check» checks one workbook; to consolidate a folder, use «tonghop consolidate DIR».\n"),
        ),
        (
            vec!["consolidate", &nofile, "--period", "2020-Q1", "--out", &out],
            format!("tonghop: thư mục đầu vào {nofile}: không tồn tại\n  cách xử lý: {CHECK_PATH_VI}\n"),
            format!("tonghop: input folder {nofile}: does not exist\n  help: {CHECK_PATH_EN}\n"),
        ),
        (
            vec!["annex", &a_file, "--period", "2020-Q2", "--out", &out],
            format!("tonghop: thư mục đầu vào {a_file}: là một tệp, không phải thư mục\n  cách xử lý: {CHECK_PATH_VI}\n"),
            format!("tonghop: input folder {a_file}: is a file, not a folder\n  help: {CHECK_PATH_EN}\n"),
        ),
        (
            vec!["consolidate", &samples, "--period", "2020-Q2", "--out", &out, "--previous", "/nope"],
            "tonghop: --previous (thư mục kết quả quý trước) /nope/tong-hop.xlsx: không tồn tại\n  cách xử lý: Hãy ghi thư mục kết quả (--out) của lần tổng hợp trước, nơi có tệp tong-hop.xlsx.\n".to_string(),
            "tonghop: --previous (last quarter's output folder) /nope/tong-hop.xlsx: does not exist\n  help: Give the output folder (--out) of the earlier consolidation, the one holding tong-hop.xlsx.\n".to_string(),
        ),
        (
            vec!["consolidate", &samples, "--period", "2020-Q1", "--out", &a_file],
            format!("tonghop: --out {a_file}: là một tệp, không phải thư mục\n  cách xử lý: Hãy ghi sau --out tên một thư mục (chưa có thì công cụ tạo).\n"),
            format!("tonghop: --out {a_file}: is a file, not a folder\n  help: Give --out the name of a folder (it is made if absent).\n"),
        ),
        (
            vec!["consolidate", &samples, "--period", "2020-Q1", "--out", &inside],
            format!("tonghop: thư mục kết quả {samples}/ket-qua nằm trong thư mục đầu vào {samples}\n  cách xử lý: Hãy chọn thư mục kết quả ở ngoài thư mục đầu vào (công cụ không bao giờ ghi vào thư mục đầu vào).\n"),
            format!("tonghop: the output folder {samples}/ket-qua is inside the input folder {samples}\n  help: Choose an output folder outside the input folder (nothing is ever written into the input folder).\n"),
        ),
        (
            vec!["check-text", &nodoc, "--against", &dir],
            format!("tonghop: tệp báo cáo {nodoc}: không tồn tại\n  cách xử lý: {CHECK_PATH_VI}\n"),
            format!("tonghop: report file {nodoc}: does not exist\n  help: {CHECK_PATH_EN}\n"),
        ),
    ];
    let under_file = format!("{a_file}/ket-qua");
    cases.push((
        vec!["consolidate", &samples, "--period", "2020-Q1", "--out", &under_file],
        format!("tonghop: không ghi được {under_file}: một phần của đường dẫn là tệp, không phải thư mục\n  cách xử lý: Hãy đóng tệp nếu đang mở trong Excel, kiểm tra quyền ghi và chỗ trống trên ổ đĩa, hoặc chọn thư mục khác bằng --out.\n"),
        format!("tonghop: cannot write {under_file}: a part of the path is a file, not a folder\n  help: Close the file if Excel has it open, check write permission and free space, or choose another folder with --out.\n"),
    ));
    cases.push((
        vec!["codes", "nope"],
        "tonghop: không có mã «nope»; «tonghop codes» liệt kê mọi mã\n  cách xử lý: xem cách dùng với «tonghop --help» hoặc «tonghop <lệnh> --help».\n".to_string(),
        "tonghop: there is no code «nope»; «tonghop codes» lists them all\n  help: see the usage with «tonghop --help» or «tonghop <command> --help».\n".to_string(),
    ));
    for (args, vi, en) in cases {
        assert_eq!(fatal(&args, None), vi, "{args:?}");
        let mut with_en = args.clone();
        with_en.extend(["--lang", "en"]);
        assert_eq!(fatal(&with_en, None), en, "{args:?} --lang en");
        // TONGHOP_LANG sets the default.
        assert_eq!(fatal(&args, Some("en")), en, "{args:?} TONGHOP_LANG=en");
    }
}

#[test]
fn an_existing_output_needs_force() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("tong-hop.xlsx"), b"x").unwrap();
    let samples = s(&repo().join("samples/2020-Q1"));
    let o = s(&out);
    let args = ["consolidate", &samples, "--period", "2020-Q1", "--out", &o];
    assert_eq!(
        fatal(&args, None),
        format!("tonghop: đã có {o}/tong-hop.xlsx\n  cách xử lý: Thêm --force để ghi đè, hoặc chọn thư mục kết quả khác bằng --out.\n")
    );
    assert_eq!(std::fs::read(out.join("tong-hop.xlsx")).unwrap(), b"x");
}

/// A template folder with these files replaced.
fn template_with(dir: &Path, files: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).unwrap();
    for f in [
        "template.toml",
        "indicators.csv",
        "groups.csv",
        "agencies.csv",
    ] {
        std::fs::copy(repo().join("templates").join(f), dir.join(f)).unwrap();
    }
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

#[test]
fn template_errors_name_file_line_column_and_what_was_expected() {
    let tmp = tempfile::tempdir().unwrap();
    let samples = s(&repo().join("samples/2020-Q1"));
    let out = s(&tmp.path().join("out"));
    let run = |files: &[(&str, &str)], lang: &str| {
        let t = tmp.path().join(format!("t{}", rand_name(files)));
        template_with(&t, files);
        let t = s(&t);
        fatal(
            &[
                "consolidate",
                &samples,
                "--period",
                "2020-Q1",
                "--out",
                &out,
                "--template",
                &t,
                "--lang",
                lang,
            ],
            None,
        )
    };
    let help_vi = "  cách xử lý: Hãy sửa tệp mẫu biểu ở dòng đã nêu (xem mục «Mẫu biểu» trong README), hoặc bỏ --template để dùng mẫu có sẵn.\n";
    // CRLF line endings: the line is counted right.
    let crlf = "code,group,name,unit,kind,level,reported_by,formula,aliases\r\n\
                HC02,HC,Hồ sơ,hồ sơ,flow,both,VP,,\r\n\
                HC03,HC,Đúng hạn,hồ sơ,flw,both,VP,,\r\n";
    assert_eq!(
        run(&[("indicators.csv", crlf), ("groups.csv", "group,name\r\nHC,Cải cách\r\n")], "vi"),
        format!("tonghop: tệp mẫu biểu indicators.csv, dòng 3, cột kind: giá trị «flw» không hợp lệ; phải là một trong: flow, stock, rate\n{help_vi}")
    );
    let agencies =
        "code,kind,name,aliases,reports\nP01,ward,Phường 1,,có\nP02,deparment,Phường 2,,yes\n";
    assert_eq!(
        run(&[("agencies.csv", agencies)], "en"),
        "tonghop: template file agencies.csv, line 3, column kind: «deparment» is not a valid value; expected one of: department, ward, other\n  help: Fix the template file at the line named (README, section on the template), or leave out --template to use the built-in one.\n"
    );
    // Yes and no in either language; anything else is refused.
    let agencies =
        "code,kind,name,aliases,reports\nP01,ward,Phường 1,,có\nP02,ward,Phường 2,,có lẽ\n";
    assert_eq!(
        run(&[("agencies.csv", agencies)], "vi"),
        format!("tonghop: tệp mẫu biểu agencies.csv, dòng 3, cột reports: giá trị «có lẽ» không hợp lệ; phải là yes hoặc no (có hoặc không; để trống là no)\n{help_vi}")
    );
    let toml = std::fs::read_to_string(repo().join("templates/template.toml")).unwrap();
    let toml = format!("{toml}\n[checks]\noutlier_scale = \"sizes\"\n");
    let line = toml
        .lines()
        .position(|l| l.starts_with("outlier_scale"))
        .unwrap()
        + 1;
    assert_eq!(
        run(&[("template.toml", &toml)], "vi"),
        format!("tonghop: tệp mẫu biểu template.toml, dòng {line}: [checks] outlier_scale = \"sizes\": giá trị không hợp lệ; phải là một trong: auto, size, CK, KH, none\n{help_vi}")
    );
}

/// A folder name for a set of replaced files.
fn rand_name(files: &[(&str, &str)]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    files.hash(&mut h);
    h.finish()
}

/// A mistake on the command line is said in the run's language, with what
/// to do; a period written as a clerk writes it is understood.
#[test]
fn command_line_mistakes_are_said_in_the_runs_language() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = s(tmp.path());
    let out = s(&tmp.path().join("out"));
    let vi = fatal(
        &["consolidate", &dir, "--period", "quý một", "--out", &out],
        None,
    );
    assert!(
        vi.starts_with("tonghop: «quý một» không phải là kỳ báo cáo: hãy ghi 2020-Q1"),
        "{vi}"
    );
    assert!(vi.contains("cách xử lý: xem cách dùng"), "{vi}");
    // The usage line the README promises, which a mistaken value had not.
    assert!(
        vi.contains("\n  cách dùng: tonghop consolidate [TÙY_CHỌN] --period <KỲ> --out <KẾT_QUẢ> <THƯ_MỤC>\n"),
        "{vi}"
    );
    let missing = fatal(&["consolidate", &dir], None);
    assert!(
        missing.contains("thiếu tham số bắt buộc: --period"),
        "{missing}"
    );
    let unknown = fatal(&["check", "x.xlsx", "--bogus"], None);
    assert!(unknown.contains("không có tùy chọn «--bogus»"), "{unknown}");
    let lang = fatal(&["codes", "--lang", "fr"], None);
    assert!(lang.contains("không hợp lệ cho --lang"), "{lang}");
    // English when asked, said as the Vietnamese is (clap's own words
    // repeated the value: "invalid value '2020Q5' for '--period
    // <PERIOD>': '2020Q5' is not a period"), with the usage line.
    let en = fatal(
        &[
            "consolidate",
            &dir,
            "--period",
            "Q9",
            "--out",
            &out,
            "--lang",
            "en",
        ],
        None,
    );
    assert_eq!(
        en,
        "tonghop: «Q9» is not a period: write 2020-Q1 (first quarter), 2020-H1 (six months), 2020-9M (nine months) or 2020 (the year)\n  usage: tonghop consolidate [OPTIONS] --period <PERIOD> --out <OUT> <DIR>\n  help: see the usage with «tonghop --help» or «tonghop <command> --help».\n"
    );
    // "Quý I/2020" is the first quarter of 2020: the run goes on (and
    // stops only at the empty folder).
    let clerk = fatal(
        &["consolidate", &dir, "--period", "Quý I/2020", "--out", &out],
        None,
    );
    assert!(!clerk.contains("kỳ báo cáo"), "{clerk}");
}

/// The same mistake is said alike in both languages: what was wrong,
/// clap's "did you mean", the usage and what to do (Vietnamese lost the
/// tip, English had no line on what to do). `--lang` goes before the
/// command as after it (Vietnamese said "không có tùy chọn «--lang»" of
/// `tonghop --lang vi consolidate`, which was false), and after `help
/// consolidate` too (English said "unrecognized subcommand '--lang'").
#[test]
fn a_mistake_is_said_alike_in_both_languages_wherever_lang_is_written() {
    let typo = [
        "consolidate",
        "in",
        "--period",
        "2020-Q3",
        "--out",
        "x",
        "--frce",
    ];
    let vi = fatal(&typo, None);
    assert_eq!(
        vi,
        "tonghop: không có tùy chọn «--frce»\n  gợi ý: có tùy chọn gần giống: «--force»\n  cách dùng: tonghop consolidate [TÙY_CHỌN] --period <KỲ> --out <KẾT_QUẢ> <THƯ_MỤC>\n  cách xử lý: xem cách dùng với «tonghop --help» hoặc «tonghop <lệnh> --help».\n"
    );
    let en = fatal(&[&typo[..], &["--lang", "en"]].concat(), None);
    assert_eq!(
        en,
        "tonghop: there is no option «--frce»\n  tip: an option of a near spelling: «--force»\n  usage: tonghop consolidate [OPTIONS] --period <PERIOD> --out <OUT> <DIR>\n  help: see the usage with «tonghop --help» or «tonghop <command> --help».\n"
    );
    let en = fatal(&["--lang", "en", "conslidate", "in"], None);
    assert!(
        en.contains("tip: a command of a near spelling: «consolidate»")
            && en.contains("  help: see the usage"),
        "{en}"
    );
    let vi = fatal(&["conslidate", "in"], None);
    assert!(
        vi.contains("gợi ý: có lệnh gần giống: «consolidate»"),
        "{vi}"
    );
    // `--lang` before the command: the command's own mistake, in that
    // language; written on both sides, the command's own wins.
    let vi = fatal(&["--lang", "vi", "consolidate", "in"], Some("en"));
    assert!(
        vi.starts_with("tonghop: thiếu tham số bắt buộc: --period, --out\n"),
        "{vi}"
    );
    let en = fatal(&["--lang", "vi", "check", "--lang", "en"], None);
    assert!(
        en.starts_with("tonghop: a required argument is missing: <FILE>"),
        "{en}"
    );
    // The language before the command reaches the run itself.
    let tmp = tempfile::tempdir().unwrap();
    let missing = s(&tmp.path().join("khong-co"));
    let en = fatal(
        &[
            "--lang",
            "en",
            "consolidate",
            &missing,
            "--period",
            "2020-Q1",
            "--out",
            "o",
        ],
        None,
    );
    assert!(en.contains("  help: "), "{en}");
    assert!(!en.contains("cách xử lý"), "{en}");
    // `help COMMAND --lang en`: the command's help, in English.
    let out = tonghop()
        .args(["help", "consolidate", "--lang", "en"])
        .env_remove("TONGHOP_LANG")
        .assert()
        .success();
    let help = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        help.contains("Usage: tonghop consolidate [OPTIONS]"),
        "{help}"
    );
}

/// `--help` is in the run's language: Vietnamese by default (headings,
/// every command and option), English with `--lang en` or an English
/// locale; no command at all shows the help and exits 2.
#[test]
fn the_help_is_in_the_runs_language() {
    let help = |args: &[&str], env_lang: Option<&str>| -> String {
        let mut cmd = tonghop();
        cmd.args(args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env_remove("TONGHOP_LANG");
        if let Some(l) = env_lang {
            cmd.env("TONGHOP_LANG", l);
        }
        let out = cmd.assert().success();
        String::from_utf8_lossy(&out.get_output().stdout).into_owned()
    };
    let root = help(&["--help"], None);
    for words in [
        "Cách dùng: tonghop [TÙY_CHỌN] <LỆNH>",
        "Lệnh:",
        "Tùy chọn:",
        "consolidate  Tổng hợp mọi biểu trong THƯ_MỤC",
        "ghi trước hay sau tên lệnh đều được",
        "-h, --help",
        "In trợ giúp",
    ] {
        assert!(root.contains(words), "{words}\n{root}");
    }
    let consolidate = help(&["consolidate", "--help"], None);
    for words in [
        "Mã thoát: 0 khi không có lỗi",
        // One name per thing: Vietnamese placeholders (the help said
        // <PERIOD> <OUT> <DIR>), the same in the words around them.
        "Cách dùng: tonghop consolidate [TÙY_CHỌN] --period <KỲ> --out <KẾT_QUẢ> <THƯ_MỤC>",
        "Tham số:",
        "--previous <KỲ_TRƯỚC>",
        "--template <MẪU_BIỂU>",
        "Ghi đè kết quả đã có trong KẾT_QUẢ",
        "Thư mục kết quả của quý trước",
        "(mặc định: vi)",
    ] {
        assert!(consolidate.contains(words), "{words}\n{consolidate}");
    }
    for english in [
        "Usage:",
        "Options:",
        "Arguments:",
        "[default:",
        "Print help",
        "<PERIOD>",
        "<OUT>",
        "<DIR>",
        "<TEMPLATE>",
    ] {
        assert!(!consolidate.contains(english), "{english}\n{consolidate}");
        assert!(!root.contains(english), "{english}\n{root}");
    }
    let en = help(&["consolidate", "--help", "--lang", "en"], None);
    assert!(en.contains("Usage: tonghop consolidate [OPTIONS]"), "{en}");
    assert!(en.contains("The previous quarter's output folder"), "{en}");
    // README's `--previous PREV`, not a second <OUT>.
    assert!(en.contains("--previous <PREV>"), "{en}");
    // `samples` says which option it needs, in its help and its error,
    // with the placeholders its help uses.
    let samples = help(&["samples", "--help"], None);
    assert!(
        samples.contains("Cần ghi một trong --units, --rows, --preset hoặc --template.")
            && samples.contains("--template <MẪU_BIỂU>")
            && samples.contains("--units <N>"),
        "{samples}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("s");
    let out = out.to_str().unwrap();
    assert_eq!(
        fatal(&["samples", "--out", out], None),
        "tonghop: hãy cho biết cần tạo gì: --units N, --rows R, --preset district hoặc --template MẪU_BIỂU\n  cách xử lý: xem cách dùng với «tonghop --help» hoặc «tonghop <lệnh> --help».\n"
    );
    assert_eq!(
        fatal(&["samples", "--out", out, "--lang", "en"], None),
        "tonghop: say what to write: --units N, --rows R, --preset district or --template TEMPLATE\n  help: see the usage with «tonghop --help» or «tonghop <command> --help».\n"
    );
    let en = help(&["check", "-h"], Some("en"));
    assert!(en.contains("Check one submission workbook"), "{en}");
    // `--lang`'s default is worked out on each machine: the English help
    // says how, as the Vietnamese does, not the "vi" it found here.
    for command in [
        "consolidate",
        "check",
        "check-text",
        "annex",
        "template",
        "samples",
        "codes",
    ] {
        let en = help(&[command, "--help", "--lang", "en"], None);
        let at = en.find("--lang <LANG>").unwrap();
        let end = en[at..].find("\n\n").map_or(en.len(), |k| at + k);
        let lang = en[at..end].split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            lang.contains("(default: TONGHOP_LANG, else the machine's language, else vi)")
                && !lang.contains("[default:"),
            "{command}: {lang}"
        );
    }

    // The English help is English (check-text's ended "(kiểm tra số liệu
    // trong văn bản báo cáo)"); a command that writes no workbook speaks
    // of no sheet names.
    let en = help(&["check-text", "--help", "--lang", "en"], None);
    assert!(!en.contains("kiểm tra"), "{en}");
    for command in ["check", "check-text"] {
        let vi = help(&[command, "--help"], None);
        assert!(vi.contains("Ngôn ngữ của thông báo: vi hoặc en"), "{vi}");
        assert!(!vi.contains("tên trang tính"), "{vi}");
    }

    let none = fatal(&[], None);
    assert!(
        none.contains("Cách dùng: tonghop [TÙY_CHỌN] <LỆNH>"),
        "{none}"
    );
}

/// Tester DK's help pairs: the Vietnamese help says what the English
/// says (`--previous` takes the file itself, `check --period` a month,
/// `template --lang` worked out on each machine, `samples --template`'s
/// rows no unit reports, `annex --lang` names the sheets), and `tonghop
/// help --help` is the help, not «không có lệnh «--help»».
#[test]
fn the_vietnamese_help_says_what_the_english_says() {
    let help = |args: &[&str]| -> String {
        let out = tonghop()
            .args(args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env_remove("TONGHOP_LANG")
            .assert()
            .success();
        let text = String::from_utf8_lossy(&out.get_output().stdout);
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let pairs: [(&str, &str, &str); 6] = [
        ("consolidate", "or that file itself", "hoặc chính tệp ấy"),
        ("check", "or a month, 2020-03", "hoặc một tháng, 2020-03"),
        (
            "template",
            "(default: TONGHOP_LANG, else the machine's language, else vi)",
            "(mặc định: TONGHOP_LANG, rồi ngôn ngữ của máy, rồi vi)",
        ),
        (
            "samples",
            "but for the rows no unit of the registry reports",
            "trừ các dòng mà không đơn vị nào trong danh sách báo cáo",
        ),
        (
            "annex",
            "Language of messages and sheet names",
            "Ngôn ngữ của thông báo và tên trang tính",
        ),
        (
            "annex",
            "Language of messages and sheet names: vi or en (default: TONGHOP_LANG",
            "vi hoặc en (mặc định: TONGHOP_LANG",
        ),
    ];
    for (command, en, vi) in pairs {
        let e = help(&[command, "--help", "--lang", "en"]);
        let v = help(&[command, "--help"]);
        assert!(e.contains(en), "{command}: {en}\n{e}");
        assert!(v.contains(vi), "{command}: {vi}\n{v}");
    }
    for lang in ["vi", "en"] {
        let asked = help(&["help", "--help", "--lang", lang]);
        assert_eq!(asked, help(&["--help", "--lang", lang]), "{lang}");
    }
}

/// `annex --period 2026-10` was refused as «không phải là kỳ báo cáo»,
/// though a month is a period `check` and `consolidate` take: the
/// refusal says it is a month, that the annex takes none, and how to
/// consolidate or check one. A period that is none is refused as before.
#[test]
fn a_month_given_to_the_annex_is_refused_with_how_to_consolidate_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = s(tmp.path());
    let out = s(&tmp.path().join("out"));
    for month in ["2026-10", "T10/2026", "Tháng 10/2026"] {
        let vi = fatal(&["annex", &dir, "--period", month, "--out", &out], None);
        assert!(
            vi.starts_with(&format!("tonghop: «{month}» là một tháng (Tháng 10/2026): lệnh annex nhận quý, 6 tháng, 9 tháng hoặc cả năm")),
            "{vi}"
        );
        assert!(
            vi.contains("tonghop consolidate THƯ_MỤC --period 2026-10"),
            "{vi}"
        );
        assert!(vi.contains("tonghop check --period 2026-10 TỆP"), "{vi}");
    }
    let en = fatal(
        &[
            "annex", &dir, "--period", "2026-10", "--out", &out, "--lang", "en",
        ],
        None,
    );
    assert!(
        en.starts_with("tonghop: «2026-10» is a month (October 2026): annex takes a quarter"),
        "{en}"
    );
    assert!(
        en.contains("tonghop consolidate DIR --period 2026-10"),
        "{en}"
    );
    let none = fatal(
        &["consolidate", &dir, "--period", "2026-13", "--out", &out],
        None,
    );
    assert!(
        none.starts_with("tonghop: «2026-13» không phải là kỳ báo cáo"),
        "{none}"
    );
}
