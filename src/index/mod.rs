//! The corpus index: statistics of a whole corpus that corpus-aware rules read while linting one
//! document. Pass 1 of `check` builds one from its inputs; `coquille index build` saves one to a file
//! (say a newsroom's archive) and `check --index FILE` adds it to the inputs' own.
//!
//! Every table holds counts and merges by addition, so merge order never matters and merging the
//! indexes of shards gives exactly the index of their union (`format.rs` writes tables sorted, so the
//! files are byte-identical too).

mod build;
pub mod colloc;
mod format;
pub mod names;
pub mod spill;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use hashbrown::{HashMap, HashSet};

use crate::document::Document;
use crate::lang::Lang;
use crate::lang::words::{ascii_lower8, load8};
use crate::tokenize::{Analysis, TokenKind, normalize};

pub use build::IndexBuilder;
pub use format::{FORMAT_VERSION, from_bytes, manifest_of, read_file, to_bytes, write_file};

/// Sentences shorter than this (in words) are not fingerprinted.
pub const MIN_SENTENCE_WORDS: usize = 8;
/// Edge lines (first and last non-blank lines) longer than this are not recorded as shapes.
pub const MAX_SHAPE_CHARS: usize = 32;

/// Counts of one word type (case-folded) in one language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordStats {
    /// Occurrences.
    pub count: u64,
    /// Documents containing it.
    pub df: u64,
    /// Occurrences with an initial capital and a lowercase rest (`Russie`).
    pub capitalized: u64,
    /// Occurrences in capitals only (`KCNA`), two letters or more.
    pub upper: u64,
}

impl WordStats {
    fn add(&mut self, o: &WordStats) {
        self.count += o.count;
        self.df += o.df;
        self.capitalized += o.capitalized;
        self.upper += o.upper;
    }
}

/// Counts of one name surface form (`names.rs`) in one language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NameStats {
    /// Occurrences (as a mention or the suffix of one).
    pub mentions: u64,
    /// Documents containing it.
    pub df: u64,
}

impl NameStats {
    fn add(&mut self, o: &NameStats) {
        self.mentions += o.mentions;
        self.df += o.df;
    }
}

/// Statistics of one language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LangStats {
    pub documents: u64,
    pub words: u64,
    pub bytes: u64,
    /// Case-folded word → counts.
    pub vocab: HashMap<Box<str>, WordStats>,
    /// Name surface form → counts (`names.rs`).
    pub names: HashMap<Box<str>, NameStats>,
    /// Noun–preposition–noun pair (`colloc.rs` key) → occurrences.
    pub colloc: HashMap<Box<str>, u64>,
}

/// Words of another language's vocabulary that make a candidate untranslated token: at least this
/// many occurrences there...
pub const FOREIGN_MIN_COUNT: u64 = 10;
/// ...and at least this many times more frequent there than in the language at hand.
pub const FOREIGN_RATIO: u64 = 50;

/// Language → key → name forms with their counts, sorted by form.
type FormGroups = HashMap<Lang, Groups>;

/// Key → name forms with their counts, sorted by form.
type Groups = HashMap<Box<str>, Vec<(Box<str>, NameStats)>>;

/// Structures derived from the tables on first use (after the index is complete), never stored or
/// compared: name forms grouped by key, and candidate foreign words per language.
#[derive(Default)]
struct Derived {
    /// Language → K1 key → forms.
    by_k1: OnceLock<FormGroups>,
    /// Language → V key → single-token forms of 7 letters or more.
    by_v: OnceLock<FormGroups>,
    /// Language → lowercase words much more frequent in another language of the index.
    foreign: OnceLock<HashMap<Lang, HashSet<Box<str>>>>,
    /// Language → pair counts by left word, by right word, and in all.
    colloc_margins: OnceLock<HashMap<Lang, CollocMargins>>,
}

