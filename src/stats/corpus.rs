//! Per-document statistics and the mergeable corpus statistics they fold into.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Merge;
use super::keys::pack_at;
use super::metric::{Distribution, IntHist, Metric, Scale};
use super::ngrams::{self, Counter, Ngram, SavedCounter, Spec};
use super::quality::{self, CHECKS, FILTERS, Quality, SIGNALS};
use super::readability::Readability;
use super::syllables::{self, Method};
use super::textstat::{self, TextCounts};
use super::vocab::{Counts, Vocab};
use crate::document::Document;
use crate::lang::Lang;
use crate::tokenize::{Token, TokenKind, tokenize};

/// The statistics of one document.
#[derive(Clone, Debug)]
pub struct DocStats {
    pub lang: Lang,
    pub bytes: u64,
    /// Code points of the text.
    pub characters: u64,
    /// textstat-compatible counts (`words`, `sentences`, `syllables`...).
    pub text: TextCounts,
    pub syllable_method: &'static str,
    /// Linter tokens other than whitespace.
    pub tokens: u64,
    /// Linter word tokens.
    pub word_tokens: u64,
    pub readability: Readability,
    pub quality: Quality,
}

impl DocStats {
    /// The JSON object of `--per-doc` output.
    pub fn to_json(&self, doc: &Document, group: Option<&str>) -> serde_json::Value {
        let mut quality = serde_json::Map::new();
        for (i, (name, v)) in SIGNALS.iter().zip(self.quality.values.iter()).enumerate() {
            let (family, signal) = name.split_once('.').unwrap_or(("", name));
            let v = if quality::is_count(i) {
                serde_json::json!(*v as u64)
            } else {
                serde_json::json!(v)
            };
            let entry = quality
                .entry(family.to_string())
                .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
            if let serde_json::Value::Object(m) = entry {
                m.insert(signal.to_string(), v);
            }
        }
        if let Some(serde_json::Value::Object(m)) = quality.get_mut("c4") {
            m.insert(
                "sentences".into(),
                serde_json::json!(self.quality.c4_sentences),
            );
        }
        let failed: Vec<&str> = CHECKS
            .iter()
            .enumerate()
            .filter(|(i, _)| self.quality.fails(*i))
            .map(|(_, c)| c.name)
            .collect();
        let verdicts = self.quality.verdicts();
        let filters: serde_json::Map<String, serde_json::Value> = FILTERS
            .iter()
            .zip(verdicts.iter())
            .map(|(f, v)| {
                let verdict = v.and_then(|i| CHECKS.get(i)).map_or("pass", |c| c.name);
                (f.to_string(), serde_json::json!(verdict))
            })
            .collect();
        let mut obj = serde_json::json!({
            "id": doc.id,
            "path": &*doc.path,
            "record": doc.key.record,
            "lang": self.lang.as_str(),
            "words": self.text.words,
            "sentences": self.text.sentences,
            "syllables": self.text.syllables,
            "syllable_method": self.syllable_method,
            "letters": self.text.letters,
            "long_words": self.text.long_words,
            "polysyllables": self.text.polysyllables,
            "characters": self.characters,
            "bytes": self.bytes,
            "tokens": self.tokens,
            "word_tokens": self.word_tokens,
            "readability": self.readability,
            "quality": quality,
            "failed": failed,
            "filters": filters,
        });
        if let (Some(g), serde_json::Value::Object(m)) = (group, &mut obj) {
            m.insert("group".into(), serde_json::json!(g));
        }
        obj
    }
}

/// Per-thread buffers and caches (the syllable memo lives as long as the thread).
#[derive(Default)]
pub struct Worker {
    memo: syllables::Memo,
    quality: quality::Scratch,
    ngrams: ngrams::Scratch,
    tokens: Vec<Token>,
    word: String,
    /// Per language, the most words a vocabulary table of this thread has held: a new table (a
    /// new batch's) is sized at once from it instead of growing step by step.
    vocab_hint: Vec<(Lang, usize)>,
}

thread_local! {
    static WORKER: RefCell<Worker> = RefCell::new(Worker::default());
}

impl Worker {
    /// Counts the n-grams of one text into `counter`.
    pub fn count_ngrams(&mut self, spec: &Spec, text: &str, counter: &mut Counter) {
        self.tokens.clear();
        if !spec.chars {
            tokenize(text, &mut self.tokens);
        }
        ngrams::count_document(spec, text, &self.tokens, counter, &mut self.ngrams);
    }
}

