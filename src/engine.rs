//! The two-pass pipeline. A reader thread streams documents in batches through a bounded channel;
//! pass 1 folds them into the corpus index in parallel; pass 2 lints every document against it in
//! parallel and hands the results to the caller in input order. Memory is bounded by the batch size
//! times the channel depth, plus the index.

use std::collections::VecDeque;
use std::sync::mpsc::{Receiver, TryRecvError, sync_channel};
use std::sync::{Mutex, MutexGuard, PoisonError};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::error::Error;
use crate::index::{Index, IndexBuilder, IndexView, spill};
use crate::input::{Event, InputOptions, Problem, Source, read_source};
use crate::lang::Lang;
use crate::rules::{Ctx, Registry};
use crate::span::Span;
use crate::tokenize::Analysis;
use crate::window;

/// Documents are grouped into batches of about this many bytes of text. A batch in flight costs
/// several times its size (tokens, sentences, findings), and a few are in flight at once: 1 MiB
/// batches keep `check` on 100 MB at about 185 MB peak instead of 265 MB with 4 MiB, at the same
/// speed.
pub const BATCH_BYTES: usize = 1 << 20;
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

/// The worker pool of a [`map_batches`] run, for work its `out` wants done in parallel.
pub struct Workers<'a>(&'a rayon::ThreadPool);

impl Workers<'_> {
    /// Runs `f` on the pool (its rayon parallel iterators use the run's workers) and waits for it.
    pub fn run<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        self.0.install(f)
    }
}

