//! The rules framework: the `Rule` trait, the context a rule sees, the sink it reports into, and the
//! registry of built-in, declarative (`lints/`) and user rules.
//!
//! Rule ids are `group/kebab-name`. A built-in rule lives in `builtin/<group>/<name>.rs`; a
//! declarative one in `lints/<group>/<name>.toml` (its path is its id).

pub mod builtin;
pub mod declarative;
mod meta;
mod registry;
pub mod settings;
#[cfg(test)]
pub(crate) mod testing;

use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::index::IndexView;
use crate::span::Span;
use crate::tokenize::Analysis;

pub use meta::{Example, RuleMeta, examples};
pub use registry::{Linted, Registry, Selection};
pub use settings::Settings;

/// A lint rule. Rules are shared by all worker threads and take `&self`.
pub trait Rule: Send + Sync {
    /// The rule's identity and documentation (called once, when the registry is built).
    fn meta(&self) -> RuleMeta;
    /// Whether the rule reads the corpus index (so pass 1 must build it).
    fn needs_index(&self) -> bool {
        false
    }
    /// Whether the rule reads the index's collocation counts: pass 1 of `check` counts them
    /// only then (they cost a tenth of pass 1).
    fn needs_collocations(&self) -> bool {
        false
    }
    /// Whether this rule's suggestions may be applied by `check --fix` (safe) or only with
    /// `--unsafe-fixes` (the default: a rule opts in to safe fixes).
    fn fix_applicability(&self) -> crate::fix::Applicability {
        crate::fix::Applicability::Unsafe
    }
    /// Receives the configuration's word lists and name spellings (called once, before any
    /// document; most rules have nothing to configure).
    fn configure(&mut self, _settings: &Arc<Settings>) {}
    /// Lints one document.
    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>);
}

/// What a rule sees of one document.
pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub an: &'a Analysis<'a>,
    pub index: &'a IndexView<'a>,
}

impl<'a> Ctx<'a> {
    pub fn text(&self) -> &'a str {
        self.an.text
    }
}

/// Where a rule reports. The sink stamps the rule id and its configured severity, so a rule cannot
/// mislabel its findings.
pub struct Sink<'a> {
    rule: &'a Arc<str>,
    severity: Severity,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub fn new(rule: &'a Arc<str>, severity: Severity, out: &'a mut Vec<Diagnostic>) -> Self {
        Sink {
            rule,
            severity,
            out,
        }
    }

    /// Reports a finding at the rule's severity.
    pub fn report(&mut self, span: Span, message: impl Into<String>) {
        self.push(None, self.severity, span, message.into(), None);
    }

    /// Reports a finding with an unambiguous replacement for `span`.
    pub fn report_fix(
        &mut self,
        span: Span,
        message: impl Into<String>,
        suggestion: impl Into<String>,
    ) {
        self.push(
            None,
            self.severity,
            span,
            message.into(),
            Some(suggestion.into()),
        );
    }

    /// Reports a finding of a sub-kind. `raise` lifts the severity one level (e.g. a credit glued to
    /// a caption is worse than a missing space), never above error.
    pub fn report_kind(
        &mut self,
        kind: &'static str,
        raise: bool,
        span: Span,
        message: impl Into<String>,
        suggestion: Option<String>,
    ) {
        let severity = if raise {
            match self.severity {
                Severity::Info => Severity::Warning,
                _ => Severity::Error,
            }
        } else {
            self.severity
        };
        self.push(Some(kind), severity, span, message.into(), suggestion);
    }

    /// Reports a finding of a sub-kind that has its own severity, whatever the rule's (the
    /// catalog's informational sub-kinds, such as a headline echoed by the lead).
    pub fn report_kind_at(
        &mut self,
        kind: &'static str,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) {
        self.push(Some(kind), severity, span, message.into(), None);
    }

    fn push(
        &mut self,
        kind: Option<&'static str>,
        severity: Severity,
        span: Span,
        message: String,
        suggestion: Option<String>,
    ) {
        self.out.push(Diagnostic {
            rule: self.rule.clone(),
            kind,
            severity,
            message,
            span,
            suggestion,
        });
    }
}