/// The marginal counts of a language's collocation pairs.
#[derive(Debug, Default)]
struct CollocMargins {
    left: HashMap<Box<str>, u64>,
    right: HashMap<Box<str>, u64>,
    total: u64,
}

/// The candidate untranslated words of a language in each index of a view; see
/// [`IndexView::foreign_candidates`].
pub struct ForeignCandidates<'a>([Option<&'a HashSet<Box<str>>>; 2]);

impl ForeignCandidates<'_> {
    pub fn contains(&self, folded: &str) -> bool {
        self.0.iter().flatten().any(|set| set.contains(folded))
    }
}

impl Clone for Derived {
    fn clone(&self) -> Self {
        Derived::default()
    }
}

impl PartialEq for Derived {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Derived")
    }
}

/// A corpus index. See the module docs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Index {
    pub documents: u64,
    pub langs: BTreeMap<Lang, LangStats>,
    /// Line fingerprint → number of documents containing the line.
    pub lines: HashMap<u64, u64>,
    /// Sentence fingerprint (sentences of `MIN_SENTENCE_WORDS` words or more) → document frequency.
    pub sentences: HashMap<u64, u64>,
    /// Shape of a document's last non-blank line (digits → 0) → document frequency.
    pub last_line_shapes: HashMap<Box<str>, u64>,
    derived: Derived,
}

impl Index {
    /// Adds one document's counts. To add many documents, an [`IndexBuilder`] is faster.
    pub fn add_document(&mut self, doc: &Document, an: &Analysis<'_>) {
        let _ = doc;
        let mut builder = IndexBuilder::default();
        builder.add(an);
        self.merge(builder.finish());
    }

    /// Merges indexes into one, as [`Index::merge`] does.
    pub fn merge_all(parts: Vec<Index>) -> Index {
        let mut parts = parts.into_iter();
        let mut acc = parts.next().unwrap_or_default();
        for other in parts {
            acc.merge(other);
        }
        acc
    }

    /// Adds another index's counts to this one, merging different tables in parallel on the
    /// current rayon pool.
    pub fn merge(&mut self, other: Index) {
        self.derived = Derived::default();
        self.documents += other.documents;
        let Index {
            langs: mut other_langs,
            lines,
            sentences,
            last_line_shapes,
            ..
        } = other;
        for &lang in other_langs.keys() {
            self.langs.entry(lang).or_default();
        }
        let pairs: Vec<(&mut LangStats, LangStats)> = self
            .langs
            .iter_mut()
            .filter_map(|(lang, s)| other_langs.remove(lang).map(|o| (s, o)))
            .collect();
        let (own_lines, own_sentences, own_shapes) = (
            &mut self.lines,
            &mut self.sentences,
            &mut self.last_line_shapes,
        );
        rayon::scope(|scope| {
            scope.spawn(move |_| merge_counts(own_lines, lines));
            scope.spawn(move |_| merge_counts(own_sentences, sentences));
            scope.spawn(move |_| merge_counts(own_shapes, last_line_shapes));
            for (s, o) in pairs {
                s.documents += o.documents;
                s.words += o.words;
                s.bytes += o.bytes;
                let (vocab, names, colloc) = (&mut s.vocab, &mut s.names, &mut s.colloc);
                let (other_vocab, other_names, other_colloc) = (o.vocab, o.names, o.colloc);
                scope.spawn(move |_| merge_map(vocab, other_vocab, WordStats::add));
                scope.spawn(move |_| merge_map(names, other_names, NameStats::add));
                scope.spawn(move |_| merge_counts(colloc, other_colloc));
            }
        });
    }

    /// Total words over all languages.
    pub fn words(&self) -> u64 {
        self.langs.values().map(|s| s.words).sum()
    }

