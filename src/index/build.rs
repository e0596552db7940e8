//! Building an index document by document (pass 1).
//!
//! An [`IndexBuilder`] counts straight into its tables: each word and name entry remembers the
//! last document that counted it, so document frequencies need no per-document map, and the
//! builder's scratch buffers are reused from one document to the next, so a document costs no
//! allocation beyond the table entries it adds. A builder per worker thread, merged once at the
//! end, gives the same index as adding every document to one (every table holds counts).

use std::collections::BTreeMap;

use hashbrown::HashMap;
use hashbrown::hash_map::EntryRef;

use super::colloc;
use super::names::{self, MentionScratch};
use super::spill::{self, Counts};
use super::{Index, LangStats, MIN_SENTENCE_WORDS, NameStats, WordStats, last_line_shape};
use crate::lang::Lang;
use crate::lang::words::{ascii_capitals8, read_partial};
use crate::tokenize::{Analysis, TokenKind, normalize};

/// Counts, and the serial number of the last document that counted them (0: none).
#[derive(Clone, Copy, Debug, Default)]
struct Marked<T> {
    stats: T,
    last: u64,
}

#[derive(Debug, Default)]
struct LangBuild {
    documents: u64,
    words: u64,
    bytes: u64,
    vocab: HashMap<Box<str>, Marked<WordStats>>,
    names: HashMap<Box<str>, Marked<NameStats>>,
    colloc: HashMap<Box<str>, u64>,
}

/// Reusable buffers.
#[derive(Default)]
struct Scratch {
    fold: String,
    key: Vec<u8>,
    bytes: Vec<u8>,
    fps: Vec<u64>,
    mentions: MentionScratch,
    surface: String,
    pair: String,
}

/// Accumulates documents into an index; see the module docs.
#[derive(Default)]
pub struct IndexBuilder {
    documents: u64,
    langs: BTreeMap<Lang, LangBuild>,
    lines: Counts,
    sentences: Counts,
    last_line_shapes: HashMap<Box<str>, u64>,
    /// Whether collocations are left uncounted (no rule of the run reads them).
    skip_collocations: bool,
    scratch: Scratch,
}

impl IndexBuilder {
    /// A builder whose line and sentence fingerprint counts stay in bounded memory, spilling to
    /// temporary files (see [`spill`]), and that counts collocations only when asked; finish it
    /// with [`IndexBuilder::finish_parts`].
    pub fn bounded(collocations: bool) -> IndexBuilder {
        IndexBuilder {
            lines: Counts::bounded(spill::TABLE_LIMIT),
            sentences: Counts::bounded(spill::TABLE_LIMIT),
            skip_collocations: !collocations,
            ..IndexBuilder::default()
        }
    }

    /// Adds one document's counts, from its analysis.
    pub fn add(&mut self, an: &Analysis<'_>) {
        let IndexBuilder {
            documents,
            langs,
            lines,
            sentences,
            last_line_shapes,
            skip_collocations,
            scratch,
        } = self;
        let text = an.text;
        *documents += 1;
        let serial = *documents;
        let stats = langs.entry(an.lang).or_default();
        stats.documents += 1;
        stats.bytes += text.len() as u64;

        let mut words = 0u64;
        for t in an.tokens.iter().filter(|t| t.kind == TokenKind::Word) {
            let w = t.text(text);
            words += 1;
            let (case, upper) = case_of(w);
            let key = if upper {
                normalize::fold(w, &mut scratch.fold);
                scratch.fold.as_str()
            } else {
                w
            };
            let e = slot(&mut stats.vocab, key);
            e.stats.count += 1;
            match case {
                Case::Capitalized => e.stats.capitalized += 1,
                Case::Upper => e.stats.upper += 1,
                Case::Other => {}
            }
            if e.last != serial {
                e.last = serial;
                e.stats.df += 1;
            }
        }
        stats.words += words;

        let names = &mut stats.names;
        let surface = &mut scratch.surface;
        names::each_mention(an, &mut scratch.mentions, &mut |parts, particle| {
            names::each_form_surface(text, parts, particle, surface, &mut |form| {
                let e = slot(names, form);
                e.stats.mentions += 1;
                if e.last != serial {
                    e.last = serial;
                    e.stats.df += 1;
                }
            });
        });

        if !*skip_collocations {
            let (pairs, pair) = (&mut stats.colloc, &mut scratch.pair);
            colloc::each_pair(an, &mut |left, right, _| {
                colloc::key(left, right, pair);
                *slot(pairs, pair) += 1;
            });
        }

        let fps = &mut scratch.fps;
        fps.clear();
        fps.extend(
            an.lines
                .iter()
                .filter_map(|l| normalize::line_fingerprint(l.text(text), &mut scratch.bytes)),
        );
        count_distinct(fps, lines);

        fps.clear();
        for s in &an.sentences {
            let long = an
                .sentence_tokens(s)
                .iter()
                .filter(|t| t.is_word())
                .nth(MIN_SENTENCE_WORDS - 1)
                .is_some();
            if long {
                super::sentence_key(an, s, &mut scratch.key);
                fps.push(xxhash_rust::xxh3::xxh3_64(&scratch.key));
            }
        }
        count_distinct(fps, sentences);

        if let Some(shape) = last_line_shape(an) {
            *slot(last_line_shapes, &shape) += 1;
        }
    }