/// Runs `f` with this thread's [`Worker`].
pub fn with_worker<R>(f: impl FnOnce(&mut Worker) -> R) -> R {
    WORKER.with(|w| match w.try_borrow_mut() {
        Ok(mut w) => f(&mut w),
        Err(_) => f(&mut Worker::default()),
    })
}

/// Per-language statistics of a corpus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LangStats {
    pub documents: u64,
    pub words: u64,
    pub syllable_method: String,
    pub formula: String,
    /// Score name → distribution over documents.
    pub readability: BTreeMap<String, Metric>,
}

/// The statistics of a corpus (or of one group of it). Every field merges exactly.
#[derive(Clone, Debug)]
pub struct CorpusStats {
    pub documents: u64,
    pub bytes: u64,
    pub characters: u64,
    pub text: TextTotals,
    pub tokens: u64,
    pub word_tokens: u64,
    pub languages: BTreeMap<String, LangStats>,
    /// Words per counted textstat sentence.
    pub sentence_length: IntHist,
    /// Code points per word token.
    pub word_length: IntHist,
    /// One distribution over documents per [`SIGNALS`] entry.
    pub quality: Vec<Metric>,
    pub c4_sentences: Metric,
    /// Documents failing each of [`CHECKS`].
    pub failed: Vec<u64>,
    /// Documents dropped by each of [`FILTERS`].
    pub dropped: Vec<u64>,
    pub vocab: Vocab,
    pub ngrams: Option<Counter>,
}

/// Sums of textstat-compatible counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextTotals {
    pub words: u64,
    pub sentences: u64,
    pub syllables: u64,
    pub letters: u64,
    pub long_words: u64,
    pub polysyllables: u64,
}

fn signal_scale(i: usize) -> Scale {
    if quality::is_count(i) {
        Scale::linear(1000)
    } else if SIGNALS
        .get(i)
        .is_some_and(|s| s.ends_with("mean_word_length"))
    {
        Scale::linear(10)
    } else {
        Scale::linear(1)
    }
}

impl CorpusStats {
    pub fn new(ngrams: Option<u64>) -> CorpusStats {
        CorpusStats {
            documents: 0,
            bytes: 0,
            characters: 0,
            text: TextTotals::default(),
            tokens: 0,
            word_tokens: 0,
            languages: BTreeMap::new(),
            sentence_length: IntHist::default(),
            word_length: IntHist::default(),
            quality: (0..SIGNALS.len())
                .map(|i| Metric::new(signal_scale(i)))
                .collect(),
            c4_sentences: Metric::new(Scale::linear(1000)),
            failed: vec![0; CHECKS.len()],
            dropped: vec![0; FILTERS.len()],
            vocab: Vocab::default(),
            ngrams: ngrams.map(Counter::new),
        }
    }

    /// Computes the statistics of `doc` and folds the corpus-level counts (vocabulary, word and
    /// sentence lengths, n-grams) into `self`; [`CorpusStats::add`] folds the rest.
    pub fn analyze(&mut self, doc: &Document, spec: Option<&Spec>, w: &mut Worker) -> DocStats {
        let text = doc.text.as_str();
        let lang = doc
            .lang
            .unwrap_or_else(|| crate::lang::detect::detect_document(text));
        let method = Method::for_lang(lang);
        let Worker {
            memo,
            quality: qscratch,
            ngrams: nscratch,
            tokens,
            word,
            vocab_hint,
        } = w;
        let sentence_length = &mut self.sentence_length;
        let counts = textstat::count(
            text,
            word,
            &mut |s, k| memo.count_packed(method, s, k),
            &mut |n| sentence_length.add(u64::from(n)),
        );
        tokens.clear();
        tokenize(text, tokens);
        let table = self.vocab.table(lang);
        let hint = match vocab_hint.iter().position(|(l, _)| *l == lang) {
            Some(i) => i,
            None => {
                vocab_hint.push((lang, 0));
                vocab_hint.len() - 1
            }
        };
        if table.is_empty()
            && let Some(&(_, n)) = vocab_hint.get(hint)
        {
            table.reserve(n);
        }
        let bytes = text.as_bytes();
        let (mut n_tokens, mut n_words) = (0u64, 0u64);
        let mut lens = [0u64; 32];
        for t in tokens.iter() {
            match t.kind {
                TokenKind::Space | TokenKind::Newline => {}
                TokenKind::Word => {
                    n_tokens += 1;
                    n_words += 1;
                    let s = t.text(text);
                    table.add(pack_at(bytes, t.start as usize, s.len()), s, 1);
                    let len = if s.is_ascii() {
                        s.len()
                    } else {
                        s.chars().count()
                    };
                    match lens.get_mut(len) {
                        Some(c) => *c += 1,
                        None => self.word_length.add(len as u64),
                    }
                }
                _ => n_tokens += 1,
            }
        }
        if let Some(h) = vocab_hint.get_mut(hint) {
            h.1 = h.1.max(table.len());
        }
        for (len, &c) in lens.iter().enumerate() {
            self.word_length.add_n(len as u64, c);
        }
        let quality = quality::compute(text, tokens, lang, qscratch);
        if let (Some(spec), Some(counter)) = (spec, self.ngrams.as_mut()) {
            ngrams::count_document(spec, text, tokens, counter, nscratch);
        }
        DocStats {
            lang,
            bytes: text.len() as u64,
            characters: if text.is_ascii() {
                text.len() as u64
            } else {
                text.chars().count() as u64
            },
            readability: Readability::compute(lang, &counts),
            text: counts,
            syllable_method: method.name(),
            tokens: n_tokens,
            word_tokens: n_words,
            quality,
        }
    }

