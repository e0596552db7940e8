//! Suppression comments: `<!-- coquille-disable RULE… -->` … `<!-- coquille-enable RULE… -->` and
//! `<!-- coquille-disable-next-line RULE… -->` (rules are ids or group prefixes; none means all).

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{DirectiveKind, Document};
use crate::rules::{Ctx, Rule, RuleMeta, Sink};
use crate::span::{LineIndex, Span};

fn names(rules: &[String], id: &str) -> bool {
    rules.is_empty()
        || rules.iter().any(|p| {
            let p = p.trim_end_matches('/');
            id == p || (id.starts_with(p) && id.as_bytes().get(p.len()) == Some(&b'/'))
        })
}

/// A region where some rules are off, and the directive that opened it.
struct Region {
    span: Span,
    rules: Vec<String>,
    directive: usize,
}

/// The regions the document's directives switch off.
fn regions(doc: &Document) -> Vec<Region> {
    let text = &doc.text;
    let lines = LineIndex::new(text);
    let mut out = Vec::new();
    let mut open: Vec<(usize, &[String], usize)> = Vec::new();
    for (n, d) in doc.directives.iter().enumerate() {
        match d.kind {
            DirectiveKind::Disable => open.push((d.span.end as usize, &d.rules, n)),
            DirectiveKind::Enable => {
                // Closes the latest disable naming the same rules (or any, for a bare enable).
                let pos = open
                    .iter()
                    .rposition(|(_, r, _)| d.rules.is_empty() || *r == d.rules.as_slice());
                if let Some(i) = pos {
                    let (start, rules, directive) = open.remove(i);
                    let span = Span::from_usize(start, d.span.start as usize);
                    out.push(Region {
                        span,
                        rules: rules.to_vec(),
                        directive,
                    });
                }
            }
            DirectiveKind::DisableNextLine => {
                let mut line = lines.line_of(d.span.end) + 1;
                while line < lines.line_count()
                    && lines.line_span(text, line).text(text).trim().is_empty()
                {
                    line += 1;
                }
                if line < lines.line_count() {
                    let span = lines.line_span(text, line);
                    out.push(Region {
                        span,
                        rules: d.rules.clone(),
                        directive: n,
                    });
                }
            }
        }
    }
    for (start, rules, directive) in open {
        let span = Span::from_usize(start, text.len());
        out.push(Region {
            span,
            rules: rules.to_vec(),
            directive,
        });
    }
    out
}

/// Drops the diagnostics that a directive of the document switches off; returns the indices of the
/// directives (other than `enable`) that switched nothing off.
pub fn apply(doc: &Document, diagnostics: &mut Vec<Diagnostic>) -> Vec<usize> {
    let regions = regions(doc);
    let mut used = vec![false; doc.directives.len()];
    diagnostics.retain(|d| {
        let hit = regions.iter().find(|r| {
            r.span.start <= d.span.start && d.span.start <= r.span.end && names(&r.rules, &d.rule)
        });
        if let Some(r) = hit {
            used[r.directive] = true;
        }
        hit.is_none()
    });
    (0..doc.directives.len())
        .filter(|&i| !used[i] && doc.directives[i].kind != DirectiveKind::Enable)
        .collect()
}

/// The id of the rule reporting suppression comments that suppress nothing.
pub const UNUSED_DIRECTIVE: &str = "suppression/unused-directive";

/// `suppression/unused-directive`: a suppression comment that no longer suppresses anything. Its
/// findings are produced by the engine after the other rules ran.
pub struct UnusedDirective;

impl Rule for UnusedDirective {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: UNUSED_DIRECTIVE.into(),
            severity: Severity::Warning,
            summary: "a suppression comment that no longer suppresses any finding".into(),
            explanation: "A `<!-- coquille-disable … -->` or `<!-- coquille-disable-next-line … -->` \
                comment whose region has no finding of the rules it names: the problem was fixed, or \
                the comment names the wrong rule. Remove it, so that it cannot hide a future problem."
                .into(),
            flagged: Vec::new(),
            allowed: crate::rules::examples(&[("en", "Plain text with no comment.")]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, _cx: &Ctx<'_>, _out: &mut Sink<'_>) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Directive;
    use std::sync::Arc;

    fn diag(rule: &str, text: &str, needle: &str) -> Diagnostic {
        let start = text.find(needle).unwrap();
        Diagnostic {
            rule: Arc::from(rule),
            kind: None,
            severity: Severity::Warning,
            message: String::new(),
            span: Span::from_usize(start, start + needle.len()),
            suggestion: None,
        }
    }

    #[test]
    fn regions_and_next_line() {
        let text = "A a.\n<!--d-->\nB b.\n<!--e-->\nC c.\n<!--n-->\n\nD d.\nE e.\n";
        let mut doc = Document::plain("a.md", text);
        let at = |n: &str| Span::from_usize(text.find(n).unwrap(), text.find(n).unwrap() + n.len());
        doc.directives = vec![
            Directive {
                kind: DirectiveKind::Disable,
                rules: vec!["repetition".into()],
                span: at("<!--d-->"),
            },
            Directive {
                kind: DirectiveKind::Enable,
                rules: vec!["repetition".into()],
                span: at("<!--e-->"),
            },
            Directive {
                kind: DirectiveKind::DisableNextLine,
                rules: vec![],
                span: at("<!--n-->"),
            },
        ];
        let mut ds = vec![
            diag("repetition/repeated-word", text, "A a"),
            diag("repetition/repeated-word", text, "B b"),
            diag("glue/x", text, "B b"),
            diag("repetition/repeated-word", text, "C c"),
            diag("glue/x", text, "D d"),
            diag("glue/x", text, "E e"),
        ];
        let unused = apply(&doc, &mut ds);
        assert!(unused.is_empty());
        let kept: Vec<&str> = ds.iter().map(|d| d.span.text(text)).collect();
        assert_eq!(kept, ["A a", "B b", "C c", "E e"]);
        assert_eq!(&*ds[1].rule, "glue/x");
    }
}
