//! SARIF 2.1.0 output: one run, streamed, with one rule or result per line.
//!
//! ```text
//! {"$schema":"…","version":"2.1.0","runs":[{"tool":{"driver":{"name":"coquille","version":"…","rules":[
//! {"id":"glue/glued-words",…},
//! …
//! ]}},"columnKind":"unicodeCodePoints","results":[
//! {"ruleId":"glue/glued-words","ruleIndex":0,"level":"error",…},
//! …
//! ],"properties":{"summary":{…}}}]}
//! ```
//!
//! - `tool.driver.rules` holds one reporting descriptor per rule that runs, in the order given
//!   (sorted by id); a result's `ruleIndex` points into it.
//! - Levels: `error`, `warning`, and `note` for info.
//! - The artifact URI is the path as given, with `\` turned into `/` and characters a URI reference
//!   cannot hold percent-encoded; an absolute path becomes a `file://` URI, and standard input (`-`)
//!   is `stdin`.
//! - Columns count Unicode code points (`"columnKind":"unicodeCodePoints"`), 1-based, and the end
//!   column is exclusive, as SARIF wants.
//! - For a plain file, the region is the span: `startLine`, `startColumn`, `endLine`, `endColumn`.
//! - For a record of a JSONL file, positions inside the record's text are not positions in the
//!   file, so the region is the record's whole line (`startLine` = the record's line, `startColumn`
//!   1, no end: the region runs to the end of that line). The result's `properties` then carry
//!   `record`, `docId` (when the record has one) and `line`, `column`, `endLine`, `endColumn` inside
//!   the record's text.
//! - Every result's `properties` carry `start` and `end`, the span in bytes of the document's text,
//!   and `kind` and `suggestion` when there are any. Fixes and fingerprints are not produced.
//! - The run's `properties.summary` is the run's [`Summary`], as in the `json` format.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::location::Locator;
use super::{DocOutput, Emitter, Summary};
use crate::diagnostic::Severity;
use crate::rules::RuleMeta;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub struct SarifEmitter<'w> {
    out: Box<dyn Write + 'w>,
    /// Index of each rule in `tool.driver.rules`.
    rule_index: BTreeMap<String, usize>,
    /// Results written so far (for the separators).
    written: u64,
    /// One rule's or result's line, reused: each is written out with a single call.
    buf: Vec<u8>,
}

impl<'w> SarifEmitter<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        SarifEmitter {
            out,
            rule_index: BTreeMap::new(),
            written: 0,
            buf: Vec::new(),
        }
    }
}

#[derive(Serialize)]
struct Message<'a> {
    text: Cow<'a, str>,
}

