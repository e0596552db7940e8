//! GitLab Code Quality report: one JSON array of issues, which GitLab shows in merge requests.
//!
//! Each issue has `description` (rule id and message), `check_name` (the rule id), `fingerprint`
//! (a stable hash of rule, path, record and flagged text: it survives unrelated edits), `severity`
//! (`critical` for errors, `minor` for warnings, `info`), and `location.path` / `location.lines.begin`
//! (for a JSONL record, the record's line in the file).

use std::io::{self, Write};

use super::location::Locator;
use super::{DocOutput, Emitter, Summary};
use crate::diagnostic::Severity;
use crate::rules::RuleMeta;

pub struct GitlabEmitter<'w> {
    out: Box<dyn Write + 'w>,
    first: bool,
}

impl<'w> GitlabEmitter<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        GitlabEmitter { out, first: true }
    }
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "critical",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

impl Emitter for GitlabEmitter<'_> {
    fn begin(&mut self, _rules: &[RuleMeta]) -> io::Result<()> {
        self.out.write_all(b"[")
    }

    fn document(&mut self, doc: &DocOutput<'_>) -> io::Result<()> {
        let mut locator = Locator::new(doc.text);
        for d in doc.diagnostics {
            let line = match doc.record {
                Some(r) => r as usize,
                None => locator.locate(d.span).start.line,
            };
            let key = format!(
                "{}\0{}\0{:?}\0{}",
                d.rule,
                doc.path,
                doc.record,
                d.span.text(doc.text)
            );
            let issue = serde_json::json!({
                "description": format!("{}: {}", d.rule, d.message),
                "check_name": &*d.rule,
                "fingerprint": format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes())),
                "severity": severity(d.severity),
                "location": {"path": doc.path, "lines": {"begin": line}},
            });
            self.out
                .write_all(if self.first { b"\n" } else { b",\n" })?;
            self.first = false;
            serde_json::to_writer(&mut self.out, &issue)?;
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.write_all(b"\n]\n")?;
        self.out.flush()
    }
}
