//! The command line's own words in Vietnamese: `tonghop --help`, each
//! command's `--help`, and the headings clap prints around them.
//!
//! The commands' doc comments are their English help (clap's derive reads
//! them). A clerk whose language is Vietnamese (the default: `--lang vi`,
//! or `TONGHOP_LANG` / the locale) reads this table instead, laid over the
//! same commands by argument id, so the two cannot name different options:
//! a test checks that every command and argument has its Vietnamese words.

use clap::{Arg, ArgAction, Command};

/// What a command says of itself: its one-line summary (in the list of
/// commands) and its full description (in its own `--help`).
struct About {
    name: &'static str,
    about: &'static str,
    long: &'static str,
}

const EXIT: &str = "Mã thoát: 0 khi không có lỗi, 1 khi có lỗi, 2 khi không chạy được.";

const TOOL: &str =
    "Tổng hợp và kiểm tra số liệu các biểu Excel do phường, xã và phòng ban gửi về hằng quý";

const COMMANDS: [About; 7] = [
    About {
        name: "consolidate",
        about: "Tổng hợp mọi biểu trong THƯ_MỤC thành KẾT_QUẢ/tong-hop.xlsx và danh sách lỗi KẾT_QUẢ/errors.csv, KẾT_QUẢ/errors.json; đơn vị nào có lỗi được trả lại biểu của mình, các ô có lỗi được đánh dấu, trong KẾT_QUẢ/phan-hoi/<đơn vị>.xlsx",
        long: EXIT,
    },
    About {
        name: "annex",
        about: "Tổng hợp các bảng nhiệm vụ của phòng ban trong THƯ_MỤC thành phụ lục KẾT_QUẢ/phu-luc.xlsx (chương trình công tác trọng tâm, sẵn sàng in) và danh sách lỗi KẾT_QUẢ/errors.csv, KẾT_QUẢ/errors.json",
        long: EXIT,
    },
    About {
        name: "check",
        about: "Kiểm tra một biểu trước khi gửi: tổng và các phần, quan hệ giữa các chỉ tiêu, tỷ lệ %, dấu, đơn vị tính và (quý I) lũy kế bằng thực hiện",
        long: "Mã thoát: 0 khi không có lỗi, 1 khi có lỗi, 2 khi không dùng được tệp hoặc mẫu biểu.",
    },
    About {
        name: "check-text",
        about: "Kiểm tra số liệu trong văn bản báo cáo: mỗi tỷ lệ % với các số của nó, mỗi tổng với các phần, và với --against mọi số liệu nêu tên một chỉ tiêu của danh mục",
        long: "",
    },
    About {
        name: "samples",
        about: "Tạo bộ biểu mẫu thử; cùng hạt giống (--seed) cho cùng kết quả",
        long: "Cần ghi một trong --units, --rows, --preset hoặc --template. `--units N` tạo N biểu phường nhất quán trong KẾT_QUẢ/submissions và mẫu biểu kèm danh sách các phường đó trong KẾT_QUẢ/template, để chạy `tonghop consolidate KẾT_QUẢ/submissions --template KẾT_QUẢ/template`. `--rows R` tạo vài biểu lớn, mỗi biểu R dòng chỉ tiêu (4 biểu, trừ khi --units ghi số khác), kèm mẫu biểu có đúng R chỉ tiêu đó. `--preset district` ghi bộ biểu của quận mẫu có sẵn vào chính KẾT_QUẢ.\n\n`--template MẪU_BIỂU` tạo một bộ biểu cho mẫu biểu đó (một quý): mỗi đơn vị báo cáo trong danh sách một biểu trong KẾT_QUẢ/submissions, bản sao mẫu biểu trong KẾT_QUẢ/template, các lỗi cài sẵn ở những chỗ danh mục cho phép, liệt kê trong KẾT_QUẢ/README.md, và các lỗi mà lần tổng hợp phải báo trong KẾT_QUẢ/expected.tsv (khi dùng --clean thì không có lỗi nào, trừ các dòng mà không đơn vị nào trong danh sách báo cáo).",
    },
    About {
        name: "codes",
        about: "Giải thích ý nghĩa của từng mã lỗi và cách xử lý (mọi mã, hoặc các mã được nêu)",
        long: "",
    },
    About {
        name: "template",
        about: "Tạo vào KẾT_QUẢ các biểu mẫu cho đơn vị điền trong một kỳ: mỗi đơn vị báo cáo trong danh sách (reports=yes), hoặc mỗi đơn vị nêu bằng --unit, một biểu đặt tên theo đơn vị (P05-phuong-5-2020-Q1.xlsx)",
        long: "Mỗi biểu có các chỉ tiêu của đơn vị với ô nhập được kiểm tra ngay khi gõ, %KH, %CK và tỷ lệ là công thức, trang nhiệm vụ cho phòng ban, trang hướng dẫn, và một dấu ẩn (phiên bản mẫu biểu, đơn vị, kỳ) để lệnh consolidate nhận ra biểu.\n\nMã thoát: 0 khi đã ghi xong các biểu, 2 khi không ghi được.",
    },
];