impl<'a> Message<'a> {
    fn new(text: impl Into<Cow<'a, str>>) -> Self {
        Message { text: text.into() }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor<'a> {
    id: &'a str,
    short_description: Message<'a>,
    full_description: Message<'a>,
    help: Message<'a>,
    default_configuration: Configuration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    tags: [&'a str; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message<'a>,
    locations: [ResultLocation<'a>; 1],
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultLocation<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    doc_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    start: u32,
    end: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<&'a str>,
}

#[derive(Serialize)]
struct RunProperties<'a> {
    summary: &'a Summary,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

impl Emitter for SarifEmitter<'_> {
    fn begin(&mut self, rules: &[RuleMeta]) -> io::Result<()> {
        self.buf.clear();
        write!(
            self.buf,
            r#"{{"$schema":"{SCHEMA}","version":"2.1.0","runs":[{{"tool":{{"driver":{{"name":"coquille","version":"#
        )?;
        serde_json::to_writer(&mut self.buf, env!("CARGO_PKG_VERSION"))?;
        self.buf.extend_from_slice(br#","rules":["#);
        for (i, rule) in rules.iter().enumerate() {
            self.rule_index.entry(rule.id.to_string()).or_insert(i);
            let explanation = if rule.explanation.is_empty() {
                &rule.summary
            } else {
                &rule.explanation
            };
            let descriptor = ReportingDescriptor {
                id: &rule.id,
                short_description: Message::new(rule.summary.as_str()),
                full_description: Message::new(explanation.as_str()),
                help: Message::new(format!(
                    "{}\n\nRun `coquille explain {}` for details and examples.",
                    rule.summary, rule.id
                )),
                default_configuration: Configuration {
                    level: level(rule.severity),
                },
                properties: RuleProperties {
                    tags: [rule.group()],
                },
            };
            self.buf
                .extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            serde_json::to_writer(&mut self.buf, &descriptor)?;
        }
        if !rules.is_empty() {
            self.buf.push(b'\n');
        }
        self.buf
            .extend_from_slice(br#"]}},"columnKind":"unicodeCodePoints","results":["#);
        self.out.write_all(&self.buf)
    }

    fn document(&mut self, doc: &DocOutput<'_>) -> io::Result<()> {
        let uri = artifact_uri(doc.path);
        let mut locator = Locator::new(doc.text);
        for d in doc.diagnostics {
            let at = locator.locate(d.span);
            let (region, inner) = match doc.record {
                Some(record) => (
                    Region {
                        start_line: record as usize,
                        start_column: 1,
                        end_line: None,
                        end_column: None,
                    },
                    Some(at),
                ),
                None => (
                    Region {
                        start_line: at.start.line,
                        start_column: at.start.column,
                        end_line: Some(at.end.line),
                        end_column: Some(at.end.column),
                    },
                    None,
                ),
            };
            let result = SarifResult {
                rule_id: &d.rule,
                rule_index: self.rule_index.get(&*d.rule).copied(),
                level: level(d.severity),
                message: Message::new(d.message.as_str()),
                locations: [ResultLocation {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: &uri },
                        region,
                    },
                }],
                properties: ResultProperties {
                    record: doc.record,
                    doc_id: doc.record.and(doc.doc_id),
                    line: inner.map(|l| l.start.line),
                    column: inner.map(|l| l.start.column),
                    end_line: inner.map(|l| l.end.line),
                    end_column: inner.map(|l| l.end.column),
                    start: d.span.start,
                    end: d.span.end,
                    kind: d.kind,
                    suggestion: d.suggestion.as_deref(),
                },
            };
            self.buf.clear();
            self.buf
                .extend_from_slice(if self.written == 0 { b"\n" } else { b",\n" });
            serde_json::to_writer(&mut self.buf, &result)?;
            self.out.write_all(&self.buf)?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        self.buf.clear();
        if self.written > 0 {
            self.buf.push(b'\n');
        }
        self.buf.extend_from_slice(br#"],"properties":"#);
        serde_json::to_writer(&mut self.buf, &RunProperties { summary })?;
        self.buf.extend_from_slice(b"}]}\n");
        self.out.write_all(&self.buf)?;
        self.out.flush()
    }
}

/// The SARIF artifact URI of a path as given.
fn artifact_uri(path: &str) -> String {
    if path == "-" {
        return "stdin".to_string();
    }
    let path = path.replace('\\', "/");
    let bytes = path.as_bytes();
    let drive =
        bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    let (mut uri, rest) = if drive {
        // `C:/dir/f.txt`: the drive's colon stays.
        (format!("file:///{}", &path[..2]), &path[2..])
    } else if path.starts_with('/') {
        ("file://".to_string(), path.as_str())
    } else {
        (String::new(), path.as_str())
    };
    for &b in rest.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::span::Span;
    use serde_json::Value;
    use std::sync::Arc;

    fn meta(id: &str, severity: Severity) -> RuleMeta {
        RuleMeta {
            id: Arc::from(id),
            severity,
            summary: format!("summary of {id}"),
            explanation: format!("explanation of {id}"),
            flagged: vec![],
            allowed: vec![],
            languages: vec![],
            default_enabled: true,
            origin: "src/rules".into(),
        }
    }

    fn diag(rule: &str, text: &str, needle: &str, severity: Severity) -> Diagnostic {
        let start = text.find(needle).unwrap();
        Diagnostic {
            rule: Arc::from(rule),
            kind: None,
            severity,
            message: format!("about `{needle}`"),
            span: Span::from_usize(start, start + needle.len()),
            suggestion: None,
        }
    }

    fn run(rules: &[RuleMeta], docs: &[DocOutput<'_>]) -> String {
        let mut out = Vec::new();
        {
            let mut e = SarifEmitter::new(Box::new(&mut out));
            e.begin(rules).unwrap();
            for doc in docs {
                e.document(doc).unwrap();
            }
            e.finish(&Summary {
                documents: 2,
                ..Summary::default()
            })
            .unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn sarif_is_valid_with_rules_and_regions() {
        let text = "Il a dit «\u{a0}non\u{a0}».\nÀ Russieselon l’agence.";
        let rules = [
            meta("glue/glued-words", Severity::Error),
            meta("punct/quotes", Severity::Info),
        ];
        let mut g = diag("glue/glued-words", text, "Russieselon", Severity::Error);
        g.suggestion = Some("Russie selon".into());
        let plain = [diag("punct/quotes", text, "non", Severity::Info), g.clone()];
        let record = [g];
        let docs = [
            DocOutput {
                path: "corpus/été 1.txt",
                doc_id: None,
                record: None,
                text,
                diagnostics: &plain,
            },
            DocOutput {
                path: "data.jsonl",
                doc_id: Some("doc-7"),
                record: Some(4),
                text,
                diagnostics: &record,
            },
        ];
        let out = run(&rules, &docs);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["version"], "2.1.0");
        assert_eq!(v["$schema"], SCHEMA);
        let run = &v["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "coquille");
        assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
        let r = &driver["rules"];
        assert_eq!(r.as_array().unwrap().len(), 2);
        assert_eq!(r[0]["id"], "glue/glued-words");
        assert_eq!(
            r[0]["shortDescription"]["text"],
            "summary of glue/glued-words"
        );
        assert_eq!(
            r[0]["fullDescription"]["text"],
            "explanation of glue/glued-words"
        );
        assert!(r[0]["help"]["text"].as_str().unwrap().contains("explain"));
        assert_eq!(r[0]["defaultConfiguration"]["level"], "error");
        assert_eq!(r[1]["defaultConfiguration"]["level"], "note");

        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 3);
        let q = &results[0];
        assert_eq!(q["ruleId"], "punct/quotes");
        assert_eq!(q["ruleIndex"], 1);
        assert_eq!(q["level"], "note");
        assert_eq!(q["message"]["text"], "about `non`");
        let loc = &q["locations"][0]["physicalLocation"];
        assert_eq!(
            loc["artifactLocation"]["uri"],
            "corpus/%C3%A9t%C3%A9%201.txt"
        );
        let region = &loc["region"];
        assert_eq!(region["startLine"], 1);
        assert_eq!(region["startColumn"], 12);
        assert_eq!(region["endLine"], 1);
        assert_eq!(region["endColumn"], 15);

        let g = &results[1];
        assert_eq!(g["ruleIndex"], 0);
        let region = &g["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            (region["startLine"].clone(), region["startColumn"].clone()),
            (2.into(), 3.into())
        );
        assert_eq!(region["endColumn"], 14);
        let start = text.find("Russieselon").unwrap();
        assert_eq!(g["properties"]["start"], start);
        assert_eq!(g["properties"]["end"], start + 11);
        assert_eq!(g["properties"]["suggestion"], "Russie selon");
        assert!(g["properties"].get("record").is_none());

        let rec = &results[2];
        let loc = &rec["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "data.jsonl");
        assert_eq!(loc["region"]["startLine"], 4);
        assert_eq!(loc["region"]["startColumn"], 1);
        assert!(loc["region"].get("endColumn").is_none());
        let p = &rec["properties"];
        assert_eq!(p["record"], 4);
        assert_eq!(p["docId"], "doc-7");
        assert_eq!(
            (p["line"].clone(), p["column"].clone()),
            (2.into(), 3.into())
        );
        assert_eq!(
            (p["endLine"].clone(), p["endColumn"].clone()),
            (2.into(), 14.into())
        );
        assert_eq!(run["properties"]["summary"]["documents"], 2);
        // One rule or result per line.
        assert_eq!(out.lines().count(), 8);
    }

    #[test]
    fn sarif_without_rules_or_results_is_valid() {
        let out = run(&[], &[]);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 0);
        assert_eq!(
            v["runs"][0]["tool"]["driver"]["rules"]
                .as_array()
                .unwrap()
                .len(),
            0
        );
    }

    #[test]
    fn uris() {
        assert_eq!(artifact_uri("-"), "stdin");
        assert_eq!(artifact_uri("a/b c#1.txt"), "a/b%20c%231.txt");
        assert_eq!(artifact_uri("/srv/x.txt"), "file:///srv/x.txt");
        assert_eq!(artifact_uri("C:\\d\\x.txt"), "file:///C:/d/x.txt");
        assert_eq!(artifact_uri("a:b"), "a%3Ab");
    }
}