/// Where [`map_batches`] hands each problem and batch (in input order), with the run's workers.
pub type BatchSink<'a, T> = &'a mut dyn FnMut(BatchOutput<T>, &Workers<'_>) -> Result<(), Error>;

/// Streams the documents of `sources` in batches and runs `work` on each batch inside the worker
/// pool, so that rayon parallel iterators in `work` use `opts.threads` workers (the global pool is
/// never touched). Several batches are worked on at once ([`pipeline`]); `out` receives each
/// batch's input problems, then the batch with its value, in input order, on the calling thread,
/// so folding the values into one result there keeps the input order without holding up the
/// workers (or, through [`Workers::run`], with them). Batches are cut by the reader alone
/// (`opts.batch_bytes`, [`BATCH_DOCS`]), never by the number of threads.
pub fn map_batches<T: Send>(
    sources: &[Source],
    opts: &Options,
    progress: Option<Progress<'_>>,
    work: &(dyn Fn(&[Document]) -> T + Sync),
    out: BatchSink<'_, T>,
) -> Result<(), Error> {
    let pool = pool(opts.threads)?;
    let work = |items: Vec<Item>, _first: usize| {
        let mut docs = Vec::with_capacity(items.len());
        let mut problems = Vec::new();
        for item in items {
            match item {
                Item::Doc(d) => docs.push(d),
                Item::Problem(p) => problems.push(p),
            }
        }
        let value = work(&docs);
        (problems, docs, value)
    };
    let mut done = 0u64;
    let workers = Workers(&pool);
    pipeline(&pool, sources, opts, &work, &mut |(
        problems,
        docs,
        value,
    )| {
        for p in problems {
            out(BatchOutput::Problem(p), &workers)?;
        }
        done += docs.iter().map(|d| d.text.len() as u64).sum::<u64>();
        out(BatchOutput::Batch { docs, value }, &workers)?;
        if let Some(p) = progress {
            p(1, done);
        }
        Ok(())
    })
}

/// Runs `work` on every batch of the sources on the pool, several batches at a time (so the pool
/// never waits for the slowest document of a batch, nor for `done`), and calls `done` on the
/// calling thread with each batch's result, in input order. `work` also gets the number of
/// documents before its batch (documents are numbered in input order, the same in both passes).
fn pipeline<T: Send>(
    pool: &rayon::ThreadPool,
    sources: &[Source],
    opts: &Options,
    work: &(dyn Fn(Vec<Item>, usize) -> T + Sync),
    done: &mut dyn FnMut(T) -> Result<(), Error>,
) -> Result<(), Error> {
    let threads = pool.current_num_threads().max(1);
    // Batches being worked on at once, and read ahead.
    let in_flight = threads + 1;
    let depth = 2 * threads;
    pool.in_place_scope(|scope| {
        let mut pending: VecDeque<Receiver<T>> = VecDeque::new();
        let mut docs_before = 0usize;
        let mut result = stream(sources, opts, depth, &mut |items| {
            let (tx, rx) = sync_channel(1);
            let first = docs_before;
            docs_before += items.iter().filter(|i| matches!(i, Item::Doc(_))).count();
            scope.spawn(move |_| {
                // The receiver only goes away once the run has failed.
                let _ = tx.send(work(items, first));
            });
            pending.push_back(rx);
            // Hand over finished batches in order; wait for the oldest when enough are running.
            while let Some(rx) = pending.front() {
                let finished = if pending.len() > in_flight {
                    rx.recv().ok()
                } else {
                    match rx.try_recv() {
                        Ok(t) => Some(t),
                        Err(TryRecvError::Empty) => break,
                        Err(TryRecvError::Disconnected) => None,
                    }
                };
                pending.pop_front();
                // A batch whose work panicked sends nothing; the scope passes the panic on.
                if let Some(t) = finished {
                    done(t)?;
                }
            }
            Ok(())
        });
        while let Some(rx) = pending.pop_front() {
            let finished = rx.recv().ok();
            if let (Ok(()), Some(t)) = (&result, finished) {
                result = done(t);
            }
        }
        result
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
    Ok(first_pass(sources, opts, progress, on_problem, Purpose::Build)?.0)
}

/// What pass 1 runs for.
#[derive(Clone, Copy)]
enum Purpose<'r> {
    /// `index build`: every count is kept, for exact merges with other indexes.
    Build,
    /// `check`, with its reference index if any: the languages detected are kept for pass 2,
    /// line and sentence fingerprints are counted in bounded memory, keeping only those that
    /// recur or that the reference has (see [`crate::index::spill`]), and collocations are
    /// counted only when a rule reads them.
    Check {
        reference: Option<&'r Index>,
        collocations: bool,
    },
}

/// The language detected in pass 1 for a document (by number) whose language was not given, with
/// the length of the text it was detected on; pass 2 takes it instead of detecting it again.
type Detected = Option<(u32, Lang)>;

/// Pass 1: the index, and (when `keep_langs`) the detected language of each document.
fn first_pass(
    sources: &[Source],
    opts: &Options,
    progress: Option<Progress<'_>>,
    on_problem: &mut dyn FnMut(Problem),
    purpose: Purpose<'_>,
) -> Result<(Index, Vec<Detected>), Error> {
    let pool = pool(opts.threads)?;
    let threads = pool.current_num_threads().max(1);
    let keep_langs = matches!(purpose, Purpose::Check { .. });
    let collocations = match purpose {
        Purpose::Build => true,
        Purpose::Check { collocations, .. } => collocations,
    };
    let builders: Vec<Mutex<IndexBuilder>> = (0..threads)
        .map(|_| Mutex::new(IndexBuilder::bounded(collocations)))
        .collect();
    let work = |items: Vec<Item>, _first: usize| {
        let mut docs = Vec::with_capacity(items.len());
        let mut problems = Vec::new();
        for item in items {
            match item {
                Item::Doc(d) => docs.push(d),
                Item::Problem(p) => problems.push(p),
            }
        }
        let langs: Vec<Detected> = docs
            .par_iter()
            .map(|doc| {
                let windows = window::windows(doc, &doc.text);
                let add = |w: &Span| {
                    let an = Analysis::new(w.text(&doc.text), doc.lang);
                    // Each thread has its own builder, so the lock is never contended.
                    let slot = rayon::current_thread_index().unwrap_or(0) % threads;
                    if let Some(builder) = builders.get(slot) {
                        lock(builder).add(&an);
                    }
                    an.lang
                };
                let lang = match windows.as_slice() {
                    [whole] => Some(add(whole)),
                    // Each window detects its own language, in both passes.
                    _ => {
                        windows.par_iter().for_each(|w| {
                            add(w);
                        });
                        None
                    }
                };
                // Pass 2 analyses the prose: the same text when nothing is masked.
                let reusable = keep_langs && doc.lang.is_none() && doc.masked.is_empty();
                let len = u32::try_from(doc.text.len()).ok();
                len.filter(|_| reusable).zip(lang)
            })
            .collect();
        let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
        (problems, bytes, langs)
    };
    let mut done = 0u64;
    let mut detected: Vec<Detected> = Vec::new();
    pipeline(&pool, sources, opts, &work, &mut |(
        problems,
        bytes,
        langs,
    )| {
        problems.into_iter().for_each(&mut *on_problem);
        done += bytes;
        if keep_langs {
            detected.extend(langs);
        }
        if let Some(p) = progress {
            p(1, done);
        }
        Ok(())
    })?;
    let (mut parts, mut lines, mut sentences) = (Vec::new(), Vec::new(), Vec::new());
    for b in builders {
        let (part, l, s) = b
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
            .finish_parts();
        parts.push(part);
        lines.push(l);
        sentences.push(s);
    }
    // `index build` keeps every count; `check` the recurring ones and the reference's.
    let kept = |table: fn(&Index) -> &hashbrown::HashMap<u64, u64>| {
        move |fp: u64| match purpose {
            Purpose::Build => true,
            Purpose::Check { reference, .. } => {
                reference.is_some_and(|r| table(r).contains_key(&fp))
            }
        }
    };
    let (mut index, (lines, sentences)) = pool.install(|| {
        rayon::join(
            || Index::merge_all(parts),
            || {
                rayon::join(
                    || spill::merge(lines, &kept(|r| &r.lines)),
                    || spill::merge(sentences, &kept(|r| &r.sentences)),
                )
            },
        )
    });
    let read_back = |e| Error::Io {
        context: "reading back pass 1's temporary fingerprint files".into(),
        source: e,
    };
    index.lines = lines.map_err(read_back)?;
    index.sentences = sentences.map_err(read_back)?;
    Ok((index, detected))
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
    let needs_index = registry.needs_index();
    let (own, detected) = if needs_index {
        let mut problems = Vec::new();
        let purpose = Purpose::Check {
            reference,
            collocations: registry.needs_collocations(),
        };
        let built = first_pass(sources, opts, progress, &mut |p| problems.push(p), purpose)?;
        for p in problems {
            out(Output::Problem(p))?;
        }
        built
    } else {
        (Index::default(), Vec::new())
    };
    let view = IndexView::new(&own, reference);
    let pool = pool(opts.threads)?;
    let work = |items: Vec<Item>, first: usize| -> Vec<Option<Output>> {
        // Number each document, for its language detected in pass 1.
        let mut number = first;
        let items: Vec<(Item, usize)> = items
            .into_iter()
            .map(|item| {
                let n = number;
                number += usize::from(matches!(item, Item::Doc(_)));
                (item, n)
            })
            .collect();
        items
            .into_par_iter()
            .map(|(item, n)| match item {
                Item::Doc(doc) => {
                    let known = detected
                        .get(n)
                        .copied()
                        .flatten()
                        .filter(|&(len, _)| {
                            len as usize == doc.text.len()
                                && doc.lang.is_none()
                                && doc.masked.is_empty()
                        })
                        .map(|(_, lang)| lang);
                    Some(Output::Checked(lint_detected(registry, &view, doc, known)))
                }
                // Pass 1, when it ran, already reported the problems of this read.
                Item::Problem(p) => (!needs_index).then_some(Output::Problem(p)),
            })
            .collect()
    };
    let mut done = 0u64;
    let result = pipeline(&pool, sources, opts, &work, &mut |results| {
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
    });
    drop(view);
    drop_later(own);
    result
}

/// Drops `value` on a thread of its own. A corpus index holds millions of small allocations:
/// freeing them one by one takes a noticeable moment that the caller, typically a process about
/// to exit, need not wait for.
pub fn drop_later<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("coquille-drop".into())
        .spawn(move || drop(value));
}

/// Lints one document: rules see its prose (Markdown markup masked); findings on masked regions
/// or under a suppression comment are dropped.
pub fn lint(registry: &Registry, index: &IndexView<'_>, doc: Document) -> Checked {
    lint_detected(registry, index, doc, None)
}

/// Lints a long document window by window (see [`window`]), in parallel: its language is the one
/// of most of its bytes, its findings are the windows' in the document's offsets.
fn lint_windows(
    registry: &Registry,
    index: &IndexView<'_>,
    doc: &Document,
    prose: &str,
    windows: &[Span],
) -> (Lang, u64, crate::rules::Linted) {
    let parts: Vec<(Lang, usize, u64, crate::rules::Linted)> = windows
        .par_iter()
        .map(|&w| {
            let wdoc = window::document(doc, prose, w);
            let (lang, words, mut linted) = lint_text(registry, index, &wdoc, &wdoc.text, doc.lang);
            for d in &mut linted.diagnostics {
                d.span = Span::new(d.span.start + w.start, d.span.end + w.start);
            }
            (lang, w.len(), words, linted)
        })
        .collect();
    let mut bytes: Vec<(Lang, usize)> = Vec::new();
    let mut words = 0;
    let mut all = crate::rules::Linted::default();
    for (lang, len, n, linted) in parts {
        match bytes.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, b)) => *b += len,
            None => bytes.push((lang, len)),
        }
        words += n;
        // Windows come in order and each one's findings are sorted: the whole stays sorted.
        all.diagnostics.extend(linted.diagnostics);
        for f in linted.failures {
            if !all.failures.iter().any(|(rule, _)| *rule == f.0) {
                all.failures.push(f);
            }
        }
    }
    // The language of the largest share of bytes; on a tie, the earliest window's (`max_by_key`
    // keeps the last of equal keys, so it runs from the end).
    let lang = bytes
        .iter()
        .rev()
        .max_by_key(|&&(_, b)| b)
        .map_or(Lang::UND, |&(l, _)| l);
    (lang, words, all)
}

/// Analyses `text` (the prose of `doc`) in `lang` (detected when `None`) and runs every rule on
/// it: the language, the word count and the findings.
fn lint_text(
    registry: &Registry,
    index: &IndexView<'_>,
    doc: &Document,
    text: &str,
    lang: Option<Lang>,
) -> (Lang, u64, crate::rules::Linted) {
    let an = Analysis::new(text, lang);
    let cx = Ctx {
        doc,
        an: &an,
        index,
    };
    (an.lang, an.word_count() as u64, registry.lint(&cx))
}

/// [`lint`], given the language already detected on the document's prose, if known.
fn lint_detected(
    registry: &Registry,
    index: &IndexView<'_>,
    doc: Document,
    detected: Option<Lang>,
) -> Checked {
    let (lang, words, linted) = {
        let prose = doc.prose();
        let windows = window::windows(&doc, &prose);
        if let [_] = windows.as_slice() {
            lint_text(registry, index, &doc, &prose, doc.lang.or(detected))
        } else {
            lint_windows(registry, index, &doc, &prose, &windows)
        }
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
