//! Corpus-quality signals of one document, after the Gopher, C4 and FineWeb filters as datatrove
//! 0.10 implements them (`anchors.md` §3), on Coquille's tokenizer, with the thresholds of those
//! filters reported per document.
//!
//! Lengths are in code points. `T` is the document text, `W` its tokens other than whitespace
//! (words, numbers, and every punctuation mark or symbol as a token of its own: the linter's
//! tokenizer stands in for spaCy's), `N = |W|`. Ratios are 0 when their denominator is 0.
//!
//! **Gopher quality** (`gopher.*`; the filter drops a document at the first failing check, in this
//! order):
//! - `words`: |S|, S = tokens with a char outside datatrove's PUNCTUATION_SET (66 marks, the C0/C1
//!   controls but tab and LF, and the 159 TERMINAL_PUNCTUATION marks): drop when < 50 or > 100 000;
//! - `mean_word_length`: Σ len(S) / |S|: drop when < 3 or > 10;
//! - `hash_ratio`: count of `#` in T / N; `ellipsis_ratio`: (count of `...`, non-overlapping, + count
//!   of `…`) / N: drop when > 0.1 (these are Gopher's two "symbol-to-word" ratios);
//! - `bullet_lines`: share of lines (`str.splitlines()`) whose left-stripped text starts with `•` or
//!   `-`: drop when > 0.9; `ellipsis_lines`: share whose right-stripped text ends with `...` or `…`:
//!   drop when > 0.3;
//! - `alpha_words`: share of W with an alphabetic char (punctuation tokens count in the
//!   denominator): drop when < 0.8 (1 − this is the non-alphabetic word ratio);
//! - `stop_words`: number of *distinct* stop words among the tokens, case-sensitive. Language-aware:
//!   the document language's list (`lang::detect::is_stopword`, about a hundred function words for
//!   fr, en, de, es, it, pt, nl); Gopher's eight English words (the, be, to, of, and, that, have,
//!   with) for any other language. Drop when < 2. (datatrove uses the English eight for every
//!   language, so French news fails it.)
//!
//! **Gopher repetition** (`repetition.*`; C = len(T), the whole raw text):
//! - `dup_paragraphs` / `dup_paragraph_chars`: paragraphs = strip(T) split on runs of 2+ `\n`;
//!   duplicates (every occurrence after the first) / paragraphs, and their chars / C: drop when
//!   > 0.30 / > 0.20;
//! - `dup_lines` / `dup_line_chars`: lines = T split on runs of `\n` (not stripped); same, drop when
//!   > 0.30 / > 0.20;
//! - `top_{2,3,4}gram_chars`: the most frequent n-gram of W (ties: first seen) × its length as the
//!   space-joined string, / C: drop when > 0.20, 0.18, 0.16;
//! - `dup_{5..10}gram_chars`: greedy scan of W, i from 0: if the n-gram at i was seen, add its length
//!   (tokens concatenated) and jump by n, else remember it and step by 1; / C: drop when > 0.15, 0.14,
//!   0.13, 0.12, 0.11, 0.10. n-grams are compared as token sequences (datatrove compares the
//!   concatenated strings, so `ab`+`c` equals `a`+`bc`; with this tokenizer that almost never
//!   differs), through 64-bit hashes within the document.
//!
//! **FineWeb** (`fineweb.*`; lines L = non-blank lines of T split on `\n`, not stripped; a document
//! without any is dropped as `empty`):
//! - `line_punct`: share of L ending in a terminal mark (TERMINAL_PUNCTUATION; for French also the
//!   closing `»` and `…`; trailing spaces defeat it): drop when < 0.12 — this is the fraction of lines
//!   ending in terminal punctuation;
//! - `short_lines`: share of L of at most 30 chars: drop when > 0.67;
//! - `dup_line_chars`: chars of duplicated lines of L / len(T without `\n`): drop when > 0.01;
//! - `list_ratio`: count of `\n` / N: drop when > 0.3.
//!
//! **C4** (`c4.*`; per line of `str.splitlines()`, stripped): a line is dropped when a
//! whitespace-separated word exceeds 1000 chars; citations `[n]`, `[edit]`, `[citation needed]` are
//! removed; it is dropped unless it ends in `.` `?` `!` `"` `'` (French: also `»` and `…`) and not in
//! `...`; dropped with fewer than 3 words; `lorem ipsum` drops the document, `javascript` the line,
//! `{` the document, cookie and terms-of-use phrases the line; other lines are kept with their
//! sentence count. `kept_lines` is the share of lines kept and `sentences` the sentences in them
//! (punkt replaced by: runs of `.`, `!`, `?` followed by whitespace or the end of the line, at least
//! one per line); fewer than 5 drops the document (`too_few_sentences`).

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use xxhash_rust::xxh3::xxh3_64;

use crate::lang::Lang;
use crate::lang::detect::{STOPWORD_DATA, STOPWORD_LANGS, is_stopword};
use crate::tokenize::{Token, TokenKind};

use super::keys::{fmix, pack, pack_halves_at};
use super::textstat::is_py_space;

/// The names of the signals, in the order of [`Quality::values`].
pub const SIGNALS: [&str; 26] = [
    "gopher.words",
    "gopher.mean_word_length",
    "gopher.hash_ratio",
    "gopher.ellipsis_ratio",
    "gopher.bullet_lines",
    "gopher.ellipsis_lines",
    "gopher.alpha_words",
    "gopher.stop_words",
    "repetition.dup_paragraphs",
    "repetition.dup_paragraph_chars",
    "repetition.dup_lines",
    "repetition.dup_line_chars",
    "repetition.top_2gram_chars",
    "repetition.top_3gram_chars",
    "repetition.top_4gram_chars",
    "repetition.dup_5gram_chars",
    "repetition.dup_6gram_chars",
    "repetition.dup_7gram_chars",
    "repetition.dup_8gram_chars",
    "repetition.dup_9gram_chars",
    "repetition.dup_10gram_chars",
    "fineweb.line_punct",
    "fineweb.short_lines",
    "fineweb.dup_line_chars",
    "fineweb.list_ratio",
    "c4.kept_lines",
];

/// Index of a signal in [`SIGNALS`].
mod sig {
    pub const WORDS: usize = 0;
    pub const MEAN_LEN: usize = 1;
    pub const HASH: usize = 2;
    pub const ELLIPSIS: usize = 3;
    pub const BULLET_LINES: usize = 4;
    pub const ELLIPSIS_LINES: usize = 5;
    pub const ALPHA: usize = 6;
    pub const STOP: usize = 7;
    pub const DUP_PARA: usize = 8;
    pub const DUP_PARA_CHARS: usize = 9;
    pub const DUP_LINE: usize = 10;
    pub const DUP_LINE_CHARS: usize = 11;
    pub const TOP2: usize = 12;
    pub const DUP5: usize = 15;
    pub const LINE_PUNCT: usize = 21;
    pub const SHORT_LINES: usize = 22;
    pub const FW_DUP: usize = 23;
    pub const LIST: usize = 24;
    pub const C4_KEPT: usize = 25;
}

/// Whether a signal is a count (logarithmic histogram buckets) rather than a ratio or a length.
pub fn is_count(index: usize) -> bool {
    matches!(index, sig::WORDS | sig::STOP)
}

/// The filters, in output order.
pub const FILTERS: [&str; 4] = ["gopher_quality", "gopher_repetition", "fineweb", "c4"];

/// One threshold check: its name (datatrove's drop reason), the filter it belongs to.
pub struct Check {
    pub name: &'static str,
    pub filter: usize,
}

/// Every threshold check, in each filter's order.
pub const CHECKS: [Check; 31] = [
    Check {
        name: "gopher_short_doc",
        filter: 0,
    },
    Check {
        name: "gopher_long_doc",
        filter: 0,
    },
    Check {
        name: "gopher_below_avg_threshold",
        filter: 0,
    },
    Check {
        name: "gopher_above_avg_threshold",
        filter: 0,
    },
    Check {
        name: "gopher_too_many_hashes",
        filter: 0,
    },
    Check {
        name: "gopher_too_many_ellipsis",
        filter: 0,
    },
    Check {
        name: "gopher_too_many_bullets",
        filter: 0,
    },
    Check {
        name: "gopher_too_many_end_ellipsis",
        filter: 0,
    },
    Check {
        name: "gopher_below_alpha_threshold",
        filter: 0,
    },
    Check {
        name: "gopher_enough_stop_words",
        filter: 0,
    },
    Check {
        name: "dup_para_frac",
        filter: 1,
    },
    Check {
        name: "dup_para_char_frac",
        filter: 1,
    },
    Check {
        name: "dup_line_frac",
        filter: 1,
    },
    Check {
        name: "dup_line_char_frac",
        filter: 1,
    },
    Check {
        name: "top_2_gram",
        filter: 1,
    },
    Check {
        name: "top_3_gram",
        filter: 1,
    },
    Check {
        name: "top_4_gram",
        filter: 1,
    },
    Check {
        name: "duplicated_5_n_grams",
        filter: 1,
    },
    Check {
        name: "duplicated_6_n_grams",
        filter: 1,
    },
    Check {
        name: "duplicated_7_n_grams",
        filter: 1,
    },
    Check {
        name: "duplicated_8_n_grams",
        filter: 1,
    },
    Check {
        name: "duplicated_9_n_grams",
        filter: 1,
    },
    Check {
        name: "duplicated_10_n_grams",
        filter: 1,
    },
    Check {
        name: "empty",
        filter: 2,
    },
    Check {
        name: "line_punct_ratio",
        filter: 2,
    },
    Check {
        name: "short_line_ratio",
        filter: 2,
    },
    Check {
        name: "char_dup_ratio",
        filter: 2,
    },
    Check {
        name: "list_ratio",
        filter: 2,
    },
    Check {
        name: "lorem_ipsum",
        filter: 3,
    },
    Check {
        name: "curly_bracket",
        filter: 3,
    },
    Check {
        name: "too_few_sentences",
        filter: 3,
    },
];

