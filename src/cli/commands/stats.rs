//! `coquille stats`: the corpus summary, per-document statistics, partial statistics and merges.

use std::io::{IsTerminal, Write};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use coquille::document::Document;
use coquille::engine;
use coquille::input::{self, Problem};
use coquille::stats::{self, Options, Spec, Stats};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::args::{StatsArgs, StatsFormatArg};
use crate::cli::report_problem;
use crate::cli::{EXIT_ERROR, EXIT_OK, input_options, load_config, threads};

/// A spinner with bytes read and the rate, on a terminal only.
pub fn spinner(enabled: bool, message: &'static str) -> Option<ProgressBar> {
    (enabled && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new_spinner();
        let style =
            ProgressStyle::with_template("{spinner} {msg} {binary_bytes} ({binary_bytes_per_sec})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.set_message(message);
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    })
}

/// The path components of `p` without `.`.
fn parts(p: &Path) -> Vec<Component<'_>> {
    p.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

/// `--by dir`: the first folder level of a document's path under the input path it was found in;
/// `.` for a document directly in it (or given as a file, or read from standard input).
fn dir_group(roots: &[PathBuf], doc: &Document) -> String {
    let path = Path::new(&*doc.path);
    let doc_parts = parts(path);
    for root in roots {
        let root_parts = parts(root);
        if doc_parts.len() > root_parts.len() + 1
            && doc_parts.starts_with(&root_parts)
            && let Some(c) = doc_parts.get(root_parts.len())
        {
            return c.as_os_str().to_string_lossy().into_owned();
        }
    }
    ".".to_string()
}

fn output_error(source: std::io::Error) -> coquille::Error {
    coquille::Error::Io {
        context: "cannot write output".into(),
        source,
    }
}

pub fn run(args: StatsArgs) -> Result<u8> {
    let spec = (args.ngram > 0).then_some(Spec {
        n: args.ngram,
        chars: args.chars,
        lowercase: args.lowercase,
    });
    let opts = Options {
        ngrams: spec,
        top: args.top,
        min_count: args.min_count,
        memory: args.memory,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut input_errors = 0u64;

    let stats = if args.merge {
        if args.per_doc {
            anyhow::bail!("--per-doc needs documents, not partial statistics (--merge)");
        }
        let mut merged: Option<Stats> = None;
        for path in &args.paths {
            let part = Stats::load(path)?;
            match merged.as_mut() {
                Some(m) => m
                    .merge(part)
                    .with_context(|| format!("cannot merge {}", path.display()))?,
                None => merged = Some(part),
            }
        }
        merged.context("no partial statistics given")?
    } else {
        let config = load_config(args.input.config.as_deref(), args.input.no_config)?;
        let engine_opts = engine::Options {
            threads: threads(&config, &args.input),
            input: input_options(&config, &args.input)?,
            batch_bytes: args.input.batch_bytes.unwrap_or(engine::BATCH_BYTES),
        };
        let discovery = input::discover(&args.paths);
        for p in &discovery.problems {
            report_problem(p, args.quiet);
            input_errors += u64::from(p.is_error);
        }
        let roots = args.paths.clone();
        let field = args.by.clone();
        let group_fn = |doc: &Document| -> Option<String> {
            match field.as_deref() {
                Some("dir") => Some(dir_group(&roots, doc)),
                Some(f) => doc.meta_str(f),
                None => None,
            }
        };
        let by = args
            .by
            .as_deref()
            .map(|name| (name, &group_fn as stats::GroupFn<'_>));
        let bar = spinner(!args.quiet, "reading");
        let update = |_: u8, bytes: u64| {
            if let Some(b) = &bar {
                b.set_position(bytes);
            }
        };
        let quiet = args.quiet;
        let mut on_problem = |p: Problem| {
            report_problem(&p, quiet);
            input_errors += u64::from(p.is_error);
        };
        let mut write_doc = |doc: &Document, d: &stats::DocStats, group: Option<&str>| {
            let line = d.to_json(doc, group);
            serde_json::to_writer(&mut out, &line).map_err(|e| output_error(e.into()))?;
            out.write_all(b"\n").map_err(output_error)
        };
        let result = Stats::collect(
            &discovery.sources,
            &engine_opts,
            &opts,
            by,
            Some(&update),
            &mut on_problem,
            if args.per_doc {
                Some(&mut write_doc)
            } else {
                None
            },
        );
        if let Some(b) = &bar {
            b.finish_and_clear();
        }
        result?
    };

    if let Some(path) = &args.save_partial {
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        let mut w = std::io::BufWriter::new(file);
        stats.save(&mut w)?;
        w.flush()
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if !args.per_doc {
        let report = stats.report(&opts);
        match args.format {
            StatsFormatArg::Text => stats::render::report(&mut out, &report)?,
            StatsFormatArg::Json => {
                serde_json::to_writer_pretty(&mut out, &report)?;
                out.write_all(b"\n")?;
            }
            StatsFormatArg::Jsonl => {
                serde_json::to_writer(&mut out, &report)?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush()?;
    Ok(if input_errors > 0 {
        EXIT_ERROR
    } else {
        EXIT_OK
    })
}