    /// The index of the documents added so far, for a builder made with `default()` (whose counts
    /// never spill).
    pub fn finish(self) -> Index {
        let (mut index, lines, sentences) = self.finish_parts();
        // Only a bounded builder has spilled runs; reading them back keeps every count.
        let table = |c: Counts| {
            c.into_table()
                .unwrap_or_else(|c| spill::merge(vec![c], &|_| true).unwrap_or_default())
        };
        index.lines = table(lines);
        index.sentences = table(sentences);
        index
    }

    /// The index of the documents added so far without its line and sentence tables, and the
    /// counts that make them (to be added up with other builders' by [`spill::merge`]).
    pub fn finish_parts(self) -> (Index, Counts, Counts) {
        let langs = self
            .langs
            .into_iter()
            .map(|(lang, b)| {
                let stats = LangStats {
                    documents: b.documents,
                    words: b.words,
                    bytes: b.bytes,
                    vocab: b.vocab.into_iter().map(|(k, v)| (k, v.stats)).collect(),
                    names: b.names.into_iter().map(|(k, v)| (k, v.stats)).collect(),
                    colloc: b.colloc,
                };
                (lang, stats)
            })
            .collect();
        let index = Index {
            documents: self.documents,
            langs,
            lines: HashMap::new(),
            sentences: HashMap::new(),
            last_line_shapes: self.last_line_shapes,
            derived: Default::default(),
        };
        (index, self.lines, self.sentences)
    }
}

/// The value of `key`, inserted (as its default) when missing; the key is allocated only then.
fn slot<'m, V: Default>(map: &'m mut HashMap<Box<str>, V>, key: &str) -> &'m mut V {
    match map.entry_ref(key) {
        EntryRef::Occupied(e) => e.into_mut(),
        EntryRef::Vacant(e) => e.insert_with_key(Box::from(key), V::default()),
    }
}

/// Adds one to the count of each distinct fingerprint of `fps` (sorted here).
fn count_distinct(fps: &mut [u64], counts: &mut Counts) {
    fps.sort_unstable();
    let mut prev = None;
    for &fp in fps.iter() {
        if prev != Some(fp) {
            counts.add(fp);
            prev = Some(fp);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Case {
    Capitalized,
    Upper,
    Other,
}

/// The case of a word (over its letters: initial capital and lowercase rest, capitals only, or
/// anything else) and whether it has an uppercase char at all.
pub(super) fn case_of(w: &str) -> (Case, bool) {
    // Most words: at most eight ASCII bytes, a lowercase first letter and no capital, in one test.
    let bytes = w.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_lowercase) {
        let x = match <[u8; 8]>::try_from(bytes) {
            Ok(a) => Some(u64::from_le_bytes(a)),
            Err(_) => (bytes.len() < 8).then(|| read_partial(bytes)),
        };
        if x.is_some_and(|x| x & 0x8080_8080_8080_8080 == 0 && ascii_capitals8(x) == 0) {
            return (Case::Other, false);
        }
    }
    // Other ASCII words in one pass over the bytes.
    let mut first: Option<bool> = None;
    let (mut upper, mut lower) = (0u32, 0u32);
    for &b in w.as_bytes() {
        if b >= 0x80 {
            return (case_of_chars(w), w.chars().any(char::is_uppercase));
        }
        let is_upper = b.is_ascii_uppercase();
        if !is_upper && !b.is_ascii_lowercase() {
            continue;
        }
        match first {
            None => first = Some(is_upper),
            Some(_) if is_upper => upper += 1,
            Some(_) => lower += 1,
        }
    }
    let case = match first {
        Some(true) => case_from_counts(upper, lower),
        _ => Case::Other,
    };
    (case, first == Some(true) || upper > 0)
}

fn case_from_counts(upper: u32, lower: u32) -> Case {
    match (upper, lower) {
        (0, 0) => Case::Other,
        (_, 0) => Case::Upper,
        (0, _) => Case::Capitalized,
        _ => Case::Other,
    }
}

/// [`case_of`]'s case for any word, char by char.
fn case_of_chars(w: &str) -> Case {
    let mut chars = w.chars().filter(|c| c.is_alphabetic());
    let Some(first) = chars.next() else {
        return Case::Other;
    };
    if !first.is_uppercase() {
        return Case::Other;
    }
    let (mut upper, mut lower) = (0, 0);
    for c in chars {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    case_from_counts(upper, lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_of_ascii_agrees_with_chars() {
        for w in [
            "Russie",
            "KCNA",
            "A",
            "a",
            "iPhone",
            "McDonald",
            "ONU",
            "x2",
            "X2",
            "2X",
            "O'Brien",
            "l'ONU",
            "Été",
            "ÉTÉ",
            "été",
            "mAIS",
            "B-52",
            "",
            "abcdefgh",
            "abcdefgH",
            "abcdefghI",
            "aujourd'hui",
            "eTat",
            "x",
            "xY",
            "a-b-c",
            "été",
        ] {
            let (case, upper) = case_of(w);
            assert_eq!(case, case_of_chars(w), "{w}");
            assert_eq!(upper, w.chars().any(char::is_uppercase), "{w}");
        }
    }
}
