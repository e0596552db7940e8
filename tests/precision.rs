//! Precision on clean, well-edited text: every default rule stays under one warning or error per
//! 1,000 words on `tests/fixtures/clean/` (original French and English news written for the project).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::Path;

use coquille::Severity;
use coquille::engine::{self, Output};
use coquille::rules::{Registry, Selection};

fn findings_per_rule(dir: &Path) -> (u64, BTreeMap<String, Vec<String>>) {
    let registry = Registry::builtin()
        .unwrap()
        .select(&Selection::default())
        .unwrap();
    let sources = coquille::input::discover(&[dir.to_path_buf()]).sources;
    assert!(!sources.is_empty());
    let mut words = 0;
    let mut by_rule: BTreeMap<String, Vec<String>> = BTreeMap::new();
    engine::check(
        &sources,
        &registry,
        None,
        &engine::Options::default(),
        None,
        &mut |o| {
            if let Output::Checked(c) = o {
                words += c.words;
                for d in c
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity >= Severity::Warning)
                {
                    let what = format!(
                        "{}: {:?} ({})",
                        c.doc.path,
                        d.span.text(&c.doc.text),
                        d.message
                    );
                    by_rule.entry(d.rule.to_string()).or_default().push(what);
                }
            }
            Ok(())
        },
    )
    .unwrap();
    (words, by_rule)
}

fn assert_quiet(lang: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/clean")
        .join(lang);
    let (words, by_rule) = findings_per_rule(&dir);
    assert!(words >= 2000, "{lang}: only {words} words");
    let noisy: Vec<String> = by_rule
        .iter()
        .filter(|(_, hits)| hits.len() as f64 * 1000.0 / words as f64 >= 1.0)
        .map(|(rule, hits)| {
            format!(
                "{rule}: {} in {words} words\n  {}",
                hits.len(),
                hits.join("\n  ")
            )
        })
        .collect();
    assert!(
        noisy.is_empty(),
        "rules too noisy on clean {lang} text:\n{}",
        noisy.join("\n")
    );
}

#[test]
fn default_rules_are_quiet_on_clean_french() {
    assert_quiet("fr");
}

#[test]
fn default_rules_are_quiet_on_clean_english() {
    assert_quiet("en");
}