    fn by_k1(&self) -> &FormGroups {
        self.derived.by_k1.get_or_init(|| {
            let (mut buf, mut key) = (String::new(), String::new());
            self.langs
                .iter()
                .map(|(&lang, s)| {
                    let mut map = Groups::new();
                    for (form, stats) in &s.names {
                        key.clear();
                        names::push_k1(form, &mut buf, &mut key);
                        map.entry(key.as_str().into())
                            .or_insert_with(|| Vec::with_capacity(1))
                            .push((form.clone(), *stats));
                    }
                    sort_groups(&mut map);
                    (lang, map)
                })
                .collect()
        })
    }

    /// From the K1 groups: a single-token form's V key is that of its K1 key.
    fn by_v(&self) -> &FormGroups {
        self.derived.by_v.get_or_init(|| {
            let mut v = String::new();
            self.by_k1()
                .iter()
                .map(|(&lang, groups)| {
                    let mut map = Groups::new();
                    for (k1, forms) in groups {
                        if k1.chars().count() < names::MIN_V_LETTERS {
                            continue;
                        }
                        let mut single = forms.iter().filter(|(f, _)| !f.contains(' ')).peekable();
                        if single.peek().is_none() {
                            continue;
                        }
                        v.clear();
                        names::push_vkey(k1, &mut v);
                        map.entry(v.as_str().into())
                            .or_default()
                            .extend(single.cloned());
                    }
                    sort_groups(&mut map);
                    (lang, map)
                })
                .collect()
        })
    }

    fn colloc_margins(&self) -> &HashMap<Lang, CollocMargins> {
        self.derived.colloc_margins.get_or_init(|| {
            self.langs
                .iter()
                .filter(|(_, s)| !s.colloc.is_empty())
                .map(|(&lang, s)| {
                    let mut m = CollocMargins::default();
                    for (k, &n) in &s.colloc {
                        if let Some((l, r)) = k.split_once(colloc::SEP) {
                            add_to(&mut m.left, l, n);
                            add_to(&mut m.right, r, n);
                            m.total += n;
                        }
                    }
                    (lang, m)
                })
                .collect()
        })
    }

    fn foreign(&self) -> &HashMap<Lang, HashSet<Box<str>>> {
        self.derived.foreign.get_or_init(|| {
            let mut out: HashMap<Lang, HashSet<Box<str>>> = HashMap::new();
            for (&other, so) in &self.langs {
                for (w, ws) in &so.vocab {
                    let lower = ws.count.saturating_sub(ws.capitalized + ws.upper);
                    if lower < FOREIGN_MIN_COUNT {
                        continue;
                    }
                    for (&lang, sl) in self.langs.iter().filter(|(l, _)| **l != other) {
                        let here = sl.vocab.get(w).map_or(0, |x| x.count);
                        if lower >= FOREIGN_RATIO * here {
                            out.entry(lang).or_default().insert(w.clone());
                        }
                    }
                }
            }
            out
        })
    }
}

/// Adds `n` to the count of `key`, allocating the key only when it is new.
fn add_to(map: &mut HashMap<Box<str>, u64>, key: &str, n: u64) {
    match map.get_mut(key) {
        Some(v) => *v += n,
        None => {
            map.insert(key.into(), n);
        }
    }
}

/// Adds the counts of `from` into `into` (the smaller map into the larger one).
fn merge_map<K: std::hash::Hash + Eq, V: Default>(
    into: &mut HashMap<K, V>,
    mut from: HashMap<K, V>,
    add: fn(&mut V, &V),
) {
    if from.len() > into.len() {
        std::mem::swap(into, &mut from);
    }
    for (k, v) in from {
        add(into.entry(k).or_default(), &v);
    }
}

fn merge_counts<K: std::hash::Hash + Eq>(into: &mut HashMap<K, u64>, from: HashMap<K, u64>) {
    merge_map(into, from, |a, b| *a += *b);
}

/// Sorts each group of name forms by form.
fn sort_groups(map: &mut Groups) {
    for group in map.values_mut() {
        if group.len() > 1 {
            group.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        }
    }
}

