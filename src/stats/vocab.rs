//! The vocabulary: word token → count, per language, for type/token and hapax ratios.
//!
//! Word tokens are the linter tokenizer's `Word` tokens (letters, marks and digits joined by
//! internal `'`, `’` or `-`, with at least one letter), counted as they appear. Types are counted
//! after lowercasing (Unicode `to_lowercase`), at summary time, so the per-token cost is one hash
//! probe. This is the one statistic whose memory grows with the corpus (with its vocabulary).

use std::collections::BTreeMap;

use hashbrown::{HashMap, HashTable};
use serde::{Deserialize, Serialize};

use super::Merge;
use super::keys::{IdBuild, PackedCount, add_packed, pack, packed_hash, unpack};
use crate::lang::Lang;

/// Word counts of one language: words of at most 16 bytes keyed by their packed bytes (one cheap
/// hash, no comparison of bytes), longer ones by their text.
#[derive(Clone, Debug, Default)]
pub struct Table {
    short: HashTable<PackedCount>,
    long: HashMap<Box<str>, u64>,
}

impl Table {
    /// Counts `n` occurrences of `word`, whose packed key (`keys::pack`) is `packed`.
    pub fn add(&mut self, packed: Option<u128>, word: &str, n: u64) {
        match packed {
            Some(k) => add_packed(&mut self.short, k, packed_hash(k), n),
            None => match self.long.get_mut(word) {
                Some(c) => *c += n,
                None => {
                    self.long.insert(word.into(), n);
                }
            },
        }
    }

    /// Distinct words.
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Makes room for `n` words of at most 16 bytes.
    pub fn reserve(&mut self, n: usize) {
        self.short.reserve(n, |e| packed_hash(e.key()));
    }

    /// Every (word, count), in no particular order.
    fn for_each(&self, mut f: impl FnMut(&str, u64)) {
        for e in &self.short {
            let bytes = unpack(e.key());
            f(&String::from_utf8_lossy(&bytes), e.count);
        }
        for (w, &c) in &self.long {
            f(w, c);
        }
    }

    fn merge(&mut self, other: Table) {
        if self.short.is_empty() {
            self.short = other.short;
        } else {
            for e in other.short {
                let k = e.key();
                add_packed(&mut self.short, k, packed_hash(k), e.count);
            }
        }
        for (w, c) in other.long {
            *self.long.entry(w).or_insert(0) += c;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.short.is_empty() && self.long.is_empty()
    }
}

/// Lowercased word → count, keyed like a [`Table`] (packed when the lowercased word has at most 16
/// bytes, else by text) so that the common case, a short ASCII word, is folded without allocating.
#[derive(Default)]
struct Folded {
    short: HashMap<u128, u64, IdBuild>,
    long: HashMap<String, u64>,
}

/// Every byte's high bit, in a packed key: zero for ASCII words.
const HIGH_BITS: u128 = u128::from_le_bytes([0x80; 16]);

impl Folded {
    /// The lowercased counts of `table`.
    fn of(table: &Table) -> Folded {
        let mut f = Folded {
            short: HashMap::with_capacity_and_hasher(table.short.len(), IdBuild::default()),
            long: HashMap::new(),
        };
        for e in &table.short {
            let k = e.key();
            if k & HIGH_BITS == 0 {
                // ASCII: lowercasing maps bytes to bytes, and the result is packed like `k`.
                let lower = u128::from_le_bytes(k.to_le_bytes().map(|b| b.to_ascii_lowercase()));
                *f.short.entry(lower).or_insert(0) += e.count;
            } else {
                let bytes = unpack(k);
                f.add_lower(&String::from_utf8_lossy(&bytes).to_lowercase(), e.count);
            }
        }
        for (w, &c) in &table.long {
            f.add_lower(&w.to_lowercase(), c);
        }
        f
    }

    /// Counts `n` occurrences of the lowercased word `lower` (whose length lowercasing may have
    /// changed, either way: the key is chosen by the lowercased length).
    fn add_lower(&mut self, lower: &str, n: u64) {
        match pack(lower.as_bytes()) {
            Some(k) => *self.short.entry(k).or_insert(0) += n,
            None => match self.long.get_mut(lower) {
                Some(c) => *c += n,
                None => {
                    self.long.insert(lower.to_string(), n);
                }
            },
        }
    }

    fn merge(&mut self, other: Folded) {
        if self.short.is_empty() && self.long.is_empty() {
            // The first (often the only) language: no need to hash its words again.
            *self = other;
            return;
        }
        for (k, c) in other.short {
            *self.short.entry(k).or_insert(0) += c;
        }
        for (w, c) in other.long {
            *self.long.entry(w).or_insert(0) += c;
        }
    }

    fn counts(&self) -> Counts {
        Counts::of(self.short.values().chain(self.long.values()).copied())
    }
}

/// Word counts per language.
#[derive(Clone, Debug, Default)]
pub struct Vocab {
    langs: Vec<(Lang, Table)>,
}

impl Vocab {
    /// The table of one language, created on first use.
    pub fn table(&mut self, lang: Lang) -> &mut Table {
        let i = match self.langs.iter().position(|(l, _)| *l == lang) {
            Some(i) => i,
            None => {
                self.langs.push((lang, Table::default()));
                self.langs.len() - 1
            }
        };
        &mut self.langs[i].1
    }