/// The quality signals of one document and the checks it fails.
#[derive(Clone, Debug, PartialEq)]
pub struct Quality {
    /// One value per [`SIGNALS`] entry.
    pub values: [f64; SIGNALS.len()],
    /// Bit `i` set when check `CHECKS[i]` fails.
    pub failed: u64,
    /// Sentences counted in the lines C4 keeps.
    pub c4_sentences: u64,
}

impl Quality {
    pub fn fails(&self, check: usize) -> bool {
        self.failed >> check & 1 == 1
    }

    /// For each filter, the first failing check (the reason datatrove drops the document), if any.
    pub fn verdicts(&self) -> [Option<usize>; FILTERS.len()] {
        let mut out = [None; FILTERS.len()];
        for (i, check) in CHECKS.iter().enumerate() {
            if self.fails(i)
                && let Some(slot) = out.get_mut(check.filter)
                && slot.is_none()
            {
                *slot = Some(i);
            }
        }
        out
    }
}

/// Reusable per-thread buffers.
#[derive(Default)]
pub struct Scratch {
    /// The hashes and lengths of the tokens other than whitespace, in their first places
    /// (`token_pass`).
    hashes: Vec<u64>,
    lens: Vec<u32>,
    rep: RepScratch,
    /// Bit set of the stop words seen in the document (by their index in the stop table).
    stop: Vec<u64>,
    /// The positions of the `\n`s of the text: its lines, paragraphs and FineWeb lines are cut
    /// from them, without another look at the text.
    newlines: Vec<u32>,
    lines: Vec<(u32, u32)>,
    items: Vec<(u32, u32)>,
    line: String,
}

/// Buffers of the n-gram repetition statistics.
#[derive(Default)]
struct RepScratch {
    table: KeyTable,
    /// One bit per position: the n-gram there occurs at least twice (for the last n counted).
    repeated: Vec<u64>,
    /// The same bits for the n being counted.
    marks: Vec<u64>,
    /// The positions of `repeated`, ascending (for the greedy scans).
    positions: Vec<u32>,
}

/// An n-gram key (a 64-bit hash), its count, the position it was first seen at, and the
/// generation of the table it was counted in (a slot of an older one is empty).
#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    count: u32,
    first: u32,
    generation: u32,
}

/// The n-gram keys of one document and their counts: open addressing with linear probing over a
/// power-of-two prefix of `slots`, at most half full (the keys are hashes, so their low bits pick
/// the slot). A reset starts a new generation, which empties every slot without touching it.
#[derive(Default)]
struct KeyTable {
    slots: Vec<Slot>,
    mask: usize,
    generation: u32,
}

impl KeyTable {
    /// Empties the table and makes room for `n` keys.
    fn reset(&mut self, n: usize) {
        let cap = (2 * n).next_power_of_two().max(16);
        if self.slots.len() > 4 * cap + 4096 {
            // Give back what a long document left.
            self.slots.truncate(cap);
            self.slots.shrink_to_fit();
        }
        if self.slots.len() < cap {
            self.slots.resize(cap, Slot::default());
        }
        self.generation = match self.generation.checked_add(1) {
            Some(g) => g,
            None => {
                // Once in four billion resets: the old generations are emptied for real.
                self.slots.fill(Slot::default());
                1
            }
        };
        self.mask = cap - 1;
    }

    /// Counts `key`, seen at position `pos`: its count so far and the position it was first seen
    /// at. At most the `n` keys of the last reset.
    #[inline]
    fn add(&mut self, key: u64, pos: u32) -> (u32, u32) {
        let mut s = key as usize & self.mask;
        // At most half full: an empty slot is reached within the table.
        while let Some(e) = self.slots.get_mut(s) {
            if e.generation != self.generation {
                *e = Slot {
                    key,
                    count: 1,
                    first: pos,
                    generation: self.generation,
                };
                break;
            }
            if e.key == key {
                e.count += 1;
                return (e.count, e.first);
            }
            s = (s + 1) & self.mask;
        }
        (1, pos)
    }
}

/// The most frequent n-gram and the positions of the repeated ones, kept while counting.
struct Repeats<'a> {
    /// (count, first position) of the most frequent key, ties to the first seen; (1, 0) while
    /// every key is seen once.
    best: (u32, u32),
    /// One bit per position whose key is seen at least twice.
    marks: &'a mut [u64],
    /// The bits set in `marks`.
    marked: usize,
}

impl Repeats<'_> {
    /// Notes the key at `pos`, whose count is now `count` and which was first seen at `first`.
    #[inline]
    fn note(&mut self, count: u32, first: u32, pos: u32) {
        if count < 2 {
            return;
        }
        if count == 2 {
            self.mark(first);
        }
        self.mark(pos);
        if count > self.best.0 || (count == self.best.0 && first < self.best.1) {
            self.best = (count, first);
        }
    }

    fn mark(&mut self, pos: u32) {
        if let Some(w) = self.marks.get_mut(pos as usize / 64) {
            *w |= 1 << (pos % 64);
            self.marked += 1;
        }
    }
}

/// A 64-bit hash of a token: one folded multiply of its packed bytes (`pack`) and its length
/// when it has at most 16 bytes, xxh3 of its bytes otherwise.
#[inline]
fn token_hash(packed: Option<u128>, s: &[u8]) -> u64 {
    match packed {
        Some(k) => fold_mul(
            (k as u64) ^ 0x243F_6A88_85A3_08D3,
            ((k >> 64) as u64 ^ 0x1319_8A2E_0370_7344)
                .wrapping_add((s.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)),
        ),
        None => xxh3_64(s),
    }
}

/// The 128-bit product of `a` and `b`, its two halves xored: a cheap mix of two words (the
/// mixing step of wyhash and foldhash).
#[inline]
fn fold_mul(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    (p as u64) ^ (p >> 64) as u64
}

/// A stop word: its packed bytes (`pack`), the lists it is on (bit `i`: `STOPWORD_LANGS[i]`,
/// bit [`GOPHER_BIT`]: Gopher's eight) and its index (its bit in [`Scratch::stop`]).
struct StopWord {
    key: u128,
    mask: u8,
    index: u16,
}

/// The bit of Gopher's eight words in [`StopWord::mask`], after those of the languages.
const GOPHER_BIT: u8 = 1 << STOPWORD_LANGS.len();

/// The stop words, hashed by [`token_hash`] (a token's hash finds its entry), and the longest
/// one in bytes: open addressing with linear probing over a power-of-two table at most a quarter
/// full, so that a look-up mostly reads one slot; an empty slot has the key 0 (no word packs to
/// it) and no list.
struct StopTable {
    slots: Vec<StopWord>,
    mask: usize,
    /// Distinct words in the table.
    len: usize,
    max_len: usize,
}