    /// Folds the per-document values of `d` in.
    pub fn add(&mut self, d: &DocStats) {
        self.documents += 1;
        self.bytes += d.bytes;
        self.characters += d.characters;
        let t = &mut self.text;
        t.words += d.text.words;
        t.sentences += d.text.sentences;
        t.syllables += d.text.syllables;
        t.letters += d.text.letters;
        t.long_words += d.text.long_words;
        t.polysyllables += d.text.polysyllables;
        self.tokens += d.tokens;
        self.word_tokens += d.word_tokens;
        let code = d.lang.as_str();
        if !self.languages.contains_key(code) {
            self.languages.insert(
                code.to_string(),
                LangStats {
                    syllable_method: d.syllable_method.to_string(),
                    formula: d.readability.formula.to_string(),
                    ..LangStats::default()
                },
            );
        }
        if let Some(l) = self.languages.get_mut(code) {
            l.documents += 1;
            l.words += d.text.words;
            for (name, v) in d.readability.values() {
                match l.readability.get_mut(name) {
                    Some(m) => m.add(v),
                    None => {
                        let mut m = Metric::new(Scale::linear(10));
                        m.add(v);
                        l.readability.insert(name.to_string(), m);
                    }
                }
            }
        }
        for (m, &v) in self.quality.iter_mut().zip(d.quality.values.iter()) {
            m.add(v);
        }
        self.c4_sentences.add(d.quality.c4_sentences as f64);
        for (i, f) in self.failed.iter_mut().enumerate() {
            *f += u64::from(d.quality.fails(i));
        }
        for (dropped, v) in self.dropped.iter_mut().zip(d.quality.verdicts()) {
            *dropped += u64::from(v.is_some());
        }
    }

    /// The summary of these statistics, with the `top` most frequent n-grams of count ≥
    /// `min_count`.
    pub fn summary(&self, spec: Option<&Spec>, top: usize, min_count: u64) -> Summary {
        let share = |n: u64| {
            if self.documents == 0 {
                0.0
            } else {
                n as f64 / self.documents as f64
            }
        };
        let (per_lang_vocab, all_vocab) = self.vocab.folded();
        let languages = self
            .languages
            .iter()
            .map(|(code, l)| LangSummary {
                lang: code.clone(),
                documents: l.documents,
                share: share(l.documents),
                words: l.words,
                syllable_method: l.syllable_method.clone(),
                readability_formula: l.formula.clone(),
                readability: l
                    .readability
                    .iter()
                    .map(|(k, m)| (k.clone(), m.summary()))
                    .collect(),
                vocabulary: per_lang_vocab.get(code).map(VocabSummary::of),
            })
            .collect();
        let signals = SIGNALS
            .iter()
            .zip(self.quality.iter())
            .map(|(n, m)| (n.to_string(), m.summary()))
            .chain(std::iter::once((
                "c4.sentences".to_string(),
                self.c4_sentences.summary(),
            )))
            .collect();
        let checks = CHECKS
            .iter()
            .zip(self.failed.iter())
            .map(|(c, &n)| {
                (
                    c.name.to_string(),
                    CheckSummary {
                        filter: FILTERS.get(c.filter).copied().unwrap_or("").to_string(),
                        failed: n,
                        share: share(n),
                    },
                )
            })
            .collect();
        let filters = FILTERS
            .iter()
            .zip(self.dropped.iter())
            .map(|(f, &n)| {
                (
                    f.to_string(),
                    FilterSummary {
                        dropped: n,
                        share: share(n),
                    },
                )
            })
            .collect();
        let ngrams = match (spec, &self.ngrams) {
            (Some(spec), Some(c)) => Some(NgramSummary {
                n: spec.n,
                chars: spec.chars,
                lowercase: spec.lowercase,
                exact: c.exact,
                max_error: c.max_error,
                total: c.total,
                distinct: c.distinct(),
                top: c.top(top, min_count),
            }),
            _ => None,
        };
        Summary {
            documents: self.documents,
            bytes: self.bytes,
            characters: self.characters,
            words: self.text.words,
            sentences: self.text.sentences,
            syllables: self.text.syllables,
            letters: self.text.letters,
            long_words: self.text.long_words,
            polysyllables: self.text.polysyllables,
            tokens: self.tokens,
            word_tokens: self.word_tokens,
            languages,
            vocabulary: VocabSummary::of(&all_vocab),
            sentence_length: self.sentence_length.summary(),
            word_length: self.word_length.summary(),
            quality: QualitySummary {
                signals,
                checks,
                filters,
            },
            ngrams,
        }
    }