/// Appends to `out` the union of two groups of name forms sorted by form (a form's group holds it
/// exactly when its index has it at all), adding the counts of forms found in both.
fn merge_groups<'a>(
    own: &'a [(Box<str>, NameStats)],
    other: &'a [(Box<str>, NameStats)],
    out: &mut Vec<(&'a str, NameStats)>,
) {
    let (mut a, mut b) = (own.iter().peekable(), other.iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => match x.0.cmp(&y.0) {
                std::cmp::Ordering::Less => a.next().map(|x| (&*x.0, x.1)),
                std::cmp::Ordering::Greater => b.next().map(|y| (&*y.0, y.1)),
                std::cmp::Ordering::Equal => {
                    let (x, y) = (a.next(), b.next());
                    x.zip(y).map(|(x, y)| {
                        let mut s = x.1;
                        s.add(&y.1);
                        (&*x.0, s)
                    })
                }
            },
            (Some(_), None) => a.next().map(|x| (&*x.0, x.1)),
            (None, Some(_)) => b.next().map(|y| (&*y.0, y.1)),
            (None, None) => None,
        };
        match next {
            Some(item) => out.push(item),
            None => break,
        }
    }
}

/// The fingerprint of a sentence: its words case- and accent-folded, punctuation dropped.
pub fn sentence_fingerprint(an: &Analysis<'_>, s: &crate::tokenize::Sentence) -> u64 {
    let mut key = Vec::with_capacity(s.span.len() + 1);
    sentence_key(an, s, &mut key);
    xxhash_rust::xxh3::xxh3_64(&key)
}

/// Writes the bytes hashed by [`sentence_fingerprint`] into `key` (cleared first): each word and
/// number key-folded (`normalize::fold_key`) and followed by one space.
///
/// The keys are written into a buffer kept longer than the key, in whole eight-byte chunks for
/// ASCII (the bytes past a word's end are overwritten by what comes next): words of ASCII and
/// U+00C0–U+00FF letters (nearly all of them) by [`latin1_key_into`], other words by
/// `normalize::push_fold_key_bytes`. The buffer is sized once for the sentence (its
/// key is seldom longer than its text) and grown when a word would not fit.
fn sentence_key(an: &Analysis<'_>, s: &crate::tokenize::Sentence, key: &mut Vec<u8>) {
    let text = an.text.as_bytes();
    key.clear();
    key.resize(s.span.len() + 64, 0);
    // The buffer, borrowed again after each change of `key`.
    let mut buf = &mut key[..];
    let mut o = 0usize;
    for t in an.sentence_tokens(s) {
        if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
            continue;
        }
        let (start, end) = (t.start as usize, t.end as usize);
        // Room for the word, its space and the slack of a whole last chunk (the key of an ASCII
        // or Latin-1 word is no longer than the word).
        if buf.len() < o + end.saturating_sub(start) + 9 {
            key.resize(2 * (o + end.saturating_sub(start)) + 64, 0);
            buf = &mut key[..];
        }
        let w = match latin1_key_into(text, start, end, buf, o) {
            Some(w) => w,
            None => {
                key.truncate(o);
                normalize::push_fold_key_bytes(t.text(an.text), key);
                let w = key.len();
                key.resize(w + 64, 0);
                buf = &mut key[..];
                w
            }
        };
        if let Some(b) = buf.get_mut(w) {
            *b = b' ';
        }
        o = w + 1;
    }
    key.truncate(o);
}

