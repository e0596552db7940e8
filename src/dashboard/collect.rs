//! The streaming aggregates of a dashboard. [`Collector::add`] folds one linted document at a time,
//! in input order; memory is O(rules × groups + samples): per-rule and per-language counters, two
//! fixed histograms, the `worst` documents and at most `examples` sampled findings per rule, plus
//! the comparison's O(B) replicate sums per group when grouping.

use std::collections::{BTreeMap, BTreeSet};

use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::Options;
use super::context::excerpt;
use super::data::{
    Bin, Data, Example, Histogram, LangRow, Overview, Row, RuleExamples, RuleRow, Settings,
    TextStats, WorstDocument,
};
use super::filter::Filters;
use crate::compare::{BySeverity, Comparison, Key, NONE_GROUP, Report};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::DocKey;
use crate::engine::Checked;
use crate::input::Problem;
use crate::rules::Registry;

/// Upper bounds of the words-per-document bins (a 1-2-5 series); the last bin is open.
pub const WORD_BINS: [u64; 10] = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];
/// Upper bounds of the findings-per-1,000-words bins, after a first bin for exactly 0.
pub const RATE_BINS: [u64; 7] = [1, 2, 5, 10, 20, 50, 100];

fn per_1k(x: u64, w: u64) -> f64 {
    if w == 0 {
        0.0
    } else {
        1000.0 * x as f64 / w as f64
    }
}

fn add_severity(b: &mut BySeverity, s: Severity) {
    match s {
        Severity::Error => b.error += 1,
        Severity::Warning => b.warning += 1,
        Severity::Info => b.info += 1,
    }
}

#[derive(Default)]
struct Counter {
    findings: u64,
    documents: u64,
}

#[derive(Default)]
struct RuleAcc {
    findings: u64,
    documents: u64,
    by_severity: BySeverity,
    /// Sorted by (hash, document), at most `examples` long.
    samples: Vec<(u64, DocKey, Example)>,
}

#[derive(Default)]
struct LangAcc {
    documents: u64,
    words: u64,
    findings: u64,
}

/// A candidate among the worst documents.
struct Worst {
    key: DocKey,
    findings: u64,
    words: u64,
    doc: WorstDocument,
}

/// Whether document (x₁ findings, w₁ words, key k₁) ranks before (x₂, w₂, k₂): a higher rate, then
/// more findings, then earlier in the input. Rates are compared exactly (x₁·w₂ vs x₂·w₁).
fn worse(a: (u64, u64, DocKey), b: (u64, u64, DocKey)) -> bool {
    let l = u128::from(a.0) * u128::from(b.1);
    let r = u128::from(b.0) * u128::from(a.1);
    l.cmp(&r).then(a.0.cmp(&b.0)).then(b.2.cmp(&a.2)).is_gt()
}

/// Folds linted documents into the dashboard's aggregates.
pub struct Collector {
    opts: Options,
    filters: Filters,
    comparison: Option<Comparison>,
    by: Option<Key>,
    summaries: BTreeMap<String, String>,
    rules_run: usize,
    seen: u64,
    overview: Overview,
    rules: BTreeMap<String, RuleAcc>,
    rule_groups: BTreeMap<String, Counter>,
    languages: BTreeMap<String, LangAcc>,
    word_bins: [u64; WORD_BINS.len() + 1],
    rate_bins: [u64; RATE_BINS.len() + 2],
    rate_docs: u64,
    rate_sum: f64,
    worst: Vec<Worst>,
    hash_buf: Vec<u8>,
}

impl Collector {
    pub fn new(opts: Options, registry: &Registry) -> Collector {
        let by = opts.compare.as_ref().map(|c| c.by.clone());
        let comparison = opts.compare.clone().map(|mut c| {
            c.filters = opts.filters.clone();
            c.min_severity = opts.min_severity;
            Comparison::new(c)
        });
        Collector {
            filters: Filters::new(&opts.filters),
            comparison,
            by,
            summaries: registry
                .metas()
                .map(|m| (m.id.to_string(), m.summary.clone()))
                .collect(),
            rules_run: registry.len(),
            seen: 0,
            overview: Overview::default(),
            rules: BTreeMap::new(),
            rule_groups: BTreeMap::new(),
            languages: BTreeMap::new(),
            word_bins: [0; WORD_BINS.len() + 1],
            rate_bins: [0; RATE_BINS.len() + 2],
            rate_docs: 0,
            rate_sum: 0.0,
            worst: Vec::new(),
            hash_buf: Vec::new(),
            opts,
        }
    }