const LANG: &str = "Ngôn ngữ của thông báo và tên trang tính: vi hoặc en (mặc định: TONGHOP_LANG, rồi ngôn ngữ của máy, rồi vi)";
const ROOT_LANG: &str = "Ngôn ngữ của thông báo và trợ giúp: vi hoặc en (mặc định: TONGHOP_LANG, rồi ngôn ngữ của máy, rồi vi); ghi trước hay sau tên lệnh đều được";
/// For a command that writes no workbook: no sheet names to speak of.
const LANG_MESSAGES: &str =
    "Ngôn ngữ của thông báo: vi hoặc en (mặc định: TONGHOP_LANG, rồi ngôn ngữ của máy, rồi vi)";
const LOCALE: &str = "Cách đọc số có thể hiểu theo hai kiểu (`1,345`): vi hoặc en (mặc định: vi)";
const TEMPLATE: &str = "Thư mục mẫu biểu (indicators.csv, groups.csv, agencies.csv, template.toml); không ghi thì dùng mẫu có sẵn";

/// The words of each argument, by command and argument id (the field's
/// name). The values an argument takes are said in its words, so clap's
/// English "[default: …]" and "[possible values: …]" are not shown.
const ARGS: [(&str, &str, &str); 49] = [
    ("consolidate", "dir", "Thư mục chứa các biểu gửi về (đọc cả thư mục con; không ghi gì vào đây)"),
    ("consolidate", "period", "Kỳ báo cáo: 2020-Q1 (quý I), 2020-H1 (6 tháng), 2020-9M (9 tháng), 2020 (cả năm) hoặc một tháng: 2026-10, T10/2026, «Tháng 10/2026»"),
    ("consolidate", "out", "Thư mục kết quả"),
    ("consolidate", "template", TEMPLATE),
    ("consolidate", "lang", LANG),
    ("consolidate", "locale", LOCALE),
    ("consolidate", "force", "Ghi đè kết quả đã có trong KẾT_QUẢ"),
    ("consolidate", "previous", "Thư mục kết quả của quý trước (tong-hop.xlsx trong đó, hoặc chính tệp ấy; errors.json để bên cạnh): từ quý II, lũy kế phải bằng lũy kế quý trước cộng thực hiện quý này"),
    ("annex", "dir", "Thư mục chứa các bảng nhiệm vụ (đọc cả thư mục con; không ghi gì vào đây)"),
    ("annex", "period", "Kỳ của chương trình: 2020-Q2, 2020-H1, 2020-9M hoặc 2020; thời hạn của nhiệm vụ được kiểm tra theo kỳ này"),
    ("annex", "out", "Thư mục kết quả"),
    ("annex", "title", "Tiêu đề phụ lục (mặc định theo mẫu biểu: \"CHƯƠNG TRÌNH CÔNG TÁC TRỌNG TÂM QUÝ II NĂM 2020\")"),
    ("annex", "attached_to", "Văn bản mà phụ lục kèm theo, cho dòng \"(Ban hành kèm theo …)\", ví dụ \"Báo cáo số 120/BC-UBND ngày 10/4/2020 của Ủy ban nhân dân quận\""),
    ("annex", "template", TEMPLATE),
    ("annex", "lang", LANG),
    ("annex", "force", "Ghi đè kết quả đã có trong KẾT_QUẢ"),
    ("check", "file", "Tệp cần kiểm tra (.xlsx, .xls, .ods, …)"),
    ("check", "period", "Kỳ báo cáo (2020-Q1, …, hoặc một tháng, 2020-03); không ghi thì lấy kỳ ghi trong tiêu đề của biểu"),
    ("check", "template", TEMPLATE),
    ("check", "lang", LANG_MESSAGES),
    ("check", "locale", LOCALE),
    ("check", "json", "In các lỗi dưới dạng JSON (các trường của errors.json) thay cho danh sách"),
    ("check-text", "file", "Văn bản báo cáo: tệp .txt, .md hoặc .docx"),
    ("check-text", "out", "Thư mục ghi errors.csv và errors.json"),
    ("check-text", "force", "Ghi đè errors.csv và errors.json đã có trong KẾT_QUẢ"),
    ("check-text", "against", "Thư mục kết quả của lệnh consolidate: đối chiếu các số liệu nêu tên chỉ tiêu với KẾT_QUẢ_TỔNG_HỢP/tong-hop.xlsx"),
    ("check-text", "template", "Thư mục mẫu biểu có tên và tên gọi khác của các chỉ tiêu để --against tìm (mặc định: mẫu có sẵn)"),
    ("check-text", "lang", LANG_MESSAGES),
    ("check-text", "json", "In các lỗi dưới dạng JSON ra màn hình thay cho danh sách"),
    ("samples", "out", "Thư mục ghi ra (tạo mới nếu chưa có)"),
    ("samples", "period", "Kỳ báo cáo của bộ biểu: 2020-Q1, 2020-H1, 2020-9M, 2020 (mặc định: 2020-Q1)"),
    ("samples", "seed", "Hạt giống của bộ sinh số (mặc định: 2020)"),
    ("samples", "template", "Một thư mục mẫu biểu: tạo một bộ biểu theo danh sách đơn vị và danh mục chỉ tiêu của nó"),
    ("samples", "clean", "Dùng với --template: không cài lỗi nào (lần tổng hợp không báo gì)"),
    ("samples", "units", "Số phường (hoặc, với --rows, số biểu)"),
    ("samples", "rows", "Dạng biểu lớn: số dòng chỉ tiêu của mỗi biểu"),
    ("samples", "preset", "Một bộ biểu cố định thay cho bộ biểu sinh ra: district (16 phường và các phòng ban của danh sách có sẵn, ba kiểu trình bày, các lỗi cài sẵn liệt kê trong samples/README.md)"),
    ("samples", "expected", "Dùng với --preset: ghi thêm các lỗi cài sẵn (TSV) vào tệp này"),
    ("samples", "force", "Ghi đè các tệp đã có"),
    ("samples", "lang", "Ngôn ngữ của những gì được in ra: vi hoặc en (mặc định: TONGHOP_LANG, rồi ngôn ngữ của máy, rồi vi)"),
    ("codes", "codes", "Các mã cần giải thích (`sum-mismatch` …); không ghi thì giải thích mọi mã"),
    ("codes", "lang", "Ngôn ngữ của phần giải thích: vi hoặc en (mặc định: TONGHOP_LANG, rồi ngôn ngữ của máy, rồi vi)"),
    ("codes", "markdown", "In bảng mã lỗi của README (Markdown) thay vào đó"),
    ("template", "period", "Kỳ của biểu mẫu: 2020-Q1 … 2020-Q4, 2020-H1, 2020-9M, 2020"),
    ("template", "out", "Thư mục kết quả (tạo mới nếu chưa có)"),
    ("template", "units", "Chỉ tạo cho các đơn vị này (mã trong danh sách, ví dụ --unit P05 P07); không ghi thì mọi đơn vị có reports=yes"),
    ("template", "template", TEMPLATE),
    ("template", "force", "Ghi đè các biểu đã có trong KẾT_QUẢ"),
    ("template", "lang", "Ngôn ngữ của hướng dẫn, thông báo khi nhập và tên trang tính (tiêu đề và tên cột mà đơn vị điền vẫn bằng tiếng Việt): vi hoặc en (mặc định: TONGHOP_LANG, rồi ngôn ngữ của máy, rồi vi)"),
];

