//! Corpus statistics: counts, readability in each language, quality signals and n-grams, in one
//! parallel pass, with exact merges across threads and shards.
//!
//! # Which tokenizer each number uses
//!
//! - `words`, `sentences`, `syllables` (and `letters`, `long_words`, `polysyllables`) are
//!   **textstat 0.7.13-compatible** counts ([`textstat`]), a tokenization of their own, so that
//!   readability scores can be compared with textstat's; sentence lengths are counted in them too
//!   (words per counted textstat sentence, i.e. of 3 words or more).
//! - `tokens`, `word_tokens`, word lengths, the vocabulary (type/token and hapax ratios), word
//!   n-grams and the quality signals use **Coquille's tokenizer** (`tokenize`), the linter's.
//! - `characters` are code points, `bytes` UTF-8 bytes of the text.
//!
//! # Definitions
//!
//! - Readability: [`readability`] (formulas per language), [`syllables`] (CMUdict + Liang
//!   patterns, documented per language), [`textstat`] (words, sentences).
//! - Quality signals and Gopher/C4/FineWeb thresholds: [`quality`].
//! - Vocabulary: [`vocab`] — types are lowercased word tokens; `type_token_ratio` = types / tokens
//!   over the whole corpus (or group, or language); `hapax_ratio` = types seen once / types.
//! - Distributions: [`metric`] — means are exact (fixed-point sums), percentiles are nearest-rank,
//!   exact for integer series (sentence and word lengths) and to the bucket width for per-document
//!   scores (0.01 for readability, 0.001 for ratios, 1 for counts).
//! - N-grams: [`ngrams`] — exact within the memory budget, else a Misra–Gries summary with its
//!   error bound, and the output says which.
//!
//! # Merging
//!
//! Every statistic implements [`Merge`] and is made of integers (plus exact min/max), so the
//! summary does not depend on `--threads`, and `stats --save-partial` on shards followed by
//! `stats --merge` gives exactly the summary of one run over all shards (n-grams included while
//! they are exact: partial files keep every count).

pub mod corpus;
pub mod keys;
pub mod metric;
pub mod ngrams;
pub mod quality;
pub mod readability;
pub mod render;
pub mod syllables;
pub mod textstat;
pub mod vocab;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::engine::{self, BatchOutput, Progress};
use crate::error::Error;
use crate::input::{Problem, Source};

pub use corpus::{CorpusStats, DocStats, Summary};
pub use ngrams::Spec;

/// A statistic that merges exactly: `merge` is associative and commutative, and merging the
/// statistics of two parts gives the statistics of the whole.
pub trait Merge: Default {
    fn merge(&mut self, other: Self);
}

/// What `stats` computes.
#[derive(Clone, Debug)]
pub struct Options {
    /// The n-grams whose most frequent ones the summary lists (`None`: none).
    pub ngrams: Option<Spec>,
    /// How many n-grams to list.
    pub top: usize,
    /// List only n-grams seen at least this often.
    pub min_count: u64,
    /// Memory budget of each group's n-gram table, in bytes.
    pub memory: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ngrams: Some(Spec {
                n: 2,
                chars: false,
                lowercase: false,
            }),
            top: 20,
            min_count: 1,
            memory: 1 << 30,
        }
    }
}

/// The group of a document (`--by`): `None` puts it in the group `(none)`.
pub type GroupFn<'a> = &'a (dyn Fn(&Document) -> Option<String> + Sync);

/// The name of the group of documents whose grouping field is missing.
pub const NO_GROUP: &str = "(none)";

/// The statistics of a corpus, per group (one group, named "", without `--by`).
#[derive(Debug)]
pub struct Stats {
    /// The grouping (`--by`), if any.
    pub by: Option<String>,
    pub groups: BTreeMap<String, CorpusStats>,
    pub ngrams: Option<Spec>,
    pub memory: u64,
}

/// Called for each document in input order, with its group, when per-document output is wanted.
pub type DocSink<'a> = &'a mut dyn FnMut(&Document, &DocStats, Option<&str>) -> Result<(), Error>;

/// The per-document results of a batch, in input order (only with per-document output).
type BatchDocs = Vec<(DocStats, Option<String>)>;
/// A batch's statistics per group.
type BatchGroups = BTreeMap<String, CorpusStats>;

impl Stats {
    pub fn new(by: Option<String>, opts: &Options) -> Stats {
        Stats {
            by,
            groups: BTreeMap::new(),
            ngrams: opts.ngrams,
            memory: opts.memory,
        }
    }

