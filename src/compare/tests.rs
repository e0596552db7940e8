#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::sync::Arc;

use super::*;
use crate::diagnostic::Diagnostic;
use crate::document::{DocKey, Document};
use crate::input::{Compression, Format as InputFormat};
use crate::lang::Lang;
use crate::span::Span;

fn diag(rule: &str, severity: Severity) -> Diagnostic {
    Diagnostic {
        rule: Arc::from(rule),
        kind: None,
        severity,
        message: "m".into(),
        span: Span::new(0, 1),
        suggestion: None,
    }
}

/// A linted document of `group` keyed `id`, with `words` words and the given findings.
fn doc(record: u32, group: &str, id: &str, words: u64, findings: &[(&str, Severity)]) -> Checked {
    let mut d = Document::plain("in.jsonl", "text");
    d.key = DocKey {
        input: 0,
        record: Some(record),
    };
    d.id = Some(id.to_string());
    d.meta
        .insert("vendor".into(), serde_json::Value::String(group.into()));
    Checked {
        doc: d,
        lang: Lang::FR,
        words,
        diagnostics: findings.iter().map(|&(r, s)| diag(r, s)).collect(),
        failures: Vec::new(),
    }
}

fn compare(docs: &[Checked]) -> Report {
    compare_with(Options::new(Key::Field("vendor".into())), docs)
}

fn compare_with(opts: Options, docs: &[Checked]) -> Report {
    let mut c = Comparison::new(opts);
    for d in docs {
        c.add(d);
    }
    c.finish()
}

fn group<'a>(r: &'a Report, name: &str) -> &'a GroupReport {
    r.groups.iter().find(|g| g.name == name).unwrap()
}

const W: Severity = Severity::Warning;
const E: Severity = Severity::Error;
const I: Severity = Severity::Info;

/// A deterministic pseudo-random count in `0..n` from a seed (no RNG dependency).
fn pseudo(seed: u64, n: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) % n
}

#[test]
fn rates_by_hand() {
    let docs = [
        doc(1, "a", "d1", 400, &[("glue/x", W), ("glue/y", E)]),
        doc(2, "a", "d2", 600, &[("glue/x", W), ("typography/z", I)]),
        doc(3, "a", "d3", 1000, &[]),
        doc(4, "b", "d1", 500, &[("typography/z", E)]),
    ];
    let r = compare(&docs);
    let a = group(&r, "a");
    assert_eq!((a.documents, a.words, a.findings), (3, 2000, 3));
    // 3 findings (the info one is below the default level) in 2,000 words.
    assert!((a.findings_per_1k_words - 1.5).abs() < 1e-12);
    assert_eq!(a.by_rule["glue/x"].findings, 2);
    assert_eq!(a.by_rule["glue/x"].documents, 2);
    assert!((a.by_rule["glue/x"].per_1k_words - 1.0).abs() < 1e-12);
    assert!((a.by_rule["glue/y"].per_1k_words - 0.5).abs() < 1e-12);
    assert_eq!(a.by_rule["typography/z"].findings, 0); // every group lists every rule fired anywhere
    assert_eq!(a.by_group["glue"].findings, 3);
    assert_eq!(a.by_group["glue"].documents, 2);
    assert_eq!(
        a.by_severity,
        BySeverity {
            error: 1,
            warning: 2,
            info: 0
        }
    );
    // 2 of 3 documents have a finding.
    assert_eq!(a.documents_with_findings, 2);
    assert!((a.incidence - 2.0 / 3.0).abs() < 1e-12);
    // Penalty: (5 + 1 + 1) / 2000 words · 1000 = 3.5.
    assert!((a.penalty_per_1k_words - 3.5).abs() < 1e-12);
    // φ̂ by hand: λ = 3/2000; Σ (x − λw)²/(λw) = (2−0.6)²/0.6 + (1−0.9)²/0.9 + (0−1.5)²/1.5.
    let lam = 3.0 / 2000.0;
    let pearson = [(2.0, 400.0), (1.0, 600.0), (0.0, 1000.0)]
        .iter()
        .map(|&(x, w): &(f64, f64)| (x - lam * w).powi(2) / (lam * w))
        .sum::<f64>()
        / 2.0;
    assert!((a.dispersion.unwrap() - pearson).abs() < 1e-9);
    let b = group(&r, "b");
    assert!((b.findings_per_1k_words - 2.0).abs() < 1e-12);
    // Ranked: a (1.5) before b (2.0); the pair puts the higher rate first.
    assert_eq!((a.rank, b.rank), (1, 2));
    assert_eq!(r.pairs.len(), 1);
    assert_eq!((r.pairs[0].a.as_str(), r.pairs[0].b.as_str()), ("b", "a"));
    assert!((r.pairs[0].rate_ratio - 2.0 / 1.5).abs() < 1e-12);

    // With --min-severity info the info finding counts, at weight 0.1.
    let mut opts = Options::new(Key::Field("vendor".into()));
    opts.min_severity = Severity::Info;
    let r = compare_with(opts, &docs);
    let a = group(&r, "a");
    assert_eq!(a.findings, 4);
    assert!((a.penalty_per_1k_words - 3.55).abs() < 1e-12);
}

