//! Errors of the library's boundaries.
use std::path::PathBuf;

/// An error that stops a command (as opposed to an input problem, which is reported and skipped).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{path}: {message}")]
    Config { path: PathBuf, message: String },
    #[error("{path}: {message}")]
    RuleFile { path: String, message: String },
    #[error("{path}: {message}")]
    Index { path: PathBuf, message: String },
    #[error("{0}")]
    Usage(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
}
