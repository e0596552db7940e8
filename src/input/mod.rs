//! Reading inputs: discovering files under the given paths, decompressing, and turning each file
//! (or each JSONL record) into a `Document`. Problems with one file or one record never stop the
//! others: they are reported as `Event::Problem` and reading goes on.

mod decompress;
mod jsonl;
pub mod markdown;
mod plain;
mod walk;

use std::path::PathBuf;
use std::sync::Arc;

use crate::document::Document;
use crate::lang::Lang;

pub use walk::discover;

/// How records are read from input files.
#[derive(Clone, Debug)]
pub struct InputOptions {
    /// JSONL field holding the text (default `text`).
    pub text_field: String,
    /// JSONL field holding the document id (default `id`).
    pub id_field: String,
    /// JSONL field holding the language code (default `lang`).
    pub lang_field: String,
    /// Language forced for every document (`--lang`); overrides the record's field.
    pub lang: Option<Lang>,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            text_field: "text".into(),
            id_field: "id".into(),
            lang_field: "lang".into(),
            lang: None,
        }
    }
}

/// The layout of a file's content once decompressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.txt` and anything else: one document per file.
    Plain,
    /// `.md` / `.markdown`: one document per file (masking of code and markup comes later).
    Markdown,
    /// `.jsonl` / `.ndjson`: one document per line.
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

/// One input file to read.
#[derive(Clone, Debug)]
pub struct Source {
    /// Position of this source in the sorted discovery order (the `DocKey::input` of its documents).
    pub index: u32,
    /// Where to read it from (for stdin: the spool file).
    pub path: PathBuf,
    /// The path shown in reports (`-` for stdin).
    pub display: Arc<str>,
    pub format: Format,
    pub compression: Compression,
}

/// Something wrong with an input: an error (the run exits 2 at the end) or a notice (informational,
/// e.g. a skipped binary or hidden file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: Arc<str>,
    /// 1-based line of a JSONL file, when the problem is one record.
    pub record: Option<u32>,
    pub message: String,
    pub is_error: bool,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.record {
            Some(r) => write!(f, "{}:{}: {}", self.path, r, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// What reading a source yields, in order.
#[derive(Debug)]
pub enum Event {
    Doc(Document),
    Problem(Problem),
}

/// The result of discovering the inputs under the given paths.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Sources sorted by path bytes within each given path; given paths keep their order.
    pub sources: Vec<Source>,
    /// Missing paths (errors), unreadable folders (errors), skipped hidden/binary files (notices).
    pub problems: Vec<Problem>,
    /// Keeps standard input's spool file alive while the sources are read (twice).
    pub spool: Option<tempfile::NamedTempFile>,
}

/// Reads one source, calling `emit` for every document and problem, in file order. A source can be
/// read any number of times and yields the same events each time.
pub fn read_source(source: &Source, opts: &InputOptions, emit: &mut dyn FnMut(Event)) {
    let reader = match decompress::open(source) {
        Ok(r) => r,
        Err(message) => {
            emit(Event::Problem(Problem {
                path: source.display.clone(),
                record: None,
                message,
                is_error: true,
            }));
            return;
        }
    };
    match source.format {
        Format::Plain | Format::Markdown => plain::read(source, reader, opts, emit),
        Format::Jsonl => jsonl::read(source, reader, opts, emit),
    }
}
