//! Test helpers for rules: run one rule on a text and compare the flagged span texts.

use crate::Diagnostic;
use crate::document::Document;
use crate::index::{Index, IndexView};
use crate::lang::Lang;
use crate::rules::{Ctx, Rule, Sink};
use crate::tokenize::Analysis;

/// Runs `rule` alone on `text` (language `lang`), with an index built from `corpus` plus the text.
pub fn run_with_corpus(
    rule: &dyn Rule,
    lang: Lang,
    text: &str,
    corpus: &[&str],
) -> Vec<Diagnostic> {
    let mut index = Index::default();
    for (i, t) in corpus.iter().chain(std::iter::once(&text)).enumerate() {
        let mut doc = Document::plain("corpus.txt", *t);
        doc.key.input = i as u32;
        doc.lang = Some(lang);
        index.add_document(&doc, &Analysis::new(&doc.text, Some(lang)));
    }
    run_on(rule, lang, text, &index)
}

pub fn run_on(rule: &dyn Rule, lang: Lang, text: &str, index: &Index) -> Vec<Diagnostic> {
    let mut doc = Document::plain("test.txt", text);
    doc.lang = Some(lang);
    let an = Analysis::new(&doc.text, Some(lang));
    let view = IndexView::new(index, None);
    let cx = Ctx {
        doc: &doc,
        an: &an,
        index: &view,
    };
    let meta = rule.meta();
    let mut out = Vec::new();
    rule.check(&cx, &mut Sink::new(&meta.id, meta.severity, &mut out));
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}

/// Runs `rule` on `text` with only the text itself as corpus.
pub fn run(rule: &dyn Rule, lang: Lang, text: &str) -> Vec<Diagnostic> {
    run_with_corpus(rule, lang, text, &[])
}

fn spans<'a>(text: &'a str, found: &[Diagnostic]) -> Vec<&'a str> {
    found.iter().map(|d| d.span.text(text)).collect()
}

/// Asserts that `rule` flags exactly the spans `expected` (by their text, in order) in `text`.
#[track_caller]
pub fn assert_flags(rule: &dyn Rule, lang: Lang, text: &str, expected: &[&str]) {
    let found = run(rule, lang, text);
    assert_eq!(spans(text, &found), expected, "findings: {found:#?}");
}

/// Asserts that `rule` flags nothing in `text`.
#[track_caller]
pub fn assert_allows(rule: &dyn Rule, lang: Lang, text: &str) {
    let found = run(rule, lang, text);
    assert!(
        found.is_empty(),
        "expected no finding in {text:?}, got {found:#?}"
    );
}
