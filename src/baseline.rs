//! Baselines: today's findings recorded so that a CI run reports only new ones. A finding is
//! identified by its rule, its document (path, plus the record id for JSONL) and its text with
//! whitespace collapsed — not by line numbers, so an unrelated edit above it does not revive it.
//! Identical findings in one document are counted, so a second copy of a baselined problem is new.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::error::Error;

/// What identifies a finding across edits.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Key {
    pub rule: String,
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_id: Option<String>,
    /// The flagged text, whitespace runs collapsed to one space.
    pub text: String,
}

impl Key {
    pub fn of(path: &str, doc_id: Option<&str>, text: &str, d: &Diagnostic) -> Key {
        Key {
            rule: d.rule.to_string(),
            path: path.to_string(),
            doc_id: doc_id.map(str::to_string),
            text: d
                .span
                .text(text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Entry {
    #[serde(flatten)]
    key: Key,
    count: u32,
}

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// A multiset of finding keys.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    counts: BTreeMap<Key, u32>,
}

impl Baseline {
    pub fn add(&mut self, key: Key) {
        *self.counts.entry(key).or_insert(0) += 1;
    }

    /// Whether `key` is baselined; consumes one occurrence when it is.
    pub fn take(&mut self, key: &Key) -> bool {
        match self.counts.get_mut(key) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }

    /// Occurrences not taken (baselined findings that no longer occur).
    pub fn remaining(&self) -> u64 {
        self.counts.values().map(|&n| u64::from(n)).sum()
    }

    pub fn len(&self) -> u64 {
        self.remaining()
    }

    pub fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    pub fn to_json(&self) -> String {
        let file = File {
            version: 1,
            findings: self
                .counts
                .iter()
                .map(|(k, &count)| Entry {
                    key: k.clone(),
                    count,
                })
                .collect(),
        };
        let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn from_json(text: &str, path: &Path) -> Result<Baseline, Error> {
        let file: File = serde_json::from_str(text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: format!("invalid baseline: {e}"),
        })?;
        if file.version != 1 {
            return Err(Error::Config {
                path: path.to_path_buf(),
                message: format!(
                    "baseline version {} is not supported (expected 1)",
                    file.version
                ),
            });
        }
        let mut b = Baseline::default();
        for e in file.findings {
            *b.counts.entry(e.key).or_insert(0) += e.count;
        }
        Ok(b)
    }

    pub fn read(path: &Path) -> Result<Baseline, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            context: format!("cannot read baseline {}", path.display()),
            source,
        })?;
        Baseline::from_json(&text, path)
    }

    pub fn write(&self, path: &Path) -> Result<(), Error> {
        std::fs::write(path, self.to_json()).map_err(|source| Error::Io {
            context: format!("cannot write baseline {}", path.display()),
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;
    use crate::span::Span;
    use std::sync::Arc;

    fn d(text: &str, needle: &str) -> Diagnostic {
        let s = text.find(needle).unwrap();
        Diagnostic {
            rule: Arc::from("repetition/repeated-word"),
            kind: None,
            severity: Severity::Warning,
            message: String::new(),
            span: Span::from_usize(s, s + needle.len()),
            suggestion: None,
        }
    }

    #[test]
    fn survives_edits_and_counts_copies() {
        let before = "Le le chat.\n";
        let mut b = Baseline::default();
        b.add(Key::of("a.txt", None, before, &d(before, "Le le")));
        let b = Baseline::from_json(&b.to_json(), Path::new("b.json")).unwrap();
        let after = "Un titre ajouté.\n\nLe  le chat. Et le le chien.\n";
        let mut live = b.clone();
        let first = d(after, "Le  le");
        assert!(live.take(&Key::of("a.txt", None, after, &first)));
        // The second occurrence is new.
        let second_start = after.rfind("le le").unwrap();
        let mut second = first.clone();
        second.span = Span::from_usize(second_start, second_start + 5);
        assert!(!live.take(&Key::of("a.txt", None, after, &second)));
        assert_eq!(live.remaining(), 0);
        // Another file is another key.
        assert!(!b.clone().take(&Key::of("b.txt", None, after, &first)));
    }
}
