//! Benchmark inputs built deterministically from the bundled `corpora/`: every text of the sample
//! corpora, repeated in a fixed shuffled order up to the requested size, so nothing large is committed.

#![allow(dead_code)]

use std::path::Path;

/// Every document text of `corpora/` (plain files and JSONL records), sorted by path.
pub fn corpus_texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    let discovery = coquille::input::discover(&[root]);
    let mut texts = Vec::new();
    for source in &discovery.sources {
        coquille::input::read_source(source, &Default::default(), &mut |ev| {
            if let coquille::input::Event::Doc(d) = ev {
                texts.push(d.text);
            }
        });
    }
    assert!(!texts.is_empty(), "corpora/ holds no documents");
    texts
}

/// Documents drawn from the corpora in a fixed pseudo-random order until `bytes` of text.
pub fn documents(bytes: usize) -> Vec<String> {
    let texts = corpus_texts();
    let mut out = Vec::new();
    let mut total = 0;
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    while total < bytes {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let t = &texts[(state % texts.len() as u64) as usize];
        total += t.len();
        out.push(t.clone());
    }
    out
}

/// The same documents as one JSONL file's content, with `id` and `lang` fields left out.
pub fn jsonl(bytes: usize) -> String {
    let mut s = String::new();
    for (i, t) in documents(bytes).iter().enumerate() {
        s.push_str(&serde_json::json!({"id": format!("doc-{i}"), "text": t}).to_string());
        s.push('\n');
    }
    s
}
