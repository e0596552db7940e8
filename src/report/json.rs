//! JSON and JSON Lines output.
//!
//! `json` writes one object, streamed, with one diagnostic per line inside the array:
//!
//! ```text
//! {"version":1,"diagnostics":[
//! {"rule":"glue/glued-words","severity":"error",...},
//! {"rule":"typo/double-space","severity":"warning",...}
//! ],"summary":{"documents":40,...}}
//! ```
//!
//! `jsonl` writes the same diagnostic objects, one per line, and nothing else.
//!
//! A diagnostic object has, in this order: `rule`, `severity` (`error`, `warning` or `info`),
//! `message`, `path`, `doc_id` (the JSONL record's id, or `null`), `record` (the record's 1-based
//! line in its JSONL file, or `null`), `start` and `end` (the half-open span in bytes of the
//! document's text), `line`, `column`, `end_line`, `end_column` (1-based, columns in characters, in
//! the document's text; the end is the position of the exclusive end offset), then `kind` and
//! `suggestion` when there are any.

use std::io::{self, Write};

use serde::Serialize;

use super::location::Locator;
use super::{DocOutput, Emitter, Summary};
use crate::diagnostic::Severity;
use crate::rules::RuleMeta;

pub struct JsonEmitter<'w> {
    out: Box<dyn Write + 'w>,
    /// JSON Lines: bare diagnostic objects, no envelope.
    lines: bool,
    /// Diagnostics written so far (for the separators of `json`).
    written: u64,
    /// One diagnostic's line, reused: each is written out with a single call.
    buf: Vec<u8>,
}

impl<'w> JsonEmitter<'w> {
    pub fn new(out: Box<dyn Write + 'w>, lines: bool) -> Self {
        JsonEmitter {
            out,
            lines,
            written: 0,
            buf: Vec::new(),
        }
    }
}

/// A diagnostic as serialized; the field order is the output's key order.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    path: &'a str,
    doc_id: Option<&'a str>,
    record: Option<u32>,
    start: u32,
    end: u32,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<&'a str>,
}