/// Writes the key (`normalize::fold_key`) of the word `text[start..end]` into `out` from `at`
/// when its characters are ASCII or of U+00C0–U+00FF (then no longer than the word), eight bytes
/// at a time for runs of ASCII (`out` needs 8 bytes to spare after the word's length): the end of
/// the key in `out`, or `None` for a word with other characters.
#[inline]
fn latin1_key_into(
    text: &[u8],
    start: usize,
    end: usize,
    out: &mut [u8],
    at: usize,
) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (mut i, mut w) = (start, at);
    while i < end {
        let x = load8(text, i);
        let ascii = ((x & HIGH).trailing_zeros() / 8) as usize;
        if ascii > 0 {
            let n = ascii.min(end - i);
            out.get_mut(w..w + 8)?
                .copy_from_slice(&ascii_lower8(x).to_le_bytes());
            i += n;
            w += n;
            continue;
        }
        if x & 0xFF != 0xC3 || end - i < 2 {
            return None;
        }
        let (k, n) = normalize::latin1_key((x >> 8) as u8);
        out.get_mut(w..w + 2)?.copy_from_slice(&k);
        i += 2;
        w += usize::from(n);
    }
    Some(w)
}

/// The shape of the document's last non-blank line when it is short enough to be a tag.
pub fn last_line_shape(an: &Analysis<'_>) -> Option<String> {
    let line = an
        .lines
        .iter()
        .rev()
        .map(|l| l.text(an.text).trim())
        .find(|l| !l.is_empty())?;
    if line.chars().count() > MAX_SHAPE_CHARS {
        return None;
    }
    Some(normalize::shape(line))
}

/// What rules read: the inputs' own index, plus a reference index when one was given.
#[derive(Debug)]
pub struct IndexView<'a> {
    own: &'a Index,
    reference: Option<&'a Index>,
    /// Verdicts on name forms, computed once for the whole view (see [`IndexView::name_verdicts`]).
    name_verdicts: OnceLock<NameVerdicts>,
    /// [`IndexView::languages`], computed on first use.
    languages: OnceLock<Vec<(Lang, u64)>>,
}

/// A name form with its counts summed over a view.
pub type NameForm<'a> = (&'a str, NameStats);

/// Language → name form → what a rule concluded about it from the whole view: the majority form of
/// its cluster, the form's mentions, the cluster's mentions and the form's document frequency.
pub type NameVerdicts = HashMap<Lang, HashMap<Box<str>, (Box<str>, u64, u64, u64)>>;

impl<'a> IndexView<'a> {
    pub fn new(own: &'a Index, reference: Option<&'a Index>) -> Self {
        IndexView {
            own,
            reference,
            name_verdicts: OnceLock::new(),
            languages: OnceLock::new(),
        }
    }

    /// The verdicts on the view's name forms: computed by `compute` on first use, then shared by
    /// every document (the view is read-only during the lint pass, so they never change).
    pub fn name_verdicts(&self, compute: impl FnOnce(&Self) -> NameVerdicts) -> &NameVerdicts {
        self.name_verdicts.get_or_init(|| compute(self))
    }