    /// Computes the statistics of `sources` in one parallel pass. Input problems go to
    /// `on_problem`; when `on_doc` is given it receives every document's statistics in input order.
    pub fn collect(
        sources: &[Source],
        engine_opts: &engine::Options,
        opts: &Options,
        by: Option<(&str, GroupFn<'_>)>,
        progress: Option<Progress<'_>>,
        on_problem: &mut dyn FnMut(Problem),
        mut on_doc: Option<DocSink<'_>>,
    ) -> Result<Stats, Error> {
        let mut stats = Stats::new(by.map(|(name, _)| name.to_string()), opts);
        let spec = opts.ngrams;
        let per_doc = on_doc.is_some();
        let group = by.map(|(_, f)| f);
        // One batch is counted by one worker, into tables of its own: the pipeline works on
        // several batches at once, so splitting a batch further would only add a merge (on 100
        // MB, one table per batch is 12% faster than one per thread and batch).
        let work = |docs: &[Document]| -> (BatchGroups, BatchDocs) {
            let mut groups = BatchGroups::new();
            let mut list = Vec::new();
            corpus::with_worker(|w| {
                for doc in docs {
                    let key = group.map(|g| g(doc).unwrap_or_else(|| NO_GROUP.to_string()));
                    let name = key.as_deref().unwrap_or("");
                    if !groups.contains_key(name) {
                        groups.insert(name.to_string(), CorpusStats::new(spec.map(|_| u64::MAX)));
                    }
                    if let Some(acc) = groups.get_mut(name) {
                        let d = acc.analyze(doc, spec.as_ref(), w);
                        acc.add(&d);
                        if per_doc {
                            list.push((d, key));
                        }
                    }
                }
            });
            (groups, list)
        };
        let budget = spec.map(|_| stats.memory);
        engine::map_batches(sources, engine_opts, progress, &work, &mut |out, _| {
            match out {
                BatchOutput::Problem(p) => on_problem(p),
                BatchOutput::Batch { docs, value } => {
                    // Batches arrive in input order, so a memory budget prunes the n-gram
                    // counts the same way whatever the number of threads.
                    let (groups, list) = value;
                    merge_groups(&mut stats.groups, groups, budget);
                    if let Some(sink) = on_doc.as_mut() {
                        for (doc, (d, g)) in docs.iter().zip(&list) {
                            sink(doc, d, g.as_deref())?;
                        }
                    }
                }
            }
            Ok(())
        })?;
        Ok(stats)
    }

    /// Merges statistics of other documents in. Both must count the same n-grams and group by the
    /// same field.
    pub fn merge(&mut self, other: Stats) -> Result<(), Error> {
        if self.ngrams != other.ngrams {
            return Err(Error::Usage(
                "cannot merge statistics computed with different n-gram options".into(),
            ));
        }
        if self.by != other.by {
            return Err(Error::Usage(
                "cannot merge statistics grouped by different fields".into(),
            ));
        }
        let budget = self.ngrams.map(|_| self.memory);
        merge_groups(&mut self.groups, other.groups, budget);
        Ok(())
    }

    /// The summary: the whole corpus, and each group when grouped.
    pub fn report(self, opts: &Options) -> Report {
        let spec = self.ngrams;
        let mut groups = Vec::new();
        let mut total = CorpusStats::new(spec.map(|_| self.memory));
        for (name, g) in self.groups {
            if self.by.is_some() {
                groups.push(GroupSummary {
                    group: name,
                    summary: g.summary(spec.as_ref(), opts.top, opts.min_count),
                });
            }
            total.merge(g);
        }
        Report {
            version: 1,
            by: self.by,
            total: total.summary(spec.as_ref(), opts.top, opts.min_count),
            groups,
        }
    }

    /// Writes the mergeable statistics (`--save-partial`).
    pub fn save(&self, w: &mut dyn Write) -> Result<(), Error> {
        let saved = Partial {
            version: 1,
            kind: PARTIAL_KIND.to_string(),
            by: self.by.clone(),
            ngrams: self.ngrams,
            memory: self.memory,
            groups: self
                .groups
                .iter()
                .map(|(k, v)| (k.clone(), v.to_saved()))
                .collect(),
        };
        serde_json::to_writer(&mut *w, &saved).map_err(|e| Error::Io {
            context: "cannot write partial statistics".into(),
            source: e.into(),
        })?;
        w.write_all(b"\n").map_err(|source| Error::Io {
            context: "cannot write partial statistics".into(),
            source,
        })
    }

    /// Reads statistics written by [`Stats::save`].
    pub fn load(path: &Path) -> Result<Stats, Error> {
        let mut text = String::new();
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_string(&mut text))
            .map_err(|source| Error::Io {
                context: format!("cannot read {}", path.display()),
                source,
            })?;
        let p: Partial = serde_json::from_str(&text).map_err(|e| {
            Error::Usage(format!(
                "{}: not a coquille partial statistics file: {e}",
                path.display()
            ))
        })?;
        if p.kind != PARTIAL_KIND || p.version != 1 {
            return Err(Error::Usage(format!(
                "{}: not a coquille partial statistics file (version 1)",
                path.display()
            )));
        }
        let memory = p.memory;
        Ok(Stats {
            by: p.by,
            ngrams: p.ngrams,
            memory,
            groups: p
                .groups
                .into_iter()
                .map(|(k, v)| (k, CorpusStats::from_saved(v, memory)))
                .collect(),
        })
    }
}

