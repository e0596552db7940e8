//! Comparing groups of documents (translation vendors, MT systems, sites) by their lint findings:
//! `coquille compare --by FIELD`.
//!
//! The comparison runs the `check` pipeline and folds every linted document, in input order, into
//! its group's aggregates ([`Comparison::add`]); [`Comparison::finish`] turns them into a
//! [`Report`], which [`render()`] writes as text, Markdown, CSV, JSON or HTML. The statistics follow
//! `rules.md` §5:
//!
//! * **Rates.** Per group: documents, words, findings (at or above `min_severity`, by default
//!   warnings and errors) and findings per 1,000 words `1000·X/W`, also per rule (`by_rule`) and
//!   per rule group (`by_group`, the part of the id before `/`).
//! * **Confidence intervals** are document-level (cluster) bootstrap intervals of the ratio
//!   estimator `Σx/Σw`, computed in the streaming pass as a Poisson bootstrap (see [`bootstrap`]):
//!   B = 2000 replicate weights per document from a counter-based hash of its key, percentile
//!   intervals. Memory is O(B) per group (and per rule that fires in it), whatever the number of
//!   documents. The key is the pairing key (`id`, or `--pair-by FIELD`) when the document has one,
//!   else its path and record number. A count of zero has a zero-width interval.
//! * **Incidence**: the share of documents with at least one finding, with a Wilson interval;
//!   robust to a few documents with hundreds of hits.
//! * **Overdispersion** φ̂: the Pearson statistic of per-document counts against the group rate
//!   ([`rates::dispersion`]); well above 1 when findings clump in a few documents.
//! * **Penalty**: an MQM-like weighted score per 1,000 words, `Σ sev·X / W · 1000` over the
//!   counted findings, with severity weights error 5, warning 1, info 0.1 (MQM major, minor,
//!   neutral-ish; [`SEVERITY_WEIGHTS`]). Lint findings are MQM *issues*, not validated errors: the
//!   per-rule precision correction of `rules.md` §5 is not applied.
//! * **Pairs.** For every pair of groups, the rate ratio `RR = λ_a/λ_b` (a is the group with the
//!   higher rate) and its 95% percentile interval from the per-replicate ratios (a replicate where
//!   neither group has a finding counts as a ratio of 1; one where only b has none, as infinite,
//!   so the interval can be unbounded above when b's findings are rare). The test:
//!   - *paired bootstrap* when the two groups translated the same documents, i.e. when their sets
//!     of pairing keys overlap by at least half (Jaccard ≥ 0.5; [`PAIRED_MIN_OVERLAP`]). Documents
//!     with the same key share their weights, so the replicates resample source documents with
//!     both translations together (Koehn 2004) in O(B) memory; the two-sided p-value counts the
//!     replicates where the order of the two rates flips ([`rates::bootstrap_p`]), so it cannot go
//!     below 2/(B+1) ≈ 0.001 (with m pairs, Holm cannot go below m times that: raise
//!     `--replicates` when comparing more than about ten groups);
//!   - otherwise the *overdispersed Wald test* on log RR with `SE = √(φ̂_a/X_a + φ̂_b/X_b)`.
//!
//!   p-values are corrected across all pairs by Benjamini–Hochberg (q-values, for exploratory
//!   tables) and Holm (for headline claims).
//! * Deciding whether two groups share their documents needs their sets of keys: each group keeps
//!   a bounded sketch ([`sketch`]), exact up to 4,096 distinct keys and estimated beyond.
//!
//! Cost: the weights of a document are B hash draws and each group adds B products per document
//! (and per rule that fired in it), about 10 µs per document on the consumer thread.
//!
//! Everything is deterministic: integer aggregates and replicate sums do not depend on the order
//! of addition, and the one floating-point sum (for φ̂) is folded in input order, so the output is
//! identical for any number of threads.

pub mod bootstrap;
pub mod rates;
pub mod render;
mod report;
pub mod sketch;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

pub use render::{Format, render};
pub use report::{BySeverity, GroupReport, PairReport, Report, RuleRate, Test, Weights};

use crate::diagnostic::Severity;
use crate::engine::{self, Checked, Output, Progress};
use crate::error::Error;
use crate::index::Index;
use crate::input::{InputOptions, Problem, Source};
use crate::rules::Registry;
use bootstrap::{PoissonWeights, Replicates};
use sketch::KeySketch;