    /// Counts one occurrence of `word` in `table`.
    pub fn add(table: &mut Table, word: &str) {
        table.add(pack(word.as_bytes()), word, 1);
    }

    /// Lowercased counts per language (sorted by language code) and over all languages.
    pub fn folded(&self) -> (BTreeMap<String, Counts>, Counts) {
        let mut per = BTreeMap::new();
        let mut all = Folded::default();
        for (lang, table) in &self.langs {
            let folded = Folded::of(table);
            per.insert(lang.as_str().to_string(), folded.counts());
            all.merge(folded);
        }
        (per, all.counts())
    }

    /// Every (language, word, count), sorted, for saving.
    pub fn to_saved(&self) -> BTreeMap<String, BTreeMap<String, u64>> {
        let mut out: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
        for (lang, table) in &self.langs {
            let m = out.entry(lang.as_str().to_string()).or_default();
            table.for_each(|w, c| *m.entry(w.to_string()).or_insert(0) += c);
        }
        out
    }

    pub fn from_saved(saved: BTreeMap<String, BTreeMap<String, u64>>) -> Vocab {
        let mut v = Vocab::default();
        for (code, words) in saved {
            let lang = Lang::parse(&code).unwrap_or(Lang::UND);
            let t = v.table(lang);
            for (w, c) in words {
                t.add(pack(w.as_bytes()), &w, c);
            }
        }
        v
    }
}

impl Merge for Vocab {
    fn merge(&mut self, other: Self) {
        for (lang, table) in other.langs {
            let mine = self.table(lang);
            if mine.is_empty() {
                *mine = table;
            } else {
                mine.merge(table);
            }
        }
    }
}

/// Tokens, types and hapax legomena of a vocabulary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub tokens: u64,
    pub types: u64,
    /// Types seen exactly once.
    pub hapax: u64,
}

impl Counts {
    fn of(counts: impl Iterator<Item = u64>) -> Counts {
        let mut c = Counts::default();
        for n in counts {
            c.tokens += n;
            c.types += 1;
            c.hapax += u64::from(n == 1);
        }
        c
    }

    /// types / tokens (0 without tokens).
    pub fn type_token_ratio(&self) -> f64 {
        if self.tokens == 0 {
            0.0
        } else {
            self.types as f64 / self.tokens as f64
        }
    }

    /// hapax / types (0 without types): the share of the vocabulary seen once.
    pub fn hapax_ratio(&self) -> f64 {
        if self.types == 0 {
            0.0
        } else {
            self.hapax as f64 / self.types as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_fold_case_and_merge() {
        let mut a = Vocab::default();
        let t = a.table(Lang::FR);
        for w in ["Le", "le", "chat", "dort"] {
            Vocab::add(t, w);
        }
        let mut b = Vocab::default();
        let t = b.table(Lang::EN);
        for w in ["the", "cat", "chat"] {
            Vocab::add(t, w);
        }
        a.merge(b);
        let (per, all) = a.folded();
        // fr: le ×2, chat, dort → 4 tokens, 3 types, 2 hapax.
        assert_eq!(
            per["fr"],
            Counts {
                tokens: 4,
                types: 3,
                hapax: 2
            }
        );
        // All: le ×2, chat ×2 (fr + en), dort, the, cat → 7 tokens, 5 types, 3 hapax.
        assert_eq!(
            all,
            Counts {
                tokens: 7,
                types: 5,
                hapax: 3
            }
        );
        assert!((all.type_token_ratio() - 5.0 / 7.0).abs() < 1e-12);
        assert!((all.hapax_ratio() - 0.6).abs() < 1e-12);
        let back = Vocab::from_saved(a.to_saved());
        assert_eq!(back.folded(), a.folded());
    }

    /// The folded counts equal those of lowercasing every word as text, whichever key (packed or
    /// text) each word and its lowercase take.
    #[test]
    fn folding_matches_lowercasing_text() {
        let words = [
            "Le",
            "LE",
            "le",
            "Été",
            "été",
            "ÉTÉ",
            "Straße",
            "STRASSE",
            "İstanbul",
            "istanbul",
            "gouvernementales",
            "Gouvernementales",
            "GOUVERNEMENTALES",
            "anticonstitutionnellement",
            "Anticonstitutionnellement",
            "\u{212A}\u{212A}\u{212A}\u{212A}\u{212A}\u{212A}",
            "kkkkkk",
            "ÀÀÀÀÀÀÀÀ",
            "àààààààà",
        ];
        let mut v = Vocab::default();
        for (i, w) in words.iter().enumerate() {
            let lang = if i % 2 == 0 { Lang::FR } else { Lang::EN };
            for _ in 0..=i % 3 {
                Vocab::add(v.table(lang), w);
            }
        }
        let naive = |table: &Table| {
            let mut m: HashMap<String, u64> = HashMap::new();
            table.for_each(|w, c| *m.entry(w.to_lowercase()).or_insert(0) += c);
            m
        };
        let (per, all) = v.folded();
        let mut union: HashMap<String, u64> = HashMap::new();
        for (lang, table) in &v.langs {
            let m = naive(table);
            assert_eq!(per[lang.as_str()], Counts::of(m.values().copied()));
            for (w, c) in m {
                *union.entry(w).or_insert(0) += c;
            }
        }
        assert_eq!(all, Counts::of(union.values().copied()));
    }
}
