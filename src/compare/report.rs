//! The result of a comparison, as serialised by `--format json`. Floating-point numbers are
//! written with fixed precision: rates, intervals and ratios rounded to 4 decimals, p-values to 4
//! significant digits; infinite or undefined values are `null`.

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};

use crate::diagnostic::Severity;

/// The whole comparison. `groups` and `pairs` follow the CLI contract (`design.md` §14).
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub version: u32,
    /// What defines the groups (`vendor`, `dir`, …).
    pub by: String,
    /// What links translations of the same document (`id`, `doc_id`, …), if anything.
    pub pair_by: Option<String>,
    /// The lowest severity counted as a finding.
    pub min_severity: Severity,
    /// Bootstrap replicates.
    pub replicates: usize,
    pub seed: u64,
    /// Weights of the penalty.
    pub severity_weights: Weights,
    /// Documents compared (after `--where`).
    pub documents: u64,
    /// Documents left out by `--where`.
    pub excluded: u64,
    /// Ranked by findings per 1,000 words, fewest first.
    pub groups: Vec<GroupReport>,
    /// Every pair of groups; `a` is the one with the higher rate.
    pub pairs: Vec<PairReport>,
    pub notes: Vec<String>,
}

/// Severity weights of the MQM-like penalty.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Weights {
    pub error: f64,
    pub warning: f64,
    pub info: f64,
}

/// Counted findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BySeverity {
    pub error: u64,
    pub warning: u64,
    pub info: u64,
}

/// One group.
#[derive(Clone, Debug, Serialize)]
pub struct GroupReport {
    pub name: String,
    pub documents: u64,
    pub words: u64,
    pub findings: u64,
    #[serde(serialize_with = "fixed")]
    pub findings_per_1k_words: f64,
    /// 95% Poisson-bootstrap percentile interval of the rate.
    #[serde(serialize_with = "fixed_pair")]
    pub ci95: [f64; 2],
    /// Every rule that fired in any group (zero where it did not fire in this one).
    pub by_rule: BTreeMap<String, RuleRate>,
    /// 1 = fewest findings per 1,000 words.
    pub rank: usize,
    /// The same per rule group (`glue`, `typography`, …).
    pub by_group: BTreeMap<String, RuleRate>,
    pub by_severity: BySeverity,
    pub documents_with_findings: u64,
    /// Share of documents with at least one finding.
    #[serde(serialize_with = "fixed")]
    pub incidence: f64,
    /// 95% Wilson interval of the incidence.
    #[serde(serialize_with = "fixed_pair")]
    pub incidence_ci95: [f64; 2],
    /// Pearson overdispersion φ̂ of per-document counts (null when undefined).
    #[serde(serialize_with = "fixed_opt")]
    pub dispersion: Option<f64>,
    /// MQM-like penalty per 1,000 words.
    #[serde(serialize_with = "fixed")]
    pub penalty_per_1k_words: f64,
    #[serde(serialize_with = "fixed_pair")]
    pub penalty_ci95: [f64; 2],
}

/// One rule (or rule group) in one group.
#[derive(Clone, Debug, Serialize)]
pub struct RuleRate {
    pub findings: u64,
    /// Documents with at least one such finding.
    pub documents: u64,
    #[serde(serialize_with = "fixed")]
    pub per_1k_words: f64,
    #[serde(serialize_with = "fixed_pair")]
    pub ci95: [f64; 2],
}

/// The test behind a pair's p-value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Test {
    /// Paired Poisson bootstrap over shared source documents.
    PairedBootstrap,
    /// Wald test on log RR with overdispersion-adjusted standard error.
    OverdispersedWald,
}

impl Test {
    pub fn as_str(self) -> &'static str {
        match self {
            Test::PairedBootstrap => "paired-bootstrap",
            Test::OverdispersedWald => "overdispersed-wald",
        }
    }
}

/// One pair of groups.
#[derive(Clone, Debug, Serialize)]
pub struct PairReport {
    /// The group with the higher rate.
    pub a: String,
    pub b: String,
    /// `rate(a) / rate(b)`: 1 when neither group has a finding, null when b has none (infinite).
    #[serde(serialize_with = "fixed")]
    pub rate_ratio: f64,
    /// 95% percentile interval of the per-replicate ratio (an infinite upper bound is null).
    #[serde(serialize_with = "fixed_pair")]
    pub ci95: [f64; 2],
    pub test: Test,
    /// Jaccard overlap of the two groups' pairing keys (null without pairing).
    #[serde(serialize_with = "fixed_opt")]
    pub overlap: Option<f64>,
    /// Documents keyed alike in both groups (estimated past 4,096 keys).
    pub shared_documents: Option<u64>,
    /// The Wald statistic (Wald test only).
    #[serde(serialize_with = "fixed_opt")]
    pub z: Option<f64>,
    #[serde(serialize_with = "significant")]
    pub p: f64,
    /// Benjamini–Hochberg q-value across all pairs.
    #[serde(serialize_with = "significant")]
    pub q: f64,
    /// Holm-adjusted p-value across all pairs.
    #[serde(serialize_with = "significant")]
    pub holm: f64,
    /// q < 0.05.
    pub significant: bool,
    /// Holm-adjusted p < 0.05.
    pub significant_holm: bool,
}

/// `x` rounded to 4 decimals (no negative zero).
pub fn round4(x: f64) -> f64 {
    let r = (x * 1e4).round() / 1e4;
    if r == 0.0 { 0.0 } else { r }
}

/// `x` rounded to 4 significant digits.
pub fn round_sig4(x: f64) -> f64 {
    format!("{x:.3e}").parse().unwrap_or(x)
}

fn fixed<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    if x.is_finite() {
        s.serialize_f64(round4(*x))
    } else {
        s.serialize_none()
    }
}

fn fixed_opt<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => fixed(x, s),
        None => s.serialize_none(),
    }
}

fn fixed_pair<S: Serializer>(x: &[f64; 2], s: S) -> Result<S::Ok, S::Error> {
    struct F(f64);
    impl Serialize for F {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            fixed(&self.0, s)
        }
    }
    let mut seq = s.serialize_seq(Some(2))?;
    seq.serialize_element(&F(x[0]))?;
    seq.serialize_element(&F(x[1]))?;
    seq.end()
}

fn significant<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    if x.is_finite() {
        s.serialize_f64(round_sig4(*x))
    } else {
        s.serialize_none()
    }
}