/// The group of documents that lack the grouping field.
pub const NONE_GROUP: &str = "(none)";

/// Severity weights of the penalty: error 5, warning 1, info 0.1.
pub const SEVERITY_WEIGHTS: Weights = Weights {
    error: 5.0,
    warning: 1.0,
    info: 0.1,
};

/// Two groups are compared as paired when their sets of pairing keys overlap at least this much
/// (Jaccard index).
pub const PAIRED_MIN_OVERLAP: f64 = 0.5;

/// Significance level of the `significant` flags (on q-values and on Holm-adjusted p-values).
pub const ALPHA: f64 = 0.05;

/// Penalty weights in tenths, so that penalties add up as integers.
fn weight_tenths(s: Severity) -> u64 {
    match s {
        Severity::Error => 50,
        Severity::Warning => 10,
        Severity::Info => 1,
    }
}

/// Where a document's group, pairing key or filter value comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    /// A JSONL metadata field: strings as they are, numbers and booleans printed; null is missing.
    Field(String),
    /// The document id (the `id` field, or `--id-field`).
    Id,
    /// The document's language, given or detected.
    Lang,
    /// The first folder level of the source's path under the path it was found from, by source
    /// number (`DocKey::input`); `None` for files given directly or lying at the top.
    Dir(Arc<Vec<Option<String>>>),
}

impl Key {
    /// The key for a name given on the command line: `dir` is the first folder level; the id and
    /// language field names are the document's id and language; anything else a metadata field.
    pub fn named(name: &str, input: &InputOptions, roots: &[PathBuf], sources: &[Source]) -> Key {
        if name == "dir" {
            Key::Dir(Arc::new(dir_groups(roots, sources)))
        } else if name == input.id_field {
            Key::Id
        } else if name == input.lang_field {
            Key::Lang
        } else {
            Key::Field(name.to_string())
        }
    }

    /// The name shown in reports.
    pub fn label(&self) -> String {
        match self {
            Key::Field(f) => f.clone(),
            Key::Id => "id".into(),
            Key::Lang => "lang".into(),
            Key::Dir(_) => "dir".into(),
        }
    }

    /// The document's value.
    pub fn value<'a>(&'a self, c: &'a Checked) -> Option<Cow<'a, str>> {
        match self {
            Key::Field(f) => match c.doc.meta.get(f)? {
                serde_json::Value::String(s) => Some(Cow::Borrowed(s)),
                serde_json::Value::Null => None,
                other => Some(Cow::Owned(other.to_string())),
            },
            Key::Id => c.doc.id.as_deref().map(Cow::Borrowed),
            Key::Lang => Some(Cow::Borrowed(c.lang.as_str())),
            Key::Dir(map) => {
                let i = usize::try_from(c.doc.key.input).ok()?;
                map.get(i)?.as_deref().map(Cow::Borrowed)
            }
        }
    }
}

/// The first folder level of each source under the given path it lies in (`--by dir`): for the
/// root `corpus/` and the file `corpus/alpha/2024/a.txt`, `alpha`. Files given directly, files at
/// the top of a root and standard input have none.
pub fn dir_groups(roots: &[PathBuf], sources: &[Source]) -> Vec<Option<String>> {
    sources
        .iter()
        .map(|s| {
            let path = Path::new(&*s.display);
            roots.iter().find_map(|root| {
                let rest = path.strip_prefix(root).ok()?;
                let mut parts = rest
                    .components()
                    .filter(|c| matches!(c, Component::Normal(_)));
                let first = parts.next()?;
                parts.next()?; // the first component must be a folder, not the file itself
                Some(first.as_os_str().to_string_lossy().into_owned())
            })
        })
        .collect()
}

/// One `--where` condition: `FIELD=VALUE` or `FIELD!=VALUE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub key: Key,
    pub value: String,
    pub negate: bool,
}

impl Filter {
    /// Splits `FIELD=VALUE` or `FIELD!=VALUE` into (field, value, negated).
    pub fn parse(spec: &str) -> Option<(&str, &str, bool)> {
        let (field, value) = spec.split_once('=')?;
        let (field, negate) = match field.strip_suffix('!') {
            Some(f) => (f, true),
            None => (field, false),
        };
        (!field.is_empty()).then_some((field, value, negate))
    }
}

