//! What a dashboard shows, as one serialisable value: the page embeds it as JSON (so the data is
//! machine-readable) and draws its charts from it. Floating-point numbers are rounded to 4 decimals,
//! so the output is byte-for-byte reproducible.

use serde::Serialize;
use serde::ser::Serializer;

use crate::compare::{BySeverity, Report};
use crate::diagnostic::Severity;

/// The whole dashboard.
#[derive(Clone, Debug, Serialize)]
pub struct Data {
    pub version: u32,
    pub title: String,
    /// When the page was made (only with `--timestamp`).
    pub generated: Option<String>,
    /// The paths given on the command line.
    pub inputs: Vec<String>,
    pub settings: Settings,
    pub overview: Overview,
    pub languages: Vec<LangRow>,
    /// Every rule that fired, most findings first (ties by id).
    pub rules: Vec<RuleRow>,
    /// Rule groups (`glue`, `typography`, …), most findings first.
    pub rule_groups: Vec<Row>,
    /// Words per document.
    pub document_words: Histogram,
    /// Findings per 1,000 words per document (documents with words).
    pub document_rates: Histogram,
    /// The documents with the most findings per 1,000 words.
    pub worst_documents: Vec<WorstDocument>,
    /// Sampled findings with their context, per rule (in the order of `rules`).
    pub examples: Vec<RuleExamples>,
    /// Readability, sentence lengths and n-grams.
    pub text: TextStats,
    /// The group comparison (`--by FIELD`).
    pub comparison: Option<Report>,
    pub notes: Vec<String>,
}

/// How the dashboard was made.
#[derive(Clone, Debug, Serialize)]
pub struct Settings {
    /// The lowest severity counted as a finding.
    pub min_severity: Severity,
    /// The grouping field (`--by`), if any.
    pub by: Option<String>,
    /// `--where` conditions.
    pub filters: Vec<String>,
    pub rules_run: usize,
    pub examples_per_rule: usize,
    pub worst_documents: usize,
    /// Documents with fewer words are not ranked among the worst.
    pub min_words: u64,
    pub sample_seed: u64,
}

/// Corpus totals.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Overview {
    /// Documents in the dashboard (after `--where`).
    pub documents: u64,
    /// Documents left out by `--where`.
    pub excluded: u64,
    pub words: u64,
    pub bytes: u64,
    /// Findings at or above the minimum severity.
    pub findings: u64,
    pub by_severity: BySeverity,
    #[serde(serialize_with = "fixed")]
    pub findings_per_1k_words: f64,
    pub documents_with_findings: u64,
    pub rules_fired: usize,
    /// Errors reported while reading or checking (unreadable files, malformed records, crashed
    /// rules).
    pub input_errors: u64,
    /// Rules that crashed on a document (internal errors).
    pub rule_failures: u64,
}

/// One language.
#[derive(Clone, Debug, Serialize)]
pub struct LangRow {
    pub lang: String,
    pub documents: u64,
    pub words: u64,
    pub findings: u64,
    #[serde(serialize_with = "fixed")]
    pub findings_per_1k_words: f64,
}

/// Counts of one rule group (or any named row).
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub name: String,
    pub findings: u64,
    /// Documents with at least one such finding.
    pub documents: u64,
    #[serde(serialize_with = "fixed")]
    pub per_1k_words: f64,
}

/// Counts of one rule.
#[derive(Clone, Debug, Serialize)]
pub struct RuleRow {
    pub id: String,
    pub group: String,
    /// What the rule flags (from its documentation).
    pub summary: String,
    pub findings: u64,
    pub documents: u64,
    #[serde(serialize_with = "fixed")]
    pub per_1k_words: f64,
    pub by_severity: BySeverity,
}

/// A histogram over fixed bins.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Histogram {
    /// What is counted (`documents`, `sentences`).
    pub unit: String,
    pub bins: Vec<Bin>,
    /// Values counted.
    pub count: u64,
    #[serde(serialize_with = "fixed_opt")]
    pub mean: Option<f64>,
    #[serde(serialize_with = "fixed_opt")]
    pub p50: Option<f64>,
    #[serde(serialize_with = "fixed_opt")]
    pub p90: Option<f64>,
}

/// One bin: values in `[lo, hi)` (`hi` null: no upper bound).
#[derive(Clone, Debug, Serialize)]
pub struct Bin {
    pub label: String,
    #[serde(serialize_with = "fixed")]
    pub lo: f64,
    #[serde(serialize_with = "fixed_opt")]
    pub hi: Option<f64>,
    pub count: u64,
}

