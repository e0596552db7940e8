//! The two-pass pipeline. A reader thread streams documents in batches through a bounded channel;
//! pass 1 folds them into the corpus index in parallel; pass 2 lints every document against it in
//! parallel and hands the results to the caller in input order. Memory is bounded by the batch size
//! times the channel depth, plus the index.

use std::sync::mpsc::sync_channel;
use std::sync::{Mutex, MutexGuard, PoisonError};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::error::Error;
use crate::index::{Index, IndexBuilder, IndexView};
use crate::input::{Event, InputOptions, Problem, Source, read_source};
use crate::lang::Lang;
use crate::rules::{Ctx, Registry};
use crate::tokenize::Analysis;

/// Documents are grouped into batches of about this many bytes of text.
pub const BATCH_BYTES: usize = 4 << 20;
/// At most this many documents per batch.
pub const BATCH_DOCS: usize = 4096;

/// How a run is carried out.
#[derive(Clone, Debug)]
pub struct Options {
    /// Worker threads (0: one per core).
    pub threads: usize,
    pub input: InputOptions,
    /// Bytes of text per batch (tests use small batches to exercise ordering).
    pub batch_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threads: 0,
            input: InputOptions::default(),
            batch_bytes: BATCH_BYTES,
        }
    }
}

/// One linted document, as handed to the caller.
pub struct Checked {
    pub doc: Document,
    /// The document's language (given or detected).
    pub lang: Lang,
    pub words: u64,
    pub diagnostics: Vec<Diagnostic>,
    /// Rules that crashed on this document (id, message): an internal error, reported as such.
    pub failures: Vec<(std::sync::Arc<str>, String)>,
}

/// What the caller hears about, in input order.
pub enum Output {
    /// A problem with an input (reported once, during the first read).
    Problem(Problem),
    /// A document and its findings.
    Checked(Checked),
}

/// Progress of a run, for a progress bar: (pass number, bytes of text done in that pass).
pub type Progress<'a> = &'a (dyn Fn(u8, u64) + Sync);

enum Item {
    Doc(Document),
    Problem(Problem),
}

fn pool(threads: usize) -> Result<rayon::ThreadPool, Error> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {threads} threads: {e}")))
}

/// Reads every source in order on a separate thread and calls `batch` on each batch of items.
fn stream(
    sources: &[Source],
    opts: &Options,
    depth: usize,
    batch: &mut dyn FnMut(Vec<Item>) -> Result<(), Error>,
) -> Result<(), Error> {
    let (tx, rx) = sync_channel::<Vec<Item>>(depth.max(1));
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut items = Vec::new();
            let mut bytes = 0usize;
            for source in sources {
                let mut stop = false;
                read_source(source, &opts.input, &mut |ev| {
                    if stop {
                        return;
                    }
                    match ev {
                        Event::Doc(d) => {
                            bytes += d.text.len();
                            items.push(Item::Doc(d));
                        }
                        Event::Problem(p) => items.push(Item::Problem(p)),
                    }
                    if bytes >= opts.batch_bytes || items.len() >= BATCH_DOCS {
                        bytes = 0;
                        if tx.send(std::mem::take(&mut items)).is_err() {
                            stop = true;
                        }
                    }
                });
                if stop {
                    return;
                }
            }
            if !items.is_empty() {
                let _ = tx.send(items);
            }
        });
        let mut result = Ok(());
        for items in rx.iter() {
            if result.is_ok() {
                result = batch(items);
            }
            // After an error keep draining so the reader thread can finish.
        }
        result
    })
}

/// What [`map_batches`] hands to its caller, in input order.
pub enum BatchOutput<T> {
    /// A problem with an input.
    Problem(Problem),
    /// A batch of documents (in input order) and the value the work function computed for it.
    Batch { docs: Vec<Document>, value: T },
}

/// Streams the documents of `sources` in batches, in input order, and runs `work` on each batch
/// inside the worker pool, so that rayon parallel iterators in `work` use `opts.threads` workers
/// (the global pool is never touched). `out` then receives the batch's input problems and the
/// batch with its value. Batches are cut by the reader alone (`opts.batch_bytes`, [`BATCH_DOCS`]),
/// never by the number of threads, and are processed one after the other.
pub fn map_batches<T: Send>(
    sources: &[Source],
    opts: &Options,
    progress: Option<Progress<'_>>,
    work: &(dyn Fn(&[Document]) -> T + Sync),
    out: &mut dyn FnMut(BatchOutput<T>) -> Result<(), Error>,
) -> Result<(), Error> {
    let pool = pool(opts.threads)?;
    let depth = 2 * pool.current_num_threads();
    let mut done = 0u64;
    stream(sources, opts, depth, &mut |items| {
        let mut docs = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Item::Doc(d) => docs.push(d),
                Item::Problem(p) => out(BatchOutput::Problem(p))?,
            }
        }
        let value = pool.install(|| work(&docs));
        done += docs.iter().map(|d| d.text.len() as u64).sum::<u64>();
        out(BatchOutput::Batch { docs, value })?;
        if let Some(p) = progress {
            p(1, done);
        }
        Ok(())
    })
}