/// The placeholders of the values options take, English → Vietnamese:
/// one name per thing in each language (the words above and the errors
/// use the same).
const PLACEHOLDERS: [(&str, &str); 18] = [
    ("DIR", "THƯ_MỤC"),
    ("OUT", "KẾT_QUẢ"),
    ("PREV", "KỲ_TRƯỚC"),
    ("CONSOLIDATE_OUT", "KẾT_QUẢ_TỔNG_HỢP"),
    ("PERIOD", "KỲ"),
    ("TEMPLATE", "MẪU_BIỂU"),
    ("FILE", "TỆP"),
    ("LANG", "NGÔN_NGỮ"),
    ("LOCALE", "KIỂU_SỐ"),
    ("TITLE", "TIÊU_ĐỀ"),
    ("ATTACHED_TO", "VĂN_BẢN"),
    ("CODE", "MÃ"),
    ("CODES", "MÃ"),
    ("SEED", "HẠT_GIỐNG"),
    ("PRESET", "BỘ_BIỂU"),
    ("EXPECTED", "TỆP_LỖI"),
    ("N", "N"),
    ("R", "R"),
];

/// The Vietnamese placeholder of an argument's value (clap's, or its id in
/// capitals as clap writes it).
fn placeholder(a: &Arg) -> Option<&'static str> {
    let en = a
        .get_value_names()
        .and_then(|v| v.first())
        .map(|s| s.to_string())
        .unwrap_or_else(|| a.get_id().as_str().to_uppercase());
    PLACEHOLDERS
        .iter()
        .find(|(e, _)| *e == en)
        .map(|(_, vi)| *vi)
}

