//! Fatal errors: the run cannot proceed (bad arguments, unreadable
//! template, output folder not writable). Exit status 2 with a one-line
//! reason. Anything wrong with a submission is a finding instead.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Fatal {
    #[error(transparent)]
    Template(#[from] crate::template::TemplateError),
    #[error("{0}")]
    Usage(String),
    #[error("input folder {path} cannot be read: {reason}")]
    Input { path: PathBuf, reason: String },
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