impl StopTable {
    /// The slot of the word packed as `key` (whose hash is `h`), or the empty slot where it would
    /// go.
    #[inline]
    fn slot(&self, h: u64, key: u128) -> Option<usize> {
        let mut i = h as usize & self.mask;
        loop {
            let e = self.slots.get(i)?;
            if e.key == key || e.key == 0 {
                return Some(i);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The entry of the word packed as `key`, whose hash is `h`.
    #[inline]
    fn find(&self, h: u64, key: u128) -> Option<&StopWord> {
        let mut i = h as usize & self.mask;
        while let Some(e) = self.slots.get(i) {
            if e.key == key {
                return Some(e);
            }
            if e.key == 0 {
                break;
            }
            i = (i + 1) & self.mask;
        }
        None
    }
}

/// The stop-word lists of `lang::detect` (the same files) and Gopher's eight words, packed for a
/// fast exact look-up. A word is kept only when `is_stopword` agrees, and only when it has no ASCII
/// capital: words are matched as they appear (case-sensitive, like datatrove), and a word with a
/// capital is never one.
fn stop_table() -> &'static StopTable {
    static T: OnceLock<StopTable> = OnceLock::new();
    T.get_or_init(|| {
        let lists = STOPWORD_LANGS
            .iter()
            .zip(STOPWORD_DATA.iter())
            .flat_map(|(&lang, data)| {
                data.lines()
                    .map(str::trim)
                    .filter(move |w| !w.is_empty() && !w.starts_with('#') && is_stopword(lang, w))
                    .map(move |w| (w, lang_bit(lang)))
            });
        let gopher = GOPHER_STOP_WORDS.iter().map(|&w| (w, GOPHER_BIT));
        let words: Vec<(&str, u8)> = lists
            .chain(gopher)
            .filter(|(w, _)| !w.is_empty() && !w.bytes().any(|b| b.is_ascii_uppercase()))
            .collect();
        let size = (4 * words.len()).next_power_of_two();
        let mut t = StopTable {
            slots: (0..size)
                .map(|_| StopWord {
                    key: 0,
                    mask: 0,
                    index: 0,
                })
                .collect(),
            mask: size - 1,
            len: 0,
            max_len: 0,
        };
        for (w, bit) in words {
            let b = w.as_bytes();
            let Some(key) = pack(b) else {
                continue;
            };
            let Some(e) = t
                .slot(token_hash(Some(key), b), key)
                .and_then(|i| t.slots.get_mut(i))
            else {
                continue;
            };
            if e.key == 0 {
                *e = StopWord {
                    key,
                    mask: 0,
                    index: t.len as u16,
                };
                t.len += 1;
                t.max_len = t.max_len.max(b.len());
            }
            e.mask |= bit;
        }
        t
    })
}

/// The bit of `lang`'s list in [`StopWord::mask`]; Gopher's when it has none.
fn lang_bit(lang: Lang) -> u8 {
    STOPWORD_LANGS
        .iter()
        .position(|&l| l == lang)
        .map_or(GOPHER_BIT, |i| 1 << i)
}

/// The key of a bigram of token hashes: one folded multiply (the token hashes are well mixed
/// already; the two constants make it order-sensitive).
#[inline]
fn pair_key(a: u64, b: u64) -> u64 {
    fold_mul(a ^ 0xA409_3822_299F_31D0, b ^ 0x082E_FA98_EC4E_6C89)
}

/// Order-sensitive combination of token hashes (an n-gram key).
#[inline]
fn combine(hs: &[u64]) -> u64 {
    let mut h = 0x243F_6A88_85A3_08D3u64 ^ hs.len() as u64;
    for &x in hs {
        h = (h.rotate_left(23) ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fmix(h)
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 { 0.0 } else { a / b }
}

/// Code points of the `len` bytes packed in `lo` and `hi` (the halves of a `keys::pack` key): the
/// bytes that are not UTF-8 continuation bytes (`10xxxxxx`), counted all at once.
#[inline]
fn packed_chars(lo: u64, hi: u64, len: usize) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    if (lo | hi) & HIGH == 0 {
        return len as u64;
    }
    // Bit 7 of each continuation byte (bit 7 set, bit 6 clear), moved to the bottom of its byte;
    // a multiply sums the bytes of a half into its top byte.
    let cont = |x: u64| ((x & HIGH & !(x << 1)) >> 7).wrapping_mul(ONES) >> 56;
    len as u64 - cont(lo) - cont(hi)
}

fn chars(s: &str) -> u64 {
    count_chars(s.as_bytes())
}

/// Code points of UTF-8 bytes: the bytes that are not continuation bytes (`10xxxxxx`), counted
/// by blocks of 64 bytes in byte-wide counters (a loop the compiler turns into vector
/// instructions).
fn count_chars(b: &[u8]) -> u64 {
    let (blocks, rest) = b.as_chunks::<64>();
    let mut n = 0u64;
    for block in blocks {
        let mut k = 0u8;
        for &x in block {
            k += u8::from((x as i8) >= -0x40);
        }
        n += u64::from(k);
    }
    n + rest.iter().filter(|&&x| (x as i8) >= -0x40).count() as u64
}

const LISTED: [char; 66] = [
    '!', '"', '#', '$', '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/', ':', ';', '<', '=',
    '>', '?', '@', '[', '\\', ']', '^', '_', '`', '{', '|', '}', '~', '\u{ab}', '\u{b4}', '\u{bb}',
    '\u{2013}', '\u{2014}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{201e}', '\u{2026}', '\u{2236}',
    '\u{2501}', '\u{25ba}', '\u{3001}', '\u{3002}', '\u{3008}', '\u{3009}', '\u{300a}', '\u{300b}',
    '\u{300c}', '\u{300d}', '\u{3010}', '\u{3011}', '\u{ff01}', '\u{ff05}', '\u{ff08}', '\u{ff09}',
    '\u{ff0c}', '\u{ff0e}', '\u{ff11}', '\u{ff1a}', '\u{ff1b}', '\u{ff1f}', '\u{ff5e}',
];

/// datatrove's TERMINAL_PUNCTUATION, sorted.
const TERMINAL: [char; 159] = [
    '!',
    '.',
    '?',
    '\u{589}',
    '\u{61d}',
    '\u{61e}',
    '\u{61f}',
    '\u{6d4}',
    '\u{700}',
    '\u{701}',
    '\u{702}',
    '\u{7f9}',
    '\u{837}',
    '\u{839}',
    '\u{83d}',
    '\u{83e}',
    '\u{964}',
    '\u{965}',
    '\u{104a}',
    '\u{104b}',
    '\u{1362}',
    '\u{1367}',
    '\u{1368}',
    '\u{166e}',
    '\u{1735}',
    '\u{1736}',
    '\u{17d4}',
    '\u{17d5}',
    '\u{17d6}',
    '\u{17d9}',
    '\u{17da}',
    '\u{1803}',
    '\u{1809}',
    '\u{1944}',
    '\u{1945}',
    '\u{1aa8}',
    '\u{1aa9}',
    '\u{1aaa}',
    '\u{1aab}',
    '\u{1b5a}',
    '\u{1b5b}',
    '\u{1b5e}',
    '\u{1b5f}',
    '\u{1b7d}',
    '\u{1b7e}',
    '\u{1c3b}',
    '\u{1c3c}',
    '\u{1c7e}',
    '\u{1c7f}',
    '\u{203c}',
    '\u{203d}',
    '\u{2047}',
    '\u{2048}',
    '\u{2049}',
    '\u{2e2e}',
    '\u{2e3c}',
    '\u{2e53}',
    '\u{2e54}',
    '\u{3002}',
    '\u{a4ff}',
    '\u{a60e}',
    '\u{a60f}',
    '\u{a6f3}',
    '\u{a6f7}',
    '\u{a876}',
    '\u{a877}',
    '\u{a8ce}',
    '\u{a8cf}',
    '\u{a92f}',
    '\u{a9c8}',
    '\u{a9c9}',
    '\u{aa5d}',
    '\u{aa5e}',
    '\u{aa5f}',
    '\u{aaf0}',
    '\u{aaf1}',
    '\u{abeb}',
    '\u{fe52}',
    '\u{fe56}',
    '\u{fe57}',
    '\u{ff01}',
    '\u{ff0e}',
    '\u{ff1f}',
    '\u{ff61}',
    '\u{10a56}',
    '\u{10a57}',
    '\u{10f55}',
    '\u{10f56}',
    '\u{10f57}',
    '\u{10f58}',
    '\u{10f59}',
    '\u{10f86}',
    '\u{10f87}',
    '\u{10f88}',
    '\u{10f89}',
    '\u{11047}',
    '\u{11048}',
    '\u{110be}',
    '\u{110bf}',
    '\u{110c0}',
    '\u{110c1}',
    '\u{11141}',
    '\u{11142}',
    '\u{11143}',
    '\u{111c5}',
    '\u{111c6}',
    '\u{111cd}',
    '\u{111de}',
    '\u{111df}',
    '\u{11238}',
    '\u{11239}',
    '\u{1123b}',
    '\u{1123c}',
    '\u{112a9}',
    '\u{1144b}',
    '\u{1144c}',
    '\u{115c2}',
    '\u{115c3}',
    '\u{115c9}',
    '\u{115ca}',
    '\u{115cb}',
    '\u{115cc}',
    '\u{115cd}',
    '\u{115ce}',
    '\u{115cf}',
    '\u{115d0}',
    '\u{115d1}',
    '\u{115d2}',
    '\u{115d3}',
    '\u{115d4}',
    '\u{115d5}',
    '\u{115d6}',
    '\u{115d7}',
    '\u{11641}',
    '\u{11642}',
    '\u{1173c}',
    '\u{1173d}',
    '\u{1173e}',
    '\u{11944}',
    '\u{11946}',
    '\u{11a42}',
    '\u{11a43}',
    '\u{11a9b}',
    '\u{11a9c}',
    '\u{11c41}',
    '\u{11c42}',
    '\u{11ef7}',
    '\u{11ef8}',
    '\u{11f43}',
    '\u{11f44}',
    '\u{16a6e}',
    '\u{16a6f}',
    '\u{16af5}',
    '\u{16b37}',
    '\u{16b38}',
    '\u{16b44}',
    '\u{16e98}',
    '\u{1bc9f}',
    '\u{1da88}',
];

/// Membership in datatrove's TERMINAL_PUNCTUATION.
pub fn is_terminal(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '!' | '.' | '?');
    }
    TERMINAL.binary_search(&c).is_ok()
}

/// Membership in datatrove's PUNCTUATION_SET.
#[inline]
pub fn is_punctuation(c: char) -> bool {
    let u = c as u32;
    if u < 32 {
        return u != 9 && u != 10;
    }
    if (127..160).contains(&u) {
        return true;
    }
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    LISTED.binary_search(&c).is_ok() || is_terminal(c)
}

/// Language-aware line end for FineWeb and C4: French closing `»` and `…` also end a line.
fn extra_line_end(lang: Lang, c: char) -> bool {
    lang == Lang::FR && matches!(c, '»' | '…')
}

const GOPHER_STOP_WORDS: [&str; 8] = ["the", "be", "to", "of", "and", "that", "have", "with"];

/// Bytes that may start a line break of `str.splitlines()`.
static BREAK: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[0x0B] = true;
    t[0x0C] = true;
    t[0x1C] = true;
    t[0x1D] = true;
    t[0x1E] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t
};