const HELP: &str = "In trợ giúp";
const VERSION: &str = "In phiên bản";

/// The words of argument `id` of command `command`.
fn arg_words(command: &str, id: &str) -> Option<&'static str> {
    ARGS.iter()
        .find(|(c, a, _)| *c == command && *a == id)
        .map(|(_, _, w)| *w)
}

/// The help flag in Vietnamese: `-h` a summary, `--help` in full, as clap's own.
fn help_flag() -> Arg {
    Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(HELP)
}

/// clap's help layouts with their headings in Vietnamese: the tool's (its
/// commands and options), a command's with arguments and options, and a
/// command's with options only.
const TEMPLATE_ROOT: &str =
    "{about-with-newline}\nCách dùng: {usage}\n\nLệnh:\n{subcommands}\n\nTùy chọn:\n{options}{after-help}";
const TEMPLATE_ARGS: &str = "{about-with-newline}\nCách dùng: {usage}\n\nTham số:\n{positionals}\n\nTùy chọn:\n{options}{after-help}";
const TEMPLATE_OPTIONS: &str =
    "{about-with-newline}\nCách dùng: {usage}\n\nTùy chọn:\n{options}{after-help}";

/// `cmd` (the derived `tonghop` command) with its help in Vietnamese.
pub fn localize(cmd: Command) -> Command {
    let mut cmd = cmd
        .about(TOOL)
        .help_template(TEMPLATE_ROOT)
        .subcommand_value_name("LỆNH")
        .disable_help_flag(true)
        .disable_version_flag(true)
        .mut_arg("lang", |a| {
            a.help(ROOT_LANG)
                .hide_possible_values(true)
                .value_name("NGÔN_NGỮ")
        })
        .arg(help_flag())
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(VERSION),
        );
    for c in &COMMANDS {
        cmd = cmd.mut_subcommand(c.name, |s| {
            let name = c.name;
            let ids: Vec<String> = s.get_arguments().map(|a| a.get_id().to_string()).collect();
            let mut s = s
                .about(c.about)
                .long_about(if c.long.is_empty() {
                    c.about.to_string()
                } else {
                    format!("{}.\n\n{}", c.about, c.long)
                })
                .disable_help_flag(true)
                .arg(help_flag());
            for id in ids {
                let Some(words) = arg_words(name, &id) else {
                    continue;
                };
                s = s.mut_arg(id.as_str(), |a| {
                    let takes = a.get_action().takes_values();
                    let named = match placeholder(&a) {
                        Some(vi) if takes => a.value_name(vi),
                        _ => a,
                    };
                    named
                        .help(words)
                        .long_help(words)
                        .hide_default_value(takes)
                        .hide_possible_values(takes)
                });
            }
            let template = if s.get_positionals().next().is_some() {
                TEMPLATE_ARGS
            } else {
                TEMPLATE_OPTIONS
            };
            s.help_template(template)
        });
    }
    let cmd = fixed_usage(cmd, "[TÙY_CHỌN]");
    cmd.mut_subcommand("help", |s| {
        s.about("In trợ giúp này, hoặc trợ giúp của lệnh được nêu")
            .help_template(TEMPLATE_ARGS)
    })
}

