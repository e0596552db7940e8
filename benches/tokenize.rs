//! Tokenization and full text analysis throughput (bytes of text per second).

mod common;

use coquille::lang::Lang;
use coquille::tokenize::{Analysis, tokenize, tokenize_general};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let docs = common::documents(4 << 20);
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut g = c.benchmark_group("tokenize");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    let mut buf = Vec::new();
    g.bench_function(BenchmarkId::new("tokens", "dispatch"), |b| {
        b.iter(|| {
            for d in &docs {
                buf.clear();
                tokenize(d, &mut buf);
            }
            buf.len()
        })
    });
    g.bench_function(BenchmarkId::new("tokens", "general-only"), |b| {
        b.iter(|| {
            for d in &docs {
                buf.clear();
                tokenize_general(d, &mut buf);
            }
            buf.len()
        })
    });
    g.bench_function(BenchmarkId::new("analysis", "lang-given"), |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| Analysis::new(d, Some(Lang::FR)).sentences.len())
                .sum::<usize>()
        })
    });
    g.bench_function(BenchmarkId::new("analysis", "lang-detected"), |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| Analysis::new(d, None).sentences.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
