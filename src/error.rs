//! Fatal errors: the run cannot proceed (bad arguments, unreadable
//! template, output folder not writable). Exit status 2 with a one-line
//! reason in the language of the run and a line that says what to do.
//! Anything wrong with a submission is a finding instead.
//!
//! Each error holds its facts (the path, what it was given as, what is
//! wrong); [`Fatal::message`] and [`Fatal::help`] put them in words.

use crate::diagnostic::Lang;
use std::path::PathBuf;

/// What a path on the command line was given as: the message names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg {
    /// `consolidate DIR`, `annex DIR`: the folder of submissions.
    InputFolder,
    /// `check FILE`: the workbook to check.
    Workbook,
    /// `check-text FILE`: the report's text.
    Report,
    /// `--previous OUT`: last quarter's output folder.
    Previous,
    /// `--against OUT`: the consolidation the text is checked against.
    Against,
    /// `samples --from DIR`.
    Source,
}

impl Arg {
    fn words(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Arg::InputFolder, Lang::Vi) => "thư mục đầu vào",
            (Arg::InputFolder, Lang::En) => "input folder",
            (Arg::Workbook, Lang::Vi) => "tệp cần kiểm tra",
            (Arg::Workbook, Lang::En) => "workbook to check",
            (Arg::Report, Lang::Vi) => "tệp báo cáo",
            (Arg::Report, Lang::En) => "report file",
            (Arg::Previous, Lang::Vi) => "--previous (thư mục kết quả quý trước)",
            (Arg::Previous, Lang::En) => "--previous (last quarter's output folder)",
            (Arg::Against, Lang::Vi) => "--against (thư mục kết quả tổng hợp)",
            (Arg::Against, Lang::En) => "--against (the consolidation's output folder)",
            (Arg::Source, Lang::Vi) => "--from",
            (Arg::Source, Lang::En) => "--from",
        }
    }
}

impl Problem {
    /// The system's error on a path: nothing there, or what it said.
    pub fn of_io(e: std::io::Error) -> Problem {
        match e.kind() {
            std::io::ErrorKind::NotFound => Problem::Missing,
            _ => Problem::Io(e),
        }
    }
}

/// What is wrong with a path given on the command line.
#[derive(Debug)]
pub enum Problem {
    /// Nothing there.
    Missing,
    /// A file where a folder is wanted.
    NotAFolder,
    /// A folder (or a pipe, a device) where a file is wanted.
    NotAFile,
    /// The system refused to read it.
    Io(std::io::Error),
    /// It was read but is not what was wanted: (Vietnamese, English).
    Content(String, String),
}

#[derive(Debug, thiserror::Error)]
pub enum Fatal {
    #[error(transparent)]
    Template(#[from] crate::template::TemplateError),
    /// A path given on the command line cannot be used.
    #[error("{}", self.message(Lang::En))]
    Input {
        path: PathBuf,
        arg: Arg,
        problem: Problem,
    },
    /// Wrong arguments: (Vietnamese, English).
    #[error("{1}")]
    Usage(String, String),
    /// `--out` inside the input folder.
    #[error("{}", self.message(Lang::En))]
    OutputInsideInput { out: PathBuf, dir: PathBuf },
    /// The input folder holds no spreadsheet at all: nothing to
    /// consolidate, and an empty output would look like a result.
    #[error("{}", no_spreadsheet(path, found, *lang))]
    NoSpreadsheet {
        path: PathBuf,
        /// What the folder holds instead (relative paths, sorted).
        found: Vec<String>,
        lang: Lang,
    },
    #[error("{}", self.message(Lang::En))]
    OutputExists { path: PathBuf },
    /// `--out` names a file, not a folder.
    #[error("{}", self.message(Lang::En))]
    OutputNotFolder { path: PathBuf },
    #[error("{}", self.message(Lang::En))]
    Output {
        path: PathBuf,
        reason: String,
        /// The system's error, when that is what failed.
        kind: Option<std::io::ErrorKind>,
    },
    /// A fault of the tool itself (a thread lost, polars failing).
    #[error("{}", self.message(Lang::En))]
    Other(String),
}

impl Fatal {
    /// Writing `path` failed for `reason` (a library's error).
    pub fn output(path: impl Into<PathBuf>, reason: impl ToString) -> Fatal {
        Fatal::Output {
            path: path.into(),
            reason: reason.to_string(),
            kind: None,
        }
    }