    /// Whether the document passes `--where`.
    pub fn selects(&self, c: &Checked) -> bool {
        self.filters.passes_checked(c)
    }

    /// Counts an input problem.
    pub fn problem(&mut self, p: &Problem) {
        self.overview.input_errors += u64::from(p.is_error);
    }

    /// Adds one linted document. Call it in input order (as `engine::check` delivers them).
    pub fn add(&mut self, c: &Checked) {
        self.seen += 1;
        if !self.selects(c) {
            self.overview.excluded += 1;
            return;
        }
        if let Some(cmp) = self.comparison.as_mut() {
            cmp.add(c);
        }
        let group = self.by.as_ref().map(|k| {
            k.value(c)
                .map_or_else(|| NONE_GROUP.to_string(), |v| v.into_owned())
        });

        let min = self.opts.min_severity;
        let counted: Vec<&Diagnostic> =
            c.diagnostics.iter().filter(|d| d.severity >= min).collect();
        let x = counted.len() as u64;
        let o = &mut self.overview;
        o.documents += 1;
        o.words += c.words;
        o.bytes += c.doc.text.len() as u64;
        o.findings += x;
        o.documents_with_findings += u64::from(x > 0);
        o.rule_failures += c.failures.len() as u64;
        for d in &counted {
            add_severity(&mut o.by_severity, d.severity);
        }
        let lang = c.lang.as_str().to_string();
        let l = self.languages.entry(lang.clone()).or_default();
        l.documents += 1;
        l.words += c.words;
        l.findings += x;

        // Histograms.
        let wb = WORD_BINS
            .iter()
            .position(|&hi| c.words < hi)
            .unwrap_or(WORD_BINS.len());
        self.word_bins[wb] += 1;
        if c.words > 0 {
            let rb = if x == 0 {
                0
            } else {
                1 + RATE_BINS
                    .iter()
                    .position(|&hi| u128::from(x) * 1000 < u128::from(hi) * u128::from(c.words))
                    .unwrap_or(RATE_BINS.len())
            };
            self.rate_bins[rb] += 1;
            self.rate_docs += 1;
            self.rate_sum += per_1k(x, c.words);
        }

        // Per rule, in id order: counts, rule groups, samples.
        let mut order: Vec<(usize, &str)> = counted
            .iter()
            .enumerate()
            .map(|(i, d)| (i, &*d.rule))
            .collect();
        order.sort_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(&b.0)));
        let mut top: Vec<(String, u64)> = Vec::new();
        let mut i = 0;
        let mut last_group: Option<&str> = None;
        while i < order.len() {
            let id = order[i].1;
            let n = order[i..].iter().take_while(|r| r.1 == id).count();
            let first = counted[order[i].0];
            let acc = match self.rules.get_mut(id) {
                Some(a) => a,
                None => self.rules.entry(id.to_string()).or_default(),
            };
            acc.findings += n as u64;
            acc.documents += 1;
            for &(j, _) in &order[i..i + n] {
                add_severity(&mut acc.by_severity, counted[j].severity);
            }
            let rg = id.split('/').next().unwrap_or(id);
            let g = self.rule_groups.entry(rg.to_string()).or_default();
            g.findings += n as u64;
            if last_group != Some(rg) {
                g.documents += 1;
                last_group = Some(rg);
            }
            top.push((id.to_string(), n as u64));
            if self.opts.examples_per_rule > 0 {
                sample(
                    acc,
                    self.opts.examples_per_rule,
                    self.opts.seed,
                    &mut self.hash_buf,
                    c,
                    first,
                    group.as_deref(),
                    &lang,
                );
            }
            i += n;
        }

        // The worst documents.
        let n = self.opts.worst_documents;
        if n > 0 && x > 0 && c.words >= self.opts.min_words.max(1) {
            let me = (x, c.words, c.doc.key);
            let qualifies = self.worst.len() < n
                || self
                    .worst
                    .last()
                    .is_some_and(|w| worse(me, (w.findings, w.words, w.key)));
            if qualifies {
                top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                top.truncate(3);
                let doc = WorstDocument {
                    path: c.doc.path.to_string(),
                    record: c.doc.key.record,
                    id: c.doc.id.clone(),
                    group: group.clone(),
                    lang,
                    words: c.words,
                    findings: x,
                    per_1k_words: per_1k(x, c.words),
                    top_rules: top,
                };
                let at = self
                    .worst
                    .partition_point(|w| worse((w.findings, w.words, w.key), me));
                self.worst.insert(
                    at,
                    Worst {
                        key: c.doc.key,
                        findings: x,
                        words: c.words,
                        doc,
                    },
                );
                self.worst.truncate(n);
            }
        }
    }

    /// The dashboard, with the text statistics computed elsewhere.
    pub fn finish(self, text: TextStats) -> Data {
        let words = self.overview.words;
        let mut overview = self.overview;
        overview.findings_per_1k_words = per_1k(overview.findings, words);
        overview.rules_fired = self.rules.len();

        let mut rules: Vec<(String, RuleAcc)> = self.rules.into_iter().collect();
        rules.sort_by(|a, b| b.1.findings.cmp(&a.1.findings).then(a.0.cmp(&b.0)));
        let mut rule_rows = Vec::with_capacity(rules.len());
        let mut examples = Vec::with_capacity(rules.len());
        for (id, acc) in rules {
            rule_rows.push(RuleRow {
                group: id.split('/').next().unwrap_or(&id).to_string(),
                summary: self.summaries.get(&id).cloned().unwrap_or_default(),
                findings: acc.findings,
                documents: acc.documents,
                per_1k_words: per_1k(acc.findings, words),
                by_severity: acc.by_severity,
                id: id.clone(),
            });
            if !acc.samples.is_empty() {
                examples.push(RuleExamples {
                    rule: id,
                    findings: acc.findings,
                    examples: acc.samples.into_iter().map(|(_, _, e)| e).collect(),
                });
            }
        }
        let mut rule_groups: Vec<Row> = self
            .rule_groups
            .into_iter()
            .map(|(name, c)| Row {
                name,
                findings: c.findings,
                documents: c.documents,
                per_1k_words: per_1k(c.findings, words),
            })
            .collect();
        rule_groups.sort_by(|a, b| b.findings.cmp(&a.findings).then(a.name.cmp(&b.name)));

        let mut languages: Vec<LangRow> = self
            .languages
            .into_iter()
            .map(|(lang, l)| LangRow {
                lang,
                documents: l.documents,
                words: l.words,
                findings: l.findings,
                findings_per_1k_words: per_1k(l.findings, l.words),
            })
            .collect();
        languages.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.lang.cmp(&b.lang)));

        let document_words = Histogram {
            unit: "documents".into(),
            bins: (0..=WORD_BINS.len())
                .map(|i| {
                    let lo = if i == 0 { 0 } else { WORD_BINS[i - 1] };
                    let hi = WORD_BINS.get(i).copied();
                    Bin {
                        label: match hi {
                            Some(hi) => format!("{}–{}", lo, hi - 1),
                            None => format!("≥ {lo}"),
                        },
                        lo: lo as f64,
                        hi: hi.map(|h| h as f64),
                        count: self.word_bins[i],
                    }
                })
                .collect(),
            count: overview.documents,
            mean: (overview.documents > 0).then(|| words as f64 / overview.documents as f64),
            p50: None,
            p90: None,
        };
        let document_rates = Histogram {
            unit: "documents".into(),
            bins: (0..RATE_BINS.len() + 2)
                .map(|i| {
                    let (label, lo, hi) = match i {
                        0 => ("0".to_string(), 0.0, Some(0.0)),
                        1 => (
                            format!("< {}", RATE_BINS[0]),
                            0.0,
                            Some(RATE_BINS[0] as f64),
                        ),
                        _ => {
                            let lo = RATE_BINS[i - 2];
                            match RATE_BINS.get(i - 1) {
                                Some(&hi) => (format!("{lo}–{hi}"), lo as f64, Some(hi as f64)),
                                None => (format!("≥ {lo}"), lo as f64, None),
                            }
                        }
                    };
                    Bin {
                        label,
                        lo,
                        hi,
                        count: self.rate_bins[i],
                    }
                })
                .collect(),
            count: self.rate_docs,
            mean: (self.rate_docs > 0).then(|| self.rate_sum / self.rate_docs as f64),
            p50: None,
            p90: None,
        };

        let mut notes = Vec::new();
        let mut text = text;
        let comparison = self.comparison.map(|c| {
            let mut report = c.finish();
            if let Some(note) = cap_groups(&mut report, &mut text, MAX_GROUPS) {
                notes.push(note);
            }
            report
        });
        if overview.excluded > 0 {
            notes.push(format!(
                "{} of {} documents excluded by --where",
                overview.excluded, self.seen
            ));
        }
        if overview.input_errors > 0 {
            notes.push(format!(
                "{} errors while reading or checking the inputs (reported on standard error): some documents or findings may be missing",
                overview.input_errors
            ));
        }
        if overview.rule_failures > 0 {
            notes.push(format!(
                "{} rule failures: some rules crashed on some documents and their findings there are missing",
                overview.rule_failures
            ));
        }
        let opts = self.opts;
        Data {
            version: 1,
            title: opts.title,
            generated: opts.timestamp,
            inputs: opts.inputs,
            settings: Settings {
                min_severity: opts.min_severity,
                by: opts.compare.as_ref().map(|c| c.by.label()),
                filters: opts
                    .filters
                    .iter()
                    .map(|f| {
                        format!(
                            "{}{}={}",
                            f.key.label(),
                            if f.negate { "!" } else { "" },
                            f.value
                        )
                    })
                    .collect(),
                rules_run: self.rules_run,
                examples_per_rule: opts.examples_per_rule,
                worst_documents: opts.worst_documents,
                min_words: opts.min_words,
                sample_seed: opts.seed,
            },
            overview,
            languages,
            rules: rule_rows,
            rule_groups,
            document_words,
            document_rates,
            worst_documents: self.worst.into_iter().map(|w| w.doc).collect(),
            examples,
            text,
            comparison,
            notes,
        }
    }
}

