//! Closed-class word lists per language: function words, pronouns, articles and bound prefixes.
//!
//! The lists live in `src/lang/data/<lang>/{function_words,pronouns,articles,bound_prefixes}.txt`
//! (one lowercase entry per line, `#` comments) and are compiled into hash sets on first use.
//! French and English have full lists; German, Spanish and Italian small ones; any other language
//! has none, and every look-up answers `false`.
//!
//! Look-ups take the word already lowercased (see [`crate::tokenize::normalize::fold`]); elided
//! forms are listed without their apostrophe (`l`, `d`, `qu`).
//!
//! ```
//! use coquille::lang::{Lang, words};
//! assert!(words::is_function_word(Lang::FR, "selon"));
//! assert!(words::is_function_word(Lang::FR, "ils")); // pronouns are function words too
//! assert!(words::is_pronoun(Lang::EN, "they"));
//! assert!(words::is_article(Lang::FR, "du"));
//! assert!(words::is_bound_prefix(Lang::FR, "cyber"));
//! assert!(!words::is_function_word(Lang::FR, "russie"));
//! ```

use std::sync::LazyLock;

use super::Lang;
use super::detect::{STOPWORD_DATA, STOPWORD_LANGS};

/// The languages with word lists.
pub const LANGS: [Lang; 5] = [Lang::FR, Lang::EN, Lang::DE, Lang::ES, Lang::IT];

/// The data files of one language: function words, pronouns, articles, bound prefixes.
const DATA: [[&str; 4]; 5] = [
    [
        include_str!("data/fr/function_words.txt"),
        include_str!("data/fr/pronouns.txt"),
        include_str!("data/fr/articles.txt"),
        include_str!("data/fr/bound_prefixes.txt"),
    ],
    [
        include_str!("data/en/function_words.txt"),
        include_str!("data/en/pronouns.txt"),
        include_str!("data/en/articles.txt"),
        include_str!("data/en/bound_prefixes.txt"),
    ],
    [
        include_str!("data/de/function_words.txt"),
        include_str!("data/de/pronouns.txt"),
        include_str!("data/de/articles.txt"),
        include_str!("data/de/bound_prefixes.txt"),
    ],
    [
        include_str!("data/es/function_words.txt"),
        include_str!("data/es/pronouns.txt"),
        include_str!("data/es/articles.txt"),
        include_str!("data/es/bound_prefixes.txt"),
    ],
    [
        include_str!("data/it/function_words.txt"),
        include_str!("data/it/pronouns.txt"),
        include_str!("data/it/articles.txt"),
        include_str!("data/it/bound_prefixes.txt"),
    ],
];

/// The lists of one language.
struct Lists {
    /// Function words, pronouns and articles together.
    function: WordSet,
    pronouns: WordSet,
    articles: WordSet,
    prefixes: WordSet,
    /// The bound prefixes, longest first (for [`bound_prefix_of`]).
    prefix_list: Vec<&'static str>,
}

fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lists {
    fn new([function, pronouns, articles, prefixes]: [&'static str; 4]) -> Lists {
        let mut prefix_list: Vec<_> = entries(prefixes).collect();
        prefix_list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        prefix_list.dedup();
        Lists {
            function: WordSet::new(
                entries(function)
                    .chain(entries(pronouns))
                    .chain(entries(articles)),
            ),
            pronouns: WordSet::new(entries(pronouns)),
            articles: WordSet::new(entries(articles)),
            prefixes: WordSet::new(prefix_list.iter().copied()),
            prefix_list,
        }
    }
}

static LISTS: LazyLock<Vec<Lists>> = LazyLock::new(|| DATA.into_iter().map(Lists::new).collect());

fn lists(lang: Lang) -> Option<&'static Lists> {
    let i = LANGS.iter().position(|&l| l == lang)?;
    LISTS.get(i)
}

/// Whether `lang` has word lists (otherwise every look-up is `false`).
pub fn has_lists(lang: Lang) -> bool {
    LANGS.contains(&lang)
}