    /// Writing `path` failed: the system said `e`.
    pub fn output_io(path: impl Into<PathBuf>, e: &std::io::Error) -> Fatal {
        Fatal::Output {
            path: path.into(),
            reason: e.to_string(),
            kind: Some(e.kind()),
        }
    }

    /// A path given as `arg` that cannot be used.
    pub fn input(path: impl Into<PathBuf>, arg: Arg, problem: Problem) -> Fatal {
        Fatal::Input {
            path: path.into(),
            arg,
            problem,
        }
    }

    /// The error in `lang`, on one line.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Fatal::Template(e) => e.message(lang),
            Fatal::Input { path, arg, problem } => {
                let p = path.display();
                let what = arg.words(lang);
                let why = match problem {
                    Problem::Missing => lang.pick("không tồn tại", "does not exist").to_string(),
                    Problem::NotAFolder => lang
                        .pick("là một tệp, không phải thư mục", "is a file, not a folder")
                        .to_string(),
                    Problem::NotAFile => not_a_file(path, lang),
                    Problem::Io(e) => io_words(e, lang),
                    Problem::Content(v, e) => lang.text(v.clone(), e.clone()),
                };
                format!("{what} {p}: {why}")
            }
            Fatal::Usage(v, e) => lang.text(v.clone(), e.clone()),
            Fatal::OutputInsideInput { out, dir } => match lang {
                Lang::Vi => format!(
                    "thư mục kết quả {} nằm trong thư mục đầu vào {}",
                    out.display(),
                    dir.display()
                ),
                Lang::En => format!(
                    "the output folder {} is inside the input folder {}",
                    out.display(),
                    dir.display()
                ),
            },
            Fatal::NoSpreadsheet { path, found, .. } => no_spreadsheet(path, found, lang),
            Fatal::OutputExists { path } => match lang {
                Lang::Vi => format!("đã có {}", path.display()),
                Lang::En => format!("output {} already exists", path.display()),
            },
            Fatal::OutputNotFolder { path } => match lang {
                Lang::Vi => format!("--out {}: là một tệp, không phải thư mục", path.display()),
                Lang::En => format!("--out {}: is a file, not a folder", path.display()),
            },
            Fatal::Output { path, reason, kind } => {
                let why = match kind {
                    Some(k) => io_kind_words(*k, reason, lang),
                    None => reason.clone(),
                };
                match lang {
                    Lang::Vi => format!("không ghi được {}: {why}", path.display()),
                    Lang::En => format!("cannot write {}: {why}", path.display()),
                }
            }
            Fatal::Other(detail) => match lang {
                Lang::Vi => format!("lỗi của chính công cụ: {detail}"),
                Lang::En => format!("a fault of the tool itself: {detail}"),
            },
        }
    }

    /// What to do about it, in `lang`.
    pub fn help(&self, lang: Lang) -> String {
        let s = match self {
            Fatal::Template(_) => (
                "Hãy sửa tệp mẫu biểu ở dòng đã nêu (xem mục «Mẫu biểu» trong README), hoặc bỏ --template để dùng mẫu có sẵn.",
                "Fix the template file at the line named (README, section on the template), or leave out --template to use the built-in one.",
            ),
            Fatal::Input { arg, problem, .. } => match (arg, problem) {
                (Arg::Workbook, Problem::NotAFile) => (
                    "«tonghop check» kiểm tra một tệp; để tổng hợp cả thư mục, dùng «tonghop consolidate THƯ_MỤC».",
                    "«tonghop check» checks one workbook; to consolidate a folder, use «tonghop consolidate DIR».",
                ),
                // The workbook is there but is not laid out as
                // `consolidate` writes it (another workbook saved under
                // the name, or its table edited by hand): pointing at the
                // folder again would change nothing.
                (Arg::Against, Problem::Content(..)) => (
                    "Tệp tong-hop.xlsx này không có bảng «Tổng hợp» như «tonghop consolidate» ghi ra (tệp khác trùng tên, hoặc bảng đã bị sửa tay): hãy chạy lại «tonghop consolidate THƯ_MỤC --period KỲ --out KẾT_QUẢ» rồi ghi --against KẾT_QUẢ.",
                    "This tong-hop.xlsx has no «Summary» table as «tonghop consolidate» writes it (another workbook under that name, or its table edited by hand): run «tonghop consolidate DIR --period PERIOD --out OUT» again and give --against OUT.",
                ),
                // The message says whether the folder is of another
                // period or the run takes none (a first quarter, a month):
                // giving the folder again is not always the way out.
                (Arg::Previous, Problem::Content(..)) => (
                    "Hãy ghi thư mục kết quả (--out) của lần tổng hợp kỳ liền trước, nơi có tệp tong-hop.xlsx; khi lời nhắn trên bảo bỏ --previous, hãy chạy lại không có --previous.",
                    "Give the output folder (--out) of the consolidation of the period just before, the one holding tong-hop.xlsx; when the message above says to leave out --previous, run again without it.",
                ),
                (Arg::Previous | Arg::Against, _) => (
                    "Hãy ghi thư mục kết quả (--out) của lần tổng hợp trước, nơi có tệp tong-hop.xlsx.",
                    "Give the output folder (--out) of the earlier consolidation, the one holding tong-hop.xlsx.",
                ),
                (Arg::Report, Problem::Content(..)) => (
                    "Hãy mở tệp bằng Word (hoặc trình soạn thảo văn bản) và lưu lại dạng .docx, hoặc .txt mã UTF-8, rồi chạy lại.",
                    "Open the file in Word (or a text editor) and save it again as .docx, or as UTF-8 .txt, then run again.",
                ),
                (_, Problem::Io(_)) => (
                    "Hãy kiểm tra quyền đọc của thư mục/tệp, hoặc chép nó sang chỗ khác rồi chạy lại.",
                    "Check that you may read it, or copy it elsewhere and run again.",
                ),
                _ => (
                    "Hãy kiểm tra lại đường dẫn (chạy lệnh trong đúng thư mục, hoặc ghi đường dẫn đầy đủ).",
                    "Check the path (run from the right folder, or give the full path).",
                ),
            },
            Fatal::Usage(..) => (
                "xem cách dùng với «tonghop --help» hoặc «tonghop <lệnh> --help».",
                "see the usage with «tonghop --help» or «tonghop <command> --help».",
            ),
            Fatal::OutputInsideInput { .. } => (
                "Hãy chọn thư mục kết quả ở ngoài thư mục đầu vào (công cụ không bao giờ ghi vào thư mục đầu vào).",
                "Choose an output folder outside the input folder (nothing is ever written into the input folder).",
            ),
            Fatal::NoSpreadsheet { .. } => (
                "Hãy chọn thư mục chứa các tệp .xlsx, .xls hoặc .ods nhận được.",
                "Choose the folder that holds the .xlsx, .xls or .ods files received.",
            ),
            Fatal::OutputExists { .. } => (
                "Thêm --force để ghi đè, hoặc chọn thư mục kết quả khác bằng --out.",
                "Add --force to replace it, or choose another output folder with --out.",
            ),
            Fatal::OutputNotFolder { .. } => (
                "Hãy ghi sau --out tên một thư mục (chưa có thì công cụ tạo).",
                "Give --out the name of a folder (it is made if absent).",
            ),
            Fatal::Output { .. } => (
                "Hãy đóng tệp nếu đang mở trong Excel, kiểm tra quyền ghi và chỗ trống trên ổ đĩa, hoặc chọn thư mục khác bằng --out.",
                "Close the file if Excel has it open, check write permission and free space, or choose another folder with --out.",
            ),
            Fatal::Other(_) => (
                "Hãy chạy lại; nếu lỗi còn, gửi dòng này cho người phát triển.",
                "Run again; if it persists, send this line to the developers.",
            ),
        };
        lang.pick(s.0, s.1).to_string()
    }
}