/// `cmd` with each command's usage line fixed as its help prints it, the
/// options' placeholder written `options` (`[OPTIONS]`, `[TÙY_CHỌN]`): a
/// command-line mistake then shows the same line as the help. (clap's own
/// line for a mistake leaves out `[OPTIONS]` and lists the options typed
/// as if required: `--out <OUT> --force <DIR>`.)
pub fn fixed_usage(mut cmd: Command, options: &str) -> Command {
    cmd.build();
    let usages: Vec<(String, String)> = cmd
        .get_subcommands_mut()
        .map(|s| {
            let usage = s.render_usage().to_string();
            let usage = usage.trim_start_matches("Usage:").trim();
            (
                s.get_name().to_string(),
                usage.replace("[OPTIONS]", options),
            )
        })
        .collect();
    for (name, usage) in usages {
        cmd = cmd.mut_subcommand(name, |s| s.override_usage(usage));
    }
    let usage = cmd.render_usage().to_string();
    let usage = usage.trim_start_matches("Usage:").trim();
    let usage = usage.replace("[OPTIONS]", options);
    cmd.override_usage(usage)
}

/// The usage line of command `name` (the tool's when `None`) as `cmd`
/// (made by [`fixed_usage`]) prints it.
pub fn usage_of(cmd: &mut Command, name: Option<&str>) -> String {
    let usage = match name.and_then(|n| cmd.find_subcommand_mut(n)) {
        Some(s) => s.render_usage().to_string(),
        None => cmd.render_usage().to_string(),
    };
    usage
        .trim_start_matches("Usage:")
        .trim_start_matches("Cách dùng:")
        .trim()
        .to_string()
}

/// What the table lacks or has too many of against `cmd` (the derived
/// command): a command or argument without Vietnamese words, or an entry
/// naming no argument. Empty when they agree: a new option cannot be
/// added in English alone, nor a stale entry stay (the binary's tests
/// check it).
pub fn missing_words(cmd: &Command) -> Vec<String> {
    let mut wrong = Vec::new();
    for c in &COMMANDS {
        let Some(s) = cmd.find_subcommand(c.name) else {
            wrong.push(format!("no command {}", c.name));
            continue;
        };
        for a in s.get_arguments() {
            let id = a.get_id().as_str();
            if id != "help" && arg_words(c.name, id).is_none() {
                wrong.push(format!("{} {id}: no Vietnamese words", c.name));
            }
            if a.get_action().takes_values() && placeholder(a).is_none() {
                wrong.push(format!("{} {id}: no Vietnamese placeholder", c.name));
            }
        }
    }
    for (c, id, _) in &ARGS {
        let known = cmd
            .find_subcommand(c)
            .is_some_and(|s| s.get_arguments().any(|a| a.get_id() == *id));
        if !known {
            wrong.push(format!("{c} has no argument {id}"));
        }
    }
    for s in cmd.get_subcommands() {
        if s.get_name() != "help" && !COMMANDS.iter().any(|c| c.name == s.get_name()) {
            wrong.push(format!("command {}: no Vietnamese words", s.get_name()));
        }
    }
    wrong
}
