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
use super::keys::{PackedCount, add_packed, pack, packed_hash, unpack};
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

    fn is_empty(&self) -> bool {
        self.short.is_empty() && self.long.is_empty()
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
        let mut all: HashMap<String, u64> = HashMap::new();
        for (lang, table) in &self.langs {
            let mut folded: HashMap<String, u64> = HashMap::new();
            table.for_each(|w, c| *folded.entry(w.to_lowercase()).or_insert(0) += c);
            let counts = Counts::of(folded.values().copied());
            for (w, c) in folded {
                *all.entry(w).or_insert(0) += c;
            }
            per.insert(lang.as_str().to_string(), counts);
        }
        (per, Counts::of(all.values().copied()))
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
}
