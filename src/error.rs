//! Fatal errors: the run cannot proceed (bad arguments, unreadable
//! template, output folder not writable). Exit status 2 with a one-line
//! reason. Anything wrong with a submission is a finding instead. Reasons
//! are in English, except the one a clerk meets in an ordinary run (an
//! input folder with no spreadsheet), which follows `--lang`.

use crate::diagnostic::Lang;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Fatal {
    #[error(transparent)]
    Template(#[from] crate::template::TemplateError),
    #[error("{0}")]
    Usage(String),
    #[error("input folder {path} cannot be read: {reason}")]
    Input { path: PathBuf, reason: String },
    /// The input folder holds no spreadsheet at all: nothing to
    /// consolidate, and an empty output would look like a result.
    #[error("{}", no_spreadsheet(path, found, *lang))]
    NoSpreadsheet {
        path: PathBuf,
        /// What the folder holds instead (relative paths, sorted).
        found: Vec<String>,
        lang: Lang,
    },
    #[error("output {path} already exists; use --force to replace it")]
    OutputExists { path: PathBuf },
    #[error("cannot write {path}: {reason}")]
    Output { path: PathBuf, reason: String },
    #[error("{0}")]
    Other(String),
}

impl Fatal {
    pub fn output(path: impl Into<PathBuf>, reason: impl ToString) -> Fatal {
        Fatal::Output {
            path: path.into(),
            reason: reason.to_string(),
        }
    }
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
            format!("không có bảng tính nào trong {dir} ({holds}); hãy chọn thư mục chứa các tệp .xlsx, .xls hoặc .ods")
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
            format!("no spreadsheet in {dir} ({holds}); choose the folder that holds the .xlsx, .xls or .ods files")
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