/// Builds the corpus index of the sources (pass 1 alone: `coquille index build`).
///
/// Each worker thread counts into its own [`IndexBuilder`], kept from batch to batch; the
/// builders are merged once, at the end. Every table holds counts, so how documents are spread
/// over the threads never shows in the result.
pub fn build_index(
    sources: &[Source],
    opts: &Options,
    progress: Option<Progress<'_>>,
    on_problem: &mut dyn FnMut(Problem),
) -> Result<Index, Error> {
    let pool = pool(opts.threads)?;
    let threads = pool.current_num_threads().max(1);
    let depth = 2 * threads;
    let builders: Vec<Mutex<IndexBuilder>> = (0..threads)
        .map(|_| Mutex::new(IndexBuilder::default()))
        .collect();
    let mut done = 0u64;
    stream(sources, opts, depth, &mut |items| {
        let mut docs = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Item::Doc(d) => docs.push(d),
                Item::Problem(p) => on_problem(p),
            }
        }
        pool.install(|| {
            docs.par_iter().for_each(|doc| {
                let an = Analysis::new(&doc.text, doc.lang);
                // Each thread has its own builder, so the lock is never contended.
                let slot = rayon::current_thread_index().unwrap_or(0) % threads;
                if let Some(builder) = builders.get(slot) {
                    lock(builder).add(&an);
                }
            })
        });
        done += docs.iter().map(|d| d.text.len() as u64).sum::<u64>();
        if let Some(p) = progress {
            p(1, done);
        }
        // Freeing the batch's documents is work too: leave it to the pool.
        pool.spawn(move || drop(docs));
        Ok(())
    })?;
    let index = pool.install(|| {
        let parts: Vec<Index> = builders
            .into_par_iter()
            .map(|b| {
                b.into_inner()
                    .unwrap_or_else(PoisonError::into_inner)
                    .finish()
            })
            .collect();
        Index::merge_all(parts)
    });
    Ok(index)
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Lints the sources: pass 1 builds their index (when a rule needs one), pass 2 lints each document
/// with the index (plus `reference`, when given) and calls `out` in input order.
pub fn check(
    sources: &[Source],
    registry: &Registry,
    reference: Option<&Index>,
    opts: &Options,
    progress: Option<Progress<'_>>,
    out: &mut dyn FnMut(Output) -> Result<(), Error>,
) -> Result<(), Error> {
    let first_pass = registry.needs_index();
    let own = if first_pass {
        let mut problems = Vec::new();
        let index = build_index(sources, opts, progress, &mut |p| problems.push(p))?;
        for p in problems {
            out(Output::Problem(p))?;
        }
        index
    } else {
        Index::default()
    };
    let view = IndexView::new(&own, reference);
    let pool = pool(opts.threads)?;
    let depth = 2 * pool.current_num_threads();
    let mut done = 0u64;
    stream(sources, opts, depth, &mut |items| {
        let results: Vec<Option<Output>> = pool.install(|| {
            items
                .into_par_iter()
                .map(|item| match item {
                    Item::Doc(doc) => Some(Output::Checked(lint(registry, &view, doc))),
                    // Pass 1, when it ran, already reported the problems of this read.
                    Item::Problem(p) => (!first_pass).then_some(Output::Problem(p)),
                })
                .collect()
        });
        for r in results.into_iter().flatten() {
            if let Output::Checked(c) = &r {
                done += c.doc.text.len() as u64;
                // A crashed rule is an internal error: said once per rule and document, never silent.
                for (rule, message) in &c.failures {
                    out(Output::Problem(Problem {
                        path: c.doc.path.clone(),
                        record: c.doc.key.record,
                        message: format!(
                            "internal error: rule `{rule}` failed on this document ({message}); its findings here are missing, please report it"
                        ),
                        is_error: true,
                    }))?;
                }
            }
            out(r)?;
        }
        if let Some(p) = progress {
            p(2, done);
        }
        Ok(())
    })
}

/// Lints one document: rules see its prose (Markdown markup masked); findings on masked regions
/// or under a suppression comment are dropped.
pub fn lint(registry: &Registry, index: &IndexView<'_>, doc: Document) -> Checked {
    let (lang, words, linted) = {
        let prose = doc.prose();
        let an = Analysis::new(&prose, doc.lang);
        let cx = Ctx {
            doc: &doc,
            an: &an,
            index,
        };
        (an.lang, an.word_count() as u64, registry.lint(&cx))
    };
    let (mut diagnostics, failures) = (linted.diagnostics, linted.failures);
    if !doc.masked.is_empty() {
        diagnostics.retain(|d| !doc.is_masked(d.span));
    }
    if !doc.directives.is_empty() {
        let unused = crate::suppress::apply(&doc, &mut diagnostics);
        if let Some(severity) = registry.severity(crate::suppress::UNUSED_DIRECTIVE) {
            let rule: std::sync::Arc<str> = std::sync::Arc::from(crate::suppress::UNUSED_DIRECTIVE);
            for i in unused {
                let d = &doc.directives[i];
                diagnostics.push(Diagnostic {
                    rule: rule.clone(),
                    kind: None,
                    severity,
                    message: "this suppression comment suppresses nothing".into(),
                    span: d.span,
                    suggestion: None,
                });
            }
            diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
    }
    Checked {
        doc,
        lang,
        words,
        diagnostics,
        failures,
    }
}