/// Filters on one key: the document passes when its value is among `values` (or, negated, when it
/// is not; a missing value passes a negated clause and fails the other).
#[derive(Clone, Debug)]
struct Clause {
    key: Key,
    values: Vec<String>,
    negate: bool,
}

impl Clause {
    fn passes(&self, c: &Checked) -> bool {
        let v = self.key.value(c);
        let hit = v.is_some_and(|v| self.values.iter().any(|x| *x == v));
        hit != self.negate
    }
}

/// Conditions on the same field are alternatives (`--where role=hyp --where role=ref`); conditions
/// on different fields must all hold; negated ones exclude.
fn clauses(filters: &[Filter]) -> Vec<Clause> {
    let mut out: Vec<Clause> = Vec::new();
    for f in filters {
        match out
            .iter_mut()
            .find(|c| c.key == f.key && c.negate == f.negate)
        {
            Some(c) => c.values.push(f.value.clone()),
            None => out.push(Clause {
                key: f.key.clone(),
                values: vec![f.value.clone()],
                negate: f.negate,
            }),
        }
    }
    out
}

/// What to compare and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// What defines the groups.
    pub by: Key,
    /// What links translations of the same source document (`None`: nothing, never paired).
    pub pair_by: Option<Key>,
    /// Which documents take part (`--where`).
    pub filters: Vec<Filter>,
    /// The lowest severity counted as a finding.
    pub min_severity: Severity,
    /// Bootstrap replicates B.
    pub replicates: usize,
    pub seed: u64,
}

impl Options {
    pub fn new(by: Key) -> Self {
        Options {
            by,
            pair_by: Some(Key::Id),
            filters: Vec::new(),
            min_severity: Severity::Warning,
            replicates: bootstrap::DEFAULT_REPLICATES,
            seed: bootstrap::DEFAULT_SEED,
        }
    }
}

/// A count with its replicate sums, for one rule or rule group of one group.
#[derive(Clone, Debug)]
struct Count {
    findings: u64,
    documents: u64,
    rep: Replicates,
}

impl Count {
    fn new(b: usize) -> Self {
        Count {
            findings: 0,
            documents: 0,
            rep: Replicates::new(b),
        }
    }

    fn add(&mut self, weights: &[u8], n: u64) {
        self.findings += n;
        self.documents += 1;
        self.rep.add(weights, n);
    }
}

/// The running aggregates of one group.
#[derive(Clone, Debug)]
struct GroupAcc {
    documents: u64,
    words: u64,
    findings: u64,
    with_findings: u64,
    penalty_tenths: u64,
    by_severity: BySeverity,
    // Pearson dispersion over documents with words: D, X, W and Σ x²/w (folded in input order).
    disp_docs: u64,
    disp_x: u64,
    disp_w: u64,
    disp_s: f64,
    rep_words: Replicates,
    rep_findings: Replicates,
    rep_penalty: Replicates,
    by_rule: BTreeMap<String, Count>,
    by_group: BTreeMap<String, Count>,
    keys: KeySketch,
    unkeyed: u64,
}

impl GroupAcc {
    fn new(b: usize) -> Self {
        GroupAcc {
            documents: 0,
            words: 0,
            findings: 0,
            with_findings: 0,
            penalty_tenths: 0,
            by_severity: BySeverity::default(),
            disp_docs: 0,
            disp_x: 0,
            disp_w: 0,
            disp_s: 0.0,
            rep_words: Replicates::new(b),
            rep_findings: Replicates::new(b),
            rep_penalty: Replicates::new(b),
            by_rule: BTreeMap::new(),
            by_group: BTreeMap::new(),
            keys: KeySketch::default(),
            unkeyed: 0,
        }
    }

    fn rate(&self) -> f64 {
        per_1k(self.findings, self.words)
    }
}

/// Folds linted documents into per-group aggregates; see the module docs.
pub struct Comparison {
    opts: Options,
    clauses: Vec<Clause>,
    weights: PoissonWeights,
    buf: Vec<u8>,
    key: Vec<u8>,
    groups: BTreeMap<String, GroupAcc>,
    seen: u64,
    excluded: u64,
    missing: u64,
}

fn per_1k(x: u64, w: u64) -> f64 {
    if w == 0 {
        0.0
    } else {
        1000.0 * x as f64 / w as f64
    }
}

