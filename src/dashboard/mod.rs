//! The quality dashboard: `coquille report PATH... -o dashboard.html`.
//!
//! [`run`] lints the inputs with the `check` pipeline and folds every document, in input order,
//! into a [`Collector`] (aggregates and sampled examples only, so memory does not grow with the
//! corpus); with `--by FIELD` the same stream feeds the vendor comparison of [`crate::compare`].
//! The text statistics (readability, sentence lengths, n-grams) come from [`text`]. The result is
//! one [`Data`] value, which [`render()`] writes as a single self-contained HTML page: the data is
//! embedded as JSON (`<script type="application/json" id="coquille-data">`), tables are rendered
//! from a template, charts are drawn in the browser by the inlined Chart.js. Nothing is loaded
//! from the network.
//!
//! The output is deterministic: no timestamp unless asked for, examples sampled by a seeded hash
//! of their rule and document, every number folded in input order, so the page is byte-identical
//! for any number of threads.

pub mod collect;
pub mod context;
pub mod data;
pub mod filter;
pub mod render;
pub mod text;

pub use collect::Collector;
pub use data::Data;
pub use render::render;

use crate::compare::{self, Filter};
use crate::diagnostic::Severity;
use crate::engine::{self, Output, Progress};
use crate::error::Error;
use crate::index::Index;
use crate::input::{Problem, Source};
use crate::rules::Registry;

/// The default number of examples per rule.
pub const DEFAULT_EXAMPLES: usize = 3;
/// The default number of worst documents listed.
pub const DEFAULT_WORST: usize = 20;
/// Documents with fewer words are not ranked among the worst (a 10-word document with one
/// finding would top any list).
pub const DEFAULT_MIN_WORDS: u64 = 50;
/// The default seed of the example sample.
pub const DEFAULT_SEED: u64 = 2004;

/// What goes into the dashboard.
#[derive(Clone, Debug)]
pub struct Options {
    pub title: String,
    /// The paths given, as shown on the page.
    pub inputs: Vec<String>,
    /// The lowest severity counted as a finding.
    pub min_severity: Severity,
    /// Which documents take part (`--where`).
    pub filters: Vec<Filter>,
    /// The group comparison (`--by`); its filters and minimum severity are the dashboard's.
    pub compare: Option<compare::Options>,
    /// Examples kept per rule.
    pub examples_per_rule: usize,
    /// Worst documents listed.
    pub worst_documents: usize,
    pub min_words: u64,
    /// Seed of the example sample.
    pub seed: u64,
    /// Shown as the time the page was made (`--timestamp`); `None` keeps the output reproducible.
    pub timestamp: Option<String>,
    pub text: text::Options,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            title: "Coquille quality report".into(),
            inputs: Vec::new(),
            min_severity: Severity::Warning,
            filters: Vec::new(),
            compare: None,
            examples_per_rule: DEFAULT_EXAMPLES,
            worst_documents: DEFAULT_WORST,
            min_words: DEFAULT_MIN_WORDS,
            seed: DEFAULT_SEED,
            timestamp: None,
            text: text::Options::default(),
        }
    }
}

/// Lints the sources and gathers the dashboard. Input problems go to `on_problem`; they do not
/// stop the run.
pub fn run(
    sources: &[Source],
    registry: &Registry,
    reference: Option<&Index>,
    engine_opts: &engine::Options,
    opts: Options,
    progress: Option<Progress<'_>>,
    on_problem: &mut dyn FnMut(Problem),
) -> Result<Data, Error> {
    let text_opts = opts.text.clone();
    let filters = filter::Filters::new(&opts.filters);
    let by = opts.compare.as_ref().map(|c| c.by.clone());
    let mut collector = Collector::new(opts, registry);
    engine::check(
        sources,
        registry,
        reference,
        engine_opts,
        progress,
        &mut |out| {
            match out {
                Output::Problem(p) => {
                    collector.problem(&p);
                    on_problem(p);
                }
                Output::Checked(c) => collector.add(&c),
            }
            Ok(())
        },
    )?;
    let text = text::from_sources(sources, engine_opts, &text_opts, &filters, by.as_ref())?;
    Ok(collector.finish(text))
}