/// What the text's bytes 0xC2 and 0xE2 (the lead bytes of U+0085 and of U+2026–U+2029) tell,
/// found in one pass: whether it holds a line break of `str.splitlines()` other than `\n` (rare in
/// practice: then the lines are the pieces between `\n`s), and its count of `…`.
struct Breaks {
    rare: bool,
    ellipses: u64,
}

fn breaks(b: &[u8]) -> Breaks {
    let mut rare = memchr::memchr3(b'\r', 0x0B, 0x0C, b).is_some()
        || memchr::memchr3(0x1C, 0x1D, 0x1E, b).is_some();
    let mut ellipses = 0;
    for i in memchr::memchr2_iter(0xC2, 0xE2, b) {
        match (b.get(i), b.get(i + 1), b.get(i + 2)) {
            // U+0085.
            (Some(0xC2), Some(0x85), _) => rare = true,
            // `…`, U+2028, U+2029.
            (Some(0xE2), Some(0x80), Some(0xA6)) => ellipses += 1,
            (Some(0xE2), Some(0x80), Some(0xA8 | 0xA9)) => rare = true,
            _ => {}
        }
    }
    Breaks { rare, ellipses }
}

/// The searcher of `...`, built once: building one costs more than searching a short text.
fn dots() -> &'static memchr::memmem::Finder<'static> {
    static F: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    F.get_or_init(|| memchr::memmem::Finder::new(b"..."))
}

/// Lines as Python's `str.splitlines()` cuts them: on `\n`, `\r`, `\r\n`, VT, FF, U+001C–U+001E,
/// U+0085, U+2028, U+2029; no trailing empty line. `newlines`: the positions of the `\n`s of
/// `text`; `rare`: whether it holds any other break ([`breaks`]). Spans go to `out`.
fn splitlines(text: &str, newlines: &[u32], rare: bool, out: &mut Vec<(u32, u32)>) {
    out.clear();
    let b = text.as_bytes();
    if !rare {
        // Only `\n` breaks lines.
        let mut start = 0u32;
        for &i in newlines {
            out.push((start, i));
            start = i + 1;
        }
        if (start as usize) < b.len() {
            out.push((start, b.len() as u32));
        }
        return;
    }
    let mut start = 0usize;
    let mut i = 0usize;
    while i < b.len() {
        if !BREAK[b[i] as usize] {
            i += 1;
            continue;
        }
        let len = match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => 2,
            0xC2 if b.get(i + 1) == Some(&0x85) => 2,
            0xC2 | 0xE2 if b.get(i + 1) != Some(&0x80) => 0,
            0xE2 if matches!(b.get(i + 2), Some(0xA8 | 0xA9)) => 3,
            0xC2 | 0xE2 => 0,
            _ => 1,
        };
        if len == 0 {
            i += 1;
            continue;
        }
        out.push((start as u32, i as u32));
        start = i + len;
        i += len;
    }
    if start < b.len() {
        out.push((start as u32, b.len() as u32));
    }
}

fn span(text: &str, s: (u32, u32)) -> &str {
    text.get(s.0 as usize..s.1 as usize).unwrap_or("")
}

fn py_strip(s: &str) -> &str {
    s.trim_matches(is_py_space)
}

/// Duplicates among items (spans of a text): every occurrence of a string after its first.
#[derive(Default)]
struct Dups {
    count: u64,
    chars: u64,
    /// The chars of those that are not blank (whitespace only).
    nonblank_chars: u64,
}

/// Counts duplicates among `items` (spans of `text`) exactly. They are sorted by length, then by
/// their bytes, so that equal strings end up side by side: a string that occurs k times counts
/// k − 1 duplicates whatever their order. Nothing is hashed, and only strings of equal length are
/// ever compared (most lines and paragraphs have a length of their own).
fn dups(text: &str, items: &mut [(u32, u32)]) -> Dups {
    let mut d = Dups::default();
    if items.len() < 2 {
        return d;
    }
    let get = |s: (u32, u32)| {
        text.as_bytes()
            .get(s.0 as usize..s.1 as usize)
            .unwrap_or(&[])
    };
    let len = |s: (u32, u32)| s.1.saturating_sub(s.0);
    items.sort_unstable_by(|&a, &b| len(a).cmp(&len(b)).then_with(|| get(a).cmp(get(b))));
    for w in items.windows(2) {
        if let [a, b] = *w
            && len(a) == len(b)
            && get(a) == get(b)
        {
            let t = span(text, b);
            let c = chars(t);
            d.count += 1;
            d.chars += c;
            if !t.trim_start_matches(is_py_space).is_empty() {
                d.nonblank_chars += c;
            }
        }
    }
    d
}

/// Counts of [`token_pass`]: the tokens written, the tokens of S (with a char outside
/// PUNCTUATION_SET), their chars, and the alphabetic tokens.
struct TokenCounts {
    /// The tokens written (other than whitespace).
    n: usize,
    s_count: u64,
    s_len: u64,
    alpha: u64,
}

/// The pass over the tokens other than whitespace: their hashes and lengths in chars to the first
/// places of `hashes` and `lens` (as many as the counts tell), the stop words of the list
/// `stop_bit` seen to `stop` (one bit per word), and the counts. Kept apart from [`compute`] so
/// that its few variables stay in registers; the buffers are moved out of their owner for the
/// loop, for the same reason. They hold a place for every token (resized only to grow, or to give
/// back what a long document left, and not cleared: what is past the places written is left over
/// from other documents), so that a token's values are two stores. The counts of the words, the
/// most common tokens, are kept as counts of the other tokens.
#[inline(never)]
fn token_pass(
    text: &str,
    tokens: &[Token],
    stops: &StopTable,
    stop_bit: u8,
    stop: &mut [u64],
    hashes_out: &mut Vec<u64>,
    lens_out: &mut Vec<u32>,
) -> TokenCounts {
    let mut hashes = std::mem::take(hashes_out);
    let mut lens = std::mem::take(lens_out);
    if hashes.len() < tokens.len() || hashes.len() > (4 * tokens.len()).max(1 << 20) {
        // Grown, or given back what a long document left.
        hashes.clear();
        hashes.resize(tokens.len(), 0);
        hashes.shrink_to_fit();
        lens.clear();
        lens.resize(tokens.len(), 0);
        lens.shrink_to_fit();
    }
    let bytes = text.as_bytes();
    // Tokens written, and among them those outside S and the non-alphabetic ones.
    let (mut n, mut not_s, mut not_alpha, mut s_len) = (0usize, 0u64, 0u64, 0u64);
    let mut out = hashes.iter_mut().zip(lens.iter_mut());
    for t in tokens {
        let kind = t.kind;
        if matches!(kind, TokenKind::Space | TokenKind::Newline) {
            continue;
        }
        let start = t.start as usize;
        let b = bytes.get(start..t.end as usize).unwrap_or(&[]);
        let packed = pack_halves_at(bytes, start, b.len());
        let (h, len) = match packed {
            Some((lo, hi)) => (
                token_hash(Some(u128::from(hi) << 64 | u128::from(lo)), b),
                packed_chars(lo, hi, b.len()),
            ),
            None => (token_hash(None, b), chars(t.text(text))),
        };
        if let Some((hs, ls)) = out.next() {
            *hs = h;
            *ls = len as u32;
        }
        n += 1;
        match kind {
            TokenKind::Word => {
                s_len += len;
                if b.len() <= stops.max_len
                    && let Some((lo, hi)) = packed
                    && let Some(w) = stops.find(h, u128::from(hi) << 64 | u128::from(lo))
                    && w.mask & stop_bit != 0
                    && let Some(bits) = stop.get_mut(usize::from(w.index) / 64)
                {
                    *bits |= 1 << (w.index % 64);
                }
            }
            TokenKind::Number => {
                s_len += len;
                not_alpha += 1;
            }
            _ => {
                let (in_s, is_alpha) = match b.first() {
                    Some(&c) if c.is_ascii() => {
                        (!is_punctuation(char::from(c)), c.is_ascii_alphabetic())
                    }
                    _ => match t.text(text).chars().next() {
                        Some(c) => (!is_punctuation(c), c.is_alphabetic()),
                        None => (false, false),
                    },
                };
                if in_s {
                    s_len += len;
                } else {
                    not_s += 1;
                }
                not_alpha += u64::from(!is_alpha);
            }
        }
    }
    *hashes_out = hashes;
    *lens_out = lens;
    TokenCounts {
        n,
        s_count: n as u64 - not_s,
        s_len,
        alpha: n as u64 - not_alpha,
    }
}

