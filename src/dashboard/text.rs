//! The text statistics of the dashboard — sentence lengths, readability per language, the most
//! frequent n-grams, vocabulary and web-corpus quality filters, overall and per group — from the
//! corpus-statistics module ([`crate::stats`]), in a parallel pass of their own over the same
//! inputs, restricted to the documents `--where` keeps. Everything in it merges exactly, so it is
//! the same for any number of threads.

use std::collections::BTreeMap;

use super::data::{
    Bin, GroupReadability, GroupText, Histogram, NgramRow, Ngrams, QualityFilter, Readability,
    TextStats, Vocabulary,
};
use super::filter::{Filters, document_value};
use crate::compare::{Key, NONE_GROUP};
use crate::document::Document;
use crate::engine;
use crate::error::Error;
use crate::input::Source;
use crate::stats::metric::{Metric, Scale};
use crate::stats::{self, CorpusStats, Merge, Spec};

/// The group of the documents `--where` leaves out (never shown).
const EXCLUDED: &str = "\u{0}excluded";
/// The readability score shown.
pub const READABILITY_SCORE: &str = "flesch_reading_ease";
/// Memory budget of the n-gram counts of each group (past it they become lower bounds, and the
/// page says so).
pub const NGRAM_MEMORY: u64 = 64 << 20;

/// What the text statistics compute.
#[derive(Clone, Debug)]
pub struct Options {
    /// Whether to compute them at all (they cost a pass of tokenization).
    pub enabled: bool,
    /// The n-gram order of the top n-grams.
    pub ngram: usize,
    /// How many n-grams to list.
    pub top: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            enabled: true,
            ngram: 3,
            top: 25,
        }
    }
}

/// Width of the sentence-length bins, in words.
pub const SENTENCE_BIN: u64 = 5;
/// Sentences of this many words or more share the last bin.
pub const SENTENCE_MAX: u64 = 80;

/// A histogram of sentence lengths from per-length counts: bins `SENTENCE_BIN` words wide up to
/// `SENTENCE_MAX`, exact mean and nearest-rank median and 90th percentile.
pub fn sentence_histogram(counts: &BTreeMap<u64, u64>) -> Histogram {
    let n: u64 = counts.values().sum();
    let total: u128 = counts
        .iter()
        .map(|(&len, &c)| u128::from(len) * u128::from(c))
        .sum();
    let rank = |p: f64| -> Option<f64> {
        if n == 0 {
            return None;
        }
        let r = ((p * n as f64).ceil() as u64).clamp(1, n);
        let mut cum = 0;
        counts.iter().find_map(|(&len, &c)| {
            cum += c;
            (cum >= r).then_some(len as f64)
        })
    };
    let nbins = (SENTENCE_MAX / SENTENCE_BIN) as usize;
    let mut bins: Vec<Bin> = (0..=nbins)
        .map(|i| {
            let lo = i as u64 * SENTENCE_BIN;
            let hi = (i < nbins).then_some(lo + SENTENCE_BIN);
            Bin {
                label: match hi {
                    Some(hi) => format!("{lo}–{}", hi - 1),
                    None => format!("≥ {lo}"),
                },
                lo: lo as f64,
                hi: hi.map(|h| h as f64),
                count: 0,
            }
        })
        .collect();
    for (&len, &c) in counts {
        let i = ((len / SENTENCE_BIN) as usize).min(nbins);
        if let Some(b) = bins.get_mut(i) {
            b.count += c;
        }
    }
    Histogram {
        unit: "sentences".into(),
        bins,
        count: n,
        mean: (n > 0).then(|| total as f64 / n as f64),
        p50: rank(0.5),
        p90: rank(0.9),
    }
}

/// The readability histogram of one language: 10-point bins from 0 to 100, plus one bin below and
/// one above; nearest-rank median and 90th percentile to the bucket width of the statistics.
pub fn readability_histogram(m: &Metric) -> Histogram {
    let Scale::Linear { width_millis } = m.hist.scale;
    let width = f64::from(width_millis.max(1)) / 1000.0;
    let mut bins: Vec<Bin> = Vec::with_capacity(12);
    bins.push(Bin {
        label: "< 0".into(),
        lo: f64::NEG_INFINITY,
        hi: Some(0.0),
        count: 0,
    });
    for i in 0..10 {
        let lo = 10.0 * f64::from(i);
        bins.push(Bin {
            label: format!("{}–{}", 10 * i, 10 * i + 10),
            lo,
            hi: Some(lo + 10.0),
            count: 0,
        });
    }
    bins.push(Bin {
        label: "≥ 100".into(),
        lo: 100.0,
        hi: None,
        count: 0,
    });
    for (key, c) in m.hist.buckets() {
        let v = key as f64 * width;
        let i = if v < 0.0 {
            0
        } else {
            ((v / 10.0).floor() as usize + 1).min(11)
        };
        if let Some(b) = bins.get_mut(i) {
            b.count += c;
        }
    }
    let s = m.summary();
    Histogram {
        unit: "documents".into(),
        bins,
        count: s.count,
        mean: s.mean,
        p50: s.p50,
        p90: s.p90,
    }
}

/// Per-length sentence counts of the statistics.
fn sentence_counts(c: &CorpusStats) -> BTreeMap<u64, u64> {
    let h = &c.sentence_length;
    let mut out: BTreeMap<u64, u64> = h
        .dense
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(v, &n)| (v as u64, n))
        .collect();
    for (&v, &n) in &h.sparse {
        *out.entry(v).or_default() += n;
    }
    out
}