/// Whether `lowercase` is a function word of `lang`: a preposition, conjunction, determiner,
/// pronoun, article, auxiliary or frequent grammatical adverb (*selon, dans, ils, the, of, and*).
pub fn is_function_word(lang: Lang, lowercase: &str) -> bool {
    lists(lang).is_some_and(|l| l.function.contains(lowercase))
}

/// Whether `lowercase` is a pronoun of `lang` (personal, reflexive, demonstrative, relative). The
/// French object pronouns *le, la, les* are articles here, not pronouns.
pub fn is_pronoun(lang: Lang, lowercase: &str) -> bool {
    lists(lang).is_some_and(|l| l.pronouns.contains(lowercase))
}

/// Whether `lowercase` is an article of `lang` (including contracted ones: *du, au, aux, del*).
pub fn is_article(lang: Lang, lowercase: &str) -> bool {
    lists(lang).is_some_and(|l| l.articles.contains(lowercase))
}

/// Whether `lowercase` is a bound prefix of `lang`: one that starts one-word compounds
/// (*anti, cyber, contre, sous, non, counter*).
pub fn is_bound_prefix(lang: Lang, lowercase: &str) -> bool {
    lists(lang).is_some_and(|l| l.prefixes.contains(lowercase))
}

/// The longest bound prefix of `lang` that `lowercase` starts with, if any (`cyberattaque` →
/// `cyber`).
pub fn bound_prefix_of(lang: Lang, lowercase: &str) -> Option<&'static str> {
    lists(lang)?
        .prefix_list
        .iter()
        .copied()
        .find(|p| lowercase.starts_with(p))
}

static STOPWORDS: LazyLock<WordMap<u8>> = LazyLock::new(|| {
    let mut map = WordMap::default();
    for (bit, data) in STOPWORD_DATA.iter().enumerate() {
        for w in entries(data) {
            let mask = map.get(w).unwrap_or(0) | 1 << bit;
            map.insert(w, mask);
        }
    }
    map
});

/// The languages (bit `i` for `STOPWORD_LANGS[i]`) that have `lowercase` as a stop word: the same
/// answer as [`crate::lang::detect::is_stopword`] for each language, in one look-up.
pub fn stopword_mask(lowercase: &str) -> u8 {
    STOPWORDS.get(lowercase).unwrap_or(0)
}

/// Whether `lowercase` is a stop word of `lang` (as [`crate::lang::detect::is_stopword`]).
pub fn is_stopword(lang: Lang, lowercase: &str) -> bool {
    STOPWORD_LANGS
        .iter()
        .position(|&l| l == lang)
        .is_some_and(|i| stopword_mask(lowercase) >> i & 1 == 1)
}

/// Stop-word mask of a word in any case: lowercased first when it holds a capital (as
/// [`crate::lang::detect::stopword_scores`] does). `buf` is scratch space.
pub fn stopword_mask_any_case(word: &str, buf: &mut String) -> u8 {
    if let Some(mask) = stopword_mask_plain(word, !word.is_ascii()) {
        return mask;
    }
    if word.chars().any(char::is_uppercase) {
        crate::tokenize::normalize::fold(word, buf);
        stopword_mask(buf)
    } else {
        stopword_mask(word)
    }
}

/// [`stopword_mask_any_case`] of a plain word (see [`plain_latin1`]; `non_ascii` tells whether
/// it has a non-ASCII byte, which callers often know already): lowercasing it lowercases its ASCII
/// letters only, which the packed look-up does in registers. `None` for any other word.
#[inline]
pub fn stopword_mask_plain(word: &str, non_ascii: bool) -> Option<u8> {
    if non_ascii && !plain_latin1(word.as_bytes()) {
        return None;
    }
    Some(STOPWORDS.get_ascii_lowercase(word).unwrap_or(0))
}

/// Whether `b` holds only ASCII and characters of U+0080 to U+00FF that are no capitals (2 bytes,
/// lead byte 0xC2 or 0xC3; the capitals are U+00C0 to U+00DE but U+00D7): lowercasing it then
/// lowercases its ASCII letters only, and keeps its length.
fn plain_latin1(b: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        match x {
            0..=0x7F => i += 1,
            0xC2 => i += 2,
            0xC3 if b.get(i + 1).is_some_and(|&y| y > 0x9E || y == 0x97) => i += 2,
            _ => return false,
        }
    }
    true
}

