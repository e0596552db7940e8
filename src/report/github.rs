//! GitHub Actions workflow commands: one annotation per diagnostic, nothing else.
//!
//! ```text
//! ::error file=corpora/fr/kim.txt,line=12,col=109,endLine=12,endColumn=119,title=glue/glued-words::`Russieselon` looks like two words glued together (suggestion: `Russie selon`)
//! ::warning file=data.jsonl,line=3,col=1,title=punct/nbsp-quote::missing no-break space [id doc-7, text 2:15]
//! ```
//!
//! - Error, warning and info become `::error`, `::warning` and `::notice`; `title` is the rule id.
//! - For a plain file, `line`/`col` are where the span starts and `endLine`/`endColumn` where its
//!   last character is (GitHub's ends are inclusive; an empty span ends where it starts). Columns
//!   count characters, 1-based.
//! - For a record of a JSONL file, the annotation points at the record's line (`line` = the record's
//!   line in the file, `col=1`), and the message ends with where the span is inside the record's
//!   text: ` [id ID, text LINE:COLUMN]`, or ` [text LINE:COLUMN]` when the record has no id.
//! - A suggestion is added to the message as ` (suggestion: `…`)` (` (suggestion: remove `…`)` for
//!   a deletion).
//! - Standard input (`-`) has no `file` property.
//! - Values are escaped as GitHub requires: `%`, `\r` and `\n` in the message; those and `:` and
//!   `,` in properties.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::location::Locator;
use super::text::describe_suggestion;
use super::{DocOutput, Emitter, Summary};
use crate::diagnostic::Severity;
use crate::rules::RuleMeta;

pub struct GithubEmitter<'w> {
    out: Box<dyn Write + 'w>,
    /// One command, reused: each is written out with a single call.
    buf: String,
}

impl<'w> GithubEmitter<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        GithubEmitter {
            out,
            buf: String::new(),
        }
    }
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

impl Emitter for GithubEmitter<'_> {
    fn begin(&mut self, _rules: &[RuleMeta]) -> io::Result<()> {
        Ok(())
    }

    fn document(&mut self, doc: &DocOutput<'_>) -> io::Result<()> {
        let mut locator = Locator::new(doc.text);
        let file = (doc.path != "-").then(|| escape_property(doc.path));
        for d in doc.diagnostics {
            let at = locator.locate(d.span);
            let mut message = d.message.clone();
            if let Some(suggestion) = &d.suggestion {
                message.push_str(" (suggestion: ");
                message.push_str(&describe_suggestion(suggestion, d.span.text(doc.text)));
                message.push(')');
            }
            let buf = &mut self.buf;
            buf.clear();
            buf.push_str("::");
            buf.push_str(command(d.severity));
            buf.push(' ');
            if let Some(file) = &file {
                buf.push_str("file=");
                buf.push_str(file);
                buf.push(',');
            }
            match doc.record {
                Some(record) => {
                    let _ = write!(buf, "line={record},col=1");
                    message.push_str(" [");
                    if let Some(id) = doc.doc_id {
                        message.push_str("id ");
                        message.push_str(id);
                        message.push_str(", ");
                    }
                    let _ = write!(message, "text {}:{}]", at.start.line, at.start.column);
                }
                None => {
                    // GitHub's end column is inclusive: the column of the span's last character.
                    let end_column = if at.end.line == at.start.line {
                        (at.end.column - 1).max(at.start.column)
                    } else {
                        at.end.column.saturating_sub(1).max(1)
                    };
                    let _ = write!(
                        buf,
                        "line={},col={},endLine={},endColumn={end_column}",
                        at.start.line, at.start.column, at.end.line
                    );
                }
            }
            buf.push_str(",title=");
            buf.push_str(&escape_property(&d.rule));
            buf.push_str("::");
            buf.push_str(&escape_data(&message));
            buf.push('\n');
            self.out.write_all(self.buf.as_bytes())?;
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

/// A command's message, escaped.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command property's value, escaped.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::span::Span;
    use std::sync::Arc;

    fn diag(rule: &str, text: &str, needle: &str, severity: Severity, message: &str) -> Diagnostic {
        let start = text.find(needle).unwrap();
        Diagnostic {
            rule: Arc::from(rule),
            kind: None,
            severity,
            message: message.into(),
            span: Span::from_usize(start, start + needle.len()),
            suggestion: None,
        }
    }

    fn run(docs: &[DocOutput<'_>]) -> String {
        let mut out = Vec::new();
        {
            let mut e = GithubEmitter::new(Box::new(&mut out));
            e.begin(&[]).unwrap();
            for doc in docs {
                e.document(doc).unwrap();
            }
            e.finish(&Summary::default()).unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn one_escaped_command_per_diagnostic() {
        let text = "« Déjà\u{a0}», dit l’élève.\nÀ Russieselon l’agence à 100%";
        let mut g = diag(
            "glue/glued-words",
            text,
            "Russieselon",
            Severity::Error,
            "`Russieselon` looks like two words glued together",
        );
        g.suggestion = Some("Russie selon".into());
        let mut nbsp = diag(
            "punct/nbsp",
            text,
            "Déjà\u{a0}",
            Severity::Info,
            "50% of cases,\nsecond line\r",
        );
        nbsp.suggestion = Some("Déjà\u{202f}".into());
        let pct = diag("punct/percent", text, "%", Severity::Warning, "percent");
        let plain = [nbsp, g.clone(), pct];
        let record = [g];
        let docs = [
            DocOutput {
                path: "corpus/a,b:c%.txt",
                doc_id: None,
                record: None,
                text,
                diagnostics: &plain,
            },
            DocOutput {
                path: "data.jsonl",
                doc_id: Some("doc-7"),
                record: Some(3),
                text,
                diagnostics: &record,
            },
            DocOutput {
                path: "-",
                doc_id: None,
                record: Some(1),
                text,
                diagnostics: &plain[2..],
            },
        ];
        let expected = "\
::notice file=corpus/a%2Cb%3Ac%25.txt,line=1,col=3,endLine=1,endColumn=7,title=punct/nbsp::50%25 of cases,%0Asecond line%0D (suggestion: `Déjà\\u{202f}`)
::error file=corpus/a%2Cb%3Ac%25.txt,line=2,col=3,endLine=2,endColumn=13,title=glue/glued-words::`Russieselon` looks like two words glued together (suggestion: `Russie selon`)
::warning file=corpus/a%2Cb%3Ac%25.txt,line=2,col=29,endLine=2,endColumn=29,title=punct/percent::percent
::error file=data.jsonl,line=3,col=1,title=glue/glued-words::`Russieselon` looks like two words glued together (suggestion: `Russie selon`) [id doc-7, text 2:3]
::warning line=1,col=1,title=punct/percent::percent [text 2:29]
";
        assert_eq!(run(&docs), expected);
    }

    #[test]
    fn empty_and_multiline_spans() {
        let text = "ab\ncd";
        let empty = Diagnostic {
            rule: Arc::from("a/b"),
            kind: None,
            severity: Severity::Warning,
            message: "m".into(),
            span: Span::new(1, 1),
            suggestion: None,
        };
        let across = Diagnostic {
            span: Span::new(1, 4),
            ..empty.clone()
        };
        let doc = DocOutput {
            path: "f.txt",
            doc_id: None,
            record: None,
            text,
            diagnostics: &[empty, across],
        };
        assert_eq!(
            run(&[doc]),
            "::warning file=f.txt,line=1,col=2,endLine=1,endColumn=2,title=a/b::m\n\
             ::warning file=f.txt,line=1,col=2,endLine=2,endColumn=1,title=a/b::m\n"
        );
    }
}