fn group_text(name: &str, c: &CorpusStats) -> GroupText {
    let summary = c.summary(None, 0, 1);
    GroupText {
        name: name.to_string(),
        documents: c.documents,
        words: c.text.words,
        sentences: c.text.sentences,
        words_per_sentence: (c.text.sentences > 0)
            .then(|| c.text.words as f64 / c.text.sentences as f64),
        readability: c
            .languages
            .iter()
            .map(|(lang, l)| GroupReadability {
                lang: lang.clone(),
                documents: l.documents,
                mean: l
                    .readability
                    .get(READABILITY_SCORE)
                    .and_then(|m| m.moments.mean()),
            })
            .collect(),
        type_token_ratio: (summary.vocabulary.tokens > 0)
            .then_some(summary.vocabulary.type_token_ratio),
    }
}

/// Computes the text statistics of the documents of `sources` that pass `filters`, grouped by
/// `by` when given. Input problems are not reported again (the lint pass did).
pub fn from_sources(
    sources: &[Source],
    engine_opts: &engine::Options,
    opts: &Options,
    filters: &Filters,
    by: Option<&Key>,
) -> Result<TextStats, Error> {
    if !opts.enabled {
        return Ok(TextStats {
            source: "none".into(),
            ..TextStats::default()
        });
    }
    let spec = (opts.ngram > 0).then_some(Spec {
        n: opts.ngram,
        chars: false,
        lowercase: true,
    });
    let stats_opts = stats::Options {
        ngrams: spec,
        top: opts.top,
        min_count: 2,
        memory: NGRAM_MEMORY,
    };
    let group = |d: &Document| -> Option<String> {
        if !filters.passes_document(d) {
            return Some(EXCLUDED.to_string());
        }
        Some(match by {
            Some(k) => {
                document_value(k, d).map_or_else(|| NONE_GROUP.to_string(), |v| v.into_owned())
            }
            None => String::new(),
        })
    };
    let collected = stats::Stats::collect(
        sources,
        engine_opts,
        &stats_opts,
        Some(("dashboard", &group)),
        None,
        &mut |_| {},
        None,
    )?;

    let mut total = CorpusStats::new(spec.map(|_| NGRAM_MEMORY));
    let mut groups = Vec::new();
    for (name, g) in collected.groups {
        if name == EXCLUDED {
            continue;
        }
        if by.is_some() {
            groups.push(group_text(&name, &g));
        }
        total.merge(g);
    }

    let summary = total.summary(spec.as_ref(), opts.top, 2);
    let mut readability: Vec<Readability> = total
        .languages
        .iter()
        .filter_map(|(lang, l)| {
            let m = l.readability.get(READABILITY_SCORE)?;
            Some(Readability {
                lang: lang.clone(),
                score: READABILITY_SCORE.into(),
                formula: l.formula.clone(),
                histogram: readability_histogram(m),
            })
        })
        .filter(|r| r.histogram.count > 0)
        .collect();
    readability.sort_by(|a, b| {
        b.histogram
            .count
            .cmp(&a.histogram.count)
            .then(a.lang.cmp(&b.lang))
    });
    let ngrams = summary.ngrams.map(|n| Ngrams {
        n: n.n,
        lowercase: n.lowercase,
        exact: n.exact,
        total: n.total,
        top: n
            .top
            .into_iter()
            .map(|g| NgramRow {
                ngram: g.ngram,
                count: g.count,
            })
            .collect(),
    });
    let v = &summary.vocabulary;
    Ok(TextStats {
        source: "stats".into(),
        sentence_length: Some(sentence_histogram(&sentence_counts(&total))),
        readability,
        ngrams,
        vocabulary: (v.tokens > 0).then_some(Vocabulary {
            tokens: v.tokens,
            types: v.types,
            type_token_ratio: v.type_token_ratio,
            hapax_ratio: v.hapax_ratio,
        }),
        quality_filters: summary
            .quality
            .filters
            .into_iter()
            .map(|(name, f)| QualityFilter {
                name,
                dropped: f.dropped,
                share: f.share,
            })
            .collect(),
        groups,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_histogram_bins_and_ranks() {
        let counts: BTreeMap<u64, u64> = [(3, 2), (7, 1), (12, 1), (200, 1)].into_iter().collect();
        let h = sentence_histogram(&counts);
        assert_eq!(h.count, 5);
        assert_eq!(h.bins[0].count, 2);
        assert_eq!(h.bins[1].count, 1);
        assert_eq!(h.bins[2].count, 1);
        assert_eq!(h.bins.last().map(|b| b.count), Some(1));
        assert_eq!(h.p50, Some(7.0));
        assert_eq!(h.p90, Some(200.0));
        assert_eq!(h.mean, Some(225.0 / 5.0));
        assert_eq!(h.bins[0].label, "0–4");
        assert_eq!(h.bins.last().map(|b| b.label.as_str()), Some("≥ 80"));
    }

    #[test]
    fn readability_bins() {
        let mut m = Metric::new(Scale::linear(10));
        for x in [-5.0, 0.0, 9.99, 10.0, 55.5, 99.99, 100.0, 130.0] {
            m.add(x);
        }
        let h = readability_histogram(&m);
        let counts: Vec<u64> = h.bins.iter().map(|b| b.count).collect();
        assert_eq!(counts, vec![1, 2, 1, 0, 0, 0, 1, 0, 0, 0, 1, 2]);
        assert_eq!(h.count, 8);
        assert_eq!(h.bins[1].label, "0–10");
        assert_eq!(h.bins[11].label, "≥ 100");
    }

    #[test]
    fn empty_histogram() {
        let h = sentence_histogram(&BTreeMap::new());
        assert_eq!(h.count, 0);
        assert_eq!(h.mean, None);
        assert_eq!(h.p50, None);
    }
}
