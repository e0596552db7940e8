//! Output formats. Emitters receive documents with their diagnostics already in order and stream
//! them out; they never sort or hash.

mod github;
mod gitlab;
mod json;
mod location;
mod sarif;
mod text;

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RuleMeta;

pub use text::TextOptions;

/// The output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Jsonl,
    Sarif,
    Github,
    Gitlab,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "text" => Format::Text,
            "json" => Format::Json,
            "jsonl" => Format::Jsonl,
            "sarif" => Format::Sarif,
            "github" => Format::Github,
            "gitlab" => Format::Gitlab,
            other => return Err(format!("unknown format `{other}`")),
        })
    }
}

/// One document's findings, as handed to an emitter.
#[derive(Clone, Copy, Debug)]
pub struct DocOutput<'a> {
    pub path: &'a str,
    /// The `id` of a JSONL record (`None` for a plain file).
    pub doc_id: Option<&'a str>,
    /// 1-based line of the record in a JSONL file (`None` for a plain file).
    pub record: Option<u32>,
    /// The document's text (for line/column and the source excerpt).
    pub text: &'a str,
    /// Sorted by (start, end, rule, message).
    pub diagnostics: &'a [Diagnostic],
}

/// Totals of a run, printed at the end.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Summary {
    pub documents: u64,
    pub words: u64,
    pub bytes: u64,
    pub errors: u64,
    pub warnings: u64,
    pub infos: u64,
    /// Findings per rule id.
    pub by_rule: BTreeMap<String, u64>,
    /// Input problems (unreadable files, malformed records) counted as errors of the run.
    pub input_errors: u64,
}

impl Summary {
    pub fn add(&mut self, d: &Diagnostic) {
        match d.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
        *self.by_rule.entry(d.rule.to_string()).or_insert(0) += 1;
    }

    pub fn findings(&self) -> u64 {
        self.errors + self.warnings + self.infos
    }

    /// Number of findings at or above `level`.
    pub fn at_or_above(&self, level: Severity) -> u64 {
        match level {
            Severity::Error => self.errors,
            Severity::Warning => self.errors + self.warnings,
            Severity::Info => self.findings(),
        }
    }
}

/// A streaming output format.
pub trait Emitter {
    /// Called once before any document, with the metadata of every rule that runs (sorted by id).
    fn begin(&mut self, rules: &[RuleMeta]) -> io::Result<()>;
    /// Called once per document that has at least one diagnostic, in input order.
    fn document(&mut self, doc: &DocOutput<'_>) -> io::Result<()>;
    /// Called once at the end.
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// The emitter for `format`, writing to `out`.
pub fn emitter<'w>(
    format: Format,
    out: Box<dyn Write + 'w>,
    text: TextOptions,
) -> Box<dyn Emitter + 'w> {
    match format {
        Format::Text => Box::new(text::TextEmitter::new(out, text)),
        Format::Json => Box::new(json::JsonEmitter::new(out, false)),
        Format::Jsonl => Box::new(json::JsonEmitter::new(out, true)),
        Format::Sarif => Box::new(sarif::SarifEmitter::new(out)),
        Format::Github => Box::new(github::GithubEmitter::new(out)),
        Format::Gitlab => Box::new(gitlab::GitlabEmitter::new(out)),
    }
}