/// Computes the signals of one document. `tokens` are its tokens (`tokenize::tokenize`).
pub fn compute(text: &str, tokens: &[Token], lang: Lang, scratch: &mut Scratch) -> Quality {
    let mut v = [0.0f64; SIGNALS.len()];
    let mut failed = 0u64;
    let mut fail = |check: usize, cond: bool| {
        if cond {
            failed |= 1 << check;
        }
    };
    let total_chars = chars(text) as f64;

    // Tokens.
    let stops = stop_table();
    scratch.stop.clear();
    scratch.stop.resize(stops.len / 64 + 1, 0);
    let TokenCounts {
        n: tokens_written,
        s_count,
        s_len,
        alpha,
    } = token_pass(
        text,
        tokens,
        stops,
        lang_bit(lang),
        &mut scratch.stop,
        &mut scratch.hashes,
        &mut scratch.lens,
    );
    let bytes = text.as_bytes();
    let token_hashes = scratch.hashes.get(..tokens_written).unwrap_or(&[]);
    let token_lens = scratch.lens.get(..tokens_written).unwrap_or(&[]);
    let n = token_hashes.len() as f64;
    v[sig::WORDS] = s_count as f64;
    v[sig::MEAN_LEN] = ratio(s_len as f64, s_count as f64);
    let hashes = memchr::memchr_iter(b'#', bytes).count() as f64;
    v[sig::HASH] = ratio(hashes, n);
    let breaks = breaks(bytes);
    let ellipses = dots().find_iter(bytes).count() as u64 + breaks.ellipses;
    v[sig::ELLIPSIS] = ratio(ellipses as f64, n);
    v[sig::ALPHA] = ratio(alpha as f64, n);
    let distinct_stops = scratch.stop.iter().map(|w| w.count_ones()).sum::<u32>();
    v[sig::STOP] = f64::from(distinct_stops);

    // Gopher quality lines.
    let newlines = &mut scratch.newlines;
    newlines.clear();
    newlines.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i as u32));
    let newlines = &scratch.newlines;
    splitlines(text, newlines, breaks.rare, &mut scratch.lines);
    let (mut bullets, mut ell_lines) = (0u64, 0u64);
    for &l in &scratch.lines {
        let l = span(text, l);
        let left = l.trim_start_matches(is_py_space);
        if left.starts_with('•') || left.starts_with('-') {
            bullets += 1;
        }
        let right = l.trim_end_matches(is_py_space);
        if right.ends_with("...") || right.ends_with('…') {
            ell_lines += 1;
        }
    }
    let lines = scratch.lines.len() as f64;
    v[sig::BULLET_LINES] = ratio(bullets as f64, lines);
    v[sig::ELLIPSIS_LINES] = ratio(ell_lines as f64, lines);
    fail(0, s_count < 50);
    fail(1, s_count > 100_000);
    fail(2, v[sig::MEAN_LEN] < 3.0);
    fail(3, v[sig::MEAN_LEN] > 10.0);
    fail(4, v[sig::HASH] > 0.1);
    fail(5, v[sig::ELLIPSIS] > 0.1);
    fail(6, v[sig::BULLET_LINES] > 0.9);
    fail(7, v[sig::ELLIPSIS_LINES] > 0.3);
    fail(8, v[sig::ALPHA] < 0.8);
    fail(9, distinct_stops < 2);

    // Gopher repetition: paragraphs.
    let items = &mut scratch.items;
    let stripped = py_strip(text);
    let off = (stripped.as_ptr() as usize - text.as_ptr() as usize) as u32;
    split_runs(newlines, off, off + stripped.len() as u32, 2, items);
    let paragraphs = items.len() as f64;
    let dp = dups(text, items);
    v[sig::DUP_PARA] = ratio(dp.count as f64, paragraphs);
    v[sig::DUP_PARA_CHARS] = ratio(dp.chars as f64, total_chars);

    // Gopher repetition lines (`text` split on runs of `\n`) and FineWeb lines (split on each
    // `\n`, the blank ones left out) are the same pieces, but for the blank ones: one list
    // serves both.
    split_runs(newlines, 0, text.len() as u32, 1, items);
    let (mut fw_lines, mut punct, mut short) = (0u64, 0u64, 0u64);
    for &item in items.iter() {
        let l = span(text, item);
        if !l.trim_start_matches(is_py_space).is_empty() {
            fw_lines += 1;
            if l.chars()
                .next_back()
                .is_some_and(|c| is_terminal(c) || extra_line_end(lang, c))
            {
                punct += 1;
            }
            // At most 30 chars: at most 30 bytes surely, more than 120 bytes never.
            if l.len() <= 30 || (l.len() <= 120 && chars(l) <= 30) {
                short += 1;
            }
        }
    }
    let line_items = items.len() as f64;
    let dl = dups(text, items);
    v[sig::DUP_LINE] = ratio(dl.count as f64, line_items);
    v[sig::DUP_LINE_CHARS] = ratio(dl.chars as f64, total_chars);
    fail(10, v[sig::DUP_PARA] > 0.30);
    fail(11, v[sig::DUP_PARA_CHARS] > 0.20);
    fail(12, v[sig::DUP_LINE] > 0.30);
    fail(13, v[sig::DUP_LINE_CHARS] > 0.20);

    // Gopher repetition: n-grams of tokens.
    let (top, dup) = repetition(token_hashes, token_lens, &mut scratch.rep);
    let top_limits = [0.20, 0.18, 0.16];
    for k in 0..3 {
        v[sig::TOP2 + k] = ratio(top[k] as f64, total_chars);
        fail(14 + k, v[sig::TOP2 + k] > top_limits[k]);
    }
    let dup_limits = [0.15, 0.14, 0.13, 0.12, 0.11, 0.10];
    for k in 0..6 {
        v[sig::DUP5 + k] = ratio(dup[k] as f64, total_chars);
        fail(17 + k, v[sig::DUP5 + k] > dup_limits[k]);
    }

    // FineWeb.
    let newlines = newlines.len() as f64;
    v[sig::LINE_PUNCT] = ratio(punct as f64, fw_lines as f64);
    v[sig::SHORT_LINES] = ratio(short as f64, fw_lines as f64);
    v[sig::FW_DUP] = ratio(dl.nonblank_chars as f64, total_chars - newlines);
    v[sig::LIST] = ratio(newlines, n);
    fail(23, fw_lines == 0);
    fail(24, fw_lines > 0 && v[sig::LINE_PUNCT] < 0.12);
    fail(25, v[sig::SHORT_LINES] > 0.67);
    fail(26, v[sig::FW_DUP] > 0.01);
    fail(27, v[sig::LIST] > 0.3);

    // C4.
    let marks = C4Marks {
        brackets: memchr::memchr(b'[', bytes).is_some(),
        curly: memchr::memchr(b'{', bytes).is_some(),
    };
    let phrases = marks.brackets || c4_phrase_candidate(bytes);
    let c4 = c4_lines(
        text,
        &scratch.lines,
        lang,
        phrases,
        marks,
        &mut scratch.line,
    );
    v[sig::C4_KEPT] = ratio(c4.kept as f64, c4.lines as f64);
    fail(28, c4.drop == Some(C4Drop::Lorem));
    fail(29, c4.drop == Some(C4Drop::Curly));
    fail(30, c4.drop.is_none() && c4.sentences < 5);

    Quality {
        values: v,
        failed,
        c4_sentences: c4.sentences,
    }
}

/// The pieces of `text[lo..hi]` between runs of at least `min` `\n` (Python's
/// `re.split(r"\n{min,}", text[lo..hi])` with min = 1 or 2), as spans of `text` to `out`, from
/// the positions of the `\n`s of `text`. Runs must not cross `lo` or `hi`.
fn split_runs(newlines: &[u32], lo: u32, hi: u32, min: usize, out: &mut Vec<(u32, u32)>) {
    out.clear();
    let first = newlines.partition_point(|&p| p < lo);
    let last = newlines.partition_point(|&p| p < hi);
    let nl = newlines.get(first..last).unwrap_or(&[]);
    let mut start = lo;
    let mut i = 0;
    while let Some(&j) = nl.get(i) {
        // The run of consecutive `\n`s from j.
        let mut run = 1;
        while nl.get(i + run) == Some(&(j + run as u32)) {
            run += 1;
        }
        if run >= min {
            out.push((start, j));
            start = j + run as u32;
        }
        i += run;
    }
    out.push((start, hi));
}