    pub fn to_saved(&self) -> SavedStats {
        SavedStats {
            documents: self.documents,
            bytes: self.bytes,
            characters: self.characters,
            text: self.text,
            tokens: self.tokens,
            word_tokens: self.word_tokens,
            languages: self.languages.clone(),
            sentence_length: self.sentence_length.clone(),
            word_length: self.word_length.clone(),
            quality: SIGNALS
                .iter()
                .zip(self.quality.iter())
                .map(|(n, m)| (n.to_string(), m.clone()))
                .collect(),
            c4_sentences: self.c4_sentences.clone(),
            failed: CHECKS
                .iter()
                .zip(self.failed.iter())
                .map(|(c, &n)| (c.name.to_string(), n))
                .collect(),
            dropped: FILTERS
                .iter()
                .zip(self.dropped.iter())
                .map(|(f, &n)| (f.to_string(), n))
                .collect(),
            vocab: self.vocab.to_saved(),
            ngrams: self.ngrams.as_ref().map(Counter::to_saved),
        }
    }

    pub fn from_saved(s: SavedStats, budget: u64) -> CorpusStats {
        let mut c = CorpusStats::new(None);
        c.documents = s.documents;
        c.bytes = s.bytes;
        c.characters = s.characters;
        c.text = s.text;
        c.tokens = s.tokens;
        c.word_tokens = s.word_tokens;
        c.languages = s.languages;
        c.sentence_length = s.sentence_length;
        c.word_length = s.word_length;
        for (i, name) in SIGNALS.iter().enumerate() {
            if let (Some(m), Some(slot)) = (s.quality.get(*name), c.quality.get_mut(i)) {
                *slot = m.clone();
            }
        }
        c.c4_sentences = s.c4_sentences;
        for (i, check) in CHECKS.iter().enumerate() {
            c.failed[i] = s.failed.get(check.name).copied().unwrap_or(0);
        }
        for (i, f) in FILTERS.iter().enumerate() {
            c.dropped[i] = s.dropped.get(*f).copied().unwrap_or(0);
        }
        c.vocab = Vocab::from_saved(s.vocab);
        c.ngrams = s.ngrams.map(|n| Counter::from_saved(n, budget));
        c
    }
}

impl Merge for CorpusStats {
    fn merge(&mut self, other: Self) {
        self.documents += other.documents;
        self.bytes += other.bytes;
        self.characters += other.characters;
        let (t, o) = (&mut self.text, other.text);
        t.words += o.words;
        t.sentences += o.sentences;
        t.syllables += o.syllables;
        t.letters += o.letters;
        t.long_words += o.long_words;
        t.polysyllables += o.polysyllables;
        self.tokens += other.tokens;
        self.word_tokens += other.word_tokens;
        for (code, l) in other.languages {
            match self.languages.get_mut(&code) {
                Some(mine) => {
                    mine.documents += l.documents;
                    mine.words += l.words;
                    for (k, m) in l.readability {
                        match mine.readability.get_mut(&k) {
                            Some(x) => x.merge_from(m),
                            None => {
                                mine.readability.insert(k, m);
                            }
                        }
                    }
                }
                None => {
                    self.languages.insert(code, l);
                }
            }
        }
        self.sentence_length.merge(other.sentence_length);
        self.word_length.merge(other.word_length);
        for (m, o) in self.quality.iter_mut().zip(other.quality) {
            m.merge_from(o);
        }
        self.c4_sentences.merge_from(other.c4_sentences);
        for (a, b) in self.failed.iter_mut().zip(other.failed) {
            *a += b;
        }
        for (a, b) in self.dropped.iter_mut().zip(other.dropped) {
            *a += b;
        }
        self.vocab.merge(other.vocab);
        match (&mut self.ngrams, other.ngrams) {
            (Some(a), Some(b)) => a.merge(b),
            (None, Some(b)) => self.ngrams = Some(b),
            _ => {}
        }
    }
}