/// The percentile interval of `scale·x[b]/w[b]` over the replicates with words.
fn rate_interval(x: &[u64], w: &[u64], scale: f64) -> [f64; 2] {
    let values: Vec<f64> = x
        .iter()
        .zip(w)
        .filter(|&(_, &w)| w > 0)
        .map(|(&x, &w)| scale * x as f64 / w as f64)
        .collect();
    rates::percentile_interval(values).unwrap_or([0.0, 0.0])
}

impl Comparison {
    pub fn new(opts: Options) -> Self {
        Comparison {
            clauses: clauses(&opts.filters),
            weights: PoissonWeights::new(opts.replicates.max(1), opts.seed),
            buf: Vec::new(),
            key: Vec::new(),
            groups: BTreeMap::new(),
            seen: 0,
            excluded: 0,
            missing: 0,
            opts,
        }
    }

    /// Adds one linted document. Call it in input order (as `engine::check` delivers them).
    pub fn add(&mut self, c: &Checked) {
        self.seen += 1;
        if !self.clauses.iter().all(|cl| cl.passes(c)) {
            self.excluded += 1;
            return;
        }
        let name = match self.opts.by.value(c) {
            Some(v) => v.into_owned(),
            None => {
                self.missing += 1;
                NONE_GROUP.to_string()
            }
        };
        let pair = self.opts.pair_by.as_ref().and_then(|k| k.value(c));

        // The bootstrap key: the pairing key when there is one, else the document's place.
        self.key.clear();
        match &pair {
            Some(p) => {
                self.key.push(b'k');
                self.key.extend_from_slice(p.as_bytes());
            }
            None => {
                self.key.push(b'd');
                self.key.extend_from_slice(c.doc.path.as_bytes());
                self.key.push(0);
                let record = c.doc.key.record.map_or(0, |r| u64::from(r) + 1);
                self.key.extend_from_slice(&record.to_le_bytes());
            }
        }
        self.weights.fill(&self.key, &mut self.buf);
        let w = &self.buf;

        // Per-document counts, per rule (sorted by id) and in total.
        let min = self.opts.min_severity;
        let mut rules: Vec<(&str, Severity)> = c
            .diagnostics
            .iter()
            .filter(|d| d.severity >= min)
            .map(|d| (&*d.rule, d.severity))
            .collect();
        rules.sort_unstable();
        let x = rules.len() as u64;
        let penalty: u64 = rules.iter().map(|&(_, s)| weight_tenths(s)).sum();

        let b = self.weights.replicates();
        let g = self.groups.entry(name).or_insert_with(|| GroupAcc::new(b));
        g.documents += 1;
        g.words += c.words;
        g.findings += x;
        g.penalty_tenths += penalty;
        g.with_findings += u64::from(x > 0);
        for &(_, s) in &rules {
            match s {
                Severity::Error => g.by_severity.error += 1,
                Severity::Warning => g.by_severity.warning += 1,
                Severity::Info => g.by_severity.info += 1,
            }
        }
        if c.words > 0 {
            g.disp_docs += 1;
            g.disp_x += x;
            g.disp_w += c.words;
            g.disp_s += (x * x) as f64 / c.words as f64;
        }
        g.rep_words.add(w, c.words);
        g.rep_findings.add(w, x);
        g.rep_penalty.add(w, penalty);
        let mut i = 0;
        let mut groups: BTreeMap<&str, u64> = BTreeMap::new();
        while i < rules.len() {
            let id = rules[i].0;
            let n = rules[i..].iter().take_while(|r| r.0 == id).count();
            i += n;
            let n = n as u64;
            match g.by_rule.get_mut(id) {
                Some(e) => e.add(w, n),
                None => {
                    let mut e = Count::new(b);
                    e.add(w, n);
                    g.by_rule.insert(id.to_string(), e);
                }
            }
            *groups
                .entry(id.split('/').next().unwrap_or(id))
                .or_default() += n;
        }
        for (rg, n) in groups {
            g.by_group
                .entry(rg.to_string())
                .or_insert_with(|| Count::new(b))
                .add(w, n);
        }
        match &pair {
            Some(p) => g.keys.insert(p),
            None => g.unkeyed += 1,
        }
    }

