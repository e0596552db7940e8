//! The text statistics of the dashboard: sentence lengths, readability and top n-grams.
//!
//! This is the hook for the corpus-statistics module (`crate::stats`): until it is available the
//! collector computes what it can from the stream itself — sentence lengths, from the linter's own
//! sentence splitter — and leaves readability and n-grams empty (`source` says which).

use std::collections::BTreeMap;

use super::data::{Bin, Histogram, TextStats};
use crate::engine::Checked;
use crate::tokenize::Analysis;

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

/// Folds documents into the text statistics.
pub struct Collector {
    enabled: bool,
    /// Sentence length in words → sentences.
    sentence_lengths: BTreeMap<u64, u64>,
}

impl Collector {
    pub fn new(opts: &Options) -> Collector {
        Collector {
            enabled: opts.enabled,
            sentence_lengths: BTreeMap::new(),
        }
    }

    /// Adds one document (in input order).
    pub fn add(&mut self, c: &Checked) {
        if !self.enabled {
            return;
        }
        let prose = c.doc.prose();
        let an = Analysis::new(&prose, Some(c.lang));
        for s in &an.sentences {
            let words = an.sentence_tokens(s).iter().filter(|t| t.is_word()).count() as u64;
            if words > 0 {
                *self.sentence_lengths.entry(words).or_default() += 1;
            }
        }
    }

    pub fn finish(self) -> TextStats {
        if !self.enabled {
            return TextStats {
                source: "none".into(),
                ..TextStats::default()
            };
        }
        TextStats {
            source: "tokenizer".into(),
            sentence_length: Some(sentence_histogram(&self.sentence_lengths)),
            ..TextStats::default()
        }
    }
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
    fn empty_histogram() {
        let h = sentence_histogram(&BTreeMap::new());
        assert_eq!(h.count, 0);
        assert_eq!(h.mean, None);
        assert_eq!(h.p50, None);
    }
}
