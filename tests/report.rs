//! The output formats through the public API: every format streams the same documents into valid,
//! deterministic output.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use coquille::report::{DocOutput, Format, Summary, TextOptions, emitter};
use coquille::rules::RuleMeta;
use coquille::{Diagnostic, Severity, Span};

const TEXT: &str =
    "Selon l’agence, « le sommet\u{a0}» aura lieu.\nÀ Séoul, d’une semaine à Russieselon KCNA.";

fn diagnostic(needle: &str, rule: &str, severity: Severity) -> Diagnostic {
    let start = TEXT.find(needle).unwrap();
    Diagnostic {
        rule: Arc::from(rule),
        kind: None,
        severity,
        message: format!("`{needle}` is suspicious"),
        span: Span::from_usize(start, start + needle.len()),
        suggestion: Some("Russie selon".into()),
    }
}

fn rules() -> Vec<RuleMeta> {
    ["glue/glued-words", "punct/quotes"]
        .iter()
        .map(|id| RuleMeta {
            id: Arc::from(*id),
            severity: Severity::Warning,
            summary: "s".into(),
            explanation: "e".into(),
            flagged: vec![],
            allowed: vec![],
            languages: vec![],
            default_enabled: true,
            origin: "test".into(),
        })
        .collect()
}

fn render(format: Format) -> String {
    let plain = [
        diagnostic("«", "punct/quotes", Severity::Info),
        diagnostic("Russieselon", "glue/glued-words", Severity::Error),
    ];
    let record = [diagnostic(
        "Russieselon",
        "glue/glued-words",
        Severity::Error,
    )];
    let docs = [
        DocOutput {
            path: "corpora/fr/kim.txt",
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
    let summary = Summary {
        documents: 2,
        words: 30,
        errors: 2,
        infos: 1,
        ..Summary::default()
    };
    let mut out = Vec::new();
    {
        let mut e = emitter(format, Box::new(&mut out), TextOptions::default());
        e.begin(&rules()).unwrap();
        for doc in &docs {
            e.document(doc).unwrap();
        }
        e.finish(&summary).unwrap();
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn text() {
    let out = render(Format::Text);
    assert!(out.contains(
        "error[glue/glued-words]: `Russieselon` is suspicious\n --> corpora/fr/kim.txt:2:26\n"
    ));
    assert!(out.contains(" --> data.jsonl:3 [id doc-7] 2:26\n"));
    let carets = format!(
        " | {}^^^^^^^^^^^\n  = suggestion: `Russie selon`\n",
        " ".repeat(25)
    );
    assert!(out.contains(&carets));
    assert!(out.ends_with("\nfound 3 problems (2 errors, 1 info) in 2 documents, 30 words\n"));
}

#[test]
fn json_and_jsonl() {
    let v: serde_json::Value = serde_json::from_str(&render(Format::Json)).unwrap();
    let ds = v["diagnostics"].as_array().unwrap();
    assert_eq!(ds.len(), 3);
    assert_eq!(
        (ds[0]["line"].clone(), ds[0]["column"].clone()),
        (1.into(), 17.into())
    );
    assert_eq!(ds[2]["record"], 3);
    assert_eq!(v["summary"]["errors"], 2);
    let out = render(Format::Jsonl);
    assert_eq!(out.lines().count(), 3);
    for line in out.lines() {
        let d: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(d["rule"].is_string());
    }
}

#[test]
fn sarif() {
    let v: serde_json::Value = serde_json::from_str(&render(Format::Sarif)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["rules"][1]["id"], "punct/quotes");
    let region = &run["results"][1]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 2);
    assert_eq!(region["startColumn"], 26);
    assert_eq!(region["endColumn"], 37);
}

#[test]
fn github() {
    assert_eq!(
        render(Format::Github),
        "::notice file=corpora/fr/kim.txt,line=1,col=17,endLine=1,endColumn=17,title=punct/quotes::`«` is suspicious (suggestion: `Russie selon`)\n\
         ::error file=corpora/fr/kim.txt,line=2,col=26,endLine=2,endColumn=36,title=glue/glued-words::`Russieselon` is suspicious (suggestion: `Russie selon`)\n\
         ::error file=data.jsonl,line=3,col=1,title=glue/glued-words::`Russieselon` is suspicious (suggestion: `Russie selon`) [id doc-7, text 2:26]\n"
    );
}

#[test]
fn output_is_deterministic() {
    for format in [
        Format::Text,
        Format::Json,
        Format::Jsonl,
        Format::Sarif,
        Format::Github,
    ] {
        assert_eq!(render(format), render(format));
    }
}