/// `n` documents of 200–1,000 words with about 1 finding per 200 words, clumped in one document
/// of ten.
fn corpus(group: &str, n: u32, offset: u64) -> Vec<Checked> {
    (0..n)
        .map(|i| {
            let words = 200 + pseudo(offset + u64::from(i), 800);
            let mut hits = pseudo(offset + 7919 * u64::from(i) + 1, words / 100);
            if i % 10 == 0 {
                hits += words / 40; // a few documents with many findings
            }
            let f: Vec<(&str, Severity)> = (0..hits).map(|_| ("glue/x", W)).collect();
            doc(i + 1, group, &format!("{group}-{i}"), words, &f)
        })
        .collect()
}

#[test]
fn interval_contains_the_estimate_and_shrinks_with_more_data() {
    let small = compare(&corpus("a", 30, 0));
    let large = compare(&corpus("a", 1200, 0));
    for r in [&small, &large] {
        let g = &r.groups[0];
        assert!(
            g.ci95[0] < g.findings_per_1k_words && g.findings_per_1k_words < g.ci95[1],
            "{:?}",
            g
        );
        let p = g.penalty_per_1k_words;
        assert!(g.penalty_ci95[0] <= p && p <= g.penalty_ci95[1]);
        assert!(g.incidence_ci95[0] <= g.incidence && g.incidence <= g.incidence_ci95[1]);
        let rule = &g.by_rule["glue/x"];
        assert!(rule.ci95[0] <= rule.per_1k_words && rule.per_1k_words <= rule.ci95[1]);
    }
    let width = |r: &Report| r.groups[0].ci95[1] - r.groups[0].ci95[0];
    // 40 times the documents: about √40 ≈ 6 times narrower.
    assert!(
        width(&large) < width(&small) / 3.0,
        "{} vs {}",
        width(&large),
        width(&small)
    );
    // Clumped counts are overdispersed.
    assert!(large.groups[0].dispersion.unwrap() > 1.5);
}

#[test]
fn intervals_do_not_depend_on_document_order() {
    let mut docs = corpus("a", 200, 5);
    docs.extend(corpus("b", 200, 9));
    let forward = compare(&docs);
    docs.reverse();
    let backward = compare(&docs);
    for (f, b) in forward.groups.iter().zip(&backward.groups) {
        assert_eq!(f.ci95, b.ci95);
        assert_eq!(f.penalty_ci95, b.penalty_ci95);
    }
    assert_eq!(forward.pairs[0].ci95, backward.pairs[0].ci95);
    // The Wald test uses φ̂, a floating-point sum: equal up to rounding in another order (the
    // engine always delivers input order, so runs are identical).
    assert_eq!(forward.pairs[0].test, Test::OverdispersedWald);
    assert!((forward.pairs[0].p - backward.pairs[0].p).abs() < 1e-12);
}

/// Vendor b translates the same 60 documents as a with `extra` more findings in every third one.
fn paired_corpus(extra: u64) -> Vec<Checked> {
    let mut docs = Vec::new();
    let mut record = 0;
    for i in 0..60u64 {
        let words = 300 + pseudo(i, 300);
        let base = pseudo(i + 1000, 4);
        for (vendor, hits) in [
            ("a", base),
            ("b", base + if i % 3 == 0 { extra } else { 0 }),
        ] {
            record += 1;
            let f: Vec<(&str, Severity)> = (0..hits).map(|_| ("glue/x", W)).collect();
            docs.push(doc(record, vendor, &format!("src-{i}"), words, &f));
        }
    }
    docs
}