/// Gopher's n-gram repetition values of a token sequence (token hashes and lengths):
/// - for n = 2, 3, 4, the count × length (space-joined) of the most frequent n-gram, ties to the
///   first seen, 0 with fewer than n tokens;
/// - for n = 5..10, the chars of the n-grams found again by the greedy scan.
///
/// An n-gram can occur twice only if the (n−1)-grams it starts and ends with do, so n-grams are
/// counted only at such positions: one table operation per token for bigrams, few beyond. The
/// positions of the repeated n-grams are kept as bits, set as the counts reach 2. The greedy scan
/// steps over the positions where no 4-gram repeats without looking at them.
fn repetition(hashes: &[u64], lens: &[u32], r: &mut RepScratch) -> ([u64; 3], [u64; 6]) {
    let mut top = [0u64; 3];
    let mut dup = [0u64; 6];
    let len_of = |i: usize, n: usize| -> u64 {
        lens.get(i..i + n)
            .map_or(0, |l| l.iter().map(|&x| u64::from(x)).sum())
    };
    let total = hashes.len();
    let RepScratch {
        table,
        repeated,
        marks,
        positions,
    } = r;
    let words = total / 64 + 1;
    repeated.clear();
    repeated.resize(words, 0);
    marks.clear();
    marks.resize(words, 0);
    let mut marked = 0;
    for (k, n) in (2..=4usize).enumerate() {
        if total < n {
            // No n-gram, nor any longer one.
            return (top, dup);
        }
        marks.fill(0);
        let mut reps = Repeats {
            best: (1, 0),
            marks,
            marked: 0,
        };
        if n == 2 {
            table.reset(total - 1);
            for (i, w) in hashes.windows(2).enumerate() {
                let (c, first) = table.add(pair_key(w[0], w[1]), i as u32);
                reps.note(c, first, i as u32);
            }
        } else {
            // The n-gram at i may repeat when the (n−1)-grams at i and i + 1 both do (then
            // i + n <= total).
            table.reset(marked);
            for (wi, &m) in repeated.iter().enumerate() {
                let next = repeated.get(wi + 1).map_or(0, |&x| x << 63);
                let mut both = m & (m >> 1 | next);
                while both != 0 {
                    let i = wi * 64 + both.trailing_zeros() as usize;
                    both &= both - 1;
                    if let Some(g) = hashes.get(i..i + n) {
                        let (c, first) = table.add(combine(g), i as u32);
                        reps.note(c, first, i as u32);
                    }
                }
            }
        }
        let (c, first) = reps.best;
        marked = reps.marked;
        top[k] = u64::from(c) * (len_of(first as usize, n) + n as u64 - 1);
        std::mem::swap(repeated, marks);
    }
    // `repeated`: the positions of the 4-grams seen twice. A longer n-gram can be found again
    // only where its leading 4-gram repeats; elsewhere the scan steps by 1 without a trace.
    if marked == 0 {
        return (top, dup);
    }
    positions.clear();
    for (wi, &m) in repeated.iter().enumerate() {
        let mut m = m;
        while m != 0 {
            positions.push((wi * 64) as u32 + m.trailing_zeros());
            m &= m - 1;
        }
    }
    for (k, n) in (5..=10usize).enumerate() {
        table.reset(positions.len());
        let mut rep = 0u64;
        // The scan's position: the positions before it are jumped over.
        let mut next = 0usize;
        for &p in positions.iter() {
            let i = p as usize;
            if i < next {
                continue;
            }
            let Some(g) = hashes.get(i..i + n) else {
                break;
            };
            if table.add(combine(g), p).0 >= 2 {
                rep += len_of(i, n);
                next = i + n;
            } else {
                next = i + 1;
            }
        }
        dup[k] = rep;
        // No repeated 5-gram: no longer n-gram repeats either.
        if rep == 0 {
            break;
        }
    }
    (top, dup)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum C4Drop {
    Lorem,
    Curly,
}

struct C4 {
    lines: u64,
    kept: u64,
    sentences: u64,
    drop: Option<C4Drop>,
}

/// C4's phrases, matched ignoring ASCII case: 0 drops the document, 1 the line, 2.. (cookie and
/// terms-of-use phrases) the line.
const C4_PHRASES: [&str; 8] = [
    "lorem ipsum",
    "javascript",
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
];

fn c4_phrases() -> Option<&'static AhoCorasick> {
    static AC: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(C4_PHRASES)
            .ok()
    })
    .as_ref()
}

/// Strings one of which every C4 phrase holds (the cookie phrases hold `cookie`, `privacy
/// policy` holds `policy`), each with a piece of three bytes rarely seen elsewhere, at the given
/// offset. The pieces have 32 spellings in all (their letters in either case), so few that the
/// fastest vector search takes them.
const C4_ANCHORS: [(&str, usize); 5] = [
    ("lorem ipsum", 4),
    ("javascript", 0),
    ("terms of use", 7),
    ("policy", 3),
    ("cookie", 3),
];

/// A searcher of the pieces of [`C4_ANCHORS`] in every ASCII case, and the anchor of each of its
/// patterns; built once; `None` where the vector search is not available.
fn c4_pieces() -> Option<&'static (aho_corasick::packed::Searcher, Vec<usize>)> {
    static S: OnceLock<Option<(aho_corasick::packed::Searcher, Vec<usize>)>> = OnceLock::new();
    S.get_or_init(|| {
        let mut b = aho_corasick::packed::Config::new().builder();
        let mut anchors = Vec::new();
        for (k, (anchor, at)) in C4_ANCHORS.iter().enumerate() {
            let piece = anchor.as_bytes().get(*at..at + 3).unwrap_or(&[]);
            // Bit i of `case`: the i-th byte in upper case (letters only).
            for case in 0..1u32 << piece.len() {
                if piece
                    .iter()
                    .enumerate()
                    .any(|(i, c)| case >> i & 1 == 1 && !c.is_ascii_alphabetic())
                {
                    continue;
                }
                let spelling: Vec<u8> = piece
                    .iter()
                    .enumerate()
                    .map(|(i, &c)| {
                        if case >> i & 1 == 1 {
                            c.to_ascii_uppercase()
                        } else {
                            c
                        }
                    })
                    .collect();
                b.add(spelling);
                anchors.push(k);
            }
        }
        Some((b.build()?, anchors))
    })
    .as_ref()
}

/// Whether a line of `text` may hold a C4 phrase, when `text` has no `[`. A phrase of a line is
/// one of the text (lines are cut at breaks and stripped, and no phrase holds a break or a space
/// at either end), unless removing a citation `[…]` joined its two halves: so a text without `[`
/// and without any phrase (ignoring ASCII case) has none in any line, nor one without any of
/// [`C4_ANCHORS`]. Most texts have none, and the lines of those skip the phrase search, the
/// costliest step of C4: here one vector search for the pieces of the anchors in every case
/// (about two instructions per byte), each piece found checked for its anchor around it. Without
/// the vector search, every text is a candidate.
fn c4_phrase_candidate(text: &[u8]) -> bool {
    let Some((searcher, anchors)) = c4_pieces() else {
        return true;
    };
    let mut at = 0;
    while let Some(m) = searcher.find_in(text, aho_corasick::Span::from(at..text.len())) {
        if let Some(&(anchor, offset)) = anchors
            .get(m.pattern().as_usize())
            .and_then(|&k| C4_ANCHORS.get(k))
            && let Some(start) = m.start().checked_sub(offset)
            && text
                .get(start..start + anchor.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(anchor.as_bytes()))
        {
            return true;
        }
        at = m.start() + 1;
    }
    false
}

