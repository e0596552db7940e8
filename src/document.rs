//! A document as read from an input: its text, where it came from, and its metadata.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::lang::Lang;
use crate::span::Span;

/// Stable sort key of a document: input position, then 1-based JSONL line (`None` for a plain file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocKey {
    pub input: u32,
    pub record: Option<u32>,
}

/// One document: a plain file, or one record of a JSONL file.
#[derive(Clone, Debug)]
pub struct Document {
    pub key: DocKey,
    /// The path as given or discovered (displayed in reports); `-` for standard input.
    pub path: Arc<str>,
    /// The `id` field of a JSONL record, if any.
    pub id: Option<String>,
    /// The language given by the record's `lang` field (or `--lang`), if any.
    pub lang: Option<Lang>,
    pub text: String,
    /// Every other field of a JSONL record, as raw JSON values, sorted by name.
    pub meta: BTreeMap<String, serde_json::Value>,
    /// Offsets of U+FFFD characters the reader substituted for invalid UTF-8 bytes.
    pub replaced: Vec<Span>,
}

impl Document {
    /// A plain document with no metadata (tests, stdin, single files).
    pub fn plain(path: &str, text: impl Into<String>) -> Self {
        Document {
            key: DocKey {
                input: 0,
                record: None,
            },
            path: Arc::from(path),
            id: None,
            lang: None,
            text: text.into(),
            meta: BTreeMap::new(),
            replaced: Vec::new(),
        }
    }

    /// A metadata field as a string (strings as is, numbers and booleans printed), for grouping.
    pub fn meta_str(&self, field: &str) -> Option<String> {
        match self.meta.get(field)? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        }
    }
}