/// Words of up to this many bytes are packed into a `u128` key (with their length).
const PACKED_BYTES: usize = 15;

/// Packs a word of 1 to [`PACKED_BYTES`] bytes (length in the top byte, so `ab` and `ab\0` differ),
/// its ASCII letters lowercased when `ascii_lower` is set.
#[inline]
fn pack(w: &[u8], ascii_lower: bool) -> Option<u128> {
    let n = w.len();
    if n == 0 || n > PACKED_BYTES {
        return None;
    }
    let (mut lo, mut hi) = if n >= 8 {
        (read_u64(&w[..8]), read_partial(&w[8..]))
    } else {
        (read_partial(w), 0)
    };
    if ascii_lower {
        lo = ascii_lower8(lo);
        hi = ascii_lower8(hi);
    }
    hi |= (n as u64) << 56;
    Some(u128::from(lo) | u128::from(hi) << 64)
}

#[inline]
fn read_u64(b: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[..8]);
    u64::from_le_bytes(a)
}

#[inline]
fn read_u32(b: &[u8]) -> u64 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[..4]);
    u64::from(u32::from_le_bytes(a))
}

/// The bytes of `b` (0 to 7 of them) as a little-endian integer, from two overlapping reads.
#[inline]
pub(crate) fn read_partial(b: &[u8]) -> u64 {
    let n = b.len();
    match n {
        0 => 0,
        1..=3 => {
            u64::from(b[0])
                | u64::from(b[n / 2]) << (8 * (n / 2))
                | u64::from(b[n - 1]) << (8 * (n - 1))
        }
        _ => read_u32(b) | read_u32(&b[n - 4..]) << (8 * (n - 4)),
    }
}

/// The eight bytes of `b` from `i` as a little-endian integer, zero-padded past its end.
#[inline]
pub(crate) fn load8(b: &[u8], i: usize) -> u64 {
    match b.get(i..i + 8) {
        Some(c) => {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            u64::from_le_bytes(a)
        }
        None => read_partial(b.get(i..).unwrap_or_default()),
    }
}

/// The zero bytes of the eight bytes of `x`: the high bit of each is set.
#[inline]
pub(crate) fn zero_bytes8(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    !(((x & LOW7) + LOW7) | x) & 0x8080_8080_8080_8080
}

/// Lowercases the ASCII capitals among the eight bytes of `x`.
#[inline]
pub(crate) fn ascii_lower8(x: u64) -> u64 {
    x | (ascii_capitals8(x) >> 2)
}

/// The ASCII capitals (`A` to `Z`) among the eight bytes of `x`: the high bit of each is set.
#[inline]
pub(crate) fn ascii_capitals8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low7 = x & (0x7f * ONES);
    let above_z = low7 + (0x25 * ONES); // high bit set from `[` (0x5B) up
    let from_a = low7 + (0x3f * ONES); // high bit set from `A` (0x41) up
    !x & (from_a ^ above_z) & (0x80 * ONES)
}

#[inline]
fn slot_of(key: u128, mask: usize) -> usize {
    let x = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask
}

/// A map from short words to small values, built once and read often: words of up to 15 bytes are
/// packed into integers (no string hashing or comparison on look-up); longer ones go to a plain
/// hash map.
#[derive(Clone, Debug)]
pub struct WordMap<V: Copy> {
    keys: Vec<u128>,
    vals: Vec<V>,
    len: usize,
    long: hashbrown::HashMap<Box<str>, V>,
}

impl<V: Copy> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            keys: Vec::new(),
            vals: Vec::new(),
            len: 0,
            long: hashbrown::HashMap::new(),
        }
    }
}