    /// The report: groups ranked by findings per 1,000 words (fewest first; ties by name), every
    /// pair of groups, and notes on how the data was read.
    pub fn finish(self) -> Report {
        let mut order: Vec<&String> = self.groups.keys().collect();
        order.sort_by(|a, b| {
            self.groups[*a]
                .rate()
                .total_cmp(&self.groups[*b].rate())
                .then(a.cmp(b))
        });
        let ranked: Vec<(&String, &GroupAcc)> =
            order.iter().map(|n| (*n, &self.groups[*n])).collect();

        let all_rules: Vec<&String> = {
            let mut v: Vec<&String> = ranked.iter().flat_map(|(_, g)| g.by_rule.keys()).collect();
            v.sort();
            v.dedup();
            v
        };
        let all_groups: Vec<&String> = {
            let mut v: Vec<&String> = ranked.iter().flat_map(|(_, g)| g.by_group.keys()).collect();
            v.sort();
            v.dedup();
            v
        };

        let groups: Vec<GroupReport> = ranked
            .iter()
            .enumerate()
            .map(|(i, (name, g))| group_report(name, g, i + 1, &all_rules, &all_groups))
            .collect();

        let mut pairs = Vec::new();
        for i in 0..ranked.len() {
            for j in i + 1..ranked.len() {
                // a: the group with the higher rate (ranked later), so that RR ≥ 1.
                pairs.push(pair_report(
                    ranked[j],
                    ranked[i],
                    self.opts.pair_by.is_some(),
                ));
            }
        }
        let p: Vec<f64> = pairs.iter().map(|x: &PairReport| x.p).collect();
        for ((pair, q), h) in pairs
            .iter_mut()
            .zip(rates::benjamini_hochberg(&p))
            .zip(rates::holm(&p))
        {
            pair.q = q;
            pair.holm = h;
            pair.significant = q < ALPHA;
            pair.significant_holm = h < ALPHA;
        }

        let by = self.opts.by.label();
        let mut notes = Vec::new();
        if self.excluded > 0 {
            notes.push(format!(
                "{} of {} documents excluded by --where",
                self.excluded, self.seen
            ));
        }
        if self.missing > 0 {
            notes.push(format!(
                "{} documents have no `{by}` and are grouped as `{NONE_GROUP}`",
                self.missing
            ));
        }
        if let Some(k) = &self.opts.pair_by {
            let unkeyed: u64 = self.groups.values().map(|g| g.unkeyed).sum();
            if unkeyed > 0 {
                notes.push(format!(
                    "{unkeyed} documents have no `{}`: they are resampled on their own and never paired",
                    k.label()
                ));
            }
        }
        if groups.iter().any(|g| g.words == 0) {
            notes.push("a group without words has a rate of 0 by convention".into());
        }

        Report {
            version: 1,
            by,
            pair_by: self.opts.pair_by.as_ref().map(Key::label),
            min_severity: self.opts.min_severity,
            replicates: self.opts.replicates.max(1),
            seed: self.opts.seed,
            severity_weights: SEVERITY_WEIGHTS,
            documents: self.seen - self.excluded,
            excluded: self.excluded,
            groups,
            pairs,
            notes,
        }
    }
}

fn rule_rate(c: Option<&Count>, g: &GroupAcc) -> RuleRate {
    match c {
        Some(c) => RuleRate {
            findings: c.findings,
            documents: c.documents,
            per_1k_words: per_1k(c.findings, g.words),
            ci95: rate_interval(c.rep.sums(), g.rep_words.sums(), 1000.0),
        },
        None => RuleRate {
            findings: 0,
            documents: 0,
            per_1k_words: 0.0,
            ci95: [0.0, 0.0],
        },
    }
}

fn group_report(
    name: &str,
    g: &GroupAcc,
    rank: usize,
    all_rules: &[&String],
    all_groups: &[&String],
) -> GroupReport {
    let words = g.rep_words.sums();
    GroupReport {
        name: name.to_string(),
        documents: g.documents,
        words: g.words,
        findings: g.findings,
        findings_per_1k_words: g.rate(),
        ci95: rate_interval(g.rep_findings.sums(), words, 1000.0),
        by_rule: all_rules
            .iter()
            .map(|r| ((*r).clone(), rule_rate(g.by_rule.get(*r), g)))
            .collect(),
        rank,
        by_group: all_groups
            .iter()
            .map(|r| ((*r).clone(), rule_rate(g.by_group.get(*r), g)))
            .collect(),
        by_severity: g.by_severity,
        documents_with_findings: g.with_findings,
        incidence: if g.documents == 0 {
            0.0
        } else {
            g.with_findings as f64 / g.documents as f64
        },
        incidence_ci95: rates::wilson(g.with_findings, g.documents),
        dispersion: rates::dispersion(g.disp_docs, g.disp_x, g.disp_w, g.disp_s),
        penalty_per_1k_words: per_1k(g.penalty_tenths, g.words) / 10.0,
        penalty_ci95: rate_interval(g.rep_penalty.sums(), words, 100.0),
    }
}

