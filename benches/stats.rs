//! Corpus statistics throughput (bytes of text per second, one thread): the whole per-document
//! analysis of `coquille stats`, and its parts.

mod common;

use coquille::document::Document;
use coquille::lang::Lang;
use coquille::stats::corpus::{CorpusStats, with_worker};
use coquille::stats::ngrams::{Counter, Spec};
use coquille::stats::syllables::{Memo, Method};
use coquille::stats::textstat;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let texts = common::documents(8 << 20);
    let bytes: usize = texts.iter().map(String::len).sum();
    let docs: Vec<Document> = texts
        .iter()
        .map(|t| Document::plain("bench", t.clone()))
        .collect();
    let fr: Vec<Document> = texts
        .iter()
        .map(|t| {
            let mut d = Document::plain("bench", t.clone());
            d.lang = Some(Lang::FR);
            d
        })
        .collect();
    let bigrams = Spec {
        n: 2,
        chars: false,
        lowercase: false,
    };
    let mut g = c.benchmark_group("stats");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    for (name, set, spec) in [
        ("lang-detected", &docs, Some(bigrams)),
        ("lang-given", &fr, Some(bigrams)),
        ("lang-given-no-ngrams", &fr, None),
    ] {
        g.bench_function(BenchmarkId::new("document", name), |b| {
            b.iter(|| {
                let mut acc = CorpusStats::new(spec.map(|_| u64::MAX));
                for d in set.iter() {
                    let s = with_worker(|w| acc.analyze(d, spec.as_ref(), w));
                    acc.add(&s);
                }
                acc.documents
            })
        });
    }
    let mut memo = Memo::default();
    let mut scratch = String::new();
    g.bench_function(BenchmarkId::new("textstat", "fr"), |b| {
        b.iter(|| {
            let mut n = 0u64;
            for t in &texts {
                let c = textstat::count(
                    t,
                    &mut scratch,
                    &mut |w, k| memo.count_packed(Method::for_lang(Lang::FR), w, k),
                    &mut |_| {},
                );
                n += c.syllables;
            }
            n
        })
    });
    g.bench_function(BenchmarkId::new("ngrams", "word-3"), |b| {
        let spec = Spec {
            n: 3,
            chars: false,
            lowercase: false,
        };
        b.iter(|| {
            let mut counter = Counter::default();
            for t in &texts {
                with_worker(|w| w.count_ngrams(&spec, t, &mut counter));
            }
            counter.total
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