    /// Calls `f` with every K1 group of name forms of the view (its language, its key and its
    /// forms as [`IndexView::names_by_k1`] gives them), each group once: every name form is in
    /// exactly one.
    pub fn each_name_group(&self, f: &mut dyn FnMut(Lang, &str, &[NameForm<'a>])) {
        let own = self.own.by_k1();
        let reference = self.reference.map(Index::by_k1);
        let mut group = Vec::new();
        for (&lang, groups) in own {
            let other = reference.and_then(|r| r.get(&lang));
            for (key, forms) in groups {
                let more = other
                    .and_then(|o| o.get(key))
                    .map_or(&[][..], Vec::as_slice);
                group.clear();
                merge_groups(forms, more, &mut group);
                f(lang, key, &group);
            }
        }
        for (&lang, groups) in reference.into_iter().flatten() {
            let own = own.get(&lang);
            for (key, forms) in groups {
                if own.is_some_and(|o| o.contains_key(key)) {
                    continue;
                }
                group.clear();
                group.extend(forms.iter().map(|(f, s)| (&**f, *s)));
                f(lang, key, &group);
            }
        }
    }

    fn each(&self) -> impl Iterator<Item = &'a Index> {
        std::iter::once(self.own).chain(self.reference)
    }

    pub fn documents(&self) -> u64 {
        self.each().map(|i| i.documents).sum()
    }

    /// Words in `lang` over the whole view.
    pub fn words(&self, lang: Lang) -> u64 {
        self.each()
            .filter_map(|i| i.langs.get(&lang))
            .map(|s| s.words)
            .sum()
    }

    /// Documents in `lang` over the whole view.
    pub fn lang_documents(&self, lang: Lang) -> u64 {
        self.each()
            .filter_map(|i| i.langs.get(&lang))
            .map(|s| s.documents)
            .sum()
    }

    /// Counts of a case-folded word in `lang`.
    pub fn word(&self, lang: Lang, folded: &str) -> WordStats {
        let mut out = WordStats::default();
        for s in self.each().filter_map(|i| i.langs.get(&lang)) {
            if let Some(w) = s.vocab.get(folded) {
                out.add(w);
            }
        }
        out
    }

    /// Documents containing the line of fingerprint `fp`. In `check`, counts below
    /// [`spill::MIN_DF`] may read as 0 (see [`spill`]): thresholds must be at least that.
    pub fn line_df(&self, fp: u64) -> u64 {
        self.each().filter_map(|i| i.lines.get(&fp)).sum()
    }

    /// Documents containing the sentence of fingerprint `fp`; as [`IndexView::line_df`].
    pub fn sentence_df(&self, fp: u64) -> u64 {
        self.each().filter_map(|i| i.sentences.get(&fp)).sum()
    }

    pub fn last_line_shape_df(&self, shape: &str) -> u64 {
        self.each()
            .filter_map(|i| i.last_line_shapes.get(shape))
            .sum()
    }

    /// Counts of a name surface form in `lang`.
    pub fn name(&self, lang: Lang, form: &str) -> NameStats {
        let mut out = NameStats::default();
        for s in self.each().filter_map(|i| i.langs.get(&lang)) {
            if let Some(n) = s.names.get(form) {
                out.add(n);
            }
        }
        out
    }

    fn group(
        &self,
        lang: Lang,
        key: &str,
        derived: impl Fn(&'a Index) -> &'a FormGroups,
    ) -> Vec<(&'a str, NameStats)> {
        let list = |i: &'a Index| -> &'a [(Box<str>, NameStats)] {
            derived(i)
                .get(&lang)
                .and_then(|m| m.get(key))
                .map_or(&[], Vec::as_slice)
        };
        let own = list(self.own);
        let other = self.reference.map_or(&[][..], list);
        let mut out = Vec::with_capacity(own.len() + other.len());
        merge_groups(own, other, &mut out);
        out
    }

    /// Every name form of `lang` whose K1 key (`names::k1`) is `k1`, with its counts summed over
    /// the view; sorted by form.
    pub fn names_by_k1(&self, lang: Lang, k1: &str) -> Vec<(&'a str, NameStats)> {
        self.group(lang, k1, Index::by_k1)
    }

    /// Every single-token name form of `lang` (of `names::MIN_V_LETTERS` letters or more) whose
    /// V key (`names::vkey`) is `v`, with its counts summed over the view; sorted by form.
    pub fn names_by_v(&self, lang: Lang, v: &str) -> Vec<(&'a str, NameStats)> {
        self.group(lang, v, Index::by_v)
    }

    /// The candidate untranslated words of `lang`: [`ForeignCandidates::contains`] is true when a
    /// lowercase word is, in some index of the view, at least `FOREIGN_RATIO` times more frequent
    /// (in lowercase) in another language than in `lang`, with `FOREIGN_MIN_COUNT` occurrences
    /// there. A candidate only: callers check the summed counts.
    pub fn foreign_candidates(&self, lang: Lang) -> ForeignCandidates<'a> {
        let set = |i: Option<&'a Index>| i.and_then(|i| i.foreign().get(&lang));
        ForeignCandidates([set(Some(self.own)), set(self.reference)])
    }

    /// Occurrences of the collocation pair `left de right` (`of` in English) in `lang`.
    pub fn colloc(&self, lang: Lang, left: &str, right: &str) -> u64 {
        let mut key = String::with_capacity(left.len() + right.len() + 1);
        colloc::key(left, right, &mut key);
        self.each()
            .filter_map(|i| i.langs.get(&lang))
            .filter_map(|s| s.colloc.get(key.as_str()))
            .sum()
    }

    /// Marginal pair counts in `lang`: pairs with `left` on the left, pairs with `right` on the
    /// right, and all pairs.
    pub fn colloc_margins(&self, lang: Lang, left: &str, right: &str) -> (u64, u64, u64) {
        let mut out = (0, 0, 0);
        for m in self.each().filter_map(|i| i.colloc_margins().get(&lang)) {
            out.0 += m.left.get(left).copied().unwrap_or(0);
            out.1 += m.right.get(right).copied().unwrap_or(0);
            out.2 += m.total;
        }
        out
    }

    /// The languages of the view, with their word counts, in language order.
    pub fn languages(&self) -> &[(Lang, u64)] {
        self.languages.get_or_init(|| {
            let mut out: BTreeMap<Lang, u64> = BTreeMap::new();
            for i in self.each() {
                for (&l, s) in &i.langs {
                    *out.entry(l).or_default() += s.words;
                }
            }
            out.into_iter().collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index_of(texts: &[&str]) -> Index {
        let mut builder = IndexBuilder::default();
        for t in texts {
            builder.add(&Analysis::new(t, Some(Lang::FR)));
        }
        builder.finish()
    }

    /// The sentence key is each word's `fold_key` followed by a space, whatever the words' lengths
    /// (the eight-byte chunks), scripts and case expansions.
    #[test]
    fn sentence_key_is_the_folded_words() {
        let texts = [
            "Le Président a dit : « Non ». Puis il est parti en 2024, à 12 h 30.",
            "ABCDEFGH abcdefghijklmnop X-Y l'Élysée ŒUVRE Straße İstanbul 3,5 km.",
            "Ünïcödé first then ASCII words-that-are-rather-long afterwards.",
            "Один, два; drei — vier.",
            "a b c d e f g h i j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6 7 8 9",
            "Àé ÉTÉ ÆSIR straße ÇA ça Œil; déjà-vu résumé ÉTÉÉTÉÉTÉÉTÉÉTÉ abcdéfghijklmnopé Noël",
            "Il était une fois à Noël",
        ];
        let mut key = Vec::new();
        for text in texts {
            let an = Analysis::new(text, Some(Lang::FR));
            for s in &an.sentences {
                let mut expect = String::new();
                let mut folded = String::new();
                for t in an.sentence_tokens(s) {
                    if matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                        normalize::fold_key(t.text(text), &mut folded);
                        expect.push_str(&folded);
                        expect.push(' ');
                    }
                }
                sentence_key(&an, s, &mut key);
                assert_eq!(String::from_utf8_lossy(&key), expect, "{text:?}");
            }
        }
    }

    /// `merge_all` (the parallel merge of pass 1's workers) gives what `merge` gives, every table
    /// included: it once dropped the collocations of all workers but the first.
    #[test]
    fn parallel_merge_equals_sequential_merge() {
        let a =
            "Un drone de surveillance survole la ville de Paris.\nLe ministre de la Défense parle.";
        let b = "Un autre drone de surveillance.\nLe geste de paix du ministre de Russie.";
        let mut sequential = index_of(&[a]);
        sequential.merge(index_of(&[b]));
        let parallel = Index::merge_all(vec![index_of(&[a]), index_of(&[b])]);
        assert!(!parallel.langs[&Lang::FR].colloc.is_empty());
        assert_eq!(parallel, sequential);
        assert_eq!(parallel, index_of(&[a, b]));
    }
}