/// Removes `[digits]`, `[edit]` and `[citation needed]` into `out`.
fn remove_citations(line: &str, out: &mut String) {
    out.clear();
    let mut rest = line;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let digits = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        let skip = if after[digits..].starts_with(']') {
            Some(digits + 1)
        } else if after.starts_with("edit]") {
            Some(5)
        } else if after.starts_with("citation needed]") {
            Some(16)
        } else {
            None
        };
        match skip {
            Some(k) => rest = &after[k..],
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// Sentences in a kept line: runs of `.`, `!`, `?` followed by whitespace or the end, at least 1.
fn c4_sentences(line: &str) -> u64 {
    let b = line.as_bytes();
    let mut n = 0u64;
    let mut i = 0;
    while let Some(j) = memchr::memchr3(b'.', b'!', b'?', &b[i..]).map(|j| i + j) {
        let mut k = j;
        while k < b.len() && matches!(b[k], b'.' | b'!' | b'?') {
            k += 1;
        }
        if k == b.len()
            || line
                .get(k..)
                .and_then(|s| s.chars().next())
                .is_some_and(is_py_space)
        {
            n += 1;
        }
        i = k;
        if i >= b.len() {
            break;
        }
    }
    n.max(1)
}

/// At least `min` whitespace-separated words in `line`?
fn has_words(line: &str, min: usize) -> bool {
    let b = line.as_bytes();
    let mut n = 0;
    let mut in_word = false;
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        // ASCII bytes are looked at as they are, other chars decoded.
        let space = if x.is_ascii() {
            i += 1;
            is_py_space(char::from(x))
        } else {
            let c = line.get(i..).and_then(|s| s.chars().next()).unwrap_or(' ');
            i += c.len_utf8();
            is_py_space(c)
        };
        if !space && !in_word {
            n += 1;
            if n >= min {
                return true;
            }
        }
        in_word = !space;
    }
    false
}

/// Whether the text holds `[` (then its lines may hold citations) and `{`.
#[derive(Clone, Copy)]
struct C4Marks {
    brackets: bool,
    curly: bool,
}

/// C4 on the lines of `text`; `phrases`: whether any line may hold a phrase
/// ([`c4_phrase_candidate`]); `marks`: the marks the text holds, looked for in its lines only
/// when it does.
fn c4_lines(
    text: &str,
    lines: &[(u32, u32)],
    lang: Lang,
    phrases: bool,
    marks: C4Marks,
    buf: &mut String,
) -> C4 {
    let mut c = C4 {
        lines: lines.len() as u64,
        kept: 0,
        sentences: 0,
        drop: None,
    };
    for &l in lines {
        let line = py_strip(span(text, l));
        // A word of more than 1000 chars needs a line of more than 1000 bytes.
        if line.len() > 1000
            && line
                .split(is_py_space)
                .any(|w| w.len() > 1000 && chars(w) > 1000)
        {
            continue;
        }
        let line: &str = if marks.brackets && memchr::memchr(b'[', line.as_bytes()).is_some() {
            remove_citations(line, buf);
            buf.as_str()
        } else {
            line
        };
        let ends = line.ends_with(['.', '?', '!', '"', '\''])
            || line
                .chars()
                .next_back()
                .is_some_and(|ch| extra_line_end(lang, ch));
        if !ends || line.ends_with("...") || !has_words(line, 3) {
            continue;
        }
        let (mut lorem, mut javascript, mut policy) = (false, false, false);
        if phrases && let Some(ac) = c4_phrases() {
            for m in ac.find_overlapping_iter(line) {
                match m.pattern().as_usize() {
                    0 => lorem = true,
                    1 => javascript = true,
                    _ => policy = true,
                }
            }
        }
        if lorem {
            c.drop = Some(C4Drop::Lorem);
            break;
        }
        if javascript {
            continue;
        }
        if marks.curly && memchr::memchr(b'{', line.as_bytes()).is_some() {
            c.drop = Some(C4Drop::Curly);
            break;
        }
        if policy {
            continue;
        }
        c.kept += 1;
        c.sentences += c4_sentences(line);
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;
    use hashbrown::HashMap;

    fn q(text: &str, lang: Lang) -> Quality {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        compute(text, &tokens, lang, &mut Scratch::default())
    }

    fn val(q: &Quality, name: &str) -> f64 {
        q.values[SIGNALS.iter().position(|s| *s == name).unwrap()]
    }

    fn failed(q: &Quality) -> Vec<&'static str> {
        CHECKS
            .iter()
            .enumerate()
            .filter(|(i, _)| q.fails(*i))
            .map(|(_, c)| c.name)
            .collect()
    }

    #[test]
    fn sets() {
        assert!(is_punctuation('»'));
        assert!(is_punctuation('…'));
        assert!(is_punctuation('\u{1}'));
        assert!(!is_punctuation('\t'));
        assert!(!is_punctuation('\n'));
        assert!(!is_punctuation('€'));
        assert!(is_punctuation('।'));
        assert!(is_terminal('.'));
        assert!(!is_terminal('…'));
        assert!(!is_terminal('»'));
        assert!(TERMINAL.windows(2).all(|w| w[0] < w[1]));
        // `is_terminal`'s ASCII fast path.
        assert!(
            TERMINAL
                .iter()
                .filter(|c| c.is_ascii())
                .eq(&['!', '.', '?'])
        );
        for w in [
            "",
            "a",
            "é",
            "€uro",
            "naïveté",
            "日本語",
            "0123456789abcdef",
            "éééééé€",
            "1234567é",
            "abcdefgé€",
            "éééééé€a",
            "€€€€€a",
        ] {
            let k = pack(w.as_bytes()).unwrap();
            assert_eq!(
                packed_chars(k as u64, (k >> 64) as u64, w.len()),
                chars(w),
                "{w}"
            );
            // Packed from any place of a text, near its end or not.
            for pre in ["", "x", "0123456789abcdef"] {
                for post in ["", "y", "0123456789abcdef"] {
                    let t = format!("{pre}{w}{post}");
                    assert_eq!(
                        pack_halves_at(t.as_bytes(), pre.len(), w.len()),
                        Some((k as u64, (k >> 64) as u64)),
                        "{t}"
                    );
                }
            }
        }
        assert!(LISTED.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn gopher_quality_by_hand() {
        // Tokens: "The", "cat", "sat", ".", "#", "tag", "...", → "." "." "." are three tokens.
        let text = "The cat sat.\n# tag...\n- item\n• dot …";
        let r = q(text, Lang::EN);
        // W: The cat sat . # tag . . . - item • dot … = 14 tokens; S (char outside the set): The,
        // cat, sat, tag, item, •, dot = 7 (`•` is not in PUNCTUATION_SET).
        assert_eq!(val(&r, "gopher.words"), 7.0);
        // Lengths 3+3+3+3+4+1+3 = 20 over 7.
        assert!((val(&r, "gopher.mean_word_length") - 20.0 / 7.0).abs() < 1e-12);
        assert!((val(&r, "gopher.hash_ratio") - 1.0 / 14.0).abs() < 1e-12);
        // One "..." and one "…".
        assert!((val(&r, "gopher.ellipsis_ratio") - 2.0 / 14.0).abs() < 1e-12);
        // 4 lines: "- item" and "• dot …" are bullets; "# tag..." and "• dot …" end in an ellipsis.
        assert_eq!(val(&r, "gopher.bullet_lines"), 0.5);
        assert_eq!(val(&r, "gopher.ellipsis_lines"), 0.5);
        // Alphabetic tokens: The cat sat tag item dot = 6 of 14.
        assert!((val(&r, "gopher.alpha_words") - 6.0 / 14.0).abs() < 1e-12);
        // English list: "the" is not matched (case-sensitive), no other stop word.
        assert_eq!(val(&r, "gopher.stop_words"), 0.0);
        let f = failed(&r);
        for c in [
            "gopher_short_doc",
            "gopher_below_avg_threshold",
            "gopher_too_many_ellipsis",
            "gopher_too_many_end_ellipsis",
            "gopher_below_alpha_threshold",
            "gopher_enough_stop_words",
        ] {
            assert!(f.contains(&c), "{c} in {f:?}");
        }
        // 1/14 hashes is under 0.1; half the lines are bullets, under 0.9.
        assert!(!f.contains(&"gopher_too_many_hashes"));
        assert!(!f.contains(&"gopher_too_many_bullets"));
        assert_eq!(r.verdicts()[0], Some(0));
    }

    #[test]
    fn stop_words_are_language_aware() {
        let r = q("le chat et la souris de la maison", Lang::FR);
        // Distinct French stop words: le, et, la, de (la twice).
        assert!(val(&r, "gopher.stop_words") >= 4.0);
        let r = q("the cat and the dog of Rome", Lang::parse("sw").unwrap());
        // No list for sw: Gopher's eight: the, and, of.
        assert_eq!(val(&r, "gopher.stop_words"), 3.0);
    }

    #[test]
    fn repetition_by_hand() {
        // 5 lines, "a b" twice; paragraphs: "x\ny" / "a b" / "a b".
        let text = "x\ny\n\na b\n\na b";
        let r = q(text, Lang::EN);
        // C = 13 chars. Paragraphs: 3, one duplicate of 3 chars.
        assert!((val(&r, "repetition.dup_paragraphs") - 1.0 / 3.0).abs() < 1e-12);
        assert!((val(&r, "repetition.dup_paragraph_chars") - 3.0 / 13.0).abs() < 1e-12);
        // Lines (split on \n+): x, y, a b, a b → one duplicate.
        assert!((val(&r, "repetition.dup_lines") - 0.25).abs() < 1e-12);
        assert!((val(&r, "repetition.dup_line_chars") - 3.0 / 13.0).abs() < 1e-12);
        // Tokens x y a b a b: bigram "a b" twice → 2 × 3 chars.
        assert!((val(&r, "repetition.top_2gram_chars") - 6.0 / 13.0).abs() < 1e-12);
        // Trigrams all distinct: the first one "x y a" (5 chars) once.
        assert!((val(&r, "repetition.top_3gram_chars") - 5.0 / 13.0).abs() < 1e-12);
        let f = failed(&r);
        assert!(f.contains(&"dup_para_frac") && f.contains(&"dup_line_char_frac"));
    }

    #[test]
    fn duplicated_ngrams_greedy() {
        // Tokens: 1 2 3 4 5 1 2 3 4 5 1 2 3 4 5 (numbers are tokens, 1 char each).
        let text = "1 2 3 4 5 1 2 3 4 5 1 2 3 4 5";
        let r = q(text, Lang::EN);
        // n = 5: i = 0..4 new; i = 5 "1 2 3 4 5" seen → +5, jump to 10 → seen → +5: 10 chars.
        let c = 29.0;
        assert!((val(&r, "repetition.dup_5gram_chars") - 10.0 / c).abs() < 1e-12);
        // n = 6: windows 0..4 new (5 of them), i = 5 "1 2 3 4 5 1" = window 0 → +6, jump to 11,
        // i = 11 > 15 − 6: stop. 6 chars.
        assert!((val(&r, "repetition.dup_6gram_chars") - 6.0 / c).abs() < 1e-12);
        // n = 10: windows 0..4 new, i = 5 = window 0 → +10.
        assert!((val(&r, "repetition.dup_10gram_chars") - 10.0 / c).abs() < 1e-12);
    }

    #[test]
    fn fineweb_by_hand() {
        let text =
            "Une longue ligne qui se termine bien ici.\n« Une citation »\n\nAttendez…\n  \nNon";
        let fr = q(text, Lang::FR);
        // Non-blank lines: 4. Ending in a terminal mark: the first; French adds » and … → 3.
        assert_eq!(val(&fr, "fineweb.line_punct"), 0.75);
        let en = q(text, Lang::EN);
        assert_eq!(val(&en, "fineweb.line_punct"), 0.25);
        // Short lines (≤ 30 chars): the last three.
        assert_eq!(val(&fr, "fineweb.short_lines"), 0.75);
        assert!(failed(&fr).contains(&"short_line_ratio"));
        // 5 newlines over the tokens.
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let n = tokens
            .iter()
            .filter(|t| !matches!(t.kind, TokenKind::Space | TokenKind::Newline))
            .count() as f64;
        assert!((val(&fr, "fineweb.list_ratio") - 5.0 / n).abs() < 1e-12);
        let empty = q(" \n ", Lang::FR);
        assert!(failed(&empty).contains(&"empty"));
    }

    #[test]
    fn c4_by_hand() {
        let text = "Short line.\nThis line is kept. It has two sentences.\nNo end mark here\n\
                    Truncated line goes on...\nWe use cookies on this site.\nThe citation is gone [12].";
        let r = q(text, Lang::EN);
        // Lines: 6; kept: the second and the last (the citation removed, it ends in `.`).
        assert!((val(&r, "c4.kept_lines") - 2.0 / 6.0).abs() < 1e-12);
        assert_eq!(r.c4_sentences, 3);
        assert!(failed(&r).contains(&"too_few_sentences"));
        let r = q("Some code { here } and more words.", Lang::EN);
        assert!(failed(&r).contains(&"curly_bracket"));
        assert!(!failed(&r).contains(&"too_few_sentences"));

        // Phrases ignore ASCII case, with or without a citation in the text; a citation removed
        // can join one.
        let r = q(
            "This page needs JavaScript to run.\nThis line is kept here.",
            Lang::EN,
        );
        assert!((val(&r, "c4.kept_lines") - 0.5).abs() < 1e-12);
        let r = q(
            "This page needs Java[1]Script to run.\nThis line is kept here.",
            Lang::EN,
        );
        assert!((val(&r, "c4.kept_lines") - 0.5).abs() < 1e-12);
        let r = q("One two three.\nLOREM IPSUM dolor sit amet.", Lang::EN);
        assert!(failed(&r).contains(&"lorem_ipsum"));
        let r = q("One two three.\nThis is about lorem and ipsum.", Lang::EN);
        assert!(!failed(&r).contains(&"lorem_ipsum"));
        for p in C4_PHRASES {
            assert!(C4_ANCHORS.iter().any(|(a, _)| p.contains(a)), "{p}");
        }
        // The prefilter: an anchor in any case, only whole (its piece alone is not enough), at
        // either end of the text.
        #[cfg(target_arch = "x86_64")]
        assert_eq!(c4_pieces().map(|(_, anchors)| anchors.len()), Some(32));
        for (t, yes) in [
            ("Enable JaVaScRiPt.", true),
            ("javascript", true),
            ("lorem IPSUM", true),
            ("Our TERMS OF USE", true),
            ("a policy", true),
            ("cookies", true),
            (
                "Java script and icy roads, a cookbook; Kiel's terms, forms, ipsa; of us, from it",
                false,
            ),
            ("", false),
        ] {
            let long = format!("{}{t}", "x".repeat(200));
            assert_eq!(c4_phrase_candidate(t.as_bytes()), yes, "{t}");
            assert_eq!(c4_phrase_candidate(long.as_bytes()), yes, "{long}");
        }
        // An anchor without its phrase: the line is kept.
        let r = q(
            "Our cookie recipe is here.\nThe new policy is out today.",
            Lang::EN,
        );
        assert_eq!(val(&r, "c4.kept_lines"), 1.0);
    }

    #[test]
    fn duplicates_by_sorting() {
        let text = "b\n  \na\nb\n  \nccc\na\nb\n\n";
        let mut items = Vec::new();
        let newlines: Vec<u32> = memchr::memchr_iter(b'\n', text.as_bytes())
            .map(|i| i as u32)
            .collect();
        split_runs(&newlines, 0, text.len() as u32, 1, &mut items);
        // b, "  ", a, b, "  ", ccc, a, b, "": duplicates b, "  ", a, b.
        let d = dups(text, &mut items);
        assert_eq!((d.count, d.chars, d.nonblank_chars), (4, 5, 3));
        let d = dups(text, &mut [(0, 1)]);
        assert_eq!((d.count, d.chars), (0, 0));
        let b = breaks("a … b…… c...\u{2028}".as_bytes());
        assert!(b.rare);
        assert_eq!(b.ellipses, 3);
        let b = breaks("«\u{a0}é\u{2019}»".as_bytes());
        assert!(!b.rare && b.ellipses == 0);
        assert!(breaks("a\u{85}".as_bytes()).rare);
        let long = "é€…".repeat(100);
        assert_eq!(count_chars(long.as_bytes()), long.chars().count() as u64);
    }

    /// The definitions, computed naively: every n-gram counted.
    fn naive(hashes: &[u64], lens: &[u32]) -> ([u64; 3], [u64; 6]) {
        let mut top = [0u64; 3];
        for (k, n) in (2..=4usize).enumerate() {
            if hashes.len() < n {
                continue;
            }
            let mut counts: HashMap<Vec<u64>, (u32, usize)> = HashMap::new();
            for (i, w) in hashes.windows(n).enumerate() {
                counts.entry(w.to_vec()).or_insert((0, i)).0 += 1;
            }
            let (c, first) = counts
                .values()
                .copied()
                .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
                .unwrap();
            let len: u64 = lens[first..first + n].iter().map(|&x| u64::from(x)).sum();
            top[k] = u64::from(c) * (len + n as u64 - 1);
        }
        let mut dup = [0u64; 6];
        for (k, n) in (5..=10usize).enumerate() {
            let mut seen = std::collections::HashSet::new();
            let mut i = 0;
            while i + n <= hashes.len() {
                if seen.insert(hashes[i..i + n].to_vec()) {
                    i += 1;
                } else {
                    dup[k] += lens[i..i + n].iter().map(|&x| u64::from(x)).sum::<u64>();
                    i += n;
                }
            }
        }
        (top, dup)
    }

    #[test]
    fn repetition_matches_the_naive_definition() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut r = RepScratch::default();
        for case in 0..400 {
            // Mostly short sequences, a few long ones (the table grows, then shrinks back).
            let len = if case % 100 == 99 {
                2000 + case as usize
            } else {
                (case % 60) as usize
            };
            let alphabet = 2 + case % 5;
            let mut hashes = Vec::new();
            let mut lens = Vec::new();
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let t = state % alphabet;
                let b = format!("t{t}");
                hashes.push(token_hash(pack(b.as_bytes()), b.as_bytes()));
                lens.push(1 + t as u32);
            }
            assert_eq!(
                repetition(&hashes, &lens, &mut r),
                naive(&hashes, &lens),
                "case {case}"
            );
        }
    }

    #[test]
    fn splitlines_like_python() {
        let lines = |t: &str| {
            let mut spans = Vec::new();
            let newlines: Vec<u32> = memchr::memchr_iter(b'\n', t.as_bytes())
                .map(|i| i as u32)
                .collect();
            splitlines(t, &newlines, breaks(t.as_bytes()).rare, &mut spans);
            spans
                .iter()
                .map(|&s| span(t, s).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(lines("a\r\nb\rc\u{2028}d\n"), ["a", "b", "c", "d"]);
        assert_eq!(lines("\n"), [""]);
        assert_eq!(lines("é\u{85}x\u{2026}\u{2029}"), ["é", "x\u{2026}"]);
        assert_eq!(lines("a\x0bb\x1ec"), ["a", "b", "c"]);
        // Only `\n`: the fast path.
        assert_eq!(lines("a\n\nb é\n"), ["a", "", "b é"]);
        assert_eq!(lines("a\nb"), ["a", "b"]);
        assert!(lines("").is_empty());
        let mut pieces = Vec::new();
        split_runs(&[1, 2, 3, 5], 0, 7, 2, &mut pieces);
        assert_eq!(pieces, [(0, 1), (4, 7)]);
        split_runs(&[1, 2, 3, 5], 0, 7, 1, &mut pieces);
        assert_eq!(pieces, [(0, 1), (4, 5), (6, 7)]);
        // "\na\n\nb\n": empty first and last pieces; within 1..5 (stripped), one paragraph break.
        split_runs(&[0, 2, 3, 5], 0, 6, 1, &mut pieces);
        assert_eq!(pieces, [(0, 0), (1, 2), (4, 5), (6, 6)]);
        split_runs(&[0, 2, 3, 5], 1, 5, 2, &mut pieces);
        assert_eq!(pieces, [(1, 2), (4, 5)]);
    }
}