impl<V: Copy> WordMap<V> {
    /// Inserts or replaces the value of `w`.
    pub fn insert(&mut self, w: &str, v: V) {
        let Some(key) = pack(w.as_bytes(), false) else {
            self.long.insert(Box::from(w), v);
            return;
        };
        if (self.len + 1) * 2 > self.keys.len() {
            self.grow(v);
        }
        let mask = self.keys.len() - 1;
        let mut i = slot_of(key, mask);
        loop {
            let k = self.keys[i];
            if k == key {
                self.vals[i] = v;
                return;
            }
            if k == 0 {
                self.keys[i] = key;
                self.vals[i] = v;
                self.len += 1;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self, fill: V) {
        let cap = (self.keys.len() * 2).max(64);
        let old: Vec<(u128, V)> = self
            .keys
            .iter()
            .zip(&self.vals)
            .filter(|(k, _)| **k != 0)
            .map(|(k, v)| (*k, *v))
            .collect();
        self.keys = vec![0; cap];
        self.vals = vec![fill; cap];
        let mask = cap - 1;
        for (key, v) in old {
            let mut i = slot_of(key, mask);
            while self.keys[i] != 0 {
                i = (i + 1) & mask;
            }
            self.keys[i] = key;
            self.vals[i] = v;
        }
    }

    #[inline]
    fn find(&self, key: u128) -> Option<V> {
        if self.keys.is_empty() {
            return None;
        }
        let mask = self.keys.len() - 1;
        let mut i = slot_of(key, mask);
        loop {
            let k = *self.keys.get(i)?;
            if k == key {
                return self.vals.get(i).copied();
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// The value of `w` (exact bytes).
    #[inline]
    pub fn get(&self, w: &str) -> Option<V> {
        match pack(w.as_bytes(), false) {
            Some(key) => self.find(key),
            None if self.long.is_empty() => None,
            None => self.long.get(w).copied(),
        }
    }

    /// The value of `w` with its ASCII letters lowercased (other bytes as they are).
    #[inline]
    pub fn get_ascii_lowercase(&self, w: &str) -> Option<V> {
        match pack(w.as_bytes(), true) {
            Some(key) => self.find(key),
            None if self.long.is_empty() => None,
            None => self.long.get(w.to_ascii_lowercase().as_str()).copied(),
        }
    }

    pub fn contains(&self, w: &str) -> bool {
        self.get(w).is_some()
    }

    pub fn len(&self) -> usize {
        self.len + self.long.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A set of short words with fast look-ups (see [`WordMap`]).
#[derive(Clone, Debug, Default)]
pub struct WordSet(WordMap<()>);

impl WordSet {
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> WordSet {
        let mut map = WordMap::default();
        for w in words {
            map.insert(w, ());
        }
        WordSet(map)
    }

    /// Whether `w` is in the set (exact bytes).
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        self.0.get(w).is_some()
    }

    /// Whether `w`, its ASCII letters lowercased, is in the set.
    #[inline]
    pub fn contains_ascii_lowercase(&self, w: &str) -> bool {
        self.0.get_ascii_lowercase(w).is_some()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_latin1_lowercases_as_ascii() {
        for c in ('\0'..='\u{250}').chain(['\u{212A}', 'ǅ', 'Ω', 'ж', '’', '😀']) {
            let w = format!("a{c}b");
            let want = (c as u32) < 0x80 || ((c as u32) <= 0xFF && !c.is_uppercase());
            assert_eq!(plain_latin1(w.as_bytes()), want, "{c:?}");
            if want {
                let folded: String = w.chars().flat_map(char::to_lowercase).collect();
                assert_eq!(folded, w.to_ascii_lowercase(), "{c:?}");
            }
        }
    }

    #[test]
    fn french_lists() {
        for w in [
            "selon", "dans", "pour", "du", "qui", "ils", "le", "les", "et",
        ] {
            assert!(is_function_word(Lang::FR, w), "{w}");
        }
        assert!(is_pronoun(Lang::FR, "ils"));
        assert!(is_pronoun(Lang::FR, "elle"));
        assert!(!is_pronoun(Lang::FR, "le"));
        assert!(is_article(Lang::FR, "le"));
        assert!(is_article(Lang::FR, "aux"));
        assert!(!is_article(Lang::FR, "selon"));
        assert!(is_bound_prefix(Lang::FR, "anti"));
        assert!(!is_function_word(Lang::FR, "russie"));
        assert_eq!(bound_prefix_of(Lang::FR, "cyberattaque"), Some("cyber"));
        assert_eq!(bound_prefix_of(Lang::FR, "russie"), None);
    }

    #[test]
    fn english_lists() {
        for w in ["the", "of", "and", "with", "they", "a"] {
            assert!(is_function_word(Lang::EN, w), "{w}");
        }
        assert!(is_pronoun(Lang::EN, "they"));
        assert!(is_article(Lang::EN, "an"));
        assert!(is_bound_prefix(Lang::EN, "counter"));
        assert!(!is_function_word(Lang::EN, "minister"));
    }

    #[test]
    fn other_languages() {
        assert!(is_article(Lang::DE, "der"));
        assert!(is_function_word(Lang::ES, "según"));
        assert!(is_pronoun(Lang::IT, "lei"));
        assert!(!has_lists(Lang::NL));
        assert!(!is_function_word(Lang::NL, "de"));
        assert!(!is_function_word(Lang::UND, "the"));
    }

    #[test]
    fn every_entry_is_lowercase_and_trimmed() {
        for files in DATA {
            for data in files {
                for e in entries(data) {
                    assert_eq!(e, e.to_lowercase(), "{e}");
                    assert!(!e.contains(' '), "{e}");
                }
            }
        }
    }
    #[test]
    fn word_maps() {
        let set = WordSet::new(["de", "selon", "quinze-caractère", "a\u{0}"]);
        assert!(set.contains("de") && set.contains("selon") && set.contains("quinze-caractère"));
        assert!(
            !set.contains("d") && !set.contains("des") && !set.contains("") && !set.contains("a")
        );
        assert!(set.contains("a\u{0}"));
        assert!(set.contains_ascii_lowercase("SeLoN") && set.contains_ascii_lowercase("DE"));
        assert!(!set.contains("Selon"));
        let mut map: WordMap<u32> = WordMap::default();
        for i in 0..1000u32 {
            map.insert(&format!("w{i}"), i);
        }
        map.insert("w7", 70);
        assert_eq!(map.len(), 1000);
        assert_eq!(map.get("w999"), Some(999));
        assert_eq!(map.get("w7"), Some(70));
        assert_eq!(map.get("w1000"), None);
        assert_eq!(map.get_ascii_lowercase("W12"), Some(12));
        // Every length, every byte: the packed key is the bytes, lowercased on demand.
        for n in 1..=PACKED_BYTES {
            for b in 0..=255u8 {
                let w: Vec<u8> = (0..n as u8)
                    .map(|i| if i == n as u8 / 2 { b } else { b'A' + i })
                    .collect();
                let mut expect = [0u8; 16];
                expect[..n].copy_from_slice(&w);
                expect[15] = n as u8;
                assert_eq!(pack(&w, false), Some(u128::from_le_bytes(expect)));
                expect[..n].make_ascii_lowercase();
                assert_eq!(pack(&w, true), Some(u128::from_le_bytes(expect)));
            }
        }
    }

    #[test]
    fn stop_words_agree_with_the_detector() {
        use crate::lang::detect;
        let mut buf = String::new();
        let mut all: Vec<&str> = STOPWORD_DATA.iter().flat_map(|d| entries(d)).collect();
        all.extend([
            "Der", "THE", "Über", "ÜBER", "über", "Selon", "xyz", "l’", "été",
        ]);
        for w in all {
            for &lang in &STOPWORD_LANGS {
                assert_eq!(is_stopword(lang, w), detect::is_stopword(lang, w), "{w}");
            }
            let expected = detect::stopword_scores([w]);
            let mask = stopword_mask_any_case(w, &mut buf);
            for (i, (_, n)) in expected.iter().enumerate() {
                assert_eq!(u32::from(mask >> i & 1), *n, "{w}");
            }
        }
    }
}