/// A document among the worst.
#[derive(Clone, Debug, Serialize)]
pub struct WorstDocument {
    pub path: String,
    /// 1-based line of a JSONL record.
    pub record: Option<u32>,
    pub id: Option<String>,
    pub group: Option<String>,
    pub lang: String,
    pub words: u64,
    pub findings: u64,
    #[serde(serialize_with = "fixed")]
    pub per_1k_words: f64,
    /// Its most frequent rules (at most 3), most findings first.
    pub top_rules: Vec<(String, u64)>,
}

/// The sampled examples of one rule.
#[derive(Clone, Debug, Serialize)]
pub struct RuleExamples {
    pub rule: String,
    /// All findings of the rule (the examples are a sample of them).
    pub findings: u64,
    pub examples: Vec<Example>,
}

/// One finding with its context.
#[derive(Clone, Debug, Serialize)]
pub struct Example {
    pub path: String,
    pub record: Option<u32>,
    pub id: Option<String>,
    pub group: Option<String>,
    pub lang: String,
    pub severity: Severity,
    pub message: String,
    pub suggestion: Option<String>,
    pub line: u32,
    pub column: u32,
    /// The line before the flagged text (cut, with `…`).
    pub before: String,
    pub flagged: String,
    pub after: String,
}

/// Statistics of the text itself.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TextStats {
    /// Where they come from (`none` when they were not computed).
    pub source: String,
    /// Words per sentence.
    pub sentence_length: Option<Histogram>,
    /// Readability per language.
    pub readability: Vec<Readability>,
    pub ngrams: Option<Ngrams>,
    /// Vocabulary of the whole dashboard.
    pub vocabulary: Option<Vocabulary>,
    /// Documents each web-corpus quality filter would drop (Gopher, FineWeb, C4).
    pub quality_filters: Vec<QualityFilter>,
    /// The same per group (`--by`), in the comparison's order.
    pub groups: Vec<GroupText>,
}

/// Vocabulary size and richness.
#[derive(Clone, Debug, Serialize)]
pub struct Vocabulary {
    /// Word tokens.
    pub tokens: u64,
    /// Distinct lowercased words.
    pub types: u64,
    #[serde(serialize_with = "fixed")]
    pub type_token_ratio: f64,
    /// Share of the types seen once.
    #[serde(serialize_with = "fixed")]
    pub hapax_ratio: f64,
}

/// A quality filter and the documents it drops.
#[derive(Clone, Debug, Serialize)]
pub struct QualityFilter {
    pub name: String,
    pub dropped: u64,
    #[serde(serialize_with = "fixed")]
    pub share: f64,
}

/// Text statistics of one group.
#[derive(Clone, Debug, Serialize)]
pub struct GroupText {
    pub name: String,
    pub documents: u64,
    /// textstat-compatible words and sentences.
    pub words: u64,
    pub sentences: u64,
    #[serde(serialize_with = "fixed_opt")]
    pub words_per_sentence: Option<f64>,
    /// Mean readability per language.
    pub readability: Vec<GroupReadability>,
    #[serde(serialize_with = "fixed_opt")]
    pub type_token_ratio: Option<f64>,
}

/// The mean readability of one group's documents in one language.
#[derive(Clone, Debug, Serialize)]
pub struct GroupReadability {
    pub lang: String,
    pub documents: u64,
    #[serde(serialize_with = "fixed_opt")]
    pub mean: Option<f64>,
}

/// The distribution of a readability score over the documents of one language.
#[derive(Clone, Debug, Serialize)]
pub struct Readability {
    pub lang: String,
    /// The score (`flesch_reading_ease`) and its adaptation to the language.
    pub score: String,
    pub formula: String,
    pub histogram: Histogram,
}

/// The most frequent n-grams.
#[derive(Clone, Debug, Serialize)]
pub struct Ngrams {
    pub n: usize,
    pub lowercase: bool,
    /// Whether the counts are exact (else lower bounds).
    pub exact: bool,
    pub total: u64,
    pub top: Vec<NgramRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct NgramRow {
    pub ngram: String,
    pub count: u64,
}

/// `x` rounded to 4 decimals (no negative zero).
pub fn round4(x: f64) -> f64 {
    let r = (x * 1e4).round() / 1e4;
    if r == 0.0 { 0.0 } else { r }
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