#[test]
fn paired_test_finds_a_clear_difference_on_the_same_documents() {
    let r = compare(&paired_corpus(2));
    let p = &r.pairs[0];
    assert_eq!(p.test, Test::PairedBootstrap);
    assert_eq!(p.shared_documents, Some(60));
    assert_eq!(p.overlap, Some(1.0));
    assert_eq!((p.a.as_str(), p.b.as_str()), ("b", "a"));
    assert!(p.rate_ratio > 1.2);
    assert!(p.ci95[0] > 1.0, "{:?}", p.ci95);
    assert!(p.p < 0.01 && p.significant && p.significant_holm, "{p:?}");
}

#[test]
fn paired_test_is_more_sensitive_than_the_unpaired_one() {
    // The same data with the pairing key dropped: the Wald test on rates that vary a lot between
    // documents sees less than the paired bootstrap does.
    let mut opts = Options::new(Key::Field("vendor".into()));
    opts.pair_by = None;
    let unpaired = compare_with(opts, &paired_corpus(1));
    let paired = compare(&paired_corpus(1));
    assert_eq!(unpaired.pairs[0].test, Test::OverdispersedWald);
    assert_eq!(paired.pairs[0].test, Test::PairedBootstrap);
    assert!(paired.pairs[0].p < unpaired.pairs[0].p);
    assert!(paired.pairs[0].p < 0.05, "{:?}", paired.pairs[0]);
}

#[test]
fn equal_vendors_are_not_significant() {
    let r = compare(&paired_corpus(0));
    let p = &r.pairs[0];
    assert_eq!(p.test, Test::PairedBootstrap);
    assert!((p.rate_ratio - 1.0).abs() < 1e-12);
    assert_eq!(p.p, 1.0);
    assert!(!p.significant);
    // Different documents, similar rates: the Wald test, not significant.
    let mut docs = corpus("a", 100, 1);
    docs.extend(corpus("b", 100, 2));
    let r = compare(&docs);
    let p = &r.pairs[0];
    assert_eq!(p.test, Test::OverdispersedWald);
    assert_eq!(p.shared_documents, Some(0));
    assert!(p.ci95[0] < 1.0 && 1.0 < p.ci95[1]);
    assert!(p.p > 0.05 && !p.significant, "{p:?}");
}

#[test]
fn unpaired_wald_test_sees_a_large_difference() {
    let mut docs = corpus("a", 100, 1);
    for (i, d) in corpus("b", 100, 2).into_iter().enumerate() {
        let mut d = d;
        let n = d.words / 50;
        d.diagnostics = (0..n).map(|_| diag("glue/x", W)).collect();
        d.doc.key.record = Some(1000 + i as u32);
        docs.push(d);
    }
    let r = compare(&docs);
    let p = &r.pairs[0];
    assert_eq!(p.test, Test::OverdispersedWald);
    assert!(
        p.z.unwrap() > 3.0 && p.p < 0.001 && p.significant_holm,
        "{p:?}"
    );
}

#[test]
fn corrections_apply_across_pairs() {
    let mut docs = paired_corpus(2);
    // A third vendor equal to a.
    let extra: Vec<Checked> = docs
        .iter()
        .filter(|d| d.doc.meta["vendor"] == "a")
        .map(|d| {
            let mut c = doc(0, "c", d.doc.id.as_deref().unwrap(), d.words, &[]);
            c.doc.key.record = d.doc.key.record.map(|r| r + 10_000);
            c.diagnostics = d.diagnostics.clone();
            c
        })
        .collect();
    docs.extend(extra);
    let r = compare(&docs);
    assert_eq!(r.pairs.len(), 3);
    let p: Vec<f64> = r.pairs.iter().map(|x| x.p).collect();
    let q = rates::benjamini_hochberg(&p);
    let h = rates::holm(&p);
    for (i, pair) in r.pairs.iter().enumerate() {
        assert_eq!(pair.q, q[i]);
        assert_eq!(pair.holm, h[i]);
        assert!(pair.q >= pair.p && pair.holm >= pair.q);
    }
    let ac = r
        .pairs
        .iter()
        .find(|x| {
            [x.a.as_str(), x.b.as_str()] == ["a", "c"] || [x.a.as_str(), x.b.as_str()] == ["c", "a"]
        })
        .unwrap();
    assert!(!ac.significant);
}

#[test]
fn documents_without_the_field_are_grouped_as_none() {
    let mut docs = corpus("a", 5, 1);
    docs[0].doc.meta.remove("vendor");
    docs[1]
        .doc
        .meta
        .insert("vendor".into(), serde_json::Value::Null);
    docs[2]
        .doc
        .meta
        .insert("vendor".into(), serde_json::json!(7));
    let r = compare(&docs);
    assert_eq!(group(&r, NONE_GROUP).documents, 2);
    assert_eq!(group(&r, "7").documents, 1);
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("2 documents have no `vendor`"))
    );
}

