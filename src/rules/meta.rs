//! Rule metadata: identity, default severity and documentation.

use std::sync::Arc;

use serde::Serialize;

use crate::diagnostic::Severity;

/// Everything known about a rule besides its logic: used by `rules`, `explain`, SARIF and tests.
#[derive(Clone, Debug, Serialize)]
pub struct RuleMeta {
    /// `group/kebab-name`.
    pub id: Arc<str>,
    pub severity: Severity,
    /// One line: what the rule flags.
    pub summary: String,
    /// Why it matters, how it detects, its limits (Markdown-ish plain text).
    pub explanation: String,
    /// Texts the rule must flag (each is a test).
    pub flagged: Vec<Example>,
    /// Texts the rule must leave alone (each is a test).
    pub allowed: Vec<Example>,
    /// Languages the rule runs on (empty: all).
    pub languages: Vec<String>,
    /// Whether the rule runs unless selected explicitly.
    pub default_enabled: bool,
    /// Where the rule is defined (a source file or a `lints/` file).
    pub origin: String,
}

impl RuleMeta {
    /// The group part of the id (`glue` for `glue/glued-words`).
    pub fn group(&self) -> &str {
        self.id.split('/').next().unwrap_or(&self.id)
    }
}

/// A documented example: a text in a language.
#[derive(Clone, Debug, Serialize)]
pub struct Example {
    pub lang: String,
    pub text: String,
}

impl Example {
    pub fn new(lang: &str, text: &str) -> Self {
        Example {
            lang: lang.into(),
            text: text.into(),
        }
    }
}

/// Builds the example list of a built-in rule from `(lang, text)` pairs.
pub fn examples(list: &[(&str, &str)]) -> Vec<Example> {
    list.iter().map(|(l, t)| Example::new(l, t)).collect()
}