/// The most groups a page compares: beyond, only the largest are kept (a page with every pair of
/// hundreds of groups would be neither small nor readable; `coquille compare` lists them all).
pub const MAX_GROUPS: usize = 20;

/// Keeps the `max` groups with the most documents (ties by rank), the pairs among them and their
/// text statistics; returns a note when some were left out.
fn cap_groups(report: &mut Report, text: &mut TextStats, max: usize) -> Option<String> {
    let n = report.groups.len();
    if n <= max {
        return None;
    }
    let mut by_size: Vec<(u64, usize, String)> = report
        .groups
        .iter()
        .map(|g| (g.documents, g.rank, g.name.clone()))
        .collect();
    by_size.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let keep: BTreeSet<String> = by_size.into_iter().take(max).map(|g| g.2).collect();
    report.groups.retain(|g| keep.contains(&g.name));
    report
        .pairs
        .retain(|p| keep.contains(&p.a) && keep.contains(&p.b));
    text.groups.retain(|g| keep.contains(&g.name));
    Some(format!(
        "{n} groups: the comparison shows the {max} with the most documents (coquille compare lists them all)"
    ))
}

/// Offers the first finding `d` of a rule in document `c` as an example: each rule keeps the `k`
/// documents with the smallest hash of (seed, rule, path, record), so the sample is spread over
/// the corpus, is the same for any number of threads, and its excerpt is cut only when kept.
#[allow(clippy::too_many_arguments)]
fn sample(
    acc: &mut RuleAcc,
    k: usize,
    seed: u64,
    buf: &mut Vec<u8>,
    c: &Checked,
    d: &Diagnostic,
    group: Option<&str>,
    lang: &str,
) {
    buf.clear();
    buf.extend_from_slice(d.rule.as_bytes());
    buf.push(0);
    buf.extend_from_slice(c.doc.path.as_bytes());
    buf.push(0);
    buf.extend_from_slice(
        &c.doc
            .key
            .record
            .map_or(0, |r| u64::from(r) + 1)
            .to_le_bytes(),
    );
    let hash = xxh3_64_with_seed(buf, seed);
    let me = (hash, c.doc.key);
    if acc.samples.len() >= k && acc.samples.last().is_some_and(|s| (s.0, s.1) <= me) {
        return;
    }
    let e = excerpt(&c.doc.text, d.span);
    let example = Example {
        path: c.doc.path.to_string(),
        record: c.doc.key.record,
        id: c.doc.id.clone(),
        group: group.map(str::to_string),
        lang: lang.to_string(),
        severity: d.severity,
        message: d.message.clone(),
        suggestion: d.suggestion.clone(),
        line: e.line,
        column: e.column,
        before: e.before,
        flagged: e.flagged,
        after: e.after,
    };
    let at = acc.samples.partition_point(|s| (s.0, s.1) < me);
    acc.samples.insert(at, (hash, c.doc.key, example));
    acc.samples.truncate(k);
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::compare::{Filter, Key};
    use crate::document::Document;
    use crate::lang::Lang;
    use crate::span::Span;

    fn registry() -> Registry {
        Registry::builtin().unwrap()
    }

    fn diag(rule: &str, severity: Severity, start: u32, end: u32) -> Diagnostic {
        Diagnostic {
            rule: Arc::from(rule),
            kind: None,
            severity,
            message: format!("{rule} here"),
            span: Span { start, end },
            suggestion: None,
        }
    }

    /// A JSONL-like document (record `n` of `x.jsonl`) with `words` words and findings.
    fn doc(n: u32, vendor: &str, lang: Lang, words: u64, diagnostics: Vec<Diagnostic>) -> Checked {
        let mut d = Document::plain(
            "x.jsonl",
            "Il est parti à Russieselon l’agence.\nFin du texte.",
        );
        d.key.record = Some(n);
        d.id = Some(format!("doc-{n}"));
        d.meta
            .insert("vendor".into(), serde_json::Value::String(vendor.into()));
        Checked {
            doc: d,
            lang,
            words,
            diagnostics,
            failures: Vec::new(),
        }
    }

    fn corpus() -> Vec<Checked> {
        let w = Severity::Warning;
        let e = Severity::Error;
        vec![
            doc(
                1,
                "a",
                Lang::FR,
                100,
                vec![diag("glue/glued-words", e, 16, 27)],
            ),
            doc(
                2,
                "a",
                Lang::FR,
                200,
                vec![
                    diag("glue/glued-words", e, 16, 27),
                    diag("glue/missing-space-after-punct", w, 0, 2),
                    diag("typography/x", Severity::Info, 3, 5),
                ],
            ),
            doc(3, "b", Lang::EN, 1000, vec![]),
            doc(
                4,
                "b",
                Lang::FR,
                60,
                vec![
                    diag("casing/y", w, 0, 2),
                    diag("casing/y", w, 3, 6),
                    diag("casing/y", w, 7, 9),
                ],
            ),
            doc(5, "b", Lang::FR, 10, vec![diag("casing/y", w, 0, 2)]),
        ]
    }

    fn collect(opts: Options, docs: &[Checked]) -> Data {
        let mut c = Collector::new(opts, &registry());
        for d in docs {
            c.add(d);
        }
        c.finish(TextStats::default())
    }

    #[test]
    fn totals_rates_and_groups() {
        let data = collect(Options::default(), &corpus());
        let o = &data.overview;
        assert_eq!(o.documents, 5);
        assert_eq!(o.words, 1370);
        // The info finding is below the default minimum severity.
        assert_eq!(o.findings, 7);
        assert_eq!(o.by_severity.error, 2);
        assert_eq!(o.by_severity.warning, 5);
        assert_eq!(o.by_severity.info, 0);
        assert_eq!(o.documents_with_findings, 4);
        assert!((o.findings_per_1k_words - 7000.0 / 1370.0).abs() < 1e-9);
        assert_eq!(o.rules_fired, 3);

        let ids: Vec<(&str, u64, u64)> = data
            .rules
            .iter()
            .map(|r| (r.id.as_str(), r.findings, r.documents))
            .collect();
        assert_eq!(
            ids,
            vec![
                ("casing/y", 4, 2),
                ("glue/glued-words", 2, 2),
                ("glue/missing-space-after-punct", 1, 1)
            ]
        );
        let groups: Vec<(&str, u64, u64)> = data
            .rule_groups
            .iter()
            .map(|r| (r.name.as_str(), r.findings, r.documents))
            .collect();
        // Document 2 has two glue findings of two rules: one document for the group.
        assert_eq!(groups, vec![("casing", 4, 2), ("glue", 3, 2)]);
        assert!(data.rules[1].summary.contains("glued") || !data.rules[1].summary.is_empty());

        let langs: Vec<(&str, u64, u64, u64)> = data
            .languages
            .iter()
            .map(|l| (l.lang.as_str(), l.documents, l.words, l.findings))
            .collect();
        assert_eq!(langs, vec![("fr", 4, 370, 7), ("en", 1, 1000, 0)]);

        // Words per document: 10 falls in 10–19, 60 in 50–99, 100 and 200 in 100–199 and
        // 200–499, 1000 in 1000–1999.
        let words: Vec<u64> = data.document_words.bins.iter().map(|b| b.count).collect();
        assert_eq!(words, vec![0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 0]);
        // Rates: 0 (doc 3), 10 (doc 1: 10–20), 10 (doc 2: 2 of 200), 50 (doc 4), 100 (doc 5).
        let rates: Vec<u64> = data.document_rates.bins.iter().map(|b| b.count).collect();
        assert_eq!(rates, vec![1, 0, 0, 0, 0, 2, 0, 1, 1]);
        assert_eq!(data.document_rates.bins[5].label, "10–20");
    }

    #[test]
    fn min_severity_info_counts_everything() {
        let opts = Options {
            min_severity: Severity::Info,
            ..Options::default()
        };
        let data = collect(opts, &corpus());
        assert_eq!(data.overview.findings, 8);
        assert_eq!(data.overview.by_severity.info, 1);
        assert!(data.rules.iter().any(|r| r.id == "typography/x"));
    }

    #[test]
    fn worst_documents_by_rate_with_a_word_floor() {
        let opts = Options {
            worst_documents: 2,
            min_words: 50,
            ..Options::default()
        };
        let data = collect(opts, &corpus());
        // Doc 5 (100 per 1k) has only 10 words; doc 4 (50 per 1k) leads, then docs 1 and 2 tie at
        // 10 per 1k: more findings first (doc 2).
        let worst: Vec<(Option<u32>, u64)> = data
            .worst_documents
            .iter()
            .map(|w| (w.record, w.findings))
            .collect();
        assert_eq!(worst, vec![(Some(4), 3), (Some(2), 2)]);
        assert_eq!(
            data.worst_documents[0].top_rules,
            vec![("casing/y".to_string(), 3)]
        );
        assert_eq!(
            data.worst_documents[1].top_rules,
            vec![
                ("glue/glued-words".to_string(), 1),
                ("glue/missing-space-after-punct".to_string(), 1)
            ]
        );
    }

    #[test]
    fn equal_rates_rank_by_input_order() {
        let docs: Vec<Checked> = (1..=4)
            .map(|n| {
                doc(
                    n,
                    "a",
                    Lang::FR,
                    100,
                    vec![diag("casing/y", Severity::Warning, 0, 2)],
                )
            })
            .collect();
        let opts = Options {
            worst_documents: 3,
            ..Options::default()
        };
        let data = collect(opts.clone(), &docs);
        let order: Vec<Option<u32>> = data.worst_documents.iter().map(|w| w.record).collect();
        assert_eq!(order, vec![Some(1), Some(2), Some(3)]);
        let reversed: Vec<Checked> = docs.into_iter().rev().collect();
        let data = collect(opts, &reversed);
        let order: Vec<Option<u32>> = data.worst_documents.iter().map(|w| w.record).collect();
        assert_eq!(order, vec![Some(1), Some(2), Some(3)]);
    }

    #[test]
    fn examples_are_a_bounded_order_free_sample() {
        let docs: Vec<Checked> = (1..=50)
            .map(|n| {
                doc(
                    n,
                    "a",
                    Lang::FR,
                    100,
                    vec![
                        diag("glue/glued-words", Severity::Error, 16, 27),
                        diag("glue/glued-words", Severity::Error, 30, 33),
                    ],
                )
            })
            .collect();
        let opts = Options {
            examples_per_rule: 3,
            ..Options::default()
        };
        let a = collect(opts.clone(), &docs);
        let reversed: Vec<Checked> = docs.into_iter().rev().collect();
        let b = collect(opts.clone(), &reversed);
        assert_eq!(a.examples.len(), 1);
        let ex = &a.examples[0];
        assert_eq!(ex.findings, 100);
        assert_eq!(ex.examples.len(), 3);
        let records = |d: &Data| -> Vec<Option<u32>> {
            d.examples[0].examples.iter().map(|e| e.record).collect()
        };
        assert_eq!(records(&a), records(&b));
        // One example per document: the first finding of the rule there, in context.
        let mut r = records(&a);
        r.dedup();
        assert_eq!(r.len(), 3);
        let e = &ex.examples[0];
        assert_eq!(e.flagged, "Russieselon");
        assert_eq!(e.before, "Il est parti à ");
        assert_eq!((e.line, e.column), (1, 16));
        // Another seed draws another sample.
        let other = Options { seed: 7, ..opts };
        let c = collect(other, &reversed);
        assert_ne!(records(&a), records(&c));
    }

    #[test]
    fn where_filters_and_comparison_share_the_stream() {
        let mut opts = Options::default();
        let vendor = Key::Field("vendor".into());
        opts.filters = vec![Filter {
            key: Key::Lang,
            value: "fr".into(),
            negate: false,
        }];
        opts.compare = Some(crate::compare::Options::new(vendor));
        let data = collect(opts, &corpus());
        assert_eq!(data.overview.documents, 4);
        assert_eq!(data.overview.excluded, 1);
        assert_eq!(data.settings.filters, vec!["lang=fr".to_string()]);
        assert!(data.notes.iter().any(|n| n.contains("excluded by --where")));
        let cmp = data.comparison.as_ref().unwrap();
        assert_eq!(cmp.documents, 4);
        let names: Vec<(&str, u64)> = cmp
            .groups
            .iter()
            .map(|g| (g.name.as_str(), g.documents))
            .collect();
        assert_eq!(names, vec![("a", 2), ("b", 2)]);
        let total: u64 = cmp.groups.iter().map(|g| g.findings).sum();
        assert_eq!(total, data.overview.findings);
        assert_eq!(data.worst_documents[0].group.as_deref(), Some("b"));
    }

    #[test]
    fn many_groups_are_capped() {
        let docs: Vec<Checked> = (1..=30)
            .map(|n| {
                let vendor = format!("v{:02}", n % 25);
                doc(
                    n,
                    &vendor,
                    Lang::FR,
                    100,
                    vec![diag("casing/y", Severity::Warning, 0, 2)],
                )
            })
            .collect();
        let opts = Options {
            compare: Some(crate::compare::Options::new(Key::Field("vendor".into()))),
            ..Options::default()
        };
        let data = collect(opts, &docs);
        let cmp = data.comparison.as_ref().unwrap();
        assert_eq!(cmp.groups.len(), MAX_GROUPS);
        assert_eq!(cmp.pairs.len(), MAX_GROUPS * (MAX_GROUPS - 1) / 2);
        // The five vendors with two documents are all kept.
        for v in ["v01", "v02", "v03", "v04", "v05"] {
            assert!(cmp.groups.iter().any(|g| g.name == v), "{v}");
        }
        assert!(data.notes.iter().any(|n| n.starts_with("25 groups")));
        // Counts are not capped.
        assert_eq!(data.overview.documents, 30);
    }

    #[test]
    fn empty_corpus() {
        let data = collect(Options::default(), &[]);
        assert_eq!(data.overview.documents, 0);
        assert_eq!(data.overview.findings_per_1k_words, 0.0);
        assert!(data.rules.is_empty());
        assert!(data.worst_documents.is_empty());
        assert_eq!(data.document_words.mean, None);
        let html = super::super::render::to_html(&data).unwrap();
        assert!(html.contains("id=\"coquille-data\""));
    }
}