#[test]
fn where_clauses() {
    let mut docs = Vec::new();
    for (i, (role, lp)) in [
        ("hyp", "de-fr"),
        ("ref", "de-fr"),
        ("src", "de-fr"),
        ("hyp", "fr-de"),
    ]
    .iter()
    .enumerate()
    {
        let mut d = doc(i as u32 + 1, "v", &format!("d{i}"), 100, &[]);
        d.doc.meta.insert("role".into(), serde_json::json!(role));
        d.doc.meta.insert("lp".into(), serde_json::json!(lp));
        docs.push(d);
    }
    let filter = |spec: &str| {
        let (f, v, negate) = Filter::parse(spec).unwrap();
        Filter {
            key: Key::Field(f.into()),
            value: v.into(),
            negate,
        }
    };
    let run = |specs: &[&str]| {
        let mut opts = Options::new(Key::Field("vendor".into()));
        opts.filters = specs.iter().map(|s| filter(s)).collect();
        compare_with(opts, &docs).documents
    };
    assert_eq!(run(&[]), 4);
    assert_eq!(run(&["lp=de-fr"]), 3);
    assert_eq!(run(&["lp=de-fr", "role=hyp", "role=ref"]), 2);
    assert_eq!(run(&["role!=src"]), 3);
    assert_eq!(run(&["role!=src", "role!=ref"]), 2);
    assert_eq!(run(&["missing=x"]), 0);
    assert_eq!(run(&["missing!=x"]), 4);
    assert_eq!(Filter::parse("a=b=c"), Some(("a", "b=c", false)));
    assert_eq!(Filter::parse("a!="), Some(("a", "", true)));
    assert_eq!(Filter::parse("=b"), None);
    assert_eq!(Filter::parse("ab"), None);
}

#[test]
fn dir_groups_take_the_first_folder_under_the_root() {
    let source = |i: u32, p: &str| Source {
        index: i,
        path: PathBuf::from(p),
        display: Arc::from(p),
        format: InputFormat::Plain,
        compression: Compression::None,
    };
    let sources = [
        source(0, "corpus/alpha/2024/a.txt"),
        source(1, "corpus/beta/b.txt"),
        source(2, "corpus/top.txt"),
        source(3, "other.txt"),
    ];
    let roots = [PathBuf::from("corpus"), PathBuf::from("other.txt")];
    assert_eq!(
        dir_groups(&roots, &sources),
        vec![Some("alpha".into()), Some("beta".into()), None, None]
    );
}

#[test]
fn keys_resolve_names() {
    let input = InputOptions::default();
    assert_eq!(Key::named("id", &input, &[], &[]), Key::Id);
    assert_eq!(Key::named("lang", &input, &[], &[]), Key::Lang);
    assert_eq!(
        Key::named("vendor", &input, &[], &[]),
        Key::Field("vendor".into())
    );
    assert!(matches!(Key::named("dir", &input, &[], &[]), Key::Dir(_)));
    let d = doc(1, "a", "x", 10, &[]);
    assert_eq!(Key::Lang.value(&d).as_deref(), Some("fr"));
    assert_eq!(Key::Id.value(&d).as_deref(), Some("x"));
}

#[test]
fn every_format_renders() {
    let r = compare(&paired_corpus(2));
    for f in [
        Format::Text,
        Format::Markdown,
        Format::Csv,
        Format::Json,
        Format::Html,
    ] {
        let mut out = Vec::new();
        render(&r, f, &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("glue/x"), "{f:?}: {s}");
    }
    let mut out = Vec::new();
    render(&r, Format::Json, &mut out).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let g = &v["groups"][0];
    for k in [
        "name",
        "documents",
        "words",
        "findings",
        "findings_per_1k_words",
        "ci95",
        "by_rule",
    ] {
        assert!(!g[k].is_null(), "{k}");
    }
    assert_eq!(v["pairs"][0]["test"], "paired-bootstrap");
    let mut out = Vec::new();
    render(&r, Format::Csv, &mut out).unwrap();
    let s = String::from_utf8(out).unwrap();
    let columns = s.lines().next().unwrap().split(',').count();
    assert!(s.lines().all(|l| l.split(',').count() == columns));
}
