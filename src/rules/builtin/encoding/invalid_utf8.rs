//! `encoding/invalid-utf8`: bytes that were not valid UTF-8 in the input.

use crate::diagnostic::Severity;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};

pub struct InvalidUtf8;

impl Rule for InvalidUtf8 {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "encoding/invalid-utf8".into(),
            severity: Severity::Error,
            summary: "bytes that are not valid UTF-8, replaced by U+FFFD when read".into(),
            explanation: "The input held byte sequences that are not UTF-8 (often Latin-1 or Windows-1252 \
                text, or a truncated multi-byte character). Coquille replaces each with U+FFFD so the rest \
                of the document can be checked, and reports every replacement: offsets refer to the \
                decoded text. Re-encode the source file as UTF-8."
                .into(),
            // Invalid bytes cannot be written in a Rust string: the examples only show silence.
            flagged: Vec::new(),
            allowed: examples(&[("fr", "Un texte en UTF-8 valide : été, « guillemets »."), ("en", "Plain text.")]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        for span in &cx.doc.replaced {
            out.report(*span, "invalid UTF-8 bytes replaced by U+FFFD");
        }
    }
}
