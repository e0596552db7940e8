//! What a rule reports: a diagnostic with its rule id, severity, span and message.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity `{other}` (expected error, warning or info)"
            )),
        }
    }
}

/// One finding in one document. Spans are byte offsets into the document's text; line and column
/// are computed only when reporting.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// The rule id, `group/kebab-name`.
    pub rule: Arc<str>,
    /// A sub-kind of the rule (e.g. `credit-glue`), if the rule has several.
    pub kind: Option<&'static str>,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    /// The replacement text for `span`, when the fix is unambiguous.
    pub suggestion: Option<String>,
}

impl Diagnostic {
    /// Order within a document: start, end, rule id, message.
    pub fn sort_key(&self) -> (u32, u32, &str, &str) {
        (self.span.start, self.span.end, &self.rule, &self.message)
    }
}
