//! `check` throughput on a JSONL corpus built from `corpora/`: the whole pipeline (reading, both
//! passes, every default rule), one thread and all threads, output discarded.

mod common;

use std::io::Write;

use coquille::engine::{self, Output};
use coquille::index::Index;
use coquille::rules::{Registry, Selection};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("coquille-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok();
    let path = dir.join("corpus.jsonl");
    let content = common::jsonl(8 << 20);
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(content.as_bytes()))
        .ok();
    let sources = coquille::input::discover(&[path]).sources;
    let registry = Registry::builtin()
        .and_then(|r| r.select(&Selection::default()))
        .ok();
    let Some(registry) = registry else { return };

    let mut g = c.benchmark_group("check");
    g.throughput(Throughput::Bytes(content.len() as u64));
    g.sample_size(10);
    for threads in [1, 2] {
        let opts = engine::Options {
            threads,
            ..Default::default()
        };
        g.bench_function(
            BenchmarkId::new("jsonl", format!("{threads}-threads")),
            |b| {
                b.iter(|| {
                    let mut findings = 0usize;
                    engine::check(&sources, &registry, None, &opts, None, &mut |o| {
                        if let Output::Checked(c) = o {
                            findings += c.diagnostics.len();
                        }
                        Ok(())
                    })
                    .ok();
                    findings
                })
            },
        );
        g.bench_function(
            BenchmarkId::new("index-build", format!("{threads}-threads")),
            |b| {
                b.iter(|| {
                    engine::build_index(&sources, &opts, None, &mut |_| {})
                        .map(|i: Index| i.documents)
                        .ok()
                })
            },
        );
    }
    g.finish();
    std::fs::remove_dir_all(&dir).ok();
}

criterion_group!(benches, bench);
criterion_main!(benches);