/// Counts the n-grams of `sources` (`coquille ngrams`): exact within `memory` bytes, else the
/// Misra–Gries summary of [`ngrams`].
pub fn count_ngrams(
    sources: &[Source],
    engine_opts: &engine::Options,
    spec: &Spec,
    memory: u64,
    progress: Option<Progress<'_>>,
    on_problem: &mut dyn FnMut(Problem),
) -> Result<ngrams::Counter, Error> {
    let mut total = ngrams::Counter::new(memory);
    // One table per batch, as in `Stats::collect`.
    let work = |docs: &[Document]| {
        let mut c = ngrams::Counter::default();
        corpus::with_worker(|w| {
            for doc in docs {
                w.count_ngrams(spec, &doc.text, &mut c);
            }
        });
        c
    };
    // Batches are folded into the total in input order, so a memory budget prunes the same way
    // whatever the number of threads. Folding is most of the work here: it runs on the workers,
    // a shard of the table each.
    engine::map_batches(
        sources,
        engine_opts,
        progress,
        &work,
        &mut |out, workers| {
            match out {
                BatchOutput::Problem(p) => on_problem(p),
                BatchOutput::Batch { value, .. } => workers.run(|| total.merge(value)),
            }
            Ok(())
        },
    )?;
    Ok(total)
}

/// The output of `coquille ngrams`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NgramReport {
    pub version: u32,
    pub n: usize,
    pub chars: bool,
    pub lowercase: bool,
    /// Whether every count is exact; otherwise each is a lower bound, at most `max_error` below
    /// the true count, and every n-gram more frequent than `max_error` is listed.
    pub exact: bool,
    pub max_error: u64,
    /// n-gram occurrences counted.
    pub total: u64,
    /// Distinct n-grams (when exact).
    pub distinct: Option<u64>,
    pub min_count: u64,
    pub top: Vec<ngrams::Ngram>,
}

impl NgramReport {
    pub fn new(c: &ngrams::Counter, spec: &Spec, top: usize, min_count: u64) -> NgramReport {
        NgramReport {
            version: 1,
            n: spec.n,
            chars: spec.chars,
            lowercase: spec.lowercase,
            exact: c.exact,
            max_error: c.max_error,
            total: c.total,
            distinct: c.distinct(),
            min_count,
            top: c.top(top, min_count),
        }
    }
}

fn merge_groups(
    into: &mut BTreeMap<String, CorpusStats>,
    from: BTreeMap<String, CorpusStats>,
    budget: Option<u64>,
) {
    for (k, v) in from {
        match into.get_mut(&k) {
            Some(mine) => mine.merge(v),
            None => {
                let mut fresh = CorpusStats::new(budget);
                fresh.merge(v);
                into.insert(k, fresh);
            }
        }
    }
}

const PARTIAL_KIND: &str = "coquille-stats-partial";

#[derive(Serialize, Deserialize)]
struct Partial {
    version: u32,
    kind: String,
    by: Option<String>,
    ngrams: Option<Spec>,
    memory: u64,
    groups: BTreeMap<String, corpus::SavedStats>,
}

/// The output of `coquille stats`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(flatten)]
    pub total: Summary,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupSummary {
    pub group: String,
    #[serde(flatten)]
    pub summary: Summary,
}