/// Why a path that should be a file is not one: a folder, a pipe.
fn not_a_file(path: &std::path::Path, lang: Lang) -> String {
    let is_dir = path.is_dir();
    match (is_dir, lang) {
        (true, Lang::Vi) => "là một thư mục, không phải tệp".into(),
        (true, Lang::En) => "is a folder, not a file".into(),
        (false, Lang::Vi) => {
            "không phải tệp thông thường (một ống dẫn hay thiết bị); không được mở".into()
        }
        (false, Lang::En) => "is not a regular file (a pipe or a device); not opened".into(),
    }
}

/// The system's error in words of `lang`.
pub fn io_words(e: &std::io::Error, lang: Lang) -> String {
    io_kind_words(e.kind(), &e.to_string(), lang)
}

fn io_kind_words(kind: std::io::ErrorKind, raw: &str, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let (vi, en) = match kind {
        K::NotFound => ("không tồn tại", "does not exist"),
        K::PermissionDenied => ("không có quyền truy cập", "permission denied"),
        K::AlreadyExists => ("đã có một tệp cùng tên", "a file of that name exists"),
        K::StorageFull => ("ổ đĩa đã đầy", "the disk is full"),
        K::ReadOnlyFilesystem => ("ổ đĩa chỉ cho đọc", "the disk is read-only"),
        K::NotADirectory => (
            "một phần của đường dẫn là tệp, không phải thư mục",
            "a part of the path is a file, not a folder",
        ),
        K::IsADirectory => ("là một thư mục", "is a folder"),
        _ => return lang.text(format!("lỗi hệ thống ({raw})"), raw.to_string()),
    };
    lang.pick(vi, en).to_string()
}

