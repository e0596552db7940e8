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
    /// Regions that are not prose (Markdown code, URLs, markup, front matter): rules see them as
    /// spaces and findings touching them are dropped. Sorted, disjoint.
    pub masked: Vec<Span>,
    /// Suppression comments found in the document (Markdown `<!-- coquille-… -->`).
    pub directives: Vec<Directive>,
}

/// What a suppression comment asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `coquille-disable RULE…`: from here to a matching enable (or the end).
    Disable,
    /// `coquille-enable RULE…`: ends a disable.
    Enable,
    /// `coquille-disable-next-line RULE…`: the next non-blank line only.
    DisableNextLine,
}

/// A suppression comment: its kind, the rules or groups it names (all rules when empty), and its span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    pub rules: Vec<String>,
    pub span: Span,
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
            masked: Vec::new(),
            directives: Vec::new(),
        }
    }

    /// The text rules see: masked regions replaced by spaces (line breaks kept), so byte offsets,
    /// lines and columns are those of the original text. Borrowed when nothing is masked.
    pub fn prose(&self) -> std::borrow::Cow<'_, str> {
        if self.masked.is_empty() {
            return std::borrow::Cow::Borrowed(&self.text);
        }
        let mut bytes = self.text.as_bytes().to_vec();
        for span in &self.masked {
            for b in bytes.get_mut(span.range()).into_iter().flatten() {
                if *b != b'\n' && *b != b'\r' {
                    *b = b' ';
                }
            }
        }
        // Masks fall on character boundaries, so the result is valid UTF-8; never fail anyway.
        std::borrow::Cow::Owned(
            String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        )
    }

    /// Whether `span` touches a masked region.
    pub fn is_masked(&self, span: Span) -> bool {
        let i = self.masked.partition_point(|m| m.end <= span.start);
        self.masked
            .get(i)
            .is_some_and(|m| m.start < span.end.max(span.start + 1))
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
