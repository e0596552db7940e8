//! Suppression comments: `<!-- coquille-disable RULE… -->` … `<!-- coquille-enable RULE… -->` and
//! `<!-- coquille-disable-next-line RULE… -->` (rules are ids or group prefixes; none means all).

use crate::diagnostic::Diagnostic;
use crate::document::{DirectiveKind, Document};
use crate::span::{LineIndex, Span};

fn names(rules: &[String], id: &str) -> bool {
    rules.is_empty()
        || rules.iter().any(|p| {
            let p = p.trim_end_matches('/');
            id == p || (id.starts_with(p) && id.as_bytes().get(p.len()) == Some(&b'/'))
        })
}

/// A region where some rules are off.
struct Region {
    span: Span,
    rules: Vec<String>,
}

/// The regions the document's directives switch off.
fn regions(doc: &Document) -> Vec<Region> {
    let text = &doc.text;
    let lines = LineIndex::new(text);
    let mut out = Vec::new();
    let mut open: Vec<(usize, &[String])> = Vec::new();
    for d in &doc.directives {
        match d.kind {
            DirectiveKind::Disable => open.push((d.span.end as usize, &d.rules)),
            DirectiveKind::Enable => {
                // Closes the latest disable naming the same rules (or any, for a bare enable).
                let pos = open
                    .iter()
                    .rposition(|(_, r)| d.rules.is_empty() || *r == d.rules.as_slice());
                if let Some(i) = pos {
                    let (start, rules) = open.remove(i);
                    out.push(Region {
                        span: Span::from_usize(start, d.span.start as usize),
                        rules: rules.to_vec(),
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
                    out.push(Region {
                        span: lines.line_span(text, line),
                        rules: d.rules.clone(),
                    });
                }
            }
        }
    }
    for (start, rules) in open {
        out.push(Region {
            span: Span::from_usize(start, text.len()),
            rules: rules.to_vec(),
        });
    }
    out
}

/// Drops the diagnostics that a directive of the document switches off.
pub fn apply(doc: &Document, diagnostics: &mut Vec<Diagnostic>) {
    let regions = regions(doc);
    diagnostics.retain(|d| {
        !regions.iter().any(|r| {
            r.span.start <= d.span.start && d.span.start <= r.span.end && names(&r.rules, &d.rule)
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;
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
        apply(&doc, &mut ds);
        let kept: Vec<&str> = ds.iter().map(|d| d.span.text(text)).collect();
        assert_eq!(kept, ["A a", "B b", "C c", "E e"]);
        assert_eq!(&*ds[1].rule, "glue/x");
    }
}