/// How many of the files found the no-spreadsheet message names.
const NAMED: usize = 5;

/// "no spreadsheet in DIR", in the language of the run, with what the
/// folder holds instead.
fn no_spreadsheet(path: &std::path::Path, found: &[String], lang: Lang) -> String {
    let dir = path.display();
    let mut names = found
        .iter()
        .take(NAMED)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    let more = found.len().saturating_sub(NAMED);
    match lang {
        Lang::Vi => {
            if more > 0 {
                names.push_str(&format!(" và {more} tệp khác"));
            }
            let holds = if found.is_empty() {
                "thư mục trống".to_string()
            } else {
                format!("chỉ có {names}")
            };
            format!("không có bảng tính nào trong {dir} ({holds})")
        }
        Lang::En => {
            if more > 0 {
                names.push_str(&format!(" and {more} more"));
            }
            let holds = if found.is_empty() {
                "the folder is empty".to_string()
            } else {
                format!("only {names}")
            };
            format!("no spreadsheet in {dir} ({holds})")
        }
    }
}

/// What a command reports back to `main`: whether errors were found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// No finding of severity error.
    Clean,
    /// At least one finding of severity error.
    ErrorsFound,
}

impl Outcome {
    pub fn from_errors(errors: usize) -> Outcome {
        if errors > 0 {
            Outcome::ErrorsFound
        } else {
            Outcome::Clean
        }
    }

    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Clean => 0,
            Outcome::ErrorsFound => 1,
        }
    }
}
