//! Every rule, on arbitrary and adversarial text, never crashes: the engine would report a crash
//! as an internal error (`Checked::failures`), which these tests forbid.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coquille::document::Document;
use coquille::engine;
use coquille::index::{Index, IndexView};
use coquille::lang::Lang;
use coquille::rules::{Registry, Selection};
use coquille::tokenize::Analysis;
use proptest::prelude::*;

fn all_rules() -> Registry {
    let everything = Registry::builtin().unwrap();
    let groups: Vec<String> = everything.metas().map(|m| m.group().to_string()).collect();
    Registry::builtin()
        .unwrap()
        .select(&Selection {
            select: Some(groups),
            ..Default::default()
        })
        .unwrap()
}

fn check_all(registry: &Registry, text: &str, lang: Option<Lang>, source: Option<&str>) {
    let mut doc = Document::plain("fuzz.txt", text);
    doc.lang = lang;
    if let Some(s) = source {
        doc.meta
            .insert("source".into(), serde_json::Value::String(s.into()));
    }
    // The document's own index, as pass 1 would build it, so corpus-aware paths run too.
    let mut index = Index::default();
    index.add_document(&doc, &Analysis::new(&doc.text, lang));
    let view = IndexView::new(&index, None);
    let checked = engine::lint(registry, &view, doc);
    assert!(
        checked.failures.is_empty(),
        "{:?} on {text:?}",
        checked.failures
    );
    for d in &checked.diagnostics {
        assert!(
            d.span.end as usize <= text.len() && text.is_char_boundary(d.span.start as usize),
            "{d:?}"
        );
    }
}

/// Characters that trip byte-offset arithmetic: multi-byte spaces, quotes and apostrophes, accents,
/// line breaks of every kind, digits and sentence punctuation.
const TRICKY: &[&str] = &[
    " ",
    " ",
    "\u{a0}",
    "\u{202f}",
    "\u{2009}",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\u{2028}",
    "’",
    "'",
    "«",
    "»",
    "“",
    "”",
    "\"",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "…",
    "-",
    "–",
    "—",
    "(",
    ")",
    "[",
    "]",
    "/",
    "@",
    "#",
    "%",
    "€",
    "•",
    "·",
    "é",
    "É",
    "à",
    "À",
    "ç",
    "œ",
    "ß",
    "ñ",
    "Ж",
    "ж",
    "中",
    "ا",
    "🙂",
    "\u{301}",
    "\u{ad}",
    "\u{200b}",
    "\u{feff}",
    "\u{fffd}",
    "0",
    "1",
    "9",
    "10",
    "2023",
    "a",
    "A",
    "le",
    "Le",
    "la",
    "La",
    "de",
    "à",
    "en",
    "the",
    "The",
    "of",
    "and",
    "Kim",
    "Jong-un",
    "Jong",
    "Un",
    "Russie",
    "selon",
    "Russieselon",
    "STRAFP",
    "AFP",
    "fr-01",
    "lundi",
    "mardi",
    "19",
    "septembre",
    "Mis",
    "jour",
    "www.",
    "https://",
    "Mme",
    "M.",
    "U.S.",
    "e.g.",
    "Ils",
    "ils",
    "te",
    "La La",
    "nord-coréen",
    "aujourd’hui",
    "l’",
    "d’",
    "qu’",
    "Ã©",
    "â€™",
    "<unk>",
    "&amp;",
    "14:30",
    "3,5",
];

fn tricky_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TRICKY), 0..120).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn rules_never_crash_on_tricky_text(text in tricky_text(), lang in prop::sample::select(vec![Some(Lang::FR), Some(Lang::EN), Some(Lang::DE), None])) {
        thread_local! { static REG: Registry = all_rules(); }
        REG.with(|r| check_all(r, &text, lang, None));
    }

    #[test]
    fn bitext_rules_never_crash(text in tricky_text(), source in tricky_text()) {
        thread_local! { static REG: Registry = all_rules(); }
        REG.with(|r| check_all(r, &text, Some(Lang::FR), Some(&source)));
    }

    #[test]
    fn rules_never_crash_on_arbitrary_text(text in "\\PC{0,300}") {
        thread_local! { static REG: Registry = all_rules(); }
        REG.with(|r| check_all(r, &text, None, None));
    }
}