impl Emitter for JsonEmitter<'_> {
    fn begin(&mut self, _rules: &[RuleMeta]) -> io::Result<()> {
        if !self.lines {
            self.out.write_all(br#"{"version":1,"diagnostics":["#)?;
        }
        Ok(())
    }

    fn document(&mut self, doc: &DocOutput<'_>) -> io::Result<()> {
        let mut locator = Locator::new(doc.text);
        for d in doc.diagnostics {
            let location = locator.locate(d.span);
            let record = JsonDiagnostic {
                rule: &d.rule,
                severity: d.severity,
                message: &d.message,
                path: doc.path,
                doc_id: doc.doc_id,
                record: doc.record,
                start: d.span.start,
                end: d.span.end,
                line: location.start.line,
                column: location.start.column,
                end_line: location.end.line,
                end_column: location.end.column,
                kind: d.kind,
                suggestion: d.suggestion.as_deref(),
            };
            self.buf.clear();
            if !self.lines {
                self.buf
                    .extend_from_slice(if self.written == 0 { b"\n" } else { b",\n" });
            }
            serde_json::to_writer(&mut self.buf, &record)?;
            if self.lines {
                self.buf.push(b'\n');
            }
            self.out.write_all(&self.buf)?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        if !self.lines {
            self.buf.clear();
            if self.written > 0 {
                self.buf.push(b'\n');
            }
            self.buf.extend_from_slice(br#"],"summary":"#);
            serde_json::to_writer(&mut self.buf, summary)?;
            self.buf.extend_from_slice(b"}\n");
            self.out.write_all(&self.buf)?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::span::Span;
    use serde_json::Value;
    use std::sync::Arc;

    fn diag(text: &str, needle: &str, severity: Severity) -> Diagnostic {
        let start = text.find(needle).unwrap();
        Diagnostic {
            rule: Arc::from("glue/glued-words"),
            kind: None,
            severity,
            message: format!("`{needle}` \"quoted\"\n\\"),
            span: Span::from_usize(start, start + needle.len()),
            suggestion: None,
        }
    }

    fn run(lines: bool, docs: &[DocOutput<'_>], summary: &Summary) -> String {
        let mut out = Vec::new();
        {
            let mut e = JsonEmitter::new(Box::new(&mut out), lines);
            e.begin(&[]).unwrap();
            for doc in docs {
                e.document(doc).unwrap();
            }
            e.finish(summary).unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    const TEXT: &str = "« Déjà\u{a0}», dit l’élève.\nÀ Russieselon l’agence";

    fn fixture() -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        let mut a = diag(TEXT, "Russieselon", Severity::Error);
        a.kind = Some("credit-glue");
        a.suggestion = Some("Russie selon".into());
        let b = diag(TEXT, "élève", Severity::Info);
        let mut plain = vec![a, b];
        plain.sort_by(|x, y| x.sort_key().cmp(&y.sort_key()));
        let record = vec![diag(TEXT, "Déjà", Severity::Warning)];
        (plain, record)
    }

    #[test]
    fn json_is_one_valid_object_with_exact_positions() {
        let (plain, record) = fixture();
        let docs = [
            DocOutput {
                path: "corpus/a.txt",
                doc_id: None,
                record: None,
                text: TEXT,
                diagnostics: &plain,
            },
            DocOutput {
                path: "data.jsonl",
                doc_id: Some("doc-7"),
                record: Some(3),
                text: TEXT,
                diagnostics: &record,
            },
        ];
        let mut summary = Summary {
            documents: 2,
            words: 10,
            errors: 1,
            warnings: 1,
            infos: 1,
            ..Summary::default()
        };
        summary.by_rule.insert("glue/glued-words".into(), 3);
        let out = run(false, &docs, &summary);
        assert!(out.starts_with("{\"version\":1,\"diagnostics\":[\n{\"rule\":"));
        assert!(out.ends_with("\n],\"summary\":{\"documents\":2,\"words\":10,\"bytes\":0,\"errors\":1,\"warnings\":1,\"infos\":1,\"by_rule\":{\"glue/glued-words\":3},\"input_errors\":0}}\n"));
        assert_eq!(out.lines().count(), 5);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["version"], 1);
        let ds = v["diagnostics"].as_array().unwrap();
        assert_eq!(ds.len(), 3);

        let e = &ds[0];
        assert_eq!(e["severity"], "info");
        assert_eq!(e["line"], 1);
        assert_eq!(e["column"], 17);
        assert_eq!(e["end_line"], 1);
        assert_eq!(e["end_column"], 22);
        assert_eq!(e["message"], "`élève` \"quoted\"\n\\");
        assert_eq!(e["doc_id"], Value::Null);
        assert_eq!(e["record"], Value::Null);
        assert!(e.get("kind").is_none() && e.get("suggestion").is_none());

        let g = &ds[1];
        let start = TEXT.find("Russieselon").unwrap();
        assert_eq!(g["start"], start);
        assert_eq!(g["end"], start + "Russieselon".len());
        assert_eq!(
            (g["line"].clone(), g["column"].clone()),
            (2.into(), 3.into())
        );
        assert_eq!(g["end_column"], 14);
        assert_eq!(g["kind"], "credit-glue");
        assert_eq!(g["suggestion"], "Russie selon");

        let r = &ds[2];
        assert_eq!(r["path"], "data.jsonl");
        assert_eq!(r["doc_id"], "doc-7");
        assert_eq!(r["record"], 3);
        assert_eq!(
            (r["line"].clone(), r["column"].clone()),
            (1.into(), 3.into())
        );
        assert_eq!(r["end_column"], 7);

        // Key order as documented.
        let line = out.lines().nth(2).unwrap();
        let mut last = 0;
        for key in [
            "rule",
            "severity",
            "message",
            "path",
            "doc_id",
            "record",
            "start",
            "end",
            "line",
            "column",
            "end_line",
            "end_column",
            "kind",
            "suggestion",
        ] {
            let at = line.find(&format!("\"{key}\":")).unwrap();
            assert!(at >= last, "{key} out of order");
            last = at;
        }
    }

    #[test]
    fn json_without_diagnostics_is_valid() {
        let out = run(false, &[], &Summary::default());
        assert!(out.starts_with("{\"version\":1,\"diagnostics\":[],\"summary\":{"));
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["diagnostics"].as_array().unwrap().len(), 0);
        assert_eq!(v["summary"]["documents"], 0);
    }

    #[test]
    fn jsonl_is_one_object_per_line() {
        let (plain, record) = fixture();
        let docs = [
            DocOutput {
                path: "a.txt",
                doc_id: None,
                record: None,
                text: TEXT,
                diagnostics: &plain,
            },
            DocOutput {
                path: "data.jsonl",
                doc_id: Some("x"),
                record: Some(9),
                text: TEXT,
                diagnostics: &record,
            },
        ];
        let out = run(true, &docs, &Summary::default());
        assert!(out.ends_with('\n'));
        let lines: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|v| v.get("rule").is_some()));
        assert_eq!(lines[2]["record"], 9);
        assert_eq!(run(true, &[], &Summary::default()), "");
    }
}