impl Default for CorpusStats {
    fn default() -> Self {
        CorpusStats::new(None)
    }
}

/// [`CorpusStats`] as written in a partial-statistics file (every map sorted by key).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedStats {
    pub documents: u64,
    pub bytes: u64,
    pub characters: u64,
    pub text: TextTotals,
    pub tokens: u64,
    pub word_tokens: u64,
    pub languages: BTreeMap<String, LangStats>,
    pub sentence_length: IntHist,
    pub word_length: IntHist,
    pub quality: BTreeMap<String, Metric>,
    pub c4_sentences: Metric,
    pub failed: BTreeMap<String, u64>,
    pub dropped: BTreeMap<String, u64>,
    pub vocab: BTreeMap<String, BTreeMap<String, u64>>,
    pub ngrams: Option<SavedCounter>,
}

/// The corpus summary printed by `coquille stats`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub documents: u64,
    pub bytes: u64,
    /// Code points.
    pub characters: u64,
    /// textstat-compatible words (`stats::textstat`).
    pub words: u64,
    /// textstat-compatible sentences.
    pub sentences: u64,
    /// textstat-compatible syllables.
    pub syllables: u64,
    pub letters: u64,
    pub long_words: u64,
    pub polysyllables: u64,
    /// Linter tokens other than whitespace (words, numbers, punctuation, symbols).
    pub tokens: u64,
    /// Linter word tokens.
    pub word_tokens: u64,
    pub languages: Vec<LangSummary>,
    pub vocabulary: VocabSummary,
    /// Words per textstat sentence (sentences of 3 words or more).
    pub sentence_length: Distribution,
    /// Code points per linter word token.
    pub word_length: Distribution,
    pub quality: QualitySummary,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ngrams: Option<NgramSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LangSummary {
    pub lang: String,
    pub documents: u64,
    /// Share of the documents.
    pub share: f64,
    pub words: u64,
    pub syllable_method: String,
    /// Which adaptation `flesch_reading_ease` is.
    pub readability_formula: String,
    /// Distribution over the language's documents of each score.
    pub readability: BTreeMap<String, Distribution>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vocabulary: Option<VocabSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VocabSummary {
    /// Word tokens.
    pub tokens: u64,
    /// Distinct lowercased word tokens.
    pub types: u64,
    pub type_token_ratio: f64,
    /// Types seen once.
    pub hapax: u64,
    /// hapax / types.
    pub hapax_ratio: f64,
}

impl VocabSummary {
    fn of(c: &Counts) -> VocabSummary {
        VocabSummary {
            tokens: c.tokens,
            types: c.types,
            type_token_ratio: c.type_token_ratio(),
            hapax: c.hapax,
            hapax_ratio: c.hapax_ratio(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QualitySummary {
    /// Distribution over documents of each signal.
    pub signals: BTreeMap<String, Distribution>,
    /// Documents failing each threshold check.
    pub checks: BTreeMap<String, CheckSummary>,
    /// Documents each filter drops (at its first failing check).
    pub filters: BTreeMap<String, FilterSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckSummary {
    pub filter: String,
    pub failed: u64,
    pub share: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FilterSummary {
    pub dropped: u64,
    pub share: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NgramSummary {
    pub n: usize,
    pub chars: bool,
    pub lowercase: bool,
    /// Whether the counts are exact; otherwise each is a lower bound, at most `max_error` below
    /// the true count.
    pub exact: bool,
    pub max_error: u64,
    /// n-gram occurrences.
    pub total: u64,
    /// Distinct n-grams (when exact).
    pub distinct: Option<u64>,
    pub top: Vec<Ngram>,
}