fn pair_report(a: (&String, &GroupAcc), b: (&String, &GroupAcc), keyed: bool) -> PairReport {
    let ((na, ga), (nb, gb)) = (a, b);
    let (xa, wa) = (ga.rep_findings.sums(), ga.rep_words.sums());
    let (xb, wb) = (gb.rep_findings.sums(), gb.rep_words.sums());
    let (mut lower, mut higher, mut equal) = (0usize, 0usize, 0usize);
    let mut ratios = Vec::with_capacity(xa.len());
    for i in 0..xa.len().min(xb.len()) {
        if wa[i] == 0 || wb[i] == 0 {
            continue;
        }
        // λa vs λb without rounding: xa/wa vs xb/wb ⇔ xa·wb vs xb·wa.
        let l = u128::from(xa[i]) * u128::from(wb[i]);
        let r = u128::from(xb[i]) * u128::from(wa[i]);
        match l.cmp(&r) {
            std::cmp::Ordering::Less => lower += 1,
            std::cmp::Ordering::Greater => higher += 1,
            std::cmp::Ordering::Equal => equal += 1,
        }
        ratios.push(ratio(xa[i], wa[i], xb[i], wb[i]));
    }
    let ci95 = rates::percentile_interval(ratios).unwrap_or([f64::NAN, f64::NAN]);
    let overlap = keyed.then(|| ga.keys.overlap(&gb.keys));
    let paired = overlap.is_some_and(|o| o.jaccard >= PAIRED_MIN_OVERLAP);
    let (test, z, p) = if paired {
        (
            Test::PairedBootstrap,
            None,
            rates::bootstrap_p(lower, higher, equal),
        )
    } else {
        let phi = |g: &GroupAcc| {
            rates::dispersion(g.disp_docs, g.disp_x, g.disp_w, g.disp_s).unwrap_or(1.0)
        };
        match rates::wald_log_rr(
            (ga.findings, ga.words, phi(ga)),
            (gb.findings, gb.words, phi(gb)),
        ) {
            Some(w) => (Test::OverdispersedWald, Some(w.z), w.p),
            None => (Test::OverdispersedWald, None, 1.0),
        }
    };
    PairReport {
        a: na.clone(),
        b: nb.clone(),
        rate_ratio: ratio(ga.findings, ga.words, gb.findings, gb.words),
        ci95,
        test,
        overlap: overlap.map(|o| o.jaccard),
        shared_documents: overlap.map(|o| o.shared),
        z,
        p,
        q: 1.0,
        holm: 1.0,
        significant: false,
        significant_holm: false,
    }
}

/// `(xa/wa)/(xb/wb)`: infinite when only b has no finding, 1 when neither has one (no
/// difference), NaN when a group has no words.
fn ratio(xa: u64, wa: u64, xb: u64, wb: u64) -> f64 {
    if wa == 0 || wb == 0 {
        f64::NAN
    } else if xa == 0 && xb == 0 {
        1.0
    } else if xb == 0 {
        f64::INFINITY
    } else {
        (xa as f64 / wa as f64) / (xb as f64 / wb as f64)
    }
}

/// Runs the check pipeline over the sources and compares the groups. Input problems go to
/// `on_problem`; they do not stop the run.
pub fn run(
    sources: &[Source],
    registry: &Registry,
    reference: Option<&Index>,
    engine_opts: &engine::Options,
    opts: Options,
    progress: Option<Progress<'_>>,
    on_problem: &mut dyn FnMut(Problem),
) -> Result<Report, Error> {
    let mut cmp = Comparison::new(opts);
    engine::check(
        sources,
        registry,
        reference,
        engine_opts,
        progress,
        &mut |out| {
            match out {
                Output::Problem(p) => on_problem(p),
                Output::Checked(c) => cmp.add(&c),
            }
            Ok(())
        },
    )?;
    Ok(cmp.finish())
}

#[cfg(test)]
mod tests;
